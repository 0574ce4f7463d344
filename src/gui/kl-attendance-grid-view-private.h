#pragma once

#include "kl-actions.h"
#include "kl-attendance-grid-model.h"
#include "kl-attendance-grid-view.h"

G_BEGIN_DECLS

/* The grid widget is one class in three files: kl-attendance-grid-view.c
 * (layout, scrolling, input), kl-attendance-grid-view-draw.c (the
 * snapshot) and kl-attendance-grid-view-hours.c (the partial hours
 * dialog). What it shows is KlAttendanceGridModel's. */

#define ROW_HEIGHT    34
#define CELL_WIDTH    94
#define HEADER_HEIGHT 88
#define AUDIENCE_LINE 18  /* the header's line for whom a session is, when some session has one */
#define FOOTER_HEIGHT 34
#define RATE_WIDTH    76
#define NAMES_MIN      150
#define NAMES_MAX      260
#define PAD           10

struct _KlAttendanceGridView
{
  GtkWidget parent_instance;

  GtkAdjustment *hadjustment;
  GtkAdjustment *vadjustment;
  GtkScrollablePolicy hscroll_policy;
  GtkScrollablePolicy vscroll_policy;

  KlContext *context;
  KlAttendanceGridModel *model;
  GPtrArray *buttons;     /* a GtkButton per column */
  int name_width;
  int header_height;
  gboolean scroll_pending;
  gboolean focusing;      /* the scrolling waits for the size (scroll_pending) */
  AdwMessageDialog *hours_dialog;
};


static inline guint
n_rows (KlAttendanceGridView *self)
{
  return kl_attendance_grid_model_get_n_rows (self->model);
}

static inline guint
n_cols (KlAttendanceGridView *self)
{
  return kl_attendance_grid_model_get_n_columns (self->model);
}

static inline gsize
cell_index (KlAttendanceGridView *self,
            guint                 row,
            guint                 col)
{
  return (gsize) row * n_cols (self) + col;
}

static inline const KlSession *
session_at (KlAttendanceGridView *self,
            guint                 col)
{
  return kl_attendance_grid_model_get_session (self->model, col);
}

static inline const KlParticipant *
participant_at (KlAttendanceGridView *self,
                guint                 row)
{
  return kl_attendance_grid_model_get_participant (self->model, row);
}

static inline void
report_error (KlAttendanceGridView *self,
              const GError         *error)
{
  kl_actions_toast (GTK_WIDGET (self), error->message);
}


/* The cells' width on screen: the rates follow the last session when
 * there is room, and stay at the right edge when the cells scroll. */
static inline int
cells_width (KlAttendanceGridView *self,
             int                   width)
{
  return CLAMP ((int) n_cols (self) * CELL_WIDTH, 0, MAX (0, width - self->name_width - RATE_WIDTH));
}

static inline int
viewport_width (KlAttendanceGridView *self)
{
  return cells_width (self, gtk_widget_get_width (GTK_WIDGET (self)));
}

static inline int
viewport_height (KlAttendanceGridView *self)
{
  return MAX (0, gtk_widget_get_height (GTK_WIDGET (self)) - self->header_height - FOOTER_HEIGHT);
}

static inline double
adjustment_value (GtkAdjustment *adjustment)
{
  return adjustment ? gtk_adjustment_get_value (adjustment) : 0;
}

void kl_attendance_grid_view_draw      (GtkWidget            *widget,
                                        GtkSnapshot          *snapshot);
void kl_attendance_grid_view_ask_hours (KlAttendanceGridView *self,
                                        guint                 row,
                                        guint                 col);

G_END_DECLS
