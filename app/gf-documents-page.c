/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-documents-page.h"

#include <glib/gi18n.h>

struct _GfDocumentsPage
{
  AdwBin     parent_instance;

  /* Owned References */
  GfSession *session;
};

G_DEFINE_FINAL_TYPE (GfDocumentsPage, gf_documents_page, ADW_TYPE_BIN)

static void
gf_documents_page_finalize (GObject *object)
{
  GfDocumentsPage *self = GF_DOCUMENTS_PAGE (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (gf_documents_page_parent_class)->finalize (object);
}

static void
gf_documents_page_class_init (GfDocumentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = gf_documents_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/guichetfamilles/Guichet/gf-documents-page.ui");
}

static void
gf_documents_page_init (GfDocumentsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
gf_documents_page_new (GfSession *session)
{
  GfDocumentsPage *self;

  g_return_val_if_fail (GF_IS_SESSION (session), NULL);

  self = g_object_new (GF_TYPE_DOCUMENTS_PAGE, NULL);
  self->session = g_object_ref (session);
  return GTK_WIDGET (self);
}
