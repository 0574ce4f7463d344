/* The window from a phone's 360 pixels to a wide screen: narrow, nothing
 * holds the window wider than 360 pixels on any page, the tabs move to a
 * bar at the bottom and the Sessions tab's buttons fold into a menu that
 * still offers every action; wide, the buttons are back. The programme
 * list shows where the funding stands and when the next session is, and
 * no column heading is cut off. "Now" is 10 March 2026 (KARTLESER_NOW).
 * PNGs at 360 and 1400 pixels for people to look at. */

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "kl-labels.h"
#include "kl-list-page.h"
#include "kl-overview-page.h"
#include "kl-record.h"
#include "kl-scroll-layout.h"
#include "kl-store.h"
#include "kl-test-gui.h"
#include "kl-test-store.h"
#include "kl-test-util.h"
#include "kl-window.h"

static char *tmp_dir;
static KlDb *db;
static gint64 programme;   /* made here: granted, a session held, the next on 17 March */

static gboolean
is_english (void)
{
  return !g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "nb");
}

static KlWindow *
open_window (int width)
{
  KlWindow *window = kl_window_new (NULL, db, NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), width, 760);
  gtk_window_present (GTK_WINDOW (window));
  kl_test_wait_mapped (GTK_WIDGET (window));
  return window;
}

static void
show (KlWindow   *window,
      const char *page)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", page));
  kl_test_settle ();
  /* The rows follow the header's fold just after the frame it happened in. */
  kl_test_settle ();
}

static char *
programme_page (const char *tab)
{
  return g_strdup_printf ("programme/%" G_GINT64_FORMAT "/%s", programme, tab);
}

/* On a failure: which widgets on screen hold the window wide. */
static void
print_wide_widgets (GtkWidget *widget,
                    int        depth)
{
  int minimum = 0;

  if (!gtk_widget_get_mapped (widget))
    return;
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  if (minimum <= 300)
    return;
  g_test_message ("%*s%s (%s): at least %d pixels", depth * 2, "", G_OBJECT_TYPE_NAME (widget),
                  gtk_widget_get_css_name (widget), minimum);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    print_wide_widgets (child, depth + 1);
}

/* The width the window's content cannot go below. */
static int
content_minimum (KlWindow *window)
{
  int minimum = 0;

  gtk_widget_measure (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)),
                      GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  return minimum;
}

/* The Sessions tab's button for an action, and its menu button (the one
 * whose menu offers Repeat…), each NULL if none is on screen. */
static void
find_session_actions (GtkWidget   *root,
                      const char  *action,
                      GtkWidget  **button,
                      GtkWidget  **menu_button)
{
  if (!gtk_widget_get_mapped (root))
    return;
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    *button = root;
  if (GTK_IS_MENU_BUTTON (root) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (root)) != NULL
      && kl_test_menu_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (root)), "programme.add-series"))
    *menu_button = root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    find_session_actions (child, action, button, menu_button);
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && gtk_widget_get_mapped (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* At 360 pixels every page fits; the Sessions tab offers its actions
 * through a menu, the tabs are at the bottom. */
static void
test_narrow (void)
{
  const char *pages[] = { "overview", "programmes", "clients", "participants", "consultants" };
  const char *tabs[] = { "overview", "sessions", "participants", "attendance", "costs", "funding" };
  KlWindow *window = open_window (360);
  GtkWidget *button = NULL;
  GtkWidget *menu_button = NULL;
  GtkWidget *bar;

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      show (window, pages[i]);
      g_test_message ("%s: at least %d pixels", pages[i], content_minimum (window));
      g_assert_cmpint (content_minimum (window), <=, 360);
    }
  for (guint i = 0; i < G_N_ELEMENTS (tabs); i++)
    {
      g_autofree char *page = programme_page (tabs[i]);

      show (window, page);
      g_test_message ("%s: at least %d pixels", page, content_minimum (window));
      if (content_minimum (window) > 360)
        print_wide_widgets (GTK_WIDGET (window), 0);
      g_assert_cmpint (content_minimum (window), <=, 360);
    }
  g_assert_cmpint (gtk_widget_get_width (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window))),
                   <=, 360);

  {
    g_autofree char *page = programme_page ("sessions");

    show (window, page);
  }
  find_session_actions (GTK_WIDGET (window), "programme.add-series", &button, &menu_button);
  g_assert_null (button);
  g_assert_nonnull (menu_button);
  for (guint i = 0; i < 3; i++)
    g_assert_true (kl_test_menu_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)),
                                            (const char *[]) { "programme.add-session", "programme.add-series",
                                                               "win.export-programme-calendar" }[i]));
  /* The tabs moved to the bar at the bottom. */
  bar = find_type (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR);
  g_assert_nonnull (bar);
  g_assert_true (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)));
  kl_test_save_png (GTK_WIDGET (window), "narrow-sessions");

  show (window, "programmes");
  kl_test_save_png (GTK_WIDGET (window), "narrow-programmes");
  {
    g_autofree char *page = programme_page ("funding");

    show (window, page);
    kl_test_save_png (GTK_WIDGET (window), "narrow-funding");
  }
  gtk_window_destroy (GTK_WINDOW (window));
  kl_test_settle ();
}

/* Wide, the buttons show as buttons and the menu is gone. */
static void
test_wide (void)
{
  KlWindow *window = open_window (1400);
  g_autofree char *page = programme_page ("sessions");
  GtkWidget *button = NULL;
  GtkWidget *menu_button = NULL;

  show (window, page);
  find_session_actions (GTK_WIDGET (window), "programme.add-series", &button, &menu_button);
  g_assert_nonnull (button);
  g_assert_null (menu_button);
  kl_test_save_png (GTK_WIDGET (window), "wide-sessions");
  show (window, "programmes");
  kl_test_save_png (GTK_WIDGET (window), "wide-programmes");
  show (window, "clients");
  kl_test_save_png (GTK_WIDGET (window), "wide-clients");
  gtk_window_destroy (GTK_WINDOW (window));
  kl_test_settle ();
}

/* Every heading of a list fits its column, "Organisasjonsnummer" too. */
static void
assert_headings_fit (GtkColumnView *view)
{
  GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (view));
  guint titles = 0;

  g_assert_nonnull (header);
  for (GtkWidget *title = gtk_widget_get_first_child (header); title != NULL; title = gtk_widget_get_next_sibling (title))
    {
      GtkWidget *label = find_type (title, GTK_TYPE_LABEL);
      int natural = 0;

      /* The whole heading shows: not cut off, not ellipsized. */
      g_assert_nonnull (label);
      gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      g_test_message ("heading “%s”: %d of %d pixels", gtk_label_get_text (GTK_LABEL (label)),
                      gtk_widget_get_width (label), natural);
      g_assert_cmpint (gtk_widget_get_width (label), >=, natural);
      g_assert_cmpint (gtk_widget_get_width (title), >=, gtk_widget_get_width (label));
      titles++;
    }
  g_assert_cmpuint (titles, ==, g_list_model_get_n_items (gtk_column_view_get_columns (view)));
}

/* The cell showing text, anywhere under widget; NULL when none. */
static GtkWidget *
find_cell (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_INSCRIPTION (widget) && g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_cell (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The whole of text shows in its cell: the cell is as wide as the text. */
static void
assert_cell_whole (GtkColumnView *view,
                   const char    *text)
{
  GtkWidget *cell = find_cell (GTK_WIDGET (view), text);
  g_autoptr(PangoLayout) layout = NULL;
  int width;

  g_assert_nonnull (cell);
  layout = gtk_widget_create_pango_layout (cell, text);
  pango_layout_get_pixel_size (layout, &width, NULL);
  g_test_message ("cell “%s”: %d of %d pixels", text, gtk_widget_get_width (cell), width);
  g_assert_cmpint (gtk_widget_get_width (cell), >=, width);
}

static int
column_index (GtkColumnView *view,
              const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_str_equal (gtk_column_view_column_get_title (column), title))
        return (int) i;
    }
  return -1;
}

/* The hand-made programme's row: granted, next session on 17 March (not
 * the one held on 5 March); a programme with neither shows nothing. */
static void
test_programme_list (void)
{
  KlWindow *window = open_window (1400);
  KlListPage *list;
  GtkColumnView *view;
  g_autoptr(KlRecord) record = NULL;
  g_autofree char *next = kl_format_date ("2026-03-17");
  int funding, session;

  show (window, "programmes");
  list = kl_window_get_list (window, KL_LIST_PROGRAMMES);
  view = kl_list_page_get_column_view (list);
  /* The columns' headings in the language shown: the same words as the labels'. */
  funding = column_index (view, is_english () ? "Funding" : "Tilskudd");
  session = column_index (view, is_english () ? "Next session" : "Neste samling");
  g_assert_cmpint (funding, >, 0);
  g_assert_cmpint (session, >, 0);
  assert_headings_fit (view);
  /* At 1400 px the titles show whole, where programmes differ too: the
   * longest of the hand-made ones, and the demo's. */
  assert_cell_whole (view, "LED SKOLE Layoutprøven Bærum vår 2026");
  assert_cell_whole (view, "Utviklingsveileder-opplæring Bærum");

  kl_list_page_set_search (list, "Layoutprøven");
  kl_test_settle ();
  g_assert_cmpuint (kl_list_page_get_n_rows (list), ==, 1);
  record = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (view)), 0);
  g_assert_cmpint (kl_record_get_id (record), ==, programme);
  g_assert_cmpstr (kl_record_get_value (record, (guint) funding), ==, kl_label (KL_LABELS_FUNDING_STATUS, "granted"));
  g_assert_cmpstr (kl_record_get_value (record, (guint) session), ==, next);
  if (is_english ())
    g_assert_cmpstr (next, ==, "17 Mar 2026");
  else
    g_assert_cmpstr (next, ==, "17. mars 2026");
  kl_list_page_set_search (list, "");
  kl_test_settle ();

  show (window, "clients");
  assert_headings_fit (kl_list_page_get_column_view (kl_window_get_list (window, KL_LIST_CLIENTS)));
  show (window, "participants");
  assert_headings_fit (kl_list_page_get_column_view (kl_window_get_list (window, KL_LIST_PARTICIPANTS)));
  show (window, "consultants");
  assert_headings_fit (kl_list_page_get_column_view (kl_window_get_list (window, KL_LIST_CONSULTANTS)));
  gtk_window_destroy (GTK_WINDOW (window));
  kl_test_settle ();
}

static void
build_programme (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlFundingCase) funding = kl_funding_case_new ();
  gint64 client = kl_test_add_client (db, "Bærum kommune", "kommune", 0, NULL);

  programme = kl_test_add_programme (db, client, "LED SKOLE Layoutprøven Bærum vår 2026", "2026-03-05", "2026-06-11");
  kl_test_add_session_at (db, programme, "Samling 1", "2026-03-05T09:00", "2026-03-05T15:00", "Sandvika");
  kl_test_add_session_at (db, programme, "Samling 3", "2026-04-21T09:00", "2026-04-21T15:00", "Sandvika");
  kl_test_add_session_at (db, programme, "Samling 2", "2026-03-17T09:00", "2026-03-17T15:00", "Sandvika");

  funding->programme_id = programme;
  funding->status = g_strdup ("applied");
  funding->applied_date = g_strdup ("2026-02-01");
  funding->applied_ore = 15000000;
  g_assert_true (kl_store_save_funding_case (db, funding, &error));
  g_assert_no_error (error);
  g_free (funding->status);
  funding->status = g_strdup ("granted");
  funding->case_no = g_strdup ("26/04711");
  funding->granted_ore = 15000000;
  funding->grant_date = g_strdup ("2026-02-20");
  funding->expiry_date = g_strdup ("2027-06-30");
  g_assert_true (kl_store_save_funding_case (db, funding, &error));
  g_assert_no_error (error);
}

/* The Overview scrolls, so its height asks nothing of its rows
 * (KlScrollLayout): GTK's working out of the window's size measured every
 * row's text at several widths, 150 ms in one frame on the 10-year demo.
 * Nor does its width (rows coming in changed it, and the window worked
 * out its own size again outside a frame): its content fills it, and is
 * never squeezed below its own smallest width. */
static void
test_scroll_layout (void)
{
  GtkWidget *page = adw_bin_new ();
  GtkWidget *label = gtk_label_new ("Participants in running programmes who can no longer reach the "
                                    "certificate threshold, or who missed the last two sessions or more.");
  g_autoptr(GtkWidget) sink = g_object_ref_sink (page);
  KlWindow *window;
  GtkWidget *overview;
  int min, nat, label_min, label_nat;

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_layout_manager (page, g_object_new (KL_TYPE_SCROLL_LAYOUT, NULL));
  adw_bin_set_child (ADW_BIN (page), label);
  gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, 120, &label_min, &label_nat, NULL, NULL);
  g_assert_cmpint (label_min, >, 30);  /* several lines at 120 px */
  gtk_widget_measure (page, GTK_ORIENTATION_VERTICAL, 120, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, ==, 0);
  g_assert_cmpint (nat, ==, 0);
  gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, ==, 0);
  g_assert_cmpint (nat, ==, 0);
  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, &label_min, &label_nat, NULL, NULL);
  g_assert_cmpint (label_min, <, 120);  /* its longest word */
  gtk_widget_allocate (page, 120, 40, -1, NULL);
  g_assert_cmpint (gtk_widget_get_width (label), ==, 120);
  g_assert_cmpint (gtk_widget_get_height (label), ==, 40);
  gtk_widget_allocate (page, label_min / 2, 40, -1, NULL);
  g_assert_cmpint (gtk_widget_get_width (label), ==, label_min);

  /* On the window: the Overview with its rows fills its place, and its
   * scrolling page fills the Overview. */
  window = open_window (1100);
  kl_window_show_page (window, "overview");
  overview = kl_window_get_page_widget (window, "overview");
  kl_test_wait_overview (KL_OVERVIEW_PAGE (overview));
  kl_test_wait_mapped (overview);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (gtk_layout_manager_get_request_mode (gtk_widget_get_layout_manager (overview)), ==,
                   GTK_SIZE_REQUEST_CONSTANT_SIZE);
  g_assert_true (KL_IS_SCROLL_LAYOUT (gtk_widget_get_layout_manager (overview)));
  g_assert_cmpint (gtk_widget_get_height (overview), >, 500);
  g_assert_cmpint (gtk_widget_get_width (gtk_widget_get_first_child (overview)), ==, gtk_widget_get_width (overview));
  g_assert_cmpint (gtk_widget_get_height (gtk_widget_get_first_child (overview)), ==,
                   gtk_widget_get_height (overview));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("KARTLESER_NOW", "2026-03-10T12:00", TRUE);
  db = kl_test_gui_start_demo (&argc, &argv, &tmp_dir);
  build_programme ();

  g_test_add_func ("/gui-layout/narrow", test_narrow);
  g_test_add_func ("/gui-layout/wide", test_wide);
  g_test_add_func ("/gui-layout/programme-list", test_programme_list);
  g_test_add_func ("/gui-layout/scroll-layout", test_scroll_layout);
  return kl_test_gui_run (NULL, &db, &tmp_dir);
}
