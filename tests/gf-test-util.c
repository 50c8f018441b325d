/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-test-util.h"
#include "gf-crypto.h"
#include "gf-i18n.h"

#include <locale.h>

void
gf_test_init_env (void)
{
  setlocale (LC_ALL, "");
  gf_i18n_init ();
  gf_crypto_init ();
}

/* A new, migrated database in a folder of its own under the test's isolated tmp dir. */
GfDb *
gf_test_db_new (char **out_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gf-test-XXXXXX", &error);
  g_autofree char *path = NULL;
  GfDb *db;

  g_assert_no_error (error);
  path = g_build_filename (dir, "test.db", NULL);
  db = gf_db_open (path, GF_DB_OPEN_CREATE | GF_DB_OPEN_MIGRATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);

  if (out_path != NULL)
    *out_path = g_steal_pointer (&path);
  return db;
}

/* Every row of @table as text, in rowid order: for "did anything change?" checks.
 * @table comes from the test's own constants. */
char *
gf_test_dump_table (GfDb       *db,
                    const char *table)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1", table);
  g_autoptr(GString) dump = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (gf_db_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (dump, "%s|", sqlite3_column_type (stmt, i) == SQLITE_NULL
                                ? "∅" : (const char *)sqlite3_column_text (stmt, i));
      g_string_append_c (dump, '\n');
    }
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&dump), FALSE);
}

gint64
gf_test_count (GfDb       *db,
               const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 value = -1;

  sqlite3_stmt *stmt = NULL;
  g_assert_cmpint (sqlite3_prepare_v2 (gf_db_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}
