#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "kl-csv-export.h"
#include "kl-db-private.h"
#include "kl-error.h"
#include "kl-import.h"
#include "kl-store.h"
#include "kl-test-store.h"
#include "kl-test-util.h"

/* Participant import from the fixtures in tests/data/import, and the CSV
 * exports: what is added, matched and skipped, and that a refused or
 * crashed import leaves the database as it was. */

typedef struct
{
  char *dir;
  char *path;
  KlDb *db;
  gint64 kommune;
  gint64 bekkestua;
  gint64 hovik;
  gint64 programme;
  gint64 kari;
  gint64 per;
} Fixture;

/* A municipality with two schools, a programme, Kari (with an e-mail) and
 * Per (without one, already enrolled). */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = kl_test_make_dir ("test-import");
  fixture->db = kl_test_open_db_at (fixture->dir, &fixture->path);
  fixture->kommune = kl_test_add_client (fixture->db, "Bærum kommune", "kommune", 0, "988077917");
  fixture->bekkestua = kl_test_add_client (fixture->db, "Bekkestua skole", "skole", fixture->kommune, NULL);
  fixture->hovik = kl_test_add_client (fixture->db, "Høvik skole", "skole", fixture->kommune, NULL);
  fixture->programme = kl_test_add_programme (fixture->db, fixture->kommune, "LED SKOLE Bærum",
                                              "2025-08-15", "2026-06-15");
  fixture->kari = kl_test_add_participant_at (fixture->db, "Kari Nordmann", "kari.nordmann@baerum.kommune.no",
                                              fixture->bekkestua);
  fixture->per = kl_test_add_participant_at (fixture->db, "Per Ås", NULL, fixture->hovik);
  kl_test_enrol (fixture->db, fixture->programme, fixture->per);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kl_test_close_db (&fixture->db, &fixture->dir);
  g_free (fixture->path);
}

/* Participants and enrolments, and a digest of every participant row. */
static char *
snapshot (KlDb *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlStmt) stmt = kl_db_query (db, &error,
                                        "SELECT group_concat(id || name || coalesce(email, '') || coalesce(phone, '') "
                                        "|| coalesce(workplace_id || '', ''), '|') FROM participant", NULL);
  g_autofree char *rows = NULL;

  g_assert_true (kl_stmt_next (stmt, &error));
  rows = kl_stmt_text (stmt, 0);
  return g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s",
                          kl_test_count (db, "SELECT count(*) FROM participant"),
                          kl_test_count (db, "SELECT count(*) FROM enrolment"), rows);
}

static KlImportPlan *
plan_fixture (Fixture     *fixture,
              const char  *name,
              GError     **error)
{
  g_autofree char *path = kl_test_import_file (name);

  return kl_import_plan_file (fixture->db, fixture->programme, path, error);
}

static KlImportPlan *
plan_text (Fixture    *fixture,
           const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlCsvTable) table = kl_csv_parse (text, strlen (text), "inline.csv", &error);
  KlImportPlan *plan;

  g_assert_no_error (error);
  plan = kl_import_plan_table (fixture->db, fixture->programme, table, "inline.csv", &error);
  g_assert_no_error (error);
  return plan;
}

static KlImportRow *
row_at (KlImportPlan *plan,
        guint         index)
{
  g_assert_cmpuint (index, <, plan->rows->len);
  return g_ptr_array_index (plan->rows, index);
}

static void
assert_problem (KlImportRow *row,
                const char  *needle)
{
  g_autofree char *problems = kl_import_row_describe_problems (row);

  if (strstr (problems, needle) == NULL)
    g_error ("line %u: expected “%s” in “%s”", row->line, needle, problems);
}

/* Excel's semicolons in Windows-1252, Fornavn + Etternavn, matches by
 * e-mail (in another case) and by name and workplace. */
static void
test_windows_1252 (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlImportPlan) plan = plan_fixture (fixture, "excel-windows-1252.csv", &error);
  g_auto(KlImportResult) result = { 0 };
  g_autoptr(KlParticipant) kari = NULL;
  g_autoptr(GPtrArray) enrolled = NULL;
  KlImportRow *row;

  g_assert_no_error (error);
  g_assert_cmpuint (plan->rows->len, ==, 4);
  g_assert_cmpuint (plan->n_new, ==, 2);
  g_assert_cmpuint (plan->n_matched, ==, 2);
  g_assert_cmpuint (plan->n_skipped, ==, 0);
  g_assert_cmpuint (plan->n_errors, ==, 0);
  g_assert_cmpuint (plan->n_warnings, ==, 1);

  row = row_at (plan, 0);
  g_assert_cmpuint (row->line, ==, 2);
  g_assert_cmpint (row->action, ==, KL_IMPORT_MATCHED);
  g_assert_cmpint (row->participant->id, ==, fixture->kari);
  g_assert_false (row->enrolled);
  g_assert_cmpstr (row->participant->phone, ==, "912 34 567");
  row = row_at (plan, 1);
  g_assert_cmpint (row->action, ==, KL_IMPORT_MATCHED);
  g_assert_cmpint (row->participant->id, ==, fixture->per);
  g_assert_true (row->enrolled);
  /* "Inspektør" is the usual role "inspektør". */
  g_assert_cmpstr (row->participant->role, ==, "inspektør");
  row = row_at (plan, 2);
  g_assert_cmpuint (row->line, ==, 4);
  g_assert_cmpint (row->action, ==, KL_IMPORT_NEW);
  g_assert_cmpstr (row->participant->name, ==, "Åse Bjørkø");
  g_assert_cmpstr (row->participant->phone, ==, "+47 913 00 000");
  g_assert_cmpstr (row->participant->role, ==, "avdelingsleder");
  /* "høvik  SKOLE" is the client Høvik skole. */
  g_assert_cmpint (row->participant->workplace_id, ==, fixture->hovik);
  g_assert_cmpuint (row->problems->len, ==, 0);
  row = row_at (plan, 3);
  g_assert_cmpint (row->action, ==, KL_IMPORT_NEW);
  g_assert_cmpstr (row->participant->name, ==, "Øystein Lærum");
  g_assert_cmpint (row->participant->workplace_id, ==, 0);
  assert_problem (row, "Workplace “Stabekk skole” is not among the clients");
  g_assert_false (kl_import_row_has_error (row));

  g_assert_true (kl_import_apply (fixture->db, plan, FALSE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.added, ==, 2);
  g_assert_cmpuint (result.enrolled, ==, 3);
  g_assert_cmpuint (result.updated, ==, 2);  /* Kari: phone and role; Per: role */
  g_assert_cmpuint (result.created_ids->len, ==, 2);
  g_assert_cmpint (kl_test_count (fixture->db, "SELECT count(*) FROM participant"), ==, 4);
  enrolled = kl_store_list_participants (fixture->db, fixture->programme, &error);
  g_assert_cmpuint (enrolled->len, ==, 4);
  g_assert_cmpint (kl_test_count (fixture->db,
                                  "SELECT count(*) FROM participant p JOIN enrolment e ON e.participant_id = p.id "
                                               "WHERE p.name IN ('Åse Bjørkø', 'Øystein Lærum')"), ==, 2);
  /* Kari keeps her stored e-mail; her empty phone and role are filled. */
  kari = kl_store_get_participant (fixture->db, fixture->kari, &error);
  g_assert_cmpstr (kari->email, ==, "kari.nordmann@baerum.kommune.no");
  g_assert_cmpstr (kari->phone, ==, "912 34 567");
  g_assert_cmpstr (kari->role, ==, "rektor");

  /* The same file again changes nothing. */
  g_clear_pointer (&plan, kl_import_plan_free);
  kl_import_result_clear (&result);
  plan = plan_fixture (fixture, "excel-windows-1252.csv", &error);
  g_assert_cmpuint (plan->n_new, ==, 0);
  g_assert_cmpuint (plan->n_matched, ==, 4);
  g_assert_true (kl_import_apply (fixture->db, plan, FALSE, &result, &error));
  g_assert_cmpuint (result.added + result.enrolled + result.updated, ==, 0);
  g_assert_cmpint (kl_test_count (fixture->db, "SELECT count(*) FROM participant"), ==, 4);
}

static void
test_headers (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlImportPlan) bom = plan_fixture (fixture, "utf8-bom.csv", &error);
  g_autoptr(KlImportPlan) english = NULL;
  g_autoptr(KlImportPlan) extra = NULL;
  KlImportRow *row;

  g_assert_no_error (error);
  g_assert_cmpuint (bom->n_new, ==, 2);
  row = row_at (bom, 0);
  g_assert_cmpstr (row->participant->name, ==, "Ingrid Sæther");
  g_assert_cmpstr (row->participant->email, ==, "ingrid@example.no");
  g_assert_cmpstr (row->participant->role, ==, "rektor");
  g_assert_cmpint (row->participant->workplace_id, ==, fixture->bekkestua);
  g_assert_null (row->participant->phone);
  g_assert_cmpuint (bom->notes->len, ==, 0);

  /* English headers, any case and order, spaces around them. */
  english = plan_fixture (fixture, "english-comma.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (english->n_new, ==, 2);
  row = row_at (english, 0);
  g_assert_cmpstr (row->participant->name, ==, "Hansen, Hanne");
  g_assert_cmpstr (row->participant->email, ==, "hanne@example.no");
  g_assert_cmpstr (row->participant->role, ==, "Teacher, maths");
  g_assert_cmpstr (row->participant->phone, ==, "99887766");
  g_assert_cmpint (row->participant->workplace_id, ==, fixture->bekkestua);
  row = row_at (english, 1);
  g_assert_cmpstr (row->participant->name, ==, "Ola Dunk");
  g_assert_cmpstr (row->participant->role, ==, "Rector");
  g_assert_cmpuint (row->problems->len, ==, 0);

  /* Columns that mean nothing here are named, not guessed at; a second
   * phone column fills in when the first is empty. */
  extra = plan_text (fixture, "NAVN;Favorittfarge;Telefon;Mobil\nAnne Lund;blå;;404 04 040\n");
  g_assert_cmpuint (extra->notes->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (extra->notes, 0), ==, "Columns not imported: Favorittfarge");
  g_assert_cmpstr (row_at (extra, 0)->participant->phone, ==, "404 04 040");
}

/* A title line above the headings, and commas in a file whose first line
 * has none. */
static void
test_title_above_headings (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(KlImportPlan) plan = plan_text (fixture,
                                            "Påmeldte til samling 1\n"
                                            "\n"
                                            "Fornavn,Etternavn,Skole,Stilling\n"
                                            "Anne,Lund,Bekkestua skole,\"Lærer, norsk\"\n");

  g_assert_cmpint (plan->separator, ==, ',');
  g_assert_cmpuint (plan->rows->len, ==, 1);
  g_assert_cmpuint (row_at (plan, 0)->line, ==, 4);
  g_assert_cmpstr (row_at (plan, 0)->participant->name, ==, "Anne Lund");
  g_assert_cmpstr (row_at (plan, 0)->participant->role, ==, "Lærer, norsk");
  g_assert_cmpint (row_at (plan, 0)->participant->workplace_id, ==, fixture->bekkestua);
  g_assert_cmpstr (g_ptr_array_index (plan->notes, 0), ==,
                   "Column headings on line 3; the lines above them are left out");
}

static void
test_embedded_newlines (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlImportPlan) plan = plan_fixture (fixture, "embedded-newlines.csv", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (plan->rows->len, ==, 2);
  g_assert_cmpuint (row_at (plan, 0)->line, ==, 2);
  /* A line break inside a cell becomes a space in a one-line field. */
  g_assert_cmpstr (row_at (plan, 0)->participant->role, ==, "Rektor (konstituert)");
  g_assert_cmpuint (row_at (plan, 1)->line, ==, 4);
  g_assert_cmpstr (row_at (plan, 1)->participant->role, ==, "Lærer; norsk");
  g_assert_cmpint (row_at (plan, 1)->participant->workplace_id, ==, fixture->hovik);
}

/* Spaces, no-break ones too, are tidied; letters that share a byte with a
 * no-break space (à is C3 A0, Š is C5 A0) are kept whole (found by
 * fuzz-csv-import: they came out as invalid UTF-8). */
static void
test_names_tidied_letters_kept (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(KlImportPlan) plan = plan_text (fixture, "Navn;E-post\n"
                                                     "  Ana\302\240\302\240Šimić ;ana@example.no\n"
                                                     "Mària   Sørensen;maria@example.no\n");

  g_assert_cmpuint (plan->rows->len, ==, 2);
  g_assert_cmpstr (row_at (plan, 0)->participant->name, ==, "Ana Šimić");
  g_assert_cmpstr (row_at (plan, 1)->participant->name, ==, "Mària Sørensen");
}

/* Errors import nothing, unless the user skips the bad rows. */
static void
test_broken_rows (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlImportPlan) plan = plan_fixture (fixture, "broken-rows.csv", &error);
  g_auto(KlImportResult) result = { 0 };
  g_autofree char *before = snapshot (fixture->db);
  g_autofree char *after = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (plan->rows->len, ==, 4);
  g_assert_cmpuint (plan->n_errors, ==, 2);
  g_assert_cmpuint (plan->n_skipped, ==, 2);
  g_assert_cmpuint (plan->n_new, ==, 2);
  g_assert_cmpuint (row_at (plan, 1)->line, ==, 3);
  assert_problem (row_at (plan, 1), "No name");
  g_assert_cmpuint (row_at (plan, 2)->line, ==, 4);
  assert_problem (row_at (plan, 2), "“jon@@example” is not an e-mail address");
  g_assert_cmpint (row_at (plan, 2)->action, ==, KL_IMPORT_SKIPPED);

  g_assert_false (kl_import_apply (fixture->db, plan, FALSE, &result, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_FILE);
  g_assert_cmpstr (error->message, ==,
                   "broken-rows.csv: 2 rows have errors, so nothing was imported; "
                   "correct the file or skip the bad rows");
  after = snapshot (fixture->db);
  g_assert_cmpstr (after, ==, before);
  g_clear_error (&error);

  g_assert_true (kl_import_apply (fixture->db, plan, TRUE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.added, ==, 2);
  g_assert_cmpuint (result.enrolled, ==, 2);
  g_assert_cmpint (kl_test_count (fixture->db,
                                  "SELECT count(*) FROM participant WHERE name IN ('Marit Lie', 'Siv Dahl')"),
                   ==, 2);
  g_assert_cmpint (kl_test_count (fixture->db, "SELECT count(*) FROM participant WHERE email = 'nobody@example.no' "
                                               "OR name = 'Jon Feil'"), ==, 0);
}

static void
assert_file_refused (Fixture    *fixture,
                     const char *name,
                     const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlImportPlan) plan = plan_fixture (fixture, name, &error);

  g_assert_null (plan);
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_FILE);
  if (strstr (error->message, needle) == NULL)
    g_error ("expected “%s” in: %s", needle, error->message);
}

static void
test_bad_files (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *before = snapshot (fixture->db);
  g_autofree char *after = NULL;

  assert_file_refused (fixture, "empty.csv", "empty.csv is empty");
  assert_file_refused (fixture, "binary.csv", "binary.csv is not a text file");
  assert_file_refused (fixture, "unterminated-quote.csv", "unterminated-quote.csv, line 3: a quoted field is never closed");
  assert_file_refused (fixture, "no-name-column.csv",
                       "no-name-column.csv, line 1: no column with the participants’ names");
  assert_file_refused (fixture, "no-name-column.csv", "the first line has: E-post, Telefon, Skole");
  assert_file_refused (fixture, "header-only.csv", "header-only.csv has a header line but no participants");
  after = snapshot (fixture->db);
  g_assert_cmpstr (after, ==, before);
}

static void
test_duplicates_in_file (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(KlImportPlan) plan = plan_text (fixture,
                                            "Navn;E-post;Skole\n"
                                            "Anne Lund;anne@example.no;Høvik skole\n"
                                            "Anne Lund;ANNE@example.no;Høvik skole\n"
                                            "Bo Ek;;Høvik skole\n"
                                            "bo  ek;;høvik skole\n");

  g_assert_cmpuint (plan->n_new, ==, 2);
  g_assert_cmpuint (plan->n_skipped, ==, 2);
  g_assert_cmpuint (plan->n_errors, ==, 0);
  g_assert_cmpint (row_at (plan, 1)->action, ==, KL_IMPORT_SKIPPED);
  assert_problem (row_at (plan, 1), "The same person as on line 2");
  assert_problem (row_at (plan, 3), "The same person as on line 4");
}

/* A school's shared address, and an address already stored under
 * another name: both are pointed out, not silently merged. */
static void
test_shared_email (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(KlImportPlan) plan = plan_text (fixture,
                                            "Navn;E-post\n"
                                            "Anne Lund;post@skole.no\n"
                                            "Bo Ek;post@skole.no\n"
                                            "Kari Hansen;kari.nordmann@baerum.kommune.no\n");

  g_assert_cmpint (row_at (plan, 1)->action, ==, KL_IMPORT_SKIPPED);
  assert_problem (row_at (plan, 1), "The same e-mail address as line 2 (Anne Lund); skipped");
  g_assert_cmpint (row_at (plan, 2)->action, ==, KL_IMPORT_MATCHED);
  g_assert_cmpint (row_at (plan, 2)->participant->id, ==, fixture->kari);
  g_assert_cmpstr (row_at (plan, 2)->participant->name, ==, "Kari Nordmann");
  assert_problem (row_at (plan, 2), "The e-mail address is that of “Kari Nordmann”, who keeps that name");
  g_assert_cmpuint (plan->n_warnings, ==, 2);
}

/* A row that fails while being written (its workplace was deleted after
 * the plan was made) takes the rows before it back with it. */
static void
test_failure_half_way (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlImportPlan) plan = NULL;
  gint64 jar = kl_test_add_client (fixture->db, "Jar skole", "skole", fixture->kommune, NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  plan = plan_text (fixture, "Navn;E-post;Skole\n"
                             "A A;a@example.no;Høvik skole\n"
                             "B B;b@example.no;Høvik skole\n"
                             "C C;c@example.no;Jar skole\n");
  g_assert_cmpint (row_at (plan, 2)->participant->workplace_id, ==, jar);
  g_assert_true (kl_store_delete_client (fixture->db, jar, &error));
  before = snapshot (fixture->db);

  g_assert_false (kl_import_apply (fixture->db, plan, FALSE, NULL, &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "inline.csv, line 4: Workplace"));
  after = snapshot (fixture->db);
  g_assert_cmpstr (after, ==, before);
}

static int
abort_on_third_insert_cb (void          *data,
                          int            operation,
                          const char    *database,
                          const char    *table,
                          sqlite3_int64  rowid)
{
  static int inserts = 0;

  if (operation == SQLITE_INSERT && g_str_equal (table, "participant") && ++inserts == 3)
    abort ();
  return 0;
}

/* The process dies after two of four participants were written: the file
 * on disk still holds what it held before. */
static void
test_crash_half_way (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *text = "Navn;E-post\nA A;a@example.no\nB B;b@example.no\nC C;c@example.no\nD D;d@example.no\n";

  /* The crash is made with SQLite's update hook; a server rolls back a
   * client that dies as any other. */
  if (kl_test_on_server ())
    {
      g_test_skip ("the crash is made through SQLite's update hook");
      return;
    }
  if (g_test_subprocess ())
    {
      g_autoptr(KlImportPlan) plan = NULL;

      /* The child made a fixture of its own: it works on the parent's. */
      g_clear_object (&fixture->db);
      fixture->db = kl_db_open (g_getenv ("KL_TEST_IMPORT_DB"), NULL);
      plan = plan_text (fixture, text);

      sqlite3_update_hook (kl_db_get_handle (fixture->db), (void *) abort_on_third_insert_cb, NULL);
      kl_import_apply (fixture->db, plan, FALSE, NULL, NULL);
      return;
    }
  before = snapshot (fixture->db);
  g_clear_object (&fixture->db);
  g_setenv ("KL_TEST_IMPORT_DB", fixture->path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  fixture->db = kl_db_open (fixture->path, NULL);
  g_assert_nonnull (fixture->db);
  after = snapshot (fixture->db);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (kl_test_count (fixture->db, "SELECT count(*) FROM participant WHERE name = 'A A'"), ==, 0);
}

/* Exports */

static void
test_formula_strings (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlImportPlan) plan = plan_fixture (fixture, "formula.csv", &error);
  g_autoptr(GBytes) csv = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  /* Stored as written: it is the export that must not let them run. */
  g_assert_cmpstr (row_at (plan, 0)->participant->name, ==, "=HYPERLINK(\"http://evil.example\";\"Klikk\")");
  g_assert_true (kl_import_apply (fixture->db, plan, FALSE, NULL, &error));
  g_assert_no_error (error);

  csv = kl_csv_export_participants (fixture->db, fixture->programme, KL_LANG_NB, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv));
  g_assert_cmpstr (text, ==,
                   "\xef\xbb\xbf" "Navn;E-post;Telefon;Rolle;Arbeidssted\r\n"
                   "'+Nils Pluss;nils@example.no;;'-rektor;\r\n"
                   "\"'=HYPERLINK(\"\"http://evil.example\"\";\"\"Klikk\"\")\";eve@example.no;;'@SUM(1+1);\r\n"
                   "Per Ås;;;;Høvik skole\r\n");
}

static void
test_attendance_export (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char expected[] =
    "\xef\xbb\xbf" "Navn;Arbeidssted;01.09.2025 Samling 1;01.10.2025 Samling 2;01.03.2026 Samling 3;Oppmøte\r\n"
    "Kari Nordmann;Bekkestua skole;Til stede;\"Delvis til stede (2,5 t)\";;71 %\r\n"
    "Per Ås;Høvik skole;Fraværende;Gyldig fravær;;0 %\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) nb = NULL;
  g_autoptr(GBytes) en = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "oppmøte.csv", NULL);
  g_autofree char *written = NULL;
  gsize length;
  gint64 first, second;

  kl_test_enrol (fixture->db, fixture->programme, fixture->kari);
  first = kl_test_add_session (fixture->db, fixture->programme, "Samling 1", "2025-09-01T09:00", "2025-09-01T15:00");
  second = kl_test_add_session (fixture->db, fixture->programme, "Samling 2", "2025-10-01T09:00", "2025-10-01T15:00");
  kl_test_add_session (fixture->db, fixture->programme, "Samling 3", "2026-03-01T09:00", "2026-03-01T15:00");
  kl_test_mark (fixture->db, first, fixture->kari, "present", 0);
  kl_test_mark (fixture->db, second, fixture->kari, "partial", 150);
  kl_test_mark (fixture->db, first, fixture->per, "absent", 0);
  kl_test_mark (fixture->db, second, fixture->per, "excused", 0);

  /* On 1 January 2026 two sessions count: Kari (1 + 2.5/6) / 2 = 71 %. */
  nb = kl_csv_export_attendance (fixture->db, fixture->programme, KL_LANG_NB, "2026-01-01T00:00", &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (nb, NULL), g_bytes_get_size (nb), expected, sizeof expected - 1);
  en = kl_csv_export_attendance (fixture->db, fixture->programme, KL_LANG_EN, "2026-01-01T00:00", &error);
  g_assert_nonnull (strstr (g_bytes_get_data (en, NULL), "Kari Nordmann;Bekkestua skole;Present;Partly present (2.5 h);;71%\r\n"));

  g_assert_true (kl_csv_export_write (nb, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &written, &length, NULL));
  g_assert_cmpmem (written, length, g_bytes_get_data (nb, NULL), g_bytes_get_size (nb));
}

static void
test_email_list (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *list = NULL;
  guint without = 99;

  kl_test_enrol (fixture->db, fixture->programme, fixture->kari);
  kl_test_enrol (fixture->db, fixture->programme,
                 kl_test_add_participant_at (fixture->db, "Anne Lund", "anne@example.no", fixture->hovik));
  list = kl_csv_export_email_list (fixture->db, fixture->programme, &without, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (list, ==, "anne@example.no; kari.nordmann@baerum.kommune.no");
  g_assert_cmpuint (without, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  kl_test_init_translated (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/import/windows-1252", test_windows_1252);
  ADD ("/import/headers", test_headers);
  ADD ("/import/title-above-headings", test_title_above_headings);
  ADD ("/import/embedded-newlines", test_embedded_newlines);
  ADD ("/import/names-tidied-letters-kept", test_names_tidied_letters_kept);
  ADD ("/import/broken-rows", test_broken_rows);
  ADD ("/import/bad-files", test_bad_files);
  ADD ("/import/duplicates-in-file", test_duplicates_in_file);
  ADD ("/import/shared-email", test_shared_email);
  ADD ("/import/failure-half-way", test_failure_half_way);
  ADD ("/import/crash-half-way", test_crash_half_way);
  ADD ("/csv-export/formula-strings", test_formula_strings);
  ADD ("/csv-export/attendance", test_attendance_export);
  ADD ("/csv-export/email-list", test_email_list);
#undef ADD
  return g_test_run ();
}
