/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-staff-users-group.h"
#include "gf-staff-user-dialog.h"

#include <glib/gi18n.h>

/* The staff users in the "Paramètres" section: one row each (name, login, role, enabled);
 * a row opens GfStaffUserDialog to change it, "Ajouter" to add one. */

struct _GfStaffUsersGroup
{
  AdwPreferencesGroup  parent_instance;

  /* Owned References */
  GfSession           *session;
  GPtrArray           *rows;
  GPtrArray           *users;
};

G_DEFINE_FINAL_TYPE (GfStaffUsersGroup, gf_staff_users_group, ADW_TYPE_PREFERENCES_GROUP)

static const char *
role_label (GfStaffRole role)
{
  switch (role)
    {
    case GF_STAFF_ROLE_ADMIN:
      return _("Administrator");
    case GF_STAFF_ROLE_REGISSEUR:
      return _("Régisseur");
    case GF_STAFF_ROLE_AGENT:
    default:
      return _("Agent");
    }
}

static void
dialog_saved_cb (GfStaffUsersGroup *self)
{
  gf_staff_users_group_reload (self);
  gf_session_notify_changed (self->session);
}

static void
open_dialog (GfStaffUsersGroup *self,
             const GfStaffUser *user)
{
  GtkWidget *dialog = gf_staff_user_dialog_new (self->session, user);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    {
      int width = gtk_widget_get_width (GTK_WIDGET (root));

      gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
      /* On a phone-sized window the dialog takes the window's width, not more. */
      if (width > 0 && width < 460)
        gtk_window_set_default_size (GTK_WINDOW (dialog), width, 560);
    }
  g_signal_connect_object (dialog, "saved", G_CALLBACK (dialog_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_clicked_cb (GfStaffUsersGroup *self)
{
  open_dialog (self, NULL);
}

static void
row_activated_cb (AdwActionRow      *row,
                  GfStaffUsersGroup *self)
{
  guint index;

  if (g_ptr_array_find (self->rows, row, &index))
    open_dialog (self, self->users->pdata[index]);
}

static void
gf_staff_users_group_finalize (GObject *object)
{
  GfStaffUsersGroup *self = GF_STAFF_USERS_GROUP (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->users, g_ptr_array_unref);

  G_OBJECT_CLASS (gf_staff_users_group_parent_class)->finalize (object);
}

static void
gf_staff_users_group_class_init (GfStaffUsersGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = gf_staff_users_group_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/guichetfamilles/Guichet/gf-staff-users-group.ui");
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
}

static void
gf_staff_users_group_init (GfStaffUsersGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

void
gf_staff_users_group_set_session (GfStaffUsersGroup *self,
                                  GfSession         *session)
{
  g_return_if_fail (GF_IS_STAFF_USERS_GROUP (self));

  g_set_object (&self->session, session);
  gf_staff_users_group_reload (self);
}

void
gf_staff_users_group_reload (GfStaffUsersGroup *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *users;

  g_return_if_fail (GF_IS_STAFF_USERS_GROUP (self));

  users = gf_staff_user_list (gf_session_get_db (self->session), &error);
  if (users == NULL)
    {
      gf_session_toast (self->session, error->message);
      return;
    }
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);
  g_clear_pointer (&self->users, g_ptr_array_unref);
  self->users = users;

  for (guint i = 0; i < users->len; i++)
    {
      const GfStaffUser *user = users->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_markup_escape_text (user->display_name, -1);
      g_autofree char *subtitle = NULL;
      g_autofree char *escaped = NULL;

      subtitle = g_strdup_printf ("%s · %s%s", user->login, role_label (gf_staff_user_get_role (user)),
                                  user->active ? "" : _(" · disabled"));
      escaped = g_markup_escape_text (subtitle, -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      if (!user->active)
        gtk_widget_add_css_class (row, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_signal_connect_object (row, "activated", G_CALLBACK (row_activated_cb), self, 0);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }
}
