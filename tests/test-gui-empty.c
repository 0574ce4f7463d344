/* An empty participant list offers what to do: add a participant, or
 * import a list into one of the programmes; "No results" is only for a
 * search that finds nothing among participants who exist. */

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "kl-editor-window.h"
#include "kl-import-dialog.h"
#include "kl-participant-editor.h"
#include "kl-store.h"
#include "kl-test-gui.h"
#include "kl-test-store.h"
#include "kl-test-util.h"
#include "kl-window.h"

static char *tmp_dir;
static KlDb *db;
static gint64 programme_id;

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return NULL;
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The shown button under widget that runs action; NULL when none. */
static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return NULL;
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
show (KlWindow   *window,
      const char *page)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", page));
  kl_test_settle ();
}

static void
test_empty_participants (void)
{
  KlWindow *window = kl_test_open_window (db);
  KlListPage *list = kl_window_get_list (window, KL_LIST_PARTICIPANTS);
  GtkWidget *status;
  GtkWidget *import;
  GMenuModel *menu;
  g_autofree char *label = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KlParticipant) participant = kl_participant_new ();
  KlImportDialog *dialog;

  show (window, "participants");
  g_assert_cmpstr (kl_list_page_get_visible (list), ==, "empty");
  status = find_widget (GTK_WIDGET (list), ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (status);
  if (!g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "nb"))
    g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "No Participants Yet");

  /* Import… offers the one programme there is. */
  import = find_widget (status, GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (import);
  g_assert_true (gtk_widget_get_sensitive (import));
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (import));
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 1);
  g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label));
  g_assert_cmpstr (label, ==, "LED SKOLE Askøy");
  kl_test_save_png (GTK_WIDGET (window), "participants-empty");

  /* Add Participant: a new participant's editor. */
  {
    GtkWidget *add = find_action_button (status, "win.new");
    GtkWindow *editor;

    g_assert_nonnull (add);
    g_assert_true (gtk_widget_get_sensitive (add));
    /* A click (gtk_widget_activate animates first, and clicks later). */
    g_signal_emit_by_name (add, "clicked");
    kl_test_settle ();
    editor = kl_test_find_dialog (KL_TYPE_PARTICIPANT_EDITOR, NULL);
    g_assert_nonnull (editor);
    g_assert_cmpint (kl_editor_window_get_id (KL_EDITOR_WINDOW (editor)), ==, 0);
    gtk_window_destroy (editor);
    kl_test_settle ();
  }

  /* A search among no participants at all is still the empty state. */
  kl_list_page_set_search (list, "hansen");
  kl_test_settle ();
  g_assert_cmpstr (kl_list_page_get_visible (list), ==, "empty");

  /* Choosing the programme opens the import for it. */
  g_assert_true (gtk_widget_activate_action (import, "list.import-participants", "x", programme_id));
  kl_test_settle ();
  dialog = KL_IMPORT_DIALOG (kl_test_find_dialog (KL_TYPE_IMPORT_DIALOG, NULL));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (kl_import_dialog_get_state (dialog), ==, "start");
  gtk_window_destroy (GTK_WINDOW (dialog));
  kl_test_settle ();

  /* With a participant, a search that finds nobody says so. */
  participant->name = g_strdup ("Kari Nordmann");
  g_assert_true (kl_store_insert_participant (db, participant, &error));
  g_assert_no_error (error);
  kl_test_settle ();
  kl_list_page_reload (list);
  kl_list_page_set_search (list, "hansen");
  kl_test_settle ();
  g_assert_cmpstr (kl_list_page_get_visible (list), ==, "no-results");
  kl_list_page_set_search (list, "");
  kl_test_settle ();
  g_assert_cmpstr (kl_list_page_get_visible (list), ==, "list");
  g_assert_cmpuint (kl_list_page_get_n_rows (list), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  kl_test_settle ();
}

int
main (int    argc,
      char **argv)
{
  gint64 client;

  tmp_dir = kl_test_gui_start (&argc, &argv);
  db = kl_test_file_db (tmp_dir, "empty.db");
  client = kl_test_add_client (db, "Askøy kommune", "kommune", 0, NULL);
  programme_id = kl_test_add_programme (db, client, "LED SKOLE Askøy", "2026-01-10", "2026-06-12");

  g_test_add_func ("/gui-empty/participants", test_empty_participants);
  return kl_test_gui_run (NULL, &db, &tmp_dir);
}
