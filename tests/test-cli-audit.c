/* kartleser-cli audit: a programme's history as people read it and as
 * scripts read it, after edits made through the CLI itself. */

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kl-test-cli.h"
#include "kl-test-server.h"
#include "kl-test-util.h"

typedef KlTestCliFixture Fixture;

/* A programme with a session, an enrolled participant, a mark changed
 * once, a speaker's fee and a funding case applied for and granted. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  kl_test_cli_fixture_set_up (fixture, data);

  kl_test_cli_ok (fixture->db, "client", "add", "--name", "Bærum kommune", "--kind", "kommune", "--orgnr", "988077917");
  kl_test_cli_ok (fixture->db, "programme", "add", "--client", "1", "--title", "LED SKOLE Bærum",
                  "--start", "2025-08-15", "--end", "2026-06-15");
  kl_test_cli_ok (fixture->db, "consultant", "add", "--name", "Hilde Aas", "--external");
  kl_test_cli_ok (fixture->db, "session", "add", "--programme", "1", "--title", "Samling 3",
                  "--start", "2025-10-01 09:00", "--end", "2025-10-01 15:00");
  kl_test_cli_ok (fixture->db, "participant", "add", "--name", "Kari Nordmann");
  kl_test_cli_ok (fixture->db, "enrol", "--programme", "1", "--participant", "1");
  kl_test_cli_ok (fixture->db, "attend", "--session", "1", "--participant", "1", "--status", "absent");
  kl_test_cli_ok (fixture->db, "attend", "--session", "1", "--participant", "1", "--status", "present");
  kl_test_cli_ok (fixture->db, "cost", "add", "--programme", "1", "--category", "speaker-fee", "--consultant", "1",
                  "--days", "1", "--amount", "18000", "--vat", "4500", "--date", "2025-10-02");
  kl_test_cli_ok (fixture->db, "funding", "apply", "--programme", "1", "--date", "2025-06-01", "--amount", "12600");
  kl_test_cli_ok (fixture->db, "funding", "grant", "--programme", "1", "--case", "25/12345", "--amount", "12600",
                  "--date", "2025-07-01", "--expires", "2026-12-31");
}

static void
test_text (Fixture       *fixture,
           gconstpointer  data)
{
  g_auto(KlCliRun) run = { 0 };
  g_auto(GStrv) lines = NULL;
  g_autofree char *user_column = g_strdup_printf ("  %s ", kl_test_db_user ());

  kl_test_cli_run (&run, fixture->db, "audit", "--programme", "1");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  lines = g_strsplit (g_strchomp (run.out), "\n", -1);
  /* funding: opened + status, case, amount, grant date, expiry; the fee; two marks */
  g_assert_cmpuint (g_strv_length (lines), ==, 9);
  for (guint i = 0; lines[i]; i++)
    {
      /* "2026-11-23 13:05:02  kari  …": local time and the OS user */
      g_assert_cmpint (strlen (lines[i]), >, 21);
      g_assert_true (g_ascii_isdigit (lines[i][0]) && lines[i][4] == '-' && lines[i][10] == ' ');
      g_assert_nonnull (strstr (lines[i], user_column));
    }
  /* newest first: the marks were the first changes */
  g_assert_true (g_str_has_suffix (lines[8], "Attendance: Kari Nordmann at Samling 3: not marked → Absent"));
  g_assert_true (g_str_has_suffix (lines[7], "Attendance: Kari Nordmann at Samling 3: Absent → Present"));
  g_assert_true (g_str_has_suffix (lines[6], "Cost item 1 (Speaker fee) added: net NOK 18,000.00, "
                                             "VAT NOK 4,500.00, days 1"));
  kl_test_assert_contains (run.out, "Funding case: status Applied → Granted\n",
                           "Funding case: amount granted — → NOK 12,600.00\n", NULL);
}

static void
test_json_and_limit (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(KlCliRun) run = { 0 };
  g_autoptr(JsonArray) records = NULL;
  JsonObject *newest;

  kl_test_cli_run (&run, fixture->db, "--json", "audit", "--programme", "1", "--limit", "3");
  g_assert_cmpint (run.status, ==, 0);
  records = kl_test_cli_parse_array (run.out);
  g_assert_cmpuint (json_array_get_length (records), ==, 3);
  newest = json_array_get_object_element (records, 0);
  g_assert_cmpstr (json_object_get_string_member (newest, "entity"), ==, "funding_case");
  g_assert_cmpstr (json_object_get_string_member (newest, "action"), ==, "update");
  g_assert_cmpstr (json_object_get_string_member (newest, "os_user"), ==, kl_test_db_user ());
  g_assert_true (g_str_has_suffix (json_object_get_string_member (newest, "at"), "Z"));
  g_assert_cmpint (json_object_get_int_member (newest, "programme_id"), ==, 1);
  g_assert_true (json_object_has_member (newest, "old_value"));
  g_assert_nonnull (json_object_get_string_member (newest, "description"));
  g_clear_pointer (&records, json_array_unref);
  g_clear_pointer (&run.out, g_free);
  g_clear_pointer (&run.err, g_free);

  /* the next step of the case: raw codes in the record, labels in the text */
  kl_test_cli_ok (fixture->db, "funding", "request", "--programme", "1", "--date", "2026-07-01");
  kl_test_cli_run (&run, fixture->db, "audit", "--programme", "1", "--json", "--limit", "2");
  records = kl_test_cli_parse_array (run.out);
  g_assert_cmpuint (json_array_get_length (records), ==, 2);
  {
    gboolean saw_status = FALSE;

    for (guint i = 0; i < 2; i++)
      {
        JsonObject *record = json_array_get_object_element (records, i);

        if (g_strcmp0 (json_object_get_string_member (record, "field"), "status") == 0)
          {
            g_assert_cmpstr (json_object_get_string_member (record, "old_value"), ==, "granted");
            g_assert_cmpstr (json_object_get_string_member (record, "new_value"), ==, "payout-requested");
            g_assert_cmpstr (json_object_get_string_member (record, "description"), ==,
                             "Funding case: status Granted → Payout requested");
            saw_status = TRUE;
          }
      }
    g_assert_true (saw_status);
  }
}

static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  g_auto(KlCliRun) missing = { 0 };
  g_auto(KlCliRun) unknown = { 0 };
  g_auto(KlCliRun) negative = { 0 };

  kl_test_cli_run (&missing, fixture->db, "audit");
  kl_test_cli_assert_error (&missing, 2, "--programme");

  kl_test_cli_run (&unknown, fixture->db, "audit", "--programme", "42");
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_true (g_str_has_prefix (unknown.err, "kartleser-cli: "));
  g_assert_nonnull (strstr (unknown.err, "42"));
  g_assert_cmpstr (unknown.out, ==, "");

  kl_test_cli_run (&negative, fixture->db, "audit", "--programme", "1", "--limit", "-1");
  g_assert_cmpint (negative.status, ==, 2);
}

/* An empty history says so, rather than printing nothing. */
static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_auto(KlCliRun) run = { 0 };

  kl_test_cli_ok (fixture->db, "programme", "add", "--client", "1", "--title", "Nettverk Bærum",
                  "--start", "2026-01-01", "--end", "2026-12-31");
  kl_test_cli_run (&run, fixture->db, "audit", "--programme", "2");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "No changes recorded for programme 2.\n");
}

int
main (int    argc,
      char **argv)
{
  kl_test_cli_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, kl_test_cli_fixture_tear_down)
  ADD ("/cli/audit/text", test_text);
  ADD ("/cli/audit/json-and-limit", test_json_and_limit);
  ADD ("/cli/audit/refusals", test_refusals);
  ADD ("/cli/audit/empty", test_empty);
#undef ADD

  return g_test_run ();
}
