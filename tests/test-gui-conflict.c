/* No lost edits in the editors (issue 13): a client editor's save meets a
 * change another connection made while the form was open. The save is
 * refused with a question naming who changed the client and when; the
 * editor stays open with what was typed; Reload shows the stored values
 * and a save after it goes through; Keep Editing leaves the form alone.
 * The colleague's save changes the notes and the address. The session
 * and cost editors (KlEditorWindow subclasses since issue 15) do the same. The editor
 * stands under a plain window of the test's own (as in test-gui-seams.c).
 * PNGs: screenshot-<lang>-conflict-dialog.png and
 * screenshot-<lang>-conflict-reloaded.png. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "kl-context.h"
#include "kl-cost-editor.h"
#include "kl-editor.h"
#include "kl-editor-window.h"
#include "kl-money.h"
#include "kl-programme-view.h"
#include "kl-session-editor.h"
#include "kl-store.h"
#include "kl-test-gui.h"
#include "kl-test-store.h"
#include "kl-test-util.h"
#include "kl-window.h"

typedef struct
{
  char *dir;
  KlDb *db;          /* the application's connection */
  KlDb *other;       /* a colleague's, to the same file */
  KlContext *context;
  GtkWindow *host;
  gint64 client;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;

  fixture->dir = kl_test_make_dir ("test-gui-conflict");
  fixture->db = kl_test_open_db_at (fixture->dir, &location);
  fixture->other = kl_db_open (location, &error);
  g_assert_no_error (error);
  fixture->client = kl_test_add_client (fixture->db, "Voss kommune", "kommune", 0, NULL);
  fixture->host = kl_test_open_quiet_host (fixture->db, &fixture->context);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->other);
  kl_test_close_host (fixture->host, &fixture->context, &fixture->db, &fixture->dir);
}

static KlEditorWindow *
open_client_editor (Fixture  *fixture,
                    gboolean *destroyed)
{
  GtkWindow *editor = kl_editor_show (fixture->context, fixture->host, KL_EDITOR_CLIENT, fixture->client);

  g_assert_true (KL_IS_EDITOR_WINDOW (editor));
  *destroyed = FALSE;
  g_signal_connect (editor, "destroy", G_CALLBACK (kl_test_on_destroyed_cb), destroyed);
  kl_test_wait_mapped (GTK_WIDGET (editor));
  return KL_EDITOR_WINDOW (editor);
}

/* The colleague saves new notes on their own connection. */
static void
change_meanwhile (Fixture    *fixture,
                  const char *notes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlClient) client = kl_store_get_client (fixture->other, fixture->client, &error);

  g_assert_no_error (error);
  g_free (client->notes);
  client->notes = g_strdup (notes);
  g_free (client->address);
  client->address = g_strdup ("Uttrågata 9, 5700 Voss");
  g_assert_true (kl_store_update_client (fixture->other, client, &error));
  g_assert_no_error (error);
}

static char *
time_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%H:%M");
}

/* The question names the colleague (the OS user, on a file) and the
 * minute of their save. */
static void
assert_heading (AdwMessageDialog *dialog,
                const char       *before,
                const char       *after)
{
  const char *heading = adw_message_dialog_get_heading (dialog);

  g_assert_nonnull (strstr (heading, g_get_user_name ()));
  g_assert_true (strstr (heading, before) != NULL || strstr (heading, after) != NULL);
  if (kl_test_in_english ())
    {
      g_autofree char *at_before = g_strdup_printf ("%s changed this client at %s while you were editing",
                                                    g_get_user_name (), before);
      g_autofree char *at_after = g_strdup_printf ("%s changed this client at %s while you were editing",
                                                   g_get_user_name (), after);

      if (g_strcmp0 (heading, at_before) != 0)
        g_assert_cmpstr (heading, ==, at_after);
    }
  else
    g_assert_null (strstr (heading, "changed this client"));
}

static void
test_reload (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlClient) stored = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *notes = NULL;
  gboolean destroyed;
  KlEditorWindow *editor = open_client_editor (fixture, &destroyed);
  AdwMessageDialog *dialog;

  g_assert_cmpint (kl_editor_window_get_version (editor), ==, 1);
  kl_editor_window_set_field (editor, "contact-name", "Per Hansen");
  before = time_now ();
  change_meanwhile (fixture, "Ny rektor fra januar");
  after = time_now ();

  g_assert_false (kl_editor_window_save (editor));
  kl_test_settle ();
  g_assert_false (destroyed);
  dialog = kl_editor_window_get_conflict_dialog (editor);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  assert_heading (dialog, before, after);
  kl_test_save_png (GTK_WIDGET (dialog), "conflict-dialog");

  /* Nothing is dropped before the choice, and nothing was written. */
  typed = kl_editor_window_get_field (editor, "contact-name");
  g_assert_cmpstr (typed, ==, "Per Hansen");
  stored = kl_store_get_client (fixture->db, fixture->client, &error);
  g_assert_no_error (error);
  g_assert_null (stored->contact_name);

  kl_test_answer (dialog, "reload");
  g_assert_null (kl_editor_window_get_conflict_dialog (editor));
  g_assert_false (destroyed);
  notes = kl_editor_window_get_field (editor, "notes");
  g_assert_cmpstr (notes, ==, "Ny rektor fra januar");
  {
    g_autofree char *address = kl_editor_window_get_field (editor, "address");

    /* (in view on the PNG) */
    g_assert_cmpstr (address, ==, "Uttrågata 9, 5700 Voss");
  }
  g_clear_pointer (&typed, g_free);
  typed = kl_editor_window_get_field (editor, "contact-name");
  g_assert_true (typed == NULL || *typed == '\0');
  g_assert_cmpint (kl_editor_window_get_version (editor), ==, 2);
  kl_test_save_png (GTK_WIDGET (editor), "conflict-reloaded");

  /* Typed again over the current record, it saves and closes. */
  kl_editor_window_set_field (editor, "contact-name", "Per Hansen");
  g_assert_true (kl_editor_window_save (editor));
  kl_test_settle ();
  g_assert_true (destroyed);
  g_clear_pointer (&stored, kl_client_free);
  stored = kl_store_get_client (fixture->db, fixture->client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->contact_name, ==, "Per Hansen");
  g_assert_cmpstr (stored->notes, ==, "Ny rektor fra januar");
  g_assert_cmpint (stored->version, ==, 3);
}

static void
test_keep_editing (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlClient) stored = NULL;
  g_autofree char *typed = NULL;
  gboolean destroyed;
  KlEditorWindow *editor = open_client_editor (fixture, &destroyed);
  AdwMessageDialog *dialog;

  kl_editor_window_set_field (editor, "notes", "Min merknad");
  change_meanwhile (fixture, "Kollegaens merknad");
  g_assert_false (kl_editor_window_save (editor));
  kl_test_settle ();
  dialog = kl_editor_window_get_conflict_dialog (editor);
  g_assert_nonnull (dialog);
  kl_test_answer (dialog, "keep");
  g_assert_false (destroyed);
  typed = kl_editor_window_get_field (editor, "notes");
  g_assert_cmpstr (typed, ==, "Min merknad");

  /* Still the stale copy: saving it again is refused again. */
  g_assert_false (kl_editor_window_save (editor));
  kl_test_settle ();
  g_assert_nonnull (kl_editor_window_get_conflict_dialog (editor));
  kl_test_answer (kl_editor_window_get_conflict_dialog (editor), "keep");
  stored = kl_store_get_client (fixture->db, fixture->client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->notes, ==, "Kollegaens merknad");
  gtk_window_destroy (GTK_WINDOW (editor));
  kl_test_settle ();
}

/* Saves, meets the question naming the record, reloads; the form then
 * shows what the colleague stored and saves over it. */
static void
refuse_then_reload (KlEditorWindow *editor,
                    const char     *record,
                    const char     *field,
                    const char     *theirs,
                    gboolean       *destroyed)
{
  AdwMessageDialog *dialog;
  g_autofree char *shown = NULL;

  g_assert_false (kl_editor_window_save (editor));
  kl_test_settle ();
  g_assert_false (*destroyed);
  dialog = kl_editor_window_get_conflict_dialog (editor);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), g_get_user_name ()));
  if (kl_test_in_english ())
    {
      g_autofree char *words = g_strdup_printf ("changed this %s at", record);

      g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), words));
    }
  kl_test_answer (dialog, "reload");
  g_assert_null (kl_editor_window_get_conflict_dialog (editor));
  shown = kl_editor_window_get_field (editor, field);
  g_assert_cmpstr (shown, ==, theirs);
  g_assert_true (kl_editor_window_save (editor));
  kl_test_settle ();
  g_assert_true (*destroyed);
}

/* A programme with a session and a cost line, each changed by the
 * colleague while its editor is open: refused, then reloaded, then saved. */
static void
test_session_and_cost (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 programme = kl_test_add_programme (fixture->db, fixture->client, "LED SKOLE Voss", "2026-08-01", "2026-12-31");
  gint64 session_id = kl_test_add_session (fixture->db, programme, "Samling 1", "2026-09-01T09:00",
                                           "2026-09-01T15:00");
  g_autoptr(KlCostItem) cost = kl_cost_item_new ();
  g_autoptr(KlSession) session = NULL;
  g_autoptr(KlCostItem) theirs = NULL;
  g_autoptr(KlSession) stored = NULL;
  g_autoptr(KlCostItem) stored_cost = NULL;
  KlEditorWindow *editor;
  gboolean destroyed = FALSE;

  cost->programme_id = programme;
  cost->category = KL_COST_VENUE;
  cost->net_ore = 450000;
  cost->supplier = g_strdup ("Fleischer's Hotel");
  g_assert_true (kl_store_insert_cost (fixture->db, cost, &error));
  g_assert_no_error (error);

  /* The session: the colleague moves it to another room. */
  editor = KL_EDITOR_WINDOW (kl_session_editor_new (fixture->context, fixture->host, programme, session_id));
  g_signal_connect (editor, "destroy", G_CALLBACK (kl_test_on_destroyed_cb), &destroyed);
  gtk_window_present (GTK_WINDOW (editor));
  kl_test_wait_mapped (GTK_WIDGET (editor));
  kl_editor_window_set_field (editor, "title", "Samling 1: oppstart");
  session = kl_store_get_session (fixture->other, session_id, &error);
  g_assert_no_error (error);
  g_free (session->location);
  session->location = g_strdup ("Rom 214");
  g_assert_true (kl_store_update_session (fixture->other, session, &error));
  g_assert_no_error (error);
  refuse_then_reload (editor, "session", "location", "Rom 214", &destroyed);
  stored = kl_store_get_session (fixture->db, session_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->location, ==, "Rom 214");
  g_assert_cmpstr (stored->title, ==, "Samling 1");
  g_assert_cmpint (stored->version, ==, 3);

  /* The cost line: the colleague adds the invoice number. */
  destroyed = FALSE;
  editor = KL_EDITOR_WINDOW (kl_cost_editor_new (fixture->context, fixture->host, programme, cost->id));
  g_signal_connect (editor, "destroy", G_CALLBACK (kl_test_on_destroyed_cb), &destroyed);
  gtk_window_present (GTK_WINDOW (editor));
  kl_test_wait_mapped (GTK_WIDGET (editor));
  kl_editor_window_set_field (editor, "note", "Lunsj inkludert");
  theirs = kl_store_get_cost (fixture->other, cost->id, &error);
  g_assert_no_error (error);
  g_free (theirs->invoice_no);
  theirs->invoice_no = g_strdup ("F-2026-118");
  g_assert_true (kl_store_update_cost (fixture->other, theirs, &error));
  g_assert_no_error (error);
  refuse_then_reload (editor, "cost", "invoice-no", "F-2026-118", &destroyed);
  stored_cost = kl_store_get_cost (fixture->db, cost->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored_cost->invoice_no, ==, "F-2026-118");
  g_assert_null (stored_cost->note);
  g_assert_cmpint (stored_cost->version, ==, 3);
}

/* The funding tab: a step recorded over a case a colleague saved since
 * the fields were filled is refused with who and when; Reload shows
 * their figures, and the step then goes through. */
static void
test_funding_case (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 programme = kl_test_add_programme (fixture->db, fixture->client, "LED SKOLE Voss", "2026-08-01", "2026-12-31");
  g_autoptr(KlFundingCase) draft = kl_funding_case_new ();
  g_autoptr(KlFundingCase) theirs = NULL;
  g_autoptr(KlFundingCase) stored = NULL;
  KlWindow *window;
  KlProgrammeView *view;
  AdwMessageDialog *dialog;

  draft->programme_id = programme;
  draft->status = g_strdup ("draft");
  draft->applied_ore = 10000000;
  g_assert_true (kl_store_save_funding_case (fixture->db, draft, &error));
  g_assert_no_error (error);

  window = kl_test_open_window (fixture->db);
  view = kl_test_open_programme_tab (window, programme, "funding");
  gtk_editable_set_text (kl_programme_view_get_funding_field (view, "applied-date"), "1.6.2026");

  /* Meanwhile the colleague puts in another amount. */
  theirs = kl_store_get_funding_case (fixture->other, programme, NULL, &error);
  g_assert_no_error (error);
  theirs->applied_ore = 12500000;
  g_assert_true (kl_store_save_funding_case (fixture->other, theirs, &error));
  g_assert_no_error (error);

  /* Record and seal: asked first, then refused for the colleague's save. */
  g_assert_false (kl_programme_view_record_funding_step (view, KL_FUNDING_STEP_APPLICATION, &error));
  g_clear_error (&error);
  kl_test_answer (kl_programme_view_get_confirmation (view), "record");
  dialog = kl_programme_view_get_confirmation (view);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), g_get_user_name ()));
  if (kl_test_in_english ())
    g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "changed this funding case at"));
  kl_test_save_png (GTK_WIDGET (dialog), "conflict-funding");
  stored = kl_store_get_funding_case (fixture->db, programme, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->status, ==, "draft");
  g_assert_cmpint (stored->applied_ore, ==, 12500000);

  /* Reload: their amount in the field; typed again, the step is recorded. */
  kl_test_answer (dialog, "reload");
  {
    gint64 shown = 0;

    g_assert_true (kl_money_parse (gtk_editable_get_text (kl_programme_view_get_funding_field (view, "applied-amount")),
                                   &shown, NULL));
    g_assert_cmpint (shown, ==, 12500000);
  }
  gtk_editable_set_text (kl_programme_view_get_funding_field (view, "applied-date"), "1.6.2026");
  g_assert_false (kl_programme_view_record_funding_step (view, KL_FUNDING_STEP_APPLICATION, &error));
  g_clear_error (&error);
  kl_test_answer (kl_programme_view_get_confirmation (view), "record");
  g_clear_pointer (&stored, kl_funding_case_free);
  stored = kl_store_get_funding_case (fixture->db, programme, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->status, ==, "applied");
  g_assert_cmpstr (stored->applied_date, ==, "2026-06-01");
  g_assert_cmpint (stored->applied_ore, ==, 12500000);
  gtk_window_destroy (GTK_WINDOW (window));
  kl_test_settle ();
}

int
main (int    argc,
      char **argv)
{
  kl_test_gui_begin (&argc, &argv);

  g_test_add ("/conflict/reload", Fixture, NULL, fixture_set_up, test_reload, fixture_tear_down);
  g_test_add ("/conflict/keep-editing", Fixture, NULL, fixture_set_up, test_keep_editing, fixture_tear_down);
  g_test_add ("/conflict/session-and-cost", Fixture, NULL, fixture_set_up, test_session_and_cost, fixture_tear_down);
  g_test_add ("/conflict/funding-case", Fixture, NULL, fixture_set_up, test_funding_case, fixture_tear_down);
  return g_test_run ();
}
