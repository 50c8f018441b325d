/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "PayfipSandbox"

#include "config.h"

#include <glib-unix.h>
#include <libxml/parser.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "gf-sandbox.h"

/* guichet-payfip-sandbox [--listen 127.0.0.1:8081] [--state FILE] [switches...]
 *
 * A local PayFiP for the demo and the tests (payfip.md). The first line on stdout is
 * "listening on http://ADDRESS:PORT"; the log goes to stderr. */

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static gboolean
parse_listen (const char  *text,
              char       **out_address,
              guint       *out_port)
{
  const char *colon = strrchr (text, ':');
  guint64 port;

  if (colon == NULL || colon == text ||
      !g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &port, NULL))
    return FALSE;
  /* [::1]:8081 */
  if (text[0] == '[' && colon[-1] == ']')
    *out_address = g_strndup (text + 1, (gsize)(colon - text - 2));
  else
    *out_address = g_strndup (text, (gsize)(colon - text));
  *out_port = (guint)port;
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *listen = NULL;
  g_autofree char *state = NULL;
  const GOptionEntry entries[] = {
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen,
      "Address and port (default 127.0.0.1:8081; port 0 picks a free one)", "ADDRESS:PORT" },
    { "state", 0, 0, G_OPTION_ARG_FILENAME, &state,
      "Keep the operations in this JSON file, so a restart goes on where it stopped", "FILE" },
    { NULL }
  };
  GfSandboxOptions options;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  GOptionGroup *group;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfSandbox) sandbox = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *address = NULL;
  g_autofree char *url = NULL;
  guint port = 8081;

  setlocale (LC_ALL, "");
  xmlInitParser ();
  gf_sandbox_options_init (&options);

  group = gf_sandbox_options_get_group (&options);
  g_option_group_add_entries (group, entries);
  g_option_context_set_main_group (context, group);
  g_option_context_set_summary (context,
                                "A local PayFiP (Régie Web-Service) for Guichet Familles' demo "
                                "and tests:\nthe SOAP endpoint /tpa/services/securite, the "
                                "payment page /tpa/paiementws.web?idop=…,\nnotifications to "
                                "urlnotif, and the test endpoints under /_sandbox/.");
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("guichet-payfip-sandbox: %s\n", error->message);
      gf_sandbox_options_clear (&options);
      return 2;
    }
  if (listen != NULL && !parse_listen (listen, &address, &port))
    {
      g_printerr ("guichet-payfip-sandbox: --listen takes ADDRESS:PORT, for example "
                  "127.0.0.1:8081\n");
      gf_sandbox_options_clear (&options);
      return 2;
    }
  if (address == NULL)
    address = g_strdup ("127.0.0.1");

  sandbox = gf_sandbox_new (&options, state, &error);
  gf_sandbox_options_clear (&options);
  if (sandbox == NULL || !gf_sandbox_listen (sandbox, address, port, &url, &error))
    {
      g_printerr ("guichet-payfip-sandbox: %s\n", error->message);
      return 1;
    }

  g_print ("listening on %s\n", url);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_main_loop_run (loop);

  g_message ("stopping");
  gf_sandbox_stop (sandbox);
  return 0;
}
