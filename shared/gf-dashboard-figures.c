/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-dashboard-figures.h"
#include "gf-date.h"
#include "gf-invoice-query.h"

#include <stdio.h>

/* Payments carry a date or a timestamp in paid_at: both sort as text, so a month is the
 * half-open range [first day, first day of the next month). */

/* The first day of the month @months_back months before @today's. */
void
gf_dashboard_month_start (const GDate *today,
                          guint        months_back,
                          GDate       *out_first)
{
  g_return_if_fail (today != NULL && g_date_valid (today));
  g_return_if_fail (out_first != NULL);

  g_date_clear (out_first, 1);
  g_date_set_dmy (out_first, 1, g_date_get_month (today), g_date_get_year (today));
  g_date_subtract_months (out_first, months_back);
}

/* Sum of the payments dated in [@first, @first + @n_months months), one figure a month. */
static gboolean
sum_months (GfDb         *db,
            const GDate  *first,
            guint         n_months,
            gint64       *out_cents,
            GError      **error)
{
  g_autoptr(GfStmt) stmt = NULL;
  GDate end = *first;
  g_autofree char *from = gf_date_to_iso (first);
  g_autofree char *to = NULL;
  GfDbStep step;

  g_date_add_months (&end, n_months);
  to = gf_date_to_iso (&end);
  for (guint i = 0; i < n_months; i++)
    out_cents[i] = 0;

  stmt = gf_db_prepare (db,
                        "SELECT substr(paid_at, 1, 7), sum(amount_cents) FROM payment "
                        " WHERE paid_at >= ?1 AND paid_at < ?2 GROUP BY 1",
                        error);
  if (stmt == NULL)
    return FALSE;
  gf_stmt_bind_text (stmt, 1, from);
  gf_stmt_bind_text (stmt, 2, to);

  while ((step = gf_db_step (db, stmt, error)) == GF_DB_STEP_ROW)
    {
      const char *month = gf_stmt_column_text (stmt, 0);
      int year = 0, mon = 0;
      int index;

      if (sscanf (month, "%4d-%2d", &year, &mon) != 2)
        continue;
      index = (year - g_date_get_year (first)) * 12 + (mon - (int) g_date_get_month (first));
      if (index >= 0 && index < (int) n_months)
        out_cents[index] += sqlite3_column_int64 (stmt, 1);
    }
  return step == GF_DB_STEP_DONE;
}

/**
 * gf_dashboard_collections_by_month:
 * @today: the day that fixes "this month"
 * @n_months: 1 … %GF_DASHBOARD_MAX_MONTHS
 * @out_cents: (array length=n_months): filled oldest first; the last one is @today's month
 *
 * What was collected each month, all payment methods together; a month without any
 * payment is 0.
 */
gboolean
gf_dashboard_collections_by_month (GfDb         *db,
                                   const GDate  *today,
                                   guint         n_months,
                                   gint64       *out_cents,
                                   GError      **error)
{
  GDate first;

  g_return_val_if_fail (GF_IS_DB (db), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);
  g_return_val_if_fail (n_months >= 1 && n_months <= GF_DASHBOARD_MAX_MONTHS, FALSE);
  g_return_val_if_fail (out_cents != NULL, FALSE);

  gf_dashboard_month_start (today, n_months - 1, &first);
  return sum_months (db, &first, n_months, out_cents, error);
}

/**
 * gf_dashboard_figures_load:
 * @today: the day that fixes "this month"
 */
gboolean
gf_dashboard_figures_load (GfDb                *db,
                           const GDate         *today,
                           GfDashboardFigures  *out_figures,
                           GError             **error)
{
  g_auto(GfInvoiceTotals) unpaid = { 0 };
  GDate first;

  g_return_val_if_fail (GF_IS_DB (db), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);
  g_return_val_if_fail (out_figures != NULL, FALSE);

  *out_figures = (GfDashboardFigures) { 0 };
  if (!gf_invoice_totals_by_state (db, "unpaid", &unpaid, error))
    return FALSE;
  out_figures->unpaid_cents = unpaid.remaining_cents;
  out_figures->unpaid_count = unpaid.count;

  gf_dashboard_month_start (today, 0, &first);
  return sum_months (db, &first, 1, &out_figures->collected_month_cents, error) &&
         gf_db_query_int64 (db, "SELECT count(*) FROM payfip_operation WHERE state = 'created'",
                      &out_figures->payfip_created, error) &&
         gf_db_query_int64 (db, "SELECT count(*) FROM payfip_operation WHERE state = 'pending'",
                      &out_figures->payfip_pending, error) &&
         gf_db_query_int64 (db, "SELECT count(*) FROM document WHERE state = 'pending'",
                      &out_figures->documents_pending, error) &&
         gf_db_query_int64 (db, "SELECT count(*) FROM message "
                          " WHERE direction = 'in' AND read_at IS NULL",
                      &out_figures->messages_unread, error);
}
