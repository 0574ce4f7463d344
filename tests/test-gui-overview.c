/* The Overview: its figures load in a worker thread while the page is
 * already there, a reload supersedes the one under way, and it answers
 * the daily questions: the money granted and not claimed, claimed and
 * not paid, each with its programmes, and what each year's figure counts. */

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "kl-labels.h"
#include "kl-money.h"
#include "kl-overview-page.h"
#include "kl-programme-view.h"
#include "kl-store.h"
#include "kl-test-gui.h"
#include "kl-test-store.h"
#include "kl-test-util.h"
#include "kl-window.h"

/* A Monday in November: Askøy's and Fjell's grants are not claimed. */
#define NOW "2026-11-02T10:00"

static char *tmp_dir;
static KlDb *db;
static gint64 askoy, fjell;
static KlFundingCase *fjell_funding;

static char *
money (gint64 ore)
{
  return kl_money_format (ore, kl_lang_from_locale ());
}

static gint64
add_programme (gint64      client,
               const char *title,
               const char *end_date,
               gint64      granted_ore,
               const char *grant_date,
               const char *expiry_date,
               KlFundingCase **funding_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlFundingCase) funding = kl_funding_case_new ();
  gint64 programme_id = kl_test_add_programme (db, client, title, "2026-01-10", end_date);

  funding->programme_id = programme_id;
  funding->status = g_strdup ("applied");
  funding->applied_date = g_strdup ("2025-12-01");
  funding->applied_ore = granted_ore;
  g_assert_true (kl_store_save_funding_case (db, funding, &error));
  g_free (funding->status);
  funding->status = g_strdup ("granted");
  funding->case_no = g_strdup_printf ("25/%05" G_GINT64_FORMAT, programme_id);
  funding->granted_ore = granted_ore;
  funding->grant_date = g_strdup (grant_date);
  funding->expiry_date = g_strdup (expiry_date);
  g_assert_true (kl_store_save_funding_case (db, funding, &error));
  g_assert_no_error (error);
  if (funding_out != NULL)
    *funding_out = g_steal_pointer (&funding);
  return programme_id;
}

/* Askøy: 150 000 kr granted in December 2025, expires mid-2027. Fjell:
 * 80 000 kr granted in March 2026, with one speaker's 10 000 kr for one
 * day, of which KS pays 70 %: a claim of 7 000 kr once it is sent. */
static void
build_data (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlClient) client = kl_client_new ();

  client->name = g_strdup ("Askøy kommune");
  client->kind = g_strdup ("kommune");
  client->orgnr = g_strdup ("988077917");
  g_assert_true (kl_store_insert_client (db, client, &error));
  g_assert_no_error (error);
  askoy = add_programme (client->id, "LED SKOLE Askøy", "2026-06-12", 15000000, "2025-12-20", "2027-06-30", NULL);
  fjell = add_programme (client->id, "LED SKOLE Fjell", "2026-09-30", 8000000, "2026-03-01", "2027-03-01",
                         &fjell_funding);

  kl_test_add_speaker_invoice (db, fjell, "Gjest Foredragsholder", 1000000, "1001", "2026-04-20");
}

/* A window shows the Overview's groups at once; the figures follow from
 * the worker, and a reload started while one runs wins over it. */
static void
test_loads_in_background (void)
{
  KlWindow *window = kl_window_new (NULL, db, NULL);
  KlOverviewPage *page = KL_OVERVIEW_PAGE (kl_window_get_page_widget (window, "overview"));
  g_autofree char *text = NULL;
  g_autofree char *granted = money (8000000);
  g_autofree char *claimed = money (700000);
  g_autofree char *outstanding = NULL;

  /* Nothing computed on the main thread: the page is there, empty. */
  g_assert_true (kl_overview_page_is_loading (page));
  g_assert_cmpuint (kl_overview_page_count (page, "unclaimed"), ==, 0);
  text = kl_overview_page_get_text (page, "totals");
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  kl_test_wait_mapped (GTK_WIDGET (window));
  kl_test_wait_overview (page);
  g_assert_cmpuint (kl_overview_page_count (page, "unclaimed"), ==, 2);
  g_assert_cmpuint (kl_overview_page_count (page, "unpaid"), ==, 0);

  /* Fjell's payout request is sent while a reload runs: the reload
   * after it supersedes the first, and the page never shows the older
   * figures once it says it is done. */
  kl_overview_page_reload (page);
  g_assert_true (kl_overview_page_is_loading (page));
  g_free (fjell_funding->status);
  fjell_funding->status = g_strdup ("payout-requested");
  fjell_funding->payout_date = g_strdup ("2026-11-02");
  g_assert_true (kl_store_save_funding_case (db, fjell_funding, NULL));
  kl_overview_page_reload (page);
  g_assert_true (kl_overview_page_is_loading (page));
  kl_test_wait_overview (page);
  g_assert_cmpuint (kl_overview_page_count (page, "unclaimed"), ==, 1);
  g_assert_cmpuint (kl_overview_page_count (page, "unpaid"), ==, 1);

  /* Each of the year's figures says what it counts: Fjell's grant was
   * decided in 2026, Askøy's in 2025; the one claim was sent in 2026. */
  text = kl_overview_page_get_text (page, "totals");
  if (kl_test_in_english ())
    {
      g_autofree char *expected = g_strdup_printf ("Applied for · %s · Applications dated 2026\n"
                                                   "Granted · %s · Decisions dated 2026\n"
                                                   "Claimed · %s · Payout requests dated 2026\n"
                                                   "Paid out · %s · Payments dated 2026\n",
                                                   money (0), granted, claimed, money (0));

      g_assert_cmpstr (text, ==, expected);
    }
  else
    g_assert_nonnull (strstr (text, "2026"));
  gtk_window_destroy (GTK_WINDOW (window));
  kl_test_settle ();

  /* Undo the request for the next test. */
  g_free (fjell_funding->status);
  fjell_funding->status = g_strdup ("granted");
  g_clear_pointer (&fjell_funding->payout_date, g_free);
  g_assert_true (kl_store_save_funding_case (db, fjell_funding, NULL));
}

/* Money outstanding: 230 000 kr granted and not claimed, over two
 * programmes, each a row that opens its programme; once Fjell is
 * claimed, 150 000 kr and 7 000 kr claimed and not paid. */
static void
test_outstanding (void)
{
  GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  KlWindow *window = kl_test_open_window (db);
  KlOverviewPage *page = KL_OVERVIEW_PAGE (kl_window_get_page_widget (window, "overview"));
  g_autofree char *text = NULL;
  g_autofree char *all = money (23000000);
  g_autofree char *askoy_grant = money (15000000);
  g_autofree char *fjell_grant = money (8000000);
  g_autofree char *claim = money (700000);
  g_autofree char *expires_askoy = kl_format_date ("2027-06-30");
  g_autofree char *expires_fjell = kl_format_date ("2027-03-01");
  g_autofree char *requested = kl_format_date ("2026-11-02");
  g_autofree char *expected = NULL;
  GtkWidget *row;

  kl_test_wait_overview (page);
  text = kl_overview_page_get_text (page, "outstanding");
  if (kl_test_in_english ())
    {
      expected = g_strdup_printf ("Granted, not yet claimed · 2 programmes with a grant and no payout request yet · %s\n"
                                  "Claimed, not yet paid · No payout request is waiting to be paid · %s\n",
                                  all, money (0));
      g_assert_cmpstr (text, ==, expected);
      g_clear_pointer (&expected, g_free);
    }
  else
    g_assert_nonnull (strstr (text, all));
  g_clear_pointer (&text, g_free);
  text = kl_overview_page_get_text (page, "unclaimed");
  expected = kl_test_in_english ()
             ? g_strdup_printf ("LED SKOLE Askøy · Askøy kommune · the grant expires %s · %s\n"
                                "LED SKOLE Fjell · Askøy kommune · the grant expires %s · %s\n",
                                expires_askoy, askoy_grant, expires_fjell, fjell_grant)
             : g_strdup_printf ("LED SKOLE Askøy · Askøy kommune · tilsagnet utløper %s · %s\n"
                                "LED SKOLE Fjell · Askøy kommune · tilsagnet utløper %s · %s\n",
                                expires_askoy, askoy_grant, expires_fjell, fjell_grant);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&expected, g_free);

  /* Folded at first (libadwaita 1.2 opens an expander row when its
   * expansion is enabled), its rows not laid out; and both sums are on
   * screen without scrolling in the 1100 × 720 window. */
  {
    GtkWidget *first = kl_overview_page_get_row (page, "unclaimed", 0);
    GtkWidget *expander = gtk_widget_get_ancestor (first, ADW_TYPE_EXPANDER_ROW);
    GtkWidget *unpaid = gtk_widget_get_next_sibling (expander);
    graphene_point_t bottom;

    g_assert_false (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander)));
    g_assert_false (gtk_widget_get_visible (first));
    g_assert_true (ADW_IS_EXPANDER_ROW (unpaid));
    g_assert_true (gtk_widget_compute_point (unpaid, GTK_WIDGET (window),
                                             &GRAPHENE_POINT_INIT (0, gtk_widget_get_height (unpaid)), &bottom));
    g_assert_cmpfloat (bottom.y, <=, gtk_widget_get_height (GTK_WIDGET (window)));
  }

  /* Opened, as a click on the row does, for the screenshots. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (gtk_widget_get_ancestor (kl_overview_page_get_row (page, "unclaimed", 0),
                                                                            ADW_TYPE_EXPANDER_ROW)), TRUE);
  kl_test_save_png (GTK_WIDGET (window), "overview-outstanding");
  {
    gtk_window_set_default_size (GTK_WINDOW (window), 360, 900);
    kl_test_settle ();
    if (adw_leaflet_get_folded (ADW_LEAFLET (kl_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_LEAFLET))))
      adw_leaflet_navigate (ADW_LEAFLET (kl_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_LEAFLET)),
                            ADW_NAVIGATION_DIRECTION_FORWARD);
    kl_test_save_png (GTK_WIDGET (window), "overview-outstanding-narrow");
    gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
    kl_test_settle ();
  }

  /* Fjell claimed: its row moves to the money not yet paid, with its
   * claim rather than its grant. */
  g_free (fjell_funding->status);
  fjell_funding->status = g_strdup ("payout-requested");
  fjell_funding->payout_date = g_strdup ("2026-11-02");
  g_assert_true (kl_store_save_funding_case (db, fjell_funding, NULL));
  kl_overview_page_reload (page);
  kl_test_wait_overview (page);
  g_clear_pointer (&text, g_free);
  text = kl_overview_page_get_text (page, "outstanding");
  kl_test_assert_contains (text, askoy_grant, claim, NULL);
  if (kl_test_in_english ())
    g_assert_nonnull (strstr (text, "Claimed, not yet paid · 1 programme whose payout request KS has not paid · "));
  g_clear_pointer (&text, g_free);
  text = kl_overview_page_get_text (page, "unpaid");
  expected = g_strdup_printf (kl_test_in_english () ? "LED SKOLE Fjell · Askøy kommune · requested %s · %s\n"
                                            : "LED SKOLE Fjell · Askøy kommune · anmodet %s · %s\n",
                              requested, claim);
  g_assert_cmpstr (text, ==, expected);

  /* A row opens its programme. */
  row = kl_overview_page_get_row (page, "unpaid", 0);
  g_assert_nonnull (row);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  g_signal_emit_by_name (row, "activated");
  kl_test_settle ();
  g_assert_cmpstr (kl_window_get_page (window), ==, "programme");
  g_assert_cmpint (kl_programme_view_get_programme (KL_PROGRAMME_VIEW (kl_window_get_page_widget (window, "programme"))),
                   ==, fjell);

  gtk_window_destroy (GTK_WINDOW (window));
  kl_test_settle ();
  g_log_set_always_fatal (fatal);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_setenv ("KARTLESER_NOW", NOW, TRUE);
  tmp_dir = kl_test_gui_start (&argc, &argv);
  db = kl_test_file_db (tmp_dir, "overview.db");
  build_data ();

  g_test_add_func ("/gui-overview/loads-in-background", test_loads_in_background);
  g_test_add_func ("/gui-overview/outstanding", test_outstanding);
  status = kl_test_gui_run (NULL, &db, &tmp_dir);
  g_clear_pointer (&fjell_funding, kl_funding_case_free);
  return status;
}
