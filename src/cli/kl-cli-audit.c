#include "config.h"

#include <glib/gi18n.h>

#include "kl-audit.h"
#include "kl-cli-private.h"

/* audit: a programme's history of changes, newest first. */

static void
print_json (GPtrArray *records,
            KlLang     lang)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < records->len; i++)
    {
      KlAuditRecord *r = g_ptr_array_index (records, i);
      g_autofree char *description = kl_audit_describe (r, lang);

      json_builder_begin_object (builder);
      kl_cli_json_add_int (builder, "id", r->id);
      kl_cli_json_add_string (builder, "at", r->at);
      kl_cli_json_add_string (builder, "os_user", r->os_user);
      kl_cli_json_add_int (builder, "programme_id", r->programme_id);
      kl_cli_json_add_string (builder, "entity", r->entity);
      kl_cli_json_add_int (builder, "entity_id", r->entity_id);
      kl_cli_json_add_string (builder, "action", r->action);
      /* As stored: money in øre, a whole record as JSON text. */
      kl_cli_json_add_string (builder, "field", r->field);
      kl_cli_json_add_string (builder, "old_value", r->old_value);
      kl_cli_json_add_string (builder, "new_value", r->new_value);
      kl_cli_json_add_optional (builder, "session_id", r->session_id, 0);
      kl_cli_json_add_optional (builder, "participant_id", r->participant_id, 0);
      kl_cli_json_add_string (builder, "description", description);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  kl_cli_print_json (builder);
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

  if (!kl_cli_parse_options (cli, "audit", NULL, entries, &argc, &argv, &status)
      || !kl_cli_no_extra_arguments ("audit", argc, argv, 0, &status)
      || !kl_cli_require_option ("audit", "--programme", programme_id > 0, &status))
    return status;
  if (limit < 0)
    return kl_cli_usage_error ("audit", _("--limit must be 0 (all) or more"));
  if (kl_cli_db (cli, &error) == NULL
      || (records = kl_audit_list (cli->db, programme_id, (guint) limit, &error)) == NULL)
    return kl_cli_fail (error);
  if (cli->json)
    {
      print_json (records, cli->lang);
      return 0;
    }
  if (records->len == 0)
    g_print (_("No changes recorded for programme %lld.\n"), (long long) programme_id);
  for (guint i = 0; i < records->len; i++)
    {
      KlAuditRecord *r = g_ptr_array_index (records, i);
      g_autofree char *when = kl_audit_format_time (r);
      g_autofree char *description = kl_audit_describe (r, cli->lang);

      g_print ("%s  %-10s  %s\n", when, r->os_user, description);
    }
  return 0;
}

const KlCommand kl_cli_audit_commands[] = {
  { "audit", NULL, cmd_audit, N_("Show who changed what in a programme, newest first") },
  { NULL }
};
