/* Money: parsing what people type, formatting for them, and the percent
 * the fund pays. Everything is integer øre. */

#include <glib.h>
#include <string.h>

#include "kl-error.h"
#include "kl-money.h"

#define NBSP "\302\240"

static gint64
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  gint64 ore = G_MININT64;

  if (!kl_money_parse (text, &ore, &error))
    g_error ("“%s” should parse: %s", text, error ? error->message : "no error set");
  g_assert_no_error (error);
  return ore;
}

static void
assert_refused (const char *text)
{
  g_autoptr(GError) error = NULL;
  gint64 ore = 4242;

  if (kl_money_parse (text, &ore, &error))
    g_error ("“%s” should be refused, but parsed as %" G_GINT64_FORMAT " øre", text, ore);
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_AMOUNT);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
  /* A refusal leaves the caller's value alone. */
  g_assert_cmpint (ore, ==, 4242);
}

static void
test_parse_plain (void)
{
  g_assert_cmpint (parse_ok ("20000"), ==, 2000000);
  g_assert_cmpint (parse_ok ("0"), ==, 0);
  g_assert_cmpint (parse_ok ("20000.50"), ==, 2000050);
  g_assert_cmpint (parse_ok ("20000,50"), ==, 2000050);
  /* One decimal is tenths of a krone, not øre. */
  g_assert_cmpint (parse_ok ("20000,5"), ==, 2000050);
  g_assert_cmpint (parse_ok ("0,05"), ==, 5);
}

static void
test_parse_grouped (void)
{
  g_assert_cmpint (parse_ok ("20 000,50"), ==, 2000050);
  g_assert_cmpint (parse_ok ("20" NBSP "000,50"), ==, 2000050);
  /* Narrow no-break space, as some locales group thousands. */
  g_assert_cmpint (parse_ok ("20\342\200\257" "000,50"), ==, 2000050);
  g_assert_cmpint (parse_ok ("NOK 20,000.50"), ==, 2000050);
  g_assert_cmpint (parse_ok ("1.000.000"), ==, 100000000);
  g_assert_cmpint (parse_ok ("1.000.000,75"), ==, 100000075);
  g_assert_cmpint (parse_ok ("1,000,000"), ==, 100000000);
}

static void
test_parse_currency (void)
{
  g_assert_cmpint (parse_ok ("kr 1 234"), ==, 123400);
  g_assert_cmpint (parse_ok ("1 234 kr"), ==, 123400);
  g_assert_cmpint (parse_ok ("KR 1234"), ==, 123400);
  g_assert_cmpint (parse_ok ("NOK 20000"), ==, 2000000);
  g_assert_cmpint (parse_ok ("20000 NOK"), ==, 2000000);
  g_assert_cmpint (parse_ok ("kr 20 000,-"), ==, 2000000);
  g_assert_cmpint (parse_ok ("  315 000,00 kr  "), ==, 31500000);
}

static void
test_parse_refused (void)
{
  assert_refused ("");
  assert_refused ("   ");
  assert_refused ("kr");
  assert_refused ("abc");
  assert_refused ("12abc");
  assert_refused ("20000.");
  assert_refused (",50");
  assert_refused ("-");
  assert_refused ("1.2.3,456");
  assert_refused ("20000,505");
  assert_refused ("20000.123");
  assert_refused ("1,000.000");
}

static void
test_parse_null (void)
{
  g_autoptr(GError) error = NULL;
  gint64 ore = 0;

  g_assert_false (kl_money_parse (NULL, &ore, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_AMOUNT);
}

/* "20.000" is twenty thousand to a Norwegian and twenty to others: the
 * refusal must say why, not just that it failed. */
static void
test_parse_ambiguous (void)
{
  const char *const ambiguous[] = { "20.000", "1,234", "12.345", "kr 20,000" };

  for (guint i = 0; i < G_N_ELEMENTS (ambiguous); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 ore = 0;

      g_assert_false (kl_money_parse (ambiguous[i], &ore, &error));
      g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_AMOUNT);
      g_assert_nonnull (strstr (error->message, "ambiguous"));
    }
}

static void
test_parse_decimals (void)
{
  const char *const too_precise[] = { "100,9999", "1.000,999", "20000.1234", "NOK 1,000.505" };

  for (guint i = 0; i < G_N_ELEMENTS (too_precise); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 ore = 0;

      g_assert_false (kl_money_parse (too_precise[i], &ore, &error));
      g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_AMOUNT);
      g_assert_nonnull (strstr (error->message, "two decimals"));
    }
}

static void
test_parse_negative_and_large (void)
{
  g_autoptr(GError) error = NULL;
  gint64 ore = 0;

  g_assert_cmpint (parse_ok ("-250,50"), ==, -25050);
  /* as kl_money_format writes a negative amount, with U+2212 */
  g_assert_cmpint (parse_ok ("−250,50 kr"), ==, -25050);
  /* and in English, the sign before the currency (found by fuzz-parsers) */
  g_assert_cmpint (parse_ok ("−NOK 250.50"), ==, -25050);
  g_assert_cmpint (parse_ok ("-kr 250,50"), ==, -25050);
  g_assert_false (kl_money_parse ("99999999999999999999", &ore, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_AMOUNT);
}

/* One amount is at most 100 000 000 kr, in every parser; the largest a
 * gint64 holds in øre is refused with a message, never read as -1. */
static void
test_parse_bound (void)
{
  static const char *const refused[] = {
    "100000000,01", "100 000 001", "92233720368547758.07", "92233720368547758,08", "1000000000"
  };

  g_assert_cmpint (parse_ok ("100 000 000,00"), ==, G_GINT64_CONSTANT (10000000000));
  g_assert_cmpint (parse_ok ("99999999.99"), ==, G_GINT64_CONSTANT (9999999999));
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 ore = 42;

      g_assert_false (kl_money_parse (refused[i], &ore, &error));
      g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_AMOUNT);
      g_assert_nonnull (strstr (error->message, "at most"));
      g_assert_nonnull (strstr (error->message, refused[i]));
      g_assert_cmpint (ore, ==, 42);
    }
}

/* Sums never wrap round: an overflow is an error and the sum is kept. */
static void
test_checked_sums (void)
{
  g_autoptr(GError) error = NULL;
  gint64 sum = G_MAXINT64 - 5;
  gint64 product = 0;

  g_assert_true (kl_money_add (&sum, 5, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sum, ==, G_MAXINT64);
  g_assert_false (kl_money_add (&sum, 1, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_AMOUNT);
  g_assert_cmpint (sum, ==, G_MAXINT64);
  g_clear_error (&error);

  g_assert_true (kl_money_times (1800000, 25, &product, &error));
  g_assert_cmpint (product, ==, 45000000);
  g_assert_false (kl_money_times (G_GINT64_CONSTANT (10000000000), G_GINT64_CONSTANT (1000000000000), &product, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_AMOUNT);
}

/* Thousands come in threes: "1.2.3,45" is a typo, not 123,45 kr. */
static void
test_parse_uneven_grouping (void)
{
  static const char *const refused[] = { "1.2.3,45", "12.34.567", "1,2345.00", "1234.567,00", "1.000.00" };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 ore = 0;

      g_assert_false (kl_money_parse (refused[i], &ore, &error));
      g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_AMOUNT);
    }
  g_assert_cmpint (parse_ok ("1.234.567,89"), ==, 123456789);
  g_assert_cmpint (parse_ok ("1,234,567.89"), ==, 123456789);
  g_assert_cmpint (parse_ok ("12.345,60"), ==, 1234560);
}

static void
test_format (void)
{
  struct
  {
    gint64 ore;
    const char *nb;
    const char *en;
  } cases[] = {
    { 31500000, "315" NBSP "000,00" NBSP "kr", "NOK 315,000.00" },
    { 0, "0,00" NBSP "kr", "NOK 0.00" },
    { 5, "0,05" NBSP "kr", "NOK 0.05" },
    { 99, "0,99" NBSP "kr", "NOK 0.99" },
    { 100000, "1" NBSP "000,00" NBSP "kr", "NOK 1,000.00" },
    { 99999, "999,99" NBSP "kr", "NOK 999.99" },
    { 123456789012, "1" NBSP "234" NBSP "567" NBSP "890,12" NBSP "kr", "NOK 1,234,567,890.12" },
    { -25050, "−250,50" NBSP "kr", "−NOK 250.50" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *nb = kl_money_format (cases[i].ore, KL_LANG_NB);
      g_autofree char *en = kl_money_format (cases[i].ore, KL_LANG_EN);

      g_assert_cmpstr (nb, ==, cases[i].nb);
      g_assert_cmpstr (en, ==, cases[i].en);
    }
}

/* Table columns name the currency once, in their heading. */
static void
test_format_amount (void)
{
  g_autofree char *nb = kl_money_format_amount (31500000, KL_LANG_NB);
  g_autofree char *en = kl_money_format_amount (31500000, KL_LANG_EN);
  g_autofree char *negative = kl_money_format_amount (-25050, KL_LANG_NB);

  g_assert_cmpstr (nb, ==, "315" NBSP "000,00");
  g_assert_cmpstr (en, ==, "315,000.00");
  g_assert_cmpstr (negative, ==, "−250,50");
}

/* What is shown can be typed back in. */
static void
test_format_round_trip (void)
{
  const gint64 amounts[] = { 0, 5, 1000, 2000050, 31500000, 100000000, KL_MONEY_MAX_ORE };

  for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
    {
      g_autofree char *nb = kl_money_format (amounts[i], KL_LANG_NB);
      g_autofree char *en = kl_money_format (amounts[i], KL_LANG_EN);
      g_autofree char *dec = kl_money_format_decimal (amounts[i]);

      g_assert_cmpint (parse_ok (nb), ==, amounts[i]);
      g_assert_cmpint (parse_ok (en), ==, amounts[i]);
      g_assert_cmpint (parse_ok (dec), ==, amounts[i]);
    }
}

static void
test_format_decimal (void)
{
  g_autofree char *a = kl_money_format_decimal (31500000);
  g_autofree char *b = kl_money_format_decimal (5);
  g_autofree char *c = kl_money_format_decimal (-25050);
  g_autofree char *d = kl_money_format_decimal (0);

  g_assert_cmpstr (a, ==, "315000.00");
  g_assert_cmpstr (b, ==, "0.05");
  g_assert_cmpstr (c, ==, "-250.50");
  g_assert_cmpstr (d, ==, "0.00");
}

static void
test_percent (void)
{
  /* Half up to the øre: 0.7 -> 1, 3.5 -> 4, 2.8 -> 3, 0.35 -> 0. */
  g_assert_cmpint (kl_money_percent (1, 700), ==, 1);
  g_assert_cmpint (kl_money_percent (5, 700), ==, 4);
  g_assert_cmpint (kl_money_percent (4, 700), ==, 3);
  g_assert_cmpint (kl_money_percent (0, 700), ==, 0);
  g_assert_cmpint (kl_money_percent (1, 350), ==, 0);
  g_assert_cmpint (kl_money_percent (1, 500), ==, 1);
  g_assert_cmpint (kl_money_percent (45000000, 700), ==, 31500000);
  g_assert_cmpint (kl_money_percent (45000000, 1000), ==, 45000000);
  g_assert_cmpint (kl_money_percent (45000000, 0), ==, 0);
  /* Large amounts keep every øre, up to the largest sum there is:
   * 9 223 372 036 854 775 807 × 0.7 = 6 456 360 425 798 343 064.9 -> ...065. */
  g_assert_cmpint (kl_money_percent (G_GINT64_CONSTANT (1000000000000), 700), ==,
                   G_GINT64_CONSTANT (700000000000));
  g_assert_cmpint (kl_money_percent (G_MAXINT64, 700), ==, G_GINT64_CONSTANT (6456360425798343065));
  g_assert_cmpint (kl_money_percent (1999, 700), ==, 1399);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/money/parse/plain", test_parse_plain);
  g_test_add_func ("/money/parse/grouped", test_parse_grouped);
  g_test_add_func ("/money/parse/currency", test_parse_currency);
  g_test_add_func ("/money/parse/refused", test_parse_refused);
  g_test_add_func ("/money/parse/null", test_parse_null);
  g_test_add_func ("/money/parse/ambiguous", test_parse_ambiguous);
  g_test_add_func ("/money/parse/decimals", test_parse_decimals);
  g_test_add_func ("/money/parse/negative-and-large", test_parse_negative_and_large);
  g_test_add_func ("/money/parse/uneven-grouping", test_parse_uneven_grouping);
  g_test_add_func ("/money/parse/bound", test_parse_bound);
  g_test_add_func ("/money/checked-sums", test_checked_sums);
  g_test_add_func ("/money/format", test_format);
  g_test_add_func ("/money/format/amount", test_format_amount);
  g_test_add_func ("/money/format/round-trip", test_format_round_trip);
  g_test_add_func ("/money/format/decimal", test_format_decimal);
  g_test_add_func ("/money/percent", test_percent);

  return g_test_run ();
}
