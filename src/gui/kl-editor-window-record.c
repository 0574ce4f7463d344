#include "config.h"

#include <glib/gi18n.h>

#include "kl-actions.h"
#include "kl-editor-window-private.h"
#include "kl-record-undo.h"

/* KlEditorWindow's side of the record an editor describes in its
 * KlEditorRecord: opening the editor on it and filling the form, the save,
 * load and delete with the undo of a delete; and the write with its undo
 * step for the session and cost editors, which keep their record
 * themselves. Only the window's public API is used here. */

/* After a delete: the toast's Undo puts the record back with the same
 * values. It gets a new id (SQLite hands out the next one); nothing else
 * pointed at it, or the store would have refused the delete. Takes the
 * record. */
static void
offer_undo (KlEditorWindow *self,
            gpointer        record)
{
  KlDb *db = kl_editor_window_get_db (self);
  const KlEditorRecord *kind = KL_EDITOR_WINDOW_GET_CLASS (self)->record;
  g_autofree char *label = g_strdup_printf (_(kind->deleted), kl_record_store_name (&kind->store, record));

  kl_actions_push_undo (GTK_WIDGET (self), kl_context_get_undo (kl_dialog_get_context (KL_DIALOG (self))), label,
                        kl_record_undo_deleted, kl_record_undo_new_for (&kind->store, db, record, 0),
                        (GDestroyNotify) kl_record_undo_free);
}

/* The record being edited as the store has it now, and its kind. */
static gpointer
get_stored (KlEditorWindow        *self,
            const KlEditorRecord **kind,
            GError               **error)
{
  *kind = KL_EDITOR_WINDOW_GET_CLASS (self)->record;
  g_return_val_if_fail (*kind != NULL, NULL);

  return (*kind)->store.get (kl_editor_window_get_db (self), kl_editor_window_get_id (self), error);
}

gboolean
kl_editor_window_record_save (KlEditorWindow  *self,
                              gint64          *id,
                              GError         **error)
{
  KlDb *db = kl_editor_window_get_db (self);
  const KlEditorRecord *kind = KL_EDITOR_WINDOW_GET_CLASS (self)->record;
  gpointer record;
  gboolean ok;

  g_return_val_if_fail (kind != NULL, FALSE);

  record = kind->read_form (self);
  *kl_record_store_id (&kind->store, record) = *id;
  *kl_record_store_version (&kind->store, record) = kl_editor_window_get_version (self);
  if (*id != 0)
    ok = kind->store.update (db, record, error);
  else if ((ok = kind->store.insert (db, record, error)))
    *id = *kl_record_store_id (&kind->store, record);
  kind->store.free (record);
  return ok;
}

gboolean
kl_editor_window_record_load (KlEditorWindow  *self,
                              GError         **error)
{
  const KlEditorRecord *kind;
  gpointer record = get_stored (self, &kind, error);

  if (record == NULL)
    return FALSE;
  kl_editor_window_fill (self, record);
  kind->store.free (record);
  return TRUE;
}

gboolean
kl_editor_window_record_delete (KlEditorWindow  *self,
                                GError         **error)
{
  const KlEditorRecord *kind;
  gpointer record = get_stored (self, &kind, error);

  if (record == NULL)
    return FALSE;
  if (!kind->store.delete (kl_editor_window_get_db (self), kl_editor_window_get_id (self), error))
    {
      kind->store.free (record);
      return FALSE;
    }
  offer_undo (self, record);
  return TRUE;
}

/* A new editor of @type (one with a KlEditorRecord) for the record @id, or
 * for a new one (id 0), set up: the record read is put in @record, for the
 * editor to load its choices and then kl_editor_window_fill() the form.
 * NULL, with a toast on the parent's window, when it cannot be read. */
KlEditorWindow *
kl_editor_window_open (GType       type,
                       KlContext  *context,
                       GtkWindow  *parent,
                       gint64      id,
                       gpointer   *record)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTypeClass) klass = NULL;
  const KlEditorRecord *kind;
  KlEditorWindow *self;

  g_return_val_if_fail (g_type_is_a (type, KL_TYPE_EDITOR_WINDOW), NULL);
  g_return_val_if_fail (KL_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  klass = g_type_class_ref (type);
  kind = KL_EDITOR_WINDOW_CLASS (klass)->record;
  g_return_val_if_fail (kind != NULL, NULL);

  *record = NULL;
  if (id > 0 && (*record = kind->store.get (kl_context_get_db (context), id, &error)) == NULL)
    {
      if (parent != NULL)
        kl_actions_toast (GTK_WIDGET (parent), error->message);
      return NULL;
    }
  self = g_object_new (type, "context", context, "transient-for", parent, NULL);
  kl_editor_window_setup (self, id, *record ? kl_record_store_name (&kind->store, *record) : NULL);
  return self;
}

/* The form as the stored record has it (when there is one), and the
 * version it was read at; then nothing in it counts as changed. */
void
kl_editor_window_fill (KlEditorWindow *self,
                       gconstpointer   record)
{
  const KlEditorRecord *kind;

  g_return_if_fail (KL_IS_EDITOR_WINDOW (self));

  kind = KL_EDITOR_WINDOW_GET_CLASS (self)->record;
  g_return_if_fail (kind != NULL);

  if (record != NULL)
    {
      kind->fill_form (self, record);
      kl_editor_window_set_version (self, *kl_record_store_version (&kind->store, (gpointer) record));
    }
  kl_field_set_reset (kl_editor_window_get_fields (self));
}

/* For an editor that keeps the record it loaded in @original (a session,
 * a cost): writes @record, an insert when there is no original and else an
 * update over the version loaded, and pushes the undo step named @label,
 * which takes the original. FALSE names what the store refused. */
gboolean
kl_editor_window_write_undoable (KlEditorWindow       *self,
                                 const KlRecordStore  *store,
                                 gpointer              record,
                                 gpointer             *original,
                                 const char           *label,
                                 GError              **error)
{
  KlDb *db;
  KlUndo *undo;

  g_return_val_if_fail (KL_IS_EDITOR_WINDOW (self), FALSE);
  g_return_val_if_fail (store != NULL && record != NULL && original != NULL, FALSE);

  db = kl_editor_window_get_db (self);
  undo = kl_context_get_undo (kl_dialog_get_context (KL_DIALOG (self)));
  if (*original == NULL)
    {
      if (!store->insert (db, record, error))
        return FALSE;
      kl_actions_push_undo (GTK_WIDGET (self), undo, label, kl_record_undo_added,
                            kl_record_undo_new_for (store, db, NULL, *kl_record_store_id (store, record)),
                            (GDestroyNotify) kl_record_undo_free);
      return TRUE;
    }
  /* Saved over the version loaded: someone's change since is refused. */
  *kl_record_store_version (store, record) = kl_editor_window_get_version (self);
  if (!store->update (db, record, error))
    return FALSE;
  kl_actions_push_undo (GTK_WIDGET (self), undo, label, kl_record_undo_edited,
                        kl_record_undo_new_for (store, db, g_steal_pointer (original), 0),
                        (GDestroyNotify) kl_record_undo_free);
  return TRUE;
}
