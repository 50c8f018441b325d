/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-payment-allocations.h"

#include <glib/gi18n.h>

#include "gf-date.h"
#include "gf-db.h"
#include "gf-money.h"

typedef struct
{
  GfPayableInvoice *invoice;
  GtkCheckButton   *check;
  GtkEntry         *amount;
} InvoiceRow;

struct _GfPaymentAllocations
{
  /* Not owned: template children of the view, which outlives this helper. */
  GtkListBox *list;
  GtkLabel   *total_label;
  GtkWidget  *default_widget;

  GPtrArray  *rows;          /* InvoiceRow */
};

/*
 * The load
 */

typedef struct
{
  char   *db_path;
  gint64  family_id;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->db_path);
  g_free (data);
}

/* Runs in a worker thread, on a connection of its own. */
static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GfDb) db = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *invoices = NULL;

  db = gf_db_open (data->db_path, GF_DB_OPEN_READONLY, &error);
  if (db != NULL)
    invoices = gf_payment_payable_invoices (db, data->family_id, &error);
  if (invoices == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, invoices, (GDestroyNotify) g_ptr_array_unref);
}

/* Reads the family's invoices left to pay (GfPayableInvoice), for
 * _gf_payment_allocations_add(). */
void
_gf_payment_allocations_load_async (const char          *db_path,
                                    gint64               family_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  LoadData *data = g_new0 (LoadData, 1);

  data->db_path = g_strdup (db_path);
  data->family_id = family_id;
  g_task_set_source_tag (task, _gf_payment_allocations_load_async);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

GPtrArray *
_gf_payment_allocations_load_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/*
 * The rows
 */

static void
invoice_row_free (InvoiceRow *row)
{
  gf_payable_invoice_free (row->invoice);
  g_free (row);
}

static void
update_total (GfPaymentAllocations *self)
{
  g_autofree char *text = NULL;
  gint64 total = 0;

  for (guint i = 0; i < self->rows->len; i++)
    {
      InvoiceRow *row = g_ptr_array_index (self->rows, i);
      gint64 cents;

      if (gtk_check_button_get_active (row->check) &&
          gf_money_parse (gtk_editable_get_text (GTK_EDITABLE (row->amount)),
                          GF_MONEY_PARSE_DEFAULT, &cents, NULL))
        total += cents;
    }
  text = gf_money_format (total);
  gtk_label_set_text (self->total_label, text);
}

static void
check_toggled_cb (GtkCheckButton       *check,
                  GfPaymentAllocations *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      InvoiceRow *row = g_ptr_array_index (self->rows, i);

      if (row->check == check)
        gtk_widget_set_sensitive (GTK_WIDGET (row->amount), gtk_check_button_get_active (check));
    }
  update_total (self);
}

static GtkWidget *
make_invoice_row (GfPaymentAllocations *self,
                  InvoiceRow           *row)
{
  GfPayableInvoice *invoice = row->invoice;
  GtkWidget *action = adw_action_row_new ();
  g_autofree char *left = gf_money_format (invoice->remaining_cents);
  g_autofree char *plain = gf_money_format_plain (invoice->remaining_cents);
  g_autofree char *due = gf_date_format_iso_fr (invoice->due_date, invoice->due_date);
  g_autofree char *subtitle = NULL;

  if (invoice->blocked != NULL)
    subtitle = g_strdup_printf (_("%s · %s left · %s"), invoice->object, left, invoice->blocked);
  else
    subtitle = g_strdup_printf (_("%s · due %s · %s left"), invoice->object, due, left);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action), invoice->number);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (action), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (action), 3);

  row->check = GTK_CHECK_BUTTON (gtk_check_button_new ());
  gtk_widget_set_valign (GTK_WIDGET (row->check), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  invoice->number, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (action), GTK_WIDGET (row->check));

  row->amount = GTK_ENTRY (gtk_entry_new ());
  gtk_editable_set_text (GTK_EDITABLE (row->amount), plain);
  gtk_editable_set_width_chars (GTK_EDITABLE (row->amount), 8);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (row->amount), 9);
  gtk_entry_set_alignment (row->amount, 1.0);
  gtk_widget_set_valign (GTK_WIDGET (row->amount), GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (GTK_WIDGET (row->amount), FALSE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row->amount), _("Amount for this invoice"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (action), GTK_WIDGET (row->amount));

  if (invoice->blocked != NULL)
    gtk_widget_set_sensitive (action, FALSE);
  else
    adw_action_row_set_activatable_widget (ADW_ACTION_ROW (action), GTK_WIDGET (row->check));

  g_signal_connect (row->check, "toggled", G_CALLBACK (check_toggled_cb), self);
  g_signal_connect_swapped (row->amount, "changed", G_CALLBACK (update_total), self);
  g_signal_connect_swapped (row->amount, "activate", G_CALLBACK (gtk_widget_activate),
                            self->default_widget);
  return action;
}

/* Enter in an amount activates default_widget (the form's record button). */
GfPaymentAllocations *
_gf_payment_allocations_new (GtkListBox *list,
                             GtkLabel   *total_label,
                             GtkWidget  *default_widget)
{
  GfPaymentAllocations *self = g_new0 (GfPaymentAllocations, 1);

  self->list = list;
  self->total_label = total_label;
  self->default_widget = default_widget;
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) invoice_row_free);
  return self;
}

void
_gf_payment_allocations_free (GfPaymentAllocations *self)
{
  g_ptr_array_unref (self->rows);
  g_free (self);
}

/* The list's placeholder is a child too, but not a row: it stays. */
void
_gf_payment_allocations_clear (GfPaymentAllocations *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL &&
         GTK_IS_LIST_BOX_ROW (child))
    gtk_list_box_remove (self->list, child);
  g_ptr_array_set_size (self->rows, 0);
  update_total (self);
}

/* Takes the invoices (GfPayableInvoice) out of @invoices, leaving it empty. */
void
_gf_payment_allocations_add (GfPaymentAllocations *self,
                             GPtrArray            *invoices)
{
  while (invoices->len > 0)
    {
      InvoiceRow *row = g_new0 (InvoiceRow, 1);

      row->invoice = g_ptr_array_steal_index (invoices, 0);
      g_ptr_array_add (self->rows, row);
      gtk_list_box_append (self->list, make_invoice_row (self, row));
    }
  update_total (self);
}

gboolean
_gf_payment_allocations_any_ticked (GfPaymentAllocations *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      InvoiceRow *row = g_ptr_array_index (self->rows, i);

      if (gtk_check_button_get_active (row->check))
        return TRUE;
    }
  return FALSE;
}

/* Returns the ticked invoices and their amounts (GfPaymentAllocation), possibly none.
 * Every unreadable amount is marked; the error names the last one. */
GArray *
_gf_payment_allocations_read (GfPaymentAllocations  *self,
                              GError               **error)
{
  g_autoptr(GArray) allocations = g_array_new (FALSE, FALSE, sizeof (GfPaymentAllocation));
  g_autoptr(GError) last_error = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    {
      InvoiceRow *row = g_ptr_array_index (self->rows, i);
      GfPaymentAllocation allocation = { row->invoice->id, 0 };
      g_autoptr(GError) local_error = NULL;

      if (!gtk_check_button_get_active (row->check))
        continue;
      if (!gf_money_parse (gtk_editable_get_text (GTK_EDITABLE (row->amount)),
                           GF_MONEY_PARSE_DEFAULT, &allocation.amount_cents, &local_error))
        {
          gtk_widget_add_css_class (GTK_WIDGET (row->amount), "error");
          g_prefix_error (&local_error, "%s : ", row->invoice->number);
          g_clear_error (&last_error);
          last_error = g_steal_pointer (&local_error);
          continue;
        }
      gtk_widget_remove_css_class (GTK_WIDGET (row->amount), "error");
      g_array_append_val (allocations, allocation);
    }
  if (last_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&last_error));
      return NULL;
    }
  return g_steal_pointer (&allocations);
}
