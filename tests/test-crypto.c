/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-crypto.h"
#include "gf-validate.h"
#include "gf-test-util.h"

static void
test_password_hash (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = gf_password_hash ("Écureuil-2026!", &error);
  g_autofree char *again = gf_password_hash ("Écureuil-2026!", &error);

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (hash, "$argon2id$v=19$m=19456,t=2,p=1$"));
  /* Salted: the same password never gives the same hash twice. */
  g_assert_cmpstr (hash, !=, again);

  g_assert_true (gf_password_verify (hash, "Écureuil-2026!"));
  g_assert_false (gf_password_verify (hash, "écureuil-2026!"));
  g_assert_false (gf_password_verify (hash, ""));
  g_assert_false (gf_password_verify (NULL, "x"));
  g_assert_false (gf_password_verify ("not a hash", "x"));
  g_assert_false (gf_password_needs_rehash (hash));
  g_assert_true (gf_password_needs_rehash ("$argon2id$v=19$m=4096,t=1,p=1$c2FsdHNhbHQ$aGFzaA"));
}

static void
test_password_limits (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *huge = g_strnfill (GF_PASSWORD_MAX_BYTES + 1, 'a');

  g_assert_null (gf_password_hash ("", &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_assert_null (gf_password_hash (huge, &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_OUT_OF_RANGE);
  g_assert_false (gf_password_verify ("$argon2id$v=19$m=19456,t=2,p=1$x$y", huge));
}

static void
test_tokens (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint8 hash_a[GF_TOKEN_HASH_BYTES];
  guint8 hash_b[GF_TOKEN_HASH_BYTES];
  g_autofree char *hex = NULL;

  for (guint i = 0; i < 1000; i++)
    {
      char *token = gf_token_new ();

      g_assert_cmpuint (strlen (token), ==, 43);
      for (const char *p = token; *p != '\0'; p++)
        g_assert_true (g_ascii_isalnum (*p) || *p == '-' || *p == '_');
      g_assert_false (g_hash_table_contains (seen, token));
      g_hash_table_add (seen, token);
    }

  gf_token_hash ("abc", hash_a);
  gf_token_hash ("abc", hash_b);
  g_assert_true (gf_memory_equal (hash_a, hash_b, sizeof hash_a));
  /* SHA-256("abc"), the FIPS 180-2 test vector, both ways. */
  hex = gf_sha256_hex ((const guint8 *)"abc", 3);
  g_assert_cmpstr (hex, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  gf_token_hash ("abd", hash_b);
  g_assert_false (gf_memory_equal (hash_a, hash_b, sizeof hash_a));
  g_assert_cmpint (hash_a[0], ==, 0xba);
  g_assert_cmpint (hash_a[31], ==, 0xad);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gf_test_init_env ();

  g_test_add_func ("/gf/crypto/password-hash", test_password_hash);
  g_test_add_func ("/gf/crypto/password-limits", test_password_limits);
  g_test_add_func ("/gf/crypto/tokens", test_tokens);

  return g_test_run ();
}
