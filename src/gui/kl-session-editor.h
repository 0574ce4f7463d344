#pragma once

#include <adwaita.h>

#include "kl-context.h"
#include "kl-editor-window.h"

G_BEGIN_DECLS

#define KL_TYPE_SESSION_EDITOR (kl_session_editor_get_type ())

G_DECLARE_FINAL_TYPE (KlSessionEditor, kl_session_editor, KL, SESSION_EDITOR, KlEditorWindow)

/* The form for one session of a programme (session_id 0: a new one),
 * modal on the window. Fields are checked as they are typed; saving and
 * deleting are undoable through the window. */
KlSessionEditor *kl_session_editor_new            (KlContext        *context,
                                                   GtkWindow        *parent,
                                                   gint64            programme_id,
                                                   gint64            session_id);
GtkEditable     *kl_session_editor_get_field      (KlSessionEditor  *self,
                                                   const char       *name);
const char      *kl_session_editor_get_message    (KlSessionEditor  *self,
                                                   const char       *name);
void             kl_session_editor_set_leader     (KlSessionEditor  *self,
                                                   gint64            consultant_id,
                                                   gboolean          leads);
gboolean         kl_session_editor_set_audience   (KlSessionEditor  *self,
                                                   const char       *audience,
                                                   gint64            workplace_id);
gboolean         kl_session_editor_set_named      (KlSessionEditor  *self,
                                                   gint64            participant_id,
                                                   gboolean          named);
GArray          *kl_session_editor_get_workplaces (KlSessionEditor  *self);
gboolean         kl_session_editor_can_save       (KlSessionEditor  *self);
const char      *kl_session_editor_get_warning    (KlSessionEditor  *self);
gboolean         kl_session_editor_save           (KlSessionEditor  *self,
                                                   GError          **error);
gint64           kl_session_editor_get_session_id (KlSessionEditor  *self);

void             kl_session_editor_confirm_delete (KlContext        *context,
                                                   GtkWindow        *parent,
                                                   gint64            session_id);
gboolean         kl_session_editor_delete         (KlContext        *context,
                                                   GtkWindow        *parent,
                                                   gint64            session_id,
                                                   GError          **error);

G_END_DECLS
