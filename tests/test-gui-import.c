/* Participants from a CSV file in the window: the import dialog's preview
 * (per row its line, action and problems), skipping bad rows, undo, a bad
 * file's message, and "Copy E-mail Addresses" on the clipboard. PNGs of
 * the dialog are left in the build directory. */

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "kl-import-dialog.h"
#include "kl-programme-view.h"
#include "kl-record.h"
#include "kl-store.h"
#include "kl-test-gui.h"
#include "kl-test-store.h"
#include "kl-test-util.h"
#include "kl-window.h"

static char *tmp_dir;
static KlDb *db;
static KlWindow *window;
static gint64 programme;   /* an empty programme of the demo's Bærum kommune */

/* The view reads the database again in an idle callback, which a busy
 * frame clock can hold back for a while: wait for it, up to 5 s. */
static void
wait_for_participants (const char *state,
                       guint       rows)
{
  gint64 end = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;

  while ((g_strcmp0 (kl_programme_view_get_tab_state (kl_test_programme_view (window), "participants"), state) != 0
          || kl_programme_view_count_rows (kl_test_programme_view (window), "participants") != rows)
         && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpstr (kl_programme_view_get_tab_state (kl_test_programme_view (window), "participants"), ==, state);
  g_assert_cmpuint (kl_programme_view_count_rows (kl_test_programme_view (window), "participants"), ==, rows);
}

static void
open_participants (void)
{
  g_autofree char *page = g_strdup_printf ("programme/%" G_GINT64_FORMAT "/participants", programme);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", page));
  kl_test_settle ();
  g_assert_cmpint (kl_programme_view_get_programme (kl_test_programme_view (window)), ==, programme);
}

static void
assert_row (GListModel *rows,
            guint       position,
            const char *line,
            const char *action,
            const char *name,
            const char *workplace,
            const char *problems)
{
  g_autoptr(KlRecord) record = g_list_model_get_item (rows, position);

  g_assert_nonnull (record);
  g_assert_cmpstr (kl_record_get_value (record, KL_IMPORT_COLUMN_LINE), ==, line);
  g_assert_cmpstr (kl_record_get_value (record, KL_IMPORT_COLUMN_ACTION), ==, g_dpgettext2 (NULL, "import", action));
  g_assert_cmpstr (kl_record_get_value (record, KL_IMPORT_COLUMN_NAME), ==, name);
  g_assert_cmpstr (kl_record_get_value (record, KL_IMPORT_COLUMN_WORKPLACE), ==, workplace);
  if (kl_test_in_english ())
    g_assert_cmpstr (kl_record_get_value (record, KL_IMPORT_COLUMN_PROBLEMS), ==, problems);
  else
    g_assert_cmpint (*kl_record_get_value (record, KL_IMPORT_COLUMN_PROBLEMS) == '\0', ==, *problems == '\0');
}

static void
test_preview_skip_and_undo (void)
{
  g_autoptr(GError) error = NULL;
  gboolean destroyed = FALSE;
  KlImportDialog *dialog;
  GListModel *rows;

  open_participants ();
  g_assert_cmpstr (kl_programme_view_get_tab_state (kl_test_programme_view (window), "participants"), ==, "empty");

  dialog = kl_import_dialog_new (kl_window_get_context (window), GTK_WINDOW (window), programme);
  g_signal_connect (dialog, "destroy", G_CALLBACK (kl_test_on_destroyed_cb), &destroyed);
  gtk_window_present (GTK_WINDOW (dialog));
  kl_test_wait_mapped (GTK_WIDGET (dialog));
  g_assert_cmpstr (kl_import_dialog_get_state (dialog), ==, "start");
  kl_test_save_png (GTK_WIDGET (dialog), "import-start");
  {
    g_autofree char *path = kl_test_import_file ("broken-rows.csv");

    kl_import_dialog_load_file (dialog, path);
    g_assert_true (kl_import_dialog_is_busy (dialog));
    kl_test_wait_import (dialog, 30);
  }
  kl_test_settle ();
  g_assert_cmpstr (kl_import_dialog_get_state (dialog), ==, "preview");
  g_assert_cmpstr (kl_import_dialog_get_summary (dialog), ==,
                   kl_test_in_english () ? "4 rows: 2 new, 0 matched, 2 skipped" : "4 rader: 2 nye, 0 funnet, 2 hoppet over");
  rows = kl_import_dialog_get_rows (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 4);
  /* Bekkestua skole is a demo client; Høvik skole is not. */
  assert_row (rows, 0, "2", "New", "Marit Lie", "Bekkestua skole", "");
  assert_row (rows, 1, "3", "Skipped", "", "Høvik skole",
              "No name; Workplace “Høvik skole” is not among the clients; imported without a workplace");
  assert_row (rows, 2, "4", "Skipped", "Jon Feil", "Høvik skole",
              "E-mail: “jon@@example” is not an e-mail address; "
              "Workplace “Høvik skole” is not among the clients; imported without a workplace");
  assert_row (rows, 3, "5", "New", "Siv Dahl", "Høvik skole",
              "Workplace “Høvik skole” is not among the clients; imported without a workplace");
  /* Rows with errors: nothing until the user chooses to skip them. */
  g_assert_false (kl_import_dialog_can_import (dialog));
  kl_test_save_png (GTK_WIDGET (dialog), "import-preview");
  kl_import_dialog_set_skip_bad_rows (dialog, TRUE);
  g_assert_true (kl_import_dialog_can_import (dialog));

  kl_import_dialog_import (dialog);
  g_assert_true (kl_import_dialog_is_busy (dialog));
  kl_test_wait_import (dialog, 30);
  kl_test_settle ();
  g_assert_true (destroyed);
  g_assert_cmpint (kl_test_query_int (db, "SELECT count(*) FROM enrolment WHERE programme_id = ?1", programme), ==, 2);
  /* The list follows the database. */
  wait_for_participants ("list", 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  kl_test_settle ();
  g_assert_cmpint (kl_test_query_int (db, "SELECT count(*) FROM enrolment WHERE programme_id = ?1", programme), ==, 0);
  g_assert_cmpint (kl_test_query_int (db,
                                      "SELECT count(*) FROM participant WHERE email = 'marit@example.no' AND ?1 > 0", 1), ==, 0);
  wait_for_participants ("empty", 0);
}

static void
test_bad_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = kl_test_import_file ("unterminated-quote.csv");
  gint64 before = kl_test_query_int (db, "SELECT count(*) FROM participant WHERE ?1 > 0", 1);
  KlImportDialog *dialog = kl_import_dialog_new (kl_window_get_context (window), GTK_WINDOW (window), programme);

  gtk_window_present (GTK_WINDOW (dialog));
  kl_test_wait_mapped (GTK_WIDGET (dialog));
  kl_import_dialog_load_file (dialog, path);
  kl_test_wait_import (dialog, 30);
  g_assert_nonnull (strstr (kl_import_dialog_get_error (dialog),
                            kl_test_in_english () ? "line 3: a quoted field is never closed"
                                                      : "linje 3: et felt i anførselstegn blir aldri avsluttet"));
  g_assert_cmpstr (kl_import_dialog_get_state (dialog), ==, "error");
  g_assert_false (kl_import_dialog_can_import (dialog));
  g_assert_cmpuint (g_list_model_get_n_items (kl_import_dialog_get_rows (dialog)), ==, 0);
  kl_test_save_png (GTK_WIDGET (dialog), "import-error");
  gtk_window_close (GTK_WINDOW (dialog));
  kl_test_settle ();
  g_assert_cmpint (kl_test_query_int (db, "SELECT count(*) FROM participant WHERE ?1 > 0", 1), ==, before);
}

static void
test_copy_emails (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = kl_test_import_file ("utf8-bom.csv");
  KlImportDialog *dialog = kl_import_dialog_new (kl_window_get_context (window), GTK_WINDOW (window), programme);
  GdkClipboard *clipboard;
  GValue value = G_VALUE_INIT;

  open_participants ();
  gtk_window_present (GTK_WINDOW (dialog));
  kl_test_wait_mapped (GTK_WIDGET (dialog));
  kl_import_dialog_load_file (dialog, path);
  kl_test_wait_import (dialog, 30);
  kl_import_dialog_import (dialog);
  kl_test_wait_import (dialog, 30);
  kl_test_settle ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kl_test_programme_view (window)), "programme.copy-emails",
                                             NULL));
  kl_test_settle ();
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (kl_test_programme_view (window)));
  g_assert_true (gdk_clipboard_is_local (clipboard));
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (gdk_clipboard_get_content (clipboard), &value, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (g_value_get_string (&value), ==, "ingrid@example.no; tor@example.no");
  g_value_unset (&value);
}

int
main (int    argc,
      char **argv)
{
  gint64 baerum;

  db = kl_test_gui_start_demo (&argc, &argv, &tmp_dir);
  baerum = kl_test_query_int (db, "SELECT id FROM client WHERE name = 'Bærum kommune' AND ?1 > 0", 1);
  programme = kl_test_add_programme_of_kind (db, baerum, "nettverk", "Nettverk for rektorer", "2027-01-10", "2027-06-10");
  window = kl_test_open_window (db);

  g_test_add_func ("/gui-import/preview-skip-and-undo", test_preview_skip_and_undo);
  g_test_add_func ("/gui-import/bad-file", test_bad_file);
  g_test_add_func ("/gui-import/copy-emails", test_copy_emails);
  return kl_test_gui_run (&window, &db, &tmp_dir);
}
