#pragma once

#include "kl-editor-window.h"

G_BEGIN_DECLS

#define KL_TYPE_PARTICIPANT_EDITOR (kl_participant_editor_get_type ())

G_DECLARE_FINAL_TYPE (KlParticipantEditor, kl_participant_editor, KL, PARTICIPANT_EDITOR, KlEditorWindow)

KlParticipantEditor *kl_participant_editor_new (KlContext *context,
                                                GtkWindow *parent,
                                                gint64     id);

void      kl_participant_editor_export_personal_data (KlParticipantEditor *self);
AdwMessageDialog *kl_participant_editor_confirm_anonymise (KlParticipantEditor *self);

/* For tests */
char     *kl_participant_editor_get_export_name (KlParticipantEditor  *self);
gboolean  kl_participant_editor_export_to       (KlParticipantEditor  *self,
                                                 const char           *path,
                                                 GError              **error);

G_END_DECLS
