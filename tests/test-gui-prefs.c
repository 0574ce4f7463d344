/* The preferences' signatory, who signs the certificates, and choices
 * that stay fresh under an open form: a consultant or session added while
 * the cost or session editor is open can be chosen there at once, and
 * what was chosen stays chosen. The editors stand under a plain window
 * of the test's own, as in test-gui-seams.c. */

#include "config.h"

#include <adwaita.h>

#include "kl-certificate.h"
#include "kl-context.h"
#include "kl-cost-editor.h"
#include "kl-form.h"
#include "kl-preferences-window.h"
#include "kl-session-editor.h"
#include "kl-store.h"
#include "kl-test-gui.h"
#include "test-pdf-util.h"
#include "kl-test-store.h"
#include "kl-test-util.h"

typedef struct
{
  char *dir;
  KlDb *db;
  KlContext *context;
  GtkWindow *host;        /* stands where the main window would */
  gint64 programme;
  gint64 session;
  gint64 speaker;
  gint64 participant;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  gint64 client;

  fixture->dir = kl_test_make_dir ("test-gui-prefs");
  fixture->db = kl_test_open_db (fixture->dir);
  kl_test_set_organisation (fixture->db, "IMTEC Stiftelse", "Storgata 1, 0155 Oslo");

  client = kl_test_add_client (fixture->db, "Voss kommune", "kommune", 0, NULL);
  fixture->programme = kl_test_add_programme (fixture->db, client, "LED SKOLE Voss", "2025-08-01", "2025-12-31");
  fixture->session = kl_test_add_session (fixture->db, fixture->programme, "Samling 1",
                                          "2025-09-01T09:00", "2025-09-01T15:00");
  fixture->participant = kl_test_add_participant (fixture->db, "Kari Nordmann", NULL);
  kl_test_enrol (fixture->db, fixture->programme, fixture->participant);
  kl_test_mark (fixture->db, fixture->session, fixture->participant, "present", 0);
  fixture->speaker = kl_test_add_consultant (fixture->db, "Per Dalin");

  fixture->host = kl_test_open_quiet_host (fixture->db, &fixture->context);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kl_test_close_host (fixture->host, &fixture->context, &fixture->db, &fixture->dir);
}

static KlPreferencesWindow *
open_preferences (Fixture *fixture)
{
  KlPreferencesWindow *preferences = kl_preferences_window_new (fixture->host, fixture->context);

  gtk_window_set_default_size (GTK_WINDOW (preferences), 640, 760);
  gtk_window_present (GTK_WINDOW (preferences));
  kl_test_wait_mapped (GTK_WIDGET (preferences));
  return preferences;
}

/* Closing saves, as a user closes it; the window is gone afterwards. */
static void
close_preferences (KlPreferencesWindow *preferences)
{
  g_object_add_weak_pointer (G_OBJECT (preferences), (gpointer *) &preferences);
  gtk_window_close (GTK_WINDOW (preferences));
  kl_test_settle ();
  g_assert_null (preferences);
}

/* What the certificate for the participant says, as read by pdftotext. */
static char *
certificate_text (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlPdf) pdf = kl_certificate_build (fixture->db, fixture->programme, fixture->participant,
                                               KL_LANG_NB, &error);
  g_autofree char *path = g_build_filename (fixture->dir, "kursbevis.pdf", NULL);
  guint n_pages = 0;

  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  g_assert_true (kl_pdf_save (pdf, path, &n_pages, &error));
  g_assert_no_error (error);
  return kl_test_pdf_text (path, 0);
}

static void
test_signatory (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSettings) settings = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  KlPreferencesWindow *preferences = open_preferences (fixture);

  /* None yet: the certificate has nobody's name under its signature line. */
  text = certificate_text (fixture);
  g_assert_null (strstr (text, "Ingrid Haugen"));
  g_clear_pointer (&text, g_free);

  kl_preferences_window_set_field (preferences, "signatory-name", "Ingrid Haugen");
  kl_preferences_window_set_field (preferences, "signatory-title", "Daglig leder");
  kl_test_settle ();
  kl_test_save_png (GTK_WIDGET (preferences), "prefs-signatory");
  close_preferences (preferences);

  settings = kl_store_get_settings (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (settings->signatory_name, ==, "Ingrid Haugen");
  g_assert_cmpstr (settings->signatory_title, ==, "Daglig leder");
  /* The other details are kept as they were. */
  g_assert_cmpstr (settings->name, ==, "IMTEC Stiftelse");
  g_assert_cmpstr (settings->address, ==, "Storgata 1, 0155 Oslo");
  g_clear_pointer (&settings, kl_settings_free);

  /* Shown again when the window opens again. */
  preferences = open_preferences (fixture);
  name = kl_preferences_window_get_field (preferences, "signatory-name");
  title = kl_preferences_window_get_field (preferences, "signatory-title");
  g_assert_cmpstr (name, ==, "Ingrid Haugen");
  g_assert_cmpstr (title, ==, "Daglig leder");

  /* A certificate made now is signed by her, with her title. */
  text = certificate_text (fixture);
  flat = kl_test_flatten (text);
  g_assert_nonnull (strstr (flat, "IngridHaugen"));
  g_assert_nonnull (strstr (flat, "Dagligleder"));
  g_clear_pointer (&text, g_free);

  /* Emptied in the form, the signatory is gone from the database too. */
  kl_preferences_window_set_field (preferences, "signatory-name", "");
  kl_preferences_window_set_field (preferences, "signatory-title", "");
  close_preferences (preferences);
  settings = kl_store_get_settings (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_true (settings->signatory_name == NULL || *settings->signatory_name == '\0');
  g_assert_true (settings->signatory_title == NULL || *settings->signatory_title == '\0');
  text = certificate_text (fixture);
  g_assert_null (strstr (text, "Ingrid Haugen"));
}

/* The combo row offering this name. */
static AdwComboRow *
find_combo_offering (GtkWidget  *widget,
                     const char *text)
{
  if (ADW_IS_COMBO_ROW (widget) && kl_test_model_has_string (adw_combo_row_get_model (ADW_COMBO_ROW (widget)), text))
    return ADW_COMBO_ROW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      AdwComboRow *found = find_combo_offering (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
selected_text (AdwComboRow *row)
{
  GObject *item = adw_combo_row_get_selected_item (row);

  return GTK_IS_STRING_OBJECT (item) ? gtk_string_object_get_string (GTK_STRING_OBJECT (item)) : NULL;
}

/* A consultant and a session added while the cost editor is open can be
 * chosen in it; the consultant and the session chosen stay chosen. */
static void
test_cost_choices (Fixture       *fixture,
                   gconstpointer  data)
{
  KlCostEditor *editor = kl_cost_editor_new (fixture->context, fixture->host, fixture->programme, 0);
  AdwComboRow *consultants;
  gint64 added;
  gint64 session;

  gtk_window_present (GTK_WINDOW (editor));
  kl_test_wait_mapped (GTK_WIDGET (editor));
  kl_cost_editor_set_category (editor, KL_COST_SPEAKER_FEE);
  kl_cost_editor_set_consultant (editor, fixture->speaker);
  g_assert_true (kl_cost_editor_set_session (editor, fixture->session, TRUE));
  consultants = find_combo_offering (GTK_WIDGET (editor), "Per Dalin");
  g_assert_nonnull (consultants);
  g_assert_false (kl_test_model_has_string (adw_combo_row_get_model (consultants), "Aase Aasen"));

  /* Sorted before the one chosen: the position changes, the choice must not. */
  added = kl_test_add_consultant (fixture->db, "Aase Aasen");
  session = kl_test_add_session (fixture->db, fixture->programme, "Samling 2", "2025-10-01T09:00", "2025-10-01T15:00");
  kl_test_settle ();
  g_assert_true (kl_test_model_has_string (adw_combo_row_get_model (consultants), "Aase Aasen"));
  g_assert_cmpstr (selected_text (consultants), ==, "Per Dalin");
  g_assert_true (kl_cost_editor_set_session (editor, session, FALSE));
  g_assert_true (kl_form_has_changes (GTK_WINDOW (editor)));
  /* As the user sees them: the sessions' list open, then the consultants'. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (kl_test_find_descendant (GTK_WIDGET (editor), ADW_TYPE_EXPANDER_ROW)),
                                 TRUE);
  kl_test_settle ();
  kl_test_save_png (GTK_WIDGET (editor), "prefs-cost-sessions");
  gtk_widget_activate (GTK_WIDGET (consultants));
  kl_test_settle ();
  kl_test_save_png (kl_test_find_descendant (GTK_WIDGET (consultants), GTK_TYPE_POPOVER), "prefs-cost-consultants");
  gtk_popover_popdown (GTK_POPOVER (kl_test_find_descendant (GTK_WIDGET (consultants), GTK_TYPE_POPOVER)));
  kl_test_settle ();

  /* The new one can be chosen. */
  kl_cost_editor_set_consultant (editor, added);
  g_assert_cmpstr (selected_text (consultants), ==, "Aase Aasen");
  gtk_window_destroy (GTK_WINDOW (editor));
  kl_test_settle ();

  /* A form nobody touched is not "changed" by a list filled again. */
  editor = kl_cost_editor_new (fixture->context, fixture->host, fixture->programme, 0);
  gtk_window_present (GTK_WINDOW (editor));
  kl_test_wait_mapped (GTK_WIDGET (editor));
  kl_test_add_consultant (fixture->db, "Berit Bø");
  kl_test_add_session (fixture->db, fixture->programme, "Samling 3", "2025-11-03T09:00", "2025-11-03T15:00");
  kl_test_settle ();
  g_assert_nonnull (find_combo_offering (GTK_WIDGET (editor), "Berit Bø"));
  g_assert_false (kl_form_has_changes (GTK_WINDOW (editor)));
  gtk_window_destroy (GTK_WINDOW (editor));
  kl_test_settle ();
}

/* A consultant added while the session editor is open can lead the
 * session; the leader ticked before stays ticked. */
static void
test_session_leaders (Fixture       *fixture,
                      gconstpointer  data)
{
  KlSessionEditor *editor = kl_session_editor_new (fixture->context, fixture->host, fixture->programme, 0);
  g_autoptr(KlSession) saved = NULL;
  gint64 added;

  gtk_window_present (GTK_WINDOW (editor));
  kl_test_wait_mapped (GTK_WIDGET (editor));
  gtk_editable_set_text (kl_session_editor_get_field (editor, "title"), "Samling 2");
  kl_session_editor_set_leader (editor, fixture->speaker, TRUE);
  added = kl_test_add_consultant (fixture->db, "Aase Aasen");
  kl_test_settle ();
  kl_session_editor_set_leader (editor, added, TRUE);
  {
    GtkWidget *row = kl_test_find_row (GTK_WIDGET (editor), "Aase Aasen");

    g_assert_nonnull (row);
    kl_test_save_png (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP), "prefs-session-leaders");
  }
  saved = kl_test_save_session_editor (editor, fixture->db);
  g_assert_cmpuint (saved->leader_ids->len, ==, 2);
  g_assert_true (g_array_index (saved->leader_ids, gint64, 0) == fixture->speaker
                 || g_array_index (saved->leader_ids, gint64, 1) == fixture->speaker);
  g_assert_true (g_array_index (saved->leader_ids, gint64, 0) == added
                 || g_array_index (saved->leader_ids, gint64, 1) == added);
  kl_test_close_saved_editor (editor);
}

int
main (int    argc,
      char **argv)
{
  kl_test_gui_begin (&argc, &argv);

  g_test_add ("/prefs/signatory", Fixture, NULL, fixture_set_up, test_signatory, fixture_tear_down);
  g_test_add ("/prefs/cost-choices", Fixture, NULL, fixture_set_up, test_cost_choices, fixture_tear_down);
  g_test_add ("/prefs/session-leaders", Fixture, NULL, fixture_set_up, test_session_leaders, fixture_tear_down);
  return g_test_run ();
}
