#include "config.h"

#include <string.h>

#include "kl-progress.h"

/* A grid by hand: sessions of six hours, on the first of each month. */
static KlAttendanceGrid *
make_grid (guint        n_people,
           guint        n_sessions,
           const char  *marks)
{
  KlAttendanceGrid *grid = g_new0 (KlAttendanceGrid, 1);

  grid->sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_session_free);
  grid->participants = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_participant_free);
  for (guint c = 0; c < n_sessions; c++)
    {
      KlSession *session = kl_session_new ();

      session->id = c + 1;
      session->title = g_strdup_printf ("Samling %u", c + 1);
      session->starts_at = g_strdup_printf ("2025-%02u-01T09:00", c + 1);
      session->ends_at = g_strdup_printf ("2025-%02u-01T15:00", c + 1);
      g_ptr_array_add (grid->sessions, session);
    }
  for (guint r = 0; r < n_people; r++)
    {
      KlParticipant *participant = kl_participant_new ();

      participant->id = r + 1;
      g_ptr_array_add (grid->participants, participant);
    }
  grid->marks = g_new0 (char, n_people * n_sessions);
  grid->minutes = g_new0 (int, n_people * n_sessions);
  grid->expected = g_new0 (guint8, n_people * n_sessions);
  memcpy (grid->marks, marks, n_people * n_sessions);
  for (guint i = 0; i < n_people * n_sessions; i++)
    {
      grid->expected[i] = grid->marks[i] != '-' ? KL_CELL_EXPECTED : KL_CELL_NOT_ENROLLED;
      if (grid->marks[i] == '.' || grid->marks[i] == '-')
        grid->marks[i] = 0;
      if (grid->marks[i] == 'H')
        grid->minutes[i] = 90;
    }
  return grid;
}

static const KlProgress *
progress_of (GArray *all,
             guint   row)
{
  return &g_array_index (all, KlProgress, row);
}

/* Five sessions, three held by now: present, partly (1.5 h), present. */
static void
test_hours_and_threshold (void)
{
  g_autoptr(KlAttendanceGrid) grid = make_grid (3, 5,
                                                "PHP.."     /* on course: 13.5 h of 30, 24 h required */
                                                "APP.."     /* 12 h, 12 h left: can still make it */
                                                "PAA..");   /* 6 h, 12 h left: cannot */
  g_autoptr(GArray) all = kl_progress_compute (grid, 80, "2025-03-15T12:00");
  const KlProgress *on_course = progress_of (all, 0);

  g_assert_cmpint (on_course->planned_minutes, ==, 5 * 360);
  g_assert_cmpint (on_course->attended_minutes, ==, 360 + 90 + 360);
  g_assert_cmpint (on_course->remaining_minutes, ==, 2 * 360);
  g_assert_cmpint (on_course->required_minutes, ==, 1440);
  g_assert_false (on_course->meets);
  g_assert_false (on_course->out_of_reach);
  g_assert_cmpuint (on_course->absences_in_a_row, ==, 0);

  /* One missed, then back: no run now. */
  g_assert_false (progress_of (all, 1)->out_of_reach);
  g_assert_cmpuint (progress_of (all, 1)->absences_in_a_row, ==, 0);
  g_assert_false (kl_progress_needs_care (progress_of (all, 1)));

  g_assert_true (progress_of (all, 2)->out_of_reach);
  g_assert_cmpuint (progress_of (all, 2)->absences_in_a_row, ==, 2);
  g_assert_true (kl_progress_needs_care (progress_of (all, 2)));
}

/* When everything is held, meeting the threshold is settled. */
static void
test_meets_at_the_end (void)
{
  g_autoptr(KlAttendanceGrid) grid = make_grid (2, 5, "PPPPA" "PPPHE");
  g_autoptr(GArray) all = kl_progress_compute (grid, 80, "2025-12-31T00:00");

  g_assert_true (progress_of (all, 0)->meets);           /* 24 of 30 h: exactly 80 % */
  g_assert_false (progress_of (all, 1)->meets);          /* 19.5 of 30 h */
  g_assert_true (progress_of (all, 1)->out_of_reach);
  g_assert_cmpuint (progress_of (all, 1)->absences_in_a_row, ==, 1);
}

/* Sessions outside the enrolment are neither planned nor missed. */
static void
test_enrolment_window (void)
{
  g_autoptr(KlAttendanceGrid) grid = make_grid (1, 5, "--PPP");
  g_autoptr(GArray) all = kl_progress_compute (grid, 80, "2025-12-31T00:00");

  g_assert_cmpint (progress_of (all, 0)->planned_minutes, ==, 3 * 360);
  g_assert_true (progress_of (all, 0)->meets);
  g_assert_cmpuint (progress_of (all, 0)->absences_in_a_row, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/progress/hours-and-threshold", test_hours_and_threshold);
  g_test_add_func ("/progress/meets-at-the-end", test_meets_at_the_end);
  g_test_add_func ("/progress/enrolment-window", test_enrolment_window);
  return g_test_run ();
}
