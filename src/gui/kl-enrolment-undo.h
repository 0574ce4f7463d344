#pragma once

#include <gtk/gtk.h>

#include "kl-db.h"
#include "kl-undo.h"

G_BEGIN_DECLS

/* The undo step of enrolments made together (chosen in the enrol dialog,
 * or imported from a file): undoing unenrols the participants again and
 * deletes those the step added (created_ids, may be NULL), in one
 * transaction. Keeps references to the arrays; pushed as
 * kl_actions_push_undo does, with a toast offering Undo. */
void kl_enrolment_undo_push (GtkWidget  *widget,
                             KlUndo     *undo,
                             const char *label,
                             KlDb       *db,
                             gint64      programme_id,
                             GArray     *enrolled_ids,
                             GArray     *created_ids);

G_END_DECLS
