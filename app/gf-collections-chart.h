/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GF_TYPE_COLLECTIONS_CHART (gf_collections_chart_get_type ())
G_DECLARE_FINAL_TYPE (GfCollectionsChart, gf_collections_chart, GF, COLLECTIONS_CHART, GtkWidget)

GtkWidget  *gf_collections_chart_new         (void);
void        gf_collections_chart_set_months  (GfCollectionsChart *self,
                                              const GDate        *first_month,
                                              const gint64       *cents,
                                              guint               n_months);
const char *gf_collections_chart_get_summary (GfCollectionsChart *self);

G_END_DECLS
