#pragma once

#include <adwaita.h>

#include "kl-context.h"
#include "kl-list-page.h"

G_BEGIN_DECLS

#define KL_TYPE_WINDOW (kl_window_get_type ())

G_DECLARE_FINAL_TYPE (KlWindow, kl_window, KL, WINDOW, AdwApplicationWindow)

KlWindow   *kl_window_new              (AdwApplication  *application,
                                        KlDb            *db,
                                        const GError    *open_error);
void        kl_window_set_database     (KlWindow        *self,
                                        KlDb            *db,
                                        const GError    *open_error);
KlDb       *kl_window_get_db           (KlWindow        *self);
KlUndo     *kl_window_get_undo         (KlWindow        *self);
KlContext  *kl_window_get_context      (KlWindow        *self);
gboolean    kl_window_show_page        (KlWindow        *self,
                                        const char      *name);
const char *kl_window_get_page         (KlWindow        *self);
const char *kl_window_get_state        (KlWindow        *self);
void        kl_window_open_programme   (KlWindow        *self,
                                        gint64           programme_id);
KlListPage *kl_window_get_list         (KlWindow        *self,
                                        KlListKind       kind);
GtkWidget  *kl_window_get_page_widget  (KlWindow        *self,
                                        const char      *name);
void        kl_window_add_toast        (KlWindow        *self,
                                        AdwToast        *toast);
void        kl_window_toast            (KlWindow        *self,
                                        const char      *title,
                                        gboolean         with_undo);
const char *kl_window_get_last_toast   (KlWindow        *self);
void        kl_window_push_undo        (KlWindow        *self,
                                        const char      *label,
                                        KlUndoFunc       func,
                                        gpointer         data,
                                        GDestroyNotify   destroy);
void        kl_window_show_banner      (KlWindow        *self,
                                        const char      *message);
const char *kl_window_get_banner       (KlWindow        *self);
/* The team server's connection is lost, and the banner says so. */
gboolean    kl_window_get_connection_lost (KlWindow     *self);
void        kl_window_start_check      (KlWindow        *self);
gboolean    kl_window_save_screenshot  (KlWindow        *self,
                                        const char      *path,
                                        GError         **error);

G_END_DECLS
