/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gf-document.h"

G_BEGIN_DECLS

/* An uploaded document's file, read (checked against its SHA-256) and decoded in a
 * worker thread: PNG and JPEG as they are, a PDF's first page rendered. */

void        gf_document_preview_load_async  (const char          *db_path,
                                             const GfDocument    *document,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GdkTexture *gf_document_preview_load_finish (GAsyncResult        *result,
                                             int                 *out_n_pages,
                                             GError             **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
