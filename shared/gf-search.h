/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gf-family.h"

G_BEGIN_DECLS

typedef enum
{
  GF_SEARCH_DEFAULT          = 0,
  GF_SEARCH_INCLUDE_ARCHIVED = 1 << 0,
} GfSearchFlags;

char      *gf_search_build_match  (const char     *query) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray *gf_family_search       (GfDb           *db,
                                   const char     *query,
                                   GfSearchFlags   flags,
                                   guint           limit,
                                   GError        **error);

G_END_DECLS
