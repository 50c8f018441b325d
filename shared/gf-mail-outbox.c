/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-mail-outbox.h"

#include "gf-date.h"
#include "gf-validate.h"

#include <string.h>

#define KIND_MAX_CHARS 32
/* last_error keeps the start of long messages only. */
#define ERROR_MAX_CHARS 1000

typedef struct
{
  const char *kind;
  const char *recipient;
  const char *subject;
  const char *body_text;
  const char *body_html;
  gint64      id;
} EnqueueCall;

typedef struct
{
  guint      limit;
  guint      lease_seconds;
  GPtrArray *items;
} ClaimCall;

typedef struct
{
  gint64      id;
  const char *error_text;
} FailCall;

G_DEFINE_BOXED_TYPE (GfMailItem, gf_mail_item, gf_mail_item_copy, gf_mail_item_free)

/*
 * Auxiliary methods
 */

static gboolean
check_enqueue (const EnqueueCall  *call,
               GError            **error)
{
  if (call->kind == NULL || *call->kind == '\0' || strlen (call->kind) > KIND_MAX_CHARS)
    {
      g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                   "A mail kind has 1 to %d characters.", KIND_MAX_CHARS);
      return FALSE;
    }
  if (!gf_validate_email (call->recipient, error))
    return FALSE;
  if (call->subject == NULL || *call->subject == '\0')
    {
      g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_REQUIRED, "The mail has no subject.");
      return FALSE;
    }
  if (!g_utf8_validate (call->subject, -1, NULL) || strpbrk (call->subject, "\r\n") != NULL)
    {
      g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                   "A mail subject is one line of UTF-8 text.");
      return FALSE;
    }
  if (g_utf8_strlen (call->subject, -1) > GF_MAIL_OUTBOX_SUBJECT_MAX_CHARS)
    {
      g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_TOO_LONG,
                   "A mail subject has at most %d characters.", GF_MAIL_OUTBOX_SUBJECT_MAX_CHARS);
      return FALSE;
    }
  if (call->body_text == NULL || !g_utf8_validate (call->body_text, -1, NULL) ||
      (call->body_html != NULL && !g_utf8_validate (call->body_html, -1, NULL)))
    {
      g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                   "A mail body is required and must be UTF-8 text.");
      return FALSE;
    }
  return TRUE;
}

static gboolean
enqueue_txn (GfDb      *db,
             gpointer   user_data,
             GError   **error)
{
  EnqueueCall *call = user_data;
  g_autofree char *now = gf_timestamp_now ();
  g_autofree char *recipient = gf_normalize_email (call->recipient);
  g_autoptr(GfStmt) stmt = NULL;

  stmt = gf_db_prepare (db,
                        "INSERT INTO mail_outbox (kind, recipient, subject, body_text, body_html, "
                        "created_at, attempts, next_attempt_at) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?6)",
                        error);
  if (stmt == NULL)
    return FALSE;

  gf_stmt_bind_text (stmt, 1, call->kind);
  gf_stmt_bind_text (stmt, 2, recipient);
  gf_stmt_bind_text (stmt, 3, call->subject);
  gf_stmt_bind_text (stmt, 4, call->body_text);
  gf_stmt_bind_text_or_null (stmt, 5, call->body_html);
  gf_stmt_bind_text (stmt, 6, now);
  if (!gf_db_step_done (db, stmt, error))
    return FALSE;

  call->id = gf_db_last_insert_id (db);
  return TRUE;
}

static GPtrArray *
select_due (GfDb     *db,
            guint     limit,
            GError  **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) gf_mail_item_free);
  g_autofree char *now = gf_timestamp_now ();
  g_autoptr(GfStmt) stmt = NULL;
  GfDbStep step;

  stmt = gf_db_prepare (db,
                        "SELECT id, kind, recipient, subject, body_text, body_html, attempts "
                        "FROM mail_outbox "
                        "WHERE sent_at IS NULL AND next_attempt_at <= ?1 AND attempts < ?2 "
                        "ORDER BY id LIMIT ?3",
                        error);
  if (stmt == NULL)
    return NULL;

  gf_stmt_bind_text (stmt, 1, now);
  sqlite3_bind_int (stmt, 2, GF_MAIL_OUTBOX_MAX_ATTEMPTS);
  /* SQLite reads a negative LIMIT as none. */
  sqlite3_bind_int64 (stmt, 3, limit > 0 ? (gint64) limit : -1);
  while ((step = gf_db_step (db, stmt, error)) == GF_DB_STEP_ROW)
    {
      GfMailItem *item = g_new0 (GfMailItem, 1);

      item->id = sqlite3_column_int64 (stmt, 0);
      item->kind = gf_stmt_dup_text (stmt, 1);
      item->recipient = gf_stmt_dup_text (stmt, 2);
      item->subject = gf_stmt_dup_text (stmt, 3);
      item->body_text = gf_stmt_dup_text (stmt, 4);
      item->body_html = gf_stmt_dup_text_or_null (stmt, 5);
      item->attempts = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (items, item);
    }
  if (step == GF_DB_STEP_ERROR)
    return NULL;

  return g_steal_pointer (&items);
}

static gboolean
claim_txn (GfDb      *db,
           gpointer   user_data,
           GError   **error)
{
  ClaimCall *call = user_data;
  g_autofree char *until = gf_timestamp_from_now (call->lease_seconds);

  g_clear_pointer (&call->items, g_ptr_array_unref);
  call->items = select_due (db, call->limit, error);
  if (call->items == NULL)
    return FALSE;

  for (guint i = 0; i < call->items->len; i++)
    {
      GfMailItem *item = g_ptr_array_index (call->items, i);
      g_autoptr(GfStmt) stmt = gf_db_prepare (db,
                                              "UPDATE mail_outbox SET next_attempt_at = ?2 "
                                              "WHERE id = ?1",
                                              error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, item->id);
      gf_stmt_bind_text (stmt, 2, until);
      if (!gf_db_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Sets next_attempt_at (and, with @sent, sent_at) of an unsent row. */
static gboolean
update_unsent (GfDb        *db,
               const char  *sql,
               gint64       id,
               const char  *value,
               GError     **error)
{
  g_autoptr(GfStmt) stmt = gf_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  gf_stmt_bind_text (stmt, 2, value);
  if (!gf_db_step_done (db, stmt, error))
    return FALSE;
  if (gf_db_changes (db) == 0)
    {
      g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND,
                   "mail %" G_GINT64_FORMAT " is not waiting in the outbox", id);
      return FALSE;
    }
  return TRUE;
}

static gboolean
mark_sent_txn (GfDb      *db,
               gpointer   user_data,
               GError   **error)
{
  g_autofree char *now = gf_timestamp_now ();

  return update_unsent (db, "UPDATE mail_outbox SET sent_at = ?2 "
                            "WHERE id = ?1 AND sent_at IS NULL",
                        *(gint64 *) user_data, now, error);
}

static gboolean
release_txn (GfDb      *db,
             gpointer   user_data,
             GError   **error)
{
  g_autofree char *now = gf_timestamp_now ();

  return update_unsent (db, "UPDATE mail_outbox SET next_attempt_at = ?2 "
                            "WHERE id = ?1 AND sent_at IS NULL",
                        *(gint64 *) user_data, now, error);
}

static gboolean
mark_failed_txn (GfDb      *db,
                 gpointer   user_data,
                 GError   **error)
{
  FailCall *call = user_data;
  g_autofree char *text = g_utf8_make_valid (call->error_text != NULL && *call->error_text != '\0'
                                             ? call->error_text : "unknown error", -1);
  g_autofree char *next = NULL;
  g_autoptr(GfStmt) stmt = NULL;
  gint64 attempts;

  stmt = gf_db_prepare (db, "SELECT attempts FROM mail_outbox WHERE id = ?1 AND sent_at IS NULL",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, call->id);
  switch (gf_db_step (db, stmt, error))
    {
    case GF_DB_STEP_ROW:
      attempts = sqlite3_column_int64 (stmt, 0) + 1;
      break;
    case GF_DB_STEP_DONE:
      g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND,
                   "mail %" G_GINT64_FORMAT " is not waiting in the outbox", call->id);
      return FALSE;
    case GF_DB_STEP_ERROR:
    default:
      return FALSE;
    }
  g_clear_pointer (&stmt, gf_stmt_release);

  if (g_utf8_strlen (text, -1) > ERROR_MAX_CHARS)
    {
      char *start = g_utf8_substring (text, 0, ERROR_MAX_CHARS);

      g_free (text);
      text = start;
    }
  next = gf_timestamp_from_now (gf_mail_outbox_retry_delay_minutes (attempts) * 60);

  stmt = gf_db_prepare (db,
                        "UPDATE mail_outbox SET attempts = ?2, last_error = ?3, "
                        "next_attempt_at = ?4 WHERE id = ?1",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, call->id);
  sqlite3_bind_int64 (stmt, 2, attempts);
  gf_stmt_bind_text (stmt, 3, text);
  gf_stmt_bind_text (stmt, 4, next);
  return gf_db_step_done (db, stmt, error);
}

/*
 * Public API
 */

GfMailItem *
gf_mail_item_copy (const GfMailItem *item)
{
  GfMailItem *copy;

  g_return_val_if_fail (item != NULL, NULL);

  copy = g_new0 (GfMailItem, 1);
  copy->id = item->id;
  copy->kind = g_strdup (item->kind);
  copy->recipient = g_strdup (item->recipient);
  copy->subject = g_strdup (item->subject);
  copy->body_text = g_strdup (item->body_text);
  copy->body_html = g_strdup (item->body_html);
  copy->attempts = item->attempts;
  return copy;
}

void
gf_mail_item_free (GfMailItem *item)
{
  if (item == NULL)
    return;

  g_free (item->kind);
  g_free (item->recipient);
  g_free (item->subject);
  g_free (item->body_text);
  g_free (item->body_html);
  g_free (item);
}

/**
 * gf_mail_outbox_enqueue:
 * @kind: what the mail is about, for the operator ("activation", "invoice", …)
 * @recipient: an e-mail address
 * @subject: one line, at most 300 characters
 * @body_text: the plain-text body
 * @body_html: (nullable): an HTML alternative
 * @out_id: (out) (optional): the outbox row
 *
 * Queues a mail for the sender. Call it inside the transaction of the change the mail
 * tells about: the mail is then queued exactly when that change commits. Alone, it is
 * its own transaction.
 */
gboolean
gf_mail_outbox_enqueue (GfDb        *db,
                        const char  *kind,
                        const char  *recipient,
                        const char  *subject,
                        const char  *body_text,
                        const char  *body_html,
                        gint64      *out_id,
                        GError     **error)
{
  EnqueueCall call = { kind, recipient, subject, body_text, body_html, 0 };

  g_return_val_if_fail (GF_IS_DB (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_enqueue (&call, error) || !gf_db_write (db, enqueue_txn, &call, error))
    return FALSE;

  if (out_id != NULL)
    *out_id = call.id;
  return TRUE;
}

/**
 * gf_mail_outbox_due:
 * @limit: the most rows to return, 0 for all
 *
 * Returns: (transfer full) (element-type GfMailItem): the unsent mails whose next attempt
 *   time has come, oldest first; %NULL with @error set on failure
 */
GPtrArray *
gf_mail_outbox_due (GfDb     *db,
                    guint     limit,
                    GError  **error)
{
  g_return_val_if_fail (GF_IS_DB (db), NULL);

  return select_due (db, limit, error);
}

/**
 * gf_mail_outbox_claim:
 * @limit: the most rows to take
 * @lease_seconds: how long other senders leave them alone
 *
 * Like gf_mail_outbox_due(), but pushes the next attempt of the rows it returns
 * @lease_seconds ahead in the same transaction, so a second sender (guichet-admin
 * beside the portal) never delivers them too. Should this sender die before marking
 * them, they come due again when the lease ends: nothing is lost.
 *
 * Returns: (transfer full) (element-type GfMailItem): the rows, oldest first
 */
GPtrArray *
gf_mail_outbox_claim (GfDb     *db,
                      guint     limit,
                      guint     lease_seconds,
                      GError  **error)
{
  ClaimCall call = { limit, lease_seconds, NULL };

  g_return_val_if_fail (GF_IS_DB (db), NULL);

  if (!gf_db_write (db, claim_txn, &call, error))
    {
      g_clear_pointer (&call.items, g_ptr_array_unref);
      return NULL;
    }
  return call.items;
}

/* Makes a claimed row due now again, as if it had never been taken. */
gboolean
gf_mail_outbox_release (GfDb     *db,
                        gint64    id,
                        GError  **error)
{
  g_return_val_if_fail (GF_IS_DB (db), FALSE);

  return gf_db_write (db, release_txn, &id, error);
}

gboolean
gf_mail_outbox_mark_sent (GfDb     *db,
                          gint64    id,
                          GError  **error)
{
  g_return_val_if_fail (GF_IS_DB (db), FALSE);

  return gf_db_write (db, mark_sent_txn, &id, error);
}

/**
 * gf_mail_outbox_mark_failed:
 * @error_text: what went wrong, kept in last_error for the operator
 *
 * Counts an attempt and schedules the next one after
 * gf_mail_outbox_retry_delay_minutes(). The row is never deleted: after
 * %GF_MAIL_OUTBOX_MAX_ATTEMPTS it stays with its error and is no longer due.
 */
gboolean
gf_mail_outbox_mark_failed (GfDb        *db,
                            gint64       id,
                            const char  *error_text,
                            GError     **error)
{
  FailCall call = { id, error_text };

  g_return_val_if_fail (GF_IS_DB (db), FALSE);

  return gf_db_write (db, mark_failed_txn, &call, error);
}

/* The wait after @attempts failures: 1, 2, 4, 8 … minutes, at most 6 hours. */
gint64
gf_mail_outbox_retry_delay_minutes (gint64 attempts)
{
  if (attempts <= 0)
    return 0;
  if (attempts > 9)
    return GF_MAIL_OUTBOX_MAX_DELAY_MINUTES;

  return MIN ((gint64) 1 << (attempts - 1), GF_MAIL_OUTBOX_MAX_DELAY_MINUTES);
}
