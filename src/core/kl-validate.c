#include "config.h"

#include <stdio.h>
#include <string.h>

#include "kl-error.h"
#include "kl-clock.h"
#include "kl-i18n.h"
#include "kl-money.h"
#include "kl-validate.h"

static gboolean
is_empty (const char *value)
{
  return value == NULL || *value == '\0';
}

/* Org and account numbers are often written with spaces or dots:
 * "988 077 917", "1234.56.78903". */
char *
kl_normalize_number (const char *value)
{
  GString *s = g_string_new (NULL);

  for (const char *p = value ? value : ""; *p; p++)
    if (*p != ' ' && *p != '.')
      g_string_append_c (s, *p);
  return g_string_free (s, FALSE);
}

/* The MOD11 rule of org and account numbers: the last digit is
 * 11 - (weighted sum mod 11), 0 when the remainder is 0, and a remainder
 * of 1 makes the number impossible. */
gboolean
kl_mod11_check (const char *digits,
                const int  *weights,
                guint       n_weights)
{
  int sum = 0;
  int rest;
  int check;

  if (strlen (digits) != n_weights + 1 || strspn (digits, "0123456789") != n_weights + 1)
    return FALSE;
  for (guint i = 0; i < n_weights; i++)
    sum += (digits[i] - '0') * weights[i];
  rest = sum % 11;
  if (rest == 1)
    return FALSE;
  check = rest == 0 ? 0 : 11 - rest;
  return digits[n_weights] - '0' == check;
}

gboolean
kl_validate_required (const char  *label,
                      const char  *value,
                      GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (value ? value : ""));

  if (*stripped != '\0')
    return TRUE;
  g_set_error (error, KL_ERROR, KL_ERROR_REQUIRED, _("%s: required"), label);
  return FALSE;
}

static gboolean
validate_mod11_number (const char  *label,
                       const char  *value,
                       const int   *weights,
                       guint        n_weights,
                       int          code,
                       GError     **error)
{
  g_autofree char *digits = kl_normalize_number (value);

  if (is_empty (value))
    return TRUE;
  if (strlen (digits) != n_weights + 1 || strspn (digits, "0123456789") != n_weights + 1)
    {
      g_set_error (error, KL_ERROR, code, _("%s: “%s” must have %u digits"),
                   label, value, n_weights + 1);
      return FALSE;
    }
  if (!kl_mod11_check (digits, weights, n_weights))
    {
      g_set_error (error, KL_ERROR, code,
                   _("%s: “%s” is not valid (the check digit does not match)"), label, value);
      return FALSE;
    }
  return TRUE;
}

gboolean
kl_validate_orgnr (const char  *label,
                   const char  *value,
                   GError     **error)
{
  static const int weights[] = { 3, 2, 7, 6, 5, 4, 3, 2 };

  return validate_mod11_number (label, value, weights, G_N_ELEMENTS (weights),
                                KL_ERROR_INVALID_ORGNR, error);
}

gboolean
kl_validate_account (const char  *label,
                     const char  *value,
                     GError     **error)
{
  static const int weights[] = { 5, 4, 3, 2, 7, 6, 5, 4, 3, 2 };

  return validate_mod11_number (label, value, weights, G_N_ELEMENTS (weights),
                                KL_ERROR_INVALID_ACCOUNT, error);
}

/* The shape only (local@domain.tld): whether it reaches anyone is for the
 * mail server to say. */
gboolean
kl_validate_email (const char  *label,
                   const char  *value,
                   GError     **error)
{
  static GRegex *shape = NULL;

  if (is_empty (value))
    return TRUE;
  if (g_once_init_enter (&shape))
    g_once_init_leave (&shape, g_regex_new ("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$", G_REGEX_OPTIMIZE, 0, NULL));
  if (g_regex_match (shape, value, 0, NULL))
    return TRUE;
  g_set_error (error, KL_ERROR, KL_ERROR_INVALID_EMAIL,
               _("%s: “%s” is not an e-mail address"), label, value);
  return FALSE;
}

/* TRUE when value[0..n) are all ASCII digits: sscanf alone would also take
 * " 1" or "+1", and dates are compared as text, so only one shape will do. */
static gboolean
all_digits (const char *value,
            gsize       n)
{
  return strspn (value, "0123456789") >= n;
}

static gboolean
parse_date (const char *value,
            GDate      *date)
{
  unsigned y, m, d;
  char tail;

  if (strlen (value) != 10 || sscanf (value, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3
      || value[4] != '-' || value[7] != '-'
      || !all_digits (value, 4) || !all_digits (value + 5, 2) || !all_digits (value + 8, 2))
    return FALSE;
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

gboolean
kl_validate_date (const char  *label,
                  const char  *value,
                  GError     **error)
{
  GDate date;

  if (is_empty (value) || parse_date (value, &date))
    return TRUE;
  g_set_error (error, KL_ERROR, KL_ERROR_INVALID_DATE,
               _("%s: “%s” is not a date (write YYYY-MM-DD)"), label, value);
  return FALSE;
}

/* Session times are local wall-clock times, "YYYY-MM-DDTHH:MM". */
gboolean
kl_validate_datetime (const char  *label,
                      const char  *value,
                      GError     **error)
{
  g_autofree char *date = NULL;
  GDate d;
  unsigned h, min;
  char tail;

  if (is_empty (value))
    return TRUE;
  date = g_strndup (value, 10);
  if (strlen (value) == 16 && value[10] == 'T' && parse_date (date, &d)
      && sscanf (value + 11, "%2u:%2u%c", &h, &min, &tail) == 2 && value[13] == ':'
      && all_digits (value + 11, 2) && all_digits (value + 14, 2) && h < 24 && min < 60)
    return TRUE;
  g_set_error (error, KL_ERROR, KL_ERROR_INVALID_DATE,
               _("%s: “%s” is not a date and time (write YYYY-MM-DD HH:MM)"), label, value);
  return FALSE;
}

/* ISO 8601 strings of one shape sort as their dates do. */
gboolean
kl_validate_order (const char  *start_label,
                   const char  *start,
                   const char  *end_label,
                   const char  *end,
                   GError     **error)
{
  if (is_empty (start) || is_empty (end) || strcmp (start, end) <= 0)
    return TRUE;
  g_set_error (error, KL_ERROR, KL_ERROR_DATE_ORDER,
               _("%s: %s is before the %s %s"), end_label, end, start_label, start);
  return FALSE;
}

/* KS case numbers look like "21/12345": two-digit year, five-digit serial,
 * no document suffix. */
gboolean
kl_validate_case_no (const char  *label,
                     const char  *value,
                     GError     **error)
{
  if (is_empty (value)
      || (strlen (value) == 8 && strspn (value, "0123456789") == 2 && value[2] == '/'
          && strspn (value + 3, "0123456789") == 5))
    return TRUE;
  g_set_error (error, KL_ERROR, KL_ERROR_INVALID_CASE_NO,
               _("%s: “%s” is not a KS case number (write NN/NNNNN, e.g. 21/12345)"),
               label, value);
  return FALSE;
}

gboolean
kl_validate_amount (const char  *label,
                    gint64       ore,
                    GError     **error)
{
  if (ore > KL_MONEY_MAX_ORE)
    {
      g_autofree char *max = kl_money_format (KL_MONEY_MAX_ORE, kl_lang_from_locale ());

      g_set_error (error, KL_ERROR, KL_ERROR_INVALID_AMOUNT,
                   _("%s: one amount can be at most %s"), label, max);
      return FALSE;
    }
  if (ore >= 0)
    return TRUE;
  g_set_error (error, KL_ERROR, KL_ERROR_INVALID_AMOUNT,
               _("%s: an amount cannot be negative"), label);
  return FALSE;
}

gboolean
kl_validate_one_of (const char         *label,
                    const char         *value,
                    const char *const  *allowed,
                    GError            **error)
{
  g_autofree char *list = NULL;

  if (value != NULL && g_strv_contains (allowed, value))
    return TRUE;
  list = g_strjoinv (", ", (char **) allowed);
  g_set_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE,
               _("%s: “%s” is not one of %s"), label, value ? value : "", list);
  return FALSE;
}

/* Today's date, YYYY-MM-DD; KARTLESER_NOW (YYYY-MM-DD, optionally with a
 * time after it) stands in for the clock, so that tests and screenshots of
 * deadlines see the day they were written for. */
char *
kl_today (void)
{
  return kl_clock_today ();
}
