/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-invoice-credit.h"
#include "gf-date.h"
#include "gf-i18n.h"
#include "gf-money.h"

G_DEFINE_QUARK (gf-invoice-credit-error-quark, gf_invoice_credit_error)

typedef struct
{
  gint64      invoice_id;
  gint64      amount_cents;
  const char *reason;
  gint64      credit_id;
} CreditCall;

/* An invoice may be credited while it is published and not cancelled, up to its total
 * less the credit notes it already has (credited_cents is negative). */
static gboolean
read_allowed (GfDb        *db,
              gint64       invoice_id,
              gint64      *out_max_cents,
              char       **out_number,
              gint64      *out_family_id,
              GError     **error)
{
  g_autoptr(GfStmt) stmt = NULL;
  const char *state;
  GfDbStep step;

  stmt = gf_db_prepare (db,
                        "SELECT i.kind, i.state, i.total_cents + b.credited_cents, i.number, "
                        "       i.family_id "
                        "  FROM invoice i JOIN invoice_balance b ON b.invoice_id = i.id "
                        " WHERE i.id = ?1",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, invoice_id);
  step = gf_db_step (db, stmt, error);
  if (step == GF_DB_STEP_ERROR)
    return FALSE;
  if (step == GF_DB_STEP_DONE)
    {
      g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND, _("This invoice does not exist."));
      return FALSE;
    }

  state = gf_stmt_column_text (stmt, 1);
  if (!g_str_equal (gf_stmt_column_text (stmt, 0), "invoice") ||
      !(g_str_equal (state, "unpaid") || g_str_equal (state, "paid") ||
        g_str_equal (state, "treasury")))
    {
      g_set_error_literal (error, GF_INVOICE_CREDIT_ERROR, GF_INVOICE_CREDIT_ERROR_STATE,
                           _("Only a published invoice that is not cancelled can get a credit note."));
      return FALSE;
    }
  *out_max_cents = MAX (sqlite3_column_int64 (stmt, 2), 0);
  if (out_number != NULL)
    *out_number = gf_stmt_dup_text (stmt, 3);
  if (out_family_id != NULL)
    *out_family_id = sqlite3_column_int64 (stmt, 4);
  return TRUE;
}

/* Credit notes are numbered AV-YEAR-NNNNNN, one series a year like the demo's. */
static char *
next_number (GfDb        *db,
             const char  *today,
             GError     **error)
{
  g_autoptr(GfStmt) stmt = NULL;
  g_autofree char *prefix = g_strdup_printf ("AV-%.4s-", today);
  gint64 last;

  stmt = gf_db_prepare (db,
                        "SELECT ifnull (max (CAST (substr (number, 9) AS INTEGER)), 0) "
                        "  FROM invoice WHERE number GLOB ?1 || '[0-9]*'",
                        error);
  if (stmt == NULL)
    return NULL;
  gf_stmt_bind_text (stmt, 1, prefix);
  if (gf_db_step (db, stmt, error) != GF_DB_STEP_ROW)
    return NULL;
  last = sqlite3_column_int64 (stmt, 0);
  return g_strdup_printf ("%s%06" G_GINT64_FORMAT, prefix, last + 1);
}

static gboolean
check_amount (gint64    amount_cents,
              gint64    max_cents,
              GError  **error)
{
  g_autofree char *max = NULL;

  if (amount_cents <= 0)
    {
      g_set_error_literal (error, GF_INVOICE_CREDIT_ERROR, GF_INVOICE_CREDIT_ERROR_AMOUNT,
                           _("The amount must be more than zero."));
      return FALSE;
    }
  if (amount_cents > max_cents)
    {
      max = gf_money_format (max_cents);
      g_set_error (error, GF_INVOICE_CREDIT_ERROR, GF_INVOICE_CREDIT_ERROR_AMOUNT,
                   _("At most %s can still be credited on this invoice."), max);
      return FALSE;
    }
  return TRUE;
}

static gboolean
credit_cb (GfDb      *db,
           GfChange  *change,
           gpointer   user_data,
           GError   **error)
{
  CreditCall *call = user_data;
  g_autoptr(GfStmt) stmt = NULL;
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *invoice_number = NULL;
  g_autofree char *now = gf_timestamp_now ();
  g_autofree char *today = g_strndup (now, 10);
  g_autofree char *number = NULL;
  g_autofree char *object = NULL;
  g_autofree char *label = NULL;
  gint64 max_cents = 0, family_id = 0;

  /* Read again inside the transaction: a payment or another credit note may have come. */
  if (!read_allowed (db, call->invoice_id, &max_cents, &invoice_number, &family_id, error) ||
      !check_amount (call->amount_cents, max_cents, error))
    return FALSE;
  number = next_number (db, today, error);
  if (number == NULL)
    return FALSE;

  object = g_strdup_printf ("Avoir sur la facture %s", invoice_number);
  stmt = gf_db_prepare (db,
                        "INSERT INTO invoice (number, family_id, kind, credit_for_id, issue_date, "
                        "                     due_date, object, total_cents, state, published_at, "
                        "                     paid_at, created_at) "
                        "VALUES (?1, ?2, 'credit_note', ?3, ?4, ?4, ?5, ?6, 'paid', ?7, ?7, ?7)",
                        error);
  if (stmt == NULL)
    return FALSE;
  gf_stmt_bind_text (stmt, 1, number);
  sqlite3_bind_int64 (stmt, 2, family_id);
  sqlite3_bind_int64 (stmt, 3, call->invoice_id);
  gf_stmt_bind_text (stmt, 4, today);
  gf_stmt_bind_text (stmt, 5, object);
  sqlite3_bind_int64 (stmt, 6, -call->amount_cents);
  gf_stmt_bind_text (stmt, 7, now);
  if (!gf_db_step_done (db, stmt, error))
    return FALSE;
  call->credit_id = gf_db_last_insert_id (db);
  g_clear_pointer (&stmt, gf_stmt_release);

  /* One line of -1 at the credited amount, as the printed credit note shows it. */
  label = g_strdup_printf ("Avoir – %s", call->reason);
  stmt = gf_db_prepare (db,
                        "INSERT INTO invoice_line (invoice_id, position, label, quantity_centi, "
                        "                          unit_price_cents, amount_cents) "
                        "VALUES (?1, 0, ?2, -100, ?3, ?4)",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, call->credit_id);
  gf_stmt_bind_text (stmt, 2, label);
  sqlite3_bind_int64 (stmt, 3, call->amount_cents);
  sqlite3_bind_int64 (stmt, 4, -call->amount_cents);
  if (!gf_db_step_done (db, stmt, error))
    return FALSE;
  g_clear_pointer (&stmt, gf_stmt_release);

  /* An unpaid invoice with nothing left to pay is settled by its credit notes. */
  stmt = gf_db_prepare (db,
                        "UPDATE invoice SET state = 'paid', paid_at = ?2 "
                        " WHERE id = ?1 AND state = 'unpaid' "
                        "   AND (SELECT total_cents + credited_cents - paid_cents "
                        "          FROM invoice_balance WHERE invoice_id = ?1) <= 0",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, call->invoice_id);
  gf_stmt_bind_text (stmt, 2, now);
  if (!gf_db_step_done (db, stmt, error))
    return FALSE;

  json_object_set_int_member (details, "credit_for_id", call->invoice_id);
  json_object_set_string_member (details, "credit_for", invoice_number);
  json_object_set_string_member (details, "number", number);
  json_object_set_int_member (details, "amount_cents", call->amount_cents);
  json_object_set_string_member (details, "reason", call->reason);
  json_object_set_boolean_member (details, "settles_invoice", gf_db_changes (db) > 0);
  gf_change_record (change, "credit_note", "invoice", call->credit_id,
                    g_steal_pointer (&details));
  return TRUE;
}

/**
 * gf_invoice_credit_allowed:
 * @out_max_cents: (out): how much may still be credited
 *
 * Fails with GF_INVOICE_CREDIT_ERROR_STATE for a draft, a cancelled invoice or a credit
 * note, which cannot be credited.
 */
gboolean
gf_invoice_credit_allowed (GfDb    *db,
                           gint64   invoice_id,
                           gint64  *out_max_cents,
                           GError **error)
{
  g_return_val_if_fail (out_max_cents != NULL, FALSE);

  return read_allowed (db, invoice_id, out_max_cents, NULL, NULL, error);
}

/**
 * gf_invoice_credit_create:
 * @amount_cents: what to credit, more than 0 and at most gf_invoice_credit_allowed()
 * @reason: why, shown on the credit note ("repas non pris, grève du 12 mars")
 * @out_credit_id: (out) (optional): the new credit note
 *
 * Creates the credit note, published at once (nothing to pay on it), in one audited
 * change; on any error nothing is written.
 */
gboolean
gf_invoice_credit_create (GfDb           *db,
                          const GfActor  *actor,
                          gint64          invoice_id,
                          gint64          amount_cents,
                          const char     *reason,
                          gint64         *out_credit_id,
                          GError        **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (reason != NULL ? reason : ""));
  CreditCall call = { invoice_id, amount_cents, stripped, 0 };

  if (*stripped == '\0')
    {
      g_set_error_literal (error, GF_INVOICE_CREDIT_ERROR, GF_INVOICE_CREDIT_ERROR_REASON,
                           _("Give the reason for the credit note."));
      return FALSE;
    }
  if (g_utf8_strlen (stripped, -1) > GF_INVOICE_CREDIT_REASON_MAX)
    {
      g_set_error (error, GF_INVOICE_CREDIT_ERROR, GF_INVOICE_CREDIT_ERROR_REASON,
                   _("The reason is too long (at most %d characters)."),
                   GF_INVOICE_CREDIT_REASON_MAX);
      return FALSE;
    }
  if (!gf_db_change (db, actor, credit_cb, &call, error))
    return FALSE;
  if (out_credit_id != NULL)
    *out_credit_id = call.credit_id;
  return TRUE;
}
