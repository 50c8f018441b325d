/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-validate.h"

#include "gf-i18n.h"

#include <string.h>

#define EMAIL_LOCAL_MAX 64
#define EMAIL_LABEL_MAX 63
#define PHONE_DIGITS 10

G_DEFINE_QUARK (gf-input-error-quark, gf_input_error)

/*
 * Auxiliary methods
 */

/* RFC 5322 "atext": what a local part may hold besides dots, without quoting. */
static gboolean
is_local_char (char c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("!#$%&'*+/=?^_`{|}~-", c) != NULL);
}

static gboolean
check_local_part (const char *local,
                  gsize       len)
{
  if (len == 0 || len > EMAIL_LOCAL_MAX)
    return FALSE;
  if (local[0] == '.' || local[len - 1] == '.')
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (local[i] == '.')
        {
          if (local[i + 1] == '.')
            return FALSE;
        }
      else if (!is_local_char (local[i]))
        {
          return FALSE;
        }
    }

  return TRUE;
}

/* Host names only: at least two labels of letters, digits and inner hyphens, and a
 * top-level label that is not a number (that would be an IP address). */
static gboolean
check_domain (const char *domain)
{
  const char *label = domain;
  guint n_labels = 0;

  for (;;)
    {
      const char *end = strchr (label, '.');
      gsize len = end != NULL ? (gsize) (end - label) : strlen (label);
      gboolean all_digits = TRUE;

      if (len == 0 || len > EMAIL_LABEL_MAX)
        return FALSE;
      if (label[0] == '-' || label[len - 1] == '-')
        return FALSE;

      for (gsize i = 0; i < len; i++)
        {
          if (!g_ascii_isalnum (label[i]) && label[i] != '-')
            return FALSE;
          if (!g_ascii_isdigit (label[i]))
            all_digits = FALSE;
        }

      n_labels++;

      if (end == NULL)
        return n_labels >= 2 && !all_digits;

      label = end + 1;
    }
}

/* Returns -1 when @text (already trimmed) is a plausible address, else the error code. */
static int
check_email (const char *text)
{
  const char *at;
  gsize len = strlen (text);

  if (len == 0)
    return GF_INPUT_ERROR_REQUIRED;
  if (len > GF_EMAIL_MAX_CHARS)
    return GF_INPUT_ERROR_TOO_LONG;

  at = strchr (text, '@');
  if (at == NULL || strchr (at + 1, '@') != NULL)
    return GF_INPUT_ERROR_INVALID;
  if (!check_local_part (text, (gsize) (at - text)) || !check_domain (at + 1))
    return GF_INPUT_ERROR_INVALID;

  return -1;
}

static char *
strip_copy (const char *text)
{
  return g_strstrip (g_strdup (text != NULL ? text : ""));
}

static gboolean
is_phone_separator (char c)
{
  return c == ' ' || c == '.' || c == '-';
}

/*
 * Public API
 */

/**
 * gf_normalize_email:
 * @text: (nullable): what the person typed
 *
 * Trims the white space around @text and lower-cases it (ASCII only).
 *
 * Returns: (transfer full) (nullable): the address to store, or %NULL when @text is
 *   not a plausible e-mail address
 */
char *
gf_normalize_email (const char *text)
{
  g_autofree char *copy = strip_copy (text);

  if (check_email (copy) >= 0)
    return NULL;

  return g_ascii_strdown (copy, -1);
}

/**
 * gf_validate_email:
 * @text: (nullable): what the person typed
 * @error: return location for a #GF_INPUT_ERROR
 *
 * Checks that @text is a plausible e-mail address. White space around it and the
 * case of letters do not matter: store the result of gf_normalize_email().
 *
 * Returns: %TRUE if @text is acceptable
 */
gboolean
gf_validate_email (const char  *text,
                   GError     **error)
{
  g_autofree char *copy = strip_copy (text);
  int code;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  code = check_email (copy);
  switch (code)
    {
    case -1:
      return TRUE;

    case GF_INPUT_ERROR_REQUIRED:
      g_set_error_literal (error, GF_INPUT_ERROR, code,
                           _("Enter an e-mail address, for example marie.dupont@exemple.fr."));
      return FALSE;

    case GF_INPUT_ERROR_TOO_LONG:
      g_set_error (error, GF_INPUT_ERROR, code,
                   _("Enter an e-mail address of at most %u characters."),
                   (guint) GF_EMAIL_MAX_CHARS);
      return FALSE;

    default:
      g_set_error_literal (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                           _("Enter a valid e-mail address, for example marie.dupont@exemple.fr."));
      return FALSE;
    }
}

/**
 * gf_validate_postal_code:
 * @text: (nullable): what the person typed
 * @error: return location for a #GF_INPUT_ERROR
 *
 * Accepts exactly five digits starting with a metropolitan department number
 * (01 to 95, Corsica is 20) or an overseas prefix (97x, 98x). No spaces.
 *
 * Returns: %TRUE if @text is a French postal code
 */
gboolean
gf_validate_postal_code (const char  *text,
                         GError     **error)
{
  int department;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL || *text == '\0')
    {
      g_set_error_literal (error, GF_INPUT_ERROR, GF_INPUT_ERROR_REQUIRED,
                           _("Enter a postal code, for example 75011."));
      return FALSE;
    }

  if (strlen (text) != 5)
    goto invalid;
  for (guint i = 0; i < 5; i++)
    if (!g_ascii_isdigit (text[i]))
      goto invalid;

  department = (text[0] - '0') * 10 + (text[1] - '0');
  if ((department >= 1 && department <= 95) || department == 97 || department == 98)
    return TRUE;

invalid:
  g_set_error_literal (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                       _("Enter a French postal code of five digits, for example 75011."));
  return FALSE;
}

/**
 * gf_normalize_phone:
 * @text: (nullable): what the person typed
 * @error: return location for a #GF_INPUT_ERROR
 *
 * Reads a French phone number written with spaces, dots or hyphens between the
 * digits, in national form (06…) or international form (+33 6…, 0033 6…).
 *
 * Returns: (transfer full) (nullable): the number as "06 12 34 56 78", or %NULL
 *   with @error set
 */
char *
gf_normalize_phone (const char  *text,
                    GError     **error)
{
  g_autofree char *copy = strip_copy (text);
  char digits[PHONE_DIGITS + 1];
  const char *p = copy;
  guint n = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (*copy == '\0')
    {
      g_set_error_literal (error, GF_INPUT_ERROR, GF_INPUT_ERROR_REQUIRED,
                           _("Enter a phone number, for example 06 12 34 56 78."));
      return NULL;
    }

  /* The country code stands for the leading 0 of the national form. */
  if (g_str_has_prefix (p, "+33") || g_str_has_prefix (p, "0033"))
    {
      const char *first;

      p += p[0] == '+' ? 3 : 4;
      digits[n++] = '0';
      first = is_phone_separator (*p) ? p + 1 : p;
      if (*first == '0')
        goto invalid;
    }

  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (n == PHONE_DIGITS)
            goto invalid;
          digits[n++] = *p;
        }
      /* One separator at a time, and only between two digits. */
      else if (!is_phone_separator (*p) || !g_ascii_isdigit (p[1]) || n == 0)
        {
          goto invalid;
        }
    }

  if (n != PHONE_DIGITS || digits[0] != '0' || digits[1] == '0')
    goto invalid;
  digits[n] = '\0';

  return g_strdup_printf ("%.2s %.2s %.2s %.2s %.2s",
                          digits, digits + 2, digits + 4, digits + 6, digits + 8);

invalid:
  g_set_error_literal (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                       _("Enter a French phone number of ten digits, for example 06 12 34 56 78."));
  return NULL;
}

/**
 * gf_validate_phone:
 * @text: (nullable): what the person typed
 * @error: return location for a #GF_INPUT_ERROR
 *
 * Returns: %TRUE if gf_normalize_phone() accepts @text
 */
gboolean
gf_validate_phone (const char  *text,
                   GError     **error)
{
  g_autofree char *normalized = gf_normalize_phone (text, error);

  return normalized != NULL;
}

/**
 * gf_validate_text:
 * @text: (nullable): what the person typed
 * @max_chars: the largest number of characters (not bytes) allowed
 * @required: whether blank text is an error
 * @error: return location for a #GF_INPUT_ERROR
 *
 * Checks free text: valid UTF-8, no control characters except new lines and tabs,
 * at most @max_chars characters, and not blank when @required.
 *
 * Returns: %TRUE if @text is acceptable
 */
gboolean
gf_validate_text (const char  *text,
                  gsize        max_chars,
                  gboolean     required,
                  GError     **error)
{
  gboolean blank = TRUE;
  gsize n_chars = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL)
    text = "";

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                           _("The text contains unreadable characters. Type it again."));
      return FALSE;
    }

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) && c != '\n' && c != '\t')
        {
          g_set_error_literal (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                               _("Remove the invisible control characters from the text."));
          return FALSE;
        }
      if (!g_unichar_isspace (c))
        blank = FALSE;
      n_chars++;
    }

  if (required && blank)
    {
      g_set_error_literal (error, GF_INPUT_ERROR, GF_INPUT_ERROR_REQUIRED,
                           _("Fill in this field."));
      return FALSE;
    }

  if (n_chars > max_chars)
    {
      g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_TOO_LONG,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Shorten the text to at most %lu character.",
                                "Shorten the text to at most %lu characters.",
                                (gulong) max_chars),
                   (gulong) max_chars);
      return FALSE;
    }

  return TRUE;
}

/**
 * gf_validate_citizen_password:
 *
 * The families' password rule, after the CNIL's 2022 recommendation for a password
 * alone with throttled logins: at least 8 characters, mixing 3 of the 4 kinds (upper
 * case, lower case, digits, other characters).
 */
gboolean
gf_validate_citizen_password (const char  *password,
                              GError     **error)
{
  gboolean upper = FALSE, lower = FALSE, digit = FALSE, other = FALSE;

  if (password == NULL || !g_utf8_validate (password, -1, NULL) ||
      g_utf8_strlen (password, -1) < 8 || strlen (password) > 256)
    {
      g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_OUT_OF_RANGE,
                   _("Choose a password of 8 to 256 characters."));
      return FALSE;
    }

  for (const char *p = password; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isupper (c))
        upper = TRUE;
      else if (g_unichar_islower (c))
        lower = TRUE;
      else if (g_unichar_isdigit (c))
        digit = TRUE;
      else
        other = TRUE;
    }

  if (upper + lower + digit + other < 3)
    {
      g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                   _("Mix at least three kinds of characters: capital letters, small letters, "
                     "digits and symbols."));
      return FALSE;
    }
  return TRUE;
}
