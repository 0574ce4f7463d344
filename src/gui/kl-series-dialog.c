#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kl-actions.h"
#include "kl-error.h"
#include "kl-form.h"
#include "kl-labels.h"
#include "kl-series.h"
#include "kl-series-dialog.h"
#include "kl-store.h"

struct _KlSeriesDialog
{
  KlDialog parent_instance;

  AdwWindowTitle *window_title;
  GtkWidget *create_button;
  AdwEntryRow *title_row;
  AdwComboRow *kind_row;
  AdwEntryRow *location_row;
  AdwEntryRow *from_row;
  AdwEntryRow *until_row;
  GtkBox *weekday_box;
  GtkSpinButton *every_spin;
  AdwEntryRow *start_row;
  AdwEntryRow *end_row;
  GtkSwitch *holidays_switch;
  AdwPreferencesGroup *leaders_group;
  AdwPreferencesGroup *preview_group;
  GtkLabel *reason_label;
  GtkListBox *preview_list;

  KlDb *db;
  KlProgramme *programme;
  GtkToggleButton *weekday_buttons[7];
  GArray *consultant_ids;
  GPtrArray *leader_checks;
  GPtrArray *plan;          /* KlPlannedSession, NULL while the input is wrong */
  char *reason;             /* what is wrong, NULL when nothing */
  gboolean filling;
  guint created;
};

G_DEFINE_FINAL_TYPE (KlSeriesDialog, kl_series_dialog, KL_TYPE_DIALOG)

typedef struct
{
  KlDb *db;
  GArray *ids;
} SeriesUndo;

/* Helpers */

static void
series_undo_free (SeriesUndo *undo)
{
  g_object_unref (undo->db);
  g_array_unref (undo->ids);
  g_free (undo);
}

static gboolean
undo_series_cb (gpointer   data,
                GError   **error)
{
  SeriesUndo *undo = data;

  return kl_store_delete_sessions (undo->db, undo->ids, error);
}

/* ISO for a date typed as people write it; otherwise the text, for the
 * planner to say what is wrong with it. */
static char *
read_date (AdwEntryRow *row)
{
  g_autofree char *iso = kl_form_date_get (GTK_EDITABLE (row), "", NULL);

  return iso ? g_steal_pointer (&iso) : kl_form_entry_text (GTK_EDITABLE (row));
}

/* Why the From or Until field is no date, or NULL. */
static char *
date_problem (KlSeriesDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *from = kl_form_date_get (GTK_EDITABLE (self->from_row), _("From"), &error);
  g_autofree char *until = error ? NULL : kl_form_date_get (GTK_EDITABLE (self->until_row), _("Until"), &error);

  return error ? g_strdup (error->message) : NULL;
}

static KlSeriesSpec *
read_spec (KlSeriesDialog *self)
{
  KlSeriesSpec *spec = kl_series_spec_new ();

  spec->title = kl_form_entry_text (GTK_EDITABLE (self->title_row));
  spec->from = read_date (self->from_row);
  spec->until = read_date (self->until_row);
  spec->start_time = kl_form_entry_text (GTK_EDITABLE (self->start_row));
  spec->end_time = kl_form_entry_text (GTK_EDITABLE (self->end_row));
  spec->every = gtk_spin_button_get_value_as_int (self->every_spin);
  spec->skip_holidays = gtk_switch_get_active (self->holidays_switch);
  for (guint d = 0; d < 7; d++)
    if (gtk_toggle_button_get_active (self->weekday_buttons[d]))
      spec->weekdays |= 1u << d;
  return spec;
}

/* "Thu 8 Jan 2026, 09:00–15:30" */
static char *
describe_day (const KlPlannedSession *planned)
{
  g_autofree char *date = kl_format_date (planned->date);

  /* Translators: a day of a series: weekday, date, start and end time */
  return g_strdup_printf (_("%s %s, %s–%s"), kl_weekday_abbreviation (planned->weekday), date,
                          planned->starts_at + 11, planned->ends_at + 11);
}

static GtkWidget *
preview_row (KlSeriesDialog         *self,
             const KlPlannedSession *planned)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *day = describe_day (planned);
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *subtitle = NULL;
  gboolean outside = self->programme->start_date != NULL && self->programme->end_date != NULL
                     && (strcmp (planned->date, self->programme->start_date) < 0
                         || strcmp (planned->date, self->programme->end_date) > 0);

  /* The title as typed, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_ptr_array_add (notes, g_steal_pointer (&day));
  if (planned->skipped)
    {
      /* Translators: a day of a series left out, e.g. "Skipped: Good Friday (Langfredag)" */
      g_autofree char *title = g_strdup_printf (_("Skipped: %s"), planned->holiday);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_widget_add_css_class (row, "dim-label");
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), planned->title);
      if (planned->holiday != NULL)
        /* Translators: a session planned on a holiday, e.g. "Public holiday: Good Friday" */
        g_ptr_array_add (notes, g_strdup_printf (_("Public holiday: %s"), planned->holiday));
      if (outside)
        g_ptr_array_add (notes, g_strdup (_("Outside the programme’s period")));
      if (planned->holiday != NULL || outside)
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

          gtk_widget_add_css_class (icon, "warning");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
        }
    }
  g_ptr_array_add (notes, NULL);
  subtitle = g_strjoinv (" · ", (char **) notes->pdata);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

/* Plans again from what the form says and shows the plan, or why not. */
static void
update (KlSeriesDialog *self)
{
  g_autoptr(KlSeriesSpec) spec = read_spec (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  GtkWidget *child;

  g_clear_pointer (&self->plan, g_ptr_array_unref);
  g_clear_pointer (&self->reason, g_free);
  self->reason = date_problem (self);
  if (self->reason == NULL)
    spec->first_number = kl_store_series_next_number (self->db, self->programme->id, spec->title, &error);
  if (self->reason == NULL && spec->first_number > 0)
    self->plan = kl_series_plan (spec, &error);
  if (self->plan == NULL && self->reason == NULL)
    self->reason = g_strdup (error ? error->message : _("The series cannot be planned"));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_list))) != NULL)
    gtk_list_box_remove (self->preview_list, child);
  for (guint i = 0; self->plan != NULL && i < self->plan->len; i++)
    gtk_list_box_append (self->preview_list, preview_row (self, g_ptr_array_index (self->plan, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->preview_list), self->plan != NULL);

  gtk_label_set_text (self->reason_label, self->reason ? self->reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), self->reason != NULL);
  gtk_widget_set_sensitive (self->create_button, self->plan != NULL);
  if (self->plan != NULL)
    {
      guint planned = kl_series_count_planned (self->plan);
      guint skipped = self->plan->len - planned;

      /* Translators: "22 sessions, 2 skipped" */
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u session, %u skipped",
                                                  "%u sessions, %u skipped", planned), planned, skipped);
    }
  adw_preferences_group_set_description (self->preview_group, description);
}

static void
add_leaders (KlSeriesDialog *self)
{
  g_autoptr(GPtrArray) consultants = kl_store_list_consultants (self->db, NULL);

  for (guint i = 0; consultants != NULL && i < consultants->len; i++)
    {
      KlConsultant *consultant = g_ptr_array_index (consultants, i);
      GtkCheckButton *check;
      GtkWidget *row = kl_form_check_row_new (consultant->name, consultant->external ? _("External speaker") : NULL,
                                              consultant->id == self->programme->lead_id, &check);

      adw_preferences_group_add (self->leaders_group, row);
      g_array_append_val (self->consultant_ids, consultant->id);
      g_ptr_array_add (self->leader_checks, check);
    }
}

/* The programme's period, on the weekday it starts, 09:00 to 15:00: a
 * start that usually needs one change (the weekday) at most. */
static void
fill_form (KlSeriesDialog *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  GDate start;

  for (guint i = 0; kl_session_kinds[i]; i++)
    gtk_string_list_append (kinds, kl_label (KL_LABELS_SESSION_KIND, kl_session_kinds[i]));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  adw_window_title_set_subtitle (self->window_title, self->programme->title);
  /* Session titles are data, in Norwegian whatever the language shown. */
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), "Samling");
  kl_form_date_set (GTK_EDITABLE (self->from_row), self->programme->start_date);
  kl_form_date_set (GTK_EDITABLE (self->until_row), self->programme->end_date);
  gtk_editable_set_text (GTK_EDITABLE (self->start_row), "09:00");
  gtk_editable_set_text (GTK_EDITABLE (self->end_row), "15:00");
  g_date_clear (&start, 1);
  g_date_set_parse (&start, self->programme->start_date);
  if (g_date_valid (&start))
    gtk_toggle_button_set_active (self->weekday_buttons[g_date_get_weekday (&start) - 1], TRUE);
  add_leaders (self);
}

/* Signal callbacks */

static void
on_changed_cb (KlSeriesDialog *self)
{
  if (!self->filling)
    update (self);
}

static void
on_create_clicked_cb (KlSeriesDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!kl_series_dialog_create (self, &error))
    {
      gtk_label_set_text (self->reason_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->reason_label), TRUE);
    }
}

/* Overrides */

static void
kl_series_dialog_dispose (GObject *object)
{
  KlSeriesDialog *self = KL_SERIES_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_SERIES_DIALOG);
  g_clear_object (&self->db);
  g_clear_pointer (&self->programme, kl_programme_free);
  g_clear_pointer (&self->consultant_ids, g_array_unref);
  g_clear_pointer (&self->leader_checks, g_ptr_array_unref);
  g_clear_pointer (&self->plan, g_ptr_array_unref);
  g_clear_pointer (&self->reason, g_free);

  G_OBJECT_CLASS (kl_series_dialog_parent_class)->dispose (object);
}

static void
kl_series_dialog_class_init (KlSeriesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kl_series_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/no/imtec/Kartleser/ui/kl-series-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KlSeriesDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, KlSeriesDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, KlSeriesDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, KlSeriesDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, KlSeriesDialog, location_row);
  gtk_widget_class_bind_template_child (widget_class, KlSeriesDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, KlSeriesDialog, until_row);
  gtk_widget_class_bind_template_child (widget_class, KlSeriesDialog, weekday_box);
  gtk_widget_class_bind_template_child (widget_class, KlSeriesDialog, every_spin);
  gtk_widget_class_bind_template_child (widget_class, KlSeriesDialog, start_row);
  gtk_widget_class_bind_template_child (widget_class, KlSeriesDialog, end_row);
  gtk_widget_class_bind_template_child (widget_class, KlSeriesDialog, holidays_switch);
  gtk_widget_class_bind_template_child (widget_class, KlSeriesDialog, leaders_group);
  gtk_widget_class_bind_template_child (widget_class, KlSeriesDialog, preview_group);
  gtk_widget_class_bind_template_child (widget_class, KlSeriesDialog, reason_label);
  gtk_widget_class_bind_template_child (widget_class, KlSeriesDialog, preview_list);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_create_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kl_series_dialog_init (KlSeriesDialog *self)
{
  self->filling = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  self->consultant_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->leader_checks = g_ptr_array_new ();
  kl_form_date_row_setup (self->from_row);
  kl_form_date_row_setup (self->until_row);
  for (guint d = 0; d < 7; d++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (kl_weekday_abbreviation ((GDateWeekday) (d + 1)));

      g_signal_connect_swapped (button, "toggled", G_CALLBACK (on_changed_cb), self);
      gtk_box_append (self->weekday_box, button);
      self->weekday_buttons[d] = GTK_TOGGLE_BUTTON (button);
    }
}

/* Public API */

KlSeriesDialog *
kl_series_dialog_new (KlContext *context,
                      GtkWindow *parent,
                      gint64     programme_id)
{
  KlSeriesDialog *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (KL_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (programme_id > 0, NULL);

  self = g_object_new (KL_TYPE_SERIES_DIALOG, "context", context, "transient-for", parent, NULL);
  self->db = g_object_ref (kl_context_get_db (context));
  self->programme = kl_store_get_programme (self->db, programme_id, &error);
  if (self->programme == NULL)
    {
      g_warning ("%s", error->message);
      self->programme = kl_programme_new ();
      self->programme->id = programme_id;
    }
  fill_form (self);
  self->filling = FALSE;
  /* Typing straight away goes in the title, not on Cancel. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->title_row));
  update (self);
  return self;
}

/* title, location, from, until, start or end. */
GtkEditable *
kl_series_dialog_get_field (KlSeriesDialog *self,
                            const char     *name)
{
  g_return_val_if_fail (KL_IS_SERIES_DIALOG (self), NULL);

  if (g_str_equal (name, "title"))
    return GTK_EDITABLE (self->title_row);
  if (g_str_equal (name, "location"))
    return GTK_EDITABLE (self->location_row);
  if (g_str_equal (name, "from"))
    return GTK_EDITABLE (self->from_row);
  if (g_str_equal (name, "until"))
    return GTK_EDITABLE (self->until_row);
  if (g_str_equal (name, "start"))
    return GTK_EDITABLE (self->start_row);
  if (g_str_equal (name, "end"))
    return GTK_EDITABLE (self->end_row);
  g_return_val_if_reached (NULL);
}

void
kl_series_dialog_set_weekday (KlSeriesDialog *self,
                              GDateWeekday    weekday,
                              gboolean        active)
{
  g_return_if_fail (KL_IS_SERIES_DIALOG (self));
  g_return_if_fail (g_date_valid_weekday (weekday));

  gtk_toggle_button_set_active (self->weekday_buttons[weekday - 1], active);
}

void
kl_series_dialog_set_every (KlSeriesDialog *self,
                            int             weeks)
{
  g_return_if_fail (KL_IS_SERIES_DIALOG (self));
  gtk_spin_button_set_value (self->every_spin, weeks);
}

void
kl_series_dialog_set_skip_holidays (KlSeriesDialog *self,
                                    gboolean        skip)
{
  g_return_if_fail (KL_IS_SERIES_DIALOG (self));
  gtk_switch_set_active (self->holidays_switch, skip);
}

void
kl_series_dialog_set_leader (KlSeriesDialog *self,
                             gint64          consultant_id,
                             gboolean        leads)
{
  g_return_if_fail (KL_IS_SERIES_DIALOG (self));

  for (guint i = 0; i < self->consultant_ids->len; i++)
    if (g_array_index (self->consultant_ids, gint64, i) == consultant_id)
      gtk_check_button_set_active (g_ptr_array_index (self->leader_checks, i), leads);
}

gboolean
kl_series_dialog_can_create (KlSeriesDialog *self)
{
  g_return_val_if_fail (KL_IS_SERIES_DIALOG (self), FALSE);
  return self->plan != NULL;
}

/* Why Create is off, as shown above the preview; NULL when it is on. */
const char *
kl_series_dialog_get_reason (KlSeriesDialog *self)
{
  g_return_val_if_fail (KL_IS_SERIES_DIALOG (self), NULL);
  return self->reason;
}

/* The preview's rows as text, one a line: "title — subtitle". */
char *
kl_series_dialog_get_preview (KlSeriesDialog *self)
{
  GString *text = g_string_new ("");

  g_return_val_if_fail (KL_IS_SERIES_DIALOG (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->preview_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row))
      g_string_append_printf (text, "%s — %s\n", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                              adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
  return g_string_free (text, FALSE);
}

/* Creates the planned sessions in one step, offers undo (which deletes
 * them all) and closes. */
gboolean
kl_series_dialog_create (KlSeriesDialog  *self,
                         GError         **error)
{
  g_autoptr(KlSession) pattern = kl_session_new ();
  g_autoptr(GArray) ids = NULL;
  g_autofree char *label = NULL;
  guint selected;
  SeriesUndo *undo;

  g_return_val_if_fail (KL_IS_SERIES_DIALOG (self), FALSE);

  update (self);
  if (self->plan == NULL)
    {
      g_set_error_literal (error, KL_ERROR, KL_ERROR_INVALID_VALUE, self->reason);
      return FALSE;
    }
  selected = adw_combo_row_get_selected (self->kind_row);
  pattern->programme_id = self->programme->id;
  pattern->kind = g_strdup (selected < g_strv_length ((char **) kl_session_kinds) ? kl_session_kinds[selected]
                                                                                  : "fagsamling");
  pattern->location = kl_form_entry_text (GTK_EDITABLE (self->location_row));
  for (guint i = 0; i < self->leader_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->leader_checks, i)))
      g_array_append_val (pattern->leader_ids, g_array_index (self->consultant_ids, gint64, i));
  ids = kl_store_insert_series (self->db, pattern, self->plan, error);
  if (ids == NULL)
    return FALSE;
  self->created = ids->len;
  /* Translators: an undoable step, e.g. "22 sessions added to “LED SKOLE Vestland”" */
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u session added to “%s”", "%u sessions added to “%s”",
                                        ids->len), ids->len, self->programme->title);
  undo = g_new0 (SeriesUndo, 1);
  undo->db = g_object_ref (self->db);
  undo->ids = g_steal_pointer (&ids);
  kl_actions_push_undo (GTK_WIDGET (self), kl_context_get_undo (kl_dialog_get_context (KL_DIALOG (self))),
                        label, undo_series_cb, undo,
                        (GDestroyNotify) series_undo_free);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

/* How many sessions Create made (0 before). */
guint
kl_series_dialog_get_created (KlSeriesDialog *self)
{
  g_return_val_if_fail (KL_IS_SERIES_DIALOG (self), 0);
  return self->created;
}
