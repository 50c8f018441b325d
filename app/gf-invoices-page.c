/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-invoices-page.h"

#include <glib/gi18n.h>

struct _GfInvoicesPage
{
  AdwBin     parent_instance;

  /* Owned References */
  GfSession *session;
};

G_DEFINE_FINAL_TYPE (GfInvoicesPage, gf_invoices_page, ADW_TYPE_BIN)

static void
gf_invoices_page_finalize (GObject *object)
{
  GfInvoicesPage *self = GF_INVOICES_PAGE (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (gf_invoices_page_parent_class)->finalize (object);
}

static void
gf_invoices_page_class_init (GfInvoicesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = gf_invoices_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/guichetfamilles/Guichet/gf-invoices-page.ui");
}

static void
gf_invoices_page_init (GfInvoicesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
gf_invoices_page_new (GfSession *session)
{
  GfInvoicesPage *self;

  g_return_val_if_fail (GF_IS_SESSION (session), NULL);

  self = g_object_new (GF_TYPE_INVOICES_PAGE, NULL);
  self->session = g_object_ref (session);
  return GTK_WIDGET (self);
}

/* Shows one invoice: from the global search or another page. */
void
gf_invoices_page_show_invoice (GfInvoicesPage *self,
                              gint64 invoice_id)
{
  g_return_if_fail (GF_IS_INVOICES_PAGE (self));
}
