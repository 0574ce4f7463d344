#pragma once

#include <gio/gio.h>

#include "kl-db.h"
#include "kl-server.h"
#include "kl-undo.h"

G_BEGIN_DECLS

#define KL_TYPE_CONTEXT (kl_context_get_type ())

/* What every page, editor and dialog shares: the database, the undo stack
 * and the settings. (KlSession is taken: it is a programme's session.) */
G_DECLARE_FINAL_TYPE (KlContext, kl_context, KL, CONTEXT, GObject)

KlContext *kl_context_new          (KlDb      *db);
KlDb      *kl_context_get_db       (KlContext *self);
KlUndo    *kl_context_get_undo     (KlContext *self);
GSettings *kl_context_get_settings (KlContext *self);
/* The team server's role of the login, looked up once; the office on a
 * file (whoever may write the file may do everything). */
KlServerRole kl_context_get_role   (KlContext *self);
/* The lookup itself, for a connection not (yet) in a context. */
KlServerRole kl_context_role_of    (KlDb      *db);

G_END_DECLS
