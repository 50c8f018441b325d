/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-messages-page.h"
#include "gf-date.h"
#include "gf-message.h"
#include "gf-message-thread-view.h"

#include <glib/gi18n.h>

/* "Messages": the families' messages from the portal, newest first, unread ones in bold;
 * a row opens the conversation (GfMessageThreadView).
 *
 * The list is read in a worker thread on a connection of its own, so that a long list
 * never blocks the window. A reload after a change keeps the rows shown (and so the
 * scroll position) until the new ones arrive and replace them at once; a new filter
 * shows a spinner instead, as the rows shown answer another question. */

struct _GfMessagesPage
{
  AdwBin               parent_instance;

  /* Template Widgets */
  GtkStack            *stack;
  GtkStack            *list_stack;
  GtkLabel            *count_label;
  GtkToggleButton     *unread_filter;
  GtkListBox          *thread_list;
  AdwStatusPage       *empty_page;
  GfMessageThreadView *thread_view;

  /* Owned References */
  GfSession           *session;
  GCancellable        *cancellable;

  /* What the rows shown answer: FALSE before the first list arrived. */
  gboolean             shown;
  gboolean             shown_unread_only;
};

G_DEFINE_FINAL_TYPE (GfMessagesPage, gf_messages_page, ADW_TYPE_BIN)

typedef struct
{
  GPtrArray *threads;
  gint64     n_unread;
} LoadResult;

static void
load_result_free (LoadResult *result)
{
  g_clear_pointer (&result->threads, g_ptr_array_unref);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadResult, load_result_free)

/* Runs in a worker thread (gf_session_read_async); @unread_only is a gboolean. */
static gpointer
read_threads (GfDb     *db,
              gpointer  unread_only,
              GError  **error)
{
  g_autoptr(LoadResult) result = g_new0 (LoadResult, 1);

  if ((result->n_unread = gf_message_count_unread (db, error)) < 0 ||
      (result->threads = gf_message_list_threads (db, GPOINTER_TO_INT (unread_only), error)) == NULL)
    return NULL;
  return g_steal_pointer (&result);
}

static GtkWidget *
thread_row (const GfMessageThread *thread)
{
  GtkWidget *row = adw_action_row_new ();
  const char *family = thread->family_name != NULL ? thread->family_name : thread->sender_name;
  g_autofree char *when = gf_timestamp_format_fr (thread->last_at);
  g_autofree char *name = g_markup_escape_text (family, -1);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;

  title = thread->n_unread > 0 ? g_strdup_printf ("<b>%s</b> · %s", name, thread->family_reference)
                               : g_strdup_printf ("%s · %s", name, thread->family_reference);
  subtitle = g_strdup_printf ("%s\n%s", thread->subject, when);
  escaped = g_markup_escape_text (subtitle, -1);
  if (thread->n_unread > 0)
    {
      char *bold = g_strdup_printf ("<b>%s</b>", escaped);

      g_free (escaped);
      escaped = bold;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "thread-id", g_memdup2 (&thread->id, sizeof thread->id),
                          g_free);

  if (thread->n_unread > 0)
    {
      g_autofree char *count = g_strdup_printf (ngettext ("%u unread", "%u unread", thread->n_unread),
                                                thread->n_unread);
      GtkWidget *badge = gtk_label_new (count);

      gtk_widget_add_css_class (badge, "accent");
      gtk_widget_add_css_class (badge, "caption-heading");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  return row;
}

static void
clear_rows (GfMessagesPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->thread_list))) != NULL)
    gtk_list_box_remove (self->thread_list, child);
}

static void
show_threads (GfMessagesPage   *self,
              const LoadResult *result,
              gboolean          unread_only)
{
  GPtrArray *threads = result->threads;
  g_autofree char *count = NULL;

  count = result->n_unread > 0
          ? g_strdup_printf (ngettext ("%u unread message", "%u unread messages",
                                       (guint)result->n_unread),
                             (guint)result->n_unread)
          : g_strdup (_("No unread message"));
  gtk_label_set_text (self->count_label, count);

  /* Removed and added in one go, before the next layout: the list keeps its scroll. */
  clear_rows (self);
  for (guint i = 0; i < threads->len; i++)
    gtk_list_box_append (self->thread_list, thread_row (threads->pdata[i]));

  if (threads->len == 0)
    {
      adw_status_page_set_title (self->empty_page, unread_only ? _("No Unread Message")
                                                               : _("No Message"));
      adw_status_page_set_description (self->empty_page,
                                       _("The messages families send from the portal's "
                                         "“Contact” page appear here."));
    }
  gtk_stack_set_visible_child_name (self->list_stack, threads->len > 0 ? "threads" : "empty");
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GfMessagesPage) self = user_data;
  g_autoptr(LoadResult) loaded = NULL;
  g_autoptr(GError) error = NULL;
  /* Not cancelled: the filter is still the one this list was read for. */
  gboolean unread_only = gtk_toggle_button_get_active (self->unread_filter);

  loaded = gf_session_read_finish (GF_SESSION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->shown = TRUE;
  self->shown_unread_only = unread_only;
  if (loaded == NULL)
    {
      g_warning ("Cannot list the messages: %s", error->message);
      clear_rows (self);
      gtk_label_set_text (self->count_label, "");
      adw_status_page_set_title (self->empty_page, _("The messages cannot be read"));
      adw_status_page_set_description (self->empty_page, error->message);
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
      return;
    }
  show_threads (self, loaded, unread_only);
}

/* Reads the list again in a worker thread; a load still running is cancelled. */
static void
reload (GfMessagesPage *self)
{
  gboolean unread_only = gtk_toggle_button_get_active (self->unread_filter);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (!self->shown || self->shown_unread_only != unread_only)
    {
      clear_rows (self);
      gtk_stack_set_visible_child_name (self->list_stack, "loading");
    }

  gf_session_read_async (self->session, read_threads, GINT_TO_POINTER (unread_only), NULL,
                         (GDestroyNotify) load_result_free, self->cancellable,
                         load_cb, g_object_ref (self));
}

static void
changed_cb (GfMessagesPage *self)
{
  reload (self);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "thread") == 0)
    gf_message_thread_view_reload (self->thread_view);
}

static void
filter_toggled_cb (GfMessagesPage *self)
{
  reload (self);
}

static void
row_activated_cb (GfMessagesPage *self,
                  GtkListBoxRow  *row)
{
  gint64 thread_id = *(gint64 *)g_object_get_data (G_OBJECT (row), "thread-id");

  gtk_stack_set_visible_child_name (self->stack, "thread");
  gf_message_thread_view_open (self->thread_view, thread_id);
}

static void
thread_back_cb (GfMessagesPage *self)
{
  gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
gf_messages_page_dispose (GObject *object)
{
  GfMessagesPage *self = GF_MESSAGES_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* A bound template child may be the bin's own child: let go of it first, or the
   * bin unparents it again after the template did. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), GF_TYPE_MESSAGES_PAGE);

  G_OBJECT_CLASS (gf_messages_page_parent_class)->dispose (object);
}

static void
gf_messages_page_finalize (GObject *object)
{
  GfMessagesPage *self = GF_MESSAGES_PAGE (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (gf_messages_page_parent_class)->finalize (object);
}

static void
gf_messages_page_class_init (GfMessagesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_messages_page_dispose;
  object_class->finalize = gf_messages_page_finalize;

  g_type_ensure (GF_TYPE_MESSAGE_THREAD_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/guichetfamilles/Guichet/gf-messages-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GfMessagesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, GfMessagesPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, GfMessagesPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, GfMessagesPage, unread_filter);
  gtk_widget_class_bind_template_child (widget_class, GfMessagesPage, thread_list);
  gtk_widget_class_bind_template_child (widget_class, GfMessagesPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, GfMessagesPage, thread_view);
  gtk_widget_class_bind_template_callback (widget_class, filter_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, thread_back_cb);
}

static void
gf_messages_page_init (GfMessagesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
gf_messages_page_new (GfSession *session)
{
  GfMessagesPage *self;

  g_return_val_if_fail (GF_IS_SESSION (session), NULL);

  self = g_object_new (GF_TYPE_MESSAGES_PAGE, NULL);
  self->session = g_object_ref (session);
  gf_message_thread_view_set_session (self->thread_view, session);
  g_signal_connect_object (session, "changed", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  reload (self);
  return GTK_WIDGET (self);
}
