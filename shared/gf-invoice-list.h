/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "gf-db.h"

G_BEGIN_DECLS

/* The staff's list of invoices over every family, with its filters. */

/* The list shows at most this many rows; the totals always count every match. */
#define GF_INVOICE_LIST_MAX_ROWS 5000

typedef struct
{
  const char *state;          /* "draft", "unpaid", "paid", "treasury", "cancelled"; NULL: all */
  const char *month;          /* "YYYY-MM" of the issue date; NULL: all */
  gint64      service_id;     /* invoices with a line of this service; 0: all */
  const char *search;         /* part of the number, the dossier or a guardian's name */
  /* Only what may go to the Trésorerie on @today (see gf_invoice_list_overdue_sql). */
  gboolean    overdue_only;
  const char *today;          /* "YYYY-MM-DD", needed by overdue_only */
} GfInvoiceFilter;

typedef struct
{
  gint64  id;
  char   *number;
  gint64  family_id;
  char   *family_reference;
  char   *family_name;        /* the payer, "DUPONT Marie"; "" without one */
  char   *kind;               /* "invoice", "credit_note" */
  char   *issue_date;
  char   *due_date;
  char   *state;
  gboolean direct_debit;
  gint64  total_cents;
  gint64  remaining_cents;
} GfInvoiceRow;

typedef struct
{
  gint64  id;
  char   *name;
} GfInvoiceService;

void        gf_invoice_row_free         (GfInvoiceRow           *row);
void        gf_invoice_service_free     (GfInvoiceService       *service);
const char *gf_invoice_list_state_label (const char            *state);

GPtrArray  *gf_invoice_list_query       (GfDb                   *db,
                                         const GfInvoiceFilter  *filter,
                                         guint                   limit,
                                         GError                **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean    gf_invoice_list_totals      (GfDb                   *db,
                                         const GfInvoiceFilter  *filter,
                                         gint64                 *out_count,
                                         gint64                 *out_total_cents,
                                         gint64                 *out_remaining_cents,
                                         GError                **error);
GStrv       gf_invoice_list_months      (GfDb                   *db,
                                         GError                **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray  *gf_invoice_list_services    (GfDb                   *db,
                                         GError                **error) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfInvoiceRow, gf_invoice_row_free)

G_END_DECLS
