/* Money through kartleser-cli, as an office would use it: budget and
 * invoices, the fee cap per person and day, the steps that check, and a
 * verify that believes nothing a document says about the rules. Every
 * figure here is computed by hand from the fund's rules (2024: 70 %,
 * 18 000 kr per person and day, 10 000 kr per participant and semester). */

#include <glib.h>
#include <string.h>

#include "kl-test-cli.h"
#include "kl-test-server.h"
#include "kl-test-util.h"

typedef struct
{
  char *dir;
  char *db;
  char *programme;
  char *speaker;
  char *supervisor;
  char *session;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *client = NULL;

  fixture->dir = kl_test_make_dir ("test-cli-money");
  fixture->db = kl_test_db_location_named (fixture->dir, "test.db");
  kl_test_cli_ok (fixture->db, "settings", "set", "--name", "Stiftelsen IMTEC", "--orgnr", "988077917",
                  "--account", "12345678903");
  client = kl_test_cli_create (fixture->db, "client", "add", "--name", "Bærum kommune", "--kind", "kommune",
                               "--orgnr", "988077917", "--account", "12345678903");
  fixture->programme = kl_test_cli_create (fixture->db, "programme", "add", "--client", client,
                                           "--title", "LED SKOLE Bærum", "--start", "2025-09-01", "--end", "2026-06-15");
  fixture->speaker = kl_test_cli_create (fixture->db, "consultant", "add", "--name", "Hilde Aas", "--external");
  fixture->supervisor = kl_test_cli_create (fixture->db, "consultant", "add", "--name", "Per Dalin");
  fixture->session = kl_test_cli_create (fixture->db, "session", "add", "--programme", fixture->programme,
                                         "--title", "Samling 1", "--start", "2025-09-02 09:00",
                                         "--end", "2025-09-02 15:00");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kl_test_cli_clear_dir (&fixture->dir, &fixture->db);
  g_free (fixture->programme);
  g_free (fixture->speaker);
  g_free (fixture->supervisor);
  g_free (fixture->session);
}

static JsonObject *
compute (Fixture *fixture)
{
  return kl_test_cli_json_object (fixture->db, "funding", "compute", "--programme", fixture->programme);
}

static gint64
member (JsonObject *object,
        const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);

  for (guint i = 0; parts[i + 1] != NULL; i++)
    object = json_object_get_object_member (object, parts[i]);
  return json_object_get_int_member (object, parts[g_strv_length (parts) - 1]);
}

/* Two invoices from one speaker for one session share one day's cap:
 * 15 000 + 15 000 count 18 000; a supervisor the same day has a cap of
 * their own (12 000 counts in full); a fee on a date given directly
 * counts on that date. */
static void
test_fee_cap_per_person_and_day (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(JsonObject) claim = NULL;
  g_autoptr(JsonArray) lines = NULL;
  JsonObject *first;

  g_free (kl_test_cli_create (fixture->db, "cost", "add", "--programme", fixture->programme, "--category", "speaker-fee",
                       "--consultant", fixture->speaker, "--session", fixture->session, "--amount", "15000",
                       "--invoice", "HA-1", "--date", "2025-09-10"));
  g_free (kl_test_cli_create (fixture->db, "cost", "add", "--programme", fixture->programme, "--category", "speaker-fee",
                       "--consultant", fixture->speaker, "--session", fixture->session, "--amount", "15000",
                       "--invoice", "HA-2", "--date", "2025-09-11"));
  g_free (kl_test_cli_create (fixture->db, "cost", "add", "--programme", fixture->programme, "--category", "supervisor-fee",
                       "--consultant", fixture->supervisor, "--session", fixture->session, "--amount", "12000",
                       "--invoice", "IM-1", "--date", "2025-09-10"));
  g_free (kl_test_cli_create (fixture->db, "cost", "add", "--programme", fixture->programme, "--category", "speaker-fee",
                       "--consultant", fixture->speaker, "--dates", "2025-09-03", "--amount", "20000",
                       "--invoice", "HA-3", "--date", "2025-09-12"));

  claim = compute (fixture);
  /* 18 000 (Aas, 2 Sep) + 12 000 (Dalin, 2 Sep) + 18 000 (Aas, 3 Sep) */
  g_assert_cmpint (member (claim, "eligible_ore"), ==, 4800000);
  g_assert_cmpint (member (claim, "claim_ore"), ==, 3360000);
  g_assert_cmpint (member (claim, "net_ore"), ==, 6200000);

  lines = kl_test_cli_json_array (fixture->db, "cost", "list", "--programme", fixture->programme);
  g_assert_cmpuint (json_array_get_length (lines), ==, 4);
  first = json_array_get_object_element (lines, 0);
  g_assert_false (json_object_get_boolean_member (first, "budget"));
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (first, "session_ids"), 0), ==,
                   g_ascii_strtoll (fixture->session, NULL, 10));
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (first, "covered"), 0), ==,
                   "2025-09-02");
  g_assert_cmpint (json_object_get_int_member (first, "days"), ==, 1);
}

/* The KS example as IMTEC's offer: 25 days at 20 000 kr is a budget basis
 * of 25 x 18 000 = 450 000 and an application of 315 000. The invoices
 * differ (10 days at 20 000: 180 000 counted, 126 000 claimed), and the
 * application keeps the budget's amount. */
static void
test_budget_and_actuals (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(JsonObject) claim = NULL;
  g_autoptr(JsonObject) funding = NULL;
  g_auto(KlCliRun) again = { 0 };
  g_auto(KlCliRun) gone = { 0 };
  g_autofree char *planned = NULL;
  g_autofree char *travel = NULL;
  g_autofree char *invoiced = NULL;

  planned = kl_test_cli_create (fixture->db, "cost", "add", "--programme", fixture->programme, "--budget", "--category",
                         "supervisor-fee", "--consultant", fixture->supervisor, "--days", "25", "--amount",
                         "500 000");
  travel = kl_test_cli_create (fixture->db, "cost", "add", "--programme", fixture->programme, "--budget", "--category",
                        "travel", "--consultant", fixture->supervisor, "--amount", "4 000");
  g_free (kl_test_cli_create (fixture->db, "cost", "add", "--programme", fixture->programme, "--category", "supervisor-fee",
                       "--consultant", fixture->supervisor, "--days", "10", "--amount", "200 000", "--invoice",
                       "IM-7", "--date", "2025-12-01"));

  claim = compute (fixture);
  g_assert_cmpint (member (claim, "eligible_ore"), ==, 18000000);
  g_assert_cmpint (member (claim, "claim_ore"), ==, 12600000);
  /* budget: 450 000 + 4 000 travel = 454 000; 70 % = 317 800 */
  g_assert_cmpint (member (claim, "budget.eligible_ore"), ==, 45400000);
  g_assert_cmpint (member (claim, "budget.claim_ore"), ==, 31780000);
  g_assert_cmpint (member (claim, "budget.net_ore"), ==, 50400000);

  kl_test_cli_ok (fixture->db, "funding", "apply", "--programme", fixture->programme, "--date", "2025-06-01");
  funding = kl_test_cli_json_object (fixture->db, "funding", "show", "--programme", fixture->programme);
  g_assert_cmpint (member (funding, "applied_ore"), ==, 31780000);

  /* The travel invoice comes, at its own amount: an actual cost from the
   * budget line, which stays as the plan beside it. */
  invoiced = kl_test_cli_create (fixture->db, "cost", "actual", travel, "--invoice", "WF-1", "--date", "2025-09-05",
                          "--amount", "3 500");
  g_clear_pointer (&claim, json_object_unref);
  claim = compute (fixture);
  g_assert_cmpint (member (claim, "eligible_ore"), ==, 18000000 + 350000);
  g_assert_cmpint (member (claim, "budget.eligible_ore"), ==, 45400000);
  kl_test_cli_run (&again, fixture->db, "cost", "actual", invoiced, "--invoice", "WF-1", "--date", "2025-09-05");
  kl_test_cli_assert_error (&again, 1, "already an actual cost (invoice WF-1)");

  /* Edited and deleted: only what was given changes. */
  kl_test_cli_ok (fixture->db, "cost", "edit", planned, "--days", "20");
  g_clear_pointer (&claim, json_object_unref);
  claim = compute (fixture);
  /* 500 000 over 20 days: capped at 20 x 18 000 = 360 000, and 4 000 travel */
  g_assert_cmpint (member (claim, "budget.eligible_ore"), ==, 36400000);
  kl_test_cli_run (&gone, fixture->db, "cost", "delete", planned);
  g_assert_cmpint (gone.status, ==, 0);
  g_clear_pointer (&claim, json_object_unref);
  claim = compute (fixture);
  g_assert_cmpint (member (claim, "budget.eligible_ore"), ==, 400000);
  kl_test_cli_run_clear (&gone);
  kl_test_cli_run (&gone, fixture->db, "cost", "delete", planned);
  kl_test_cli_assert_error (&gone, 1, "cost item");
}

/* Participant and study fees name their persons; a study fee its
 * semesters: 2 persons over 2 semesters cap at 40 000. */
static void
test_person_fees (Fixture       *fixture,
                  gconstpointer  data)
{
  g_auto(KlCliRun) refused = { 0 };
  g_auto(KlCliRun) fee = { 0 };
  g_autoptr(JsonObject) claim = NULL;

  kl_test_cli_run (&refused, fixture->db, "cost", "add", "--programme", fixture->programme, "--category",
                   "participant-fee", "--amount", "30000", "--invoice", "USN-1", "--date", "2025-09-01");
  kl_test_cli_assert_error (&refused, 1, "Persons: a participant or study fee needs the number of persons");
  kl_test_cli_run (&fee, fixture->db, "cost", "add", "--programme", fixture->programme, "--category", "study-fee",
                   "--persons", "2", "--semesters", "2", "--amount", "45000", "--invoice", "USN-2", "--date",
                   "2025-09-01");
  g_assert_cmpint (fee.status, ==, 0);
  claim = compute (fixture);
  g_assert_cmpint (member (claim, "eligible_ore"), ==, 4000000);
  g_assert_cmpint (member (claim, "claim_ore"), ==, 2800000);
}

/* One amount is at most 100 000 000 kr. */
static void
test_amount_bound (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(KlCliRun) refused = { 0 };
  g_auto(KlCliRun) huge = { 0 };

  kl_test_cli_run (&refused, fixture->db, "cost", "add", "--programme", fixture->programme, "--category", "venue",
                   "--amount", "100000000,01", "--invoice", "X", "--date", "2025-09-01");
  kl_test_cli_assert_error (&refused, 1, "“100000000,01” is too large an amount: one amount can be at most NOK 100,000,000.00");
  kl_test_cli_run (&huge, fixture->db, "cost", "add", "--programme", fixture->programme, "--category", "venue",
                   "--amount", "9223372036854775,80", "--invoice", "X", "--date", "2025-09-01");
  kl_test_cli_assert_error (&huge, 1, "too large an amount");
}

/* Each step says what it should: an application after the start, a
 * request after the expiry (naming it), a payment above the grant refused
 * without --force; a rejected case pays nothing. */
static void
test_steps_that_check (Fixture       *fixture,
                       gconstpointer  data)
{
  g_auto(KlCliRun) apply = { 0 };
  g_auto(KlCliRun) grant = { 0 };
  g_auto(KlCliRun) request = { 0 };
  g_auto(KlCliRun) paid = { 0 };
  g_autoptr(JsonObject) funding = NULL;

  g_free (kl_test_cli_create (fixture->db, "cost", "add", "--programme", fixture->programme, "--category", "speaker-fee",
                       "--consultant", fixture->speaker, "--session", fixture->session, "--amount", "10000",
                       "--invoice", "HA-1", "--date", "2025-09-10"));
  /* The first session is on 2 Sep 2025. */
  kl_test_cli_run (&apply, fixture->db, "funding", "apply", "--programme", fixture->programme, "--date", "2025-09-05");
  g_assert_cmpint (apply.status, ==, 0);
  kl_test_assert_contains (apply.err, "warning: The application is dated", "after the programme began", NULL);
  kl_test_cli_run (&grant, fixture->db, "funding", "grant", "--programme", fixture->programme, "--case", "25/01234",
                   "--amount", "5000", "--date", "2025-10-01", "--expires", "2025-12-31");
  g_assert_cmpint (grant.status, ==, 0);
  kl_test_cli_run (&request, fixture->db, "funding", "request", "--programme", fixture->programme, "--date",
                   "2026-01-15");
  g_assert_cmpint (request.status, ==, 0);
  kl_test_assert_contains (request.err, "after the grant expired on", "2025", NULL);

  kl_test_cli_run (&paid, fixture->db, "funding", "paid", "--programme", fixture->programme, "--amount", "6000",
                   "--date", "2026-02-01");
  kl_test_cli_assert_error (&paid, 1, "more than the NOK 5,000.00 granted in case 25/01234");
  g_assert_nonnull (strstr (paid.err, "--force"));
  funding = kl_test_cli_json_object (fixture->db, "funding", "paid", "--programme", fixture->programme, "--amount",
                                     "6000", "--date", "2026-02-01", "--force");
  g_assert_cmpint (member (funding, "paid_ore"), ==, 600000);
}

static void
test_rejected_pays_nothing (Fixture       *fixture,
                            gconstpointer  data)
{
  g_auto(KlCliRun) apply = { 0 };
  g_autoptr(JsonObject) claim = NULL;

  g_free (kl_test_cli_create (fixture->db, "cost", "add", "--programme", fixture->programme, "--category", "speaker-fee",
                       "--consultant", fixture->speaker, "--session", fixture->session, "--amount", "10000",
                       "--invoice", "HA-1", "--date", "2025-09-10"));
  kl_test_cli_run (&apply, fixture->db, "funding", "apply", "--programme", fixture->programme, "--date", "2025-06-01");
  g_assert_cmpint (apply.status, ==, 0);
  g_assert_null (strstr (apply.err, "warning"));
  kl_test_cli_ok (fixture->db, "funding", "reject", "--programme", fixture->programme);
  claim = compute (fixture);
  g_assert_cmpint (member (claim, "claim_ore"), ==, 700000);
  g_assert_cmpint (member (claim, "payout_ore"), ==, 0);
}

/* A payout request for 10 000 kr of fees (7 000 claimed, granted 7 000),
 * exported as XML, for the forgeries below. */
static char *
export_payout (Fixture *fixture)
{
  g_autofree char *path = g_build_filename (fixture->dir, "payout.xml", NULL);
  g_auto(KlCliRun) run = { 0 };
  g_autofree char *text = NULL;

  g_free (kl_test_cli_create (fixture->db, "cost", "add", "--programme", fixture->programme, "--category", "speaker-fee",
                       "--consultant", fixture->speaker, "--session", fixture->session, "--amount", "10000",
                       "--supplier", "Hilde Aas AS", "--invoice", "HA-1", "--date", "2025-09-10"));
  kl_test_cli_run (&run, fixture->db, "funding", "apply", "--programme", fixture->programme, "--date", "2025-06-01");
  g_assert_cmpint (run.status, ==, 0);
  kl_test_cli_run (&run, fixture->db, "funding", "grant", "--programme", fixture->programme, "--case", "25/01234",
                   "--amount", "7000", "--date", "2025-07-01", "--expires", "2026-12-31");
  g_assert_cmpint (run.status, ==, 0);
  kl_test_cli_run (&run, fixture->db, "funding", "export", "--programme", fixture->programme, "--document",
                   "payout", "--output", path);
  g_assert_cmpint (run.status, ==, 0);
  kl_test_cli_run (&run, fixture->db, "funding", "verify", path);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  /* what the forgeries below edit */
  kl_test_assert_contains (text, "<fee-cap-per-day>18000.00</fee-cap-per-day>", "<counted>10000.00</counted>", NULL);
  return g_steal_pointer (&path);
}

/* Writes the payout with each replacement made (exactly once each), runs
 * verify, and expects exit 1 with every needle on a MISMATCH line that
 * names the line of the file. */
static void
assert_forgery_caught (Fixture           *fixture,
                       const char        *path,
                       const char *const *edits,
                       const char *const *needles)
{
  g_autofree char *original = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *forged = g_build_filename (fixture->dir, "forged.xml", NULL);
  g_auto(KlCliRun) run = { 0 };

  g_assert_true (g_file_get_contents (path, &original, NULL, NULL));
  text = g_string_new (original);
  for (guint i = 0; edits[i] != NULL; i += 2)
    {
      if (g_string_replace (text, edits[i], edits[i + 1], 0) == 0)
        g_error ("forgery: “%s” is not in the file", edits[i]);
    }
  g_assert_true (g_file_set_contents (forged, text->str, -1, NULL));
  kl_test_cli_run (&run, fixture->db, "funding", "verify", forged);
  g_assert_cmpint (run.status, ==, 1);
  for (guint i = 0; needles[i] != NULL; i++)
    {
      const char *hit = strstr (run.out, needles[i]);
      const char *line_start = hit;

      if (hit == NULL)
        g_error ("verify did not say “%s”:\n%s", needles[i], run.out);
      while (line_start > run.out && line_start[-1] != '\n')
        line_start--;
      g_assert_true (g_str_has_prefix (line_start, "MISMATCH: line "));
    }
}

static void
test_verify_trusts_nothing (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = export_payout (fixture);

  /* A cap of 25 000 with the totals redone to match. */
  {
    const char *const edits[] = { "<fee-cap-per-day>18000.00</fee-cap-per-day>",
                                  "<fee-cap-per-day>25000.00</fee-cap-per-day>", NULL };
    const char *const needles[] = { "the file states <fee-cap-per-day> NOK 25,000.00", "has NOK 18,000.00", NULL };

    assert_forgery_caught (fixture, path, edits, needles);
  }
  /* A rate of 80 %, totals and all: 8 000 claimed of 10 000. */
  {
    const char *const edits[] = { "<rate-percent>70.0</rate-percent>", "<rate-percent>80.0</rate-percent>",
                                  "<computed-claim>7000.00</computed-claim>", "<computed-claim>8000.00</computed-claim>",
                                  "<amount>7000.00</amount>", "<amount>8000.00</amount>",
                                  "<granted>7000.00</granted>", "<granted>8000.00</granted>",
                                  "<payout-requested>7000.00</payout-requested>",
                                  "<payout-requested>8000.00</payout-requested>", NULL };
    const char *const needles[] = { "Scheme: the file states a rate of 80.0 %", "grants 70.0 %",
                                    "“payout-requested”: the file says NOK 8,000.00, the fund's rules give NOK 7,000.00",
                                    NULL };

    assert_forgery_caught (fixture, path, edits, needles);
  }
  /* Another scheme's name. */
  {
    const char *const edits[] = { "<name>KS OU-midler lederutvikling, fra 2024</name>",
                                  "<name>KS OU-midler, særordning</name>", NULL };
    const char *const needles[] = { "Scheme: the file names “KS OU-midler, særordning”", NULL };

    assert_forgery_caught (fixture, path, edits, needles);
  }
  /* A grant letter for another case. */
  {
    const char *const edits[] = { "<grant-letter case-number=\"25/01234\"/>",
                                  "<grant-letter case-number=\"25/09999\"/>", NULL };
    const char *const needles[] = { "The grant letter attached is for case 25/09999, the request for case 25/01234",
                                    NULL };

    assert_forgery_caught (fixture, path, edits, needles);
  }
  /* A grant that expires before it was given. */
  {
    const char *const edits[] = { "<expiry-date>2026-12-31</expiry-date>", "<expiry-date>2025-06-30</expiry-date>",
                                  NULL };
    const char *const needles[] = { "The grant date (2025-07-01) is not before the expiry date (2025-06-30)", NULL };

    assert_forgery_caught (fixture, path, edits, needles);
  }
  /* Check digits: 988077917 and 12345678903 with their last digit changed. */
  {
    const char *const edits[] = { "<org-number>988077917</org-number>", "<org-number>988077918</org-number>",
                                  "<account-number>12345678903</account-number>",
                                  "<account-number>12345678904</account-number>", NULL };
    const char *const needles[] = { "Sender's org number: “988077918” is not valid",
                                    "Applicant's org number: “988077918” is not valid",
                                    "Applicant's account number: “12345678904” is not valid", NULL };

    assert_forgery_caught (fixture, path, edits, needles);
  }
  /* Amounts no gint64 of øre can hold, or above the bound: findings that
   * name their element, never numbers that happen to agree. */
  {
    const char *const edits[] = { "<payout-requested>7000.00</payout-requested>",
                                  "<payout-requested>92233720368547758.07</payout-requested>",
                                  "<counted>10000.00</counted>", "<counted>92233720368547758.07</counted>", NULL };
    const char *const needles[] = { "Total <payout-requested>: “92233720368547758.07” is too large an amount",
                                    "Line 1 (cost item 1) <counted>: “92233720368547758.07” is too large", NULL };

    assert_forgery_caught (fixture, path, edits, needles);
  }
  {
    const char *const edits[] = { "<net>10000.00</net>", "<net>100000000.01</net>", NULL };
    const char *const needles[] = { "Line 1 (cost item 1) <net>: “100000000.01” is too large an amount", NULL };

    assert_forgery_caught (fixture, path, edits, needles);
  }
}

int
main (int   argc,
      char *argv[])
{
  kl_test_cli_init (&argc, &argv);
  g_setenv ("KARTLESER_NOW", "2026-12-02T10:00:00", TRUE);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli-money/fee-cap-per-person-and-day", test_fee_cap_per_person_and_day);
  ADD ("/cli-money/budget-and-actuals", test_budget_and_actuals);
  ADD ("/cli-money/person-fees", test_person_fees);
  ADD ("/cli-money/amount-bound", test_amount_bound);
  ADD ("/cli-money/steps-that-check", test_steps_that_check);
  ADD ("/cli-money/rejected-pays-nothing", test_rejected_pays_nothing);
  ADD ("/cli-money/verify-trusts-nothing", test_verify_trusts_nothing);
#undef ADD
  return g_test_run ();
}
