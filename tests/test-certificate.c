#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "kl-certificate.h"
#include "kl-error.h"
#include "kl-store.h"
#include "kl-test-store.h"
#include "kl-test-util.h"
#include "test-pdf-util.h"

/* Three held sessions of 6 hours. Kari: present, partly present 1.5 h,
 * present: 13.5 of 18 hours, 75 % < 80 %, an attendance statement. Ola:
 * present at all three, a course certificate. Per is enrolled from the
 * third session only: 6 of 6 hours. */
typedef struct
{
  char *dir;
  KlDb *db;
  gint64 programme;
  gint64 kari;
  gint64 ola;
  gint64 per;
} Fixture;

static gint64
make_session (KlDb       *db,
              gint64      programme_id,
              const char *title,
              const char *kind,
              const char *day)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *starts_at = g_strdup_printf ("%sT09:00", day);
  g_autofree char *ends_at = g_strdup_printf ("%sT15:00", day);
  g_autoptr(KlSession) session = kl_test_session_new (programme_id, title, starts_at, ends_at);

  g_free (session->kind);
  session->kind = g_strdup (kind);
  session->location = g_strdup ("Bergen");
  g_assert_true (kl_store_insert_session (db, session, &error));
  g_assert_no_error (error);
  return session->id;
}

static gint64
make_participant (KlDb       *db,
                  gint64      programme_id,
                  const char *name,
                  const char *from)
{
  gint64 id = kl_test_add_participant (db, name, NULL);

  kl_test_enrol_from (db, programme_id, id, from);
  return id;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  gint64 client;
  gint64 sessions[3];

  fixture->dir = kl_test_make_dir ("test-certificate");
  fixture->db = kl_test_open_db (fixture->dir);

  kl_test_set_organisation (fixture->db, "IMTEC Stiftelse", "Storgata 1, 0155 Oslo");

  client = kl_test_add_client (fixture->db, "Bergen kommune", "kommune", 0, NULL);
  fixture->programme = kl_test_add_programme (fixture->db, client, "LED SKOLE Bergen", "2025-01-01", "2025-06-30");

  sessions[0] = make_session (fixture->db, fixture->programme, "Skolebasert vurdering", "fagsamling", "2025-02-03");
  sessions[1] = make_session (fixture->db, fixture->programme, "Ledelse av læringsmiljø", "lederseminar", "2025-03-03");
  sessions[2] = make_session (fixture->db, fixture->programme, "Endringsarbeid i praksis", "fagsamling", "2025-04-07");

  fixture->kari = make_participant (fixture->db, fixture->programme, "Kari Nordmann", NULL);
  fixture->ola = make_participant (fixture->db, fixture->programme, "Ola Ødegård", NULL);
  fixture->per = make_participant (fixture->db, fixture->programme, "Per Vik", "2025-04-01");
  kl_test_mark (fixture->db, sessions[0], fixture->kari, "present", 0);
  kl_test_mark (fixture->db, sessions[1], fixture->kari, "partial", 90);
  kl_test_mark (fixture->db, sessions[2], fixture->kari, "present", 0);
  for (guint i = 0; i < 3; i++)
    kl_test_mark (fixture->db, sessions[i], fixture->ola, "present", 0);
  kl_test_mark (fixture->db, sessions[2], fixture->per, "present", 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kl_test_close_db (&fixture->db, &fixture->dir);
}

static char *
build_text (Fixture *fixture,
            gint64   participant_id,
            KlLang   lang,
            guint   *n_pages)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlPdf) pdf = kl_certificate_build (fixture->db, fixture->programme, participant_id, lang, &error);
  g_autofree char *path = g_build_filename (fixture->dir, "certificate.pdf", NULL);

  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  g_assert_true (kl_pdf_save (pdf, path, n_pages, &error));
  g_assert_no_error (error);
  return kl_test_pdf_text (path, 0);
}

/* Partial attendance counts the hours recorded; 75 % gets a statement. */
static void
test_hours (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = kl_certificate_entries (fixture->db, fixture->programme, 0, &error);
  g_autofree char *kari = NULL;
  g_autofree char *kari_en = NULL;
  g_autofree char *ola = NULL;
  g_autofree char *ola_en = NULL;
  KlCertificateEntry *entry;

  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 3);
  entry = g_ptr_array_index (entries, 0);   /* by name */
  g_assert_cmpstr (entry->name, ==, "Kari Nordmann");
  g_assert_cmpint (entry->attended_minutes, ==, 810);
  g_assert_cmpint (entry->planned_minutes, ==, 1080);
  g_assert_false (entry->certificate);
  entry = g_ptr_array_index (entries, 1);
  g_assert_cmpstr (entry->name, ==, "Ola Ødegård");
  g_assert_true (entry->certificate);
  entry = g_ptr_array_index (entries, 2);
  g_assert_cmpstr (entry->name, ==, "Per Vik");
  g_assert_cmpint (entry->planned_minutes, ==, 360);
  g_assert_true (entry->certificate);

  kari = build_text (fixture, fixture->kari, KL_LANG_NB, NULL);
  g_assert_nonnull (strstr (kari, "Deltakerbevis"));
  g_assert_null (strstr (kari, "Kursbevis"));
  kl_test_assert_contains (kari, "Kari Nordmann", "Deltok 13,5 av 18 timer (75 %)", "LED SKOLE Bergen",
                           "Bergen kommune", "Ledelse av læringsmiljø", "Lederseminar", "Oslo, ", "IMTEC Stiftelse",
                           NULL);

  kari_en = build_text (fixture, fixture->kari, KL_LANG_EN, NULL);
  kl_test_assert_contains (kari_en, "Attendance statement", "Attended 13.5 of 18 hours (75 %)", NULL);

  ola = build_text (fixture, fixture->ola, KL_LANG_NB, NULL);
  kl_test_assert_contains (ola, "Kursbevis", "Ola Ødegård", "Deltok 18 av 18 timer (100 %)", "80 %",
                           "Skolebasert vurdering", "Endringsarbeid i praksis", NULL);

  ola_en = build_text (fixture, fixture->ola, KL_LANG_EN, NULL);
  kl_test_assert_contains (ola_en, "Course certificate", "The course requires 80 % of the planned hours.", NULL);
}

/* Sessions outside the enrolment are neither planned nor listed. */
static void
test_enrolment (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *per = build_text (fixture, fixture->per, KL_LANG_EN, NULL);

  kl_test_assert_contains (per, "Attended 6 of 6 hours (100 %)", "Endringsarbeid i praksis", NULL);
  g_assert_null (strstr (per, "Skolebasert vurdering"));
}

/* Forty sessions still fit a certificate on one page. */
static void
test_long_programme (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *text = NULL;
  guint n_pages = 0;

  for (guint i = 1; i <= 37; i++)
    {
      g_autofree char *day = g_strdup_printf ("2025-%02u-%02u", 5 + (i - 1) / 28, 1 + (i - 1) % 28);
      g_autofree char *title = g_strdup_printf ("Veiledning %u", i);

      make_session (fixture->db, fixture->programme, title, "veiledning", day);
    }
  text = build_text (fixture, fixture->ola, KL_LANG_NB, &n_pages);
  g_assert_cmpuint (n_pages, ==, 1);
  /* Titles that only number the sessions are no theme: the kind and the
   * date say it. */
  kl_test_assert_lacks (text, "Veiledning 37", "Tema", NULL);
  kl_test_assert_contains (text, "28.05.2025", "Deltok 18 av 240 timer (7 %)", "Deltakerbevis", NULL);
}

/* All in one document, one page each. */
static void
test_combined (Fixture       *fixture,
               gconstpointer  data)
{
  guint n_pages = 0;
  g_autofree char *text = build_text (fixture, 0, KL_LANG_NB, &n_pages);

  g_assert_cmpuint (n_pages, ==, 3);
  kl_test_assert_contains (text, "Kari Nordmann", "Ola Ødegård", "Per Vik", NULL);
}

/* One file per person, named for the kind of document. */
static void
test_write_each (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (fixture->dir, "out", "bevis", NULL);
  g_autoptr(GPtrArray) entries = kl_certificate_write_each (fixture->db, fixture->programme, 0, dir, KL_LANG_NB, &error);
  g_autofree char *kari = g_build_filename (dir, "Deltakerbevis-Kari-Nordmann-LED-SKOLE-Bergen.pdf", NULL);
  g_autofree char *ola = g_build_filename (dir, "Kursbevis-Ola-Ødegård-LED-SKOLE-Bergen.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) english = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 3);
  g_assert_cmpstr (((KlCertificateEntry *) entries->pdata[0])->path, ==, kari);
  g_assert_cmpstr (((KlCertificateEntry *) entries->pdata[1])->path, ==, ola);
  g_assert_true (g_file_test (kari, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (ola, G_FILE_TEST_IS_REGULAR));
  text = kl_test_pdf_text (ola, 0);
  g_assert_nonnull (strstr (text, "Kursbevis"));
  g_assert_null (strstr (text, "Kari Nordmann"));

  english = kl_certificate_write_each (fixture->db, fixture->programme, fixture->kari, dir, KL_LANG_EN, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (english->len, ==, 1);
  g_assert_true (g_str_has_suffix (((KlCertificateEntry *) english->pdata[0])->path,
                                   "/Attendance-statement-Kari-Nordmann-LED-SKOLE-Bergen.pdf"));
}

static void
assert_refused (Fixture    *fixture,
                gint64      programme_id,
                gint64      participant_id,
                const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) each_error = NULL;
  g_autofree char *dir = g_build_filename (fixture->dir, "refused", NULL);
  g_autoptr(KlPdf) pdf = kl_certificate_build (fixture->db, programme_id, participant_id, KL_LANG_NB, &error);
  g_autoptr(GPtrArray) entries = kl_certificate_write_each (fixture->db, programme_id, participant_id, dir,
                                                            KL_LANG_NB, &each_error);

  g_assert_null (pdf);
  g_assert_error (error, KL_ERROR, KL_ERROR_INCOMPLETE);
  g_assert_nonnull (strstr (error->message, needle));
  g_assert_null (entries);
  g_assert_error (each_error, KL_ERROR, KL_ERROR_INCOMPLETE);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

static gint64
make_programme (Fixture    *fixture,
                const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlProgramme) original = kl_store_get_programme (fixture->db, fixture->programme, &error);

  g_assert_no_error (error);
  return kl_test_add_programme (fixture->db, original->client_id, title, "2025-01-01", "2099-12-31");
}

/* Nothing to certify, or nobody to issue it: refused, nothing written. */
static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSettings) settings = kl_settings_new ();
  gint64 empty = make_programme (fixture, "Tomt program");
  gint64 future = make_programme (fixture, "Framtidig program");
  gint64 late;

  assert_refused (fixture, 9999, 0, "9999");

  make_session (fixture->db, empty, "Samling 1", "fagsamling", "2025-05-05");
  assert_refused (fixture, empty, 0, "Nobody");

  make_session (fixture->db, future, "Samling 1", "fagsamling", "2098-05-05");
  make_participant (fixture->db, future, "Lise Lund", NULL);
  assert_refused (fixture, future, 0, "held");

  assert_refused (fixture, fixture->programme, 9999, "not enrolled");

  /* Enrolled after the last session: nothing planned, nothing to certify. */
  late = make_participant (fixture->db, fixture->programme, "Siri Sen", "2025-06-01");
  assert_refused (fixture, fixture->programme, late, "Siri Sen");

  settings->address = g_strdup ("Storgata 1, 0155 Oslo");
  g_assert_true (kl_store_save_settings (fixture->db, settings, &error));
  g_assert_no_error (error);
  assert_refused (fixture, fixture->programme, 0, "IMTEC");
}

static void
set_signatory (Fixture    *fixture,
               const char *name,
               const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSettings) settings = kl_store_get_settings (fixture->db, &error);

  g_assert_no_error (error);
  g_free (settings->signatory_name);
  settings->signatory_name = g_strdup (name);
  g_free (settings->signatory_title);
  settings->signatory_title = g_strdup (title);
  g_assert_true (kl_store_save_settings (fixture->db, settings, &error));
  g_assert_no_error (error);
}

/* The words of the page and how far down each stands, from
 * pdftotext -bbox: the largest yMax of a word matching `word`, or of any
 * word for NULL. */
static double
lowest_word (const char *path,
             const char *word)
{
  const char *argv[] = { "pdftotext", "-bbox", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("yMax=\"([0-9.]+)\">([^<]*)</word>", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  int status = -1;
  double lowest = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_regex_match (regex, out, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *y = g_match_info_fetch (match, 1);
      g_autofree char *text = g_match_info_fetch (match, 2);

      if (word == NULL || g_str_equal (text, word))
        lowest = MAX (lowest, g_ascii_strtod (y, NULL));
      g_match_info_next (match, NULL);
    }
  return lowest;
}

/* A certificate as people frame it: the issuer's name and address at the
 * top, the signatory's name and title under the signature at the foot of
 * the page, no software name, no page count. */
static void
test_looks_like_a_certificate (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlPdf) pdf = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "framed.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *english = NULL;
  guint n_pages = 0;

  set_signatory (fixture, "Ingrid Haugen", "Daglig leder");
  pdf = kl_certificate_build (fixture->db, fixture->programme, fixture->ola, KL_LANG_NB, &error);
  g_assert_no_error (error);
  g_assert_true (kl_pdf_save (pdf, path, &n_pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, ==, 1);
  text = kl_test_pdf_text (path, 0);

  kl_test_assert_contains (text, "IMTEC Stiftelse", "Storgata 1, 0155 Oslo", "Ingrid Haugen",
                           "Daglig leder, IMTEC Stiftelse", NULL);
  /* Long dates, the place the sessions were held. */
  kl_test_assert_contains (text, "1. januar 2025 – 30. juni 2025", "Bergen", "Oslo, ", NULL);
  kl_test_assert_lacks (text, "Kartleser", "Utskrevet", "Side 1", NULL);

  /* The signatory stands in the lowest tenth of the A4 page (841.89 pt),
   * so the lower 40 % is not empty. */
  g_assert_cmpfloat (lowest_word (path, "Haugen"), >, 841.89 * 0.85);
  g_assert_cmpfloat (lowest_word (path, NULL), >, 841.89 * 0.85);

  english = build_text (fixture, fixture->ola, KL_LANG_EN, NULL);
  kl_test_assert_contains (english, "1 January 2025 – 30 June 2025", "Daglig leder, IMTEC Stiftelse", NULL);
  kl_test_assert_lacks (english, "Kartleser", "Page 1", NULL);
}

/* Without a signatory in the settings, the line is signed for IMTEC; a
 * signatory kept when other settings are saved without it, cleared by "". */
static void
test_signatory_settings (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSettings) other = kl_settings_new ();
  g_autoptr(KlSettings) read = NULL;
  g_autofree char *unsigned_text = build_text (fixture, fixture->ola, KL_LANG_NB, NULL);
  g_autofree char *cleared_text = NULL;

  g_assert_nonnull (strstr (unsigned_text, "For IMTEC Stiftelse"));

  set_signatory (fixture, "Ingrid Haugen", "Daglig leder");
  /* As the preferences save IMTEC's details: without the signatory. */
  other->name = g_strdup ("IMTEC Stiftelse");
  other->address = g_strdup ("Storgata 1, 0155 Oslo");
  g_assert_true (kl_store_save_settings (fixture->db, other, &error));
  g_assert_no_error (error);
  read = kl_store_get_settings (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->signatory_name, ==, "Ingrid Haugen");
  g_assert_cmpstr (read->signatory_title, ==, "Daglig leder");

  set_signatory (fixture, "", "");
  g_clear_pointer (&read, kl_settings_free);
  read = kl_store_get_settings (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_null (read->signatory_name);
  g_assert_null (read->signatory_title);
  cleared_text = build_text (fixture, fixture->ola, KL_LANG_NB, NULL);
  g_assert_nonnull (strstr (cleared_text, "For IMTEC Stiftelse"));
  g_assert_null (strstr (cleared_text, "Ingrid Haugen"));
}

/* What the programme was about comes from its record: the goals and how
 * it got there; sessions only numbered ("Samling 1") get no theme column. */
static void
test_content_summary (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlProgramme) programme = kl_store_get_programme (fixture->db, fixture->programme, &error);
  g_autofree char *text = NULL;
  g_autofree char *numbered_text = NULL;
  g_autofree char *flat = NULL;
  gint64 numbered;
  gint64 person;

  g_assert_no_error (error);
  programme->goals = g_strdup ("Felles forståelse av god ledelse av læring.");
  programme->q_process = g_strdup ("Tre fagsamlinger med oppgaver mellom samlingene.");
  g_assert_true (kl_store_update_programme (fixture->db, programme, &error));
  g_assert_no_error (error);
  text = build_text (fixture, fixture->ola, KL_LANG_NB, NULL);
  flat = kl_test_flatten (text);
  g_assert_nonnull (strstr (text, "Innhold"));
  kl_test_assert_contains (flat, "Fellesforståelseavgodledelseavlæring.", "Trefagsamlingermedoppgavermellomsamlingene.",
                           NULL);
  /* Themes that say something keep their column. */
  kl_test_assert_contains (text, "Tema", "Skolebasert vurdering", NULL);

  numbered = make_programme (fixture, "LED SKOLE Voss");
  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *title = g_strdup_printf ("Samling %u", i);
      g_autofree char *day = g_strdup_printf ("2025-0%u-10", i + 1);

      make_session (fixture->db, numbered, title, "fagsamling", day);
    }
  person = make_participant (fixture->db, numbered, "Liv Lie", NULL);
  {
    g_autoptr(KlPdf) pdf = kl_certificate_build (fixture->db, numbered, person, KL_LANG_NB, &error);
    g_autofree char *path = g_build_filename (fixture->dir, "numbered.pdf", NULL);

    g_assert_no_error (error);
    g_assert_true (kl_pdf_save (pdf, path, NULL, &error));
    g_assert_no_error (error);
    numbered_text = kl_test_pdf_text (path, 0);
  }
  g_assert_nonnull (strstr (numbered_text, "Liv Lie"));
  kl_test_assert_lacks (numbered_text, "Samling 1", "Tema", NULL);
  g_assert_null (strstr (numbered_text, "Innhold"));   /* its record has no goals */
  g_assert_nonnull (strstr (numbered_text, "Fagsamling"));
}

int
main (int    argc,
      char **argv)
{
  kl_test_init_documents (&argc, &argv);

  if (!kl_test_have_pdftotext ())
    return 77;

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/certificate/hours", test_hours);
  ADD ("/certificate/enrolment", test_enrolment);
  ADD ("/certificate/long-programme", test_long_programme);
  ADD ("/certificate/combined", test_combined);
  ADD ("/certificate/write-each", test_write_each);
  ADD ("/certificate/refusals", test_refusals);
  ADD ("/certificate/looks-like-a-certificate", test_looks_like_a_certificate);
  ADD ("/certificate/signatory-settings", test_signatory_settings);
  ADD ("/certificate/content-summary", test_content_summary);
#undef ADD
  return g_test_run ();
}
