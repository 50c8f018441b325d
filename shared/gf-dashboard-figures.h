/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "gf-db.h"

G_BEGIN_DECLS

/* What the staff's dashboard shows, read in one go (one read transaction's worth of
 * queries) so that a worker thread can fill it on a connection of its own. */
typedef struct
{
  gint64 unpaid_cents;          /* what is left to pay on the published unpaid invoices */
  gint64 unpaid_count;
  gint64 collected_month_cents; /* payments dated this month, every method */
  gint64 payfip_created;        /* PayFiP operations whose outcome is still unknown */
  gint64 payfip_pending;
  gint64 documents_pending;     /* uploaded documents waiting for a decision */
  gint64 messages_unread;       /* families' messages no one has read yet */
} GfDashboardFigures;

/* The bar chart covers at most this many months. */
#define GF_DASHBOARD_MAX_MONTHS 60

gboolean gf_dashboard_figures_load        (GfDb                *db,
                                           const GDate         *today,
                                           GfDashboardFigures  *out_figures,
                                           GError             **error);
gboolean gf_dashboard_collections_by_month (GfDb               *db,
                                           const GDate         *today,
                                           guint                n_months,
                                           gint64              *out_cents,
                                           GError             **error);
void     gf_dashboard_month_start          (const GDate         *today,
                                           guint                months_back,
                                           GDate               *out_first);

G_END_DECLS
