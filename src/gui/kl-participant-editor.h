#pragma once

#include "kl-editor-window.h"

G_BEGIN_DECLS

#define KL_TYPE_PARTICIPANT_EDITOR (kl_participant_editor_get_type ())

G_DECLARE_FINAL_TYPE (KlParticipantEditor, kl_participant_editor, KL, PARTICIPANT_EDITOR, KlEditorWindow)

KlParticipantEditor *kl_participant_editor_new (KlWindow *window,
                                                gint64    id);

G_END_DECLS
