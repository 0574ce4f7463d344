#include "config.h"

#include <glib/gi18n.h>

#include "kl-cli.h"
#include "kl-cli-private.h"

/* kartleser-cli's global options, --help and the dispatch to a command;
 * the commands live in the kl-cli-*.c files, a file per group. */

/* In the order --help lists them. */
static const KlCommand *const command_tables[] = {
  kl_cli_setup_commands,
  kl_cli_client_commands,
  kl_cli_consultant_commands,
  kl_cli_programme_commands,
  kl_cli_session_commands,
  kl_cli_participant_commands,
  kl_cli_attendance_commands,
  kl_cli_search_commands,
  kl_cli_cost_commands,
  kl_cli_funding_commands,
  kl_cli_fund_commands,
  kl_cli_data_commands,
  kl_cli_backup_commands,
  kl_cli_documents_commands,
  kl_cli_series_commands,
  kl_cli_audit_commands,
  kl_cli_certificate_commands,
  kl_cli_privacy_commands,
  kl_cli_server_commands,
};

static void
print_help (void)
{
  g_print (_("Usage: kartleser-cli [--db FILE] [--json] COMMAND …\n\n"
             "Plan IMTEC programmes, track attendance and compute OU-fund claims.\n\n"
             "Options:\n"
             "  --db FILE   the database (default: $KARTLESER_DB, else %s)\n"
             "  --json      print results as JSON\n\n"
             "Commands:\n"), "~/.local/share/kartleser/kartleser.db");
  for (guint t = 0; t < G_N_ELEMENTS (command_tables); t++)
    for (const KlCommand *command = command_tables[t]; command->group != NULL; command++)
      {
        g_autofree char *name = g_strjoin (" ", command->group, command->verb, NULL);

        g_print ("  %-22s %s\n", name, _(command->summary));
      }
  g_print (_("\nAmounts are in kroner: 20000, 20000.50 and 20 000,50 all work. "
             "Dates: 1.9.2027, 01.09.27, 1.9. (this year) or 2027-09-01.\n"));
}

int
kl_cli_run (int    argc,
            char **argv)
{
  KlCli cli = { NULL, FALSE, NULL, kl_lang_from_locale () };
  int first = 1;
  int status;

  /* Global options come before the command. */
  while (first < argc && g_str_has_prefix (argv[first], "-"))
    {
      const char *arg = argv[first];

      if (g_str_equal (arg, "--json"))
        cli.json = TRUE;
      else if (g_str_equal (arg, "--db") && first + 1 < argc)
        kl_cli_set_str (&cli.db_path, argv[++first]);
      else if (g_str_has_prefix (arg, "--db="))
        kl_cli_set_str (&cli.db_path, arg + 5);
      else if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        {
          print_help ();
          return 0;
        }
      else if (g_str_equal (arg, "--version"))
        {
          g_print ("kartleser-cli %s\n", PACKAGE_VERSION);
          return 0;
        }
      else
        {
          g_printerr (_("kartleser-cli: unknown option “%s”\n"), arg);
          g_printerr (_("Try “kartleser-cli --help”.\n"));
          return KL_CLI_EXIT_USAGE;
        }
      first++;
    }

  if (first >= argc)
    {
      print_help ();
      return KL_CLI_EXIT_USAGE;
    }

  status = -1;
  for (guint t = 0; t < G_N_ELEMENTS (command_tables) && status < 0; t++)
    for (const KlCommand *command = command_tables[t]; command->group != NULL && status < 0; command++)
      {
        if (!g_str_equal (argv[first], command->group))
          continue;
        if (command->verb == NULL)
          status = command->func (&cli, argc - first, argv + first);
        else if (first + 1 < argc && g_str_equal (argv[first + 1], command->verb))
          status = command->func (&cli, argc - first - 1, argv + first + 1);
      }
  if (status < 0)
    {
      g_autofree char *words = g_strjoinv (" ", argv + first);

      g_printerr (_("kartleser-cli: unknown command “%s”\n"), words);
      g_printerr (_("Try “kartleser-cli --help”.\n"));
      status = KL_CLI_EXIT_USAGE;
    }

  g_clear_object (&cli.db);
  g_free (cli.db_path);
  return status;
}
