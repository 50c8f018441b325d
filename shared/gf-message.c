/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-message.h"
#include "gf-date.h"
#include "gf-family.h"
#include "gf-i18n.h"
#include "gf-mail-outbox.h"
#include "gf-settings.h"
#include "gf-validate.h"

/* The families' messages (written on the portal's "Contact" page) and the service's
 * replies, which are kept in the same thread and sent to the family by e-mail. */

#define SUBJECT_MAX_CHARS 200

void
gf_message_thread_free (GfMessageThread *thread)
{
  if (thread == NULL)
    return;
  g_free (thread->family_reference);
  g_free (thread->family_name);
  g_free (thread->subject);
  g_free (thread->sender_name);
  g_free (thread->last_at);
  g_free (thread);
}

void
gf_message_free (GfMessage *message)
{
  if (message == NULL)
    return;
  g_free (message->sender_name);
  g_free (message->sender_email);
  g_free (message->subject);
  g_free (message->body);
  g_free (message->created_at);
  g_free (message->read_at);
  g_free (message);
}

/**
 * gf_message_list_threads:
 * @unread_only: only the threads with a family's message nobody opened
 *
 * Returns: (transfer full) (element-type GfMessageThread): the conversations, the one
 *   with the newest message first
 */
GPtrArray *
gf_message_list_threads (GfDb      *db,
                         gboolean   unread_only,
                         GError   **error)
{
  g_autoptr(GPtrArray) threads = g_ptr_array_new_with_free_func ((GDestroyNotify)gf_message_thread_free);
  g_autoptr(GfStmt) stmt = NULL;
  GfDbStep step;

  stmt = gf_db_prepare (db,
                        "SELECT r.id, r.family_id, f.reference, "
                        "       (SELECT upper(g.last_name) || ' ' || g.first_name FROM guardian g "
                        "         WHERE g.family_id = f.id ORDER BY g.payer DESC, g.id LIMIT 1), "
                        "       r.subject, r.sender_name, max(m.created_at), count(m.id), "
                        "       sum(m.direction = 'in' AND m.read_at IS NULL) AS unread "
                        "  FROM message r JOIN family f ON f.id = r.family_id "
                        "  JOIN message m ON m.id = r.id OR m.thread_id = r.id "
                        " WHERE r.thread_id IS NULL "
                        " GROUP BY r.id HAVING ?1 = 0 OR unread > 0 "
                        " ORDER BY max(m.created_at) DESC, r.id DESC",
                        error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, unread_only ? 1 : 0);
  while ((step = gf_db_step (db, stmt, error)) == GF_DB_STEP_ROW)
    {
      GfMessageThread *thread = g_new0 (GfMessageThread, 1);

      thread->id = sqlite3_column_int64 (stmt, 0);
      thread->family_id = sqlite3_column_int64 (stmt, 1);
      thread->family_reference = gf_stmt_dup_text (stmt, 2);
      thread->family_name = gf_stmt_dup_text (stmt, 3);
      thread->subject = gf_stmt_dup_text (stmt, 4);
      thread->sender_name = gf_stmt_dup_text (stmt, 5);
      thread->last_at = gf_stmt_dup_text (stmt, 6);
      thread->n_messages = sqlite3_column_int (stmt, 7);
      thread->n_unread = sqlite3_column_int (stmt, 8);
      g_ptr_array_add (threads, thread);
    }
  if (step == GF_DB_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&threads);
}

/* The family's messages nobody opened yet, for the sidebar and the list's heading. */
gint64
gf_message_count_unread (GfDb    *db,
                         GError **error)
{
  gint64 count = 0;

  if (!gf_db_query_int64 (db, "SELECT count(*) FROM message "
                              "WHERE direction = 'in' AND read_at IS NULL", &count, error))
    return -1;
  return count;
}

/**
 * gf_message_get_thread:
 * @thread_id: the first message of the thread
 *
 * Returns: (transfer full) (element-type GfMessage): the messages in the order they were
 *   written; %NULL with a #GF_DB_ERROR_NOT_FOUND error when there is no such thread
 */
GPtrArray *
gf_message_get_thread (GfDb    *db,
                       gint64   thread_id,
                       GError **error)
{
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func ((GDestroyNotify)gf_message_free);
  g_autoptr(GfStmt) stmt = NULL;
  GfDbStep step;

  stmt = gf_db_prepare (db,
                        "SELECT id, family_id, thread_id, direction = 'out', sender_name, "
                        "       sender_email, subject, body, created_at, read_at FROM message "
                        " WHERE (id = ?1 AND thread_id IS NULL) OR thread_id = ?1 "
                        " ORDER BY created_at, id",
                        error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, thread_id);
  while ((step = gf_db_step (db, stmt, error)) == GF_DB_STEP_ROW)
    {
      GfMessage *message = g_new0 (GfMessage, 1);

      message->id = sqlite3_column_int64 (stmt, 0);
      message->family_id = sqlite3_column_int64 (stmt, 1);
      message->thread_id = sqlite3_column_int64 (stmt, 2);
      message->outgoing = sqlite3_column_int (stmt, 3) != 0;
      message->sender_name = gf_stmt_dup_text (stmt, 4);
      message->sender_email = gf_stmt_dup_text (stmt, 5);
      message->subject = gf_stmt_dup_text (stmt, 6);
      message->body = gf_stmt_dup_text (stmt, 7);
      message->created_at = gf_stmt_dup_text (stmt, 8);
      message->read_at = gf_stmt_dup_text_or_null (stmt, 9);
      g_ptr_array_add (messages, message);
    }
  if (step == GF_DB_STEP_ERROR)
    return NULL;
  if (messages->len == 0 || ((GfMessage *)messages->pdata[0])->id != thread_id)
    {
      g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND, _("This conversation no longer exists."));
      return NULL;
    }
  return g_steal_pointer (&messages);
}

typedef struct
{
  gint64      thread_id;
  gboolean    read;
  const char *body;
  gint64      id;
} MessageCall;

static gboolean
mark_read_cb (GfDb      *db,
              GfChange  *change,
              gpointer   user_data,
              GError   **error)
{
  MessageCall *call = user_data;
  g_autofree char *now = gf_timestamp_now ();
  g_autoptr(GfStmt) stmt = NULL;
  JsonObject *details;
  int changed;

  /* Opening a thread again does not move the time it was first read. */
  stmt = gf_db_prepare (db,
                        call->read
                        ? "UPDATE message SET read_at = ?2 WHERE direction = 'in' "
                          "AND read_at IS NULL AND ((id = ?1 AND thread_id IS NULL) OR thread_id = ?1)"
                        : "UPDATE message SET read_at = NULL WHERE direction = 'in' "
                          "AND read_at IS NOT NULL AND ((id = ?1 AND thread_id IS NULL) OR thread_id = ?1)",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, call->thread_id);
  if (call->read)
    gf_stmt_bind_text (stmt, 2, now);
  if (!gf_db_step_done (db, stmt, error))
    return FALSE;
  changed = gf_db_changes (db);
  if (changed == 0)
    return TRUE;

  details = json_object_new ();
  json_object_set_int_member (details, "messages", changed);
  gf_change_record (change, call->read ? "mark-read" : "mark-unread", "message",
                    call->thread_id, details);
  return TRUE;
}

/* Marks the family's messages of the thread read (or unread again). Audited; nothing is
 * recorded when nothing changes (opening a thread already read). */
gboolean
gf_message_mark_read (GfDb           *db,
                      const GfActor  *actor,
                      gint64          thread_id,
                      gboolean        read,
                      GError        **error)
{
  MessageCall call = { thread_id, read, NULL, 0 };

  return gf_db_change (db, actor, mark_read_cb, &call, error);
}

/* The mail to the family, signed by the service like the portal's e-mails. */
static char *
reply_mail_text (GfDb       *db,
                 const char *reference,
                 const char *subject,
                 const char *body)
{
  g_autofree char *collectivite = gf_settings_get (db, GF_SETTING_COLLECTIVITE_NAME);
  g_autofree char *service = gf_settings_get (db, GF_SETTING_SERVICE_NAME);
  g_autofree char *portal = gf_settings_get (db, GF_SETTING_PORTAL_URL);

  return g_strdup_printf ("Bonjour,\n\nLe service a répondu à votre message « %s » "
                          "(dossier %s) :\n\n%s\n\nVous pouvez écrire de nouveau au service "
                          "depuis le portail des familles : %s/contact\n\n"
                          "Salutations distinguées,\n%s – %s\n\n"
                          "Merci de ne pas répondre à ce message.\n",
                          subject, reference, body, portal, collectivite, service);
}

static gboolean
reply_cb (GfDb      *db,
          GfChange  *change,
          gpointer   user_data,
          GError   **error)
{
  MessageCall *call = user_data;
  const GfActor *actor = gf_change_get_actor (change);
  g_autoptr(GPtrArray) thread = gf_message_get_thread (db, call->thread_id, error);
  g_autofree char *now = gf_timestamp_now ();
  g_autofree char *service = NULL;
  g_autofree char *service_email = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *mail_subject = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GfFamily) family = NULL;
  g_autoptr(GfStmt) stmt = NULL;
  const char *recipient;
  GfMessage *first;
  JsonObject *details;

  if (thread == NULL)
    return FALSE;
  first = thread->pdata[0];
  family = gf_family_get (db, first->family_id, error);
  if (family == NULL)
    return FALSE;

  /* The address the family gave for the answer, else the file's. */
  recipient = !first->outgoing && *first->sender_email != '\0' ? first->sender_email : family->email;
  if (recipient == NULL || *recipient == '\0')
    {
      g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                   _("This family has no e-mail address: add one to the family's file first."));
      return FALSE;
    }

  service = gf_settings_get (db, GF_SETTING_SERVICE_NAME);
  service_email = gf_settings_get (db, GF_SETTING_CONTACT_EMAIL);
  /* "RE : " may not fit in the column's 200 characters: the subject alone then. */
  if (g_str_has_prefix (first->subject, "RE : ") ||
      g_utf8_strlen (first->subject, -1) + 5 > SUBJECT_MAX_CHARS)
    subject = g_strdup (first->subject);
  else
    subject = g_strdup_printf ("RE : %s", first->subject);

  stmt = gf_db_prepare (db,
                        "INSERT INTO message (family_id, thread_id, direction, staff_id, "
                        "sender_name, sender_email, subject, body, created_at) "
                        "VALUES (?1, ?2, 'out', ?3, ?4, ?5, ?6, ?7, ?8)",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, first->family_id);
  sqlite3_bind_int64 (stmt, 2, first->id);
  sqlite3_bind_int64 (stmt, 3, actor->id);
  gf_stmt_bind_text (stmt, 4, *service != '\0' ? service : "Le service");
  gf_stmt_bind_text (stmt, 5, service_email);
  gf_stmt_bind_text (stmt, 6, subject);
  gf_stmt_bind_text (stmt, 7, call->body);
  gf_stmt_bind_text (stmt, 8, now);
  if (!gf_db_step_done (db, stmt, error))
    return FALSE;
  call->id = gf_db_last_insert_id (db);

  details = json_object_new ();
  json_object_set_int_member (details, "thread_id", first->id);
  json_object_set_int_member (details, "family_id", first->family_id);
  json_object_set_string_member (details, "recipient", recipient);
  gf_change_record (change, "reply", "message", call->id, details);

  /* At most 22 + 200 characters: within the outbox's 300. */
  mail_subject = g_strdup_printf ("Réponse du service : %s", first->subject);
  text = reply_mail_text (db, family->reference, first->subject, call->body);
  return gf_mail_outbox_enqueue (db, "reply", recipient, mail_subject, text, NULL, NULL, error);
}

/**
 * gf_message_reply:
 * @actor: a staff user (the reply records who wrote it)
 * @body: the reply, required, at most %GF_MESSAGE_BODY_MAX_CHARS characters
 * @out_id: (out) (optional): the new message
 *
 * Stores the reply in the thread and queues the e-mail to the family, in one audited
 * transaction: both or neither.
 */
gboolean
gf_message_reply (GfDb           *db,
                  const GfActor  *actor,
                  gint64          thread_id,
                  const char     *body,
                  gint64         *out_id,
                  GError        **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (body != NULL ? body : ""));
  g_autoptr(GError) local_error = NULL;
  MessageCall call = { thread_id, FALSE, trimmed, 0 };

  g_return_val_if_fail (actor != NULL, FALSE);

  if (actor->kind != GF_ACTOR_STAFF)
    {
      g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                   _("Only a staff user can reply to a family."));
      return FALSE;
    }
  if (!gf_validate_text (trimmed, GF_MESSAGE_BODY_MAX_CHARS, TRUE, &local_error))
    {
      if (g_error_matches (local_error, GF_INPUT_ERROR, GF_INPUT_ERROR_REQUIRED))
        g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_REQUIRED, _("Write the reply first."));
      else if (g_error_matches (local_error, GF_INPUT_ERROR, GF_INPUT_ERROR_TOO_LONG))
        g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_TOO_LONG,
                     _("The reply is too long: %d characters at most."), GF_MESSAGE_BODY_MAX_CHARS);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!gf_db_change (db, actor, reply_cb, &call, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = call.id;
  return TRUE;
}
