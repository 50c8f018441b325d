/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-announcements-page.h"
#include "gf-announcement.h"
#include "gf-date.h"
#include "gf-field-error.h"

#include <glib/gi18n.h>

/* "Annonces" (administrators): the announcements of the portal's home page. A row opens
 * the editor, with a live preview drawn like the portal's banner; publishing one withdraws
 * the previous one, since the portal shows a single announcement. */

/* The portal's .announcement colours (web/static), so the preview looks like the page. */
static const char preview_css[] =
  ".gf-announcement-preview { background: #fff8e1; color: #1a1a1a; border: 2px solid #f2b705;"
  " border-radius: 8px; padding: 12px 16px; }";

struct _GfAnnouncementsPage
{
  AdwBin          parent_instance;

  /* Template Widgets */
  GtkStack       *stack;
  GtkStack       *list_stack;
  GtkListBox     *list;
  AdwWindowTitle *edit_title;
  AdwEntryRow    *title_row;
  GtkWidget      *title_error;
  GtkTextView    *body_view;
  GtkWidget      *body_frame;
  GtkWidget      *body_error;
  GtkLabel       *preview_title;
  GtkLabel       *preview_body;
  GtkLabel       *state_label;
  GtkWidget      *unpublish_button;

  /* Owned References */
  GfSession      *session;
  GfAnnouncement *current;   /* the one in the editor; id 0 while new */
};

G_DEFINE_FINAL_TYPE (GfAnnouncementsPage, gf_announcements_page, ADW_TYPE_BIN)

static char *
body_text (GfAnnouncementsPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static char *
state_text (const GfAnnouncement *announcement)
{
  g_autofree char *when = NULL;

  if (announcement->id == 0)
    return g_strdup (_("Not saved yet."));
  if (!announcement->published)
    return g_strdup (_("Not published: the families do not see it."));
  when = gf_timestamp_format_fr (announcement->published_at);
  return g_strdup_printf (_("Published on the portal since %s."), when);
}

static void
reload_list (GfAnnouncementsPage *self)
{
  g_autoptr(GPtrArray) announcements = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  announcements = gf_announcement_list (gf_session_get_db (self->session), &error);
  if (announcements == NULL)
    {
      gf_session_toast (self->session, error->message);
      return;
    }
  for (guint i = 0; i < announcements->len; i++)
    {
      GfAnnouncement *announcement = announcements->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_markup_escape_text (announcement->title, -1);
      g_autofree char *state = state_text (announcement);
      g_autofree char *subtitle = g_markup_escape_text (state, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      if (announcement->published)
        {
          GtkWidget *badge = gtk_label_new (_("Published"));

          gtk_widget_add_css_class (badge, "success");
          gtk_widget_add_css_class (badge, "caption-heading");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "announcement-id",
                              g_memdup2 (&announcement->id, sizeof announcement->id), g_free);
      gtk_list_box_append (self->list, row);
    }
  gtk_stack_set_visible_child_name (self->list_stack, announcements->len > 0 ? "items" : "empty");
}

static void
update_preview (GfAnnouncementsPage *self)
{
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  g_autofree char *body = body_text (self);

  gtk_label_set_text (self->preview_title, *title != '\0' ? title : _("(no title)"));
  gtk_label_set_text (self->preview_body, *body != '\0' ? body : _("(no text)"));
}

static void
show_editor (GfAnnouncementsPage *self)
{
  g_autofree char *state = state_text (self->current);

  adw_window_title_set_title (self->edit_title, self->current->id == 0 ? _("New Announcement")
                                                                       : self->current->title);
  gtk_label_set_text (self->state_label, state);
  gtk_widget_set_visible (self->unpublish_button, self->current->published);
}

static void
open_editor (GfAnnouncementsPage *self,
             GfAnnouncement      *announcement)
{
  g_clear_pointer (&self->current, gf_announcement_free);
  self->current = announcement;
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), announcement->title);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), announcement->body, -1);
  gf_field_error_show (self->title_error, GTK_WIDGET (self->title_row), NULL);
  gf_field_error_show (self->body_error, self->body_frame, NULL);
  show_editor (self);
  update_preview (self);
  gtk_stack_set_visible_child_name (self->stack, "edit");
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

/* Checks and saves the editor; errors go under their field and nothing is saved. */
static gboolean
save (GfAnnouncementsPage *self)
{
  g_autofree char *body = body_text (self);
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  g_autoptr(GError) title_error = NULL;
  g_autoptr(GError) body_error = NULL;
  g_autoptr(GError) error = NULL;
  gboolean title_ok = gf_announcement_check_title (title, &title_error);
  gboolean body_ok = gf_announcement_check_body (body, &body_error);
  GfActor actor;

  gf_field_error_show (self->title_error, GTK_WIDGET (self->title_row),
                       title_ok ? NULL : title_error->message);
  gf_field_error_show (self->body_error, self->body_frame, body_ok ? NULL : body_error->message);
  if (!title_ok || !body_ok)
    return FALSE;

  g_free (self->current->title);
  self->current->title = g_steal_pointer (&title);
  g_free (self->current->body);
  self->current->body = g_steal_pointer (&body);
  gf_session_get_actor (self->session, &actor);
  if (!gf_announcement_save (gf_session_get_db (self->session), &actor, self->current, &error))
    {
      gf_session_toast (self->session, error->message);
      return FALSE;
    }
  return TRUE;
}

static void
set_published (GfAnnouncementsPage *self,
               gboolean             published)
{
  g_autoptr(GError) error = NULL;
  GfDb *db = gf_session_get_db (self->session);
  GfActor actor;
  gint64 id = self->current->id;

  gf_session_get_actor (self->session, &actor);
  if (!gf_announcement_set_published (db, &actor, id, published, &error))
    {
      gf_session_toast (self->session, error->message);
      return;
    }
  g_clear_pointer (&self->current, gf_announcement_free);
  self->current = gf_announcement_get (db, id, NULL);
  if (self->current == NULL)
    self->current = gf_announcement_new ();
  gf_session_toast (self->session, published ? _("Announcement published on the portal.")
                                             : _("Announcement withdrawn from the portal."));
  show_editor (self);
  reload_list (self);
  gf_session_notify_changed (self->session);
}

/* Once an error shows, it follows the typing, so it goes away when the field is right. */
static void
recheck_shown_errors (GfAnnouncementsPage *self)
{
  g_autoptr(GError) error = NULL;

  if (gtk_widget_get_visible (self->title_error))
    {
      g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));

      gf_announcement_check_title (title, &error);
      gf_field_error_show (self->title_error, GTK_WIDGET (self->title_row),
                           error != NULL ? error->message : NULL);
      g_clear_error (&error);
    }
  if (gtk_widget_get_visible (self->body_error))
    {
      g_autofree char *body = body_text (self);

      gf_announcement_check_body (body, &error);
      gf_field_error_show (self->body_error, self->body_frame, error != NULL ? error->message : NULL);
    }
}

static void
text_changed_cb (GfAnnouncementsPage *self)
{
  update_preview (self);
  recheck_shown_errors (self);
}

static void
body_changed_cb (GtkTextBuffer       *buffer,
                 GfAnnouncementsPage *self)
{
  update_preview (self);
  recheck_shown_errors (self);
}

static void
new_clicked_cb (GfAnnouncementsPage *self)
{
  open_editor (self, gf_announcement_new ());
}

static void
row_activated_cb (GfAnnouncementsPage *self,
                  GtkListBoxRow       *row)
{
  gint64 id = *(gint64 *)g_object_get_data (G_OBJECT (row), "announcement-id");
  g_autoptr(GError) error = NULL;
  GfAnnouncement *announcement = gf_announcement_get (gf_session_get_db (self->session), id, &error);

  if (announcement == NULL)
    {
      gf_session_toast (self->session, error->message);
      return;
    }
  open_editor (self, announcement);
}

static void
back_clicked_cb (GfAnnouncementsPage *self)
{
  gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
save_clicked_cb (GfAnnouncementsPage *self)
{
  if (!save (self))
    return;
  gf_session_toast (self->session, self->current->published
                                   ? _("Announcement saved: the portal shows the new text.")
                                   : _("Announcement saved."));
  show_editor (self);
  reload_list (self);
  gf_session_notify_changed (self->session);
}

static void
publish_clicked_cb (GfAnnouncementsPage *self)
{
  if (save (self))
    set_published (self, TRUE);
}

static void
unpublish_clicked_cb (GfAnnouncementsPage *self)
{
  if (self->current->id != 0)
    set_published (self, FALSE);
}

static void
changed_cb (GfAnnouncementsPage *self)
{
  reload_list (self);
}

static void
gf_announcements_page_dispose (GObject *object)
{
  /* A bound template child may be the bin's own child: let go of it first, or the
   * bin unparents it again after the template did. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), GF_TYPE_ANNOUNCEMENTS_PAGE);

  G_OBJECT_CLASS (gf_announcements_page_parent_class)->dispose (object);
}

static void
gf_announcements_page_finalize (GObject *object)
{
  GfAnnouncementsPage *self = GF_ANNOUNCEMENTS_PAGE (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->current, gf_announcement_free);

  G_OBJECT_CLASS (gf_announcements_page_parent_class)->finalize (object);
}

static void
gf_announcements_page_class_init (GfAnnouncementsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_announcements_page_dispose;
  object_class->finalize = gf_announcements_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/guichetfamilles/Guichet/gf-announcements-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GfAnnouncementsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, GfAnnouncementsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, GfAnnouncementsPage, list);
  gtk_widget_class_bind_template_child (widget_class, GfAnnouncementsPage, edit_title);
  gtk_widget_class_bind_template_child (widget_class, GfAnnouncementsPage, title_row);
  gtk_widget_class_bind_template_child (widget_class, GfAnnouncementsPage, title_error);
  gtk_widget_class_bind_template_child (widget_class, GfAnnouncementsPage, body_view);
  gtk_widget_class_bind_template_child (widget_class, GfAnnouncementsPage, body_frame);
  gtk_widget_class_bind_template_child (widget_class, GfAnnouncementsPage, body_error);
  gtk_widget_class_bind_template_child (widget_class, GfAnnouncementsPage, preview_title);
  gtk_widget_class_bind_template_child (widget_class, GfAnnouncementsPage, preview_body);
  gtk_widget_class_bind_template_child (widget_class, GfAnnouncementsPage, state_label);
  gtk_widget_class_bind_template_child (widget_class, GfAnnouncementsPage, unpublish_button);
  gtk_widget_class_bind_template_callback (widget_class, text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, publish_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, unpublish_clicked_cb);
}

static void
gf_announcements_page_init (GfAnnouncementsPage *self)
{
  static gboolean css_loaded;

  gtk_widget_init_template (GTK_WIDGET (self));
  gf_field_error_init (self->title_error);
  g_signal_connect_object (gtk_text_view_get_buffer (self->body_view), "changed",
                           G_CALLBACK (body_changed_cb), self, 0);

  if (!css_loaded)
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_data (provider, preview_css, -1);
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      css_loaded = TRUE;
    }
  self->current = gf_announcement_new ();
}

GtkWidget *
gf_announcements_page_new (GfSession *session)
{
  GfAnnouncementsPage *self;

  g_return_val_if_fail (GF_IS_SESSION (session), NULL);

  self = g_object_new (GF_TYPE_ANNOUNCEMENTS_PAGE, NULL);
  self->session = g_object_ref (session);
  g_signal_connect_object (session, "changed", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  reload_list (self);
  return GTK_WIDGET (self);
}
