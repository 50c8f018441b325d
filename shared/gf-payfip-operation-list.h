/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gf-db.h"

G_BEGIN_DECLS

/* A PayFiP attempt as the régisseur follows it: every field PayFiP sent back, the
 * family, the invoices and the payment it became. */
typedef struct
{
  gint64  id;
  char   *refdet;
  char   *idop;             /* NULL until PayFiP gave one */
  gint64  family_id;
  char   *family_reference;
  char   *family_name;
  gint64  amount_cents;
  char   *email;
  char   *saisie;
  char   *state;            /* created, pending, paid, refused, abandoned, error */
  char   *resultrans;
  char   *numauto;
  char   *dattrans;
  char   *heurtrans;
  char   *last_error;
  char   *created_at;
  char   *updated_at;
  char   *settled_at;
  char   *lock_until;
  gint64  check_failures;
  char   *invoices;         /* "N1, N2" */
  gint64  payment_id;       /* 0: none */
} GfPayfipOperationRow;

void        gf_payfip_operation_row_free     (GfPayfipOperationRow  *row);
const char *gf_payfip_operation_state_label  (const char            *state);
GPtrArray  *gf_payfip_operation_list         (GfDb                  *db,
                                              const char            *state,
                                              guint                  limit,
                                              GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfPayfipOperationRow, gf_payfip_operation_row_free)

G_END_DECLS
