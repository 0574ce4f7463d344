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
#include "kl-core-resources.h"
#include "kl-clock.h"
#include "kl-db-private.h"
#include "kl-error.h"
#include "kl-i18n.h"
#include "kl-model.h"

#define MIGRATIONS_PATH "/no/imtec/Kartleser/migrations/sqlite"
#define BUSY_TIMEOUT_MS 5000
/* "KLDB": set on every file Kartleser creates or upgrades. */
#define KL_APPLICATION_ID 0x4b4c4442

/* Tables every Kartleser schema has had since version 1. */
#define CORE_TABLES "'settings', 'client', 'consultant', 'programme', 'session', 'participant', " \
                    "'enrolment', 'attendance', 'cost_item', 'funding_case'"
#define N_CORE_TABLES 10

struct _KlDb
{
  GObject parent_instance;

  char *path;
  sqlite3 *handle;
  GHashTable *statements;  /* sql -> sqlite3_stmt */
  int tx_depth;
  char *last_backup;
  gboolean audit_paused;
  gboolean read_only;
  char *damage;            /* what a full check found; writes are refused */
  KlCompanions before;     /* of a read-only file, to tidy after closing */
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

static gboolean
refuse_read_only (KlDb    *self,
                  GError **error)
{
  g_set_error (error, KL_ERROR, KL_ERROR_DB_READ_ONLY,
               _("%s is read-only: changes cannot be saved. Make the file writable and open it again."),
               self->path);
  return FALSE;
}

static gboolean
refuse_damaged (KlDb    *self,
                GError **error)
{
  g_set_error (error, KL_ERROR, KL_ERROR_DB_DAMAGED,
               _("%s may be damaged (%s). Changes are not saved until it is restored from a backup "
                 "or checked clean (kartleser-cli check)."),
               self->path, self->damage);
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
    return refuse_damaged (self, error);
  if ((code & 0xff) == SQLITE_READONLY && self->read_only)
    return refuse_read_only (self, error);
  return set_sqlite_error (error, self->handle, code);
}

static gboolean
folder_read_only (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  return g_access (dir, W_OK) != 0 || g_access (path, W_OK) != 0;
}

/* Why a file could not be opened, told apart by what SQLite said. */
static gboolean
set_open_error (GError     **error,
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

/* g_ptr_array_sort () passes pointers to the elements. */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* Migrations are data/migrations/sqlite/NNNN-name.sql, bundled in the binary;
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

static int
read_ints (sqlite3    *handle,
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
  int rc = read_ints (handle, "PRAGMA user_version", &id->version, NULL);

  if (rc == SQLITE_OK)
    rc = read_ints (handle, "PRAGMA application_id", &id->application_id, NULL);
  if (rc == SQLITE_OK)
    rc = read_ints (handle,
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
  if (id->version == 0 && id->n_objects > 0)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_DB_FOREIGN,
                   _("%s is an SQLite database, but not a Kartleser one; it was not changed."), path);
      return FALSE;
    }
  if (id->version > 0 && id->n_core_tables < N_CORE_TABLES)
    {
      /* Ours by its mark, yet tables are gone: damage, not a stranger. */
      if (id->application_id == KL_APPLICATION_ID)
        g_set_error (error, KL_ERROR, KL_ERROR_DB_DAMAGED,
                     _("%s is damaged (tables of its schema are missing). It was not changed; restore a backup."),
                     path);
      else
        g_set_error (error, KL_ERROR, KL_ERROR_DB_FOREIGN,
                     _("%s is an SQLite database, but not a Kartleser one; it was not changed."), path);
      return FALSE;
    }
  return TRUE;
}

/* The user's file holds personal data: readable by its owner only.
 * SQLite gives its -wal and -shm files the same mode. FALSE with
 * *exists set when another process made it first. */
static gboolean
create_private_file (const char  *path,
                     gboolean    *exists,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  *exists = FALSE;
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

      *exists = saved == EEXIST;
      if (!*exists)
        g_set_error (error, KL_ERROR, saved == EACCES || saved == EROFS ? KL_ERROR_DB_READ_ONLY : KL_ERROR_DB,
                     _("Cannot create %s: %s"), path, g_strerror (saved));
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

/* Every migration after from, in the caller's transaction. */
static gboolean
run_migrations (KlDb              *self,
                const Migrations  *migrations,
                int                from,
                GError           **error)
{
  g_autoptr(GPtrArray) names = list_migrations (migrations);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *resource = g_build_path ("/", migrations->path, name, NULL);
      g_autoptr(GBytes) sql = NULL;

      if (atoi (name) <= from)
        continue;
      sql = g_resource_lookup_data (migrations->resource, resource, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      if (sql == NULL || !exec_plain (self, g_bytes_get_data (sql, NULL), error))
        {
          g_prefix_error (error, _("Migration %s: "), name);
          return FALSE;
        }
    }
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
                const Migrations  *migrations,
                GError           **error)
{
  int latest = latest_version (migrations);
  g_autofree char *pragmas = NULL;
  Identity id = { 0 };
  int rc;

  if (!exec_plain (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  rc = read_identity (self->handle, &id);
  if (rc != SQLITE_OK)
    {
      set_open_error (error, self->path, self->handle, rc);
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
  if (!run_migrations (self, migrations, id.version, error)
      || !exec_plain (self, pragmas, error)
      || !exec_plain (self, "COMMIT", error))
    goto fail;
  return TRUE;

fail:
  sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
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

  while ((rc = sqlite3_exec (self->handle, "PRAGMA journal_mode = WAL", NULL, NULL, NULL)) != SQLITE_OK
         && (rc & 0xff) == SQLITE_BUSY && waited < BUSY_TIMEOUT_MS)
    {
      sqlite3_sleep (10);
      waited += 10;
    }
  if (rc != SQLITE_OK)
    return set_sqlite_error (error, self->handle, rc);
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
  kl_db_companions_note (self->path, &self->before);
  rc = sqlite3_open_v2 (uri, &self->handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (self->handle, TRUE);
      sqlite3_busy_timeout (self->handle, BUSY_TIMEOUT_MS);
      rc = read_identity_snapshot (self->handle, id);
    }
  if (rc == SQLITE_OK || ((rc & 0xff) != SQLITE_READONLY && (rc & 0xff) != SQLITE_CANTOPEN)
      || g_file_test (wal, G_FILE_TEST_EXISTS) || g_file_test (journal, G_FILE_TEST_EXISTS))
    return rc;

  g_clear_pointer (&self->handle, sqlite3_close);
  g_free (uri);
  uri = kl_db_uri (self->path, "mode=ro&immutable=1");
  rc = sqlite3_open_v2 (uri, &self->handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (self->handle, TRUE);
      rc = read_identity_snapshot (self->handle, id);
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
  kl_db_companions_note (self->path, &self->before);
  rc = sqlite3_open_v2 (self->path, &self->handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc != SQLITE_OK)
    return rc;
  sqlite3_extended_result_codes (self->handle, TRUE);
  sqlite3_busy_timeout (self->handle, BUSY_TIMEOUT_MS);
  self->read_only = sqlite3_db_readonly (self->handle, "main") == 1;
  return read_identity_snapshot (self->handle, id);
}

static void
set_damage (KlDb       *self,
            const char *problems)
{
  if (g_strcmp0 (self->damage, problems) == 0)
    return;
  g_free (self->damage);
  self->damage = g_strdup (problems);
  /* Writes outside kl_db_begin are stopped by the connection itself. */
  if (!self->read_only)
    sqlite3_exec (self->handle, problems ? "PRAGMA query_only = ON" : "PRAGMA query_only = OFF", NULL, NULL, NULL);
}

KlDb *
kl_db_open (const char  *path,
            GError     **error)
{
  return kl_db_open_with_migrations (path, kl_core_get_resource (), MIGRATIONS_PATH, error);
}

/* Constant time: the header, user_version, application_id and the
 * schema's tables are checked; the pages are not (kl_db_check). */
KlDb *
kl_db_open_with_migrations (const char  *path,
                            GResource   *resource,
                            const char  *resource_path,
                            GError     **error)
{
  Migrations migrations = { resource, resource_path };
  int latest = latest_version (&migrations);
  g_autoptr(KlDb) self = NULL;
  g_autofree char *default_path = NULL;
  g_autofree char *damage = NULL;
  Identity id = { 0 };
  gboolean empty = FALSE;
  gboolean exists = FALSE;
  int rc;

  if (path == NULL)
    path = default_path = kl_db_default_path ();

  kl_db_remove_stale_parts (path);
  if (!g_file_test (path, G_FILE_TEST_EXISTS) && !create_private_file (path, &exists, error) && !exists)
    return NULL;
  if (!kl_db_check_header (path, &empty, error))
    return NULL;

  self = g_object_new (KL_TYPE_DB, NULL);
  self->path = g_strdup (path);
  rc = open_handle (self, &id);
  if (rc != SQLITE_OK)
    {
      set_open_error (error, path, self->handle, rc);
      return NULL;
    }
  if (!accept_identity (path, &id, latest, error) || !register_functions (self, error))
    return NULL;

  damage = kl_db_noted_damage (path, NULL);
  if (self->read_only)
    {
      if (id.version == 0)
        {
          g_set_error (error, KL_ERROR, KL_ERROR_DB_READ_ONLY,
                       _("%s is an empty file that cannot be written: Kartleser cannot set up a database in it."),
                       path);
          return NULL;
        }
      if (id.version < latest)
        {
          g_set_error (error, KL_ERROR, KL_ERROR_DB_READ_ONLY,
                       _("%s is read-only, and this Kartleser must upgrade it before use (schema version %d to %d); "
                         "make the file writable and open it again."),
                       path, id.version, latest);
          return NULL;
        }
      set_damage (self, damage);
      if (!exec_plain (self, "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY", error))
        return NULL;
      return g_steal_pointer (&self);
    }

  /* temp_store: every write to a table with triggers (the audit trail)
   * keeps a statement journal; in a temporary file that made the ten-year
   * demo 2.5 times as slow. */
  if (!use_wal (self, error)
      || !exec_plain (self, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; "
                            /* What is deleted or overwritten is zeroed in the file, whatever
                             * the distribution's build of SQLite defaults to (personal data). */
                            "PRAGMA secure_delete = ON", error))
    return NULL;
  if (id.version < latest)
    {
      /* What a full check found stays until a restore or a clean check;
       * an upgrade would write into it. */
      if (damage != NULL)
        {
          set_damage (self, damage);
          refuse_damaged (self, error);
          return NULL;
        }
      if (!migrate_locked (self, &migrations, error))
        return NULL;
    }
  set_damage (self, damage);
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

/* The full check, on a read-only connection of its own (a thread may run
 * it while self is used). TRUE and *problems NULL: clean. */
static gboolean
check_file (const char    *path,
            GCancellable  *cancellable,
            char         **problems,
            GError       **error)
{
  g_autofree char *uri = kl_db_uri (path, "mode=ro");
  sqlite3 *handle = NULL;
  int rc;

  rc = sqlite3_open_v2 (uri, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (handle, BUSY_TIMEOUT_MS);
      rc = sqlite3_exec (handle, "BEGIN", NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    {
      set_open_error (error, path, handle, rc);
      sqlite3_close (handle);
      return FALSE;
    }
  if (!kl_db_quick_check (handle, cancellable, problems, error))
    {
      sqlite3_close (handle);
      return FALSE;
    }
  sqlite3_exec (handle, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (handle);
  kl_db_note_check (path, *problems);
  return TRUE;
}

static gboolean
apply_check (KlDb        *self,
             const char  *problems,
             GError     **error)
{
  set_damage (self, problems);
  if (problems == NULL)
    return TRUE;
  g_set_error (error, KL_ERROR, KL_ERROR_DB_DAMAGED,
               _("%s is damaged (%s). Restore a backup; until then changes are not saved."),
               self->path, problems);
  return FALSE;
}

/* Every page of the file (PRAGMA quick_check), which opening leaves out.
 * Damage found refuses every write from then on, in this and later runs,
 * until the file is restored or a check finds it clean again. */
gboolean
kl_db_check (KlDb          *self,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autofree char *problems = NULL;

  g_return_val_if_fail (KL_IS_DB (self), FALSE);

  if (!check_file (self->path, cancellable, &problems, error))
    return FALSE;
  return apply_check (self, problems, error);
}

static void
check_thread (GTask        *task,
              gpointer      source,
              gpointer      path,
              GCancellable *cancellable)
{
  GError *error = NULL;
  char *problems = NULL;

  if (!check_file (path, cancellable, &problems, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, problems ? problems : g_strdup (""), g_free);
}

/* kl_db_check in a worker thread; the result applies to self in the
 * thread that calls kl_db_check_finish. */
void
kl_db_check_async (KlDb                *self,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KL_IS_DB (self));

  task = g_task_new (self, cancellable, callback, data);
  g_task_set_source_tag (task, kl_db_check_async);
  g_task_set_task_data (task, g_strdup (self->path), g_free);
  g_task_run_in_thread (task, check_thread);
}

gboolean
kl_db_check_finish (KlDb          *self,
                    GAsyncResult  *result,
                    GError       **error)
{
  g_autofree char *problems = NULL;

  g_return_val_if_fail (KL_IS_DB (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  problems = g_task_propagate_pointer (G_TASK (result), error);
  if (problems == NULL)
    return FALSE;
  return apply_check (self, *problems ? problems : NULL, error);
}

/* At most once a day, by Kartleser's clock; every time while damage
 * found earlier stands, so a clean check can lift it. */
gboolean
kl_db_check_due (KlDb *self)
{
  g_autofree char *day = NULL;
  g_autofree char *damage = NULL;
  g_autofree char *today = kl_clock_today ();

  g_return_val_if_fail (KL_IS_DB (self), FALSE);

  damage = kl_db_noted_damage (self->path, &day);
  return damage != NULL || self->damage != NULL || g_strcmp0 (day, today) != 0;
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

  if (self->tx_depth == 0 && self->damage != NULL)
    {
      refuse_damaged (self, error);
      return NULL;
    }
  if (self->tx_depth == 0 && self->read_only)
    {
      refuse_read_only (self, error);
      return NULL;
    }
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
          set_db_error (self, error, rc);
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
    return set_db_error (self, error, rc);
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
  if (self->read_only && self->path != NULL)
    kl_db_companions_tidy (self->path, &self->before);
  g_free (self->path);
  g_free (self->last_backup);
  g_free (self->damage);

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
