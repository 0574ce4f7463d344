#pragma once

#include <glib-object.h>

#include "kl-db.h"
#include "kl-store.h"
#include "kl-undo.h"

G_BEGIN_DECLS

#define KL_TYPE_ATTENDANCE_GRID_MODEL (kl_attendance_grid_model_get_type ())

/* What the attendance grid shows and does, without GTK: the cells and
 * their marks, the rates, the cursor and how keys move it, writing marks
 * with a step on the undo stack, and why a cell cannot be marked. The
 * widget (KlAttendanceGridView) draws it and takes input. */
G_DECLARE_FINAL_TYPE (KlAttendanceGridModel, kl_attendance_grid_model, KL, ATTENDANCE_GRID_MODEL, GObject)

typedef enum
{
  KL_GRID_MOVE_UP,
  KL_GRID_MOVE_DOWN,
  KL_GRID_MOVE_LEFT,
  KL_GRID_MOVE_RIGHT,
  KL_GRID_MOVE_PAGE_UP,
  KL_GRID_MOVE_PAGE_DOWN,
  KL_GRID_MOVE_ROW_START,   /* Home */
  KL_GRID_MOVE_ROW_END,     /* End */
  KL_GRID_MOVE_FIRST,       /* Ctrl+Home */
  KL_GRID_MOVE_LAST,        /* Ctrl+End */
} KlGridMove;

KlAttendanceGridModel *kl_attendance_grid_model_new        (KlDb                   *db,
                                                            KlUndo                 *undo);
gboolean      kl_attendance_grid_model_load                (KlAttendanceGridModel  *self,
                                                            gint64                  programme_id,
                                                            gboolean               *cursor_placed,
                                                            GError                **error);
gint64        kl_attendance_grid_model_get_programme       (KlAttendanceGridModel  *self);
const KlAttendanceGrid *
              kl_attendance_grid_model_get_grid            (KlAttendanceGridModel  *self);
guint         kl_attendance_grid_model_get_n_rows          (KlAttendanceGridModel  *self);
guint         kl_attendance_grid_model_get_n_columns       (KlAttendanceGridModel  *self);
const KlSession *
              kl_attendance_grid_model_get_session         (KlAttendanceGridModel  *self,
                                                            guint                   col);
const KlParticipant *
              kl_attendance_grid_model_get_participant     (KlAttendanceGridModel  *self,
                                                            guint                   row);
gboolean      kl_attendance_grid_model_is_writing          (KlAttendanceGridModel  *self);

/* The cells */
char          kl_attendance_grid_model_get_mark            (KlAttendanceGridModel  *self,
                                                            guint                   row,
                                                            guint                   col);
int           kl_attendance_grid_model_get_minutes         (KlAttendanceGridModel  *self,
                                                            guint                   row,
                                                            guint                   col);
gboolean      kl_attendance_grid_model_is_expected         (KlAttendanceGridModel  *self,
                                                            guint                   row,
                                                            guint                   col);
/* Whether a session has begun, so that it counts in the rates. */
gboolean      kl_attendance_grid_model_counts              (KlAttendanceGridModel  *self,
                                                            guint                   col);
/* Whom a session is for ("Hegg skole", "3 named"), NULL for everyone. */
const char   *kl_attendance_grid_model_get_audience        (KlAttendanceGridModel  *self,
                                                            guint                   col);
gboolean      kl_attendance_grid_model_has_audiences       (KlAttendanceGridModel  *self);
/* Shares of 1; below 0 when nothing counts yet. */
double        kl_attendance_grid_model_get_row_rate        (KlAttendanceGridModel  *self,
                                                            guint                   row);
double        kl_attendance_grid_model_get_column_rate     (KlAttendanceGridModel  *self,
                                                            guint                   col);
double        kl_attendance_grid_model_get_rate            (KlAttendanceGridModel  *self);

/* Words for a cell and a session (tooltips, the screen reader). */
char         *kl_attendance_grid_model_describe_cell       (KlAttendanceGridModel  *self,
                                                            guint                   row,
                                                            guint                   col);
char         *kl_attendance_grid_model_describe_session    (KlAttendanceGridModel  *self,
                                                            guint                   col);

/* The cursor */
void          kl_attendance_grid_model_get_cursor          (KlAttendanceGridModel  *self,
                                                            guint                  *row,
                                                            guint                  *col);
gboolean      kl_attendance_grid_model_set_cursor          (KlAttendanceGridModel  *self,
                                                            int                     row,
                                                            int                     col);
gboolean      kl_attendance_grid_model_move                (KlAttendanceGridModel  *self,
                                                            KlGridMove              move,
                                                            guint                   page);
gboolean      kl_attendance_grid_model_focus_session       (KlAttendanceGridModel  *self,
                                                            gint64                  session_id);

/* Marking */
gboolean      kl_attendance_grid_model_set_mark            (KlAttendanceGridModel  *self,
                                                            guint                   row,
                                                            guint                   col,
                                                            char                    mark,
                                                            int                     minutes,
                                                            GError                **error);
gboolean      kl_attendance_grid_model_mark_column_present (KlAttendanceGridModel  *self,
                                                            guint                   col,
                                                            GError                **error);
gboolean      kl_attendance_grid_model_cycle               (KlAttendanceGridModel  *self,
                                                            guint                   row,
                                                            guint                   col,
                                                            gboolean               *ask_hours,
                                                            GError                **error);
gboolean      kl_attendance_grid_model_check_markable      (KlAttendanceGridModel  *self,
                                                            guint                   row,
                                                            guint                   col,
                                                            GError                **error);
void          kl_attendance_grid_model_decline_hours       (KlAttendanceGridModel  *self,
                                                            guint                   row,
                                                            guint                   col);
int           kl_attendance_grid_model_find_row            (KlAttendanceGridModel  *self,
                                                            gint64                  participant_id);
int           kl_attendance_grid_model_find_column         (KlAttendanceGridModel  *self,
                                                            gint64                  session_id);

G_END_DECLS
