/* Hours as people write them, one parser for every field: whole hours,
 * two decimals with either separator, or hours and minutes; never more
 * than a day, and nothing that only a C library would read as a number. */

#include <glib.h>
#include <string.h>

#include "kl-error.h"
#include "kl-hours.h"
#include "kl-model.h"

static void
test_accepted (void)
{
  static const struct { const char *text; int minutes; } cases[] = {
    { "6", 360 },
    { " 6 ", 360 },
    { "0", 0 },
    { "24", 1440 },
    { "007", 420 },
    { "1.5", 90 },
    { "1,5", 90 },
    { "0,25", 15 },
    { "2.75", 165 },
    { "1.1", 66 },
    { "0.01", 1 },       /* 0.6 minutes, rounded half up */
    { "1.99", 119 },
    { "24.0", 1440 },
    { "24,00", 1440 },
    { "1:30", 90 },
    { "0:05", 5 },
    { "6:59", 419 },
    { "24:00", 1440 },
    { "\t2:15\n", 135 },
    { "", 0 },           /* empty: the caller decides */
    { "   ", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      int minutes = -1;

      if (!kl_hours_parse ("Hours", cases[i].text, &minutes, &error))
        g_error ("“%s” should be accepted: %s", cases[i].text, error->message);
      g_assert_cmpint (minutes, ==, cases[i].minutes);
    }
  {
    int minutes = -1;

    g_assert_true (kl_hours_parse ("Hours", NULL, &minutes, NULL));
    g_assert_cmpint (minutes, ==, 0);
  }
}

static void
test_refused (void)
{
  static const char *const cases[] = {
    "0x10", "0X10", "1e1", "1E1", "1e-1",     /* what strtod reads as numbers */
    "24:59", "24:01", "24.5", "24,01", "25",  /* more than a day */
    "4294967297:30", "4294967296", "99999999999999999999", "1:4294967296",
    "1:60", "1:5", "1:050", "1:", ":30",      /* minutes are two digits under 60 */
    "1.", ".5", ",5", "1.555", "1.5.5", "1,5,", "1:30.5",
    "-1", "+1", "−1", "1 5", "1 : 30", "1h", "6 timer", "abc", "inf", "nan",
    "١", "６",                                 /* digits, but not ASCII ones */
    "1\0302",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      int minutes = -1;

      if (kl_hours_parse ("Planned hours", cases[i], &minutes, &error))
        g_error ("“%s” should be refused, was %d minutes", cases[i], minutes);
      g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE);
      g_assert_cmpint (minutes, ==, 0);
      /* Names the field, what was written and the forms accepted. */
      g_assert_true (g_str_has_prefix (error->message, "Planned hours: “"));
      g_assert_nonnull (strstr (error->message, cases[i]));
      g_assert_nonnull (strstr (error->message, "(6)"));
      g_assert_nonnull (strstr (error->message, "(1.5 or 1,5)"));
      g_assert_nonnull (strstr (error->message, "(1:30)"));
      g_assert_nonnull (strstr (error->message, "at most 24"));
    }
}

/* What no field would let through is refused when stored, too. */
static void
test_stored_at_most_a_day (void)
{
  g_autoptr(KlSession) session = kl_session_new ();
  g_autoptr(KlAttendance) mark = kl_attendance_new ();
  g_autoptr(GError) error = NULL;

  session->programme_id = 1;
  session->title = g_strdup ("Samling 1");
  session->kind = g_strdup ("fagsamling");
  session->starts_at = g_strdup ("2025-09-02T09:00");
  session->ends_at = g_strdup ("2025-09-02T15:00");
  session->planned_minutes = KL_HOURS_MAX_MINUTES;
  g_assert_true (kl_session_validate (session, &error));
  g_assert_no_error (error);
  session->planned_minutes = KL_HOURS_MAX_MINUTES + 1;
  g_assert_false (kl_session_validate (session, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE);
  g_assert_true (g_str_has_prefix (error->message, "Planned hours: "));
  g_clear_error (&error);

  mark->session_id = 1;
  mark->participant_id = 1;
  mark->status = g_strdup ("partial");
  mark->minutes = KL_HOURS_MAX_MINUTES;
  g_assert_true (kl_attendance_validate (mark, &error));
  g_assert_no_error (error);
  mark->minutes = KL_HOURS_MAX_MINUTES + 1;
  g_assert_false (kl_attendance_validate (mark, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE);
  g_assert_true (g_str_has_prefix (error->message, "Hours: "));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hours/accepted", test_accepted);
  g_test_add_func ("/hours/refused", test_refused);
  g_test_add_func ("/hours/stored-at-most-a-day", test_stored_at_most_a_day);
  return g_test_run ();
}
