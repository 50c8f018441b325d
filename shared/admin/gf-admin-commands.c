/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include <stdio.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <termios.h>
#include <unistd.h>

#include "gf-admin.h"
#include "gf-audit.h"
#include "gf-db.h"
#include "gf-demo.h"
#include "gf-i18n.h"
#include "gf-staff-user.h"

static GOptionContext *
new_context (const char *command,
             const char *parameters,
             const char *description)
{
  GOptionContext *context = g_option_context_new (parameters);

  /* The summary doubles as the command's name in "Try … --help". */
  g_option_context_set_summary (context, command);
  g_option_context_set_description (context, description);
  return context;
}

/*
 * init DB
 */

int
gf_admin_init (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context =
    new_context ("init", "DB", _("Creates DB with the latest schema. DB must not exist."));
  g_autoptr(GfDb) db = NULL;
  GError *error = NULL;
  int status;

  if (!gf_admin_parse (context, &argc, &argv, 1, &status))
    return status;

  if (g_file_test (argv[1], G_FILE_TEST_EXISTS))
    return gf_admin_fail (g_error_new (GF_DB_ERROR, GF_DB_ERROR_EXISTS,
                                       _("%s already exists; nothing was changed."), argv[1]));

  db = gf_db_open (argv[1], GF_DB_OPEN_CREATE | GF_DB_OPEN_MIGRATE, &error);
  if (db == NULL)
    return gf_admin_fail (error);

  g_print (_("Created %s (schema version %d).\n"), argv[1], gf_db_get_schema_version (db));
  return GF_ADMIN_EXIT_OK;
}

/*
 * migrate DB
 */

int
gf_admin_migrate (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context =
    new_context ("migrate", "DB", _("Applies the migrations DB lacks, each in its own "
                                    "transaction. Running it again changes nothing."));
  g_autoptr(GfDb) db = NULL;
  GError *error = NULL;
  int status;

  if (!gf_admin_parse (context, &argc, &argv, 1, &status))
    return status;

  db = gf_db_open (argv[1], GF_DB_OPEN_MIGRATE, &error);
  if (db == NULL)
    return gf_admin_fail (error);

  g_print (_("%s is at schema version %d.\n"), argv[1], gf_db_get_schema_version (db));
  return GF_ADMIN_EXIT_OK;
}

/*
 * check DB
 */

static gboolean
run_pragma_check (GfDb        *db,
                  const char  *sql,
                  const char  *expected,
                  GError     **error)
{
  g_autoptr(GfStmt) stmt = gf_db_prepare (db, sql, error);
  GfDbStep step;

  if (stmt == NULL)
    return FALSE;

  while ((step = gf_db_step (db, stmt, error)) == GF_DB_STEP_ROW)
    {
      const char *first = gf_stmt_column_text (stmt, 0);

      if (expected == NULL || g_strcmp0 (first, expected) != 0)
        {
          g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_A_DATABASE,
                       _("%s failed: %s %s"), sql, first, gf_stmt_column_text (stmt, 1));
          return FALSE;
        }
    }

  return step == GF_DB_STEP_DONE;
}

/* The chain proves every entry follows the one before it, but not that none was cut off
 * at the end: an anchor noted outside the database ("ID:HASH", printed by an earlier
 * check) must still be there, unchanged. */
static gboolean
check_anchor (GfDb        *db,
              const char  *anchor,
              GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (anchor, ":", 2);
  g_autoptr(GfStmt) stmt = NULL;
  gint64 id;

  if (g_strv_length (parts) != 2 || strlen (parts[1]) != 64 ||
      !g_ascii_string_to_signed (parts[0], 10, 1, G_MAXINT64, &id, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--anchor takes ID:HASH, as an earlier check printed it."));
      return FALSE;
    }
  stmt = gf_db_prepare (db, "SELECT hash FROM audit_log WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (gf_db_step (db, stmt, error) != GF_DB_STEP_ROW ||
      g_ascii_strcasecmp (gf_stmt_column_text (stmt, 0), parts[1]) != 0)
    {
      g_clear_error (error);
      g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_TAMPERED,
                   _("Audit log: the anchor entry %s is gone or changed: entries were removed."),
                   parts[0]);
      return FALSE;
    }
  return TRUE;
}

int
gf_admin_check (int    argc,
                char **argv)
{
  g_autofree char *anchor = NULL;
  const GOptionEntry entries[] = {
    { "anchor", 'a', 0, G_OPTION_ARG_STRING, &anchor,
      N_("An audit entry an earlier check printed, which must still be there"), N_("ID:HASH") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    new_context ("check", "DB", _("Checks the file's integrity, its foreign keys and the "
                                  "hash chain of its audit log. Changes nothing."));
  g_autoptr(GfDb) db = NULL;
  g_autoptr(GfStmt) head = NULL;
  GError *error = NULL;
  gint64 rows = 0;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!gf_admin_parse (context, &argc, &argv, 1, &status))
    return status;

  db = gf_db_open (argv[1], GF_DB_OPEN_READONLY, &error);
  if (db == NULL)
    return gf_admin_fail (error);

  if (!run_pragma_check (db, "PRAGMA integrity_check", "ok", &error) ||
      !run_pragma_check (db, "PRAGMA foreign_key_check", NULL, &error))
    return gf_admin_fail (error);

  /* Without its triggers the log would no longer refuse changes: say so. */
  {
    gint64 triggers = 0;

    if (!gf_db_query_int64 (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' "
                                "AND name IN ('audit_log_no_update', 'audit_log_no_delete')",
                            &triggers, &error))
      return gf_admin_fail (error);
    if (triggers != 2)
      return gf_admin_fail (g_error_new (GF_DB_ERROR, GF_DB_ERROR_TAMPERED,
                                         _("Audit log: its protection triggers were removed.")));
  }

  if (!gf_audit_verify (db, &rows, &error) ||
      (anchor != NULL && !check_anchor (db, anchor, &error)))
    return gf_admin_fail (error);

  g_print (g_dngettext (GETTEXT_PACKAGE,
                       "%s: OK (schema version %d, %lld audit entry verified).\n",
                       "%s: OK (schema version %d, %lld audit entries verified).\n",
                       (gulong)rows),
           argv[1], gf_db_get_schema_version (db), (long long)rows);

  /* What to keep outside the database for the next check's --anchor. */
  head = gf_db_prepare (db, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", NULL);
  if (head != NULL && gf_db_step (db, head, NULL) == GF_DB_STEP_ROW)
    g_print (_("Anchor for the next check: --anchor %lld:%s\n"),
             (long long)sqlite3_column_int64 (head, 0), gf_stmt_column_text (head, 1));
  return GF_ADMIN_EXIT_OK;
}

/*
 * staff add DB LOGIN --role ROLE [--name NAME]
 */

/* From the terminal without echo, twice; from a pipe, one line. */
static char *
read_password (GError **error)
{
  char buffer[512];
  g_autofree char *first = NULL;
  gboolean tty = isatty (STDIN_FILENO);
  struct termios saved;
  struct termios quiet;

  for (int round = 0; round < (tty ? 2 : 1); round++)
    {
      char *got;

      if (tty)
        {
          g_printerr ("%s", round == 0 ? _("Password: ") : _("Password again: "));
          tcgetattr (STDIN_FILENO, &saved);
          quiet = saved;
          quiet.c_lflag &= ~(tcflag_t)ECHO;
          tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
        }
      got = fgets (buffer, sizeof buffer, stdin);
      if (tty)
        {
          tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
          g_printerr ("\n");
        }
      if (got == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("No password was given on the standard input."));
          return NULL;
        }
      buffer[strcspn (buffer, "\r\n")] = '\0';

      if (round == 1 && g_strcmp0 (first, buffer) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The two passwords differ; nothing was changed."));
          return NULL;
        }
      g_free (first);
      first = g_strdup (buffer);
    }

  memset (buffer, 0, sizeof buffer);
  return g_steal_pointer (&first);
}

int
gf_admin_staff (int    argc,
                char **argv)
{
  g_autofree char *role_text = NULL;
  g_autofree char *name = NULL;
  const GOptionEntry entries[] = {
    { "role", 'r', 0, G_OPTION_ARG_STRING, &role_text,
      N_("agent, regisseur or admin"), N_("ROLE") },
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name,
      N_("The name shown in the application (default: the login)"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    new_context ("staff", "add DB LOGIN",
                 _("Adds a staff user. The password is read from the terminal, or from the "
                   "standard input's first line."));
  g_autoptr(GfStaffUser) user = NULL;
  g_autoptr(GfDb) db = NULL;
  g_autofree char *password = NULL;
  GfActor actor = GF_ACTOR_INIT_SYSTEM ("guichet-admin");
  GfStaffRole role;
  GError *error = NULL;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!gf_admin_parse (context, &argc, &argv, 3, &status))
    return status;

  if (!g_str_equal (argv[1], "add"))
    return gf_admin_usage (context, _("The only staff command is “add”."));
  if (role_text == NULL)
    return gf_admin_usage (context, _("Give the role with --role agent|regisseur|admin."));
  if (!gf_staff_role_from_string (role_text, &role))
    return gf_admin_usage (context, _("The role is agent, regisseur or admin."));

  /* Open first, so a missing database is said before a password is asked for. */
  db = gf_db_open (argv[2], GF_DB_OPEN_DEFAULT, &error);
  if (db == NULL)
    return gf_admin_fail (error);

  password = read_password (&error);
  if (password == NULL)
    return gf_admin_fail (error);

  user = gf_staff_user_new (argv[3], name != NULL ? name : argv[3], role);
  if (!gf_staff_user_create (db, &actor, user, password, &error))
    return gf_admin_fail (error);

  g_print (_("Staff user “%s” added with the role %s.\n"), user->login, user->role);
  return GF_ADMIN_EXIT_OK;
}

/*
 * demo DB [--families N] [--seed S] [--today DATE]
 */

int
gf_admin_demo (int    argc,
               char **argv)
{
  int families = 200;
  int seed = 1;
  g_autofree char *today = NULL;
  const GOptionEntry entries[] = {
    { "families", 'f', 0, G_OPTION_ARG_INT, &families, N_("How many families (default 200)"),
      N_("N") },
    { "seed", 's', 0, G_OPTION_ARG_INT, &seed, N_("The same seed gives the same town"),
      N_("SEED") },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today,
      N_("The date the demo is built around (default: today)"), N_("YYYY-MM-DD") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    new_context ("demo", "DB", _("Creates DB filled with the demo town hall “Mairie de Démonstration”: "
                                 "families, children, invoices over twelve months, portal "
                                 "accounts and staff users. DB must not exist."));
  g_autoptr(GfDb) db = NULL;
  GfDemoOptions options;
  const GfDemoLogin *logins;
  guint n_logins = 0;
  GError *error = NULL;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!gf_admin_parse (context, &argc, &argv, 1, &status))
    return status;

  if (families < 1 || families > 200000)
    return gf_admin_usage (context, _("--families takes a number from 1 to 200000."));
  if (seed < 0)
    return gf_admin_usage (context, _("--seed takes a number from 0 up."));
  if (today != NULL)
    {
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_parse (&date, today);
      if (strlen (today) != 10 || !g_date_valid (&date))
        return gf_admin_usage (context, _("--today takes a date written YYYY-MM-DD."));
    }

  if (g_file_test (argv[1], G_FILE_TEST_EXISTS))
    return gf_admin_fail (g_error_new (GF_DB_ERROR, GF_DB_ERROR_EXISTS,
                                       _("%s already exists; nothing was changed."), argv[1]));

  db = gf_db_open (argv[1], GF_DB_OPEN_CREATE | GF_DB_OPEN_MIGRATE, &error);
  if (db == NULL)
    return gf_admin_fail (error);

  gf_demo_options_init (&options);
  options.n_families = (guint)families;
  options.seed = (guint32)seed;
  options.today = today;
  if (!gf_demo_generate (db, &options, &error))
    {
      g_clear_object (&db);
      /* A half-made demo is worth nothing: leave no file behind. */
      static const char * const suffixes[] = { "", "-wal", "-shm" };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *path = g_strconcat (argv[1], suffixes[i], NULL);
          g_unlink (path);
        }
      return gf_admin_fail (error);
    }

  g_print (_("Demo database: %s\n"), argv[1]);
  logins = gf_demo_logins (&n_logins);
  for (guint i = 0; i < n_logins; i++)
    g_print ("  %-28s %-20s %s\n", logins[i].login, logins[i].password, logins[i].what);
  return GF_ADMIN_EXIT_OK;
}
