#include "config.h"

#include <glib/gi18n.h>

#include "kl-cli-private.h"
#include "kl-store.h"

/* Consultants: IMTEC's own staff and external speakers. */

static void
describe_consultant (KlCliRecord   *record,
                     gconstpointer  item)
{
  const KlConsultant *c = item;

  kl_cli_record_int (record, "id", "%6lld  ", c->id);
  kl_cli_record_int (record, "version", NULL, c->version);
  kl_cli_record_text (record, "name", NULL, c->name);
  kl_cli_record_text (record, "email", NULL, c->email);
  kl_cli_record_text (record, "phone", NULL, c->phone);
  kl_cli_record_bool (record, "external", c->external);
  kl_cli_record_print (record, "%-8s ", c->external ? _("external") : _("IMTEC"));
  kl_cli_record_amount (record, NULL, "%16s  ", c->day_rate_ore);
  kl_cli_record_int (record, "day_rate_ore", NULL, c->day_rate_ore);
  kl_cli_record_print (record, "%s\n", c->name);
}

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

  if (!kl_cli_parse_options_only (cli, "consultant add", entries, &argc, &argv, &status)
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
  return kl_cli_list_command (cli, "consultant list", argc, argv, kl_store_list_consultants, describe_consultant);
}

static int
cmd_consultant_delete (KlCli  *cli,
                       int     argc,
                       char  **argv)
{
  return kl_cli_delete_by_id (cli, "consultant delete", kl_store_delete_consultant, argc, argv);
}

const KlCommand kl_cli_consultant_commands[] = {
  { "consultant", "add", cmd_consultant_add, N_("Add a consultant or external speaker") },
  { "consultant", "list", cmd_consultant_list, N_("List consultants") },
  { "consultant", "delete", cmd_consultant_delete, N_("Delete a consultant nothing depends on") },
  { NULL }
};
