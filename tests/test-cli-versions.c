/* No lost edits from scripts (issue 13): records' JSON carries their
 * "version"; `programme edit --if-version N` changes the programme only
 * while it is still at version N, else says who changed it and exits
 * with failure, leaving it as it was. On both backends. */

#include <glib.h>
#include <string.h>

#include "kl-test-cli.h"
#include "kl-test-util.h"

typedef KlTestCliFixture Fixture;

static gint64
programme_version (Fixture    *fixture,
                   const char *id,
                   char      **title)
{
  g_autoptr(JsonObject) object = NULL;
  JsonObject *programme;

  object = kl_test_cli_json_object (fixture->db, "programme", "show", id);
  programme = json_object_get_object_member (object, "programme");
  g_assert_true (json_object_has_member (programme, "version"));
  if (title != NULL)
    *title = g_strdup (json_object_get_string_member (programme, "title"));
  return json_object_get_int_member (programme, "version");
}

static void
test_if_version (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *client = kl_test_cli_create (fixture->db, "client", "add", "--name", "Lier kommune",
                                                "--kind", "kommune");
  g_autofree char *programme = kl_test_cli_create (fixture->db, "programme", "add", "--client", client,
                                                   "--title", "LED SKOLE Lier", "--start", "2026-01-15",
                                                   "--end", "2026-06-15");
  g_autofree char *title = NULL;
  g_auto(KlCliRun) run = { 0 };

  /* Made at version 1; an edit without --if-version moves it to 2. */
  g_assert_cmpint (programme_version (fixture, programme, NULL), ==, 1);
  kl_test_cli_ok (fixture->db, "programme", "edit", programme, "--title", "LED SKOLE Lier 2026");
  g_assert_cmpint (programme_version (fixture, programme, NULL), ==, 2);

  /* A script that read version 1 is refused, and nothing changes. */
  kl_test_cli_run (&run, fixture->db, "programme", "edit", programme, "--if-version", "1", "--title", "Gammel");
  kl_test_cli_assert_error (&run, 1, "changed this programme at");
  g_assert_cmpint (programme_version (fixture, programme, &title), ==, 2);
  g_assert_cmpstr (title, ==, "LED SKOLE Lier 2026");

  /* At the version it read, it goes through, to 3. */
  kl_test_cli_ok (fixture->db, "programme", "edit", programme, "--if-version", "2", "--title", "LED SKOLE Lier");
  g_clear_pointer (&title, g_free);
  g_assert_cmpint (programme_version (fixture, programme, &title), ==, 3);
  g_assert_cmpstr (title, ==, "LED SKOLE Lier");
}

int
main (int   argc,
      char *argv[])
{
  kl_test_cli_init (&argc, &argv);

  kl_test_cli_add ("/cli-versions/if-version", test_if_version);
  return g_test_run ();
}
