/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include <glib/gstdio.h>

#include "gf-db.h"
#include "gf-test-util.h"

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_new_database (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GfDb) db = gf_test_db_new (&path);

  g_assert_cmpint (gf_db_get_schema_version (db), ==, gf_db_get_latest_version ());
  g_assert_cmpint (gf_db_get_latest_version (), >=, 1);

  /* Every entity of DESIGN.md has its table. */
  {
    const char *tables[] = {
      "family", "guardian", "citizen_account", "token", "session", "child", "child_contact",
      "authorization_type", "child_authorization", "establishment", "service", "tariff",
      "enrolment", "reservation_period", "closed_day", "reservation", "attendance",
      "billing_run", "invoice", "invoice_line", "payment", "payment_allocation",
      "payfip_operation", "payfip_operation_invoice", "document_type", "document",
      "change_request", "announcement", "announcement_dismissal", "message", "mail_outbox",
      "audit_log", "setting", "staff_user",
    };

    for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
      {
        g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_schema "
                                                "WHERE type = 'table' AND name = '%s'", tables[i]);
        g_assert_cmpint (gf_test_count (db, sql), ==, 1);
      }
  }

  /* The pragmas DESIGN.md asks for, on every connection. */
  g_assert_cmpint (gf_test_count (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (gf_test_count (db, "PRAGMA synchronous"), ==, 2);
  g_assert_cmpint (gf_test_count (db, "PRAGMA busy_timeout"), >=, 1000);
  {
    g_autofree char *mode = NULL;
    sqlite3_stmt *stmt = NULL;

    sqlite3_prepare_v2 (gf_db_get_handle (db), "PRAGMA journal_mode", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    mode = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
    g_assert_cmpstr (mode, ==, "wal");
  }
}

static void
test_migrate_again (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GfDb) db = gf_test_db_new (&path);
  g_autoptr(GfDb) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = gf_test_dump_table (db, "sqlite_schema");
  g_autofree char *after = NULL;

  g_clear_object (&db);
  again = gf_db_open (path, GF_DB_OPEN_MIGRATE, &error);
  g_assert_no_error (error);
  after = gf_test_dump_table (again, "sqlite_schema");
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (gf_db_get_schema_version (again), ==, gf_db_get_latest_version ());
}

static void
test_too_new_refused (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GfDb) db = gf_test_db_new (&path);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GfDb *refused;

  g_assert_cmpint (sqlite3_exec (gf_db_get_handle (db), "PRAGMA user_version = 999;"
                                 "PRAGMA journal_mode = DELETE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_object (&db);
  before = read_file (path);

  refused = gf_db_open (path, GF_DB_OPEN_MIGRATE, &error);
  g_assert_null (refused);
  g_assert_error (error, GF_DB_ERROR, GF_DB_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "999"));

  /* Left untouched: not even switched to WAL. */
  after = read_file (path);
  g_assert_true (memcmp (before, after, 100) == 0);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
}

static void
test_not_a_database (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gf-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "junk.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  const char junk[] = "This is not an SQLite file, only some text written to look like one.";
  GfDb *db;

  g_file_set_contents (path, junk, -1, NULL);
  db = gf_db_open (path, GF_DB_OPEN_MIGRATE, &error);
  g_assert_null (db);
  g_assert_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_A_DATABASE);
  after = read_file (path);
  g_assert_cmpstr (after, ==, junk);
}

static void
test_missing_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gf-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "none.db", NULL);
  g_autoptr(GError) error = NULL;
  GfDb *db;

  db = gf_db_open (path, GF_DB_OPEN_MIGRATE, &error);
  g_assert_null (db);
  g_assert_error (error, GF_DB_ERROR, GF_DB_ERROR_CANNOT_OPEN);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_outdated_needs_migrate (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gf-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GfDb) migrated = NULL;
  sqlite3 *raw = NULL;
  GfDb *db;

  sqlite3_open (path, &raw);
  sqlite3_exec (raw, "CREATE TABLE leftover (x)", NULL, NULL, NULL);
  sqlite3_close (raw);

  db = gf_db_open (path, GF_DB_OPEN_DEFAULT, &error);
  g_assert_null (db);
  g_assert_error (error, GF_DB_ERROR, GF_DB_ERROR_OUTDATED);
  g_clear_error (&error);

  migrated = gf_db_open (path, GF_DB_OPEN_MIGRATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gf_db_get_schema_version (migrated), ==, gf_db_get_latest_version ());
}

static gboolean
insert_setting_cb (GfDb      *db,
                   gpointer   user_data,
                   GError   **error)
{
  g_autoptr(GfStmt) stmt = gf_db_prepare (db, "INSERT INTO setting (key, value) VALUES (?1, 'x')",
                                          error);

  if (stmt == NULL)
    return FALSE;
  gf_stmt_bind_text (stmt, 1, user_data);
  return gf_db_step_done (db, stmt, error);
}

static gboolean
fail_after_insert_cb (GfDb      *db,
                      gpointer   user_data,
                      GError   **error)
{
  if (!insert_setting_cb (db, user_data, error))
    return FALSE;
  g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_FAILED, "deliberate");
  return FALSE;
}

static gboolean
nested_cb (GfDb      *db,
           gpointer   user_data,
           GError   **error)
{
  g_autoptr(GError) inner = NULL;

  if (!insert_setting_cb (db, (gpointer)"outer", error))
    return FALSE;
  /* The inner failure rolls back its savepoint only. */
  g_assert_false (gf_db_write (db, fail_after_insert_cb, (gpointer)"inner", &inner));
  g_assert_error (inner, GF_DB_ERROR, GF_DB_ERROR_FAILED);
  return TRUE;
}

static void
test_write_rollback_and_nesting (void)
{
  g_autoptr(GfDb) db = gf_test_db_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (gf_db_write (db, fail_after_insert_cb, (gpointer)"lost", &error));
  g_assert_error (error, GF_DB_ERROR, GF_DB_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM setting"), ==, 0);
  g_assert_false (gf_db_in_transaction (db));

  g_assert_true (gf_db_write (db, nested_cb, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM setting WHERE key = 'outer'"), ==, 1);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM setting WHERE key = 'inner'"), ==, 0);
}

typedef struct
{
  char   *path;
  GMutex  mutex;
  GCond   cond;
  gboolean locked;
} Holder;

static gpointer
hold_write_lock (gpointer data)
{
  Holder *holder = data;
  sqlite3 *raw = NULL;

  sqlite3_open (holder->path, &raw);
  g_assert_cmpint (sqlite3_exec (raw, "BEGIN IMMEDIATE; INSERT INTO setting VALUES ('held', '1')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_mutex_lock (&holder->mutex);
  holder->locked = TRUE;
  g_cond_signal (&holder->cond);
  g_mutex_unlock (&holder->mutex);

  g_usleep (G_USEC_PER_SEC / 2);
  g_assert_cmpint (sqlite3_exec (raw, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
  return NULL;
}

/* Another connection holds the write lock for half a second: the write waits for it
 * instead of failing. */
static void
test_write_waits_for_lock (void)
{
  Holder holder = { 0 };
  g_autoptr(GfDb) db = gf_test_db_new (&holder.path);
  g_autoptr(GError) error = NULL;
  GThread *thread;

  g_mutex_init (&holder.mutex);
  g_cond_init (&holder.cond);
  thread = g_thread_new ("holder", hold_write_lock, &holder);
  g_mutex_lock (&holder.mutex);
  while (!holder.locked)
    g_cond_wait (&holder.cond, &holder.mutex);
  g_mutex_unlock (&holder.mutex);

  g_assert_true (gf_db_write (db, insert_setting_cb, (gpointer)"waited", &error));
  g_assert_no_error (error);
  g_thread_join (thread);

  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM setting"), ==, 2);
  g_free (holder.path);
  g_mutex_clear (&holder.mutex);
  g_cond_clear (&holder.cond);
}

static void
test_constraints_are_errors (void)
{
  g_autoptr(GfDb) db = gf_test_db_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GfStmt) stmt = NULL;

  /* A CHECK on a state: an error, not a crash. */
  stmt = gf_db_prepare (db, "INSERT INTO staff_user (login, display_name, role, password_hash, "
                            "created_at) VALUES ('x', 'X', 'emperor', 'h', 'now')", &error);
  g_assert_no_error (error);
  g_assert_false (gf_db_step_done (db, stmt, &error));
  g_assert_error (error, GF_DB_ERROR, GF_DB_ERROR_CONSTRAINT);
  g_clear_pointer (&stmt, gf_stmt_release);
  g_clear_error (&error);

  /* SQL that does not compile: an error too. */
  g_assert_null (gf_db_prepare (db, "SELEKT 1", &error));
  g_assert_error (error, GF_DB_ERROR, GF_DB_ERROR_FAILED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gf_test_init_env ();

  g_test_add_func ("/gf/db/migrate/new", test_new_database);
  g_test_add_func ("/gf/db/migrate/again", test_migrate_again);
  g_test_add_func ("/gf/db/migrate/outdated", test_outdated_needs_migrate);
  g_test_add_func ("/gf/db/open/too-new", test_too_new_refused);
  g_test_add_func ("/gf/db/open/not-a-database", test_not_a_database);
  g_test_add_func ("/gf/db/open/missing", test_missing_file);
  g_test_add_func ("/gf/db/write/rollback-and-nesting", test_write_rollback_and_nesting);
  g_test_add_func ("/gf/db/write/waits-for-lock", test_write_waits_for_lock);
  g_test_add_func ("/gf/db/constraints", test_constraints_are_errors);

  return g_test_run ();
}
