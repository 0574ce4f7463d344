#include "config.h"

#include "kl-cli-private.h"
#include "kl-error.h"
#include "kl-i18n.h"
#include "kl-store.h"
#include "kl-validate.h"

/* A programme's funding case, and the claim as the fund's rules count it
 * (the steps are in kl-cli-funding-steps.c). */

void
kl_cli_describe_case (KlCliRecord   *record,
                      gconstpointer  item)
{
  const KlFundingCase *f = item;
  g_autofree char *applied = kl_cli_money (record->cli, f->applied_ore);
  g_autofree char *granted = kl_cli_money (record->cli, f->granted_ore);
  g_autofree char *paid = kl_cli_money (record->cli, f->paid_ore);

  kl_cli_record_int (record, "id", NULL, f->id);
  kl_cli_record_int (record, "programme_id", NULL, f->programme_id);
  kl_cli_record_text (record, "scheme", NULL, f->scheme);
  kl_cli_record_text (record, "status", NULL, f->status);
  kl_cli_record_print (record, _("Funding case %lld for programme %lld: %s\n"),
                       (long long) f->id, (long long) f->programme_id,
                       kl_label (KL_LABELS_FUNDING_STATUS, f->status));
  kl_cli_record_text (record, "applied_date", NULL, f->applied_date);
  kl_cli_record_amount (record, "applied_ore", NULL, f->applied_ore);
  kl_cli_record_print (record, _("  Applied:  %s  %s\n"), kl_cli_or_dash (f->applied_date), applied);
  kl_cli_record_text (record, "case_no", NULL, f->case_no);
  kl_cli_record_amount (record, "granted_ore", NULL, f->granted_ore);
  kl_cli_record_text (record, "grant_date", NULL, f->grant_date);
  kl_cli_record_text (record, "expiry_date", NULL, f->expiry_date);
  kl_cli_record_print (record, _("  Granted:  %s  %s  case %s, expires %s\n"), kl_cli_or_dash (f->grant_date),
                       granted, kl_cli_or_dash (f->case_no), kl_cli_or_dash (f->expiry_date));
  kl_cli_record_dash (record, "payout_date", _("  Payout requested: %s\n"), f->payout_date);
  kl_cli_record_amount (record, "paid_ore", NULL, f->paid_ore);
  kl_cli_record_text (record, "paid_date", NULL, f->paid_date);
  kl_cli_record_print (record, _("  Paid:     %s  %s\n"), kl_cli_or_dash (f->paid_date), paid);
}

static int
cmd_funding_show (KlCli  *cli,
                  int     argc,
                  char  **argv)
{
  gint64 programme_id = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(KlFundingCase) funding = NULL;
  int status = 0;

  if (!kl_cli_parse_programme (cli, "funding show", &argc, &argv, &programme_id, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL
      || (funding = kl_store_get_funding_case (cli->db, programme_id, KL_DEFAULT_SCHEME, &error)) == NULL)
    return kl_cli_fail (error);
  kl_cli_print_record (cli, kl_cli_describe_case, funding, NULL);
  return 0;
}

static void
describe_claim_line (KlCliRecord   *record,
                     gconstpointer  item)
{
  const KlClaimLine *line = item;
  g_autofree char *net = kl_cli_money (record->cli, line->net_ore);
  g_autofree char *counted = kl_cli_money (record->cli, line->counted_ore);
  g_autofree char *category = kl_cli_label_column (KL_LABELS_COST_CATEGORY, kl_cost_categories[line->category], 15);

  kl_cli_record_int (record, "cost_id", NULL, line->cost_id);
  kl_cli_record_text (record, "category", NULL, kl_cost_categories[line->category]);
  kl_cli_record_text (record, "who", NULL, line->who);
  kl_cli_record_int (record, "net_ore", NULL, line->net_ore);
  kl_cli_record_int (record, "vat_ore", NULL, line->vat_ore);
  kl_cli_record_amount (record, "cap_ore", NULL, line->cap_ore);
  kl_cli_record_int (record, "counted_ore", NULL, line->counted_ore);
  kl_cli_record_text (record, "rule", NULL, kl_rule_to_string (line->rule));
  kl_cli_record_text (record, "explanation", NULL, line->explanation);
  kl_cli_record_print (record, "%6" G_GINT64_FORMAT "  %s %-24s %18s → %18s\n        %s\n", line->cost_id,
                       category, line->who ? line->who : "", net, counted,
                       line->explanation);
}

/* The claim's figures; the text is its lines and totals. */
static void
describe_claim (KlCliRecord   *record,
                gconstpointer  item)
{
  const KlClaim *claim = item;

  kl_cli_record_text (record, "scheme", NULL, claim->scheme->scheme);
  kl_cli_record_text (record, "scheme_version", NULL, claim->scheme->name);
  kl_cli_record_int (record, "rate_permille", NULL, claim->scheme->rate_permille);
  kl_cli_record_int (record, "fee_cap_ore", NULL, claim->scheme->fee_cap_ore);
  kl_cli_record_int (record, "net_ore", NULL, claim->net_ore);
  kl_cli_record_int (record, "vat_ore", NULL, claim->vat_ore);
  kl_cli_record_int (record, "eligible_ore", NULL, claim->eligible_ore);
  kl_cli_record_int (record, "claim_ore", NULL, claim->claim_ore);
  kl_cli_record_amount (record, "granted_ore", NULL, claim->granted_ore);
  kl_cli_record_int (record, "payout_ore", NULL, claim->payout_ore);
  kl_cli_record_list (record, "lines", describe_claim_line, claim->lines);
  kl_cli_record_strings (record, "warnings", _("  Note: %s\n"), claim->warnings);
  if (record->text)
    {
      g_autofree char *net = kl_cli_money (record->cli, claim->net_ore);
      g_autofree char *vat = kl_cli_money (record->cli, claim->vat_ore);

      kl_cli_record_print (record, _("Costs (net):     %18s  (VAT %s, never reimbursed)\n"), net, vat);
    }
  kl_cli_record_amount (record, NULL, _("Eligible basis:  %18s\n"), claim->eligible_ore);
  if (record->text)
    {
      g_autofree char *amount = kl_cli_money (record->cli, claim->claim_ore);

      kl_cli_record_print (record, _("Claim (%d %%):    %18s\n"), claim->scheme->rate_permille / 10, amount);
    }
}

/* "funding compute": the actual claim, with the budget's beside it. */
typedef struct
{
  gint64 programme_id;
  KlClaim *claim;
  KlClaim *budget;
} Computation;

static void
describe_computation (KlCliRecord   *record,
                      gconstpointer  item)
{
  const Computation *c = item;

  kl_cli_record_int (record, "programme_id", NULL, c->programme_id);
  kl_cli_record_print (record, _("Rules: %s\n\n"), c->claim->scheme->name);
  if (c->budget->lines->len > 0)
    {
      kl_cli_record_print (record, "%s\n", _("Budget (for the application):"));
      kl_cli_record_lines (record, describe_claim, c->budget);
      kl_cli_record_print (record, "\n");
    }
  kl_cli_record_print (record, "%s\n", _("Actual costs (invoices, for the payout request):"));
  describe_claim (record, c->claim);
  kl_cli_record_amount (record, NULL, _("Granted:         %18s\n"), c->claim->granted_ore);
  kl_cli_record_amount (record, NULL, _("Payout:          %18s\n"), c->claim->payout_ore);
  kl_cli_record_object (record, "budget", describe_claim, c->budget);
}

/* The actual lines (invoices) at the top level, as the payout request
 * counts them; the budget lines beside them, as the application does. */
static int
cmd_funding_compute (KlCli  *cli,
                     int     argc,
                     char  **argv)
{
  gint64 programme_id = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(KlClaim) claim = NULL;
  g_autoptr(KlClaim) budget = NULL;
  int status = 0;

  if (!kl_cli_parse_programme (cli, "funding compute", &argc, &argv, &programme_id, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL
      || (claim = kl_store_compute_claim (cli->db, programme_id, KL_CLAIM_ACTUALS, &error)) == NULL
      || (budget = kl_store_compute_claim (cli->db, programme_id, KL_CLAIM_BUDGET, &error)) == NULL)
    return kl_cli_fail (error);
  kl_cli_print_record (cli, describe_computation, &(Computation) { programme_id, claim, budget }, NULL);
  return 0;
}

const KlCommand kl_cli_funding_commands[] = {
  { "funding", "show", cmd_funding_show, N_("Show a programme's funding case") },
  { "funding", "compute", cmd_funding_compute, N_("Compute the claim, line by line: budget and actual costs") },
  { NULL }
};
