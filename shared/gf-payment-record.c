/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-payment-record.h"

#include "gf-date.h"
#include "gf-i18n.h"
#include "gf-mail-outbox.h"
#include "gf-money.h"
#include "gf-payfip-operation.h"
#include "gf-settings.h"
#include "gf-validate.h"

void
gf_payable_invoice_free (GfPayableInvoice *invoice)
{
  if (invoice == NULL)
    return;
  g_free (invoice->number);
  g_free (invoice->object);
  g_free (invoice->due_date);
  g_free (invoice->blocked);
  g_free (invoice);
}

/* The French word staff read for a method stored in English. */
const char *
gf_payment_method_label (const char *method)
{
  if (g_strcmp0 (method, "cash") == 0)
    return _("Cash");
  if (g_strcmp0 (method, "cheque") == 0)
    return _("Cheque");
  if (g_strcmp0 (method, "cesu") == 0)
    return _("CESU");
  if (g_strcmp0 (method, "transfer") == 0)
    return _("Bank transfer");
  if (g_strcmp0 (method, "payfip") == 0)
    return _("PayFiP");
  if (g_strcmp0 (method, "direct_debit") == 0)
    return _("Direct debit");
  return method;
}

static GTimeZone *
paris (void)
{
  GTimeZone *tz = g_time_zone_new_identifier ("Europe/Paris");

  return tz != NULL ? tz : g_time_zone_new_utc ();
}

/* @hour o'clock in Paris on @iso_date (hour 24 is the next midnight), as a UTC
 * timestamp: the régie's day is a Paris day, stored timestamps are UTC. */
char *
gf_payment_day_timestamp (const char *iso_date,
                          int         hour)
{
  g_autoptr(GTimeZone) tz = paris ();
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) then = NULL;
  GDate date;

  if (!gf_date_parse_iso (iso_date, &date, NULL))
    return NULL;
  start = g_date_time_new (tz, g_date_get_year (&date), g_date_get_month (&date),
                           g_date_get_day (&date), 0, 0, 0);
  if (start == NULL)
    return NULL;
  then = g_date_time_add_hours (start, hour);
  return gf_timestamp_from_datetime (then);
}

static char *
today_in_paris (void)
{
  g_autoptr(GTimeZone) tz = paris ();
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);

  return g_date_time_format (now, "%Y-%m-%d");
}

/* Why the counter may not take this invoice, or NULL. A PayFiP attempt in progress
 * must end first; direct debit and the Trésorerie collect elsewhere. */
static char *
blocked_reason (GfDb       *db,
                gint64      invoice_id,
                const char *state,
                gboolean    direct_debit)
{
  g_autofree char *locked = NULL;

  if (g_strcmp0 (state, "treasury") == 0)
    return g_strdup (_("At the Trésorerie: paid there"));
  if (direct_debit)
    return g_strdup (_("Paid by direct debit"));
  locked = gf_payfip_invoice_locked_until (db, invoice_id);
  if (locked != NULL)
    return g_strdup (_("Online payment in progress"));
  return NULL;
}

#define INVOICE_SQL \
  "SELECT i.id, i.number, i.object, i.due_date, i.state, i.direct_debit, i.family_id, " \
  "       i.kind, b.total_cents + b.credited_cents - b.paid_cents " \
  "  FROM invoice i JOIN invoice_balance b ON b.invoice_id = i.id "

/**
 * gf_payment_payable_invoices:
 *
 * Returns: (transfer container) (element-type GfPayableInvoice): the family's invoices
 *   left to pay, oldest due first, the ones the counter cannot take with their reason
 */
GPtrArray *
gf_payment_payable_invoices (GfDb     *db,
                             gint64    family_id,
                             GError  **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) gf_payable_invoice_free);
  g_autoptr(GfStmt) stmt = NULL;
  GfDbStep step;

  stmt = gf_db_prepare (db, INVOICE_SQL
                        " WHERE i.family_id = ?1 AND i.kind = 'invoice' "
                        "   AND i.state IN ('unpaid', 'treasury') "
                        "   AND b.total_cents + b.credited_cents - b.paid_cents > 0 "
                        " ORDER BY i.due_date, i.number", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, family_id);
  while ((step = gf_db_step (db, stmt, error)) == GF_DB_STEP_ROW)
    {
      GfPayableInvoice *invoice = g_new0 (GfPayableInvoice, 1);

      invoice->id = sqlite3_column_int64 (stmt, 0);
      invoice->number = gf_stmt_dup_text (stmt, 1);
      invoice->object = gf_stmt_dup_text (stmt, 2);
      invoice->due_date = gf_stmt_dup_text (stmt, 3);
      invoice->remaining_cents = sqlite3_column_int64 (stmt, 8);
      invoice->blocked = blocked_reason (db, invoice->id, gf_stmt_column_text (stmt, 4),
                                         sqlite3_column_int (stmt, 5) != 0);
      g_ptr_array_add (result, invoice);
    }
  if (step == GF_DB_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&result);
}

/**
 * gf_payment_queue_receipt:
 *
 * @reference: the payment's reference (cheque number, refdet…), may be empty
 * @authorisation: (nullable): PayFiP's numauto, for an online payment
 * @method_text: the means of payment in French, such as "chèque"
 *
 * Queues the "ticket de paiement" of seed 003, in French whatever the locale: one
 * message for a payment at the counter and for one on line (gf-payfip-settle.c can call
 * it instead of its own copy).
 */
/* Allocates @amount_cents of a payment to an invoice and, when nothing is left to pay,
 * marks it paid at @paid_at: the one place that does it, for the desk and for PayFiP.
 * The schema's trigger refuses an allocation above what is left. Call inside a write. */
gboolean
gf_payment_allocate (GfDb        *db,
                     gint64       payment_id,
                     gint64       invoice_id,
                     gint64       amount_cents,
                     const char  *paid_at,
                     GError     **error)
{
  g_autoptr(GfStmt) allocate = NULL;
  g_autoptr(GfStmt) settle = NULL;

  allocate = gf_db_prepare (db, "INSERT INTO payment_allocation (payment_id, invoice_id, "
                                "amount_cents) VALUES (?1, ?2, ?3)", error);
  if (allocate == NULL)
    return FALSE;
  sqlite3_bind_int64 (allocate, 1, payment_id);
  sqlite3_bind_int64 (allocate, 2, invoice_id);
  sqlite3_bind_int64 (allocate, 3, amount_cents);
  if (!gf_db_step_done (db, allocate, error))
    return FALSE;

  settle = gf_db_prepare (db,
                          "UPDATE invoice SET state = 'paid', paid_at = ?2 WHERE id = ?1 "
                          "AND state = 'unpaid' AND (SELECT total_cents + credited_cents - "
                          "paid_cents FROM invoice_balance WHERE invoice_id = ?1) <= 0",
                          error);
  if (settle == NULL)
    return FALSE;
  sqlite3_bind_int64 (settle, 1, invoice_id);
  gf_stmt_bind_text (settle, 2, paid_at);
  return gf_db_step_done (db, settle, error);
}

gboolean
gf_payment_queue_receipt (GfDb        *db,
                          const char  *email,
                          gint64       amount_cents,
                          const char  *invoice_numbers,
                          const char  *reference,
                          const char  *authorisation,
                          const char  *paid_at,
                          const char  *method_text,
                          GError     **error)
{
  g_autofree char *collectivite = gf_settings_get (db, GF_SETTING_COLLECTIVITE_NAME);
  g_autofree char *service = gf_settings_get (db, GF_SETTING_SERVICE_NAME);
  g_autofree char *amount = gf_money_format (amount_cents);
  g_autofree char *when = gf_timestamp_format_fr (paid_at);
  g_autofree char *subject = g_strdup_printf ("Ticket de paiement – %s", collectivite);
  g_autofree char *numauto = NULL;
  g_autofree char *text = NULL;

  if (authorisation != NULL)
    numauto = g_strdup_printf ("  Numéro d’autorisation : %s\n", authorisation);
  text = g_strdup_printf ("Bonjour,\n\nVotre paiement est enregistré. Voici votre ticket "
                          "de paiement :\n\n"
                          "  Collectivité : %s\n  Montant payé : %s\n  Factures : %s\n"
                          "  Référence du paiement : %s\n%s"
                          "  Date : %s\n  Moyen : %s\n\n"
                          "Conservez ce message.\n\nSalutations distinguées,\n%s – %s\n\n"
                          "Merci de ne pas répondre à ce message.\n",
                          collectivite, amount, invoice_numbers,
                          reference != NULL ? reference : "", numauto != NULL ? numauto : "",
                          when != NULL ? when : paid_at, method_text, collectivite, service);
  return gf_mail_outbox_enqueue (db, "payment_receipt", email, subject, text, NULL, NULL, error);
}

typedef struct
{
  const GfPaymentInput      *input;
  const GfPaymentAllocation *allocations;
  guint                      n_allocations;
  gint64                     payment_id;
} RecordCall;

static gboolean
refuse (GError      **error,
        GfInputError  code,
        const char   *message)
{
  g_set_error_literal (error, GF_INPUT_ERROR, code, message);
  return FALSE;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
check_input (const GfPaymentInput  *input,
             GError               **error)
{
  const char *methods[] = { "cash", "cheque", "cesu", "transfer" };
  gboolean known = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    known |= g_strcmp0 (input->method, methods[i]) == 0;
  if (!known)
    return refuse (error, GF_INPUT_ERROR_INVALID, _("Choose how the family paid."));
  if (input->amount_cents <= 0)
    return refuse (error, GF_INPUT_ERROR_OUT_OF_RANGE, _("The amount must be more than 0,00 €."));
  if (input->amount_cents > GF_MONEY_MAX_CENTS)
    return refuse (error, GF_INPUT_ERROR_OUT_OF_RANGE, _("This amount is too large."));
  if (g_strcmp0 (input->method, "cheque") == 0)
    {
      if (is_blank (input->bank))
        return refuse (error, GF_INPUT_ERROR_REQUIRED, _("Enter the bank of the cheque."));
      if (is_blank (input->reference))
        return refuse (error, GF_INPUT_ERROR_REQUIRED, _("Enter the cheque number."));
    }
  if (input->bank != NULL && g_utf8_strlen (input->bank, -1) > 100)
    return refuse (error, GF_INPUT_ERROR_TOO_LONG, _("The bank name is too long (100 characters at most)."));
  if (input->reference != NULL && g_utf8_strlen (input->reference, -1) > 64)
    return refuse (error, GF_INPUT_ERROR_TOO_LONG, _("The reference is too long (64 characters at most)."));
  return TRUE;
}

/* The payment's date: now when it is today, else noon of that day in Paris. */
static char *
paid_at_for (const char  *paid_on,
             GError     **error)
{
  g_autofree char *today = today_in_paris ();
  GDate date;

  if (paid_on == NULL || g_str_equal (paid_on, today))
    return gf_timestamp_now ();
  if (!gf_date_parse_iso (paid_on, &date, NULL))
    {
      refuse (error, GF_INPUT_ERROR_INVALID, _("Enter the payment date as DD/MM/YYYY."));
      return NULL;
    }
  if (strcmp (paid_on, today) > 0)
    {
      refuse (error, GF_INPUT_ERROR_OUT_OF_RANGE, _("The payment date cannot be in the future."));
      return NULL;
    }
  return gf_payment_day_timestamp (paid_on, 12);
}

/* Every allocation is checked before anything is written, so that the message names
 * the first wrong invoice and the database stays as it was. */
static gboolean
check_allocations (GfDb        *db,
                   RecordCall  *call,
                   GString     *numbers,
                   GError     **error)
{
  gint64 total = 0;

  if (call->n_allocations == 0)
    return refuse (error, GF_INPUT_ERROR_REQUIRED, _("Choose at least one invoice to pay."));

  for (guint i = 0; i < call->n_allocations; i++)
    {
      const GfPaymentAllocation *allocation = &call->allocations[i];
      g_autoptr(GfStmt) stmt = NULL;
      g_autofree char *blocked = NULL;
      g_autofree char *left = NULL;
      const char *number;
      const char *state;
      GfDbStep step;

      for (guint j = 0; j < i; j++)
        if (call->allocations[j].invoice_id == allocation->invoice_id)
          return refuse (error, GF_INPUT_ERROR_DUPLICATE, _("An invoice is chosen twice."));

      stmt = gf_db_prepare (db, INVOICE_SQL " WHERE i.id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, allocation->invoice_id);
      step = gf_db_step (db, stmt, error);
      if (step == GF_DB_STEP_ERROR)
        return FALSE;
      if (step == GF_DB_STEP_DONE || sqlite3_column_int64 (stmt, 6) != call->input->family_id)
        return refuse (error, GF_INPUT_ERROR_INVALID, _("This invoice belongs to another family."));

      number = gf_stmt_column_text (stmt, 1);
      state = gf_stmt_column_text (stmt, 4);
      if (!g_str_equal (gf_stmt_column_text (stmt, 7), "invoice"))
        return refuse (error, GF_INPUT_ERROR_INVALID, _("A credit note is not paid."));
      blocked = blocked_reason (db, allocation->invoice_id, state, sqlite3_column_int (stmt, 5) != 0);
      if (blocked != NULL)
        {
          g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                       _("Invoice %s cannot be paid here: %s."), number, blocked);
          return FALSE;
        }
      if (!g_str_equal (state, "unpaid"))
        {
          g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                       _("Invoice %s is not waiting for a payment."), number);
          return FALSE;
        }
      if (allocation->amount_cents <= 0)
        {
          g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_OUT_OF_RANGE,
                       _("The amount for invoice %s must be more than 0,00 €."), number);
          return FALSE;
        }
      if (allocation->amount_cents > sqlite3_column_int64 (stmt, 8))
        {
          left = gf_money_format (sqlite3_column_int64 (stmt, 8));
          g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_OUT_OF_RANGE,
                       _("Invoice %s has only %s left to pay."), number, left);
          return FALSE;
        }
      g_string_append_printf (numbers, "%s%s", numbers->len > 0 ? ", " : "", number);
      total += allocation->amount_cents;
    }

  if (total > call->input->amount_cents)
    {
      g_autofree char *allocated = gf_money_format (total);
      g_autofree char *amount = gf_money_format (call->input->amount_cents);

      g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_OUT_OF_RANGE,
                   _("The invoices get %s, more than the payment of %s."), allocated, amount);
      return FALSE;
    }
  /* There is no family credit balance: every cent goes to an invoice. */
  if (total < call->input->amount_cents)
    return refuse (error, GF_INPUT_ERROR_OUT_OF_RANGE,
                   _("The amount must be allocated entirely to invoices."));
  return TRUE;
}

/* Only the régie handles money: an agent's session never shows the form, and the core
 * refuses too. The system (demo, imports) may. */
static gboolean
may_record (GfDb           *db,
            const GfActor  *actor,
            GError        **error)
{
  g_autoptr(GfStmt) stmt = NULL;
  GfDbStep step;

  if (actor->kind == GF_ACTOR_SYSTEM)
    return TRUE;
  if (actor->kind == GF_ACTOR_STAFF)
    {
      stmt = gf_db_prepare (db, "SELECT 1 FROM staff_user WHERE id = ?1 AND active = 1 "
                                "AND role IN ('regisseur', 'admin')", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, actor->id);
      step = gf_db_step (db, stmt, error);
      if (step == GF_DB_STEP_ERROR)
        return FALSE;
      if (step == GF_DB_STEP_ROW)
        return TRUE;
    }
  return refuse (error, GF_INPUT_ERROR_INVALID, _("Only the régie records payments."));
}

static gboolean
record_cb (GfDb      *db,
           GfChange  *change,
           gpointer   user_data,
           GError   **error)
{
  RecordCall *call = user_data;
  const GfPaymentInput *input = call->input;
  const GfActor *actor = gf_change_get_actor (change);
  g_autoptr(GString) numbers = g_string_new (NULL);
  g_autofree char *paid_at = NULL;
  g_autofree char *now = gf_timestamp_now ();
  g_autofree char *email = NULL;
  g_autoptr(GfStmt) insert = NULL;
  g_autoptr(GfStmt) family = NULL;
  g_autofree char *reference = g_strstrip (g_strdup (input->reference != NULL ? input->reference : ""));
  g_autofree char *bank = g_strstrip (g_strdup (input->bank != NULL ? input->bank : ""));
  GfDbStep step;
  JsonObject *details;

  if (!check_input (input, error))
    return FALSE;
  if (!may_record (db, actor, error))
    return FALSE;
  paid_at = paid_at_for (input->paid_on, error);
  if (paid_at == NULL)
    return FALSE;

  family = gf_db_prepare (db, "SELECT email FROM family WHERE id = ?1", error);
  if (family == NULL)
    return FALSE;
  sqlite3_bind_int64 (family, 1, input->family_id);
  step = gf_db_step (db, family, error);
  if (step == GF_DB_STEP_ERROR)
    return FALSE;
  if (step == GF_DB_STEP_DONE)
    return refuse (error, GF_INPUT_ERROR_REQUIRED, _("Choose the family who pays."));
  email = gf_stmt_dup_text_or_null (family, 0);
  gf_stmt_release (g_steal_pointer (&family));

  if (!check_allocations (db, call, numbers, error))
    return FALSE;

  insert = gf_db_prepare (db, "INSERT INTO payment (family_id, method, amount_cents, paid_at, "
                              "reference, bank, recorded_by, created_at) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_int64 (insert, 1, input->family_id);
  gf_stmt_bind_text (insert, 2, input->method);
  sqlite3_bind_int64 (insert, 3, input->amount_cents);
  gf_stmt_bind_text (insert, 4, paid_at);
  gf_stmt_bind_text (insert, 5, reference);
  gf_stmt_bind_text (insert, 6, bank);
  if (actor->kind == GF_ACTOR_STAFF)
    sqlite3_bind_int64 (insert, 7, actor->id);
  else
    sqlite3_bind_null (insert, 7);
  gf_stmt_bind_text (insert, 8, now);
  if (!gf_db_step_done (db, insert, error))
    return FALSE;
  call->payment_id = gf_db_last_insert_id (db);

  for (guint i = 0; i < call->n_allocations; i++)
    {
      if (!gf_payment_allocate (db, call->payment_id, call->allocations[i].invoice_id,
                                call->allocations[i].amount_cents, paid_at, error))
        return FALSE;
    }

  if (email != NULL && email[0] != '\0')
    {
      /* The receipt is French whatever the locale, like PayFiP's. */
      const char *method = g_str_equal (input->method, "cash") ? "espèces"
                           : g_str_equal (input->method, "cheque") ? "chèque"
                           : g_str_equal (input->method, "cesu") ? "CESU" : "virement";

      if (!gf_payment_queue_receipt (db, email, input->amount_cents, numbers->str,
                                     reference, NULL, paid_at, method, error))
        return FALSE;
    }

  details = json_object_new ();
  json_object_set_string_member (details, "method", input->method);
  json_object_set_int_member (details, "amount_cents", input->amount_cents);
  json_object_set_string_member (details, "invoices", numbers->str);
  gf_change_record (change, "payment_recorded", "payment", call->payment_id, details);
  return TRUE;
}

/**
 * gf_payment_record:
 * @payment: what the family gave
 * @allocations: (array length=n_allocations): how it is spread over its invoices
 * @out_payment_id: (out) (optional): the new payment's id
 *
 * Records a payment taken at the counter in one audited transaction: the payment, its
 * allocations, the invoices it pays in full, and the receipt e-mail. Refuses, changing
 * nothing, bad input, an invoice of another family or one collected elsewhere, and any
 * amount that does not go entirely and exactly to invoices.
 */
gboolean
gf_payment_record (GfDb                       *db,
                   const GfActor              *actor,
                   const GfPaymentInput       *payment,
                   const GfPaymentAllocation  *allocations,
                   guint                       n_allocations,
                   gint64                     *out_payment_id,
                   GError                    **error)
{
  RecordCall call = { payment, allocations, n_allocations, 0 };

  g_return_val_if_fail (GF_IS_DB (db), FALSE);
  g_return_val_if_fail (actor != NULL && payment != NULL, FALSE);
  g_return_val_if_fail (allocations != NULL || n_allocations == 0, FALSE);

  if (!gf_db_change (db, actor, record_cb, &call, error))
    return FALSE;
  if (out_payment_id != NULL)
    *out_payment_id = call.payment_id;
  return TRUE;
}
