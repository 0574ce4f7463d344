#include "config.h"

#include <glib/gi18n.h>

#include "kl-attendance-grid-view-private.h"

/* Hundreds of participants by dozens of sessions: every cell is drawn, not
 * a widget. The only children are the "everyone present" buttons, one a
 * column. Headers, names and rates stay in place while the cells scroll,
 * so the widget scrolls itself (GtkScrollable). What the cells hold and
 * what marking does is KlAttendanceGridModel's; this lays it out, takes
 * clicks and keys, and scrolls (drawing and the hours dialog are files of
 * their own). Just over 800 lines: a third is the public API that the
 * programme view and the tests use. */

enum {
  PROP_0,
  PROP_HADJUSTMENT,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
  PROP_CONTEXT,
};

G_DEFINE_FINAL_TYPE_WITH_CODE (KlAttendanceGridView, kl_attendance_grid_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

/* Helpers */

static void
update_accessible (KlAttendanceGridView *self)
{
  g_autofree char *description = NULL;
  guint row, col;

  kl_attendance_grid_model_get_cursor (self->model, &row, &col);
  if (n_rows (self) > 0 && n_cols (self) > 0)
    description = kl_attendance_grid_model_describe_cell (self->model, row, col);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description ? description : "",
                                  -1);
}

/* "All" is for sessions that have begun: nobody can be present at one
 * still to come. */
static void
update_buttons (KlAttendanceGridView *self)
{
  for (guint c = 0; c < MIN (self->buttons->len, n_cols (self)); c++)
    {
      GtkWidget *button = g_ptr_array_index (self->buttons, c);
      const char *title = session_at (self, c)->title;
      gboolean counts = kl_attendance_grid_model_counts (self->model, c);
      g_autofree char *tooltip = counts ? g_strdup_printf (_("Mark everyone present at “%s”"), title)
                                        : g_strdup_printf (_("“%s” has not started yet"), title);

      gtk_widget_set_sensitive (button, counts);
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
    }
}

static void
measure_names (KlAttendanceGridView *self)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  int widest = 0;

  for (guint r = 0; r < n_rows (self); r++)
    {
      int w;

      pango_layout_set_text (layout, participant_at (self, r)->name, -1);
      pango_layout_get_pixel_size (layout, &w, NULL);
      widest = MAX (widest, w);
    }
  self->name_width = CLAMP (widest + 2 * PAD, NAMES_MIN, NAMES_MAX);
  g_object_unref (layout);
}

static void
on_column_button_clicked_cb (GtkButton            *button,
                             KlAttendanceGridView *self)
{
  guint col = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "column"));
  g_autoptr(GError) error = NULL;

  if (!kl_attendance_grid_model_mark_column_present (self->model, col, &error))
    report_error (self, error);
}

static void
sync_buttons (KlAttendanceGridView *self)
{
  guint cols = n_cols (self);

  while (self->buttons->len > cols)
    {
      gtk_widget_unparent (g_ptr_array_index (self->buttons, self->buttons->len - 1));
      g_ptr_array_remove_index (self->buttons, self->buttons->len - 1);
    }
  while (self->buttons->len < cols)
    {
      GtkWidget *button = gtk_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

      gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("object-select-symbolic"));
      /* Translators: a small button under each session: everyone present */
      gtk_box_append (GTK_BOX (box), gtk_label_new (C_("attendance", "All")));
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "caption");
      g_object_set_data (G_OBJECT (button), "column", GUINT_TO_POINTER (self->buttons->len));
      g_signal_connect (button, "clicked", G_CALLBACK (on_column_button_clicked_cb), self);
      gtk_widget_set_parent (button, GTK_WIDGET (self));
      g_ptr_array_add (self->buttons, button);
    }
}

/* Scrolls the least that shows start to start + size, if it can scroll. */
static void
scroll_into_view (GtkAdjustment *adjustment,
                  double         start,
                  double         size)
{
  double value;
  double page;

  if (adjustment == NULL)
    return;
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  if (start < value)
    gtk_adjustment_set_value (adjustment, start);
  else if (start + size > value + page)
    gtk_adjustment_set_value (adjustment, start + size - page);
}

static void
scroll_to_cursor (KlAttendanceGridView *self)
{
  guint row, col;

  kl_attendance_grid_model_get_cursor (self->model, &row, &col);
  scroll_into_view (self->hadjustment, (double) col * CELL_WIDTH, CELL_WIDTH);
  scroll_into_view (self->vadjustment, (double) row * ROW_HEIGHT, ROW_HEIGHT);
}

/* Present, absent, excused, partly present, and round again. */
static void
cycle (KlAttendanceGridView *self,
       guint                 row,
       guint                 col)
{
  g_autoptr(GError) error = NULL;
  gboolean ask_hours;

  if (!kl_attendance_grid_model_cycle (self->model, row, col, &ask_hours, &error))
    report_error (self, error);
  else if (ask_hours)
    kl_attendance_grid_view_ask_hours (self, row, col);
}

static void
set_here (KlAttendanceGridView *self,
          char                  mark)
{
  g_autoptr(GError) error = NULL;
  guint row, col;

  kl_attendance_grid_model_get_cursor (self->model, &row, &col);
  if (mark == 'H' && !kl_attendance_grid_model_check_markable (self->model, row, col, &error))
    report_error (self, error);
  else if (mark == 'H')
    kl_attendance_grid_view_ask_hours (self, row, col);
  else if (!kl_attendance_grid_model_set_mark (self->model, row, col, mark, 0, &error))
    report_error (self, error);
}

static gboolean
cell_at (KlAttendanceGridView *self,
         double                x,
         double                y,
         guint                *row,
         guint                *col)
{
  double cx = x - self->name_width + adjustment_value (self->hadjustment);
  double cy = y - self->header_height + adjustment_value (self->vadjustment);

  if (x < self->name_width || x >= self->name_width + viewport_width (self)
      || y < self->header_height || y >= gtk_widget_get_height (GTK_WIDGET (self)) - FOOTER_HEIGHT
      || cx < 0 || cy < 0)
    return FALSE;
  *row = (guint) (cy / ROW_HEIGHT);
  *col = (guint) (cx / CELL_WIDTH);
  return *row < n_rows (self) && *col < n_cols (self);
}

static gboolean
column_at_header (KlAttendanceGridView *self,
                  double                x,
                  double                y,
                  guint                *col)
{
  double cx = x - self->name_width + adjustment_value (self->hadjustment);

  if (y < 0 || y >= self->header_height || x < self->name_width || x >= self->name_width + viewport_width (self))
    return FALSE;
  *col = (guint) (cx / CELL_WIDTH);
  return *col < n_cols (self);
}

/* Signal callbacks */

static void
on_adjustment_changed_cb (KlAttendanceGridView *self)
{
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
on_pressed_cb (GtkGestureClick      *gesture,
               int                   n_press,
               double                x,
               double                y,
               KlAttendanceGridView *self)
{
  guint row, col;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (!cell_at (self, x, y, &row, &col))
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  kl_attendance_grid_model_set_cursor (self->model, (int) row, (int) col);
  cycle (self, row, col);
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   KlAttendanceGridView  *self)
{
  return kl_attendance_grid_view_handle_key (self, keyval, state);
}

static gboolean
on_query_tooltip_cb (KlAttendanceGridView *self,
                     int                   x,
                     int                   y,
                     gboolean              keyboard,
                     GtkTooltip           *tooltip)
{
  guint row, col;
  g_autofree char *text = NULL;

  if (!keyboard && column_at_header (self, x, y, &col))
    {
      text = kl_attendance_grid_model_describe_session (self->model, col);
      gtk_tooltip_set_text (tooltip, text);
      return TRUE;
    }
  if (keyboard)
    kl_attendance_grid_model_get_cursor (self->model, &row, &col);
  else if (!cell_at (self, x, y, &row, &col))
    return FALSE;
  if (row >= n_rows (self) || col >= n_cols (self))
    return FALSE;
  text = kl_attendance_grid_model_describe_cell (self->model, row, col);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
on_focus_changed_cb (KlAttendanceGridView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The model's */

static void
on_model_changed_cb (KlAttendanceGridView *self)
{
  update_buttons (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_cursor_moved_cb (KlAttendanceGridView *self)
{
  if (!self->focusing)
    scroll_to_cursor (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* A step worth a toast with Undo: the window offers it. */
static void
on_undo_offered_cb (KlAttendanceGridView *self,
                    const char           *label)
{
  kl_actions_offer_undo (GTK_WIDGET (self), label);
}

/* Overrides */

static void
set_adjustment (KlAttendanceGridView  *self,
                GtkAdjustment        **slot,
                GtkAdjustment         *adjustment)
{
  if (*slot == adjustment)
    return;
  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, on_adjustment_changed_cb, self);
      g_clear_object (slot);
    }
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (on_adjustment_changed_cb), self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
kl_attendance_grid_view_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  KlAttendanceGridView *self = KL_ATTENDANCE_GRID_VIEW (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      kl_context_holder_get_property (object, prop_id, value, pspec);
    }
}

static void
kl_attendance_grid_view_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  KlAttendanceGridView *self = KL_ATTENDANCE_GRID_VIEW (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    default:
      kl_context_holder_set_property (object, prop_id, value, pspec);
    }
}

static void
kl_attendance_grid_view_constructed (GObject *object)
{
  KlAttendanceGridView *self = KL_ATTENDANCE_GRID_VIEW (object);

  G_OBJECT_CLASS (kl_attendance_grid_view_parent_class)->constructed (object);

  g_return_if_fail (KL_IS_CONTEXT (self->context));
  self->model = kl_attendance_grid_model_new (kl_context_get_db (self->context), kl_context_get_undo (self->context));
  g_signal_connect_object (self->model, "changed", G_CALLBACK (on_model_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "cursor-moved", G_CALLBACK (on_cursor_moved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "undo-offered", G_CALLBACK (on_undo_offered_cb), self, G_CONNECT_SWAPPED);
}

static void
kl_attendance_grid_view_measure (GtkWidget      *widget,
                                 GtkOrientation  orientation,
                                 int             for_size,
                                 int            *minimum,
                                 int            *natural,
                                 int            *minimum_baseline,
                                 int            *natural_baseline)
{
  KlAttendanceGridView *self = KL_ATTENDANCE_GRID_VIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = self->name_width + CELL_WIDTH + RATE_WIDTH;
      *natural = self->name_width + (int) MAX (1, n_cols (self)) * CELL_WIDTH + RATE_WIDTH;
    }
  else
    {
      *minimum = self->header_height + ROW_HEIGHT + FOOTER_HEIGHT;
      *natural = self->header_height + (int) MAX (1, n_rows (self)) * ROW_HEIGHT + FOOTER_HEIGHT;
    }
}

static void
configure (GtkAdjustment *adjustment,
           double         upper,
           double         page,
           double         step)
{
  double value;

  if (adjustment == NULL)
    return;
  value = CLAMP (gtk_adjustment_get_value (adjustment), 0, MAX (0, upper - page));
  gtk_adjustment_configure (adjustment, value, 0, upper, step, page * 0.9, page);
}

static void
kl_attendance_grid_view_size_allocate (GtkWidget *widget,
                                       int        width,
                                       int        height,
                                       int        baseline)
{
  KlAttendanceGridView *self = KL_ATTENDANCE_GRID_VIEW (widget);
  int vw = cells_width (self, width);
  double hvalue;

  g_signal_handlers_block_by_func (self->hadjustment, on_adjustment_changed_cb, self);
  g_signal_handlers_block_by_func (self->vadjustment, on_adjustment_changed_cb, self);
  configure (self->hadjustment, (double) n_cols (self) * CELL_WIDTH, vw, CELL_WIDTH);
  configure (self->vadjustment, (double) n_rows (self) * ROW_HEIGHT,
             MAX (0, height - self->header_height - FOOTER_HEIGHT), ROW_HEIGHT);
  /* A freshly loaded grid shows its cursor: the latest session held. */
  if (self->scroll_pending && vw > 0)
    {
      scroll_to_cursor (self);
      self->scroll_pending = FALSE;
    }
  g_signal_handlers_unblock_by_func (self->hadjustment, on_adjustment_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->vadjustment, on_adjustment_changed_cb, self);

  hvalue = adjustment_value (self->hadjustment);
  for (guint c = 0; c < self->buttons->len; c++)
    {
      GtkWidget *button = g_ptr_array_index (self->buttons, c);
      int bw, bh;
      int x;

      gtk_widget_measure (button, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &bw, NULL, NULL);
      gtk_widget_measure (button, GTK_ORIENTATION_VERTICAL, bw, NULL, &bh, NULL, NULL);
      bw = MIN (bw, CELL_WIDTH - 4);
      x = self->name_width + (int) (c * CELL_WIDTH - hvalue) + (CELL_WIDTH - bw) / 2;
      /* A button half under the names would take their clicks. */
      gtk_widget_set_child_visible (button, x >= self->name_width && x + bw <= self->name_width + vw);
      gtk_widget_size_allocate (button, &(GtkAllocation) { x, self->header_height - bh - 6, bw, bh }, -1);
    }
}

static void
kl_attendance_grid_view_dispose (GObject *object)
{
  KlAttendanceGridView *self = KL_ATTENDANCE_GRID_VIEW (object);

  if (self->hours_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->hours_dialog));
  self->hours_dialog = NULL;
  if (self->buttons != NULL)
    {
      for (guint c = 0; c < self->buttons->len; c++)
        gtk_widget_unparent (g_ptr_array_index (self->buttons, c));
      g_clear_pointer (&self->buttons, g_ptr_array_unref);
    }
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, on_adjustment_changed_cb, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, on_adjustment_changed_cb, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  g_clear_object (&self->model);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kl_attendance_grid_view_parent_class)->dispose (object);
}

static void
kl_attendance_grid_view_class_init (KlAttendanceGridViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kl_attendance_grid_view_dispose;
  object_class->get_property = kl_attendance_grid_view_get_property;
  object_class->set_property = kl_attendance_grid_view_set_property;
  object_class->constructed = kl_attendance_grid_view_constructed;
  widget_class->measure = kl_attendance_grid_view_measure;
  widget_class->size_allocate = kl_attendance_grid_view_size_allocate;
  widget_class->snapshot = kl_attendance_grid_view_draw;

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");
  kl_context_install_property (object_class, PROP_CONTEXT, G_STRUCT_OFFSET (KlAttendanceGridView, context));

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
  gtk_widget_class_set_css_name (widget_class, "attendancegrid");
}

static void
kl_attendance_grid_view_init (KlAttendanceGridView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->buttons = g_ptr_array_new ();
  self->name_width = NAMES_MIN;
  self->header_height = HEADER_HEIGHT;
  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Attendance"),
                                  -1);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (on_focus_changed_cb), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_focus_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
}

/* Public API */

GtkWidget *
kl_attendance_grid_view_new (KlContext *context)
{
  g_return_val_if_fail (KL_IS_CONTEXT (context), NULL);

  return g_object_new (KL_TYPE_ATTENDANCE_GRID_VIEW, "context", context, NULL);
}

KlAttendanceGridModel *
kl_attendance_grid_view_get_model (KlAttendanceGridView *self)
{
  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_VIEW (self), NULL);
  return self->model;
}

/* Reads the programme's grid; the cursor stays on the same participant and
 * session when they are still there. */
gboolean
kl_attendance_grid_view_load (KlAttendanceGridView  *self,
                              gint64                 programme_id,
                              GError               **error)
{
  gboolean same;
  gboolean cursor_placed;

  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_VIEW (self), FALSE);

  same = kl_attendance_grid_model_get_grid (self->model) != NULL
         && kl_attendance_grid_model_get_programme (self->model) == programme_id
         && n_rows (self) > 0 && n_cols (self) > 0;
  if (!kl_attendance_grid_model_load (self->model, programme_id, &cursor_placed, error))
    return FALSE;
  if (!same && self->hadjustment != NULL && self->vadjustment != NULL)
    {
      gtk_adjustment_set_value (self->hadjustment, 0);
      gtk_adjustment_set_value (self->vadjustment, 0);
    }
  /* Shown at its cursor once laid out: the latest session held. */
  if (cursor_placed)
    self->scroll_pending = TRUE;
  /* A line for whom sessions are in the header only when some session has one. */
  self->header_height = HEADER_HEIGHT + (kl_attendance_grid_model_has_audiences (self->model) ? AUDIENCE_LINE : 0);
  measure_names (self);
  sync_buttons (self);
  update_buttons (self);
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  return TRUE;
}

const KlAttendanceGrid *
kl_attendance_grid_view_get_grid (KlAttendanceGridView *self)
{
  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_VIEW (self), NULL);
  return kl_attendance_grid_model_get_grid (self->model);
}

/* TRUE while the grid writes: the change it makes is already on screen. */
gboolean
kl_attendance_grid_view_is_writing (KlAttendanceGridView *self)
{
  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_VIEW (self), FALSE);
  return kl_attendance_grid_model_is_writing (self->model);
}

void
kl_attendance_grid_view_get_cursor (KlAttendanceGridView *self,
                                    guint                *row,
                                    guint                *col)
{
  g_return_if_fail (KL_IS_ATTENDANCE_GRID_VIEW (self));
  kl_attendance_grid_model_get_cursor (self->model, row, col);
}

void
kl_attendance_grid_view_set_cursor (KlAttendanceGridView *self,
                                    guint                 row,
                                    guint                 col)
{
  g_return_if_fail (KL_IS_ATTENDANCE_GRID_VIEW (self));
  kl_attendance_grid_model_set_cursor (self->model, (int) MIN (row, G_MAXINT), (int) MIN (col, G_MAXINT));
}

/* 'P', 'A', 'E', 'H' (partial) or 0, as the core's grid has them. */
char
kl_attendance_grid_view_get_mark (KlAttendanceGridView *self,
                                  guint                 row,
                                  guint                 col)
{
  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_VIEW (self), 0);
  return kl_attendance_grid_model_get_mark (self->model, row, col);
}

double
kl_attendance_grid_view_get_row_rate (KlAttendanceGridView *self,
                                      guint                 row)
{
  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_VIEW (self), -1);
  return kl_attendance_grid_model_get_row_rate (self->model, row);
}

double
kl_attendance_grid_view_get_column_rate (KlAttendanceGridView *self,
                                         guint                 col)
{
  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_VIEW (self), -1);
  return kl_attendance_grid_model_get_column_rate (self->model, col);
}

double
kl_attendance_grid_view_get_rate (KlAttendanceGridView *self)
{
  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_VIEW (self), -1);
  return kl_attendance_grid_model_get_rate (self->model);
}

gboolean
kl_attendance_grid_view_handle_key (KlAttendanceGridView *self,
                                    guint                 keyval,
                                    GdkModifierType       state)
{
  guint page;
  gboolean control = (state & GDK_CONTROL_MASK) != 0;

  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_VIEW (self), FALSE);

  if (n_rows (self) == 0 || n_cols (self) == 0)
    return FALSE;
  if ((state & (GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return FALSE;
  page = (guint) MAX (1, viewport_height (self) / ROW_HEIGHT - 1);
  switch (keyval)
    {
    case GDK_KEY_Up: case GDK_KEY_KP_Up:
      kl_attendance_grid_model_move (self->model, KL_GRID_MOVE_UP, page);
      return TRUE;
    case GDK_KEY_Down: case GDK_KEY_KP_Down:
      kl_attendance_grid_model_move (self->model, KL_GRID_MOVE_DOWN, page);
      return TRUE;
    case GDK_KEY_Left: case GDK_KEY_KP_Left:
      kl_attendance_grid_model_move (self->model, KL_GRID_MOVE_LEFT, page);
      return TRUE;
    case GDK_KEY_Right: case GDK_KEY_KP_Right:
      kl_attendance_grid_model_move (self->model, KL_GRID_MOVE_RIGHT, page);
      return TRUE;
    case GDK_KEY_Page_Up:
      kl_attendance_grid_model_move (self->model, KL_GRID_MOVE_PAGE_UP, page);
      return TRUE;
    case GDK_KEY_Page_Down:
      kl_attendance_grid_model_move (self->model, KL_GRID_MOVE_PAGE_DOWN, page);
      return TRUE;
    case GDK_KEY_Home:
      kl_attendance_grid_model_move (self->model, control ? KL_GRID_MOVE_FIRST : KL_GRID_MOVE_ROW_START, page);
      return TRUE;
    case GDK_KEY_End:
      kl_attendance_grid_model_move (self->model, control ? KL_GRID_MOVE_LAST : KL_GRID_MOVE_ROW_END, page);
      return TRUE;
    default:
      break;
    }
  if (control)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_space: case GDK_KEY_KP_Space: case GDK_KEY_Return: case GDK_KEY_KP_Enter:
      {
        guint row, col;

        kl_attendance_grid_model_get_cursor (self->model, &row, &col);
        cycle (self, row, col);
      }
      return TRUE;
    case GDK_KEY_p: case GDK_KEY_P:
      set_here (self, 'P');
      return TRUE;
    case GDK_KEY_a: case GDK_KEY_A:
      set_here (self, 'A');
      return TRUE;
    case GDK_KEY_e: case GDK_KEY_E:
      set_here (self, 'E');
      return TRUE;
    case GDK_KEY_h: case GDK_KEY_H:
      set_here (self, 'H');
      return TRUE;
    case GDK_KEY_Delete: case GDK_KEY_KP_Delete: case GDK_KEY_BackSpace:
      set_here (self, 0);
      return TRUE;
    default:
      return FALSE;
    }
}

/* mark 0 clears the cell; minutes only for 'H'. Undoable. */
gboolean
kl_attendance_grid_view_set_mark (KlAttendanceGridView  *self,
                                  guint                  row,
                                  guint                  col,
                                  char                   mark,
                                  int                    minutes,
                                  GError               **error)
{
  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_VIEW (self), FALSE);
  return kl_attendance_grid_model_set_mark (self->model, row, col, mark, minutes, error);
}

/* Everyone expected present at one session that has begun, in one step
 * to undo, offered in a toast. */
gboolean
kl_attendance_grid_view_mark_column_present (KlAttendanceGridView  *self,
                                             guint                  col,
                                             GError               **error)
{
  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_VIEW (self), FALSE);
  return kl_attendance_grid_model_mark_column_present (self->model, col, error);
}

GtkWidget *
kl_attendance_grid_view_get_column_button (KlAttendanceGridView *self,
                                           guint                 col)
{
  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_VIEW (self), NULL);
  g_return_val_if_fail (col < self->buttons->len, NULL);
  return g_ptr_array_index (self->buttons, col);
}

/* Shows a session's column with the cursor in it, on the first one
 * expected there without a mark (the work to do), and takes the focus;
 * FALSE when the grid has no such session or nobody in it. */
gboolean
kl_attendance_grid_view_focus_session (KlAttendanceGridView *self,
                                       gint64                session_id)
{
  gboolean found;

  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_VIEW (self), FALSE);

  self->focusing = TRUE;
  found = kl_attendance_grid_model_focus_session (self->model, session_id);
  self->focusing = FALSE;
  if (!found)
    return FALSE;
  /* Scrolled there once the grid has its size (it may be shown only now). */
  self->scroll_pending = TRUE;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_grab_focus (GTK_WIDGET (self));
  return TRUE;
}

/* The dialog asking for partial hours while it is open, else NULL. */
AdwMessageDialog *
kl_attendance_grid_view_get_hours_dialog (KlAttendanceGridView *self)
{
  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_VIEW (self), NULL);
  return self->hours_dialog;
}
