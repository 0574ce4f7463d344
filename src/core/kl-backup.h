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

G_END_DECLS
