/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib/gi18n-lib.h>

G_BEGIN_DECLS

void gf_i18n_init (void);

G_END_DECLS
