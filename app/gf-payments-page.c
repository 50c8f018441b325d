/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-payments-page.h"

#include <glib/gi18n.h>

struct _GfPaymentsPage
{
  AdwBin     parent_instance;

  /* Owned References */
  GfSession *session;
};

G_DEFINE_FINAL_TYPE (GfPaymentsPage, gf_payments_page, ADW_TYPE_BIN)

static void
gf_payments_page_finalize (GObject *object)
{
  GfPaymentsPage *self = GF_PAYMENTS_PAGE (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (gf_payments_page_parent_class)->finalize (object);
}

static void
gf_payments_page_class_init (GfPaymentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = gf_payments_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/guichetfamilles/Guichet/gf-payments-page.ui");
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
  return GTK_WIDGET (self);
}
