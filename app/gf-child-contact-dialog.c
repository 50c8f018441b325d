/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-child-contact-dialog.h"

#include <glib/gi18n.h>

#include "gf-child-form.h"

/* Adds or edits a person to call in an emergency and/or allowed to pick the child up
 * (seed 004). Each field is checked as it is typed, with its error under it; nothing is
 * saved while one is wrong. */

#define RESOURCE "/fr/guichetfamilles/Guichet/"

struct _GfChildContactDialog
{
  AdwWindow        parent_instance;

  /* Template Widgets */
  GtkWidget       *contact_last_name_row;
  GtkWidget       *contact_first_name_row;
  GtkWidget       *contact_relation_row;
  GtkWidget       *contact_phone1_row;
  GtkWidget       *contact_phone2_row;
  GtkWidget       *contact_address_row;
  GtkWidget       *contact_postal_code_row;
  GtkWidget       *contact_city_row;
  GtkSwitch       *contact_emergency_switch;
  GtkSwitch       *contact_pickup_switch;
  GtkLabel        *error_label;

  /* Owned References */
  GfSession       *session;
  GfChildContact  *contact;
};

G_DEFINE_FINAL_TYPE (GfChildContactDialog, gf_child_contact_dialog, ADW_TYPE_WINDOW)

typedef struct
{
  const char *column;
  gsize       offset;
} Field;

#define ROW(member) G_STRUCT_OFFSET (GfChildContactDialog, member)
#define FIELD_ROW(self, field) (*(GtkWidget **) ((guint8 *) (self) + (field)->offset))

static const Field fields[] = {
  { "last_name", ROW (contact_last_name_row) },
  { "first_name", ROW (contact_first_name_row) },
  { "relation", ROW (contact_relation_row) },
  { "phone1", ROW (contact_phone1_row) },
  { "phone2", ROW (contact_phone2_row) },
  { "address", ROW (contact_address_row) },
  { "postal_code", ROW (contact_postal_code_row) },
  { "city", ROW (contact_city_row) },
};

static const char *
contact_text (GfChildContact *contact,
              const char     *column)
{
  for (guint i = 0; i < gf_child_contact_spec.n_fields; i++)
    if (g_str_equal (gf_child_contact_spec.fields[i].column, column))
      return *(char **) ((guint8 *) contact + gf_child_contact_spec.fields[i].offset);
  g_return_val_if_reached ("");
}

static void
show_error (GfChildContactDialog *self,
            const char           *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
text_changed_cb (GtkEditable          *editable,
                 GfChildContactDialog *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (FIELD_ROW (self, &fields[i]) == GTK_WIDGET (editable))
      gf_child_form_check_text (&gf_child_contact_spec, self->contact, fields[i].column,
                                GTK_WIDGET (editable));
}

static void
save_clicked_cb (GfChildContactDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfChildContact) record = NULL;
  gboolean ok = TRUE;
  gboolean created;
  GfActor actor;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    ok &= gf_child_form_check_text (&gf_child_contact_spec, self->contact, fields[i].column,
                                    FIELD_ROW (self, &fields[i]));
  if (!ok)
    {
      show_error (self, _("Correct the fields marked in red; nothing was saved."));
      return;
    }
  self->contact->emergency = gtk_switch_get_active (self->contact_emergency_switch);
  self->contact->pickup = gtk_switch_get_active (self->contact_pickup_switch);

  gf_session_get_actor (self->session, &actor);
  record = gf_child_contact_copy (self->contact);
  created = record->id == 0;
  if (created)
    ok = gf_child_contact_create (gf_session_get_db (self->session), &actor, record, &error);
  else
    ok = gf_child_contact_update (gf_session_get_db (self->session), &actor, record, &error);
  if (!ok)
    {
      show_error (self, error->message);
      return;
    }
  gf_session_toast (self->session, created ? _("The person is added.") : _("The person is saved."));
  gf_session_notify_changed (self->session);
  gtk_window_close (GTK_WINDOW (self));
}

static void
gf_child_contact_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GF_TYPE_CHILD_CONTACT_DIALOG);

  G_OBJECT_CLASS (gf_child_contact_dialog_parent_class)->dispose (object);
}

static void
gf_child_contact_dialog_finalize (GObject *object)
{
  GfChildContactDialog *self = GF_CHILD_CONTACT_DIALOG (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->contact, gf_child_contact_free);

  G_OBJECT_CLASS (gf_child_contact_dialog_parent_class)->finalize (object);
}

static void
gf_child_contact_dialog_class_init (GfChildContactDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_child_contact_dialog_dispose;
  object_class->finalize = gf_child_contact_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE "gf-child-contact-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, GfChildContactDialog, name)
  BIND (contact_last_name_row);
  BIND (contact_first_name_row);
  BIND (contact_relation_row);
  BIND (contact_phone1_row);
  BIND (contact_phone2_row);
  BIND (contact_address_row);
  BIND (contact_postal_code_row);
  BIND (contact_city_row);
  BIND (contact_emergency_switch);
  BIND (contact_pickup_switch);
  BIND (error_label);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gf_child_contact_dialog_init (GfChildContactDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Enter in any field saves, as the default button would. */
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      gf_child_form_attach_error (FIELD_ROW (self, &fields[i]));
      g_signal_connect_swapped (FIELD_ROW (self, &fields[i]), "entry-activated",
                                G_CALLBACK (save_clicked_cb), self);
    }
}

/* @contact NULL: a new person for @child_id. */
GtkWidget *
gf_child_contact_dialog_new (GtkWindow            *parent,
                             GfSession            *session,
                             gint64                child_id,
                             const GfChildContact *contact)
{
  GfChildContactDialog *self;

  g_return_val_if_fail (GF_IS_SESSION (session), NULL);

  self = g_object_new (GF_TYPE_CHILD_CONTACT_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  /* Never wider or taller than the window it belongs to (a narrow screen). */
  if (parent != NULL && gtk_widget_get_width (GTK_WIDGET (parent)) > 0)
    gtk_window_set_default_size (GTK_WINDOW (self),
                                 MIN (480, gtk_widget_get_width (GTK_WIDGET (parent))),
                                 MIN (680, gtk_widget_get_height (GTK_WIDGET (parent))));
  self->contact = contact != NULL ? gf_child_contact_copy (contact)
                                  : gf_child_contact_new (child_id);
  if (contact == NULL)
    self->contact->emergency = TRUE;
  else
    gtk_window_set_title (GTK_WINDOW (self), _("Edit the person"));

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    gtk_editable_set_text (GTK_EDITABLE (FIELD_ROW (self, &fields[i])),
                           contact_text (self->contact, fields[i].column));
  gtk_switch_set_active (self->contact_emergency_switch, self->contact->emergency);
  gtk_switch_set_active (self->contact_pickup_switch, self->contact->pickup);
  /* Checks start with the first edit, not on opening. */
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_signal_connect (FIELD_ROW (self, &fields[i]), "changed", G_CALLBACK (text_changed_cb), self);
  return GTK_WIDGET (self);
}
