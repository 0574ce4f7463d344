#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kl-gui-settings.h"
#include "kl-attendance-report.h"
#include "kl-certificate.h"
#include "kl-clock.h"
#include "kl-csv-export.h"
#include "kl-error.h"
#include "kl-export.h"
#include "kl-export-flow.h"
#include "kl-form.h"
#include "kl-import-dialog.h"
#include "kl-labels.h"
#include "kl-sheet.h"
#include "kl-programme-view-private.h"
#include "kl-record.h"

/* The Sessions, Participants and Costs tabs: a boxed list each, an empty
 * state with a way to add the first one, and undoable changes. */

typedef struct
{
  KlDb *db;
  KlEnrolment *enrolment;
} EnrolmentUndo;

/* Helpers */

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip,
             const char *action,
             gint64      id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", id);
  return button;
}

static GtkWidget *
new_row (const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

static GtkWidget *
two_lines (const char *first,
           const char *second,
           float       xalign,
           int         width_chars)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *top = gtk_label_new (first);
  GtkWidget *bottom = gtk_label_new (second);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (top), xalign);
  gtk_label_set_xalign (GTK_LABEL (bottom), xalign);
  gtk_label_set_width_chars (GTK_LABEL (top), width_chars);
  gtk_widget_add_css_class (top, "numeric");
  gtk_widget_add_css_class (bottom, "numeric");
  gtk_widget_add_css_class (bottom, "dim-label");
  gtk_widget_add_css_class (bottom, "caption");
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), bottom);
  return box;
}

static char *
join_parts (GPtrArray *parts)
{
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

/* Sessions */

/* Printed documents are in Norwegian, the language of IMTEC's clients. */
void
kl_programme_view_sign_in_sheet_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  KlProgrammeView *self = KL_PROGRAMME_VIEW (widget);
  gint64 session_id = g_variant_get_int64 (parameter);
  g_autoptr(GError) error = NULL;
  KlPdf *pdf = kl_sheet_sign_in (self->db, session_id, kl_document_language (), &error);
  g_autofree char *name = NULL;

  if (pdf == NULL)
    {
      kl_export_flow_show_error (widget, error);
      return;
    }
  name = kl_sheet_sign_in_file_name (self->db, session_id, kl_document_language ());
  kl_export_flow_save_pdf (widget, _("Save Sign-in Sheet"), name, pdf);
}

void
kl_programme_view_attendance_report_action (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *parameter)
{
  KlProgrammeView *self = KL_PROGRAMME_VIEW (widget);
  g_autoptr(GError) error = NULL;
  KlPdf *pdf = kl_attendance_report (self->db, self->programme_id, kl_document_language (), &error);
  g_autofree char *name = NULL;

  if (pdf == NULL)
    {
      kl_export_flow_show_error (widget, error);
      return;
    }
  name = kl_attendance_report_file_name (self->db, self->programme_id, kl_document_language ());
  kl_export_flow_save_pdf (widget, _("Save Attendance Report"), name, pdf);
}

static char *
leader_names (const KlSession *session,
              GHashTable      *consultants)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < session->leader_ids->len; i++)
    {
      gint64 id = g_array_index (session->leader_ids, gint64, i);
      const char *name = g_hash_table_lookup (consultants, &id);

      if (name != NULL)
        g_ptr_array_add (names, (gpointer) name);
    }
  if (names->len == 0)
    return NULL;
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

/* Whom a session is for, when not everyone: "For Hegg skole". The
 * clients and the enrolled are read once, when a session needs them. */
static char *
describe_audience (KlProgrammeView  *self,
                   const KlSession  *session,
                   GPtrArray       **clients,
                   GPtrArray       **enrolled)
{
  const char *audience = kl_session_audience (session);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  if (g_str_equal (audience, "workplace"))
    {
      if (*clients == NULL)
        *clients = kl_store_list_clients (self->db, NULL);
      for (guint i = 0; *clients != NULL && i < (*clients)->len; i++)
        {
          const KlClient *client = g_ptr_array_index (*clients, i);

          if (client->id == session->audience_client_id)
            /* Translators: whom a session is for, "For Hegg skole" */
            return g_strdup_printf (_("For %s"), client->name);
        }
      return NULL;
    }
  if (!g_str_equal (audience, "named"))
    return NULL;
  if (*enrolled == NULL)
    *enrolled = kl_store_list_participants (self->db, self->programme_id, NULL);
  for (guint i = 0; *enrolled != NULL && i < (*enrolled)->len; i++)
    {
      const KlParticipant *participant = g_ptr_array_index (*enrolled, i);

      for (guint j = 0; j < session->audience_ids->len; j++)
        if (g_array_index (session->audience_ids, gint64, j) == participant->id)
          g_ptr_array_add (names, participant->name);
    }
  if (names->len > 0 && names->len <= 2)
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (names, NULL);
      joined = g_strjoinv (", ", (char **) names->pdata);
      return g_strdup_printf (_("For %s"), joined);
    }
  /* Translators: whom a session is for, "For 3 named participants" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "For %u named participant", "For %u named participants",
                                       session->audience_ids->len),
                          session->audience_ids->len);
}

void
kl_programme_view_load_sessions (KlProgrammeView *self)
{
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GPtrArray) enrolled = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = kl_store_list_sessions (self->db, self->programme_id, &error);
  g_autoptr(GPtrArray) consultants = kl_store_list_consultants (self->db, NULL);
  g_autoptr(GHashTable) names = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *now = kl_clock_now_minutes ();
  g_autofree char *total_hours = NULL;
  g_autofree char *description = NULL;
  int minutes = 0;
  guint held = 0;

  kl_programme_view_clear_list (self->sessions_list);
  if (sessions == NULL)
    {
      g_warning ("Cannot load the sessions: %s", error->message);
      return;
    }
  for (guint i = 0; consultants != NULL && i < consultants->len; i++)
    {
      KlConsultant *consultant = g_ptr_array_index (consultants, i);

      g_hash_table_insert (names, &consultant->id, consultant->name);
    }

  for (guint i = 0; i < sessions->len; i++)
    {
      KlSession *session = g_ptr_array_index (sessions, i);
      g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *date = kl_format_date (session->starts_at);
      g_autofree char *time = g_strdup_printf ("%s–%s", session->starts_at + 11, session->ends_at + 11);
      g_autofree char *leaders = leader_names (session, names);
      g_autofree char *hours = kl_form_format_hours (kl_session_minutes (session));
      g_autofree char *audience = describe_audience (self, session, &clients, &enrolled);
      g_autofree char *subtitle = NULL;
      GtkWidget *row;
      GtkWidget *when;

      g_ptr_array_add (parts, g_strdup (kl_label (KL_LABELS_SESSION_KIND, session->kind)));
      if (audience != NULL)
        g_ptr_array_add (parts, g_steal_pointer (&audience));
      if (session->location != NULL)
        g_ptr_array_add (parts, g_strdup (session->location));
      if (leaders != NULL)
        /* Translators: who leads a session, e.g. "Led by Per Dalin, Anne Berg" */
        g_ptr_array_add (parts, g_strdup_printf (_("Led by %s"), leaders));
      /* Translators: planned hours of a session, e.g. "6.5 hours" */
      g_ptr_array_add (parts, g_strdup_printf (_("%s hours"), hours));
      subtitle = join_parts (parts);

      row = new_row (session->title, subtitle);
      when = two_lines (date, time, 0, 11);
      gtk_widget_remove_css_class (gtk_widget_get_first_child (when), "numeric");
      gtk_widget_add_css_class (gtk_widget_get_first_child (when), "heading");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), when);
      if (g_strcmp0 (session->starts_at, now) <= 0)
        {
          GtkWidget *held_label = gtk_label_new (C_("session", "Held"));

          gtk_widget_add_css_class (held_label, "dim-label");
          gtk_widget_add_css_class (held_label, "caption");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), held_label);
          held++;
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 icon_button ("document-print-symbolic", _("Sign-in Sheet…"),
                                              "programme.sign-in-sheet", session->id));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 icon_button ("document-edit-symbolic", _("Edit Session"),
                                              "programme.edit-session", session->id));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 icon_button ("user-trash-symbolic", _("Delete Session"),
                                              "programme.delete-session", session->id));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "programme.edit-session");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", session->id);
      gtk_list_box_append (self->sessions_list, row);
      minutes += kl_session_minutes (session);
    }

  total_hours = kl_form_format_hours (minutes);
  /* Translators: "6 sessions, 4 held, 39 hours planned" */
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u session, %u held, %s hours planned",
                                              "%u sessions, %u held, %s hours planned", sessions->len),
                                 sessions->len, held, total_hours);
  adw_preferences_group_set_description (self->sessions_group, description);
  gtk_stack_set_visible_child_name (self->sessions_stack, sessions->len > 0 ? "list" : "empty");
}

/* Participants */

static void
enrolment_undo_free (EnrolmentUndo *undo)
{
  g_object_unref (undo->db);
  kl_enrolment_free (undo->enrolment);
  g_free (undo);
}

static gboolean
undo_unenrol_cb (gpointer   data,
                 GError   **error)
{
  EnrolmentUndo *undo = data;

  undo->enrolment->id = 0;
  return kl_store_enrol (undo->db, undo->enrolment, error);
}

/* The values of a participant's record in the list. */
enum {
  PARTICIPANT_NAME,
  PARTICIPANT_DETAILS,
  PARTICIPANT_RATE,
};

static void
on_participant_setup_cb (GtkSignalListItemFactory *factory,
                         GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *details = gtk_label_new (NULL);
  GtkWidget *rate = gtk_label_new (NULL);
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_ellipsize (GTK_LABEL (details), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (details, "dim-label");
  gtk_widget_add_css_class (details, "caption");
  gtk_label_set_xalign (GTK_LABEL (rate), 1);
  gtk_label_set_width_chars (GTK_LABEL (rate), 5);
  gtk_widget_add_css_class (rate, "numeric");
  gtk_widget_set_tooltip_text (rate, _("Attendance rate"));
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_box_append (GTK_BOX (texts), name);
  gtk_box_append (GTK_BOX (texts), details);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), rate);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_list_item_set_child (item, box);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
on_participant_bind_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item)
{
  KlRecord *record = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *texts = gtk_widget_get_first_child (box);
  GtkWidget *rate = gtk_widget_get_next_sibling (texts);
  GtkWidget *remove = gtk_widget_get_next_sibling (rate);
  g_autofree char *tooltip = g_strdup_printf (_("Remove %s from the Programme"),
                                              kl_record_get_value (record, PARTICIPANT_NAME));

  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (texts)), kl_record_get_value (record, PARTICIPANT_NAME));
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (texts)),
                      kl_record_get_value (record, PARTICIPANT_DETAILS));
  gtk_label_set_text (GTK_LABEL (rate), kl_record_get_value (record, PARTICIPANT_RATE));
  /* The target first: the action takes one, and none is not allowed. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "x", kl_record_get_id (record));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "programme.unenrol");
  gtk_widget_set_tooltip_text (remove, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
}

void
kl_programme_view_init_lists (KlProgrammeView *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection;

  self->participants = g_list_store_new (KL_TYPE_RECORD);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->participants)));
  g_signal_connect (factory, "setup", G_CALLBACK (on_participant_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_participant_bind_cb), NULL);
  gtk_list_view_set_factory (self->participants_view, factory);
  gtk_list_view_set_model (self->participants_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (factory);
  g_object_unref (selection);
}

void
kl_programme_view_load_participants (KlProgrammeView *self)
{
  g_autoptr(GPtrArray) clients = kl_store_list_clients (self->db, NULL);
  g_autoptr(GHashTable) workplaces = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  const KlAttendanceGrid *grid;
  g_autofree char *description = NULL;

  /* The grid has the enrolled, by name, and their rates. */
  kl_programme_view_ensure_grid (self);
  grid = kl_attendance_grid_view_get_grid (self->attendance_grid);
  if (grid == NULL)
    return;
  for (guint i = 0; clients != NULL && i < clients->len; i++)
    {
      KlClient *client = g_ptr_array_index (clients, i);

      g_hash_table_insert (workplaces, &client->id, client->name);
    }

  for (guint i = 0; i < grid->participants->len; i++)
    {
      KlParticipant *participant = g_ptr_array_index (grid->participants, i);
      const char *workplace = g_hash_table_lookup (workplaces, &participant->workplace_id);
      g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
      char **values = g_new0 (char *, 4);

      if (participant->role != NULL)
        g_ptr_array_add (parts, g_strdup (participant->role));
      if (workplace != NULL)
        g_ptr_array_add (parts, g_strdup (workplace));
      if (participant->email != NULL)
        g_ptr_array_add (parts, g_strdup (participant->email));
      values[PARTICIPANT_NAME] = g_strdup (participant->name);
      values[PARTICIPANT_DETAILS] = join_parts (parts);
      values[PARTICIPANT_RATE] = kl_form_format_percent (kl_attendance_grid_view_get_row_rate (self->attendance_grid, i));
      g_ptr_array_add (records, kl_record_new (participant->id, values));
    }
  g_list_store_splice (self->participants, 0, g_list_model_get_n_items (G_LIST_MODEL (self->participants)),
                       records->pdata, records->len);

  if (kl_attendance_grid_view_get_rate (self->attendance_grid) >= 0)
    {
      g_autofree char *rate = kl_form_format_percent (kl_attendance_grid_view_get_rate (self->attendance_grid));

      /* Translators: "16 enrolled, attendance 82% of the sessions held" */
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u enrolled, attendance %s of the sessions held",
                                                  "%u enrolled, attendance %s of the sessions held",
                                                  grid->participants->len),
                                     grid->participants->len, rate);
    }
  else
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u enrolled", "%u enrolled",
                                                grid->participants->len), grid->participants->len);
  adw_preferences_group_set_description (self->participants_group, description);
  gtk_stack_set_visible_child_name (self->participants_stack, grid->participants->len > 0 ? "list" : "empty");
}

/* Someone with attendance marks stays: the store says so. */
void
kl_programme_view_unenrol (KlProgrammeView *self,
                           gint64           participant_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEnrolment) enrolment = kl_store_get_enrolment (self->db, self->programme_id, participant_id, &error);
  g_autoptr(KlParticipant) participant = kl_store_get_participant (self->db, participant_id, NULL);
  g_autofree char *label = NULL;
  EnrolmentUndo *undo;

  if (enrolment == NULL || !kl_store_unenrol (self->db, self->programme_id, participant_id, &error))
    {
      kl_programme_view_show_error (self, _("The Participant Cannot Be Removed"), error);
      return;
    }
  undo = g_new0 (EnrolmentUndo, 1);
  undo->db = g_object_ref (self->db);
  undo->enrolment = g_steal_pointer (&enrolment);
  /* Translators: an undoable step */
  label = g_strdup_printf (_("Remove %s from the programme"), participant ? participant->name : "");
  kl_actions_push_undo (GTK_WIDGET (self), kl_context_get_undo (self->context), label, undo_unenrol_cb, undo,
                        (GDestroyNotify) enrolment_undo_free);
}

/* Participants in and out: import from CSV, CSV for a spreadsheet, and
 * the e-mail addresses for an invitation. */

static void
import_participants_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  KlProgrammeView *self = KL_PROGRAMME_VIEW (widget);
  KlImportDialog *dialog;

  if (self->programme_id <= 0)
    return;
  dialog = kl_import_dialog_new (self->context, kl_actions_get_parent (widget), self->programme_id);
  gtk_window_present (GTK_WINDOW (dialog));
  kl_import_dialog_choose_file (dialog);
}

static void
copy_emails_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KlProgrammeView *self = KL_PROGRAMME_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *list = NULL;
  g_autofree char *message = NULL;
  guint without = 0;
  guint n = 0;

  list = kl_csv_export_email_list (self->db, self->programme_id, &without, &error);
  if (list == NULL)
    {
      kl_programme_view_show_error (self, _("The E-mail Addresses Cannot Be Copied"), error);
      return;
    }
  if (*list != '\0')
    {
      n = 1;
      for (const char *p = list; (p = strchr (p, ';')) != NULL; p++)
        n++;
      gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), list);
    }
  if (n == 0)
    message = g_strdup (_("No participant in this programme has an e-mail address"));
  else if (without == 0)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Copied %u e-mail address",
                                            "Copied %u e-mail addresses", n), n);
  else
    /* Translators: "Copied 14 e-mail addresses; 2 participants have none" */
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Copied %u e-mail addresses; %u participant has none",
                                            "Copied %u e-mail addresses; %u participants have none", without),
                               n, without);
  kl_actions_toast (widget, message);
}

typedef struct
{
  KlDb *db;
  gint64 programme_id;
  gboolean attendance;
} CsvExport;

static void
csv_export_free (CsvExport *export)
{
  g_clear_object (&export->db);
  g_free (export);
}

static gboolean
write_csv_cb (const char  *path,
              gpointer     data,
              GError     **error)
{
  CsvExport *export = data;
  KlLang lang = kl_lang_from_locale ();
  g_autoptr(GBytes) csv = export->attendance
    ? kl_csv_export_attendance (export->db, export->programme_id, lang, NULL, error)
    : kl_csv_export_participants (export->db, export->programme_id, lang, error);

  return csv != NULL && kl_csv_export_write (csv, path, error);
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KlProgrammeView *self = KL_PROGRAMME_VIEW (widget);
  gboolean attendance = g_str_equal (action_name, "programme.export-attendance-csv");
  g_autofree char *name = NULL;
  CsvExport *export;

  if (self->programme == NULL)
    return;
  /* Translators: the last part of the file names suggested for the CSV exports */
  name = kl_export_file_name ("csv", self->programme->title, attendance ? _("attendance") : _("participants"), NULL);
  export = g_new0 (CsvExport, 1);
  export->db = g_object_ref (self->db);
  export->programme_id = self->programme_id;
  export->attendance = attendance;
  kl_export_flow_save (widget, attendance ? _("Export Attendance as CSV") : _("Export Participants as CSV"),
                       name, write_csv_cb, export, (GDestroyNotify) csv_export_free);
}

/* Everybody's course certificate or attendance statement, one page
 * each, in one file to print or send on. */
static void
save_certificates (KlProgrammeView *self)
{
  g_autoptr(GError) error = NULL;
  KlPdf *pdf = kl_certificate_build (self->db, self->programme_id, 0, kl_document_language (), &error);
  g_autofree char *name = NULL;

  if (pdf == NULL)
    {
      kl_export_flow_show_error (GTK_WIDGET (self), error);
      return;
    }
  name = kl_certificate_file_name (self->db, self->programme_id, kl_document_language ());
  kl_export_flow_save_pdf (GTK_WIDGET (self), _("Save Certificates"), name, pdf);
}

static void
on_certificates_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             KlProgrammeView  *self)
{
  g_clear_weak_pointer (&self->confirmation);
  if (g_strcmp0 (response, "make") == 0)
    save_certificates (self);
}

/* Before the programme is over a certificate counts only what is held so
 * far: the sessions still to come are named, and the user decides. */
static void
certificates_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KlProgrammeView *self = KL_PROGRAMME_VIEW (widget);
  g_autoptr(GError) error = NULL;
  GtkRoot *root;
  GtkWidget *dialog;

  if (kl_certificate_check_finished (self->db, self->programme_id, &error))
    {
      save_certificates (self);
      return;
    }
  if (!g_error_matches (error, KL_ERROR, KL_ERROR_UNCONFIRMED))
    {
      kl_export_flow_show_error (widget, error);
      return;
    }
  root = gtk_widget_get_root (widget);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Make Certificates Before the End?"), error->message);
  if (self->confirmation != NULL)
    gtk_window_destroy (GTK_WINDOW (self->confirmation));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "make", _("_Make Certificates"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "make", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_certificates_response_cb), self, 0);
  g_set_weak_pointer (&self->confirmation, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
kl_programme_view_install_data_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "programme.certificates", NULL, certificates_action);
  gtk_widget_class_install_action (widget_class, "programme.import-participants", NULL, import_participants_action);
  gtk_widget_class_install_action (widget_class, "programme.copy-emails", NULL, copy_emails_action);
  gtk_widget_class_install_action (widget_class, "programme.export-participants-csv", NULL, export_csv_action);
  gtk_widget_class_install_action (widget_class, "programme.export-attendance-csv", NULL, export_csv_action);
}

/* Costs: the budget lines (IMTEC's offer, what the application is built
 * from) and the invoices (what the payout request is built from), and the
 * two side by side per category with their totals. */

typedef enum
{
  COLUMN_BUDGET,
  COLUMN_ACTUAL,
  COLUMN_DIFFERENCE,
  N_COLUMNS
} Column;

static const char *const column_names[N_COLUMNS] = { "budget", "actual", "difference" };

/* A row's margins and the space between its title and its suffix, and
 * the least a category's name should have beside three columns. */
#define ROW_CHROME 36
#define TITLE_MIN_WIDTH 130

/* One row of Budget and Actuals: KL_NO_AMOUNT where a column says nothing. */
typedef struct
{
  const char *key;     /* a category or a total, for kl_programme_view_get_comparison */
  char *title;
  gint64 amounts[2];   /* budget, actual */
  gboolean total;
} Comparison;

static void
comparison_clear (Comparison *row)
{
  g_free (row->title);
}

static char *
format_amount (gint64 ore)
{
  return ore == KL_NO_AMOUNT ? g_strdup ("—") : kl_programme_view_format_money (ore);
}

/* Actual less budget, signed: "+6 000,00 kr", "−6 000,00 kr". */
static char *
format_difference (const Comparison *row)
{
  gint64 budget = row->amounts[COLUMN_BUDGET];
  gint64 actual = row->amounts[COLUMN_ACTUAL];
  gint64 difference;
  g_autofree char *amount = NULL;

  if (budget == KL_NO_AMOUNT || actual == KL_NO_AMOUNT)
    return g_strdup ("—");
  difference = actual - budget;
  amount = kl_programme_view_format_money (ABS (difference));
  if (difference == 0)
    return g_steal_pointer (&amount);
  return g_strdup_printf ("%s%s", difference > 0 ? "+" : "−", amount);
}

static GtkWidget *
amount_label (const char   *text,
              GtkSizeGroup *size_group,
              gboolean      heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, heading ? "caption-heading" : "numeric");
  if (heading)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_size_group_add_widget (size_group, label);
  return label;
}

static GtkWidget *
comparison_row (const char *title)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static GtkWidget *
boxed_list (GtkBox *parent)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_box_append (parent, list);
  return list;
}

/* The table twice: three columns where they fit, and the actual amount
 * over the budget where they do not (a phone, a narrow window); the
 * squeezer shows the one that fits. The categories first, the totals in
 * a list of their own below them. */
static void
fill_comparison (KlProgrammeView *self,
                 GArray          *rows,
                 gboolean         has_budget)
{
  GtkSizeGroup *columns[N_COLUMNS];
  GtkWidget *wide_list = NULL;
  GtkWidget *narrow_list = NULL;
  GtkWidget *last_cells = NULL;
  gboolean in_totals = FALSE;

  kl_programme_view_clear_box (self->comparison_wide);
  kl_programme_view_clear_box (self->comparison_narrow);
  g_hash_table_remove_all (self->comparison);
  for (guint c = 0; c < N_COLUMNS; c++)
    columns[c] = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);

  for (guint i = 0; i < rows->len; i++)
    {
      const Comparison *row = &g_array_index (rows, Comparison, i);
      /* The grant and the payout have no budget to compare with. */
      gboolean compared = row->amounts[COLUMN_BUDGET] != KL_NO_AMOUNT || !row->total;
      char *texts[N_COLUMNS] = {
        compared ? format_amount (row->amounts[COLUMN_BUDGET]) : g_strdup (""),
        format_amount (row->amounts[COLUMN_ACTUAL]),
        compared ? format_difference (row) : g_strdup (""),
      };
      GtkWidget *wide;
      GtkWidget *narrow;
      g_autofree char *budget_text = NULL;
      GtkWidget *cells = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);

      if (wide_list == NULL || (row->total && !in_totals))
        {
          wide_list = boxed_list (self->comparison_wide);
          narrow_list = boxed_list (self->comparison_narrow);
          in_totals = row->total;
          /* Column headings over the categories, where there are columns. */
          if (!in_totals && has_budget)
            {
              GtkWidget *header = comparison_row ("");
              GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);

              gtk_box_append (GTK_BOX (box), amount_label (_("Budget"), columns[COLUMN_BUDGET], TRUE));
              gtk_box_append (GTK_BOX (box), amount_label (_("Actual"), columns[COLUMN_ACTUAL], TRUE));
              gtk_box_append (GTK_BOX (box), amount_label (_("Difference"), columns[COLUMN_DIFFERENCE], TRUE));
              adw_action_row_add_suffix (ADW_ACTION_ROW (header), box);
              gtk_list_box_append (GTK_LIST_BOX (wide_list), header);
            }
        }
      wide = comparison_row (row->title);
      narrow = comparison_row (row->title);
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          GtkWidget *cell = amount_label (texts[c], columns[c], FALSE);

          gtk_widget_set_visible (cell, has_budget || c == COLUMN_ACTUAL);
          gtk_box_append (GTK_BOX (cells), cell);
          if ((has_budget && compared) || c == COLUMN_ACTUAL)
            g_hash_table_insert (self->comparison, g_strdup_printf ("%s/%s", row->key, column_names[c]),
                                 g_strdup (texts[c]));
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (wide), cells);
      gtk_list_box_append (GTK_LIST_BOX (wide_list), wide);
      last_cells = cells;

      if (has_budget && row->amounts[COLUMN_BUDGET] != KL_NO_AMOUNT)
        /* Translators: under the actual amount in a narrow window, "budget 60 000,00 kr" */
        budget_text = g_strdup_printf (_("budget %s"), texts[COLUMN_BUDGET]);
      adw_action_row_add_suffix (ADW_ACTION_ROW (narrow), two_lines (texts[COLUMN_ACTUAL],
                                                                     budget_text ? budget_text : "", 1, 0));
      gtk_list_box_append (GTK_LIST_BOX (narrow_list), narrow);
      for (guint c = 0; c < N_COLUMNS; c++)
        g_free (texts[c]);
    }
  /* The columns need their width, and the category beside them at least
   * a few words: below that the squeezer shows the narrow table, not
   * titles broken a syllable a line. */
  if (last_cells != NULL)
    {
      int cells = 0;

      gtk_widget_measure (last_cells, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &cells, NULL, NULL);
      gtk_widget_set_size_request (GTK_WIDGET (self->comparison_wide), cells + ROW_CHROME + TITLE_MIN_WIDTH, -1);
    }
  /* The rows' labels hold the groups. */
  for (guint c = 0; c < N_COLUMNS; c++)
    g_object_unref (columns[c]);
}

static void
add_to (gint64 *sum,
        gint64  ore)
{
  /* Each amount is bounded and the store refuses more lines than could
   * overflow; a sum that would is shown as unknown, never wrong. */
  if (*sum == KL_NO_AMOUNT)
    *sum = 0;
  if (!kl_money_add (sum, ore, NULL))
    *sum = KL_NO_AMOUNT;
}

static GArray *
compare (GPtrArray     *costs,
         const KlClaim *budget,
         const KlClaim *actual,
         gboolean       has_budget)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (Comparison));
  const KlClaim *claims[2] = { budget, actual };
  g_autofree char *rate = NULL;

  g_array_set_clear_func (rows, (GDestroyNotify) comparison_clear);
  for (KlCostCategory category = 0; category < KL_COST_N_CATEGORIES; category++)
    {
      Comparison row = { kl_cost_categories[category], NULL, { KL_NO_AMOUNT, KL_NO_AMOUNT }, FALSE };
      gboolean any = FALSE;

      for (guint i = 0; i < costs->len; i++)
        {
          KlCostItem *item = g_ptr_array_index (costs, i);

          if (item->category != category)
            continue;
          add_to (&row.amounts[item->budget ? COLUMN_BUDGET : COLUMN_ACTUAL], item->net_ore);
          any = TRUE;
        }
      if (!any)
        continue;
      /* A category planned but not invoiced yet (or the other way round) is 0 on the other side. */
      if (has_budget && row.amounts[COLUMN_BUDGET] == KL_NO_AMOUNT)
        row.amounts[COLUMN_BUDGET] = 0;
      if (row.amounts[COLUMN_ACTUAL] == KL_NO_AMOUNT)
        row.amounts[COLUMN_ACTUAL] = 0;
      row.title = g_strdup (kl_label (KL_LABELS_COST_CATEGORY, kl_cost_categories[category]));
      g_array_append_val (rows, row);
    }

  {
    const KlClaim *any = actual ? actual : budget;
    Comparison totals[] = {
      { "net", g_strdup (_("Net amount")), { KL_NO_AMOUNT, KL_NO_AMOUNT }, TRUE },
      { "vat", g_strdup (_("VAT (never counted)")), { KL_NO_AMOUNT, KL_NO_AMOUNT }, TRUE },
      { "eligible", g_strdup (_("Eligible basis")), { KL_NO_AMOUNT, KL_NO_AMOUNT }, TRUE },
      { "claim", NULL, { KL_NO_AMOUNT, KL_NO_AMOUNT }, TRUE },
    };

    if (any != NULL)
      rate = kl_form_format_percent (any->scheme->rate_permille / 1000.0);
    /* Translators: "Claim (70% of the basis)" */
    totals[3].title = rate ? g_strdup_printf (_("Claim (%s of the basis)"), rate) : g_strdup (_("Claim"));
    for (guint c = 0; c < 2; c++)
      {
        if (claims[c] == NULL || (c == COLUMN_BUDGET && !has_budget))
          continue;
        totals[0].amounts[c] = claims[c]->net_ore;
        totals[1].amounts[c] = claims[c]->vat_ore;
        totals[2].amounts[c] = claims[c]->eligible_ore;
        totals[3].amounts[c] = claims[c]->claim_ore;
      }
    g_array_append_vals (rows, totals, G_N_ELEMENTS (totals));
  }
  if (actual != NULL)
    {
      Comparison granted = { "granted", g_strdup (_("Granted")), { KL_NO_AMOUNT, actual->granted_ore }, TRUE };
      Comparison payout = { "payout", g_strdup (_("Payout")), { KL_NO_AMOUNT, actual->payout_ore }, TRUE };

      g_array_append_val (rows, granted);
      g_array_append_val (rows, payout);
    }
  return rows;
}

/* What may make a basis wrong (fee days that may overlap), once each:
 * those of the budget alone say so. */
static void
load_costs_warnings (KlProgrammeView *self,
                     const KlClaim   *budget,
                     const KlClaim   *actual)
{
  kl_programme_view_clear_box (self->costs_warnings);
  for (guint i = 0; actual != NULL && i < actual->warnings->len; i++)
    kl_programme_view_add_card (self->costs_warnings, "warning", g_ptr_array_index (actual->warnings, i));
  for (guint i = 0; budget != NULL && i < budget->warnings->len; i++)
    {
      const char *warning = g_ptr_array_index (budget->warnings, i);
      g_autofree char *text = NULL;

      if (actual != NULL && g_ptr_array_find_with_equal_func (actual->warnings, warning, g_str_equal, NULL))
        continue;
      /* Translators: a warning about the budget lines, "In the budget: Per Dalin has 2 fee lines, …" */
      text = g_strdup_printf (_("In the budget: %s"), warning);
      kl_programme_view_add_card (self->costs_warnings, "warning", text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->costs_warnings_group),
                          gtk_widget_get_first_child (GTK_WIDGET (self->costs_warnings)) != NULL);
}

static GtkWidget *
cost_row (const KlCostItem  *item,
          const KlClaimLine *line,
          GHashTable        *session_titles)
{
  const char *category = kl_label (KL_LABELS_COST_CATEGORY, kl_cost_categories[item->category]);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *title = item->consultant_name ? g_strdup_printf ("%s · %s", category, item->consultant_name)
                                                 : g_strdup (category);
  g_autofree char *details = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *net = kl_programme_view_format_money (item->net_ore);
  g_autofree char *vat_amount = kl_programme_view_format_money (item->vat_ore);
  g_autofree char *vat = NULL;
  guint n_sessions = item->session_ids ? item->session_ids->len : 0;
  GtkWidget *row;

  if (item->supplier != NULL)
    g_ptr_array_add (parts, g_strdup (item->supplier));
  if (item->invoice_no != NULL)
    /* Translators: an invoice number, "Invoice 2026-113" */
    g_ptr_array_add (parts, g_strdup_printf (_("Invoice %s"), item->invoice_no));
  if (item->invoice_date != NULL)
    g_ptr_array_add (parts, kl_format_date (item->invoice_date));
  if (kl_cost_category_is_fee (item->category))
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", item->days),
                                             item->days));
  if (item->persons > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d person", "%d persons",
                                                          item->persons), item->persons));
  if (item->category == KL_COST_STUDY_FEE && item->semesters > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d semester", "%d semesters",
                                                          item->semesters), item->semesters));
  if (n_sessions == 1)
    {
      const char *session = g_hash_table_lookup (session_titles, &g_array_index (item->session_ids, gint64, 0));

      if (session != NULL)
        g_ptr_array_add (parts, g_strdup (session));
    }
  else if (n_sessions > 1)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u session", "%u sessions", n_sessions),
                                             n_sessions));
  details = join_parts (parts);
  if (line != NULL)
    {
      g_autofree char *counted = kl_programme_view_format_money (line->counted_ore);

      /* Translators: what the fund counts of a cost, and why:
       * "The fund counts 54 000,00 kr: Fee capped at …" */
      subtitle = g_strdup_printf (_("%s\nThe fund counts %s: %s"), details, counted, line->explanation);
    }
  else
    subtitle = g_strdup (details);

  row = new_row (title, subtitle);
  /* What kl_programme_view_count_rows counts, unlike a placeholder. */
  g_object_set_data (G_OBJECT (row), "cost-id", GSIZE_TO_POINTER ((gsize) item->id));
  /* Translators: the VAT of a cost, "VAT 15 000,00 kr" */
  vat = g_strdup_printf (_("VAT %s"), vat_amount);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), two_lines (net, vat, 1, 14));
  /* A budget line's next step is its invoice; the row itself still edits. */
  if (item->budget)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               icon_button ("x-office-document-symbolic", _("Record Invoice…"),
                                            "programme.record-invoice", item->id));
  else
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               icon_button ("document-edit-symbolic", _("Edit Cost"), "programme.edit-cost",
                                            item->id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             icon_button ("user-trash-symbolic", item->budget ? _("Delete Budget Line") : _("Delete Cost"),
                                          "programme.delete-cost", item->id));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "programme.edit-cost");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", item->id);
  return row;
}

static void
add_placeholder (GtkListBox *list,
                 const char *text)
{
  GtkWidget *row = new_row (text, NULL);

  gtk_widget_add_css_class (row, "dim-label");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_append (list, row);
}

static void
index_lines (GHashTable    *lines,
             const KlClaim *claim)
{
  for (guint i = 0; claim != NULL && i < claim->lines->len; i++)
    {
      KlClaimLine *line = g_ptr_array_index (claim->lines, i);

      g_hash_table_insert (lines, &line->cost_id, line);
    }
}

void
kl_programme_view_load_costs (KlProgrammeView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) costs = kl_store_list_costs (self->db, self->programme_id, &error);
  g_autoptr(KlClaim) actual = NULL;
  g_autoptr(KlClaim) budget = NULL;
  g_autoptr(GHashTable) lines = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) session_titles = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  g_autoptr(GPtrArray) sessions = kl_store_list_sessions (self->db, self->programme_id, NULL);
  g_autoptr(GArray) rows = NULL;
  guint n_budget = 0;
  guint n_actual = 0;

  kl_programme_view_clear_list (self->budget_list);
  kl_programme_view_clear_list (self->costs_list);
  if (costs == NULL)
    {
      g_warning ("Cannot load the costs: %s", error->message);
      return;
    }
  for (guint i = 0; i < costs->len; i++)
    {
      if (((KlCostItem *) g_ptr_array_index (costs, i))->budget)
        n_budget++;
      else
        n_actual++;
    }
  actual = kl_store_compute_claim (self->db, self->programme_id, KL_CLAIM_ACTUALS, &error);
  if (actual == NULL)
    g_warning ("Cannot compute the claim: %s", error->message);
  g_clear_error (&error);
  budget = kl_store_compute_claim (self->db, self->programme_id, KL_CLAIM_BUDGET, &error);
  if (budget == NULL)
    g_warning ("Cannot compute the budget's claim: %s", error->message);
  /* Budget and actual lines are separate records, so one index serves both. */
  index_lines (lines, actual);
  index_lines (lines, budget);
  for (guint i = 0; sessions != NULL && i < sessions->len; i++)
    {
      KlSession *session = g_ptr_array_index (sessions, i);

      g_hash_table_insert (session_titles, &session->id, g_strdup (session->title));
    }

  for (guint i = 0; i < costs->len; i++)
    {
      KlCostItem *item = g_ptr_array_index (costs, i);

      gtk_list_box_append (item->budget ? self->budget_list : self->costs_list,
                           cost_row (item, g_hash_table_lookup (lines, &item->id), session_titles));
    }
  if (n_budget == 0)
    add_placeholder (self->budget_list, _("No budget yet: the application is built from the invoices."));
  if (n_actual == 0)
    add_placeholder (self->costs_list, _("No invoices yet"));

  rows = compare (costs, budget, actual, n_budget > 0);
  fill_comparison (self, rows, n_budget > 0);
  load_costs_warnings (self, n_budget > 0 ? budget : NULL, actual);
  if (actual != NULL || budget != NULL)
    {
      g_autofree char *description = NULL;

      /* Translators: %s names the rules, e.g. "KS OU-midler 2024" */
      description = n_budget > 0
        ? g_strdup_printf (_("Net amounts by category, the budget beside the invoices, as counted by %s"),
                           (actual ? actual : budget)->scheme->name)
        : g_strdup_printf (_("As counted by %s"), (actual ? actual : budget)->scheme->name);
      adw_preferences_group_set_description (self->totals_group, description);
    }
  adw_preferences_group_set_title (self->totals_group, n_budget > 0 ? _("Budget and Actuals") : _("Totals"));
  {
    g_autofree char *budget_description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                        "%u planned cost: the application is built from the budget",
                                                                        "%u planned costs: the application is built from the budget",
                                                                        n_budget), n_budget);
    g_autofree char *description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u cost item", "%u cost items",
                                                                 n_actual), n_actual);

    adw_preferences_group_set_description (self->budget_group, n_budget > 0 ? budget_description
                                           : _("IMTEC’s offer: the planned days, fees and travel."));
    adw_preferences_group_set_description (self->costs_group, description);
  }
  gtk_stack_set_visible_child_name (self->costs_stack, costs->len > 0 ? "list" : "empty");
}
