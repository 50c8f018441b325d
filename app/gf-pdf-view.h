/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <poppler.h>

G_BEGIN_DECLS

#define GF_TYPE_PDF_VIEW (gf_pdf_view_get_type ())
G_DECLARE_FINAL_TYPE (GfPdfView, gf_pdf_view, GF, PDF_VIEW, GtkWidget)

GtkWidget       *gf_pdf_view_new          (void);
gboolean         gf_pdf_view_set_bytes    (GfPdfView  *self,
                                           GBytes     *bytes,
                                           GError    **error);
void             gf_pdf_view_clear        (GfPdfView  *self);
PopplerDocument *gf_pdf_view_get_document (GfPdfView  *self);
double           gf_pdf_view_get_zoom     (GfPdfView  *self);
void             gf_pdf_view_print        (GfPdfView  *self,
                                           GtkWindow  *parent,
                                           const char *job_name);

G_END_DECLS
