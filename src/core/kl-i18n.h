#pragma once

#include <glib/gi18n-lib.h>
#include <libintl.h>

/* Core and export ask gettext directly rather than through g_dgettext():
 * GLib decides once per process whether to translate at all, and in the
 * C.UTF-8 locale it decides not to, while a document must come out in
 * Norwegian whatever the user's locale (see kl_export_language_push). */
#undef _
#define _(String) ((char *) dgettext (GETTEXT_PACKAGE, String))
#define kl_ngettext(Singular, Plural, N) ((char *) dngettext (GETTEXT_PACKAGE, Singular, Plural, N))
