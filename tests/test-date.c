/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-date.h"
#include "gf-validate.h"

#include <string.h>

typedef struct
{
  const char *text;
  int         year;
  int         month;
  int         day;
} ValidDateCase;

typedef struct
{
  const char   *text;
  GfInputError  code;
} InvalidCase;

typedef struct
{
  const char *iso;
  const char *fr;
  const char *fr_long;
} FormatCase;

typedef struct
{
  const char *utc;
  const char *paris;
} TimestampCase;

typedef struct
{
  int         year;
  const char *easter;
} EasterCase;

typedef struct
{
  int         year;
  const char *dates[11];
} HolidayYearCase;

typedef struct
{
  const char *iso;
  const char *name; /* NULL when the day is not a holiday. */
} HolidayCase;

typedef struct
{
  const char *birth;
  const char *on;
  int         age;
} AgeCase;

static const ValidDateCase iso_valid_cases[] = {
  { .text = "2024-08-19", .year = 2024, .month = 8, .day = 19 },
  { .text = "2024-02-29", .year = 2024, .month = 2, .day = 29 },
  { .text = "2000-02-29", .year = 2000, .month = 2, .day = 29 },
  { .text = "1900-01-01", .year = 1900, .month = 1, .day = 1 },
  { .text = "2999-12-31", .year = 2999, .month = 12, .day = 31 },
  { .text = "2023-04-30", .year = 2023, .month = 4, .day = 30 },
};

static const InvalidCase iso_invalid_cases[] = {
  { .text = NULL, .code = GF_INPUT_ERROR_REQUIRED },
  { .text = "", .code = GF_INPUT_ERROR_REQUIRED },
  { .text = "2023-02-29", .code = GF_INPUT_ERROR_INVALID },
  { .text = "1900-02-29", .code = GF_INPUT_ERROR_INVALID },
  { .text = "2024-04-31", .code = GF_INPUT_ERROR_INVALID },
  { .text = "2024-13-01", .code = GF_INPUT_ERROR_INVALID },
  { .text = "2024-00-10", .code = GF_INPUT_ERROR_INVALID },
  { .text = "2024-08-00", .code = GF_INPUT_ERROR_INVALID },
  { .text = "2024-08-32", .code = GF_INPUT_ERROR_INVALID },
  { .text = "1899-12-31", .code = GF_INPUT_ERROR_OUT_OF_RANGE },
  { .text = "3000-01-01", .code = GF_INPUT_ERROR_OUT_OF_RANGE },
  { .text = "0000-01-01", .code = GF_INPUT_ERROR_OUT_OF_RANGE },
  { .text = "2024-8-19", .code = GF_INPUT_ERROR_INVALID },
  { .text = "2024-08-1", .code = GF_INPUT_ERROR_INVALID },
  { .text = "24-08-19", .code = GF_INPUT_ERROR_INVALID },
  { .text = "02024-08-19", .code = GF_INPUT_ERROR_INVALID },
  { .text = "2024/08/19", .code = GF_INPUT_ERROR_INVALID },
  { .text = "20240819", .code = GF_INPUT_ERROR_INVALID },
  { .text = " 2024-08-19", .code = GF_INPUT_ERROR_INVALID },
  { .text = "2024-08-19 ", .code = GF_INPUT_ERROR_INVALID },
  { .text = "2024-08-19T00:00:00Z", .code = GF_INPUT_ERROR_INVALID },
  { .text = "2024-08-1a", .code = GF_INPUT_ERROR_INVALID },
  { .text = "+2024-08-19", .code = GF_INPUT_ERROR_INVALID },
  { .text = "19/08/2024", .code = GF_INPUT_ERROR_INVALID },
};

static const ValidDateCase fr_valid_cases[] = {
  { .text = "19/08/2024", .year = 2024, .month = 8, .day = 19 },
  { .text = "19/8/2024", .year = 2024, .month = 8, .day = 19 },
  { .text = "1/1/2024", .year = 2024, .month = 1, .day = 1 },
  { .text = "01/01/2024", .year = 2024, .month = 1, .day = 1 },
  { .text = "29/02/2024", .year = 2024, .month = 2, .day = 29 },
  { .text = " 19/08/2024\n", .year = 2024, .month = 8, .day = 19 },
};

static const InvalidCase fr_invalid_cases[] = {
  { .text = NULL, .code = GF_INPUT_ERROR_REQUIRED },
  { .text = "", .code = GF_INPUT_ERROR_REQUIRED },
  { .text = "  ", .code = GF_INPUT_ERROR_REQUIRED },
  { .text = "29/02/2023", .code = GF_INPUT_ERROR_INVALID },
  { .text = "31/04/2024", .code = GF_INPUT_ERROR_INVALID },
  { .text = "32/01/2024", .code = GF_INPUT_ERROR_INVALID },
  { .text = "00/01/2024", .code = GF_INPUT_ERROR_INVALID },
  { .text = "19/13/2024", .code = GF_INPUT_ERROR_INVALID },
  { .text = "19/08/1899", .code = GF_INPUT_ERROR_OUT_OF_RANGE },
  { .text = "19/08/24", .code = GF_INPUT_ERROR_INVALID },
  { .text = "19/08/02024", .code = GF_INPUT_ERROR_INVALID },
  { .text = "019/08/2024", .code = GF_INPUT_ERROR_INVALID },
  { .text = "19-08-2024", .code = GF_INPUT_ERROR_INVALID },
  { .text = "19.08.2024", .code = GF_INPUT_ERROR_INVALID },
  { .text = "19/08/2024x", .code = GF_INPUT_ERROR_INVALID },
  { .text = "19 / 08 / 2024", .code = GF_INPUT_ERROR_INVALID },
  { .text = "19//2024", .code = GF_INPUT_ERROR_INVALID },
  { .text = "2024-08-19", .code = GF_INPUT_ERROR_INVALID },
  { .text = "19 août 2024", .code = GF_INPUT_ERROR_INVALID },
};

static const FormatCase format_cases[] = {
  { .iso = "2024-08-19", .fr = "19/08/2024", .fr_long = "lundi 19 août 2024" },
  { .iso = "2024-01-01", .fr = "01/01/2024", .fr_long = "lundi 1er janvier 2024" },
  { .iso = "2024-02-29", .fr = "29/02/2024", .fr_long = "jeudi 29 février 2024" },
  { .iso = "2023-12-25", .fr = "25/12/2023", .fr_long = "lundi 25 décembre 2023" },
  { .iso = "2025-03-09", .fr = "09/03/2025", .fr_long = "dimanche 9 mars 2025" },
  { .iso = "2026-07-14", .fr = "14/07/2026", .fr_long = "mardi 14 juillet 2026" },
  { .iso = "1900-01-01", .fr = "01/01/1900", .fr_long = "lundi 1er janvier 1900" },
  { .iso = "2999-12-31", .fr = "31/12/2999", .fr_long = "mardi 31 décembre 2999" },
};

static const TimestampCase timestamp_cases[] = {
  { .utc = "2024-08-19T12:05:00Z", .paris = "19/08/2024 à 14:05" },
  { .utc = "2024-01-15T09:30:59Z", .paris = "15/01/2024 à 10:30" },
  { .utc = "2024-12-31T23:30:00Z", .paris = "01/01/2025 à 00:30" },
  /* Either side of the change to summer time, 31 March 2024 at 01:00 UTC. */
  { .utc = "2024-03-31T00:59:00Z", .paris = "31/03/2024 à 01:59" },
  { .utc = "2024-03-31T01:00:00Z", .paris = "31/03/2024 à 03:00" },
};

static const char * const timestamp_invalid_cases[] = {
  NULL,
  "",
  "2024-08-19T12:05:00",
  "2024-08-19 12:05:00Z",
  "2024-08-19T12:05Z",
  "2024-08-19T12:05:00+02:00",
  "2024-08-19T12:05:00.123Z",
  "2024-08-19T12:05:00z",
  "2024-08-19T24:00:00Z",
  "2024-08-19T12:60:00Z",
  "2024-08-19T12:05:60Z",
  "2024-02-30T00:00:00Z",
  "2023-02-29T00:00:00Z",
  "0000-01-01T00:00:00Z",
  "2024-8-19T12:05:00Z",
  " 2024-08-19T12:05:00Z",
  "2024-08-19T12:05:00Z ",
};

static const EasterCase easter_cases[] = {
  { .year = 1818, .easter = "1818-03-22" }, /* The earliest possible date. */
  { .year = 1943, .easter = "1943-04-25" }, /* The latest possible date. */
  { .year = 2000, .easter = "2000-04-23" },
  { .year = 2008, .easter = "2008-03-23" },
  { .year = 2011, .easter = "2011-04-24" },
  { .year = 2019, .easter = "2019-04-21" },
  { .year = 2024, .easter = "2024-03-31" },
  { .year = 2025, .easter = "2025-04-20" },
  { .year = 2026, .easter = "2026-04-05" },
  { .year = 2027, .easter = "2027-03-28" },
  { .year = 2038, .easter = "2038-04-25" },
  { .year = 2285, .easter = "2285-03-22" },
};

static const char * const holiday_names[11] = {
  "Jour de l'an", "Lundi de Pâques", "Fête du Travail", "Victoire 1945", "Ascension",
  "Lundi de Pentecôte", "Fête nationale", "Assomption", "Toussaint", "Armistice 1918", "Noël",
};

static const HolidayYearCase holiday_year_cases[] = {
  { .year = 2024, .dates = { "2024-01-01", "2024-04-01", "2024-05-01", "2024-05-08", "2024-05-09",
                             "2024-05-20", "2024-07-14", "2024-08-15", "2024-11-01", "2024-11-11",
                             "2024-12-25" } },
  { .year = 2025, .dates = { "2025-01-01", "2025-04-21", "2025-05-01", "2025-05-08", "2025-05-29",
                             "2025-06-09", "2025-07-14", "2025-08-15", "2025-11-01", "2025-11-11",
                             "2025-12-25" } },
  { .year = 2026, .dates = { "2026-01-01", "2026-04-06", "2026-05-01", "2026-05-08", "2026-05-14",
                             "2026-05-25", "2026-07-14", "2026-08-15", "2026-11-01", "2026-11-11",
                             "2026-12-25" } },
  { .year = 2027, .dates = { "2027-01-01", "2027-03-29", "2027-05-01", "2027-05-08", "2027-05-06",
                             "2027-05-17", "2027-07-14", "2027-08-15", "2027-11-01", "2027-11-11",
                             "2027-12-25" } },
};

static const HolidayCase holiday_cases[] = {
  { .iso = "2024-05-08", .name = "Victoire 1945" },
  { .iso = "2024-05-09", .name = "Ascension" },
  { .iso = "2025-06-09", .name = "Lundi de Pentecôte" },
  { .iso = "2026-04-06", .name = "Lundi de Pâques" },
  { .iso = "2027-12-25", .name = "Noël" },
  { .iso = "2024-03-31", .name = NULL }, /* Easter Sunday is a Sunday, not a holiday. */
  { .iso = "2024-05-10", .name = NULL },
  { .iso = "2024-05-19", .name = NULL },
  { .iso = "2025-12-26", .name = NULL },
  { .iso = "2024-08-19", .name = NULL },
};

static const AgeCase age_cases[] = {
  { .birth = "2000-08-19", .on = "2024-08-18", .age = 23 },
  { .birth = "2000-08-19", .on = "2024-08-19", .age = 24 },
  { .birth = "2000-08-19", .on = "2024-12-31", .age = 24 },
  { .birth = "2020-05-01", .on = "2020-05-01", .age = 0 },
  { .birth = "2020-05-01", .on = "2021-04-30", .age = 0 },
  { .birth = "2020-05-01", .on = "2021-05-01", .age = 1 },
  { .birth = "2008-02-29", .on = "2025-02-28", .age = 16 },
  { .birth = "2008-02-29", .on = "2025-03-01", .age = 17 },
  { .birth = "2008-02-29", .on = "2024-02-29", .age = 16 },
  { .birth = "2020-05-01", .on = "2020-04-30", .age = -1 },
};

static void
date_from_iso (const char *iso,
               GDate      *out)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gf_date_parse_iso (iso, out, &error));
  g_assert_no_error (error);
}

static void
assert_date (const GDate *date,
             int          year,
             int          month,
             int          day)
{
  g_assert_true (g_date_valid (date));
  g_assert_cmpint (g_date_get_year (date), ==, year);
  g_assert_cmpint (g_date_get_month (date), ==, month);
  g_assert_cmpint (g_date_get_day (date), ==, day);
}

static void
assert_date_iso (const GDate *date,
                 const char  *iso)
{
  g_autofree char *text = gf_date_to_iso (date);

  g_assert_cmpstr (text, ==, iso);
}

static void
test_iso_valid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (iso_valid_cases); i++)
    {
      const ValidDateCase *c = &iso_valid_cases[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *back = NULL;
      GDate date;

      g_assert_true (gf_date_parse_iso (c->text, &date, &error));
      g_assert_no_error (error);
      assert_date (&date, c->year, c->month, c->day);

      back = gf_date_to_iso (&date);
      g_assert_cmpstr (back, ==, c->text);
    }
}

static void
check_invalid (gboolean (*parse) (const char *, GDate *, GError **),
               const InvalidCase *cases,
               gsize              n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      const InvalidCase *c = &cases[i];
      g_autoptr(GError) error = NULL;
      GDate date;

      g_test_message ("parsing \"%s\"", c->text != NULL ? c->text : "(null)");
      g_assert_false (parse (c->text, &date, &error));
      g_assert_error (error, GF_INPUT_ERROR, (int) c->code);
      g_assert_true (g_str_has_suffix (error->message, "."));
      g_assert_false (parse (c->text, NULL, NULL));
    }
}

static void
test_iso_invalid (void)
{
  check_invalid (gf_date_parse_iso, iso_invalid_cases, G_N_ELEMENTS (iso_invalid_cases));
}

static void
test_fr_valid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (fr_valid_cases); i++)
    {
      const ValidDateCase *c = &fr_valid_cases[i];
      g_autoptr(GError) error = NULL;
      GDate date;

      g_assert_true (gf_date_parse_fr (c->text, &date, &error));
      g_assert_no_error (error);
      assert_date (&date, c->year, c->month, c->day);
    }
}

static void
test_fr_invalid (void)
{
  check_invalid (gf_date_parse_fr, fr_invalid_cases, G_N_ELEMENTS (fr_invalid_cases));
}

static void
test_format (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_cases); i++)
    {
      const FormatCase *c = &format_cases[i];
      g_autofree char *fr = NULL;
      g_autofree char *fr_long = NULL;
      g_autofree char *via_iso = NULL;
      GDate date;
      GDate back;

      date_from_iso (c->iso, &date);
      fr = gf_date_format_fr (&date);
      fr_long = gf_date_format_fr_long (&date);
      via_iso = gf_date_format_iso_fr (c->iso, "?");

      g_assert_cmpstr (fr, ==, c->fr);
      g_assert_cmpstr (fr_long, ==, c->fr_long);
      g_assert_cmpstr (via_iso, ==, c->fr);

      /* What we print, we read back. */
      g_assert_true (gf_date_parse_fr (fr, &back, NULL));
      g_assert_cmpint (g_date_compare (&date, &back), ==, 0);
    }
}

static void
test_format_julian (void)
{
  g_autofree char *iso = NULL;
  g_autofree char *fr_long = NULL;
  GDate dmy;
  GDate date;

  /* A GDate set from a Julian day number, not from day, month and year. */
  date_from_iso ("2024-08-19", &dmy);
  g_date_clear (&date, 1);
  g_date_set_julian (&date, g_date_get_julian (&dmy));
  iso = gf_date_to_iso (&date);
  fr_long = gf_date_format_fr_long (&date);
  g_assert_cmpstr (iso, ==, "2024-08-19");
  g_assert_cmpstr (fr_long, ==, "lundi 19 août 2024");
}

static void
test_iso_fr_fallback (void)
{
  g_autofree char *bad = gf_date_format_iso_fr ("2023-02-29", "—");
  g_autofree char *missing = gf_date_format_iso_fr (NULL, "inconnue");
  g_autofree char *no_fallback = gf_date_format_iso_fr ("19/08/2024", NULL);

  g_assert_cmpstr (bad, ==, "—");
  g_assert_cmpstr (missing, ==, "inconnue");
  g_assert_null (no_fallback);
}

static void
test_timestamp_round_trip (void)
{
  g_autoptr(GTimeZone) plus_two = g_time_zone_new_offset (2 * 3600);
  g_autoptr(GDateTime) local = g_date_time_new (plus_two, 2024, 8, 19, 14, 5, 30.75);
  g_autofree char *from_local = gf_timestamp_from_datetime (local);
  g_autofree char *now = gf_timestamp_now ();
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) parsed_now = NULL;
  g_autofree char *back = NULL;
  g_autoptr(GError) error = NULL;

  /* Converted to UTC and truncated to the second. */
  g_assert_cmpstr (from_local, ==, "2024-08-19T12:05:30Z");

  parsed = gf_timestamp_parse (from_local, &error);
  g_assert_no_error (error);
  g_assert_nonnull (parsed);
  g_assert_cmpint (g_date_time_get_utc_offset (parsed), ==, 0);
  g_assert_cmpint (g_date_time_to_unix (parsed), ==, g_date_time_to_unix (local));
  back = gf_timestamp_from_datetime (parsed);
  g_assert_cmpstr (back, ==, from_local);

  g_assert_cmpuint (strlen (now), ==, 20);
  parsed_now = gf_timestamp_parse (now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (parsed_now);
}

static void
test_timestamp_invalid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (timestamp_invalid_cases); i++)
    {
      const char *text = timestamp_invalid_cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(GDateTime) dt = NULL;
      g_autofree char *display = NULL;

      g_test_message ("parsing \"%s\"", text != NULL ? text : "(null)");
      dt = gf_timestamp_parse (text, &error);
      g_assert_null (dt);
      g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);

      display = gf_timestamp_format_fr (text);
      g_assert_null (display);
    }
}

static void
test_timestamp_format_fr (void)
{
  g_autoptr(GTimeZone) paris = g_time_zone_new_identifier ("Europe/Paris");

  if (paris == NULL)
    {
      g_test_skip ("No time zone data for Europe/Paris");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (timestamp_cases); i++)
    {
      const TimestampCase *c = &timestamp_cases[i];
      g_autofree char *display = gf_timestamp_format_fr (c->utc);

      g_assert_cmpstr (display, ==, c->paris);
    }
}

static void
test_easter (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (easter_cases); i++)
    {
      const EasterCase *c = &easter_cases[i];
      GDate easter;

      gf_date_easter_sunday (c->year, &easter);
      assert_date_iso (&easter, c->easter);
      g_assert_cmpint (g_date_get_weekday (&easter), ==, G_DATE_SUNDAY);
    }
}

static void
test_holidays_by_year (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (holiday_year_cases); i++)
    {
      const HolidayYearCase *c = &holiday_year_cases[i];
      g_autoptr(GArray) holidays = gf_date_public_holidays (c->year);

      g_assert_nonnull (holidays);
      g_assert_cmpuint (holidays->len, ==, G_N_ELEMENTS (holiday_names));

      for (guint j = 0; j < G_N_ELEMENTS (holiday_names); j++)
        {
          GDate expected;
          gboolean found = FALSE;

          date_from_iso (c->dates[j], &expected);

          for (guint k = 0; k < holidays->len; k++)
            {
              const GfHoliday *holiday = &g_array_index (holidays, GfHoliday, k);

              if (g_strcmp0 (holiday->name, holiday_names[j]) == 0)
                {
                  g_assert_false (found);
                  found = TRUE;
                  assert_date_iso (&holiday->date, c->dates[j]);
                }
            }
          g_assert_true (found);
        }

      for (guint k = 1; k < holidays->len; k++)
        g_assert_cmpint (g_date_compare (&g_array_index (holidays, GfHoliday, k - 1).date,
                                         &g_array_index (holidays, GfHoliday, k).date), <, 0);
    }
}

static void
test_holidays_ties (void)
{
  /* In 2008 Ascension fell on 1 May. */
  g_autoptr(GArray) holidays = gf_date_public_holidays (2008);
  const char *name = NULL;
  GDate may_day;

  g_assert_cmpuint (holidays->len, ==, 11);
  for (guint k = 1; k < holidays->len; k++)
    g_assert_cmpint (g_date_compare (&g_array_index (holidays, GfHoliday, k - 1).date,
                                     &g_array_index (holidays, GfHoliday, k).date), <=, 0);

  date_from_iso ("2008-05-01", &may_day);
  g_assert_true (gf_date_is_public_holiday (&may_day, &name));
  g_assert_nonnull (name);
}

static void
test_is_public_holiday (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (holiday_cases); i++)
    {
      const HolidayCase *c = &holiday_cases[i];
      const char *name = "unset";
      GDate date;

      date_from_iso (c->iso, &date);
      g_assert_true (gf_date_is_public_holiday (&date, &name) == (c->name != NULL));
      g_assert_cmpstr (name, ==, c->name);
      g_assert_true (gf_date_is_public_holiday (&date, NULL) == (c->name != NULL));
    }
}

static void
test_age (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (age_cases); i++)
    {
      const AgeCase *c = &age_cases[i];
      GDate birth;
      GDate on;

      date_from_iso (c->birth, &birth);
      date_from_iso (c->on, &on);
      g_assert_cmpint (gf_date_age_on (&birth, &on), ==, c->age);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/gf/date/iso/valid", test_iso_valid);
  g_test_add_func ("/gf/date/iso/invalid", test_iso_invalid);
  g_test_add_func ("/gf/date/fr/valid", test_fr_valid);
  g_test_add_func ("/gf/date/fr/invalid", test_fr_invalid);
  g_test_add_func ("/gf/date/format", test_format);
  g_test_add_func ("/gf/date/format/julian", test_format_julian);
  g_test_add_func ("/gf/date/format/iso-fr-fallback", test_iso_fr_fallback);
  g_test_add_func ("/gf/date/timestamp/round-trip", test_timestamp_round_trip);
  g_test_add_func ("/gf/date/timestamp/invalid", test_timestamp_invalid);
  g_test_add_func ("/gf/date/timestamp/format-fr", test_timestamp_format_fr);
  g_test_add_func ("/gf/date/easter", test_easter);
  g_test_add_func ("/gf/date/holidays/by-year", test_holidays_by_year);
  g_test_add_func ("/gf/date/holidays/ties", test_holidays_ties);
  g_test_add_func ("/gf/date/holidays/is-holiday", test_is_public_holiday);
  g_test_add_func ("/gf/date/age", test_age);

  return g_test_run ();
}
