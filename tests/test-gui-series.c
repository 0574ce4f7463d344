/* Repeat Sessions in the window: reached from the Sessions tab, its
 * preview follows every field (holidays skipped or warned about), Create
 * is off with the reason while something is wrong, and creating is one
 * step that undo takes back. A PNG of the dialog for people to look at. */

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "kl-programme-view.h"
#include "kl-series-dialog.h"
#include "kl-store.h"
#include "kl-test-gui.h"
#include "kl-test-store.h"
#include "kl-test-util.h"
#include "kl-window.h"

static char *tmp_dir;
static KlDb *db;
static KlWindow *window;
static gint64 programme;   /* spring 2026, starting on a Thursday, empty */
static gint64 lead;

static void
open_sessions (void)
{
  g_autofree char *page = g_strdup_printf ("programme/%" G_GINT64_FORMAT "/sessions", programme);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", page));
  kl_test_settle ();
}

/* The first widget under root that matches. */
static GtkWidget *
find_widget (GtkWidget *root,
             gboolean (*match) (GtkWidget *widget))
{
  if (match (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_scrolled_window (GtkWidget *widget)
{
  return GTK_IS_SCROLLED_WINDOW (widget);
}

static gboolean
is_maundy_row (GtkWidget *widget)
{
  return ADW_IS_ACTION_ROW (widget)
         && g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), "Skipped: Maundy");
}

/* Scrolls the dialog so that the preview around Easter shows. */
static void
scroll_to_easter (GtkWidget *dialog)
{
  GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (find_widget (dialog, is_scrolled_window));
  GtkWidget *row = find_widget (dialog, is_maundy_row);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  graphene_point_t point;

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_compute_point (row, gtk_scrolled_window_get_child (scrolled),
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  gtk_adjustment_set_value (adjustment, point.y - 300);
  kl_test_settle ();
}

/* The Sessions tab offers it, on an empty programme too. */
static void
test_reached_from_sessions_tab (void)
{
  KlSeriesDialog *dialog;

  open_sessions ();
  g_assert_cmpstr (kl_programme_view_get_tab_state (kl_test_programme_view (window), "sessions"), ==, "empty");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kl_test_programme_view (window)), "programme.add-series",
                                             NULL));
  kl_test_settle ();
  dialog = (KlSeriesDialog *) kl_test_find_dialog (KL_TYPE_SERIES_DIALOG, NULL);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  gtk_window_close (GTK_WINDOW (dialog));
  kl_test_settle ();
}

static void
test_preview_and_create (void)
{
  KlSeriesDialog *dialog;
  g_autofree char *preview = NULL;
  g_autoptr(GPtrArray) sessions = NULL;

  open_sessions ();
  dialog = g_object_ref (kl_series_dialog_new (kl_window_get_context (window), GTK_WINDOW (window), programme));
  gtk_window_present (GTK_WINDOW (dialog));
  kl_test_wait_mapped (GTK_WIDGET (dialog));

  /* Filled from the programme: its period, the weekday it starts on,
   * holidays skipped; ready to create. */
  g_assert_cmpstr (gtk_editable_get_text (kl_series_dialog_get_field (dialog, "from")), ==, "8.1.2026");
  g_assert_cmpstr (gtk_editable_get_text (kl_series_dialog_get_field (dialog, "until")), ==, "18.6.2026");
  g_assert_true (kl_series_dialog_can_create (dialog));
  g_assert_null (kl_series_dialog_get_reason (dialog));
  preview = kl_series_dialog_get_preview (dialog);
  g_assert_cmpuint (kl_test_count_in (preview, "\n"), ==, 24);
  g_assert_true (g_str_has_prefix (preview, "Samling 1 — Thu 8 Jan 2026, 09:00–15:00\n"));
  kl_test_assert_contains (preview,
                           "Skipped: Maundy Thursday (Skjærtorsdag) — Thu 2 Apr 2026, 09:00–15:00\n",
                           "Samling 13 — Thu 9 Apr 2026, 09:00–15:00\n",
                           "Skipped: Ascension Day (Kristi himmelfartsdag) — Thu 14 May 2026, 09:00–15:00\n",
                           "Samling 22 — Thu 18 Jun 2026, 09:00–15:00\n",
                           NULL);
  g_clear_pointer (&preview, g_free);

  /* Wrong input: Create goes off, and the reason says what and where. */
  gtk_editable_set_text (kl_series_dialog_get_field (dialog, "title"), "");
  g_assert_false (kl_series_dialog_can_create (dialog));
  g_assert_cmpstr (kl_series_dialog_get_reason (dialog), ==, "Title: required");
  gtk_editable_set_text (kl_series_dialog_get_field (dialog, "title"), "Samling");
  gtk_editable_set_text (kl_series_dialog_get_field (dialog, "until"), "2025-12-31");
  g_assert_cmpstr (kl_series_dialog_get_reason (dialog), ==, "Until: 2025-12-31 is before the from date 2026-01-08");
  gtk_editable_set_text (kl_series_dialog_get_field (dialog, "until"), "2026-06-18");
  kl_series_dialog_set_weekday (dialog, G_DATE_THURSDAY, FALSE);
  g_assert_cmpstr (kl_series_dialog_get_reason (dialog), ==, "Weekdays: choose at least one day");
  kl_series_dialog_set_weekday (dialog, G_DATE_THURSDAY, TRUE);
  gtk_editable_set_text (kl_series_dialog_get_field (dialog, "end"), "08:00");
  g_assert_cmpstr (kl_series_dialog_get_reason (dialog), ==, "End time: 08:00 is not after the start time 09:00");
  g_assert_false (kl_series_dialog_can_create (dialog));
  g_assert_false (kl_series_dialog_create (dialog, NULL));
  gtk_editable_set_text (kl_series_dialog_get_field (dialog, "end"), "15:30");
  g_assert_true (kl_series_dialog_can_create (dialog));

  /* Holidays kept: a session on each, with a warning in the row. */
  kl_series_dialog_set_skip_holidays (dialog, FALSE);
  preview = kl_series_dialog_get_preview (dialog);
  g_assert_cmpuint (kl_test_count_in (preview, "\n"), ==, 24);
  kl_test_assert_contains (preview, "Samling 13 — Thu 2 Apr 2026, 09:00–15:30 · Public holiday: Maundy Thursday (Skjærtorsdag)\n", NULL);
  g_clear_pointer (&preview, g_free);
  kl_series_dialog_set_skip_holidays (dialog, TRUE);

  /* Outside the programme's period: said in the row. */
  gtk_editable_set_text (kl_series_dialog_get_field (dialog, "until"), "2026-06-25");
  preview = kl_series_dialog_get_preview (dialog);
  kl_test_assert_contains (preview, "Samling 23 — Thu 25 Jun 2026, 09:00–15:30 · Outside the programme’s period\n", NULL);
  g_clear_pointer (&preview, g_free);
  gtk_editable_set_text (kl_series_dialog_get_field (dialog, "until"), "2026-06-18");

  /* Every other week, Mondays too. */
  kl_series_dialog_set_every (dialog, 2);
  kl_series_dialog_set_weekday (dialog, G_DATE_MONDAY, TRUE);
  preview = kl_series_dialog_get_preview (dialog);
  g_assert_true (g_str_has_prefix (preview, "Samling 1 — Thu 8 Jan 2026, 09:00–15:30\n"
                                            "Samling 2 — Mon 19 Jan 2026, 09:00–15:30\n"
                                            "Samling 3 — Thu 22 Jan 2026, 09:00–15:30\n"));
  g_clear_pointer (&preview, g_free);
  kl_series_dialog_set_weekday (dialog, G_DATE_MONDAY, FALSE);
  kl_series_dialog_set_every (dialog, 1);
  gtk_editable_set_text (kl_series_dialog_get_field (dialog, "location"), "Bergen, Scandic Ørnen");
  kl_test_save_png (GTK_WIDGET (dialog), "series-dialog");
  scroll_to_easter (GTK_WIDGET (dialog));
  kl_test_save_png (GTK_WIDGET (dialog), "series-dialog-preview");

  /* Create: 22 sessions in the tab, with the place and the programme's lead. */
  g_assert_true (kl_series_dialog_create (dialog, NULL));
  g_assert_cmpuint (kl_series_dialog_get_created (dialog), ==, 22);
  kl_test_settle ();
  g_assert_cmpstr (kl_programme_view_get_tab_state (kl_test_programme_view (window), "sessions"), ==, "list");
  g_assert_cmpuint (kl_programme_view_count_rows (kl_test_programme_view (window), "sessions"), ==, 22);
  sessions = kl_store_list_sessions (db, programme, NULL);
  g_assert_cmpuint (sessions->len, ==, 22);
  for (guint i = 0; i < sessions->len; i++)
    {
      KlSession *session = g_ptr_array_index (sessions, i);

      g_assert_cmpstr (session->location, ==, "Bergen, Scandic Ørnen");
      g_assert_cmpuint (session->leader_ids->len, ==, 1);
      g_assert_cmpint (g_array_index (session->leader_ids, gint64, 0), ==, lead);
      g_assert_cmpstr (session->ends_at + 11, ==, "15:30");
    }
  kl_test_save_png (GTK_WIDGET (window), "series-created");

  /* One undo takes the whole series back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  kl_test_settle ();
  g_assert_cmpuint (kl_programme_view_count_rows (kl_test_programme_view (window), "sessions"), ==, 0);
  g_clear_pointer (&sessions, g_ptr_array_unref);
  sessions = kl_store_list_sessions (db, programme, NULL);
  g_assert_cmpuint (sessions->len, ==, 0);
  g_object_unref (dialog);
}

/* A second series goes on with the numbers of the first. */
static void
test_numbering_goes_on (void)
{
  KlSeriesDialog *dialog;
  g_autofree char *preview = NULL;
  g_autoptr(KlSession) session = kl_session_new ();

  session->programme_id = programme;
  session->kind = g_strdup ("fagsamling");
  session->title = g_strdup ("Samling 4");
  session->starts_at = g_strdup ("2026-01-05T09:00");
  session->ends_at = g_strdup ("2026-01-05T15:00");
  g_assert_true (kl_store_insert_session (db, session, NULL));

  dialog = g_object_ref (kl_series_dialog_new (kl_window_get_context (window), GTK_WINDOW (window), programme));
  gtk_editable_set_text (kl_series_dialog_get_field (dialog, "until"), "2026-01-31");
  preview = kl_series_dialog_get_preview (dialog);
  g_assert_true (g_str_has_prefix (preview, "Samling 5 — Thu 8 Jan 2026"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  g_assert_true (kl_store_delete_session (db, session->id, NULL));
}

/* Names and titles show as typed: an ampersand or an angle bracket is
 * text, not markup that fails to parse and leaves the row blank. */
static void
test_text_as_typed (void)
{
  KlSeriesDialog *dialog;

  kl_test_add_consultant (db, "Hansen & Co <AS>");
  dialog = g_object_ref (kl_series_dialog_new (kl_window_get_context (window), GTK_WINDOW (window), programme));
  gtk_window_present (GTK_WINDOW (dialog));
  kl_test_wait_mapped (GTK_WIDGET (dialog));
  gtk_editable_set_text (kl_series_dialog_get_field (dialog, "title"), "Samling & oppfølging");
  kl_test_settle ();
  g_assert_true (kl_test_shows_label (GTK_WIDGET (dialog), "Hansen & Co <AS>"));
  g_assert_true (kl_test_shows_label (GTK_WIDGET (dialog), "Samling & oppfølging 1"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

/* In either language: the preview around Easter, for people to look at;
 * in Norwegian the holiday has its Norwegian name only. */
static void
test_screenshot (void)
{
  KlSeriesDialog *dialog = g_object_ref (kl_series_dialog_new (kl_window_get_context (window), GTK_WINDOW (window), programme));
  g_autofree char *preview = NULL;
  gboolean nb = g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "nb");

  gtk_window_present (GTK_WINDOW (dialog));
  kl_test_wait_mapped (GTK_WIDGET (dialog));
  g_assert_true (kl_series_dialog_can_create (dialog));
  preview = kl_series_dialog_get_preview (dialog);
  g_assert_cmpuint (kl_test_count_in (preview, "\n"), ==, 24);
  kl_test_assert_contains (preview, nb ? "Hoppet over: Skjærtorsdag — tor " : "Skipped: Maundy Thursday (Skjærtorsdag) — Thu ", NULL);
  kl_test_save_png (GTK_WIDGET (dialog), "series-dialog-top");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(KlClient) client = kl_client_new ();
  g_autoptr(KlProgramme) spring = kl_programme_new ();
  g_autoptr(GPtrArray) consultants = NULL;

  db = kl_test_gui_start_demo (&argc, &argv, &tmp_dir);
  consultants = kl_store_list_consultants (db, NULL);
  lead = ((KlConsultant *) g_ptr_array_index (consultants, 0))->id;
  client->name = g_strdup ("Vestland fylkeskommune");
  client->kind = g_strdup ("fylkeskommune");
  g_assert_true (kl_store_insert_client (db, client, NULL));
  spring->client_id = client->id;
  spring->title = g_strdup ("LED SKOLE våren 2026");
  spring->kind = g_strdup ("led-skole");
  spring->status = g_strdup ("planned");
  spring->start_date = g_strdup ("2026-01-08");
  spring->end_date = g_strdup ("2026-06-18");
  spring->lead_id = lead;
  g_assert_true (kl_store_insert_programme (db, spring, NULL));
  programme = spring->id;

  window = kl_test_open_window (db);

  g_test_add_func ("/gui-series/screenshot", test_screenshot);
  /* The rest reads the English texts. */
  if (!g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "nb"))
    {
      g_test_add_func ("/gui-series/reached-from-sessions-tab", test_reached_from_sessions_tab);
      g_test_add_func ("/gui-series/preview-and-create", test_preview_and_create);
      g_test_add_func ("/gui-series/numbering-goes-on", test_numbering_goes_on);
    }
  /* Last: it adds a consultant. */
  g_test_add_func ("/gui-series/text-as-typed", test_text_as_typed);
  return kl_test_gui_run (&window, &db, &tmp_dir);
}
