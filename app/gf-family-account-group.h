/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gf-session.h"

G_BEGIN_DECLS

#define GF_TYPE_FAMILY_ACCOUNT_GROUP (gf_family_account_group_get_type ())
G_DECLARE_FINAL_TYPE (GfFamilyAccountGroup, gf_family_account_group, GF, FAMILY_ACCOUNT_GROUP,
                      AdwPreferencesGroup)

void gf_family_account_group_load (GfFamilyAccountGroup *self,
                                   GfSession            *session,
                                   gint64                family_id);

G_END_DECLS
