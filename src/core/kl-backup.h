#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Copies of the database: taken with SQLite's online backup API from a
 * connection of their own (so the application may keep writing), checked
 * before a restore replaces anything, and kept daily next to the file. */

#define KL_BACKUP_KEEP_DAILY 7
#define KL_BACKUP_KEEP_COPY_DAYS 90

char     *kl_backup_dir           (const char  *db_path);
char     *kl_backup_default_name  (GDateTime   *when);
gboolean  kl_backup_write         (const char  *db_path,
                                   const char  *dest,
                                   GError     **error);
gboolean  kl_backup_check         (const char  *candidate,
                                   int         *version,
                                   GError     **error);
gboolean  kl_backup_restore       (const char  *db_path,
                                   const char  *candidate,
                                   char       **kept,
                                   GError     **error);
gboolean  kl_backup_daily         (const char  *db_path,
                                   GDateTime   *now,
                                   guint        keep,
                                   char       **made,
                                   GError     **error);

/* A copy kept before a restore (in the backups folder) or before an
 * upgrade (beside the database), until KL_BACKUP_KEEP_COPY_DAYS old. */
typedef enum
{
  KL_BACKUP_COPY_BEFORE_RESTORE,
  KL_BACKUP_COPY_PRE_UPGRADE,
} KlBackupCopyKind;

typedef struct
{
  char *path;
  KlBackupCopyKind kind;
  gint64 modified;       /* Unix time, as the clean-up reads it */
  gint64 size;           /* bytes */
} KlBackupCopy;

/* Newest first; empty when there are none. Reads the folders only. */
GPtrArray *kl_backup_list_copies  (const char  *db_path);
void       kl_backup_copy_free    (KlBackupCopy *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlBackupCopy, kl_backup_copy_free)

G_END_DECLS
