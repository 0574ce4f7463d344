#include "config.h"

#include <stdio.h>
#include <string.h>

#include "kl-date.h"
#include "kl-error.h"
#include "kl-i18n.h"
#include "kl-validate.h"

/* Up to max_digits digits at *p; how many there were in *n_digits. */
static gboolean
read_number (const char **p,
             guint        max_digits,
             guint       *value,
             guint       *n_digits)
{
  *value = 0;
  *n_digits = 0;
  while (g_ascii_isdigit (**p) && *n_digits < max_digits)
    {
      *value = *value * 10 + (guint) (**p - '0');
      (*n_digits)++;
      (*p)++;
    }
  return *n_digits > 0;
}

static gboolean
read_char (const char **p,
           char         c)
{
  if (**p != c)
    return FALSE;
  (*p)++;
  return TRUE;
}

/* A year of two digits is this century's: 27 is 2027. */
static gboolean
read_year (const char **p,
           guint       *year)
{
  guint n;

  if (!read_number (p, 4, year, &n) || (n != 2 && n != 4))
    return FALSE;
  if (n == 2)
    *year += 2000;
  return TRUE;
}

/* The forms people write, to day, month and year; year 0 when the text
 * has none. FALSE when the text is none of them. */
static gboolean
read_form (const char *text,
           guint      *day,
           guint      *month,
           guint      *year)
{
  const char *p = text;
  guint first, n;

  *year = 0;
  if (!read_number (&p, 4, &first, &n))
    return FALSE;
  if (n == 4)
    {
      /* 2027-09-01 */
      *year = first;
      return read_char (&p, '-') && read_number (&p, 2, month, &n)
             && read_char (&p, '-') && read_number (&p, 2, day, &n) && *p == '\0';
    }
  if (n > 2)
    return FALSE;
  *day = first;
  if (read_char (&p, '.'))
    {
      /* 1.9.2027, 01.09.27, 1.9. and 1.9 */
      if (!read_number (&p, 2, month, &n))
        return FALSE;
      if (*p == '\0' || (read_char (&p, '.') && *p == '\0'))
        return TRUE;
      return read_year (&p, year) && *p == '\0';
    }
  if (read_char (&p, '/'))
    {
      /* 1/9-2027, 1/9-27 and 1/9, as written by hand */
      if (!read_number (&p, 2, month, &n))
        return FALSE;
      if (*p == '\0')
        return TRUE;
      return read_char (&p, '-') && read_year (&p, year) && *p == '\0';
    }
  return FALSE;
}

static guint
year_of (const char *today)
{
  g_autofree char *now = today != NULL ? NULL : kl_today ();
  const char *iso = today != NULL ? today : now;
  guint year = 0;

  if (iso == NULL || sscanf (iso, "%4u", &year) != 1)
    return 0;
  return year;
}

static void
set_not_a_date (GError     **error,
                const char  *label,
                const char  *text)
{
  /* TRANSLATORS: how a date may be written; keep the examples as they are
   * unless your readers write dates otherwise */
  g_set_error (error, KL_ERROR, KL_ERROR_INVALID_DATE,
               _("%s: “%s” is not a date. Write it as 1.9.2027, 01.09.27, 1.9. (this year) or 2027-09-01."),
               label, text);
}

/* Public API */

char *
kl_date_parse (const char  *label,
               const char  *text,
               const char  *today,
               GError     **error)
{
  g_autofree char *copy = NULL;
  guint day, month, year;

  g_return_val_if_fail (label != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (!read_form (copy, &day, &month, &year))
    {
      set_not_a_date (error, label, copy);
      return NULL;
    }
  if (year == 0)
    year = year_of (today);
  if (year < 1000 || year > 9999 || month < 1 || month > 12
      || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      g_set_error (error, KL_ERROR, KL_ERROR_INVALID_DATE,
                   /* TRANSLATORS: e.g. "Start date: “31.2.2027” does not exist in the calendar. …" */
                   _("%s: “%s” does not exist in the calendar. Write a date as 1.9.2027, 01.09.27, "
                     "1.9. (this year) or 2027-09-01."),
                   label, copy);
      return NULL;
    }
  return g_strdup_printf ("%04u-%02u-%02u", year, month, day);
}

char *
kl_date_parse_datetime (const char  *label,
                        const char  *text,
                        const char  *today,
                        GError     **error)
{
  g_autofree char *copy = NULL;
  g_autofree char *date = NULL;
  char *split;
  const char *p = NULL;
  guint hour, minute, n_hour, n_minute;

  g_return_val_if_fail (label != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  split = strrchr (copy, ' ');
  if (split == NULL && strlen (copy) > 10 && copy[10] == 'T')
    split = copy + 10;
  if (split != NULL)
    {
      *split = '\0';
      date = kl_date_parse (label, copy, today, error);
      *split = ' ';
      if (date == NULL)
        return NULL;
      p = split + 1;
    }
  if (split == NULL
      || !read_number (&p, 2, &hour, &n_hour) || !(read_char (&p, ':') || read_char (&p, '.'))
      || !read_number (&p, 2, &minute, &n_minute) || n_minute != 2 || *p != '\0'
      || hour > 23 || minute > 59)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_INVALID_DATE,
                   /* TRANSLATORS: how a date and time may be written */
                   _("%s: “%s” is not a date and time. Write it as 1.9.2027 09:00 or 2027-09-01 09:00."),
                   label, copy);
      return NULL;
    }
  return g_strdup_printf ("%sT%02u:%02u", date, hour, minute);
}

/* "2027-09-01" as "1. sep. 2027" or "1 Sep 2027", with the month names
 * given; not a date: as it is. */
static char *
format_with_months (const char        *iso_date,
                    KlLang             lang,
                    const char *const *norwegian,
                    const char *const *english)
{
  unsigned y, m, d;
  char tail;

  if (iso_date == NULL)
    return g_strdup ("");
  if (sscanf (iso_date, "%4u-%2u-%2u%c", &y, &m, &d, &tail) < 3 || m < 1 || m > 12 || d < 1 || d > 31)
    return g_strdup (iso_date);
  if (lang == KL_LANG_NB)
    return g_strdup_printf ("%u. %s %u", d, norwegian[m - 1], y);
  return g_strdup_printf ("%u %s %u", d, english[m - 1], y);
}

char *
kl_date_format (const char *iso_date,
                KlLang      lang)
{
  /* Språkrådet's abbreviations; the short months are written out. */
  static const char *const norwegian[] = {
    "jan.", "feb.", "mars", "apr.", "mai", "juni", "juli", "aug.", "sep.", "okt.", "nov.", "des.",
  };
  static const char *const english[] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  };

  return format_with_months (iso_date, lang, norwegian, english);
}

char *
kl_date_format_long (const char *iso_date,
                     KlLang      lang)
{
  static const char *const norwegian[] = {
    "januar", "februar", "mars", "april", "mai", "juni",
    "juli", "august", "september", "oktober", "november", "desember",
  };
  static const char *const english[] = {
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
  };

  return format_with_months (iso_date, lang, norwegian, english);
}
