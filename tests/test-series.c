/* Recurring sessions: the plan of a series (weekdays, every N weeks,
 * numbering, public holidays skipped or named), what is refused and why,
 * inserting all or nothing, undoing, and the warning for a single
 * session on a holiday. */

#include <glib.h>
#include <string.h>

#include "kl-error.h"
#include "kl-series.h"
#include "kl-store.h"
#include "kl-test-store.h"
#include "kl-test-util.h"

typedef struct
{
  char *dir;
  KlDb *db;
  gint64 programme;
  gint64 leader;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  gint64 client;

  fixture->dir = kl_test_make_dir ("test-series");
  fixture->db = kl_test_open_db (fixture->dir);
  client = kl_test_add_client (fixture->db, "Vestland fylkeskommune", "fylkeskommune", 0, NULL);
  fixture->leader = kl_test_add_consultant (fixture->db, "Hilde Aas");
  fixture->programme = kl_test_add_programme (fixture->db, client, "LED SKOLE Vestland", "2026-01-01", "2026-06-30");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kl_test_close_db (&fixture->db, &fixture->dir);
}

static KlSeriesSpec *
spec_new (const char *from,
          const char *until,
          const char *weekdays,
          guint       every,
          gboolean    skip_holidays)
{
  KlSeriesSpec *spec = kl_series_spec_new ();

  spec->from = g_strdup (from);
  spec->until = g_strdup (until);
  g_assert_true (kl_series_parse_weekdays (weekdays, &spec->weekdays, NULL));
  spec->every = every;
  spec->start_time = g_strdup ("09:00");
  spec->end_time = g_strdup ("15:30");
  spec->title = g_strdup ("Samling");
  spec->skip_holidays = skip_holidays;
  return spec;
}

static KlPlannedSession *
planned_on (GPtrArray  *plan,
            const char *date)
{
  for (guint i = 0; i < plan->len; i++)
    if (g_str_equal (((KlPlannedSession *) g_ptr_array_index (plan, i))->date, date))
      return g_ptr_array_index (plan, i);
  g_error ("nothing planned on %s", date);
}

static gint64
count_sessions (Fixture *fixture)
{
  g_autoptr(GPtrArray) sessions = kl_store_list_sessions (fixture->db, fixture->programme, NULL);

  if (sessions == NULL)
    g_error ("cannot list the sessions");
  return sessions->len;
}

/* Thursdays through spring 2026: Maundy Thursday (2 April) and Ascension
 * Day (14 May) are skipped, and the numbers run on without gaps. */
static void
test_thursdays_skip_holidays (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSeriesSpec) spec = spec_new ("2026-01-08", "2026-06-18", "thu", 1, TRUE);
  g_autoptr(GPtrArray) plan = kl_series_plan (spec, &error);
  KlPlannedSession *maundy, *before, *after, *last;

  g_assert_no_error (error);
  g_assert_cmpuint (plan->len, ==, 24);
  g_assert_cmpuint (kl_series_count_planned (plan), ==, 22);
  for (guint i = 0; i < plan->len; i++)
    g_assert_cmpint (((KlPlannedSession *) g_ptr_array_index (plan, i))->weekday, ==, G_DATE_THURSDAY);

  maundy = planned_on (plan, "2026-04-02");
  g_assert_true (maundy->skipped);
  g_assert_null (maundy->title);
  g_assert_cmpstr (maundy->holiday, ==, "Maundy Thursday (Skjærtorsdag)");
  g_assert_true (planned_on (plan, "2026-05-14")->skipped);
  g_assert_cmpstr (planned_on (plan, "2026-05-14")->holiday, ==, "Ascension Day (Kristi himmelfartsdag)");

  before = planned_on (plan, "2026-03-26");
  after = planned_on (plan, "2026-04-09");
  g_assert_cmpstr (before->title, ==, "Samling 12");
  g_assert_cmpstr (after->title, ==, "Samling 13");
  g_assert_false (after->skipped);
  g_assert_null (after->holiday);
  g_assert_cmpstr (after->starts_at, ==, "2026-04-09T09:00");
  g_assert_cmpstr (after->ends_at, ==, "2026-04-09T15:30");
  last = g_ptr_array_index (plan, plan->len - 1);
  g_assert_cmpstr (last->date, ==, "2026-06-18");
  g_assert_cmpstr (last->title, ==, "Samling 22");
}

/* Not skipping: every Thursday has a session; the holidays are named. */
static void
test_thursdays_keep_holidays (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSeriesSpec) spec = spec_new ("2026-01-08", "2026-06-18", "thu", 1, FALSE);
  g_autoptr(GPtrArray) plan = kl_series_plan (spec, &error);
  guint named = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (plan->len, ==, 24);
  g_assert_cmpuint (kl_series_count_planned (plan), ==, 24);
  g_assert_false (planned_on (plan, "2026-04-02")->skipped);
  g_assert_cmpstr (planned_on (plan, "2026-04-02")->title, ==, "Samling 13");
  g_assert_cmpstr (planned_on (plan, "2026-04-02")->holiday, ==, "Maundy Thursday (Skjærtorsdag)");
  for (guint i = 0; i < plan->len; i++)
    named += ((KlPlannedSession *) g_ptr_array_index (plan, i))->holiday != NULL;
  g_assert_cmpuint (named, ==, 2);
}

/* Every other week on Mondays and Thursdays, counted from the week of the
 * first day (a Wednesday): that week's Thursday, then two weeks on. */
static void
test_every_two_weeks (void)
{
  static const char *const expected[] = { "2026-01-08", "2026-01-19", "2026-01-22", "2026-02-02", "2026-02-05" };
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSeriesSpec) spec = spec_new ("2026-01-07", "2026-02-05", "mon,thu", 2, TRUE);
  g_autoptr(GPtrArray) plan = kl_series_plan (spec, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (plan->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < plan->len; i++)
    {
      KlPlannedSession *planned = g_ptr_array_index (plan, i);
      g_autofree char *title = g_strdup_printf ("Samling %u", i + 1);

      g_assert_cmpstr (planned->date, ==, expected[i]);
      g_assert_cmpstr (planned->title, ==, title);
    }

  /* Every third week on Fridays: the second falls on Good Friday. */
  {
    g_autoptr(KlSeriesSpec) three = spec_new ("2026-03-13", "2026-04-30", "fri", 3, TRUE);
    g_autoptr(GPtrArray) fridays = kl_series_plan (three, &error);
    KlPlannedSession *good_friday;

    g_assert_no_error (error);
    g_assert_cmpuint (fridays->len, ==, 3);
    g_assert_cmpstr (((KlPlannedSession *) g_ptr_array_index (fridays, 0))->date, ==, "2026-03-13");
    good_friday = g_ptr_array_index (fridays, 1);
    g_assert_cmpstr (good_friday->date, ==, "2026-04-03");
    g_assert_true (good_friday->skipped);
    g_assert_cmpstr (good_friday->holiday, ==, "Good Friday (Langfredag)");
    g_assert_cmpstr (((KlPlannedSession *) g_ptr_array_index (fridays, 2))->date, ==, "2026-04-24");
    g_assert_cmpstr (((KlPlannedSession *) g_ptr_array_index (fridays, 2))->title, ==, "Samling 2");
  }
}

/* A second series goes on from the highest "Samling N" of the programme;
 * other titles do not count. */
static void
test_numbering (Fixture       *fixture,
                gconstpointer  data)
{
  static const char *const titles[] = { "Oppstart", "Samling 1", "Samling 8", "Samlingsdag 30", "Samling x" };
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSeriesSpec) spec = spec_new ("2026-01-05", "2026-01-09", "mon,tue", 1, TRUE);
  g_autoptr(GPtrArray) plan = NULL;

  g_assert_cmpuint (kl_store_series_next_number (fixture->db, fixture->programme, "Samling", &error), ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(KlSession) session = kl_session_new ();

      session->programme_id = fixture->programme;
      session->kind = g_strdup ("fagsamling");
      session->title = g_strdup (titles[i]);
      session->starts_at = g_strdup ("2026-01-02T09:00");
      session->ends_at = g_strdup ("2026-01-02T12:00");
      g_assert_true (kl_store_insert_session (fixture->db, session, &error));
      g_assert_no_error (error);
    }
  spec->first_number = kl_store_series_next_number (fixture->db, fixture->programme, " Samling ", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spec->first_number, ==, 9);
  plan = kl_series_plan (spec, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->len, ==, 2);
  g_assert_cmpstr (((KlPlannedSession *) g_ptr_array_index (plan, 0))->title, ==, "Samling 9");
  g_assert_cmpstr (((KlPlannedSession *) g_ptr_array_index (plan, 1))->title, ==, "Samling 10");
}

typedef struct
{
  const char *from, *until, *weekdays;
  guint every;
  const char *start, *end, *title;
  KlError code;
  const char *message;
} BadCase;

static void
test_validation (void)
{
  static const BadCase cases[] = {
    { "2026-02-01", "2026-01-01", "thu", 1, "09:00", "15:00", "Samling", KL_ERROR_DATE_ORDER,
      "Until: 2026-01-01 is before the from date 2026-02-01" },
    { "2026-01-01", "2026-02-01", "", 1, "09:00", "15:00", "Samling", KL_ERROR_REQUIRED,
      "Weekdays: choose at least one day" },
    { "2026-01-01", "2026-02-01", "thu", 0, "09:00", "15:00", "Samling", KL_ERROR_INVALID_VALUE,
      "Every: 0 is not a number of weeks from 1 to 52" },
    { "2026-01-01", "2026-02-01", "thu", 1, "10:00", "09:00", "Samling", KL_ERROR_DATE_ORDER,
      "End time: 09:00 is not after the start time 10:00" },
    { "2026-01-01", "2026-02-01", "thu", 1, "10:00", "10:00", "Samling", KL_ERROR_DATE_ORDER,
      "End time: 10:00 is not after the start time 10:00" },
    { "2026-01-01", "2026-02-01", "thu", 1, "25:00", "26:00", "Samling", KL_ERROR_INVALID_DATE,
      "Start time: “25:00” is not a time of day (write HH:MM)" },
    { "2026-01-01", "2026-02-01", "thu", 1, "09:00", "", "Samling", KL_ERROR_REQUIRED, "End time: required" },
    { "2026-01-01", "2026-02-01", "thu", 1, "09:00", "15:00", "  ", KL_ERROR_REQUIRED, "Title: required" },
    { "2026-13-01", "2026-02-01", "thu", 1, "09:00", "15:00", "Samling", KL_ERROR_INVALID_DATE,
      "From: “2026-13-01” does not exist in the calendar. Write a date as 1.9.2027, 01.09.27, 1.9. (this year) "
      "or 2027-09-01." },
    { "2026-01-01", NULL, "thu", 1, "09:00", "15:00", "Samling", KL_ERROR_REQUIRED, "Until: required" },
    { "2026-01-01", "2027-12-31", "mon,tue,wed", 1, "09:00", "15:00", "Samling", KL_ERROR_INVALID_VALUE,
      "The series would have more than 200 sessions: shorten the period, choose fewer weekdays or a longer interval" },
    { "2026-01-05", "2026-01-07", "thu", 1, "09:00", "15:00", "Samling", KL_ERROR_INVALID_VALUE,
      "The series is empty: none of the chosen weekdays falls from 2026-01-05 to 2026-01-07" },
    { "2026-12-25", "2026-12-26", "fri,sat", 1, "09:00", "15:00", "Samling", KL_ERROR_INVALID_VALUE,
      "The series is empty: every day of it from 2026-12-25 to 2026-12-26 is a public holiday" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KlSeriesSpec) spec = kl_series_spec_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) plan = NULL;

      spec->from = g_strdup (cases[i].from);
      spec->until = g_strdup (cases[i].until);
      if (*cases[i].weekdays != '\0')
        g_assert_true (kl_series_parse_weekdays (cases[i].weekdays, &spec->weekdays, NULL));
      spec->every = cases[i].every;
      spec->start_time = g_strdup (cases[i].start);
      spec->end_time = g_strdup (cases[i].end);
      spec->title = g_strdup (cases[i].title);
      spec->skip_holidays = TRUE;
      plan = kl_series_plan (spec, &error);
      g_assert_null (plan);
      g_assert_error (error, KL_ERROR, (int) cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  /* 200 is allowed: every weekday of 40 weeks. */
  {
    g_autoptr(KlSeriesSpec) spec = spec_new ("2030-01-07", "2030-10-13", "mon,tue,wed,thu,fri", 1, FALSE);
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) plan = kl_series_plan (spec, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (kl_series_count_planned (plan), ==, 200);
  }
}

static void
test_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  guint mask = 0;

  g_assert_true (kl_series_parse_weekdays ("mon,thu", &mask, &error));
  g_assert_cmpuint (mask, ==, KL_WEEKDAY_BIT (G_DATE_MONDAY) | KL_WEEKDAY_BIT (G_DATE_THURSDAY));
  g_assert_true (kl_series_parse_weekdays ("Mandag, TORSDAG", &mask, &error));
  g_assert_cmpuint (mask, ==, KL_WEEKDAY_BIT (G_DATE_MONDAY) | KL_WEEKDAY_BIT (G_DATE_THURSDAY));
  g_assert_true (kl_series_parse_weekdays ("lør,søn,sunday", &mask, &error));
  g_assert_cmpuint (mask, ==, KL_WEEKDAY_BIT (G_DATE_SATURDAY) | KL_WEEKDAY_BIT (G_DATE_SUNDAY));
  g_assert_no_error (error);
  g_assert_false (kl_series_parse_weekdays ("mon,thurs", &mask, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==, "Weekdays: “thurs” is not a day of the week (write e.g. mon,thu)");
  g_clear_error (&error);
  kl_test_assert_refused (kl_series_parse_weekdays (",", &mask, &error), KL_ERROR_REQUIRED);

  g_assert_true (kl_series_parse_time_range ("9:00-15:30", &start, &end, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (start, ==, "09:00");
  g_assert_cmpstr (end, ==, "15:30");
  g_clear_pointer (&start, g_free);
  g_clear_pointer (&end, g_free);
  g_assert_true (kl_series_parse_time_range (" 12:15 – 16:00 ", &start, &end, &error));
  g_assert_cmpstr (start, ==, "12:15");
  g_assert_cmpstr (end, ==, "16:00");
  g_assert_false (kl_series_parse_time_range ("09:00", &start, &end, &error));
  g_assert_cmpstr (error->message, ==, "Time: “09:00” is not a time range (write HH:MM-HH:MM, e.g. 09:00-15:00)");
  g_clear_error (&error);
  g_assert_false (kl_series_parse_time_range ("9-15", &start, &end, &error));
  g_assert_cmpstr (error->message, ==, "Start time: “9” is not a time of day (write HH:MM)");
  g_clear_error (&error);
  g_assert_false (kl_series_parse_time_range ("15:00-09:00", &start, &end, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_DATE_ORDER);
}

/* Stored with place and leaders copied, in one step; undone in one step. */
static void
test_insert_and_delete (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSeriesSpec) spec = spec_new ("2026-01-08", "2026-06-18", "thu", 1, TRUE);
  g_autoptr(GPtrArray) plan = kl_series_plan (spec, &error);
  g_autoptr(KlSession) pattern = kl_session_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  gint64 participant;

  g_assert_no_error (error);
  pattern->programme_id = fixture->programme;
  pattern->kind = g_strdup ("lederseminar");
  pattern->location = g_strdup ("Bergen, Scandic Ørnen");
  g_array_append_val (pattern->leader_ids, fixture->leader);

  ids = kl_store_insert_series (fixture->db, pattern, plan, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 22);
  sessions = kl_store_list_sessions (fixture->db, fixture->programme, &error);
  g_assert_cmpuint (sessions->len, ==, 22);
  for (guint i = 0; i < sessions->len; i++)
    {
      KlSession *s = g_ptr_array_index (sessions, i);
      g_autofree char *title = g_strdup_printf ("Samling %u", i + 1);
      g_autofree char *warning = kl_store_session_warning (fixture->db, s, &error);

      g_assert_cmpstr (s->title, ==, title);
      g_assert_cmpstr (s->kind, ==, "lederseminar");
      g_assert_cmpstr (s->location, ==, "Bergen, Scandic Ørnen");
      g_assert_cmpuint (s->leader_ids->len, ==, 1);
      g_assert_cmpint (g_array_index (s->leader_ids, gint64, 0), ==, fixture->leader);
      g_assert_cmpint (kl_session_minutes (s), ==, 390);
      g_assert_null (warning);   /* in the period, no holiday */
      g_assert_cmpint (g_array_index (ids, gint64, i), ==, s->id);
    }

  /* Undo deletes them all ... */
  g_assert_true (kl_store_delete_sessions (fixture->db, ids, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_sessions (fixture), ==, 0);

  /* ... or none, when one of them has attendance marks by now. */
  g_array_unref (g_steal_pointer (&ids));
  ids = kl_store_insert_series (fixture->db, pattern, plan, &error);
  g_assert_no_error (error);
  participant = kl_test_add_participant (fixture->db, "Kari Nordmann", NULL);
  kl_test_enrol (fixture->db, fixture->programme, participant);
  kl_test_mark (fixture->db, g_array_index (ids, gint64, 5), participant, "present", 0);
  g_assert_false (kl_store_delete_sessions (fixture->db, ids, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "Samling 6"));
  g_assert_cmpint (count_sessions (fixture), ==, 22);
}

/* A session that cannot be stored half-way leaves none of the series. */
static void
test_insert_all_or_nothing (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSeriesSpec) spec = spec_new ("2026-02-02", "2026-02-27", "mon", 1, TRUE);
  g_autoptr(GPtrArray) plan = kl_series_plan (spec, &error);
  g_autoptr(KlSession) pattern = kl_session_new ();
  g_autoptr(GArray) ids = NULL;
  KlPlannedSession *third;
  gint64 gone = 999;

  g_assert_no_error (error);
  g_assert_cmpuint (plan->len, ==, 4);
  pattern->programme_id = fixture->programme;
  third = g_ptr_array_index (plan, 2);
  g_free (third->starts_at);
  third->starts_at = g_strdup ("2026-02-30T09:00");

  ids = kl_store_insert_series (fixture->db, pattern, plan, &error);
  g_assert_null (ids);
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_DATE);
  g_assert_true (g_str_has_prefix (error->message, "“Samling 3” (2026-02-16): Start:"));
  g_assert_cmpint (count_sessions (fixture), ==, 0);

  /* A leader who is gone: refused before anything is stored. */
  g_clear_error (&error);
  g_free (third->starts_at);
  third->starts_at = g_strdup ("2026-02-16T09:00");
  g_array_append_val (pattern->leader_ids, gone);
  ids = kl_store_insert_series (fixture->db, pattern, plan, &error);
  g_assert_null (ids);
  g_assert_error (error, KL_ERROR, KL_ERROR_NOT_FOUND);
  g_assert_cmpint (count_sessions (fixture), ==, 0);
}

/* A single session on a public holiday is allowed, with a word. */
static void
test_holiday_warning (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSession) session = kl_session_new ();
  g_autofree char *warning = NULL;
  g_autofree char *both = NULL;

  session->programme_id = fixture->programme;
  session->kind = g_strdup ("fagsamling");
  session->title = g_strdup ("Samling 5");
  session->starts_at = g_strdup ("2026-05-14T09:00");
  session->ends_at = g_strdup ("2026-05-14T15:00");
  warning = kl_store_session_warning (fixture->db, session, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (warning, ==, "The session “Samling 5” is on a public holiday: 2026-05-14 is "
                                "Ascension Day (Kristi himmelfartsdag)");

  /* Outside the period and on a holiday: both said, on one line. */
  g_free (session->starts_at);
  g_free (session->ends_at);
  session->starts_at = g_strdup ("2026-12-26T09:00");
  session->ends_at = g_strdup ("2026-12-26T15:00");
  both = kl_store_session_warning (fixture->db, session, &error);
  g_assert_cmpstr (both, ==, "The session “Samling 5” (2026-12-26) is outside the period of “LED SKOLE Vestland” "
                             "(2026-01-01 to 2026-06-30); The session “Samling 5” is on a public holiday: "
                             "2026-12-26 is Boxing Day (Andre juledag)");
  g_assert_null (strchr (both, '\n'));
  g_assert_true (kl_store_insert_session (fixture->db, session, &error));
  g_assert_no_error (error);
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/series/plan/thursdays-skip-holidays", test_thursdays_skip_holidays);
  g_test_add_func ("/series/plan/thursdays-keep-holidays", test_thursdays_keep_holidays);
  g_test_add_func ("/series/plan/every-two-weeks", test_every_two_weeks);
  g_test_add_func ("/series/plan/validation", test_validation);
  g_test_add_func ("/series/parse", test_parse);
  ADD ("/series/numbering", test_numbering);
  ADD ("/series/insert-and-delete", test_insert_and_delete);
  ADD ("/series/insert-all-or-nothing", test_insert_all_or_nothing);
  ADD ("/series/holiday-warning", test_holiday_warning);
  return g_test_run ();
}
