/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-family.h"
#include "gf-date.h"
#include "gf-i18n.h"
#include "gf-validate.h"

#define F(member) G_STRUCT_OFFSET (GfFamily, member)

static const GfField family_fields[] = {
  { "id", N_("Identifier"), GF_FIELD_INT, F (id), GF_FIELD_FIXED },
  { "reference", N_("File reference"), GF_FIELD_TEXT, F (reference), GF_FIELD_FIXED,
    .max_length = 32 },
  { "address_line1", N_("Address"), GF_FIELD_TEXT, F (address_line1), 0, .max_length = 200 },
  { "address_line2", N_("Address (continued)"), GF_FIELD_TEXT, F (address_line2), 0,
    .max_length = 200 },
  { "postal_code", N_("Postal code"), GF_FIELD_TEXT, F (postal_code), 0, GF_CHECK_POSTAL_CODE,
    .max_length = 5 },
  { "city", N_("Town"), GF_FIELD_TEXT, F (city), 0, .max_length = 100 },
  { "phone", N_("Phone"), GF_FIELD_TEXT, F (phone), 0, GF_CHECK_PHONE, .max_length = 20 },
  { "email", N_("E-mail"), GF_FIELD_TEXT, F (email), 0, GF_CHECK_EMAIL, .max_length = 254 },
  { "quotient_familial", N_("Family quotient"), GF_FIELD_INT, F (quotient_familial),
    GF_FIELD_NULLABLE, GF_CHECK_RANGE, .min = 0, .max = 100000 },
  { "paperless", N_("Paperless invoices"), GF_FIELD_BOOL, F (paperless) },
  { "direct_debit", N_("Direct debit"), GF_FIELD_BOOL, F (direct_debit) },
  { "iban", N_("IBAN"), GF_FIELD_TEXT, F (iban), GF_FIELD_NULLABLE | GF_FIELD_SENSITIVE,
    .max_length = 34 },
  { "bic", N_("BIC"), GF_FIELD_TEXT, F (bic), GF_FIELD_NULLABLE, .max_length = 11 },
  { "mandate_reference", N_("Mandate reference"), GF_FIELD_TEXT, F (mandate_reference),
    GF_FIELD_NULLABLE, .max_length = 35 },
  { "mandate_date", N_("Mandate date"), GF_FIELD_TEXT, F (mandate_date), GF_FIELD_NULLABLE,
    GF_CHECK_DATE, .max_length = 10 },
  { "archived", N_("Archived"), GF_FIELD_BOOL, F (archived), GF_FIELD_FIXED },
  { "created_at", N_("Created"), GF_FIELD_TEXT, F (created_at), GF_FIELD_FIXED },
  { "updated_at", N_("Updated"), GF_FIELD_TEXT, F (updated_at), 0 },
};

/* "2026-000123": the year the file was opened and a number that never repeats. */
char *
gf_family_next_reference (GfDb    *db,
                          GError **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gint64 next = 0;

  if (!gf_db_query_int64 (db, "SELECT ifnull(max(id), 0) + 1 FROM family", &next, error))
    return NULL;

  return g_strdup_printf ("%04d-%06lld", g_date_time_get_year (now), (long long)next);
}

static gboolean
check_family (GfDb      *db,
              gpointer   record,
              GError   **error)
{
  GfFamily *family = record;

  if (family->direct_debit &&
      (family->iban == NULL || *family->iban == '\0' ||
       family->mandate_reference == NULL || *family->mandate_reference == '\0'))
    {
      g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_REQUIRED,
                   _("Direct debit needs the IBAN and the mandate reference."));
      return FALSE;
    }

  /* A new family without a reference gets the next one, inside the write transaction so
   * two offices creating families at once cannot get the same. */
  if (family->id == 0 && (family->reference == NULL || *family->reference == '\0'))
    {
      g_free (family->reference);
      family->reference = gf_family_next_reference (db, error);
      if (family->reference == NULL)
        return FALSE;
    }

  return TRUE;
}

const GfRecordSpec gf_family_spec = {
  "family", "family", family_fields, G_N_ELEMENTS (family_fields), check_family,
};

G_DEFINE_BOXED_TYPE (GfFamily, gf_family, gf_family_copy, gf_family_free)

GfFamily *
gf_family_new (void)
{
  GfFamily *family = g_new0 (GfFamily, 1);

  gf_record_init (&gf_family_spec, family);
  return family;
}

GfFamily *
gf_family_copy (const GfFamily *family)
{
  GfFamily *copy = g_new0 (GfFamily, 1);

  gf_record_copy (&gf_family_spec, family, copy);
  copy->display_name = g_strdup (family->display_name);
  return copy;
}

void
gf_family_free (GfFamily *family)
{
  if (family == NULL)
    return;
  gf_record_clear (&gf_family_spec, family);
  g_free (family->display_name);
  g_free (family);
}

/**
 * gf_family_create:
 * @family: the new family; an empty reference gets the next free one. On success its id,
 *   reference and timestamps are set.
 */
gboolean
gf_family_create (GfDb           *db,
                  const GfActor  *actor,
                  GfFamily       *family,
                  GError        **error)
{
  g_return_val_if_fail (family != NULL && family->id == 0, FALSE);

  return gf_record_create (db, actor, &gf_family_spec, family, error);
}

static GfFamily *
get_where (GfDb        *db,
           const char  *where,
           gint64       id,
           const char  *reference,
           GError     **error)
{
  g_autofree char *tail = g_strdup_printf ("WHERE %s", where);
  g_autofree char *sql = gf_record_select_sql (&gf_family_spec, GF_FAMILY_DISPLAY_NAME_SQL, tail);
  g_autoptr(GfStmt) stmt = gf_db_prepare (db, sql, error);
  g_autoptr(GfFamily) family = NULL;

  if (stmt == NULL)
    return NULL;
  if (reference != NULL)
    gf_stmt_bind_text (stmt, 1, reference);
  else
    sqlite3_bind_int64 (stmt, 1, id);

  switch (gf_db_step (db, stmt, error))
    {
    case GF_DB_STEP_ROW:
      family = g_new0 (GfFamily, 1);
      gf_record_read_row (&gf_family_spec, stmt, 0, family);
      family->display_name = gf_stmt_dup_text (stmt, gf_family_spec.n_fields);
      return g_steal_pointer (&family);
    case GF_DB_STEP_DONE:
      g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND, _("This family does not exist."));
      return NULL;
    case GF_DB_STEP_ERROR:
    default:
      return NULL;
    }
}

GfFamily *
gf_family_get (GfDb    *db,
               gint64   id,
               GError **error)
{
  return get_where (db, "family.id = ?1", id, NULL, error);
}

GfFamily *
gf_family_get_by_reference (GfDb        *db,
                            const char  *reference,
                            GError     **error)
{
  g_return_val_if_fail (reference != NULL, NULL);

  return get_where (db, "family.reference = ?1", 0, reference, error);
}

gboolean
gf_family_update (GfDb           *db,
                  const GfActor  *actor,
                  GfFamily       *family,
                  GError        **error)
{
  g_return_val_if_fail (family != NULL && family->id > 0, FALSE);

  return gf_record_save (db, actor, &gf_family_spec, family, error);
}

typedef struct
{
  gint64   id;
  gboolean archived;
} ArchiveCall;

static gboolean
archive_cb (GfDb      *db,
            GfChange  *change,
            gpointer   user_data,
            GError   **error)
{
  ArchiveCall *call = user_data;
  g_autoptr(GfStmt) stmt = NULL;
  g_autofree char *now = gf_timestamp_now ();

  stmt = gf_db_prepare (db, "UPDATE family SET archived = ?2, updated_at = ?3 "
                            "WHERE id = ?1 AND archived <> ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, call->id);
  sqlite3_bind_int (stmt, 2, call->archived);
  gf_stmt_bind_text (stmt, 3, now);
  if (!gf_db_step_done (db, stmt, error))
    return FALSE;

  if (gf_db_changes (db) == 0)
    {
      gint64 exists = 0;
      g_autoptr(GfStmt) check = gf_db_prepare (db, "SELECT count(*) FROM family WHERE id = ?1", error);

      if (check == NULL)
        return FALSE;
      sqlite3_bind_int64 (check, 1, call->id);
      if (gf_db_step (db, check, error) != GF_DB_STEP_ROW)
        return FALSE;
      exists = sqlite3_column_int64 (check, 0);
      if (!exists)
        {
          g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND, _("This family does not exist."));
          return FALSE;
        }
      return TRUE;
    }

  gf_change_record (change, call->archived ? "archive" : "unarchive", "family", call->id, NULL);
  return TRUE;
}

gboolean
gf_family_set_archived (GfDb           *db,
                        const GfActor  *actor,
                        gint64          id,
                        gboolean        archived,
                        GError        **error)
{
  ArchiveCall call = { id, archived };

  return gf_db_change (db, actor, archive_cb, &call, error);
}
