/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-message.h"
#include "gf-validate.h"
#include "gf-test-util.h"

/* One family with a message from the portal, and a staff user to answer it. */
static GfDb *
db_with_message (gint64 *out_thread)
{
  GfDb *db = gf_test_db_new (NULL);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = gf_db_exec (db,
    "INSERT INTO staff_user (id, login, display_name, role, password_hash, created_at) "
    "  VALUES (3, 'camille', 'Camille Agent', 'agent', 'x', '2026-11-01T08:00:00Z');"
    "INSERT INTO family (id, reference, email, created_at, updated_at) VALUES (1, 'F-0001', "
    "  'dossier@exemple.fr', '2026-11-01', '2026-11-01');"
    "INSERT INTO guardian (family_id, last_name, first_name, payer, created_at, updated_at) "
    "  VALUES (1, 'Dupont', 'Marie', 1, '2026-11-01', '2026-11-01');"
    "INSERT INTO family (id, reference, created_at, updated_at) VALUES (2, 'F-0002', "
    "  '2026-11-01', '2026-11-01');"
    "INSERT INTO message (id, family_id, direction, sender_name, sender_email, subject, body, "
    "  created_at) VALUES (10, 1, 'in', 'Marie Dupont', 'marie@exemple.fr', 'Cantine', "
    "  'Bonjour, une question.', '2026-11-20T09:00:00Z');"
    "INSERT INTO message (id, family_id, direction, sender_name, subject, body, created_at, "
    "  read_at) VALUES (11, 2, 'in', 'Paul', 'Ancien', 'Lu déjà.', '2026-11-10T09:00:00Z', "
    "  '2026-11-11T09:00:00Z');", &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  *out_thread = 10;
  return db;
}

static void
test_list_and_read (void)
{
  gint64 thread_id;
  g_autoptr(GfDb) db = db_with_message (&thread_id);
  g_autoptr(GPtrArray) threads = NULL;
  g_autoptr(GPtrArray) unread = NULL;
  g_autoptr(GError) error = NULL;
  GfActor agent = { GF_ACTOR_STAFF, 3, "camille" };
  GfMessageThread *first;

  threads = gf_message_list_threads (db, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (threads->len, ==, 2);
  first = threads->pdata[0];
  /* Newest first, with the family's name and the unread count. */
  g_assert_cmpint (first->id, ==, 10);
  g_assert_cmpstr (first->family_name, ==, "DUPONT Marie");
  g_assert_cmpstr (first->family_reference, ==, "F-0001");
  g_assert_cmpuint (first->n_unread, ==, 1);
  g_assert_cmpint (gf_message_count_unread (db, NULL), ==, 1);

  unread = gf_message_list_threads (db, TRUE, &error);
  g_assert_cmpuint (unread->len, ==, 1);

  g_assert_true (gf_message_mark_read (db, &agent, thread_id, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gf_message_count_unread (db, NULL), ==, 0);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM audit_log WHERE action = 'mark-read'"), ==, 1);
  /* Opening it again changes nothing and records nothing. */
  g_assert_true (gf_message_mark_read (db, &agent, thread_id, TRUE, &error));
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM audit_log"), ==, 1);

  g_assert_true (gf_message_mark_read (db, &agent, thread_id, FALSE, &error));
  g_assert_cmpint (gf_message_count_unread (db, NULL), ==, 1);
}

static void
test_reply (void)
{
  gint64 thread_id, reply_id = 0;
  g_autoptr(GfDb) db = db_with_message (&thread_id);
  g_autoptr(GPtrArray) thread = NULL;
  g_autoptr(GError) error = NULL;
  GfActor agent = { GF_ACTOR_STAFF, 3, "camille" };
  GfMessage *reply;

  g_assert_true (gf_message_reply (db, &agent, thread_id, "  Voici la réponse.\n", &reply_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (reply_id, >, 0);

  thread = gf_message_get_thread (db, thread_id, &error);
  g_assert_cmpuint (thread->len, ==, 2);
  reply = thread->pdata[1];
  g_assert_true (reply->outgoing);
  g_assert_cmpstr (reply->body, ==, "Voici la réponse.");
  g_assert_cmpstr (reply->subject, ==, "RE : Cantine");
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM message WHERE direction = 'out' "
                                      "AND thread_id = 10 AND staff_id = 3"), ==, 1);

  /* One mail, to the address the family gave on the portal, with the reply in it. */
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM mail_outbox"), ==, 1);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM mail_outbox WHERE kind = 'reply' "
                                      "AND recipient = 'marie@exemple.fr' "
                                      "AND body_text LIKE '%Voici la réponse.%'"), ==, 1);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM audit_log WHERE action = 'reply' "
                                      "AND entity = 'message' AND actor_id = 3"), ==, 1);
}

static void
test_reply_refused (void)
{
  gint64 thread_id;
  g_autoptr(GfDb) db = db_with_message (&thread_id);
  GfActor agent = { GF_ACTOR_STAFF, 3, "camille" };
  GfActor system = GF_ACTOR_INIT_SYSTEM ("test");
  g_autofree char *long_body = g_strnfill (GF_MESSAGE_BODY_MAX_CHARS + 1, 'a');
  const char *empty[] = { "", "   \n\t ", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (empty); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (gf_message_reply (db, &agent, thread_id, empty[i], NULL, &error));
      g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_REQUIRED);
    }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (gf_message_reply (db, &agent, thread_id, long_body, NULL, &error));
    g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_TOO_LONG);
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (gf_message_reply (db, &agent, 999, "Bonjour", NULL, &error));
    g_assert_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND);
  }
  {
    g_autoptr(GError) error = NULL;

    /* A reply records who wrote it: only a staff user can. */
    g_assert_false (gf_message_reply (db, &system, thread_id, "Bonjour", NULL, &error));
    g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
  }
  {
    g_autoptr(GError) error = NULL;

    /* Family 2 has no address at all: nothing stored, nothing queued. */
    g_assert_false (gf_message_reply (db, &agent, 11, "Bonjour", NULL, &error));
    g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
  }

  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM message WHERE direction = 'out'"), ==, 0);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM mail_outbox"), ==, 0);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM audit_log"), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gf_test_init_env ();

  g_test_add_func ("/gf/message/list-and-read", test_list_and_read);
  g_test_add_func ("/gf/message/reply", test_reply);
  g_test_add_func ("/gf/message/reply-refused", test_reply_refused);

  return g_test_run ();
}
