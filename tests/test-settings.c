/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-settings.h"
#include "gf-staff-user.h"
#include "gf-validate.h"
#include "gf-test-util.h"

/* The "Paramètres" page's core: the settings form saved at once, and the staff users. */

static const GfActor system_actor = GF_ACTOR_INIT_SYSTEM ("test");

static GHashTable *
good_values (void)
{
  GHashTable *values = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (values, GF_SETTING_PHONE, "04 78 00 00 01");
  g_hash_table_insert (values, GF_SETTING_CONTACT_EMAIL, "facturation@bron.fr");
  g_hash_table_insert (values, GF_SETTING_PORTAL_URL, "https://familles.bron.fr");
  g_hash_table_insert (values, GF_SETTING_PAYFIP_NUMCLI, "012345");
  g_hash_table_insert (values, GF_SETTING_PAYMENT_LOCK_MINUTES, "60");
  return values;
}

static void
test_set_many (void)
{
  g_autoptr(GfDb) db = gf_test_db_new (NULL);
  g_autoptr(GHashTable) values = good_values ();
  g_autoptr(GError) error = NULL;
  g_autofree char *phone = NULL;

  g_assert_true (gf_settings_set_many (db, &system_actor, values, NULL, &error));
  g_assert_no_error (error);
  phone = gf_settings_get (db, GF_SETTING_PHONE);
  g_assert_cmpstr (phone, ==, "04 78 00 00 01");
  g_assert_cmpint (gf_settings_get_int (db, GF_SETTING_PAYMENT_LOCK_MINUTES), ==, 60);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM audit_log WHERE action = 'set'"), ==, 5);

  /* Saving the same values again writes nothing. */
  g_assert_true (gf_settings_set_many (db, &system_actor, values, NULL, &error));
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM audit_log"), ==, 5);
}

static void
test_set_many_refused (void)
{
  const struct { const char *key, *value; } bad[] = {
    { GF_SETTING_PAYFIP_NUMCLI, "12345" },
    { GF_SETTING_PAYFIP_NUMCLI, "1234567" },
    { GF_SETTING_PAYFIP_NUMCLI, "12a456" },
    { GF_SETTING_CONTACT_EMAIL, "facturation@" },
    { GF_SETTING_CONTACT_EMAIL, "pas une adresse" },
    { GF_SETTING_PORTAL_URL, "familles.bron.fr" },
    { GF_SETTING_PORTAL_URL, "javascript:alert(1)" },
    { GF_SETTING_SMTP_URL, "ftp://relais.bron.fr" },
    { GF_SETTING_PAYMENT_LOCK_MINUTES, "-5" },
    { GF_SETTING_PAYMENT_LOCK_MINUTES, "abc" },
    { GF_SETTING_INVOICE_DUE_DAYS, "0" },
    { GF_SETTING_PHONE, "12" },
    { GF_SETTING_MAIL_SENDER, "Mairie <pas-une-adresse>" },
    { GF_SETTING_PAYFIP_SAISIE, "P" },
    { GF_SETTING_PAYMENTS_SUSPENDED, "oui" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GfDb) db = gf_test_db_new (NULL);
      g_autoptr(GHashTable) values = good_values ();
      g_autoptr(GError) error = NULL;
      g_autofree char *phone = NULL;
      const char *bad_key = NULL;

      g_hash_table_insert (values, (gpointer)bad[i].key, (gpointer)bad[i].value);
      g_assert_false (gf_settings_set_many (db, &system_actor, values, &bad_key, &error));
      g_assert_true (g_error_matches (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID) ||
                     g_error_matches (error, GF_INPUT_ERROR, GF_INPUT_ERROR_OUT_OF_RANGE));
      g_assert_cmpstr (bad_key, ==, bad[i].key);
      /* Nothing saved, not even the good values. */
      g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM setting"), ==, 0);
      g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM audit_log"), ==, 0);
      phone = gf_settings_get (db, GF_SETTING_PHONE);
      g_assert_cmpstr (phone, ==, "");
    }
}

static void
test_check (void)
{
  g_assert_true (gf_settings_check (GF_SETTING_PAYFIP_NUMCLI, "000123", NULL));
  g_assert_true (gf_settings_check (GF_SETTING_PAYFIP_NUMCLI, "", NULL));
  g_assert_true (gf_settings_check (GF_SETTING_MAIL_SENDER, "Mairie <ne-pas-repondre@bron.fr>", NULL));
  /* The demo's sender: a name with accents. */
  g_assert_true (gf_settings_check (GF_SETTING_MAIL_SENDER,
                                    "Mairie de Démonstration <ne-pas-repondre@mairie-demo.fr>", NULL));
  g_assert_true (gf_settings_check (GF_SETTING_PHONE, "04 78 00 00 00", NULL));
  g_assert_true (gf_settings_check (GF_SETTING_SMTP_URL, "smtp://relais.bron.fr:587", NULL));
  g_assert_true (gf_settings_check (GF_SETTING_PAYFIP_SAISIE, "X", NULL));
  g_assert_false (gf_settings_check ("no_such_key", "1", NULL));
}

static gint64
add_user (GfDb        *db,
          const char  *login,
          GfStaffRole  role)
{
  g_autoptr(GfStaffUser) user = gf_staff_user_new (login, "Quelqu'un", role);
  g_autoptr(GError) error = NULL;

  g_assert_true (gf_staff_user_add (db, &system_actor, user, "Bon-Mot-2026", &error));
  g_assert_no_error (error);
  return user->id;
}

static void
test_staff_users (void)
{
  g_autoptr(GfDb) db = gf_test_db_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GfStaffUser) logged = NULL;
  gint64 admin_id = add_user (db, "chef", GF_STAFF_ROLE_ADMIN);
  gint64 agent_id = add_user (db, "camille", GF_STAFF_ROLE_AGENT);
  GfActor admin = { GF_ACTOR_STAFF, admin_id, "chef" };

  /* Promote, disable (cannot log in), enable again. */
  g_assert_true (gf_staff_user_change_access (db, &admin, agent_id, GF_STAFF_ROLE_REGISSEUR, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM staff_user WHERE login = 'camille' "
                                      "AND role = 'regisseur'"), ==, 1);
  g_assert_true (gf_staff_user_change_access (db, &admin, agent_id, GF_STAFF_ROLE_REGISSEUR, FALSE, &error));
  g_assert_null (gf_staff_user_authenticate (db, "camille", "Bon-Mot-2026", NULL));
  g_assert_true (gf_staff_user_change_access (db, &admin, agent_id, GF_STAFF_ROLE_REGISSEUR, TRUE, &error));

  /* A reset password works at once; a weak one is refused. */
  g_assert_false (gf_staff_user_reset_password (db, &admin, agent_id, "motdepasse12", &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (gf_staff_user_reset_password (db, &admin, agent_id, "Nouveau-Mot-2026", &error));
  logged = gf_staff_user_authenticate (db, "camille", "Nouveau-Mot-2026", &error);
  g_assert_nonnull (logged);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM audit_log WHERE entity = 'staff_user' "
                                      "AND actor_id = 1 AND action = 'update'"), ==, 4);
}

static void
test_staff_users_refused (void)
{
  g_autoptr(GfDb) db = gf_test_db_new (NULL);
  gint64 admin_id = add_user (db, "chef", GF_STAFF_ROLE_ADMIN);
  GfActor admin = { GF_ACTOR_STAFF, admin_id, "chef" };
  gint64 audit_rows = gf_test_count (db, "SELECT count(*) FROM audit_log");
  const char *weak[] = { "court", "tout-en-minuscules", "Court-1" };
  g_autoptr(GError) error = NULL;

  /* Self-demotion and self-disabling are refused. */
  g_assert_false (gf_staff_user_change_access (db, &admin, admin_id, GF_STAFF_ROLE_AGENT, TRUE, &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gf_staff_user_change_access (db, &admin, admin_id, GF_STAFF_ROLE_ADMIN, FALSE, &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM staff_user WHERE role = 'admin' "
                                      "AND active = 1"), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (weak); i++)
    {
      g_autoptr(GfStaffUser) user = gf_staff_user_new ("nouveau", "Nouveau", GF_STAFF_ROLE_AGENT);

      g_assert_false (gf_staff_user_add (db, &admin, user, weak[i], &error));
      g_assert_nonnull (error);
      g_clear_error (&error);
    }
  {
    g_autoptr(GfStaffUser) user = gf_staff_user_new ("é accent", "Nouveau", GF_STAFF_ROLE_AGENT);

    g_assert_false (gf_staff_user_add (db, &admin, user, "Bon-Mot-2026", &error));
    g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
    g_clear_error (&error);
  }
  {
    g_autoptr(GfStaffUser) user = gf_staff_user_new ("CHEF", "Doublon", GF_STAFF_ROLE_AGENT);

    g_assert_false (gf_staff_user_add (db, &admin, user, "Bon-Mot-2026", &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM staff_user"), ==, 1);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM audit_log"), ==, audit_rows);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gf_test_init_env ();

  g_test_add_func ("/gf/settings/set-many", test_set_many);
  g_test_add_func ("/gf/settings/set-many-refused", test_set_many_refused);
  g_test_add_func ("/gf/settings/check", test_check);
  g_test_add_func ("/gf/settings/staff-users", test_staff_users);
  g_test_add_func ("/gf/settings/staff-users-refused", test_staff_users_refused);

  return g_test_run ();
}
