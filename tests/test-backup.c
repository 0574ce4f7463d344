/* Backup and restore: a consistent copy while another connection writes,
 * a restore that brings back every row, refusals that leave the database
 * alone, and the daily copies. */

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <utime.h>

#include "kl-backup.h"
#include "kl-demo.h"
#include "kl-error.h"
#include "kl-store.h"
#include "kl-test-store.h"
#include "kl-test-util.h"

typedef struct
{
  char *dir;
  char *path;
  KlDb *db;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = kl_test_make_dir ("test-backup");
  /* Backups are of files: a file whatever the backend. */
  fixture->path = g_build_filename (fixture->dir, "kartleser.db", NULL);
  fixture->db = kl_db_open (fixture->path, &error);
  g_assert_no_error (error);
  kl_test_fill_demo (fixture->db, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kl_test_close_db (&fixture->db, &fixture->dir);
  g_free (fixture->path);
}

static char *
in_dir (Fixture    *fixture,
        const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static void
append_value (GString      *row,
              sqlite3_stmt *stmt,
              int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    g_string_append (row, "NULL|");
  else if (sqlite3_column_type (stmt, column) == SQLITE_BLOB)
    {
      const guchar *bytes = sqlite3_column_blob (stmt, column);

      for (int i = 0; i < sqlite3_column_bytes (stmt, column); i++)
        g_string_append_printf (row, "%02x", bytes[i]);
      g_string_append_c (row, '|');
    }
  else
    g_string_append_printf (row, "%s|", (const char *) sqlite3_column_text (stmt, column));
}

/* g_ptr_array_sort () passes pointers to the elements. */
static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* Equal dumps, or the first line where they part. */
static void
assert_same_rows (const char *actual,
                  const char *expected)
{
  gsize i = 0;
  gsize line = 0;

  while (actual[i] != '\0' && actual[i] == expected[i])
    {
      if (actual[i] == '\n')
        line = i + 1;
      i++;
    }
  if (actual[i] != expected[i])
    {
      g_autofree char *a = g_strndup (actual + line, 200);
      g_autofree char *e = g_strndup (expected + line, 200);

      g_error ("rows differ at\n  %s\nexpected\n  %s", a, e);
    }
}

/* Every row of every table, as text, table by table in a fixed order. */
static char *
dump (const char *path)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_%' ORDER BY name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_assert_cmpuint (tables->len, >, 10);

  for (guint t = 0; t < tables->len; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", (char *) g_ptr_array_index (tables, t));
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);

      g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          GString *row = g_string_new (NULL);

          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            append_value (row, stmt, c);
          g_ptr_array_add (rows, g_string_free (row, FALSE));
        }
      sqlite3_finalize (stmt);
      g_ptr_array_sort (rows, compare_strings);
      g_string_append_printf (out, "[%s] %u rows\n", (char *) g_ptr_array_index (tables, t), rows->len);
      for (guint r = 0; r < rows->len; r++)
        g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (rows, r));
    }
  sqlite3_close (handle);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
exec_on (const char *path,
         const char *sql)
{
  sqlite3 *handle = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (listing != NULL && g_dir_read_name (listing) != NULL)
    n++;
  return n;
}

/* A second connection, as another window or kartleser-cli would be: each
 * transaction adds a client and a consultant together. */
typedef struct
{
  const char *path;
  gint stop;
  gint written;
} Writer;

static gpointer
writer_thread (gpointer data)
{
  Writer *writer = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDb) db = kl_db_open (writer->path, &error);

  g_assert_no_error (error);
  for (int i = 0; !g_atomic_int_get (&writer->stop) || i < 50; i++)
    {
      g_autoptr(KlTransaction) tx = kl_db_begin (db, &error);
      g_autoptr(KlClient) client = kl_client_new ();
      g_autoptr(KlConsultant) consultant = kl_consultant_new ();

      g_assert_no_error (error);
      client->name = g_strdup_printf ("Writer %d", i);
      client->kind = g_strdup ("skole");
      consultant->name = g_strdup_printf ("Writer %d", i);
      g_assert_true (kl_store_insert_client (db, client, &error));
      g_assert_true (kl_store_insert_consultant (db, consultant, &error));
      g_assert_true (kl_transaction_commit (tx, &error));
      g_assert_no_error (error);
      g_atomic_int_inc (&writer->written);
    }
  return NULL;
}

static void
test_backup_while_writing_then_restore (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = in_dir (fixture, "copy.db");
  g_autofree char *wal = g_strconcat (backup, "-wal", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *kept_dump = NULL;
  g_autofree char *before = NULL;
  Writer writer = { fixture->path, 0, 0 };
  GThread *thread;
  GStatBuf st;
  int clients, consultants;
  int written;

  thread = g_thread_new ("writer", writer_thread, &writer);
  while (g_atomic_int_get (&writer.written) < 5)
    g_usleep (1000);
  for (int i = 0; i < 5; i++)
    {
      g_assert_true (kl_backup_write (fixture->path, backup, &error));
      g_assert_no_error (error);
    }
  written = g_atomic_int_get (&writer.written);
  g_atomic_int_set (&writer.stop, 1);
  g_thread_join (thread);

  /* A snapshot between transactions, never half of one. */
  clients = kl_test_sqlite_int (backup, "SELECT count(*) FROM client WHERE name LIKE 'Writer %'");
  consultants = kl_test_sqlite_int (backup, "SELECT count(*) FROM consultant WHERE name LIKE 'Writer %'");
  g_assert_cmpint (clients, ==, consultants);
  g_assert_cmpint (clients, >=, 5);
  g_assert_cmpint (clients, <=, written);
  g_assert_true (kl_backup_check (backup, NULL, &error));
  g_assert_no_error (error);
  /* Private and whole: one file, no -wal beside it, owner only. */
  g_assert_cmpint (g_stat (backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* The writer went on past the snapshot: the restore takes it back. */
  before = dump (fixture->path);
  g_assert_cmpint (kl_test_sqlite_int (fixture->path, "SELECT count(*) FROM client WHERE name LIKE 'Writer %'"), >,
                   clients);
  expected = dump (backup);
  g_assert_true (kl_backup_restore (fixture->path, backup, &kept, &error));
  g_assert_no_error (error);
  restored = dump (fixture->path);
  assert_same_rows (restored, expected);

  /* The application's own connection, open all along, sees it too. */
  {
    g_autoptr(GPtrArray) list = kl_store_list_consultants (fixture->db, &error);

    g_assert_no_error (error);
    g_assert_cmpint ((int) list->len, ==, kl_test_sqlite_int (backup, "SELECT count(*) FROM consultant"));
  }

  /* And what was replaced is kept, row for row. */
  g_assert_nonnull (kept);
  g_assert_true (g_str_has_prefix (kept, fixture->dir));
  kept_dump = dump (kept);
  assert_same_rows (kept_dump, before);
}

static void
assert_refused (Fixture    *fixture,
                const char *candidate,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (fixture->path);
  g_autofree char *after = NULL;
  g_autofree char *backups = kl_backup_dir (fixture->path);
  char *kept = NULL;

  g_assert_false (kl_backup_restore (fixture->path, candidate, &kept, &error));
  g_assert_error (error, KL_ERROR, code);
  g_assert_null (kept);
  after = dump (fixture->path);
  assert_same_rows (after, before);
  /* Refused before anything was done: not even a kept copy. */
  g_assert_cmpuint (count_files (backups), ==, 0);
}

static void
test_restore_refuses (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *good = in_dir (fixture, "good.db");
  g_autofree char *damaged = in_dir (fixture, "damaged.db");
  g_autofree char *too_new = in_dir (fixture, "too-new.db");
  g_autofree char *text = in_dir (fixture, "notes.txt");
  g_autofree char *foreign = in_dir (fixture, "foreign.db");
  g_autofree char *missing = in_dir (fixture, "missing.db");
  g_autofree char *sql = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (kl_backup_write (fixture->path, good, &error));
  g_assert_no_error (error);
  g_assert_false (kl_backup_write (fixture->path, fixture->path, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  /* Pages in the middle overwritten: the header still reads well. */
  g_assert_true (g_file_get_contents (good, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4096 * 12);
  memset (contents + 4096 * 6, 0x5a, 4096 * 4);
  g_assert_true (g_file_set_contents (damaged, contents, (gssize) length, NULL));
  assert_refused (fixture, damaged, KL_ERROR_DB_DAMAGED);

  g_assert_true (kl_backup_write (fixture->path, too_new, &error));
  sql = g_strdup_printf ("PRAGMA user_version = %d", kl_db_schema_version () + 1);
  exec_on (too_new, sql);
  assert_refused (fixture, too_new, KL_ERROR_DB_TOO_NEW);

  g_assert_true (g_file_set_contents (text, "Not a database at all, just some notes.\n", -1, NULL));
  assert_refused (fixture, text, KL_ERROR_INVALID_FILE);
  exec_on (foreign, "CREATE TABLE t (x); PRAGMA user_version = 1");
  assert_refused (fixture, foreign, KL_ERROR_INVALID_FILE);
  assert_refused (fixture, missing, KL_ERROR_NOT_FOUND);
  assert_refused (fixture, fixture->path, KL_ERROR_INVALID_FILE);
}

/* A database SQLite cannot read any more is replaced whole, and kept. */
static void
test_restore_over_damaged (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *good = in_dir (fixture, "good.db");
  g_autofree char *expected = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *kept_contents = NULL;

  g_assert_true (kl_backup_write (fixture->path, good, &error));
  g_clear_object (&fixture->db);
  g_assert_true (g_file_set_contents (fixture->path, "garbage garbage garbage", -1, NULL));
  g_assert_null (kl_db_open (fixture->path, &error));
  g_clear_error (&error);

  expected = dump (good);
  g_assert_true (kl_backup_restore (fixture->path, good, &kept, &error));
  g_assert_no_error (error);
  restored = dump (fixture->path);
  assert_same_rows (restored, expected);
  g_assert_true (g_file_get_contents (kept, &kept_contents, NULL, NULL));
  g_assert_cmpstr (kept_contents, ==, "garbage garbage garbage");

  fixture->db = kl_db_open (fixture->path, &error);
  g_assert_no_error (error);
}

static char *
make_copy (const char *dir,
           const char *name,
           GDateTime  *written)
{
  char *path = g_build_filename (dir, name, NULL);
  struct utimbuf times;

  g_assert_true (g_file_set_contents (path, "copy", 4, NULL));
  times.actime = times.modtime = (time_t) g_date_time_to_unix (written);
  g_assert_cmpint (g_utime (path, &times), ==, 0);
  return path;
}

/* Copies kept before a restore or an upgrade may hold personal data since
 * corrected or anonymised: the daily clean-up removes those older than 90
 * days, and keeps the younger ones. */
static void
test_daily_prunes_old_copies (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = kl_backup_dir (fixture->path);
  g_autofree char *beside = g_path_get_dirname (fixture->path);
  g_autofree char *base = g_path_get_basename (fixture->path);
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 12, 2, 8, 0, 0);
  g_autoptr(GDateTime) old = g_date_time_add_days (now, -91);
  g_autoptr(GDateTime) young = g_date_time_add_days (now, -89);
  g_autofree char *old_restore = NULL;
  g_autofree char *young_restore = NULL;
  g_autofree char *old_upgrade_name = g_strdup_printf ("%s.v5-20260801T080000Z.bak", base);
  g_autofree char *young_upgrade_name = g_strdup_printf ("%s.v6-20261001T080000Z.bak", base);
  g_autofree char *old_upgrade = NULL;
  g_autofree char *young_upgrade = NULL;
  g_autofree char *unrelated = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  old_restore = make_copy (dir, "kartleser-before-restore-20260801T080000Z.db", old);
  young_restore = make_copy (dir, "kartleser-before-restore-20261001T080000Z.db", young);
  old_upgrade = make_copy (beside, old_upgrade_name, old);
  young_upgrade = make_copy (beside, young_upgrade_name, young);
  unrelated = make_copy (beside, "notes.bak", old);

  g_assert_true (kl_backup_daily (fixture->path, now, KL_BACKUP_KEEP_DAILY, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (old_restore, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (old_upgrade, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (young_restore, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (young_upgrade, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (unrelated, G_FILE_TEST_EXISTS));
}

/* A damaged database is not copied (a daily backup would push a good one
 * out), and from then on refuses writes; restoring a good backup lifts
 * that. */
static void
test_backup_refuses_damaged (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlTransaction) tx = NULL;
  g_autofree char *good = in_dir (fixture, "good.db");
  g_autofree char *copy = in_dir (fixture, "copy.db");
  g_autofree char *part = g_strconcat (copy, ".part", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  int root;

  g_assert_true (kl_backup_write (fixture->path, good, &error));
  g_assert_no_error (error);
  g_clear_object (&fixture->db);

  /* The participants' first page overwritten, as a bad block would. */
  root = kl_test_sqlite_int (fixture->path, "SELECT rootpage FROM sqlite_schema WHERE name = 'participant'");
  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));
  g_assert_cmpuint ((gsize) root * 4096, <=, length);
  memset (contents + (gsize) (root - 1) * 4096, 0x5a, 4096);
  g_assert_true (g_file_set_contents (fixture->path, contents, (gssize) length, NULL));

  g_assert_false (kl_backup_write (fixture->path, copy, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_DB_DAMAGED);
  g_assert_nonnull (strstr (error->message, "no backup was made"));
  g_clear_error (&error);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));

  fixture->db = kl_db_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kl_db_get_damage (fixture->db));
  tx = kl_db_begin (fixture->db, &error);
  g_assert_null (tx);
  g_assert_error (error, KL_ERROR, KL_ERROR_DB_DAMAGED);
  g_clear_error (&error);
  g_clear_object (&fixture->db);

  g_assert_true (kl_backup_restore (fixture->path, good, NULL, &error));
  g_assert_no_error (error);
  fixture->db = kl_db_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_null (kl_db_get_damage (fixture->db));
  tx = kl_db_begin (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tx);
}

static void
test_daily_keeps_seven (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = kl_backup_dir (fixture->path);
  g_autofree char *other = NULL;
  g_autofree char *oldest_kept = NULL;
  g_autofree char *dropped = NULL;

  for (int day = 1; day <= 10; day++)
    {
      g_autoptr(GDateTime) now = g_date_time_new_local (2026, 3, day, 8, 0, 0);
      g_autofree char *made = NULL;
      g_autofree char *again = NULL;

      g_assert_true (kl_backup_daily (fixture->path, now, KL_BACKUP_KEEP_DAILY, &made, &error));
      g_assert_no_error (error);
      g_assert_nonnull (made);
      g_assert_true (kl_backup_check (made, NULL, &error));
      g_assert_no_error (error);
      /* A second start the same day makes none. */
      g_assert_true (kl_backup_daily (fixture->path, now, KL_BACKUP_KEEP_DAILY, &again, &error));
      g_assert_null (again);
      if (day == 2)
        {
          /* Files that are not daily copies are left alone. */
          other = g_build_filename (dir, "kartleser-before-restore-20260302T080000Z.db", NULL);
          g_assert_true (g_file_set_contents (other, "x", 1, NULL));
        }
    }
  g_assert_cmpuint (count_files (dir), ==, KL_BACKUP_KEEP_DAILY + 1);
  oldest_kept = g_build_filename (dir, "kartleser-2026-03-04.db", NULL);
  dropped = g_build_filename (dir, "kartleser-2026-03-03.db", NULL);
  g_assert_true (g_file_test (oldest_kept, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (dropped, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
}

#define add_test(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  add_test ("/backup/while-writing", test_backup_while_writing_then_restore);
  add_test ("/backup/refuses", test_restore_refuses);
  add_test ("/backup/over-damaged", test_restore_over_damaged);
  add_test ("/backup/refuses-damaged", test_backup_refuses_damaged);
  add_test ("/backup/daily", test_daily_keeps_seven);
  add_test ("/backup/daily-prunes-old-copies", test_daily_prunes_old_copies);
  return g_test_run ();
}
