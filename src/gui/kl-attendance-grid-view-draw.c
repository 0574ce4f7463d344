#include "config.h"

#include <glib/gi18n.h>

#include "kl-attendance-grid-view-private.h"
#include "kl-form.h"
#include "kl-labels.h"

/* Every cell is drawn, not a widget: a run of striped cells is one node,
 * and only what is in view is drawn at all. */

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

void
kl_attendance_grid_view_draw (GtkWidget   *widget,
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
