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
 * family's messages read. */

struct _GfMessageThreadView
{
  AdwBin          parent_instance;

  /* Template Widgets */
  AdwWindowTitle *title;
  GtkBox         *messages_box;
  GtkTextView    *reply_view;
  GtkWidget      *reply_frame;
  GtkWidget      *reply_error;

  /* Owned References */
  GfSession      *session;

  gint64          thread_id;
  gint64          family_id;
};

G_DEFINE_FINAL_TYPE (GfMessageThreadView, gf_message_thread_view, ADW_TYPE_BIN)

enum {
  SIGNAL_BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

/* Shows the thread again from the database (a new message from the portal, a reply). */
void
gf_message_thread_view_reload (GfMessageThreadView *self)
{
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *child;
  GfMessage *first;

  g_return_if_fail (GF_IS_MESSAGE_THREAD_VIEW (self));

  if (self->thread_id == 0)
    return;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->messages_box))) != NULL)
    gtk_box_remove (self->messages_box, child);

  messages = gf_message_get_thread (gf_session_get_db (self->session), self->thread_id, &error);
  if (messages == NULL)
    {
      adw_window_title_set_title (self->title, _("Messages"));
      adw_window_title_set_subtitle (self->title, "");
      gtk_box_append (self->messages_box, gtk_label_new (error->message));
      return;
    }

  first = messages->pdata[0];
  self->family_id = first->family_id;
  subtitle = g_strdup_printf (ngettext ("%u message", "%u messages", messages->len), messages->len);
  adw_window_title_set_title (self->title, first->subject);
  adw_window_title_set_subtitle (self->title, subtitle);
  for (guint i = 0; i < messages->len; i++)
    gtk_box_append (self->messages_box, message_card (messages->pdata[i]));
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
