/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-invoice-item.h"

/* One row of the invoice list as a list model item. */

struct _GfInvoiceItem
{
  GObject       parent_instance;

  GfInvoiceRow *row;
};

G_DEFINE_FINAL_TYPE (GfInvoiceItem, gf_invoice_item, G_TYPE_OBJECT)

static void
gf_invoice_item_finalize (GObject *object)
{
  GfInvoiceItem *self = GF_INVOICE_ITEM (object);

  g_clear_pointer (&self->row, gf_invoice_row_free);

  G_OBJECT_CLASS (gf_invoice_item_parent_class)->finalize (object);
}

static void
gf_invoice_item_class_init (GfInvoiceItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gf_invoice_item_finalize;
}

static void
gf_invoice_item_init (GfInvoiceItem *self)
{
}

/* Takes @row. */
GfInvoiceItem *
gf_invoice_item_new (GfInvoiceRow *row)
{
  GfInvoiceItem *self = g_object_new (GF_TYPE_INVOICE_ITEM, NULL);

  self->row = row;
  return self;
}

const GfInvoiceRow *
gf_invoice_item_get_row (GfInvoiceItem *self)
{
  g_return_val_if_fail (GF_IS_INVOICE_ITEM (self), NULL);

  return self->row;
}
