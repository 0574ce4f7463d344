/* The demo data as the fund would read them: each programme applies for
 * 70 % of its budget's capped basis, fee lines are dated by their
 * sessions, and years of data never reach before the fund's earliest
 * rules. Figures computed by hand from the rules (domain.md): 70 %, fees
 * at most 18 000 kr per person and day from 2024 (16 000 kr before),
 * travel of speakers in full, participant fees up to 35 000 kr a person,
 * VAT never. */

#include "config.h"

#include <string.h>

#include "kl-demo.h"
#include "kl-store.h"
#include "kl-test-store.h"
#include "kl-test-util.h"

typedef KlTestDbFixture Fixture;

static gint64
programme_titled (KlDb       *db,
                  const char *title)
{
  g_autoptr(GPtrArray) programmes = kl_store_list_programmes (db, NULL);

  for (guint i = 0; i < programmes->len; i++)
    {
      KlProgramme *programme = g_ptr_array_index (programmes, i);

      if (g_str_equal (programme->title, title))
        return programme->id;
    }
  g_error ("no demo programme “%s”", title);
  return 0;
}

static KlClaim *
claim_of (KlDb         *db,
          gint64        programme,
          KlClaimBasis  basis)
{
  g_autoptr(GError) error = NULL;
  KlClaim *claim = kl_store_compute_claim (db, programme, basis, &error);

  g_assert_no_error (error);
  g_assert_nonnull (claim);
  return claim;
}

static KlFundingCase *
case_of (KlDb   *db,
         gint64  programme)
{
  g_autoptr(GError) error = NULL;
  KlFundingCase *funding = kl_store_get_funding_case (db, programme, KL_DEFAULT_SCHEME, &error);

  g_assert_no_error (error);
  return funding;
}

/* The three programmes' budgets and invoices, figure by figure. */
static void
test_small_demo_budgets (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 vestland, baerum, uv;

  g_assert_true (kl_demo_fill_on (fixture->db, 0, "2026-11-23", &error));
  g_assert_no_error (error);
  vestland = programme_titled (fixture->db, "LED SKOLE Vestland");
  baerum = programme_titled (fixture->db, "LED SKOLE Bærum");
  uv = programme_titled (fixture->db, "Utviklingsveileder-opplæring Bærum");

  /* Every fee line, budget or invoice, names the sessions it is for. */
  g_assert_cmpint (kl_test_count (fixture->db,
                                "SELECT count(*) FROM cost_item c WHERE c.category IN ('speaker-fee', 'supervisor-fee') "
                                "AND NOT EXISTS (SELECT 1 FROM cost_session s WHERE s.cost_id = c.id)"), ==, 0);
  g_assert_cmpint (kl_test_count (fixture->db, "SELECT count(*) FROM cost_item WHERE budget = 1"), >=, 15);
  g_assert_cmpint (kl_test_count (fixture->db,
                                  "SELECT count(*) FROM cost_item WHERE budget = 1 AND invoice_no IS NOT NULL"),
                   ==, 0);

  /* Vestland's offer: Ingrid Solheim 5 days and Per Arne Dahl 4 at
   * 14 000 kr (within the cap), Hilde Aas 2 days at 25 000 kr (capped to
   * 2 × 18 000), her trip 7 000 and hotel 3 200; the venue counts nothing.
   * 70 000 + 56 000 + 36 000 + 7 000 + 3 200 = 172 200; 70 % = 120 540. */
  {
    g_autoptr(KlClaim) budget = claim_of (fixture->db, vestland, KL_CLAIM_BUDGET);
    g_autoptr(KlClaim) actual = claim_of (fixture->db, vestland, KL_CLAIM_ACTUALS);
    g_autoptr(KlFundingCase) funding = case_of (fixture->db, vestland);

    g_assert_cmpuint (budget->lines->len, ==, 6);
    g_assert_cmpint (budget->eligible_ore, ==, 17220000);
    g_assert_cmpint (budget->claim_ore, ==, 12054000);
    g_assert_cmpint (funding->applied_ore, ==, 12054000);
    g_assert_cmpint (funding->granted_ore, ==, 12054000);
    /* Invoiced so far, for the first two sessions: 2 × 14 000 + 14 000
     * + 18 000 (25 000 capped) + 3 420 + 1 575 = 64 995; 70 % = 45 496,50. */
    g_assert_cmpuint (actual->lines->len, ==, 7);
    g_assert_cmpint (actual->eligible_ore, ==, 6499500);
    g_assert_cmpint (actual->claim_ore, ==, 4549650);
    g_assert_cmpint (actual->payout_ore, ==, 4549650);
  }

  /* Bærum's offer: Per Arne Dahl 6 seminars and 6 coaching days at
   * 14 000 kr = 168 000, Tor Egil Rønning 3 days at 20 000 kr (capped to
   * 54 000), his trip 2 400; materials count nothing. 224 400; 70 % =
   * 157 080, applied for and granted. */
  {
    g_autoptr(KlClaim) budget = claim_of (fixture->db, baerum, KL_CLAIM_BUDGET);
    g_autoptr(KlClaim) actual = claim_of (fixture->db, baerum, KL_CLAIM_ACTUALS);
    g_autoptr(KlFundingCase) funding = case_of (fixture->db, baerum);
    gboolean shared = FALSE;

    g_assert_cmpint (budget->eligible_ore, ==, 22440000);
    g_assert_cmpint (budget->claim_ore, ==, 15708000);
    g_assert_cmpint (funding->applied_ore, ==, 15708000);
    g_assert_cmpint (funding->granted_ore, ==, 15708000);
    /* The invoices: the same fees and 2 480 of travel; Rønning's 6 000 kr
     * of coaching on a seminar day he was already paid the cap for counts
     * nothing; the trip by Ruter has no speaker. 168 000 + 54 000 + 2 480
     * = 224 480; 70 % = 157 136, above the grant: the payout is 157 080. */
    g_assert_cmpint (actual->eligible_ore, ==, 22448000);
    g_assert_cmpint (actual->claim_ore, ==, 15713600);
    g_assert_cmpint (actual->payout_ore, ==, 15708000);
    for (guint i = 0; i < actual->lines->len; i++)
      {
        KlClaimLine *line = g_ptr_array_index (actual->lines, i);

        if (line->category == KL_COST_SUPERVISOR_FEE && line->net_ore == 600000)
          {
            g_assert_cmpint (line->counted_ore, ==, 0);
            g_assert_cmpint (line->rule, ==, KL_RULE_FEE_CAPPED);
            shared = TRUE;
          }
      }
    g_assert_true (shared);
  }

  /* The planned programme: Marte Lunde 4 days at 13 500 = 54 000, Hilde
   * Aas and Tor Egil Rønning a day each (25 000 and 20 000, both capped to
   * 18 000), a trip of 3 500, the university's fee for 10 persons 45 000
   * (within 10 × 35 000). 138 500; 70 % = 96 950. */
  {
    g_autoptr(KlClaim) budget = claim_of (fixture->db, uv, KL_CLAIM_BUDGET);
    g_autoptr(KlFundingCase) funding = case_of (fixture->db, uv);

    g_assert_cmpint (budget->eligible_ore, ==, 13850000);
    g_assert_cmpint (budget->claim_ore, ==, 9695000);
    g_assert_cmpint (funding->applied_ore, ==, 9695000);
    g_assert_cmpint (funding->granted_ore, ==, KL_NO_AMOUNT);
  }
}

/* A year of data as of 30 June 2000 would start in July 1999, before the
 * fund's first rules (1 January 2000): it starts on that day instead, and
 * every case computes. Each applied for 70 % of its budget: the lead's
 * days at 14 000 kr, the speaker's 2 days at 22 000 kr capped at 16 000
 * (the rules before 2024), a trip of 5 000 kr. */
static void
test_years_start_with_the_rules (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) programmes = NULL;
  g_autofree char *earliest = NULL;
  g_autofree char *first_start = NULL;
  g_autofree char *first_applied = NULL;
  guint paid = 0;

  g_assert_true (kl_demo_fill_on (fixture->db, 1, "2000-06-30", &error));
  g_assert_no_error (error);
  /* On a server the planner's statistics came with the copies, once
   * (analyze_count counts ANALYZE commands, not autovacuum's). */
  if (kl_test_on_server ())
    {
      g_autofree char *analyzed = kl_test_query_text (fixture->db, "SELECT analyze_count FROM pg_stat_user_tables "
                                                                   "WHERE relname = 'attendance'", NULL);

      g_assert_cmpstr (analyzed, ==, "1");
    }
  earliest = kl_test_query_text (fixture->db, "SELECT min(valid_from) FROM scheme_version", NULL);
  first_start = kl_test_query_text (fixture->db, "SELECT min(start_date) FROM programme", NULL);
  first_applied = kl_test_query_text (fixture->db, "SELECT min(applied_date) FROM funding_case", NULL);
  g_assert_cmpstr (earliest, ==, "2000-01-01");
  g_assert_cmpstr (first_start, ==, "2000-01-01");
  g_assert_cmpstr (first_applied, ==, "2000-01-01");

  programmes = kl_store_list_programmes (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (programmes->len, ==, 100);
  for (guint i = 0; i < programmes->len; i++)
    {
      KlProgramme *programme = g_ptr_array_index (programmes, i);
      g_autoptr(KlFundingCase) funding = case_of (fixture->db, programme->id);
      g_autoptr(KlClaim) budget = claim_of (fixture->db, programme->id, KL_CLAIM_BUDGET);
      g_autoptr(KlClaim) actual = claim_of (fixture->db, programme->id, KL_CLAIM_ACTUALS);
      gint64 sessions = kl_test_query_int (fixture->db, "SELECT count(*) FROM session WHERE programme_id = ?1",
                                           programme->id);
      gint64 days = sessions / 2 + 1;
      gint64 basis_kr = days * 14000 + 2 * 16000 + 5000;

      g_assert_cmpint (budget->scheme->fee_cap_ore, ==, 1600000);
      g_assert_cmpint (budget->eligible_ore, ==, basis_kr * 100);
      g_assert_cmpint (funding->applied_ore, ==, basis_kr * 70);
      g_assert_cmpint (funding->granted_ore, ==, basis_kr * 70);
      /* The invoices differ by the trip, 4 800 kr: 140 kr less claimed. */
      g_assert_cmpint (actual->claim_ore, ==, (basis_kr - 200) * 70);
      if (g_str_equal (funding->status, "paid"))
        {
          g_assert_cmpint (funding->paid_ore, ==, (basis_kr - 200) * 70);
          paid++;
        }
    }
  g_assert_cmpuint (paid, >, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, kl_test_db_fixture_set_up, func, kl_test_db_fixture_tear_down)
  ADD ("/demo/small-budgets", test_small_demo_budgets);
  ADD ("/demo/years-start-with-the-rules", test_years_start_with_the_rules);
#undef ADD
  return g_test_run ();
}
