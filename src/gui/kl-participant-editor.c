#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kl-participant-editor.h"
#include "kl-store.h"
#include "kl-validate.h"

struct _KlParticipantEditor
{
  KlEditorWindow parent_instance;

  AdwEntryRow *name_row;
  AdwEntryRow *email_row;
  AdwEntryRow *phone_row;
  AdwEntryRow *role_row;
  GtkMenuButton *role_button;
  GtkPopover *role_popover;
  GtkListBox *role_list;
  AdwActionRow *workplace_row;
  GtkDropDown *workplace_dropdown;
  GtkTextView *notes_view;

  char *role_filter;   /* casefolded; NULL shows every role */
};

G_DEFINE_FINAL_TYPE (KlParticipantEditor, kl_participant_editor, KL_TYPE_EDITOR_WINDOW)

/* Helpers */

static gboolean
reinsert_participant (KlDb     *db,
                      gpointer  record,
                      GError  **error)
{
  KlParticipant *participant = record;

  participant->id = 0;
  return kl_store_insert_participant (db, participant, error);
}

static const char *
role_of_row (GtkListBoxRow *row)
{
  return gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (row)));
}

static gboolean
role_matches (GtkListBoxRow *row,
              gpointer       data)
{
  KlParticipantEditor *self = data;
  g_autofree char *role = NULL;

  if (self->role_filter == NULL)
    return TRUE;
  role = g_utf8_casefold (role_of_row (row), -1);
  return strstr (role, self->role_filter) != NULL;
}

/* The roles of kl_participant_roles and those typed before, so that one
 * role is written one way and the lists can be searched by it. */
static void
load_roles (KlParticipantEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) roles = kl_store_role_suggestions (kl_editor_window_get_db (KL_EDITOR_WINDOW (self)), &error);

  if (roles == NULL)
    {
      g_warning ("Cannot load the roles: %s", error->message);
      return;
    }
  for (guint i = 0; roles[i]; i++)
    {
      GtkWidget *label = gtk_label_new (roles[i]);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_list_box_append (self->role_list, label);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->role_button), roles[0] != NULL);
}

/* Signal callbacks */

/* Narrowed to what is typed, or all when nothing matches. */
static void
on_role_popover_show_cb (KlParticipantEditor *self)
{
  g_autofree char *typed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->role_row))));
  gboolean any = FALSE;

  g_clear_pointer (&self->role_filter, g_free);
  if (*typed != '\0')
    {
      self->role_filter = g_utf8_casefold (typed, -1);
      for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->role_list)); row && !any;
           row = gtk_widget_get_next_sibling (row))
        any = GTK_IS_LIST_BOX_ROW (row) && role_matches (GTK_LIST_BOX_ROW (row), self);
      if (!any)
        g_clear_pointer (&self->role_filter, g_free);
    }
  gtk_list_box_invalidate_filter (self->role_list);
}

static void
on_role_activated_cb (KlParticipantEditor *self,
                      GtkListBoxRow       *row)
{
  gtk_editable_set_text (GTK_EDITABLE (self->role_row), role_of_row (row));
  gtk_popover_popdown (self->role_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->role_row));
}

/* Overrides */

static gboolean
kl_participant_editor_save (KlEditorWindow  *editor,
                            gint64          *id,
                            GError         **error)
{
  KlFieldSet *fields = kl_editor_window_get_fields (editor);
  KlDb *db = kl_editor_window_get_db (editor);
  g_autoptr(KlParticipant) participant = kl_participant_new ();

  participant->id = *id;
  participant->name = kl_field_set_get_text (fields, "name");
  participant->email = kl_field_set_get_text (fields, "email");
  participant->phone = kl_field_set_get_text (fields, "phone");
  participant->role = kl_field_set_get_text (fields, "role");
  participant->workplace_id = kl_field_set_get_id (fields, "workplace");
  participant->notes = kl_field_set_get_text (fields, "notes");

  if (*id != 0)
    return kl_store_update_participant (db, participant, error);
  if (!kl_store_insert_participant (db, participant, error))
    return FALSE;
  *id = participant->id;
  return TRUE;
}

static gboolean
kl_participant_editor_delete_record (KlEditorWindow  *editor,
                                     GError         **error)
{
  KlDb *db = kl_editor_window_get_db (editor);
  gint64 id = kl_editor_window_get_id (editor);
  g_autoptr(KlParticipant) participant = kl_store_get_participant (db, id, error);
  g_autofree char *label = NULL;

  if (participant == NULL || !kl_store_delete_participant (db, id, error))
    return FALSE;
  label = g_strdup_printf (_("Participant “%s” deleted"), participant->name);
  kl_editor_window_offer_undo (editor, label, reinsert_participant, g_steal_pointer (&participant),
                               (GDestroyNotify) kl_participant_free);
  return TRUE;
}

static void
kl_participant_editor_finalize (GObject *object)
{
  KlParticipantEditor *self = KL_PARTICIPANT_EDITOR (object);

  g_free (self->role_filter);

  G_OBJECT_CLASS (kl_participant_editor_parent_class)->finalize (object);
}

static void
kl_participant_editor_class_init (KlParticipantEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KlEditorWindowClass *editor_class = KL_EDITOR_WINDOW_CLASS (klass);

  object_class->finalize = kl_participant_editor_finalize;

  editor_class->new_title = N_("New Participant");
  editor_class->edit_title = N_("Edit Participant");
  editor_class->delete_heading = N_("Delete Participant?");
  editor_class->list_kind = KL_LIST_PARTICIPANTS;
  editor_class->save = kl_participant_editor_save;
  editor_class->delete_record = kl_participant_editor_delete_record;

  gtk_widget_class_set_template_from_resource (widget_class, "/no/imtec/Kartleser/ui/kl-participant-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, KlParticipantEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, KlParticipantEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, KlParticipantEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, KlParticipantEditor, role_row);
  gtk_widget_class_bind_template_child (widget_class, KlParticipantEditor, role_button);
  gtk_widget_class_bind_template_child (widget_class, KlParticipantEditor, role_popover);
  gtk_widget_class_bind_template_child (widget_class, KlParticipantEditor, role_list);
  gtk_widget_class_bind_template_child (widget_class, KlParticipantEditor, workplace_row);
  gtk_widget_class_bind_template_child (widget_class, KlParticipantEditor, workplace_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KlParticipantEditor, notes_view);
  gtk_widget_class_bind_template_callback (widget_class, on_role_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_role_activated_cb);
}

static void
kl_participant_editor_init (KlParticipantEditor *self)
{
  KlFieldSet *fields;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_filter_func (self->role_list, role_matches, self, NULL);

  fields = kl_editor_window_get_fields (KL_EDITOR_WINDOW (self));
  kl_field_set_add_entry (fields, "name", self->name_row, NULL, TRUE);
  kl_field_set_add_entry (fields, "email", self->email_row, kl_validate_email, FALSE);
  kl_field_set_add_entry (fields, "phone", self->phone_row, NULL, FALSE);
  kl_field_set_add_entry (fields, "role", self->role_row, NULL, FALSE);
  kl_field_set_add_choice (fields, "workplace", self->workplace_row, self->workplace_dropdown, FALSE);
  kl_field_set_add_text_view (fields, "notes", self->notes_view);
}

/* Public API */

/* NULL, with a toast on the window, when the participant cannot be read. */
KlParticipantEditor *
kl_participant_editor_new (KlWindow *window,
                           gint64    id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlParticipant) participant = NULL;
  KlParticipantEditor *self;
  KlEditorWindow *editor;
  KlFieldSet *fields;

  g_return_val_if_fail (KL_IS_WINDOW (window), NULL);

  if (id > 0 && (participant = kl_store_get_participant (kl_window_get_db (window), id, &error)) == NULL)
    {
      kl_window_toast (window, error->message, FALSE);
      return NULL;
    }
  self = g_object_new (KL_TYPE_PARTICIPANT_EDITOR, NULL);
  editor = KL_EDITOR_WINDOW (self);
  fields = kl_editor_window_get_fields (editor);
  kl_editor_window_setup (editor, window, id, participant ? participant->name : NULL);
  kl_editor_window_load_clients (editor, "workplace", _("None"), 0);
  load_roles (self);
  if (participant != NULL)
    {
      kl_field_set_set_value (fields, "name", participant->name);
      kl_field_set_set_value (fields, "email", participant->email);
      kl_field_set_set_value (fields, "phone", participant->phone);
      kl_field_set_set_value (fields, "role", participant->role);
      kl_field_set_set_id (fields, "workplace", participant->workplace_id);
      kl_field_set_set_value (fields, "notes", participant->notes);
    }
  kl_field_set_reset (fields);
  return self;
}
