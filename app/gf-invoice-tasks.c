/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-invoice-tasks.h"

/*
 * The list
 */

typedef struct
{
  char            *db_path;
  char            *state;
  char            *month;
  char            *search;
  char            *today;
  GfInvoiceFilter  filter;      /* points into the strings above */
  gboolean         with_options;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->db_path);
  g_free (data->state);
  g_free (data->month);
  g_free (data->search);
  g_free (data->today);
  g_free (data);
}

void
gf_invoice_list_result_free (GfInvoiceListResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->rows, g_ptr_array_unref);
  g_clear_pointer (&result->months, g_strfreev);
  g_clear_pointer (&result->services, g_ptr_array_unref);
  g_free (result);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GfInvoiceListResult) result = g_new0 (GfInvoiceListResult, 1);
  g_autoptr(GfDb) db = NULL;
  g_autoptr(GError) error = NULL;
  /* The overdue view lists them all: they are what the transfer moves. */
  guint limit = data->filter.overdue_only ? G_MAXINT : GF_INVOICE_LIST_MAX_ROWS;

  db = gf_db_open (data->db_path, GF_DB_OPEN_DEFAULT, &error);
  if (db == NULL ||
      !gf_invoice_list_totals (db, &data->filter, &result->count, &result->total_cents,
                               &result->remaining_cents, &error) ||
      (result->rows = gf_invoice_list_query (db, &data->filter, limit, &error)) == NULL ||
      (data->with_options &&
       ((result->months = gf_invoice_list_months (db, &error)) == NULL ||
        (result->services = gf_invoice_list_services (db, &error)) == NULL)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&result),
                         (GDestroyNotify)gf_invoice_list_result_free);
}

void
gf_invoice_list_load_async (const char             *db_path,
                            const GfInvoiceFilter  *filter,
                            gboolean                with_options,
                            GCancellable           *cancellable,
                            GAsyncReadyCallback     callback,
                            gpointer                user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  LoadData *data = g_new0 (LoadData, 1);

  data->db_path = g_strdup (db_path);
  data->state = g_strdup (filter->state);
  data->month = g_strdup (filter->month);
  data->search = g_strdup (filter->search);
  data->today = g_strdup (filter->today);
  data->filter = *filter;
  data->filter.state = data->state;
  data->filter.month = data->month;
  data->filter.search = data->search;
  data->filter.today = data->today;
  data->with_options = with_options;

  g_task_set_source_tag (task, gf_invoice_list_load_async);
  g_task_set_task_data (task, data, (GDestroyNotify)load_data_free);
  g_task_run_in_thread (task, load_thread);
}

GfInvoiceListResult *
gf_invoice_list_load_finish (GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/*
 * The transfer to the Trésorerie
 */

typedef struct
{
  char    *db_path;
  GfActor  actor;
  char    *actor_label;
  GArray  *ids;
  char    *today;
} TreasuryData;

static void
treasury_data_free (TreasuryData *data)
{
  g_free (data->db_path);
  g_free (data->actor_label);
  g_array_unref (data->ids);
  g_free (data->today);
  g_free (data);
}

static void
treasury_result_free (GfTreasuryResult *result)
{
  gf_treasury_result_clear (result);
  g_free (result);
}

static void
treasury_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  TreasuryData *data = task_data;
  g_autoptr(GfDb) db = NULL;
  g_autoptr(GError) error = NULL;
  GfTreasuryResult *result = g_new0 (GfTreasuryResult, 1);

  db = gf_db_open (data->db_path, GF_DB_OPEN_DEFAULT, &error);
  if (db == NULL ||
      !gf_invoice_treasury_transfer (db, &data->actor, (const gint64 *) data->ids->data,
                                     data->ids->len, data->today, result, &error))
    {
      g_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, result, (GDestroyNotify)treasury_result_free);
}

void
gf_invoice_treasury_async (const char          *db_path,
                           const GfActor       *actor,
                           GArray              *invoice_ids,
                           const char          *today,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, callback, user_data);
  TreasuryData *data = g_new0 (TreasuryData, 1);

  data->db_path = g_strdup (db_path);
  data->actor = *actor;
  data->actor_label = g_strdup (actor->label);
  data->actor.label = data->actor_label;
  data->ids = g_array_ref (invoice_ids);
  data->today = g_strdup (today);
  g_task_set_source_tag (task, gf_invoice_treasury_async);
  g_task_set_task_data (task, data, (GDestroyNotify)treasury_data_free);
  g_task_run_in_thread (task, treasury_thread);
}

GfTreasuryResult *
gf_invoice_treasury_finish (GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/*
 * The CSV export
 */

typedef struct
{
  char              *db_path;
  char              *today;
  GFile             *file;
  GfCsvProgressFunc  progress;
  gpointer           progress_data;
} ExportData;

typedef struct
{
  GfCsvProgressFunc progress;
  gpointer          progress_data;
  double            fraction;
} ProgressCall;

static void
export_data_free (ExportData *data)
{
  g_free (data->db_path);
  g_free (data->today);
  g_object_unref (data->file);
  g_free (data);
}

static gboolean
progress_idle_cb (gpointer user_data)
{
  ProgressCall *call = user_data;

  call->progress (call->fraction, call->progress_data);
  return G_SOURCE_REMOVE;
}

/* Runs in the worker: the progress bar is updated on the main thread. */
static void
export_progress_cb (double   fraction,
                    gpointer user_data)
{
  ExportData *data = user_data;
  ProgressCall *call;

  if (data->progress == NULL)
    return;
  call = g_new0 (ProgressCall, 1);
  call->progress = data->progress;
  call->progress_data = data->progress_data;
  call->fraction = fraction;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, progress_idle_cb, call, g_free);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(GfDb) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) csv = NULL;

  db = gf_db_open (data->db_path, GF_DB_OPEN_DEFAULT, &error);
  if (db == NULL ||
      (csv = gf_invoice_overdue_csv (db, data->today, export_progress_cb, data, cancellable,
                                     &error)) == NULL ||
      !g_file_replace_contents (data->file, g_bytes_get_data (csv, NULL), g_bytes_get_size (csv),
                                NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/* @progress, if any, is called on the main thread; @progress_data must outlive the task. */
void
gf_invoice_export_csv_async (const char          *db_path,
                             const char          *today,
                             GFile               *file,
                             GfCsvProgressFunc    progress,
                             gpointer             progress_data,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ExportData *data = g_new0 (ExportData, 1);

  data->db_path = g_strdup (db_path);
  data->today = g_strdup (today);
  data->file = g_object_ref (file);
  data->progress = progress;
  data->progress_data = progress_data;
  g_task_set_source_tag (task, gf_invoice_export_csv_async);
  g_task_set_task_data (task, data, (GDestroyNotify)export_data_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
gf_invoice_export_csv_finish (GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
