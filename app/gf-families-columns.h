/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gf-family-list.h"

G_BEGIN_DECLS

/* The families list's columns (for gf-families-page.c): their cells, and which one the
 * view sorts by. @columns is indexed by GfFamilySort. */
#define GF_FAMILIES_N_COLUMNS (GF_FAMILY_SORT_UNPAID + 1)

void     gf_families_columns_init     (GtkColumnViewColumn * const *columns);
gboolean gf_families_columns_get_sort (GtkColumnView              *view,
                                       GfFamilySort               *out_sort,
                                       gboolean                   *out_descending);

G_END_DECLS
