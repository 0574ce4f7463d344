#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kl-actions.h"
#include "kl-editor.h"
#include "kl-error.h"
#include "kl-gui-settings.h"
#include "kl-list-page.h"
#include "kl-overview-page.h"
#include "kl-programme-view.h"
#include "kl-store.h"
#include "kl-window.h"
#include "kl-window-backup.h"

#include "kl-window-private.h"

/* The main window: the sidebar of pages and the programme's view, the
 * context it hands them once the database is open, and what stands above
 * every page (the banner, toasts with undo, the connection lost and back,
 * damage found by the full check). Its actions are kl-window-actions.c,
 * backup and restore kl-window-backup.c. Just over 800 lines: over a
 * third is the public API the application and the tests use. */

G_DEFINE_FINAL_TYPE (KlWindow, kl_window, ADW_TYPE_APPLICATION_WINDOW)

typedef struct
{
  const char *name;
  const char *title;
  const char *icon;
} SidebarItem;

static const SidebarItem sidebar_items[] = {
  { "overview", N_("Overview"), "go-home-symbolic" },
  { "programmes", N_("Programmes"), "x-office-calendar-symbolic" },
  { "clients", N_("Clients"), "x-office-address-book-symbolic" },
  { "participants", N_("Participants"), "system-users-symbolic" },
  { "consultants", N_("Consultants"), "avatar-default-symbolic" },
};

static const char *const list_names[] = { "programmes", "clients", "participants", "consultants" };

/* Helpers */

gboolean
kl_window_database_is_empty (KlWindow *self)
{
  /* Whether anything is there, not how much: cheap on ten years of data. */
  g_autoptr(KlStmt) stmt = kl_db_query (self->db, NULL,
                                        "SELECT NOT (EXISTS (SELECT 1 FROM client) OR EXISTS (SELECT 1 FROM programme) "
                                        "OR EXISTS (SELECT 1 FROM participant) OR EXISTS (SELECT 1 FROM consultant))",
                                        NULL);

  return stmt != NULL && kl_stmt_next (stmt, NULL) && kl_stmt_int (stmt, 0) != 0;
}

KlListPage *
kl_window_current_list (KlWindow *self)
{
  GtkWidget *child = gtk_stack_get_visible_child (self->content_stack);

  return KL_IS_LIST_PAGE (child) ? KL_LIST_PAGE (child) : NULL;
}

static void
reload_page (KlWindow   *self,
             const char *name)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->content_stack, name);

  if (KL_IS_LIST_PAGE (page))
    kl_list_page_reload (KL_LIST_PAGE (page));
  else if (KL_IS_OVERVIEW_PAGE (page))
    kl_overview_page_reload (KL_OVERVIEW_PAGE (page));
  else if (KL_IS_PROGRAMME_VIEW (page))
    kl_programme_view_reload (KL_PROGRAMME_VIEW (page));
  g_hash_table_remove (self->stale, name);
}

static void
update_header (KlWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->content_stack);
  KlListPage *list = kl_window_current_list (self);
  gboolean is_programme = g_strcmp0 (name, "programme") == 0;

  gtk_stack_set_visible_child_name (self->title_stack, is_programme ? "switcher" : "title");
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), is_programme || adw_leaflet_get_folded (self->leaflet));
  gtk_widget_set_visible (GTK_WIDGET (self->new_button), list != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->switcher_bar), is_programme);
  if (list != NULL)
    {
      /* Participants only: a consultant may not add programmes, clients or
       * consultants on the team server. */
      gboolean office_only = self->context != NULL && kl_context_get_role (self->context) == KL_SERVER_CONSULTANT
                             && g_strcmp0 (name, "participants") != 0;

      adw_window_title_set_title (self->window_title, kl_list_page_get_title (list));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new", !office_only);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->new_button),
                                   office_only ? _("Only the office can add these") : kl_list_page_get_new_label (list));
    }
  else if (is_programme)
    adw_view_switcher_title_set_title (self->switcher_title, kl_programme_view_get_title (self->programme));
  else
    adw_window_title_set_title (self->window_title, _("Overview"));
}

static void
select_sidebar_row (KlWindow   *self,
                    const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (sidebar_items); i++)
    if (g_str_equal (sidebar_items[i].name, name))
      {
        gtk_list_box_select_row (self->sidebar_list, gtk_list_box_get_row_at_index (self->sidebar_list, (int) i));
        return;
      }
}

/* Signal callbacks */

/* After the programme view's own reload (queued before this), so that a
 * renamed programme's title reaches the header. */
static gboolean
update_header_idle_cb (gpointer data)
{
  update_header (KL_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
on_db_changed_cb (KlWindow *self)
{
  const char *visible = gtk_stack_get_visible_child_name (self->content_stack);

  /* Reload what is on screen now, the rest when it is next shown. */
  g_hash_table_add (self->stale, (gpointer) "overview");
  for (guint i = 0; i < G_N_ELEMENTS (list_names); i++)
    g_hash_table_add (self->stale, (gpointer) list_names[i]);
  g_hash_table_add (self->stale, (gpointer) "programme");
  if (visible != NULL && !g_str_equal (visible, "programme"))
    reload_page (self, visible);
  else if (visible != NULL)
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, update_header_idle_cb, g_object_ref (self), g_object_unref);
  if (g_str_equal (gtk_stack_get_visible_child_name (self->main_stack), "welcome") && !kl_window_database_is_empty (self))
    gtk_stack_set_visible_child_name (self->main_stack, "main");
}

static void
on_banner_revealed_cb (GtkRevealer *revealer,
                       GParamSpec  *pspec,
                       gpointer     data)
{
  if (!gtk_revealer_get_reveal_child (revealer) && !gtk_revealer_get_child_revealed (revealer))
    gtk_widget_set_visible (GTK_WIDGET (revealer), FALSE);
}

/* libadwaita 1.2 has no AdwBanner: a revealer over a box styled as one
 * (style.css, .connection-banner), under the header bar. */
static void
add_connection_banner (KlWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (_("Lost the connection to the team server. Trying again…"));
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self->banner));

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (box, "connection-banner");
  self->connection_banner = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (self->connection_banner, box);
  gtk_revealer_set_reveal_child (self->connection_banner, FALSE);
  /* Hidden while folded away: a revealer measures its child even then,
   * at every layout of the window. */
  gtk_widget_set_visible (GTK_WIDGET (self->connection_banner), FALSE);
  g_signal_connect (self->connection_banner, "notify::child-revealed", G_CALLBACK (on_banner_revealed_cb), NULL);
  gtk_box_insert_child_after (GTK_BOX (parent), GTK_WIDGET (self->connection_banner), GTK_WIDGET (self->banner));
}

static void schedule_retry (KlWindow *self);

/* Back: the banner goes, and what is on screen is read anew (others may
 * have changed it meanwhile). Still gone: again, later. */
static void
on_reconnected_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  g_autoptr(KlWindow) self = data;
  g_autoptr(GError) error = NULL;
  gboolean connected = kl_db_reconnect_finish (KL_DB (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->reconnecting);
  if (!connected)
    {
      self->retry_seconds = MIN (self->retry_seconds * 2, 30);
      schedule_retry (self);
      return;
    }
  gtk_revealer_set_reveal_child (self->connection_banner, FALSE);
  on_db_changed_cb (self);
}

/* The connection is made in a worker: a server out of reach would hold
 * the window up to the connect_timeout at every try. */
static gboolean
on_retry_cb (gpointer data)
{
  KlWindow *self = KL_WINDOW (data);

  self->retry_id = 0;
  self->reconnecting = g_cancellable_new ();
  kl_db_reconnect_async (self->db, self->reconnecting, on_reconnected_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (KlWindow *self)
{
  if (self->retry_id == 0 && self->reconnecting == NULL)
    self->retry_id = g_timeout_add_seconds (self->retry_seconds, on_retry_cb, self);
}

/* Editors keep what was typed: their save failed with the store's
 * message and they stay open; the window only says why and tries again,
 * after 1, 2, 4 … up to 30 seconds. */
static void
on_connection_lost_cb (KlWindow *self)
{
  if (kl_db_is_connected (self->db))
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->connection_banner), TRUE);
  gtk_revealer_set_reveal_child (self->connection_banner, TRUE);
  self->retry_seconds = 1;
  schedule_retry (self);
}

/* The full check found damage (the database now refuses writes), or
 * found none: then the day's backup is made. */
static void
on_checked_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(KlWindow) self = data;
  g_autoptr(GError) error = NULL;

  if (kl_db_check_finish (KL_DB (source), result, &error))
    {
      /* A read-only file keeps its banner, and needs no new copy. */
      if (!kl_db_is_read_only (KL_DB (source)))
        {
          kl_window_show_banner (self, NULL);
          kl_window_start_daily_backup (self);
        }
    }
  else if (g_error_matches (error, KL_ERROR, KL_ERROR_DB_DAMAGED))
    kl_window_show_banner (self, error->message);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    kl_window_toast (self, error->message, FALSE);
}

static void
on_sidebar_row_activated_cb (KlWindow      *self,
                             GtkListBoxRow *row)
{
  int index = gtk_list_box_row_get_index (row);

  kl_window_show_page (self, sidebar_items[index].name);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static gboolean
reveal_switcher_bar_cb (gpointer data)
{
  KlWindow *self = KL_WINDOW (data);

  self->reveal_id = 0;
  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    adw_view_switcher_title_get_title_visible (self->switcher_title));
  return G_SOURCE_REMOVE;
}

/* Narrow, the header gives up its view switcher for the programme's
 * title, and the tabs move to the bar at the bottom. The title changes
 * while the header is being allocated; revealing the bar right then had
 * GTK 4.8 allocate it before it had a size (warning "height -1"), so it
 * is revealed just after that frame. */
static void
on_switcher_title_visible_cb (KlWindow *self)
{
  if (self->reveal_id == 0)
    self->reveal_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, reveal_switcher_bar_cb, self, NULL);
}

static void
on_list_activated_cb (KlListPage *list,
                      gint64      id,
                      KlWindow   *self)
{
  if (kl_list_page_get_kind (list) == KL_LIST_PROGRAMMES)
    kl_window_open_programme (self, id);
  else
    kl_editor_show_for_list (self->context, GTK_WINDOW (self), kl_list_page_get_kind (list), id);
}

static void
on_open_programme_cb (KlOverviewPage *page,
                      gint64          id,
                      KlWindow       *self)
{
  kl_window_open_programme (self, id);
}

static void
on_folded_cb (KlWindow *self)
{
  update_header (self);
}

/* Overrides */

static gboolean
kl_window_close_request (GtkWindow *window)
{
  KlWindow *self = KL_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window))
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }
  return GTK_WINDOW_CLASS (kl_window_parent_class)->close_request (window);
}

static void
kl_window_dispose (GObject *object)
{
  KlWindow *self = KL_WINDOW (object);

  /* Watched from kl_window_set_database while the handler is there. */
  if (self->changed_id != 0)
    kl_db_unwatch (self->db);
  g_clear_signal_handler (&self->changed_id, self->db);
  g_clear_signal_handler (&self->lost_id, self->db);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_cancellable_cancel (self->reconnecting);
  g_clear_object (&self->reconnecting);
  g_clear_handle_id (&self->reveal_id, g_source_remove);
  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_WINDOW);
  g_clear_object (&self->db);
  g_clear_object (&self->context);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->stale, g_hash_table_unref);
  g_clear_pointer (&self->last_toast, g_free);

  G_OBJECT_CLASS (kl_window_parent_class)->dispose (object);
}

static void
kl_window_class_init (KlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = kl_window_dispose;
  window_class->close_request = kl_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/no/imtec/Kartleser/ui/kl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KlWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KlWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, KlWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, KlWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, KlWindow, content_header);
  gtk_widget_class_bind_template_child (widget_class, KlWindow, title_stack);
  gtk_widget_class_bind_template_child (widget_class, KlWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, KlWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, KlWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, KlWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, KlWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, KlWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, KlWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, KlWindow, banner);
  gtk_widget_class_bind_template_child (widget_class, KlWindow, banner_label);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_switcher_title_visible_cb);

  kl_window_install_actions (widget_class);
  for (guint i = 0; i < G_N_ELEMENTS (sidebar_items); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK, "win.show-page", "s",
                                         sidebar_items[i].name);
}

static void
kl_window_init (KlWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->stale = g_hash_table_new (g_str_hash, g_str_equal);
  self->settings = kl_settings_new_if_installed ();
  add_connection_banner (self);

  for (guint i = 0; i < G_N_ELEMENTS (sidebar_items); i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *label = gtk_label_new (_(sidebar_items[i].title));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (sidebar_items[i].icon));
      gtk_box_append (GTK_BOX (box), label);
      gtk_list_box_append (self->sidebar_list, box);
    }
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (on_folded_cb), self);

  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  else
    gtk_window_set_default_size (GTK_WINDOW (self), 1100, 720);
}

/* Pages other than the overview are built when first shown: on ten
 * years of data, building them all at start-up delayed the first view. */
static KlListPage *
ensure_list (KlWindow   *self,
             KlListKind  kind)
{
  if (self->lists[kind] == NULL && self->db != NULL)
    {
      self->lists[kind] = kl_list_page_new (self->context, kind);
      g_signal_connect (self->lists[kind], "activated", G_CALLBACK (on_list_activated_cb), self);
      gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->lists[kind]), list_names[kind]);
      g_hash_table_remove (self->stale, list_names[kind]);
    }
  return self->lists[kind];
}

static KlProgrammeView *
ensure_programme (KlWindow *self)
{
  if (self->programme == NULL && self->db != NULL)
    {
      self->programme = kl_programme_view_new (self->context);
      gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->programme), "programme");
      adw_view_switcher_title_set_stack (self->switcher_title, kl_programme_view_get_stack (self->programme));
      adw_view_switcher_bar_set_stack (self->switcher_bar, kl_programme_view_get_stack (self->programme));
    }
  return self->programme;
}

/* Public API */

/* With neither a database nor an error, the window shows that the
 * database is being opened, until kl_window_set_database. */
KlWindow *
kl_window_new (AdwApplication *application,
               KlDb           *db,
               const GError   *open_error)
{
  KlWindow *self = g_object_new (KL_TYPE_WINDOW, "application", application, NULL);

  if (db == NULL && open_error == NULL)
    gtk_stack_set_visible_child_name (self->main_stack, "loading");
  else
    kl_window_set_database (self, db, open_error);
  return self;
}

void
kl_window_set_database (KlWindow     *self,
                        KlDb         *db,
                        const GError *open_error)
{
  g_return_if_fail (KL_IS_WINDOW (self));
  g_return_if_fail (self->db == NULL);

  if (db == NULL)
    {
      /* The description is markup; the message may name a file "Berg & Søn.db". */
      g_autofree char *escaped = open_error ? g_markup_escape_text (open_error->message, -1) : NULL;

      adw_status_page_set_description (self->error_page, escaped);
      gtk_stack_set_visible_child_name (self->main_stack, "error");
      return;
    }

  self->db = g_object_ref (db);
  self->context = kl_context_new (db);
  self->overview = kl_overview_page_new (self->context);
  g_signal_connect (self->overview, "open-programme", G_CALLBACK (on_open_programme_cb), self);
  gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->overview), "overview");

  self->changed_id = g_signal_connect_swapped (db, "changed", G_CALLBACK (on_db_changed_cb), self);
  /* Others' changes (another client of the server, another process on the
   * file) reach "changed" too while the window is open. */
  kl_db_watch (db);
  self->lost_id = g_signal_connect_swapped (db, "connection-lost", G_CALLBACK (on_connection_lost_cb), self);

  kl_overview_page_reload (self->overview);
  gtk_stack_set_visible_child_name (self->main_stack, kl_window_database_is_empty (self) ? "welcome" : "main");
  {
    g_autofree char *last = self->settings ? g_settings_get_string (self->settings, "last-page") : NULL;

    if (last == NULL || !kl_window_show_page (self, last))
      kl_window_show_page (self, "overview");
  }
}

KlDb *
kl_window_get_db (KlWindow *self)
{
  g_return_val_if_fail (KL_IS_WINDOW (self), NULL);
  return self->db;
}

KlUndo *
kl_window_get_undo (KlWindow *self)
{
  g_return_val_if_fail (KL_IS_WINDOW (self), NULL);
  return self->context ? kl_context_get_undo (self->context) : NULL;
}

/* What the window hands its pages; NULL until the database is open. */
KlContext *
kl_window_get_context (KlWindow *self)
{
  g_return_val_if_fail (KL_IS_WINDOW (self), NULL);
  return self->context;
}

static gint64
parse_id (const char *text)
{
  char *end = NULL;
  gint64 id = text != NULL ? g_ascii_strtoll (text, &end, 10) : 0;

  return end != text && end != NULL && *end == '\0' && id > 0 ? id : 0;
}

/* "programme/ID", "programme/ID/TAB", or "programme/ID/attendance/SESSION":
 * that programme, on that tab, at that session's column. */
static gboolean
show_programme_path (KlWindow   *self,
                     const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", 3);
  g_autoptr(KlProgramme) programme = NULL;
  gint64 id = parse_id (parts[0]);
  gint64 session_id = 0;

  if (self->db == NULL || id <= 0)
    return FALSE;
  if (parts[1] != NULL && parts[2] != NULL
      && (!g_str_equal (parts[1], "attendance") || (session_id = parse_id (parts[2])) <= 0))
    return FALSE;
  programme = kl_store_get_programme (self->db, id, NULL);
  if (programme == NULL)
    return FALSE;
  kl_window_open_programme (self, id);
  if (session_id > 0)
    return kl_programme_view_show_session (self->programme, session_id);
  return parts[1] == NULL || kl_programme_view_show_tab (self->programme, parts[1]);
}

/* One of overview, programmes, clients, participants, consultants, or
 * programme (the one last opened), or programme/ID[/TAB], or
 * programme/ID/attendance/SESSION. */
gboolean
kl_window_show_page (KlWindow   *self,
                     const char *name)
{
  GtkWidget *page;

  g_return_val_if_fail (KL_IS_WINDOW (self), FALSE);

  if (g_str_has_prefix (name, "programme/"))
    return show_programme_path (self, name + strlen ("programme/"));

  for (guint i = 0; i < G_N_ELEMENTS (list_names); i++)
    if (g_str_equal (name, list_names[i]))
      ensure_list (self, (KlListKind) i);
  page = self->db ? gtk_stack_get_child_by_name (self->content_stack, name) : NULL;
  if (page == NULL || (page == GTK_WIDGET (self->programme) && kl_programme_view_get_programme (self->programme) == 0))
    return FALSE;
  if (g_hash_table_contains (self->stale, name))
    reload_page (self, name);
  gtk_stack_set_visible_child (self->content_stack, page);
  /* Folded (a narrow window), the page asked for shows, not the sidebar. */
  adw_leaflet_set_visible_child (self->leaflet, gtk_widget_get_parent (GTK_WIDGET (self->content_stack)));
  select_sidebar_row (self, g_str_equal (name, "programme") ? "programmes" : name);
  if (self->settings != NULL && !g_str_equal (name, "programme"))
    g_settings_set_string (self->settings, "last-page", name);
  update_header (self);
  return TRUE;
}

const char *
kl_window_get_page (KlWindow *self)
{
  g_return_val_if_fail (KL_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->content_stack);
}

/* "main", "welcome" (an empty database) or "error" (it could not be opened). */
const char *
kl_window_get_state (KlWindow *self)
{
  g_return_val_if_fail (KL_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->main_stack);
}

void
kl_window_open_programme (KlWindow *self,
                          gint64    programme_id)
{
  g_return_if_fail (KL_IS_WINDOW (self));

  kl_programme_view_set_programme (ensure_programme (self), programme_id);
  g_hash_table_remove (self->stale, "programme");
  kl_window_show_page (self, "programme");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

KlListPage *
kl_window_get_list (KlWindow   *self,
                    KlListKind  kind)
{
  g_return_val_if_fail (KL_IS_WINDOW (self), NULL);
  return ensure_list (self, kind);
}

GtkWidget *
kl_window_get_page_widget (KlWindow   *self,
                           const char *name)
{
  g_return_val_if_fail (KL_IS_WINDOW (self), NULL);
  return gtk_stack_get_child_by_name (self->content_stack, name);
}

/* For toasts with a button of their own (Open, ...); takes the toast. */
void
kl_window_add_toast (KlWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (KL_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  g_free (self->last_toast);
  self->last_toast = g_strdup (adw_toast_get_title (toast));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
kl_window_toast (KlWindow   *self,
                 const char *title,
                 gboolean    with_undo)
{
  AdwToast *toast;

  g_return_if_fail (KL_IS_WINDOW (self));

  toast = kl_actions_new_toast (title);
  if (with_undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }
  kl_window_add_toast (self, toast);
  /* What it says, not its markup. */
  g_free (self->last_toast);
  self->last_toast = g_strdup (title);
}

/* The title of the last toast shown, or NULL: what a test reads. */
const char *
kl_window_get_last_toast (KlWindow *self)
{
  g_return_val_if_fail (KL_IS_WINDOW (self), NULL);
  return self->last_toast;
}

/* Records how to take a change back and offers it in a toast. */
void
kl_window_push_undo (KlWindow       *self,
                     const char     *label,
                     KlUndoFunc      func,
                     gpointer        data,
                     GDestroyNotify  destroy)
{
  g_return_if_fail (KL_IS_WINDOW (self));

  g_return_if_fail (self->context != NULL);

  kl_undo_push (kl_context_get_undo (self->context), label, func, data, destroy);
  kl_window_toast (self, label, TRUE);
}

/* A standing message above the page (NULL: none), for what holds until
 * the user acts, unlike a toast. */
void
kl_window_show_banner (KlWindow   *self,
                       const char *message)
{
  g_return_if_fail (KL_IS_WINDOW (self));

  if (message != NULL)
    gtk_label_set_text (self->banner_label, message);
  gtk_info_bar_set_revealed (self->banner, message != NULL);
}

gboolean
kl_window_get_connection_lost (KlWindow *self)
{
  g_return_val_if_fail (KL_IS_WINDOW (self), FALSE);

  return gtk_revealer_get_reveal_child (self->connection_banner);
}

const char *
kl_window_get_banner (KlWindow *self)
{
  g_return_val_if_fail (KL_IS_WINDOW (self), NULL);

  return gtk_info_bar_get_revealed (self->banner) ? gtk_label_get_text (self->banner_label) : NULL;
}

/* After the window shows its data: a read-only file, or damage an earlier
 * check found, is said at once; the full check of every page runs in a
 * worker thread at most once a day (opening leaves it out), then the
 * day's backup follows a clean check. */
void
kl_window_start_check (KlWindow *self)
{
  g_return_if_fail (KL_IS_WINDOW (self));

  if (self->db == NULL)
    return;
  if (kl_db_is_read_only (self->db))
    kl_window_show_banner (self, _("This database is read-only: you can look, but changes cannot be saved. "
                                   "Make the file writable and start Kartleser again."));
  else if (kl_db_get_damage (self->db) != NULL)
    {
      /* Translators: %s is what the check found */
      g_autofree char *message = g_strdup_printf (_("The database may be damaged (%s). Changes are not saved "
                                                    "until a backup is restored (Main Menu › Restore…)."),
                                                  kl_db_get_damage (self->db));

      kl_window_show_banner (self, message);
    }
  if (!kl_db_check_due (self->db))
    {
      if (!kl_db_is_read_only (self->db))
        kl_window_start_daily_backup (self);
      return;
    }
  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  self->check_cancellable = g_cancellable_new ();
  kl_db_check_async (self->db, self->check_cancellable, on_checked_cb, g_object_ref (self));
}

/* Renders the window as it is on screen into a PNG, through GSK. */
gboolean
kl_window_save_screenshot (KlWindow    *self,
                           const char  *path,
                           GError     **error)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (self));
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (self));

  if (renderer == NULL || width <= 0 || height <= 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The window is not on screen yet"));
      return FALSE;
    }
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The window drew nothing"));
      return FALSE;
    }
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write %s"), path);
      return FALSE;
    }
  return TRUE;
}
