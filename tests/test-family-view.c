/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include <locale.h>

#include "gf-audit-query.h"
#include "gf-child.h"
#include "gf-citizen-account.h"
#include "gf-citizen-invitation.h"
#include "gf-family.h"
#include "gf-family-view.h"
#include "gf-guardian.h"
#include "gf-validate.h"
#include "gf-test-util.h"

/* The reads and changes of the staff application's family page, checked in French (the
 * application's language) when the French locale is there. */

static const GfActor agent = { GF_ACTOR_STAFF, 1, "camille" };
static gboolean french;

static char *
snapshot (GfDb *db)
{
  const char *tables[] = { "family", "guardian", "citizen_account", "token", "mail_outbox",
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
set_text (char       **slot,
          const char  *value)
{
  g_free (*slot);
  *slot = g_strdup (value);
}

/* A family with a payer whose e-mail is the portal login (state @state) and a second
 * guardian; returns the family id. */
static gint64
make_family (GfDb       *db,
             const char *last_name,
             const char *email,
             const char *state,
             gint64     *out_payer,
             gint64     *out_other)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfFamily) family = gf_family_new ();
  g_autoptr(GfGuardian) payer = NULL;
  g_autoptr(GfGuardian) other = NULL;
  g_autoptr(GfCitizenAccount) account = NULL;

  set_text (&family->city, "Bron");
  g_assert_true (gf_family_create (db, &agent, family, &error));
  g_assert_no_error (error);

  payer = gf_guardian_new (family->id);
  set_text (&payer->last_name, last_name);
  set_text (&payer->first_name, "Marie");
  set_text (&payer->email, email);
  payer->payer = TRUE;
  g_assert_true (gf_guardian_create (db, &agent, payer, &error));
  g_assert_no_error (error);

  other = gf_guardian_new (family->id);
  set_text (&other->last_name, last_name);
  set_text (&other->first_name, "Paul");
  g_assert_true (gf_guardian_create (db, &agent, other, &error));
  g_assert_no_error (error);

  account = gf_citizen_account_new (family->id, email);
  g_assert_true (gf_citizen_account_create (db, &agent, account, &error));
  g_assert_no_error (error);
  if (g_str_equal (state, "active"))
    g_assert_true (gf_citizen_account_activate (db, &agent, account->id, "hash", &error));
  g_assert_no_error (error);

  if (out_payer != NULL)
    *out_payer = payer->id;
  if (out_other != NULL)
    *out_other = other->id;
  return family->id;
}

static void
test_lists (void)
{
  g_autoptr(GfDb) db = gf_test_db_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(GPtrArray) payments = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GfChild) child = NULL;
  gint64 family_id = make_family (db, "Dupont", "marie@exemple.fr", "pending", NULL, NULL);
  gint64 other_family = make_family (db, "Martin", "pierre@exemple.fr", "pending", NULL, NULL);
  g_autofree char *sql = NULL;

  g_assert_true (gf_db_exec (db, "INSERT INTO establishment (kind, name) "
                                 "VALUES ('school', 'École Jules Ferry')", &error));
  child = gf_child_new (family_id);
  set_text (&child->last_name, "Dupont");
  set_text (&child->first_name, "Léa");
  set_text (&child->birth_date, "2018-03-04");
  set_text (&child->class_name, "CE1");
  child->establishment_id = 1;
  g_assert_true (gf_child_create (db, &agent, child, &error));
  g_assert_no_error (error);

  sql = g_strdup_printf ("INSERT INTO payment (family_id, method, amount_cents, paid_at, "
                         "created_at) VALUES (%" G_GINT64_FORMAT ", 'cash', 2450, '2026-10-02', "
                         "'2026-10-02T10:00:00Z'), (%" G_GINT64_FORMAT ", 'cheque', 1000, "
                         "'2026-11-05', '2026-11-05T10:00:00Z'), (%" G_GINT64_FORMAT ", 'cash', "
                         "99, '2026-11-06', '2026-11-06T10:00:00Z');"
                         "INSERT INTO message (family_id, direction, sender_name, subject, body, "
                         "created_at, read_at) VALUES (%" G_GINT64_FORMAT ", 'in', 'Marie', "
                         "'Cantine', 'Bonjour', '2026-11-01T09:00:00Z', NULL)",
                         family_id, family_id, other_family, family_id);
  g_assert_true (gf_db_exec (db, sql, &error));
  g_assert_no_error (error);

  children = gf_family_list_children (db, family_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (children->len, ==, 1);
  {
    GfFamilyChildRow *row = children->pdata[0];

    g_assert_cmpstr (row->first_name, ==, "Léa");
    g_assert_cmpstr (row->establishment, ==, "École Jules Ferry");
    g_assert_cmpstr (row->class_name, ==, "CE1");
  }

  /* Only this family's payments, the newest first. */
  payments = gf_family_list_payments (db, family_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (payments->len, ==, 2);
  g_assert_cmpstr (((GfFamilyPaymentRow *) payments->pdata[0])->method, ==, "cheque");
  g_assert_cmpint (((GfFamilyPaymentRow *) payments->pdata[1])->amount_cents, ==, 2450);

  messages = gf_family_list_messages (db, family_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, 1);
  g_assert_cmpstr (((GfFamilyMessageRow *) messages->pdata[0])->subject, ==, "Cantine");
  g_assert_false (((GfFamilyMessageRow *) messages->pdata[0])->read);

  /* IBAN: spaces and case do not matter; a wrong check digit is refused. */
  {
    g_autofree char *iban = gf_family_normalize_iban ("fr76 3000 6000 0112 3456 7890 189", &error);
    g_autofree char *masked = gf_family_mask_iban (iban);

    g_assert_no_error (error);
    g_assert_cmpstr (iban, ==, "FR7630006000011234567890189");
    g_assert_cmpstr (masked, ==, "•••• •••• •••• 0189");
    g_assert_null (gf_family_normalize_iban ("FR76 3000 6000 0112 3456 7890 188", &error));
    g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_null (gf_family_normalize_iban ("FR76", &error));
    g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
    g_clear_error (&error);
  }

  if (french)
    {
      g_assert_cmpstr (gf_citizen_account_state_label ("pending"), ==, "En attente d’activation");
      g_assert_cmpstr (gf_citizen_account_state_label (NULL), ==, "Aucun compte");
    }
}

static void
test_guardian_login (void)
{
  g_autoptr(GfDb) db = gf_test_db_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GfGuardian) payer = NULL;
  g_autoptr(GfGuardian) other = NULL;
  g_autoptr(GfCitizenAccount) account = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 payer_id, other_id;
  gint64 family_id = make_family (db, "Dupont", "marie@exemple.fr", "active", &payer_id, &other_id);

  make_family (db, "Martin", "pierre@exemple.fr", "active", NULL, NULL);

  /* The login guardian takes another family's login: refused, nothing written. */
  before = snapshot (db);
  payer = gf_guardian_get (db, payer_id, &error);
  set_text (&payer->email, "Pierre@Exemple.fr");
  set_text (&payer->phone_mobile, "0612345678");
  g_assert_false (gf_family_save_guardian (db, &agent, payer, &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_DUPLICATE);
  if (french)
    g_assert_cmpstr (error->message, ==, "Adresse électronique\u00a0: cette adresse est déjà "
                     "l’identifiant du portail d’une autre famille ; saisissez-en une autre.");
  g_clear_error (&error);
  after = snapshot (db);
  g_assert_cmpstr (before, ==, after);

  /* A bad phone: refused before anything is written. */
  g_clear_pointer (&payer, gf_guardian_free);
  payer = gf_guardian_get (db, payer_id, &error);
  set_text (&payer->phone_mobile, "12ab");
  g_assert_false (gf_family_save_guardian (db, &agent, payer, &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&after, g_free);
  after = snapshot (db);
  g_assert_cmpstr (before, ==, after);

  /* A free address: the login follows, with two audit rows. */
  set_text (&payer->phone_mobile, "06 12 34 56 78");
  set_text (&payer->email, "Marie.Nouvelle@Exemple.fr");
  g_assert_true (gf_family_save_guardian (db, &agent, payer, &error));
  g_assert_no_error (error);
  account = gf_citizen_account_get_by_family (db, family_id, &error);
  g_assert_cmpstr (account->email, ==, "marie.nouvelle@exemple.fr");
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM audit_log WHERE entity = 'guardian' "
                                      "AND action = 'update'"), ==, 1);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM audit_log WHERE "
                                      "action = 'change_email'"), ==, 1);

  /* Another guardian may share an address with another family: not a login. */
  other = gf_guardian_get (db, other_id, &error);
  set_text (&other->email, "pierre@exemple.fr");
  g_assert_true (gf_family_save_guardian (db, &agent, other, &error));
  g_assert_no_error (error);
  g_clear_pointer (&account, gf_citizen_account_free);
  account = gf_citizen_account_get_by_family (db, family_id, &error);
  g_assert_cmpstr (account->email, ==, "marie.nouvelle@exemple.fr");

  /* The payer cannot be removed; the other guardian can, and stays in the history. */
  g_assert_false (gf_family_remove_guardian (db, &agent, payer_id, &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (gf_family_remove_guardian (db, &agent, other_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM guardian"), ==, 3);
}

static void
test_history (void)
{
  g_autoptr(GfDb) db = gf_test_db_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GfGuardian) payer = NULL;
  g_autoptr(GfFamily) family = NULL;
  g_autoptr(GPtrArray) page1 = NULL;
  g_autoptr(GPtrArray) page2 = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) others = NULL;
  g_autofree char *description = NULL;
  gint64 payer_id, other_id;
  gint64 family_id = make_family (db, "Dupont", "marie@exemple.fr", "pending", &payer_id, &other_id);
  gint64 other_family = make_family (db, "Martin", "pierre@exemple.fr", "pending", NULL, NULL);

  payer = gf_guardian_get (db, payer_id, &error);
  set_text (&payer->phone_mobile, "0612345678");
  g_assert_true (gf_family_save_guardian (db, &agent, payer, &error));
  g_assert_true (gf_family_remove_guardian (db, &agent, other_id, &error));
  family = gf_family_get (db, family_id, &error);
  set_text (&family->iban, "FR7630006000011234567890189");
  g_assert_true (gf_family_update (db, &agent, family, &error));
  g_assert_true (gf_family_set_archived (db, &agent, family_id, TRUE, &error));
  g_assert_true (gf_family_set_archived (db, &agent, family_id, FALSE, &error));
  g_assert_no_error (error);

  /* family create, 2 guardians created, account created, phone, removal, IBAN, archive,
   * unarchive: 9 rows, newest first, none of the other family's. */
  all = gf_audit_list_for_family (db, family_id, 0, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 9);
  g_assert_cmpstr (((GfAuditEntry *) all->pdata[0])->action, ==, "unarchive");
  g_assert_cmpstr (((GfAuditEntry *) all->pdata[1])->action, ==, "archive");
  g_assert_cmpstr (((GfAuditEntry *) all->pdata[8])->entity, ==, "family");
  g_assert_cmpstr (((GfAuditEntry *) all->pdata[8])->action, ==, "create");

  page1 = gf_audit_list_for_family (db, family_id, 0, 4, &error);
  page2 = gf_audit_list_for_family (db, family_id, 4, 4, &error);
  g_assert_cmpuint (page1->len, ==, 4);
  g_assert_cmpuint (page2->len, ==, 4);
  g_assert_cmpint (((GfAuditEntry *) page2->pdata[0])->id, ==, ((GfAuditEntry *) all->pdata[4])->id);

  others = gf_audit_list_for_family (db, other_family, 0, 100, &error);
  g_assert_cmpuint (others->len, ==, 4);

  /* The IBAN is sensitive: the history says it changed, never its value. */
  for (guint i = 0; i < all->len; i++)
    {
      g_autofree char *text = gf_audit_entry_describe (all->pdata[i]);

      g_assert_null (strstr (text, "FR76"));
    }

  if (french)
    {
      g_autofree char *removed = gf_audit_entry_describe (all->pdata[3]);
      g_autofree char *iban = gf_audit_entry_describe (all->pdata[2]);
      g_autofree char *who = gf_audit_entry_actor (all->pdata[0]);

      description = gf_audit_entry_describe (all->pdata[4]);
      g_assert_cmpstr (description, ==, "Responsable : modification — Téléphone portable : "
                       "(vide) → « 06 12 34 56 78 »");
      g_assert_cmpstr (removed, ==, "Responsable : suppression — Paul Dupont");
      g_assert_cmpstr (iban, ==, "Dossier : modification — IBAN (modifié)");
      g_assert_cmpstr (who, ==, "camille");
    }
}

static void
test_archive (void)
{
  g_autoptr(GfDb) db = gf_test_db_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GfFamily) family = NULL;
  gint64 family_id = make_family (db, "Dupont", "marie@exemple.fr", "pending", NULL, NULL);

  g_assert_true (gf_family_set_archived (db, &agent, family_id, TRUE, &error));
  family = gf_family_get (db, family_id, &error);
  g_assert_true (family->archived);
  g_clear_pointer (&family, gf_family_free);
  g_assert_true (gf_family_set_archived (db, &agent, family_id, FALSE, &error));
  family = gf_family_get (db, family_id, &error);
  g_assert_false (family->archived);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM audit_log WHERE entity = 'family' "
                                      "AND action IN ('archive', 'unarchive')"), ==, 2);
  g_assert_false (gf_family_set_archived (db, &agent, 999, TRUE, &error));
  g_assert_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND);
}

static void
test_invitation (void)
{
  g_autoptr(GfDb) db = gf_test_db_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GfCitizenAccount) pending = NULL;
  g_autoptr(GfCitizenAccount) active = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 pending_family = make_family (db, "Dupont", "marie@exemple.fr", "pending", NULL, NULL);
  gint64 active_family = make_family (db, "Martin", "pierre@exemple.fr", "active", NULL, NULL);

  pending = gf_citizen_account_get_by_family (db, pending_family, &error);
  active = gf_citizen_account_get_by_family (db, active_family, &error);

  g_assert_true (gf_citizen_account_send_invitation (db, &agent, pending->id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM mail_outbox WHERE kind = 'activation' "
                                      "AND recipient = 'marie@exemple.fr' AND body_text LIKE "
                                      "'%/activation/lien?jeton=%'"), ==, 1);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM token WHERE kind = 'activation' "
                                      "AND used_at IS NULL"), ==, 1);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM audit_log WHERE action = 'invite'"),
                   ==, 1);

  /* An active account gets no invitation; nothing is written. */
  before = snapshot (db);
  g_assert_false (gf_citizen_account_send_invitation (db, &agent, active->id, &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
  g_clear_error (&error);

  /* Three an hour at most. */
  g_assert_true (gf_citizen_account_send_invitation (db, &agent, pending->id, &error));
  g_assert_true (gf_citizen_account_send_invitation (db, &agent, pending->id, &error));
  g_assert_no_error (error);
  g_clear_pointer (&before, g_free);
  before = snapshot (db);
  g_assert_false (gf_citizen_account_send_invitation (db, &agent, pending->id, &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_OUT_OF_RANGE);
  after = snapshot (db);
  g_assert_cmpstr (before, ==, after);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* The application's language; the French checks run only where the locale exists. */
  g_setenv ("LANGUAGE", "fr", TRUE);
  g_setenv ("LC_ALL", "fr_FR.UTF-8", TRUE);
  gf_test_init_env ();
  french = g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "fr_FR");

  g_test_add_func ("/gf/family-view/lists", test_lists);
  g_test_add_func ("/gf/family-view/guardian-login", test_guardian_login);
  g_test_add_func ("/gf/family-view/history", test_history);
  g_test_add_func ("/gf/family-view/archive", test_archive);
  g_test_add_func ("/gf/family-view/invitation", test_invitation);
  return g_test_run ();
}
