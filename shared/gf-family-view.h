/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "gf-audit.h"
#include "gf-guardian.h"

G_BEGIN_DECLS

/* What the staff application's family page reads and changes beyond the plain records:
 * short lists (children, payments, messages) and the guardian changes that touch the
 * portal login. */

typedef struct
{
  gint64    id;
  char     *first_name;
  char     *last_name;
  char     *birth_date;      /* ISO, may be empty */
  char     *establishment;   /* school or crèche name, may be empty */
  char     *class_name;
  gboolean  archived;
} GfFamilyChildRow;

typedef struct
{
  gint64  id;
  char   *paid_at;
  char   *method;            /* "payfip", "cash", … */
  gint64  amount_cents;
  char   *reference;
} GfFamilyPaymentRow;

typedef struct
{
  gint64    id;
  char     *created_at;
  char     *direction;       /* "in" (from the family), "out" */
  char     *sender_name;
  char     *subject;
  gboolean  read;
} GfFamilyMessageRow;

void        gf_family_child_row_free     (GfFamilyChildRow   *row);
void        gf_family_payment_row_free   (GfFamilyPaymentRow *row);
void        gf_family_message_row_free   (GfFamilyMessageRow *row);

GPtrArray  *gf_family_list_children      (GfDb           *db,
                                          gint64          family_id,
                                          GError        **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray  *gf_family_list_payments      (GfDb           *db,
                                          gint64          family_id,
                                          GError        **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray  *gf_family_list_messages      (GfDb           *db,
                                          gint64          family_id,
                                          GError        **error) G_GNUC_WARN_UNUSED_RESULT;


gboolean    gf_family_save_guardian      (GfDb           *db,
                                          const GfActor  *actor,
                                          GfGuardian     *guardian,
                                          GError        **error);
gboolean    gf_family_remove_guardian    (GfDb           *db,
                                          const GfActor  *actor,
                                          gint64          guardian_id,
                                          GError        **error);

char       *gf_family_normalize_iban     (const char     *text,
                                          GError        **error) G_GNUC_WARN_UNUSED_RESULT;
char       *gf_family_mask_iban          (const char     *iban) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfFamilyChildRow, gf_family_child_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfFamilyPaymentRow, gf_family_payment_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfFamilyMessageRow, gf_family_message_row_free)

G_END_DECLS
