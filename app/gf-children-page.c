/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-children-page.h"

#include <glib/gi18n.h>

struct _GfChildrenPage
{
  AdwBin     parent_instance;

  /* Owned References */
  GfSession *session;
};

G_DEFINE_FINAL_TYPE (GfChildrenPage, gf_children_page, ADW_TYPE_BIN)

static void
gf_children_page_finalize (GObject *object)
{
  GfChildrenPage *self = GF_CHILDREN_PAGE (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (gf_children_page_parent_class)->finalize (object);
}

static void
gf_children_page_class_init (GfChildrenPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = gf_children_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/guichetfamilles/Guichet/gf-children-page.ui");
}

static void
gf_children_page_init (GfChildrenPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
gf_children_page_new (GfSession *session)
{
  GfChildrenPage *self;

  g_return_val_if_fail (GF_IS_SESSION (session), NULL);

  self = g_object_new (GF_TYPE_CHILDREN_PAGE, NULL);
  self->session = g_object_ref (session);
  return GTK_WIDGET (self);
}

/* Shows one child: from the global search or another page. */
void
gf_children_page_show_child (GfChildrenPage *self,
                            gint64 child_id)
{
  g_return_if_fail (GF_IS_CHILDREN_PAGE (self));
}
