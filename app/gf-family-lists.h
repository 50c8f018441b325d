/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gf-session.h"

G_BEGIN_DECLS

/* The read-only parts of the family page: rows built from the core's lists, into groups
 * whose previous rows are removed first. Plain helpers of GfFamilyPage, no type. */

void  _gf_family_lists_clear     (AdwPreferencesGroup *group,
                                  GPtrArray           *rows);
void  _gf_family_lists_children  (GfSession           *session,
                                  gint64               family_id,
                                  AdwPreferencesGroup *group,
                                  GPtrArray           *rows);
void  _gf_family_lists_billing   (GfSession           *session,
                                  gint64               family_id,
                                  AdwPreferencesGroup *invoices,
                                  AdwPreferencesGroup *payments,
                                  GPtrArray           *rows);
void  _gf_family_lists_messages  (GfSession           *session,
                                  gint64               family_id,
                                  AdwPreferencesGroup *group,
                                  GPtrArray           *rows);
guint _gf_family_lists_history   (GfSession           *session,
                                  gint64               family_id,
                                  guint                offset,
                                  guint                limit,
                                  AdwPreferencesGroup *group,
                                  GPtrArray           *rows);

G_END_DECLS
