#include "config.h"

#include <glib/gi18n.h>

#include "kl-attendance-grid-view-private.h"
#include "kl-form.h"
#include "kl-hours.h"

/* The hours dialog asks for partial attendance: how long someone was
 * there, at most what the session planned. */

static gboolean
check_hours (AdwMessageDialog *dialog,
             int              *minutes)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  GtkLabel *message = g_object_get_data (G_OBJECT (dialog), "message");
  int planned = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "planned"));
  const char *text = gtk_editable_get_text (entry);
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;

  if (!kl_hours_parse (_("Hours"), text, minutes, &error))
    problem = g_strdup (error->message);
  else if (*minutes <= 0)
    problem = *text != '\0' ? g_strdup (_("Hours: more than 0, or mark the participant absent")) : NULL;
  else if (planned > 0 && *minutes > planned)
    {
      g_autofree char *max = kl_form_format_hours (planned);

      problem = g_strdup_printf (_("Hours: at most the %s hours planned for the session"), max);
    }
  gtk_label_set_text (message, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (message), problem != NULL);
  if (problem != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  return problem == NULL && *minutes > 0;
}

static void
on_hours_changed_cb (GtkEditable      *entry,
                     AdwMessageDialog *dialog)
{
  int minutes;

  adw_message_dialog_set_response_enabled (dialog, "set", check_hours (dialog, &minutes));
}

static void
on_hours_response_cb (AdwMessageDialog     *dialog,
                      const char           *response,
                      KlAttendanceGridView *self)
{
  gint64 session_id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "session-id");
  gint64 participant_id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "participant-id");
  int row = kl_attendance_grid_model_find_row (self->model, participant_id);
  int col = kl_attendance_grid_model_find_column (self->model, session_id);
  int minutes;

  self->hours_dialog = NULL;
  if (row < 0 || col < 0)
    return;   /* the grid was reloaded without them meanwhile */
  if (g_strcmp0 (response, "set") == 0 && check_hours (dialog, &minutes))
    {
      g_autoptr(GError) error = NULL;

      if (!kl_attendance_grid_model_set_mark (self->model, (guint) row, (guint) col, 'H', minutes, &error))
        report_error (self, error);
    }
  else
    /* The next click on this cell goes on to present: no dead end. */
    kl_attendance_grid_model_decline_hours (self->model, (guint) row, (guint) col);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

void
kl_attendance_grid_view_ask_hours (KlAttendanceGridView *self,
                                   guint                 row,
                                   guint                 col)
{
  const KlSession *session = session_at (self, col);
  const KlParticipant *participant = participant_at (self, row);
  int planned = kl_session_minutes (session);
  g_autofree char *planned_text = kl_form_format_hours (planned);
  g_autofree char *body = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *message = gtk_label_new (NULL);
  AdwMessageDialog *dialog;
  body = g_strdup_printf (_("How many hours was %s at “%s”? The session has %s hours planned."),
                          participant->name, session->title, planned_text);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       _("Partly Present"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "set", _("_Set Hours"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "set", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "set");
  adw_message_dialog_set_close_response (dialog, "cancel");

  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Hours, e.g. 1,5"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Hours"), -1);
  if (kl_attendance_grid_model_get_mark (self->model, row, col) == 'H')
    {
      g_autofree char *hours = kl_form_format_hours (kl_attendance_grid_model_get_minutes (self->model, row, col));

      gtk_editable_set_text (GTK_EDITABLE (entry), hours);
    }
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_widget_add_css_class (message, "error");
  gtk_widget_add_css_class (message, "caption");
  gtk_widget_set_visible (message, FALSE);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), message);
  adw_message_dialog_set_extra_child (dialog, box);

  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data (G_OBJECT (dialog), "message", message);
  g_object_set_data (G_OBJECT (dialog), "planned", GINT_TO_POINTER (planned));
  g_object_set_data_full (G_OBJECT (dialog), "session-id", g_memdup2 (&session->id, sizeof (gint64)), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "participant-id", g_memdup2 (&participant->id, sizeof (gint64)),
                          g_free);
  g_signal_connect (entry, "changed", G_CALLBACK (on_hours_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_hours_response_cb), self, 0);
  on_hours_changed_cb (GTK_EDITABLE (entry), dialog);

  self->hours_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}
