/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "gf-document.h"

G_BEGIN_DECLS

/* How an uploaded document is described to staff, in words (no widgets). */

char *gf_document_describe_file         (const GfDocument  *document) G_GNUC_WARN_UNUSED_RESULT;
char *gf_document_describe_state        (const GfDocument  *document) G_GNUC_WARN_UNUSED_RESULT;
char *gf_document_describe_pages        (int                n_pages) G_GNUC_WARN_UNUSED_RESULT;
void  gf_document_explain_preview_error (const GError      *error,
                                         const char       **out_title,
                                         const char       **out_description);

G_END_DECLS
