/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-dashboard-page.h"

#include <glib/gi18n.h>

#include "gf-db.h"
#include "gf-invoice-query.h"
#include "gf-money.h"

struct _GfDashboardPage
{
  AdwBin        parent_instance;

  /* Template Widgets */
  GtkLabel     *amount_label;
  GtkLabel     *count_label;
  GtkLabel     *error_label;

  /* Owned References */
  GCancellable *cancellable;

  gboolean      loaded;
};

G_DEFINE_FINAL_TYPE (GfDashboardPage, gf_dashboard_page, ADW_TYPE_BIN)

/*
 * Auxiliary methods
 */

/* Runs in a worker thread, on a connection of its own. */
static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *db_path = task_data;
  g_autoptr(GfDb) db = NULL;
  g_autoptr(GError) error = NULL;
  GfInvoiceTotals *totals = g_new0 (GfInvoiceTotals, 1);

  db = gf_db_open (db_path, GF_DB_OPEN_DEFAULT, &error);
  if (db == NULL || !gf_invoice_totals_by_state (db, "unpaid", totals, &error))
    {
      gf_invoice_totals_clear (totals);
      g_free (totals);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, totals, NULL);
}

/*
 * Callbacks
 */

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GfDashboardPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree GfInvoiceTotals *totals = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *count = NULL;

  totals = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loaded = TRUE;
  if (totals == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  amount = gf_money_format (totals->remaining_cents);
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu invoice", "%lu invoices",
                                        (gulong) totals->count),
                           (gulong) totals->count);
  gtk_label_set_text (self->amount_label, amount);
  gtk_label_set_text (self->count_label, count);
  gf_invoice_totals_clear (totals);
}

/*
 * GObject overrides
 */

static void
gf_dashboard_page_dispose (GObject *object)
{
  GfDashboardPage *self = GF_DASHBOARD_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), GF_TYPE_DASHBOARD_PAGE);

  G_OBJECT_CLASS (gf_dashboard_page_parent_class)->dispose (object);
}

static void
gf_dashboard_page_class_init (GfDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_dashboard_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/guichetfamilles/Guichet/gf-dashboard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GfDashboardPage, amount_label);
  gtk_widget_class_bind_template_child (widget_class, GfDashboardPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, GfDashboardPage, error_label);
}

static void
gf_dashboard_page_init (GfDashboardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/*
 * Public API
 */

void
gf_dashboard_page_load (GfDashboardPage *self,
                        const char      *db_path)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GF_IS_DASHBOARD_PAGE (self));
  g_return_if_fail (db_path != NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loaded = FALSE;

  task = g_task_new (self, self->cancellable, load_cb, g_object_ref (self));
  g_task_set_source_tag (task, gf_dashboard_page_load);
  g_task_set_task_data (task, g_strdup (db_path), g_free);
  g_task_run_in_thread (task, load_thread);
}

gboolean
gf_dashboard_page_get_loaded (GfDashboardPage *self)
{
  g_return_val_if_fail (GF_IS_DASHBOARD_PAGE (self), FALSE);

  return self->loaded;
}

const char *
gf_dashboard_page_get_unpaid_amount (GfDashboardPage *self)
{
  g_return_val_if_fail (GF_IS_DASHBOARD_PAGE (self), NULL);

  return gtk_label_get_text (self->amount_label);
}

const char *
gf_dashboard_page_get_unpaid_count (GfDashboardPage *self)
{
  g_return_val_if_fail (GF_IS_DASHBOARD_PAGE (self), NULL);

  return gtk_label_get_text (self->count_label);
}
