#include "config.h"

#include "kl-i18n.h"
#include "kl-progress.h"

/* now is local time, "YYYY-MM-DDTHH:MM"; a session has been held once it
 * has begun. Unmarked held sessions count as attended by nobody, absences
 * in a row are those up to now (the run a consultant can still act on),
 * counting absent and excused marks (excused is still a missed session),
 * and any attendance, partial too, ends a run. */
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
      KlProgress progress = { row, 0, 0, 0, 0, FALSE, FALSE, 0 };
      guint run = 0;

      for (guint col = 0; col < n_sessions; col++)
        {
          const KlSession *session = g_ptr_array_index (grid->sessions, col);
          gsize cell = (gsize) row * n_sessions + col;
          int minutes = kl_session_minutes (session);

          if (!grid->enrolled[cell])
            continue;
          progress.planned_minutes += minutes;
          if (g_strcmp0 (session->starts_at, now) > 0)
            {
              progress.remaining_minutes += minutes;
              continue;
            }
          switch (grid->marks[cell])
            {
            case 'P':
              progress.attended_minutes += minutes;
              run = 0;
              break;
            case 'H':
              progress.attended_minutes += MIN (grid->minutes[cell], minutes);
              run = 0;
              break;
            case 'A':
            case 'E':
              run++;
              break;
            default:
              break;
            }
        }
      progress.absences_in_a_row = run;
      /* Rounded up: 80 % of 7.5 hours is 6 hours, of 7.4 hours 5.92 hours. */
      progress.required_minutes = (progress.planned_minutes * threshold_percent + 99) / 100;
      progress.meets = progress.planned_minutes > 0 && progress.attended_minutes >= progress.required_minutes;
      progress.out_of_reach = progress.planned_minutes > 0
                              && progress.attended_minutes + progress.remaining_minutes < progress.required_minutes;
      g_array_append_val (all, progress);
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

static gboolean
add_programme_warnings (KlDb        *db,
                        gint64       programme_id,
                        const char  *now,
                        GPtrArray   *warnings,
                        GError     **error)
{
  g_autoptr(KlProgramme) programme = kl_store_get_programme (db, programme_id, error);
  g_autoptr(KlAttendanceGrid) grid = NULL;
  g_autoptr(GArray) all = NULL;

  if (programme == NULL || (grid = kl_store_load_grid (db, programme_id, error)) == NULL)
    return FALSE;
  all = kl_progress_compute (grid, programme->certificate_threshold, now);
  for (guint i = 0; i < all->len; i++)
    {
      const KlProgress *progress = &g_array_index (all, KlProgress, i);
      const KlParticipant *participant = g_ptr_array_index (grid->participants, progress->row);
      KlAbsenceWarning *warning;

      if (!kl_progress_needs_care (progress))
        continue;
      warning = g_new0 (KlAbsenceWarning, 1);
      warning->programme_id = programme_id;
      warning->programme_title = g_strdup (programme->title);
      warning->participant_id = participant->id;
      warning->name = g_strdup (participant->name);
      warning->progress = *progress;
      warning->threshold_percent = programme->certificate_threshold;
      g_ptr_array_add (warnings, warning);
    }
  return TRUE;
}

GPtrArray *
kl_progress_warnings (KlDb        *db,
                      gint64       programme_id,
                      const char  *now,
                      GError     **error)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_absence_warning_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (KL_IS_DB (db), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (programme_id > 0)
    g_array_append_val (ids, programme_id);
  else
    {
      g_autoptr(KlStmt) stmt = kl_db_query (db, error, "SELECT id FROM programme WHERE status = 'running' "
                                                       "ORDER BY start_date, id", NULL);

      if (stmt == NULL)
        return NULL;
      while (kl_stmt_next (stmt, &local))
        {
          gint64 id = kl_stmt_int (stmt, 0);

          g_array_append_val (ids, id);
        }
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
    }
  for (guint i = 0; i < ids->len; i++)
    if (!add_programme_warnings (db, g_array_index (ids, gint64, i), now, warnings, error))
      return NULL;
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
