/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gf-session.h"

G_BEGIN_DECLS

#define GF_TYPE_INVOICES_PAGE (gf_invoices_page_get_type ())
G_DECLARE_FINAL_TYPE (GfInvoicesPage, gf_invoices_page, GF, INVOICES_PAGE, AdwBin)

GtkWidget *gf_invoices_page_new (GfSession *session);
void       gf_invoices_page_show_invoice (GfInvoicesPage *self,
                                         gint64 invoice_id);

G_END_DECLS
