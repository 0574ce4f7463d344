#pragma once

#include <adwaita.h>

#include "kl-context.h"

G_BEGIN_DECLS

#define KL_TYPE_PREFERENCES_SERVER (kl_preferences_server_get_type ())

G_DECLARE_FINAL_TYPE (KlPreferencesServer, kl_preferences_server, KL, PREFERENCES_SERVER, AdwPreferencesPage)

/* The "Team server" page of Preferences: where the team's PostgreSQL
 * database is, tried with "Connect", which then switches the application
 * to it (app.reopen); the password goes to the desktop's keyring. */
KlPreferencesServer *kl_preferences_server_new       (KlContext           *context);

/* A libpq URI from its parts; password NULL for none, root_certificate
 * NULL or "" for libpq's own. The caller must not show it: it holds the
 * password (kl_db_get_path shows the rest). */
char     *kl_server_location_new        (const char   *host,
                                         int           port,
                                         const char   *database,
                                         const char   *user,
                                         const char   *sslmode,
                                         const char   *root_certificate,
                                         const char   *password);
/* The location the settings name (server-*), with the password from the
 * keyring; NULL when the settings do not ask for the server. Blocks on
 * the keyring: call it from a worker thread. */
char     *kl_server_location_from_settings (GSettings  *settings,
                                            GError    **error);

/* The password in the desktop's keyring (schema no.imtec.Kartleser.Server,
 * by host, port, database and user); never in a file. */
gboolean  kl_server_password_store      (const char   *host,
                                         int           port,
                                         const char   *database,
                                         const char   *user,
                                         const char   *password,
                                         GError      **error);
/* NULL, without an error, when the keyring holds none. */
char     *kl_server_password_lookup     (const char   *host,
                                         int           port,
                                         const char   *database,
                                         const char   *user,
                                         GError      **error);

/* What a user does, for tests */
void         kl_preferences_server_set_field   (KlPreferencesServer *self,
                                                const char          *key,
                                                const char          *value);
void         kl_preferences_server_connect     (KlPreferencesServer *self);
const char  *kl_preferences_server_get_status  (KlPreferencesServer *self);
gboolean     kl_preferences_server_is_busy     (KlPreferencesServer *self);

G_END_DECLS
