/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gf-payment-record.h"

G_BEGIN_DECLS

/* The invoices a payment is spread over: the family's invoices left to pay, read in a
 * worker thread on a connection of its own, then one row each with a tick and the
 * amount put on it, and the live total of the ticked amounts. A plain helper of
 * GfPaymentRecordView, no type; the widgets it is given belong to the view. */

typedef struct _GfPaymentAllocations GfPaymentAllocations;

void                  _gf_payment_allocations_load_async  (const char           *db_path,
                                                           gint64                family_id,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
GPtrArray            *_gf_payment_allocations_load_finish (GAsyncResult         *result,
                                                           GError              **error);

GfPaymentAllocations *_gf_payment_allocations_new        (GtkListBox           *list,
                                                          GtkLabel             *total_label,
                                                          GtkWidget            *default_widget);
void                  _gf_payment_allocations_free       (GfPaymentAllocations *self);
void                  _gf_payment_allocations_clear      (GfPaymentAllocations *self);
void                  _gf_payment_allocations_add        (GfPaymentAllocations *self,
                                                          GPtrArray            *invoices);
gboolean              _gf_payment_allocations_any_ticked (GfPaymentAllocations *self);
GArray               *_gf_payment_allocations_read       (GfPaymentAllocations *self,
                                                          GError              **error);

G_END_DECLS
