#include "config.h"

#include <string.h>

#include "kl-clock.h"
#include "kl-error.h"
#include "kl-i18n.h"
#include "kl-labels.h"
#include "kl-store-private.h"

/* Who is enrolled in a programme, their marks, and the grid of both. */

/* An enrolment's dates never leave marks outside them: they would vanish
 * from rates and counts without a word. Names the first few. */
static gboolean
refuse_marks_outside (KlDb               *db,
                      const KlEnrolment  *enrolment,
                      GError            **error)
{
  g_autoptr(KlStmt) stmt = kl_db_query (db, error,
                                        "SELECT s.title, substr (s.starts_at, 1, 10), count (*) OVER () FROM attendance a "
                                        "JOIN session s ON s.id = a.session_id "
                                        "WHERE s.programme_id = ?1 AND a.participant_id = ?2 "
                                        "AND ((?3 IS NOT NULL AND substr (s.starts_at, 1, 10) < ?3) "
                                        "OR (?4 IS NOT NULL AND substr (s.starts_at, 1, 10) > ?4)) "
                                        "ORDER BY s.starts_at LIMIT 3",
                                        "iitt", enrolment->programme_id, enrolment->participant_id,
                                        enrolment->from_date, enrolment->to_date);
  g_autoptr(GString) sessions = g_string_new (NULL);
  g_autoptr(GError) local = NULL;
  gint64 total = 0;

  if (stmt == NULL)
    return FALSE;
  while (kl_stmt_next (stmt, &local))
    {
      g_autofree char *date = kl_format_date (kl_stmt_peek_text (stmt, 1));

      g_string_append_printf (sessions, "%s%s (%s)", sessions->len ? ", " : "", kl_stmt_peek_text (stmt, 0), date);
      total = kl_stmt_int (stmt, 2);
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (total == 0)
    return TRUE;
  if (total > 3)
    g_string_append (sessions, ", …");
  g_set_error (error, KL_ERROR, KL_ERROR_IN_USE,
               kl_ngettext ("Dates: %lld attendance mark falls outside them: %s; move the dates to take it in, "
                            "or clear the mark first",
                            "Dates: %lld attendance marks fall outside them: %s; move the dates to take them in, "
                            "or clear the marks first", (gulong) total),
               (long long) total, sessions->str);
  return FALSE;
}

gboolean
kl_store_enrol (KlDb         *db,
                KlEnrolment  *enrolment,
                GError      **error)
{
  g_autoptr(KlTransaction) tx = NULL;

  if (!kl_enrolment_validate (enrolment, error))
    return FALSE;
  tx = kl_db_begin (db, error);
  if (tx == NULL
      || !kl_store_exists (db, &kl_record_programme, enrolment->programme_id, error)
      || !kl_store_exists (db, &kl_record_participant, enrolment->participant_id, error)
      || !refuse_marks_outside (db, enrolment, error))
    return FALSE;
  if (!kl_db_exec (db, error,
                   "INSERT INTO enrolment (programme_id, participant_id, from_date, to_date) VALUES (?1, ?2, ?3, ?4) "
                   "ON CONFLICT (programme_id, participant_id) DO UPDATE SET from_date = ?3, to_date = ?4",
                   "iitt", enrolment->programme_id, enrolment->participant_id, enrolment->from_date,
                   enrolment->to_date))
    return FALSE;
  {
    g_autoptr(KlStmt) stmt = kl_db_query (db, error,
                                          "SELECT id FROM enrolment WHERE programme_id = ?1 AND participant_id = ?2",
                                          "ii", enrolment->programme_id, enrolment->participant_id);

    if (stmt == NULL || !kl_stmt_next (stmt, error))
      return FALSE;
    enrolment->id = kl_stmt_int (stmt, 0);
  }
  return kl_transaction_commit (tx, error);
}

#define ENROLMENT_COLUMNS "id, programme_id, participant_id, from_date, to_date, created_at, updated_at"

KlEnrolment *
kl_store_get_enrolment (KlDb    *db,
                        gint64   programme_id,
                        gint64   participant_id,
                        GError **error)
{
  g_autoptr(KlStmt) stmt = kl_db_query (db, error,
                                        "SELECT " ENROLMENT_COLUMNS " FROM enrolment "
                                        "WHERE programme_id = ?1 AND participant_id = ?2",
                                        "ii", programme_id, participant_id);
  KlEnrolment *enrolment;

  if (!kl_stmt_first (stmt, error, _("Participant %lld is not enrolled in programme %lld"),
                      (long long) participant_id, (long long) programme_id))
    return NULL;
  enrolment = kl_enrolment_new ();
  enrolment->id = kl_stmt_int (stmt, 0);
  enrolment->programme_id = kl_stmt_int (stmt, 1);
  enrolment->participant_id = kl_stmt_int (stmt, 2);
  enrolment->from_date = kl_stmt_text (stmt, 3);
  enrolment->to_date = kl_stmt_text (stmt, 4);
  enrolment->created_at = kl_stmt_text (stmt, 5);
  enrolment->updated_at = kl_stmt_text (stmt, 6);
  return enrolment;
}

/* Marks are evidence: someone with marks in the programme stays enrolled. */
gboolean
kl_store_unenrol (KlDb    *db,
                  gint64   programme_id,
                  gint64   participant_id,
                  GError **error)
{
  static const KlDependent dependents[] = {
    { "SELECT count(*) FROM attendance a JOIN session s ON s.id = a.session_id "
      "JOIN enrolment e ON e.programme_id = s.programme_id AND e.participant_id = a.participant_id "
      "WHERE e.id = ?1", NP_("%d attendance mark", "%d attendance marks") },
  };
  g_autoptr(KlEnrolment) enrolment = kl_store_get_enrolment (db, programme_id, participant_id, error);
  g_autoptr(KlParticipant) participant = NULL;
  g_autofree char *what = NULL;

  if (enrolment == NULL)
    return FALSE;
  participant = kl_store_get_participant (db, participant_id, error);
  if (participant == NULL)
    return FALSE;
  what = g_strdup_printf (_("the enrolment of “%s”"), participant->name);
  return kl_store_delete_unused (db, &kl_record_enrolment, enrolment->id, what, dependents,
                                 G_N_ELEMENTS (dependents), error);
}

/* Marks are only for participants enrolled in the session's programme. */
gboolean
kl_store_set_attendance (KlDb          *db,
                         KlAttendance  *mark,
                         GError       **error)
{
  g_autoptr(KlTransaction) tx = NULL;
  g_autoptr(KlStmt) stmt = NULL;
  g_autoptr(GError) local = NULL;
  gboolean enrolled;

  if (!kl_attendance_validate (mark, error))
    return FALSE;
  tx = kl_db_begin (db, error);
  if (tx == NULL
      || !kl_store_exists (db, &kl_record_session, mark->session_id, error)
      || !kl_store_exists (db, &kl_record_participant, mark->participant_id, error))
    return FALSE;
  stmt = kl_db_query (db, error,
                      "SELECT s.starts_at, e.from_date, e.to_date, " KL_SQL_IN_AUDIENCE ("s", "p") ", s.title "
                      "FROM session s JOIN enrolment e ON e.programme_id = s.programme_id "
                      "JOIN participant p ON p.id = e.participant_id "
                      "WHERE s.id = ?1 AND e.participant_id = ?2", "ii", mark->session_id, mark->participant_id);
  if (stmt == NULL)
    return FALSE;
  enrolled = kl_stmt_next (stmt, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (!enrolled)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE,
                   _("Participant: %lld is not enrolled in the programme of session %lld; enrol them first"),
                   (long long) mark->participant_id, (long long) mark->session_id);
      return FALSE;
    }
  {
    g_autofree char *starts_at = kl_stmt_text (stmt, 0);
    g_autofree char *from_date = kl_stmt_text (stmt, 1);
    g_autofree char *to_date = kl_stmt_text (stmt, 2);
    gboolean in_audience = kl_stmt_int (stmt, 3) != 0;
    g_autofree char *title = kl_stmt_text (stmt, 4);
    g_autofree char *now = kl_clock_now_minutes ();

    g_clear_pointer (&stmt, kl_stmt_release);
    if (!kl_enrolment_covers (from_date, to_date, starts_at))
      {
        g_set_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE,
                     _("Participant: not enrolled on %.10s (the enrolment runs %s – %s), so there is nothing to mark"),
                     starts_at, from_date ? from_date : "…", to_date ? to_date : "…");
        return FALSE;
      }
    if (!in_audience)
      {
        g_set_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE,
                     _("Participant: “%s” is for other participants (another workplace or named people), "
                       "so this participant is not expected there"), title);
        return FALSE;
      }
    /* What has not happened cannot be attended or missed; an absence can
     * be excused in advance. */
    if (strcmp (starts_at, now) > 0 && g_strcmp0 (mark->status, "excused") != 0)
      {
        g_autofree char *when = kl_format_date (starts_at);

        g_set_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE,
                     _("Status: “%s” has not started yet (it starts %s %.5s); only an excused absence can be "
                       "recorded ahead"), title, when, starts_at + 11);
        return FALSE;
      }
  }
  if (!kl_db_exec (db, error,
                   "INSERT INTO attendance (session_id, participant_id, status, minutes) VALUES (?1, ?2, ?3, ?4) "
                   "ON CONFLICT (session_id, participant_id) DO UPDATE SET status = ?3, minutes = ?4",
                   "iitn", mark->session_id, mark->participant_id, mark->status,
                   g_strcmp0 (mark->status, "partial") == 0 ? mark->minutes : 0))
    return FALSE;
  stmt = kl_db_query (db, error, "SELECT id FROM attendance WHERE session_id = ?1 AND participant_id = ?2",
                      "ii", mark->session_id, mark->participant_id);
  if (stmt == NULL || !kl_stmt_next (stmt, error))
    return FALSE;
  mark->id = kl_stmt_int (stmt, 0);
  return kl_transaction_commit (tx, error);
}

/* Takes a mark back to "not marked", as when it was never set: what undo
 * needs. Clearing a cell with no mark is not an error. */
gboolean
kl_store_clear_attendance (KlDb    *db,
                           gint64   session_id,
                           gint64   participant_id,
                           GError **error)
{
  g_autoptr(KlTransaction) tx = NULL;

  if (session_id <= 0 || participant_id <= 0)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_REQUIRED, _("%s: required"),
                   session_id <= 0 ? _("Session") : _("Participant"));
      return FALSE;
    }
  tx = kl_db_begin (db, error);
  if (tx == NULL
      || !kl_store_exists (db, &kl_record_session, session_id, error)
      || !kl_store_exists (db, &kl_record_participant, participant_id, error)
      || !kl_db_exec (db, error, "DELETE FROM attendance WHERE session_id = ?1 AND participant_id = ?2",
                      "ii", session_id, participant_id))
    return FALSE;
  /* No mark to clear is fine; a mark a server's row-level security hid
   * from this role is a refusal, not a silent nothing. */
  if (kl_db_changes (db) == 0)
    {
      g_autoptr(KlStmt) stmt = kl_db_query (db, error, "SELECT 1 FROM attendance WHERE session_id = ?1 "
                                                       "AND participant_id = ?2", "ii", session_id, participant_id);
      g_autoptr(GError) local = NULL;

      if (stmt == NULL)
        return FALSE;
      if (kl_stmt_next (stmt, &local))
        {
          g_set_error_literal (error, KL_ERROR, KL_ERROR_NOT_ALLOWED, _(kl_record_attendance.refused));
          return FALSE;
        }
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }
  return kl_transaction_commit (tx, error);
}

void
kl_attendance_grid_free (KlAttendanceGrid *grid)
{
  if (grid == NULL)
    return;
  g_ptr_array_unref (grid->sessions);
  g_ptr_array_unref (grid->participants);
  g_free (grid->marks);
  g_free (grid->minutes);
  g_free (grid->expected);
  g_free (grid);
}

static int index_of_id (GHashTable *ids,
                        gint64      id);

/* Sessions for one workplace or named people: the enrolled outside the
 * audience are not expected there. */
#define GRID_AUDIENCES_SQL "SELECT s.id, p.id FROM session s " \
                           "JOIN enrolment e ON e.programme_id = s.programme_id " \
                           "JOIN participant p ON p.id = e.participant_id " \
                           "WHERE s.programme_id = ?1 AND s.audience <> 'all' " \
                           "AND NOT " KL_SQL_IN_AUDIENCE ("s", "p")

static gboolean
load_audiences (KlStmt            *stmt,
                KlAttendanceGrid  *grid,
                GHashTable        *session_index,
                GHashTable        *participant_index,
                GError           **error)
{
  g_autoptr(GError) local = NULL;

  while (kl_stmt_next (stmt, &local))
    {
      int col = index_of_id (session_index, kl_stmt_int (stmt, 0));
      int row = index_of_id (participant_index, kl_stmt_int (stmt, 1));
      gsize cell;

      if (col < 0 || row < 0)
        continue;
      cell = (gsize) row * grid->sessions->len + (gsize) col;
      if (grid->expected[cell] == KL_CELL_EXPECTED)
        grid->expected[cell] = KL_CELL_NOT_IN_AUDIENCE;
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

#define GRID_WINDOWS_SQL "SELECT participant_id, from_date, to_date FROM enrolment " \
                         "WHERE programme_id = ?1 AND (from_date IS NOT NULL OR to_date IS NOT NULL)"

static gboolean
load_enrolment_windows (KlStmt            *stmt,
                        KlAttendanceGrid  *grid,
                        GHashTable        *participant_index,
                        GError           **error)
{
  g_autoptr(GError) local = NULL;
  guint n_sessions = grid->sessions->len;

  memset (grid->expected, KL_CELL_EXPECTED, MAX (1, n_sessions * grid->participants->len));
  while (kl_stmt_next (stmt, &local))
    {
      int row = index_of_id (participant_index, kl_stmt_int (stmt, 0));
      const char *from_date = kl_stmt_peek_text (stmt, 1);
      const char *to_date = kl_stmt_peek_text (stmt, 2);

      for (guint col = 0; row >= 0 && col < n_sessions; col++)
        {
          const KlSession *session = g_ptr_array_index (grid->sessions, col);

          grid->expected[(gsize) row * n_sessions + col] = kl_enrolment_covers (from_date, to_date, session->starts_at)
                                                           ? KL_CELL_EXPECTED : KL_CELL_NOT_ENROLLED;
        }
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

static int
index_of_id (GHashTable *ids,
             gint64      id)
{
  gpointer value;

  if (!g_hash_table_lookup_extended (ids, &id, NULL, &value))
    return -1;
  return GPOINTER_TO_INT (value);
}

/* The statements of a grid, run in one batch: on a server one round
 * trip for the whole view, not one a query. */
enum
{
  GRID_EXISTS = 0,
  GRID_SESSIONS,
  GRID_PARTICIPANTS = GRID_SESSIONS + KL_STORE_SESSIONS_N_SQL,
  GRID_WINDOWS,
  GRID_AUDIENCES,
  GRID_MARKS,
  GRID_N_SQL
};

static void
release_statements (KlStmt **stmts,
                    guint    n)
{
  for (guint i = 0; i < n; i++)
    g_clear_pointer (&stmts[i], kl_stmt_release);
}

KlAttendanceGrid *
kl_store_load_grid (KlDb    *db,
                    gint64   programme_id,
                    GError **error)
{
  const char *sqls[GRID_N_SQL] = {
    [GRID_EXISTS] = "SELECT 1 FROM programme WHERE id = ?1",
    [GRID_PARTICIPANTS] = kl_store_programme_participants_sql,
    [GRID_WINDOWS] = GRID_WINDOWS_SQL,
    [GRID_AUDIENCES] = GRID_AUDIENCES_SQL,
    [GRID_MARKS] = "SELECT a.session_id, a.participant_id, a.status, a.minutes FROM attendance a "
                   "JOIN session s ON s.id = a.session_id WHERE s.programme_id = ?1",
  };
  KlStmt *stmts[GRID_N_SQL] = { NULL };
  g_autoptr(KlAttendanceGrid) grid = g_new0 (KlAttendanceGrid, 1);
  g_autoptr(GHashTable) session_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) participant_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GError) local = NULL;
  KlStmt *stmt;
  guint n_sessions;

  for (guint i = 0; i < KL_STORE_SESSIONS_N_SQL; i++)
    sqls[GRID_SESSIONS + i] = kl_store_programme_sessions_sql[i];
  if (!kl_db_query_batch (db, error, programme_id, GRID_N_SQL, sqls, stmts))
    return NULL;
  if (!kl_store_first_row (stmts[GRID_EXISTS], _("programme"), programme_id, error))
    {
      release_statements (stmts, GRID_N_SQL);
      return NULL;
    }
  /* Reads and releases the sessions' three. */
  grid->sessions = kl_store_read_programme_sessions (stmts + GRID_SESSIONS, error);
  memset (stmts + GRID_SESSIONS, 0, sizeof (KlStmt *) * KL_STORE_SESSIONS_N_SQL);
  if (grid->sessions != NULL)
    grid->participants = kl_store_read_participants (stmts[GRID_PARTICIPANTS], error);
  if (grid->sessions == NULL || grid->participants == NULL)
    {
      release_statements (stmts, GRID_N_SQL);
      return NULL;
    }

  for (guint i = 0; i < grid->sessions->len; i++)
    g_hash_table_insert (session_index, &((KlSession *) g_ptr_array_index (grid->sessions, i))->id,
                         GINT_TO_POINTER (i));
  for (guint i = 0; i < grid->participants->len; i++)
    g_hash_table_insert (participant_index, &((KlParticipant *) g_ptr_array_index (grid->participants, i))->id,
                         GINT_TO_POINTER (i));

  n_sessions = grid->sessions->len;
  grid->marks = g_new0 (char, MAX (1, n_sessions * grid->participants->len));
  grid->minutes = g_new0 (int, MAX (1, n_sessions * grid->participants->len));
  grid->expected = g_new0 (guint8, MAX (1, n_sessions * grid->participants->len));
  if (!load_enrolment_windows (stmts[GRID_WINDOWS], grid, participant_index, error)
      || !load_audiences (stmts[GRID_AUDIENCES], grid, session_index, participant_index, error))
    {
      release_statements (stmts, GRID_N_SQL);
      return NULL;
    }

  stmt = stmts[GRID_MARKS];
  while (kl_stmt_next (stmt, &local))
    {
      int col = index_of_id (session_index, kl_stmt_int (stmt, 0));
      int row = index_of_id (participant_index, kl_stmt_int (stmt, 1));
      const char *status = kl_stmt_peek_text (stmt, 2);
      gsize cell;

      if (col < 0 || row < 0)
        continue;   /* a mark of someone no longer enrolled */
      cell = (gsize) row * n_sessions + (gsize) col;
      grid->marks[cell] = kl_attendance_mark_of (status);
      grid->minutes[cell] = (int) kl_stmt_int (stmt, 3);
    }
  release_statements (stmts, GRID_N_SQL);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return g_steal_pointer (&grid);
}

/* Attendance rates. A session counts once it has begun; within it only
 * recorded cells count: present 1, partly present its hours over the
 * planned hours, excused and absent 0. A cell nobody has recorded yet is
 * no evidence either way, so it is left out, as are sessions to come and
 * cells where nobody is expected. */

gboolean
kl_attendance_grid_session_counts (const KlAttendanceGrid *grid,
                                   guint                   col,
                                   const char             *now)
{
  const KlSession *session;
  g_autofree char *current = NULL;

  g_return_val_if_fail (grid != NULL, FALSE);
  g_return_val_if_fail (col < grid->sessions->len, FALSE);

  session = g_ptr_array_index (grid->sessions, col);
  if (now == NULL)
    now = current = kl_clock_now_minutes ();
  return g_strcmp0 (session->starts_at, now) <= 0;
}

/* A stored status as the grid's mark: 'P', 'A', 'E', 'H' (partial); 0 for none. */
char
kl_attendance_mark_of (const char *status)
{
  if (status == NULL)
    return 0;
  return g_str_equal (status, "partial") ? 'H' : g_ascii_toupper (status[0]);
}

gboolean
kl_attendance_grid_expected (const KlAttendanceGrid *grid,
                             guint                   row,
                             guint                   col)
{
  g_return_val_if_fail (grid != NULL, FALSE);
  g_return_val_if_fail (row < grid->participants->len && col < grid->sessions->len, FALSE);

  return grid->expected[(gsize) row * grid->sessions->len + col] == KL_CELL_EXPECTED;
}

/* How many were enrolled for one session. */
guint
kl_attendance_grid_count_expected (const KlAttendanceGrid *grid,
                                   guint                   col)
{
  guint n = 0;

  g_return_val_if_fail (grid != NULL, 0);
  g_return_val_if_fail (col < grid->sessions->len, 0);

  for (guint row = 0; row < grid->participants->len; row++)
    n += grid->expected[(gsize) row * grid->sessions->len + col] == KL_CELL_EXPECTED;
  return n;
}

/* What one cell adds to a rate, from 0 to 1; nothing outside the
 * enrolment, whatever mark may stand there. */
double
kl_attendance_grid_credit (const KlAttendanceGrid *grid,
                           guint                   row,
                           guint                   col)
{
  gsize cell;
  int planned;

  g_return_val_if_fail (grid != NULL, 0);
  g_return_val_if_fail (row < grid->participants->len && col < grid->sessions->len, 0);

  cell = (gsize) row * grid->sessions->len + col;
  if (grid->expected[cell] != KL_CELL_EXPECTED)
    return 0;
  switch (grid->marks[cell])
    {
    case 'P':
      return 1;
    case 'H':
      planned = kl_session_minutes (g_ptr_array_index (grid->sessions, col));
      if (planned <= 0)
        return 1;
      return MIN (1.0, (double) grid->minutes[cell] / planned);
    default:
      return 0;
    }
}

/* The rate of one participant (row >= 0), one session (col >= 0), or all
 * (both < 0), from 0 to 1; -1 when nothing counts yet. now is local time,
 * "YYYY-MM-DDTHH:MM", or NULL for the present moment. */
double
kl_attendance_grid_rate (const KlAttendanceGrid *grid,
                         int                     row,
                         int                     col,
                         const char             *now)
{
  g_autofree char *current = NULL;
  guint n_rows, n_cols;
  double sum = 0;
  guint n = 0;

  g_return_val_if_fail (grid != NULL, -1);

  n_rows = grid->participants->len;
  n_cols = grid->sessions->len;
  g_return_val_if_fail (row < (int) n_rows && col < (int) n_cols, -1);
  if (now == NULL)
    now = current = kl_clock_now_minutes ();

  for (guint c = col < 0 ? 0 : (guint) col; c < (col < 0 ? n_cols : (guint) col + 1); c++)
    {
      if (!kl_attendance_grid_session_counts (grid, c, now))
        continue;
      for (guint r = row < 0 ? 0 : (guint) row; r < (row < 0 ? n_rows : (guint) row + 1); r++)
        {
          gsize cell = (gsize) r * n_cols + c;

          /* Sessions outside someone's enrolment or audience are no
           * absence, and an unrecorded cell is not one either. */
          if (grid->expected[cell] != KL_CELL_EXPECTED || grid->marks[cell] == 0)
            continue;
          sum += kl_attendance_grid_credit (grid, r, c);
          n++;
        }
    }
  return n > 0 ? sum / n : -1;
}
