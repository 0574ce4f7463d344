#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The backend a test runs on: KL_TEST_BACKEND=sqlite (the default) or
 * postgresql, with the run's private cluster (tests/kl-pg-cluster.sh). */
gboolean kl_test_on_server   (void);
/* A fresh, empty database on that cluster, as a libpq URI. */
char    *kl_test_server_db   (void);
/* The database's name in such a URI. */
char    *kl_test_server_db_name (const char *uri);
/* Who the audit trail names: the OS user on SQLite, the database role
 * the tests log in as on PostgreSQL. */
const char *kl_test_db_user  (void);
/* Where a test's database is: name in dir on SQLite, a fresh database on
 * the cluster on PostgreSQL. */
char    *kl_test_db_location_named (const char *dir,
                                    const char *name);

G_END_DECLS
