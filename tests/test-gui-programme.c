/* One programme in the window, tab by tab, on demo data: the lists match
 * the database, the attendance grid takes keys and clicks and undoes
 * them, costs and their claim add up live, funding steps go forward only,
 * an empty programme invites its first session, participant and cost,
 * and a screenshot of every tab for people to look at. On a programme of
 * the test's own, with figures worked out by hand: budget lines and
 * invoices, the fee cap per person and day, the budget beside the
 * actuals, and funding steps that ask before they are recorded. */

#include <adwaita.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "kl-application.h"
#include "kl-attendance-grid-view.h"
#include "kl-clock.h"
#include "kl-cost-editor.h"
#include "kl-demo.h"
#include "kl-enrol-dialog.h"
#include "kl-error.h"
#include "kl-fund-seal.h"
#include "kl-fund-xml.h"
#include "kl-holidays.h"
#include "kl-labels.h"
#include "kl-programme-view.h"
#include "kl-session-editor.h"
#include "kl-store.h"
#include "kl-test-gui.h"
#include "kl-test-store.h"
#include "kl-test-util.h"
#include "kl-window.h"

static char *tmp_dir;
static KlDb *db;
static KlWindow *window;
static gint64 running;    /* the demo's running programme: granted, sessions held and ahead */
static gint64 planned;    /* the demo's planned one: applied for */

static gint64
programme_with_status (const char *status)
{
  g_autoptr(KlStmt) stmt = kl_db_query (db, NULL, "SELECT programme_id FROM funding_case WHERE status = ?1",
                                        "t", status);

  g_assert_nonnull (stmt);
  g_assert_true (kl_stmt_next (stmt, NULL));
  return kl_stmt_int (stmt, 0);
}

/* As kl_test_open_programme_tab, and that tab is the one shown. */
static void
open_tab (gint64      programme_id,
          const char *tab)
{
  KlProgrammeView *view = kl_test_open_programme_tab (window, programme_id, tab);

  g_assert_cmpstr (kl_window_get_page (window), ==, "programme");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (kl_programme_view_get_stack (view)), ==, tab);
}

static char
stored_mark (gint64   programme_id,
             guint    row,
             guint    col,
             int     *minutes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlAttendanceGrid) grid = kl_store_load_grid (db, programme_id, &error);
  gsize cell;

  g_assert_no_error (error);
  cell = (gsize) row * grid->sessions->len + col;
  if (minutes != NULL)
    *minutes = grid->minutes[cell];
  return grid->marks[cell];
}

/* The first session held that nobody has a mark in: only a session that
 * has begun can be marked present or absent. */
static guint
unmarked_column (KlAttendanceGridView *grid)
{
  const KlAttendanceGrid *data = kl_attendance_grid_view_get_grid (grid);

  for (guint col = 0; col < data->sessions->len; col++)
    {
      gboolean empty = kl_attendance_grid_session_counts (data, col, NULL);

      for (guint row = 0; row < data->participants->len; row++)
        empty &= kl_attendance_grid_view_get_mark (grid, row, col) == 0;
      if (empty)
        return col;
    }
  g_assert_not_reached ();
}

/* The demo records every session held. The latest one for everybody is
 * taken back to not recorded, as if it was held yesterday and nobody has
 * marked it yet; its id. */
static gint64
unrecord_latest_session (gint64 programme_id)
{
  g_autoptr(GPtrArray) sessions = kl_store_list_sessions (db, programme_id, NULL);
  g_autofree char *now = kl_clock_now_minutes ();
  gint64 latest = 0;

  for (guint i = 0; i < sessions->len; i++)
    {
      const KlSession *session = g_ptr_array_index (sessions, i);

      if (g_strcmp0 (session->starts_at, now) <= 0 && g_str_equal (kl_session_audience (session), "all"))
        latest = session->id;
    }
  g_assert_cmpint (latest, >, 0);
  g_assert_true (kl_db_exec (db, NULL, "DELETE FROM attendance WHERE session_id = ?1", "i", latest));
  kl_test_settle ();
  return latest;
}

static void
test_page_path (void)
{
  open_tab (running, "overview");
  /* The overview's rows lead to their tabs. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kl_test_programme_view (window)), "programme.show-tab", "s",
                                             "attendance"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (kl_programme_view_get_stack (kl_test_programme_view (window))), ==, "attendance");
  open_tab (planned, "costs");
  /* An unknown programme or tab is refused, as the command line says. */
  g_assert_false (kl_window_show_page (window, "programme/99999/sessions"));
  g_assert_false (kl_window_show_page (window, "programme/x"));
  g_assert_false (kl_window_show_page (window, "programme/1/nowhere"));
  /* A session's column is for the Attendance tab, and a session there. */
  g_assert_false (kl_window_show_page (window, "programme/1/costs/1"));
  g_assert_false (kl_window_show_page (window, "programme/1/attendance/x"));
  g_assert_false (kl_window_show_page (window, "programme/1/attendance/99999"));
}

static void
test_sessions_match_database (void)
{
  g_autoptr(GPtrArray) sessions = kl_store_list_sessions (db, running, NULL);

  open_tab (running, "sessions");
  g_assert_cmpuint (sessions->len, >, 0);
  g_assert_cmpstr (kl_programme_view_get_tab_state (kl_test_programme_view (window), "sessions"), ==, "list");
  g_assert_cmpuint (kl_programme_view_count_rows (kl_test_programme_view (window), "sessions"), ==, sessions->len);
}

static void
test_session_editor (void)
{
  g_autoptr(KlProgramme) programme = kl_store_get_programme (db, running, NULL);
  guint before = kl_programme_view_count_rows (kl_test_programme_view (window), "sessions");
  KlSessionEditor *editor;
  g_autofree char *outside = NULL;
  g_autofree char *last_day = g_strdup (programme->end_date);
  g_autofree char *holiday = NULL;

  open_tab (running, "sessions");
  /* Saving closes the form; the test still asks it what it saved. */
  editor = g_object_ref (kl_session_editor_new (kl_window_get_context (window), GTK_WINDOW (window), running, 0));
  kl_test_present (GTK_WINDOW (editor));

  /* Checked as typed, with the message under the field. */
  g_assert_false (kl_session_editor_can_save (editor));
  gtk_editable_set_text (kl_session_editor_get_field (editor, "title"), "Samling 7");
  g_assert_true (kl_session_editor_can_save (editor));
  gtk_editable_set_text (kl_session_editor_get_field (editor, "title"), "");
  g_assert_false (kl_session_editor_can_save (editor));
  g_assert_cmpstr (kl_session_editor_get_message (editor, "title"), ==, "Title: required");
  gtk_editable_set_text (kl_session_editor_get_field (editor, "title"), "Samling 7");
  gtk_editable_set_text (kl_session_editor_get_field (editor, "start"), "25:00");
  g_assert_false (kl_session_editor_can_save (editor));
  g_assert_true (g_str_has_prefix (kl_session_editor_get_message (editor, "start"), "Start:"));
  gtk_editable_set_text (kl_session_editor_get_field (editor, "start"), "16");
  g_assert_false (kl_session_editor_can_save (editor));   /* ends at 15:00 */
  g_assert_true (g_str_has_prefix (kl_session_editor_get_message (editor, "end"), "End:"));
  gtk_editable_set_text (kl_session_editor_get_field (editor, "start"), "9.30");
  gtk_editable_set_text (kl_session_editor_get_field (editor, "hours"), "abc");
  g_assert_false (kl_session_editor_can_save (editor));
  gtk_editable_set_text (kl_session_editor_get_field (editor, "hours"), "0x10");
  g_assert_false (kl_session_editor_can_save (editor));
  g_assert_true (g_str_has_prefix (kl_session_editor_get_message (editor, "hours"), "Planned hours: “0x10”"));
  gtk_editable_set_text (kl_session_editor_get_field (editor, "hours"), "5,5");
  g_assert_true (kl_session_editor_can_save (editor));
  g_assert_cmpstr (kl_session_editor_get_message (editor, "start"), ==, "");

  /* Outside the programme's period: said, but no reason not to save. */
  outside = g_strdup_printf ("%d-01-15", atoi (programme->end_date) + 1);
  gtk_editable_set_text (kl_session_editor_get_field (editor, "date"), outside);
  g_assert_nonnull (kl_session_editor_get_warning (editor));
  g_assert_true (kl_session_editor_can_save (editor));
  /* The demo's period moves with today: its last day may be a public
   * holiday, which has a warning of its own. */
  while ((holiday = kl_holiday_name_iso (last_day)) != NULL)
    {
      g_autoptr(GDateTime) midnight = NULL;
      g_autoptr(GDateTime) day_before = NULL;
      g_autofree char *text = g_strdup_printf ("%sT00:00:00Z", last_day);

      g_clear_pointer (&holiday, g_free);
      midnight = g_date_time_new_from_iso8601 (text, NULL);
      day_before = g_date_time_add_days (midnight, -1);
      g_free (last_day);
      last_day = g_date_time_format (day_before, "%Y-%m-%d");
    }
  gtk_editable_set_text (kl_session_editor_get_field (editor, "date"), last_day);
  g_assert_null (kl_session_editor_get_warning (editor));
  kl_test_save_png (GTK_WIDGET (editor), "session-editor");

  g_assert_true (kl_session_editor_save (editor, NULL));
  kl_test_settle ();
  g_assert_cmpuint (kl_programme_view_count_rows (kl_test_programme_view (window), "sessions"), ==, before + 1);
  {
    g_autoptr(KlSession) saved = kl_store_get_session (db, kl_session_editor_get_session_id (editor), NULL);

    g_assert_cmpstr (saved->starts_at + 11, ==, "09:30");
    g_assert_cmpint (saved->planned_minutes, ==, 330);
    g_assert_cmpuint (saved->leader_ids->len, ==, 1);   /* the programme's lead, by default */
  }

  kl_test_undo (window);
  g_assert_cmpuint (kl_programme_view_count_rows (kl_test_programme_view (window), "sessions"), ==, before);
  g_object_unref (editor);
}

static void
test_session_delete (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = kl_store_list_sessions (db, running, NULL);
  KlSession *first = g_ptr_array_index (sessions, 0);
  KlSession *last = g_ptr_array_index (sessions, sessions->len - 1);
  guint before;

  open_tab (running, "sessions");
  before = kl_programme_view_count_rows (kl_test_programme_view (window), "sessions");

  /* Marks are evidence: the store refuses and says why. */
  g_assert_cmpint (kl_test_query_int (db, "SELECT count(*) FROM attendance WHERE session_id = ?1", first->id), >, 0);
  g_assert_false (kl_session_editor_delete (kl_window_get_context (window), GTK_WINDOW (window), first->id, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "attendance mark"));
  g_clear_error (&error);

  g_assert_cmpint (kl_test_query_int (db, "SELECT count(*) FROM attendance WHERE session_id = ?1", last->id), ==, 0);
  g_assert_true (kl_session_editor_delete (kl_window_get_context (window), GTK_WINDOW (window), last->id, &error));
  g_assert_no_error (error);
  kl_test_settle ();
  g_assert_cmpuint (kl_programme_view_count_rows (kl_test_programme_view (window), "sessions"), ==, before - 1);
  kl_test_undo (window);
  g_assert_cmpuint (kl_programme_view_count_rows (kl_test_programme_view (window), "sessions"), ==, before);
  {
    /* Put back as it was, under a new id. */
    g_autoptr(GPtrArray) again = kl_store_list_sessions (db, running, NULL);
    KlSession *back = g_ptr_array_index (again, again->len - 1);

    g_assert_cmpuint (again->len, ==, sessions->len);
    g_assert_cmpstr (back->title, ==, last->title);
    g_assert_cmpstr (back->starts_at, ==, last->starts_at);
    g_assert_cmpuint (back->leader_ids->len, ==, last->leader_ids->len);
  }
}

static void
test_participants_match_database (void)
{
  g_autoptr(GPtrArray) participants = kl_store_list_participants (db, running, NULL);

  KlParticipant *first = g_ptr_array_index (participants, 0);
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n_windows = g_list_model_get_n_items (toplevels);

  open_tab (running, "participants");
  g_assert_cmpstr (kl_programme_view_get_tab_state (kl_test_programme_view (window), "participants"), ==, "list");
  g_assert_cmpuint (kl_programme_view_count_rows (kl_test_programme_view (window), "participants"), ==,
                    participants->len);

  /* Someone with marks stays enrolled, and a dialog says why. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kl_test_programme_view (window)), "programme.unenrol", "x",
                                             first->id));
  kl_test_settle ();
  g_assert_cmpuint (kl_programme_view_count_rows (kl_test_programme_view (window), "participants"), ==,
                    participants->len);
  g_assert_cmpint (kl_test_query_int (db, "SELECT count(*) FROM enrolment WHERE participant_id = ?1", first->id), ==,
                   1);
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, n_windows + 1);
  {
    g_autoptr(GtkWindow) refusal = g_list_model_get_item (toplevels, n_windows);

    g_assert_true (ADW_IS_MESSAGE_DIALOG (refusal));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (refusal)), "attendance mark"));
    gtk_window_destroy (refusal);
  }
}

static void
test_attendance_keys (void)
{
  KlAttendanceGridView *grid = kl_programme_view_get_attendance_grid (kl_test_programme_view (window));
  const KlAttendanceGrid *data;
  guint row, col, target;
  int minutes;

  unrecord_latest_session (running);
  open_tab (running, "attendance");
  g_assert_cmpstr (kl_programme_view_get_tab_state (kl_test_programme_view (window), "attendance"), ==, "grid");
  /* The rates shown are the core's: recorded cells of sessions held. */
  data = kl_attendance_grid_view_get_grid (grid);
  g_assert_cmpfloat (kl_attendance_grid_view_get_rate (grid), >, 0);
  g_assert_cmpfloat_with_epsilon (kl_attendance_grid_view_get_rate (grid),
                                  kl_attendance_grid_rate (data, -1, -1, NULL), 1e-9);
  g_assert_cmpfloat_with_epsilon (kl_attendance_grid_view_get_row_rate (grid, 3),
                                  kl_attendance_grid_rate (data, 3, -1, NULL), 1e-9);
  g_assert_cmpfloat_with_epsilon (kl_attendance_grid_view_get_column_rate (grid, 1),
                                  kl_attendance_grid_rate (data, -1, 1, NULL), 1e-9);
  target = unmarked_column (grid);

  /* Arrow keys move the cursor, and stop at the edges. */
  kl_attendance_grid_view_set_cursor (grid, 0, 0);
  g_assert_true (kl_attendance_grid_view_handle_key (grid, GDK_KEY_Up, 0));
  g_assert_true (kl_attendance_grid_view_handle_key (grid, GDK_KEY_Down, 0));
  g_assert_true (kl_attendance_grid_view_handle_key (grid, GDK_KEY_Down, 0));
  for (guint i = 0; i < target; i++)
    g_assert_true (kl_attendance_grid_view_handle_key (grid, GDK_KEY_Right, 0));
  kl_attendance_grid_view_get_cursor (grid, &row, &col);
  g_assert_cmpuint (row, ==, 2);
  g_assert_cmpuint (col, ==, target);
  g_assert_true (kl_attendance_grid_expected (data, row, col));

  /* Nothing recorded there: no rate for the session, not 0 %. */
  g_assert_cmpfloat (kl_attendance_grid_view_get_column_rate (grid, col), <, 0);

  /* Space: not marked, present, absent; each in the database at once. */
  g_assert_cmpint (stored_mark (running, row, col, NULL), ==, 0);
  g_assert_true (kl_attendance_grid_view_handle_key (grid, GDK_KEY_space, 0));
  g_assert_cmpint (stored_mark (running, row, col, NULL), ==, 'P');
  g_assert_cmpint (kl_attendance_grid_view_get_mark (grid, row, col), ==, 'P');
  /* One recorded, present: the session's rate is 100 %. */
  g_assert_cmpfloat_with_epsilon (kl_attendance_grid_view_get_column_rate (grid, col), 1.0, 1e-9);
  g_assert_true (kl_attendance_grid_view_handle_key (grid, GDK_KEY_space, 0));
  g_assert_cmpint (stored_mark (running, row, col, NULL), ==, 'A');
  kl_test_settle ();

  /* Undo takes it back one step at a time, to "not marked". */
  kl_test_undo (window);
  g_assert_cmpint (stored_mark (running, row, col, NULL), ==, 'P');
  g_assert_cmpint (kl_attendance_grid_view_get_mark (grid, row, col), ==, 'P');
  kl_test_undo (window);
  g_assert_cmpint (stored_mark (running, row, col, NULL), ==, 0);
  g_assert_cmpint (kl_attendance_grid_view_get_mark (grid, row, col), ==, 0);

  /* Excused, then partly present: the hours are asked and checked. */
  g_assert_true (kl_attendance_grid_view_handle_key (grid, GDK_KEY_e, 0));
  g_assert_cmpint (stored_mark (running, row, col, NULL), ==, 'E');
  g_assert_true (kl_attendance_grid_view_handle_key (grid, GDK_KEY_space, 0));
  kl_test_settle ();
  {
    AdwMessageDialog *dialog = kl_attendance_grid_view_get_hours_dialog (grid);
    GtkWidget *entry;

    g_assert_nonnull (dialog);
    entry = gtk_widget_get_first_child (adw_message_dialog_get_extra_child (dialog));
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "set"));
    gtk_editable_set_text (GTK_EDITABLE (entry), "abc");
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "set"));
    gtk_editable_set_text (GTK_EDITABLE (entry), "24:59");
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "set"));   /* more than a day */
    gtk_editable_set_text (GTK_EDITABLE (entry), "20");
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "set"));   /* more than planned */
    gtk_editable_set_text (GTK_EDITABLE (entry), "1,5");
    g_assert_true (adw_message_dialog_get_response_enabled (dialog, "set"));
    kl_test_save_png (GTK_WIDGET (dialog), "partial-hours");
    g_object_ref (dialog);
    adw_message_dialog_response (dialog, "set");
    if (gtk_widget_get_visible (GTK_WIDGET (dialog)))
      gtk_window_destroy (GTK_WINDOW (dialog));
    g_object_unref (dialog);
    kl_test_settle ();
  }
  g_assert_null (kl_attendance_grid_view_get_hours_dialog (grid));
  g_assert_cmpint (stored_mark (running, row, col, &minutes), ==, 'H');
  g_assert_cmpint (minutes, ==, 90);

  /* Delete clears, and the clearing too is undone. */
  g_assert_true (kl_attendance_grid_view_handle_key (grid, GDK_KEY_Delete, 0));
  g_assert_cmpint (stored_mark (running, row, col, NULL), ==, 0);
  kl_test_undo (window);
  g_assert_cmpint (stored_mark (running, row, col, &minutes), ==, 'H');
  g_assert_cmpint (minutes, ==, 90);
  kl_test_undo (window);
  kl_test_undo (window);
  g_assert_cmpint (stored_mark (running, row, col, NULL), ==, 0);

  /* Refusing the hours is no dead end: the next Space goes on to present. */
  g_assert_true (kl_attendance_grid_view_handle_key (grid, GDK_KEY_e, 0));
  g_assert_true (kl_attendance_grid_view_handle_key (grid, GDK_KEY_space, 0));
  kl_test_settle ();
  {
    AdwMessageDialog *dialog = g_object_ref (kl_attendance_grid_view_get_hours_dialog (grid));

    adw_message_dialog_response (dialog, "cancel");
    if (gtk_widget_get_visible (GTK_WIDGET (dialog)))
      gtk_window_destroy (GTK_WINDOW (dialog));
    g_object_unref (dialog);
    kl_test_settle ();
  }
  g_assert_cmpint (stored_mark (running, row, col, NULL), ==, 'E');
  g_assert_true (kl_attendance_grid_view_handle_key (grid, GDK_KEY_space, 0));
  g_assert_cmpint (stored_mark (running, row, col, NULL), ==, 'P');
  kl_test_undo (window);
  kl_test_undo (window);
  g_assert_cmpint (stored_mark (running, row, col, NULL), ==, 0);
}

static void
test_mark_column_present (void)
{
  KlAttendanceGridView *grid = kl_programme_view_get_attendance_grid (kl_test_programme_view (window));
  const KlAttendanceGrid *data;
  guint col;
  gint64 session_id;
  guint expected;

  open_tab (running, "attendance");
  col = unmarked_column (grid);
  data = kl_attendance_grid_view_get_grid (grid);
  session_id = ((KlSession *) g_ptr_array_index (data->sessions, col))->id;
  /* Everyone expected there: enrolled on its day, and in its audience. */
  expected = kl_attendance_grid_count_expected (data, col);
  g_assert_cmpuint (expected, >, 0);
  g_assert_true (gtk_widget_get_sensitive (kl_attendance_grid_view_get_column_button (grid, col)));

  /* The button over the column, as a click would. */
  g_signal_emit_by_name (kl_attendance_grid_view_get_column_button (grid, col), "clicked");
  kl_test_settle ();
  g_assert_cmpint (kl_test_query_int (db,
                                      "SELECT count(*) FROM attendance WHERE session_id = ?1 AND status = 'present'",
                              session_id), ==, expected);
  g_assert_cmpfloat_with_epsilon (kl_attendance_grid_view_get_column_rate (grid, col), 1.0, 1e-9);

  /* One step undoes the whole column. */
  kl_test_undo (window);
  g_assert_cmpint (kl_test_query_int (db, "SELECT count(*) FROM attendance WHERE session_id = ?1", session_id), ==, 0);
  g_assert_cmpfloat (kl_attendance_grid_view_get_column_rate (grid, col), <, 0);
}

static void
test_costs (void)
{
  g_autoptr(KlClaim) claim = NULL;
  g_autofree char *net_before = NULL;
  g_autofree char *expected = NULL;
  gint64 speaker = kl_test_query_int (db, "SELECT min(id) FROM consultant WHERE ?1 > 0", 1);
  guint rows;
  KlCostEditor *editor;

  open_tab (running, "costs");
  g_assert_cmpstr (kl_programme_view_get_tab_state (kl_test_programme_view (window), "costs"), ==, "list");
  rows = kl_programme_view_count_rows (kl_test_programme_view (window), "costs");
  g_assert_cmpuint (rows, ==,
                    kl_test_query_int (db, "SELECT count(*) FROM cost_item WHERE programme_id = ?1", running));
  net_before = g_strdup (kl_programme_view_get_total (kl_test_programme_view (window), "net"));

  editor = g_object_ref (kl_cost_editor_new (kl_window_get_context (window), GTK_WINDOW (window), running, 0));
  kl_test_present (GTK_WINDOW (editor));
  kl_cost_editor_set_category (editor, KL_COST_SPEAKER_FEE);
  kl_cost_editor_set_consultant (editor, speaker);
  gtk_editable_set_text (kl_cost_editor_get_field (editor, "net"), "40 000");
  gtk_editable_set_text (kl_cost_editor_get_field (editor, "vat"), "10000");
  /* A fee needs its days: said under the field, and no saving. */
  g_assert_false (kl_cost_editor_can_save (editor));
  g_assert_true (g_str_has_prefix (kl_cost_editor_get_message (editor, "days"), "Days:"));
  gtk_editable_set_text (kl_cost_editor_get_field (editor, "days"), "2");
  g_assert_true (kl_cost_editor_can_save (editor));
  /* What the fund counts, live: 2 days at the 18 000 kr cap, no VAT. */
  g_assert_cmpint (kl_cost_editor_get_counted (editor), ==, 3600000);
  g_assert_nonnull (strstr (kl_cost_editor_get_explanation (editor), "capped"));
  gtk_editable_set_text (kl_cost_editor_get_field (editor, "net"), "20.000");
  g_assert_false (kl_cost_editor_can_save (editor));
  g_assert_true (g_str_has_prefix (kl_cost_editor_get_message (editor, "net"), "Net amount:"));
  gtk_editable_set_text (kl_cost_editor_get_field (editor, "net"), "40 000");
  gtk_editable_set_text (kl_cost_editor_get_field (editor, "supplier"), "Dalin Consulting AS");
  kl_test_save_png (GTK_WIDGET (editor), "cost-editor");
  g_assert_true (kl_cost_editor_save (editor, NULL));
  kl_test_settle ();

  g_assert_cmpuint (kl_programme_view_count_rows (kl_test_programme_view (window), "costs"), ==, rows + 1);
  claim = kl_store_compute_claim (db, running, KL_CLAIM_ACTUALS, NULL);
  expected = kl_money_format (claim->net_ore, kl_lang_from_locale ());
  g_assert_cmpstr (kl_programme_view_get_total (kl_test_programme_view (window), "net"), ==, expected);
  g_assert_cmpstr (kl_programme_view_get_total (kl_test_programme_view (window), "net"), !=, net_before);
  g_clear_pointer (&expected, g_free);
  expected = kl_money_format (claim->claim_ore, kl_lang_from_locale ());
  g_assert_cmpstr (kl_programme_view_get_total (kl_test_programme_view (window), "claim"), ==, expected);

  /* Deleting is undone by putting it back. */
  g_assert_true (kl_cost_editor_delete (kl_window_get_context (window), GTK_WINDOW (window), kl_cost_editor_get_cost_id (editor), NULL));
  kl_test_settle ();
  g_assert_cmpuint (kl_programme_view_count_rows (kl_test_programme_view (window), "costs"), ==, rows);
  g_assert_cmpstr (kl_programme_view_get_total (kl_test_programme_view (window), "net"), ==, net_before);
  kl_test_undo (window);
  g_assert_cmpuint (kl_programme_view_count_rows (kl_test_programme_view (window), "costs"), ==, rows + 1);
  kl_test_undo (window);
  g_assert_cmpuint (kl_programme_view_count_rows (kl_test_programme_view (window), "costs"), ==, rows);
  g_assert_cmpstr (kl_programme_view_get_total (kl_test_programme_view (window), "net"), ==, net_before);
  g_object_unref (editor);
}

/* A programme of the test's own, with figures worked out by hand: three
 * sessions (2 and 3 September, and 14 to 15 October over two days). */
static gint64 hand;
static gint64 hand_sessions[3];

static gint64
hand_programme (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlProgramme) source = NULL;
  g_autoptr(KlProgramme) programme = NULL;

  if (hand > 0)
    return hand;
  source = kl_store_get_programme (db, running, NULL);
  programme = kl_programme_new ();
  programme->client_id = source->client_id;
  programme->title = g_strdup ("LED SKOLE Hånd");
  programme->kind = g_strdup ("led-skole");
  programme->status = g_strdup ("running");
  programme->start_date = g_strdup ("2026-08-20");
  programme->end_date = g_strdup ("2026-12-10");
  g_assert_true (kl_store_insert_programme (db, programme, &error));
  g_assert_no_error (error);
  hand = programme->id;
  hand_sessions[0] = kl_test_add_session (db, hand, "Samling 1", "2026-09-02T09:00", "2026-09-02T15:00");
  hand_sessions[1] = kl_test_add_session (db, hand, "Samling 2", "2026-09-03T09:00", "2026-09-03T15:00");
  hand_sessions[2] = kl_test_add_session (db, hand, "Samling 3", "2026-10-14T09:00", "2026-10-15T15:00");
  return hand;
}

/* A PNG of a page in a window as narrow as a phone (360 pixels), opened
 * at that size: the window folds to one column, and the Costs tab's
 * table shows the actual amount over the budget. GTK 4.8 warns once
 * there ("attempt to allocate GtkBox … with width 0 and height -1"): the
 * view switcher bar at the bottom is revealed in the frame in which the
 * header gives up its switcher, and its revealer is allocated before it
 * has a size. The bar shows as it should; warnings are not fatal while
 * the narrow window is open, criticals still are. */
static void
save_narrow (const char *page_format,
             gint64      programme_id,
             const char *name)
{
  g_autofree char *page = g_strdup_printf (page_format, programme_id);
  GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  KlWindow *narrow = kl_window_new (NULL, db, NULL);

  gtk_window_set_default_size (GTK_WINDOW (narrow), 360, 720);
  gtk_window_present (GTK_WINDOW (narrow));
  kl_test_wait_mapped (GTK_WIDGET (narrow));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (narrow), "win.show-page", "s", page));
  kl_test_settle ();
  kl_test_save_png (GTK_WIDGET (narrow), name);
  gtk_window_destroy (GTK_WINDOW (narrow));
  kl_test_settle ();
  g_log_set_always_fatal (fatal);
}

static gint64
consultant_named (gboolean first)
{
  return kl_test_query_int (db,
                            first ? "SELECT min(id) FROM consultant WHERE ?1 > 0" : "SELECT max(id) FROM consultant WHERE ?1 > 0",
                    1);
}

static char *
consultant_name (gint64 id)
{
  g_autoptr(KlConsultant) consultant = kl_store_get_consultant (db, id, NULL);

  return g_strdup (consultant->name);
}

static char *
money (gint64 ore)
{
  return kl_money_format (ore, kl_lang_from_locale ());
}

static void
assert_money (const char *shown,
              gint64      ore)
{
  g_autofree char *expected = money (ore);

  g_assert_cmpstr (shown, ==, expected);
}

static gboolean
row_visible (KlCostEditor *editor,
             const char   *field)
{
  return gtk_widget_get_visible (GTK_WIDGET (kl_cost_editor_get_field (editor, field)));
}

static void
set_field (KlCostEditor *editor,
           const char   *field,
           const char   *text)
{
  gtk_editable_set_text (kl_cost_editor_get_field (editor, field), text);
}

/* Adds a line through the form: the fields as a user fills them in. */
static gint64
add_line (gboolean        budget,
          KlCostCategory  category,
          gint64          consultant,
          gint64          session,
          const char     *days,
          const char     *net,
          gint64          counted)
{
  g_autoptr(GError) error = NULL;
  KlCostEditor *editor = g_object_ref (kl_cost_editor_new (kl_window_get_context (window), GTK_WINDOW (window), hand, 0));
  gint64 id;

  kl_test_present (GTK_WINDOW (editor));
  kl_cost_editor_set_budget (editor, budget);
  kl_cost_editor_set_category (editor, category);
  if (consultant > 0)
    kl_cost_editor_set_consultant (editor, consultant);
  if (session > 0)
    g_assert_true (kl_cost_editor_set_session (editor, session, TRUE));
  if (days != NULL)
    set_field (editor, "days", days);
  set_field (editor, "net", net);
  g_assert_cmpint (kl_cost_editor_get_counted (editor), ==, counted);
  g_assert_true (kl_cost_editor_save (editor, &error));
  g_assert_no_error (error);
  id = kl_cost_editor_get_cost_id (editor);
  g_object_unref (editor);
  kl_test_settle ();
  return id;
}

/* The cost form, a budget line at a time: what the core requires is said
 * under its field; sessions and dates decide a fee's days; the preview
 * counts the fee cap per person and day with the programme's other lines
 * (cap 18 000 kr a day, 10 000 kr per participant and semester). */
static void
test_cost_editor_budget_lines (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlCostItem) stored = NULL;
  g_autofree char *name_b = NULL;
  gint64 a = consultant_named (TRUE);
  gint64 b = consultant_named (FALSE);
  KlCostEditor *editor;
  gint64 first;

  hand_programme ();
  open_tab (hand, "costs");
  g_assert_cmpstr (kl_programme_view_get_tab_state (kl_test_programme_view (window), "costs"), ==, "empty");

  editor = g_object_ref (kl_cost_editor_new (kl_window_get_context (window), GTK_WINDOW (window), hand, 0));
  kl_test_present (GTK_WINDOW (editor));
  kl_cost_editor_set_budget (editor, TRUE);
  g_assert_cmpstr (kl_cost_editor_get_title (editor), ==, "New Budget Line");
  /* A budget line has no invoice yet. */
  g_assert_false (row_visible (editor, "invoice-no"));
  g_assert_false (row_visible (editor, "invoice-date"));
  g_assert_true (row_visible (editor, "supplier"));
  g_assert_false (row_visible (editor, "semesters"));

  /* A fee names its consultant and its days; both are said at once. */
  kl_cost_editor_set_category (editor, KL_COST_SPEAKER_FEE);
  set_field (editor, "net", "60 000");
  g_assert_false (kl_cost_editor_can_save (editor));
  g_assert_true (g_str_has_prefix (kl_cost_editor_get_message (editor, "consultant"), "Consultant:"));
  g_assert_true (g_str_has_prefix (kl_cost_editor_get_message (editor, "days"), "Days:"));
  kl_cost_editor_set_consultant (editor, a);
  g_assert_cmpstr (kl_cost_editor_get_message (editor, "consultant"), ==, "");
  g_assert_false (kl_cost_editor_can_save (editor));

  /* Two one-day sessions are two days: 2 × 18 000 kr of 60 000 kr. */
  g_assert_true (kl_cost_editor_set_session (editor, hand_sessions[0], TRUE));
  g_assert_true (kl_cost_editor_set_session (editor, hand_sessions[1], TRUE));
  g_assert_cmpstr (gtk_editable_get_text (kl_cost_editor_get_field (editor, "days")), ==, "2");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (kl_cost_editor_get_field (editor, "days"))));
  g_assert_cmpstr (kl_cost_editor_get_message (editor, "days"), ==, "");
  g_assert_true (kl_cost_editor_can_save (editor));
  g_assert_cmpint (kl_cost_editor_get_counted (editor), ==, 3600000);
  /* A date the sessions cover already is no extra day (Norwegian style). */
  set_field (editor, "dates", "3.9.2026");
  g_assert_cmpint (kl_cost_editor_get_counted (editor), ==, 3600000);
  set_field (editor, "dates", "3.9.2026, 2026-09-04");
  g_assert_cmpstr (gtk_editable_get_text (kl_cost_editor_get_field (editor, "days")), ==, "3");
  g_assert_cmpint (kl_cost_editor_get_counted (editor), ==, 5400000);
  g_assert_nonnull (strstr (kl_cost_editor_get_explanation (editor), "3 days"));
  /* No 31 September. */
  set_field (editor, "dates", "31.9.2026");
  g_assert_false (kl_cost_editor_can_save (editor));
  g_assert_true (g_str_has_prefix (kl_cost_editor_get_message (editor, "dates"), "Dates: “31.9.2026”"));
  set_field (editor, "dates", "2026-09-04");
  g_assert_cmpstr (kl_cost_editor_get_message (editor, "dates"), ==, "");
  g_assert_cmpint (kl_cost_editor_get_counted (editor), ==, 5400000);
  /* Without sessions and dates, Days is the user's again. */
  g_assert_true (kl_cost_editor_set_session (editor, hand_sessions[0], FALSE));
  g_assert_true (kl_cost_editor_set_session (editor, hand_sessions[1], FALSE));
  set_field (editor, "dates", "");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (kl_cost_editor_get_field (editor, "days"))));
  g_assert_cmpstr (gtk_editable_get_text (kl_cost_editor_get_field (editor, "days")), ==, "");
  g_assert_false (kl_cost_editor_can_save (editor));
  g_assert_true (kl_cost_editor_set_session (editor, hand_sessions[0], TRUE));
  g_assert_true (kl_cost_editor_set_session (editor, hand_sessions[1], TRUE));
  set_field (editor, "dates", "2026-09-04");
  set_field (editor, "supplier", "Hilde Aas AS");
  kl_test_save_png (GTK_WIDGET (editor), "cost-editor-budget");
  g_assert_true (kl_cost_editor_save (editor, &error));
  g_assert_no_error (error);
  first = kl_cost_editor_get_cost_id (editor);
  g_object_unref (editor);
  kl_test_settle ();

  stored = kl_store_get_cost (db, first, &error);
  g_assert_no_error (error);
  g_assert_true (stored->budget);
  g_assert_cmpuint (stored->session_ids->len, ==, 2);
  g_assert_cmpstr (stored->dates[0], ==, "2026-09-04");
  g_assert_null (stored->dates[1]);
  g_assert_cmpint (stored->days, ==, 3);
  g_assert_cmpint (stored->net_ore, ==, 6000000);
  g_assert_null (stored->invoice_no);
  g_assert_cmpstr (kl_programme_view_get_tab_state (kl_test_programme_view (window), "costs"), ==, "list");
  g_assert_cmpuint (kl_programme_view_count_rows (kl_test_programme_view (window), "budget"), ==, 1);
  g_assert_cmpuint (kl_programme_view_count_rows (kl_test_programme_view (window), "invoices"), ==, 0);

  /* The same person's supervisor fee on 3 September: that day's cap is
   * used up by the 20 000 kr a day above, so it counts nothing. */
  editor = g_object_ref (kl_cost_editor_new (kl_window_get_context (window), GTK_WINDOW (window), hand, 0));
  kl_test_present (GTK_WINDOW (editor));
  kl_cost_editor_set_budget (editor, TRUE);
  kl_cost_editor_set_category (editor, KL_COST_SUPERVISOR_FEE);
  kl_cost_editor_set_consultant (editor, a);
  g_assert_true (kl_cost_editor_set_session (editor, hand_sessions[1], TRUE));
  set_field (editor, "net", "10 000");
  g_assert_cmpint (kl_cost_editor_get_counted (editor), ==, 0);
  g_assert_nonnull (strstr (kl_cost_editor_get_explanation (editor), "shared"));
  g_assert_true (kl_cost_editor_save (editor, NULL));
  g_object_unref (editor);
  kl_test_settle ();

  /* Another speaker that day has a cap of her own. */
  add_line (TRUE, KL_COST_SPEAKER_FEE, b, hand_sessions[1], NULL, "15 000", 1500000);

  /* A study fee needs persons and semesters: 2 × 2 × 10 000 kr of 50 000. */
  editor = g_object_ref (kl_cost_editor_new (kl_window_get_context (window), GTK_WINDOW (window), hand, 0));
  kl_test_present (GTK_WINDOW (editor));
  kl_cost_editor_set_budget (editor, TRUE);
  kl_cost_editor_set_category (editor, KL_COST_STUDY_FEE);
  g_assert_true (row_visible (editor, "semesters"));
  set_field (editor, "net", "50 000");
  g_assert_false (kl_cost_editor_can_save (editor));
  g_assert_true (g_str_has_prefix (kl_cost_editor_get_message (editor, "persons"), "Persons:"));
  g_assert_true (g_str_has_prefix (kl_cost_editor_get_message (editor, "semesters"), "Semesters:"));
  set_field (editor, "persons", "2");
  g_assert_cmpstr (kl_cost_editor_get_message (editor, "persons"), ==, "");
  g_assert_false (kl_cost_editor_can_save (editor));
  set_field (editor, "semesters", "2");
  g_assert_true (kl_cost_editor_can_save (editor));
  g_assert_cmpint (kl_cost_editor_get_counted (editor), ==, 4000000);
  g_assert_true (kl_cost_editor_save (editor, NULL));
  g_object_unref (editor);
  kl_test_settle ();

  /* The second speaker again, without dates: the form says the days may
   * overlap with her dated line, and so does the Costs tab. */
  name_b = consultant_name (b);
  editor = g_object_ref (kl_cost_editor_new (kl_window_get_context (window), GTK_WINDOW (window), hand, 0));
  kl_test_present (GTK_WINDOW (editor));
  kl_cost_editor_set_budget (editor, TRUE);
  kl_cost_editor_set_consultant (editor, b);
  set_field (editor, "days", "1");
  set_field (editor, "net", "5 000");
  g_assert_cmpint (kl_cost_editor_get_counted (editor), ==, 500000);
  g_assert_true (g_str_has_prefix (kl_cost_editor_get_message (editor, "warning"), name_b));
  g_assert_nonnull (strstr (kl_cost_editor_get_message (editor, "warning"), "overlap"));
  g_assert_true (kl_cost_editor_save (editor, NULL));
  g_object_unref (editor);
  kl_test_settle ();
}

/* The Costs tab: budget and actuals side by side per category, with the
 * totals as the fund counts them; a budget line's invoice is recorded
 * from it, and the budget line stays as the plan. */
static void
test_budget_and_actuals (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlCostItem) stored = NULL;
  g_autoptr(GPtrArray) costs = NULL;
  g_autofree char *warnings = NULL;
  g_autofree char *name_b = consultant_name (consultant_named (FALSE));
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n_windows = g_list_model_get_n_items (toplevels);
  KlCostEditor *editor;
  gint64 first;
  gint64 invoice;

  hand_programme ();
  /* Not eligible, and not in the budget: the other way round. */
  add_line (FALSE, KL_COST_VENUE, 0, 0, NULL, "8 000", 0);
  open_tab (hand, "costs");
  g_assert_cmpuint (kl_programme_view_count_rows (kl_test_programme_view (window), "budget"), ==, 5);
  g_assert_cmpuint (kl_programme_view_count_rows (kl_test_programme_view (window), "invoices"), ==, 1);
  g_assert_cmpuint (kl_programme_view_count_rows (kl_test_programme_view (window), "costs"), ==, 6);

  /* Budget: speaker fees 60 000 + 15 000 + 5 000, a supervisor fee of
   * 10 000, a study fee of 50 000; counted 54 000 + 0 + 15 000 + 40 000
   * + 5 000 = 114 000, of which 70 % is 79 800. */
  assert_money (kl_programme_view_get_comparison (kl_test_programme_view (window), "speaker-fee", "budget"), 8000000);
  assert_money (kl_programme_view_get_comparison (kl_test_programme_view (window), "speaker-fee", "actual"), 0);
  g_assert_cmpstr (kl_programme_view_get_comparison (kl_test_programme_view (window), "speaker-fee", "difference"), ==,
                   "−NOK 80,000.00");
  assert_money (kl_programme_view_get_comparison (kl_test_programme_view (window), "supervisor-fee", "budget"),
                1000000);
  assert_money (kl_programme_view_get_comparison (kl_test_programme_view (window), "study-fee", "budget"), 5000000);
  assert_money (kl_programme_view_get_comparison (kl_test_programme_view (window), "venue", "budget"), 0);
  assert_money (kl_programme_view_get_comparison (kl_test_programme_view (window), "venue", "actual"), 800000);
  g_assert_cmpstr (kl_programme_view_get_comparison (kl_test_programme_view (window), "venue", "difference"), ==,
                   "+NOK 8,000.00");
  g_assert_null (kl_programme_view_get_comparison (kl_test_programme_view (window), "travel", "budget"));
  assert_money (kl_programme_view_get_comparison (kl_test_programme_view (window), "net", "budget"), 14000000);
  assert_money (kl_programme_view_get_comparison (kl_test_programme_view (window), "net", "actual"), 800000);
  assert_money (kl_programme_view_get_comparison (kl_test_programme_view (window), "eligible", "budget"), 11400000);
  assert_money (kl_programme_view_get_comparison (kl_test_programme_view (window), "eligible", "actual"), 0);
  assert_money (kl_programme_view_get_comparison (kl_test_programme_view (window), "claim", "budget"), 7980000);
  assert_money (kl_programme_view_get_total (kl_test_programme_view (window), "claim"), 0);
  g_assert_cmpstr (kl_programme_view_get_comparison (kl_test_programme_view (window), "claim", "difference"), ==,
                   "−NOK 79,800.00");
  /* The budget's undated fee line and the dated one of the same speaker. */
  warnings = kl_programme_view_get_costs_warnings (kl_test_programme_view (window));
  g_assert_true (g_str_has_prefix (warnings, "In the budget: "));
  g_assert_nonnull (strstr (warnings, name_b));
  kl_test_save_png (GTK_WIDGET (window), "programme-costs-budget");
  save_narrow ("programme/%" G_GINT64_FORMAT "/costs", hand, "programme-costs-budget-narrow");

  /* The invoice for the first speaker's 60 000 kr comes: 45 000 kr. The
   * row's action opens a new invoice filled in from the budget line,
   * which asks for its number and date. */
  costs = kl_store_list_costs (db, hand, NULL);
  first = ((KlCostItem *) g_ptr_array_index (costs, 0))->id;
  g_assert_true (((KlCostItem *) g_ptr_array_index (costs, 0))->budget);
  g_assert_cmpint (((KlCostItem *) g_ptr_array_index (costs, 0))->net_ore, ==, 6000000);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kl_test_programme_view (window)), "programme.record-invoice",
                                             "x", first));
  kl_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, n_windows + 1);
  editor = g_list_model_get_item (toplevels, n_windows);
  g_assert_true (KL_IS_COST_EDITOR (editor));
  g_assert_cmpstr (kl_cost_editor_get_title (editor), ==, "Record Invoice");
  g_assert_false (kl_cost_editor_get_budget (editor));
  g_assert_true (row_visible (editor, "invoice-no"));
  /* Opened at the invoice's number, which is what is asked for. */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (editor)),
                                         GTK_WIDGET (kl_cost_editor_get_field (editor, "invoice-no"))));
  g_assert_false (kl_cost_editor_can_save (editor));
  set_field (editor, "invoice-no", "HA-2026-17");
  g_assert_false (kl_cost_editor_can_save (editor));
  g_assert_cmpstr (kl_cost_editor_get_message (editor, "invoice-date"), ==, "Invoice date: required");
  set_field (editor, "invoice-date", "2026-09-10");
  set_field (editor, "net", "45 000");
  g_assert_true (kl_cost_editor_can_save (editor));
  g_assert_cmpint (kl_cost_editor_get_counted (editor), ==, 4500000);
  kl_test_save_png (GTK_WIDGET (editor), "cost-editor-record-invoice");
  g_assert_true (kl_cost_editor_save (editor, &error));
  g_assert_no_error (error);
  invoice = kl_cost_editor_get_cost_id (editor);
  g_assert_cmpint (invoice, !=, first);
  g_object_unref (editor);
  kl_test_settle ();

  stored = kl_store_get_cost (db, invoice, NULL);
  g_assert_false (stored->budget);
  g_assert_cmpstr (stored->invoice_no, ==, "HA-2026-17");
  g_assert_cmpint (stored->days, ==, 3);
  g_clear_pointer (&stored, kl_cost_item_free);
  stored = kl_store_get_cost (db, first, NULL);
  g_assert_true (stored->budget);
  g_assert_cmpint (stored->net_ore, ==, 6000000);
  g_assert_cmpuint (kl_programme_view_count_rows (kl_test_programme_view (window), "budget"), ==, 5);
  g_assert_cmpuint (kl_programme_view_count_rows (kl_test_programme_view (window), "invoices"), ==, 2);
  /* The budget is as it was (80 000 in speaker fees, 114 000 counted,
   * claim 79 800); the actuals: 45 000 counted of 53 000, claim 31 500;
   * speaker fees 45 000 against 80 000 planned. */
  assert_money (kl_programme_view_get_comparison (kl_test_programme_view (window), "speaker-fee", "budget"), 8000000);
  assert_money (kl_programme_view_get_comparison (kl_test_programme_view (window), "speaker-fee", "actual"), 4500000);
  g_assert_cmpstr (kl_programme_view_get_comparison (kl_test_programme_view (window), "speaker-fee", "difference"), ==,
                   "−NOK 35,000.00");
  assert_money (kl_programme_view_get_comparison (kl_test_programme_view (window), "eligible", "budget"), 11400000);
  assert_money (kl_programme_view_get_comparison (kl_test_programme_view (window), "claim", "budget"), 7980000);
  assert_money (kl_programme_view_get_total (kl_test_programme_view (window), "net"), 5300000);
  assert_money (kl_programme_view_get_total (kl_test_programme_view (window), "eligible"), 4500000);
  assert_money (kl_programme_view_get_total (kl_test_programme_view (window), "claim"), 3150000);

  /* Undone, the invoice is gone and the budget line is still there. */
  kl_test_undo (window);
  g_clear_pointer (&stored, kl_cost_item_free);
  g_assert_null (kl_store_get_cost (db, invoice, NULL));
  g_assert_cmpuint (kl_programme_view_count_rows (kl_test_programme_view (window), "budget"), ==, 5);
  g_assert_cmpuint (kl_programme_view_count_rows (kl_test_programme_view (window), "invoices"), ==, 1);
  assert_money (kl_programme_view_get_comparison (kl_test_programme_view (window), "claim", "budget"), 7980000);
}

static char *
funding_status (gint64 programme_id)
{
  g_autoptr(KlFundingCase) funding = kl_store_get_funding_case (db, programme_id, NULL, NULL);

  g_assert_nonnull (funding);
  return g_strdup (funding->status);
}

/* Answers the question a funding step is waiting on, as a click would. */
static void
answer (const char *response)
{
  AdwMessageDialog *dialog = kl_programme_view_get_confirmation (kl_test_programme_view (window));

  g_assert_nonnull (dialog);
  kl_test_answer (dialog, response);
  g_assert_null (kl_programme_view_get_confirmation (kl_test_programme_view (window)));
}

static void
test_funding_steps (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *warnings = NULL;
  g_autofree char *status = NULL;

  open_tab (running, "funding");
  /* The demo's grant expires within 60 days, and sessions are ahead. */
  warnings = kl_programme_view_get_warnings (kl_test_programme_view (window));
  g_assert_nonnull (strstr (warnings, "expires"));
  g_assert_nonnull (strstr (warnings, "still to come"));

  /* Granted cannot become paid: refused, said, and nothing changes. */
  g_assert_false (kl_programme_view_record_funding_step (kl_test_programme_view (window), KL_FUNDING_STEP_PAID,
                                                         &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_TRANSITION);
  g_clear_error (&error);
  status = funding_status (running);
  g_assert_cmpstr (status, ==, "granted");
  g_assert_nonnull (strstr (kl_programme_view_get_funding_message (kl_test_programme_view (window), "paid"),
                            "cannot go"));

  /* A case number is checked as it is typed. */
  gtk_editable_set_text (kl_programme_view_get_funding_field (kl_test_programme_view (window), "case-no"), "123");
  g_assert_true (g_str_has_prefix (kl_programme_view_get_funding_message (kl_test_programme_view (window), "case-no"),
                                   "Case number:"));
  g_assert_false (kl_programme_view_record_funding_step (kl_test_programme_view (window), KL_FUNDING_STEP_PAYOUT,
                                                         &error));
  g_clear_error (&error);
  g_clear_pointer (&status, g_free);
  status = funding_status (running);
  g_assert_cmpstr (status, ==, "granted");
  gtk_editable_set_text (kl_programme_view_get_funding_field (kl_test_programme_view (window), "case-no"), "26/01234");
  g_assert_cmpstr (kl_programme_view_get_funding_message (kl_test_programme_view (window), "case-no"), ==, "");

  /* The next step, with its date, goes through. */
  gtk_editable_set_text (kl_programme_view_get_funding_field (kl_test_programme_view (window), "payout-date"),
                         "2026-11-20");
  /* It seals the payout request: asked first, and recorded on the answer. */
  g_assert_false (kl_programme_view_record_funding_step (kl_test_programme_view (window), KL_FUNDING_STEP_PAYOUT,
                                                         &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_UNCONFIRMED);
  g_clear_error (&error);
  g_assert_cmpstr (adw_message_dialog_get_heading (kl_programme_view_get_confirmation (kl_test_programme_view (window))), ==,
                   "Record and Seal the Payout Request?");
  answer ("record");
  g_clear_pointer (&status, g_free);
  status = funding_status (running);
  g_assert_cmpstr (status, ==, "payout-requested");
  /* What was marked as sent is kept as it went out. */
  {
    g_autoptr(GPtrArray) sealed = kl_fund_sealed_list (db, running, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (sealed->len, ==, 2);
  }
  g_clear_pointer (&warnings, g_free);
  warnings = kl_programme_view_get_warnings (kl_test_programme_view (window));
  g_assert_null (strstr (warnings, "expires"));

  /* A grant without its case number: the store's word, under the field. */
  open_tab (planned, "funding");
  gtk_editable_set_text (kl_programme_view_get_funding_field (kl_test_programme_view (window), "case-no"), "");
  gtk_editable_set_text (kl_programme_view_get_funding_field (kl_test_programme_view (window), "granted-amount"),
                         "100 000");
  gtk_editable_set_text (kl_programme_view_get_funding_field (kl_test_programme_view (window), "grant-date"),
                         "2026-11-20");
  gtk_editable_set_text (kl_programme_view_get_funding_field (kl_test_programme_view (window), "expiry-date"),
                         "2027-12-31");
  g_assert_false (kl_programme_view_record_funding_step (kl_test_programme_view (window), KL_FUNDING_STEP_GRANT,
                                                         &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_cmpstr (kl_programme_view_get_funding_message (kl_test_programme_view (window), "case-no"), ==,
                   "Case number: required");
  g_clear_pointer (&status, g_free);
  status = funding_status (planned);
  g_assert_cmpstr (status, ==, "applied");
  gtk_editable_set_text (kl_programme_view_get_funding_field (kl_test_programme_view (window), "case-no"), "26/04711");
  g_assert_true (kl_programme_view_record_funding_step (kl_test_programme_view (window), KL_FUNDING_STEP_GRANT,
                                                        &error));
  g_assert_no_error (error);
  g_clear_pointer (&status, g_free);
  status = funding_status (planned);
  g_assert_cmpstr (status, ==, "granted");
}

static void
set_funding_field (const char *name,
                   const char *text)
{
  gtk_editable_set_text (kl_programme_view_get_funding_field (kl_test_programme_view (window), name), text);
}

/* The Funding tab on the hand-made programme: applied, granted, claimed
 * and paid together; each step the store has a word about asks first. */
static void
test_funding_confirmations (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlFundingCase) funding = NULL;
  g_autofree char *budget_claim = money (7980000);
  g_autofree char *expired = kl_format_date ("2026-11-30");
  AdwMessageDialog *dialog;

  hand_programme ();
  /* An invoice of 20 000 kr for the first speaker's first session:
   * 18 000 kr counted, 12 600 kr claimed. */
  add_line (FALSE, KL_COST_SPEAKER_FEE, consultant_named (TRUE), hand_sessions[0], NULL, "20 000", 1800000);
  open_tab (hand, "funding");
  g_assert_cmpstr (kl_programme_view_get_funding_figure (kl_test_programme_view (window), "applied"), ==, "—");
  g_assert_cmpstr (kl_programme_view_get_funding_figure (kl_test_programme_view (window), "granted"), ==, "—");
  assert_money (kl_programme_view_get_funding_figure (kl_test_programme_view (window), "claimed"), 1260000);
  g_assert_cmpstr (kl_programme_view_get_funding_figure (kl_test_programme_view (window), "paid"), ==, "—");
  /* The application is made from the budget: 70 % of its 114 000 kr. */
  g_assert_cmpstr (gtk_editable_get_text (kl_programme_view_get_funding_field (kl_test_programme_view (window),
                                                                               "applied-amount")), ==,
                   budget_claim);

  /* Dated after the first session: asked, and Cancel records nothing. */
  set_funding_field ("applied-date", "2026-09-20");
  g_assert_false (kl_programme_view_record_funding_step (kl_test_programme_view (window), KL_FUNDING_STEP_APPLICATION,
                                                         &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_UNCONFIRMED);
  g_clear_error (&error);
  dialog = kl_programme_view_get_confirmation (kl_test_programme_view (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Record and Seal the Application?");
  /* What may be wrong comes first, then what will be kept. */
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog), "The application is dated"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "after the programme began"));
  answer ("cancel");
  g_assert_null (kl_store_get_funding_case (db, hand, NULL, NULL));
  /* Asked again, and recorded on Record Anyway. */
  g_assert_false (kl_programme_view_record_funding_step (kl_test_programme_view (window), KL_FUNDING_STEP_APPLICATION,
                                                         &error));
  g_clear_error (&error);
  answer ("record");
  funding = kl_store_get_funding_case (db, hand, NULL, NULL);
  g_assert_cmpstr (funding->status, ==, "applied");
  g_assert_cmpint (funding->applied_ore, ==, 7980000);
  /* Corrected to a date before the programme: nothing to ask. */
  set_funding_field ("applied-date", "2026-08-15");
  g_assert_true (kl_programme_view_record_funding_step (kl_test_programme_view (window), KL_FUNDING_STEP_APPLICATION,
                                                        &error));
  g_assert_no_error (error);
  g_assert_null (kl_programme_view_get_confirmation (kl_test_programme_view (window)));
  kl_test_settle ();
  assert_money (kl_programme_view_get_funding_figure (kl_test_programme_view (window), "applied"), 7980000);

  set_funding_field ("case-no", "26/04712");
  set_funding_field ("granted-amount", "60 000");
  set_funding_field ("grant-date", "2026-09-01");
  set_funding_field ("expiry-date", "2026-11-30");
  g_assert_true (kl_programme_view_record_funding_step (kl_test_programme_view (window), KL_FUNDING_STEP_GRANT,
                                                        &error));
  g_assert_no_error (error);
  kl_test_settle ();
  assert_money (kl_programme_view_get_funding_figure (kl_test_programme_view (window), "granted"), 6000000);

  /* A payout request after the grant expired puts the whole grant at risk. */
  set_funding_field ("payout-date", "2026-12-02");
  g_assert_false (kl_programme_view_record_funding_step (kl_test_programme_view (window), KL_FUNDING_STEP_PAYOUT,
                                                         &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_UNCONFIRMED);
  g_clear_error (&error);
  dialog = kl_programme_view_get_confirmation (kl_test_programme_view (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Record and Seal the Payout Request?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), expired));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "after the grant expired"));
  kl_test_save_png (GTK_WIDGET (dialog), "funding-confirm-payout");
  answer ("record");
  g_clear_pointer (&funding, kl_funding_case_free);
  funding = kl_store_get_funding_case (db, hand, NULL, NULL);
  g_assert_cmpstr (funding->status, ==, "payout-requested");
  g_assert_cmpstr (funding->payout_date, ==, "2026-12-02");

  /* 65 000 kr paid of 60 000 kr granted: refused, said under the amount,
   * and recorded only when confirmed. */
  set_funding_field ("paid-amount", "65 000");
  set_funding_field ("paid-date", "2026-12-20");
  g_assert_false (kl_programme_view_record_funding_step (kl_test_programme_view (window), KL_FUNDING_STEP_PAID,
                                                         &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_UNCONFIRMED);
  g_clear_error (&error);
  g_assert_nonnull (strstr (kl_programme_view_get_funding_message (kl_test_programme_view (window), "paid-amount"),
                            "26/04712"));
  dialog = kl_programme_view_get_confirmation (kl_test_programme_view (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Record a Payment Above the Grant?");
  kl_test_save_png (GTK_WIDGET (dialog), "funding-confirm-paid");
  answer ("cancel");
  g_clear_pointer (&funding, kl_funding_case_free);
  funding = kl_store_get_funding_case (db, hand, NULL, NULL);
  g_assert_cmpstr (funding->status, ==, "payout-requested");
  g_assert_nonnull (strstr (kl_programme_view_get_funding_message (kl_test_programme_view (window), "paid-amount"),
                            "more than"));
  g_assert_false (kl_programme_view_record_funding_step (kl_test_programme_view (window), KL_FUNDING_STEP_PAID,
                                                         &error));
  g_clear_error (&error);
  answer ("record");
  g_clear_pointer (&funding, kl_funding_case_free);
  funding = kl_store_get_funding_case (db, hand, NULL, NULL);
  g_assert_cmpstr (funding->status, ==, "paid");
  g_assert_cmpint (funding->paid_ore, ==, 6500000);
  g_assert_cmpstr (kl_programme_view_get_funding_message (kl_test_programme_view (window), "paid-amount"), ==, "");

  assert_money (kl_programme_view_get_funding_figure (kl_test_programme_view (window), "applied"), 7980000);
  assert_money (kl_programme_view_get_funding_figure (kl_test_programme_view (window), "granted"), 6000000);
  assert_money (kl_programme_view_get_funding_figure (kl_test_programme_view (window), "claimed"), 1260000);
  assert_money (kl_programme_view_get_funding_figure (kl_test_programme_view (window), "paid"), 6500000);
  kl_test_save_png (GTK_WIDGET (window), "programme-funding-figures");
  save_narrow ("programme/%" G_GINT64_FORMAT "/funding", hand, "programme-funding-figures-narrow");
}

/* The Funding page's documents: each row says whether its document can be
 * made, and the buttons write what the CLI writes. */
static void
test_fund_documents (void)
{
  gint64 requested = programme_with_status ("payout-requested");
  g_autoptr(GError) error = NULL;
  g_autoptr(KlFundVerifyReport) report = NULL;
  g_autofree char *dir = kl_test_make_dir ("gui-documents");
  g_autofree char *pdf = g_build_filename (dir, "payout.pdf", NULL);
  g_autofree char *xml = g_build_filename (dir, "payout.xml", NULL);
  g_autofree char *name = NULL;
  g_autofree char *head = NULL;
  KlFundDocumentsGroup *group;
  gint64 ungranted;

  open_tab (requested, "funding");
  group = kl_programme_view_get_documents_group (kl_test_programme_view (window));
  g_assert_true (kl_fund_documents_group_can_export (group, KL_FUND_APPLICATION));
  g_assert_true (kl_fund_documents_group_can_export (group, KL_FUND_PAYOUT));
  g_assert_true (g_str_has_prefix (kl_fund_documents_group_get_status (group, KL_FUND_PAYOUT), "Ready: "));
  name = kl_fund_documents_group_default_name (group, KL_FUND_PAYOUT, TRUE);
  g_assert_true (g_str_has_prefix (name, "OU-utbetaling-"));
  g_assert_true (g_str_has_suffix (name, ".pdf"));
  kl_test_save_png (GTK_WIDGET (group), "funding-documents");

  g_assert_true (kl_fund_documents_group_export_to (group, KL_FUND_PAYOUT, TRUE, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &head, NULL, NULL));
  g_assert_true (g_str_has_prefix (head, "%PDF-"));
  g_assert_true (kl_fund_documents_group_export_to (group, KL_FUND_PAYOUT, FALSE, xml, &error));
  g_assert_no_error (error);
  report = kl_fund_xml_verify (db, xml, KL_LANG_NB, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->mismatches->len, ==, 0);

  /* English documents get English names; the choice is the setting every
   * document of the application follows. */
  g_assert_cmpint (kl_document_language (), ==, KL_LANG_NB);
  kl_fund_documents_group_set_lang (group, KL_LANG_EN);
  g_assert_cmpint (kl_document_language (), ==, KL_LANG_EN);
  g_clear_pointer (&name, g_free);
  name = kl_fund_documents_group_default_name (group, KL_FUND_APPLICATION, FALSE);
  g_assert_true (g_str_has_prefix (name, "OU-application-"));
  g_assert_true (g_str_has_suffix (name, ".xml"));
  kl_fund_documents_group_set_lang (group, KL_LANG_NB);
  g_assert_cmpint (kl_document_language (), ==, KL_LANG_NB);

  /* Without a grant, the payout request says why and cannot be saved. */
  {
    g_autoptr(KlProgramme) source = kl_store_get_programme (db, requested, NULL);
    g_autoptr(KlProgramme) fresh = kl_programme_new ();

    fresh->client_id = source->client_id;
    fresh->title = g_strdup ("LED SKOLE uten tilsagn");
    fresh->kind = g_strdup ("led-skole");
    fresh->status = g_strdup ("planned");
    fresh->start_date = g_strdup ("2027-01-10");
    fresh->end_date = g_strdup ("2027-06-10");
    g_assert_true (kl_store_insert_programme (db, fresh, &error));
    g_assert_no_error (error);
    ungranted = fresh->id;
  }
  open_tab (ungranted, "funding");
  g_assert_false (kl_fund_documents_group_can_export (group, KL_FUND_PAYOUT));
  g_assert_nonnull (strstr (kl_fund_documents_group_get_status (group, KL_FUND_PAYOUT), "no grant is recorded yet"));
  g_assert_false (kl_fund_documents_group_export_to (group, KL_FUND_PAYOUT, TRUE, pdf, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_INCOMPLETE);
  kl_test_remove_dir (dir);
}

/* A programme with nothing yet: each tab offers its first step. */
static void
test_empty_programme (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlClient) client = kl_client_new ();
  g_autoptr(KlProgramme) programme = kl_programme_new ();
  g_autofree char *warnings = NULL;
  KlEnrolDialog *dialog;
  gint64 someone;

  client->name = g_strdup ("Nordvik skole");
  client->kind = g_strdup ("skole");
  g_assert_true (kl_store_insert_client (db, client, &error));
  programme->client_id = client->id;
  programme->title = g_strdup ("Nettverk Nordvik");
  programme->kind = g_strdup ("nettverk");
  programme->status = g_strdup ("planned");
  programme->start_date = g_strdup ("2027-01-01");
  programme->end_date = g_strdup ("2027-06-30");
  g_assert_true (kl_store_insert_programme (db, programme, &error));
  g_assert_no_error (error);

  open_tab (programme->id, "sessions");
  g_assert_cmpstr (kl_programme_view_get_tab_state (kl_test_programme_view (window), "sessions"), ==, "empty");
  kl_test_save_png (GTK_WIDGET (window), "programme-empty-sessions");
  open_tab (programme->id, "participants");
  g_assert_cmpstr (kl_programme_view_get_tab_state (kl_test_programme_view (window), "participants"), ==, "empty");
  open_tab (programme->id, "attendance");
  g_assert_cmpstr (kl_programme_view_get_tab_state (kl_test_programme_view (window), "attendance"), ==, "empty");
  open_tab (programme->id, "costs");
  g_assert_cmpstr (kl_programme_view_get_tab_state (kl_test_programme_view (window), "costs"), ==, "empty");
  /* No org number up the chain: no application to the fund. */
  open_tab (programme->id, "funding");
  warnings = kl_programme_view_get_warnings (kl_test_programme_view (window));
  g_assert_nonnull (strstr (warnings, "Org number"));

  /* Enrolling from the picker, searched. */
  open_tab (programme->id, "participants");
  dialog = g_object_ref (kl_enrol_dialog_new (kl_window_get_context (window), GTK_WINDOW (window), programme->id));
  kl_test_present (GTK_WINDOW (dialog));
  g_assert_cmpuint (kl_enrol_dialog_get_n_shown (dialog), ==,
                    kl_test_query_int (db, "SELECT count(*) FROM participant WHERE ?1 > 0", 1));
  kl_enrol_dialog_set_search (dialog, "RekTor");
  g_assert_cmpuint (kl_enrol_dialog_get_n_shown (dialog), >, 0);
  g_assert_cmpuint (kl_enrol_dialog_get_n_shown (dialog), <,
                    kl_test_query_int (db, "SELECT count(*) FROM participant WHERE ?1 > 0", 1));
  someone = kl_enrol_dialog_get_shown_id (dialog, 0);
  kl_enrol_dialog_select (dialog, someone, TRUE);
  kl_test_save_png (GTK_WIDGET (dialog), "enrol-dialog");
  kl_enrol_dialog_set_search (dialog, "xyzzy-nobody");
  g_assert_cmpuint (kl_enrol_dialog_get_n_shown (dialog), ==, 0);
  kl_test_save_png (GTK_WIDGET (dialog), "enrol-dialog-no-match");
  g_assert_true (kl_enrol_dialog_enrol (dialog, &error));
  g_assert_no_error (error);
  kl_test_settle ();
  g_assert_cmpstr (kl_programme_view_get_tab_state (kl_test_programme_view (window), "participants"), ==, "list");
  g_assert_cmpuint (kl_programme_view_count_rows (kl_test_programme_view (window), "participants"), ==, 1);

  /* Without marks, taking someone out is allowed, and undone. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kl_test_programme_view (window)), "programme.unenrol", "x",
                                             someone));
  kl_test_settle ();
  g_assert_cmpstr (kl_programme_view_get_tab_state (kl_test_programme_view (window), "participants"), ==, "empty");
  kl_test_undo (window);
  g_assert_cmpuint (kl_programme_view_count_rows (kl_test_programme_view (window), "participants"), ==, 1);
  kl_test_undo (window);
  g_assert_cmpstr (kl_programme_view_get_tab_state (kl_test_programme_view (window), "participants"), ==, "empty");
  g_object_unref (dialog);
}

/* A PNG of every tab, named by language, in the build directory. */
static void
test_screenshots (void)
{
  static const char *const tabs[] = { "overview", "sessions", "participants", "attendance", "costs", "funding" };

  for (guint i = 0; i < G_N_ELEMENTS (tabs); i++)
    {
      g_autofree char *name = g_strdup_printf ("programme-%s", tabs[i]);
      g_autoptr(GError) error = NULL;

      open_tab (running, tabs[i]);
      kl_test_save_png (GTK_WIDGET (window), name);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *path = NULL;

  /* The day these tests were written for: the demo is placed around it,
   * and the hand-made programme's dates and funding steps are fixed. */
  g_setenv ("KARTLESER_NOW", "2026-12-02T10:00", TRUE);
  db = kl_test_gui_start_demo (&argc, &argv, &tmp_dir);
  running = programme_with_status ("granted");
  planned = programme_with_status ("applied");

  window = kl_test_open_window (db);

  /* First, before any toast covers a part of them. */
  g_test_add_func ("/gui-programme/screenshots", test_screenshots);
  g_test_add_func ("/gui-programme/page-path", test_page_path);
  g_test_add_func ("/gui-programme/sessions-match-database", test_sessions_match_database);
  g_test_add_func ("/gui-programme/session-editor", test_session_editor);
  g_test_add_func ("/gui-programme/session-delete", test_session_delete);
  g_test_add_func ("/gui-programme/participants-match-database", test_participants_match_database);
  g_test_add_func ("/gui-programme/attendance-keys", test_attendance_keys);
  g_test_add_func ("/gui-programme/mark-column-present", test_mark_column_present);
  g_test_add_func ("/gui-programme/costs", test_costs);
  g_test_add_func ("/gui-programme/cost-editor-budget-lines", test_cost_editor_budget_lines);
  g_test_add_func ("/gui-programme/budget-and-actuals", test_budget_and_actuals);
  g_test_add_func ("/gui-programme/funding-steps", test_funding_steps);
  g_test_add_func ("/gui-programme/funding-confirmations", test_funding_confirmations);
  g_test_add_func ("/gui-programme/fund-documents", test_fund_documents);
  g_test_add_func ("/gui-programme/empty-programme", test_empty_programme);
  return kl_test_gui_run (&window, &db, &tmp_dir);
}
