/* Attendance that means what it says, in the window, on 1 March 2026
 * (KARTLESER_NOW) and a programme of the test's own: LED SKOLE at two
 * schools of one municipality, a joint seminar, on-site coaching at each
 * school, a seminar held and not recorded yet, and two to come. A fresh
 * grid shows no 0 % anywhere; a session to come takes only an excused
 * absence; coaching at one school is not expected of the other's
 * participants; the Overview lists what is left to record and opens the
 * grid there; the session editor says whom a session is for; the status
 * follows the calendar but for a cancellation; certificates before the
 * end are asked about first. Figures are worked out by hand in the
 * comments. PNGs of the grid and the Overview, wide and narrow. */

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "kl-attendance-grid-view.h"
#include "kl-error.h"
#include "kl-form.h"
#include "kl-labels.h"
#include "kl-overview-page.h"
#include "kl-programme-editor.h"
#include "kl-programme-view.h"
#include "kl-session-editor.h"
#include "kl-store.h"
#include "kl-test-gui.h"
#include "kl-test-store.h"
#include "kl-test-util.h"
#include "kl-window.h"

#define NOW "2026-03-01T10:00"

static char *tmp_dir;
static KlDb *db;
static KlWindow *window;
static gint64 programme;
static gint64 baerum, hegg, lommedalen;
/* By name, as the grid sorts them: rows 0 to 3. */
enum { ANNE, BJORN, CECILIE, DAVID, N_PEOPLE };
static gint64 people[N_PEOPLE];
/* By start, as the grid's columns. */
enum { SEMINAR_1, COACHING_HEGG, COACHING_LOMMEDALEN, SEMINAR_2, SEMINAR_3, SEMINAR_4, N_SESSIONS };
static gint64 sessions[N_SESSIONS];

static KlAttendanceGridView *
grid (void)
{
  return kl_programme_view_get_attendance_grid (kl_test_programme_view (window));
}

static void
show (const char *page)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", page));
  kl_test_settle ();
}

static void
open_tab (const char *tab)
{
  g_autofree char *page = g_strdup_printf ("programme/%" G_GINT64_FORMAT "/%s", programme, tab);

  show (page);
  g_assert_cmpstr (kl_window_get_page (window), ==, "programme");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (kl_programme_view_get_stack (kl_test_programme_view (window))), ==, tab);
}

static char
stored_mark (int person,
             int session)
{
  g_autoptr(KlStmt) stmt = kl_db_query (db, NULL,
                                        "SELECT status FROM attendance WHERE participant_id = ?1 AND session_id = ?2",
                                        "ii", people[person], sessions[session]);
  g_autofree char *status = NULL;

  g_assert_nonnull (stmt);
  if (!kl_stmt_next (stmt, NULL))
    return 0;
  status = kl_stmt_text (stmt, 0);
  return kl_attendance_mark_of (status);
}

/* Every test starts from nothing recorded. */
static void
clear_marks (void)
{
  g_assert_true (kl_db_exec (db, NULL, "DELETE FROM attendance", NULL));
  kl_test_settle ();
}

/* The texts of the labels on screen under a widget, one a line: what a
 * user reads there. */
static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

static char *
text_on_screen (GtkWidget *widget)
{
  GString *text = g_string_new (NULL);

  collect_text (widget, text);
  return g_string_free (text, FALSE);
}

static guint
count_lines (const char *text,
             const char *line)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    n += g_str_equal (lines[i], line);
  return n;
}

/* A PNG of a page in a window of its own, opened at that width: no
 * toast of the tests before covers it. As narrow as a phone (360 pixels)
 * the window folds to one column; GTK 4.8 warns once there as the view
 * switcher bar is revealed (see test-gui-programme): warnings are not
 * fatal while it is open, criticals still are. */
static void
save_page (const char *page,
           int         width,
           const char *name)
{
  GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  KlWindow *narrow = kl_window_new (NULL, db, NULL);

  gtk_window_set_default_size (GTK_WINDOW (narrow), width, 720);
  gtk_window_present (GTK_WINDOW (narrow));
  kl_test_wait_mapped (GTK_WIDGET (narrow));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (narrow), "win.show-page", "s", page));
  kl_test_settle ();
  /* Folded, the page is beside the sidebar: there, as a click on the
   * sidebar takes one. */
  if (adw_leaflet_get_folded (ADW_LEAFLET (kl_test_find_descendant (GTK_WIDGET (narrow), ADW_TYPE_LEAFLET))))
    adw_leaflet_navigate (ADW_LEAFLET (kl_test_find_descendant (GTK_WIDGET (narrow), ADW_TYPE_LEAFLET)),
                          ADW_NAVIGATION_DIRECTION_FORWARD);
  kl_test_settle ();
  kl_test_save_png (GTK_WIDGET (narrow), name);
  gtk_window_destroy (GTK_WINDOW (narrow));
  kl_test_settle ();
  g_log_set_always_fatal (fatal);
}

/* Nothing recorded: every rate is "—", nobody is warned about, and no
 * 0 % anywhere; the cells not expected say so, for both reasons. */
static void
test_fresh_grid (void)
{
  const KlAttendanceGrid *data;
  g_autofree char *participants = NULL;
  g_autofree char *overview = NULL;
  g_autofree char *attendance = NULL;
  g_autofree char *dash = kl_form_format_percent (-1);
  g_autofree char *page = g_strdup_printf ("programme/%" G_GINT64_FORMAT "/attendance", programme);

  clear_marks ();
  open_tab ("attendance");
  g_assert_cmpstr (kl_programme_view_get_tab_state (kl_test_programme_view (window), "attendance"), ==, "grid");
  data = kl_attendance_grid_view_get_grid (grid ());
  g_assert_cmpuint (data->participants->len, ==, N_PEOPLE);
  g_assert_cmpuint (data->sessions->len, ==, N_SESSIONS);
  g_assert_cmpstr (dash, ==, "—");
  g_assert_cmpfloat (kl_attendance_grid_view_get_rate (grid ()), <, 0);
  for (guint r = 0; r < N_PEOPLE; r++)
    g_assert_cmpfloat (kl_attendance_grid_view_get_row_rate (grid (), r), <, 0);
  for (guint c = 0; c < N_SESSIONS; c++)
    g_assert_cmpfloat (kl_attendance_grid_view_get_column_rate (grid (), c), <, 0);

  /* Expected: at the seminars everyone enrolled then (David from
   * 1 February), at the coaching each school's two. */
  g_assert_cmpint (data->expected[DAVID * N_SESSIONS + SEMINAR_1], ==, KL_CELL_NOT_ENROLLED);
  g_assert_cmpint (data->expected[CECILIE * N_SESSIONS + COACHING_HEGG], ==, KL_CELL_NOT_IN_AUDIENCE);
  g_assert_cmpint (data->expected[ANNE * N_SESSIONS + COACHING_LOMMEDALEN], ==, KL_CELL_NOT_IN_AUDIENCE);
  g_assert_cmpuint (kl_attendance_grid_count_expected (data, SEMINAR_1), ==, 3);
  g_assert_cmpuint (kl_attendance_grid_count_expected (data, COACHING_HEGG), ==, 2);
  g_assert_cmpuint (kl_attendance_grid_count_expected (data, COACHING_LOMMEDALEN), ==, 2);
  g_assert_cmpuint (kl_attendance_grid_count_expected (data, SEMINAR_2), ==, 4);

  /* Held sessions not recorded are possible attendance, not absence:
   * no warning above the grid. */
  attendance = text_on_screen (GTK_WIDGET (kl_test_programme_view (window)));
  g_assert_null (strstr (attendance, "0%"));
  g_assert_null (strstr (attendance, "0 %"));
  kl_test_save_png (GTK_WIDGET (window), "attendance-fresh");
  save_page (page, 360, "attendance-fresh-narrow");

  /* The Participants tab: a dash for each, no rate in its description. */
  open_tab ("participants");
  participants = text_on_screen (GTK_WIDGET (kl_test_programme_view (window)));
  g_assert_cmpuint (count_lines (participants, "—"), ==, N_PEOPLE);
  g_assert_null (strstr (participants, "0%"));
  g_assert_null (strstr (participants, "0 %"));
  if (kl_test_in_english ())
    g_assert_nonnull (strstr (participants, "4 enrolled\n"));

  open_tab ("overview");
  overview = text_on_screen (GTK_WIDGET (kl_test_programme_view (window)));
  if (kl_test_in_english ())
    {
      g_assert_nonnull (strstr (overview, "Nothing recorded yet\n"));
      g_assert_nonnull (strstr (overview, "Running\n"));   /* from its first session, 15 January */
    }
}

/* Samling 3 is on 20 March: the future takes an excused absence only,
 * and says so for everything else. */
static void
test_future_refused (void)
{
  g_autoptr(GError) error = NULL;
  const char *toast;
  GtkWidget *all;

  clear_marks ();
  open_tab ("attendance");
  kl_attendance_grid_view_set_cursor (grid (), ANNE, SEMINAR_3);

  /* Space (a click does the same): nothing written, the reason said. */
  g_assert_true (kl_attendance_grid_view_handle_key (grid (), GDK_KEY_space, 0));
  g_assert_cmpint (stored_mark (ANNE, SEMINAR_3), ==, 0);
  g_assert_cmpint (kl_attendance_grid_view_get_mark (grid (), ANNE, SEMINAR_3), ==, 0);
  toast = kl_window_get_last_toast (window);
  g_assert_nonnull (toast);
  if (kl_test_in_english ())
    g_assert_cmpstr (toast, ==, "“Samling 3” has not started yet (20 Mar 2026 09:00): only an excused absence (E) "
                                "can be recorded ahead");
  kl_test_save_png (GTK_WIDGET (window), "attendance-future-refused");

  /* P, A and H the same; H asks no hours. */
  g_assert_true (kl_attendance_grid_view_handle_key (grid (), GDK_KEY_p, 0));
  g_assert_true (kl_attendance_grid_view_handle_key (grid (), GDK_KEY_a, 0));
  g_assert_true (kl_attendance_grid_view_handle_key (grid (), GDK_KEY_h, 0));
  kl_test_settle ();
  g_assert_null (kl_attendance_grid_view_get_hours_dialog (grid ()));
  g_assert_cmpint (stored_mark (ANNE, SEMINAR_3), ==, 0);
  g_assert_false (kl_attendance_grid_view_set_mark (grid (), ANNE, SEMINAR_3, 'P', 0, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  /* "All" is off for it, and refuses if pressed all the same. */
  all = kl_attendance_grid_view_get_column_button (grid (), SEMINAR_3);
  g_assert_false (gtk_widget_get_sensitive (all));
  g_assert_true (gtk_widget_get_sensitive (kl_attendance_grid_view_get_column_button (grid (), SEMINAR_2)));
  g_assert_false (kl_attendance_grid_view_mark_column_present (grid (), SEMINAR_3, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_cmpint (kl_test_query_int (db, "SELECT count(*) FROM attendance WHERE session_id = ?1",
                                      sessions[SEMINAR_3]), ==, 0);

  /* Excused ahead is allowed, and undone. */
  g_assert_true (kl_attendance_grid_view_handle_key (grid (), GDK_KEY_e, 0));
  g_assert_cmpint (stored_mark (ANNE, SEMINAR_3), ==, 'E');
  g_assert_cmpint (kl_attendance_grid_view_get_mark (grid (), ANNE, SEMINAR_3), ==, 'E');
  /* An excused absence to come counts in no rate yet. */
  g_assert_cmpfloat (kl_attendance_grid_view_get_row_rate (grid (), ANNE), <, 0);
  kl_test_undo (window);
  g_assert_cmpint (stored_mark (ANNE, SEMINAR_3), ==, 0);
  g_assert_cmpint (kl_attendance_grid_view_get_mark (grid (), ANNE, SEMINAR_3), ==, 0);
}

/* Coaching at Hegg skole is for Anne and Bjørn only: Cecilie's and
 * David's cells are not expected, cannot be marked, and count nowhere. */
static void
test_coaching (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *page = g_strdup_printf ("programme/%" G_GINT64_FORMAT "/attendance", programme);
  const char *toast;

  clear_marks ();
  open_tab ("attendance");

  /* The store's refusal, with the workplace it is for. */
  g_assert_false (kl_attendance_grid_view_set_mark (grid (), CECILIE, COACHING_HEGG, 'P', 0, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE);
  if (kl_test_in_english ())
    g_assert_cmpstr (error->message, ==, "Cecilie Dahl is not expected at “Veiledning Hegg”: the session is for "
                                         "Hegg skole");
  g_clear_error (&error);
  kl_attendance_grid_view_set_cursor (grid (), DAVID, COACHING_HEGG);
  g_assert_true (kl_attendance_grid_view_handle_key (grid (), GDK_KEY_space, 0));
  toast = kl_window_get_last_toast (window);
  g_assert_nonnull (strstr (toast, "Hegg skole"));
  g_assert_cmpint (stored_mark (DAVID, COACHING_HEGG), ==, 0);
  /* Before his enrolment the other reason. */
  g_assert_false (kl_attendance_grid_view_set_mark (grid (), DAVID, SEMINAR_1, 'P', 0, &error));
  if (kl_test_in_english ())
    g_assert_cmpstr (error->message, ==, "David Eng was not enrolled on 2026-01-15, so there is nothing to mark");
  g_clear_error (&error);

  /* All: the two expected, nobody else. */
  g_assert_true (kl_attendance_grid_view_mark_column_present (grid (), COACHING_HEGG, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kl_test_query_int (db, "SELECT count(*) FROM attendance WHERE session_id = ?1",
                                      sessions[COACHING_HEGG]), ==, 2);
  g_assert_cmpint (stored_mark (ANNE, COACHING_HEGG), ==, 'P');
  g_assert_cmpint (stored_mark (BJORN, COACHING_HEGG), ==, 'P');
  g_assert_cmpfloat_with_epsilon (kl_attendance_grid_view_get_column_rate (grid (), COACHING_HEGG), 1.0, 1e-9);

  /* The rest by keys: Samling 1 everyone enrolled then present; at
   * Lommedalen Cecilie present, David absent; Samling 2 only Anne,
   * partly: 3 of its 6 hours. */
  for (int p = ANNE; p <= CECILIE; p++)
    {
      kl_attendance_grid_view_set_cursor (grid (), (guint) p, SEMINAR_1);
      g_assert_true (kl_attendance_grid_view_handle_key (grid (), GDK_KEY_p, 0));
    }
  kl_attendance_grid_view_set_cursor (grid (), CECILIE, COACHING_LOMMEDALEN);
  g_assert_true (kl_attendance_grid_view_handle_key (grid (), GDK_KEY_p, 0));
  kl_attendance_grid_view_set_cursor (grid (), DAVID, COACHING_LOMMEDALEN);
  g_assert_true (kl_attendance_grid_view_handle_key (grid (), GDK_KEY_a, 0));
  g_assert_true (kl_attendance_grid_view_set_mark (grid (), ANNE, SEMINAR_2, 'H', 180, &error));
  g_assert_no_error (error);
  kl_test_settle ();

  /* By hand: Anne 1 + 1 + 0.5 over 3 recorded = 0.8333 (Lommedalen not
   * hers, Samlinger 3 and 4 to come); Bjørn 1 + 1 over 2 (Samling 2 not
   * recorded yet); Cecilie 1 + 1 over 2; David 0 over 1 (a recorded
   * absence is 0 %, honestly). Columns: Samling 1 3/3, Hegg 2/2,
   * Lommedalen 1/2, Samling 2 0.5/1; all 6.5 over 8 = 0.8125. */
  g_assert_cmpfloat_with_epsilon (kl_attendance_grid_view_get_row_rate (grid (), ANNE), 2.5 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (kl_attendance_grid_view_get_row_rate (grid (), BJORN), 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (kl_attendance_grid_view_get_row_rate (grid (), CECILIE), 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (kl_attendance_grid_view_get_row_rate (grid (), DAVID), 0.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (kl_attendance_grid_view_get_column_rate (grid (), SEMINAR_1), 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (kl_attendance_grid_view_get_column_rate (grid (), COACHING_LOMMEDALEN), 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (kl_attendance_grid_view_get_column_rate (grid (), SEMINAR_2), 0.5, 1e-9);
  g_assert_cmpfloat (kl_attendance_grid_view_get_column_rate (grid (), SEMINAR_3), <, 0);
  g_assert_cmpfloat_with_epsilon (kl_attendance_grid_view_get_rate (grid ()), 6.5 / 8, 1e-9);
  /* The same as the core computes them. */
  g_assert_cmpfloat_with_epsilon (kl_attendance_grid_view_get_rate (grid ()),
                                  kl_attendance_grid_rate (kl_attendance_grid_view_get_grid (grid ()), -1, -1, NULL),
                                  1e-9);
  save_page (page, 1100, "attendance-coaching");
  save_page (page, 360, "attendance-coaching-narrow");

  /* Undo goes back over the keys, one step at a time. */
  kl_test_undo (window);
  g_assert_cmpint (stored_mark (ANNE, SEMINAR_2), ==, 0);
  kl_test_undo (window);
  g_assert_cmpint (stored_mark (DAVID, COACHING_LOMMEDALEN), ==, 0);
  g_assert_cmpint (stored_mark (CECILIE, COACHING_LOMMEDALEN), ==, 'P');
}

/* The Overview's To Record: held sessions of the last 60 days with
 * someone expected and no mark, newest first; a row opens the grid at
 * the session, on the first one to mark; marked, it goes. */
static void
test_to_record (void)
{
  KlOverviewPage *page = KL_OVERVIEW_PAGE (kl_window_get_page_widget (window, "overview"));
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *seminar_2 = kl_format_date ("2026-02-26");
  g_autofree char *lommedalen_day = kl_format_date ("2026-02-12");
  g_autofree char *hegg_day = kl_format_date ("2026-02-10");
  g_autofree char *seminar_1 = kl_format_date ("2026-01-15");
  guint row, col;
  GtkWidget *first;

  clear_marks ();
  show ("overview");
  kl_test_wait_overview (page);
  /* Missing by hand: Samling 2 all 4; each coaching its school's 2;
   * Samling 1 the 3 enrolled then. */
  g_assert_cmpuint (kl_overview_page_count (page, "unrecorded"), ==, 4);
  text = kl_overview_page_get_text (page, "unrecorded");
  if (kl_test_in_english ())
    {
      expected = g_strdup_printf ("Samling 2 · LED SKOLE Bærum · 4 without a mark · %s\n"
                                  "Veiledning Lommedalen · LED SKOLE Bærum · 2 without a mark · %s\n"
                                  "Veiledning Hegg · LED SKOLE Bærum · 2 without a mark · %s\n"
                                  "Samling 1 · LED SKOLE Bærum · 3 without a mark · %s\n",
                                  seminar_2, lommedalen_day, hegg_day, seminar_1);
      g_assert_cmpstr (text, ==, expected);
    }
  save_page ("overview", 1100, "overview-to-record");
  save_page ("overview", 360, "overview-to-record-narrow");

  /* Anne marked at Samling 2: three left there, and the row opens on
   * Bjørn. */
  kl_test_mark (db, sessions[SEMINAR_2], people[ANNE], "present", 0);
  kl_test_settle ();
  kl_overview_page_reload (page);
  g_assert_true (kl_overview_page_is_loading (page));
  kl_test_wait_overview (page);
  g_clear_pointer (&text, g_free);
  text = kl_overview_page_get_text (page, "unrecorded");
  if (kl_test_in_english ())
    g_assert_true (g_str_has_prefix (text, "Samling 2 · LED SKOLE Bærum · 3 without a mark · "));
  first = kl_overview_page_get_row (page, "unrecorded", 0);
  g_assert_nonnull (first);
  g_signal_emit_by_name (first, "activated");
  kl_test_settle ();
  g_assert_cmpstr (kl_window_get_page (window), ==, "programme");
  g_assert_cmpint (kl_programme_view_get_programme (kl_test_programme_view (window)), ==, programme);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (kl_programme_view_get_stack (kl_test_programme_view (window))), ==, "attendance");
  kl_attendance_grid_view_get_cursor (grid (), &row, &col);
  g_assert_cmpuint (col, ==, SEMINAR_2);
  g_assert_cmpuint (row, ==, BJORN);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (grid ())));
  {
    g_autofree char *at = g_strdup_printf ("programme/%" G_GINT64_FORMAT "/attendance/%" G_GINT64_FORMAT,
                                           programme, sessions[SEMINAR_2]);

    save_page (at, 1100, "attendance-opened-at-session");
  }

  /* Recorded there, by hand: All on the seminars and the coaching. */
  for (guint c = SEMINAR_1; c <= SEMINAR_2; c++)
    g_assert_true (kl_attendance_grid_view_mark_column_present (grid (), c, NULL));
  kl_test_settle ();
  show ("overview");
  kl_test_wait_overview (page);
  g_assert_cmpuint (kl_overview_page_count (page, "unrecorded"), ==, 0);
  g_clear_pointer (&text, g_free);
  text = kl_overview_page_get_text (page, "unrecorded");
  if (kl_test_in_english ())
    g_assert_cmpstr (text, ==, "Every session held is recorded\n");
  g_assert_null (kl_overview_page_get_row (page, "unrecorded", 1));
  save_page ("overview", 1100, "overview-all-recorded");
}

/* Whom a session is for, chosen in its editor and shown in its row. */
static void
test_session_audience (void)
{
  g_autoptr(KlSessionEditor) editor = NULL;
  g_autoptr(KlSession) saved = NULL;
  GArray *workplaces;
  GtkWidget *row;
  gboolean has_parent = FALSE;

  open_tab ("sessions");
  row = kl_test_find_row (GTK_WIDGET (kl_test_programme_view (window)), "Veiledning Hegg");
  g_assert_nonnull (row);
  if (kl_test_in_english ())
    g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "On-site coaching · For Hegg skole · "));

  editor = g_object_ref (kl_session_editor_new (kl_window_get_context (window), GTK_WINDOW (window), programme, 0));
  kl_test_present (GTK_WINDOW (editor));
  gtk_editable_set_text (kl_session_editor_get_field (editor, "title"), "Veiledning Hegg 2");
  gtk_editable_set_text (kl_session_editor_get_field (editor, "date"), "2026-04-14");
  g_assert_true (kl_session_editor_can_save (editor));

  /* The workplaces of those enrolled, and the municipality they are in. */
  workplaces = kl_session_editor_get_workplaces (editor);
  g_assert_cmpuint (workplaces->len, ==, 3);
  for (guint i = 0; i < workplaces->len; i++)
    has_parent |= g_array_index (workplaces, gint64, i) == baerum;
  g_assert_true (has_parent);

  /* Named, nobody ticked: said under the choice, and no saving. */
  g_assert_true (kl_session_editor_set_audience (editor, "named", 0));
  g_assert_false (kl_session_editor_can_save (editor));
  if (kl_test_in_english ())
    g_assert_cmpstr (kl_session_editor_get_message (editor, "audience"), ==,
                     "For: choose at least one participant below");
  g_assert_true (kl_session_editor_set_named (editor, people[ANNE], TRUE));
  g_assert_true (kl_session_editor_can_save (editor));
  g_assert_cmpstr (kl_session_editor_get_message (editor, "audience"), ==, "");

  /* One workplace: Hegg skole. */
  g_assert_true (kl_session_editor_set_audience (editor, "workplace", hegg));
  g_assert_true (kl_session_editor_can_save (editor));
  kl_test_save_png (GTK_WIDGET (editor), "session-editor-audience");
  g_assert_true (kl_session_editor_save (editor, NULL));
  kl_test_settle ();
  saved = kl_store_get_session (db, kl_session_editor_get_session_id (editor), NULL);
  g_assert_cmpstr (kl_session_audience (saved), ==, "workplace");
  g_assert_cmpint (saved->audience_client_id, ==, hegg);
  row = kl_test_find_row (GTK_WIDGET (kl_test_programme_view (window)), "Veiledning Hegg 2");
  g_assert_nonnull (row);
  if (kl_test_in_english ())
    g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                                     "Joint seminar · For Hegg skole · "));

  /* Edited, it shows what it is for; undone, it is gone. */
  {
    g_autoptr(KlSessionEditor) again = g_object_ref (kl_session_editor_new (kl_window_get_context (window), GTK_WINDOW (window), programme, saved->id));

    g_assert_true (kl_session_editor_can_save (again));
    g_assert_true (kl_session_editor_set_audience (again, "named", 0));
    g_assert_true (kl_session_editor_set_named (again, people[ANNE], TRUE));
    g_assert_true (kl_session_editor_set_named (again, people[CECILIE], TRUE));
    g_assert_true (kl_session_editor_save (again, NULL));
    kl_test_settle ();
    row = kl_test_find_row (GTK_WIDGET (kl_test_programme_view (window)), "Veiledning Hegg 2");
    if (kl_test_in_english ())
      g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), " · For Anne Aas, Cecilie Dahl · "));
    gtk_window_destroy (GTK_WINDOW (again));
  }
  kl_test_undo (window);
  kl_test_undo (window);
  g_assert_cmpint (kl_test_query_int (db, "SELECT count(*) FROM session WHERE programme_id = ?1", programme), ==,
                   N_SESSIONS);
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* The status is the calendar's: running since 15 January; cancelled by
 * hand, and back to the calendar. The programme list filters by both. */
static void
test_programme_status (void)
{
  KlListPage *list = kl_window_get_list (window, KL_LIST_PROGRAMMES);
  KlEditorWindow *editor;
  g_autoptr(KlProgramme) read = NULL;
  g_autofree char *cancelled = NULL;
  g_autofree char *shown = NULL;

  show ("programmes");
  kl_list_page_set_filter (list, "running");
  kl_test_settle ();
  g_assert_cmpuint (kl_list_page_get_n_rows (list), ==, 1);
  kl_list_page_set_filter (list, "planned");
  kl_test_settle ();
  g_assert_cmpuint (kl_list_page_get_n_rows (list), ==, 0);

  editor = KL_EDITOR_WINDOW (kl_programme_editor_new (kl_window_get_context (window), GTK_WINDOW (window), programme));
  kl_test_present (GTK_WINDOW (editor));
  cancelled = kl_editor_window_get_field (editor, "cancelled");
  g_assert_cmpstr (cancelled, ==, "false");
  /* Shown, not chosen: running, and planned had it started later. */
  shown = text_on_screen (GTK_WIDGET (editor));
  if (kl_test_in_english ())
    g_assert_nonnull (strstr (shown, "\nRunning\n"));
  kl_test_save_png (GTK_WIDGET (editor), "programme-editor-status");
  kl_editor_window_set_field (editor, "start", "2026-04-01");
  kl_editor_window_set_field (editor, "end", "2026-12-31");
  g_clear_pointer (&shown, g_free);
  shown = text_on_screen (GTK_WIDGET (editor));
  if (kl_test_in_english ())
    g_assert_nonnull (strstr (shown, "\nRunning\n"));   /* its first session was 15 January all the same */
  kl_editor_window_set_field (editor, "start", "2026-01-10");
  kl_editor_window_set_field (editor, "end", "2026-02-28");
  g_clear_pointer (&shown, g_free);
  shown = text_on_screen (GTK_WIDGET (editor));
  if (kl_test_in_english ())
    g_assert_nonnull (strstr (shown, "\nFinished\n"));
  kl_editor_window_set_field (editor, "end", "2026-06-30");
  kl_editor_window_set_field (editor, "cancelled", "true");
  g_clear_pointer (&shown, g_free);
  shown = text_on_screen (GTK_WIDGET (editor));
  if (kl_test_in_english ())
    g_assert_cmpuint (count_lines (shown, "Cancelled"), ==, 2);   /* the status, and the switch's title */
  g_assert_true (kl_editor_window_save (editor));
  kl_test_settle ();
  read = kl_store_get_programme (db, programme, NULL);
  g_assert_cmpstr (read->status, ==, "cancelled");
  kl_list_page_set_filter (list, "cancelled");
  kl_test_settle ();
  g_assert_cmpuint (kl_list_page_get_n_rows (list), ==, 1);
  kl_list_page_set_filter (list, "running");
  kl_test_settle ();
  g_assert_cmpuint (kl_list_page_get_n_rows (list), ==, 0);

  editor = KL_EDITOR_WINDOW (kl_programme_editor_new (kl_window_get_context (window), GTK_WINDOW (window), programme));
  kl_test_present (GTK_WINDOW (editor));
  g_free (cancelled);
  cancelled = kl_editor_window_get_field (editor, "cancelled");
  g_assert_cmpstr (cancelled, ==, "true");
  kl_editor_window_set_field (editor, "cancelled", "false");
  g_assert_true (kl_editor_window_save (editor));
  kl_test_settle ();
  g_clear_pointer (&read, kl_programme_free);
  read = kl_store_get_programme (db, programme, NULL);
  g_assert_cmpstr (read->status, ==, "running");
  g_assert_cmpuint (kl_list_page_get_n_rows (list), ==, 1);
  kl_list_page_set_filter (list, NULL);
  kl_test_settle ();
}

/* Certificates before 30 June: the two sessions to come are named, and
 * nothing is made unless the user says so; after the end, no question. */
static void
test_certificates_confirmed (void)
{
  AdwMessageDialog *question;
  GtkWidget *chooser;
  g_autofree char *to_come_3 = kl_format_date ("2026-03-20");
  g_autofree char *to_come_4 = kl_format_date ("2026-05-20");

  open_tab ("participants");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kl_test_programme_view (window)), "programme.certificates",
                                             NULL));
  kl_test_settle ();
  question = kl_programme_view_get_confirmation (kl_test_programme_view (window));
  g_assert_nonnull (question);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "Samling 3"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), to_come_3));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), to_come_4));
  if (kl_test_in_english ())
    g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Make Certificates Before the End?");
  kl_test_save_png (GTK_WIDGET (question), "certificates-before-the-end");

  /* No: nothing to save. */
  kl_test_answer (question, "cancel");
  kl_test_settle ();
  g_assert_null (kl_programme_view_get_confirmation (kl_test_programme_view (window)));
  g_assert_null (kl_test_wait_dialog (GTK_TYPE_FILE_CHOOSER_DIALOG, 2));

  /* Yes: the save dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kl_test_programme_view (window)), "programme.certificates",
                                             NULL));
  kl_test_settle ();
  question = kl_programme_view_get_confirmation (kl_test_programme_view (window));
  g_assert_nonnull (question);
  kl_test_answer (question, "make");
  chooser = GTK_WIDGET (kl_test_wait_dialog (GTK_TYPE_FILE_CHOOSER_DIALOG, 50));
  g_assert_nonnull (chooser);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  kl_test_settle ();

  /* In July it is over: straight to saving. */
  g_setenv ("KARTLESER_NOW", "2026-07-01T10:00", TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kl_test_programme_view (window)), "programme.certificates",
                                             NULL));
  chooser = GTK_WIDGET (kl_test_wait_dialog (GTK_TYPE_FILE_CHOOSER_DIALOG, 50));
  g_assert_null (kl_programme_view_get_confirmation (kl_test_programme_view (window)));
  g_assert_nonnull (chooser);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  kl_test_settle ();
  g_setenv ("KARTLESER_NOW", NOW, TRUE);
}

static gint64
add_person (const char *name,
            gint64      workplace)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlParticipant) participant = kl_participant_new ();

  participant->name = g_strdup (name);
  participant->role = g_strdup ("rektor");
  participant->workplace_id = workplace;
  g_assert_true (kl_store_insert_participant (db, participant, &error));
  g_assert_no_error (error);
  return participant->id;
}

static gint64
add_session (const char *title,
             const char *kind,
             const char *starts_at,
             const char *ends_at,
             gint64      for_workplace)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSession) session = kl_session_new ();

  session->programme_id = programme;
  session->kind = g_strdup (kind);
  session->title = g_strdup (title);
  session->starts_at = g_strdup (starts_at);
  session->ends_at = g_strdup (ends_at);
  session->location = g_strdup ("Sandvika");
  if (for_workplace > 0)
    {
      session->audience = g_strdup ("workplace");
      session->audience_client_id = for_workplace;
    }
  g_assert_true (kl_store_insert_session (db, session, &error));
  g_assert_no_error (error);
  return session->id;
}

static void
build_programme (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlProgramme) p = kl_programme_new ();
  g_autoptr(KlEnrolment) late = kl_enrolment_new ();
  KlSettings settings = { .name = (char *) "Stiftelsen IMTEC", .address = (char *) "Oslo" };

  /* Certificates are issued in IMTEC's name. */
  g_assert_true (kl_store_save_settings (db, &settings, &error));
  g_assert_no_error (error);
  baerum = kl_test_add_client (db, "Bærum kommune", "kommune", 0, "988077917");
  hegg = kl_test_add_client (db, "Hegg skole", "skole", baerum, NULL);
  lommedalen = kl_test_add_client (db, "Lommedalen skole", "skole", baerum, NULL);
  p->client_id = baerum;
  p->title = g_strdup ("LED SKOLE Bærum");
  p->kind = g_strdup ("led-skole");
  p->start_date = g_strdup ("2026-01-10");
  p->end_date = g_strdup ("2026-06-30");
  g_assert_true (kl_store_insert_programme (db, p, &error));
  g_assert_no_error (error);
  programme = p->id;

  people[ANNE] = add_person ("Anne Aas", hegg);
  people[BJORN] = add_person ("Bjørn Berg", hegg);
  people[CECILIE] = add_person ("Cecilie Dahl", lommedalen);
  people[DAVID] = add_person ("David Eng", lommedalen);
  for (int i = ANNE; i <= CECILIE; i++)
    kl_test_enrol (db, programme, people[i]);
  late->programme_id = programme;
  late->participant_id = people[DAVID];
  late->from_date = g_strdup ("2026-02-01");
  g_assert_true (kl_store_enrol (db, late, &error));
  g_assert_no_error (error);

  sessions[SEMINAR_1] = add_session ("Samling 1", "fagsamling", "2026-01-15T09:00", "2026-01-15T15:00", 0);
  sessions[COACHING_HEGG] = add_session ("Veiledning Hegg", "veiledning", "2026-02-10T09:00", "2026-02-10T12:00",
                                         hegg);
  sessions[COACHING_LOMMEDALEN] = add_session ("Veiledning Lommedalen", "veiledning", "2026-02-12T09:00",
                                               "2026-02-12T12:00", lommedalen);
  sessions[SEMINAR_2] = add_session ("Samling 2", "fagsamling", "2026-02-26T09:00", "2026-02-26T15:00", 0);
  sessions[SEMINAR_3] = add_session ("Samling 3", "fagsamling", "2026-03-20T09:00", "2026-03-20T15:00", 0);
  sessions[SEMINAR_4] = add_session ("Samling 4", "fagsamling", "2026-05-20T09:00", "2026-05-20T15:00", 0);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_setenv ("KARTLESER_NOW", NOW, TRUE);
  tmp_dir = kl_test_gui_start (&argc, &argv);
  path = g_build_filename (tmp_dir, "attendance.db", NULL);
  db = kl_db_open (path, &error);
  g_assert_no_error (error);
  build_programme ();
  window = kl_test_open_window (db);

  g_test_add_func ("/gui-attendance/fresh-grid", test_fresh_grid);
  g_test_add_func ("/gui-attendance/future-refused", test_future_refused);
  g_test_add_func ("/gui-attendance/coaching", test_coaching);
  g_test_add_func ("/gui-attendance/to-record", test_to_record);
  g_test_add_func ("/gui-attendance/session-audience", test_session_audience);
  g_test_add_func ("/gui-attendance/programme-status", test_programme_status);
  g_test_add_func ("/gui-attendance/certificates-confirmed", test_certificates_confirmed);
  return kl_test_gui_run (&window, &db, &tmp_dir);
}
