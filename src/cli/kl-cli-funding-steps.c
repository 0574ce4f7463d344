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

/* Found by name when the module is loaded (kl-cli.c). */
G_MODULE_EXPORT const KlCommand kl_cli_funding_steps_commands[] = {
  { "funding", "apply", cmd_funding_apply, N_("Record the application to the fund") },
  { "funding", "grant", cmd_funding_grant, N_("Record the grant letter") },
  { "funding", "request", cmd_funding_request, N_("Record the payout request") },
  { "funding", "paid", cmd_funding_paid, N_("Record the payment") },
  { "funding", "reject", cmd_funding_reject, N_("Record a rejected application") },
  { NULL }
};
