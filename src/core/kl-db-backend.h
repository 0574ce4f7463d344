#pragma once

#include <gio/gio.h>

#include "kl-db.h"

G_BEGIN_DECLS

/* What kl-db.c shares with its two implementations, kl-db-sqlite.c and
 * kl-db-pg.c. Nothing outside those three files includes this. */

typedef struct _KlDbBackend KlDbBackend;

struct _KlDb
{
  GObject parent_instance;

  const KlDbBackend *backend;
  /* A server's: its module's open, state and reconnect (KlDbServerBackend). */
  const struct _KlDbServerBackend *server;
  gpointer conn;           /* the backend's own state */
  char *path;              /* a file path or a libpq URI, as given */
  char *location;          /* as given, password and all: kl_db_open_again */
  gboolean lost;           /* the server's connection is gone (kl_db_reconnect) */
  int tx_depth;
  char *last_backup;
  gboolean audit_paused;
  gboolean read_only;
  char *damage;            /* what a full check found; writes are refused */
  /* Live updates (kl_db_watch): the tables this transaction wrote, those
   * other connections reported, and the change being signalled. */
  GHashTable *written;
  GHashTable *loaded;      /* table -> rows copied into it (kl_copy_end) */
  GPtrArray *at_commit;    /* AtCommit (kl-db.c), in the order given */
  GHashTable *remote;
  guint remote_id;
  guint watchers;
  guint watch_id;          /* the backend's source while watched */
  gint64 data_version;     /* SQLite: PRAGMA data_version last read */
  GStrv signalled;
};

/* Every backend's statement starts with this. */
struct _KlStmt
{
  KlDb *db;                /* not a reference: the statement lives in db's cache */
};

struct _KlDbBackend
{
  /* The outermost transaction's first statement. */
  const char *begin_sql;
  const char *sql[KL_SQL_N];

  void         (*close)          (KlDb        *self);
  /* SQL without parameters, possibly several statements (migrations). */
  gboolean     (*exec_script)    (KlDb        *self,
                                  const char  *sql,
                                  GError     **error);
  KlStmt      *(*prepare)        (KlDb        *self,
                                  const char  *sql,
                                  const char  *types,
                                  va_list      args,
                                  GError     **error);
  gboolean     (*step)           (KlStmt      *stmt,
                                  GError     **error);
  void         (*reset)          (KlStmt      *stmt);
  int          (*column_count)   (KlStmt      *stmt);
  const char  *(*column_name)    (KlStmt      *stmt,
                                  int          column);
  KlValueKind  (*column_kind)    (KlStmt      *stmt,
                                  int          column);
  const char  *(*peek_text)      (KlStmt      *stmt,
                                  int          column);
  gint64       (*get_int)        (KlStmt      *stmt,
                                  int          column);
  GBytes      *(*get_blob)       (KlStmt      *stmt,
                                  int          column);
  gint64       (*changes)        (KlDb        *self);
  gint64       (*last_id)        (KlDb        *self);
  gboolean     (*pause_audit)    (KlDb        *self,
                                  gboolean     paused);
  /* Live updates. watch starts (on) or stops noticing other connections'
   * commits, calling kl_db_note_remote for each; NULL: never. announce
   * gives the SQL that tells other connections of this transaction's
   * writes (tables: comma-separated), run just before its COMMIT in the
   * same round trip; NULL: they notice by themselves. take_remote
   * collects what arrived meanwhile (while other statements ran). */
  void         (*watch)          (KlDb        *self,
                                  gboolean     on);
  char        *(*announce)       (KlDb        *self,
                                  const char  *tables,
                                  gboolean     if_written);
  void         (*take_remote)    (KlDb        *self);

  /* Copies (kl_db_copy_begin): NULL runs the prepared INSERT for each
   * row (SQLite). Otherwise rows are kept by copy_row and sent by
   * copy_end; copy_free drops what was not sent. */
  gpointer     (*copy_begin)     (KlDb        *self,
                                  const char  *table,
                                  const char  *columns,
                                  const char  *types,
                                  GError     **error);
  gboolean     (*copy_row)       (gpointer     copy,
                                  va_list      args,
                                  GError     **error);
  gboolean     (*copy_end)       (gpointer     copy,
                                  GError     **error);
  void         (*copy_free)      (gpointer     copy);
  /* kl_db_query_batch; NULL: kl_db_query each (SQLite). */
  gboolean     (*query_batch)    (KlDb              *self,
                                  gint64             id,
                                  guint              n,
                                  const char *const *sqls,
                                  KlStmt           **stmts,
                                  GError           **error);
  /* NULL: the ids after the highest stored (SQLite, under its write lock). */
  GArray      *(*reserve_ids)    (KlDb        *self,
                                  const char  *table,
                                  guint        n,
                                  GError     **error);
};

/* Migrations are NNNN-name.sql under path in resource, one set a backend,
 * numbered alike. */
typedef struct
{
  GResource *resource;
  const char *path;
} KlMigrations;

GPtrArray *kl_migrations_list    (const KlMigrations  *migrations);
int        kl_migrations_latest  (const KlMigrations  *migrations);
gboolean   kl_migrations_run     (KlDb                *self,
                                  const KlMigrations  *migrations,
                                  int                  from,
                                  GError             **error);

/* Another connection committed writes to tables (comma-separated; NULL
 * or "" when it is not known which): "changed" follows soon, from the
 * main loop. */
void       kl_db_note_remote     (KlDb                *self,
                                  const char          *tables);

gboolean   kl_db_refuse_read_only (KlDb    *self,
                                   GError **error);
gboolean   kl_db_refuse_damaged   (KlDb    *self,
                                   GError **error);

/* Each fills in self (path already set) or says why not. */
gboolean   kl_db_sqlite_open     (KlDb                *self,
                                  const KlMigrations  *migrations,
                                  GError             **error);
/* kl-db.c: a lost connection, told to the main loop's "connection-lost". */
void       kl_db_note_connection_lost (KlDb           *self);

/* The PostgreSQL backend, kl-db-pg.c: a module of its own (kl-module.h),
 * loaded when the first server is opened, so that SQLite alone never
 * loads libpq. It reaches back into the core only through the functions
 * kl-db-pg.symbols lists, which the programs export to it. */
typedef struct _KlDbServerBackend
{
  gboolean (*open)         (KlDb                *self,
                            const KlMigrations  *migrations,
                            GError             **error);
  /* The connection's state, a new one after a loss: connect makes it
   * from the location, in any thread (never NULL, maybe failed); adopt,
   * on the thread that uses self, takes it in place of the lost one, or
   * says why it failed and drops it; drop frees one not adopted. */
  gboolean (*is_connected) (KlDb                *self);
  gpointer (*connect)      (const char          *location);
  gboolean (*adopt)        (KlDb                *self,
                            gpointer             fresh,
                            GError             **error);
  void     (*drop)         (gpointer             fresh);
} KlDbServerBackend;

#define KL_DB_PG_MODULE "kl-db-pg"
#define KL_DB_PG_SYMBOL "kl_db_pg_backend"

G_END_DECLS
