/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-invoice-page.h"

#include <glib/gi18n.h>

#include "gf-credit-dialog.h"
#include "gf-date.h"
#include "gf-invoice-credit.h"
#include "gf-invoice-detail.h"
#include "gf-invoice-list.h"
#include "gf-invoice-pdf.h"
#include "gf-money.h"
#include "gf-pdf-view.h"

/* One invoice: what it charges, line by line, what is paid, credited and left, and the
 * printed document (rendered by the core in a worker thread, shown with poppler). */

struct _GfInvoicePage
{
  AdwBin                parent_instance;

  /* Template Widgets */
  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  GtkButton            *credit_button;
  GtkButton            *print_button;
  GtkButton            *save_button;
  AdwActionRow         *payer_row;
  AdwActionRow         *object_row;
  AdwActionRow         *dates_row;
  AdwActionRow         *state_row;
  GtkLabel             *total_label;
  GtkLabel             *paid_label;
  GtkLabel             *credited_label;
  GtkLabel             *remaining_label;
  AdwPreferencesGroup  *lines_group;
  GtkStack             *pdf_stack;
  AdwStatusPage        *pdf_error;
  GfPdfView            *pdf_view;

  /* Owned References */
  GfSession            *session;
  GfInvoiceDetail      *detail;
  GBytes               *pdf;
  GCancellable         *cancellable;
  GPtrArray            *line_rows;
};

G_DEFINE_FINAL_TYPE (GfInvoicePage, gf_invoice_page, ADW_TYPE_BIN)

/*
 * Auxiliary methods
 */

static void
set_money (GtkLabel *label,
           gint64    cents)
{
  g_autofree char *text = gf_money_format (cents);

  gtk_label_set_text (label, text);
}

static gboolean
can_credit (const GfInvoiceSummary *summary)
{
  return g_str_equal (summary->kind, "invoice") &&
         (g_str_equal (summary->state, "unpaid") || g_str_equal (summary->state, "paid") ||
          g_str_equal (summary->state, "treasury"));
}

static void
show_lines (GfInvoicePage *self)
{
  for (guint i = 0; i < self->line_rows->len; i++)
    adw_preferences_group_remove (self->lines_group, g_ptr_array_index (self->line_rows, i));
  g_ptr_array_set_size (self->line_rows, 0);

  for (guint i = 0; i < self->detail->lines->len; i++)
    {
      GfInvoiceLine *line = g_ptr_array_index (self->detail->lines, i);
      g_autofree char *quantity = gf_invoice_format_quantity (line->quantity_centi);
      g_autofree char *unit = gf_money_format (line->unit_price_cents);
      g_autofree char *amount = gf_money_format (line->amount_cents);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label = gtk_label_new (amount);

      if (*line->child_name != '\0')
        g_string_append_printf (subtitle, "%s · ", line->child_name);
      if (*line->service_name != '\0')
        g_string_append_printf (subtitle, "%s · ", line->service_name);
      /* TRANSLATORS: an invoice line's quantity and unit price, "12 × 3,50 €" */
      g_string_append_printf (subtitle, _("%s × %s"), quantity, unit);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), line->label);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      adw_preferences_group_add (self->lines_group, row);
      g_ptr_array_add (self->line_rows, row);
    }
}

static void
show_detail (GfInvoicePage *self)
{
  GfInvoiceSummary *summary = self->detail->summary;
  g_autofree char *title = NULL;
  g_autofree char *payer = NULL;
  g_autofree char *issue = gf_date_format_iso_fr (summary->issue_date, "");
  g_autofree char *due = gf_date_format_iso_fr (summary->due_date, "");
  g_autofree char *dates = NULL;
  g_autofree char *state = NULL;
  gboolean credit_note = g_str_equal (summary->kind, "credit_note");

  title = g_strdup_printf (credit_note ? _("Credit Note %s") : _("Invoice %s"), summary->number);
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->subtitle_label, summary->object);

  payer = g_strdup_printf ("%s — %s%s%s", self->detail->family_reference,
                           self->detail->payer_name,
                           *self->detail->payer_address ? "\n" : "", self->detail->payer_address);
  adw_action_row_set_subtitle (self->payer_row, payer);
  adw_action_row_set_subtitle (self->object_row, summary->object);
  dates = g_strdup_printf ("%s — %s", issue, due);
  adw_action_row_set_subtitle (self->dates_row, dates);
  if (credit_note && self->detail->credit_for_number != NULL)
    state = g_strdup_printf (_("%s, on invoice %s"), gf_invoice_list_state_label (summary->state),
                             self->detail->credit_for_number);
  else if (summary->direct_debit)
    state = g_strdup_printf (_("%s, direct debit"), gf_invoice_list_state_label (summary->state));
  else
    state = g_strdup (gf_invoice_list_state_label (summary->state));
  adw_action_row_set_subtitle (self->state_row, state);

  set_money (self->total_label, summary->total_cents);
  set_money (self->paid_label, summary->paid_cents);
  set_money (self->credited_label, summary->credited_cents);
  set_money (self->remaining_label, summary->remaining_cents);
  gtk_widget_set_sensitive (GTK_WIDGET (self->credit_button), can_credit (summary));
  show_lines (self);
}

static void
render_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GfInvoicePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = gf_invoice_pdf_render_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (pdf == NULL || !gf_pdf_view_set_bytes (self->pdf_view, pdf, &error))
    {
      adw_status_page_set_description (self->pdf_error, error->message);
      gtk_stack_set_visible_child_name (self->pdf_stack, "error");
      return;
    }
  g_clear_pointer (&self->pdf, g_bytes_unref);
  self->pdf = g_bytes_ref (pdf);
  gtk_stack_set_visible_child_name (self->pdf_stack, "view");
  gtk_widget_set_sensitive (GTK_WIDGET (self->print_button), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);
}

static void
write_pdf (GfInvoicePage *self,
           GFile         *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *toast = NULL;

  if (!g_file_replace_contents (file, g_bytes_get_data (self->pdf, NULL),
                                g_bytes_get_size (self->pdf), NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error))
    toast = g_strdup_printf (_("Cannot save the invoice: %s"), error->message);
  else
    toast = g_strdup_printf (_("Invoice saved as %s."), name);
  gf_session_toast (self->session, toast);
}

/*
 * Callbacks
 */

static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(GfInvoicePage) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT && self->pdf != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      write_pdf (self, file);
    }
  g_object_unref (chooser);
}

static void
save_clicked_cb (GfInvoicePage *self)
{
  g_autofree char *name = NULL;
  const char *test_dir = g_getenv ("GUICHET_TEST_SAVE_DIR");
  GtkFileChooserNative *chooser;

  if (self->pdf == NULL || self->detail == NULL)
    return;
  name = g_strdup_printf ("Facture-%s.pdf", self->detail->summary->number);

  /* The tests write where they look, without a native dialog they cannot drive. */
  if (test_dir != NULL)
    {
      g_autofree char *path = g_build_filename (test_dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      write_pdf (self, file);
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Save the Invoice"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
print_clicked_cb (GfInvoicePage *self)
{
  g_autofree char *job = NULL;

  if (self->detail == NULL)
    return;
  job = g_strdup_printf ("Facture %s", self->detail->summary->number);
  gf_pdf_view_print (self->pdf_view, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), job);
}

static void
family_clicked_cb (GfInvoicePage *self)
{
  if (self->detail != NULL)
    gf_session_open (self->session, GF_SESSION_OBJECT_FAMILY, self->detail->summary->family_id);
}

static void
credit_clicked_cb (GfInvoicePage *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;
  gint64 max = 0;

  if (self->detail == NULL)
    return;
  if (!gf_invoice_credit_allowed (gf_session_get_db (self->session), self->detail->summary->id,
                                  &max, &error))
    {
      gf_session_toast (self->session, error->message);
      return;
    }
  dialog = gf_credit_dialog_new (self->session,
                                 GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                 self->detail->summary->id, self->detail->summary->number, max);
  gtk_window_present (GTK_WINDOW (dialog));
}

/*
 * GObject overrides
 */

static void
gf_invoice_page_dispose (GObject *object)
{
  GfInvoicePage *self = GF_INVOICE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_pointer (&self->detail, gf_invoice_detail_free);
  g_clear_pointer (&self->pdf, g_bytes_unref);
  g_clear_pointer (&self->line_rows, g_ptr_array_unref);
  /* A bound template child may be the bin's own child: let go of it first, or the
   * bin unparents it again after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GF_TYPE_INVOICE_PAGE);

  G_OBJECT_CLASS (gf_invoice_page_parent_class)->dispose (object);
}

static void
gf_invoice_page_class_init (GfInvoicePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_invoice_page_dispose;

  g_type_ensure (GF_TYPE_PDF_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/guichetfamilles/Guichet/gf-invoice-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GfInvoicePage, title_label);
  gtk_widget_class_bind_template_child (widget_class, GfInvoicePage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, GfInvoicePage, credit_button);
  gtk_widget_class_bind_template_child (widget_class, GfInvoicePage, print_button);
  gtk_widget_class_bind_template_child (widget_class, GfInvoicePage, save_button);
  gtk_widget_class_bind_template_child (widget_class, GfInvoicePage, payer_row);
  gtk_widget_class_bind_template_child (widget_class, GfInvoicePage, object_row);
  gtk_widget_class_bind_template_child (widget_class, GfInvoicePage, dates_row);
  gtk_widget_class_bind_template_child (widget_class, GfInvoicePage, state_row);
  gtk_widget_class_bind_template_child (widget_class, GfInvoicePage, total_label);
  gtk_widget_class_bind_template_child (widget_class, GfInvoicePage, paid_label);
  gtk_widget_class_bind_template_child (widget_class, GfInvoicePage, credited_label);
  gtk_widget_class_bind_template_child (widget_class, GfInvoicePage, remaining_label);
  gtk_widget_class_bind_template_child (widget_class, GfInvoicePage, lines_group);
  gtk_widget_class_bind_template_child (widget_class, GfInvoicePage, pdf_stack);
  gtk_widget_class_bind_template_child (widget_class, GfInvoicePage, pdf_error);
  gtk_widget_class_bind_template_child (widget_class, GfInvoicePage, pdf_view);
  gtk_widget_class_bind_template_callback (widget_class, credit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, print_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, family_clicked_cb);
}

static void
gf_invoice_page_init (GfInvoicePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->line_rows = g_ptr_array_new ();
}

/*
 * Public API
 */

void
gf_invoice_page_set_session (GfInvoicePage *self,
                             GfSession     *session)
{
  g_return_if_fail (GF_IS_INVOICE_PAGE (self));

  g_set_object (&self->session, session);
}

/* Shows @invoice_id; called again on the session's "changed" to show what is new. */
void
gf_invoice_page_load (GfInvoicePage *self,
                      gint64         invoice_id)
{
  g_autoptr(GError) error = NULL;
  GfInvoiceDetail *detail;
  gboolean same;

  g_return_if_fail (GF_IS_INVOICE_PAGE (self));
  g_return_if_fail (self->session != NULL);

  same = self->detail != NULL && self->detail->summary->id == invoice_id;
  detail = gf_invoice_detail_get (gf_session_get_db (self->session), invoice_id, &error);
  if (detail == NULL)
    {
      gf_session_toast (self->session, error->message);
      return;
    }
  g_clear_pointer (&self->detail, gf_invoice_detail_free);
  self->detail = detail;
  show_detail (self);

  /* The document shows the same lines and amounts as the page: render it again. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (!same)
    {
      gf_pdf_view_clear (self->pdf_view);
      g_clear_pointer (&self->pdf, g_bytes_unref);
      gtk_stack_set_visible_child_name (self->pdf_stack, "loading");
      gtk_widget_set_sensitive (GTK_WIDGET (self->print_button), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
    }
  gf_invoice_pdf_render_async (gf_session_get_db_path (self->session), invoice_id,
                               self->cancellable, render_cb, g_object_ref (self));
}

gint64
gf_invoice_page_get_id (GfInvoicePage *self)
{
  g_return_val_if_fail (GF_IS_INVOICE_PAGE (self), 0);

  return self->detail != NULL ? self->detail->summary->id : 0;
}

const char *
gf_invoice_page_get_number (GfInvoicePage *self)
{
  g_return_val_if_fail (GF_IS_INVOICE_PAGE (self), NULL);

  return self->detail != NULL ? self->detail->summary->number : NULL;
}
