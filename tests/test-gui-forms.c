/* The forms of issue 15's last part: the copies as sent say what changed
 * in plain words (hashes only under the details); the session and cost
 * editors are KlEditorWindows with their fields in a KlFieldSet, like the
 * record editors (Norwegian dates with the date understood, messages
 * that wait until something is typed, screenshots at 360 and 1400 px);
 * the session editor's "who it is for" choices stay fresh while it is
 * open. The
 * editors stand under a plain window of the test's own, as in
 * test-gui-seams.c. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "kl-context.h"
#include "kl-cost-editor.h"
#include "kl-editor-window.h"
#include "kl-form.h"
#include "kl-fund-documents-group.h"
#include "kl-session-editor.h"
#include "kl-store.h"
#include "kl-test-gui.h"
#include "kl-test-store.h"
#include "kl-test-util.h"
#include "kl-undo.h"

#define NBSP "\u00a0"

typedef struct
{
  char *dir;
  KlDb *db;
  KlContext *context;
  GtkWindow *host;        /* stands where the main window would */
  gint64 client;
  gint64 programme;
  gint64 participant;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = kl_test_make_dir ("test-gui-forms");
  fixture->db = kl_test_open_db (fixture->dir);
  fixture->client = kl_test_add_client (fixture->db, "Voss kommune", "kommune", 0, NULL);
  fixture->programme = kl_test_add_programme (fixture->db, fixture->client, "LED SKOLE Voss", "2026-08-01",
                                              "2026-12-31");
  fixture->participant = kl_test_add_participant_at (fixture->db, "Kari Nordmann", NULL, fixture->client);
  kl_test_enrol (fixture->db, fixture->programme, fixture->participant);

  fixture->host = kl_test_open_quiet_host (fixture->db, &fixture->context);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kl_test_close_host (fixture->host, &fixture->context, &fixture->db, &fixture->dir);
}

static gboolean
has_id (GArray *ids,
        gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

/* The first difference as the XML names it, in words office staff use:
 * no element names, no arrows, amounts as money and dates as dates. */
static void
test_plain_difference (void)
{
  static const struct
  {
    const char *technical;
    const char *english;
    const char *norwegian;
  } cases[] = {
    /* 500 kr more on the first budget line's net amount. */
    { "application › budget › line 1 › net: 18000.00 → 18500.00",
      "budget, line 1, amount before VAT: was NOK 18,000.00, now NOK 18,500.00",
      "budsjett, linje 1, beløp uten mva.: var 18" NBSP "000,00" NBSP "kr, nå 18" NBSP "500,00" NBSP "kr" },
    { "payout-request › sessions › session 2 › date: 2026-09-01 → 2026-09-08",
      "sessions, session 2, date: was 1 Sep 2026, now 8 Sep 2026",
      "samlinger, samling 2, dato: var 1. sep. 2026, nå 8. sep. 2026" },
    { "application › contact › phone:  → 900 00 000",
      "contact person, phone: was nothing, now “900 00 000”",
      "kontaktperson, telefon: var ingenting, nå «900 00 000»" },
    /* Attributes are no words for anyone: only where. */
    { "application › scheme: version=2026 → version=2027",
      "scheme is different",
      "ordning er annerledes" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *plain = kl_fund_documents_describe_difference (cases[i].technical);

      g_assert_cmpstr (plain, ==, kl_test_in_english () ? cases[i].english : cases[i].norwegian);
      g_assert_null (strstr (plain, "›"));
      g_assert_null (strstr (plain, "→"));
    }
  /* What stops the document now is plain already, and stays as it is. */
  {
    g_autofree char *plain = kl_fund_documents_describe_difference ("The programme has no sessions");

    g_assert_cmpstr (plain, ==, "The programme has no sessions");
  }
  g_assert_null (kl_fund_documents_describe_difference (NULL));
}

static KlSessionEditor *
open_session_editor (Fixture *fixture)
{
  KlSessionEditor *editor = kl_session_editor_new (fixture->context, fixture->host, fixture->programme, 0);

  gtk_window_present (GTK_WINDOW (editor));
  kl_test_wait_mapped (GTK_WIDGET (editor));
  return editor;
}

/* Someone enrolled while the session editor is open can be named at once,
 * and whoever was ticked stays ticked; a form nobody touched still closes
 * without asking. */
static void
test_session_audience_named (Fixture       *fixture,
                             gconstpointer  data)
{
  KlSessionEditor *editor = open_session_editor (fixture);
  g_autoptr(KlSession) saved = NULL;
  gint64 newcomer;

  newcomer = kl_test_add_participant_at (fixture->db, "Ola Hansen", NULL, fixture->client);
  /* Not enrolled in the programme yet: not among whom a session is for. */
  g_assert_false (kl_session_editor_set_named (editor, newcomer, TRUE));
  kl_test_enrol (fixture->db, fixture->programme, newcomer);
  kl_test_settle ();
  g_assert_false (kl_form_has_changes (GTK_WINDOW (editor)));

  g_assert_true (kl_session_editor_set_audience (editor, "named", 0));
  g_assert_true (kl_session_editor_set_named (editor, fixture->participant, TRUE));
  /* Another enrolment while the form has changes: Kari stays ticked. */
  kl_test_enrol (fixture->db, fixture->programme,
                 kl_test_add_participant_at (fixture->db, "Per Olsen", NULL, fixture->client));
  kl_test_settle ();
  g_assert_true (kl_session_editor_set_named (editor, newcomer, TRUE));
  kl_test_save_png (GTK_WIDGET (editor), "forms-session-named");

  gtk_editable_set_text (kl_session_editor_get_field (editor, "title"), "Samling 1");
  saved = kl_test_save_session_editor (editor, fixture->db);
  g_assert_cmpstr (saved->audience, ==, "named");
  g_assert_cmpuint (saved->audience_ids->len, ==, 2);
  g_assert_true (has_id (saved->audience_ids, fixture->participant));
  g_assert_true (has_id (saved->audience_ids, newcomer));
  kl_test_close_saved_editor (editor);
}

/* A school added and someone working there enrolled while the editor is
 * open: the school is a workplace to choose, and the workplace chosen
 * before stays chosen. */
static void
test_session_audience_workplace (Fixture       *fixture,
                                 gconstpointer  data)
{
  KlSessionEditor *editor = open_session_editor (fixture);
  g_autoptr(KlSession) saved = NULL;
  gint64 school;

  g_assert_true (kl_session_editor_set_audience (editor, "workplace", fixture->client));
  school = kl_test_add_client (fixture->db, "Voss ungdomsskule", "skole", fixture->client, NULL);
  g_assert_false (has_id (kl_session_editor_get_workplaces (editor), school));
  kl_test_enrol (fixture->db, fixture->programme,
                 kl_test_add_participant_at (fixture->db, "Liv Lie", NULL, school));
  kl_test_settle ();
  g_assert_true (has_id (kl_session_editor_get_workplaces (editor), school));
  g_assert_true (has_id (kl_session_editor_get_workplaces (editor), fixture->client));
  /* Still the municipality chosen: saved for it. */
  gtk_editable_set_text (kl_session_editor_get_field (editor, "title"), "Veiledning");
  kl_test_save_png (GTK_WIDGET (editor), "forms-session-workplace");
  saved = kl_test_save_session_editor (editor, fixture->db);
  g_assert_cmpstr (saved->audience, ==, "workplace");
  g_assert_true (saved->audience_client_id == fixture->client);
  kl_test_close_saved_editor (editor);
}

static GtkWidget *
find_label_with_class (GtkWidget  *widget,
                       const char *css_class)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, css_class))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_with_class (child, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The cost editor is one of the editors now: a new cost cannot be saved
 * before its amount is there, but says so only once something is typed;
 * its invoice date takes a date as Norwegians write it and shows the
 * date it understood. */
static void
test_cost_editor_fields (Fixture       *fixture,
                         gconstpointer  data)
{
  KlCostEditor *editor = kl_cost_editor_new (fixture->context, fixture->host, fixture->programme, 0);
  GtkEditable *date;
  GtkWidget *understood;

  g_assert_true (KL_IS_EDITOR_WINDOW (editor));
  gtk_window_present (GTK_WINDOW (editor));
  kl_test_wait_mapped (GTK_WIDGET (editor));
  kl_cost_editor_set_category (editor, KL_COST_TRAVEL);
  g_assert_false (kl_cost_editor_can_save (editor));
  g_assert_cmpstr (kl_cost_editor_get_message (editor, "net"), ==, "");

  date = kl_cost_editor_get_field (editor, "invoice-date");
  gtk_editable_set_text (date, "10.9.26");
  understood = find_label_with_class (GTK_WIDGET (date), "date-understood");
  g_assert_nonnull (understood);
  /* 1 Aug 2026 is a Saturday: 10 Sep, 40 days on, a Thursday. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (understood)), ==,
                   kl_test_in_english () ? "Thu 10 Sep 2026" : "tor. 10. sep. 2026");
  g_assert_cmpstr (kl_cost_editor_get_message (editor, "net"), ==,
                   kl_test_in_english () ? "Net amount: required" : "Nettobeløp: må fylles ut");
  g_assert_false (kl_cost_editor_can_save (editor));

  gtk_editable_set_text (kl_cost_editor_get_field (editor, "net"), "1 250");
  g_assert_cmpstr (kl_cost_editor_get_message (editor, "net"), ==, "");
  g_assert_true (kl_cost_editor_can_save (editor));
  gtk_window_destroy (GTK_WINDOW (editor));
  kl_test_settle ();
}

/* The session and cost editors at a phone's width and on a wide screen,
 * in the reader's language, a message showing. */
static void
test_editor_screenshots (Fixture       *fixture,
                         gconstpointer  data)
{
  static const int widths[] = { 360, 1400 };

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      KlSessionEditor *session = kl_session_editor_new (fixture->context, fixture->host, fixture->programme, 0);
      KlCostEditor *cost = kl_cost_editor_new (fixture->context, fixture->host, fixture->programme, 0);
      g_autofree char *session_name = g_strdup_printf ("forms-session-editor-%d", widths[i]);
      g_autofree char *cost_name = g_strdup_printf ("forms-cost-editor-%d", widths[i]);

      gtk_window_set_default_size (GTK_WINDOW (session), widths[i], 900);
      gtk_window_present (GTK_WINDOW (session));
      kl_test_wait_mapped (GTK_WIDGET (session));
      gtk_editable_set_text (kl_session_editor_get_field (session, "title"), "Samling 1");
      gtk_editable_set_text (kl_session_editor_get_field (session, "end"), "25");
      g_assert_cmpstr (kl_session_editor_get_message (session, "end"), !=, "");
      kl_test_settle ();
      /* The window's own shadow aside. */
      g_assert_cmpint (ABS (gtk_widget_get_width (GTK_WIDGET (session)) - widths[i]), <=, 12);
      kl_test_save_png (GTK_WIDGET (session), session_name);
      gtk_window_destroy (GTK_WINDOW (session));

      gtk_window_set_default_size (GTK_WINDOW (cost), widths[i], 900);
      gtk_window_present (GTK_WINDOW (cost));
      kl_test_wait_mapped (GTK_WIDGET (cost));
      gtk_editable_set_text (kl_cost_editor_get_field (cost, "net"), "18 000");
      gtk_editable_set_text (kl_cost_editor_get_field (cost, "vat"), "abc");
      g_assert_cmpstr (kl_cost_editor_get_message (cost, "vat"), !=, "");
      kl_test_settle ();
      g_assert_cmpint (ABS (gtk_widget_get_width (GTK_WIDGET (cost)) - widths[i]), <=, 12);
      kl_test_save_png (GTK_WIDGET (cost), cost_name);
      gtk_window_destroy (GTK_WINDOW (cost));
      kl_test_settle ();
    }
}

/* An editor like the others: Delete… in the session editor asks first,
 * naming the session, deletes it and closes; undo puts it back. */
static void
test_session_editor_delete (Fixture       *fixture,
                            gconstpointer  data)
{
  gint64 id = kl_test_add_session (fixture->db, fixture->programme, "Samling 9", "2026-09-01T09:00",
                                   "2026-09-01T15:00");
  KlSessionEditor *editor = kl_session_editor_new (fixture->context, fixture->host, fixture->programme, id);
  KlUndo *undo = kl_context_get_undo (fixture->context);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  gboolean destroyed = FALSE;

  gtk_window_present (GTK_WINDOW (editor));
  kl_test_wait_mapped (GTK_WIDGET (editor));
  g_signal_connect (editor, "destroy", G_CALLBACK (kl_test_on_destroyed_cb), &destroyed);
  dialog = kl_editor_window_confirm_delete (KL_EDITOR_WINDOW (editor));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Samling 9"));
  kl_test_answer (dialog, "delete");
  for (int i = 0; i < 100 && !destroyed; i++)
    kl_test_settle ();
  g_assert_true (destroyed);
  g_assert_cmpint (kl_test_scalar (fixture->db, "SELECT count(*) FROM session WHERE title = 'Samling 9'"), ==, 0);

  g_assert_true (kl_undo_can_undo (undo));
  g_assert_true (kl_undo_undo (undo, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kl_test_scalar (fixture->db, "SELECT count(*) FROM session WHERE title = 'Samling 9'"), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  kl_test_gui_begin (&argc, &argv);

  g_test_add_func ("/forms/plain-difference", test_plain_difference);
  g_test_add ("/forms/session-audience-named", Fixture, NULL, fixture_set_up, test_session_audience_named,
              fixture_tear_down);
  g_test_add ("/forms/session-audience-workplace", Fixture, NULL, fixture_set_up, test_session_audience_workplace,
              fixture_tear_down);
  g_test_add ("/forms/cost-editor-fields", Fixture, NULL, fixture_set_up, test_cost_editor_fields, fixture_tear_down);
  g_test_add ("/forms/session-editor-delete", Fixture, NULL, fixture_set_up, test_session_editor_delete,
              fixture_tear_down);
  g_test_add ("/forms/editor-screenshots", Fixture, NULL, fixture_set_up, test_editor_screenshots, fixture_tear_down);
  return g_test_run ();
}
