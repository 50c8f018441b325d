/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gf-db.h"

G_BEGIN_DECLS

GfDb   *gf_test_db_new        (char       **out_path);
char   *gf_test_dump_table    (GfDb        *db,
                               const char  *table);
gint64  gf_test_count         (GfDb        *db,
                               const char  *sql);
void    gf_test_init_env      (void);

G_END_DECLS
