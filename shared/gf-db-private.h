/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gf-db.h"

G_BEGIN_DECLS

gboolean _gf_db_migrate          (GfDb     *self,
                                  int       from_version,
                                  GError  **error);
int      _gf_db_read_user_version (sqlite3 *handle,
                                  GError  **error);

G_END_DECLS
