/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The error domain for bad input everywhere in the project. Messages are
 * translated sentences that tell the person what to type instead. */
#define GF_INPUT_ERROR (gf_input_error_quark ())

typedef enum
{
  GF_INPUT_ERROR_REQUIRED,
  GF_INPUT_ERROR_INVALID,
  GF_INPUT_ERROR_TOO_LONG,
  GF_INPUT_ERROR_OUT_OF_RANGE,
  GF_INPUT_ERROR_DUPLICATE,
} GfInputError;

/* The longest e-mail address we accept (RFC 5321 path limit minus the brackets). */
#define GF_EMAIL_MAX_CHARS 254

GQuark   gf_input_error_quark    (void);

char    *gf_normalize_email      (const char  *text) G_GNUC_WARN_UNUSED_RESULT;
gboolean gf_validate_email       (const char  *text,
                                  GError     **error);

gboolean gf_validate_postal_code (const char  *text,
                                  GError     **error);

char    *gf_normalize_phone      (const char  *text,
                                  GError     **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean gf_validate_phone       (const char  *text,
                                  GError     **error);

gboolean gf_validate_citizen_password (const char *password,
                                       GError    **error);
gboolean gf_validate_text        (const char  *text,
                                  gsize        max_chars,
                                  gboolean     required,
                                  GError     **error);

G_END_DECLS
