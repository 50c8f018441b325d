/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define GF_MAIL_ERROR (gf_mail_error_quark ())

typedef enum
{
  /* Neither an SMTP relay nor a maildir, or a setting that cannot be used. */
  GF_MAIL_ERROR_NOT_CONFIGURED,
  /* The relay cannot be reached or refuses this sender: every mail would fail alike. */
  GF_MAIL_ERROR_RELAY,
  /* This one mail was refused or could not be written. */
  GF_MAIL_ERROR_FAILED,
} GfMailError;

#define GF_TYPE_MAIL_SENDER (gf_mail_sender_get_type ())
G_DECLARE_FINAL_TYPE (GfMailSender, gf_mail_sender, GF, MAIL_SENDER, GObject)

GQuark        gf_mail_error_quark             (void);

GfMailSender *gf_mail_sender_new              (const char           *db_path,
                                               const char           *maildir)
                                               G_GNUC_WARN_UNUSED_RESULT;
const char   *gf_mail_sender_get_db_path      (GfMailSender         *self);
const char   *gf_mail_sender_get_maildir      (GfMailSender         *self);

void          gf_mail_sender_run_once_async   (GfMailSender         *self,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean      gf_mail_sender_run_once_finish  (GfMailSender         *self,
                                               GAsyncResult         *result,
                                               guint                *out_sent,
                                               GError              **error);
gboolean      gf_mail_sender_run_once         (GfMailSender         *self,
                                               guint                *out_sent,
                                               GError              **error);

void          gf_mail_sender_start            (GfMailSender         *self,
                                               guint                 interval_seconds);
void          gf_mail_sender_stop             (GfMailSender         *self);
void          gf_mail_sender_wake             (GfMailSender         *self);
gboolean      gf_mail_sender_is_busy          (GfMailSender         *self);

G_END_DECLS
