/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gf-session.h"

G_BEGIN_DECLS

#define GF_TYPE_CHILD_PAGE (gf_child_page_get_type ())
G_DECLARE_FINAL_TYPE (GfChildPage, gf_child_page, GF, CHILD_PAGE, AdwBin)

void    gf_child_page_set_session  (GfChildPage *self,
                                    GfSession   *session);
void    gf_child_page_load         (GfChildPage *self,
                                    gint64       child_id);
gint64  gf_child_page_get_child_id (GfChildPage *self);

G_END_DECLS
