#pragma once

#include <adwaita.h>

#include "kl-undo.h"

G_BEGIN_DECLS

/* Asking the main window for what only it does, through its "win."
 * actions: a toast, a toast offering undo, a programme to open. From a
 * dialog or editor window the request climbs its transient-for chain, so
 * a test can stand a window of its own with these actions above one. */

gboolean kl_actions_activate        (GtkWidget      *widget,
                                     const char     *name,
                                     GVariant       *parameter);
/* win.show-toast */
void     kl_actions_toast           (GtkWidget      *widget,
                                     const char     *text);
/* win.offer-undo: a toast with an Undo button for the step just pushed */
void     kl_actions_offer_undo      (GtkWidget      *widget,
                                     const char     *label);
/* kl_undo_push, then win.offer-undo */
void     kl_actions_push_undo       (GtkWidget      *widget,
                                     KlUndo         *undo,
                                     const char     *label,
                                     KlUndoFunc      func,
                                     gpointer        data,
                                     GDestroyNotify  destroy);
/* win.open-programme */
void     kl_actions_open_programme  (GtkWidget      *widget,
                                     gint64          programme_id);
/* A toast saying text as it is: libadwaita 1.2 reads a toast's title as
 * markup, and a name with an ampersand ("Berg & Søn AS") left it blank. */
AdwToast  *kl_actions_new_toast     (const char     *text);
/* The window a dialog of widget's sits on, or NULL. */
GtkWindow *kl_actions_get_parent    (GtkWidget      *widget);

G_END_DECLS
