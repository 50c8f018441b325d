/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-message-thread-view.h"
#include "gf-date.h"
#include "gf-field-error.h"
#include "gf-message.h"

#include <glib/gi18n.h>

/* One conversation of the "Messages" section: the family's message and the service's
 * replies in order, the reply box, and a link to the family's file. Opening it marks the
 * family's messages read.
 *
 * The messages are read in a worker thread on a connection of its own. Another thread
 * shows a spinner until its messages arrive; a reload of the same thread keeps the
 * messages shown (and the scroll position) until the new ones replace them. */

struct _GfMessageThreadView
{
  AdwBin          parent_instance;

  /* Template Widgets */
  AdwWindowTitle *title;
  GtkBox         *messages_box;
  GtkSpinner     *spinner;
  GtkTextView    *reply_view;
  GtkWidget      *reply_frame;
  GtkWidget      *reply_error;

  /* Owned References */
  GfSession      *session;
  GCancellable   *cancellable;

  gint64          thread_id;
  gint64          family_id;    /* 0 until the thread's messages arrived */
  gint64          shown_id;     /* the thread whose messages are shown, or 0 */
};

G_DEFINE_FINAL_TYPE (GfMessageThreadView, gf_message_thread_view, ADW_TYPE_BIN)

enum {
  SIGNAL_BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  char   *db_path;
  gint64  thread_id;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->db_path);
  g_free (data);
}

/*
 * Auxiliary methods
 */

static GtkWidget *
message_card (const GfMessage *message)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autofree char *when = gf_timestamp_format_fr (message->created_at);
  g_autofree char *heading = NULL;
  GtkWidget *label;

  heading = message->outgoing
            ? g_strdup_printf (_("Reply from %s, %s"), message->sender_name, when)
            : *message->sender_email != '\0'
              ? g_strdup_printf (_("%s <%s>, %s"), message->sender_name, message->sender_email, when)
              : g_strdup_printf (_("%s, %s"), message->sender_name, when);
  gtk_widget_add_css_class (box, "card");
  /* The service's replies lean right, the family's messages left, as in a chat. */
  gtk_widget_set_margin_start (box, message->outgoing ? 36 : 0);
  gtk_widget_set_margin_end (box, message->outgoing ? 0 : 36);

  label = gtk_label_new (heading);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 12);
  gtk_box_append (GTK_BOX (box), label);

  label = gtk_label_new (message->subject);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_box_append (GTK_BOX (box), label);

  label = gtk_label_new (message->body);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

/* Runs in a worker thread, on a connection of its own (GfDb is not thread-safe). */
static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GfDb) db = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *messages;

  db = gf_db_open (data->db_path, GF_DB_OPEN_READONLY, &error);
  if (db == NULL || (messages = gf_message_get_thread (db, data->thread_id, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, messages, (GDestroyNotify) g_ptr_array_unref);
}

static void
clear_messages (GfMessageThreadView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->messages_box))) != NULL)
    gtk_box_remove (self->messages_box, child);
}

static void
show_messages (GfMessageThreadView *self,
               GPtrArray           *messages)
{
  g_autofree char *subtitle = NULL;
  GfMessage *first = messages->pdata[0];

  self->family_id = first->family_id;
  subtitle = g_strdup_printf (ngettext ("%u message", "%u messages", messages->len), messages->len);
  adw_window_title_set_title (self->title, first->subject);
  adw_window_title_set_subtitle (self->title, subtitle);
  /* Removed and added in one go, before the next layout: the view keeps its scroll. */
  clear_messages (self);
  for (guint i = 0; i < messages->len; i++)
    gtk_box_append (self->messages_box, message_card (messages->pdata[i]));
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GfMessageThreadView) self = user_data;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GError) error = NULL;
  LoadData *data = g_task_get_task_data (G_TASK (result));

  messages = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_spinner_stop (self->spinner);
  self->shown_id = data->thread_id;
  if (messages == NULL || messages->len == 0)
    {
      clear_messages (self);
      adw_window_title_set_title (self->title, _("Messages"));
      adw_window_title_set_subtitle (self->title, "");
      if (error != NULL)
        gtk_box_append (self->messages_box, gtk_label_new (error->message));
      return;
    }
  show_messages (self, messages);
}

static void
show_reply_error (GfMessageThreadView *self,
                  const char          *message)
{
  gf_field_error_show (self->reply_error, self->reply_frame, message);
}

/*
 * Signal callbacks
 */

static void
back_clicked_cb (GfMessageThreadView *self)
{
  g_signal_emit (self, signals[SIGNAL_BACK], 0);
}

static void
open_family_clicked_cb (GfMessageThreadView *self)
{
  if (self->family_id > 0)
    gf_session_open (self->session, GF_SESSION_OBJECT_FAMILY, self->family_id);
}

static void
mark_unread_clicked_cb (GfMessageThreadView *self)
{
  g_autoptr(GError) error = NULL;
  GfActor actor;

  gf_session_get_actor (self->session, &actor);
  if (!gf_message_mark_read (gf_session_get_db (self->session), &actor, self->thread_id, FALSE,
                             &error))
    {
      gf_session_toast (self->session, error->message);
      return;
    }
  gf_session_toast (self->session, _("Marked as unread."));
  g_signal_emit (self, signals[SIGNAL_BACK], 0);
  gf_session_notify_changed (self->session);
}

static void
reply_clicked_cb (GfMessageThreadView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->reply_view);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  GtkTextIter start, end;
  GfActor actor;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  gf_session_get_actor (self->session, &actor);
  if (!gf_message_reply (gf_session_get_db (self->session), &actor, self->thread_id, text, NULL,
                         &error))
    {
      show_reply_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->reply_view));
      return;
    }
  show_reply_error (self, NULL);
  gtk_text_buffer_set_text (buffer, "", -1);
  gf_session_toast (self->session, _("Reply sent: the family will get it by e-mail."));
  gf_message_thread_view_reload (self);
  gf_session_notify_changed (self->session);
}

/*
 * Parent overrides
 */

static void
gf_message_thread_view_dispose (GObject *object)
{
  GfMessageThreadView *self = GF_MESSAGE_THREAD_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* A bound template child may be the bin's own child: let go of it first, or the
   * bin unparents it again after the template did. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), GF_TYPE_MESSAGE_THREAD_VIEW);

  G_OBJECT_CLASS (gf_message_thread_view_parent_class)->dispose (object);
}

static void
gf_message_thread_view_finalize (GObject *object)
{
  GfMessageThreadView *self = GF_MESSAGE_THREAD_VIEW (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (gf_message_thread_view_parent_class)->finalize (object);
}

static void
gf_message_thread_view_class_init (GfMessageThreadViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_message_thread_view_dispose;
  object_class->finalize = gf_message_thread_view_finalize;

  /**
   * GfMessageThreadView::back:
   *
   * The person goes back to the list of messages.
   */
  signals[SIGNAL_BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/guichetfamilles/Guichet/gf-message-thread-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GfMessageThreadView, title);
  gtk_widget_class_bind_template_child (widget_class, GfMessageThreadView, messages_box);
  gtk_widget_class_bind_template_child (widget_class, GfMessageThreadView, spinner);
  gtk_widget_class_bind_template_child (widget_class, GfMessageThreadView, reply_view);
  gtk_widget_class_bind_template_child (widget_class, GfMessageThreadView, reply_frame);
  gtk_widget_class_bind_template_child (widget_class, GfMessageThreadView, reply_error);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_family_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, mark_unread_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, reply_clicked_cb);
}

static void
gf_message_thread_view_init (GfMessageThreadView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/*
 * Public API
 */

void
gf_message_thread_view_set_session (GfMessageThreadView *self,
                                    GfSession           *session)
{
  g_return_if_fail (GF_IS_MESSAGE_THREAD_VIEW (self));

  g_set_object (&self->session, session);
}

/* Shows the thread again from the database (a new message from the portal, a reply).
 * The messages are read in a worker thread; a load still running is cancelled. */
void
gf_message_thread_view_reload (GfMessageThreadView *self)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (GF_IS_MESSAGE_THREAD_VIEW (self));

  if (self->thread_id == 0)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->shown_id != self->thread_id)
    {
      clear_messages (self);
      self->family_id = 0;
      adw_window_title_set_title (self->title, _("Messages"));
      adw_window_title_set_subtitle (self->title, "");
      gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
      gtk_spinner_start (self->spinner);
    }

  data = g_new0 (LoadData, 1);
  data->db_path = g_strdup (gf_session_get_db_path (self->session));
  data->thread_id = self->thread_id;

  task = g_task_new (self, self->cancellable, load_cb, g_object_ref (self));
  g_task_set_source_tag (task, gf_message_thread_view_reload);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

/* Shows @thread_id and marks the family's messages in it read. */
void
gf_message_thread_view_open (GfMessageThreadView *self,
                             gint64               thread_id)
{
  g_autoptr(GError) error = NULL;
  GfDb *db;
  GfActor actor;
  gint64 unread_before;

  g_return_if_fail (GF_IS_MESSAGE_THREAD_VIEW (self));

  self->thread_id = thread_id;
  show_reply_error (self, NULL);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->reply_view), "", -1);
  gf_message_thread_view_reload (self);

  db = gf_session_get_db (self->session);
  unread_before = gf_message_count_unread (db, NULL);
  gf_session_get_actor (self->session, &actor);
  if (!gf_message_mark_read (db, &actor, thread_id, TRUE, &error))
    gf_session_toast (self->session, error->message);
  else if (gf_message_count_unread (db, NULL) != unread_before)
    gf_session_notify_changed (self->session);
}
