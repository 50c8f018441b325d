/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <sqlite3.h>

#include "gf-types.h"

G_BEGIN_DECLS

#define GF_DB_ERROR (gf_db_error_quark ())

typedef enum
{
  GF_DB_ERROR_FAILED,
  GF_DB_ERROR_BUSY,
  GF_DB_ERROR_CONSTRAINT,
  GF_DB_ERROR_NOT_FOUND,
  GF_DB_ERROR_TOO_NEW,
  GF_DB_ERROR_OUTDATED,
  GF_DB_ERROR_NOT_A_DATABASE,
  GF_DB_ERROR_CANNOT_OPEN,
  GF_DB_ERROR_EXISTS,
  GF_DB_ERROR_TAMPERED,
} GfDbError;

typedef enum
{
  GF_DB_OPEN_DEFAULT  = 0,
  /* Create the file when it does not exist (and refuse nothing else). */
  GF_DB_OPEN_CREATE   = 1 << 0,
  /* Apply pending migrations; without it an older schema is refused. */
  GF_DB_OPEN_MIGRATE  = 1 << 1,
  GF_DB_OPEN_READONLY = 1 << 2,
} GfDbOpenFlags;

/* What gf_db_step() found. */
typedef enum
{
  GF_DB_STEP_ERROR = -1,
  GF_DB_STEP_DONE  = 0,
  GF_DB_STEP_ROW   = 1,
} GfDbStep;

/* A statement borrowed from the connection's cache; g_autoptr resets it on scope exit. */
typedef sqlite3_stmt GfStmt;

typedef gboolean (*GfDbTxnFunc) (GfDb     *db,
                                 gpointer  user_data,
                                 GError  **error);

#define GF_TYPE_DB (gf_db_get_type ())
G_DECLARE_FINAL_TYPE (GfDb, gf_db, GF, DB, GObject)

GQuark       gf_db_error_quark          (void);

GfDb        *gf_db_open                 (const char     *path,
                                         GfDbOpenFlags   flags,
                                         GError        **error) G_GNUC_WARN_UNUSED_RESULT;
const char  *gf_db_get_path             (GfDb           *self);
sqlite3     *gf_db_get_handle           (GfDb           *self);
int          gf_db_get_schema_version   (GfDb           *self);
gint64       gf_db_get_data_version     (GfDb           *self);
int          gf_db_get_latest_version   (void);

GfStmt      *gf_db_prepare              (GfDb           *self,
                                         const char     *sql,
                                         GError        **error);
void         gf_stmt_release            (GfStmt         *stmt);
GfDbStep     gf_db_step                 (GfDb           *self,
                                         GfStmt         *stmt,
                                         GError        **error);
gboolean     gf_db_step_done            (GfDb           *self,
                                         GfStmt         *stmt,
                                         GError        **error);
gboolean     gf_db_exec                 (GfDb           *self,
                                         const char     *sql,
                                         GError        **error);
gint64       gf_db_last_insert_id       (GfDb           *self);
int          gf_db_changes              (GfDb           *self);
gboolean     gf_db_query_int64          (GfDb           *self,
                                         const char     *sql,
                                         gint64         *out_value,
                                         GError        **error);

gboolean     gf_db_write                (GfDb           *self,
                                         GfDbTxnFunc     func,
                                         gpointer        user_data,
                                         GError        **error);
gboolean     gf_db_in_transaction       (GfDb           *self);


void         gf_stmt_bind_text          (GfStmt         *stmt,
                                         int             index,
                                         const char     *text);
void         gf_stmt_bind_text_or_null  (GfStmt         *stmt,
                                         int             index,
                                         const char     *text);
const char  *gf_stmt_column_text        (GfStmt         *stmt,
                                         int             column);
char        *gf_stmt_dup_text           (GfStmt         *stmt,
                                         int             column);
char        *gf_stmt_dup_text_or_null   (GfStmt         *stmt,
                                         int             column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfStmt, gf_stmt_release)

G_END_DECLS
