/* The participant list fetches its ids a page at a time (issue 12): a
 * search among 3 000 participants still counts every match, scrolling to
 * the end shows the last one, sorting by a column and revealing a row far
 * down the list still work. */

#include <adwaita.h>
#include <string.h>

#include "kl-store.h"
#include "kl-test-gui.h"
#include "kl-test-util.h"
#include "kl-window.h"

#define N_PEOPLE 3000

static char *tmp_dir;
static KlDb *db;
static gint64 ids[N_PEOPLE + 1];  /* by the number in the name */

static void
show (KlWindow   *window,
      const char *page)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", page));
  kl_test_settle ();
}

static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (GTK_IS_INSCRIPTION (widget) && g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;
  return FALSE;
}

static GtkAdjustment *
get_vadjustment (GtkColumnView *view)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW);

  if (scrolled != NULL)
    return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_SCROLLABLE (child))
      return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (child));
  return NULL;
}

/* Down to the end, as a user drags the scroll bar: the view asks for the
 * rows near the end only. */
static void
scroll_to_end (GtkColumnView *view)
{
  GtkAdjustment *adjustment = get_vadjustment (view);

  g_assert_nonnull (adjustment);
  for (guint i = 0; i < 5; i++)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment)
                                            - gtk_adjustment_get_page_size (adjustment));
      kl_test_settle ();
    }
}

static void
test_search_pages (void)
{
  KlWindow *window = kl_test_open_window (db);
  KlListPage *list = kl_window_get_list (window, KL_LIST_PARTICIPANTS);
  GtkColumnView *view = kl_list_page_get_column_view (list);
  GtkColumnViewColumn *name_column;
  g_autoptr(GListModel) columns = NULL;
  GtkSelectionModel *selection;

  show (window, "participants");
  g_assert_cmpuint (kl_list_page_get_n_rows (list), ==, N_PEOPLE);

  /* Every third is a Nordmann: 1 000 of them, in name order. */
  kl_list_page_set_search (list, "nordmann");
  kl_test_settle ();
  g_assert_cmpstr (kl_list_page_get_visible (list), ==, "list");
  g_assert_cmpuint (kl_list_page_get_n_rows (list), ==, N_PEOPLE / 3);
  g_assert_cmpint (kl_list_page_get_row_id (list, 0), ==, ids[3]);
  g_assert_true (shows_label (GTK_WIDGET (view), "Person 0003 Nordmann"));
  g_assert_false (shows_label (GTK_WIDGET (view), "Person 3000 Nordmann"));

  scroll_to_end (view);
  g_assert_cmpint (kl_list_page_get_row_id (list, N_PEOPLE / 3 - 1), ==, ids[N_PEOPLE]);
  g_assert_cmpint (kl_list_page_get_row_id (list, N_PEOPLE / 3 - 2), ==, ids[N_PEOPLE - 3]);
  g_assert_cmpint (kl_list_page_get_row_id (list, N_PEOPLE / 3), ==, 0);
  g_assert_true (shows_label (GTK_WIDGET (view), "Person 3000 Nordmann"));
  g_assert_false (shows_label (GTK_WIDGET (view), "Person 0003 Nordmann"));

  /* A narrower search: one person. */
  kl_list_page_set_search (list, "0030");
  kl_test_settle ();
  g_assert_cmpuint (kl_list_page_get_n_rows (list), ==, 1);
  g_assert_cmpint (kl_list_page_get_row_id (list, 0), ==, ids[30]);

  /* Sorted by name, descending: the last is first, across every page. */
  kl_list_page_set_search (list, "nordmann");
  kl_test_settle ();
  columns = g_object_ref (G_LIST_MODEL (gtk_column_view_get_columns (view)));
  name_column = g_list_model_get_item (columns, 0);
  gtk_column_view_sort_by_column (view, name_column, GTK_SORT_DESCENDING);
  g_object_unref (name_column);
  kl_test_settle ();
  g_assert_cmpuint (kl_list_page_get_n_rows (list), ==, N_PEOPLE / 3);
  g_assert_cmpint (kl_list_page_get_row_id (list, 0), ==, ids[N_PEOPLE]);
  g_assert_cmpint (kl_list_page_get_row_id (list, N_PEOPLE / 3 - 1), ==, ids[3]);
  gtk_column_view_sort_by_column (view, NULL, GTK_SORT_ASCENDING);
  kl_test_settle ();

  /* Revealing a row on a page not fetched yet selects it where it is:
   * Person 2400 is the 800th Nordmann. */
  kl_list_page_reload (list);
  kl_list_page_reveal (list, ids[2400]);
  kl_test_settle ();
  selection = gtk_column_view_get_model (view);
  g_assert_true (gtk_selection_model_is_selected (selection, 799));
  g_assert_cmpint (kl_list_page_get_row_id (list, 799), ==, ids[2400]);

  /* A search that nearly everyone matches: the pages come in name order
   * through the name's index, and are the same rows. */
  kl_list_page_set_search (list, "person");
  kl_test_settle ();
  g_assert_cmpuint (kl_list_page_get_n_rows (list), ==, N_PEOPLE);
  for (guint position = 0; position < N_PEOPLE; position += 97)
    g_assert_cmpint (kl_list_page_get_row_id (list, position), ==, ids[position + 1]);
  scroll_to_end (view);
  g_assert_cmpint (kl_list_page_get_row_id (list, N_PEOPLE - 1), ==, ids[N_PEOPLE]);
  g_assert_true (shows_label (GTK_WIDGET (view), "Person 3000 Nordmann"));

  /* Without the search, everyone again. */
  kl_list_page_set_search (list, "");
  kl_test_settle ();
  g_assert_cmpuint (kl_list_page_get_n_rows (list), ==, N_PEOPLE);
  scroll_to_end (view);
  g_assert_cmpint (kl_list_page_get_row_id (list, N_PEOPLE - 1), ==, ids[N_PEOPLE]);

  gtk_window_destroy (GTK_WINDOW (window));
  kl_test_settle ();
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  tmp_dir = kl_test_gui_start (&argc, &argv);
  db = kl_test_file_db (tmp_dir, "people.db");
  {
    g_autoptr(KlTransaction) tx = kl_db_begin (db, &error);

    g_assert_no_error (error);
    /* Inserted out of name order, so that the list's order is its own. */
    for (guint n = 0; n < N_PEOPLE; n++)
      {
        guint number = (n * 7) % N_PEOPLE + 1;
        g_autoptr(KlParticipant) participant = kl_participant_new ();

        participant->name = g_strdup_printf ("Person %04u %s", number, number % 3 == 0 ? "Nordmann" : "Hansen");
        g_assert_true (kl_store_insert_participant (db, participant, &error));
        g_assert_no_error (error);
        ids[number] = participant->id;
      }
    g_assert_true (kl_transaction_commit (tx, &error));
    g_assert_no_error (error);
  }

  g_test_add_func ("/gui-search/pages", test_search_pages);
  status = g_test_run ();

  g_clear_object (&db);
  kl_test_remove_dir (tmp_dir);
  g_free (tmp_dir);
  return status;
}
