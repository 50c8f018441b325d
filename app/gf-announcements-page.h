/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gf-session.h"

G_BEGIN_DECLS

#define GF_TYPE_ANNOUNCEMENTS_PAGE (gf_announcements_page_get_type ())
G_DECLARE_FINAL_TYPE (GfAnnouncementsPage, gf_announcements_page, GF, ANNOUNCEMENTS_PAGE, AdwBin)

GtkWidget *gf_announcements_page_new (GfSession *session);

G_END_DECLS
