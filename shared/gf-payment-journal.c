/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-payment-journal.h"

#include "gf-csv.h"
#include "gf-date.h"
#include "gf-family.h"
#include "gf-i18n.h"
#include "gf-money.h"
#include "gf-payment-record.h"

#include <string.h>

void
gf_journal_entry_free (GfJournalEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->paid_at);
  g_free (entry->method);
  g_free (entry->family_reference);
  g_free (entry->family_name);
  g_free (entry->reference);
  g_free (entry->bank);
  g_free (entry->invoices);
  g_free (entry->recorded_by);
  g_free (entry);
}

/* The order the journal groups methods in: the counter's first, then the others. */
#define METHOD_ORDER \
  "CASE p.method WHEN 'cash' THEN 0 WHEN 'cheque' THEN 1 WHEN 'cesu' THEN 2 " \
  "WHEN 'transfer' THEN 3 WHEN 'payfip' THEN 4 ELSE 5 END"

/**
 * gf_payment_journal:
 * @iso_date: the day, in Paris time
 *
 * Returns: (transfer container) (element-type GfJournalEntry): every payment of that
 *   day, grouped by method, in time order within a method
 */
GPtrArray *
gf_payment_journal (GfDb        *db,
                    const char  *iso_date,
                    GError     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) gf_journal_entry_free);
  g_autofree char *from = gf_payment_day_timestamp (iso_date, 0);
  g_autofree char *to = gf_payment_day_timestamp (iso_date, 24);
  g_autoptr(GfStmt) stmt = NULL;
  GfDbStep step;

  g_return_val_if_fail (GF_IS_DB (db), NULL);

  if (from == NULL || to == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Enter the date as DD/MM/YYYY."));
      return NULL;
    }

  stmt = gf_db_prepare (db,
                        "SELECT p.id, p.paid_at, p.method, family.reference, "
                        GF_FAMILY_DISPLAY_NAME_SQL ", p.amount_cents, p.reference, p.bank, "
                        "  (SELECT group_concat(number, ', ') FROM (SELECT i.number FROM "
                        "     payment_allocation a JOIN invoice i ON i.id = a.invoice_id "
                        "    WHERE a.payment_id = p.id ORDER BY i.number)), "
                        "  ifnull(s.display_name, '') "
                        "  FROM payment p JOIN family ON family.id = p.family_id "
                        "  LEFT JOIN staff_user s ON s.id = p.recorded_by "
                        " WHERE p.paid_at >= ?1 AND p.paid_at < ?2 "
                        " ORDER BY " METHOD_ORDER ", p.paid_at, p.id",
                        error);
  if (stmt == NULL)
    return NULL;
  gf_stmt_bind_text (stmt, 1, from);
  gf_stmt_bind_text (stmt, 2, to);
  while ((step = gf_db_step (db, stmt, error)) == GF_DB_STEP_ROW)
    {
      GfJournalEntry *entry = g_new0 (GfJournalEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->paid_at = gf_stmt_dup_text (stmt, 1);
      entry->method = gf_stmt_dup_text (stmt, 2);
      entry->family_reference = gf_stmt_dup_text (stmt, 3);
      entry->family_name = gf_stmt_dup_text (stmt, 4);
      entry->amount_cents = sqlite3_column_int64 (stmt, 5);
      entry->reference = gf_stmt_dup_text (stmt, 6);
      entry->bank = gf_stmt_dup_text (stmt, 7);
      entry->invoices = gf_stmt_dup_text (stmt, 8);
      entry->recorded_by = gf_stmt_dup_text (stmt, 9);
      g_ptr_array_add (entries, entry);
    }
  if (step == GF_DB_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&entries);
}

/* The sum of one method's payments, or of all with @method NULL. */
gint64
gf_payment_journal_total (GPtrArray  *entries,
                          const char *method)
{
  gint64 total = 0;

  g_return_val_if_fail (entries != NULL, 0);

  for (guint i = 0; i < entries->len; i++)
    {
      const GfJournalEntry *entry = g_ptr_array_index (entries, i);

      if (method == NULL || g_str_equal (entry->method, method))
        total += entry->amount_cents;
    }
  return total;
}

/**
 * gf_payment_journal_to_csv:
 *
 * Returns: (transfer full): the journal for a spreadsheet: UTF-8 with a byte order
 *   mark, semicolons, French dates and amounts ("1 243,11"), one payment a line
 */
char *
gf_payment_journal_to_csv (GPtrArray *entries)
{
  GString *csv = gf_csv_new ();
  const char *header[] = { _("Date"), _("Time"), _("Method"), _("Family"), _("File"),
                           _("Amount"), _("Reference"), _("Bank"), _("Invoices"),
                           _("Recorded by") };
  g_autoptr(GTimeZone) paris = g_time_zone_new_identifier ("Europe/Paris");

  g_return_val_if_fail (entries != NULL, NULL);

  gf_csv_append_row (csv, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < entries->len; i++)
    {
      const GfJournalEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(GDateTime) utc = gf_timestamp_parse (entry->paid_at, NULL);
      g_autoptr(GDateTime) local = NULL;
      g_autofree char *date = NULL;
      g_autofree char *time = NULL;
      g_autofree char *amount = gf_csv_amount (entry->amount_cents);
      g_autofree char *name = gf_csv_defuse (entry->family_name);
      g_autofree char *reference = gf_csv_defuse (entry->reference);
      g_autofree char *bank = gf_csv_defuse (entry->bank);
      const char *fields[10];

      if (utc != NULL)
        local = paris != NULL ? g_date_time_to_timezone (utc, paris) : g_date_time_ref (utc);
      date = local != NULL ? g_date_time_format (local, "%d/%m/%Y") : g_strdup (entry->paid_at);
      time = local != NULL ? g_date_time_format (local, "%H:%M") : g_strdup ("");
      fields[0] = date;
      fields[1] = time;
      fields[2] = gf_payment_method_label (entry->method);
      fields[3] = name;
      fields[4] = entry->family_reference;
      fields[5] = amount;
      fields[6] = reference;
      fields[7] = bank;
      fields[8] = entry->invoices;
      fields[9] = entry->recorded_by;
      gf_csv_append_row (csv, fields, G_N_ELEMENTS (fields));
    }
  return g_string_free (csv, FALSE);
}
