/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "gf-child-list.h"

G_BEGIN_DECLS

#define GF_TYPE_CHILD_ROW (gf_child_row_get_type ())
G_DECLARE_FINAL_TYPE (GfChildRow, gf_child_row, GF, CHILD_ROW, GObject)

GfChildRow *gf_child_row_new          (const GfChildSummary *summary,
                                       const char           *today_iso);
gint64      gf_child_row_get_id       (GfChildRow           *self);
gint64      gf_child_row_get_family_id (GfChildRow          *self);
const char *gf_child_row_get_name     (GfChildRow           *self);
const char *gf_child_row_get_birth    (GfChildRow           *self);
const char *gf_child_row_get_school   (GfChildRow           *self);
const char *gf_child_row_get_dossier  (GfChildRow           *self);
const char *gf_child_row_get_pai      (GfChildRow           *self);

G_END_DECLS
