/* Back Up…, Restore… and Export Calendar… in the window, on demo data:
 * the menu offers them, a backup through the window is a valid file, and a
 * confirmed restore brings the backed-up data back in a fresh window. The
 * full check after the window shows: a banner for damage it finds. */

#include <adwaita.h>
#include <sqlite3.h>
#include <string.h>

#include "kl-backup.h"
#include "kl-error.h"
#include "kl-store.h"
#include "kl-test-gui.h"
#include "kl-test-util.h"
#include "kl-window.h"
#include "kl-window-backup.h"

static char *tmp_dir;
static KlDb *db;
static KlWindow *window;

typedef gboolean (*Condition) (gpointer data);

static void
wait_until (Condition condition,
            gpointer  data)
{
  gint64 end = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

static guint
count_clients (KlDb *any)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clients = kl_store_list_clients (any, &error);

  g_assert_no_error (error);
  return clients->len;
}

static void
test_menu (void)
{
  GtkWidget *button = kl_test_find_descendant (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON);
  GMenuModel *menu;

  g_assert_nonnull (button);
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  g_assert_nonnull (menu);
  g_assert_true (kl_test_menu_has_action (menu, "win.back-up"));
  g_assert_true (kl_test_menu_has_action (menu, "win.restore"));
}

static void
test_sessions_export_button (void)
{
  GtkWidget *view;
  GtkWidget *button;

  g_assert_true (kl_window_show_page (window, "programme/1/sessions"));
  kl_test_settle ();
  view = kl_window_get_page_widget (window, "programme");
  button = kl_test_find_action_button (view, "win.export-programme-calendar");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_drawable (button));
  g_assert_true (gtk_widget_is_sensitive (button));
}

/* Renamed into place: whole. */
static gboolean
backup_written (gpointer data)
{
  g_autofree char *part = g_strconcat (data, ".part", NULL);

  return g_file_test (data, G_FILE_TEST_EXISTS) && !g_file_test (part, G_FILE_TEST_EXISTS);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_visible (GTK_WIDGET (toplevel))
          && toplevel != GTK_WINDOW (window))
        return toplevel;
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
fresh_window_shown (gpointer data)
{
  return find_toplevel (KL_TYPE_WINDOW) != NULL;
}

/* Back up through the window, change something, restore: the change is
 * gone, in a new window, and the old data were kept. */
static void
test_backup_and_restore (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "kartleser-gui.db", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlClient) client = kl_client_new ();
  g_autofree char *backups = NULL;
  guint before = count_clients (db);
  AdwMessageDialog *dialog;
  KlWindow *fresh;

  kl_window_back_up_to (window, file);
  wait_until (backup_written, path);
  g_assert_true (kl_backup_check (path, NULL, &error));
  g_assert_no_error (error);

  client->name = g_strdup ("Added after the backup");
  client->kind = g_strdup ("skole");
  g_assert_true (kl_store_insert_client (db, client, &error));
  g_assert_cmpuint (count_clients (db), ==, before + 1);

  kl_window_restore_from (window, file);
  wait_until (dialog_shown, NULL);
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  adw_message_dialog_response (dialog, "restore");
  wait_until (fresh_window_shown, NULL);

  fresh = KL_WINDOW (find_toplevel (KL_TYPE_WINDOW));
  kl_test_wait_mapped (GTK_WIDGET (fresh));
  kl_test_settle ();
  g_assert_null (window);  /* the old window is gone */
  g_assert_cmpuint (count_clients (kl_window_get_db (fresh)), ==, before);
  g_assert_cmpstr (kl_window_get_state (fresh), ==, "main");
  backups = kl_backup_dir (kl_db_get_path (db));
  g_assert_true (g_file_test (backups, G_FILE_TEST_IS_DIR));
  window = fresh;
}

static gboolean
banner_shown (gpointer data)
{
  return kl_window_get_banner (data) != NULL;
}

static gboolean
check_done (gpointer data)
{
  return !kl_db_check_due (data);
}

/* The check runs in the background once a day: clean, nothing shows;
 * damage (a page opening never reads) shows a banner that stays, and
 * nothing is written any more. */
static void
test_check_banner (void)
{
  g_autofree char *dir = kl_test_make_dir ("test-gui-check");
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDb) damaged = NULL;
  KlTransaction *tx;
  KlWindow *other;
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  gsize length = 0;
  int root;

  /* The shared demo window: clean. */
  kl_window_start_check (window);
  wait_until (check_done, db);
  kl_test_settle ();
  g_assert_null (kl_window_get_banner (window));

  {
    g_autoptr(KlDb) fresh = kl_test_demo_db (dir);

    path = g_strdup (kl_db_get_path (fresh));
  }
  g_assert_cmpint (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT rootpage FROM sqlite_schema WHERE name = 'participant'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  root = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  memset (contents + (gsize) (root - 1) * 4096, 0x5a, 4096);
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));

  damaged = kl_db_open (path, &error);
  g_assert_no_error (error);
  other = kl_test_open_window (damaged);
  g_assert_null (kl_window_get_banner (other));
  kl_window_start_check (other);
  wait_until (banner_shown, other);
  kl_test_settle ();
  g_assert_nonnull (strstr (kl_window_get_banner (other), "damaged"));
  kl_test_save_png (GTK_WIDGET (other), "damage-banner");
  tx = kl_db_begin (damaged, &error);
  g_assert_null (tx);
  g_assert_error (error, KL_ERROR, KL_ERROR_DB_DAMAGED);

  gtk_window_destroy (GTK_WINDOW (other));
  g_clear_object (&damaged);
  kl_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  db = kl_test_gui_start_demo (&argc, &argv, &tmp_dir);
  window = kl_test_open_window (db);

  g_test_add_func ("/backup/menu", test_menu);
  g_test_add_func ("/backup/sessions-export-button", test_sessions_export_button);
  g_test_add_func ("/backup/check-banner", test_check_banner);
  g_test_add_func ("/backup/backup-and-restore", test_backup_and_restore);
  return kl_test_gui_run (&window, &db, &tmp_dir);
}
