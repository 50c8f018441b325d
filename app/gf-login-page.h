/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GF_TYPE_LOGIN_PAGE (gf_login_page_get_type ())
G_DECLARE_FINAL_TYPE (GfLoginPage, gf_login_page, GF, LOGIN_PAGE, AdwBin)

void        gf_login_page_set_db_path  (GfLoginPage *self,
                                        const char  *db_path);
void        gf_login_page_fill         (GfLoginPage *self,
                                        const char  *login,
                                        const char  *password);
void        gf_login_page_submit       (GfLoginPage *self);
gboolean    gf_login_page_get_busy     (GfLoginPage *self);
const char *gf_login_page_get_error    (GfLoginPage *self);
void        gf_login_page_reset        (GfLoginPage *self);

G_END_DECLS
