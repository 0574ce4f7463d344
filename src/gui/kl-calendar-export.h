#pragma once

#include <gtk/gtk.h>

#include "kl-context.h"

G_BEGIN_DECLS

/* "Export Calendar…": asks where, writes the iCalendar file, and says so
 * in a toast on the main window. parent is the window the chooser sits on. */

void kl_calendar_export_programme   (KlContext *context,
                                     GtkWindow *parent,
                                     gint64     programme_id);
void kl_calendar_export_consultant  (KlContext *context,
                                     GtkWindow *parent,
                                     gint64     consultant_id);

G_END_DECLS
