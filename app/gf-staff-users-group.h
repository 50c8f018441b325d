/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gf-session.h"

G_BEGIN_DECLS

#define GF_TYPE_STAFF_USERS_GROUP (gf_staff_users_group_get_type ())
G_DECLARE_FINAL_TYPE (GfStaffUsersGroup, gf_staff_users_group, GF, STAFF_USERS_GROUP, AdwPreferencesGroup)

void gf_staff_users_group_set_session (GfStaffUsersGroup *self,
                                       GfSession         *session);
void gf_staff_users_group_reload      (GfStaffUsersGroup *self);

G_END_DECLS
