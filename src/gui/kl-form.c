#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kl-error.h"
#include "kl-form.h"
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

/* One day as YYYY-MM-DD, from YYYY-MM-DD or as Norwegians write it,
 * d.m.yyyy; NULL when it is neither or no such day. */
static char *
parse_day (const char *text)
{
  unsigned a, b, c;
  int end = 0;

  if (sscanf (text, "%4u-%2u-%2u%n", &a, &b, &c, &end) == 3 && text[end] == '\0' && end == 10
      && g_date_valid_dmy ((GDateDay) c, (GDateMonth) b, (GDateYear) a))
    return g_strdup_printf ("%04u-%02u-%02u", a, b, c);
  if (sscanf (text, "%2u.%2u.%4u%n", &a, &b, &c, &end) == 3 && text[end] == '\0' && c >= 1000
      && g_date_valid_dmy ((GDateDay) a, (GDateMonth) b, (GDateYear) c))
    return g_strdup_printf ("%04u-%02u-%02u", c, b, a);
  return NULL;
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Days separated by commas, semicolons or spaces, each YYYY-MM-DD or
 * d.m.yyyy, as a sorted vector without repeats in YYYY-MM-DD; NULL for an
 * empty text. */
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
      day = parse_day (parts[i]);
      if (day == NULL)
        {
          g_set_error (error, KL_ERROR, KL_ERROR_INVALID_DATE,
                       /* Translators: %s is the field, e.g. "Dates", then what was typed */
                       _("%s: “%s” is not a date (write YYYY-MM-DD or d.m.yyyy)"), label, parts[i]);
          return FALSE;
        }
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
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");
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
  g_autofree char *midnight = g_strdup_printf ("%.10sT00:00:00", gtk_editable_get_text (target));
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) date = g_date_time_new_from_iso8601 (midnight, tz);

  if (date != NULL)
    {
      g_signal_handlers_block_by_func (calendar, on_day_selected_cb, target);
      gtk_calendar_select_day (calendar, date);
      g_signal_handlers_unblock_by_func (calendar, on_day_selected_cb, target);
    }
}

/* A calendar to pick the date of a YYYY-MM-DD field, for a row's suffix:
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
