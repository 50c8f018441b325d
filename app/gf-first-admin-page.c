/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-first-admin-page.h"

#include <glib/gi18n.h>

#include "gf-db.h"
#include "gf-staff-user.h"

/* A new database has no staff user: whoever created it makes the first administrator
 * account here, then is signed in with it. */

struct _GfFirstAdminPage
{
  AdwBin        parent_instance;

  /* Template Widgets */
  AdwEntryRow  *login_row;
  AdwEntryRow  *name_row;
  AdwEntryRow  *password_row;
  AdwEntryRow  *confirm_row;
  GtkLabel     *error_label;
  GtkSpinner   *spinner;

  /* Owned References */
  char         *db_path;
  GCancellable *cancellable;

  gboolean      busy;
};

G_DEFINE_FINAL_TYPE (GfFirstAdminPage, gf_first_admin_page, ADW_TYPE_BIN)

enum {
  SIGNAL_CREATED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

typedef struct
{
  char        *db_path;
  GfStaffUser *user;
  char        *password;
} CreateData;

static void
create_data_free (CreateData *data)
{
  g_free (data->db_path);
  g_clear_pointer (&data->user, gf_staff_user_free);
  if (data->password != NULL)
    memset (data->password, 0, strlen (data->password));
  g_free (data->password);
  g_free (data);
}

static void
show_error (GfFirstAdminPage *self,
            const char       *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
set_busy (GfFirstAdminPage *self,
          gboolean          busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "first-admin.create", !busy);
}

/* Runs in a worker thread: hashing the password takes a while. The core refuses a
 * second "first" administrator if another one appeared meanwhile. */
static void
create_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CreateData *data = task_data;
  GfActor actor = GF_ACTOR_INIT_SYSTEM ("first-run");
  g_autoptr(GfDb) db = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;

  db = gf_db_open (data->db_path, GF_DB_OPEN_DEFAULT, &error);
  if (db == NULL || (users = gf_staff_user_list (db, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (users->len > 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_EXISTS, "%s",
                               _("This database already has staff accounts: sign in instead."));
      return;
    }
  if (!gf_staff_user_create (db, &actor, data->user, data->password, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, gf_staff_user_copy (data->user), (GDestroyNotify) gf_staff_user_free);
}

static void
create_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GfFirstAdminPage) self = user_data;
  g_autoptr(GfStaffUser) user = NULL;
  g_autoptr(GError) error = NULL;

  user = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (user == NULL)
    {
      show_error (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
  g_signal_emit (self, signals[SIGNAL_CREATED], 0, user);
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GfFirstAdminPage *self = GF_FIRST_ADMIN_PAGE (widget);
  g_autofree char *login = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->login_row))));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));
  g_autoptr(GTask) task = NULL;
  CreateData *data;

  if (self->busy || self->db_path == NULL)
    return;
  if (*login == '\0' || *name == '\0' || *password == '\0')
    {
      show_error (self, _("Enter a login, a name and a password."));
      return;
    }
  if (!g_str_equal (password, confirm))
    {
      show_error (self, _("The two passwords differ."));
      gtk_widget_grab_focus (GTK_WIDGET (self->confirm_row));
      return;
    }

  show_error (self, NULL);
  set_busy (self, TRUE);
  data = g_new0 (CreateData, 1);
  data->db_path = g_strdup (self->db_path);
  data->user = gf_staff_user_new (login, name, GF_STAFF_ROLE_ADMIN);
  data->password = g_strdup (password);

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, create_cb, g_object_ref (self));
  g_task_set_source_tag (task, create_action);
  g_task_set_task_data (task, data, (GDestroyNotify) create_data_free);
  g_task_run_in_thread (task, create_thread);
}

static void
entry_activated_cb (GfFirstAdminPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "first-admin.create", NULL);
}

static void
gf_first_admin_page_dispose (GObject *object)
{
  GfFirstAdminPage *self = GF_FIRST_ADMIN_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  /* A bound template child may be the bin's own child: let go of it first, or the
   * bin unparents it again after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GF_TYPE_FIRST_ADMIN_PAGE);

  G_OBJECT_CLASS (gf_first_admin_page_parent_class)->dispose (object);
}

static void
gf_first_admin_page_finalize (GObject *object)
{
  GfFirstAdminPage *self = GF_FIRST_ADMIN_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->db_path, g_free);

  G_OBJECT_CLASS (gf_first_admin_page_parent_class)->finalize (object);
}

static void
gf_first_admin_page_class_init (GfFirstAdminPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_first_admin_page_dispose;
  object_class->finalize = gf_first_admin_page_finalize;

  /**
   * GfFirstAdminPage::created:
   * @user: the new administrator, signed in
   */
  signals[SIGNAL_CREATED] = g_signal_new ("created", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, GF_TYPE_STAFF_USER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/guichetfamilles/Guichet/gf-first-admin-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GfFirstAdminPage, login_row);
  gtk_widget_class_bind_template_child (widget_class, GfFirstAdminPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, GfFirstAdminPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, GfFirstAdminPage, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, GfFirstAdminPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, GfFirstAdminPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "first-admin.create", NULL, create_action);
}

static void
gf_first_admin_page_init (GfFirstAdminPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
gf_first_admin_page_set_db_path (GfFirstAdminPage *self,
                                 const char       *db_path)
{
  g_return_if_fail (GF_IS_FIRST_ADMIN_PAGE (self));

  g_free (self->db_path);
  self->db_path = g_strdup (db_path);
  show_error (self, NULL);
}
