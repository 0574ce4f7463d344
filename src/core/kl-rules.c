#include "config.h"

#include "kl-error.h"
#include "kl-i18n.h"
#include "kl-rules.h"

/* Why the fund never counts a category, "Not eligible: venue hire", in
 * the language of the messages; NULL for one it counts, or may. */
const char *
kl_rule_not_eligible_reason (KlCostCategory category)
{
  switch (category)
    {
    case KL_COST_VENUE:
      return _("Not eligible: venue hire");
    case KL_COST_CATERING:
      return _("Not eligible: food and lodging for participants");
    case KL_COST_MATERIALS:
      return _("Not eligible: materials, mapping, reports and tests");
    case KL_COST_OTHER:
      return _("Not eligible: other costs (salaries, travel time, evaluation, …)");
    case KL_COST_SPEAKER_FEE:
    case KL_COST_SUPERVISOR_FEE:
    case KL_COST_TRAVEL:
    case KL_COST_ACCOMMODATION:
    case KL_COST_PARTICIPANT_FEE:
    case KL_COST_STUDY_FEE:
    case KL_COST_N_CATEGORIES:
    default:
      return NULL;
    }
}

const char *
kl_rule_to_string (KlRule rule)
{
  switch (rule)
    {
    case KL_RULE_FEE_WITHIN_CAP:        return "fee-within-cap";
    case KL_RULE_FEE_CAPPED:            return "fee-capped";
    case KL_RULE_SPEAKER_EXPENSE:       return "speaker-expense";
    case KL_RULE_EXPENSE_NOT_SPEAKER:   return "expense-not-speaker";
    case KL_RULE_PERSON_FEE_WITHIN_CAP: return "person-fee-within-cap";
    case KL_RULE_PERSON_FEE_CAPPED:     return "person-fee-capped";
    case KL_RULE_NOT_ELIGIBLE:          return "not-eligible";
    default:                            g_return_val_if_reached ("unknown");
    }
}

KlSchemeVersion *
kl_scheme_version_new (void)
{
  return g_new0 (KlSchemeVersion, 1);
}

void
kl_scheme_version_free (KlSchemeVersion *self)
{
  if (self == NULL)
    return;
  g_free (self->scheme);
  g_free (self->name);
  g_free (self->valid_from);
  g_free (self->valid_to);
  g_free (self);
}

KlSchemeVersion *
kl_scheme_version_copy (const KlSchemeVersion *self)
{
  KlSchemeVersion *copy = g_memdup2 (self, sizeof *self);

  copy->scheme = g_strdup (self->scheme);
  copy->name = g_strdup (self->name);
  copy->valid_from = g_strdup (self->valid_from);
  copy->valid_to = g_strdup (self->valid_to);
  return copy;
}

static void
claim_line_free (KlClaimLine *line)
{
  g_free (line->who);
  g_free (line->explanation);
  g_free (line);
}

void
kl_claim_free (KlClaim *self)
{
  if (self == NULL)
    return;
  kl_scheme_version_free (self->scheme);
  g_ptr_array_unref (self->lines);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_free (self);
}

static gboolean
is_eligible (const KlSchemeVersion *scheme,
             KlCostCategory         category)
{
  return (scheme->eligible & (1u << category)) != 0;
}

/* Counts at most the line's cap, and says which it was. */
static void
apply_cap (KlClaimLine *line,
           gint64       cap,
           KlRule       within,
           KlRule       capped)
{
  line->cap_ore = cap;
  if (line->net_ore <= cap)
    {
      line->counted_ore = line->net_ore;
      line->rule = within;
    }
  else
    {
      line->counted_ore = cap;
      line->rule = capped;
    }
}

static gboolean
has_days (const KlCostItem *item)
{
  return item->covered != NULL && item->covered[0] != NULL;
}

static char *
day_key (gint64      consultant,
         const char *day)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "/%s", consultant, day);
}

/* A dated fee line spreads its amount evenly over the days it covers (the
 * odd øre on the first days) and counts, on each day, what its consultant
 * still has under the day's cap; left maps "consultant/day" to that. Lines
 * earlier in the list fill a day first; the total for a person and day is
 * the same in any order. */
static void
apply_day_caps (GHashTable       *left_per_day,
                gint64            cap,
                const KlCostItem *item,
                gint64            consultant,
                KlClaimLine      *line,
                gboolean         *shared)
{
  guint n = g_strv_length (item->covered);
  gint64 base = item->net_ore / n;
  gint64 odd = item->net_ore % n;

  *shared = FALSE;
  line->counted_ore = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = day_key (consultant, item->covered[i]);
      gint64 share = base + ((gint64) i < odd ? 1 : 0);
      gint64 *left = g_hash_table_lookup (left_per_day, key);
      gint64 take;

      if (left == NULL)
        {
          left = g_new (gint64, 1);
          *left = cap;
          g_hash_table_insert (left_per_day, g_steal_pointer (&key), left);
        }
      else
        *shared = TRUE;
      take = MIN (share, *left);
      line->counted_ore += take;
      *left -= take;
    }
  line->rule = line->counted_ore == line->net_ore ? KL_RULE_FEE_WITHIN_CAP : KL_RULE_FEE_CAPPED;
}

static char *
explain (const KlClaimLine     *line,
         const KlCostItem      *item,
         const KlSchemeVersion *scheme,
         gboolean               shared,
         KlLang                 lang)
{
  g_autofree char *counted = kl_money_format (line->counted_ore, lang);
  g_autofree char *vat = kl_money_format (line->vat_ore, lang);
  g_autofree char *cap = kl_money_format (kl_cost_category_is_fee (line->category) ? scheme->fee_cap_ore
                                          : line->category == KL_COST_STUDY_FEE ? scheme->study_fee_cap_ore
                                          : scheme->participant_fee_cap_ore, lang);
  g_autofree char *text = NULL;
  const char *reason;
  int days = has_days (item) ? (int) g_strv_length (item->covered) : item->days;
  int persons = item->persons;

  switch (line->rule)
    {
    case KL_RULE_FEE_WITHIN_CAP:
      text = g_strdup_printf (kl_ngettext ("Fee within the cap of %s per person and day for %d day",
                                           "Fee within the cap of %s per person and day for %d days", days),
                              cap, days);
      break;
    case KL_RULE_FEE_CAPPED:
      if (shared)
        text = g_strdup_printf (kl_ngettext ("Fee capped at %s per person and day for %d day, "
                                             "shared with %s's other fee lines on the same day: counts %s",
                                             "Fee capped at %s per person and day for %d days, "
                                             "shared with %s's other fee lines on the same days: counts %s", days),
                                cap, days, line->who ? line->who : "?", counted);
      else
        text = g_strdup_printf (kl_ngettext ("Fee capped at %s per person and day × %d day = %s",
                                             "Fee capped at %s per person and day × %d days = %s", days),
                                cap, days, counted);
      break;
    case KL_RULE_SPEAKER_EXPENSE:
      text = g_strdup (_("Actual travel or accommodation of a speaker or supervisor counts in full"));
      break;
    case KL_RULE_EXPENSE_NOT_SPEAKER:
      text = g_strdup (_("Not eligible: only the travel and accommodation of speakers and supervisors count "
                         "(name the consultant or speaker)"));
      break;
    case KL_RULE_PERSON_FEE_WITHIN_CAP:
    case KL_RULE_PERSON_FEE_CAPPED:
      if (line->category == KL_COST_STUDY_FEE)
        {
          g_autofree char *people = g_strdup_printf (kl_ngettext ("%d person", "%d persons", persons), persons);
          int semesters = MAX (1, item->semesters);
          g_autofree char *terms = g_strdup_printf (kl_ngettext ("%d semester", "%d semesters", semesters),
                                                    semesters);
          /* Translators: "2 persons × 2 semesters" */
          g_autofree char *units = g_strdup_printf (_("%s × %s"), people, terms);

          text = line->rule == KL_RULE_PERSON_FEE_WITHIN_CAP
            ? g_strdup_printf (_("Within the cap of %s per participant and semester for %s"), cap, units)
            : g_strdup_printf (_("Capped at %s per participant and semester × %s = %s"), cap, units, counted);
        }
      else if (line->rule == KL_RULE_PERSON_FEE_WITHIN_CAP)
        text = g_strdup_printf (kl_ngettext ("Within the cap of %s per person for %d person",
                                             "Within the cap of %s per person for %d persons", persons),
                                cap, persons);
      else
        text = g_strdup_printf (kl_ngettext ("Capped at %s per person × %d person = %s",
                                             "Capped at %s per person × %d persons = %s", persons),
                                cap, persons, counted);
      break;
    case KL_RULE_NOT_ELIGIBLE:
      if ((reason = kl_rule_not_eligible_reason (line->category)) != NULL)
        text = g_strdup (reason);
      else if (kl_cost_category_is_per_person (line->category) && persons <= 0)
        text = g_strdup (_("Not counted: the number of persons is missing (the fund caps it per person)"));
      else
        text = g_strdup_printf (_("Not eligible under %s"), scheme->name);
      break;
    default:
      g_assert_not_reached ();
    }

  /* Every cut says by how much. */
  if (line->rule == KL_RULE_FEE_CAPPED || line->rule == KL_RULE_PERSON_FEE_CAPPED)
    {
      g_autofree char *cut = kl_money_format (line->net_ore - line->counted_ore, lang);
      g_autofree char *with_cut = g_strdup_printf (_("%s (%s over the cap does not count)"), text, cut);

      g_free (text);
      text = g_steal_pointer (&with_cut);
    }
  if (line->vat_ore > 0)
    return g_strdup_printf (_("%s; VAT %s is never reimbursed"), text, vat);
  return g_steal_pointer (&text);
}

/* One warning per consultant with several fee lines of which some have
 * no days: the fund caps per person and day, and without dates Kartleser
 * cannot tell whether their days overlap. */
static void
warn_undated_fees (KlClaim   *claim,
                   GPtrArray *costs)
{
  g_autoptr(GHashTable) lines = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) undated = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < costs->len; i++)
    {
      KlCostItem *item = g_ptr_array_index (costs, i);

      if (!kl_cost_category_is_fee (item->category) || item->consultant_id <= 0)
        continue;
      g_hash_table_insert (lines, &item->consultant_id,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (lines, &item->consultant_id)) + 1));
      if (!has_days (item) && !g_hash_table_contains (undated, &item->consultant_id))
        g_hash_table_insert (undated, &item->consultant_id, item);
    }
  for (guint i = 0; i < costs->len; i++)
    {
      KlCostItem *item = g_ptr_array_index (costs, i);
      guint n;

      if (g_hash_table_lookup (undated, &item->consultant_id) != item)
        continue;
      n = GPOINTER_TO_UINT (g_hash_table_lookup (lines, &item->consultant_id));
      if (n > 1)
        g_ptr_array_add (claim->warnings,
                         g_strdup_printf (_("%s has %u fee lines, and not all of them say which sessions or dates "
                                            "they cover: their days may overlap, and the fund caps a fee per "
                                            "person and day. Give each line its sessions or dates."),
                                          item->consultant_name ? item->consultant_name : "?", n));
    }
}

/* The fund's arithmetic, all in øre and checked for overflow: VAT never
 * counts; a fee counts at most the cap per person and day, shared by all
 * fee lines of one consultant on one day (a line without dates counts its
 * own days); speakers' travel and accommodation count in full;
 * participant fees up to their cap per person, study fees per person and
 * semester; the rest counts nothing. The claim is the rate of the basis,
 * half up to the øre, and the payout never exceeds a recorded grant. */
KlClaim *
kl_claim_compute (const KlSchemeVersion  *scheme,
                  GPtrArray              *costs,
                  gint64                  granted_ore,
                  KlLang                  lang,
                  GError                **error)
{
  g_autoptr(KlClaim) claim = NULL;
  g_autoptr(GHashTable) left_per_day = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_return_val_if_fail (scheme != NULL, NULL);
  g_return_val_if_fail (costs != NULL, NULL);

  claim = g_new0 (KlClaim, 1);
  claim->scheme = kl_scheme_version_copy (scheme);
  claim->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) claim_line_free);
  claim->warnings = g_ptr_array_new_with_free_func (g_free);
  claim->granted_ore = granted_ore;

  for (guint i = 0; i < costs->len; i++)
    {
      const KlCostItem *item = g_ptr_array_index (costs, i);
      KlClaimLine *line = g_new0 (KlClaimLine, 1);
      gboolean shared = FALSE;
      gint64 cap;

      g_ptr_array_add (claim->lines, line);
      line->cost_id = item->id;
      line->category = item->category;
      line->who = g_strdup (item->consultant_name);
      line->net_ore = item->net_ore;
      line->vat_ore = item->vat_ore;
      line->cap_ore = KL_NO_AMOUNT;
      line->rule = KL_RULE_NOT_ELIGIBLE;
      if (item->net_ore < 0 || item->net_ore > KL_MONEY_MAX_ORE
          || item->vat_ore < 0 || item->vat_ore > KL_MONEY_MAX_ORE)
        {
          g_set_error (error, KL_ERROR, KL_ERROR_INVALID_AMOUNT,
                       _("Cost item %lld: its amount is out of bounds"), (long long) item->id);
          return NULL;
        }

      if (is_eligible (scheme, item->category))
        switch (item->category)
          {
          case KL_COST_SPEAKER_FEE:
          case KL_COST_SUPERVISOR_FEE:
            if (has_days (item))
              {
                /* A line with no consultant (from before fees had to name
                 * one) is a person of its own. */
                gint64 who = item->consultant_id > 0 ? item->consultant_id : -(gint64) i - 1;

                if (!kl_money_times (scheme->fee_cap_ore, g_strv_length (item->covered), &line->cap_ore, error))
                  return NULL;
                apply_day_caps (left_per_day, scheme->fee_cap_ore, item, who, line, &shared);
              }
            else
              {
                if (!kl_money_times (scheme->fee_cap_ore, item->days, &cap, error))
                  return NULL;
                apply_cap (line, cap, KL_RULE_FEE_WITHIN_CAP, KL_RULE_FEE_CAPPED);
              }
            break;
          case KL_COST_TRAVEL:
          case KL_COST_ACCOMMODATION:
            if (item->consultant_id > 0)
              {
                line->counted_ore = item->net_ore;
                line->rule = KL_RULE_SPEAKER_EXPENSE;
              }
            else
              line->rule = KL_RULE_EXPENSE_NOT_SPEAKER;
            break;
          case KL_COST_PARTICIPANT_FEE:
            if (item->persons <= 0)
              break;
            if (!kl_money_times (scheme->participant_fee_cap_ore, item->persons, &cap, error))
              return NULL;
            apply_cap (line, cap, KL_RULE_PERSON_FEE_WITHIN_CAP, KL_RULE_PERSON_FEE_CAPPED);
            break;
          case KL_COST_STUDY_FEE:
            if (item->persons <= 0)
              break;
            if (!kl_money_times (scheme->study_fee_cap_ore, item->persons, &cap, error)
                || !kl_money_times (cap, MAX (1, item->semesters), &cap, error))
              return NULL;
            apply_cap (line, cap, KL_RULE_PERSON_FEE_WITHIN_CAP, KL_RULE_PERSON_FEE_CAPPED);
            break;
          case KL_COST_VENUE:
          case KL_COST_CATERING:
          case KL_COST_MATERIALS:
          case KL_COST_OTHER:
          case KL_COST_N_CATEGORIES:
          default:
            break;   /* eligible by a scheme's data, but no rule counts it */
          }

      line->explanation = explain (line, item, scheme, shared, lang);
      if (!kl_money_add (&claim->net_ore, line->net_ore, error)
          || !kl_money_add (&claim->vat_ore, line->vat_ore, error)
          || !kl_money_add (&claim->eligible_ore, line->counted_ore, error))
        return NULL;
    }
  warn_undated_fees (claim, costs);

  claim->claim_ore = kl_money_percent (claim->eligible_ore, scheme->rate_permille);
  claim->payout_ore = granted_ore != KL_NO_AMOUNT ? MIN (claim->claim_ore, granted_ore)
                                                  : claim->claim_ore;
  return g_steal_pointer (&claim);
}
