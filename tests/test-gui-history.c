/* A programme's History… window: empty on fresh demo data, then every
 * mark set in the grid (at a session held since the demo was made) and
 * every undo of it, newest first, with who and when, following the
 * database while it is open; PNGs for people. */

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "kl-attendance-grid-view.h"
#include "kl-history-window.h"
#include "kl-programme-view.h"
#include "kl-store.h"
#include "kl-test-gui.h"
#include "kl-test-util.h"
#include "kl-window.h"

static char *tmp_dir;
static KlDb *db;
static KlWindow *window;
static gint64 running;

/* Opens the history from the programme's overview, as the button does. */
static KlHistoryWindow *
open_history (void)
{
  KlHistoryWindow *history;

  kl_test_open_programme_tab (window, running, "overview");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kl_test_programme_view (window)), "programme.history", NULL));
  history = (KlHistoryWindow *) kl_test_find_dialog (KL_TYPE_HISTORY_WINDOW, NULL);
  g_assert_nonnull (history);
  kl_test_wait_mapped (GTK_WIDGET (history));
  kl_test_settle ();
  return history;
}

static const char *
row_title (KlHistoryWindow *history,
           int              index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (kl_history_window_get_list (history), index);

  g_assert_nonnull (row);
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

static const char *
row_subtitle (KlHistoryWindow *history,
              int              index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (kl_history_window_get_list (history), index);

  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* The first session held, for everyone, that nobody has a mark in. */
static guint
unmarked_column (KlAttendanceGridView *grid)
{
  const KlAttendanceGrid *data = kl_attendance_grid_view_get_grid (grid);

  for (guint col = 0; col < data->sessions->len; col++)
    {
      const KlSession *session = g_ptr_array_index (data->sessions, col);
      gboolean empty = kl_attendance_grid_session_counts (data, col, NULL)
                       && g_str_equal (kl_session_audience (session), "all");

      for (guint row = 0; row < data->participants->len; row++)
        empty &= kl_attendance_grid_view_get_mark (grid, row, col) == 0;
      if (empty)
        return col;
    }
  g_assert_not_reached ();
}

static void
test_empty (void)
{
  KlHistoryWindow *history = open_history ();

  /* The demo's generated data are nobody's change. */
  g_assert_cmpuint (kl_history_window_get_n_rows (history), ==, 0);
  kl_test_save_png (GTK_WIDGET (history), "history-empty");
  gtk_window_destroy (GTK_WINDOW (history));
  kl_test_settle ();
}

static void
test_marks_and_undo (void)
{
  KlAttendanceGridView *grid = kl_programme_view_get_attendance_grid (kl_test_programme_view (window));
  KlHistoryWindow *history;
  g_autofree char *who = g_strdup_printf (" · %s", g_get_user_name ());
  g_autoptr(GPtrArray) costs = NULL;
  KlCostItem *cost;
  guint col;

  kl_test_open_programme_tab (window, running, "attendance");
  col = unmarked_column (grid);
  g_assert_true (kl_attendance_grid_expected (kl_attendance_grid_view_get_grid (grid), 0, col));
  kl_attendance_grid_view_set_cursor (grid, 0, col);
  /* present, then absent, then Ctrl+Z back to present */
  g_assert_true (kl_attendance_grid_view_handle_key (grid, GDK_KEY_space, 0));
  g_assert_true (kl_attendance_grid_view_handle_key (grid, GDK_KEY_space, 0));
  kl_test_settle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  kl_test_settle ();

  history = open_history ();
  g_assert_cmpuint (kl_history_window_get_n_rows (history), ==, 3);
  g_assert_nonnull (strstr (row_title (history, 0), ": Absent → Present"));
  g_assert_nonnull (strstr (row_title (history, 1), ": Present → Absent"));
  g_assert_nonnull (strstr (row_title (history, 2), ": not marked → Present"));
  g_assert_true (g_str_has_prefix (row_title (history, 2), "Attendance: "));
  g_assert_true (g_str_has_suffix (row_subtitle (history, 0), who));

  /* While it is open, a cost changed elsewhere shows at the top. */
  costs = kl_store_list_costs (db, running, NULL);
  g_assert_cmpuint (costs->len, >, 0);
  cost = g_ptr_array_index (costs, 0);
  cost->net_ore += 100000;
  g_assert_true (kl_store_update_cost (db, cost, NULL));
  kl_test_settle ();
  g_assert_cmpuint (kl_history_window_get_n_rows (history), ==, 4);
  g_assert_true (g_str_has_prefix (row_title (history, 0), "Cost item "));
  g_assert_nonnull (strstr (row_title (history, 0), ": net "));

  kl_test_save_png (GTK_WIDGET (history), "history");
  gtk_window_destroy (GTK_WINDOW (history));
  kl_test_settle ();
}

int
main (int    argc,
      char **argv)
{
  tmp_dir = kl_test_gui_start (&argc, &argv);
  /* The demo records the sessions held by the day it is made; two weeks
   * later the next one is held and nobody has marked it yet. */
  g_setenv ("KARTLESER_NOW", "2026-12-02T10:00", TRUE);
  db = kl_test_demo_db (tmp_dir);
  g_setenv ("KARTLESER_NOW", "2026-12-16T10:00", TRUE);
  {
    g_autoptr(KlStmt) stmt = kl_db_query (db, NULL, "SELECT programme_id FROM funding_case WHERE status = 'granted'",
                                          NULL);

    g_assert_true (kl_stmt_next (stmt, NULL));
    running = kl_stmt_int (stmt, 0);
  }
  window = kl_test_open_window (db);

  g_test_add_func ("/gui-history/empty", test_empty);
  g_test_add_func ("/gui-history/marks-and-undo", test_marks_and_undo);
  return kl_test_gui_run (&window, &db, &tmp_dir);
}
