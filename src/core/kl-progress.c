#include "config.h"

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
