/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-money.h"
#include "gf-validate.h"

#define NBSP  "\u00a0"
#define NNBSP "\u202f"

typedef struct
{
  const char        *text;
  GfMoneyParseFlags  flags;
  gint64             cents;
} ValidCase;

typedef struct
{
  const char        *text;
  GfMoneyParseFlags  flags;
  GfInputError       code;
} InvalidCase;

typedef struct
{
  gint64      cents;
  const char *display;
  const char *plain;
} FormatCase;

static const ValidCase valid_cases[] = {
  { .text = "243,11", .cents = 24311 },
  { .text = "243.11", .cents = 24311 },
  { .text = "243,11 €", .cents = 24311 },
  { .text = "243,11€", .cents = 24311 },
  { .text = "243,11" NBSP "€", .cents = 24311 },
  { .text = "243 €", .cents = 24300 },
  { .text = "243", .cents = 24300 },
  { .text = "243,1", .cents = 24310 },
  { .text = "243.1", .cents = 24310 },
  { .text = " 1 243,11 ", .cents = 124311 },
  { .text = "1" NBSP "243,11", .cents = 124311 },
  { .text = "1" NNBSP "243,11" NBSP "€", .cents = 124311 },
  { .text = "1243,11", .cents = 124311 },
  { .text = "12 345 678,90", .cents = 1234567890 },
  { .text = "\t243\n", .cents = 24300 },
  { .text = "0", .cents = 0 },
  { .text = "0,00", .cents = 0 },
  { .text = "0,01", .cents = 1 },
  { .text = "0.5", .cents = 50 },
  { .text = "007,5", .cents = 750 },
  { .text = "100000000", .cents = G_GINT64_CONSTANT (10000000000) },
  { .text = "1 000 000 000", .cents = GF_MONEY_MAX_CENTS },
  { .text = "1 000 000 000,00 €", .cents = GF_MONEY_MAX_CENTS },
  { .text = "-5,00", .flags = GF_MONEY_PARSE_ALLOW_NEGATIVE, .cents = -500 },
  { .text = "-0,01", .flags = GF_MONEY_PARSE_ALLOW_NEGATIVE, .cents = -1 },
  { .text = "-12,50 €", .flags = GF_MONEY_PARSE_ALLOW_NEGATIVE, .cents = -1250 },
  { .text = "-1 243,11", .flags = GF_MONEY_PARSE_ALLOW_NEGATIVE, .cents = -124311 },
  { .text = "-1 000 000 000", .flags = GF_MONEY_PARSE_ALLOW_NEGATIVE,
    .cents = -GF_MONEY_MAX_CENTS },
  { .text = "243,11", .flags = GF_MONEY_PARSE_ALLOW_NEGATIVE, .cents = 24311 },
};

static const InvalidCase invalid_cases[] = {
  { .text = NULL, .code = GF_INPUT_ERROR_REQUIRED },
  { .text = "", .code = GF_INPUT_ERROR_REQUIRED },
  { .text = "   ", .code = GF_INPUT_ERROR_REQUIRED },
  { .text = NBSP NNBSP, .code = GF_INPUT_ERROR_REQUIRED },
  { .text = "abc", .code = GF_INPUT_ERROR_INVALID },
  { .text = "12,345", .code = GF_INPUT_ERROR_INVALID },
  { .text = "12.345", .code = GF_INPUT_ERROR_INVALID },
  { .text = "1.243,11", .code = GF_INPUT_ERROR_INVALID },
  { .text = "1,243.11", .code = GF_INPUT_ERROR_INVALID },
  { .text = "1 24,00", .code = GF_INPUT_ERROR_INVALID },
  { .text = "1243 567", .code = GF_INPUT_ERROR_INVALID },
  { .text = "12 34 567", .code = GF_INPUT_ERROR_INVALID },
  { .text = "1 2345", .code = GF_INPUT_ERROR_INVALID },
  { .text = "1  243", .code = GF_INPUT_ERROR_INVALID },
  { .text = "1 243 ,11", .code = GF_INPUT_ERROR_INVALID },
  { .text = "--1", .code = GF_INPUT_ERROR_INVALID },
  { .text = "--1", .flags = GF_MONEY_PARSE_ALLOW_NEGATIVE, .code = GF_INPUT_ERROR_INVALID },
  { .text = "- 5", .flags = GF_MONEY_PARSE_ALLOW_NEGATIVE, .code = GF_INPUT_ERROR_INVALID },
  { .text = "+5", .code = GF_INPUT_ERROR_INVALID },
  { .text = "-0,01", .code = GF_INPUT_ERROR_OUT_OF_RANGE },
  { .text = "-5,00", .code = GF_INPUT_ERROR_OUT_OF_RANGE },
  { .text = "€", .code = GF_INPUT_ERROR_INVALID },
  { .text = " € ", .code = GF_INPUT_ERROR_INVALID },
  { .text = "€243", .code = GF_INPUT_ERROR_INVALID },
  { .text = "243 € €", .code = GF_INPUT_ERROR_INVALID },
  { .text = "12a", .code = GF_INPUT_ERROR_INVALID },
  { .text = "12,3a", .code = GF_INPUT_ERROR_INVALID },
  { .text = "a12", .code = GF_INPUT_ERROR_INVALID },
  { .text = ",50", .code = GF_INPUT_ERROR_INVALID },
  { .text = "243,", .code = GF_INPUT_ERROR_INVALID },
  { .text = "12.3.4", .code = GF_INPUT_ERROR_INVALID },
  { .text = "1e3", .code = GF_INPUT_ERROR_INVALID },
  { .text = "0x10", .code = GF_INPUT_ERROR_INVALID },
  { .text = "1 000 000 000,01", .code = GF_INPUT_ERROR_OUT_OF_RANGE },
  { .text = "1000000001", .code = GF_INPUT_ERROR_OUT_OF_RANGE },
  { .text = "-1 000 000 000,01", .flags = GF_MONEY_PARSE_ALLOW_NEGATIVE,
    .code = GF_INPUT_ERROR_OUT_OF_RANGE },
  { .text = "99999999999999999999999999999", .code = GF_INPUT_ERROR_OUT_OF_RANGE },
};

static const FormatCase format_cases[] = {
  { .cents = 0, .display = "0,00" NBSP "€", .plain = "0,00" },
  { .cents = 1, .display = "0,01" NBSP "€", .plain = "0,01" },
  { .cents = 99, .display = "0,99" NBSP "€", .plain = "0,99" },
  { .cents = 100, .display = "1,00" NBSP "€", .plain = "1,00" },
  { .cents = 24311, .display = "243,11" NBSP "€", .plain = "243,11" },
  { .cents = 99999, .display = "999,99" NBSP "€", .plain = "999,99" },
  { .cents = 100000, .display = "1" NNBSP "000,00" NBSP "€", .plain = "1000,00" },
  { .cents = 124311, .display = "1" NNBSP "243,11" NBSP "€", .plain = "1243,11" },
  { .cents = 123456789, .display = "1" NNBSP "234" NNBSP "567,89" NBSP "€", .plain = "1234567,89" },
  { .cents = -1, .display = "-0,01" NBSP "€", .plain = "-0,01" },
  { .cents = -1250, .display = "-12,50" NBSP "€", .plain = "-12,50" },
  { .cents = -124311, .display = "-1" NNBSP "243,11" NBSP "€", .plain = "-1243,11" },
  { .cents = GF_MONEY_MAX_CENTS,
    .display = "1" NNBSP "000" NNBSP "000" NNBSP "000,00" NBSP "€", .plain = "1000000000,00" },
  { .cents = G_MAXINT64,
    .display = "92" NNBSP "233" NNBSP "720" NNBSP "368" NNBSP "547" NNBSP "758,07" NBSP "€",
    .plain = "92233720368547758,07" },
  { .cents = G_MININT64 + 1,
    .display = "-92" NNBSP "233" NNBSP "720" NNBSP "368" NNBSP "547" NNBSP "758,07" NBSP "€",
    .plain = "-92233720368547758,07" },
  { .cents = G_MININT64,
    .display = "-92" NNBSP "233" NNBSP "720" NNBSP "368" NNBSP "547" NNBSP "758,08" NBSP "€",
    .plain = "-92233720368547758,08" },
};

static const gint64 round_trip_values[] = {
  0, 1, 9, 10, 99, 100, 101, 999, 1000, 9999, 10000, 99999, 100000, 100001, 999999,
  1000000, 24311, 124311, 123456789, 987654321, G_GINT64_CONSTANT (10000000000),
  GF_MONEY_MAX_CENTS - 1, GF_MONEY_MAX_CENTS,
  -1, -99, -100, -100000, -123456789, -GF_MONEY_MAX_CENTS,
};

static void
test_parse_valid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (valid_cases); i++)
    {
      const ValidCase *c = &valid_cases[i];
      g_autoptr(GError) error = NULL;
      gint64 cents = -42;

      g_test_message ("parsing \"%s\"", c->text);
      g_assert_true (gf_money_parse (c->text, c->flags, &cents, &error));
      g_assert_no_error (error);
      g_assert_cmpint (cents, ==, c->cents);
    }
}

static void
test_parse_invalid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      const InvalidCase *c = &invalid_cases[i];
      g_autoptr(GError) error = NULL;
      gint64 cents = -42;

      g_test_message ("parsing \"%s\"", c->text != NULL ? c->text : "(null)");
      g_assert_false (gf_money_parse (c->text, c->flags, &cents, &error));
      g_assert_error (error, GF_INPUT_ERROR, (int) c->code);
      g_assert_true (g_str_has_suffix (error->message, "."));
      /* A failed parse leaves the output alone. */
      g_assert_cmpint (cents, ==, -42);

      /* The error is optional. */
      g_assert_false (gf_money_parse (c->text, c->flags, NULL, NULL));
    }
}

static void
test_parse_optional_out (void)
{
  g_assert_true (gf_money_parse ("12,34", GF_MONEY_PARSE_DEFAULT, NULL, NULL));
}

static void
test_format (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_cases); i++)
    {
      const FormatCase *c = &format_cases[i];
      g_autofree char *display = gf_money_format (c->cents);
      g_autofree char *plain = gf_money_format_plain (c->cents);

      g_assert_cmpstr (display, ==, c->display);
      g_assert_cmpstr (plain, ==, c->plain);
      g_assert_true (g_utf8_validate (display, -1, NULL));
    }
}

static void
test_round_trip (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (round_trip_values); i++)
    {
      gint64 value = round_trip_values[i];
      g_autofree char *display = gf_money_format (value);
      g_autofree char *plain = gf_money_format_plain (value);
      g_autoptr(GError) error = NULL;
      gint64 cents = 0;

      g_assert_true (gf_money_parse (display, GF_MONEY_PARSE_ALLOW_NEGATIVE, &cents, &error));
      g_assert_no_error (error);
      g_assert_cmpint (cents, ==, value);

      g_assert_true (gf_money_parse (plain, GF_MONEY_PARSE_ALLOW_NEGATIVE, &cents, &error));
      g_assert_no_error (error);
      g_assert_cmpint (cents, ==, value);

      /* Without the flag, exactly the negative amounts are refused. */
      g_assert_true (gf_money_parse (display, GF_MONEY_PARSE_DEFAULT, NULL, NULL) == (value >= 0));
    }
}

static void
test_round_trip_random (void)
{
  for (guint i = 0; i < 2000; i++)
    {
      gint64 value = (gint64) (g_test_rand_double () * (double) GF_MONEY_MAX_CENTS);
      g_autofree char *display = NULL;
      g_autofree char *plain = NULL;
      gint64 cents = 0;

      if (g_test_rand_bit ())
        value = -value;

      display = gf_money_format (value);
      plain = gf_money_format_plain (value);

      g_assert_true (gf_money_parse (display, GF_MONEY_PARSE_ALLOW_NEGATIVE, &cents, NULL));
      g_assert_cmpint (cents, ==, value);
      g_assert_true (gf_money_parse (plain, GF_MONEY_PARSE_ALLOW_NEGATIVE, &cents, NULL));
      g_assert_cmpint (cents, ==, value);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/gf/money/parse/valid", test_parse_valid);
  g_test_add_func ("/gf/money/parse/invalid", test_parse_invalid);
  g_test_add_func ("/gf/money/parse/optional-out", test_parse_optional_out);
  g_test_add_func ("/gf/money/format", test_format);
  g_test_add_func ("/gf/money/round-trip", test_round_trip);
  g_test_add_func ("/gf/money/round-trip/random", test_round_trip_random);

  return g_test_run ();
}
