#include "config.h"

#include <glib/gi18n.h>

#include "kl-cli-private.h"
#include "kl-store.h"

/* Programmes: add, change or cancel, list, show, delete. */

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

  if (!kl_cli_parse_options_only (cli, "programme add", entries, &argc, &argv, &status)
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
  gint64 if_version = 0;
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
    { "if-version", 0, 0, G_OPTION_ARG_INT64, &if_version,
      N_("Change it only if it is still at this version (its JSON's \"version\"); else refuse"), N_("N") },
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
  if (if_version > 0)
    programme->version = if_version;
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

/* A programme as JSON, and as a row of the list. */
static void
describe_programme (KlCliRecord   *record,
                    gconstpointer  item)
{
  const KlProgramme *p = item;

  kl_cli_record_int (record, "id", "%6lld  ", p->id);
  kl_cli_record_int (record, "version", NULL, p->version);
  kl_cli_record_int (record, "client_id", NULL, p->client_id);
  kl_cli_record_text (record, "title", NULL, p->title);
  kl_cli_record_text (record, "kind", NULL, p->kind);
  kl_cli_record_text (record, "start_date", "%s – ", p->start_date);
  kl_cli_record_text (record, "end_date", "%s  ", p->end_date);
  kl_cli_record_label (record, "status", "%s ", KL_LABELS_PROGRAMME_STATUS, p->status, 9);
  kl_cli_record_label (record, NULL, "%s ", KL_LABELS_PROGRAMME_KIND, p->kind, 18);
  kl_cli_record_print (record, "%s\n", p->title);
  kl_cli_record_ref (record, "lead_id", NULL, p->lead_id);
  kl_cli_record_text (record, "goals", NULL, p->goals);
  kl_cli_record_text (record, "target_group", NULL, p->target_group);
  kl_cli_record_text (record, "where_are_we", NULL, p->q_current);
  kl_cli_record_text (record, "where_do_we_want_to_go", NULL, p->q_future);
  kl_cli_record_text (record, "how_do_we_get_there", NULL, p->q_process);
  kl_cli_record_int (record, "certificate_threshold", NULL, p->certificate_threshold);
  kl_cli_record_text (record, "created_at", NULL, p->created_at);
  kl_cli_record_text (record, "updated_at", NULL, p->updated_at);
}

static int
cmd_programme_list (KlCli  *cli,
                    int     argc,
                    char  **argv)
{
  return kl_cli_list_command (cli, "programme list", argc, argv, kl_store_list_programmes, describe_programme);
}

/* What "programme show" tells besides the programme's own fields. */
typedef struct
{
  KlProgramme *programme;
  KlClient *client;
  GPtrArray *sessions;
  GPtrArray *participants;
} ProgrammeDetails;

static void
describe_programme_details (KlCliRecord   *record,
                            gconstpointer  item)
{
  const ProgrammeDetails *details = item;
  const KlProgramme *p = details->programme;

  kl_cli_record_object (record, "programme", describe_programme, p);
  kl_cli_record_print (record, _("Programme %lld: %s\n"), (long long) p->id, p->title);
  kl_cli_record_text (record, "client", NULL, details->client->name);
  kl_cli_record_print (record, _("  Client:  %s (%lld)\n"), details->client->name, (long long) details->client->id);
  kl_cli_record_label (record, NULL, _("  Kind:    %s\n"), KL_LABELS_PROGRAMME_KIND, p->kind, 0);
  kl_cli_record_print (record, _("  Period:  %s – %s\n"), p->start_date, p->end_date);
  kl_cli_record_label (record, NULL, _("  Status:  %s\n"), KL_LABELS_PROGRAMME_STATUS, p->status, 0);
  kl_cli_record_text (record, NULL, p->goals ? _("  Goals:   %s\n") : NULL, p->goals);
  kl_cli_record_text (record, NULL, p->target_group ? _("  For:     %s\n") : NULL, p->target_group);
  kl_cli_record_int (record, "sessions", NULL, details->sessions->len);
  kl_cli_record_int (record, "participants", NULL, details->participants->len);
  kl_cli_record_print (record, _("  %u sessions, %u participants\n"), details->sessions->len,
                       details->participants->len);
  for (guint i = 0; i < details->sessions->len; i++)
    {
      KlSession *s = g_ptr_array_index (details->sessions, i);
      int minutes = kl_session_minutes (s);
      g_autofree char *kind = kl_cli_label_column (KL_LABELS_SESSION_KIND, s->kind, 12);

      kl_cli_record_print (record, "    %6" G_GINT64_FORMAT "  %s  %d:%02d h  %s %s\n", s->id, s->starts_at,
                           minutes / 60, minutes % 60, kind, s->title);
    }
}

static int
cmd_programme_show (KlCli  *cli,
                    int     argc,
                    char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlProgramme) p = NULL;
  g_autoptr(KlClient) client = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) participants = NULL;
  gint64 id = 0;
  int status = 0;

  if (!kl_cli_parse_arguments (cli, "programme show", "ID", 1, &argc, &argv, &status)
      || !kl_cli_parse_id ("programme show", argv[1], &id, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL
      || (p = kl_store_get_programme (cli->db, id, &error)) == NULL
      || (client = kl_store_get_client (cli->db, p->client_id, &error)) == NULL
      || (sessions = kl_store_list_sessions (cli->db, id, &error)) == NULL
      || (participants = kl_store_list_participants (cli->db, id, &error)) == NULL)
    return kl_cli_fail (error);
  kl_cli_print_record (cli, describe_programme_details,
                       &(ProgrammeDetails) { p, client, sessions, participants }, NULL);
  return 0;
}

static int
cmd_programme_delete (KlCli  *cli,
                      int     argc,
                      char  **argv)
{
  return kl_cli_delete_by_id (cli, "programme delete", kl_store_delete_programme, argc, argv);
}

const KlCommand kl_cli_programme_commands[] = {
  { "programme", "add", cmd_programme_add, N_("Add a programme") },
  { "programme", "list", cmd_programme_list, N_("List programmes") },
  { "programme", "show", cmd_programme_show, N_("Show a programme and its sessions") },
  { "programme", "edit", cmd_programme_edit, N_("Change a programme, or cancel it") },
  { "programme", "delete", cmd_programme_delete, N_("Delete a programme nothing depends on") },
  { NULL }
};
