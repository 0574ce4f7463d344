#include "config.h"

#include <glib/gi18n.h>

#include "kl-audit.h"
#include "kl-cli-private.h"

/* audit: a programme's history of changes, newest first. */

/* record->data: the language of the descriptions. */
static void
describe_change (KlCliRecord   *record,
                 gconstpointer  item)
{
  const KlAuditRecord *r = item;
  g_autofree char *description = kl_audit_describe (r, *(const KlLang *) record->data);
  g_autofree char *when = record->text ? kl_audit_format_time (r) : NULL;

  kl_cli_record_int (record, "id", NULL, r->id);
  kl_cli_record_text (record, "at", NULL, r->at);
  kl_cli_record_print (record, "%s  ", when);
  kl_cli_record_text (record, "os_user", "%-10s  ", r->os_user);
  kl_cli_record_int (record, "programme_id", NULL, r->programme_id);
  kl_cli_record_text (record, "entity", NULL, r->entity);
  kl_cli_record_int (record, "entity_id", NULL, r->entity_id);
  kl_cli_record_text (record, "action", NULL, r->action);
  /* As stored: money in øre, a whole record as JSON text. */
  kl_cli_record_text (record, "field", NULL, r->field);
  kl_cli_record_text (record, "old_value", NULL, r->old_value);
  kl_cli_record_text (record, "new_value", NULL, r->new_value);
  kl_cli_record_ref (record, "session_id", NULL, r->session_id);
  kl_cli_record_ref (record, "participant_id", NULL, r->participant_id);
  kl_cli_record_text (record, "description", "%s\n", description);
}

static int
cmd_audit (KlCli  *cli,
           int     argc,
           char  **argv)
{
  gint64 programme_id = 0;
  int limit = 0;
  GOptionEntry entries[] = {
    { "programme", 0, 0, G_OPTION_ARG_INT64, &programme_id, N_("Programme"), N_("ID") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Only the newest N changes"), N_("N") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  int status = 0;

  if (!kl_cli_parse_options_only (cli, "audit", entries, &argc, &argv, &status)
      || !kl_cli_require_option ("audit", "--programme", programme_id > 0, &status))
    return status;
  if (limit < 0)
    return kl_cli_usage_error ("audit", _("--limit must be 0 (all) or more"));
  if (kl_cli_db (cli, &error) == NULL
      || (records = kl_audit_list (cli->db, programme_id, (guint) limit, &error)) == NULL)
    return kl_cli_fail (error);
  if (!cli->json && records->len == 0)
    g_print (_("No changes recorded for programme %lld.\n"), (long long) programme_id);
  kl_cli_print_list (cli, describe_change, records, &cli->lang, NULL);
  return 0;
}

const KlCommand kl_cli_audit_commands[] = {
  { "audit", NULL, cmd_audit, N_("Show who changed what in a programme, newest first") },
  { NULL }
};
