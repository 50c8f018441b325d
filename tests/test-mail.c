/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-audit.h"
#include "gf-date.h"
#include "gf-mail-message.h"
#include "gf-mail-outbox.h"
#include "gf-mail-sender.h"
#include "gf-settings.h"
#include "gf-test-util.h"
#include "gf-validate.h"

#include <gio/gio.h>
#include <string.h>

#define SENDER "Mairie de Démonstration <ne-pas-repondre@mairie-demo.fr>"
#define SUBJECT "Accès au portail des factures – Mairie de Démonstration"
#define TEXT_BODY "Bonjour Marie,\n\nVotre espace famille est prêt : suivez ce lien " \
  "pour choisir votre mot de passe.\n\n.Une ligne qui commence par un point.\n\nLe service Enfance"
#define HTML_BODY "<!DOCTYPE html>\n<html lang=\"fr\"><body>\n<p>Bonjour Marie,</p>\n" \
  "<p style=\"margin:0\">Votre espace famille est prêt&nbsp;: <a href=\"https://portail" \
  ".mairie-demo.fr/activer?jeton=abc\">choisir mon mot de passe</a> = 100 % en ligne.</p>\n" \
  "</body></html>\n"

/* A real SMTP receiver (aiosmtpd) on a free loopback port, which it prints once it
 * listens. It keeps each message as received, after two envelope lines, in a Maildir,
 * refuses recipients whose address starts with "refuse", and stops when its stdin closes
 * (so it never outlives a crashed test). */
static const char receiver_script[] =
  "import asyncio, mailbox, os, sys\n"
  "from aiosmtpd.smtp import SMTP\n"
  "class Handler:\n"
  "  def __init__(self, path):\n"
  "    self.box = mailbox.Maildir(path, create=True)\n"
  "  async def handle_RCPT(self, server, session, envelope, address, options):\n"
  "    if address.startswith('refuse'):\n"
  "      return '550 5.1.1 Mailbox unavailable'\n"
  "    envelope.rcpt_tos.append(address)\n"
  "    return '250 OK'\n"
  "  async def handle_DATA(self, server, session, envelope):\n"
  "    head = 'X-MailFrom: %s\\r\\nX-RcptTo: %s\\r\\n' % (envelope.mail_from,\n"
  "                                                  ','.join(envelope.rcpt_tos))\n"
  "    self.box.add(head.encode() + envelope.original_content)\n"
  "    return '250 OK'\n"
  "async def main():\n"
  "  loop = asyncio.get_running_loop()\n"
  "  done = asyncio.Event()\n"
  "  handler = Handler(sys.argv[1])\n"
  "  server = await loop.create_server(lambda: SMTP(handler, hostname='localhost'),\n"
  "                                    '127.0.0.1', 0)\n"
  "  loop.add_reader(0, lambda: os.read(0, 64) or done.set())\n"
  "  print(server.sockets[0].getsockname()[1], flush=True)\n"
  "  await done.wait()\n"
  "  server.close()\n"
  "asyncio.run(main())\n";

typedef struct
{
  GSubprocess *process;
  char        *dir;
  guint16      port;
} Receiver;

/*
 * Reading messages back
 */

/* The unfolded value of the first header called @name, or NULL. */
static char *
header_value (const char *message,
              const char *name)
{
  g_autoptr(GString) unfolded = g_string_new (NULL);
  const char *end = strstr (message, "\r\n\r\n");
  g_autofree char *head = g_strndup (message, end != NULL ? (gsize) (end - message)
                                                       : strlen (message));
  g_auto(GStrv) lines = NULL;
  gsize name_len = strlen (name);
  char *value = NULL;

  g_string_append (unfolded, head);
  g_string_replace (unfolded, "\r\n ", " ", 0);
  g_string_replace (unfolded, "\r\n\t", "\t", 0);
  lines = g_strsplit (unfolded->str, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL && value == NULL; i++)
    if (g_ascii_strncasecmp (lines[i], name, name_len) == 0 && lines[i][name_len] == ':')
      value = g_strdup (g_strstrip (lines[i] + name_len + 1));
  return value;
}

/* Decodes RFC 2047 B encoded-words; white space between two of them is dropped. */
static char *
decode_words (const char *value)
{
  GString *out = g_string_new (NULL);
  const char *p = value;
  gboolean after_word = FALSE;

  while (*p != '\0')
    {
      const char *start = strstr (p, "=?UTF-8?B?");
      const char *end;
      g_autofree char *text = NULL;
      g_autofree guchar *bytes = NULL;
      gsize len = 0;

      if (start == NULL)
        {
          g_string_append (out, p);
          break;
        }
      text = g_strndup (p, (gsize) (start - p));
      if (!after_word || strspn (text, " \t") != strlen (text))
        g_string_append (out, text);
      end = strstr (start + 10, "?=");
      g_assert_nonnull (end);
      g_clear_pointer (&text, g_free);
      text = g_strndup (start + 10, (gsize) (end - start - 10));
      bytes = g_base64_decode (text, &len);
      g_string_append_len (out, (const char *) bytes, (gssize) len);
      p = end + 2;
      after_word = TRUE;
    }
  return g_string_free (out, FALSE);
}

static char *
decode_quoted_printable (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p != '=')
        g_string_append_c (out, *p);
      else if (p[1] == '\r' && p[2] == '\n')
        p += 2;
      else
        {
          g_assert_true (g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]));
          g_string_append_c (out, (char) (g_ascii_xdigit_value (p[1]) * 16 +
                                          g_ascii_xdigit_value (p[2])));
          p += 2;
        }
    }
  return g_string_free (out, FALSE);
}

static char *
crlf_to_lf (const char *text)
{
  GString *out = g_string_new (text);

  g_string_replace (out, "\r\n", "\n", 0);
  return g_string_free (out, FALSE);
}

/* The decoded body of the part of type @media_type, with LF line ends, or NULL. */
static char *
part_text (const char *message,
           const char *media_type)
{
  g_autofree char *type = header_value (message, "Content-Type");
  const char *boundary_at;
  g_autofree char *delimiter = NULL;
  g_auto(GStrv) parts = NULL;

  g_assert_nonnull (type);
  boundary_at = strstr (type, "boundary=\"");
  if (boundary_at == NULL)
    {
      const char *body = strstr (message, "\r\n\r\n");
      g_autofree char *decoded = NULL;

      if (!g_str_has_prefix (type, media_type))
        return NULL;
      g_assert_nonnull (body);
      /* The last CRLF ends the message's last line. */
      g_assert_true (g_str_has_suffix (body, "\r\n"));
      decoded = decode_quoted_printable (body + 4);
      decoded[strlen (decoded) - 2] = '\0';
      return crlf_to_lf (decoded);
    }

  delimiter = g_strdup_printf ("\r\n--%.*s", (int) strcspn (boundary_at + 10, "\""),
                               boundary_at + 10);
  parts = g_strsplit (message, delimiter, -1);
  for (guint i = 1; parts[i] != NULL; i++)
    {
      g_autofree char *part = g_strdup (parts[i] + 2);  /* after the CRLF of the delimiter line */
      g_autofree char *part_type = header_value (part, "Content-Type");
      g_autofree char *encoding = header_value (part, "Content-Transfer-Encoding");
      const char *body = strstr (part, "\r\n\r\n");
      g_autofree char *decoded = NULL;

      if (part_type == NULL || !g_str_has_prefix (part_type, media_type))
        continue;
      g_assert_cmpstr (encoding, ==, "quoted-printable");
      g_assert_nonnull (strstr (part_type, "charset=UTF-8"));
      g_assert_nonnull (body);
      decoded = decode_quoted_printable (body + 4);
      return crlf_to_lf (decoded);
    }
  return NULL;
}

/* CRLF everywhere, no line over 998 bytes, header lines under 78 characters. */
static void
assert_well_formed (const char *message)
{
  const char *end_of_head = strstr (message, "\r\n\r\n");
  const char *line = message;

  g_assert_nonnull (end_of_head);
  g_assert_true (g_str_has_suffix (message, "\r\n"));
  for (const char *p = message; *p != '\0'; p++)
    {
      if (*p == '\n')
        g_assert_true (p > message && p[-1] == '\r');
      if (*p == '\r')
        g_assert_true (p[1] == '\n');
      if (*p == '\n')
        {
          gsize len = (gsize) (p - 1 - line);

          g_assert_cmpuint (len, <=, 998);
          if (line < end_of_head)
            g_assert_cmpuint (len, <, 78);
          /* Quoted-printable leaves no line that SMTP could take for its end. */
          g_assert_false (line[0] == '.');
          line = p + 1;
        }
    }
}

/*
 * Helpers
 */

static void
set_setting (GfDb       *db,
             const char *key,
             const char *value)
{
  GfActor actor = GF_ACTOR_INIT_SYSTEM ("test");
  g_autoptr(GError) error = NULL;

  g_assert_true (gf_settings_set (db, &actor, key, value, &error));
  g_assert_no_error (error);
}

static gint64
enqueue (GfDb       *db,
         const char *recipient,
         const char *subject,
         const char *text,
         const char *html)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (gf_mail_outbox_enqueue (db, "test", recipient, subject, text, html, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
run_sender (GfMailSender *sender)
{
  g_autoptr(GError) error = NULL;
  guint sent = G_MAXUINT;

  g_assert_true (gf_mail_sender_run_once (sender, &sent, &error));
  g_assert_no_error (error);
  return sent;
}

/* The messages in @dir/new, in name order. */
static GPtrArray *
read_maildir (const char *dir)
{
  g_autofree char *new_dir = g_build_filename (dir, "new", NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) handle = g_dir_open (new_dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (new_dir, g_ptr_array_index (names, i), NULL);
      char *contents = NULL;

      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_ptr_array_add (messages, contents);
    }
  return messages;
}

static guint
count_maildir (const char *dir)
{
  g_autoptr(GPtrArray) messages = read_maildir (dir);

  return messages->len;
}

/* Some message of @messages whose decoded subject is @subject, or NULL. */
static const char *
find_by_subject (GPtrArray  *messages,
                 const char *subject)
{
  for (guint i = 0; i < messages->len; i++)
    {
      g_autofree char *raw = header_value (g_ptr_array_index (messages, i), "Subject");
      g_autofree char *decoded = raw != NULL ? decode_words (raw) : NULL;

      if (g_strcmp0 (decoded, subject) == 0)
        return g_ptr_array_index (messages, i);
    }
  return NULL;
}

static guint16
closed_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_socket_bind (socket, any, FALSE, &error));
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  g_socket_close (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* A Python with aiosmtpd: Debian's python3 even when another one comes first in PATH. */
static const char *
find_python (void)
{
  static const char *found;
  static gboolean searched;
  const char *candidates[] = { g_getenv ("GF_TEST_PYTHON"), "/usr/bin/python3", "python3" };

  for (guint i = 0; !searched && i < G_N_ELEMENTS (candidates); i++)
    {
      g_autoptr(GSubprocess) probe = NULL;

      if (candidates[i] == NULL)
        continue;
      probe = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                                NULL, candidates[i], "-c", "import aiosmtpd", NULL);
      if (probe != NULL && g_subprocess_wait_check (probe, NULL, NULL))
        {
          found = candidates[i];
          break;
        }
    }
  searched = TRUE;
  return found;
}

static Receiver *
receiver_start (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  g_autofree char *line = NULL;
  g_autofree char *base = NULL;
  const char *python = find_python ();
  Receiver *receiver;
  guint64 port = 0;

  if (python == NULL)
    {
      g_test_skip ("python3 with aiosmtpd (Debian package python3-aiosmtpd) is not installed");
      return NULL;
    }

  base = g_dir_make_tmp ("gf-smtp-XXXXXX", &error);
  g_assert_no_error (error);
  receiver = g_new0 (Receiver, 1);
  receiver->dir = g_build_filename (base, "Maildir", NULL);
  receiver->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                        &error, python, "-c", receiver_script, receiver->dir, NULL);
  g_assert_no_error (error);

  /* It prints its port once it listens, so it accepts connections from then on. */
  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (receiver->process));
  line = g_data_input_stream_read_line_utf8 (output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_ascii_string_to_unsigned (line, 10, 1, 65535, &port, NULL));
  receiver->port = (guint16) port;
  return receiver;
}

static void
receiver_stop (Receiver *receiver)
{
  if (receiver == NULL)
    return;
  g_subprocess_force_exit (receiver->process);
  g_subprocess_wait (receiver->process, NULL, NULL);
  g_object_unref (receiver->process);
  g_free (receiver->dir);
  g_free (receiver);
}

static void
use_relay (GfDb    *db,
           guint16  port)
{
  g_autofree char *url = g_strdup_printf ("smtp://127.0.0.1:%u", port);

  set_setting (db, GF_SETTING_SMTP_URL, url);
}

typedef struct
{
  GMainLoop *loop;
  gboolean (*check) (gpointer data);
  gpointer   data;
  gboolean   timed_out;
} Wait;

static gboolean
wait_poll_cb (gpointer user_data)
{
  Wait *wait = user_data;

  if (wait->check (wait->data))
    g_main_loop_quit (wait->loop);
  return G_SOURCE_CONTINUE;
}

static gboolean
wait_cap_cb (gpointer user_data)
{
  Wait *wait = user_data;

  wait->timed_out = TRUE;
  g_main_loop_quit (wait->loop);
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @check holds, at most @seconds. */
static gboolean
loop_until (gboolean (*check) (gpointer data),
            gpointer   data,
            guint      seconds)
{
  Wait wait = { g_main_loop_new (NULL, FALSE), check, data, FALSE };
  guint poll = g_timeout_add (50, wait_poll_cb, &wait);
  guint cap = g_timeout_add_seconds (seconds, wait_cap_cb, &wait);

  if (!check (data))
    g_main_loop_run (wait.loop);
  g_source_remove (poll);
  if (!wait.timed_out)
    g_source_remove (cap);
  g_main_loop_unref (wait.loop);
  return !wait.timed_out;
}

static gboolean
pointer_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}


static char *
row_text (GfDb       *db,
          const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (gf_db_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static void
exec_sql (GfDb       *db,
          const char *sql)
{
  g_assert_cmpint (sqlite3_exec (gf_db_get_handle (db), sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

/* Seconds from now to the stored time stamp @sql selects. */
static gint64
seconds_until (GfDb       *db,
               const char *sql)
{
  g_autofree char *stamp = row_text (db, sql);
  g_autoptr(GDateTime) then = gf_timestamp_parse (stamp, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_assert_nonnull (then);
  return g_date_time_difference (then, now) / G_TIME_SPAN_SECOND;
}

static GfDb *
mail_db_new (char **out_path)
{
  GfDb *db = gf_test_db_new (out_path);

  set_setting (db, GF_SETTING_MAIL_SENDER, SENDER);
  return db;
}

static char *
maildir_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_dir_make_tmp ("gf-maildir-XXXXXX", &error);

  g_assert_no_error (error);
  /* The sender creates the folder and its tmp/, new/ and cur/. */
  return g_build_filename (base, "Maildir", NULL);
}

/*
 * Messages
 */

static void
test_message_encoded (void)
{
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 11, 22, 15, 4, 5);
  g_autoptr(GString) text = g_string_new (TEXT_BODY);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *other = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *decoded = NULL;
  g_autofree char *from = NULL;
  g_autofree char *from_decoded = NULL;
  g_autofree char *to = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *id = NULL;
  g_autofree char *other_id = NULL;
  g_autofree char *mime = NULL;
  g_autofree char *auto_submitted = NULL;
  g_autofree char *type = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *html = NULL;

  /* A paragraph with no line break, longer than any line SMTP allows. */
  g_string_append (text, "\n");
  for (guint i = 0; i < 300; i++)
    g_string_append (text, "Crèche, garderie = accueil périscolaire. ");

  message = gf_mail_message_build (SENDER, "marie.dupont@exemple.fr", SUBJECT, text->str,
                                   HTML_BODY, "mairie-demo.fr", date, &error);
  g_assert_no_error (error);
  g_assert_nonnull (message);
  assert_well_formed (message);

  subject = header_value (message, "Subject");
  g_assert_true (g_str_has_prefix (subject, "=?UTF-8?B?"));
  decoded = decode_words (subject);
  g_assert_cmpstr (decoded, ==, SUBJECT);

  from = header_value (message, "From");
  g_assert_true (g_str_has_prefix (from, "=?UTF-8?B?"));
  from_decoded = decode_words (from);
  g_assert_cmpstr (from_decoded, ==, SENDER);

  to = header_value (message, "To");
  g_assert_cmpstr (to, ==, "marie.dupont@exemple.fr");
  date_text = header_value (message, "Date");
  g_assert_cmpstr (date_text, ==, "Sun, 22 Nov 2026 15:04:05 +0000");
  mime = header_value (message, "MIME-Version");
  g_assert_cmpstr (mime, ==, "1.0");
  auto_submitted = header_value (message, "Auto-Submitted");
  g_assert_cmpstr (auto_submitted, ==, "auto-generated");

  id = header_value (message, "Message-ID");
  g_assert_true (g_str_has_prefix (id, "<"));
  g_assert_true (g_str_has_suffix (id, "@mairie-demo.fr>"));
  g_assert_cmpuint (strlen (id), >, strlen ("<@mairie-demo.fr>") + 20);
  g_assert_cmpuint (strspn (id + 1, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                    "abcdefghijklmnopqrstuvwxyz0123456789-_"),
                    ==, strlen (id) - strlen ("<@mairie-demo.fr>"));

  type = header_value (message, "Content-Type");
  g_assert_true (g_str_has_prefix (type, "multipart/alternative;"));
  plain = part_text (message, "text/plain");
  g_assert_cmpstr (plain, ==, text->str);
  html = part_text (message, "text/html");
  g_assert_cmpstr (html, ==, HTML_BODY);

  /* Every message has an identifier of its own. */
  other = gf_mail_message_build (SENDER, "marie.dupont@exemple.fr", SUBJECT, "x", NULL,
                                 "mairie-demo.fr", date, &error);
  g_assert_no_error (error);
  other_id = header_value (other, "Message-ID");
  g_assert_cmpstr (other_id, !=, id);
}

static void
test_message_plain (void)
{
  g_autoptr(GTimeZone) paris_summer = g_time_zone_new_identifier ("+02:00");
  g_autoptr(GDateTime) date = g_date_time_new (paris_summer, 2024, 8, 19, 9, 30, 0);
  g_autoptr(GString) long_subject = g_string_new ("Votre facture");
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *value = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *id = NULL;
  g_autofree char *type = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *html = NULL;
  g_autofree char *date_text = gf_mail_message_format_date (date);
  g_autofree char *mailbox = NULL;
  g_autofree char *name = NULL;
  g_autofree char *address = NULL;

  g_assert_cmpstr (date_text, ==, "Mon, 19 Aug 2024 09:30:00 +0200");

  message = gf_mail_message_build ("ne-pas-repondre@mairie-demo.fr",
                                   "Marie Dupont <marie.dupont@exemple.fr>",
                                   "Votre facture 2024-09 est disponible", "Bonjour", NULL,
                                   NULL, NULL, &error);
  g_assert_no_error (error);
  assert_well_formed (message);
  subject = header_value (message, "Subject");
  g_assert_cmpstr (subject, ==, "Votre facture 2024-09 est disponible");
  from = header_value (message, "From");
  g_assert_cmpstr (from, ==, "ne-pas-repondre@mairie-demo.fr");
  to = header_value (message, "To");
  g_assert_cmpstr (to, ==, "Marie Dupont <marie.dupont@exemple.fr>");
  id = header_value (message, "Message-ID");
  g_assert_true (g_str_has_suffix (id, "@mairie-demo.fr>"));
  type = header_value (message, "Content-Type");
  g_assert_cmpstr (type, ==, "text/plain; charset=UTF-8");
  plain = part_text (message, "text/plain");
  g_assert_cmpstr (plain, ==, "Bonjour");
  html = part_text (message, "text/html");
  g_assert_null (html);

  /* A long ASCII subject is folded between words and unfolds to itself. */
  for (guint i = 0; i < 30; i++)
    g_string_append_printf (long_subject, " FA-2024-%04u", i);
  folded = gf_mail_message_build ("ne-pas-repondre@mairie-demo.fr", "marie.dupont@exemple.fr",
                                  long_subject->str, "Bonjour", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_well_formed (folded);
  g_assert_nonnull (strstr (folded, "\r\n FA-2024-"));
  value = header_value (folded, "Subject");
  g_assert_cmpstr (value, ==, long_subject->str);

  /* A display name with quotes and commas survives the way there and back. */
  mailbox = gf_mail_message_format_mailbox ("Service \"Enfance\", Mairie",
                                            "enfance@mairie-demo.fr");
  g_assert_true (gf_mail_message_parse_mailbox (mailbox, &name, &address, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "Service \"Enfance\", Mairie");
  g_assert_cmpstr (address, ==, "enfance@mairie-demo.fr");
}

static void
test_message_injection (void)
{
  const char *subjects[] = {
    "Bonjour\r\nBcc: espion@exemple.fr",
    "Bonjour\nBcc: espion@exemple.fr",
    "Bonjour\rBcc: espion@exemple.fr",
  };
  g_autoptr(GfDb) db = gf_test_db_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (subjects); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *message = gf_mail_message_build (SENDER, "marie.dupont@exemple.fr",
                                                        subjects[i], "texte", NULL, NULL, NULL,
                                                        &error);

      g_assert_null (message);
      g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
      g_clear_error (&error);
      g_assert_false (gf_mail_outbox_enqueue (db, "test", "marie.dupont@exemple.fr", subjects[i],
                                              "texte", NULL, NULL, &error));
      g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
    }

  {
    const char *recipients[] = {
      "marie.dupont@exemple.fr\r\nBcc: espion@exemple.fr",
      "Marie <marie.dupont@exemple.fr>\nBcc: espion@exemple.fr",
      "pas-une-adresse",
    };

    for (guint i = 0; i < G_N_ELEMENTS (recipients); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *message = gf_mail_message_build (SENDER, recipients[i], "Bonjour", "texte",
                                                          NULL, NULL, NULL, &error);

        g_assert_null (message);
        g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
      }
  }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *message = NULL;

    message = gf_mail_message_build ("Mairie\r\nBcc: espion@exemple.fr <a@mairie-demo.fr>",
                                     "marie.dupont@exemple.fr", "Bonjour", "texte", NULL, NULL,
                                     NULL, &error);

    g_assert_null (message);
    g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
  }

  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM mail_outbox"), ==, 0);
}

/*
 * Outbox
 */

static gboolean
enqueue_txn (GfDb      *db,
             gpointer   user_data,
             GError   **error)
{
  if (!gf_mail_outbox_enqueue (db, "activation", "marie.dupont@exemple.fr", SUBJECT, TEXT_BODY,
                               HTML_BODY, NULL, error))
    return FALSE;
  if (GPOINTER_TO_INT (user_data))
    {
      g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_FAILED, "the change fails after queueing");
      return FALSE;
    }
  return TRUE;
}

static void
test_outbox_enqueue (void)
{
  g_autoptr(GfDb) db = gf_test_db_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) claimed = NULL;
  g_autoptr(GPtrArray) after_claim = NULL;
  g_autoptr(GPtrArray) released = NULL;
  g_autoptr(GString) longest = g_string_new (NULL);
  GfMailItem *item;

  g_assert_false (gf_mail_outbox_enqueue (db, "test", "pas-une-adresse", "Objet", "texte", NULL,
                                          NULL, &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gf_mail_outbox_enqueue (db, "test", "marie.dupont@exemple.fr", "", "texte", NULL,
                                          NULL, &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_REQUIRED);
  g_clear_error (&error);
  for (guint i = 0; i < GF_MAIL_OUTBOX_SUBJECT_MAX_CHARS; i++)
    g_string_append (longest, "é");
  g_assert_true (gf_mail_outbox_enqueue (db, "test", "marie.dupont@exemple.fr", longest->str,
                                         "texte", NULL, NULL, &error));
  g_assert_no_error (error);
  g_string_append (longest, "é");
  g_assert_false (gf_mail_outbox_enqueue (db, "test", "marie.dupont@exemple.fr", longest->str,
                                          "texte", NULL, NULL, &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_TOO_LONG);
  g_clear_error (&error);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM mail_outbox"), ==, 1);
  exec_sql (db, "DELETE FROM mail_outbox");

  /* Queued with the change it tells about: a change rolled back queues nothing. */
  g_assert_false (gf_db_write (db, enqueue_txn, GINT_TO_POINTER (TRUE), &error));
  g_assert_error (error, GF_DB_ERROR, GF_DB_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM mail_outbox"), ==, 0);
  g_assert_true (gf_db_write (db, enqueue_txn, GINT_TO_POINTER (FALSE), &error));
  g_assert_no_error (error);
  enqueue (db, "  Paul.Martin@Exemple.FR ", "Votre facture est disponible", "Bonjour", NULL);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM mail_outbox WHERE attempts = 0 "
                                      "AND sent_at IS NULL AND last_error IS NULL "
                                      "AND next_attempt_at = created_at"), ==, 2);

  due = gf_mail_outbox_due (db, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 2);
  item = g_ptr_array_index (due, 0);
  g_assert_cmpstr (item->kind, ==, "activation");
  g_assert_cmpstr (item->recipient, ==, "marie.dupont@exemple.fr");
  g_assert_cmpstr (item->subject, ==, SUBJECT);
  g_assert_cmpstr (item->body_text, ==, TEXT_BODY);
  g_assert_cmpstr (item->body_html, ==, HTML_BODY);
  g_assert_cmpint (item->attempts, ==, 0);
  item = g_ptr_array_index (due, 1);
  g_assert_cmpstr (item->recipient, ==, "paul.martin@exemple.fr");
  g_assert_null (item->body_html);

  /* A claimed mail is left alone by other senders until it is released. */
  claimed = gf_mail_outbox_claim (db, 1, 600, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (claimed->len, ==, 1);
  item = g_ptr_array_index (claimed, 0);
  g_assert_cmpstr (item->recipient, ==, "marie.dupont@exemple.fr");
  after_claim = gf_mail_outbox_due (db, 10, &error);
  g_assert_cmpuint (after_claim->len, ==, 1);
  g_assert_true (gf_mail_outbox_release (db, item->id, &error));
  g_assert_no_error (error);
  released = gf_mail_outbox_due (db, 0, &error);
  g_assert_cmpuint (released->len, ==, 2);

  g_assert_false (gf_mail_outbox_mark_sent (db, 9999, &error));
  g_assert_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND);
}

static void
test_outbox_backoff (void)
{
  g_autoptr(GfDb) db = gf_test_db_new (NULL);
  gint64 id = enqueue (db, "marie.dupont@exemple.fr", SUBJECT, TEXT_BODY, NULL);
  g_autofree char *last_error = NULL;

  g_assert_cmpint (gf_mail_outbox_retry_delay_minutes (1), ==, 1);
  g_assert_cmpint (gf_mail_outbox_retry_delay_minutes (2), ==, 2);
  g_assert_cmpint (gf_mail_outbox_retry_delay_minutes (4), ==, 8);
  g_assert_cmpint (gf_mail_outbox_retry_delay_minutes (9), ==, 256);
  g_assert_cmpint (gf_mail_outbox_retry_delay_minutes (10), ==, 360);
  g_assert_cmpint (gf_mail_outbox_retry_delay_minutes (60), ==, 360);

  for (gint64 attempt = 1; attempt <= GF_MAIL_OUTBOX_MAX_ATTEMPTS; attempt++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) due = NULL;
      g_autoptr(GPtrArray) due_later = NULL;
      gint64 wait;

      g_assert_true (gf_mail_outbox_mark_failed (db, id, "Couldn't connect to server", &error));
      g_assert_no_error (error);
      g_assert_cmpint (gf_test_count (db, "SELECT attempts FROM mail_outbox"), ==, attempt);

      wait = seconds_until (db, "SELECT next_attempt_at FROM mail_outbox");
      g_assert_cmpint (wait, >=, gf_mail_outbox_retry_delay_minutes (attempt) * 60 - 5);
      g_assert_cmpint (wait, <=, gf_mail_outbox_retry_delay_minutes (attempt) * 60 + 5);
      due = gf_mail_outbox_due (db, 10, &error);
      g_assert_cmpuint (due->len, ==, 0);

      /* Once the wait is over it is due again, until the last attempt. */
      exec_sql (db, "UPDATE mail_outbox SET next_attempt_at = '2000-01-01T00:00:00Z'");
      due_later = gf_mail_outbox_due (db, 10, &error);
      g_assert_cmpuint (due_later->len, ==, attempt < GF_MAIL_OUTBOX_MAX_ATTEMPTS ? 1 : 0);
    }

  /* Given up, but kept with its error. */
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM mail_outbox WHERE sent_at IS NULL"),
                   ==, 1);
  last_error = row_text (db, "SELECT last_error FROM mail_outbox");
  g_assert_cmpstr (last_error, ==, "Couldn't connect to server");
}

/*
 * Delivery into a maildir
 */

static void
test_maildir (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GfDb) db = mail_db_new (&path);
  g_autofree char *maildir = maildir_new ();
  g_autofree char *tmp_dir = g_build_filename (maildir, "tmp", NULL);
  g_autoptr(GfMailSender) sender = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) tmp = NULL;
  const char *subjects[] = { SUBJECT, "Votre facture FA-2024-0042 est disponible",
                             "Rappel : réservations de la cantine du mois de septembre" };
  guint sent = G_MAXUINT;

  enqueue (db, "marie.dupont@exemple.fr", subjects[0], TEXT_BODY, HTML_BODY);
  enqueue (db, "paul.martin@exemple.fr", subjects[1], "Montant : 42,50 €", NULL);
  enqueue (db, "marie.dupont@exemple.fr", subjects[2], "Pensez à réserver.",
           "<p>Pensez à réserver.</p>");

  sender = gf_mail_sender_new (path, maildir);
  g_assert_cmpint (run_sender (sender), ==, 3);

  messages = read_maildir (maildir);
  g_assert_cmpuint (messages->len, ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (subjects); i++)
    {
      const char *message = find_by_subject (messages, subjects[i]);
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;
      g_autofree char *date = NULL;
      g_autofree char *id = NULL;
      g_autofree char *plain = NULL;

      g_assert_nonnull (message);
      assert_well_formed (message);
      from = header_value (message, "From");
      g_assert_nonnull (strstr (from, "<ne-pas-repondre@mairie-demo.fr>"));
      to = header_value (message, "To");
      g_assert_cmpstr (to, ==, i == 1 ? "paul.martin@exemple.fr" : "marie.dupont@exemple.fr");
      date = header_value (message, "Date");
      g_assert_nonnull (date);
      id = header_value (message, "Message-ID");
      g_assert_true (g_str_has_suffix (id, "@mairie-demo.fr>"));
      plain = part_text (message, "text/plain");
      g_assert_cmpstr (plain, ==, i == 0 ? TEXT_BODY : i == 1 ? "Montant : 42,50 €"
                                                              : "Pensez à réserver.");
    }
  /* Nothing is left half-written in tmp/. */
  tmp = g_dir_open (tmp_dir, 0, &error);
  g_assert_no_error (error);
  g_assert_null (g_dir_read_name (tmp));
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM mail_outbox WHERE sent_at IS NOT NULL "
                                      "AND attempts = 0"), ==, 3);

  /* Again, through the asynchronous API: nothing left to send. */
  gf_mail_sender_run_once_async (sender, NULL, store_result_cb, &result);
  g_assert_true (loop_until (pointer_set, &result, 20));
  g_assert_true (gf_mail_sender_run_once_finish (sender, result, &sent, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sent, ==, 0);
  g_assert_cmpuint (count_maildir (maildir), ==, 3);

  g_clear_object (&result);
  g_assert_finalize_object (g_steal_pointer (&sender));
}

static void
test_not_configured (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GfDb) db = mail_db_new (&path);
  g_autoptr(GfMailSender) sender = gf_mail_sender_new (path, NULL);
  g_autoptr(GError) error = NULL;

  enqueue (db, "marie.dupont@exemple.fr", SUBJECT, TEXT_BODY, NULL);

  /* No relay and no maildir: the mail waits, untouched. */
  g_assert_false (gf_mail_sender_run_once (sender, NULL, &error));
  g_assert_error (error, GF_MAIL_ERROR, GF_MAIL_ERROR_NOT_CONFIGURED);
  g_clear_error (&error);

  set_setting (db, GF_SETTING_SMTP_URL, "https://relais.exemple.fr");
  g_assert_false (gf_mail_sender_run_once (sender, NULL, &error));
  g_assert_error (error, GF_MAIL_ERROR, GF_MAIL_ERROR_NOT_CONFIGURED);

  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM mail_outbox WHERE attempts = 0 "
                                      "AND sent_at IS NULL AND last_error IS NULL"), ==, 1);
}

/*
 * Delivery through a real SMTP relay
 */

static void
test_smtp (void)
{
  Receiver *receiver = receiver_start ();
  g_autofree char *path = NULL;
  g_autoptr(GfDb) db = NULL;
  g_autoptr(GfMailSender) sender = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autofree char *rcpt = NULL;
  g_autofree char *mail_from = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *decoded = NULL;
  g_autofree char *to = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *html = NULL;
  const char *message;

  if (receiver == NULL)
    return;

  db = mail_db_new (&path);
  use_relay (db, receiver->port);
  enqueue (db, "marie.dupont@exemple.fr", SUBJECT, TEXT_BODY, HTML_BODY);

  sender = gf_mail_sender_new (path, NULL);
  g_assert_cmpint (run_sender (sender), ==, 1);

  messages = read_maildir (receiver->dir);
  g_assert_cmpuint (messages->len, ==, 1);
  message = g_ptr_array_index (messages, 0);
  assert_well_formed (message);
  rcpt = header_value (message, "X-RcptTo");
  g_assert_cmpstr (rcpt, ==, "marie.dupont@exemple.fr");
  mail_from = header_value (message, "X-MailFrom");
  g_assert_cmpstr (mail_from, ==, "ne-pas-repondre@mairie-demo.fr");
  to = header_value (message, "To");
  g_assert_cmpstr (to, ==, "marie.dupont@exemple.fr");
  subject = header_value (message, "Subject");
  decoded = decode_words (subject);
  g_assert_cmpstr (decoded, ==, SUBJECT);
  plain = part_text (message, "text/plain");
  g_assert_cmpstr (plain, ==, TEXT_BODY);
  html = part_text (message, "text/html");
  g_assert_cmpstr (html, ==, HTML_BODY);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM mail_outbox "
                                      "WHERE sent_at IS NOT NULL"), ==, 1);

  /* Sent once, and only once. */
  g_assert_cmpint (run_sender (sender), ==, 0);
  g_assert_cmpuint (count_maildir (receiver->dir), ==, 1);

  receiver_stop (receiver);
}

static void
test_smtp_relay_down (void)
{
  Receiver *receiver = receiver_start ();
  g_autofree char *path = NULL;
  g_autoptr(GfDb) db = NULL;
  g_autoptr(GfMailSender) sender = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) messages = NULL;

  if (receiver == NULL)
    return;

  db = mail_db_new (&path);
  use_relay (db, closed_port ());
  enqueue (db, "marie.dupont@exemple.fr", SUBJECT, TEXT_BODY, HTML_BODY);
  enqueue (db, "paul.martin@exemple.fr", "Votre facture est disponible", "Bonjour", NULL);

  sender = gf_mail_sender_new (path, NULL);
  g_assert_cmpint (run_sender (sender), ==, 0);

  /* Both kept, each with one attempt, the error, and a retry later. */
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM mail_outbox WHERE attempts = 1 "
                                      "AND sent_at IS NULL AND length(last_error) > 0"), ==, 2);
  g_assert_cmpint (seconds_until (db, "SELECT min(next_attempt_at) FROM mail_outbox"), >, 0);
  due = gf_mail_outbox_due (db, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 0);

  /* The relay is back, but nothing is tried before its time. */
  use_relay (db, receiver->port);
  g_assert_cmpint (run_sender (sender), ==, 0);
  g_assert_cmpuint (count_maildir (receiver->dir), ==, 0);

  exec_sql (db, "UPDATE mail_outbox SET next_attempt_at = '2000-01-01T00:00:00Z'");
  g_assert_cmpint (run_sender (sender), ==, 2);
  g_assert_cmpint (run_sender (sender), ==, 0);

  messages = read_maildir (receiver->dir);
  g_assert_cmpuint (messages->len, ==, 2);
  g_assert_nonnull (find_by_subject (messages, SUBJECT));
  g_assert_nonnull (find_by_subject (messages, "Votre facture est disponible"));
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM mail_outbox WHERE attempts = 1 "
                                      "AND sent_at IS NOT NULL AND length(last_error) > 0"), ==, 2);

  receiver_stop (receiver);
}

static void
test_smtp_refused (void)
{
  Receiver *receiver = receiver_start ();
  g_autofree char *path = NULL;
  g_autoptr(GfDb) db = NULL;
  g_autoptr(GfMailSender) sender = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autofree char *last_error = NULL;
  g_autofree char *rcpt = NULL;
  gint64 refused;

  if (receiver == NULL)
    return;

  db = mail_db_new (&path);
  use_relay (db, receiver->port);
  refused = enqueue (db, "refuse-moi@exemple.fr", "Votre facture est disponible", "Bonjour", NULL);
  enqueue (db, "marie.dupont@exemple.fr", "Votre facture est disponible", "Bonjour", NULL);

  /* A refused recipient fails alone; the next mail still goes. */
  sender = gf_mail_sender_new (path, NULL);
  g_assert_cmpint (run_sender (sender), ==, 1);

  messages = read_maildir (receiver->dir);
  g_assert_cmpuint (messages->len, ==, 1);
  rcpt = header_value (g_ptr_array_index (messages, 0), "X-RcptTo");
  g_assert_cmpstr (rcpt, ==, "marie.dupont@exemple.fr");

  g_assert_cmpint (gf_test_count (db, "SELECT attempts FROM mail_outbox WHERE sent_at IS NULL"),
                   ==, 1);
  g_assert_cmpint (gf_test_count (db, "SELECT id FROM mail_outbox WHERE sent_at IS NULL"),
                   ==, refused);
  last_error = row_text (db, "SELECT last_error FROM mail_outbox WHERE sent_at IS NULL");
  g_assert_nonnull (strstr (last_error, "550"));

  receiver_stop (receiver);
}

/*
 * Periodic runs
 */

typedef struct
{
  GfDb       *db;
  const char *maildir;
  guint       expected;
} Arrival;

static gboolean
arrived (gpointer data)
{
  Arrival *arrival = data;

  return count_maildir (arrival->maildir) >= arrival->expected &&
         gf_test_count (arrival->db, "SELECT count(*) FROM mail_outbox "
                                     "WHERE sent_at IS NOT NULL") >= arrival->expected;
}

static void
test_periodic (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GfDb) db = mail_db_new (&path);
  g_autofree char *maildir = maildir_new ();
  GfMailSender *sender = gf_mail_sender_new (path, maildir);
  Arrival arrival = { db, maildir, 1 };

  gf_mail_sender_start (sender, 1);

  /* Woken several times: still one run at a time, one delivery. */
  enqueue (db, "marie.dupont@exemple.fr", SUBJECT, TEXT_BODY, HTML_BODY);
  for (guint i = 0; i < 3; i++)
    gf_mail_sender_wake (sender);
  g_assert_true (loop_until (arrived, &arrival, 20));

  /* Not woken: the interval finds it. */
  enqueue (db, "paul.martin@exemple.fr", "Votre facture est disponible", "Bonjour", NULL);
  arrival.expected = 2;
  g_assert_true (loop_until (arrived, &arrival, 20));

  gf_mail_sender_stop (sender);
  g_assert_cmpuint (count_maildir (maildir), ==, 2);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM mail_outbox "
                                      "WHERE sent_at IS NOT NULL AND attempts = 0"), ==, 2);

  /* A run still in flight holds the sender; then it goes away. */
  g_object_add_weak_pointer (G_OBJECT (sender), (gpointer *) &sender);
  g_object_unref (sender);
  g_assert_true (loop_until (pointer_cleared, &sender, 20));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gf_test_init_env ();

  g_test_add_func ("/gf/mail/message/encoded", test_message_encoded);
  g_test_add_func ("/gf/mail/message/plain", test_message_plain);
  g_test_add_func ("/gf/mail/message/injection", test_message_injection);
  g_test_add_func ("/gf/mail/outbox/enqueue", test_outbox_enqueue);
  g_test_add_func ("/gf/mail/outbox/backoff", test_outbox_backoff);
  g_test_add_func ("/gf/mail/sender/maildir", test_maildir);
  g_test_add_func ("/gf/mail/sender/not-configured", test_not_configured);
  g_test_add_func ("/gf/mail/sender/smtp", test_smtp);
  g_test_add_func ("/gf/mail/sender/smtp-relay-down", test_smtp_relay_down);
  g_test_add_func ("/gf/mail/sender/smtp-refused", test_smtp_refused);
  g_test_add_func ("/gf/mail/sender/periodic", test_periodic);

  return g_test_run ();
}
