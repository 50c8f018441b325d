/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gf-db.h"

G_BEGIN_DECLS

/* The demo town, "Mairie de Démonstration": families, children, enrolments, a year of
 * invoices and payments, staff and portal accounts, all invented but realistic. */

#define GF_DEMO_DEFAULT_FAMILIES 200
#define GF_DEMO_MAX_FAMILIES     1000000

typedef struct
{
  guint        n_families; /* default 200 */
  guint32      seed;       /* default 1 */
  const char  *today;      /* ISO date the demo is built around; NULL = today's local date */
} GfDemoOptions;

/* A login the demo creates, for the README and for `guichet-admin demo` to print.
 * password is "" for an account still to be activated. */
typedef struct
{
  const char *login;
  const char *password;
  const char *what;
} GfDemoLogin;

void               gf_demo_options_init (GfDemoOptions        *options);
gboolean           gf_demo_generate     (GfDb                 *db,
                                         const GfDemoOptions  *options,
                                         GError              **error);
const GfDemoLogin *gf_demo_logins       (guint                *n_logins);

G_END_DECLS
