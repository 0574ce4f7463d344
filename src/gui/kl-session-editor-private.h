#pragma once

#include "kl-message-row.h"
#include "kl-session-editor.h"
#include "kl-store.h"

G_BEGIN_DECLS

/* The session editor is one class in two files: kl-session-editor.c (the
 * form, saving, deleting, undo) and kl-session-editor-audience.c (whom
 * the session is for: everyone, one workplace or named participants). */

struct _KlSessionEditor
{
  AdwWindow parent_instance;

  KlContext *context;
  AdwWindowTitle *window_title;
  GtkWidget *save_button;
  GtkWidget *notice_group;
  GtkWidget *warning_box;
  GtkLabel *warning_label;
  GtkLabel *error_label;
  AdwEntryRow *title_row;
  KlMessageRow *title_message;
  AdwComboRow *kind_row;
  AdwEntryRow *location_row;
  AdwEntryRow *date_row;
  KlMessageRow *date_message;
  AdwEntryRow *start_row;
  KlMessageRow *start_message;
  AdwEntryRow *end_row;
  KlMessageRow *end_message;
  AdwEntryRow *hours_row;
  KlMessageRow *hours_message;
  AdwComboRow *audience_row;
  AdwComboRow *workplace_row;
  KlMessageRow *audience_message;
  AdwPreferencesGroup *named_group;
  AdwPreferencesGroup *leaders_group;

  KlDb *db;
  gint64 programme_id;
  KlSession *original;     /* NULL for a new session */
  GArray *consultant_ids;
  GPtrArray *leader_checks;
  GPtrArray *enrolled;       /* KlParticipant: whom a session can be for */
  GPtrArray *named_checks;   /* a GtkCheckButton per enrolled participant */
  GArray *workplace_ids;     /* the clients in the workplace choice */
  GHashTable *parents;       /* client id to its parent's: a municipality includes its units */
  gboolean typed;         /* until something is typed, empty fields wait quietly */
  gboolean filling;
  gboolean valid;
  char *warning;
  gint64 saved_id;
};

void     kl_session_editor_validate       (KlSessionEditor *self);
void     kl_session_editor_fill_audience  (KlSessionEditor *self);
gboolean kl_session_editor_read_audience  (KlSessionEditor *self,
                                           KlSession       *session);

G_END_DECLS
