#include "config.h"

#include <glib/gi18n.h>

#include "kl-cli-private.h"
#include "kl-store.h"

/* Participants and their enrolments ("participant edit", "export" and
 * "anonymise" are in kl-cli-privacy.c). */

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

  if (!kl_cli_parse_options_only (cli, "participant add", entries, &argc, &argv, &status)
      || !kl_cli_require_option ("participant add", "--name", participant->name != NULL, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL || !kl_store_insert_participant (cli->db, participant, &error))
    return kl_cli_fail (error);
  return kl_cli_print_created (cli, participant->id, NULL);
}

static void
describe_participant (KlCliRecord   *record,
                      gconstpointer  item)
{
  const KlParticipant *p = item;

  kl_cli_record_int (record, "id", "%6lld  ", p->id);
  kl_cli_record_int (record, "version", NULL, p->version);
  kl_cli_record_text (record, "name", "%-32s ", p->name);
  kl_cli_record_text (record, "email", NULL, p->email);
  kl_cli_record_text (record, "phone", NULL, p->phone);
  kl_cli_record_text (record, "role", "%-16s ", p->role);
  kl_cli_record_ref (record, "workplace_id", NULL, p->workplace_id);
  kl_cli_record_print (record, "%s\n", p->email ? p->email : "");
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

  if (!kl_cli_parse_options_only (cli, "participant list", entries, &argc, &argv, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL
      || (participants = kl_store_list_participants (cli->db, programme_id, &error)) == NULL)
    return kl_cli_fail (error);
  kl_cli_print_list (cli, describe_participant, participants, NULL, NULL);
  return 0;
}

static int
cmd_participant_roles (KlCli  *cli,
                       int     argc,
                       char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) roles = NULL;
  int status = 0;

  if (!kl_cli_parse_arguments (cli, "participant roles", NULL, 0, &argc, &argv, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL || (roles = kl_store_role_suggestions (cli->db, &error)) == NULL)
    return kl_cli_fail (error);
  kl_cli_print_strings (cli, (const char *const *) roles);
  return 0;
}

static int
cmd_participant_delete (KlCli  *cli,
                        int     argc,
                        char  **argv)
{
  return kl_cli_delete_by_id (cli, "participant delete", kl_store_delete_participant, argc, argv);
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

  if (!kl_cli_parse_options_only (cli, "enrol", entries, &argc, &argv, &status)
      || !kl_cli_require_option ("enrol", "--programme", enrolment->programme_id > 0, &status)
      || !kl_cli_require_option ("enrol", "--participant", enrolment->participant_id > 0, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL || !kl_store_enrol (cli->db, enrolment, &error))
    return kl_cli_fail (error);
  return kl_cli_print_created (cli, enrolment->id, NULL);
}


const KlCommand kl_cli_participant_commands[] = {
  { "participant", "add", cmd_participant_add, N_("Add a participant") },
  { "participant", "list", cmd_participant_list, N_("List participants") },
  { "participant", "roles", cmd_participant_roles, N_("List the role suggestions (usual roles and those in use)") },
  { "participant", "delete", cmd_participant_delete, N_("Delete a participant nothing depends on") },
  { "enrol", NULL, cmd_enrol, N_("Enrol a participant in a programme") },
  { NULL }
};
