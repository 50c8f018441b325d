/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "gf-invoice-list.h"

G_BEGIN_DECLS

#define GF_TYPE_INVOICE_ITEM (gf_invoice_item_get_type ())
G_DECLARE_FINAL_TYPE (GfInvoiceItem, gf_invoice_item, GF, INVOICE_ITEM, GObject)

GfInvoiceItem      *gf_invoice_item_new     (GfInvoiceRow  *row);
const GfInvoiceRow *gf_invoice_item_get_row (GfInvoiceItem *self);

G_END_DECLS
