#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <string.h>

#include "kl-gui-settings.h"
#include "kl-preferences-server.h"
#include "kl-server.h"

/* The team server's connection (issue 13): the settings hold where, the
 * keyring holds the password. "Connect" tries the connection in a worker
 * thread, says the role it found, and only then saves and switches, so a
 * typo never leaves the application pointing at nothing. */

struct _KlPreferencesServer
{
  AdwPreferencesPage parent_instance;

  KlContext *context;
  GSettings *settings;      /* NULL when run without the schema */
  AdwEntryRow *host_row;
  AdwEntryRow *port_row;
  AdwEntryRow *database_row;
  AdwEntryRow *user_row;
  AdwPasswordEntryRow *password_row;
  AdwComboRow *tls_row;
  AdwActionRow *root_row;
  AdwActionRow *status_row;
  GtkWidget *connect_button;
  GtkWidget *local_button;
  GtkFileChooserNative *chooser;
  char *root_certificate;
  char *status;
  GCancellable *connecting;
};

G_DEFINE_FINAL_TYPE (KlPreferencesServer, kl_preferences_server, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_CONTEXT,
};

static const char *const tls_modes[] = { "disable", "prefer", "require", "verify-full", NULL };

static const SecretSchema *
server_schema (void)
{
  static const SecretSchema schema = {
    "no.imtec.Kartleser.Server", SECRET_SCHEMA_NONE,
    {
      { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "port", SECRET_SCHEMA_ATTRIBUTE_INTEGER },
      { "database", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

/* One connection attempt, in a worker thread. */
typedef struct
{
  char *host;
  int port;
  char *database;
  char *user;
  char *sslmode;
  char *root_certificate;
  char *password;          /* typed; NULL: the keyring's */
  KlServerRole role;
} Attempt;

static void
attempt_free (Attempt *attempt)
{
  g_free (attempt->host);
  g_free (attempt->database);
  g_free (attempt->user);
  g_free (attempt->sslmode);
  g_free (attempt->root_certificate);
  if (attempt->password != NULL)
    memset (attempt->password, 0, strlen (attempt->password));
  g_free (attempt->password);
  g_free (attempt);
}

/* Helpers */

static void
set_status (KlPreferencesServer *self,
            const char          *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  g_free (self->status);
  self->status = g_strdup (text);
  /* Subtitles are markup; a location has ampersands. */
  adw_action_row_set_subtitle (self->status_row, markup);
}

static void
show_current (KlPreferencesServer *self)
{
  KlDb *db = self->context ? kl_context_get_db (self->context) : NULL;
  g_autofree char *text = NULL;

  if (db == NULL)
    text = g_strdup (_("No database is open"));
  else if (!kl_db_location_is_server (kl_db_get_path (db)))
    /* Translators: %s is the database file */
    text = g_strdup_printf (_("This computer’s database (%s)"), kl_db_get_path (db));
  else if (kl_context_get_role (self->context) == KL_SERVER_CONSULTANT)
    /* Translators: %s is the server's location, without the password */
    text = g_strdup_printf (_("The team server %s, as a consultant"), kl_db_get_path (db));
  else
    text = g_strdup_printf (_("The team server %s, as the office"), kl_db_get_path (db));
  set_status (self, text);
  /* Also after a start with --db on a file while the settings still name
   * the server: the way back from a server that cannot be reached. */
  gtk_widget_set_sensitive (self->local_button,
                            (db != NULL && kl_db_location_is_server (kl_db_get_path (db)))
                            || (self->settings != NULL && g_settings_get_boolean (self->settings, "server-enabled")));
}

static void
show_root_certificate (KlPreferencesServer *self)
{
  gboolean verify = adw_combo_row_get_selected (self->tls_row) == 3;
  g_autofree char *markup = g_markup_escape_text (self->root_certificate && *self->root_certificate
                                                    ? self->root_certificate
                                                    : _("libpq’s own (~/.postgresql/root.crt)"), -1);

  gtk_widget_set_visible (GTK_WIDGET (self->root_row), verify);
  adw_action_row_set_subtitle (self->root_row, markup);
}

static void
load_settings (KlPreferencesServer *self)
{
  g_autofree char *host = NULL;
  g_autofree char *database = NULL;
  g_autofree char *user = NULL;
  g_autofree char *tls = NULL;
  g_autofree char *port = NULL;

  if (self->settings == NULL)
    return;
  host = g_settings_get_string (self->settings, "server-host");
  database = g_settings_get_string (self->settings, "server-database");
  user = g_settings_get_string (self->settings, "server-user");
  tls = g_settings_get_string (self->settings, "server-tls");
  port = g_strdup_printf ("%d", g_settings_get_int (self->settings, "server-port"));
  gtk_editable_set_text (GTK_EDITABLE (self->host_row), host);
  gtk_editable_set_text (GTK_EDITABLE (self->port_row), port);
  gtk_editable_set_text (GTK_EDITABLE (self->database_row), database);
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), user);
  g_free (self->root_certificate);
  self->root_certificate = g_settings_get_string (self->settings, "server-root-certificate");
  for (guint i = 0; tls_modes[i]; i++)
    if (g_str_equal (tls, tls_modes[i]))
      adw_combo_row_set_selected (self->tls_row, i);
}

static void
save_settings (KlPreferencesServer *self,
               const Attempt       *attempt)
{
  if (self->settings == NULL)
    return;
  g_settings_delay (self->settings);
  g_settings_set_string (self->settings, "server-host", attempt->host);
  g_settings_set_int (self->settings, "server-port", attempt->port);
  g_settings_set_string (self->settings, "server-database", attempt->database);
  g_settings_set_string (self->settings, "server-user", attempt->user);
  g_settings_set_string (self->settings, "server-tls", attempt->sslmode);
  g_settings_set_string (self->settings, "server-root-certificate",
                         attempt->root_certificate ? attempt->root_certificate : "");
  g_settings_set_boolean (self->settings, "server-enabled", TRUE);
  g_settings_apply (self->settings);
}

static char *
field (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* The rows as an attempt, or NULL and what is wrong. */
static Attempt *
read_attempt (KlPreferencesServer  *self,
              char                **problem)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *port = field (self->port_row);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  Attempt *attempt = g_new0 (Attempt, 1);
  guint64 number = 0;

  attempt->host = field (self->host_row);
  attempt->database = field (self->database_row);
  attempt->user = field (self->user_row);
  attempt->sslmode = g_strdup (tls_modes[MIN (adw_combo_row_get_selected (self->tls_row), 3)]);
  attempt->root_certificate = g_strdup (self->root_certificate);
  attempt->password = *password ? g_strdup (password) : NULL;
  if (*attempt->host == '\0')
    *problem = g_strdup (_("Host: enter the server’s name or address"));
  else if (!g_ascii_string_to_unsigned (port, 10, 1, 65535, &number, &error))
    /* Translators: %s is what was typed */
    *problem = g_strdup_printf (_("Port: “%s” is not a port number (1–65535)"), port);
  else if (*attempt->database == '\0')
    *problem = g_strdup (_("Database: enter the name of the team’s database"));
  else if (*attempt->user == '\0')
    *problem = g_strdup (_("User: enter your login name on the server"));
  if (*problem != NULL)
    {
      attempt_free (attempt);
      return NULL;
    }
  attempt->port = (int) number;
  return attempt;
}

/* Signal callbacks */

static void
connect_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  Attempt *attempt = data;
  GError *error = NULL;
  g_autofree char *password = NULL;
  g_autofree char *location = NULL;
  g_autoptr(KlDb) db = NULL;

  password = attempt->password ? g_strdup (attempt->password)
                               : kl_server_password_lookup (attempt->host, attempt->port, attempt->database,
                                                            attempt->user, NULL);
  location = kl_server_location_new (attempt->host, attempt->port, attempt->database, attempt->user,
                                     attempt->sslmode, attempt->root_certificate, password);
  db = kl_db_open (location, &error);
  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  attempt->role = kl_context_role_of (db);
  /* Kept only once it has worked. */
  if (attempt->password != NULL
      && !kl_server_password_store (attempt->host, attempt->port, attempt->database, attempt->user,
                                    attempt->password, &error))
    {
      g_prefix_error (&error, _("Connected, but the password could not be kept in the keyring: "));
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_connected_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  KlPreferencesServer *self = KL_PREFERENCES_SERVER (source);
  Attempt *attempt = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_clear_object (&self->connecting);
  gtk_widget_set_sensitive (self->connect_button, TRUE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      set_status (self, error->message);
      return;
    }
  save_settings (self, attempt);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  text = attempt->role == KL_SERVER_CONSULTANT
           /* Translators: %s is the database's name */
           ? g_strdup_printf (_("Connected to %s as a consultant: opening it…"), attempt->database)
           : g_strdup_printf (_("Connected to %s as the office: opening it…"), attempt->database);
  set_status (self, text);
  gtk_widget_activate_action (GTK_WIDGET (self), "app.reopen", NULL);
}

static void
on_connect_clicked_cb (KlPreferencesServer *self)
{
  g_autofree char *problem = NULL;
  Attempt *attempt = read_attempt (self, &problem);
  g_autoptr(GTask) task = NULL;

  if (attempt == NULL)
    {
      set_status (self, problem);
      return;
    }
  set_status (self, _("Connecting…"));
  gtk_widget_set_sensitive (self->connect_button, FALSE);
  self->connecting = g_cancellable_new ();
  task = g_task_new (self, self->connecting, on_connected_cb, NULL);
  g_task_set_task_data (task, attempt, (GDestroyNotify) attempt_free);
  g_task_run_in_thread (task, connect_thread);
}

static void
on_local_clicked_cb (KlPreferencesServer *self)
{
  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, "server-enabled", FALSE);
  set_status (self, _("Opening this computer’s database…"));
  gtk_widget_activate_action (GTK_WIDGET (self), "app.reopen", NULL);
}

static void
on_chooser_response_cb (KlPreferencesServer *self,
                        int                  response)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));

      g_free (self->root_certificate);
      self->root_certificate = g_file_get_path (file);
      show_root_certificate (self);
    }
  g_clear_object (&self->chooser);
}

static void
on_choose_root_clicked_cb (KlPreferencesServer *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Root Certificate"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), NULL);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Overrides */

static void
kl_preferences_server_constructed (GObject *object)
{
  KlPreferencesServer *self = KL_PREFERENCES_SERVER (object);

  G_OBJECT_CLASS (kl_preferences_server_parent_class)->constructed (object);
  load_settings (self);
  show_root_certificate (self);
  show_current (self);
}

static void
kl_preferences_server_dispose (GObject *object)
{
  KlPreferencesServer *self = KL_PREFERENCES_SERVER (object);

  g_cancellable_cancel (self->connecting);
  g_clear_object (&self->connecting);
  g_clear_object (&self->chooser);
  g_clear_object (&self->context);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (kl_preferences_server_parent_class)->dispose (object);
}

static void
kl_preferences_server_finalize (GObject *object)
{
  KlPreferencesServer *self = KL_PREFERENCES_SERVER (object);

  g_free (self->root_certificate);
  g_free (self->status);

  G_OBJECT_CLASS (kl_preferences_server_parent_class)->finalize (object);
}

static void
kl_preferences_server_class_init (KlPreferencesServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = kl_preferences_server_constructed;
  object_class->dispose = kl_preferences_server_dispose;
  object_class->finalize = kl_preferences_server_finalize;
  object_class->get_property = kl_context_holder_get_property;
  object_class->set_property = kl_context_holder_set_property;
  kl_context_install_property (object_class, PROP_CONTEXT, G_STRUCT_OFFSET (KlPreferencesServer, context));
}

static AdwEntryRow *
add_entry (AdwPreferencesGroup *group,
           const char          *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (group, row);
  return ADW_ENTRY_ROW (row);
}

static void
kl_preferences_server_init (KlPreferencesServer *self)
{
  AdwPreferencesGroup *server = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *connection = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autoptr(GtkStringList) modes = gtk_string_list_new (NULL);
  GtkWidget *choose = gtk_button_new_with_mnemonic (_("C_hoose…"));
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->settings = kl_settings_new_if_installed ();
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Team Server"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "network-server-symbolic");

  adw_preferences_group_set_title (server, _("Team Server"));
  adw_preferences_group_set_description (server, _("Work in the team’s shared PostgreSQL database instead of "
                                                   "this computer’s. The password is kept in the desktop’s "
                                                   "keyring, never in a file."));
  self->host_row = add_entry (server, _("Host"));
  self->port_row = add_entry (server, _("Port"));
  gtk_editable_set_text (GTK_EDITABLE (self->port_row), "5432");
  self->database_row = add_entry (server, _("Database"));
  self->user_row = add_entry (server, _("User"));
  self->password_row = ADW_PASSWORD_ENTRY_ROW (adw_password_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row), _("Password (empty: the keyring’s)"));
  adw_preferences_group_add (server, GTK_WIDGET (self->password_row));

  /* In the order of tls_modes. */
  /* Translators: TLS modes, short: the row is narrow on a phone */
  gtk_string_list_append (modes, C_("tls", "Off"));
  gtk_string_list_append (modes, C_("tls", "If offered"));
  gtk_string_list_append (modes, C_("tls", "Required"));
  gtk_string_list_append (modes, C_("tls", "Verified"));
  self->tls_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->tls_row), _("Encryption (TLS)"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->tls_row),
                               _("Verified: the server’s certificate must be signed by the root certificate"));
  adw_combo_row_set_model (self->tls_row, G_LIST_MODEL (modes));
  adw_combo_row_set_selected (self->tls_row, 3);
  adw_preferences_group_add (server, GTK_WIDGET (self->tls_row));
  g_signal_connect_swapped (self->tls_row, "notify::selected", G_CALLBACK (show_root_certificate), self);

  self->root_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->root_row), _("Root Certificate"));
  gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (self->root_row, choose);
  g_signal_connect_swapped (choose, "clicked", G_CALLBACK (on_choose_root_clicked_cb), self);
  adw_preferences_group_add (server, GTK_WIDGET (self->root_row));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), server);

  adw_preferences_group_set_title (connection, _("Connection"));
  self->status_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), _("Now Using"));
  adw_preferences_group_add (connection, GTK_WIDGET (self->status_row));

  self->connect_button = gtk_button_new_with_mnemonic (_("_Connect"));
  gtk_widget_add_css_class (self->connect_button, "suggested-action");
  gtk_widget_add_css_class (self->connect_button, "pill");
  g_signal_connect_swapped (self->connect_button, "clicked", G_CALLBACK (on_connect_clicked_cb), self);
  self->local_button = gtk_button_new_with_mnemonic (_("Use _This Computer’s Database"));
  gtk_widget_add_css_class (self->local_button, "pill");
  g_signal_connect_swapped (self->local_button, "clicked", G_CALLBACK (on_local_clicked_cb), self);
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (buttons, 12);
  gtk_box_append (GTK_BOX (buttons), self->connect_button);
  gtk_box_append (GTK_BOX (buttons), self->local_button);
  /* Two pills side by side do not fit a phone's width. */
  gtk_orientable_set_orientation (GTK_ORIENTABLE (buttons), GTK_ORIENTATION_VERTICAL);
  adw_preferences_group_add (connection, buttons);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), connection);
}

/* Public API */

KlPreferencesServer *
kl_preferences_server_new (KlContext *context)
{
  return g_object_new (KL_TYPE_PREFERENCES_SERVER, "context", context, NULL);
}

static void
append_parameter (GString    *uri,
                  const char *name,
                  const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL || *value == '\0')
    return;
  escaped = g_uri_escape_string (value, NULL, FALSE);
  g_string_append_c (uri, strchr (uri->str, '?') ? '&' : '?');
  g_string_append_printf (uri, "%s=%s", name, escaped);
}

char *
kl_server_location_new (const char *host,
                        int         port,
                        const char *database,
                        const char *user,
                        const char *sslmode,
                        const char *root_certificate,
                        const char *password)
{
  GString *uri = g_string_new ("postgresql://");
  g_autofree char *escaped_user = g_uri_escape_string (user, NULL, FALSE);
  g_autofree char *escaped_database = g_uri_escape_string (database, NULL, FALSE);
  gboolean socket = host != NULL && host[0] == '/';

  g_return_val_if_fail (host != NULL && database != NULL && user != NULL, NULL);

  g_string_append_printf (uri, "%s@", escaped_user);
  /* A socket's folder, as tests use, goes as a parameter: it has slashes. */
  if (!socket)
    {
      g_autofree char *escaped_host = g_uri_escape_string (host, NULL, FALSE);

      g_string_append_printf (uri, strchr (host, ':') ? "[%s]" : "%s", escaped_host);
    }
  g_string_append_printf (uri, ":%d/%s", port, escaped_database);
  if (socket)
    append_parameter (uri, "host", host);
  append_parameter (uri, "sslmode", sslmode);
  if (g_strcmp0 (sslmode, "verify-full") == 0)
    append_parameter (uri, "sslrootcert", root_certificate);
  append_parameter (uri, "password", password);
  /* A server out of reach blocks a try of the window's (kl-window.c) for
   * at most this long. */
  append_parameter (uri, "connect_timeout", "5");
  return g_string_free (uri, FALSE);
}

char *
kl_server_location_from_settings (GSettings  *settings,
                                  GError    **error)
{
  g_autofree char *host = NULL;
  g_autofree char *database = NULL;
  g_autofree char *user = NULL;
  g_autofree char *tls = NULL;
  g_autofree char *root = NULL;
  g_autofree char *password = NULL;
  int port;

  if (settings == NULL || !g_settings_get_boolean (settings, "server-enabled"))
    return NULL;
  host = g_settings_get_string (settings, "server-host");
  database = g_settings_get_string (settings, "server-database");
  user = g_settings_get_string (settings, "server-user");
  tls = g_settings_get_string (settings, "server-tls");
  root = g_settings_get_string (settings, "server-root-certificate");
  port = g_settings_get_int (settings, "server-port");
  if (*host == '\0' || *database == '\0' || *user == '\0')
    return NULL;
  password = kl_server_password_lookup (host, port, database, user, error);
  return kl_server_location_new (host, port, database, user, tls, root, password);
}

gboolean
kl_server_password_store (const char  *host,
                          int          port,
                          const char  *database,
                          const char  *user,
                          const char  *password,
                          GError     **error)
{
  g_autofree char *label = g_strdup_printf ("Kartleser: %s@%s:%d/%s", user, host, port, database);

  return secret_password_store_sync (server_schema (), SECRET_COLLECTION_DEFAULT, label, password, NULL, error,
                                     "host", host, "port", port, "database", database, "user", user, NULL);
}

char *
kl_server_password_lookup (const char  *host,
                           int          port,
                           const char  *database,
                           const char  *user,
                           GError     **error)
{
  return secret_password_lookup_sync (server_schema (), NULL, error,
                                      "host", host, "port", port, "database", database, "user", user, NULL);
}

/* What a user does, for tests */

void
kl_preferences_server_set_field (KlPreferencesServer *self,
                                 const char          *key,
                                 const char          *value)
{
  g_return_if_fail (KL_IS_PREFERENCES_SERVER (self));

  if (g_str_equal (key, "host"))
    gtk_editable_set_text (GTK_EDITABLE (self->host_row), value);
  else if (g_str_equal (key, "port"))
    gtk_editable_set_text (GTK_EDITABLE (self->port_row), value);
  else if (g_str_equal (key, "database"))
    gtk_editable_set_text (GTK_EDITABLE (self->database_row), value);
  else if (g_str_equal (key, "user"))
    gtk_editable_set_text (GTK_EDITABLE (self->user_row), value);
  else if (g_str_equal (key, "password"))
    gtk_editable_set_text (GTK_EDITABLE (self->password_row), value);
  else if (g_str_equal (key, "root-certificate"))
    {
      g_free (self->root_certificate);
      self->root_certificate = g_strdup (value);
      show_root_certificate (self);
    }
  else if (g_str_equal (key, "tls"))
    {
      for (guint i = 0; tls_modes[i]; i++)
        if (g_str_equal (value, tls_modes[i]))
          adw_combo_row_set_selected (self->tls_row, i);
    }
  else
    g_return_if_reached ();
}

void
kl_preferences_server_connect (KlPreferencesServer *self)
{
  g_return_if_fail (KL_IS_PREFERENCES_SERVER (self));
  on_connect_clicked_cb (self);
}

const char *
kl_preferences_server_get_status (KlPreferencesServer *self)
{
  g_return_val_if_fail (KL_IS_PREFERENCES_SERVER (self), NULL);
  return self->status;
}

gboolean
kl_preferences_server_is_busy (KlPreferencesServer *self)
{
  g_return_val_if_fail (KL_IS_PREFERENCES_SERVER (self), FALSE);
  return self->connecting != NULL;
}
