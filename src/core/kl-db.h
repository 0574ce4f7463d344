#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KL_TYPE_DB (kl_db_get_type ())

G_DECLARE_FINAL_TYPE (KlDb, kl_db, KL, DB, GObject)

/* A statement borrowed from the database's cache: g_autoptr resets it.
 * Whichever backend runs it (SQLite or PostgreSQL), callers see this. */
typedef struct _KlStmt KlStmt;
typedef struct _KlTransaction KlTransaction;
typedef struct _KlCopy KlCopy;

typedef enum
{
  KL_VALUE_NULL,
  KL_VALUE_INT,
  KL_VALUE_TEXT,
  KL_VALUE_BLOB,
} KlValueKind;

char          *kl_db_default_path     (void);
/* The version this program's migrations reach. */
int            kl_db_schema_version   (void);
/* The few statements that differ between the backends, each kept by its
 * backend (kl-db-sqlite.c, kl-db-pg.c); the rest of the SQL is written
 * to run on both. */
typedef enum
{
  KL_SQL_SEARCH,          /* rowid, title, snippet of the hits of the query ?1
                           * (kl_store_fts_query), best first, at most ?2 */
  KL_SQL_SEARCH_REBUILD,  /* the search index built anew from its rows, none of
                           * the terms of rows gone kept; NULL: not needed */
  KL_SQL_FORGET,          /* outside a transaction: what was deleted leaves the
                           * files as well; NULL: the server's own business */
  KL_SQL_SCHEMA_VERSION,  /* the schema version of the open database */
  KL_SQL_QUERY_ONLY,      /* this connection refuses to write from now on */
  KL_SQL_SEAL,            /* a sealed document added: programme ?1, kind ?2,
                           * format ?3, lang ?4, content ?5, sha256 ?6 (on a
                           * server through the owner's function) */
  KL_SQL_SEARCH_MATCH,    /* the condition, on the table search, that a row
                           * matches the query ? (kl_store_fts_query) */
  KL_SQL_ANALYZE,         /* followed by table names: the planner's statistics
                           * of tables just filled by a copy, run before the
                           * commit; NULL: not needed */
  KL_SQL_N
} KlSql;

const char    *kl_db_sql              (KlDb           *self,
                                       KlSql           which);
/* Inside a transaction of kl_db_begin's (at any depth)? */
gboolean       kl_db_in_transaction   (KlDb           *self);
/* What was deleted leaves the files as well (KL_SQL_FORGET); outside a
 * transaction, and a no-op where the backend has nothing to do. */
gboolean       kl_db_forget           (KlDb           *self,
                                       GError        **error);

/* location: a file path, or a libpq URI (postgresql://, postgres://)
 * of a team server. */
gboolean       kl_db_location_is_server (const char   *location);
KlDb          *kl_db_open             (const char     *location,
                                       GError        **error);
const char    *kl_db_get_path         (KlDb           *self);
/* Another connection to the same database with the same credentials (a
 * server's password included, which kl_db_get_path hides): for workers
 * that read or write in a thread of their own. */
KlDb          *kl_db_open_again       (KlDb           *self,
                                       GError        **error);
/* A server's connection may be lost (the network, a restarted server);
 * the main loop hears it as the signal "connection-lost", and
 * kl_db_reconnect tries a new one. A file is always connected. */
gboolean       kl_db_is_connected     (KlDb           *self);
gboolean       kl_db_reconnect        (KlDb           *self,
                                       GError        **error);
/* The same, the connection made in a worker thread: a server out of
 * reach keeps it up to the location's connect_timeout, the main loop
 * not at all. */
void           kl_db_reconnect_async  (KlDb                *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             data);
gboolean       kl_db_reconnect_finish (KlDb           *self,
                                       GAsyncResult   *result,
                                       GError        **error);
/* The version of the open database's schema: PRAGMA user_version on
 * SQLite, the one-row table kl_schema_version on a server; -1 on error. */
int            kl_db_get_schema_version (KlDb         *self,
                                       GError        **error);
char          *kl_db_get_last_backup  (KlDb           *self);
gboolean       kl_db_is_read_only     (KlDb           *self);
const char    *kl_db_get_damage       (KlDb           *self);

/* Live updates. "changed" follows every commit of this connection (detail
 * "local"); while watched, also another connection's (detail
 * "remote": another client of the team server, through LISTEN/NOTIFY;
 * another process on the file, through PRAGMA data_version read once a
 * second). Watches nest: a window watches while it is open. */
void           kl_db_watch            (KlDb           *self);
void           kl_db_unwatch          (KlDb           *self);
/* While "changed" is emitted: the tables written, sorted; NULL when that
 * is not known (anything may have changed). */
const char * const *kl_db_get_changed_tables (KlDb    *self);

/* The full check of every page, which opening leaves out (see kl-db.c). */
gboolean       kl_db_check            (KlDb                 *self,
                                       GCancellable         *cancellable,
                                       GError              **error);
void           kl_db_check_async      (KlDb                 *self,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              data);
gboolean       kl_db_check_finish     (KlDb                 *self,
                                       GAsyncResult         *result,
                                       GError              **error);
gboolean       kl_db_check_due        (KlDb                 *self);

KlTransaction *kl_db_begin            (KlDb           *self,
                                       GError        **error);
/* func (self, data) runs once the outermost transaction around this call
 * has committed; never if the transaction, or the savepoint this was
 * called in, rolls back. Outside a transaction it runs at once. data is
 * freed with destroy (may be NULL) either way. */
typedef void (*KlDbCommitFunc) (KlDb     *self,
                                gpointer  data);
void           kl_db_at_commit        (KlDb           *self,
                                       KlDbCommitFunc  func,
                                       gpointer        data,
                                       GDestroyNotify  destroy);
gboolean       kl_transaction_commit  (KlTransaction  *tx,
                                       GError        **error);
void           kl_transaction_free    (KlTransaction  *tx);

/* types: one letter a parameter. t text (NULL or "" bind NULL), i gint64,
 * n int, r gint64 reference (0 binds NULL), a gint64 amount (KL_NO_AMOUNT
 * binds NULL), b GBytes (NULL binds NULL). */
KlStmt        *kl_db_query            (KlDb           *self,
                                       GError        **error,
                                       const char     *sql,
                                       const char     *types,
                                       ...);
gboolean       kl_db_exec             (KlDb           *self,
                                       GError        **error,
                                       const char     *sql,
                                       const char     *types,
                                       ...);
gint64         kl_db_last_id          (KlDb           *self);
/* Rows the last INSERT, UPDATE or DELETE changed. */
gint64         kl_db_changes          (KlDb           *self);
gboolean       kl_db_backup_to        (KlDb           *self,
                                       const char     *dest,
                                       GError        **error);

gboolean       kl_stmt_next           (KlStmt         *stmt,
                                       GError        **error);
/* Onto the first row of a lookup. FALSE when stmt is NULL (its query has
 * said why), when reading fails, or when there is no row: then, with
 * not_found given, a KL_ERROR_NOT_FOUND of that text, else no error. */
gboolean       kl_stmt_first          (KlStmt         *stmt,
                                       GError        **error,
                                       const char     *not_found,
                                       ...) G_GNUC_PRINTF (3, 4);
char          *kl_stmt_text           (KlStmt         *stmt,
                                       int             column);
/* The text of a column until the next kl_stmt_next; NULL for SQL NULL. */
const char    *kl_stmt_peek_text      (KlStmt         *stmt,
                                       int             column);
gboolean       kl_stmt_is_null        (KlStmt         *stmt,
                                       int             column);
int            kl_stmt_column_count   (KlStmt         *stmt);
const char    *kl_stmt_column_name    (KlStmt         *stmt,
                                       int             column);
KlValueKind    kl_stmt_column_kind    (KlStmt         *stmt,
                                       int             column);
gint64         kl_stmt_int            (KlStmt         *stmt,
                                       int             column);
gint64         kl_stmt_amount         (KlStmt         *stmt,
                                       int             column);
GBytes        *kl_stmt_blob           (KlStmt         *stmt,
                                       int             column);
void           kl_stmt_release        (KlStmt         *stmt);

/* Many rows into one table, for generated data (kl_demo_fill): COPY on a
 * server, so that a thousand rows cost one round trip and not a thousand;
 * the prepared INSERT for each row on SQLite. columns: "a, b, c", types
 * as kl_db_query's, one a column (no 'b'). The rows reach the database
 * by kl_copy_end at the latest (at once on SQLite, at the end on a
 * server), with every row trigger firing as for an INSERT: so end the
 * copies of a table before those of the tables that refer to it, and
 * only use the ids of rows already written, or reserved. */
KlCopy        *kl_db_copy_begin       (KlDb           *self,
                                       const char     *table,
                                       const char     *columns,
                                       const char     *types,
                                       GError        **error);
gboolean       kl_copy_row            (KlCopy         *copy,
                                       GError        **error,
                                       ...);
/* Sends what is left; the copy may not be used for rows again. */
gboolean       kl_copy_end            (KlCopy         *copy,
                                       GError        **error);
void           kl_copy_free           (KlCopy         *copy);
/* rows were written into table in bulk in this transaction (kl_copy_end
 * says so itself): where the backend keeps planner statistics
 * (KL_SQL_ANALYZE), a table given a thousand rows or more has them
 * gathered before the commit, so the next queries are not planned blind. */
void           kl_db_note_loaded      (KlDb           *self,
                                       const char     *table,
                                       guint           rows);
/* n new ids (gint64) for rows of table that no other writer will take, in
 * one round trip, so that rows referring to each other can be copied
 * together. In a transaction; on SQLite they follow the highest id
 * stored, so write a reservation's rows before reserving again. */
GArray        *kl_db_reserve_ids      (KlDb           *self,
                                       const char     *table,
                                       guint           n,
                                       GError        **error);

/* Several queries a view needs, each taking one id as ?1 (and only that),
 * run at once: in one round trip on a server (libpq's pipeline), as
 * kl_db_query each on SQLite. stmts[i] is read as kl_db_query's; release
 * each. On failure none is left to release. */
gboolean       kl_db_query_batch      (KlDb              *self,
                                       GError           **error,
                                       gint64             id,
                                       guint              n,
                                       const char *const *sqls,
                                       KlStmt           **stmts);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlStmt, kl_stmt_release)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlCopy, kl_copy_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlTransaction, kl_transaction_free)

G_END_DECLS
