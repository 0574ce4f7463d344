#include "config.h"

#include "kl-record-undo.h"

/* The data of the undo steps the editors and views push for one record:
 * one shape, whichever record it is. */

KlRecordUndo *
kl_record_undo_new (KlDb           *db,
                    gpointer        record,
                    GDestroyNotify  free_record,
                    gint64          id)
{
  KlRecordUndo *undo;

  g_return_val_if_fail (KL_IS_DB (db), NULL);
  g_return_val_if_fail (record == NULL || free_record != NULL, NULL);

  undo = g_new0 (KlRecordUndo, 1);
  undo->db = g_object_ref (db);
  undo->record = record;
  undo->free_record = free_record;
  undo->id = id;
  return undo;
}

void
kl_record_undo_free (KlRecordUndo *undo)
{
  g_object_unref (undo->db);
  if (undo->record != NULL)
    undo->free_record (undo->record);
  g_free (undo);
}
