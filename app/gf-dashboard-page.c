/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-dashboard-page.h"

#include <glib/gi18n.h>

#include "gf-collections-chart.h"
#include "gf-dashboard-figures.h"
#include "gf-db.h"
#include "gf-money.h"

/* The first page after login: what waits for the staff, each figure a row that opens its
 * section, and the collections of the last twelve months.
 *
 * Money (unpaid invoices, this month's collections, PayFiP payments in progress, the
 * chart) is shown to the régisseur and the administrator only: the agent has no invoice
 * or payment section to act on them, and the town's takings are not the front desk's
 * business. Documents and messages are the agent's daily work: everyone sees them.
 * The figures are read in a worker thread on a connection of its own, again whenever
 * the session says the database changed. */

#define CHART_MONTHS 12

struct _GfDashboardPage
{
  AdwBin              parent_instance;

  /* Template Widgets */
  AdwActionRow       *unpaid_row;
  AdwActionRow       *collected_row;
  AdwActionRow       *payfip_row;
  AdwActionRow       *documents_row;
  AdwActionRow       *messages_row;
  GtkLabel           *amount_label;
  GtkLabel           *count_label;
  GtkLabel           *collected_label;
  GtkLabel           *payfip_label;
  GtkLabel           *documents_label;
  GtkLabel           *messages_label;
  AdwPreferencesGroup *chart_group;
  GfCollectionsChart *chart;
  GtkLabel           *error_label;

  /* Owned References */
  GfSession          *session;
  GCancellable       *cancellable;

  gboolean            loaded;
};

G_DEFINE_FINAL_TYPE (GfDashboardPage, gf_dashboard_page, ADW_TYPE_BIN)

enum {
  SIGNAL_SHOW_SECTION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  char  *db_path;
  GDate  today;
} LoadData;

typedef struct
{
  GfDashboardFigures figures;
  gint64             months[CHART_MONTHS];
  GDate              first_month;
} LoadResult;

static void
load_data_free (LoadData *data)
{
  g_free (data->db_path);
  g_free (data);
}

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
  LoadData *data = task_data;
  g_autoptr(GfDb) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree LoadResult *result = g_new0 (LoadResult, 1);

  db = gf_db_open (data->db_path, GF_DB_OPEN_DEFAULT, &error);
  if (db == NULL ||
      !gf_dashboard_figures_load (db, &data->today, &result->figures, &error) ||
      !gf_dashboard_collections_by_month (db, &data->today, CHART_MONTHS, result->months, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  gf_dashboard_month_start (&data->today, CHART_MONTHS - 1, &result->first_month);
  g_task_return_pointer (task, g_steal_pointer (&result), g_free);
}

static void
set_count (GtkLabel *label,
           gint64    count)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, count);

  gtk_label_set_text (label, text);
}

static void
show_figures (GfDashboardPage  *self,
              const LoadResult *result)
{
  const GfDashboardFigures *f = &result->figures;
  g_autofree char *amount = gf_money_format (f->unpaid_cents);
  g_autofree char *collected = gf_money_format (f->collected_month_cents);
  g_autofree char *count = NULL;
  g_autofree char *payfip = NULL;

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu invoice", "%lu invoices",
                                        (gulong) f->unpaid_count),
                           (gulong) f->unpaid_count);
  gtk_label_set_text (self->amount_label, amount);
  gtk_label_set_text (self->count_label, count);
  gtk_label_set_text (self->collected_label, collected);

  set_count (self->payfip_label, f->payfip_created + f->payfip_pending);
  /* TRANSLATORS: PayFiP operations: created (the family is on PayFiP's page), pending
   * (PayFiP has not given the outcome yet) */
  payfip = g_strdup_printf (_("%lu started, %lu awaiting PayFiP's answer"),
                            (gulong) f->payfip_created, (gulong) f->payfip_pending);
  adw_action_row_set_subtitle (self->payfip_row, payfip);

  set_count (self->documents_label, f->documents_pending);
  set_count (self->messages_label, f->messages_unread);

  gf_collections_chart_set_months (self->chart, &result->first_month, result->months,
                                   CHART_MONTHS);
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
  g_autofree LoadResult *loaded = NULL;

  loaded = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loaded = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), loaded == NULL);
  if (loaded == NULL)
    {
      g_warning ("Cannot read the dashboard's figures: %s", error->message);
      gtk_label_set_text (self->error_label,
                          _("The figures cannot be read from the database right now."));
      return;
    }
  show_figures (self, loaded);
}

static void
row_activated_cb (GfDashboardPage *self,
                  AdwActionRow    *row)
{
  if (row == self->unpaid_row)
    gf_dashboard_page_show_section (self, "invoices");
  else if (row == self->collected_row || row == self->payfip_row)
    gf_dashboard_page_show_section (self, "payments");
  else if (row == self->documents_row)
    gf_dashboard_page_show_section (self, "documents");
  else if (row == self->messages_row)
    gf_dashboard_page_show_section (self, "messages");
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
  /* A bound template child may be the bin's own child: let go of it first, or the
   * bin unparents it again after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GF_TYPE_DASHBOARD_PAGE);

  G_OBJECT_CLASS (gf_dashboard_page_parent_class)->dispose (object);
}

static void
gf_dashboard_page_finalize (GObject *object)
{
  GfDashboardPage *self = GF_DASHBOARD_PAGE (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (gf_dashboard_page_parent_class)->finalize (object);
}

static void
gf_dashboard_page_class_init (GfDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_dashboard_page_dispose;
  object_class->finalize = gf_dashboard_page_finalize;

  /**
   * GfDashboardPage::show-section:
   * @name: the sidebar page to show ("invoices", "payments", "documents", "messages")
   *
   * A figure was activated; the window shows its section.
   */
  signals[SIGNAL_SHOW_SECTION] = g_signal_new ("show-section", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (GF_TYPE_COLLECTIONS_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/guichetfamilles/Guichet/gf-dashboard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GfDashboardPage, unpaid_row);
  gtk_widget_class_bind_template_child (widget_class, GfDashboardPage, collected_row);
  gtk_widget_class_bind_template_child (widget_class, GfDashboardPage, payfip_row);
  gtk_widget_class_bind_template_child (widget_class, GfDashboardPage, documents_row);
  gtk_widget_class_bind_template_child (widget_class, GfDashboardPage, messages_row);
  gtk_widget_class_bind_template_child (widget_class, GfDashboardPage, amount_label);
  gtk_widget_class_bind_template_child (widget_class, GfDashboardPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, GfDashboardPage, collected_label);
  gtk_widget_class_bind_template_child (widget_class, GfDashboardPage, payfip_label);
  gtk_widget_class_bind_template_child (widget_class, GfDashboardPage, documents_label);
  gtk_widget_class_bind_template_child (widget_class, GfDashboardPage, messages_label);
  gtk_widget_class_bind_template_child (widget_class, GfDashboardPage, chart_group);
  gtk_widget_class_bind_template_child (widget_class, GfDashboardPage, chart);
  gtk_widget_class_bind_template_child (widget_class, GfDashboardPage, error_label);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
gf_dashboard_page_init (GfDashboardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/*
 * Public API
 */

GtkWidget *
gf_dashboard_page_new (GfSession *session)
{
  GfDashboardPage *self;
  gboolean money;

  g_return_val_if_fail (GF_IS_SESSION (session), NULL);

  self = g_object_new (GF_TYPE_DASHBOARD_PAGE, NULL);
  self->session = g_object_ref (session);

  money = gf_session_has_role (session, GF_STAFF_ROLE_REGISSEUR);
  gtk_widget_set_visible (GTK_WIDGET (self->unpaid_row), money);
  gtk_widget_set_visible (GTK_WIDGET (self->collected_row), money);
  gtk_widget_set_visible (GTK_WIDGET (self->payfip_row), money);
  gtk_widget_set_visible (GTK_WIDGET (self->chart_group), money);

  g_signal_connect_object (session, "changed", G_CALLBACK (gf_dashboard_page_reload), self,
                           G_CONNECT_SWAPPED);
  gf_dashboard_page_reload (self);
  return GTK_WIDGET (self);
}

/* Reads the figures again; the ones shown stay until the new ones arrive. */
void
gf_dashboard_page_reload (GfDashboardPage *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  LoadData *data;

  g_return_if_fail (GF_IS_DASHBOARD_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  data = g_new0 (LoadData, 1);
  data->db_path = g_strdup (gf_session_get_db_path (self->session));
  g_date_clear (&data->today, 1);
  g_date_set_dmy (&data->today, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));

  task = g_task_new (self, self->cancellable, load_cb, g_object_ref (self));
  g_task_set_source_tag (task, gf_dashboard_page_reload);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

/* Asks the window for a sidebar section, as activating a figure does. */
void
gf_dashboard_page_show_section (GfDashboardPage *self,
                                const char      *name)
{
  g_return_if_fail (GF_IS_DASHBOARD_PAGE (self));
  g_return_if_fail (name != NULL);

  g_signal_emit (self, signals[SIGNAL_SHOW_SECTION], 0, name);
}

/* TRUE once the first figures arrived (or failed to). */
gboolean
gf_dashboard_page_get_loaded (GfDashboardPage *self)
{
  g_return_val_if_fail (GF_IS_DASHBOARD_PAGE (self), FALSE);

  return self->loaded;
}

/* As the label holds it, even when the role does not show it. */
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
