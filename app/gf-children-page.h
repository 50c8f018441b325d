/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gf-session.h"

G_BEGIN_DECLS

#define GF_TYPE_CHILDREN_PAGE (gf_children_page_get_type ())
G_DECLARE_FINAL_TYPE (GfChildrenPage, gf_children_page, GF, CHILDREN_PAGE, AdwBin)

GtkWidget *gf_children_page_new (GfSession *session);
void       gf_children_page_show_child (GfChildrenPage *self,
                                       gint64 child_id);

G_END_DECLS
