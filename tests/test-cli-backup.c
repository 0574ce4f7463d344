/* kartleser-cli backup, restore, check and export ics, run as a script
 * runs them: exit codes, one-line refusals, JSON, and the files they
 * leave. */

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kl-test-cli.h"
#include "kl-test-util.h"

typedef KlTestCliFixture Fixture;

static guint
count_json (const char *db,
            const char *what)
{
  g_auto(KlCliRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;

  kl_test_cli_run (&run, db, what, "list", "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = kl_test_cli_parse (run.out);
  return json_array_get_length (json_node_get_array (root));
}

static void
test_backup_and_restore (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.db", NULL);
  g_autofree char *notes = g_build_filename (fixture->dir, "notes.txt", NULL);
  g_autoptr(JsonNode) root = NULL;
  const char *kept;
  g_auto(KlCliRun) backup = { 0 };
  g_auto(KlCliRun) restore = { 0 };
  g_auto(KlCliRun) refused = { 0 };
  guint clients = count_json (fixture->db, "client");

  kl_test_cli_run (&backup, fixture->db, "backup", copy);
  g_assert_cmpint (backup.status, ==, 0);
  g_assert_nonnull (strstr (backup.out, copy));
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));

  kl_test_cli_ok (fixture->db, "client", "add", "--name", "Etter backup", "--kind", "skole");
  g_assert_cmpuint (count_json (fixture->db, "client"), ==, clients + 1);

  /* Not a backup: refused in one line, the database as it was. */
  g_assert_true (g_file_set_contents (notes, "just notes\n", -1, NULL));
  kl_test_cli_run (&refused, fixture->db, "restore", notes);
  kl_test_cli_assert_error (&refused, 1, "not a Kartleser backup");
  g_assert_cmpuint (count_json (fixture->db, "client"), ==, clients + 1);

  kl_test_cli_run (&restore, fixture->db, "restore", copy, "--json");
  g_assert_cmpint (restore.status, ==, 0);
  g_assert_cmpuint (count_json (fixture->db, "client"), ==, clients);
  root = kl_test_cli_parse (restore.out);
  kept = json_object_get_string_member (json_node_get_object (root), "kept");
  g_assert_nonnull (kept);
  g_assert_true (g_file_test (kept, G_FILE_TEST_IS_REGULAR));

  /* The replaced database is itself a backup that restores. */
  kl_test_cli_ok (fixture->db, "restore", kept);
  g_assert_cmpuint (count_json (fixture->db, "client"), ==, clients + 1);
}

/* check: ok, or the damage in one line and status 1; then every write is
 * refused until a restore (or a clean check). */
static void
test_check (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.db", NULL);
  g_autofree char *other = g_build_filename (fixture->dir, "other.db", NULL);
  g_autofree char *notes = g_build_filename (fixture->dir, "notes.txt", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_auto(KlCliRun) run = { 0 };
  gsize length = 0;
  int root;

  kl_test_cli_run (&run, fixture->db, "check");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "ok\n");
  kl_test_cli_run (&run, fixture->db, "check", "--json");
  g_assert_cmpint (run.status, ==, 0);
  object = kl_test_cli_parse_object (run.out);
  g_assert_true (json_object_get_boolean_member (object, "ok"));
  kl_test_cli_run (&run, fixture->db, "backup", copy);
  g_assert_cmpint (run.status, ==, 0);

  /* Not a database at all: said so, and nothing made beside it. */
  g_assert_true (g_file_set_contents (notes, "just notes\n", -1, NULL));
  kl_test_cli_run (&run, notes, "check");
  kl_test_cli_assert_error (&run, 1, "not a Kartleser database");
  {
    g_autofree char *wal = g_strconcat (notes, "-wal", NULL);

    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }

  /* The participants' first page overwritten: opening does not read it. */
  root = kl_test_sqlite_int (fixture->db, "SELECT rootpage FROM sqlite_schema WHERE name = 'participant'");
  g_assert_true (g_file_get_contents (fixture->db, &contents, &length, NULL));
  memset (contents + (gsize) (root - 1) * 4096, 0x5a, 4096);
  g_assert_true (g_file_set_contents (fixture->db, contents, (gssize) length, NULL));
  kl_test_cli_run (&run, fixture->db, "client", "list");
  g_assert_cmpint (run.status, ==, 0);
  kl_test_cli_run (&run, fixture->db, "check");
  kl_test_cli_assert_error (&run, 1, "is damaged");
  kl_test_cli_run (&run, fixture->db, "client", "add", "--name", "Etter skaden", "--kind", "skole");
  kl_test_cli_assert_error (&run, 1, "kartleser-cli check");
  kl_test_cli_run (&run, fixture->db, "backup", other);
  kl_test_cli_assert_error (&run, 1, "no backup was made");
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));

  kl_test_cli_run (&run, fixture->db, "restore", copy);
  g_assert_cmpint (run.status, ==, 0);
  kl_test_cli_run (&run, fixture->db, "client", "add", "--name", "Etter gjenopprettingen", "--kind", "skole");
  g_assert_cmpint (run.status, ==, 0);
  kl_test_cli_run (&run, fixture->db, "check");
  g_assert_cmpint (run.status, ==, 0);
}

static void
test_export_ics (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "led.ics", NULL);
  g_autofree char *mine = g_build_filename (fixture->dir, "mine.ics", NULL);
  g_autofree char *contents = NULL;
  g_auto(KlCliRun) sessions = { 0 };
  g_auto(KlCliRun) export = { 0 };
  g_auto(KlCliRun) consultant = { 0 };
  g_auto(KlCliRun) no_output = { 0 };
  g_auto(KlCliRun) both = { 0 };
  g_auto(KlCliRun) missing = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) events = NULL;

  kl_test_cli_run (&sessions, fixture->db, "session", "list", "--programme", "1", "--json");
  g_assert_cmpint (sessions.status, ==, 0);
  root = kl_test_cli_parse (sessions.out);

  kl_test_cli_run (&export, fixture->db, "export", "ics", "--programme", "1", "--output", path);
  g_assert_cmpint (export.status, ==, 0);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "BEGIN:VCALENDAR\r\n"));
  g_assert_nonnull (strstr (contents, "BEGIN:VTIMEZONE\r\nTZID:Europe/Oslo\r\n"));
  events = g_strsplit (contents, "BEGIN:VEVENT", -1);
  g_assert_cmpuint (g_strv_length (events) - 1, ==, json_array_get_length (json_node_get_array (root)));

  kl_test_cli_run (&consultant, fixture->db, "export", "ics", "--consultant", "1", "--output", mine);
  g_assert_cmpint (consultant.status, ==, 0);
  g_assert_true (g_file_test (mine, G_FILE_TEST_IS_REGULAR));

  kl_test_cli_run (&no_output, fixture->db, "export", "ics", "--programme", "1");
  kl_test_cli_assert_error (&no_output, 2, "--output");
  kl_test_cli_run (&both, fixture->db, "export", "ics", "--programme", "1", "--consultant", "1", "--output", path);
  kl_test_cli_assert_error (&both, 2, "either --programme or --consultant");
  kl_test_cli_run (&missing, fixture->db, "export", "ics", "--programme", "999", "--output", path);
  kl_test_cli_assert_error (&missing, 1, "999");
}

int
main (int    argc,
      char **argv)
{
  kl_test_cli_init (&argc, &argv);
  kl_test_cli_add_demo ("/cli/backup-restore", test_backup_and_restore);
  kl_test_cli_add_demo ("/cli/check", test_check);
  kl_test_cli_add_demo ("/cli/export-ics", test_export_ics);
  return g_test_run ();
}
