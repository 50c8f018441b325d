/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gf-db.h"
#include "gf-family-item.h"

G_BEGIN_DECLS

#define GF_TYPE_FAMILY_LIST_MODEL (gf_family_list_model_get_type ())
G_DECLARE_FINAL_TYPE (GfFamilyListModel, gf_family_list_model, GF, FAMILY_LIST_MODEL, GObject)

GfFamilyListModel *gf_family_list_model_new         (GfDb              *db);
void               gf_family_list_model_set_order   (GfFamilyListModel *self,
                                                     GArray            *ids);
gboolean           gf_family_list_model_set_search  (GfFamilyListModel *self,
                                                     const char        *text,
                                                     GError           **error);
void               gf_family_list_model_refresh     (GfFamilyListModel *self);
gint64             gf_family_list_model_get_id      (GfFamilyListModel *self,
                                                     guint              position);
guint              gf_family_list_model_find        (GfFamilyListModel *self,
                                                     gint64             id);
guint              gf_family_list_model_get_n_fetched (GfFamilyListModel *self);

G_END_DECLS
