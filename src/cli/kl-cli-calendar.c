#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>

#include "kl-cli-private.h"
#include "kl-ics.h"

/* export ics: sessions as iCalendar (libical), for a calendar program. */

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
  kl_cli_print_done (cli, FALSE, "path", output, message);
  return 0;
}

/* Found by name when the module is loaded (kl-cli.c). */
G_MODULE_EXPORT const KlCommand kl_cli_calendar_commands[] = {
  { "export", "ics", cmd_export_ics, N_("Write the sessions of a programme or a consultant as iCalendar") },
  { NULL }
};
