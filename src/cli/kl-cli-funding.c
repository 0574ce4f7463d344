#include "config.h"

#include "kl-cli-private.h"
#include "kl-error.h"
#include "kl-fund-seal.h"
#include "kl-i18n.h"
#include "kl-store.h"
#include "kl-validate.h"

/* The funding case's steps, and the claim as the fund's rules count it. */

static KlFundingCase *
load_or_new_case (KlDb    *db,
                  gint64   programme_id,
                  GError **error)
{
  g_autoptr(GError) local = NULL;
  KlFundingCase *funding = kl_store_get_funding_case (db, programme_id, KL_DEFAULT_SCHEME, &local);

  if (funding != NULL)
    return funding;
  if (!g_error_matches (local, KL_ERROR, KL_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  funding = kl_funding_case_new ();
  funding->programme_id = programme_id;
  funding->scheme = g_strdup (KL_DEFAULT_SCHEME);
  funding->status = g_strdup ("draft");
  return funding;
}

static void
describe_case (KlCliRecord   *record,
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

/* Every funding step: load the case, change it, check it, save it in one
 * transaction. What deserves a word goes to stderr; a payment above the
 * grant needs --force. */
static int
save_case_step (KlCli          *cli,
                KlFundingCase  *funding,
                gboolean        compute_applied,
                gboolean        force)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlTransaction) tx = kl_db_begin (cli->db, &error);
  g_autoptr(KlFundingCase) stored = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *note = NULL;

  if (tx == NULL)
    return kl_cli_fail (error);
  if (!kl_store_check_funding_step (cli->db, funding, force, warnings, &error))
    {
      if (!g_error_matches (error, KL_ERROR, KL_ERROR_UNCONFIRMED))
        return kl_cli_fail (error);
      g_printerr (_("kartleser-cli: %s (record it anyway with --force)\n"), error->message);
      return KL_CLI_EXIT_FAILED;
    }
  /* What the step changes from: sending a document seals it. */
  stored = kl_store_get_funding_case (cli->db, funding->programme_id, KL_DEFAULT_SCHEME, NULL);
  if (!kl_store_save_funding_case (cli->db, funding, &error))
    return kl_cli_fail (error);
  if (compute_applied)
    {
      g_autoptr(KlClaim) claim = kl_store_compute_claim (cli->db, funding->programme_id, KL_CLAIM_APPLICATION, &error);

      if (claim == NULL)
        return kl_cli_fail (error);
      funding->applied_ore = claim->claim_ore;
      if (!kl_store_save_funding_case (cli->db, funding, &error))
        return kl_cli_fail (error);
    }
  if (!kl_fund_seal_step (cli->db, funding, stored ? stored->status : "draft", KL_LANG_NB, &note, &error)
      || !kl_transaction_commit (tx, &error))
    return kl_cli_fail (error);
  for (guint i = 0; i < warnings->len; i++)
    g_printerr (_("warning: %s\n"), (const char *) g_ptr_array_index (warnings, i));
  if (note != NULL)
    g_printerr ("%s\n", note);
  kl_cli_print_record (cli, describe_case, funding, NULL);
  return 0;
}

/* The options of the funding steps; each step offers those it uses. */
typedef struct
{
  gint64 programme_id;
  char *date;
  char *amount;
  char *case_no;
  char *expires;
  gboolean force;
} StepOptions;

static void
step_options_clear (StepOptions *options)
{
  g_free (options->date);
  g_free (options->amount);
  g_free (options->case_no);
  g_free (options->expires);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StepOptions, step_options_clear)

#define PROGRAMME_ENTRY(options) \
    { "programme", 0, 0, G_OPTION_ARG_INT64, &(options).programme_id, N_("Programme"), N_("ID") }

static gboolean
step_option_given (const StepOptions *options,
                   const char        *option)
{
  if (g_str_equal (option, "--programme"))
    return options->programme_id > 0;
  if (g_str_equal (option, "--case"))
    return options->case_no != NULL;
  if (g_str_equal (option, "--amount"))
    return options->amount != NULL;
  if (g_str_equal (option, "--date"))
    return options->date != NULL;
  return options->expires != NULL;
}

/* What every step does first: its options, those it needs (besides
 * --programme), and the programme's case as stored, or a new one. */
static KlFundingCase *
begin_step (KlCli              *cli,
            const char         *command,
            GOptionEntry       *entries,
            const char *const  *required,
            const StepOptions  *options,
            int                 argc,
            char              **argv,
            int                *status)
{
  g_autoptr(GError) error = NULL;
  KlFundingCase *funding;

  if (!kl_cli_parse_options (cli, command, NULL, entries, &argc, &argv, status)
      || !kl_cli_no_extra_arguments (command, argc, argv, 0, status)
      || !kl_cli_require_option (command, "--programme", step_option_given (options, "--programme"), status))
    return NULL;
  for (guint i = 0; required[i] != NULL; i++)
    if (!kl_cli_require_option (command, required[i], step_option_given (options, required[i]), status))
      return NULL;
  if (kl_cli_db (cli, &error) == NULL || (funding = load_or_new_case (cli->db, options->programme_id, &error)) == NULL)
    {
      *status = kl_cli_fail (error);
      return NULL;
    }
  return funding;
}

/* A date given, or today. */
static void
set_date (char       **date,
          const char  *given)
{
  g_free (*date);
  *date = given ? g_strdup (given) : kl_today ();
}

static int
cmd_funding_apply (KlCli  *cli,
                   int     argc,
                   char  **argv)
{
  static const char *const required[] = { NULL };
  g_auto(StepOptions) options = { 0 };
  GOptionEntry entries[] = {
    PROGRAMME_ENTRY (options),
    { "date", 0, 0, G_OPTION_ARG_STRING, &options.date, N_("Application date (default today)"), N_("DATE") },
    { "amount", 0, 0, G_OPTION_ARG_STRING, &options.amount,
      N_("Amount applied for (default: the fund's share of the budget's capped basis)"), N_("KR") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(KlFundingCase) funding = NULL;
  int status = 0;

  if ((funding = begin_step (cli, "funding apply", entries, required, &options, argc, argv, &status)) == NULL)
    return status;
  kl_cli_set_str (&funding->status, "applied");
  set_date (&funding->applied_date, options.date);
  if (options.amount != NULL
      && !kl_cli_parse_amount (_("Applied amount"), options.amount, &funding->applied_ore, &error))
    return kl_cli_fail (error);
  return save_case_step (cli, funding, options.amount == NULL, FALSE);
}

static int
cmd_funding_grant (KlCli  *cli,
                   int     argc,
                   char  **argv)
{
  static const char *const required[] = { "--case", "--amount", "--date", "--expires", NULL };
  g_auto(StepOptions) options = { 0 };
  GOptionEntry entries[] = {
    PROGRAMME_ENTRY (options),
    { "case", 0, 0, G_OPTION_ARG_STRING, &options.case_no, N_("KS case number, NN/NNNNN"), N_("NUMBER") },
    { "amount", 0, 0, G_OPTION_ARG_STRING, &options.amount, N_("Amount granted in kroner"), N_("KR") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &options.date, N_("Date of the grant letter"), N_("DATE") },
    { "expires", 0, 0, G_OPTION_ARG_STRING, &options.expires, N_("Expiry date of the grant"), N_("DATE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(KlFundingCase) funding = NULL;
  int status = 0;

  if ((funding = begin_step (cli, "funding grant", entries, required, &options, argc, argv, &status)) == NULL)
    return status;
  if (!kl_cli_parse_amount (_("Granted amount"), options.amount, &funding->granted_ore, &error))
    return kl_cli_fail (error);
  kl_cli_set_str (&funding->status, "granted");
  kl_cli_set_str (&funding->case_no, options.case_no);
  kl_cli_set_str (&funding->grant_date, options.date);
  kl_cli_set_str (&funding->expiry_date, options.expires);
  return save_case_step (cli, funding, FALSE, FALSE);
}

static int
cmd_funding_request (KlCli  *cli,
                     int     argc,
                     char  **argv)
{
  static const char *const required[] = { NULL };
  g_auto(StepOptions) options = { 0 };
  GOptionEntry entries[] = {
    PROGRAMME_ENTRY (options),
    { "date", 0, 0, G_OPTION_ARG_STRING, &options.date, N_("Date of the payout request (default today)"), N_("DATE") },
    { NULL }
  };
  g_autoptr(KlFundingCase) funding = NULL;
  int status = 0;

  if ((funding = begin_step (cli, "funding request", entries, required, &options, argc, argv, &status)) == NULL)
    return status;
  kl_cli_set_str (&funding->status, "payout-requested");
  set_date (&funding->payout_date, options.date);
  return save_case_step (cli, funding, FALSE, FALSE);
}

static int
cmd_funding_paid (KlCli  *cli,
                  int     argc,
                  char  **argv)
{
  static const char *const required[] = { "--amount", "--date", NULL };
  g_auto(StepOptions) options = { 0 };
  GOptionEntry entries[] = {
    PROGRAMME_ENTRY (options),
    { "amount", 0, 0, G_OPTION_ARG_STRING, &options.amount, N_("Amount paid out in kroner"), N_("KR") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &options.date, N_("Date paid"), N_("DATE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &options.force, N_("Record a payment above the grant"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(KlFundingCase) funding = NULL;
  int status = 0;

  if ((funding = begin_step (cli, "funding paid", entries, required, &options, argc, argv, &status)) == NULL)
    return status;
  if (!kl_cli_parse_amount (_("Paid amount"), options.amount, &funding->paid_ore, &error))
    return kl_cli_fail (error);
  kl_cli_set_str (&funding->status, "paid");
  kl_cli_set_str (&funding->paid_date, options.date);
  return save_case_step (cli, funding, FALSE, options.force);
}

static int
cmd_funding_reject (KlCli  *cli,
                    int     argc,
                    char  **argv)
{
  static const char *const required[] = { NULL };
  g_auto(StepOptions) options = { 0 };
  GOptionEntry entries[] = { PROGRAMME_ENTRY (options), { NULL } };
  g_autoptr(KlFundingCase) funding = NULL;
  int status = 0;

  if ((funding = begin_step (cli, "funding reject", entries, required, &options, argc, argv, &status)) == NULL)
    return status;
  kl_cli_set_str (&funding->status, "rejected");
  return save_case_step (cli, funding, FALSE, FALSE);
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
  kl_cli_print_record (cli, describe_case, funding, NULL);
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
  { "funding", "apply", cmd_funding_apply, N_("Record the application to the fund") },
  { "funding", "grant", cmd_funding_grant, N_("Record the grant letter") },
  { "funding", "request", cmd_funding_request, N_("Record the payout request") },
  { "funding", "paid", cmd_funding_paid, N_("Record the payment") },
  { "funding", "reject", cmd_funding_reject, N_("Record a rejected application") },
  { "funding", "show", cmd_funding_show, N_("Show a programme's funding case") },
  { "funding", "compute", cmd_funding_compute, N_("Compute the claim, line by line: budget and actual costs") },
  { NULL }
};
