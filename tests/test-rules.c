/* The fund's arithmetic, without a database: the KS rules of 2024 and
 * the older 16 000 kr fee cap, built here by hand. */

#include <glib.h>
#include <string.h>

#include "kl-error.h"
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
  /* No persons given counts nothing (a stored line from before persons
   * were required): the fund caps per person, and one is not assumed. */
  add_cost (costs, KL_COST_PARTICIPANT_FEE, 4000000, 0);
  claim = kl_claim_compute (scheme, costs, KL_NO_AMOUNT, KL_LANG_NB, NULL);

  g_assert_cmpint (line_at (claim, 0)->rule, ==, KL_RULE_PERSON_FEE_CAPPED);
  g_assert_cmpint (line_at (claim, 0)->cap_ore, ==, 7000000);
  g_assert_cmpint (line_at (claim, 0)->counted_ore, ==, 7000000);
  g_assert_nonnull (strstr (line_at (claim, 0)->explanation, "35\302\240" "000,00\302\240kr"));
  g_assert_cmpint (line_at (claim, 1)->rule, ==, KL_RULE_PERSON_FEE_WITHIN_CAP);
  g_assert_cmpint (line_at (claim, 1)->counted_ore, ==, 6000000);
  g_assert_cmpint (line_at (claim, 2)->rule, ==, KL_RULE_NOT_ELIGIBLE);
  g_assert_cmpint (line_at (claim, 2)->counted_ore, ==, 0);
  g_assert_nonnull (strstr (line_at (claim, 2)->explanation, "persons is missing"));
  /* 2 x 35 000 = 70 000 of 80 000, and 60 000 within 70 000. */
  g_assert_cmpint (claim->eligible_ore, ==, 13000000);
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


/* A fee line for one consultant (by id) over the given days. */
static KlCostItem *
add_dated_fee (GPtrArray      *costs,
               KlCostCategory  category,
               gint64          consultant,
               gint64          net_ore,
               const char     *days)
{
  KlCostItem *item = add_cost (costs, category, net_ore, 0);

  item->consultant_id = consultant;
  item->consultant_name = g_strdup_printf ("Consultant %" G_GINT64_FORMAT, consultant);
  item->covered = g_strsplit (days, " ", -1);
  item->days = (int) g_strv_length (item->covered);
  return item;
}

/* Two invoices from one speaker for one day share one cap: 15 000 +
 * 15 000 kr count 18 000, not 30 000. */
static void
test_two_invoices_one_day (void)
{
  g_autoptr(KlSchemeVersion) scheme = scheme_new (1800000);
  g_autoptr(GPtrArray) costs = costs_new ();
  g_autoptr(KlClaim) claim = NULL;

  add_dated_fee (costs, KL_COST_SPEAKER_FEE, 7, 1500000, "2025-09-02");
  add_dated_fee (costs, KL_COST_SPEAKER_FEE, 7, 1500000, "2025-09-02");
  claim = kl_claim_compute (scheme, costs, KL_NO_AMOUNT, KL_LANG_EN, NULL);

  g_assert_cmpint (line_at (claim, 0)->counted_ore, ==, 1500000);
  g_assert_cmpint (line_at (claim, 0)->rule, ==, KL_RULE_FEE_WITHIN_CAP);
  g_assert_cmpint (line_at (claim, 1)->counted_ore, ==, 300000);
  g_assert_cmpint (line_at (claim, 1)->rule, ==, KL_RULE_FEE_CAPPED);
  g_assert_nonnull (strstr (line_at (claim, 1)->explanation, "shared with Consultant 7's other fee lines"));
  g_assert_nonnull (strstr (line_at (claim, 1)->explanation, "(NOK 12,000.00 over the cap does not count)"));
  g_assert_cmpint (claim->net_ore, ==, 3000000);
  g_assert_cmpint (claim->eligible_ore, ==, 1800000);
  /* 70 % of 18 000 = 12 600 kr */
  g_assert_cmpint (claim->claim_ore, ==, 1260000);
  g_assert_cmpuint (claim->warnings->len, ==, 0);
}

/* Two fee lines on 2 Sep under an 18 000 kr cap, and what counts of
 * each; 70 % of what counts is claimed. */
typedef struct
{
  KlCostCategory category[2];
  gint64 consultant[2];
  gint64 net_ore[2];
  gint64 counted_ore[2];
  gint64 eligible_ore;
} OneDayFees;

/* A speaker fee and a supervisor fee for the same person and day share
 * the cap too: 12 000 + 10 000 count 18 000. */
static const OneDayFees speaker_and_supervisor_one_person = {
  { KL_COST_SPEAKER_FEE, KL_COST_SUPERVISOR_FEE }, { 3, 3 }, { 1200000, 1000000 }, { 1200000, 600000 }, 1800000,
};

/* Two speakers on one day have a cap each, dated or not: 15 000 each
 * count 30 000. */
static const OneDayFees two_dated_speakers_one_day = {
  { KL_COST_SPEAKER_FEE, KL_COST_SPEAKER_FEE }, { 1, 2 }, { 1500000, 1500000 }, { 1500000, 1500000 }, 3000000,
};

static void
test_fees_one_day (gconstpointer data)
{
  const OneDayFees *fees = data;
  g_autoptr(KlSchemeVersion) scheme = scheme_new (1800000);
  g_autoptr(GPtrArray) costs = costs_new ();
  g_autoptr(KlClaim) claim = NULL;

  for (guint i = 0; i < 2; i++)
    add_dated_fee (costs, fees->category[i], fees->consultant[i], fees->net_ore[i], "2025-09-02");
  claim = kl_claim_compute (scheme, costs, KL_NO_AMOUNT, KL_LANG_NB, NULL);

  for (guint i = 0; i < 2; i++)
    g_assert_cmpint (line_at (claim, i)->counted_ore, ==, fees->counted_ore[i]);
  g_assert_cmpint (claim->eligible_ore, ==, fees->eligible_ore);
  g_assert_cmpint (claim->claim_ore, ==, fees->eligible_ore * 7 / 10);
}

/* KS's example with dates: 25 days at 20 000 kr, one line over all of
 * them, 500 000 kr: each day counts 18 000, so 450 000, of which 70 % is
 * 315 000. */
static void
test_worked_example_dated (void)
{
  g_autoptr(KlSchemeVersion) scheme = scheme_new (1800000);
  g_autoptr(GPtrArray) costs = costs_new ();
  g_autoptr(GString) days = g_string_new (NULL);
  g_autoptr(KlClaim) claim = NULL;

  for (int d = 1; d <= 25; d++)
    g_string_append_printf (days, "%s2025-10-%02d", d > 1 ? " " : "", d);
  add_dated_fee (costs, KL_COST_SUPERVISOR_FEE, 1, 50000000, days->str);
  claim = kl_claim_compute (scheme, costs, KL_NO_AMOUNT, KL_LANG_EN, NULL);

  g_assert_cmpint (line_at (claim, 0)->cap_ore, ==, 45000000);
  g_assert_cmpint (line_at (claim, 0)->counted_ore, ==, 45000000);
  g_assert_nonnull (strstr (line_at (claim, 0)->explanation, "25 days"));
  g_assert_cmpint (claim->eligible_ore, ==, 45000000);
  g_assert_cmpint (claim->claim_ore, ==, 31500000);
}

/* A line over two days spreads its amount evenly: 40 000 over 2 Sep and
 * 3 Sep is 20 000 a day, capped to 18 000 each; a second line of 5 000
 * on 3 Sep finds that day full. 36 000 in all. */
static void
test_line_over_days (void)
{
  g_autoptr(KlSchemeVersion) scheme = scheme_new (1800000);
  g_autoptr(GPtrArray) costs = costs_new ();
  g_autoptr(KlClaim) claim = NULL;

  add_dated_fee (costs, KL_COST_SPEAKER_FEE, 4, 4000000, "2025-09-02 2025-09-03");
  add_dated_fee (costs, KL_COST_SPEAKER_FEE, 4, 500000, "2025-09-03");
  add_dated_fee (costs, KL_COST_SPEAKER_FEE, 4, 500001, "2025-09-04");
  claim = kl_claim_compute (scheme, costs, KL_NO_AMOUNT, KL_LANG_NB, NULL);

  g_assert_cmpint (line_at (claim, 0)->counted_ore, ==, 3600000);
  g_assert_cmpint (line_at (claim, 1)->counted_ore, ==, 0);
  g_assert_cmpint (line_at (claim, 2)->counted_ore, ==, 500001);
  g_assert_cmpint (claim->eligible_ore, ==, 4100001);
  /* 70 % of 41 000,01 = 28 700,007 -> 28 700,01 */
  g_assert_cmpint (claim->claim_ore, ==, 2870001);
}

/* Lines without dates count their own days; when one consultant has
 * several, the claim says their days may overlap. */
static void
test_undated_lines_warn (void)
{
  g_autoptr(KlSchemeVersion) scheme = scheme_new (1800000);
  g_autoptr(GPtrArray) costs = costs_new ();
  g_autoptr(KlClaim) claim = NULL;
  KlCostItem *first = add_fee (costs, "Kari", 1, 1500000);

  add_fee (costs, "Kari", 1, 1500000)->consultant_id = first->consultant_id;
  add_fee (costs, "Ola", 1, 1500000);
  claim = kl_claim_compute (scheme, costs, KL_NO_AMOUNT, KL_LANG_EN, NULL);

  g_assert_cmpint (claim->eligible_ore, ==, 4500000);
  g_assert_cmpuint (claim->warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (claim->warnings, 0), "Kari has 2 fee lines"));
  g_assert_nonnull (strstr (g_ptr_array_index (claim->warnings, 0), "may overlap"));
}

/* 10 000 kr per participant and semester: 2 persons over 2 semesters
 * cap at 40 000; one person over 2 semesters keeps 15 000 in full, where
 * a cap for one semester would have cut it to 10 000. */
static void
test_study_fee_semesters (void)
{
  g_autoptr(KlSchemeVersion) scheme = scheme_new (1800000);
  g_autoptr(GPtrArray) costs = costs_new ();
  g_autoptr(KlClaim) claim = NULL;
  KlCostItem *item;

  item = add_cost (costs, KL_COST_STUDY_FEE, 4500000, 0);
  item->persons = 2;
  item->semesters = 2;
  item = add_cost (costs, KL_COST_STUDY_FEE, 1500000, 0);
  item->persons = 1;
  item->semesters = 2;
  claim = kl_claim_compute (scheme, costs, KL_NO_AMOUNT, KL_LANG_EN, NULL);

  g_assert_cmpint (line_at (claim, 0)->cap_ore, ==, 4000000);
  g_assert_cmpint (line_at (claim, 0)->counted_ore, ==, 4000000);
  g_assert_cmpint (line_at (claim, 0)->rule, ==, KL_RULE_PERSON_FEE_CAPPED);
  g_assert_nonnull (strstr (line_at (claim, 0)->explanation, "2 persons × 2 semesters"));
  g_assert_cmpint (line_at (claim, 1)->counted_ore, ==, 1500000);
  g_assert_cmpint (line_at (claim, 1)->rule, ==, KL_RULE_PERSON_FEE_WITHIN_CAP);
  g_assert_cmpint (claim->eligible_ore, ==, 5500000);
  g_assert_cmpint (claim->claim_ore, ==, 3850000);
}

/* Amounts beyond the bound are an error, not a wrong total; eleven lines
 * at the bound add up exactly. */
static void
test_bounds (void)
{
  g_autoptr(KlSchemeVersion) scheme = scheme_new (1800000);
  g_autoptr(GPtrArray) costs = costs_new ();
  g_autoptr(GPtrArray) huge = costs_new ();
  g_autoptr(KlClaim) claim = NULL;
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 11; i++)
    add_cost (costs, KL_COST_VENUE, KL_MONEY_MAX_ORE, KL_MONEY_MAX_ORE);
  claim = kl_claim_compute (scheme, costs, KL_NO_AMOUNT, KL_LANG_NB, &error);
  g_assert_no_error (error);
  g_assert_cmpint (claim->net_ore, ==, G_GINT64_CONSTANT (110000000000));
  g_assert_cmpint (claim->vat_ore, ==, G_GINT64_CONSTANT (110000000000));

  add_cost (huge, KL_COST_VENUE, G_MAXINT64 / 10, 0);
  g_assert_null (kl_claim_compute (scheme, huge, KL_NO_AMOUNT, KL_LANG_NB, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_AMOUNT);
}

/* For thousands of random cost sets: the claim is never above 70 % of
 * the net amounts, the payout never above the grant, and no consultant
 * counts above the cap on any day. Every dated fee line here covers one
 * day, so what a consultant counts on a day is the sum of their lines. */
static void
test_property_random_sets (void)
{
  g_autoptr(KlSchemeVersion) scheme = scheme_new (1800000);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261202);

  for (int round = 0; round < 3000; round++)
    {
      g_autoptr(GPtrArray) costs = costs_new ();
      g_autoptr(GHashTable) per_day = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_autoptr(KlClaim) claim = NULL;
      g_autoptr(GError) error = NULL;
      int n = g_rand_int_range (rand, 0, 12);
      gint64 granted = g_rand_boolean (rand) ? KL_NO_AMOUNT : g_rand_int_range (rand, 0, 5000000) * 10;
      GHashTableIter iter;
      gpointer value;

      for (int i = 0; i < n; i++)
        {
          KlCostCategory category = (KlCostCategory) g_rand_int_range (rand, 0, KL_COST_N_CATEGORIES);
          gint64 net = g_rand_int_range (rand, 0, 4000000) * (g_rand_boolean (rand) ? 1 : 100);
          KlCostItem *item;

          if (kl_cost_category_is_fee (category) && g_rand_boolean (rand))
            {
              g_autofree char *day = g_strdup_printf ("2025-09-%02d", g_rand_int_range (rand, 1, 4));

              add_dated_fee (costs, category, g_rand_int_range (rand, 1, 4), net, day);
              continue;
            }
          item = add_cost (costs, category, net, g_rand_int_range (rand, 0, 100000));
          item->consultant_id = g_rand_int_range (rand, 0, 4);
          item->days = g_rand_int_range (rand, 1, 4);
          item->persons = g_rand_int_range (rand, 0, 5);
          item->semesters = g_rand_int_range (rand, 1, 3);
        }
      claim = kl_claim_compute (scheme, costs, granted, KL_LANG_NB, &error);
      g_assert_no_error (error);

      g_assert_cmpint (claim->eligible_ore, <=, claim->net_ore);
      g_assert_cmpint (claim->claim_ore, <=, kl_money_percent (claim->net_ore, 700));
      if (granted != KL_NO_AMOUNT)
        g_assert_cmpint (claim->payout_ore, <=, granted);
      g_assert_cmpint (claim->payout_ore, <=, claim->claim_ore);
      for (guint i = 0; i < costs->len; i++)
        {
          KlCostItem *item = g_ptr_array_index (costs, i);
          const KlClaimLine *line = line_at (claim, i);
          gint64 *sum;
          char *key;

          g_assert_cmpint (line->counted_ore, >=, 0);
          g_assert_cmpint (line->counted_ore, <=, line->net_ore);
          if (item->covered == NULL)
            continue;
          key = g_strdup_printf ("%" G_GINT64_FORMAT "/%s", item->consultant_id, item->covered[0]);
          sum = g_hash_table_lookup (per_day, key);
          if (sum == NULL)
            {
              sum = g_new0 (gint64, 1);
              g_hash_table_insert (per_day, key, sum);
            }
          else
            g_free (key);
          *sum += line->counted_ore;
        }
      g_hash_table_iter_init (&iter, per_day);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_assert_cmpint (*(gint64 *) value, <=, scheme->fee_cap_ore);
    }
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
  g_test_add_func ("/rules/fee/two-invoices-one-day", test_two_invoices_one_day);
  g_test_add_data_func ("/rules/fee/speaker-and-supervisor-one-person", &speaker_and_supervisor_one_person,
                        test_fees_one_day);
  g_test_add_data_func ("/rules/fee/two-dated-speakers-one-day", &two_dated_speakers_one_day, test_fees_one_day);
  g_test_add_func ("/rules/fee/worked-example-dated", test_worked_example_dated);
  g_test_add_func ("/rules/fee/line-over-days", test_line_over_days);
  g_test_add_func ("/rules/fee/undated-lines-warn", test_undated_lines_warn);
  g_test_add_func ("/rules/study-fee-semesters", test_study_fee_semesters);
  g_test_add_func ("/rules/bounds", test_bounds);
  g_test_add_func ("/rules/property/random-sets", test_property_random_sets);
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
