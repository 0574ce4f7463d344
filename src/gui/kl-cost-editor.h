#pragma once

#include <adwaita.h>

#include "kl-context.h"
#include "kl-editor-window.h"
#include "kl-model.h"

G_BEGIN_DECLS

#define KL_TYPE_COST_EDITOR (kl_cost_editor_get_type ())

G_DECLARE_FINAL_TYPE (KlCostEditor, kl_cost_editor, KL, COST_EDITOR, KlEditorWindow)

/* The form for one cost item of a programme (cost_id 0: a new one), modal
 * on the window: a budget line (planned, for the application) or an
 * invoice, the sessions and dates it covers. It shows, as you type, what
 * the fund would count for the line among the programme's others and why.
 * Saving and deleting are undoable through the window. */
KlCostEditor *kl_cost_editor_new_invoice    (KlContext       *context,
                                             GtkWindow       *parent,
                                             gint64           programme_id,
                                             gint64           budget_id);
KlCostEditor *kl_cost_editor_new            (KlContext       *context,
                                             GtkWindow       *parent,
                                             gint64           programme_id,
                                             gint64           cost_id);
void          kl_cost_editor_set_category   (KlCostEditor    *self,
                                             KlCostCategory   category);
void          kl_cost_editor_set_consultant (KlCostEditor    *self,
                                             gint64           consultant_id);
void          kl_cost_editor_set_budget     (KlCostEditor    *self,
                                             gboolean         budget);
gboolean      kl_cost_editor_get_budget     (KlCostEditor    *self);
gboolean      kl_cost_editor_set_session    (KlCostEditor    *self,
                                             gint64           session_id,
                                             gboolean         chosen);
GtkEditable  *kl_cost_editor_get_field      (KlCostEditor    *self,
                                             const char      *name);
const char   *kl_cost_editor_get_message    (KlCostEditor    *self,
                                             const char      *name);
gint64        kl_cost_editor_get_counted    (KlCostEditor    *self);
const char   *kl_cost_editor_get_explanation(KlCostEditor    *self);
const char   *kl_cost_editor_get_title      (KlCostEditor    *self);
gboolean      kl_cost_editor_can_save       (KlCostEditor    *self);
gboolean      kl_cost_editor_save           (KlCostEditor    *self,
                                             GError         **error);
gint64        kl_cost_editor_get_cost_id    (KlCostEditor    *self);

void          kl_cost_editor_confirm_delete (KlContext       *context,
                                             GtkWindow       *parent,
                                             gint64           cost_id);
gboolean      kl_cost_editor_delete         (KlContext       *context,
                                             GtkWindow       *parent,
                                             gint64           cost_id,
                                             GError         **error);

G_END_DECLS
