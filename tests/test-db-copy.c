/* Copies (kl_db_copy_begin): many rows in one go, COPY on a server and
 * the INSERT on SQLite, with the same rows stored, the same text read
 * back, the same audit trail and the same refusals on both backends.
 * Batches (kl_db_query_batch): several queries at once, each read as if
 * run alone. */

#include "config.h"

#include <glib.h>

#include "kl-db-private.h"
#include "kl-error.h"
#include "kl-store.h"
#include "kl-test-store.h"
#include "kl-test-util.h"

typedef struct
{
  char *dir;
  KlDb *db;
  gint64 programme;
  gint64 session;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  gint64 client;

  g_setenv ("KARTLESER_NOW", "2026-03-01T10:00", TRUE);
  fixture->dir = kl_test_make_dir ("test-db-copy");
  fixture->db = kl_test_open_db (fixture->dir);
  client = kl_test_add_client (fixture->db, "Lier kommune", "kommune", 0, NULL);
  fixture->programme = kl_test_add_programme (fixture->db, client, "LED SKOLE Lier", "2026-01-15", "2026-06-15");
  fixture->session = kl_test_add_session (fixture->db, fixture->programme, "Samling 1",
                                          "2026-02-02T09:00", "2026-02-02T15:00");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kl_test_close_db (&fixture->db, &fixture->dir);
}

static char *
text_of (KlDb       *db,
         const char *sql,
         gint64      id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlStmt) stmt = kl_db_query (db, &error, sql, "i", id);

  g_assert_no_error (error);
  g_assert_true (kl_stmt_next (stmt, &error));
  return kl_stmt_text (stmt, 0);
}

/* Reserved ids are the ones after the highest, the rows take them, and
 * what COPY has to escape (tab, line end, backslash) reads back as typed;
 * "" and a 0 reference are NULL, as kl_db_query binds them. */
static void
test_copy_rows (Fixture       *fixture,
                gconstpointer  data)
{
  static const char *const names[] = { "Anne\tHansen", "Bjørn\nBerg", "C:\\Temp Olsen", "\\N" };
  g_autoptr(GError) error = NULL;
  g_autoptr(KlTransaction) tx = kl_db_begin (fixture->db, &error);
  g_autoptr(KlCopy) participants = NULL;
  g_autoptr(KlCopy) enrolments = NULL;
  g_autoptr(GArray) ids = NULL;
  gint64 highest = kl_test_count (fixture->db, "SELECT coalesce (max (id), 0) FROM participant");

  g_assert_no_error (error);
  ids = kl_db_reserve_ids (fixture->db, "participant", G_N_ELEMENTS (names), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, highest + 1 + i);

  participants = kl_db_copy_begin (fixture->db, "participant", "id, name, email, workplace_id", "ittr", &error);
  g_assert_no_error (error);
  enrolments = kl_db_copy_begin (fixture->db, "enrolment", "programme_id, participant_id", "ii", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_true (kl_copy_row (participants, &error, g_array_index (ids, gint64, i), names[i],
                                  i == 0 ? "anne@lier.kommune.no" : "", (gint64) 0));
      g_assert_no_error (error);
      g_assert_true (kl_copy_row (enrolments, &error, fixture->programme, g_array_index (ids, gint64, i)));
      g_assert_no_error (error);
    }
  g_assert_true (kl_copy_end (participants, &error));
  g_assert_no_error (error);
  g_assert_true (kl_copy_end (enrolments, &error));
  g_assert_no_error (error);
  g_assert_true (kl_transaction_commit (tx, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *name = text_of (fixture->db, "SELECT name FROM participant WHERE id = ?1",
                                       g_array_index (ids, gint64, i));

      g_assert_cmpstr (name, ==, names[i]);
    }
  g_assert_cmpint (kl_test_query_int (fixture->db, "SELECT count(*) FROM participant WHERE id = ?1 AND email IS NULL "
                                                   "AND workplace_id IS NULL", g_array_index (ids, gint64, 1)), ==, 1);
  g_assert_cmpint (kl_test_query_int (fixture->db, "SELECT count(*) FROM enrolment WHERE programme_id = ?1",
                                      fixture->programme), ==, 4);
  /* The search index's triggers fired for each row, as for an INSERT. */
  {
    g_autoptr(GPtrArray) hits = kl_store_search (fixture->db, "olsen", 10, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpint (((KlSearchHit *) g_ptr_array_index (hits, 0))->id, ==, g_array_index (ids, gint64, 2));
  }

  /* A later insert the usual way takes the next id, not a reserved one. */
  {
    g_autoptr(KlParticipant) participant = kl_participant_new ();

    participant->name = g_strdup ("Dag Dahl");
    g_assert_true (kl_store_insert_participant (fixture->db, participant, &error));
    g_assert_no_error (error);
    g_assert_cmpint (participant->id, ==, highest + 5);
  }
}

/* Copied marks are in the trail, one row each, as marks set one by one;
 * unless the audit is paused (generated data). */
static void
test_copy_audit (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 people[3];

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(KlParticipant) participant = kl_participant_new ();

      participant->name = g_strdup_printf ("Deltaker %u", i + 1);
      g_assert_true (kl_store_insert_participant (fixture->db, participant, &error));
      g_assert_no_error (error);
      people[i] = participant->id;
      kl_test_enrol (fixture->db, fixture->programme, people[i]);
    }

  {
    g_autoptr(KlTransaction) tx = kl_db_begin (fixture->db, &error);
    g_autoptr(KlCopy) marks = kl_db_copy_begin (fixture->db, "attendance", "session_id, participant_id, status, minutes",
                                                "iitn", &error);

    g_assert_no_error (error);
    g_assert_true (kl_copy_row (marks, &error, fixture->session, people[0], "present", 0));
    g_assert_true (kl_copy_row (marks, &error, fixture->session, people[1], "partial", 90));
    g_assert_no_error (error);
    g_assert_true (kl_copy_end (marks, &error));
    g_assert_no_error (error);
    g_assert_true (kl_transaction_commit (tx, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (kl_test_query_int (fixture->db, "SELECT count(*) FROM audit WHERE entity = 'attendance' "
                                                   "AND action = 'insert' AND session_id = ?1", fixture->session), ==, 2);
  g_assert_cmpint (kl_test_query_int (fixture->db, "SELECT count(*) FROM audit WHERE entity = 'attendance' "
                                                   "AND participant_id = ?1", people[1]), ==, 1);
  {
    g_autofree char *value = text_of (fixture->db, "SELECT new_value FROM audit WHERE entity = 'attendance' "
                                                   "AND participant_id = ?1", people[1]);

    g_assert_cmpstr (value, ==, "{\"status\":\"partial\",\"minutes\":90}");
  }

  {
    g_autoptr(KlTransaction) tx = kl_db_begin (fixture->db, &error);
    g_autoptr(KlCopy) marks = kl_db_copy_begin (fixture->db, "attendance", "session_id, participant_id, status, minutes",
                                                "iitn", &error);

    g_assert_no_error (error);
    kl_db_pause_audit (fixture->db, TRUE);
    g_assert_true (kl_copy_row (marks, &error, fixture->session, people[2], "absent", 0));
    g_assert_true (kl_copy_end (marks, &error));
    kl_db_pause_audit (fixture->db, FALSE);
    g_assert_no_error (error);
    g_assert_true (kl_transaction_commit (tx, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (kl_test_query_int (fixture->db, "SELECT count(*) FROM attendance WHERE session_id = ?1",
                                      fixture->session), ==, 3);
  g_assert_cmpint (kl_test_query_int (fixture->db, "SELECT count(*) FROM audit WHERE entity = 'attendance' "
                                                   "AND session_id = ?1", fixture->session), ==, 2);
}

/* A row the schema refuses fails the copy with the database's reason,
 * and the transaction leaves nothing of it. */
static void
test_copy_refused (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 before = kl_test_count (fixture->db, "SELECT count(*) FROM enrolment");

  {
    g_autoptr(KlTransaction) tx = kl_db_begin (fixture->db, &error);
    g_autoptr(KlCopy) enrolments = kl_db_copy_begin (fixture->db, "enrolment", "programme_id, participant_id", "ii",
                                                     &error);
    gboolean ok;

    g_assert_no_error (error);
    /* No participant 999999: the foreign key refuses it, at the row on
     * SQLite, at the end on a server. */
    ok = kl_copy_row (enrolments, &error, fixture->programme, (gint64) 999999)
         && kl_copy_end (enrolments, &error);
    g_assert_false (ok);
    g_assert_error (error, KL_ERROR, KL_ERROR_DB);
  }
  g_assert_cmpint (kl_test_count (fixture->db, "SELECT count(*) FROM enrolment"), ==, before);
}

/* Three queries of a view in one batch read as they would one by one,
 * twice (the statements are kept), and a programme that is not there
 * is an empty result, not an error. */
static void
test_batch (Fixture       *fixture,
            gconstpointer  data)
{
  static const char *const sqls[] = {
    "SELECT title FROM programme WHERE id = ?1",
    "SELECT id, title FROM session WHERE programme_id = ?1 ORDER BY id",
    "SELECT count(*) FROM enrolment WHERE programme_id = ?1",
  };
  g_autoptr(GError) error = NULL;
  gint64 second = kl_test_add_session (fixture->db, fixture->programme, "Samling 2",
                                       "2026-03-02T09:00", "2026-03-02T15:00");

  for (int round = 0; round < 2; round++)
    {
      KlStmt *stmts[G_N_ELEMENTS (sqls)];

      g_assert_true (kl_db_query_batch (fixture->db, &error, fixture->programme, G_N_ELEMENTS (sqls), sqls, stmts));
      g_assert_no_error (error);
      g_assert_true (kl_stmt_next (stmts[0], &error));
      g_assert_cmpstr (kl_stmt_peek_text (stmts[0], 0), ==, "LED SKOLE Lier");
      g_assert_false (kl_stmt_next (stmts[0], &error));
      g_assert_true (kl_stmt_next (stmts[1], &error));
      g_assert_cmpint (kl_stmt_int (stmts[1], 0), ==, fixture->session);
      g_assert_true (kl_stmt_next (stmts[1], &error));
      g_assert_cmpint (kl_stmt_int (stmts[1], 0), ==, second);
      g_assert_cmpstr (kl_stmt_peek_text (stmts[1], 1), ==, "Samling 2");
      g_assert_false (kl_stmt_next (stmts[1], &error));
      g_assert_true (kl_stmt_next (stmts[2], &error));
      g_assert_cmpint (kl_stmt_int (stmts[2], 0), ==, 0);
      g_assert_no_error (error);
      for (guint i = 0; i < G_N_ELEMENTS (sqls); i++)
        kl_stmt_release (stmts[i]);
    }

  {
    KlStmt *stmts[G_N_ELEMENTS (sqls)];

    g_assert_true (kl_db_query_batch (fixture->db, &error, fixture->programme + 1000, G_N_ELEMENTS (sqls), sqls,
                                      stmts));
    g_assert_no_error (error);
    g_assert_false (kl_stmt_next (stmts[0], &error));
    g_assert_false (kl_stmt_next (stmts[1], &error));
    g_assert_no_error (error);
    for (guint i = 0; i < G_N_ELEMENTS (sqls); i++)
      kl_stmt_release (stmts[i]);
  }
  /* The connection goes on as before. */
  g_assert_cmpint (kl_test_query_int (fixture->db, "SELECT count(*) FROM session WHERE programme_id = ?1",
                                      fixture->programme), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/db/copy/rows", test_copy_rows);
  ADD ("/db/copy/audit", test_copy_audit);
  ADD ("/db/copy/refused", test_copy_refused);
  ADD ("/db/batch", test_batch);
#undef ADD
  return g_test_run ();
}
