/* The start page's figures: which funding deadlines it lists, in which
 * order, on a day fixed by the test (and by KARTLESER_NOW). */

#include <glib.h>
#include <string.h>

#include "kl-overview.h"
#include "kl-store.h"
#include "kl-test-store.h"
#include "kl-test-util.h"

static char *tmp_dir;
static KlDb *db;
static gint64 client;
static gint64 sund;               /* its payout requested in the first test */

/* A programme with its funding case taken up to `funding_status`:
 * applied for and granted 150 000 kr on its first day, the payout
 * requested on its last. */
static gint64
add_programme (const char *title,
               const char *status,
               const char *start,
               const char *end,
               const char *funding_status,
               const char *expiry)
{
  static const char *const steps[] = { "applied", "granted", "payout-requested", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(KlProgramme) programme = kl_test_programme_new (client, title, start, end);
  g_autoptr(KlFundingCase) funding = NULL;

  g_free (programme->status);
  programme->status = g_strdup (status);
  g_assert_true (kl_store_insert_programme (db, programme, &error));
  g_assert_no_error (error);
  if (funding_status == NULL)
    return programme->id;

  funding = kl_funding_case_new ();
  funding->programme_id = programme->id;
  funding->applied_date = g_strdup (start);
  funding->applied_ore = 15000000;
  funding->case_no = g_strdup_printf ("26/%05" G_GINT64_FORMAT, programme->id);
  funding->granted_ore = 15000000;
  funding->grant_date = g_strdup (start);
  funding->expiry_date = g_strdup (expiry);
  for (guint i = 0; steps[i] != NULL; i++)
    {
      g_free (funding->status);
      funding->status = g_strdup (steps[i]);
      if (g_str_equal (steps[i], "payout-requested"))
        funding->payout_date = g_strdup (end);
      g_assert_true (kl_store_save_funding_case (db, funding, &error));
      g_assert_no_error (error);
      if (g_str_equal (steps[i], funding_status))
        break;
    }
  return programme->id;
}

static const KlOverviewItem *
deadline (const KlOverview *overview,
          guint             i)
{
  g_assert_cmpuint (i, <, overview->deadlines->len);
  return g_ptr_array_index (overview->deadlines, i);
}

/* On 2 November 2026: a grant expiring within 60 days is listed by its
 * expiry; programmes finished this year with a grant and no payout
 * request are due on 15 December, by status or by their last day; an
 * unpaid request comes last. Not listed: what finished last year, what
 * is still running, a cancelled programme, a case not yet granted, and
 * one already requested. */
static void
test_year_end_deadlines (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlOverview) overview = NULL;
  gint64 june, expiring, requested, october;

  june = add_programme ("LED SKOLE Askøy", "finished", "2026-01-10", "2026-06-12", "granted", "2027-06-30");
  expiring = add_programme ("LED SKOLE Fjell", "finished", "2026-02-01", "2026-09-30", "granted", "2026-12-01");
  sund = requested = add_programme ("LED SKOLE Sund", "finished", "2026-01-05", "2026-05-01", "payout-requested",
                             "2027-01-31");
  add_programme ("LED SKOLE Os", "finished", "2025-01-10", "2025-11-30", "granted", "2027-03-01");
  add_programme ("LED SKOLE Voss", "running", "2026-08-01", "2027-03-01", "granted", "2027-06-30");
  add_programme ("LED SKOLE Stord", "cancelled", "2026-01-10", "2026-04-01", "granted", "2027-06-30");
  add_programme ("LED SKOLE Bømlo", "finished", "2026-01-10", "2026-03-01", "applied", NULL);
  add_programme ("LED SKOLE Fitjar", "finished", "2026-01-10", "2026-03-01", NULL, NULL);
  /* Its status not yet set to finished, but its last day is past. */
  october = add_programme ("LED SKOLE Tysnes", "running", "2026-03-01", "2026-10-15", "granted", "2027-05-01");

  overview = kl_overview_load (db, "2026-11-02", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (overview->deadlines->len, ==, 4);

  g_assert_cmpint (deadline (overview, 0)->programme_id, ==, expiring);
  g_assert_cmpint (deadline (overview, 0)->deadline, ==, KL_DEADLINE_GRANT_EXPIRES);
  g_assert_cmpstr (deadline (overview, 0)->date, ==, "2026-12-01");

  g_assert_cmpint (deadline (overview, 1)->programme_id, ==, june);
  g_assert_cmpint (deadline (overview, 1)->deadline, ==, KL_DEADLINE_YEAR_END);
  g_assert_cmpstr (deadline (overview, 1)->date, ==, "2026-12-15");
  g_assert_cmpstr (deadline (overview, 1)->end_date, ==, "2026-06-12");
  g_assert_cmpstr (deadline (overview, 1)->title, ==, "LED SKOLE Askøy");
  g_assert_cmpstr (deadline (overview, 1)->subtitle, ==, "Hordaland kommune");
  g_assert_cmpint (deadline (overview, 1)->amount_ore, ==, 15000000);

  g_assert_cmpint (deadline (overview, 2)->programme_id, ==, october);
  g_assert_cmpint (deadline (overview, 2)->deadline, ==, KL_DEADLINE_YEAR_END);
  g_assert_cmpstr (deadline (overview, 2)->date, ==, "2026-12-15");
  g_assert_cmpstr (deadline (overview, 2)->end_date, ==, "2026-10-15");

  g_assert_cmpint (deadline (overview, 3)->programme_id, ==, requested);
  g_assert_cmpint (deadline (overview, 3)->deadline, ==, KL_DEADLINE_NOT_PAID);
  g_assert_null (deadline (overview, 3)->end_date);

  /* Before Tysnes ended, only Askøy was due by the year's end. */
  g_clear_pointer (&overview, kl_overview_free);
  overview = kl_overview_load (db, "2026-10-14", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (overview->deadlines->len, ==, 3);
  g_assert_cmpint (deadline (overview, 1)->programme_id, ==, june);
  g_assert_cmpint (deadline (overview, 2)->deadline, ==, KL_DEADLINE_NOT_PAID);

  /* In the new year, last year's programmes are not this year's. */
  g_clear_pointer (&overview, kl_overview_free);
  overview = kl_overview_load (db, "2027-01-05", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < overview->deadlines->len; i++)
    g_assert_cmpint (deadline (overview, i)->deadline, !=, KL_DEADLINE_YEAR_END);
}

/* Without a day given, the overview's day is the clock's, which
 * KARTLESER_NOW sets. */
static void
test_today_from_environment (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlOverview) overview = NULL;

  g_setenv ("KARTLESER_NOW", "2026-11-02", TRUE);
  overview = kl_overview_load (db, NULL, &error);
  g_unsetenv ("KARTLESER_NOW");
  g_assert_no_error (error);
  g_assert_cmpstr (overview->today, ==, "2026-11-02");
  g_assert_cmpint (overview->year, ==, 2026);
  g_assert_cmpuint (overview->deadlines->len, ==, 4);

  /* A value that is no date is ignored, not trusted. */
  g_setenv ("KARTLESER_NOW", "2026-13-45", TRUE);
  g_clear_pointer (&overview, kl_overview_free);
  overview = kl_overview_load (db, NULL, &error);
  g_unsetenv ("KARTLESER_NOW");
  g_assert_no_error (error);
  g_assert_cmpstr (overview->today, !=, "2026-13-45");
}

/* Money on its way, on the programmes of the first test. Granted and
 * not claimed on 2 November 2026: Askøy, Fjell, Os, Voss and Tysnes,
 * 150 000 kr each, 750 000 kr (cancelled Stord's grant is not coming;
 * Bømlo was only applied for). Claimed and not paid: Sund, whose claim
 * is 70 % of one speaker's 10 000 kr for one day (under the day's cap),
 * 7 000 kr. In the new year Fjell's grant (expired 1 December) drops
 * out: 600 000 kr. Once Sund is paid, nothing is unpaid. */
static void
test_outstanding (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlOverview) overview = NULL;
  g_autoptr(KlFundingCase) funding = NULL;

  kl_test_add_speaker_invoice (db, sund, "Gjest Foredragsholder", 1000000, "1001", "2026-04-20");

  overview = kl_overview_load (db, "2026-11-02", &error);
  g_assert_no_error (error);
  g_assert_cmpint (overview->unclaimed_ore, ==, 75000000);
  g_assert_cmpuint (overview->n_unclaimed, ==, 5);
  g_assert_cmpint (overview->unpaid_ore, ==, 700000);
  g_assert_cmpuint (overview->n_unpaid, ==, 1);
  /* The programmes behind the sums, by title, each with its share. */
  {
    static const char *const unclaimed[] = { "LED SKOLE Askøy", "LED SKOLE Fjell", "LED SKOLE Os",
                                             "LED SKOLE Tysnes", "LED SKOLE Voss" };
    const KlOverviewItem *item;

    g_assert_cmpuint (overview->unclaimed->len, ==, G_N_ELEMENTS (unclaimed));
    for (guint i = 0; i < G_N_ELEMENTS (unclaimed); i++)
      {
        item = g_ptr_array_index (overview->unclaimed, i);
        g_assert_cmpstr (item->title, ==, unclaimed[i]);
        g_assert_cmpint (item->amount_ore, ==, 15000000);
      }
    g_assert_cmpuint (overview->unpaid->len, ==, 1);
    item = g_ptr_array_index (overview->unpaid, 0);
    g_assert_cmpstr (item->title, ==, "LED SKOLE Sund");
    g_assert_cmpint (item->programme_id, ==, sund);
    g_assert_cmpint (item->amount_ore, ==, 700000);
  }

  g_clear_pointer (&overview, kl_overview_free);
  overview = kl_overview_load (db, "2027-01-05", &error);
  g_assert_no_error (error);
  g_assert_cmpint (overview->unclaimed_ore, ==, 60000000);
  g_assert_cmpuint (overview->n_unclaimed, ==, 4);

  funding = kl_store_get_funding_case (db, sund, KL_DEFAULT_SCHEME, &error);
  g_assert_no_error (error);
  g_assert_nonnull (funding);
  g_free (funding->status);
  funding->status = g_strdup ("paid");
  funding->paid_ore = 700000;
  funding->paid_date = g_strdup ("2027-01-04");
  g_assert_true (kl_store_save_funding_case (db, funding, &error));
  g_assert_no_error (error);
  g_clear_pointer (&overview, kl_overview_free);
  overview = kl_overview_load (db, "2027-01-05", &error);
  g_assert_no_error (error);
  g_assert_cmpint (overview->unpaid_ore, ==, 0);
  g_assert_cmpuint (overview->n_unpaid, ==, 0);
  g_assert_cmpuint (overview->unpaid->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_unsetenv ("KARTLESER_NOW");

  tmp_dir = kl_test_make_dir ("test-overview");
  db = kl_test_open_db (tmp_dir);
  client = kl_test_add_client (db, "Hordaland kommune", "kommune", 0, "988077917");

  g_test_add_func ("/overview/year-end-deadlines", test_year_end_deadlines);
  g_test_add_func ("/overview/today-from-environment", test_today_from_environment);
  g_test_add_func ("/overview/outstanding", test_outstanding);
  status = g_test_run ();

  g_clear_object (&db);
  kl_test_remove_dir (tmp_dir);
  g_free (tmp_dir);
  return status;
}
