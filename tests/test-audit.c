/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-audit.h"
#include "gf-settings.h"
#include "gf-test-util.h"

static GfDb *
db_with_entries (guint n)
{
  GfDb *db = gf_test_db_new (NULL);
  GfActor actor = { GF_ACTOR_STAFF, 7, "camille" };

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *value = g_strdup_printf ("Mairie numéro %u", i);

      g_assert_true (gf_settings_set (db, &actor, GF_SETTING_COLLECTIVITE_NAME, value, &error));
      g_assert_no_error (error);
    }
  return db;
}

static void
test_chain_verifies (void)
{
  g_autoptr(GfDb) db = db_with_entries (5);
  g_autoptr(GError) error = NULL;
  gint64 rows = 0;

  g_assert_true (gf_audit_verify (db, &rows, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rows, ==, 5);

  /* Who, what and the link to the previous row are all there. */
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM audit_log WHERE actor_kind = 'staff' "
                                      "AND actor_id = 7 AND actor_label = 'camille' "
                                      "AND action = 'set' AND entity = 'setting'"), ==, 5);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM audit_log a JOIN audit_log b "
                                      "ON b.id = a.id + 1 WHERE b.prev_hash = a.hash"), ==, 4);
}

static void
unprotect (GfDb *db)
{
  /* What someone with the sqlite3 shell could do. */
  g_assert_cmpint (sqlite3_exec (gf_db_get_handle (db),
                                 "DROP TRIGGER audit_log_no_update;"
                                 "DROP TRIGGER audit_log_no_delete;", NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
test_altered_row_detected (void)
{
  g_autoptr(GfDb) db = db_with_entries (4);
  g_autoptr(GError) error = NULL;

  unprotect (db);
  g_assert_cmpint (sqlite3_exec (gf_db_get_handle (db),
                                 "UPDATE audit_log SET actor_label = 'nobody' WHERE id = 3",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (gf_audit_verify (db, NULL, &error));
  g_assert_error (error, GF_DB_ERROR, GF_DB_ERROR_TAMPERED);
  g_assert_nonnull (strstr (error->message, "3"));
}

static void
test_rehashed_row_detected (void)
{
  g_autoptr(GfDb) db = db_with_entries (4);
  g_autoptr(GError) error = NULL;

  /* Changing a row and its hash breaks the link the next row holds. */
  unprotect (db);
  g_assert_cmpint (sqlite3_exec (gf_db_get_handle (db),
                                 "UPDATE audit_log SET details = '{}', hash = "
                                 "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' "
                                 "WHERE id = 2", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (gf_audit_verify (db, NULL, &error));
  g_assert_error (error, GF_DB_ERROR, GF_DB_ERROR_TAMPERED);
}

static void
test_deleted_row_detected (void)
{
  g_autoptr(GfDb) db = db_with_entries (4);
  g_autoptr(GError) error = NULL;

  unprotect (db);
  g_assert_cmpint (sqlite3_exec (gf_db_get_handle (db), "DELETE FROM audit_log WHERE id = 2",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (gf_audit_verify (db, NULL, &error));
  g_assert_error (error, GF_DB_ERROR, GF_DB_ERROR_TAMPERED);
}

static void
test_log_refuses_changes (void)
{
  g_autoptr(GfDb) db = db_with_entries (2);

  g_assert_cmpint (sqlite3_exec (gf_db_get_handle (db), "UPDATE audit_log SET action = 'x'",
                                 NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (gf_db_get_handle (db), "DELETE FROM audit_log",
                                 NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM audit_log"), ==, 2);
}

static void
test_failed_change_leaves_no_entry (void)
{
  g_autoptr(GfDb) db = db_with_entries (1);
  g_autoptr(GError) error = NULL;
  GfActor actor = GF_ACTOR_INIT_SYSTEM ("test");

  g_assert_false (gf_settings_set (db, &actor, GF_SETTING_INVOICE_DUE_DAYS, "-3", &error));
  g_assert_nonnull (error);
  g_assert_false (gf_settings_set (db, &actor, "no_such_key", "1", NULL));
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM audit_log"), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gf_test_init_env ();

  g_test_add_func ("/gf/audit/chain", test_chain_verifies);
  g_test_add_func ("/gf/audit/altered", test_altered_row_detected);
  g_test_add_func ("/gf/audit/rehashed", test_rehashed_row_detected);
  g_test_add_func ("/gf/audit/deleted", test_deleted_row_detected);
  g_test_add_func ("/gf/audit/append-only", test_log_refuses_changes);
  g_test_add_func ("/gf/audit/failed-change", test_failed_change_leaves_no_entry);

  return g_test_run ();
}
