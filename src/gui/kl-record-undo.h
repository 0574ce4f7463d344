#pragma once

#include "kl-db.h"

G_BEGIN_DECLS

typedef gpointer (*KlRecordGetFunc)    (KlDb      *db,
                                        gint64     id,
                                        GError   **error);
typedef gboolean (*KlRecordWriteFunc)  (KlDb      *db,
                                        gpointer   record,
                                        GError   **error);
typedef gboolean (*KlRecordDeleteFunc) (KlDb      *db,
                                        gint64     id,
                                        GError   **error);

/* What the store does with one kind of record (a client, a session, a
 * cost…), for the code that treats them alike: the editors' save and
 * delete, and the undo steps below. */
typedef struct
{
  /* The store's functions, e.g. kl_store_get_client, and the record's free. */
  KlRecordGetFunc get;
  KlRecordWriteFunc insert;
  KlRecordWriteFunc update;
  KlRecordDeleteFunc delete;
  GDestroyNotify free;
  /* Where the record keeps its id, its version and the name it goes by
   * (G_STRUCT_OFFSET; the name's 0 when it has none): the core's records
   * share no common part. */
  glong id_offset;
  glong version_offset;
  glong name_offset;
} KlRecordStore;

gint64     *kl_record_store_id      (const KlRecordStore *store,
                                     gpointer             record);
gint64     *kl_record_store_version (const KlRecordStore *store,
                                     gpointer             record);
const char *kl_record_store_name    (const KlRecordStore *store,
                                     gconstpointer        record);

/* What an undo step over one stored record keeps: the connection to undo
 * it through, and the record as it was (for an edit or a delete, freed
 * with the step) or the id of what was added (for an add). The step's
 * KlUndoFunc takes it and asks the store for the opposite change. */
typedef struct
{
  KlDb *db;
  gpointer record;
  GDestroyNotify free_record;
  gint64 id;
  const KlRecordStore *store;   /* for the steps below; NULL for others */
} KlRecordUndo;

/* Takes the record (may be NULL). */
KlRecordUndo *kl_record_undo_new  (KlDb           *db,
                                   gpointer        record,
                                   GDestroyNotify  free_record,
                                   gint64          id);
void          kl_record_undo_free (KlRecordUndo   *undo);

/* The same for a record of @store, for the three steps that follow: they
 * are KlUndoFuncs taking it. */
KlRecordUndo *kl_record_undo_new_for (const KlRecordStore *store,
                                      KlDb                *db,
                                      gpointer             record,
                                      gint64               id);
/* Undoes an add: deletes the record of the id. */
gboolean      kl_record_undo_added   (gpointer             data,
                                      GError             **error);
/* Undoes an edit: writes the record as it was. */
gboolean      kl_record_undo_edited  (gpointer             data,
                                      GError             **error);
/* Undoes a delete: inserts the record again, which gives it a new id. */
gboolean      kl_record_undo_deleted (gpointer             data,
                                      GError             **error);

G_END_DECLS
