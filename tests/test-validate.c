/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-validate.h"

#include <string.h>

typedef struct
{
  const char *text;
  const char *normalized;
} NormalizeCase;

typedef struct
{
  const char   *text;
  GfInputError  code;
} InvalidCase;

typedef struct
{
  const char   *text;
  gsize         max_chars;
  gboolean      required;
  gboolean      valid;
  GfInputError  code;
} TextCase;

static const NormalizeCase email_valid_cases[] = {
  { .text = "marie.dupont@exemple.fr", .normalized = "marie.dupont@exemple.fr" },
  { .text = "  Marie.Dupont@Exemple.FR \n", .normalized = "marie.dupont@exemple.fr" },
  { .text = "a@b.fr", .normalized = "a@b.fr" },
  { .text = "jean+ecole@mairie.exemple.fr", .normalized = "jean+ecole@mairie.exemple.fr" },
  { .text = "o'brien_2@exemple.ie", .normalized = "o'brien_2@exemple.ie" },
  { .text = "x@saint-denis.fr", .normalized = "x@saint-denis.fr" },
  { .text = "x@97400.re", .normalized = "x@97400.re" },
  { .text = "x@xn--mairie-dpa.fr", .normalized = "x@xn--mairie-dpa.fr" },
};

static const InvalidCase email_invalid_cases[] = {
  { .text = NULL, .code = GF_INPUT_ERROR_REQUIRED },
  { .text = "", .code = GF_INPUT_ERROR_REQUIRED },
  { .text = "   ", .code = GF_INPUT_ERROR_REQUIRED },
  { .text = "marie", .code = GF_INPUT_ERROR_INVALID },
  { .text = "marie@", .code = GF_INPUT_ERROR_INVALID },
  { .text = "@exemple.fr", .code = GF_INPUT_ERROR_INVALID },
  { .text = "marie@@exemple.fr", .code = GF_INPUT_ERROR_INVALID },
  { .text = "ma@rie@exemple.fr", .code = GF_INPUT_ERROR_INVALID },
  { .text = "marie@exemple", .code = GF_INPUT_ERROR_INVALID },
  { .text = "marie@.exemple.fr", .code = GF_INPUT_ERROR_INVALID },
  { .text = "marie@exemple..fr", .code = GF_INPUT_ERROR_INVALID },
  { .text = "marie@exemple.fr.", .code = GF_INPUT_ERROR_INVALID },
  { .text = "marie..dupont@exemple.fr", .code = GF_INPUT_ERROR_INVALID },
  { .text = ".marie@exemple.fr", .code = GF_INPUT_ERROR_INVALID },
  { .text = "marie.@exemple.fr", .code = GF_INPUT_ERROR_INVALID },
  { .text = "marie dupont@exemple.fr", .code = GF_INPUT_ERROR_INVALID },
  { .text = "marie@exem ple.fr", .code = GF_INPUT_ERROR_INVALID },
  { .text = "marie@-exemple.fr", .code = GF_INPUT_ERROR_INVALID },
  { .text = "marie@exemple-.fr", .code = GF_INPUT_ERROR_INVALID },
  { .text = "marie@exemple.-fr", .code = GF_INPUT_ERROR_INVALID },
  { .text = "marie@exemple_fr.fr", .code = GF_INPUT_ERROR_INVALID },
  { .text = "marie@192.168.0.1", .code = GF_INPUT_ERROR_INVALID },
  { .text = "marie@[192.168.0.1]", .code = GF_INPUT_ERROR_INVALID },
  { .text = "marié@exemple.fr", .code = GF_INPUT_ERROR_INVALID },
  { .text = "\"marie\"@exemple.fr", .code = GF_INPUT_ERROR_INVALID },
  { .text = "marie(dupont)@exemple.fr", .code = GF_INPUT_ERROR_INVALID },
  { .text = "marie,dupont@exemple.fr", .code = GF_INPUT_ERROR_INVALID },
  { .text = "marie@exemple.fr,paul@exemple.fr", .code = GF_INPUT_ERROR_INVALID },
  { .text = "Marie Dupont <marie@exemple.fr>", .code = GF_INPUT_ERROR_INVALID },
};

static const char * const postal_valid_cases[] = {
  "75011", "01000", "13001", "20000", "20090", "20200", "59000", "95000",
  "97100", "97400", "97600", "98000", "98800",
};

static const InvalidCase postal_invalid_cases[] = {
  { .text = NULL, .code = GF_INPUT_ERROR_REQUIRED },
  { .text = "", .code = GF_INPUT_ERROR_REQUIRED },
  { .text = "00000", .code = GF_INPUT_ERROR_INVALID },
  { .text = "00100", .code = GF_INPUT_ERROR_INVALID },
  { .text = "96000", .code = GF_INPUT_ERROR_INVALID },
  { .text = "99999", .code = GF_INPUT_ERROR_INVALID },
  { .text = "7500", .code = GF_INPUT_ERROR_INVALID },
  { .text = "750011", .code = GF_INPUT_ERROR_INVALID },
  { .text = "75 001", .code = GF_INPUT_ERROR_INVALID },
  { .text = " 75011", .code = GF_INPUT_ERROR_INVALID },
  { .text = "75011 ", .code = GF_INPUT_ERROR_INVALID },
  { .text = "7501a", .code = GF_INPUT_ERROR_INVALID },
  { .text = "2A000", .code = GF_INPUT_ERROR_INVALID },
  { .text = "-7501", .code = GF_INPUT_ERROR_INVALID },
  { .text = "７５０１１", .code = GF_INPUT_ERROR_INVALID }, /* Full-width digits. */
};

static const NormalizeCase phone_valid_cases[] = {
  { .text = "0612345678", .normalized = "06 12 34 56 78" },
  { .text = "06 12 34 56 78", .normalized = "06 12 34 56 78" },
  { .text = "06.12.34.56.78", .normalized = "06 12 34 56 78" },
  { .text = "06-12-34-56-78", .normalized = "06 12 34 56 78" },
  { .text = "+33 6 12 34 56 78", .normalized = "06 12 34 56 78" },
  { .text = "+33612345678", .normalized = "06 12 34 56 78" },
  { .text = "0033612345678", .normalized = "06 12 34 56 78" },
  { .text = "0033 6 12 34 56 78", .normalized = "06 12 34 56 78" },
  { .text = "+33-6-12-34-56-78", .normalized = "06 12 34 56 78" },
  { .text = "  0612345678\t", .normalized = "06 12 34 56 78" },
  { .text = "01 23 45 67 89", .normalized = "01 23 45 67 89" },
  { .text = "0590 12 34 56", .normalized = "05 90 12 34 56" },
  { .text = "09.87.65.43.21", .normalized = "09 87 65 43 21" },
};

static const InvalidCase phone_invalid_cases[] = {
  { .text = NULL, .code = GF_INPUT_ERROR_REQUIRED },
  { .text = "", .code = GF_INPUT_ERROR_REQUIRED },
  { .text = "  ", .code = GF_INPUT_ERROR_REQUIRED },
  { .text = "061234567", .code = GF_INPUT_ERROR_INVALID },
  { .text = "06123456789", .code = GF_INPUT_ERROR_INVALID },
  { .text = "1612345678", .code = GF_INPUT_ERROR_INVALID },
  { .text = "0012345678", .code = GF_INPUT_ERROR_INVALID },
  { .text = "06 12 34 56 7a", .code = GF_INPUT_ERROR_INVALID },
  { .text = "zero six", .code = GF_INPUT_ERROR_INVALID },
  { .text = "+44 20 7946 0958", .code = GF_INPUT_ERROR_INVALID },
  { .text = "+4420794609", .code = GF_INPUT_ERROR_INVALID },
  { .text = "+33 06 12 34 56 78", .code = GF_INPUT_ERROR_INVALID },
  { .text = "+336123456789", .code = GF_INPUT_ERROR_INVALID },
  { .text = "+3361234567", .code = GF_INPUT_ERROR_INVALID },
  { .text = "+33", .code = GF_INPUT_ERROR_INVALID },
  { .text = "0033", .code = GF_INPUT_ERROR_INVALID },
  { .text = "+", .code = GF_INPUT_ERROR_INVALID },
  { .text = "06  12 34 56 78", .code = GF_INPUT_ERROR_INVALID },
  { .text = "06--12-34-56-78", .code = GF_INPUT_ERROR_INVALID },
  { .text = "-0612345678", .code = GF_INPUT_ERROR_INVALID },
  { .text = "0612345678-", .code = GF_INPUT_ERROR_INVALID },
  { .text = "06/12/34/56/78", .code = GF_INPUT_ERROR_INVALID },
  { .text = "(06) 12 34 56 78", .code = GF_INPUT_ERROR_INVALID },
  { .text = "06 12 34 56 78 poste 12", .code = GF_INPUT_ERROR_INVALID },
};

static const TextCase text_cases[] = {
  { .text = "Bonjour", .max_chars = 10, .required = TRUE, .valid = TRUE },
  { .text = "", .max_chars = 10, .required = FALSE, .valid = TRUE },
  { .text = NULL, .max_chars = 10, .required = FALSE, .valid = TRUE },
  { .text = "  ", .max_chars = 10, .required = FALSE, .valid = TRUE },
  { .text = "ligne 1\nligne 2\tfin", .max_chars = 100, .required = TRUE, .valid = TRUE },
  { .text = "éééééééééé", .max_chars = 10, .required = TRUE, .valid = TRUE },
  { .text = "Zoë\u202fà l'école", .max_chars = 100, .required = TRUE, .valid = TRUE },
  { .text = "", .max_chars = 0, .required = FALSE, .valid = TRUE },
  { .text = "", .max_chars = 10, .required = TRUE, .code = GF_INPUT_ERROR_REQUIRED },
  { .text = NULL, .max_chars = 10, .required = TRUE, .code = GF_INPUT_ERROR_REQUIRED },
  { .text = " \n\t ", .max_chars = 10, .required = TRUE, .code = GF_INPUT_ERROR_REQUIRED },
  { .text = "\u00a0\u202f", .max_chars = 10, .required = TRUE, .code = GF_INPUT_ERROR_REQUIRED },
  { .text = "ééééééééééé", .max_chars = 10, .required = TRUE, .code = GF_INPUT_ERROR_TOO_LONG },
  { .text = "abcdef", .max_chars = 5, .required = FALSE, .code = GF_INPUT_ERROR_TOO_LONG },
  { .text = "a", .max_chars = 0, .required = FALSE, .code = GF_INPUT_ERROR_TOO_LONG },
  { .text = "ligne\r\n", .max_chars = 100, .required = FALSE, .code = GF_INPUT_ERROR_INVALID },
  { .text = "a\001b", .max_chars = 100, .required = FALSE, .code = GF_INPUT_ERROR_INVALID },
  { .text = "a\033[31m", .max_chars = 100, .required = FALSE, .code = GF_INPUT_ERROR_INVALID },
  { .text = "a\177", .max_chars = 100, .required = FALSE, .code = GF_INPUT_ERROR_INVALID },
  { .text = "a\xc2\x85" "b", .max_chars = 100, .required = FALSE, .code = GF_INPUT_ERROR_INVALID },
  { .text = "\xff", .max_chars = 100, .required = FALSE, .code = GF_INPUT_ERROR_INVALID },
  { .text = "caf\xc3", .max_chars = 100, .required = FALSE, .code = GF_INPUT_ERROR_INVALID },
  { .text = "\xc0\xaf", .max_chars = 100, .required = FALSE, .code = GF_INPUT_ERROR_INVALID },
};

static void
assert_input_error (const GError *error,
                    GfInputError  code)
{
  g_assert_error (error, GF_INPUT_ERROR, (int) code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_true (g_str_has_suffix (error->message, "."));
}

static void
test_error_quark (void)
{
  g_assert_cmpstr (g_quark_to_string (GF_INPUT_ERROR), ==, "gf-input-error-quark");
}

static void
test_email_valid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (email_valid_cases); i++)
    {
      const NormalizeCase *c = &email_valid_cases[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = gf_normalize_email (c->text);

      g_test_message ("checking \"%s\"", c->text);
      g_assert_true (gf_validate_email (c->text, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (normalized, ==, c->normalized);
    }
}

static void
test_email_invalid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (email_invalid_cases); i++)
    {
      const InvalidCase *c = &email_invalid_cases[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = gf_normalize_email (c->text);

      g_test_message ("checking \"%s\"", c->text != NULL ? c->text : "(null)");
      g_assert_false (gf_validate_email (c->text, &error));
      assert_input_error (error, c->code);
      g_assert_null (normalized);
    }
}

static char *
make_address (guint last_label_len)
{
  g_autofree char *local = g_strnfill (64, 'a');
  g_autofree char *label1 = g_strnfill (63, 'b');
  g_autofree char *label2 = g_strnfill (63, 'c');
  g_autofree char *label3 = g_strnfill (last_label_len, 'd');

  return g_strdup_printf ("%s@%s.%s.%s.fr", local, label1, label2, label3);
}

static void
test_email_length (void)
{
  g_autofree char *longest = make_address (58);
  g_autofree char *too_long = make_address (59);
  g_autofree char *local = g_strnfill (65, 'a');
  g_autofree char *label = g_strnfill (64, 'b');
  g_autofree char *long_local = g_strconcat (local, "@exemple.fr", NULL);
  g_autofree char *long_label = g_strconcat ("a@", label, ".fr", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (strlen (longest), ==, GF_EMAIL_MAX_CHARS);
  g_assert_true (gf_validate_email (longest, &error));
  g_assert_no_error (error);

  g_assert_false (gf_validate_email (too_long, &error));
  assert_input_error (error, GF_INPUT_ERROR_TOO_LONG);
  g_clear_error (&error);

  /* A local part over 64 characters or a label over 63 is not an address. */
  g_assert_false (gf_validate_email (long_local, &error));
  assert_input_error (error, GF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gf_validate_email (long_label, &error));
  assert_input_error (error, GF_INPUT_ERROR_INVALID);
}

static void
test_postal_code (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (postal_valid_cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("checking \"%s\"", postal_valid_cases[i]);
      g_assert_true (gf_validate_postal_code (postal_valid_cases[i], &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (postal_invalid_cases); i++)
    {
      const InvalidCase *c = &postal_invalid_cases[i];
      g_autoptr(GError) error = NULL;

      g_test_message ("checking \"%s\"", c->text != NULL ? c->text : "(null)");
      g_assert_false (gf_validate_postal_code (c->text, &error));
      assert_input_error (error, c->code);
      g_assert_false (gf_validate_postal_code (c->text, NULL));
    }
}

static void
test_phone_valid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (phone_valid_cases); i++)
    {
      const NormalizeCase *c = &phone_valid_cases[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = NULL;
      g_autofree char *again = NULL;

      g_test_message ("checking \"%s\"", c->text);
      normalized = gf_normalize_phone (c->text, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (normalized, ==, c->normalized);
      g_assert_true (gf_validate_phone (c->text, &error));
      g_assert_no_error (error);

      /* Normalising twice changes nothing. */
      again = gf_normalize_phone (normalized, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (again, ==, normalized);
    }
}

static void
test_phone_invalid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (phone_invalid_cases); i++)
    {
      const InvalidCase *c = &phone_invalid_cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) validate_error = NULL;
      g_autofree char *normalized = NULL;

      g_test_message ("checking \"%s\"", c->text != NULL ? c->text : "(null)");
      normalized = gf_normalize_phone (c->text, &error);
      g_assert_null (normalized);
      assert_input_error (error, c->code);

      g_assert_false (gf_validate_phone (c->text, &validate_error));
      assert_input_error (validate_error, c->code);
    }
}

static void
test_text (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_cases); i++)
    {
      const TextCase *c = &text_cases[i];
      g_autoptr(GError) error = NULL;
      gboolean valid;

      g_test_message ("case %u", i);
      valid = gf_validate_text (c->text, c->max_chars, c->required, &error);
      if (c->valid)
        {
          g_assert_true (valid);
          g_assert_no_error (error);
        }
      else
        {
          g_assert_false (valid);
          assert_input_error (error, c->code);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/gf/validate/error-quark", test_error_quark);
  g_test_add_func ("/gf/validate/email/valid", test_email_valid);
  g_test_add_func ("/gf/validate/email/invalid", test_email_invalid);
  g_test_add_func ("/gf/validate/email/length", test_email_length);
  g_test_add_func ("/gf/validate/postal-code", test_postal_code);
  g_test_add_func ("/gf/validate/phone/valid", test_phone_valid);
  g_test_add_func ("/gf/validate/phone/invalid", test_phone_invalid);
  g_test_add_func ("/gf/validate/text", test_text);

  return g_test_run ();
}
