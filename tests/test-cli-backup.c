/* kartleser-cli backup, restore and export ics, run as a script runs
 * them: exit codes, one-line refusals, JSON, and the files they leave. */

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kl-test-util.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

typedef struct
{
  int status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_cli_args (Run        *run,
              const char *db,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  va_list args;
  const char *arg;
  int wait_status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("KARTLESER_CLI"));
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, (gpointer) db);
  va_start (args, db);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  memset (run, 0, sizeof *run);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

#define run_cli(run, db, ...) run_cli_args (run, db, __VA_ARGS__, NULL)

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static guint
count_json (const char *db,
            const char *what)
{
  g_auto(Run) run;
  g_autoptr(JsonNode) root = NULL;

  run_cli (&run, db, what, "list", "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = parse (run.out);
  return json_array_get_length (json_node_get_array (root));
}

static void
assert_one_line_error (Run        *run,
                       int         status,
                       const char *needle)
{
  if (strstr (run->err, needle) == NULL)
    g_error ("expected “%s” in stderr, got: %s", needle, run->err);
  g_assert_cmpint (run->status, ==, status);
  if (status == 1)
    g_assert_cmpint (strchr (run->err, '\n') - run->err, ==, (int) strlen (run->err) - 1);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(Run) run;

  fixture->dir = kl_test_make_dir ("test-cli-backup");
  fixture->db = g_build_filename (fixture->dir, "kartleser.db", NULL);
  run_cli (&run, fixture->db, "demo");
  g_assert_cmpint (run.status, ==, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kl_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
}

static void
test_backup_and_restore (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.db", NULL);
  g_autofree char *notes = g_build_filename (fixture->dir, "notes.txt", NULL);
  g_autoptr(JsonNode) root = NULL;
  const char *kept;
  g_auto(Run) backup;
  g_auto(Run) add;
  g_auto(Run) restore;
  g_auto(Run) refused;
  g_auto(Run) again;
  guint clients = count_json (fixture->db, "client");

  run_cli (&backup, fixture->db, "backup", copy);
  g_assert_cmpint (backup.status, ==, 0);
  g_assert_nonnull (strstr (backup.out, copy));
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));

  run_cli (&add, fixture->db, "client", "add", "--name", "Etter backup", "--kind", "skole");
  g_assert_cmpint (add.status, ==, 0);
  g_assert_cmpuint (count_json (fixture->db, "client"), ==, clients + 1);

  /* Not a backup: refused in one line, the database as it was. */
  g_assert_true (g_file_set_contents (notes, "just notes\n", -1, NULL));
  run_cli (&refused, fixture->db, "restore", notes);
  assert_one_line_error (&refused, 1, "not a Kartleser backup");
  g_assert_cmpuint (count_json (fixture->db, "client"), ==, clients + 1);

  run_cli (&restore, fixture->db, "restore", copy, "--json");
  g_assert_cmpint (restore.status, ==, 0);
  g_assert_cmpuint (count_json (fixture->db, "client"), ==, clients);
  root = parse (restore.out);
  kept = json_object_get_string_member (json_node_get_object (root), "kept");
  g_assert_nonnull (kept);
  g_assert_true (g_file_test (kept, G_FILE_TEST_IS_REGULAR));

  /* The replaced database is itself a backup that restores. */
  run_cli (&again, fixture->db, "restore", kept);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_cmpuint (count_json (fixture->db, "client"), ==, clients + 1);
}

static void
test_export_ics (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "led.ics", NULL);
  g_autofree char *mine = g_build_filename (fixture->dir, "mine.ics", NULL);
  g_autofree char *contents = NULL;
  g_auto(Run) sessions;
  g_auto(Run) export;
  g_auto(Run) consultant;
  g_auto(Run) no_output;
  g_auto(Run) both;
  g_auto(Run) missing;
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) events = NULL;

  run_cli (&sessions, fixture->db, "session", "list", "--programme", "1", "--json");
  g_assert_cmpint (sessions.status, ==, 0);
  root = parse (sessions.out);

  run_cli (&export, fixture->db, "export", "ics", "--programme", "1", "--output", path);
  g_assert_cmpint (export.status, ==, 0);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "BEGIN:VCALENDAR\r\n"));
  g_assert_nonnull (strstr (contents, "BEGIN:VTIMEZONE\r\nTZID:Europe/Oslo\r\n"));
  events = g_strsplit (contents, "BEGIN:VEVENT", -1);
  g_assert_cmpuint (g_strv_length (events) - 1, ==, json_array_get_length (json_node_get_array (root)));

  run_cli (&consultant, fixture->db, "export", "ics", "--consultant", "1", "--output", mine);
  g_assert_cmpint (consultant.status, ==, 0);
  g_assert_true (g_file_test (mine, G_FILE_TEST_IS_REGULAR));

  run_cli (&no_output, fixture->db, "export", "ics", "--programme", "1");
  assert_one_line_error (&no_output, 2, "--output");
  run_cli (&both, fixture->db, "export", "ics", "--programme", "1", "--consultant", "1", "--output", path);
  assert_one_line_error (&both, 2, "either --programme or --consultant");
  run_cli (&missing, fixture->db, "export", "ics", "--programme", "999", "--output", path);
  assert_one_line_error (&missing, 1, "999");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_assert_nonnull (g_getenv ("KARTLESER_CLI"));
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/backup-restore", test_backup_and_restore);
  ADD ("/cli/export-ics", test_export_ics);
#undef ADD
  return g_test_run ();
}
