#pragma once

#include "kl-db.h"

G_BEGIN_DECLS

/* Moving a whole database between a file and a team server (README,
 * "Team server"): server import and backup of a server. */

/* done of total rows of table copied so far. */
typedef void (*KlServerProgress) (const char *table,
                                  gint64      done,
                                  gint64      total,
                                  gpointer    data);

/* Copies the single-user SQLite database at source into server, which
 * must be empty (init run, nothing entered), with its ids, audit trail
 * and sealed documents, in one transaction: on any failure the server
 * stays empty. The source file is not changed; an older one is upgraded
 * in a private copy. progress may be NULL. */
gboolean  kl_server_import    (KlDb              *server,
                               const char        *source,
                               KlServerProgress   progress,
                               gpointer           data,
                               GError           **error);
/* One consistent snapshot of server (one REPEATABLE READ transaction) as
 * a Kartleser SQLite file at dest, written beside it and renamed, 0600:
 * restore and server import accept it. */
gboolean  kl_server_snapshot  (KlDb              *server,
                               const char        *dest,
                               KlServerProgress   progress,
                               gpointer           data,
                               GError           **error);

G_END_DECLS
