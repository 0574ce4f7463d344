#include "config.h"

#include <glib/gi18n.h>

#include "kl-cli-private.h"
#include "kl-store.h"

/* search: clients, programmes, participants and consultants by text. */

static void
describe_hit (KlCliRecord   *record,
              gconstpointer  item)
{
  const KlSearchHit *hit = item;
  static const char *const kinds[] = { "client", "programme", "participant", "consultant" };
  g_autofree char *kind = NULL;
  int width = 12;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    width = MAX (width, g_utf8_strlen (kl_label_search_kind (kinds[i]), -1));
  kind = kl_cli_pad (kl_label_search_kind (hit->kind), width);

  kl_cli_record_text (record, "kind", NULL, hit->kind);
  kl_cli_record_print (record, "%s ", kind);
  kl_cli_record_int (record, "id", "%6lld  ", hit->id);
  kl_cli_record_text (record, "title", "%s\n", hit->title);
  kl_cli_record_text (record, "snippet", NULL, hit->snippet);
}

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
  kl_cli_print_list (cli, describe_hit, hits, NULL, NULL);
  return 0;
}

const KlCommand kl_cli_search_commands[] = {
  { "search", NULL, cmd_search, N_("Search clients, programmes, participants and consultants") },
  { NULL }
};
