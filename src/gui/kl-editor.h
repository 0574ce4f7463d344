#pragma once

#include "kl-context.h"
#include "kl-list-page.h"

G_BEGIN_DECLS

typedef enum
{
  KL_EDITOR_CLIENT,
  KL_EDITOR_CONSULTANT,
  KL_EDITOR_PARTICIPANT,
  KL_EDITOR_PROGRAMME,
} KlEditorKind;

/* Opens the form for a record (id > 0) or a new one (id == 0), modal on
 * the window. Saving, deleting and undoing go through the window. */
GtkWindow *kl_editor_show          (KlContext    *context,
                                    GtkWindow    *parent,
                                    KlEditorKind  kind,
                                    gint64        id);
GtkWindow *kl_editor_show_for_list (KlContext    *context,
                                    GtkWindow    *parent,
                                    KlListKind    list,
                                    gint64        id);

G_END_DECLS
