/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-families-page.h"

#include <glib/gi18n.h>

#include "gf-families-columns.h"
#include "gf-family-create-dialog.h"
#include "gf-family-item.h"
#include "gf-family-list.h"
#include "gf-family-list-model.h"
#include "gf-family-page.h"

/* The "Familles" section: every family in a column view, searched as one types, sorted
 * by a click on a column header; a family opens inside the section, with a way back. */

struct _GfFamiliesPage
{
  AdwBin               parent_instance;

  /* Template Widgets */
  GtkStack            *stack;
  GtkSearchEntry      *search_entry;
  GtkLabel            *count_label;
  GtkCheckButton      *archived_check;
  GtkStack            *results_stack;
  GtkSpinner          *spinner;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *reference_column;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *city_column;
  GtkColumnViewColumn *children_column;
  GtkColumnViewColumn *email_column;
  GtkColumnViewColumn *account_column;
  GtkColumnViewColumn *unpaid_column;
  AdwStatusPage       *error_page;
  GtkBox              *family_box;

  /* Borrowed References */
  GfFamilyPage        *family_page;

  /* Owned References */
  GfSession           *session;
  GfFamilyListModel   *model;
  GtkSingleSelection  *selection;
  GCancellable        *cancellable;
  char                *applied_search;

  GfFamilySort         sort;
  gboolean             descending;
  GtkColumnViewColumn *columns[GF_FAMILIES_N_COLUMNS];
  gboolean             loaded;
  gint64               loaded_time;
};

G_DEFINE_FINAL_TYPE (GfFamiliesPage, gf_families_page, ADW_TYPE_BIN)

typedef struct
{
  char              *db_path;
  GfFamilySort       sort;
  GfFamilyListFlags  flags;
} LoadData;

/*
 * Auxiliary methods
 */

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_free (load->db_path);
  g_free (load);
}

/* "1 234": groups of three with a narrow no-break space, as French writes numbers. */
static char *
format_count (guint n)
{
  g_autofree char *digits = g_strdup_printf ("%u", n);
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, "\u202f");
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

static void
update_count (GfFamiliesPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *number = format_count (n);
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s family",
                                                        "%s families", n), number);

  gtk_label_set_text (self->count_label, text);
  if (self->loaded)
    gtk_stack_set_visible_child_name (self->results_stack, n > 0 ? "list" : "empty");
}

/* Runs in a worker thread, on a connection of its own: sorting 50,000 families by what
 * they owe takes a few hundred milliseconds. */
static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *load = task_data;
  g_autoptr(GfDb) db = NULL;
  g_autoptr(GError) error = NULL;
  GArray *ids;

  db = gf_db_open (load->db_path, GF_DB_OPEN_DEFAULT, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  ids = gf_family_list_ids (db, NULL, load->sort, load->flags, &error);
  if (ids == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GfFamiliesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GArray *ids;

  ids = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_stop (self->spinner);
  if (ids == NULL)
    {
      g_warning ("Cannot list the families: %s", error->message);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->results_stack, "error");
      return;
    }

  /* What changed in the database shows in place: rows already read are read again, the
   * search runs again (a name may have changed), then the new order comes in. */
  if (self->loaded &&
      !gf_family_list_model_set_search (self->model, self->applied_search, &error))
    g_warning ("Cannot search the families: %s", error->message);
  gf_family_list_model_set_order (self->model, ids);
  if (self->loaded)
    gf_family_list_model_refresh (self->model);
  if (!self->loaded)
    self->loaded_time = g_get_real_time ();
  self->loaded = TRUE;
  update_count (self);
}

static void
reload (GfFamiliesPage *self)
{
  g_autoptr(GTask) task = NULL;
  LoadData *load = g_new0 (LoadData, 1);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  load->db_path = g_strdup (gf_session_get_db_path (self->session));
  load->sort = self->sort;
  load->flags = (self->descending ? GF_FAMILY_LIST_DESCENDING : 0) |
                (gtk_check_button_get_active (self->archived_check)
                 ? GF_FAMILY_LIST_INCLUDE_ARCHIVED : 0);
  if (!self->loaded)
    {
      gtk_spinner_start (self->spinner);
      gtk_stack_set_visible_child_name (self->results_stack, "loading");
    }

  task = g_task_new (self, self->cancellable, load_cb, g_object_ref (self));
  g_task_set_source_tag (task, reload);
  g_task_set_task_data (task, load, load_data_free);
  g_task_run_in_thread (task, load_thread);
}

/* Runs the search at once, on the main thread: an FTS query and a walk over the ids. */
static void
apply_search (GfFamiliesPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (text, self->applied_search) == 0)
    return;
  g_free (self->applied_search);
  self->applied_search = g_strdup (text);

  if (!gf_family_list_model_set_search (self->model, text, &error))
    {
      gf_session_toast (self->session, error->message);
      return;
    }
  /* Other families now fill the rows: start from the top, nothing selected. */
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view)), 0);
  update_count (self);
}

/*
 * Callbacks
 */

static void
sort_changed_cb (GfFamiliesPage *self)
{
  if (!gf_families_columns_get_sort (self->column_view, &self->sort, &self->descending))
    {
      self->sort = GF_FAMILY_SORT_NAME;
      self->descending = FALSE;
    }
  reload (self);
}

static void
session_changed_cb (GfFamiliesPage *self)
{
  reload (self);
}

static void
search_changed_cb (GfFamiliesPage *self)
{
  apply_search (self);
}

/* Enter in the search field opens the family when only one is found. */
static void
search_activate_cb (GfFamiliesPage *self)
{
  apply_search (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 1)
    gf_families_page_show_family (self, gf_family_list_model_get_id (self->model, 0));
}

static void
archived_toggled_cb (GfFamiliesPage *self)
{
  reload (self);
}

static void
row_activated_cb (GfFamiliesPage *self,
                  guint           position)
{
  if (position < g_list_model_get_n_items (G_LIST_MODEL (self->model)))
    gf_families_page_show_family (self, gf_family_list_model_get_id (self->model, position));
}

static void
back_clicked_cb (GfFamiliesPage *self)
{
  gtk_stack_set_visible_child_name (self->stack, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
family_created_cb (GfFamiliesPage *self,
                   gint64          family_id,
                   const char     *reference)
{
  g_autofree char *message = g_strdup_printf (_("Family file %s created."), reference);

  gf_session_toast (self->session, message);
  gf_session_notify_changed (self->session);
  gf_families_page_show_family (self, family_id);
}

static void
new_clicked_cb (GfFamiliesPage *self)
{
  GtkWidget *dialog = gf_family_create_dialog_new (self->session,
                                                   GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));

  g_signal_connect_object (dialog, "created", G_CALLBACK (family_created_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/*
 * GObject overrides
 */

static void
gf_families_page_dispose (GObject *object)
{
  GfFamiliesPage *self = GF_FAMILIES_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->column_view != NULL)
    {
      /* Removing the columns changes the sorter: nothing must re-sort a dying page. */
      g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
      gtk_column_view_set_model (self->column_view, NULL);
    }
  /* A bound template child may be the bin's own child: let go of it first, or the
   * bin unparents it again after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GF_TYPE_FAMILIES_PAGE);

  G_OBJECT_CLASS (gf_families_page_parent_class)->dispose (object);
}

static void
gf_families_page_finalize (GObject *object)
{
  GfFamiliesPage *self = GF_FAMILIES_PAGE (object);

  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->session);
  g_clear_pointer (&self->applied_search, g_free);

  G_OBJECT_CLASS (gf_families_page_parent_class)->finalize (object);
}

static void
gf_families_page_class_init (GfFamiliesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_families_page_dispose;
  object_class->finalize = gf_families_page_finalize;

  g_type_ensure (GF_TYPE_FAMILY_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/guichetfamilles/Guichet/gf-families-page.ui");
  gtk_widget_class_bind_template_child_full (widget_class, "families_stack", FALSE,
                                             G_STRUCT_OFFSET (GfFamiliesPage, stack));
  gtk_widget_class_bind_template_child_full (widget_class, "families_search", FALSE,
                                             G_STRUCT_OFFSET (GfFamiliesPage, search_entry));
  gtk_widget_class_bind_template_child_full (widget_class, "families_count", FALSE,
                                             G_STRUCT_OFFSET (GfFamiliesPage, count_label));
  gtk_widget_class_bind_template_child_full (widget_class, "families_archived", FALSE,
                                             G_STRUCT_OFFSET (GfFamiliesPage, archived_check));
  gtk_widget_class_bind_template_child_full (widget_class, "families_results", FALSE,
                                             G_STRUCT_OFFSET (GfFamiliesPage, results_stack));
  gtk_widget_class_bind_template_child_full (widget_class, "families_spinner", FALSE,
                                             G_STRUCT_OFFSET (GfFamiliesPage, spinner));
  gtk_widget_class_bind_template_child_full (widget_class, "families_view", FALSE,
                                             G_STRUCT_OFFSET (GfFamiliesPage, column_view));
  gtk_widget_class_bind_template_child (widget_class, GfFamiliesPage, reference_column);
  gtk_widget_class_bind_template_child (widget_class, GfFamiliesPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, GfFamiliesPage, city_column);
  gtk_widget_class_bind_template_child (widget_class, GfFamiliesPage, children_column);
  gtk_widget_class_bind_template_child (widget_class, GfFamiliesPage, email_column);
  gtk_widget_class_bind_template_child (widget_class, GfFamiliesPage, account_column);
  gtk_widget_class_bind_template_child (widget_class, GfFamiliesPage, unpaid_column);
  gtk_widget_class_bind_template_child_full (widget_class, "families_error", FALSE,
                                             G_STRUCT_OFFSET (GfFamiliesPage, error_page));
  gtk_widget_class_bind_template_child_full (widget_class, "families_family_box", FALSE,
                                             G_STRUCT_OFFSET (GfFamiliesPage, family_box));
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, archived_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_clicked_cb);
}

static void
gf_families_page_init (GfFamiliesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/*
 * Public API
 */

GtkWidget *
gf_families_page_new (GfSession *session)
{
  GfFamiliesPage *self;
  GtkColumnViewColumn **columns;

  g_return_val_if_fail (GF_IS_SESSION (session), NULL);

  self = g_object_new (GF_TYPE_FAMILIES_PAGE, NULL);
  self->session = g_object_ref (session);
  self->model = gf_family_list_model_new (gf_session_get_db (session));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));

  /* The order comes from the database; the column sorters only make the headers
   * clickable and say which one was clicked (see gf-families-columns.c). */
  columns = self->columns;
  columns[GF_FAMILY_SORT_REFERENCE] = self->reference_column;
  columns[GF_FAMILY_SORT_NAME] = self->name_column;
  columns[GF_FAMILY_SORT_CITY] = self->city_column;
  columns[GF_FAMILY_SORT_CHILDREN] = self->children_column;
  columns[GF_FAMILY_SORT_EMAIL] = self->email_column;
  columns[GF_FAMILY_SORT_ACCOUNT] = self->account_column;
  columns[GF_FAMILY_SORT_UNPAID] = self->unpaid_column;
  gf_families_columns_init (columns);
  self->sort = GF_FAMILY_SORT_NAME;
  gtk_column_view_sort_by_column (self->column_view, self->name_column, GTK_SORT_ASCENDING);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (sort_changed_cb), self, G_CONNECT_SWAPPED);

  self->family_page = GF_FAMILY_PAGE (gf_family_page_new (session));
  gtk_widget_set_vexpand (GTK_WIDGET (self->family_page), TRUE);
  gtk_box_append (self->family_box, GTK_WIDGET (self->family_page));

  g_signal_connect_object (session, "changed", G_CALLBACK (session_changed_cb), self,
                           G_CONNECT_SWAPPED);
  reload (self);
  return GTK_WIDGET (self);
}

/* Shows one family: from the global search or another page. */
void
gf_families_page_show_family (GfFamiliesPage *self,
                              gint64          family_id)
{
  guint position;

  g_return_if_fail (GF_IS_FAMILIES_PAGE (self));

  gf_family_page_load (self->family_page, family_id);
  gtk_stack_set_visible_child_name (self->stack, "family");
  /* Back in the list, the family's row is the selected one. */
  position = gf_family_list_model_find (self->model, family_id);
  if (position != G_MAXUINT)
    gtk_single_selection_set_selected (self->selection, position);
}

/* The header bar's global search lands here: the list filtered by @text. */
void
gf_families_page_set_search (GfFamiliesPage *self,
                             const char     *text)
{
  g_return_if_fail (GF_IS_FAMILIES_PAGE (self));
  g_return_if_fail (text != NULL);

  gtk_stack_set_visible_child_name (self->stack, "list");
  /* Replacing the text empties the entry for a moment, and the entry reports an empty
   * search at once: not worth refiltering twice. */
  g_signal_handlers_block_by_func (self->search_entry, search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  g_signal_handlers_unblock_by_func (self->search_entry, search_changed_cb, self);
  apply_search (self);
}

gboolean
gf_families_page_get_loaded (GfFamiliesPage *self)
{
  g_return_val_if_fail (GF_IS_FAMILIES_PAGE (self), FALSE);

  return self->loaded;
}

/* How many rows the list shows now (after the search). */
guint
gf_families_page_get_n_shown (GfFamiliesPage *self)
{
  g_return_val_if_fail (GF_IS_FAMILIES_PAGE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->model));
}

/* When the list was first filled (g_get_real_time()), or 0. */
gint64
gf_families_page_get_loaded_time (GfFamiliesPage *self)
{
  g_return_val_if_fail (GF_IS_FAMILIES_PAGE (self), 0);

  return self->loaded_time;
}
