#include "config.h"

#include <glib/gi18n.h>

#include "kl-cli-private.h"
#include "kl-db.h"
#include "kl-demo.h"
#include "kl-error.h"
#include "kl-privacy.h"
#include "kl-server.h"
#include "kl-store.h"

/* The database itself and IMTEC's own details: init, demo, settings. */

static void
describe_database (KlCliRecord   *record,
                   gconstpointer  item)
{
  KlDb *db = (KlDb *) item;

  kl_cli_record_text (record, "path", NULL, kl_db_get_path (db));
  kl_cli_record_int (record, "schema_version", NULL, kl_db_schema_version ());
  kl_cli_record_print (record, _("Database ready: %s (schema version %d)\n"), kl_db_get_path (db),
                       kl_db_schema_version ());
}

static int
cmd_init (KlCli  *cli,
          int     argc,
          char  **argv)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!kl_cli_parse_arguments (cli, "init", NULL, 0, &argc, &argv, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL)
    return kl_cli_fail (error);
  if (kl_db_location_is_server (kl_db_get_path (cli->db)))
    {
      g_autofree char *statements = NULL;

      if (!kl_server_setup_roles (cli->db, &statements, &error))
        return kl_cli_fail (error);
      /* Still a success: the schema is there, and the data is safe
       * meanwhile (the groups, not yet there, hold no rights). */
      if (statements != NULL)
        g_printerr (_("kartleser-cli: this login may not create roles. Ask a superuser to run:\n\n%s\n"
                      "then run init again to give the roles their rights.\n"), statements);
    }
  kl_cli_print_record (cli, describe_database, cli->db, NULL);
  return 0;
}

static void
describe_counts (KlCliRecord   *record,
                 gconstpointer  item)
{
  const KlCounts *counts = item;

  kl_cli_record_text (record, "path", _("Database: %s\n"), kl_db_get_path (record->cli->db));
  kl_cli_record_int (record, "clients", _("  %8lld clients\n"), counts->clients);
  kl_cli_record_int (record, "consultants", _("  %8lld consultants\n"), counts->consultants);
  kl_cli_record_int (record, "programmes", _("  %8lld programmes\n"), counts->programmes);
  kl_cli_record_int (record, "sessions", _("  %8lld sessions\n"), counts->sessions);
  kl_cli_record_int (record, "participants", _("  %8lld participants\n"), counts->participants);
  kl_cli_record_int (record, "enrolments", _("  %8lld enrolments\n"), counts->enrolments);
  kl_cli_record_int (record, "attendance", _("  %8lld attendance marks\n"), counts->attendance);
  kl_cli_record_int (record, "cost_items", _("  %8lld cost items\n"), counts->cost_items);
  kl_cli_record_int (record, "funding_cases", _("  %8lld funding cases\n"), counts->funding_cases);
}

static int
cmd_demo (KlCli  *cli,
          int     argc,
          char  **argv)
{
  int years = 0;
  gboolean if_empty = FALSE;
  GOptionEntry entries[] = {
    { "years", 0, 0, G_OPTION_ARG_INT, &years, N_("Build N years of IMTEC at scale (for benchmarks)"), "N" },
    { "if-empty", 0, 0, G_OPTION_ARG_NONE, &if_empty, N_("Do nothing when the database already has data"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  KlCounts counts;
  int status = 0;

  if (!kl_cli_parse_options_only (cli, "demo", entries, &argc, &argv, &status))
    return status;
  if (years < 0 || years > 50)
    return kl_cli_usage_error ("demo", _("--years must be between 1 and 50"));
  if (kl_cli_db (cli, &error) == NULL || !kl_demo_counts (cli->db, &counts, &error))
    return kl_cli_fail (error);
  if (counts.clients + counts.consultants + counts.programmes + counts.participants > 0)
    {
      if (!if_empty)
        {
          g_set_error (&error, KL_ERROR, KL_ERROR_DUPLICATE,
                       _("%s already holds data; demo data go into an empty database (use --db NEW-FILE)"),
                       kl_db_get_path (cli->db));
          return kl_cli_fail (error);
        }
    }
  else if (!kl_demo_fill (cli->db, (guint) years, &error))
    return kl_cli_fail (error);
  if (!kl_demo_counts (cli->db, &counts, &error))
    return kl_cli_fail (error);
  kl_cli_print_record (cli, describe_counts, &counts, NULL);
  return 0;
}

static int
cmd_settings_set (KlCli  *cli,
                  int     argc,
                  char  **argv)
{
  g_autofree char *name = NULL;
  g_autofree char *orgnr = NULL;
  g_autofree char *account = NULL;
  g_autofree char *address = NULL;
  g_autofree char *signatory_name = NULL;
  g_autofree char *signatory_title = NULL;
  int retention = -1;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Organisation name"), N_("NAME") },
    { "orgnr", 0, 0, G_OPTION_ARG_STRING, &orgnr, N_("Organisation number"), N_("NUMBER") },
    { "account", 0, 0, G_OPTION_ARG_STRING, &account, N_("Bank account number"), N_("NUMBER") },
    { "address", 0, 0, G_OPTION_ARG_STRING, &address, N_("Postal address"), N_("ADDRESS") },
    { "signatory-name", 0, 0, G_OPTION_ARG_STRING, &signatory_name, N_("Who signs certificates"), N_("NAME") },
    { "signatory-title", 0, 0, G_OPTION_ARG_STRING, &signatory_title, N_("The signatory's title"), N_("TITLE") },
    { "retention-years", 0, 0, G_OPTION_ARG_INT, &retention,
      N_("Anonymise participants this many years after their last programme ended (0: off)"), N_("N") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSettings) settings = NULL;
  int status = 0;

  if (!kl_cli_parse_options_only (cli, "settings set", entries, &argc, &argv, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL || (settings = kl_store_get_settings (cli->db, &error)) == NULL)
    return kl_cli_fail (error);
  /* Only what was given changes. */
  if (name != NULL)
    kl_cli_set_str (&settings->name, name);
  if (orgnr != NULL)
    kl_cli_set_str (&settings->orgnr, orgnr);
  if (account != NULL)
    kl_cli_set_str (&settings->account, account);
  if (address != NULL)
    kl_cli_set_str (&settings->address, address);
  kl_cli_set_str (&settings->signatory_name, signatory_name);
  kl_cli_set_str (&settings->signatory_title, signatory_title);
  if (!kl_store_save_settings (cli->db, settings, &error)
      || (retention >= 0 && !kl_privacy_set_retention (cli->db, retention, &error)))
    return kl_cli_fail (error);
  return 0;
}

static void
describe_settings (KlCliRecord   *record,
                   gconstpointer  item)
{
  const KlSettings *settings = item;

  kl_cli_record_dash (record, "name", _("Name:         %s\n"), settings->name);
  kl_cli_record_dash (record, "orgnr", _("Org number:   %s\n"), settings->orgnr);
  kl_cli_record_dash (record, "account", _("Bank account: %s\n"), settings->account);
  kl_cli_record_dash (record, "address", _("Address:      %s\n"), settings->address);
  kl_cli_record_dash (record, "signatory_name", _("Signatory:    %s\n"), settings->signatory_name);
  kl_cli_record_dash (record, "signatory_title", _("Title:        %s\n"), settings->signatory_title);
}

static int
cmd_settings_show (KlCli  *cli,
                   int     argc,
                   char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSettings) settings = NULL;
  int status = 0;

  if (!kl_cli_parse_arguments (cli, "settings show", NULL, 0, &argc, &argv, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL || (settings = kl_store_get_settings (cli->db, &error)) == NULL)
    return kl_cli_fail (error);
  kl_cli_print_record (cli, describe_settings, settings, NULL);
  return 0;
}

const KlCommand kl_cli_setup_commands[] = {
  { "init", NULL, cmd_init, N_("Create or upgrade the database") },
  { "demo", NULL, cmd_demo, N_("Fill an empty database with realistic sample data") },
  { "settings", "set", cmd_settings_set, N_("Set IMTEC's own details (the sender on exports)") },
  { "settings", "show", cmd_settings_show, N_("Show IMTEC's own details") },
  { NULL }
};
