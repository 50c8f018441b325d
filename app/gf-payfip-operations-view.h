/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gf-session.h"

G_BEGIN_DECLS

#define GF_TYPE_PAYFIP_OPERATIONS_VIEW (gf_payfip_operations_view_get_type ())
G_DECLARE_FINAL_TYPE (GfPayfipOperationsView, gf_payfip_operations_view, GF, PAYFIP_OPERATIONS_VIEW, AdwBin)

GtkWidget *gf_payfip_operations_view_new (GfSession *session);

G_END_DECLS
