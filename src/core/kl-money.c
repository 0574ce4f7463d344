#include "config.h"

#include <locale.h>
#include <string.h>

#include "kl-error.h"
#include "kl-i18n.h"
#include "kl-money.h"

#define NBSP "\302\240"

static gboolean
set_not_an_amount (GError     **error,
                   const char  *text)
{
  g_set_error (error, KL_ERROR, KL_ERROR_INVALID_AMOUNT,
               _("“%s” is not an amount in kroner (write e.g. 20000, 20000.50 or 20 000,50)"),
               text);
  return FALSE;
}

static gboolean
set_too_large (GError     **error,
               const char  *text)
{
  g_autofree char *max = kl_money_format (KL_MONEY_MAX_ORE, kl_lang_from_locale ());

  g_set_error (error, KL_ERROR, KL_ERROR_INVALID_AMOUNT,
               _("“%s” is too large an amount: one amount can be at most %s"), text, max);
  return FALSE;
}

/* Drops blanks (space, no-break space, narrow no-break space) and a
 * currency word before or after: "kr 20 000,-" becomes "20000", and
 * "−NOK 1,500.00" (as kl_money_format writes it in English) "-1,500.00". */
static char *
compact_amount (const char *text)
{
  g_autoptr(GString) s = g_string_new (text);
  gboolean minus;

  g_string_replace (s, "\302\240", "", 0);
  g_string_replace (s, "\342\200\257", "", 0);
  g_string_replace (s, " ", "", 0);
  g_string_replace (s, "\t", "", 0);
  g_string_replace (s, "\342\210\222", "-", 0);   /* U+2212, as kl_money_format writes it */
  if (g_str_has_suffix (s->str, ",-"))
    g_string_truncate (s, s->len - 2);
  if ((minus = s->str[0] == '-'))
    g_string_erase (s, 0, 1);
  if (g_ascii_strncasecmp (s->str, "NOK", 3) == 0)
    g_string_erase (s, 0, 3);
  else if (g_ascii_strncasecmp (s->str, "kr", 2) == 0)
    g_string_erase (s, 0, 2);
  if (s->len >= 3 && g_ascii_strcasecmp (s->str + s->len - 3, "NOK") == 0)
    g_string_truncate (s, s->len - 3);
  else if (s->len >= 2 && g_ascii_strcasecmp (s->str + s->len - 2, "kr") == 0)
    g_string_truncate (s, s->len - 2);
  if (minus)
    g_string_prepend_c (s, '-');
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* Accepts what people type: "20000", "20000.50", "20 000,50", "kr 1 234",
 * "NOK 20,000.50", "1.000.000". With both '.' and ',' the later one is the
 * decimal separator. A lone separator followed by three digits is refused:
 * "20.000" means twenty thousand to a Norwegian and twenty to others. */
gboolean
kl_money_parse (const char  *text,
                gint64      *ore,
                GError     **error)
{
  g_autofree char *s = NULL;
  const char *p;
  const char *last_comma;
  const char *last_dot;
  const char *dec = NULL;
  gboolean negative = FALSE;
  guint64 kroner = 0;
  guint64 cents = 0;
  guint n_int = 0;
  guint n_dec = 0;
  guint group_digits = 0;
  gboolean grouped = FALSE;

  g_return_val_if_fail (ore != NULL, FALSE);

  if (text == NULL)
    text = "";
  s = compact_amount (text);
  p = s;
  if (*p == '-')
    negative = TRUE, p++;
  if (*p == '\0' || strspn (p, "0123456789,.") != strlen (p) || !g_ascii_isdigit (*p))
    return set_not_an_amount (error, text);

  last_comma = strrchr (p, ',');
  last_dot = strrchr (p, '.');
  if (last_comma != NULL && last_dot != NULL)
    dec = MAX (last_comma, last_dot);
  else if (last_comma != NULL || last_dot != NULL)
    {
      const char *only = last_comma ? last_comma : last_dot;

      /* Repeated, it can only be grouping: "1.000.000". */
      if (strchr (p, *only) == only)
        {
          if (strlen (only + 1) == 3)
            {
              g_set_error (error, KL_ERROR, KL_ERROR_INVALID_AMOUNT,
                           _("“%s” is ambiguous: write 20000 or 20 000 for twenty thousand kroner, 20,00 for twenty"),
                           text);
              return FALSE;
            }
          dec = only;
        }
    }

  for (; *p; p++)
    {
      if (p == dec)
        {
          /* digits grouped before the decimals: "1.234,50", not "1.2,50" */
          if (grouped && group_digits != 3)
            return set_not_an_amount (error, text);
          continue;
        }
      if (*p == ',' || *p == '.')
        {
          if ((dec != NULL && p > dec) || group_digits == 0 || group_digits > 3
              || (grouped && group_digits != 3))
            return set_not_an_amount (error, text);
          grouped = TRUE;
          group_digits = 0;
          continue;
        }
      if (dec == NULL || p < dec)
        group_digits++;
      if (dec != NULL && p > dec)
        {
          cents = cents * 10 + (guint64) (*p - '0');
          n_dec++;
        }
      else
        {
          kroner = kroner * 10 + (guint64) (*p - '0');
          n_int++;
        }
      if (kroner > (guint64) KL_MONEY_MAX_ORE / 100)
        return set_too_large (error, text);
    }

  if (n_int == 0 || (dec != NULL && n_dec == 0) || (dec == NULL && grouped && group_digits != 3))
    return set_not_an_amount (error, text);
  if (n_dec > 2)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_INVALID_AMOUNT,
                   _("“%s” has more than two decimals; amounts are in kroner and øre"),
                   text);
      return FALSE;
    }
  if (n_dec == 1)
    cents *= 10;

  if (kroner * 100 + cents > (guint64) KL_MONEY_MAX_ORE)
    return set_too_large (error, text);
  *ore = (gint64) (kroner * 100 + cents);
  if (negative)
    *ore = -*ore;
  return TRUE;
}

static char *
group_thousands (guint64     value,
                 const char *separator)
{
  g_autofree char *plain = g_strdup_printf ("%" G_GUINT64_FORMAT, value);
  GString *out = g_string_new (NULL);
  gsize len = strlen (plain);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, separator);
      g_string_append_c (out, plain[i]);
    }
  return g_string_free (out, FALSE);
}

static char *
format_money (gint64   ore,
              KlLang   lang,
              gboolean currency)
{
  guint64 abs_ore = ore < 0 ? (guint64) (-(ore + 1)) + 1 : (guint64) ore;
  g_autofree char *kroner = NULL;
  const char *sign = ore < 0 ? "−" : "";
  guint cents = (guint) (abs_ore % 100);

  if (lang == KL_LANG_EN)
    {
      kroner = group_thousands (abs_ore / 100, ",");
      return g_strdup_printf ("%s%s%s.%02u", sign, currency ? "NOK " : "", kroner, cents);
    }

  kroner = group_thousands (abs_ore / 100, NBSP);
  return g_strdup_printf ("%s%s,%02u%s", sign, kroner, cents, currency ? NBSP "kr" : "");
}

/* "315 000,00 kr" (with no-break spaces) or "NOK 315,000.00". */
char *
kl_money_format (gint64 ore,
                 KlLang lang)
{
  return format_money (ore, lang, TRUE);
}

/* "315 000,00" or "315,000.00": for columns whose heading names the
 * currency once. */
char *
kl_money_format_amount (gint64 ore,
                        KlLang lang)
{
  return format_money (ore, lang, FALSE);
}

/* "315000.00": for machines (XML, CSV, JSON). */
char *
kl_money_format_decimal (gint64 ore)
{
  guint64 abs_ore = ore < 0 ? (guint64) (-(ore + 1)) + 1 : (guint64) ore;

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u",
                          ore < 0 ? "-" : "", abs_ore / 100, (guint) (abs_ore % 100));
}

/* permille of an amount, rounded half up to the øre; exact for any
 * amount, as the product is taken apart before it could overflow. */
gint64
kl_money_percent (gint64 ore,
                  int    permille)
{
  g_return_val_if_fail (ore >= 0 && permille >= 0 && permille <= 1000, 0);

  return (ore / 1000) * permille + ((ore % 1000) * permille + 500) / 1000;
}

static gboolean
set_overflow (GError **error)
{
  g_set_error (error, KL_ERROR, KL_ERROR_INVALID_AMOUNT,
               _("The amounts add up to more than Kartleser can count; check for an amount typed wrong"));
  return FALSE;
}

/* *sum += ore, or an error and *sum untouched when it would overflow. */
gboolean
kl_money_add (gint64  *sum,
              gint64   ore,
              GError **error)
{
  gint64 result;

  if (__builtin_add_overflow (*sum, ore, &result))
    return set_overflow (error);
  *sum = result;
  return TRUE;
}

gboolean
kl_money_times (gint64   ore,
                gint64   factor,
                gint64  *product,
                GError **error)
{
  if (__builtin_mul_overflow (ore, factor, product))
    return set_overflow (error);
  return TRUE;
}

KlLang
kl_lang_from_locale (void)
{
  const char *const *names = g_get_language_names ();

  for (guint i = 0; names[i]; i++)
    {
      if (g_str_has_prefix (names[i], "nb") || g_str_has_prefix (names[i], "no")
          || g_str_has_prefix (names[i], "nn"))
        return KL_LANG_NB;
      if (g_str_has_prefix (names[i], "en"))
        return KL_LANG_EN;
    }
  return KL_LANG_EN;
}
