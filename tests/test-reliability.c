/* The reliability suite: kartleser-cli killed (SIGKILL) at random moments
 * while it imports, adds a series, backs up, restores, creates a new file
 * and upgrades an old one; after each kill the file must open (Kartleser
 * never refuses a good file), pass integrity_check, hold either all or
 * none of what the command was doing, and have nothing left beside it.
 * Then three processes opening one new (or old) file at once, and two
 * writers in parallel.
 *
 * KARTLESER_KILL_ITERATIONS sets the number of kills (default 120); the
 * seed (--seed, printed by -v) repeats a run. */

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "kl-test-util.h"

#define DEFAULT_ITERATIONS 120
#define IMPORT_ROWS 1500
#define SERIES_SESSIONS 200
#define RESTORE_ROWS 300
#define OLD_CLIENTS 4000
#define SIMULTANEOUS_ROUNDS 20
#define WRITER_ADDS 25

static char *dir;
static char *base;          /* the small demo, closed cleanly */
static char *base_backup;   /* a backup of it, to restore */
static char *restore_base;  /* base plus RESTORE_ROWS participants */
static char *old_base;      /* a version 2 file with data, to upgrade */
static char *import_csv;
static char *writer_csv[2];
static int latest_version;

/* Plain SQLite, outside Kartleser */

static sqlite3 *
open_plain (const char *path)
{
  sqlite3 *handle = NULL;

  /* Read-write, as any program would open it: a hot journal or WAL is
   * recovered here if Kartleser did not already. */
  if (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    g_error ("%s: %s", path, sqlite3_errmsg (handle));
  sqlite3_busy_timeout (handle, 5000);
  return handle;
}

static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3 *handle = open_plain (path);
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) != SQLITE_OK || sqlite3_step (stmt) != SQLITE_ROW)
    g_error ("%s: %s: %s", path, sql, sqlite3_errmsg (handle));
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return value;
}

static void
assert_integrity (const char *path)
{
  sqlite3 *handle = open_plain (path);
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (handle, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0)
        g_string_append_printf (problems, "%s\n", line);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  if (problems->len > 0)
    g_error ("%s fails integrity_check:\n%s", path, problems->str);
}

/* kartleser-cli */

static GSubprocess *
spawn_cli (const char         *db,
           const char * const *args,
           GSubprocessFlags    flags)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_ptr_array_add (argv, (gpointer) g_getenv ("KARTLESER_CLI"));
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, (gpointer) db);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | flags, &error);
  g_assert_no_error (error);
  return process;
}

/* Runs to the end; must succeed. */
static void
run_cli (const char         *db,
         const char * const *args)
{
  g_autoptr(GSubprocess) process = spawn_cli (db, args, G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;

  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (process))
    g_error ("kartleser-cli --db %s %s failed: %s", db, args[0], err);
}

/* Killed after delay_us, unless it finished first. */
static gboolean
run_killed (const char         *db,
            const char * const *args,
            gint64              delay_us)
{
  g_autoptr(GSubprocess) process = spawn_cli (db, args, G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GError) error = NULL;

  g_usleep (delay_us);
  g_subprocess_send_signal (process, SIGKILL);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  return g_subprocess_get_if_signaled (process);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) dest = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  g_file_copy (source, dest, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
remove_db (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal", ".part" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

static void
write_csv (const char *path,
           const char *tag,
           int         rows)
{
  g_autoptr(GString) csv = g_string_new ("Navn;E-post;Stilling;Skole\n");
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < rows; i++)
    g_string_append_printf (csv, "%s Deltaker %d;%s.%d@example.no;Lærer;Bekkestua skole\n", tag, i, tag, i);
  g_file_set_contents (path, csv->str, (gssize) csv->len, &error);
  g_assert_no_error (error);
}

/* The kinds of work killed, each with its invariant */

typedef struct
{
  const char *name;
  void (*prepare) (const char *work);
  const char *const *args;
  void (*verify) (const char *work, gboolean killed);
  gint64 duration_us;   /* of an unkilled run, measured first */
  guint kills;
} Kind;

static const char *work_extra;   /* a second file some kinds use */

static void
prepare_copy_of_base (const char *work)
{
  copy_file (base, work);
}

static gint64
participants (const char *path)
{
  return query_int (path, "SELECT count(*) FROM participant");
}

static void
verify_import (const char *work,
               gboolean    killed)
{
  gint64 before = participants (base);
  gint64 added = participants (work) - before;
  gint64 enrolled = query_int (work, "SELECT count(*) FROM enrolment e JOIN participant p ON p.id = e.participant_id "
                                     "WHERE p.email LIKE 'kill.%'");

  if (added != 0 && added != IMPORT_ROWS)
    g_error ("import: %" G_GINT64_FORMAT " of %d participants were added", added, IMPORT_ROWS);
  g_assert_cmpint (enrolled, ==, added);
  if (!killed)
    g_assert_cmpint (added, ==, IMPORT_ROWS);
}

static void
verify_series (const char *work,
               gboolean    killed)
{
  gint64 added = query_int (work, "SELECT count(*) FROM session WHERE title LIKE 'Drept %'");

  if (added != 0 && added != SERIES_SESSIONS)
    g_error ("series: %" G_GINT64_FORMAT " of %d sessions were added", added, SERIES_SESSIONS);
  if (!killed)
    g_assert_cmpint (added, ==, SERIES_SESSIONS);
}

static void
prepare_backup (const char *work)
{
  copy_file (base, work);
  remove_db (work_extra);
}

/* The copy is absent, or whole: never a torn file under the name. */
static void
verify_backup (const char *work,
               gboolean    killed)
{
  if (!g_file_test (work_extra, G_FILE_TEST_EXISTS))
    {
      g_assert_true (killed);
      return;
    }
  assert_integrity (work_extra);
  kl_test_assert_no_companions (work_extra);
  g_assert_cmpint (participants (work_extra), ==, participants (work));
  g_assert_cmpint (query_int (work_extra, "PRAGMA user_version"), ==, latest_version);
}

static void
prepare_restore (const char *work)
{
  copy_file (restore_base, work);
}

/* The database as it was, or as the backup was: nothing between. */
static void
verify_restore (const char *work,
                gboolean    killed)
{
  gint64 now = participants (work);

  if (now != participants (base) && now != participants (restore_base))
    g_error ("restore: %" G_GINT64_FORMAT " participants, neither before nor after", now);
  if (!killed)
    g_assert_cmpint (now, ==, participants (base));
}

static void
prepare_create (const char *work)
{
  remove_db (work);
}

/* No file, or one the next open completes (the verification ran
 * kartleser-cli check on it already). */
static void
verify_create (const char *work,
               gboolean    killed)
{
  g_assert_cmpint (query_int (work, "PRAGMA user_version"), ==, latest_version);
  g_assert_cmpint (query_int (work, "SELECT count(*) FROM settings"), ==, 1);
}

static void
prepare_upgrade (const char *work)
{
  g_autoptr(GDir) listing = NULL;
  g_autofree char *folder = g_path_get_dirname (work);
  const char *name;

  copy_file (old_base, work);
  /* The copies made before each upgrade, from earlier rounds. */
  listing = g_dir_open (folder, 0, NULL);
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (name, ".bak") || g_str_has_suffix (name, ".bak.part"))
      {
        g_autofree char *path = g_build_filename (folder, name, NULL);

        g_unlink (path);
      }
}

/* Version 2 or the latest, never between, and the data intact. Read
 * before the verification's own open upgrades it. */
static int upgrade_version_after_kill;

static void
verify_upgrade (const char *work,
                gboolean    killed)
{
  if (upgrade_version_after_kill != 2 && upgrade_version_after_kill != latest_version)
    g_error ("upgrade: left at version %d", upgrade_version_after_kill);
  g_assert_cmpint (query_int (work, "PRAGMA user_version"), ==, latest_version);
  g_assert_cmpint (query_int (work, "SELECT count(*) FROM client"), ==, OLD_CLIENTS);
  g_assert_cmpint (query_int (work, "SELECT count(*) FROM sqlite_schema WHERE name = 'audit'"), ==, 1);
}

static const char *import_args[] = { "import", "participants", "--programme", "1", NULL, NULL };
static const char *const series_args[] = { "session", "repeat", "--programme", "1", "--title", "Drept",
                                           "--from", "2027-01-04", "--until", "2027-10-08",
                                           "--weekdays", "mon,tue,wed,thu,fri", "--time", "09:00-15:00", NULL };
static const char *backup_args[] = { "backup", NULL, NULL };
static const char *restore_args[] = { "restore", NULL, NULL };
static const char *const init_args[] = { "init", NULL };

static Kind kinds[] = {
  { "import", prepare_copy_of_base, import_args, verify_import },
  { "series", prepare_copy_of_base, series_args, verify_series },
  { "backup", prepare_backup, backup_args, verify_backup },
  { "restore", prepare_restore, restore_args, verify_restore },
  { "create", prepare_create, init_args, verify_create },
  { "upgrade", prepare_upgrade, init_args, verify_upgrade },
};

/* After every run, killed or not: Kartleser opens the file and finds it
 * whole (check), SQLite agrees (integrity_check), the kind's invariant
 * holds, and a closed file has nothing beside it. */
static void
verify (Kind       *kind,
        const char *work,
        gboolean    killed)
{
  static const char *const check_args[] = { "check", NULL };

  if (kind->verify == verify_create && !g_file_test (work, G_FILE_TEST_EXISTS))
    {
      g_assert_true (killed);
      return;
    }
  if (kind->verify == verify_upgrade)
    {
      sqlite3 *handle = open_plain (work);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT user_version, (SELECT count(*) FROM sqlite_schema "
                                           "WHERE name = 'audit') FROM pragma_user_version", -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      upgrade_version_after_kill = sqlite3_column_int (stmt, 0);
      /* Version 4 brought the audit trail: there with the version, or not. */
      g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, upgrade_version_after_kill >= 4);
      sqlite3_finalize (stmt);
      sqlite3_close (handle);
    }
  run_cli (work, check_args);
  kl_test_assert_no_companions (work);
  assert_integrity (work);
  kind->verify (work, killed);
}

static void
test_kill_loop (void)
{
  g_autofree char *work = g_build_filename (dir, "work.db", NULL);
  g_autofree char *extra = g_build_filename (dir, "copy.db", NULL);
  const char *env = g_getenv ("KARTLESER_KILL_ITERATIONS");
  guint iterations = env != NULL && *env != '\0' ? (guint) g_ascii_strtoull (env, NULL, 10) : DEFAULT_ITERATIONS;
  guint killed_total = 0;
  gint64 start = g_get_monotonic_time ();

  work_extra = extra;
  import_args[4] = import_csv;
  backup_args[1] = extra;
  restore_args[1] = base_backup;

  /* How long each takes when left alone (the median of three): kills
   * land within that, and a little after, where the run has finished. */
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      double times[3];

      for (guint r = 0; r < G_N_ELEMENTS (times); r++)
        {
          gint64 begin;

          kinds[k].prepare (work);
          begin = g_get_monotonic_time ();
          run_cli (work, kinds[k].args);
          times[r] = (double) (g_get_monotonic_time () - begin);
          verify (&kinds[k], work, FALSE);
        }
      kl_test_sort_times (times, G_N_ELEMENTS (times));
      kinds[k].duration_us = MAX ((gint64) times[1], 1000);
      g_test_message ("%-8s runs %.0f ms unkilled", kinds[k].name, kinds[k].duration_us / 1000.0);
    }

  for (guint i = 0; i < iterations; i++)
    {
      Kind *kind = &kinds[i % G_N_ELEMENTS (kinds)];
      gint64 delay = g_test_rand_int_range (0, (gint32) MIN (G_MAXINT32, kind->duration_us * 6 / 5));
      gboolean killed;

      kind->prepare (work);
      killed = run_killed (work, kind->args, delay);
      /* Runs are slower or faster as the machine is busy: the window
       * follows, so that most runs are really cut short. */
      if (killed)
        {
          kind->kills++;
          killed_total++;
          kind->duration_us += kind->duration_us / 32;
        }
      else
        kind->duration_us = MAX (kind->duration_us - kind->duration_us / 8, 1000);
      verify (kind, work, killed);
    }

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    g_test_message ("%-8s killed %u times", kinds[k].name, kinds[k].kills);
  g_test_message ("%u iterations, %u killed mid-run, in %.1f s", iterations, killed_total,
                  (g_get_monotonic_time () - start) / 1e6);
  /* Runs must really have been killed, or the loop tested nothing. */
  g_assert_cmpuint (killed_total, >=, iterations / 3);
}

/* Three at once */

static void
run_together (const char         *db,
              const char * const *args,
              guint               n)
{
  GSubprocess *processes[3];

  g_assert_cmpuint (n, <=, G_N_ELEMENTS (processes));
  for (guint i = 0; i < n; i++)
    processes[i] = spawn_cli (db, args, G_SUBPROCESS_FLAGS_STDERR_PIPE);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *err = NULL;

      g_subprocess_communicate_utf8 (processes[i], NULL, NULL, NULL, &err, &error);
      g_assert_no_error (error);
      if (!g_subprocess_get_successful (processes[i]))
        g_error ("one of %u at once failed: %s", n, err);
      g_object_unref (processes[i]);
    }
}

static guint
count_upgrade_copies (const char *db)
{
  g_autofree char *folder = g_path_get_dirname (db);
  g_autofree char *prefix = g_path_get_basename (db);
  g_autoptr(GDir) listing = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".bak"))
      n++;
  return n;
}

/* Three processes open one new file, then one old file, at the same
 * moment (the application and two scripts): all succeed, one migrates,
 * and only one copy is made before the upgrade. */
static void
test_three_at_once (void)
{
  static const char *const init[] = { "init", NULL };

  for (int round = 0; round < SIMULTANEOUS_ROUNDS; round++)
    {
      g_autofree char *sub = g_strdup_printf ("%s/three-%d", dir, round);
      g_autofree char *fresh = g_build_filename (sub, "new.db", NULL);
      g_autofree char *old = g_build_filename (sub, "old.db", NULL);

      g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
      run_together (fresh, init, 3);
      g_assert_cmpint (query_int (fresh, "PRAGMA user_version"), ==, latest_version);
      g_assert_cmpint (query_int (fresh, "SELECT count(*) FROM settings"), ==, 1);
      assert_integrity (fresh);
      kl_test_assert_no_companions (fresh);

      copy_file (old_base, old);
      run_together (old, init, 3);
      g_assert_cmpint (query_int (old, "PRAGMA user_version"), ==, latest_version);
      g_assert_cmpint (query_int (old, "SELECT count(*) FROM client"), ==, OLD_CLIENTS);
      g_assert_cmpuint (count_upgrade_copies (old), ==, 1);
      assert_integrity (old);
      kl_test_assert_no_companions (old);
    }
}

/* Two writers */

typedef struct
{
  const char *db;
  guint n;
} Writer;

static gpointer
writer_thread (gpointer data)
{
  Writer *writer = data;

  for (guint i = 0; i < WRITER_ADDS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Skriver %u nr. %u", writer->n, i);
      const char *const add[] = { "client", "add", "--name", name, "--kind", "skole", NULL };

      run_cli (writer->db, add);
    }
  {
    const char *const import[] = { "import", "participants", "--programme", "1", writer_csv[writer->n], NULL };

    run_cli (writer->db, import);
  }
  return NULL;
}

/* Two processes writing at once, one change after another: every change
 * of both is there. */
static void
test_two_writers (void)
{
  g_autofree char *db = g_build_filename (dir, "writers.db", NULL);
  Writer writers[2] = { { db, 0 }, { db, 1 } };
  GThread *threads[2];
  gint64 clients;

  copy_file (base, db);
  clients = query_int (db, "SELECT count(*) FROM client");
  for (guint i = 0; i < 2; i++)
    threads[i] = g_thread_new ("writer", writer_thread, &writers[i]);
  for (guint i = 0; i < 2; i++)
    g_thread_join (threads[i]);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM client"), ==, clients + 2 * WRITER_ADDS);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM participant WHERE email LIKE 'writer%'"), ==,
                   2 * RESTORE_ROWS);
  assert_integrity (db);
  kl_test_assert_no_companions (db);
}

/* Fixtures, made once */

/* A file as Kartleser's schema version 2 left it, with enough clients
 * that the upgrade takes a moment. */
static void
make_old_base (void)
{
  sqlite3 *handle = NULL;
  g_autofree char *fill = g_strdup_printf (
    "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d) "
    "INSERT INTO client (name, kind, notes) SELECT 'Skole ' || i, 'skole', printf ('%%.200c', 'x') FROM n",
    OLD_CLIENTS);

  g_assert_cmpint (sqlite3_open (old_base, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "PRAGMA journal_mode = WAL; BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  kl_test_apply_sqlite_migration (handle, "0001-initial.sql");
  kl_test_apply_sqlite_migration (handle, "0002-database-uuid.sql");
  g_assert_cmpint (sqlite3_exec (handle, fill, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "PRAGMA user_version = 2; COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (handle), ==, SQLITE_OK);
}

static void
make_fixtures (void)
{
  static const char *const demo[] = { "demo", NULL };
  const char *backup[] = { "backup", NULL, NULL };
  const char *import[] = { "import", "participants", "--programme", "1", NULL, NULL };
  g_autofree char *restore_csv = g_build_filename (dir, "restore.csv", NULL);

  base = g_build_filename (dir, "base.db", NULL);
  base_backup = g_build_filename (dir, "base-backup.db", NULL);
  restore_base = g_build_filename (dir, "restore-base.db", NULL);
  old_base = g_build_filename (dir, "old-base.db", NULL);
  import_csv = g_build_filename (dir, "kill.csv", NULL);
  for (guint i = 0; i < 2; i++)
    writer_csv[i] = g_strdup_printf ("%s/writer%u.csv", dir, i);

  run_cli (base, demo);
  latest_version = (int) query_int (base, "PRAGMA user_version");
  backup[1] = base_backup;
  run_cli (base, backup);
  write_csv (import_csv, "kill", IMPORT_ROWS);
  write_csv (restore_csv, "restore", RESTORE_ROWS);
  write_csv (writer_csv[0], "writer0", RESTORE_ROWS);
  write_csv (writer_csv[1], "writer1", RESTORE_ROWS);
  copy_file (base, restore_base);
  import[4] = restore_csv;
  run_cli (restore_base, import);
  make_old_base ();
  kl_test_assert_no_companions (base);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("KARTLESER_CLI"));
  dir = kl_test_make_dir ("test-reliability");
  make_fixtures ();

  g_test_add_func ("/reliability/kill-loop", test_kill_loop);
  g_test_add_func ("/reliability/three-at-once", test_three_at_once);
  g_test_add_func ("/reliability/two-writers", test_two_writers);
  status = g_test_run ();

  kl_test_remove_dir (dir);
  g_free (dir);
  return status;
}
