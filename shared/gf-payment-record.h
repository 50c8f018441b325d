/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gf-audit.h"

G_BEGIN_DECLS

/* A payment taken at the régie's counter (not PayFiP, not direct debit). */
typedef struct
{
  gint64      family_id;
  const char *method;        /* "cash", "cheque", "cesu", "transfer" */
  gint64      amount_cents;
  const char *paid_on;       /* ISO date; NULL: today */
  const char *bank;          /* cheque: required */
  const char *reference;     /* cheque number (required), CESU or transfer reference */
} GfPaymentInput;

typedef struct
{
  gint64 invoice_id;
  gint64 amount_cents;
} GfPaymentAllocation;

/* An invoice of the family that is still to pay, and whether the counter may take it. */
typedef struct
{
  gint64  id;
  char   *number;
  char   *object;
  char   *due_date;
  gint64  remaining_cents;
  char   *blocked;         /* NULL when payable, else why not (translated) */
} GfPayableInvoice;

void        gf_payable_invoice_free      (GfPayableInvoice          *invoice);
const char *gf_payment_method_label      (const char                *method);

GPtrArray  *gf_payment_payable_invoices  (GfDb                      *db,
                                          gint64                     family_id,
                                          GError                   **error);
gboolean    gf_payment_record            (GfDb                      *db,
                                          const GfActor             *actor,
                                          const GfPaymentInput      *payment,
                                          const GfPaymentAllocation *allocations,
                                          guint                      n_allocations,
                                          gint64                    *out_payment_id,
                                          GError                   **error);
gboolean    gf_payment_allocate          (GfDb                      *db,
                                          gint64                     payment_id,
                                          gint64                     invoice_id,
                                          gint64                     amount_cents,
                                          const char                *paid_at,
                                          GError                   **error);
gboolean    gf_payment_queue_receipt     (GfDb                      *db,
                                          const char                *email,
                                          gint64                     amount_cents,
                                          const char                *invoice_numbers,
                                          const char                *reference,
                                          const char                *authorisation,
                                          const char                *paid_at,
                                          const char                *method_text,
                                          GError                   **error);
char       *gf_payment_day_timestamp     (const char                *iso_date,
                                          int                        hour) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfPayableInvoice, gf_payable_invoice_free)

G_END_DECLS
