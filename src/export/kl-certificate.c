#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <string.h>

#include "kl-certificate.h"
#include "kl-clock.h"
#include "kl-date.h"
#include "kl-error.h"
#include "kl-export.h"
#include "kl-labels.h"
#include "kl-progress.h"
#include "kl-store.h"

/* More sessions than this are listed in smaller type. */
#define MANY_SESSIONS 18

/* What every certificate of a programme shares, loaded once. */
typedef struct
{
  KlProgramme *programme;
  KlClient *client;
  KlSettings *settings;
  KlAttendanceGrid *grid;
  GArray *progress;       /* KlProgress per grid row */
  char *place;
} Certificates;

static void
certificates_clear (Certificates *certs)
{
  g_clear_pointer (&certs->programme, kl_programme_free);
  g_clear_pointer (&certs->client, kl_client_free);
  g_clear_pointer (&certs->settings, kl_settings_free);
  g_clear_pointer (&certs->grid, kl_attendance_grid_free);
  g_clear_pointer (&certs->progress, g_array_unref);
  g_clear_pointer (&certs->place, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Certificates, certificates_clear)

void
kl_certificate_entry_free (KlCertificateEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->name);
  g_free (entry->path);
  g_free (entry);
}

/* The town of an address such as "Storgata 1, 0155 Oslo": its last part
 * without the postcode; the whole last part when there is no postcode. */
static char *
place_from_address (const char *address)
{
  g_auto(GStrv) parts = NULL;
  const char *last = NULL;

  if (address == NULL)
    return g_strdup ("");
  parts = g_strsplit_set (address, ",\n", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        last = parts[i];
    }
  if (last == NULL)
    return g_strdup ("");
  if (strlen (last) > 5 && g_ascii_isdigit (last[0]) && g_ascii_isdigit (last[1])
      && g_ascii_isdigit (last[2]) && g_ascii_isdigit (last[3]) && last[4] == ' ')
    last += 5;
  return g_strstrip (g_strdup (last));
}

static gboolean
load (KlDb          *db,
      gint64         programme_id,
      Certificates  *certs,
      GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *now = kl_clock_now_minutes ();
  gboolean held = FALSE;

  certs->programme = kl_store_get_programme (db, programme_id, &local_error);
  if (certs->programme == NULL)
    return kl_export_missing (error, g_steal_pointer (&local_error),
                              _("There is no programme with id %s, so there are no certificates to make"),
                              programme_id);
  if ((certs->client = kl_store_get_client (db, certs->programme->client_id, error)) == NULL
      || (certs->settings = kl_store_get_settings (db, error)) == NULL
      || (certs->grid = kl_store_load_grid (db, programme_id, error)) == NULL)
    return FALSE;

  /* A certificate is signed on IMTEC's behalf: without its name there is
   * nobody to issue it. */
  if (certs->settings->name == NULL || *g_strstrip (certs->settings->name) == '\0')
    {
      g_set_error_literal (error, KL_ERROR, KL_ERROR_INCOMPLETE,
                           _("IMTEC's name is empty in the settings, so no certificate can be issued"));
      return FALSE;
    }
  if (certs->grid->participants->len == 0)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_INCOMPLETE,
                   _("Nobody is enrolled in “%s”, so there are no certificates to make"), certs->programme->title);
      return FALSE;
    }
  for (guint c = 0; c < certs->grid->sessions->len && !held; c++)
    {
      const KlSession *session = g_ptr_array_index (certs->grid->sessions, c);

      held = g_strcmp0 (session->starts_at, now) <= 0;
    }
  if (!held)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_INCOMPLETE,
                   _("No session of “%s” has been held yet, so there are no certificates to make"),
                   certs->programme->title);
      return FALSE;
    }
  certs->progress = kl_progress_compute (certs->grid, certs->programme->certificate_threshold, now);
  certs->place = place_from_address (certs->settings->address);
  return TRUE;
}

/* The rows to make documents for: one participant, or everybody whose
 * enrolment covers at least one session. */
static GArray *
select_rows (Certificates  *certs,
             gint64         participant_id,
             GError       **error)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint r = 0; r < certs->grid->participants->len; r++)
    {
      const KlParticipant *participant = g_ptr_array_index (certs->grid->participants, r);
      const KlProgress *progress = &g_array_index (certs->progress, KlProgress, r);

      if (participant_id > 0 && participant->id == participant_id && progress->planned_minutes == 0)
        {
          g_set_error (error, KL_ERROR, KL_ERROR_INCOMPLETE,
                       _("No session of “%s” falls within the enrolment of %s, so there is no certificate to make"),
                       certs->programme->title, participant->name);
          g_array_unref (rows);
          return NULL;
        }
      if (participant_id > 0 ? participant->id == participant_id : progress->planned_minutes > 0)
        g_array_append_val (rows, r);
    }
  if (rows->len == 0)
    {
      if (participant_id > 0)
        {
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, participant_id);

          g_set_error (error, KL_ERROR, KL_ERROR_INCOMPLETE,
                       _("Participant %s is not enrolled in “%s”, so there is no certificate to make"),
                       id, certs->programme->title);
        }
      else
        g_set_error (error, KL_ERROR, KL_ERROR_INCOMPLETE,
                     _("No enrolment in “%s” covers a session, so there are no certificates to make"),
                     certs->programme->title);
      g_clear_pointer (&rows, g_array_unref);
    }
  return rows;
}

/* The programme's figures loaded into certs, and the rows to make
 * documents for. */
static GArray *
load_rows (KlDb          *db,
           gint64         programme_id,
           gint64         participant_id,
           Certificates  *certs,
           GError       **error)
{
  if (!load (db, programme_id, certs, error))
    return NULL;
  return select_rows (certs, participant_id, error);
}

static KlCertificateEntry *
make_entry (Certificates *certs,
            guint         row)
{
  const KlParticipant *participant = g_ptr_array_index (certs->grid->participants, row);
  const KlProgress *progress = &g_array_index (certs->progress, KlProgress, row);
  KlCertificateEntry *entry = g_new0 (KlCertificateEntry, 1);

  entry->participant_id = participant->id;
  entry->name = g_strdup (participant->name);
  entry->certificate = progress->meets;
  entry->attended_minutes = progress->attended_minutes;
  entry->planned_minutes = progress->planned_minutes;
  return entry;
}

/* "Samling 3", "Veiledning 37", "Session 2": a title that only numbers
 * the session says nothing a reader of the certificate needs. */
static gboolean
is_numbering_title (const char *title)
{
  return title == NULL || *title == '\0'
         || g_regex_match_simple ("^\\s*\\w+\\s+\\d+\\s*$", title, G_REGEX_CASELESS, 0);
}

/* Whether a participant's sessions were held there: their most frequent
 * place, which a certificate names as the programme's; NULL for none. */
static char *
main_place (Certificates *certs,
            guint         row)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_sessions = certs->grid->sessions->len;
  const char *best = NULL;
  guint best_count = 0;

  for (guint c = 0; c < n_sessions; c++)
    {
      const KlSession *session = g_ptr_array_index (certs->grid->sessions, c);
      guint count;

      if (certs->grid->expected[(gsize) row * n_sessions + c] != KL_CELL_EXPECTED
          || session->location == NULL || *session->location == '\0')
        continue;
      count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, session->location)) + 1;
      g_hash_table_insert (counts, session->location, GUINT_TO_POINTER (count));
      if (count > best_count)
        {
          best = session->location;
          best_count = count;
        }
    }
  return g_strdup (best);
}

/* The sessions within the enrolment: date, kind, hours, and the theme
 * when the titles name one (not when they only number the sessions). A
 * long programme is listed in two halves side by side, in smaller type,
 * so that a certificate of 40 sessions still fits its page. */
static void
add_sessions (KlPdf        *pdf,
              Certificates *certs,
              guint         row,
              KlLang        lang)
{
  const char *all_titles[] = {
    kl_export_gettext (lang, N_("Date")),
    /* TRANSLATORS: a certificate's list of sessions: what each was about */
    kl_export_gettext (lang, N_("Theme")),
    kl_export_gettext (lang, N_("Kind")),
    kl_export_gettext (lang, N_("Hours")),
  };
  const double all_widths[] = { 1.3, 4.2, 1.8, 0.8 };
  const double all_narrow_widths[] = { 1.6, 2.8, 1.6, 0.7 };
  const KlPdfAlign all_aligns[] = { KL_PDF_ALIGN_LEFT, KL_PDF_ALIGN_LEFT, KL_PDF_ALIGN_LEFT, KL_PDF_ALIGN_NUMBER };
  guint n_sessions = certs->grid->sessions->len;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  KlPdfColumn columns[8];
  guint map[4];
  guint n_fields = 0;
  guint n_rows, n_listed, halves;
  guint n_expected = 0;
  guint n_themed = 0;
  gboolean themes;
  KlPdfTable *table;

  for (guint c = 0; c < n_sessions; c++)
    {
      const KlSession *session = g_ptr_array_index (certs->grid->sessions, c);

      if (certs->grid->expected[(gsize) row * n_sessions + c] != KL_CELL_EXPECTED)
        continue;
      n_expected++;
      n_themed += !is_numbering_title (session->title);
    }
  /* A column mostly empty says less than none. */
  themes = n_themed * 2 >= n_expected && n_themed > 0;
  for (guint i = 0; i < 4; i++)
    if (i != 1 || themes)
      map[n_fields++] = i;

  for (guint c = 0; c < n_sessions; c++)
    {
      const KlSession *session = g_ptr_array_index (certs->grid->sessions, c);

      if (certs->grid->expected[(gsize) row * n_sessions + c] != KL_CELL_EXPECTED)
        continue;
      g_ptr_array_add (cells, kl_export_format_date (session->starts_at, lang));
      if (themes)
        g_ptr_array_add (cells, g_strdup (is_numbering_title (session->title) ? "" : session->title));
      g_ptr_array_add (cells, g_strdup (kl_export_gettext (lang, kl_label_msgid (KL_LABELS_SESSION_KIND, session->kind))));
      g_ptr_array_add (cells, kl_export_format_hours (kl_session_minutes (session), 2, lang));
    }
  n_listed = cells->len / n_fields;
  halves = n_listed > MANY_SESSIONS ? 2 : 1;
  n_rows = (n_listed + halves - 1) / halves;
  for (guint i = 0; i < n_fields * halves; i++)
    {
      guint field = map[i % n_fields];

      columns[i] = (KlPdfColumn) { all_titles[field],
                                   halves > 1 ? all_narrow_widths[field] : all_widths[field], all_aligns[field] };
    }

  /* TRANSLATORS: a certificate: the heading of the list of sessions the participant was expected at */
  kl_pdf_heading (pdf, kl_export_gettext (lang, N_("Sessions")));
  table = kl_pdf_table (pdf, n_fields * halves, columns);
  kl_pdf_table_set_font_size (table, halves > 1 ? 7.5 : 8.5);
  for (guint r = 0; r < n_rows; r++)
    {
      const char *line[8] = { NULL };

      for (guint h = 0; h < halves; h++)
        {
          guint session = h * n_rows + r;

          for (guint i = 0; i < n_fields && n_fields * session + i < cells->len; i++)
            line[n_fields * h + i] = cells->pdata[n_fields * session + i];
        }
      kl_pdf_table_row (table, line, KL_PDF_ROW_NORMAL);
    }
}

static gboolean
is_given (const char *text)
{
  return text != NULL && *text != '\0';
}

/* What the programme was about, from its record: its goals and how it
 * worked towards them; NULL when the record says neither. */
static char *
content_text (const KlProgramme *programme)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (is_given (programme->goals))
    g_string_append (text, programme->goals);
  if (is_given (programme->q_process))
    g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "", programme->q_process);
  if (text->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The white space a page has beyond its content goes between its parts,
 * in these shares, so that the signature stands at the foot of the page
 * and the page never ends half empty. */
enum { GAP_LETTERHEAD, GAP_TITLE, GAP_HOURS, GAP_CONTENT, GAP_SIGNATURE, N_GAPS };
static const double gap_shares[N_GAPS] = { 0.18, 0.18, 0.16, 0.16, 0.32 };

static void
add_page_spread (KlPdf        *pdf,
                 Certificates *certs,
                 guint         row,
                 KlLang        lang,
                 double        spare)
{
  const KlParticipant *participant = g_ptr_array_index (certs->grid->participants, row);
  const KlProgress *progress = &g_array_index (certs->progress, KlProgress, row);
  const KlProgramme *programme = certs->programme;
  const KlSettings *settings = certs->settings;
  double width = kl_pdf_content_width (pdf);
  g_autofree char *attended = kl_export_format_hours (progress->attended_minutes, 2, lang);
  g_autofree char *planned = kl_export_format_hours (progress->planned_minutes, 2, lang);
  g_autofree char *start = kl_date_format_long (programme->start_date, lang);
  g_autofree char *end = kl_date_format_long (programme->end_date, lang);
  g_autofree char *place = main_place (certs, row);
  g_autofree char *period = NULL;
  g_autofree char *client = NULL;
  g_autofree char *hours = NULL;
  g_autofree char *threshold = NULL;
  g_autofree char *content = content_text (programme);
  g_autoptr(GDateTime) now = kl_export_now ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *today_text = kl_date_format_long (today, lang);
  g_autofree char *place_date = NULL;
  g_autofree char *signer_title = NULL;
  g_autofree char *for_sender = NULL;
  /* Rounded down, so that 79.6 % never reads as the 80 % it misses. */
  int percent = progress->planned_minutes > 0 ? progress->attended_minutes * 100 / progress->planned_minutes : 0;

  kl_pdf_section_break (pdf);

  /* The issuer's letterhead. */
  kl_pdf_space (pdf, 6);
  kl_pdf_centered (pdf, settings->name, 15, TRUE);
  if (is_given (settings->address))
    kl_pdf_centered_block (pdf, settings->address, 9.5, FALSE, 0.35, width);
  kl_pdf_space (pdf, 24 + spare * gap_shares[GAP_LETTERHEAD]);

  kl_pdf_centered (pdf, progress->meets ? kl_export_gettext (lang, N_("Course certificate"))
                                        : kl_export_gettext (lang, N_("Attendance statement")),
                   32, TRUE);
  kl_pdf_space (pdf, 14 + spare * gap_shares[GAP_TITLE]);
  kl_pdf_centered_block (pdf, participant->name, 24, TRUE, 0, width);
  kl_pdf_space (pdf, 4);
  kl_pdf_centered (pdf, progress->meets ? kl_export_gettext (lang, N_("has completed"))
                                        : kl_export_gettext (lang, N_("has taken part in")),
                   11, FALSE);
  kl_pdf_space (pdf, 2);
  kl_pdf_centered_block (pdf, programme->title, 18, TRUE, 0, width);
  /* TRANSLATORS: a certificate: the client for whom a programme ran, e.g. "for Bærum kommune" */
  client = g_strdup_printf (kl_export_gettext (lang, N_("for %s")), certs->client->name);
  kl_pdf_centered_block (pdf, client, 11, FALSE, 0, width);
  period = place != NULL ? g_strdup_printf ("%s – %s  ·  %s", start, end, place)
                         : g_strdup_printf ("%s – %s", start, end);
  kl_pdf_centered_block (pdf, period, 11, FALSE, 0, width);
  kl_pdf_space (pdf, 12 + spare * gap_shares[GAP_HOURS]);

  /* TRANSLATORS: a certificate: hours attended of hours planned and the share, e.g. "Attended 27.5 of 32 hours (85 %)" */
  hours = g_strdup_printf (kl_export_gettext (lang, N_("Attended %s of %s hours (%d %%)")), attended, planned, percent);
  kl_pdf_centered (pdf, hours, 12, TRUE);
  if (progress->meets)
    {
      /* TRANSLATORS: a certificate; %d is the programme's threshold, e.g. 80 */
      threshold = g_strdup_printf (kl_export_gettext (lang, N_("The course requires %d %% of the planned hours.")),
                                   programme->certificate_threshold);
      kl_pdf_centered (pdf, threshold, 9.5, FALSE);
    }
  if (content != NULL)
    {
      kl_pdf_space (pdf, 10);
      /* TRANSLATORS: a certificate: the heading of what the programme was about */
      kl_pdf_centered (pdf, kl_export_gettext (lang, N_("Content")), 11, TRUE);
      kl_pdf_centered_block (pdf, content, 10, FALSE, 0.15, width * 0.8);
    }
  kl_pdf_space (pdf, 4 + spare * gap_shares[GAP_CONTENT]);

  add_sessions (pdf, certs, row, lang);

  kl_pdf_space (pdf, 18 + spare * gap_shares[GAP_SIGNATURE]);
  place_date = is_given (certs->place) ? g_strdup_printf ("%s, %s", certs->place, today_text) : g_strdup (today_text);
  /* TRANSLATORS: under a certificate's signature line; %s is IMTEC's name */
  for_sender = g_strdup_printf (kl_export_gettext (lang, N_("For %s")), settings->name);
  if (is_given (settings->signatory_name))
    {
      /* Under the name: "Daglig leder, Stiftelsen IMTEC". */
      signer_title = is_given (settings->signatory_title)
                     ? g_strdup_printf ("%s, %s", settings->signatory_title, settings->name)
                     : g_strdup (for_sender);
      kl_pdf_signature_named (pdf, place_date, settings->signatory_name, signer_title);
    }
  else
    kl_pdf_signature_named (pdf, place_date, NULL, for_sender);
}

/* A certificate fills its page: laid out once to measure what is left,
 * then again with that space shared out between its parts. */
static void
add_page (KlPdf        *pdf,
          Certificates *certs,
          guint         row,
          KlLang        lang)
{
  g_autoptr(KlPdf) draft = kl_pdf_new (lang, FALSE);
  double spare = 0;

  kl_pdf_set_certificate_style (draft);
  add_page_spread (draft, certs, row, lang, 0);
  if (kl_pdf_n_pages (draft) == 1)
    spare = kl_pdf_remaining (draft) - 2;
  add_page_spread (pdf, certs, row, lang, MAX (0, spare));
}

GPtrArray *
kl_certificate_entries (KlDb    *db,
                        gint64   programme_id,
                        gint64   participant_id,
                        GError **error)
{
  g_auto(Certificates) certs = { 0 };
  g_autoptr(GArray) rows = NULL;
  GPtrArray *entries;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((rows = load_rows (db, programme_id, participant_id, &certs, error)) == NULL)
    return NULL;
  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_certificate_entry_free);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (entries, make_entry (&certs, g_array_index (rows, guint, i)));
  return entries;
}

static KlPdf *
new_document (Certificates *certs,
              const char   *title,
              KlLang        lang)
{
  KlPdf *pdf = kl_pdf_new (lang, FALSE);

  kl_pdf_set_certificate_style (pdf);
  kl_pdf_set_metadata (pdf, title, certs->settings->name, certs->programme->title);
  return pdf;
}

KlPdf *
kl_certificate_build (KlDb    *db,
                      gint64   programme_id,
                      gint64   participant_id,
                      KlLang   lang,
                      GError **error)
{
  g_auto(Certificates) certs = { 0 };
  g_autoptr(GArray) rows = NULL;
  g_autofree char *title = NULL;
  KlPdf *pdf;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((rows = load_rows (db, programme_id, participant_id, &certs, error)) == NULL)
    return NULL;
  /* TRANSLATORS: the title of a PDF of certificates; %s is the programme */
  title = g_strdup_printf (kl_export_gettext (lang, N_("Certificates: %s")), certs.programme->title);
  pdf = new_document (&certs, title, lang);
  for (guint i = 0; i < rows->len; i++)
    add_page (pdf, &certs, g_array_index (rows, guint, i), lang);
  return pdf;
}

static const char *
file_prefix (gboolean certificate,
             KlLang   lang)
{
  /* TRANSLATORS: the start of a course certificate's file name, no spaces */
  return certificate ? kl_export_gettext (lang, N_("Course-certificate"))
  /* TRANSLATORS: the start of an attendance statement's file name, no spaces */
                     : kl_export_gettext (lang, N_("Attendance-statement"));
}

GPtrArray *
kl_certificate_write_each (KlDb       *db,
                           gint64      programme_id,
                           gint64      participant_id,
                           const char *dir,
                           KlLang      lang,
                           GError    **error)
{
  g_auto(Certificates) certs = { 0 };
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((rows = load_rows (db, programme_id, participant_id, &certs, error)) == NULL)
    return NULL;

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_certificate_entry_free);
  for (guint i = 0; i < rows->len; i++)
    {
      guint row = g_array_index (rows, guint, i);
      KlCertificateEntry *entry = make_entry (&certs, row);
      g_autoptr(KlPdf) pdf = new_document (&certs, entry->name, lang);
      g_autofree char *name = kl_pdf_file_name (file_prefix (entry->certificate, lang), entry->name,
                                                certs.programme->title, NULL);
      GBytes *bytes;

      /* Two people of the same name must not overwrite each other. */
      if (g_hash_table_contains (names, name))
        {
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, entry->participant_id);

          g_free (name);
          name = kl_pdf_file_name (file_prefix (entry->certificate, lang), entry->name, id,
                                   certs.programme->title, NULL);
        }
      entry->path = g_build_filename (dir, name, NULL);
      g_hash_table_add (names, g_strdup (name));
      g_ptr_array_add (entries, entry);
      add_page (pdf, &certs, row, lang);
      if ((bytes = kl_pdf_render (pdf, NULL, error)) == NULL)
        return NULL;
      g_ptr_array_add (documents, bytes);
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot create the folder %s: %s"), dir, g_strerror (saved));
      return NULL;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      KlCertificateEntry *entry = g_ptr_array_index (entries, i);
      GBytes *bytes = g_ptr_array_index (documents, i);

      if (!kl_export_write_file (entry->path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error))
        return NULL;
    }
  return g_steal_pointer (&entries);
}

char *
kl_certificate_file_name (KlDb   *db,
                          gint64  programme_id,
                          KlLang  lang)
{
  g_autoptr(KlProgramme) programme = NULL;

  g_return_val_if_fail (db != NULL, NULL);

  if ((programme = kl_store_get_programme (db, programme_id, NULL)) == NULL)
    return NULL;
  /* TRANSLATORS: the start of the file name of a programme's certificates, no spaces */
  return kl_pdf_file_name (kl_export_gettext (lang, N_("Certificates")), programme->title, NULL);
}

gboolean
kl_certificate_check_finished (KlDb    *db,
                               gint64   programme_id,
                               GError **error)
{
  g_autoptr(KlProgramme) programme = kl_store_get_programme (db, programme_id, error);
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GString) to_come = g_string_new (NULL);
  g_autofree char *now = kl_clock_now_minutes ();
  guint n = 0;

  if (programme == NULL || (sessions = kl_store_list_sessions (db, programme_id, error)) == NULL)
    return FALSE;
  if (g_strcmp0 (programme->status, "finished") == 0)
    return TRUE;
  for (guint i = 0; i < sessions->len; i++)
    {
      const KlSession *session = g_ptr_array_index (sessions, i);
      g_autofree char *date = NULL;

      if (g_strcmp0 (session->starts_at, now) <= 0)
        continue;
      if (n++ < 3)
        {
          date = kl_format_date (session->starts_at);
          g_string_append_printf (to_come, "%s%s (%s)", to_come->len > 0 ? ", " : "", session->title, date);
        }
    }
  if (n > 3)
    g_string_append (to_come, ", …");
  if (n == 0)
    g_set_error (error, KL_ERROR, KL_ERROR_UNCONFIRMED,
                 _("“%s” is not finished until %s; a certificate now counts only what is recorded so far"),
                 programme->title, programme->end_date);
  else
    g_set_error (error, KL_ERROR, KL_ERROR_UNCONFIRMED,
                 g_dngettext (GETTEXT_PACKAGE,
                              "“%s” is not finished: %u session is still to come (%s); a certificate now counts only "
                              "what is held so far",
                              "“%s” is not finished: %u sessions are still to come (%s); a certificate now counts "
                              "only what is held so far", n),
                 programme->title, n, to_come->str);
  return FALSE;
}
