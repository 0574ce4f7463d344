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

/* The construct-only "context" property that every page, editor and dialog
 * has, in one place. kl_context_install_property() installs it on @klass as
 * @prop_id, kept in the instance's `KlContext *` field at @offset
 * (G_STRUCT_OFFSET, or G_PRIVATE_OFFSET for a private field). The class sets
 * kl_context_holder_get_property and kl_context_holder_set_property as its
 * get_property and set_property when the context is its only property, or
 * calls them for that property from its own; its dispose clears the field. */
void kl_context_install_property     (GObjectClass *klass,
                                      guint         prop_id,
                                      glong         offset);
void kl_context_holder_get_property  (GObject      *object,
                                      guint         prop_id,
                                      GValue       *value,
                                      GParamSpec   *pspec);
void kl_context_holder_set_property  (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec);

G_END_DECLS
