/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-record.h"
#include "gf-date.h"
#include "gf-i18n.h"
#include "gf-validate.h"

#define TEXT_AT(record, field)  ((char **)((guint8 *)(record) + (field)->offset))
#define INT_AT(record, field)   ((gint64 *)((guint8 *)(record) + (field)->offset))
#define BOOL_AT(record, field)  ((gboolean *)((guint8 *)(record) + (field)->offset))

/*
 * Auxiliary methods
 */

static const GfField *
find_field (const GfRecordSpec *spec,
            const char         *column)
{
  for (guint i = 0; i < spec->n_fields; i++)
    if (g_str_equal (spec->fields[i].column, column))
      return &spec->fields[i];
  return NULL;
}

static void
prefix_with_label (GError       **error,
                   const GfField *field)
{
  /* The label tells the person which field to fix; the rest says how. */
  if (error != NULL && *error != NULL)
    g_prefix_error (error, _("%s: "), _(field->label));
}

static gboolean
check_text (const GfField  *field,
            char          **value,
            GError        **error)
{
  g_autofree char *normalized = NULL;

  if (*value == NULL)
    *value = g_strdup ("");
  g_strstrip (*value);

  if (!gf_validate_text (*value, field->max_length > 0 ? field->max_length : 4000,
                         (field->flags & GF_FIELD_REQUIRED) != 0, error))
    return FALSE;

  if (**value == '\0')
    return TRUE;

  switch (field->check)
    {
    case GF_CHECK_EMAIL:
      if (!gf_validate_email (*value, error))
        return FALSE;
      normalized = gf_normalize_email (*value);
      break;

    case GF_CHECK_PHONE:
      normalized = gf_normalize_phone (*value, error);
      if (normalized == NULL)
        return FALSE;
      break;

    case GF_CHECK_POSTAL_CODE:
      if (!gf_validate_postal_code (*value, error))
        return FALSE;
      break;

    case GF_CHECK_DATE:
      {
        GDate date;

        if (!gf_date_parse_iso (*value, &date, error))
          return FALSE;
      }
      break;

    case GF_CHECK_CHOICE:
      if (!g_strv_contains ((const char * const *)field->choices, *value))
        {
          g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                       _("Choose one of the proposed values."));
          return FALSE;
        }
      break;

    case GF_CHECK_RANGE:
    case GF_CHECK_NONE:
    default:
      break;
    }

  if (normalized != NULL)
    {
      g_free (*value);
      *value = g_steal_pointer (&normalized);
    }

  return TRUE;
}

static gboolean
check_field (const GfField  *field,
             gpointer        record,
             GError        **error)
{
  gboolean ok = TRUE;

  switch (field->type)
    {
    case GF_FIELD_TEXT:
      ok = check_text (field, TEXT_AT (record, field), error);
      break;

    case GF_FIELD_INT:
      {
        gint64 value = *INT_AT (record, field);

        if ((field->flags & GF_FIELD_NULLABLE) && value < 0)
          {
            if (field->flags & GF_FIELD_REQUIRED)
              {
                g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_REQUIRED,
                             _("This field is required."));
                ok = FALSE;
              }
          }
        else if (field->check == GF_CHECK_RANGE && (value < field->min || value > field->max))
          {
            g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_OUT_OF_RANGE,
                         _("Enter a number between %lld and %lld."),
                         (long long)field->min, (long long)field->max);
            ok = FALSE;
          }
      }
      break;

    case GF_FIELD_BOOL:
    default:
      break;
    }

  if (!ok)
    prefix_with_label (error, field);
  return ok;
}

static void
bind_field (GfStmt        *stmt,
            int            index,
            const GfField *field,
            gconstpointer  record)
{
  switch (field->type)
    {
    case GF_FIELD_TEXT:
      if (field->flags & GF_FIELD_NULLABLE)
        gf_stmt_bind_text_or_null (stmt, index, *TEXT_AT (record, field));
      else
        gf_stmt_bind_text (stmt, index, *TEXT_AT (record, field));
      break;

    case GF_FIELD_INT:
      if ((field->flags & GF_FIELD_NULLABLE) && *INT_AT (record, field) < 0)
        sqlite3_bind_null (stmt, index);
      else
        sqlite3_bind_int64 (stmt, index, *INT_AT (record, field));
      break;

    case GF_FIELD_BOOL:
    default:
      sqlite3_bind_int (stmt, index, *BOOL_AT (record, field) ? 1 : 0);
      break;
    }
}

static JsonNode *
field_to_json (const GfField *field,
               gconstpointer  record)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  switch (field->type)
    {
    case GF_FIELD_TEXT:
      json_node_set_string (node, *TEXT_AT (record, field) != NULL ? *TEXT_AT (record, field) : "");
      break;
    case GF_FIELD_INT:
      if ((field->flags & GF_FIELD_NULLABLE) && *INT_AT (record, field) < 0)
        json_node_init_null (node);
      else
        json_node_set_int (node, *INT_AT (record, field));
      break;
    case GF_FIELD_BOOL:
    default:
      json_node_set_boolean (node, *BOOL_AT (record, field));
      break;
    }

  return node;
}

static gboolean
field_equal (const GfField *field,
             gconstpointer  a,
             gconstpointer  b)
{
  switch (field->type)
    {
    case GF_FIELD_TEXT:
      return g_strcmp0 (*TEXT_AT (a, field) != NULL ? *TEXT_AT (a, field) : "",
                        *TEXT_AT (b, field) != NULL ? *TEXT_AT (b, field) : "") == 0;
    case GF_FIELD_INT:
      return *INT_AT (a, field) == *INT_AT (b, field);
    case GF_FIELD_BOOL:
    default:
      return !*BOOL_AT (a, field) == !*BOOL_AT (b, field);
    }
}

static void
stamp (const GfRecordSpec *spec,
       gpointer            record,
       const char         *column,
       gboolean            only_if_empty)
{
  const GfField *field = find_field (spec, column);
  char **slot;

  if (field == NULL)
    return;
  slot = TEXT_AT (record, field);
  if (only_if_empty && *slot != NULL && **slot != '\0')
    return;
  g_free (*slot);
  *slot = gf_timestamp_now ();
}

/*
 * Public API
 */

void
gf_record_init (const GfRecordSpec *spec,
                gpointer            record)
{
  for (guint i = 0; i < spec->n_fields; i++)
    {
      const GfField *field = &spec->fields[i];

      if (field->type == GF_FIELD_TEXT)
        *TEXT_AT (record, field) = g_strdup ("");
      else if (field->type == GF_FIELD_INT && (field->flags & GF_FIELD_NULLABLE))
        *INT_AT (record, field) = -1;
    }
}

void
gf_record_clear (const GfRecordSpec *spec,
                 gpointer            record)
{
  for (guint i = 0; i < spec->n_fields; i++)
    if (spec->fields[i].type == GF_FIELD_TEXT)
      g_clear_pointer (TEXT_AT (record, &spec->fields[i]), g_free);
}

void
gf_record_copy (const GfRecordSpec *spec,
                gconstpointer       source,
                gpointer            dest)
{
  for (guint i = 0; i < spec->n_fields; i++)
    {
      const GfField *field = &spec->fields[i];

      switch (field->type)
        {
        case GF_FIELD_TEXT:
          *TEXT_AT (dest, field) = g_strdup (*TEXT_AT (source, field));
          break;
        case GF_FIELD_INT:
          *INT_AT (dest, field) = *INT_AT (source, field);
          break;
        case GF_FIELD_BOOL:
        default:
          *BOOL_AT (dest, field) = *BOOL_AT (source, field);
          break;
        }
    }
}

/**
 * gf_record_validate:
 *
 * Checks every field and normalizes it in place (trimmed text, e-mail in lower case,
 * phone as "06 12 34 56 78"). The error names the first field at fault.
 */
gboolean
gf_record_validate (const GfRecordSpec  *spec,
                    gpointer             record,
                    GError             **error)
{
  for (guint i = 1; i < spec->n_fields; i++)
    if (!check_field (&spec->fields[i], record, error))
      return FALSE;
  return TRUE;
}

/* One field alone, so a form can show the error next to the field being typed in. */
gboolean
gf_record_validate_field (const GfRecordSpec  *spec,
                          gpointer             record,
                          const char          *column,
                          GError             **error)
{
  const GfField *field = find_field (spec, column);

  g_return_val_if_fail (field != NULL, FALSE);

  return check_field (field, record, error);
}

/* "SELECT <every field>[, extra_columns] FROM table tail": extra columns come after the
 * fields, at index spec->n_fields onwards. */
char *
gf_record_select_sql (const GfRecordSpec *spec,
                      const char         *extra_columns,
                      const char         *tail)
{
  GString *sql = g_string_new ("SELECT ");

  for (guint i = 0; i < spec->n_fields; i++)
    g_string_append_printf (sql, "%s%s.%s", i > 0 ? ", " : "", spec->table, spec->fields[i].column);
  if (extra_columns != NULL)
    g_string_append_printf (sql, ", %s", extra_columns);
  g_string_append_printf (sql, " FROM %s %s", spec->table, tail != NULL ? tail : "");

  return g_string_free (sql, FALSE);
}

void
gf_record_read_row (const GfRecordSpec *spec,
                    GfStmt             *stmt,
                    int                 first_column,
                    gpointer            record)
{
  for (guint i = 0; i < spec->n_fields; i++)
    {
      const GfField *field = &spec->fields[i];
      int column = first_column + (int)i;

      switch (field->type)
        {
        case GF_FIELD_TEXT:
          g_free (*TEXT_AT (record, field));
          *TEXT_AT (record, field) = gf_stmt_dup_text (stmt, column);
          break;
        case GF_FIELD_INT:
          if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
            *INT_AT (record, field) = -1;
          else
            *INT_AT (record, field) = sqlite3_column_int64 (stmt, column);
          break;
        case GF_FIELD_BOOL:
        default:
          *BOOL_AT (record, field) = sqlite3_column_int (stmt, column) != 0;
          break;
        }
    }
}

gboolean
gf_record_load (GfDb                *db,
                const GfRecordSpec  *spec,
                gint64               id,
                gpointer             record,
                GError             **error)
{
  g_autofree char *sql = gf_record_select_sql (spec, NULL, "WHERE id = ?1");
  g_autoptr(GfStmt) stmt = gf_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  switch (gf_db_step (db, stmt, error))
    {
    case GF_DB_STEP_ROW:
      gf_record_read_row (spec, stmt, 0, record);
      return TRUE;
    case GF_DB_STEP_DONE:
      g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND,
                   _("This record does not exist or was deleted."));
      return FALSE;
    case GF_DB_STEP_ERROR:
    default:
      return FALSE;
    }
}

/**
 * gf_record_load_many:
 * @tail: the SQL after "FROM table", with ?1 bound to @key
 *
 * Returns: (transfer full) (element-type gpointer): records of @record_size bytes
 */
GPtrArray *
gf_record_load_many (GfDb                *db,
                     const GfRecordSpec  *spec,
                     const char          *tail,
                     gint64               key,
                     gsize                record_size,
                     GDestroyNotify       free_func,
                     GError             **error)
{
  g_autofree char *sql = gf_record_select_sql (spec, NULL, tail);
  g_autoptr(GfStmt) stmt = gf_db_prepare (db, sql, error);
  g_autoptr(GPtrArray) records = NULL;
  GfDbStep step;

  if (stmt == NULL)
    return NULL;

  records = g_ptr_array_new_with_free_func (free_func);
  sqlite3_bind_int64 (stmt, 1, key);
  while ((step = gf_db_step (db, stmt, error)) == GF_DB_STEP_ROW)
    {
      gpointer record = g_malloc0 (record_size);

      gf_record_read_row (spec, stmt, 0, record);
      g_ptr_array_add (records, record);
    }

  if (step == GF_DB_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&records);
}

/* Validates, stamps created_at/updated_at, inserts, and sets the record's id. */
gboolean
gf_record_insert (GfDb                *db,
                  const GfRecordSpec  *spec,
                  gpointer             record,
                  GError             **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GfStmt) stmt = NULL;

  if (!gf_record_validate (spec, record, error))
    return FALSE;
  if (spec->check != NULL && !spec->check (db, record, error))
    return FALSE;

  stamp (spec, record, "created_at", TRUE);
  stamp (spec, record, "updated_at", FALSE);

  g_string_printf (sql, "INSERT INTO %s (", spec->table);
  for (guint i = 1; i < spec->n_fields; i++)
    g_string_append_printf (sql, "%s%s", i > 1 ? ", " : "", spec->fields[i].column);
  g_string_append (sql, ") VALUES (");
  for (guint i = 1; i < spec->n_fields; i++)
    g_string_append_printf (sql, "%s?%u", i > 1 ? ", " : "", i);
  g_string_append (sql, ")");

  stmt = gf_db_prepare (db, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 1; i < spec->n_fields; i++)
    bind_field (stmt, (int)i, &spec->fields[i], record);

  if (!gf_db_step_done (db, stmt, error))
    return FALSE;

  GF_RECORD_ID (record) = gf_db_last_insert_id (db);
  return TRUE;
}

/**
 * gf_record_update:
 * @out_changes: (out) (transfer full) (optional): {"column": [old, new], …} for what
 *   changed; sensitive fields give {"column": "changed"}
 *
 * Validates @record, compares it with the stored row and writes what changed. Fixed
 * fields keep their stored values. Nothing changed: nothing written, empty changes.
 */
gboolean
gf_record_update (GfDb                *db,
                  const GfRecordSpec  *spec,
                  gpointer             record,
                  JsonObject         **out_changes,
                  GError             **error)
{
  g_autofree gpointer stored = NULL;
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(GString) sql = NULL;
  g_autoptr(GfStmt) stmt = NULL;
  gsize size = 0;
  gboolean ok;

  for (guint i = 0; i < spec->n_fields; i++)
    size = MAX (size, spec->fields[i].offset + sizeof (gint64));
  stored = g_malloc0 (size);

  if (!gf_record_validate (spec, record, error))
    return FALSE;
  if (spec->check != NULL && !spec->check (db, record, error))
    return FALSE;
  if (!gf_record_load (db, spec, GF_RECORD_ID (record), stored, error))
    {
      gf_record_clear (spec, stored);
      return FALSE;
    }

  for (guint i = 1; i < spec->n_fields; i++)
    {
      const GfField *field = &spec->fields[i];

      if ((field->flags & GF_FIELD_FIXED) || g_str_equal (field->column, "updated_at") ||
          field_equal (field, stored, record))
        continue;

      if (field->flags & GF_FIELD_SENSITIVE)
        json_object_set_string_member (changes, field->column, "changed");
      else
        {
          JsonArray *pair = json_array_new ();

          json_array_add_element (pair, field_to_json (field, stored));
          json_array_add_element (pair, field_to_json (field, record));
          json_object_set_array_member (changes, field->column, pair);
        }
    }

  /* Fixed fields keep what the database holds, whatever the caller put there. */
  for (guint i = 1; i < spec->n_fields; i++)
    {
      const GfField *field = &spec->fields[i];

      if (!(field->flags & GF_FIELD_FIXED))
        continue;
      if (field->type == GF_FIELD_TEXT)
        {
          g_free (*TEXT_AT (record, field));
          *TEXT_AT (record, field) = g_strdup (*TEXT_AT (stored, field));
        }
      else if (field->type == GF_FIELD_INT)
        *INT_AT (record, field) = *INT_AT (stored, field);
      else
        *BOOL_AT (record, field) = *BOOL_AT (stored, field);
    }
  gf_record_clear (spec, stored);

  if (json_object_get_size (changes) == 0)
    {
      if (out_changes != NULL)
        *out_changes = g_steal_pointer (&changes);
      return TRUE;
    }

  stamp (spec, record, "updated_at", FALSE);

  sql = g_string_new (NULL);
  g_string_printf (sql, "UPDATE %s SET ", spec->table);
  for (guint i = 1; i < spec->n_fields; i++)
    g_string_append_printf (sql, "%s%s = ?%u", i > 1 ? ", " : "", spec->fields[i].column, i);
  g_string_append_printf (sql, " WHERE id = ?%u", spec->n_fields);

  stmt = gf_db_prepare (db, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 1; i < spec->n_fields; i++)
    bind_field (stmt, (int)i, &spec->fields[i], record);
  sqlite3_bind_int64 (stmt, (int)spec->n_fields, GF_RECORD_ID (record));

  ok = gf_db_step_done (db, stmt, error);
  if (ok && out_changes != NULL)
    *out_changes = g_steal_pointer (&changes);
  return ok;
}

gboolean
gf_record_delete (GfDb                *db,
                  const GfRecordSpec  *spec,
                  gint64               id,
                  GError             **error)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?1", spec->table);
  g_autoptr(GfStmt) stmt = gf_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!gf_db_step_done (db, stmt, error))
    return FALSE;
  if (gf_db_changes (db) == 0)
    {
      g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND,
                   _("This record does not exist or was deleted."));
      return FALSE;
    }
  return TRUE;
}

/* Every field but the sensitive ones: what the audit log keeps of a new record. */
JsonObject *
gf_record_to_json (const GfRecordSpec *spec,
                   gconstpointer       record)
{
  JsonObject *object = json_object_new ();

  for (guint i = 0; i < spec->n_fields; i++)
    {
      const GfField *field = &spec->fields[i];

      if (field->flags & GF_FIELD_SENSITIVE)
        continue;
      json_object_set_member (object, field->column, field_to_json (field, record));
    }

  return object;
}
