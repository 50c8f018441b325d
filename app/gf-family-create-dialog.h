/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gf-session.h"

G_BEGIN_DECLS

#define GF_TYPE_FAMILY_CREATE_DIALOG (gf_family_create_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GfFamilyCreateDialog, gf_family_create_dialog, GF, FAMILY_CREATE_DIALOG,
                      AdwWindow)

GtkWidget *gf_family_create_dialog_new (GfSession *session,
                                        GtkWindow *parent);

G_END_DECLS
