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
print_case (KlCli               *cli,
            const KlFundingCase *f)
{
  g_autofree char *applied = kl_cli_money (cli, f->applied_ore);
  g_autofree char *granted = kl_cli_money (cli, f->granted_ore);
  g_autofree char *paid = kl_cli_money (cli, f->paid_ore);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      kl_cli_json_add_int (builder, "id", f->id);
      kl_cli_json_add_int (builder, "programme_id", f->programme_id);
      kl_cli_json_add_string (builder, "scheme", f->scheme);
      kl_cli_json_add_string (builder, "status", f->status);
      kl_cli_json_add_string (builder, "applied_date", f->applied_date);
      kl_cli_json_add_optional (builder, "applied_ore", f->applied_ore, KL_NO_AMOUNT);
      kl_cli_json_add_string (builder, "case_no", f->case_no);
      kl_cli_json_add_optional (builder, "granted_ore", f->granted_ore, KL_NO_AMOUNT);
      kl_cli_json_add_string (builder, "grant_date", f->grant_date);
      kl_cli_json_add_string (builder, "expiry_date", f->expiry_date);
      kl_cli_json_add_string (builder, "payout_date", f->payout_date);
      kl_cli_json_add_optional (builder, "paid_ore", f->paid_ore, KL_NO_AMOUNT);
      kl_cli_json_add_string (builder, "paid_date", f->paid_date);
      json_builder_end_object (builder);
      kl_cli_print_json (builder);
      return;
    }
  g_print (_("Funding case %lld for programme %lld: %s\n"),
           (long long) f->id, (long long) f->programme_id, f->status);
  g_print (_("  Applied:  %s  %s\n"), kl_cli_or_dash (f->applied_date), applied);
  g_print (_("  Granted:  %s  %s  case %s, expires %s\n"), kl_cli_or_dash (f->grant_date), granted,
           kl_cli_or_dash (f->case_no), kl_cli_or_dash (f->expiry_date));
  g_print (_("  Payout requested: %s\n"), kl_cli_or_dash (f->payout_date));
  g_print (_("  Paid:     %s  %s\n"), kl_cli_or_dash (f->paid_date), paid);
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
  print_case (cli, funding);
  return 0;
}

static int
cmd_funding_apply (KlCli  *cli,
                   int     argc,
                   char  **argv)
{
  gint64 programme_id = 0;
  g_autofree char *date = NULL;
  g_autofree char *amount = NULL;
  GOptionEntry entries[] = {
    { "programme", 0, 0, G_OPTION_ARG_INT64, &programme_id, N_("Programme"), N_("ID") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Application date (default today)"), N_("DATE") },
    { "amount", 0, 0, G_OPTION_ARG_STRING, &amount,
      N_("Amount applied for (default: the fund's share of the budget's capped basis)"), N_("KR") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(KlFundingCase) funding = NULL;
  int status = 0;

  if (!kl_cli_parse_options (cli, "funding apply", NULL, entries, &argc, &argv, &status)
      || !kl_cli_no_extra_arguments ("funding apply", argc, argv, 0, &status)
      || !kl_cli_require_option ("funding apply", "--programme", programme_id > 0, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL || (funding = load_or_new_case (cli->db, programme_id, &error)) == NULL)
    return kl_cli_fail (error);
  kl_cli_set_str (&funding->status, "applied");
  g_free (funding->applied_date);
  funding->applied_date = date ? g_strdup (date) : kl_today ();
  if (amount != NULL && !kl_cli_parse_amount (_("Applied amount"), amount, &funding->applied_ore, &error))
    return kl_cli_fail (error);
  return save_case_step (cli, funding, amount == NULL, FALSE);
}

static int
cmd_funding_grant (KlCli  *cli,
                   int     argc,
                   char  **argv)
{
  gint64 programme_id = 0;
  g_autofree char *case_no = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *date = NULL;
  g_autofree char *expires = NULL;
  GOptionEntry entries[] = {
    { "programme", 0, 0, G_OPTION_ARG_INT64, &programme_id, N_("Programme"), N_("ID") },
    { "case", 0, 0, G_OPTION_ARG_STRING, &case_no, N_("KS case number, NN/NNNNN"), N_("NUMBER") },
    { "amount", 0, 0, G_OPTION_ARG_STRING, &amount, N_("Amount granted in kroner"), N_("KR") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Date of the grant letter"), N_("DATE") },
    { "expires", 0, 0, G_OPTION_ARG_STRING, &expires, N_("Expiry date of the grant"), N_("DATE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(KlFundingCase) funding = NULL;
  int status = 0;

  if (!kl_cli_parse_options (cli, "funding grant", NULL, entries, &argc, &argv, &status)
      || !kl_cli_no_extra_arguments ("funding grant", argc, argv, 0, &status)
      || !kl_cli_require_option ("funding grant", "--programme", programme_id > 0, &status)
      || !kl_cli_require_option ("funding grant", "--case", case_no != NULL, &status)
      || !kl_cli_require_option ("funding grant", "--amount", amount != NULL, &status)
      || !kl_cli_require_option ("funding grant", "--date", date != NULL, &status)
      || !kl_cli_require_option ("funding grant", "--expires", expires != NULL, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL || (funding = load_or_new_case (cli->db, programme_id, &error)) == NULL
      || !kl_cli_parse_amount (_("Granted amount"), amount, &funding->granted_ore, &error))
    return kl_cli_fail (error);
  kl_cli_set_str (&funding->status, "granted");
  kl_cli_set_str (&funding->case_no, case_no);
  kl_cli_set_str (&funding->grant_date, date);
  kl_cli_set_str (&funding->expiry_date, expires);
  return save_case_step (cli, funding, FALSE, FALSE);
}

static int
cmd_funding_request (KlCli  *cli,
                     int     argc,
                     char  **argv)
{
  gint64 programme_id = 0;
  g_autofree char *date = NULL;
  GOptionEntry entries[] = {
    { "programme", 0, 0, G_OPTION_ARG_INT64, &programme_id, N_("Programme"), N_("ID") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Date of the payout request (default today)"), N_("DATE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(KlFundingCase) funding = NULL;
  int status = 0;

  if (!kl_cli_parse_options (cli, "funding request", NULL, entries, &argc, &argv, &status)
      || !kl_cli_no_extra_arguments ("funding request", argc, argv, 0, &status)
      || !kl_cli_require_option ("funding request", "--programme", programme_id > 0, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL || (funding = load_or_new_case (cli->db, programme_id, &error)) == NULL)
    return kl_cli_fail (error);
  kl_cli_set_str (&funding->status, "payout-requested");
  g_free (funding->payout_date);
  funding->payout_date = date ? g_strdup (date) : kl_today ();
  return save_case_step (cli, funding, FALSE, FALSE);
}

static int
cmd_funding_paid (KlCli  *cli,
                  int     argc,
                  char  **argv)
{
  gint64 programme_id = 0;
  g_autofree char *amount = NULL;
  g_autofree char *date = NULL;
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "programme", 0, 0, G_OPTION_ARG_INT64, &programme_id, N_("Programme"), N_("ID") },
    { "amount", 0, 0, G_OPTION_ARG_STRING, &amount, N_("Amount paid out in kroner"), N_("KR") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Date paid"), N_("DATE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Record a payment above the grant"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(KlFundingCase) funding = NULL;
  int status = 0;

  if (!kl_cli_parse_options (cli, "funding paid", NULL, entries, &argc, &argv, &status)
      || !kl_cli_no_extra_arguments ("funding paid", argc, argv, 0, &status)
      || !kl_cli_require_option ("funding paid", "--programme", programme_id > 0, &status)
      || !kl_cli_require_option ("funding paid", "--amount", amount != NULL, &status)
      || !kl_cli_require_option ("funding paid", "--date", date != NULL, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL || (funding = load_or_new_case (cli->db, programme_id, &error)) == NULL
      || !kl_cli_parse_amount (_("Paid amount"), amount, &funding->paid_ore, &error))
    return kl_cli_fail (error);
  kl_cli_set_str (&funding->status, "paid");
  kl_cli_set_str (&funding->paid_date, date);
  return save_case_step (cli, funding, FALSE, force);
}

static int
cmd_funding_reject (KlCli  *cli,
                    int     argc,
                    char  **argv)
{
  gint64 programme_id = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(KlFundingCase) funding = NULL;
  int status = 0;

  if (!kl_cli_parse_programme (cli, "funding reject", &argc, &argv, &programme_id, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL || (funding = load_or_new_case (cli->db, programme_id, &error)) == NULL)
    return kl_cli_fail (error);
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
  print_case (cli, funding);
  return 0;
}

/* The claim's figures as JSON members of the object being built. */
static void
add_claim_members (JsonBuilder   *builder,
                   const KlClaim *claim)
{
  kl_cli_json_add_string (builder, "scheme", claim->scheme->scheme);
  kl_cli_json_add_string (builder, "scheme_version", claim->scheme->name);
  kl_cli_json_add_int (builder, "rate_permille", claim->scheme->rate_permille);
  kl_cli_json_add_int (builder, "fee_cap_ore", claim->scheme->fee_cap_ore);
  kl_cli_json_add_int (builder, "net_ore", claim->net_ore);
  kl_cli_json_add_int (builder, "vat_ore", claim->vat_ore);
  kl_cli_json_add_int (builder, "eligible_ore", claim->eligible_ore);
  kl_cli_json_add_int (builder, "claim_ore", claim->claim_ore);
  kl_cli_json_add_optional (builder, "granted_ore", claim->granted_ore, KL_NO_AMOUNT);
  kl_cli_json_add_int (builder, "payout_ore", claim->payout_ore);
  json_builder_set_member_name (builder, "lines");
  json_builder_begin_array (builder);
  for (guint i = 0; i < claim->lines->len; i++)
    {
      KlClaimLine *line = g_ptr_array_index (claim->lines, i);

      json_builder_begin_object (builder);
      kl_cli_json_add_int (builder, "cost_id", line->cost_id);
      kl_cli_json_add_string (builder, "category", kl_cost_categories[line->category]);
      kl_cli_json_add_string (builder, "who", line->who);
      kl_cli_json_add_int (builder, "net_ore", line->net_ore);
      kl_cli_json_add_int (builder, "vat_ore", line->vat_ore);
      kl_cli_json_add_optional (builder, "cap_ore", line->cap_ore, KL_NO_AMOUNT);
      kl_cli_json_add_int (builder, "counted_ore", line->counted_ore);
      kl_cli_json_add_string (builder, "rule", kl_rule_to_string (line->rule));
      kl_cli_json_add_string (builder, "explanation", line->explanation);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < claim->warnings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (claim->warnings, i));
  json_builder_end_array (builder);
}

static void
print_claim (KlCli         *cli,
             const KlClaim *claim,
             const char    *heading)
{
  g_autofree char *net = kl_cli_money (cli, claim->net_ore);
  g_autofree char *vat = kl_cli_money (cli, claim->vat_ore);
  g_autofree char *eligible = kl_cli_money (cli, claim->eligible_ore);
  g_autofree char *amount = kl_cli_money (cli, claim->claim_ore);

  g_print ("%s\n", heading);
  for (guint i = 0; i < claim->lines->len; i++)
    {
      KlClaimLine *line = g_ptr_array_index (claim->lines, i);
      g_autofree char *line_net = kl_cli_money (cli, line->net_ore);
      g_autofree char *counted = kl_cli_money (cli, line->counted_ore);

      g_print ("%6" G_GINT64_FORMAT "  %-15s %-24s %18s → %18s\n        %s\n", line->cost_id,
               kl_cost_categories[line->category], line->who ? line->who : "", line_net, counted,
               line->explanation);
    }
  for (guint i = 0; i < claim->warnings->len; i++)
    g_print (_("  Note: %s\n"), (const char *) g_ptr_array_index (claim->warnings, i));
  g_print (_("Costs (net):     %18s  (VAT %s, never reimbursed)\n"), net, vat);
  g_print (_("Eligible basis:  %18s\n"), eligible);
  g_print (_("Claim (%d %%):    %18s\n"), claim->scheme->rate_permille / 10, amount);
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
  g_autofree char *granted = NULL;
  g_autofree char *payout = NULL;
  int status = 0;

  if (!kl_cli_parse_programme (cli, "funding compute", &argc, &argv, &programme_id, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL
      || (claim = kl_store_compute_claim (cli->db, programme_id, KL_CLAIM_ACTUALS, &error)) == NULL
      || (budget = kl_store_compute_claim (cli->db, programme_id, KL_CLAIM_BUDGET, &error)) == NULL)
    return kl_cli_fail (error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      kl_cli_json_add_int (builder, "programme_id", programme_id);
      add_claim_members (builder, claim);
      json_builder_set_member_name (builder, "budget");
      json_builder_begin_object (builder);
      add_claim_members (builder, budget);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
      kl_cli_print_json (builder);
      return 0;
    }

  g_print (_("Rules: %s\n\n"), claim->scheme->name);
  if (budget->lines->len > 0)
    {
      print_claim (cli, budget, _("Budget (for the application):"));
      g_print ("\n");
    }
  print_claim (cli, claim, _("Actual costs (invoices, for the payout request):"));
  granted = kl_cli_money (cli, claim->granted_ore);
  payout = kl_cli_money (cli, claim->payout_ore);
  g_print (_("Granted:         %18s\n"), granted);
  g_print (_("Payout:          %18s\n"), payout);
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
