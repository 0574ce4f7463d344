#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "kl-cli.h"
#include "kl-cli-private.h"
#include "kl-clock.h"
#include "kl-db.h"
#include "kl-demo.h"
#include "kl-error.h"
#include "kl-fund-seal.h"
#include "kl-money.h"
#include "kl-privacy.h"
#include "kl-progress.h"
#include "kl-store.h"
#include "kl-validate.h"

/* init, demo */

static int
cmd_init (KlCli  *cli,
          int     argc,
          char  **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!kl_cli_parse_options (cli, "init", NULL, entries, &argc, &argv, &status)
      || !kl_cli_no_extra_arguments ("init", argc, argv, 0, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL)
    return kl_cli_fail (error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      kl_cli_json_add_string (builder, "path", kl_db_get_path (cli->db));
      kl_cli_json_add_int (builder, "schema_version", kl_db_schema_version ());
      json_builder_end_object (builder);
      kl_cli_print_json (builder);
    }
  else
    g_print (_("Database ready: %s (schema version %d)\n"), kl_db_get_path (cli->db), kl_db_schema_version ());
  return 0;
}

static void
print_counts (KlCli          *cli,
              const KlCounts *counts)
{
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      kl_cli_json_add_string (builder, "path", kl_db_get_path (cli->db));
      kl_cli_json_add_int (builder, "clients", (long long) counts->clients);
      kl_cli_json_add_int (builder, "consultants", (long long) counts->consultants);
      kl_cli_json_add_int (builder, "programmes", (long long) counts->programmes);
      kl_cli_json_add_int (builder, "sessions", (long long) counts->sessions);
      kl_cli_json_add_int (builder, "participants", (long long) counts->participants);
      kl_cli_json_add_int (builder, "enrolments", (long long) counts->enrolments);
      kl_cli_json_add_int (builder, "attendance", (long long) counts->attendance);
      kl_cli_json_add_int (builder, "cost_items", (long long) counts->cost_items);
      kl_cli_json_add_int (builder, "funding_cases", (long long) counts->funding_cases);
      json_builder_end_object (builder);
      kl_cli_print_json (builder);
      return;
    }
  g_print (_("Database: %s\n"), kl_db_get_path (cli->db));
  g_print (_("  %8lld clients\n"), (long long) counts->clients);
  g_print (_("  %8lld consultants\n"), (long long) counts->consultants);
  g_print (_("  %8lld programmes\n"), (long long) counts->programmes);
  g_print (_("  %8lld sessions\n"), (long long) counts->sessions);
  g_print (_("  %8lld participants\n"), (long long) counts->participants);
  g_print (_("  %8lld enrolments\n"), (long long) counts->enrolments);
  g_print (_("  %8lld attendance marks\n"), (long long) counts->attendance);
  g_print (_("  %8lld cost items\n"), (long long) counts->cost_items);
  g_print (_("  %8lld funding cases\n"), (long long) counts->funding_cases);
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

  if (!kl_cli_parse_options (cli, "demo", NULL, entries, &argc, &argv, &status)
      || !kl_cli_no_extra_arguments ("demo", argc, argv, 0, &status))
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
  print_counts (cli, &counts);
  return 0;
}

/* settings */

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

  if (!kl_cli_parse_options (cli, "settings set", NULL, entries, &argc, &argv, &status)
      || !kl_cli_no_extra_arguments ("settings set", argc, argv, 0, &status))
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

static int
cmd_settings_show (KlCli  *cli,
                   int     argc,
                   char  **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSettings) settings = NULL;
  int status = 0;

  if (!kl_cli_parse_options (cli, "settings show", NULL, entries, &argc, &argv, &status)
      || !kl_cli_no_extra_arguments ("settings show", argc, argv, 0, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL || (settings = kl_store_get_settings (cli->db, &error)) == NULL)
    return kl_cli_fail (error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      kl_cli_json_add_string (builder, "name", settings->name);
      kl_cli_json_add_string (builder, "orgnr", settings->orgnr);
      kl_cli_json_add_string (builder, "account", settings->account);
      kl_cli_json_add_string (builder, "address", settings->address);
      kl_cli_json_add_string (builder, "signatory_name", settings->signatory_name);
      kl_cli_json_add_string (builder, "signatory_title", settings->signatory_title);
      json_builder_end_object (builder);
      kl_cli_print_json (builder);
      return 0;
    }
  g_print (_("Name:         %s\n"), kl_cli_or_dash (settings->name));
  g_print (_("Org number:   %s\n"), kl_cli_or_dash (settings->orgnr));
  g_print (_("Bank account: %s\n"), kl_cli_or_dash (settings->account));
  g_print (_("Address:      %s\n"), kl_cli_or_dash (settings->address));
  g_print (_("Signatory:    %s\n"), kl_cli_or_dash (settings->signatory_name));
  g_print (_("Title:        %s\n"), kl_cli_or_dash (settings->signatory_title));
  return 0;
}

/* clients */

static void
json_add_client (JsonBuilder    *builder,
                 const KlClient *client)
{
  json_builder_begin_object (builder);
  kl_cli_json_add_int (builder, "id", client->id);
  kl_cli_json_add_string (builder, "name", client->name);
  kl_cli_json_add_string (builder, "kind", client->kind);
  kl_cli_json_add_optional (builder, "parent_id", client->parent_id, 0);
  kl_cli_json_add_string (builder, "orgnr", client->orgnr);
  kl_cli_json_add_string (builder, "account", client->account);
  kl_cli_json_add_string (builder, "address", client->address);
  kl_cli_json_add_string (builder, "invoice_email", client->invoice_email);
  kl_cli_json_add_string (builder, "contact_name", client->contact_name);
  kl_cli_json_add_string (builder, "contact_email", client->contact_email);
  kl_cli_json_add_string (builder, "contact_phone", client->contact_phone);
  kl_cli_json_add_string (builder, "notes", client->notes);
  kl_cli_json_add_string (builder, "created_at", client->created_at);
  kl_cli_json_add_string (builder, "updated_at", client->updated_at);
  json_builder_end_object (builder);
}

static int
cmd_client_add (KlCli  *cli,
                int     argc,
                char  **argv)
{
  g_autoptr(KlClient) client = kl_client_new ();
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &client->name, N_("Name"), N_("NAME") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &client->kind,
      N_("kommune, fylkeskommune, skole, barnehage or annen"), N_("KIND") },
    { "parent", 0, 0, G_OPTION_ARG_INT64, &client->parent_id, N_("The client this one belongs under"), N_("ID") },
    { "orgnr", 0, 0, G_OPTION_ARG_STRING, &client->orgnr, N_("Organisation number"), N_("NUMBER") },
    { "account", 0, 0, G_OPTION_ARG_STRING, &client->account, N_("Bank account number"), N_("NUMBER") },
    { "address", 0, 0, G_OPTION_ARG_STRING, &client->address, N_("Address"), N_("ADDRESS") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &client->invoice_email, N_("Invoice e-mail"), N_("EMAIL") },
    { "contact", 0, 0, G_OPTION_ARG_STRING, &client->contact_name, N_("Contact person"), N_("NAME") },
    { "contact-email", 0, 0, G_OPTION_ARG_STRING, &client->contact_email, N_("Contact e-mail"), N_("EMAIL") },
    { "contact-phone", 0, 0, G_OPTION_ARG_STRING, &client->contact_phone, N_("Contact phone"), N_("PHONE") },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &client->notes, N_("Notes"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!kl_cli_parse_options (cli, "client add", NULL, entries, &argc, &argv, &status)
      || !kl_cli_no_extra_arguments ("client add", argc, argv, 0, &status)
      || !kl_cli_require_option ("client add", "--name", client->name != NULL, &status)
      || !kl_cli_require_option ("client add", "--kind", client->kind != NULL, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL || !kl_store_insert_client (cli->db, client, &error))
    return kl_cli_fail (error);
  return kl_cli_print_created (cli, client->id, NULL);
}

static int
cmd_client_list (KlCli  *cli,
                 int     argc,
                 char  **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  int status = 0;

  if (!kl_cli_parse_options (cli, "client list", NULL, entries, &argc, &argv, &status)
      || !kl_cli_no_extra_arguments ("client list", argc, argv, 0, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL || (clients = kl_store_list_clients (cli->db, &error)) == NULL)
    return kl_cli_fail (error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < clients->len; i++)
        json_add_client (builder, g_ptr_array_index (clients, i));
      json_builder_end_array (builder);
      kl_cli_print_json (builder);
      return 0;
    }
  for (guint i = 0; i < clients->len; i++)
    {
      KlClient *client = g_ptr_array_index (clients, i);

      g_print ("%6" G_GINT64_FORMAT "  %-14s %-9s  %s\n", client->id, client->kind,
               kl_cli_or_dash (client->orgnr), client->name);
    }
  return 0;
}

static int
cmd_client_show (KlCli  *cli,
                 int     argc,
                 char  **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(KlClient) client = NULL;
  gint64 id = 0;
  gint64 legal = 0;
  int status = 0;

  if (!kl_cli_parse_options (cli, "client show", "ID", entries, &argc, &argv, &status)
      || !kl_cli_no_extra_arguments ("client show", argc, argv, 1, &status)
      || !kl_cli_parse_id ("client show", argv[1], &id, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL || (client = kl_store_get_client (cli->db, id, &error)) == NULL)
    return kl_cli_fail (error);
  legal = kl_store_legal_entity (cli->db, id, NULL);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_add_client (builder, client);
      /* the legal entity is not a column: add it to the object just built */
      {
        g_autoptr(JsonNode) root = json_builder_get_root (builder);
        JsonObject *object = json_node_get_object (root);
        g_autoptr(JsonGenerator) generator = json_generator_new ();
        g_autofree char *text = NULL;

        if (legal > 0)
          json_object_set_int_member (object, "legal_entity_id", legal);
        else
          json_object_set_null_member (object, "legal_entity_id");
        json_generator_set_root (generator, root);
        json_generator_set_pretty (generator, TRUE);
        text = json_generator_to_data (generator, NULL);
        g_print ("%s\n", text);
      }
      return 0;
    }
  g_print (_("Client %lld: %s\n"), (long long) client->id, client->name);
  g_print (_("  Kind:          %s\n"), client->kind);
  if (client->parent_id > 0)
    g_print (_("  Under:         %lld\n"), (long long) client->parent_id);
  g_print (_("  Org number:    %s\n"), kl_cli_or_dash (client->orgnr));
  if (legal > 0)
    g_print (_("  Legal entity:  %lld\n"), (long long) legal);
  else
    g_print (_("  Legal entity:  none (no org number here or above)\n"));
  g_print (_("  Bank account:  %s\n"), kl_cli_or_dash (client->account));
  g_print (_("  Address:       %s\n"), kl_cli_or_dash (client->address));
  g_print (_("  Invoice email: %s\n"), kl_cli_or_dash (client->invoice_email));
  g_print (_("  Contact:       %s %s %s\n"), kl_cli_or_dash (client->contact_name),
           client->contact_email ? client->contact_email : "", client->contact_phone ? client->contact_phone : "");
  if (client->notes)
    g_print (_("  Notes:         %s\n"), client->notes);
  return 0;
}

/* delete commands are alike: an id, a store function */
static int
delete_by_id (KlCli       *cli,
              const char  *command,
              gboolean   (*delete_func) (KlDb *, gint64, GError **),
              int          argc,
              char       **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  gint64 id = 0;
  int status = 0;

  if (!kl_cli_parse_options (cli, command, "ID", entries, &argc, &argv, &status)
      || !kl_cli_no_extra_arguments (command, argc, argv, 1, &status)
      || !kl_cli_parse_id (command, argv[1], &id, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL || !delete_func (cli->db, id, &error))
    return kl_cli_fail (error);
  return 0;
}

static int
cmd_client_delete (KlCli  *cli,
                   int     argc,
                   char  **argv)
{
  return delete_by_id (cli, "client delete", kl_store_delete_client, argc, argv);
}

/* consultants */

static int
cmd_consultant_add (KlCli  *cli,
                    int     argc,
                    char  **argv)
{
  g_autoptr(KlConsultant) consultant = kl_consultant_new ();
  g_autofree char *day_rate = NULL;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &consultant->name, N_("Name"), N_("NAME") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &consultant->email, N_("E-mail"), N_("EMAIL") },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &consultant->phone, N_("Phone"), N_("PHONE") },
    { "external", 0, 0, G_OPTION_ARG_NONE, &consultant->external, N_("An external speaker, not IMTEC staff"), NULL },
    { "day-rate", 0, 0, G_OPTION_ARG_STRING, &day_rate, N_("Default day rate in kroner"), N_("KR") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!kl_cli_parse_options (cli, "consultant add", NULL, entries, &argc, &argv, &status)
      || !kl_cli_no_extra_arguments ("consultant add", argc, argv, 0, &status)
      || !kl_cli_require_option ("consultant add", "--name", consultant->name != NULL, &status))
    return status;
  if ((day_rate != NULL && !kl_cli_parse_amount (_("Day rate"), day_rate, &consultant->day_rate_ore, &error))
      || kl_cli_db (cli, &error) == NULL
      || !kl_store_insert_consultant (cli->db, consultant, &error))
    return kl_cli_fail (error);
  return kl_cli_print_created (cli, consultant->id, NULL);
}

static int
cmd_consultant_list (KlCli  *cli,
                     int     argc,
                     char  **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) consultants = NULL;
  int status = 0;

  if (!kl_cli_parse_options (cli, "consultant list", NULL, entries, &argc, &argv, &status)
      || !kl_cli_no_extra_arguments ("consultant list", argc, argv, 0, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL || (consultants = kl_store_list_consultants (cli->db, &error)) == NULL)
    return kl_cli_fail (error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < consultants->len; i++)
        {
          KlConsultant *c = g_ptr_array_index (consultants, i);

          json_builder_begin_object (builder);
          kl_cli_json_add_int (builder, "id", c->id);
          kl_cli_json_add_string (builder, "name", c->name);
          kl_cli_json_add_string (builder, "email", c->email);
          kl_cli_json_add_string (builder, "phone", c->phone);
          json_builder_set_member_name (builder, "external");
          json_builder_add_boolean_value (builder, c->external);
          kl_cli_json_add_int (builder, "day_rate_ore", c->day_rate_ore);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      kl_cli_print_json (builder);
      return 0;
    }
  for (guint i = 0; i < consultants->len; i++)
    {
      KlConsultant *c = g_ptr_array_index (consultants, i);
      g_autofree char *rate = kl_cli_money (cli, c->day_rate_ore);

      g_print ("%6" G_GINT64_FORMAT "  %-8s %16s  %s\n", c->id, c->external ? _("external") : _("IMTEC"),
               rate, c->name);
    }
  return 0;
}

static int
cmd_consultant_delete (KlCli  *cli,
                       int     argc,
                       char  **argv)
{
  return delete_by_id (cli, "consultant delete", kl_store_delete_consultant, argc, argv);
}

/* programmes */

/* Only a cancellation is set by hand: planned, running and finished
 * follow the programme's sessions and end date. */
static gboolean
status_by_hand (const char *command,
                const char *value,
                int        *status)
{
  if (value == NULL || g_str_equal (value, "cancelled"))
    return TRUE;
  *status = kl_cli_usage_error (command, _("--status can only be “cancelled”: a programme is planned before its "
                                           "first session, running until its end date and finished after, "
                                           "by the calendar"));
  return FALSE;
}

static int
cmd_programme_add (KlCli  *cli,
                   int     argc,
                   char  **argv)
{
  g_autoptr(KlProgramme) programme = kl_programme_new ();
  GOptionEntry entries[] = {
    { "client", 0, 0, G_OPTION_ARG_INT64, &programme->client_id, N_("Client"), N_("ID") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &programme->title, N_("Title"), N_("TITLE") },
    { "start", 0, 0, G_OPTION_ARG_STRING, &programme->start_date, N_("Start date"), N_("DATE") },
    { "end", 0, 0, G_OPTION_ARG_STRING, &programme->end_date, N_("End date"), N_("DATE") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &programme->kind,
      N_("led-skole (default), utviklingsveileder, evaluering, nettverk, konferanse or annen"), N_("KIND") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &programme->status,
      N_("cancelled; otherwise the status follows the calendar"), N_("STATUS") },
    { "lead", 0, 0, G_OPTION_ARG_INT64, &programme->lead_id, N_("Lead consultant"), N_("ID") },
    { "goals", 0, 0, G_OPTION_ARG_STRING, &programme->goals, N_("Goals"), N_("TEXT") },
    { "target-group", 0, 0, G_OPTION_ARG_STRING, &programme->target_group, N_("Target group"), N_("TEXT") },
    { "threshold", 0, 0, G_OPTION_ARG_INT, &programme->certificate_threshold,
      N_("Share of the planned hours a course certificate needs, in percent (default 80)"), N_("PERCENT") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!kl_cli_parse_options (cli, "programme add", NULL, entries, &argc, &argv, &status)
      || !kl_cli_no_extra_arguments ("programme add", argc, argv, 0, &status)
      || !kl_cli_require_option ("programme add", "--client", programme->client_id > 0, &status)
      || !kl_cli_require_option ("programme add", "--title", programme->title != NULL, &status)
      || !kl_cli_require_option ("programme add", "--start", programme->start_date != NULL, &status)
      || !kl_cli_require_option ("programme add", "--end", programme->end_date != NULL, &status))
    return status;
  if (programme->kind == NULL)
    programme->kind = g_strdup ("led-skole");
  if (!status_by_hand ("programme add", programme->status, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL || !kl_store_insert_programme (cli->db, programme, &error))
    return kl_cli_fail (error);
  return kl_cli_print_created (cli, programme->id, NULL);
}

/* Changes only what the options give; --restore takes back a cancellation. */
static int
cmd_programme_edit (KlCli  *cli,
                    int     argc,
                    char  **argv)
{
  const char *command = "programme edit";
  g_autoptr(KlProgramme) programme = NULL;
  g_autofree char *title = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *state = NULL;
  gint64 lead = -1;
  int threshold = 0;
  gboolean restore = FALSE;
  GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("Title"), N_("TITLE") },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start, N_("Start date"), N_("DATE") },
    { "end", 0, 0, G_OPTION_ARG_STRING, &end, N_("End date"), N_("DATE") },
    { "lead", 0, 0, G_OPTION_ARG_INT64, &lead, N_("Lead consultant (0: none)"), N_("ID") },
    { "threshold", 0, 0, G_OPTION_ARG_INT, &threshold,
      N_("Share of the planned hours a course certificate needs, in percent"), N_("PERCENT") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &state, N_("cancelled: the programme will not run"), N_("STATUS") },
    { "restore", 0, 0, G_OPTION_ARG_NONE, &restore,
      N_("Take back a cancellation: the status follows the calendar again"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  gint64 id;
  int status = 0;

  if (!kl_cli_parse_options (cli, command, N_("ID"), entries, &argc, &argv, &status)
      || !kl_cli_no_extra_arguments (command, argc, argv, 1, &status)
      || !kl_cli_parse_id (command, argv[1], &id, &status)
      || !status_by_hand (command, state, &status))
    return status;
  if (state != NULL && restore)
    return kl_cli_usage_error (command, _("--status cancelled and --restore contradict each other"));
  if (kl_cli_db (cli, &error) == NULL || (programme = kl_store_get_programme (cli->db, id, &error)) == NULL)
    return kl_cli_fail (error);
  if (title != NULL)
    kl_cli_set_str (&programme->title, title);
  if (start != NULL)
    kl_cli_set_str (&programme->start_date, start);
  if (end != NULL)
    kl_cli_set_str (&programme->end_date, end);
  if (lead >= 0)
    programme->lead_id = lead;
  if (threshold != 0)
    programme->certificate_threshold = threshold;
  if (state != NULL)
    kl_cli_set_str (&programme->status, state);
  else if (restore)
    kl_cli_set_str (&programme->status, NULL);
  if (!kl_store_update_programme (cli->db, programme, &error))
    return kl_cli_fail (error);
  return kl_cli_print_created (cli, programme->id, NULL);
}

static void
json_add_programme (JsonBuilder       *builder,
                    const KlProgramme *p)
{
  json_builder_begin_object (builder);
  kl_cli_json_add_int (builder, "id", p->id);
  kl_cli_json_add_int (builder, "client_id", p->client_id);
  kl_cli_json_add_string (builder, "title", p->title);
  kl_cli_json_add_string (builder, "kind", p->kind);
  kl_cli_json_add_string (builder, "start_date", p->start_date);
  kl_cli_json_add_string (builder, "end_date", p->end_date);
  kl_cli_json_add_string (builder, "status", p->status);
  kl_cli_json_add_optional (builder, "lead_id", p->lead_id, 0);
  kl_cli_json_add_string (builder, "goals", p->goals);
  kl_cli_json_add_string (builder, "target_group", p->target_group);
  kl_cli_json_add_string (builder, "where_are_we", p->q_current);
  kl_cli_json_add_string (builder, "where_do_we_want_to_go", p->q_future);
  kl_cli_json_add_string (builder, "how_do_we_get_there", p->q_process);
  kl_cli_json_add_int (builder, "certificate_threshold", p->certificate_threshold);
  kl_cli_json_add_string (builder, "created_at", p->created_at);
  kl_cli_json_add_string (builder, "updated_at", p->updated_at);
  json_builder_end_object (builder);
}

static int
cmd_programme_list (KlCli  *cli,
                    int     argc,
                    char  **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) programmes = NULL;
  int status = 0;

  if (!kl_cli_parse_options (cli, "programme list", NULL, entries, &argc, &argv, &status)
      || !kl_cli_no_extra_arguments ("programme list", argc, argv, 0, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL || (programmes = kl_store_list_programmes (cli->db, &error)) == NULL)
    return kl_cli_fail (error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < programmes->len; i++)
        json_add_programme (builder, g_ptr_array_index (programmes, i));
      json_builder_end_array (builder);
      kl_cli_print_json (builder);
      return 0;
    }
  for (guint i = 0; i < programmes->len; i++)
    {
      KlProgramme *p = g_ptr_array_index (programmes, i);

      g_print ("%6" G_GINT64_FORMAT "  %s – %s  %-9s %-18s %s\n", p->id, p->start_date, p->end_date,
               p->status, p->kind, p->title);
    }
  return 0;
}

static int
cmd_programme_show (KlCli  *cli,
                    int     argc,
                    char  **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(KlProgramme) p = NULL;
  g_autoptr(KlClient) client = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) participants = NULL;
  gint64 id = 0;
  int status = 0;

  if (!kl_cli_parse_options (cli, "programme show", "ID", entries, &argc, &argv, &status)
      || !kl_cli_no_extra_arguments ("programme show", argc, argv, 1, &status)
      || !kl_cli_parse_id ("programme show", argv[1], &id, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL
      || (p = kl_store_get_programme (cli->db, id, &error)) == NULL
      || (client = kl_store_get_client (cli->db, p->client_id, &error)) == NULL
      || (sessions = kl_store_list_sessions (cli->db, id, &error)) == NULL
      || (participants = kl_store_list_participants (cli->db, id, &error)) == NULL)
    return kl_cli_fail (error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "programme");
      json_add_programme (builder, p);
      kl_cli_json_add_string (builder, "client", client->name);
      kl_cli_json_add_int (builder, "sessions", sessions->len);
      kl_cli_json_add_int (builder, "participants", participants->len);
      json_builder_end_object (builder);
      kl_cli_print_json (builder);
      return 0;
    }
  g_print (_("Programme %lld: %s\n"), (long long) p->id, p->title);
  g_print (_("  Client:  %s (%lld)\n"), client->name, (long long) client->id);
  g_print (_("  Kind:    %s\n"), p->kind);
  g_print (_("  Period:  %s – %s\n"), p->start_date, p->end_date);
  g_print (_("  Status:  %s\n"), p->status);
  if (p->goals)
    g_print (_("  Goals:   %s\n"), p->goals);
  if (p->target_group)
    g_print (_("  For:     %s\n"), p->target_group);
  g_print (_("  %u sessions, %u participants\n"), sessions->len, participants->len);
  for (guint i = 0; i < sessions->len; i++)
    {
      KlSession *s = g_ptr_array_index (sessions, i);
      int minutes = kl_session_minutes (s);

      g_print ("    %6" G_GINT64_FORMAT "  %s  %d:%02d h  %-12s %s\n", s->id, s->starts_at,
               minutes / 60, minutes % 60, s->kind, s->title);
    }
  return 0;
}

static int
cmd_programme_delete (KlCli  *cli,
                      int     argc,
                      char  **argv)
{
  return delete_by_id (cli, "programme delete", kl_store_delete_programme, argc, argv);
}

/* sessions */

static int
cmd_session_add (KlCli  *cli,
                 int     argc,
                 char  **argv)
{
  g_autoptr(KlSession) session = kl_session_new ();
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *hours = NULL;
  g_auto(GStrv) leaders = NULL;
  g_auto(GStrv) named = NULL;
  GOptionEntry entries[] = {
    { "programme", 0, 0, G_OPTION_ARG_INT64, &session->programme_id, N_("Programme"), N_("ID") },
    { "for-workplace", 0, 0, G_OPTION_ARG_INT64, &session->audience_client_id,
      N_("Only for the participants of this workplace (a school, or a municipality with its units)"), N_("CLIENT") },
    { "for", 0, 0, G_OPTION_ARG_STRING_ARRAY, &named, N_("Only for this participant (repeat for more)"),
      N_("ID") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &session->title, N_("Title"), N_("TITLE") },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start, N_("Start, “YYYY-MM-DD HH:MM”"), N_("DATETIME") },
    { "end", 0, 0, G_OPTION_ARG_STRING, &end, N_("End, “YYYY-MM-DD HH:MM”"), N_("DATETIME") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &session->kind,
      N_("fagsamling (default), veiledning, lederseminar, lederstotte, nettverk or annen"), N_("KIND") },
    { "location", 0, 0, G_OPTION_ARG_STRING, &session->location, N_("Place"), N_("PLACE") },
    { "hours", 0, 0, G_OPTION_ARG_STRING, &hours, N_("Planned hours, if not the length"), N_("HOURS") },
    { "leader", 0, 0, G_OPTION_ARG_STRING_ARRAY, &leaders, N_("A consultant leading it (repeat for more)"),
      N_("ID") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;
  int status = 0;

  if (!kl_cli_parse_options (cli, "session add", NULL, entries, &argc, &argv, &status)
      || !kl_cli_no_extra_arguments ("session add", argc, argv, 0, &status)
      || !kl_cli_require_option ("session add", "--programme", session->programme_id > 0, &status)
      || !kl_cli_require_option ("session add", "--title", session->title != NULL, &status)
      || !kl_cli_require_option ("session add", "--start", start != NULL, &status)
      || !kl_cli_require_option ("session add", "--end", end != NULL, &status))
    return status;
  for (guint i = 0; leaders && leaders[i]; i++)
    {
      gint64 id;

      if (!kl_cli_parse_id ("session add", leaders[i], &id, &status))
        return status;
      g_array_append_val (session->leader_ids, id);
    }
  if (session->audience_client_id > 0 && named != NULL)
    return kl_cli_usage_error ("session add", _("--for-workplace and --for contradict each other: a session is for "
                                                "one workplace or for named participants"));
  if (session->audience_client_id > 0)
    session->audience = g_strdup ("workplace");
  for (guint i = 0; named && named[i]; i++)
    {
      gint64 id;

      if (!kl_cli_parse_id ("session add", named[i], &id, &status))
        return status;
      g_array_append_val (session->audience_ids, id);
      kl_cli_set_str (&session->audience, "named");
    }
  if (session->kind == NULL)
    session->kind = g_strdup ("fagsamling");
  session->starts_at = kl_cli_normalize_datetime (start);
  session->ends_at = kl_cli_normalize_datetime (end);
  if ((hours != NULL && !kl_cli_parse_hours (hours, &session->planned_minutes, &error))
      || kl_cli_db (cli, &error) == NULL
      || !kl_store_insert_session (cli->db, session, &error))
    return kl_cli_fail (error);
  warning = kl_store_session_warning (cli->db, session, NULL);
  return kl_cli_print_created (cli, session->id, warning);
}

static int
cmd_session_list (KlCli  *cli,
                  int     argc,
                  char  **argv)
{
  gint64 programme_id = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  int status = 0;

  if (!kl_cli_parse_programme (cli, "session list", &argc, &argv, &programme_id, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL
      || (sessions = kl_store_list_sessions (cli->db, programme_id, &error)) == NULL)
    return kl_cli_fail (error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < sessions->len; i++)
        {
          KlSession *s = g_ptr_array_index (sessions, i);

          json_builder_begin_object (builder);
          kl_cli_json_add_int (builder, "id", s->id);
          kl_cli_json_add_int (builder, "programme_id", s->programme_id);
          kl_cli_json_add_string (builder, "kind", s->kind);
          kl_cli_json_add_string (builder, "title", s->title);
          kl_cli_json_add_string (builder, "start", s->starts_at);
          kl_cli_json_add_string (builder, "end", s->ends_at);
          kl_cli_json_add_string (builder, "location", s->location);
          kl_cli_json_add_int (builder, "planned_minutes", kl_session_minutes (s));
          json_builder_set_member_name (builder, "leaders");
          json_builder_begin_array (builder);
          for (guint j = 0; j < s->leader_ids->len; j++)
            json_builder_add_int_value (builder, g_array_index (s->leader_ids, gint64, j));
          json_builder_end_array (builder);
          json_builder_set_member_name (builder, "audience");
          json_builder_begin_object (builder);
          kl_cli_json_add_string (builder, "for", kl_session_audience (s));
          kl_cli_json_add_optional (builder, "workplace_id", s->audience_client_id, 0);
          json_builder_set_member_name (builder, "participants");
          json_builder_begin_array (builder);
          for (guint j = 0; j < s->audience_ids->len; j++)
            json_builder_add_int_value (builder, g_array_index (s->audience_ids, gint64, j));
          json_builder_end_array (builder);
          json_builder_end_object (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      kl_cli_print_json (builder);
      return 0;
    }
  for (guint i = 0; i < sessions->len; i++)
    {
      KlSession *s = g_ptr_array_index (sessions, i);
      int minutes = kl_session_minutes (s);

      g_print ("%6" G_GINT64_FORMAT "  %s  %d:%02d h  %-12s %s  %s\n", s->id, s->starts_at,
               minutes / 60, minutes % 60, s->kind, s->title, s->location ? s->location : "");
    }
  return 0;
}

/* participants */

static int
cmd_participant_add (KlCli  *cli,
                     int     argc,
                     char  **argv)
{
  g_autoptr(KlParticipant) participant = kl_participant_new ();
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &participant->name, N_("Name"), N_("NAME") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &participant->email, N_("E-mail"), N_("EMAIL") },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &participant->phone, N_("Phone"), N_("PHONE") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &participant->role, N_("Role, e.g. rektor, inspektør, styrer"), N_("ROLE") },
    { "workplace", 0, 0, G_OPTION_ARG_INT64, &participant->workplace_id, N_("Workplace (a client)"), N_("ID") },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &participant->notes, N_("Notes"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!kl_cli_parse_options (cli, "participant add", NULL, entries, &argc, &argv, &status)
      || !kl_cli_no_extra_arguments ("participant add", argc, argv, 0, &status)
      || !kl_cli_require_option ("participant add", "--name", participant->name != NULL, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL || !kl_store_insert_participant (cli->db, participant, &error))
    return kl_cli_fail (error);
  return kl_cli_print_created (cli, participant->id, NULL);
}

static int
cmd_participant_list (KlCli  *cli,
                      int     argc,
                      char  **argv)
{
  gint64 programme_id = 0;
  GOptionEntry entries[] = {
    { "programme", 0, 0, G_OPTION_ARG_INT64, &programme_id, N_("Only those enrolled in this programme"), N_("ID") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) participants = NULL;
  int status = 0;

  if (!kl_cli_parse_options (cli, "participant list", NULL, entries, &argc, &argv, &status)
      || !kl_cli_no_extra_arguments ("participant list", argc, argv, 0, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL
      || (participants = kl_store_list_participants (cli->db, programme_id, &error)) == NULL)
    return kl_cli_fail (error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < participants->len; i++)
        {
          KlParticipant *p = g_ptr_array_index (participants, i);

          json_builder_begin_object (builder);
          kl_cli_json_add_int (builder, "id", p->id);
          kl_cli_json_add_string (builder, "name", p->name);
          kl_cli_json_add_string (builder, "email", p->email);
          kl_cli_json_add_string (builder, "phone", p->phone);
          kl_cli_json_add_string (builder, "role", p->role);
          kl_cli_json_add_optional (builder, "workplace_id", p->workplace_id, 0);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      kl_cli_print_json (builder);
      return 0;
    }
  for (guint i = 0; i < participants->len; i++)
    {
      KlParticipant *p = g_ptr_array_index (participants, i);

      g_print ("%6" G_GINT64_FORMAT "  %-32s %-16s %s\n", p->id, p->name, p->role ? p->role : "",
               p->email ? p->email : "");
    }
  return 0;
}

static int
cmd_participant_roles (KlCli  *cli,
                       int     argc,
                       char  **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) roles = NULL;
  int status = 0;

  if (!kl_cli_parse_options (cli, "participant roles", NULL, entries, &argc, &argv, &status)
      || !kl_cli_no_extra_arguments ("participant roles", argc, argv, 0, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL || (roles = kl_store_role_suggestions (cli->db, &error)) == NULL)
    return kl_cli_fail (error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; roles[i]; i++)
        json_builder_add_string_value (builder, roles[i]);
      json_builder_end_array (builder);
      kl_cli_print_json (builder);
      return 0;
    }
  for (guint i = 0; roles[i]; i++)
    g_print ("%s\n", roles[i]);
  return 0;
}

static int
cmd_participant_delete (KlCli  *cli,
                        int     argc,
                        char  **argv)
{
  return delete_by_id (cli, "participant delete", kl_store_delete_participant, argc, argv);
}

static int
cmd_enrol (KlCli  *cli,
           int     argc,
           char  **argv)
{
  g_autoptr(KlEnrolment) enrolment = kl_enrolment_new ();
  GOptionEntry entries[] = {
    { "programme", 0, 0, G_OPTION_ARG_INT64, &enrolment->programme_id, N_("Programme"), N_("ID") },
    { "participant", 0, 0, G_OPTION_ARG_INT64, &enrolment->participant_id, N_("Participant"), N_("ID") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &enrolment->from_date, N_("Enrolled from"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &enrolment->to_date, N_("Enrolled until"), N_("DATE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!kl_cli_parse_options (cli, "enrol", NULL, entries, &argc, &argv, &status)
      || !kl_cli_no_extra_arguments ("enrol", argc, argv, 0, &status)
      || !kl_cli_require_option ("enrol", "--programme", enrolment->programme_id > 0, &status)
      || !kl_cli_require_option ("enrol", "--participant", enrolment->participant_id > 0, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL || !kl_store_enrol (cli->db, enrolment, &error))
    return kl_cli_fail (error);
  return kl_cli_print_created (cli, enrolment->id, NULL);
}

/* Who needs a word from the consultant: out of the threshold's reach, or
 * two or more sessions missed in a row. */
static int
cmd_attendance_warnings (KlCli  *cli,
                         int     argc,
                         char  **argv)
{
  gint64 programme_id = 0;
  GOptionEntry entries[] = {
    { "programme", 0, 0, G_OPTION_ARG_INT64, &programme_id, N_("One programme (default: every running one)"), N_("ID") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autofree char *now_text = kl_clock_now_minutes ();
  int status = 0;

  if (!kl_cli_parse_options (cli, "attendance warnings", NULL, entries, &argc, &argv, &status)
      || !kl_cli_no_extra_arguments ("attendance warnings", argc, argv, 0, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL
      || (warnings = kl_progress_warnings (cli->db, programme_id, now_text, &error)) == NULL)
    return kl_cli_fail (error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < warnings->len; i++)
        {
          KlAbsenceWarning *warning = g_ptr_array_index (warnings, i);

          json_builder_begin_object (builder);
          kl_cli_json_add_int (builder, "programme", warning->programme_id);
          kl_cli_json_add_int (builder, "participant", warning->participant_id);
          kl_cli_json_add_string (builder, "name", warning->name);
          kl_cli_json_add_int (builder, "attended_minutes", warning->progress.attended_minutes);
          kl_cli_json_add_int (builder, "planned_minutes", warning->progress.planned_minutes);
          kl_cli_json_add_int (builder, "remaining_minutes", warning->progress.remaining_minutes);
          kl_cli_json_add_int (builder, "unrecorded_minutes", warning->progress.unrecorded_minutes);
          json_builder_set_member_name (builder, "out_of_reach");
          json_builder_add_boolean_value (builder, warning->progress.out_of_reach);
          kl_cli_json_add_int (builder, "absences_in_a_row", warning->progress.absences_in_a_row);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      kl_cli_print_json (builder);
      return 0;
    }
  if (warnings->len == 0)
    g_print (_("No absence warnings.\n"));
  for (guint i = 0; i < warnings->len; i++)
    {
      KlAbsenceWarning *warning = g_ptr_array_index (warnings, i);
      g_autofree char *reason = kl_absence_warning_describe (warning);

      g_print ("%-28s  %-24s  %s\n", warning->programme_title, warning->name, reason);
    }
  return 0;
}

/* The daily work: held sessions where someone expected has no mark. */
static int
cmd_attendance_unrecorded (KlCli  *cli,
                           int     argc,
                           char  **argv)
{
  const char *command = "attendance unrecorded";
  gint64 programme_id = 0;
  g_autofree char *since = NULL;
  GOptionEntry entries[] = {
    { "programme", 0, 0, G_OPTION_ARG_INT64, &programme_id, N_("One programme (default: all)"), N_("ID") },
    { "since", 0, 0, G_OPTION_ARG_STRING, &since, N_("Sessions from this date on"), N_("DATE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  int status = 0;

  if (!kl_cli_parse_options (cli, command, NULL, entries, &argc, &argv, &status)
      || !kl_cli_no_extra_arguments (command, argc, argv, 0, &status))
    return status;
  if ((since != NULL && !kl_validate_date (_("Since"), since, &error))
      || kl_cli_db (cli, &error) == NULL
      || (rows = kl_progress_unrecorded (cli->db, programme_id, since, &error)) == NULL)
    return kl_cli_fail (error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < rows->len; i++)
        {
          KlUnrecorded *row = g_ptr_array_index (rows, i);

          json_builder_begin_object (builder);
          kl_cli_json_add_int (builder, "session_id", row->session_id);
          kl_cli_json_add_int (builder, "programme_id", row->programme_id);
          kl_cli_json_add_string (builder, "date", row->date);
          kl_cli_json_add_string (builder, "title", row->title);
          kl_cli_json_add_int (builder, "missing", row->missing);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      kl_cli_print_json (builder);
      return 0;
    }
  if (rows->len == 0)
    g_print (_("Every held session is recorded.\n"));
  for (guint i = 0; i < rows->len; i++)
    {
      KlUnrecorded *row = g_ptr_array_index (rows, i);

      g_print (_("%s  %6lld  %-28s  %-24s  %u without a mark\n"), row->date, (long long) row->session_id, row->programme_title, row->title, row->missing);
    }
  return 0;
}

static int
cmd_attend (KlCli  *cli,
            int     argc,
            char  **argv)
{
  g_autoptr(KlAttendance) mark = kl_attendance_new ();
  g_autofree char *hours = NULL;
  GOptionEntry entries[] = {
    { "session", 0, 0, G_OPTION_ARG_INT64, &mark->session_id, N_("Session"), N_("ID") },
    { "participant", 0, 0, G_OPTION_ARG_INT64, &mark->participant_id, N_("Participant"), N_("ID") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &mark->status, N_("present, absent, excused or partial"), N_("STATUS") },
    { "hours", 0, 0, G_OPTION_ARG_STRING, &hours, N_("Hours attended, for partial"), N_("HOURS") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!kl_cli_parse_options (cli, "attend", NULL, entries, &argc, &argv, &status)
      || !kl_cli_no_extra_arguments ("attend", argc, argv, 0, &status)
      || !kl_cli_require_option ("attend", "--session", mark->session_id > 0, &status)
      || !kl_cli_require_option ("attend", "--participant", mark->participant_id > 0, &status)
      || !kl_cli_require_option ("attend", "--status", mark->status != NULL, &status))
    return status;
  if ((hours != NULL && !kl_cli_parse_hours (hours, &mark->minutes, &error))
      || kl_cli_db (cli, &error) == NULL
      || !kl_store_set_attendance (cli->db, mark, &error))
    return kl_cli_fail (error);
  return kl_cli_print_created (cli, mark->id, NULL);
}

/* search */

static int
cmd_search (KlCli  *cli,
            int     argc,
            char  **argv)
{
  int limit = 50;
  GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N hits (default 50)"), N_("N") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *text = NULL;
  int status = 0;

  if (!kl_cli_parse_options (cli, "search", N_("TEXT…"), entries, &argc, &argv, &status))
    return status;
  if (argc < 2)
    return kl_cli_usage_error ("search", _("what to search for is missing"));
  text = g_strjoinv (" ", argv + 1);
  if (kl_cli_db (cli, &error) == NULL || (hits = kl_store_search (cli->db, text, limit, &error)) == NULL)
    return kl_cli_fail (error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < hits->len; i++)
        {
          KlSearchHit *hit = g_ptr_array_index (hits, i);

          json_builder_begin_object (builder);
          kl_cli_json_add_string (builder, "kind", hit->kind);
          kl_cli_json_add_int (builder, "id", hit->id);
          kl_cli_json_add_string (builder, "title", hit->title);
          kl_cli_json_add_string (builder, "snippet", hit->snippet);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      kl_cli_print_json (builder);
      return 0;
    }
  for (guint i = 0; i < hits->len; i++)
    {
      KlSearchHit *hit = g_ptr_array_index (hits, i);

      g_print ("%-12s %6" G_GINT64_FORMAT "  %s\n", hit->kind, hit->id, hit->title);
    }
  return 0;
}

/* The model's commands */

const KlCommand kl_cli_model_commands[] = {
  { "init", NULL, cmd_init, N_("Create or upgrade the database") },
  { "demo", NULL, cmd_demo, N_("Fill an empty database with realistic sample data") },
  { "settings", "set", cmd_settings_set, N_("Set IMTEC's own details (the sender on exports)") },
  { "settings", "show", cmd_settings_show, N_("Show IMTEC's own details") },
  { "client", "add", cmd_client_add, N_("Add a client") },
  { "client", "list", cmd_client_list, N_("List clients") },
  { "client", "show", cmd_client_show, N_("Show a client and its legal entity") },
  { "client", "delete", cmd_client_delete, N_("Delete a client nothing depends on") },
  { "consultant", "add", cmd_consultant_add, N_("Add a consultant or external speaker") },
  { "consultant", "list", cmd_consultant_list, N_("List consultants") },
  { "consultant", "delete", cmd_consultant_delete, N_("Delete a consultant nothing depends on") },
  { "programme", "add", cmd_programme_add, N_("Add a programme") },
  { "programme", "list", cmd_programme_list, N_("List programmes") },
  { "programme", "show", cmd_programme_show, N_("Show a programme and its sessions") },
  { "programme", "edit", cmd_programme_edit, N_("Change a programme, or cancel it") },
  { "programme", "delete", cmd_programme_delete, N_("Delete a programme nothing depends on") },
  { "session", "add", cmd_session_add, N_("Add a session to a programme") },
  { "session", "list", cmd_session_list, N_("List a programme's sessions") },
  { "participant", "add", cmd_participant_add, N_("Add a participant") },
  { "participant", "list", cmd_participant_list, N_("List participants") },
  { "participant", "roles", cmd_participant_roles, N_("List the role suggestions (usual roles and those in use)") },
  { "participant", "delete", cmd_participant_delete, N_("Delete a participant nothing depends on") },
  { "enrol", NULL, cmd_enrol, N_("Enrol a participant in a programme") },
  { "attendance", "unrecorded", cmd_attendance_unrecorded, N_("Held sessions where someone expected has no mark yet") },
  { "attendance", "warnings", cmd_attendance_warnings, N_("Participants who cannot reach the certificate threshold or missed two sessions in a row") },
  { "attend", NULL, cmd_attend, N_("Mark a participant's attendance at a session") },
  { "search", NULL, cmd_search, N_("Search clients, programmes, participants and consultants") },
  { NULL }
};

/* Dispatch */

/* In the order --help lists them. */
static const KlCommand *const command_tables[] = {
  kl_cli_model_commands,
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
