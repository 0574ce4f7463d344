/* kartleser-cli session repeat and holidays, as a script runs them: the
 * plan of a dry run, the ids of what was added, holidays skipped or
 * warned about, JSON, refusals, and Norwegian. */

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kl-test-cli.h"
#include "kl-test-server.h"
#include "kl-test-util.h"

typedef struct
{
  char *dir;
  char *db;
  char *programme;   /* ids as the command line takes them */
  char *leader;
} Fixture;

static guint
count_sessions (Fixture *fixture)
{
  g_auto(KlCliRun) run = { 0 };
  g_autoptr(JsonArray) sessions = NULL;

  kl_test_cli_run (&run, fixture->db, "--json", "session", "list", "--programme", fixture->programme);
  g_assert_cmpint (run.status, ==, 0);
  sessions = kl_test_cli_parse_array (run.out);
  return json_array_get_length (sessions);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *client_id = NULL;

  fixture->dir = kl_test_make_dir ("test-cli-series");
  fixture->db = kl_test_db_location_named (fixture->dir, "test.db");
  client_id = kl_test_cli_create (fixture->db, "client", "add", "--name", "Vestland fylkeskommune",
                                  "--kind", "fylkeskommune");
  fixture->programme = kl_test_cli_create (fixture->db, "programme", "add", "--client", client_id,
                                           "--title", "LED SKOLE Vestland", "--start", "2026-01-01",
                                           "--end", "2026-06-30");
  fixture->leader = kl_test_cli_create (fixture->db, "consultant", "add", "--name", "Hilde Aas");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kl_test_cli_clear_dir (&fixture->dir, &fixture->db);
  g_free (fixture->programme);
  g_free (fixture->leader);
}

/* Thursdays through spring 2026, Maundy Thursday and Ascension Day left
 * out: the dry run shows it all and writes nothing. */
static void
test_dry_run (Fixture       *fixture,
              gconstpointer  data)
{
  g_auto(KlCliRun) run = { 0 };
  g_auto(KlCliRun) json = { 0 };
  g_autoptr(JsonArray) plan = NULL;
  JsonObject *maundy;

  kl_test_cli_run (&run, fixture->db, "session", "repeat", "--programme", fixture->programme, "--title", "Samling",
           "--from", "2026-01-08", "--until", "2026-06-18", "--weekdays", "thu", "--every", "1",
           "--time", "09:00-15:30", "--skip-holidays", "--dry-run");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpuint (kl_test_count_in (run.out, "\n"), ==, 25);
  kl_test_assert_contains (run.out,
                           "2026-01-08  Thu  09:00–15:30  Samling 1\n",
                           "2026-04-02  Thu  09:00–15:30  skipped: Maundy Thursday (Skjærtorsdag)\n",
                           "2026-04-09  Thu  09:00–15:30  Samling 13\n",
                           "2026-05-14  Thu  09:00–15:30  skipped: Ascension Day (Kristi himmelfartsdag)\n",
                           "2026-06-18  Thu  09:00–15:30  Samling 22\n",
                           "22 sessions, 2 skipped; dry run: nothing was added\n",
                           NULL);
  g_assert_cmpuint (count_sessions (fixture), ==, 0);

  /* --json after the command, as everywhere. */
  kl_test_cli_run (&json, fixture->db, "session", "repeat", "--programme", fixture->programme, "--title", "Samling",
           "--from", "2026-01-08", "--until", "2026-06-18", "--weekdays", "thu",
           "--time", "09:00-15:30", "--skip-holidays", "--dry-run", "--json");
  g_assert_cmpint (json.status, ==, 0);
  plan = kl_test_cli_parse_array (json.out);
  g_assert_cmpuint (json_array_get_length (plan), ==, 24);
  maundy = json_array_get_object_element (plan, 12);
  g_assert_cmpstr (json_object_get_string_member (maundy, "date"), ==, "2026-04-02");
  g_assert_cmpstr (json_object_get_string_member (maundy, "weekday"), ==, "thu");
  g_assert_true (json_object_get_boolean_member (maundy, "skipped"));
  g_assert_true (json_object_get_null_member (maundy, "title"));
  g_assert_true (json_object_get_null_member (maundy, "id"));
  g_assert_cmpstr (json_object_get_string_member (maundy, "holiday"), ==, "Maundy Thursday (Skjærtorsdag)");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (plan, 13), "start"), ==,
                   "2026-04-09T09:00");
  g_assert_cmpuint (count_sessions (fixture), ==, 0);
}

/* Added: the new ids, one a line; place and leaders on every session; a
 * second series goes on with the numbers. */
static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  g_auto(KlCliRun) run = { 0 };
  g_autoptr(JsonArray) sessions = NULL;
  g_autoptr(JsonArray) added = NULL;

  kl_test_cli_run (&run, fixture->db, "session", "repeat", "--programme", fixture->programme, "--title", "Samling",
           "--from", "2026-01-07", "--until", "2026-02-05", "--weekdays", "mon,thu", "--every", "2",
           "--time", "9:00-15:30", "--location", "Bergen", "--leader", fixture->leader, "--kind", "lederseminar",
           "--skip-holidays");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpuint (kl_test_count_in (run.out, "\n"), ==, 5);

  sessions = kl_test_cli_json_array (fixture->db, "session", "list", "--programme", fixture->programme);
  g_assert_cmpuint (json_array_get_length (sessions), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      JsonObject *session = json_array_get_object_element (sessions, i);
      JsonArray *leaders = json_object_get_array_member (session, "leaders");
      g_autofree char *title = g_strdup_printf ("Samling %u", i + 1);

      g_assert_cmpstr (json_object_get_string_member (session, "title"), ==, title);
      g_assert_cmpstr (json_object_get_string_member (session, "location"), ==, "Bergen");
      g_assert_cmpstr (json_object_get_string_member (session, "kind"), ==, "lederseminar");
      g_assert_cmpint (json_object_get_int_member (session, "planned_minutes"), ==, 390);
      g_assert_cmpuint (json_array_get_length (leaders), ==, 1);
      g_assert_cmpint (json_array_get_int_element (leaders, 0), ==, g_ascii_strtoll (fixture->leader, NULL, 10));
    }
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sessions, 0), "start"), ==,
                   "2026-01-08T09:00");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sessions, 4), "start"), ==,
                   "2026-02-05T09:00");

  added = kl_test_cli_json_array (fixture->db, "session", "repeat", "--programme", fixture->programme, "--title",
                                  "Samling", "--from", "2026-03-02", "--until", "2026-03-08", "--weekdays", "tue",
                                  "--time", "12:00-16:00");
  g_assert_cmpuint (json_array_get_length (added), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (added, 0), "title"), ==,
                   "Samling 6");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (added, 0), "id"), >, 0);
  g_assert_cmpuint (count_sessions (fixture), ==, 6);
}

/* Holidays not skipped: added all the same, each with a warning. */
static void
test_holidays_kept (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto(KlCliRun) run = { 0 };
  g_auto(KlCliRun) single = { 0 };

  kl_test_cli_run (&run, fixture->db, "session", "repeat", "--programme", fixture->programme, "--title", "Nettverk",
           "--from", "2026-03-30", "--until", "2026-04-10", "--weekdays", "mon,thu", "--time", "09:00-12:00");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (kl_test_count_in (run.out, "\n"), ==, 4);
  g_assert_cmpstr (run.err, ==,
                   "warning: The session “Nettverk 2” is on a public holiday: 2026-04-02 is Maundy Thursday (Skjærtorsdag)\n"
                   "warning: The session “Nettverk 3” is on a public holiday: 2026-04-06 is Easter Monday (Andre påskedag)\n");
  g_assert_cmpuint (count_sessions (fixture), ==, 4);

  /* A single session on 17 May gets the same word. */
  kl_test_cli_run (&single, fixture->db, "session", "add", "--programme", fixture->programme, "--title", "Festsamling",
           "--start", "2026-05-17 10:00", "--end", "2026-05-17 12:00");
  g_assert_cmpint (single.status, ==, 0);
  g_assert_cmpstr (single.err, ==, "warning: The session “Festsamling” is on a public holiday: 2026-05-17 is "
                                   "Constitution Day (Grunnlovsdag)\n");
}

static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  static const struct
  {
    const char *weekdays, *from, *until, *time, *every, *leader;
    int status;
    const char *message;
  } cases[] = {
    { NULL, "2026-01-01", "2026-02-01", "09:00-15:00", "1", NULL, 2, "--weekdays is required" },
    { "mon,fish", "2026-01-01", "2026-02-01", "09:00-15:00", "1", NULL, 1,
      "Weekdays: “fish” is not a day of the week (write e.g. mon,thu)" },
    { "mon", "2026-02-01", "2026-01-01", "09:00-15:00", "1", NULL, 1,
      "Until: 2026-01-01 is before the from date 2026-02-01" },
    { "mon", "2026-01-01", "2026-02-01", "15:00-09:00", "1", NULL, 1,
      "End time: 09:00 is not after the start time 15:00" },
    { "mon", "2026-01-01", "2026-02-01", "9", "1", NULL, 1, "Time: “9” is not a time range" },
    { "mon", "2026-01-01", "2026-02-01", "09:00-15:00", "0", NULL, 1, "Every: 0 is not a number of weeks from 1 to 52" },
    { "mon", "2026-01-01", "2026-02-01", "09:00-15:00", "x", NULL, 2, "--every" },
    { "mon", "2026-01-01", "2026-02-01", "09:00-15:00", "1", "999", 1, "There is no consultant with id 999" },
    { "mon,tue,wed,thu,fri", "2026-01-01", "2026-12-31", "09:00-15:00", "1", NULL, 1, "more than 200 sessions" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint dry = 0; dry < 2; dry++)
      {
        g_auto(KlCliRun) run = { 0 };
        g_autoptr(GPtrArray) args = g_ptr_array_new ();
        const char *fixed[] = { "session", "repeat", "--programme", fixture->programme, "--title", "Samling",
                                "--from", cases[i].from, "--until", cases[i].until, "--time", cases[i].time,
                                "--every", cases[i].every };

        for (guint f = 0; f < G_N_ELEMENTS (fixed); f++)
          g_ptr_array_add (args, (gpointer) fixed[f]);
        if (cases[i].weekdays != NULL)
          {
            g_ptr_array_add (args, "--weekdays");
            g_ptr_array_add (args, (gpointer) cases[i].weekdays);
          }
        if (cases[i].leader != NULL)
          {
            g_ptr_array_add (args, "--leader");
            g_ptr_array_add (args, (gpointer) cases[i].leader);
          }
        if (dry)
          g_ptr_array_add (args, "--dry-run");
        g_ptr_array_add (args, NULL);
        kl_test_cli_run_argv (&run, fixture->db, NULL, (const char *const *) args->pdata);
        g_assert_cmpint (run.status, ==, cases[i].status);
        kl_test_assert_contains (run.err, cases[i].message, NULL);
        g_assert_cmpstr (run.out, ==, "");
        if (cases[i].status == 1)
          g_assert_cmpuint (kl_test_count_in (run.err, "\n"), ==, 1);
      }
  g_assert_cmpuint (count_sessions (fixture), ==, 0);

  {
    g_auto(KlCliRun) unknown = { 0 };

    kl_test_cli_run (&unknown, fixture->db, "session", "repeat", "--programme", "999", "--title", "Samling",
             "--from", "2026-01-01", "--until", "2026-02-01", "--weekdays", "mon", "--time", "09:00-15:00");
    g_assert_cmpint (unknown.status, ==, 1);
    kl_test_assert_contains (unknown.err, "There is no programme with id 999", NULL);
  }
}

static void
test_holidays (Fixture       *fixture,
               gconstpointer  data)
{
  g_auto(GStrv) env = kl_test_cli_norwegian_env ();
  g_auto(KlCliRun) english = { 0 };
  g_auto(KlCliRun) norwegian = { 0 };
  g_auto(KlCliRun) bad = { 0 };
  g_autoptr(JsonArray) holidays = NULL;
  JsonObject *easter;

  kl_test_cli_run (&english, fixture->db, "holidays", "--year", "2026");
  g_assert_cmpint (english.status, ==, 0);
  g_assert_cmpuint (kl_test_count_in (english.out, "\n"), ==, 12);
  g_assert_true (g_str_has_prefix (english.out, "2026-01-01  Thu  New Year’s Day (Nyttårsdag)\n"));
  kl_test_assert_contains (english.out,
                           "2026-04-05  Sun  Easter Sunday (Første påskedag)\n",
                           "2026-05-14  Thu  Ascension Day (Kristi himmelfartsdag)\n",
                           NULL);

  holidays = kl_test_cli_json_array (fixture->db, "holidays", "--year", "2025");
  g_assert_cmpuint (json_array_get_length (holidays), ==, 12);
  easter = json_array_get_object_element (holidays, 3);
  g_assert_cmpstr (json_object_get_string_member (easter, "date"), ==, "2025-04-20");
  g_assert_cmpstr (json_object_get_string_member (easter, "weekday"), ==, "sun");
  g_assert_cmpstr (json_object_get_string_member (easter, "name"), ==, "Easter Sunday");
  g_assert_cmpstr (json_object_get_string_member (easter, "norwegian"), ==, "Første påskedag");

  /* In Norwegian the Norwegian name only. */
  kl_test_cli_run_env (&norwegian, fixture->db, env, "holidays", "--year", "2024", NULL);
  g_assert_cmpint (norwegian.status, ==, 0);
  kl_test_assert_contains (norwegian.out,
                           "2024-03-28  tor  Skjærtorsdag\n",
                           "2024-05-17  fre  Grunnlovsdag\n",
                           NULL);
  g_assert_null (strchr (norwegian.out, '('));

  kl_test_cli_run (&bad, fixture->db, "holidays", "--year", "20260");
  g_assert_cmpint (bad.status, ==, 2);
  kl_test_assert_contains (bad.err, "--year: 20260 is not a year from 1583 to 9999", NULL);
}

/* Refusals and the plan in Norwegian. */
static void
test_norwegian (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(GStrv) env = kl_test_cli_norwegian_env ();
  g_auto(KlCliRun) plan = { 0 };
  g_auto(KlCliRun) refused = { 0 };

  kl_test_cli_run_env (&plan, fixture->db, env, "session", "repeat", "--programme", fixture->programme,
               "--title", "Samling", "--from", "2026-03-30", "--until", "2026-04-03", "--weekdays", "man,tor,fre",
               "--time", "09:00-15:00", "--skip-holidays", "--dry-run", NULL);
  g_assert_cmpint (plan.status, ==, 0);
  g_assert_cmpstr (plan.out, ==,
                   "2026-03-30  man  09:00–15:00  Samling 1\n"
                   "2026-04-02  tor  09:00–15:00  hoppet over: Skjærtorsdag\n"
                   "2026-04-03  fre  09:00–15:00  hoppet over: Langfredag\n"
                   "1 samling, 2 hoppet over; prøvekjøring: ingenting ble lagt til\n");

  kl_test_cli_run_env (&refused, fixture->db, env, "session", "repeat", "--programme", fixture->programme,
               "--title", "Samling", "--from", "2026-03-30", "--until", "2026-04-03", "--weekdays", "man",
               "--time", "15:00-09:00", NULL);
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_cmpstr (refused.err, ==, "kartleser-cli: Sluttid: 09:00 er ikke etter starttiden 15:00\n");
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  kl_test_cli_init (&argc, &argv);

  ADD ("/cli-series/dry-run", test_dry_run);
  ADD ("/cli-series/create", test_create);
  ADD ("/cli-series/holidays-kept", test_holidays_kept);
  ADD ("/cli-series/refusals", test_refusals);
  ADD ("/cli-series/holidays", test_holidays);
  ADD ("/cli-series/norwegian", test_norwegian);
  return g_test_run ();
}
