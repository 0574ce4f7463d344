#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "kl-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(KlApplication) app = NULL;
  const char *localedir = g_getenv ("KARTLESER_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* KARTLESER_LOCALEDIR: translations from a build tree (make run, tests) */
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = kl_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
