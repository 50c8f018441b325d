/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gf-audit.h"

G_BEGIN_DECLS

gboolean gf_citizen_account_send_invitation (GfDb           *db,
                                             const GfActor  *actor,
                                             gint64          account_id,
                                             GError        **error);

G_END_DECLS
