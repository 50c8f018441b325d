/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-application.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "gf-demo.h"
#include "gf-test-script.h"
#include "gf-window.h"

#define DEMO_FAMILIES 200

struct _GfApplication
{
  AdwApplication  parent_instance;

  /* Owned References */
  char           *db_option;
  GfDb           *db;
  GSettings      *settings;

  /* Borrowed References */
  GtkWindow      *error_dialog;
  GfWindow       *window;

  gboolean        busy;
};

G_DEFINE_FINAL_TYPE (GfApplication, gf_application, ADW_TYPE_APPLICATION)

/*
 * Auxiliary methods
 */

static char *
default_db_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "guichet-familles", "guichet.db", NULL);
}

/* The database: --db, else the database-path setting, else the one in the user's data
 * directory. */
static char *
resolve_db_path (GfApplication *self)
{
  g_autofree char *setting = NULL;

  if (self->db_option != NULL)
    return g_strdup (self->db_option);

  setting = g_settings_get_string (self->settings, "database-path");
  if (setting != NULL && *setting != '\0')
    return g_steal_pointer (&setting);

  return default_db_path ();
}

static void
open_another_cb (GfApplication *self)
{
  g_action_group_activate_action (G_ACTION_GROUP (self), "open-database", NULL);
}

static void
show_open_error (GfApplication *self,
                 const char    *path,
                 const GError  *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (self->window != NULL ? GTK_WINDOW (self->window) : NULL,
                                   _("The database cannot be opened"),
                                   NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The file “%s” could not be opened: %s"),
                                  path, error->message);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "close", _("_Close"),
                                    "open", _("_Open Another Database…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  g_signal_connect_swapped (dialog, "response::open", G_CALLBACK (open_another_cb), self);
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  self->error_dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->error_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/*
 * Callbacks
 */

static void
about_cb (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  GfApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { "Guichet Familles", NULL };

  adw_show_about_window (parent,
                         "application-name", _("Guichet Familles"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", "Guichet Familles",
                         "developers", developers,
                         "comments", _("Family services desk of the town hall"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_cb (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  GfApplication *self = user_data;
  gboolean create = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "gf-create"));
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  if (path != NULL)
    gf_application_open_database (self, path, create);
  g_object_unref (chooser);
}

static void
choose_database (GfApplication *self,
                 gboolean       create)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (create ? _("New Database") : _("Open a Database"),
                                         GTK_WINDOW (self->window),
                                         create ? GTK_FILE_CHOOSER_ACTION_SAVE
                                                : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         create ? _("_Create") : _("_Open"),
                                         _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Guichet Familles databases"));
  gtk_file_filter_add_suffix (filter, "db");
  gtk_file_filter_add_suffix (filter, "sqlite");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (create)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "guichet.db");
  g_object_set_data (G_OBJECT (chooser), "gf-create", GINT_TO_POINTER (create));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_database_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  choose_database (GF_APPLICATION (user_data), FALSE);
}

static void
new_database_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  choose_database (GF_APPLICATION (user_data), TRUE);
}

static void
open_demo_cb (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GfApplication *self = user_data;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "guichet-familles",
                                            "demo.db", NULL);

  gf_application_open_demo (self, path);
}

static void
color_scheme_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GfApplication *self = user_data;

  g_settings_set_string (self->settings, "color-scheme", g_variant_get_string (parameter, NULL));
}

static void
apply_color_scheme (GfApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "color-scheme");
  AdwColorScheme color = ADW_COLOR_SCHEME_DEFAULT;

  if (g_str_equal (scheme, "light"))
    color = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (scheme, "dark"))
    color = ADW_COLOR_SCHEME_FORCE_DARK;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), color);
  if (action != NULL)
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (scheme));
}

static const GActionEntry app_actions[] = {
  { "about", about_cb },
  { "quit", quit_cb },
  { "open-database", open_database_cb },
  { "new-database", new_database_cb },
  { "open-demo", open_demo_cb },
  { "color-scheme", color_scheme_cb, "s", "'default'" },
};

/*
 * GApplication overrides
 */

static int
gf_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  GfApplication *self = GF_APPLICATION (app);
  const char *db = NULL;

  if (g_variant_dict_lookup (options, "db", "^&ay", &db))
    self->db_option = g_canonicalize_filename (db, NULL);

  return -1;
}

static void
gf_application_activate (GApplication *app)
{
  GfApplication *self = GF_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *default_path = NULL;
  const char *script;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  path = resolve_db_path (self);
  default_path = default_db_path ();
  if (self->db == NULL)
    self->db = gf_db_open (path, GF_DB_OPEN_DEFAULT, &error);

  self->window = gf_window_new (self, self->db);
  g_object_add_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
  gtk_window_present (GTK_WINDOW (self->window));
  /* No database yet on a first start: the window offers to open, create or try the
   * demo; an explicit one that fails says why. */
  if (self->db == NULL && (self->db_option != NULL || g_file_test (path, G_FILE_TEST_EXISTS) ||
                           !g_str_equal (path, default_path)))
    show_open_error (self, path, error);

  script = g_getenv ("GUICHET_TEST_SCRIPT");
  if (script != NULL && *script != '\0')
    gf_test_script_run (self, script);
}

static void
gf_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  GfApplication *self = GF_APPLICATION (app);

  G_APPLICATION_CLASS (gf_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.open-database", open_accels);
  g_signal_connect_swapped (self->settings, "changed::color-scheme",
                            G_CALLBACK (apply_color_scheme), self);
  apply_color_scheme (self);
}

static void
gf_application_finalize (GObject *object)
{
  GfApplication *self = GF_APPLICATION (object);

  g_clear_pointer (&self->db_option, g_free);
  g_clear_object (&self->db);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (gf_application_parent_class)->finalize (object);
}

static void
gf_application_class_init (GfApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = gf_application_finalize;
  app_class->handle_local_options = gf_application_handle_local_options;
  app_class->activate = gf_application_activate;
  app_class->startup = gf_application_startup;
}

static void
gf_application_init (GfApplication *self)
{
  static const GOptionEntry options[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Open the database FILE"), N_("FILE") },
    { NULL }
  };

  self->settings = g_settings_new (APP_ID);
  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Staff application of Guichet Familles"));
}

/*
 * Public API
 */

GfApplication *
gf_application_new (void)
{
  return g_object_new (GF_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       NULL);
}

GfDb *
gf_application_get_db (GfApplication *self)
{
  g_return_val_if_fail (GF_IS_APPLICATION (self), NULL);

  return self->db;
}

GtkWindow *
gf_application_get_error_dialog (GfApplication *self)
{
  g_return_val_if_fail (GF_IS_APPLICATION (self), NULL);

  return self->error_dialog;
}

/* Opens @path (creating it when @create) and, when it opens, remembers it and shows its
 * sign-in; otherwise says why and keeps the current database. */
gboolean
gf_application_open_database (GfApplication *self,
                              const char    *path,
                              gboolean       create)
{
  g_autoptr(GfDb) db = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (GF_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (create && g_file_test (path, G_FILE_TEST_EXISTS))
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_EXISTS, "%s",
                 _("A file of this name already exists: choose “Open a Database” to open it, "
                   "or another name."));
  else
    db = gf_db_open (path, create ? GF_DB_OPEN_CREATE | GF_DB_OPEN_MIGRATE : GF_DB_OPEN_DEFAULT,
                     &error);
  if (db == NULL)
    {
      show_open_error (self, path, error);
      return FALSE;
    }

  g_set_object (&self->db, db);
  g_settings_set_string (self->settings, "database-path", gf_db_get_path (db));
  if (self->window != NULL)
    gf_window_set_db (self->window, db);
  return TRUE;
}

/* Runs in a worker thread: a demo town of a few hundred families takes seconds. Built
 * under a temporary name, so a half-made demo is never opened. */
static void
demo_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *path = task_data;
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GfDb) db = NULL;
  g_autoptr(GError) error = NULL;
  GfDemoOptions options;

  gf_demo_options_init (&options);
  options.n_families = DEMO_FAMILIES;
  g_mkdir_with_parents (dir, 0700);
  g_unlink (partial);
  db = gf_db_open (partial, GF_DB_OPEN_CREATE | GF_DB_OPEN_MIGRATE, &error);
  if (db == NULL || !gf_demo_generate (db, &options, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_clear_object (&db);
  if (g_rename (partial, path) != 0)
    {
      int saved = errno;
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved),
                               "%s: %s", path, g_strerror (saved));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
demo_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GfApplication *self = GF_APPLICATION (source);
  g_autoptr(GError) error = NULL;
  const char *path = g_task_get_task_data (G_TASK (result));

  self->busy = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (self->window != NULL)
        gf_window_set_db (self->window, self->db);
      show_open_error (self, path, error);
      return;
    }
  gf_application_open_database (self, path, FALSE);
}

/* Opens the demo town at @path, making it first if needed. */
void
gf_application_open_demo (GfApplication *self,
                          const char    *path)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GF_IS_APPLICATION (self));

  if (self->busy)
    return;
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      gf_application_open_database (self, path, FALSE);
      return;
    }

  self->busy = TRUE;
  if (self->window != NULL)
    gf_window_show_busy (self->window, _("Creating the Demo Town…"));
  task = g_task_new (self, NULL, demo_cb, NULL);
  g_task_set_source_tag (task, gf_application_open_demo);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, demo_thread);
}
