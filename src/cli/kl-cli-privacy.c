#include "config.h"

#include <gmodule.h>

#include "kl-cli-private.h"
#include "kl-error.h"
#include "kl-export.h"
#include "kl-i18n.h"
#include "kl-privacy.h"
#include "kl-store.h"
#include "kl-validate.h"

/* Personal data: access, correction, anonymisation and retention. */

/* What the participant commands do first: their options (an ID after
 * them), --output when `output` is given, and the participant the ID
 * names. */
static KlParticipant *
load_participant (KlCli         *cli,
                  const char    *command,
                  GOptionEntry  *entries,
                  char         **output,
                  int            argc,
                  char         **argv,
                  int           *status)
{
  if (!kl_cli_parse_options (cli, command, N_("ID"), entries, &argc, &argv, status)
      || (output != NULL && !kl_cli_require_option (command, "--output", *output != NULL, status)))
    return NULL;
  return kl_cli_load_by_id (cli, command, argc, argv, (KlCliGetFunc) kl_store_get_participant, status);
}

/* Correction: only what the options give changes; "" empties a field. */
static int
cmd_participant_edit (KlCli  *cli,
                      int     argc,
                      char  **argv)
{
  const char *command = "participant edit";
  g_autoptr(KlParticipant) participant = NULL;
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *role = NULL;
  g_autofree char *notes = NULL;
  gint64 workplace = -1;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Name"), N_("NAME") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &email, N_("E-mail"), N_("EMAIL") },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &phone, N_("Phone"), N_("PHONE") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role, N_("Role, e.g. rektor, inspektør, styrer"), N_("ROLE") },
    { "workplace", 0, 0, G_OPTION_ARG_INT64, &workplace, N_("Workplace (a client; 0 for none)"), N_("ID") },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &notes, N_("Notes"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  int status = 0;

  if ((participant = load_participant (cli, command, entries, NULL, argc, argv, &status)) == NULL)
    return status;
  if (name != NULL)
    kl_cli_set_str (&participant->name, name);
  kl_cli_edit_str (&participant->email, email);
  kl_cli_edit_str (&participant->phone, phone);
  kl_cli_edit_str (&participant->role, role);
  kl_cli_edit_str (&participant->notes, notes);
  if (workplace >= 0)
    participant->workplace_id = workplace;
  if (!kl_store_update_participant (cli->db, participant, &error))
    return kl_cli_fail (error);
  return kl_cli_print_created (cli, participant->id, NULL);
}

/* Access (innsyn): everything held about one person, as JSON. */
static int
cmd_participant_export (KlCli  *cli,
                        int     argc,
                        char  **argv)
{
  const char *command = "participant export";
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The JSON file to write"), N_("FILE") },
    { NULL }
  };
  g_autoptr(KlParticipant) participant = NULL;
  g_autoptr(JsonNode) data = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  int status = 0;

  if ((participant = load_participant (cli, command, entries, &output, argc, argv, &status)) == NULL)
    return status;
  if ((data = kl_privacy_export (cli->db, participant->id, &error)) == NULL)
    return kl_cli_fail (error);
  json_generator_set_root (generator, data);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &length);
  if (!kl_export_write_file (output, text, length, &error))
    return kl_cli_fail (error);
  return kl_cli_print_created (cli, participant->id, NULL);
}

static int
cmd_participant_anonymise (KlCli  *cli,
                           int     argc,
                           char  **argv)
{
  const char *command = "participant anonymise";
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(KlParticipant) participant = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if ((participant = load_participant (cli, command, entries, NULL, argc, argv, &status)) == NULL)
    return status;
  if (!kl_privacy_anonymise (cli->db, participant->id, &error))
    return kl_cli_fail (error);
  return kl_cli_print_created (cli, participant->id, NULL);
}

/* An enrolment without marks goes; with marks it stays, and the way to
 * end it is named. */
static int
cmd_unenrol (KlCli  *cli,
             int     argc,
             char  **argv)
{
  const char *command = "unenrol";
  gint64 programme_id = 0;
  gint64 participant_id = 0;
  GOptionEntry entries[] = {
    { "programme", 0, 0, G_OPTION_ARG_INT64, &programme_id, N_("Programme"), N_("ID") },
    { "participant", 0, 0, G_OPTION_ARG_INT64, &participant_id, N_("Participant"), N_("ID") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!kl_cli_parse_options_only (cli, command, entries, &argc, &argv, &status)
      || !kl_cli_require_option (command, "--programme", programme_id > 0, &status)
      || !kl_cli_require_option (command, "--participant", participant_id > 0, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL)
    return kl_cli_fail (error);
  if (!kl_store_unenrol (cli->db, programme_id, participant_id, &error))
    {
      if (g_error_matches (error, KL_ERROR, KL_ERROR_IN_USE))
        g_printerr (_("kartleser-cli: %s To end the enrolment instead, give its last day: "
                      "enrol --programme %lld --participant %lld --to DATE\n"),
                    error->message, (long long) programme_id, (long long) participant_id);
      else
        kl_cli_fail (error);
      return KL_CLI_EXIT_FAILED;
    }
  return 0;
}

static void
describe_candidate (KlCliRecord   *record,
                    gconstpointer  item)
{
  const KlRetentionCandidate *candidate = item;

  kl_cli_record_int (record, "participant", "%6lld  ", candidate->participant_id);
  kl_cli_record_text (record, "name", NULL, candidate->name);
  kl_cli_record_text (record, "last_end", "%s  ", candidate->last_end);
  kl_cli_record_print (record, "%s\n", candidate->name);
}

/* Anonymises the participants whose programmes all ended more than the
 * retention ago; --dry-run lists them and changes nothing. */
static int
cmd_privacy_retention (KlCli  *cli,
                       int     argc,
                       char  **argv)
{
  const char *command = "privacy retention";
  int years = 0;
  gboolean dry_run = FALSE;
  GOptionEntry entries[] = {
    { "years", 0, 0, G_OPTION_ARG_INT, &years,
      N_("Years after a programme's end (default: the setting, settings set --retention-years)"), N_("N") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("List who would be anonymised, and change nothing"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autofree char *today = kl_today ();
  int status = 0;

  if (!kl_cli_parse_options_only (cli, command, entries, &argc, &argv, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL)
    return kl_cli_fail (error);
  if (years == 0 && (years = kl_privacy_get_retention (cli->db, &error)) < 0)
    return kl_cli_fail (error);
  if (years == 0)
    return kl_cli_usage_error (command, _("no retention is set: give --years N, or set one with "
                                          "“settings set --retention-years N”"));
  if ((due = kl_privacy_retention_due (cli->db, years, today, &error)) == NULL)
    return kl_cli_fail (error);
  for (guint i = 0; !dry_run && i < due->len; i++)
    if (!kl_privacy_anonymise (cli->db, ((KlRetentionCandidate *) g_ptr_array_index (due, i))->participant_id,
                               &error))
      return kl_cli_fail (error);
  kl_cli_print_list (cli, describe_candidate, due, NULL, NULL);
  if (cli->json)
    return 0;
  g_print (dry_run ? kl_ngettext ("%u participant would be anonymised (a dry run: nothing changed).\n",
                                  "%u participants would be anonymised (a dry run: nothing changed).\n", due->len)
                   : kl_ngettext ("%u participant anonymised.\n", "%u participants anonymised.\n", due->len),
           due->len);
  return 0;
}

/* Found by name when the module is loaded (kl-cli.c). */
G_MODULE_EXPORT const KlCommand kl_cli_privacy_commands[] = {
  { "participant", "edit", cmd_participant_edit, N_("Correct a participant (only the options given)") },
  { "participant", "export", cmd_participant_export, N_("Write everything held about a participant (JSON)") },
  { "participant", "anonymise", cmd_participant_anonymise,
    N_("Replace a participant's name, e-mail, phone and notes; counts and claims stay") },
  { "unenrol", NULL, cmd_unenrol, N_("Remove an enrolment without attendance marks") },
  { "privacy", "retention", cmd_privacy_retention,
    N_("Anonymise the participants of programmes that ended more than the retention ago") },
  { NULL }
};
