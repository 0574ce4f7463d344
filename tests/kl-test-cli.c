#include "kl-test-cli.h"
#include "kl-test-server.h"
#include "kl-test-util.h"

#include <string.h>
#include <sys/wait.h>

void
kl_test_cli_run_clear (KlCliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

void
kl_test_cli_run_env (KlCliRun    *run,
                     const char  *db,
                     char       **env,
                     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list list;
  const char *arg;

  va_start (list, env);
  while ((arg = va_arg (list, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (list);
  g_ptr_array_add (args, NULL);
  kl_test_cli_run_argv (run, db, env, (const char *const *) args->pdata);
}

void
kl_test_cli_run_argv (KlCliRun           *run,
                      const char         *db,
                      char              **env,
                      const char *const  *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_assert_nonnull (g_getenv ("KARTLESER_CLI"));
  g_ptr_array_add (argv, (gpointer) g_getenv ("KARTLESER_CLI"));
  if (db != NULL)
    {
      g_ptr_array_add (argv, "--db");
      g_ptr_array_add (argv, (gpointer) db);
    }
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  kl_test_cli_run_clear (run);
  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

char **
kl_test_cli_norwegian_env (void)
{
  char **env = g_new0 (char *, 3);

  env[0] = g_strdup ("LC_ALL=nb_NO.UTF-8");
  env[1] = g_strconcat ("KARTLESER_LOCALEDIR=", g_getenv ("KARTLESER_LOCALEDIR"), NULL);
  return env;
}

JsonNode *
kl_test_cli_parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

JsonObject *
kl_test_cli_parse_object (const char *text)
{
  g_autoptr(JsonNode) root = kl_test_cli_parse (text);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}

JsonArray *
kl_test_cli_parse_array (const char *text)
{
  g_autoptr(JsonNode) root = kl_test_cli_parse (text);

  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  return json_array_ref (json_node_get_array (root));
}

void
kl_test_cli_assert_error (KlCliRun   *run,
                          int         status,
                          const char *needle)
{
  if (strstr (run->err, needle) == NULL)
    g_error ("expected “%s” in stderr, got: %s", needle, run->err);
  g_assert_cmpint (run->status, ==, status);
  if (status == 1)
    {
      g_assert_true (g_str_has_prefix (run->err, "kartleser-cli"));
      g_assert_cmpint (strchr (run->err, '\n') - run->err, ==, (int) strlen (run->err) - 1);
    }
}

const char *
kl_test_cli_succeeded (KlCliRun *run)
{
  if (run->status != 0)
    g_error ("kartleser-cli failed: %s", run->err);
  return run->out;
}

char *
kl_test_cli_created_id (KlCliRun *run)
{
  gint64 id;

  if (run->status != 0)
    g_error ("kartleser-cli failed (%d): %s", run->status, run->err);
  id = g_ascii_strtoll (run->out, NULL, 10);
  g_assert_cmpint (id, >, 0);
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

void
kl_test_cli_clear_dir (char **dir,
                       char **db)
{
  kl_test_remove_dir (*dir);
  g_clear_pointer (dir, g_free);
  g_clear_pointer (db, g_free);
}

void
kl_test_cli_init (int    *argc,
                  char ***argv)
{
  g_test_init (argc, argv, NULL);
  g_assert_nonnull (g_getenv ("KARTLESER_CLI"));
}

void
kl_test_cli_fixture_set_up (KlTestCliFixture *fixture,
                            gconstpointer     data)
{
  g_autofree char *tag = g_path_get_basename (g_get_prgname ());

  fixture->dir = kl_test_make_dir (tag);
  fixture->db = kl_test_db_location_named (fixture->dir, "kartleser.db");
}

void
kl_test_cli_demo_fixture_set_up (KlTestCliFixture *fixture,
                                 gconstpointer     data)
{
  kl_test_cli_fixture_set_up (fixture, data);
  kl_test_cli_ok (fixture->db, "demo");
}

void
kl_test_cli_fixture_tear_down (KlTestCliFixture *fixture,
                               gconstpointer     data)
{
  kl_test_cli_clear_dir (&fixture->dir, &fixture->db);
}
