/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gf-application.h"

G_BEGIN_DECLS

void gf_test_script_run (GfApplication *app,
                         const char    *path);

G_END_DECLS
