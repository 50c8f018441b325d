/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-payfip-operation-list.h"

#include "gf-family.h"
#include "gf-i18n.h"

void
gf_payfip_operation_row_free (GfPayfipOperationRow *row)
{
  if (row == NULL)
    return;
  g_free (row->refdet);
  g_free (row->idop);
  g_free (row->family_reference);
  g_free (row->family_name);
  g_free (row->email);
  g_free (row->saisie);
  g_free (row->state);
  g_free (row->resultrans);
  g_free (row->numauto);
  g_free (row->dattrans);
  g_free (row->heurtrans);
  g_free (row->last_error);
  g_free (row->created_at);
  g_free (row->updated_at);
  g_free (row->settled_at);
  g_free (row->lock_until);
  g_free (row->invoices);
  g_free (row);
}

const char *
gf_payfip_operation_state_label (const char *state)
{
  if (g_strcmp0 (state, "created") == 0)
    return _("Created");
  if (g_strcmp0 (state, "pending") == 0)
    return _("In progress");
  if (g_strcmp0 (state, "paid") == 0)
    return _("Paid");
  if (g_strcmp0 (state, "refused") == 0)
    return _("Refused");
  if (g_strcmp0 (state, "abandoned") == 0)
    return _("Abandoned");
  if (g_strcmp0 (state, "error") == 0)
    return _("Error");
  return state;
}

/**
 * gf_payfip_operation_list:
 * @state: (nullable): only the attempts in this state
 * @limit: at most this many, the newest first (0: no limit)
 *
 * Returns: (transfer container) (element-type GfPayfipOperationRow): the attempts
 */
GPtrArray *
gf_payfip_operation_list (GfDb        *db,
                          const char  *state,
                          guint        limit,
                          GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) gf_payfip_operation_row_free);
  g_autoptr(GfStmt) stmt = NULL;
  GfDbStep step;

  g_return_val_if_fail (GF_IS_DB (db), NULL);

  stmt = gf_db_prepare (db,
                        "SELECT o.id, o.refdet, o.idop, o.family_id, family.reference, "
                        GF_FAMILY_DISPLAY_NAME_SQL ", o.amount_cents, o.email, o.saisie, "
                        "  o.state, o.resultrans, o.numauto, o.dattrans, o.heurtrans, "
                        "  o.last_error, o.created_at, o.updated_at, o.settled_at, o.lock_until, "
                        "  o.check_failures, "
                        "  (SELECT group_concat(number, ', ') FROM (SELECT i.number FROM "
                        "     payfip_operation_invoice l JOIN invoice i ON i.id = l.invoice_id "
                        "    WHERE l.operation_id = o.id ORDER BY i.number)), "
                        "  ifnull((SELECT p.id FROM payment p WHERE p.payfip_operation_id = o.id), 0) "
                        "  FROM payfip_operation o JOIN family ON family.id = o.family_id "
                        " WHERE ?1 IS NULL OR o.state = ?1 "
                        " ORDER BY o.created_at DESC, o.id DESC LIMIT ?2",
                        error);
  if (stmt == NULL)
    return NULL;
  gf_stmt_bind_text_or_null (stmt, 1, state);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);
  while ((step = gf_db_step (db, stmt, error)) == GF_DB_STEP_ROW)
    {
      GfPayfipOperationRow *row = g_new0 (GfPayfipOperationRow, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->refdet = gf_stmt_dup_text (stmt, 1);
      row->idop = gf_stmt_dup_text_or_null (stmt, 2);
      row->family_id = sqlite3_column_int64 (stmt, 3);
      row->family_reference = gf_stmt_dup_text (stmt, 4);
      row->family_name = gf_stmt_dup_text (stmt, 5);
      row->amount_cents = sqlite3_column_int64 (stmt, 6);
      row->email = gf_stmt_dup_text (stmt, 7);
      row->saisie = gf_stmt_dup_text (stmt, 8);
      row->state = gf_stmt_dup_text (stmt, 9);
      row->resultrans = gf_stmt_dup_text_or_null (stmt, 10);
      row->numauto = gf_stmt_dup_text_or_null (stmt, 11);
      row->dattrans = gf_stmt_dup_text_or_null (stmt, 12);
      row->heurtrans = gf_stmt_dup_text_or_null (stmt, 13);
      row->last_error = gf_stmt_dup_text_or_null (stmt, 14);
      row->created_at = gf_stmt_dup_text (stmt, 15);
      row->updated_at = gf_stmt_dup_text (stmt, 16);
      row->settled_at = gf_stmt_dup_text_or_null (stmt, 17);
      row->lock_until = gf_stmt_dup_text (stmt, 18);
      row->check_failures = sqlite3_column_int64 (stmt, 19);
      row->invoices = gf_stmt_dup_text (stmt, 20);
      row->payment_id = sqlite3_column_int64 (stmt, 21);
      g_ptr_array_add (rows, row);
    }
  if (step == GF_DB_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&rows);
}
