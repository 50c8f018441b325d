/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gf-application.h"
#include "gf-dashboard-page.h"
#include "gf-db.h"
#include "gf-login-page.h"
#include "gf-session.h"

G_BEGIN_DECLS

#define GF_TYPE_WINDOW (gf_window_get_type ())
G_DECLARE_FINAL_TYPE (GfWindow, gf_window, GF, WINDOW, AdwApplicationWindow)

GfWindow        *gf_window_new                (GfApplication *application,
                                               GfDb          *db);
void             gf_window_set_db             (GfWindow      *self,
                                               GfDb          *db);
void             gf_window_show_busy          (GfWindow      *self,
                                               const char    *title);
GfLoginPage     *gf_window_get_login_page     (GfWindow      *self);
GfDashboardPage *gf_window_get_dashboard_page (GfWindow      *self);
const char      *gf_window_get_mode           (GfWindow      *self);
GStrv            gf_window_dup_page_titles    (GfWindow      *self) G_GNUC_WARN_UNUSED_RESULT;
gboolean         gf_window_get_folded         (GfWindow      *self);
void             gf_window_show_sidebar       (GfWindow      *self,
                                               gboolean       sidebar);
void             gf_window_search             (GfWindow      *self,
                                               const char    *text);
const char      *gf_window_get_last_toast     (GfWindow      *self);
gboolean         gf_window_show_page          (GfWindow      *self,
                                               const char    *name);
GfSession       *gf_window_get_session        (GfWindow      *self);
const char      *gf_window_get_page_name      (GfWindow      *self);

G_END_DECLS
