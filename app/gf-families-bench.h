/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gf-families-page.h"

G_BEGIN_DECLS

/* The families page's benchmark, run by the test hook (tests/bench/bench-app-families.py):
 * figures go to @out as TAP comments. */

void     gf_families_bench_ready  (GfFamiliesPage *page,
                                   GString        *out);
gboolean gf_families_bench_search (GfFamiliesPage *page,
                                   const char     *words,
                                   GString        *out);
void     gf_families_bench_rss    (GString        *out);

G_END_DECLS
