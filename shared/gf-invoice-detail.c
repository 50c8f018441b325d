/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-invoice-detail.h"
#include "gf-i18n.h"

static void
line_free (GfInvoiceLine *line)
{
  g_free (line->child_name);
  g_free (line->service_name);
  g_free (line->label);
  g_free (line);
}

void
gf_invoice_detail_free (GfInvoiceDetail *detail)
{
  if (detail == NULL)
    return;
  gf_invoice_summary_free (detail->summary);
  g_free (detail->family_reference);
  g_free (detail->payer_name);
  g_free (detail->payer_address);
  g_free (detail->credit_for_number);
  g_clear_pointer (&detail->lines, g_ptr_array_unref);
  g_free (detail);
}

/* "12", "12,5", "-1": quantities are hundredths of a unit. */
char *
gf_invoice_format_quantity (gint64 quantity_centi)
{
  gint64 whole = ABS (quantity_centi) / 100;
  int cents = (int) (ABS (quantity_centi) % 100);
  const char *sign = quantity_centi < 0 ? "-" : "";

  if (cents == 0)
    return g_strdup_printf ("%s%" G_GINT64_FORMAT, sign, whole);
  if (cents % 10 == 0)
    return g_strdup_printf ("%s%" G_GINT64_FORMAT ",%d", sign, whole, cents / 10);
  return g_strdup_printf ("%s%" G_GINT64_FORMAT ",%02d", sign, whole, cents);
}

static gboolean
read_lines (GfDb             *db,
            GfInvoiceDetail  *detail,
            GError          **error)
{
  g_autoptr(GfStmt) stmt = NULL;
  GfDbStep step;

  stmt = gf_db_prepare (db,
                        "SELECT ifnull (c.first_name || ' ' || c.last_name, ''), ifnull (s.name, ''), "
                        "       l.label, l.quantity_centi, l.unit_price_cents, l.amount_cents "
                        "  FROM invoice_line l LEFT JOIN child c ON c.id = l.child_id "
                        "  LEFT JOIN service s ON s.id = l.service_id "
                        " WHERE l.invoice_id = ?1 ORDER BY l.position, l.id",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, detail->summary->id);
  while ((step = gf_db_step (db, stmt, error)) == GF_DB_STEP_ROW)
    {
      GfInvoiceLine *line = g_new0 (GfInvoiceLine, 1);

      line->child_name = gf_stmt_dup_text (stmt, 0);
      line->service_name = gf_stmt_dup_text (stmt, 1);
      line->label = gf_stmt_dup_text (stmt, 2);
      line->quantity_centi = sqlite3_column_int64 (stmt, 3);
      line->unit_price_cents = sqlite3_column_int64 (stmt, 4);
      line->amount_cents = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (detail->lines, line);
    }
  return step != GF_DB_STEP_ERROR;
}

/**
 * gf_invoice_detail_get:
 *
 * Returns: (transfer full): the invoice, its payer and its lines; %NULL with
 *   GF_DB_ERROR_NOT_FOUND when there is no such invoice
 */
GfInvoiceDetail *
gf_invoice_detail_get (GfDb    *db,
                       gint64   invoice_id,
                       GError **error)
{
  g_autoptr(GfInvoiceDetail) detail = NULL;
  g_autoptr(GfStmt) stmt = NULL;
  GfInvoiceSummary *summary;
  GfDbStep step;

  stmt = gf_db_prepare (db,
                        "SELECT i.id, i.number, i.family_id, i.kind, i.issue_date, i.due_date, "
                        "       i.object, i.state, i.direct_debit, i.total_cents, b.paid_cents, "
                        "       b.credited_cents, i.total_cents + b.credited_cents - b.paid_cents, "
                        "       i.published_at, i.paid_at, f.reference, "
                        "       ifnull ((SELECT trim (g.civility || ' ' || g.last_name || ' ' || g.first_name) "
                        "                 FROM guardian g WHERE g.family_id = f.id "
                        "                ORDER BY g.payer DESC, g.id LIMIT 1), ''), "
                        "       f.address_line1, f.address_line2, trim (f.postal_code || ' ' || f.city), "
                        "       (SELECT c.number FROM invoice c WHERE c.id = i.credit_for_id) "
                        "  FROM invoice i JOIN invoice_balance b ON b.invoice_id = i.id "
                        "  JOIN family f ON f.id = i.family_id WHERE i.id = ?1",
                        error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, invoice_id);
  step = gf_db_step (db, stmt, error);
  if (step == GF_DB_STEP_ERROR)
    return NULL;
  if (step == GF_DB_STEP_DONE)
    {
      g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND, _("This invoice does not exist."));
      return NULL;
    }

  detail = g_new0 (GfInvoiceDetail, 1);
  detail->summary = summary = g_new0 (GfInvoiceSummary, 1);
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
  detail->family_reference = gf_stmt_dup_text (stmt, 15);
  detail->payer_name = gf_stmt_dup_text (stmt, 16);
  {
    g_autoptr(GStrvBuilder) address = g_strv_builder_new ();
    g_auto(GStrv) parts = NULL;

    for (int column = 17; column <= 19; column++)
      if (*gf_stmt_column_text (stmt, column) != '\0')
        g_strv_builder_add (address, gf_stmt_column_text (stmt, column));
    parts = g_strv_builder_end (address);
    detail->payer_address = g_strjoinv ("\n", parts);
  }
  detail->credit_for_number = gf_stmt_dup_text_or_null (stmt, 20);
  g_clear_pointer (&stmt, gf_stmt_release);

  detail->lines = g_ptr_array_new_with_free_func ((GDestroyNotify)line_free);
  if (!read_lines (db, detail, error))
    return NULL;
  return g_steal_pointer (&detail);
}
