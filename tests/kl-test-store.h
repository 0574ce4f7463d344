#pragma once

#include "kl-db.h"
#include "kl-test-server.h"

G_BEGIN_DECLS

/* Where a test's database is: a file in dir, or a fresh, empty database
 * on the cluster. */
char    *kl_test_db_location (const char *dir);
/* That database opened, asserted to open. */
KlDb    *kl_test_open_db     (const char *dir);

/* The usual records for a test, each asserted to be stored; ids back. */
gint64 kl_test_add_client  (KlDb       *db,
                            const char *name,
                            const char *kind,
                            gint64      parent_id,
                            const char *orgnr);
gint64 kl_test_add_session (KlDb       *db,
                            gint64      programme_id,
                            const char *title,
                            const char *starts_at,
                            const char *ends_at);
gint64 kl_test_enrol       (KlDb       *db,
                            gint64      programme_id,
                            gint64      participant_id);
void   kl_test_mark        (KlDb       *db,
                            gint64      session_id,
                            gint64      participant_id,
                            const char *status,
                            int         minutes);

G_END_DECLS
