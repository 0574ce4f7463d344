#include "config.h"

#include "kl-i18n.h"
#include "kl-rules.h"

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
  g_free (self);
}

static gboolean
is_eligible (const KlSchemeVersion *scheme,
             KlCostCategory         category)
{
  return (scheme->eligible & (1u << category)) != 0;
}

/* Counts at most units x cap, and says which it was. */
static void
apply_cap (KlClaimLine *line,
           gint64       cap_per_unit,
           int          units,
           KlRule       within,
           KlRule       capped)
{
  line->cap_ore = cap_per_unit * units;
  if (line->net_ore <= line->cap_ore)
    {
      line->counted_ore = line->net_ore;
      line->rule = within;
    }
  else
    {
      line->counted_ore = line->cap_ore;
      line->rule = capped;
    }
}

static char *
explain (const KlClaimLine     *line,
         const KlSchemeVersion *scheme,
         int                    units,
         KlLang                 lang)
{
  g_autofree char *cap = kl_money_format (line->rule == KL_RULE_FEE_WITHIN_CAP
                                          || line->rule == KL_RULE_FEE_CAPPED
                                          ? scheme->fee_cap_ore
                                          : line->category == KL_COST_STUDY_FEE
                                          ? scheme->study_fee_cap_ore
                                          : scheme->participant_fee_cap_ore, lang);
  g_autofree char *counted = kl_money_format (line->counted_ore, lang);
  g_autofree char *vat = kl_money_format (line->vat_ore, lang);
  g_autofree char *text = NULL;

  switch (line->rule)
    {
    case KL_RULE_FEE_WITHIN_CAP:
      text = g_strdup_printf (kl_ngettext ("Fee within the cap of %s per day for %d day",
                                           "Fee within the cap of %s per day for %d days", units),
                              cap, units);
      break;
    case KL_RULE_FEE_CAPPED:
      text = g_strdup_printf (kl_ngettext ("Fee capped at %s per day × %d day = %s",
                                           "Fee capped at %s per day × %d days = %s", units),
                              cap, units, counted);
      break;
    case KL_RULE_SPEAKER_EXPENSE:
      text = g_strdup (_("Actual travel or accommodation of a speaker or supervisor counts in full"));
      break;
    case KL_RULE_EXPENSE_NOT_SPEAKER:
      text = g_strdup (_("Not eligible: only the travel and accommodation of speakers and supervisors count "
                         "(name the consultant or speaker)"));
      break;
    case KL_RULE_PERSON_FEE_WITHIN_CAP:
      text = g_strdup_printf (kl_ngettext ("Within the cap of %s per person for %d person",
                                           "Within the cap of %s per person for %d persons", units),
                              cap, units);
      break;
    case KL_RULE_PERSON_FEE_CAPPED:
      text = g_strdup_printf (kl_ngettext ("Capped at %s per person × %d person = %s",
                                           "Capped at %s per person × %d persons = %s", units),
                              cap, units, counted);
      break;
    case KL_RULE_NOT_ELIGIBLE:
      switch (line->category)
        {
        case KL_COST_VENUE:
          text = g_strdup (_("Not eligible: venue hire"));
          break;
        case KL_COST_CATERING:
          text = g_strdup (_("Not eligible: food and lodging for participants"));
          break;
        case KL_COST_MATERIALS:
          text = g_strdup (_("Not eligible: materials, mapping, reports and tests"));
          break;
        case KL_COST_OTHER:
          text = g_strdup (_("Not eligible: other costs (salaries, travel time, evaluation, …)"));
          break;
        case KL_COST_SPEAKER_FEE:
        case KL_COST_SUPERVISOR_FEE:
        case KL_COST_TRAVEL:
        case KL_COST_ACCOMMODATION:
        case KL_COST_PARTICIPANT_FEE:
        case KL_COST_STUDY_FEE:
        case KL_COST_N_CATEGORIES:
        default:
          text = g_strdup_printf (_("Not eligible under %s"), scheme->name);
          break;
        }
      break;
    default:
      g_assert_not_reached ();
    }

  if (line->vat_ore > 0)
    return g_strdup_printf (_("%s; VAT %s is never reimbursed"), text, vat);
  return g_steal_pointer (&text);
}

/* The fund's arithmetic, all in øre: VAT never counts; a fee line counts at
 * most days x the cap (the cap is per person per day, so each speaker's
 * line has its own); speakers' travel and accommodation count in full;
 * participant and study fees up to their caps per person; the rest counts
 * nothing. The claim is the rate of the basis, half up to the øre, and
 * the payout never exceeds a recorded grant. */
KlClaim *
kl_claim_compute (const KlSchemeVersion *scheme,
                  GPtrArray             *costs,
                  gint64                 granted_ore,
                  KlLang                 lang)
{
  KlClaim *claim;

  g_return_val_if_fail (scheme != NULL, NULL);
  g_return_val_if_fail (costs != NULL, NULL);

  claim = g_new0 (KlClaim, 1);
  claim->scheme = kl_scheme_version_copy (scheme);
  claim->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) claim_line_free);
  claim->granted_ore = granted_ore;

  for (guint i = 0; i < costs->len; i++)
    {
      const KlCostItem *item = g_ptr_array_index (costs, i);
      KlClaimLine *line = g_new0 (KlClaimLine, 1);
      int units = 0;

      line->cost_id = item->id;
      line->category = item->category;
      line->who = g_strdup (item->consultant_name);
      line->net_ore = item->net_ore;
      line->vat_ore = item->vat_ore;
      line->cap_ore = KL_NO_AMOUNT;
      line->rule = KL_RULE_NOT_ELIGIBLE;

      if (is_eligible (scheme, item->category))
        switch (item->category)
          {
          case KL_COST_SPEAKER_FEE:
          case KL_COST_SUPERVISOR_FEE:
            units = item->days;
            apply_cap (line, scheme->fee_cap_ore, units,
                       KL_RULE_FEE_WITHIN_CAP, KL_RULE_FEE_CAPPED);
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
            units = MAX (1, item->persons);
            apply_cap (line, scheme->participant_fee_cap_ore, units,
                       KL_RULE_PERSON_FEE_WITHIN_CAP, KL_RULE_PERSON_FEE_CAPPED);
            break;
          case KL_COST_STUDY_FEE:
            units = MAX (1, item->persons);
            apply_cap (line, scheme->study_fee_cap_ore, units,
                       KL_RULE_PERSON_FEE_WITHIN_CAP, KL_RULE_PERSON_FEE_CAPPED);
            break;
          case KL_COST_VENUE:
          case KL_COST_CATERING:
          case KL_COST_MATERIALS:
          case KL_COST_OTHER:
          case KL_COST_N_CATEGORIES:
          default:
            break;   /* eligible by a scheme's data, but no rule counts it */
          }

      line->explanation = explain (line, scheme, units, lang);
      claim->net_ore += line->net_ore;
      claim->vat_ore += line->vat_ore;
      claim->eligible_ore += line->counted_ore;
      g_ptr_array_add (claim->lines, line);
    }

  claim->claim_ore = kl_money_percent (claim->eligible_ore, scheme->rate_permille);
  claim->payout_ore = granted_ore != KL_NO_AMOUNT ? MIN (claim->claim_ore, granted_ore)
                                                  : claim->claim_ore;
  return claim;
}
