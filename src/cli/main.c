#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "kl-cli.h"

/* g_print's own handler flushes stdout at every call: a write a line, a
 * few thousand for a long list. This one leaves stdout to stdio's
 * buffering (by the line on a terminal), flushed at exit, and converts to
 * the locale's character set as GLib's does. */
static void
print_buffered (const char *text)
{
  const char *charset;
  g_autofree char *local = NULL;

  if (!g_get_charset (&charset))
    local = g_convert_with_fallback (text, -1, charset, "UTF-8", "?", NULL, NULL, NULL);
  fputs (local != NULL ? local : text, stdout);
}

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
  g_set_print_handler (print_buffered);

  return kl_cli_run (argc, argv);
}
