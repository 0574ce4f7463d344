#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kl-cli-private.h"
#include "kl-error.h"
#include "kl-server-import.h"
#include "kl-server.h"

/* A team server's logins and contents: server add-user, server import. */

/* The password is read from a file, never taken on the command line,
 * where other users see it (ps) and shells keep it (history). */
static char *
read_password (const char  *path,
               GError     **error)
{
  g_autofree char *text = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &text, &length, error))
    return NULL;
  while (length > 0 && (text[length - 1] == '\n' || text[length - 1] == '\r'))
    text[--length] = '\0';
  if (length == 0 || strlen (text) != length)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_INVALID_FILE, _("%s holds no password"), path);
      return NULL;
    }
  return g_steal_pointer (&text);
}

static void
describe_user (KlCliRecord   *record,
               gconstpointer  item)
{
  const char *const *user = item;

  kl_cli_record_text (record, "login", NULL, user[0]);
  kl_cli_record_text (record, "group", NULL, user[1]);
  kl_cli_record_print (record, _("Added %s to %s\n"), user[0], user[1]);
}

static int
cmd_add_user (KlCli  *cli,
              int     argc,
              char  **argv)
{
  const char *command = "server add-user";
  g_autofree char *role_name = NULL;
  g_autofree char *password_file = NULL;
  gint64 consultant = 0;
  GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_name, N_("office or consultant"), N_("ROLE") },
    { "consultant", 0, 0, G_OPTION_ARG_INT64, &consultant, N_("The consultant this login is"), N_("ID") },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file, N_("A file holding the password"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;
  g_autofree char *group = NULL;
  KlServerRole role;
  int status = 0;

  if (!kl_cli_parse_options (cli, command, N_("LOGIN"), entries, &argc, &argv, &status)
      || !kl_cli_no_extra_arguments (command, argc, argv, 1, &status)
      || !kl_cli_require_option (command, "--role", role_name != NULL, &status))
    return status;
  if (!kl_server_parse_role (role_name, &role))
    return kl_cli_usage_error (command, _("--role must be office or consultant"));
  if (consultant < 0)
    return kl_cli_usage_error (command, _("--consultant must be a consultant’s id"));
  if (password_file != NULL && (password = read_password (password_file, &error)) == NULL)
    return kl_cli_fail (error);
  if (kl_cli_db (cli, &error) == NULL
      || !kl_server_add_user (cli->db, argv[1], role, consultant, password, &error))
    return kl_cli_fail (error);
  group = kl_server_group_role (cli->db, role);
  kl_cli_print_record (cli, describe_user, (const char *const[]) { argv[1], group }, NULL);
  return 0;
}

/* A line on stderr now and then for a table that takes a while. */
static void
show_progress (const char *table,
               gint64      done,
               gint64      total,
               gpointer    data)
{
  gint64 *last = data;

  if (total < 50000 || (done != total && done - *last < total / 10))
    return;
  *last = done == total ? 0 : done;
  g_printerr (_("%s: %lld of %lld rows\n"), table, (long long) done, (long long) total);
}

static void
describe_import (KlCliRecord   *record,
                 gconstpointer  item)
{
  const char *path = item;

  kl_cli_record_text (record, "path", NULL, path);
  kl_cli_record_bool (record, "ok", TRUE);
  kl_cli_record_print (record, _("Imported %s\n"), path);
}

static int
cmd_import (KlCli  *cli,
            int     argc,
            char  **argv)
{
  g_autoptr(GError) error = NULL;
  gint64 last = 0;
  int status = 0;

  if (!kl_cli_parse_arguments (cli, "server import", N_("FILE"), 1, &argc, &argv, &status))
    return status;
  if (kl_cli_db (cli, &error) == NULL || !kl_server_import (cli->db, argv[1], show_progress, &last, &error))
    return kl_cli_fail (error);
  kl_cli_print_record (cli, describe_import, argv[1], NULL);
  return 0;
}

const KlCommand kl_cli_server_commands[] = {
  { "server", "add-user", cmd_add_user, N_("Add a login to a team server’s office or consultants") },
  { "server", "import", cmd_import, N_("Copy a Kartleser file into an empty team server database, ids and all") },
  { NULL }
};
