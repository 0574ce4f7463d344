/* The main window on demo data: every page through its actions, the lists
 * against the database, search and sorting, the first-start and error
 * states, and a screenshot of each page for people to look at. */

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "kl-application.h"
#include "kl-demo.h"
#include "kl-labels.h"
#include "kl-overview-page.h"
#include "kl-progress.h"
#include "kl-overview.h"
#include "kl-store.h"
#include "kl-test-gui.h"
#include "kl-test-store.h"
#include "kl-test-util.h"
#include "kl-preferences-server.h"
#include "kl-window.h"

static char *tmp_dir;
static KlDb *db;
static KlWindow *window;

static void
show (KlWindow   *w,
      const char *page)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (w), "win.show-page", "s", page));
  kl_test_settle ();
  g_assert_cmpstr (kl_window_get_page (w), ==, page);
}

static void
test_overview (void)
{
  g_autoptr(KlOverview) overview = kl_overview_load (db, NULL, NULL);
  KlOverviewPage *page = KL_OVERVIEW_PAGE (kl_window_get_page_widget (window, "overview"));

  show (window, "overview");
  kl_test_wait_overview (page);
  g_assert_cmpstr (kl_window_get_state (window), ==, "main");
  /* The demo places sessions and deadlines around today. */
  g_assert_cmpuint (overview->upcoming->len, >, 0);
  g_assert_cmpuint (overview->deadlines->len, ==, 2);
  g_assert_cmpuint (kl_overview_page_count (page, "upcoming"), ==, overview->upcoming->len);
  g_assert_cmpuint (kl_overview_page_count (page, "deadlines"), ==, overview->deadlines->len);
  g_assert_cmpuint (kl_overview_page_count (page, "running"), ==, overview->running->len);
  /* Absence warnings: the demo's running programme has people falling behind. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *now_text = g_date_time_format (now, "%Y-%m-%dT%H:%M");
    g_autoptr(GPtrArray) warnings = kl_progress_warnings (db, 0, now_text, NULL);

    g_assert_nonnull (warnings);
    g_assert_cmpuint (warnings->len, >, 0);
    g_assert_cmpuint (kl_overview_page_count (page, "warnings"), ==, warnings->len);
  }
}

/* A programme that finished in June with its grant unclaimed: on 2
 * November the overview asks for the payout request by 15 December. */
static void
test_overview_year_end (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = kl_test_make_dir ("gui-year-end");
  g_autofree char *path = g_build_filename (dir, "year-end.db", NULL);
  g_autoptr(KlDb) small = kl_db_open (path, &error);
  g_autoptr(KlClient) client = kl_client_new ();
  g_autoptr(KlProgramme) programme = kl_programme_new ();
  g_autoptr(KlFundingCase) funding = kl_funding_case_new ();
  g_autofree char *text = NULL;
  g_autofree char *deadline = kl_format_date ("2026-12-15");
  g_autofree char *ended = kl_format_date ("2026-06-12");
  g_autofree char *granted = NULL;
  KlWindow *other;
  KlOverviewPage *page;

  g_assert_no_error (error);
  client->name = g_strdup ("Askøy kommune");
  client->kind = g_strdup ("kommune");
  client->orgnr = g_strdup ("988077917");
  g_assert_true (kl_store_insert_client (small, client, &error));
  programme->client_id = client->id;
  programme->title = g_strdup ("LED SKOLE Askøy");
  programme->kind = g_strdup ("led-skole");
  programme->status = g_strdup ("finished");
  programme->start_date = g_strdup ("2026-01-10");
  programme->end_date = g_strdup ("2026-06-12");
  g_assert_true (kl_store_insert_programme (small, programme, &error));
  funding->programme_id = programme->id;
  funding->status = g_strdup ("applied");
  funding->applied_date = g_strdup ("2025-12-01");
  funding->applied_ore = 15000000;
  g_assert_true (kl_store_save_funding_case (small, funding, &error));
  g_free (funding->status);
  funding->status = g_strdup ("granted");
  funding->case_no = g_strdup ("25/04711");
  funding->granted_ore = 15000000;
  funding->grant_date = g_strdup ("2025-12-20");
  funding->expiry_date = g_strdup ("2027-06-30");
  g_assert_true (kl_store_save_funding_case (small, funding, &error));
  g_assert_no_error (error);

  g_setenv ("KARTLESER_NOW", "2026-11-02", TRUE);
  other = kl_test_open_window (small);
  page = KL_OVERVIEW_PAGE (kl_window_get_page_widget (other, "overview"));
  show (other, "overview");
  kl_test_wait_overview (page);
  g_assert_cmpuint (kl_overview_page_count (page, "deadlines"), ==, 1);
  text = kl_overview_page_get_text (page, "deadlines");
  g_assert_true (g_str_has_prefix (text, "LED SKOLE Askøy · Askøy kommune · "));
  g_assert_nonnull (strstr (text, ended));
  g_assert_nonnull (strstr (text, deadline));
  if (!g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "nb"))
    g_assert_cmpstr (text, ==, "LED SKOLE Askøy · Askøy kommune · finished 12 Jun 2026, no payout request yet"
                               " · Claim by 15 Dec 2026\n");
  kl_test_save_png (GTK_WIDGET (other), "overview-year-end");

  /* Recorded, it leaves the list for the unpaid requests. */
  g_free (funding->status);
  funding->status = g_strdup ("payout-requested");
  funding->payout_date = g_strdup ("2026-11-02");
  g_assert_true (kl_store_save_funding_case (small, funding, &error));
  g_assert_no_error (error);
  kl_overview_page_reload (page);
  kl_test_wait_overview (page);
  g_clear_pointer (&text, g_free);
  text = kl_overview_page_get_text (page, "deadlines");
  g_assert_null (strstr (text, deadline));
  g_assert_cmpuint (kl_overview_page_count (page, "deadlines"), ==, 1);

  g_unsetenv ("KARTLESER_NOW");
  gtk_window_destroy (GTK_WINDOW (other));
  kl_test_settle ();
  g_clear_object (&small);
  kl_test_remove_dir (dir);
}

static void
test_lists_match_database (void)
{
  static const struct { const char *page; KlListKind kind; const char *sql; } lists[] = {
    { "programmes", KL_LIST_PROGRAMMES, "SELECT count(*) FROM programme" },
    { "clients", KL_LIST_CLIENTS, "SELECT count(*) FROM client" },
    { "participants", KL_LIST_PARTICIPANTS, "SELECT count(*) FROM participant" },
    { "consultants", KL_LIST_CONSULTANTS, "SELECT count(*) FROM consultant" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      KlListPage *list = kl_window_get_list (window, lists[i].kind);

      show (window, lists[i].page);
      g_assert_cmpstr (kl_list_page_get_visible (list), ==, "list");
      g_assert_cmpuint (kl_list_page_get_n_rows (list), ==, kl_test_count (db, lists[i].sql));
    }

  /* Alt+2 and friends reach the same pages: the shortcuts are actions. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "overview"));
  kl_test_settle ();
  g_assert_cmpstr (kl_window_get_page (window), ==, "overview");
}

static void
test_search (void)
{
  KlListPage *list = kl_window_get_list (window, KL_LIST_PARTICIPANTS);
  gint64 rektors = kl_test_count (db, "SELECT count(*) FROM participant WHERE role LIKE '%rektor%'");

  show (window, "participants");
  g_assert_cmpint (rektors, >, 0);
  kl_list_page_set_search (list, "rektor");
  g_assert_cmpuint (kl_list_page_get_n_rows (list), ==, rektors);

  kl_list_page_set_search (list, "xyzzy-nobody");
  g_assert_cmpuint (kl_list_page_get_n_rows (list), ==, 0);
  g_assert_cmpstr (kl_list_page_get_visible (list), ==, "no-results");

  /* What a user types is text, never query syntax. */
  kl_list_page_set_search (list, "\"rektor OR NEAR(");
  g_assert_cmpstr (kl_list_page_get_visible (list), !=, NULL);

  kl_list_page_set_search (list, "");
  g_assert_cmpuint (kl_list_page_get_n_rows (list), ==, kl_test_count (db, "SELECT count(*) FROM participant"));
  g_assert_cmpstr (kl_list_page_get_visible (list), ==, "list");

  /* Ctrl+F lands in the search field of the page shown. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  kl_test_settle ();
  g_assert_true (gtk_widget_has_focus (gtk_root_get_focus (GTK_ROOT (window))));
}

static void
test_sort_by_header (void)
{
  KlListPage *list = kl_window_get_list (window, KL_LIST_PROGRAMMES);
  GtkColumnView *view = kl_list_page_get_column_view (list);
  g_autoptr(GtkColumnViewColumn) start = g_list_model_get_item (gtk_column_view_get_columns (view), 2);
  gint64 earliest = kl_test_count (db, "SELECT id FROM programme ORDER BY start_date ASC LIMIT 1");
  gint64 latest = kl_test_count (db, "SELECT id FROM programme ORDER BY start_date DESC LIMIT 1");
  gint64 first_title = kl_test_count (db, "SELECT id FROM programme ORDER BY title COLLATE NOCASE ASC LIMIT 1");
  g_autoptr(GtkColumnViewColumn) title = g_list_model_get_item (gtk_column_view_get_columns (view), 0);

  show (window, "programmes");
  g_assert_cmpstr (gtk_column_view_column_get_title (start), ==, "Start");
  gtk_column_view_sort_by_column (view, start, GTK_SORT_ASCENDING);
  kl_test_settle ();
  g_assert_cmpint (kl_list_page_get_row_id (list, 0), ==, earliest);
  gtk_column_view_sort_by_column (view, start, GTK_SORT_DESCENDING);
  kl_test_settle ();
  g_assert_cmpint (kl_list_page_get_row_id (list, 0), ==, latest);
  gtk_column_view_sort_by_column (view, title, GTK_SORT_ASCENDING);
  kl_test_settle ();
  g_assert_cmpint (kl_list_page_get_row_id (list, 0), ==, first_title);
}

static void
test_open_programme (void)
{
  KlListPage *list = kl_window_get_list (window, KL_LIST_PROGRAMMES);
  gint64 id;

  show (window, "programmes");
  id = kl_list_page_get_row_id (list, 0);
  g_signal_emit_by_name (list, "activated", id);
  kl_test_settle ();
  g_assert_cmpstr (kl_window_get_page (window), ==, "programme");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  kl_test_settle ();
  g_assert_cmpstr (kl_window_get_page (window), ==, "programmes");
}

/* First start: an empty database invites to add a client or load demo data. */
static void
test_first_start (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "empty.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDb) empty = kl_db_open (path, &error);
  KlWindow *w;
  KlCounts counts;

  g_assert_no_error (error);
  w = kl_test_open_window (empty);
  g_assert_cmpstr (kl_window_get_state (w), ==, "welcome");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (w), "win.load-demo", NULL));
  kl_test_settle ();
  g_assert_cmpstr (kl_window_get_state (w), ==, "main");
  g_assert_cmpstr (kl_window_get_page (w), ==, "overview");
  g_assert_true (kl_demo_counts (empty, &counts, NULL));
  g_assert_cmpint (counts.programmes, ==, 3);
  gtk_window_destroy (GTK_WINDOW (w));
}

/* The window shows while the database opens, then says why it cannot. */
static void
test_cannot_open (void)
{
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "Berg & Søn <kurs>.db is damaged");
  KlWindow *w = kl_test_open_window (NULL);

  g_assert_cmpstr (kl_window_get_state (w), ==, "loading");
  kl_window_set_database (w, NULL, error);
  g_assert_cmpstr (kl_window_get_state (w), ==, "error");
  /* Said as it is: the file's name is text, not markup. */
  kl_test_settle ();
  g_assert_true (kl_test_shows_label (GTK_WIDGET (w), "Berg & Søn <kurs>.db is damaged"));

  /* Its Team Server Settings button: with nothing open, a window with
   * only the server's page, to fix the address or go back to the file. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (w), "win.preferences", NULL));
  kl_test_settle ();
  {
    AdwPreferencesWindow *settings = ADW_PREFERENCES_WINDOW (kl_test_find_dialog (ADW_TYPE_PREFERENCES_WINDOW, NULL));

    g_assert_nonnull (settings);
    g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (settings)) == GTK_WINDOW (w));
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (settings)));
    g_assert_true (KL_IS_PREFERENCES_SERVER (adw_preferences_window_get_visible_page (settings)));
    gtk_window_destroy (GTK_WINDOW (settings));
  }
  gtk_window_destroy (GTK_WINDOW (w));
}

/* A PNG of every page, named by language, in the build directory. */
static void
test_screenshots (void)
{
  static const char *const pages[] = { "overview", "programmes", "clients", "participants", "consultants" };
  const char *lang = g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "nb") ? "nb" : "en";

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *name = g_strdup_printf ("screenshot-%s-%s.png", lang, pages[i]);
      g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GdkTexture) texture = NULL;

      show (window, pages[i]);
      g_assert_true (kl_window_save_screenshot (window, path, &error));
      g_assert_no_error (error);
      texture = gdk_texture_new_from_filename (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (gdk_texture_get_width (texture), ==, gtk_widget_get_width (GTK_WIDGET (window)));
    }
}

int
main (int    argc,
      char **argv)
{
  db = kl_test_gui_start_demo (&argc, &argv, &tmp_dir);
  window = kl_test_open_window (db);

  g_test_add_func ("/gui/overview", test_overview);
  g_test_add_func ("/gui/overview-year-end", test_overview_year_end);
  g_test_add_func ("/gui/lists-match-database", test_lists_match_database);
  g_test_add_func ("/gui/search", test_search);
  g_test_add_func ("/gui/sort-by-header", test_sort_by_header);
  g_test_add_func ("/gui/open-programme", test_open_programme);
  g_test_add_func ("/gui/first-start", test_first_start);
  g_test_add_func ("/gui/cannot-open", test_cannot_open);
  g_test_add_func ("/gui/screenshots", test_screenshots);
  return kl_test_gui_run (&window, &db, &tmp_dir);
}
