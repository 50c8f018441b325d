/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gf-child.h"

G_BEGIN_DECLS

/* One line of a child's "Autorisations" block: an authorization type and the answer
 * given for the child (gf_child_set_authorization() records one). */
typedef struct
{
  gint64  type_id;
  char   *code;
  char   *label;
  int     value;        /* a GfAuthorizationValue, or -1 when not answered yet */
} GfChildAuthorization;

GPtrArray *gf_child_authorization_list (GfDb                 *db,
                                        gint64                child_id,
                                        GError              **error) G_GNUC_WARN_UNUSED_RESULT;
void       gf_child_authorization_free (GfChildAuthorization *authorization);

G_END_DECLS
