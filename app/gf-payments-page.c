/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-payments-page.h"

#include <glib/gi18n.h>

#include "gf-payfip-operations-view.h"
#include "gf-payment-journal-view.h"
#include "gf-payment-record-view.h"

/* The régie's section: take a payment at the counter, follow the PayFiP operations,
 * read and export the day's journal. Each view reloads itself on the session's
 * "changed", so a payment made on the portal shows up without a restart. */

struct _GfPaymentsPage
{
  AdwBin        parent_instance;

  /* Template Widgets */
  AdwViewStack *view_stack;

  /* Owned References */
  GfSession    *session;
};

G_DEFINE_FINAL_TYPE (GfPaymentsPage, gf_payments_page, ADW_TYPE_BIN)

/* The narrow switcher may shorten its labels: each button tells its view's whole name
 * on hover (and to the test script, which finds buttons by label or tooltip). */
static void
set_switcher_tooltips (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_TOGGLE_BUTTON (child))
        {
          g_autofree char *label = NULL;

          g_object_get (child, "label", &label, NULL);
          if (label != NULL)
            gtk_widget_set_tooltip_text (child, label);
        }
      set_switcher_tooltips (child);
    }
}

static void
gf_payments_page_dispose (GObject *object)
{
  GfPaymentsPage *self = GF_PAYMENTS_PAGE (object);

  /* A bound template child may be the bin's own child: let go of it first, or the

   * bin unparents it again after the template did. */

  adw_bin_set_child (ADW_BIN (self), NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), GF_TYPE_PAYMENTS_PAGE);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (gf_payments_page_parent_class)->dispose (object);
}

static void
gf_payments_page_class_init (GfPaymentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_payments_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/guichetfamilles/Guichet/gf-payments-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GfPaymentsPage, view_stack);
}

static void
gf_payments_page_init (GfPaymentsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
gf_payments_page_new (GfSession *session)
{
  GfPaymentsPage *self;

  g_return_val_if_fail (GF_IS_SESSION (session), NULL);

  self = g_object_new (GF_TYPE_PAYMENTS_PAGE, NULL);
  self->session = g_object_ref (session);
  adw_view_stack_add_titled_with_icon (self->view_stack, gf_payment_record_view_new (session),
                                       "record", _("Record a Payment"), "document-new-symbolic");
  adw_view_stack_add_titled_with_icon (self->view_stack, gf_payfip_operations_view_new (session),
                                       "payfip", _("PayFiP Operations"), "network-transmit-receive-symbolic");
  adw_view_stack_add_titled_with_icon (self->view_stack, gf_payment_journal_view_new (session),
                                       "journal", _("Journal"), "x-office-spreadsheet-symbolic");
  set_switcher_tooltips (GTK_WIDGET (self));
  return GTK_WIDGET (self);
}
