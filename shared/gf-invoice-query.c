/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-invoice-query.h"
#include "gf-i18n.h"

/* Families never see drafts; ?2 NULL means every published state. */
#define SUMMARY_SQL \
  "SELECT i.id, i.number, i.family_id, i.kind, i.issue_date, i.due_date, i.object, i.state, " \
  "       i.direct_debit, i.total_cents, b.paid_cents, b.credited_cents, " \
  "       i.total_cents + b.credited_cents - b.paid_cents, i.published_at, i.paid_at " \
  "  FROM invoice i JOIN invoice_balance b ON b.invoice_id = i.id "

G_DEFINE_BOXED_TYPE (GfInvoiceSummary, gf_invoice_summary,
                     gf_invoice_summary_copy, gf_invoice_summary_free)

GfInvoiceSummary *
gf_invoice_summary_copy (const GfInvoiceSummary *summary)
{
  GfInvoiceSummary *copy = g_memdup2 (summary, sizeof *summary);

  copy->number = g_strdup (summary->number);
  copy->kind = g_strdup (summary->kind);
  copy->issue_date = g_strdup (summary->issue_date);
  copy->due_date = g_strdup (summary->due_date);
  copy->object = g_strdup (summary->object);
  copy->state = g_strdup (summary->state);
  copy->published_at = g_strdup (summary->published_at);
  copy->paid_at = g_strdup (summary->paid_at);
  return copy;
}

void
gf_invoice_summary_free (GfInvoiceSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->number);
  g_free (summary->kind);
  g_free (summary->issue_date);
  g_free (summary->due_date);
  g_free (summary->object);
  g_free (summary->state);
  g_free (summary->published_at);
  g_free (summary->paid_at);
  g_free (summary);
}

void
gf_invoice_totals_clear (GfInvoiceTotals *totals)
{
  g_clear_pointer (&totals->next_due_date, g_free);
}

static GfInvoiceSummary *
read_summary (GfStmt *stmt)
{
  GfInvoiceSummary *summary = g_new0 (GfInvoiceSummary, 1);

  summary->id = sqlite3_column_int64 (stmt, 0);
  summary->number = gf_stmt_dup_text (stmt, 1);
  summary->family_id = sqlite3_column_int64 (stmt, 2);
  summary->kind = gf_stmt_dup_text (stmt, 3);
  summary->issue_date = gf_stmt_dup_text (stmt, 4);
  summary->due_date = gf_stmt_dup_text (stmt, 5);
  summary->object = gf_stmt_dup_text (stmt, 6);
  summary->state = gf_stmt_dup_text (stmt, 7);
  summary->direct_debit = sqlite3_column_int (stmt, 8) != 0;
  summary->total_cents = sqlite3_column_int64 (stmt, 9);
  summary->paid_cents = sqlite3_column_int64 (stmt, 10);
  summary->credited_cents = sqlite3_column_int64 (stmt, 11);
  summary->remaining_cents = sqlite3_column_int64 (stmt, 12);
  summary->published_at = gf_stmt_dup_text_or_null (stmt, 13);
  summary->paid_at = gf_stmt_dup_text_or_null (stmt, 14);
  return summary;
}

/**
 * gf_invoice_list_for_family:
 * @state: (nullable): "unpaid", "paid", "treasury" or "cancelled"; %NULL for all of them
 *
 * Returns: (transfer full) (element-type GfInvoiceSummary): the family's published
 *   invoices and credit notes, newest first
 */
GPtrArray *
gf_invoice_list_for_family (GfDb        *db,
                            gint64       family_id,
                            const char  *state,
                            GError     **error)
{
  g_autoptr(GPtrArray) invoices = NULL;
  g_autoptr(GfStmt) stmt = NULL;
  GfDbStep step;

  stmt = gf_db_prepare (db, SUMMARY_SQL
                        " WHERE i.family_id = ?1 AND i.state <> 'draft' "
                        "   AND (?2 IS NULL OR i.state = ?2) "
                        " ORDER BY i.issue_date DESC, i.id DESC",
                        error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, family_id);
  gf_stmt_bind_text_or_null (stmt, 2, state);

  invoices = g_ptr_array_new_with_free_func ((GDestroyNotify)gf_invoice_summary_free);
  while ((step = gf_db_step (db, stmt, error)) == GF_DB_STEP_ROW)
    g_ptr_array_add (invoices, read_summary (stmt));

  if (step == GF_DB_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&invoices);
}

/* Count, sum and what is left to pay of the published invoices in @state (NULL: all),
 * of one family (@family_id > 0) or of every family. */
static gboolean
query_totals (GfDb             *db,
              gint64            family_id,
              const char       *state,
              GfInvoiceTotals  *out_totals,
              GError          **error)
{
  g_autoptr(GfStmt) stmt = NULL;

  g_return_val_if_fail (out_totals != NULL, FALSE);

  stmt = gf_db_prepare (db,
                        "SELECT count(*), ifnull(sum(i.total_cents), 0), "
                        "       ifnull(sum(i.total_cents + b.credited_cents - b.paid_cents), 0), "
                        "       min(i.due_date) "
                        "  FROM invoice i JOIN invoice_balance b ON b.invoice_id = i.id "
                        " WHERE (?1 <= 0 OR i.family_id = ?1) AND i.kind = 'invoice' "
                        "   AND i.state <> 'draft' AND (?2 IS NULL OR i.state = ?2)",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, family_id);
  gf_stmt_bind_text_or_null (stmt, 2, state);

  if (gf_db_step (db, stmt, error) != GF_DB_STEP_ROW)
    return FALSE;
  out_totals->count = sqlite3_column_int64 (stmt, 0);
  out_totals->total_cents = sqlite3_column_int64 (stmt, 1);
  out_totals->remaining_cents = sqlite3_column_int64 (stmt, 2);
  out_totals->next_due_date = gf_stmt_dup_text_or_null (stmt, 3);
  return TRUE;
}

/* For the portal's home page: "3 invoices to pay, 243,11 €, next due on …". */
gboolean
gf_invoice_totals_for_family (GfDb             *db,
                              gint64            family_id,
                              const char       *state,
                              GfInvoiceTotals  *out_totals,
                              GError          **error)
{
  g_return_val_if_fail (family_id > 0, FALSE);

  return query_totals (db, family_id, state, out_totals, error);
}

/* The same over every family, for the staff's dashboard. */
gboolean
gf_invoice_totals_by_state (GfDb             *db,
                            const char       *state,
                            GfInvoiceTotals  *out_totals,
                            GError          **error)
{
  return query_totals (db, 0, state, out_totals, error);
}

/**
 * gf_invoice_get_for_family:
 *
 * The invoice @number if, and only if, it belongs to @family_id and is published: a
 * family asking for another family's invoice gets the same "not found" as for a number
 * that does not exist.
 */
GfInvoiceSummary *
gf_invoice_get_for_family (GfDb        *db,
                           gint64       family_id,
                           const char  *number,
                           GError     **error)
{
  g_autoptr(GfStmt) stmt = NULL;

  stmt = gf_db_prepare (db, SUMMARY_SQL
                        " WHERE i.number = ?1 AND i.family_id = ?2 AND i.state <> 'draft'",
                        error);
  if (stmt == NULL)
    return NULL;
  gf_stmt_bind_text (stmt, 1, number);
  sqlite3_bind_int64 (stmt, 2, family_id);

  switch (gf_db_step (db, stmt, error))
    {
    case GF_DB_STEP_ROW:
      return read_summary (stmt);
    case GF_DB_STEP_DONE:
      g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND, _("There is no such invoice."));
      return NULL;
    case GF_DB_STEP_ERROR:
    default:
      return NULL;
    }
}
