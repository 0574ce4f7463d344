#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "kl-backup.h"
#include "kl-core-resources.h"
#include "kl-db-backend.h"
#include "kl-db-private.h"
#include "kl-error.h"
#include "kl-i18n.h"
#include "kl-model.h"
#include "kl-module.h"

/* The storage interface the rest of Kartleser sees: one KlDb, whichever
 * backend holds the data. A file path opens SQLite (kl-db-sqlite.c), a
 * libpq URI a PostgreSQL server (kl-db-pg.c); the two differ only behind
 * the KlDbBackend table. Over 1 000 lines and kept whole: transactions,
 * statements, copies, live updates and the full check are each a thin
 * layer over that table and KlDb's private fields (kl-db-backend.h),
 * which only this file and the two backends touch. */

#define MIGRATIONS_SQLITE "/no/imtec/Kartleser/migrations/sqlite"
#define MIGRATIONS_POSTGRESQL "/no/imtec/Kartleser/migrations/postgresql"

struct _KlTransaction
{
  KlDb *db;
  int depth;
  gboolean done;
};

struct _KlCopy
{
  KlDb *db;
  char *table;
  guint n_rows;
  char *types;
  char *insert_sql;        /* each row's INSERT, when the backend has no copy */
  gpointer state;          /* the backend's copy */
  gboolean ended;
};

G_DEFINE_FINAL_TYPE (KlDb, kl_db, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  SIGNAL_CONNECTION_LOST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Live updates */

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '.' || c == '"';
}

/* The next word of sql at *p, lower case, quotes dropped; "" at the end
 * or at punctuation. */
static char *
next_word (const char **p)
{
  const char *start;
  GString *word = g_string_new (NULL);

  while (g_ascii_isspace (**p))
    (*p)++;
  start = *p;
  while (is_word_char (**p))
    (*p)++;
  for (const char *c = start; c < *p; c++)
    if (*c != '"')
      g_string_append_c (word, g_ascii_tolower (*c));
  return g_string_free (word, FALSE);
}

/* The table an INSERT, REPLACE, UPDATE or DELETE writes, without its
 * schema; NULL for any other statement. The store writes these plainly
 * (no WITH in front), which is what other connections are told of. */
static char *
written_table (const char *sql)
{
  const char *p = sql;
  g_autofree char *verb = next_word (&p);
  g_autofree char *table = NULL;
  const char *dot;

  if (g_str_equal (verb, "insert") || g_str_equal (verb, "replace") || g_str_equal (verb, "delete"))
    {
      /* INSERT OR REPLACE INTO t, DELETE FROM t */
      for (int i = 0; i < 4 && table == NULL; i++)
        {
          g_autofree char *word = next_word (&p);

          if (*word == '\0')
            return NULL;
          if (g_str_equal (word, "into") || g_str_equal (word, "from"))
            table = next_word (&p);
        }
    }
  else if (g_str_equal (verb, "update"))
    {
      table = next_word (&p);
      /* UPDATE OR IGNORE t */
      if (g_str_equal (table, "or"))
        {
          g_free (next_word (&p));
          g_free (table);
          table = next_word (&p);
        }
    }
  if (table == NULL || *table == '\0')
    return NULL;
  dot = strrchr (table, '.');
  return dot ? g_strdup (dot + 1) : g_steal_pointer (&table);
}

/* Inside a transaction, what it writes is remembered for "changed" and
 * for the other connections; a write on its own is announced at once. */
static void
note_written (KlDb       *self,
              const char *sql)
{
  char *table = written_table (sql);

  if (table == NULL)
    return;
  if (self->tx_depth > 0)
    {
      g_hash_table_add (self->written, table);
      return;
    }
  if (self->backend->announce != NULL)
    {
      g_autofree char *announce = self->backend->announce (self, table, FALSE);

      self->backend->exec_script (self, announce, NULL);
    }
  g_free (table);
}

static int
compare_names (gconstpointer a,
               gconstpointer b);

static GStrv
sorted_tables (GHashTable *tables)
{
  GPtrArray *names = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer name;

  g_hash_table_iter_init (&iter, tables);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (names, FALSE);
}

static void
emit_changed (KlDb       *self,
              const char *detail,
              GStrv       tables)
{
  GStrv outer = self->signalled;

  self->signalled = tables;
  g_signal_emit (self, signals[SIGNAL_CHANGED], g_quark_from_static_string (detail));
  self->signalled = outer;
  g_strfreev (tables);
}

static gboolean
emit_remote_cb (gpointer data)
{
  KlDb *self = data;
  gboolean unknown = g_hash_table_contains (self->remote, "");
  GStrv tables = unknown ? NULL : sorted_tables (self->remote);

  self->remote_id = 0;
  g_hash_table_remove_all (self->remote);
  emit_changed (self, "remote", tables);
  return G_SOURCE_REMOVE;
}

void
kl_db_note_remote (KlDb       *self,
                   const char *tables)
{
  g_auto(GStrv) names = g_strsplit (tables ? tables : "", ",", -1);

  if (names[0] == NULL || tables[0] == '\0')
    g_hash_table_add (self->remote, g_strdup (""));
  for (guint i = 0; names[i]; i++)
    if (*names[i] != '\0')
      g_hash_table_add (self->remote, g_strdup (names[i]));
  /* Several commits in a row, one reload. */
  if (self->remote_id == 0 && self->watchers > 0)
    self->remote_id = g_idle_add_full (G_PRIORITY_DEFAULT, emit_remote_cb, g_object_ref (self), g_object_unref);
}

/* What reached the connection while it ran other statements. */
static void
take_remote (KlDb *self)
{
  if (self->watchers > 0 && self->backend->take_remote != NULL)
    self->backend->take_remote (self);
}

/* g_ptr_array_sort () passes pointers to the elements. */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

GPtrArray *
kl_migrations_list (const KlMigrations *migrations)
{
  g_auto(GStrv) names = g_resource_enumerate_children (migrations->resource, migrations->path,
                                                       G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  GPtrArray *sorted = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; names && names[i]; i++)
    if (g_str_has_suffix (names[i], ".sql"))
      g_ptr_array_add (sorted, g_strdup (names[i]));
  g_ptr_array_sort (sorted, compare_names);
  return sorted;
}

int
kl_migrations_latest (const KlMigrations *migrations)
{
  g_autoptr(GPtrArray) names = kl_migrations_list (migrations);

  if (names->len == 0)
    return 0;
  return atoi (g_ptr_array_index (names, names->len - 1));
}

/* Every migration after from, in the caller's transaction. */
gboolean
kl_migrations_run (KlDb                *self,
                   const KlMigrations  *migrations,
                   int                  from,
                   GError             **error)
{
  g_autoptr(GPtrArray) names = kl_migrations_list (migrations);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *resource = g_build_path ("/", migrations->path, name, NULL);
      g_autoptr(GBytes) sql = NULL;

      if (atoi (name) <= from)
        continue;
      sql = g_resource_lookup_data (migrations->resource, resource, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      if (sql == NULL || !self->backend->exec_script (self, g_bytes_get_data (sql, NULL), error))
        {
          g_prefix_error (error, _("Migration %s: "), name);
          return FALSE;
        }
    }
  return TRUE;
}

/* Both backends' sets are numbered alike (a test holds them to it), so a
 * schema version means the same on both. */
int
kl_db_schema_version (void)
{
  KlMigrations bundled = { kl_core_get_resource (), MIGRATIONS_SQLITE };

  return kl_migrations_latest (&bundled);
}

char *
kl_db_default_path (void)
{
  const char *env = g_getenv ("KARTLESER_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "kartleser", "kartleser.db", NULL);
}

const char *
kl_db_sql (KlDb  *self,
           KlSql  which)
{
  g_return_val_if_fail (KL_IS_DB (self), NULL);
  g_return_val_if_fail (which < KL_SQL_N, NULL);
  return self->backend->sql[which];
}

gboolean
kl_db_in_transaction (KlDb *self)
{
  g_return_val_if_fail (KL_IS_DB (self), FALSE);
  return self->tx_depth > 0;
}

gboolean
kl_db_forget (KlDb    *self,
              GError **error)
{
  const char *forget;

  g_return_val_if_fail (KL_IS_DB (self), FALSE);
  g_return_val_if_fail (self->tx_depth == 0, FALSE);

  forget = self->backend->sql[KL_SQL_FORGET];
  return forget == NULL || kl_db_exec (self, error, forget, NULL);
}

gboolean
kl_db_location_is_server (const char *location)
{
  return location != NULL
         && (g_str_has_prefix (location, "postgresql://") || g_str_has_prefix (location, "postgres://"));
}

gboolean
kl_db_refuse_read_only (KlDb    *self,
                        GError **error)
{
  g_set_error (error, KL_ERROR, KL_ERROR_DB_READ_ONLY,
               _("%s is read-only: changes cannot be saved. Make the file writable and open it again."),
               self->path);
  return FALSE;
}

gboolean
kl_db_refuse_damaged (KlDb    *self,
                      GError **error)
{
  g_set_error (error, KL_ERROR, KL_ERROR_DB_DAMAGED,
               _("%s may be damaged (%s). Changes are not saved until it is restored from a backup "
                 "or checked clean (kartleser-cli check)."),
               self->path, self->damage);
  return FALSE;
}

KlDb *
kl_db_open (const char  *location,
            GError     **error)
{
  gboolean server = kl_db_location_is_server (location);

  if (location == NULL)
    {
      g_autofree char *fallback = kl_db_default_path ();

      return kl_db_open (fallback, error);
    }
  return kl_db_open_with_migrations (location, kl_core_get_resource (),
                                     server ? MIGRATIONS_POSTGRESQL : MIGRATIONS_SQLITE, error);
}

/* Opening is constant time on both backends: what is read is the schema's
 * identity, never the data (see kl-db-sqlite.c, kl-db-pg.c). */
KlDb *
kl_db_open_with_migrations (const char  *location,
                            GResource   *resource,
                            const char  *resource_path,
                            GError     **error)
{
  KlMigrations migrations = { resource, resource_path };
  g_autoptr(KlDb) self = NULL;
  g_autofree char *fallback = NULL;
  gboolean ok;

  if (location == NULL)
    location = fallback = kl_db_default_path ();

  self = g_object_new (KL_TYPE_DB, NULL);
  self->path = g_strdup (location);
  self->location = g_strdup (location);
  if (kl_db_location_is_server (location))
    {
      self->server = kl_module_symbol (KL_DB_PG_MODULE, KL_DB_PG_SYMBOL, error);
      ok = self->server != NULL && self->server->open (self, &migrations, error);
    }
  else
    ok = kl_db_sqlite_open (self, &migrations, error);
  if (!ok)
    return NULL;
  return g_steal_pointer (&self);
}

const char *
kl_db_get_path (KlDb *self)
{
  g_return_val_if_fail (KL_IS_DB (self), NULL);
  return self->path;
}

KlDb *
kl_db_open_again (KlDb    *self,
                  GError **error)
{
  g_return_val_if_fail (KL_IS_DB (self), NULL);
  return kl_db_open (self->location, error);
}

gboolean
kl_db_is_connected (KlDb *self)
{
  g_return_val_if_fail (KL_IS_DB (self), FALSE);
  return self->server == NULL || self->server->is_connected (self);
}

gboolean
kl_db_reconnect (KlDb    *self,
                 GError **error)
{
  g_return_val_if_fail (KL_IS_DB (self), FALSE);
  return self->server == NULL || self->server->adopt (self, self->server->connect (self->location), error);
}

static void
reconnect_thread (GTask        *task,
                  gpointer      source,
                  gpointer      data,
                  GCancellable *cancellable)
{
  KlDb *self = source;

  /* location is set once, at the open. */
  g_task_return_pointer (task, self->server->connect (self->location), self->server->drop);
}

void
kl_db_reconnect_async (KlDb                *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KL_IS_DB (self));

  task = g_task_new (self, cancellable, callback, data);
  g_task_set_source_tag (task, kl_db_reconnect_async);
  if (self->server == NULL)
    g_task_return_pointer (task, NULL, NULL);
  else
    g_task_run_in_thread (task, reconnect_thread);
}

gboolean
kl_db_reconnect_finish (KlDb          *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  gpointer fresh;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  fresh = g_task_propagate_pointer (G_TASK (result), error);
  if (self->server == NULL)
    return TRUE;
  return fresh != NULL && self->server->adopt (self, fresh, error);
}

static gboolean
emit_connection_lost_cb (gpointer data)
{
  g_signal_emit (data, signals[SIGNAL_CONNECTION_LOST], 0);
  return G_SOURCE_REMOVE;
}

/* From whichever thread ran the statement, to the main loop, after the
 * store's call has returned its error. */
void
kl_db_note_connection_lost (KlDb *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, emit_connection_lost_cb, g_object_ref (self), g_object_unref);
}

int
kl_db_get_schema_version (KlDb    *self,
                          GError **error)
{
  g_autoptr(KlStmt) stmt = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (KL_IS_DB (self), -1);

  stmt = kl_db_query (self, error, self->backend->sql[KL_SQL_SCHEMA_VERSION], NULL);
  if (stmt == NULL)
    return -1;
  if (!kl_stmt_next (stmt, &local))
    {
      if (local == NULL)
        g_set_error_literal (&local, KL_ERROR, KL_ERROR_DB_DAMAGED, _("The database has no schema version."));
      g_propagate_error (error, g_steal_pointer (&local));
      return -1;
    }
  return (int) kl_stmt_int (stmt, 0);
}

char *
kl_db_get_last_backup (KlDb *self)
{
  g_return_val_if_fail (KL_IS_DB (self), NULL);
  return g_strdup (self->last_backup);
}

gboolean
kl_db_is_read_only (KlDb *self)
{
  g_return_val_if_fail (KL_IS_DB (self), FALSE);
  return self->read_only;
}

/* What the last full check found, while writes are refused for it. */
const char *
kl_db_get_damage (KlDb *self)
{
  g_return_val_if_fail (KL_IS_DB (self), NULL);
  return self->damage;
}

void
kl_db_pause_audit (KlDb     *self,
                   gboolean  paused)
{
  g_return_if_fail (KL_IS_DB (self));
  if (self->backend->pause_audit (self, paused))
    self->audit_paused = paused;
}

/* A checked copy, from a connection of its own: see kl_backup_write. */
gboolean
kl_db_backup_to (KlDb        *self,
                 const char  *dest,
                 GError     **error)
{
  g_return_val_if_fail (KL_IS_DB (self), FALSE);
  return kl_backup_write (self->path, dest, error);
}

/* Transactions nest: the outermost is the backend's BEGIN (IMMEDIATE on
 * SQLite, so a writer never has to upgrade its lock half-way), inner ones
 * are savepoints. Dropping a transaction without committing rolls it
 * back. */
KlTransaction *
kl_db_begin (KlDb    *self,
             GError **error)
{
  KlTransaction *tx;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (KL_IS_DB (self), NULL);

  if (self->tx_depth == 0 && self->damage != NULL)
    {
      kl_db_refuse_damaged (self, error);
      return NULL;
    }
  if (self->tx_depth == 0 && self->read_only)
    {
      kl_db_refuse_read_only (self, error);
      return NULL;
    }
  sql = self->tx_depth == 0 ? g_strdup (self->backend->begin_sql)
                            : g_strdup_printf ("SAVEPOINT kl_%d", self->tx_depth);
  if (!self->backend->exec_script (self, sql, error))
    return NULL;
  tx = g_new0 (KlTransaction, 1);
  tx->db = g_object_ref (self);
  tx->depth = self->tx_depth++;
  return tx;
}

/* What kl_db_at_commit keeps until the outermost commit. */
typedef struct
{
  KlDbCommitFunc func;
  gpointer data;
  GDestroyNotify destroy;
  int depth;               /* tx_depth when it was given */
} AtCommit;

static void
at_commit_free (AtCommit *at)
{
  if (at->destroy != NULL)
    at->destroy (at->data);
  g_free (at);
}

void
kl_db_at_commit (KlDb           *self,
                 KlDbCommitFunc  func,
                 gpointer        data,
                 GDestroyNotify  destroy)
{
  AtCommit *at;

  g_return_if_fail (KL_IS_DB (self));
  g_return_if_fail (func != NULL);

  at = g_new0 (AtCommit, 1);
  at->func = func;
  at->data = data;
  at->destroy = destroy;
  at->depth = self->tx_depth;
  if (self->tx_depth == 0)
    {
      func (self, data);
      at_commit_free (at);
      return;
    }
  g_ptr_array_add (self->at_commit, at);
}

/* At the outermost commit: each in turn, then all dropped. */
static void
run_at_commit (KlDb *self)
{
  g_autoptr(GPtrArray) due = g_steal_pointer (&self->at_commit);

  self->at_commit = g_ptr_array_new_with_free_func ((GDestroyNotify) at_commit_free);
  for (guint i = 0; i < due->len; i++)
    {
      AtCommit *at = g_ptr_array_index (due, i);

      at->func (self, at->data);
    }
}

/* A rollback to depth: what was given deeper is forgotten. */
static void
drop_at_commit (KlDb *self,
                int   depth)
{
  guint keep = self->at_commit->len;

  while (keep > 0 && ((AtCommit *) g_ptr_array_index (self->at_commit, keep - 1))->depth > depth)
    keep--;
  g_ptr_array_set_size (self->at_commit, keep);
}

/* A copy of this many rows or more into a table leaves its statistics
 * behind (KL_SQL_ANALYZE): as autovacuum's threshold on a small table
 * (50 rows and a tenth), where an import or the demo data start. */
#define ANALYZE_ROWS 1000

/* "ANALYZE a, b; " for the tables this transaction filled by copies, or
 * NULL. */
static char *
analyze_sql (KlDb *self)
{
  const char *analyze = self->backend->sql[KL_SQL_ANALYZE];
  g_autoptr(GString) sql = NULL;
  g_auto(GStrv) tables = NULL;

  if (analyze == NULL || g_hash_table_size (self->loaded) == 0)
    return NULL;
  tables = sorted_tables (self->loaded);
  for (guint i = 0; tables[i] != NULL; i++)
    {
      if (GPOINTER_TO_UINT (g_hash_table_lookup (self->loaded, tables[i])) < ANALYZE_ROWS)
        continue;
      if (sql == NULL)
        sql = g_string_new (analyze);
      else
        g_string_append_c (sql, ',');
      g_string_append_printf (sql, " %s", tables[i]);
    }
  if (sql == NULL)
    return NULL;
  g_string_append (sql, "; ");
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

gboolean
kl_transaction_commit (KlTransaction  *tx,
                       GError        **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (tx != NULL && !tx->done, FALSE);
  g_return_val_if_fail (tx->depth == tx->db->tx_depth - 1, FALSE);

  if (tx->depth == 0)
    {
      g_autofree char *analyze = analyze_sql (tx->db);
      g_autofree char *announce = NULL;

      if (tx->db->backend->announce != NULL)
        {
          g_auto(GStrv) tables = sorted_tables (tx->db->written);
          g_autofree char *joined = g_strjoinv (",", tables);

          announce = tx->db->backend->announce (tx->db, joined, TRUE);
        }
      /* Delivered to the others when, and only if, the commit is. */
      sql = g_strconcat (analyze ? analyze : "", announce ? announce : "", announce ? "; " : "", "COMMIT", NULL);
    }
  else
    sql = g_strdup_printf ("RELEASE kl_%d", tx->depth);
  if (!tx->db->backend->exec_script (tx->db, sql, error))
    return FALSE;
  tx->done = TRUE;
  tx->db->tx_depth--;
  if (tx->depth == 0)
    {
      KlDb *db = tx->db;
      GStrv tables = g_hash_table_size (db->written) > 0 ? sorted_tables (db->written) : NULL;

      g_hash_table_remove_all (db->written);
      g_hash_table_remove_all (db->loaded);
      run_at_commit (db);
      take_remote (db);
      emit_changed (db, "local", tables);
    }
  return TRUE;
}

void
kl_transaction_free (KlTransaction *tx)
{
  if (tx == NULL)
    return;
  if (!tx->done)
    {
      g_autofree char *sql = tx->depth == 0
        ? g_strdup ("ROLLBACK")
        : g_strdup_printf ("ROLLBACK TO kl_%d; RELEASE kl_%d", tx->depth, tx->depth);

      tx->db->backend->exec_script (tx->db, sql, NULL);
      tx->db->tx_depth--;
      drop_at_commit (tx->db, tx->depth);
      if (tx->depth == 0)
        {
          g_hash_table_remove_all (tx->db->written);
          g_hash_table_remove_all (tx->db->loaded);
        }
    }
  g_object_unref (tx->db);
  g_free (tx);
}

KlStmt *
kl_db_query (KlDb        *self,
             GError     **error,
             const char  *sql,
             const char  *types,
             ...)
{
  va_list args;
  KlStmt *stmt;

  g_return_val_if_fail (KL_IS_DB (self), NULL);

  va_start (args, types);
  stmt = self->backend->prepare (self, sql, types, args, error);
  va_end (args);
  if (stmt != NULL)
    {
      note_written (self, sql);
      take_remote (self);
    }
  return stmt;
}

gboolean
kl_db_exec (KlDb        *self,
            GError     **error,
            const char  *sql,
            const char  *types,
            ...)
{
  va_list args;
  g_autoptr(KlStmt) stmt = NULL;
  GError *local = NULL;

  g_return_val_if_fail (KL_IS_DB (self), FALSE);

  va_start (args, types);
  stmt = self->backend->prepare (self, sql, types, args, error);
  va_end (args);
  if (stmt == NULL)
    return FALSE;
  while (self->backend->step (stmt, &local))
    ;
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  note_written (self, sql);
  take_remote (self);
  return TRUE;
}

gint64
kl_db_last_id (KlDb *self)
{
  return self->backend->last_id (self);
}

gint64
kl_db_changes (KlDb *self)
{
  return self->backend->changes (self);
}

gboolean
kl_stmt_next (KlStmt  *stmt,
              GError **error)
{
  return stmt->db->backend->step (stmt, error);
}

gboolean
kl_stmt_first (KlStmt      *stmt,
               GError     **error,
               const char  *not_found,
               ...)
{
  GError *local = NULL;
  va_list args;

  if (stmt == NULL)
    return FALSE;
  if (kl_stmt_next (stmt, &local))
    return TRUE;
  if (local == NULL && not_found != NULL)
    {
      va_start (args, not_found);
      local = g_error_new_valist (KL_ERROR, KL_ERROR_NOT_FOUND, not_found, args);
      va_end (args);
    }
  if (local != NULL)
    g_propagate_error (error, local);
  return FALSE;
}

const char *
kl_stmt_peek_text (KlStmt *stmt,
                   int     column)
{
  return stmt->db->backend->peek_text (stmt, column);
}

char *
kl_stmt_text (KlStmt *stmt,
              int     column)
{
  return g_strdup (kl_stmt_peek_text (stmt, column));
}

gint64
kl_stmt_int (KlStmt *stmt,
             int     column)
{
  return stmt->db->backend->get_int (stmt, column);
}

gboolean
kl_stmt_is_null (KlStmt *stmt,
                 int     column)
{
  return stmt->db->backend->column_kind (stmt, column) == KL_VALUE_NULL;
}

int
kl_stmt_column_count (KlStmt *stmt)
{
  return stmt->db->backend->column_count (stmt);
}

const char *
kl_stmt_column_name (KlStmt *stmt,
                     int     column)
{
  return stmt->db->backend->column_name (stmt, column);
}

KlValueKind
kl_stmt_column_kind (KlStmt *stmt,
                     int     column)
{
  return stmt->db->backend->column_kind (stmt, column);
}

/* A BLOB column as bytes of its own; NULL for SQL NULL. */
GBytes *
kl_stmt_blob (KlStmt *stmt,
              int     column)
{
  if (kl_stmt_is_null (stmt, column))
    return NULL;
  return stmt->db->backend->get_blob (stmt, column);
}

gint64
kl_stmt_amount (KlStmt *stmt,
                int     column)
{
  if (kl_stmt_is_null (stmt, column))
    return KL_NO_AMOUNT;
  return kl_stmt_int (stmt, column);
}

void
kl_stmt_release (KlStmt *stmt)
{
  if (stmt == NULL)
    return;
  stmt->db->backend->reset (stmt);
}

static void
kl_db_finalize (GObject *object)
{
  KlDb *self = KL_DB (object);

  g_clear_handle_id (&self->remote_id, g_source_remove);
  if (self->backend != NULL && self->watchers > 0 && self->backend->watch != NULL)
    self->backend->watch (self, FALSE);
  if (self->backend != NULL)
    self->backend->close (self);
  g_clear_pointer (&self->written, g_hash_table_unref);
  g_clear_pointer (&self->loaded, g_hash_table_unref);
  g_clear_pointer (&self->at_commit, g_ptr_array_unref);
  g_clear_pointer (&self->remote, g_hash_table_unref);
  g_free (self->path);
  g_free (self->location);
  g_free (self->last_backup);
  g_free (self->damage);

  G_OBJECT_CLASS (kl_db_parent_class)->finalize (object);
}

static void
kl_db_class_init (KlDbClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kl_db_finalize;

  /* After every commit, so that views can show what changed: detail
   * "local" for this connection's, "remote" for another's (kl_db_watch);
   * kl_db_get_changed_tables says what was written. */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A server's connection went away (see kl_db_reconnect). */
  signals[SIGNAL_CONNECTION_LOST] = g_signal_new ("connection-lost", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kl_db_init (KlDb *self)
{
  self->written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->loaded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->at_commit = g_ptr_array_new_with_free_func ((GDestroyNotify) at_commit_free);
  self->remote = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
kl_db_watch (KlDb *self)
{
  g_return_if_fail (KL_IS_DB (self));

  if (self->watchers++ == 0 && self->backend->watch != NULL)
    self->backend->watch (self, TRUE);
}

void
kl_db_unwatch (KlDb *self)
{
  g_return_if_fail (KL_IS_DB (self));
  g_return_if_fail (self->watchers > 0);

  if (--self->watchers > 0)
    return;
  if (self->backend->watch != NULL)
    self->backend->watch (self, FALSE);
  g_clear_handle_id (&self->remote_id, g_source_remove);
  g_hash_table_remove_all (self->remote);
}

const char * const *
kl_db_get_changed_tables (KlDb *self)
{
  g_return_val_if_fail (KL_IS_DB (self), NULL);
  return (const char * const *) self->signalled;
}

/* Table and column names go into the SQL as they are: only the store's
 * own names, never input. */
static gboolean
is_sql_name_list (const char *text)
{
  for (const char *p = text; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != ',' && *p != ' ')
      return FALSE;
  return *text != '\0';
}

KlCopy *
kl_db_copy_begin (KlDb        *self,
                  const char  *table,
                  const char  *columns,
                  const char  *types,
                  GError     **error)
{
  g_autoptr(KlCopy) copy = NULL;

  g_return_val_if_fail (KL_IS_DB (self), NULL);
  g_return_val_if_fail (is_sql_name_list (table) && is_sql_name_list (columns), NULL);
  g_return_val_if_fail (types != NULL && strchr (types, 'b') == NULL, NULL);

  if (self->damage != NULL)
    {
      kl_db_refuse_damaged (self, error);
      return NULL;
    }
  if (self->read_only)
    {
      kl_db_refuse_read_only (self, error);
      return NULL;
    }
  copy = g_new0 (KlCopy, 1);
  copy->db = g_object_ref (self);
  copy->table = g_strdup (table);
  copy->types = g_strdup (types);
  if (self->backend->copy_begin != NULL)
    {
      g_autofree char *insert = g_strdup_printf ("INSERT INTO %s", table);

      copy->state = self->backend->copy_begin (self, table, columns, types, error);
      if (copy->state == NULL)
        return NULL;
      /* COPY does not pass kl_db_exec: the table is told of all the same. */
      note_written (self, insert);
    }
  else
    {
      g_autoptr(GString) sql = g_string_new (NULL);

      g_string_printf (sql, "INSERT INTO %s (%s) VALUES (", table, columns);
      for (guint i = 0; types[i]; i++)
        g_string_append_printf (sql, "%s?%u", i > 0 ? ", " : "", i + 1);
      g_string_append_c (sql, ')');
      copy->insert_sql = g_string_free (g_steal_pointer (&sql), FALSE);
    }
  return g_steal_pointer (&copy);
}

/* One value a column, as kl_db_query takes them. */
gboolean
kl_copy_row (KlCopy  *copy,
             GError **error,
             ...)
{
  const KlDbBackend *backend;
  va_list args;
  gboolean ok;

  g_return_val_if_fail (copy != NULL && !copy->ended, FALSE);

  backend = copy->db->backend;
  va_start (args, error);
  copy->n_rows++;
  if (copy->state != NULL)
    ok = backend->copy_row (copy->state, args, error);
  else
    {
      KlStmt *stmt = backend->prepare (copy->db, copy->insert_sql, copy->types, args, error);
      GError *local = NULL;

      ok = stmt != NULL;
      while (ok && backend->step (stmt, &local))
        ;
      if (stmt != NULL)
        backend->reset (stmt);
      if (local != NULL)
        {
          g_propagate_error (error, local);
          ok = FALSE;
        }
    }
  va_end (args);
  return ok;
}

gboolean
kl_copy_end (KlCopy  *copy,
             GError **error)
{
  g_return_val_if_fail (copy != NULL && !copy->ended, FALSE);

  copy->ended = TRUE;
  if (copy->state != NULL && !copy->db->backend->copy_end (copy->state, error))
    return FALSE;
  kl_db_note_loaded (copy->db, copy->table, copy->n_rows);
  return TRUE;
}

void
kl_db_note_loaded (KlDb       *self,
                   const char *table,
                   guint       rows)
{
  guint before;

  g_return_if_fail (KL_IS_DB (self));
  g_return_if_fail (table != NULL && is_sql_name_list (table));

  /* Outside a transaction the rows were committed as they came. */
  if (self->tx_depth == 0)
    return;
  before = GPOINTER_TO_UINT (g_hash_table_lookup (self->loaded, table));
  g_hash_table_insert (self->loaded, g_strdup (table), GUINT_TO_POINTER (before + rows));
}

void
kl_copy_free (KlCopy *copy)
{
  if (copy == NULL)
    return;
  if (copy->state != NULL)
    copy->db->backend->copy_free (copy->state);
  g_object_unref (copy->db);
  g_free (copy->table);
  g_free (copy->types);
  g_free (copy->insert_sql);
  g_free (copy);
}

GArray *
kl_db_reserve_ids (KlDb        *self,
                   const char  *table,
                   guint        n,
                   GError     **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(KlStmt) stmt = NULL;
  g_autofree char *sql = NULL;
  gint64 highest;

  g_return_val_if_fail (KL_IS_DB (self), NULL);
  g_return_val_if_fail (is_sql_name_list (table) && strchr (table, ',') == NULL, NULL);
  g_return_val_if_fail (self->tx_depth > 0, NULL);

  if (self->backend->reserve_ids != NULL)
    return self->backend->reserve_ids (self, table, n, error);
  /* BEGIN IMMEDIATE holds the write lock: nobody else writes until the
   * transaction ends. */
  sql = g_strdup_printf ("SELECT coalesce (max (id), 0) FROM %s", table);
  stmt = kl_db_query (self, error, sql, NULL);
  if (stmt == NULL || !kl_stmt_next (stmt, error))
    return NULL;
  highest = kl_stmt_int (stmt, 0);
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  for (guint i = 1; i <= n; i++)
    {
      gint64 id = highest + i;

      g_array_append_val (ids, id);
    }
  return g_steal_pointer (&ids);
}

gboolean
kl_db_query_batch (KlDb              *self,
                   GError           **error,
                   gint64             id,
                   guint              n,
                   const char *const *sqls,
                   KlStmt           **stmts)
{
  g_return_val_if_fail (KL_IS_DB (self), FALSE);

  if (self->backend->query_batch != NULL)
    return self->backend->query_batch (self, id, n, sqls, stmts, error);
  for (guint i = 0; i < n; i++)
    {
      stmts[i] = kl_db_query (self, error, sqls[i], "i", id);
      if (stmts[i] == NULL)
        {
          for (guint j = 0; j < i; j++)
            g_clear_pointer (&stmts[j], kl_stmt_release);
          return FALSE;
        }
    }
  return TRUE;
}
