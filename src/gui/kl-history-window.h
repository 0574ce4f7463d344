#pragma once

#include <adwaita.h>

#include "kl-dialog.h"

G_BEGIN_DECLS

#define KL_TYPE_HISTORY_WINDOW (kl_history_window_get_type ())

G_DECLARE_FINAL_TYPE (KlHistoryWindow, kl_history_window, KL, HISTORY_WINDOW, KlDialog)

/* A programme's audit trail, newest first: what changed, when and by
 * whom. Follows the database while it is open. */
KlHistoryWindow *kl_history_window_new        (KlContext        *context,
                                               GtkWindow        *parent,
                                               gint64            programme_id);
guint            kl_history_window_get_n_rows (KlHistoryWindow  *self);
GtkListBox      *kl_history_window_get_list   (KlHistoryWindow  *self);

G_END_DECLS
