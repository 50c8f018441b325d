/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-invoices-page-private.h"

#include <glib/gi18n.h>

#include "gf-date.h"
#include "gf-invoice-item.h"
#include "gf-invoice-page.h"
#include "gf-invoice-tasks.h"
#include "gf-money.h"

/* The régisseur's invoices: every family's, filtered by state, month, service and family;
 * one invoice with its PDF; the overdue ones, sent to the Trésorerie or exported as CSV.
 * Queries run in worker threads (gf-invoice-tasks.c); the list reloads on the session's
 * "changed" (a payment from the portal changes what is left to pay). */

typedef enum
{
  COLUMN_NUMBER,
  COLUMN_FAMILY,
  COLUMN_ISSUE,
  COLUMN_DUE,
  COLUMN_TOTAL,
  COLUMN_REMAINING,
  COLUMN_STATE,
} Column;

/* The state drop-down's items, in its order. */
static const char * const state_codes[] = { NULL, "unpaid", "paid", "treasury", "cancelled", "draft" };

struct _GfInvoicesPage
{
  AdwBin          parent_instance;

  /* Template Widgets */
  GtkStack       *stack;
  GtkSearchEntry *search_entry;
  GtkDropDown    *state_dropdown;
  GtkDropDown    *month_dropdown;
  GtkStringList  *month_model;
  GtkDropDown    *service_dropdown;
  GtkStringList  *service_model;
  GtkToggleButton *overdue_toggle;
  GtkWidget      *treasury_bar;
  GtkButton      *transfer_button;
  GtkButton      *export_button;
  GtkProgressBar *export_progress;
  GtkLabel       *totals_label;
  GtkStack       *list_stack;
  GtkColumnView  *column_view;
  GfInvoicePage  *invoice_page;

  /* Owned References */
  GfSession      *session;
  GListStore     *store;
  GCancellable   *cancellable;
  GStrv           months;
  GPtrArray      *services;
  char           *today;

  gint64          count;
  gint64          remaining_cents;
  gboolean        filling;
  gboolean        exporting;
};

G_DEFINE_FINAL_TYPE (GfInvoicesPage, gf_invoices_page, ADW_TYPE_BIN)

/*
 * Auxiliary methods
 */

static char *
column_text (const GfInvoiceRow *row,
             Column              column)
{
  switch (column)
    {
    case COLUMN_NUMBER:
      return g_strdup (row->number);
    case COLUMN_FAMILY:
      return g_strdup_printf ("%s · %s", row->family_reference, row->family_name);
    case COLUMN_ISSUE:
      return gf_date_format_iso_fr (row->issue_date, "");
    case COLUMN_DUE:
      return gf_date_format_iso_fr (row->due_date, "");
    case COLUMN_TOTAL:
      return gf_money_format (row->total_cents);
    case COLUMN_REMAINING:
      return gf_money_format (row->remaining_cents);
    case COLUMN_STATE:
    default:
      return g_strdup (gf_invoice_list_state_label (row->state));
    }
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  if (column == COLUMN_TOTAL || column == COLUMN_REMAINING)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
      gtk_label_set_attributes (GTK_LABEL (label), attrs);
      pango_attr_list_unref (attrs);
      gtk_label_set_xalign (GTK_LABEL (label), 1);
    }
  else
    gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GfInvoiceItem *invoice = gtk_list_item_get_item (item);
  g_autofree char *text = column_text (gf_invoice_item_get_row (invoice),
                                       GPOINTER_TO_INT (user_data));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
add_column (GfInvoicesPage *self,
            const char     *title,
            Column          column,
            gboolean        expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (self->column_view, view_column);
}

static char *
month_label (const char *month)
{
  g_autoptr(GDateTime) date = NULL;
  int year = 0, number = 0;

  if (sscanf (month, "%d-%d", &year, &number) != 2 || number < 1 || number > 12)
    return g_strdup (month);
  date = g_date_time_new_utc (year, number, 1, 0, 0, 0);
  return g_date_time_format (date, "%B %Y");
}

/* Fills the month and service drop-downs, keeping what was chosen. */
static void
fill_options (GfInvoicesPage      *self,
              GfInvoiceListResult *result)
{
  guint month = gtk_drop_down_get_selected (self->month_dropdown);
  guint service = gtk_drop_down_get_selected (self->service_dropdown);
  g_autofree char *old_month = NULL;
  gint64 old_service = 0;
  guint n;

  if (self->months != NULL && month > 0 && month <= g_strv_length (self->months))
    old_month = g_strdup (self->months[month - 1]);
  if (self->services != NULL && service > 0 && service <= self->services->len)
    old_service = ((GfInvoiceService *) g_ptr_array_index (self->services, service - 1))->id;

  self->filling = TRUE;
  g_strfreev (self->months);
  self->months = g_steal_pointer (&result->months);
  g_clear_pointer (&self->services, g_ptr_array_unref);
  self->services = g_steal_pointer (&result->services);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->month_model));
  gtk_string_list_splice (self->month_model, 0, n, NULL);
  gtk_string_list_append (self->month_model, _("All months"));
  month = 0;
  for (guint i = 0; self->months[i] != NULL; i++)
    {
      g_autofree char *label = month_label (self->months[i]);

      gtk_string_list_append (self->month_model, label);
      if (g_strcmp0 (old_month, self->months[i]) == 0)
        month = i + 1;
    }
  gtk_drop_down_set_selected (self->month_dropdown, month);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->service_model));
  gtk_string_list_splice (self->service_model, 0, n, NULL);
  gtk_string_list_append (self->service_model, _("All services"));
  service = 0;
  for (guint i = 0; i < self->services->len; i++)
    {
      GfInvoiceService *item = g_ptr_array_index (self->services, i);

      gtk_string_list_append (self->service_model, item->name);
      if (item->id == old_service)
        service = i + 1;
    }
  gtk_drop_down_set_selected (self->service_dropdown, service);
  self->filling = FALSE;
}

static void
show_totals (GfInvoicesPage      *self,
             GfInvoiceListResult *result)
{
  g_autofree char *total = gf_money_format (result->total_cents);
  g_autofree char *remaining = gf_money_format (result->remaining_cents);
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                             "%ld invoice · %s · left to pay %s",
                                             "%ld invoices · %s · left to pay %s",
                                             (gulong) result->count),
                          (long) result->count, total, remaining);
  if ((gint64) result->rows->len < result->count)
    {
      g_string_append (text, " — ");
      g_string_append_printf (text, _("the first %u are listed, narrow the filters to see the others"),
                              result->rows->len);
    }
  gtk_label_set_text (self->totals_label, text->str);
}

static void
load_cb (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(GfInvoicesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfInvoiceListResult) result = gf_invoice_list_load_finish (res, &error);
  g_autoptr(GPtrArray) items = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (result == NULL)
    {
      gtk_label_set_text (self->totals_label, error->message);
      return;
    }

  if (result->months != NULL)
    fill_options (self, result);
  self->count = result->count;
  self->remaining_cents = result->remaining_cents;
  show_totals (self, result);

  items = g_ptr_array_new_full (result->rows->len, g_object_unref);
  for (guint i = 0; i < result->rows->len; i++)
    g_ptr_array_add (items, gf_invoice_item_new (g_steal_pointer (&result->rows->pdata[i])));
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);
  gtk_stack_set_visible_child_name (self->list_stack, items->len > 0 ? "list" : "empty");
  gtk_widget_set_sensitive (GTK_WIDGET (self->transfer_button), items->len > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), items->len > 0 && !self->exporting);
}

static void
reload (GfInvoicesPage *self,
        gboolean        with_options)
{
  guint state = gtk_drop_down_get_selected (self->state_dropdown);
  guint month = gtk_drop_down_get_selected (self->month_dropdown);
  guint service = gtk_drop_down_get_selected (self->service_dropdown);
  gboolean overdue = gtk_toggle_button_get_active (self->overdue_toggle);
  GfInvoiceFilter filter = { 0 };

  if (!overdue && state < G_N_ELEMENTS (state_codes))
    filter.state = state_codes[state];
  if (self->months != NULL && month > 0 && month <= g_strv_length (self->months))
    filter.month = self->months[month - 1];
  if (self->services != NULL && service > 0 && service <= self->services->len)
    filter.service_id = ((GfInvoiceService *) g_ptr_array_index (self->services, service - 1))->id;
  filter.search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  filter.overdue_only = overdue;
  filter.today = self->today;

  gtk_widget_set_sensitive (GTK_WIDGET (self->state_dropdown), !overdue);
  gtk_widget_set_visible (self->treasury_bar, overdue);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gf_invoice_list_load_async (gf_session_get_db_path (self->session), &filter, with_options,
                              self->cancellable, load_cb, g_object_ref (self));
}

/*
 * Callbacks
 */

static void
filter_changed_cb (GfInvoicesPage *self)
{
  if (!self->filling && self->session != NULL)
    reload (self, FALSE);
}

static void
row_activated_cb (GfInvoicesPage *self,
                  guint           position)
{
  g_autoptr(GfInvoiceItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), position);

  if (item != NULL)
    gf_invoices_page_show_invoice (self, gf_invoice_item_get_row (item)->id);
}

static void
back_clicked_cb (GfInvoicesPage *self)
{
  gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
transfer_clicked_cb (GfInvoicesPage *self)
{
  _gf_invoices_page_transfer (self);
}

static void
export_clicked_cb (GfInvoicesPage *self)
{
  _gf_invoices_page_export (self);
}

static void
session_changed_cb (GfInvoicesPage *self)
{
  reload (self, TRUE);
  if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "invoice") &&
      gf_invoice_page_get_id (self->invoice_page) > 0)
    gf_invoice_page_load (self->invoice_page, gf_invoice_page_get_id (self->invoice_page));
}

/*
 * GObject overrides
 */

static void
gf_invoices_page_dispose (GObject *object)
{
  GfInvoicesPage *self = GF_INVOICES_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->store);
  g_clear_pointer (&self->months, g_strfreev);
  g_clear_pointer (&self->services, g_ptr_array_unref);
  g_clear_pointer (&self->today, g_free);
  /* A bound template child may be the bin's own child: let go of it first, or the
   * bin unparents it again after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GF_TYPE_INVOICES_PAGE);

  G_OBJECT_CLASS (gf_invoices_page_parent_class)->dispose (object);
}

static void
gf_invoices_page_class_init (GfInvoicesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_invoices_page_dispose;

  g_type_ensure (GF_TYPE_INVOICE_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/guichetfamilles/Guichet/gf-invoices-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GfInvoicesPage, stack);
  gtk_widget_class_bind_template_child_full (widget_class, "invoice_search", FALSE,
                                             G_STRUCT_OFFSET (GfInvoicesPage, search_entry));
  gtk_widget_class_bind_template_child (widget_class, GfInvoicesPage, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GfInvoicesPage, month_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GfInvoicesPage, month_model);
  gtk_widget_class_bind_template_child (widget_class, GfInvoicesPage, service_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GfInvoicesPage, service_model);
  gtk_widget_class_bind_template_child (widget_class, GfInvoicesPage, overdue_toggle);
  gtk_widget_class_bind_template_child (widget_class, GfInvoicesPage, treasury_bar);
  gtk_widget_class_bind_template_child (widget_class, GfInvoicesPage, transfer_button);
  gtk_widget_class_bind_template_child (widget_class, GfInvoicesPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, GfInvoicesPage, export_progress);
  gtk_widget_class_bind_template_child (widget_class, GfInvoicesPage, totals_label);
  gtk_widget_class_bind_template_child (widget_class, GfInvoicesPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, GfInvoicesPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, GfInvoicesPage, invoice_page);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, transfer_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
}

static void
gf_invoices_page_init (GfInvoicesPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GtkSingleSelection) selection = NULL;
  const char *today = g_getenv ("GUICHET_TODAY");

  gtk_widget_init_template (GTK_WIDGET (self));

  /* GUICHET_TODAY pins "today" for the tests, whose demo town is dated. */
  self->today = today != NULL ? g_strdup (today) : g_date_time_format (now, "%Y-%m-%d");
  self->store = g_list_store_new (GF_TYPE_INVOICE_ITEM);
  selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->store)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  add_column (self, _("Number"), COLUMN_NUMBER, FALSE);
  add_column (self, _("Family"), COLUMN_FAMILY, TRUE);
  add_column (self, _("Issued"), COLUMN_ISSUE, FALSE);
  add_column (self, _("Due"), COLUMN_DUE, FALSE);
  add_column (self, _("Amount"), COLUMN_TOTAL, FALSE);
  add_column (self, _("Left to Pay"), COLUMN_REMAINING, FALSE);
  add_column (self, _("State"), COLUMN_STATE, FALSE);
}

/*
 * Internal API for gf-invoices-page-treasury.c
 */

GfSession *
_gf_invoices_page_get_session (GfInvoicesPage *self)
{
  return self->session;
}

GListModel *
_gf_invoices_page_get_rows (GfInvoicesPage *self,
                            gint64         *out_count,
                            gint64         *out_remaining_cents,
                            const char    **out_today)
{
  *out_count = self->count;
  *out_remaining_cents = self->remaining_cents;
  *out_today = self->today;
  return G_LIST_MODEL (self->store);
}

void
_gf_invoices_page_set_exporting (GfInvoicesPage *self,
                                 double          fraction,
                                 gboolean        exporting)
{
  self->exporting = exporting;
  gtk_widget_set_visible (GTK_WIDGET (self->export_progress), exporting);
  gtk_progress_bar_set_fraction (self->export_progress, fraction);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), !exporting);
}

/*
 * Public API
 */

GtkWidget *
gf_invoices_page_new (GfSession *session)
{
  GfInvoicesPage *self;

  g_return_val_if_fail (GF_IS_SESSION (session), NULL);

  self = g_object_new (GF_TYPE_INVOICES_PAGE, NULL);
  self->session = g_object_ref (session);
  gf_invoice_page_set_session (self->invoice_page, session);
  g_signal_connect_object (session, "changed", G_CALLBACK (session_changed_cb), self,
                           G_CONNECT_SWAPPED);
  reload (self, TRUE);
  return GTK_WIDGET (self);
}

/* Shows one invoice: from the list, the global search or another page. */
void
gf_invoices_page_show_invoice (GfInvoicesPage *self,
                               gint64          invoice_id)
{
  g_return_if_fail (GF_IS_INVOICES_PAGE (self));

  gf_invoice_page_load (self->invoice_page, invoice_id);
  gtk_stack_set_visible_child_name (self->stack, "invoice");
}
