/* kartleser-cli import participants and export csv/emails, as a script
 * runs them: the plan it prints, exit codes, JSON, and files written. */

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kl-test-cli.h"
#include "kl-test-server.h"
#include "kl-test-util.h"

typedef KlTestCliFixture Fixture;

static guint
n_participants (Fixture    *fixture,
                const char *programme)
{
  g_auto(KlCliRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;

  if (programme != NULL)
    kl_test_cli_run (&run, fixture->db, "--json", "participant", "list", "--programme", programme);
  else
    kl_test_cli_run (&run, fixture->db, "--json", "participant", "list");
  g_assert_cmpint (run.status, ==, 0);
  root = kl_test_cli_parse (run.out);
  return json_array_get_length (json_node_get_array (root));
}

/* Bærum with two schools, a programme, and Kari already known. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(KlCliRun) run = { 0 };

  kl_test_cli_fixture_set_up (fixture, data);
  kl_test_cli_run (&run, fixture->db, "client", "add", "--name", "Bærum kommune", "--kind", "kommune",
           "--orgnr", "988077917");
  g_assert_cmpstr (run.out, ==, "1\n");
  kl_test_cli_run (&run, fixture->db, "client", "add", "--name", "Bekkestua skole", "--kind", "skole", "--parent", "1");
  g_assert_cmpstr (run.out, ==, "2\n");
  kl_test_cli_run (&run, fixture->db, "client", "add", "--name", "Høvik skole", "--kind", "skole", "--parent", "1");
  g_assert_cmpstr (run.out, ==, "3\n");
  kl_test_cli_run (&run, fixture->db, "programme", "add", "--client", "1", "--title", "LED SKOLE Bærum",
           "--start", "2025-08-15", "--end", "2026-06-15");
  g_assert_cmpstr (run.out, ==, "1\n");
  kl_test_cli_run (&run, fixture->db, "participant", "add", "--name", "Kari Nordmann",
           "--email", "kari.nordmann@baerum.kommune.no", "--workplace", "2");
  g_assert_cmpstr (run.out, ==, "1\n");
}

static void
test_dry_run_then_import (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *file = kl_test_import_file ("excel-windows-1252.csv");
  g_auto(KlCliRun) run = { 0 };

  kl_test_cli_run (&run, fixture->db, "import", "participants", file, "--programme", "1", "--dry-run");
  g_assert_cmpint (run.status, ==, 0);
  kl_test_assert_contains (run.out,
                           "excel-windows-1252.csv (WINDOWS-1252, semicolons): 3 new, 1 matched, 0 skipped; "
                           "0 with errors, 1 with warnings\n",
                           "line 2    Matched 1   Kari Nordmann           kari.nordmann@baerum.kommune.no Bekkestua skole\n",
                           "line 4    New         Åse Bjørkø              ase.bjorko@baerum.kommune.no    Høvik skole\n",
                           "warning: Workplace “Stabekk skole” is not among the clients",
                           "Dry run: nothing was changed.",
                           NULL);
  g_assert_cmpuint (n_participants (fixture, NULL), ==, 1);
  g_assert_cmpuint (n_participants (fixture, "1"), ==, 0);

  kl_test_cli_run (&run, fixture->db, "import", "participants", file, "--programme", "1");
  g_assert_cmpint (run.status, ==, 0);
  kl_test_assert_contains (run.out, "Imported: 3 added, 4 enrolled, 1 updated.", NULL);
  g_assert_cmpuint (n_participants (fixture, NULL), ==, 4);
  g_assert_cmpuint (n_participants (fixture, "1"), ==, 4);
}

static void
test_errors_import_nothing (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *file = kl_test_import_file ("broken-rows.csv");
  g_auto(KlCliRun) run = { 0 };
  g_autoptr(JsonObject) object = NULL;
  JsonObject *row;

  /* The dry run already says the real one would be refused. */
  kl_test_cli_run (&run, fixture->db, "import", "participants", file, "--programme", "1", "--dry-run");
  g_assert_cmpint (run.status, ==, 1);
  kl_test_cli_run (&run, fixture->db, "import", "participants", file, "--programme", "1");
  g_assert_cmpint (run.status, ==, 1);
  kl_test_assert_contains (run.out,
                           "line 3    Skipped",
                           "error: No name",
                           "error: E-mail: “jon@@example” is not an e-mail address",
                           NULL);
  g_assert_cmpstr (run.err, ==, "kartleser-cli: broken-rows.csv: 2 rows have errors, so nothing was imported; "
                                "correct the file or skip the bad rows\n");
  g_assert_cmpuint (n_participants (fixture, NULL), ==, 1);

  object = kl_test_cli_json_object (fixture->db, "import", "participants", file, "--programme", "1", "--skip-bad-rows");
  g_assert_true (json_object_get_boolean_member (object, "applied"));
  g_assert_cmpint (json_object_get_int_member (object, "added"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (object, "errors"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (object, "encoding"), ==, "UTF-8");
  row = json_array_get_object_element (json_object_get_array_member (object, "rows"), 2);
  g_assert_cmpint (json_object_get_int_member (row, "line"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (row, "action"), ==, "skipped");
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (row, "problems"), 0), "severity"),
                   ==, "error");
  row = json_array_get_object_element (json_object_get_array_member (object, "rows"), 3);
  g_assert_cmpstr (json_object_get_string_member (row, "name"), ==, "Siv Dahl");
  g_assert_cmpint (json_object_get_int_member (row, "workplace_id"), ==, 3);
  g_assert_cmpuint (n_participants (fixture, "1"), ==, 2);
}

static void
test_bad_files (Fixture       *fixture,
                gconstpointer  data)
{
  static const char *const cases[][2] = {
    { "unterminated-quote.csv", "kartleser-cli: unterminated-quote.csv, line 3: a quoted field is never closed" },
    { "empty.csv", "kartleser-cli: empty.csv is empty\n" },
    { "binary.csv", "kartleser-cli: binary.csv is not a text file" },
    { "no-name-column.csv", "kartleser-cli: no-name-column.csv, line 1: no column with the participants’ names" },
  };
  g_auto(KlCliRun) run = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *file = kl_test_import_file (cases[i][0]);

      kl_test_cli_run (&run, fixture->db, "import", "participants", file, "--programme", "1");
      g_assert_cmpint (run.status, ==, 1);
      kl_test_assert_contains (run.err, cases[i][1], NULL);
      g_assert_cmpstr (run.out, ==, "");
    }
  g_assert_cmpuint (n_participants (fixture, NULL), ==, 1);

  kl_test_cli_run (&run, fixture->db, "import", "participants", "x.csv");
  g_assert_cmpint (run.status, ==, 2);
  kl_test_assert_contains (run.err, "--programme is required", NULL);
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *file = kl_test_import_file ("formula.csv");
  g_autofree char *participants = g_build_filename (fixture->dir, "deltakere.csv", NULL);
  g_autofree char *attendance = g_build_filename (fixture->dir, "oppmøte.csv", NULL);
  g_autofree char *contents = NULL;
  g_auto(KlCliRun) run = { 0 };

  kl_test_cli_run (&run, fixture->db, "import", "participants", file, "--programme", "1");
  g_assert_cmpint (run.status, ==, 0);

  kl_test_cli_run (&run, fixture->db, "export", "csv", "--participants", "--programme", "1", "--lang", "nb",
           "--output", participants);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (participants, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==,
                   "\xef\xbb\xbf" "Navn;E-post;Telefon;Rolle;Arbeidssted\r\n"
                   "'+Nils Pluss;nils@example.no;;'-rektor;\r\n"
                   "\"'=HYPERLINK(\"\"http://evil.example\"\";\"\"Klikk\"\")\";eve@example.no;;'@SUM(1+1);\r\n");
  g_clear_pointer (&contents, g_free);

  kl_test_cli_run (&run, fixture->db, "session", "add", "--programme", "1", "--title", "Samling 1",
           "--start", "2025-09-01 09:00", "--end", "2025-09-01 15:00");
  kl_test_cli_run (&run, fixture->db, "attend", "--session", "1", "--participant", "2", "--status", "present");
  g_assert_cmpint (run.status, ==, 0);
  kl_test_cli_run (&run, fixture->db, "export", "csv", "--attendance", "--programme", "1", "-o", attendance);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (attendance, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==,
                   "\xef\xbb\xbf" "Name;Workplace;1 September 2025 Samling 1;Attendance\r\n"
                   "'+Nils Pluss;;;—\r\n"
                   "\"'=HYPERLINK(\"\"http://evil.example\"\";\"\"Klikk\"\")\";;Present;100%\r\n");

  kl_test_cli_run (&run, fixture->db, "export", "emails", "--programme", "1");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "nils@example.no; eve@example.no\n");

  kl_test_cli_run (&run, fixture->db, "export", "csv", "--participants", "--attendance", "-o", attendance);
  g_assert_cmpint (run.status, ==, 2);
  kl_test_cli_run (&run, fixture->db, "export", "csv", "--attendance", "-o", attendance);
  g_assert_cmpint (run.status, ==, 2);
  kl_test_assert_contains (run.err, "--programme is required", NULL);
}

int
main (int    argc,
      char **argv)
{
  kl_test_cli_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, kl_test_cli_fixture_tear_down)
  ADD ("/cli-data/dry-run-then-import", test_dry_run_then_import);
  ADD ("/cli-data/errors-import-nothing", test_errors_import_nothing);
  ADD ("/cli-data/bad-files", test_bad_files);
  ADD ("/cli-data/export", test_export);
#undef ADD
  return g_test_run ();
}
