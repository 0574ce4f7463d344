#include "config.h"

#include "kl-db.h"
#include "kl-model.h"
#include "kl-store.h"
#include "kl-test-store.h"
#include "kl-test-util.h"

/* Live updates (issue 13): a commit on one connection reaches another
 * connection's main loop as "changed::remote", on PostgreSQL through
 * LISTEN/NOTIFY, on SQLite through PRAGMA data_version read once a
 * second. Runs on either backend (KL_TEST_BACKEND). */

/* A notification is one round trip; data_version is read once a second,
 * so on SQLite the next reading may be a whole second after the commit. */
#define LIMIT_SERVER 1.0
#define LIMIT_FILE 1.25

typedef struct
{
  guint local;
  guint remote;
  GStrv tables;            /* of the last emission; NULL: not known */
  gboolean tables_known;
} Seen;

typedef struct
{
  char *dir;
  KlDb *a;
  KlDb *b;
  Seen seen_a;
  Seen seen_b;
} Fixture;

static double
limit (void)
{
  return kl_test_on_server () ? LIMIT_SERVER : LIMIT_FILE;
}

static void
on_local_cb (KlDb *db,
             Seen *seen)
{
  seen->local++;
}

static void
on_remote_cb (KlDb *db,
              Seen *seen)
{
  const char * const *tables = kl_db_get_changed_tables (db);

  seen->remote++;
  g_clear_pointer (&seen->tables, g_strfreev);
  seen->tables = g_strdupv ((char **) tables);
  seen->tables_known = tables != NULL;
}

static void
follow (KlDb *db,
        Seen *seen)
{
  g_signal_connect (db, "changed::local", G_CALLBACK (on_local_cb), seen);
  g_signal_connect (db, "changed::remote", G_CALLBACK (on_remote_cb), seen);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = kl_test_make_dir ("test-live");
  fixture->a = kl_test_open_db (fixture->dir);
  /* The same database, as a second client (or a second window) sees it. */
  fixture->b = kl_db_open (kl_db_get_path (fixture->a), &error);
  g_assert_no_error (error);
  follow (fixture->a, &fixture->seen_a);
  follow (fixture->b, &fixture->seen_b);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->b);
  g_clear_pointer (&fixture->seen_a.tables, g_strfreev);
  g_clear_pointer (&fixture->seen_b.tables, g_strfreev);
  kl_test_close_db (&fixture->a, &fixture->dir);
}

static gboolean
on_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* The main loop runs until *count reaches want or seconds pass; the
 * seconds it took back. */
static double
run_until (guint  *count,
           guint   want,
           double  seconds)
{
  gint64 start = g_get_monotonic_time ();
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add ((guint) (seconds * 1000), on_timeout_cb, &timed_out);

  while (*count < want && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static void
test_other_connection (Fixture       *fixture,
                       gconstpointer  data)
{
  double took;

  kl_db_watch (fixture->a);
  kl_db_watch (fixture->b);
  kl_test_add_client (fixture->a, "Bergen kommune", "kommune", 0, NULL);
  took = run_until (&fixture->seen_b.remote, 1, limit ());
  g_test_message ("the other connection heard of the commit after %.3f s", took);
  g_assert_cmpuint (fixture->seen_b.remote, ==, 1);
  g_assert_cmpfloat (took, <, limit ());
  /* The server says what was written; a file only that something was. */
  if (kl_test_on_server ())
    {
      g_assert_true (fixture->seen_b.tables_known);
      g_assert_true (g_strv_contains ((const char * const *) fixture->seen_b.tables, "client"));
    }
  else
    g_assert_false (fixture->seen_b.tables_known);

  /* Nothing more arrives for that one commit, on either side: a's own
   * commit was signalled once, as it was made. */
  run_until (&fixture->seen_b.remote, 2, limit () + 0.25);
  g_assert_cmpuint (fixture->seen_b.remote, ==, 1);
  g_assert_cmpuint (fixture->seen_b.local, ==, 0);
  g_assert_cmpuint (fixture->seen_a.local, ==, 1);
  g_assert_cmpuint (fixture->seen_a.remote, ==, 0);

  /* And the other way round: b's write reaches a. */
  kl_test_add_client (fixture->b, "Voss herad", "kommune", 0, NULL);
  run_until (&fixture->seen_a.remote, 1, limit ());
  g_assert_cmpuint (fixture->seen_a.remote, ==, 1);
  g_assert_cmpuint (fixture->seen_b.local, ==, 1);
  g_assert_cmpint (kl_test_count (fixture->a, "SELECT count(*) FROM client"), ==, 2);

  kl_db_unwatch (fixture->a);
  kl_db_unwatch (fixture->b);
}

/* Several commits in a row are one reload for the others, and each of
 * the writer's own is signalled once, never again as another's. */
static void
test_own_commits_once (Fixture       *fixture,
                       gconstpointer  data)
{
  kl_db_watch (fixture->a);
  kl_db_watch (fixture->b);
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("Kommune %d", i + 1);

      kl_test_add_client (fixture->a, name, "kommune", 0, NULL);
    }
  run_until (&fixture->seen_a.remote, 1, limit () + 0.25);
  g_assert_cmpuint (fixture->seen_a.local, ==, 3);
  g_assert_cmpuint (fixture->seen_a.remote, ==, 0);
  g_assert_cmpuint (fixture->seen_b.remote, >=, 1);
  g_assert_cmpuint (fixture->seen_b.remote, <=, 3);
  kl_db_unwatch (fixture->a);
  kl_db_unwatch (fixture->b);
}

/* What did not change the data tells nobody: a transaction that only
 * read, and one rolled back. */
static void
test_nothing_written (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  kl_db_watch (fixture->b);
  {
    g_autoptr(KlTransaction) tx = kl_db_begin (fixture->a, &error);

    g_assert_no_error (error);
    g_assert_cmpint (kl_test_count (fixture->a, "SELECT count(*) FROM client"), ==, 0);
    g_assert_true (kl_transaction_commit (tx, &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(KlTransaction) tx = kl_db_begin (fixture->a, &error);

    g_assert_no_error (error);
    g_assert_true (kl_db_exec (fixture->a, &error, "INSERT INTO client (name, kind) VALUES (?, ?)", "tt",
                               "Odda kommune", "kommune"));
    g_assert_no_error (error);
    /* tx dropped: rolled back */
  }
  run_until (&fixture->seen_b.remote, 1, limit () + 0.25);
  g_assert_cmpuint (fixture->seen_b.remote, ==, 0);
  g_assert_cmpint (kl_test_count (fixture->b, "SELECT count(*) FROM client"), ==, 0);
  kl_db_unwatch (fixture->b);
}

/* Only a watched connection hears of others; watching again picks up
 * from then on. */
static void
test_unwatched (Fixture       *fixture,
                gconstpointer  data)
{
  kl_test_add_client (fixture->a, "Stord kommune", "kommune", 0, NULL);
  run_until (&fixture->seen_b.remote, 1, limit () + 0.25);
  g_assert_cmpuint (fixture->seen_b.remote, ==, 0);

  kl_db_watch (fixture->b);
  kl_db_watch (fixture->b);
  kl_db_unwatch (fixture->b);
  /* Still watched once. */
  kl_test_add_client (fixture->a, "Fitjar kommune", "kommune", 0, NULL);
  run_until (&fixture->seen_b.remote, 1, limit ());
  g_assert_cmpuint (fixture->seen_b.remote, ==, 1);
  kl_db_unwatch (fixture->b);

  kl_test_add_client (fixture->a, "Bømlo kommune", "kommune", 0, NULL);
  run_until (&fixture->seen_b.remote, 2, limit () + 0.25);
  g_assert_cmpuint (fixture->seen_b.remote, ==, 1);
}

/* Another process: a programme and a mark of attendance, written by a
 * child, reach this process's main loop. */
static void
test_other_process (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 client_id = kl_test_add_client (fixture->a, "Sogndal kommune", "kommune", 0, NULL);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, client_id);
  double took;

  kl_db_watch (fixture->b);
  g_setenv ("KL_TEST_LIVE_DB", kl_db_get_path (fixture->a), TRUE);
  g_setenv ("KL_TEST_LIVE_CLIENT", id, TRUE);
  g_test_trap_subprocess ("/live/child/write", 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  took = run_until (&fixture->seen_b.remote, 1, limit ());
  g_test_message ("the other process's commits were heard after %.3f s", took);
  g_assert_cmpuint (fixture->seen_b.remote, ==, 1);
  g_assert_cmpint (kl_test_count (fixture->b, "SELECT count(*) FROM programme"), ==, 1);
  g_assert_cmpint (kl_test_count (fixture->b, "SELECT count(*) FROM attendance WHERE status = 'present'"), ==, 1);
  kl_db_unwatch (fixture->b);
}

static void
child_write (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDb) db = NULL;
  g_autoptr(KlProgramme) programme = kl_programme_new ();
  g_autoptr(KlParticipant) participant = kl_participant_new ();
  gint64 session_id;

  if (!g_test_subprocess ())
    {
      g_test_skip ("run by /live/other-process");
      return;
    }
  db = kl_db_open (g_getenv ("KL_TEST_LIVE_DB"), &error);
  g_assert_no_error (error);
  programme->client_id = g_ascii_strtoll (g_getenv ("KL_TEST_LIVE_CLIENT"), NULL, 10);
  programme->title = g_strdup ("Ledelse i praksis");
  programme->kind = g_strdup ("led-skole");
  programme->start_date = g_strdup ("2026-01-12");
  programme->end_date = g_strdup ("2026-06-12");
  g_assert_true (kl_store_insert_programme (db, programme, &error));
  g_assert_no_error (error);
  session_id = kl_test_add_session (db, programme->id, "Samling 1", "2026-01-12T09:00", "2026-01-12T15:00");
  participant->name = g_strdup ("Kari Nordmann");
  g_assert_true (kl_store_insert_participant (db, participant, &error));
  g_assert_no_error (error);
  kl_test_enrol (db, programme->id, participant->id);
  kl_test_mark (db, session_id, participant->id, "present", 360);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("KARTLESER_NOW", "2026-03-02T10:00", TRUE);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/live/other-connection", test_other_connection);
  ADD ("/live/own-commits-once", test_own_commits_once);
  ADD ("/live/nothing-written", test_nothing_written);
  ADD ("/live/unwatched", test_unwatched);
  ADD ("/live/other-process", test_other_process);
  g_test_add_func ("/live/child/write", child_write);
  return g_test_run ();
}
