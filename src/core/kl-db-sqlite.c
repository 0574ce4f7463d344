#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kl-backup.h"
#include "kl-clock.h"
#include "kl-db-backend.h"
#include "kl-db-private.h"
#include "kl-error.h"
#include "kl-file.h"
#include "kl-i18n.h"
#include "kl-model.h"

/* The SQLite backend of KlDb. Close to 900 lines and kept whole: the
 * checks that open a file without reading it all (header, schema,
 * recovery of an unfinished file), the statements, the migrations under
 * a write lock and the full check all work on the connection's private
 * state, which nothing outside this file sees. */

/* "KLDB": set on every file Kartleser creates or upgrades. */
#define KL_APPLICATION_ID 0x4b4c4442

/* Tables every Kartleser schema has had since version 1. */
#define CORE_TABLES "'settings', 'client', 'consultant', 'programme', 'session', 'participant', " \
                    "'enrolment', 'attendance', 'cost_item', 'funding_case'"
#define N_CORE_TABLES 10

/* The SQLite backend: a file, one connection, statements cached by their
 * text. */
typedef struct
{
  sqlite3 *handle;
  GHashTable *statements;  /* sql -> SqliteStmt */
  KlCompanions before;     /* of a read-only file, to tidy after closing */
} Conn;

typedef struct
{
  KlStmt parent;
  sqlite3_stmt *handle;
} SqliteStmt;

#define CONN(self) ((Conn *) (self)->conn)
#define HANDLE(self) (CONN (self)->handle)

static const KlDbBackend sqlite_backend;
static void finalize_statement (gpointer data);

/* What opening reads, in one snapshot, to decide whether the file is a
 * Kartleser database and what it needs. */
typedef struct
{
  int version;
  int application_id;
  int n_objects;
  int n_core_tables;
} Identity;

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

/* A write refused by the connection itself (query_only, or a read-only
 * file) says why in the user's words. */
static gboolean
set_db_error (KlDb    *self,
              GError **error,
              int      code)
{
  if ((code & 0xff) == SQLITE_READONLY && self->damage != NULL)
    return kl_db_refuse_damaged (self, error);
  if ((code & 0xff) == SQLITE_READONLY && self->read_only)
    return kl_db_refuse_read_only (self, error);
  return set_sqlite_error (error, HANDLE (self), code);
}

static gboolean
folder_read_only (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  return g_access (dir, W_OK) != 0 || g_access (path, W_OK) != 0;
}

/* Why a file could not be opened, told apart by what SQLite said. */
gboolean
kl_db_set_open_error (GError     **error,
                      const char  *path,
                      sqlite3     *handle,
                      int          code)
{
  const char *detail = handle ? sqlite3_errmsg (handle) : sqlite3_errstr (code);

  switch (code & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, KL_ERROR, KL_ERROR_DB_DAMAGED,
                   _("%s is damaged (%s). It was not changed; restore a backup."), path, detail);
      break;
    case SQLITE_CANTOPEN:
      /* The file itself was read before SQLite saw it: what SQLite could
       * not open is its -wal or -shm, in a folder it cannot write. */
      if (!folder_read_only (path))
        {
          g_set_error (error, KL_ERROR, KL_ERROR_DB, _("%s cannot be opened (%s)."), path, detail);
          break;
        }
      G_GNUC_FALLTHROUGH;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, KL_ERROR, KL_ERROR_DB_READ_ONLY,
                   _("%s cannot be opened: it or its folder is read-only, and SQLite needs to write to open it (%s)."),
                   path, detail);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, KL_ERROR, KL_ERROR_DB,
                   _("%s is locked by another program; try again in a moment (%s)."), path, detail);
      break;
    default:
      g_set_error (error, KL_ERROR, KL_ERROR_DB, _("%s cannot be opened (%s)."), path, detail);
      break;
    }
  return FALSE;
}

int
kl_db_sqlite_read_ints (sqlite3    *handle,
                        const char *sql,
                        int        *first,
                        int        *second)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *first = sqlite3_column_int (stmt, 0);
      if (second != NULL)
        *second = sqlite3_column_int (stmt, 1);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  return rc;
}

/* Only the header page and the schema are read: constant time, whatever
 * the size of the file. Inside a transaction the caller holds. */
static int
read_identity (sqlite3  *handle,
               Identity *id)
{
  int rc = kl_db_sqlite_read_ints (handle, "PRAGMA user_version", &id->version, NULL);

  if (rc == SQLITE_OK)
    rc = kl_db_sqlite_read_ints (handle, "PRAGMA application_id", &id->application_id, NULL);
  if (rc == SQLITE_OK)
    rc = kl_db_sqlite_read_ints (handle,
                                 "SELECT count(*), count(*) FILTER (WHERE type = 'table' AND name IN (" CORE_TABLES ")) "
                                 "FROM sqlite_schema", &id->n_objects, &id->n_core_tables);
  return rc;
}

static int
read_identity_snapshot (sqlite3  *handle,
                        Identity *id)
{
  int rc = sqlite3_exec (handle, "BEGIN", NULL, NULL, NULL);

  if (rc == SQLITE_OK)
    {
      rc = read_identity (handle, id);
      sqlite3_exec (handle, rc == SQLITE_OK ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
    }
  return rc;
}

/* Whether the file is one this program may use: a new one (no schema
 * yet, whatever a cut-short creation left), an older or the current
 * Kartleser schema. */
static gboolean
accept_identity (const char      *path,
                 const Identity  *id,
                 int              latest,
                 GError         **error)
{
  if (id->application_id != 0 && id->application_id != KL_APPLICATION_ID)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_DB_FOREIGN,
                   _("%s is another program’s database, not a Kartleser one; it was not changed."), path);
      return FALSE;
    }
  if (id->version > latest)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_DB_TOO_NEW,
                   _("%s was written by a newer Kartleser (schema version %d; this program knows up to %d). "
                     "Update Kartleser to open it; the file was not changed."),
                   path, id->version, latest);
      return FALSE;
    }
  /* Ours by its mark, yet tables are gone: damage, not a stranger. */
  if (id->version > 0 && id->n_core_tables < N_CORE_TABLES && id->application_id == KL_APPLICATION_ID)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_DB_DAMAGED,
                   _("%s is damaged (tables of its schema are missing). It was not changed; restore a backup."),
                   path);
      return FALSE;
    }
  if ((id->version == 0 && id->n_objects > 0) || (id->version > 0 && id->n_core_tables < N_CORE_TABLES))
    {
      g_set_error (error, KL_ERROR, KL_ERROR_DB_FOREIGN,
                   _("%s is an SQLite database, but not a Kartleser one; it was not changed."), path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
exec_plain (KlDb        *self,
            const char  *sql,
            GError     **error)
{
  char *message = NULL;
  int rc = sqlite3_exec (HANDLE (self), sql, NULL, NULL, &message);

  if (rc == SQLITE_OK)
    return TRUE;
  if ((rc & 0xff) == SQLITE_READONLY && (self->read_only || self->damage != NULL))
    set_db_error (self, error, rc);
  else
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
  int rc = sqlite3_create_function_v2 (HANDLE (self), "kl_os_user", 0, flags, NULL,
                                       sql_os_user, NULL, NULL, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2 (HANDLE (self), "kl_audit_recording", 0, flags, self,
                                     sql_audit_recording, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2 (HANDLE (self), "kl_today", 0, flags, NULL, sql_today, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2 (HANDLE (self), "kl_now", 0, flags, NULL, sql_now, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return set_sqlite_error (error, HANDLE (self), rc);
  return TRUE;
}

/* The version is read again under the write lock: of processes opening
 * one new or old file at once, the first migrates and the others find it
 * done. The copy from before an upgrade is taken under the same lock, so
 * no other process can change the file between the copy and the upgrade;
 * and all migrations are one transaction, so a file is never left between
 * two versions. */
static gboolean
migrate_locked (KlDb              *self,
                const KlMigrations  *migrations,
                GError           **error)
{
  int latest = kl_migrations_latest (migrations);
  g_autofree char *pragmas = NULL;
  Identity id = { 0 };
  int rc;

  if (!exec_plain (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  rc = read_identity (HANDLE (self), &id);
  if (rc != SQLITE_OK)
    {
      kl_db_set_open_error (error, self->path, HANDLE (self), rc);
      goto fail;
    }
  if (!accept_identity (self->path, &id, latest, error))
    goto fail;
  if (id.version == latest)
    return exec_plain (self, "COMMIT", error);

  if (id.version > 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");

      g_free (self->last_backup);
      self->last_backup = g_strdup_printf ("%s.v%d-%s.bak", self->path, id.version, stamp);
      if (!kl_backup_write (self->path, self->last_backup, error))
        {
          g_prefix_error (error, _("Before upgrading, a backup could not be made: "));
          g_clear_pointer (&self->last_backup, g_free);
          goto fail;
        }
    }
  pragmas = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d", latest, KL_APPLICATION_ID);
  if (!kl_migrations_run (self, migrations, id.version, error)
      || !exec_plain (self, pragmas, error)
      || !exec_plain (self, "COMMIT", error))
    goto fail;
  return TRUE;

fail:
  sqlite3_exec (HANDLE (self), "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* Switching to WAL takes the write lock from within a read transaction,
 * where SQLite cannot wait for it: when another process switches the same
 * new file at the same moment, it says “locked” at once. Waited for here,
 * as long as for any other lock. */
static gboolean
use_wal (KlDb    *self,
         GError **error)
{
  int waited = 0;
  int rc;

  while ((rc = sqlite3_exec (HANDLE (self), "PRAGMA journal_mode = WAL", NULL, NULL, NULL)) != SQLITE_OK
         && (rc & 0xff) == SQLITE_BUSY && waited < KL_DB_BUSY_TIMEOUT_MS)
    {
      sqlite3_sleep (10);
      waited += 10;
    }
  if (rc != SQLITE_OK)
    return set_sqlite_error (error, HANDLE (self), rc);
  return TRUE;
}

/* A database no one can write is opened read-only (mode=ro, which still
 * reads a WAL); writes are then refused with a message that says so. In
 * a folder no one can write either SQLite cannot make the -shm it needs:
 * when neither a -wal nor a journal is there, the main file holds all
 * there is, and immutable reads it without one. */
static int
open_read_only (KlDb     *self,
                Identity *id)
{
  g_autofree char *uri = kl_db_uri (self->path, "mode=ro");
  g_autofree char *wal = kl_db_companion (self->path, "-wal");
  g_autofree char *journal = kl_db_companion (self->path, "-journal");
  int rc;

  self->read_only = TRUE;
  kl_db_companions_note (self->path, &CONN (self)->before);
  rc = sqlite3_open_v2 (uri, &HANDLE (self), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (HANDLE (self), TRUE);
      sqlite3_busy_timeout (HANDLE (self), KL_DB_BUSY_TIMEOUT_MS);
      rc = read_identity_snapshot (HANDLE (self), id);
    }
  if (rc == SQLITE_OK || ((rc & 0xff) != SQLITE_READONLY && (rc & 0xff) != SQLITE_CANTOPEN)
      || g_file_test (wal, G_FILE_TEST_EXISTS) || g_file_test (journal, G_FILE_TEST_EXISTS))
    return rc;

  g_clear_pointer (&HANDLE (self), sqlite3_close);
  g_free (uri);
  uri = kl_db_uri (self->path, "mode=ro&immutable=1");
  rc = sqlite3_open_v2 (uri, &HANDLE (self), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (HANDLE (self), TRUE);
      rc = read_identity_snapshot (HANDLE (self), id);
    }
  return rc;
}

/* Read-write whenever the file can be written, so that SQLite rolls back
 * a hot journal or replays a WAL that a killed process left. */
static int
open_handle (KlDb     *self,
             Identity *id)
{
  int rc;

  if (g_access (self->path, W_OK) != 0)
    return open_read_only (self, id);

  kl_db_companions_match_mode (self->path);
  kl_db_companions_note (self->path, &CONN (self)->before);
  rc = sqlite3_open_v2 (self->path, &HANDLE (self), SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc != SQLITE_OK)
    return rc;
  sqlite3_extended_result_codes (HANDLE (self), TRUE);
  sqlite3_busy_timeout (HANDLE (self), KL_DB_BUSY_TIMEOUT_MS);
  self->read_only = sqlite3_db_readonly (HANDLE (self), "main") == 1;
  return read_identity_snapshot (HANDLE (self), id);
}

void
kl_db_sqlite_set_damage (KlDb       *self,
                         const char *problems)
{
  if (g_strcmp0 (self->damage, problems) == 0)
    return;
  g_free (self->damage);
  self->damage = g_strdup (problems);
  /* Writes outside kl_db_begin are stopped by the connection itself. */
  if (!self->read_only)
    sqlite3_exec (HANDLE (self), problems ? "PRAGMA query_only = ON" : "PRAGMA query_only = OFF", NULL, NULL, NULL);
}

/* A new file is created private (0600) before SQLite sees it; SQLite
 * gives its -wal and -shm files the same mode. FALSE with *exists set when
 * another process made it first. */
static gboolean
create_private (const char  *path,
                gboolean    *exists,
                GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) local = NULL;
  int fd;

  *exists = FALSE;
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, KL_ERROR, KL_ERROR_DB, _("Cannot create the folder %s: %s"),
                   dir, g_strerror (saved));
      return FALSE;
    }
  fd = kl_file_create_private (path, &local);
  if (fd < 0)
    {
      *exists = g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_EXIST);
      if (!*exists)
        g_set_error (error, KL_ERROR,
                     g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_ACCES)
                     || g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_ROFS)
                     ? KL_ERROR_DB_READ_ONLY : KL_ERROR_DB,
                     "%s", local->message);
      return FALSE;
    }
  g_close (fd, NULL);
  return TRUE;
}

/* Constant time: the header, user_version, application_id and the
 * schema's tables are checked; the pages are not (kl_db_check). */
gboolean
kl_db_sqlite_open (KlDb                *self,
                   const KlMigrations  *migrations,
                   GError             **error)
{
  const char *path = self->path;
  int latest = kl_migrations_latest (migrations);
  g_autofree char *damage = NULL;
  Identity id = { 0 };
  gboolean empty = FALSE;
  gboolean exists = FALSE;
  int rc;

  self->backend = &sqlite_backend;
  self->conn = g_new0 (Conn, 1);
  CONN (self)->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);

  kl_db_remove_stale_parts (path);
  if (!g_file_test (path, G_FILE_TEST_EXISTS) && !create_private (path, &exists, error) && !exists)
    return FALSE;
  if (!kl_db_check_header (path, &empty, error))
    return FALSE;

  rc = open_handle (self, &id);
  if (rc != SQLITE_OK)
    {
      kl_db_set_open_error (error, path, HANDLE (self), rc);
      return FALSE;
    }
  if (!accept_identity (path, &id, latest, error) || !register_functions (self, error))
    return FALSE;

  damage = kl_db_noted_damage (path, NULL);
  if (self->read_only)
    {
      if (id.version == 0)
        {
          g_set_error (error, KL_ERROR, KL_ERROR_DB_READ_ONLY,
                       _("%s is an empty file that cannot be written: Kartleser cannot set up a database in it."),
                       path);
          return FALSE;
        }
      if (id.version < latest)
        {
          g_set_error (error, KL_ERROR, KL_ERROR_DB_READ_ONLY,
                       _("%s is read-only, and this Kartleser must upgrade it before use (schema version %d to %d); "
                         "make the file writable and open it again."),
                       path, id.version, latest);
          return FALSE;
        }
      kl_db_sqlite_set_damage (self, damage);
      if (!exec_plain (self, "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY", error))
        return FALSE;
      return TRUE;
    }

  /* temp_store: every write to a table with triggers (the audit trail)
   * keeps a statement journal; in a temporary file that made the ten-year
   * demo 2.5 times as slow. */
  if (!use_wal (self, error)
      || !exec_plain (self, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; "
                            /* What is deleted or overwritten is zeroed in the file, whatever
                             * the distribution's build of SQLite defaults to (personal data). */
                            "PRAGMA secure_delete = ON", error))
    return FALSE;
  if (id.version < latest)
    {
      /* What a full check found stays until a restore or a clean check;
       * an upgrade would write into it. */
      if (damage != NULL)
        {
          kl_db_sqlite_set_damage (self, damage);
          kl_db_refuse_damaged (self, error);
          return FALSE;
        }
      if (!migrate_locked (self, migrations, error))
        return FALSE;
    }
  kl_db_sqlite_set_damage (self, damage);
  return TRUE;
}

gboolean
kl_db_is_sqlite (KlDb *self)
{
  return self->backend == &sqlite_backend;
}

sqlite3 *
kl_db_get_handle (KlDb *self)
{
  g_return_val_if_fail (KL_IS_DB (self), NULL);
  return self->backend == &sqlite_backend ? HANDLE (self) : NULL;
}

static void
finalize_statement (gpointer data)
{
  SqliteStmt *stmt = data;

  sqlite3_finalize (stmt->handle);
  g_free (stmt);
}

static KlStmt *
sqlite_prepare (KlDb        *self,
                const char  *sql,
                const char  *types,
                va_list      args,
                GError     **error)
{
  SqliteStmt *cached = g_hash_table_lookup (CONN (self)->statements, sql);
  sqlite3_stmt *stmt;
  int rc = SQLITE_OK;

  if (cached == NULL)
    {
      rc = sqlite3_prepare_v3 (HANDLE (self), sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
      if (rc != SQLITE_OK)
        {
          g_critical ("Cannot prepare “%s”: %s", sql, sqlite3_errmsg (HANDLE (self)));
          set_sqlite_error (error, HANDLE (self), rc);
          return NULL;
        }
      cached = g_new0 (SqliteStmt, 1);
      cached->parent.db = self;
      cached->handle = stmt;
      g_hash_table_insert (CONN (self)->statements, g_strdup (sql), cached);
    }
  else
    {
      stmt = cached->handle;
      sqlite3_reset (stmt);
    }

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
          set_db_error (self, error, rc);
          kl_stmt_release (&cached->parent);
          return NULL;
        }
    }
  return &cached->parent;
}

#define STMT(stmt) (((SqliteStmt *) (stmt))->handle)

static gboolean
sqlite_step (KlStmt  *stmt,
             GError **error)
{
  int rc = sqlite3_step (STMT (stmt));

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    set_db_error (stmt->db, error, rc);
  return FALSE;
}

static void
sqlite_reset (KlStmt *stmt)
{
  sqlite3_reset (STMT (stmt));
  sqlite3_clear_bindings (STMT (stmt));
}

static int
sqlite_column_count (KlStmt *stmt)
{
  return sqlite3_column_count (STMT (stmt));
}

static const char *
sqlite_column_name (KlStmt *stmt,
                    int     column)
{
  return sqlite3_column_name (STMT (stmt), column);
}

static KlValueKind
sqlite_column_kind (KlStmt *stmt,
                    int     column)
{
  switch (sqlite3_column_type (STMT (stmt), column))
    {
    case SQLITE_NULL:
      return KL_VALUE_NULL;
    case SQLITE_INTEGER:
      return KL_VALUE_INT;
    case SQLITE_BLOB:
      return KL_VALUE_BLOB;
    default:
      return KL_VALUE_TEXT;
    }
}

static const char *
sqlite_peek_text (KlStmt *stmt,
                  int     column)
{
  return (const char *) sqlite3_column_text (STMT (stmt), column);
}

static gint64
sqlite_get_int (KlStmt *stmt,
                int     column)
{
  return sqlite3_column_int64 (STMT (stmt), column);
}

static GBytes *
sqlite_get_blob (KlStmt *stmt,
                 int     column)
{
  const void *data = sqlite3_column_blob (STMT (stmt), column);

  return g_bytes_new (data, (gsize) sqlite3_column_bytes (STMT (stmt), column));
}

static gint64
sqlite_changes (KlDb *self)
{
  return sqlite3_changes64 (HANDLE (self));
}

static gint64
sqlite_last_id (KlDb *self)
{
  return sqlite3_last_insert_rowid (HANDLE (self));
}

/* kl_audit_recording () reads the flag at every trigger. */
static gboolean
sqlite_pause_audit (KlDb     *self,
                    gboolean  paused)
{
  return TRUE;
}

/* Live updates: PRAGMA data_version changes when another connection
 * (another process) commits, and costs next to nothing to read. */
static gint64
read_data_version (KlDb *self)
{
  sqlite3_stmt *stmt = NULL;
  gint64 version = -1;

  if (sqlite3_prepare_v2 (HANDLE (self), "PRAGMA data_version", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

static gboolean
on_data_version_cb (gpointer data)
{
  KlDb *self = data;
  gint64 version = read_data_version (self);

  if (version != self->data_version)
    {
      self->data_version = version;
      kl_db_note_remote (self, NULL);
    }
  return G_SOURCE_CONTINUE;
}

/* Once a second while a window is open. */
static void
sqlite_watch (KlDb     *self,
              gboolean  on)
{
  g_clear_handle_id (&self->watch_id, g_source_remove);
  if (!on)
    return;
  self->data_version = read_data_version (self);
  self->watch_id = g_timeout_add (1000, on_data_version_cb, self);
}

static void
sqlite_close (KlDb *self)
{
  Conn *conn = self->conn;

  if (conn == NULL)
    return;
  g_clear_pointer (&conn->statements, g_hash_table_unref);
  if (conn->handle != NULL)
    sqlite3_close_v2 (conn->handle);
  if (self->read_only && self->path != NULL)
    kl_db_companions_tidy (self->path, &conn->before);
  g_free (conn);
  self->conn = NULL;
}

static const KlDbBackend sqlite_backend = {
  .begin_sql = "BEGIN IMMEDIATE",
  .sql = {
    [KL_SQL_SEARCH] = "SELECT rowid, title, snippet(search, 1, '[', ']', '…', 8) FROM search "
                      "WHERE search MATCH ?1 ORDER BY bm25(search, 4.0, 1.0), rowid LIMIT ?2",
    /* FTS5's segments may hold the old terms. */
    [KL_SQL_SEARCH_REBUILD] = "INSERT INTO search (search) VALUES ('rebuild')",
    /* With secure_delete the pages are zeroed; the WAL still holds them. */
    [KL_SQL_FORGET] = "PRAGMA wal_checkpoint (TRUNCATE)",
    [KL_SQL_SCHEMA_VERSION] = "PRAGMA user_version",
    [KL_SQL_QUERY_ONLY] = "PRAGMA query_only = ON",
    [KL_SQL_SEAL] = "INSERT INTO sealed_document (programme_id, kind, format, lang, content, sha256) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [KL_SQL_SEARCH_MATCH] = "search MATCH ?",
    /* Its planner does well without statistics (no sqlite_stat1 table). */
    [KL_SQL_ANALYZE] = NULL,
  },
  .close = sqlite_close,
  .exec_script = exec_plain,
  .prepare = sqlite_prepare,
  .step = sqlite_step,
  .reset = sqlite_reset,
  .column_count = sqlite_column_count,
  .column_name = sqlite_column_name,
  .column_kind = sqlite_column_kind,
  .peek_text = sqlite_peek_text,
  .get_int = sqlite_get_int,
  .get_blob = sqlite_get_blob,
  .changes = sqlite_changes,
  .last_id = sqlite_last_id,
  .pause_audit = sqlite_pause_audit,
  .watch = sqlite_watch,
};
