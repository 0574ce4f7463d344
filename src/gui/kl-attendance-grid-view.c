#include "config.h"

#include <glib/gi18n.h>

#include "kl-actions.h"
#include "kl-attendance-grid-model.h"
#include "kl-attendance-grid-view.h"
#include "kl-form.h"
#include "kl-hours.h"
#include "kl-labels.h"

/* Hundreds of participants by dozens of sessions: every cell is drawn, not
 * a widget. The only children are the "everyone present" buttons, one a
 * column. Headers, names and rates stay in place while the cells scroll,
 * so the widget scrolls itself (GtkScrollable). What the cells hold and
 * what marking does is KlAttendanceGridModel's; this draws it, takes
 * clicks and keys, and asks for partial hours. */

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

static guint
n_rows (KlAttendanceGridView *self)
{
  return kl_attendance_grid_model_get_n_rows (self->model);
}

static guint
n_cols (KlAttendanceGridView *self)
{
  return kl_attendance_grid_model_get_n_columns (self->model);
}

static gsize
cell_index (KlAttendanceGridView *self,
            guint                 row,
            guint                 col)
{
  return (gsize) row * n_cols (self) + col;
}

static const KlSession *
session_at (KlAttendanceGridView *self,
            guint                 col)
{
  return kl_attendance_grid_model_get_session (self->model, col);
}

static const KlParticipant *
participant_at (KlAttendanceGridView *self,
                guint                 row)
{
  return kl_attendance_grid_model_get_participant (self->model, row);
}

static void
report_error (KlAttendanceGridView *self,
              const GError         *error)
{
  kl_actions_toast (GTK_WIDGET (self), error->message);
}

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

/* The cells' width on screen: the rates follow the last session when
 * there is room, and stay at the right edge when the cells scroll. */
static int
cells_width (KlAttendanceGridView *self,
             int                   width)
{
  return CLAMP ((int) n_cols (self) * CELL_WIDTH, 0, MAX (0, width - self->name_width - RATE_WIDTH));
}

static int
viewport_width (KlAttendanceGridView *self)
{
  return cells_width (self, gtk_widget_get_width (GTK_WIDGET (self)));
}

static int
viewport_height (KlAttendanceGridView *self)
{
  return MAX (0, gtk_widget_get_height (GTK_WIDGET (self)) - self->header_height - FOOTER_HEIGHT);
}

static double
adjustment_value (GtkAdjustment *adjustment)
{
  return adjustment ? gtk_adjustment_get_value (adjustment) : 0;
}

static void
scroll_to_cursor (KlAttendanceGridView *self)
{
  guint row, col;
  double x, y;

  kl_attendance_grid_model_get_cursor (self->model, &row, &col);
  x = (double) col * CELL_WIDTH;
  y = (double) row * ROW_HEIGHT;

  if (self->hadjustment != NULL)
    {
      double value = gtk_adjustment_get_value (self->hadjustment);
      double page = gtk_adjustment_get_page_size (self->hadjustment);

      if (x < value)
        gtk_adjustment_set_value (self->hadjustment, x);
      else if (x + CELL_WIDTH > value + page)
        gtk_adjustment_set_value (self->hadjustment, x + CELL_WIDTH - page);
    }
  if (self->vadjustment != NULL)
    {
      double value = gtk_adjustment_get_value (self->vadjustment);
      double page = gtk_adjustment_get_page_size (self->vadjustment);

      if (y < value)
        gtk_adjustment_set_value (self->vadjustment, y);
      else if (y + ROW_HEIGHT > value + page)
        gtk_adjustment_set_value (self->vadjustment, y + ROW_HEIGHT - page);
    }
}

/* The hours dialog asks for partial attendance. */

static gboolean
check_hours (AdwMessageDialog *dialog,
             int              *minutes)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  GtkLabel *message = g_object_get_data (G_OBJECT (dialog), "message");
  int planned = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "planned"));
  const char *text = gtk_editable_get_text (entry);
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;

  if (!kl_hours_parse (_("Hours"), text, minutes, &error))
    problem = g_strdup (error->message);
  else if (*minutes <= 0)
    problem = *text != '\0' ? g_strdup (_("Hours: more than 0, or mark the participant absent")) : NULL;
  else if (planned > 0 && *minutes > planned)
    {
      g_autofree char *max = kl_form_format_hours (planned);

      problem = g_strdup_printf (_("Hours: at most the %s hours planned for the session"), max);
    }
  gtk_label_set_text (message, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (message), problem != NULL);
  if (problem != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  return problem == NULL && *minutes > 0;
}

static void
on_hours_changed_cb (GtkEditable      *entry,
                     AdwMessageDialog *dialog)
{
  int minutes;

  adw_message_dialog_set_response_enabled (dialog, "set", check_hours (dialog, &minutes));
}

static void
on_hours_response_cb (AdwMessageDialog     *dialog,
                      const char           *response,
                      KlAttendanceGridView *self)
{
  gint64 session_id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "session-id");
  gint64 participant_id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "participant-id");
  int row = kl_attendance_grid_model_find_row (self->model, participant_id);
  int col = kl_attendance_grid_model_find_column (self->model, session_id);
  int minutes;

  self->hours_dialog = NULL;
  if (row < 0 || col < 0)
    return;   /* the grid was reloaded without them meanwhile */
  if (g_strcmp0 (response, "set") == 0 && check_hours (dialog, &minutes))
    {
      g_autoptr(GError) error = NULL;

      if (!kl_attendance_grid_model_set_mark (self->model, (guint) row, (guint) col, 'H', minutes, &error))
        report_error (self, error);
    }
  else
    /* The next click on this cell goes on to present: no dead end. */
    kl_attendance_grid_model_decline_hours (self->model, (guint) row, (guint) col);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
ask_hours_at (KlAttendanceGridView *self,
              guint                 row,
              guint                 col)
{
  const KlSession *session = session_at (self, col);
  const KlParticipant *participant = participant_at (self, row);
  int planned = kl_session_minutes (session);
  g_autofree char *planned_text = kl_form_format_hours (planned);
  g_autofree char *body = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *message = gtk_label_new (NULL);
  AdwMessageDialog *dialog;
  body = g_strdup_printf (_("How many hours was %s at “%s”? The session has %s hours planned."),
                          participant->name, session->title, planned_text);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       _("Partly Present"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "set", _("_Set Hours"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "set", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "set");
  adw_message_dialog_set_close_response (dialog, "cancel");

  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Hours, e.g. 1,5"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Hours"), -1);
  if (kl_attendance_grid_model_get_mark (self->model, row, col) == 'H')
    {
      g_autofree char *hours = kl_form_format_hours (kl_attendance_grid_model_get_minutes (self->model, row, col));

      gtk_editable_set_text (GTK_EDITABLE (entry), hours);
    }
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_widget_add_css_class (message, "error");
  gtk_widget_add_css_class (message, "caption");
  gtk_widget_set_visible (message, FALSE);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), message);
  adw_message_dialog_set_extra_child (dialog, box);

  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data (G_OBJECT (dialog), "message", message);
  g_object_set_data (G_OBJECT (dialog), "planned", GINT_TO_POINTER (planned));
  g_object_set_data_full (G_OBJECT (dialog), "session-id", g_memdup2 (&session->id, sizeof (gint64)), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "participant-id", g_memdup2 (&participant->id, sizeof (gint64)),
                          g_free);
  g_signal_connect (entry, "changed", G_CALLBACK (on_hours_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_hours_response_cb), self, 0);
  on_hours_changed_cb (GTK_EDITABLE (entry), dialog);

  self->hours_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
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
    ask_hours_at (self, row, col);
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
    ask_hours_at (self, row, col);
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

/* Drawing */

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              GdkRGBA    *color,
              const char *fallback)
{
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, color))
    gdk_rgba_parse (color, fallback);
}

static void
draw_text (GtkSnapshot   *snapshot,
           PangoLayout   *layout,
           const char    *text,
           double         x,
           double         y,
           int            width,
           int            height,
           PangoAlignment align,
           const GdkRGBA *color)
{
  int text_height;

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_alignment (layout, align);
  pango_layout_get_pixel_size (layout, NULL, &text_height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float) x, (float) (y + (height - text_height) / 2.0)));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
fill (GtkSnapshot   *snapshot,
      const GdkRGBA *color,
      double         x,
      double         y,
      double         width,
      double         height)
{
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT ((float) x, (float) y, (float) width, (float) height));
}

static GdkRGBA
with_alpha (const GdkRGBA *color,
            float          alpha)
{
  GdkRGBA c = *color;

  c.alpha *= alpha;
  return c;
}

/* Diagonal stripes anchored at the table's corner, so that neighbouring
 * runs of cells join up: one gradient node per run. */
static void
hatch (GtkSnapshot        *snapshot,
       const GskColorStop *stops,
       double              origin_x,
       double              origin_y,
       double              x,
       double              y,
       double              width,
       double              height)
{
  gtk_snapshot_append_repeating_linear_gradient (snapshot,
                                                 &GRAPHENE_RECT_INIT ((float) x, (float) y, (float) width,
                                                                      (float) height),
                                                 &GRAPHENE_POINT_INIT ((float) origin_x, (float) origin_y),
                                                 &GRAPHENE_POINT_INIT ((float) origin_x + 5, (float) origin_y + 5),
                                                 stops, 4);
}

static void
set_font (PangoLayout *layout,
          gboolean     bold,
          double       scale)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  if (scale != 1.0)
    pango_attr_list_insert (attrs, pango_attr_scale_new (scale));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
}

static void
kl_attendance_grid_view_snapshot (GtkWidget   *widget,
                                  GtkSnapshot *snapshot)
{
  KlAttendanceGridView *self = KL_ATTENDANCE_GRID_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int vw = viewport_width (self);
  int vh = viewport_height (self);
  double hvalue = adjustment_value (self->hadjustment);
  double vvalue = adjustment_value (self->vadjustment);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  GdkRGBA fg, success, error, warning, accent, line, shade, zebra, dim;
  gboolean focused = gtk_widget_has_focus (widget);
  guint first_row, last_row, first_col, last_col;
  double rate_x = self->name_width + vw;
  double table_width = rate_x + RATE_WIDTH;
  double footer_y = height - FOOTER_HEIGHT;
  double origin_x = self->name_width - hvalue;
  double origin_y = self->header_height - vvalue;
  GskColorStop stripes[4] = { { 0.0f, { 0 } }, { 0.3f, { 0 } }, { 0.3f, { 0 } }, { 1.0f, { 0 } } };
  const KlAttendanceGrid *grid = kl_attendance_grid_model_get_grid (self->model);
  guint cursor_row, cursor_col;

  if (grid == NULL)
    return;

  kl_attendance_grid_model_get_cursor (self->model, &cursor_row, &cursor_col);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  lookup_color (widget, "success_color", &success, "#1b8553");
  lookup_color (widget, "error_color", &error, "#c01c28");
  lookup_color (widget, "warning_color", &warning, "#9c6e03");
  lookup_color (widget, "accent_color", &accent, "#1c71d8");
  line = with_alpha (&fg, 0.15f);
  shade = with_alpha (&fg, 0.05f);
  zebra = with_alpha (&fg, 0.025f);
  dim = with_alpha (&fg, 0.55f);
  stripes[0].color = stripes[1].color = with_alpha (&fg, 0.14f);
  stripes[2].color = stripes[3].color = with_alpha (&fg, 0.0f);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);

  first_row = (guint) (vvalue / ROW_HEIGHT);
  last_row = MIN (n_rows (self), (guint) ((vvalue + vh) / ROW_HEIGHT) + 1);
  first_col = (guint) (hvalue / CELL_WIDTH);
  last_col = MIN (n_cols (self), (guint) ((hvalue + vw) / CELL_WIDTH) + 1);

  /* Cells */
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (self->name_width, self->header_height, vw, vh));
  for (guint r = first_row; r < last_row; r++)
    {
      double y = self->header_height + (double) r * ROW_HEIGHT - vvalue;

      if (r % 2 == 1)
        fill (snapshot, &zebra, self->name_width, y, vw, ROW_HEIGHT);
      if (r == cursor_row)
        {
          GdkRGBA row_tint = with_alpha (&accent, 0.06f);

          fill (snapshot, &row_tint, self->name_width, y, vw, ROW_HEIGHT);
        }
      for (guint c = first_col; c < last_col; c++)
        {
          double x = self->name_width + (double) c * CELL_WIDTH - hvalue;
          gsize cell = cell_index (self, r, c);
          const GdkRGBA *color = &fg;
          g_autofree char *text = NULL;

          if (!kl_attendance_grid_model_counts (self->model, c))
            fill (snapshot, &shade, x, y, CELL_WIDTH, ROW_HEIGHT);
          /* Not expected: striped below, by runs. Not recorded yet is an
           * empty cell. */
          if (grid->expected[cell] != KL_CELL_EXPECTED)
            continue;
          switch (grid->marks[cell])
            {
            case 'P': text = g_strdup ("✓"); color = &success; break;
            case 'A': text = g_strdup ("✗"); color = &error; break;
            /* Translators: the mark for excused absence in the grid, one letter */
            case 'E': text = g_strdup (C_("attendance mark", "E")); color = &warning; break;
            case 'H':
              {
                g_autofree char *hours = kl_form_format_hours (grid->minutes[cell]);

                /* Translators: partial attendance in a grid cell, e.g. "1.5 h" */
                text = g_strdup_printf (C_("attendance mark", "%s h"), hours);
                color = &accent;
              }
              break;
            default: break;
            }
          if (text != NULL)
            {
              set_font (layout, TRUE, 1.0);
              draw_text (snapshot, layout, text, x, y, CELL_WIDTH, ROW_HEIGHT, PANGO_ALIGN_CENTER, color);
            }
        }
    }
  /* Outside the enrolment or the session's audience no mark belongs,
   * and the cells say so at a glance: striped, one node for each run of
   * them down a column (a coaching session's column is mostly such). */
  for (guint c = first_col; c < last_col; c++)
    {
      double x = self->name_width + (double) c * CELL_WIDTH - hvalue;
      guint start = G_MAXUINT;

      for (guint r = first_row; r <= last_row; r++)
        {
          gboolean expected = r == last_row || grid->expected[cell_index (self, r, c)] == KL_CELL_EXPECTED;

          if (!expected && start == G_MAXUINT)
            start = r;
          else if (expected && start != G_MAXUINT)
            {
              double y = self->header_height + (double) start * ROW_HEIGHT - vvalue;
              double h = (double) (r - start) * ROW_HEIGHT;

              fill (snapshot, &shade, x, y, CELL_WIDTH, h);
              hatch (snapshot, stripes, origin_x, origin_y, x, y, CELL_WIDTH, h);
              start = G_MAXUINT;
            }
        }
    }
  /* grid lines */
  for (guint c = first_col; c <= last_col; c++)
    fill (snapshot, &line, self->name_width + (double) c * CELL_WIDTH - hvalue, self->header_height, 1, vh);
  if (n_rows (self) > 0 && n_cols (self) > 0)
    {
      double x = self->name_width + (double) cursor_col * CELL_WIDTH - hvalue;
      double y = self->header_height + (double) cursor_row * ROW_HEIGHT - vvalue;
      GskRoundedRect outline;
      GdkRGBA colors[4];
      float widths[4];
      float w = focused ? 2.0f : 1.0f;
      GdkRGBA c = focused ? accent : with_alpha (&fg, 0.4f);

      for (int i = 0; i < 4; i++)
        colors[i] = c, widths[i] = w;
      gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT ((float) x + 2, (float) y + 2,
                                                                      CELL_WIDTH - 4, ROW_HEIGHT - 4), 6);
      gtk_snapshot_append_border (snapshot, &outline, widths, colors);
    }
  gtk_snapshot_pop (snapshot);

  /* Names and row rates scroll up and down only */
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, self->header_height, width, vh));
  for (guint r = first_row; r < last_row; r++)
    {
      double y = self->header_height + (double) r * ROW_HEIGHT - vvalue;
      g_autofree char *rate = kl_form_format_percent (kl_attendance_grid_model_get_row_rate (self->model, r));

      if (r % 2 == 1)
        {
          fill (snapshot, &zebra, 0, y, self->name_width, ROW_HEIGHT);
          fill (snapshot, &zebra, rate_x, y, RATE_WIDTH, ROW_HEIGHT);
        }
      set_font (layout, r == cursor_row, 1.0);
      draw_text (snapshot, layout, participant_at (self, r)->name, PAD, y, self->name_width - 2 * PAD,
                 ROW_HEIGHT, PANGO_ALIGN_LEFT, &fg);
      set_font (layout, FALSE, 1.0);
      draw_text (snapshot, layout, rate, rate_x, y, RATE_WIDTH - PAD, ROW_HEIGHT, PANGO_ALIGN_RIGHT,
                 kl_attendance_grid_model_get_row_rate (self->model, r) < 0 ? &dim : &fg);
    }
  gtk_snapshot_pop (snapshot);

  /* Session headers and column rates scroll sideways only */
  fill (snapshot, &shade, 0, 0, table_width, self->header_height);
  fill (snapshot, &shade, 0, footer_y, table_width, FOOTER_HEIGHT);
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (self->name_width, 0, vw, height));
  for (guint c = first_col; c < last_col; c++)
    {
      double x = self->name_width + (double) c * CELL_WIDTH - hvalue;
      const KlSession *session = session_at (self, c);
      g_autofree char *date = kl_format_date (session->starts_at);
      g_autofree char *rate = kl_form_format_percent (kl_attendance_grid_model_get_column_rate (self->model, c));
      const GdkRGBA *color = kl_attendance_grid_model_counts (self->model, c) ? &fg : &dim;

      if (c == cursor_col)
        {
          GdkRGBA tint = with_alpha (&accent, 0.10f);

          fill (snapshot, &tint, x, 0, CELL_WIDTH, self->header_height);
        }
      set_font (layout, TRUE, 0.85);
      draw_text (snapshot, layout, date, x + 2, 8, CELL_WIDTH - 4, 18, PANGO_ALIGN_CENTER, color);
      set_font (layout, FALSE, 0.85);
      draw_text (snapshot, layout, session->title, x + 2, 26, CELL_WIDTH - 4, 18, PANGO_ALIGN_CENTER, &dim);
      if (kl_attendance_grid_model_get_audience (self->model, c) != NULL)
        {
          set_font (layout, FALSE, 0.75);
          draw_text (snapshot, layout, kl_attendance_grid_model_get_audience (self->model, c), x + 2, 44, CELL_WIDTH - 4, AUDIENCE_LINE,
                     PANGO_ALIGN_CENTER, &accent);
        }
      set_font (layout, FALSE, 1.0);
      draw_text (snapshot, layout, rate, x, footer_y, CELL_WIDTH, FOOTER_HEIGHT, PANGO_ALIGN_CENTER,
                 kl_attendance_grid_model_get_column_rate (self->model, c) < 0 ? &dim : &fg);
      fill (snapshot, &line, x, 0, 1, self->header_height);
      fill (snapshot, &line, x, footer_y, 1, FOOTER_HEIGHT);
    }
  for (guint c = 0; c < self->buttons->len; c++)
    gtk_widget_snapshot_child (widget, g_ptr_array_index (self->buttons, c), snapshot);
  gtk_snapshot_pop (snapshot);

  /* Corners */
  {
    g_autofree char *total = kl_form_format_percent (kl_attendance_grid_model_get_rate (self->model));

    set_font (layout, TRUE, 0.85);
    draw_text (snapshot, layout, _("Participant"), PAD, self->header_height - 30, self->name_width - 2 * PAD, 24,
               PANGO_ALIGN_LEFT, &dim);
    draw_text (snapshot, layout, _("Rate"), rate_x, self->header_height - 30, RATE_WIDTH - PAD, 24,
               PANGO_ALIGN_RIGHT, &dim);
    draw_text (snapshot, layout, _("Rate per session"), PAD, footer_y, self->name_width - 2 * PAD,
               FOOTER_HEIGHT, PANGO_ALIGN_LEFT, &dim);
    set_font (layout, TRUE, 1.0);
    draw_text (snapshot, layout, total, rate_x, footer_y, RATE_WIDTH - PAD, FOOTER_HEIGHT, PANGO_ALIGN_RIGHT,
               kl_attendance_grid_model_get_rate (self->model) < 0 ? &dim : &fg);
  }
  fill (snapshot, &line, 0, self->header_height - 1, table_width, 1);
  fill (snapshot, &line, 0, footer_y, table_width, 1);
  fill (snapshot, &line, table_width, 0, 1, height);
  fill (snapshot, &line, self->name_width - 1, 0, 1, height);
  fill (snapshot, &line, rate_x, 0, 1, height);
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
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
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
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
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
  widget_class->snapshot = kl_attendance_grid_view_snapshot;

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");
  g_object_class_install_property (object_class, PROP_CONTEXT,
                                   g_param_spec_object ("context", NULL, NULL, KL_TYPE_CONTEXT,
                                                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                                                        | G_PARAM_STATIC_STRINGS));

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
