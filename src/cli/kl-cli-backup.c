#include "config.h"

#include <glib/gi18n.h>

#include "kl-backup.h"
#include "kl-cli-private.h"
#include "kl-db.h"
#include "kl-error.h"
#include "kl-server-import.h"

/* backup, restore, check */

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
  kl_cli_print_done (cli, FALSE, "path", argv[1], message);
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
  kl_cli_print_done (cli, FALSE, "kept", kept, message);
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
  kl_cli_print_done (cli, TRUE, "path", kl_db_get_path (cli->db), _("ok"));
  return 0;
}

const KlCommand kl_cli_backup_commands[] = {
  { "backup", NULL, cmd_backup, N_("Copy the database to FILE (safe while Kartleser is open)") },
  { "restore", NULL, cmd_restore, N_("Replace the database by a checked backup; the replaced one is kept") },
  { "check", NULL, cmd_check, N_("Check every page of the database: prints ok, or the damage found (exit status 1)") },
  { NULL }
};
