/* Norwegian public holidays: Easter by the computus against published
 * dates, each year's twelve holidays against the calendar, and their
 * names as the office reads them. */

#include <glib.h>

#include "kl-holidays.h"

typedef struct
{
  guint year;
  const char *dates[12];  /* in the order of the year */
} YearCase;

/* From the Norwegian almanac (almanakk.no). */
static const YearCase years[] = {
  { 2024, { "2024-01-01", "2024-03-28", "2024-03-29", "2024-03-31", "2024-04-01", "2024-05-01",
            "2024-05-09", "2024-05-17", "2024-05-19", "2024-05-20", "2024-12-25", "2024-12-26" } },
  { 2025, { "2025-01-01", "2025-04-17", "2025-04-18", "2025-04-20", "2025-04-21", "2025-05-01",
            "2025-05-17", "2025-05-29", "2025-06-08", "2025-06-09", "2025-12-25", "2025-12-26" } },
  { 2026, { "2026-01-01", "2026-04-02", "2026-04-03", "2026-04-05", "2026-04-06", "2026-05-01",
            "2026-05-14", "2026-05-17", "2026-05-24", "2026-05-25", "2026-12-25", "2026-12-26" } },
  /* Whit Monday on Constitution Day. */
  { 2027, { "2027-01-01", "2027-03-25", "2027-03-26", "2027-03-28", "2027-03-29", "2027-05-01",
            "2027-05-06", "2027-05-16", "2027-05-17", "2027-05-17", "2027-12-25", "2027-12-26" } },
};

static char *
iso (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

static void
test_easter (void)
{
  static const struct { guint year; const char *date; } known[] = {
    { 1818, "1818-03-22" },   /* the earliest possible */
    { 1943, "1943-04-25" },   /* the latest possible */
    { 2000, "2000-04-23" },
    { 2019, "2019-04-21" },
    { 2024, "2024-03-31" },
    { 2025, "2025-04-20" },
    { 2026, "2026-04-05" },
    { 2027, "2027-03-28" },
    { 2038, "2038-04-25" },
    { 2285, "2285-03-22" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      GDate date;
      g_autofree char *text = NULL;

      kl_easter_sunday (known[i].year, &date);
      text = iso (&date);
      g_assert_cmpstr (text, ==, known[i].date);
      g_assert_cmpint (g_date_get_weekday (&date), ==, G_DATE_SUNDAY);
    }
}

static void
test_years (void)
{
  for (guint y = 0; y < G_N_ELEMENTS (years); y++)
    {
      g_autoptr(GArray) holidays = kl_holidays_for_year (years[y].year);

      g_assert_cmpuint (holidays->len, ==, 12);
      for (guint i = 0; i < holidays->len; i++)
        {
          g_autofree char *text = iso (&g_array_index (holidays, KlHoliday, i).date);

          g_assert_cmpstr (text, ==, years[y].dates[i]);
        }
    }
}

/* The movable ones keep their distance from Easter in every year. */
static void
test_movable_offsets (void)
{
  static const struct { const char *name; int offset; } movable[] = {
    { "Maundy Thursday", -3 }, { "Good Friday", -2 }, { "Easter Sunday", 0 }, { "Easter Monday", 1 },
    { "Ascension Day", 39 }, { "Whit Sunday", 49 }, { "Whit Monday", 50 },
  };

  for (guint year = 1900; year <= 2100; year++)
    {
      g_autoptr(GArray) holidays = kl_holidays_for_year (year);
      GDate easter;

      kl_easter_sunday (year, &easter);
      g_assert_cmpint (g_date_get_month (&easter), >=, 3);
      g_assert_cmpint (g_date_get_month (&easter), <=, 4);
      for (guint m = 0; m < G_N_ELEMENTS (movable); m++)
        {
          gboolean found = FALSE;

          for (guint i = 0; i < holidays->len; i++)
            {
              const KlHoliday *holiday = &g_array_index (holidays, KlHoliday, i);

              if (!g_str_equal (holiday->name, movable[m].name))
                continue;
              g_assert_cmpint (g_date_days_between (&easter, &holiday->date), ==, movable[m].offset);
              found = TRUE;
            }
          g_assert_true (found);
        }
      for (guint i = 1; i < holidays->len; i++)
        g_assert_cmpint (g_date_compare (&g_array_index (holidays, KlHoliday, i - 1).date,
                                         &g_array_index (holidays, KlHoliday, i).date), <=, 0);
    }
}

static void
test_names (void)
{
  g_autofree char *constitution = kl_holiday_name_iso ("2026-05-17");
  g_autofree char *maundy = kl_holiday_name_iso ("2026-04-02T09:00");
  g_autofree char *ascension = kl_holiday_name_iso ("2026-05-14");
  g_autofree char *boxing = kl_holiday_name_iso ("2025-12-26");
  g_autofree char *both = kl_holiday_name_iso ("2027-05-17");
  g_autofree char *may_day_ascension = kl_holiday_name_iso ("2008-05-01");
  g_autoptr(GArray) holidays = kl_holidays_for_year (2026);

  /* English, with the Norwegian name people use. */
  g_assert_cmpstr (constitution, ==, "Constitution Day (Grunnlovsdag)");
  g_assert_cmpstr (maundy, ==, "Maundy Thursday (Skjærtorsdag)");
  g_assert_cmpstr (ascension, ==, "Ascension Day (Kristi himmelfartsdag)");
  g_assert_cmpstr (boxing, ==, "Boxing Day (Andre juledag)");
  g_assert_cmpstr (both, ==, "Constitution Day (Grunnlovsdag) and Whit Monday (Andre pinsedag)");
  g_assert_cmpstr (may_day_ascension, ==, "Labour Day (Arbeidernes dag) and Ascension Day (Kristi himmelfartsdag)");

  /* Ordinary days, Sundays and what is no date. */
  g_assert_null (kl_holiday_name_iso ("2026-04-01"));
  g_assert_null (kl_holiday_name_iso ("2026-04-04"));   /* Easter Saturday is a working day */
  g_assert_null (kl_holiday_name_iso ("2026-05-10"));   /* an ordinary Sunday */
  g_assert_null (kl_holiday_name_iso ("2026-12-24"));   /* Christmas Eve is not a holiday by law */
  g_assert_null (kl_holiday_name_iso ("2026-02-30"));
  g_assert_null (kl_holiday_name_iso ("17. mai"));
  g_assert_null (kl_holiday_name_iso (NULL));

  for (guint i = 0; i < holidays->len; i++)
    {
      g_autofree char *label = kl_holiday_label (&g_array_index (holidays, KlHoliday, i));

      g_assert_nonnull (g_strrstr (label, g_array_index (holidays, KlHoliday, i).norwegian));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/holidays/easter", test_easter);
  g_test_add_func ("/holidays/years", test_years);
  g_test_add_func ("/holidays/movable-offsets", test_movable_offsets);
  g_test_add_func ("/holidays/names", test_names);
  return g_test_run ();
}
