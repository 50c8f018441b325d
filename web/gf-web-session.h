/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gf-portal.h"

G_BEGIN_DECLS

/* A session that is not "remember me" ends after this long without a request. */
#define GF_SESSION_IDLE_SECONDS        (2 * 60 * 60)
/* "Se souvenir de moi": thirty days. */
#define GF_SESSION_PERSISTENT_SECONDS  (30 * 24 * 60 * 60)
#define GF_SESSION_COOKIE              "gf_session"
#define GF_CSRF_COOKIE                 "gf_csrf"

GfWebSession *gf_web_session_load             (GfDb        *db,
                                               const char  *cookie_value);
char         *gf_web_session_create           (GfDb        *db,
                                               gint64       account_id,
                                               gboolean     persistent,
                                               GError     **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean      gf_web_session_destroy          (GfDb        *db,
                                               const char  *cookie_value,
                                               GError     **error);
gboolean      gf_web_session_destroy_others   (GfDb        *db,
                                               gint64       account_id,
                                               const char  *keep_cookie_value,
                                               GError     **error);

G_END_DECLS
