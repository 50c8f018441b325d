/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GF_TYPE_FIRST_ADMIN_PAGE (gf_first_admin_page_get_type ())
G_DECLARE_FINAL_TYPE (GfFirstAdminPage, gf_first_admin_page, GF, FIRST_ADMIN_PAGE, AdwBin)

void gf_first_admin_page_set_db_path (GfFirstAdminPage *self,
                                      const char       *db_path);

G_END_DECLS
