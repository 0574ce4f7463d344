#include "config.h"

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <string.h>

#include "kl-application.h"
#include "kl-backup.h"
#include "kl-client-editor.h"
#include "kl-context.h"
#include "kl-error.h"
#include "kl-preferences-server.h"
#include "kl-preferences-window.h"
#include "kl-query-model.h"
#include "kl-server.h"
#include "kl-store.h"
#include "kl-window-backup.h"
#include "kl-test-gui.h"
#include "kl-test-server.h"
#include "kl-test-store.h"
#include "kl-test-util.h"

/* The application on a team server (issue 13, point 6): TLS checked
 * against a root certificate, the password only in the keyring, workers'
 * connections with the same credentials, the search, the role's limits,
 * and the banner while the connection is lost. Runs in a cluster of
 * kl-pg-cluster.sh --tls, in a keyring session (kl-keyring-session.sh),
 * on a virtual display. */

#define OFFICE_PASSWORD "Kontor-passord 7&?"
#define CONSULTANT_PASSWORD "hemmelig/konsulent"

typedef struct
{
  char *uri;          /* the owner, over the Unix socket */
  char *database;
  char *office;       /* login roles, cluster-wide: named after the database */
  char *consultant;
  KlDb *owner;
  gint64 programme;
} Fixture;

static int
port (void)
{
  const char *text = g_getenv ("KL_TEST_PG_PORT");

  g_assert_nonnull (text);
  return atoi (text);
}

static char *
tls_location (Fixture    *fixture,
              const char *user,
              const char *root,
              const char *password)
{
  return kl_server_location_new ("127.0.0.1", port (), fixture->database, user, "verify-full", root, password);
}

/* The office's login over TLS, checked against the root that signed the
 * server's certificate. */
static char *
office_location (Fixture *fixture)
{
  return tls_location (fixture, fixture->office, g_getenv ("KL_TEST_PG_ROOTCERT"), OFFICE_PASSWORD);
}

/* The main window on a connection to location, drawn once. */
static KlWindow *
open_window_at (const char  *location,
                KlDb       **db)
{
  g_autoptr(GError) error = NULL;
  KlWindow *window;

  *db = kl_db_open (location, &error);
  g_assert_no_error (error);
  window = kl_test_open_window (*db);
  kl_test_settle ();
  return window;
}

/* The server ends every session of the office's login, as a restart or a
 * network that drops them would. */
static void
end_office_sessions (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *kill = g_strdup_printf ("SELECT pg_terminate_backend (pid) FROM pg_stat_activity "
                                           "WHERE usename = '%s'", fixture->office);

  g_assert_true (kl_db_exec (fixture->owner, &error, kill, NULL));
  g_assert_no_error (error);
  g_usleep (200 * 1000);
}

/* Until the window has connected again (failing after that many
 * seconds): the banner gone, db connected. */
static void
wait_reconnected (KlWindow *window,
                  KlDb     *db,
                  guint     seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_TIME_SPAN_SECOND;

  while (kl_window_get_connection_lost (window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (kl_window_get_connection_lost (window));
  g_assert_true (kl_db_is_connected (db));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 anne;
  gint64 client;

  fixture->owner = kl_test_server_owner_open (&fixture->uri, &fixture->database);
  anne = kl_test_add_consultant (fixture->owner, "Anne Berg");
  client = kl_test_add_client (fixture->owner, "Bærum kommune", "kommune", 0, NULL);
  fixture->programme = kl_test_add_led_programme (fixture->owner, client, anne, "LED SKOLE Bærum");
  kl_test_add_participant (fixture->owner, "Kari Nordmann", NULL);
  kl_test_add_participant (fixture->owner, "Ola Hansen", NULL);

  fixture->office = g_strdup_printf ("%s_office", fixture->database);
  fixture->consultant = g_strdup_printf ("%s_anne", fixture->database);
  g_assert_true (kl_server_add_user (fixture->owner, fixture->office, KL_SERVER_OFFICE, 0, OFFICE_PASSWORD, &error));
  g_assert_no_error (error);
  g_assert_true (kl_server_add_user (fixture->owner, fixture->consultant, KL_SERVER_CONSULTANT, anne,
                                     CONSULTANT_PASSWORD, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->owner);
  g_free (fixture->uri);
  g_free (fixture->database);
  g_free (fixture->office);
  g_free (fixture->consultant);
}

/* verify-full with the root that signed the server's certificate: a TLS
 * session, as the server itself reports it. */
static void
test_tls_verified (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *location = office_location (fixture);
  g_autoptr(KlDb) db = kl_db_open (location, &error);
  g_autoptr(KlStmt) stmt = NULL;

  g_assert_no_error (error);
  stmt = kl_db_query (db, &error, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid ()", NULL);
  g_assert_no_error (error);
  g_assert_true (kl_stmt_next (stmt, &error));
  g_assert_cmpint (kl_stmt_int (stmt, 0), ==, 1);
}

/* Another root: refused before any password is sent, saying why. */
static void
test_tls_wrong_root (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *location = tls_location (fixture, fixture->office, g_getenv ("KL_TEST_PG_OTHER_ROOTCERT"),
                                            OFFICE_PASSWORD);
  g_autoptr(KlDb) db = kl_db_open (location, &error);

  g_assert_null (db);
  g_assert_error (error, KL_ERROR, KL_ERROR_DB);
  if (kl_test_in_english ())
    g_assert_true (g_str_has_prefix (error->message, "Cannot connect to the team server: "));
  g_assert_nonnull (strstr (error->message, "certificate verify failed"));
}

/* The location shown hides the password, so reopening by it fails on a
 * password-protected server; kl_db_open_again, as the GUI's workers use
 * it, connects and sees the same data. A wrong password is refused. */
static void
test_open_again (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *location = office_location (fixture);
  g_autofree char *wrong = tls_location (fixture, fixture->office, g_getenv ("KL_TEST_PG_ROOTCERT"), "Kontor");
  g_autoptr(KlDb) db = kl_db_open (location, &error);
  g_autoptr(KlDb) again = NULL;
  g_autoptr(KlDb) shown = NULL;
  g_autoptr(KlDb) refused = NULL;

  g_assert_no_error (error);
  g_assert_null (strstr (kl_db_get_path (db), "Kontor-passord"));
  g_assert_null (strstr (kl_db_get_path (db), "password"));
  shown = kl_db_open (kl_db_get_path (db), &error);
  g_assert_null (shown);
  g_assert_nonnull (strstr (error->message, "password"));
  g_clear_error (&error);

  again = kl_db_open_again (db, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kl_db_get_path (again), ==, kl_db_get_path (db));
  g_assert_true (kl_db_exec (db, &error, "UPDATE programme SET title = 'LED SKOLE Bærum 2027' WHERE id = ?", "i",
                             fixture->programme));
  g_assert_no_error (error);
  g_assert_cmpint (kl_test_scalar (again, "SELECT count(*) FROM programme WHERE title = 'LED SKOLE Bærum 2027'"),
                   ==, 1);

  refused = kl_db_open (wrong, &error);
  g_assert_null (refused);
  g_assert_nonnull (strstr (error->message, "password authentication failed"));
}

/* Every file under dir; how many hold needle. */
static guint
count_files_holding (const char *dir,
                     const char *needle,
                     guint      *n_files)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint holding = 0;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        holding += count_files_holding (path, needle, n_files);
      else
        {
          (*n_files)++;
          holding += kl_test_file_contains (path, needle);
        }
    }
  return holding;
}

/* The Team Server page as a user fills it in: a wrong port is named;
 * then Connect works, says the role, keeps the settings in GSettings and
 * the password in the keyring, and no file under the config folder holds
 * the password. The next start finds the server from the settings. */
static void
test_page_connects (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlContext) context = kl_context_new (fixture->owner);
  KlPreferencesWindow *window = kl_preferences_window_new (NULL, context);
  KlPreferencesServer *page;
  g_autoptr(GSettings) settings = g_settings_new ("no.imtec.Kartleser");
  g_autofree char *port_text = g_strdup_printf ("%d", port ());
  g_autofree char *stored = NULL;
  g_autofree char *location = NULL;
  g_autoptr(KlDb) db = NULL;
  guint n_files = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 640, 900);
  kl_test_present (GTK_WINDOW (window));
  page = KL_PREFERENCES_SERVER (kl_test_find_descendant (GTK_WIDGET (window), KL_TYPE_PREFERENCES_SERVER));
  g_assert_nonnull (page);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));

  kl_preferences_server_set_field (page, "host", "127.0.0.1");
  kl_preferences_server_set_field (page, "port", "54x");
  kl_preferences_server_set_field (page, "database", fixture->database);
  kl_preferences_server_set_field (page, "user", fixture->consultant);
  kl_preferences_server_set_field (page, "password", CONSULTANT_PASSWORD);
  kl_preferences_server_set_field (page, "tls", "verify-full");
  kl_preferences_server_set_field (page, "root-certificate", g_getenv ("KL_TEST_PG_ROOTCERT"));
  kl_preferences_server_connect (page);
  if (kl_test_in_english ())
    g_assert_cmpstr (kl_preferences_server_get_status (page), ==, "Port: “54x” is not a port number (1–65535)");
  g_assert_false (g_settings_get_boolean (settings, "server-enabled"));

  kl_preferences_server_set_field (page, "port", port_text);
  kl_preferences_server_connect (page);
  while (kl_preferences_server_is_busy (page))
    g_main_context_iteration (NULL, TRUE);
  if (kl_test_in_english ())
    {
      g_autofree char *expected = g_strdup_printf ("Connected to %s as a consultant: opening it…", fixture->database);

      g_assert_cmpstr (kl_preferences_server_get_status (page), ==, expected);
    }
  kl_test_settle ();
  g_assert_true (g_settings_get_boolean (settings, "server-enabled"));
  g_assert_cmpint (g_settings_get_int (settings, "server-port"), ==, port ());
  g_assert_cmpstr (g_settings_get_string (settings, "server-user"), ==, fixture->consultant);
  g_settings_sync ();

  stored = kl_server_password_lookup ("127.0.0.1", port (), fixture->database, fixture->consultant, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored, ==, CONSULTANT_PASSWORD);
  g_assert_null (kl_server_password_lookup ("127.0.0.1", port (), fixture->database, fixture->office, &error));
  g_assert_no_error (error);

  /* The settings are on disk (the keyfile backend), the password not. */
  g_assert_cmpuint (count_files_holding (g_get_user_config_dir (), fixture->consultant, &n_files), >=, 1);
  n_files = 0;
  g_assert_cmpuint (count_files_holding (g_get_user_config_dir (), CONSULTANT_PASSWORD, &n_files), ==, 0);
  g_assert_cmpuint (n_files, >=, 1);

  location = kl_server_location_from_settings (settings, &error);
  g_assert_no_error (error);
  db = kl_db_open (location, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kl_context_role_of (db), ==, KL_SERVER_CONSULTANT);

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  kl_test_settle ();
  kl_test_save_png (GTK_WIDGET (window), "server-page-wide");
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 800);
  kl_test_settle ();
  kl_test_save_png (GTK_WIDGET (window), "server-page-narrow");
  gtk_window_destroy (GTK_WINDOW (window));

  /* The application, as after Connect (app.reopen) or at the next start:
   * the server from the settings, the password from the keyring. */
  {
    g_autoptr(KlApplication) application = kl_application_new ();
    gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;
    GtkWindow *main_window = NULL;
    KlDb *opened;

    g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
    g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
    g_assert_no_error (error);
    g_action_group_activate_action (G_ACTION_GROUP (application), "reopen", NULL);
    while ((main_window = gtk_application_get_active_window (GTK_APPLICATION (application))) == NULL
           && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_nonnull (main_window);
    opened = kl_window_get_db (KL_WINDOW (main_window));
    g_assert_nonnull (opened);
    g_assert_true (kl_db_location_is_server (kl_db_get_path (opened)));
    g_assert_nonnull (strstr (kl_db_get_path (opened), fixture->database));
    g_assert_null (strstr (kl_db_get_path (opened), CONSULTANT_PASSWORD));
    g_assert_cmpint (kl_context_get_role (kl_window_get_context (KL_WINDOW (main_window))), ==, KL_SERVER_CONSULTANT);
    gtk_window_destroy (main_window);
    kl_test_settle ();
  }
  g_settings_reset (settings, "server-enabled");
}

/* The participant list's search on the server: the index's PostgreSQL
 * form, counted and listed. */
static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  static const KlListColumn columns[] = { { "Name", "t.name", NULL, KL_FORMAT_TEXT, 0, TRUE } };
  static const KlListSpec spec = { "participant t", 2, NULL, 0, "t.name", columns, 1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(KlQueryModel) model = kl_query_model_new (fixture->owner, &spec);

  kl_query_model_set_search (model, "kari");
  g_assert_true (kl_query_model_reload (model, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  kl_query_model_set_search (model, "nordmann kari");
  g_assert_true (kl_query_model_reload (model, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  kl_query_model_set_search (model, "hans");
  g_assert_true (kl_query_model_reload (model, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  kl_query_model_set_search (model, "berg");
  g_assert_true (kl_query_model_reload (model, &error));
  g_assert_no_error (error);
  /* Anne Berg is a consultant, not a participant. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
}

/* A consultant's window: adding a cost is off; the office's is on. */
static void
test_role_limits (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *roots = g_getenv ("KL_TEST_PG_ROOTCERT");
  g_autofree char *as_consultant = tls_location (fixture, fixture->consultant, roots, CONSULTANT_PASSWORD);
  g_autofree char *as_office = tls_location (fixture, fixture->office, roots, OFFICE_PASSWORD);
  const char *users[] = { as_office, as_consultant };

  for (guint i = 0; i < G_N_ELEMENTS (users); i++)
    {
      g_autoptr(KlDb) db = kl_db_open (users[i], &error);
      g_autoptr(KlContext) context = NULL;
      KlProgrammeView *view;
      GtkWidget *add_cost;
      GtkWindow *window = GTK_WINDOW (gtk_window_new ());

      g_assert_no_error (error);
      context = kl_context_new (db);
      g_assert_cmpint (kl_context_get_role (context), ==, i == 0 ? KL_SERVER_OFFICE : KL_SERVER_CONSULTANT);
      view = kl_programme_view_new (context);
      gtk_window_set_child (window, GTK_WIDGET (view));
      kl_programme_view_set_programme (view, fixture->programme);
      kl_test_present (window);
      kl_programme_view_show_tab (view, "costs");
      kl_test_settle ();
      add_cost = kl_test_find_action_button (GTK_WIDGET (view), "programme.add-cost");
      g_assert_nonnull (add_cost);
      g_assert_cmpint (gtk_widget_is_sensitive (add_cost), ==, i == 0);
      gtk_window_destroy (window);
    }
}

/* The server ends the window's session: saving an editor fails with a
 * clear message and keeps it open, the banner shows, and it goes once the
 * window has connected again (a second later); then the save goes through. */
static void
test_connection_lost (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *location = office_location (fixture);
  g_autoptr(KlDb) db = NULL;
  KlWindow *window = open_window_at (location, &db);
  KlEditorWindow *editor;
  gboolean destroyed = FALSE;
  g_autofree char *name = NULL;

  g_assert_false (kl_window_get_connection_lost (window));

  /* Typed while the connection was there. */
  editor = KL_EDITOR_WINDOW (kl_client_editor_new (kl_window_get_context (window), GTK_WINDOW (window), 0));
  g_signal_connect (editor, "destroy", G_CALLBACK (kl_test_on_destroyed_cb), &destroyed);
  kl_test_present (GTK_WINDOW (editor));
  kl_editor_window_set_field (editor, "name", "Haslum skole");
  kl_editor_window_set_field (editor, "kind", "skole");

  end_office_sessions (fixture);

  /* What the user typed: the save fails, saying why (no main loop ran
   * since the server went: no try again yet); the editor stays open with
   * the text. */
  g_assert_false (kl_editor_window_save (editor));
  if (kl_test_in_english ())
    g_assert_cmpstr (kl_editor_window_get_message (editor), ==,
                     "Lost the connection to the team server: nothing was saved. Try again when it is back.");
  g_assert_false (kl_db_is_connected (db));
  kl_test_settle ();
  g_assert_false (destroyed);
  g_assert_true (kl_window_get_connection_lost (window));
  kl_test_save_png (GTK_WIDGET (window), "server-connection-lost");

  wait_reconnected (window, db, 10);
  /* The new connection is set up as the first was (kl-db-pg.c, SESSION_SETTINGS). */
  {
    g_autoptr(KlStmt) stmt = kl_db_query (db, &error, "SHOW plan_cache_mode", NULL);

    g_assert_no_error (error);
    g_assert_true (kl_stmt_next (stmt, &error));
    g_assert_cmpstr (kl_stmt_peek_text (stmt, 0), ==, "force_generic_plan");
  }
  name = kl_editor_window_get_field (editor, "name");
  g_assert_cmpstr (name, ==, "Haslum skole");
  g_assert_true (kl_editor_window_save (editor));
  kl_test_settle ();
  g_assert_cmpint (kl_test_scalar (fixture->owner, "SELECT count(*) FROM client WHERE name = 'Haslum skole'"), ==, 1);
  if (!destroyed)
    gtk_window_destroy (GTK_WINDOW (editor));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A TCP proxy in front of the server, in a thread of its own, that can
 * hold new connections: they open, and nothing answers, as on a network
 * that lets nothing through. Released, they go through. */
typedef struct
{
  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  GSocketService *service;
  int upstream;            /* the server's port */
  gint port;               /* the proxy's, once it listens (atomic) */
  gint holding;            /* atomic */
  gint n_held;             /* atomic */
  GPtrArray *held;         /* GSocketConnection, the proxy's thread only */
} Proxy;

static void
proxy_forward (Proxy             *proxy,
               GSocketConnection *connection)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnection) server = g_socket_client_connect_to_host (client, "127.0.0.1", proxy->upstream,
                                                                         NULL, &error);

  g_assert_no_error (error);
  g_io_stream_splice_async (G_IO_STREAM (connection), G_IO_STREAM (server),
                            G_IO_STREAM_SPLICE_CLOSE_STREAM1 | G_IO_STREAM_SPLICE_CLOSE_STREAM2,
                            G_PRIORITY_DEFAULT, NULL, NULL, NULL);
}

static gboolean
on_proxy_incoming_cb (GSocketService    *service,
                      GSocketConnection *connection,
                      GObject           *source,
                      gpointer           data)
{
  Proxy *proxy = data;

  if (!g_atomic_int_get (&proxy->holding))
    proxy_forward (proxy, connection);
  else
    {
      g_ptr_array_add (proxy->held, g_object_ref (connection));
      g_atomic_int_inc (&proxy->n_held);
    }
  return TRUE;
}

static gpointer
proxy_thread (gpointer data)
{
  Proxy *proxy = data;
  g_autoptr(GError) error = NULL;
  guint16 port;

  g_main_context_push_thread_default (proxy->context);
  proxy->service = g_socket_service_new ();
  g_signal_connect (proxy->service, "incoming", G_CALLBACK (on_proxy_incoming_cb), proxy);
  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (proxy->service), NULL, &error);
  g_assert_no_error (error);
  g_atomic_int_set (&proxy->port, port);
  g_main_loop_run (proxy->loop);
  g_socket_service_stop (proxy->service);
  g_socket_listener_close (G_SOCKET_LISTENER (proxy->service));
  g_clear_object (&proxy->service);
  g_main_context_pop_thread_default (proxy->context);
  return NULL;
}

static Proxy *
proxy_start (int upstream)
{
  Proxy *proxy = g_new0 (Proxy, 1);

  proxy->upstream = upstream;
  proxy->context = g_main_context_new ();
  proxy->loop = g_main_loop_new (proxy->context, FALSE);
  proxy->held = g_ptr_array_new_with_free_func (g_object_unref);
  proxy->thread = g_thread_new ("proxy", proxy_thread, proxy);
  while (g_atomic_int_get (&proxy->port) == 0)
    g_usleep (1000);
  return proxy;
}

static gboolean
proxy_release_cb (gpointer data)
{
  Proxy *proxy = data;

  g_atomic_int_set (&proxy->holding, FALSE);
  for (guint i = 0; i < proxy->held->len; i++)
    proxy_forward (proxy, g_ptr_array_index (proxy->held, i));
  g_ptr_array_set_size (proxy->held, 0);
  return G_SOURCE_REMOVE;
}

static gboolean
proxy_quit_cb (gpointer data)
{
  g_main_loop_quit (((Proxy *) data)->loop);
  return G_SOURCE_REMOVE;
}

static void
proxy_stop (Proxy *proxy)
{
  g_main_context_invoke (proxy->context, proxy_quit_cb, proxy);
  g_thread_join (proxy->thread);
  g_ptr_array_unref (proxy->held);
  g_main_loop_unref (proxy->loop);
  g_main_context_unref (proxy->context);
  g_free (proxy);
}

/* The window connects again in a worker: while the server does not
 * answer (libpq waits up to the location's connect_timeout, 5 s), the
 * window goes on drawing and the banner stays; once it answers, the
 * banner goes. */
static void
test_reconnect_in_background (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Proxy *proxy = proxy_start (port ());
  g_autofree char *location = kl_server_location_new ("127.0.0.1", g_atomic_int_get (&proxy->port),
                                                      fixture->database, fixture->office, "verify-full",
                                                      g_getenv ("KL_TEST_PG_ROOTCERT"), OFFICE_PASSWORD);
  g_autoptr(KlDb) db = NULL;
  KlWindow *window = open_window_at (location, &db);
  gint64 deadline, turned, longest = 0;

  g_atomic_int_set (&proxy->holding, TRUE);
  end_office_sessions (fixture);
  /* Noticed at the next statement; the window tries again a second later. */
  g_assert_false (kl_db_exec (db, NULL, "SELECT 1", NULL));

  turned = g_get_monotonic_time ();
  deadline = turned + 3 * G_TIME_SPAN_SECOND;
  while (g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      longest = MAX (longest, g_get_monotonic_time () - turned);
      turned = g_get_monotonic_time ();
      g_usleep (5000);
    }
  /* The try is under way, held, and the window was never kept waiting
   * for it (a connection made on the main thread kept it 5 s). */
  g_assert_cmpint (g_atomic_int_get (&proxy->n_held), >=, 1);
  g_assert_cmpint (longest, <, G_TIME_SPAN_SECOND);
  g_assert_true (kl_window_get_connection_lost (window));
  g_assert_false (kl_db_is_connected (db));

  g_main_context_invoke (proxy->context, proxy_release_cb, proxy);
  wait_reconnected (window, db, 15);
  g_assert_true (kl_db_exec (db, &error, "SELECT 1", NULL));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (window));
  kl_test_settle ();
  g_clear_object (&db);
  proxy_stop (proxy);
}

/* Main Menu › Back Up… on a server: a snapshot of the team's data as a
 * Kartleser file, private, that opens with what the server holds; a
 * restore onto the server is refused with who does that instead. */
static void
test_window_backup (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *location = office_location (fixture);
  g_autoptr(KlDb) db = NULL;
  KlWindow *window = open_window_at (location, &db);
  g_autofree char *dir = kl_test_make_dir ("server-backup");
  g_autofree char *path = g_build_filename (dir, "team.db", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KlDb) copy = NULL;
  g_autoptr(KlProgramme) programme = NULL;
  GStatBuf st;
  gint64 deadline;

  kl_window_back_up_to (window, file);
  deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;
  while (kl_window_get_last_toast (window) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  if (kl_test_in_english ())
    g_assert_cmpstr (kl_window_get_last_toast (window), ==, "Backed up to team.db");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  copy = kl_db_open (path, &error);
  g_assert_no_error (error);
  programme = kl_store_get_programme (copy, fixture->programme, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (programme->title, ==, "LED SKOLE Bærum");
  g_assert_cmpint (kl_test_scalar (copy, "SELECT count(*) FROM participant"), ==, 2);

  g_assert_false (kl_backup_restore (location, path, NULL, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_FAILED);
  if (kl_test_in_english ())
    g_assert_nonnull (strstr (error->message, "server import"));

  gtk_window_destroy (GTK_WINDOW (window));
  kl_test_settle ();
  g_clear_object (&copy);
  kl_test_remove_dir (dir);
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = kl_test_gui_start (&argc, &argv);
  KlDb *no_db = NULL;

  if (!kl_test_on_server ())
    g_error ("test-server-connect runs with KL_TEST_BACKEND=postgresql, under kl-pg-cluster.sh --tls");
  g_test_add ("/server/tls/verified", Fixture, NULL, fixture_set_up, test_tls_verified, fixture_tear_down);
  g_test_add ("/server/tls/wrong-root", Fixture, NULL, fixture_set_up, test_tls_wrong_root, fixture_tear_down);
  g_test_add ("/server/open-again", Fixture, NULL, fixture_set_up, test_open_again, fixture_tear_down);
  g_test_add ("/server/page-connects", Fixture, NULL, fixture_set_up, test_page_connects, fixture_tear_down);
  g_test_add ("/server/search", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/server/role-limits", Fixture, NULL, fixture_set_up, test_role_limits, fixture_tear_down);
  g_test_add ("/server/connection-lost", Fixture, NULL, fixture_set_up, test_connection_lost, fixture_tear_down);
  g_test_add ("/server/reconnect-in-background", Fixture, NULL, fixture_set_up, test_reconnect_in_background,
              fixture_tear_down);
  g_test_add ("/server/window-backup", Fixture, NULL, fixture_set_up, test_window_backup, fixture_tear_down);
  return kl_test_gui_run (NULL, &no_db, &dir);
}
