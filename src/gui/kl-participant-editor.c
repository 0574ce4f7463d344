#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kl-actions.h"
#include "kl-export.h"
#include "kl-export-flow.h"
#include "kl-participant-editor.h"
#include "kl-privacy.h"
#include "kl-question.h"
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
  AdwPreferencesGroup *privacy_group;

  char *role_filter;   /* casefolded; NULL shows every role */
};

G_DEFINE_FINAL_TYPE (KlParticipantEditor, kl_participant_editor, KL_TYPE_EDITOR_WINDOW)

/* Helpers */

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

/* For the export, which may finish after the editor has closed. */
typedef struct
{
  KlDb *db;
  gint64 id;
} PersonalData;

static void
personal_data_free (PersonalData *data)
{
  g_object_unref (data->db);
  g_free (data);
}

static gboolean
write_personal_data (KlDb        *db,
                     gint64       id,
                     const char  *path,
                     GError     **error)
{
  g_autoptr(JsonNode) data = kl_privacy_export (db, id, error);
  g_autoptr(JsonGenerator) generator = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  if (data == NULL)
    return FALSE;
  generator = json_generator_new ();
  json_generator_set_root (generator, data);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &length);
  /* Private (0600), like the database it comes from. */
  return kl_export_write_file (path, text, length, error);
}

static gboolean
write_personal_data_cb (const char  *path,
                        gpointer     data,
                        GError     **error)
{
  PersonalData *personal = data;

  return write_personal_data (personal->db, personal->id, path, error);
}

/* Signal callbacks */

static void
on_anonymise_response_cb (KlParticipantEditor *self,
                          const char          *response,
                          AdwMessageDialog    *dialog)
{
  KlEditorWindow *editor = KL_EDITOR_WINDOW (self);
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "anonymise") != 0)
    return;
  if (!kl_privacy_anonymise (kl_editor_window_get_db (editor), kl_editor_window_get_id (editor), &error))
    {
      kl_editor_window_show_message (editor, error->message);
      return;
    }
  /* What the form holds is gone from the database; nothing left to save. */
  kl_actions_toast (GTK_WIDGET (self), _("Participant anonymised"));
  kl_editor_window_close_later (editor);
}

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

/* Actions */

static void
export_personal_data_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  kl_participant_editor_export_personal_data (KL_PARTICIPANT_EDITOR (widget));
}

static void
anonymise_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  kl_participant_editor_confirm_anonymise (KL_PARTICIPANT_EDITOR (widget));
}

/* Overrides */

static void
fill_form (KlEditorWindow *editor,
           gconstpointer   record)
{
  const KlParticipant *participant = record;
  KlFieldSet *fields = kl_editor_window_get_fields (editor);

  kl_field_set_set_value (fields, "name", participant->name);
  kl_field_set_set_value (fields, "email", participant->email);
  kl_field_set_set_value (fields, "phone", participant->phone);
  kl_field_set_set_value (fields, "role", participant->role);
  kl_field_set_set_id (fields, "workplace", participant->workplace_id);
  kl_field_set_set_value (fields, "notes", participant->notes);
}

static gpointer
read_form (KlEditorWindow *editor)
{
  KlFieldSet *fields = kl_editor_window_get_fields (editor);
  KlParticipant *participant = kl_participant_new ();

  participant->name = kl_field_set_get_text (fields, "name");
  participant->email = kl_field_set_get_text (fields, "email");
  participant->phone = kl_field_set_get_text (fields, "phone");
  participant->role = kl_field_set_get_text (fields, "role");
  participant->workplace_id = kl_field_set_get_id (fields, "workplace");
  participant->notes = kl_field_set_get_text (fields, "notes");
  return participant;
}

static const KlEditorRecord participant_record = {
  .store = {
    .get = (KlRecordGetFunc) kl_store_get_participant,
    .insert = (KlRecordWriteFunc) kl_store_insert_participant,
    .update = (KlRecordWriteFunc) kl_store_update_participant,
    .delete = kl_store_delete_participant,
    .free = (GDestroyNotify) kl_participant_free,
    .id_offset = G_STRUCT_OFFSET (KlParticipant, id),
    .version_offset = G_STRUCT_OFFSET (KlParticipant, version),
    .name_offset = G_STRUCT_OFFSET (KlParticipant, name),
  },
  .deleted = N_("Participant “%s” deleted"),
  .fill_form = fill_form,
  .read_form = read_form,
};

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
  editor_class->record = &participant_record;
  editor_class->entity = "participant";
  editor_class->conflict_heading = N_("%s changed this participant at %s while you were editing");

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
  gtk_widget_class_bind_template_child (widget_class, KlParticipantEditor, privacy_group);
  gtk_widget_class_bind_template_callback (widget_class, on_role_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_role_activated_cb);
  gtk_widget_class_install_action (widget_class, "participant.export-personal-data", NULL, export_personal_data_action);
  gtk_widget_class_install_action (widget_class, "participant.anonymise", NULL, anonymise_action);
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

/* NULL, with a toast on the parent's window, when the participant cannot be read. */
KlParticipantEditor *
kl_participant_editor_new (KlContext *context,
                           GtkWindow *parent,
                           gint64     id)
{
  g_autoptr(KlParticipant) participant = NULL;
  KlEditorWindow *editor = kl_editor_window_open (KL_TYPE_PARTICIPANT_EDITOR, context, parent, id,
                                                  (gpointer *) &participant);
  KlParticipantEditor *self;

  if (editor == NULL)
    return NULL;
  self = KL_PARTICIPANT_EDITOR (editor);
  kl_editor_window_load_clients (editor, "workplace", _("None"), 0);
  load_roles (self);
  kl_editor_window_fill (editor, participant);
  /* Only for someone already stored; a new one has nothing to give out yet. */
  gtk_widget_set_visible (GTK_WIDGET (self->privacy_group), participant != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "participant.export-personal-data", participant != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "participant.anonymise", participant != NULL);
  return self;
}

/* "Personopplysninger-Kari-Nordmann.json": Norwegian, like every document
 * Kartleser names, and the name as stored, not as being edited. */
char *
kl_participant_editor_get_export_name (KlParticipantEditor *self)
{
  KlEditorWindow *editor;
  g_autoptr(KlParticipant) participant = NULL;

  g_return_val_if_fail (KL_IS_PARTICIPANT_EDITOR (self), NULL);

  editor = KL_EDITOR_WINDOW (self);
  participant = kl_store_get_participant (kl_editor_window_get_db (editor), kl_editor_window_get_id (editor), NULL);
  return kl_export_file_name ("json", "Personopplysninger", participant ? participant->name : NULL, NULL);
}

/* Export Personal Data…: a save dialog, the file written private, a toast. */
void
kl_participant_editor_export_personal_data (KlParticipantEditor *self)
{
  KlEditorWindow *editor;
  g_autofree char *name = NULL;
  PersonalData *data;

  g_return_if_fail (KL_IS_PARTICIPANT_EDITOR (self));

  editor = KL_EDITOR_WINDOW (self);
  g_return_if_fail (kl_editor_window_get_id (editor) > 0);
  name = kl_participant_editor_get_export_name (self);
  data = g_new0 (PersonalData, 1);
  data->db = g_object_ref (kl_editor_window_get_db (editor));
  data->id = kl_editor_window_get_id (editor);
  kl_export_flow_save (GTK_WIDGET (self), _("Export Personal Data"), name, write_personal_data_cb, data,
                       (GDestroyNotify) personal_data_free);
}

/* What the save dialog's Save does, for tests: FALSE says why nothing was
 * written. */
gboolean
kl_participant_editor_export_to (KlParticipantEditor  *self,
                                 const char           *path,
                                 GError              **error)
{
  KlEditorWindow *editor;

  g_return_val_if_fail (KL_IS_PARTICIPANT_EDITOR (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  editor = KL_EDITOR_WINDOW (self);
  return write_personal_data (kl_editor_window_get_db (editor), kl_editor_window_get_id (editor), path, error);
}

/* Anonymise…: asks first, saying what goes and what stays. Returns the
 * question, shown; its "anonymise" response does it and closes the editor. */
AdwMessageDialog *
kl_participant_editor_confirm_anonymise (KlParticipantEditor *self)
{
  KlEditorWindow *editor;
  g_autoptr(KlParticipant) participant = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  gboolean dirty;

  g_return_val_if_fail (KL_IS_PARTICIPANT_EDITOR (self), NULL);

  editor = KL_EDITOR_WINDOW (self);
  g_return_val_if_fail (kl_editor_window_get_id (editor) > 0, NULL);
  participant = kl_store_get_participant (kl_editor_window_get_db (editor), kl_editor_window_get_id (editor), &error);
  if (participant == NULL)
    {
      kl_editor_window_show_message (editor, error->message);
      return NULL;
    }
  body = g_strdup_printf (
    /* Translators: %s is the participant's name */
    _("The name, e-mail address, phone number and notes of “%s” will be removed for good. "
      "Enrolments, attendance, counts, and the claims and documents already sent stay as they are. "
      "This cannot be undone."),
    participant->name);
  /* Changes typed but not saved would go with the form: said, and asked. */
  dirty = kl_field_set_is_dirty (kl_editor_window_get_fields (editor));
  if (dirty)
    {
      g_autofree char *plain = g_steal_pointer (&body);

      body = g_strdup_printf ("%s\n\n%s", _("The changes in this form are not saved. Anonymising discards them; "
                                             "to keep a correction, cancel and save it first."),
                              plain);
    }
  dialog = kl_question_new (GTK_WINDOW (self), _("Anonymise Participant?"), body, "anonymise",
                            dirty ? _("_Discard Changes and Anonymise") : _("_Anonymise"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_anonymise_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
