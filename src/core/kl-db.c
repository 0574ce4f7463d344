#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>

#include "kl-core-resources.h"
#include "kl-clock.h"
#include "kl-db-private.h"
#include "kl-error.h"
#include "kl-i18n.h"
#include "kl-model.h"

#define MIGRATIONS_PATH "/no/imtec/Kartleser/migrations"
#define BUSY_TIMEOUT_MS 5000

struct _KlDb
{
  GObject parent_instance;

  char *path;
  sqlite3 *handle;
  GHashTable *statements;  /* sql -> sqlite3_stmt */
  int tx_depth;
  char *last_backup;
  gboolean audit_paused;
};

struct _KlTransaction
{
  KlDb *db;
  int depth;
  gboolean done;
};

G_DEFINE_FINAL_TYPE (KlDb, kl_db, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
set_sqlite_error (GError  **error,
                  sqlite3  *handle,
                  int       code)
{
  int kind = (code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB
             ? KL_ERROR_DB_DAMAGED : KL_ERROR_DB;

  g_set_error (error, KL_ERROR, kind, _("Database: %s"),
               handle ? sqlite3_errmsg (handle) : sqlite3_errstr (code));
  return FALSE;
}

/* g_ptr_array_sort () passes pointers to the elements. */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* Migrations are data/migrations/NNNN-name.sql, bundled in the binary;
 * tests bring sets of their own. */
typedef struct
{
  GResource *resource;
  const char *path;
} Migrations;

static GPtrArray *
list_migrations (const Migrations *migrations)
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

static int
latest_version (const Migrations *migrations)
{
  g_autoptr(GPtrArray) names = list_migrations (migrations);

  if (names->len == 0)
    return 0;
  return atoi (g_ptr_array_index (names, names->len - 1));
}

int
kl_db_schema_version (void)
{
  Migrations bundled = { kl_core_get_resource (), MIGRATIONS_PATH };

  return latest_version (&bundled);
}

char *
kl_db_default_path (void)
{
  const char *env = g_getenv ("KARTLESER_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "kartleser", "kartleser.db", NULL);
}

static gboolean
read_int_pragma (sqlite3     *handle,
                 const char  *sql,
                 int         *value,
                 GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (error, handle, rc);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  *value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

/* Everything that can refuse a file is read from a read-only connection,
 * so a damaged or too new file is never written to. */
static gboolean
inspect_existing (const char        *path,
                  const Migrations  *migrations,
                  int               *version,
                  GError           **error)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  int n_objects = 0;
  int rc;

  rc = sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    goto fail;
  sqlite3_busy_timeout (handle, BUSY_TIMEOUT_MS);
  if (!read_int_pragma (handle, "PRAGMA user_version", version, NULL)
      || !read_int_pragma (handle, "SELECT count(*) FROM sqlite_schema", &n_objects, NULL))
    goto fail;

  if (*version > latest_version (migrations))
    {
      g_set_error (error, KL_ERROR, KL_ERROR_DB_TOO_NEW,
                   _("%s was written by a newer Kartleser (schema version %d; this program knows up to %d). "
                     "Update Kartleser to open it; the file was not changed."),
                   path, *version, latest_version (migrations));
      sqlite3_close (handle);
      return FALSE;
    }
  if (*version == 0 && n_objects > 0)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_DB_DAMAGED,
                   _("%s is an SQLite database, but not a Kartleser one; it was not changed."), path);
      sqlite3_close (handle);
      return FALSE;
    }

  rc = sqlite3_prepare_v2 (handle, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    goto fail;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0 && problems->len < 400)
        g_string_append_printf (problems, "%s%s", problems->len ? "; " : "", line);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    goto fail;
  if (problems->len > 0)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_DB_DAMAGED,
                   _("%s is damaged (%s). It was not changed; restore a backup."),
                   path, problems->str);
      sqlite3_close (handle);
      return FALSE;
    }
  sqlite3_close (handle);
  return TRUE;

fail:
  g_set_error (error, KL_ERROR, KL_ERROR_DB_DAMAGED,
               _("%s cannot be read as a Kartleser database (%s). It was not changed."),
               path, handle ? sqlite3_errmsg (handle) : sqlite3_errstr (rc));
  sqlite3_close (handle);
  return FALSE;
}

/* The user's file holds personal data: readable by its owner only.
 * SQLite gives its -wal and -shm files the same mode. */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, KL_ERROR, KL_ERROR_DB, _("Cannot create the folder %s: %s"),
                   dir, g_strerror (saved));
      return FALSE;
    }
  fd = g_open (path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, KL_ERROR, KL_ERROR_DB, _("Cannot create %s: %s"),
                   path, g_strerror (saved));
      return FALSE;
    }
  g_close (fd, NULL);
  return TRUE;
}

static gboolean
exec_plain (KlDb        *self,
            const char  *sql,
            GError     **error)
{
  char *message = NULL;
  int rc = sqlite3_exec (self->handle, sql, NULL, NULL, &message);

  if (rc == SQLITE_OK)
    return TRUE;
  g_set_error (error, KL_ERROR, KL_ERROR_DB, _("Database: %s"), message ? message : sqlite3_errstr (rc));
  sqlite3_free (message);
  return FALSE;
}

/* The audit triggers (0004-audit.sql) ask the connection who is working:
 * SQLite cannot know the OS user, and a function (unlike a TEMP table,
 * which triggers in the main schema cannot see) makes a connection that
 * lacks it fail loudly instead of writing an incomplete trail. */
static void
sql_os_user (sqlite3_context  *context,
             int               argc,
             sqlite3_value   **argv)
{
  sqlite3_result_text (context, g_get_user_name (), -1, SQLITE_TRANSIENT);
}

static void
sql_audit_recording (sqlite3_context  *context,
                     int               argc,
                     sqlite3_value   **argv)
{
  KlDb *self = sqlite3_user_data (context);

  sqlite3_result_int (context, !self->audit_paused);
}

/* kl_today () and kl_now (): the core's clock (kl-clock.h) for SQL, so a
 * programme's status follows the same "today" as every other rule. */
static void
sql_today (sqlite3_context  *context,
           int               argc,
           sqlite3_value   **argv)
{
  char *today = kl_clock_today ();

  sqlite3_result_text (context, today, -1, g_free);
}

static void
sql_now (sqlite3_context  *context,
         int               argc,
         sqlite3_value   **argv)
{
  char *now = kl_clock_now_minutes ();

  sqlite3_result_text (context, now, -1, g_free);
}

static gboolean
register_functions (KlDb    *self,
                    GError **error)
{
  /* Innocuous, so that triggers may call them whatever trusted_schema says;
   * not deterministic, as the pause flag changes between statements. */
  int flags = SQLITE_UTF8 | SQLITE_INNOCUOUS;
  int rc = sqlite3_create_function_v2 (self->handle, "kl_os_user", 0, flags, NULL,
                                       sql_os_user, NULL, NULL, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2 (self->handle, "kl_audit_recording", 0, flags, self,
                                     sql_audit_recording, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2 (self->handle, "kl_today", 0, flags, NULL, sql_today, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2 (self->handle, "kl_now", 0, flags, NULL, sql_now, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return set_sqlite_error (error, self->handle, rc);
  return TRUE;
}

static gboolean
migrate (KlDb              *self,
         const Migrations  *migrations,
         int                from,
         GError           **error)
{
  g_autoptr(GPtrArray) names = list_migrations (migrations);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      int number = atoi (name);
      g_autofree char *resource = g_build_path ("/", migrations->path, name, NULL);
      g_autofree char *pragma = NULL;
      g_autoptr(GBytes) sql = NULL;
      g_autoptr(KlTransaction) tx = NULL;

      if (number <= from)
        continue;
      sql = g_resource_lookup_data (migrations->resource, resource, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      if (sql == NULL)
        return FALSE;
      tx = kl_db_begin (self, error);
      if (tx == NULL)
        return FALSE;
      pragma = g_strdup_printf ("PRAGMA user_version = %d", number);
      if (!exec_plain (self, g_bytes_get_data (sql, NULL), error)
          || !exec_plain (self, pragma, error)
          || !kl_transaction_commit (tx, error))
        {
          g_prefix_error (error, _("Migration %s: "), name);
          return FALSE;
        }
    }
  return TRUE;
}

KlDb *
kl_db_open (const char  *path,
            GError     **error)
{
  return kl_db_open_with_migrations (path, kl_core_get_resource (), MIGRATIONS_PATH, error);
}

KlDb *
kl_db_open_with_migrations (const char  *path,
                            GResource   *resource,
                            const char  *resource_path,
                            GError     **error)
{
  Migrations migrations = { resource, resource_path };
  g_autoptr(KlDb) self = NULL;
  g_autofree char *default_path = NULL;
  int version = 0;
  int rc;

  if (path == NULL)
    path = default_path = kl_db_default_path ();

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (!inspect_existing (path, &migrations, &version, error))
        return NULL;
    }
  else if (!create_private_file (path, error))
    return NULL;

  self = g_object_new (KL_TYPE_DB, NULL);
  self->path = g_strdup (path);
  rc = sqlite3_open_v2 (path, &self->handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->handle, rc);
      return NULL;
    }
  sqlite3_extended_result_codes (self->handle, TRUE);
  sqlite3_busy_timeout (self->handle, BUSY_TIMEOUT_MS);
  if (!register_functions (self, error))
    return NULL;
  /* temp_store: every write to a table with triggers (the audit trail)
   * keeps a statement journal; in a temporary file that made the ten-year
   * demo 2.5 times as slow. */
  if (!exec_plain (self, "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
                         "PRAGMA temp_store = MEMORY; "
                         /* What is deleted or overwritten is zeroed in the file, whatever
                          * the distribution's build of SQLite defaults to (personal data). */
                         "PRAGMA secure_delete = ON", error))
    return NULL;

  if (version > 0 && version < latest_version (&migrations))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");

      self->last_backup = g_strdup_printf ("%s.v%d-%s.bak", path, version, stamp);
      if (!kl_db_backup_to (self, self->last_backup, error))
        {
          g_prefix_error (error, _("Before upgrading, a backup could not be made: "));
          return NULL;
        }
    }
  if (!migrate (self, &migrations, version, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
kl_db_get_path (KlDb *self)
{
  g_return_val_if_fail (KL_IS_DB (self), NULL);
  return self->path;
}

sqlite3 *
kl_db_get_handle (KlDb *self)
{
  g_return_val_if_fail (KL_IS_DB (self), NULL);
  return self->handle;
}

char *
kl_db_get_last_backup (KlDb *self)
{
  g_return_val_if_fail (KL_IS_DB (self), NULL);
  return g_strdup (self->last_backup);
}

void
kl_db_pause_audit (KlDb     *self,
                   gboolean  paused)
{
  g_return_if_fail (KL_IS_DB (self));
  self->audit_paused = paused;
}

/* The online backup API copies a consistent snapshot even while other
 * connections write; the copy is written beside its target and renamed. */
gboolean
kl_db_backup_to (KlDb        *self,
                 const char  *dest,
                 GError     **error)
{
  g_autofree char *tmp = g_strconcat (dest, ".part", NULL);
  sqlite3 *out = NULL;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (KL_IS_DB (self), FALSE);

  g_unlink (tmp);
  if (!create_private_file (tmp, error))
    return FALSE;
  rc = sqlite3_open_v2 (tmp, &out, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (out, "main", self->handle, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (out);
      else
        {
          while ((rc = sqlite3_backup_step (backup, 1024)) == SQLITE_OK
                 || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            if (rc != SQLITE_OK)
              sqlite3_sleep (20);
          sqlite3_backup_finish (backup);
          rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
        }
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_DB, _("Backup to %s failed: %s"),
                   dest, out ? sqlite3_errmsg (out) : sqlite3_errstr (rc));
      sqlite3_close (out);
      g_unlink (tmp);
      return FALSE;
    }
  sqlite3_close (out);
  if (g_rename (tmp, dest) != 0)
    {
      int saved = errno;

      g_set_error (error, KL_ERROR, KL_ERROR_DB, _("Backup to %s failed: %s"),
                   dest, g_strerror (saved));
      g_unlink (tmp);
      return FALSE;
    }
  return TRUE;
}

/* Transactions nest: the outermost is BEGIN IMMEDIATE (so a writer never
 * has to upgrade its lock half-way), inner ones are savepoints. Dropping a
 * transaction without committing rolls it back. */
KlTransaction *
kl_db_begin (KlDb    *self,
             GError **error)
{
  KlTransaction *tx;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (KL_IS_DB (self), NULL);

  sql = self->tx_depth == 0 ? g_strdup ("BEGIN IMMEDIATE")
                            : g_strdup_printf ("SAVEPOINT kl_%d", self->tx_depth);
  if (!exec_plain (self, sql, error))
    return NULL;
  tx = g_new0 (KlTransaction, 1);
  tx->db = g_object_ref (self);
  tx->depth = self->tx_depth++;
  return tx;
}

gboolean
kl_transaction_commit (KlTransaction  *tx,
                       GError        **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (tx != NULL && !tx->done, FALSE);
  g_return_val_if_fail (tx->depth == tx->db->tx_depth - 1, FALSE);

  sql = tx->depth == 0 ? g_strdup ("COMMIT") : g_strdup_printf ("RELEASE kl_%d", tx->depth);
  if (!exec_plain (tx->db, sql, error))
    return FALSE;
  tx->done = TRUE;
  tx->db->tx_depth--;
  if (tx->depth == 0)
    g_signal_emit (tx->db, signals[SIGNAL_CHANGED], 0);
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

      sqlite3_exec (tx->db->handle, sql, NULL, NULL, NULL);
      tx->db->tx_depth--;
    }
  g_object_unref (tx->db);
  g_free (tx);
}

static KlStmt *
prepare_bound (KlDb        *self,
               GError     **error,
               const char  *sql,
               const char  *types,
               va_list      args)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc = SQLITE_OK;

  if (stmt == NULL)
    {
      rc = sqlite3_prepare_v3 (self->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
      if (rc != SQLITE_OK)
        {
          g_critical ("Cannot prepare “%s”: %s", sql, sqlite3_errmsg (self->handle));
          set_sqlite_error (error, self->handle, rc);
          return NULL;
        }
      g_hash_table_insert (self->statements, g_strdup (sql), stmt);
    }
  else
    sqlite3_reset (stmt);

  /* A types string out of step with the SQL is a programming error that
   * would bind values to the wrong columns. */
  if ((int) (types ? strlen (types) : 0) != sqlite3_bind_parameter_count (stmt))
    {
      g_critical ("“%s” has %d parameters, but %zu were given", sql,
                  sqlite3_bind_parameter_count (stmt), types ? strlen (types) : 0);
      g_set_error (error, KL_ERROR, KL_ERROR_FAILED, "internal error: parameters of “%s”", sql);
      return NULL;
    }

  for (int i = 1; types && types[i - 1]; i++)
    {
      switch (types[i - 1])
        {
        case 't':
          {
            const char *text = va_arg (args, const char *);

            rc = text && *text ? sqlite3_bind_text (stmt, i, text, -1, SQLITE_TRANSIENT)
                               : sqlite3_bind_null (stmt, i);
            break;
          }
        case 'i':
          rc = sqlite3_bind_int64 (stmt, i, va_arg (args, gint64));
          break;
        case 'n':
          rc = sqlite3_bind_int (stmt, i, va_arg (args, int));
          break;
        case 'r':
          {
            gint64 id = va_arg (args, gint64);

            rc = id > 0 ? sqlite3_bind_int64 (stmt, i, id) : sqlite3_bind_null (stmt, i);
            break;
          }
        case 'a':
          {
            gint64 ore = va_arg (args, gint64);

            rc = ore != KL_NO_AMOUNT ? sqlite3_bind_int64 (stmt, i, ore) : sqlite3_bind_null (stmt, i);
            break;
          }
        case 'b':
          {
            GBytes *bytes = va_arg (args, GBytes *);
            gsize size = 0;
            const void *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

            rc = bytes != NULL ? sqlite3_bind_blob64 (stmt, i, data ? data : "", size, SQLITE_TRANSIENT)
                               : sqlite3_bind_null (stmt, i);
            break;
          }
        default:
          g_assert_not_reached ();
        }
      if (rc != SQLITE_OK)
        {
          set_sqlite_error (error, self->handle, rc);
          kl_stmt_release (stmt);
          return NULL;
        }
    }
  return stmt;
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
  stmt = prepare_bound (self, error, sql, types, args);
  va_end (args);
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
  int rc;

  g_return_val_if_fail (KL_IS_DB (self), FALSE);

  va_start (args, types);
  stmt = prepare_bound (self, error, sql, types, args);
  va_end (args);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    return set_sqlite_error (error, self->handle, rc);
  return TRUE;
}

gint64
kl_db_last_id (KlDb *self)
{
  return sqlite3_last_insert_rowid (self->handle);
}

gboolean
kl_stmt_next (KlStmt  *stmt,
              GError **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    set_sqlite_error (error, sqlite3_db_handle (stmt), rc);
  return FALSE;
}

char *
kl_stmt_text (KlStmt *stmt,
              int     column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

gint64
kl_stmt_int (KlStmt *stmt,
             int     column)
{
  return sqlite3_column_int64 (stmt, column);
}

/* A BLOB column as bytes of its own; NULL for SQL NULL. */
GBytes *
kl_stmt_blob (KlStmt *stmt,
              int     column)
{
  const void *data;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  data = sqlite3_column_blob (stmt, column);
  return g_bytes_new (data, (gsize) sqlite3_column_bytes (stmt, column));
}

gint64
kl_stmt_amount (KlStmt *stmt,
                int     column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return KL_NO_AMOUNT;
  return sqlite3_column_int64 (stmt, column);
}

void
kl_stmt_release (KlStmt *stmt)
{
  if (stmt == NULL)
    return;
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
kl_db_finalize (GObject *object)
{
  KlDb *self = KL_DB (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->handle != NULL)
    sqlite3_close_v2 (self->handle);
  g_free (self->path);
  g_free (self->last_backup);

  G_OBJECT_CLASS (kl_db_parent_class)->finalize (object);
}

static void
kl_db_class_init (KlDbClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kl_db_finalize;

  /* After every committed write, so that views can show what changed. */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kl_db_init (KlDb *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
}
