#pragma once

#include <gtk/gtk.h>

#include "kl-window.h"

G_BEGIN_DECLS

/* GTK, libadwaita, Kartleser's resources and style sheet, translations,
 * and no animations: what a GUI test needs before its first window. */
void      kl_test_gui_init     (void);
/* Lets GTK lay out and draw what changed. */
void      kl_test_settle       (void);
void      kl_test_wait_mapped  (GtkWidget *widget);
KlWindow *kl_test_open_window  (KlDb      *db);
/* A PNG of a window (or part of one) as it is on screen, in the build
 * directory as screenshot-<en|nb>-<name>.png. */
void      kl_test_save_png     (GtkWidget  *widget,
                                const char *name);
/* A database in dir filled with the small demo. */
KlDb     *kl_test_demo_db      (const char *dir);

G_END_DECLS
