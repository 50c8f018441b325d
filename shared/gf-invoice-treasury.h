/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gf-audit.h"

G_BEGIN_DECLS

/* Unpaid invoices past their due date go to the Trésorerie (the public accountant), who
 * collects them from then on. */

typedef struct
{
  guint   moved;
  gint64  moved_cents;       /* what was left to pay on them */
  GArray *skipped;           /* (element-type gint64): ids no longer overdue */
} GfTreasuryResult;

typedef void (*GfCsvProgressFunc) (double   fraction,
                                   gpointer user_data);

void     gf_treasury_result_clear      (GfTreasuryResult  *result);
gboolean gf_invoice_treasury_transfer  (GfDb              *db,
                                        const GfActor     *actor,
                                        const gint64      *invoice_ids,
                                        guint              n_ids,
                                        const char        *today,
                                        GfTreasuryResult  *out_result,
                                        GError           **error);
GBytes  *gf_invoice_overdue_csv        (GfDb              *db,
                                        const char        *today,
                                        GfCsvProgressFunc  progress,
                                        gpointer           user_data,
                                        GCancellable      *cancellable,
                                        GError           **error) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GfTreasuryResult, gf_treasury_result_clear)

G_END_DECLS
