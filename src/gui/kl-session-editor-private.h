#pragma once

#include "kl-editor-window.h"
#include "kl-session-editor.h"
#include "kl-store.h"

G_BEGIN_DECLS

/* The session editor is one class in two files: kl-session-editor.c (the
 * form, saving, deleting, undo) and kl-session-editor-audience.c (whom
 * the session is for: everyone, one workplace or named participants). */

struct _KlSessionEditor
{
  KlEditorWindow parent_instance;

  GtkWidget *notice_group;
  GtkWidget *warning_box;
  GtkLabel *warning_label;
  AdwEntryRow *title_row;
  AdwComboRow *kind_row;
  AdwEntryRow *location_row;
  AdwEntryRow *date_row;
  AdwEntryRow *start_row;
  AdwEntryRow *end_row;
  AdwEntryRow *hours_row;
  AdwComboRow *audience_row;
  AdwComboRow *workplace_row;
  AdwPreferencesGroup *named_group;
  AdwPreferencesGroup *leaders_group;

  KlDb *db;
  KlFieldSet *fields;
  gint64 programme_id;
  KlSession *original;     /* NULL for a new session */
  GArray *consultant_ids;
  GPtrArray *leader_checks;
  GPtrArray *enrolled;       /* KlParticipant: whom a session can be for */
  GPtrArray *named_checks;   /* a GtkCheckButton per enrolled participant */
  GArray *workplace_ids;     /* the clients in the workplace choice */
  GHashTable *parents;       /* client id to its parent's: a municipality includes its units */
  gboolean filling;
  char *warning;
  gint64 saved_id;
};

void     kl_session_editor_validate       (KlSessionEditor *self);
void     kl_session_editor_fill_audience  (KlSessionEditor *self);
/* Fills the session's audience; the problem with the choice, or NULL. */
char    *kl_session_editor_read_audience  (KlSessionEditor *self,
                                           KlSession       *session);

G_END_DECLS
