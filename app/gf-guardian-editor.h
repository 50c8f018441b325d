/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gf-guardian.h"
#include "gf-session.h"

G_BEGIN_DECLS

#define GF_TYPE_GUARDIAN_EDITOR (gf_guardian_editor_get_type ())
G_DECLARE_FINAL_TYPE (GfGuardianEditor, gf_guardian_editor, GF, GUARDIAN_EDITOR,
                      AdwPreferencesGroup)

GtkWidget  *gf_guardian_editor_new       (GfSession        *session,
                                          const GfGuardian *guardian);
void        gf_guardian_editor_load      (GfGuardianEditor *self,
                                          const GfGuardian *guardian);
gint64      gf_guardian_editor_get_id    (GfGuardianEditor *self);
gboolean    gf_guardian_editor_is_dirty  (GfGuardianEditor *self);

G_END_DECLS
