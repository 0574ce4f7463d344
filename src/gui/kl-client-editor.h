#pragma once

#include "kl-editor-window.h"

G_BEGIN_DECLS

#define KL_TYPE_CLIENT_EDITOR (kl_client_editor_get_type ())

G_DECLARE_FINAL_TYPE (KlClientEditor, kl_client_editor, KL, CLIENT_EDITOR, KlEditorWindow)

KlClientEditor *kl_client_editor_new (KlContext *context,
                                      GtkWindow *parent,
                                      gint64     id);
/* What the form says about who applies to the fund and is paid. */
const char     *kl_client_editor_get_legal_entity (KlClientEditor *self);

G_END_DECLS
