/* kartleser-cli certificate as a script runs it: a folder of PDFs, one
 * per participant, or one combined file; the paths printed, or with
 * --json who got which document for how many hours. */

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kl-test-cli.h"
#include "kl-test-server.h"
#include "kl-test-util.h"
#include "test-pdf-util.h"

typedef KlTestCliFixture Fixture;

/* Three sessions of 6 hours; Kari present, partly 1.5 h, present (13.5 of
 * 18 hours, 75 %): a statement; Ola present at all: a certificate. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  kl_test_cli_fixture_set_up (fixture, data);
  kl_test_cli_ok (fixture->db, "settings", "set", "--name", "IMTEC", "--address", "Storgata 1, 0155 Oslo");
  kl_test_cli_ok (fixture->db, "client", "add", "--name", "Bergen kommune", "--kind", "kommune");
  kl_test_cli_ok (fixture->db, "programme", "add", "--client", "1", "--title", "LED SKOLE Bergen",
                  "--start", "2025-01-01", "--end", "2025-06-30");
  kl_test_cli_ok (fixture->db, "session", "add", "--programme", "1", "--title", "Skolebasert vurdering",
                  "--start", "2025-02-03 09:00", "--end", "2025-02-03 15:00");
  kl_test_cli_ok (fixture->db, "session", "add", "--programme", "1", "--title", "Ledelse av læringsmiljø",
                  "--start", "2025-03-03 09:00", "--end", "2025-03-03 15:00", "--kind", "lederseminar");
  kl_test_cli_ok (fixture->db, "session", "add", "--programme", "1", "--title", "Endringsarbeid i praksis",
                  "--start", "2025-04-07 09:00", "--end", "2025-04-07 15:00");
  kl_test_cli_ok (fixture->db, "participant", "add", "--name", "Kari Nordmann");
  kl_test_cli_ok (fixture->db, "participant", "add", "--name", "Ola Ødegård");
  kl_test_cli_ok (fixture->db, "enrol", "--programme", "1", "--participant", "1");
  kl_test_cli_ok (fixture->db, "enrol", "--programme", "1", "--participant", "2");
  kl_test_cli_ok (fixture->db, "attend", "--session", "1", "--participant", "1", "--status", "present");
  kl_test_cli_ok (fixture->db, "attend", "--session", "2", "--participant", "1", "--status", "partial", "--hours",
                  "1,5");
  kl_test_cli_ok (fixture->db, "attend", "--session", "3", "--participant", "1", "--status", "present");
  kl_test_cli_ok (fixture->db, "attend", "--session", "1", "--participant", "2", "--status", "present");
  kl_test_cli_ok (fixture->db, "attend", "--session", "2", "--participant", "2", "--status", "present");
  kl_test_cli_ok (fixture->db, "attend", "--session", "3", "--participant", "2", "--status", "present");
}

/* A folder, created when missing, with a PDF per person; each path printed. */
static void
test_folder (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (fixture->dir, "bevis", NULL);
  g_autofree char *kari = g_build_filename (dir, "Deltakerbevis-Kari-Nordmann-LED-SKOLE-Bergen.pdf", NULL);
  g_autofree char *ola = g_build_filename (dir, "Kursbevis-Ola-Ødegård-LED-SKOLE-Bergen.pdf", NULL);
  g_autofree char *expected = g_strdup_printf ("%s\n%s\n", kari, ola);
  g_autofree char *kari_text = NULL;
  g_autofree char *ola_text = NULL;
  g_auto(KlCliRun) run = { 0 };

  kl_test_cli_run (&run, fixture->db, "certificate", "--programme", "1", "--output", dir);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, expected);
  kari_text = kl_test_pdf_text (kari, 0);
  kl_test_assert_contains (kari_text, "Deltakerbevis", "Deltok 13,5 av 18 timer (75 %)", NULL);
  ola_text = kl_test_pdf_text (ola, 0);
  kl_test_assert_contains (ola_text, "Kursbevis", "Deltok 18 av 18 timer (100 %)", "Ledelse av læringsmiljø", NULL);
}

/* --combined: one file; --json: who got what for how many hours. */
static void
test_combined_json (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "alle", NULL);
  g_autofree char *text = NULL;
  JsonArray *array;
  JsonObject *kari;
  JsonObject *ola;

  array = kl_test_cli_json_array (fixture->db, "certificate", "--programme", "1", "--output", path, "--combined");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  kari = json_array_get_object_element (array, 0);
  g_assert_cmpint (json_object_get_int_member (kari, "participant"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (kari, "name"), ==, "Kari Nordmann");
  g_assert_cmpstr (json_object_get_string_member (kari, "kind"), ==, "statement");
  g_assert_cmpint (json_object_get_int_member (kari, "attended_minutes"), ==, 810);
  g_assert_cmpint (json_object_get_int_member (kari, "planned_minutes"), ==, 1080);
  g_assert_cmpstr (json_object_get_string_member (kari, "path"), ==, path);
  ola = json_array_get_object_element (array, 1);
  g_assert_cmpstr (json_object_get_string_member (ola, "kind"), ==, "certificate");
  g_assert_cmpint (json_object_get_int_member (ola, "attended_minutes"), ==, 1080);
  text = kl_test_pdf_text (path, 0);
  kl_test_assert_contains (text, "Deltakerbevis", "Kursbevis", NULL);
  json_array_unref (array);
}

/* A file name ending in .pdf means one file; --participant and --lang en. */
static void
test_one_file_english (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "kari.pdf", NULL);
  g_autofree char *expected = g_strdup_printf ("%s\n", path);
  g_autofree char *text = NULL;
  g_auto(KlCliRun) run = { 0 };

  kl_test_cli_run (&run, fixture->db, "certificate", "--programme", "1", "--participant", "1",
                   "--output", path, "--lang", "en");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, expected);
  text = kl_test_pdf_text (path, 0);
  kl_test_assert_contains (text, "Attendance statement", "Attended 13.5 of 18 hours (75 %)", NULL);
  g_assert_null (strstr (text, "Ola"));
}

/* Refused with one line and exit 1, usage errors exit 2; nothing written. */
static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (fixture->dir, "none", NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "none.pdf", NULL);
  g_auto(KlCliRun) missing = { 0 };
  g_auto(KlCliRun) not_enrolled = { 0 };
  g_auto(KlCliRun) no_output = { 0 };
  g_auto(KlCliRun) bad_lang = { 0 };
  g_auto(KlCliRun) unnamed = { 0 };

  kl_test_cli_run (&missing, fixture->db, "certificate", "--programme", "9999", "--output", dir);
  kl_test_cli_assert_error (&missing, 1, "9999");
  kl_test_cli_run (&not_enrolled, fixture->db, "certificate", "--programme", "1", "--participant", "77",
                   "--output", path);
  kl_test_cli_assert_error (&not_enrolled, 1, "77");
  kl_test_cli_run (&no_output, fixture->db, "certificate", "--programme", "1");
  kl_test_cli_assert_error (&no_output, 2, "--output");
  kl_test_cli_run (&bad_lang, fixture->db, "certificate", "--programme", "1", "--output", dir, "--lang", "de");
  kl_test_cli_assert_error (&bad_lang, 2, "--lang");

  kl_test_cli_ok (fixture->db, "settings", "set", "--name", "");
  kl_test_cli_run (&unnamed, fixture->db, "certificate", "--programme", "1", "--output", dir);
  kl_test_cli_assert_error (&unnamed, 1, "IMTEC");

  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  kl_test_cli_init (&argc, &argv);

  if (!kl_test_have_pdftotext ())
    return 77;

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, kl_test_cli_fixture_tear_down)
  ADD ("/cli/certificate/folder", test_folder);
  ADD ("/cli/certificate/combined-json", test_combined_json);
  ADD ("/cli/certificate/one-file-english", test_one_file_english);
  ADD ("/cli/certificate/refusals", test_refusals);
#undef ADD
  return g_test_run ();
}
