#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "kl-cli.h"

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("KARTLESER_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* KARTLESER_LOCALEDIR: translations from a build tree (make run, tests) */
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return kl_cli_run (argc, argv);
}
