#include "config.h"

#include <glib/gi18n.h>

#include "kl-cli-private.h"
#include "kl-store.h"

/* A programme's sessions, one at a time ("session repeat" adds a series). */

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

  if (!kl_cli_parse_options_only (cli, "session add", entries, &argc, &argv, &status)
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

/* Whom a session is for: JSON only. */
static void
describe_audience (KlCliRecord   *record,
                   gconstpointer  item)
{
  const KlSession *s = item;

  kl_cli_record_text (record, "for", NULL, kl_session_audience (s));
  kl_cli_record_ref (record, "workplace_id", NULL, s->audience_client_id);
  kl_cli_record_ids (record, "participants", s->audience_ids);
}

static void
describe_session (KlCliRecord   *record,
                  gconstpointer  item)
{
  const KlSession *s = item;
  int minutes = kl_session_minutes (s);
  g_autofree char *kind = record->text ? kl_cli_label_column (KL_LABELS_SESSION_KIND, s->kind, 12) : NULL;

  kl_cli_record_int (record, "id", NULL, s->id);
  kl_cli_record_int (record, "version", NULL, s->version);
  kl_cli_record_int (record, "programme_id", NULL, s->programme_id);
  kl_cli_record_text (record, "kind", NULL, s->kind);
  kl_cli_record_text (record, "title", NULL, s->title);
  kl_cli_record_text (record, "start", NULL, s->starts_at);
  kl_cli_record_text (record, "end", NULL, s->ends_at);
  kl_cli_record_text (record, "location", NULL, s->location);
  kl_cli_record_int (record, "planned_minutes", NULL, minutes);
  kl_cli_record_ids (record, "leaders", s->leader_ids);
  kl_cli_record_object (record, "audience", describe_audience, s);
  kl_cli_record_print (record, "%6" G_GINT64_FORMAT "  %s  %d:%02d h  %s %s  %s\n", s->id, s->starts_at,
                       minutes / 60, minutes % 60, kind, s->title, s->location ? s->location : "");
}

static int
cmd_session_list (KlCli  *cli,
                  int     argc,
                  char  **argv)
{
  return kl_cli_programme_list_command (cli, "session list", argc, argv, kl_store_list_sessions, describe_session);
}

const KlCommand kl_cli_session_commands[] = {
  { "session", "add", cmd_session_add, N_("Add a session to a programme") },
  { "session", "list", cmd_session_list, N_("List a programme's sessions") },
  { NULL }
};
