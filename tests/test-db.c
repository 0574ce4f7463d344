/* The database file: created private, migrated once, refused (and left
 * alone, with nothing beside it) when foreign, too new or damaged in its
 * header; recovered when a process died writing it; read-only when it
 * cannot be written; checked whole on request; transactions and backups.
 * Over 1 000 lines and kept one program: most tests open, damage or kill
 * a file on purpose and share the helpers that do it (raw SQLite,
 * assert_refused_unchanged, die_writing). */

#include <glib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utime.h>

#include "kl-db-private.h"
#include "kl-error.h"
#include "kl-model.h"
#include "kl-store.h"
#include "kl-test-store.h"
#include "kl-test-util.h"

typedef KlTestFileFixture Fixture;

static KlDb *
open_ok (const char *path)
{
  g_autoptr(GError) error = NULL;
  KlDb *db = kl_db_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  return db;
}

/* One row, one column, read straight through SQLite. */
static char *
pragma_text (sqlite3    *handle,
             const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static gint64
pragma_int (sqlite3    *handle,
            const char *sql)
{
  g_autofree char *text = pragma_text (handle, sql);

  return g_ascii_strtoll (text, NULL, 10);
}

static void
insert_client (KlDb       *db,
               const char *name)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kl_db_exec (db, &error, "INSERT INTO client (name, kind) VALUES (?1, 'kommune')", "t", name));
  g_assert_no_error (error);
}

/* Runs SQL on a file with plain SQLite, behind Kartleser's back. */
static void
sqlite_exec_file (const char *path,
                  const char *sql)
{
  sqlite3 *handle = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  if (sqlite3_exec (handle, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  g_assert_cmpint (sqlite3_close (handle), ==, SQLITE_OK);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

/* Opening must refuse with the code, and leave the file as it was, with
 * nothing beside it. */
static void
assert_refused_unchanged (const char *path,
                          int         code)
{
  g_autoptr(GBytes) before = read_bytes (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDb) db = kl_db_open (path, &error);

  g_assert_null (db);
  g_assert_error (error, KL_ERROR, code);
  /* The message names the file, so the user knows which one. */
  g_assert_nonnull (strstr (error->message, path));
  after = read_bytes (path);
  g_assert_cmpmem (g_bytes_get_data (before, NULL), g_bytes_get_size (before),
                   g_bytes_get_data (after, NULL), g_bytes_get_size (after));
  kl_test_assert_no_companions (path);
}

static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *nested = g_build_filename (fixture->dir, "data", "kartleser", "kartleser.db", NULL);
  g_autofree char *folder = g_path_get_dirname (nested);
  g_autofree char *journal = NULL;
  g_autoptr(KlDb) db = NULL;
  sqlite3 *handle;
  GStatBuf st;

  /* The folder is made too, as on a first start. */
  db = open_ok (nested);
  g_assert_cmpstr (kl_db_get_path (db), ==, nested);

  g_assert_cmpint (g_stat (nested, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);

  handle = kl_db_get_handle (db);
  g_assert_nonnull (handle);
  g_assert_cmpint (kl_db_schema_version (), >=, 1);
  g_assert_cmpint (pragma_int (handle, "PRAGMA user_version"), ==, kl_db_schema_version ());
  g_assert_cmpint (kl_db_get_schema_version (db, NULL), ==, kl_db_schema_version ());
  g_assert_cmpint (pragma_int (handle, "PRAGMA foreign_keys"), ==, 1);
  journal = pragma_text (handle, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");

  /* The schema is there, with its seeded rows. */
  g_assert_cmpint (kl_test_count (db, "SELECT count(*) FROM settings"), ==, 1);
  g_assert_cmpint (kl_test_count (db, "SELECT count(*) FROM scheme_version"), >=, 2);
  g_assert_cmpint (kl_test_count (db, "SELECT count(*) FROM client"), ==, 0);

  {
    g_autofree char *backup = kl_db_get_last_backup (db);

    g_assert_null (backup);
  }
}

/* The second open finds the schema current and migrates nothing: the
 * data stay and nothing is created twice. */
static void
test_reopen (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(KlDb) db = open_ok (fixture->path);
  g_autoptr(KlDb) again = NULL;
  g_autoptr(KlDb) third = NULL;
  g_autofree char *backup = NULL;
  gint64 n_schemes = kl_test_count (db, "SELECT count(*) FROM scheme_version");

  insert_client (db, "Tromsø kommune");
  g_clear_object (&db);

  again = open_ok (fixture->path);
  g_assert_cmpint (pragma_int (kl_db_get_handle (again), "PRAGMA user_version"), ==, kl_db_schema_version ());
  g_assert_cmpint (kl_test_count (again, "SELECT count(*) FROM client WHERE name = 'Tromsø kommune'"), ==, 1);
  g_assert_cmpint (kl_test_count (again, "SELECT count(*) FROM settings"), ==, 1);
  /* Seeded rows are not seeded twice. */
  g_assert_cmpint (kl_test_count (again, "SELECT count(*) FROM scheme_version"), ==, n_schemes);
  backup = kl_db_get_last_backup (again);
  g_assert_null (backup);

  /* Two connections at once work as well (the GUI and the CLI). */
  third = open_ok (fixture->path);
  g_assert_cmpint (kl_test_count (third, "SELECT count(*) FROM client"), ==, 1);
}

static void
test_default_path (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("KARTLESER_DB"));
  g_autofree char *path = NULL;
  g_autofree char *fallback = NULL;

  g_setenv ("KARTLESER_DB", "/somewhere/else.db", TRUE);
  path = kl_db_default_path ();
  g_assert_cmpstr (path, ==, "/somewhere/else.db");

  g_unsetenv ("KARTLESER_DB");
  fallback = kl_db_default_path ();
  g_assert_true (g_str_has_prefix (fallback, g_get_user_data_dir ()));
  g_assert_true (g_str_has_suffix (fallback, "kartleser.db"));

  if (saved != NULL)
    g_setenv ("KARTLESER_DB", saved, TRUE);
}

static void
test_garbage (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autofree char *junk = g_malloc (8192);
  g_autofree char *text = g_build_filename (fixture->dir, "notes.txt", NULL);

  for (guint i = 0; i < 8192; i++)
    junk[i] = (char) g_rand_int_range (rand, 0, 256);
  g_file_set_contents (fixture->path, junk, 8192, &error);
  g_assert_no_error (error);
  assert_refused_unchanged (fixture->path, KL_ERROR_DB_FOREIGN);

  /* The wrong file picked in a dialog: a short text. */
  g_file_set_contents (text, "Handleliste: melk, brød\n", -1, &error);
  g_assert_no_error (error);
  assert_refused_unchanged (text, KL_ERROR_DB_FOREIGN);

  /* An SQLite header whose page size no SQLite writes. */
  memcpy (junk, "SQLite format 3", 16);
  junk[16] = 0x03;
  junk[17] = 0x00;
  g_file_set_contents (fixture->path, junk, 8192, &error);
  g_assert_no_error (error);
  assert_refused_unchanged (fixture->path, KL_ERROR_DB_DAMAGED);
}

static void
test_too_new (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(KlDb) db = open_ok (fixture->path);
  g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d", kl_db_schema_version () + 98);

  insert_client (db, "Bodø kommune");
  g_clear_object (&db);
  sqlite_exec_file (fixture->path, pragma);

  assert_refused_unchanged (fixture->path, KL_ERROR_DB_TOO_NEW);
  /* Refused again the next time: it was not downgraded. */
  assert_refused_unchanged (fixture->path, KL_ERROR_DB_TOO_NEW);
}

static void
test_foreign (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *marked = g_build_filename (fixture->dir, "marked.db", NULL);
  g_autofree char *versioned = g_build_filename (fixture->dir, "versioned.db", NULL);

  sqlite_exec_file (fixture->path,
                    "CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT);"
                    "INSERT INTO recipes (title) VALUES ('Fårikål');");
  assert_refused_unchanged (fixture->path, KL_ERROR_DB_FOREIGN);

  /* Another program's mark, even on an empty file; another program's
   * numbered schema; and a WAL file, which a read-only look would have
   * left a -wal and -shm beside. */
  sqlite_exec_file (marked, "PRAGMA application_id = 1234");
  assert_refused_unchanged (marked, KL_ERROR_DB_FOREIGN);
  sqlite_exec_file (versioned, "PRAGMA journal_mode = WAL; CREATE TABLE t (x); PRAGMA user_version = 3");
  assert_refused_unchanged (versioned, KL_ERROR_DB_FOREIGN);
}

/* An empty file (left by a crash before the first migration) is a new
 * database, not a damaged one. */
static void
test_empty_file (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDb) db = NULL;

  g_file_set_contents (fixture->path, "", 0, &error);
  g_assert_no_error (error);
  db = open_ok (fixture->path);
  g_assert_cmpint (pragma_int (kl_db_get_handle (db), "PRAGMA user_version"), ==, kl_db_schema_version ());
  g_assert_cmpint (kl_test_count (db, "SELECT count(*) FROM settings"), ==, 1);
}

/* A process killed in the middle of a write: a child process that writes
 * and sends itself SIGKILL before committing or closing. */
static void
die_writing (const char *path,
             const char *sql)
{
  pid_t pid = fork ();
  int status = 0;

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      sqlite3 *handle = NULL;

      if (sqlite3_open (path, &handle) != SQLITE_OK
          || sqlite3_exec (handle, sql, NULL, NULL, NULL) != SQLITE_OK)
        _exit (1);
      kill (getpid (), SIGKILL);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
}

static void
fill_clients (KlDb *db,
              int   n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlTransaction) tx = kl_db_begin (db, &error);

  g_assert_no_error (error);
  for (int i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Skole %d", i);

      insert_client (db, name);
    }
  g_assert_true (kl_transaction_commit (tx, &error));
  g_assert_no_error (error);
}

/* A hot journal is rolled back, not reported as damage. */
static void
test_recover_hot_journal (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(KlDb) db = open_ok (fixture->path);
  g_autofree char *journal = g_strconcat (fixture->path, "-journal", NULL);

  fill_clients (db, 200);
  g_clear_object (&db);
  sqlite_exec_file (fixture->path, "PRAGMA journal_mode = DELETE");
  /* A small cache spills changed pages into the file before the commit. */
  /* (Not an UPDATE of client: its triggers write the audit trail, which
   * a connection without Kartleser's SQL functions cannot.) */
  die_writing (fixture->path, "PRAGMA cache_size = 2; BEGIN; "
                              "INSERT INTO staff (role_name) SELECT printf('%.2000c', 'x') || id FROM client; "
                              "DELETE FROM settings;");
  g_assert_true (g_file_test (journal, G_FILE_TEST_EXISTS));

  db = open_ok (fixture->path);
  g_assert_cmpint (kl_test_count (db, "SELECT count(*) FROM client WHERE notes IS NULL"), ==, 200);
  g_assert_cmpint (kl_test_count (db, "SELECT count(*) FROM staff"), ==, 0);
  g_assert_cmpint (kl_test_count (db, "SELECT count(*) FROM settings"), ==, 1);
  g_assert_cmpint (pragma_int (kl_db_get_handle (db), "PRAGMA user_version"), ==, kl_db_schema_version ());
  g_clear_object (&db);
  kl_test_assert_no_companions (fixture->path);
}

/* A WAL a killed process left: its committed transactions are kept, its
 * unfinished one is not, and nothing is left beside the file after. */
static void
test_recover_wal (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(KlDb) db = open_ok (fixture->path);
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);

  g_clear_object (&db);
  die_writing (fixture->path, "PRAGMA wal_autocheckpoint = 0; "
                              "INSERT INTO client (name, kind) VALUES ('Lagret', 'kommune'); "
                              "BEGIN; INSERT INTO client (name, kind) VALUES ('Halvveis', 'kommune');");
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  db = open_ok (fixture->path);
  g_assert_cmpint (kl_test_count (db, "SELECT count(*) FROM client WHERE name = 'Lagret'"), ==, 1);
  g_assert_cmpint (kl_test_count (db, "SELECT count(*) FROM client WHERE name = 'Halvveis'"), ==, 0);
  g_clear_object (&db);
  kl_test_assert_no_companions (fixture->path);
}

/* Creation cut short after SQLite made the file WAL, before the schema:
 * completed on the next open. */
static void
test_recover_creation (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(KlDb) db = NULL;

  die_writing (fixture->path, "PRAGMA journal_mode = WAL; BEGIN IMMEDIATE; CREATE TABLE settings (id);");
  db = open_ok (fixture->path);
  g_assert_cmpint (pragma_int (kl_db_get_handle (db), "PRAGMA user_version"), ==, kl_db_schema_version ());
  g_assert_cmpint (kl_test_count (db, "SELECT count(*) FROM settings"), ==, 1);
}

/* Copies a killed backup or restore left (NAME.part) go after a day;
 * younger ones, and other programs' .part files, stay. */
static void
test_stale_parts (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *backups = g_build_filename (fixture->dir, "backups", NULL);
  g_autofree char *old_upgrade = g_strconcat (fixture->path, ".v5-20260101T080000Z.bak.part", NULL);
  g_autofree char *old_daily = g_build_filename (backups, "kartleser-2026-01-01.db.part", NULL);
  g_autofree char *young_daily = g_build_filename (backups, "kartleser-2026-01-02.db.part", NULL);
  g_autofree char *download = g_build_filename (fixture->dir, "film.mkv.part", NULL);
  const char *const old[] = { old_upgrade, old_daily, download };
  gint64 two_days_ago = g_get_real_time () / G_USEC_PER_SEC - 2 * 24 * 3600;
  g_autoptr(KlDb) db = NULL;

  g_assert_cmpint (g_mkdir (backups, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (old); i++)
    {
      struct utimbuf times = { two_days_ago, two_days_ago };

      g_assert_true (g_file_set_contents (old[i], "part", -1, NULL));
      g_assert_cmpint (g_utime (old[i], &times), ==, 0);
    }
  g_assert_true (g_file_set_contents (young_daily, "part", -1, NULL));

  db = open_ok (fixture->path);
  g_assert_false (g_file_test (old_upgrade, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (old_daily, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (young_daily, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (download, G_FILE_TEST_EXISTS));
}

/* Root writes whatever the mode says: the test drops to nobody. */
static void
become_unprivileged (void)
{
  if (geteuid () != 0)
    return;
  if (setgid (65534) != 0 || setuid (65534) != 0)
    g_error ("cannot drop to nobody");
}

static void
read_only_child (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "kartleser.db", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDb) db = NULL;
  sqlite3 *handle = NULL;
  GStatBuf st;

  become_unprivileged ();
  db = open_ok (path);
  insert_client (db, "Før skrivebeskyttelsen");
  g_clear_object (&db);
  g_assert_cmpint (g_chmod (path, 0400), ==, 0);

  /* Opened read-only, said so, and read as usual. */
  db = open_ok (path);
  g_assert_true (kl_db_is_read_only (db));
  g_assert_cmpint (kl_test_count (db, "SELECT count(*) FROM client"), ==, 1);
  g_assert_null (kl_db_begin (db, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_DB_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_clear_error (&error);
  g_assert_false (kl_db_exec (db, &error, "INSERT INTO client (name, kind) VALUES ('Ny', 'skole')", NULL));
  g_assert_error (error, KL_ERROR, KL_ERROR_DB_READ_ONLY);
  g_clear_error (&error);
  g_clear_object (&db);
  kl_test_assert_no_companions (path);

  /* What an older Kartleser left: a -shm as read-only as the file was,
   * which blocked every write once the file was writable again. */
  g_assert_cmpint (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "SELECT count(*) FROM client", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);
  g_assert_cmpint (g_stat (shm, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0400);
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  db = open_ok (path);
  g_assert_false (kl_db_is_read_only (db));
  insert_client (db, "Etter skrivebeskyttelsen");
  g_clear_object (&db);
  kl_test_assert_no_companions (path);
}

static void
test_read_only (void)
{
  g_autofree char *dir = NULL;

  if (g_test_subprocess ())
    {
      read_only_child (g_getenv ("KL_TEST_READ_ONLY_DIR"));
      return;
    }
  /* A folder nobody may write in, as the user's own data folder is. */
  dir = kl_test_make_dir ("test-db-read-only");
  g_assert_cmpint (g_chmod (dir, 0777), ==, 0);
  g_setenv ("KL_TEST_READ_ONLY_DIR", dir, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  kl_test_remove_dir (dir);
  g_test_trap_assert_passed ();
}

static void
test_damaged_page (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDb) db = open_ok (fixture->path);
  g_autoptr(KlTransaction) tx = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *notes = g_strnfill (300, 'x');
  g_autofree char *contents = NULL;
  gsize length = 0;
  gsize page;

  tx = kl_db_begin (db, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 3000; i++)
    {
      g_autofree char *name = g_strdup_printf ("Skole nummer %d", i);

      g_assert_true (kl_db_exec (db, &error, "INSERT INTO client (name, kind, notes) VALUES (?1, 'skole', ?2)",
                                 "tt", name, notes));
      g_assert_no_error (error);
    }
  g_assert_true (kl_transaction_commit (tx, &error));
  g_assert_no_error (error);
  g_clear_pointer (&tx, kl_transaction_free);
  g_clear_object (&db);
  /* Closed cleanly, everything is in the main file. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  g_file_get_contents (fixture->path, &contents, &length, &error);
  g_assert_no_error (error);
  /* The page size is in the header, big-endian at offset 16. */
  g_assert_cmpuint (length, >, 100);
  page = ((guchar) contents[16] << 8) | (guchar) contents[17];
  if (page == 1)
    page = 65536;
  g_assert_cmpuint (length, >, 40 * page);
  /* Two whole pages in the middle, as a bad disk block would leave them. */
  memset (contents + (length / page / 2) * page, 0xa5, 2 * page);
  g_file_set_contents (fixture->path, contents, length, &error);
  g_assert_no_error (error);

  /* Opening reads the header and the schema only: it succeeds. The full
   * check finds the damage, and from then on nothing is written. */
  {
    g_autoptr(GBytes) before = read_bytes (fixture->path);
    g_autoptr(GBytes) after = NULL;

    db = open_ok (fixture->path);
    g_assert_true (kl_db_check_due (db));
    g_assert_null (kl_db_get_damage (db));
    g_assert_false (kl_db_check (db, NULL, &error));
    g_assert_error (error, KL_ERROR, KL_ERROR_DB_DAMAGED);
    g_assert_nonnull (strstr (error->message, fixture->path));
    g_clear_error (&error);
    g_assert_nonnull (kl_db_get_damage (db));

    tx = kl_db_begin (db, &error);
    g_assert_null (tx);
    g_assert_error (error, KL_ERROR, KL_ERROR_DB_DAMAGED);
    g_assert_nonnull (strstr (error->message, "kartleser-cli check"));
    g_clear_error (&error);
    /* A write outside a transaction is stopped by the connection. */
    g_assert_false (kl_db_exec (db, &error, "INSERT INTO client (name, kind) VALUES ('Ny', 'skole')", NULL));
    g_assert_error (error, KL_ERROR, KL_ERROR_DB_DAMAGED);
    g_clear_error (&error);
    g_clear_object (&db);

    /* The next run refuses writes too, and checks again at once. */
    db = open_ok (fixture->path);
    g_assert_nonnull (kl_db_get_damage (db));
    g_assert_true (kl_db_check_due (db));
    tx = kl_db_begin (db, &error);
    g_assert_null (tx);
    g_assert_error (error, KL_ERROR, KL_ERROR_DB_DAMAGED);
    g_clear_error (&error);
    g_clear_object (&db);

    after = read_bytes (fixture->path);
    g_assert_true (g_bytes_equal (before, after));
  }
}

/* A check that finds the file clean lifts a refusal an earlier one made
 * (a bad cable, a file put back by hand); otherwise the check runs once a
 * day by Kartleser's clock. */
static void
test_check_clean (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDb) db = open_ok (fixture->path);
  g_autoptr(KlDb) other = NULL;
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.db", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  insert_client (db, "Bodø kommune");
  g_setenv ("KARTLESER_NOW", "2026-03-02T09:00", TRUE);
  g_assert_true (kl_db_check_due (db));
  g_assert_true (kl_db_check (db, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (kl_db_check_due (db));
  g_setenv ("KARTLESER_NOW", "2026-03-03T08:00", TRUE);
  g_assert_true (kl_db_check_due (db));

  /* Damage found in a copy, then the copy replaced by a good file. */
  g_clear_object (&db);
  g_file_get_contents (fixture->path, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (copy, contents, (gssize) length, &error);
  g_assert_no_error (error);
  {
    g_autofree char *bad = g_memdup2 (contents, length);
    sqlite3 *handle = NULL;
    gint64 root;

    /* The client table's one page: opening never reads it, the check does. */
    g_assert_cmpint (sqlite3_open_v2 (copy, &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    root = pragma_int (handle, "SELECT rootpage FROM sqlite_schema WHERE name = 'client'");
    sqlite3_close (handle);
    g_assert_cmpint ((root - 1) * 4096 + 4096, <=, length);
    memset (bad + (root - 1) * 4096, 0x33, 4096);
    g_file_set_contents (copy, bad, (gssize) length, &error);
    g_assert_no_error (error);
  }
  other = open_ok (copy);
  g_assert_false (kl_db_check (other, NULL, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_DB_DAMAGED);
  g_clear_error (&error);
  g_clear_object (&other);
  g_file_set_contents (copy, contents, (gssize) length, &error);
  g_assert_no_error (error);

  other = open_ok (copy);
  g_assert_nonnull (kl_db_get_damage (other));
  g_assert_true (kl_db_check (other, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (kl_db_get_damage (other));
  insert_client (other, "Etter sjekken");
  g_clear_object (&other);
  other = open_ok (copy);
  g_assert_null (kl_db_get_damage (other));
  g_unsetenv ("KARTLESER_NOW");
}

static void
on_checked_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  GError **error = data;

  kl_db_check_finish (KL_DB (source), result, error);
  if (*error == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NONE, "clean");
}

/* In a worker thread, while the connection stays in use. */
static void
test_check_async (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDb) db = open_ok (fixture->path);

  kl_db_check_async (db, NULL, on_checked_cb, &error);
  insert_client (db, "Mens sjekken går");
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NONE);
  g_assert_null (kl_db_get_damage (db));
  g_assert_cmpint (kl_test_count (db, "SELECT count(*) FROM client"), ==, 1);
}

static void
test_backup (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDb) db = open_ok (fixture->path);
  g_autoptr(KlDb) copy = NULL;
  g_autofree char *dest = g_build_filename (fixture->dir, "backup.db", NULL);
  g_autofree char *part = g_strconcat (dest, ".part", NULL);
  GStatBuf st;

  for (int i = 0; i < 25; i++)
    {
      g_autofree char *name = g_strdup_printf ("Kommune %d", i);

      insert_client (db, name);
    }
  g_assert_true (kl_db_exec (db, &error,
                             "INSERT INTO programme (client_id, title, start_date, end_date) "
                             "VALUES (1, 'LED SKOLE', '2024-01-01', '2024-12-31')", NULL));
  g_assert_no_error (error);

  g_assert_true (kl_db_backup_to (db, dest, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_stat (dest, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* A later change in the original is not in the copy. */
  insert_client (db, "Etter kopien");

  copy = open_ok (dest);
  g_assert_cmpint (kl_test_count (copy, "SELECT count(*) FROM client"), ==, 25);
  g_assert_cmpint (kl_test_count (copy, "SELECT count(*) FROM programme"), ==, 1);
  g_assert_cmpint (kl_test_count (copy, "SELECT count(*) FROM scheme_version"), ==,
                   kl_test_count (db, "SELECT count(*) FROM scheme_version"));
  g_assert_cmpint (kl_test_count (db, "SELECT count(*) FROM client"), ==, 26);
  g_assert_cmpint (pragma_int (kl_db_get_handle (copy), "PRAGMA user_version"), ==, kl_db_schema_version ());

  /* Backing up over an old backup replaces it. */
  g_clear_object (&copy);
  g_assert_true (kl_db_backup_to (db, dest, &error));
  g_assert_no_error (error);
  copy = open_ok (dest);
  g_assert_cmpint (kl_test_count (copy, "SELECT count(*) FROM client"), ==, 26);
}

static void
test_transaction_commit_and_drop (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDb) db = open_ok (fixture->path);

  {
    g_autoptr(KlTransaction) tx = kl_db_begin (db, &error);

    g_assert_no_error (error);
    insert_client (db, "Forkastet");
    g_assert_cmpint (kl_test_count (db, "SELECT count(*) FROM client"), ==, 1);
    /* Dropped without commit. */
  }
  g_assert_cmpint (kl_test_count (db, "SELECT count(*) FROM client"), ==, 0);

  {
    g_autoptr(KlTransaction) tx = kl_db_begin (db, &error);

    g_assert_no_error (error);
    insert_client (db, "Beholdt");
    g_assert_true (kl_transaction_commit (tx, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (kl_test_count (db, "SELECT count(*) FROM client"), ==, 1);

  /* After both, the connection is out of any transaction: a new one can
   * begin, and what it commits is seen by another connection. */
  {
    g_autoptr(KlTransaction) tx = kl_db_begin (db, &error);
    g_autoptr(KlDb) other = NULL;

    g_assert_no_error (error);
    insert_client (db, "Nummer to");
    g_assert_true (kl_transaction_commit (tx, &error));
    g_assert_no_error (error);
    other = open_ok (fixture->path);
    g_assert_cmpint (kl_test_count (other, "SELECT count(*) FROM client"), ==, 2);
  }
}

/* kl_db_at_commit: what ran, in order, as a string. */
static void
note_ran (KlDb     *db,
          gpointer  data)
{
  GString *ran = g_object_get_data (G_OBJECT (db), "ran");

  g_string_append (ran, data);
}

static void
free_string (GString *string)
{
  g_string_free (string, TRUE);
}

static void
at_commit (KlDb       *db,
           const char *what)
{
  kl_db_at_commit (db, note_ran, g_strdup (what), g_free);
}

static void
test_transaction_nested (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDb) db = open_ok (fixture->path);
  g_autoptr(KlTransaction) outer = kl_db_begin (db, &error);

  g_assert_no_error (error);
  insert_client (db, "Ytre");
  {
    g_autoptr(KlTransaction) inner = kl_db_begin (db, &error);

    g_assert_no_error (error);
    insert_client (db, "Indre, forkastet");
    g_assert_cmpint (kl_test_count (db, "SELECT count(*) FROM client"), ==, 2);
  }
  /* The inner one is gone, the outer one's work is not. */
  g_assert_cmpint (kl_test_count (db, "SELECT count(*) FROM client"), ==, 1);
  {
    g_autoptr(KlTransaction) inner = kl_db_begin (db, &error);

    g_assert_no_error (error);
    insert_client (db, "Indre, beholdt");
    g_assert_true (kl_transaction_commit (inner, &error));
    g_assert_no_error (error);
  }
  g_assert_true (kl_transaction_commit (outer, &error));
  g_assert_no_error (error);
  g_clear_pointer (&outer, kl_transaction_free);

  g_assert_cmpint (kl_test_count (db, "SELECT count(*) FROM client"), ==, 2);
  g_assert_cmpint (kl_test_count (db, "SELECT count(*) FROM client WHERE name = 'Indre, forkastet'"), ==, 0);

  /* An outer rollback takes a committed inner one with it. */
  outer = kl_db_begin (db, &error);
  g_assert_no_error (error);
  {
    g_autoptr(KlTransaction) inner = kl_db_begin (db, &error);

    g_assert_no_error (error);
    insert_client (db, "Indre i forkastet ytre");
    g_assert_true (kl_transaction_commit (inner, &error));
    g_assert_no_error (error);
  }
  g_clear_pointer (&outer, kl_transaction_free);
  g_assert_cmpint (kl_test_count (db, "SELECT count(*) FROM client"), ==, 2);

  /* What is to happen at commit happens at the outermost commit, in
   * order, and not for a part rolled back: here a, c and d, not b. */
  {
    GString *ran = g_string_new (NULL);

    g_object_set_data_full (G_OBJECT (db), "ran", ran, (GDestroyNotify) free_string);
    outer = kl_db_begin (db, &error);
    g_assert_no_error (error);
    at_commit (db, "a");
    {
      g_autoptr(KlTransaction) inner = kl_db_begin (db, &error);

      g_assert_no_error (error);
      at_commit (db, "b");
    }
    {
      g_autoptr(KlTransaction) inner = kl_db_begin (db, &error);

      g_assert_no_error (error);
      at_commit (db, "c");
      g_assert_true (kl_transaction_commit (inner, &error));
    }
    at_commit (db, "d");
    g_assert_cmpstr (ran->str, ==, "");
    g_assert_true (kl_transaction_commit (outer, &error));
    g_assert_no_error (error);
    g_clear_pointer (&outer, kl_transaction_free);
    g_assert_cmpstr (ran->str, ==, "acd");

    /* A rolled back outer one runs nothing; outside any, at once. */
    g_string_truncate (ran, 0);
    outer = kl_db_begin (db, &error);
    at_commit (db, "e");
    g_clear_pointer (&outer, kl_transaction_free);
    g_assert_cmpstr (ran->str, ==, "");
    at_commit (db, "f");
    g_assert_cmpstr (ran->str, ==, "f");
  }
}

/* The database itself holds the line when code does not. */
static void
test_constraints (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDb) db = open_ok (fixture->path);

  g_assert_false (kl_db_exec (db, &error,
                              "INSERT INTO programme (client_id, title, start_date, end_date) "
                              "VALUES (999, 'Ingen kunde', '2024-01-01', '2024-12-31')", NULL));
  g_assert_error (error, KL_ERROR, KL_ERROR_DB);
  g_clear_error (&error);

  g_assert_false (kl_db_exec (db, &error, "INSERT INTO client (name, kind) VALUES ('Bank', 'bank')", NULL));
  g_assert_error (error, KL_ERROR, KL_ERROR_DB);
  g_clear_error (&error);

  g_assert_cmpint (kl_test_count (db, "SELECT count(*) FROM client"), ==, 0);
  g_assert_cmpint (kl_test_count (db, "SELECT count(*) FROM programme"), ==, 0);
}

/* What the binding letters promise: "" and 0 and KL_NO_AMOUNT are NULL. */
static void
test_bindings (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDb) db = open_ok (fixture->path);
  g_autoptr(KlStmt) stmt = NULL;
  g_autofree char *text = NULL;
  g_autofree char *empty = NULL;

  stmt = kl_db_query (db, &error, "SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 IS NULL", "ttrraani",
                      "Tromsø", "", (gint64) 0, (gint64) 7, KL_NO_AMOUNT, (gint64) 0,
                      42, (gint64) 0);
  g_assert_no_error (error);
  g_assert_true (kl_stmt_next (stmt, &error));
  g_assert_no_error (error);
  text = kl_stmt_text (stmt, 0);
  g_assert_cmpstr (text, ==, "Tromsø");
  empty = kl_stmt_text (stmt, 1);
  g_assert_null (empty);
  g_assert_true (kl_stmt_is_null (stmt, 2));
  g_assert_cmpint (kl_stmt_int (stmt, 3), ==, 7);
  g_assert_cmpint (kl_stmt_amount (stmt, 4), ==, KL_NO_AMOUNT);
  /* Zero øre is an amount, not a missing one. */
  g_assert_cmpint (kl_stmt_amount (stmt, 5), ==, 0);
  g_assert_cmpint (kl_stmt_int (stmt, 6), ==, 42);
  g_assert_cmpint (kl_stmt_int (stmt, 7), ==, 0);
  g_assert_false (kl_stmt_next (stmt, &error));
  g_assert_no_error (error);

  /* A cached statement is reset and bound afresh on its next use. */
  g_clear_pointer (&stmt, kl_stmt_release);
  stmt = kl_db_query (db, &error, "SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 IS NULL", "ttrraani",
                      "Bodø", "x", (gint64) 3, (gint64) 0, (gint64) 100, (gint64) 0, 1, (gint64) 0);
  g_assert_no_error (error);
  g_assert_true (kl_stmt_next (stmt, &error));
  g_clear_pointer (&text, g_free);
  text = kl_stmt_text (stmt, 0);
  g_assert_cmpstr (text, ==, "Bodø");
  g_assert_cmpint (kl_stmt_int (stmt, 2), ==, 3);
  g_assert_cmpint (kl_stmt_amount (stmt, 4), ==, 100);
}

static void
test_last_id (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(KlDb) db = open_ok (fixture->path);

  insert_client (db, "En");
  g_assert_cmpint (kl_db_last_id (db), ==, 1);
  insert_client (db, "To");
  g_assert_cmpint (kl_db_last_id (db), ==, 2);
}

/* Schema 13 gives the search index prefix indexes: a file of schema 12
 * (its index as 0001 made it) is upgraded with every row of its index,
 * and finds what it found, by a word's first letter too; new rows are
 * indexed by the same triggers as before. */
static void
test_search_prefix_upgrade (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) by_letter = NULL;
  g_autoptr(GPtrArray) by_word = NULL;
  g_autoptr(GPtrArray) added = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *check = NULL;
  KlDb *db = open_ok (fixture->path);

  insert_client (db, "Hamar kommune");
  insert_client (db, "Halden kommune");
  insert_client (db, "Bergen kommune");
  g_object_unref (db);

  /* Back to schema 12: the index without prefix indexes, and its rows. */
  sqlite_exec_file (fixture->path,
                    "CREATE TEMP TABLE kept AS SELECT rowid AS id, title, body FROM search;"
                    "DROP TABLE search;"
                    "CREATE VIRTUAL TABLE search USING fts5 (title, body, tokenize = 'unicode61 remove_diacritics 2');"
                    "INSERT INTO search (rowid, title, body) SELECT id, title, body FROM kept;"
                    "PRAGMA user_version = 12;");
  {
    sqlite3 *handle = NULL;

    g_assert_cmpint (sqlite3_open (fixture->path, &handle), ==, SQLITE_OK);
    sql = pragma_text (handle, "SELECT sql FROM sqlite_master WHERE name = 'search'");
    g_assert_null (strstr (sql, "prefix"));
    g_assert_cmpint (pragma_int (handle, "SELECT count(*) FROM search"), ==, 3);
    sqlite3_close (handle);
  }

  db = open_ok (fixture->path);
  g_assert_cmpint (pragma_int (kl_db_get_handle (db), "PRAGMA user_version"), ==, kl_db_schema_version ());
  g_clear_pointer (&sql, g_free);
  sql = pragma_text (kl_db_get_handle (db), "SELECT sql FROM sqlite_master WHERE name = 'search'");
  g_assert_nonnull (strstr (sql, "prefix = '1 2'"));
  g_assert_cmpint (pragma_int (kl_db_get_handle (db), "SELECT count(*) FROM search"), ==, 3);
  check = pragma_text (kl_db_get_handle (db), "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");

  by_letter = kl_store_search (db, "h", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (by_letter->len, ==, 2);
  by_word = kl_store_search (db, "bergen", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (by_word->len, ==, 1);
  g_assert_cmpstr (((KlSearchHit *) g_ptr_array_index (by_word, 0))->title, ==, "Bergen kommune");

  insert_client (db, "Hammerfest kommune");
  added = kl_store_search (db, "ha", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (added->len, ==, 3);
  g_object_unref (db);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, kl_test_file_fixture_set_up, func, kl_test_file_fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/db/create", test_create);
  ADD ("/db/reopen", test_reopen);
  g_test_add_func ("/db/default-path", test_default_path);
  ADD ("/db/refuse/garbage", test_garbage);
  ADD ("/db/refuse/too-new", test_too_new);
  ADD ("/db/refuse/foreign", test_foreign);
  ADD ("/db/refuse/damaged-page", test_damaged_page);
  ADD ("/db/check/clean", test_check_clean);
  ADD ("/db/check/async", test_check_async);
  ADD ("/db/empty-file", test_empty_file);
  ADD ("/db/recover/hot-journal", test_recover_hot_journal);
  ADD ("/db/recover/wal", test_recover_wal);
  ADD ("/db/recover/creation", test_recover_creation);
  ADD ("/db/stale-parts", test_stale_parts);
  g_test_add_func ("/db/read-only", test_read_only);
  ADD ("/db/backup", test_backup);
  ADD ("/db/transaction/commit-and-drop", test_transaction_commit_and_drop);
  ADD ("/db/transaction/nested", test_transaction_nested);
  ADD ("/db/constraints", test_constraints);
  ADD ("/db/bindings", test_bindings);
  ADD ("/db/last-id", test_last_id);
  ADD ("/db/upgrade/search-prefix", test_search_prefix_upgrade);

  return g_test_run ();
}
