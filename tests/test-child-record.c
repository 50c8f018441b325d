/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-child.h"
#include "gf-child-authorization.h"
#include "gf-child-list.h"
#include "gf-demo.h"
#include "gf-enrolment.h"
#include "gf-medical-access.h"
#include "gf-staff-user.h"
#include "gf-validate.h"
#include "gf-test-util.h"

/* The staff application's child record in the core: the list and its search, the medical
 * rule per role with its audit row, contacts, authorizations and enrolments. Bad input
 * must change nothing: each such case compares a dump of the tables before and after. */

typedef struct
{
  GfDb    *db;
  GfActor  agent;
  GfActor  regisseur;
  GfActor  admin;
  gint64   child_id;        /* a child with a PAI and an allergy */
} Fixture;

static char *
snapshot (GfDb *db)
{
  const char *tables[] = { "child", "child_contact", "child_authorization", "enrolment",
                           "audit_log" };
  GString *all = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *dump = gf_test_dump_table (db, tables[i]);

      g_string_append_printf (all, "[%s]\n%s", tables[i], dump);
    }
  return g_string_free (all, FALSE);
}

static void
staff_actor (GfDb       *db,
             const char *login,
             GfActor    *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfStaffUser) user = gf_staff_user_get_by_login (db, login, &error);

  g_assert_no_error (error);
  out->kind = GF_ACTOR_STAFF;
  out->id = user->id;
  out->label = g_intern_string (login);
}

static gint64
count (GfDb       *db,
       const char *sql)
{
  return gf_test_count (db, sql);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GfDemoOptions options;

  fixture->db = gf_test_db_new (NULL);
  gf_demo_options_init (&options);
  options.n_families = 12;
  options.today = "2026-11-22";
  g_assert_true (gf_demo_generate (fixture->db, &options, &error));
  g_assert_no_error (error);

  staff_actor (fixture->db, "agent", &fixture->agent);
  staff_actor (fixture->db, "regisseur", &fixture->regisseur);
  staff_actor (fixture->db, "admin", &fixture->admin);

  g_assert_true (gf_db_exec (fixture->db,
                             "UPDATE child SET pai = 1, allergies = 'Arachide', "
                             "pai_details = 'Trousse d''urgence', doctor_name = 'Dr Roux', "
                             "doctor_phone = '04 78 11 22 33' "
                             "WHERE id = (SELECT min(id) FROM child)",
                             &error));
  g_assert_no_error (error);
  fixture->child_id = count (fixture->db, "SELECT min(id) FROM child");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->db);
}

/*
 * List and search
 */

static void
test_fold (void)
{
  g_autofree char *a = gf_child_search_fold ("Héloïse  École-Jules Ferry");
  g_autofree char *b = gf_child_search_fold ("");
  g_autofree char *c = gf_child_search_fold ("2026-000123");
  g_autofree char *d = gf_child_search_fold ("\xff\xfe");

  g_assert_cmpstr (a, ==, " heloise ecole jules ferry ");
  g_assert_cmpstr (b, ==, " ");
  g_assert_cmpstr (c, ==, " 2026 000123 ");
  g_assert_cmpstr (d, ==, "");
}

static GArray *
search (Fixture    *fixture,
        const char *query)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = gf_child_search_ids (fixture->db, query, GF_CHILD_SEARCH_DEFAULT, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ids);
  return ids;
}

static gboolean
ids_contain (GArray *ids,
             gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfChild) child = gf_child_get (fixture->db, fixture->child_id, &error);
  g_autoptr(GArray) all = search (fixture, NULL);
  g_autoptr(GArray) blank = search (fixture, "  -- ' ; ");
  g_autoptr(GArray) by_first = NULL;
  g_autoptr(GArray) by_both = NULL;
  g_autoptr(GArray) by_school = NULL;
  g_autoptr(GArray) by_reference = NULL;
  g_autoptr(GArray) none = search (fixture, "Zzyzxq");
  g_autofree char *first_prefix = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *upper = NULL;
  gint64 n_children = count (fixture->db, "SELECT count(*) FROM child WHERE archived = 0");
  gint64 at_curie = count (fixture->db, "SELECT count(*) FROM child c JOIN establishment e "
                                        "ON e.id = c.establishment_id WHERE e.name LIKE '%Curie%' "
                                        "AND c.archived = 0");

  g_assert_no_error (error);
  g_assert_cmpint (all->len, ==, n_children);
  g_assert_cmpint (blank->len, ==, n_children);
  g_assert_cmpint (none->len, ==, 0);

  /* A prefix of the first name, in upper case: still found. */
  first_prefix = g_utf8_substring (child->first_name, 0, 3);
  upper = g_utf8_strup (first_prefix, -1);
  by_first = search (fixture, upper);
  g_assert_true (ids_contain (by_first, child->id));
  g_assert_cmpint (by_first->len, <, all->len);

  /* Two words must both match. */
  {
    g_autofree char *both = g_strdup_printf ("%s %s", child->last_name, child->first_name);

    by_both = search (fixture, both);
    g_assert_true (ids_contain (by_both, child->id));
    g_assert_cmpint (by_both->len, <=, by_first->len);
  }

  by_school = search (fixture, "curie");
  g_assert_cmpint (by_school->len, ==, at_curie);

  reference = g_strdup_printf ("SELECT reference FROM family WHERE id = %" G_GINT64_FORMAT,
                               child->family_id);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (gf_db_get_handle (fixture->db), reference, -1, &stmt,
                                         NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    by_reference = search (fixture, (const char *) sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
  }
  g_assert_true (ids_contain (by_reference, child->id));
  g_assert_cmpint (by_reference->len, ==,
                   count (fixture->db, "SELECT count(*) FROM child WHERE archived = 0 AND "
                                       "family_id = (SELECT family_id FROM child WHERE id = "
                                       "(SELECT min(id) FROM child))"));
}

static void
test_summaries (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = search (fixture, NULL);
  g_autoptr(GPtrArray) as_agent = NULL;
  g_autoptr(GPtrArray) as_regisseur = NULL;
  gint64 ids[3] = { g_array_index (all, gint64, 1), 999999, fixture->child_id };
  GfChildSummary *summary;

  as_agent = gf_child_summaries_get (fixture->db, &fixture->agent, ids, 3, &error);
  g_assert_no_error (error);
  /* The unknown id is skipped; the order is the caller's. */
  g_assert_cmpint (as_agent->len, ==, 2);
  summary = g_ptr_array_index (as_agent, 0);
  g_assert_cmpint (summary->id, ==, ids[0]);
  summary = g_ptr_array_index (as_agent, 1);
  g_assert_cmpint (summary->id, ==, fixture->child_id);
  g_assert_cmpint (summary->pai, ==, 1);
  g_assert_cmpstr (summary->birth_date, !=, "");
  g_assert_true (g_str_has_prefix (summary->family_reference, "20"));

  as_regisseur = gf_child_summaries_get (fixture->db, &fixture->regisseur, ids, 3, &error);
  g_assert_no_error (error);
  summary = g_ptr_array_index (as_regisseur, 1);
  g_assert_cmpint (summary->pai, ==, -1);
}

/*
 * Medical data
 */

static void
test_medical_rule (Fixture       *fixture,
                   gconstpointer  data)
{
  GfActor system = GF_ACTOR_INIT_SYSTEM ("test");
  GfActor citizen = { GF_ACTOR_CITIZEN, 1, "famille" };

  g_assert_true (gf_staff_role_can_see_medical (GF_STAFF_ROLE_AGENT));
  g_assert_true (gf_staff_role_can_see_medical (GF_STAFF_ROLE_ADMIN));
  g_assert_false (gf_staff_role_can_see_medical (GF_STAFF_ROLE_REGISSEUR));

  g_assert_true (gf_staff_actor_can_see_medical (fixture->db, &fixture->agent));
  g_assert_true (gf_staff_actor_can_see_medical (fixture->db, &fixture->admin));
  g_assert_false (gf_staff_actor_can_see_medical (fixture->db, &fixture->regisseur));
  g_assert_false (gf_staff_actor_can_see_medical (fixture->db, &system));
  g_assert_false (gf_staff_actor_can_see_medical (fixture->db, &citizen));
  g_assert_false (gf_staff_actor_can_see_medical (fixture->db, NULL));

  g_assert_true (gf_child_field_is_medical ("allergies"));
  g_assert_true (gf_child_field_is_medical ("pai"));
  g_assert_false (gf_child_field_is_medical ("diet"));
  g_assert_false (gf_child_field_is_medical ("first_name"));
}

static void
test_medical_open (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfChild) plain = gf_child_get_for_staff (fixture->db, fixture->child_id, &error);
  g_autoptr(GfChild) opened = NULL;
  g_autoptr(GfChild) denied = NULL;
  g_autoptr(GfChild) again = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE action = "
                                          "'view-medical' AND entity = 'child' AND entity_id = %"
                                          G_GINT64_FORMAT, fixture->child_id);

  /* A plain read never carries medical values, whatever the role. */
  g_assert_no_error (error);
  g_assert_cmpstr (plain->allergies, ==, "");
  g_assert_cmpstr (plain->doctor_name, ==, "");
  g_assert_cmpstr (plain->pai_details, ==, "");
  g_assert_false (plain->pai);
  g_assert_cmpstr (plain->first_name, !=, "");
  g_assert_cmpint (count (fixture->db, sql), ==, 0);

  /* The régisseur: refused, and nothing written, not even the audit row. */
  before = snapshot (fixture->db);
  denied = gf_child_open_medical (fixture->db, &fixture->regisseur, fixture->child_id, &error);
  g_assert_null (denied);
  g_assert_error (error, GF_ACCESS_ERROR, GF_ACCESS_ERROR_DENIED);
  g_clear_error (&error);
  after = snapshot (fixture->db);
  g_assert_cmpstr (before, ==, after);

  /* An unknown child: an error, no audit row. */
  g_assert_null (gf_child_open_medical (fixture->db, &fixture->agent, 987654, &error));
  g_assert_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&after, g_free);
  after = snapshot (fixture->db);
  g_assert_cmpstr (before, ==, after);

  /* The agent: the values, and one audit row per opening. */
  opened = gf_child_open_medical (fixture->db, &fixture->agent, fixture->child_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (opened->allergies, ==, "Arachide");
  g_assert_cmpstr (opened->doctor_name, ==, "Dr Roux");
  g_assert_true (opened->pai);
  g_assert_cmpint (count (fixture->db, sql), ==, 1);
  again = gf_child_open_medical (fixture->db, &fixture->admin, fixture->child_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture->db, sql), ==, 2);
  g_assert_cmpint (count (fixture->db, "SELECT count(*) FROM audit_log WHERE action = "
                                       "'view-medical' AND actor_label = 'admin'"), ==, 1);
}

static void
test_save (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfChild) child = NULL;
  g_autoptr(GfChild) stored = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *details = NULL;

  /* A régisseur changes the class: the medical values, blank in his copy, stay. */
  child = gf_child_get_for_staff (fixture->db, fixture->child_id, &error);
  g_assert_no_error (error);
  g_free (child->class_name);
  child->class_name = g_strdup ("CM2");
  g_assert_true (gf_child_save_for_staff (fixture->db, &fixture->regisseur, child, FALSE, &error));
  g_assert_no_error (error);
  stored = gf_child_get (fixture->db, fixture->child_id, &error);
  g_assert_cmpstr (stored->class_name, ==, "CM2");
  g_assert_cmpstr (stored->allergies, ==, "Arachide");
  g_assert_true (stored->pai);
  g_clear_pointer (&stored, gf_child_free);

  /* He may not write medical values. */
  before = snapshot (fixture->db);
  g_free (child->allergies);
  child->allergies = g_strdup ("Aucune");
  g_assert_false (gf_child_save_for_staff (fixture->db, &fixture->regisseur, child, TRUE, &error));
  g_assert_error (error, GF_ACCESS_ERROR, GF_ACCESS_ERROR_DENIED);
  g_clear_error (&error);

  /* Bad input changes nothing: a birth date in the future, a doctor's phone of letters. */
  g_clear_pointer (&child, gf_child_free);
  child = gf_child_open_medical (fixture->db, &fixture->agent, fixture->child_id, &error);
  g_assert_no_error (error);
  g_clear_pointer (&before, g_free);
  before = snapshot (fixture->db);
  g_free (child->birth_date);
  child->birth_date = g_strdup ("2031-01-01");
  g_assert_false (gf_child_save_for_staff (fixture->db, &fixture->agent, child, TRUE, &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_free (child->birth_date);
  child->birth_date = g_strdup ("2018-13-45");
  g_assert_false (gf_child_save_for_staff (fixture->db, &fixture->agent, child, TRUE, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_free (child->birth_date);
  child->birth_date = g_strdup ("2018-03-14");
  g_free (child->doctor_phone);
  child->doctor_phone = g_strdup ("pas de numéro");
  g_assert_false (gf_child_save_for_staff (fixture->db, &fixture->agent, child, TRUE, &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_free (child->first_name);
  child->first_name = g_strdup ("   ");
  g_free (child->doctor_phone);
  child->doctor_phone = g_strdup ("0478112233");
  g_assert_false (gf_child_save_for_staff (fixture->db, &fixture->agent, child, TRUE, &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_REQUIRED);
  g_clear_error (&error);
  after = snapshot (fixture->db);
  g_assert_cmpstr (before, ==, after);

  /* The agent changes an allergy: saved, and the audit row says "changed", not what. */
  g_free (child->first_name);
  child->first_name = g_strdup ("Léa");
  g_free (child->allergies);
  child->allergies = g_strdup ("Arachide, kiwi");
  g_assert_true (gf_child_save_for_staff (fixture->db, &fixture->agent, child, TRUE, &error));
  g_assert_no_error (error);
  stored = gf_child_get (fixture->db, fixture->child_id, &error);
  g_assert_cmpstr (stored->allergies, ==, "Arachide, kiwi");
  g_assert_cmpstr (stored->first_name, ==, "Léa");
  g_assert_cmpint (count (fixture->db, "SELECT count(*) FROM audit_log WHERE action = 'update' "
                                       "AND entity = 'child' AND details LIKE '%kiwi%'"), ==, 0);
  g_assert_cmpint (count (fixture->db, "SELECT count(*) FROM audit_log WHERE action = 'update' "
                                       "AND entity = 'child' AND "
                                       "json_extract(details, '$.allergies') = 'changed'"), ==, 1);
}

/*
 * Contacts
 */

static void
test_contacts (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfChildContact) contact = gf_child_contact_new (fixture->child_id);
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *before = snapshot (fixture->db);
  g_autofree char *after = NULL;
  gint64 n_before = count (fixture->db, "SELECT count(*) FROM child_contact");

  g_free (contact->last_name);
  contact->last_name = g_strdup ("Moreau");
  g_free (contact->first_name);
  contact->first_name = g_strdup ("Jeanne");
  g_free (contact->relation);
  contact->relation = g_strdup ("Grand-mère");
  contact->emergency = TRUE;

  /* Bad phone, bad postal code, no role, no phone: refused, each naming the field. */
  g_free (contact->phone1);
  contact->phone1 = g_strdup ("06 12");
  g_assert_false (gf_record_validate_field (&gf_child_contact_spec, contact, "phone1", &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Phone: "));
  g_clear_error (&error);
  g_assert_false (gf_child_contact_create (fixture->db, &fixture->agent, contact, &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
  g_clear_error (&error);

  g_free (contact->phone1);
  contact->phone1 = g_strdup ("0612345678");
  g_free (contact->postal_code);
  contact->postal_code = g_strdup ("6950");
  g_assert_false (gf_record_validate_field (&gf_child_contact_spec, contact, "postal_code",
                                            &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "Postal code: "));
  g_clear_error (&error);
  g_assert_false (gf_child_contact_create (fixture->db, &fixture->agent, contact, &error));
  g_clear_error (&error);

  g_free (contact->postal_code);
  contact->postal_code = g_strdup ("69500");
  contact->emergency = FALSE;
  g_assert_false (gf_child_contact_create (fixture->db, &fixture->agent, contact, &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_REQUIRED);
  g_clear_error (&error);

  contact->emergency = TRUE;
  g_free (contact->phone1);
  contact->phone1 = g_strdup ("");
  g_assert_false (gf_child_contact_create (fixture->db, &fixture->agent, contact, &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_REQUIRED);
  g_clear_error (&error);

  after = snapshot (fixture->db);
  g_assert_cmpstr (before, ==, after);

  /* Good: one more contact, its phone normalized, one audit row. */
  g_free (contact->phone1);
  contact->phone1 = g_strdup ("0612345678");
  contact->pickup = TRUE;
  g_assert_true (gf_child_contact_create (fixture->db, &fixture->agent, contact, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture->db, "SELECT count(*) FROM child_contact"), ==, n_before + 1);
  g_assert_cmpint (count (fixture->db, "SELECT count(*) FROM child_contact WHERE "
                                       "phone1 = '06 12 34 56 78' AND last_name = 'Moreau'"),
                   ==, 1);
  g_assert_cmpint (count (fixture->db, "SELECT count(*) FROM audit_log WHERE action = 'create' "
                                       "AND entity = 'child_contact'"), ==, 1);

  list = gf_child_contact_list (fixture->db, fixture->child_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (list->len, >=, 1);

  /* Edit, then remove; removing it twice is an error. */
  g_free (contact->phone2);
  contact->phone2 = g_strdup ("04 78 00 00 01");
  g_assert_true (gf_child_contact_update (fixture->db, &fixture->agent, contact, &error));
  g_assert_no_error (error);
  g_assert_true (gf_child_contact_delete (fixture->db, &fixture->agent, contact->id, &error));
  g_assert_no_error (error);
  g_assert_false (gf_child_contact_delete (fixture->db, &fixture->agent, contact->id, &error));
  g_assert_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND);
  g_assert_cmpint (count (fixture->db, "SELECT count(*) FROM child_contact"), ==, n_before);
}

/*
 * Authorizations
 */

static void
test_authorizations (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = gf_child_authorization_list (fixture->db, fixture->child_id,
                                                           &error);
  g_autoptr(GPtrArray) again = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GfChildAuthorization *first;
  gint64 audit_rows;

  g_assert_no_error (error);
  g_assert_cmpint (list->len, ==, count (fixture->db,
                                         "SELECT count(*) FROM authorization_type WHERE active"));
  first = g_ptr_array_index (list, 0);
  g_assert_cmpstr (first->label, !=, "");

  g_assert_true (gf_child_set_authorization (fixture->db, &fixture->agent, fixture->child_id,
                                             first->type_id, GF_AUTHORIZATION_NO, &error));
  g_assert_no_error (error);
  again = gf_child_authorization_list (fixture->db, fixture->child_id, &error);
  g_assert_cmpint (((GfChildAuthorization *) g_ptr_array_index (again, 0))->value, ==,
                   GF_AUTHORIZATION_NO);
  audit_rows = count (fixture->db, "SELECT count(*) FROM audit_log WHERE "
                                   "action = 'set_authorization'");
  g_assert_cmpint (audit_rows, ==, 1);

  /* The same answer again writes nothing; an unknown type or child is refused. */
  before = snapshot (fixture->db);
  g_assert_true (gf_child_set_authorization (fixture->db, &fixture->agent, fixture->child_id,
                                             first->type_id, GF_AUTHORIZATION_NO, &error));
  g_assert_false (gf_child_set_authorization (fixture->db, &fixture->agent, fixture->child_id,
                                              4242, GF_AUTHORIZATION_YES, &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gf_child_set_authorization (fixture->db, &fixture->agent, 4242,
                                              first->type_id, GF_AUTHORIZATION_YES, &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
  after = snapshot (fixture->db);
  g_assert_cmpstr (before, ==, after);
}

/*
 * Enrolments
 */

static void
test_enrolments (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) services = gf_enrolment_list_services (fixture->db, &error);
  g_autoptr(GPtrArray) establishments = gf_enrolment_list_establishments (fixture->db, &error);
  g_autoptr(GfEnrolment) enrolment = gf_enrolment_new (fixture->child_id);
  g_autoptr(GfEnrolment) twice = NULL;
  g_autoptr(GfEnrolment) stored = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GfEnrolmentChoice *service = NULL;
  GfEnrolmentChoice *school;
  gint64 n_before;

  g_assert_no_error (error);
  g_assert_cmpint (services->len, ==, count (fixture->db, "SELECT count(*) FROM service"));
  g_assert_cmpint (establishments->len, ==, 4);
  school = g_ptr_array_index (establishments, 0);
  g_assert_cmpstr (school->label, ==, "Crèche Les Petits Loups");

  /* A service the child is not enrolled in yet. */
  for (guint i = 0; i < services->len && service == NULL; i++)
    {
      GfEnrolmentChoice *choice = g_ptr_array_index (services, i);
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM enrolment WHERE child_id = %"
                                              G_GINT64_FORMAT " AND service_id = %" G_GINT64_FORMAT,
                                              fixture->child_id, choice->id);

      if (count (fixture->db, sql) == 0)
        service = choice;
    }
  g_assert_nonnull (service);
  school = g_ptr_array_index (establishments, 1);
  n_before = count (fixture->db, "SELECT count(*) FROM enrolment");

  /* Bad input: no service, an unknown establishment, a wrong date, an end before the start. */
  before = snapshot (fixture->db);
  enrolment->service_id = -1;
  enrolment->establishment_id = school->id;
  g_free (enrolment->start_date);
  enrolment->start_date = g_strdup ("2026-12-01");
  g_assert_false (gf_enrolment_create (fixture->db, &fixture->agent, enrolment, &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_REQUIRED);
  g_clear_error (&error);
  enrolment->service_id = service->id;
  enrolment->establishment_id = 4242;
  g_assert_false (gf_enrolment_create (fixture->db, &fixture->agent, enrolment, &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  enrolment->establishment_id = school->id;
  g_free (enrolment->start_date);
  enrolment->start_date = g_strdup ("2026-02-30");
  g_assert_false (gf_enrolment_create (fixture->db, &fixture->agent, enrolment, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_free (enrolment->start_date);
  enrolment->start_date = g_strdup ("2026-12-01");
  g_free (enrolment->end_date);
  enrolment->end_date = g_strdup ("2026-11-30");
  g_assert_false (gf_enrolment_create (fixture->db, &fixture->agent, enrolment, &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  after = snapshot (fixture->db);
  g_assert_cmpstr (before, ==, after);

  /* Good: enrolled from 1 December, open-ended, audited. */
  g_free (enrolment->end_date);
  enrolment->end_date = g_strdup ("");
  g_assert_true (gf_enrolment_create (fixture->db, &fixture->agent, enrolment, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture->db, "SELECT count(*) FROM enrolment"), ==, n_before + 1);
  g_assert_cmpint (count (fixture->db, "SELECT count(*) FROM audit_log WHERE action = 'create' "
                                       "AND entity = 'enrolment'"), ==, 1);
  list = gf_enrolment_list (fixture->db, fixture->child_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((GfEnrolment *) g_ptr_array_index (list, 0))->id, ==, enrolment->id);
  g_assert_cmpstr (((GfEnrolment *) g_ptr_array_index (list, 0))->service_name, ==,
                   service->label);

  /* The same service again on overlapping days: refused. */
  twice = gf_enrolment_new (fixture->child_id);
  twice->service_id = service->id;
  twice->establishment_id = school->id;
  g_free (twice->start_date);
  twice->start_date = g_strdup ("2027-01-04");
  g_clear_pointer (&before, g_free);
  before = snapshot (fixture->db);
  g_assert_false (gf_enrolment_create (fixture->db, &fixture->agent, twice, &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_DUPLICATE);
  g_clear_error (&error);

  /* Ending it: not before its start, not without a date, not an unknown one. */
  g_assert_false (gf_enrolment_end (fixture->db, &fixture->agent, enrolment->id, "2026-11-15",
                                    &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_assert_false (gf_enrolment_end (fixture->db, &fixture->agent, enrolment->id, "", &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_false (gf_enrolment_end (fixture->db, &fixture->agent, enrolment->id, "demain",
                                    &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (gf_enrolment_end (fixture->db, &fixture->agent, 424242, "2027-01-01", &error));
  g_assert_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&after, g_free);
  after = snapshot (fixture->db);
  g_assert_cmpstr (before, ==, after);

  g_assert_true (gf_enrolment_end (fixture->db, &fixture->agent, enrolment->id, "2026-12-31",
                                   &error));
  g_assert_no_error (error);
  stored = gf_enrolment_get (fixture->db, enrolment->id, &error);
  g_assert_cmpstr (stored->end_date, ==, "2026-12-31");
  g_assert_cmpstr (stored->start_date, ==, "2026-12-01");
  g_assert_cmpint (count (fixture->db, "SELECT count(*) FROM audit_log WHERE action = 'update' "
                                       "AND entity = 'enrolment'"), ==, 1);

  /* Once ended, a new enrolment after its end is fine. */
  g_assert_true (gf_enrolment_create (fixture->db, &fixture->agent, twice, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gf_test_init_env ();

  g_test_add_func ("/gf/child-record/fold", test_fold);
#define ADD(path, func) \
  g_test_add ("/gf/child-record/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("search", test_search);
  ADD ("summaries", test_summaries);
  ADD ("medical-rule", test_medical_rule);
  ADD ("medical-open", test_medical_open);
  ADD ("save", test_save);
  ADD ("contacts", test_contacts);
  ADD ("authorizations", test_authorizations);
  ADD ("enrolments", test_enrolments);
#undef ADD

  return g_test_run ();
}
