/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gf-child.h"
#include "gf-session.h"

G_BEGIN_DECLS

#define GF_TYPE_CHILD_CONTACT_DIALOG (gf_child_contact_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GfChildContactDialog, gf_child_contact_dialog, GF, CHILD_CONTACT_DIALOG,
                      AdwWindow)

GtkWidget *gf_child_contact_dialog_new (GtkWindow            *parent,
                                        GfSession            *session,
                                        gint64                child_id,
                                        const GfChildContact *contact);

G_END_DECLS
