/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gf-invoices-page.h"

G_BEGIN_DECLS

/* Shared by gf-invoices-page.c and gf-invoices-page-treasury.c (the overdue view's
 * transfer to the Trésorerie and CSV export). */

GfSession  *_gf_invoices_page_get_session   (GfInvoicesPage  *self);
GListModel *_gf_invoices_page_get_rows      (GfInvoicesPage  *self,
                                             gint64          *out_count,
                                             gint64          *out_remaining_cents,
                                             const char     **out_today);
void        _gf_invoices_page_set_exporting (GfInvoicesPage  *self,
                                             double           fraction,
                                             gboolean         exporting);
void        _gf_invoices_page_transfer      (GfInvoicesPage  *self);
void        _gf_invoices_page_export        (GfInvoicesPage  *self);

G_END_DECLS
