#include "config.h"

#include <glib/gi18n.h>

#include "kl-clock.h"
#include "kl-form.h"
#include "kl-labels.h"
#include "kl-programme-view-private.h"
#include "kl-progress.h"
#include "kl-question.h"

/* The frame of the programme view (kl-programme-view-private.h names its
 * other files): the tabs, loading and reloading as the database changes,
 * the Overview and Attendance tabs, and what tests read of it. A little
 * over 800 lines: most of the rest is the public API that tests and the
 * window read. */

G_DEFINE_FINAL_TYPE (KlProgrammeView, kl_programme_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
};

static const char *const tab_names[KL_N_TABS] = {
  "overview", "sessions", "participants", "attendance", "costs", "funding",
};

/* Helpers */

static void
set_subtitle (AdwActionRow *row,
              const char   *text)
{
  adw_action_row_set_subtitle (row, text && *text ? text : "—");
}

static int
tab_from_name (const char *name)
{
  for (int i = 0; i < KL_N_TABS; i++)
    if (g_strcmp0 (tab_names[i], name) == 0)
      return i;
  return -1;
}

static int
visible_tab (KlProgrammeView *self)
{
  return tab_from_name (adw_view_stack_get_visible_child_name (self->stack));
}

/* The rows of a list that stand for a record (not its empty-state row). */
static guint
count_lines (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && g_object_get_data (G_OBJECT (child), "cost-id") != NULL)
      n++;
  return n;
}

/* Above the grid: who can no longer reach the certificate threshold, and
 * who missed the last sessions. */
static void
load_attendance_warnings (KlProgrammeView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *now_text = kl_clock_now_minutes ();
  g_autoptr(GPtrArray) warnings = kl_progress_warnings (self->db, self->programme_id, now_text, &error);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    {
      KlAbsenceWarning *warning = g_ptr_array_index (warnings, i);
      g_autofree char *reason = kl_absence_warning_describe (warning);

      g_string_append_printf (text, "%s%s: %s", text->len > 0 ? "\n" : "", warning->name, reason);
    }
  if (warnings == NULL)
    g_string_assign (text, error->message);
  gtk_label_set_text (self->attendance_warnings, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->attendance_warnings), text->len > 0);
}

/* The grid's data serves the overview and the participants' rates too;
 * it is read once per change. */
void
kl_programme_view_ensure_grid (KlProgrammeView *self)
{
  g_autoptr(GError) error = NULL;

  if (!self->grid_stale)
    return;
  if (!kl_attendance_grid_view_load (self->attendance_grid, self->programme_id, &error))
    g_warning ("Cannot load the attendance: %s", error->message);
  self->grid_stale = FALSE;
}

static char *
describe_funding (const KlFundingCase *funding)
{
  g_autofree char *amount = NULL;
  g_autofree char *date = NULL;
  const char *status;

  if (funding == NULL)
    return g_strdup (_("Not applied for yet"));
  status = kl_label (KL_LABELS_FUNDING_STATUS, funding->status);
  if (g_str_equal (funding->status, "applied"))
    {
      date = kl_format_date (funding->applied_date);
      /* Translators: funding status and the date, "Applied on 13 Nov 2026" */
      return g_strdup_printf (_("%s on %s"), status, date);
    }
  if (g_str_equal (funding->status, "granted") && funding->granted_ore != KL_NO_AMOUNT)
    {
      amount = kl_programme_view_format_money (funding->granted_ore);
      date = kl_format_date (funding->expiry_date);
      /* Translators: "Granted: 150 000,00 kr, expires 7 Jan 2027" */
      return g_strdup_printf (_("%s: %s, expires %s"), status, amount, date);
    }
  if (g_str_equal (funding->status, "payout-requested"))
    {
      date = kl_format_date (funding->payout_date);
      return g_strdup_printf (_("%s on %s"), status, date);
    }
  if (g_str_equal (funding->status, "paid") && funding->paid_ore != KL_NO_AMOUNT)
    {
      amount = kl_programme_view_format_money (funding->paid_ore);
      date = kl_format_date (funding->paid_date);
      /* Translators: "Paid: 105 000,00 kr on 3 Mar 2027" */
      return g_strdup_printf (_("%s: %s on %s"), status, amount, date);
    }
  return g_strdup (status);
}

static void
load_overview (KlProgrammeView *self)
{
  KlProgramme *programme = self->programme;
  g_autoptr(KlClient) client = kl_store_get_client (self->db, programme->client_id, NULL);
  g_autoptr(KlConsultant) lead = programme->lead_id > 0 ? kl_store_get_consultant (self->db, programme->lead_id, NULL)
                                                        : NULL;
  g_autoptr(KlClaim) claim = kl_store_compute_claim (self->db, self->programme_id, KL_CLAIM_ACTUALS, NULL);
  g_autoptr(KlClaim) budget = kl_store_compute_claim (self->db, self->programme_id, KL_CLAIM_BUDGET, NULL);
  g_autoptr(KlFundingCase) funding = kl_store_get_funding_case (self->db, self->programme_id, NULL, NULL);
  g_autofree char *start = kl_format_date (programme->start_date);
  g_autofree char *end = kl_format_date (programme->end_date);
  g_autofree char *period = g_strdup_printf ("%s – %s", start, end);
  g_autofree char *now = kl_clock_now_minutes ();
  g_autofree char *sessions = NULL;
  g_autofree char *participants = NULL;
  g_autofree char *attendance = NULL;
  g_autofree char *costs = NULL;
  g_autofree char *funding_text = describe_funding (funding);
  const KlAttendanceGrid *grid;
  const KlSession *next = NULL;
  guint held = 0;
  guint counted = 0;   /* held sessions with something recorded */

  gtk_label_set_text (self->overview_title, programme->title);
  set_subtitle (self->client_row, client ? client->name : NULL);
  set_subtitle (self->period_row, period);
  set_subtitle (self->kind_row, kl_label (KL_LABELS_PROGRAMME_KIND, programme->kind));
  set_subtitle (self->status_row, kl_label (KL_LABELS_PROGRAMME_STATUS, programme->status));
  set_subtitle (self->lead_row, lead ? lead->name : NULL);
  set_subtitle (self->goals_row, programme->goals);
  set_subtitle (self->target_row, programme->target_group);
  set_subtitle (self->q_current_row, programme->q_current);
  set_subtitle (self->q_future_row, programme->q_future);
  set_subtitle (self->q_process_row, programme->q_process);

  kl_programme_view_ensure_grid (self);
  grid = kl_attendance_grid_view_get_grid (self->attendance_grid);
  if (grid == NULL)
    return;
  for (guint i = 0; i < grid->sessions->len; i++)
    {
      const KlSession *session = g_ptr_array_index (grid->sessions, i);

      if (g_strcmp0 (session->starts_at, now) <= 0)
        held++;
      else if (next == NULL)
        next = session;
      if (kl_attendance_grid_view_get_column_rate (self->attendance_grid, i) >= 0)
        counted++;
    }
  if (grid->sessions->len == 0)
    sessions = g_strdup (_("None planned yet"));
  else if (next != NULL)
    {
      g_autofree char *date = kl_format_date (next->starts_at);

      /* Translators: "4 of 6 held; next on 5 Aug 2026: Samling 5" */
      sessions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u held; next on %s: %s",
                                               "%u of %u held; next on %s: %s", grid->sessions->len),
                                  held, grid->sessions->len, date, next->title);
    }
  else
    sessions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "All %u held", "All %u held", grid->sessions->len),
                                grid->sessions->len);
  participants = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u enrolled", "%u enrolled",
                                               grid->participants->len), grid->participants->len);
  if (kl_attendance_grid_view_get_rate (self->attendance_grid) < 0 && held > 0)
    attendance = g_strdup (_("Nothing recorded yet"));
  else if (kl_attendance_grid_view_get_rate (self->attendance_grid) < 0)
    attendance = g_strdup (_("No session to count yet"));
  else
    {
      g_autofree char *rate = kl_form_format_percent (kl_attendance_grid_view_get_rate (self->attendance_grid));

      /* Translators: "82% over 4 sessions" */
      attendance = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s over %u session", "%s over %u sessions",
                                                 counted), rate, counted);
    }
  if (claim != NULL && claim->lines->len > 0)
    {
      g_autofree char *net = kl_programme_view_format_money (claim->net_ore);
      g_autofree char *eligible = kl_programme_view_format_money (claim->eligible_ore);

      /* Translators: "420 000,00 kr net, of which the fund counts 360 000,00 kr" */
      costs = g_strdup_printf (_("%s net, of which the fund counts %s"), net, eligible);
    }
  else if (budget != NULL && budget->lines->len > 0)
    {
      g_autofree char *net = kl_programme_view_format_money (budget->net_ore);
      g_autofree char *eligible = kl_programme_view_format_money (budget->eligible_ore);

      /* Translators: before any invoice, "Budget: 420 000,00 kr net, of which the fund counts 360 000,00 kr" */
      costs = g_strdup_printf (_("Budget: %s net, of which the fund counts %s"), net, eligible);
    }
  else
    costs = g_strdup (_("None recorded yet"));

  set_subtitle (self->sessions_summary_row, sessions);
  set_subtitle (self->participants_summary_row, participants);
  set_subtitle (self->attendance_summary_row, attendance);
  set_subtitle (self->costs_summary_row, costs);
  set_subtitle (self->funding_summary_row, funding_text);
}

static void
load_attendance (KlProgrammeView *self)
{
  const KlAttendanceGrid *grid;
  gboolean has_sessions, has_participants;

  kl_programme_view_ensure_grid (self);
  /* Every time the tab is read: a mark set in the grid changes who falls
   * behind without the grid being read again. */
  load_attendance_warnings (self);
  grid = kl_attendance_grid_view_get_grid (self->attendance_grid);
  has_sessions = grid != NULL && grid->sessions->len > 0;
  has_participants = grid != NULL && grid->participants->len > 0;
  gtk_stack_set_visible_child_name (self->attendance_stack, has_sessions && has_participants ? "grid" : "empty");
  gtk_widget_set_visible (self->attendance_add_session, !has_sessions);
  gtk_widget_set_visible (self->attendance_enrol, !has_participants);
  if (!has_sessions && !has_participants)
    adw_status_page_set_description (self->attendance_empty,
                                     _("Attendance is marked per session and participant: plan a session and enrol the participants first."));
  else if (!has_sessions)
    adw_status_page_set_description (self->attendance_empty,
                                     _("Attendance is marked per session: plan the first one."));
  else
    adw_status_page_set_description (self->attendance_empty,
                                     _("Attendance is marked per participant: enrol the first ones."));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->attendance_grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->title ? self->title : _("Attendance"), -1);
}

static void
load_tab (KlProgrammeView *self,
          int              tab)
{
  self->stale &= ~(1u << tab);
  switch (tab)
    {
    case KL_TAB_OVERVIEW:     load_overview (self); break;
    case KL_TAB_SESSIONS:     kl_programme_view_load_sessions (self); break;
    case KL_TAB_PARTICIPANTS: kl_programme_view_load_participants (self); break;
    case KL_TAB_ATTENDANCE:   load_attendance (self); break;
    case KL_TAB_COSTS:        kl_programme_view_load_costs (self); break;
    case KL_TAB_FUNDING:      kl_programme_view_load_funding (self); break;
    default:                  break;
    }
}

static gboolean
load_programme (KlProgrammeView *self)
{
  g_autoptr(GError) error = NULL;
  KlProgramme *programme = kl_store_get_programme (self->db, self->programme_id, &error);

  if (programme == NULL)
    {
      g_warning ("%s", error->message);
      return FALSE;
    }
  g_clear_pointer (&self->programme, kl_programme_free);
  self->programme = programme;
  g_free (self->title);
  self->title = g_strdup (programme->title);
  return TRUE;
}

/* Only the tab on screen is read again; the others when they are shown. */
static void
reload_visible (KlProgrammeView *self)
{
  int tab = visible_tab (self);

  if (self->programme == NULL || tab < 0)
    return;
  if (self->stale & (1u << tab))
    load_tab (self, tab);
}

/* Signal callbacks */

static gboolean
on_reload_idle_cb (gpointer data)
{
  KlProgrammeView *self = data;

  self->reload_id = 0;
  if (load_programme (self))
    reload_visible (self);
  return G_SOURCE_REMOVE;
}

static void
on_db_changed_cb (KlProgrammeView *self)
{
  if (self->programme_id == 0)
    return;
  /* A mark the grid wrote is on screen already; reading all of it again
   * for every keystroke would only cost time. */
  if (!kl_attendance_grid_view_is_writing (self->attendance_grid))
    self->grid_stale = TRUE;
  self->stale = (1u << KL_N_TABS) - 1;
  /* Several writes in a row (an undo, a column of marks) read once, before
   * the next frame: at default idle priority a busy frame clock could
   * hold the reload back, and the view showed old data for a while. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && self->reload_id == 0)
    self->reload_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, on_reload_idle_cb, self, NULL);
}

static void
on_visible_tab_cb (KlProgrammeView *self)
{
  reload_visible (self);
}

/* Overrides */

static void
kl_programme_view_map (GtkWidget *widget)
{
  KlProgrammeView *self = KL_PROGRAMME_VIEW (widget);

  GTK_WIDGET_CLASS (kl_programme_view_parent_class)->map (widget);
  /* Changes made while it was hidden (by a dialog, say) show now. */
  if (self->stale != 0 && self->reload_id == 0 && self->programme_id > 0)
    self->reload_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, on_reload_idle_cb, self, NULL);
}

static void
kl_programme_view_dispose (GObject *object)
{
  KlProgrammeView *self = KL_PROGRAMME_VIEW (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_handle_id (&self->sessions_mode_id, g_source_remove);
  if (self->db != NULL)
    g_clear_signal_handler (&self->changed_id, self->db);
  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_PROGRAMME_VIEW);
  g_clear_object (&self->db);
  g_clear_pointer (&self->programme, kl_programme_free);
  g_clear_pointer (&self->funding, kl_funding_case_free);
  for (guint i = 0; i < G_N_ELEMENTS (self->figures); i++)
    g_clear_pointer (&self->figures[i], g_free);
  if (self->confirmation != NULL)
    gtk_window_destroy (GTK_WINDOW (self->confirmation));
  g_clear_weak_pointer (&self->confirmation);
  g_clear_object (&self->participants);
  g_clear_pointer (&self->comparison, g_hash_table_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kl_programme_view_parent_class)->dispose (object);
}

static void
kl_programme_view_class_init (KlProgrammeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kl_programme_view_dispose;
  object_class->get_property = kl_context_holder_get_property;
  object_class->set_property = kl_context_holder_set_property;
  kl_context_install_property (object_class, PROP_CONTEXT, G_STRUCT_OFFSET (KlProgrammeView, context));
  widget_class->map = kl_programme_view_map;

  g_type_ensure (KL_TYPE_FUND_DOCUMENTS_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, "/no/imtec/Kartleser/ui/kl-programme-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, stack);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, overview_title);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, edit_button);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, client_row);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, period_row);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, kind_row);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, status_row);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, lead_row);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, sessions_summary_row);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, participants_summary_row);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, attendance_summary_row);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, costs_summary_row);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, funding_summary_row);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, goals_row);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, target_row);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, q_current_row);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, q_future_row);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, q_process_row);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, sessions_stack);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, sessions_summary);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, sessions_actions);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, sessions_buttons);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, sessions_menu_button);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, sessions_list);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, sessions_empty);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, participants_stack);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, participants_summary);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, participants_view);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, participants_empty);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, attendance_stack);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, attendance_legend);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, attendance_scroller);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, attendance_empty);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, attendance_add_session);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, attendance_enrol);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, costs_stack);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, costs_warnings_group);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, costs_warnings);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, totals_group);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, comparison_wide);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, comparison_narrow);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, budget_group);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, budget_list);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, costs_group);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, costs_list);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, costs_empty);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, warnings_group);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, funding_warnings);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, figures_group);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, figures_box);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, funding_status_label);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, application_group);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, application_button);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, applied_date_row);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, applied_amount_row);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, rejection_row);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, rejection_button);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, grant_group);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, grant_button);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, case_no_row);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, granted_amount_row);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, grant_date_row);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, expiry_date_row);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, payout_group);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, payout_button);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, payout_claim_label);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, payout_date_row);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, paid_group);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, paid_button);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, paid_amount_row);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, paid_date_row);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, claim_basis_label);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, claim_rate_label);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, claim_group);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, claim_amount_label);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, claim_granted_row);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, claim_granted_label);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, claim_payout_label);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, lines_group);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, funding_lines);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, documents_group);
  gtk_widget_class_bind_template_child (widget_class, KlProgrammeView, attendance_warnings);
  gtk_widget_class_bind_template_callback (widget_class, on_visible_tab_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  kl_programme_view_install_actions (widget_class);
}

static void
kl_programme_view_init (KlProgrammeView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->grid_stale = TRUE;
  self->comparison = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  kl_programme_view_init_lists (self);
  kl_programme_view_init_funding (self);
}

/* Shared by the view's files */

/* A refusal in the store's own words. */
void
kl_programme_view_show_error (KlProgrammeView *self,
                              const char      *heading,
                              const GError    *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  kl_question_show_message (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, error->message);
}

/* Takes every child out of a box (cards, lists). */
void
kl_programme_view_clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

/* A warning ("warning") or a refusal ("error") in a card of its own. */
void
kl_programme_view_add_card (GtkBox     *box,
                            const char *style,
                            const char *text)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (g_str_equal (style, "error") ? "dialog-error-symbolic"
                                                                                : "dialog-warning-symbolic");
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (card, "card");
  /* On the card itself its own colour would win: the class goes inside. */
  gtk_widget_add_css_class (icon, style);
  gtk_widget_add_css_class (label, style);
  gtk_widget_set_margin_start (icon, 12);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_box_append (GTK_BOX (card), icon);
  gtk_box_append (GTK_BOX (card), label);
  gtk_box_append (box, card);
}

/* The cards' texts, one a line. */
char *
kl_programme_view_read_cards (GtkBox *box)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (GtkWidget *card = gtk_widget_get_first_child (GTK_WIDGET (box)); card != NULL;
       card = gtk_widget_get_next_sibling (card))
    {
      GtkWidget *label = gtk_widget_get_last_child (card);

      if (GTK_IS_LABEL (label))
        g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (label)));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
kl_programme_view_clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

char *
kl_programme_view_format_money (gint64 ore)
{
  return kl_money_format (ore, kl_lang_from_locale ());
}

/* Public API */

/* A consultant on the team server: what the server would refuse is off,
 * and says why. The server's refusal stays the real guard. */
static void
limit_to_role (KlProgrammeView *self,
               KlServerRole     role)
{
  static const char *const office_only[] = {
    "programme.edit", "programme.add-cost", "programme.add-budget-cost", "programme.record-invoice",
    "programme.edit-cost", "programme.delete-cost",
  };
  AdwPreferencesGroup *funding[] = {
    self->application_group, self->grant_group, self->payout_group, self->paid_group, self->claim_group,
  };

  if (role != KL_SERVER_CONSULTANT)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (office_only); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), office_only[i], FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (funding); i++)
    if (funding[i] != NULL)
      {
        gtk_widget_set_sensitive (GTK_WIDGET (funding[i]), FALSE);
        gtk_widget_set_tooltip_text (GTK_WIDGET (funding[i]), _("Only the office can record funding steps"));
      }
  gtk_widget_set_sensitive (GTK_WIDGET (self->documents_group), FALSE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->documents_group), _("Only the office can seal documents"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->costs_group), _("Only the office can change cost items"));
}

KlProgrammeView *
kl_programme_view_new (KlContext *context)
{
  KlProgrammeView *self;

  g_return_val_if_fail (KL_IS_CONTEXT (context), NULL);

  self = g_object_new (KL_TYPE_PROGRAMME_VIEW, "context", context, NULL);
  self->db = g_object_ref (kl_context_get_db (context));
  self->changed_id = g_signal_connect_swapped (self->db, "changed", G_CALLBACK (on_db_changed_cb), self);
  self->attendance_grid = KL_ATTENDANCE_GRID_VIEW (kl_attendance_grid_view_new (context));
  gtk_scrolled_window_set_child (self->attendance_scroller, GTK_WIDGET (self->attendance_grid));
  limit_to_role (self, kl_context_get_role (context));
  return self;
}

void
kl_programme_view_set_programme (KlProgrammeView *self,
                                 gint64           programme_id)
{
  g_return_if_fail (KL_IS_PROGRAMME_VIEW (self));

  if (programme_id != self->programme_id)
    {
      adw_view_stack_set_visible_child_name (self->stack, "overview");
      self->funding_edited = FALSE;
    }
  self->programme_id = programme_id;
  kl_programme_view_reload (self);
}

gint64
kl_programme_view_get_programme (KlProgrammeView *self)
{
  g_return_val_if_fail (KL_IS_PROGRAMME_VIEW (self), 0);
  return self->programme_id;
}

const char *
kl_programme_view_get_title (KlProgrammeView *self)
{
  g_return_val_if_fail (KL_IS_PROGRAMME_VIEW (self), NULL);
  return self->title ? self->title : "";
}

AdwViewStack *
kl_programme_view_get_stack (KlProgrammeView *self)
{
  g_return_val_if_fail (KL_IS_PROGRAMME_VIEW (self), NULL);
  return self->stack;
}

void
kl_programme_view_reload (KlProgrammeView *self)
{
  g_return_if_fail (KL_IS_PROGRAMME_VIEW (self));

  if (self->programme_id <= 0)
    return;
  self->stale = (1u << KL_N_TABS) - 1;
  self->grid_stale = TRUE;
  /* The title now, for the window's header; the tab just before the next
   * frame, so that opening a programme on some tab reads only that one. */
  if (load_programme (self) && self->reload_id == 0)
    self->reload_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, on_reload_idle_cb, self, NULL);
}

/* overview, sessions, participants, attendance, costs or funding. */
gboolean
kl_programme_view_show_tab (KlProgrammeView *self,
                            const char      *name)
{
  g_return_val_if_fail (KL_IS_PROGRAMME_VIEW (self), FALSE);

  if (tab_from_name (name) < 0)
    return FALSE;
  adw_view_stack_set_visible_child_name (self->stack, name);
  reload_visible (self);
  return TRUE;
}

/* The Attendance tab at one session's column, the cursor on the first
 * one expected there without a mark. */
gboolean
kl_programme_view_show_session (KlProgrammeView *self,
                                gint64           session_id)
{
  g_return_val_if_fail (KL_IS_PROGRAMME_VIEW (self), FALSE);

  if (!kl_programme_view_show_tab (self, "attendance"))
    return FALSE;
  kl_programme_view_ensure_grid (self);
  return kl_attendance_grid_view_focus_session (self->attendance_grid, session_id);
}

/* "list" or "empty" for sessions, participants and costs; "grid" or
 * "empty" for attendance. */
const char *
kl_programme_view_get_tab_state (KlProgrammeView *self,
                                 const char      *tab)
{
  g_return_val_if_fail (KL_IS_PROGRAMME_VIEW (self), NULL);

  switch (tab_from_name (tab))
    {
    case KL_TAB_SESSIONS:     return gtk_stack_get_visible_child_name (self->sessions_stack);
    case KL_TAB_PARTICIPANTS: return gtk_stack_get_visible_child_name (self->participants_stack);
    case KL_TAB_ATTENDANCE:   return gtk_stack_get_visible_child_name (self->attendance_stack);
    case KL_TAB_COSTS:        return gtk_stack_get_visible_child_name (self->costs_stack);
    default:                  g_return_val_if_reached (NULL);
    }
}

/* The rows of the sessions, participants or costs list (costs: budget
 * and invoices; "budget" or "invoices" for one of them). */
guint
kl_programme_view_count_rows (KlProgrammeView *self,
                              const char      *tab)
{
  GtkListBox *list;
  guint n = 0;

  g_return_val_if_fail (KL_IS_PROGRAMME_VIEW (self), 0);

  if (g_str_equal (tab, "budget"))
    return count_lines (self->budget_list);
  if (g_str_equal (tab, "invoices"))
    return count_lines (self->costs_list);
  switch (tab_from_name (tab))
    {
    case KL_TAB_SESSIONS:     list = self->sessions_list; break;
    case KL_TAB_PARTICIPANTS: return g_list_model_get_n_items (G_LIST_MODEL (self->participants));
    case KL_TAB_COSTS:        return count_lines (self->budget_list) + count_lines (self->costs_list);
    default:                  g_return_val_if_reached (0);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child))
      n++;
  return n;
}

KlAttendanceGridView *
kl_programme_view_get_attendance_grid (KlProgrammeView *self)
{
  g_return_val_if_fail (KL_IS_PROGRAMME_VIEW (self), NULL);
  return self->attendance_grid;
}

/* A total of the Costs tab's actual costs as shown: net, vat, eligible,
 * claim, granted or payout. */
const char *
kl_programme_view_get_total (KlProgrammeView *self,
                             const char      *name)
{
  g_return_val_if_fail (KL_IS_PROGRAMME_VIEW (self), NULL);

  return kl_programme_view_get_comparison (self, name, "actual");
}

/* A figure of the Costs tab's Budget and Actuals as shown: row is a cost
 * category ("speaker-fee", …) or a total (net, vat, eligible, claim,
 * granted, payout), column "budget", "actual" or "difference"; NULL when
 * the row or the column is not shown. */
const char *
kl_programme_view_get_comparison (KlProgrammeView *self,
                                  const char      *row,
                                  const char      *column)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (KL_IS_PROGRAMME_VIEW (self), NULL);

  key = g_strdup_printf ("%s/%s", row, column);
  return g_hash_table_lookup (self->comparison, key);
}

/* The warnings of the Funding tab, one a line. */
char *
kl_programme_view_get_warnings (KlProgrammeView *self)
{
  g_return_val_if_fail (KL_IS_PROGRAMME_VIEW (self), NULL);

  return kl_programme_view_read_cards (self->funding_warnings);
}

/* The warnings above the Costs tab's figures, one a line. */
char *
kl_programme_view_get_costs_warnings (KlProgrammeView *self)
{
  g_return_val_if_fail (KL_IS_PROGRAMME_VIEW (self), NULL);

  return kl_programme_view_read_cards (self->costs_warnings);
}
