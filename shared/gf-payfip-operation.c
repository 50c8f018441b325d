/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-payfip-operation.h"
#include "gf-crypto.h"
#include "gf-date.h"
#include "gf-i18n.h"
#include "gf-mail-outbox.h"
#include "gf-money.h"
#include "gf-settings.h"
#include "gf-validate.h"

/* Online payments, on our side: opening an attempt (and its lock), and settling it once,
 * and only once, from what PayFiP itself says. Every function here is one write
 * transaction, so a crash leaves either all of a change or none of it. */

#define OPERATION_COLUMNS \
  "id, refdet, idop, family_id, amount_cents, email, saisie, state, lock_until, created_at"

void
gf_payfip_operation_free (GfPayfipOperation *operation)
{
  if (operation == NULL)
    return;
  g_free (operation->refdet);
  g_free (operation->idop);
  g_free (operation->email);
  g_free (operation->saisie);
  g_free (operation->state);
  g_free (operation->lock_until);
  g_free (operation->created_at);
  g_free (operation);
}

/* When the lock on @invoice_id ends, if an attempt holds it; NULL otherwise. */
char *
gf_payfip_invoice_locked_until (GfDb   *db,
                                gint64  invoice_id)
{
  g_autofree char *now = gf_timestamp_now ();
  g_autoptr(GfStmt) stmt = gf_db_prepare (db,
                                          "SELECT o.lock_until FROM payfip_operation_invoice p "
                                          "JOIN payfip_operation o ON o.id = p.operation_id "
                                          "WHERE p.invoice_id = ?1 AND p.locked = 1 "
                                          "AND o.lock_until > ?2",
                                          NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, invoice_id);
  gf_stmt_bind_text (stmt, 2, now);
  if (gf_db_step (db, stmt, NULL) != GF_DB_STEP_ROW)
    return NULL;
  return gf_stmt_dup_text (stmt, 0);
}

typedef struct
{
  gint64              family_id;
  const gint64       *invoice_ids;
  guint               n_invoices;
  const char         *email;
  GfPayfipOperation  *result;
} OpenCall;

static gboolean
refuse (GError     **error,
        GfInputError code,
        const char  *message)
{
  g_set_error_literal (error, GF_INPUT_ERROR, code, message);
  return FALSE;
}

static gboolean
open_cb (GfDb      *db,
         GfChange  *change,
         gpointer   user_data,
         GError   **error)
{
  OpenCall *call = user_data;
  g_autoptr(GArray) amounts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *saisie = gf_settings_get (db, GF_SETTING_PAYFIP_SAISIE);
  g_autofree char *lock_until =
    gf_timestamp_from_now (60 * gf_settings_get_int (db, GF_SETTING_PAYMENT_LOCK_MINUTES));
  g_autofree char *now = gf_timestamp_now ();
  g_autofree char *refdet = NULL;
  g_autoptr(GfStmt) insert = NULL;
  gint64 total = 0;
  gint64 operation_id;
  guint64 random;
  JsonObject *details;

  if (gf_settings_get_bool (db, GF_SETTING_PAYMENTS_SUSPENDED))
    return refuse (error, GF_INPUT_ERROR_INVALID,
                   _("Online payment is suspended for the moment. Try again later."));
  if (call->n_invoices == 0)
    return refuse (error, GF_INPUT_ERROR_REQUIRED, _("Choose at least one invoice to pay."));
  if (call->n_invoices > 1 && !gf_settings_get_bool (db, GF_SETTING_PAYMENTS_MULTI))
    return refuse (error, GF_INPUT_ERROR_INVALID, _("Pay one invoice at a time."));

  for (guint i = 0; i < call->n_invoices; i++)
    {
      g_autoptr(GfStmt) stmt = NULL;
      g_autofree char *locked = NULL;
      gint64 remaining;

      stmt = gf_db_prepare (db,
                            "SELECT i.family_id, i.kind, i.state, i.direct_debit, "
                            "       i.total_cents + b.credited_cents - b.paid_cents "
                            "  FROM invoice i JOIN invoice_balance b ON b.invoice_id = i.id "
                            " WHERE i.id = ?1",
                            error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, call->invoice_ids[i]);
      if (gf_db_step (db, stmt, error) != GF_DB_STEP_ROW ||
          sqlite3_column_int64 (stmt, 0) != call->family_id)
        {
          g_clear_error (error);
          return refuse (error, GF_INPUT_ERROR_INVALID, _("This invoice does not exist."));
        }
      if (!g_str_equal (gf_stmt_column_text (stmt, 1), "invoice") ||
          !g_str_equal (gf_stmt_column_text (stmt, 2), "unpaid"))
        return refuse (error, GF_INPUT_ERROR_INVALID, _("This invoice cannot be paid online."));
      if (sqlite3_column_int (stmt, 3) != 0)
        return refuse (error, GF_INPUT_ERROR_INVALID,
                       _("This invoice is paid by direct debit: there is nothing to pay online."));
      remaining = sqlite3_column_int64 (stmt, 4);
      if (remaining <= 0)
        return refuse (error, GF_INPUT_ERROR_INVALID, _("There is nothing left to pay on this invoice."));

      /* A lock past its time no longer holds, even with the outcome still unknown. */
      {
        g_autoptr(GfStmt) release = gf_db_prepare (db,
                                                   "UPDATE payfip_operation_invoice SET locked = 0 "
                                                   "WHERE invoice_id = ?1 AND locked = 1 AND "
                                                   "operation_id IN (SELECT id FROM payfip_operation "
                                                   "WHERE lock_until <= ?2)", error);

        if (release == NULL)
          return FALSE;
        sqlite3_bind_int64 (release, 1, call->invoice_ids[i]);
        gf_stmt_bind_text (release, 2, now);
        if (!gf_db_step_done (db, release, error))
          return FALSE;
      }
      locked = gf_payfip_invoice_locked_until (db, call->invoice_ids[i]);
      if (locked != NULL)
        {
          g_autofree char *when = gf_timestamp_format_fr (locked);

          g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_DUPLICATE,
                       _("A payment is in progress for this invoice until %s."),
                       when != NULL ? when : locked);
          return FALSE;
        }
      g_array_append_val (amounts, remaining);
      total += remaining;
    }

  if (total < GF_PAYFIP_MIN_CENTS)
    return refuse (error, GF_INPUT_ERROR_OUT_OF_RANGE,
                   _("Online payment starts at 1,00 €: pay this amount at the town hall."));
  if (total > GF_PAYFIP_MAX_CENTS)
    return refuse (error, GF_INPUT_ERROR_OUT_OF_RANGE,
                   _("This amount is over what can be paid online at once: choose fewer invoices."));

  /* Our debt reference for the set: "GF" and 16 random digits ([A-Za-z0-9]{6,30}). */
  gf_random_bytes ((guint8 *)&random, sizeof random);
  refdet = g_strdup_printf ("GF%016llu", (unsigned long long)(random % 10000000000000000ULL));

  insert = gf_db_prepare (db,
                          "INSERT INTO payfip_operation (refdet, family_id, amount_cents, email, saisie, "
                          "state, created_at, updated_at, lock_until, next_check_at) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, 'created', ?6, ?6, ?7, ?6)",
                          error);
  if (insert == NULL)
    return FALSE;
  gf_stmt_bind_text (insert, 1, refdet);
  sqlite3_bind_int64 (insert, 2, call->family_id);
  sqlite3_bind_int64 (insert, 3, total);
  gf_stmt_bind_text (insert, 4, call->email);
  gf_stmt_bind_text (insert, 5, saisie);
  gf_stmt_bind_text (insert, 6, now);
  gf_stmt_bind_text (insert, 7, lock_until);
  if (!gf_db_step_done (db, insert, error))
    return FALSE;
  operation_id = gf_db_last_insert_id (db);

  for (guint i = 0; i < call->n_invoices; i++)
    {
      g_autoptr(GfStmt) link = gf_db_prepare (db,
                                              "INSERT INTO payfip_operation_invoice "
                                              "(operation_id, invoice_id, amount_cents, locked) "
                                              "VALUES (?1, ?2, ?3, 1)",
                                              error);

      if (link == NULL)
        return FALSE;
      sqlite3_bind_int64 (link, 1, operation_id);
      sqlite3_bind_int64 (link, 2, call->invoice_ids[i]);
      sqlite3_bind_int64 (link, 3, g_array_index (amounts, gint64, i));
      /* Two tabs racing: the partial unique index lets one lock through, never two. */
      if (!gf_db_step_done (db, link, error))
        {
          if (g_error_matches (*error, GF_DB_ERROR, GF_DB_ERROR_CONSTRAINT))
            {
              g_clear_error (error);
              return refuse (error, GF_INPUT_ERROR_DUPLICATE,
                             _("A payment is already in progress for this invoice."));
            }
          return FALSE;
        }
    }

  details = json_object_new ();
  json_object_set_string_member (details, "refdet", refdet);
  json_object_set_int_member (details, "amount_cents", total);
  json_object_set_int_member (details, "invoices", call->n_invoices);
  gf_change_record (change, "open", "payfip_operation", operation_id, details);

  call->result = gf_payfip_operation_get (db, NULL, operation_id, error);
  return call->result != NULL;
}

/**
 * gf_payfip_operation_open:
 *
 * Checks that every invoice is the family's, unpaid, not in direct debit, with something
 * left to pay and no attempt in progress, then opens the attempt and locks them.
 *
 * Returns: (transfer full): the new operation, state "created"
 */
GfPayfipOperation *
gf_payfip_operation_open (GfDb           *db,
                          const GfActor  *actor,
                          gint64          family_id,
                          const gint64   *invoice_ids,
                          guint           n_invoices,
                          const char     *email,
                          GError        **error)
{
  OpenCall call = { family_id, invoice_ids, n_invoices, email, NULL };

  if (!gf_db_change (db, actor, open_cb, &call, error))
    {
      g_clear_pointer (&call.result, gf_payfip_operation_free);
      return NULL;
    }
  return call.result;
}

/* By idOp, or by id when @idop is NULL. */
GfPayfipOperation *
gf_payfip_operation_get (GfDb        *db,
                         const char  *idop,
                         gint64       id,
                         GError     **error)
{
  g_autoptr(GfStmt) stmt = NULL;
  GfPayfipOperation *operation;

  stmt = gf_db_prepare (db, idop != NULL
                        ? "SELECT " OPERATION_COLUMNS " FROM payfip_operation WHERE idop = ?1"
                        : "SELECT " OPERATION_COLUMNS " FROM payfip_operation WHERE id = ?1",
                        error);
  if (stmt == NULL)
    return NULL;
  if (idop != NULL)
    gf_stmt_bind_text (stmt, 1, idop);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  switch (gf_db_step (db, stmt, error))
    {
    case GF_DB_STEP_ROW:
      break;
    case GF_DB_STEP_DONE:
      g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND, _("There is no such payment."));
      return NULL;
    case GF_DB_STEP_ERROR:
    default:
      return NULL;
    }

  operation = g_new0 (GfPayfipOperation, 1);
  operation->id = sqlite3_column_int64 (stmt, 0);
  operation->refdet = gf_stmt_dup_text (stmt, 1);
  operation->idop = gf_stmt_dup_text_or_null (stmt, 2);
  operation->family_id = sqlite3_column_int64 (stmt, 3);
  operation->amount_cents = sqlite3_column_int64 (stmt, 4);
  operation->email = gf_stmt_dup_text (stmt, 5);
  operation->saisie = gf_stmt_dup_text (stmt, 6);
  operation->state = gf_stmt_dup_text (stmt, 7);
  operation->lock_until = gf_stmt_dup_text (stmt, 8);
  operation->created_at = gf_stmt_dup_text (stmt, 9);
  return operation;
}
