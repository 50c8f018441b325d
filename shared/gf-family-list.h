/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "gf-audit.h"
#include "gf-family.h"
#include "gf-guardian.h"

G_BEGIN_DECLS

/* The staff application's list of every family: the ordered ids come from one query, the
 * rows' contents are read on demand, a screenful at a time, so 50,000 families cost a
 * 400 KB array and not 50,000 records. */

typedef enum
{
  GF_FAMILY_SORT_REFERENCE,
  GF_FAMILY_SORT_NAME,
  GF_FAMILY_SORT_CITY,
  GF_FAMILY_SORT_CHILDREN,
  GF_FAMILY_SORT_EMAIL,
  GF_FAMILY_SORT_ACCOUNT,
  GF_FAMILY_SORT_UNPAID,
} GfFamilySort;

typedef enum
{
  GF_FAMILY_LIST_DEFAULT          = 0,
  GF_FAMILY_LIST_INCLUDE_ARCHIVED = 1 << 0,
  GF_FAMILY_LIST_DESCENDING       = 1 << 1,
} GfFamilyListFlags;

/* One row of the list. */
typedef struct
{
  gint64    id;
  char     *reference;
  char     *name;            /* the payer's "NOM Prénom", else the first guardian's, or "" */
  char     *city;
  gint64    n_children;
  char     *email;           /* the family's contact e-mail */
  char     *account_state;   /* "active", "pending", "disabled", or "" without an account */
  gint64    unpaid_cents;    /* left to pay on published invoices in state "unpaid" */
  gboolean  archived;
} GfFamilySummary;

void             gf_family_summary_free      (GfFamilySummary   *summary);

GArray          *gf_family_list_ids          (GfDb              *db,
                                              const char        *search,
                                              GfFamilySort       sort,
                                              GfFamilyListFlags  flags,
                                              GError           **error) G_GNUC_WARN_UNUSED_RESULT;
GArray          *gf_family_search_ids        (GfDb              *db,
                                              const char        *search,
                                              GError           **error) G_GNUC_WARN_UNUSED_RESULT;
GfFamilySummary *gf_family_summary_get       (GfDb              *db,
                                              gint64             id,
                                              GError           **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray       *gf_family_summaries         (GfDb              *db,
                                              const gint64      *ids,
                                              guint              n_ids,
                                              GError           **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean         gf_family_create_with_payer (GfDb              *db,
                                              const GfActor     *actor,
                                              GfFamily          *family,
                                              GfGuardian        *payer,
                                              GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfFamilySummary, gf_family_summary_free)

G_END_DECLS
