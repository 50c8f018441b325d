/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-document-view.h"

#include <glib/gi18n.h>

#include "gf-date.h"
#include "gf-document.h"
#include "gf-document-preview.h"
#include "gf-document-text.h"
#include "gf-validate.h"

/* One uploaded document: who sent it, its file shown (PNG and JPEG as they are, the
 * first page of a PDF rendered with poppler), and, while it waits, the decision: accept
 * (with an optional end of validity) or refuse with a reason the family reads. A
 * document whose file is missing can still be decided: the family is then asked for it
 * again.
 *
 * The file is read and decoded (gf-document-preview.c) in a worker thread, with a
 * spinner meanwhile: a large scan would otherwise freeze the window. */

/* From this width on, the file is shown beside the form instead of above it. */
#define WIDE_WIDTH    860
#define SIDE_WIDTH    360

struct _GfDocumentView
{
  AdwBin               parent_instance;

  /* Template Widgets */
  GtkScrolledWindow   *scrolled;
  GtkBox              *columns;
  GtkBox              *side;
  AdwPreferencesGroup *info_group;
  AdwActionRow        *family_row;
  AdwActionRow        *child_row;
  AdwActionRow        *file_row;
  AdwActionRow        *uploaded_row;
  AdwActionRow        *state_row;
  GtkStack            *preview_stack;
  GtkPicture          *picture;
  AdwStatusPage       *missing_page;
  GtkLabel            *page_label;
  AdwPreferencesGroup *accept_group;
  AdwEntryRow         *valid_until_row;
  GtkLabel            *valid_until_error;
  AdwPreferencesGroup *refuse_group;
  AdwEntryRow         *reason_row;
  GtkLabel            *reason_error;

  /* Owned References */
  GfSession           *session;
  GfDocument          *document;
  GCancellable        *preview_cancellable;

  guint                layout_id;
  gboolean             wide;
};

G_DEFINE_FINAL_TYPE (GfDocumentView, gf_document_view, ADW_TYPE_BIN)

/*
 * Auxiliary methods
 */

static void
set_field_error (GtkWidget  *row,
                 GtkLabel   *label,
                 const char *message)
{
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

static void
preview_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GfDocumentView) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  int n_pages;

  texture = gf_document_preview_load_finish (result, &n_pages, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Not cancelled, so self->document is still the one asked for (a reload keeps it). */
  if (texture == NULL)
    {
      const char *title, *description;

      g_message ("Document %" G_GINT64_FORMAT ": %s", self->document->id, error->message);
      gf_document_explain_preview_error (error, &title, &description);
      adw_status_page_set_title (self->missing_page, title);
      adw_status_page_set_description (self->missing_page, description);
      gtk_stack_set_visible_child_name (self->preview_stack, "missing");
      return;
    }

  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  gtk_picture_set_alternative_text (self->picture, self->document->file_name);
  gtk_stack_set_visible_child_name (self->preview_stack, "picture");
  if (n_pages > 1)
    {
      g_autofree char *pages = gf_document_describe_pages (n_pages);

      gtk_label_set_text (self->page_label, pages);
    }
}

/* Reads and decodes the file in a worker thread; a preview still on its way is
 * cancelled. */
static void
show_preview (GfDocumentView *self)
{
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  self->preview_cancellable = g_cancellable_new ();

  gtk_label_set_text (self->page_label, "");
  gtk_picture_set_paintable (self->picture, NULL);
  gtk_stack_set_visible_child_name (self->preview_stack, "loading");

  gf_document_preview_load_async (gf_session_get_db_path (self->session), self->document,
                                  self->preview_cancellable, preview_cb, g_object_ref (self));
}

static void
show_document (GfDocumentView *self,
               gboolean        with_preview)
{
  const GfDocument *d = self->document;
  g_autofree char *family = g_strdup_printf ("%s — %s", d->family_reference, d->family_name);
  g_autofree char *file = gf_document_describe_file (d);
  g_autofree char *uploaded = gf_timestamp_format_fr (d->uploaded_at);
  g_autofree char *state = gf_document_describe_state (d);
  gboolean pending = g_str_equal (d->state, "pending");

  adw_preferences_group_set_title (self->info_group, d->type_label);
  adw_action_row_set_subtitle (self->family_row, family);
  adw_action_row_set_subtitle (self->child_row, d->child_name);
  gtk_widget_set_visible (GTK_WIDGET (self->child_row), *d->child_name != '\0');
  adw_action_row_set_subtitle (self->file_row, file);
  adw_action_row_set_subtitle (self->uploaded_row, uploaded != NULL ? uploaded : d->uploaded_at);
  adw_action_row_set_subtitle (self->state_row, state);
  gtk_widget_set_visible (GTK_WIDGET (self->accept_group), pending);
  gtk_widget_set_visible (GTK_WIDGET (self->refuse_group), pending);
  if (with_preview)
    show_preview (self);
}

static void
decide (GfDocumentView     *self,
        GfDocumentDecision  decision,
        gboolean            confirmed);

static void
refuse_response_cb (GfDocumentView   *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  if (g_str_equal (response, "refuse"))
    decide (self, GF_DOCUMENT_REFUSE, TRUE);
}

/* A refusal cannot be taken back once the family has the e-mail: ask first, showing
 * the reason as the family will read it. */
static void
confirm_refusal (GfDocumentView *self,
                 const char     *reason)
{
  g_autofree char *stripped = g_strstrip (g_strdup (reason));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       _("Refuse this document?"), NULL));
  adw_message_dialog_format_body (dialog, _("The family will receive this reason by e-mail:\n“%s”"),
                                  stripped);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "refuse", _("_Refuse"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "refuse", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (refuse_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
decide (GfDocumentView     *self,
        GfDocumentDecision  decision,
        gboolean            confirmed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *valid_until = NULL;
  const char *until_text = gtk_editable_get_text (GTK_EDITABLE (self->valid_until_row));
  const char *reason = gtk_editable_get_text (GTK_EDITABLE (self->reason_row));
  g_autofree char *stripped = g_strstrip (g_strdup (until_text));
  GfActor actor;

  if (self->document == NULL)
    return;
  set_field_error (GTK_WIDGET (self->valid_until_row), self->valid_until_error, NULL);
  set_field_error (GTK_WIDGET (self->reason_row), self->reason_error, NULL);

  if (decision == GF_DOCUMENT_ACCEPT && *stripped != '\0')
    {
      GDate date;

      if (!gf_date_parse_fr (stripped, &date, &error))
        {
          set_field_error (GTK_WIDGET (self->valid_until_row), self->valid_until_error,
                           error->message);
          gtk_widget_grab_focus (GTK_WIDGET (self->valid_until_row));
          return;
        }
      valid_until = gf_date_to_iso (&date);
    }

  if (decision == GF_DOCUMENT_REFUSE && !confirmed)
    {
      if (!gf_document_check_reason (reason, &error))
        {
          set_field_error (GTK_WIDGET (self->reason_row), self->reason_error, error->message);
          gtk_widget_grab_focus (GTK_WIDGET (self->reason_row));
          return;
        }
      confirm_refusal (self, reason);
      return;
    }

  gf_session_get_actor (self->session, &actor);
  if (!gf_document_decide (gf_session_get_db (self->session), &actor, self->document->id,
                           decision, reason, valid_until, &error))
    {
      if (error->domain == GF_INPUT_ERROR && decision == GF_DOCUMENT_REFUSE &&
          error->code != GF_INPUT_ERROR_INVALID)
        {
          set_field_error (GTK_WIDGET (self->reason_row), self->reason_error, error->message);
          gtk_widget_grab_focus (GTK_WIDGET (self->reason_row));
        }
      else if (error->domain == GF_INPUT_ERROR && decision == GF_DOCUMENT_ACCEPT &&
               error->code != GF_INPUT_ERROR_INVALID)
        {
          set_field_error (GTK_WIDGET (self->valid_until_row), self->valid_until_error,
                           error->message);
          gtk_widget_grab_focus (GTK_WIDGET (self->valid_until_row));
        }
      else
        {
          gf_session_toast (self->session, error->message);
          gf_session_notify_changed (self->session);
        }
      return;
    }

  gf_session_toast (self->session, decision == GF_DOCUMENT_ACCEPT
                    ? _("Document accepted; the family is told by e-mail.")
                    : _("Document refused; the family is told by e-mail."));
  gtk_editable_set_text (GTK_EDITABLE (self->valid_until_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->reason_row), "");
  gf_session_notify_changed (self->session);
}

/* Wide: [file | details and form]. Narrow: details, file, form, one under the other. */
static void
apply_layout (GfDocumentView *self)
{
  GtkWidget *info = GTK_WIDGET (self->info_group);

  g_object_ref (info);
  gtk_box_remove (GTK_BOX (gtk_widget_get_parent (info)), info);
  if (self->wide)
    {
      gtk_orientable_set_orientation (GTK_ORIENTABLE (self->columns), GTK_ORIENTATION_HORIZONTAL);
      gtk_box_prepend (self->side, info);
      gtk_widget_set_size_request (GTK_WIDGET (self->side), SIDE_WIDTH, -1);
      gtk_widget_set_size_request (GTK_WIDGET (self->picture), -1, 640);
    }
  else
    {
      gtk_orientable_set_orientation (GTK_ORIENTABLE (self->columns), GTK_ORIENTATION_VERTICAL);
      gtk_box_prepend (self->columns, info);
      gtk_widget_set_size_request (GTK_WIDGET (self->side), -1, -1);
      gtk_widget_set_size_request (GTK_WIDGET (self->picture), -1, 420);
    }
  g_object_unref (info);
}

static gboolean
layout_cb (gpointer user_data)
{
  GfDocumentView *self = user_data;

  self->layout_id = 0;
  apply_layout (self);
  return G_SOURCE_REMOVE;
}

/*
 * Callbacks
 */

/* The viewport's width is the horizontal adjustment's page size. */
static void
width_changed_cb (GfDocumentView *self,
                  GtkAdjustment  *adjustment)
{
  gboolean wide = gtk_adjustment_get_page_size (adjustment) >= WIDE_WIDTH;

  /* Not during the allocation that changed it: the new layout comes on the next frame. */
  if (wide != self->wide && self->layout_id == 0)
    {
      self->wide = wide;
      self->layout_id = g_idle_add (layout_cb, self);
    }
}

static void
accept_clicked_cb (GfDocumentView *self)
{
  decide (self, GF_DOCUMENT_ACCEPT, FALSE);
}

static void
refuse_clicked_cb (GfDocumentView *self)
{
  decide (self, GF_DOCUMENT_REFUSE, FALSE);
}

static void
valid_until_changed_cb (GfDocumentView *self)
{
  set_field_error (GTK_WIDGET (self->valid_until_row), self->valid_until_error, NULL);
}

static void
reason_changed_cb (GfDocumentView *self)
{
  set_field_error (GTK_WIDGET (self->reason_row), self->reason_error, NULL);
}

static void
family_activated_cb (GfDocumentView *self)
{
  if (self->document != NULL)
    gf_session_open (self->session, GF_SESSION_OBJECT_FAMILY, self->document->family_id);
}

/*
 * GObject overrides
 */

static void
gf_document_view_dispose (GObject *object)
{
  GfDocumentView *self = GF_DOCUMENT_VIEW (object);

  g_clear_handle_id (&self->layout_id, g_source_remove);
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  /* A bound template child may be the bin's own child: let go of it first, or the
   * bin unparents it again after the template did. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), GF_TYPE_DOCUMENT_VIEW);

  G_OBJECT_CLASS (gf_document_view_parent_class)->dispose (object);
}

static void
gf_document_view_finalize (GObject *object)
{
  GfDocumentView *self = GF_DOCUMENT_VIEW (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->document, gf_document_free);

  G_OBJECT_CLASS (gf_document_view_parent_class)->finalize (object);
}

static void
gf_document_view_class_init (GfDocumentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_document_view_dispose;
  object_class->finalize = gf_document_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/guichetfamilles/Guichet/gf-document-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GfDocumentView, scrolled);
  gtk_widget_class_bind_template_child (widget_class, GfDocumentView, columns);
  gtk_widget_class_bind_template_child (widget_class, GfDocumentView, side);
  gtk_widget_class_bind_template_child (widget_class, GfDocumentView, info_group);
  gtk_widget_class_bind_template_child (widget_class, GfDocumentView, family_row);
  gtk_widget_class_bind_template_child (widget_class, GfDocumentView, child_row);
  gtk_widget_class_bind_template_child (widget_class, GfDocumentView, file_row);
  gtk_widget_class_bind_template_child (widget_class, GfDocumentView, uploaded_row);
  gtk_widget_class_bind_template_child (widget_class, GfDocumentView, state_row);
  gtk_widget_class_bind_template_child (widget_class, GfDocumentView, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, GfDocumentView, picture);
  gtk_widget_class_bind_template_child (widget_class, GfDocumentView, missing_page);
  gtk_widget_class_bind_template_child (widget_class, GfDocumentView, page_label);
  gtk_widget_class_bind_template_child (widget_class, GfDocumentView, accept_group);
  gtk_widget_class_bind_template_child (widget_class, GfDocumentView, valid_until_row);
  gtk_widget_class_bind_template_child (widget_class, GfDocumentView, valid_until_error);
  gtk_widget_class_bind_template_child (widget_class, GfDocumentView, refuse_group);
  gtk_widget_class_bind_template_child (widget_class, GfDocumentView, reason_row);
  gtk_widget_class_bind_template_child (widget_class, GfDocumentView, reason_error);
  gtk_widget_class_bind_template_callback (widget_class, accept_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, refuse_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, valid_until_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, reason_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, family_activated_cb);
}

static void
gf_document_view_init (GfDocumentView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->scrolled), "changed",
                           G_CALLBACK (width_changed_cb), self, G_CONNECT_SWAPPED);
}

/*
 * Public API
 */

void
gf_document_view_set_session (GfDocumentView *self,
                              GfSession      *session)
{
  g_return_if_fail (GF_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (GF_IS_SESSION (session));

  g_set_object (&self->session, session);
}

/* Shows document @id, with a fresh form. */
void
gf_document_view_show (GfDocumentView *self,
                       gint64          id)
{
  g_autoptr(GError) error = NULL;
  GfDocument *document;

  g_return_if_fail (GF_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (self->session != NULL);

  document = gf_document_get (gf_session_get_db (self->session), id, &error);
  if (document == NULL)
    {
      gf_session_toast (self->session, error->message);
      return;
    }
  g_clear_pointer (&self->document, gf_document_free);
  self->document = document;
  gtk_editable_set_text (GTK_EDITABLE (self->valid_until_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->reason_row), "");
  show_document (self, TRUE);
}

/* After a change elsewhere: the document's state, keeping what is being typed. */
void
gf_document_view_reload (GfDocumentView *self)
{
  g_autoptr(GError) error = NULL;
  GfDocument *document;

  g_return_if_fail (GF_IS_DOCUMENT_VIEW (self));

  if (self->document == NULL)
    return;
  document = gf_document_get (gf_session_get_db (self->session), self->document->id, &error);
  if (document == NULL)
    return;
  /* The file does not change (it is stored under its SHA-256): only the state is read
   * again, and the preview shown stays. */
  g_clear_pointer (&self->document, gf_document_free);
  self->document = document;
  show_document (self, FALSE);
}

/* 0 when none is shown. */
gint64
gf_document_view_get_id (GfDocumentView *self)
{
  g_return_val_if_fail (GF_IS_DOCUMENT_VIEW (self), 0);

  return self->document != NULL ? self->document->id : 0;
}
