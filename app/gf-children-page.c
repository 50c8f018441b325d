/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-children-page.h"

#include <glib/gi18n.h>

#include "gf-child-list.h"
#include "gf-child-list-model.h"
#include "gf-child-page.h"
#include "gf-child-row.h"
#include "gf-medical-access.h"

/* The "Enfants" section: every child, searched as one types (names, school, class,
 * dossier), and one child's record. The search runs in a worker thread and returns ids
 * only; the rows on screen read their summary lazily (GfChildListModel). */

struct _GfChildrenPage
{
  AdwBin             parent_instance;

  /* Template Widgets */
  GtkStack          *children_stack;
  GtkSearchEntry    *children_search;
  GtkLabel          *children_count;
  GtkColumnView     *children_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *birth_column;
  GtkColumnViewColumn *school_column;
  GtkColumnViewColumn *dossier_column;
  GtkColumnViewColumn *pai_column;
  GfChildPage       *child_page;

  /* Owned References */
  GfSession         *session;
  GCancellable      *cancellable;
};

G_DEFINE_FINAL_TYPE (GfChildrenPage, gf_children_page, ADW_TYPE_BIN)

typedef const char *(*RowText) (GfChildRow *row);

/*
 * Auxiliary methods
 */

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  char **args = task_data;     /* { db path, query } */
  g_autoptr(GfDb) db = NULL;
  g_autoptr(GError) error = NULL;
  GArray *ids;

  db = gf_db_open (args[0], GF_DB_OPEN_DEFAULT, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  ids = gf_child_search_ids (db, args[1], GF_CHILD_SEARCH_DEFAULT, &error);
  if (ids == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
}

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GfChildrenPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GfChildListModel) model = NULL;
  g_autoptr(GtkSingleSelection) selection = NULL;
  g_autofree char *count = NULL;
  GtkSelectionModel *current;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (ids == NULL)
    {
      gtk_label_set_text (self->children_count, error->message);
      return;
    }

  current = gtk_column_view_get_model (self->children_view);
  if (current != NULL)
    {
      GListModel *shown = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (current));

      if (gf_child_list_model_has_ids (GF_CHILD_LIST_MODEL (shown), ids))
        {
          gf_child_list_model_refresh (GF_CHILD_LIST_MODEL (shown));
          return;
        }
    }

  model = gf_child_list_model_new (self->session, ids);
  selection = gtk_single_selection_new (G_LIST_MODEL (g_steal_pointer (&model)));
  gtk_column_view_set_model (self->children_view, GTK_SELECTION_MODEL (selection));
  if (ids->len == 0)
    count = g_strdup (_("No child matches this search."));
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u child", "%u children", ids->len),
                             ids->len);
  gtk_label_set_text (self->children_count, count);
}

static void
run_search (GfChildrenPage *self)
{
  g_autoptr(GTask) task = NULL;
  char **args;

  if (self->session == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  args = g_new0 (char *, 3);
  args[0] = g_strdup (gf_session_get_db_path (self->session));
  args[1] = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->children_search)));
  task = g_task_new (self, self->cancellable, search_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, run_search);
  g_task_set_task_data (task, args, (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, search_thread);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  /* Names and dossiers stay whole (the view scrolls sideways when narrow); the rest
   * may shorten. */
  if (GPOINTER_TO_INT (user_data))
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  RowText text = (RowText) user_data;
  GfChildRow *row = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text (row));
}

static void
set_factory (GtkColumnViewColumn *column,
             RowText              text,
             gboolean             ellipsize)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (ellipsize));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), (gpointer) text);
  gtk_column_view_column_set_factory (column, factory);
}

/*
 * Callbacks
 */

static void
search_changed_cb (GfChildrenPage *self)
{
  run_search (self);
}

/* Enter in the search box opens the first child found. */
static void
search_activate_cb (GfChildrenPage *self)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (self->children_view));
  g_autoptr(GfChildRow) row = NULL;

  if (model == NULL || g_list_model_get_n_items (model) == 0)
    return;
  row = g_list_model_get_item (model, 0);
  if (gf_child_row_get_id (row) > 0)
    gf_children_page_show_child (self, gf_child_row_get_id (row));
}

static void
row_activated_cb (GfChildrenPage *self,
                  guint           position)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (self->children_view));
  g_autoptr(GfChildRow) row = g_list_model_get_item (model, position);

  if (row != NULL && gf_child_row_get_id (row) > 0)
    gf_children_page_show_child (self, gf_child_row_get_id (row));
}

static void
back_cb (GfChildrenPage *self)
{
  gtk_stack_set_visible_child_name (self->children_stack, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->children_search));
}

static void
session_changed_cb (GfChildrenPage *self)
{
  run_search (self);
}

/*
 * GObject overrides
 */

static void
gf_children_page_dispose (GObject *object)
{
  GfChildrenPage *self = GF_CHILDREN_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* A bound template child may be the bin's own child: let go of it first, or the
   * bin unparents it again after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GF_TYPE_CHILDREN_PAGE);

  G_OBJECT_CLASS (gf_children_page_parent_class)->dispose (object);
}

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

  object_class->dispose = gf_children_page_dispose;
  object_class->finalize = gf_children_page_finalize;

  g_type_ensure (GF_TYPE_CHILD_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/guichetfamilles/Guichet/gf-children-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GfChildrenPage, children_stack);
  gtk_widget_class_bind_template_child (widget_class, GfChildrenPage, children_search);
  gtk_widget_class_bind_template_child (widget_class, GfChildrenPage, children_count);
  gtk_widget_class_bind_template_child (widget_class, GfChildrenPage, children_view);
  gtk_widget_class_bind_template_child (widget_class, GfChildrenPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, GfChildrenPage, birth_column);
  gtk_widget_class_bind_template_child (widget_class, GfChildrenPage, school_column);
  gtk_widget_class_bind_template_child (widget_class, GfChildrenPage, dossier_column);
  gtk_widget_class_bind_template_child (widget_class, GfChildrenPage, pai_column);
  gtk_widget_class_bind_template_child (widget_class, GfChildrenPage, child_page);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_cb);
}

static void
gf_children_page_init (GfChildrenPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  set_factory (self->name_column, gf_child_row_get_name, FALSE);
  set_factory (self->birth_column, gf_child_row_get_birth, TRUE);
  set_factory (self->school_column, gf_child_row_get_school, TRUE);
  set_factory (self->dossier_column, gf_child_row_get_dossier, FALSE);
  set_factory (self->pai_column, gf_child_row_get_pai, FALSE);
}

/*
 * Public API
 */

GtkWidget *
gf_children_page_new (GfSession *session)
{
  GfChildrenPage *self;

  g_return_val_if_fail (GF_IS_SESSION (session), NULL);

  self = g_object_new (GF_TYPE_CHILDREN_PAGE, NULL);
  self->session = g_object_ref (session);
  gf_child_page_set_session (self->child_page, session);
  /* The PAI flag is medical data: its column only for roles that may see it. */
  gtk_column_view_column_set_visible (self->pai_column,
                                      gf_staff_role_can_see_medical (
                                        gf_session_get_role (session)));
  g_signal_connect_object (session, "changed", G_CALLBACK (session_changed_cb), self,
                           G_CONNECT_SWAPPED);
  run_search (self);
  return GTK_WIDGET (self);
}

/* Shows one child: from the global search or another page. */
void
gf_children_page_show_child (GfChildrenPage *self,
                             gint64          child_id)
{
  g_return_if_fail (GF_IS_CHILDREN_PAGE (self));

  gf_child_page_load (self->child_page, child_id);
  gtk_stack_set_visible_child_name (self->children_stack, "child");
}
