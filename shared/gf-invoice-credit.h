/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gf-audit.h"

G_BEGIN_DECLS

/* Credit notes ("avoirs"): a published invoice is never edited, it is corrected by a
 * credit note for part or all of what it charged. */

#define GF_INVOICE_CREDIT_ERROR (gf_invoice_credit_error_quark ())

typedef enum
{
  GF_INVOICE_CREDIT_ERROR_STATE,    /* not a published invoice, or a cancelled one */
  GF_INVOICE_CREDIT_ERROR_AMOUNT,   /* not positive, or more than may still be credited */
  GF_INVOICE_CREDIT_ERROR_REASON,   /* empty or too long */
} GfInvoiceCreditError;

#define GF_INVOICE_CREDIT_REASON_MAX 200

GQuark   gf_invoice_credit_error_quark (void);
gboolean gf_invoice_credit_allowed     (GfDb           *db,
                                        gint64          invoice_id,
                                        gint64         *out_max_cents,
                                        GError        **error);
gboolean gf_invoice_credit_create      (GfDb           *db,
                                        const GfActor  *actor,
                                        gint64          invoice_id,
                                        gint64          amount_cents,
                                        const char     *reason,
                                        gint64         *out_credit_id,
                                        GError        **error);

G_END_DECLS
