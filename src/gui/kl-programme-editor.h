#pragma once

#include "kl-editor-window.h"

G_BEGIN_DECLS

#define KL_TYPE_PROGRAMME_EDITOR (kl_programme_editor_get_type ())

G_DECLARE_FINAL_TYPE (KlProgrammeEditor, kl_programme_editor, KL, PROGRAMME_EDITOR, KlEditorWindow)

KlProgrammeEditor *kl_programme_editor_new (KlContext *context,
                                            GtkWindow *parent,
                                            gint64     id);

G_END_DECLS
