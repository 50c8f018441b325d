/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Money is always a whole number of cents, never floating point. Parsed amounts are
 * bounded by this (1 000 000 000,00 €) so sums over many rows cannot overflow. */
#define GF_MONEY_MAX_CENTS G_GINT64_CONSTANT (100000000000)

typedef enum
{
  GF_MONEY_PARSE_DEFAULT        = 0,
  GF_MONEY_PARSE_ALLOW_NEGATIVE = 1 << 0,
} GfMoneyParseFlags;

gboolean gf_money_parse        (const char         *text,
                                GfMoneyParseFlags   flags,
                                gint64             *out_cents,
                                GError            **error);

char    *gf_money_format       (gint64              cents) G_GNUC_WARN_UNUSED_RESULT;
char    *gf_money_format_plain (gint64              cents) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
