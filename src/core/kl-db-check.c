#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kl-clock.h"
#include "kl-db-backend.h"
#include "kl-db-private.h"
#include "kl-error.h"
#include "kl-i18n.h"

/* What opening a file needs before SQLite sees it, and the full check
 * that opening leaves out: the header read with plain file I/O, the
 * quick_check of every page, when it last ran (kept outside the
 * database, which may be the very thing that is damaged), and the tidying
 * of what killed processes and read-only connections leave behind. */

#define HEADER_SIZE 100
#define MAX_PROBLEMS_LENGTH 400
#define STALE_PART_SECONDS (24 * 60 * 60)
#define STATE_GROUP "check"

char *
kl_db_companion (const char *path,
                 const char *suffix)
{
  return g_strconcat (path, suffix, NULL);
}

static gboolean
companion_has_content (const char *path,
                       const char *suffix)
{
  g_autofree char *companion = kl_db_companion (path, suffix);
  GStatBuf st;

  return g_stat (companion, &st) == 0 && st.st_size > 0;
}

/* A file SQLite would not open as a database, or one it would work on
 * before any of Kartleser's checks could refuse it, is turned away here
 * without SQLite: nothing is then created beside it. empty: a file of no
 * bytes, left by a creation that was cut short. */
gboolean
kl_db_check_header (const char  *path,
                    gboolean    *empty,
                    GError     **error)
{
  guchar header[HEADER_SIZE];
  gsize have = 0;
  GStatBuf st;
  guint page_size;
  int fd;

  *empty = FALSE;
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, KL_ERROR, KL_ERROR_DB, _("Cannot open %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_close (fd, NULL);
      g_set_error (error, KL_ERROR, KL_ERROR_DB_FOREIGN,
                   _("%s is not a Kartleser database (not a file); it was not changed."), path);
      return FALSE;
    }
  while (have < sizeof header)
    {
      gssize n = read (fd, header + have, sizeof header - have);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      have += (gsize) n;
    }
  g_close (fd, NULL);

  if (have == 0)
    {
      *empty = TRUE;
      return TRUE;
    }
  /* A hot journal or a WAL holds what the main file lacks, a torn first
   * page included: SQLite puts it right before anything is read. */
  if (companion_has_content (path, "-journal") || companion_has_content (path, "-wal"))
    return TRUE;
  if (have < sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_DB_FOREIGN,
                   _("%s is not a Kartleser database (it is not an SQLite database at all); it was not changed."),
                   path);
      return FALSE;
    }
  page_size = (header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  if (page_size < 512 || (page_size & (page_size - 1)) != 0
      || header[18] < 1 || header[18] > 2 || header[19] < 1 || header[19] > 2
      || header[21] != 64 || header[22] != 32 || header[23] != 32)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_DB_DAMAGED,
                   _("%s is damaged (its SQLite header is invalid). It was not changed; restore a backup."), path);
      return FALSE;
    }
  return TRUE;
}

/* A URI for a path, with query parameters (“mode=ro”): percent-escaped,
 * so a name with “?” or “#” in it stays a name. */
char *
kl_db_uri (const char *path,
           const char *query)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *uri = g_filename_to_uri (absolute, NULL, NULL);

  if (uri == NULL)
    return NULL;
  return g_strconcat (uri, "?", query, NULL);
}

/* Read-only connections cannot delete the -wal and -shm files they
 * create. Which of them are there before one opens, so that they can be
 * tidied after. */
void
kl_db_companions_note (const char   *path,
                       KlCompanions *before)
{
  g_autofree char *wal = kl_db_companion (path, "-wal");
  g_autofree char *shm = kl_db_companion (path, "-shm");

  before->wal = g_file_test (wal, G_FILE_TEST_EXISTS);
  before->shm = g_file_test (shm, G_FILE_TEST_EXISTS);
}

/* After a read-only connection closed: a -wal it created goes with the
 * -shm. On a writable file SQLite decides, closing a connection that can
 * write: it removes them only as the last connection, so never from under
 * another process. A file no one can write has no writer to protect;
 * there the -wal goes when empty. */
void
kl_db_companions_tidy (const char         *path,
                       const KlCompanions *before)
{
  g_autofree char *wal = kl_db_companion (path, "-wal");
  g_autofree char *shm = kl_db_companion (path, "-shm");
  GStatBuf st;

  if (before->wal || !g_file_test (wal, G_FILE_TEST_EXISTS))
    return;
  if (g_access (path, W_OK) == 0)
    {
      sqlite3 *handle = NULL;

      if (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL) == SQLITE_OK)
        sqlite3_exec (handle, "PRAGMA schema_version", NULL, NULL, NULL);
      sqlite3_close (handle);
      return;
    }
  if (g_stat (wal, &st) == 0 && st.st_size == 0)
    {
      g_unlink (wal);
      if (!before->shm)
        g_unlink (shm);
    }
}

/* A -wal or -shm that a read-only connection once made takes the mode
 * the database had then: made writable again with the database, or it
 * would refuse every write. Only our own files, only what the database
 * itself allows. */
void
kl_db_companions_match_mode (const char *path)
{
  static const char *const suffixes[] = { "-wal", "-shm" };
  GStatBuf db;

  if (g_stat (path, &db) != 0)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *companion = kl_db_companion (path, suffixes[i]);
      GStatBuf st;

      if (g_lstat (companion, &st) == 0 && S_ISREG (st.st_mode) && st.st_uid == getuid ()
          && (st.st_mode & 0777) != (db.st_mode & 0777))
        g_chmod (companion, db.st_mode & 0777);
    }
}

static gboolean
is_stale (const char *path,
          gint64      now)
{
  GStatBuf st;

  return g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) && now - (gint64) st.st_mtime > STALE_PART_SECONDS;
}

static void
remove_stale_in (const char *dir,
                 const char *prefix,
                 const char *suffix,
                 gint64      now)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *child = NULL;

      if (!g_str_has_prefix (name, prefix) || !g_str_has_suffix (name, suffix))
        continue;
      child = g_build_filename (dir, name, NULL);
      if (is_stale (child, now))
        g_unlink (child);
    }
}

/* Copies are written as NAME.part and renamed when whole; a killed backup
 * or restore leaves its .part. Only Kartleser's own names go: those
 * beginning with the database's name beside it (pre-upgrade copies, a
 * restored file), and the copies in its backups folder. A day old, so
 * that one still being written is left alone. File times are the real
 * clock's, whatever KARTLESER_NOW says. */
void
kl_db_remove_stale_parts (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  remove_stale_in (dir, base, ".part", now);
  remove_stale_in (backups, "", ".db.part", now);
}

static int
check_progress_cb (void *data)
{
  return g_cancellable_is_cancelled (data);
}

/* quick_check over the connection's current snapshot: NULL when clean,
 * else what it found. FALSE when it could not run to the end (cancelled,
 * or the file could not be read at all, which is also damage). */
gboolean
kl_db_quick_check (sqlite3       *handle,
                   GCancellable  *cancellable,
                   char         **problems,
                   GError       **error)
{
  g_autoptr(GString) found = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  *problems = NULL;
  if (cancellable != NULL)
    sqlite3_progress_handler (handle, 10000, check_progress_cb, cancellable);
  rc = sqlite3_prepare_v2 (handle, "PRAGMA quick_check", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);
      g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);

      /* One line a problem, on one line of text; the database's name
       * (always "main" here) says nothing. */
      for (guint i = 0; lines[i] != NULL; i++)
        if (*lines[i] != '\0' && g_strcmp0 (lines[i], "ok") != 0 && !g_str_has_prefix (lines[i], "*** ")
            && found->len < MAX_PROBLEMS_LENGTH)
          g_string_append_printf (found, "%s%s", found->len ? "; " : "", lines[i]);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  sqlite3_progress_handler (handle, 0, NULL, NULL);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (rc != SQLITE_DONE)
    {
      int code = sqlite3_errcode (handle) & 0xff;

      if (code != SQLITE_CORRUPT && code != SQLITE_NOTADB && code != SQLITE_IOERR)
        {
          g_set_error (error, KL_ERROR, KL_ERROR_DB, _("The check could not run: %s"), sqlite3_errmsg (handle));
          return FALSE;
        }
      if (found->len == 0)
        g_string_append (found, sqlite3_errmsg (handle));
    }
  if (found->len > 0)
    *problems = g_string_free (g_steal_pointer (&found), FALSE);
  return TRUE;
}

/* One small key file per database file, named by a digest of its real
 * path: processes checking different files never write the same file,
 * and a path may hold characters a file name cannot. */
static char *
state_file (const char  *path,
            char       **real)
{
  char *resolved = realpath (path, NULL);
  g_autofree char *canonical = resolved ? g_strdup (resolved) : g_canonicalize_filename (path, NULL);
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);
  g_autofree char *name = g_strconcat (digest, ".ini", NULL);

  free (resolved);
  *real = g_strdup (canonical);
  return g_build_filename (g_get_user_state_dir (), "kartleser", "checks", name, NULL);
}

/* Results for files that are gone (a database deleted, a temporary one)
 * go too, whenever a check is recorded. */
static void
forget_missing (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);
      g_autoptr(GKeyFile) state = g_key_file_new ();
      g_autofree char *path = NULL;

      if (!g_str_has_suffix (name, ".ini") || !g_key_file_load_from_file (state, file, G_KEY_FILE_NONE, NULL))
        continue;
      path = g_key_file_get_string (state, STATE_GROUP, "path", NULL);
      if (path != NULL && !g_file_test (path, G_FILE_TEST_EXISTS))
        g_unlink (file);
    }
}

/* Records a full check of path and what it found (NULL: nothing). */
void
kl_db_note_check (const char *path,
                  const char *problems)
{
  g_autoptr(GKeyFile) state = g_key_file_new ();
  g_autofree char *real = NULL;
  g_autofree char *file = state_file (path, &real);
  g_autofree char *dir = g_path_get_dirname (file);
  g_autoptr(GDateTime) now = kl_clock_now ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
  g_autofree char *data = NULL;
  gsize length = 0;

  g_key_file_set_string (state, STATE_GROUP, "path", real);
  g_key_file_set_string (state, STATE_GROUP, "checked", stamp);
  if (problems != NULL)
    g_key_file_set_string (state, STATE_GROUP, "damage", problems);
  data = g_key_file_to_data (state, &length, NULL);
  forget_missing (dir);
  if (g_mkdir_with_parents (dir, 0700) != 0
      || !g_file_set_contents_full (file, data, (gssize) length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL))
    g_warning ("Cannot record the check of %s in %s", real, file);
}

/* What the last full check of path found (NULL: nothing, or none ran),
 * and the day it ran (NULL: never). */
char *
kl_db_noted_damage (const char  *path,
                    char       **checked_day)
{
  g_autoptr(GKeyFile) state = g_key_file_new ();
  g_autofree char *real = NULL;
  g_autofree char *file = state_file (path, &real);
  g_autofree char *checked = NULL;

  if (checked_day != NULL)
    *checked_day = NULL;
  if (!g_key_file_load_from_file (state, file, G_KEY_FILE_NONE, NULL))
    return NULL;
  checked = g_key_file_get_string (state, STATE_GROUP, "checked", NULL);
  if (checked_day != NULL && checked != NULL && strlen (checked) >= 10)
    *checked_day = g_strndup (checked, 10);
  return g_key_file_get_string (state, STATE_GROUP, "damage", NULL);
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
      sqlite3_busy_timeout (handle, KL_DB_BUSY_TIMEOUT_MS);
      rc = sqlite3_exec (handle, "BEGIN", NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    {
      kl_db_set_open_error (error, path, handle, rc);
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

/* A server looks after its own storage (and its administrator after its
 * backups): there is no file here to check page by page. */
static gboolean
refuse_on_server (GError **error)
{
  g_set_error_literal (error, KL_ERROR, KL_ERROR_FAILED,
                       _("A team server checks its own storage: there is no file here to check."));
  return FALSE;
}

static gboolean
apply_check (KlDb        *self,
             const char  *problems,
             GError     **error)
{
  kl_db_sqlite_set_damage (self, problems);
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

  if (!kl_db_is_sqlite (self))
    return refuse_on_server (error);
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
  if (!kl_db_is_sqlite (self))
    {
      GError *error = NULL;

      refuse_on_server (&error);
      g_task_return_error (task, error);
      return;
    }
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

  if (!kl_db_is_sqlite (self))
    return FALSE;
  damage = kl_db_noted_damage (self->path, &day);
  return damage != NULL || self->damage != NULL || g_strcmp0 (day, today) != 0;
}
