/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gf-web-request.h"

G_BEGIN_DECLS

/* Called on the main loop when the worker is done, unless the client left meanwhile;
 * the request is answered (unpaused) right after. @hash is the new hash for
 * gf_web_password_hash(), NULL for verify; @ok says whether it worked / matched. */
typedef void (*GfWebPasswordDone) (GfWebRequest *request,
                                   const char   *hash,
                                   gboolean      ok,
                                   gpointer      user_data);

void gf_web_password_hash   (GfWebRequest      *request,
                             const char        *password,
                             GfWebPasswordDone  done,
                             gpointer           user_data,
                             GDestroyNotify     destroy);
void gf_web_password_verify (GfWebRequest      *request,
                             const char        *hash,
                             const char        *password,
                             GfWebPasswordDone  done,
                             gpointer           user_data,
                             GDestroyNotify     destroy);

G_END_DECLS
