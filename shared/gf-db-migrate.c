/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-db-private.h"
#include "gf-shared-resources.h"

#include <stdlib.h>

#define MIGRATIONS_PATH "/fr/guichetfamilles/shared/sql"

/* The migrations are data/sql/NNNN-name.sql, compiled into the program. */
static char **
list_migrations (void)
{
  g_autoptr(GError) error = NULL;
  char **names;

  names = g_resource_enumerate_children (gf_shared_get_resource (), MIGRATIONS_PATH,
                                         G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (names == NULL)
    g_error ("the embedded migrations are missing: %s", error->message);

  qsort (names, g_strv_length (names), sizeof (char *),
         (int (*)(const void *, const void *))g_strcmp0);
  return names;
}

static int
migration_number (const char *name)
{
  return (int)g_ascii_strtoll (name, NULL, 10);
}

int
gf_db_get_latest_version (void)
{
  static gsize latest = 0;

  /* Stored plus one, because g_once_init_enter() treats zero as "not yet". */
  if (g_once_init_enter (&latest))
    {
      g_auto(GStrv) names = list_migrations ();
      guint n = g_strv_length (names);

      g_once_init_leave (&latest, (gsize)(n > 0 ? migration_number (names[n - 1]) : 0) + 1);
    }

  return (int)latest - 1;
}

int
_gf_db_read_user_version (sqlite3  *handle,
                          GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;
  int rc;

  /* Reading the schema also proves the file is a database at all. */
  rc = sqlite3_prepare_v2 (handle, "SELECT count(*) FROM sqlite_schema", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, GF_DB_ERROR,
                   (rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT
                   ? GF_DB_ERROR_NOT_A_DATABASE : GF_DB_ERROR_FAILED,
                   "%s", sqlite3_errmsg (handle));
      return -1;
    }

  rc = sqlite3_prepare_v2 (handle, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  else
    g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_FAILED, "%s", sqlite3_errmsg (handle));
  sqlite3_finalize (stmt);

  return version;
}

typedef struct
{
  const char *sql;
  int         number;
} Migration;

static gboolean
apply_one_cb (GfDb      *db,
              gpointer   user_data,
              GError   **error)
{
  const Migration *migration = user_data;
  g_autofree char *set_version = NULL;

  if (!gf_db_exec (db, migration->sql, error))
    return FALSE;

  set_version = g_strdup_printf ("PRAGMA user_version = %d", migration->number);
  return gf_db_exec (db, set_version, error);
}

/* Each migration runs in its own transaction with its version number, so a failure
 * leaves the database at the last complete version. */
gboolean
_gf_db_migrate (GfDb     *self,
                int       from_version,
                GError  **error)
{
  g_auto(GStrv) names = list_migrations ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) local_error = NULL;
      Migration migration;

      migration.number = migration_number (names[i]);
      if (migration.number <= from_version)
        continue;

      path = g_strconcat (MIGRATIONS_PATH "/", names[i], NULL);
      bytes = g_resource_lookup_data (gf_shared_get_resource (), path,
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
      if (bytes == NULL)
        g_error ("embedded migration %s unreadable: %s", path, local_error->message);

      /* Resource data is always NUL-terminated. */
      migration.sql = g_bytes_get_data (bytes, NULL);

      g_debug ("applying migration %s", names[i]);
      if (!gf_db_write (self, apply_one_cb, &migration, error))
        {
          g_prefix_error (error, "migration %s: ", names[i]);
          return FALSE;
        }
    }

  return TRUE;
}
