/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-child-authorizations-group.h"

#include <glib/gi18n.h>

#include "gf-child-authorization.h"

/* The "Autorisations" block: one combo row per authorization type (Oui, Non, Non
 * applicable), each choice saved at once through the audited core function. */

#define RESOURCE "/fr/guichetfamilles/Guichet/"

struct _GfChildAuthorizationsGroup
{
  AdwPreferencesGroup  parent_instance;

  /* Owned References */
  GfSession           *session;
  GPtrArray           *rows;        /* AdwComboRow, borrowed */

  gint64               child_id;
  gboolean             loading;
};

G_DEFINE_FINAL_TYPE (GfChildAuthorizationsGroup, gf_child_authorizations_group,
                     ADW_TYPE_PREFERENCES_GROUP)

/* Position 0 is "not answered yet", which a person cannot choose back. */
static void
selected_cb (AdwComboRow                *row,
             GParamSpec                 *pspec,
             GfChildAuthorizationsGroup *self)
{
  g_autoptr(GError) error = NULL;
  gint64 type_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "type-id"));
  guint selected = adw_combo_row_get_selected (row);
  GfActor actor;

  if (self->loading || selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return;
  gf_session_get_actor (self->session, &actor);
  if (!gf_child_set_authorization (gf_session_get_db (self->session), &actor, self->child_id,
                                   type_id, (GfAuthorizationValue) (selected - 1), &error))
    {
      gf_session_toast (self->session, error->message);
      return;
    }
  gf_session_toast (self->session, _("The authorization is saved."));
  gf_session_notify_changed (self->session);
}

static GtkWidget *
authorization_row (GfChildAuthorizationsGroup *self,
                   GfChildAuthorization       *authorization)
{
  const char *choices[] = { _("Not answered"), _("Yes"), _("No"), _("Not applicable"), NULL };
  g_autoptr(GtkStringList) model = gtk_string_list_new (choices);
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), authorization->label);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), (guint) (authorization->value + 1));
  g_object_set_data (G_OBJECT (row), "type-id", GSIZE_TO_POINTER ((gsize) authorization->type_id));
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (selected_cb), self, 0);
  return row;
}

static void
gf_child_authorizations_group_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GF_TYPE_CHILD_AUTHORIZATIONS_GROUP);

  G_OBJECT_CLASS (gf_child_authorizations_group_parent_class)->dispose (object);
}

static void
gf_child_authorizations_group_finalize (GObject *object)
{
  GfChildAuthorizationsGroup *self = GF_CHILD_AUTHORIZATIONS_GROUP (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (gf_child_authorizations_group_parent_class)->finalize (object);
}

static void
gf_child_authorizations_group_class_init (GfChildAuthorizationsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_child_authorizations_group_dispose;
  object_class->finalize = gf_child_authorizations_group_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE "gf-child-authorizations-group.ui");
}

static void
gf_child_authorizations_group_init (GfChildAuthorizationsGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

void
gf_child_authorizations_group_set_session (GfChildAuthorizationsGroup *self,
                                           GfSession                  *session)
{
  g_return_if_fail (GF_IS_CHILD_AUTHORIZATIONS_GROUP (self));

  g_set_object (&self->session, session);
}

void
gf_child_authorizations_group_load (GfChildAuthorizationsGroup *self,
                                    gint64                      child_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;

  g_return_if_fail (GF_IS_CHILD_AUTHORIZATIONS_GROUP (self));

  self->child_id = child_id;
  list = gf_child_authorization_list (gf_session_get_db (self->session), child_id, &error);
  if (list == NULL)
    {
      gf_session_toast (self->session, error->message);
      return;
    }

  self->loading = TRUE;
  /* The same types as shown: update the rows in place, so a reload caused by the row's
   * own change does not destroy it while it is being changed. */
  if (list->len == self->rows->len)
    {
      gboolean same = TRUE;

      for (guint i = 0; i < list->len && same; i++)
        same = GPOINTER_TO_SIZE (g_object_get_data (self->rows->pdata[i], "type-id")) ==
               (gsize) ((GfChildAuthorization *) list->pdata[i])->type_id;
      if (same)
        {
          for (guint i = 0; i < list->len; i++)
            {
              GfChildAuthorization *authorization = list->pdata[i];

              adw_combo_row_set_selected (self->rows->pdata[i],
                                          (guint) (authorization->value + 1));
            }
          self->loading = FALSE;
          return;
        }
    }
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);
  for (guint i = 0; i < list->len; i++)
    {
      GtkWidget *row = authorization_row (self, list->pdata[i]);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }
  self->loading = FALSE;
}
