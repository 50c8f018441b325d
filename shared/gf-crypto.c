/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-crypto.h"
#include "gf-i18n.h"
#include "gf-validate.h"

#include <gio/gio.h>
#include <sodium.h>

/* OWASP's Argon2id parameters (DESIGN.md): 19 MiB of memory, 2 passes, 1 lane. */
#define PWHASH_OPSLIMIT 2
#define PWHASH_MEMLIMIT (19 * 1024 * 1024)

void
gf_crypto_init (void)
{
  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");
}

/**
 * gf_password_hash:
 *
 * Hashes with Argon2id: slow and memory-hungry on purpose, so call it from a worker
 * thread, never from a main loop.
 *
 * Returns: (transfer full): the encoded hash ("$argon2id$v=19$m=19456,t=2,p=1$…")
 */
char *
gf_password_hash (const char  *password,
                  GError     **error)
{
  char out[crypto_pwhash_STRBYTES];
  gsize length;

  g_return_val_if_fail (password != NULL, NULL);

  gf_crypto_init ();

  length = strlen (password);
  if (length == 0 || length > GF_PASSWORD_MAX_BYTES)
    {
      g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_OUT_OF_RANGE,
                   _("A password must have between 1 and %d characters."),
                   GF_PASSWORD_MAX_BYTES);
      return NULL;
    }

  if (crypto_pwhash_str_alg (out, password, length, PWHASH_OPSLIMIT, PWHASH_MEMLIMIT,
                             crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   "not enough memory to hash a password");
      return NULL;
    }

  return g_strdup (out);
}

gboolean
gf_password_verify (const char *hash,
                    const char *password)
{
  gsize length;

  if (hash == NULL || password == NULL)
    return FALSE;

  gf_crypto_init ();

  length = strlen (password);
  if (length == 0 || length > GF_PASSWORD_MAX_BYTES ||
      strlen (hash) >= crypto_pwhash_STRBYTES)
    return FALSE;

  return crypto_pwhash_str_verify (hash, password, length) == 0;
}

/* TRUE when @hash was made with other parameters than today's: rehash at next login. */
gboolean
gf_password_needs_rehash (const char *hash)
{
  g_return_val_if_fail (hash != NULL, TRUE);

  gf_crypto_init ();

  return crypto_pwhash_str_needs_rehash (hash, PWHASH_OPSLIMIT, PWHASH_MEMLIMIT) != 0;
}

void
gf_random_bytes (guint8 *buffer,
                 gsize   length)
{
  gf_crypto_init ();
  randombytes_buf (buffer, length);
}

/**
 * gf_token_new:
 *
 * Returns: (transfer full): 256 random bits from the system's CSPRNG, base64url without
 * padding, safe in a URL as it is
 */
char *
gf_token_new (void)
{
  guint8 raw[GF_TOKEN_BYTES];
  char out[sodium_base64_ENCODED_LEN (GF_TOKEN_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];

  gf_random_bytes (raw, sizeof raw);
  sodium_bin2base64 (out, sizeof out, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero (raw, sizeof raw);

  return g_strdup (out);
}

/* What the database keeps of a token: its SHA-256, never the token. */
void
gf_token_hash (const char *token,
               guint8      out_hash[GF_TOKEN_HASH_BYTES])
{
  g_return_if_fail (token != NULL);

  gf_crypto_init ();
  crypto_hash_sha256 (out_hash, (const guint8 *)token, strlen (token));
}

char *
gf_sha256_hex (const guint8 *data,
               gsize         length)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, length);
}

/* Constant time, so comparing secrets leaks nothing through timing. */
gboolean
gf_memory_equal (const guint8 *a,
                 const guint8 *b,
                 gsize         length)
{
  gf_crypto_init ();

  return sodium_memcmp (a, b, length) == 0;
}
