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
  g_autofree char *path = NULL;

  fixture->dir = kl_test_make_dir ("test-sheet");
  path = kl_test_db_location (fixture->dir);
  fixture->db = kl_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (kl_demo_fill (fixture->db, GPOINTER_TO_UINT (data), &error));
  g_assert_no_error (error);
  fixture->largest = kl_demo_largest_programme (fixture->db, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->db);
  kl_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
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
  g_autoptr(KlEnrolment) enrolment = kl_enrolment_new ();
  g_autoptr(GError) error = NULL;
  GString *name = g_string_new (AWKWARD " ");

  while (g_utf8_strlen (name->str, -1) < 200)
    g_string_append (name, "Haraldsen-");
  participant->name = g_string_free (name, FALSE);
  participant->role = g_strdup ("rektor");
  g_assert_true (kl_store_insert_participant (db, participant, &error));
  g_assert_no_error (error);
  enrolment->programme_id = programme_id;
  enrolment->participant_id = participant->id;
  g_assert_true (kl_store_enrol (db, enrolment, &error));
  g_assert_no_error (error);
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
  g_assert_nonnull (strstr (text, AWKWARD));
  g_assert_nonnull (strstr (text, "Oppmøteliste"));
  g_assert_nonnull (strstr (text, session->title));
  g_assert_nonnull (strstr (text, "Samlingslederens signatur"));
  /* Name and workplace only: no roles on a sheet that goes round. */
  g_assert_nonnull (strstr (text, "Arbeidssted"));
  g_assert_null (strstr (text, "rektor"));
  info = kl_test_pdf_info (path);
  g_assert_nonnull (strstr (info, "595.28 x 841.89 pts (A4)"));
  g_assert_nonnull (strstr (info, "Creator:         Kartleser"));

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
          g_assert_nonnull (strstr (page, "Participant\n"));
          g_assert_nonnull (strstr (page, "Rate"));
        }
    }
  g_assert_true (later_rows);
  g_assert_true (later_sessions);

  /* The last page ends the last band with its session counts. */
  last = kl_test_pdf_text (path, n_pages);
  g_assert_nonnull (strstr (last, "Present / enrolled"));
  g_assert_nonnull (strstr (last, "of 40"));
}

/* What cannot be made is refused with the reason, and nothing is written. */
static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlProgramme) programme = kl_store_get_programme (fixture->db, fixture->largest, &error);
  g_autoptr(KlProgramme) empty = kl_programme_new ();
  KlPdf *pdf;

  pdf = kl_sheet_sign_in (fixture->db, 987654, KL_LANG_NB, &error);
  g_assert_null (pdf);
  g_assert_error (error, KL_ERROR, KL_ERROR_INCOMPLETE);
  g_assert_nonnull (strstr (error->message, "987654"));
  g_clear_error (&error);

  pdf = kl_attendance_report (fixture->db, 987654, KL_LANG_NB, &error);
  g_assert_null (pdf);
  g_assert_error (error, KL_ERROR, KL_ERROR_INCOMPLETE);
  g_clear_error (&error);

  empty->client_id = programme->client_id;
  empty->title = g_strdup ("Tomt program");
  empty->kind = g_strdup ("led-skole");
  empty->status = g_strdup ("planned");
  empty->start_date = g_strdup ("2026-01-01");
  empty->end_date = g_strdup ("2026-06-30");
  g_assert_true (kl_store_insert_programme (fixture->db, empty, &error));
  g_assert_no_error (error);
  pdf = kl_attendance_report (fixture->db, empty->id, KL_LANG_NB, &error);
  g_assert_null (pdf);
  g_assert_error (error, KL_ERROR, KL_ERROR_INCOMPLETE);
  g_assert_nonnull (strstr (error->message, "Tomt program"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  kl_test_bind_translations ();
  g_unsetenv ("LANGUAGE");

  if (g_find_program_in_path ("pdftotext") == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return 77;
    }

  g_test_add ("/sheet/sign-in", Fixture, GUINT_TO_POINTER (1), fixture_set_up, test_sign_in_sheet, fixture_tear_down);
  g_test_add ("/sheet/attendance-report", Fixture, GUINT_TO_POINTER (1), fixture_set_up,
              test_attendance_report_both_ways, fixture_tear_down);
  g_test_add ("/sheet/refusals", Fixture, GUINT_TO_POINTER (0), fixture_set_up, test_refusals, fixture_tear_down);
  return g_test_run ();
}
