#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "kl-actions.h"
#include "kl-cost-editor-private.h"
#include "kl-error.h"
#include "kl-form.h"
#include "kl-labels.h"
#include "kl-question.h"
#include "kl-record-undo.h"
#include "kl-store.h"
#include "kl-validate.h"

/* The form of a cost line, a KlEditorWindow like the record editors:
 * filling it, the sessions and consultants to choose, saving, deleting
 * and undo. Reading it into a line and what the
 * fund counts for it is kl-cost-editor-preview.c. A little over 800
 * lines: a budget line and an invoice share this one form. */

G_DEFINE_FINAL_TYPE (KlCostEditor, kl_cost_editor, KL_TYPE_EDITOR_WINDOW)

/* Helpers */

/* For the undo steps of a save or a delete. */
static const KlRecordStore cost_store = {
  .get = (KlRecordGetFunc) kl_store_get_cost,
  .insert = (KlRecordWriteFunc) kl_store_insert_cost,
  .update = (KlRecordWriteFunc) kl_store_update_cost,
  .delete = kl_store_delete_cost,
  .free = (GDestroyNotify) kl_cost_item_free,
  .id_offset = G_STRUCT_OFFSET (KlCostItem, id),
  .version_offset = G_STRUCT_OFFSET (KlCostItem, version),
};

static void
update_title (KlCostEditor *self)
{
  gboolean budget = is_budget (self);
  const char *title;

  if (is_recording_invoice (self))
    title = _("Record Invoice");
  else if (self->original == NULL)
    title = budget ? _("New Budget Line") : _("New Cost");
  else
    title = budget ? _("Edit Budget Line") : _("Edit Cost");
  kl_editor_window_set_title (KL_EDITOR_WINDOW (self), title);
}

static void
update_sessions_summary (KlCostEditor *self)
{
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  g_autofree char *joined = NULL;
  g_autofree char *summary = NULL;

  if (self->sessions->len == 0)
    {
      adw_expander_row_set_subtitle (self->sessions_row, _("The programme has no sessions yet"));
      return;
    }
  for (guint i = 0; i < self->session_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->session_checks, i)))
      g_ptr_array_add (titles, ((KlSession *) g_ptr_array_index (self->sessions, i))->title);
  if (titles->len == 0)
    {
      /* Translators: no session chosen for a cost */
      adw_expander_row_set_subtitle (self->sessions_row, C_("sessions", "None"));
      return;
    }
  g_ptr_array_add (titles, NULL);
  joined = g_strjoinv (", ", (char **) titles->pdata);
  /* Translators: the sessions a cost covers, "2 sessions: Samling 1, Samling 2" */
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u session: %s", "%u sessions: %s", titles->len - 1),
                             titles->len - 1, joined);
  adw_expander_row_set_subtitle (self->sessions_row, summary);
}

/* After each round of the fields' own checks: what shows for the
 * category, what the core says, and the preview. */
static void
on_fields_changed_cb (KlCostEditor *self)
{
  KlCostCategory category = selected_category (self);
  gboolean fee = kl_cost_category_is_fee (category);
  gboolean budget = is_budget (self);
  g_autoptr(KlCostItem) item = NULL;
  gboolean complete;

  /* Filling, or the days shown for the sessions and dates: the round
   * that set them is still going. */
  if (self->filling || self->sessions == NULL)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->consultant_row), takes_consultant (category));
  gtk_widget_set_visible (GTK_WIDGET (self->dates_row), fee);
  gtk_widget_set_visible (GTK_WIDGET (self->days_row), fee);
  gtk_widget_set_visible (GTK_WIDGET (self->persons_row), kl_cost_category_is_per_person (category));
  gtk_widget_set_visible (GTK_WIDGET (self->semesters_row), category == KL_COST_STUDY_FEE);
  gtk_widget_set_visible (GTK_WIDGET (self->invoice_no_row), !budget);
  gtk_widget_set_visible (GTK_WIDGET (self->invoice_date_row), !budget);
  adw_preferences_group_set_title (self->invoice_group, budget ? _("Supplier") : _("Invoice"));
  update_title (self);
  update_sessions_summary (self);
  item = kl_cost_editor_read_form (self, &complete);
  kl_cost_editor_update_preview (self, item);
}

static void
validate (KlCostEditor *self)
{
  if (!self->filling && self->fields != NULL)
    kl_field_set_validate (self->fields);
}

static char *
describe_session (const KlSession *session)
{
  g_autofree char *date = kl_format_date (session->starts_at);

  if (session->starts_at == NULL || strlen (session->starts_at) < 16 || session->ends_at == NULL
      || strlen (session->ends_at) < 16)
    return g_steal_pointer (&date);
  if (strncmp (session->starts_at, session->ends_at, 10) != 0)
    {
      g_autofree char *last = kl_format_date (session->ends_at);

      return g_strdup_printf ("%s – %s", date, last);
    }
  return g_strdup_printf ("%s, %s–%s", date, session->starts_at + 11, session->ends_at + 11);
}

static void on_choice_changed_cb (KlCostEditor *self);

/* The consultants to choose, "None" first; the one chosen (by id) stays
 * chosen when the list is filled again. */
static void
fill_consultants (KlCostEditor *self,
                  gint64        chosen)
{
  g_autoptr(GtkStringList) consultants = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) consultant_list = kl_store_list_consultants (self->db, NULL);
  gint64 none = 0;
  guint selected = 0;
  gboolean same = consultant_list != NULL && consultant_list->len + 1 == self->consultant_ids->len;

  for (guint i = 0; same && i < consultant_list->len; i++)
    {
      KlConsultant *consultant = g_ptr_array_index (consultant_list, i);

      same = consultant->id == g_array_index (self->consultant_ids, gint64, i + 1)
             && g_strcmp0 (consultant->name, g_ptr_array_index (self->consultant_names, i + 1)) == 0;
    }
  /* Nothing new: the list and the user's place in it stay as they are. */
  if (same)
    return;
  g_array_set_size (self->consultant_ids, 0);
  g_ptr_array_set_size (self->consultant_names, 0);
  /* Translators: no consultant or session chosen */
  gtk_string_list_append (consultants, C_("choice", "None"));
  g_array_append_val (self->consultant_ids, none);
  g_ptr_array_add (self->consultant_names, NULL);
  for (guint i = 0; consultant_list != NULL && i < consultant_list->len; i++)
    {
      KlConsultant *consultant = g_ptr_array_index (consultant_list, i);

      if (consultant->id == chosen)
        selected = self->consultant_ids->len;
      gtk_string_list_append (consultants, consultant->name);
      g_array_append_val (self->consultant_ids, consultant->id);
      g_ptr_array_add (self->consultant_names, g_strdup (consultant->name));
    }
  adw_combo_row_set_model (self->consultant_row, G_LIST_MODEL (consultants));
  adw_combo_row_set_selected (self->consultant_row, selected);
}

/* The programme's sessions, one check each; those ticked (by id) stay
 * ticked when the list is filled again. */
static void
fill_sessions (KlCostEditor *self,
               GArray       *ticked)
{
  g_autoptr(GPtrArray) sessions = kl_store_list_sessions (self->db, self->programme_id, NULL);
  gboolean same = self->sessions != NULL && sessions != NULL && sessions->len == self->sessions->len;

  for (guint i = 0; same && i < sessions->len; i++)
    {
      KlSession *now = g_ptr_array_index (sessions, i);
      KlSession *shown = g_ptr_array_index (self->sessions, i);

      same = now->id == shown->id && g_strcmp0 (now->title, shown->title) == 0
             && g_strcmp0 (now->starts_at, shown->starts_at) == 0 && g_strcmp0 (now->ends_at, shown->ends_at) == 0;
    }
  if (same)
    return;
  for (guint i = 0; i < self->session_checks->len; i++)
    {
      GtkWidget *row = gtk_widget_get_ancestor (g_ptr_array_index (self->session_checks, i), ADW_TYPE_ACTION_ROW);

      if (row != NULL)
        adw_expander_row_remove (self->sessions_row, row);
    }
  g_ptr_array_set_size (self->session_checks, 0);
  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  self->sessions = g_steal_pointer (&sessions);
  if (self->sessions == NULL)
    self->sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_session_free);
  for (guint i = 0; i < self->sessions->len; i++)
    {
      KlSession *session = g_ptr_array_index (self->sessions, i);
      g_autofree char *when = describe_session (session);
      gboolean chosen = FALSE;
      GtkCheckButton *check;
      GtkWidget *row;

      for (guint j = 0; ticked != NULL && j < ticked->len; j++)
        chosen |= g_array_index (ticked, gint64, j) == session->id;
      row = kl_form_check_row_new (session->title, when, chosen, &check);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_choice_changed_cb), self);
      adw_expander_row_add_row (self->sessions_row, row);
      g_ptr_array_add (self->session_checks, check);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->sessions_row), self->sessions->len > 0);
}

static void
fill_choices (KlCostEditor *self)
{
  fill_consultants (self, 0);
  fill_sessions (self, NULL);
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
  g_autoptr(GPtrArray) costs = kl_store_list_costs (self->db, self->programme_id, NULL);
  const KlCostItem *item = source_line (self);
  g_autofree char *description = NULL;

  fill_choices (self);
  /* The same rules as the claim: those of the application date, else today's. */
  self->scheme = kl_store_scheme_for_date (self->db, funding ? funding->scheme : NULL,
                                           funding ? funding->applied_date : NULL, NULL);
  if (self->scheme != NULL)
    {
      /* The group's description is markup: the name goes in escaped. */
      /* Translators: %s is the name of the rules, e.g. "KS OU-midler 2024" */
      description = g_markup_printf_escaped (_("By %s, as you type, with the programme’s other lines."),
                                             self->scheme->name);
      adw_preferences_group_set_description (self->preview_group, description);
    }
  self->others = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_cost_item_free);
  for (guint i = 0; costs != NULL && i < costs->len; i++)
    {
      KlCostItem *other = g_ptr_array_index (costs, i);

      if (self->original == NULL || other->id != self->original->id)
        g_ptr_array_add (self->others, kl_cost_item_copy (other));
    }

  kl_editor_window_set_subtitle (KL_EDITOR_WINDOW (self), programme ? programme->title : NULL);
  if (item == NULL)
    {
      adw_combo_row_set_selected (self->category_row, KL_COST_SPEAKER_FEE);
      return;
    }
  gtk_switch_set_active (self->budget_switch, item->budget && self->budget_line == NULL);
  adw_combo_row_set_selected (self->category_row, item->category);
  select_id (self->consultant_row, self->consultant_ids, item->consultant_id);
  for (guint i = 0; i < self->sessions->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->session_checks, i),
                                 kl_cost_item_has_session (item, ((KlSession *) g_ptr_array_index (self->sessions, i))->id));
  if (item->dates != NULL)
    {
      g_autoptr(GString) dates = g_string_new (NULL);

      for (guint i = 0; item->dates[i] != NULL; i++)
        {
          g_autofree char *text = kl_form_date_to_text (item->dates[i]);

          g_string_append_printf (dates, "%s%s", i > 0 ? ", " : "", text);
        }
      gtk_editable_set_text (GTK_EDITABLE (self->dates_row), dates->str);
    }
  /* Days stored for a dated line are its days covered, not typed. */
  if (item->covered == NULL)
    set_count (self->days_row, item->days);
  set_count (self->persons_row, item->persons);
  set_count (self->semesters_row, item->semesters);
  set_amount (self->net_row, item->net_ore);
  set_amount (self->vat_row, item->vat_ore);
  gtk_editable_set_text (GTK_EDITABLE (self->supplier_row), item->supplier ? item->supplier : "");
  gtk_editable_set_text (GTK_EDITABLE (self->invoice_no_row), item->invoice_no ? item->invoice_no : "");
  kl_form_date_set (GTK_EDITABLE (self->invoice_date_row), item->invoice_date);
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), item->note ? item->note : "");
  /* A line stored before today's rules (a fee without its consultant)
   * says at once what it lacks. */
  self->typed = !kl_cost_item_validate (item, NULL);
}

/* The form as the original has it, or as for a new cost, at the version
 * loaded, and nothing in it changed yet. */
static void
show_original (KlCostEditor *self)
{
  if (self->original != NULL)
    kl_editor_window_set_version (KL_EDITOR_WINDOW (self), self->original->version);
  self->filling = TRUE;
  fill_form (self);
  self->filling = FALSE;
  kl_field_set_reset (self->fields);
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
  /* The field set checks it; from now on empty fields say so too. */
  if (!self->filling)
    self->typed = TRUE;
}

static void
on_choice_changed_cb (KlCostEditor *self)
{
  if (!self->filling)
    validate (self);
}

/* A consultant or session added meanwhile (in the main window, another
 * window or program) is among the choices without reopening the form;
 * what was chosen stays chosen, and a form left as it was still counts
 * as unchanged. */
static void
kl_cost_editor_reload_choices (KlEditorWindow *editor)
{
  KlCostEditor *self = KL_COST_EDITOR (editor);
  g_autoptr(GArray) ticked = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint consultant = adw_combo_row_get_selected (self->consultant_row);
  gboolean changed = kl_form_has_changes (GTK_WINDOW (self));
  gboolean filling = self->filling;

  if (self->db == NULL || self->sessions == NULL)
    return;
  for (guint i = 0; i < self->session_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->session_checks, i)))
      g_array_append_val (ticked, ((KlSession *) g_ptr_array_index (self->sessions, i))->id);
  self->filling = TRUE;
  fill_consultants (self, consultant < self->consultant_ids->len ? g_array_index (self->consultant_ids, gint64, consultant)
                                                                 : 0);
  fill_sessions (self, ticked);
  self->filling = filling;
  validate (self);
  if (!changed)
    kl_form_mark_unchanged (GTK_WINDOW (self));
}

static void
on_budget_changed_cb (KlCostEditor *self)
{
  if (self->filling)
    return;
  validate (self);
  /* Recording the invoice: its number is what is asked for first. */
  if (is_recording_invoice (self) && gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self->invoice_no_row));
}

/* Once laid out: the page scrolled so that the invoice's fields show. */
static gboolean
scroll_to_invoice_cb (GtkWidget     *widget,
                      GdkFrameClock *clock,
                      gpointer       data)
{
  KlCostEditor *self = KL_COST_EDITOR (widget);
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self->invoice_group), GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content = scrolled ? gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)) : NULL;
  graphene_point_t point;

  if (content == NULL || gtk_widget_get_height (GTK_WIDGET (self->invoice_group)) == 0)
    return G_SOURCE_CONTINUE;
  if (gtk_widget_compute_point (GTK_WIDGET (self->invoice_group), content, &GRAPHENE_POINT_INIT (0, 0), &point))
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)), point.y);
  return G_SOURCE_REMOVE;
}

/* Overrides */

/* Writes the line and records the undo step; the window closes. */
static gboolean
kl_cost_editor_save_record (KlEditorWindow  *editor,
                            gint64          *id,
                            GError         **error)
{
  KlCostEditor *self = KL_COST_EDITOR (editor);
  g_autoptr(KlCostItem) item = NULL;
  g_autofree char *what = NULL;
  g_autofree char *label = NULL;
  gboolean complete;

  item = kl_cost_editor_read_form (self, &complete);
  if (item == NULL || !complete)
    {
      g_set_error_literal (error, KL_ERROR, KL_ERROR_INVALID_VALUE, _("Some fields need attention"));
      return FALSE;
    }
  what = describe (item);
  if (self->original == NULL)
    label = is_recording_invoice (self)
      /* Translators: an undoable step, %s is e.g. "Speaker fee, Per Dalin" */
      ? g_strdup_printf (_("Invoice recorded for “%s”"), what)
      : item->budget
      /* Translators: an undoable step, %s is e.g. "Speaker fee, Per Dalin" */
      ? g_strdup_printf (_("Budget line “%s” added"), what)
      /* Translators: an undoable step, %s is e.g. "Speaker fee, Per Dalin" */
      : g_strdup_printf (_("Cost “%s” added"), what);
  else
    /* Translators: an undoable step */
    label = g_strdup_printf (_("Cost “%s” changed"), what);
  if (!kl_editor_window_write_undoable (editor, &cost_store, item, (gpointer *) &self->original, label, error))
    return FALSE;
  self->saved_id = item->id;
  *id = item->id;
  return TRUE;
}

/* Reload after a conflict: the form as the cost is stored now. */
static gboolean
kl_cost_editor_load (KlEditorWindow  *editor,
                     GError         **error)
{
  KlCostEditor *self = KL_COST_EDITOR (editor);
  KlCostItem *item = kl_store_get_cost (self->db, kl_editor_window_get_id (editor), error);

  if (item == NULL)
    return FALSE;
  g_clear_pointer (&self->original, kl_cost_item_free);
  self->original = item;
  g_clear_pointer (&self->scheme, kl_scheme_version_free);
  show_original (self);
  return TRUE;
}

static gboolean
kl_cost_editor_delete_record (KlEditorWindow  *editor,
                              GError         **error)
{
  return kl_cost_editor_delete (kl_editor_window_get_context (editor), GTK_WINDOW (editor),
                                kl_editor_window_get_id (editor), error);
}

static void
kl_cost_editor_map (GtkWidget *widget)
{
  KlCostEditor *self = KL_COST_EDITOR (widget);

  GTK_WIDGET_CLASS (kl_cost_editor_parent_class)->map (widget);
  /* Opened to record an invoice: at the invoice, its number first. */
  if (is_recording_invoice (self))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->invoice_no_row));
      gtk_widget_add_tick_callback (widget, scroll_to_invoice_cb, NULL, NULL);
    }
}

static void
kl_cost_editor_dispose (GObject *object)
{
  KlCostEditor *self = KL_COST_EDITOR (object);

  g_clear_object (&self->db);
  g_clear_pointer (&self->original, kl_cost_item_free);
  g_clear_pointer (&self->budget_line, kl_cost_item_free);
  g_clear_pointer (&self->scheme, kl_scheme_version_free);
  g_clear_pointer (&self->others, g_ptr_array_unref);
  g_clear_pointer (&self->consultant_ids, g_array_unref);
  g_clear_pointer (&self->consultant_names, g_ptr_array_unref);
  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  g_clear_pointer (&self->session_checks, g_ptr_array_unref);
  g_clear_pointer (&self->free_days, g_free);
  g_clear_pointer (&self->explanation, g_free);
  self->fields = NULL;

  G_OBJECT_CLASS (kl_cost_editor_parent_class)->dispose (object);
}

static void
kl_cost_editor_class_init (KlCostEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KlEditorWindowClass *editor_class = KL_EDITOR_WINDOW_CLASS (klass);

  object_class->dispose = kl_cost_editor_dispose;
  widget_class->map = kl_cost_editor_map;

  editor_class->new_title = N_("New Cost");
  editor_class->edit_title = N_("Edit Cost");
  editor_class->delete_heading = N_("Delete Cost?");
  editor_class->save = kl_cost_editor_save_record;
  editor_class->delete_record = kl_cost_editor_delete_record;
  editor_class->entity = "cost_item";
  editor_class->conflict_heading = N_("%s changed this cost at %s while you were editing");
  editor_class->load = kl_cost_editor_load;
  editor_class->reload_choices = kl_cost_editor_reload_choices;

  gtk_widget_class_set_template_from_resource (widget_class, "/no/imtec/Kartleser/ui/kl-cost-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, preview_group);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, preview_row);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, preview_icon);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, preview_warning_row);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, budget_row);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, budget_switch);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, category_row);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, consultant_row);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, sessions_row);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, dates_row);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, days_row);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, persons_row);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, semesters_row);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, net_row);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, vat_row);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, invoice_group);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, supplier_row);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, invoice_no_row);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, invoice_date_row);
  gtk_widget_class_bind_template_child (widget_class, KlCostEditor, note_row);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_choice_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_budget_changed_cb);
}

static void
kl_cost_editor_init (KlCostEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->consultant_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->consultant_names = g_ptr_array_new_with_free_func (g_free);
  self->session_checks = g_ptr_array_new ();
  self->counted_ore = KL_NO_AMOUNT;
  /* The window keeps the set; what a cost is comes first, and takes the
   * focus when the form opens. The checks across fields, and those of the
   * core, are on_fields_changed_cb's. */
  self->fields = kl_editor_window_get_fields (KL_EDITOR_WINDOW (self));
  kl_field_set_add_labels (self->fields, "category", self->category_row, KL_LABELS_COST_CATEGORY);
  kl_field_set_add_row (self->fields, "consultant", GTK_WIDGET (self->consultant_row));
  kl_field_set_add_entry (self->fields, "dates", self->dates_row, NULL, FALSE);
  kl_field_set_add_entry (self->fields, "days", self->days_row, NULL, FALSE);
  kl_field_set_add_entry (self->fields, "persons", self->persons_row, NULL, FALSE);
  kl_field_set_add_entry (self->fields, "semesters", self->semesters_row, NULL, FALSE);
  kl_field_set_add_entry (self->fields, "net", self->net_row, NULL, FALSE);
  kl_field_set_add_entry (self->fields, "vat", self->vat_row, NULL, FALSE);
  kl_field_set_add_entry (self->fields, "supplier", self->supplier_row, NULL, FALSE);
  kl_field_set_add_entry (self->fields, "invoice-no", self->invoice_no_row, NULL, FALSE);
  kl_field_set_add_date (self->fields, "invoice-date", self->invoice_date_row, FALSE);
  kl_field_set_add_entry (self->fields, "note", self->note_row, NULL, FALSE);
  kl_field_set_add_switch (self->fields, "budget", self->budget_row, self->budget_switch);
  kl_field_set_add_row (self->fields, "form", GTK_WIDGET (self->error_label));
  g_signal_connect_object (self->fields, "changed", G_CALLBACK (on_fields_changed_cb), self, G_CONNECT_SWAPPED);
  kl_form_combo_row_show_whole_names (self->category_row);
  kl_form_combo_row_show_whole_names (self->consultant_row);
}

/* The cost of the id as stored; NULL, with a warning, when it cannot be read. */
static KlCostItem *
read_cost (KlContext *context,
           gint64     id)
{
  g_autoptr(GError) error = NULL;
  KlCostItem *item = kl_store_get_cost (kl_context_get_db (context), id, &error);

  if (item == NULL)
    g_warning ("%s", error->message);
  return item;
}

/* What both ways of opening the form share: the window set up (the focus
 * on what a cost is, so that typing straight away does not land on
 * Cancel), the form filled, and the choices kept fresh. Takes original
 * (the cost edited, or NULL for a new one) and budget_line (what a new
 * invoice is filled from, or NULL). */
static KlCostEditor *
open_form (KlContext  *context,
           GtkWindow  *parent,
           gint64      programme_id,
           KlCostItem *original,
           KlCostItem *budget_line)
{
  KlCostEditor *self = g_object_new (KL_TYPE_COST_EDITOR, "context", context, "transient-for", parent, NULL);
  KlEditorWindow *editor = KL_EDITOR_WINDOW (self);
  g_autofree char *name = original ? describe (original) : NULL;

  self->programme_id = programme_id;
  self->original = original;
  self->budget_line = budget_line;
  self->db = g_object_ref (kl_context_get_db (context));
  kl_editor_window_setup (editor, self->original ? self->original->id : 0, name);
  kl_editor_window_set_reveal_saved (editor, FALSE);
  show_original (self);
  return self;
}

/* Public API */

KlCostEditor *
kl_cost_editor_new (KlContext *context,
                    GtkWindow *parent,
                    gint64     programme_id,
                    gint64     cost_id)
{
  g_return_val_if_fail (KL_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (programme_id > 0, NULL);

  return open_form (context, parent, programme_id, cost_id > 0 ? read_cost (context, cost_id) : NULL, NULL);
}

/* The invoice of a budget line has come: a new actual cost, filled in
 * from the budget line, which stays as the plan. */
KlCostEditor *
kl_cost_editor_new_invoice (KlContext *context,
                            GtkWindow *parent,
                            gint64     programme_id,
                            gint64     budget_id)
{
  g_return_val_if_fail (KL_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (programme_id > 0 && budget_id > 0, NULL);

  return open_form (context, parent, programme_id, NULL, read_cost (context, budget_id));
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

/* A budget line (planned, for the application) or an actual cost (an
 * invoice); switching an existing budget line off records its invoice. */
void
kl_cost_editor_set_budget (KlCostEditor *self,
                           gboolean      budget)
{
  g_return_if_fail (KL_IS_COST_EDITOR (self));

  gtk_switch_set_active (self->budget_switch, budget);
}

gboolean
kl_cost_editor_get_budget (KlCostEditor *self)
{
  g_return_val_if_fail (KL_IS_COST_EDITOR (self), FALSE);
  return is_budget (self);
}

/* Ticks or clears one of the programme's sessions; FALSE for a session
 * the form does not offer. */
gboolean
kl_cost_editor_set_session (KlCostEditor *self,
                            gint64        session_id,
                            gboolean      chosen)
{
  g_return_val_if_fail (KL_IS_COST_EDITOR (self), FALSE);

  for (guint i = 0; i < self->sessions->len; i++)
    if (((KlSession *) g_ptr_array_index (self->sessions, i))->id == session_id)
      {
        gtk_check_button_set_active (g_ptr_array_index (self->session_checks, i), chosen);
        return TRUE;
      }
  return FALSE;
}

/* dates, days, persons, semesters, net, vat, supplier, invoice-no,
 * invoice-date or note. */
GtkEditable *
kl_cost_editor_get_field (KlCostEditor *self,
                          const char   *name)
{
  const struct { const char *name; AdwEntryRow *row; } fields[] = {
    { "dates", self->dates_row }, { "days", self->days_row }, { "persons", self->persons_row },
    { "semesters", self->semesters_row }, { "net", self->net_row }, { "vat", self->vat_row },
    { "supplier", self->supplier_row }, { "invoice-no", self->invoice_no_row },
    { "invoice-date", self->invoice_date_row }, { "note", self->note_row },
  };

  g_return_val_if_fail (KL_IS_COST_EDITOR (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (name, fields[i].name))
      return GTK_EDITABLE (fields[i].row);
  g_return_val_if_reached (NULL);
}

/* What is said under a field ("" when nothing): consultant, dates, days,
 * persons, semesters, net, vat, invoice-no or invoice-date; "form" for
 * what is said above the fields, "warning" for the preview's warning. */
const char *
kl_cost_editor_get_message (KlCostEditor *self,
                            const char   *name)
{
  const char *message;

  g_return_val_if_fail (KL_IS_COST_EDITOR (self), NULL);

  if (g_str_equal (name, "form"))
    return gtk_label_get_text (self->error_label);
  if (g_str_equal (name, "warning"))
    return gtk_widget_get_visible (GTK_WIDGET (self->preview_warning_row))
           ? adw_action_row_get_subtitle (self->preview_warning_row) : "";
  message = kl_field_set_get_error (self->fields, name);
  return message != NULL ? message : "";
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

const char *
kl_cost_editor_get_title (KlCostEditor *self)
{
  g_return_val_if_fail (KL_IS_COST_EDITOR (self), NULL);
  return gtk_window_get_title (GTK_WINDOW (self));
}

gboolean
kl_cost_editor_can_save (KlCostEditor *self)
{
  g_return_val_if_fail (KL_IS_COST_EDITOR (self), FALSE);
  return kl_editor_window_can_save (KL_EDITOR_WINDOW (self));
}

/* Save, as the button does: saves, records the undo step and closes the
 * form; FALSE with what stands in the way. */
gboolean
kl_cost_editor_save (KlCostEditor  *self,
                     GError       **error)
{
  g_return_val_if_fail (KL_IS_COST_EDITOR (self), FALSE);
  return kl_editor_window_try_save (KL_EDITOR_WINDOW (self), error);
}

gint64
kl_cost_editor_get_cost_id (KlCostEditor *self)
{
  g_return_val_if_fail (KL_IS_COST_EDITOR (self), 0);
  return self->saved_id;
}

void
kl_cost_editor_confirm_delete (KlContext *context,
                               GtkWindow *parent,
                               gint64     cost_id)
{
  g_autoptr(KlCostItem) item = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *what = NULL;

  g_return_if_fail (KL_IS_CONTEXT (context));

  item = kl_store_get_cost (kl_context_get_db (context), cost_id, &error);
  if (item == NULL)
    {
      kl_actions_toast (GTK_WIDGET (parent), error->message);
      return;
    }
  what = describe (item);
  kl_question_confirm_delete (context, parent, what,
                              item->budget
                              ? _("The budget line goes from the programme and from the application’s figures. You can undo this.")
                              : _("The cost goes from the programme and from the claim. You can undo this."),
                              kl_cost_editor_delete, cost_id, NULL);
}

/* Deletes without asking and offers undo, which inserts it again. */
gboolean
kl_cost_editor_delete (KlContext  *context,
                       GtkWindow  *parent,
                       gint64      cost_id,
                       GError    **error)
{
  KlDb *db;
  g_autoptr(KlCostItem) item = NULL;
  g_autofree char *what = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (KL_IS_CONTEXT (context), FALSE);

  db = kl_context_get_db (context);
  item = kl_store_get_cost (db, cost_id, error);
  if (item == NULL || !kl_store_delete_cost (db, cost_id, error))
    return FALSE;
  what = describe (item);
  /* Translators: an undoable step */
  label = g_strdup_printf (_("Cost “%s” deleted"), what);
  kl_actions_push_undo (GTK_WIDGET (parent), kl_context_get_undo (context), label, kl_record_undo_deleted,
                        kl_record_undo_new_for (&cost_store, db, g_steal_pointer (&item), 0),
                        (GDestroyNotify) kl_record_undo_free);
  return TRUE;
}
