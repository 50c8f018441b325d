/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-staff-user-dialog.h"
#include "gf-field-error.h"
#include "gf-validate.h"

#include <glib/gi18n.h>

/* Adds a staff user (login, name, role, first password) or changes one: role, enabled,
 * a new password. Errors show under the field and keep the dialog open. */

struct _GfStaffUserDialog
{
  AdwWindow       parent_instance;

  /* Template Widgets */
  AdwWindowTitle *window_title;
  GtkButton      *user_save_button;
  AdwEntryRow    *login_row;
  GtkWidget      *login_error;
  AdwEntryRow    *name_row;
  GtkWidget      *name_error;
  AdwComboRow    *role_row;
  GtkWidget      *active_row;
  GtkSwitch      *active_switch;
  GtkWidget      *access_error;
  AdwEntryRow    *password_row;
  GtkWidget      *password_error;

  /* Owned References */
  GfSession      *session;
  GfStaffUser    *user;      /* NULL: a new user */
};

G_DEFINE_FINAL_TYPE (GfStaffUserDialog, gf_staff_user_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clear_errors (GfStaffUserDialog *self)
{
  gf_field_error_show (self->login_error, GTK_WIDGET (self->login_row), NULL);
  gf_field_error_show (self->name_error, GTK_WIDGET (self->name_row), NULL);
  gf_field_error_show (self->access_error, GTK_WIDGET (self->role_row), NULL);
  gf_field_error_show (self->password_error, GTK_WIDGET (self->password_row), NULL);
}

/* The core checks fields in order: the message says which one is wrong. */
static void
show_add_error (GfStaffUserDialog *self,
                const GError      *error)
{
  const char *message = error->message;

  if (strstr (message, _("Login")) != NULL || g_error_matches (error, GF_INPUT_ERROR, GF_INPUT_ERROR_DUPLICATE))
    gf_field_error_show (self->login_error, GTK_WIDGET (self->login_row), message);
  else if (strstr (message, _("Name")) != NULL)
    gf_field_error_show (self->name_error, GTK_WIDGET (self->name_row), message);
  else
    gf_field_error_show (self->password_error, GTK_WIDGET (self->password_row), message);
}

static gboolean
add_user (GfStaffUserDialog *self,
          const GfActor     *actor)
{
  const char *login = gtk_editable_get_text (GTK_EDITABLE (self->login_row));
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  g_autofree char *plain_login = g_strstrip (g_strdup (login));
  g_autofree char *plain_name = g_strstrip (g_strdup (name));
  GfStaffRole role = (GfStaffRole)adw_combo_row_get_selected (self->role_row);
  g_autoptr(GfStaffUser) user = gf_staff_user_new (plain_login, plain_name, role);
  g_autoptr(GError) error = NULL;

  if (*plain_login == '\0')
    {
      gf_field_error_show (self->login_error, GTK_WIDGET (self->login_row), _("Enter a login."));
      return FALSE;
    }
  if (*plain_name == '\0')
    {
      gf_field_error_show (self->name_error, GTK_WIDGET (self->name_row), _("Enter the person's name."));
      return FALSE;
    }
  user->active = gtk_switch_get_active (self->active_switch);
  if (!gf_staff_user_add (gf_session_get_db (self->session), actor, user, password, &error))
    {
      show_add_error (self, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
change_user (GfStaffUserDialog *self,
             const GfActor     *actor)
{
  GfDb *db = gf_session_get_db (self->session);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  GfStaffRole role = (GfStaffRole)adw_combo_row_get_selected (self->role_row);
  g_autoptr(GError) error = NULL;

  /* The password first: it is the one most likely to be refused, and nothing is saved
   * while something is wrong. */
  if (*password != '\0' && !gf_staff_user_check_new_password (password, &error))
    {
      gf_field_error_show (self->password_error, GTK_WIDGET (self->password_row), error->message);
      return FALSE;
    }
  if (!gf_staff_user_change_access (db, actor, self->user->id, role,
                                    gtk_switch_get_active (self->active_switch), &error))
    {
      gf_field_error_show (self->access_error, GTK_WIDGET (self->role_row), error->message);
      return FALSE;
    }
  if (*password != '\0' &&
      !gf_staff_user_reset_password (db, actor, self->user->id, password, &error))
    {
      gf_field_error_show (self->password_error, GTK_WIDGET (self->password_row), error->message);
      return FALSE;
    }
  return TRUE;
}

static void
save_clicked_cb (GfStaffUserDialog *self)
{
  GfActor actor;
  gboolean saved;

  clear_errors (self);
  gf_session_get_actor (self->session, &actor);
  saved = self->user == NULL ? add_user (self, &actor) : change_user (self, &actor);
  if (!saved)
    return;

  gf_session_toast (self->session, self->user == NULL ? _("Staff user added.")
                                                      : _("Staff user saved."));
  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
gf_staff_user_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GF_TYPE_STAFF_USER_DIALOG);

  G_OBJECT_CLASS (gf_staff_user_dialog_parent_class)->dispose (object);
}

static void
gf_staff_user_dialog_finalize (GObject *object)
{
  GfStaffUserDialog *self = GF_STAFF_USER_DIALOG (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->user, gf_staff_user_free);

  G_OBJECT_CLASS (gf_staff_user_dialog_parent_class)->finalize (object);
}

static void
gf_staff_user_dialog_class_init (GfStaffUserDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_staff_user_dialog_dispose;
  object_class->finalize = gf_staff_user_dialog_finalize;

  /**
   * GfStaffUserDialog::saved:
   *
   * The user was added or changed in the database.
   */
  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/guichetfamilles/Guichet/gf-staff-user-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GfStaffUserDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, GfStaffUserDialog, user_save_button);
  gtk_widget_class_bind_template_child (widget_class, GfStaffUserDialog, login_row);
  gtk_widget_class_bind_template_child (widget_class, GfStaffUserDialog, login_error);
  gtk_widget_class_bind_template_child (widget_class, GfStaffUserDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, GfStaffUserDialog, name_error);
  gtk_widget_class_bind_template_child (widget_class, GfStaffUserDialog, role_row);
  gtk_widget_class_bind_template_child (widget_class, GfStaffUserDialog, active_row);
  gtk_widget_class_bind_template_child (widget_class, GfStaffUserDialog, active_switch);
  gtk_widget_class_bind_template_child (widget_class, GfStaffUserDialog, access_error);
  gtk_widget_class_bind_template_child (widget_class, GfStaffUserDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, GfStaffUserDialog, password_error);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gf_staff_user_dialog_init (GfStaffUserDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gf_field_error_init (self->login_error);
  gf_field_error_init (self->name_error);
  gf_field_error_init (self->access_error);
  gf_field_error_init (self->password_error);
}

/**
 * gf_staff_user_dialog_new:
 * @user: (nullable): the user to change, %NULL to add one
 */
GtkWidget *
gf_staff_user_dialog_new (GfSession         *session,
                          const GfStaffUser *user)
{
  GfStaffUserDialog *self;

  g_return_val_if_fail (GF_IS_SESSION (session), NULL);

  self = g_object_new (GF_TYPE_STAFF_USER_DIALOG, NULL);
  self->session = g_object_ref (session);
  if (user == NULL)
    {
      adw_window_title_set_title (self->window_title, _("New Staff User"));
      gtk_button_set_label (self->user_save_button, _("_Add"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row), _("Password"));
      adw_combo_row_set_selected (self->role_row, GF_STAFF_ROLE_AGENT);
      gtk_widget_set_visible (self->active_row, FALSE);
      return GTK_WIDGET (self);
    }

  self->user = gf_staff_user_copy (user);
  adw_window_title_set_title (self->window_title, user->display_name);
  adw_window_title_set_subtitle (self->window_title, user->login);
  gtk_button_set_label (self->user_save_button, _("_Save"));
  /* The login is the audit log's name for the person: it does not change. */
  gtk_editable_set_text (GTK_EDITABLE (self->login_row), user->login);
  gtk_editable_set_editable (GTK_EDITABLE (self->login_row), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->login_row), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), user->display_name);
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), FALSE);
  adw_combo_row_set_selected (self->role_row, gf_staff_user_get_role (user));
  gtk_switch_set_active (self->active_switch, user->active);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row),
                                 _("New password (leave empty to keep it)"));
  return GTK_WIDGET (self);
}
