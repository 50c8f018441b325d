/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "gf-admin.h"
#include "gf-crypto.h"
#include "gf-i18n.h"

typedef struct
{
  const char     *name;
  GfAdminCommand  run;
  const char     *summary;
} Command;

static const Command commands[] = {
  { "init", gf_admin_init, N_("Create a new, empty database") },
  { "migrate", gf_admin_migrate, N_("Bring a database to this program's schema version") },
  { "check", gf_admin_check, N_("Check a database's integrity and its audit log") },
  { "staff", gf_admin_staff, N_("Manage staff users (staff add DB LOGIN --role ROLE)") },
  { "demo", gf_admin_demo, N_("Create a database filled with the demo town") },
  { "backup", gf_admin_backup, N_("Copy a database while the programs run") },
  { "restore", gf_admin_restore, N_("Replace a database with a backup") },
};

static void
print_help (FILE *out)
{
  fprintf (out, "%s\n\n%s\n", _("Usage: guichet-admin COMMAND [OPTION…] ARGUMENTS"),
           _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("“guichet-admin COMMAND --help” tells more about each command."));
}

/* One line on stderr, the exit status 1: what scripts and people both can read. */
int
gf_admin_fail (GError *error)
{
  g_printerr ("guichet-admin: %s\n", error->message);
  g_error_free (error);
  return GF_ADMIN_EXIT_FAILED;
}

int
gf_admin_usage (GOptionContext *context,
                const char     *message)
{
  g_printerr ("guichet-admin: %s\n", message);
  g_printerr (_("Try “guichet-admin %s --help”.\n"), g_option_context_get_summary (context));
  return GF_ADMIN_EXIT_USAGE;
}

/**
 * gf_admin_parse:
 * @n_args: how many positional arguments the command takes after its name
 *
 * Parses the options and checks the number of arguments; on failure prints one line and
 * sets @out_status.
 */
gboolean
gf_admin_parse (GOptionContext   *context,
                int              *argc,
                char           ***argv,
                int               n_args,
                int              *out_status)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *out_status = gf_admin_usage (context, error->message);
      return FALSE;
    }

  /* argv[0] is the command itself. */
  if (*argc - 1 != n_args)
    {
      *out_status = gf_admin_usage (context, *argc - 1 < n_args ? _("Missing argument.")
                                                                : _("Too many arguments."));
      return FALSE;
    }

  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  gf_i18n_init ();
  textdomain (GETTEXT_PACKAGE);
  gf_crypto_init ();

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_help (argc < 2 ? stderr : stdout);
      return argc < 2 ? GF_ADMIN_EXIT_USAGE : GF_ADMIN_EXIT_OK;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("guichet-admin %s\n", PACKAGE_VERSION);
      return GF_ADMIN_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  g_printerr ("guichet-admin: ");
  g_printerr (_("unknown command “%s”.\n"), argv[1]);
  print_help (stderr);
  return GF_ADMIN_EXIT_USAGE;
}
