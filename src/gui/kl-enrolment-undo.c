#include "config.h"

#include "kl-actions.h"
#include "kl-enrolment-undo.h"
#include "kl-store.h"

/* What the enrol dialog and the import dialog both take back. Gaps an
 * import filled in participants it matched stay filled. */

typedef struct
{
  KlDb *db;
  gint64 programme_id;
  GArray *enrolled_ids;
  GArray *created_ids;
} EnrolmentUndo;

static void
enrolment_undo_free (EnrolmentUndo *undo)
{
  g_object_unref (undo->db);
  g_array_unref (undo->enrolled_ids);
  g_clear_pointer (&undo->created_ids, g_array_unref);
  g_free (undo);
}

static gboolean
undo_enrolments_cb (gpointer   data,
                    GError   **error)
{
  EnrolmentUndo *undo = data;
  g_autoptr(KlTransaction) tx = kl_db_begin (undo->db, error);

  if (tx == NULL)
    return FALSE;
  for (guint i = 0; i < undo->enrolled_ids->len; i++)
    if (!kl_store_unenrol (undo->db, undo->programme_id, g_array_index (undo->enrolled_ids, gint64, i), error))
      return FALSE;
  for (guint i = 0; undo->created_ids != NULL && i < undo->created_ids->len; i++)
    if (!kl_store_delete_participant (undo->db, g_array_index (undo->created_ids, gint64, i), error))
      return FALSE;
  return kl_transaction_commit (tx, error);
}

void
kl_enrolment_undo_push (GtkWidget  *widget,
                        KlUndo     *undo,
                        const char *label,
                        KlDb       *db,
                        gint64      programme_id,
                        GArray     *enrolled_ids,
                        GArray     *created_ids)
{
  EnrolmentUndo *step;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (KL_IS_DB (db));
  g_return_if_fail (enrolled_ids != NULL);

  step = g_new0 (EnrolmentUndo, 1);
  step->db = g_object_ref (db);
  step->programme_id = programme_id;
  step->enrolled_ids = g_array_ref (enrolled_ids);
  step->created_ids = created_ids != NULL ? g_array_ref (created_ids) : NULL;
  kl_actions_push_undo (widget, undo, label, undo_enrolments_cb, step, (GDestroyNotify) enrolment_undo_free);
}
