/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-invoices-page-private.h"

#include <glib/gi18n.h>

#include "gf-invoice-item.h"
#include "gf-invoice-tasks.h"
#include "gf-money.h"

/* The overdue view's actions: send the listed invoices to the Trésorerie after a
 * confirmation that says how many and how much, and export them as CSV. */

/*
 * The transfer
 */

static void
transfer_done_cb (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  g_autoptr(GfInvoicesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GfTreasuryResult *result = gf_invoice_treasury_finish (res, &error);
  GfSession *session = _gf_invoices_page_get_session (self);
  g_autofree char *amount = NULL;
  g_autoptr(GString) toast = g_string_new (NULL);

  if (result == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Nothing was sent: %s"), error->message);
      gf_session_toast (session, message);
      return;
    }

  amount = gf_money_format (result->moved_cents);
  g_string_printf (toast, g_dngettext (GETTEXT_PACKAGE,
                                       "%u invoice sent to the Trésorerie (%s).",
                                       "%u invoices sent to the Trésorerie (%s).",
                                       result->moved),
                   result->moved, amount);
  if (result->skipped->len > 0)
    {
      g_string_append_c (toast, ' ');
      g_string_append_printf (toast, g_dngettext (GETTEXT_PACKAGE,
                                                  "%u skipped: changed meanwhile.",
                                                  "%u skipped: changed meanwhile.",
                                                  result->skipped->len),
                              result->skipped->len);
    }
  gf_session_toast (session, toast->str);
  gf_session_notify_changed (session);
  gf_treasury_result_clear (result);
  g_free (result);
}

static void
transfer_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      gpointer          user_data)
{
  GfInvoicesPage *self = user_data;
  g_autoptr(GArray) ids = NULL;
  GfSession *session = _gf_invoices_page_get_session (self);
  gint64 count = 0, remaining = 0;
  const char *today = NULL;
  GListModel *rows = _gf_invoices_page_get_rows (self, &count, &remaining, &today);
  guint n = g_list_model_get_n_items (rows);
  GfActor actor;

  if (!g_str_equal (response, "transfer"))
    return;

  /* Exactly the invoices the person saw; the core skips any that changed since. */
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GfInvoiceItem) item = g_list_model_get_item (rows, i);
      gint64 id = gf_invoice_item_get_row (item)->id;

      g_array_append_val (ids, id);
    }
  gf_session_get_actor (session, &actor);
  gf_invoice_treasury_async (gf_session_get_db_path (session), &actor, ids, today,
                             transfer_done_cb, g_object_ref (self));
}

void
_gf_invoices_page_transfer (GfInvoicesPage *self)
{
  GtkWidget *dialog;
  g_autofree char *amount = NULL;
  g_autofree char *body = NULL;
  gint64 count = 0, remaining = 0;
  const char *today = NULL;
  GListModel *rows = _gf_invoices_page_get_rows (self, &count, &remaining, &today);

  if (g_list_model_get_n_items (rows) == 0)
    return;
  amount = gf_money_format (remaining);
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Send %ld invoice for %s?",
                                       "Send %ld invoices for %s?", (gulong) count),
                          (long) count, amount);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Send to the Trésorerie"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s\n%s", body,
                                  _("The Trésorerie will collect them; families can no longer "
                                    "pay them on the portal."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "transfer", _("_Send"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "transfer",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (transfer_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/*
 * The CSV export
 */

static void
export_progress_cb (double   fraction,
                    gpointer user_data)
{
  _gf_invoices_page_set_exporting (user_data, fraction, TRUE);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(GfInvoicesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *toast = NULL;

  _gf_invoices_page_set_exporting (self, 1.0, FALSE);
  if (!gf_invoice_export_csv_finish (res, &error))
    toast = g_strdup_printf (_("Cannot export the list: %s"), error->message);
  else
    toast = g_strdup (_("Overdue invoices exported."));
  gf_session_toast (_gf_invoices_page_get_session (self), toast);
}

static void
export_to (GfInvoicesPage *self,
           GFile          *file)
{
  gint64 count = 0, remaining = 0;
  const char *today = NULL;

  _gf_invoices_page_get_rows (self, &count, &remaining, &today);
  _gf_invoices_page_set_exporting (self, 0.0, TRUE);
  /* The page outlives the task (it holds a reference), so progress may point at it. */
  gf_invoice_export_csv_async (gf_session_get_db_path (_gf_invoices_page_get_session (self)),
                               today, file, export_progress_cb, self, NULL, export_done_cb,
                               g_object_ref (self));
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(GfInvoicesPage) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      export_to (self, file);
    }
  g_object_unref (chooser);
}

void
_gf_invoices_page_export (GfInvoicesPage *self)
{
  gint64 count = 0, remaining = 0;
  const char *today = NULL;
  const char *test_dir = g_getenv ("GUICHET_TEST_SAVE_DIR");
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  _gf_invoices_page_get_rows (self, &count, &remaining, &today);
  name = g_strdup_printf ("factures-echues-%s.csv", today);

  /* The tests write where they look, without a native dialog they cannot drive. */
  if (test_dir != NULL)
    {
      g_autofree char *path = g_build_filename (test_dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      export_to (self, file);
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Export the Overdue Invoices"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
