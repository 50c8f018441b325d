/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-payment-record-view.h"

#include <glib/gi18n.h>

#include "gf-date.h"
#include "gf-db.h"
#include "gf-money.h"
#include "gf-payment-allocations.h"
#include "gf-payment-record.h"
#include "gf-search.h"
#include "gf-validate.h"

/* The counter's form: one family, one payment, spread over its invoices. The family
 * search and the family's invoices are read in a worker thread on a connection of
 * their own, so that a large database does not hold the window; a new search or load
 * cancels the one under way. The invoices' load, rows and total are in
 * gf-payment-allocations.c. */

static const char *methods[] = { "cash", "cheque", "cesu", "transfer" };

struct _GfPaymentRecordView
{
  AdwBin          parent_instance;

  /* Template Widgets */
  GtkSearchEntry *family_search;
  GtkListBox     *family_list;
  GtkSpinner     *family_spinner;
  AdwActionRow   *family_row;
  AdwComboRow    *method_row;
  AdwEntryRow    *date_row;
  GtkLabel       *date_error;
  AdwEntryRow    *amount_row;
  GtkLabel       *amount_error;
  AdwEntryRow    *bank_row;
  GtkLabel       *bank_error;
  AdwEntryRow    *reference_row;
  GtkLabel       *reference_error;
  GtkListBox     *invoice_list;
  GtkLabel       *invoice_placeholder;
  GtkSpinner     *invoice_spinner;
  GtkLabel       *total_label;
  GtkLabel       *form_error;
  GtkButton      *record_button;

  /* Owned References */
  GfSession      *session;
  GCancellable   *search_cancellable;
  GCancellable   *invoices_cancellable;
  GfPaymentAllocations *allocations;

  gint64          family_id;
};

G_DEFINE_FINAL_TYPE (GfPaymentRecordView, gf_payment_record_view, ADW_TYPE_BIN)

static const char *
current_method (GfPaymentRecordView *self)
{
  guint selected = adw_combo_row_get_selected (self->method_row);

  return selected < G_N_ELEMENTS (methods) ? methods[selected] : "cash";
}

/* A field's error sits under it and marks its row; nothing is saved meanwhile. */
static void
set_field_error (GtkWidget  *row,
                 GtkLabel   *label,
                 const char *message)
{
  gtk_label_set_text (label, message != NULL ? message : "");
  /* The label sits in a row of its own, right under the field's row. */
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (label)), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

static void
clear_errors (GfPaymentRecordView *self)
{
  set_field_error (GTK_WIDGET (self->date_row), self->date_error, NULL);
  set_field_error (GTK_WIDGET (self->amount_row), self->amount_error, NULL);
  set_field_error (GTK_WIDGET (self->bank_row), self->bank_error, NULL);
  set_field_error (GTK_WIDGET (self->reference_row), self->reference_error, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->form_error), FALSE);
}

static void
show_form_error (GfPaymentRecordView *self,
                 const char          *message)
{
  gtk_label_set_text (self->form_error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->form_error), TRUE);
}

typedef struct
{
  char *db_path;
  char *text;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->db_path);
  g_free (data->text);
  g_free (data);
}

static LoadData *
load_data_new (GfPaymentRecordView *self)
{
  LoadData *data = g_new0 (LoadData, 1);

  data->db_path = g_strdup (gf_session_get_db_path (self->session));
  return data;
}

/* Cancels the load under way, if any, and gives a cancellable for the next. */
static GCancellable *
restart (GCancellable **cancellable)
{
  g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
  *cancellable = g_cancellable_new ();
  return *cancellable;
}

static void
invoices_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GfPaymentRecordView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) invoices = _gf_payment_allocations_load_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_stop (self->invoice_spinner);
  gtk_widget_set_sensitive (GTK_WIDGET (self->record_button), TRUE);
  if (invoices == NULL)
    {
      gtk_label_set_text (self->invoice_placeholder, error->message);
      show_form_error (self, error->message);
      return;
    }
  gtk_label_set_text (self->invoice_placeholder, _("This family has no invoice left to pay."));
  _gf_payment_allocations_add (self->allocations, invoices);
}

/* The form's rows go at once (their ticks no longer mean anything); nothing can be
 * recorded until the family's invoices are back. */
static void
load_invoices (GfPaymentRecordView *self)
{
  GCancellable *cancellable;

  _gf_payment_allocations_clear (self->allocations);
  cancellable = restart (&self->invoices_cancellable);
  if (self->family_id == 0)
    return;

  gtk_label_set_text (self->invoice_placeholder, _("Loading the invoices…"));
  gtk_spinner_start (self->invoice_spinner);
  gtk_widget_set_sensitive (GTK_WIDGET (self->record_button), FALSE);
  _gf_payment_allocations_load_async (gf_session_get_db_path (self->session), self->family_id,
                                      cancellable, invoices_cb, g_object_ref (self));
}

/* Runs in a worker thread, on a connection of its own. */
static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GfDb) db = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *families = NULL;

  db = gf_db_open (data->db_path, GF_DB_OPEN_READONLY, &error);
  if (db != NULL)
    families = gf_family_search (db, data->text, GF_SEARCH_DEFAULT, 8, &error);
  if (families == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, families, (GDestroyNotify) g_ptr_array_unref);
}

static void
clear_families (GfPaymentRecordView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->family_list))) != NULL)
    gtk_list_box_remove (self->family_list, child);
}

/* The families found replace the ones shown only now, so that the list does not
 * flicker at each key. */
static void
search_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GfPaymentRecordView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) families = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_stop (self->family_spinner);
  clear_families (self);
  if (families == NULL)
    g_warning ("Cannot search the families: %s", error->message);
  for (guint i = 0; families != NULL && i < families->len; i++)
    {
      GfFamily *family = g_ptr_array_index (families, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     family->display_name != NULL ? family->display_name : family->reference);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), family->reference);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "family-id", GINT_TO_POINTER ((int) family->id));
      gtk_list_box_append (self->family_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->family_list), families != NULL && families->len > 0);
}

static void
family_search_changed_cb (GfPaymentRecordView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->family_search));
  g_autoptr(GTask) task = NULL;
  GCancellable *cancellable = restart (&self->search_cancellable);
  LoadData *data;

  if (g_utf8_strlen (text, -1) < 2)
    {
      gtk_spinner_stop (self->family_spinner);
      clear_families (self);
      gtk_widget_set_visible (GTK_WIDGET (self->family_list), FALSE);
      return;
    }
  gtk_spinner_start (self->family_spinner);
  data = load_data_new (self);
  data->text = g_strdup (text);
  task = g_task_new (self, cancellable, search_cb, g_object_ref (self));
  g_task_set_source_tag (task, family_search_changed_cb);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, search_thread);
}

static void
family_activated_cb (GfPaymentRecordView *self,
                     GtkListBoxRow       *row)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->family_row),
                                 adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->family_row),
                               adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
  self->family_id = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "family-id"));
  gtk_editable_set_text (GTK_EDITABLE (self->family_search), "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->record_button), TRUE);
  clear_errors (self);
  load_invoices (self);
}

static void
method_changed_cb (GfPaymentRecordView *self)
{
  const char *method = current_method (self);
  gboolean cheque = g_str_equal (method, "cheque");

  gtk_widget_set_visible (GTK_WIDGET (self->bank_row), cheque);
  gtk_widget_set_visible (GTK_WIDGET (self->reference_row), !g_str_equal (method, "cash"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reference_row),
                                 cheque ? _("Cheque _number") : _("_Reference"));
  set_field_error (GTK_WIDGET (self->bank_row), self->bank_error, NULL);
  set_field_error (GTK_WIDGET (self->reference_row), self->reference_error, NULL);
}

static gboolean
is_blank (const char *text)
{
  g_autofree char *copy = g_strdup (text);

  return g_strstrip (copy)[0] == '\0';
}

static void
reset_date (GfPaymentRecordView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%d/%m/%Y");

  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
}

/* Checks every field, shows each error next to its field, and only then asks the core,
 * whose refusals (over-payment, locked invoice…) are shown above the button. */
static void
record_cb (GfPaymentRecordView *self)
{
  const char *method = current_method (self);
  g_autoptr(GArray) allocations = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *paid_on = NULL;
  g_autofree char *formatted = NULL;
  g_autofree char *toast = NULL;
  const char *bank = gtk_editable_get_text (GTK_EDITABLE (self->bank_row));
  const char *reference = gtk_editable_get_text (GTK_EDITABLE (self->reference_row));
  GfPaymentInput input = { 0 };
  GfActor actor;
  gboolean ok = TRUE;
  GDate date;

  /* Enter in a field reaches here too: not while the invoices are on their way. */
  if (self->family_id == 0 || !gtk_widget_get_sensitive (GTK_WIDGET (self->record_button)))
    return;
  clear_errors (self);

  if (!gf_date_parse_fr (gtk_editable_get_text (GTK_EDITABLE (self->date_row)), &date, &error))
    {
      set_field_error (GTK_WIDGET (self->date_row), self->date_error, error->message);
      g_clear_error (&error);
      ok = FALSE;
    }
  else
    paid_on = gf_date_to_iso (&date);
  if (!gf_money_parse (gtk_editable_get_text (GTK_EDITABLE (self->amount_row)),
                       GF_MONEY_PARSE_DEFAULT, &input.amount_cents, &error))
    {
      set_field_error (GTK_WIDGET (self->amount_row), self->amount_error, error->message);
      g_clear_error (&error);
      ok = FALSE;
    }
  else if (input.amount_cents <= 0)
    {
      set_field_error (GTK_WIDGET (self->amount_row), self->amount_error,
                       _("The amount must be more than 0,00 €."));
      ok = FALSE;
    }
  if (g_str_equal (method, "cheque") && is_blank (bank))
    {
      set_field_error (GTK_WIDGET (self->bank_row), self->bank_error, _("Enter the bank of the cheque."));
      ok = FALSE;
    }
  if (g_str_equal (method, "cheque") && is_blank (reference))
    {
      set_field_error (GTK_WIDGET (self->reference_row), self->reference_error,
                       _("Enter the cheque number."));
      ok = FALSE;
    }

  allocations = _gf_payment_allocations_read (self->allocations, &error);
  if (allocations == NULL)
    {
      show_form_error (self, error->message);
      g_clear_error (&error);
      ok = FALSE;
    }
  if (!ok)
    return;

  input.family_id = self->family_id;
  input.method = method;
  input.paid_on = paid_on;
  input.bank = g_str_equal (method, "cheque") ? bank : NULL;
  input.reference = g_str_equal (method, "cash") ? NULL : reference;
  gf_session_get_actor (self->session, &actor);
  if (!gf_payment_record (gf_session_get_db (self->session), &actor, &input,
                          (GfPaymentAllocation *) allocations->data, allocations->len, NULL, &error))
    {
      show_form_error (self, error->message);
      return;
    }

  formatted = gf_money_format (input.amount_cents);
  toast = g_strdup_printf (_("Payment of %s recorded"), formatted);
  gf_session_toast (self->session, toast);
  gtk_editable_set_text (GTK_EDITABLE (self->amount_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->bank_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->reference_row), "");
  load_invoices (self);
  gf_session_notify_changed (self->session);
}

/* Another payment (here or on the portal) may have paid or locked an invoice shown. */
static void
session_changed_cb (GfPaymentRecordView *self)
{
  if (self->family_id == 0)
    return;
  if (_gf_payment_allocations_any_ticked (self->allocations))
    return;   /* never pull the form from under the person typing */
  load_invoices (self);
}

static void
gf_payment_record_view_dispose (GObject *object)
{
  GfPaymentRecordView *self = GF_PAYMENT_RECORD_VIEW (object);

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  g_cancellable_cancel (self->invoices_cancellable);
  g_clear_object (&self->invoices_cancellable);
  /* A bound template child may be the bin's own child: let go of it first, or the
   * bin unparents it again after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), GF_TYPE_PAYMENT_RECORD_VIEW);
  g_clear_pointer (&self->allocations, _gf_payment_allocations_free);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (gf_payment_record_view_parent_class)->dispose (object);
}

static void
gf_payment_record_view_class_init (GfPaymentRecordViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_payment_record_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/guichetfamilles/Guichet/gf-payment-record-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GfPaymentRecordView, family_search);
  gtk_widget_class_bind_template_child (widget_class, GfPaymentRecordView, family_list);
  gtk_widget_class_bind_template_child (widget_class, GfPaymentRecordView, family_spinner);
  gtk_widget_class_bind_template_child (widget_class, GfPaymentRecordView, family_row);
  gtk_widget_class_bind_template_child (widget_class, GfPaymentRecordView, method_row);
  gtk_widget_class_bind_template_child (widget_class, GfPaymentRecordView, date_row);
  gtk_widget_class_bind_template_child (widget_class, GfPaymentRecordView, date_error);
  gtk_widget_class_bind_template_child (widget_class, GfPaymentRecordView, amount_row);
  gtk_widget_class_bind_template_child (widget_class, GfPaymentRecordView, amount_error);
  gtk_widget_class_bind_template_child (widget_class, GfPaymentRecordView, bank_row);
  gtk_widget_class_bind_template_child (widget_class, GfPaymentRecordView, bank_error);
  gtk_widget_class_bind_template_child (widget_class, GfPaymentRecordView, reference_row);
  gtk_widget_class_bind_template_child (widget_class, GfPaymentRecordView, reference_error);
  gtk_widget_class_bind_template_child (widget_class, GfPaymentRecordView, invoice_list);
  gtk_widget_class_bind_template_child (widget_class, GfPaymentRecordView, invoice_placeholder);
  gtk_widget_class_bind_template_child (widget_class, GfPaymentRecordView, invoice_spinner);
  gtk_widget_class_bind_template_child (widget_class, GfPaymentRecordView, total_label);
  gtk_widget_class_bind_template_child (widget_class, GfPaymentRecordView, form_error);
  gtk_widget_class_bind_template_child (widget_class, GfPaymentRecordView, record_button);
  gtk_widget_class_bind_template_callback (widget_class, family_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, family_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, method_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, record_cb);
}

static void
gf_payment_record_view_init (GfPaymentRecordView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->allocations = _gf_payment_allocations_new (self->invoice_list, self->total_label,
                                                   GTK_WIDGET (self->record_button));
  reset_date (self);
  method_changed_cb (self);
}

GtkWidget *
gf_payment_record_view_new (GfSession *session)
{
  GfPaymentRecordView *self;

  g_return_val_if_fail (GF_IS_SESSION (session), NULL);

  self = g_object_new (GF_TYPE_PAYMENT_RECORD_VIEW, NULL);
  self->session = g_object_ref (session);
  g_signal_connect_object (session, "changed", G_CALLBACK (session_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}
