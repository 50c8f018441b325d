/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-payfip-operation.h"
#include "gf-payment-record.h"
#include "gf-date.h"
#include "gf-i18n.h"
#include "gf-mail-outbox.h"
#include "gf-money.h"
#include "gf-settings.h"
#include "gf-validate.h"

#include <stdio.h>

/* The end of an attempt. Its outcome comes only from PayFiP's own answer to
 * recupererDetailPaiementSecurise, never from a browser; it is applied once (a final
 * state never changes, and payment.payfip_operation_id is UNIQUE), whether the
 * notification, the return page or the reconciler gets there first. */

static gboolean
end_attempt (GfDb       *db,
             gint64      operation_id,
             const char *state,
             const char *error_text,
             GError    **error)
{
  g_autofree char *now = gf_timestamp_now ();
  g_autoptr(GfStmt) stmt = NULL;
  g_autoptr(GfStmt) unlock = NULL;

  stmt = gf_db_prepare (db, "UPDATE payfip_operation SET state = ?2, last_error = ?3, "
                            "settled_at = ?4, updated_at = ?4, next_check_at = NULL "
                            "WHERE id = ?1 AND state IN ('created', 'pending')", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, operation_id);
  gf_stmt_bind_text (stmt, 2, state);
  gf_stmt_bind_text_or_null (stmt, 3, error_text);
  gf_stmt_bind_text (stmt, 4, now);
  if (!gf_db_step_done (db, stmt, error))
    return FALSE;

  /* The outcome is known: the invoices are payable again at once (or paid). */
  unlock = gf_db_prepare (db, "UPDATE payfip_operation_invoice SET locked = 0 "
                              "WHERE operation_id = ?1", error);
  if (unlock == NULL)
    return FALSE;
  sqlite3_bind_int64 (unlock, 1, operation_id);
  return gf_db_step_done (db, unlock, error);
}

typedef struct
{
  gint64      operation_id;
  const char *idop;
} IdopCall;

static gboolean
set_idop_cb (GfDb      *db,
             gpointer   user_data,
             GError   **error)
{
  IdopCall *call = user_data;
  g_autofree char *now = gf_timestamp_now ();
  g_autoptr(GfStmt) stmt = gf_db_prepare (db,
                                          "UPDATE payfip_operation SET idop = ?2, state = 'pending', "
                                          "updated_at = ?3 WHERE id = ?1 AND state = 'created'",
                                          error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, call->operation_id);
  gf_stmt_bind_text (stmt, 2, call->idop);
  gf_stmt_bind_text (stmt, 3, now);
  return gf_db_step_done (db, stmt, error);
}

/* PayFiP accepted the attempt: from now on its outcome is awaited. */
gboolean
gf_payfip_operation_set_idop (GfDb        *db,
                              gint64       operation_id,
                              const char  *idop,
                              GError     **error)
{
  IdopCall call = { operation_id, idop };

  return gf_db_write (db, set_idop_cb, &call, error);
}

typedef struct
{
  gint64      operation_id;
  const char *reason;
} FailCall;

static gboolean
fail_cb (GfDb      *db,
         gpointer   user_data,
         GError   **error)
{
  FailCall *call = user_data;

  return end_attempt (db, call->operation_id, "error", call->reason, error);
}

/* PayFiP could not be reached or refused the attempt before any payment page: nothing
 * was paid, nothing stays locked. */
gboolean
gf_payfip_operation_fail (GfDb        *db,
                          gint64       operation_id,
                          const char  *reason,
                          GError     **error)
{
  FailCall call = { operation_id, reason };

  return gf_db_write (db, fail_cb, &call, error);
}

static gboolean
expire_cb (GfDb      *db,
           gpointer   user_data,
           GError   **error)
{
  const char *idop = user_data;
  g_autoptr(GfPayfipOperation) operation = gf_payfip_operation_get (db, idop, 0, error);

  if (operation == NULL)
    return FALSE;
  return end_attempt (db, operation->id, "abandoned", "P1: idOp expired", error);
}

/* PayFiP answered P1 (unknown or purged idOp) for an attempt older than its 15 minutes. */
gboolean
gf_payfip_operation_expire (GfDb        *db,
                            const char  *idop,
                            GError     **error)
{
  return gf_db_write (db, expire_cb, (gpointer)idop, error);
}

/* "DDMMYYYY" and "HHMM" in Paris time → a UTC timestamp. */
static char *
payment_time (const char *dattrans,
              const char *heurtrans)
{
  g_autoptr(GTimeZone) paris = g_time_zone_new_identifier ("Europe/Paris");
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) utc = NULL;
  int day, month, year, hour, minute;

  if (dattrans == NULL || heurtrans == NULL || strlen (dattrans) != 8 || strlen (heurtrans) != 4 ||
      sscanf (dattrans, "%2d%2d%4d", &day, &month, &year) != 3 ||
      sscanf (heurtrans, "%2d%2d", &hour, &minute) != 2)
    return gf_timestamp_now ();
  if (paris == NULL)
    paris = g_time_zone_new_utc ();
  local = g_date_time_new (paris, year, month, day, hour, minute, 0);
  if (local == NULL)
    return gf_timestamp_now ();
  utc = g_date_time_to_utc (local);
  return gf_timestamp_from_datetime (utc);
}

static gboolean
queue_receipt (GfDb                    *db,
               const GfPayfipOperation *operation,
               const GfPayfipOutcome   *outcome,
               const char              *paid_at,
               GError                 **error)
{
  g_autoptr(GString) numbers = g_string_new (NULL);
  g_autoptr(GfStmt) stmt = NULL;
  GfDbStep step;

  stmt = gf_db_prepare (db, "SELECT i.number FROM payfip_operation_invoice p "
                            "JOIN invoice i ON i.id = p.invoice_id WHERE p.operation_id = ?1 "
                            "ORDER BY i.number", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, operation->id);
  while ((step = gf_db_step (db, stmt, error)) == GF_DB_STEP_ROW)
    g_string_append_printf (numbers, "%s%s", numbers->len > 0 ? ", " : "",
                            gf_stmt_column_text (stmt, 0));
  if (step == GF_DB_STEP_ERROR)
    return FALSE;

  /* The "ticket de paiement" of seed 003: the same as for a payment at the desk. */
  return gf_payment_queue_receipt (db, operation->email, operation->amount_cents, numbers->str,
                                   operation->refdet,
                                   outcome->numauto != NULL ? outcome->numauto : "",
                                   paid_at,
                                   g_strcmp0 (outcome->resultrans, "V") == 0
                                     ? "prélèvement SEPA (PayFiP)" : "carte bancaire (PayFiP)",
                                   error);
}

static gboolean
record_payment (GfDb                    *db,
                GfChange                *change,
                const GfPayfipOperation *operation,
                const GfPayfipOutcome   *outcome,
                GError                 **error)
{
  g_autofree char *paid_at = payment_time (outcome->dattrans, outcome->heurtrans);
  g_autofree char *now = gf_timestamp_now ();
  g_autoptr(GfStmt) payment = NULL;
  g_autoptr(GfStmt) links = NULL;
  g_autoptr(GfStmt) result = NULL;
  gint64 payment_id;
  gint64 left;
  GfDbStep step;
  JsonObject *details;

  payment = gf_db_prepare (db, "INSERT INTO payment (family_id, method, amount_cents, paid_at, "
                               "reference, payfip_operation_id, created_at) "
                               "VALUES (?1, 'payfip', ?2, ?3, ?4, ?5, ?6)", error);
  if (payment == NULL)
    return FALSE;
  sqlite3_bind_int64 (payment, 1, operation->family_id);
  sqlite3_bind_int64 (payment, 2, operation->amount_cents);
  gf_stmt_bind_text (payment, 3, paid_at);
  gf_stmt_bind_text (payment, 4, outcome->numauto);
  sqlite3_bind_int64 (payment, 5, operation->id);
  gf_stmt_bind_text (payment, 6, now);
  if (!gf_db_step_done (db, payment, error))
    return FALSE;
  payment_id = gf_db_last_insert_id (db);

  /* Each invoice gets what it was locked for, or what is left if the régie recorded a
   * payment meanwhile; a surplus stays on the payment, never on an invoice. */
  links = gf_db_prepare (db,
                         "SELECT p.invoice_id, min(p.amount_cents, "
                         "       i.total_cents + b.credited_cents - b.paid_cents) "
                         "  FROM payfip_operation_invoice p JOIN invoice i ON i.id = p.invoice_id "
                         "  JOIN invoice_balance b ON b.invoice_id = i.id "
                         " WHERE p.operation_id = ?1",
                         error);
  if (links == NULL)
    return FALSE;
  sqlite3_bind_int64 (links, 1, operation->id);
  left = operation->amount_cents;
  {
    g_autoptr(GArray) invoices = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autoptr(GArray) amounts = g_array_new (FALSE, FALSE, sizeof (gint64));

    while ((step = gf_db_step (db, links, error)) == GF_DB_STEP_ROW)
      {
        gint64 invoice = sqlite3_column_int64 (links, 0);
        gint64 amount = MIN (sqlite3_column_int64 (links, 1), left);

        g_array_append_val (invoices, invoice);
        g_array_append_val (amounts, amount);
        left -= MAX (amount, 0);
      }
    if (step == GF_DB_STEP_ERROR)
      return FALSE;
    gf_stmt_release (links);

    for (guint i = 0; i < invoices->len; i++)
      {
        if (g_array_index (amounts, gint64, i) <= 0)
          continue;
        if (!gf_payment_allocate (db, payment_id, g_array_index (invoices, gint64, i),
                                  g_array_index (amounts, gint64, i), paid_at, error))
          return FALSE;
      }
  }

  result = gf_db_prepare (db, "UPDATE payfip_operation SET resultrans = ?2, numauto = ?3, "
                              "dattrans = ?4, heurtrans = ?5 WHERE id = ?1", error);
  if (result == NULL)
    return FALSE;
  sqlite3_bind_int64 (result, 1, operation->id);
  gf_stmt_bind_text (result, 2, outcome->resultrans);
  gf_stmt_bind_text_or_null (result, 3, outcome->numauto);
  gf_stmt_bind_text_or_null (result, 4, outcome->dattrans);
  gf_stmt_bind_text_or_null (result, 5, outcome->heurtrans);
  if (!gf_db_step_done (db, result, error) ||
      !end_attempt (db, operation->id, "paid", NULL, error) ||
      !queue_receipt (db, operation, outcome, paid_at, error))
    return FALSE;

  details = json_object_new ();
  json_object_set_string_member (details, "idop", operation->idop);
  json_object_set_string_member (details, "refdet", operation->refdet);
  json_object_set_int_member (details, "amount_cents", operation->amount_cents);
  json_object_set_string_member (details, "numauto", outcome->numauto != NULL ? outcome->numauto : "");
  gf_change_record (change, "payfip_paid", "payment", payment_id, details);
  return TRUE;
}

typedef struct
{
  const GfPayfipOutcome *outcome;
  GfPayfipSettled        settled;
} SettleCall;

static gboolean
mismatch (GError     **error,
          const char  *field)
{
  g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
               "PayFiP's answer does not match the attempt: %s", field);
  return FALSE;
}

static gboolean
settle_cb (GfDb      *db,
           GfChange  *change,
           gpointer   user_data,
           GError   **error)
{
  SettleCall *call = user_data;
  const GfPayfipOutcome *outcome = call->outcome;
  g_autoptr(GfPayfipOperation) operation = gf_payfip_operation_get (db, outcome->idop, 0, error);
  g_autofree char *numcli = gf_settings_get (db, GF_SETTING_PAYFIP_NUMCLI);
  g_autofree char *amount = NULL;
  const char *r = outcome->resultrans;

  if (operation == NULL)
    return FALSE;

  /* payfip.md §6 step 4: the answer must be about this very attempt. */
  amount = g_strdup_printf ("%lld", (long long)operation->amount_cents);
  if (g_strcmp0 (outcome->numcli, numcli) != 0)
    return mismatch (error, "numcli");
  if (g_strcmp0 (outcome->refdet, operation->refdet) != 0)
    return mismatch (error, "refdet");
  if (g_strcmp0 (outcome->montant, amount) != 0)
    return mismatch (error, "montant");
  if (g_strcmp0 (outcome->saisie, operation->saisie) != 0)
    return mismatch (error, "saisie");

  /* A final state never changes: replays and late duplicates do nothing. */
  if (!g_str_equal (operation->state, "created") && !g_str_equal (operation->state, "pending"))
    {
      call->settled = GF_PAYFIP_SETTLED_NOTHING;
      return TRUE;
    }

  if (g_strcmp0 (r, "P") == 0 || g_strcmp0 (r, "V") == 0)
    {
      call->settled = GF_PAYFIP_SETTLED_PAID;
      return record_payment (db, change, operation, outcome, error);
    }
  if (g_strcmp0 (r, "R") == 0 || g_strcmp0 (r, "Z") == 0)
    call->settled = GF_PAYFIP_SETTLED_REFUSED;
  else if (g_strcmp0 (r, "A") == 0)
    call->settled = GF_PAYFIP_SETTLED_ABANDONED;
  else
    return mismatch (error, "resultrans");

  gf_change_record (change, call->settled == GF_PAYFIP_SETTLED_REFUSED ? "payfip_refused"
                                                                       : "payfip_abandoned",
                    "payfip_operation", operation->id, NULL);
  return end_attempt (db, operation->id,
                      call->settled == GF_PAYFIP_SETTLED_REFUSED ? "refused" : "abandoned",
                      NULL, error);
}

/**
 * gf_payfip_operation_settle:
 * @outcome: PayFiP's own answer for the attempt's idOp
 *
 * Applies the outcome once. Fails, changing nothing, for an unknown idOp or an answer
 * whose numcli, refdet, amount or saisie differ from the attempt.
 */
gboolean
gf_payfip_operation_settle (GfDb                   *db,
                            const GfPayfipOutcome  *outcome,
                            GfPayfipSettled        *out_settled,
                            GError                **error)
{
  SettleCall call = { outcome, GF_PAYFIP_SETTLED_NOTHING };
  GfActor actor = GF_ACTOR_INIT_SYSTEM ("payfip");

  g_return_val_if_fail (outcome != NULL && outcome->idop != NULL, FALSE);

  if (!gf_db_change (db, &actor, settle_cb, &call, error))
    return FALSE;
  if (out_settled != NULL)
    *out_settled = call.settled;
  return TRUE;
}
