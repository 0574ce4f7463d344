/* What the application says, in English and in Norwegian, on the small
 * demo: toasts that say what happened (a series, an edit, a delete, an
 * import), the question before an application is recorded and sealed
 * (cancelled, nothing is sealed), the documents as sent with local time
 * and whether they still match the figures, and in the preferences the
 * retention applied now and the copies kept before a restore. */

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "kl-backup.h"
#include "kl-context.h"
#include "kl-cost-editor.h"
#include "kl-editor.h"
#include "kl-editor-window.h"
#include "kl-error.h"
#include "kl-fund-documents-group.h"
#include "kl-fund-seal.h"
#include "kl-import-dialog.h"
#include "kl-participant-editor.h"
#include "kl-preferences-window.h"
#include "kl-privacy.h"
#include "kl-programme-view.h"
#include "kl-series-dialog.h"
#include "kl-session-editor.h"
#include "kl-store.h"
#include "kl-test-gui.h"
#include "kl-test-store.h"
#include "kl-test-util.h"
#include "kl-validate.h"

static char *tmp_dir;
static KlDb *db;
static KlWindow *window;
static gint64 programme;   /* the demo's application, made a draft again */

static void
open_tab (const char *tab)
{
  g_autofree char *page = g_strdup_printf ("programme/%" G_GINT64_FORMAT "/%s", programme, tab);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", page));
  kl_test_settle ();
  g_assert_cmpint (kl_programme_view_get_programme (kl_test_programme_view (window)), ==, programme);
}

static const char *
last_toast (void)
{
  const char *toast = kl_window_get_last_toast (window);

  g_assert_nonnull (toast);
  return toast;
}

static char *
programme_title (void)
{
  g_autoptr(KlProgramme) record = kl_store_get_programme (db, programme, NULL);

  g_assert_nonnull (record);
  return g_strdup (record->title);
}

/* A toast says a name as typed: libadwaita 1.2 reads a toast's title as
 * markup, where an ampersand left it blank. */
static void
test_toast_as_typed (void)
{
  const char *text = "Client “Berg & Søn <AS>” deleted";

  gint64 end = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-toast", "s", text));
  g_assert_cmpstr (last_toast (), ==, text);
  while (!kl_test_shows_label (GTK_WIDGET (window), text) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (kl_test_shows_label (GTK_WIDGET (window), text));
}

/* Each undoable step's toast says what was done, in the past tense. */
static void
test_toasts (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autofree char *title = programme_title ();
  g_autofree char *expected = NULL;
  KlSessionEditor *editor;
  KlSeriesDialog *series;
  KlImportDialog *import;
  gint64 session_id;
  guint created;

  open_tab ("sessions");

  /* Repeat Sessions. */
  series = g_object_ref (kl_series_dialog_new (kl_window_get_context (window), GTK_WINDOW (window), programme));
  gtk_window_present (GTK_WINDOW (series));
  kl_test_wait_mapped (GTK_WIDGET (series));
  g_assert_true (kl_series_dialog_can_create (series));
  g_assert_true (kl_series_dialog_create (series, &error));
  g_assert_no_error (error);
  created = kl_series_dialog_get_created (series);
  g_assert_cmpuint (created, >, 1);
  g_object_unref (series);
  kl_test_settle ();
  expected = kl_test_in_english () ? g_strdup_printf ("%u sessions added to “%s”", created, title)
                        : g_strdup_printf ("%u samlinger lagt til i «%s»", created, title);
  g_assert_cmpstr (last_toast (), ==, expected);
  g_clear_pointer (&expected, g_free);

  /* A session renamed, then deleted. */
  sessions = kl_store_list_sessions (db, programme, &error);
  g_assert_no_error (error);
  session_id = ((KlSession *) g_ptr_array_index (sessions, 0))->id;
  editor = g_object_ref (kl_session_editor_new (kl_window_get_context (window), GTK_WINDOW (window), programme,
                                                session_id));
  gtk_window_present (GTK_WINDOW (editor));
  kl_test_wait_mapped (GTK_WIDGET (editor));
  gtk_editable_set_text (kl_session_editor_get_field (editor, "title"), "Oppstart");
  g_assert_true (kl_session_editor_save (editor, &error));
  g_assert_no_error (error);
  g_object_unref (editor);
  kl_test_settle ();
  g_assert_cmpstr (last_toast (), ==,
                   kl_test_in_english () ? "Session “Oppstart” changed" : "Samlingen «Oppstart» er endret");
  g_assert_true (kl_session_editor_delete (kl_window_get_context (window), GTK_WINDOW (window), session_id, &error));
  g_assert_no_error (error);
  kl_test_settle ();
  g_assert_cmpstr (last_toast (), ==,
                   kl_test_in_english () ? "Session “Oppstart” deleted" : "Samlingen «Oppstart» er slettet");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  kl_test_settle ();
  g_assert_cmpint (kl_test_query_int (db,
                                      "SELECT count(*) FROM session WHERE programme_id = ?1 AND title = 'Oppstart'", programme),
                   ==, 1);
  g_assert_cmpstr (last_toast (), ==, kl_test_in_english () ? "Undone: Session “Oppstart” deleted"
                                                 : "Angret: Samlingen «Oppstart» er slettet");

  /* A cost deleted. */
  g_assert_true (kl_cost_editor_delete (kl_window_get_context (window), GTK_WINDOW (window),
                                        kl_test_query_int (db, "SELECT max(id) FROM cost_item WHERE programme_id = ?1",
                                                           programme),
                                        &error));
  g_assert_no_error (error);
  kl_test_settle ();
  g_assert_true (g_str_has_prefix (last_toast (), kl_test_in_english () ? "Cost “" : "Kostnaden «"));
  g_assert_true (g_str_has_suffix (last_toast (), kl_test_in_english () ? "” deleted" : "» er slettet"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  kl_test_settle ();

  /* Participants imported from a file. */
  open_tab ("participants");
  import = kl_import_dialog_new (kl_window_get_context (window), GTK_WINDOW (window), programme);
  gtk_window_present (GTK_WINDOW (import));
  kl_test_wait_mapped (GTK_WIDGET (import));
  {
    g_autofree char *path = kl_test_import_file ("broken-rows.csv");

    kl_import_dialog_load_file (import, path);
  }
  for (gint64 end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
       kl_import_dialog_is_busy (import) && g_get_monotonic_time () < end;)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (kl_import_dialog_is_busy (import));
  g_assert_null (kl_import_dialog_get_error (import));
  kl_test_settle ();
  kl_import_dialog_set_skip_bad_rows (import, TRUE);
  kl_import_dialog_import (import);
  for (gint64 end = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;
       g_get_monotonic_time () < end && !g_str_has_prefix (last_toast (), "2 ");)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpstr (last_toast (), ==, kl_test_in_english () ? "2 participants imported from broken-rows.csv"
                                                 : "2 deltakere importert fra broken-rows.csv");
}

static void
set_funding_field (const char *name,
                   const char *text)
{
  gtk_editable_set_text (kl_programme_view_get_funding_field (kl_test_programme_view (window), name), text);
}

/* Recording the application seals it: asked first, with the amount and
 * what cannot change afterwards; Cancel seals nothing. Then the copies as
 * sent say they match, until a cost changes. */
static void
test_seal_and_sent_copies (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlFundingCase) funding = NULL;
  g_autofree char *start = NULL;
  g_autofree char *late = NULL;
  g_autofree char *warnings = NULL;
  KlFundDocumentsGroup *documents;
  AdwMessageDialog *dialog;
  const char *body;

  open_tab ("funding");
  g_assert_cmpint (kl_test_query_int (db, "SELECT count(*) FROM sealed_document WHERE programme_id = ?1", programme),
                   ==, 0);

  /* Dated after the programme began: said at the top of the form. */
  {
    g_autoptr(KlProgramme) record = kl_store_get_programme (db, programme, NULL);

    start = g_strdup_printf ("%.10s", record->start_date);
  }
  {
    GDate date;

    g_date_clear (&date, 1);
    g_date_set_parse (&date, start);
    g_date_add_days (&date, 3);
    late = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
                            g_date_get_day (&date));
  }
  g_assert_nonnull (late);

  /* Before the programme: only the question about sealing. */
  set_funding_field ("applied-date", "2026-01-05");
  g_assert_false (kl_programme_view_record_funding_step (kl_test_programme_view (window), KL_FUNDING_STEP_APPLICATION,
                                                         &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_UNCONFIRMED);
  g_clear_error (&error);
  dialog = kl_programme_view_get_confirmation (kl_test_programme_view (window));
  g_assert_nonnull (dialog);
  body = adw_message_dialog_get_body (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   kl_test_in_english () ? "Record and Seal the Application?" : "Registrere og forsegle søknaden?");
  g_assert_nonnull (strstr (body, "XML"));
  g_assert_nonnull (strstr (body, "PDF"));
  g_assert_nonnull (strstr (body,
                            gtk_editable_get_text (kl_programme_view_get_funding_field (kl_test_programme_view (window),
                                                                                               "applied-amount"))));
  g_assert_nonnull (strstr (body, kl_test_in_english () ? "cannot be changed" : "kan ikke endres"));
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "record"), ==,
                   kl_test_in_english () ? "_Record and Seal" : "_Registrer og forsegl");
  kl_test_save_png (GTK_WIDGET (dialog), "seal-confirm");
  kl_test_answer (dialog, "cancel");
  g_assert_null (kl_programme_view_get_confirmation (kl_test_programme_view (window)));
  g_assert_cmpint (kl_test_query_int (db, "SELECT count(*) FROM sealed_document WHERE programme_id = ?1", programme),
                   ==, 0);
  g_assert_cmpint (kl_test_query_int (db, "SELECT count(*) FROM funding_case WHERE programme_id = ?1", programme), ==,
                   0);

  /* After it began: said at the top of the form as soon as it is typed,
   * and first in the question too. */
  set_funding_field ("applied-date", late);
  kl_test_settle ();
  warnings = kl_programme_view_get_warnings (kl_test_programme_view (window));
  g_assert_true (g_str_has_prefix (warnings,
                                   kl_test_in_english () ? "The application is dated" : "Søknaden er datert"));
  g_clear_pointer (&warnings, g_free);
  kl_test_save_png (GTK_WIDGET (window), "funding-late-application");
  g_assert_false (kl_programme_view_record_funding_step (kl_test_programme_view (window), KL_FUNDING_STEP_APPLICATION,
                                                         &error));
  g_clear_error (&error);
  dialog = kl_programme_view_get_confirmation (kl_test_programme_view (window));
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog),
                                   kl_test_in_english () ? "The application is dated" : "Søknaden er datert"));
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "record"), ==,
                   kl_test_in_english () ? "_Record Anyway" : "_Registrer likevel");
  kl_test_save_png (GTK_WIDGET (dialog), "seal-confirm-late");
  kl_test_answer (dialog, "cancel");
  g_assert_cmpint (kl_test_query_int (db, "SELECT count(*) FROM sealed_document WHERE programme_id = ?1", programme),
                   ==, 0);

  /* Recorded: both formats kept. */
  set_funding_field ("applied-date", "2026-01-05");
  warnings = kl_programme_view_get_warnings (kl_test_programme_view (window));
  g_assert_null (strstr (warnings, kl_test_in_english () ? "The application is dated" : "Søknaden er datert"));
  g_clear_pointer (&warnings, g_free);
  g_assert_false (kl_programme_view_record_funding_step (kl_test_programme_view (window), KL_FUNDING_STEP_APPLICATION,
                                                         &error));
  g_clear_error (&error);
  kl_test_answer (kl_programme_view_get_confirmation (kl_test_programme_view (window)), "record");
  funding = kl_store_get_funding_case (db, programme, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (funding->status, ==, "applied");
  g_assert_cmpint (kl_test_query_int (db, "SELECT count(*) FROM sealed_document WHERE programme_id = ?1", programme),
                   ==, 2);
  /* Stored, the date typed as 2026-01-05 shows the Norwegian way, as
   * everywhere else in the window (ISO is for storage). */
  kl_test_settle ();
  g_assert_cmpstr (gtk_editable_get_text (kl_programme_view_get_funding_field (kl_test_programme_view (window),
                                                                               "applied-date")), ==, "5.1.2026");

  /* The copies as sent: local time, and they match the figures. */
  documents = kl_programme_view_get_documents_group (kl_test_programme_view (window));
  kl_fund_documents_group_reload (documents);
  g_assert_cmpuint (kl_fund_documents_group_get_n_sent (documents), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      const char *title = kl_fund_documents_group_get_sent_title (documents, i);

      g_assert_cmpstr (kl_fund_documents_group_get_sent_state (documents, i), ==,
                       kl_test_in_english () ? "Unchanged since sent" : "Uendret siden sendingen");
      g_assert_null (strstr (title, "T"));
      g_assert_nonnull (strstr (title, kl_test_in_english () ? " at " : " kl. "));
      g_assert_null (kl_fund_documents_group_get_sent_change (documents, i));
    }
  /* The fingerprint under the details of each. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (kl_test_find_descendant (GTK_WIDGET (documents), ADW_TYPE_EXPANDER_ROW)),
                                 TRUE);
  kl_test_settle ();
  kl_test_save_png (GTK_WIDGET (documents), "sent-copies");

  /* A cost changes: the copies no longer match what would be sent now. */
  g_assert_true (kl_db_exec (db, &error, "UPDATE cost_item SET net_ore = net_ore + 100000 WHERE programme_id = ?1",
                             "i", programme));
  g_assert_no_error (error);
  kl_fund_documents_group_reload (documents);
  for (guint i = 0; i < 2; i++)
    {
      const char *change = kl_fund_documents_group_get_sent_change (documents, i);

      g_assert_true (g_str_has_prefix (kl_fund_documents_group_get_sent_state (documents, i),
                                       kl_test_in_english () ? "Changed since sent: " : "Endret siden sendingen: "));
      /* Under the details: when it was sent and what differs, in words
       * (no XML path, no arrow), the 1 000 kr more among the figures. */
      g_assert_nonnull (change);
      g_assert_true (g_str_has_prefix (change, kl_test_in_english () ? "Since it was sent on " : "Siden den ble sendt "));
      g_assert_null (strstr (change, " › "));
      g_assert_null (strstr (change, "→"));
      g_assert_nonnull (strstr (change, kl_test_in_english () ? ", now " : ", nå "));
    }
  kl_test_save_png (GTK_WIDGET (documents), "sent-copies-changed");
}

/* Anonymise… on a form with changes not saved: the question says they
 * go, and Cancel keeps them in the form. */
static void
test_anonymise_unsaved (void)
{
  gint64 id = kl_test_query_int (db, "SELECT min(id) FROM participant WHERE email IS NOT NULL AND ?1 > 0", 1);
  GtkWindow *editor = kl_editor_show (kl_window_get_context (window), GTK_WINDOW (window), KL_EDITOR_PARTICIPANT, id);
  AdwMessageDialog *dialog;
  g_autofree char *phone = NULL;

  kl_test_wait_mapped (GTK_WIDGET (editor));
  /* Nothing typed: the plain question. */
  dialog = kl_participant_editor_confirm_anonymise (KL_PARTICIPANT_EDITOR (editor));
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "anonymise"), ==,
                   kl_test_in_english () ? "_Anonymise" : "_Anonymiser");
  kl_test_answer (dialog, "cancel");

  kl_editor_window_set_field (KL_EDITOR_WINDOW (editor), "phone", "99 88 77 66");
  kl_test_settle ();
  dialog = kl_participant_editor_confirm_anonymise (KL_PARTICIPANT_EDITOR (editor));
  kl_test_wait_mapped (GTK_WIDGET (dialog));
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog),
                                   kl_test_in_english () ? "The changes in this form are not saved."
                                              : "Endringene i dette skjemaet er ikke lagret."));
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "anonymise"), ==,
                   kl_test_in_english () ? "_Discard Changes and Anonymise" : "_Forkast endringene og anonymiser");
  kl_test_save_png (GTK_WIDGET (dialog), "anonymise-unsaved");
  kl_test_answer (dialog, "cancel");
  g_assert_false (kl_privacy_is_anonymised (db, id, NULL));
  phone = kl_editor_window_get_field (KL_EDITOR_WINDOW (editor), "phone");
  g_assert_cmpstr (phone, ==, "99 88 77 66");
  gtk_window_destroy (editor);
  kl_test_settle ();
}

static KlPreferencesWindow *
open_preferences (KlContext *context)
{
  KlPreferencesWindow *preferences = kl_preferences_window_new (GTK_WINDOW (window), context);

  gtk_window_set_default_size (GTK_WINDOW (preferences), 640, 900);
  gtk_window_present (GTK_WINDOW (preferences));
  kl_test_wait_mapped (GTK_WIDGET (preferences));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "defaults");
  kl_test_settle ();
  return preferences;
}

/* Anonymise Now… takes exactly the people the preview counted, after a
 * question that names how many and what stays; Cancel takes nobody. */
static void
test_retention_now (void)
{
  g_autoptr(GPtrArray) due = NULL;
  g_autofree char *today = NULL;
  g_autofree char *heading = NULL;
  KlPreferencesWindow *preferences;
  AdwMessageDialog *dialog;
  gint64 anonymised;
  int years;

  g_setenv ("KARTLESER_NOW", "2045-06-01", TRUE);
  today = kl_today ();
  for (years = 1; years < 50; years++)
    {
      g_clear_pointer (&due, g_ptr_array_unref);
      due = kl_privacy_retention_due (db, years, today, NULL);
      if (due->len > 1)
        break;
    }
  g_assert_cmpuint (due->len, >, 1);
  anonymised = kl_test_query_int (db, "SELECT count(*) FROM participant WHERE anonymised_at IS NOT NULL AND ?1 > 0", 1);

  preferences = open_preferences (kl_window_get_context (window));
  g_assert_false (kl_preferences_window_can_anonymise (preferences));
  kl_preferences_window_set_retention (preferences, years);
  kl_test_settle ();
  g_assert_true (kl_preferences_window_can_anonymise (preferences));

  kl_preferences_window_confirm_anonymise (preferences);
  dialog = kl_preferences_window_get_confirmation (preferences);
  g_assert_nonnull (dialog);
  kl_test_wait_mapped (GTK_WIDGET (dialog));
  heading = g_strdup_printf (kl_test_in_english () ? "Anonymise %u Participants?" : "Anonymisere %u deltakere?",
                             due->len);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), kl_test_in_english () ? "stay exactly as they were"
                                                                             : "blir nøyaktig som de var"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            ((KlRetentionCandidate *) g_ptr_array_index (due, 0))->name));
  kl_test_save_png (GTK_WIDGET (dialog), "retention-confirm");
  kl_test_answer (dialog, "cancel");
  g_assert_cmpint (kl_test_query_int (db,
                                      "SELECT count(*) FROM participant WHERE anonymised_at IS NOT NULL AND ?1 > 0", 1), ==,
                   anonymised);

  kl_preferences_window_confirm_anonymise (preferences);
  kl_test_answer (kl_preferences_window_get_confirmation (preferences), "anonymise");
  g_assert_cmpint (kl_test_query_int (db,
                                      "SELECT count(*) FROM participant WHERE anonymised_at IS NOT NULL AND ?1 > 0", 1), ==,
                   anonymised + due->len);
  for (guint i = 0; i < due->len; i++)
    g_assert_true (kl_privacy_is_anonymised (db, ((KlRetentionCandidate *) g_ptr_array_index (due, i))->participant_id,
                                             NULL));
  /* The preview follows: nobody is due any more. */
  g_assert_cmpstr (kl_preferences_window_get_retention_preview (preferences), ==,
                   kl_test_in_english () ? "Nobody is due to be anonymised now" : "Ingen skal anonymiseres nå");
  g_assert_false (kl_preferences_window_can_anonymise (preferences));
  kl_preferences_window_set_retention (preferences, 0);
  gtk_window_destroy (GTK_WINDOW (preferences));
  kl_test_settle ();
  g_unsetenv ("KARTLESER_NOW");
}

/* A restore keeps the database it replaced; Preferences lists that copy
 * with its date and size. */
static void
test_copies_before_restore (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (tmp_dir, "restored", NULL);
  g_autofree char *path = g_build_filename (dir, "kartleser.db", NULL);
  g_autofree char *backup = g_build_filename (tmp_dir, "backup.db", NULL);
  g_autofree char *kept = NULL;
  g_autoptr(KlDb) other = NULL;
  g_autoptr(KlContext) context = NULL;
  KlPreferencesWindow *preferences;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  other = kl_db_open (path, &error);
  g_assert_no_error (error);
  context = kl_context_new (other);
  preferences = open_preferences (context);
  g_assert_cmpuint (kl_preferences_window_get_n_copies (preferences), ==, 0);
  kl_test_save_png (GTK_WIDGET (preferences), "preferences-no-copies");
  gtk_window_destroy (GTK_WINDOW (preferences));
  g_clear_object (&context);
  g_clear_object (&other);

  g_assert_true (kl_backup_write (path, backup, &error));
  g_assert_no_error (error);
  g_assert_true (kl_backup_restore (path, backup, &kept, &error));
  g_assert_no_error (error);
  g_assert_nonnull (kept);

  other = kl_db_open (path, &error);
  g_assert_no_error (error);
  context = kl_context_new (other);
  preferences = open_preferences (context);
  g_assert_cmpuint (kl_preferences_window_get_n_copies (preferences), ==, 1);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    /* The date part as the row shows it: "2 Dec 2026 at …". */
    g_autofree char *day = g_date_time_format (now, kl_test_in_english () ? "%-d %b %Y at " : "%-d. %b %Y kl. ");

    g_assert_true (g_str_has_prefix (kl_preferences_window_get_copy_title (preferences, 0), day));
  }
  g_assert_true (g_str_has_prefix (kl_preferences_window_get_copy_subtitle (preferences, 0),
                                   kl_test_in_english () ? "Before a restore · " : "Før en gjenoppretting · "));
  g_assert_true (g_str_has_suffix (kl_preferences_window_get_copy_subtitle (preferences, 0), "kB"));
  kl_test_save_png (GTK_WIDGET (preferences), "preferences-copies");
  gtk_window_destroy (GTK_WINDOW (preferences));
  kl_test_settle ();
}

int
main (int    argc,
      char **argv)
{
  db = kl_test_gui_start_demo (&argc, &argv, &tmp_dir);
  /* The demo's applied programme, taken back to before its application. */
  programme = kl_test_query_int (db, "SELECT programme_id FROM funding_case WHERE status = 'applied' AND ?1 > 0", 1);
  g_assert_true (kl_db_exec (db, NULL, "DELETE FROM funding_case WHERE programme_id = ?1", "i", programme));

  window = kl_test_open_window (db);

  /* First: no toast before it in the overlay's queue. */
  g_test_add_func ("/gui-words/toast-as-typed", test_toast_as_typed);
  g_test_add_func ("/gui-words/toasts", test_toasts);
  g_test_add_func ("/gui-words/seal-and-sent-copies", test_seal_and_sent_copies);
  g_test_add_func ("/gui-words/anonymise-unsaved", test_anonymise_unsaved);
  g_test_add_func ("/gui-words/retention-now", test_retention_now);
  g_test_add_func ("/gui-words/copies-before-restore", test_copies_before_restore);
  return kl_test_gui_run (&window, &db, &tmp_dir);
}
