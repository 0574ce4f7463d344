#include "config.h"

#include <glib/gi18n.h>

#include "kl-application.h"
#include "kl-db.h"
#include "kl-gui-resources.h"
#include "kl-gui-settings.h"
#include "kl-preferences-server.h"
#include "kl-window.h"

struct _KlApplication
{
  AdwApplication parent_instance;

  char *db_path;
  char *screenshot;
  char *page;
  KlDb *db;
  gulong paint_id;
  gboolean settled;
};

G_DEFINE_FINAL_TYPE (KlApplication, kl_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_DB,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* --screenshot: the window is drawn, written to a PNG, and closed. */
static gboolean
take_screenshot_cb (gpointer data)
{
  KlApplication *self = KL_APPLICATION (data);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GError) error = NULL;

  if (!kl_window_save_screenshot (KL_WINDOW (window), self->screenshot, &error))
    g_printerr ("kartleser: %s\n", error->message);
  g_application_quit (G_APPLICATION (self));
  return G_SOURCE_REMOVE;
}

static void
wait_for_paint (KlApplication *self);

static gboolean
on_screenshot_settled_cb (gpointer data)
{
  KlApplication *self = KL_APPLICATION (data);

  self->settled = TRUE;
  wait_for_paint (self);
  return G_SOURCE_REMOVE;
}

/* The database opens in a thread, and under a busy X server the first
 * frame can come a second later: a fixed delay caught the "Opening the
 * Database…" page. So the shot waits for a frame drawn with the data,
 * gives idle reloads half a second, and takes the frame drawn after. */
static void
on_screenshot_painted_cb (GdkFrameClock *clock,
                          gpointer       data)
{
  KlApplication *self = KL_APPLICATION (data);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL || g_str_equal (kl_window_get_state (KL_WINDOW (window)), "loading"))
    return;
  g_clear_signal_handler (&self->paint_id, clock);
  if (self->settled)
    g_idle_add_full (G_PRIORITY_HIGH, take_screenshot_cb, self, NULL);
  else
    g_timeout_add (500, on_screenshot_settled_cb, self);
}

static void
wait_for_paint (KlApplication *self)
{
  GtkWidget *window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (self)));
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_return_if_fail (clock != NULL);
  self->paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_screenshot_painted_cb), self);
  gtk_widget_queue_draw (window);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       data)
{
  g_application_quit (G_APPLICATION (data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       data)
{
  static const char *developers[] = { "IMTEC", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (data));

  adw_show_about_window (parent,
                         "application-name", "Kartleser",
                         "application-icon", APP_ID,
                         "developer-name", "IMTEC",
                         "version", PACKAGE_VERSION,
                         "website", "https://imtec.no",
                         "comments", _("Plan programmes, track attendance and prepare the claims to the KS training fund."),
                         "developers", developers,
                         /* Translators: your names, one per line */
                         "translator-credits", _("translator-credits"),
                         "copyright", "© 2026 IMTEC",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (data));

  gtk_widget_activate_action (GTK_WIDGET (parent), "win.preferences", NULL);
}

static void open_database_thread (GTask        *task,
                                  gpointer      source,
                                  gpointer      path,
                                  GCancellable *cancellable);

static void
on_reopened_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  KlApplication *self = KL_APPLICATION (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDb) db = g_task_propagate_pointer (G_TASK (result), &error);
  GtkWindow *old = gtk_application_get_active_window (GTK_APPLICATION (self));
  KlWindow *fresh;

  g_application_release (G_APPLICATION (self));
  if (db == NULL)
    {
      if (old != NULL)
        gtk_widget_activate_action (GTK_WIDGET (old), "win.show-toast", "s", error->message);
      return;
    }
  kl_application_set_db (self, db);
  fresh = kl_window_new (ADW_APPLICATION (self), db, NULL);
  gtk_window_present (GTK_WINDOW (fresh));
  /* The old window's editors have saved or been closed by now: the
   * switch is the user's own choice, from Preferences. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      if (window != GTK_WINDOW (fresh))
        gtk_window_destroy (window);
    }
}

/* After Preferences › Team Server: the database the settings name now
 * (the server, or this computer's), in a fresh window. --db no longer
 * applies: the user chose. */
static void
reopen_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       data)
{
  KlApplication *self = KL_APPLICATION (data);
  g_autoptr(GTask) task = g_task_new (self, NULL, on_reopened_cb, NULL);

  g_clear_pointer (&self->db_path, g_free);
  g_task_set_source_tag (task, reopen_action);
  g_application_hold (G_APPLICATION (self));
  g_task_run_in_thread (task, (GTaskThreadFunc) open_database_thread);
}

/* From the error page: the same database as at the start, again (a
 * server that was down, a file that was busy). */
static void
retry_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       data)
{
  KlApplication *self = KL_APPLICATION (data);
  g_autoptr(GTask) task = g_task_new (self, NULL, on_reopened_cb, NULL);

  g_task_set_task_data (task, g_strdup (self->db_path), g_free);
  g_application_hold (G_APPLICATION (self));
  g_task_run_in_thread (task, (GTaskThreadFunc) open_database_thread);
}

static const GActionEntry app_actions[] = {
  { "reopen", reopen_action },
  { "retry", retry_action },
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
};

static int
kl_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  KlApplication *self = KL_APPLICATION (application);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("Kartleser %s\n", PACKAGE_VERSION);
      return 0;
    }
  g_variant_dict_lookup (options, "db", "^ay", &self->db_path);
  g_variant_dict_lookup (options, "screenshot", "^ay", &self->screenshot);
  g_variant_dict_lookup (options, "page", "s", &self->page);
  /* Another database, or a screenshot, is a separate instance. */
  if (self->db_path != NULL || self->screenshot != NULL)
    g_application_set_flags (application, g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
  return -1;
}

static void
kl_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *new_accels[] = { "<Control>n", NULL };

  G_APPLICATION_CLASS (kl_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions, G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.new", new_accels);
}

static void reopen_action (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       data);

/* --db, $KARTLESER_DB, the team server the settings name (Preferences ›
 * Team Server), or the file in the user data folder, in that order. */
static char *
choose_location (const char  *db_path,
                 gboolean     settings_first,
                 GError     **error)
{
  g_autoptr(GSettings) settings = NULL;
  const char *env = g_getenv ("KARTLESER_DB");

  if (db_path != NULL)
    return g_strdup (db_path);
  if (!settings_first && env != NULL && *env != '\0')
    return g_strdup (env);
  settings = kl_settings_new_if_installed ();
  return kl_server_location_from_settings (settings, error);
}

static void
open_database_thread (GTask        *task,
                      gpointer      source,
                      gpointer      path,
                      GCancellable *cancellable)
{
  GError *error = NULL;
  g_autofree char *location = choose_location (path, g_task_get_source_tag (task) == reopen_action, &error);
  KlDb *db = error == NULL ? kl_db_open (location, &error) : NULL;

  if (db == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, db, g_object_unref);
}

static void
on_database_opened_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      data)
{
  KlApplication *self = KL_APPLICATION (source);
  KlWindow *window = KL_WINDOW (data);
  g_autoptr(GError) error = NULL;

  self->db = g_task_propagate_pointer (G_TASK (result), &error);
  kl_window_set_database (window, self->db, error);
  /* Not for a screenshot: that run only looks. The daily backup follows
   * the check. */
  if (self->db != NULL && self->screenshot == NULL)
    kl_window_start_check (window);
  if (self->page != NULL && self->db != NULL && !kl_window_show_page (window, self->page))
    g_printerr (_("kartleser: there is no page “%s”\n"), self->page);
  if (self->screenshot != NULL)
    wait_for_paint (self);
  g_application_release (G_APPLICATION (self));
  g_object_unref (window);
}

/* The window shows at once; the database opens in a worker thread (an
 * upgrade may take a moment), and its full check runs after that. */
static void
kl_application_activate (GApplication *application)
{
  KlApplication *self = KL_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));
  g_autoptr(GTask) task = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  /* A screenshot shows where a page ends up, not a cross-fade towards it. */
  if (self->screenshot != NULL)
    g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  window = GTK_WINDOW (kl_window_new (ADW_APPLICATION (application), NULL, NULL));
  gtk_window_present (window);

  g_application_hold (application);
  task = g_task_new (self, NULL, on_database_opened_cb, g_object_ref (window));
  g_task_set_task_data (task, g_strdup (self->db_path), g_free);
  g_task_run_in_thread (task, (GTaskThreadFunc) open_database_thread);
}

static void
kl_application_finalize (GObject *object)
{
  KlApplication *self = KL_APPLICATION (object);

  g_clear_object (&self->db);
  g_free (self->db_path);
  g_free (self->screenshot);
  g_free (self->page);

  G_OBJECT_CLASS (kl_application_parent_class)->finalize (object);
}

static void
kl_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KlApplication *self = KL_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DB:
      g_value_set_object (value, self->db);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* "db" is how a window that restored a backup hands the new database up
 * (kl-window-backup.c), without knowing the application's type. */
static void
kl_application_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KlApplication *self = KL_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DB:
      kl_application_set_db (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_application_class_init (KlApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  kl_application_register_resources ();

  object_class->finalize = kl_application_finalize;
  object_class->get_property = kl_application_get_property;
  object_class->set_property = kl_application_set_property;

  properties[PROP_DB] = g_param_spec_object ("db", NULL, NULL, KL_TYPE_DB,
                                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  app_class->handle_local_options = kl_application_handle_local_options;
  app_class->startup = kl_application_startup;
  app_class->activate = kl_application_activate;
}

/* The templates, styles and shortcuts window live in a GResource linked
 * from a static library, so it is registered by hand, once. */
void
kl_application_register_resources (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      kl_gui_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

static void
kl_application_init (KlApplication *self)
{
  static const GOptionEntry options[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Open this database (default: $KARTLESER_DB, else the user data folder)"), N_("FILE") },
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Write a PNG of the window to FILE and quit"), N_("FILE") },
    { "page", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Start on this page (overview, programmes, clients, participants, consultants, programme/ID/TAB, or programme/ID/attendance/SESSION at that session)"), N_("NAME") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and quit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

KlApplication *
kl_application_new (void)
{
  return g_object_new (KL_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/no/imtec/Kartleser",
                       NULL);
}

/* After a restore the application holds the database the fresh window
 * shows, not the connection to what was there before. */
void
kl_application_set_db (KlApplication *self,
                       KlDb          *db)
{
  g_return_if_fail (KL_IS_APPLICATION (self));
  g_return_if_fail (KL_IS_DB (db));

  if (g_set_object (&self->db, db))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DB]);
}
