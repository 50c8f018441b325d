/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gf-session.h"

G_BEGIN_DECLS

#define GF_TYPE_STAFF_USER_DIALOG (gf_staff_user_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GfStaffUserDialog, gf_staff_user_dialog, GF, STAFF_USER_DIALOG, AdwWindow)

GtkWidget *gf_staff_user_dialog_new (GfSession         *session,
                                     const GfStaffUser *user);

G_END_DECLS
