/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Dates are stored as ISO 8601 text ("2024-08-19") and timestamps as UTC
 * ("2024-08-19T12:05:00Z"); people read them the French way. */

#define GF_DATE_MIN_YEAR 1900
#define GF_DATE_MAX_YEAR 2999

typedef struct
{
  GDate       date;
  const char *name; /* A static French literal, such as "Lundi de Pâques". */
} GfHoliday;

gboolean   gf_date_parse_iso          (const char   *text,
                                       GDate        *out,
                                       GError      **error);
char      *gf_date_to_iso             (const GDate  *date) G_GNUC_WARN_UNUSED_RESULT;

gboolean   gf_date_parse_fr           (const char   *text,
                                       GDate        *out,
                                       GError      **error);
char      *gf_date_format_fr          (const GDate  *date) G_GNUC_WARN_UNUSED_RESULT;
char      *gf_date_format_fr_long     (const GDate  *date) G_GNUC_WARN_UNUSED_RESULT;
char      *gf_date_format_iso_fr      (const char   *iso,
                                       const char   *fallback) G_GNUC_WARN_UNUSED_RESULT;

char      *gf_timestamp_from_now      (gint64 seconds) G_GNUC_WARN_UNUSED_RESULT;
char      *gf_timestamp_now           (void) G_GNUC_WARN_UNUSED_RESULT;
char      *gf_timestamp_from_datetime (GDateTime    *dt) G_GNUC_WARN_UNUSED_RESULT;
GDateTime *gf_timestamp_parse         (const char   *text,
                                       GError      **error) G_GNUC_WARN_UNUSED_RESULT;
char      *gf_timestamp_format_fr     (const char   *iso_ts) G_GNUC_WARN_UNUSED_RESULT;

void       gf_date_easter_sunday      (int           year,
                                       GDate        *out);
gboolean   gf_date_is_public_holiday  (const GDate  *date,
                                       const char  **name);
GArray    *gf_date_public_holidays    (int           year) G_GNUC_WARN_UNUSED_RESULT;

int        gf_date_age_on             (const GDate  *birth,
                                       const GDate  *on);

G_END_DECLS
