#include "config.h"

#include "kl-record-undo.h"

/* The data of the undo steps the editors and views push for one record:
 * one shape, whichever record it is; and, with the record's KlRecordStore,
 * the steps themselves. */

gint64 *
kl_record_store_id (const KlRecordStore *store,
                    gpointer             record)
{
  return &G_STRUCT_MEMBER (gint64, record, store->id_offset);
}

gint64 *
kl_record_store_version (const KlRecordStore *store,
                         gpointer             record)
{
  return &G_STRUCT_MEMBER (gint64, record, store->version_offset);
}

const char *
kl_record_store_name (const KlRecordStore *store,
                      gconstpointer        record)
{
  g_return_val_if_fail (store->name_offset != 0, NULL);
  return G_STRUCT_MEMBER (const char *, record, store->name_offset);
}

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

KlRecordUndo *
kl_record_undo_new_for (const KlRecordStore *store,
                        KlDb                *db,
                        gpointer             record,
                        gint64               id)
{
  KlRecordUndo *undo;

  g_return_val_if_fail (store != NULL, NULL);

  undo = kl_record_undo_new (db, record, store->free, id);
  undo->store = store;
  return undo;
}

gboolean
kl_record_undo_added (gpointer   data,
                      GError   **error)
{
  KlRecordUndo *undo = data;

  return undo->store->delete (undo->db, undo->id, error);
}

gboolean
kl_record_undo_edited (gpointer   data,
                       GError   **error)
{
  KlRecordUndo *undo = data;

  return undo->store->update (undo->db, undo->record, error);
}

gboolean
kl_record_undo_deleted (gpointer   data,
                        GError   **error)
{
  KlRecordUndo *undo = data;

  *kl_record_store_id (undo->store, undo->record) = 0;
  return undo->store->insert (undo->db, undo->record, error);
}
