/* kartleser-cli as a script uses it: exit codes, one-line errors, ids,
 * JSON, amounts in kroner, and the fund's arithmetic end to end. */

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kl-test-cli.h"
#include "kl-test-server.h"
#include "kl-test-util.h"

typedef KlTestCliFixture Fixture;

static gint64
created_id (KlCliRun *run)
{
  gint64 id;

  g_assert_cmpint (run->status, ==, 0);
  id = g_ascii_strtoll (run->out, NULL, 10);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* A client with an org number, a programme, a speaker. */
static void
make_programme (Fixture  *fixture,
                char    **client,
                char    **programme,
                char    **speaker)
{
  g_autofree char *client_id = kl_test_cli_create (fixture->db, "client", "add", "--name", "Bærum kommune",
                                                   "--kind", "kommune", "--orgnr", "988077917",
                                                   "--account", "12345678903");
  g_autofree char *programme_id = kl_test_cli_create (fixture->db, "programme", "add", "--client", client_id,
                                                      "--title", "LED SKOLE Bærum", "--start", "2024-08-15",
                                                      "--end", "2025-06-15");
  g_autofree char *speaker_id = kl_test_cli_create (fixture->db, "consultant", "add", "--name", "Hilde Aas",
                                                    "--external", "--day-rate", "20000");

  if (client != NULL)
    *client = g_steal_pointer (&client_id);
  if (programme != NULL)
    *programme = g_steal_pointer (&programme_id);
  if (speaker != NULL)
    *speaker = g_steal_pointer (&speaker_id);
}

static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(KlCliRun) none = { 0 };
  g_auto(KlCliRun) unknown = { 0 };
  g_auto(KlCliRun) missing = { 0 };
  g_auto(KlCliRun) bad_option = { 0 };
  g_auto(KlCliRun) bad_id = { 0 };

  kl_test_cli_run (&none, fixture->db, NULL);
  g_assert_cmpint (none.status, ==, 2);

  kl_test_cli_run (&unknown, fixture->db, "frobnicate");
  kl_test_cli_assert_error (&unknown, 2, "unknown command “frobnicate”");

  kl_test_cli_run (&missing, fixture->db, "client", "add", "--kind", "kommune");
  kl_test_cli_assert_error (&missing, 2, "--name is required");

  kl_test_cli_run (&bad_option, fixture->db, "client", "list", "--colour");
  g_assert_cmpint (bad_option.status, ==, 2);

  kl_test_cli_run (&bad_id, fixture->db, "client", "show", "seven");
  kl_test_cli_assert_error (&bad_id, 2, "“seven” is not an id");
}

static void
test_validation_errors (Fixture       *fixture,
                        gconstpointer  data)
{
  g_auto(KlCliRun) orgnr = { 0 };
  g_auto(KlCliRun) email = { 0 };
  g_auto(KlCliRun) kind = { 0 };
  g_autoptr(JsonArray) clients = NULL;

  kl_test_cli_run (&orgnr, fixture->db, "client", "add", "--name", "Feil AS", "--kind", "annen", "--orgnr", "123456789");
  kl_test_cli_assert_error (&orgnr, 1, "Org number: “123456789” is not valid");

  kl_test_cli_run (&email, fixture->db, "client", "add", "--name", "Feil AS", "--kind", "annen", "--email", "post@");
  kl_test_cli_assert_error (&email, 1, "Invoice e-mail");

  kl_test_cli_run (&kind, fixture->db, "client", "add", "--name", "Feil AS", "--kind", "bedrift");
  kl_test_cli_assert_error (&kind, 1, "Kind: “bedrift” is not one of");

  /* nothing was written by the refused commands */
  clients = kl_test_cli_json_array (fixture->db, "client", "list");
  g_assert_cmpuint (json_array_get_length (clients), ==, 0);
}

static void
test_json_ids (Fixture       *fixture,
               gconstpointer  data)
{
  g_auto(KlCliRun) second = { 0 };
  g_autoptr(JsonObject) created = NULL;
  g_autoptr(JsonObject) client = NULL;
  gint64 parent;
  g_autofree char *parent_text = NULL;
  g_autofree char *child_text = NULL;

  created = kl_test_cli_json_object (fixture->db, "client", "add", "--name", "Vestland fylkeskommune", "--kind",
                                     "fylkeskommune", "--orgnr", "123 456 785");
  parent = json_object_get_int_member (created, "id");
  g_assert_cmpint (parent, >, 0);

  parent_text = g_strdup_printf ("%" G_GINT64_FORMAT, parent);
  /* --json after the command works as well */
  kl_test_cli_run (&second, fixture->db, "client", "add", "--json", "--name", "Voss gymnas", "--kind", "skole",
           "--parent", parent_text);
  g_assert_cmpint (second.status, ==, 0);
  g_clear_pointer (&created, json_object_unref);
  created = kl_test_cli_parse_object (second.out);
  child_text = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (created, "id"));

  client = kl_test_cli_json_object (fixture->db, "client", "show", child_text);
  g_assert_cmpstr (json_object_get_string_member (client, "name"), ==, "Voss gymnas");
  g_assert_cmpint (json_object_get_int_member (client, "parent_id"), ==, parent);
  /* the school claims through its county, which has the org number */
  g_assert_cmpint (json_object_get_int_member (client, "legal_entity_id"), ==, parent);
}

static gint64
net_of_cost (Fixture    *fixture,
             const char *programme,
             gint64      cost_id)
{
  g_autoptr(JsonArray) items = NULL;

  items = kl_test_cli_json_array (fixture->db, "cost", "list", "--programme", programme);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (json_object_get_int_member (item, "id") == cost_id)
        return json_object_get_int_member (item, "net_ore");
    }
  g_assert_not_reached ();
}

static void
test_amounts_in_kroner (Fixture       *fixture,
                        gconstpointer  data)
{
  static const struct { const char *text; gint64 ore; } cases[] = {
    { "20000", 2000000 },
    { "20000.50", 2000050 },
    { "20 000,50", 2000050 },
    { "20\302\240000,5", 2000050 },
  };
  g_autofree char *programme_text = NULL;
  g_auto(KlCliRun) ambiguous = { 0 };
  g_auto(KlCliRun) negative = { 0 };

  make_programme (fixture, NULL, &programme_text, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(KlCliRun) run = { 0 };

      kl_test_cli_run (&run, fixture->db, "cost", "add", "--programme", programme_text, "--category", "venue",
               "--amount", cases[i].text, "--date", "2024-09-01");
      g_assert_cmpint (net_of_cost (fixture, programme_text, created_id (&run)), ==, cases[i].ore);
    }

  kl_test_cli_run (&ambiguous, fixture->db, "cost", "add", "--programme", programme_text, "--category", "venue",
           "--amount", "20.000", "--date", "2024-09-01");
  kl_test_cli_assert_error (&ambiguous, 1, "Net amount: “20.000” is ambiguous");

  kl_test_cli_run (&negative, fixture->db, "cost", "add", "--programme", programme_text, "--category", "venue",
           "--amount", "-5", "--date", "2024-09-01");
  kl_test_cli_assert_error (&negative, 1, "Net amount: an amount cannot be negative");
}

static JsonObject *
compute (Fixture    *fixture,
         const char *programme)
{
  return kl_test_cli_json_object (fixture->db, "funding", "compute", "--programme", programme);
}

/* KS's worked example: 25 consultant days at 20 000 kr. */
static void
test_funding_ks_example (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *programme_text = NULL;
  g_autofree char *speaker_text = NULL;
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_auto(KlCliRun) grant = { 0 };
  g_auto(KlCliRun) show = { 0 };
  g_autoptr(JsonObject) funding = NULL;
  JsonObject *line;

  make_programme (fixture, NULL, &programme_text, &speaker_text);

  g_free (kl_test_cli_create (fixture->db, "cost", "add", "--programme", programme_text, "--category", "speaker-fee",
                              "--consultant", speaker_text, "--days", "25", "--amount", "500 000", "--vat", "125000",
                              "--supplier", "Hilde Aas AS", "--invoice", "HA-1", "--date", "2025-06-20"));

  before = compute (fixture, programme_text);
  g_assert_cmpint (json_object_get_int_member (before, "rate_permille"), ==, 700);
  g_assert_cmpint (json_object_get_int_member (before, "eligible_ore"), ==, 45000000);
  g_assert_cmpint (json_object_get_int_member (before, "claim_ore"), ==, 31500000);
  g_assert_cmpint (json_object_get_int_member (before, "payout_ore"), ==, 31500000);
  g_assert_true (json_object_get_null_member (before, "granted_ore"));
  line = json_array_get_object_element (json_object_get_array_member (before, "lines"), 0);
  g_assert_cmpstr (json_object_get_string_member (line, "rule"), ==, "fee-capped");
  g_assert_cmpint (json_object_get_int_member (line, "counted_ore"), ==, 45000000);
  g_assert_cmpstr (json_object_get_string_member (line, "who"), ==, "Hilde Aas");

  /* applied for by the computed claim */
  funding = kl_test_cli_json_object (fixture->db, "funding", "apply", "--programme", programme_text, "--date",
                                     "2024-06-01");
  g_assert_cmpstr (json_object_get_string_member (funding, "status"), ==, "applied");
  g_assert_cmpint (json_object_get_int_member (funding, "applied_ore"), ==, 31500000);

  /* KS grants less than asked: the payout is the grant */
  kl_test_cli_run (&grant, fixture->db, "funding", "grant", "--programme", programme_text, "--case", "24/01234",
           "--amount", "300 000", "--date", "2024-06-20", "--expires", "2025-12-31");
  g_assert_cmpint (grant.status, ==, 0);
  after = compute (fixture, programme_text);
  g_assert_cmpint (json_object_get_int_member (after, "granted_ore"), ==, 30000000);
  g_assert_cmpint (json_object_get_int_member (after, "claim_ore"), ==, 31500000);
  g_assert_cmpint (json_object_get_int_member (after, "payout_ore"), ==, 30000000);

  kl_test_cli_run (&show, fixture->db, "funding", "show", "--programme", programme_text);
  g_assert_cmpint (show.status, ==, 0);
  g_assert_nonnull (strstr (show.out, "24/01234"));
  g_assert_nonnull (strstr (show.out, ": Granted\n"));   /* the status as people read it */
}

/* Applied for in 2023: the old cap of 16 000 kr a day. */
static void
test_funding_old_scheme (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *programme_text = NULL;
  g_autofree char *speaker_text = NULL;
  g_autoptr(JsonObject) claim = NULL;

  make_programme (fixture, NULL, &programme_text, &speaker_text);
  g_free (kl_test_cli_create (fixture->db, "cost", "add", "--programme", programme_text, "--category", "speaker-fee",
                              "--consultant", speaker_text, "--days", "2", "--amount", "40000", "--date",
                              "2023-10-01"));
  kl_test_cli_ok (fixture->db, "funding", "apply", "--programme", programme_text, "--date", "2023-05-01");

  claim = compute (fixture, programme_text);
  g_assert_cmpint (json_object_get_int_member (claim, "fee_cap_ore"), ==, 1600000);
  g_assert_cmpint (json_object_get_int_member (claim, "eligible_ore"), ==, 3200000);
  g_assert_cmpint (json_object_get_int_member (claim, "claim_ore"), ==, 2240000);
}

static void
test_funding_refusals (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *programme_text = NULL;
  g_autofree char *speaker_text = NULL;
  g_auto(KlCliRun) paid = { 0 };
  g_auto(KlCliRun) bad_case = { 0 };
  g_auto(KlCliRun) no_days = { 0 };
  g_auto(KlCliRun) show = { 0 };

  make_programme (fixture, NULL, &programme_text, &speaker_text);

  kl_test_cli_run (&paid, fixture->db, "funding", "paid", "--programme", programme_text, "--amount", "1000",
           "--date", "2025-01-01");
  kl_test_cli_assert_error (&paid, 1, "Status: a funding case cannot go from “draft” to “paid”");

  kl_test_cli_ok (fixture->db, "funding", "apply", "--programme", programme_text, "--date", "2024-06-01");
  kl_test_cli_run (&bad_case, fixture->db, "funding", "grant", "--programme", programme_text, "--case", "24/1234-5",
           "--amount", "1000", "--date", "2024-06-20", "--expires", "2025-12-31");
  kl_test_cli_assert_error (&bad_case, 1, "Case number: “24/1234-5” is not a KS case number");

  kl_test_cli_run (&no_days, fixture->db, "cost", "add", "--programme", programme_text, "--category", "speaker-fee",
           "--consultant", speaker_text, "--amount", "20000", "--date", "2024-09-01");
  kl_test_cli_assert_error (&no_days, 1, "Days: a fee needs the sessions or dates it covers");

  /* the refused grant left the case as applied */
  kl_test_cli_run (&show, fixture->db, "funding", "show", "--programme", programme_text);
  g_assert_cmpint (show.status, ==, 0);
  g_assert_nonnull (strstr (show.out, ": Applied\n"));
  g_assert_null (strstr (show.out, "24/1234"));
}

static void
test_delete_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *client_text = NULL;
  g_autofree char *speaker_text = NULL;
  g_auto(KlCliRun) refused = { 0 };
  g_autoptr(JsonArray) consultants = NULL;

  make_programme (fixture, &client_text, NULL, &speaker_text);

  kl_test_cli_run (&refused, fixture->db, "client", "delete", client_text);
  kl_test_cli_assert_error (&refused, 1, "Cannot delete the client “Bærum kommune”: still in use by 1 programme");

  kl_test_cli_ok (fixture->db, "consultant", "delete", speaker_text);
  consultants = kl_test_cli_json_array (fixture->db, "consultant", "list");
  g_assert_cmpuint (json_array_get_length (consultants), ==, 0);
}

static void
test_sessions_and_attendance (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *programme_text = NULL;
  g_autofree char *speaker_text = NULL;
  g_autofree char *session_text = NULL;
  g_autofree char *person_text = NULL;
  g_auto(KlCliRun) session = { 0 };
  g_auto(KlCliRun) outside = { 0 };
  g_auto(KlCliRun) not_enrolled = { 0 };
  g_auto(KlCliRun) partial_no_hours = { 0 };
  g_autoptr(JsonArray) list = NULL;
  JsonObject *first;

  make_programme (fixture, NULL, &programme_text, &speaker_text);

  kl_test_cli_run (&session, fixture->db, "session", "add", "--programme", programme_text, "--title", "Samling 1",
           "--start", "2024-09-02 09:00", "--end", "2024-09-02 15:30", "--location", "Sandvika",
           "--leader", speaker_text);
  session_text = kl_test_cli_created_id (&session);
  g_assert_cmpstr (session.err, ==, "");

  /* outside the programme's period: a warning, and it is still added */
  kl_test_cli_run (&outside, fixture->db, "session", "add", "--programme", programme_text, "--title", "Oppfølging",
           "--start", "2025-09-01 09:00", "--end", "2025-09-01 12:00");
  created_id (&outside);
  g_assert_nonnull (strstr (outside.err, "warning: The session “Oppfølging” (2025-09-01) is outside the period"));

  list = kl_test_cli_json_array (fixture->db, "session", "list", "--programme", programme_text);
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  first = json_array_get_object_element (list, 0);
  g_assert_cmpint (json_object_get_int_member (first, "planned_minutes"), ==, 390);
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (first, "leaders"), 0), ==,
                   g_ascii_strtoll (speaker_text, NULL, 10));

  person_text = kl_test_cli_create (fixture->db, "participant", "add", "--name", "Kari Nordmann",
                                    "--email", "kari@baerum.kommune.no", "--role", "rektor");

  {
    g_autoptr(JsonArray) suggestions = NULL;
    gboolean has_custom = FALSE;
    gboolean has_usual = FALSE;

    g_free (kl_test_cli_create (fixture->db, "participant", "add", "--name", "Ola Nordmann", "--role", "PPT-leder"));
    suggestions = kl_test_cli_json_array (fixture->db, "participant", "roles");
    for (guint i = 0; i < json_array_get_length (suggestions); i++)
      {
        has_custom |= g_str_equal (json_array_get_string_element (suggestions, i), "PPT-leder");
        has_usual |= g_str_equal (json_array_get_string_element (suggestions, i), "inspektør");
      }
    g_assert_true (has_custom);
    g_assert_true (has_usual);
  }

  kl_test_cli_run (&not_enrolled, fixture->db, "attend", "--session", session_text, "--participant", person_text,
           "--status", "present");
  kl_test_cli_assert_error (&not_enrolled, 1, "is not enrolled");

  g_free (kl_test_cli_create (fixture->db, "enrol", "--programme", programme_text, "--participant", person_text));
  kl_test_cli_run (&partial_no_hours, fixture->db, "attend", "--session", session_text, "--participant", person_text,
           "--status", "partial");
  kl_test_cli_assert_error (&partial_no_hours, 1, "Hours: partial attendance needs the hours attended");
  /* Hours as every hours field takes them; nothing strtod would read. */
  {
    static const char *const refused[] = { "24:59", "0x10", "1e1", "4294967297:30", "" };

    for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        g_auto(KlCliRun) run = { 0 };

        kl_test_cli_run (&run, fixture->db, "attend", "--session", session_text, "--participant", person_text,
                         "--status", "partial", "--hours", refused[i]);
        kl_test_cli_assert_error (&run, 1, "Hours: ");
        if (*refused[i] != '\0')
          g_assert_nonnull (strstr (run.err, "write whole hours (6), hours with up to two decimals (1.5 or 1,5) "
                                             "or hours and minutes (1:30), at most 24"));
      }
  }
  g_free (kl_test_cli_create (fixture->db, "attend", "--session", session_text, "--participant", person_text,
                              "--status", "partial", "--hours", "2,5"));
}

static void
test_demo_and_search (Fixture       *fixture,
                      gconstpointer  data)
{
  g_auto(KlCliRun) demo = { 0 };
  g_auto(KlCliRun) again = { 0 };
  g_auto(KlCliRun) programmes = { 0 };
  g_autoptr(JsonObject) counts = NULL;
  g_autoptr(JsonArray) hits = NULL;
  g_autoptr(JsonArray) list = NULL;
  gboolean found = FALSE;

  kl_test_cli_run (&demo, fixture->db, "--json", "demo");
  g_assert_cmpint (demo.status, ==, 0);
  counts = kl_test_cli_parse_object (demo.out);
  g_assert_cmpint (json_object_get_int_member (counts, "programmes"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (counts, "participants"), >=, 35);
  g_assert_cmpint (json_object_get_int_member (counts, "attendance"), >, 0);
  g_assert_cmpint (json_object_get_int_member (counts, "funding_cases"), ==, 3);

  kl_test_cli_run (&again, fixture->db, "demo");
  kl_test_cli_assert_error (&again, 1, "already holds data");
  kl_test_cli_ok (fixture->db, "demo", "--if-empty");

  kl_test_cli_run (&programmes, fixture->db, "--json", "programme", "list");
  list = kl_test_cli_parse_array (programmes.out);
  g_assert_cmpuint (json_array_get_length (list), ==, 3);

  hits = kl_test_cli_json_array (fixture->db, "search", "bærum");
  for (guint i = 0; i < json_array_get_length (hits); i++)
    {
      JsonObject *hit = json_array_get_object_element (hits, i);

      if (g_str_equal (json_object_get_string_member (hit, "kind"), "client")
          && g_str_equal (json_object_get_string_member (hit, "title"), "Bærum kommune"))
        found = TRUE;
    }
  g_assert_true (found);
}

/* Each demo programme's claim follows from its lines. */
static void
test_demo_claims_add_up (Fixture       *fixture,
                         gconstpointer  data)
{
  kl_test_cli_ok (fixture->db, "demo");
  for (int p = 1; p <= 3; p++)
    {
      g_autofree char *id = g_strdup_printf ("%d", p);
      g_autoptr(JsonObject) claim = compute (fixture, id);
      JsonArray *lines = json_object_get_array_member (claim, "lines");
      gint64 sum = 0;

      g_assert_cmpuint (json_array_get_length (lines), >, 0);
      for (guint i = 0; i < json_array_get_length (lines); i++)
        {
          JsonObject *line = json_array_get_object_element (lines, i);

          g_assert_cmpint (json_object_get_int_member (line, "counted_ore"), <=,
                           json_object_get_int_member (line, "net_ore"));
          sum += json_object_get_int_member (line, "counted_ore");
        }
      g_assert_cmpint (sum, ==, json_object_get_int_member (claim, "eligible_ore"));
      g_assert_cmpint (json_object_get_int_member (claim, "claim_ore"), ==, (sum * 700 + 500) / 1000);
    }
}

static void
test_database_choice (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *env_db = g_build_filename (fixture->dir, "from-env.db", NULL);
  g_autofree char *setting = g_strconcat ("KARTLESER_DB=", env_db, NULL);
  g_autofree char *too_new = g_build_filename (fixture->dir, "too-new.db", NULL);
  char *env[] = { setting, (char *) "LC_ALL=C.UTF-8", NULL };
  g_auto(KlCliRun) init = { 0 };
  g_auto(KlCliRun) refused = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  GStatBuf st;

  kl_test_cli_run_env (&init, NULL, env, "init", NULL);
  g_assert_cmpint (init.status, ==, 0);
  g_assert_true (g_file_test (env_db, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_stat (env_db, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* A file from a newer Kartleser is refused and left as it was. */
  g_assert_true (g_file_set_contents (too_new, "", 0, NULL));
  {
    int status = 0;
    g_autofree char *command = g_strdup_printf ("sqlite3 '%s' 'PRAGMA user_version = 999; CREATE TABLE t (x)'", too_new);

    g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, NULL));
    g_assert_cmpint (status, ==, 0);
  }
  g_assert_true (g_file_get_contents (too_new, &before, &before_len, NULL));
  kl_test_cli_run (&refused, too_new, "client", "list");
  kl_test_cli_assert_error (&refused, 1, "was written by a newer Kartleser");
  g_assert_true (g_file_get_contents (too_new, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
}

/* Under a Norwegian locale the CLI speaks Bokmål and writes kroner the
 * Norwegian way. */
static void
test_norwegian (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(GStrv) env = kl_test_cli_norwegian_env ();
  g_autofree char *programme_text = NULL;
  g_autofree char *speaker_text = NULL;
  g_auto(KlCliRun) refused = { 0 };
  g_auto(KlCliRun) cost = { 0 };
  g_auto(KlCliRun) claim = { 0 };

  kl_test_cli_run_env (&refused, fixture->db, env, "client", "add", "--name", "Feil AS", "--kind", "annen",
               "--orgnr", "123456789", NULL);
  kl_test_cli_assert_error (&refused, 1, "Organisasjonsnummer: «123456789» er ikke gyldig");

  make_programme (fixture, NULL, &programme_text, &speaker_text);
  kl_test_cli_run_env (&cost, fixture->db, env, "cost", "add", "--programme", programme_text, "--category",
               "speaker-fee", "--consultant", speaker_text, "--days", "25", "--amount", "500 000,00",
               "--date", "2025-06-20", NULL);
  created_id (&cost);
  kl_test_cli_run_env (&claim, fixture->db, env, "funding", "compute", "--programme", programme_text, NULL);
  g_assert_cmpint (claim.status, ==, 0);
  kl_test_assert_contains (claim.out, "Tilskuddsgrunnlag:", "450\302\240000,00\302\240kr",
                           "315\302\240000,00\302\240kr", NULL);
}

/* funding export and verify, as an office would run them before sending:
 * a payout request round-trips with its totals; an edited file fails the
 * check; a programme without a grant gets a reason and no file. */
static void
test_funding_documents (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *xml = g_build_filename (fixture->dir, "payout.xml", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GString) tampered = NULL;
  g_autoptr(JsonObject) exported = NULL;
  g_autoptr(JsonObject) verified = NULL;
  const char *programme = NULL;
  const char *ungranted = NULL;
  static const char *const ids[] = { "1", "2", "3" };

  kl_test_cli_ok (fixture->db, "demo");

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_auto(KlCliRun) run = { 0 };
      g_autofree char *name = g_strdup_printf ("payout-%s.xml", ids[i]);
      g_autofree char *output = g_build_filename (fixture->dir, name, NULL);

      kl_test_cli_run (&run, fixture->db, "--json", "funding", "export", "--programme", ids[i],
               "--document", "payout", "--output", programme == NULL ? xml : output);
      if (run.status == 0 && programme == NULL)
        {
          programme = ids[i];
          exported = kl_test_cli_parse_object (run.out);
        }
      else if (run.status != 0 && ungranted == NULL)
        {
          ungranted = ids[i];
          kl_test_cli_assert_error (&run, 1, "no grant is recorded yet");
          g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
        }
    }
  g_assert_nonnull (programme);
  g_assert_nonnull (ungranted);
  g_assert_true (g_file_test (xml, G_FILE_TEST_IS_REGULAR));

  {
    g_auto(KlCliRun) run = { 0 };
    g_auto(KlCliRun) plain = { 0 };

    kl_test_cli_run (&run, fixture->db, "--json", "funding", "verify", xml);
    g_assert_cmpint (run.status, ==, 0);
    verified = kl_test_cli_parse_object (run.out);
    g_assert_cmpstr (json_object_get_string_member (verified, "document"), ==, "payout");
    g_assert_cmpint (json_object_get_int_member (verified, "payout_ore"), ==,
                     json_object_get_int_member (exported, "payout_ore"));
    g_assert_cmpint (json_object_get_int_member (verified, "eligible_ore"), ==,
                     json_object_get_int_member (exported, "eligible_ore"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (verified, "mismatches")), ==, 0);

    kl_test_cli_run (&plain, NULL, "funding", "verify", xml);
    g_assert_cmpint (plain.status, ==, 0);
    g_assert_nonnull (strstr (plain.out, "The totals agree with the lines."));
  }

  /* The same request as PDF, from the file name; and the application in English. */
  {
    g_autofree char *pdf = g_build_filename (fixture->dir, "payout.pdf", NULL);
    g_autofree char *en = g_build_filename (fixture->dir, "application.pdf", NULL);
    g_autofree char *head = NULL;
    g_auto(KlCliRun) run = { 0 };
      g_autoptr(JsonObject) result = NULL;

    kl_test_cli_run (&run, fixture->db, "--json", "funding", "export", "--programme", programme,
             "--document", "payout", "--output", pdf);
    g_assert_cmpint (run.status, ==, 0);
    result = kl_test_cli_parse_object (run.out);
    g_assert_cmpstr (json_object_get_string_member (result, "format"), ==, "pdf");
    g_assert_cmpint (json_object_get_int_member (result, "pages"), >=, 1);
    g_assert_true (g_file_get_contents (pdf, &head, NULL, NULL));
    g_assert_true (g_str_has_prefix (head, "%PDF-"));

    kl_test_cli_ok (fixture->db, "funding", "export", "--programme", programme,
  "--document", "application", "--format", "pdf", "--lang", "en", "--output", en);
    g_assert_true (g_file_test (en, G_FILE_TEST_IS_REGULAR));
  }

  /* A payout raised by one krone in the file is caught. */
  g_assert_true (g_file_get_contents (xml, &contents, NULL, NULL));
  tampered = g_string_new (contents);
  {
    g_autofree char *amount = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d</payout-requested>",
                                               json_object_get_int_member (exported, "payout_ore") / 100,
                                               (int) (json_object_get_int_member (exported, "payout_ore") % 100));
    g_autofree char *raised = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d</payout-requested>",
                                               json_object_get_int_member (exported, "payout_ore") / 100 + 1,
                                               (int) (json_object_get_int_member (exported, "payout_ore") % 100));
    g_auto(KlCliRun) run = { 0 };

    g_assert_cmpuint (g_string_replace (tampered, amount, raised, 1), ==, 1);
    g_assert_true (g_file_set_contents (xml, tampered->str, -1, NULL));
    kl_test_cli_run (&run, NULL, "funding", "verify", xml);
    g_assert_cmpint (run.status, ==, 1);
    kl_test_assert_contains (run.out, "MISMATCH: line ", ": Total “payout-requested”: the file says", NULL);
    g_assert_nonnull (strstr (run.err, "1 figure in the file disagrees"));
  }
}

/* Recording the payout request seals it; `funding sent` lists the sealed
 * copies with their SHA-256 and writes one again byte for byte, and names
 * what has changed since. */
static void
test_funding_sent (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(KlCliRun) changed = { 0 };
  g_autoptr(JsonArray) sealed = NULL;
  g_autofree char *copy = g_build_filename (fixture->dir, "sent.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *id = NULL;
  const char *programme = NULL;
  static const char *const ids[] = { "1", "2", "3" };
  gsize length = 0;

  kl_test_cli_ok (fixture->db, "demo");
  for (guint i = 0; i < G_N_ELEMENTS (ids) && programme == NULL; i++)
    {
      g_auto(KlCliRun) run = { 0 };

      kl_test_cli_run (&run, fixture->db, "funding", "request", "--programme", ids[i], "--date", "2026-11-20");
      if (run.status == 0)
        {
          programme = ids[i];
          g_assert_nonnull (strstr (run.err, "A copy of the payout request as sent was kept"));
        }
    }
  g_assert_nonnull (programme);

  sealed = kl_test_cli_json_array (fixture->db, "funding", "sent", "--programme", programme);
  g_assert_cmpuint (json_array_get_length (sealed), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *document = json_array_get_object_element (sealed, i);

      g_assert_cmpstr (json_object_get_string_member (document, "document"), ==, "payout");
      if (g_str_equal (json_object_get_string_member (document, "format"), "pdf"))
        {
          id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (document, "id"));
          sha256 = g_strdup (json_object_get_string_member (document, "sha256"));
        }
    }
  g_assert_nonnull (id);

  kl_test_cli_ok (fixture->db, "funding", "sent", "--programme", programme, "--export", id, "--output", copy);
  g_assert_true (g_file_get_contents (copy, &contents, &length, NULL));
  {
    g_autofree char *copied = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);

    g_assert_cmpstr (copied, ==, sha256);
  }

  kl_test_cli_ok (fixture->db, "cost", "add", "--programme", programme, "--category", "travel",
           "--amount", "1200", "--supplier", "Vy", "--invoice", "VY-1", "--date", "2026-11-01");
  kl_test_cli_run (&changed, fixture->db, "funding", "sent", "--programme", programme);
  g_assert_cmpint (changed.status, ==, 0);
  kl_test_assert_contains (changed.out, "CHANGED since the payout request was sent: ", "Reise – Vy) is new", NULL);
}

/* Absence warnings name those who can no longer reach the threshold or
 * missed two sessions in a row, and only them; a threshold must be a share. */
static void
test_attendance_warnings (Fixture       *fixture,
                          gconstpointer  data)
{
  g_auto(KlCliRun) text = { 0 };
  g_auto(KlCliRun) refused = { 0 };
  g_autoptr(JsonArray) warnings = NULL;

  kl_test_cli_ok (fixture->db, "demo");
  warnings = kl_test_cli_json_array (fixture->db, "attendance", "warnings");
  g_assert_cmpuint (json_array_get_length (warnings), >, 0);
  for (guint i = 0; i < json_array_get_length (warnings); i++)
    {
      JsonObject *warning = json_array_get_object_element (warnings, i);
      gint64 attended = json_object_get_int_member (warning, "attended_minutes");
      gint64 remaining = json_object_get_int_member (warning, "remaining_minutes");
      gint64 planned = json_object_get_int_member (warning, "planned_minutes");
      gboolean out_of_reach = json_object_get_boolean_member (warning, "out_of_reach");

      g_assert_true (out_of_reach || json_object_get_int_member (warning, "absences_in_a_row") >= 2);
      g_assert_cmpint (out_of_reach, ==, (attended + remaining) * 100 < planned * 80);
    }
  kl_test_cli_run (&text, fixture->db, "attendance", "warnings");
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "can no longer reach 80 %"));

  kl_test_cli_run (&refused, fixture->db, "programme", "add", "--client", "1", "--title", "Uten terskel",
                   "--start", "2027-01-01", "--end", "2027-06-01", "--threshold", "0");
  kl_test_cli_assert_error (&refused, 1, "Certificate threshold: 0 % is not a share of the planned hours");
}

/* The parts loaded when first used (src/core/kl-module.h): without them,
 * what needs the core alone still works on a file, and what needs a
 * module says which file is missing and writes nothing. */
static void
test_modules (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *empty = g_build_filename (fixture->dir, "no-modules", NULL);
  g_autofree char *calendar = g_build_filename (fixture->dir, "sessions.ics", NULL);
  g_auto(GStrv) env = NULL;
  g_auto(KlCliRun) list = { 0 };
  g_auto(KlCliRun) ics = { 0 };
  g_auto(KlCliRun) help = { 0 };
  g_auto(KlCliRun) unknown = { 0 };

  g_assert_cmpint (g_mkdir (empty, 0700), ==, 0);
  env = g_environ_setenv (g_get_environ (), "KARTLESER_MODULEDIR", empty, TRUE);
  kl_test_cli_ok (fixture->db, "client", "add", "--name", "Modulby kommune", "--kind", "kommune");

  kl_test_cli_run_env (&list, fixture->db, env, "client", "list", NULL);
  if (kl_test_on_server ())
    kl_test_cli_assert_error (&list, 1, "kl-db-pg.so");
  else
    {
      g_assert_cmpint (list.status, ==, 0);
      g_assert_nonnull (strstr (list.out, "Modulby kommune"));
    }

  kl_test_cli_run_env (&ics, fixture->db, env, "export", "ics", "--programme", "1", "--output", calendar, NULL);
  kl_test_cli_assert_error (&ics, 1, "Kartleser is not installed whole: ");
  g_assert_nonnull (strstr (ics.err, "kl-cli-documents.so"));
  g_assert_false (g_file_test (calendar, G_FILE_TEST_EXISTS));

  /* --help lists what it can and fails, once, for the rest. */
  kl_test_cli_run_env (&help, NULL, env, "--help", NULL);
  g_assert_cmpint (help.status, ==, 1);
  g_assert_nonnull (strstr (help.out, "programme list"));
  g_assert_null (strstr (help.out, "export ics"));
  g_assert_nonnull (strstr (help.err, "kl-cli-documents.so"));
  g_assert_null (strstr (strstr (help.err, "kl-cli-documents.so") + 1, "kl-cli-documents.so"));

  /* With the modules where they are, an unknown command is still that. */
  kl_test_cli_run (&unknown, fixture->db, "programme", "frobnicate");
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "unknown command “programme frobnicate”"));
}

int
main (int    argc,
      char **argv)
{
  kl_test_cli_init (&argc, &argv);
  kl_test_cli_add ("/cli/usage-errors", test_usage_errors);
  kl_test_cli_add ("/cli/validation-errors", test_validation_errors);
  kl_test_cli_add ("/cli/json-ids", test_json_ids);
  kl_test_cli_add ("/cli/amounts-in-kroner", test_amounts_in_kroner);
  kl_test_cli_add ("/cli/funding/ks-example", test_funding_ks_example);
  kl_test_cli_add ("/cli/funding/old-scheme", test_funding_old_scheme);
  kl_test_cli_add ("/cli/funding/refusals", test_funding_refusals);
  kl_test_cli_add ("/cli/delete-refused", test_delete_refused);
  kl_test_cli_add ("/cli/sessions-and-attendance", test_sessions_and_attendance);
  kl_test_cli_add ("/cli/demo-and-search", test_demo_and_search);
  kl_test_cli_add ("/cli/demo-claims-add-up", test_demo_claims_add_up);
  kl_test_cli_add ("/cli/database-choice", test_database_choice);
  kl_test_cli_add ("/cli/norwegian", test_norwegian);
  kl_test_cli_add ("/cli/funding/documents", test_funding_documents);
  kl_test_cli_add ("/cli/funding/sent", test_funding_sent);
  kl_test_cli_add ("/cli/attendance-warnings", test_attendance_warnings);
  kl_test_cli_add ("/cli/modules", test_modules);
  return g_test_run ();
}
