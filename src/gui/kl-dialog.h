#pragma once

#include <adwaita.h>

#include "kl-context.h"

G_BEGIN_DECLS

#define KL_TYPE_DIALOG (kl_dialog_get_type ())

/* Derivable: the base of the dialog windows, the editors (KlEditorWindow)
 * and those a programme opens (enrol, import, a series of sessions, the
 * history): a window with the shared context as its construct property,
 * as every page has it. It has no template of its own; the dialogs bring
 * theirs. */
G_DECLARE_DERIVABLE_TYPE (KlDialog, kl_dialog, KL, DIALOG, AdwWindow)

struct _KlDialogClass
{
  AdwWindowClass parent_class;
};

KlContext *kl_dialog_get_context (KlDialog *self);

G_END_DECLS
