/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gf-db.h"

G_BEGIN_DECLS

/* Single-use links sent by e-mail: activation (24 h), forgotten password (1 h), new e-mail
 * address (24 h). The database keeps only the SHA-256 of a token. */
typedef enum
{
  GF_CITIZEN_TOKEN_ACTIVATION,
  GF_CITIZEN_TOKEN_RESET,
  GF_CITIZEN_TOKEN_EMAIL_CHANGE,
} GfCitizenTokenKind;

/* How many links of one kind an account may receive in an hour: no mail bombing. */
#define GF_CITIZEN_TOKEN_MAX_PER_HOUR 3

char     *gf_citizen_token_create  (GfDb                *db,
                                    gint64               account_id,
                                    GfCitizenTokenKind   kind,
                                    const char          *new_email,
                                    GError             **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean  gf_citizen_token_check   (GfDb                *db,
                                    const char          *token,
                                    GfCitizenTokenKind   kind,
                                    gint64              *out_account_id,
                                    char               **out_new_email,
                                    GError             **error);
gboolean  gf_citizen_token_consume (GfDb                *db,
                                    const char          *token,
                                    GfCitizenTokenKind   kind,
                                    gint64              *out_account_id,
                                    char               **out_new_email,
                                    GError             **error);

G_END_DECLS
