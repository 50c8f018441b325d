/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-application.h"

#include <glib/gi18n.h>

#include "gf-test-script.h"
#include "gf-window.h"

struct _GfApplication
{
  AdwApplication  parent_instance;

  /* Owned References */
  char           *db_option;
  GfDb           *db;
  GSettings      *settings;

  /* Borrowed References */
  GtkWindow      *error_dialog;
};

G_DEFINE_FINAL_TYPE (GfApplication, gf_application, ADW_TYPE_APPLICATION)

/*
 * Auxiliary methods
 */

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

  return g_build_filename (g_get_user_data_dir (), "guichet-familles", "guichet.db", NULL);
}

static void
show_open_error (GfApplication *self,
                 const char    *path,
                 const GError  *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (NULL,
                                   _("The database cannot be opened"),
                                   NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The file “%s” could not be opened: %s"),
                                  path, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
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

static const GActionEntry app_actions[] = {
  { "about", about_cb },
  { "quit", quit_cb },
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
  const char *script;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  path = resolve_db_path (self);
  if (self->db == NULL)
    self->db = gf_db_open (path, GF_DB_OPEN_DEFAULT, &error);

  if (self->db == NULL)
    show_open_error (self, path, error);
  else
    gtk_window_present (GTK_WINDOW (gf_window_new (self, self->db)));

  script = g_getenv ("GUICHET_TEST_SCRIPT");
  if (script != NULL && *script != '\0')
    gf_test_script_run (self, script);
}

static void
gf_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (gf_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
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
