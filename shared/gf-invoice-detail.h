/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "gf-db.h"
#include "gf-invoice-query.h"

G_BEGIN_DECLS

/* One invoice as the staff's invoice page shows it: any state, drafts included. */

typedef struct
{
  char   *child_name;         /* "" for a line of no child */
  char   *service_name;       /* "" for a line of no service */
  char   *label;
  gint64  quantity_centi;     /* hundredths of a unit */
  gint64  unit_price_cents;
  gint64  amount_cents;
} GfInvoiceLine;

typedef struct
{
  GfInvoiceSummary *summary;
  char             *family_reference;
  char             *payer_name;       /* "Mme DUPONT Marie"; "" without a payer */
  char             *payer_address;    /* lines joined by "\n" */
  char             *credit_for_number; /* a credit note: the invoice it corrects */
  GPtrArray        *lines;            /* (element-type GfInvoiceLine) */
} GfInvoiceDetail;

void             gf_invoice_detail_free (GfInvoiceDetail  *detail);
GfInvoiceDetail *gf_invoice_detail_get  (GfDb             *db,
                                         gint64            invoice_id,
                                         GError          **error) G_GNUC_WARN_UNUSED_RESULT;
char            *gf_invoice_format_quantity (gint64        quantity_centi) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfInvoiceDetail, gf_invoice_detail_free)

G_END_DECLS
