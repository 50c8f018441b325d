/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gf-session.h"

G_BEGIN_DECLS

#define GF_TYPE_FAMILIES_PAGE (gf_families_page_get_type ())
G_DECLARE_FINAL_TYPE (GfFamiliesPage, gf_families_page, GF, FAMILIES_PAGE, AdwBin)

GtkWidget *gf_families_page_new (GfSession *session);
void       gf_families_page_show_family (GfFamiliesPage *self,
                                        gint64 family_id);

void       gf_families_page_set_search (GfFamiliesPage *self,
                                        const char     *text);

/* For the test hook and the benchmark (app/gf-test-script.c). */
gboolean   gf_families_page_get_loaded      (GfFamiliesPage *self);
guint      gf_families_page_get_n_shown     (GfFamiliesPage *self);
gint64     gf_families_page_get_loaded_time (GfFamiliesPage *self);

G_END_DECLS
