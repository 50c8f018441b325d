/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "gf-db.h"

G_BEGIN_DECLS

/* After this many failed attempts a mail stays in the outbox with its error, no longer due. */
#define GF_MAIL_OUTBOX_MAX_ATTEMPTS 20
/* The longest wait between two attempts: 6 hours. */
#define GF_MAIL_OUTBOX_MAX_DELAY_MINUTES 360
#define GF_MAIL_OUTBOX_SUBJECT_MAX_CHARS 300

/* One queued mail, as gf_mail_outbox_due() and gf_mail_outbox_claim() return it. */
typedef struct _GfMailItem GfMailItem;

struct _GfMailItem
{
  gint64  id;
  char   *kind;
  char   *recipient;
  char   *subject;
  char   *body_text;
  char   *body_html;   /* nullable */
  gint64  attempts;
};

#define GF_TYPE_MAIL_ITEM (gf_mail_item_get_type ())

GType       gf_mail_item_get_type             (void) G_GNUC_CONST;
GfMailItem *gf_mail_item_copy                 (const GfMailItem  *item) G_GNUC_WARN_UNUSED_RESULT;
void        gf_mail_item_free                 (GfMailItem        *item);

gboolean    gf_mail_outbox_enqueue            (GfDb              *db,
                                               const char        *kind,
                                               const char        *recipient,
                                               const char        *subject,
                                               const char        *body_text,
                                               const char        *body_html,
                                               gint64            *out_id,
                                               GError           **error);
GPtrArray  *gf_mail_outbox_due                (GfDb              *db,
                                               guint              limit,
                                               GError           **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray  *gf_mail_outbox_claim              (GfDb              *db,
                                               guint              limit,
                                               guint              lease_seconds,
                                               GError           **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean    gf_mail_outbox_release            (GfDb              *db,
                                               gint64             id,
                                               GError           **error);
gboolean    gf_mail_outbox_mark_sent          (GfDb              *db,
                                               gint64             id,
                                               GError           **error);
gboolean    gf_mail_outbox_mark_failed        (GfDb              *db,
                                               gint64             id,
                                               const char        *error_text,
                                               GError           **error);
gint64      gf_mail_outbox_retry_delay_minutes (gint64            attempts);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfMailItem, gf_mail_item_free)

G_END_DECLS
