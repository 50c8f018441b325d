/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gf-session.h"

G_BEGIN_DECLS

#define GF_TYPE_INVOICE_PAGE (gf_invoice_page_get_type ())
G_DECLARE_FINAL_TYPE (GfInvoicePage, gf_invoice_page, GF, INVOICE_PAGE, AdwBin)

void    gf_invoice_page_set_session (GfInvoicePage *self,
                                     GfSession     *session);
void    gf_invoice_page_load        (GfInvoicePage *self,
                                     gint64         invoice_id);
gint64  gf_invoice_page_get_id      (GfInvoicePage *self);
const char *gf_invoice_page_get_number (GfInvoicePage *self);

G_END_DECLS
