/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-money.h"

#include "gf-i18n.h"
#include "gf-validate.h"

#include <string.h>

#define NBSP         "\u00a0" /* NO-BREAK SPACE, before the euro sign */
#define NNBSP        "\u202f" /* NARROW NO-BREAK SPACE, between groups of thousands */
#define EURO_SIGN    "\u20ac"
#define MAX_EUROS    (GF_MONEY_MAX_CENTS / 100)

/*
 * Auxiliary methods
 */

/* Returns the length in bytes of the thousands separator at @p (a space, U+00A0 or
 * U+202F), or 0. Multi-byte sequences never contain ASCII bytes, so a terminating
 * NUL stops the comparison in time. */
static gsize
group_separator_len (const char *p)
{
  if (p[0] == ' ')
    return 1;
  if (strncmp (p, NBSP, strlen (NBSP)) == 0)
    return strlen (NBSP);
  if (strncmp (p, NNBSP, strlen (NNBSP)) == 0)
    return strlen (NNBSP);
  return 0;
}

static gboolean
is_blank_at (const char *p)
{
  return *p == '\t' || *p == '\n' || *p == '\r' || group_separator_len (p) > 0;
}

static gboolean
has_suffix (const char *start,
            const char *end,
            const char *suffix)
{
  gsize len = strlen (suffix);

  return (gsize) (end - start) >= len && memcmp (end - len, suffix, len) == 0;
}

/* Moves @end back over white space, including the no-break spaces we print ourselves. */
static const char *
trim_end (const char *start,
          const char *end)
{
  for (;;)
    {
      if (end > start && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
        end--;
      else if (has_suffix (start, end, NBSP))
        end -= strlen (NBSP);
      else if (has_suffix (start, end, NNBSP))
        end -= strlen (NNBSP);
      else
        return end;
    }
}

static gboolean
set_invalid (GError **error)
{
  g_set_error_literal (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                       _("Enter an amount in euros, for example 243,11."));
  return FALSE;
}

static char *
format_cents (gint64      cents,
              const char *group_separator,
              const char *suffix)
{
  /* Negate through unsigned arithmetic so that G_MININT64 does not overflow. */
  guint64 magnitude = cents < 0 ? (guint64) (-(cents + 1)) + 1 : (guint64) cents;
  char digits[24];
  GString *out = g_string_sized_new (32);
  int n_digits;

  n_digits = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, magnitude / 100);

  if (cents < 0)
    g_string_append_c (out, '-');

  for (int i = 0; i < n_digits; i++)
    {
      if (group_separator != NULL && i > 0 && (n_digits - i) % 3 == 0)
        g_string_append (out, group_separator);
      g_string_append_c (out, digits[i]);
    }

  g_string_append_printf (out, ",%02u", (guint) (magnitude % 100));

  if (suffix != NULL)
    g_string_append (out, suffix);

  return g_string_free (out, FALSE);
}

/*
 * Public API
 */

/**
 * gf_money_parse:
 * @text: (nullable): what the person typed, such as "1 243,11 €"
 * @flags: whether a leading minus sign is allowed
 * @out_cents: (out) (optional): the amount in cents
 * @error: return location for a #GF_INPUT_ERROR
 *
 * Reads an amount of euros written the French way or with a decimal point: at most
 * two decimals, thousands grouped by three with a space, U+00A0 or U+202F, and an
 * optional euro sign at the end. The absolute value may not exceed
 * %GF_MONEY_MAX_CENTS.
 *
 * Returns: %TRUE and sets @out_cents if @text is an amount
 */
gboolean
gf_money_parse (const char         *text,
                GfMoneyParseFlags   flags,
                gint64             *out_cents,
                GError            **error)
{
  const char *p;
  const char *end;
  gboolean negative = FALSE;
  gboolean too_big = FALSE;
  gboolean grouped = FALSE;
  guint n_groups = 1;
  guint group_len = 0;
  gint64 euros = 0;
  gint64 cents = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL)
    text = "";

  p = text;
  while (is_blank_at (p))
    p += MAX (group_separator_len (p), 1);
  end = trim_end (p, p + strlen (p));

  if (p == end)
    {
      g_set_error_literal (error, GF_INPUT_ERROR, GF_INPUT_ERROR_REQUIRED,
                           _("Enter an amount in euros, for example 243,11."));
      return FALSE;
    }

  if (has_suffix (p, end, EURO_SIGN))
    end = trim_end (p, end - strlen (EURO_SIGN));

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }

  if (p >= end || !g_ascii_isdigit (*p))
    return set_invalid (error);

  /* "1.243,11" or "1,243.11": one of them would have to be a thousands separator,
   * and guessing which is how 1 243 € turns into 1,24 €. */
  if (memchr (p, ',', (gsize) (end - p)) != NULL && memchr (p, '.', (gsize) (end - p)) != NULL)
    {
      g_set_error_literal (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                           _("Separate thousands with spaces only, for example 1 243,11."));
      return FALSE;
    }

  while (p < end)
    {
      gsize sep_len;

      if (g_ascii_isdigit (*p))
        {
          if (!too_big)
            {
              euros = euros * 10 + (*p - '0');
              too_big = euros > MAX_EUROS;
            }
          group_len++;
          p++;
        }
      else if ((sep_len = group_separator_len (p)) > 0 && p + sep_len < end)
        {
          if ((n_groups == 1 ? group_len > 3 : group_len != 3) || !g_ascii_isdigit (p[sep_len]))
            goto bad_grouping;
          grouped = TRUE;
          n_groups++;
          group_len = 0;
          p += sep_len;
        }
      else
        {
          break;
        }
    }

  if (grouped && group_len != 3)
    goto bad_grouping;

  if (p < end && (*p == ',' || *p == '.'))
    {
      guint n_decimals = 0;

      for (p++; p < end && g_ascii_isdigit (*p); p++)
        {
          if (n_decimals == 2)
            goto too_many_decimals;
          cents = cents * 10 + (*p - '0');
          n_decimals++;
        }

      if (n_decimals == 0)
        return set_invalid (error);
      if (n_decimals == 1)
        cents *= 10;
    }

  if (p != end)
    return set_invalid (error);

  if (too_big || euros * 100 + cents > GF_MONEY_MAX_CENTS)
    {
      g_autofree char *max = gf_money_format (GF_MONEY_MAX_CENTS);

      g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_OUT_OF_RANGE,
                   _("Enter an amount of at most %s."), max);
      return FALSE;
    }

  if (negative && !(flags & GF_MONEY_PARSE_ALLOW_NEGATIVE))
    {
      g_set_error_literal (error, GF_INPUT_ERROR, GF_INPUT_ERROR_OUT_OF_RANGE,
                           _("Enter an amount of zero or more, for example 243,11."));
      return FALSE;
    }

  if (out_cents != NULL)
    *out_cents = negative ? -(euros * 100 + cents) : euros * 100 + cents;

  return TRUE;

bad_grouping:
  g_set_error_literal (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                       _("Group the digits by three with spaces, for example 1 243,11."));
  return FALSE;

too_many_decimals:
  g_set_error_literal (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                       _("Enter at most two digits for the cents, for example 243,11."));
  return FALSE;
}

/**
 * gf_money_format:
 * @cents: an amount
 *
 * Formats an amount for display: "1 243,11 €", with U+202F NARROW NO-BREAK SPACE
 * between thousands and U+00A0 NO-BREAK SPACE before the euro sign.
 *
 * Returns: (transfer full): the amount as text
 */
char *
gf_money_format (gint64 cents)
{
  return format_cents (cents, NNBSP, NBSP EURO_SIGN);
}

/**
 * gf_money_format_plain:
 * @cents: an amount
 *
 * Formats an amount for form fields and CSV files: "1243,11", "-12,50".
 *
 * Returns: (transfer full): the amount as text
 */
char *
gf_money_format_plain (gint64 cents)
{
  return format_cents (cents, NULL, NULL);
}
