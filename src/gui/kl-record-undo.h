#pragma once

#include "kl-db.h"

G_BEGIN_DECLS

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
} KlRecordUndo;

/* Takes the record (may be NULL). */
KlRecordUndo *kl_record_undo_new  (KlDb           *db,
                                   gpointer        record,
                                   GDestroyNotify  free_record,
                                   gint64          id);
void          kl_record_undo_free (KlRecordUndo   *undo);

G_END_DECLS
