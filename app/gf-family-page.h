/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gf-session.h"

G_BEGIN_DECLS

#define GF_TYPE_FAMILY_PAGE (gf_family_page_get_type ())
G_DECLARE_FINAL_TYPE (GfFamilyPage, gf_family_page, GF, FAMILY_PAGE, AdwBin)

GtkWidget *gf_family_page_new           (GfSession    *session);
void       gf_family_page_load          (GfFamilyPage *self,
                                         gint64        family_id);
gint64     gf_family_page_get_family_id (GfFamilyPage *self);

G_END_DECLS
