#include "config.h"

#include <glib/gi18n.h>

#include "kl-calendar-export.h"
#include "kl-consultant-editor.h"
#include "kl-money.h"
#include "kl-store.h"
#include "kl-validate.h"

struct _KlConsultantEditor
{
  KlEditorWindow parent_instance;

  AdwEntryRow *name_row;
  AdwEntryRow *email_row;
  AdwEntryRow *phone_row;
  AdwActionRow *external_row;
  GtkSwitch *external_switch;
  AdwEntryRow *day_rate_row;
  GtkWidget *calendar_group;
};

G_DEFINE_FINAL_TYPE (KlConsultantEditor, kl_consultant_editor, KL_TYPE_EDITOR_WINDOW)

/* Helpers */

/* Whole kroner as people write them ("14000"), øre only when there are any. */
static char *
format_kroner (gint64 ore)
{
  if (ore % 100 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, ore / 100);
  return kl_money_format_decimal (ore);
}

/* Overrides */

static void
fill_form (KlEditorWindow *editor,
           gconstpointer   record)
{
  const KlConsultant *consultant = record;
  KlFieldSet *fields = kl_editor_window_get_fields (editor);
  g_autofree char *day_rate = format_kroner (consultant->day_rate_ore);

  kl_field_set_set_value (fields, "name", consultant->name);
  kl_field_set_set_value (fields, "email", consultant->email);
  kl_field_set_set_value (fields, "phone", consultant->phone);
  kl_field_set_set_value (fields, "external", consultant->external ? "true" : "false");
  kl_field_set_set_value (fields, "day-rate", day_rate);
}

static gpointer
read_form (KlEditorWindow *editor)
{
  KlFieldSet *fields = kl_editor_window_get_fields (editor);
  KlConsultant *consultant = kl_consultant_new ();
  g_autofree char *day_rate = kl_field_set_get_text (fields, "day-rate");

  consultant->name = kl_field_set_get_text (fields, "name");
  consultant->email = kl_field_set_get_text (fields, "email");
  consultant->phone = kl_field_set_get_text (fields, "phone");
  consultant->external = kl_field_set_get_active (fields, "external");
  consultant->day_rate_ore = kl_field_set_parse_amount (day_rate);
  return consultant;
}

static const KlEditorRecord consultant_record = {
  .store = {
    .get = (KlRecordGetFunc) kl_store_get_consultant,
    .insert = (KlRecordWriteFunc) kl_store_insert_consultant,
    .update = (KlRecordWriteFunc) kl_store_update_consultant,
    .delete = kl_store_delete_consultant,
    .free = (GDestroyNotify) kl_consultant_free,
    .id_offset = G_STRUCT_OFFSET (KlConsultant, id),
    .version_offset = G_STRUCT_OFFSET (KlConsultant, version),
    .name_offset = G_STRUCT_OFFSET (KlConsultant, name),
  },
  .deleted = N_("Consultant “%s” deleted"),
  .fill_form = fill_form,
  .read_form = read_form,
};

static void
export_calendar_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KlEditorWindow *editor = KL_EDITOR_WINDOW (widget);

  if (kl_editor_window_get_id (editor) > 0)
    kl_calendar_export_consultant (kl_editor_window_get_context (editor), GTK_WINDOW (editor),
                                   kl_editor_window_get_id (editor));
}

static void
kl_consultant_editor_class_init (KlConsultantEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KlEditorWindowClass *editor_class = KL_EDITOR_WINDOW_CLASS (klass);

  editor_class->new_title = N_("New Consultant");
  editor_class->edit_title = N_("Edit Consultant");
  editor_class->delete_heading = N_("Delete Consultant?");
  editor_class->list_kind = KL_LIST_CONSULTANTS;
  editor_class->record = &consultant_record;
  editor_class->entity = "consultant";
  editor_class->conflict_heading = N_("%s changed this consultant at %s while you were editing");

  gtk_widget_class_set_template_from_resource (widget_class, "/no/imtec/Kartleser/ui/kl-consultant-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, KlConsultantEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, KlConsultantEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, KlConsultantEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, KlConsultantEditor, external_row);
  gtk_widget_class_bind_template_child (widget_class, KlConsultantEditor, external_switch);
  gtk_widget_class_bind_template_child (widget_class, KlConsultantEditor, day_rate_row);
  gtk_widget_class_bind_template_child (widget_class, KlConsultantEditor, calendar_group);
  gtk_widget_class_install_action (widget_class, "consultant.export-calendar", NULL, export_calendar_action);
}

static void
kl_consultant_editor_init (KlConsultantEditor *self)
{
  KlFieldSet *fields;

  gtk_widget_init_template (GTK_WIDGET (self));

  fields = kl_editor_window_get_fields (KL_EDITOR_WINDOW (self));
  kl_field_set_add_entry (fields, "name", self->name_row, NULL, TRUE);
  kl_field_set_add_entry (fields, "email", self->email_row, kl_validate_email, FALSE);
  kl_field_set_add_entry (fields, "phone", self->phone_row, NULL, FALSE);
  kl_field_set_add_switch (fields, "external", self->external_row, self->external_switch);
  kl_field_set_add_entry (fields, "day-rate", self->day_rate_row, kl_field_set_check_amount, FALSE);
}

/* Public API */

/* NULL, with a toast on the parent's window, when the consultant cannot be read. */
KlConsultantEditor *
kl_consultant_editor_new (KlContext *context,
                          GtkWindow *parent,
                          gint64     id)
{
  g_autoptr(KlConsultant) consultant = NULL;
  KlEditorWindow *editor = kl_editor_window_open (KL_TYPE_CONSULTANT_EDITOR, context, parent, id,
                                                  (gpointer *) &consultant);

  if (editor == NULL)
    return NULL;
  /* A consultant not yet saved has no sessions. */
  gtk_widget_set_visible (KL_CONSULTANT_EDITOR (editor)->calendar_group, id > 0);
  kl_editor_window_fill (editor, consultant);
  return KL_CONSULTANT_EDITOR (editor);
}
