/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-credit-dialog.h"

#include <glib/gi18n.h>

#include "gf-invoice-credit.h"
#include "gf-money.h"

/* The "Avoir" form: amount and reason; the core checks the amount against what may
 * still be credited and writes nothing while a field is wrong. */

struct _GfCreditDialog
{
  AdwWindow             parent_instance;

  /* Template Widgets */
  AdwPreferencesGroup  *group;
  AdwEntryRow          *amount_row;
  GtkLabel             *amount_error;
  AdwEntryRow          *reason_row;
  GtkLabel             *reason_error;
  GtkLabel             *form_error;
  GtkButton            *create_button;

  /* Owned References */
  GfSession            *session;

  gint64                invoice_id;
};

G_DEFINE_FINAL_TYPE (GfCreditDialog, gf_credit_dialog, ADW_TYPE_WINDOW)

/*
 * Auxiliary methods
 */

static void
set_field_error (GtkWidget  *row,
                 GtkLabel   *label,
                 const char *message)
{
  gtk_label_set_text (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

/*
 * Callbacks
 */

static void
create_clicked_cb (GfCreditDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *toast = NULL;
  const char *amount_text = gtk_editable_get_text (GTK_EDITABLE (self->amount_row));
  const char *reason = gtk_editable_get_text (GTK_EDITABLE (self->reason_row));
  gint64 cents = 0, credit_id = 0;
  GfActor actor;

  set_field_error (GTK_WIDGET (self->amount_row), self->amount_error, NULL);
  set_field_error (GTK_WIDGET (self->reason_row), self->reason_error, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->form_error), FALSE);

  if (!gf_money_parse (amount_text, GF_MONEY_PARSE_DEFAULT, &cents, &error))
    {
      set_field_error (GTK_WIDGET (self->amount_row), self->amount_error, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->amount_row));
      return;
    }

  gf_session_get_actor (self->session, &actor);
  if (!gf_invoice_credit_create (gf_session_get_db (self->session), &actor, self->invoice_id,
                                 cents, reason, &credit_id, &error))
    {
      if (g_error_matches (error, GF_INVOICE_CREDIT_ERROR, GF_INVOICE_CREDIT_ERROR_AMOUNT))
        {
          set_field_error (GTK_WIDGET (self->amount_row), self->amount_error, error->message);
          gtk_widget_grab_focus (GTK_WIDGET (self->amount_row));
        }
      else if (g_error_matches (error, GF_INVOICE_CREDIT_ERROR, GF_INVOICE_CREDIT_ERROR_REASON))
        {
          set_field_error (GTK_WIDGET (self->reason_row), self->reason_error, error->message);
          gtk_widget_grab_focus (GTK_WIDGET (self->reason_row));
        }
      else
        {
          gtk_label_set_text (self->form_error, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->form_error), TRUE);
        }
      return;
    }

  toast = g_strdup_printf (_("Credit note of %s created."), amount_text);
  gf_session_toast (self->session, toast);
  gf_session_notify_changed (self->session);
  gtk_window_close (GTK_WINDOW (self));
}

/*
 * GObject overrides
 */

static void
gf_credit_dialog_dispose (GObject *object)
{
  GfCreditDialog *self = GF_CREDIT_DIALOG (object);

  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), GF_TYPE_CREDIT_DIALOG);

  G_OBJECT_CLASS (gf_credit_dialog_parent_class)->dispose (object);
}

static void
gf_credit_dialog_class_init (GfCreditDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_credit_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/guichetfamilles/Guichet/gf-credit-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GfCreditDialog, group);
  gtk_widget_class_bind_template_child (widget_class, GfCreditDialog, amount_row);
  gtk_widget_class_bind_template_child (widget_class, GfCreditDialog, amount_error);
  gtk_widget_class_bind_template_child (widget_class, GfCreditDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, GfCreditDialog, reason_error);
  gtk_widget_class_bind_template_child (widget_class, GfCreditDialog, form_error);
  gtk_widget_class_bind_template_child (widget_class, GfCreditDialog, create_button);
  gtk_widget_class_bind_template_callback (widget_class, create_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gf_credit_dialog_init (GfCreditDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->create_button));
}

/*
 * Public API
 */

GtkWidget *
gf_credit_dialog_new (GfSession  *session,
                      GtkWindow  *parent,
                      gint64      invoice_id,
                      const char *invoice_number,
                      gint64      max_cents)
{
  GfCreditDialog *self;
  g_autofree char *title = NULL;
  g_autofree char *max = gf_money_format (max_cents);
  g_autofree char *description = NULL;

  g_return_val_if_fail (GF_IS_SESSION (session), NULL);

  self = g_object_new (GF_TYPE_CREDIT_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->invoice_id = invoice_id;
  title = g_strdup_printf (_("Credit Note on Invoice %s"), invoice_number);
  description = g_strdup_printf (_("At most %s can be credited."), max);
  adw_preferences_group_set_title (self->group, title);
  adw_preferences_group_set_description (self->group, description);
  return GTK_WIDGET (self);
}
