/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-csv.h"
#include "gf-money.h"

#include <string.h>

#define BOM "\xEF\xBB\xBF"

/* An empty document: just the byte-order mark. */
GString *
gf_csv_new (void)
{
  return g_string_new (BOM);
}

/* Appends one field, quoted if needed; the caller separates fields (gf_csv_append_row). */
void
gf_csv_append_field (GString    *csv,
                     const char *field)
{
  g_return_if_fail (csv != NULL);

  if (field == NULL)
    return;
  if (strpbrk (field, ";\"\r\n") == NULL)
    {
      g_string_append (csv, field);
      return;
    }
  g_string_append_c (csv, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  g_string_append_c (csv, '"');
}

/* Text people typed (a name, a bank, a reference) that starts like a formula ("=", "+",
 * "-", "@", or a tab or CR that some spreadsheets skip) gets a leading apostrophe, so a
 * spreadsheet shows it instead of running it (CSV injection). Not for amounts: "-12,50"
 * is a number. */
char *
gf_csv_defuse (const char *text)
{
  if (text != NULL && text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL)
    return g_strconcat ("'", text, NULL);
  return g_strdup (text);
}

void
gf_csv_append_text (GString    *csv,
                    const char *text)
{
  g_autofree char *safe = gf_csv_defuse (text);

  gf_csv_append_field (csv, safe);
}

void
gf_csv_append_row (GString            *csv,
                   const char * const *fields,
                   gsize               n_fields)
{
  g_return_if_fail (csv != NULL);

  for (gsize i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (csv, ';');
      gf_csv_append_field (csv, fields[i]);
    }
  g_string_append (csv, "\r\n");
}

/* "1243,11": no currency sign and no thousands separator, so spreadsheets in French
 * read a number they can add up. */
char *
gf_csv_amount (gint64 cents)
{
  return gf_money_format_plain (cents);
}
