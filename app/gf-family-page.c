/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-family-page.h"

#include <glib/gi18n.h>

/* One family: details, guardians, children, invoices, payments, portal account,
 * messages and history. Shown by the families page. */

struct _GfFamilyPage
{
  AdwBin     parent_instance;

  /* Owned References */
  GfSession *session;

  gint64     family_id;
};

G_DEFINE_FINAL_TYPE (GfFamilyPage, gf_family_page, ADW_TYPE_BIN)

static void
gf_family_page_finalize (GObject *object)
{
  GfFamilyPage *self = GF_FAMILY_PAGE (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (gf_family_page_parent_class)->finalize (object);
}

static void
gf_family_page_class_init (GfFamilyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = gf_family_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/guichetfamilles/Guichet/gf-family-page.ui");
}

static void
gf_family_page_init (GfFamilyPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
gf_family_page_new (GfSession *session)
{
  GfFamilyPage *self;

  g_return_val_if_fail (GF_IS_SESSION (session), NULL);

  self = g_object_new (GF_TYPE_FAMILY_PAGE, NULL);
  self->session = g_object_ref (session);
  return GTK_WIDGET (self);
}

void
gf_family_page_load (GfFamilyPage *self,
                     gint64        family_id)
{
  g_return_if_fail (GF_IS_FAMILY_PAGE (self));

  self->family_id = family_id;
}

gint64
gf_family_page_get_family_id (GfFamilyPage *self)
{
  g_return_val_if_fail (GF_IS_FAMILY_PAGE (self), 0);

  return self->family_id;
}
