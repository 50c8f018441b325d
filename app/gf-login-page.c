/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-login-page.h"

#include <glib/gi18n.h>

#include "gf-db.h"
#include "gf-staff-user.h"

struct _GfLoginPage
{
  AdwBin        parent_instance;

  /* Template Widgets */
  AdwEntryRow  *login_row;
  AdwEntryRow  *password_row;
  GtkLabel     *error_label;
  GtkButton    *submit_button;
  GtkSpinner   *spinner;
  GtkLabel     *db_label;

  /* Owned References */
  char         *db_path;
  GCancellable *cancellable;

  gboolean      busy;
};

G_DEFINE_FINAL_TYPE (GfLoginPage, gf_login_page, ADW_TYPE_BIN)

enum {
  SIGNAL_LOGGED_IN,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

typedef struct
{
  char *db_path;
  char *login;
  char *password;
} AuthData;

static void
auth_data_free (AuthData *data)
{
  g_free (data->db_path);
  g_free (data->login);
  if (data->password != NULL)
    memset (data->password, 0, strlen (data->password));
  g_free (data->password);
  g_free (data);
}

/*
 * Auxiliary methods
 */

static void
set_busy (GfLoginPage *self,
          gboolean     busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  /* The fields stay sensitive: taking them away from under the focus upsets GtkText. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "login.submit", !busy);
}

static void
show_error (GfLoginPage *self,
            const char  *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* Runs in a worker thread, on a connection of its own: Argon2id takes a while. */
static void
authenticate_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  AuthData *data = task_data;
  g_autoptr(GfDb) db = NULL;
  g_autoptr(GError) error = NULL;
  GfStaffUser *user;

  db = gf_db_open (data->db_path, GF_DB_OPEN_DEFAULT, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  user = gf_staff_user_authenticate (db, data->login, data->password, &error);
  if (user == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, user, (GDestroyNotify) gf_staff_user_free);
}

/*
 * Callbacks
 */

static void
authenticate_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GfLoginPage) self = user_data;
  g_autoptr(GfStaffUser) user = NULL;
  g_autoptr(GError) error = NULL;

  user = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (user == NULL)
    {
      show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  show_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  g_signal_emit (self, signals[SIGNAL_LOGGED_IN], 0, user);
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GfLoginPage *self = GF_LOGIN_PAGE (widget);
  g_autoptr(GTask) task = NULL;
  AuthData *data;
  const char *login = gtk_editable_get_text (GTK_EDITABLE (self->login_row));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (self->busy || self->db_path == NULL)
    return;

  if (*login == '\0' || *password == '\0')
    {
      show_error (self, _("Enter your login and your password."));
      return;
    }

  show_error (self, NULL);
  set_busy (self, TRUE);

  data = g_new0 (AuthData, 1);
  data->db_path = g_strdup (self->db_path);
  data->login = g_strdup (login);
  data->password = g_strdup (password);

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, authenticate_cb, g_object_ref (self));
  g_task_set_source_tag (task, submit_action);
  g_task_set_task_data (task, data, (GDestroyNotify) auth_data_free);
  g_task_run_in_thread (task, authenticate_thread);
}

static void
entry_activated_cb (GfLoginPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "login.submit", NULL);
}

/*
 * GObject overrides
 */

static void
gf_login_page_dispose (GObject *object)
{
  GfLoginPage *self = GF_LOGIN_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  /* A bound template child may be the bin's own child: let go of it first, or the
   * bin unparents it again after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GF_TYPE_LOGIN_PAGE);

  G_OBJECT_CLASS (gf_login_page_parent_class)->dispose (object);
}

static void
gf_login_page_finalize (GObject *object)
{
  GfLoginPage *self = GF_LOGIN_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->db_path, g_free);

  G_OBJECT_CLASS (gf_login_page_parent_class)->finalize (object);
}

static void
gf_login_page_class_init (GfLoginPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_login_page_dispose;
  object_class->finalize = gf_login_page_finalize;

  /**
   * GfLoginPage::logged-in:
   * @user: the staff user who signed in
   *
   * Emitted once the password has been checked.
   */
  signals[SIGNAL_LOGGED_IN] = g_signal_new ("logged-in",
                                            G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, GF_TYPE_STAFF_USER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/guichetfamilles/Guichet/gf-login-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GfLoginPage, login_row);
  gtk_widget_class_bind_template_child (widget_class, GfLoginPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, GfLoginPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, GfLoginPage, submit_button);
  gtk_widget_class_bind_template_child (widget_class, GfLoginPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, GfLoginPage, db_label);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "login.submit", NULL, submit_action);
}

static void
gf_login_page_init (GfLoginPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/*
 * Public API
 */

void
gf_login_page_set_db_path (GfLoginPage *self,
                           const char  *db_path)
{
  g_return_if_fail (GF_IS_LOGIN_PAGE (self));

  g_autofree char *caption = NULL;

  g_free (self->db_path);
  self->db_path = g_strdup (db_path);
  caption = g_strdup_printf (_("Database: %s"), db_path);
  gtk_label_set_text (self->db_label, caption);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->db_label), db_path);
  show_error (self, NULL);
}

/* Types into the fields, as a test would with the keyboard. */
void
gf_login_page_fill (GfLoginPage *self,
                    const char  *login,
                    const char  *password)
{
  g_return_if_fail (GF_IS_LOGIN_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->login_row), login);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
}

/* Activates the button, which is what a click does. */
void
gf_login_page_submit (GfLoginPage *self)
{
  g_return_if_fail (GF_IS_LOGIN_PAGE (self));

  gtk_widget_activate (GTK_WIDGET (self->submit_button));
}

gboolean
gf_login_page_get_busy (GfLoginPage *self)
{
  g_return_val_if_fail (GF_IS_LOGIN_PAGE (self), FALSE);

  return self->busy;
}

/* The error shown next to the fields, or NULL. */
const char *
gf_login_page_get_error (GfLoginPage *self)
{
  g_return_val_if_fail (GF_IS_LOGIN_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_text (self->error_label);
}

void
gf_login_page_reset (GfLoginPage *self)
{
  g_return_if_fail (GF_IS_LOGIN_PAGE (self));

  show_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->login_row));
}
