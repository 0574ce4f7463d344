#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Parts of Kartleser that are loaded when first used (GModule), so that
 * whoever does not use them does not wait for their libraries to load:
 * the PostgreSQL backend (libpq, with its Kerberos, LDAP and TLS
 * libraries) and kartleser-cli's document commands (libxml2, cairo,
 * pango, libical). A module is looked for in $KARTLESER_MODULEDIR if set,
 * else in the build tree when the program runs from it, else where
 * `meson install` put it. */

/* symbol of the module name ("kl-db-pg"), loaded once and kept; NULL
 * with an error that names the file when it cannot be loaded. Safe from
 * any thread. */
gpointer kl_module_symbol (const char  *name,
                           const char  *symbol,
                           GError     **error);

G_END_DECLS
