#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The questions asked before a step that is hard to take back (deleting,
 * anonymising, restoring, dropping what was typed): the way out and the
 * step, in red. Enter and Escape take the way out, so the step takes a
 * deliberate click. Returned not yet shown: the caller connects
 * "response" and presents it. */

/* Cancel ("cancel") or the step (response, its button labelled label). */
AdwMessageDialog *kl_question_new         (GtkWindow  *parent,
                                           const char *heading,
                                           const char *body,
                                           const char *response,
                                           const char *label);
/* "Discard Changes?": Keep Editing ("keep") or Discard ("discard"). */
AdwMessageDialog *kl_question_new_discard (GtkWindow  *parent,
                                           const char *body);

G_END_DECLS
