#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "kl-attendance-report.h"
#include "kl-clock.h"
#include "kl-date.h"
#include "kl-error.h"
#include "kl-export.h"
#include "kl-labels.h"
#include "kl-progress.h"
#include "kl-store.h"

#define RATE_WIDTH     42
#define CERTIFICATE_WIDTH 52
#define MIN_NAME_WIDTH 120
#define MIN_WORKPLACE_WIDTH 100
#define SESSION_WIDTH  42
#define MAX_SESSION_WIDTH 64
#define GRID_FONT_SIZE 8
#define LIST_FONT_SIZE 7.5
/* A grid row in GRID_FONT_SIZE (a line and its padding), a little over. */
#define GRID_ROW_HEIGHT 15
/* The rows that go with the legend at the end of the grid, never fewer
 * onto a page of their own. */
#define LAST_ROWS 4
/* More sessions than this are listed in two halves side by side. */
#define ONE_COLUMN_SESSIONS 6

/* The sessions one page shows, for the page labels. */
typedef struct
{
  KlLang lang;
  guint first_session;
  guint n_band_sessions;
  guint n_sessions;
  guint n_participants;
} Band;

static char *
band_caption_cb (guint    first_row,
                 guint    last_row,
                 gpointer user_data)
{
  Band *band = user_data;

  /* The last row of a band is the summary, not a participant. */
  first_row = MIN (first_row, band->n_participants - 1);
  last_row = MIN (last_row, band->n_participants - 1);
  return g_strdup_printf (kl_export_gettext (band->lang,
                                             /* TRANSLATORS: the label of a page of the attendance report */
                                             N_("Participants %u–%u of %u, sessions %u–%u of %u")),
                          first_row + 1, last_row + 1, band->n_participants,
                          band->first_session + 1, band->first_session + band->n_band_sessions,
                          band->n_sessions);
}

static char *
format_hours (int    minutes,
              KlLang lang)
{
  g_autofree char *number = kl_export_format_hours (minutes, 1, lang);

  /* TRANSLATORS: partial attendance in hours, e.g. "1.5 h"; keep it short */
  return g_strdup_printf (kl_export_gettext (lang, N_("%s h")), number);
}

static const char *
mark_text (char   mark,
           KlLang lang)
{
  switch (mark)
    {
    case 'P':
      return "✓";
    case 'A':
      return "✗";   /* as in the attendance grid on screen */
    case 'E':
      /* TRANSLATORS: the attendance report's mark for excused absence; one letter */
      return kl_export_gettext (lang, N_("E"));
    case 'N':
      return "·";   /* not expected: outside the enrolment or the session's audience */
    default:
      return "";
    }
}

/* Column headings are narrow: number, short date, the title's start. */
static char *
session_heading (const KlSession *session,
                 guint            number,
                 KlLang           lang)
{
  static const char *const months[] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  };
  g_autofree char *date = NULL;
  g_autofree char *title = NULL;
  unsigned y = 0, m = 0, d = 0;

  if (session->starts_at != NULL && sscanf (session->starts_at, "%4u-%2u-%2u", &y, &m, &d) == 3 && m >= 1 && m <= 12)
    date = lang == KL_LANG_NB ? g_strdup_printf ("%02u.%02u.%02u", d, m, y % 100)
                              : g_strdup_printf ("%u %s %02u", d, months[m - 1], y % 100);
  else
    date = g_strdup ("");
  if (g_utf8_strlen (session->title, -1) > 12)
    {
      g_autofree char *start = g_utf8_substring (session->title, 0, 11);

      title = g_strconcat (start, "…", NULL);
    }
  else
    title = g_strdup (session->title);
  return g_strdup_printf ("%u\n%s\n%s", number, date, title);
}

static gboolean
load (KlDb              *db,
      gint64             programme_id,
      KlProgramme      **programme,
      KlAttendanceGrid **grid,
      GError           **error)
{
  g_autoptr(GError) local_error = NULL;

  *programme = kl_store_get_programme (db, programme_id, &local_error);
  if (*programme == NULL)
    return kl_export_missing (error, g_steal_pointer (&local_error),
                              _("There is no programme with id %s, so there is no attendance to report"),
                              programme_id);
  *grid = kl_store_load_grid (db, programme_id, error);
  if (*grid == NULL)
    return FALSE;
  if ((*grid)->sessions->len == 0)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_INCOMPLETE,
                   _("“%s” has no sessions yet, so there is no attendance to report"), (*programme)->title);
      return FALSE;
    }
  if ((*grid)->participants->len == 0)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_INCOMPLETE,
                   _("Nobody is enrolled in “%s” yet, so there is no attendance to report"), (*programme)->title);
      return FALSE;
    }
  return TRUE;
}

/* The key to the grid's columns: each session's date, title, kind,
 * place and hours; many in two halves side by side. Kept on one page
 * when it fits one. */
static void
add_session_list (KlPdf                  *pdf,
                  const KlAttendanceGrid *grid,
                  KlLang                  lang)
{
  const KlPdfColumn half[] = {
    /* Widths for one line a session: "Veiledning Bekkestua skole",
     * "Sandvika, Bærum rådhus" in two halves across a landscape page. */
    { "#", 0.45, KL_PDF_ALIGN_NUMBER },
    { kl_export_gettext (lang, N_("Date")), 1.25, KL_PDF_ALIGN_LEFT },
    { kl_export_gettext (lang, N_("Session")), 2.4, KL_PDF_ALIGN_LEFT },
    { kl_export_gettext (lang, N_("Kind")), 1.4, KL_PDF_ALIGN_LEFT },
    { kl_export_gettext (lang, N_("Place")), 2.1, KL_PDF_ALIGN_LEFT },
    { kl_export_gettext (lang, N_("Hours")), 0.6, KL_PDF_ALIGN_NUMBER },
  };
  guint n_fields = G_N_ELEMENTS (half);
  guint n_sessions = grid->sessions->len;
  guint halves = n_sessions > ONE_COLUMN_SESSIONS ? 2 : 1;
  guint n_rows = (n_sessions + halves - 1) / halves;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  KlPdfColumn columns[12];
  KlPdfTable *table;

  for (guint i = 0; i < n_fields * halves; i++)
    columns[i] = half[i % n_fields];
  for (guint c = 0; c < n_sessions; c++)
    {
      const KlSession *session = g_ptr_array_index (grid->sessions, c);

      g_ptr_array_add (cells, g_strdup_printf ("%u", c + 1));
      g_ptr_array_add (cells, kl_date_format (session->starts_at, lang));
      g_ptr_array_add (cells, g_strdup (session->title));
      g_ptr_array_add (cells, g_strdup (kl_export_gettext (lang, kl_label_msgid (KL_LABELS_SESSION_KIND, session->kind))));
      g_ptr_array_add (cells, g_strdup (session->location));
      g_ptr_array_add (cells, format_hours (kl_session_minutes (session), lang));
    }

  kl_pdf_heading (pdf, kl_export_gettext (lang, N_("Sessions")));
  table = kl_pdf_table (pdf, n_fields * halves, columns);
  kl_pdf_table_set_font_size (table, LIST_FONT_SIZE);
  for (guint r = 0; r < n_rows; r++)
    {
      const char *row[12] = { NULL };

      if (r == 0)
        kl_pdf_table_need (table, n_rows * GRID_ROW_HEIGHT);
      for (guint h = 0; h < halves; h++)
        {
          guint c = h * n_rows + r;

          for (guint i = 0; i < n_fields && c < n_sessions; i++)
            row[n_fields * h + i] = cells->pdata[n_fields * c + i];
        }
      kl_pdf_table_row (table, row, KL_PDF_ROW_NORMAL);
    }
}

/* Whether the participant gets a course certificate: yes when they have
 * attended enough, no when they can no longer, "not yet" while sessions
 * to come may still get them there. */
static const char *
certificate_text (const KlProgress *progress,
                  KlLang            lang)
{
  if (progress->meets)
    /* TRANSLATORS: the attendance report's certificate column: they get one */
    return kl_export_gettext (lang, N_("Yes"));
  if (!progress->out_of_reach && progress->remaining_minutes + progress->unrecorded_minutes > 0)
    /* TRANSLATORS: the attendance report's certificate column: sessions to come may still get them one */
    return kl_export_gettext (lang, N_("Not yet"));
  /* TRANSLATORS: the attendance report's certificate column: they do not get one */
  return kl_export_gettext (lang, N_("No"));
}

static void
add_band (KlPdf                  *pdf,
          const KlAttendanceGrid *grid,
          Band                   *band,
          const char             *now,
          const char *const      *rates,
          const char *const      *workplaces,
          const KlProgress       *progress,
          double                  tail_height)
{
  KlLang lang = band->lang;
  guint n_columns = band->n_band_sessions + 4;
  double session_width;
  g_autofree KlPdfColumn *columns = g_new0 (KlPdfColumn, n_columns);
  g_autoptr(GPtrArray) headings = g_ptr_array_new_with_free_func (g_free);
  g_autofree const char **row = g_new0 (const char *, n_columns);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *overall = NULL;
  g_autofree char *certified = NULL;
  double content = kl_pdf_content_width (pdf);
  guint n_sessions = grid->sessions->len;
  guint n_certified = 0;
  KlPdfTable *table;

  for (guint r = 0; r < grid->participants->len; r++)
    n_certified += progress[r].meets;
  /* The total: how many get a certificate. */
  certified = g_strdup_printf ("%u", n_certified);

  /* Few sessions get room; many share the page evenly. What is left
   * goes to the names (three fifths) and the workplaces. */
  session_width = CLAMP ((content - RATE_WIDTH - CERTIFICATE_WIDTH - MIN_NAME_WIDTH - MIN_WORKPLACE_WIDTH)
                         / band->n_band_sessions, SESSION_WIDTH, MAX_SESSION_WIDTH);
  columns[0].title = kl_export_gettext (lang, N_("Participant"));
  columns[0].width = (content - RATE_WIDTH - CERTIFICATE_WIDTH - session_width * band->n_band_sessions) * 0.55;
  columns[0].align = KL_PDF_ALIGN_LEFT;
  columns[1].title = kl_export_gettext (lang, N_("Workplace"));
  columns[1].width = (content - RATE_WIDTH - CERTIFICATE_WIDTH - session_width * band->n_band_sessions) * 0.45;
  columns[1].align = KL_PDF_ALIGN_LEFT;
  for (guint i = 0; i < band->n_band_sessions; i++)
    {
      guint c = band->first_session + i;
      char *heading = session_heading (g_ptr_array_index (grid->sessions, c), c + 1, lang);

      g_ptr_array_add (headings, heading);
      columns[i + 2].title = heading;
      columns[i + 2].width = session_width;
      columns[i + 2].align = KL_PDF_ALIGN_CENTER;
    }
  /* TRANSLATORS: a participant's attendance rate, column heading */
  columns[n_columns - 2].title = kl_export_gettext (lang, N_("Rate"));
  columns[n_columns - 2].width = RATE_WIDTH;
  columns[n_columns - 2].align = KL_PDF_ALIGN_NUMBER;
  /* TRANSLATORS: the attendance report's column: does the participant get a course certificate */
  columns[n_columns - 1].title = kl_export_gettext (lang, N_("Certificate"));
  columns[n_columns - 1].width = CERTIFICATE_WIDTH;
  columns[n_columns - 1].align = KL_PDF_ALIGN_CENTER;

  table = kl_pdf_table (pdf, n_columns, columns);
  kl_pdf_table_set_font_size (table, GRID_FONT_SIZE);
  kl_pdf_table_set_caption_func (table, band_caption_cb, band);

  for (guint r = 0; r < grid->participants->len; r++)
    {
      const KlParticipant *participant = g_ptr_array_index (grid->participants, r);

      /* The last rows, the session counts and what follows the grid stay
       * together: never a page with only the end of the grid. */
      if (r + LAST_ROWS == grid->participants->len
          || (grid->participants->len < LAST_ROWS && r == 0))
        kl_pdf_table_need (table, (MIN (LAST_ROWS, grid->participants->len) + 1) * GRID_ROW_HEIGHT + tail_height);
      g_ptr_array_set_size (cells, 0);
      row[0] = participant->name;
      row[1] = workplaces[r];
      for (guint i = 0; i < band->n_band_sessions; i++)
        {
          gsize cell = (gsize) r * n_sessions + band->first_session + i;

          if (grid->expected[cell] != KL_CELL_EXPECTED)
            row[i + 2] = mark_text ('N', lang);
          else if (grid->marks[cell] == 'H')
            {
              char *hours = format_hours (grid->minutes[cell], lang);

              g_ptr_array_add (cells, hours);
              row[i + 2] = hours;
            }
          else
            row[i + 2] = mark_text (grid->marks[cell], lang);
        }
      row[n_columns - 2] = rates[r];
      row[n_columns - 1] = certificate_text (&progress[r], lang);
      kl_pdf_table_row (table, row, KL_PDF_ROW_NORMAL);
    }

  /* Each session's count of those present, at least in part. */
  g_ptr_array_set_size (cells, 0);
  row[0] = kl_export_gettext (lang, N_("Present / enrolled"));
  row[1] = NULL;
  for (guint i = 0; i < band->n_band_sessions; i++)
    {
      guint c = band->first_session + i;
      guint present = 0;
      char *text;

      if (!kl_attendance_grid_session_counts (grid, c, now))
        {
          row[i + 2] = "";
          continue;
        }
      for (guint r = 0; r < grid->participants->len; r++)
        {
          char mark = grid->marks[(gsize) r * n_sessions + c];

          present += (grid->expected[(gsize) r * n_sessions + c] == KL_CELL_EXPECTED) && (mark == 'P' || mark == 'H');
        }
      text = g_strdup_printf ("%u/%u", present, kl_attendance_grid_count_expected (grid, c));
      g_ptr_array_add (cells, text);
      row[i + 2] = text;
    }
  overall = kl_export_format_rate (kl_attendance_grid_rate (grid, -1, -1, now), lang);
  row[n_columns - 2] = overall;
  row[n_columns - 1] = certified;
  kl_pdf_table_row (table, row, KL_PDF_ROW_SHADED);
}

KlPdf *
kl_attendance_report (KlDb    *db,
                      gint64   programme_id,
                      KlLang   lang,
                      GError **error)
{
  g_autoptr(KlProgramme) programme = NULL;
  g_autoptr(KlAttendanceGrid) grid = NULL;
  g_autoptr(KlClient) client = NULL;
  g_autoptr(KlSettings) settings = NULL;
  g_autoptr(KlPdf) pdf = NULL;
  g_autoptr(GPtrArray) rates = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) workplaces = g_ptr_array_new ();
  g_autoptr(GHashTable) workplace_names = kl_export_client_cache_new ();
  g_autoptr(GArray) progress = NULL;
  g_autofree char *now = kl_clock_now_minutes ();
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *period = NULL;
  g_autofree char *header_left = NULL;
  g_autofree char *title = NULL;
  g_autofree char *overall = NULL;
  g_autofree char *legend = NULL;
  g_autofree Band *bands = NULL;
  const char *sender;
  const char *fields[15];
  double content;
  double legend_height;
  guint per_page, n_bands, per_band, n_sessions;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!load (db, programme_id, &programme, &grid, error)
      || (client = kl_store_get_client (db, programme->client_id, error)) == NULL
      || (settings = kl_store_get_settings (db, error)) == NULL)
    return NULL;

  n_sessions = grid->sessions->len;
  sender = kl_export_sender (settings);
  start = kl_export_format_date (programme->start_date, lang);
  end = kl_export_format_date (programme->end_date, lang);
  period = g_strdup_printf ("%s – %s", start, end);
  header_left = g_strdup_printf ("%s · %s", sender, client->name);
  /* TRANSLATORS: the title of an attendance report's PDF; %s is the programme */
  title = g_strdup_printf (kl_export_gettext (lang, N_("Attendance report: %s")), programme->title);
  overall = kl_export_format_rate (kl_attendance_grid_rate (grid, -1, -1, now), lang);
  progress = kl_progress_compute (grid, programme->certificate_threshold, now);
  for (guint r = 0; r < grid->participants->len; r++)
    {
      const KlParticipant *participant = g_ptr_array_index (grid->participants, r);

      g_ptr_array_add (rates, kl_export_format_rate (kl_attendance_grid_rate (grid, (int) r, -1, now), lang));
      g_ptr_array_add (workplaces, (gpointer) kl_export_client_name (db, workplace_names, participant->workplace_id));
    }
  legend = g_strdup_printf (kl_export_gettext (lang, N_("✓ present   ✗ absent   E excused   1.5 h partly present, in hours   "
                                                        "· not enrolled then   blank: not marked. The rate is the share of the sessions held so far "
                                                        "that a participant attended, partial attendance counted by its hours. "
                                                        "Certificate: a course certificate for at least %d %% of the planned hours; "
                                                        "“Not yet” while the sessions to come can still get there.")),
                            programme->certificate_threshold);

  pdf = kl_pdf_new (lang, TRUE);
  kl_pdf_set_metadata (pdf, title, sender, programme->title);
  kl_pdf_set_header (pdf, header_left, programme->title);
  kl_pdf_title (pdf, kl_export_gettext (lang, N_("Attendance report")), programme->title);
  /* One line across, so that the grid gets the page; the grid's caption
   * counts the participants and the sessions. */
  fields[0] = kl_export_gettext (lang, N_("Client"));
  fields[1] = client->name;
  fields[2] = kl_export_gettext (lang, N_("Period"));
  fields[3] = period;
  /* TRANSLATORS: the attendance rate of a whole programme */
  fields[4] = kl_export_gettext (lang, N_("Attendance rate"));
  fields[5] = overall;
  fields[6] = NULL;
  kl_pdf_fields_across (pdf, fields, 3);

  /* Sessions in bands as wide as a page allows, evenly filled, each band
   * going down as many pages as the participants need. */
  content = kl_pdf_content_width (pdf);
  legend_height = kl_pdf_note_height (pdf, legend);
  per_page = MAX (1, (guint) ((content - RATE_WIDTH - CERTIFICATE_WIDTH - MIN_NAME_WIDTH - MIN_WORKPLACE_WIDTH)
                              / SESSION_WIDTH));
  n_bands = (n_sessions + per_page - 1) / per_page;
  per_band = (n_sessions + n_bands - 1) / n_bands;
  bands = g_new0 (Band, n_bands);
  /* A grid of one band follows the heading, the list of sessions after
   * its legend; bands side by side need the list first, as the key to
   * pages that each start fresh. */
  if (n_bands > 1)
    add_session_list (pdf, grid, lang);
  for (guint b = 0; b < n_bands; b++)
    {
      Band *band = &bands[b];

      band->lang = lang;
      band->first_session = b * per_band;
      band->n_band_sessions = MIN (per_band, n_sessions - band->first_session);
      band->n_sessions = n_sessions;
      band->n_participants = grid->participants->len;
      /* Bands start on a fresh page, so that every band's pages hold the
       * same participants. */
      if (n_bands > 1)
        kl_pdf_page_break (pdf);
      add_band (pdf, grid, band, now, (const char *const *) rates->pdata, (const char *const *) workplaces->pdata,
                (const KlProgress *) (gpointer) progress->data, b + 1 == n_bands ? legend_height : 0);
    }
  /* Ends the last table while its band still exists for the page label. */
  kl_pdf_note (pdf, legend);
  if (n_bands == 1)
    add_session_list (pdf, grid, lang);
  return g_steal_pointer (&pdf);
}

char *
kl_attendance_report_file_name (KlDb   *db,
                                gint64  programme_id,
                                KlLang  lang)
{
  g_autoptr(KlProgramme) programme = NULL;
  g_autoptr(GDateTime) now = kl_export_now ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");

  g_return_val_if_fail (db != NULL, NULL);

  if ((programme = kl_store_get_programme (db, programme_id, NULL)) == NULL)
    return NULL;
  /* TRANSLATORS: the start of an attendance report's file name, one word */
  return kl_pdf_file_name (kl_export_gettext (lang, N_("Attendance-report")), programme->title, date, NULL);
}
