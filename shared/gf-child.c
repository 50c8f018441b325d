/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-child.h"
#include "gf-date.h"
#include "gf-i18n.h"
#include "gf-validate.h"

#define F(member) G_STRUCT_OFFSET (GfChild, member)

static const char * const sexes[] = { "F", "M", NULL };

static const GfField child_fields[] = {
  { "id", N_("Identifier"), GF_FIELD_INT, F (id), GF_FIELD_FIXED },
  { "family_id", N_("Family"), GF_FIELD_INT, F (family_id), GF_FIELD_FIXED },
  { "last_name", N_("Last name"), GF_FIELD_TEXT, F (last_name), GF_FIELD_REQUIRED, .max_length = 100 },
  { "first_name", N_("First name"), GF_FIELD_TEXT, F (first_name), GF_FIELD_REQUIRED,
    .max_length = 100 },
  { "birth_date", N_("Date of birth"), GF_FIELD_TEXT, F (birth_date), GF_FIELD_REQUIRED,
    GF_CHECK_DATE, .max_length = 10 },
  { "sex", N_("Sex"), GF_FIELD_TEXT, F (sex), 0, GF_CHECK_CHOICE, 1, sexes },
  { "establishment_id", N_("School"), GF_FIELD_INT, F (establishment_id), GF_FIELD_NULLABLE },
  { "class_name", N_("Class"), GF_FIELD_TEXT, F (class_name), 0, .max_length = 50 },
  { "diet", N_("Diet"), GF_FIELD_TEXT, F (diet), GF_FIELD_SENSITIVE, .max_length = 200 },
  { "allergies", N_("Allergies"), GF_FIELD_TEXT, F (allergies), GF_FIELD_SENSITIVE,
    .max_length = 2000 },
  { "medical_history", N_("Medical history"), GF_FIELD_TEXT, F (medical_history),
    GF_FIELD_SENSITIVE, .max_length = 4000 },
  { "observations", N_("Observations"), GF_FIELD_TEXT, F (observations), GF_FIELD_SENSITIVE,
    .max_length = 4000 },
  { "doctor_name", N_("Doctor"), GF_FIELD_TEXT, F (doctor_name), GF_FIELD_SENSITIVE,
    .max_length = 200 },
  { "doctor_phone", N_("Doctor's phone"), GF_FIELD_TEXT, F (doctor_phone), GF_FIELD_SENSITIVE,
    GF_CHECK_PHONE, .max_length = 20 },
  { "pai", N_("Individual care plan (PAI)"), GF_FIELD_BOOL, F (pai), GF_FIELD_SENSITIVE },
  { "pai_details", N_("PAI details"), GF_FIELD_TEXT, F (pai_details), GF_FIELD_SENSITIVE,
    .max_length = 4000 },
  { "archived", N_("Archived"), GF_FIELD_BOOL, F (archived) },
  { "created_at", N_("Created"), GF_FIELD_TEXT, F (created_at), GF_FIELD_FIXED },
  { "updated_at", N_("Updated"), GF_FIELD_TEXT, F (updated_at) },
};

static gboolean
check_child (GfDb      *db,
             gpointer   record,
             GError   **error)
{
  GfChild *child = record;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate birth;
  GDate today;

  if (!gf_date_parse_iso (child->birth_date, &birth, error))
    return FALSE;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  if (g_date_compare (&birth, &today) > 0 || gf_date_age_on (&birth, &today) > 25)
    {
      g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_OUT_OF_RANGE,
                   _("Date of birth: enter a date in the past, less than 25 years ago."));
      return FALSE;
    }

  return TRUE;
}

const GfRecordSpec gf_child_spec = {
  "child", "child", child_fields, G_N_ELEMENTS (child_fields), check_child,
};

#undef F
#define F(member) G_STRUCT_OFFSET (GfChildContact, member)

static const GfField contact_fields[] = {
  { "id", N_("Identifier"), GF_FIELD_INT, F (id), GF_FIELD_FIXED },
  { "child_id", N_("Child"), GF_FIELD_INT, F (child_id), GF_FIELD_FIXED },
  { "last_name", N_("Last name"), GF_FIELD_TEXT, F (last_name), GF_FIELD_REQUIRED, .max_length = 100 },
  { "first_name", N_("First name"), GF_FIELD_TEXT, F (first_name), GF_FIELD_REQUIRED,
    .max_length = 100 },
  { "relation", N_("Relationship"), GF_FIELD_TEXT, F (relation), 0, .max_length = 50 },
  { "address", N_("Address"), GF_FIELD_TEXT, F (address), 0, .max_length = 200 },
  { "postal_code", N_("Postal code"), GF_FIELD_TEXT, F (postal_code), 0, GF_CHECK_POSTAL_CODE,
    .max_length = 5 },
  { "city", N_("Town"), GF_FIELD_TEXT, F (city), 0, .max_length = 100 },
  { "phone1", N_("Phone"), GF_FIELD_TEXT, F (phone1), GF_FIELD_REQUIRED, GF_CHECK_PHONE,
    .max_length = 20 },
  { "phone2", N_("Other phone"), GF_FIELD_TEXT, F (phone2), 0, GF_CHECK_PHONE, .max_length = 20 },
  { "emergency", N_("Emergency contact"), GF_FIELD_BOOL, F (emergency) },
  { "pickup", N_("Allowed to pick the child up"), GF_FIELD_BOOL, F (pickup) },
};

static gboolean
check_contact (GfDb      *db,
               gpointer   record,
               GError   **error)
{
  GfChildContact *contact = record;

  if (!contact->emergency && !contact->pickup)
    {
      g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_REQUIRED,
                   _("Say whether this person is an emergency contact, allowed to pick the "
                     "child up, or both."));
      return FALSE;
    }
  return TRUE;
}

const GfRecordSpec gf_child_contact_spec = {
  "child_contact", "child_contact", contact_fields, G_N_ELEMENTS (contact_fields), check_contact,
};

G_DEFINE_BOXED_TYPE (GfChild, gf_child, gf_child_copy, gf_child_free)
G_DEFINE_BOXED_TYPE (GfChildContact, gf_child_contact, gf_child_contact_copy, gf_child_contact_free)

GfChild *
gf_child_new (gint64 family_id)
{
  GfChild *child = g_new0 (GfChild, 1);

  gf_record_init (&gf_child_spec, child);
  child->family_id = family_id;
  return child;
}

GfChild *
gf_child_copy (const GfChild *child)
{
  GfChild *copy = g_new0 (GfChild, 1);

  gf_record_copy (&gf_child_spec, child, copy);
  return copy;
}

void
gf_child_free (GfChild *child)
{
  if (child == NULL)
    return;
  gf_record_clear (&gf_child_spec, child);
  g_free (child);
}

gboolean
gf_child_create (GfDb           *db,
                 const GfActor  *actor,
                 GfChild        *child,
                 GError        **error)
{
  g_return_val_if_fail (child != NULL && child->id == 0, FALSE);

  return gf_record_create (db, actor, &gf_child_spec, child, error);
}

GfChild *
gf_child_get (GfDb    *db,
              gint64   id,
              GError **error)
{
  g_autoptr(GfChild) child = g_new0 (GfChild, 1);

  if (!gf_record_load (db, &gf_child_spec, id, child, error))
    return NULL;
  return g_steal_pointer (&child);
}

gboolean
gf_child_update (GfDb           *db,
                 const GfActor  *actor,
                 GfChild        *child,
                 GError        **error)
{
  return gf_record_save (db, actor, &gf_child_spec, child, error);
}

/* Returns: (transfer full) (element-type GfChild): eldest first. */
GPtrArray *
gf_child_list (GfDb    *db,
               gint64   family_id,
               GError **error)
{
  return gf_record_load_many (db, &gf_child_spec, "WHERE family_id = ?1 ORDER BY birth_date, id",
                              family_id, sizeof (GfChild), (GDestroyNotify)gf_child_free, error);
}

typedef struct
{
  gint64               child_id;
  gint64               type_id;
  GfAuthorizationValue value;
} AuthorizationCall;

static const char *
authorization_to_string (GfAuthorizationValue value)
{
  switch (value)
    {
    case GF_AUTHORIZATION_YES:
      return "yes";
    case GF_AUTHORIZATION_NO:
      return "no";
    case GF_AUTHORIZATION_NOT_APPLICABLE:
    default:
      return "na";
    }
}

static gboolean
set_authorization_cb (GfDb      *db,
                      GfChange  *change,
                      gpointer   user_data,
                      GError   **error)
{
  AuthorizationCall *call = user_data;
  g_autoptr(GfStmt) stmt = NULL;
  g_autofree char *now = gf_timestamp_now ();
  JsonObject *details;

  stmt = gf_db_prepare (db,
                        "INSERT INTO child_authorization (child_id, type_id, value, updated_at) "
                        "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (child_id, type_id) "
                        "DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at "
                        "WHERE value <> excluded.value",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, call->child_id);
  sqlite3_bind_int64 (stmt, 2, call->type_id);
  gf_stmt_bind_text (stmt, 3, authorization_to_string (call->value));
  gf_stmt_bind_text (stmt, 4, now);
  if (!gf_db_step_done (db, stmt, error))
    return FALSE;

  if (gf_db_changes (db) > 0)
    {
      details = json_object_new ();
      json_object_set_int_member (details, "type_id", call->type_id);
      json_object_set_string_member (details, "value", authorization_to_string (call->value));
      gf_change_record (change, "set_authorization", "child", call->child_id, details);
    }
  return TRUE;
}

gboolean
gf_child_set_authorization (GfDb                 *db,
                            const GfActor        *actor,
                            gint64                child_id,
                            gint64                type_id,
                            GfAuthorizationValue  value,
                            GError              **error)
{
  AuthorizationCall call = { child_id, type_id, value };
  gboolean ok;

  g_return_val_if_fail (value <= GF_AUTHORIZATION_NOT_APPLICABLE, FALSE);

  ok = gf_db_change (db, actor, set_authorization_cb, &call, error);
  if (!ok)
    gf_record_explain_constraint (&gf_child_spec, error);
  return ok;
}

GfChildContact *
gf_child_contact_new (gint64 child_id)
{
  GfChildContact *contact = g_new0 (GfChildContact, 1);

  gf_record_init (&gf_child_contact_spec, contact);
  contact->child_id = child_id;
  return contact;
}

GfChildContact *
gf_child_contact_copy (const GfChildContact *contact)
{
  GfChildContact *copy = g_new0 (GfChildContact, 1);

  gf_record_copy (&gf_child_contact_spec, contact, copy);
  return copy;
}

void
gf_child_contact_free (GfChildContact *contact)
{
  if (contact == NULL)
    return;
  gf_record_clear (&gf_child_contact_spec, contact);
  g_free (contact);
}

gboolean
gf_child_contact_create (GfDb            *db,
                         const GfActor   *actor,
                         GfChildContact  *contact,
                         GError         **error)
{
  g_return_val_if_fail (contact != NULL && contact->id == 0, FALSE);

  return gf_record_create (db, actor, &gf_child_contact_spec, contact, error);
}

gboolean
gf_child_contact_update (GfDb            *db,
                         const GfActor   *actor,
                         GfChildContact  *contact,
                         GError         **error)
{
  return gf_record_save (db, actor, &gf_child_contact_spec, contact, error);
}

gboolean
gf_child_contact_delete (GfDb           *db,
                         const GfActor  *actor,
                         gint64          id,
                         GError        **error)
{
  return gf_record_remove (db, actor, &gf_child_contact_spec, id, error);
}

GPtrArray *
gf_child_contact_list (GfDb    *db,
                       gint64   child_id,
                       GError **error)
{
  return gf_record_load_many (db, &gf_child_contact_spec, "WHERE child_id = ?1 ORDER BY id",
                              child_id, sizeof (GfChildContact),
                              (GDestroyNotify)gf_child_contact_free, error);
}
