/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-payfip-operation.h"
#include "gf-settings.h"
#include "gf-validate.h"
#include "gf-test-util.h"

/* Families 1 and 2 with hand-made invoices: 1 and 2 unpaid for family 1 (43,10 € and
 * 12,00 €), 3 paid, 4 in direct debit, 5 of family 2, 6 of 0,50 €. */
static GfDb *
make_db (char **out_path)
{
  GfDb *db = gf_test_db_new (out_path);
  GfActor admin = GF_ACTOR_INIT_SYSTEM ("test");

  g_assert_cmpint (sqlite3_exec (gf_db_get_handle (db),
    "INSERT INTO family (reference, created_at, updated_at) VALUES ('F1', 'x', 'x'), ('F2', 'x', 'x');"
    "INSERT INTO invoice (number, family_id, issue_date, due_date, object, total_cents, state, "
    "  direct_debit, published_at, paid_at, created_at) VALUES "
    " ('N1', 1, '2026-10-05', '2026-11-04', 'Octobre', 4310, 'unpaid', 0, 'x', NULL, 'x'),"
    " ('N2', 1, '2026-11-05', '2026-12-05', 'Novembre', 1200, 'unpaid', 0, 'x', NULL, 'x'),"
    " ('N3', 1, '2026-09-05', '2026-10-05', 'Septembre', 900, 'paid', 0, 'x', 'x', 'x'),"
    " ('N4', 1, '2026-11-05', '2026-12-05', 'Prélevée', 700, 'unpaid', 1, 'x', NULL, 'x'),"
    " ('N5', 2, '2026-11-05', '2026-12-05', 'Autre famille', 800, 'unpaid', 0, 'x', NULL, 'x'),"
    " ('N6', 1, '2026-11-05', '2026-12-05', 'Petite', 50, 'unpaid', 0, 'x', NULL, 'x');",
    NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (gf_settings_set (db, &admin, GF_SETTING_PAYFIP_NUMCLI, "012345", NULL));
  g_assert_true (gf_settings_set (db, &admin, GF_SETTING_PAYFIP_SAISIE, "T", NULL));
  return db;
}

static const GfActor family_actor = { GF_ACTOR_CITIZEN, 1, "marie.dupont@exemple.fr" };

static GfPayfipOperation *
open_ok (GfDb         *db,
         const gint64 *ids,
         guint         n)
{
  g_autoptr(GError) error = NULL;
  GfPayfipOperation *operation = gf_payfip_operation_open (db, &family_actor, 1, ids, n,
                                                           "marie.dupont@exemple.fr", &error);

  g_assert_no_error (error);
  g_assert_nonnull (operation);
  return operation;
}

static GfPayfipOutcome
outcome_for (const GfPayfipOperation *operation,
             const char              *amount,
             const char              *resultrans)
{
  GfPayfipOutcome outcome = {
    operation->idop, "012345", operation->refdet, amount, "T", resultrans,
    "A55A", "22112026", "1735",
  };
  return outcome;
}

static void
test_open_and_pay (void)
{
  g_autoptr(GfDb) db = make_db (NULL);
  const gint64 ids[] = { 1, 2 };
  g_autoptr(GfPayfipOperation) operation = open_ok (db, ids, 2);
  g_autoptr(GfPayfipOperation) pending = NULL;
  g_autoptr(GError) error = NULL;
  GfPayfipOutcome outcome;
  GfPayfipSettled settled;

  g_assert_cmpint (operation->amount_cents, ==, 5510);
  g_assert_cmpstr (operation->state, ==, "created");
  g_assert_true (g_regex_match_simple ("^[A-Za-z0-9]{6,30}$", operation->refdet, 0, 0));
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM payfip_operation_invoice WHERE locked = 1"), ==, 2);

  g_assert_true (gf_payfip_operation_set_idop (db, operation->id,
                                               "cc0cb210-1cd4-11ea-8cca-0213ad91a103", &error));
  pending = gf_payfip_operation_get (db, "cc0cb210-1cd4-11ea-8cca-0213ad91a103", 0, &error);
  g_assert_cmpstr (pending->state, ==, "pending");

  /* Answers about another attempt change nothing. */
  {
    const char *fields[] = { "numcli", "refdet", "montant", "saisie" };

    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      {
        g_autofree char *before = gf_test_dump_table (db, "payment");
        g_autofree char *after = NULL;
        g_autoptr(GError) local = NULL;

        outcome = outcome_for (pending, "5510", "P");
        if (i == 0) outcome.numcli = "999999";
        if (i == 1) outcome.refdet = "GF0000000000000001";
        if (i == 2) outcome.montant = "5511";
        if (i == 3) outcome.saisie = "W";
        g_assert_false (gf_payfip_operation_settle (db, &outcome, NULL, &local));
        g_assert_error (local, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
        g_assert_nonnull (strstr (local->message, fields[i]));
        after = gf_test_dump_table (db, "payment");
        g_assert_cmpstr (before, ==, after);
      }
  }

  outcome = outcome_for (pending, "5510", "P");
  g_assert_true (gf_payfip_operation_settle (db, &outcome, &settled, &error));
  g_assert_no_error (error);
  g_assert_cmpint (settled, ==, GF_PAYFIP_SETTLED_PAID);

  /* The notification again, the return page, the reconciler: nothing more. */
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (gf_payfip_operation_settle (db, &outcome, &settled, &error));
      g_assert_cmpint (settled, ==, GF_PAYFIP_SETTLED_NOTHING);
    }
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM payment"), ==, 1);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM payment WHERE method = 'payfip' "
                                      "AND amount_cents = 5510 AND reference = 'A55A' "
                                      "AND paid_at = '2026-11-22T16:35:00Z'"), ==, 1);
  g_assert_cmpint (gf_test_count (db, "SELECT sum(amount_cents) FROM payment_allocation"), ==, 5510);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM invoice WHERE id IN (1, 2) AND state = 'paid'"), ==, 2);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM payfip_operation WHERE state = 'paid' "
                                      "AND numauto = 'A55A' AND settled_at IS NOT NULL"), ==, 1);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM payfip_operation_invoice WHERE locked = 1"), ==, 0);
  /* The receipt ("ticket de paiement") and the audit row, once. */
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM mail_outbox WHERE kind = 'payment_receipt' "
                                      "AND recipient = 'marie.dupont@exemple.fr' "
                                      "AND body_text LIKE '%55,10%' AND body_text LIKE '%A55A%' "
                                      "AND body_text LIKE '%N1, N2%'"), ==, 1);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM audit_log WHERE action = 'payfip_paid'"), ==, 1);
}

static void
test_refused_and_abandoned_unlock (void)
{
  const char *results[] = { "R", "Z", "A" };

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr(GfDb) db = make_db (NULL);
      const gint64 ids[] = { 1 };
      g_autoptr(GfPayfipOperation) operation = open_ok (db, ids, 1);
      g_autoptr(GfPayfipOperation) again = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *idop = g_strdup_printf ("00000000-0000-0000-0000-00000000000%u", i);
      GfPayfipOutcome outcome;
      GfPayfipSettled settled;

      g_assert_true (gf_payfip_operation_set_idop (db, operation->id, idop, &error));
      g_free (operation->idop);
      operation->idop = g_strdup (idop);
      outcome = outcome_for (operation, "4310", results[i]);
      outcome.numauto = NULL;
      g_assert_true (gf_payfip_operation_settle (db, &outcome, &settled, &error));
      g_assert_cmpint (settled, ==, i < 2 ? GF_PAYFIP_SETTLED_REFUSED : GF_PAYFIP_SETTLED_ABANDONED);
      g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM payment"), ==, 0);
      g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM invoice WHERE id = 1 AND state = 'unpaid'"), ==, 1);
      /* Payable again at once. */
      again = open_ok (db, ids, 1);
      g_assert_cmpstr (again->refdet, !=, operation->refdet);
    }
}

static void
test_refusals (void)
{
  g_autoptr(GfDb) db = make_db (NULL);
  GfActor admin = GF_ACTOR_INIT_SYSTEM ("test");
  const struct {
    gint64       ids[2];
    guint        n;
    gint         code;
  } cases[] = {
    { { 3 }, 1, GF_INPUT_ERROR_INVALID },        /* paid */
    { { 4 }, 1, GF_INPUT_ERROR_INVALID },        /* direct debit */
    { { 5 }, 1, GF_INPUT_ERROR_INVALID },        /* another family's */
    { { 99 }, 1, GF_INPUT_ERROR_INVALID },       /* no such invoice */
    { { 6 }, 1, GF_INPUT_ERROR_OUT_OF_RANGE },   /* under PayFiP's minimum */
    { { 0 }, 0, GF_INPUT_ERROR_REQUIRED },       /* nothing chosen */
  };
  g_autofree char *before = gf_test_dump_table (db, "payfip_operation");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GfPayfipOperation) operation =
        gf_payfip_operation_open (db, &family_actor, 1, cases[i].ids, cases[i].n, "m@exemple.fr", &error);

      g_assert_null (operation);
      g_assert_error (error, GF_INPUT_ERROR, cases[i].code);
    }

  /* Suspended payments, and several invoices when the settings allow one only. */
  {
    const gint64 one[] = { 1 };
    const gint64 two[] = { 1, 2 };
    g_autoptr(GError) error = NULL;
    g_autoptr(GfPayfipOperation) refused = NULL;

    g_assert_true (gf_settings_set (db, &admin, GF_SETTING_PAYMENTS_SUSPENDED, "1", NULL));
    refused = gf_payfip_operation_open (db, &family_actor, 1, one, 1, "m@exemple.fr", &error);
    g_assert_null (refused);
    g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_true (gf_settings_set (db, &admin, GF_SETTING_PAYMENTS_SUSPENDED, "0", NULL));
    g_assert_true (gf_settings_set (db, &admin, GF_SETTING_PAYMENTS_MULTI, "0", NULL));
    refused = gf_payfip_operation_open (db, &family_actor, 1, two, 2, "m@exemple.fr", &error);
    g_assert_null (refused);
    g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
  }

  {
    g_autofree char *after = gf_test_dump_table (db, "payfip_operation");
    g_assert_cmpstr (before, ==, after);
  }
}

static void
test_lock (void)
{
  g_autoptr(GfDb) db = make_db (NULL);
  const gint64 first[] = { 1 };
  const gint64 both[] = { 2, 1 };
  g_autoptr(GfPayfipOperation) operation = open_ok (db, first, 1);
  g_autoptr(GfPayfipOperation) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *until = gf_payfip_invoice_locked_until (db, 1);

  g_assert_nonnull (until);
  second = gf_payfip_operation_open (db, &family_actor, 1, both, 2, "m@exemple.fr", &error);
  g_assert_null (second);
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "until"));
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM payfip_operation"), ==, 1);
  g_clear_error (&error);

  /* PayFiP down when the family clicked "Payer": the attempt fails, nothing stays locked. */
  g_assert_true (gf_payfip_operation_fail (db, operation->id, "connection refused", &error));
  g_assert_null (gf_payfip_invoice_locked_until (db, 1));
  g_clear_pointer (&second, gf_payfip_operation_free);
  second = open_ok (db, both, 2);

  /* P1 after the idOp's 15 minutes: over, unlocked. */
  g_assert_true (gf_payfip_operation_set_idop (db, second->id, "11111111-1111-1111-1111-111111111111", &error));
  g_assert_true (gf_payfip_operation_expire (db, "11111111-1111-1111-1111-111111111111", &error));
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM payfip_operation WHERE state = 'abandoned'"), ==, 1);
  g_assert_null (gf_payfip_invoice_locked_until (db, 2));

  /* The lock ends after its minutes even while the outcome is still unknown. */
  {
    const gint64 two[] = { 2 };
    g_autoptr(GfPayfipOperation) held = open_ok (db, two, 1);
    g_autoptr(GfPayfipOperation) later = NULL;

    g_assert_nonnull (gf_payfip_invoice_locked_until (db, 2));
    g_assert_cmpint (sqlite3_exec (gf_db_get_handle (db), "UPDATE payfip_operation SET lock_until = "
                                   "'2000-01-01T00:00:00Z' WHERE state = 'created'", NULL, NULL, NULL),
                     ==, SQLITE_OK);
    g_assert_null (gf_payfip_invoice_locked_until (db, 2));
    later = open_ok (db, two, 1);
    g_assert_cmpint (later->id, !=, held->id);
  }

  /* An unknown idOp. */
  {
    GfPayfipOutcome outcome = { "22222222-2222-2222-2222-222222222222", "012345", "GF1", "1", "T", "P" };

    g_assert_false (gf_payfip_operation_settle (db, &outcome, NULL, &error));
    g_assert_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND);
  }
}

typedef struct
{
  char   *path;
  gint    successes;
  GMutex  start;
} Race;

static gpointer
race_open (gpointer data)
{
  Race *race = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfDb) db = gf_db_open (race->path, GF_DB_OPEN_DEFAULT, &error);
  const gint64 ids[] = { 1 };
  g_autoptr(GfPayfipOperation) operation = NULL;

  g_mutex_lock (&race->start);
  g_mutex_unlock (&race->start);
  operation = gf_payfip_operation_open (db, &family_actor, 1, ids, 1, "m@exemple.fr", NULL);
  if (operation != NULL)
    g_atomic_int_inc (&race->successes);
  return NULL;
}

/* Two tabs pressing "Payer" at the same moment: exactly one attempt. */
static void
test_two_tabs (void)
{
  Race race = { 0 };
  g_autoptr(GfDb) db = make_db (&race.path);
  GThread *threads[4];

  g_mutex_init (&race.start);
  g_mutex_lock (&race.start);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("tab", race_open, &race);
  g_mutex_unlock (&race.start);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);

  g_assert_cmpint (race.successes, ==, 1);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM payfip_operation"), ==, 1);
  g_mutex_clear (&race.start);
  g_free (race.path);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gf_test_init_env ();

  g_test_add_func ("/gf/payfip-operation/open-and-pay", test_open_and_pay);
  g_test_add_func ("/gf/payfip-operation/refused-abandoned", test_refused_and_abandoned_unlock);
  g_test_add_func ("/gf/payfip-operation/refusals", test_refusals);
  g_test_add_func ("/gf/payfip-operation/lock", test_lock);
  g_test_add_func ("/gf/payfip-operation/two-tabs", test_two_tabs);

  return g_test_run ();
}
