/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-audit.h"
#include "gf-child.h"
#include "gf-citizen-account.h"
#include "gf-crypto.h"
#include "gf-family.h"
#include "gf-guardian.h"
#include "gf-invoice-publish.h"
#include "gf-invoice-query.h"
#include "gf-settings.h"
#include "gf-staff-user.h"
#include "gf-validate.h"
#include "gf-test-util.h"

static const GfActor agent = { GF_ACTOR_STAFF, 1, "camille" };

/* Everything a failed change could have touched. */
static char *
snapshot (GfDb *db)
{
  const char *tables[] = { "family", "guardian", "child", "child_contact", "citizen_account",
                           "staff_user", "child_authorization", "audit_log", "setting" };
  GString *all = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *dump = gf_test_dump_table (db, tables[i]);
      g_string_append_printf (all, "[%s]\n%s", tables[i], dump);
    }
  return g_string_free (all, FALSE);
}

static GfFamily *
make_family (GfDb       *db,
             const char *last_name,
             const char *first_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfFamily) family = gf_family_new ();
  g_autoptr(GfGuardian) guardian = NULL;

  g_free (family->address_line1);
  family->address_line1 = g_strdup ("12 rue des Lilas");
  g_free (family->postal_code);
  family->postal_code = g_strdup ("69500");
  g_free (family->city);
  family->city = g_strdup ("Bron");
  g_assert_true (gf_family_create (db, &agent, family, &error));
  g_assert_no_error (error);

  guardian = gf_guardian_new (family->id);
  g_free (guardian->last_name);
  guardian->last_name = g_strdup (last_name);
  g_free (guardian->first_name);
  guardian->first_name = g_strdup (first_name);
  guardian->payer = TRUE;
  g_assert_true (gf_guardian_create (db, &agent, guardian, &error));
  g_assert_no_error (error);

  return gf_family_get (db, family->id, &error);
}

static void
test_family_crud (void)
{
  g_autoptr(GfDb) db = gf_test_db_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GfFamily) family = make_family (db, "Dupont", "Marie");
  g_autoptr(GfFamily) read = NULL;
  g_autoptr(GfFamily) by_ref = NULL;
  g_autofree char *details = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpint (family->id, >, 0);
  g_assert_true (g_str_has_suffix (family->reference, "-000001"));
  g_assert_cmpstr (family->display_name, ==, "DUPONT Marie");
  g_assert_cmpint (family->quotient_familial, ==, -1);

  /* Update: normalized phone, changed fields in the audit log with old and new values. */
  g_free (family->phone);
  family->phone = g_strdup ("+33 6 12 34 56 78");
  family->quotient_familial = 640;
  g_assert_true (gf_family_update (db, &agent, family, &error));
  g_assert_no_error (error);
  read = gf_family_get (db, family->id, &error);
  g_assert_cmpstr (read->phone, ==, "06 12 34 56 78");
  g_assert_cmpint (read->quotient_familial, ==, 640);
  {
    sqlite3_stmt *stmt = NULL;

    sqlite3_prepare_v2 (gf_db_get_handle (db), "SELECT details FROM audit_log "
                        "WHERE entity = 'family' AND action = 'update'", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    details = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
  }
  g_assert_nonnull (strstr (details, "\"phone\":[\"\",\"06 12 34 56 78\"]"));
  g_assert_nonnull (strstr (details, "\"quotient_familial\":[null,640]"));

  /* Saving with nothing changed writes nothing. */
  before = snapshot (db);
  g_assert_true (gf_family_update (db, &agent, read, &error));
  after = snapshot (db);
  g_assert_cmpstr (before, ==, after);

  by_ref = gf_family_get_by_reference (db, family->reference, &error);
  g_assert_no_error (error);
  g_assert_cmpint (by_ref->id, ==, family->id);

  g_assert_null (gf_family_get (db, 999, &error));
  g_assert_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (gf_family_set_archived (db, &agent, family->id, TRUE, &error));
  g_clear_pointer (&read, gf_family_free);
  read = gf_family_get (db, family->id, &error);
  g_assert_true (read->archived);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM audit_log WHERE action = 'archive'"), ==, 1);
  g_assert_false (gf_family_set_archived (db, &agent, 4242, TRUE, &error));
  g_assert_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND);
}

typedef struct
{
  const char *field;
  const char *value;
  const char *says;
} BadInput;

static void
test_family_bad_input (void)
{
  static const BadInput cases[] = {
    { "postal_code", "7500", "Postal code" },
    { "postal_code", "00000", "Postal code" },
    { "email", "marie.dupont@", "E-mail" },
    { "email", "marie dupont@exemple.fr", "E-mail" },
    { "phone", "12345", "Phone" },
    { "phone", "+44 20 7946 0958", "Phone" },
    { "city", NULL, "Town" },
  };
  g_autoptr(GfDb) db = gf_test_db_new (NULL);
  g_autoptr(GfFamily) family = make_family (db, "Martin", "Pierre");
  g_autofree char *before = snapshot (db);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GfFamily) copy = gf_family_copy (family);
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;
      char **slot;

      if (g_str_equal (cases[i].field, "postal_code"))
        slot = &copy->postal_code;
      else if (g_str_equal (cases[i].field, "email"))
        slot = &copy->email;
      else if (g_str_equal (cases[i].field, "phone"))
        slot = &copy->phone;
      else
        slot = &copy->city;
      g_free (*slot);
      *slot = cases[i].value != NULL ? g_strdup (cases[i].value) : g_strnfill (101, 'x');

      g_assert_false (gf_family_update (db, &agent, copy, &error));
      g_assert_nonnull (error);
      g_assert_true (error->domain == GF_INPUT_ERROR);
      g_assert_true (g_str_has_prefix (error->message, cases[i].says));
      after = snapshot (db);
      g_assert_cmpstr (before, ==, after);
    }

  /* One field alone, as a form checks it while the agent types: normalised in place. */
  {
    g_autoptr(GfFamily) copy = gf_family_copy (family);
    g_autoptr(GError) error = NULL;

    g_free (copy->phone);
    copy->phone = g_strdup ("+33478123456");
    g_assert_true (gf_record_validate_field (&gf_family_spec, copy, "phone", &error));
    g_assert_cmpstr (copy->phone, ==, "04 78 12 34 56");
    g_free (copy->postal_code);
    copy->postal_code = g_strdup ("6950");
    g_assert_false (gf_record_validate_field (&gf_family_spec, copy, "postal_code", &error));
    g_assert_true (g_str_has_prefix (error->message, "Postal code"));
  }

  /* Direct debit without an IBAN. */
  {
    g_autoptr(GfFamily) copy = gf_family_copy (family);
    g_autoptr(GError) error = NULL;
    g_autofree char *after = NULL;

    copy->direct_debit = TRUE;
    g_assert_false (gf_family_update (db, &agent, copy, &error));
    g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_REQUIRED);
    after = snapshot (db);
    g_assert_cmpstr (before, ==, after);
  }
}

static void
test_guardians (void)
{
  g_autoptr(GfDb) db = gf_test_db_new (NULL);
  g_autoptr(GfFamily) family = make_family (db, "Bernard", "Sophie");
  g_autoptr(GfGuardian) second = gf_guardian_new (family->id);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfFamily) reread = NULL;

  g_free (second->last_name);
  second->last_name = g_strdup ("  Petit ");
  g_free (second->first_name);
  second->first_name = g_strdup ("Lucas");
  g_free (second->email);
  second->email = g_strdup ("Lucas.Petit@Exemple.FR");
  g_free (second->civility);
  second->civility = g_strdup ("M.");
  g_assert_true (gf_guardian_create (db, &agent, second, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (second->last_name, ==, "Petit");
  g_assert_cmpstr (second->email, ==, "lucas.petit@exemple.fr");

  /* Making Lucas the payer takes it from Sophie: one payer per family. */
  second->payer = TRUE;
  g_assert_true (gf_guardian_update (db, &agent, second, &error));
  g_assert_no_error (error);
  list = gf_guardian_list (db, family->id, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((GfGuardian *)list->pdata[0])->first_name, ==, "Lucas");
  g_assert_true (((GfGuardian *)list->pdata[0])->payer);
  g_assert_false (((GfGuardian *)list->pdata[1])->payer);
  reread = gf_family_get (db, family->id, &error);
  g_assert_cmpstr (reread->display_name, ==, "PETIT Lucas");

  /* A civility outside the list, an empty name. */
  {
    g_autoptr(GfGuardian) bad = gf_guardian_new (family->id);
    g_autofree char *before = snapshot (db);
    g_autofree char *after = NULL;

    g_free (bad->last_name);
    bad->last_name = g_strdup ("Durand");
    g_free (bad->first_name);
    bad->first_name = g_strdup ("   ");
    g_assert_false (gf_guardian_create (db, &agent, bad, &error));
    g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_REQUIRED);
    g_clear_error (&error);
    g_free (bad->first_name);
    bad->first_name = g_strdup ("Paul");
    g_free (bad->civility);
    bad->civility = g_strdup ("Dr");
    g_assert_false (gf_guardian_create (db, &agent, bad, &error));
    g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
    g_clear_error (&error);
    /* A family that does not exist. */
    g_free (bad->civility);
    bad->civility = g_strdup ("");
    bad->family_id = 999;
    g_assert_false (gf_guardian_create (db, &agent, bad, &error));
    g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
    after = snapshot (db);
    g_assert_cmpstr (before, ==, after);
  }

  g_clear_error (&error);
  g_assert_true (gf_guardian_delete (db, &agent, second->id, &error));
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM guardian"), ==, 1);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM audit_log WHERE action = 'delete' "
                                      "AND entity = 'guardian'"), ==, 1);
}

static void
test_children (void)
{
  g_autoptr(GfDb) db = gf_test_db_new (NULL);
  g_autoptr(GfFamily) family = make_family (db, "Moreau", "Julie");
  g_autoptr(GfChild) child = gf_child_new (family->id);
  g_autoptr(GfChildContact) contact = NULL;
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *details = NULL;

  g_free (child->last_name);
  child->last_name = g_strdup ("Moreau");
  g_free (child->first_name);
  child->first_name = g_strdup ("Léa");
  g_free (child->birth_date);
  child->birth_date = g_strdup ("2019-03-14");
  g_free (child->allergies);
  child->allergies = g_strdup ("Arachide");
  child->pai = TRUE;
  g_assert_true (gf_child_create (db, &agent, child, &error));
  g_assert_no_error (error);

  /* Medical data changes are logged without their content. */
  g_free (child->allergies);
  child->allergies = g_strdup ("Arachide, kiwi");
  g_assert_true (gf_child_update (db, &agent, child, &error));
  {
    sqlite3_stmt *stmt = NULL;

    sqlite3_prepare_v2 (gf_db_get_handle (db), "SELECT group_concat(details) FROM audit_log "
                        "WHERE entity = 'child'", -1, &stmt, NULL);
    sqlite3_step (stmt);
    details = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
  }
  g_assert_nonnull (strstr (details, "\"allergies\":\"changed\""));
  g_assert_null (strstr (details, "Arachide"));
  g_assert_null (strstr (details, "kiwi"));

  children = gf_child_list (db, family->id, &error);
  g_assert_cmpuint (children->len, ==, 1);
  g_assert_cmpstr (((GfChild *)children->pdata[0])->first_name, ==, "Léa");

  /* Dates that are not dates, or not plausible. */
  {
    const char *bad_dates[] = { "2019-02-30", "14/03/2019", "2100-01-01", "1990-01-01", "" };

    for (guint i = 0; i < G_N_ELEMENTS (bad_dates); i++)
      {
        g_autoptr(GfChild) bad = gf_child_copy (child);

        g_clear_error (&error);
        g_free (bad->birth_date);
        bad->birth_date = g_strdup (bad_dates[i]);
        g_assert_false (gf_child_update (db, &agent, bad, &error));
        g_assert_true (error->domain == GF_INPUT_ERROR);
      }
  }

  /* An emergency contact; a contact that is neither emergency nor pick-up is refused. */
  g_clear_error (&error);
  contact = gf_child_contact_new (child->id);
  g_free (contact->last_name);
  contact->last_name = g_strdup ("Moreau");
  g_free (contact->first_name);
  contact->first_name = g_strdup ("Jacques");
  g_free (contact->phone1);
  contact->phone1 = g_strdup ("0478123456");
  g_assert_false (gf_child_contact_create (db, &agent, contact, &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_REQUIRED);
  g_clear_error (&error);
  contact->emergency = TRUE;
  g_assert_true (gf_child_contact_create (db, &agent, contact, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (contact->phone1, ==, "04 78 12 34 56");
  {
    g_autoptr(GPtrArray) contacts = gf_child_contact_list (db, child->id, &error);
    g_assert_cmpuint (contacts->len, ==, 1);
  }

  /* Authorizations: yes, then no; setting the same value again records nothing. */
  g_assert_cmpint (sqlite3_exec (gf_db_get_handle (db),
                                 "INSERT INTO authorization_type (code, label) "
                                 "VALUES ('image', 'Droit à l''image')", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (gf_child_set_authorization (db, &agent, child->id, 1, GF_AUTHORIZATION_YES, &error));
  g_assert_true (gf_child_set_authorization (db, &agent, child->id, 1, GF_AUTHORIZATION_NO, &error));
  g_assert_true (gf_child_set_authorization (db, &agent, child->id, 1, GF_AUTHORIZATION_NO, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM audit_log "
                                      "WHERE action = 'set_authorization'"), ==, 2);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM child_authorization "
                                      "WHERE value = 'no'"), ==, 1);
  g_assert_false (gf_child_set_authorization (db, &agent, child->id, 77, GF_AUTHORIZATION_YES,
                                              &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
}

static void
test_citizen_accounts (void)
{
  g_autoptr(GfDb) db = gf_test_db_new (NULL);
  g_autoptr(GfFamily) first = make_family (db, "Dupont", "Marie");
  g_autoptr(GfFamily) second = make_family (db, "Martin", "Pierre");
  g_autoptr(GfCitizenAccount) account = gf_citizen_account_new (first->id, " Marie.Dupont@Exemple.fr ");
  g_autoptr(GfCitizenAccount) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (gf_citizen_account_create (db, &agent, account, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (account->email, ==, "marie.dupont@exemple.fr");
  g_assert_cmpstr (account->state, ==, "pending");

  found = gf_citizen_account_get_by_email (db, "MARIE.DUPONT@exemple.fr", &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->family_id, ==, first->id);

  before = snapshot (db);
  {
    g_autoptr(GfCitizenAccount) same_email = gf_citizen_account_new (second->id, "marie.dupont@exemple.fr");
    g_autoptr(GfCitizenAccount) same_family = gf_citizen_account_new (first->id, "autre@exemple.fr");
    g_autoptr(GfCitizenAccount) bad = gf_citizen_account_new (second->id, "pas-une-adresse");

    g_assert_false (gf_citizen_account_create (db, &agent, same_email, &error));
    g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_DUPLICATE);
    g_clear_error (&error);
    g_assert_false (gf_citizen_account_create (db, &agent, same_family, &error));
    g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_DUPLICATE);
    g_clear_error (&error);
    g_assert_false (gf_citizen_account_create (db, &agent, bad, &error));
    g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
    g_clear_error (&error);
  }
  after = snapshot (db);
  g_assert_cmpstr (before, ==, after);

  hash = gf_password_hash ("Bonjour-2026", &error);
  g_assert_true (gf_citizen_account_activate (db, &agent, account->id, hash, &error));
  g_assert_no_error (error);
  g_clear_pointer (&found, gf_citizen_account_free);
  found = gf_citizen_account_get_by_family (db, first->id, &error);
  g_assert_cmpstr (found->state, ==, "active");
  g_assert_true (gf_password_verify (found->password_hash, "Bonjour-2026"));
  g_assert_cmpstr (found->activated_at, !=, "");

  /* A new password keeps the activation date. */
  {
    g_autofree char *activated = g_strdup (found->activated_at);
    g_autofree char *other = gf_password_hash ("Bonsoir-2027", &error);
    g_autoptr(GfCitizenAccount) again = NULL;

    g_usleep (1100 * 1000);
    g_assert_true (gf_citizen_account_set_password (db, &agent, account->id, other, &error));
    again = gf_citizen_account_get (db, account->id, &error);
    g_assert_cmpstr (again->activated_at, ==, activated);
    g_assert_true (gf_password_verify (again->password_hash, "Bonsoir-2027"));
    g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM audit_log WHERE action = 'set_password'"), ==, 1);
  }

  g_assert_true (gf_citizen_account_set_email (db, &agent, account->id, "marie@exemple.fr", &error));
  g_assert_no_error (error);
  g_assert_true (gf_citizen_account_disable (db, &agent, account->id, &error));
  g_clear_pointer (&found, gf_citizen_account_free);
  found = gf_citizen_account_get (db, account->id, &error);
  g_assert_cmpstr (found->state, ==, "disabled");
  g_assert_cmpstr (found->email, ==, "marie@exemple.fr");
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM audit_log "
                                      "WHERE entity = 'citizen_account'"), ==, 5);
  /* The password hash never reaches the audit log. */
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM audit_log "
                                      "WHERE details LIKE '%argon2%'"), ==, 0);
}

static void
test_staff_users (void)
{
  g_autoptr(GfDb) db = gf_test_db_new (NULL);
  g_autoptr(GfStaffUser) user = gf_staff_user_new ("nadia", "Nadia Régisseuse", GF_STAFF_ROLE_REGISSEUR);
  g_autoptr(GfStaffUser) logged = NULL;
  g_autoptr(GError) error = NULL;
  GfActor system = GF_ACTOR_INIT_SYSTEM ("test");

  g_assert_true (gf_staff_user_create (db, &system, user, "un mot de passe long", &error));
  g_assert_no_error (error);
  g_assert_cmpint (gf_staff_user_get_role (user), ==, GF_STAFF_ROLE_REGISSEUR);

  logged = gf_staff_user_authenticate (db, "nadia", "un mot de passe long", &error);
  g_assert_no_error (error);
  g_assert_nonnull (logged->last_login_at);
  g_assert_null (gf_staff_user_authenticate (db, "nadia", "mauvais", &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (gf_staff_user_authenticate (db, "personne", "un mot de passe long", &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
  g_clear_error (&error);

  {
    g_autoptr(GfStaffUser) twin = gf_staff_user_new ("NADIA", "Autre", GF_STAFF_ROLE_AGENT);
    g_autoptr(GfStaffUser) spaced = gf_staff_user_new ("nadia b", "Autre", GF_STAFF_ROLE_AGENT);
    g_autoptr(GfStaffUser) weak = gf_staff_user_new ("paul", "Paul", GF_STAFF_ROLE_AGENT);

    g_assert_false (gf_staff_user_create (db, &system, twin, "un mot de passe long", &error));
    g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_DUPLICATE);
    g_clear_error (&error);
    g_assert_false (gf_staff_user_create (db, &system, spaced, "un mot de passe long", &error));
    g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (gf_staff_user_create (db, &system, weak, "court", &error));
    g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_OUT_OF_RANGE);
    g_clear_error (&error);
  }
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM staff_user"), ==, 1);

  /* A disabled user cannot log in. */
  user->active = FALSE;
  g_assert_true (gf_staff_user_update (db, &system, user, &error));
  g_assert_null (gf_staff_user_authenticate (db, "nadia", "un mot de passe long", &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
}

static void
add_invoice (GfDb       *db,
             gint64      family_id,
             const char *number,
             const char *state,
             gint64      total)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO invoice (number, family_id, issue_date, due_date, object, total_cents, state, "
    "published_at, paid_at, treasury_at, created_at) VALUES ('%s', %lld, '2026-10-05', "
    "'2026-11-04', 'Restauration – septembre 2026', %lld, '%s', '2026-10-05T08:00:00Z', %s, %s, "
    "'2026-10-05T08:00:00Z')",
    number, (long long)family_id, (long long)total, state,
    g_str_equal (state, "paid") ? "'2026-10-20T10:00:00Z'" : "NULL",
    g_str_equal (state, "treasury") ? "'2026-11-01T10:00:00Z'" : "NULL");

  g_assert_cmpint (sqlite3_exec (gf_db_get_handle (db), sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
test_invoice_queries (void)
{
  g_autoptr(GfDb) db = gf_test_db_new (NULL);
  g_autoptr(GfFamily) mine = make_family (db, "Dupont", "Marie");
  g_autoptr(GfFamily) other = make_family (db, "Martin", "Pierre");
  g_autoptr(GPtrArray) unpaid = NULL;
  g_autoptr(GfInvoiceSummary) invoice = NULL;
  g_auto(GfInvoiceTotals) totals = { 0 };
  g_autoptr(GError) error = NULL;
  sqlite3 *raw = gf_db_get_handle (db);

  add_invoice (db, mine->id, "2026-09-000001", "unpaid", 24311);
  add_invoice (db, mine->id, "2026-09-000002", "unpaid", 5000);
  add_invoice (db, mine->id, "2026-08-000003", "paid", 1200);
  add_invoice (db, mine->id, "2026-07-000004", "treasury", 3300);
  add_invoice (db, other->id, "2026-09-000005", "unpaid", 9900);
  /* A draft is invisible to the family. */
  g_assert_cmpint (sqlite3_exec (raw, "INSERT INTO invoice (number, family_id, issue_date, due_date, "
                                 "object, total_cents, created_at) VALUES ('DRAFT-1', 1, "
                                 "'2026-11-05', '2026-12-05', 'Brouillon', 100, 'x')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  /* 10,00 € paid on the second invoice, and a credit note of 2,00 € on it. */
  g_assert_cmpint (sqlite3_exec (raw,
    "INSERT INTO payment (family_id, method, amount_cents, paid_at, created_at) "
    "VALUES (1, 'cash', 1000, '2026-10-10', 'x');"
    "INSERT INTO payment_allocation VALUES (1, 2, 1000);"
    "INSERT INTO invoice (number, family_id, kind, credit_for_id, issue_date, due_date, object, "
    "total_cents, state, published_at, paid_at, created_at) VALUES ('AV-1', 1, 'credit_note', 2, "
    "'2026-10-12', '2026-10-12', 'Avoir', -200, 'paid', 'x', 'x', 'x');",
    NULL, NULL, NULL), ==, SQLITE_OK);

  unpaid = gf_invoice_list_for_family (db, mine->id, "unpaid", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unpaid->len, ==, 2);
  invoice = gf_invoice_get_for_family (db, mine->id, "2026-09-000002", &error);
  g_assert_no_error (error);
  g_assert_cmpint (invoice->total_cents, ==, 5000);
  g_assert_cmpint (invoice->paid_cents, ==, 1000);
  g_assert_cmpint (invoice->credited_cents, ==, -200);
  g_assert_cmpint (invoice->remaining_cents, ==, 3800);

  g_assert_true (gf_invoice_totals_for_family (db, mine->id, "unpaid", &totals, &error));
  g_assert_cmpint (totals.count, ==, 2);
  g_assert_cmpint (totals.total_cents, ==, 29311);
  g_assert_cmpint (totals.remaining_cents, ==, 28111);
  g_assert_cmpstr (totals.next_due_date, ==, "2026-11-04");
  gf_invoice_totals_clear (&totals);

  /* Another family's invoice, a draft, a number that does not exist: all "not found". */
  {
    const char *numbers[] = { "2026-09-000005", "DRAFT-1", "2026-99-999999", "' OR 1=1 --" };

    for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
      {
        g_clear_error (&error);
        g_assert_null (gf_invoice_get_for_family (db, mine->id, numbers[i], &error));
        g_assert_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND);
      }
  }

  /* Paying more than is left is refused by the database itself. */
  g_assert_cmpint (sqlite3_exec (raw,
    "INSERT INTO payment (family_id, method, amount_cents, paid_at, created_at) "
    "VALUES (1, 'cheque', 5000, '2026-10-11', 'x');"
    "INSERT INTO payment_allocation VALUES (2, 2, 3801);", NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (raw, "INSERT INTO payment_allocation VALUES (2, 2, 3800);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
test_invoice_publish (void)
{
  g_autoptr(GfDb) db = gf_test_db_new (NULL);
  g_autoptr(GfFamily) family = make_family (db, "Dupont", "Marie");
  g_autoptr(GfFamily) silent = make_family (db, "Martin", "Pierre");
  g_autoptr(GfCitizenAccount) account = gf_citizen_account_new (family->id, "marie.dupont@exemple.fr");
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = gf_password_hash ("Bonjour-2026", NULL);
  sqlite3 *raw = gf_db_get_handle (db);

  g_assert_true (gf_citizen_account_create (db, &agent, account, &error));
  g_assert_true (gf_citizen_account_activate (db, &agent, account->id, hash, &error));
  g_assert_cmpint (sqlite3_exec (raw,
    "INSERT INTO invoice (number, family_id, issue_date, due_date, object, total_cents, created_at) "
    "VALUES ('2026-11-000001', 1, '2026-12-05', '2027-01-04', 'Restauration – novembre 2026', 24311, 'x'),"
    "       ('2026-11-000002', 2, '2026-12-05', '2027-01-04', 'Restauration – novembre 2026', 1000, 'x')",
    NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_true (gf_invoice_publish (db, &agent, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM invoice WHERE id = 1 AND state = 'unpaid' "
                                      "AND published_at IS NOT NULL"), ==, 1);
  /* The "new invoice" e-mail, to the portal login, with the number, amount and due date. */
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM mail_outbox WHERE kind = 'invoice_published' "
                                      "AND recipient = 'marie.dupont@exemple.fr' "
                                      "AND subject LIKE 'Nouvelle facture 2026-11-000001%' "
                                      "AND body_text LIKE '%243,11%' AND body_text LIKE '%04/01/2027%'"), ==, 1);

  /* Published once: a second time is refused and sends nothing more. */
  g_assert_false (gf_invoice_publish (db, &agent, 1, &error));
  g_assert_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM mail_outbox"), ==, 1);

  /* A family with no address at all: published, no e-mail. */
  g_assert_true (gf_invoice_publish (db, &agent, 2, &error));
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM mail_outbox"), ==, 1);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM audit_log WHERE action = 'publish'"), ==, 2);
}

static void
test_settings (void)
{
  g_autoptr(GfDb) db = gf_test_db_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *lock = gf_settings_get (db, GF_SETTING_PAYMENT_LOCK_MINUTES);
  g_autofree char *name = NULL;
  GfActor admin = { GF_ACTOR_STAFF, 3, "louis" };

  g_assert_cmpstr (lock, ==, "120");
  g_assert_true (gf_settings_get_bool (db, GF_SETTING_PAYMENTS_MULTI));
  g_assert_true (gf_settings_set (db, &admin, GF_SETTING_COLLECTIVITE_NAME, "Mairie de Bron", &error));
  name = gf_settings_get (db, GF_SETTING_COLLECTIVITE_NAME);
  g_assert_cmpstr (name, ==, "Mairie de Bron");

  g_assert_false (gf_settings_set (db, &admin, GF_SETTING_PAYMENT_LOCK_MINUTES, "abc", &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_assert_false (gf_settings_set (db, &admin, GF_SETTING_PAYFIP_SAISIE, "Z", &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gf_settings_set (db, &admin, GF_SETTING_PORTAL_URL, "pas une url", &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (gf_settings_set (db, &admin, GF_SETTING_SMTP_PASSWORD, "secret-smtp", &error));
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM audit_log WHERE details LIKE '%secret-smtp%'"), ==, 0);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM setting"), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gf_test_init_env ();

  g_test_add_func ("/gf/domain/family/crud", test_family_crud);
  g_test_add_func ("/gf/domain/family/bad-input", test_family_bad_input);
  g_test_add_func ("/gf/domain/guardian", test_guardians);
  g_test_add_func ("/gf/domain/child", test_children);
  g_test_add_func ("/gf/domain/citizen-account", test_citizen_accounts);
  g_test_add_func ("/gf/domain/staff-user", test_staff_users);
  g_test_add_func ("/gf/domain/invoice-queries", test_invoice_queries);
  g_test_add_func ("/gf/domain/invoice-publish", test_invoice_publish);
  g_test_add_func ("/gf/domain/settings", test_settings);

  return g_test_run ();
}
