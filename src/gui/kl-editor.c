#include "config.h"

#include "kl-client-editor.h"
#include "kl-consultant-editor.h"
#include "kl-editor.h"
#include "kl-participant-editor.h"
#include "kl-programme-editor.h"

/* NULL when the record cannot be read (the parent's window says why in a
 * toast). */
GtkWindow *
kl_editor_show (KlContext    *context,
                GtkWindow    *parent,
                KlEditorKind  kind,
                gint64        id)
{
  KlEditorWindow *editor = NULL;

  g_return_val_if_fail (KL_IS_CONTEXT (context), NULL);

  switch (kind)
    {
    case KL_EDITOR_CLIENT:
      editor = KL_EDITOR_WINDOW (kl_client_editor_new (context, parent, id));
      break;
    case KL_EDITOR_CONSULTANT:
      editor = KL_EDITOR_WINDOW (kl_consultant_editor_new (context, parent, id));
      break;
    case KL_EDITOR_PARTICIPANT:
      editor = KL_EDITOR_WINDOW (kl_participant_editor_new (context, parent, id));
      break;
    case KL_EDITOR_PROGRAMME:
      editor = KL_EDITOR_WINDOW (kl_programme_editor_new (context, parent, id));
      break;
    default:
      g_return_val_if_reached (NULL);
    }
  if (editor == NULL)
    return NULL;
  gtk_window_present (GTK_WINDOW (editor));
  return GTK_WINDOW (editor);
}

GtkWindow *
kl_editor_show_for_list (KlContext  *context,
                         GtkWindow  *parent,
                         KlListKind  list,
                         gint64      id)
{
  static const KlEditorKind kinds[] = {
    [KL_LIST_PROGRAMMES] = KL_EDITOR_PROGRAMME,
    [KL_LIST_CLIENTS] = KL_EDITOR_CLIENT,
    [KL_LIST_PARTICIPANTS] = KL_EDITOR_PARTICIPANT,
    [KL_LIST_CONSULTANTS] = KL_EDITOR_CONSULTANT,
  };

  g_return_val_if_fail ((guint) list < G_N_ELEMENTS (kinds), NULL);
  return kl_editor_show (context, parent, kinds[list], id);
}
