/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-audit.h"
#include "gf-i18n.h"
#include "gf-record.h"
#include "gf-validate.h"

typedef struct
{
  const GfRecordSpec *spec;
  gpointer            record;
  gint64              id;
} RecordCall;

/**
 * gf_record_explain_constraint:
 *
 * Turns a database constraint failure into a sentence for a person. A UNIQUE failure
 * names the field ("UNIQUE constraint failed: citizen_account.email"); the rest should
 * have been caught by validation, so they get a general sentence.
 */
void
gf_record_explain_constraint (const GfRecordSpec  *spec,
                              GError             **error)
{
  const char *message;
  const char *column;

  if (error == NULL || *error == NULL ||
      !g_error_matches (*error, GF_DB_ERROR, GF_DB_ERROR_CONSTRAINT))
    return;

  message = (*error)->message;
  g_debug ("constraint failed on %s: %s", spec->table, message);

  if (g_str_has_prefix (message, "UNIQUE constraint failed: ") &&
      (column = strchr (message, '.')) != NULL)
    {
      column++;
      for (guint i = 0; i < spec->n_fields; i++)
        if (g_str_has_prefix (column, spec->fields[i].column) &&
            (column[strlen (spec->fields[i].column)] == '\0' ||
             column[strlen (spec->fields[i].column)] == ','))
          {
            g_clear_error (error);
            g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_DUPLICATE,
                         _("%s: this value is already used by another record."),
                         _(spec->fields[i].label));
            return;
          }
    }

  g_clear_error (error);
  if (strstr (message, "FOREIGN KEY") != NULL)
    g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                 _("The change refers to a record that no longer exists, or removes a record "
                   "that others still refer to."));
  else
    g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                 _("A value is not allowed here; check the form and try again."));
}

static gboolean
create_cb (GfDb      *db,
           GfChange  *change,
           gpointer   user_data,
           GError   **error)
{
  RecordCall *call = user_data;

  if (!gf_record_insert (db, call->spec, call->record, error))
    return FALSE;

  gf_change_record (change, "create", call->spec->entity, GF_RECORD_ID (call->record),
                    gf_record_to_json (call->spec, call->record));
  return TRUE;
}

static gboolean
save_cb (GfDb      *db,
         GfChange  *change,
         gpointer   user_data,
         GError   **error)
{
  RecordCall *call = user_data;
  JsonObject *changes = NULL;

  if (!gf_record_update (db, call->spec, call->record, &changes, error))
    return FALSE;

  if (json_object_get_size (changes) > 0)
    gf_change_record (change, "update", call->spec->entity, GF_RECORD_ID (call->record), changes);
  else
    json_object_unref (changes);
  return TRUE;
}

static gboolean
remove_cb (GfDb      *db,
           GfChange  *change,
           gpointer   user_data,
           GError   **error)
{
  RecordCall *call = user_data;

  if (!gf_record_delete (db, call->spec, call->id, error))
    return FALSE;

  gf_change_record (change, "delete", call->spec->entity, call->id, NULL);
  return TRUE;
}

/* Validates and inserts @record; on success its id and timestamps are set. */
gboolean
gf_record_create (GfDb                *db,
                  const GfActor       *actor,
                  const GfRecordSpec  *spec,
                  gpointer             record,
                  GError             **error)
{
  RecordCall call = { spec, record, 0 };
  gboolean ok;

  ok = gf_db_change (db, actor, create_cb, &call, error);
  if (!ok)
    gf_record_explain_constraint (spec, error);
  return ok;
}

/* Validates @record and writes what differs from the stored row, with the differences in
 * the audit log. */
gboolean
gf_record_save (GfDb                *db,
                const GfActor       *actor,
                const GfRecordSpec  *spec,
                gpointer             record,
                GError             **error)
{
  RecordCall call = { spec, record, GF_RECORD_ID (record) };
  gboolean ok;

  g_return_val_if_fail (GF_RECORD_ID (record) > 0, FALSE);

  ok = gf_db_change (db, actor, save_cb, &call, error);
  if (!ok)
    gf_record_explain_constraint (spec, error);
  return ok;
}

gboolean
gf_record_remove (GfDb                *db,
                  const GfActor       *actor,
                  const GfRecordSpec  *spec,
                  gint64               id,
                  GError             **error)
{
  RecordCall call = { spec, NULL, id };
  gboolean ok;

  ok = gf_db_change (db, actor, remove_cb, &call, error);
  if (!ok)
    gf_record_explain_constraint (spec, error);
  return ok;
}
