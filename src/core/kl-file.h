#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Every file Kartleser writes holds personal data (names, e-mail
 * addresses, attendance, invoices), so each one is readable and writable
 * by its owner only, whatever the umask, like the database itself. Errors
 * are in G_FILE_ERROR. */

/* A new, empty file at exactly path (never an existing one, never through
 * a symbolic link), mode 0600; its descriptor, or -1. */
int      kl_file_create_private (const char  *path,
                                 GError     **error);
/* The whole of data in path, or path left as it was: written to a new
 * private file beside it ("path.XXXXXX.part") and renamed over it. */
gboolean kl_file_write_private  (const char  *path,
                                 const void  *data,
                                 gsize        length,
                                 GError     **error);
/* source copied byte for byte to dest the same way, without reading it
 * into memory. */
gboolean kl_file_copy_private   (const char  *source,
                                 const char  *dest,
                                 GError     **error);

G_END_DECLS
