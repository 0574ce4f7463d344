#include "config.h"

#include <glib/gi18n.h>

#include "kl-cli-private.h"
#include "kl-clock.h"
#include "kl-progress.h"
#include "kl-store.h"
#include "kl-validate.h"

/* Attendance: marking it, and what is missing or worrying. */

static void
describe_warning (KlCliRecord   *record,
                  gconstpointer  item)
{
  const KlAbsenceWarning *warning = item;
  g_autofree char *reason = record->text ? kl_absence_warning_describe (warning) : NULL;

  kl_cli_record_int (record, "programme", NULL, warning->programme_id);
  kl_cli_record_int (record, "participant", NULL, warning->participant_id);
  kl_cli_record_text (record, "name", NULL, warning->name);
  kl_cli_record_int (record, "attended_minutes", NULL, warning->progress.attended_minutes);
  kl_cli_record_int (record, "planned_minutes", NULL, warning->progress.planned_minutes);
  kl_cli_record_int (record, "remaining_minutes", NULL, warning->progress.remaining_minutes);
  kl_cli_record_int (record, "unrecorded_minutes", NULL, warning->progress.unrecorded_minutes);
  kl_cli_record_bool (record, "out_of_reach", warning->progress.out_of_reach);
  kl_cli_record_int (record, "absences_in_a_row", NULL, warning->progress.absences_in_a_row);
  kl_cli_record_print (record, "%-28s  %-24s  %s\n", warning->programme_title, warning->name, reason);
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

  if (!kl_cli_parse_options_only (cli, "attendance warnings", entries, &argc, &argv, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL
      || (warnings = kl_progress_warnings (cli->db, programme_id, now_text, &error)) == NULL)
    return kl_cli_fail (error);
  kl_cli_print_list (cli, describe_warning, warnings, NULL, _("No absence warnings.\n"));
  return 0;
}

static void
describe_unrecorded (KlCliRecord   *record,
                     gconstpointer  item)
{
  const KlUnrecorded *row = item;

  kl_cli_record_int (record, "session_id", NULL, row->session_id);
  kl_cli_record_int (record, "programme_id", NULL, row->programme_id);
  kl_cli_record_text (record, "date", NULL, row->date);
  kl_cli_record_text (record, "title", NULL, row->title);
  kl_cli_record_int (record, "missing", NULL, row->missing);
  kl_cli_record_print (record, _("%s  %6lld  %-28s  %-24s  %u without a mark\n"), row->date,
                       (long long) row->session_id, row->programme_title, row->title, row->missing);
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

  if (!kl_cli_parse_options_only (cli, command, entries, &argc, &argv, &status))
    return status;
  if ((since != NULL && !kl_validate_date (_("Since"), since, &error))
      || kl_cli_db (cli, &error) == NULL
      || (rows = kl_progress_unrecorded (cli->db, programme_id, since, &error)) == NULL)
    return kl_cli_fail (error);
  kl_cli_print_list (cli, describe_unrecorded, rows, NULL, _("Every held session is recorded.\n"));
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

  if (!kl_cli_parse_options_only (cli, "attend", entries, &argc, &argv, &status)
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


const KlCommand kl_cli_attendance_commands[] = {
  { "attendance", "unrecorded", cmd_attendance_unrecorded, N_("Held sessions where someone expected has no mark yet") },
  { "attendance", "warnings", cmd_attendance_warnings, N_("Participants who cannot reach the certificate threshold or missed two sessions in a row") },
  { "attend", NULL, cmd_attend, N_("Mark a participant's attendance at a session") },
  { NULL }
};
