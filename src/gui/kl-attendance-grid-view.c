#include "config.h"

#include <glib/gi18n.h>

#include "kl-attendance-grid-view.h"
#include "kl-clock.h"
#include "kl-error.h"
#include "kl-form.h"
#include "kl-hours.h"
#include "kl-labels.h"
#include "kl-window.h"

/* Hundreds of participants by dozens of sessions: every cell is drawn, not
 * a widget. The only children are the "everyone present" buttons, one a
 * column. Headers, names and rates stay in place while the cells scroll,
 * so the widget scrolls itself (GtkScrollable). */

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

  KlDb *db;
  gint64 programme_id;
  KlAttendanceGrid *grid;
  gboolean *counts;       /* per column: does the session count in rates */
  double *row_rates;
  double *col_rates;
  double rate;
  GPtrArray *buttons;     /* a GtkButton per column */
  char **audiences;       /* per column: whom the session is for ("Hegg skole"), NULL for everyone */
  int name_width;
  int header_height;

  guint cursor_row;
  guint cursor_col;
  gsize declined_cell;    /* the cell whose hours were asked and refused, + 1 */
  gboolean writing;
  gboolean scroll_pending;
  AdwMessageDialog *hours_dialog;
};

enum {
  PROP_0,
  PROP_HADJUSTMENT,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

G_DEFINE_FINAL_TYPE_WITH_CODE (KlAttendanceGridView, kl_attendance_grid_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

/* One cell as it was, to put back. */
typedef struct
{
  gint64 session_id;
  gint64 participant_id;
  char mark;
  int minutes;
} Cell;

typedef struct
{
  KlDb *db;
  GArray *cells;
} Restore;

/* Helpers */

static const char *
status_of_mark (char mark)
{
  switch (mark)
    {
    case 'P': return "present";
    case 'A': return "absent";
    case 'E': return "excused";
    case 'H': return "partial";
    default:  return NULL;
    }
}

static guint
n_rows (KlAttendanceGridView *self)
{
  return self->grid ? self->grid->participants->len : 0;
}

static guint
n_cols (KlAttendanceGridView *self)
{
  return self->grid ? self->grid->sessions->len : 0;
}

static gsize
cell_index (KlAttendanceGridView *self,
            guint                 row,
            guint                 col)
{
  return (gsize) row * n_cols (self) + col;
}

static KlSession *
session_at (KlAttendanceGridView *self,
            guint                 col)
{
  return g_ptr_array_index (self->grid->sessions, col);
}

static KlParticipant *
participant_at (KlAttendanceGridView *self,
                guint                 row)
{
  return g_ptr_array_index (self->grid->participants, row);
}

static int find_row (KlAttendanceGridView *self,
                     gint64                participant_id);

static KlWindow *
get_window (KlAttendanceGridView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return KL_IS_WINDOW (root) ? KL_WINDOW (root) : NULL;
}

static void
restore_free (Restore *restore)
{
  g_object_unref (restore->db);
  g_array_unref (restore->cells);
  g_free (restore);
}

static gboolean
restore_cb (gpointer   data,
            GError   **error)
{
  Restore *restore = data;
  g_autoptr(KlTransaction) tx = kl_db_begin (restore->db, error);

  if (tx == NULL)
    return FALSE;
  for (guint i = 0; i < restore->cells->len; i++)
    {
      const Cell *cell = &g_array_index (restore->cells, Cell, i);

      if (cell->mark == 0)
        {
          if (!kl_store_clear_attendance (restore->db, cell->session_id, cell->participant_id, error))
            return FALSE;
        }
      else
        {
          g_autoptr(KlAttendance) mark = kl_attendance_new ();

          mark->session_id = cell->session_id;
          mark->participant_id = cell->participant_id;
          mark->status = g_strdup (status_of_mark (cell->mark));
          mark->minutes = cell->minutes;
          if (!kl_store_set_attendance (restore->db, mark, error))
            return FALSE;
        }
    }
  return kl_transaction_commit (tx, error);
}

static gboolean
session_started (KlAttendanceGridView *self,
                 guint                 col)
{
  g_autofree char *now = kl_clock_now_minutes ();

  return g_strcmp0 (session_at (self, col)->starts_at, now) <= 0;
}

/* Whom a session is for; with not_expected, why someone else has no
 * mark there. */
static char *
describe_audience (KlAttendanceGridView *self,
                   guint                 col,
                   gboolean              not_expected)
{
  KlSession *session = session_at (self, col);
  const char *audience = kl_session_audience (session);

  if (g_str_equal (audience, "workplace"))
    /* Translators: %s is a workplace, e.g. "Hegg skole" */
    return g_strdup_printf (not_expected ? _("Not expected: the session is for %s") : _("For %s"),
                            self->audiences[col]);
  if (g_str_equal (audience, "named"))
    return g_strdup (not_expected ? _("Not expected: the session is for named participants")
                                  : _("For named participants"));
  return g_strdup (_("For everyone enrolled"));
}

/* A mark other than excused waits until the session has begun. */
static void
set_not_started_error (KlAttendanceGridView  *self,
                       guint                  col,
                       GError               **error)
{
  KlSession *session = session_at (self, col);
  g_autofree char *date = kl_format_date (session->starts_at);

  g_set_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE,
               /* Translators: a session, the day and time it starts; E is the key that marks an excused absence */
               _("“%s” has not started yet (%s %s): only an excused absence (E) can be recorded ahead"),
               session->title, date, session->starts_at + 11);
}

/* Why nobody can mark this cell; FALSE when it is expected. */
static gboolean
check_expected (KlAttendanceGridView  *self,
                guint                  row,
                guint                  col,
                GError               **error)
{
  KlSession *session = session_at (self, col);
  const char *name = participant_at (self, row)->name;

  switch (self->grid->expected[cell_index (self, row, col)])
    {
    case KL_CELL_EXPECTED:
      return TRUE;
    case KL_CELL_NOT_IN_AUDIENCE:
      if (g_str_equal (kl_session_audience (session), "workplace"))
        g_set_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE,
                     /* Translators: a participant, a session, and the workplace it is for */
                     _("%s is not expected at “%s”: the session is for %s"), name, session->title,
                     self->audiences[col]);
      else
        g_set_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE,
                     _("%s is not expected at “%s”: the session is for named participants"), name,
                     session->title);
      return FALSE;
    default:
      g_set_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE,
                   _("%s was not enrolled on %.10s, so there is nothing to mark"), name, session->starts_at);
      return FALSE;
    }
}

static char *
describe_mark (KlAttendanceGridView *self,
               guint                 row,
               guint                 col)
{
  gsize cell = cell_index (self, row, col);
  char mark = self->grid->marks[cell];

  if (self->grid->expected[cell] == KL_CELL_NOT_ENROLLED)
    return g_strdup (_("Not expected: not enrolled then"));
  if (self->grid->expected[cell] == KL_CELL_NOT_IN_AUDIENCE)
    return describe_audience (self, col, TRUE);
  if (mark == 0 && !session_started (self, col))
    return g_strdup (_("Not marked: the session has not started yet"));
  if (mark == 0)
    return g_strdup (_("Not marked"));
  if (mark == 'H')
    {
      g_autofree char *hours = kl_form_format_hours (self->grid->minutes[cell]);

      /* Translators: partial attendance, %s is hours as in "1.5" */
      return g_strdup_printf (_("Partly present, %s hours"), hours);
    }
  return g_strdup (kl_label (KL_LABELS_ATTENDANCE, status_of_mark (mark)));
}

static char *
describe_cell (KlAttendanceGridView *self,
               guint                 row,
               guint                 col)
{
  KlSession *session = session_at (self, col);
  g_autofree char *date = kl_format_date (session->starts_at);
  g_autofree char *mark = describe_mark (self, row, col);

  /* Translators: participant, session, its date, and the mark */
  return g_strdup_printf (_("%s at “%s” (%s): %s"), participant_at (self, row)->name,
                          session->title, date, mark);
}

static void
update_accessible (KlAttendanceGridView *self)
{
  g_autofree char *description = NULL;

  if (n_rows (self) > 0 && n_cols (self) > 0)
    description = describe_cell (self, self->cursor_row, self->cursor_col);
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
      g_autofree char *tooltip = self->counts[c] ? g_strdup_printf (_("Mark everyone present at “%s”"), title)
                                                 : g_strdup_printf (_("“%s” has not started yet"), title);

      gtk_widget_set_sensitive (button, self->counts[c]);
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
    }
}

static void
compute_rates (KlAttendanceGridView *self)
{
  g_autofree char *now = kl_clock_now_minutes ();
  guint rows = n_rows (self);
  guint cols = n_cols (self);
  double sum = 0;
  guint n = 0;

  g_clear_pointer (&self->counts, g_free);
  g_clear_pointer (&self->row_rates, g_free);
  g_clear_pointer (&self->col_rates, g_free);
  self->rate = -1;
  if (self->grid == NULL)
    return;

  self->counts = g_new0 (gboolean, MAX (1, cols));
  self->row_rates = g_new0 (double, MAX (1, rows));
  self->col_rates = g_new0 (double, MAX (1, cols));
  for (guint c = 0; c < cols; c++)
    self->counts[c] = kl_attendance_grid_session_counts (self->grid, c, now);

  /* The same sums as kl_attendance_grid_rate, in one pass over the cells. */
  for (guint c = 0; c < cols; c++)
    {
      double col_sum = 0;
      guint enrolled = 0;

      if (!self->counts[c])
        {
          self->col_rates[c] = -1;
          continue;
        }
      /* Sessions outside someone's enrolment or audience are no absence
       * of theirs, and a cell not recorded yet is no evidence either way. */
      for (guint r = 0; r < rows; r++)
        if (self->grid->marks[cell_index (self, r, c)] != 0 && kl_attendance_grid_expected (self->grid, r, c))
          {
            col_sum += kl_attendance_grid_credit (self->grid, r, c);
            enrolled++;
          }
      self->col_rates[c] = enrolled > 0 ? col_sum / enrolled : -1;
      sum += col_sum;
      n += enrolled;
    }
  for (guint r = 0; r < rows; r++)
    {
      double row_sum = 0;
      guint counted = 0;

      for (guint c = 0; c < cols; c++)
        if (self->counts[c] && self->grid->marks[cell_index (self, r, c)] != 0
            && kl_attendance_grid_expected (self->grid, r, c))
          {
            row_sum += kl_attendance_grid_credit (self->grid, r, c);
            counted++;
          }
      self->row_rates[r] = counted > 0 ? row_sum / counted : -1;
    }
  self->rate = n > 0 ? sum / n : -1;
  update_buttons (self);
}

/* Whom each session is for, named once per load: the workplace's name
 * (one query for all of them), or the named participants. */
static void
load_audiences (KlAttendanceGridView *self)
{
  g_autoptr(GPtrArray) clients = NULL;
  guint cols = n_cols (self);
  gboolean any = FALSE;

  g_clear_pointer (&self->audiences, g_strfreev);
  self->audiences = g_new0 (char *, cols + 1);
  for (guint c = 0; c < cols; c++)
    {
      KlSession *session = session_at (self, c);
      const char *audience = kl_session_audience (session);

      if (g_str_equal (audience, "workplace"))
        {
          if (clients == NULL)
            clients = kl_store_list_clients (self->db, NULL);
          for (guint i = 0; clients != NULL && i < clients->len; i++)
            if (((KlClient *) g_ptr_array_index (clients, i))->id == session->audience_client_id)
              self->audiences[c] = g_strdup (((KlClient *) g_ptr_array_index (clients, i))->name);
          if (self->audiences[c] == NULL)
            self->audiences[c] = g_strdup ("?");
        }
      else if (g_str_equal (audience, "named"))
        {
          int row = session->audience_ids->len == 1 ? find_row (self, g_array_index (session->audience_ids, gint64, 0))
                                                    : -1;

          self->audiences[c] = row >= 0
            ? g_strdup (participant_at (self, (guint) row)->name)
            /* Translators: whom a session is for, in the attendance grid's header */
            : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u named", "%u named", session->audience_ids->len),
                               session->audience_ids->len);
        }
      any |= self->audiences[c] != NULL;
    }
  /* A line for them in the header only when some session has one. */
  self->header_height = HEADER_HEIGHT + (any ? AUDIENCE_LINE : 0);
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

  if (!kl_attendance_grid_view_mark_column_present (self, col, &error))
    {
      KlWindow *window = get_window (self);

      if (window != NULL)
        kl_window_toast (window, error->message, FALSE);
    }
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
  double x = (double) self->cursor_col * CELL_WIDTH;
  double y = (double) self->cursor_row * ROW_HEIGHT;

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

static void
move_cursor (KlAttendanceGridView *self,
             int                   row,
             int                   col)
{
  if (n_rows (self) == 0 || n_cols (self) == 0)
    return;
  row = CLAMP (row, 0, (int) n_rows (self) - 1);
  col = CLAMP (col, 0, (int) n_cols (self) - 1);
  if ((guint) row == self->cursor_row && (guint) col == self->cursor_col)
    return;
  self->cursor_row = (guint) row;
  self->cursor_col = (guint) col;
  self->declined_cell = 0;
  scroll_to_cursor (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Writes the marks and records how to put the old ones back. */
static gboolean
write_marks (KlAttendanceGridView  *self,
             const guint           *rows,
             guint                  n,
             guint                  col,
             char                   mark,
             int                    minutes,
             const char            *label,
             gboolean               toast,
             GError               **error)
{
  g_autoptr(KlTransaction) tx = NULL;
  g_autoptr(GArray) before = g_array_new (FALSE, FALSE, sizeof (Cell));
  KlSession *session = session_at (self, col);
  KlWindow *window;
  gboolean ok = TRUE;

  self->writing = TRUE;
  tx = kl_db_begin (self->db, error);
  if (tx == NULL)
    ok = FALSE;
  for (guint i = 0; ok && i < n; i++)
    {
      gsize cell = cell_index (self, rows[i], col);
      Cell old = { session->id, participant_at (self, rows[i])->id,
                   self->grid->marks[cell], self->grid->minutes[cell] };

      if (mark == 0)
        ok = kl_store_clear_attendance (self->db, old.session_id, old.participant_id, error);
      else
        {
          g_autoptr(KlAttendance) attendance = kl_attendance_new ();

          attendance->session_id = old.session_id;
          attendance->participant_id = old.participant_id;
          attendance->status = g_strdup (status_of_mark (mark));
          attendance->minutes = mark == 'H' ? minutes : 0;
          ok = kl_store_set_attendance (self->db, attendance, error);
        }
      g_array_append_val (before, old);
    }
  ok = ok && kl_transaction_commit (tx, error);
  self->writing = FALSE;
  if (!ok)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      gsize cell = cell_index (self, rows[i], col);

      self->grid->marks[cell] = mark;
      self->grid->minutes[cell] = mark == 'H' ? minutes : 0;
    }
  compute_rates (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  window = get_window (self);
  if (window != NULL && before->len > 0)
    {
      Restore *restore = g_new0 (Restore, 1);

      restore->db = g_object_ref (self->db);
      restore->cells = g_steal_pointer (&before);
      /* One mark is one keystroke: a toast for each would queue up behind
       * the others, so single marks go on the undo stack quietly (Ctrl+Z),
       * and only a whole column says so. */
      if (toast)
        kl_window_push_undo (window, label, restore_cb, restore, (GDestroyNotify) restore_free);
      else
        kl_undo_push (kl_window_get_undo (window), label, restore_cb, restore, (GDestroyNotify) restore_free);
    }
  return TRUE;
}

static void
report_error (KlAttendanceGridView *self,
              const GError         *error)
{
  KlWindow *window = get_window (self);

  if (window != NULL)
    kl_window_toast (window, error->message, FALSE);
  else
    g_warning ("%s", error->message);
}

static int
find_row (KlAttendanceGridView *self,
          gint64                participant_id)
{
  for (guint r = 0; r < n_rows (self); r++)
    if (participant_at (self, r)->id == participant_id)
      return (int) r;
  return -1;
}

static int
find_col (KlAttendanceGridView *self,
          gint64                session_id)
{
  for (guint c = 0; c < n_cols (self); c++)
    if (session_at (self, c)->id == session_id)
      return (int) c;
  return -1;
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
  int row = find_row (self, participant_id);
  int col = find_col (self, session_id);
  int minutes;

  self->hours_dialog = NULL;
  if (row < 0 || col < 0)
    return;   /* the grid was reloaded without them meanwhile */
  if (g_strcmp0 (response, "set") == 0 && check_hours (dialog, &minutes))
    {
      g_autoptr(GError) error = NULL;

      if (!kl_attendance_grid_view_set_mark (self, (guint) row, (guint) col, 'H', minutes, &error))
        report_error (self, error);
    }
  else
    /* The next click on this cell goes on to present: no dead end. */
    self->declined_cell = cell_index (self, (guint) row, (guint) col) + 1;
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
ask_hours (KlAttendanceGridView *self,
           guint                 row,
           guint                 col)
{
  KlSession *session = session_at (self, col);
  KlParticipant *participant = participant_at (self, row);
  int planned = kl_session_minutes (session);
  g_autofree char *planned_text = kl_form_format_hours (planned);
  g_autofree char *body = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *message = gtk_label_new (NULL);
  AdwMessageDialog *dialog;
  gsize cell = cell_index (self, row, col);

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
  if (self->grid->marks[cell] == 'H')
    {
      g_autofree char *hours = kl_form_format_hours (self->grid->minutes[cell]);

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
  gsize cell = cell_index (self, row, col);
  g_autoptr(GError) error = NULL;
  char next;

  if (!check_expected (self, row, col, &error))
    {
      report_error (self, error);
      return;
    }
  /* Round and round would stop at present: say why at once. */
  if (!session_started (self, col))
    {
      set_not_started_error (self, col, &error);
      report_error (self, error);
      return;
    }
  switch (self->grid->marks[cell])
    {
    case 'P': next = 'A'; break;
    case 'A': next = 'E'; break;
    case 'E': next = self->declined_cell == cell + 1 ? 'P' : 'H'; break;
    default:  next = 'P'; break;
    }
  self->declined_cell = 0;
  if (next == 'H')
    {
      ask_hours (self, row, col);
      return;
    }
  if (!kl_attendance_grid_view_set_mark (self, row, col, next, 0, &error))
    report_error (self, error);
}

static void
set_here (KlAttendanceGridView *self,
          char                  mark)
{
  g_autoptr(GError) error = NULL;

  if (mark == 'H' && !check_expected (self, self->cursor_row, self->cursor_col, &error))
    report_error (self, error);
  else if (mark == 'H' && !session_started (self, self->cursor_col))
    {
      set_not_started_error (self, self->cursor_col, &error);
      report_error (self, error);
    }
  else if (mark == 'H')
    ask_hours (self, self->cursor_row, self->cursor_col);
  else if (!kl_attendance_grid_view_set_mark (self, self->cursor_row, self->cursor_col, mark, 0, &error))
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

/* A column's header in words: when, whom for, and whether it can be
 * marked yet. */
static char *
describe_session (KlAttendanceGridView *self,
                  guint                 col)
{
  KlSession *session = session_at (self, col);
  g_autofree char *date = kl_format_date (session->starts_at);
  g_autofree char *audience = describe_audience (self, col, FALSE);
  guint expected = kl_attendance_grid_count_expected (self->grid, col);
  g_autofree char *who = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u expected", "%s: %u expected",
                                                       expected), audience, expected);

  if (!self->counts[col])
    /* Translators: a session, its date and times, whom it is for; then why only excused can be marked */
    return g_strdup_printf (_("%s, %s %s–%s\n%s\nNot started yet: only an excused absence can be recorded"),
                            session->title, date, session->starts_at + 11, session->ends_at + 11, who);
  /* Translators: a session, its date and times, and whom it is for */
  return g_strdup_printf (_("%s, %s %s–%s\n%s"), session->title, date, session->starts_at + 11,
                          session->ends_at + 11, who);
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

  if (self->grid == NULL)
    return;

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
      if (r == self->cursor_row)
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

          if (!self->counts[c])
            fill (snapshot, &shade, x, y, CELL_WIDTH, ROW_HEIGHT);
          /* Not expected: striped below, by runs. Not recorded yet is an
           * empty cell. */
          if (self->grid->expected[cell] != KL_CELL_EXPECTED)
            continue;
          switch (self->grid->marks[cell])
            {
            case 'P': text = g_strdup ("✓"); color = &success; break;
            case 'A': text = g_strdup ("✗"); color = &error; break;
            /* Translators: the mark for excused absence in the grid, one letter */
            case 'E': text = g_strdup (C_("attendance mark", "E")); color = &warning; break;
            case 'H':
              {
                g_autofree char *hours = kl_form_format_hours (self->grid->minutes[cell]);

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
          gboolean expected = r == last_row || self->grid->expected[cell_index (self, r, c)] == KL_CELL_EXPECTED;

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
      double x = self->name_width + (double) self->cursor_col * CELL_WIDTH - hvalue;
      double y = self->header_height + (double) self->cursor_row * ROW_HEIGHT - vvalue;
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
      g_autofree char *rate = kl_form_format_percent (self->row_rates[r]);

      if (r % 2 == 1)
        {
          fill (snapshot, &zebra, 0, y, self->name_width, ROW_HEIGHT);
          fill (snapshot, &zebra, rate_x, y, RATE_WIDTH, ROW_HEIGHT);
        }
      set_font (layout, r == self->cursor_row, 1.0);
      draw_text (snapshot, layout, participant_at (self, r)->name, PAD, y, self->name_width - 2 * PAD,
                 ROW_HEIGHT, PANGO_ALIGN_LEFT, &fg);
      set_font (layout, FALSE, 1.0);
      draw_text (snapshot, layout, rate, rate_x, y, RATE_WIDTH - PAD, ROW_HEIGHT, PANGO_ALIGN_RIGHT,
                 self->row_rates[r] < 0 ? &dim : &fg);
    }
  gtk_snapshot_pop (snapshot);

  /* Session headers and column rates scroll sideways only */
  fill (snapshot, &shade, 0, 0, table_width, self->header_height);
  fill (snapshot, &shade, 0, footer_y, table_width, FOOTER_HEIGHT);
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (self->name_width, 0, vw, height));
  for (guint c = first_col; c < last_col; c++)
    {
      double x = self->name_width + (double) c * CELL_WIDTH - hvalue;
      KlSession *session = session_at (self, c);
      g_autofree char *date = kl_format_date (session->starts_at);
      g_autofree char *rate = kl_form_format_percent (self->col_rates[c]);
      const GdkRGBA *color = self->counts[c] ? &fg : &dim;

      if (c == self->cursor_col)
        {
          GdkRGBA tint = with_alpha (&accent, 0.10f);

          fill (snapshot, &tint, x, 0, CELL_WIDTH, self->header_height);
        }
      set_font (layout, TRUE, 0.85);
      draw_text (snapshot, layout, date, x + 2, 8, CELL_WIDTH - 4, 18, PANGO_ALIGN_CENTER, color);
      set_font (layout, FALSE, 0.85);
      draw_text (snapshot, layout, session->title, x + 2, 26, CELL_WIDTH - 4, 18, PANGO_ALIGN_CENTER, &dim);
      if (self->audiences[c] != NULL)
        {
          set_font (layout, FALSE, 0.75);
          draw_text (snapshot, layout, self->audiences[c], x + 2, 44, CELL_WIDTH - 4, AUDIENCE_LINE,
                     PANGO_ALIGN_CENTER, &accent);
        }
      set_font (layout, FALSE, 1.0);
      draw_text (snapshot, layout, rate, x, footer_y, CELL_WIDTH, FOOTER_HEIGHT, PANGO_ALIGN_CENTER,
                 self->col_rates[c] < 0 ? &dim : &fg);
      fill (snapshot, &line, x, 0, 1, self->header_height);
      fill (snapshot, &line, x, footer_y, 1, FOOTER_HEIGHT);
    }
  for (guint c = 0; c < self->buttons->len; c++)
    gtk_widget_snapshot_child (widget, g_ptr_array_index (self->buttons, c), snapshot);
  gtk_snapshot_pop (snapshot);

  /* Corners */
  {
    g_autofree char *total = kl_form_format_percent (self->rate);

    set_font (layout, TRUE, 0.85);
    draw_text (snapshot, layout, _("Participant"), PAD, self->header_height - 30, self->name_width - 2 * PAD, 24,
               PANGO_ALIGN_LEFT, &dim);
    draw_text (snapshot, layout, _("Rate"), rate_x, self->header_height - 30, RATE_WIDTH - PAD, 24,
               PANGO_ALIGN_RIGHT, &dim);
    draw_text (snapshot, layout, _("Rate per session"), PAD, footer_y, self->name_width - 2 * PAD,
               FOOTER_HEIGHT, PANGO_ALIGN_LEFT, &dim);
    set_font (layout, TRUE, 1.0);
    draw_text (snapshot, layout, total, rate_x, footer_y, RATE_WIDTH - PAD, FOOTER_HEIGHT, PANGO_ALIGN_RIGHT,
               self->rate < 0 ? &dim : &fg);
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
  move_cursor (self, (int) row, (int) col);
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
      text = describe_session (self, col);
      gtk_tooltip_set_text (tooltip, text);
      return TRUE;
    }
  if (keyboard)
    row = self->cursor_row, col = self->cursor_col;
  else if (!cell_at (self, x, y, &row, &col))
    return FALSE;
  if (row >= n_rows (self) || col >= n_cols (self))
    return FALSE;
  text = describe_cell (self, row, col);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
on_focus_changed_cb (KlAttendanceGridView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
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
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
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
  g_clear_object (&self->db);
  g_clear_pointer (&self->grid, kl_attendance_grid_free);
  g_clear_pointer (&self->counts, g_free);
  g_clear_pointer (&self->row_rates, g_free);
  g_clear_pointer (&self->col_rates, g_free);
  g_clear_pointer (&self->audiences, g_strfreev);

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
  widget_class->measure = kl_attendance_grid_view_measure;
  widget_class->size_allocate = kl_attendance_grid_view_size_allocate;
  widget_class->snapshot = kl_attendance_grid_view_snapshot;

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

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
  self->rate = -1;
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
kl_attendance_grid_view_new (void)
{
  return g_object_new (KL_TYPE_ATTENDANCE_GRID_VIEW, NULL);
}

/* Reads the programme's grid; the cursor stays on the same participant and
 * session when they are still there. */
gboolean
kl_attendance_grid_view_load (KlAttendanceGridView  *self,
                              KlDb                  *db,
                              gint64                 programme_id,
                              GError               **error)
{
  KlAttendanceGrid *grid;
  gint64 cursor_participant = 0;
  gint64 cursor_session = 0;
  int row, col;

  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_VIEW (self), FALSE);
  g_return_val_if_fail (KL_IS_DB (db), FALSE);

  grid = kl_store_load_grid (db, programme_id, error);
  if (grid == NULL)
    return FALSE;
  if (self->grid != NULL && self->programme_id == programme_id && n_rows (self) > 0 && n_cols (self) > 0)
    {
      cursor_participant = participant_at (self, self->cursor_row)->id;
      cursor_session = session_at (self, self->cursor_col)->id;
    }
  else if (self->hadjustment != NULL && self->vadjustment != NULL)
    {
      gtk_adjustment_set_value (self->hadjustment, 0);
      gtk_adjustment_set_value (self->vadjustment, 0);
    }

  g_set_object (&self->db, db);
  self->programme_id = programme_id;
  g_clear_pointer (&self->grid, kl_attendance_grid_free);
  self->grid = grid;
  self->declined_cell = 0;

  row = find_row (self, cursor_participant);
  col = find_col (self, cursor_session);
  self->cursor_row = row >= 0 ? (guint) row : 0;
  self->cursor_col = col >= 0 ? (guint) col : 0;
  if (col < 0)
    {
      /* Start at the latest session held: the one to mark now. */
      self->scroll_pending = TRUE;
      g_autofree char *now = kl_clock_now_minutes ();

      for (guint c = 0; c < n_cols (self); c++)
        if (g_strcmp0 (session_at (self, c)->starts_at, now) <= 0)
          self->cursor_col = c;
    }

  load_audiences (self);
  measure_names (self);
  sync_buttons (self);
  compute_rates (self);
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  return TRUE;
}

const KlAttendanceGrid *
kl_attendance_grid_view_get_grid (KlAttendanceGridView *self)
{
  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_VIEW (self), NULL);
  return self->grid;
}

/* TRUE while the grid writes: the change it makes is already on screen. */
gboolean
kl_attendance_grid_view_is_writing (KlAttendanceGridView *self)
{
  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_VIEW (self), FALSE);
  return self->writing;
}

void
kl_attendance_grid_view_get_cursor (KlAttendanceGridView *self,
                                    guint                *row,
                                    guint                *col)
{
  g_return_if_fail (KL_IS_ATTENDANCE_GRID_VIEW (self));

  if (row != NULL)
    *row = self->cursor_row;
  if (col != NULL)
    *col = self->cursor_col;
}

void
kl_attendance_grid_view_set_cursor (KlAttendanceGridView *self,
                                    guint                 row,
                                    guint                 col)
{
  g_return_if_fail (KL_IS_ATTENDANCE_GRID_VIEW (self));

  move_cursor (self, (int) MIN (row, G_MAXINT), (int) MIN (col, G_MAXINT));
}

/* 'P', 'A', 'E', 'H' (partial) or 0, as the core's grid has them. */
char
kl_attendance_grid_view_get_mark (KlAttendanceGridView *self,
                                  guint                 row,
                                  guint                 col)
{
  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_VIEW (self), 0);
  g_return_val_if_fail (row < n_rows (self) && col < n_cols (self), 0);

  return self->grid->marks[cell_index (self, row, col)];
}

double
kl_attendance_grid_view_get_row_rate (KlAttendanceGridView *self,
                                      guint                 row)
{
  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_VIEW (self), -1);
  g_return_val_if_fail (row < n_rows (self), -1);
  return self->row_rates[row];
}

double
kl_attendance_grid_view_get_column_rate (KlAttendanceGridView *self,
                                         guint                 col)
{
  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_VIEW (self), -1);
  g_return_val_if_fail (col < n_cols (self), -1);
  return self->col_rates[col];
}

double
kl_attendance_grid_view_get_rate (KlAttendanceGridView *self)
{
  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_VIEW (self), -1);
  return self->rate;
}

gboolean
kl_attendance_grid_view_handle_key (KlAttendanceGridView *self,
                                    guint                 keyval,
                                    GdkModifierType       state)
{
  int row, col;
  int page = MAX (1, viewport_height (self) / ROW_HEIGHT - 1);
  gboolean control = (state & GDK_CONTROL_MASK) != 0;

  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_VIEW (self), FALSE);

  if (n_rows (self) == 0 || n_cols (self) == 0)
    return FALSE;
  if ((state & (GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return FALSE;
  row = (int) self->cursor_row;
  col = (int) self->cursor_col;
  switch (keyval)
    {
    case GDK_KEY_Up: case GDK_KEY_KP_Up:       move_cursor (self, row - 1, col); return TRUE;
    case GDK_KEY_Down: case GDK_KEY_KP_Down:   move_cursor (self, row + 1, col); return TRUE;
    case GDK_KEY_Left: case GDK_KEY_KP_Left:   move_cursor (self, row, col - 1); return TRUE;
    case GDK_KEY_Right: case GDK_KEY_KP_Right: move_cursor (self, row, col + 1); return TRUE;
    case GDK_KEY_Page_Up:                      move_cursor (self, row - page, col); return TRUE;
    case GDK_KEY_Page_Down:                    move_cursor (self, row + page, col); return TRUE;
    case GDK_KEY_Home:
      move_cursor (self, control ? 0 : row, 0);
      return TRUE;
    case GDK_KEY_End:
      move_cursor (self, control ? (int) n_rows (self) - 1 : row, (int) n_cols (self) - 1);
      return TRUE;
    default:
      break;
    }
  if (control)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_space: case GDK_KEY_KP_Space: case GDK_KEY_Return: case GDK_KEY_KP_Enter:
      cycle (self, self->cursor_row, self->cursor_col);
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
  g_autofree char *label = NULL;

  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_VIEW (self), FALSE);
  g_return_val_if_fail (row < n_rows (self) && col < n_cols (self), FALSE);
  g_return_val_if_fail (mark == 0 || status_of_mark (mark) != NULL, FALSE);

  if (mark != 0 && !check_expected (self, row, col, error))
    return FALSE;
  /* What has not happened cannot be attended or missed. */
  if (mark != 0 && mark != 'E' && !session_started (self, col))
    {
      set_not_started_error (self, col, error);
      return FALSE;
    }
  if (self->grid->marks[cell_index (self, row, col)] == mark && mark != 'H')
    return TRUE;
  /* Translators: an undoable step, e.g. "Attendance of Kari Olsen at “Samling 2”" */
  label = g_strdup_printf (_("Attendance of %s at “%s”"), participant_at (self, row)->name,
                           session_at (self, col)->title);
  return write_marks (self, &row, 1, col, mark, minutes, label, FALSE, error);
}

/* Everyone expected present at one session that has begun, in one step
 * to undo. */
gboolean
kl_attendance_grid_view_mark_column_present (KlAttendanceGridView  *self,
                                             guint                  col,
                                             GError               **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *label = NULL;

  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_VIEW (self), FALSE);
  g_return_val_if_fail (col < n_cols (self), FALSE);

  if (!session_started (self, col))
    {
      set_not_started_error (self, col, error);
      return FALSE;
    }
  for (guint r = 0; r < n_rows (self); r++)
    if (self->grid->marks[cell_index (self, r, col)] != 'P'
        && self->grid->expected[cell_index (self, r, col)] == KL_CELL_EXPECTED)
      g_array_append_val (rows, r);
  if (rows->len == 0)
    return TRUE;
  label = g_strdup_printf (_("Everyone present at “%s”"), session_at (self, col)->title);
  return write_marks (self, (const guint *) rows->data, rows->len, col, 'P', 0, label, TRUE, error);
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
  int col;

  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_VIEW (self), FALSE);

  col = find_col (self, session_id);
  if (col < 0 || n_rows (self) == 0)
    return FALSE;
  self->cursor_col = (guint) col;
  for (guint r = 0; r < n_rows (self); r++)
    if (self->grid->expected[cell_index (self, r, (guint) col)] == KL_CELL_EXPECTED
        && self->grid->marks[cell_index (self, r, (guint) col)] == 0)
      {
        self->cursor_row = r;
        break;
      }
  self->declined_cell = 0;
  /* Scrolled there once the grid has its size (it may be shown only now). */
  self->scroll_pending = TRUE;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
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
