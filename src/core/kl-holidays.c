#include "config.h"

#include <stdio.h>
#include <string.h>

#include "kl-holidays.h"
#include "kl-i18n.h"

typedef struct
{
  int month;               /* 0: counted from Easter Sunday */
  int day;                 /* day of the month, or days after Easter Sunday */
  const char *name;
  const char *norwegian;
} HolidayRule;

static const HolidayRule rules[] = {
  { 1, 1, N_("New Year’s Day"), "Nyttårsdag" },
  { 0, -3, N_("Maundy Thursday"), "Skjærtorsdag" },
  { 0, -2, N_("Good Friday"), "Langfredag" },
  { 0, 0, N_("Easter Sunday"), "Første påskedag" },
  { 0, 1, N_("Easter Monday"), "Andre påskedag" },
  { 5, 1, N_("Labour Day"), "Arbeidernes dag" },
  { 5, 17, N_("Constitution Day"), "Grunnlovsdag" },
  { 0, 39, N_("Ascension Day"), "Kristi himmelfartsdag" },
  { 0, 49, N_("Whit Sunday"), "Første pinsedag" },
  { 0, 50, N_("Whit Monday"), "Andre pinsedag" },
  { 12, 25, N_("Christmas Day"), "Første juledag" },
  { 12, 26, N_("Boxing Day"), "Andre juledag" },
};

static int
compare_holidays (gconstpointer a,
                  gconstpointer b)
{
  return g_date_compare (&((const KlHoliday *) a)->date, &((const KlHoliday *) b)->date);
}

/* Easter Sunday of the Gregorian calendar, by the anonymous (Meeus/Jones/
 * Butcher) computus: integer arithmetic only, no tables to run out. */
void
kl_easter_sunday (guint  year,
                  GDate *date)
{
  guint a, b, c, d, e, f, g, h, i, k, l, m, month, day;

  g_return_if_fail (year >= KL_HOLIDAY_MIN_YEAR && year <= KL_HOLIDAY_MAX_YEAR);
  g_return_if_fail (date != NULL);

  a = year % 19;
  b = year / 100;
  c = year % 100;
  d = b / 4;
  e = b % 4;
  f = (b + 8) / 25;
  g = (b - f + 1) / 3;
  h = (19 * a + b - d - g + 15) % 30;
  i = c / 4;
  k = c % 4;
  l = (32 + 2 * e + 2 * i - h - k) % 7;
  m = (a + 11 * h + 22 * l) / 451;
  month = (h + l - 7 * m + 114) / 31;
  day = (h + l - 7 * m + 114) % 31 + 1;
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

/* The year's public holidays (KlHoliday), by date. A movable one can fall
 * on a fixed one (Ascension Day on 1 May 2008, Whit Monday on 17 May
 * 2027); then the day is there twice. */
GArray *
kl_holidays_for_year (guint year)
{
  GArray *holidays;
  GDate easter;

  g_return_val_if_fail (year >= KL_HOLIDAY_MIN_YEAR && year <= KL_HOLIDAY_MAX_YEAR, NULL);

  holidays = g_array_sized_new (FALSE, TRUE, sizeof (KlHoliday), G_N_ELEMENTS (rules));
  kl_easter_sunday (year, &easter);
  for (guint r = 0; r < G_N_ELEMENTS (rules); r++)
    {
      KlHoliday holiday = { .name = rules[r].name, .norwegian = rules[r].norwegian };

      if (rules[r].month == 0)
        {
          holiday.date = easter;
          if (rules[r].day >= 0)
            g_date_add_days (&holiday.date, (guint) rules[r].day);
          else
            g_date_subtract_days (&holiday.date, (guint) -rules[r].day);
        }
      else
        {
          g_date_clear (&holiday.date, 1);
          g_date_set_dmy (&holiday.date, (GDateDay) rules[r].day, (GDateMonth) rules[r].month,
                          (GDateYear) year);
        }
      g_array_append_val (holidays, holiday);
    }
  g_array_sort (holidays, compare_holidays);
  return holidays;
}

/* "Constitution Day (Grunnlovsdag)" in English, "Grunnlovsdag" in
 * Norwegian: the Norwegian name is what people say, so it is always there. */
char *
kl_holiday_label (const KlHoliday *holiday)
{
  const char *translated;

  g_return_val_if_fail (holiday != NULL, NULL);

  translated = _(holiday->name);
  if (g_str_equal (translated, holiday->norwegian))
    return g_strdup (translated);
  /* Translators: a public holiday, its name and then its Norwegian name */
  return g_strdup_printf (_("%s (%s)"), translated, holiday->norwegian);
}

/* The holiday on a date, as kl_holiday_label() shows it; two on one day
 * are both named. NULL on an ordinary day. */
char *
kl_holiday_name (const GDate *date)
{
  g_autoptr(GArray) holidays = NULL;
  char *names = NULL;
  guint year;

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  year = g_date_get_year (date);
  if (year < KL_HOLIDAY_MIN_YEAR || year > KL_HOLIDAY_MAX_YEAR)
    return NULL;
  holidays = kl_holidays_for_year (year);
  for (guint i = 0; i < holidays->len; i++)
    {
      const KlHoliday *holiday = &g_array_index (holidays, KlHoliday, i);
      g_autofree char *label = NULL;
      char *both;

      if (g_date_compare (&holiday->date, date) != 0)
        continue;
      label = kl_holiday_label (holiday);
      if (names == NULL)
        {
          names = g_steal_pointer (&label);
          continue;
        }
      /* Translators: two holidays on one day, e.g. "Constitution Day and Ascension Day" */
      both = g_strdup_printf (_("%s and %s"), names, label);
      g_free (names);
      names = both;
    }
  return names;
}

/* The same for "YYYY-MM-DD" (or a longer ISO 8601 text that starts so);
 * NULL for an ordinary day or a text that is no date. */
char *
kl_holiday_name_iso (const char *iso_date)
{
  unsigned y, m, d;
  GDate date;

  if (iso_date == NULL || strlen (iso_date) < 10 || iso_date[4] != '-' || iso_date[7] != '-'
      || sscanf (iso_date, "%4u-%2u-%2u", &y, &m, &d) != 3
      || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return NULL;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return kl_holiday_name (&date);
}
