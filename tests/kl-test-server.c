#include "config.h"

#include <libpq-fe.h>
#include <string.h>
#include <unistd.h>

#include "kl-test-server.h"

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
char *
kl_test_server_db (void)
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
kl_test_server_db_name (const char *uri)
{
  const char *start = strstr (uri, ":///");

  g_assert_nonnull (start);
  start += 4;
  return g_strndup (start, strcspn (start, "?"));
}

const char *
kl_test_db_user (void)
{
  return kl_test_on_server () ? "postgres" : g_get_user_name ();
}

char *
kl_test_db_location_named (const char *dir,
                           const char *name)
{
  if (kl_test_on_server ())
    return kl_test_server_db ();
  return g_build_filename (dir, name, NULL);
}
