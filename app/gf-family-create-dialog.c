/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-family-create-dialog.h"

#include <glib/gi18n.h>

#include "gf-family-list.h"
#include "gf-validate.h"

/* "Nouvelle famille": the family's file and its paying guardian in one form. Each field
 * is checked by the core's own field rules, its error shown under it; nothing is written
 * while one is wrong, and then both records are created in one audited transaction. */

/* The form's text fields, in the order of the form. */
enum {
  FIELD_LAST_NAME,
  FIELD_FIRST_NAME,
  FIELD_EMAIL,
  FIELD_PHONE,
  FIELD_ADDRESS,
  FIELD_POSTAL_CODE,
  FIELD_CITY,
  N_FIELDS,
};

/* Where each field goes: a guardian's column, or the family's. */
static const struct
{
  const char *column;
  gboolean    on_payer;
} field_columns[N_FIELDS] = {
  [FIELD_LAST_NAME] = { "last_name", TRUE },
  [FIELD_FIRST_NAME] = { "first_name", TRUE },
  [FIELD_EMAIL] = { "email", TRUE },
  [FIELD_PHONE] = { "phone_mobile", TRUE },
  [FIELD_ADDRESS] = { "address_line1", FALSE },
  [FIELD_POSTAL_CODE] = { "postal_code", FALSE },
  [FIELD_CITY] = { "city", FALSE },
};

static const char * const civilities[] = { "", "M.", "Mme" };

struct _GfFamilyCreateDialog
{
  AdwWindow     parent_instance;

  /* Template Widgets */
  AdwComboRow  *civility_row;
  AdwEntryRow  *last_name_row;
  AdwEntryRow  *first_name_row;
  AdwEntryRow  *email_row;
  AdwEntryRow  *phone_row;
  AdwEntryRow  *address_row;
  AdwEntryRow  *postal_code_row;
  AdwEntryRow  *city_row;
  GtkLabel     *last_name_error;
  GtkLabel     *first_name_error;
  GtkLabel     *email_error;
  GtkLabel     *phone_error;
  GtkLabel     *address_error;
  GtkLabel     *postal_code_error;
  GtkLabel     *city_error;
  GtkLabel     *form_error;

  /* Owned References */
  GfSession    *session;
};

G_DEFINE_FINAL_TYPE (GfFamilyCreateDialog, gf_family_create_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_CREATED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

/*
 * Auxiliary methods
 */

static AdwEntryRow *
field_row (GfFamilyCreateDialog *self,
           guint                 field)
{
  AdwEntryRow *rows[N_FIELDS] = {
    self->last_name_row, self->first_name_row, self->email_row, self->phone_row,
    self->address_row, self->postal_code_row, self->city_row,
  };

  return rows[field];
}

static GtkLabel *
field_error (GfFamilyCreateDialog *self,
             guint                 field)
{
  GtkLabel *labels[N_FIELDS] = {
    self->last_name_error, self->first_name_error, self->email_error, self->phone_error,
    self->address_error, self->postal_code_error, self->city_error,
  };

  return labels[field];
}

static char **
text_slot (GfFamily   *family,
           GfGuardian *payer,
           guint       field)
{
  const GfRecordSpec *spec = field_columns[field].on_payer ? &gf_guardian_spec : &gf_family_spec;
  gpointer record = field_columns[field].on_payer ? (gpointer) payer : (gpointer) family;

  for (guint i = 0; i < spec->n_fields; i++)
    if (g_str_equal (spec->fields[i].column, field_columns[field].column))
      return G_STRUCT_MEMBER_P (record, spec->fields[i].offset);
  g_assert_not_reached ();
}

/* The records as the form describes them. The e-mail and phone are the family's
 * contact too. */
static void
read_form (GfFamilyCreateDialog *self,
           GfFamily             *family,
           GfGuardian           *payer)
{
  guint civility = adw_combo_row_get_selected (self->civility_row);

  for (guint i = 0; i < N_FIELDS; i++)
    {
      char **slot = text_slot (family, payer, i);

      g_free (*slot);
      *slot = g_strdup (gtk_editable_get_text (GTK_EDITABLE (field_row (self, i))));
    }
  g_free (payer->civility);
  payer->civility = g_strdup (civility < G_N_ELEMENTS (civilities) ? civilities[civility] : "");
  g_free (family->email);
  family->email = g_strdup (payer->email);
  g_free (family->phone);
  family->phone = g_strdup (payer->phone_mobile);
}

static void
show_field_error (GfFamilyCreateDialog *self,
                  guint                 field,
                  const char           *message)
{
  GtkWidget *row = GTK_WIDGET (field_row (self, field));
  GtkLabel *label = field_error (self, field);

  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (label)), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

/* Checks one field with the core's rule; returns whether it is right. */
static gboolean
check_field (GfFamilyCreateDialog *self,
             guint                 field)
{
  g_autoptr(GfFamily) family = gf_family_new ();
  g_autoptr(GfGuardian) payer = gf_guardian_new (0);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  read_form (self, family, payer);
  ok = gf_record_validate_field (field_columns[field].on_payer ? &gf_guardian_spec : &gf_family_spec,
                                 field_columns[field].on_payer ? (gpointer) payer : (gpointer) family,
                                 field_columns[field].column, &error);
  show_field_error (self, field, ok ? NULL : error->message);
  return ok;
}

/*
 * Callbacks
 */

static void
field_changed_cb (GfFamilyCreateDialog *self,
                  GtkEditable          *editable)
{
  /* A field shown wrong is checked again as it is corrected. */
  for (guint i = 0; i < N_FIELDS; i++)
    if (GTK_EDITABLE (field_row (self, i)) == editable &&
        gtk_widget_has_css_class (GTK_WIDGET (editable), "error"))
      check_field (self, i);
}

static void
cancel_clicked_cb (GfFamilyCreateDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
create_clicked_cb (GfFamilyCreateDialog *self)
{
  g_autoptr(GfFamily) family = gf_family_new ();
  g_autoptr(GfGuardian) payer = gf_guardian_new (0);
  g_autoptr(GError) error = NULL;
  GfActor actor;
  int first_bad = -1;

  for (guint i = 0; i < N_FIELDS; i++)
    if (!check_field (self, i) && first_bad < 0)
      first_bad = (int) i;
  gtk_widget_set_visible (GTK_WIDGET (self->form_error), FALSE);
  if (first_bad >= 0)
    {
      gtk_widget_grab_focus (GTK_WIDGET (field_row (self, (guint) first_bad)));
      return;
    }

  read_form (self, family, payer);
  gf_session_get_actor (self->session, &actor);
  if (!gf_family_create_with_payer (gf_session_get_db (self->session), &actor, family, payer,
                                    &error))
    {
      gtk_label_set_text (self->form_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->form_error), TRUE);
      return;
    }

  g_signal_emit (self, signals[SIGNAL_CREATED], 0, family->id, family->reference);
  gtk_window_close (GTK_WINDOW (self));
}

/*
 * GObject overrides
 */

static void
gf_family_create_dialog_dispose (GObject *object)
{
  GfFamilyCreateDialog *self = GF_FAMILY_CREATE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GF_TYPE_FAMILY_CREATE_DIALOG);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (gf_family_create_dialog_parent_class)->dispose (object);
}

static void
gf_family_create_dialog_class_init (GfFamilyCreateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_family_create_dialog_dispose;

  /**
   * GfFamilyCreateDialog::created:
   * @family_id: the new family's id
   * @reference: its file number
   */
  signals[SIGNAL_CREATED] = g_signal_new ("created", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/guichetfamilles/Guichet/gf-family-create-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GfFamilyCreateDialog, civility_row);
  gtk_widget_class_bind_template_child (widget_class, GfFamilyCreateDialog, last_name_row);
  gtk_widget_class_bind_template_child (widget_class, GfFamilyCreateDialog, first_name_row);
  gtk_widget_class_bind_template_child (widget_class, GfFamilyCreateDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, GfFamilyCreateDialog, phone_row);
  gtk_widget_class_bind_template_child (widget_class, GfFamilyCreateDialog, address_row);
  gtk_widget_class_bind_template_child (widget_class, GfFamilyCreateDialog, postal_code_row);
  gtk_widget_class_bind_template_child (widget_class, GfFamilyCreateDialog, city_row);
  gtk_widget_class_bind_template_child (widget_class, GfFamilyCreateDialog, last_name_error);
  gtk_widget_class_bind_template_child (widget_class, GfFamilyCreateDialog, first_name_error);
  gtk_widget_class_bind_template_child (widget_class, GfFamilyCreateDialog, email_error);
  gtk_widget_class_bind_template_child (widget_class, GfFamilyCreateDialog, phone_error);
  gtk_widget_class_bind_template_child (widget_class, GfFamilyCreateDialog, address_error);
  gtk_widget_class_bind_template_child (widget_class, GfFamilyCreateDialog, postal_code_error);
  gtk_widget_class_bind_template_child (widget_class, GfFamilyCreateDialog, city_error);
  gtk_widget_class_bind_template_child (widget_class, GfFamilyCreateDialog, form_error);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, create_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gf_family_create_dialog_init (GfFamilyCreateDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/*
 * Public API
 */

GtkWidget *
gf_family_create_dialog_new (GfSession *session,
                             GtkWindow *parent)
{
  GfFamilyCreateDialog *self;

  g_return_val_if_fail (GF_IS_SESSION (session), NULL);

  self = g_object_new (GF_TYPE_FAMILY_CREATE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->session = g_object_ref (session);
  /* Never wider or taller than the window it belongs to: usable on a narrow screen. */
  if (parent != NULL && gtk_widget_get_width (GTK_WIDGET (parent)) > 0)
    gtk_window_set_default_size (GTK_WINDOW (self),
                                 MIN (560, gtk_widget_get_width (GTK_WIDGET (parent))),
                                 MIN (720, gtk_widget_get_height (GTK_WIDGET (parent))));
  gtk_widget_grab_focus (GTK_WIDGET (self->last_name_row));
  return GTK_WIDGET (self);
}
