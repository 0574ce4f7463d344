/* Personal data through kartleser-cli: one person's data on request,
 * correction, anonymisation that leaves every figure and sealed document
 * as it was and the old values nowhere in the file, and retention. On the
 * demo data, on a fixed day (KARTLESER_NOW). */

#include <glib.h>
#include <string.h>

#include "kl-test-cli.h"
#include "kl-test-server.h"
#include "kl-test-util.h"

#define NAME "Zelda Quistgaard"
#define EMAIL "zelda.quistgaard@vlfk.example"
#define PHONE "+47 912 34 567"

typedef struct
{
  char *dir;
  char *db;
  char *zelda;
} Fixture;

/* The demo, and Zelda enrolled in LED SKOLE Vestland (programme 1) with a
 * mark at its first seminar (session 1, held). */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_setenv ("KARTLESER_NOW", "2026-12-02T10:00", TRUE);
  fixture->dir = kl_test_make_dir ("test-cli-privacy");
  fixture->db = kl_test_db_location_named (fixture->dir, "test.db");
  kl_test_cli_ok (fixture->db, "demo");
  fixture->zelda = kl_test_cli_create (fixture->db, "participant", "add", "--name", NAME, "--email", EMAIL,
                                       "--phone", PHONE, "--role", "rektor", "--notes", "Foretrekker e-post");
  g_free (kl_test_cli_create (fixture->db, "enrol", "--programme", "1", "--participant", fixture->zelda));
  kl_test_cli_ok (fixture->db, "attend", "--session", "1", "--participant", fixture->zelda, "--status",
            "present");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kl_test_cli_clear_dir (&fixture->dir, &fixture->db);
  g_free (fixture->zelda);
  g_unsetenv ("KARTLESER_NOW");
}

/* Everything about Zelda, and nobody else. */
static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "zelda.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(JsonObject) root = NULL;
  JsonObject *person;
  JsonArray *marks;

  g_free (kl_test_cli_out (fixture->db, "participant", "export", fixture->zelda, "--output", path));
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  root = kl_test_cli_parse_object (text);
  person = json_object_get_object_member (root, "participant");
  g_assert_cmpstr (json_object_get_string_member (person, "name"), ==, NAME);
  g_assert_cmpstr (json_object_get_string_member (person, "email"), ==, EMAIL);
  g_assert_cmpstr (json_object_get_string_member (person, "phone"), ==, PHONE);
  g_assert_cmpstr (json_object_get_string_member (person, "notes"), ==, "Foretrekker e-post");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "enrolments")), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (root, "enrolments"), 0), "programme"), ==, "LED SKOLE Vestland");
  marks = json_object_get_array_member (root, "attendance");
  g_assert_cmpuint (json_array_get_length (marks), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (marks, 0), "status"), ==, "present");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "certificates")), ==, 1);
  /* The mark's insert is in the trail; the demo's own marks are nobody's. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "audit")), ==, 1);
  /* Nobody else: another participant's name and address are not there. */
  kl_test_assert_lacks (text, "@baerum.kommune.no", "Samling 2\"", NULL);
}

/* Anonymised: the claim, the rates and the sealed payout request are as
 * they were; the old name, e-mail and phone are nowhere in the file or
 * its WAL, and search does not find them. */
static void
test_anonymise (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *sealed_before = g_build_filename (fixture->dir, "sealed-before.xml", NULL);
  g_autofree char *sealed_after = g_build_filename (fixture->dir, "sealed-after.xml", NULL);
  g_autofree char *wal = g_strconcat (fixture->db, "-wal", NULL);
  g_autofree char *claim_before = NULL;
  g_autofree char *claim_after = NULL;
  g_autofree char *warnings_before = NULL;
  g_autofree char *warnings_after = NULL;
  g_autofree char *sent = NULL;
  g_autofree char *search = NULL;
  g_autofree char *bytes_before = NULL;
  g_autofree char *bytes_after = NULL;
  g_autoptr(JsonNode) documents = NULL;
  g_autofree char *document_id = NULL;
  gsize length_before = 0;
  gsize length_after = 0;

  /* The payout request goes out: sealed. */
  g_free (kl_test_cli_out (fixture->db, "funding", "request", "--programme", "1", "--date", "2026-12-01"));
  sent = kl_test_cli_out (fixture->db, "--json", "funding", "sent", "--programme", "1");
  documents = kl_test_cli_parse (sent);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (documents)), >=, 1);
  document_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (
                                   json_array_get_object_element (json_node_get_array (documents), 0), "id"));
  g_free (kl_test_cli_out (fixture->db, "funding", "sent", "--programme", "1", "--export", document_id, "--output",
                          sealed_before));
  claim_before = kl_test_cli_out (fixture->db, "--json", "funding", "compute", "--programme", "1");
  warnings_before = kl_test_cli_out (fixture->db, "--json", "attendance", "warnings", "--programme", "1");
  /* The bytes of a file are SQLite's to check; a server's files are its
   * administrator's. */
  if (!kl_test_on_server ())
    g_assert_true (kl_test_file_contains (fixture->db, NAME) || kl_test_file_contains (wal, NAME));

  g_free (kl_test_cli_out (fixture->db, "participant", "anonymise", fixture->zelda));

  claim_after = kl_test_cli_out (fixture->db, "--json", "funding", "compute", "--programme", "1");
  warnings_after = kl_test_cli_out (fixture->db, "--json", "attendance", "warnings", "--programme", "1");
  g_assert_cmpstr (claim_after, ==, claim_before);
  g_assert_cmpstr (warnings_after, ==, warnings_before);
  g_free (kl_test_cli_out (fixture->db, "funding", "sent", "--programme", "1", "--export", document_id, "--output",
                          sealed_after));
  g_assert_true (g_file_get_contents (sealed_before, &bytes_before, &length_before, NULL));
  g_assert_true (g_file_get_contents (sealed_after, &bytes_after, &length_after, NULL));
  g_assert_cmpmem (bytes_before, length_before, bytes_after, length_after);

  if (!kl_test_on_server ())
    {
      g_assert_false (kl_test_file_contains (fixture->db, NAME));
      g_assert_false (kl_test_file_contains (fixture->db, "Quistgaard"));
      g_assert_false (kl_test_file_contains (fixture->db, EMAIL));
      g_assert_false (kl_test_file_contains (fixture->db, PHONE));
      g_assert_false (kl_test_file_contains (fixture->db, "Foretrekker"));
      g_assert_false (kl_test_file_contains (wal, "Quistgaard"));
      g_assert_false (kl_test_file_contains (wal, PHONE));
    }
  search = kl_test_cli_out (fixture->db, "search", "Quistgaard");
  g_assert_cmpstr (search, ==, "");
  g_clear_pointer (&search, g_free);
  search = kl_test_cli_out (fixture->db, "search", "Anonymised");
  g_assert_nonnull (strstr (search, fixture->zelda));
}

/* Enrolment dates never hide marks; an enrolment with marks is not
 * removed, and the way to end it is named. */
static void
test_correction (Fixture       *fixture,
                 gconstpointer  data)
{
  g_auto(KlCliRun) late = { 0 };
  g_auto(KlCliRun) unenrol = { 0 };
  g_autofree char *shown = NULL;

  kl_test_cli_run (&late, fixture->db, "enrol", "--programme", "1", "--participant", fixture->zelda, "--from",
                   "2026-09-01");
  kl_test_cli_assert_error (&late, 1, "Dates: 1 attendance mark falls outside them: Samling 1");
  kl_test_cli_run (&unenrol, fixture->db, "unenrol", "--programme", "1", "--participant", fixture->zelda);
  g_assert_cmpint (unenrol.status, ==, 1);
  kl_test_assert_contains (unenrol.err, "1 attendance mark", "--to DATE", NULL);

  kl_test_cli_ok (fixture->db, "participant", "edit", fixture->zelda, "--email", "zq@lier.example",
           "--phone", "");
  shown = kl_test_cli_out (fixture->db, "--json", "participant", "list");
  g_assert_nonnull (strstr (shown, "zq@lier.example"));
  g_assert_null (strstr (shown, PHONE));
}

/* Retention: a dry run lists and changes nothing; the run anonymises
 * exactly those it listed. LED SKOLE Bærum ended on 4 Aug 2026 (120 days
 * before 2 Dec 2026): with one year's retention nobody is due on 2 Dec
 * 2026; on 1 Sep 2027 its 14 participants are, and not those of
 * Vestland (ends 11 Jan 2027) or the course still to end in 2027. */
static void
test_retention (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *none = NULL;
  g_autofree char *dry = NULL;
  g_autofree char *dry_again = NULL;
  g_autofree char *done = NULL;
  g_autofree char *after = NULL;
  g_autoptr(JsonNode) nobody = NULL;
  g_autoptr(JsonNode) listed = NULL;
  g_autoptr(JsonNode) anonymised = NULL;
  g_autoptr(JsonNode) left = NULL;

  none = kl_test_cli_out (fixture->db, "--json", "privacy", "retention", "--years", "1", "--dry-run");
  nobody = kl_test_cli_parse (none);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (nobody)), ==, 0);

  g_setenv ("KARTLESER_NOW", "2027-09-01T10:00", TRUE);
  dry = kl_test_cli_out (fixture->db, "--json", "privacy", "retention", "--years", "1", "--dry-run");
  listed = kl_test_cli_parse (dry);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (listed)), ==, 14);
  dry_again = kl_test_cli_out (fixture->db, "--json", "privacy", "retention", "--years", "1", "--dry-run");
  g_assert_cmpstr (dry_again, ==, dry);

  done = kl_test_cli_out (fixture->db, "--json", "privacy", "retention", "--years", "1");
  anonymised = kl_test_cli_parse (done);
  g_assert_cmpstr (done, ==, dry);
  after = kl_test_cli_out (fixture->db, "--json", "privacy", "retention", "--years", "1", "--dry-run");
  left = kl_test_cli_parse (after);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (left)), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (anonymised)), ==, 14);
}

int
main (int   argc,
      char *argv[])
{
  kl_test_cli_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli-privacy/export", test_export);
  ADD ("/cli-privacy/anonymise", test_anonymise);
  ADD ("/cli-privacy/correction", test_correction);
  ADD ("/cli-privacy/retention", test_retention);
  return g_test_run ();
}
