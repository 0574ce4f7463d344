#include "config.h"

#include <glib/gi18n.h>

#include "kl-actions.h"
#include "kl-error.h"
#include "kl-form.h"
#include "kl-labels.h"
#include "kl-programme-editor.h"
#include "kl-store.h"
#include "kl-validate.h"

struct _KlProgrammeEditor
{
  KlEditorWindow parent_instance;

  AdwEntryRow *title_row;
  AdwActionRow *client_row;
  GtkDropDown *client_dropdown;
  AdwComboRow *kind_row;
  AdwActionRow *status_row;
  GtkLabel *status_label;
  AdwActionRow *cancelled_row;
  GtkSwitch *cancelled_switch;
  AdwEntryRow *start_row;
  AdwEntryRow *end_row;
  AdwActionRow *lead_row;
  GtkDropDown *lead_dropdown;
  AdwEntryRow *target_row;
  GtkTextView *goals_view;
  GtkTextView *q_current_view;
  GtkTextView *q_future_view;
  GtkTextView *q_process_view;
  AdwEntryRow *threshold_row;
};

G_DEFINE_FINAL_TYPE (KlProgrammeEditor, kl_programme_editor, KL_TYPE_EDITOR_WINDOW)

/* Helpers */

/* What the calendar says of the programme with the dates in the form
 * (its sessions as stored), by the core's own rule: a cancellation left
 * out, since that is the switch's to say. NULL while a date is wrong. */
static char *
calendar_status (KlProgrammeEditor *self)
{
  KlFieldSet *fields = kl_editor_window_get_fields (KL_EDITOR_WINDOW (self));
  g_autofree char *start = kl_field_set_get_text (fields, "start");
  g_autofree char *end = kl_field_set_get_text (fields, "end");
  g_autoptr(KlStmt) stmt = NULL;
  KlDb *db = kl_editor_window_get_db (KL_EDITOR_WINDOW (self));

  /* Dates come as YYYY-MM-DD, NULL while empty or no date. */
  if (db == NULL || start == NULL || end == NULL)
    return NULL;
  stmt = kl_db_query (db, NULL,
                      "SELECT " KL_SQL_PROGRAMME_STATUS ("p") " FROM (SELECT ?1 AS id, ?2 AS start_date, "
                      "?3 AS end_date, 'planned' AS status) p",
                      "itt", kl_editor_window_get_id (KL_EDITOR_WINDOW (self)), start, end);
  if (stmt == NULL || !kl_stmt_next (stmt, NULL))
    return NULL;
  return kl_stmt_text (stmt, 0);
}

/* The status is the calendar's (planned, running, finished); only a
 * cancellation is the user's to set. */
static void
show_status (KlProgrammeEditor *self)
{
  g_autofree char *status = gtk_switch_get_active (self->cancelled_switch) ? g_strdup ("cancelled")
                                                                            : calendar_status (self);

  gtk_label_set_text (self->status_label, status ? kl_label (KL_LABELS_PROGRAMME_STATUS, status) : "—");
}

/* Signal callbacks */

static void
on_status_changed_cb (KlProgrammeEditor *self)
{
  show_status (self);
}

/* An end before the start is wrong in the end date, once both are dates. */
static void
on_fields_changed_cb (KlFieldSet *fields)
{
  g_autofree char *start = kl_field_set_get_text (fields, "start");
  g_autofree char *end = kl_field_set_get_text (fields, "end");
  g_autoptr(GError) error = NULL;

  if (start != NULL && end != NULL
      && !kl_validate_order (_("start date"), start, _("End date"), end, &error))
    kl_field_set_set_error (fields, "end", error->message);
}

/* A whole percentage from 1 to 100, as the store will check it. */
static gboolean
check_threshold (const char  *label,
                 const char  *value,
                 GError     **error)
{
  g_autofree char *digits = g_strstrip (g_strdelimit (g_strdup (value ? value : ""), "%", ' '));
  guint64 percent;

  if (*digits == '\0' || g_ascii_string_to_unsigned (digits, 10, 1, 100, &percent, NULL))
    return TRUE;
  g_set_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE, _("%s: “%s” is not a whole percentage from 1 to 100"),
               label, value);
  return FALSE;
}

static int
threshold_of (KlFieldSet *fields)
{
  g_autofree char *text = kl_field_set_get_text (fields, "threshold");
  guint64 percent = 0;

  if (text == NULL)
    return 80;   /* the default, as for a new programme */
  g_strstrip (g_strdelimit (text, "%", ' '));
  if (!g_ascii_string_to_unsigned (text, 10, 1, 100, &percent, NULL))
    return 0;   /* refused by the store, with its message */
  return (int) percent;
}

/* Overrides */

static void
fill_form (KlEditorWindow *editor,
           gconstpointer   record)
{
  const KlProgramme *programme = record;
  KlFieldSet *fields = kl_editor_window_get_fields (editor);
  g_autofree char *threshold = g_strdup_printf ("%d", programme->certificate_threshold);

  kl_field_set_set_value (fields, "title", programme->title);
  kl_field_set_set_id (fields, "client", programme->client_id);
  kl_field_set_set_value (fields, "kind", programme->kind);
  kl_field_set_set_value (fields, "cancelled", g_strcmp0 (programme->status, "cancelled") == 0 ? "true" : "false");
  kl_field_set_set_value (fields, "start", programme->start_date);
  kl_field_set_set_value (fields, "end", programme->end_date);
  kl_field_set_set_id (fields, "lead", programme->lead_id);
  kl_field_set_set_value (fields, "target-group", programme->target_group);
  kl_field_set_set_value (fields, "goals", programme->goals);
  kl_field_set_set_value (fields, "q-current", programme->q_current);
  kl_field_set_set_value (fields, "q-future", programme->q_future);
  kl_field_set_set_value (fields, "q-process", programme->q_process);
  kl_field_set_set_value (fields, "threshold", threshold);
}

static gpointer
read_form (KlEditorWindow *editor)
{
  KlFieldSet *fields = kl_editor_window_get_fields (editor);
  KlProgramme *programme = kl_programme_new ();

  programme->client_id = kl_field_set_get_id (fields, "client");
  programme->title = kl_field_set_get_text (fields, "title");
  programme->kind = kl_field_set_get_text (fields, "kind");
  /* "cancelled", or NULL: the calendar says the rest. */
  programme->status = kl_field_set_get_active (fields, "cancelled") ? g_strdup ("cancelled") : NULL;
  programme->start_date = kl_field_set_get_text (fields, "start");
  programme->end_date = kl_field_set_get_text (fields, "end");
  programme->lead_id = kl_field_set_get_id (fields, "lead");
  programme->target_group = kl_field_set_get_text (fields, "target-group");
  programme->goals = kl_field_set_get_text (fields, "goals");
  programme->q_current = kl_field_set_get_text (fields, "q-current");
  programme->q_future = kl_field_set_get_text (fields, "q-future");
  programme->q_process = kl_field_set_get_text (fields, "q-process");
  programme->certificate_threshold = threshold_of (fields);
  return programme;
}

static const KlEditorRecord programme_record = {
  .store = {
    .get = (KlRecordGetFunc) kl_store_get_programme,
    .insert = (KlRecordWriteFunc) kl_store_insert_programme,
    .update = (KlRecordWriteFunc) kl_store_update_programme,
    .delete = kl_store_delete_programme,
    .free = (GDestroyNotify) kl_programme_free,
    .id_offset = G_STRUCT_OFFSET (KlProgramme, id),
    .version_offset = G_STRUCT_OFFSET (KlProgramme, version),
    .name_offset = G_STRUCT_OFFSET (KlProgramme, title),
  },
  .deleted = N_("Programme “%s” deleted"),
  .fill_form = fill_form,
  .read_form = read_form,
};

static gboolean
kl_programme_editor_load (KlEditorWindow  *editor,
                          GError         **error)
{
  if (!KL_EDITOR_WINDOW_CLASS (kl_programme_editor_parent_class)->load (editor, error))
    return FALSE;
  show_status (KL_PROGRAMME_EDITOR (editor));
  return TRUE;
}

static gboolean
kl_programme_editor_delete_record (KlEditorWindow  *editor,
                                   GError         **error)
{
  if (!KL_EDITOR_WINDOW_CLASS (kl_programme_editor_parent_class)->delete_record (editor, error))
    return FALSE;
  /* The programme's own page shows nothing now: back to the list. */
  kl_actions_activate (GTK_WIDGET (editor), "win.leave-programme", NULL);
  return TRUE;
}

static void
kl_programme_editor_class_init (KlProgrammeEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KlEditorWindowClass *editor_class = KL_EDITOR_WINDOW_CLASS (klass);

  editor_class->new_title = N_("New Programme");
  editor_class->edit_title = N_("Edit Programme");
  editor_class->delete_heading = N_("Delete Programme?");
  editor_class->list_kind = KL_LIST_PROGRAMMES;
  editor_class->record = &programme_record;
  editor_class->delete_record = kl_programme_editor_delete_record;
  editor_class->entity = "programme";
  editor_class->conflict_heading = N_("%s changed this programme at %s while you were editing");
  editor_class->load = kl_programme_editor_load;

  gtk_widget_class_set_template_from_resource (widget_class, "/no/imtec/Kartleser/ui/kl-programme-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeEditor, client_row);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeEditor, client_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeEditor, cancelled_row);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeEditor, cancelled_switch);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeEditor, start_row);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeEditor, end_row);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeEditor, lead_row);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeEditor, lead_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeEditor, target_row);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeEditor, goals_view);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeEditor, q_current_view);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeEditor, q_future_view);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeEditor, q_process_view);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeEditor, threshold_row);
}

static void
kl_programme_editor_init (KlProgrammeEditor *self)
{
  KlFieldSet *fields;

  gtk_widget_init_template (GTK_WIDGET (self));

  fields = kl_editor_window_get_fields (KL_EDITOR_WINDOW (self));
  kl_field_set_add_entry (fields, "title", self->title_row, NULL, TRUE);
  kl_field_set_add_choice (fields, "client", self->client_row, self->client_dropdown, TRUE);
  kl_field_set_add_labels (fields, "kind", self->kind_row, KL_LABELS_PROGRAMME_KIND);
  kl_field_set_add_switch (fields, "cancelled", self->cancelled_row, self->cancelled_switch);
  kl_field_set_add_date (fields, "start", self->start_row, TRUE);
  kl_field_set_add_date (fields, "end", self->end_row, TRUE);
  kl_field_set_add_choice (fields, "lead", self->lead_row, self->lead_dropdown, FALSE);
  kl_field_set_add_entry (fields, "target-group", self->target_row, NULL, FALSE);
  kl_field_set_add_entry (fields, "threshold", self->threshold_row, check_threshold, FALSE);
  kl_field_set_add_text_view (fields, "goals", self->goals_view);
  kl_field_set_add_text_view (fields, "q-current", self->q_current_view);
  kl_field_set_add_text_view (fields, "q-future", self->q_future_view);
  kl_field_set_add_text_view (fields, "q-process", self->q_process_view);
  g_signal_connect (fields, "changed", G_CALLBACK (on_fields_changed_cb), NULL);
  /* Dates typed and the switch change what the status row says. */
  g_signal_connect_swapped (fields, "changed", G_CALLBACK (on_status_changed_cb), self);
  g_signal_connect_swapped (self->cancelled_switch, "notify::active", G_CALLBACK (on_status_changed_cb), self);
}

/* Public API */

/* NULL, with a toast on the parent's window, when the programme cannot be read. */
KlProgrammeEditor *
kl_programme_editor_new (KlContext *context,
                         GtkWindow *parent,
                         gint64     id)
{
  g_autoptr(KlProgramme) programme = NULL;
  KlEditorWindow *editor = kl_editor_window_open (KL_TYPE_PROGRAMME_EDITOR, context, parent, id,
                                                  (gpointer *) &programme);

  if (editor == NULL)
    return NULL;
  /* A programme is always for a client: the first item only asks for one
   * (id 0, which the required check refuses). */
  kl_editor_window_load_clients (editor, "client", _("Choose a Client…"), 0);
  kl_editor_window_load_consultants (editor, "lead", _("None"));
  if (programme == NULL)
    kl_field_set_set_value (kl_editor_window_get_fields (editor), "threshold", "80");
  kl_editor_window_fill (editor, programme);
  show_status (KL_PROGRAMME_EDITOR (editor));
  return KL_PROGRAMME_EDITOR (editor);
}
