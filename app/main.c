/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "gf-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GfApplication) app = NULL;
  const char *localedir = g_getenv ("GUICHET_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* GUICHET_LOCALEDIR lets the tests use the catalogues of the build tree. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = gf_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
