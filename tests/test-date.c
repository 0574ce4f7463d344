#include "config.h"

#include <string.h>

#include "kl-date.h"
#include "kl-error.h"
#include "kl-export.h"
#include "kl-series.h"
#include "kl-test-util.h"

/* "Today" for the forms without a year. */
#define TODAY "2026-12-02"

typedef struct
{
  const char *text;
  const char *iso;   /* NULL: refused */
} DateCase;

static const DateCase date_cases[] = {
  /* ISO, as stored */
  { "2027-09-01", "2027-09-01" },
  { "  2027-09-01 ", "2027-09-01" },
  { "2027-9-1", "2027-09-01" },
  /* as Norwegians write them */
  { "1.9.2027", "2027-09-01" },
  { "01.09.2027", "2027-09-01" },
  { "01.09.27", "2027-09-01" },
  { "1.9.27", "2027-09-01" },
  { "31.12.2027", "2027-12-31" },
  /* no year: this year's, from TODAY */
  { "1.9.", "2026-09-01" },
  { "1.9", "2026-09-01" },
  { "24.12.", "2026-12-24" },
  /* by hand */
  { "1/9-2027", "2027-09-01" },
  { "1/9-27", "2027-09-01" },
  { "1/9", "2026-09-01" },
  /* leap days */
  { "29.2.2028", "2028-02-29" },
  { "29.2.2027", NULL },
  { "29.2.2100", NULL },
  /* no such day or month */
  { "31.2.2027", NULL },
  { "0.1.2027", NULL },
  { "1.0.2027", NULL },
  { "1.13.2027", NULL },
  { "32.1.2027", NULL },
  { "31.4.2027", NULL },
  { "2027-02-30", NULL },
  { "2027-00-10", NULL },
  /* not a date at all */
  { "", NULL },
  { "   ", NULL },
  { "tomorrow", NULL },
  { "1.9.202", NULL },
  { "1.9.20271", NULL },
  { "1..2027", NULL },
  { "1.9.2027.", NULL },
  { "123.9.2027", NULL },
  { "2027/09/01", NULL },
  { "1-9-2027", NULL },
  { "1. sep. 2027", NULL },
  { "2027-09-01x", NULL },
};

static void
test_date_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (date_cases); i++)
    {
      const DateCase *c = &date_cases[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *iso = kl_date_parse ("Start date", c->text, TODAY, &error);

      if (g_test_verbose ())
        g_test_message ("“%s” → %s", c->text, iso ? iso : error->message);
      if (c->iso != NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (iso, ==, c->iso);
        }
      else
        {
          g_assert_null (iso);
          g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_DATE);
          /* The field, and the forms that would have worked. */
          g_assert_true (g_str_has_prefix (error->message, "Start date: "));
          g_assert_nonnull (strstr (error->message, "1.9.2027, 01.09.27, 1.9. (this year) or 2027-09-01"));
        }
    }
}

/* Without a given today, the year comes from the core's clock. */
static void
test_date_this_year_from_clock (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL;

  g_setenv ("KARTLESER_NOW", "2031-03-05T10:00", TRUE);
  iso = kl_date_parse ("Date", "1.9.", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (iso, ==, "2031-09-01");
  g_unsetenv ("KARTLESER_NOW");
}

static void
test_date_messages_norwegian (void)
{
  g_autoptr(KlExportLanguage) scope = kl_export_language_push (KL_LANG_NB);
  const char *const refused[] = { "31.2.2027", "0.1.2027", "i morgen", "1.9.202" };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *iso = kl_date_parse ("Startdato", refused[i], TODAY, &error);

      g_assert_null (iso);
      g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_DATE);
      g_assert_true (g_str_has_prefix (error->message, "Startdato: "));
      g_assert_nonnull (strstr (error->message, refused[i]));
      /* In Bokmål, with the same forms. */
      g_assert_nonnull (strstr (error->message, "Skriv"));
      g_assert_nonnull (strstr (error->message, "1.9.2027, 01.09.27, 1.9. (i år) eller 2027-09-01"));
      g_assert_null (strstr (error->message, "Write"));
    }
}

typedef struct
{
  const char *text;
  const char *stored;   /* NULL: refused */
} DateTimeCase;

static void
test_datetime_table (void)
{
  static const DateTimeCase cases[] = {
    { "2027-09-01 09:00", "2027-09-01T09:00" },
    { "2027-09-01T09:00", "2027-09-01T09:00" },
    { "1.9.2027 9:00", "2027-09-01T09:00" },
    { "01.09.27 14.30", "2027-09-01T14:30" },
    { "1.9. 08:15", "2026-09-01T08:15" },
    { "1.9.2027", NULL },
    { "1.9.2027 24:00", NULL },
    { "1.9.2027 9:60", NULL },
    { "1.9.2027 9", NULL },
    { "31.2.2027 09:00", NULL },
    { "09:00", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *stored = kl_date_parse_datetime ("Start", cases[i].text, TODAY, &error);

      if (cases[i].stored != NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (stored, ==, cases[i].stored);
        }
      else
        {
          g_assert_null (stored);
          g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_DATE);
          g_assert_true (g_str_has_prefix (error->message, "Start: "));
        }
    }
}

static void
test_date_format (void)
{
  g_autofree char *nb = kl_date_format ("2027-09-01", KL_LANG_NB);
  g_autofree char *en = kl_date_format ("2027-09-01", KL_LANG_EN);
  g_autofree char *march = kl_date_format ("2026-03-15", KL_LANG_NB);
  g_autofree char *december = kl_date_format ("2026-12-04", KL_LANG_NB);
  g_autofree char *not_iso = kl_date_format ("1.9.2027", KL_LANG_NB);
  g_autofree char *empty = kl_date_format (NULL, KL_LANG_EN);

  g_assert_cmpstr (nb, ==, "1. sep. 2027");
  g_assert_cmpstr (en, ==, "1 Sep 2027");
  g_assert_cmpstr (march, ==, "15. mars 2026");
  g_assert_cmpstr (december, ==, "4. des. 2026");
  g_assert_cmpstr (not_iso, ==, "1.9.2027");
  g_assert_cmpstr (empty, ==, "");
}

static void
test_date_format_long (void)
{
  g_autofree char *nb = kl_date_format_long ("2027-09-01", KL_LANG_NB);
  g_autofree char *en = kl_date_format_long ("2027-09-01", KL_LANG_EN);
  g_autofree char *may = kl_date_format_long ("2026-05-17", KL_LANG_NB);
  g_autofree char *not_iso = kl_date_format_long ("soon", KL_LANG_EN);

  g_assert_cmpstr (nb, ==, "1. september 2027");
  g_assert_cmpstr (en, ==, "1 September 2027");
  g_assert_cmpstr (may, ==, "17. mai 2026");
  g_assert_cmpstr (not_iso, ==, "soon");
}

/* A series is planned from dates as people write them, and their order
 * is the calendar's, not the text's ("15.1." comes before "1.2."). */
static void
test_series_dates (void)
{
  g_autoptr(KlSeriesSpec) spec = kl_series_spec_new ();
  g_autoptr(KlSeriesSpec) backwards = kl_series_spec_new ();
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;

  spec->from = g_strdup ("15.1.2026");
  spec->until = g_strdup ("1.2.26");
  g_assert_true (kl_series_parse_weekdays ("thu", &spec->weekdays, NULL));
  spec->every = 1;
  spec->start_time = g_strdup ("09:00");
  spec->end_time = g_strdup ("15:00");
  spec->title = g_strdup ("Samling");
  plan = kl_series_plan (spec, &error);
  g_assert_no_error (error);
  /* Thursdays 15, 22 and 29 January 2026. */
  g_assert_cmpuint (plan->len, ==, 3);

  backwards->from = g_strdup ("1.2.2026");
  backwards->until = g_strdup ("15.1.2026");
  backwards->weekdays = spec->weekdays;
  backwards->every = 1;
  backwards->start_time = g_strdup ("09:00");
  backwards->end_time = g_strdup ("15:00");
  backwards->title = g_strdup ("Samling");
  none = kl_series_plan (backwards, &error);
  g_assert_null (none);
  g_assert_error (error, KL_ERROR, KL_ERROR_DATE_ORDER);
}

int
main (int   argc,
      char *argv[])
{
  kl_test_bind_translations ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/table", test_date_table);
  g_test_add_func ("/date/this-year-from-clock", test_date_this_year_from_clock);
  g_test_add_func ("/date/messages-norwegian", test_date_messages_norwegian);
  g_test_add_func ("/date/datetime-table", test_datetime_table);
  g_test_add_func ("/date/format", test_date_format);
  g_test_add_func ("/date/format-long", test_date_format_long);
  g_test_add_func ("/date/series", test_series_dates);
  return g_test_run ();
}
