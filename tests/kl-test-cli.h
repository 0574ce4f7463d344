#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* kartleser-cli run as a script runs it ($KARTLESER_CLI, the built tool):
 * its exit status and what it printed. */
typedef struct
{
  int status;
  char *out;
  char *err;
} KlCliRun;

void      kl_test_cli_run_clear   (KlCliRun    *run);
/* Runs the CLI on db (no --db when NULL) with env (NULL: the test's own)
 * and the NULL-terminated arguments; run must start zeroed and is
 * cleared before each use. */
void      kl_test_cli_run_env     (KlCliRun    *run,
                                   const char  *db,
                                   char       **env,
                                   ...) G_GNUC_NULL_TERMINATED;
/* The same with the arguments in a NULL-terminated array, for a test
 * that puts them together as it goes. */
void      kl_test_cli_run_argv    (KlCliRun           *run,
                                   const char         *db,
                                   char              **env,
                                   const char *const  *args);
/* The environment of a run in Bokmål: LC_ALL and the build tree's
 * catalogues (KARTLESER_LOCALEDIR), nothing else. */
char    **kl_test_cli_norwegian_env (void);

JsonNode   *kl_test_cli_parse        (const char  *text);
JsonObject *kl_test_cli_parse_object (const char  *text);
JsonArray  *kl_test_cli_parse_array  (const char  *text);
/* Exit status as given; for 1, one line on stderr starting with
 * "kartleser-cli"; the needle somewhere in stderr. */
void      kl_test_cli_assert_error (KlCliRun   *run,
                                    int         status,
                                    const char *needle);

#define kl_test_cli_run(run, db, ...) kl_test_cli_run_env (run, db, NULL, __VA_ARGS__, NULL)

/* The id a command that made something printed, as text for the next
 * command's options; the run must have succeeded. */
char     *kl_test_cli_created_id  (KlCliRun    *run);
#define kl_test_cli_create(db, ...) \
  ({ g_auto(KlCliRun) create_run_ = { 0 }; \
     kl_test_cli_run (&create_run_, db, __VA_ARGS__); kl_test_cli_created_id (&create_run_); })

/* What a run that must have succeeded printed; it fails the test with
 * what the tool said when it did not. */
const char *kl_test_cli_succeeded (KlCliRun   *run);

/* Runs a command that must succeed. */
#define kl_test_cli_ok(db, ...) \
  G_STMT_START { \
    g_auto(KlCliRun) ok_run_ = { 0 }; \
    kl_test_cli_run (&ok_run_, db, __VA_ARGS__); \
    kl_test_cli_succeeded (&ok_run_); \
  } G_STMT_END

/* Runs a command that must succeed; what it printed (to free). */
#define kl_test_cli_out(db, ...) \
  ({ g_auto(KlCliRun) out_run_ = { 0 }; \
     kl_test_cli_run (&out_run_, db, __VA_ARGS__); g_strdup (kl_test_cli_succeeded (&out_run_)); })

/* Runs a command with --json that must succeed; what it printed, parsed. */
#define kl_test_cli_json_object(db, ...) \
  ({ g_auto(KlCliRun) json_run_ = { 0 }; \
     kl_test_cli_run (&json_run_, db, "--json", __VA_ARGS__); \
     kl_test_cli_parse_object (kl_test_cli_succeeded (&json_run_)); })
#define kl_test_cli_json_array(db, ...) \
  ({ g_auto(KlCliRun) json_run_ = { 0 }; \
     kl_test_cli_run (&json_run_, db, "--json", __VA_ARGS__); \
     kl_test_cli_parse_array (kl_test_cli_succeeded (&json_run_)); })

/* A CLI test's start: g_test_init, and the tool is there to run
 * ($KARTLESER_CLI is set). */
void      kl_test_cli_init        (int          *argc,
                                   char       ***argv);

/* The usual fixture: a fresh folder, named after the test program, and
 * the database, kartleser.db in it (or a fresh one on the cluster). */
typedef struct
{
  char *dir;
  char *db;
} KlTestCliFixture;

/* Nothing in the database yet; or the small demo in it. */
void      kl_test_cli_fixture_set_up      (KlTestCliFixture *fixture,
                                           gconstpointer     data);
void      kl_test_cli_demo_fixture_set_up (KlTestCliFixture *fixture,
                                           gconstpointer     data);
void      kl_test_cli_fixture_tear_down   (KlTestCliFixture *fixture,
                                           gconstpointer     data);

/* A test on that fixture, with an empty database or with the demo. */
#define kl_test_cli_add(path, func) \
  g_test_add (path, KlTestCliFixture, NULL, kl_test_cli_fixture_set_up, func, kl_test_cli_fixture_tear_down)
#define kl_test_cli_add_demo(path, func) \
  g_test_add (path, KlTestCliFixture, NULL, kl_test_cli_demo_fixture_set_up, func, kl_test_cli_fixture_tear_down)

/* A CLI fixture's end: its folder removed, the folder's and the
 * database's paths freed. */
void      kl_test_cli_clear_dir   (char       **dir,
                                   char       **db);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KlCliRun, kl_test_cli_run_clear)

G_END_DECLS
