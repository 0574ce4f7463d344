#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "kl-attendance-report.h"
#include "kl-demo.h"
#include "kl-error.h"
#include "kl-sheet.h"
#include "kl-store.h"
#include "kl-test-store.h"
#include "kl-test-util.h"
#include "test-pdf-util.h"

#define AWKWARD "<b>&\"'æøå 😀 Ødegård"

/* One year of demo data: its largest programme has 300 participants and
 * 40 sessions, more than a page holds either way. */
typedef struct
{
  char *dir;
  KlDb *db;
  gint64 largest;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = kl_test_make_dir ("test-sheet");
  fixture->db = kl_test_open_db (fixture->dir);
  kl_test_fill_demo (fixture->db, GPOINTER_TO_UINT (data));
  fixture->largest = kl_demo_largest_programme (fixture->db, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kl_test_close_db (&fixture->db, &fixture->dir);
}

static char *
save (Fixture *fixture,
      KlPdf   *pdf,
      guint   *n_pages)
{
  g_autofree char *path = g_build_filename (fixture->dir, "document.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (pdf);
  g_assert_true (kl_pdf_save (pdf, path, n_pages, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static void
assert_all_names (const char *text,
                  GPtrArray  *participants)
{
  g_autofree char *flat = kl_test_flatten (text);

  for (guint i = 0; i < participants->len; i++)
    {
      KlParticipant *participant = g_ptr_array_index (participants, i);
      g_autofree char *name = kl_test_flatten (participant->name);

      if (strstr (flat, name) == NULL)
        g_error ("“%s” is missing", participant->name);
    }
}

static gint64
enrol_awkward (KlDb   *db,
               gint64  programme_id)
{
  g_autoptr(KlParticipant) participant = kl_participant_new ();
  g_autoptr(GError) error = NULL;
  GString *name = g_string_new (AWKWARD " ");

  while (g_utf8_strlen (name->str, -1) < 200)
    g_string_append (name, "Haraldsen-");
  participant->name = g_string_free (name, FALSE);
  participant->role = g_strdup ("rektor");
  g_assert_true (kl_store_insert_participant (db, participant, &error));
  g_assert_no_error (error);
  kl_test_enrol (db, programme_id, participant->id);
  return participant->id;
}

/* Every enrolled participant has a line to sign on, awkward names intact. */
static void
test_sign_in_sheet (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = kl_store_list_sessions (fixture->db, fixture->largest, &error);
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(KlPdf) pdf = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  g_autofree char *name = NULL;
  KlSession *session;
  guint n_pages = 0;

  enrol_awkward (fixture->db, fixture->largest);
  participants = kl_store_list_participants (fixture->db, fixture->largest, &error);
  g_assert_cmpuint (participants->len, >, 300);
  session = g_ptr_array_index (sessions, 0);
  pdf = kl_sheet_sign_in (fixture->db, session->id, KL_LANG_NB, &error);
  g_assert_no_error (error);
  path = save (fixture, pdf, &n_pages);
  g_assert_cmpuint (n_pages, >, 5);

  text = kl_test_pdf_text (path, 0);
  assert_all_names (text, participants);
  kl_test_assert_contains (text, AWKWARD, "Oppmøteliste", session->title, "Samlingslederens signatur", NULL);
  /* Name and workplace only: no roles on a sheet that goes round. */
  g_assert_nonnull (strstr (text, "Arbeidssted"));
  g_assert_null (strstr (text, "rektor"));
  info = kl_test_pdf_info (path);
  kl_test_assert_contains (info, "595.28 x 841.89 pts (A4)", "Creator:         Kartleser", NULL);

  name = kl_sheet_sign_in_file_name (fixture->db, session->id, KL_LANG_NB);
  g_assert_true (g_str_has_prefix (name, "Oppmøteliste-"));
  g_assert_true (g_str_has_suffix (name, ".pdf"));
  g_assert_null (strchr (name, '/'));
  g_assert_null (strchr (name, ' '));
}

/* Participants down, sessions across: both go over pages, each page says
 * which, and nobody is left out. */
static void
test_attendance_report_both_ways (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(KlPdf) pdf = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  g_autofree char *last = NULL;
  gboolean later_rows = FALSE;
  gboolean later_sessions = FALSE;
  guint n_pages = 0;

  enrol_awkward (fixture->db, fixture->largest);
  participants = kl_store_list_participants (fixture->db, fixture->largest, &error);
  pdf = kl_attendance_report (fixture->db, fixture->largest, KL_LANG_EN, &error);
  g_assert_no_error (error);
  path = save (fixture, pdf, &n_pages);
  g_assert_cmpuint (n_pages, >, 10);

  text = kl_test_pdf_text (path, 0);
  assert_all_names (text, participants);
  g_assert_nonnull (strstr (text, "Present / enrolled"));
  info = kl_test_pdf_info (path);
  g_assert_nonnull (strstr (info, "841.89 x 595.28 pts (A4)"));

  for (guint p = 1; p <= n_pages; p++)
    {
      g_autofree char *page = kl_test_pdf_text (path, p);

      later_rows |= strstr (page, "Participants 1–") == NULL && strstr (page, "Participants ") != NULL;
      later_sessions |= strstr (page, "sessions 1–") == NULL && strstr (page, "sessions ") != NULL;
      /* The names and the rate are on every page of the grid. */
      if (strstr (page, "Participants ") != NULL)
        {
          kl_test_assert_contains (page, "Participant\n", "Rate", NULL);
        }
    }
  g_assert_true (later_rows);
  g_assert_true (later_sessions);

  /* The last band ends with its session counts, on the page of the
   * legend; the list of sessions comes after. */
  for (guint p = n_pages; p >= 1 && last == NULL; p--)
    {
      g_autofree char *page = kl_test_pdf_text (path, p);

      if (strstr (page, "✓ present") != NULL)
        last = g_steal_pointer (&page);
    }
  g_assert_nonnull (last);
  kl_test_assert_contains (last, "Present / enrolled", "of 40", NULL);
}

/* What cannot be made is refused with the reason, and nothing is written. */
static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlProgramme) programme = kl_store_get_programme (fixture->db, fixture->largest, &error);
  gint64 empty;
  KlPdf *pdf;

  pdf = kl_sheet_sign_in (fixture->db, 987654, KL_LANG_NB, &error);
  g_assert_null (pdf);
  g_assert_error (error, KL_ERROR, KL_ERROR_INCOMPLETE);
  g_assert_nonnull (strstr (error->message, "987654"));
  g_clear_error (&error);

  pdf = kl_attendance_report (fixture->db, 987654, KL_LANG_NB, &error);
  kl_test_assert_refused (pdf, KL_ERROR_INCOMPLETE);

  empty = kl_test_add_programme (fixture->db, programme->client_id, "Tomt program", "2026-01-01", "2026-06-30");
  pdf = kl_attendance_report (fixture->db, empty, KL_LANG_NB, &error);
  g_assert_null (pdf);
  g_assert_error (error, KL_ERROR, KL_ERROR_INCOMPLETE);
  g_assert_nonnull (strstr (error->message, "Tomt program"));
}

/* A programme of its own with `n` people from one school and one session;
 * the sign-in sheet's page count and text. */
static guint
sheet_pages_for (Fixture  *fixture,
                 guint     n,
                 KlLang    lang,
                 char    **text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clients = kl_store_list_clients (fixture->db, &error);
  g_autofree char *programme_title = NULL;
  g_autoptr(KlPdf) pdf = NULL;
  g_autofree char *path = NULL;
  KlClient *client;
  gint64 programme;
  gint64 session;
  guint n_pages = 0;

  g_assert_no_error (error);
  client = g_ptr_array_index (clients, 0);
  programme_title = g_strdup_printf ("LED SKOLE %u", n);
  programme = kl_test_add_programme (fixture->db, client->id, programme_title, "2026-09-01", "2027-06-30");
  session = kl_test_add_session_at (fixture->db, programme, "Samling 1", "2026-09-17T09:00", "2026-09-17T15:30",
                                    "Sandvika, Bærum rådhus");
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Deltaker Nummer %02u", i);

      kl_test_enrol (fixture->db, programme, kl_test_add_participant_at (fixture->db, name, NULL, client->id));
    }
  pdf = kl_sheet_sign_in (fixture->db, session, lang, &error);
  g_assert_no_error (error);
  path = save (fixture, pdf, &n_pages);
  if (text != NULL)
    *text = kl_test_pdf_text (path, 0);
  g_test_message ("%u people: %u pages", n, n_pages);
  return n_pages;
}

/* The layout, by hand. A4 portrait with 18 mm margins: the page's
 * content runs from 51 pt to 791 pt. Page 1: title and subtitle (44 pt),
 * four fields (62 pt) and the table's header row (4 + 16 pt) put the
 * first row at 178 pt; rows are 24 pt, the shaded "Not enrolled" row
 * 15 pt, the leader's signature block 62 pt. So page 1 holds
 * (791 - 178 - 15 - 62) / 24 = 22 rows with the signature, 25 without;
 * a continued page (header row from 51 pt) holds (791 - 67) / 24 = 30.
 * The walk-in rows are 4 at least, 8 at most, as many as fit:
 *    1 person:  1 + 8 walk-in                        1 page
 *   16 people: 16 + 6 walk-in = 22 rows              1 page
 *   18 people: 18 + 4 walk-in = 22 rows              1 page
 *   19 people: 19 + 4 > 22: the walk-in rows and
 *              the signature go on to page 2         2 pages
 *   30 people: 25 | 5 + 8 walk-in                    2 pages
 *   60 people: 25 | 30 | 5 + 8 walk-in               3 pages */
static void
test_sign_in_page_counts (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *one = NULL;
  g_autofree char *sixteen = NULL;
  g_autofree char *english = NULL;

  g_assert_cmpuint (sheet_pages_for (fixture, 1, KL_LANG_NB, &one), ==, 1);
  g_assert_cmpuint (sheet_pages_for (fixture, 16, KL_LANG_NB, &sixteen), ==, 1);
  g_assert_cmpuint (sheet_pages_for (fixture, 18, KL_LANG_NB, NULL), ==, 1);
  g_assert_cmpuint (sheet_pages_for (fixture, 19, KL_LANG_NB, NULL), ==, 2);
  g_assert_cmpuint (sheet_pages_for (fixture, 30, KL_LANG_NB, NULL), ==, 2);
  g_assert_cmpuint (sheet_pages_for (fixture, 60, KL_LANG_NB, NULL), ==, 3);
  g_assert_cmpuint (sheet_pages_for (fixture, 16, KL_LANG_EN, &english), ==, 1);

  /* One person: all eight walk-in rows, numbered on from the enrolled. */
  kl_test_assert_contains (one, "Ikke påmeldt", "\n9\n", NULL);
  g_assert_null (strstr (one, "\n10\n"));
  /* Sixteen: everyone, six walk-in rows, the signature line. */
  kl_test_assert_contains (sixteen, "Deltaker Nummer 16", "\n22\n", NULL);
  g_assert_null (strstr (sixteen, "\n23\n"));
  g_assert_nonnull (strstr (sixteen, "Samlingslederens signatur"));
  kl_test_assert_contains (english, "Signature of the session leader", "Not enrolled", NULL);
}

/* A programme of `n_people` from two schools and `n_sessions` sessions
 * of 3 hours, the first ones held; marks by a rule. */
static gint64
report_programme (Fixture *fixture,
                  guint    n_people,
                  guint    n_sessions,
                  guint    n_future)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clients = kl_store_list_clients (fixture->db, &error);
  g_autofree char *programme_title = NULL;
  g_autoptr(GArray) sessions = g_array_new (FALSE, FALSE, sizeof (gint64));
  KlClient *school_a;
  KlClient *school_b;
  gint64 programme;

  g_assert_no_error (error);
  g_assert_cmpuint (clients->len, >=, 2);
  school_a = g_ptr_array_index (clients, 0);
  school_b = g_ptr_array_index (clients, 1);
  programme_title = g_strdup_printf ("Rapport %u", n_people);
  programme = kl_test_add_programme (fixture->db, school_a->id, programme_title, "2025-01-01", "2099-12-31");
  for (guint i = 0; i < n_sessions; i++)
    {
      guint year = i + n_future >= n_sessions ? 2099 : 2025;
      g_autofree char *title = g_strdup_printf ("Samling %u", i + 1);
      g_autofree char *starts_at = g_strdup_printf ("%u-%02u-10T09:00", year, i % 12 + 1);
      g_autofree char *ends_at = g_strdup_printf ("%u-%02u-10T12:00", year, i % 12 + 1);
      gint64 session = kl_test_add_session_at (fixture->db, programme, title, starts_at, ends_at, "Sandvika");

      g_array_append_val (sessions, session);
    }
  for (guint p = 1; p <= n_people; p++)
    {
      g_autofree char *name = g_strdup_printf ("Deltaker Nummer %02u", p);
      gint64 participant = kl_test_add_participant_at (fixture->db, name, NULL,
                                                       p % 2 ? school_a->id : school_b->id);

      kl_test_enrol (fixture->db, programme, participant);
      /* Person p misses the first (p - 1) % 3 held sessions. */
      for (guint i = 0; i + n_future < n_sessions; i++)
        kl_test_mark (fixture->db, g_array_index (sessions, gint64, i), participant,
                      i < (p - 1) % 3 ? "absent" : "present", 0);
    }
  return programme;
}

static char *
report_path (Fixture *fixture,
             gint64   programme_id,
             KlLang   lang,
             guint   *n_pages)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlPdf) pdf = kl_attendance_report (fixture->db, programme_id, lang, &error);

  g_assert_no_error (error);
  return save (fixture, pdf, n_pages);
}

/* Workplace and certificate columns. Two held sessions of 3 hours and
 * one to come (9 planned hours, 80 %: 7.2 hours): person 1 attended both
 * held (6 h, can reach 9 h: "Not yet"), person 2 missed one (3 h, can
 * reach 6 h < 7.2: "No"). With all three held: person 1 has 9 of 9 hours,
 * "Yes"; person 2 has 6 of 9, 66 %: "No". */
static void
test_attendance_report_columns (Fixture       *fixture,
                                gconstpointer  data)
{
  gint64 running = report_programme (fixture, 2, 3, 1);
  gint64 held = report_programme (fixture, 2, 3, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clients = kl_store_list_clients (fixture->db, &error);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *held_text = NULL;
  g_autofree char *nb_text = NULL;
  g_autofree char *row_one = NULL;
  g_autofree char *row_two = NULL;
  guint n_pages = 0;

  path = report_path (fixture, running, KL_LANG_EN, &n_pages);
  g_assert_cmpuint (n_pages, ==, 1);
  text = kl_test_pdf_raw_text (path);
  kl_test_assert_contains (text, "Workplace", "Certificate", NULL);
  g_assert_nonnull (strstr (text, ((KlClient *) g_ptr_array_index (clients, 0))->name));
  g_assert_nonnull (strstr (text, ((KlClient *) g_ptr_array_index (clients, 1))->name));
  row_one = g_strdup_printf ("100%% Not yet");
  row_two = g_strdup_printf ("50%% No");
  kl_test_assert_contains (text, row_one, row_two, NULL);

  g_free (path);
  path = report_path (fixture, held, KL_LANG_EN, &n_pages);
  held_text = kl_test_pdf_raw_text (path);
  kl_test_assert_contains (held_text, "100% Yes", "67% No", NULL);
  g_assert_null (strstr (held_text, "% Not yet"));   /* the legend names it */

  g_free (path);
  path = report_path (fixture, held, KL_LANG_NB, &n_pages);
  nb_text = kl_test_pdf_raw_text (path);
  kl_test_assert_contains (nb_text, "Arbeidssted", "Kursbevis", "100 % Ja", "67 % Nei", NULL);
}

/* However many people, the page with the legend has the last rows of
 * the grid too: at least four of them, or all when fewer. */
static void
test_attendance_report_no_orphans (Fixture       *fixture,
                                   gconstpointer  data)
{
  const guint sizes[] = { 1, 3, 14, 16, 17, 18, 19, 20, 22, 24, 26, 28, 30, 40 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      gint64 programme = report_programme (fixture, sizes[i], 9, 0);
      guint n_pages = 0;
      g_autofree char *path = report_path (fixture, programme, KL_LANG_EN, &n_pages);
      gboolean found = FALSE;

      for (guint page = 1; page <= n_pages && !found; page++)
        {
          g_autofree char *text = kl_test_pdf_text (path, page);

          if (strstr (text, "✓ present") == NULL)
            continue;
          found = TRUE;
          g_test_message ("%u people: %u pages, %u rows with the legend on page %u", sizes[i], n_pages,
                          kl_test_count_in (text, "Deltaker Nummer"), page);
          g_assert_cmpuint (kl_test_count_in (text, "Deltaker Nummer"), >=, MIN (4, sizes[i]));
          g_assert_nonnull (strstr (text, "Present / enrolled"));
        }
      g_assert_true (found);
    }
}

int
main (int    argc,
      char **argv)
{
  kl_test_init_documents (&argc, &argv);

  if (!kl_test_have_pdftotext ())
    return 77;

  g_test_add ("/sheet/sign-in", Fixture, GUINT_TO_POINTER (1), fixture_set_up, test_sign_in_sheet, fixture_tear_down);
  g_test_add ("/sheet/attendance-report", Fixture, GUINT_TO_POINTER (1), fixture_set_up,
              test_attendance_report_both_ways, fixture_tear_down);
  g_test_add ("/sheet/sign-in-page-counts", Fixture, GUINT_TO_POINTER (0), fixture_set_up, test_sign_in_page_counts,
              fixture_tear_down);
  g_test_add ("/sheet/attendance-report-columns", Fixture, GUINT_TO_POINTER (0), fixture_set_up,
              test_attendance_report_columns, fixture_tear_down);
  g_test_add ("/sheet/attendance-report-no-orphans", Fixture, GUINT_TO_POINTER (0), fixture_set_up,
              test_attendance_report_no_orphans, fixture_tear_down);
  g_test_add ("/sheet/refusals", Fixture, GUINT_TO_POINTER (0), fixture_set_up, test_refusals, fixture_tear_down);
  return g_test_run ();
}
