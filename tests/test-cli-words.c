/* The words kartleser-cli prints for stored ids (statuses, kinds, cost
 * categories): in the reader's language in the text, the stable ids in
 * --json. On the demo data, on a fixed day (KARTLESER_NOW). */

#include <glib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kl-test-cli.h"
#include "kl-test-util.h"

typedef struct
{
  char *dir;
  char *db;
  char **norwegian;   /* the test's environment, in Bokmål */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(KlCliRun) run = { 0 };

  /* Programme 3 is planned, 1 running, 2 finished; 1's grant is in. */
  g_setenv ("KARTLESER_NOW", "2026-03-10T10:00", TRUE);
  fixture->dir = kl_test_make_dir ("test-cli-words");
  fixture->db = g_build_filename (fixture->dir, "test.db", NULL);
  kl_test_cli_run (&run, fixture->db, "demo");
  g_assert_cmpint (run.status, ==, 0);
  fixture->norwegian = g_environ_setenv (g_get_environ (), "LC_ALL", "nb_NO.UTF-8", TRUE);
  fixture->norwegian = g_environ_unsetenv (fixture->norwegian, "LANGUAGE");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kl_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
  g_strfreev (fixture->norwegian);
  g_unsetenv ("KARTLESER_NOW");
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("expected “%s” in:\n%s", needle, haystack);
}

static void
assert_lacks (const char *haystack,
              const char *needle)
{
  if (strstr (haystack, needle) != NULL)
    g_error ("did not expect “%s” in:\n%s", needle, haystack);
}

/* Where (in characters) text starts on the line that holds it. */
static glong
column_of (const char *output,
           const char *text)
{
  const char *found = strstr (output, text);
  const char *line = found;

  g_assert_nonnull (found);
  while (line > output && line[-1] != '\n')
    line--;
  return g_utf8_pointer_to_offset (line, found);
}

static void
test_norwegian_text (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(KlCliRun) programmes = { 0 };
  g_auto(KlCliRun) funding = { 0 };
  g_auto(KlCliRun) sessions = { 0 };
  g_auto(KlCliRun) costs = { 0 };
  g_auto(KlCliRun) claim = { 0 };
  g_auto(KlCliRun) clients = { 0 };
  g_auto(KlCliRun) programme = { 0 };

  kl_test_cli_run_env (&programmes, fixture->db, fixture->norwegian, "programme", "list", NULL);
  g_assert_cmpint (programmes.status, ==, 0);
  assert_contains (programmes.out, "Planlagt");
  assert_contains (programmes.out, "Pågår");
  assert_contains (programmes.out, "Avsluttet");
  assert_contains (programmes.out, "Utviklingsveiledere");
  assert_lacks (programmes.out, "planned");
  assert_lacks (programmes.out, "running");
  assert_lacks (programmes.out, "finished");
  assert_lacks (programmes.out, "led-skole");
  /* Columns count characters, not bytes: "Pågår" has an å. */
  g_assert_cmpint (column_of (programmes.out, "LED SKOLE Vestland"), ==,
                   column_of (programmes.out, "LED SKOLE Bærum"));
  g_assert_cmpint (column_of (programmes.out, "LED SKOLE Vestland"), ==,
                   column_of (programmes.out, "Utviklingsveileder-opplæring"));

  kl_test_cli_run_env (&programme, fixture->db, fixture->norwegian, "programme", "show", "1", NULL);
  g_assert_cmpint (programme.status, ==, 0);
  assert_contains (programme.out, "Pågår\n");
  assert_contains (programme.out, "Fagsamling");
  assert_lacks (programme.out, "running");
  assert_lacks (programme.out, "fagsamling");

  kl_test_cli_run_env (&funding, fixture->db, fixture->norwegian, "funding", "show", "--programme", "1", NULL);
  g_assert_cmpint (funding.status, ==, 0);
  assert_contains (funding.out, ": Innvilget\n");
  assert_lacks (funding.out, "granted");

  kl_test_cli_run_env (&sessions, fixture->db, fixture->norwegian, "session", "list", "--programme", "1", NULL);
  g_assert_cmpint (sessions.status, ==, 0);
  assert_contains (sessions.out, "Fagsamling");
  assert_lacks (sessions.out, "fagsamling");
  assert_lacks (sessions.out, "veiledning");

  kl_test_cli_run_env (&costs, fixture->db, fixture->norwegian, "cost", "list", "--programme", "1", NULL);
  g_assert_cmpint (costs.status, ==, 0);
  assert_contains (costs.out, "Honorar til prosessveileder");
  assert_contains (costs.out, "Reise");
  assert_lacks (costs.out, "supervisor-fee");
  assert_lacks (costs.out, "travel");

  kl_test_cli_run_env (&claim, fixture->db, fixture->norwegian, "funding", "compute", "--programme", "1", NULL);
  g_assert_cmpint (claim.status, ==, 0);
  assert_contains (claim.out, "Honorar til foredragsholder");
  assert_lacks (claim.out, "speaker-fee");

  kl_test_cli_run_env (&clients, fixture->db, fixture->norwegian, "client", "list", NULL);
  g_assert_cmpint (clients.status, ==, 0);
  assert_contains (clients.out, "     5  Kommune ");
  assert_contains (clients.out, "  Barnehage ");
  assert_lacks (clients.out, "  kommune ");
  assert_lacks (clients.out, "  barnehage ");
}

/* English text has the labels too; JSON in Bokmål keeps the ids. */
static void
test_ids_stay_in_json (Fixture       *fixture,
                       gconstpointer  data)
{
  g_auto(KlCliRun) english = { 0 };
  g_auto(KlCliRun) programmes = { 0 };
  g_auto(KlCliRun) funding = { 0 };
  g_auto(KlCliRun) costs = { 0 };
  g_autoptr(JsonArray) list = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonArray) items = NULL;
  g_autoptr(GString) statuses = g_string_new (NULL);

  kl_test_cli_run (&english, fixture->db, "programme", "list");
  g_assert_cmpint (english.status, ==, 0);
  assert_contains (english.out, "Running");
  assert_contains (english.out, "Development supervisors");
  assert_lacks (english.out, "running");

  kl_test_cli_run_env (&programmes, fixture->db, fixture->norwegian, "--json", "programme", "list", NULL);
  list = kl_test_cli_parse_array (programmes.out);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *p = json_array_get_object_element (list, i);

      g_string_append_printf (statuses, "%s/%s ", json_object_get_string_member (p, "status"),
                              json_object_get_string_member (p, "kind"));
    }
  g_assert_cmpstr (statuses->str, ==, "planned/utviklingsveileder running/led-skole finished/led-skole ");

  kl_test_cli_run_env (&funding, fixture->db, fixture->norwegian, "--json", "funding", "show", "--programme", "1",
                       NULL);
  object = kl_test_cli_parse_object (funding.out);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "granted");

  kl_test_cli_run_env (&costs, fixture->db, fixture->norwegian, "--json", "cost", "list", "--programme", "1", NULL);
  items = kl_test_cli_parse_array (costs.out);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "category"), ==,
                   "supervisor-fee");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/cli-words/norwegian-text", Fixture, NULL, fixture_set_up, test_norwegian_text, fixture_tear_down);
  g_test_add ("/cli-words/ids-stay-in-json", Fixture, NULL, fixture_set_up, test_ids_stay_in_json,
              fixture_tear_down);
  return g_test_run ();
}
