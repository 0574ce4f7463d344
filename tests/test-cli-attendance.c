/* Attendance through kartleser-cli on fixed dates (KARTLESER_NOW): no
 * marks for what has not happened, the status from the calendar, sessions
 * for one school, the list of what is left to record, and certificates
 * only for a finished programme unless forced. */

#include <glib.h>
#include <string.h>

#include "kl-test-cli.h"
#include "kl-test-server.h"
#include "kl-test-util.h"

typedef struct
{
  char *dir;
  char *db;
  char *programme;
  char *school_a;
  char *seminar;
  char *coaching;
  char *future;
  char *anne;
  char *bjorn;
} Fixture;

/* LED SKOLE Lier, 15 Jan – 15 Jun 2026, on 1 March 2026: a seminar held
 * for all, coaching held at Hegg skole, a seminar to come. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *municipality = NULL;
  g_autofree char *school_b = NULL;

  g_setenv ("KARTLESER_NOW", "2026-03-01T10:00", TRUE);
  fixture->dir = kl_test_make_dir ("test-cli-attendance");
  fixture->db = kl_test_db_location_named (fixture->dir, "test.db");
  kl_test_cli_ok (fixture->db, "settings", "set", "--name", "Stiftelsen IMTEC", "--orgnr", "988077917");
  municipality = kl_test_cli_create (fixture->db, "client", "add", "--name", "Lier kommune", "--kind", "kommune");
  fixture->school_a = kl_test_cli_create (fixture->db, "client", "add", "--name", "Hegg skole", "--kind", "skole",
                                          "--parent", municipality);
  school_b = kl_test_cli_create (fixture->db, "client", "add", "--name", "Lierbyen skole", "--kind", "skole",
                                 "--parent", municipality);
  fixture->programme = kl_test_cli_create (fixture->db, "programme", "add", "--client", municipality, "--title",
                                           "LED SKOLE Lier", "--start", "2026-01-15", "--end", "2026-06-15");
  fixture->seminar = kl_test_cli_create (fixture->db, "session", "add", "--programme", fixture->programme,
                                         "--title", "Samling 1", "--start", "2026-02-02 09:00", "--end",
                                         "2026-02-02 15:00");
  fixture->coaching = kl_test_cli_create (fixture->db, "session", "add", "--programme", fixture->programme,
                                          "--title", "Veiledning Hegg", "--kind", "veiledning", "--for-workplace",
                                          fixture->school_a, "--start", "2026-02-10 09:00", "--end",
                                          "2026-02-10 12:00");
  fixture->future = kl_test_cli_create (fixture->db, "session", "add", "--programme", fixture->programme,
                                        "--title", "Samling 2", "--start", "2026-04-20 09:00", "--end",
                                        "2026-04-20 15:00");
  fixture->anne = kl_test_cli_create (fixture->db, "participant", "add", "--name", "Anne Aas", "--workplace",
                                      fixture->school_a);
  fixture->bjorn = kl_test_cli_create (fixture->db, "participant", "add", "--name", "Bjørn Berg", "--workplace",
                                       school_b);
  g_free (kl_test_cli_create (fixture->db, "enrol", "--programme", fixture->programme, "--participant",
                              fixture->anne));
  g_free (kl_test_cli_create (fixture->db, "enrol", "--programme", fixture->programme, "--participant",
                              fixture->bjorn));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kl_test_cli_clear_dir (&fixture->dir, &fixture->db);
  g_free (fixture->programme);
  g_free (fixture->school_a);
  g_free (fixture->seminar);
  g_free (fixture->coaching);
  g_free (fixture->future);
  g_free (fixture->anne);
  g_free (fixture->bjorn);
  g_unsetenv ("KARTLESER_NOW");
}

static void
test_future_and_audience (Fixture       *fixture,
                          gconstpointer  data)
{
  g_auto(KlCliRun) future = { 0 };
  g_auto(KlCliRun) outsider = { 0 };
  g_autoptr(JsonArray) sessions = NULL;
  JsonObject *coaching;

  kl_test_cli_run (&future, fixture->db, "attend", "--session", fixture->future, "--participant", fixture->anne,
                   "--status", "present");
  kl_test_cli_assert_error (&future, 1, "“Samling 2” has not started yet");
  kl_test_cli_ok (fixture->db, "attend", "--session", fixture->future, "--participant", fixture->anne,
          "--status", "excused");
  kl_test_cli_run (&outsider, fixture->db, "attend", "--session", fixture->coaching, "--participant",
                   fixture->bjorn, "--status", "present");
  kl_test_cli_assert_error (&outsider, 1, "not expected there");

  sessions = kl_test_cli_json_array (fixture->db, "session", "list", "--programme", fixture->programme);
  coaching = json_object_get_object_member (json_array_get_object_element (sessions, 1), "audience");
  g_assert_cmpstr (json_object_get_string_member (coaching, "for"), ==, "workplace");
  g_assert_cmpint (json_object_get_int_member (coaching, "workplace_id"), ==,
                   g_ascii_strtoll (fixture->school_a, NULL, 10));
}

static const char *
status_of (Fixture *fixture)
{
  static char status[16];
  g_autoptr(JsonObject) programme = NULL;

  programme = kl_test_cli_json_object (fixture->db, "programme", "show", fixture->programme);
  g_strlcpy (status, json_object_get_string_member (json_object_get_object_member (programme, "programme"), "status"),
             sizeof status);
  return status;
}

static void
test_status_from_calendar (Fixture       *fixture,
                           gconstpointer  data)
{
  g_auto(KlCliRun) refused = { 0 };

  g_assert_cmpstr (status_of (fixture), ==, "running");
  g_setenv ("KARTLESER_NOW", "2026-01-20T10:00", TRUE);
  g_assert_cmpstr (status_of (fixture), ==, "planned");   /* before the first session */
  g_setenv ("KARTLESER_NOW", "2026-06-16T08:00", TRUE);
  g_assert_cmpstr (status_of (fixture), ==, "finished");
  g_setenv ("KARTLESER_NOW", "2026-03-01T10:00", TRUE);

  kl_test_cli_run (&refused, fixture->db, "programme", "edit", fixture->programme, "--status", "finished");
  kl_test_cli_assert_error (&refused, 2, "--status can only be “cancelled”");
  kl_test_cli_ok (fixture->db, "programme", "edit", fixture->programme, "--status", "cancelled");
  g_assert_cmpstr (status_of (fixture), ==, "cancelled");
  kl_test_cli_ok (fixture->db, "programme", "edit", fixture->programme, "--restore");
  g_assert_cmpstr (status_of (fixture), ==, "running");
}

static void
test_unrecorded (Fixture       *fixture,
                 gconstpointer  data)
{
  g_auto(KlCliRun) mark = { 0 };
  g_auto(KlCliRun) after = { 0 };
  g_autoptr(JsonArray) array = kl_test_cli_json_array (fixture->db, "attendance", "unrecorded");
  JsonObject *first;

  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  first = json_array_get_object_element (array, 0);
  g_assert_cmpint (json_object_get_int_member (first, "session_id"), ==, g_ascii_strtoll (fixture->coaching, NULL, 10));
  g_assert_cmpstr (json_object_get_string_member (first, "date"), ==, "2026-02-10");
  g_assert_cmpstr (json_object_get_string_member (first, "title"), ==, "Veiledning Hegg");
  g_assert_cmpint (json_object_get_int_member (first, "missing"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (array, 1), "missing"), ==, 2);

  kl_test_cli_run (&mark, fixture->db, "attend", "--session", fixture->coaching, "--participant", fixture->anne,
                   "--status", "present");
  g_assert_cmpint (mark.status, ==, 0);
  kl_test_cli_run (&after, fixture->db, "attendance", "unrecorded", "--programme", fixture->programme);
  g_assert_cmpint (after.status, ==, 0);
  g_assert_null (strstr (after.out, "Veiledning Hegg"));
  kl_test_assert_contains (after.out, "Samling 1", "2 without a mark", NULL);
}

static void
test_certificate_before_the_end (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *output = g_build_filename (fixture->dir, "bevis", NULL);
  g_auto(KlCliRun) refused = { 0 };

  kl_test_cli_run (&refused, fixture->db, "certificate", "--programme", fixture->programme, "--output", output);
  kl_test_cli_assert_error (&refused, 1, "is not finished: 1 session is still to come (Samling 2");
  g_assert_nonnull (strstr (refused.err, "--force"));
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
  kl_test_cli_ok (fixture->db, "certificate", "--programme", fixture->programme, "--output", output,
         "--force");
  g_assert_true (g_file_test (output, G_FILE_TEST_IS_DIR));
}

int
main (int   argc,
      char *argv[])
{
  kl_test_cli_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli-attendance/future-and-audience", test_future_and_audience);
  ADD ("/cli-attendance/status-from-calendar", test_status_from_calendar);
  ADD ("/cli-attendance/unrecorded", test_unrecorded);
  ADD ("/cli-attendance/certificate-before-the-end", test_certificate_before_the_end);
  return g_test_run ();
}
