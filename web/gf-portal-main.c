/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include <glib-unix.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "gf-crypto.h"
#include "gf-demo.h"
#include "gf-i18n.h"
#include "gf-mail-sender.h"
#include "gf-portal.h"
#include "gf-portal-private.h"
#include "gf-settings.h"

/* guichet-portail --db FILE [--listen 127.0.0.1:8080] [--public-url URL] [--maildir DIR]
 *                 [--demo] [--sandbox] */

#define MAIL_INTERVAL_SECONDS 30
#define DRAIN_TIMEOUT_SECONDS 10

typedef struct
{
  GMainLoop *loop;
  GfPortal  *portal;
  gint64     stop_deadline;
} Context;

static gboolean
drain_cb (gpointer user_data)
{
  Context *context = user_data;

  if (gf_portal_get_in_flight (context->portal) == 0 ||
      g_get_monotonic_time () > context->stop_deadline)
    {
      g_main_loop_quit (context->loop);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* SIGTERM or SIGINT: no new connection, the requests in flight finish, then exit. */
static gboolean
stop_cb (gpointer user_data)
{
  Context *context = user_data;

  if (context->stop_deadline != 0)
    return G_SOURCE_CONTINUE;
  g_printerr ("guichet-portail: stopping\n");
  gf_portal_shutdown (context->portal);
  context->stop_deadline = g_get_monotonic_time () + DRAIN_TIMEOUT_SECONDS * G_USEC_PER_SEC;
  g_timeout_add (20, drain_cb, context);
  return G_SOURCE_CONTINUE;
}

static gboolean
parse_listen (const char  *text,
              char       **out_address,
              guint       *out_port)
{
  const char *colon = text != NULL ? strrchr (text, ':') : NULL;
  guint64 port;

  if (colon == NULL || colon == text ||
      !g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &port, NULL))
    return FALSE;
  *out_address = g_strndup (text, colon - text);
  *out_port = (guint)port;
  return TRUE;
}

/* The PayFiP sandbox next to this program (build tree or installed), for the demo. */
static GSubprocess *
start_sandbox (const char  *program,
               const char  *db_path,
               GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (program);
  g_autofree char *built = g_build_filename (dir, "payfip-sandbox", "guichet-payfip-sandbox", NULL);
  g_autofree char *beside = g_build_filename (dir, "guichet-payfip-sandbox", NULL);
  g_autofree char *found = g_find_program_in_path ("guichet-payfip-sandbox");
  const char *binary = g_file_test (built, G_FILE_TEST_IS_EXECUTABLE) ? built
                       : g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE) ? beside : found;
  g_autoptr(GSubprocess) sandbox = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *page = NULL;
  g_autoptr(GfDb) db = NULL;
  GfActor actor = GF_ACTOR_INIT_SYSTEM ("demo");
  const char *url;

  if (binary == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "guichet-payfip-sandbox not found");
      return NULL;
    }
  sandbox = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, error, binary, "--listen",
                              "127.0.0.1:0", NULL);
  if (sandbox == NULL)
    return NULL;
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sandbox));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, error);
  url = line != NULL ? strstr (line, "http://") : NULL;
  if (url == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the PayFiP sandbox did not start");
      g_subprocess_force_exit (sandbox);
      return NULL;
    }

  endpoint = g_strconcat (url, "/tpa/services/securite", NULL);
  page = g_strconcat (url, "/tpa/paiementws.web", NULL);
  db = gf_db_open (db_path, GF_DB_OPEN_DEFAULT, error);
  if (db == NULL ||
      !gf_settings_set (db, &actor, GF_SETTING_PAYFIP_ENDPOINT, endpoint, error) ||
      !gf_settings_set (db, &actor, GF_SETTING_PAYFIP_PAYMENT_URL, page, error))
    {
      g_subprocess_force_exit (sandbox);
      return NULL;
    }
  g_print ("guichet-portail: PayFiP sandbox at %s (test card 4111 1111 1111 1111)\n", url);
  return g_steal_pointer (&sandbox);
}

static char *
make_demo (char **out_maildir,
           GError **error)
{
  g_autofree char *dir = g_dir_make_tmp ("guichet-demo-XXXXXX", error);
  g_autofree char *path = NULL;
  g_autoptr(GfDb) db = NULL;
  GfDemoOptions options;

  if (dir == NULL)
    return NULL;
  path = g_build_filename (dir, "guichet-demo.db", NULL);
  db = gf_db_open (path, GF_DB_OPEN_CREATE | GF_DB_OPEN_MIGRATE, error);
  if (db == NULL)
    return NULL;
  gf_demo_options_init (&options);
  if (!gf_demo_generate (db, &options, error))
    return NULL;
  *out_maildir = g_build_filename (dir, "courriels", NULL);
  return g_steal_pointer (&path);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *public_url = NULL;
  g_autofree char *maildir = NULL;
  gboolean demo = FALSE;
  gboolean with_sandbox = FALSE;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "The database", "FILE" },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen, "Address and port (default 127.0.0.1:8080)",
      "ADDRESS:PORT" },
    { "public-url", 0, 0, G_OPTION_ARG_STRING, &public_url,
      "The address families use, for links in e-mails (default http://LISTEN)", "URL" },
    { "maildir", 0, 0, G_OPTION_ARG_FILENAME, &maildir,
      "Where e-mails go when no SMTP relay is configured", "DIR" },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, "Run on a new demo database", NULL },
    { "sandbox", 0, 0, G_OPTION_ARG_NONE, &with_sandbox,
      "Start the PayFiP sandbox and point the database's settings at it (demo and tests only)",
      NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) options = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GfPortal) portal = NULL;
  g_autoptr(GfMailSender) sender = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GSubprocess) sandbox = NULL;
  g_autofree char *address = NULL;
  Context context = { 0 };
  guint port = 8080;

  setlocale (LC_ALL, "");
  /* The portal speaks French whatever the server's locale. GNU gettext honours LANGUAGE
   * under any locale but plain "C", and C.UTF-8 is always there. */
  g_setenv ("LANGUAGE", "fr", TRUE);
  if (g_strcmp0 (setlocale (LC_MESSAGES, NULL), "C") == 0 ||
      g_strcmp0 (setlocale (LC_MESSAGES, NULL), "POSIX") == 0)
    setlocale (LC_MESSAGES, "C.UTF-8");
  gf_i18n_init ();
  textdomain (GETTEXT_PACKAGE);
  gf_crypto_init ();

  g_option_context_set_summary (options, "The families' portal of Guichet Familles.");
  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      g_printerr ("guichet-portail: %s\n", error->message);
      return 2;
    }
  if (listen != NULL && !parse_listen (listen, &address, &port))
    {
      g_printerr ("guichet-portail: --listen takes ADDRESS:PORT, for example 127.0.0.1:8080\n");
      return 2;
    }
  if (address == NULL)
    address = g_strdup ("127.0.0.1");
  if (demo == (db_path != NULL))
    {
      g_printerr ("guichet-portail: give either --db FILE or --demo\n");
      return 2;
    }
  if (demo)
    {
      g_autofree char *demo_maildir = NULL;

      db_path = make_demo (&demo_maildir, &error);
      if (db_path == NULL)
        {
          g_printerr ("guichet-portail: %s\n", error->message);
          return 1;
        }
      if (maildir == NULL)
        maildir = g_steal_pointer (&demo_maildir);
      /* The demo pays end to end: PayFiP is played by the sandbox. */
      with_sandbox = TRUE;
    }
  if (with_sandbox)
    {
      sandbox = start_sandbox (argv[0], db_path, &error);
      if (sandbox == NULL)
        {
          g_printerr ("guichet-portail: no PayFiP sandbox, online payment will fail: %s\n",
                      error->message);
          g_clear_error (&error);
        }
    }

  portal = gf_portal_new (db_path, public_url, &error);
  if (portal == NULL || !gf_portal_listen (portal, address, port, &error))
    {
      g_printerr ("guichet-portail: %s\n", error->message);
      return 1;
    }
  if (public_url == NULL)
    {
      public_url = g_strdup_printf ("http://%s:%u", address, gf_portal_get_port (portal));
      gf_portal_set_public_url (portal, public_url);
    }

  sender = gf_mail_sender_new (db_path, maildir);
  gf_portal_set_mail_sender (portal, sender);
  gf_mail_sender_start (sender, MAIL_INTERVAL_SECONDS);
  {
    /* The tests shorten the reconciler's minute; production keeps it. */
    const char *interval = g_getenv ("GUICHET_RECONCILE_SECONDS");
    guint64 seconds = 60;

    if (interval != NULL)
      g_ascii_string_to_unsigned (interval, 10, 1, 3600, &seconds, NULL);
    gf_web_reconciler_start (gf_portal_get_db (portal), sender, (guint)seconds);
  }

  g_print ("guichet-portail: listening on %s (database %s)\n", public_url, db_path);
  if (maildir != NULL)
    g_print ("guichet-portail: e-mails without an SMTP relay go to %s/new\n", maildir);
  if (demo)
    {
      guint n_logins = 0;
      const GfDemoLogin *logins = gf_demo_logins (&n_logins);

      g_print ("Demo logins:\n");
      for (guint i = 0; i < n_logins; i++)
        g_print ("  %-28s %-20s %s\n", logins[i].login, logins[i].password, logins[i].what);
    }

  loop = g_main_loop_new (NULL, FALSE);
  context.loop = loop;
  context.portal = portal;
  g_unix_signal_add (SIGTERM, stop_cb, &context);
  g_unix_signal_add (SIGINT, stop_cb, &context);
  g_main_loop_run (loop);

  gf_mail_sender_stop (sender);
  if (sandbox != NULL)
    g_subprocess_send_signal (sandbox, SIGTERM);
  return 0;
}
