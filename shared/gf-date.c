/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-date.h"

#include "gf-i18n.h"
#include "gf-validate.h"

#include <string.h>

#define N_HOLIDAYS 11
#define GREGORIAN_FIRST_YEAR 1583

/* Written out here rather than taken from the C locale: the programs run under
 * whatever locale the server has, and the output must be French regardless. */
static const char * const weekday_names[] = {
  [G_DATE_MONDAY] = "lundi",
  [G_DATE_TUESDAY] = "mardi",
  [G_DATE_WEDNESDAY] = "mercredi",
  [G_DATE_THURSDAY] = "jeudi",
  [G_DATE_FRIDAY] = "vendredi",
  [G_DATE_SATURDAY] = "samedi",
  [G_DATE_SUNDAY] = "dimanche",
};

static const char * const month_names[] = {
  [G_DATE_JANUARY] = "janvier",
  [G_DATE_FEBRUARY] = "février",
  [G_DATE_MARCH] = "mars",
  [G_DATE_APRIL] = "avril",
  [G_DATE_MAY] = "mai",
  [G_DATE_JUNE] = "juin",
  [G_DATE_JULY] = "juillet",
  [G_DATE_AUGUST] = "août",
  [G_DATE_SEPTEMBER] = "septembre",
  [G_DATE_OCTOBER] = "octobre",
  [G_DATE_NOVEMBER] = "novembre",
  [G_DATE_DECEMBER] = "décembre",
};

/*
 * Auxiliary methods
 */

/* Reads between @min and @max ASCII digits at *@p and advances past them. */
static gboolean
read_number (const char **p,
             guint        min,
             guint        max,
             int         *out)
{
  guint n = 0;
  int value = 0;

  while (n < max && g_ascii_isdigit ((*p)[n]))
    {
      value = value * 10 + ((*p)[n] - '0');
      n++;
    }

  if (n < min)
    return FALSE;

  *p += n;
  *out = value;
  return TRUE;
}

static gboolean
expect_char (const char **p,
             char         c)
{
  if (**p != c)
    return FALSE;
  (*p)++;
  return TRUE;
}

/* Shared by both parsers once the text has been split into numbers. */
static gboolean
set_checked_date (int      year,
                  int      month,
                  int      day,
                  GDate   *out,
                  GError **error)
{
  if (year < GF_DATE_MIN_YEAR || year > GF_DATE_MAX_YEAR)
    {
      g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_OUT_OF_RANGE,
                   _("Enter a year between %d and %d."), GF_DATE_MIN_YEAR, GF_DATE_MAX_YEAR);
      return FALSE;
    }

  if (month < 1 || month > 12 || day < 1 || day > 31 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      g_set_error_literal (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                           _("Check the day and the month: this date does not exist."));
      return FALSE;
    }

  if (out != NULL)
    {
      g_date_clear (out, 1);
      g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
    }

  return TRUE;
}

static GTimeZone *
paris_time_zone (void)
{
  static GTimeZone *zone = NULL;

  if (g_once_init_enter (&zone))
    {
      GTimeZone *tz = g_time_zone_new_identifier ("Europe/Paris");

      if (tz == NULL)
        {
          g_debug ("No time zone data for Europe/Paris; showing times in UTC");
          tz = g_time_zone_new_utc ();
        }

      g_once_init_leave (&zone, tz);
    }

  return zone;
}

static void
add_holiday (GArray      *holidays,
             const GDate *date,
             const char  *name)
{
  GfHoliday holiday = { .name = name };

  holiday.date = *date;
  g_array_append_val (holidays, holiday);
}

static void
add_fixed_holiday (GArray     *holidays,
                   int         year,
                   GDateMonth  month,
                   GDateDay    day,
                   const char *name)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, (GDateYear) year);
  add_holiday (holidays, &date, name);
}

static void
add_easter_holiday (GArray      *holidays,
                    const GDate *easter,
                    guint        days_after,
                    const char  *name)
{
  GDate date = *easter;

  g_date_add_days (&date, days_after);
  add_holiday (holidays, &date, name);
}

static int
compare_holidays (gconstpointer a,
                  gconstpointer b)
{
  const GfHoliday *ha = a;
  const GfHoliday *hb = b;

  return g_date_compare (&ha->date, &hb->date);
}

/*
 * Public API
 */

/**
 * gf_date_parse_iso:
 * @text: (nullable): a stored date such as "2024-08-19"
 * @out: (out caller-allocates) (optional): the date
 * @error: return location for a #GF_INPUT_ERROR
 *
 * Strictly `YYYY-MM-DD`, a date that exists, with a year from %GF_DATE_MIN_YEAR to
 * %GF_DATE_MAX_YEAR.
 *
 * Returns: %TRUE if @text is such a date
 */
gboolean
gf_date_parse_iso (const char  *text,
                   GDate       *out,
                   GError     **error)
{
  const char *p = text;
  int year, month, day;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL || *text == '\0')
    {
      g_set_error_literal (error, GF_INPUT_ERROR, GF_INPUT_ERROR_REQUIRED,
                           _("Enter a date in the form YYYY-MM-DD, for example 2024-08-19."));
      return FALSE;
    }

  if (!read_number (&p, 4, 4, &year) || !expect_char (&p, '-') ||
      !read_number (&p, 2, 2, &month) || !expect_char (&p, '-') ||
      !read_number (&p, 2, 2, &day) || *p != '\0')
    {
      g_set_error_literal (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                           _("Enter a date in the form YYYY-MM-DD, for example 2024-08-19."));
      return FALSE;
    }

  return set_checked_date (year, month, day, out, error);
}

/**
 * gf_date_to_iso:
 * @date: a valid date
 *
 * Returns: (transfer full): the date as "2024-08-19"
 */
char *
gf_date_to_iso (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u",
                          (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}

/**
 * gf_date_parse_fr:
 * @text: (nullable): what the person typed, such as "19/08/2024" or "19/8/2024"
 * @out: (out caller-allocates) (optional): the date
 * @error: return location for a #GF_INPUT_ERROR
 *
 * Reads a day and a month of one or two digits and a year of four, separated by
 * slashes. White space around the text is ignored; nothing else is.
 *
 * Returns: %TRUE if @text is such a date
 */
gboolean
gf_date_parse_fr (const char  *text,
                  GDate       *out,
                  GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  const char *p = copy;
  int year, month, day;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (*copy == '\0')
    {
      g_set_error_literal (error, GF_INPUT_ERROR, GF_INPUT_ERROR_REQUIRED,
                           _("Enter a date in the form DD/MM/YYYY, for example 19/08/2024."));
      return FALSE;
    }

  if (!read_number (&p, 1, 2, &day) || !expect_char (&p, '/') ||
      !read_number (&p, 1, 2, &month) || !expect_char (&p, '/') ||
      !read_number (&p, 4, 4, &year) || *p != '\0')
    {
      g_set_error_literal (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                           _("Enter a date in the form DD/MM/YYYY, for example 19/08/2024."));
      return FALSE;
    }

  return set_checked_date (year, month, day, out, error);
}

/**
 * gf_date_format_fr:
 * @date: a valid date
 *
 * Returns: (transfer full): the date as "19/08/2024"
 */
char *
gf_date_format_fr (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%02u/%02u/%04u",
                          (guint) g_date_get_day (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_year (date));
}

/**
 * gf_date_format_fr_long:
 * @date: a valid date
 *
 * Returns: (transfer full): the date as "lundi 19 août 2024", and "1er" for the
 *   first day of a month as French typography wants
 */
char *
gf_date_format_fr_long (const GDate *date)
{
  guint day;

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  day = g_date_get_day (date);

  return g_strdup_printf ("%s %u%s %s %u",
                          weekday_names[g_date_get_weekday (date)],
                          day, day == 1 ? "er" : "",
                          month_names[g_date_get_month (date)],
                          (guint) g_date_get_year (date));
}

/**
 * gf_date_format_iso_fr:
 * @iso: (nullable): a stored date such as "2024-08-19"
 * @fallback: (nullable): what to show when @iso is not a valid date
 *
 * Returns: (transfer full) (nullable): "19/08/2024", or a copy of @fallback
 */
char *
gf_date_format_iso_fr (const char *iso,
                       const char *fallback)
{
  GDate date;

  if (!gf_date_parse_iso (iso, &date, NULL))
    return g_strdup (fallback);

  return gf_date_format_fr (&date);
}

/**
 * gf_timestamp_now:
 *
 * Returns: (transfer full): the current time as "2024-08-19T12:05:00Z"
 */
char *
gf_timestamp_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return gf_timestamp_from_datetime (now);
}

/**
 * gf_timestamp_from_now:
 * @seconds: how far from now, negative for the past
 *
 * Returns: (transfer full): that moment as "2024-08-19T12:05:00Z", for expiries, locks
 *   and "in the last hour" comparisons (ISO timestamps compare as text)
 */
char *
gf_timestamp_from_now (gint64 seconds)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_seconds (now, (gdouble)seconds);

  return gf_timestamp_from_datetime (then);
}

/**
 * gf_timestamp_from_datetime:
 * @dt: a time in any time zone
 *
 * Returns: (transfer full): @dt in UTC as "2024-08-19T12:05:00Z", to the second
 */
char *
gf_timestamp_from_datetime (GDateTime *dt)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (dt != NULL, NULL);

  utc = g_date_time_to_utc (dt);
  g_return_val_if_fail (utc != NULL, NULL);

  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ",
                          g_date_time_get_year (utc),
                          g_date_time_get_month (utc),
                          g_date_time_get_day_of_month (utc),
                          g_date_time_get_hour (utc),
                          g_date_time_get_minute (utc),
                          g_date_time_get_second (utc));
}

/**
 * gf_timestamp_parse:
 * @text: (nullable): a stored time stamp such as "2024-08-19T12:05:00Z"
 * @error: return location for a #GF_INPUT_ERROR
 *
 * Strictly the format gf_timestamp_from_datetime() writes.
 *
 * Returns: (transfer full) (nullable): the time in UTC, or %NULL with @error set
 */
GDateTime *
gf_timestamp_parse (const char  *text,
                    GError     **error)
{
  const char *p = text;
  int year, month, day, hour, minute, second;
  GDateTime *dt = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (p != NULL &&
      read_number (&p, 4, 4, &year) && expect_char (&p, '-') &&
      read_number (&p, 2, 2, &month) && expect_char (&p, '-') &&
      read_number (&p, 2, 2, &day) && expect_char (&p, 'T') &&
      read_number (&p, 2, 2, &hour) && expect_char (&p, ':') &&
      read_number (&p, 2, 2, &minute) && expect_char (&p, ':') &&
      read_number (&p, 2, 2, &second) && expect_char (&p, 'Z') &&
      *p == '\0')
    {
      /* Returns NULL for values out of range, such as 2023-02-29 or 24:00:00. */
      dt = g_date_time_new_utc (year, month, day, hour, minute, second);
    }

  if (dt == NULL)
    g_set_error_literal (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                         _("Enter a date and time such as 2024-08-19T12:05:00Z (UTC, to the second)."));

  return dt;
}

/**
 * gf_timestamp_format_fr:
 * @iso_ts: (nullable): a stored time stamp such as "2024-08-19T12:05:00Z"
 *
 * Shows a time stamp in the time of metropolitan France (UTC when the system has
 * no time zone data).
 *
 * Returns: (transfer full) (nullable): "19/08/2024 à 14:05", or %NULL when @iso_ts
 *   is not a time stamp
 */
char *
gf_timestamp_format_fr (const char *iso_ts)
{
  g_autoptr(GDateTime) utc = gf_timestamp_parse (iso_ts, NULL);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return NULL;

  local = g_date_time_to_timezone (utc, paris_time_zone ());
  if (local == NULL)
    return NULL;

  return g_date_time_format (local, "%d/%m/%Y à %H:%M");
}

/**
 * gf_date_easter_sunday:
 * @year: a year of the Gregorian calendar (1583 or later)
 * @out: (out caller-allocates): Easter Sunday of @year
 *
 * The anonymous Gregorian algorithm (Meeus/Jones/Butcher).
 */
void
gf_date_easter_sunday (int    year,
                       GDate *out)
{
  int a, b, c, d, e, f, g, h, i, k, l, m, n;

  g_return_if_fail (out != NULL);
  g_return_if_fail (year >= GREGORIAN_FIRST_YEAR && year <= G_MAXUINT16);

  a = year % 19;
  b = year / 100;
  c = year % 100;
  d = b / 4;
  e = b % 4;
  f = (b + 8) / 25;
  g = (b - f + 1) / 3;
  h = (19 * a + b - d - g + 15) % 30;
  i = c / 4;
  k = c % 4;
  l = (32 + 2 * e + 2 * i - h - k) % 7;
  m = (a + 11 * h + 22 * l) / 451;
  n = h + l - 7 * m + 114;

  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) (n % 31 + 1), (GDateMonth) (n / 31), (GDateYear) year);
}

/**
 * gf_date_public_holidays:
 * @year: a year of the Gregorian calendar (1583 to 9999)
 *
 * The eleven public holidays of metropolitan France, by the rules in force today
 * (Alsace-Moselle's two extra days are not included).
 *
 * Returns: (transfer full) (element-type GfHoliday): the holidays sorted by date
 */
GArray *
gf_date_public_holidays (int year)
{
  g_autoptr(GArray) holidays = NULL;
  GDate easter;

  g_return_val_if_fail (year >= GREGORIAN_FIRST_YEAR && year <= 9999, NULL);

  holidays = g_array_sized_new (FALSE, TRUE, sizeof (GfHoliday), N_HOLIDAYS);
  gf_date_easter_sunday (year, &easter);

  add_fixed_holiday (holidays, year, G_DATE_JANUARY, 1, "Jour de l'an");
  add_easter_holiday (holidays, &easter, 1, "Lundi de Pâques");
  add_fixed_holiday (holidays, year, G_DATE_MAY, 1, "Fête du Travail");
  add_fixed_holiday (holidays, year, G_DATE_MAY, 8, "Victoire 1945");
  add_easter_holiday (holidays, &easter, 39, "Ascension");
  add_easter_holiday (holidays, &easter, 50, "Lundi de Pentecôte");
  add_fixed_holiday (holidays, year, G_DATE_JULY, 14, "Fête nationale");
  add_fixed_holiday (holidays, year, G_DATE_AUGUST, 15, "Assomption");
  add_fixed_holiday (holidays, year, G_DATE_NOVEMBER, 1, "Toussaint");
  add_fixed_holiday (holidays, year, G_DATE_NOVEMBER, 11, "Armistice 1918");
  add_fixed_holiday (holidays, year, G_DATE_DECEMBER, 25, "Noël");

  /* Ascension may fall on 1 or 8 May (it did in 2008); a stable sort keeps the
   * order above for such ties. */
  g_array_sort (holidays, compare_holidays);

  return g_steal_pointer (&holidays);
}

/**
 * gf_date_is_public_holiday:
 * @date: a valid date
 * @name: (out) (optional) (nullable): the holiday's French name, or %NULL
 *
 * Returns: %TRUE if @date is a public holiday in metropolitan France
 */
gboolean
gf_date_is_public_holiday (const GDate  *date,
                           const char  **name)
{
  g_autoptr(GArray) holidays = NULL;
  int year;

  if (name != NULL)
    *name = NULL;

  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  year = g_date_get_year (date);
  if (year < GREGORIAN_FIRST_YEAR || year > 9999)
    return FALSE;

  holidays = gf_date_public_holidays (year);
  for (guint i = 0; i < holidays->len; i++)
    {
      const GfHoliday *holiday = &g_array_index (holidays, GfHoliday, i);

      if (g_date_compare (&holiday->date, date) == 0)
        {
          if (name != NULL)
            *name = holiday->name;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * gf_date_age_on:
 * @birth: a valid date of birth
 * @on: a valid date
 *
 * Counts the birthdays reached on @on. Someone born on 29 February turns a year
 * older on 1 March in common years.
 *
 * Returns: the age in full years, negative if @on precedes @birth
 */
int
gf_date_age_on (const GDate *birth,
                const GDate *on)
{
  int age;

  g_return_val_if_fail (birth != NULL && g_date_valid (birth), 0);
  g_return_val_if_fail (on != NULL && g_date_valid (on), 0);

  age = (int) g_date_get_year (on) - (int) g_date_get_year (birth);

  if (g_date_get_month (on) < g_date_get_month (birth) ||
      (g_date_get_month (on) == g_date_get_month (birth) &&
       g_date_get_day (on) < g_date_get_day (birth)))
    age--;

  return age;
}
