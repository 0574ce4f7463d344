#include "config.h"

#include <gmodule.h>

#include "kl-cli-private.h"
#include "kl-error.h"
#include "kl-fund-seal.h"
#include "kl-i18n.h"
#include "kl-store.h"
#include "kl-validate.h"

/* The funding case's steps: apply, grant, request, paid, reject. A step
 * that marks a document as sent seals it (kl-fund-seal.h), which is why
 * they are in the document module, and show and compute are not. */

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
  kl_cli_print_record (cli, kl_cli_describe_case, funding, NULL);
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

/* A step: the status it records, the options it needs (besides
 * --programme), and where in the case its amount and date go (0: it
 * records none). The date is today when not given; without an amount,
 * `compute_applied` fills in the fund's share of the budget. */
typedef struct
{
  const char *command;
  const char *status;
  const char *required[5];
  const char *amount_label;
  glong amount_offset;
  glong date_offset;
  gboolean compute_applied;
} Step;

static int
run_step (KlCli        *cli,
          const Step   *step,
          GOptionEntry *entries,
          StepOptions  *options,
          int           argc,
          char        **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlFundingCase) funding = NULL;
  int status = 0;

  if ((funding = begin_step (cli, step->command, entries, step->required, options, argc, argv, &status)) == NULL)
    return status;
  if (options->amount != NULL
      && !kl_cli_parse_amount (_(step->amount_label), options->amount,
                               G_STRUCT_MEMBER_P (funding, step->amount_offset), &error))
    return kl_cli_fail (error);
  kl_cli_set_str (&funding->status, step->status);
  if (step->date_offset != 0)
    set_date (G_STRUCT_MEMBER_P (funding, step->date_offset), options->date);
  if (options->case_no != NULL)
    kl_cli_set_str (&funding->case_no, options->case_no);
  if (options->expires != NULL)
    kl_cli_set_str (&funding->expiry_date, options->expires);
  return save_case_step (cli, funding, step->compute_applied && options->amount == NULL, options->force);
}

static int
cmd_funding_apply (KlCli  *cli,
                   int     argc,
                   char  **argv)
{
  static const Step step = {
    "funding apply", "applied", { NULL }, N_("Applied amount"),
    G_STRUCT_OFFSET (KlFundingCase, applied_ore), G_STRUCT_OFFSET (KlFundingCase, applied_date), TRUE
  };
  g_auto(StepOptions) options = { 0 };
  GOptionEntry entries[] = {
    PROGRAMME_ENTRY (options),
    { "date", 0, 0, G_OPTION_ARG_STRING, &options.date, N_("Application date (default today)"), N_("DATE") },
    { "amount", 0, 0, G_OPTION_ARG_STRING, &options.amount,
      N_("Amount applied for (default: the fund's share of the budget's capped basis)"), N_("KR") },
    { NULL }
  };

  return run_step (cli, &step, entries, &options, argc, argv);
}

static int
cmd_funding_grant (KlCli  *cli,
                   int     argc,
                   char  **argv)
{
  static const Step step = {
    "funding grant", "granted", { "--case", "--amount", "--date", "--expires", NULL }, N_("Granted amount"),
    G_STRUCT_OFFSET (KlFundingCase, granted_ore), G_STRUCT_OFFSET (KlFundingCase, grant_date), FALSE
  };
  g_auto(StepOptions) options = { 0 };
  GOptionEntry entries[] = {
    PROGRAMME_ENTRY (options),
    { "case", 0, 0, G_OPTION_ARG_STRING, &options.case_no, N_("KS case number, NN/NNNNN"), N_("NUMBER") },
    { "amount", 0, 0, G_OPTION_ARG_STRING, &options.amount, N_("Amount granted in kroner"), N_("KR") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &options.date, N_("Date of the grant letter"), N_("DATE") },
    { "expires", 0, 0, G_OPTION_ARG_STRING, &options.expires, N_("Expiry date of the grant"), N_("DATE") },
    { NULL }
  };

  return run_step (cli, &step, entries, &options, argc, argv);
}

static int
cmd_funding_request (KlCli  *cli,
                     int     argc,
                     char  **argv)
{
  static const Step step = {
    "funding request", "payout-requested", { NULL }, NULL, 0, G_STRUCT_OFFSET (KlFundingCase, payout_date), FALSE
  };
  g_auto(StepOptions) options = { 0 };
  GOptionEntry entries[] = {
    PROGRAMME_ENTRY (options),
    { "date", 0, 0, G_OPTION_ARG_STRING, &options.date, N_("Date of the payout request (default today)"), N_("DATE") },
    { NULL }
  };

  return run_step (cli, &step, entries, &options, argc, argv);
}

static int
cmd_funding_paid (KlCli  *cli,
                  int     argc,
                  char  **argv)
{
  static const Step step = {
    "funding paid", "paid", { "--amount", "--date", NULL }, N_("Paid amount"),
    G_STRUCT_OFFSET (KlFundingCase, paid_ore), G_STRUCT_OFFSET (KlFundingCase, paid_date), FALSE
  };
  g_auto(StepOptions) options = { 0 };
  GOptionEntry entries[] = {
    PROGRAMME_ENTRY (options),
    { "amount", 0, 0, G_OPTION_ARG_STRING, &options.amount, N_("Amount paid out in kroner"), N_("KR") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &options.date, N_("Date paid"), N_("DATE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &options.force, N_("Record a payment above the grant"), NULL },
    { NULL }
  };

  return run_step (cli, &step, entries, &options, argc, argv);
}

static int
cmd_funding_reject (KlCli  *cli,
                    int     argc,
                    char  **argv)
{
  static const Step step = { "funding reject", "rejected", { NULL }, NULL, 0, 0, FALSE };
  g_auto(StepOptions) options = { 0 };
  GOptionEntry entries[] = { PROGRAMME_ENTRY (options), { NULL } };

  return run_step (cli, &step, entries, &options, argc, argv);
}

/* Found by name when the module is loaded (kl-cli.c). */
G_MODULE_EXPORT const KlCommand kl_cli_funding_steps_commands[] = {
  { "funding", "apply", cmd_funding_apply, N_("Record the application to the fund") },
  { "funding", "grant", cmd_funding_grant, N_("Record the grant letter") },
  { "funding", "request", cmd_funding_request, N_("Record the payout request") },
  { "funding", "paid", cmd_funding_paid, N_("Record the payment") },
  { "funding", "reject", cmd_funding_reject, N_("Record a rejected application") },
  { NULL }
};
