/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-invoice-list.h"
#include "gf-i18n.h"

/* One WHERE clause for the rows and their totals, so both always agree. Parameters:
 * ?1 state, ?2 month, ?3 service, ?4 search pattern, ?5 overdue only, ?6 today. The
 * families a search matches are found once (the IN list), not per invoice. The
 * overdue test is the Trésorerie's rule: unpaid, something left to pay, due before
 * today, not paid by direct debit, and no PayFiP payment whose outcome is still unknown
 * (a locked operation line). */
#define FILTER_SQL \
  " WHERE (?1 IS NULL OR i.state = ?1) " \
  "   AND (?2 IS NULL OR substr (i.issue_date, 1, 7) = ?2) " \
  "   AND (?3 <= 0 OR EXISTS (SELECT 1 FROM invoice_line l " \
  "                            WHERE l.invoice_id = i.id AND l.service_id = ?3)) " \
  "   AND (?4 IS NULL OR i.number LIKE ?4 ESCAPE '\\' " \
  "        OR i.family_id IN (SELECT s.id FROM family s WHERE s.reference LIKE ?4 ESCAPE '\\' " \
  "                           UNION SELECT g.family_id FROM guardian g " \
  "                            WHERE g.last_name || ' ' || g.first_name LIKE ?4 ESCAPE '\\' " \
  "                               OR g.first_name || ' ' || g.last_name LIKE ?4 ESCAPE '\\')) " \
  "   AND (?5 = 0 OR (i.kind = 'invoice' AND i.state = 'unpaid' AND i.direct_debit = 0 " \
  "        AND i.due_date < ?6 " \
  "        AND i.total_cents + b.credited_cents - b.paid_cents > 0 " \
  "        AND NOT EXISTS (SELECT 1 FROM payfip_operation_invoice o " \
  "                         WHERE o.invoice_id = i.id AND o.locked = 1))) "

#define FROM_SQL \
  "  FROM invoice i JOIN invoice_balance b ON b.invoice_id = i.id " \
  "  JOIN family f ON f.id = i.family_id "

void
gf_invoice_row_free (GfInvoiceRow *row)
{
  if (row == NULL)
    return;
  g_free (row->number);
  g_free (row->family_reference);
  g_free (row->family_name);
  g_free (row->kind);
  g_free (row->issue_date);
  g_free (row->due_date);
  g_free (row->state);
  g_free (row);
}

void
gf_invoice_service_free (GfInvoiceService *service)
{
  if (service == NULL)
    return;
  g_free (service->name);
  g_free (service);
}

/* What staff read for a state (the database keeps the English code). */
const char *
gf_invoice_list_state_label (const char *state)
{
  if (g_strcmp0 (state, "draft") == 0)
    return _("Draft");
  if (g_strcmp0 (state, "unpaid") == 0)
    return _("Not settled");
  if (g_strcmp0 (state, "paid") == 0)
    return _("Settled");
  if (g_strcmp0 (state, "treasury") == 0)
    return _("Sent to the Trésorerie");
  if (g_strcmp0 (state, "cancelled") == 0)
    return _("Cancelled");
  return state;
}

/* "%dupont%" with LIKE's own wildcards taken literally; NULL for an empty search. */
static char *
search_pattern (const char *search)
{
  g_autofree char *stripped = NULL;
  GString *pattern;

  if (search == NULL)
    return NULL;
  stripped = g_strstrip (g_strdup (search));
  if (*stripped == '\0')
    return NULL;

  pattern = g_string_new ("%");
  for (const char *p = stripped; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

static GfStmt *
prepare_filtered (GfDb                   *db,
                  const char             *select_sql,
                  const char             *tail_sql,
                  const GfInvoiceFilter  *filter,
                  GError                **error)
{
  g_autofree char *sql = NULL;
  g_autofree char *pattern = NULL;
  GfStmt *stmt;

  /* LIKE needs ESCAPE for the literal wildcards of search_pattern(). */
  sql = g_strconcat (select_sql, FROM_SQL, FILTER_SQL, tail_sql, NULL);
  stmt = gf_db_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;

  pattern = search_pattern (filter->search);
  gf_stmt_bind_text_or_null (stmt, 1, filter->state);
  gf_stmt_bind_text_or_null (stmt, 2, filter->month);
  sqlite3_bind_int64 (stmt, 3, filter->service_id);
  gf_stmt_bind_text_or_null (stmt, 4, pattern);
  sqlite3_bind_int (stmt, 5, filter->overdue_only ? 1 : 0);
  gf_stmt_bind_text_or_null (stmt, 6, filter->today);
  return stmt;
}

/**
 * gf_invoice_list_query:
 * @limit: at most this many rows (0: GF_INVOICE_LIST_MAX_ROWS)
 *
 * Returns: (transfer full) (element-type GfInvoiceRow): the invoices and credit notes
 *   that match, newest first
 */
GPtrArray *
gf_invoice_list_query (GfDb                   *db,
                       const GfInvoiceFilter  *filter,
                       guint                   limit,
                       GError                **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GfStmt) stmt = NULL;
  g_autofree char *tail = NULL;
  GfDbStep step;

  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (!filter->overdue_only || filter->today != NULL, NULL);

  tail = g_strdup_printf (" ORDER BY i.issue_date DESC, i.number DESC LIMIT %u",
                          limit > 0 ? limit : GF_INVOICE_LIST_MAX_ROWS);
  stmt = prepare_filtered (db,
                           "SELECT i.id, i.number, i.family_id, f.reference, "
                           "       ifnull((SELECT g.last_name || ' ' || g.first_name FROM guardian g "
                           "                WHERE g.family_id = i.family_id "
                           "                ORDER BY g.payer DESC, g.id LIMIT 1), ''), "
                           "       i.kind, i.issue_date, i.due_date, i.state, i.direct_debit, "
                           "       i.total_cents, i.total_cents + b.credited_cents - b.paid_cents ",
                           tail, filter, error);
  if (stmt == NULL)
    return NULL;

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify)gf_invoice_row_free);
  while ((step = gf_db_step (db, stmt, error)) == GF_DB_STEP_ROW)
    {
      GfInvoiceRow *row = g_new0 (GfInvoiceRow, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->number = gf_stmt_dup_text (stmt, 1);
      row->family_id = sqlite3_column_int64 (stmt, 2);
      row->family_reference = gf_stmt_dup_text (stmt, 3);
      row->family_name = gf_stmt_dup_text (stmt, 4);
      row->kind = gf_stmt_dup_text (stmt, 5);
      row->issue_date = gf_stmt_dup_text (stmt, 6);
      row->due_date = gf_stmt_dup_text (stmt, 7);
      row->state = gf_stmt_dup_text (stmt, 8);
      row->direct_debit = sqlite3_column_int (stmt, 9) != 0;
      row->total_cents = sqlite3_column_int64 (stmt, 10);
      row->remaining_cents = sqlite3_column_int64 (stmt, 11);
      g_ptr_array_add (rows, row);
    }
  if (step == GF_DB_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&rows);
}

/* Count, amount and what is left to pay of every match, beyond the rows shown. */
gboolean
gf_invoice_list_totals (GfDb                   *db,
                        const GfInvoiceFilter  *filter,
                        gint64                 *out_count,
                        gint64                 *out_total_cents,
                        gint64                 *out_remaining_cents,
                        GError                **error)
{
  g_autoptr(GfStmt) stmt = NULL;

  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (!filter->overdue_only || filter->today != NULL, FALSE);

  stmt = prepare_filtered (db,
                           "SELECT count(*), ifnull(sum(i.total_cents), 0), "
                           "       ifnull(sum(i.total_cents + b.credited_cents - b.paid_cents), 0) ",
                           "", filter, error);
  if (stmt == NULL || gf_db_step (db, stmt, error) != GF_DB_STEP_ROW)
    return FALSE;
  if (out_count != NULL)
    *out_count = sqlite3_column_int64 (stmt, 0);
  if (out_total_cents != NULL)
    *out_total_cents = sqlite3_column_int64 (stmt, 1);
  if (out_remaining_cents != NULL)
    *out_remaining_cents = sqlite3_column_int64 (stmt, 2);
  return TRUE;
}

/* The months that have invoices, newest first, as "YYYY-MM". */
GStrv
gf_invoice_list_months (GfDb    *db,
                        GError **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GfStmt) stmt = NULL;
  GfDbStep step;

  /* Walks the issue-date index one month at a time instead of scanning every invoice. */
  stmt = gf_db_prepare (db,
                        "WITH RECURSIVE m (month) AS ( "
                        "  SELECT substr (max (issue_date), 1, 7) FROM invoice "
                        "  UNION ALL "
                        "  SELECT (SELECT substr (max (issue_date), 1, 7) FROM invoice "
                        "           WHERE issue_date < m.month || '-01') "
                        "    FROM m WHERE m.month IS NOT NULL) "
                        "SELECT month FROM m WHERE month IS NOT NULL",
                        error);
  if (stmt == NULL)
    return NULL;
  while ((step = gf_db_step (db, stmt, error)) == GF_DB_STEP_ROW)
    g_strv_builder_add (builder, gf_stmt_column_text (stmt, 0));
  if (step == GF_DB_STEP_ERROR)
    return NULL;
  return g_strv_builder_end (builder);
}

/* Returns: (element-type GfInvoiceService): the services, by name. */
GPtrArray *
gf_invoice_list_services (GfDb    *db,
                          GError **error)
{
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(GfStmt) stmt = NULL;
  GfDbStep step;

  stmt = gf_db_prepare (db, "SELECT id, name FROM service ORDER BY name, id", error);
  if (stmt == NULL)
    return NULL;
  services = g_ptr_array_new_with_free_func ((GDestroyNotify)gf_invoice_service_free);
  while ((step = gf_db_step (db, stmt, error)) == GF_DB_STEP_ROW)
    {
      GfInvoiceService *service = g_new0 (GfInvoiceService, 1);

      service->id = sqlite3_column_int64 (stmt, 0);
      service->name = gf_stmt_dup_text (stmt, 1);
      g_ptr_array_add (services, service);
    }
  if (step == GF_DB_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&services);
}
