#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KL_TYPE_MESSAGE_ROW (kl_message_row_get_type ())

G_DECLARE_FINAL_TYPE (KlMessageRow, kl_message_row, KL, MESSAGE_ROW, GtkListBoxRow)

/* A row of a boxed list that sits under a field and says what is wrong
 * with it; hidden while there is nothing to say. */
GtkWidget  *kl_message_row_new         (void);
void        kl_message_row_set_message (KlMessageRow *self,
                                        GtkWidget    *field,
                                        const char   *message);
const char *kl_message_row_get_message (KlMessageRow *self);

G_END_DECLS
