/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "gf-family-list.h"

G_BEGIN_DECLS

#define GF_TYPE_FAMILY_ITEM (gf_family_item_get_type ())
G_DECLARE_FINAL_TYPE (GfFamilyItem, gf_family_item, GF, FAMILY_ITEM, GObject)

GfFamilyItem *gf_family_item_new              (const GfFamilySummary *summary);
void          gf_family_item_update           (GfFamilyItem          *self,
                                               const GfFamilySummary *summary);
gint64        gf_family_item_get_id           (GfFamilyItem          *self);
const char   *gf_family_item_get_reference    (GfFamilyItem          *self);
const char   *gf_family_item_get_name         (GfFamilyItem          *self);
gint64        gf_family_item_get_unpaid_cents (GfFamilyItem          *self);

G_END_DECLS
