/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-payment-journal-view.h"

#include <glib/gi18n.h>

#include "gf-date.h"
#include "gf-db.h"
#include "gf-money.h"
#include "gf-payment-journal.h"
#include "gf-payment-record.h"

/* The régie's day: its payments by method, with subtotals, and their export. The
 * journal is read in a worker thread on a connection of its own, so a busy day does not
 * hold the window; the day shown stays until the new one arrives. */

struct _GfPaymentJournalView
{
  AdwBin        parent_instance;

  /* Template Widgets */
  GtkEntry     *date_entry;
  GtkCalendar  *calendar;
  GtkPopover   *calendar_popover;
  GtkSpinner   *load_spinner;
  GtkSpinner   *export_spinner;
  GtkButton    *export_button;
  GtkLabel     *error_label;
  GtkBox       *groups_box;
  GtkLabel     *empty_label;
  GtkLabel     *total_label;

  /* Owned References */
  GfSession    *session;
  char         *day;          /* ISO date of the journal shown */
  GCancellable *cancellable;      /* the exports */
  GCancellable *load_cancellable; /* the load under way */
  GtkNativeDialog *chooser;
};

G_DEFINE_FINAL_TYPE (GfPaymentJournalView, gf_payment_journal_view, ADW_TYPE_BIN)

static void
show_error (GfPaymentJournalView *self,
            const char           *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->date_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->date_entry), "error");
}

static GtkWidget *
make_entry_row (const GfJournalEntry *entry)
{
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GDateTime) utc = gf_timestamp_parse (entry->paid_at, NULL);
  g_autoptr(GTimeZone) paris = g_time_zone_new_identifier ("Europe/Paris");
  g_autoptr(GDateTime) local = utc != NULL && paris != NULL ? g_date_time_to_timezone (utc, paris) : NULL;
  g_autofree char *time = local != NULL ? g_date_time_format (local, "%H:%M") : g_strdup ("");
  g_autofree char *amount = gf_money_format (entry->amount_cents);
  g_autoptr(GString) subtitle = g_string_new (time);
  GtkWidget *amount_label = gtk_label_new (amount);

  g_string_append_printf (subtitle, " · %s", entry->family_reference);
  if (entry->invoices[0] != '\0')
    g_string_append_printf (subtitle, " · %s", entry->invoices);
  if (entry->bank[0] != '\0')
    g_string_append_printf (subtitle, " · %s", entry->bank);
  if (entry->reference[0] != '\0')
    g_string_append_printf (subtitle, _(" · ref. %s"), entry->reference);
  if (entry->recorded_by[0] != '\0')
    g_string_append_printf (subtitle, _(" · by %s"), entry->recorded_by);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->family_name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_widget_add_css_class (amount_label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount_label);
  return row;
}

static void
show_journal (GfPaymentJournalView *self,
              GPtrArray            *entries)
{
  GtkWidget *child;
  GtkWidget *group = NULL;
  GtkWidget *list = NULL;
  const char *method = NULL;
  g_autofree char *total = gf_money_format (gf_payment_journal_total (entries, NULL));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);

  for (guint i = 0; i < entries->len; i++)
    {
      const GfJournalEntry *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (method, entry->method) != 0)
        {
          g_autofree char *subtotal = gf_money_format (gf_payment_journal_total (entries, entry->method));
          guint count = 0;
          g_autofree char *description = NULL;

          for (guint j = i; j < entries->len; j++)
            count += g_str_equal (((GfJournalEntry *) g_ptr_array_index (entries, j))->method, entry->method);
          description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u payment, %s",
                                                      "%u payments, %s", count), count, subtotal);
          method = entry->method;
          group = adw_preferences_group_new ();
          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), gf_payment_method_label (method));
          adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
          list = gtk_list_box_new ();
          gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
          gtk_widget_add_css_class (list, "boxed-list");
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
          gtk_box_append (self->groups_box, group);
        }
      gtk_list_box_append (GTK_LIST_BOX (list), make_entry_row (entry));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), entries->len == 0);
  gtk_label_set_text (self->total_label, total);
}

/* Runs in a worker thread (gf_session_read_async); @day is ISO. */
static gpointer
read_journal (GfDb     *db,
              gpointer  day,
              GError  **error)
{
  return gf_payment_journal (db, day, error);
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GfPaymentJournalView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = gf_session_read_finish (GF_SESSION (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_stop (self->load_spinner);
  if (entries == NULL)
    {
      show_error (self, error->message);
      return;
    }
  show_journal (self, entries);
}

static void
cancel_load (GfPaymentJournalView *self)
{
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  gtk_spinner_stop (self->load_spinner);
}

static void
reload_cb (GfPaymentJournalView *self)
{
  g_autoptr(GError) error = NULL;
  GDate date;

  if (self->session == NULL)
    return;
  /* A load of the day typed before would show under the wrong date. */
  cancel_load (self);
  if (!gf_date_parse_fr (gtk_editable_get_text (GTK_EDITABLE (self->date_entry)), &date, &error))
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  g_free (self->day);
  self->day = gf_date_to_iso (&date);

  self->load_cancellable = g_cancellable_new ();
  gtk_spinner_start (self->load_spinner);
  gf_session_read_async (self->session, read_journal, g_strdup (self->day), g_free,
                         (GDestroyNotify) g_ptr_array_unref, self->load_cancellable,
                         load_cb, g_object_ref (self));
}

static void
day_selected_cb (GfPaymentJournalView *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  g_autofree char *text = g_date_time_format (day, "%d/%m/%Y");

  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), text);
  gtk_popover_popdown (self->calendar_popover);
  reload_cb (self);
}

typedef struct
{
  char *db_path;
  char *day;
  char *path;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_free (data->db_path);
  g_free (data->day);
  g_free (data->path);
  g_free (data);
}

/* Runs in a worker thread, on a connection of its own. */
static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(GfDb) db = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;

  db = gf_db_open (data->db_path, GF_DB_OPEN_READONLY, &error);
  if (db != NULL)
    entries = gf_payment_journal (db, data->day, &error);
  if (entries == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  csv = gf_payment_journal_to_csv (entries);
  if (!g_file_set_contents (data->path, csv, -1, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_int (task, entries->len);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GfPaymentJournalView) self = user_data;
  g_autoptr(GError) error = NULL;
  gssize count = g_task_propagate_int (G_TASK (result), &error);
  ExportData *data = g_task_get_task_data (G_TASK (result));
  g_autofree char *name = g_path_get_basename (data->path);
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_stop (self->export_spinner);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), TRUE);
  if (count < 0)
    message = g_strdup_printf (_("The journal could not be exported: %s"), error->message);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Journal exported to %s (%u payment)",
                                            "Journal exported to %s (%u payments)", (gulong) count),
                               name, (guint) count);
  gf_session_toast (self->session, message);
}

static void
start_export (GfPaymentJournalView *self,
              const char           *path)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data = g_new0 (ExportData, 1);

  data->db_path = g_strdup (gf_session_get_db_path (self->session));
  data->day = g_strdup (self->day);
  data->path = g_strdup (path);
  gtk_spinner_start (self->export_spinner);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);

  task = g_task_new (self, self->cancellable, export_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_export);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

static void
chooser_response_cb (GfPaymentJournalView *self,
                     int                   response,
                     GtkNativeDialog      *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        start_export (self, path);
    }
  g_clear_object (&self->chooser);
}

static void
export_cb (GfPaymentJournalView *self)
{
  const char *test_path = g_getenv ("GUICHET_TEST_EXPORT_PATH");
  g_autofree char *name = NULL;
  GtkNativeDialog *chooser;

  if (self->day == NULL)
    return;
  /* The test harness cannot drive the desktop's file chooser: it names the file. */
  if (test_path != NULL && test_path[0] != '\0')
    {
      start_export (self, test_path);
      return;
    }
  name = g_strdup_printf ("journal-%s.csv", self->day);
  chooser = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (_("Export the Journal"),
                                                            GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                            GTK_FILE_CHOOSER_ACTION_SAVE,
                                                            _("_Export"), _("_Cancel")));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (chooser, TRUE);
  g_signal_connect_swapped (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  g_clear_object (&self->chooser);
  self->chooser = chooser;
  gtk_native_dialog_show (chooser);
}

static void
gf_payment_journal_view_dispose (GObject *object)
{
  GfPaymentJournalView *self = GF_PAYMENT_JOURNAL_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->chooser);
  /* A bound template child may be the bin's own child: let go of it first, or the
   * bin unparents it again after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GF_TYPE_PAYMENT_JOURNAL_VIEW);
  g_clear_object (&self->session);
  g_clear_pointer (&self->day, g_free);

  G_OBJECT_CLASS (gf_payment_journal_view_parent_class)->dispose (object);
}

static void
gf_payment_journal_view_class_init (GfPaymentJournalViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_payment_journal_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/guichetfamilles/Guichet/gf-payment-journal-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GfPaymentJournalView, date_entry);
  gtk_widget_class_bind_template_child (widget_class, GfPaymentJournalView, calendar);
  gtk_widget_class_bind_template_child (widget_class, GfPaymentJournalView, calendar_popover);
  gtk_widget_class_bind_template_child (widget_class, GfPaymentJournalView, load_spinner);
  gtk_widget_class_bind_template_child (widget_class, GfPaymentJournalView, export_spinner);
  gtk_widget_class_bind_template_child (widget_class, GfPaymentJournalView, export_button);
  gtk_widget_class_bind_template_child (widget_class, GfPaymentJournalView, error_label);
  gtk_widget_class_bind_template_child (widget_class, GfPaymentJournalView, groups_box);
  gtk_widget_class_bind_template_child (widget_class, GfPaymentJournalView, empty_label);
  gtk_widget_class_bind_template_child (widget_class, GfPaymentJournalView, total_label);
  gtk_widget_class_bind_template_callback (widget_class, reload_cb);
  gtk_widget_class_bind_template_callback (widget_class, day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_cb);
}

static void
gf_payment_journal_view_init (GfPaymentJournalView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%d/%m/%Y");

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), today);
}

GtkWidget *
gf_payment_journal_view_new (GfSession *session)
{
  GfPaymentJournalView *self;

  g_return_val_if_fail (GF_IS_SESSION (session), NULL);

  self = g_object_new (GF_TYPE_PAYMENT_JOURNAL_VIEW, NULL);
  self->session = g_object_ref (session);
  g_signal_connect_object (session, "changed", G_CALLBACK (reload_cb), self, G_CONNECT_SWAPPED);
  reload_cb (self);
  return GTK_WIDGET (self);
}
