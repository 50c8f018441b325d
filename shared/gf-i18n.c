/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-i18n.h"

#include <locale.h>

/* Binds the library's text domain. GUICHET_LOCALEDIR lets the tests and the demo use the
 * catalogues of the build tree before anything is installed. */
void
gf_i18n_init (void)
{
  const char *dir = g_getenv ("GUICHET_LOCALEDIR");

  bindtextdomain (GETTEXT_PACKAGE, dir != NULL && *dir != '\0' ? dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
}
