/* kartleser-cli's printed documents as a script makes them: a PDF and its
 * page count on success, one line and no file on a refusal. */

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kl-test-cli.h"
#include "kl-test-server.h"
#include "kl-test-util.h"
#include "test-pdf-util.h"

typedef KlTestCliFixture Fixture;

/* The first session of programme 1 and the names of those enrolled. */
static gint64
first_session (Fixture    *fixture,
               GPtrArray **names)
{
  g_autoptr(JsonArray) sessions = kl_test_cli_json_array (fixture->db, "session", "list", "--programme", "1");
  g_autoptr(JsonArray) participants = kl_test_cli_json_array (fixture->db, "participant", "list", "--programme", "1");

  g_assert_cmpuint (json_array_get_length (participants), >, 5);
  *names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < json_array_get_length (participants); i++)
    g_ptr_array_add (*names, g_strdup (json_object_get_string_member (json_array_get_object_element (participants, i),
                                                                      "name")));
  return json_object_get_int_member (json_array_get_object_element (sessions, 0), "id");
}

/* Norwegian unless --lang en; the path and page count on stdout. */
static void
test_session_sheet (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "sheet.pdf", NULL);
  g_autofree char *english = g_build_filename (fixture->dir, "sheet-en.pdf", NULL);
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_en = NULL;
  g_autofree char *expected = NULL;
  g_auto(KlCliRun) run = { 0 };

  id = g_strdup_printf ("%" G_GINT64_FORMAT, first_session (fixture, &names));
  kl_test_cli_run (&run, fixture->db, "session", "sheet", "--session", id, "--output", path);
  g_assert_cmpint (run.status, ==, 0);
  expected = g_strdup_printf ("%s: ", path);
  g_assert_true (g_str_has_prefix (run.out, expected));
  /* A demo session's few people fit one page. */
  g_assert_true (g_str_has_suffix (run.out, " 1 page\n"));
  text = kl_test_pdf_text (path, 0);
  kl_test_assert_contains (text, "Oppmøteliste", "Side 1 av ", NULL);
  for (guint i = 0; i < names->len; i++)
    g_assert_nonnull (strstr (text, names->pdata[i]));

  kl_test_cli_ok (fixture->db, "session", "sheet", "--session", id, "--output", english, "--lang", "en");
  text_en = kl_test_pdf_text (english, 0);
  kl_test_assert_contains (text_en, "Sign-in sheet", "Page 1 of ", NULL);
}

static void
test_attendance_report_json (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "report.pdf", NULL);
  g_autoptr(JsonNode) result = NULL;
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  g_auto(KlCliRun) run = { 0 };
  JsonObject *object;

  kl_test_cli_run (&run, fixture->db, "attendance", "report", "--programme", "1", "--output", path, "--json");
  g_assert_cmpint (run.status, ==, 0);
  result = kl_test_cli_parse (run.out);
  object = json_node_get_object (result);
  g_assert_cmpstr (json_object_get_string_member (object, "path"), ==, path);
  g_assert_cmpint (json_object_get_int_member (object, "pages"), >=, 1);
  text = kl_test_pdf_text (path, 0);
  g_assert_nonnull (strstr (text, "Oppmøterapport"));
  info = kl_test_pdf_info (path);
  g_assert_nonnull (strstr (info, "841.89 x 595.28 pts (A4)"));
}

/* A refusal is one line on stderr, exit status 1, and no file. */
static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "none.pdf", NULL);
  g_auto(KlCliRun) missing = { 0 };
  g_auto(KlCliRun) programme = { 0 };
  g_auto(KlCliRun) bad_lang = { 0 };
  g_auto(KlCliRun) no_output = { 0 };

  kl_test_cli_run (&missing, fixture->db, "session", "sheet", "--session", "9999", "--output", path);
  kl_test_cli_assert_error (&missing, 1, "9999");
  g_assert_true (g_str_has_prefix (missing.err, "kartleser-cli: "));
  g_assert_cmpint (strchr (missing.err, '\n') - missing.err, ==, (int) strlen (missing.err) - 1);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  kl_test_cli_run (&programme, fixture->db, "attendance", "report", "--programme", "9999", "--output", path);
  g_assert_cmpint (programme.status, ==, 1);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  kl_test_cli_run (&bad_lang, fixture->db, "attendance", "report", "--programme", "1", "--output", path, "--lang", "de");
  kl_test_cli_assert_error (&bad_lang, 2, "--lang");

  kl_test_cli_run (&no_output, fixture->db, "session", "sheet", "--session", "1");
  kl_test_cli_assert_error (&no_output, 2, "--output");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  kl_test_cli_init (&argc, &argv);

  if (!kl_test_have_pdftotext ())
    return 77;

  kl_test_cli_add_demo ("/cli/documents/session-sheet", test_session_sheet);
  kl_test_cli_add_demo ("/cli/documents/attendance-report", test_attendance_report_json);
  kl_test_cli_add_demo ("/cli/documents/refusals", test_refusals);
  return g_test_run ();
}
