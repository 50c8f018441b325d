/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-child-contacts-group.h"

#include <glib/gi18n.h>

#include "gf-child.h"
#include "gf-child-contact-dialog.h"

/* The child's emergency contacts and the people allowed to pick the child up: one row
 * each, with edit and remove (after a confirmation). */

#define RESOURCE "/fr/guichetfamilles/Guichet/"

struct _GfChildContactsGroup
{
  AdwPreferencesGroup  parent_instance;

  /* Template Widgets */
  GtkWidget           *empty_row;

  /* Owned References */
  GfSession           *session;
  GPtrArray           *rows;        /* the contact rows shown (borrowed widgets) */
  GPtrArray           *contacts;    /* GfChildContact, same order */

  gint64               child_id;
};

G_DEFINE_FINAL_TYPE (GfChildContactsGroup, gf_child_contacts_group, ADW_TYPE_PREFERENCES_GROUP)

static GtkWindow *
parent_window (GfChildContactsGroup *self)
{
  return GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
}

static void
edit_clicked_cb (GtkButton            *button,
                 GfChildContactsGroup *self)
{
  GfChildContact *contact = g_object_get_data (G_OBJECT (button), "contact");
  GtkWidget *dialog = gf_child_contact_dialog_new (parent_window (self), self->session,
                                                   self->child_id, contact);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_response_cb (AdwMessageDialog     *dialog,
                    const char           *response,
                    GfChildContactsGroup *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "contact-id"));
  GfActor actor;

  if (!g_str_equal (response, "remove"))
    return;
  gf_session_get_actor (self->session, &actor);
  if (!gf_child_contact_delete (gf_session_get_db (self->session), &actor, id, &error))
    {
      gf_session_toast (self->session, error->message);
      return;
    }
  gf_session_toast (self->session, _("The person is removed."));
  gf_session_notify_changed (self->session);
}

static void
remove_clicked_cb (GtkButton            *button,
                   GfChildContactsGroup *self)
{
  GfChildContact *contact = g_object_get_data (G_OBJECT (button), "contact");
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self),
                                                       _("Remove this person?"), NULL));
  adw_message_dialog_format_body (dialog, _("%s %s will no longer be called in an emergency "
                                            "nor allowed to pick the child up."),
                                  contact->first_name, contact->last_name);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "contact-id", GSIZE_TO_POINTER ((gsize) contact->id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
icon_button (const char     *icon,
             const char     *tooltip,
             GfChildContact *contact,
             GCallback       callback,
             gpointer        self)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), "contact", contact);
  g_signal_connect_object (button, "clicked", callback, self, 0);
  return button;
}

static GtkWidget *
contact_row (GfChildContactsGroup *self,
             GfChildContact       *contact)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_strdup_printf ("%s %s", contact->first_name, contact->last_name);
  g_autofree char *edit = g_strdup_printf (_("Edit %s"), title);
  g_autofree char *remove = g_strdup_printf (_("Remove %s"), title);
  g_autoptr(GString) subtitle = g_string_new (contact->relation);
  const char *roles = contact->emergency && contact->pickup ? _("emergency, pick-up")
                      : contact->emergency ? _("emergency") : _("pick-up");

  if (subtitle->len > 0)
    g_string_append (subtitle, " · ");
  g_string_append (subtitle, contact->phone1);
  if (contact->phone2[0] != '\0')
    g_string_append_printf (subtitle, " · %s", contact->phone2);
  g_string_append_printf (subtitle, " · %s", roles);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             icon_button ("document-edit-symbolic", edit, contact,
                                          G_CALLBACK (edit_clicked_cb), self));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             icon_button ("user-trash-symbolic", remove, contact,
                                          G_CALLBACK (remove_clicked_cb), self));
  return row;
}

static void
add_clicked_cb (GfChildContactsGroup *self)
{
  GtkWidget *dialog = gf_child_contact_dialog_new (parent_window (self), self->session,
                                                   self->child_id, NULL);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
gf_child_contacts_group_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GF_TYPE_CHILD_CONTACTS_GROUP);

  G_OBJECT_CLASS (gf_child_contacts_group_parent_class)->dispose (object);
}

static void
gf_child_contacts_group_finalize (GObject *object)
{
  GfChildContactsGroup *self = GF_CHILD_CONTACTS_GROUP (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->contacts, g_ptr_array_unref);

  G_OBJECT_CLASS (gf_child_contacts_group_parent_class)->finalize (object);
}

static void
gf_child_contacts_group_class_init (GfChildContactsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_child_contacts_group_dispose;
  object_class->finalize = gf_child_contacts_group_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE "gf-child-contacts-group.ui");
  gtk_widget_class_bind_template_child (widget_class, GfChildContactsGroup, empty_row);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
}

static void
gf_child_contacts_group_init (GfChildContactsGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) gf_child_contact_free);
}

void
gf_child_contacts_group_set_session (GfChildContactsGroup *self,
                                     GfSession            *session)
{
  g_return_if_fail (GF_IS_CHILD_CONTACTS_GROUP (self));

  g_set_object (&self->session, session);
}

void
gf_child_contacts_group_load (GfChildContactsGroup *self,
                              gint64                child_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = NULL;

  g_return_if_fail (GF_IS_CHILD_CONTACTS_GROUP (self));

  self->child_id = child_id;
  contacts = gf_child_contact_list (gf_session_get_db (self->session), child_id, &error);
  if (contacts == NULL)
    {
      gf_session_toast (self->session, error->message);
      return;
    }

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_unref (self->contacts);
  self->contacts = g_steal_pointer (&contacts);

  for (guint i = 0; i < self->contacts->len; i++)
    {
      GtkWidget *row = contact_row (self, self->contacts->pdata[i]);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }
  gtk_widget_set_visible (self->empty_row, self->contacts->len == 0);
}
