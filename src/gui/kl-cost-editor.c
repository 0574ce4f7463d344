#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "kl-cost-editor.h"
#include "kl-error.h"
#include "kl-form.h"
#include "kl-labels.h"
#include "kl-message-row.h"
#include "kl-store.h"
#include "kl-validate.h"

struct _KlCostEditor
{
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  GtkWidget *save_button;
  GtkLabel *error_label;
  AdwPreferencesGroup *preview_group;
  AdwActionRow *preview_row;
  GtkWidget *preview_icon;
  AdwComboRow *category_row;
  AdwComboRow *consultant_row;
  AdwEntryRow *days_row;
  KlMessageRow *days_message;
  AdwEntryRow *persons_row;
  KlMessageRow *persons_message;
  AdwComboRow *session_row;
  AdwEntryRow *net_row;
  KlMessageRow *net_message;
  AdwEntryRow *vat_row;
  KlMessageRow *vat_message;
  AdwEntryRow *supplier_row;
  AdwEntryRow *invoice_no_row;
  AdwEntryRow *invoice_date_row;
  KlMessageRow *invoice_date_message;
  AdwEntryRow *note_row;

  KlWindow *window;
  KlDb *db;
  gint64 programme_id;
  KlCostItem *original;          /* NULL for a new item */
  KlSchemeVersion *scheme;       /* the rules the claim counts by */
  GArray *consultant_ids;        /* by position in the combo, 0 first for none */
  GPtrArray *consultant_names;
  GArray *session_ids;
  gboolean typed;         /* until something is typed, empty fields wait quietly */
  gboolean filling;
  gboolean valid;
  gint64 counted_ore;
  char *explanation;
  gint64 saved_id;
};

G_DEFINE_FINAL_TYPE (KlCostEditor, kl_cost_editor, ADW_TYPE_WINDOW)

typedef struct
{
  KlDb *db;
  KlCostItem *item;  /* as it was, for an edit or a delete */
  gint64 id;         /* what was added, for an add */
} CostUndo;

/* Helpers */

static void
cost_undo_free (CostUndo *undo)
{
  g_object_unref (undo->db);
  g_clear_pointer (&undo->item, kl_cost_item_free);
  g_free (undo);
}

static CostUndo *
cost_undo_new (KlDb       *db,
               KlCostItem *item,
               gint64      id)
{
  CostUndo *undo = g_new0 (CostUndo, 1);

  undo->db = g_object_ref (db);
  undo->item = item;
  undo->id = id;
  return undo;
}

static gboolean
undo_add_cb (gpointer   data,
             GError   **error)
{
  CostUndo *undo = data;

  return kl_store_delete_cost (undo->db, undo->id, error);
}

static gboolean
undo_edit_cb (gpointer   data,
              GError   **error)
{
  CostUndo *undo = data;

  return kl_store_update_cost (undo->db, undo->item, error);
}

static gboolean
undo_delete_cb (gpointer   data,
                GError   **error)
{
  CostUndo *undo = data;

  undo->item->id = 0;
  return kl_store_insert_cost (undo->db, undo->item, error);
}

static KlCostCategory
selected_category (KlCostEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->category_row);

  return selected < KL_COST_N_CATEGORIES ? (KlCostCategory) selected : KL_COST_OTHER;
}

static gboolean
takes_consultant (KlCostCategory category)
{
  return kl_cost_category_is_fee (category) || category == KL_COST_TRAVEL || category == KL_COST_ACCOMMODATION;
}

static gboolean
takes_persons (KlCostCategory category)
{
  return category == KL_COST_PARTICIPANT_FEE || category == KL_COST_STUDY_FEE;
}

static gboolean
parse_count (const char  *label,
             GtkEditable *field,
             int         *count,
             GError     **error)
{
  g_autofree char *text = kl_form_entry_text (field);

  *count = 0;
  if (text == NULL)
    return TRUE;
  if (strspn (text, "0123456789") == strlen (text) && strlen (text) <= 6)
    {
      *count = atoi (text);
      return TRUE;
    }
  g_set_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE,
               /* Translators: %s is the field, e.g. "Days" */
               _("%s: “%s” is not a whole number"), label, text);
  return FALSE;
}

static gboolean
parse_amount (const char  *label,
              GtkEditable *field,
              gboolean     required,
              gint64      *ore,
              GError     **error)
{
  g_autofree char *text = kl_form_entry_text (field);

  *ore = 0;
  if (text == NULL)
    return !required || kl_validate_required (label, text, error);
  if (!kl_money_parse (text, ore, error))
    {
      g_prefix_error (error, "%s: ", label);
      return FALSE;
    }
  return kl_validate_amount (label, *ore, error);
}

static void
show_message (KlCostEditor *self,
              KlMessageRow *message,
              AdwEntryRow  *field,
              GError       *error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (field));

  /* An empty field waits quietly until the user has typed something. */
  if (error != NULL && *text == '\0' && !self->typed)
    error = NULL;
  kl_message_row_set_message (message, GTK_WIDGET (field), error ? error->message : NULL);
}

/* The item as the form has it, enough for a preview, or NULL while the
 * amounts are wrong; complete says whether it can be saved. The messages
 * under the fields are updated on the way. */
static KlCostItem *
read_form (KlCostEditor *self,
           gboolean     *complete)
{
  g_autoptr(KlCostItem) item = kl_cost_item_new ();
  g_autoptr(GError) days_error = NULL;
  g_autoptr(GError) persons_error = NULL;
  g_autoptr(GError) net_error = NULL;
  g_autoptr(GError) vat_error = NULL;
  g_autoptr(GError) date_error = NULL;
  g_autoptr(GError) error = NULL;
  guint consultant = adw_combo_row_get_selected (self->consultant_row);
  guint session = adw_combo_row_get_selected (self->session_row);
  gboolean ok = TRUE;

  item->id = self->original ? self->original->id : 0;
  item->programme_id = self->programme_id;
  item->category = selected_category (self);
  if (takes_consultant (item->category) && consultant < self->consultant_ids->len)
    {
      item->consultant_id = g_array_index (self->consultant_ids, gint64, consultant);
      item->consultant_name = g_strdup (g_ptr_array_index (self->consultant_names, consultant));
    }
  if (session < self->session_ids->len && g_array_index (self->session_ids, gint64, session) > 0)
    {
      item->session_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (item->session_ids, g_array_index (self->session_ids, gint64, session));
    }
  if (kl_cost_category_is_fee (item->category))
    ok &= parse_count (_("Days"), GTK_EDITABLE (self->days_row), &item->days, &days_error);
  if (takes_persons (item->category))
    ok &= parse_count (_("Persons"), GTK_EDITABLE (self->persons_row), &item->persons, &persons_error);
  ok &= parse_amount (_("Net amount"), GTK_EDITABLE (self->net_row), TRUE, &item->net_ore, &net_error);
  ok &= parse_amount (_("VAT"), GTK_EDITABLE (self->vat_row), FALSE, &item->vat_ore, &vat_error);
  item->supplier = kl_form_entry_text (GTK_EDITABLE (self->supplier_row));
  item->invoice_no = kl_form_entry_text (GTK_EDITABLE (self->invoice_no_row));
  item->invoice_date = kl_form_entry_text (GTK_EDITABLE (self->invoice_date_row));
  item->note = kl_form_entry_text (GTK_EDITABLE (self->note_row));
  ok &= kl_validate_date (_("Invoice date"), item->invoice_date, &date_error);

  /* The core's rules (days for a fee) speak for the field they are about. */
  if (ok && !kl_cost_item_validate (item, &error))
    {
      ok = FALSE;
      if (g_error_matches (error, KL_ERROR, KL_ERROR_MISSING_DAYS) && days_error == NULL)
        days_error = g_steal_pointer (&error);
    }
  show_message (self, self->days_message, self->days_row, days_error);
  show_message (self, self->persons_message, self->persons_row, persons_error);
  show_message (self, self->net_message, self->net_row, net_error);
  show_message (self, self->vat_message, self->vat_row, vat_error);
  show_message (self, self->invoice_date_message, self->invoice_date_row, date_error);
  gtk_label_set_text (self->error_label, error ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);

  /* A fee without days still gets a preview: it counts nothing yet. */
  *complete = ok;
  if (net_error != NULL || vat_error != NULL)
    return NULL;
  return g_steal_pointer (&item);
}

static void
update_preview (KlCostEditor     *self,
                const KlCostItem *item)
{
  g_autofree char *title = NULL;

  g_clear_pointer (&self->explanation, g_free);
  self->counted_ore = KL_NO_AMOUNT;
  if (self->scheme == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->preview_row), _("No rules in force"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->preview_row),
                                   _("No version of the fund’s rules covers this programme’s date."));
      return;
    }
  if (item == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->preview_row), "—");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->preview_row),
                                   _("Enter the net amount to see what the fund counts."));
      gtk_widget_remove_css_class (self->preview_icon, "success");
      return;
    }
  {
    g_autoptr(GPtrArray) one = g_ptr_array_new ();
    g_autoptr(KlClaim) claim = NULL;
    const KlClaimLine *line;
    g_autofree char *counted = NULL;

    g_ptr_array_add (one, (gpointer) item);
    claim = kl_claim_compute (self->scheme, one, KL_NO_AMOUNT, kl_lang_from_locale (), NULL);
    if (claim == NULL)
      return;
    line = g_ptr_array_index (claim->lines, 0);
    self->counted_ore = line->counted_ore;
    self->explanation = g_strdup (line->explanation);
    counted = kl_money_format (line->counted_ore, kl_lang_from_locale ());
    /* Translators: %s is an amount, e.g. "54 000,00 kr" */
    title = g_strdup_printf (_("Counts %s"), counted);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->preview_row), title);
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->preview_row), line->explanation);
    if (line->counted_ore > 0)
      gtk_widget_add_css_class (self->preview_icon, "success");
    else
      gtk_widget_remove_css_class (self->preview_icon, "success");
  }
}

static void
validate (KlCostEditor *self)
{
  KlCostCategory category = selected_category (self);
  g_autoptr(KlCostItem) item = NULL;
  gboolean complete;

  gtk_widget_set_visible (GTK_WIDGET (self->consultant_row), takes_consultant (category));
  gtk_widget_set_visible (GTK_WIDGET (self->days_row), kl_cost_category_is_fee (category));
  gtk_widget_set_visible (GTK_WIDGET (self->persons_row), takes_persons (category));
  if (!kl_cost_category_is_fee (category))
    kl_message_row_set_message (self->days_message, GTK_WIDGET (self->days_row), NULL);
  if (!takes_persons (category))
    kl_message_row_set_message (self->persons_message, GTK_WIDGET (self->persons_row), NULL);

  item = read_form (self, &complete);
  self->valid = item != NULL && complete;
  update_preview (self, item);
  gtk_widget_set_sensitive (self->save_button, self->valid);
}

static void
fill_choices (KlCostEditor *self)
{
  g_autoptr(GtkStringList) categories = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) consultants = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) sessions = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) consultant_list = kl_store_list_consultants (self->db, NULL);
  g_autoptr(GPtrArray) session_list = kl_store_list_sessions (self->db, self->programme_id, NULL);
  gint64 none = 0;

  for (guint i = 0; i < KL_COST_N_CATEGORIES; i++)
    gtk_string_list_append (categories, kl_label (KL_LABELS_COST_CATEGORY, kl_cost_categories[i]));
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (categories));

  /* Translators: no consultant or session chosen */
  gtk_string_list_append (consultants, C_("choice", "None"));
  g_array_append_val (self->consultant_ids, none);
  g_ptr_array_add (self->consultant_names, NULL);
  for (guint i = 0; consultant_list != NULL && i < consultant_list->len; i++)
    {
      KlConsultant *consultant = g_ptr_array_index (consultant_list, i);

      gtk_string_list_append (consultants, consultant->name);
      g_array_append_val (self->consultant_ids, consultant->id);
      g_ptr_array_add (self->consultant_names, g_strdup (consultant->name));
    }
  adw_combo_row_set_model (self->consultant_row, G_LIST_MODEL (consultants));

  gtk_string_list_append (sessions, C_("choice", "None"));
  g_array_append_val (self->session_ids, none);
  for (guint i = 0; session_list != NULL && i < session_list->len; i++)
    {
      KlSession *session = g_ptr_array_index (session_list, i);
      g_autofree char *date = kl_format_date (session->starts_at);
      g_autofree char *text = g_strdup_printf ("%s (%s)", session->title, date);

      gtk_string_list_append (sessions, text);
      g_array_append_val (self->session_ids, session->id);
    }
  adw_combo_row_set_model (self->session_row, G_LIST_MODEL (sessions));
}

static void
select_id (AdwComboRow *row,
           GArray      *ids,
           gint64       id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      {
        adw_combo_row_set_selected (row, i);
        return;
      }
  adw_combo_row_set_selected (row, 0);
}

static void
set_amount (AdwEntryRow *row,
            gint64       ore)
{
  g_autofree char *text = kl_money_format_decimal (ore);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
set_count (AdwEntryRow *row,
           int          count)
{
  g_autofree char *text = count > 0 ? g_strdup_printf ("%d", count) : g_strdup ("");

  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
fill_form (KlCostEditor *self)
{
  g_autoptr(KlProgramme) programme = kl_store_get_programme (self->db, self->programme_id, NULL);
  g_autoptr(KlFundingCase) funding = kl_store_get_funding_case (self->db, self->programme_id, NULL, NULL);
  const KlCostItem *item = self->original;
  g_autofree char *description = NULL;

  fill_choices (self);
  /* The same rules as the claim: those of the application date, else today's. */
  self->scheme = kl_store_scheme_for_date (self->db, funding ? funding->scheme : NULL,
                                           funding ? funding->applied_date : NULL, NULL);
  if (self->scheme != NULL)
    {
      /* Translators: %s is the name of the rules, e.g. "KS OU-midler 2024" */
      description = g_strdup_printf (_("By %s, as you type."), self->scheme->name);
      adw_preferences_group_set_description (self->preview_group, description);
    }

  adw_window_title_set_subtitle (self->window_title, programme ? programme->title : NULL);
  if (item == NULL)
    {
      adw_window_title_set_title (self->window_title, _("New Cost"));
      adw_combo_row_set_selected (self->category_row, KL_COST_SPEAKER_FEE);
      return;
    }
  adw_window_title_set_title (self->window_title, _("Edit Cost"));
  adw_combo_row_set_selected (self->category_row, item->category);
  select_id (self->consultant_row, self->consultant_ids, item->consultant_id);
  select_id (self->session_row, self->session_ids,
             item->session_ids != NULL && item->session_ids->len > 0 ? g_array_index (item->session_ids, gint64, 0) : 0);
  set_count (self->days_row, item->days);
  set_count (self->persons_row, item->persons);
  set_amount (self->net_row, item->net_ore);
  set_amount (self->vat_row, item->vat_ore);
  gtk_editable_set_text (GTK_EDITABLE (self->supplier_row), item->supplier ? item->supplier : "");
  gtk_editable_set_text (GTK_EDITABLE (self->invoice_no_row), item->invoice_no ? item->invoice_no : "");
  gtk_editable_set_text (GTK_EDITABLE (self->invoice_date_row), item->invoice_date ? item->invoice_date : "");
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), item->note ? item->note : "");
}

static char *
describe (const KlCostItem *item)
{
  const char *category = kl_label (KL_LABELS_COST_CATEGORY, kl_cost_categories[item->category]);

  if (item->consultant_name != NULL)
    return g_strdup_printf ("%s, %s", category, item->consultant_name);
  if (item->supplier != NULL)
    return g_strdup_printf ("%s, %s", category, item->supplier);
  return g_strdup (category);
}

/* Signal callbacks */

static void
on_field_changed_cb (KlCostEditor *self,
                     GtkEditable  *field)
{
  if (self->filling)
    return;
  self->typed = TRUE;
  validate (self);
}

static void
on_choice_changed_cb (KlCostEditor *self)
{
  if (!self->filling)
    validate (self);
}

static void
on_save_clicked_cb (KlCostEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!kl_cost_editor_save (self, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
}

static void
on_delete_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       KlWindow         *window)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "cost-id");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") == 0 && !kl_cost_editor_delete (window, id, &error))
    kl_window_toast (window, error->message, FALSE);
}

/* Overrides */

static void
kl_cost_editor_dispose (GObject *object)
{
  KlCostEditor *self = KL_COST_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_COST_EDITOR);
  g_clear_object (&self->db);
  g_clear_weak_pointer (&self->window);
  g_clear_pointer (&self->original, kl_cost_item_free);
  g_clear_pointer (&self->scheme, kl_scheme_version_free);
  g_clear_pointer (&self->consultant_ids, g_array_unref);
  g_clear_pointer (&self->consultant_names, g_ptr_array_unref);
  g_clear_pointer (&self->session_ids, g_array_unref);
  g_clear_pointer (&self->explanation, g_free);

  G_OBJECT_CLASS (kl_cost_editor_parent_class)->dispose (object);
}

static void
kl_cost_editor_class_init (KlCostEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kl_cost_editor_dispose;

  g_type_ensure (KL_TYPE_MESSAGE_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/no/imtec/Kartleser/ui/kl-cost-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, preview_group);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, preview_row);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, preview_icon);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, category_row);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, consultant_row);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, days_row);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, days_message);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, persons_row);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, persons_message);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, session_row);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, net_row);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, net_message);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, vat_row);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, vat_message);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, supplier_row);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, invoice_no_row);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, invoice_date_row);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, invoice_date_message);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, note_row);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_choice_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kl_cost_editor_init (KlCostEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->consultant_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->consultant_names = g_ptr_array_new_with_free_func (g_free);
  self->session_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->counted_ore = KL_NO_AMOUNT;
  adw_entry_row_add_suffix (self->invoice_date_row,
                            kl_form_date_button_new (GTK_EDITABLE (self->invoice_date_row)));
}

/* Public API */

KlCostEditor *
kl_cost_editor_new (KlWindow *window,
                    gint64    programme_id,
                    gint64    cost_id)
{
  KlCostEditor *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (KL_IS_WINDOW (window), NULL);
  g_return_val_if_fail (programme_id > 0, NULL);

  self = g_object_new (KL_TYPE_COST_EDITOR, "transient-for", window, NULL);
  g_set_weak_pointer (&self->window, window);
  self->programme_id = programme_id;
  if (cost_id > 0)
    {
      self->original = kl_store_get_cost (kl_window_get_db (window), cost_id, &error);
      if (self->original == NULL)
        g_warning ("%s", error->message);
    }
  self->db = g_object_ref (kl_window_get_db (window));
  self->filling = TRUE;
  fill_form (self);
  self->filling = FALSE;
  validate (self);
  return self;
}

void
kl_cost_editor_set_category (KlCostEditor   *self,
                             KlCostCategory  category)
{
  g_return_if_fail (KL_IS_COST_EDITOR (self));
  g_return_if_fail (category < KL_COST_N_CATEGORIES);

  adw_combo_row_set_selected (self->category_row, category);
}

void
kl_cost_editor_set_consultant (KlCostEditor *self,
                               gint64        consultant_id)
{
  g_return_if_fail (KL_IS_COST_EDITOR (self));

  select_id (self->consultant_row, self->consultant_ids, consultant_id);
}

/* days, persons, net, vat, supplier, invoice-no, invoice-date or note. */
GtkEditable *
kl_cost_editor_get_field (KlCostEditor *self,
                          const char   *name)
{
  const struct { const char *name; AdwEntryRow *row; } fields[] = {
    { "days", self->days_row }, { "persons", self->persons_row }, { "net", self->net_row },
    { "vat", self->vat_row }, { "supplier", self->supplier_row }, { "invoice-no", self->invoice_no_row },
    { "invoice-date", self->invoice_date_row }, { "note", self->note_row },
  };

  g_return_val_if_fail (KL_IS_COST_EDITOR (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (name, fields[i].name))
      return GTK_EDITABLE (fields[i].row);
  g_return_val_if_reached (NULL);
}

/* What is said under a field ("" when nothing). */
const char *
kl_cost_editor_get_message (KlCostEditor *self,
                            const char   *name)
{
  const struct { const char *name; KlMessageRow *row; } messages[] = {
    { "days", self->days_message }, { "persons", self->persons_message }, { "net", self->net_message },
    { "vat", self->vat_message }, { "invoice-date", self->invoice_date_message },
  };

  g_return_val_if_fail (KL_IS_COST_EDITOR (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
    if (g_str_equal (name, messages[i].name))
      return kl_message_row_get_message (messages[i].row);
  g_return_val_if_reached (NULL);
}

/* What the fund would count for the line as it stands, or KL_NO_AMOUNT. */
gint64
kl_cost_editor_get_counted (KlCostEditor *self)
{
  g_return_val_if_fail (KL_IS_COST_EDITOR (self), KL_NO_AMOUNT);
  return self->counted_ore;
}

const char *
kl_cost_editor_get_explanation (KlCostEditor *self)
{
  g_return_val_if_fail (KL_IS_COST_EDITOR (self), NULL);
  return self->explanation;
}

gboolean
kl_cost_editor_can_save (KlCostEditor *self)
{
  g_return_val_if_fail (KL_IS_COST_EDITOR (self), FALSE);
  return self->valid;
}

/* Saves, records the undo step and closes the form. */
gboolean
kl_cost_editor_save (KlCostEditor  *self,
                     GError       **error)
{
  g_autoptr(KlCostItem) item = NULL;
  g_autofree char *what = NULL;
  g_autofree char *label = NULL;
  gboolean complete;

  g_return_val_if_fail (KL_IS_COST_EDITOR (self), FALSE);

  item = read_form (self, &complete);
  if (item == NULL || !complete)
    {
      g_set_error_literal (error, KL_ERROR, KL_ERROR_INVALID_VALUE, _("Some fields need attention"));
      return FALSE;
    }
  what = describe (item);
  if (self->original == NULL)
    {
      if (!kl_store_insert_cost (self->db, item, error))
        return FALSE;
      /* Translators: an undoable step, %s is e.g. "Speaker fee, Per Dalin" */
      label = g_strdup_printf (_("Add cost “%s”"), what);
      if (self->window != NULL)
        kl_window_push_undo (self->window, label, undo_add_cb, cost_undo_new (self->db, NULL, item->id),
                             (GDestroyNotify) cost_undo_free);
    }
  else
    {
      if (!kl_store_update_cost (self->db, item, error))
        return FALSE;
      /* Translators: an undoable step */
      label = g_strdup_printf (_("Edit cost “%s”"), what);
      if (self->window != NULL)
        kl_window_push_undo (self->window, label, undo_edit_cb,
                             cost_undo_new (self->db, g_steal_pointer (&self->original), 0),
                             (GDestroyNotify) cost_undo_free);
    }
  self->saved_id = item->id;
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

gint64
kl_cost_editor_get_cost_id (KlCostEditor *self)
{
  g_return_val_if_fail (KL_IS_COST_EDITOR (self), 0);
  return self->saved_id;
}

void
kl_cost_editor_confirm_delete (KlWindow *window,
                               gint64    cost_id)
{
  g_autoptr(KlCostItem) item = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *what = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  g_return_if_fail (KL_IS_WINDOW (window));

  item = kl_store_get_cost (kl_window_get_db (window), cost_id, &error);
  if (item == NULL)
    {
      kl_window_toast (window, error->message, FALSE);
      return;
    }
  what = describe (item);
  heading = g_strdup_printf (_("Delete “%s”?"), what);
  dialog = adw_message_dialog_new (GTK_WINDOW (window), heading,
                                   _("The cost goes from the programme and from the claim. You can undo this."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "cost-id", g_memdup2 (&cost_id, sizeof cost_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Deletes without asking and offers undo, which inserts it again. */
gboolean
kl_cost_editor_delete (KlWindow  *window,
                       gint64     cost_id,
                       GError   **error)
{
  KlDb *db;
  g_autoptr(KlCostItem) item = NULL;
  g_autofree char *what = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (KL_IS_WINDOW (window), FALSE);

  db = kl_window_get_db (window);
  item = kl_store_get_cost (db, cost_id, error);
  if (item == NULL || !kl_store_delete_cost (db, cost_id, error))
    return FALSE;
  what = describe (item);
  /* Translators: an undoable step */
  label = g_strdup_printf (_("Delete cost “%s”"), what);
  kl_window_push_undo (window, label, undo_delete_cb, cost_undo_new (db, g_steal_pointer (&item), 0),
                       (GDestroyNotify) cost_undo_free);
  return TRUE;
}
