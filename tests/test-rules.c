/* The fund's arithmetic, without a database: the KS rules of 2024 and
 * the older 16 000 kr fee cap, built here by hand. */

#include <glib.h>
#include <string.h>

#include "kl-rules.h"

#define ELIGIBLE_2024 ((1u << KL_COST_SPEAKER_FEE) | (1u << KL_COST_SUPERVISOR_FEE) \
                       | (1u << KL_COST_TRAVEL) | (1u << KL_COST_ACCOMMODATION)     \
                       | (1u << KL_COST_PARTICIPANT_FEE) | (1u << KL_COST_STUDY_FEE))

static KlSchemeVersion *
scheme_new (gint64 fee_cap_ore)
{
  KlSchemeVersion *scheme = kl_scheme_version_new ();

  scheme->id = 1;
  scheme->scheme = g_strdup ("ks-ou-leder");
  scheme->name = g_strdup ("KS OU-midler lederutvikling (test)");
  scheme->valid_from = g_strdup ("2024-01-01");
  scheme->rate_permille = 700;
  scheme->fee_cap_ore = fee_cap_ore;
  scheme->participant_fee_cap_ore = 3500000;
  scheme->study_fee_cap_ore = 1000000;
  scheme->eligible = ELIGIBLE_2024;
  return scheme;
}

static GPtrArray *
costs_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) kl_cost_item_free);
}

static KlCostItem *
add_cost (GPtrArray      *costs,
          KlCostCategory  category,
          gint64          net_ore,
          gint64          vat_ore)
{
  KlCostItem *item = kl_cost_item_new ();

  item->id = costs->len + 1;
  item->programme_id = 1;
  item->category = category;
  item->net_ore = net_ore;
  item->vat_ore = vat_ore;
  g_ptr_array_add (costs, item);
  return item;
}

static KlCostItem *
add_fee (GPtrArray  *costs,
         const char *who,
         int         days,
         gint64      net_ore)
{
  KlCostItem *item = add_cost (costs, KL_COST_SPEAKER_FEE, net_ore, 0);

  item->consultant_id = costs->len;
  item->consultant_name = g_strdup (who);
  item->days = days;
  return item;
}

static const KlClaimLine *
line_at (const KlClaim *claim,
         guint          i)
{
  g_assert_cmpuint (i, <, claim->lines->len);
  return g_ptr_array_index (claim->lines, i);
}

/* KS's own example: 25 days at 20 000 kr, capped to 25 x 18 000 =
 * 450 000 kr, of which 70 % is 315 000 kr. */
static void
test_worked_example (void)
{
  g_autoptr(KlSchemeVersion) scheme = scheme_new (1800000);
  g_autoptr(GPtrArray) costs = costs_new ();
  g_autoptr(KlClaim) claim = NULL;
  const KlClaimLine *line;

  add_fee (costs, "Per Dalin", 25, 50000000);
  claim = kl_claim_compute (scheme, costs, KL_NO_AMOUNT, KL_LANG_NB, NULL);

  g_assert_cmpuint (claim->lines->len, ==, 1);
  line = line_at (claim, 0);
  g_assert_cmpint (line->rule, ==, KL_RULE_FEE_CAPPED);
  g_assert_cmpint (line->cap_ore, ==, 45000000);
  g_assert_cmpint (line->counted_ore, ==, 45000000);
  g_assert_cmpint (line->net_ore, ==, 50000000);
  g_assert_cmpint (line->cost_id, ==, 1);
  g_assert_cmpstr (line->who, ==, "Per Dalin");
  g_assert_cmpstr (kl_rule_to_string (line->rule), ==, "fee-capped");
  /* The explanation shows the cap and the days it was applied to. */
  g_assert_nonnull (strstr (line->explanation, "18\302\240" "000,00\302\240kr"));
  g_assert_nonnull (strstr (line->explanation, "25 days"));
  g_assert_nonnull (strstr (line->explanation, "450\302\240" "000,00\302\240kr"));

  g_assert_cmpint (claim->net_ore, ==, 50000000);
  g_assert_cmpint (claim->vat_ore, ==, 0);
  g_assert_cmpint (claim->eligible_ore, ==, 45000000);
  g_assert_cmpint (claim->claim_ore, ==, 31500000);
  g_assert_cmpint (claim->granted_ore, ==, KL_NO_AMOUNT);
  g_assert_cmpint (claim->payout_ore, ==, 31500000);
  /* The claim keeps its own copy of the rules it was computed by. */
  g_assert_true (claim->scheme != scheme);
  g_assert_cmpint (claim->scheme->fee_cap_ore, ==, 1800000);
  g_assert_cmpstr (claim->scheme->name, ==, scheme->name);
}

static void
test_fee_within_cap (void)
{
  g_autoptr(KlSchemeVersion) scheme = scheme_new (1800000);
  g_autoptr(GPtrArray) costs = costs_new ();
  g_autoptr(KlClaim) claim = NULL;
  const KlClaimLine *line;

  add_fee (costs, "Kari", 3, 4500000);
  /* Exactly at the cap still counts in full. */
  add_fee (costs, "Ola", 2, 3600000);
  claim = kl_claim_compute (scheme, costs, KL_NO_AMOUNT, KL_LANG_EN, NULL);

  line = line_at (claim, 0);
  g_assert_cmpint (line->rule, ==, KL_RULE_FEE_WITHIN_CAP);
  g_assert_cmpint (line->counted_ore, ==, 4500000);
  g_assert_cmpint (line->cap_ore, ==, 5400000);
  g_assert_nonnull (strstr (line->explanation, "NOK 18,000.00"));
  line = line_at (claim, 1);
  g_assert_cmpint (line->rule, ==, KL_RULE_FEE_WITHIN_CAP);
  g_assert_cmpint (line->counted_ore, ==, 3600000);
  g_assert_cmpint (claim->eligible_ore, ==, 8100000);
  g_assert_cmpint (claim->claim_ore, ==, 5670000);
}

/* The cap is per speaker per day: two on the same day have a cap each. */
static void
test_two_speakers_same_day (void)
{
  g_autoptr(KlSchemeVersion) scheme = scheme_new (1800000);
  g_autoptr(GPtrArray) costs = costs_new ();
  g_autoptr(KlClaim) claim = NULL;

  add_fee (costs, "Kari", 1, 2000000);
  add_fee (costs, "Ola", 1, 2000000)->category = KL_COST_SUPERVISOR_FEE;
  claim = kl_claim_compute (scheme, costs, KL_NO_AMOUNT, KL_LANG_NB, NULL);

  g_assert_cmpuint (claim->lines->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpint (line_at (claim, i)->counted_ore, ==, 1800000);
      g_assert_cmpint (line_at (claim, i)->rule, ==, KL_RULE_FEE_CAPPED);
    }
  g_assert_cmpint (line_at (claim, 1)->category, ==, KL_COST_SUPERVISOR_FEE);
  g_assert_cmpint (claim->eligible_ore, ==, 3600000);
  g_assert_cmpint (claim->claim_ore, ==, 2520000);
}

static void
test_vat_never_counts (void)
{
  g_autoptr(KlSchemeVersion) scheme = scheme_new (1800000);
  g_autoptr(GPtrArray) costs = costs_new ();
  g_autoptr(KlClaim) claim = NULL;
  g_autoptr(KlClaim) claim_en = NULL;
  const KlClaimLine *line;

  add_fee (costs, "Kari", 1, 1000000)->vat_ore = 250000;
  /* Travel with VAT: the net counts, the VAT does not. */
  add_cost (costs, KL_COST_TRAVEL, 300000, 36000)->consultant_id = 1;
  claim = kl_claim_compute (scheme, costs, KL_NO_AMOUNT, KL_LANG_NB, NULL);

  line = line_at (claim, 0);
  g_assert_cmpint (line->counted_ore, ==, 1000000);
  g_assert_cmpint (line->vat_ore, ==, 250000);
  g_assert_nonnull (strstr (line->explanation, "VAT"));
  g_assert_nonnull (strstr (line->explanation, "2\302\240" "500,00\302\240kr"));
  line = line_at (claim, 1);
  g_assert_cmpint (line->counted_ore, ==, 300000);
  g_assert_nonnull (strstr (line->explanation, "VAT"));

  g_assert_cmpint (claim->net_ore, ==, 1300000);
  g_assert_cmpint (claim->vat_ore, ==, 286000);
  g_assert_cmpint (claim->eligible_ore, ==, 1300000);
  g_assert_cmpint (claim->claim_ore, ==, 910000);

  /* A line without VAT does not talk about it. */
  g_ptr_array_remove_range (costs, 0, 2);
  add_fee (costs, "Kari", 1, 1000000);
  claim_en = kl_claim_compute (scheme, costs, KL_NO_AMOUNT, KL_LANG_EN, NULL);
  g_assert_null (strstr (line_at (claim_en, 0)->explanation, "VAT"));
}

/* The rules before 2024 capped fees at 16 000 kr a day. */
static void
test_old_fee_cap (void)
{
  g_autoptr(KlSchemeVersion) scheme = scheme_new (1600000);
  g_autoptr(GPtrArray) costs = costs_new ();
  g_autoptr(KlClaim) claim = NULL;

  add_fee (costs, "Kari", 1, 2000000);
  claim = kl_claim_compute (scheme, costs, KL_NO_AMOUNT, KL_LANG_NB, NULL);

  g_assert_cmpint (line_at (claim, 0)->rule, ==, KL_RULE_FEE_CAPPED);
  g_assert_cmpint (line_at (claim, 0)->counted_ore, ==, 1600000);
  g_assert_cmpint (claim->eligible_ore, ==, 1600000);
  g_assert_cmpint (claim->claim_ore, ==, 1120000);
  g_assert_nonnull (strstr (line_at (claim, 0)->explanation, "16\302\240" "000,00\302\240kr"));
}

/* The payout is never more than the grant, and never more than claimed. */
static void
test_grant_ceiling (void)
{
  g_autoptr(KlSchemeVersion) scheme = scheme_new (1800000);
  g_autoptr(GPtrArray) costs = costs_new ();
  g_autoptr(KlClaim) below = NULL;
  g_autoptr(KlClaim) above = NULL;
  g_autoptr(KlClaim) none = NULL;
  g_autoptr(KlClaim) zero = NULL;

  add_fee (costs, "Per Dalin", 25, 50000000);

  below = kl_claim_compute (scheme, costs, 31500000 - 100000, KL_LANG_NB, NULL);
  g_assert_cmpint (below->claim_ore, ==, 31500000);
  g_assert_cmpint (below->granted_ore, ==, 31400000);
  g_assert_cmpint (below->payout_ore, ==, 31400000);

  above = kl_claim_compute (scheme, costs, 40000000, KL_LANG_NB, NULL);
  g_assert_cmpint (above->claim_ore, ==, 31500000);
  g_assert_cmpint (above->payout_ore, ==, 31500000);

  none = kl_claim_compute (scheme, costs, KL_NO_AMOUNT, KL_LANG_NB, NULL);
  g_assert_cmpint (none->payout_ore, ==, 31500000);

  /* A grant of nothing pays nothing: 0 is an amount, not "no grant". */
  zero = kl_claim_compute (scheme, costs, 0, KL_LANG_NB, NULL);
  g_assert_cmpint (zero->payout_ore, ==, 0);
}

static void
test_travel_and_accommodation (void)
{
  g_autoptr(KlSchemeVersion) scheme = scheme_new (1800000);
  g_autoptr(GPtrArray) costs = costs_new ();
  g_autoptr(KlClaim) claim = NULL;
  KlCostItem *item;

  item = add_cost (costs, KL_COST_TRAVEL, 450000, 0);
  item->consultant_id = 7;
  item->consultant_name = g_strdup ("Kari");
  item = add_cost (costs, KL_COST_ACCOMMODATION, 180000, 0);
  item->consultant_id = 7;
  add_cost (costs, KL_COST_TRAVEL, 99000, 0);
  add_cost (costs, KL_COST_ACCOMMODATION, 150000, 0);
  claim = kl_claim_compute (scheme, costs, KL_NO_AMOUNT, KL_LANG_EN, NULL);

  g_assert_cmpint (line_at (claim, 0)->rule, ==, KL_RULE_SPEAKER_EXPENSE);
  g_assert_cmpint (line_at (claim, 0)->counted_ore, ==, 450000);
  g_assert_cmpint (line_at (claim, 0)->cap_ore, ==, KL_NO_AMOUNT);
  g_assert_cmpstr (line_at (claim, 0)->who, ==, "Kari");
  g_assert_cmpint (line_at (claim, 1)->rule, ==, KL_RULE_SPEAKER_EXPENSE);
  g_assert_cmpint (line_at (claim, 1)->counted_ore, ==, 180000);
  /* Without a speaker it may be a participant's trip: not eligible, and
   * the explanation says what to do about it. */
  for (guint i = 2; i < 4; i++)
    {
      g_assert_cmpint (line_at (claim, i)->rule, ==, KL_RULE_EXPENSE_NOT_SPEAKER);
      g_assert_cmpint (line_at (claim, i)->counted_ore, ==, 0);
      g_assert_nonnull (strstr (line_at (claim, i)->explanation, "consultant"));
    }
  g_assert_cmpint (claim->net_ore, ==, 879000);
  g_assert_cmpint (claim->eligible_ore, ==, 630000);
  g_assert_cmpint (claim->claim_ore, ==, 441000);
}

static void
test_participant_fee (void)
{
  g_autoptr(KlSchemeVersion) scheme = scheme_new (1800000);
  g_autoptr(GPtrArray) costs = costs_new ();
  g_autoptr(KlClaim) claim = NULL;

  add_cost (costs, KL_COST_PARTICIPANT_FEE, 8000000, 0)->persons = 2;
  add_cost (costs, KL_COST_PARTICIPANT_FEE, 6000000, 0)->persons = 2;
  /* No persons given counts as one. */
  add_cost (costs, KL_COST_PARTICIPANT_FEE, 4000000, 0);
  claim = kl_claim_compute (scheme, costs, KL_NO_AMOUNT, KL_LANG_NB, NULL);

  g_assert_cmpint (line_at (claim, 0)->rule, ==, KL_RULE_PERSON_FEE_CAPPED);
  g_assert_cmpint (line_at (claim, 0)->cap_ore, ==, 7000000);
  g_assert_cmpint (line_at (claim, 0)->counted_ore, ==, 7000000);
  g_assert_nonnull (strstr (line_at (claim, 0)->explanation, "35\302\240" "000,00\302\240kr"));
  g_assert_cmpint (line_at (claim, 1)->rule, ==, KL_RULE_PERSON_FEE_WITHIN_CAP);
  g_assert_cmpint (line_at (claim, 1)->counted_ore, ==, 6000000);
  g_assert_cmpint (line_at (claim, 2)->rule, ==, KL_RULE_PERSON_FEE_CAPPED);
  g_assert_cmpint (line_at (claim, 2)->counted_ore, ==, 3500000);
  g_assert_cmpint (claim->eligible_ore, ==, 16500000);
}

static void
test_study_fee (void)
{
  g_autoptr(KlSchemeVersion) scheme = scheme_new (1800000);
  g_autoptr(GPtrArray) costs = costs_new ();
  g_autoptr(KlClaim) claim = NULL;

  add_cost (costs, KL_COST_STUDY_FEE, 4500000, 0)->persons = 3;
  add_cost (costs, KL_COST_STUDY_FEE, 800000, 0)->persons = 1;
  claim = kl_claim_compute (scheme, costs, KL_NO_AMOUNT, KL_LANG_NB, NULL);

  /* Capped at 10 000 kr per person, not at the participant fee cap. */
  g_assert_cmpint (line_at (claim, 0)->rule, ==, KL_RULE_PERSON_FEE_CAPPED);
  g_assert_cmpint (line_at (claim, 0)->counted_ore, ==, 3000000);
  g_assert_nonnull (strstr (line_at (claim, 0)->explanation, "10\302\240" "000,00\302\240kr"));
  g_assert_cmpint (line_at (claim, 1)->rule, ==, KL_RULE_PERSON_FEE_WITHIN_CAP);
  g_assert_cmpint (line_at (claim, 1)->counted_ore, ==, 800000);
  g_assert_cmpint (claim->eligible_ore, ==, 3800000);
  g_assert_cmpint (claim->claim_ore, ==, 2660000);
}

static void
test_not_eligible (void)
{
  const KlCostCategory excluded[] = { KL_COST_VENUE, KL_COST_CATERING, KL_COST_MATERIALS, KL_COST_OTHER };
  g_autoptr(KlSchemeVersion) scheme = scheme_new (1800000);
  g_autoptr(GPtrArray) costs = costs_new ();
  g_autoptr(KlClaim) claim = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (excluded); i++)
    {
      /* Even with a consultant named, these never count. */
      add_cost (costs, excluded[i], 1234500, 0)->consultant_id = 1;
    }
  claim = kl_claim_compute (scheme, costs, KL_NO_AMOUNT, KL_LANG_NB, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (excluded); i++)
    {
      const KlClaimLine *line = line_at (claim, i);

      g_assert_cmpint (line->category, ==, excluded[i]);
      g_assert_cmpint (line->rule, ==, KL_RULE_NOT_ELIGIBLE);
      g_assert_cmpint (line->counted_ore, ==, 0);
      g_assert_nonnull (line->explanation);
      g_assert_true (g_str_has_prefix (line->explanation, "Not eligible"));
    }
  g_assert_cmpint (claim->net_ore, ==, 4 * 1234500);
  g_assert_cmpint (claim->eligible_ore, ==, 0);
  g_assert_cmpint (claim->claim_ore, ==, 0);
  g_assert_cmpint (claim->payout_ore, ==, 0);
}

/* Eligibility is data: a category a scheme version leaves out counts 0. */
static void
test_category_left_out (void)
{
  g_autoptr(KlSchemeVersion) scheme = scheme_new (1800000);
  g_autoptr(GPtrArray) costs = costs_new ();
  g_autoptr(KlClaim) claim = NULL;

  scheme->eligible &= ~(1u << KL_COST_STUDY_FEE);
  add_cost (costs, KL_COST_STUDY_FEE, 500000, 0)->persons = 1;
  add_fee (costs, "Kari", 1, 1000000);
  claim = kl_claim_compute (scheme, costs, KL_NO_AMOUNT, KL_LANG_NB, NULL);

  g_assert_cmpint (line_at (claim, 0)->rule, ==, KL_RULE_NOT_ELIGIBLE);
  g_assert_cmpint (line_at (claim, 0)->counted_ore, ==, 0);
  g_assert_nonnull (strstr (line_at (claim, 0)->explanation, scheme->name));
  g_assert_cmpint (line_at (claim, 1)->counted_ore, ==, 1000000);
  g_assert_cmpint (claim->eligible_ore, ==, 1000000);
}

/* 70 % of the basis, half up to the øre. */
static void
test_claim_rounding (void)
{
  const struct { gint64 eligible; gint64 claim; } cases[] = {
    { 1, 1 }, { 5, 4 }, { 4, 3 }, { 2, 1 }, { 3, 2 }, { 10, 7 }, { 0, 0 },
  };
  g_autoptr(KlSchemeVersion) scheme = scheme_new (1800000);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) costs = costs_new ();
      g_autoptr(KlClaim) claim = NULL;

      add_cost (costs, KL_COST_TRAVEL, cases[i].eligible, 0)->consultant_id = 1;
      claim = kl_claim_compute (scheme, costs, KL_NO_AMOUNT, KL_LANG_NB, NULL);
      g_assert_cmpint (claim->eligible_ore, ==, cases[i].eligible);
      g_assert_cmpint (claim->claim_ore, ==, cases[i].claim);
    }
}

/* The totals add up every line, eligible or not. */
static void
test_totals (void)
{
  g_autoptr(KlSchemeVersion) scheme = scheme_new (1800000);
  g_autoptr(GPtrArray) costs = costs_new ();
  g_autoptr(KlClaim) claim = NULL;
  gint64 counted = 0;

  add_fee (costs, "Per Dalin", 25, 50000000)->vat_ore = 12500000;
  add_cost (costs, KL_COST_TRAVEL, 1200000, 144000)->consultant_id = 1;
  add_cost (costs, KL_COST_VENUE, 2500000, 625000);
  add_cost (costs, KL_COST_CATERING, 1800000, 270000);
  add_cost (costs, KL_COST_PARTICIPANT_FEE, 3000000, 0)->persons = 1;
  claim = kl_claim_compute (scheme, costs, 40000000, KL_LANG_NB, NULL);

  g_assert_cmpuint (claim->lines->len, ==, 5);
  for (guint i = 0; i < claim->lines->len; i++)
    counted += line_at (claim, i)->counted_ore;
  g_assert_cmpint (claim->net_ore, ==, 50000000 + 1200000 + 2500000 + 1800000 + 3000000);
  g_assert_cmpint (claim->vat_ore, ==, 12500000 + 144000 + 625000 + 270000);
  g_assert_cmpint (claim->eligible_ore, ==, 45000000 + 1200000 + 3000000);
  g_assert_cmpint (claim->eligible_ore, ==, counted);
  g_assert_cmpint (claim->claim_ore, ==, 34440000);
  g_assert_cmpint (claim->payout_ore, ==, 34440000);
}

static void
test_no_costs (void)
{
  g_autoptr(KlSchemeVersion) scheme = scheme_new (1800000);
  g_autoptr(GPtrArray) costs = costs_new ();
  g_autoptr(KlClaim) claim = kl_claim_compute (scheme, costs, 100000, KL_LANG_NB, NULL);

  g_assert_cmpuint (claim->lines->len, ==, 0);
  g_assert_cmpint (claim->net_ore, ==, 0);
  g_assert_cmpint (claim->eligible_ore, ==, 0);
  g_assert_cmpint (claim->claim_ore, ==, 0);
  g_assert_cmpint (claim->payout_ore, ==, 0);
}

static void
test_rule_names (void)
{
  g_assert_cmpstr (kl_rule_to_string (KL_RULE_FEE_WITHIN_CAP), ==, "fee-within-cap");
  g_assert_cmpstr (kl_rule_to_string (KL_RULE_SPEAKER_EXPENSE), ==, "speaker-expense");
  g_assert_cmpstr (kl_rule_to_string (KL_RULE_EXPENSE_NOT_SPEAKER), ==, "expense-not-speaker");
  g_assert_cmpstr (kl_rule_to_string (KL_RULE_PERSON_FEE_WITHIN_CAP), ==, "person-fee-within-cap");
  g_assert_cmpstr (kl_rule_to_string (KL_RULE_PERSON_FEE_CAPPED), ==, "person-fee-capped");
  g_assert_cmpstr (kl_rule_to_string (KL_RULE_NOT_ELIGIBLE), ==, "not-eligible");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rules/worked-example", test_worked_example);
  g_test_add_func ("/rules/fee/within-cap", test_fee_within_cap);
  g_test_add_func ("/rules/fee/two-speakers-same-day", test_two_speakers_same_day);
  g_test_add_func ("/rules/fee/old-cap", test_old_fee_cap);
  g_test_add_func ("/rules/vat-never-counts", test_vat_never_counts);
  g_test_add_func ("/rules/grant-ceiling", test_grant_ceiling);
  g_test_add_func ("/rules/travel-and-accommodation", test_travel_and_accommodation);
  g_test_add_func ("/rules/participant-fee", test_participant_fee);
  g_test_add_func ("/rules/study-fee", test_study_fee);
  g_test_add_func ("/rules/not-eligible", test_not_eligible);
  g_test_add_func ("/rules/category-left-out", test_category_left_out);
  g_test_add_func ("/rules/claim-rounding", test_claim_rounding);
  g_test_add_func ("/rules/totals", test_totals);
  g_test_add_func ("/rules/no-costs", test_no_costs);
  g_test_add_func ("/rules/rule-names", test_rule_names);

  return g_test_run ();
}
