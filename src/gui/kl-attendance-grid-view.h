#pragma once

#include <adwaita.h>

#include "kl-attendance-grid-model.h"
#include "kl-context.h"

G_BEGIN_DECLS

#define KL_TYPE_ATTENDANCE_GRID_VIEW (kl_attendance_grid_view_get_type ())

/* The core's KlAttendanceGrid is the data and KlAttendanceGridModel what
 * marking does; this is the widget that draws it and takes input, hence
 * the longer name. */
G_DECLARE_FINAL_TYPE (KlAttendanceGridView, kl_attendance_grid_view, KL, ATTENDANCE_GRID_VIEW, GtkWidget)

GtkWidget       *kl_attendance_grid_view_new                 (KlContext             *context);
KlAttendanceGridModel *
                 kl_attendance_grid_view_get_model           (KlAttendanceGridView  *self);
gboolean         kl_attendance_grid_view_load                (KlAttendanceGridView  *self,
                                                              gint64                 programme_id,
                                                              GError               **error);
const KlAttendanceGrid *
                 kl_attendance_grid_view_get_grid            (KlAttendanceGridView  *self);
gboolean         kl_attendance_grid_view_is_writing          (KlAttendanceGridView  *self);

void             kl_attendance_grid_view_get_cursor          (KlAttendanceGridView  *self,
                                                              guint                 *row,
                                                              guint                 *col);
void             kl_attendance_grid_view_set_cursor          (KlAttendanceGridView  *self,
                                                              guint                  row,
                                                              guint                  col);
char             kl_attendance_grid_view_get_mark            (KlAttendanceGridView  *self,
                                                              guint                  row,
                                                              guint                  col);
double           kl_attendance_grid_view_get_row_rate        (KlAttendanceGridView  *self,
                                                              guint                  row);
double           kl_attendance_grid_view_get_column_rate     (KlAttendanceGridView  *self,
                                                              guint                  col);
double           kl_attendance_grid_view_get_rate            (KlAttendanceGridView  *self);

/* What a key press does in the grid; TRUE when it was used. Also the way
 * tests type into it. */
gboolean         kl_attendance_grid_view_handle_key          (KlAttendanceGridView  *self,
                                                              guint                  keyval,
                                                              GdkModifierType        state);
gboolean         kl_attendance_grid_view_set_mark            (KlAttendanceGridView  *self,
                                                              guint                  row,
                                                              guint                  col,
                                                              char                   mark,
                                                              int                    minutes,
                                                              GError               **error);
gboolean         kl_attendance_grid_view_mark_column_present (KlAttendanceGridView  *self,
                                                              guint                  col,
                                                              GError               **error);
GtkWidget       *kl_attendance_grid_view_get_column_button   (KlAttendanceGridView  *self,
                                                              guint                  col);
gboolean         kl_attendance_grid_view_focus_session       (KlAttendanceGridView  *self,
                                                              gint64                 session_id);
AdwMessageDialog *
                 kl_attendance_grid_view_get_hours_dialog    (KlAttendanceGridView  *self);

G_END_DECLS
