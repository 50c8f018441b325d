/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>

#include "gf-audit.h"
#include "gf-document.h"
#include "gf-settings.h"
#include "gf-test-util.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs guichet-admin with @args (NULL-terminated), feeding @input on stdin. */
static void
admin (Run        *run,
       const char *input,
       ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *binary = g_getenv ("GUICHET_ADMIN");
  va_list ap;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer)binary);
  va_start (ap, input);
  for (const char *arg = va_arg (ap, const char *); arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer)arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  /* Standard input from a file, not a pipe: a command that fails before reading it must
   * not turn into a broken pipe on our side. */
  {
    g_autoptr(GSubprocessLauncher) launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
    g_autofree char *dir = g_dir_make_tmp ("gf-stdin-XXXXXX", NULL);
    g_autofree char *stdin_path = g_build_filename (dir, "stdin", NULL);

    g_file_set_contents (stdin_path, input != NULL ? input : "", -1, &error);
    g_assert_no_error (error);
    g_subprocess_launcher_set_stdin_file_path (launcher, stdin_path);
    process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
    g_assert_no_error (error);
    g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
    g_assert_no_error (error);
    g_unlink (stdin_path);
    g_rmdir (dir);
  }
  run->status = g_subprocess_get_exit_status (process);
}

static char *
tmp_path (const char *name)
{
  g_autofree char *dir = g_dir_make_tmp ("gf-admin-XXXXXX", NULL);

  return g_build_filename (dir, name, NULL);
}

static GBytes *
file_bytes (const char *path)
{
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;
  return g_bytes_new_take (contents, length);
}

static void
assert_unchanged (const char *path,
                  GBytes     *before)
{
  g_autoptr(GBytes) after = file_bytes (path);

  g_assert_nonnull (after);
  g_assert_true (g_bytes_equal (before, after));
}

static char *
new_database (void)
{
  g_auto(Run) run = { 0 };
  char *path = tmp_path ("guichet.db");

  admin (&run, NULL, "init", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  return path;
}

/* A database file whose bytes can be compared: checkpointed, no WAL left. */
static GBytes *
settle (const char *path)
{
  sqlite3 *raw = NULL;

  sqlite3_open (path, &raw);
  sqlite3_exec (raw, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
  sqlite3_close (raw);
  return file_bytes (path);
}

static void
test_usage (void)
{
  g_auto(Run) none = { 0 };
  g_auto(Run) help = { 0 };
  g_auto(Run) unknown = { 0 };
  const char *commands[] = { "init", "migrate", "check", "staff", "demo", "backup", "restore" };

  admin (&none, NULL, NULL);
  g_assert_cmpint (none.status, ==, 2);
  g_assert_nonnull (strstr (none.err, "Usage"));

  admin (&help, NULL, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) run = { 0 };

      g_assert_nonnull (strstr (help.out, commands[i]));
      admin (&run, NULL, commands[i], "--help", NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, commands[i]));
    }

  admin (&unknown, NULL, "explode", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "unknown command"));
}

static void
test_init_and_migrate (void)
{
  g_autofree char *path = new_database ();
  g_autoptr(GBytes) before = settle (path);
  g_auto(Run) again = { 0 };
  g_auto(Run) migrate = { 0 };
  g_auto(Run) check = { 0 };
  g_auto(Run) extra = { 0 };
  g_auto(Run) missing = { 0 };
  g_autofree char *nowhere = tmp_path ("nothing-here.db");

  admin (&again, NULL, "init", path, NULL);
  g_assert_cmpint (again.status, ==, 1);
  g_assert_nonnull (strstr (again.err, "already exists"));
  g_assert_cmpuint (strlen (again.err), <, 200);
  assert_unchanged (path, before);

  admin (&migrate, NULL, "migrate", path, NULL);
  g_assert_cmpint (migrate.status, ==, 0);
  g_assert_nonnull (strstr (migrate.out, "schema version"));

  admin (&check, NULL, "check", path, NULL);
  g_assert_cmpint (check.status, ==, 0);
  g_assert_nonnull (strstr (check.out, "OK"));

  admin (&extra, NULL, "check", path, "other", NULL);
  g_assert_cmpint (extra.status, ==, 2);
  g_assert_nonnull (strstr (extra.err, "Too many arguments"));

  admin (&missing, NULL, "migrate", nowhere, NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "does not exist"));
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
}

static void
test_refuses_bad_files (void)
{
  g_autofree char *newer = new_database ();
  g_autofree char *junk = tmp_path ("junk.db");
  g_autoptr(GBytes) newer_bytes = NULL;
  g_autoptr(GBytes) junk_bytes = NULL;
  const char *commands[] = { "migrate", "check" };
  sqlite3 *raw = NULL;

  sqlite3_open (newer, &raw);
  sqlite3_exec (raw, "PRAGMA user_version = 99", NULL, NULL, NULL);
  sqlite3_close (raw);
  newer_bytes = settle (newer);

  g_file_set_contents (junk, "%PDF-1.4 not a database at all, sorry\n", -1, NULL);
  junk_bytes = file_bytes (junk);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) too_new = { 0 };
      g_auto(Run) corrupt = { 0 };

      admin (&too_new, NULL, commands[i], newer, NULL);
      g_assert_cmpint (too_new.status, ==, 1);
      g_assert_nonnull (strstr (too_new.err, "newer than this program"));
      assert_unchanged (newer, newer_bytes);

      admin (&corrupt, NULL, commands[i], junk, NULL);
      g_assert_cmpint (corrupt.status, ==, 1);
      g_assert_nonnull (strstr (corrupt.err, "not a Guichet Familles database"));
      assert_unchanged (junk, junk_bytes);
    }
}

static void
test_check_detects_tampering (void)
{
  g_autofree char *path = new_database ();
  g_auto(Run) add = { 0 };
  g_auto(Run) check = { 0 };
  g_auto(Run) check_triggers = { 0 };
  sqlite3 *raw = NULL;

  admin (&add, "un-mot-de-passe-solide\n", "staff", "add", path, "camille", "--role", "agent", NULL);
  g_assert_cmpint (add.status, ==, 0);

  sqlite3_open (path, &raw);
  sqlite3_exec (raw, "DROP TRIGGER audit_log_no_update", NULL, NULL, NULL);
  admin (&check_triggers, NULL, "check", path, NULL);
  g_assert_cmpint (check_triggers.status, ==, 1);
  g_assert_nonnull (strstr (check_triggers.err, "triggers were removed"));

  sqlite3_exec (raw, "UPDATE audit_log SET actor_label = 'quelqu''un d''autre' WHERE id = 1;"
                     "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN "
                     "SELECT RAISE (ABORT, 'the audit log is append-only'); END;",
                NULL, NULL, NULL);
  sqlite3_close (raw);

  admin (&check, NULL, "check", path, NULL);
  g_assert_cmpint (check.status, ==, 1);
  g_assert_nonnull (strstr (check.err, "entry 1 was altered"));
}

/* Cutting entries off the end keeps the chain valid: the anchor noted from an earlier
 * check catches it. */
static void
test_check_anchor (void)
{
  g_autofree char *path = new_database ();
  g_auto(Run) add = { 0 };
  g_auto(Run) add2 = { 0 };
  g_auto(Run) first = { 0 };
  g_auto(Run) still = { 0 };
  g_auto(Run) cut = { 0 };
  g_auto(Run) bad = { 0 };
  g_autofree char *anchor = NULL;
  const char *found;
  sqlite3 *raw = NULL;

  admin (&add, "un-mot-de-passe-solide\n", "staff", "add", path, "camille", "--role", "agent", NULL);
  admin (&add2, "un-mot-de-passe-solide\n", "staff", "add", path, "nadia", "--role", "agent", NULL);
  admin (&first, NULL, "check", path, NULL);
  g_assert_cmpint (first.status, ==, 0);
  found = strstr (first.out, "--anchor ");
  g_assert_nonnull (found);
  anchor = g_strndup (found + strlen ("--anchor "), strcspn (found + strlen ("--anchor "), "\n"));
  g_assert_true (g_str_has_prefix (anchor, "2:"));

  admin (&still, NULL, "check", path, "--anchor", anchor, NULL);
  g_assert_cmpint (still.status, ==, 0);

  sqlite3_open (path, &raw);
  sqlite3_exec (raw, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 2;"
                     "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN "
                     "SELECT RAISE (ABORT, 'the audit log is append-only'); END;", NULL, NULL, NULL);
  sqlite3_close (raw);
  admin (&cut, NULL, "check", path, "--anchor", anchor, NULL);
  g_assert_cmpint (cut.status, ==, 1);
  g_assert_nonnull (strstr (cut.err, "entries were removed"));

  admin (&bad, NULL, "check", path, "--anchor", "deux", NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strstr (bad.err, "ID:HASH"));
}

static void
test_staff_add (void)
{
  g_autofree char *path = new_database ();
  g_autofree char *nowhere = tmp_path ("none.db");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GfDb) db = NULL;
  g_autoptr(GError) error = NULL;
  struct {
    const char *input;
    const char *login;
    const char *role;
    int         status;
    const char *says;
  } bad[] = {
    { "un-mot-de-passe-solide\n", "paul", "emperor", 2, "agent, regisseur or admin" },
    { "un-mot-de-passe-solide\n", "paul", NULL, 2, "--role" },
    { "court\n", "paul", "agent", 1, "at least 10 characters" },
    { "", "paul", "agent", 1, "No password" },
    { "un-mot-de-passe-solide\n", "paul martin", "agent", 1, "Login" },
    { "un-mot-de-passe-solide\n", "NADIA", "admin", 1, "already used" },
  };

  {
    g_auto(Run) add = { 0 };

    admin (&add, "un-mot-de-passe-solide\n", "staff", "add", path, "nadia", "--role", "regisseur",
           "--name", "Nadia Régisseuse", NULL);
    g_assert_cmpint (add.status, ==, 0);
    g_assert_nonnull (strstr (add.out, "nadia"));
  }
  before = settle (path);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto(Run) run = { 0 };

      if (bad[i].role != NULL)
        admin (&run, bad[i].input, "staff", "add", path, bad[i].login, "--role", bad[i].role, NULL);
      else
        admin (&run, bad[i].input, "staff", "add", path, bad[i].login, NULL);
      g_assert_cmpint (run.status, ==, bad[i].status);
      if (strstr (run.err, bad[i].says) == NULL)
        g_error ("case %u: “%s” does not say “%s”", i, run.err, bad[i].says);
      assert_unchanged (path, before);
    }

  {
    g_auto(Run) run = { 0 };

    admin (&run, "un-mot-de-passe-solide\n", "staff", "add", nowhere, "paul", "--role", "agent", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
  }

  db = gf_db_open (path, GF_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM staff_user WHERE login = 'nadia' "
                                      "AND role = 'regisseur' AND display_name = 'Nadia Régisseuse' "
                                      "AND password_hash LIKE '$argon2id$%'"), ==, 1);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM staff_user"), ==, 1);
}

static void
test_demo (void)
{
  g_autofree char *path = tmp_path ("demo.db");
  g_autofree char *other = tmp_path ("other.db");
  g_autoptr(GBytes) before = NULL;
  g_auto(Run) demo = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) zero = { 0 };
  g_auto(Run) bad_date = { 0 };
  g_auto(Run) check = { 0 };

  admin (&demo, NULL, "demo", path, "--families", "25", "--today", "2026-11-22", NULL);
  g_assert_cmpint (demo.status, ==, 0);
  g_assert_nonnull (strstr (demo.out, "marie.dupont@exemple.fr"));
  g_assert_nonnull (strstr (demo.out, path));

  admin (&check, NULL, "check", path, NULL);
  g_assert_cmpint (check.status, ==, 0);

  before = settle (path);
  admin (&again, NULL, "demo", path, NULL);
  g_assert_cmpint (again.status, ==, 1);
  g_assert_nonnull (strstr (again.err, "already exists"));
  assert_unchanged (path, before);

  admin (&zero, NULL, "demo", other, "--families", "0", NULL);
  g_assert_cmpint (zero.status, ==, 2);
  admin (&bad_date, NULL, "demo", other, "--today", "22/11/2026", NULL);
  g_assert_cmpint (bad_date.status, ==, 2);
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
}

typedef struct
{
  char          *path;
  volatile gint  stop;
  gint           written;
} Writer;

static gpointer
keep_writing (gpointer data)
{
  Writer *writer = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfDb) db = gf_db_open (writer->path, GF_DB_OPEN_DEFAULT, &error);
  GfActor actor = GF_ACTOR_INIT_SYSTEM ("writer");

  g_assert_no_error (error);
  while (!g_atomic_int_get (&writer->stop))
    {
      g_autofree char *value = g_strdup_printf ("Mairie %d", writer->written);

      g_assert_true (gf_settings_set (db, &actor, GF_SETTING_COLLECTIVITE_NAME, value, &error));
      g_atomic_int_inc (&writer->written);
    }
  return NULL;
}

/* A backup taken while another connection keeps writing is consistent, restores, and
 * passes "check" (integrity and audit chain). */
static void
test_backup_while_writing (void)
{
  Writer writer = { 0 };
  g_autofree char *backup = tmp_path ("backup.db");
  g_autofree char *restored = tmp_path ("restored.db");
  g_autofree char *junk = tmp_path ("junk.db");
  g_autoptr(GBytes) backup_bytes = NULL;
  g_autoptr(GBytes) restored_bytes = NULL;
  g_autoptr(GfDb) db = NULL;
  g_autoptr(GError) error = NULL;
  GThread *thread;
  gint written_before;
  gint64 entries;

  {
    g_auto(Run) demo = { 0 };

    writer.path = tmp_path ("live.db");
    admin (&demo, NULL, "demo", writer.path, "--families", "40", NULL);
    g_assert_cmpint (demo.status, ==, 0);
  }

  thread = g_thread_new ("writer", keep_writing, &writer);
  while (g_atomic_int_get (&writer.written) < 20)
    g_usleep (1000);
  written_before = g_atomic_int_get (&writer.written);

  {
    g_auto(Run) run = { 0 };

    admin (&run, NULL, "backup", writer.path, backup, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  g_atomic_int_set (&writer.stop, 1);
  g_thread_join (thread);
  g_assert_cmpint (writer.written, >, written_before);

  {
    g_auto(Run) check = { 0 };
    g_auto(Run) again = { 0 };

    admin (&check, NULL, "check", backup, NULL);
    g_assert_cmpint (check.status, ==, 0);
    backup_bytes = file_bytes (backup);
    admin (&again, NULL, "backup", writer.path, backup, NULL);
    g_assert_cmpint (again.status, ==, 1);
    g_assert_nonnull (strstr (again.err, "already exists"));
    assert_unchanged (backup, backup_bytes);
  }

  {
    g_auto(Run) restore = { 0 };
    g_auto(Run) check = { 0 };

    admin (&restore, NULL, "restore", backup, restored, NULL);
    g_assert_cmpint (restore.status, ==, 0);
    admin (&check, NULL, "check", restored, NULL);
    g_assert_cmpint (check.status, ==, 0);
  }

  /* The restored copy holds a moment between the writer's start and its end. */
  db = gf_db_open (restored, GF_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  entries = gf_test_count (db, "SELECT count(*) FROM audit_log WHERE actor_label = 'writer'");
  g_assert_cmpint (entries, >=, written_before);
  g_assert_cmpint (entries, <=, writer.written);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM family"), ==, 40);
  g_clear_object (&db);

  /* Restoring from junk changes nothing. */
  {
    g_auto(Run) run = { 0 };

    restored_bytes = settle (restored);
    g_file_set_contents (junk, "junk", -1, NULL);
    admin (&run, NULL, "restore", junk, restored, NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_unchanged (restored, restored_bytes);
  }

  {
    g_auto(Run) run = { 0 };
    g_autofree char *nowhere = tmp_path ("none.db");
    g_autofree char *target = tmp_path ("never-written.db");

    admin (&run, NULL, "backup", nowhere, target, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "does not exist"));
    g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  }

  g_free (writer.path);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names of the files in a documents directory, sorted, one a line. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (handle == NULL)
    return g_strdup ("");
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("\n", (char **) names->pdata);
}

/* The families' documents follow their database into a backup and back out of it; a
 * file altered on disk is not copied and the operator is told. */
static void
test_backup_documents (void)
{
  g_autofree char *path = tmp_path ("mairie.db");
  g_autofree char *backup = tmp_path ("sauvegarde.db");
  g_autofree char *restored = tmp_path ("restauree.db");
  g_autofree char *source_dir = gf_document_dir (path);
  g_autofree char *backup_dir = gf_document_dir (backup);
  g_autofree char *restored_dir = gf_document_dir (restored);
  g_autofree char *source_files = NULL;
  g_autofree char *backup_files = NULL;
  g_autofree char *restored_files = NULL;
  g_autofree char *altered = NULL;
  g_auto(GStrv) names = NULL;
  g_auto(Run) demo = { 0 };
  g_auto(Run) run = { 0 };
  g_auto(Run) restore = { 0 };
  g_auto(Run) again = { 0 };
  g_autofree char *backup2 = tmp_path ("sauvegarde2.db");
  g_autofree char *backup2_dir = gf_document_dir (backup2);
  g_autofree char *backup2_files = NULL;

  admin (&demo, NULL, "demo", path, "--families", "25", "--today", "2026-11-22", NULL);
  g_assert_cmpint (demo.status, ==, 0);
  source_files = list_dir (source_dir);
  names = g_strsplit (source_files, "\n", -1);
  /* The demo stores five files and leaves one document without its file. */
  g_assert_cmpuint (g_strv_length (names), ==, 5);

  admin (&run, NULL, "backup", path, backup, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "5 document files copied"));
  g_assert_nonnull (strstr (run.err, "1 document file was missing or altered"));
  backup_files = list_dir (backup_dir);
  g_assert_cmpstr (backup_files, ==, source_files);

  admin (&restore, NULL, "restore", backup, restored, NULL);
  g_assert_cmpint (restore.status, ==, 0);
  restored_files = list_dir (restored_dir);
  g_assert_cmpstr (restored_files, ==, source_files);

  /* A file changed behind the database's back is not passed on as if it were genuine. */
  altered = g_build_filename (source_dir, names[0], NULL);
  g_assert_true (g_file_set_contents (altered, "autre chose", -1, NULL));
  admin (&again, NULL, "backup", path, backup2, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.err, "2 document files were missing or altered"));
  backup2_files = list_dir (backup2_dir);
  g_assert_null (strstr (backup2_files, names[0]));
  g_assert_nonnull (strstr (backup2_files, names[1]));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gf_test_init_env ();
  /* A command that fails before reading its standard input closes the pipe we write to. */
  signal (SIGPIPE, SIG_IGN);

  g_test_add_func ("/gf/admin/usage", test_usage);
  g_test_add_func ("/gf/admin/init-and-migrate", test_init_and_migrate);
  g_test_add_func ("/gf/admin/bad-files", test_refuses_bad_files);
  g_test_add_func ("/gf/admin/check-tampering", test_check_detects_tampering);
  g_test_add_func ("/gf/admin/check-anchor", test_check_anchor);
  g_test_add_func ("/gf/admin/staff-add", test_staff_add);
  g_test_add_func ("/gf/admin/demo", test_demo);
  g_test_add_func ("/gf/admin/backup-while-writing", test_backup_while_writing);
  g_test_add_func ("/gf/admin/backup-documents", test_backup_documents);

  return g_test_run ();
}
