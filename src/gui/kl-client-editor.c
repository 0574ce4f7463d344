#include "config.h"

#include <glib/gi18n.h>

#include "kl-client-editor.h"
#include "kl-store.h"
#include "kl-validate.h"

struct _KlClientEditor
{
  KlEditorWindow parent_instance;

  AdwEntryRow *name_row;
  AdwComboRow *kind_row;
  AdwActionRow *parent_row;
  GtkDropDown *parent_dropdown;
  AdwActionRow *legal_row;
  GtkImage *legal_icon;
  AdwEntryRow *orgnr_row;
  AdwEntryRow *account_row;
  AdwEntryRow *address_row;
  AdwEntryRow *invoice_email_row;
  AdwEntryRow *contact_name_row;
  AdwEntryRow *contact_email_row;
  AdwEntryRow *contact_phone_row;
  GtkTextView *notes_view;
};

G_DEFINE_FINAL_TYPE (KlClientEditor, kl_client_editor, KL_TYPE_EDITOR_WINDOW)

/* Helpers */

static void
set_legal_entity (KlClientEditor *self,
                  gboolean        applies,
                  const char     *title,
                  const char     *subtitle)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->legal_row), title);
  adw_action_row_set_subtitle (self->legal_row, subtitle);
  gtk_image_set_from_icon_name (self->legal_icon, applies ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  if (applies)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->legal_icon), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (self->legal_icon), "success");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->legal_icon), "success");
      gtk_widget_add_css_class (GTK_WIDGET (self->legal_icon), "warning");
    }
}

static void
fill_form (KlEditorWindow *editor,
           gconstpointer   record)
{
  const KlClient *client = record;
  KlFieldSet *fields = kl_editor_window_get_fields (editor);

  kl_field_set_set_value (fields, "name", client->name);
  kl_field_set_set_value (fields, "kind", client->kind);
  kl_field_set_set_id (fields, "parent", client->parent_id);
  kl_field_set_set_value (fields, "orgnr", client->orgnr);
  kl_field_set_set_value (fields, "account", client->account);
  kl_field_set_set_value (fields, "address", client->address);
  kl_field_set_set_value (fields, "invoice-email", client->invoice_email);
  kl_field_set_set_value (fields, "contact-name", client->contact_name);
  kl_field_set_set_value (fields, "contact-email", client->contact_email);
  kl_field_set_set_value (fields, "contact-phone", client->contact_phone);
  kl_field_set_set_value (fields, "notes", client->notes);
}

static gpointer
read_form (KlEditorWindow *editor)
{
  KlFieldSet *fields = kl_editor_window_get_fields (editor);
  KlClient *client = kl_client_new ();

  client->name = kl_field_set_get_text (fields, "name");
  client->kind = kl_field_set_get_text (fields, "kind");
  client->parent_id = kl_field_set_get_id (fields, "parent");
  client->orgnr = kl_field_set_get_text (fields, "orgnr");
  client->account = kl_field_set_get_text (fields, "account");
  client->address = kl_field_set_get_text (fields, "address");
  client->invoice_email = kl_field_set_get_text (fields, "invoice-email");
  client->contact_name = kl_field_set_get_text (fields, "contact-name");
  client->contact_email = kl_field_set_get_text (fields, "contact-email");
  client->contact_phone = kl_field_set_get_text (fields, "contact-phone");
  client->notes = kl_field_set_get_text (fields, "notes");
  return client;
}

static const KlEditorRecord client_record = {
  .store = {
    .get = (KlRecordGetFunc) kl_store_get_client,
    .insert = (KlRecordWriteFunc) kl_store_insert_client,
    .update = (KlRecordWriteFunc) kl_store_update_client,
    .delete = kl_store_delete_client,
    .free = (GDestroyNotify) kl_client_free,
    .id_offset = G_STRUCT_OFFSET (KlClient, id),
    .version_offset = G_STRUCT_OFFSET (KlClient, version),
    .name_offset = G_STRUCT_OFFSET (KlClient, name),
  },
  .deleted = N_("Client “%s” deleted"),
  .fill_form = fill_form,
  .read_form = read_form,
};

/* Signal callbacks */

/* Who applies to the fund and is paid, as the form stands: the top of the
 * chain of parents, by its org number. */
static void
on_fields_changed_cb (KlClientEditor *self)
{
  KlEditorWindow *editor = KL_EDITOR_WINDOW (self);
  KlFieldSet *fields = kl_editor_window_get_fields (editor);
  KlDb *db = kl_editor_window_get_db (editor);
  gint64 parent_id = kl_field_set_get_id (fields, "parent");
  gint64 own_id = kl_editor_window_get_id (editor);
  g_autofree char *orgnr = kl_field_set_get_text (fields, "orgnr");
  g_autoptr(GError) error = NULL;
  g_autoptr(KlClient) legal = NULL;
  gint64 legal_id;

  if (db == NULL)
    return;
  if (parent_id == 0)
    {
      if (orgnr != NULL && kl_validate_orgnr ("", orgnr, NULL))
        {
          g_autofree char *subtitle = g_strdup_printf (_("Claims and payouts use its org number, %s"), orgnr);

          set_legal_entity (self, TRUE, _("Applies to the fund itself"), subtitle);
        }
      else
        set_legal_entity (self, FALSE, _("Cannot apply to the fund yet"),
                          _("Give it an org number, or place it under the municipality it belongs to"));
      return;
    }

  legal_id = kl_store_legal_entity (db, parent_id, &error);
  if (legal_id != 0 && legal_id == own_id)
    {
      set_legal_entity (self, FALSE, _("Cannot be placed here"),
                        _("A client cannot be placed under itself or one of its own units"));
      return;
    }
  if (legal_id != 0)
    legal = kl_store_get_client (db, legal_id, &error);
  if (legal == NULL)
    {
      set_legal_entity (self, FALSE, _("Cannot apply to the fund yet"), error ? error->message : NULL);
      return;
    }
  {
    /* Translators: %s is a client, e.g. "Applies through Bærum kommune" */
    g_autofree char *title = g_strdup_printf (_("Applies through %s"), legal->name);
    g_autofree char *subtitle = g_strdup_printf (_("Claims and payouts use its org number, %s"), legal->orgnr);

    set_legal_entity (self, TRUE, title, subtitle);
  }
}

/* Overrides */

static void
kl_client_editor_class_init (KlClientEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KlEditorWindowClass *editor_class = KL_EDITOR_WINDOW_CLASS (klass);

  editor_class->new_title = N_("New Client");
  editor_class->edit_title = N_("Edit Client");
  editor_class->delete_heading = N_("Delete Client?");
  editor_class->list_kind = KL_LIST_CLIENTS;
  editor_class->record = &client_record;
  editor_class->entity = "client";
  editor_class->conflict_heading = N_("%s changed this client at %s while you were editing");

  gtk_widget_class_set_template_from_resource (widget_class, "/no/imtec/Kartleser/ui/kl-client-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, parent_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, parent_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, legal_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, legal_icon);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, orgnr_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, account_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, address_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, invoice_email_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, contact_name_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, contact_email_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, contact_phone_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, notes_view);
}

static void
kl_client_editor_init (KlClientEditor *self)
{
  KlFieldSet *fields;

  gtk_widget_init_template (GTK_WIDGET (self));

  fields = kl_editor_window_get_fields (KL_EDITOR_WINDOW (self));
  kl_field_set_add_entry (fields, "name", self->name_row, NULL, TRUE);
  kl_field_set_add_labels (fields, "kind", self->kind_row, KL_LABELS_CLIENT_KIND);
  kl_field_set_add_choice (fields, "parent", self->parent_row, self->parent_dropdown, FALSE);
  kl_field_set_add_entry (fields, "orgnr", self->orgnr_row, kl_validate_orgnr, FALSE);
  kl_field_set_add_entry (fields, "account", self->account_row, kl_validate_account, FALSE);
  kl_field_set_add_entry (fields, "address", self->address_row, NULL, FALSE);
  kl_field_set_add_entry (fields, "invoice-email", self->invoice_email_row, kl_validate_email, FALSE);
  kl_field_set_add_entry (fields, "contact-name", self->contact_name_row, NULL, FALSE);
  kl_field_set_add_entry (fields, "contact-email", self->contact_email_row, kl_validate_email, FALSE);
  kl_field_set_add_entry (fields, "contact-phone", self->contact_phone_row, NULL, FALSE);
  kl_field_set_add_text_view (fields, "notes", self->notes_view);
  g_signal_connect_object (fields, "changed", G_CALLBACK (on_fields_changed_cb), self, G_CONNECT_SWAPPED);
}

/* Public API */

/* NULL, with a toast on the parent's window, when the client cannot be read. */
KlClientEditor *
kl_client_editor_new (KlContext *context,
                      GtkWindow *parent,
                      gint64     id)
{
  g_autoptr(KlClient) client = NULL;
  KlEditorWindow *editor = kl_editor_window_open (KL_TYPE_CLIENT_EDITOR, context, parent, id, (gpointer *) &client);

  if (editor == NULL)
    return NULL;
  kl_editor_window_load_clients (editor, "parent", _("None"), id);
  kl_editor_window_fill (editor, client);
  return KL_CLIENT_EDITOR (editor);
}

const char *
kl_client_editor_get_legal_entity (KlClientEditor *self)
{
  g_return_val_if_fail (KL_IS_CLIENT_EDITOR (self), NULL);
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->legal_row));
}
