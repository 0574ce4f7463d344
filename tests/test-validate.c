/* Field checks: each refusal has its own code and names the field. */

#include <glib.h>
#include <string.h>

#include "kl-error.h"
#include "kl-clock.h"
#include "kl-validate.h"

typedef gboolean (*Check) (const char *label, const char *value, GError **error);

static const int orgnr_weights[] = { 3, 2, 7, 6, 5, 4, 3, 2 };
static const int account_weights[] = { 5, 4, 3, 2, 7, 6, 5, 4, 3, 2 };

static void
assert_ok (Check       check,
           const char *value)
{
  g_autoptr(GError) error = NULL;

  if (!check ("Field", value, &error))
    g_error ("“%s” should be accepted: %s", value, error ? error->message : "no error set");
  g_assert_no_error (error);
}

/* The refusal has the code and starts with the label it was given. */
static void
assert_refused (Check       check,
                const char *value,
                int         code)
{
  g_autoptr(GError) error = NULL;

  if (check ("Some label", value, &error))
    g_error ("“%s” should be refused", value);
  g_assert_error (error, KL_ERROR, code);
  g_assert_true (g_str_has_prefix (error->message, "Some label: "));
}

/* Each of accepted passes; each of refused is refused with the code. */
static void
assert_values (Check              check,
               const char *const *accepted,
               const char *const *refused,
               int                code)
{
  for (; *accepted != NULL; accepted++)
    assert_ok (check, *accepted);
  for (; *refused != NULL; refused++)
    assert_refused (check, *refused, code);
}

/* The weighted sum of a number's leading digits, computed here on its own
 * so the test does not lean on the code under test. */
static int
weighted_sum (const char *digits,
              const int  *weights,
              guint       n)
{
  int sum = 0;

  for (guint i = 0; i < n; i++)
    sum += (digits[i] - '0') * weights[i];
  return sum;
}

static void
test_orgnr_valid (void)
{
  assert_ok (kl_validate_orgnr, "123456785");
  assert_ok (kl_validate_orgnr, "988077917");
  assert_ok (kl_validate_orgnr, "988 077 917");
  assert_ok (kl_validate_orgnr, "988.077.917");
  /* Optional fields stay optional. */
  assert_ok (kl_validate_orgnr, "");
  assert_ok (kl_validate_orgnr, NULL);
}

static void
test_orgnr_check_digit (void)
{
  g_autoptr(GError) error = NULL;

  /* Every other last digit of a valid number is wrong. */
  for (char last = '0'; last <= '9'; last++)
    {
      char number[] = "98807791X";

      number[8] = last;
      if (last == '7')
        assert_ok (kl_validate_orgnr, number);
      else
        assert_refused (kl_validate_orgnr, number, KL_ERROR_INVALID_ORGNR);
    }

  g_assert_false (kl_validate_orgnr ("Org number", "123456789", &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_ORGNR);
  g_assert_nonnull (strstr (error->message, "Org number"));
  g_assert_nonnull (strstr (error->message, "123456789"));
}

static void
test_orgnr_length (void)
{
  assert_refused (kl_validate_orgnr, "12345678", KL_ERROR_INVALID_ORGNR);
  assert_refused (kl_validate_orgnr, "1234567850", KL_ERROR_INVALID_ORGNR);
  assert_refused (kl_validate_orgnr, "12345678a", KL_ERROR_INVALID_ORGNR);
  assert_refused (kl_validate_orgnr, "NO988077917", KL_ERROR_INVALID_ORGNR);
  assert_refused (kl_validate_orgnr, "988-077-917", KL_ERROR_INVALID_ORGNR);
}

/* A remainder of 1 would need the check digit 10: no such number exists,
 * whatever its last digit. */
static void
test_orgnr_remainder_one (void)
{
  char prefix[9] = { 0 };
  guint n_accepted;

  for (int n = 10000000; n < 99999999; n++)
    {
      g_snprintf (prefix, sizeof prefix, "%08d", n);
      if (weighted_sum (prefix, orgnr_weights, 8) % 11 == 1)
        break;
    }
  g_assert_cmpint (weighted_sum (prefix, orgnr_weights, 8) % 11, ==, 1);

  for (char last = '0'; last <= '9'; last++)
    {
      g_autofree char *number = g_strdup_printf ("%s%c", prefix, last);

      assert_refused (kl_validate_orgnr, number, KL_ERROR_INVALID_ORGNR);
      g_assert_false (kl_mod11_check (number, orgnr_weights, 8));
    }

  /* Whereas any other prefix has exactly one valid check digit, and a
   * remainder of 0 gives the check digit 0. */
  for (int n = 10000000; n < 10000100; n++)
    {
      int rest;

      g_snprintf (prefix, sizeof prefix, "%08d", n);
      rest = weighted_sum (prefix, orgnr_weights, 8) % 11;
      if (rest == 1)
        continue;
      n_accepted = 0;
      for (char last = '0'; last <= '9'; last++)
        {
          g_autofree char *number = g_strdup_printf ("%s%c", prefix, last);

          if (kl_validate_orgnr ("Org number", number, NULL))
            {
              n_accepted++;
              g_assert_cmpint (last - '0', ==, rest == 0 ? 0 : 11 - rest);
            }
        }
      g_assert_cmpuint (n_accepted, ==, 1);
    }
}

static void
test_account (void)
{
  g_autoptr(GError) error = NULL;

  assert_ok (kl_validate_account, "12345678903");
  assert_ok (kl_validate_account, "1234.56.78903");
  assert_ok (kl_validate_account, "1234 56 78903");
  assert_ok (kl_validate_account, "");
  assert_refused (kl_validate_account, "12345678904", KL_ERROR_INVALID_ACCOUNT);
  assert_refused (kl_validate_account, "1234.56.78900", KL_ERROR_INVALID_ACCOUNT);
  assert_refused (kl_validate_account, "1234567890", KL_ERROR_INVALID_ACCOUNT);
  assert_refused (kl_validate_account, "123456789030", KL_ERROR_INVALID_ACCOUNT);
  /* An org number is not an account number. */
  assert_refused (kl_validate_account, "988077917", KL_ERROR_INVALID_ACCOUNT);

  g_assert_false (kl_validate_account ("Bank account", "12345678904", &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_ACCOUNT);
  g_assert_nonnull (strstr (error->message, "Bank account"));
}

static void
test_account_remainder_one (void)
{
  char prefix[11] = { 0 };

  for (gint64 n = 1000000000; n < 9999999999; n++)
    {
      g_snprintf (prefix, sizeof prefix, "%010" G_GINT64_FORMAT, n);
      if (weighted_sum (prefix, account_weights, 10) % 11 == 1)
        break;
    }
  g_assert_cmpint (weighted_sum (prefix, account_weights, 10) % 11, ==, 1);
  for (char last = '0'; last <= '9'; last++)
    {
      g_autofree char *number = g_strdup_printf ("%s%c", prefix, last);

      assert_refused (kl_validate_account, number, KL_ERROR_INVALID_ACCOUNT);
    }
}

static void
test_email (void)
{
  static const char *const accepted[] = {
    "kari.nordmann@tromso.kommune.no", "a@b.no", "post+kurs@imtec.no", "", NULL
  };
  static const char *const refused[] = {
    "kari", "kari@", "@imtec.no", "kari@imtec", "kari@@imtec.no", "kari@imtec.no@x.no",
    "kari nordmann@imtec.no", "kari@imtec..no", "kari@.no", "kari@imtec.no.", NULL
  };

  assert_values (kl_validate_email, accepted, refused, KL_ERROR_INVALID_EMAIL);
}

static void
test_date (void)
{
  static const char *const accepted[] = {
    "2024-02-29", "2024-12-31", "2000-02-29", "", NULL
  };
  static const char *const refused[] = {
    "2023-02-29", "1900-02-29", "2024-1-5", "2024-13-01", "2024-04-31", "2024-00-10", "05.02.2024",
    "2024/02/05", "2024-02-05x", "2024-02-05T09:00",
    /* Padded with blanks or signs instead of zeros: dates are compared as
     * text, so only the one canonical shape may be stored. */
    "2024- 1-05", "2024-+1-05", " 024-01-05", NULL
  };

  assert_values (kl_validate_date, accepted, refused, KL_ERROR_INVALID_DATE);
}

static void
test_datetime (void)
{
  static const char *const accepted[] = {
    "2024-05-02T09:00", "2024-02-29T23:59", "", NULL
  };
  static const char *const refused[] = {
    "2024-05-02", "2024-05-02 09:00", "2024-05-02T24:00", "2024-05-02T09:60", "2024-05-02T9:00",
    "2024-05-02T09:00:00", "2023-02-29T09:00", "2024-05-02T 9:00", NULL
  };

  assert_values (kl_validate_datetime, accepted, refused, KL_ERROR_INVALID_DATE);
}

static void
test_order (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kl_validate_order ("start date", "2024-01-01", "End date", "2024-06-30", NULL));
  g_assert_true (kl_validate_order ("start date", "2024-01-01", "End date", "2024-01-01", NULL));
  /* Either missing: nothing to compare. */
  g_assert_true (kl_validate_order ("start date", "2024-01-01", "End date", "", NULL));
  g_assert_true (kl_validate_order ("start date", NULL, "End date", "2024-01-01", NULL));
  g_assert_true (kl_validate_order ("start", "2024-05-02T09:00", "End", "2024-05-02T15:30", NULL));

  g_assert_false (kl_validate_order ("start date", "2024-06-30", "End date", "2024-01-01", &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_DATE_ORDER);
  g_assert_true (g_str_has_prefix (error->message, "End date: "));
  g_assert_nonnull (strstr (error->message, "2024-01-01"));
  g_assert_nonnull (strstr (error->message, "2024-06-30"));
  g_clear_error (&error);

  g_assert_false (kl_validate_order ("start", "2024-05-02T15:30", "End", "2024-05-02T09:00", &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_DATE_ORDER);
}

static void
test_case_no (void)
{
  static const char *const accepted[] = {
    "21/12345", "24/00001", "", NULL
  };
  static const char *const refused[] = {
    "21/12345-3", "2112345", "21/1234", "21/123456", "2021/12345", "ab/12345", "21-12345", NULL
  };

  assert_values (kl_validate_case_no, accepted, refused, KL_ERROR_INVALID_CASE_NO);
}

static void
test_required (void)
{
  g_autoptr(GError) error = NULL;

  assert_ok (kl_validate_required, "Tromsø kommune");
  assert_refused (kl_validate_required, "", KL_ERROR_REQUIRED);
  assert_refused (kl_validate_required, NULL, KL_ERROR_REQUIRED);
  /* Blanks alone are no name. */
  assert_refused (kl_validate_required, "   \t", KL_ERROR_REQUIRED);

  g_assert_false (kl_validate_required ("Name", "", &error));
  g_assert_cmpstr (error->message, ==, "Name: required");
}

static void
test_amount (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kl_validate_amount ("Net amount", 0, NULL));
  g_assert_true (kl_validate_amount ("Net amount", 2000000, NULL));
  g_assert_false (kl_validate_amount ("Net amount", -1, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_AMOUNT);
  g_assert_true (g_str_has_prefix (error->message, "Net amount: "));
}

static void
test_one_of (void)
{
  static const char *const kinds[] = { "kommune", "skole", NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (kl_validate_one_of ("Kind", "skole", kinds, NULL));
  g_assert_false (kl_validate_one_of ("Kind", "Skole", kinds, NULL));
  g_assert_false (kl_validate_one_of ("Kind", NULL, kinds, NULL));
  g_assert_false (kl_validate_one_of ("Kind", "bank", kinds, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE);
  /* The message lists what would have been accepted. */
  g_assert_nonnull (strstr (error->message, "kommune, skole"));
}

static void
test_normalize_number (void)
{
  g_autofree char *a = kl_normalize_number ("988 077 917");
  g_autofree char *b = kl_normalize_number ("1234.56.78903");
  g_autofree char *c = kl_normalize_number (NULL);

  g_assert_cmpstr (a, ==, "988077917");
  g_assert_cmpstr (b, ==, "12345678903");
  g_assert_cmpstr (c, ==, "");
}

/* One clock for every rule that depends on today: KARTLESER_NOW sets it. */
static void
test_clock (void)
{
  g_autofree char *today = NULL;
  g_autofree char *minutes = NULL;
  g_autofree char *midnight = NULL;

  g_setenv ("KARTLESER_NOW", "2026-03-01T10:05", TRUE);
  today = kl_today ();
  minutes = kl_clock_now_minutes ();
  g_assert_cmpstr (today, ==, "2026-03-01");
  g_assert_cmpstr (minutes, ==, "2026-03-01T10:05");
  g_setenv ("KARTLESER_NOW", "2027-12-31", TRUE);
  midnight = kl_clock_now_minutes ();
  g_assert_cmpstr (midnight, ==, "2027-12-31T00:00");
  g_unsetenv ("KARTLESER_NOW");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/validate/orgnr/valid", test_orgnr_valid);
  g_test_add_func ("/validate/orgnr/check-digit", test_orgnr_check_digit);
  g_test_add_func ("/validate/orgnr/length", test_orgnr_length);
  g_test_add_func ("/validate/orgnr/remainder-one", test_orgnr_remainder_one);
  g_test_add_func ("/validate/account", test_account);
  g_test_add_func ("/validate/account/remainder-one", test_account_remainder_one);
  g_test_add_func ("/validate/email", test_email);
  g_test_add_func ("/validate/date", test_date);
  g_test_add_func ("/validate/datetime", test_datetime);
  g_test_add_func ("/validate/order", test_order);
  g_test_add_func ("/validate/case-no", test_case_no);
  g_test_add_func ("/validate/required", test_required);
  g_test_add_func ("/validate/amount", test_amount);
  g_test_add_func ("/validate/one-of", test_one_of);
  g_test_add_func ("/validate/normalize-number", test_normalize_number);

  g_test_add_func ("/validate/clock", test_clock);
  return g_test_run ();
}
