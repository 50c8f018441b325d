/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-families-page.h"

#include <glib/gi18n.h>

struct _GfFamiliesPage
{
  AdwBin     parent_instance;

  /* Owned References */
  GfSession *session;
};

G_DEFINE_FINAL_TYPE (GfFamiliesPage, gf_families_page, ADW_TYPE_BIN)

static void
gf_families_page_finalize (GObject *object)
{
  GfFamiliesPage *self = GF_FAMILIES_PAGE (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (gf_families_page_parent_class)->finalize (object);
}

static void
gf_families_page_class_init (GfFamiliesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = gf_families_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/guichetfamilles/Guichet/gf-families-page.ui");
}

static void
gf_families_page_init (GfFamiliesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
gf_families_page_new (GfSession *session)
{
  GfFamiliesPage *self;

  g_return_val_if_fail (GF_IS_SESSION (session), NULL);

  self = g_object_new (GF_TYPE_FAMILIES_PAGE, NULL);
  self->session = g_object_ref (session);
  return GTK_WIDGET (self);
}

/* Shows one family: from the global search or another page. */
void
gf_families_page_show_family (GfFamiliesPage *self,
                             gint64 family_id)
{
  g_return_if_fail (GF_IS_FAMILIES_PAGE (self));
}

/* The header bar's global search lands here: the list filtered by @text. */
void
gf_families_page_set_search (GfFamiliesPage *self,
                             const char     *text)
{
  g_return_if_fail (GF_IS_FAMILIES_PAGE (self));
  g_return_if_fail (text != NULL);
}
