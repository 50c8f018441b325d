/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "gf-db.h"

G_BEGIN_DECLS

/* An invoice as lists and pages show it, with what is left to pay. */
struct _GfInvoiceSummary
{
  gint64    id;
  char     *number;
  gint64    family_id;
  char     *kind;             /* "invoice", "credit_note" */
  char     *issue_date;
  char     *due_date;
  char     *object;
  char     *state;            /* "unpaid", "paid", "treasury", "cancelled" ("draft": staff only) */
  gboolean  direct_debit;
  gint64    total_cents;
  gint64    paid_cents;       /* allocated payments */
  gint64    credited_cents;   /* credit notes, negative */
  gint64    remaining_cents;  /* total + credited - paid */
  char     *published_at;
  char     *paid_at;
};

typedef struct
{
  gint64  count;
  gint64  total_cents;
  gint64  remaining_cents;
  char   *next_due_date;      /* the earliest due date among them, or NULL */
} GfInvoiceTotals;

#define GF_TYPE_INVOICE_SUMMARY (gf_invoice_summary_get_type ())

GType             gf_invoice_summary_get_type    (void) G_GNUC_CONST;
GfInvoiceSummary *gf_invoice_summary_copy        (const GfInvoiceSummary *summary);
void              gf_invoice_summary_free        (GfInvoiceSummary *summary);
void              gf_invoice_totals_clear        (GfInvoiceTotals  *totals);

GPtrArray        *gf_invoice_list_for_family     (GfDb             *db,
                                                  gint64            family_id,
                                                  const char       *state,
                                                  GError          **error);
gboolean          gf_invoice_totals_for_family   (GfDb             *db,
                                                  gint64            family_id,
                                                  const char       *state,
                                                  GfInvoiceTotals  *out_totals,
                                                  GError          **error);
GfInvoiceSummary *gf_invoice_get_for_family      (GfDb             *db,
                                                  gint64            family_id,
                                                  const char       *number,
                                                  GError          **error);
gboolean          gf_invoice_totals_by_state     (GfDb             *db,
                                                  const char       *state,
                                                  GfInvoiceTotals  *out_totals,
                                                  GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfInvoiceSummary, gf_invoice_summary_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GfInvoiceTotals, gf_invoice_totals_clear)

G_END_DECLS
