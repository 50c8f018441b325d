/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gf-audit.h"
#include "gf-invoice-list.h"
#include "gf-invoice-treasury.h"

G_BEGIN_DECLS

/* The invoice section's database work, each in a worker thread on a connection of its
 * own (a GfDb is not thread-safe). */

typedef struct
{
  GPtrArray *rows;            /* (element-type GfInvoiceRow) */
  gint64     count;
  gint64     total_cents;
  gint64     remaining_cents;
  GStrv      months;          /* NULL unless asked for */
  GPtrArray *services;        /* NULL unless asked for */
} GfInvoiceListResult;

void                 gf_invoice_list_result_free     (GfInvoiceListResult    *result);
void                 gf_invoice_list_load_async      (const char             *db_path,
                                                      const GfInvoiceFilter  *filter,
                                                      gboolean                with_options,
                                                      GCancellable           *cancellable,
                                                      GAsyncReadyCallback     callback,
                                                      gpointer                user_data);
GfInvoiceListResult *gf_invoice_list_load_finish     (GAsyncResult           *result,
                                                      GError                **error);

void                 gf_invoice_treasury_async       (const char             *db_path,
                                                      const GfActor          *actor,
                                                      GArray                 *invoice_ids,
                                                      const char             *today,
                                                      GAsyncReadyCallback     callback,
                                                      gpointer                user_data);
GfTreasuryResult    *gf_invoice_treasury_finish      (GAsyncResult           *result,
                                                      GError                **error);

void                 gf_invoice_export_csv_async     (const char             *db_path,
                                                      const char             *today,
                                                      GFile                  *file,
                                                      GfCsvProgressFunc       progress,
                                                      gpointer                progress_data,
                                                      GCancellable           *cancellable,
                                                      GAsyncReadyCallback     callback,
                                                      gpointer                user_data);
gboolean             gf_invoice_export_csv_finish    (GAsyncResult           *result,
                                                      GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfInvoiceListResult, gf_invoice_list_result_free)

G_END_DECLS
