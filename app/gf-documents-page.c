/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-documents-page.h"

#include <glib/gi18n.h>

#include "gf-date.h"
#include "gf-document-view.h"
#include "gf-document.h"

/* The supporting documents families uploaded: those waiting for a decision first (the
 * oldest on top, the order they are dealt with), the accepted and refused ones a click
 * away. A row opens the document, its preview and the decision.
 *
 * The list is read in a worker thread on a connection of its own, so that a long list
 * never blocks the window. A reload after a change keeps the rows shown (and so the
 * scroll position) until the new ones arrive and replace them at once; another state
 * shows a spinner instead, as the rows shown answer another question. */

struct _GfDocumentsPage
{
  AdwBin           parent_instance;

  /* Template Widgets */
  GtkStack        *stack;
  GtkLabel        *count_label;
  GtkToggleButton *pending_button;
  GtkToggleButton *accepted_button;
  GtkToggleButton *refused_button;
  GtkStack        *list_stack;
  GtkListBox      *list_box;
  AdwStatusPage   *empty_page;
  GfDocumentView  *document_view;

  /* Owned References */
  GfSession       *session;
  GCancellable    *cancellable;

  /* The state the rows shown are in: NULL before the first list arrived. */
  const char      *shown_state;
};

G_DEFINE_FINAL_TYPE (GfDocumentsPage, gf_documents_page, ADW_TYPE_BIN)

/*
 * Auxiliary methods
 */

static const char *
current_state (GfDocumentsPage *self)
{
  if (gtk_toggle_button_get_active (self->accepted_button))
    return "accepted";
  if (gtk_toggle_button_get_active (self->refused_button))
    return "refused";
  return "pending";
}

static GtkWidget *
create_row (const GfDocument *document)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *uploaded = gf_timestamp_format_fr (document->uploaded_at);
  g_autofree char *size = g_format_size (document->size_bytes);

  title = *document->child_name != '\0'
          ? g_strdup_printf ("%s — %s", document->type_label, document->child_name)
          : g_strdup (document->type_label);
  /* Family, then the file: what an agent looks for, in that order. */
  subtitle = g_strdup_printf ("%s — %s\n%s · %s · %s", document->family_reference,
                              document->family_name, document->file_name,
                              uploaded != NULL ? uploaded : document->uploaded_at, size);
  if (g_str_equal (document->state, "refused"))
    {
      g_autofree char *with_reason = g_strdup_printf ("%s\n%s", subtitle, document->reason);

      g_free (subtitle);
      subtitle = g_steal_pointer (&with_reason);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  g_object_set_data (G_OBJECT (row), "gf-document-id", GSIZE_TO_POINTER ((gsize) document->id));
  return row;
}

/* Runs in a worker thread (gf_session_read_async); @state is a static string. */
static gpointer
list_documents (GfDb     *db,
                gpointer  state,
                GError  **error)
{
  return gf_document_list (db, state, error);
}

static void
clear_rows (GfDocumentsPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
}

static void
show_documents (GfDocumentsPage *self,
                GPtrArray       *documents,
                const char      *state)
{
  g_autofree char *count = NULL;

  /* Removed and added in one go, before the next layout: the list keeps its scroll. */
  clear_rows (self);
  for (guint i = 0; i < documents->len; i++)
    gtk_list_box_append (self->list_box, create_row (g_ptr_array_index (documents, i)));

  if (g_str_equal (state, "pending"))
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u document waiting for a decision",
                                          "%u documents waiting for a decision", documents->len),
                             documents->len);
  else if (g_str_equal (state, "accepted"))
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u accepted document",
                                          "%u accepted documents", documents->len),
                             documents->len);
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u refused document",
                                          "%u refused documents", documents->len),
                             documents->len);
  gtk_label_set_text (self->count_label, count);
  adw_status_page_set_description (self->empty_page,
                                   g_str_equal (state, "pending")
                                   ? _("Every document has been dealt with.") : NULL);
  gtk_stack_set_visible_child_name (self->list_stack, documents->len > 0 ? "documents" : "empty");
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GfDocumentsPage) self = user_data;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  /* Not cancelled: the filter is still the one this list was read for. */
  const char *state = current_state (self);

  documents = gf_session_read_finish (GF_SESSION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->shown_state = state;
  if (documents == NULL)
    {
      g_warning ("Cannot list the documents: %s", error->message);
      clear_rows (self);
      gtk_label_set_text (self->count_label, _("The documents cannot be read right now."));
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
      return;
    }
  show_documents (self, documents, state);
}

/* Reads the list again in a worker thread; a load still running is cancelled. */
static void
load_list (GfDocumentsPage *self)
{
  const char *state = current_state (self);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->shown_state != state)
    {
      clear_rows (self);
      gtk_label_set_text (self->count_label, "");
      gtk_stack_set_visible_child_name (self->list_stack, "loading");
    }

  gf_session_read_async (self->session, list_documents, (gpointer) state, NULL,
                         (GDestroyNotify) g_ptr_array_unref, self->cancellable,
                         load_cb, g_object_ref (self));
}

/*
 * Callbacks
 */

static void
filter_toggled_cb (GfDocumentsPage *self,
                   GtkToggleButton *button)
{
  /* Each click toggles two buttons of the group: react to the one that became active. */
  if (gtk_toggle_button_get_active (button) && self->session != NULL)
    load_list (self);
}

static void
row_activated_cb (GfDocumentsPage *self,
                  GtkListBoxRow   *row)
{
  gint64 id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "gf-document-id"));

  gf_document_view_show (self->document_view, id);
  gtk_stack_set_visible_child_name (self->stack, "detail");
}

static void
back_clicked_cb (GfDocumentsPage *self)
{
  gtk_stack_set_visible_child_name (self->stack, "list");
}

/* Escape leaves a document for the list, as the back button does. */
static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  GfDocumentsPage *self = GF_DOCUMENTS_PAGE (widget);

  if (!g_str_equal (gtk_stack_get_visible_child_name (self->stack), "detail"))
    return FALSE;
  gtk_stack_set_visible_child_name (self->stack, "list");
  return TRUE;
}

static void
session_changed_cb (GfDocumentsPage *self)
{
  gf_documents_page_reload (self);
}

/*
 * GObject overrides
 */

static void
gf_documents_page_dispose (GObject *object)
{
  GfDocumentsPage *self = GF_DOCUMENTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* A bound template child may be the bin's own child: let go of it first, or the
   * bin unparents it again after the template did. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), GF_TYPE_DOCUMENTS_PAGE);

  G_OBJECT_CLASS (gf_documents_page_parent_class)->dispose (object);
}

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

  object_class->dispose = gf_documents_page_dispose;
  object_class->finalize = gf_documents_page_finalize;

  g_type_ensure (GF_TYPE_DOCUMENT_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/guichetfamilles/Guichet/gf-documents-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GfDocumentsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, GfDocumentsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, GfDocumentsPage, pending_button);
  gtk_widget_class_bind_template_child (widget_class, GfDocumentsPage, accepted_button);
  gtk_widget_class_bind_template_child (widget_class, GfDocumentsPage, refused_button);
  gtk_widget_class_bind_template_child (widget_class, GfDocumentsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, GfDocumentsPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, GfDocumentsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, GfDocumentsPage, document_view);
  gtk_widget_class_bind_template_callback (widget_class, filter_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_cb, NULL);
}

static void
gf_documents_page_init (GfDocumentsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/*
 * Public API
 */

GtkWidget *
gf_documents_page_new (GfSession *session)
{
  GfDocumentsPage *self;

  g_return_val_if_fail (GF_IS_SESSION (session), NULL);

  self = g_object_new (GF_TYPE_DOCUMENTS_PAGE, NULL);
  self->session = g_object_ref (session);
  gf_document_view_set_session (self->document_view, session);
  g_signal_connect_object (session, "changed", G_CALLBACK (session_changed_cb), self,
                           G_CONNECT_SWAPPED);
  load_list (self);
  return GTK_WIDGET (self);
}

/* The list, and the document shown if any, as the database now has them. */
void
gf_documents_page_reload (GfDocumentsPage *self)
{
  g_return_if_fail (GF_IS_DOCUMENTS_PAGE (self));

  load_list (self);
  if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "detail"))
    gf_document_view_reload (self->document_view);
}
