/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-enrolment.h"
#include "gf-date.h"
#include "gf-i18n.h"
#include "gf-validate.h"

#define F(member) G_STRUCT_OFFSET (GfEnrolment, member)

static const GfField enrolment_fields[] = {
  { "id", N_("Identifier"), GF_FIELD_INT, F (id), GF_FIELD_FIXED },
  { "child_id", N_("Child"), GF_FIELD_INT, F (child_id), GF_FIELD_FIXED },
  { "service_id", N_("Service"), GF_FIELD_INT, F (service_id),
    GF_FIELD_REQUIRED | GF_FIELD_NULLABLE | GF_FIELD_FIXED },
  { "establishment_id", N_("Establishment"), GF_FIELD_INT, F (establishment_id),
    GF_FIELD_REQUIRED | GF_FIELD_NULLABLE | GF_FIELD_FIXED },
  { "start_date", N_("Start date"), GF_FIELD_TEXT, F (start_date),
    GF_FIELD_REQUIRED | GF_FIELD_FIXED, GF_CHECK_DATE, .max_length = 10 },
  { "end_date", N_("End date"), GF_FIELD_TEXT, F (end_date), GF_FIELD_NULLABLE, GF_CHECK_DATE,
    .max_length = 10 },
};

/*
 * Auxiliary methods
 */

static gboolean
row_exists (GfDb        *db,
            const char  *sql,
            gint64       id,
            gboolean    *out_exists,
            GError     **error)
{
  g_autoptr(GfStmt) stmt = gf_db_prepare (db, sql, error);
  GfDbStep step;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  step = gf_db_step (db, stmt, error);
  *out_exists = step == GF_DB_STEP_ROW;
  return step != GF_DB_STEP_ERROR;
}

/* Rules across fields and rows: the service and the establishment exist and are open,
 * the end comes after the start, and a child is never enrolled twice in one service for
 * the same days (a new enrolment starts after the previous one ends). */
static gboolean
check_enrolment (GfDb      *db,
                 gpointer   record,
                 GError   **error)
{
  GfEnrolment *enrolment = record;
  g_autoptr(GfStmt) stmt = NULL;
  gboolean exists = FALSE;

  if (!row_exists (db, "SELECT 1 FROM service WHERE id = ?1 AND active = 1",
                   enrolment->service_id, &exists, error))
    return FALSE;
  if (!exists)
    {
      g_set_error_literal (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                           _("Service: choose one of the services offered."));
      return FALSE;
    }
  if (!row_exists (db, "SELECT 1 FROM establishment WHERE id = ?1 AND active = 1",
                   enrolment->establishment_id, &exists, error))
    return FALSE;
  if (!exists)
    {
      g_set_error_literal (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                           _("Establishment: choose one of the establishments."));
      return FALSE;
    }

  if (enrolment->end_date[0] != '\0' &&
      g_strcmp0 (enrolment->end_date, enrolment->start_date) < 0)
    {
      g_set_error_literal (error, GF_INPUT_ERROR, GF_INPUT_ERROR_OUT_OF_RANGE,
                           _("End date: enter a date on or after the start date."));
      return FALSE;
    }

  stmt = gf_db_prepare (db,
                        "SELECT 1 FROM enrolment WHERE child_id = ?1 AND service_id = ?2 "
                        "AND id <> ?3 AND (end_date IS NULL OR end_date >= ?4) "
                        "AND (?5 = '' OR start_date <= ?5)",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, enrolment->child_id);
  sqlite3_bind_int64 (stmt, 2, enrolment->service_id);
  sqlite3_bind_int64 (stmt, 3, enrolment->id);
  gf_stmt_bind_text (stmt, 4, enrolment->start_date);
  gf_stmt_bind_text (stmt, 5, enrolment->end_date);
  switch (gf_db_step (db, stmt, error))
    {
    case GF_DB_STEP_ROW:
      g_set_error_literal (error, GF_INPUT_ERROR, GF_INPUT_ERROR_DUPLICATE,
                           _("The child is already enrolled in this service on these dates; "
                             "end that enrolment first."));
      return FALSE;
    case GF_DB_STEP_DONE:
      return TRUE;
    case GF_DB_STEP_ERROR:
    default:
      return FALSE;
    }
}

const GfRecordSpec gf_enrolment_spec = {
  "enrolment", "enrolment", enrolment_fields, G_N_ELEMENTS (enrolment_fields), check_enrolment,
};

static GPtrArray *
list_choices (GfDb        *db,
              const char  *sql,
              GError     **error)
{
  g_autoptr(GfStmt) stmt = gf_db_prepare (db, sql, error);
  g_autoptr(GPtrArray) choices = NULL;
  GfDbStep step;

  if (stmt == NULL)
    return NULL;
  choices = g_ptr_array_new_with_free_func ((GDestroyNotify) gf_enrolment_choice_free);
  while ((step = gf_db_step (db, stmt, error)) == GF_DB_STEP_ROW)
    {
      GfEnrolmentChoice *choice = g_new0 (GfEnrolmentChoice, 1);

      choice->id = sqlite3_column_int64 (stmt, 0);
      choice->label = gf_stmt_dup_text (stmt, 1);
      choice->kind = gf_stmt_dup_text (stmt, 2);
      g_ptr_array_add (choices, choice);
    }
  if (step == GF_DB_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&choices);
}

/*
 * Public API
 */

GfEnrolment *
gf_enrolment_new (gint64 child_id)
{
  GfEnrolment *enrolment = g_new0 (GfEnrolment, 1);

  gf_record_init (&gf_enrolment_spec, enrolment);
  enrolment->child_id = child_id;
  enrolment->service_name = g_strdup ("");
  enrolment->establishment_name = g_strdup ("");
  return enrolment;
}

void
gf_enrolment_free (GfEnrolment *enrolment)
{
  if (enrolment == NULL)
    return;
  gf_record_clear (&gf_enrolment_spec, enrolment);
  g_free (enrolment->service_name);
  g_free (enrolment->establishment_name);
  g_free (enrolment);
}

GfEnrolment *
gf_enrolment_get (GfDb    *db,
                  gint64   id,
                  GError **error)
{
  g_autoptr(GfEnrolment) enrolment = g_new0 (GfEnrolment, 1);

  if (!gf_record_load (db, &gf_enrolment_spec, id, enrolment, error))
    return NULL;
  return g_steal_pointer (&enrolment);
}

/* Returns: (transfer full) (element-type GfEnrolment): current ones first, then by start. */
GPtrArray *
gf_enrolment_list (GfDb    *db,
                   gint64   child_id,
                   GError **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(GfStmt) stmt = NULL;
  g_autoptr(GPtrArray) list = NULL;
  GfDbStep step;

  g_return_val_if_fail (GF_IS_DB (db), NULL);

  sql = gf_record_select_sql (&gf_enrolment_spec,
                              "(SELECT name FROM service s WHERE s.id = enrolment.service_id), "
                              "(SELECT name FROM establishment e "
                              " WHERE e.id = enrolment.establishment_id)",
                              "WHERE child_id = ?1 "
                              "ORDER BY end_date IS NOT NULL, end_date DESC, start_date DESC, id");
  stmt = gf_db_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) gf_enrolment_free);
  sqlite3_bind_int64 (stmt, 1, child_id);
  while ((step = gf_db_step (db, stmt, error)) == GF_DB_STEP_ROW)
    {
      GfEnrolment *enrolment = g_new0 (GfEnrolment, 1);

      gf_record_read_row (&gf_enrolment_spec, stmt, 0, enrolment);
      enrolment->service_name = gf_stmt_dup_text (stmt, gf_enrolment_spec.n_fields);
      enrolment->establishment_name = gf_stmt_dup_text (stmt, gf_enrolment_spec.n_fields + 1);
      g_ptr_array_add (list, enrolment);
    }
  if (step == GF_DB_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&list);
}

/* Validates and inserts @enrolment with its audit row; its id is set on success. */
gboolean
gf_enrolment_create (GfDb           *db,
                     const GfActor  *actor,
                     GfEnrolment    *enrolment,
                     GError        **error)
{
  g_return_val_if_fail (enrolment != NULL && enrolment->id == 0, FALSE);

  return gf_record_create (db, actor, &gf_enrolment_spec, enrolment, error);
}

/**
 * gf_enrolment_end:
 * @end_date: ISO date, the last day the child is enrolled
 *
 * Sets the enrolment's end date, audited. The date must be valid and not before the
 * start date.
 */
gboolean
gf_enrolment_end (GfDb           *db,
                  const GfActor  *actor,
                  gint64          id,
                  const char     *end_date,
                  GError        **error)
{
  g_autoptr(GfEnrolment) enrolment = NULL;

  g_return_val_if_fail (GF_IS_DB (db), FALSE);

  if (end_date == NULL || *end_date == '\0')
    {
      g_set_error_literal (error, GF_INPUT_ERROR, GF_INPUT_ERROR_REQUIRED,
                           _("End date: this field is required."));
      return FALSE;
    }
  enrolment = gf_enrolment_get (db, id, error);
  if (enrolment == NULL)
    return FALSE;
  g_free (enrolment->end_date);
  enrolment->end_date = g_strdup (end_date);
  return gf_record_save (db, actor, &gf_enrolment_spec, enrolment, error);
}

/* Returns: (transfer full) (element-type GfEnrolmentChoice): the active services. */
GPtrArray *
gf_enrolment_list_services (GfDb    *db,
                            GError **error)
{
  g_return_val_if_fail (GF_IS_DB (db), NULL);

  return list_choices (db, "SELECT id, name, kind FROM service WHERE active = 1 ORDER BY id",
                       error);
}

/* Returns: (transfer full) (element-type GfEnrolmentChoice): the active establishments. */
GPtrArray *
gf_enrolment_list_establishments (GfDb    *db,
                                  GError **error)
{
  g_return_val_if_fail (GF_IS_DB (db), NULL);

  return list_choices (db, "SELECT id, name, kind FROM establishment WHERE active = 1 "
                           "ORDER BY name COLLATE NOCASE", error);
}

void
gf_enrolment_choice_free (GfEnrolmentChoice *choice)
{
  if (choice == NULL)
    return;
  g_free (choice->label);
  g_free (choice->kind);
  g_free (choice);
}
