#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kl-date.h"
#include "kl-error.h"
#include "kl-form.h"
#include "kl-money.h"
#include "kl-question.h"
#include "kl-validate.h"

/* 390 minutes as "6.5" (in the reader's decimal separator), 400 as "6:40". */
char *
kl_form_format_hours (int minutes)
{
  if (minutes % 60 == 0)
    return g_strdup_printf ("%d", minutes / 60);
  if (minutes % 6 == 0)
    return g_strdup_printf ("%.1f", minutes / 60.0);
  return g_strdup_printf ("%d:%02d", minutes / 60, minutes % 60);
}

/* 0.8 as "80%" (as the reader's language writes it); below 0, which
 * means "nothing to count yet", as a dash. */
char *
kl_form_format_percent (double share)
{
  if (share < 0)
    return g_strdup ("—");
  /* Translators: a percentage, e.g. "83%"; Norwegian writes "83 %" */
  return g_strdup_printf (_("%d%%"), (int) (share * 100 + 0.5));
}

/* The text of a field, stripped; NULL when empty, as the model wants it. */
char *
kl_form_entry_text (GtkEditable *editable)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Days separated by commas, semicolons or spaces, each as kl_date_parse
 * takes it (1.9.2027, 01.09.27, 1.9., 2027-09-01), as a sorted vector of
 * YYYY-MM-DD without repeats; NULL for an empty text. */
gboolean
kl_form_parse_dates (const char   *label,
                     const char   *text,
                     char       ***dates,
                     GError      **error)
{
  g_auto(GStrv) parts = g_regex_split_simple ("[,;\\s]+", text ? text : "", 0, 0);
  g_autoptr(GPtrArray) days = g_ptr_array_new_with_free_func (g_free);

  *dates = NULL;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *day;

      if (*parts[i] == '\0')
        continue;
      day = kl_date_parse (label, parts[i], NULL, error);
      if (day == NULL)
        return FALSE;
      if (!g_ptr_array_find_with_equal_func (days, day, g_str_equal, NULL))
        g_ptr_array_add (days, day);
      else
        g_free (day);
    }
  if (days->len == 0)
    return TRUE;
  g_ptr_array_sort (days, compare_days);
  g_ptr_array_add (days, NULL);
  *dates = (char **) g_ptr_array_free (g_steal_pointer (&days), FALSE);
  return TRUE;
}

static void
on_day_selected_cb (GtkCalendar *calendar,
                    GtkEditable *target)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *iso = g_date_time_format (date, "%Y-%m-%d");
  g_autofree char *text = kl_form_date_to_text (iso);
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);

  gtk_editable_set_text (target, text);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
on_calendar_show_cb (GtkPopover  *popover,
                     GtkEditable *target)
{
  GtkCalendar *calendar = GTK_CALENDAR (gtk_popover_get_child (popover));
  g_autofree char *iso = kl_date_parse ("", gtk_editable_get_text (target), NULL, NULL);
  g_autofree char *midnight = iso ? g_strdup_printf ("%sT00:00:00", iso) : NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) date = midnight ? g_date_time_new_from_iso8601 (midnight, tz) : NULL;

  if (date != NULL)
    {
      g_signal_handlers_block_by_func (calendar, on_day_selected_cb, target);
      gtk_calendar_select_day (calendar, date);
      g_signal_handlers_unblock_by_func (calendar, on_day_selected_cb, target);
    }
}

static void
on_date_text_changed_cb (GtkEditable *target,
                         GtkLabel    *label)
{
  g_autofree char *iso = kl_date_parse ("", gtk_editable_get_text (target), NULL, NULL);
  g_autofree char *text = iso ? kl_form_date_describe (iso) : NULL;

  gtk_label_set_text (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

/* A calendar to pick the date of a date field, for a row's suffix:
 * typing stays the quick way, the calendar shows the weekday. */
GtkWidget *
kl_form_date_button_new (GtkEditable *target)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *calendar = gtk_calendar_new ();

  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Pick a Date"));
  g_signal_connect_object (calendar, "day-selected", G_CALLBACK (on_day_selected_cb), target, 0);
  g_signal_connect_object (popover, "show", G_CALLBACK (on_calendar_show_cb), target, 0);
  return button;
}

/* "2027-09-01" as people type it, "1.9.2027"; any other text as it is. */
char *
kl_form_date_to_text (const char *iso)
{
  unsigned y, m, d;
  int end = 0;

  if (iso == NULL)
    return g_strdup ("");
  if (sscanf (iso, "%4u-%2u-%2u%n", &y, &m, &d, &end) == 3 && end == 10 && iso[end] == '\0'
      && g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return g_strdup_printf ("%u.%u.%u", d, m, y);
  return g_strdup (iso);
}

/* "2027-09-01" with its weekday, as the reader's language writes it:
 * "ons. 1. sep. 2027", "Wed 1 Sep 2027". */
char *
kl_form_date_describe (const char *iso)
{
  static const char *const weekdays[] = {
    /* Translators: short weekdays before a date, "Mon 1 Sep 2027"; Norwegian "man." */
    NC_("weekday", "Mon"), NC_("weekday", "Tue"), NC_("weekday", "Wed"), NC_("weekday", "Thu"),
    NC_("weekday", "Fri"), NC_("weekday", "Sat"), NC_("weekday", "Sun"),
  };
  unsigned y, m, d;
  g_autofree char *date = NULL;
  GDate day;

  if (iso == NULL || sscanf (iso, "%4u-%2u-%2u", &y, &m, &d) != 3
      || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return NULL;
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  date = kl_date_format (iso, kl_lang_from_locale ());
  /* GDateWeekday counts from Monday as 1. */
  return g_strdup_printf ("%s %s", g_dpgettext2 (NULL, "weekday", weekdays[g_date_get_weekday (&day) - 1]), date);
}

/* Sets a row up as a date field: what it understood next to what was
 * typed ("ons. 1. sep. 2027"), and the calendar. */
void
kl_form_date_row_setup (AdwEntryRow *row)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "date-understood");
  gtk_widget_set_visible (label, FALSE);
  adw_entry_row_add_suffix (row, label);
  adw_entry_row_add_suffix (row, kl_form_date_button_new (GTK_EDITABLE (row)));
  g_signal_connect_object (row, "changed", G_CALLBACK (on_date_text_changed_cb), label, 0);
  on_date_text_changed_cb (GTK_EDITABLE (row), GTK_LABEL (label));
}

/* The date typed in a field as "YYYY-MM-DD": NULL with an error for a
 * text that is no date, NULL without one for an empty field. */
char *
kl_form_date_get (GtkEditable  *editable,
                  const char   *label,
                  GError      **error)
{
  g_autofree char *text = kl_form_entry_text (editable);

  return text ? kl_date_parse (label, text, NULL, error) : NULL;
}

/* Shows a stored "YYYY-MM-DD" as people type it. */
void
kl_form_date_set (GtkEditable *editable,
                  const char  *iso)
{
  g_autofree char *text = kl_form_date_to_text (iso);

  gtk_editable_set_text (editable, text);
}

/* What a form holds, as one text: every field's text, every switch,
 * check and choice. Comparing two tells whether anything was changed. */
static void
append_state (GString   *state,
              GtkWidget *widget)
{
  if (GTK_IS_TEXT (widget))
    g_string_append_printf (state, "t:%s\n", gtk_editable_get_text (GTK_EDITABLE (widget)));
  else if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      g_string_append_printf (state, "v:%s\n", text);
    }
  else if (GTK_IS_CHECK_BUTTON (widget))
    g_string_append_printf (state, "c:%d\n", gtk_check_button_get_active (GTK_CHECK_BUTTON (widget)));
  else if (GTK_IS_TOGGLE_BUTTON (widget))
    g_string_append_printf (state, "b:%d\n", gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (widget)));
  else if (GTK_IS_SWITCH (widget))
    g_string_append_printf (state, "s:%d\n", gtk_switch_get_active (GTK_SWITCH (widget)));
  else if (GTK_IS_DROP_DOWN (widget))
    {
      GObject *item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (widget));

      /* By the text chosen, not the position: lists refresh under an open form. */
      g_string_append_printf (state, "d:%s\n",
                              GTK_IS_STRING_OBJECT (item) ? gtk_string_object_get_string (GTK_STRING_OBJECT (item)) : "");
    }
  else if (GTK_IS_SPIN_BUTTON (widget))
    g_string_append_printf (state, "n:%g\n", gtk_spin_button_get_value (GTK_SPIN_BUTTON (widget)));
  if (GTK_IS_SPIN_BUTTON (widget) || GTK_IS_DROP_DOWN (widget))
    return;   /* their parts would say the same again */
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    append_state (state, child);
}

static char *
form_state (GtkWindow *window)
{
  GString *state = g_string_new (NULL);

  append_state (state, GTK_WIDGET (window));
  return g_string_free (state, FALSE);
}

static void
on_guard_map_cb (GtkWindow *window)
{
  if (g_object_get_data (G_OBJECT (window), "kl-form-state") == NULL)
    g_object_set_data_full (G_OBJECT (window), "kl-form-state", form_state (window), g_free);
}

static gboolean
close_idle_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
on_discard_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        GtkWindow        *window)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;
  g_object_set_data (G_OBJECT (window), "kl-form-closing", GINT_TO_POINTER (TRUE));
  /* Once the question, which goes with its window, has closed itself. */
  g_idle_add_full (G_PRIORITY_DEFAULT, close_idle_cb, g_object_ref (window), g_object_unref);
}

static void
on_question_destroy_cb (GtkWindow *window)
{
  g_object_set_data (G_OBJECT (window), "kl-form-question", NULL);
}

static gboolean
on_guard_close_request_cb (GtkWindow *window)
{
  AdwMessageDialog *dialog;

  if (!kl_form_has_changes (window))
    return FALSE;
  dialog = kl_question_new_discard (window, _("What you changed in this form has not been saved."));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb), window, 0);
  g_object_set_data (G_OBJECT (window), "kl-form-question", dialog);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_question_destroy_cb), window, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* Closing a form with changes (Cancel, Escape, the title bar's close)
 * first asks "Discard Changes?"; what it holds when first shown is what
 * counts as unchanged. */
void
kl_form_guard_discard (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  g_signal_connect (window, "map", G_CALLBACK (on_guard_map_cb), NULL);
  g_signal_connect (window, "close-request", G_CALLBACK (on_guard_close_request_cb), NULL);
}

/* Whether closing would ask. */
gboolean
kl_form_has_changes (GtkWindow *window)
{
  const char *shown = g_object_get_data (G_OBJECT (window), "kl-form-state");
  g_autofree char *now = NULL;

  if (shown == NULL || g_object_get_data (G_OBJECT (window), "kl-form-closing") != NULL)
    return FALSE;
  now = form_state (window);
  return g_strcmp0 (shown, now) != 0;
}

/* What the form holds now counts as unchanged: after its choices were
 * filled again under a form nobody had touched. */
void
kl_form_mark_unchanged (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  if (g_object_get_data (G_OBJECT (window), "kl-form-state") != NULL)
    g_object_set_data_full (G_OBJECT (window), "kl-form-state", form_state (window), g_free);
}

/* Closes a form whose changes have been saved, without asking. */
void
kl_form_close_saved (GtkWindow *window)
{
  g_object_set_data (G_OBJECT (window), "kl-form-closing", GINT_TO_POINTER (TRUE));
  gtk_window_close (window);
}

/* The "Discard Changes?" question on top of a form, or NULL. */
AdwMessageDialog *
kl_form_get_discard_question (GtkWindow *window)
{
  return g_object_get_data (G_OBJECT (window), "kl-form-question");
}

/* Whole names in a combo row's list: the default list ellipsizes them
 * ("Honorar til foredragsh…") where telling them apart matters most. */

static void
update_check (GtkListItem *item)
{
  AdwComboRow *row = g_object_get_data (G_OBJECT (item), "kl-combo-row");
  GtkWidget *check = g_object_get_data (G_OBJECT (item), "kl-check");

  if (row != NULL && check != NULL)
    gtk_widget_set_opacity (check, adw_combo_row_get_selected (row) == gtk_list_item_get_position (item) ? 1 : 0);
}

static void
on_whole_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_NONE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (item, box);
  g_object_set_data (G_OBJECT (item), "kl-label", label);
  g_object_set_data (G_OBJECT (item), "kl-check", check);
}

static void
on_whole_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  AdwComboRow              *row)
{
  GObject *object = gtk_list_item_get_item (item);
  GtkLabel *label = g_object_get_data (G_OBJECT (item), "kl-label");

  gtk_label_set_text (label,
                      GTK_IS_STRING_OBJECT (object) ? gtk_string_object_get_string (GTK_STRING_OBJECT (object)) : "");
  g_object_set_data (G_OBJECT (item), "kl-combo-row", row);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (update_check), item, G_CONNECT_SWAPPED);
  update_check (item);
}

static void
on_whole_unbind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    AdwComboRow              *row)
{
  g_signal_handlers_disconnect_by_func (row, update_check, item);
  g_object_set_data (G_OBJECT (item), "kl-combo-row", NULL);
}

GtkWidget *
kl_form_check_row_new (const char      *title,
                       const char      *subtitle,
                       gboolean         active,
                       GtkCheckButton **check)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_check_button_new ();

  g_return_val_if_fail (check != NULL, NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (button), active);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  *check = GTK_CHECK_BUTTON (button);
  return row;
}

GtkWidget *
kl_form_figure_card_new (const char  *title,
                         const char  *amount,
                         const char  *note,
                         GtkLabel   **note_label)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *value = gtk_label_new (amount);
  GtkWidget *under = gtk_label_new (note);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "total");
  gtk_widget_add_css_class (heading, "caption-heading");
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_widget_add_css_class (value, "title-3");
  gtk_widget_add_css_class (value, "numeric");
  gtk_widget_add_css_class (under, "caption");
  gtk_widget_add_css_class (under, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_label_set_xalign (GTK_LABEL (under), 0);
  gtk_label_set_wrap (GTK_LABEL (under), TRUE);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), value);
  gtk_box_append (GTK_BOX (box), under);
  if (note_label != NULL)
    *note_label = GTK_LABEL (under);
  return box;
}

/* The list of a combo row with each name whole (and a check at the one
 * chosen); the row itself may still shorten the chosen one. */
void
kl_form_combo_row_show_whole_names (AdwComboRow *row)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_whole_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_whole_bind_cb), row);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_whole_unbind_cb), row);
  adw_combo_row_set_list_factory (row, factory);
}

static GtkWidget *
find_search_entry (GtkWidget *widget)
{
  if (GTK_IS_SEARCH_ENTRY (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_search_entry (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A drop-down's search box in the reader's language: GTK 4.8 says
 * "Search…" from its own translations, which Debian's Bokmål lacks. */
GtkEditable *
kl_form_drop_down_translate_search (GtkDropDown *dropdown)
{
  GtkWidget *entry = find_search_entry (GTK_WIDGET (dropdown));

  if (entry != NULL)
    g_object_set (entry, "placeholder-text", _("Search…"), NULL);
  return entry ? GTK_EDITABLE (entry) : NULL;
}
