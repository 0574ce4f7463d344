/* A long participant list in the import dialog: reading and importing
 * run in a worker thread with a progress bar, the main loop keeps
 * turning, Cancel imports nothing (the one transaction is rolled back),
 * and an import left to finish adds every row. */

#include <adwaita.h>
#include <string.h>

#include "kl-import-dialog.h"
#include "kl-store.h"
#include "kl-test-gui.h"
#include "kl-test-store.h"
#include "kl-test-util.h"
#include "kl-window.h"

/* Enough rows that the import is still running a frame or two after it
 * starts, on any machine. */
#define N_ROWS 12000

static char *tmp_dir;
static char *csv_path;
static KlDb *db;
static KlWindow *window;
static gint64 programme;

/* N_ROWS people, none of them in the database yet. */
static void
write_csv (void)
{
  g_autoptr(GString) text = g_string_new ("Navn;E-post;Stilling\r\n");
  g_autoptr(GError) error = NULL;

  for (guint i = 1; i <= N_ROWS; i++)
    g_string_append_printf (text, "Stor Deltaker %05u;stor.deltaker.%05u@example.no;Lærer\r\n", i, i);
  csv_path = g_build_filename (tmp_dir, "store-liste.csv", NULL);
  g_assert_true (g_file_set_contents (csv_path, text->str, (gssize) text->len, &error));
  g_assert_no_error (error);
}

static KlImportDialog *
open_planned (void)
{
  KlImportDialog *dialog = kl_import_dialog_new (kl_window_get_context (window), GTK_WINDOW (window), programme);

  gtk_window_present (GTK_WINDOW (dialog));
  kl_test_wait_mapped (GTK_WIDGET (dialog));
  kl_import_dialog_load_file (dialog, csv_path);
  /* Reading is under way, not done before the call returned. */
  g_assert_true (kl_import_dialog_is_busy (dialog));
  g_assert_cmpstr (kl_import_dialog_get_state (dialog), ==, "working");
  kl_test_wait_import (dialog, 120);
  g_assert_cmpstr (kl_import_dialog_get_state (dialog), ==, "preview");
  g_assert_true (kl_import_dialog_can_import (dialog));
  return dialog;
}

/* Cancelled half way: not one participant or enrolment stays, and the
 * preview is back to try again. */
static void
test_cancel (void)
{
  gint64 before = kl_test_query_int (db, "SELECT count(*) FROM participant WHERE ?1 > 0", 1);
  gint64 end = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;
  KlImportDialog *dialog = open_planned ();
  guint turns = 0;

  kl_import_dialog_import (dialog);
  g_assert_true (kl_import_dialog_is_busy (dialog));
  g_assert_cmpstr (kl_import_dialog_get_state (dialog), ==, "working");
  /* The main loop turns while rows are written: the bar moves. */
  while (kl_import_dialog_is_busy (dialog) && kl_import_dialog_get_fraction (dialog) == 0
         && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, TRUE);
      turns++;
    }
  g_assert_true (kl_import_dialog_is_busy (dialog));
  g_assert_cmpfloat (kl_import_dialog_get_fraction (dialog), >, 0);
  g_assert_cmpfloat (kl_import_dialog_get_fraction (dialog), <, 1);
  g_assert_cmpuint (turns, >, 0);
  kl_test_save_png (GTK_WIDGET (dialog), "import-progress");

  kl_import_dialog_cancel (dialog);
  kl_test_wait_import (dialog, 120);
  g_assert_cmpstr (kl_import_dialog_get_state (dialog), ==, "preview");
  g_assert_true (kl_import_dialog_can_import (dialog));
  g_assert_cmpint (kl_test_query_int (db, "SELECT count(*) FROM participant WHERE ?1 > 0", 1), ==, before);
  g_assert_cmpint (kl_test_query_int (db, "SELECT count(*) FROM enrolment WHERE programme_id = ?1", programme), ==, 0);
  g_assert_cmpint (kl_test_query_int (db,
                                      "SELECT count(*) FROM participant WHERE email LIKE 'stor.deltaker.%' AND ?1 > 0", 1), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
  kl_test_settle ();
}

/* Left to finish: every row is a new participant, enrolled, and the
 * dialog closes. */
static void
test_complete (void)
{
  gint64 before = kl_test_query_int (db, "SELECT count(*) FROM participant WHERE ?1 > 0", 1);
  KlImportDialog *dialog = open_planned ();

  kl_import_dialog_import (dialog);
  g_assert_true (kl_import_dialog_is_busy (dialog));
  kl_test_wait_import (dialog, 120);
  kl_test_settle ();
  g_assert_cmpint (kl_test_query_int (db, "SELECT count(*) FROM participant WHERE ?1 > 0", 1), ==, before + N_ROWS);
  g_assert_cmpint (kl_test_query_int (db, "SELECT count(*) FROM enrolment WHERE programme_id = ?1", programme), ==,
                   N_ROWS);
}

int
main (int    argc,
      char **argv)
{
  gint64 baerum;
  int status;

  db = kl_test_gui_start_demo (&argc, &argv, &tmp_dir);
  baerum = kl_test_query_int (db, "SELECT id FROM client WHERE name = 'Bærum kommune' AND ?1 > 0", 1);
  programme = kl_test_add_programme_of_kind (db, baerum, "nettverk", "Stor konferanse", "2027-01-10", "2027-06-10");
  write_csv ();
  window = kl_test_open_window (db);

  g_test_add_func ("/gui-import-large/cancel", test_cancel);
  g_test_add_func ("/gui-import-large/complete", test_complete);
  status = kl_test_gui_run (&window, &db, &tmp_dir);
  g_free (csv_path);
  return status;
}
