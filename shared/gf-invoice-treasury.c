/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-invoice-treasury.h"
#include "gf-csv.h"
#include "gf-date.h"
#include "gf-i18n.h"
#include "gf-invoice-list.h"

typedef struct
{
  const gint64     *ids;
  guint             n_ids;
  const char       *today;
  GfTreasuryResult *result;
} TransferCall;

void
gf_treasury_result_clear (GfTreasuryResult *result)
{
  g_clear_pointer (&result->skipped, g_array_unref);
  result->moved = 0;
  result->moved_cents = 0;
}

static gboolean
transfer_cb (GfDb      *db,
             GfChange  *change,
             gpointer   user_data,
             GError   **error)
{
  TransferCall *call = user_data;
  g_autofree char *now = gf_timestamp_now ();
  g_autoptr(GfStmt) read = NULL;
  g_autoptr(GfStmt) update = NULL;

  /* The list the person confirmed may be stale: each invoice is checked again against
   * the same rule as the list (gf-invoice-list.c) and skipped when no longer overdue,
   * for instance paid on the portal in the meantime. */
  read = gf_db_prepare (db,
                        "SELECT i.number, i.total_cents + b.credited_cents - b.paid_cents "
                        "  FROM invoice i JOIN invoice_balance b ON b.invoice_id = i.id "
                        " WHERE i.id = ?1 AND i.kind = 'invoice' AND i.state = 'unpaid' "
                        "   AND i.direct_debit = 0 AND i.due_date < ?2 "
                        "   AND i.total_cents + b.credited_cents - b.paid_cents > 0 "
                        "   AND NOT EXISTS (SELECT 1 FROM payfip_operation_invoice o "
                        "                    WHERE o.invoice_id = i.id AND o.locked = 1)",
                        error);
  update = gf_db_prepare (db,
                          "UPDATE invoice SET state = 'treasury', treasury_at = ?2 WHERE id = ?1",
                          error);
  if (read == NULL || update == NULL)
    return FALSE;

  for (guint i = 0; i < call->n_ids; i++)
    {
      g_autoptr(JsonObject) details = NULL;
      GfDbStep step;
      gint64 remaining;

      sqlite3_bind_int64 (read, 1, call->ids[i]);
      gf_stmt_bind_text (read, 2, call->today);
      step = gf_db_step (db, read, error);
      if (step == GF_DB_STEP_ERROR)
        return FALSE;
      if (step == GF_DB_STEP_DONE)
        {
          g_array_append_val (call->result->skipped, call->ids[i]);
          gf_stmt_release (read);
          continue;
        }
      details = json_object_new ();
      json_object_set_string_member (details, "number", gf_stmt_column_text (read, 0));
      remaining = sqlite3_column_int64 (read, 1);
      json_object_set_int_member (details, "remaining_cents", remaining);
      json_object_set_string_member (details, "state", "treasury");
      gf_stmt_release (read);

      sqlite3_bind_int64 (update, 1, call->ids[i]);
      gf_stmt_bind_text (update, 2, now);
      if (!gf_db_step_done (db, update, error))
        return FALSE;
      gf_stmt_release (update);

      gf_change_record (change, "treasury", "invoice", call->ids[i], g_steal_pointer (&details));
      call->result->moved++;
      call->result->moved_cents += remaining;
    }
  return TRUE;
}

/**
 * gf_invoice_treasury_transfer:
 * @today: "YYYY-MM-DD": invoices due before it are overdue
 * @out_result: (out caller-allocates): how many moved, for how much, and which were
 *   skipped because they are no longer overdue
 *
 * Moves the overdue invoices among @invoice_ids to the state "treasury", all in one
 * audited transaction (one audit row per invoice): either all that still qualify move,
 * or, on an error, none does.
 */
gboolean
gf_invoice_treasury_transfer (GfDb              *db,
                              const GfActor     *actor,
                              const gint64      *invoice_ids,
                              guint              n_ids,
                              const char        *today,
                              GfTreasuryResult  *out_result,
                              GError           **error)
{
  GfTreasuryResult result = { 0, 0, g_array_new (FALSE, FALSE, sizeof (gint64)) };
  TransferCall call = { invoice_ids, n_ids, today, &result };

  g_return_val_if_fail (invoice_ids != NULL || n_ids == 0, FALSE);
  g_return_val_if_fail (today != NULL, FALSE);
  g_return_val_if_fail (out_result != NULL, FALSE);

  if (!gf_db_change (db, actor, transfer_cb, &call, error))
    {
      gf_treasury_result_clear (&result);
      return FALSE;
    }
  *out_result = result;
  return TRUE;
}

/**
 * gf_invoice_overdue_csv:
 * @progress: (nullable): told the fraction done now and then
 *
 * Returns: (transfer full): the overdue invoices (what would go to the Trésorerie on
 *   @today) as a CSV file for a spreadsheet, header first
 */
GBytes *
gf_invoice_overdue_csv (GfDb              *db,
                        const char        *today,
                        GfCsvProgressFunc  progress,
                        gpointer           user_data,
                        GCancellable      *cancellable,
                        GError           **error)
{
  GfInvoiceFilter filter = { .overdue_only = TRUE, .today = today };
  const char *header[] = { "Numéro", "Dossier", "Payeur", "Date d'émission", "Échéance",
                           "Montant", "Reste à payer" };
  g_autoptr(GPtrArray) rows = NULL;
  GString *csv;

  g_return_val_if_fail (today != NULL, NULL);

  /* Every overdue invoice, not only the rows a screen would show. */
  rows = gf_invoice_list_query (db, &filter, G_MAXINT, error);
  if (rows == NULL)
    return NULL;

  csv = gf_csv_new ();
  gf_csv_append_row (csv, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < rows->len; i++)
    {
      GfInvoiceRow *row = g_ptr_array_index (rows, i);
      g_autofree char *issue = gf_date_format_iso_fr (row->issue_date, "");
      g_autofree char *due = gf_date_format_iso_fr (row->due_date, "");
      g_autofree char *total = gf_csv_amount (row->total_cents);
      g_autofree char *remaining = gf_csv_amount (row->remaining_cents);
      g_autofree char *name = gf_csv_defuse (row->family_name);
      const char *fields[] = { row->number, row->family_reference, name, issue,
                               due, total, remaining };

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_string_free (csv, TRUE);
          return NULL;
        }
      gf_csv_append_row (csv, fields, G_N_ELEMENTS (fields));
      if (progress != NULL && (i % 256 == 0 || i + 1 == rows->len))
        progress ((double) (i + 1) / rows->len, user_data);
    }
  if (progress != NULL)
    progress (1.0, user_data);
  return g_string_free_to_bytes (csv);
}
