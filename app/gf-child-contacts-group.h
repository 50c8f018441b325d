/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gf-session.h"

G_BEGIN_DECLS

#define GF_TYPE_CHILD_CONTACTS_GROUP (gf_child_contacts_group_get_type ())
G_DECLARE_FINAL_TYPE (GfChildContactsGroup, gf_child_contacts_group, GF, CHILD_CONTACTS_GROUP,
                      AdwPreferencesGroup)

void gf_child_contacts_group_set_session (GfChildContactsGroup *self,
                                          GfSession            *session);
void gf_child_contacts_group_load        (GfChildContactsGroup *self,
                                          gint64                child_id);

G_END_DECLS
