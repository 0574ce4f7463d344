#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "kl-db.h"

G_BEGIN_DECLS

/* How long a connection waits for another's lock on the file. */
#define KL_DB_BUSY_TIMEOUT_MS 5000

/* kl_db_open with another set of migrations (NNNN-name.sql under
 * resource_path), so that tests can upgrade and fail on purpose. */
KlDb *kl_db_open_with_migrations (const char  *path,
                                  GResource   *resource,
                                  const char  *resource_path,
                                  GError     **error);

/* The SQLite connection, for SQLite's own features (tests, backups);
 * NULL on a server. */
sqlite3 *kl_db_get_handle        (KlDb        *self);

/* kl-db-sqlite.c, for kl-db-check.c: whether self is an SQLite file,
 * what a full check found (writes are refused while it stands), and why a
 * file could not be opened, in the user's words. */
gboolean  kl_db_is_sqlite          (KlDb        *self);
void      kl_db_sqlite_set_damage  (KlDb        *self,
                                    const char  *problems);
gboolean  kl_db_set_open_error     (GError     **error,
                                    const char  *path,
                                    sqlite3     *handle,
                                    int          code);
/* The first row's first int (and second, unless NULL) of an SQL statement
 * on a bare SQLite handle, for kl-backup.c too: SQLITE_OK, or the error. */
int       kl_db_sqlite_read_ints   (sqlite3     *handle,
                                    const char  *sql,
                                    int         *first,
                                    int         *second);

/* Generated data only (kl_demo_fill): while paused, changes on this
 * connection leave no audit rows. Real changes are always recorded. */
void  kl_db_pause_audit          (KlDb        *self,
                                  gboolean     paused);

/* kl-db-check.c: the file around the database, for kl-db.c and
 * kl-backup.c. */
typedef struct
{
  gboolean wal;
  gboolean shm;
} KlCompanions;

char     *kl_db_companion             (const char          *path,
                                       const char          *suffix);
gboolean  kl_db_check_header          (const char          *path,
                                       gboolean            *empty,
                                       GError             **error);
char     *kl_db_uri                   (const char          *path,
                                       const char          *query);
void      kl_db_companions_note       (const char          *path,
                                       KlCompanions        *before);
void      kl_db_companions_tidy       (const char          *path,
                                       const KlCompanions  *before);
void      kl_db_companions_match_mode (const char          *path);
void      kl_db_remove_stale_parts    (const char          *path);
gboolean  kl_db_quick_check           (sqlite3             *handle,
                                       GCancellable        *cancellable,
                                       char               **problems,
                                       GError             **error);
void      kl_db_note_check            (const char          *path,
                                       const char          *problems);
char     *kl_db_noted_damage          (const char          *path,
                                       char               **checked_day);

G_END_DECLS
