#pragma once

#include "kl-context.h"
#include "kl-overview-page.h"
#include "kl-programme-view.h"
#include "kl-window.h"

G_BEGIN_DECLS

/* The window is one class in three files: kl-window.c (the frame, pages
 * and navigation), kl-window-actions.c (its "win." actions, which is also
 * how pages, editors and dialogs ask it for a toast or a programme) and
 * kl-window-backup.c (backup and restore). */

struct _KlWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkStack *main_stack;
  AdwLeaflet *leaflet;
  GtkListBox *sidebar_list;
  AdwHeaderBar *content_header;
  GtkStack *title_stack;
  AdwWindowTitle *window_title;
  AdwViewSwitcherTitle *switcher_title;
  GtkButton *back_button;
  GtkButton *new_button;
  GtkStack *content_stack;
  AdwViewSwitcherBar *switcher_bar;
  AdwStatusPage *error_page;
  GtkInfoBar *banner;
  GtkLabel *banner_label;

  KlContext *context;   /* with the database; NULL until it is open */
  KlDb *db;
  GSettings *settings;  /* the window's size and last page */
  KlOverviewPage *overview;
  KlListPage *lists[4];
  KlProgrammeView *programme;
  GHashTable *stale;   /* page names whose data changed while hidden */
  gulong changed_id;
  guint reveal_id;
  char *last_toast;
  GCancellable *check_cancellable;
  /* The team server's connection lost: a banner, and tries again */
  GtkRevealer *connection_banner;
  gulong lost_id;
  guint retry_id;
  guint retry_seconds;
  GCancellable *reconnecting;  /* a reconnect under way, in a worker */
};

gboolean    kl_window_database_is_empty   (KlWindow        *self);
KlListPage *kl_window_current_list        (KlWindow        *self);
void        kl_window_install_actions     (GtkWidgetClass  *widget_class);

G_END_DECLS
