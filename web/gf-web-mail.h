/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gf-web-request.h"

G_BEGIN_DECLS

gboolean  gf_web_queue_mail (GfDb        *db,
                             const char  *kind,
                             const char  *recipient,
                             const char  *subject,
                             const char  *body_text,
                             GError     **error);
char     *gf_web_link       (GfWebRequest *request,
                             const char   *path,
                             const char   *token) G_GNUC_WARN_UNUSED_RESULT;
void      gf_web_wake_mail  (GfWebRequest *request);

G_END_DECLS
