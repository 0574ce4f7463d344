#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kl-attendance-report.h"
#include "kl-certificate.h"
#include "kl-clock.h"
#include "kl-csv-export.h"
#include "kl-error.h"
#include "kl-export.h"
#include "kl-export-flow.h"
#include "kl-form.h"
#include "kl-gui-settings.h"
#include "kl-import-dialog.h"
#include "kl-labels.h"
#include "kl-programme-view-private.h"
#include "kl-question.h"
#include "kl-record.h"
#include "kl-record-undo.h"
#include "kl-sheet.h"

/* The Sessions and Participants tabs (the Costs tab is in
 * kl-programme-view-costs.c): a boxed list each, an empty state with a way
 * to add the first one, and undoable changes. */

/* Shared with kl-programme-view-costs.c */

GtkWidget *
kl_programme_view_icon_button (const char *icon,
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

GtkWidget *
kl_programme_view_new_row (const char *title,
                           const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

GtkWidget *
kl_programme_view_two_lines (const char *first,
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

char *
kl_programme_view_join_parts (GPtrArray *parts)
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

/* A session's row, wide: the date in a column of its own, "Held" and a
 * button for each action. Narrow (a phone), that left the title a letter
 * a line: the date goes into the subtitle and the actions into a menu. */
static void
set_session_row_narrow (GtkWidget *row,
                        gboolean   narrow)
{
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "kl-when"), !narrow);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "kl-wide-suffix"), !narrow);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "kl-narrow-suffix"), narrow);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               g_object_get_data (G_OBJECT (row), narrow ? "kl-narrow-subtitle" : "kl-subtitle"));
}

static gboolean
apply_sessions_mode_cb (gpointer data)
{
  KlProgrammeView *self = KL_PROGRAMME_VIEW (data);

  self->sessions_mode_id = 0;
  self->sessions_narrow = adw_squeezer_get_visible_child (self->sessions_actions) != self->sessions_buttons;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sessions_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_object_get_data (G_OBJECT (row), "kl-when") != NULL)
      set_session_row_narrow (row, self->sessions_narrow);
  return G_SOURCE_REMOVE;
}

/* The header's squeezer decides while it is allocated; the rows follow
 * just after that frame, not in the middle of it. */
static void
on_sessions_actions_cb (KlProgrammeView *self)
{
  if (self->sessions_mode_id == 0)
    self->sessions_mode_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_sessions_mode_cb, self, NULL);
}

static GtkWidget *
session_menu_button (gint64 id)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  static const struct { const char *label; const char *action; } items[] = {
    { N_("_Edit Session…"), "programme.edit-session" },
    { N_("_Sign-in Sheet…"), "programme.sign-in-sheet" },
    { N_("_Delete Session"), "programme.delete-session" },
  };
  GtkWidget *button = gtk_menu_button_new ();

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(items[i].label), NULL);

      g_menu_item_set_action_and_target_value (item, items[i].action, g_variant_new_int64 (id));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (button, _("Session Actions"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  return button;
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
      g_autofree char *narrow_subtitle = NULL;
      GtkWidget *row;
      GtkWidget *when;
      GtkWidget *wide;
      GtkWidget *menu;

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
      subtitle = kl_programme_view_join_parts (parts);

      row = kl_programme_view_new_row (session->title, subtitle);
      when = kl_programme_view_two_lines (date, time, 0, 11);
      gtk_widget_remove_css_class (gtk_widget_get_first_child (when), "numeric");
      gtk_widget_add_css_class (gtk_widget_get_first_child (when), "heading");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), when);
      wide = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      if (g_strcmp0 (session->starts_at, now) <= 0)
        {
          GtkWidget *held_label = gtk_label_new (C_("session", "Held"));

          /* Under the time, not beside the buttons: a row as wide as a
           * phone still fits, before it folds. */
          gtk_label_set_xalign (GTK_LABEL (held_label), 0);
          gtk_widget_add_css_class (held_label, "dim-label");
          gtk_widget_add_css_class (held_label, "caption");
          gtk_box_append (GTK_BOX (when), held_label);
          /* Translators: a session's date and time, then "Held", as in "5 Dec 2026, 09:00–15:00 · Held" */
          narrow_subtitle = g_strdup_printf (_("%s, %s · %s · %s"), date, time, C_("session", "Held"), subtitle);
          held++;
        }
      else
        /* Translators: a session's date and time, then the rest, as in "5 Dec 2026, 09:00–15:00 · On-site coaching" */
        narrow_subtitle = g_strdup_printf (_("%s, %s · %s"), date, time, subtitle);
      gtk_box_append (GTK_BOX (wide), kl_programme_view_icon_button ("document-print-symbolic", _("Sign-in Sheet…"),
                                                                     "programme.sign-in-sheet", session->id));
      gtk_box_append (GTK_BOX (wide), kl_programme_view_icon_button ("document-edit-symbolic", _("Edit Session"),
                                                                     "programme.edit-session", session->id));
      gtk_box_append (GTK_BOX (wide), kl_programme_view_icon_button ("user-trash-symbolic", _("Delete Session"),
                                                                     "programme.delete-session", session->id));
      gtk_widget_set_valign (wide, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), wide);
      menu = session_menu_button (session->id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), menu);
      g_object_set_data (G_OBJECT (row), "kl-when", when);
      g_object_set_data (G_OBJECT (row), "kl-wide-suffix", wide);
      g_object_set_data (G_OBJECT (row), "kl-narrow-suffix", menu);
      g_object_set_data_full (G_OBJECT (row), "kl-subtitle", g_steal_pointer (&subtitle), g_free);
      g_object_set_data_full (G_OBJECT (row), "kl-narrow-subtitle", g_steal_pointer (&narrow_subtitle), g_free);
      set_session_row_narrow (row, self->sessions_narrow);
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
  gtk_label_set_text (self->sessions_summary, description);
  gtk_stack_set_visible_child_name (self->sessions_stack, sessions->len > 0 ? "list" : "empty");
}

/* Participants */

static gboolean
undo_unenrol_cb (gpointer   data,
                 GError   **error)
{
  KlRecordUndo *undo = data;
  KlEnrolment *enrolment = undo->record;

  enrolment->id = 0;
  return kl_store_enrol (undo->db, enrolment, error);
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

  g_signal_connect_swapped (self->sessions_actions, "notify::visible-child", G_CALLBACK (on_sessions_actions_cb), self);
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
      values[PARTICIPANT_DETAILS] = kl_programme_view_join_parts (parts);
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
  gtk_label_set_text (self->participants_summary, description);
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

  if (enrolment == NULL || !kl_store_unenrol (self->db, self->programme_id, participant_id, &error))
    {
      kl_programme_view_show_error (self, _("The Participant Cannot Be Removed"), error);
      return;
    }
  /* Translators: an undoable step */
  label = g_strdup_printf (_("%s removed from the programme"), participant ? participant->name : "");
  kl_actions_push_undo (GTK_WIDGET (self), kl_context_get_undo (self->context), label, undo_unenrol_cb,
                        kl_record_undo_new (self->db, g_steal_pointer (&enrolment), (GDestroyNotify) kl_enrolment_free, 0),
                        (GDestroyNotify) kl_record_undo_free);
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
  dialog = GTK_WIDGET (kl_question_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        _("Make Certificates Before the End?"), error->message,
                                        "make", _("_Make Certificates")));
  if (self->confirmation != NULL)
    gtk_window_destroy (GTK_WINDOW (self->confirmation));
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
