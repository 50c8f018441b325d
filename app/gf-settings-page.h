/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gf-session.h"

G_BEGIN_DECLS

#define GF_TYPE_SETTINGS_PAGE (gf_settings_page_get_type ())
G_DECLARE_FINAL_TYPE (GfSettingsPage, gf_settings_page, GF, SETTINGS_PAGE, AdwBin)

GtkWidget *gf_settings_page_new (GfSession *session);

G_END_DECLS
