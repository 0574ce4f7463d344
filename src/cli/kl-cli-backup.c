#include "config.h"

#include <glib/gi18n.h>

#include "kl-backup.h"
#include "kl-cli-private.h"
#include "kl-db.h"
#include "kl-error.h"
#include "kl-ics.h"
#include "kl-server-import.h"

/* backup, restore, check */

/* What was written: a JSON member with the file's path, or a message. */
typedef struct
{
  const char *name;
  const char *path;
  const char *message;
  gboolean ok;
} Done;

static void
describe_done (KlCliRecord   *record,
               gconstpointer  item)
{
  const Done *done = item;

  kl_cli_record_text (record, done->name, NULL, done->path);
  if (done->ok)
    kl_cli_record_bool (record, "ok", TRUE);
  kl_cli_record_print (record, "%s\n", done->message);
}

static void
print_path (KlCli      *cli,
            const char *name,
            const char *path,
            const char *message)
{
  kl_cli_print_record (cli, describe_done, &(Done) { name, path, message, FALSE }, NULL);
}

static int
cmd_backup (KlCli  *cli,
            int     argc,
            char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  int status = 0;

  if (!kl_cli_parse_arguments (cli, "backup", N_("FILE"), 1, &argc, &argv, &status))
    return status;
  /* Opening first refuses a damaged or foreign file. A server's backup
   * is a snapshot as a Kartleser file. */
  if (kl_cli_db (cli, &error) == NULL)
    return kl_cli_fail (error);
  if (kl_db_location_is_server (kl_db_get_path (cli->db))
      ? !kl_server_snapshot (cli->db, argv[1], NULL, NULL, &error)
      : !kl_backup_write (kl_db_get_path (cli->db), argv[1], &error))
    return kl_cli_fail (error);
  message = g_strdup_printf (_("Backed up %s to %s"), kl_db_get_path (cli->db), argv[1]);
  print_path (cli, "path", argv[1], message);
  return 0;
}

/* The current database is not opened through KlDb: a damaged one must
 * still be replaceable by its backup. */
static int
cmd_restore (KlCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *message = NULL;
  int status = 0;

  if (!kl_cli_parse_arguments (cli, "restore", N_("FILE"), 1, &argc, &argv, &status))
    return status;
  path = cli->db_path ? g_strdup (cli->db_path) : kl_db_default_path ();
  if (!kl_backup_restore (path, argv[1], &kept, &error))
    return kl_cli_fail (error);
  if (kept != NULL)
    message = g_strdup_printf (_("Restored %s from %s; the database it replaced is kept as %s"), path, argv[1], kept);
  else
    message = g_strdup_printf (_("Restored %s from %s"), path, argv[1]);
  print_path (cli, "kept", kept, message);
  return 0;
}

/* check: every page of the file, which opening leaves out. A damaged,
 * foreign or too new file fails already at the open, with its reason. */
static int
cmd_check (KlCli  *cli,
           int     argc,
           char  **argv)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!kl_cli_parse_arguments (cli, "check", NULL, 0, &argc, &argv, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL || !kl_db_check (cli->db, NULL, &error))
    return kl_cli_fail (error);
  kl_cli_print_record (cli, describe_done, &(Done) { "path", kl_db_get_path (cli->db), _("ok"), TRUE }, NULL);
  return 0;
}

/* export ics */

static int
cmd_export_ics (KlCli  *cli,
                int     argc,
                char  **argv)
{
  gint64 programme_id = 0;
  gint64 consultant_id = 0;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "programme", 0, 0, G_OPTION_ARG_INT64, &programme_id, N_("The sessions of this programme"), N_("ID") },
    { "consultant", 0, 0, G_OPTION_ARG_INT64, &consultant_id, N_("The sessions this consultant leads, in every programme"), N_("ID") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the calendar to FILE"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  int status = 0;
  gboolean ok;

  if (!kl_cli_parse_options (cli, "export ics", NULL, entries, &argc, &argv, &status)
      || !kl_cli_no_extra_arguments ("export ics", argc, argv, 0, &status)
      || !kl_cli_require_option ("export ics", "--output", output != NULL, &status))
    return status;
  if ((programme_id > 0) == (consultant_id > 0))
    return kl_cli_usage_error ("export ics", _("give either --programme or --consultant"));
  if (kl_cli_db (cli, &error) == NULL)
    return kl_cli_fail (error);
  if (programme_id > 0)
    ok = kl_ics_export_programme (cli->db, programme_id, cli->lang, output, &error);
  else
    ok = kl_ics_export_consultant (cli->db, consultant_id, cli->lang, output, &error);
  if (!ok)
    return kl_cli_fail (error);
  message = g_strdup_printf (_("Calendar written to %s"), output);
  print_path (cli, "path", output, message);
  return 0;
}

const KlCommand kl_cli_backup_commands[] = {
  { "backup", NULL, cmd_backup, N_("Copy the database to FILE (safe while Kartleser is open)") },
  { "restore", NULL, cmd_restore, N_("Replace the database by a checked backup; the replaced one is kept") },
  { "check", NULL, cmd_check, N_("Check every page of the database: prints ok, or the damage found (exit status 1)") },
  { "export", "ics", cmd_export_ics, N_("Write the sessions of a programme or a consultant as iCalendar") },
  { NULL }
};
