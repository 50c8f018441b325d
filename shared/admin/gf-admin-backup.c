/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "gf-admin.h"
#include "gf-db.h"
#include "gf-document.h"
#include "gf-i18n.h"

/* Copies every page of @from into @to with SQLite's online backup API: a reader of @from
 * in WAL mode, so the portal and the staff application go on writing meanwhile, and the
 * copy is one consistent snapshot. */
static gboolean
copy_database (sqlite3  *from,
               sqlite3  *to,
               GError  **error)
{
  sqlite3_backup *backup = sqlite3_backup_init (to, "main", from, "main");
  int rc;

  if (backup == NULL)
    {
      g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_FAILED, "%s", sqlite3_errmsg (to));
      return FALSE;
    }

  do
    {
      rc = sqlite3_backup_step (backup, -1);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (50);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);

  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_FAILED, "%s", sqlite3_errstr (rc));
      return FALSE;
    }
  return TRUE;
}

static gboolean
fsync_path (const char  *path,
            GError     **error)
{
  int fd = g_open (path, O_RDONLY, 0);
  int saved;

  if (fd < 0 || fsync (fd) != 0)
    {
      saved = errno;
      if (fd >= 0)
        close (fd);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "%s: %s", path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* Opens @path as a Guichet database and runs SQLite's quick check on every page. */
static gboolean
check_copy (const char  *path,
            GError     **error)
{
  g_autoptr(GfDb) copy = gf_db_open (path, GF_DB_OPEN_READONLY, error);
  g_autoptr(GfStmt) stmt = NULL;

  if (copy == NULL)
    return FALSE;
  stmt = gf_db_prepare (copy, "PRAGMA quick_check", error);
  if (stmt == NULL || gf_db_step (copy, stmt, error) != GF_DB_STEP_ROW)
    return FALSE;
  if (g_strcmp0 (gf_stmt_column_text (stmt, 0), "ok") != 0)
    {
      g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_A_DATABASE,
                   _("%s is damaged: %s"), path, gf_stmt_column_text (stmt, 0));
      return FALSE;
    }
  return TRUE;
}

/* The families' documents live beside the database (gf_document_dir), named by their
 * SHA-256: the files @listing's rows refer to go from @from_db's folder to @to_db's. */
static int
copy_documents (const char *listing,
                const char *from_db,
                const char *to_db)
{
  g_autofree char *from_dir = gf_document_dir (from_db);
  g_autofree char *to_dir = gf_document_dir (to_db);
  g_autoptr(GfDb) db = NULL;
  GError *error = NULL;
  guint copied = 0;
  guint missing = 0;

  db = gf_db_open (listing, GF_DB_OPEN_READONLY, &error);
  if (db == NULL || !gf_document_copy_files (db, from_dir, to_dir, &copied, &missing, &error))
    return gf_admin_fail (error);
  if (copied > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u document file copied to %s.\n",
                          "%u document files copied to %s.\n", copied), copied, to_dir);
  if (missing > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "Warning: %u document file was missing or altered in %s.\n",
                             "Warning: %u document files were missing or altered in %s.\n",
                             missing), missing, from_dir);
  return GF_ADMIN_EXIT_OK;
}

/*
 * backup DB FILE
 */

int
gf_admin_backup (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("DB FILE");
  g_autoptr(GfDb) db = NULL;
  g_autofree char *partial = NULL;
  sqlite3 *out = NULL;
  GError *error = NULL;
  int status;

  g_option_context_set_summary (context, "backup");
  g_option_context_set_description (context,
                                    _("Writes a consistent copy of DB to FILE while the "
                                      "portal and the application keep working. FILE must "
                                      "not exist."));
  if (!gf_admin_parse (context, &argc, &argv, 2, &status))
    return status;

  if (g_file_test (argv[2], G_FILE_TEST_EXISTS))
    return gf_admin_fail (g_error_new (GF_DB_ERROR, GF_DB_ERROR_EXISTS,
                                       _("%s already exists; nothing was changed."), argv[2]));

  db = gf_db_open (argv[1], GF_DB_OPEN_READONLY, &error);
  if (db == NULL)
    return gf_admin_fail (error);

  /* Written beside FILE under another name, checked, synced, then renamed: FILE is
   * either absent or a complete backup. */
  partial = g_strconcat (argv[2], ".partial", NULL);
  g_unlink (partial);
  if (sqlite3_open_v2 (partial, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      error = g_error_new (GF_DB_ERROR, GF_DB_ERROR_CANNOT_OPEN, _("Cannot write %s: %s"),
                           partial, sqlite3_errmsg (out));
      sqlite3_close (out);
      return gf_admin_fail (error);
    }

  if (!copy_database (gf_db_get_handle (db), out, &error))
    {
      sqlite3_close (out);
      g_unlink (partial);
      return gf_admin_fail (error);
    }
  /* A backup is one self-contained file, not a WAL database with companions. */
  sqlite3_exec (out, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  sqlite3_close (out);

  if (!check_copy (partial, &error) || !fsync_path (partial, &error) ||
      g_rename (partial, argv[2]) != 0)
    {
      if (error == NULL)
        error = g_error_new (G_FILE_ERROR, g_file_error_from_errno (errno), "%s: %s",
                             argv[2], g_strerror (errno));
      g_unlink (partial);
      return gf_admin_fail (error);
    }

  g_print (_("Backup of %s written to %s.\n"), argv[1], argv[2]);
  return copy_documents (argv[2], argv[1], argv[2]);
}

/*
 * restore FILE DB
 */

int
gf_admin_restore (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE DB");
  g_autoptr(GfDb) backup = NULL;
  g_autoptr(GfDb) db = NULL;
  GError *error = NULL;
  int status;

  g_option_context_set_summary (context, "restore");
  g_option_context_set_description (context,
                                    _("Replaces the content of DB with the backup FILE, after "
                                      "checking FILE. Stop the portal and close the "
                                      "application first. DB is created if it does not exist."));
  if (!gf_admin_parse (context, &argc, &argv, 2, &status))
    return status;

  /* Everything about FILE is checked before DB is touched. */
  backup = gf_db_open (argv[1], GF_DB_OPEN_READONLY, &error);
  if (backup == NULL || !check_copy (argv[1], &error))
    return gf_admin_fail (error);
  if (gf_db_get_schema_version (backup) < 1)
    return gf_admin_fail (g_error_new (GF_DB_ERROR, GF_DB_ERROR_NOT_A_DATABASE,
                                       _("%s is not a Guichet Familles backup."), argv[1]));

  db = gf_db_open (argv[2], GF_DB_OPEN_CREATE | GF_DB_OPEN_MIGRATE, &error);
  if (db == NULL)
    return gf_admin_fail (error);

  if (!copy_database (gf_db_get_handle (backup), gf_db_get_handle (db), &error))
    return gf_admin_fail (error);

  /* A backup made by an older version is brought up to this program's schema. */
  g_clear_object (&db);
  db = gf_db_open (argv[2], GF_DB_OPEN_MIGRATE, &error);
  if (db == NULL)
    return gf_admin_fail (error);

  g_print (_("%s restored from %s.\n"), argv[2], argv[1]);
  return copy_documents (argv[2], argv[1], argv[2]);
}
