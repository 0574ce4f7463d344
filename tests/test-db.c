/* The database file: created private, migrated once, refused (and left
 * alone) when damaged, foreign or too new; transactions and backups. */

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "kl-db.h"
#include "kl-error.h"
#include "kl-model.h"
#include "kl-test-util.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = kl_test_make_dir ("test-db");
  fixture->path = g_build_filename (fixture->dir, "kartleser.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kl_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

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

static gint64
count_rows (KlDb       *db,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlStmt) stmt = kl_db_query (db, &error, sql, NULL);

  g_assert_no_error (error);
  g_assert_true (kl_stmt_next (stmt, &error));
  g_assert_no_error (error);
  return kl_stmt_int (stmt, 0);
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

/* Opening must refuse with the code, and leave the file as it was. */
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
  g_assert_cmpint (pragma_int (handle, "PRAGMA foreign_keys"), ==, 1);
  journal = pragma_text (handle, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");

  /* The schema is there, with its seeded rows. */
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM settings"), ==, 1);
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM scheme_version"), >=, 2);
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM client"), ==, 0);

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
  gint64 n_schemes = count_rows (db, "SELECT count(*) FROM scheme_version");

  insert_client (db, "Tromsø kommune");
  g_clear_object (&db);

  again = open_ok (fixture->path);
  g_assert_cmpint (pragma_int (kl_db_get_handle (again), "PRAGMA user_version"), ==, kl_db_schema_version ());
  g_assert_cmpint (count_rows (again, "SELECT count(*) FROM client WHERE name = 'Tromsø kommune'"), ==, 1);
  g_assert_cmpint (count_rows (again, "SELECT count(*) FROM settings"), ==, 1);
  /* Seeded rows are not seeded twice. */
  g_assert_cmpint (count_rows (again, "SELECT count(*) FROM scheme_version"), ==, n_schemes);
  backup = kl_db_get_last_backup (again);
  g_assert_null (backup);

  /* Two connections at once work as well (the GUI and the CLI). */
  third = open_ok (fixture->path);
  g_assert_cmpint (count_rows (third, "SELECT count(*) FROM client"), ==, 1);
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
  assert_refused_unchanged (fixture->path, KL_ERROR_DB_DAMAGED);

  /* The wrong file picked in a dialog: a short text. */
  g_file_set_contents (text, "Handleliste: melk, brød\n", -1, &error);
  g_assert_no_error (error);
  assert_refused_unchanged (text, KL_ERROR_DB_DAMAGED);
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
  sqlite_exec_file (fixture->path,
                    "CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT);"
                    "INSERT INTO recipes (title) VALUES ('Fårikål');");
  assert_refused_unchanged (fixture->path, KL_ERROR_DB_DAMAGED);
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
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM settings"), ==, 1);
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

  assert_refused_unchanged (fixture->path, KL_ERROR_DB_DAMAGED);
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
  g_assert_cmpint (count_rows (copy, "SELECT count(*) FROM client"), ==, 25);
  g_assert_cmpint (count_rows (copy, "SELECT count(*) FROM programme"), ==, 1);
  g_assert_cmpint (count_rows (copy, "SELECT count(*) FROM scheme_version"), ==,
                   count_rows (db, "SELECT count(*) FROM scheme_version"));
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM client"), ==, 26);
  g_assert_cmpint (pragma_int (kl_db_get_handle (copy), "PRAGMA user_version"), ==, kl_db_schema_version ());

  /* Backing up over an old backup replaces it. */
  g_clear_object (&copy);
  g_assert_true (kl_db_backup_to (db, dest, &error));
  g_assert_no_error (error);
  copy = open_ok (dest);
  g_assert_cmpint (count_rows (copy, "SELECT count(*) FROM client"), ==, 26);
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
    g_assert_cmpint (count_rows (db, "SELECT count(*) FROM client"), ==, 1);
    /* Dropped without commit. */
  }
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM client"), ==, 0);

  {
    g_autoptr(KlTransaction) tx = kl_db_begin (db, &error);

    g_assert_no_error (error);
    insert_client (db, "Beholdt");
    g_assert_true (kl_transaction_commit (tx, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM client"), ==, 1);

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
    g_assert_cmpint (count_rows (other, "SELECT count(*) FROM client"), ==, 2);
  }
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
    g_assert_cmpint (count_rows (db, "SELECT count(*) FROM client"), ==, 2);
  }
  /* The inner one is gone, the outer one's work is not. */
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM client"), ==, 1);
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

  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM client"), ==, 2);
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM client WHERE name = 'Indre, forkastet'"), ==, 0);

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
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM client"), ==, 2);
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

  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM client"), ==, 0);
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM programme"), ==, 0);
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
  g_assert_cmpint (sqlite3_column_type (stmt, 2), ==, SQLITE_NULL);
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

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

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
  ADD ("/db/empty-file", test_empty_file);
  ADD ("/db/backup", test_backup);
  ADD ("/db/transaction/commit-and-drop", test_transaction_commit_and_drop);
  ADD ("/db/transaction/nested", test_transaction_nested);
  ADD ("/db/constraints", test_constraints);
  ADD ("/db/bindings", test_bindings);
  ADD ("/db/last-id", test_last_id);

  return g_test_run ();
}
