/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gf-audit.h"
#include "gf-db.h"

G_BEGIN_DECLS

/* The staff application's list of children: a search that returns only ids (cheap for
 * 60,000 children), and compact summaries fetched for the rows on screen. */

typedef enum
{
  GF_CHILD_SEARCH_DEFAULT          = 0,
  GF_CHILD_SEARCH_INCLUDE_ARCHIVED = 1 << 0,
} GfChildSearchFlags;

/* What one line of the list shows. */
typedef struct
{
  gint64    id;
  gint64    family_id;
  char     *last_name;
  char     *first_name;
  char     *birth_date;         /* ISO */
  char     *school;             /* establishment name, "" when none */
  char     *class_name;
  char     *family_reference;
  int       pai;                /* 1 or 0; -1 when the actor may not see medical data */
  gboolean  archived;
} GfChildSummary;

char           *gf_child_search_fold    (const char          *text) G_GNUC_WARN_UNUSED_RESULT;
GArray         *gf_child_search_ids     (GfDb                *db,
                                         const char          *query,
                                         GfChildSearchFlags   flags,
                                         GError             **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray      *gf_child_summaries_get  (GfDb                *db,
                                         const GfActor       *actor,
                                         const gint64        *ids,
                                         guint                n_ids,
                                         GError             **error) G_GNUC_WARN_UNUSED_RESULT;
void            gf_child_summary_free   (GfChildSummary      *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfChildSummary, gf_child_summary_free)

G_END_DECLS
