/* A single-user file onto a team server and back: server import copies a
 * demo database with its ids, audit trail and sealed documents, so that
 * every claim reads the same on the server; a server that holds data is
 * refused, and an import that fails half-way leaves the server empty;
 * backup of a server writes a Kartleser file that check passes and that
 * imports into another server as the same data. Sealing on a server goes
 * through the owner's function only. PostgreSQL only. */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "kl-backup.h"
#include "kl-demo.h"
#include "kl-error.h"
#include "kl-fund-seal.h"
#include "kl-server-import.h"
#include "kl-server.h"
#include "kl-store.h"
#include "kl-test-server.h"
#include "kl-test-store.h"
#include "kl-test-util.h"

/* Every table a Kartleser database holds data in (the search index is
 * derived, the logins are the cluster's). */
static const char *const data_tables[] = {
  "settings", "client", "consultant", "programme", "session", "session_leader", "participant", "enrolment",
  "attendance", "scheme_version", "scheme_eligible", "funding_case", "sealed_document", "cost_item",
  "cost_session", "cost_date", "session_participant", "audit",
};

static char *demo_dir;
static char *demo_path;       /* 2 years of demo data, an audit trail, two sealed documents */
static gint64 demo_programme; /* the one sealed */
static char *small_path;      /* the same, of the demo's smallest size */
static gint64 small_programme;

static KlDb *
open_db (const char *location)
{
  g_autoptr(GError) error = NULL;
  KlDb *db = kl_db_open (location, &error);

  g_assert_no_error (error);
  return db;
}

static char *
file_checksum (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* A table's rows, each as name=value pairs in the order of the names (the
 * backends may order columns differently), sorted, as one checksum; bytes
 * by their own checksum. */
static char *
table_digest (KlDb       *db,
              const char *table,
              gint64     *rows)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s", table);
  g_autoptr(KlStmt) stmt = kl_db_query (db, &error, sql, NULL);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  g_assert_no_error (error);
  while (kl_stmt_next (stmt, &error))
    {
      g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *line = NULL;

      for (int c = 0; c < kl_stmt_column_count (stmt); c++)
        {
          g_autofree char *value = NULL;

          if (kl_stmt_column_kind (stmt, c) == KL_VALUE_BLOB)
            {
              g_autoptr(GBytes) bytes = kl_stmt_blob (stmt, c);

              value = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
            }
          else
            value = g_strdup (kl_stmt_is_null (stmt, c) ? "NULL" : kl_stmt_peek_text (stmt, c));
          g_ptr_array_add (pairs, g_strdup_printf ("%s=%s", kl_stmt_column_name (stmt, c), value));
        }
      g_ptr_array_sort (pairs, compare_strings);
      g_ptr_array_add (pairs, NULL);
      g_ptr_array_add (lines, g_strjoinv ("|", (char **) pairs->pdata));
    }
  g_assert_no_error (error);
  g_ptr_array_sort (lines, compare_strings);
  for (guint i = 0; i < lines->len; i++)
    {
      g_checksum_update (sum, (const guchar *) g_ptr_array_index (lines, i), -1);
      g_checksum_update (sum, (const guchar *) "\n", 1);
    }
  *rows = lines->len;
  return g_strdup (g_checksum_get_string (sum));
}

static void
assert_same_data (KlDb *a,
                  KlDb *b)
{
  for (guint i = 0; i < G_N_ELEMENTS (data_tables); i++)
    {
      gint64 rows_a = 0, rows_b = 0;
      g_autofree char *digest_a = table_digest (a, data_tables[i], &rows_a);
      g_autofree char *digest_b = table_digest (b, data_tables[i], &rows_b);

      g_test_message ("%s: %" G_GINT64_FORMAT " rows", data_tables[i], rows_a);
      g_assert_cmpint (rows_a, ==, rows_b);
      g_assert_cmpstr (digest_a, ==, digest_b);
    }
}

/* Every programme's claim, from each database's own figures. */
static void
assert_same_claims (KlDb *a,
                    KlDb *b)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(KlStmt) stmt = kl_db_query (a, &error, "SELECT id FROM programme ORDER BY id", NULL);
  guint with_claim = 0;

  g_assert_no_error (error);
  while (kl_stmt_next (stmt, &error))
    {
      gint64 id = kl_stmt_int (stmt, 0);

      g_array_append_val (ids, id);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, >, 0);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(KlClaim) claim_a = kl_store_compute_claim (a, id, KL_CLAIM_ACTUALS, &error);
      g_autoptr(KlClaim) claim_b = NULL;

      g_assert_no_error (error);
      claim_b = kl_store_compute_claim (b, id, KL_CLAIM_ACTUALS, &error);
      g_assert_no_error (error);
      g_assert_cmpint (claim_a->net_ore, ==, claim_b->net_ore);
      g_assert_cmpint (claim_a->vat_ore, ==, claim_b->vat_ore);
      g_assert_cmpint (claim_a->eligible_ore, ==, claim_b->eligible_ore);
      g_assert_cmpint (claim_a->claim_ore, ==, claim_b->claim_ore);
      g_assert_cmpint (claim_a->granted_ore, ==, claim_b->granted_ore);
      g_assert_cmpint (claim_a->payout_ore, ==, claim_b->payout_ore);
      g_assert_cmpuint (claim_a->lines->len, ==, claim_b->lines->len);
      if (claim_a->claim_ore > 0)
        with_claim++;
    }
  /* Not a comparison of zeros. */
  g_assert_cmpuint (with_claim, >, 0);
}

static void
import_ok (KlDb       *server,
           const char *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kl_server_import (server, path, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_import_demo (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = file_checksum (demo_path);
  g_autofree char *after = NULL;
  g_autofree char *uri = kl_test_server_db ();
  g_autoptr(KlDb) server = open_db (uri);
  g_autoptr(KlDb) file = NULL;
  g_autoptr(KlClient) client = kl_client_new ();
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) sealed = NULL;
  g_autofree char *name = NULL;
  gint64 max_client;
  gint64 programmes;

  import_ok (server, demo_path);
  /* The planner's statistics came with the load, once, in its transaction
   * (analyze_count counts ANALYZE commands, not autovacuum's). */
  g_assert_cmpint (kl_test_count (server, "SELECT analyze_count FROM pg_stat_user_tables WHERE relname = 'attendance'"), ==, 1);
  g_assert_cmpint (kl_test_count (server, "SELECT count(*) FROM pg_stats WHERE tablename = 'attendance'"), >, 0);
  /* The file was only read. */
  after = file_checksum (demo_path);
  g_assert_cmpstr (before, ==, after);

  file = open_db (demo_path);
  assert_same_data (file, server);
  assert_same_claims (file, server);
  g_assert_cmpint (kl_test_count (server, "SELECT count(*) FROM audit"), >, 0);

  /* The sealed copies: the same bytes, their hashes those of the bytes. */
  sealed = kl_fund_sealed_list (server, demo_programme, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sealed->len, ==, 2);
  for (guint i = 0; i < sealed->len; i++)
    {
      KlSealedDocument *listed = g_ptr_array_index (sealed, i);
      g_autoptr(KlSealedDocument) there = kl_fund_sealed_get (server, listed->id, &error);
      g_autoptr(KlSealedDocument) here = kl_fund_sealed_get (file, listed->id, &error);
      g_autofree char *hash = NULL;

      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (there->content, here->content));
      hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, there->content);
      g_assert_cmpstr (hash, ==, there->sha256);
      g_assert_cmpstr (there->sha256, ==, here->sha256);
      g_assert_cmpstr (there->sealed_at, ==, here->sealed_at);
    }

  /* The next client takes the id after the highest imported. */
  max_client = kl_test_count (file, "SELECT max (id) FROM client");
  client->name = g_strdup ("Nye Vestby kommune");
  client->kind = g_strdup ("kommune");
  g_assert_true (kl_store_insert_client (server, client, &error));
  g_assert_no_error (error);
  g_assert_cmpint (client->id, ==, max_client + 1);

  /* The search index was built: a participant is found by name. */
  {
    g_autoptr(KlStmt) stmt = kl_db_query (file, &error, "SELECT name FROM participant ORDER BY id DESC LIMIT 1", NULL);

    g_assert_true (kl_stmt_next (stmt, &error));
    name = kl_stmt_text (stmt, 0);
  }
  hits = kl_store_search (server, name, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, >, 0);

  /* Now it holds data: a second import is refused, naming what is there. */
  programmes = kl_test_count (file, "SELECT count(*) FROM programme");
  g_assert_false (kl_server_import (server, demo_path, NULL, NULL, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE);
  {
    g_autofree char *expected = g_strdup_printf ("programme: %" G_GINT64_FORMAT, programmes);

    g_assert_nonnull (strstr (error->message, expected));
    g_assert_nonnull (strstr (error->message, "client: "));
  }
  g_assert_cmpint (kl_test_count (server, "SELECT count(*) FROM client"), ==, kl_test_count (file, "SELECT count(*) FROM client") + 1);
}

/* A value the file took (SQLite keeps text in an integer column) that the
 * server refuses, in the last row of the enrolments: the clients,
 * programmes and participants before them were inserted, and all of it
 * goes. */
static void
test_import_fails_midway (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = g_build_filename (demo_dir, "bad.db", NULL);
  g_autofree char *uri = kl_test_server_db ();
  g_autoptr(KlDb) server = open_db (uri);
  g_autoptr(KlDb) file = NULL;
  sqlite3 *handle = NULL;

  g_assert_true (kl_backup_write (demo_path, bad, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (bad, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "UPDATE enrolment SET participant_id = 'many' "
                                         "WHERE id = (SELECT max (id) FROM enrolment)", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (handle), ==, 1);
  sqlite3_close (handle);

  g_assert_false (kl_server_import (server, bad, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "enrolment"));
  g_assert_nonnull (strstr (error->message, "many"));
  for (guint i = 0; i < G_N_ELEMENTS (data_tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", data_tables[i]);

      /* What init made is there, and only that. */
      if (g_str_equal (data_tables[i], "settings"))
        g_assert_cmpint (kl_test_count (server, "SELECT count(*) FROM settings WHERE name = ''"), ==, 1);
      else if (!g_str_has_prefix (data_tables[i], "scheme_"))
        g_assert_cmpint (kl_test_count (server, sql), ==, 0);
    }
  g_assert_cmpint (kl_test_count (server, "SELECT count(*) FROM search"), ==, 0);

  /* A good file goes in afterwards. */
  import_ok (server, small_path);
  file = open_db (small_path);
  g_assert_cmpint (kl_test_count (server, "SELECT count(*) FROM attendance"), ==,
                   kl_test_count (file, "SELECT count(*) FROM attendance"));
}

static void
test_backup_roundtrip (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri_a = kl_test_server_db ();
  g_autofree char *uri_b = kl_test_server_db ();
  g_autofree char *snapshot = g_build_filename (demo_dir, "server-backup.db", NULL);
  g_autofree char *part = g_strconcat (snapshot, ".part", NULL);
  g_autofree char *wal = g_strconcat (snapshot, "-wal", NULL);
  g_autoptr(KlDb) a = open_db (uri_a);
  g_autoptr(KlDb) b = open_db (uri_b);
  g_autoptr(KlDb) copy = NULL;
  g_autoptr(KlDb) file = open_db (small_path);
  int version = 0;
  GStatBuf st;

  import_ok (a, small_path);
  g_assert_true (kl_server_snapshot (a, snapshot, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (snapshot, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* What restore accepts, at this program's schema version. */
  g_assert_true (kl_backup_check (snapshot, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, kl_db_schema_version ());
  copy = open_db (snapshot);
  g_assert_true (kl_db_check (copy, NULL, &error));
  g_assert_no_error (error);
  assert_same_data (a, copy);
  assert_same_claims (file, copy);
  g_clear_object (&copy);

  import_ok (b, snapshot);
  assert_same_data (a, b);

  /* On a file backup is the file's own copy; a snapshot is the server's. */
  g_assert_false (kl_server_snapshot (file, snapshot, NULL, NULL, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_FAILED);
}

/* Sealed documents on a server: the office seals through Kartleser (the
 * owner's function), nobody inserts them with plain SQL, and no group
 * role may write them or the trail. */
static void
test_sealing_roles (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = kl_test_server_db ();
  g_autoptr(KlDb) server = open_db (uri);
  g_autofree char *statements = NULL;
  g_autofree char *office_login = NULL;
  g_autofree char *consultant_login = NULL;
  g_autofree char *office_group = NULL;
  g_autofree char *consultant_group = NULL;
  g_autoptr(KlDb) office = NULL;
  g_autoptr(KlDb) consultant = NULL;
  g_autoptr(GPtrArray) sealed = NULL;
  gint64 before;

  import_ok (server, small_path);
  g_assert_true (kl_server_setup_roles (server, &statements, &error));
  g_assert_no_error (error);
  g_assert_null (statements);
  office_group = kl_server_group_role (server, KL_SERVER_OFFICE);
  consultant_group = kl_server_group_role (server, KL_SERVER_CONSULTANT);
  office_login = g_strdup_printf ("%s_kontor", office_group);
  consultant_login = g_strdup_printf ("%s_anne", consultant_group);
  g_assert_true (kl_server_add_user (server, office_login, KL_SERVER_OFFICE, 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (kl_server_add_user (server, consultant_login, KL_SERVER_CONSULTANT, 1, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GString) as_office = g_string_new (uri);
    g_autoptr(GString) as_consultant = g_string_new (uri);
    g_autofree char *user_office = g_strdup_printf ("user=%s", office_login);
    g_autofree char *user_consultant = g_strdup_printf ("user=%s", consultant_login);

    g_string_replace (as_office, "user=postgres", user_office, 1);
    g_string_replace (as_consultant, "user=postgres", user_consultant, 1);
    office = open_db (as_office->str);
    consultant = open_db (as_consultant->str);
  }

  /* Neither group holds any write on the sealed copies or the trail. */
  for (guint g = 0; g < 2; g++)
    for (guint t = 0; t < 2; t++)
      {
        g_autoptr(KlStmt) stmt = kl_db_query (server, &error,
                                              "SELECT has_table_privilege (?1, ?2, 'INSERT') "
                                              "OR has_table_privilege (?1, ?2, 'UPDATE') "
                                              "OR has_table_privilege (?1, ?2, 'DELETE') "
                                              "OR has_table_privilege (?1, ?2, 'TRUNCATE')", "tt",
                                              g == 0 ? office_group : consultant_group,
                                              t == 0 ? "sealed_document" : "audit");

        g_assert_true (kl_stmt_next (stmt, &error));
        g_assert_cmpint (kl_stmt_int (stmt, 0), ==, 0);
      }

  before = kl_test_count (server, "SELECT count(*) FROM sealed_document");
  g_assert_false (kl_db_exec (office, &error, "INSERT INTO sealed_document (programme_id, kind, format, lang, "
                                              "content, sha256) VALUES (?1, 'payout', 'xml', 'nb', '\\x00', "
                                              "repeat ('0', 64))", "i", small_programme));
  g_assert_error (error, KL_ERROR, KL_ERROR_NOT_ALLOWED);
  g_assert_cmpstr (error->message, ==, "Sealed documents cannot be changed");
  g_clear_error (&error);
  /* Through the function, a copy whose hash is not that of its bytes. */
  g_assert_false (kl_db_exec (office, &error, "SELECT kl_seal_document (?1, 'payout', 'xml', 'nb', '\\x00', "
                                              "repeat ('0', 64))", "i", small_programme));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (kl_fund_seal (consultant, small_programme, KL_FUND_APPLICATION, KL_LANG_NB, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_NOT_ALLOWED);
  g_assert_cmpstr (error->message, ==, "Only the office can seal fund documents");
  g_clear_error (&error);
  g_assert_cmpint (kl_test_count (server, "SELECT count(*) FROM sealed_document"), ==, before);

  /* The office seals through Kartleser: both formats recorded. */
  g_assert_true (kl_fund_seal (office, small_programme, KL_FUND_APPLICATION, KL_LANG_EN, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kl_test_count (server, "SELECT count(*) FROM sealed_document"), ==, before + 2);
  sealed = kl_fund_sealed_list (office, small_programme, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sealed->len, ==, 4);
  for (guint i = 0; i < 2; i++)
    {
      KlSealedDocument *listed = g_ptr_array_index (sealed, i);
      g_autoptr(KlSealedDocument) got = kl_fund_sealed_get (office, listed->id, &error);
      g_autofree char *hash = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (got->lang, ==, KL_LANG_EN);
      hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, got->content);
      g_assert_cmpstr (hash, ==, got->sha256);
    }
}

/* A demo file of some years, with a trail (changes after the demo data)
 * and an application sealed in both formats; its sealed programme. */
static gint64
make_demo (const char *path,
           guint       years)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDb) db = open_db (path);
  gint64 programme;

  g_assert_true (kl_demo_fill_on (db, years, "2026-11-30", &error));
  g_assert_no_error (error);
  g_assert_true (kl_db_exec (db, &error, "UPDATE attendance SET status = 'excused', minutes = 0 "
                                         "WHERE id IN (SELECT id FROM attendance ORDER BY id LIMIT 3)", NULL));
  g_assert_no_error (error);
  g_assert_true (kl_db_exec (db, &error, "UPDATE funding_case SET case_no = 'KS-2026-17' "
                                         "WHERE id = (SELECT min (id) FROM funding_case)", NULL));
  g_assert_no_error (error);
  programme = kl_test_count (db, "SELECT programme_id FROM funding_case ORDER BY id LIMIT 1");
  g_assert_true (kl_fund_seal (db, programme, KL_FUND_APPLICATION, KL_LANG_NB, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kl_test_count (db, "SELECT count(*) FROM sealed_document"), ==, 2);
  /* 3 attendance marks, each its status and its minutes unless they were 0
   * already, and one case number: at least 4 rows. */
  g_assert_cmpint (kl_test_count (db, "SELECT count(*) FROM audit"), >=, 4);
  return programme;
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  if (!kl_test_on_server ())
    g_error ("test-server-import runs on PostgreSQL only (KL_TEST_BACKEND=postgresql)");
  g_setenv ("KARTLESER_NOW", "2026-11-30T12:00", TRUE);
  demo_dir = kl_test_make_dir ("server-import");
  demo_path = g_build_filename (demo_dir, "demo.db", NULL);
  small_path = g_build_filename (demo_dir, "small.db", NULL);
  demo_programme = make_demo (demo_path, 2);
  small_programme = make_demo (small_path, 0);
  g_test_add_func ("/server-import/demo", test_import_demo);
  g_test_add_func ("/server-import/fails-midway", test_import_fails_midway);
  g_test_add_func ("/server-import/backup-roundtrip", test_backup_roundtrip);
  g_test_add_func ("/server-import/sealing-roles", test_sealing_roles);
  status = g_test_run ();
  kl_test_remove_dir (demo_dir);
  return status;
}
