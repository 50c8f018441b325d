/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gf-db.h"

G_BEGIN_DECLS

/* The printable invoice: one A4 PDF per published invoice or credit note, in French
 * whatever the locale. The staff application and the portal both use it. */

GBytes  *gf_invoice_pdf_render        (GfDb                 *db,
                                       gint64                invoice_id,
                                       GError              **error) G_GNUC_WARN_UNUSED_RESULT;
void     gf_invoice_pdf_render_async  (const char           *db_path,
                                       gint64                invoice_id,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
GBytes  *gf_invoice_pdf_render_finish (GAsyncResult         *result,
                                       GError              **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
