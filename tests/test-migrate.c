/* Upgrading a database: a backup first, each migration in its own
 * transaction, a failed one leaves the file at the version before. */

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "kl-db.h"
#include "kl-db-private.h"
#include "kl-error.h"
#include "test-migrations-resources.h"
#include "kl-test-util.h"

typedef KlTestFileFixture Fixture;

static KlDb *
open_with (const char  *path,
           const char  *set,
           GError     **error)
{
  g_autofree char *resource_path = g_strconcat ("/test/", set, NULL);

  return kl_db_open_with_migrations (path, test_migrations_get_resource (), resource_path, error);
}

/* A plain look at a file, outside Kartleser. */
static void
make_version_one (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDb) db = open_with (path, "v1", &error);
  g_autofree char *backup = NULL;

  g_assert_no_error (error);
  backup = kl_db_get_last_backup (db);
  g_assert_null (backup);   /* a new file has nothing to lose */
  g_assert_true (kl_db_exec (db, &error, "INSERT INTO client (name, kind) VALUES ('Voss herad', 'kommune')", NULL));
  g_assert_no_error (error);
}

static void
test_upgrade_makes_backup (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDb) db = NULL;
  g_autofree char *backup = NULL;
  GStatBuf st;

  make_version_one (fixture->path);
  g_assert_cmpint (kl_test_sqlite_int (fixture->path, "PRAGMA user_version"), ==, 1);

  db = open_with (fixture->path, "v2", &error);
  g_assert_no_error (error);
  backup = kl_db_get_last_backup (db);
  g_assert_nonnull (backup);
  g_assert_true (g_str_has_prefix (backup, fixture->path));
  g_assert_true (g_str_has_suffix (backup, ".bak"));
  g_clear_object (&db);

  /* the upgraded file, marked as Kartleser's */
  g_assert_cmpint (kl_test_sqlite_int (fixture->path, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (kl_test_sqlite_int (fixture->path, "PRAGMA application_id"), ==, 0x4b4c4442);
  g_assert_cmpint (kl_test_sqlite_int (fixture->path, "SELECT version FROM test_marker"), ==, 2);
  g_assert_cmpint (kl_test_sqlite_int (fixture->path, "SELECT count(*) FROM client WHERE name = 'Voss herad'"), ==, 1);

  /* the copy from before, as private as the original */
  g_assert_cmpint (kl_test_sqlite_int (backup, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (kl_test_sqlite_int (backup, "SELECT count(*) FROM client WHERE name = 'Voss herad'"), ==, 1);
  g_assert_cmpint (kl_test_sqlite_int (backup, "SELECT count(*) FROM sqlite_schema WHERE name = 'test_marker'"), ==, 0);
  g_assert_cmpint (g_stat (backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* opening the current version again makes no further copy */
  db = open_with (fixture->path, "v2", &error);
  g_assert_no_error (error);
  g_clear_pointer (&backup, g_free);
  backup = kl_db_get_last_backup (db);
  g_assert_null (backup);
}

static void
test_failed_migration_rolls_back (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDb) db = NULL;

  make_version_one (fixture->path);

  db = open_with (fixture->path, "broken", &error);
  g_assert_null (db);
  g_assert_error (error, KL_ERROR, KL_ERROR_DB);
  g_assert_true (g_str_has_prefix (error->message, "Migration 0002-broken.sql: "));

  g_assert_cmpint (kl_test_sqlite_int (fixture->path, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (kl_test_sqlite_int (fixture->path, "SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'"),
                   ==, 0);
  g_assert_cmpint (kl_test_sqlite_int (fixture->path, "SELECT count(*) FROM client"), ==, 1);

  /* and the program that knows version 1 still opens it */
  g_clear_error (&error);
  db = open_with (fixture->path, "v1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
}

/* All steps are one transaction: a file is never left between two
 * versions, whichever step fails. */
static void
test_failed_late_migration_keeps_version (Fixture       *fixture,
                                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDb) db = NULL;

  make_version_one (fixture->path);

  db = open_with (fixture->path, "broken-late", &error);
  g_assert_null (db);
  g_assert_error (error, KL_ERROR, KL_ERROR_DB);
  g_assert_true (g_str_has_prefix (error->message, "Migration 0003-broken.sql: "));
  g_assert_cmpint (kl_test_sqlite_int (fixture->path, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (kl_test_sqlite_int (fixture->path, "SELECT count(*) FROM sqlite_schema WHERE name = 'test_marker'"),
                   ==, 0);
  g_assert_cmpint (kl_test_sqlite_int (fixture->path, "SELECT count(*) FROM client"), ==, 1);
}

typedef struct
{
  const char *path;
  const char *set;
  GError *error;
  char *backup;
} Opener;

static gpointer
opener_thread (gpointer data)
{
  Opener *opener = data;
  KlDb *db = open_with (opener->path, opener->set, &opener->error);

  if (db != NULL)
    opener->backup = kl_db_get_last_backup (db);
  g_clear_object (&db);
  return NULL;
}

/* Three connections open one new file, then one old file, at once: all
 * succeed, and one of them migrates (so one copy is made of the old). */
static void
test_simultaneous_opens (Fixture       *fixture,
                         gconstpointer  data)
{
  for (int round = 0; round < 10; round++)
    {
      g_autofree char *fresh = g_strdup_printf ("%s.%d", fixture->path, round);
      const char *paths[] = { fresh, fixture->path };

      if (round == 0)
        make_version_one (fixture->path);
      else
        {
          /* Back to version 1, to be upgraded again. */
          sqlite3 *handle = NULL;

          g_assert_cmpint (sqlite3_open (fixture->path, &handle), ==, SQLITE_OK);
          g_assert_cmpint (sqlite3_exec (handle, "ALTER TABLE client DROP COLUMN test_note; DROP TABLE test_marker; "
                                                 "PRAGMA user_version = 1", NULL, NULL, NULL), ==, SQLITE_OK);
          sqlite3_close (handle);
        }

      for (guint p = 0; p < G_N_ELEMENTS (paths); p++)
        {
          Opener openers[3] = { { paths[p], "v2" }, { paths[p], "v2" }, { paths[p], "v2" } };
          GThread *threads[3];
          int n_backups = 0;

          for (guint i = 0; i < 3; i++)
            threads[i] = g_thread_new ("opener", opener_thread, &openers[i]);
          for (guint i = 0; i < 3; i++)
            {
              g_thread_join (threads[i]);
              g_assert_no_error (openers[i].error);
              if (openers[i].backup != NULL)
                {
                  n_backups++;
                  g_unlink (openers[i].backup);
                  g_free (openers[i].backup);
                }
            }
          g_assert_cmpint (kl_test_sqlite_int (paths[p], "PRAGMA user_version"), ==, 2);
          g_assert_cmpint (kl_test_sqlite_int (paths[p], "SELECT count(*) FROM test_marker"), ==, 1);
          g_assert_cmpint (kl_test_sqlite_int (paths[p], "SELECT count(*) FROM settings"), ==, 1);
          g_assert_cmpint (n_backups, ==, p == 1 ? 1 : 0);
        }
    }
}

static void
test_newer_than_program (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDb) db = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;

  db = open_with (fixture->path, "v2", &error);
  g_assert_no_error (error);
  g_clear_object (&db);
  g_assert_true (g_file_get_contents (fixture->path, &before, &before_len, NULL));

  db = open_with (fixture->path, "v1", &error);
  g_assert_null (db);
  g_assert_error (error, KL_ERROR, KL_ERROR_DB_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "schema version 2; this program knows up to 1"));
  g_assert_true (g_file_get_contents (fixture->path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
}

/* A version 5 database with a cost line tied to one session becomes
 * version 6: the line covers that session in cost_session, keeps every
 * other field, and the upgrade adds nothing to the audit trail. */
static void
test_cost_days_upgrade (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char *const before_audit[] = { "0001-initial.sql", "0002-database-uuid.sql",
                                              "0003-sealed-documents.sql" };
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDb) db = NULL;
  sqlite3 *handle = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &handle), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (before_audit); i++)
    kl_test_apply_sqlite_migration (handle, before_audit[i]);
  g_assert_cmpint (sqlite3_exec (handle,
                                 "INSERT INTO client (id, name, kind) VALUES (1, 'Voss herad', 'kommune');"
                                 "INSERT INTO consultant (id, name) VALUES (1, 'Hilde Aas');"
                                 "INSERT INTO programme (id, client_id, title, kind, start_date, end_date, status) "
                                 "VALUES (1, 1, 'LED SKOLE Voss', 'led-skole', '2025-08-01', '2026-06-30', 'running');"
                                 "INSERT INTO session (id, programme_id, kind, title, starts_at, ends_at) "
                                 "VALUES (4, 1, 'fagsamling', 'Samling 1', '2025-09-02T09:00', '2025-09-03T15:00');"
                                 "INSERT INTO cost_item (id, programme_id, session_id, category, consultant_id, days, "
                                 "persons, net_ore, vat_ore, invoice_no, invoice_date) VALUES "
                                 "(7, 1, 4, 'speaker-fee', 1, 2, 0, 3600000, 900000, 'HA-1', '2025-09-10'),"
                                 "(8, 1, NULL, 'study-fee', NULL, 0, 3, 2400000, 0, 'USN-2', '2025-09-12');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  kl_test_apply_sqlite_migration (handle, "0004-audit.sql");
  kl_test_apply_sqlite_migration (handle, "0005-certificate-threshold.sql");
  g_assert_cmpint (sqlite3_exec (handle, "PRAGMA user_version = 5", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);

  db = kl_db_open (fixture->path, &error);
  g_assert_no_error (error);
  g_clear_object (&db);
  g_assert_cmpint (kl_test_sqlite_int (fixture->path, "PRAGMA user_version"), ==, kl_db_schema_version ());
  g_assert_cmpint (kl_test_sqlite_int (fixture->path,
                                       "SELECT count(*) FROM cost_session WHERE cost_id = 7 AND session_id = 4"), ==, 1);
  g_assert_cmpint (kl_test_sqlite_int (fixture->path, "SELECT count(*) FROM cost_session"), ==, 1);
  g_assert_cmpint (kl_test_sqlite_int (fixture->path, "SELECT count(*) FROM pragma_table_info ('cost_item') "
                                              "WHERE name = 'session_id'"), ==, 0);
  g_assert_cmpint (kl_test_sqlite_int (fixture->path, "SELECT net_ore + vat_ore + days FROM cost_item WHERE id = 7"),
                   ==,
                   3600000 + 900000 + 2);
  /* Existing lines are actual ones; a study fee covered one semester. */
  g_assert_cmpint (kl_test_sqlite_int (fixture->path, "SELECT count(*) FROM cost_item WHERE budget = 0"), ==, 2);
  g_assert_cmpint (kl_test_sqlite_int (fixture->path, "SELECT semesters FROM cost_item WHERE id = 8"), ==, 1);
  g_assert_cmpint (kl_test_sqlite_int (fixture->path, "SELECT semesters FROM cost_item WHERE id = 7"), ==, 0);
  g_assert_cmpint (kl_test_sqlite_int (fixture->path, "SELECT count(*) FROM audit"), ==, 0);
  /* The session cannot go while a cost line covers it. */
  g_assert_cmpint (kl_test_sqlite_int (fixture->path, "SELECT count(*) FROM pragma_foreign_key_list ('cost_session') "
                                              "WHERE \"table\" = 'session' AND on_delete = 'RESTRICT'"), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, kl_test_file_fixture_set_up, func, kl_test_file_fixture_tear_down)
  ADD ("/migrate/upgrade-makes-backup", test_upgrade_makes_backup);
  ADD ("/migrate/failed-migration-rolls-back", test_failed_migration_rolls_back);
  ADD ("/migrate/failed-late-migration-keeps-version", test_failed_late_migration_keeps_version);
  ADD ("/migrate/simultaneous-opens", test_simultaneous_opens);
  ADD ("/migrate/newer-than-program", test_newer_than_program);
  ADD ("/migrate/cost-days", test_cost_days_upgrade);
#undef ADD
  return g_test_run ();
}
