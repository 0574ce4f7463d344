/* What people type into amount, date and hours fields, and what a CSV or
 * a script hands the same parsers. Each input goes to all three; what is
 * accepted must also make sense: an amount within the limit that reads
 * back the same once written out, a real calendar day, at most a day's
 * hours that read back the same as H:MM. */

#include "config.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "fuzz.h"
#include "kl-error.h"
#include "kl-hours.h"
#include "kl-money.h"
#include "kl-validate.h"

static void
check_money (const char *text)
{
  gint64 ore = 0;

  if (!kl_money_parse (text, &ore, NULL))
    return;
  g_assert_cmpint (ore, <=, KL_MONEY_MAX_ORE);
  g_assert_cmpint (ore, >=, -KL_MONEY_MAX_ORE);
  for (KlLang lang = KL_LANG_NB; lang <= KL_LANG_EN; lang++)
    {
      g_autofree char *written = kl_money_format (ore, lang);
      gint64 again = 0;

      g_assert_true (kl_money_parse (written, &again, NULL));
      g_assert_cmpint (again, ==, ore);
    }
}

static void
check_date (const char *text)
{
  unsigned y, m, d;

  if (!kl_validate_date ("Date", text, NULL) || *text == '\0')
    return;
  g_assert_cmpuint (strlen (text), ==, 10);
  g_assert_cmpuint (strspn (text, "0123456789-"), ==, 10);
  g_assert_cmpint (sscanf (text, "%4u-%2u-%2u", &y, &m, &d), ==, 3);
  g_assert_true (g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y));
}

static void
check_hours (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  int minutes = -1;
  int again = -1;

  if (!kl_hours_parse ("Hours", text, &minutes, &error))
    {
      g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE);
      g_assert_cmpint (minutes, ==, 0);
      return;
    }
  g_assert_cmpint (minutes, >=, 0);
  g_assert_cmpint (minutes, <=, KL_HOURS_MAX_MINUTES);
  written = g_strdup_printf ("%d:%02d", minutes / 60, minutes % 60);
  g_assert_true (kl_hours_parse ("Hours", written, &again, NULL));
  g_assert_cmpint (again, ==, minutes);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* The parsers take C strings, as fields and options give them. */
  g_autofree char *text = g_strndup ((const char *) data, size);

  check_money (text);
  check_date (text);
  check_hours (text);
  return 0;
}
