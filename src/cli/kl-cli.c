#include "config.h"

#include <glib/gi18n.h>

#include "kl-cli.h"
#include "kl-cli-private.h"
#include "kl-module.h"

/* kartleser-cli's global options, --help and the dispatch to a command;
 * the commands live in the kl-cli-*.c files, a file per group. */

/* The commands that write and read documents (certificates, sign-in
 * sheets, reports, CSV, iCalendar, the fund's XML, and the funding steps,
 * which seal what is sent) are a module of their own, kl-cli-documents
 * (kl-module.h): only they need libxml2, cairo, pango and libical, whose
 * loading would otherwise be most of the time a command like
 * `programme list` takes. A command not built in is looked for there. */
#define DOCUMENTS_MODULE "kl-cli-documents"

typedef struct
{
  const KlCommand *commands;  /* built in, or NULL: */
  const char *symbol;         /* the table's name in DOCUMENTS_MODULE */
} CommandTable;

/* In the order --help lists them. */
static const CommandTable command_tables[] = {
  { kl_cli_setup_commands, NULL },
  { kl_cli_client_commands, NULL },
  { kl_cli_consultant_commands, NULL },
  { kl_cli_programme_commands, NULL },
  { kl_cli_session_commands, NULL },
  { kl_cli_participant_commands, NULL },
  { kl_cli_attendance_commands, NULL },
  { kl_cli_search_commands, NULL },
  { kl_cli_cost_commands, NULL },
  { NULL, "kl_cli_funding_steps_commands" },
  { kl_cli_funding_commands, NULL },
  { NULL, "kl_cli_fund_commands" },
  { NULL, "kl_cli_data_commands" },
  { kl_cli_backup_commands, NULL },
  { NULL, "kl_cli_calendar_commands" },
  { NULL, "kl_cli_documents_commands" },
  { kl_cli_series_commands, NULL },
  { kl_cli_audit_commands, NULL },
  { NULL, "kl_cli_certificate_commands" },
  { NULL, "kl_cli_privacy_commands" },
  { kl_cli_server_commands, NULL },
};

/* table's commands, the module loaded for them if need be. */
static const KlCommand *
table_commands (const CommandTable  *table,
                GError             **error)
{
  if (table->commands != NULL)
    return table->commands;
  return kl_module_symbol (DOCUMENTS_MODULE, table->symbol, error);
}

/* The status of the command argv names among the tables that are built
 * in (in_module FALSE) or in the module; -1 when none of them has it. */
static int
dispatch (KlCli     *cli,
          gboolean   in_module,
          int        argc,
          char     **argv)
{
  for (guint t = 0; t < G_N_ELEMENTS (command_tables); t++)
    {
      g_autoptr(GError) error = NULL;
      const KlCommand *command;

      if ((command_tables[t].commands == NULL) != in_module)
        continue;
      command = table_commands (&command_tables[t], &error);
      if (command == NULL)
        return kl_cli_fail (g_steal_pointer (&error));
      for (; command->group != NULL; command++)
        {
          if (!g_str_equal (argv[0], command->group))
            continue;
          if (command->verb == NULL)
            return command->func (cli, argc, argv);
          if (argc > 1 && g_str_equal (argv[1], command->verb))
            return command->func (cli, argc - 1, argv + 1);
        }
    }
  return -1;
}

/* FALSE when the module's commands could not be listed. */
static gboolean
print_help (void)
{
  gboolean whole = TRUE;

  g_print (_("Usage: kartleser-cli [--db FILE] [--json] COMMAND …\n\n"
             "Plan IMTEC programmes, track attendance and compute OU-fund claims.\n\n"
             "Options:\n"
             "  --db FILE   the database (default: $KARTLESER_DB, else %s)\n"
             "  --json      print results as JSON\n\n"
             "Commands:\n"), "~/.local/share/kartleser/kartleser.db");
  for (guint t = 0; t < G_N_ELEMENTS (command_tables); t++)
    {
      g_autoptr(GError) error = NULL;
      const KlCommand *command;

      if (!whole && command_tables[t].commands == NULL)
        continue;
      command = table_commands (&command_tables[t], &error);
      if (command == NULL)
        {
          g_printerr ("kartleser-cli: %s\n", error->message);
          whole = FALSE;
        }
      for (; command != NULL && command->group != NULL; command++)
        {
          g_autofree char *name = g_strjoin (" ", command->group, command->verb, NULL);

          g_print ("  %-22s %s\n", name, _(command->summary));
        }
    }
  g_print (_("\nAmounts are in kroner: 20000, 20000.50 and 20 000,50 all work. "
             "Dates: 1.9.2027, 01.09.27, 1.9. (this year) or 2027-09-01.\n"));
  return whole;
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
          return print_help () ? 0 : KL_CLI_EXIT_FAILED;
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

  status = dispatch (&cli, FALSE, argc - first, argv + first);
  if (status < 0)
    status = dispatch (&cli, TRUE, argc - first, argv + first);
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
