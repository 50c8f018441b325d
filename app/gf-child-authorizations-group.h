/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gf-session.h"

G_BEGIN_DECLS

#define GF_TYPE_CHILD_AUTHORIZATIONS_GROUP (gf_child_authorizations_group_get_type ())
G_DECLARE_FINAL_TYPE (GfChildAuthorizationsGroup, gf_child_authorizations_group, GF,
                      CHILD_AUTHORIZATIONS_GROUP, AdwPreferencesGroup)

void gf_child_authorizations_group_set_session (GfChildAuthorizationsGroup *self,
                                                GfSession                  *session);
void gf_child_authorizations_group_load        (GfChildAuthorizationsGroup *self,
                                                gint64                      child_id);

G_END_DECLS
