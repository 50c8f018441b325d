/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Bytes of randomness in a token: 256 bits, written as 43 base64url characters. */
#define GF_TOKEN_BYTES 32
#define GF_TOKEN_HASH_BYTES 32
/* Longer passwords are refused before hashing, so nobody can make the server hash megabytes. */
#define GF_PASSWORD_MAX_BYTES 256

void      gf_crypto_init           (void);
char     *gf_password_hash         (const char    *password,
                                    GError       **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean  gf_password_verify       (const char    *hash,
                                    const char    *password);
gboolean  gf_password_needs_rehash (const char    *hash);
void      gf_random_bytes          (guint8        *buffer,
                                    gsize          length);
char     *gf_token_new             (void) G_GNUC_WARN_UNUSED_RESULT;
void      gf_token_hash            (const char    *token,
                                    guint8         out_hash[GF_TOKEN_HASH_BYTES]);
char     *gf_sha256_hex            (const guint8  *data,
                                    gsize          length) G_GNUC_WARN_UNUSED_RESULT;
gboolean  gf_memory_equal          (const guint8  *a,
                                    const guint8  *b,
                                    gsize          length);

G_END_DECLS
