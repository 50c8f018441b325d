/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-audit.h"
#include "gf-dashboard-figures.h"
#include "gf-date.h"
#include "gf-demo.h"
#include "gf-test-util.h"

/* The dashboard's figures on a demo town, each checked against a plain SQL query written
 * here independently of the core's. */

#define TODAY "2026-11-22"

static GfDb *
demo_new (void)
{
  g_autoptr(GError) error = NULL;
  GfDb *db = gf_test_db_new (NULL);
  GfDemoOptions options;

  gf_demo_options_init (&options);
  options.n_families = 30;
  options.today = TODAY;
  g_assert_true (gf_demo_generate (db, &options, &error));
  g_assert_no_error (error);
  return db;
}

static void
today_date (GDate *out)
{
  g_assert_true (gf_date_parse_iso (TODAY, out, NULL));
}

static void
test_figures (void)
{
  g_autoptr(GfDb) db = demo_new ();
  g_autoptr(GError) error = NULL;
  GfDashboardFigures figures;
  GDate today;

  today_date (&today);
  g_assert_true (gf_dashboard_figures_load (db, &today, &figures, &error));
  g_assert_no_error (error);

  /* What is left to pay: the total less what payments and credit notes covered. */
  g_assert_cmpint (figures.unpaid_count, ==,
                   gf_test_count (db, "SELECT count(*) FROM invoice "
                                      "WHERE state = 'unpaid' AND kind = 'invoice'"));
  g_assert_cmpint (figures.unpaid_count, >, 0);
  g_assert_cmpint (figures.unpaid_cents, ==,
                   gf_test_count (db,
                     "SELECT sum(i.total_cents "
                     "  - ifnull((SELECT sum(a.amount_cents) FROM payment_allocation a "
                     "             WHERE a.invoice_id = i.id), 0) "
                     "  + ifnull((SELECT sum(c.total_cents) FROM invoice c "
                     "             WHERE c.credit_for_id = i.id AND c.state <> 'draft'), 0)) "
                     "  FROM invoice i WHERE i.state = 'unpaid' AND i.kind = 'invoice'"));
  g_assert_cmpint (figures.collected_month_cents, ==,
                   gf_test_count (db, "SELECT ifnull(sum(amount_cents), 0) FROM payment "
                                      "WHERE strftime('%Y-%m', paid_at) = '2026-11'"));
  g_assert_cmpint (figures.collected_month_cents, >, 0);
  g_assert_cmpint (figures.payfip_created, ==,
                   gf_test_count (db, "SELECT count(*) FROM payfip_operation WHERE state = 'created'"));
  g_assert_cmpint (figures.payfip_pending, ==,
                   gf_test_count (db, "SELECT count(*) FROM payfip_operation WHERE state = 'pending'"));
  g_assert_cmpint (figures.documents_pending, ==,
                   gf_test_count (db, "SELECT count(*) FROM document WHERE state = 'pending'"));
  g_assert_cmpint (figures.documents_pending, >, 0);
  g_assert_cmpint (figures.messages_unread, ==,
                   gf_test_count (db, "SELECT count(*) FROM message "
                                      "WHERE direction = 'in' AND read_at IS NULL"));
  g_assert_cmpint (figures.messages_unread, >, 0);

  /* An open PayFiP operation shows at once. */
  g_assert_true (gf_db_exec (db,
                             "INSERT INTO payfip_operation (refdet, family_id, amount_cents, "
                             "email, saisie, state, created_at, updated_at, lock_until) "
                             "VALUES ('TEST000001', 1, 1000, 'a@b.fr', 'T', 'pending', "
                             "'2026-11-22T10:00:00Z', '2026-11-22T10:00:00Z', "
                             "'2026-11-22T12:00:00Z')",
                             &error));
  g_assert_no_error (error);
  g_assert_true (gf_dashboard_figures_load (db, &today, &figures, &error));
  g_assert_cmpint (figures.payfip_pending, ==,
                   gf_test_count (db, "SELECT count(*) FROM payfip_operation WHERE state = 'pending'"));
  g_assert_cmpint (figures.payfip_pending, >=, 1);
}

static void
test_by_month (void)
{
  g_autoptr(GfDb) db = demo_new ();
  g_autoptr(GError) error = NULL;
  gint64 cents[12];
  GDate today;

  today_date (&today);
  g_assert_true (gf_dashboard_collections_by_month (db, &today, 12, cents, &error));
  g_assert_no_error (error);

  /* December 2025 … November 2026: the current month is the last one. */
  for (int i = 0; i < 12; i++)
    {
      int year = i == 0 ? 2025 : 2026;
      int month = i == 0 ? 12 : i;
      g_autofree char *sql = g_strdup_printf ("SELECT ifnull(sum(amount_cents), 0) FROM payment "
                                              "WHERE strftime('%%Y-%%m', paid_at) = '%04d-%02d'",
                                              year, month);

      g_test_message ("%04d-%02d: %" G_GINT64_FORMAT, year, month, cents[i]);
      g_assert_cmpint (cents[i], ==, gf_test_count (db, sql));
    }
  g_assert_cmpint (cents[11], >, 0);

  /* A month without any payment is 0: move every payment of March 2026 away. */
  g_assert_true (gf_db_exec (db, "UPDATE payment SET paid_at = '2024-01-15' "
                                 "WHERE strftime('%Y-%m', paid_at) = '2026-03'", &error));
  g_assert_no_error (error);
  g_assert_true (gf_dashboard_collections_by_month (db, &today, 12, cents, &error));
  g_assert_cmpint (cents[3], ==, 0);
  g_assert_cmpint (cents[4], >, 0);

  /* Payments after the current month do not count in it. */
  g_assert_true (gf_db_exec (db, "UPDATE payment SET paid_at = '2026-12-01' "
                                 "WHERE id = (SELECT min(id) FROM payment)", &error));
  {
    gint64 before = cents[11];

    g_assert_true (gf_dashboard_collections_by_month (db, &today, 12, cents, &error));
    g_assert_cmpint (cents[11], ==, before);
  }
}

/* A database with no payments at all: twelve zeros, and no error. */
static void
test_empty (void)
{
  g_autoptr(GfDb) db = gf_test_db_new (NULL);
  g_autoptr(GError) error = NULL;
  GfDashboardFigures figures;
  gint64 cents[12];
  GDate today, first;

  today_date (&today);
  g_assert_true (gf_dashboard_collections_by_month (db, &today, 12, cents, &error));
  for (int i = 0; i < 12; i++)
    g_assert_cmpint (cents[i], ==, 0);
  g_assert_true (gf_dashboard_figures_load (db, &today, &figures, &error));
  g_assert_cmpint (figures.unpaid_count, ==, 0);
  g_assert_cmpint (figures.collected_month_cents, ==, 0);

  /* Month arithmetic across the year's end. */
  gf_dashboard_month_start (&today, 11, &first);
  g_assert_cmpint (g_date_get_year (&first), ==, 2025);
  g_assert_cmpint (g_date_get_month (&first), ==, 12);
  g_assert_cmpint (g_date_get_day (&first), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gf_test_init_env ();

  g_test_add_func ("/gf/dashboard/figures", test_figures);
  g_test_add_func ("/gf/dashboard/by-month", test_by_month);
  g_test_add_func ("/gf/dashboard/empty", test_empty);

  return g_test_run ();
}
