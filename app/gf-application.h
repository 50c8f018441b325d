/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gf-db.h"

G_BEGIN_DECLS

#define GF_TYPE_APPLICATION (gf_application_get_type ())
G_DECLARE_FINAL_TYPE (GfApplication, gf_application, GF, APPLICATION, AdwApplication)

GfApplication *gf_application_new            (void) G_GNUC_WARN_UNUSED_RESULT;
GfDb          *gf_application_get_db         (GfApplication *self);
GtkWindow     *gf_application_get_error_dialog (GfApplication *self);
gboolean       gf_application_open_database  (GfApplication *self,
                                              const char    *path,
                                              gboolean       create);
void           gf_application_open_demo      (GfApplication *self,
                                              const char    *path);

G_END_DECLS
