/* Personal data from the participant editor: the export a person can ask
 * for, written private, and anonymisation behind a question that says
 * what goes and what stays. PNGs of the question go to the build
 * directory, in English and Norwegian. */

#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>

#include "kl-editor.h"
#include "kl-participant-editor.h"
#include "kl-preferences-window.h"
#include "kl-privacy.h"
#include "kl-store.h"
#include "kl-test-gui.h"
#include "kl-test-util.h"
#include "kl-validate.h"
#include "kl-window.h"

static char *tmp_dir;
static KlDb *db;
static KlWindow *window;

static KlParticipantEditor *
open_editor (gint64    id,
             gboolean *destroyed)
{
  GtkWindow *editor = kl_editor_show (kl_window_get_context (window), GTK_WINDOW (window), KL_EDITOR_PARTICIPANT, id);

  g_assert_true (KL_IS_PARTICIPANT_EDITOR (editor));
  *destroyed = FALSE;
  g_signal_connect (editor, "destroy", G_CALLBACK (kl_test_on_destroyed_cb), destroyed);
  kl_test_wait_mapped (GTK_WIDGET (editor));
  return KL_PARTICIPANT_EDITOR (editor);
}

/* Someone with an e-mail address, enrolled and marked. */
static gint64
marked_participant (void)
{
  return kl_test_scalar (db, "SELECT min(p.id) FROM participant p WHERE p.email IS NOT NULL "
                             "AND EXISTS (SELECT 1 FROM enrolment e WHERE e.participant_id = p.id)");
}

/* Innsyn: everything about the person, in a file only its owner reads. */
static void
test_export (void)
{
  gint64 id = marked_participant ();
  g_autoptr(KlParticipant) participant = kl_store_get_participant (db, id, NULL);
  g_autofree char *path = g_build_filename (tmp_dir, "innsyn.json", NULL);
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gboolean destroyed;
  KlParticipantEditor *editor = open_editor (id, &destroyed);
  struct stat st;

  g_assert_nonnull (participant);
  /* The Personal Data group, at the end of the form. */
  {
    GtkWidget *scroller = kl_test_find_descendant (GTK_WIDGET (editor), GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

    gtk_window_set_default_size (GTK_WINDOW (editor), 600, 560);
    kl_test_settle ();
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    kl_test_save_png (GTK_WIDGET (editor), "participant-editor-personal-data");
  }
  name = kl_participant_editor_get_export_name (editor);
  g_assert_true (g_str_has_prefix (name, "Personopplysninger-"));
  g_assert_true (g_str_has_suffix (name, ".json"));
  g_assert_null (strchr (name, ' '));
  g_assert_null (strchr (name, '/'));

  g_assert_true (kl_participant_editor_export_to (editor, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, participant->name));
  g_assert_nonnull (strstr (text, participant->email));
  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  /* Nothing changed: closing asks nothing and keeps the window. */
  gtk_window_close (GTK_WINDOW (editor));
  kl_test_settle ();
  g_assert_true (destroyed);
}

/* A new participant has nothing to give out or remove yet. */
static void
test_new_has_no_privacy (void)
{
  gboolean destroyed;
  KlParticipantEditor *editor = open_editor (0, &destroyed);

  /* Disabled: the question never comes up. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "participant.anonymise", NULL);
  kl_test_settle ();
  g_assert_null (kl_test_find_dialog (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (editor)));
  gtk_window_close (GTK_WINDOW (editor));
  kl_test_settle ();
  g_assert_true (destroyed);
}

static void
test_anonymise (void)
{
  gint64 id = marked_participant ();
  g_autoptr(KlParticipant) before = kl_store_get_participant (db, id, NULL);
  g_autoptr(KlParticipant) after = NULL;
  KlListPage *list = kl_window_get_list (window, KL_LIST_PARTICIPANTS);
  gint64 marks = kl_test_scalar (db, "SELECT count(*) FROM attendance WHERE participant_id = %lld", (long long) id);
  gint64 enrolments = kl_test_scalar (db, "SELECT count(*) FROM enrolment WHERE participant_id = %lld", (long long) id);
  const char *heading;
  const char *body;
  gboolean destroyed;
  KlParticipantEditor *editor;
  AdwMessageDialog *dialog;

  g_assert_nonnull (before);
  g_assert_nonnull (list);
  kl_list_page_set_search (list, before->name);
  kl_test_settle ();
  g_assert_cmpuint (kl_list_page_get_n_rows (list), >=, 1);

  /* Cancel leaves everything. */
  editor = open_editor (id, &destroyed);
  dialog = kl_participant_editor_confirm_anonymise (editor);
  g_assert_nonnull (dialog);
  kl_test_wait_mapped (GTK_WIDGET (dialog));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_close (GTK_WINDOW (dialog));
  kl_test_settle ();
  g_assert_false (destroyed);
  g_assert_false (kl_privacy_is_anonymised (db, id, NULL));

  dialog = kl_participant_editor_confirm_anonymise (editor);
  kl_test_wait_mapped (GTK_WIDGET (dialog));
  heading = adw_message_dialog_get_heading (dialog);
  body = adw_message_dialog_get_body (dialog);
  g_assert_nonnull (strstr (body, before->name));
  if (g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "nb"))
    {
      g_assert_cmpstr (heading, ==, "Anonymisere deltaker?");
      g_assert_nonnull (strstr (body, "e-postadresse"));
    }
  else
    {
      g_assert_cmpstr (heading, ==, "Anonymise Participant?");
      g_assert_nonnull (strstr (body, "e-mail address, phone number and notes"));
      g_assert_nonnull (strstr (body, "claims and documents already sent stay"));
    }
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "anonymise"), ==, ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  kl_test_save_png (GTK_WIDGET (dialog), "participant-anonymise");

  /* As the Anonymise button does it: the response, then the dialog closes. */
  adw_message_dialog_response (dialog, "anonymise");
  gtk_window_close (GTK_WINDOW (dialog));
  kl_test_settle ();
  g_assert_true (destroyed);

  after = kl_store_get_participant (db, id, NULL);
  g_assert_nonnull (after);
  g_assert_cmpstr (after->name, !=, before->name);
  g_assert_null (after->email);
  g_assert_null (after->phone);
  g_assert_null (after->notes);
  g_assert_true (kl_privacy_is_anonymised (db, id, NULL));
  g_assert_cmpint (kl_test_scalar (db, "SELECT count(*) FROM attendance WHERE participant_id = %lld", (long long) id),
                   ==, marks);
  g_assert_cmpint (kl_test_scalar (db, "SELECT count(*) FROM enrolment WHERE participant_id = %lld", (long long) id),
                   ==, enrolments);
  g_assert_nonnull (kl_window_get_last_toast (window));

  /* The list shows it without a reload by hand. */
  kl_list_page_set_search (list, before->name);
  kl_test_settle ();
  for (guint i = 0; i < kl_list_page_get_n_rows (list); i++)
    g_assert_cmpint (kl_list_page_get_row_id (list, i), !=, id);
  kl_list_page_set_search (list, "");
  kl_test_settle ();
}

/* The open preferences, from the main menu's action. */
static KlPreferencesWindow *
open_preferences (void)
{
  GtkWindow *preferences;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  kl_test_settle ();
  preferences = kl_test_find_dialog (KL_TYPE_PREFERENCES_WINDOW, NULL);
  g_assert_nonnull (preferences);
  kl_test_wait_mapped (GTK_WIDGET (preferences));
  return KL_PREFERENCES_WINDOW (preferences);
}

/* Retention: off by default, saved at once, with how many it would take
 * today under the row; nobody is anonymised by setting it. */
static void
test_retention (void)
{
  KlPreferencesWindow *preferences;
  gboolean nb = g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "nb");
  gint64 named = kl_test_scalar (db, "SELECT count(*) FROM participant WHERE email IS NOT NULL");
  g_autofree char *today = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autofree char *count = NULL;
  int years;

  /* Years from now, when the demo's programmes have long ended. */
  g_setenv ("KARTLESER_NOW", "2045-06-01", TRUE);
  today = kl_today ();
  g_assert_cmpstr (today, ==, "2045-06-01");
  preferences = open_preferences ();
  g_assert_cmpint (kl_privacy_get_retention (db, NULL), ==, 0);
  g_assert_cmpint (kl_preferences_window_get_retention (preferences), ==, 0);
  g_assert_cmpstr (kl_preferences_window_get_retention_preview (preferences), ==,
                   nb ? "Av: beholdes til de anonymiseres for hånd" : "Off: kept until anonymised by hand");

  /* The smallest retention that takes someone from the demo. */
  for (years = 1; years < 50; years++)
    {
      g_clear_pointer (&due, g_ptr_array_unref);
      due = kl_privacy_retention_due (db, years, today, NULL);
      g_assert_nonnull (due);
      if (due->len > 0)
        break;
    }
  g_assert_cmpuint (due->len, >, 0);
  kl_preferences_window_set_retention (preferences, years);
  kl_test_settle ();
  g_assert_cmpint (kl_privacy_get_retention (db, NULL), ==, years);
  count = g_strdup_printf ("%u %s", due->len, nb ? "deltaker" : "participant");
  g_assert_true (g_str_has_prefix (kl_preferences_window_get_retention_preview (preferences), count));
  g_assert_nonnull (strstr (kl_preferences_window_get_retention_preview (preferences), nb ? "anonymisert nå" : "anonymised now"));
  /* A preview only: nobody lost an e-mail address. */
  g_assert_cmpint (kl_test_scalar (db, "SELECT count(*) FROM participant WHERE email IS NOT NULL"), ==, named);

  /* Longer than anyone has been gone: nobody. */
  kl_preferences_window_set_retention (preferences, 50);
  kl_test_settle ();
  g_assert_cmpstr (kl_preferences_window_get_retention_preview (preferences), ==,
                   nb ? "Ingen skal anonymiseres nå" : "Nobody is due to be anonymised now");
  kl_preferences_window_set_retention (preferences, years);
  kl_test_settle ();
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "defaults");
  kl_test_settle ();
  kl_test_save_png (GTK_WIDGET (preferences), "preferences-retention");

  /* Off again, and it stays as set when the window opens again. */
  kl_preferences_window_set_retention (preferences, 0);
  kl_test_settle ();
  g_assert_cmpint (kl_privacy_get_retention (db, NULL), ==, 0);
  kl_preferences_window_set_retention (preferences, 5);
  gtk_window_close (GTK_WINDOW (preferences));
  kl_test_settle ();
  preferences = open_preferences ();
  g_assert_cmpint (kl_preferences_window_get_retention (preferences), ==, 5);
  kl_preferences_window_set_retention (preferences, 0);
  gtk_window_close (GTK_WINDOW (preferences));
  kl_test_settle ();
  g_unsetenv ("KARTLESER_NOW");
}

int
main (int    argc,
      char **argv)
{
  db = kl_test_gui_start_demo (&argc, &argv, &tmp_dir);
  window = kl_test_open_window (db);
  kl_window_show_page (window, "participants");

  g_test_add_func ("/privacy/export", test_export);
  g_test_add_func ("/privacy/new", test_new_has_no_privacy);
  g_test_add_func ("/privacy/anonymise", test_anonymise);
  g_test_add_func ("/privacy/retention", test_retention);
  return kl_test_gui_run (&window, &db, &tmp_dir);
}
