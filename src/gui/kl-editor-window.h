#pragma once

#include <adwaita.h>

#include "kl-dialog.h"
#include "kl-field-set.h"
#include "kl-list-page.h"
#include "kl-record-undo.h"

G_BEGIN_DECLS

#define KL_TYPE_EDITOR_WINDOW (kl_editor_window_get_type ())

/* Derivable: the base of the client, consultant, participant and programme
 * editors, which add their groups as <child> of their templates. */
G_DECLARE_DERIVABLE_TYPE (KlEditorWindow, kl_editor_window, KL, EDITOR_WINDOW, KlDialog)

/* What an editor of one stored record (a client, consultant, participant or
 * programme) says of it; the window then loads, saves and deletes it and
 * offers the undo itself, and the editor only moves values between the
 * record and its form. */
typedef struct
{
  KlRecordStore store;
  /* The toast after a delete, marked N_: "Client “%s” deleted". */
  const char *deleted;
  /* Sets the fields from the record. */
  void     (*fill_form) (KlEditorWindow *self,
                         gconstpointer   record);
  /* A new record from the fields; the window sets its id and version. */
  gpointer (*read_form) (KlEditorWindow *self);
} KlEditorRecord;

struct _KlEditorWindowClass
{
  KlDialogClass parent_class;

  /* Set in class_init, marked for translation (N_) and translated here. */
  const char *new_title;
  const char *edit_title;
  const char *delete_heading;
  KlListKind list_kind;

  /* The record edited, for an editor that leaves save, delete_record and
   * load to the window; an editor that has none sets those three. */
  const KlEditorRecord *record;

  /* Writes the form (insert when *id is 0, setting it); FALSE names what
   * the store refused. */
  gboolean (*save)          (KlEditorWindow  *self,
                             gint64          *id,
                             GError         **error);
  /* Deletes the record and offers to undo it. */
  gboolean (*delete_record) (KlEditorWindow  *self,
                             GError         **error);

  /* No lost edits. An editor keeps the version of the record it loaded
   * (kl_editor_window_set_version) and saves with it; when the store says
   * someone changed the record meanwhile (KL_ERROR_CONFLICT), the window
   * asks: Reload (calls load, which fills the form anew from the stored
   * record, sets the version and resets the fields) or Keep Editing.
   * entity is the record as the audit trail names it ("client");
   * conflict_heading, marked N_, takes who and when:
   * "%s changed this client at %s while you were editing". An editor
   * without load gets the refusal as a message instead. */
  const char *entity;
  const char *conflict_heading;
  gboolean (*load)          (KlEditorWindow  *self,
                             GError         **error);

  /* For an editor with choices of its own making (the sessions a cost
   * covers): fills them again when the database changes and when the
   * window becomes active, as the window does for the choices it loads. */
  void     (*reload_choices) (KlEditorWindow *self);
};

/* For the editors */
KlEditorWindow *kl_editor_window_open           (GType            type,
                                                 KlContext       *context,
                                                 GtkWindow       *parent,
                                                 gint64           id,
                                                 gpointer        *record);
void            kl_editor_window_fill           (KlEditorWindow  *self,
                                                 gconstpointer    record);
void            kl_editor_window_setup          (KlEditorWindow  *self,
                                                 gint64           id,
                                                 const char      *name);
KlContext      *kl_editor_window_get_context    (KlEditorWindow  *self);
KlDb           *kl_editor_window_get_db         (KlEditorWindow  *self);
KlFieldSet     *kl_editor_window_get_fields     (KlEditorWindow  *self);
void            kl_editor_window_set_version    (KlEditorWindow  *self,
                                                 gint64           version);
gint64          kl_editor_window_get_version    (KlEditorWindow  *self);
void            kl_editor_window_show_message   (KlEditorWindow  *self,
                                                 const char      *message);
void            kl_editor_window_close_later    (KlEditorWindow  *self);
gboolean        kl_editor_window_write_undoable (KlEditorWindow       *self,
                                                 const KlRecordStore  *store,
                                                 gpointer              record,
                                                 gpointer             *original,
                                                 const char           *label,
                                                 GError              **error);
void            kl_editor_window_load_clients   (KlEditorWindow  *self,
                                                 const char      *key,
                                                 const char      *none_label,
                                                 gint64           except_id);
void            kl_editor_window_load_consultants (KlEditorWindow *self,
                                                 const char      *key,
                                                 const char      *none_label);
/* For editors of what is no list's record (sessions, costs): a title and
 * a second line of their own in the title bar, and whether a new record
 * is brought into view in a list after saving (by default it is). */
void            kl_editor_window_set_title      (KlEditorWindow  *self,
                                                 const char      *title);
void            kl_editor_window_set_subtitle   (KlEditorWindow  *self,
                                                 const char      *subtitle);
void            kl_editor_window_set_reveal_saved (KlEditorWindow *self,
                                                 gboolean         reveal);

/* What a user does, for tests */
gint64          kl_editor_window_get_id         (KlEditorWindow  *self);
void            kl_editor_window_set_field      (KlEditorWindow  *self,
                                                 const char      *key,
                                                 const char      *value);
char           *kl_editor_window_get_field      (KlEditorWindow  *self,
                                                 const char      *key);
const char     *kl_editor_window_get_field_error(KlEditorWindow  *self,
                                                 const char      *key);
gboolean        kl_editor_window_can_save       (KlEditorWindow  *self);
gboolean        kl_editor_window_save           (KlEditorWindow  *self);
/* The same, for an editor's own save: FALSE with what stands in the way. */
gboolean        kl_editor_window_try_save       (KlEditorWindow  *self,
                                                 GError         **error);
const char     *kl_editor_window_get_message    (KlEditorWindow  *self);
AdwMessageDialog *kl_editor_window_confirm_delete (KlEditorWindow *self);
AdwMessageDialog *kl_editor_window_get_conflict_dialog (KlEditorWindow *self);

G_END_DECLS
