#include "config.h"

#include <string.h>

#include "kl-i18n.h"
#include "kl-progress.h"
#include "kl-store-private.h"

/* One participant's sessions, fed in order of time; the same sums
 * whether they come from a loaded grid or straight from a query. */
typedef struct
{
  KlProgress progress;
  guint run;
} Tally;

/* A session has been held once it has begun. Only recorded marks count: a
 * held session nobody has recorded yet is attended by nobody so far, but
 * may still be recorded as attended, so it keeps the threshold within
 * reach. Absences in a row are those up to now (the run a consultant can
 * still act on), counting absent and excused marks (excused is still a
 * missed session); any attendance, partial too, ends a run, and an
 * unrecorded session neither ends nor lengthens it. */
static void
tally_session (Tally      *tally,
               gboolean    enrolled,
               int         minutes,
               gboolean    held,
               char        mark,
               int         partial_minutes)
{
  if (!enrolled)
    return;
  tally->progress.planned_minutes += minutes;
  if (!held)
    {
      tally->progress.remaining_minutes += minutes;
      return;
    }
  switch (mark)
    {
    case 'P':
      tally->progress.attended_minutes += minutes;
      tally->run = 0;
      break;
    case 'H':
      tally->progress.attended_minutes += MIN (partial_minutes, minutes);
      tally->run = 0;
      break;
    case 'A':
    case 'E':
      tally->run++;
      break;
    default:
      tally->progress.unrecorded_minutes += minutes;
      break;
    }
}

static void
tally_finish (Tally *tally,
              int    threshold_percent)
{
  KlProgress *progress = &tally->progress;

  progress->absences_in_a_row = tally->run;
  /* Rounded up: 80 % of 7.5 hours is 6 hours, of 7.4 hours 5.92 hours. */
  progress->required_minutes = (progress->planned_minutes * threshold_percent + 99) / 100;
  progress->meets = progress->planned_minutes > 0 && progress->attended_minutes >= progress->required_minutes;
  progress->out_of_reach = progress->planned_minutes > 0
                           && progress->attended_minutes + progress->remaining_minutes
                              + progress->unrecorded_minutes < progress->required_minutes;
}

/* now is local time, "YYYY-MM-DDTHH:MM". */
GArray *
kl_progress_compute (const KlAttendanceGrid *grid,
                     int                     threshold_percent,
                     const char             *now)
{
  GArray *all;
  guint n_sessions;

  g_return_val_if_fail (grid != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  n_sessions = grid->sessions->len;
  all = g_array_sized_new (FALSE, TRUE, sizeof (KlProgress), grid->participants->len);
  for (guint row = 0; row < grid->participants->len; row++)
    {
      Tally tally = { { .row = row }, 0 };

      for (guint col = 0; col < n_sessions; col++)
        {
          const KlSession *session = g_ptr_array_index (grid->sessions, col);
          gsize cell = (gsize) row * n_sessions + col;

          tally_session (&tally, (grid->expected[cell] == KL_CELL_EXPECTED), kl_session_minutes (session),
                         g_strcmp0 (session->starts_at, now) <= 0, grid->marks[cell], grid->minutes[cell]);
        }
      tally_finish (&tally, threshold_percent);
      g_array_append_val (all, tally.progress);
    }
  return all;
}

/* What the absence warnings list: out of reach, or two or more missed in a row. */
gboolean
kl_progress_needs_care (const KlProgress *progress)
{
  g_return_val_if_fail (progress != NULL, FALSE);

  return progress->out_of_reach || progress->absences_in_a_row >= 2;
}

static void
warn_if_needed (Tally       *tally,
                int          threshold,
                gint64       programme_id,
                const char  *programme_title,
                gint64       participant_id,
                const char  *name,
                GPtrArray   *warnings)
{
  KlAbsenceWarning *warning;

  tally_finish (tally, threshold);
  if (!kl_progress_needs_care (&tally->progress))
    return;
  warning = g_new0 (KlAbsenceWarning, 1);
  warning->programme_id = programme_id;
  warning->programme_title = g_strdup (programme_title);
  warning->participant_id = participant_id;
  warning->name = g_strdup (name);
  warning->progress = tally->progress;
  warning->threshold_percent = threshold;
  g_ptr_array_add (warnings, warning);
}

/* One pass over every enrolled participant's sessions of the programmes
 * asked for: the Overview asks for all running programmes at each start,
 * which one grid per programme made slow on years of data. */
GPtrArray *
kl_progress_warnings (KlDb        *db,
                      gint64       programme_id,
                      const char  *now,
                      GError     **error)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_absence_warning_free);
  g_autoptr(KlStmt) stmt = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;
  gint64 current_programme = 0;
  gint64 current_participant = 0;
  int threshold = 0;
  Tally tally = { { 0 }, 0 };

  g_return_val_if_fail (KL_IS_DB (db), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (programme_id > 0 && !kl_store_exists (db, &kl_record_programme, programme_id, error))
    return NULL;
  stmt = kl_db_query (db, error,
                      "SELECT pr.id, pr.title, pr.certificate_threshold, p.id, p.name, e.from_date, e.to_date, "
                      "s.starts_at, s.ends_at, s.planned_minutes, a.status, a.minutes, "
                      KL_SQL_IN_AUDIENCE ("s", "p") " "
                      "FROM programme pr "
                      "JOIN enrolment e ON e.programme_id = pr.id "
                      "JOIN participant p ON p.id = e.participant_id "
                      "JOIN session s ON s.programme_id = pr.id "
                      "LEFT JOIN attendance a ON a.session_id = s.id AND a.participant_id = p.id "
                      "WHERE (?1 > 0 AND pr.id = ?1) "
                      /* Once per programme, not once per row of the join. */
                      "OR (?1 = 0 AND pr.id IN (SELECT r.id FROM programme r "
                      "WHERE " KL_SQL_PROGRAMME_STATUS_ON ("r", "substr (?2, 1, 10)") " = 'running')) "
                      "ORDER BY pr.start_date, pr.id, p.name COLLATE NOCASE, p.id, s.starts_at, s.id",
                      "it", programme_id, now);
  if (stmt == NULL)
    return NULL;
  while (kl_stmt_next (stmt, &local))
    {
      gint64 row_programme = kl_stmt_int (stmt, 0);
      gint64 row_participant = kl_stmt_int (stmt, 3);
      const char *from_date = kl_stmt_peek_text (stmt, 5);
      const char *to_date = kl_stmt_peek_text (stmt, 6);
      KlSession session = { 0 };

      if (row_programme != current_programme || row_participant != current_participant)
        {
          if (current_participant != 0)
            warn_if_needed (&tally, threshold, current_programme, title, current_participant, name, warnings);
          memset (&tally, 0, sizeof tally);
          if (row_programme != current_programme)
            {
              g_free (title);
              title = kl_stmt_text (stmt, 1);
              threshold = (int) kl_stmt_int (stmt, 2);
            }
          g_free (name);
          name = kl_stmt_text (stmt, 4);
          current_programme = row_programme;
          current_participant = row_participant;
        }
      /* Borrowed from the row, for kl_session_minutes. */
      session.starts_at = (char *) kl_stmt_peek_text (stmt, 7);
      session.ends_at = (char *) kl_stmt_peek_text (stmt, 8);
      session.planned_minutes = (int) kl_stmt_int (stmt, 9);
      tally_session (&tally, kl_enrolment_covers (from_date, to_date, session.starts_at) && kl_stmt_int (stmt, 12),
                     kl_session_minutes (&session), g_strcmp0 (session.starts_at, now) <= 0,
                     kl_attendance_mark_of (kl_stmt_peek_text (stmt, 10)), (int) kl_stmt_int (stmt, 11));
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (current_participant != 0)
    warn_if_needed (&tally, threshold, current_programme, title, current_participant, name, warnings);
  return g_steal_pointer (&warnings);
}

/* "can no longer reach 80 % (12 of 30 hours, 12 still to come)" or
 * "missed the last 2 sessions", or both. */
char *
kl_absence_warning_describe (const KlAbsenceWarning *warning)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const KlProgress *progress;

  g_return_val_if_fail (warning != NULL, NULL);

  progress = &warning->progress;
  if (progress->out_of_reach)
    {
      g_autofree char *attended = g_strdup_printf ("%g", progress->attended_minutes / 60.0);
      g_autofree char *planned = g_strdup_printf ("%g", progress->planned_minutes / 60.0);

      g_string_append_printf (text, _("can no longer reach %d %% of the planned hours (attended %s of %s)"),
                              warning->threshold_percent, attended, planned);
    }
  if (progress->absences_in_a_row >= 2)
    {
      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append_printf (text, kl_ngettext ("missed the last %u session", "missed the last %u sessions",
                                                 progress->absences_in_a_row),
                              progress->absences_in_a_row);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
kl_absence_warning_free (KlAbsenceWarning *self)
{
  if (self == NULL)
    return;
  g_free (self->programme_title);
  g_free (self->name);
  g_free (self);
}

static KlUnrecorded *
read_unrecorded (KlStmt *stmt)
{
  KlUnrecorded *item = g_new0 (KlUnrecorded, 1);

  item->session_id = kl_stmt_int (stmt, 0);
  item->programme_id = kl_stmt_int (stmt, 1);
  item->programme_title = kl_stmt_text (stmt, 2);
  item->date = kl_stmt_text (stmt, 3);
  item->title = kl_stmt_text (stmt, 4);
  item->missing = (guint) kl_stmt_int (stmt, 5);
  return item;
}

/* Held sessions (begun by now) of programmes not cancelled, newest first,
 * where participants expected there (enrolled on the day, in the
 * audience) have no mark; one programme (programme_id > 0) or all, from
 * since (YYYY-MM-DD, or NULL for all time). */
GPtrArray *
kl_progress_unrecorded (KlDb        *db,
                        gint64       programme_id,
                        const char  *since,
                        GError     **error)
{
  g_autoptr(KlStmt) stmt = NULL;

  g_return_val_if_fail (KL_IS_DB (db), NULL);

  if (programme_id > 0 && !kl_store_exists (db, &kl_record_programme, programme_id, error))
    return NULL;
  stmt = kl_db_query (db, error,
                      "SELECT s.id, s.programme_id, pr.title, substr (s.starts_at, 1, 10), s.title, count (*) "
                      "FROM session s JOIN programme pr ON pr.id = s.programme_id "
                      "JOIN enrolment e ON e.programme_id = s.programme_id "
                      "JOIN participant p ON p.id = e.participant_id "
                      "WHERE s.starts_at <= kl_now () AND (?2 IS NULL OR s.starts_at >= ?2) AND pr.status <> 'cancelled' "
                      "AND (?1 = 0 OR s.programme_id = ?1) "
                      "AND " KL_SQL_ENROLMENT_COVERS ("e", "s") " "
                      "AND " KL_SQL_IN_AUDIENCE ("s", "p") " "
                      "AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = s.id AND a.participant_id = p.id) "
                      "GROUP BY s.id, pr.title ORDER BY s.starts_at DESC, s.id",
                      "it", programme_id, since);
  return kl_store_collect (stmt, (KlReadFunc) read_unrecorded, (GDestroyNotify) kl_unrecorded_free, error);
}

void
kl_unrecorded_free (KlUnrecorded *self)
{
  if (self == NULL)
    return;
  g_free (self->programme_title);
  g_free (self->date);
  g_free (self->title);
  g_free (self);
}
