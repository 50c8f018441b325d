/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gf-audit.h"

G_BEGIN_DECLS

/* PayFiP's limits on one payment (payfip.md §8). */
#define GF_PAYFIP_MIN_CENTS 100
#define GF_PAYFIP_MAX_CENTS 9999999

/* An online payment attempt: one of our refdets for one or several invoices, locked
 * against a second attempt until its outcome is known or the lock ends. */
typedef struct
{
  gint64  id;
  char   *refdet;
  char   *idop;           /* NULL until PayFiP gave one */
  gint64  family_id;
  gint64  amount_cents;
  char   *email;
  char   *saisie;
  char   *state;          /* created, pending, paid, refused, abandoned, error */
  char   *lock_until;
  char   *created_at;
} GfPayfipOperation;

/* What recupererDetailPaiementSecurise said, as strings off the wire. */
typedef struct
{
  const char *idop;
  const char *numcli;
  const char *refdet;
  const char *montant;
  const char *saisie;
  const char *resultrans;
  const char *numauto;
  const char *dattrans;
  const char *heurtrans;
} GfPayfipOutcome;

typedef enum
{
  GF_PAYFIP_SETTLED_NOTHING,     /* already final: nothing changed (replay) */
  GF_PAYFIP_SETTLED_PAID,
  GF_PAYFIP_SETTLED_REFUSED,
  GF_PAYFIP_SETTLED_ABANDONED,
} GfPayfipSettled;

void                gf_payfip_operation_free      (GfPayfipOperation  *operation);
GfPayfipOperation  *gf_payfip_operation_open      (GfDb               *db,
                                                   const GfActor      *actor,
                                                   gint64              family_id,
                                                   const gint64       *invoice_ids,
                                                   guint               n_invoices,
                                                   const char         *email,
                                                   GError            **error);
GfPayfipOperation  *gf_payfip_operation_get       (GfDb               *db,
                                                   const char         *idop,
                                                   gint64              id,
                                                   GError            **error);
gboolean            gf_payfip_operation_set_idop  (GfDb               *db,
                                                   gint64              operation_id,
                                                   const char         *idop,
                                                   GError            **error);
gboolean            gf_payfip_operation_fail      (GfDb               *db,
                                                   gint64              operation_id,
                                                   const char         *reason,
                                                   GError            **error);
gboolean            gf_payfip_operation_settle    (GfDb               *db,
                                                   const GfPayfipOutcome *outcome,
                                                   GfPayfipSettled    *out_settled,
                                                   GError            **error);
gboolean            gf_payfip_operation_expire    (GfDb               *db,
                                                   const char         *idop,
                                                   GError            **error);
char               *gf_payfip_invoice_locked_until (GfDb              *db,
                                                   gint64              invoice_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfPayfipOperation, gf_payfip_operation_free)

G_END_DECLS
