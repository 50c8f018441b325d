/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gf-session.h"

G_BEGIN_DECLS

#define GF_TYPE_CHILD_ENROLMENTS_GROUP (gf_child_enrolments_group_get_type ())
G_DECLARE_FINAL_TYPE (GfChildEnrolmentsGroup, gf_child_enrolments_group, GF,
                      CHILD_ENROLMENTS_GROUP, AdwPreferencesGroup)

void gf_child_enrolments_group_set_session (GfChildEnrolmentsGroup *self,
                                            GfSession              *session);
void gf_child_enrolments_group_load        (GfChildEnrolmentsGroup *self,
                                            gint64                  child_id);

G_END_DECLS
