/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-csv.h"
#include "gf-demo.h"
#include "gf-invoice-credit.h"
#include "gf-invoice-detail.h"
#include "gf-invoice-list.h"
#include "gf-invoice-treasury.h"
#include "gf-test-util.h"

#include <string.h>

/* The staff's invoice section: the list and its filters, the overdue invoices and their
 * transfer to the Trésorerie, credit notes, the CSV export. On a demo town. */

#define TODAY    "2026-11-22"
#define FAMILIES 25

static const GfActor regisseur = { GF_ACTOR_STAFF, 2, "regisseur" };

typedef struct
{
  GfDb *db;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  GfDemoOptions options;

  fixture->db = gf_test_db_new (&fixture->path);
  gf_demo_options_init (&options);
  options.n_families = FAMILIES;
  options.today = TODAY;
  g_assert_true (gf_demo_generate (fixture->db, &options, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->db);
  g_free (fixture->path);
}

static gint64
count (Fixture    *fixture,
       const char *sql)
{
  return gf_test_count (fixture->db, sql);
}

static GPtrArray *
query (Fixture               *fixture,
       const GfInvoiceFilter *filter)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = gf_invoice_list_query (fixture->db, filter, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

/* The rows and the totals agree, and each row passes @check. */
static void
assert_consistent (Fixture               *fixture,
                   const GfInvoiceFilter *filter,
                   gint64                 expected_count)
{
  g_autoptr(GPtrArray) rows = query (fixture, filter);
  g_autoptr(GError) error = NULL;
  gint64 n = -1, total = -1, remaining = -1, sum_total = 0, sum_remaining = 0;

  g_assert_true (gf_invoice_list_totals (fixture->db, filter, &n, &total, &remaining, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, expected_count);
  g_assert_cmpint (rows->len, ==, MIN (expected_count, GF_INVOICE_LIST_MAX_ROWS));
  for (guint i = 0; i < rows->len; i++)
    {
      GfInvoiceRow *row = g_ptr_array_index (rows, i);

      sum_total += row->total_cents;
      sum_remaining += row->remaining_cents;
      if (i > 0)
        g_assert_cmpstr (((GfInvoiceRow *) g_ptr_array_index (rows, i - 1))->issue_date, >=,
                         row->issue_date);
    }
  g_assert_cmpint (sum_total, ==, total);
  g_assert_cmpint (sum_remaining, ==, remaining);
}

static void
test_list_filters (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) months = NULL;
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *sql = NULL;
  GfInvoiceFilter all = { 0 };
  GfInvoiceFilter unpaid = { .state = "unpaid" };
  GfInvoiceFilter month = { 0 };
  GfInvoiceFilter service = { 0 };
  GfInvoiceFilter search = { 0 };
  GfInvoiceService *canteen = NULL;
  GfInvoiceRow *first;

  assert_consistent (fixture, &all, count (fixture, "SELECT count(*) FROM invoice"));

  /* State. */
  assert_consistent (fixture, &unpaid,
                     count (fixture, "SELECT count(*) FROM invoice WHERE state = 'unpaid'"));
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM invoice WHERE state = 'unpaid'"), >, 0);
  rows = query (fixture, &unpaid);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpstr (((GfInvoiceRow *) g_ptr_array_index (rows, i))->state, ==, "unpaid");
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_assert_cmpstr (gf_invoice_list_state_label ("unpaid"), ==, "Not settled");

  /* Months: newest first, each the month of some invoice. */
  months = gf_invoice_list_months (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (months), ==,
                    count (fixture, "SELECT count(DISTINCT substr(issue_date, 1, 7)) FROM invoice"));
  g_assert_cmpuint (g_strv_length (months), >=, 10);
  for (guint i = 1; months[i] != NULL; i++)
    g_assert_cmpstr (months[i - 1], >, months[i]);
  month.month = months[1];
  sql = g_strdup_printf ("SELECT count(*) FROM invoice WHERE issue_date LIKE '%s-%%'", months[1]);
  assert_consistent (fixture, &month, count (fixture, sql));
  g_assert_cmpint (count (fixture, sql), >, 0);
  g_clear_pointer (&sql, g_free);

  /* Service: the invoices with at least one line of it. */
  services = gf_invoice_list_services (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (services->len, >=, 3);
  for (guint i = 0; i < services->len; i++)
    if (strstr (((GfInvoiceService *) g_ptr_array_index (services, i))->name, "Restauration") ||
        strstr (((GfInvoiceService *) g_ptr_array_index (services, i))->name, "antine"))
      canteen = g_ptr_array_index (services, i);
  if (canteen == NULL)
    canteen = g_ptr_array_index (services, 0);
  service.service_id = canteen->id;
  sql = g_strdup_printf ("SELECT count(DISTINCT invoice_id) FROM invoice_line WHERE service_id = %"
                         G_GINT64_FORMAT, canteen->id);
  assert_consistent (fixture, &service, count (fixture, sql));
  g_assert_cmpint (count (fixture, sql), <, count (fixture, "SELECT count(*) FROM invoice"));
  g_clear_pointer (&sql, g_free);

  /* Family: by the dossier, the name (either order, any case) or the invoice number. */
  rows = query (fixture, &all);
  first = g_ptr_array_index (rows, 0);
  search.search = first->family_reference;
  sql = g_strdup_printf ("SELECT count(*) FROM invoice i JOIN family f ON f.id = i.family_id "
                         "WHERE f.reference LIKE '%%%s%%'", first->family_reference);
  assert_consistent (fixture, &search, count (fixture, sql));
  g_clear_pointer (&sql, g_free);

  search.search = "  dupont ";
  assert_consistent (fixture, &search,
                     count (fixture, "SELECT count(*) FROM invoice i WHERE EXISTS (SELECT 1 FROM "
                                     "guardian g WHERE g.family_id = i.family_id "
                                     "AND g.last_name LIKE '%dupont%' OR g.first_name LIKE '%dupont%')"));
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM guardian WHERE last_name = 'DUPONT'"), >, 0);
  search.search = "Marie DUPONT";
  {
    g_autoptr(GPtrArray) marie = query (fixture, &search);
    g_assert_cmpuint (marie->len, >, 0);
  }

  search.search = first->number;
  {
    g_autoptr(GPtrArray) one = query (fixture, &search);
    g_assert_cmpuint (one->len, >=, 1);
    g_assert_cmpstr (((GfInvoiceRow *) g_ptr_array_index (one, 0))->number, ==, first->number);
  }

  /* LIKE's wildcards are taken literally, and nothing matches nonsense. */
  search.search = "%";
  assert_consistent (fixture, &search, 0);
  search.search = "zzz-no-such-family";
  assert_consistent (fixture, &search, 0);

  /* Filters combine. */
  unpaid.month = months[0];
  sql = g_strdup_printf ("SELECT count(*) FROM invoice WHERE state = 'unpaid' AND issue_date LIKE '%s-%%'",
                         months[0]);
  assert_consistent (fixture, &unpaid, count (fixture, sql));
}

#define OVERDUE_SQL \
  "FROM invoice i JOIN invoice_balance b ON b.invoice_id = i.id WHERE i.kind = 'invoice' " \
  "AND i.state = 'unpaid' AND i.direct_debit = 0 AND i.due_date < '" TODAY "' " \
  "AND i.total_cents + b.credited_cents - b.paid_cents > 0 " \
  "AND NOT EXISTS (SELECT 1 FROM payfip_operation_invoice o WHERE o.invoice_id = i.id AND o.locked = 1)"

static GArray *
overdue_ids (Fixture *fixture)
{
  GfInvoiceFilter overdue = { .overdue_only = TRUE, .today = TODAY };
  g_autoptr(GPtrArray) rows = query (fixture, &overdue);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < rows->len; i++)
    {
      GfInvoiceRow *row = g_ptr_array_index (rows, i);

      g_assert_cmpstr (row->state, ==, "unpaid");
      g_assert_false (row->direct_debit);
      g_assert_cmpstr (row->due_date, <, TODAY);
      g_assert_cmpint (row->remaining_cents, >, 0);
      g_array_append_val (ids, row->id);
    }
  return ids;
}

static void
test_overdue (Fixture       *fixture,
              gconstpointer  user_data)
{
  GfInvoiceFilter overdue = { .overdue_only = TRUE, .today = TODAY };
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 locked_id;

  assert_consistent (fixture, &overdue, count (fixture, "SELECT count(*) " OVERDUE_SQL));
  ids = overdue_ids (fixture);
  g_assert_cmpuint (ids->len, >=, 2);

  /* Unpaid invoices not yet due, and those paid by direct debit, are not overdue. */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM invoice WHERE state = 'unpaid'"), >,
                   (gint64) ids->len);

  /* A PayFiP payment in progress keeps its invoice out of the list. */
  locked_id = g_array_index (ids, gint64, 0);
  sql = g_strdup_printf ("INSERT INTO payfip_operation (refdet, family_id, amount_cents, email, saisie, "
                         "created_at, updated_at, lock_until) SELECT 'TEST-OP-1', family_id, 100, "
                         "'a@b.fr', 'W', '" TODAY "T10:00:00Z', '" TODAY "T10:00:00Z', "
                         "'" TODAY "T10:30:00Z' FROM invoice WHERE id = %" G_GINT64_FORMAT ";"
                         "INSERT INTO payfip_operation_invoice (operation_id, invoice_id, amount_cents) "
                         "VALUES (last_insert_rowid(), %" G_GINT64_FORMAT ", 100)",
                         locked_id, locked_id);
  g_assert_true (gf_db_exec (fixture->db, sql, &error));
  g_assert_no_error (error);
  assert_consistent (fixture, &overdue, ids->len - 1);

  /* The day they fall due they are not overdue yet; the day after they are. */
  overdue.today = "2000-01-01";
  assert_consistent (fixture, &overdue, 0);
}

static void
test_treasury_transfer (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GArray) ids = overdue_ids (fixture);
  g_autoptr(GError) error = NULL;
  g_auto(GfTreasuryResult) result = { 0 };
  g_auto(GfTreasuryResult) again = { 0 };
  g_autofree char *sql = NULL;
  gint64 paid_id = count (fixture, "SELECT min(id) FROM invoice WHERE state = 'paid' AND kind = 'invoice'");
  gint64 changed_id, expected_cents, audit_before, treasury_before;

  g_assert_cmpuint (ids->len, >=, 3);
  /* One of them is paid on the portal after the list was shown: it is skipped. */
  changed_id = g_array_index (ids, gint64, 1);
  sql = g_strdup_printf ("UPDATE invoice SET state = 'paid', paid_at = '" TODAY "T09:00:00Z' "
                         "WHERE id = %" G_GINT64_FORMAT, changed_id);
  g_assert_true (gf_db_exec (fixture->db, sql, &error));
  g_clear_pointer (&sql, g_free);
  g_array_append_val (ids, paid_id);

  expected_cents = count (fixture, "SELECT sum(i.total_cents + b.credited_cents - b.paid_cents) "
                                   OVERDUE_SQL);
  audit_before = count (fixture, "SELECT count(*) FROM audit_log");
  treasury_before = count (fixture, "SELECT count(*) FROM invoice WHERE state = 'treasury'");

  g_assert_true (gf_invoice_treasury_transfer (fixture->db, &regisseur, (gint64 *) ids->data,
                                               ids->len, TODAY, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.moved, ==, ids->len - 2);
  g_assert_cmpint (result.moved_cents, ==, expected_cents);
  g_assert_cmpuint (result.skipped->len, ==, 2);
  g_assert_cmpint (g_array_index (result.skipped, gint64, 0), ==, changed_id);
  g_assert_cmpint (g_array_index (result.skipped, gint64, 1), ==, paid_id);

  g_assert_cmpint (count (fixture, "SELECT count(*) FROM invoice WHERE state = 'treasury'"), ==,
                   treasury_before + result.moved);
  g_assert_cmpint (count (fixture, "SELECT count(*) " OVERDUE_SQL), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM invoice WHERE state = 'treasury' "
                                   "AND treasury_at LIKE '2%'"), ==, treasury_before + result.moved);
  /* One audit row per invoice moved, by the régisseur, and the chain still verifies. */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM audit_log"), ==, audit_before + result.moved);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM audit_log WHERE action = 'treasury' "
                                   "AND entity = 'invoice' AND actor_label = 'regisseur' "
                                   "AND json_extract(details, '$.remaining_cents') > 0"),
                   ==, result.moved);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM audit_log WHERE action = 'treasury' "
                                   "AND entity_id IN (SELECT id FROM invoice WHERE state <> 'treasury')"),
                   ==, 0);
  g_assert_true (gf_audit_verify (fixture->db, NULL, &error));
  g_assert_no_error (error);

  /* Again: nothing is left to move, nothing is written. */
  g_assert_true (gf_invoice_treasury_transfer (fixture->db, &regisseur, (gint64 *) ids->data,
                                               ids->len, TODAY, &again, &error));
  g_assert_cmpuint (again.moved, ==, 0);
  g_assert_cmpuint (again.skipped->len, ==, ids->len);
}

static gint64
credit_error (Fixture    *fixture,
              gint64      invoice_id,
              gint64      amount,
              const char *reason)
{
  g_autoptr(GError) error = NULL;
  gint64 audit = count (fixture, "SELECT count(*) FROM audit_log");
  gint64 invoices = count (fixture, "SELECT count(*) FROM invoice");
  gint64 lines = count (fixture, "SELECT count(*) FROM invoice_line");
  gint64 code;

  g_assert_false (gf_invoice_credit_create (fixture->db, &regisseur, invoice_id, amount, reason,
                                            NULL, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == GF_INVOICE_CREDIT_ERROR || error->domain == GF_DB_ERROR);
  code = error->domain == GF_DB_ERROR ? -1 : error->code;
  /* Nothing changed. */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM audit_log"), ==, audit);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM invoice"), ==, invoices);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM invoice_line"), ==, lines);
  return code;
}

static void
test_credit_note (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfInvoiceDetail) detail = NULL;
  g_autoptr(GfInvoiceDetail) credit = NULL;
  gint64 unpaid = count (fixture, "SELECT max(i.id) FROM invoice i JOIN invoice_balance b "
                                  "ON b.invoice_id = i.id WHERE i.state = 'unpaid' "
                                  "AND b.credited_cents = 0 AND b.paid_cents = 0 AND i.total_cents > 1000");
  gint64 paid = count (fixture, "SELECT min(id) FROM invoice WHERE state = 'paid' AND kind = 'invoice'");
  gint64 credit_note = count (fixture, "SELECT min(id) FROM invoice WHERE kind = 'credit_note'");
  gint64 total = 0, max = 0, credit_id = 0;
  g_autofree char *sql = NULL;

  g_assert_cmpint (unpaid, >, 0);
  g_assert_true (gf_invoice_credit_allowed (fixture->db, unpaid, &max, &error));
  sql = g_strdup_printf ("SELECT total_cents FROM invoice WHERE id = %" G_GINT64_FORMAT, unpaid);
  total = count (fixture, sql);
  g_assert_cmpint (max, ==, total);

  /* Bad amounts and reasons, wrong kinds of invoices: refused, nothing written. */
  g_assert_cmpint (credit_error (fixture, unpaid, total + 1, "Trop"), ==, GF_INVOICE_CREDIT_ERROR_AMOUNT);
  g_assert_cmpint (credit_error (fixture, unpaid, 0, "Zéro"), ==, GF_INVOICE_CREDIT_ERROR_AMOUNT);
  g_assert_cmpint (credit_error (fixture, unpaid, -500, "Négatif"), ==, GF_INVOICE_CREDIT_ERROR_AMOUNT);
  g_assert_cmpint (credit_error (fixture, unpaid, 500, "   "), ==, GF_INVOICE_CREDIT_ERROR_REASON);
  g_assert_cmpint (credit_error (fixture, unpaid, 500, NULL), ==, GF_INVOICE_CREDIT_ERROR_REASON);
  g_assert_cmpint (credit_error (fixture, credit_note, 1, "Avoir d'avoir"), ==,
                   GF_INVOICE_CREDIT_ERROR_STATE);
  g_assert_cmpint (credit_error (fixture, 999999, 1, "Inconnue"), ==, -1);
  {
    g_autofree char *long_reason = g_strnfill (GF_INVOICE_CREDIT_REASON_MAX + 1, 'x');
    g_assert_cmpint (credit_error (fixture, unpaid, 1, long_reason), ==, GF_INVOICE_CREDIT_ERROR_REASON);
  }
  {
    gint64 cancelled = count (fixture, "SELECT min(id) FROM invoice WHERE state = 'cancelled'");
    if (cancelled > 0)
      g_assert_cmpint (credit_error (fixture, cancelled, 1, "Annulée"), ==, GF_INVOICE_CREDIT_ERROR_STATE);
  }
  g_assert_true (gf_db_exec (fixture->db,
                             "INSERT INTO invoice (number, family_id, issue_date, due_date, object, "
                             "total_cents, created_at) SELECT 'BROUILLON-1', min(id), '" TODAY "', '"
                             TODAY "', 'Brouillon', 1000, '" TODAY "T08:00:00Z' FROM family",
                             &error));
  g_assert_cmpint (credit_error (fixture, gf_db_last_insert_id (fixture->db), 100, "Brouillon"), ==,
                   GF_INVOICE_CREDIT_ERROR_STATE);

  /* A valid one: published at once, numbered, audited; the invoice's balance follows. */
  g_assert_true (gf_invoice_credit_create (fixture->db, &regisseur, unpaid, 250,
                                           " Repas non pris ", &credit_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (credit_id, >, 0);
  credit = gf_invoice_detail_get (fixture->db, credit_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (credit->summary->kind, ==, "credit_note");
  g_assert_cmpint (credit->summary->total_cents, ==, -250);
  g_assert_true (g_str_has_prefix (credit->summary->number, "AV-2026-"));
  g_assert_cmpstr (credit->summary->number, !=, "AV-2026-000001");
  g_assert_cmpuint (credit->lines->len, ==, 1);
  g_assert_cmpstr (((GfInvoiceLine *) g_ptr_array_index (credit->lines, 0))->label, ==,
                   "Avoir – Repas non pris");
  g_assert_nonnull (credit->credit_for_number);

  detail = gf_invoice_detail_get (fixture->db, unpaid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (detail->summary->credited_cents, ==, -250);
  g_assert_cmpint (detail->summary->remaining_cents, ==, total - 250);
  g_assert_cmpstr (detail->summary->state, ==, "unpaid");
  g_assert_cmpuint (detail->lines->len, >, 0);
  g_assert_cmpstr (detail->payer_name, !=, "");
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM audit_log WHERE action = 'credit_note' "
                                   "AND actor_label = 'regisseur' "
                                   "AND json_extract(details, '$.amount_cents') = 250"), ==, 1);

  /* The limit now counts the earlier credit note. */
  g_assert_true (gf_invoice_credit_allowed (fixture->db, unpaid, &max, &error));
  g_assert_cmpint (max, ==, total - 250);
  g_assert_cmpint (credit_error (fixture, unpaid, total - 249, "Trop"), ==, GF_INVOICE_CREDIT_ERROR_AMOUNT);

  /* Crediting the rest settles the invoice; nothing more can be credited. */
  g_assert_true (gf_invoice_credit_create (fixture->db, &regisseur, unpaid, total - 250,
                                           "Solde", NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&detail, gf_invoice_detail_free);
  detail = gf_invoice_detail_get (fixture->db, unpaid, &error);
  g_assert_cmpstr (detail->summary->state, ==, "paid");
  g_assert_cmpint (detail->summary->remaining_cents, ==, 0);
  g_assert_cmpint (credit_error (fixture, unpaid, 1, "Encore"), ==, GF_INVOICE_CREDIT_ERROR_AMOUNT);

  /* A paid invoice can be credited too (the family is then owed money). */
  g_assert_true (gf_invoice_credit_create (fixture->db, &regisseur, paid, 100, "Geste", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gf_audit_verify (fixture->db, NULL, &error));

  /* Not found. */
  g_assert_null (gf_invoice_detail_get (fixture->db, 999999, &error));
  g_assert_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND);
}

static void
test_csv_escaping (void)
{
  g_autoptr(GString) csv = gf_csv_new ();
  const char *row[] = { "simple", "a;b", "dit \"bonjour\"", "deux\nlignes", "", "é€" };
  g_autofree char *amount = gf_csv_amount (124311);
  g_autofree char *negative = gf_csv_amount (-1250);
  g_autofree char *small = gf_csv_amount (5);

  gf_csv_append_row (csv, row, G_N_ELEMENTS (row));
  gf_csv_append_row (csv, row, 1);
  g_assert_cmpstr (csv->str, ==,
                   "\xEF\xBB\xBF" "simple;\"a;b\";\"dit \"\"bonjour\"\"\";\"deux\nlignes\";;é€\r\n"
                   "simple\r\n");
  g_assert_cmpstr (amount, ==, "1243,11");
  g_assert_cmpstr (negative, ==, "-12,50");
  g_assert_cmpstr (small, ==, "0,05");
}

/* A name or a reference that starts like a formula is shown, never run; ordinary text
 * and amounts are left alone. */
static void
test_csv_formulas (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")" },
    { "+33 6 12", "'+33 6 12" },
    { "-2+3", "'-2+3" },
    { "@SUM(A1)", "'@SUM(A1)" },
    { "\t=1", "'\t=1" },
    { "Dupont", "Dupont" },
    { "", "" },
  };
  g_autoptr(GString) csv = gf_csv_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *safe = gf_csv_defuse (cases[i].in);

      g_assert_cmpstr (safe, ==, cases[i].out);
    }
  g_assert_null (gf_csv_defuse (NULL));
  gf_csv_append_text (csv, "=1;2");
  g_assert_cmpstr (csv->str, ==, "\xEF\xBB\xBF\"'=1;2\"");
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  *last = fraction;
}

static void
test_overdue_csv (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;
  g_autofree char *first_number = NULL;
  double last = 0;
  gsize size;
  const char *data;
  gint64 n = count (fixture, "SELECT count(*) " OVERDUE_SQL);

  bytes = gf_invoice_overdue_csv (fixture->db, TODAY, progress_cb, &last, NULL, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &size);
  g_assert_true (g_str_has_prefix (data, "\xEF\xBB\xBF" "Numéro;Dossier;Payeur;"));
  g_assert_cmpfloat (last, ==, 1.0);
  text = g_strndup (data, size);
  g_assert_true (g_str_has_suffix (text, "\r\n"));
  lines = g_strsplit (text, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, n + 2);   /* header, rows, "" */
  g_assert_cmpint (n, >, 0);
  for (guint i = 1; i <= n; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ";", -1);
      g_autofree char *sql = NULL;

      g_assert_cmpuint (g_strv_length (fields), ==, 7);
      g_assert_nonnull (strchr (fields[6], ','));
      g_assert_null (strchr (fields[6], '.'));
      g_assert_null (strstr (fields[6], "€"));
      g_assert_true (g_regex_match_simple ("^[0-9]{2}/[0-9]{2}/[0-9]{4}$", fields[4], 0, 0));
      sql = g_strdup_printf ("SELECT count(*) " OVERDUE_SQL " AND i.number = '%s'", fields[0]);
      g_assert_cmpint (count (fixture, sql), ==, 1);
    }
}

static void
test_quantity (void)
{
  const struct { gint64 centi; const char *text; } cases[] = {
    { 1200, "12" }, { 1250, "12,5" }, { 1225, "12,25" }, { -100, "-1" }, { 5, "0,05" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = gf_invoice_format_quantity (cases[i].centi);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gf_test_init_env ();

  g_test_add ("/invoice-staff/list/filters", Fixture, NULL, fixture_set_up, test_list_filters,
              fixture_tear_down);
  g_test_add ("/invoice-staff/overdue", Fixture, NULL, fixture_set_up, test_overdue,
              fixture_tear_down);
  g_test_add ("/invoice-staff/treasury/transfer", Fixture, NULL, fixture_set_up,
              test_treasury_transfer, fixture_tear_down);
  g_test_add ("/invoice-staff/credit-note", Fixture, NULL, fixture_set_up, test_credit_note,
              fixture_tear_down);
  g_test_add ("/invoice-staff/overdue-csv", Fixture, NULL, fixture_set_up, test_overdue_csv,
              fixture_tear_down);
  g_test_add_func ("/invoice-staff/csv/escaping", test_csv_escaping);
  g_test_add_func ("/invoice-staff/csv/formulas", test_csv_formulas);
  g_test_add_func ("/invoice-staff/quantity", test_quantity);

  return g_test_run ();
}
