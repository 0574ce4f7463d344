#include "config.h"

#include <glib/gi18n.h>

#include "kl-actions.h"
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

static gboolean
reinsert_consultant (KlDb     *db,
                     gpointer  record,
                     GError  **error)
{
  KlConsultant *consultant = record;

  consultant->id = 0;
  return kl_store_insert_consultant (db, consultant, error);
}

/* Whole kroner as people write them ("14000"), øre only when there are any. */
static char *
format_kroner (gint64 ore)
{
  if (ore % 100 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, ore / 100);
  return kl_money_format_decimal (ore);
}

/* Overrides */

/* The form as the stored consultant has it, and the version it was read at. */
static void
fill_form (KlEditorWindow     *editor,
           const KlConsultant *consultant)
{
  KlFieldSet *fields = kl_editor_window_get_fields (editor);
  g_autofree char *day_rate = format_kroner (consultant->day_rate_ore);

  kl_field_set_set_value (fields, "name", consultant->name);
  kl_field_set_set_value (fields, "email", consultant->email);
  kl_field_set_set_value (fields, "phone", consultant->phone);
  kl_field_set_set_value (fields, "external", consultant->external ? "true" : "false");
  kl_field_set_set_value (fields, "day-rate", day_rate);
  kl_editor_window_set_version (editor, consultant->version);
}

static gboolean
kl_consultant_editor_load (KlEditorWindow  *editor,
                           GError         **error)
{
  g_autoptr(KlConsultant) consultant = kl_store_get_consultant (kl_editor_window_get_db (editor),
                                                                kl_editor_window_get_id (editor), error);

  if (consultant == NULL)
    return FALSE;
  fill_form (editor, consultant);
  kl_field_set_reset (kl_editor_window_get_fields (editor));
  return TRUE;
}

static gboolean
kl_consultant_editor_save (KlEditorWindow  *editor,
                           gint64          *id,
                           GError         **error)
{
  KlFieldSet *fields = kl_editor_window_get_fields (editor);
  KlDb *db = kl_editor_window_get_db (editor);
  g_autoptr(KlConsultant) consultant = kl_consultant_new ();
  g_autofree char *day_rate = kl_field_set_get_text (fields, "day-rate");

  consultant->id = *id;
  consultant->version = kl_editor_window_get_version (editor);
  consultant->name = kl_field_set_get_text (fields, "name");
  consultant->email = kl_field_set_get_text (fields, "email");
  consultant->phone = kl_field_set_get_text (fields, "phone");
  consultant->external = kl_field_set_get_active (fields, "external");
  consultant->day_rate_ore = kl_field_set_parse_amount (day_rate);

  if (*id != 0)
    return kl_store_update_consultant (db, consultant, error);
  if (!kl_store_insert_consultant (db, consultant, error))
    return FALSE;
  *id = consultant->id;
  return TRUE;
}

static gboolean
kl_consultant_editor_delete_record (KlEditorWindow  *editor,
                                    GError         **error)
{
  KlDb *db = kl_editor_window_get_db (editor);
  gint64 id = kl_editor_window_get_id (editor);
  g_autoptr(KlConsultant) consultant = kl_store_get_consultant (db, id, error);
  g_autofree char *label = NULL;

  if (consultant == NULL || !kl_store_delete_consultant (db, id, error))
    return FALSE;
  label = g_strdup_printf (_("Consultant “%s” deleted"), consultant->name);
  kl_editor_window_offer_undo (editor, label, reinsert_consultant, g_steal_pointer (&consultant),
                               (GDestroyNotify) kl_consultant_free);
  return TRUE;
}

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
  editor_class->save = kl_consultant_editor_save;
  editor_class->delete_record = kl_consultant_editor_delete_record;
  editor_class->entity = "consultant";
  editor_class->conflict_heading = N_("%s changed this consultant at %s while you were editing");
  editor_class->load = kl_consultant_editor_load;

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
  g_autoptr(GError) error = NULL;
  g_autoptr(KlConsultant) consultant = NULL;
  KlConsultantEditor *self;
  KlFieldSet *fields;

  g_return_val_if_fail (KL_IS_CONTEXT (context), NULL);

  if (id > 0 && (consultant = kl_store_get_consultant (kl_context_get_db (context), id, &error)) == NULL)
    {
      if (parent != NULL)
        kl_actions_toast (GTK_WIDGET (parent), error->message);
      return NULL;
    }
  self = g_object_new (KL_TYPE_CONSULTANT_EDITOR, "context", context, "transient-for", parent, NULL);
  fields = kl_editor_window_get_fields (KL_EDITOR_WINDOW (self));
  kl_editor_window_setup (KL_EDITOR_WINDOW (self), id, consultant ? consultant->name : NULL);
  /* A consultant not yet saved has no sessions. */
  gtk_widget_set_visible (self->calendar_group, id > 0);
  if (consultant != NULL)
    fill_form (KL_EDITOR_WINDOW (self), consultant);
  kl_field_set_reset (fields);
  return self;
}
