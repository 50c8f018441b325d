/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Header lines are folded to stay within this many characters (RFC 5322 says 78). */
#define GF_MAIL_HEADER_LINE_MAX 76

char     *gf_mail_message_build           (const char   *from,
                                           const char   *to,
                                           const char   *subject,
                                           const char   *body_text,
                                           const char   *body_html,
                                           const char   *message_id_domain,
                                           GDateTime    *date,
                                           GError      **error) G_GNUC_WARN_UNUSED_RESULT;

gboolean  gf_mail_message_parse_mailbox   (const char   *mailbox,
                                           char        **out_display_name,
                                           char        **out_address,
                                           GError      **error);
char     *gf_mail_message_format_mailbox  (const char   *display_name,
                                           const char   *address) G_GNUC_WARN_UNUSED_RESULT;
char     *gf_mail_message_format_date     (GDateTime    *date) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
