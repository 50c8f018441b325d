/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-db-private.h"
#include "gf-i18n.h"

/* How often a write transaction is tried again when another process holds the write lock
 * longer than busy_timeout. Each try already waits busy_timeout inside SQLite. */
#define BUSY_TIMEOUT_MS 5000
#define WRITE_ATTEMPTS  5

struct _GfDb
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *handle;
  GHashTable *statements;   /* SQL text → prepared statement */
  int         savepoint_depth;
};

G_DEFINE_FINAL_TYPE (GfDb, gf_db, G_TYPE_OBJECT)

G_DEFINE_QUARK (gf-db-error-quark, gf_db_error)

/*
 * Auxiliary methods
 */

static GfDbError
error_code_for (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return GF_DB_ERROR_BUSY;
    case SQLITE_CONSTRAINT:
      return GF_DB_ERROR_CONSTRAINT;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return GF_DB_ERROR_NOT_A_DATABASE;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      return GF_DB_ERROR_CANNOT_OPEN;
    default:
      return GF_DB_ERROR_FAILED;
    }
}

static void
set_error_from_handle (sqlite3    *handle,
                       int         rc,
                       GError    **error)
{
  g_set_error (error, GF_DB_ERROR, error_code_for (rc), "%s",
               handle != NULL ? sqlite3_errmsg (handle) : sqlite3_errstr (rc));
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static gboolean
apply_pragmas (GfDb           *self,
               GfDbOpenFlags   flags,
               GError        **error)
{
  /* WAL lets the portal read while the staff application writes; FULL because money is
   * recorded here and a power cut must not lose a committed payment. */
  if (!(flags & GF_DB_OPEN_READONLY) &&
      !gf_db_exec (self, "PRAGMA journal_mode = WAL", error))
    return FALSE;

  return gf_db_exec (self,
                     "PRAGMA foreign_keys = ON;"
                     "PRAGMA synchronous = FULL;"
                     "PRAGMA temp_store = MEMORY;",
                     error);
}

/*
 * GObject
 */

static void
gf_db_finalize (GObject *object)
{
  GfDb *self = (GfDb *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->handle != NULL)
    sqlite3_close_v2 (self->handle);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (gf_db_parent_class)->finalize (object);
}

static void
gf_db_class_init (GfDbClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gf_db_finalize;
}

static void
gf_db_init (GfDb *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
}

/*
 * Public API
 */

/**
 * gf_db_open:
 * @path: the database file
 * @flags: what may be done to it
 * @error: a #GError
 *
 * Opens one connection. The schema version is read before anything is written, so a
 * database made by a newer program, or a file that is not a database, is left exactly
 * as it was.
 *
 * Returns: (transfer full): the connection, or %NULL with @error set
 */
GfDb *
gf_db_open (const char     *path,
            GfDbOpenFlags   flags,
            GError        **error)
{
  g_autoptr(GfDb) self = NULL;
  int open_flags;
  int version;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(flags & GF_DB_OPEN_CREATE) && !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_CANNOT_OPEN,
                   _("The database %s does not exist."), path);
      return NULL;
    }

  self = g_object_new (GF_TYPE_DB, NULL);
  self->path = g_strdup (path);

  if (flags & GF_DB_OPEN_READONLY)
    open_flags = SQLITE_OPEN_READONLY;
  else
    open_flags = SQLITE_OPEN_READWRITE | ((flags & GF_DB_OPEN_CREATE) ? SQLITE_OPEN_CREATE : 0);
  /* One connection belongs to one thread (STYLE.md §7). */
  open_flags |= SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;

  rc = sqlite3_open_v2 (path, &self->handle, open_flags, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_CANNOT_OPEN,
                   _("Cannot open the database %s: %s"), path, sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_busy_timeout (self->handle, BUSY_TIMEOUT_MS);

  version = _gf_db_read_user_version (self->handle, error);
  if (version < 0)
    {
      g_prefix_error (error, _("%s is not a Guichet Familles database: "), path);
      return NULL;
    }

  if (version > gf_db_get_latest_version ())
    {
      g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_TOO_NEW,
                   _("The database %s has schema version %d, newer than this program "
                     "(version %d): install the newer program."),
                   path, version, gf_db_get_latest_version ());
      return NULL;
    }

  if (!apply_pragmas (self, flags, error))
    return NULL;

  if (version < gf_db_get_latest_version ())
    {
      if (!(flags & GF_DB_OPEN_MIGRATE))
        {
          g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_OUTDATED,
                       _("The database %s has schema version %d; run "
                         "“guichet-admin migrate” to bring it to version %d."),
                       path, version, gf_db_get_latest_version ());
          return NULL;
        }
      if (!_gf_db_migrate (self, version, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

const char *
gf_db_get_path (GfDb *self)
{
  g_return_val_if_fail (GF_IS_DB (self), NULL);

  return self->path;
}

sqlite3 *
gf_db_get_handle (GfDb *self)
{
  g_return_val_if_fail (GF_IS_DB (self), NULL);

  return self->handle;
}

int
gf_db_get_schema_version (GfDb *self)
{
  g_return_val_if_fail (GF_IS_DB (self), -1);

  return _gf_db_read_user_version (self->handle, NULL);
}

/* Changes whenever another connection (the portal, another staff PC's process) commits,
 * so a window can refresh what it shows; -1 on error. */
gint64
gf_db_get_data_version (GfDb *self)
{
  gint64 version = -1;

  g_return_val_if_fail (GF_IS_DB (self), -1);

  if (!gf_db_query_int64 (self, "PRAGMA data_version", &version, NULL))
    return -1;
  return version;
}

/**
 * gf_db_prepare:
 *
 * Returns a statement from the connection's cache, prepared on first use. Release it
 * with gf_stmt_release() (g_autoptr(GfStmt) does) so the next caller finds it reset.
 * The same SQL may not be stepped twice at once on one connection.
 */
GfStmt *
gf_db_prepare (GfDb        *self,
               const char  *sql,
               GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GF_IS_DB (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      if (sqlite3_stmt_busy (stmt))
        {
          g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_FAILED,
                       "statement already in use: %s", sql);
          return NULL;
        }
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_handle (self->handle, rc, error);
      g_prefix_error (error, "preparing “%s”: ", sql);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);

  return stmt;
}

void
gf_stmt_release (GfStmt *stmt)
{
  if (stmt == NULL)
    return;

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

GfDbStep
gf_db_step (GfDb     *self,
            GfStmt   *stmt,
            GError  **error)
{
  int rc;

  g_return_val_if_fail (GF_IS_DB (self), GF_DB_STEP_ERROR);
  g_return_val_if_fail (stmt != NULL, GF_DB_STEP_ERROR);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return GF_DB_STEP_ROW;
  if (rc == SQLITE_DONE)
    return GF_DB_STEP_DONE;

  set_error_from_handle (self->handle, rc, error);
  return GF_DB_STEP_ERROR;
}

/* For statements that return no row: INSERT, UPDATE, DELETE. */
gboolean
gf_db_step_done (GfDb     *self,
                 GfStmt   *stmt,
                 GError  **error)
{
  switch (gf_db_step (self, stmt, error))
    {
    case GF_DB_STEP_DONE:
      return TRUE;
    case GF_DB_STEP_ROW:
      g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_FAILED,
                   "statement returned a row: %s", sqlite3_sql (stmt));
      return FALSE;
    case GF_DB_STEP_ERROR:
    default:
      return FALSE;
    }
}

/* Runs SQL without parameters, several statements allowed: never for user text. */
gboolean
gf_db_exec (GfDb        *self,
            const char  *sql,
            GError     **error)
{
  char *message = NULL;
  int rc;

  g_return_val_if_fail (GF_IS_DB (self), FALSE);

  rc = sqlite3_exec (self->handle, sql, NULL, NULL, &message);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, GF_DB_ERROR, error_code_for (rc), "%s",
                   message != NULL ? message : sqlite3_errstr (rc));
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

gint64
gf_db_last_insert_id (GfDb *self)
{
  g_return_val_if_fail (GF_IS_DB (self), 0);

  return sqlite3_last_insert_rowid (self->handle);
}

int
gf_db_changes (GfDb *self)
{
  g_return_val_if_fail (GF_IS_DB (self), 0);

  return sqlite3_changes (self->handle);
}

/* The first column of the first row of a parameterless query; FALSE when there is none. */
gboolean
gf_db_query_int64 (GfDb        *self,
                   const char  *sql,
                   gint64      *out_value,
                   GError     **error)
{
  g_autoptr(GfStmt) stmt = gf_db_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  switch (gf_db_step (self, stmt, error))
    {
    case GF_DB_STEP_ROW:
      *out_value = sqlite3_column_int64 (stmt, 0);
      return TRUE;
    case GF_DB_STEP_DONE:
      g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND, "no row: %s", sql);
      return FALSE;
    case GF_DB_STEP_ERROR:
    default:
      return FALSE;
    }
}

gboolean
gf_db_in_transaction (GfDb *self)
{
  g_return_val_if_fail (GF_IS_DB (self), FALSE);

  return !sqlite3_get_autocommit (self->handle);
}

static gboolean
run_savepoint (GfDb         *self,
               GfDbTxnFunc   func,
               gpointer      user_data,
               GError      **error)
{
  g_autofree char *name = g_strdup_printf ("gf_%d", ++self->savepoint_depth);
  g_autofree char *begin = g_strdup_printf ("SAVEPOINT %s", name);
  g_autofree char *release = g_strdup_printf ("RELEASE %s", name);
  g_autofree char *rollback = g_strdup_printf ("ROLLBACK TO %s; RELEASE %s", name, name);
  gboolean ok;

  ok = gf_db_exec (self, begin, error) && func (self, user_data, error);
  if (ok)
    ok = gf_db_exec (self, release, error);
  else
    gf_db_exec (self, rollback, NULL);
  self->savepoint_depth--;

  return ok;
}

/**
 * gf_db_write:
 * @func: the work; it may be called more than once, so it must only touch the database
 *
 * Runs @func in a write transaction (BEGIN IMMEDIATE, so the write lock is taken before
 * anything is read and two writers can never deadlock), commits on success and rolls back
 * on failure. When another process keeps the lock past busy_timeout the whole transaction
 * is tried again a few times. Inside another transaction, it becomes a savepoint.
 */
gboolean
gf_db_write (GfDb         *self,
             GfDbTxnFunc   func,
             gpointer      user_data,
             GError      **error)
{
  g_return_val_if_fail (GF_IS_DB (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (gf_db_in_transaction (self))
    return run_savepoint (self, func, user_data, error);

  for (guint attempt = 1; ; attempt++)
    {
      g_autoptr(GError) local_error = NULL;

      if (gf_db_exec (self, "BEGIN IMMEDIATE", &local_error) &&
          func (self, user_data, &local_error) &&
          gf_db_exec (self, "COMMIT", &local_error))
        return TRUE;

      if (gf_db_in_transaction (self))
        gf_db_exec (self, "ROLLBACK", NULL);

      if (!g_error_matches (local_error, GF_DB_ERROR, GF_DB_ERROR_BUSY) ||
          attempt >= WRITE_ATTEMPTS)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      g_debug ("database busy, write attempt %u of %u: %s",
               attempt, WRITE_ATTEMPTS, local_error->message);
      g_usleep ((g_random_int_range (50, 150) * attempt) * 1000);
    }
}

void
gf_stmt_bind_text (GfStmt     *stmt,
                   int         index,
                   const char *text)
{
  sqlite3_bind_text (stmt, index, text != NULL ? text : "", -1, SQLITE_TRANSIENT);
}

void
gf_stmt_bind_text_or_null (GfStmt     *stmt,
                           int         index,
                           const char *text)
{
  if (text == NULL || *text == '\0')
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

const char *
gf_stmt_column_text (GfStmt *stmt,
                     int     column)
{
  const char *text = (const char *)sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

char *
gf_stmt_dup_text (GfStmt *stmt,
                  int     column)
{
  return g_strdup (gf_stmt_column_text (stmt, column));
}

char *
gf_stmt_dup_text_or_null (GfStmt *stmt,
                          int     column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}
