#include "config.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "kl-core-resources.h"
#include "kl-db.h"
#include "kl-error.h"
#include "kl-model.h"
#include "kl-test-store.h"
#include "kl-test-util.h"

/* The two backends side by side: their migrations numbered alike, their
 * schemas with the same tables and columns, and the PostgreSQL backend
 * binding and reading values as the SQLite one does. Runs with
 * KL_TEST_BACKEND=postgresql in the run's private cluster. */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static void
test_numbered_alike (void)
{
  g_autoptr(GPtrArray) sqlite = NULL;
  g_autoptr(GPtrArray) server = NULL;

  sqlite = g_ptr_array_new_with_free_func (g_free);
  server = g_ptr_array_new_with_free_func (g_free);
  {
    g_auto(GStrv) a = g_resource_enumerate_children (kl_core_get_resource (), "/no/imtec/Kartleser/migrations/sqlite",
                                                     G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
    g_auto(GStrv) b = g_resource_enumerate_children (kl_core_get_resource (),
                                                     "/no/imtec/Kartleser/migrations/postgresql",
                                                     G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

    g_assert_nonnull (a);
    g_assert_nonnull (b);
    for (guint i = 0; a[i]; i++)
      g_ptr_array_add (sqlite, g_strndup (a[i], 4));
    for (guint i = 0; b[i]; i++)
      g_ptr_array_add (server, g_strndup (b[i], 4));
  }
  g_ptr_array_sort (sqlite, compare_strings);
  g_ptr_array_sort (server, compare_strings);
  g_assert_cmpuint (sqlite->len, ==, server->len);
  for (guint i = 0; i < sqlite->len; i++)
    g_assert_cmpstr (g_ptr_array_index (sqlite, i), ==, g_ptr_array_index (server, i));
  g_assert_cmpint (atoi (g_ptr_array_index (server, server->len - 1)), ==, kl_db_schema_version ());
}

/* "table.column" of every table Kartleser made, sorted. The search index
 * is kept differently (SQLite's FTS5 shadow tables; PostgreSQL's rowid and
 * tsvector columns): only what the store reads of it, title and body, is
 * compared. */
static char *
columns_of (KlDb       *db,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlStmt) stmt = kl_db_query (db, &error, sql, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GString *all = g_string_new (NULL);

  g_assert_no_error (error);
  while (kl_stmt_next (stmt, &error))
    {
      const char *table = kl_stmt_peek_text (stmt, 0);
      const char *column = kl_stmt_peek_text (stmt, 1);

      if (g_str_equal (table, "search") && !g_str_equal (column, "title") && !g_str_equal (column, "body"))
        continue;
      g_ptr_array_add (names, g_strdup_printf ("%s.%s", table, column));
    }
  g_assert_no_error (error);
  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (all, "%s\n", (char *) g_ptr_array_index (names, i));
  return g_string_free (all, FALSE);
}

static void
test_same_tables (void)
{
  g_autofree char *dir = kl_test_make_dir ("test-schema");
  g_autofree char *file = g_build_filename (dir, "kartleser.db", NULL);
  g_autofree char *server_location = kl_test_db_location (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDb) sqlite = kl_db_open (file, &error);
  g_autoptr(KlDb) server = NULL;
  g_autofree char *sqlite_columns = NULL;
  g_autofree char *server_columns = NULL;

  g_assert_no_error (error);
  g_assert_true (kl_db_location_is_server (server_location));
  server = kl_db_open (server_location, &error);
  g_assert_no_error (error);

  sqlite_columns = columns_of (sqlite, "SELECT m.name, p.name FROM sqlite_schema m, pragma_table_info (m.name) p "
                                       "WHERE m.type = 'table' AND m.name NOT GLOB 'sqlite_*' "
                                       "AND m.name NOT GLOB 'search_*'");
  server_columns = columns_of (server, "SELECT table_name, column_name FROM information_schema.columns "
                                       "WHERE table_schema = current_schema () AND table_name <> 'kl_schema_version'");
  g_assert_nonnull (strstr (sqlite_columns, "audit.os_user\n"));
  g_assert_nonnull (strstr (sqlite_columns, "search.title\n"));
  g_assert_cmpstr (server_columns, ==, sqlite_columns);

  /* The version is in a one-row table on the server, in the header of a
   * file; read alike. */
  {
    g_autoptr(KlStmt) stmt = kl_db_query (server, &error, "SELECT count(*), min (version) FROM kl_schema_version",
                                          NULL);

    g_assert_no_error (error);
    g_assert_true (kl_stmt_next (stmt, &error));
    g_assert_cmpint (kl_stmt_int (stmt, 0), ==, 1);
    g_assert_cmpint (kl_stmt_int (stmt, 1), ==, kl_db_schema_version ());
  }
  g_assert_cmpint (kl_db_get_schema_version (server, &error), ==, kl_db_schema_version ());
  g_assert_no_error (error);
  g_assert_cmpint (kl_db_get_schema_version (sqlite, &error), ==, kl_db_schema_version ());
  g_assert_no_error (error);

  g_clear_object (&sqlite);
  kl_test_remove_dir (dir);
}

/* Opening a database that holds another program's tables changes
 * nothing and says so; opening again an up-to-date one is quick and keeps
 * its data. */
static void
test_foreign_and_reopen (void)
{
  g_autofree char *location = kl_test_db_location (NULL);
  g_autofree char *other = kl_test_db_location (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDb) db = kl_db_open (location, &error);
  g_autoptr(KlDb) again = NULL;
  g_autoptr(KlDb) stranger = NULL;
  g_autoptr(KlStmt) stmt = NULL;

  g_assert_no_error (error);
  g_assert_true (kl_db_exec (db, &error, "UPDATE settings SET name = ? WHERE id = 1", "t", "IMTEC"));
  g_clear_object (&db);
  again = kl_db_open (location, &error);
  g_assert_no_error (error);
  stmt = kl_db_query (again, &error, "SELECT name FROM settings", NULL);
  g_assert_true (kl_stmt_next (stmt, &error));
  g_assert_cmpstr (kl_stmt_peek_text (stmt, 0), ==, "IMTEC");

  /* Another program's database: a table that is not Kartleser's. */
  {
    g_autoptr(KlDb) scratch = kl_db_open (other, &error);

    g_assert_no_error (error);
    g_assert_true (kl_db_exec (scratch, &error, "DROP TABLE kl_schema_version", NULL));
  }
  stranger = kl_db_open (other, &error);
  g_assert_error (error, KL_ERROR, KL_ERROR_DB_FOREIGN);
  g_assert_null (stranger);
}

/* A password given in the location is used, never shown again. */
static void
test_location_shown (void)
{
  g_autofree char *location = kl_test_db_location (NULL);
  g_autofree char *with_password = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDb) db = NULL;
  const char *query = strchr (location, '?');

  /* postgresql:///NAME?host=DIR&user=postgres, with a password twice. */
  g_assert_nonnull (query);
  with_password = g_strdup_printf ("postgresql://postgres:s3cret@/%.*s?password=s3cret&%s",
                                   (int) (query - location - strlen ("postgresql:///")),
                                   location + strlen ("postgresql:///"), query + 1);
  db = kl_db_open (with_password, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (kl_db_get_path (db), "s3cret"));
  g_assert_true (g_str_has_prefix (kl_db_get_path (db), "postgresql://postgres@/kl_test_"));
  g_assert_nonnull (strstr (kl_db_get_path (db), "?host="));
}

/* Every parameter type binds as on SQLite (see test-db.c), numbered
 * (?N) and bare (?) parameters alike, and bytes come back whole. */
static void
test_parameters (void)
{
  g_autofree char *location = kl_test_db_location (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDb) db = kl_db_open (location, &error);
  g_autoptr(KlStmt) stmt = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new ("a\0b'\\x", 6);
  g_autoptr(GBytes) back = NULL;

  g_assert_no_error (error);
  stmt = kl_db_query (db, &error, "SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 IS NULL, '?', ?1 || '-x'", "ttrraani",
                      "Tromsø", "", (gint64) 0, (gint64) 7, KL_NO_AMOUNT, (gint64) 0, 42, (gint64) 0);
  g_assert_no_error (error);
  g_assert_true (kl_stmt_next (stmt, &error));
  g_assert_cmpstr (kl_stmt_peek_text (stmt, 0), ==, "Tromsø");
  g_assert_true (kl_stmt_is_null (stmt, 1));
  g_assert_true (kl_stmt_is_null (stmt, 2));
  g_assert_cmpint (kl_stmt_int (stmt, 3), ==, 7);
  g_assert_cmpint (kl_stmt_column_kind (stmt, 3), ==, KL_VALUE_INT);
  g_assert_cmpint (kl_stmt_amount (stmt, 4), ==, KL_NO_AMOUNT);
  g_assert_cmpint (kl_stmt_amount (stmt, 5), ==, 0);
  g_assert_cmpint (kl_stmt_int (stmt, 6), ==, 42);
  /* A boolean reads as SQLite's 1. */
  g_assert_cmpint (kl_stmt_int (stmt, 7), ==, 0);
  g_assert_cmpstr (kl_stmt_peek_text (stmt, 8), ==, "?");
  g_assert_cmpstr (kl_stmt_peek_text (stmt, 9), ==, "Tromsø-x");
  g_assert_false (kl_stmt_next (stmt, &error));
  g_assert_no_error (error);
  g_clear_pointer (&stmt, kl_stmt_release);

  stmt = kl_db_query (db, &error, "SELECT ? + ?, ?", "iib", (gint64) 2, (gint64) 3, bytes);
  g_assert_no_error (error);
  g_assert_true (kl_stmt_next (stmt, &error));
  g_assert_cmpint (kl_stmt_int (stmt, 0), ==, 5);
  back = kl_stmt_blob (stmt, 1);
  g_assert_true (g_bytes_equal (back, bytes));
}

/* kl_today () in SQL is the core's clock, KARTLESER_NOW included, as on
 * SQLite; and it follows a change of the clock. */
static void
test_clock (void)
{
  g_autofree char *location = kl_test_db_location (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDb) db = kl_db_open (location, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      const char *now = i == 0 ? "2026-03-01T10:00" : "2031-12-24T18:30";
      g_autoptr(KlStmt) stmt = NULL;
      g_autofree char *expected = g_strndup (now, 10);

      g_setenv ("KARTLESER_NOW", now, TRUE);
      stmt = kl_db_query (db, &error, "SELECT kl_today (), kl_now ()", NULL);
      g_assert_no_error (error);
      g_assert_true (kl_stmt_next (stmt, &error));
      g_assert_cmpstr (kl_stmt_peek_text (stmt, 0), ==, expected);
      g_assert_cmpstr (kl_stmt_peek_text (stmt, 1), ==, now);
    }
  g_unsetenv ("KARTLESER_NOW");
}

/* The trail and the sealed documents refuse every change, TRUNCATE too. */
static void
test_kept_tables (void)
{
  g_autofree char *location = kl_test_db_location (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDb) db = kl_db_open (location, &error);

  g_assert_no_error (error);
  g_assert_false (kl_db_exec (db, &error, "TRUNCATE audit", NULL));
  g_assert_error (error, KL_ERROR, KL_ERROR_DB);
  g_assert_nonnull (strstr (error->message, "the audit trail cannot be changed"));
  g_clear_error (&error);
  g_assert_false (kl_db_exec (db, &error, "TRUNCATE sealed_document", NULL));
  g_assert_nonnull (strstr (error->message, "a sealed document is never deleted"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (kl_test_on_server ());

  g_test_add_func ("/schema/numbered-alike", test_numbered_alike);
  g_test_add_func ("/schema/same-tables", test_same_tables);
  g_test_add_func ("/schema/foreign-and-reopen", test_foreign_and_reopen);
  g_test_add_func ("/server/location-shown", test_location_shown);
  g_test_add_func ("/server/parameters", test_parameters);
  g_test_add_func ("/server/clock", test_clock);
  g_test_add_func ("/server/kept-tables", test_kept_tables);
  return g_test_run ();
}
