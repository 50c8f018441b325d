/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gf-session.h"

G_BEGIN_DECLS

#define GF_TYPE_CHILD_LIST_MODEL (gf_child_list_model_get_type ())
G_DECLARE_FINAL_TYPE (GfChildListModel, gf_child_list_model, GF, CHILD_LIST_MODEL, GObject)

GfChildListModel *gf_child_list_model_new     (GfSession        *session,
                                               GArray           *ids);
gboolean          gf_child_list_model_has_ids (GfChildListModel *self,
                                               GArray           *ids);
void              gf_child_list_model_refresh (GfChildListModel *self);

G_END_DECLS
