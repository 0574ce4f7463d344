#include "config.h"

#include <glib/gi18n.h>

#include "kl-attendance-grid-model.h"
#include "kl-clock.h"
#include "kl-error.h"
#include "kl-labels.h"

/* GLib only, so that a test can drive it without a display. Marks are
 * 'P' present, 'A' absent, 'E' excused, 'H' partly present (with
 * minutes) and 0 for none, as the core's KlAttendanceGrid has them.
 * Close to 1 000 lines and kept whole: a third is the checked accessors
 * the widget draws from, the rest one concern (what a cell holds, what
 * may be written to it and how it is taken back). */

struct _KlAttendanceGridModel
{
  GObject parent_instance;

  KlDb *db;
  KlUndo *undo;
  gint64 programme_id;
  KlAttendanceGrid *grid;
  gboolean *counts;       /* per column: does the session count in rates */
  double *row_rates;
  double *col_rates;
  double rate;
  char **audiences;       /* per column: whom the session is for ("Hegg skole"), NULL for everyone */
  gboolean any_audience;

  guint cursor_row;
  guint cursor_col;
  gsize declined_cell;    /* the cell whose hours were asked and refused, + 1 */
  gboolean writing;
};

G_DEFINE_FINAL_TYPE (KlAttendanceGridModel, kl_attendance_grid_model, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,        /* marks or rates, or a new grid */
  SIGNAL_CURSOR_MOVED,
  SIGNAL_UNDO_OFFERED,   /* a step worth a toast (a whole column), by its label */
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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
n_rows (KlAttendanceGridModel *self)
{
  return self->grid ? self->grid->participants->len : 0;
}

static guint
n_cols (KlAttendanceGridModel *self)
{
  return self->grid ? self->grid->sessions->len : 0;
}

static gsize
cell_index (KlAttendanceGridModel *self,
            guint                  row,
            guint                  col)
{
  return (gsize) row * n_cols (self) + col;
}

static KlSession *
session_at (KlAttendanceGridModel *self,
            guint                  col)
{
  return g_ptr_array_index (self->grid->sessions, col);
}

static KlParticipant *
participant_at (KlAttendanceGridModel *self,
                guint                  row)
{
  return g_ptr_array_index (self->grid->participants, row);
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
session_started (KlAttendanceGridModel *self,
                 guint                  col)
{
  g_autofree char *now = kl_clock_now_minutes ();

  return g_strcmp0 (session_at (self, col)->starts_at, now) <= 0;
}

/* Whom a session is for; with not_expected, why someone else has no
 * mark there. */
static char *
describe_audience (KlAttendanceGridModel *self,
                   guint                  col,
                   gboolean               not_expected)
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
set_not_started_error (KlAttendanceGridModel  *self,
                       guint                   col,
                       GError                **error)
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
check_expected (KlAttendanceGridModel  *self,
                guint                   row,
                guint                   col,
                GError                **error)
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

/* 390 minutes as "6.5", 400 as "6:40": kl_form_format_hours, which
 * lives with GTK's forms. */
static char *
format_hours (int minutes)
{
  if (minutes % 60 == 0)
    return g_strdup_printf ("%d", minutes / 60);
  if (minutes % 6 == 0)
    return g_strdup_printf ("%.1f", minutes / 60.0);
  return g_strdup_printf ("%d:%02d", minutes / 60, minutes % 60);
}

static char *
describe_mark (KlAttendanceGridModel *self,
               guint                  row,
               guint                  col)
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
      g_autofree char *hours = format_hours (self->grid->minutes[cell]);

      /* Translators: partial attendance, %s is hours as in "1.5" */
      return g_strdup_printf (_("Partly present, %s hours"), hours);
    }
  return g_strdup (kl_label (KL_LABELS_ATTENDANCE, status_of_mark (mark)));
}

static void
compute_rates (KlAttendanceGridModel *self)
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
}

/* Whom each session is for, named once per load: the workplace's name
 * (one query for all of them), or the named participants. */
static void
load_audiences (KlAttendanceGridModel *self)
{
  g_autoptr(GPtrArray) clients = NULL;
  guint cols = n_cols (self);

  g_clear_pointer (&self->audiences, g_strfreev);
  self->audiences = g_new0 (char *, cols + 1);
  self->any_audience = FALSE;
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
          int row = session->audience_ids->len == 1
            ? kl_attendance_grid_model_find_row (self, g_array_index (session->audience_ids, gint64, 0))
            : -1;

          self->audiences[c] = row >= 0
            ? g_strdup (participant_at (self, (guint) row)->name)
            /* Translators: whom a session is for, in the attendance grid's header */
            : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u named", "%u named", session->audience_ids->len),
                               session->audience_ids->len);
        }
      self->any_audience |= self->audiences[c] != NULL;
    }
}

/* Writes the marks and records how to put the old ones back. One mark is
 * one keystroke: a toast for each would queue up behind the others, so
 * single marks go on the undo stack quietly (Ctrl+Z), and only a whole
 * column is offered ("undo-offered"). */
static gboolean
write_marks (KlAttendanceGridModel  *self,
             const guint            *rows,
             guint                   n,
             guint                   col,
             char                    mark,
             int                     minutes,
             const char             *label,
             gboolean                offer,
             GError                **error)
{
  g_autoptr(KlTransaction) tx = NULL;
  g_autoptr(GArray) before = g_array_new (FALSE, FALSE, sizeof (Cell));
  KlSession *session = session_at (self, col);
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
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);

  if (self->undo != NULL && before->len > 0)
    {
      Restore *restore = g_new0 (Restore, 1);

      restore->db = g_object_ref (self->db);
      restore->cells = g_steal_pointer (&before);
      kl_undo_push (self->undo, label, restore_cb, restore, (GDestroyNotify) restore_free);
      if (offer)
        g_signal_emit (self, signals[SIGNAL_UNDO_OFFERED], 0, label);
    }
  return TRUE;
}

/* Overrides */

static void
kl_attendance_grid_model_dispose (GObject *object)
{
  KlAttendanceGridModel *self = KL_ATTENDANCE_GRID_MODEL (object);

  g_clear_object (&self->db);
  g_clear_object (&self->undo);
  g_clear_pointer (&self->grid, kl_attendance_grid_free);
  g_clear_pointer (&self->counts, g_free);
  g_clear_pointer (&self->row_rates, g_free);
  g_clear_pointer (&self->col_rates, g_free);
  g_clear_pointer (&self->audiences, g_strfreev);

  G_OBJECT_CLASS (kl_attendance_grid_model_parent_class)->dispose (object);
}

static void
kl_attendance_grid_model_class_init (KlAttendanceGridModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kl_attendance_grid_model_dispose;

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_CURSOR_MOVED] = g_signal_new ("cursor-moved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                               NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_UNDO_OFFERED] = g_signal_new ("undo-offered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                               NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
kl_attendance_grid_model_init (KlAttendanceGridModel *self)
{
  self->rate = -1;
}

/* Public API */

/* undo may be NULL: then nothing can be taken back. */
KlAttendanceGridModel *
kl_attendance_grid_model_new (KlDb   *db,
                              KlUndo *undo)
{
  KlAttendanceGridModel *self;

  g_return_val_if_fail (KL_IS_DB (db), NULL);
  g_return_val_if_fail (undo == NULL || KL_IS_UNDO (undo), NULL);

  self = g_object_new (KL_TYPE_ATTENDANCE_GRID_MODEL, NULL);
  self->db = g_object_ref (db);
  self->undo = undo ? g_object_ref (undo) : NULL;
  return self;
}

/* Reads the programme's grid; the cursor stays on the same participant and
 * session when they are still there. cursor_placed says when it was put
 * anew, on the latest session held: the one to mark now. */
gboolean
kl_attendance_grid_model_load (KlAttendanceGridModel  *self,
                               gint64                  programme_id,
                               gboolean               *cursor_placed,
                               GError                **error)
{
  KlAttendanceGrid *grid;
  gint64 cursor_participant = 0;
  gint64 cursor_session = 0;
  int row, col;

  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_MODEL (self), FALSE);

  grid = kl_store_load_grid (self->db, programme_id, error);
  if (grid == NULL)
    return FALSE;
  if (self->grid != NULL && self->programme_id == programme_id && n_rows (self) > 0 && n_cols (self) > 0)
    {
      cursor_participant = participant_at (self, self->cursor_row)->id;
      cursor_session = session_at (self, self->cursor_col)->id;
    }

  self->programme_id = programme_id;
  g_clear_pointer (&self->grid, kl_attendance_grid_free);
  self->grid = grid;
  self->declined_cell = 0;

  row = kl_attendance_grid_model_find_row (self, cursor_participant);
  col = kl_attendance_grid_model_find_column (self, cursor_session);
  self->cursor_row = row >= 0 ? (guint) row : 0;
  self->cursor_col = col >= 0 ? (guint) col : 0;
  if (col < 0)
    {
      g_autofree char *now = kl_clock_now_minutes ();

      for (guint c = 0; c < n_cols (self); c++)
        if (g_strcmp0 (session_at (self, c)->starts_at, now) <= 0)
          self->cursor_col = c;
    }
  if (cursor_placed != NULL)
    *cursor_placed = col < 0;

  load_audiences (self);
  compute_rates (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return TRUE;
}

gint64
kl_attendance_grid_model_get_programme (KlAttendanceGridModel *self)
{
  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_MODEL (self), 0);
  return self->programme_id;
}

const KlAttendanceGrid *
kl_attendance_grid_model_get_grid (KlAttendanceGridModel *self)
{
  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_MODEL (self), NULL);
  return self->grid;
}

guint
kl_attendance_grid_model_get_n_rows (KlAttendanceGridModel *self)
{
  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_MODEL (self), 0);
  return n_rows (self);
}

guint
kl_attendance_grid_model_get_n_columns (KlAttendanceGridModel *self)
{
  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_MODEL (self), 0);
  return n_cols (self);
}

const KlSession *
kl_attendance_grid_model_get_session (KlAttendanceGridModel *self,
                                      guint                  col)
{
  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_MODEL (self), NULL);
  g_return_val_if_fail (col < n_cols (self), NULL);
  return session_at (self, col);
}

const KlParticipant *
kl_attendance_grid_model_get_participant (KlAttendanceGridModel *self,
                                          guint                  row)
{
  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_MODEL (self), NULL);
  g_return_val_if_fail (row < n_rows (self), NULL);
  return participant_at (self, row);
}

/* TRUE while the grid writes: the change it makes is already on screen. */
gboolean
kl_attendance_grid_model_is_writing (KlAttendanceGridModel *self)
{
  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_MODEL (self), FALSE);
  return self->writing;
}

char
kl_attendance_grid_model_get_mark (KlAttendanceGridModel *self,
                                   guint                  row,
                                   guint                  col)
{
  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_MODEL (self), 0);
  g_return_val_if_fail (row < n_rows (self) && col < n_cols (self), 0);
  return self->grid->marks[cell_index (self, row, col)];
}

int
kl_attendance_grid_model_get_minutes (KlAttendanceGridModel *self,
                                      guint                  row,
                                      guint                  col)
{
  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_MODEL (self), 0);
  g_return_val_if_fail (row < n_rows (self) && col < n_cols (self), 0);
  return self->grid->minutes[cell_index (self, row, col)];
}

gboolean
kl_attendance_grid_model_is_expected (KlAttendanceGridModel *self,
                                      guint                  row,
                                      guint                  col)
{
  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_MODEL (self), FALSE);
  g_return_val_if_fail (row < n_rows (self) && col < n_cols (self), FALSE);
  return self->grid->expected[cell_index (self, row, col)] == KL_CELL_EXPECTED;
}

gboolean
kl_attendance_grid_model_counts (KlAttendanceGridModel *self,
                                 guint                  col)
{
  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_MODEL (self), FALSE);
  g_return_val_if_fail (col < n_cols (self), FALSE);
  return self->counts[col];
}

const char *
kl_attendance_grid_model_get_audience (KlAttendanceGridModel *self,
                                       guint                  col)
{
  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_MODEL (self), NULL);
  g_return_val_if_fail (col < n_cols (self), NULL);
  return self->audiences[col];
}

gboolean
kl_attendance_grid_model_has_audiences (KlAttendanceGridModel *self)
{
  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_MODEL (self), FALSE);
  return self->any_audience;
}

double
kl_attendance_grid_model_get_row_rate (KlAttendanceGridModel *self,
                                       guint                  row)
{
  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_MODEL (self), -1);
  g_return_val_if_fail (row < n_rows (self), -1);
  return self->row_rates[row];
}

double
kl_attendance_grid_model_get_column_rate (KlAttendanceGridModel *self,
                                          guint                  col)
{
  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_MODEL (self), -1);
  g_return_val_if_fail (col < n_cols (self), -1);
  return self->col_rates[col];
}

double
kl_attendance_grid_model_get_rate (KlAttendanceGridModel *self)
{
  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_MODEL (self), -1);
  return self->rate;
}

char *
kl_attendance_grid_model_describe_cell (KlAttendanceGridModel *self,
                                        guint                  row,
                                        guint                  col)
{
  KlSession *session;
  g_autofree char *date = NULL;
  g_autofree char *mark = NULL;

  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_MODEL (self), NULL);
  g_return_val_if_fail (row < n_rows (self) && col < n_cols (self), NULL);

  session = session_at (self, col);
  date = kl_format_date (session->starts_at);
  mark = describe_mark (self, row, col);
  /* Translators: participant, session, its date, and the mark */
  return g_strdup_printf (_("%s at “%s” (%s): %s"), participant_at (self, row)->name,
                          session->title, date, mark);
}

/* A column's header in words: when, whom for, and whether it can be
 * marked yet. */
char *
kl_attendance_grid_model_describe_session (KlAttendanceGridModel *self,
                                           guint                  col)
{
  KlSession *session;
  g_autofree char *date = NULL;
  g_autofree char *audience = NULL;
  g_autofree char *who = NULL;
  guint expected;

  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_MODEL (self), NULL);
  g_return_val_if_fail (col < n_cols (self), NULL);

  session = session_at (self, col);
  date = kl_format_date (session->starts_at);
  audience = describe_audience (self, col, FALSE);
  expected = kl_attendance_grid_count_expected (self->grid, col);
  who = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u expected", "%s: %u expected", expected),
                         audience, expected);
  if (!self->counts[col])
    /* Translators: a session, its date and times, whom it is for; then why only excused can be marked */
    return g_strdup_printf (_("%s, %s %s–%s\n%s\nNot started yet: only an excused absence can be recorded"),
                            session->title, date, session->starts_at + 11, session->ends_at + 11, who);
  /* Translators: a session, its date and times, and whom it is for */
  return g_strdup_printf (_("%s, %s %s–%s\n%s"), session->title, date, session->starts_at + 11,
                          session->ends_at + 11, who);
}

void
kl_attendance_grid_model_get_cursor (KlAttendanceGridModel *self,
                                     guint                 *row,
                                     guint                 *col)
{
  g_return_if_fail (KL_IS_ATTENDANCE_GRID_MODEL (self));

  if (row != NULL)
    *row = self->cursor_row;
  if (col != NULL)
    *col = self->cursor_col;
}

/* Clamped to the grid; TRUE when the cursor moved ("cursor-moved"). */
gboolean
kl_attendance_grid_model_set_cursor (KlAttendanceGridModel *self,
                                     int                    row,
                                     int                    col)
{
  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_MODEL (self), FALSE);

  if (n_rows (self) == 0 || n_cols (self) == 0)
    return FALSE;
  row = CLAMP (row, 0, (int) n_rows (self) - 1);
  col = CLAMP (col, 0, (int) n_cols (self) - 1);
  if ((guint) row == self->cursor_row && (guint) col == self->cursor_col)
    return FALSE;
  self->cursor_row = (guint) row;
  self->cursor_col = (guint) col;
  self->declined_cell = 0;
  g_signal_emit (self, signals[SIGNAL_CURSOR_MOVED], 0);
  return TRUE;
}

/* page: how many rows Page Up and Page Down go. */
gboolean
kl_attendance_grid_model_move (KlAttendanceGridModel *self,
                               KlGridMove             move,
                               guint                  page)
{
  int row, col;
  int last_row, last_col;

  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_MODEL (self), FALSE);

  row = (int) self->cursor_row;
  col = (int) self->cursor_col;
  last_row = (int) n_rows (self) - 1;
  last_col = (int) n_cols (self) - 1;
  switch (move)
    {
    case KL_GRID_MOVE_UP:        row--; break;
    case KL_GRID_MOVE_DOWN:      row++; break;
    case KL_GRID_MOVE_LEFT:      col--; break;
    case KL_GRID_MOVE_RIGHT:     col++; break;
    case KL_GRID_MOVE_PAGE_UP:   row -= (int) MAX (1, page); break;
    case KL_GRID_MOVE_PAGE_DOWN: row += (int) MAX (1, page); break;
    case KL_GRID_MOVE_ROW_START: col = 0; break;
    case KL_GRID_MOVE_ROW_END:   col = last_col; break;
    case KL_GRID_MOVE_FIRST:     row = 0, col = 0; break;
    case KL_GRID_MOVE_LAST:      row = last_row, col = last_col; break;
    default: g_return_val_if_reached (FALSE);
    }
  return kl_attendance_grid_model_set_cursor (self, row, col);
}

/* The cursor to a session's column, on the first one expected there
 * without a mark (the work to do); FALSE when the grid has no such
 * session or nobody in it. */
gboolean
kl_attendance_grid_model_focus_session (KlAttendanceGridModel *self,
                                        gint64                 session_id)
{
  int col;

  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_MODEL (self), FALSE);

  col = kl_attendance_grid_model_find_column (self, session_id);
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
  g_signal_emit (self, signals[SIGNAL_CURSOR_MOVED], 0);
  return TRUE;
}

/* mark 0 clears the cell; minutes only for 'H'. Undoable. */
gboolean
kl_attendance_grid_model_set_mark (KlAttendanceGridModel  *self,
                                   guint                   row,
                                   guint                   col,
                                   char                    mark,
                                   int                     minutes,
                                   GError                **error)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_MODEL (self), FALSE);
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
  /* Translators: an undoable step, e.g. "Attendance of Kari Olsen at “Samling 2” changed" */
  label = g_strdup_printf (_("Attendance of %s at “%s” changed"), participant_at (self, row)->name,
                           session_at (self, col)->title);
  return write_marks (self, &row, 1, col, mark, minutes, label, FALSE, error);
}

/* Everyone expected present at one session that has begun, in one step
 * to undo. */
gboolean
kl_attendance_grid_model_mark_column_present (KlAttendanceGridModel  *self,
                                              guint                   col,
                                              GError                **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *label = NULL;

  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_MODEL (self), FALSE);
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
  label = g_strdup_printf (_("Everyone marked present at “%s”"), session_at (self, col)->title);
  return write_marks (self, (const guint *) rows->data, rows->len, col, 'P', 0, label, TRUE, error);
}

/* Why the cell cannot be marked (not expected there, or a session still
 * to come); TRUE when it can. */
gboolean
kl_attendance_grid_model_check_markable (KlAttendanceGridModel  *self,
                                         guint                   row,
                                         guint                   col,
                                         GError                **error)
{
  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_MODEL (self), FALSE);
  g_return_val_if_fail (row < n_rows (self) && col < n_cols (self), FALSE);

  if (!check_expected (self, row, col, error))
    return FALSE;
  if (!session_started (self, col))
    {
      set_not_started_error (self, col, error);
      return FALSE;
    }
  return TRUE;
}

/* Present, absent, excused, partly present, and round again. Partly
 * present needs hours: then nothing is written and ask_hours is set. */
gboolean
kl_attendance_grid_model_cycle (KlAttendanceGridModel  *self,
                                guint                   row,
                                guint                   col,
                                gboolean               *ask_hours,
                                GError                **error)
{
  gsize cell;
  char next;

  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_MODEL (self), FALSE);
  g_return_val_if_fail (row < n_rows (self) && col < n_cols (self), FALSE);

  *ask_hours = FALSE;
  /* Round and round would stop at present: say why at once. */
  if (!kl_attendance_grid_model_check_markable (self, row, col, error))
    return FALSE;
  cell = cell_index (self, row, col);
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
      *ask_hours = TRUE;
      return TRUE;
    }
  return kl_attendance_grid_model_set_mark (self, row, col, next, 0, error);
}

/* The hours were asked and not given: the next cycle of this cell goes on
 * to present, so there is no dead end. */
void
kl_attendance_grid_model_decline_hours (KlAttendanceGridModel *self,
                                        guint                  row,
                                        guint                  col)
{
  g_return_if_fail (KL_IS_ATTENDANCE_GRID_MODEL (self));
  g_return_if_fail (row < n_rows (self) && col < n_cols (self));

  self->declined_cell = cell_index (self, row, col) + 1;
}

int
kl_attendance_grid_model_find_row (KlAttendanceGridModel *self,
                                   gint64                 participant_id)
{
  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_MODEL (self), -1);

  for (guint r = 0; r < n_rows (self); r++)
    if (participant_at (self, r)->id == participant_id)
      return (int) r;
  return -1;
}

int
kl_attendance_grid_model_find_column (KlAttendanceGridModel *self,
                                      gint64                 session_id)
{
  g_return_val_if_fail (KL_IS_ATTENDANCE_GRID_MODEL (self), -1);

  for (guint c = 0; c < n_cols (self); c++)
    if (session_at (self, c)->id == session_id)
      return (int) c;
  return -1;
}
