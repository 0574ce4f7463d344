#include "config.h"

#include <glib/gi18n.h>

#include "kl-cli-private.h"
#include "kl-store.h"

/* Clients: municipalities, schools and the others IMTEC works for. */

/* A client as JSON, and as a row of the list. */
static void
describe_client (KlCliRecord   *record,
                 gconstpointer  item)
{
  const KlClient *client = item;

  kl_cli_record_int (record, "id", "%6lld  ", client->id);
  kl_cli_record_int (record, "version", NULL, client->version);
  kl_cli_record_text (record, "name", NULL, client->name);
  kl_cli_record_label (record, "kind", "%s ", KL_LABELS_CLIENT_KIND, client->kind, 14);
  kl_cli_record_ref (record, "parent_id", NULL, client->parent_id);
  kl_cli_record_dash (record, "orgnr", "%-9s  ", client->orgnr);
  kl_cli_record_text (record, "account", NULL, client->account);
  kl_cli_record_text (record, "address", NULL, client->address);
  kl_cli_record_text (record, "invoice_email", NULL, client->invoice_email);
  kl_cli_record_text (record, "contact_name", NULL, client->contact_name);
  kl_cli_record_text (record, "contact_email", NULL, client->contact_email);
  kl_cli_record_text (record, "contact_phone", NULL, client->contact_phone);
  kl_cli_record_text (record, "notes", NULL, client->notes);
  kl_cli_record_text (record, "created_at", NULL, client->created_at);
  kl_cli_record_text (record, "updated_at", NULL, client->updated_at);
  kl_cli_record_print (record, "%s\n", client->name);
}

/* The client with its legal entity (record->data: its id, 0 for none). */
static void
describe_client_details (KlCliRecord   *record,
                         gconstpointer  item)
{
  const KlClient *client = item;
  gint64 legal = *(const gint64 *) record->data;

  kl_cli_record_object (record, NULL, describe_client, client);
  kl_cli_record_print (record, _("Client %lld: %s\n"), (long long) client->id, client->name);
  kl_cli_record_label (record, NULL, _("  Kind:          %s\n"), KL_LABELS_CLIENT_KIND, client->kind, 0);
  kl_cli_record_ref (record, NULL, _("  Under:         %lld\n"), client->parent_id);
  kl_cli_record_dash (record, NULL, _("  Org number:    %s\n"), client->orgnr);
  /* the legal entity is not a column */
  kl_cli_record_ref (record, "legal_entity_id", _("  Legal entity:  %lld\n"), legal);
  if (legal <= 0)
    kl_cli_record_print (record, _("  Legal entity:  none (no org number here or above)\n"));
  kl_cli_record_dash (record, NULL, _("  Bank account:  %s\n"), client->account);
  kl_cli_record_dash (record, NULL, _("  Address:       %s\n"), client->address);
  kl_cli_record_dash (record, NULL, _("  Invoice email: %s\n"), client->invoice_email);
  kl_cli_record_print (record, _("  Contact:       %s %s %s\n"), kl_cli_or_dash (client->contact_name),
                       client->contact_email ? client->contact_email : "",
                       client->contact_phone ? client->contact_phone : "");
  kl_cli_record_text (record, NULL, client->notes ? _("  Notes:         %s\n") : NULL, client->notes);
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

  if (!kl_cli_parse_options_only (cli, "client add", entries, &argc, &argv, &status)
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
  return kl_cli_list_command (cli, "client list", argc, argv, kl_store_list_clients, describe_client);
}

static int
cmd_client_show (KlCli  *cli,
                 int     argc,
                 char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlClient) client = NULL;
  gint64 id = 0;
  gint64 legal = 0;
  int status = 0;

  if (!kl_cli_parse_arguments (cli, "client show", "ID", 1, &argc, &argv, &status)
      || !kl_cli_parse_id ("client show", argv[1], &id, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL || (client = kl_store_get_client (cli->db, id, &error)) == NULL)
    return kl_cli_fail (error);
  legal = MAX (kl_store_legal_entity (cli->db, id, NULL), 0);
  kl_cli_print_record (cli, describe_client_details, client, &legal);
  return 0;
}

static int
cmd_client_delete (KlCli  *cli,
                   int     argc,
                   char  **argv)
{
  return kl_cli_delete_by_id (cli, "client delete", kl_store_delete_client, argc, argv);
}

const KlCommand kl_cli_client_commands[] = {
  { "client", "add", cmd_client_add, N_("Add a client") },
  { "client", "list", cmd_client_list, N_("List clients") },
  { "client", "show", cmd_client_show, N_("Show a client and its legal entity") },
  { "client", "delete", cmd_client_delete, N_("Delete a client nothing depends on") },
  { NULL }
};
