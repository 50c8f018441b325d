/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gf-session.h"

G_BEGIN_DECLS

#define GF_TYPE_DASHBOARD_PAGE (gf_dashboard_page_get_type ())
G_DECLARE_FINAL_TYPE (GfDashboardPage, gf_dashboard_page, GF, DASHBOARD_PAGE, AdwBin)

GtkWidget  *gf_dashboard_page_new               (GfSession       *session);
void        gf_dashboard_page_reload            (GfDashboardPage *self);
void        gf_dashboard_page_show_section      (GfDashboardPage *self,
                                                 const char      *name);
gboolean    gf_dashboard_page_get_loaded        (GfDashboardPage *self);
const char *gf_dashboard_page_get_unpaid_amount (GfDashboardPage *self);
const char *gf_dashboard_page_get_unpaid_count  (GfDashboardPage *self);

G_END_DECLS
