/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses: what a script running guichet-admin can tell apart. */
#define GF_ADMIN_EXIT_OK      0
#define GF_ADMIN_EXIT_FAILED  1
#define GF_ADMIN_EXIT_USAGE   2

typedef int (*GfAdminCommand) (int argc, char **argv);

int  gf_admin_init        (int     argc,
                           char  **argv);
int  gf_admin_migrate     (int     argc,
                           char  **argv);
int  gf_admin_check       (int     argc,
                           char  **argv);
int  gf_admin_staff       (int     argc,
                           char  **argv);
int  gf_admin_demo        (int     argc,
                           char  **argv);
int  gf_admin_backup      (int     argc,
                           char  **argv);
int  gf_admin_restore     (int     argc,
                           char  **argv);

int  gf_admin_fail        (GError      *error);
int  gf_admin_usage       (GOptionContext *context,
                           const char  *message);
gboolean gf_admin_parse   (GOptionContext *context,
                           int         *argc,
                           char      ***argv,
                           int          n_args,
                           int         *out_status);

G_END_DECLS
