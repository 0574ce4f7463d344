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
  /* Programme 3 is planned, 1 running, 2 finished; 1's grant is in. */
  g_setenv ("KARTLESER_NOW", "2026-03-10T10:00", TRUE);
  fixture->dir = kl_test_make_dir ("test-cli-words");
  fixture->db = g_build_filename (fixture->dir, "test.db", NULL);
  kl_test_cli_ok (fixture->db, "demo");
  fixture->norwegian = g_environ_setenv (g_get_environ (), "LC_ALL", "nb_NO.UTF-8", TRUE);
  fixture->norwegian = g_environ_unsetenv (fixture->norwegian, "LANGUAGE");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kl_test_cli_clear_dir (&fixture->dir, &fixture->db);
  g_strfreev (fixture->norwegian);
  g_unsetenv ("KARTLESER_NOW");
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

/* A command's text in Bokmål: the words it must show, and the ids it
 * must not (ids of Norwegian kinds differ from their labels by case). */
typedef struct
{
  const char *args[5];
  const char *words[5];
  const char *ids[5];
} Expectation;

static const Expectation expectations[] = {
  { { "programme", "list" }, { "Planlagt", "Pågår", "Avsluttet", "Utviklingsveiledere" },
    { "planned", "running", "finished", "led-skole" } },
  { { "programme", "show", "1" }, { "Pågår\n", "Fagsamling" }, { "running", "fagsamling" } },
  { { "funding", "show", "--programme", "1" }, { ": Innvilget\n" }, { "granted" } },
  { { "session", "list", "--programme", "1" }, { "Fagsamling", "Veiledning  " }, { "fagsamling", "veiledning" } },
  { { "cost", "list", "--programme", "1" }, { "Honorar til prosessveileder", "Reise" },
    { "supervisor-fee", "travel" } },
  { { "funding", "compute", "--programme", "1" }, { "Honorar til foredragsholder" }, { "speaker-fee" } },
  { { "client", "list" }, { "     5  Kommune ", "  Barnehage " }, { "  kommune ", "  barnehage " } },
  { { "search", "skole" }, { "Oppdragsgiver " }, { "client " } },
};

static void
test_norwegian_text (Fixture       *fixture,
                     gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (expectations); i++)
    {
      const Expectation *e = &expectations[i];
      g_auto(KlCliRun) run = { 0 };

      kl_test_cli_run_env (&run, fixture->db, fixture->norwegian, e->args[0], e->args[1], e->args[2], e->args[3],
                           e->args[4], NULL);
      g_assert_cmpint (run.status, ==, 0);
      for (guint j = 0; e->words[j] != NULL; j++)
        if (strstr (run.out, e->words[j]) == NULL)
          g_error ("%s %s: expected “%s” in:\n%s", e->args[0], e->args[1], e->words[j], run.out);
      for (guint j = 0; e->ids[j] != NULL; j++)
        if (strstr (run.out, e->ids[j]) != NULL)
          g_error ("%s %s: did not expect “%s” in:\n%s", e->args[0], e->args[1], e->ids[j], run.out);
    }
}

/* Columns count characters, not bytes: "Pågår" has an å. */
static void
test_columns (Fixture       *fixture,
              gconstpointer  data)
{
  g_auto(KlCliRun) run = { 0 };

  kl_test_cli_run_env (&run, fixture->db, fixture->norwegian, "programme", "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "  Pågår "));   /* programme 1, LED SKOLE Vestland */
  g_assert_cmpint (column_of (run.out, "LED SKOLE Vestland"), ==, column_of (run.out, "LED SKOLE Bærum"));
  g_assert_cmpint (column_of (run.out, "LED SKOLE Vestland"), ==, column_of (run.out, "Utviklingsveileder-opplæring"));
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
  kl_test_assert_contains (english.out, "  Running  ", "Development supervisors", NULL);
  g_assert_null (strstr (english.out, "running"));

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
  kl_test_cli_init (&argc, &argv);
  g_test_add ("/cli-words/norwegian-text", Fixture, NULL, fixture_set_up, test_norwegian_text, fixture_tear_down);
  g_test_add ("/cli-words/columns", Fixture, NULL, fixture_set_up, test_columns, fixture_tear_down);
  g_test_add ("/cli-words/ids-stay-in-json", Fixture, NULL, fixture_set_up, test_ids_stay_in_json,
              fixture_tear_down);
  return g_test_run ();
}
