/* Saving printed documents from the programme view: a sign-in sheet
 * button on every session, the save dialog with a sensible name, the file
 * written where the user chose; and a refusal that says why and writes
 * nothing. */

#include <adwaita.h>
#include <string.h>

#include "kl-programme-view.h"
#include "kl-store.h"
#include "kl-test-gui.h"
#include "kl-test-store.h"
#include "kl-test-util.h"
#include "kl-window.h"
#include "test-pdf-util.h"

static char *tmp_dir;
static KlDb *db;
static KlWindow *window;

static GtkWidget *
programme_view (void)
{
  return kl_window_get_page_widget (window, "programme");
}

static void
count_buttons (GtkWidget  *widget,
               const char *action,
               guint      *count)
{
  if (GTK_IS_ACTIONABLE (widget) && GTK_IS_BUTTON (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0
      && gtk_widget_is_visible (widget))
    (*count)++;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    count_buttons (child, action, count);
}

/* As a user types the name and clicks Save: until the file is at path. */
static void
save_as (GtkWidget  *chooser,
         const char *name,
         const char *path)
{
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  kl_test_settle ();
  /* The dialog checks the folder asynchronously before it answers. */
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  for (int i = 0; i < 200 && !g_file_test (path, G_FILE_TEST_EXISTS); i++)
    {
      g_usleep (5000);
      g_main_context_iteration (NULL, FALSE);
    }
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* Every session has its button; the dialog proposes a name and the sheet
 * lands in the folder chosen. */
static void
test_sign_in_sheet_saved (void)
{
  g_autoptr(GPtrArray) sessions = kl_store_list_sessions (db, 1, NULL);
  g_autofree char *path = g_build_filename (tmp_dir, "sheet.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  KlSession *session;
  GtkWidget *chooser;
  guint buttons = 0;

  g_assert_nonnull (sessions);
  kl_test_open_programme_tab (window, 1, "sessions");
  count_buttons (programme_view (), "programme.sign-in-sheet", &buttons);
  g_assert_cmpuint (buttons, ==, sessions->len);

  session = g_ptr_array_index (sessions, 0);
  g_assert_true (gtk_widget_activate_action (programme_view (), "programme.sign-in-sheet", "x", session->id));
  chooser = GTK_WIDGET (kl_test_wait_dialog (GTK_TYPE_FILE_CHOOSER_DIALOG, 50));
  g_assert_nonnull (chooser);
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  kl_test_save_png (chooser, "save-sign-in-sheet");
  g_assert_true (g_str_has_prefix (name, "Oppmøteliste-"));
  g_assert_true (g_str_has_suffix (name, ".pdf"));

  /* The dialog opens in Documents, which is tmp_dir here (see main). */
  save_as (chooser, "sheet.pdf", path);
  text = kl_test_pdf_text (path, 0);
  g_assert_nonnull (strstr (text, "Oppmøteliste"));
  g_assert_nonnull (strstr (text, session->title));
}

/* Certificates… on the Participants tab saves everybody's certificate
 * or statement in one file; for a programme still running only once the
 * user says so, with the sessions to come named. */
static void
test_certificates_saved (void)
{
  AdwMessageDialog *question;
  g_autoptr(GPtrArray) participants = kl_store_list_participants (db, 1, NULL);
  g_autofree char *path = g_build_filename (tmp_dir, "certificates.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  GtkWidget *chooser;

  kl_test_open_programme_tab (window, 1, "participants");
  g_assert_true (gtk_widget_activate_action (programme_view (), "programme.certificates", NULL));
  kl_test_settle ();
  /* The demo's first programme is running: it asks first. */
  question = kl_programme_view_get_confirmation (KL_PROGRAMME_VIEW (programme_view ()));
  g_assert_nonnull (question);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "still to come"));
  kl_test_answer (question, "make");
  chooser = GTK_WIDGET (kl_test_wait_dialog (GTK_TYPE_FILE_CHOOSER_DIALOG, 50));
  g_assert_nonnull (chooser);
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_true (g_str_has_prefix (name, "Kursbevis-"));
  save_as (chooser, "certificates.pdf", path);
  text = kl_test_pdf_text (path, 0);
  g_assert_nonnull (strstr (text, "Stiftelsen IMTEC"));
  g_assert_nonnull (strstr (text, ((KlParticipant *) g_ptr_array_index (participants, 0))->name));
}

/* Nothing to report on: a dialog says why, and no save dialog opens. */
static void
test_attendance_report_refused (void)
{
  gint64 empty = kl_test_add_programme (db, 1, "Tomt program", "2026-01-01", "2026-06-30");
  GtkWidget *dialog;
  const char *body;

  kl_test_open_programme_tab (window, empty, "attendance");
  g_assert_true (gtk_widget_activate_action (programme_view (), "programme.attendance-report", NULL));
  dialog = GTK_WIDGET (kl_test_wait_dialog (ADW_TYPE_MESSAGE_DIALOG, 50));
  g_assert_nonnull (dialog);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (body, "Tomt program"));
  g_assert_nonnull (strstr (body, "Nothing was written"));
  g_assert_null (kl_test_wait_dialog (GTK_TYPE_FILE_CHOOSER_DIALOG, 1));
  kl_test_save_png (dialog, "document-refused");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *user_dirs = NULL;
  g_autofree char *user_dirs_text = NULL;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = kl_test_make_dir ("test-gui-export");
  /* Documents is where the save dialog opens: make it the test's folder. */
  user_dirs = g_build_filename (tmp_dir, "user-dirs.dirs", NULL);
  user_dirs_text = g_strdup_printf ("XDG_DOCUMENTS_DIR=\"%s\"\n", tmp_dir);
  g_assert_true (g_file_set_contents (user_dirs, user_dirs_text, -1, NULL));
  g_setenv ("XDG_CONFIG_HOME", tmp_dir, TRUE);
  g_reload_user_special_dirs_cache ();
  g_assert_cmpstr (g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS), ==, tmp_dir);
  kl_test_gui_init ();

  db = kl_test_demo_db (tmp_dir);
  window = kl_test_open_window (db);

  g_test_add_func ("/gui-export/sign-in-sheet", test_sign_in_sheet_saved);
  g_test_add_func ("/gui-export/certificates", test_certificates_saved);
  g_test_add_func ("/gui-export/attendance-report-refused", test_attendance_report_refused);
  return kl_test_gui_run (&window, &db, &tmp_dir);
}
