#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KL_TYPE_UNDO (kl_undo_get_type ())

G_DECLARE_FINAL_TYPE (KlUndo, kl_undo, KL, UNDO, GObject)

/* Undoes a change by making the opposite change; returns FALSE with an
 * error when it no longer can (something else changed meanwhile). */
typedef gboolean (*KlUndoFunc) (gpointer   data,
                                GError   **error);

KlUndo     *kl_undo_new       (void);
void        kl_undo_push      (KlUndo         *self,
                               const char     *label,
                               KlUndoFunc      func,
                               gpointer        data,
                               GDestroyNotify  destroy);
gboolean    kl_undo_can_undo  (KlUndo         *self);
const char *kl_undo_peek_label(KlUndo         *self);
gboolean    kl_undo_undo      (KlUndo         *self,
                               GError        **error);

G_END_DECLS
