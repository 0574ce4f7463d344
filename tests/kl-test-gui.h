#pragma once

#include <adwaita.h>

#include "kl-context.h"
#include "kl-import-dialog.h"
#include "kl-overview-page.h"
#include "kl-programme-view.h"
#include "kl-session-editor.h"
#include "kl-window.h"

G_BEGIN_DECLS

/* GTK, libadwaita, Kartleser's resources and style sheet, translations,
 * and no animations: what a GUI test needs before its first window. */
void      kl_test_gui_init     (void);
/* g_test_init, then kl_test_gui_init: for a test whose fixtures make
 * their own folders. */
void      kl_test_gui_begin    (int        *argc,
                                char     ***argv);
/* kl_test_gui_begin; a fresh folder for the test's files, named after
 * the test program, back. */
char     *kl_test_gui_start    (int        *argc,
                                char     ***argv);
/* kl_test_gui_start, and a database in that folder filled with the
 * small demo: the start of a test whose cases share one database. */
KlDb     *kl_test_gui_start_demo (int        *argc,
                                  char     ***argv,
                                  char      **dir);
/* Lets GTK lay out and draw what changed. */
void      kl_test_settle       (void);
void      kl_test_wait_mapped  (GtkWidget *widget);
KlWindow *kl_test_open_window  (KlDb      *db);
/* A PNG of a window (or part of one) as it is on screen, in the build
 * directory as screenshot-<en|nb>-<name>.png. */
void      kl_test_save_png     (GtkWidget  *widget,
                                const char *name);
/* A fresh database file, name in dir (the GUI tests run on files). */
KlDb     *kl_test_file_db      (const char *dir,
                                const char *name);
/* A database in dir filled with the small demo. */
KlDb     *kl_test_demo_db      (const char *dir);

/* g_test_run (), then the test's window (when there is one), database
 * and folder gone; the run's status back. */
int       kl_test_gui_run      (KlWindow  **window,
                                KlDb      **db,
                                char      **dir);

/* Shows a window and waits until it is mapped and drawn once. */
void      kl_test_present      (GtkWindow  *window);
/* A plain 800 × 600 window, shown and mapped, whose "win." actions are
 * `entries` (called with `data`): what stands in for the main window when
 * an editor is built from a KlContext alone. */
GtkWindow *kl_test_host_window_new (const GActionEntry *entries,
                                    int                 n_entries,
                                    gpointer            data);
/* A host fixture's start: a KlContext on db (in *context), and a host
 * window as above whose win.show-toast, win.offer-undo and
 * win.reveal-row are there and do nothing: for a test that looks at the
 * editor, not at what it tells the main window. */
GtkWindow *kl_test_open_quiet_host (KlDb       *db,
                                    KlContext **context);
/* A host fixture's end: the host destroyed and its editors gone with it,
 * then the context, the database and the folder. */
void      kl_test_close_host   (GtkWindow  *host,
                                KlContext **context,
                                KlDb      **db,
                                char      **dir);
/* Saves a session editor as its Save button does, asserted to be ready
 * to save and to save; the session as stored in db back. An editor may
 * close itself once saved: it is held until kl_test_close_saved_editor. */
KlSession *kl_test_save_session_editor (KlSessionEditor *editor,
                                        KlDb            *db);
/* Its end: the editor destroyed and let go of, and gone. */
void      kl_test_close_saved_editor   (gpointer         editor);
/* The tests run in English and in Norwegian; texts compare in English. */
gboolean  kl_test_in_english   (void);
/* As a click on a response button: the dialog answers, and closes. */
void      kl_test_answer       (AdwMessageDialog *dialog,
                                const char       *response);
/* The first widget of a type below widget (not widget itself), or NULL. */
GtkWidget *kl_test_find_descendant (GtkWidget *widget,
                                    GType      type);
/* The first button at or below root that runs action, or NULL. */
GtkWidget *kl_test_find_action_button (GtkWidget  *root,
                                       const char *action);
/* The first AdwActionRow at or below root titled title, or NULL. */
GtkWidget *kl_test_find_row        (GtkWidget  *root,
                                    const char *title);
/* The first shown window of a type (a dialog, an editor) transient for
 * parent (any parent when NULL), or NULL. */
GtkWindow *kl_test_find_dialog     (GType      type,
                                    GtkWindow *parent);
/* kl_test_find_dialog (type, NULL), settling the main loop between up
 * to tries looks: for what comes up after a moment (a file chooser). */
GtkWindow *kl_test_wait_dialog     (GType      type,
                                    guint      tries);
/* A "destroy" handler that sets the gboolean it is given. */
void      kl_test_on_destroyed_cb  (GtkWidget *widget,
                                    gboolean  *destroyed);
/* One number from SQL on db; the format takes sqlite3_mprintf's %Q and
 * %lld. */
gint64    kl_test_scalar       (KlDb       *db,
                                const char *format,
                                ...);

/* The window's programme page, and win.undo as Ctrl+Z would. */
KlProgrammeView *kl_test_programme_view (KlWindow *window);
/* The programme's tab (overview, sessions, participants, costs…) shown,
 * as win.show-page does; its view back. */
KlProgrammeView *kl_test_open_programme_tab (KlWindow   *window,
                                             gint64      programme_id,
                                             const char *tab);
void      kl_test_undo         (KlWindow   *window);
/* An import dialog reads and imports in a worker: until it is idle (or,
 * imported, closed: held until then), failing after that many seconds. */
void      kl_test_wait_import  (KlImportDialog *dialog,
                                guint           seconds);
/* The Overview fills in from a worker thread: until it has. */
void      kl_test_wait_overview (KlOverviewPage *page);

/* Whether a menu, or a section of it, has an item for action. */
gboolean kl_test_menu_has_action (GMenuModel *menu,
                                  const char *action);
/* Whether model (none when NULL) holds a GtkStringObject of text: a
 * drop-down's or combo row's choice. */
gboolean kl_test_model_has_string (GListModel *model,
                                   const char *text);
/* A label under root showing text, exactly. */
gboolean kl_test_shows_label (GtkWidget  *root,
                              const char *text);

G_END_DECLS
