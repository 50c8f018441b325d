/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-audit.h"
#include "gf-date.h"
#include "gf-i18n.h"

#define GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

typedef struct
{
  char       *action;
  char       *entity;
  gint64      entity_id;
  JsonObject *details;
} Record;

struct _GfChange
{
  const GfActor *actor;
  GPtrArray     *records;
};

typedef struct
{
  const GfActor *actor;
  GfChangeFunc   func;
  gpointer       user_data;
} ChangeCall;

static void
record_free (gpointer data)
{
  Record *record = data;

  g_free (record->action);
  g_free (record->entity);
  g_clear_pointer (&record->details, json_object_unref);
  g_free (record);
}

const char *
gf_actor_kind_to_string (GfActorKind kind)
{
  switch (kind)
    {
    case GF_ACTOR_STAFF:
      return "staff";
    case GF_ACTOR_CITIZEN:
      return "citizen";
    case GF_ACTOR_SYSTEM:
    default:
      return "system";
    }
}

static void
hash_field (GChecksum  *checksum,
            const char *value)
{
  g_autofree char *prefix = NULL;

  /* Length-prefixed, so no choice of values can make two different rows hash alike. */
  value = value != NULL ? value : "";
  prefix = g_strdup_printf ("%zu:", strlen (value));
  g_checksum_update (checksum, (const guchar *)prefix, -1);
  g_checksum_update (checksum, (const guchar *)value, -1);
}

static char *
row_hash (const char *prev_hash,
          gint64      id,
          const char *at,
          const char *actor_kind,
          const char *actor_id,
          const char *actor_label,
          const char *action,
          const char *entity,
          const char *entity_id,
          const char *details)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  hash_field (checksum, prev_hash);
  hash_field (checksum, id_text);
  hash_field (checksum, at);
  hash_field (checksum, actor_kind);
  hash_field (checksum, actor_id);
  hash_field (checksum, actor_label);
  hash_field (checksum, action);
  hash_field (checksum, entity);
  hash_field (checksum, entity_id);
  hash_field (checksum, details);

  return g_strdup (g_checksum_get_string (checksum));
}

static char *
int_or_empty (gboolean is_null,
              gint64   value)
{
  return is_null ? g_strdup ("") : g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static gboolean
append_record (GfDb           *db,
               const GfActor  *actor,
               const Record   *record,
               const char     *at,
               GError        **error)
{
  g_autoptr(GfStmt) last = NULL;
  g_autoptr(GfStmt) insert = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *prev_hash = NULL;
  g_autofree char *details = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *actor_id = NULL;
  g_autofree char *entity_id = NULL;
  gint64 id = 1;

  last = gf_db_prepare (db, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", error);
  if (last == NULL)
    return FALSE;
  switch (gf_db_step (db, last, error))
    {
    case GF_DB_STEP_ROW:
      id = sqlite3_column_int64 (last, 0) + 1;
      prev_hash = gf_stmt_dup_text (last, 1);
      break;
    case GF_DB_STEP_DONE:
      prev_hash = g_strdup (GENESIS_HASH);
      break;
    case GF_DB_STEP_ERROR:
    default:
      return FALSE;
    }

  node = json_node_new (JSON_NODE_OBJECT);
  if (record->details != NULL)
    json_node_set_object (node, record->details);
  else
    json_node_take_object (node, json_object_new ());
  details = json_to_string (node, FALSE);

  actor_id = int_or_empty (actor->kind == GF_ACTOR_SYSTEM, actor->id);
  entity_id = int_or_empty (record->entity_id <= 0, record->entity_id);
  hash = row_hash (prev_hash, id, at, gf_actor_kind_to_string (actor->kind), actor_id,
                   actor->label, record->action, record->entity, entity_id, details);

  insert = gf_db_prepare (db,
                          "INSERT INTO audit_log (id, at, actor_kind, actor_id, actor_label, "
                          "action, entity, entity_id, details, prev_hash, hash) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                          error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_int64 (insert, 1, id);
  gf_stmt_bind_text (insert, 2, at);
  gf_stmt_bind_text (insert, 3, gf_actor_kind_to_string (actor->kind));
  if (actor->kind != GF_ACTOR_SYSTEM)
    sqlite3_bind_int64 (insert, 4, actor->id);
  gf_stmt_bind_text (insert, 5, actor->label);
  gf_stmt_bind_text (insert, 6, record->action);
  gf_stmt_bind_text (insert, 7, record->entity);
  if (record->entity_id > 0)
    sqlite3_bind_int64 (insert, 8, record->entity_id);
  gf_stmt_bind_text (insert, 9, details);
  gf_stmt_bind_text (insert, 10, prev_hash);
  gf_stmt_bind_text (insert, 11, hash);

  return gf_db_step_done (db, insert, error);
}

static gboolean
change_txn_cb (GfDb      *db,
               gpointer   user_data,
               GError   **error)
{
  ChangeCall *call = user_data;
  GfChange change = { call->actor, g_ptr_array_new_with_free_func (record_free) };
  g_autoptr(GPtrArray) records = change.records;
  g_autofree char *at = gf_timestamp_now ();

  if (!call->func (db, &change, call->user_data, error))
    return FALSE;

  for (guint i = 0; i < records->len; i++)
    if (!append_record (db, call->actor, g_ptr_array_index (records, i), at, error))
      return FALSE;

  return TRUE;
}

/**
 * gf_db_change:
 * @actor: who makes the change
 * @func: the change itself; it calls gf_change_record() for what it did
 *
 * The one way a person's change reaches the database: @func and the audit rows it
 * records commit together or not at all, in one write transaction.
 */
gboolean
gf_db_change (GfDb           *db,
              const GfActor  *actor,
              GfChangeFunc    func,
              gpointer        user_data,
              GError        **error)
{
  ChangeCall call = { actor, func, user_data };

  g_return_val_if_fail (GF_IS_DB (db), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  return gf_db_write (db, change_txn_cb, &call, error);
}

/**
 * gf_change_record:
 * @details: (transfer full) (nullable): what changed, as JSON
 */
void
gf_change_record (GfChange   *change,
                  const char *action,
                  const char *entity,
                  gint64      entity_id,
                  JsonObject *details)
{
  Record *record;

  g_return_if_fail (change != NULL);
  g_return_if_fail (action != NULL && entity != NULL);

  record = g_new0 (Record, 1);
  record->action = g_strdup (action);
  record->entity = g_strdup (entity);
  record->entity_id = entity_id;
  record->details = details;
  g_ptr_array_add (change->records, record);
}

const GfActor *
gf_change_get_actor (GfChange *change)
{
  return change->actor;
}

/**
 * gf_audit_verify:
 *
 * Walks the whole audit log and recomputes every hash. Fails with %GF_DB_ERROR_TAMPERED
 * naming the first row whose content, or whose link to the previous row, was changed.
 */
gboolean
gf_audit_verify (GfDb    *db,
                 gint64  *out_rows,
                 GError **error)
{
  g_autoptr(GfStmt) stmt = NULL;
  g_autofree char *expected_prev = g_strdup (GENESIS_HASH);
  gint64 expected_id = 1;
  gint64 rows = 0;
  GfDbStep step;

  g_return_val_if_fail (GF_IS_DB (db), FALSE);

  stmt = gf_db_prepare (db,
                        "SELECT id, at, actor_kind, actor_id, actor_label, action, entity, "
                        "entity_id, details, prev_hash, hash FROM audit_log ORDER BY id",
                        error);
  if (stmt == NULL)
    return FALSE;

  while ((step = gf_db_step (db, stmt, error)) == GF_DB_STEP_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_autofree char *actor_id = int_or_empty (sqlite3_column_type (stmt, 3) == SQLITE_NULL,
                                                sqlite3_column_int64 (stmt, 3));
      g_autofree char *entity_id = int_or_empty (sqlite3_column_type (stmt, 7) == SQLITE_NULL,
                                                 sqlite3_column_int64 (stmt, 7));
      g_autofree char *hash = NULL;

      if (id != expected_id)
        {
          g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_TAMPERED,
                       _("Audit log: entry %lld is missing."), (long long)expected_id);
          return FALSE;
        }

      if (g_strcmp0 (gf_stmt_column_text (stmt, 9), expected_prev) != 0)
        {
          g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_TAMPERED,
                       _("Audit log: entry %lld does not follow the entry before it."),
                       (long long)id);
          return FALSE;
        }

      hash = row_hash (expected_prev, id,
                       gf_stmt_column_text (stmt, 1), gf_stmt_column_text (stmt, 2), actor_id,
                       gf_stmt_column_text (stmt, 4), gf_stmt_column_text (stmt, 5),
                       gf_stmt_column_text (stmt, 6), entity_id, gf_stmt_column_text (stmt, 8));
      if (g_strcmp0 (hash, gf_stmt_column_text (stmt, 10)) != 0)
        {
          g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_TAMPERED,
                       _("Audit log: entry %lld was altered."), (long long)id);
          return FALSE;
        }

      g_free (expected_prev);
      expected_prev = g_steal_pointer (&hash);
      expected_id++;
      rows++;
    }

  if (step == GF_DB_STEP_ERROR)
    return FALSE;

  if (out_rows != NULL)
    *out_rows = rows;
  return TRUE;
}
