#pragma once

#include "kl-editor-window.h"

G_BEGIN_DECLS

#define KL_TYPE_CONSULTANT_EDITOR (kl_consultant_editor_get_type ())

G_DECLARE_FINAL_TYPE (KlConsultantEditor, kl_consultant_editor, KL, CONSULTANT_EDITOR, KlEditorWindow)

KlConsultantEditor *kl_consultant_editor_new (KlContext *context,
                                              GtkWindow *parent,
                                              gint64     id);

G_END_DECLS
