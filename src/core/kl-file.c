#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kl-file.h"
#include "kl-i18n.h"

#define PRIVATE_MODE 0600

/* Windows (MSYS2) has neither symbolic links to refuse at open nor exec to
 * close descriptors on, and would translate line ends without O_BINARY. */
#ifndef O_NOFOLLOW
#define O_NOFOLLOW 0
#endif
#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif
#ifndef O_BINARY
#define O_BINARY 0
#endif
#define COPY_CHUNK (256 * 1024)

static void
set_errno_error (GError     **error,
                 int          saved,
                 const char  *format,
                 const char  *path)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), format, path, g_strerror (saved));
}

/* The one place a file is created: exclusively, not through a link, and
 * chmod'ed after, because a umask can only take bits away from 0600 (0400
 * with umask 0277, which would leave an unwritable file), never add. */
static int
open_private (const char *path,
              int        *saved)
{
  int fd = g_open (path, O_CREAT | O_EXCL | O_WRONLY | O_BINARY | O_CLOEXEC | O_NOFOLLOW, PRIVATE_MODE);

  if (fd < 0)
    {
      *saved = errno;
      return -1;
    }
#ifdef G_OS_UNIX
  if (fchmod (fd, PRIVATE_MODE) != 0)
    {
      *saved = errno;
      close (fd);
      g_unlink (path);
      return -1;
    }
#endif
  return fd;
}

/* A new private file beside path, named after it so that one left behind
 * by a crash says what it was. */
static int
open_temporary (const char  *path,
                char       **tmp_path,
                GError     **error)
{
  int saved = EEXIST;

  for (guint attempt = 0; attempt < 100 && saved == EEXIST; attempt++)
    {
      g_autofree char *candidate = g_strdup_printf ("%s.%06X.part", path, g_random_int_range (0, 0x1000000));
      int fd = open_private (candidate, &saved);

      if (fd >= 0)
        {
          *tmp_path = g_steal_pointer (&candidate);
          return fd;
        }
    }
  set_errno_error (error, saved, _("Cannot write %s: %s"), path);
  return -1;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length,
           int         *saved)
{
  while (length > 0)
    {
      gssize written = write (fd, data, MIN (length, (gsize) G_MAXSSIZE));

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        {
          *saved = written < 0 ? errno : EIO;
          return FALSE;
        }
      data += written;
      length -= (gsize) written;
    }
  return TRUE;
}

/* Closes fd and renames tmp_path over path; on any failure tmp_path is
 * removed and path left as it was. saved: the errno of a failure before. */
static gboolean
commit (int          fd,
        char        *tmp_path,
        const char  *path,
        int          saved,
        GError     **error)
{
  /* Like G_FILE_SET_CONTENTS_CONSISTENT: a file that replaces another
   * reaches the disk before the rename, so a crash leaves one of the two,
   * never an empty file. */
  if (saved == 0 && g_file_test (path, G_FILE_TEST_EXISTS) && g_fsync (fd) != 0)
    saved = errno;
  if (close (fd) != 0 && saved == 0)
    saved = errno;
  if (saved == 0 && g_rename (tmp_path, path) != 0)
    saved = errno;
  if (saved != 0)
    {
      g_unlink (tmp_path);
      set_errno_error (error, saved, _("Cannot write %s: %s"), path);
    }
  g_free (tmp_path);
  return saved == 0;
}

int
kl_file_create_private (const char  *path,
                        GError     **error)
{
  int saved = 0;
  int fd;

  g_return_val_if_fail (path != NULL, -1);

  fd = open_private (path, &saved);
  if (fd < 0)
    set_errno_error (error, saved, _("Cannot create %s: %s"), path);
  return fd;
}

gboolean
kl_file_write_private (const char  *path,
                       const void  *data,
                       gsize        length,
                       GError     **error)
{
  char *tmp_path = NULL;
  int saved = 0;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  fd = open_temporary (path, &tmp_path, error);
  if (fd < 0)
    return FALSE;
  write_all (fd, data, length, &saved);
  return commit (fd, tmp_path, path, saved, error);
}

gboolean
kl_file_copy_private (const char  *source,
                      const char  *dest,
                      GError     **error)
{
  g_autofree char *buffer = NULL;
  char *tmp_path = NULL;
  int saved = 0;
  int in;
  int out;

  g_return_val_if_fail (source != NULL && dest != NULL, FALSE);

  in = g_open (source, O_RDONLY | O_BINARY | O_CLOEXEC, 0);
  if (in < 0)
    {
      set_errno_error (error, errno, _("Cannot read %s: %s"), source);
      return FALSE;
    }
  out = open_temporary (dest, &tmp_path, error);
  if (out < 0)
    {
      close (in);
      return FALSE;
    }
  buffer = g_malloc (COPY_CHUNK);
  for (;;)
    {
      gssize got = read (in, buffer, COPY_CHUNK);

      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        {
          set_errno_error (error, errno, _("Cannot read %s: %s"), source);
          close (in);
          close (out);
          g_unlink (tmp_path);
          g_free (tmp_path);
          return FALSE;
        }
      if (got == 0 || !write_all (out, buffer, (gsize) got, &saved))
        break;
    }
  close (in);
  return commit (out, tmp_path, dest, saved, error);
}
