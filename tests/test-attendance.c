/* Attendance that means what it says: recorded, not recorded and not
 * expected; no marks for what has not happened; sessions for one school
 * or named people; the list of what is left to record. "Now" is set with
 * KARTLESER_NOW, so every figure here is for a fixed date. */

#include <glib.h>
#include <string.h>

#include "kl-error.h"
#include "kl-progress.h"
#include "kl-store.h"
#include "kl-test-store.h"
#include "kl-test-util.h"

typedef struct
{
  char *dir;
  KlDb *db;
  gint64 municipality;
  gint64 school_a;
  gint64 school_b;
  gint64 programme;
  gint64 seminar;      /* fagsamling for everyone, 2026-02-02 */
  gint64 coaching_a;   /* veiledning at school A, 2026-02-10 */
  gint64 coaching_b;   /* veiledning at school B, 2026-02-12 */
  gint64 future;       /* fagsamling for everyone, 2026-04-20 */
  gint64 anne;         /* rektor at school A */
  gint64 bjorn;        /* rektor at school B */
  gint64 cecilie;      /* inspektør at school B */
} Fixture;

static gint64
add_coaching (KlDb       *db,
              gint64      programme,
              const char *title,
              const char *day,
              gint64      workplace)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSession) session = kl_session_new ();

  session->programme_id = programme;
  session->kind = g_strdup ("veiledning");
  session->title = g_strdup (title);
  session->starts_at = g_strdup_printf ("%sT09:00", day);
  session->ends_at = g_strdup_printf ("%sT12:00", day);
  session->audience = g_strdup ("workplace");
  session->audience_client_id = workplace;
  g_assert_true (kl_store_insert_session (db, session, &error));
  g_assert_no_error (error);
  return session->id;
}

/* LED SKOLE Lier: a six-hour seminar for all, three hours of coaching at
 * each of two schools, and a seminar to come; three principals. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_setenv ("KARTLESER_NOW", "2026-03-01T10:00", TRUE);
  fixture->dir = kl_test_make_dir ("test-attendance");
  fixture->db = kl_test_open_db (fixture->dir);
  fixture->municipality = kl_test_add_client (fixture->db, "Lier kommune", "kommune", 0, NULL);
  fixture->school_a = kl_test_add_client (fixture->db, "Hegg skole", "skole", fixture->municipality, NULL);
  fixture->school_b = kl_test_add_client (fixture->db, "Lierbyen skole", "skole", fixture->municipality, NULL);
  fixture->programme = kl_test_add_programme (fixture->db, fixture->municipality, "LED SKOLE Lier",
                                              "2026-01-15", "2026-06-15");
  fixture->seminar = kl_test_add_session (fixture->db, fixture->programme, "Samling 1", "2026-02-02T09:00",
                                          "2026-02-02T15:00");
  fixture->coaching_a = add_coaching (fixture->db, fixture->programme, "Veiledning Hegg", "2026-02-10",
                                      fixture->school_a);
  fixture->coaching_b = add_coaching (fixture->db, fixture->programme, "Veiledning Lierbyen", "2026-02-12",
                                      fixture->school_b);
  fixture->future = kl_test_add_session (fixture->db, fixture->programme, "Samling 2", "2026-04-20T09:00",
                                         "2026-04-20T15:00");
  fixture->anne = kl_test_add_participant_at (fixture->db, "Anne Aas", NULL, fixture->school_a);
  fixture->bjorn = kl_test_add_participant_at (fixture->db, "Bjørn Berg", NULL, fixture->school_b);
  fixture->cecilie = kl_test_add_participant_at (fixture->db, "Cecilie Dahl", NULL, fixture->school_b);
  kl_test_enrol (fixture->db, fixture->programme, fixture->anne);
  kl_test_enrol (fixture->db, fixture->programme, fixture->bjorn);
  kl_test_enrol (fixture->db, fixture->programme, fixture->cecilie);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kl_test_close_db (&fixture->db, &fixture->dir);
  g_unsetenv ("KARTLESER_NOW");
}

static int
column_of (const KlAttendanceGrid *grid,
           gint64                  session)
{
  for (guint c = 0; c < grid->sessions->len; c++)
    if (((KlSession *) g_ptr_array_index (grid->sessions, c))->id == session)
      return (int) c;
  g_assert_not_reached ();
}

static int
row_of (const KlAttendanceGrid *grid,
        gint64                  participant)
{
  for (guint r = 0; r < grid->participants->len; r++)
    if (((KlParticipant *) g_ptr_array_index (grid->participants, r))->id == participant)
      return (int) r;
  g_assert_not_reached ();
}

static KlAttendanceGrid *
load_grid (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  KlAttendanceGrid *grid = kl_store_load_grid (fixture->db, fixture->programme, &error);

  g_assert_no_error (error);
  return grid;
}

/* Nothing marked yet: no warning, no 0 %, only work to do. */
static void
test_fresh_programme (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(KlAttendanceGrid) grid = load_grid (fixture);
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GArray) progress = NULL;
  g_autoptr(GError) error = NULL;

  warnings = kl_progress_warnings (fixture->db, fixture->programme, "2026-03-01T10:00", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 0);
  /* The overview's warnings, for every running programme, say the same. */
  g_clear_pointer (&warnings, g_ptr_array_unref);
  warnings = kl_progress_warnings (fixture->db, 0, "2026-03-01T10:00", &error);
  g_assert_cmpuint (warnings->len, ==, 0);

  g_assert_cmpfloat (kl_attendance_grid_rate (grid, -1, -1, "2026-03-01T10:00"), ==, -1);
  g_assert_cmpfloat (kl_attendance_grid_rate (grid, row_of (grid, fixture->anne), -1, "2026-03-01T10:00"), ==, -1);
  g_assert_cmpfloat (kl_attendance_grid_rate (grid, -1, column_of (grid, fixture->seminar), "2026-03-01T10:00"),
                     ==, -1);

  progress = kl_progress_compute (grid, 80, "2026-03-01T10:00");
  for (guint r = 0; r < progress->len; r++)
    {
      const KlProgress *p = &g_array_index (progress, KlProgress, r);

      g_assert_false (p->out_of_reach);
      g_assert_cmpint (p->attended_minutes, ==, 0);
      g_assert_cmpuint (p->absences_in_a_row, ==, 0);
    }
  /* Anne: seminar 6 h + her coaching 3 h held and unrecorded, 6 h to come. */
  g_assert_cmpint (g_array_index (progress, KlProgress, row_of (grid, fixture->anne)).unrecorded_minutes, ==, 540);
  g_assert_cmpint (g_array_index (progress, KlProgress, row_of (grid, fixture->anne)).remaining_minutes, ==, 360);
  g_assert_cmpint (g_array_index (progress, KlProgress, row_of (grid, fixture->anne)).planned_minutes, ==, 900);
}

/* What has not happened cannot be attended or missed; an absence can be
 * excused ahead. */
static void
test_future_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char *const refused[] = { "present", "absent", "partial" };
  g_autoptr(KlAttendanceGrid) grid = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KlAttendance) mark = kl_attendance_new ();

      mark->session_id = fixture->future;
      mark->participant_id = fixture->anne;
      mark->status = g_strdup (refused[i]);
      mark->minutes = 60;
      g_assert_false (kl_store_set_attendance (fixture->db, mark, &error));
      g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE);
      g_assert_nonnull (strstr (error->message, "“Samling 2” has not started yet"));
      g_assert_nonnull (strstr (error->message, "09:00"));
    }
  kl_test_mark (fixture->db, fixture->future, fixture->anne, "excused", 0);
  grid = load_grid (fixture);
  g_assert_cmpint (grid->marks[row_of (grid, fixture->anne) * grid->sessions->len
                               + column_of (grid, fixture->future)], ==, 'E');
  /* An excuse ahead is no absence yet: the session is not held. */
  g_assert_cmpfloat (kl_attendance_grid_rate (grid, row_of (grid, fixture->anne), -1, "2026-03-01T10:00"), ==, -1);
}

/* Coaching at one school is for that school: the others are not expected,
 * cannot be marked there, and it is in nobody else's hours. Everyone who
 * came to all their own sessions has 100 % and a course certificate. */
static void
test_coaching_audience (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(KlAttendanceGrid) grid = NULL;
  g_autoptr(GArray) progress = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KlAttendance) outsider = kl_attendance_new ();
  g_autoptr(GPtrArray) warnings = NULL;

  outsider->session_id = fixture->coaching_a;
  outsider->participant_id = fixture->bjorn;
  outsider->status = g_strdup ("present");
  g_assert_false (kl_store_set_attendance (fixture->db, outsider, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "not expected"));
  g_clear_error (&error);

  kl_test_mark (fixture->db, fixture->seminar, fixture->anne, "present", 0);
  kl_test_mark (fixture->db, fixture->seminar, fixture->bjorn, "present", 0);
  kl_test_mark (fixture->db, fixture->seminar, fixture->cecilie, "present", 0);
  kl_test_mark (fixture->db, fixture->coaching_a, fixture->anne, "present", 0);
  kl_test_mark (fixture->db, fixture->coaching_b, fixture->bjorn, "present", 0);
  kl_test_mark (fixture->db, fixture->coaching_b, fixture->cecilie, "present", 0);

  grid = load_grid (fixture);
  g_assert_true (kl_attendance_grid_expected (grid, row_of (grid, fixture->anne), column_of (grid, fixture->coaching_a)));
  g_assert_false (kl_attendance_grid_expected (grid, row_of (grid, fixture->anne), column_of (grid, fixture->coaching_b)));
  g_assert_cmpint (grid->expected[row_of (grid, fixture->bjorn) * grid->sessions->len
                                  + column_of (grid, fixture->coaching_a)], ==, KL_CELL_NOT_IN_AUDIENCE);
  g_assert_cmpuint (kl_attendance_grid_count_expected (grid, column_of (grid, fixture->coaching_a)), ==, 1);
  g_assert_cmpuint (kl_attendance_grid_count_expected (grid, column_of (grid, fixture->coaching_b)), ==, 2);
  /* The sign-in sheet of the coaching at Lierbyen lists its two. */
  {
    g_autoptr(GPtrArray) expected = kl_store_list_expected (fixture->db, fixture->coaching_b, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (expected->len, ==, 2);
    g_assert_cmpstr (((KlParticipant *) g_ptr_array_index (expected, 0))->name, ==, "Bjørn Berg");
    g_assert_cmpstr (((KlParticipant *) g_ptr_array_index (expected, 1))->name, ==, "Cecilie Dahl");
  }
  for (guint r = 0; r < grid->participants->len; r++)
    g_assert_cmpfloat (kl_attendance_grid_rate (grid, (int) r, -1, "2026-03-01T10:00"), ==, 1.0);

  /* After the last seminar, all present: 15 of 15 hours each, 100 %. */
  g_setenv ("KARTLESER_NOW", "2026-04-20T16:00", TRUE);
  kl_test_mark (fixture->db, fixture->future, fixture->anne, "present", 0);
  kl_test_mark (fixture->db, fixture->future, fixture->bjorn, "present", 0);
  kl_test_mark (fixture->db, fixture->future, fixture->cecilie, "present", 0);
  g_clear_pointer (&grid, kl_attendance_grid_free);
  grid = load_grid (fixture);
  progress = kl_progress_compute (grid, 80, "2026-04-20T16:00");
  for (guint r = 0; r < progress->len; r++)
    {
      const KlProgress *p = &g_array_index (progress, KlProgress, r);

      g_assert_cmpint (p->planned_minutes, ==, 900);
      g_assert_cmpint (p->attended_minutes, ==, 900);
      g_assert_true (p->meets);
    }
  warnings = kl_progress_warnings (fixture->db, fixture->programme, "2026-04-20T16:00", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 0);
}

/* Out of reach counts unrecorded held sessions as possible attendance. */
static void
test_out_of_reach (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;

  /* Threshold 80 % of 15 h = 12 h. Cecilie: absent 6 h; possible 3 h
   * coaching + 6 h to come = 9 h < 12 h: out of reach. Anne: absent 6 h
   * too, the same. Bjørn: present 6 h + 3 + 6 = 15 h: within reach. */
  kl_test_mark (fixture->db, fixture->seminar, fixture->anne, "absent", 0);
  kl_test_mark (fixture->db, fixture->seminar, fixture->bjorn, "present", 0);
  kl_test_mark (fixture->db, fixture->seminar, fixture->cecilie, "absent", 0);
  warnings = kl_progress_warnings (fixture->db, fixture->programme, "2026-03-01T10:00", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 2);
  g_assert_cmpstr (((KlAbsenceWarning *) g_ptr_array_index (warnings, 0))->name, ==, "Anne Aas");
  g_assert_cmpstr (((KlAbsenceWarning *) g_ptr_array_index (warnings, 1))->name, ==, "Cecilie Dahl");
  g_assert_true (((KlAbsenceWarning *) g_ptr_array_index (warnings, 1))->progress.out_of_reach);
}

/* The held sessions with expected people unrecorded, newest first; marks
 * take them off the list. */
static void
test_unrecorded (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  KlUnrecorded *item;

  before = kl_progress_unrecorded (fixture->db, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->len, ==, 3);
  item = g_ptr_array_index (before, 0);
  g_assert_cmpint (item->session_id, ==, fixture->coaching_b);
  g_assert_cmpstr (item->date, ==, "2026-02-12");
  g_assert_cmpuint (item->missing, ==, 2);
  item = g_ptr_array_index (before, 1);
  g_assert_cmpint (item->session_id, ==, fixture->coaching_a);
  g_assert_cmpuint (item->missing, ==, 1);
  item = g_ptr_array_index (before, 2);
  g_assert_cmpint (item->session_id, ==, fixture->seminar);
  g_assert_cmpuint (item->missing, ==, 3);
  g_assert_cmpstr (item->programme_title, ==, "LED SKOLE Lier");

  kl_test_mark (fixture->db, fixture->coaching_a, fixture->anne, "present", 0);
  kl_test_mark (fixture->db, fixture->seminar, fixture->anne, "excused", 0);
  after = kl_progress_unrecorded (fixture->db, fixture->programme, "2026-02-05", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_cmpint (((KlUnrecorded *) g_ptr_array_index (after, 0))->session_id, ==, fixture->coaching_b);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/attendance/fresh-programme", test_fresh_programme);
  ADD ("/attendance/future-refused", test_future_refused);
  ADD ("/attendance/coaching-audience", test_coaching_audience);
  ADD ("/attendance/out-of-reach", test_out_of_reach);
  ADD ("/attendance/unrecorded", test_unrecorded);
  return g_test_run ();
}
