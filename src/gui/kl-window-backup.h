#pragma once

#include <gtk/gtk.h>

#include "kl-window.h"

G_BEGIN_DECLS

/* The window's file actions: Back Up…, Restore… and the programme's
 * Export Calendar…, and the daily backup made when the database opens.
 * The copying runs in worker threads with connections of its own. */

void kl_window_backup_install_actions  (GtkWidgetClass *widget_class);
void kl_window_back_up_to              (KlWindow       *self,
                                        GFile          *file);
void kl_window_restore_from            (KlWindow       *self,
                                        GFile          *file);
void kl_window_start_daily_backup      (KlWindow       *self);

G_END_DECLS
