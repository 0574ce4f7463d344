/* Live updates in the window (issue 13): another connection to the same
 * database (another Kartleser, another process) adds a programme and
 * marks attendance, and the open programme list and attendance grid show
 * it within about a second, without a click: the list keeps its selected
 * record, the Overview counts anew, and funding figures typed and not
 * yet saved stay as typed. A file is read for others' commits once a
 * second (PRAGMA data_version), so the limit is the next reading plus the
 * reload; a server notifies at once (test-gui-live-postgresql). PNGs of
 * the list, the grid and the Overview. */

#include <adwaita.h>

#include "kl-attendance-grid-view.h"
#include "kl-demo.h"
#include "kl-overview-page.h"
#include "kl-programme-view.h"
#include "kl-store.h"
#include "kl-test-gui.h"
#include "kl-test-store.h"
#include "kl-test-util.h"
#include "kl-window.h"

#define NOW "2026-03-01T10:00"
/* The next reading of data_version (a second apart), and the reload. */
#define LIMIT 1.25

static char *tmp_dir;
static KlDb *db;
static KlDb *other;
static KlWindow *window;

typedef gboolean (*Condition) (gpointer data);

/* The main loop runs until condition holds or LIMIT seconds pass; the
 * seconds it took, or -1 when it never held. */
static double
wait_until (Condition condition,
            gpointer  data)
{
  gint64 start = g_get_monotonic_time ();
  gint64 end = start + (gint64) (LIMIT * G_USEC_PER_SEC);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        return -1;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static KlListPage *
programmes (void)
{
  return kl_window_get_list (window, KL_LIST_PROGRAMMES);
}

static guint
selected_position (void)
{
  GtkSelectionModel *model = gtk_column_view_get_model (kl_list_page_get_column_view (programmes ()));

  return gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (model));
}

static gboolean
list_shows (gpointer data)
{
  gint64 id = *(gint64 *) data;
  KlListPage *list = programmes ();

  for (guint i = 0; i < kl_list_page_get_n_rows (list); i++)
    if (kl_list_page_get_row_id (list, i) == id)
      return TRUE;
  return FALSE;
}

static KlAttendanceGridView *
grid (void)
{
  return kl_programme_view_get_attendance_grid (kl_test_programme_view (window));
}

static gboolean
grid_marked (gpointer data)
{
  const guint *cell = data;

  return kl_attendance_grid_view_get_mark (grid (), cell[0], cell[1]) == 'P';
}

static gboolean
title_is (gpointer data)
{
  return g_strcmp0 (kl_programme_view_get_title (kl_test_programme_view (window)), data) == 0;
}

static gint64
add_participant (KlDb       *to,
                 const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlParticipant) participant = kl_participant_new ();

  participant->name = g_strdup (name);
  g_assert_true (kl_store_insert_participant (to, participant, &error));
  g_assert_no_error (error);
  return participant->id;
}

static gint64
first_id (KlDb       *from,
          const char *sql)
{
  g_autoptr(KlStmt) stmt = kl_db_query (from, NULL, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_true (kl_stmt_next (stmt, NULL));
  return kl_stmt_int (stmt, 0);
}

/* The list on screen, a record selected, while another Kartleser adds a
 * programme with a seminar held and one mark; then the grid of that
 * programme on screen while the other marks a second participant. */
static void
test_list_and_grid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlProgramme) programme = kl_programme_new ();
  KlListPage *list;
  gint64 selected_id;
  gint64 session_id;
  gint64 anne;
  gint64 bjorn;
  guint n_before;
  guint cell[2];
  double took;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "programmes"));
  kl_test_settle ();
  list = programmes ();
  n_before = kl_list_page_get_n_rows (list);
  g_assert_cmpuint (n_before, >=, 3);
  gtk_selection_model_select_item (gtk_column_view_get_model (kl_list_page_get_column_view (list)), 1, TRUE);
  selected_id = kl_list_page_get_row_id (list, 1);

  programme->client_id = first_id (other, "SELECT min(id) FROM client");
  /* First in the list, which is by start, latest first: the selected
   * record moves down a row. */
  programme->title = g_strdup ("Ledelse i praksis (live)");
  programme->kind = g_strdup ("led-skole");
  programme->start_date = g_strdup ("2026-02-16");
  programme->end_date = g_strdup ("2036-06-12");
  g_assert_true (kl_store_insert_programme (other, programme, &error));
  g_assert_no_error (error);
  session_id = kl_test_add_session (other, programme->id, "Samling 1", "2026-02-16T09:00", "2026-02-16T15:00");
  anne = add_participant (other, "Anne Live");
  bjorn = add_participant (other, "Bjørn Live");
  kl_test_enrol (other, programme->id, anne);
  kl_test_enrol (other, programme->id, bjorn);
  kl_test_mark (other, session_id, anne, "present", 360);

  took = wait_until (list_shows, &programme->id);
  g_test_message ("the list showed the other client's programme after %.3f s", took);
  g_assert_cmpfloat (took, >=, 0);
  g_assert_cmpuint (kl_list_page_get_n_rows (list), ==, n_before + 1);
  /* The same record is selected, wherever the new row put it. */
  g_assert_cmpuint (selected_position (), !=, GTK_INVALID_LIST_POSITION);
  g_assert_cmpint (kl_list_page_get_row_id (list, selected_position ()), ==, selected_id);
  kl_test_settle ();
  kl_test_save_png (GTK_WIDGET (window), "live-list");

  {
    g_autofree char *page = g_strdup_printf ("programme/%" G_GINT64_FORMAT "/attendance", programme->id);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", page));
    kl_test_settle ();
  }
  /* Rows by name, columns by start: Anne 0, Bjørn 1; the one seminar. */
  g_assert_cmpint (kl_attendance_grid_view_get_mark (grid (), 0, 0), ==, 'P');
  g_assert_cmpint (kl_attendance_grid_view_get_mark (grid (), 1, 0), !=, 'P');
  kl_test_mark (other, session_id, bjorn, "present", 360);
  cell[0] = 1;
  cell[1] = 0;
  took = wait_until (grid_marked, cell);
  g_test_message ("the grid showed the other client's mark after %.3f s", took);
  g_assert_cmpfloat (took, >=, 0);
  /* Two of two present: 100 % for the seminar. */
  g_assert_cmpfloat_with_epsilon (kl_attendance_grid_view_get_column_rate (grid (), 0), 1.0, 1e-9);
  kl_test_settle ();
  kl_test_save_png (GTK_WIDGET (window), "live-grid");
}

static KlOverviewPage *
overview (void)
{
  return KL_OVERVIEW_PAGE (kl_window_get_page_widget (window, "overview"));
}

static gboolean
running_is (gpointer data)
{
  return !kl_overview_page_is_loading (overview ())
         && kl_overview_page_count (overview (), "running") == GPOINTER_TO_UINT (data);
}

/* The Overview on screen counts one programme more under way when
 * another client starts one. */
static void
test_overview (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlProgramme) programme = kl_programme_new ();
  guint running;
  double took;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "overview"));
  kl_test_settle ();
  kl_test_wait_overview (overview ());
  running = kl_overview_page_count (overview (), "running");

  /* Started in February with a seminar held, one more to come: under way
   * on 1 March. */
  programme->client_id = first_id (other, "SELECT min(id) FROM client");
  programme->title = g_strdup ("Skoleledelse (live)");
  programme->kind = g_strdup ("led-skole");
  programme->start_date = g_strdup ("2026-02-02");
  programme->end_date = g_strdup ("2026-06-12");
  g_assert_true (kl_store_insert_programme (other, programme, &error));
  g_assert_no_error (error);
  kl_test_add_session (other, programme->id, "Samling 1", "2026-02-02T09:00", "2026-02-02T15:00");
  kl_test_add_session (other, programme->id, "Samling 2", "2026-04-13T09:00", "2026-04-13T15:00");

  took = wait_until (running_is, GUINT_TO_POINTER (running + 1));
  g_test_message ("the Overview counted the other client's programme after %.3f s", took);
  g_assert_cmpfloat (took, >=, 0);
  kl_test_settle ();
  kl_test_save_png (GTK_WIDGET (window), "live-overview");
}

/* Funding figures typed and not saved are the user's: another client's
 * change reloads the view (its title shows the new name) and leaves
 * them as typed, the date of an application to come too, where the view
 * would otherwise suggest today. */
static void
test_typing_kept (void)
{
  gint64 id = first_id (db, "SELECT max(id) FROM programme p "
                            "WHERE NOT EXISTS (SELECT 1 FROM funding_case f WHERE f.programme_id = p.id)");
  g_autofree char *page = g_strdup_printf ("programme/%" G_GINT64_FORMAT "/funding", id);
  GtkEditable *case_no;
  GtkEditable *applied;

  g_assert_cmpint (id, >, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", page));
  kl_test_settle ();
  case_no = kl_programme_view_get_funding_field (kl_test_programme_view (window), "case-no");
  applied = kl_programme_view_get_funding_field (kl_test_programme_view (window), "applied-date");
  gtk_editable_set_text (case_no, "2026/0417");
  gtk_editable_set_text (applied, "2026-02-20");

  g_assert_true (kl_db_exec (other, NULL, "UPDATE programme SET title = ? WHERE id = ?", "ti",
                             "Ledelse i praksis (nytt navn)", id));
  g_assert_cmpfloat (wait_until (title_is, "Ledelse i praksis (nytt navn)"), >=, 0);
  kl_test_settle ();
  g_assert_cmpstr (gtk_editable_get_text (case_no), ==, "2026/0417");
  g_assert_cmpstr (gtk_editable_get_text (applied), ==, "2026-02-20");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  g_setenv ("KARTLESER_NOW", NOW, TRUE);
  tmp_dir = kl_test_gui_start (&argc, &argv);
  {
    /* A file, or a database on the run's cluster (KL_TEST_BACKEND). */
    g_autofree char *location = kl_test_db_location_named (tmp_dir, "demo.db");

    db = kl_db_open (location, &error);
    g_assert_no_error (error);
    g_assert_true (kl_demo_fill (db, 0, &error));
    g_assert_no_error (error);
  }
  other = kl_db_open (kl_db_get_path (db), &error);
  g_assert_no_error (error);
  window = kl_test_open_window (db);

  g_test_add_func ("/live/list-and-grid", test_list_and_grid);
  g_test_add_func ("/live/overview", test_overview);
  g_test_add_func ("/live/typing-kept", test_typing_kept);
  {
    int status = g_test_run ();

    /* The other connection goes first, then as kl_test_gui_run. */
    g_clear_object (&other);
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&window)));
    g_clear_object (&db);
    kl_test_remove_dir (tmp_dir);
    g_free (tmp_dir);
    return status;
  }
}
