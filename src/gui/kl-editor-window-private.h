#pragma once

#include "kl-editor-window.h"

G_BEGIN_DECLS

/* The save, load and delete_record of an editor with a KlEditorRecord,
 * the class's defaults (kl-editor-window-record.c). */
gboolean kl_editor_window_record_save   (KlEditorWindow  *self,
                                         gint64          *id,
                                         GError         **error);
gboolean kl_editor_window_record_load   (KlEditorWindow  *self,
                                         GError         **error);
gboolean kl_editor_window_record_delete (KlEditorWindow  *self,
                                         GError         **error);

G_END_DECLS
