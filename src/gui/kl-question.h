#pragma once

#include <adwaita.h>

#include "kl-context.h"

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

/* What was refused, and why: a message with Close, shown. */
void              kl_question_show_message (GtkWindow  *parent,
                                            const char *heading,
                                            const char *body);

/* Deletes a record without asking and offers undo from parent. */
typedef gboolean (*KlDeleteFunc) (KlContext  *context,
                                  GtkWindow  *parent,
                                  gint64      id,
                                  GError    **error);

/* "Delete “name”?" for a record of a list, shown: Delete calls
 * delete_func from the question, so that the undo toast goes to the
 * window it sits on. A refusal is said in the store's words: under
 * refusal_heading in a message of its own, or as a toast when NULL. */
void              kl_question_confirm_delete (KlContext    *context,
                                              GtkWindow    *parent,
                                              const char   *name,
                                              const char   *body,
                                              KlDeleteFunc  delete_func,
                                              gint64        id,
                                              const char   *refusal_heading);

G_END_DECLS
