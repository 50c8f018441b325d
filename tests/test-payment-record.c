/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-money.h"
#include "gf-payfip-operation.h"
#include "gf-payfip-operation-list.h"
#include "gf-payment-journal.h"
#include "gf-payment-record.h"
#include "gf-settings.h"
#include "gf-validate.h"
#include "gf-test-util.h"

/* Family 1 (with an e-mail) and 2. Invoices: 1 (43,10 €) and 2 (12,00 €) unpaid, 3 paid,
 * 4 in direct debit, 5 of family 2, 6 at the Trésorerie, 7 unpaid (8,00 €). */
static GfDb *
make_db (void)
{
  GfDb *db = gf_test_db_new (NULL);
  GfActor admin = GF_ACTOR_INIT_SYSTEM ("test");

  g_assert_cmpint (sqlite3_exec (gf_db_get_handle (db),
    "INSERT INTO staff_user (login, display_name, role, password_hash, created_at) "
    "  VALUES ('regisseur', 'Rémi Régisseur', 'regisseur', 'x', 'x'), "
    "         ('agent', 'Agathe Agent', 'agent', 'x', 'x');"
    "INSERT INTO family (reference, email, created_at, updated_at) VALUES "
    "  ('F1', 'marie.dupont@exemple.fr', 'x', 'x'), ('F2', '', 'x', 'x');"
    "INSERT INTO invoice (number, family_id, issue_date, due_date, object, total_cents, state, "
    "  direct_debit, published_at, paid_at, treasury_at, created_at) VALUES "
    " ('N1', 1, '2026-10-05', '2026-11-04', 'Octobre', 4310, 'unpaid', 0, 'x', NULL, NULL, 'x'),"
    " ('N2', 1, '2026-11-05', '2026-12-05', 'Novembre', 1200, 'unpaid', 0, 'x', NULL, NULL, 'x'),"
    " ('N3', 1, '2026-09-05', '2026-10-05', 'Septembre', 900, 'paid', 0, 'x', 'x', NULL, 'x'),"
    " ('N4', 1, '2026-11-05', '2026-12-05', 'Prélevée', 700, 'unpaid', 1, 'x', NULL, NULL, 'x'),"
    " ('N5', 2, '2026-11-05', '2026-12-05', 'Autre famille', 800, 'unpaid', 0, 'x', NULL, NULL, 'x'),"
    " ('N6', 1, '2026-06-05', '2026-07-05', 'Juin', 600, 'treasury', 0, 'x', NULL, 'x', 'x'),"
    " ('N7', 1, '2026-11-05', '2026-12-05', 'Garderie', 800, 'unpaid', 0, 'x', NULL, NULL, 'x');",
    NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (gf_settings_set (db, &admin, GF_SETTING_PAYFIP_NUMCLI, "012345", NULL));
  g_assert_true (gf_settings_set (db, &admin, GF_SETTING_PAYFIP_SAISIE, "T", NULL));
  return db;
}

static const GfActor staff = { GF_ACTOR_STAFF, 1, "regisseur" };
static const GfActor agent = { GF_ACTOR_STAFF, 2, "agent" };

static gint64
remaining (GfDb   *db,
           gint64  invoice_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT total_cents + credited_cents - paid_cents "
                                          "FROM invoice_balance WHERE invoice_id = %" G_GINT64_FORMAT,
                                          invoice_id);
  return gf_test_count (db, sql);
}

static void
record_ok (GfDb                 *db,
           const GfPaymentInput *input,
           gint64                invoice_a,
           gint64                amount_a,
           gint64                invoice_b,
           gint64                amount_b)
{
  GfPaymentAllocation allocations[] = { { invoice_a, amount_a }, { invoice_b, amount_b } };
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (gf_payment_record (db, &staff, input, allocations, invoice_b != 0 ? 2 : 1,
                                    &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
}

static void
test_each_method (void)
{
  const char *methods[] = { "cash", "cesu", "transfer" };
  const gint64 invoices[] = { 1, 2, 7 };
  const gint64 amounts[] = { 4310, 1200, 800 };

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_autoptr(GfDb) db = make_db ();
      GfPaymentInput input = { 1, methods[i], amounts[i], NULL, NULL, "  REF-7  " };
      g_autofree char *sql = NULL;

      record_ok (db, &input, invoices[i], amounts[i], 0, 0);
      sql = g_strdup_printf ("SELECT count(*) FROM payment WHERE method = '%s' AND amount_cents = %"
                             G_GINT64_FORMAT " AND reference = 'REF-7' AND bank = '' "
                             "AND recorded_by = 1 AND payfip_operation_id IS NULL",
                             methods[i], amounts[i]);
      g_assert_cmpint (gf_test_count (db, sql), ==, 1);
      g_clear_pointer (&sql, g_free);
      sql = g_strdup_printf ("SELECT count(*) FROM invoice WHERE id = %" G_GINT64_FORMAT
                             " AND state = 'paid' AND paid_at IS NOT NULL", invoices[i]);
      g_assert_cmpint (gf_test_count (db, sql), ==, 1);
      g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM mail_outbox WHERE kind = 'payment_receipt' "
                                          "AND recipient = 'marie.dupont@exemple.fr'"), ==, 1);
      g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM audit_log WHERE action = 'payment_recorded' "
                                          "AND entity = 'payment'"), ==, 1);
    }
}

static void
test_cheque_two_invoices (void)
{
  g_autoptr(GfDb) db = make_db ();
  GfPaymentInput input = { 1, "cheque", 5510, NULL, "Crédit Agricole", "0012345" };

  record_ok (db, &input, 1, 4310, 2, 1200);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM payment"), ==, 1);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM payment WHERE method = 'cheque' "
                                      "AND bank = 'Crédit Agricole' AND reference = '0012345'"), ==, 1);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM payment_allocation"), ==, 2);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM invoice WHERE id IN (1, 2) AND state = 'paid'"), ==, 2);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM audit_log WHERE action = 'payment_recorded'"), ==, 1);
  /* The receipt names both invoices and the amount. */
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM mail_outbox WHERE body_text LIKE '%55,10%' "
                                      "AND body_text LIKE '%N1, N2%' AND body_text LIKE '%chèque%'"), ==, 1);
}

static void
test_partial (void)
{
  g_autoptr(GfDb) db = make_db ();
  GfPaymentInput input = { 1, "cesu", 1000, NULL, NULL, "CESU-1" };
  g_autoptr(GPtrArray) payable = NULL;
  GfPaymentInput rest = { 1, "cash", 3310, NULL, NULL, NULL };

  record_ok (db, &input, 1, 1000, 0, 0);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM invoice WHERE id = 1 AND state = 'unpaid'"), ==, 1);
  g_assert_cmpint (remaining (db, 1), ==, 3310);

  payable = gf_payment_payable_invoices (db, 1, NULL);
  g_assert_nonnull (payable);
  /* N6 (Trésorerie), N1, N2, N4 (direct debit), N7, oldest due first. */
  g_assert_cmpint (payable->len, ==, 5);
  {
    GfPayableInvoice *treasury = g_ptr_array_index (payable, 0);
    GfPayableInvoice *first = g_ptr_array_index (payable, 1);

    g_assert_cmpstr (treasury->number, ==, "N6");
    g_assert_nonnull (treasury->blocked);
    g_assert_cmpstr (first->number, ==, "N1");
    g_assert_cmpint (first->remaining_cents, ==, 3310);
    g_assert_null (first->blocked);
  }

  record_ok (db, &rest, 1, 3310, 0, 0);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM invoice WHERE id = 1 AND state = 'paid'"), ==, 1);
  g_assert_cmpint (remaining (db, 1), ==, 0);
}

typedef struct
{
  const char          *what;
  GfPaymentInput       input;
  GfPaymentAllocation  allocations[2];
  guint                n;
  GfInputError         code;
} BadCase;

static char *
snapshot (GfDb *db)
{
  const char *tables[] = { "payment", "payment_allocation", "invoice", "audit_log", "mail_outbox" };
  GString *all = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *dump = gf_test_dump_table (db, tables[i]);

      g_string_append (all, dump);
    }
  return g_string_free (all, FALSE);
}

static void
test_bad_inputs (void)
{
  g_autoptr(GfDb) db = make_db ();
  g_autoptr(GfPayfipOperation) operation = NULL;
  const GfActor family = { GF_ACTOR_CITIZEN, 1, "marie.dupont@exemple.fr" };
  const gint64 locked[] = { 7 };
  g_autofree char *before = NULL;
  const BadCase cases[] = {
    { "cheque without bank", { 1, "cheque", 1200, NULL, "", "123" }, { { 2, 1200 } }, 1, GF_INPUT_ERROR_REQUIRED },
    { "cheque without number", { 1, "cheque", 1200, NULL, "Banque", "  " }, { { 2, 1200 } }, 1, GF_INPUT_ERROR_REQUIRED },
    { "amount 0", { 1, "cash", 0, NULL, NULL, NULL }, { { 2, 1200 } }, 1, GF_INPUT_ERROR_OUT_OF_RANGE },
    { "negative amount", { 1, "cash", -1200, NULL, NULL, NULL }, { { 2, 1200 } }, 1, GF_INPUT_ERROR_OUT_OF_RANGE },
    { "unknown method", { 1, "bitcoin", 1200, NULL, NULL, NULL }, { { 2, 1200 } }, 1, GF_INPUT_ERROR_INVALID },
    { "PayFiP is not taken here", { 1, "payfip", 1200, NULL, NULL, NULL }, { { 2, 1200 } }, 1, GF_INPUT_ERROR_INVALID },
    { "no invoice", { 1, "cash", 1200, NULL, NULL, NULL }, { { 0, 0 } }, 0, GF_INPUT_ERROR_REQUIRED },
    { "more than left on the invoice", { 1, "cash", 1201, NULL, NULL, NULL }, { { 2, 1201 } }, 1, GF_INPUT_ERROR_OUT_OF_RANGE },
    { "allocations above the amount", { 1, "cash", 1000, NULL, NULL, NULL }, { { 2, 1200 } }, 1, GF_INPUT_ERROR_OUT_OF_RANGE },
    { "amount above the allocations", { 1, "cash", 5600, NULL, NULL, NULL }, { { 1, 4310 }, { 2, 1200 } }, 2, GF_INPUT_ERROR_OUT_OF_RANGE },
    { "allocation of 0", { 1, "cash", 1200, NULL, NULL, NULL }, { { 2, 1200 }, { 1, 0 } }, 2, GF_INPUT_ERROR_OUT_OF_RANGE },
    { "same invoice twice", { 1, "cash", 1200, NULL, NULL, NULL }, { { 2, 600 }, { 2, 600 } }, 2, GF_INPUT_ERROR_DUPLICATE },
    { "invoice of another family", { 1, "cash", 800, NULL, NULL, NULL }, { { 5, 800 } }, 1, GF_INPUT_ERROR_INVALID },
    { "unknown invoice", { 1, "cash", 800, NULL, NULL, NULL }, { { 99, 800 } }, 1, GF_INPUT_ERROR_INVALID },
    { "invoice already paid", { 1, "cash", 900, NULL, NULL, NULL }, { { 3, 900 } }, 1, GF_INPUT_ERROR_INVALID },
    { "invoice in direct debit", { 1, "cash", 700, NULL, NULL, NULL }, { { 4, 700 } }, 1, GF_INPUT_ERROR_INVALID },
    { "invoice at the Trésorerie", { 1, "cash", 600, NULL, NULL, NULL }, { { 6, 600 } }, 1, GF_INPUT_ERROR_INVALID },
    { "invoice locked by PayFiP", { 1, "cash", 800, NULL, NULL, NULL }, { { 7, 800 } }, 1, GF_INPUT_ERROR_INVALID },
    { "unknown family", { 42, "cash", 800, NULL, NULL, NULL }, { { 7, 800 } }, 1, GF_INPUT_ERROR_REQUIRED },
    { "future date", { 1, "cash", 1200, "2999-01-01", NULL, NULL }, { { 2, 1200 } }, 1, GF_INPUT_ERROR_OUT_OF_RANGE },
    { "bad date", { 1, "cash", 1200, "2026-02-30", NULL, NULL }, { { 2, 1200 } }, 1, GF_INPUT_ERROR_INVALID },
    { "an agent", { 1, "cash", 1200, NULL, NULL, NULL }, { { 2, 1200 } }, 1, GF_INPUT_ERROR_INVALID },
  };

  /* An online payment of invoice 7 has started: the counter must wait for its end. */
  operation = gf_payfip_operation_open (db, &family, 1, locked, 1, "marie.dupont@exemple.fr", NULL);
  g_assert_nonnull (operation);
  before = snapshot (db);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;

      g_test_message ("%s", cases[i].what);
      g_assert_false (gf_payment_record (db, g_str_equal (cases[i].what, "an agent") ? &agent : &staff,
                                         &cases[i].input, cases[i].allocations,
                                         cases[i].n, NULL, &error));
      g_assert_error (error, GF_INPUT_ERROR, (gint) cases[i].code);
      g_assert_cmpstr (error->message, !=, "");
      after = snapshot (db);
      g_assert_cmpstr (before, ==, after);
    }

  /* What the form types: "abc" and "-5" are not amounts. */
  {
    g_autoptr(GError) error = NULL;
    gint64 cents;

    g_assert_false (gf_money_parse ("abc", GF_MONEY_PARSE_DEFAULT, &cents, &error));
    g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (gf_money_parse ("-5", GF_MONEY_PARSE_DEFAULT, &cents, &error));
    g_assert_nonnull (error);
    g_assert_true (gf_money_parse ("12,50", GF_MONEY_PARSE_DEFAULT, &cents, NULL));
    g_assert_cmpint (cents, ==, 1250);
  }
}

static void
test_journal (void)
{
  g_autoptr(GfDb) db = make_db ();
  GfPaymentInput cheque = { 1, "cheque", 5510, "2026-01-15", "Banque \"Postale\"; Lyon", "42" };
  GfPaymentInput cash = { 1, "cash", 500, "2026-01-15", NULL, NULL };
  GfPaymentInput other_day = { 1, "cash", 300, "2026-01-16", NULL, NULL };
  g_autoptr(GPtrArray) day = NULL;
  g_autoptr(GPtrArray) next = NULL;
  g_autoptr(GPtrArray) empty = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  GfJournalEntry *first;

  record_ok (db, &cheque, 1, 4310, 2, 1200);
  record_ok (db, &cash, 7, 500, 0, 0);
  record_ok (db, &other_day, 7, 300, 0, 0);
  /* 23:30 UTC on the 15th is 00:30 in Paris on the 16th: the next day's journal. */
  g_assert_cmpint (sqlite3_exec (gf_db_get_handle (db),
    "UPDATE payment SET paid_at = '2026-01-15T23:30:00Z' WHERE amount_cents = 300",
    NULL, NULL, NULL), ==, SQLITE_OK);

  day = gf_payment_journal (db, "2026-01-15", NULL);
  g_assert_nonnull (day);
  g_assert_cmpint (day->len, ==, 2);
  first = g_ptr_array_index (day, 0);
  g_assert_cmpstr (first->method, ==, "cash");   /* cash comes first in the journal */
  g_assert_cmpstr (first->family_reference, ==, "F1");
  g_assert_cmpstr (first->recorded_by, ==, "Rémi Régisseur");
  g_assert_cmpint (gf_payment_journal_total (day, "cash"), ==, 500);
  g_assert_cmpint (gf_payment_journal_total (day, "cheque"), ==, 5510);
  g_assert_cmpint (gf_payment_journal_total (day, "cesu"), ==, 0);
  g_assert_cmpint (gf_payment_journal_total (day, NULL), ==, 6010);

  next = gf_payment_journal (db, "2026-01-16", NULL);
  g_assert_cmpint (next->len, ==, 1);
  g_assert_cmpint (gf_payment_journal_total (next, NULL), ==, 300);
  empty = gf_payment_journal (db, "2026-01-14", NULL);
  g_assert_cmpint (empty->len, ==, 0);
  g_assert_null (gf_payment_journal (db, "not a date", NULL));

  csv = gf_payment_journal_to_csv (day);
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF"));
  g_assert_nonnull (strstr (csv, ";55,10;"));
  /* A day other than today is recorded at noon, Paris time. */
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM payment WHERE paid_at = '2026-01-15T11:00:00Z'"), ==, 2);
  g_assert_nonnull (strstr (csv, "15/01/2026;12:00;"));
  g_assert_nonnull (strstr (csv, ";\"Banque \"\"Postale\"\"; Lyon\";N1, N2;"));
  g_assert_nonnull (strstr (csv, ";5,00;"));
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpint (g_strv_length (lines), ==, 4);   /* header, 2 payments, "" */
}

/* A reference typed as a formula stays text in the spreadsheet. */
static void
test_csv_formula (void)
{
  g_autoptr(GfDb) db = make_db ();
  GfPaymentInput transfer = { 1, "transfer", 1200, "2026-01-15", NULL, "=HYPERLINK(\"x\")" };
  g_autoptr(GPtrArray) day = NULL;
  g_autofree char *csv = NULL;

  record_ok (db, &transfer, 2, 1200, 0, 0);
  day = gf_payment_journal (db, "2026-01-15", NULL);
  csv = gf_payment_journal_to_csv (day);
  g_assert_nonnull (strstr (csv, ";12,00;\"'=HYPERLINK(\"\"x\"\")\";;N2;"));
}

static void
test_payfip_operations (void)
{
  g_autoptr(GfDb) db = make_db ();
  const GfActor family = { GF_ACTOR_CITIZEN, 1, "marie.dupont@exemple.fr" };
  const gint64 ids[] = { 1, 2 };
  g_autoptr(GfPayfipOperation) operation = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) paid = NULL;
  g_autoptr(GPtrArray) created = NULL;
  GfPayfipOperationRow *row;

  operation = gf_payfip_operation_open (db, &family, 1, ids, 2, "marie.dupont@exemple.fr", NULL);
  g_assert_nonnull (operation);

  all = gf_payfip_operation_list (db, NULL, 0, NULL);
  g_assert_cmpint (all->len, ==, 1);
  row = g_ptr_array_index (all, 0);
  g_assert_cmpstr (row->refdet, ==, operation->refdet);
  g_assert_null (row->idop);
  g_assert_cmpint (row->amount_cents, ==, 5510);
  g_assert_cmpstr (row->state, ==, "created");
  g_assert_cmpstr (row->invoices, ==, "N1, N2");
  g_assert_cmpstr (row->family_reference, ==, "F1");
  g_assert_cmpint (row->payment_id, ==, 0);
  g_assert_cmpstr (gf_payfip_operation_state_label (row->state), !=, "");

  paid = gf_payfip_operation_list (db, "paid", 0, NULL);
  g_assert_cmpint (paid->len, ==, 0);
  created = gf_payfip_operation_list (db, "created", 10, NULL);
  g_assert_cmpint (created->len, ==, 1);

  /* Locked invoices show greyed in the counter's list. */
  {
    g_autoptr(GPtrArray) payable = gf_payment_payable_invoices (db, 1, NULL);

    for (guint i = 0; i < payable->len; i++)
      {
        GfPayableInvoice *invoice = g_ptr_array_index (payable, i);

        if (g_str_equal (invoice->number, "N1") || g_str_equal (invoice->number, "N2"))
          g_assert_nonnull (invoice->blocked);
      }
  }
}

static void
test_receipt (void)
{
  g_autoptr(GfDb) db = make_db ();
  g_autoptr(GError) error = NULL;

  /* The same ticket serves PayFiP, with its authorisation number, and the counter. */
  g_assert_true (gf_payment_queue_receipt (db, "a@exemple.fr", 5510, "N1, N2", "20260000000001",
                                           "A55A", "2026-11-22T16:35:00Z",
                                           "carte bancaire (PayFiP)", &error));
  g_assert_no_error (error);
  g_assert_true (gf_payment_queue_receipt (db, "b@exemple.fr", 800, "N7", "", NULL,
                                           "2026-11-22T16:35:00Z", "espèces", &error));
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM mail_outbox WHERE recipient = 'a@exemple.fr' "
                                      "AND body_text LIKE '%Numéro d’autorisation : A55A%' "
                                      "AND body_text LIKE '%55,10%' AND body_text LIKE '%N1, N2%' "
                                      "AND subject LIKE 'Ticket de paiement%'"), ==, 1);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM mail_outbox WHERE recipient = 'b@exemple.fr' "
                                      "AND body_text NOT LIKE '%autorisation%' "
                                      "AND body_text LIKE '%Moyen : espèces%'"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  gf_test_init_env ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/payment/record/each-method", test_each_method);
  g_test_add_func ("/payment/record/cheque-two-invoices", test_cheque_two_invoices);
  g_test_add_func ("/payment/record/partial", test_partial);
  g_test_add_func ("/payment/record/bad-inputs", test_bad_inputs);
  g_test_add_func ("/payment/record/receipt", test_receipt);
  g_test_add_func ("/payment/journal/by-method", test_journal);
  g_test_add_func ("/payment/journal/csv-formula", test_csv_formula);
  g_test_add_func ("/payment/payfip-operations", test_payfip_operations);

  return g_test_run ();
}
