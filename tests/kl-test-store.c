#include "config.h"

#include <libpq-fe.h>
#include <unistd.h>

#include "kl-store.h"
#include "kl-test-store.h"

gboolean
kl_test_on_server (void)
{
  const char *backend = g_getenv ("KL_TEST_BACKEND");

  if (backend == NULL || *backend == '\0' || g_str_equal (backend, "sqlite"))
    return FALSE;
  if (!g_str_equal (backend, "postgresql"))
    g_error ("KL_TEST_BACKEND=%s: sqlite or postgresql", backend);
  return TRUE;
}

/* A new database on the cluster, each under its own name. No cluster
 * when one was asked for fails the test: it never falls back. */
static char *
create_server_db (void)
{
  static guint n_made;
  const char *host = g_getenv ("KL_TEST_PG_HOST");
  g_autofree char *admin = NULL;
  g_autofree char *name = NULL;
  g_autofree char *sql = NULL;
  PGconn *conn;
  PGresult *result;

  if (host == NULL || *host == '\0')
    g_error ("KL_TEST_BACKEND=postgresql without a cluster: run the test through tests/kl-pg-cluster.sh");
  admin = g_strdup_printf ("postgresql:///postgres?host=%s&user=postgres", host);
  conn = PQconnectdb (admin);
  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("The test cluster in %s: %s", host, PQerrorMessage (conn));
  name = g_strdup_printf ("kl_test_%d_%u", (int) getpid (), ++n_made);
  sql = g_strdup_printf ("CREATE DATABASE %s", name);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);
  return g_strdup_printf ("postgresql:///%s?host=%s&user=postgres", name, host);
}

char *
kl_test_db_location (const char *dir)
{
  if (kl_test_on_server ())
    return create_server_db ();
  return g_build_filename (dir, "kartleser.db", NULL);
}

KlDb *
kl_test_open_db (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *location = kl_test_db_location (dir);
  KlDb *db = kl_db_open (location, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  return db;
}

gint64
kl_test_add_client (KlDb       *db,
                    const char *name,
                    const char *kind,
                    gint64      parent_id,
                    const char *orgnr)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlClient) client = kl_client_new ();

  client->name = g_strdup (name);
  client->kind = g_strdup (kind);
  client->parent_id = parent_id;
  client->orgnr = g_strdup (orgnr);
  g_assert_true (kl_store_insert_client (db, client, &error));
  g_assert_no_error (error);
  g_assert_cmpint (client->id, >, 0);
  return client->id;
}

gint64
kl_test_add_session (KlDb       *db,
                     gint64      programme_id,
                     const char *title,
                     const char *starts_at,
                     const char *ends_at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSession) session = kl_session_new ();

  session->programme_id = programme_id;
  session->kind = g_strdup ("fagsamling");
  session->title = g_strdup (title);
  session->starts_at = g_strdup (starts_at);
  session->ends_at = g_strdup (ends_at);
  g_assert_true (kl_store_insert_session (db, session, &error));
  g_assert_no_error (error);
  g_assert_cmpint (session->id, >, 0);
  return session->id;
}

gint64
kl_test_enrol (KlDb   *db,
               gint64  programme_id,
               gint64  participant_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEnrolment) enrolment = kl_enrolment_new ();

  enrolment->programme_id = programme_id;
  enrolment->participant_id = participant_id;
  g_assert_true (kl_store_enrol (db, enrolment, &error));
  g_assert_no_error (error);
  g_assert_cmpint (enrolment->id, >, 0);
  return enrolment->id;
}

void
kl_test_mark (KlDb       *db,
              gint64      session_id,
              gint64      participant_id,
              const char *status,
              int         minutes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlAttendance) attendance = kl_attendance_new ();

  attendance->session_id = session_id;
  attendance->participant_id = participant_id;
  attendance->status = g_strdup (status);
  attendance->minutes = minutes;
  g_assert_true (kl_store_set_attendance (db, attendance, &error));
  g_assert_no_error (error);
}
