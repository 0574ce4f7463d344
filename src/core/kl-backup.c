#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "kl-backup.h"
#include "kl-db-private.h"
#include "kl-error.h"
#include "kl-file.h"

#define BUSY_TIMEOUT_MS 5000
#define RETRY_SLEEP_MS 20

static gboolean
set_sqlite_error (GError     **error,
                  sqlite3     *handle,
                  int          code,
                  const char  *path)
{
  g_set_error (error, KL_ERROR, KL_ERROR_DB, "%s: %s", path,
               handle ? sqlite3_errmsg (handle) : sqlite3_errstr (code));
  return FALSE;
}

/* Read-only connections use mode=ro, never immutable: a good file may
 * have a WAL or a hot journal that must be read. */
static sqlite3 *
open_connection (const char  *path,
                 int          flags,
                 GError     **error)
{
  g_autofree char *uri = (flags & SQLITE_OPEN_READONLY) ? kl_db_uri (path, "mode=ro") : NULL;
  sqlite3 *handle = NULL;
  int rc = sqlite3_open_v2 (uri ? uri : path, &handle, flags | SQLITE_OPEN_NOFOLLOW | (uri ? SQLITE_OPEN_URI : 0), NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, handle, rc, path);
      sqlite3_close (handle);
      return NULL;
    }
  sqlite3_busy_timeout (handle, BUSY_TIMEOUT_MS);
  return handle;
}

/* All of source's main database into dest's in one step: one read
 * snapshot, so another connection's writes can neither tear the copy nor
 * restart it (in WAL mode they are not blocked either). A busy or locked
 * destination is waited for, as long as the busy timeout. */
static int
copy_pages (sqlite3 *dest,
            sqlite3 *source)
{
  sqlite3_backup *backup = sqlite3_backup_init (dest, "main", source, "main");
  int waited = 0;
  int rc;

  if (backup == NULL)
    return sqlite3_errcode (dest);
  while ((rc = sqlite3_backup_step (backup, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED)
    {
      if (waited >= BUSY_TIMEOUT_MS)
        break;
      sqlite3_sleep (RETRY_SLEEP_MS);
      waited += RETRY_SLEEP_MS;
    }
  sqlite3_backup_finish (backup);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Backups hold personal data: readable by their owner only. */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  int fd = kl_file_create_private (path, error);

  if (fd < 0)
    return FALSE;
  g_close (fd, NULL);
  return TRUE;
}

/* A self-contained file (no -wal beside it), written beside dest and
 * renamed, so dest is either the old file or the whole new one. */
static gboolean
copy_to_file (sqlite3     *source,
              const char  *dest,
              GError     **error)
{
  g_autofree char *tmp = g_strconcat (dest, ".part", NULL);
  sqlite3 *out;
  int rc;

  g_unlink (tmp);
  if (!create_private_file (tmp, error))
    return FALSE;
  out = open_connection (tmp, SQLITE_OPEN_READWRITE, error);
  if (out == NULL)
    {
      g_unlink (tmp);
      return FALSE;
    }
  rc = copy_pages (out, source);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (out, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_DB, _("Backup to %s failed: %s"), dest, sqlite3_errmsg (out));
      sqlite3_close (out);
      g_unlink (tmp);
      return FALSE;
    }
  sqlite3_close (out);
  if (g_rename (tmp, dest) != 0)
    {
      int saved = errno;

      g_set_error (error, KL_ERROR, KL_ERROR_FAILED, _("Backup to %s failed: %s"), dest, g_strerror (saved));
      g_unlink (tmp);
      return FALSE;
    }
  return TRUE;
}

static gboolean
ensure_dir (const char  *dir,
            GError     **error)
{
  if (g_mkdir_with_parents (dir, 0700) == 0)
    return TRUE;
  {
    int saved = errno;

    g_set_error (error, KL_ERROR, KL_ERROR_FAILED, _("Cannot create the folder %s: %s"), dir, g_strerror (saved));
  }
  return FALSE;
}

static char *
db_stem (const char *db_path)
{
  g_autofree char *base = g_path_get_basename (db_path);

  if (g_str_has_suffix (base, ".db") && strlen (base) > 3)
    base[strlen (base) - 3] = '\0';
  return g_steal_pointer (&base);
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* The backups of the database at db_path: a folder "backups" beside it. */
char *
kl_backup_dir (const char *db_path)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);

  dir = g_path_get_dirname (db_path);
  return g_build_filename (dir, "backups", NULL);
}

char *
kl_backup_default_name (GDateTime *when)
{
  g_autofree char *day = NULL;

  g_return_val_if_fail (when != NULL, NULL);

  day = g_date_time_format (when, "%Y-%m-%d");
  return g_strdup_printf ("kartleser-%s.db", day);
}

/* These functions copy SQLite files. A team server's snapshot is
 * kl_server_snapshot; restoring or importing onto a server is its
 * owner's work (`server import` into an empty database, or pg_restore),
 * not one user's, since it replaces the whole team's data. */
static gboolean
refuse_server (const char  *db_path,
               const char  *message,
               GError     **error)
{
  if (!kl_db_location_is_server (db_path))
    return FALSE;
  g_set_error_literal (error, KL_ERROR, KL_ERROR_FAILED, message);
  return TRUE;
}

/* Every page is checked first (quick_check), in the same read snapshot
 * that is then copied: a damaged file is not copied over good backups,
 * and what was found refuses further writes (kl_db_check). */
gboolean
kl_backup_write (const char  *db_path,
                 const char  *dest,
                 GError     **error)
{
  g_autofree char *problems = NULL;
  KlCompanions before;
  sqlite3 *source;
  gboolean ok;

  g_return_val_if_fail (db_path != NULL && dest != NULL, FALSE);

  if (refuse_server (db_path, _("A team server is not a file: its backup is a snapshot (kartleser-cli backup)."),
                     error))
    return FALSE;

  /* Renaming a copy over the live file would pull it from under SQLite. */
  if (same_file (db_path, dest))
    {
      g_set_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE,
                   _("%s is the database itself; choose another file for the backup"), dest);
      return FALSE;
    }
  kl_db_companions_note (db_path, &before);
  source = open_connection (db_path, SQLITE_OPEN_READONLY, error);
  if (source == NULL)
    return FALSE;
  ok = sqlite3_exec (source, "BEGIN", NULL, NULL, NULL) == SQLITE_OK
       || set_sqlite_error (error, source, SQLITE_ERROR, db_path);
  ok = ok && kl_db_quick_check (source, NULL, &problems, error);
  if (ok)
    kl_db_note_check (db_path, problems);
  if (ok && problems != NULL)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_DB_DAMAGED,
                   _("%s is damaged (%s); no backup was made. Restore an earlier backup."), db_path, problems);
      ok = FALSE;
    }
  ok = ok && copy_to_file (source, dest, error);
  sqlite3_exec (source, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (source);
  kl_db_companions_tidy (db_path, &before);
  return ok;
}

/* Everything that can refuse a candidate, read from a read-only
 * connection before anything is replaced. */
gboolean
kl_backup_check (const char  *candidate,
                 int         *version,
                 GError     **error)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *handle = NULL;
  int user_version = 0;
  g_autofree char *uri = NULL;
  KlCompanions before;
  gboolean empty = FALSE;
  int has_settings = 0;
  int rc;

  g_return_val_if_fail (candidate != NULL, FALSE);

  if (!g_file_test (candidate, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, KL_ERROR, KL_ERROR_NOT_FOUND, _("%s does not exist"), candidate);
      return FALSE;
    }
  /* What is no SQLite file is never handed to SQLite. */
  if (!kl_db_check_header (candidate, &empty, NULL) || empty)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_INVALID_FILE,
                   _("%s is not a Kartleser backup; nothing was changed"), candidate);
      return FALSE;
    }
  kl_db_companions_note (candidate, &before);
  uri = kl_db_uri (candidate, "mode=ro");
  rc = sqlite3_open_v2 (uri, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc == SQLITE_OK)
    rc = kl_db_sqlite_read_ints (handle, "PRAGMA user_version", &user_version, NULL);
  if (rc == SQLITE_OK)
    rc = kl_db_sqlite_read_ints (handle, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'settings'",
                                 &has_settings, NULL);
  if (rc != SQLITE_OK || user_version <= 0 || !has_settings)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_INVALID_FILE,
                   _("%s is not a Kartleser backup; nothing was changed"), candidate);
      sqlite3_close (handle);
      kl_db_companions_tidy (candidate, &before);
      return FALSE;
    }
  if (user_version > kl_db_schema_version ())
    {
      g_set_error (error, KL_ERROR, KL_ERROR_DB_TOO_NEW,
                   _("%s was written by a newer Kartleser (schema version %d; this program knows up to %d); "
                     "nothing was changed"), candidate, user_version, kl_db_schema_version ());
      sqlite3_close (handle);
      kl_db_companions_tidy (candidate, &before);
      return FALSE;
    }

  rc = sqlite3_prepare_v2 (handle, "PRAGMA integrity_check", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0 && problems->len < 400)
        g_string_append_printf (problems, "%s%s", problems->len ? "; " : "", line);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && problems->len == 0)
    g_string_append (problems, sqlite3_errmsg (handle));
  sqlite3_close (handle);
  kl_db_companions_tidy (candidate, &before);
  if (problems->len > 0)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_DB_DAMAGED,
                   _("%s is damaged (%s); nothing was changed"), candidate, problems->str);
      return FALSE;
    }
  if (version != NULL)
    *version = user_version;
  return TRUE;
}

/* The database as it was before a restore, in the backups folder under a
 * name the daily clean-up leaves alone. A file SQLite cannot read or copy
 * any more is kept byte for byte. readable: whether SQLite can open it,
 * which decides how it is replaced. */
static char *
keep_current (const char  *db_path,
              gboolean    *readable,
              GError     **error)
{
  g_autofree char *dir = kl_backup_dir (db_path);
  g_autofree char *stem = db_stem (db_path);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  g_autofree char *kept = NULL;
  sqlite3 *source;
  gboolean empty = FALSE;
  int n_objects = 0;

  /* Never over an earlier one, which may be the very backup restored. */
  for (int n = 1; kept == NULL || g_file_test (kept, G_FILE_TEST_EXISTS); n++)
    {
      g_autofree char *name = n == 1 ? g_strdup_printf ("%s-before-restore-%s.db", stem, stamp)
                                     : g_strdup_printf ("%s-before-restore-%s-%d.db", stem, stamp, n);

      g_free (kept);
      kept = g_build_filename (dir, name, NULL);
    }

  if (!ensure_dir (dir, error))
    return NULL;
  source = kl_db_check_header (db_path, &empty, NULL) && !empty
           ? open_connection (db_path, SQLITE_OPEN_READONLY, NULL) : NULL;
  *readable = source != NULL
              && kl_db_sqlite_read_ints (source, "SELECT count(*) FROM sqlite_schema", &n_objects, NULL) == SQLITE_OK;
  if (*readable && copy_to_file (source, kept, NULL))
    {
      sqlite3_close (source);
      return g_steal_pointer (&kept);
    }
  sqlite3_close (source);
  if (!kl_file_copy_private (db_path, kept, error))
    return NULL;
  return g_steal_pointer (&kept);
}

/* Into the live file through SQLite, so that a connection that has it
 * open (the application) sees the restored data, and a failure half-way
 * rolls back. */
static gboolean
restore_into (const char  *db_path,
              sqlite3     *source,
              GError     **error)
{
  sqlite3 *live = open_connection (db_path, SQLITE_OPEN_READWRITE, error);
  int rc;

  if (live == NULL)
    return FALSE;
  rc = copy_pages (live, source);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_DB, _("Restore into %s failed: %s"), db_path, sqlite3_errmsg (live));
      sqlite3_close (live);
      return FALSE;
    }
  sqlite3_close (live);
  return TRUE;
}

/* A file SQLite cannot read, or none, is replaced whole: no Kartleser
 * has it open, since opening refuses a damaged file. Its stale -wal and
 * -shm must not be applied to the new file. */
static gboolean
replace_file (const char  *db_path,
              sqlite3     *source,
              GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (db_path);
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);

  if (!ensure_dir (dir, error))
    return FALSE;
  g_unlink (wal);
  g_unlink (shm);
  return copy_to_file (source, db_path, error);
}

/* Checks candidate, keeps the database at db_path as a backup (its path in
 * kept), puts candidate's data in its place and brings the schema up to
 * date. On any refusal db_path is left as it was. */
gboolean
kl_backup_restore (const char  *db_path,
                   const char  *candidate,
                   char       **kept,
                   GError     **error)
{
  g_autofree char *kept_path = NULL;
  g_autoptr(KlDb) upgraded = NULL;
  gboolean readable = FALSE;
  sqlite3 *source;
  gboolean ok;

  g_return_val_if_fail (db_path != NULL && candidate != NULL, FALSE);

  if (refuse_server (db_path,
                     _("A team server is restored by its owner, for the whole team: into an empty database with "
                       "kartleser-cli server import, or with pg_restore."),
                     error))
    return FALSE;

  if (!kl_backup_check (candidate, NULL, error))
    return FALSE;
  if (same_file (db_path, candidate))
    {
      g_set_error (error, KL_ERROR, KL_ERROR_INVALID_FILE,
                   _("%s is the database itself, not a backup of it; nothing was changed"), candidate);
      return FALSE;
    }
  if (g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      kept_path = keep_current (db_path, &readable, error);
      if (kept_path == NULL)
        {
          g_prefix_error (error, _("The current database could not be kept, so nothing was restored: "));
          return FALSE;
        }
    }
  source = open_connection (candidate, SQLITE_OPEN_READONLY, error);
  if (source == NULL)
    return FALSE;
  ok = readable ? restore_into (db_path, source, error) : replace_file (db_path, source, error);
  sqlite3_close (source);
  if (!ok)
    return FALSE;

  /* Damage an earlier check found went with the file it was found in;
   * the candidate passed its own check above. */
  kl_db_note_check (db_path, NULL);
  /* An older backup is upgraded now, with the usual copy made first. */
  upgraded = kl_db_open (db_path, error);
  if (upgraded == NULL)
    return FALSE;
  if (kept != NULL)
    *kept = g_steal_pointer (&kept_path);
  return TRUE;
}

static gboolean
is_daily_name (const char *name,
               const char *stem)
{
  gsize stem_length = strlen (stem);
  int year, month, day;
  char end;

  if (strlen (name) != stem_length + strlen ("-YYYY-MM-DD.db")
      || !g_str_has_prefix (name, stem) || name[stem_length] != '-' || !g_str_has_suffix (name, ".db"))
    return FALSE;
  return sscanf (name + stem_length + 1, "%4d-%2d-%2d.d%c", &year, &month, &day, &end) == 4
         && g_date_valid_dmy (day, month, year);
}

static int
compare_names_descending (gconstpointer a,
                          gconstpointer b)
{
  return strcmp (*(char *const *) b, *(char *const *) a);
}

/* Removes the files in dir that a name test picks and that were last
 * written before cutoff (Unix time). */
static gboolean
remove_older (const char  *dir,
              gboolean   (*picks) (const char *entry, const char *stem),
              const char  *stem,
              gint64       cutoff,
              GError     **error)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *entry;

  while (listing != NULL && (entry = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!picks (entry, stem))
        continue;
      path = g_build_filename (dir, entry, NULL);
      if (g_stat (path, &st) != 0 || st.st_mtime >= cutoff)
        continue;
      if (g_unlink (path) != 0)
        {
          int saved = errno;

          g_set_error (error, KL_ERROR, KL_ERROR_FAILED, _("Cannot remove the old copy %s: %s"), path,
                       g_strerror (saved));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
is_before_restore_name (const char *entry,
                        const char *stem)
{
  g_autofree char *prefix = g_strdup_printf ("%s-before-restore-", stem);

  return g_str_has_prefix (entry, prefix) && g_str_has_suffix (entry, ".db");
}

/* "kartleser.db.v5-20261123T101500Z.bak", beside the database. */
static gboolean
is_pre_upgrade_name (const char *entry,
                     const char *base)
{
  g_autofree char *prefix = g_strdup_printf ("%s.v", base);

  return g_str_has_prefix (entry, prefix) && g_str_has_suffix (entry, ".bak");
}

static void
add_copies (GPtrArray        *copies,
            const char       *dir,
            gboolean        (*picks) (const char *entry, const char *stem),
            const char       *stem,
            KlBackupCopyKind  kind)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *entry;

  while (listing != NULL && (entry = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = NULL;
      KlBackupCopy *copy;
      GStatBuf st;

      if (!picks (entry, stem))
        continue;
      path = g_build_filename (dir, entry, NULL);
      if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
        continue;
      copy = g_new0 (KlBackupCopy, 1);
      copy->path = g_steal_pointer (&path);
      copy->kind = kind;
      copy->modified = st.st_mtime;
      copy->size = st.st_size;
      g_ptr_array_add (copies, copy);
    }
}

static int
compare_copies_newest_first (gconstpointer a,
                             gconstpointer b)
{
  const KlBackupCopy *x = *(KlBackupCopy *const *) a;
  const KlBackupCopy *y = *(KlBackupCopy *const *) b;

  if (x->modified != y->modified)
    return x->modified < y->modified ? 1 : -1;
  return strcmp (y->path, x->path);
}

GPtrArray *
kl_backup_list_copies (const char *db_path)
{
  g_autofree char *dir = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *beside = NULL;
  g_autofree char *base = NULL;
  GPtrArray *copies = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_backup_copy_free);

  g_return_val_if_fail (db_path != NULL, copies);

  dir = kl_backup_dir (db_path);
  stem = db_stem (db_path);
  beside = g_path_get_dirname (db_path);
  base = g_path_get_basename (db_path);
  add_copies (copies, dir, is_before_restore_name, stem, KL_BACKUP_COPY_BEFORE_RESTORE);
  add_copies (copies, beside, is_pre_upgrade_name, base, KL_BACKUP_COPY_PRE_UPGRADE);
  g_ptr_array_sort (copies, compare_copies_newest_first);
  return copies;
}

void
kl_backup_copy_free (KlBackupCopy *self)
{
  if (self == NULL)
    return;
  g_free (self->path);
  g_free (self);
}

/* The copies kept before a restore and before an upgrade hold personal
 * data that may since have been corrected or anonymised: they go after
 * KL_BACKUP_KEEP_COPY_DAYS. */
static gboolean
prune_copies (const char  *db_path,
              GDateTime   *now,
              GError     **error)
{
  g_autofree char *dir = kl_backup_dir (db_path);
  g_autofree char *stem = db_stem (db_path);
  g_autofree char *beside = g_path_get_dirname (db_path);
  g_autofree char *base = g_path_get_basename (db_path);
  gint64 cutoff = g_date_time_to_unix (now) - (gint64) KL_BACKUP_KEEP_COPY_DAYS * 24 * 3600;

  return remove_older (dir, is_before_restore_name, stem, cutoff, error)
         && remove_older (beside, is_pre_upgrade_name, base, cutoff, error);
}

/* At most one a day (the first start of the day makes it); of the daily
 * files only the newest keep stay, and copies kept before a restore or an
 * upgrade go once they are older than KL_BACKUP_KEEP_COPY_DAYS. */
gboolean
kl_backup_daily (const char  *db_path,
                 GDateTime   *now,
                 guint        keep,
                 char       **made,
                 GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *day = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) daily = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) listing = NULL;
  const char *entry;

  g_return_val_if_fail (db_path != NULL && now != NULL, FALSE);

  if (refuse_server (db_path, _("A team server keeps no daily copies on this computer: its administrator backs it up."),
                     error))
    return FALSE;

  dir = kl_backup_dir (db_path);
  stem = db_stem (db_path);
  day = g_date_time_format (now, "%Y-%m-%d");
  name = g_strdup_printf ("%s-%s.db", stem, day);
  path = g_build_filename (dir, name, NULL);
  if (made != NULL)
    *made = NULL;
  if (!ensure_dir (dir, error))
    return FALSE;
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (!kl_backup_write (db_path, path, error))
        return FALSE;
      if (made != NULL)
        *made = g_strdup (path);
    }

  listing = g_dir_open (dir, 0, error);
  if (listing == NULL)
    return FALSE;
  while ((entry = g_dir_read_name (listing)) != NULL)
    if (is_daily_name (entry, stem))
      g_ptr_array_add (daily, g_strdup (entry));
  g_ptr_array_sort (daily, compare_names_descending);
  for (guint i = keep; i < daily->len; i++)
    {
      g_autofree char *old = g_build_filename (dir, g_ptr_array_index (daily, i), NULL);

      if (g_unlink (old) != 0)
        {
          int saved = errno;

          g_set_error (error, KL_ERROR, KL_ERROR_FAILED, _("Cannot remove the old backup %s: %s"),
                       old, g_strerror (saved));
          return FALSE;
        }
    }
  return prune_copies (db_path, now, error);
}
