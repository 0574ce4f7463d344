/* The store: what the office enters, how it comes back, what is refused
 * and why, the funding case's life, the claim and search. Close to 2 000
 * lines and kept one program: it runs on SQLite and again on PostgreSQL
 * (test-store-postgresql), where each program starts a private server of
 * its own, and its tests share the programme fixture and the helpers that
 * mark attendance and build funding cases. */

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "kl-error.h"
#include "kl-store.h"
#include "kl-test-store.h"
#include "kl-test-util.h"

typedef KlTestDbFixture Fixture;

/* Where most tests start: a client, Tromsø kommune, with one programme,
 * LED SKOLE, over 2024. */
typedef struct
{
  char *dir;
  KlDb *db;
  gint64 client;
  gint64 programme;
} ProgrammeFixture;

static void
programme_fixture_set_up (ProgrammeFixture *fixture,
                          gconstpointer     data)
{
  fixture->dir = kl_test_make_dir ("test-store");
  fixture->db = kl_test_open_db (fixture->dir);
  fixture->client = kl_test_add_client (fixture->db, "Tromsø kommune", "kommune", 0, "988077917");
  fixture->programme = kl_test_add_programme (fixture->db, fixture->client, "LED SKOLE", "2024-01-01",
                                              "2024-12-31");
}

static void
programme_fixture_tear_down (ProgrammeFixture *fixture,
                             gconstpointer     data)
{
  kl_test_close_db (&fixture->db, &fixture->dir);
}

/* Helpers that make the usual records and assert they were stored. */

static gboolean
mark (KlDb        *db,
      gint64       session_id,
      gint64       participant_id,
      const char  *status,
      int          minutes,
      GError     **error)
{
  g_autoptr(KlAttendance) attendance = kl_attendance_new ();

  attendance->session_id = session_id;
  attendance->participant_id = participant_id;
  attendance->status = g_strdup (status);
  attendance->minutes = minutes;
  return kl_store_set_attendance (db, attendance, error);
}

static KlCostItem *
cost_new (gint64          programme_id,
          KlCostCategory  category,
          gint64          consultant_id,
          int             days,
          gint64          net_ore,
          gint64          vat_ore)
{
  KlCostItem *item = kl_cost_item_new ();

  item->programme_id = programme_id;
  item->category = category;
  item->consultant_id = consultant_id;
  item->days = days;
  item->net_ore = net_ore;
  item->vat_ore = vat_ore;
  return item;
}

static gint64
add_cost (KlDb           *db,
          gint64          programme_id,
          KlCostCategory  category,
          gint64          consultant_id,
          int             days,
          gint64          net_ore,
          gint64          vat_ore)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlCostItem) item = cost_new (programme_id, category, consultant_id, days, net_ore, vat_ore);

  g_assert_true (kl_store_insert_cost (db, item, &error));
  g_assert_no_error (error);
  g_assert_cmpint (item->id, >, 0);
  return item->id;
}

static void
assert_timestamp (const char *value)
{
  g_assert_nonnull (value);
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$", value, 0, 0));
}

/* Clients */

static void
test_client_crud (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlClient) client = kl_client_new ();
  g_autoptr(KlClient) loaded = NULL;
  g_autoptr(KlClient) updated = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  gint64 school;

  client->name = g_strdup ("Tromsø kommune");
  client->kind = g_strdup ("kommune");
  client->orgnr = g_strdup ("988 077 917");
  client->account = g_strdup ("1234.56.78903");
  client->address = g_strdup ("Postboks 6900, 9299 Tromsø");
  client->invoice_email = g_strdup ("faktura@tromso.kommune.no");
  client->contact_name = g_strdup ("Kari Nordmann");
  client->contact_email = g_strdup ("kari.nordmann@tromso.kommune.no");
  client->contact_phone = g_strdup ("+47 77 79 00 00");
  client->notes = g_strdup ("Skoleeier for 40 skoler");
  g_assert_true (kl_store_insert_client (fixture->db, client, &error));
  g_assert_no_error (error);
  g_assert_cmpint (client->id, >, 0);

  loaded = kl_store_get_client (fixture->db, client->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->id, ==, client->id);
  g_assert_cmpstr (loaded->name, ==, "Tromsø kommune");
  g_assert_cmpstr (loaded->kind, ==, "kommune");
  g_assert_cmpint (loaded->parent_id, ==, 0);
  /* Numbers are stored as digits, however they were typed. */
  g_assert_cmpstr (loaded->orgnr, ==, "988077917");
  g_assert_cmpstr (loaded->account, ==, "12345678903");
  g_assert_cmpstr (loaded->address, ==, "Postboks 6900, 9299 Tromsø");
  g_assert_cmpstr (loaded->invoice_email, ==, "faktura@tromso.kommune.no");
  g_assert_cmpstr (loaded->contact_name, ==, "Kari Nordmann");
  g_assert_cmpstr (loaded->contact_email, ==, "kari.nordmann@tromso.kommune.no");
  g_assert_cmpstr (loaded->contact_phone, ==, "+47 77 79 00 00");
  g_assert_cmpstr (loaded->notes, ==, "Skoleeier for 40 skoler");
  assert_timestamp (loaded->created_at);
  assert_timestamp (loaded->updated_at);

  /* Clearing an optional field stores nothing, not "". */
  g_free (loaded->contact_phone);
  loaded->contact_phone = g_strdup ("");
  g_free (loaded->name);
  loaded->name = g_strdup ("Tromsø kommune, oppvekst");
  g_assert_true (kl_store_update_client (fixture->db, loaded, &error));
  g_assert_no_error (error);
  updated = kl_store_get_client (fixture->db, client->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (updated->name, ==, "Tromsø kommune, oppvekst");
  g_assert_null (updated->contact_phone);
  g_assert_cmpstr (updated->orgnr, ==, "988077917");
  g_assert_cmpstr (updated->created_at, ==, loaded->created_at);

  /* Listed by name, whatever the case. */
  school = kl_test_add_client (fixture->db, "bakkeby skole", "skole", client->id, NULL);
  kl_test_add_client (fixture->db, "Alta kommune", "kommune", 0, NULL);
  clients = kl_store_list_clients (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clients->len, ==, 3);
  g_assert_cmpstr (((KlClient *) clients->pdata[0])->name, ==, "Alta kommune");
  g_assert_cmpstr (((KlClient *) clients->pdata[1])->name, ==, "bakkeby skole");
  g_assert_cmpint (((KlClient *) clients->pdata[1])->parent_id, ==, client->id);
  g_assert_cmpstr (((KlClient *) clients->pdata[2])->name, ==, "Tromsø kommune, oppvekst");

  /* An unused client can go. */
  g_assert_true (kl_store_delete_client (fixture->db, school, &error));
  g_assert_no_error (error);
  kl_test_assert_refused (kl_store_get_client (fixture->db, school, &error), KL_ERROR_NOT_FOUND);
  g_clear_pointer (&clients, g_ptr_array_unref);
  clients = kl_store_list_clients (fixture->db, &error);
  g_assert_cmpuint (clients->len, ==, 2);

  /* What is not there cannot be changed or deleted. */
  updated->id = 999;
  kl_test_assert_refused (kl_store_update_client (fixture->db, updated, &error), KL_ERROR_NOT_FOUND);
  g_assert_false (kl_store_delete_client (fixture->db, 999, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_NOT_FOUND);
}

static void
assert_client_refused (KlDb       *db,
                       KlClient   *client,
                       int         code,
                       const char *field)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (kl_store_insert_client (db, client, &error));
  g_assert_error (error, KL_ERROR, code);
  g_assert_true (g_str_has_prefix (error->message, field));
  g_assert_cmpint (kl_test_count (db, "SELECT count(*) FROM client"), ==, 0);
}

static void
test_client_validation (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(KlClient) client = kl_client_new ();

  client->name = g_strdup ("Tromsø kommune");
  client->kind = g_strdup ("kommune");
  client->orgnr = g_strdup ("123456789");
  assert_client_refused (fixture->db, client, KL_ERROR_INVALID_ORGNR, "Org number");

  g_clear_pointer (&client->orgnr, g_free);
  client->account = g_strdup ("12345678904");
  assert_client_refused (fixture->db, client, KL_ERROR_INVALID_ACCOUNT, "Bank account");

  g_clear_pointer (&client->account, g_free);
  client->contact_email = g_strdup ("kari.nordmann");
  assert_client_refused (fixture->db, client, KL_ERROR_INVALID_EMAIL, "Contact e-mail");

  g_clear_pointer (&client->contact_email, g_free);
  client->invoice_email = g_strdup ("faktura@");
  assert_client_refused (fixture->db, client, KL_ERROR_INVALID_EMAIL, "Invoice e-mail");

  g_clear_pointer (&client->invoice_email, g_free);
  g_free (client->kind);
  client->kind = g_strdup ("bank");
  assert_client_refused (fixture->db, client, KL_ERROR_INVALID_VALUE, "Kind");

  g_free (client->kind);
  client->kind = g_strdup ("kommune");
  g_free (client->name);
  client->name = g_strdup ("  ");
  assert_client_refused (fixture->db, client, KL_ERROR_REQUIRED, "Name");

  g_free (client->name);
  client->name = g_strdup ("Bakkeby skole");
  client->parent_id = 42;
  assert_client_refused (fixture->db, client, KL_ERROR_NOT_FOUND, "Parent");
}

static void
test_client_delete_in_use (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 kommune = kl_test_add_client (fixture->db, "Tromsø kommune", "kommune", 0, "988077917");
  gint64 school = kl_test_add_client (fixture->db, "Bakkeby skole", "skole", kommune, NULL);
  gint64 programme = kl_test_add_programme (fixture->db, school, "LED SKOLE 2024", "2024-01-01", "2024-12-31");
  gint64 second;
  g_autoptr(KlClient) still = NULL;

  g_assert_false (kl_store_delete_client (fixture->db, school, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_IN_USE);
  kl_test_assert_contains (error->message, "1 programme", "Bakkeby skole", NULL);
  g_clear_error (&error);
  still = kl_store_get_client (fixture->db, school, &error);
  g_assert_no_error (error);
  g_assert_nonnull (still);

  second = kl_test_add_programme (fixture->db, school, "Veiledning", "2024-08-01", "2024-12-31");
  g_assert_false (kl_store_delete_client (fixture->db, school, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "2 programmes"));
  g_clear_error (&error);

  /* The kommune has a school under it. */
  g_assert_false (kl_store_delete_client (fixture->db, kommune, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "1 sub-unit"));
  g_clear_error (&error);

  /* Once what depends on it is gone, it can go. */
  g_assert_true (kl_store_delete_programme (fixture->db, programme, &error));
  g_assert_no_error (error);
  g_assert_true (kl_store_delete_programme (fixture->db, second, &error));
  g_assert_no_error (error);
  g_assert_true (kl_store_delete_client (fixture->db, school, &error));
  g_assert_no_error (error);
  g_assert_true (kl_store_delete_client (fixture->db, kommune, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kl_test_count (fixture->db, "SELECT count(*) FROM client"), ==, 0);
}

static void
test_client_delete_workplace (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlParticipant) participant = kl_participant_new ();
  gint64 school = kl_test_add_client (fixture->db, "Bakkeby skole", "skole", 0, NULL);

  participant->name = g_strdup ("Ola Nordmann");
  participant->workplace_id = school;
  g_assert_true (kl_store_insert_participant (fixture->db, participant, &error));
  g_assert_no_error (error);

  g_assert_false (kl_store_delete_client (fixture->db, school, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "1 participant"));
}

/* The legal entity applies and is paid: a school's kommune, not the school. */
static void
test_legal_entity (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 kommune = kl_test_add_client (fixture->db, "Tromsø kommune", "kommune", 0, "988077917");
  gint64 school = kl_test_add_client (fixture->db, "Bakkeby skole", "skole", kommune, NULL);
  gint64 own_orgnr = kl_test_add_client (fixture->db, "Kroken skole", "skole", kommune, "123456785");
  gint64 lone = kl_test_add_client (fixture->db, "Ensom barnehage", "barnehage", 0, NULL);
  gint64 no_orgnr = kl_test_add_client (fixture->db, "Alta kommune", "kommune", 0, NULL);
  gint64 below = kl_test_add_client (fixture->db, "Komsa skole", "skole", no_orgnr, "988077917");

  g_assert_cmpint (kl_store_legal_entity (fixture->db, kommune, &error), ==, kommune);
  g_assert_no_error (error);
  g_assert_cmpint (kl_store_legal_entity (fixture->db, school, &error), ==, kommune);
  g_assert_no_error (error);
  /* Its own org number does not make a school the applicant. */
  g_assert_cmpint (kl_store_legal_entity (fixture->db, own_orgnr, &error), ==, kommune);
  g_assert_no_error (error);

  g_assert_cmpint (kl_store_legal_entity (fixture->db, lone, &error), ==, 0);
  g_assert_error (error, KL_ERROR, KL_ERROR_REQUIRED);
  g_assert_nonnull (strstr (error->message, "Ensom barnehage"));
  g_clear_error (&error);

  /* A kommune without an org number leaves its schools without one,
   * and the message names the one that lacks it. */
  g_assert_cmpint (kl_store_legal_entity (fixture->db, below, &error), ==, 0);
  g_assert_error (error, KL_ERROR, KL_ERROR_REQUIRED);
  g_assert_cmpstr (error->message, ==, "Org number: “Komsa skole” applies through “Alta kommune”, which has none");
  g_clear_error (&error);

  g_assert_cmpint (kl_store_legal_entity (fixture->db, 999, &error), ==, 0);
  g_assert_error (error, KL_ERROR, KL_ERROR_NOT_FOUND);
}

static void
test_client_parent_cycle (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = kl_test_add_client (fixture->db, "Tromsø kommune", "kommune", 0, NULL);
  gint64 b = kl_test_add_client (fixture->db, "Oppvekst", "annen", a, NULL);
  gint64 c = kl_test_add_client (fixture->db, "Bakkeby skole", "skole", b, NULL);
  g_autoptr(KlClient) top = kl_store_get_client (fixture->db, a, &error);
  g_autoptr(KlClient) reloaded = NULL;

  g_assert_no_error (error);
  top->parent_id = b;
  g_assert_false (kl_store_update_client (fixture->db, top, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE);
  g_assert_true (g_str_has_prefix (error->message, "Parent"));
  g_clear_error (&error);

  top->parent_id = c;
  kl_test_assert_refused (kl_store_update_client (fixture->db, top, &error), KL_ERROR_INVALID_VALUE);

  top->parent_id = a;
  kl_test_assert_refused (kl_store_update_client (fixture->db, top, &error), KL_ERROR_INVALID_VALUE);

  reloaded = kl_store_get_client (fixture->db, a, &error);
  g_assert_no_error (error);
  g_assert_cmpint (reloaded->parent_id, ==, 0);

  /* Moving a unit elsewhere in the tree is fine. */
  {
    g_autoptr(KlClient) unit = kl_store_get_client (fixture->db, c, &error);

    unit->parent_id = a;
    g_assert_true (kl_store_update_client (fixture->db, unit, &error));
    g_assert_no_error (error);
  }
}

/* Consultants */

static void
test_consultant_crud (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlConsultant) consultant = kl_consultant_new ();
  g_autoptr(KlConsultant) loaded = NULL;
  g_autoptr(KlConsultant) updated = NULL;
  g_autoptr(GPtrArray) all = NULL;
  gint64 client;
  gint64 other;

  consultant->name = g_strdup ("Per Dalin");
  consultant->email = g_strdup ("per@imtec.no");
  consultant->phone = g_strdup ("22 00 00 00");
  consultant->external = TRUE;
  consultant->day_rate_ore = 2000000;
  g_assert_true (kl_store_insert_consultant (fixture->db, consultant, &error));
  g_assert_no_error (error);

  loaded = kl_store_get_consultant (fixture->db, consultant->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->name, ==, "Per Dalin");
  g_assert_cmpstr (loaded->email, ==, "per@imtec.no");
  g_assert_cmpstr (loaded->phone, ==, "22 00 00 00");
  g_assert_true (loaded->external);
  g_assert_cmpint (loaded->day_rate_ore, ==, 2000000);
  assert_timestamp (loaded->created_at);

  loaded->external = FALSE;
  loaded->day_rate_ore = 1800000;
  g_assert_true (kl_store_update_consultant (fixture->db, loaded, &error));
  g_assert_no_error (error);
  updated = kl_store_get_consultant (fixture->db, consultant->id, &error);
  g_assert_false (updated->external);
  g_assert_cmpint (updated->day_rate_ore, ==, 1800000);

  /* Refusals name the field. */
  updated->day_rate_ore = -1;
  g_assert_false (kl_store_update_consultant (fixture->db, updated, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_AMOUNT);
  g_assert_true (g_str_has_prefix (error->message, "Day rate"));
  g_clear_error (&error);
  updated->day_rate_ore = 0;
  g_free (updated->email);
  updated->email = g_strdup ("per(at)imtec.no");
  kl_test_assert_refused (kl_store_update_consultant (fixture->db, updated, &error), KL_ERROR_INVALID_EMAIL);

  /* One who leads a programme stays. */
  client = kl_test_add_client (fixture->db, "Tromsø kommune", "kommune", 0, NULL);
  {
    g_autoptr(KlProgramme) programme = kl_test_programme_new (client, "LED SKOLE", "2024-01-01", "2024-12-31");

    programme->lead_id = consultant->id;
    g_assert_true (kl_store_insert_programme (fixture->db, programme, &error));
    g_assert_no_error (error);
  }
  g_assert_false (kl_store_delete_consultant (fixture->db, consultant->id, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "1 programme led"));
  g_clear_error (&error);

  other = kl_test_add_consultant (fixture->db, "Anne Gjest");
  all = kl_store_list_consultants (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpstr (((KlConsultant *) all->pdata[0])->name, ==, "Anne Gjest");
  g_assert_true (kl_store_delete_consultant (fixture->db, other, &error));
  g_assert_no_error (error);
  g_assert_null (kl_store_get_consultant (fixture->db, other, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_NOT_FOUND);
}

/* Programmes */

static void
test_programme_crud (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = kl_test_add_client (fixture->db, "Tromsø kommune", "kommune", 0, NULL);
  gint64 lead = kl_test_add_consultant (fixture->db, "Per Dalin");
  g_autoptr(KlProgramme) programme = kl_test_programme_new (client, "LED SKOLE Tromsø", "2024-01-15", "2024-12-15");
  g_autoptr(KlProgramme) loaded = NULL;
  g_autoptr(KlProgramme) updated = NULL;
  g_autoptr(GPtrArray) all = NULL;
  gint64 later;

  programme->lead_id = lead;
  programme->goals = g_strdup ("Bedre læring for alle elever");
  programme->target_group = g_strdup ("Rektorer og avdelingsledere");
  programme->q_current = g_strdup ("Kunnskapsgrunnlag");
  programme->q_future = g_strdup ("Fremtidsbilder");
  programme->q_process = g_strdup ("Utviklingsprosess");
  g_assert_true (kl_store_insert_programme (fixture->db, programme, &error));
  g_assert_no_error (error);

  loaded = kl_store_get_programme (fixture->db, programme->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->client_id, ==, client);
  g_assert_cmpstr (loaded->title, ==, "LED SKOLE Tromsø");
  g_assert_cmpstr (loaded->kind, ==, "led-skole");
  /* 2024 is behind the clock the tests set: the calendar says finished. */
  g_assert_cmpstr (loaded->status, ==, "finished");
  g_assert_cmpstr (loaded->start_date, ==, "2024-01-15");
  g_assert_cmpstr (loaded->end_date, ==, "2024-12-15");
  g_assert_cmpint (loaded->lead_id, ==, lead);
  g_assert_cmpstr (loaded->goals, ==, "Bedre læring for alle elever");
  g_assert_cmpstr (loaded->target_group, ==, "Rektorer og avdelingsledere");
  g_assert_cmpstr (loaded->q_current, ==, "Kunnskapsgrunnlag");
  g_assert_cmpstr (loaded->q_future, ==, "Fremtidsbilder");
  g_assert_cmpstr (loaded->q_process, ==, "Utviklingsprosess");
  assert_timestamp (loaded->created_at);

  g_free (loaded->status);
  loaded->status = g_strdup ("cancelled");
  loaded->lead_id = 0;
  g_assert_true (kl_store_update_programme (fixture->db, loaded, &error));
  g_assert_no_error (error);
  updated = kl_store_get_programme (fixture->db, programme->id, &error);
  g_assert_cmpstr (updated->status, ==, "cancelled");
  g_assert_cmpint (updated->lead_id, ==, 0);

  /* The newest first. */
  later = kl_test_add_programme (fixture->db, client, "Nettverk 2025", "2025-01-01", "2025-06-30");
  all = kl_store_list_programmes (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpint (((KlProgramme *) all->pdata[0])->id, ==, later);
  g_assert_cmpint (((KlProgramme *) all->pdata[1])->id, ==, programme->id);

  g_assert_true (kl_store_delete_programme (fixture->db, later, &error));
  g_assert_no_error (error);
  g_assert_null (kl_store_get_programme (fixture->db, later, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_NOT_FOUND);
}

static const char *
status_on (KlDb       *db,
           gint64      programme_id,
           const char *now)
{
  static char status[16];
  g_autoptr(KlProgramme) programme = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("KARTLESER_NOW", now, TRUE);
  programme = kl_store_get_programme (db, programme_id, &error);
  g_assert_no_error (error);
  g_strlcpy (status, programme->status, sizeof status);
  return status;
}

/* A programme's status follows the calendar: planned until its first
 * session (not its start date: the first seminar is often later),
 * running until its end date, finished after; only cancelled is set by
 * hand, and stays whatever the date. */
static void
test_programme_status_from_calendar (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = kl_test_add_client (fixture->db, "Tromsø kommune", "kommune", 0, NULL);
  gint64 programme = kl_test_add_programme (fixture->db, client, "LED SKOLE Tromsø", "2026-08-01", "2027-06-15");
  g_autoptr(KlProgramme) loaded = NULL;
  g_autofree char *saved_now = g_strdup (g_getenv ("KARTLESER_NOW"));

  /* Without sessions, the start date decides. */
  g_assert_cmpstr (status_on (fixture->db, programme, "2026-07-31T12:00"), ==, "planned");
  g_assert_cmpstr (status_on (fixture->db, programme, "2026-08-01T08:00"), ==, "running");
  kl_test_add_session (fixture->db, programme, "Samling 1", "2026-09-02T09:00", "2026-09-02T15:00");
  g_assert_cmpstr (status_on (fixture->db, programme, "2026-08-20T12:00"), ==, "planned");
  g_assert_cmpstr (status_on (fixture->db, programme, "2026-09-02T08:00"), ==, "running");
  g_assert_cmpstr (status_on (fixture->db, programme, "2027-06-15T23:59"), ==, "running");
  g_assert_cmpstr (status_on (fixture->db, programme, "2027-06-16T00:00"), ==, "finished");

  loaded = kl_store_get_programme (fixture->db, programme, &error);
  g_free (loaded->status);
  loaded->status = g_strdup ("cancelled");
  g_assert_true (kl_store_update_programme (fixture->db, loaded, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (status_on (fixture->db, programme, "2026-09-02T08:00"), ==, "cancelled");
  g_assert_cmpstr (status_on (fixture->db, programme, "2028-01-01T08:00"), ==, "cancelled");
  /* Saved with what it read back ("running"), it follows the calendar again. */
  g_free (loaded->status);
  loaded->status = g_strdup ("running");
  g_assert_true (kl_store_update_programme (fixture->db, loaded, &error));
  g_assert_cmpstr (status_on (fixture->db, programme, "2026-08-20T12:00"), ==, "planned");
  if (saved_now != NULL)
    g_setenv ("KARTLESER_NOW", saved_now, TRUE);
  else
    g_unsetenv ("KARTLESER_NOW");
}

static void
test_programme_validation (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = kl_test_add_client (fixture->db, "Tromsø kommune", "kommune", 0, NULL);
  g_autoptr(KlProgramme) programme = kl_test_programme_new (client, "LED SKOLE", "2024-12-31", "2024-01-01");

  g_assert_false (kl_store_insert_programme (fixture->db, programme, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_DATE_ORDER);
  g_assert_true (g_str_has_prefix (error->message, "End date"));
  g_clear_error (&error);

  g_free (programme->end_date);
  programme->end_date = g_strdup ("2024-13-01");
  kl_test_assert_refused (kl_store_insert_programme (fixture->db, programme, &error), KL_ERROR_INVALID_DATE);

  g_free (programme->end_date);
  programme->end_date = g_strdup ("2025-06-30");
  g_free (programme->status);
  programme->status = g_strdup ("done");
  g_assert_false (kl_store_insert_programme (fixture->db, programme, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE);
  g_assert_true (g_str_has_prefix (error->message, "Status"));
  g_clear_error (&error);

  g_free (programme->status);
  programme->status = g_strdup ("planned");
  programme->client_id = 999;
  kl_test_assert_refused (kl_store_insert_programme (fixture->db, programme, &error), KL_ERROR_NOT_FOUND);

  programme->client_id = client;
  programme->lead_id = 999;
  kl_test_assert_refused (kl_store_insert_programme (fixture->db, programme, &error), KL_ERROR_NOT_FOUND);

  g_assert_cmpint (kl_test_count (fixture->db, "SELECT count(*) FROM programme"), ==, 0);
}

static void
test_programme_delete_in_use (ProgrammeFixture *fixture,
                              gconstpointer     data)
{
  g_autoptr(GError) error = NULL;
  gint64 first = kl_test_add_session (fixture->db, fixture->programme, "Samling 1", "2024-02-01T09:00",
                                      "2024-02-01T15:00");

  g_assert_false (kl_store_delete_programme (fixture->db, fixture->programme, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_IN_USE);
  kl_test_assert_contains (error->message, "1 session", "LED SKOLE", NULL);
  g_clear_error (&error);

  kl_test_add_session (fixture->db, fixture->programme, "Samling 2", "2024-03-01T09:00", "2024-03-01T15:00");
  kl_test_enrol (fixture->db, fixture->programme, kl_test_add_participant (fixture->db, "Kari", NULL));
  g_assert_false (kl_store_delete_programme (fixture->db, fixture->programme, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_IN_USE);
  kl_test_assert_contains (error->message, "2 sessions", "1 enrolment", NULL);
  g_clear_error (&error);

  {
    g_autoptr(KlProgramme) still = kl_store_get_programme (fixture->db, fixture->programme, NULL);

    g_assert_nonnull (still);
  }
  g_assert_cmpint (kl_test_count (fixture->db, "SELECT count(*) FROM session"), ==, 2);
  g_assert_true (kl_store_delete_session (fixture->db, first, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kl_test_count (fixture->db, "SELECT count(*) FROM session"), ==, 1);
}

/* Sessions */

static void
test_session_crud (ProgrammeFixture *fixture,
                   gconstpointer     data)
{
  g_autoptr(GError) error = NULL;
  gint64 per = kl_test_add_consultant (fixture->db, "Per Dalin");
  gint64 anne = kl_test_add_consultant (fixture->db, "Anne Gjest");
  g_autoptr(KlSession) session = kl_test_session_new (fixture->programme, "Fagsamling 2", "2024-05-02T09:00",
                                                      "2024-05-02T15:30");
  g_autoptr(KlSession) loaded = NULL;
  g_autoptr(KlSession) updated = NULL;
  g_autoptr(GPtrArray) all = NULL;
  gint64 first;

  session->location = g_strdup ("Rådhuset, Tromsø");
  g_array_append_val (session->leader_ids, anne);
  g_array_append_val (session->leader_ids, per);
  g_assert_true (kl_store_insert_session (fixture->db, session, &error));
  g_assert_no_error (error);

  loaded = kl_store_get_session (fixture->db, session->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->programme_id, ==, fixture->programme);
  g_assert_cmpstr (loaded->kind, ==, "fagsamling");
  g_assert_cmpstr (loaded->title, ==, "Fagsamling 2");
  g_assert_cmpstr (loaded->starts_at, ==, "2024-05-02T09:00");
  g_assert_cmpstr (loaded->ends_at, ==, "2024-05-02T15:30");
  g_assert_cmpstr (loaded->location, ==, "Rådhuset, Tromsø");
  g_assert_cmpuint (loaded->leader_ids->len, ==, 2);
  g_assert_cmpint (g_array_index (loaded->leader_ids, gint64, 0), ==, MIN (per, anne));
  g_assert_cmpint (g_array_index (loaded->leader_ids, gint64, 1), ==, MAX (per, anne));
  assert_timestamp (loaded->created_at);
  /* Planned hours follow the times unless entered. */
  g_assert_cmpint (kl_session_minutes (loaded), ==, 390);

  /* Leaders are replaced, not added to. */
  g_array_set_size (loaded->leader_ids, 0);
  g_array_append_val (loaded->leader_ids, per);
  loaded->planned_minutes = 300;
  g_free (loaded->kind);
  loaded->kind = g_strdup ("veiledning");
  g_assert_true (kl_store_update_session (fixture->db, loaded, &error));
  g_assert_no_error (error);
  updated = kl_store_get_session (fixture->db, session->id, &error);
  g_assert_cmpuint (updated->leader_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (updated->leader_ids, gint64, 0), ==, per);
  g_assert_cmpint (updated->planned_minutes, ==, 300);
  g_assert_cmpint (kl_session_minutes (updated), ==, 300);
  g_assert_cmpstr (updated->kind, ==, "veiledning");

  /* In order of time, with their leaders. */
  first = kl_test_add_session (fixture->db, fixture->programme, "Fagsamling 1", "2024-02-01T09:00", "2024-02-01T15:00");
  all = kl_store_list_sessions (fixture->db, fixture->programme, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpint (((KlSession *) all->pdata[0])->id, ==, first);
  g_assert_cmpint (((KlSession *) all->pdata[1])->id, ==, session->id);
  g_assert_cmpuint (((KlSession *) all->pdata[1])->leader_ids->len, ==, 1);

  /* A leader of a session is in use; the session takes its leaders along. */
  g_assert_false (kl_store_delete_consultant (fixture->db, per, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "1 session"));
  g_clear_error (&error);
  g_assert_true (kl_store_delete_session (fixture->db, session->id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kl_test_count (fixture->db, "SELECT count(*) FROM session_leader"), ==, 0);
  g_assert_true (kl_store_delete_consultant (fixture->db, per, &error));
  g_assert_no_error (error);
}

static void
test_session_validation (ProgrammeFixture *fixture,
                         gconstpointer     data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSession) session = kl_test_session_new (fixture->programme, "Samling", "2024-05-02T15:00",
                                                      "2024-05-02T09:00");
  gint64 nobody = 999;

  g_assert_false (kl_store_insert_session (fixture->db, session, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_DATE_ORDER);
  g_assert_true (g_str_has_prefix (error->message, "End"));
  g_clear_error (&error);

  g_free (session->ends_at);
  session->ends_at = g_strdup ("2024-05-02 16:00");
  kl_test_assert_refused (kl_store_insert_session (fixture->db, session, &error), KL_ERROR_INVALID_DATE);

  g_free (session->ends_at);
  session->ends_at = g_strdup ("2024-05-02T16:00");
  g_array_append_val (session->leader_ids, nobody);
  g_assert_false (kl_store_insert_session (fixture->db, session, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, "Leaders"));
  g_clear_error (&error);

  g_array_set_size (session->leader_ids, 0);
  session->programme_id = 999;
  kl_test_assert_refused (kl_store_insert_session (fixture->db, session, &error), KL_ERROR_NOT_FOUND);

  g_assert_cmpint (kl_test_count (fixture->db, "SELECT count(*) FROM session"), ==, 0);
}

/* A session outside the programme's period is stored, with a warning. */
static void
test_session_warning (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = kl_test_add_client (fixture->db, "Tromsø kommune", "kommune", 0, NULL);
  gint64 programme = kl_test_add_programme (fixture->db, client, "LED SKOLE", "2024-01-15", "2024-06-30");
  g_autoptr(KlSession) inside = kl_test_session_new (programme, "Inne", "2024-03-01T09:00", "2024-03-01T15:00");
  g_autoptr(KlSession) first_day = kl_test_session_new (programme, "Første", "2024-01-15T09:00", "2024-01-15T15:00");
  g_autoptr(KlSession) last_day = kl_test_session_new (programme, "Siste", "2024-06-30T09:00", "2024-06-30T23:59");
  g_autoptr(KlSession) before = kl_test_session_new (programme, "For tidlig", "2024-01-14T09:00", "2024-01-14T15:00");
  g_autoptr(KlSession) after = kl_test_session_new (programme, "For sent", "2024-06-30T09:00", "2024-07-01T12:00");
  g_autofree char *none = NULL;
  g_autofree char *warning = NULL;
  g_autofree char *warning_after = NULL;

  none = kl_store_session_warning (fixture->db, inside, &error);
  g_assert_no_error (error);
  g_assert_null (none);
  g_assert_null (kl_store_session_warning (fixture->db, first_day, &error));
  g_assert_no_error (error);
  g_assert_null (kl_store_session_warning (fixture->db, last_day, &error));
  g_assert_no_error (error);

  warning = kl_store_session_warning (fixture->db, before, &error);
  g_assert_no_error (error);
  g_assert_nonnull (warning);
  kl_test_assert_contains (warning, "For tidlig", "2024-01-15", NULL);
  warning_after = kl_store_session_warning (fixture->db, after, &error);
  g_assert_no_error (error);
  g_assert_nonnull (warning_after);

  /* Allowed all the same: plans move. */
  g_assert_true (kl_store_insert_session (fixture->db, before, &error));
  g_assert_no_error (error);
}

/* Participants, enrolment and attendance */

static void
test_participant_crud (ProgrammeFixture *fixture,
                       gconstpointer     data)
{
  g_autoptr(GError) error = NULL;
  gint64 school = kl_test_add_client (fixture->db, "Bakkeby skole", "skole", 0, NULL);
  g_autoptr(KlParticipant) participant = kl_participant_new ();
  g_autoptr(KlParticipant) loaded = NULL;
  g_autoptr(KlParticipant) updated = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) enrolled = NULL;
  gint64 other;

  participant->name = g_strdup ("Kari Nordmann");
  participant->email = g_strdup ("kari@bakkeby.no");
  participant->phone = g_strdup ("900 00 000");
  participant->role = g_strdup ("rektor");
  participant->workplace_id = school;
  participant->notes = g_strdup ("Starter i august");
  g_assert_true (kl_store_insert_participant (fixture->db, participant, &error));
  g_assert_no_error (error);

  loaded = kl_store_get_participant (fixture->db, participant->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->name, ==, "Kari Nordmann");
  g_assert_cmpstr (loaded->email, ==, "kari@bakkeby.no");
  g_assert_cmpstr (loaded->phone, ==, "900 00 000");
  g_assert_cmpstr (loaded->role, ==, "rektor");
  g_assert_cmpint (loaded->workplace_id, ==, school);
  g_assert_cmpstr (loaded->notes, ==, "Starter i august");
  assert_timestamp (loaded->created_at);

  g_free (loaded->role);
  loaded->role = g_strdup ("inspektør");
  loaded->workplace_id = 0;
  g_assert_true (kl_store_update_participant (fixture->db, loaded, &error));
  g_assert_no_error (error);
  updated = kl_store_get_participant (fixture->db, participant->id, &error);
  g_assert_cmpstr (updated->role, ==, "inspektør");
  g_assert_cmpint (updated->workplace_id, ==, 0);

  other = kl_test_add_participant (fixture->db, "Arne Bakke", NULL);
  kl_test_enrol (fixture->db, fixture->programme, participant->id);
  all = kl_store_list_participants (fixture->db, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpstr (((KlParticipant *) all->pdata[0])->name, ==, "Arne Bakke");
  /* Of a programme: only those enrolled. */
  enrolled = kl_store_list_participants (fixture->db, fixture->programme, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (enrolled->len, ==, 1);
  g_assert_cmpint (((KlParticipant *) enrolled->pdata[0])->id, ==, participant->id);

  g_assert_false (kl_store_delete_participant (fixture->db, participant->id, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "1 enrolment"));
  g_clear_error (&error);
  g_assert_true (kl_store_delete_participant (fixture->db, other, &error));
  g_assert_no_error (error);
  kl_test_assert_refused (kl_store_get_participant (fixture->db, other, &error), KL_ERROR_NOT_FOUND);

  /* Refusals name the field. */
  g_free (updated->email);
  updated->email = g_strdup ("kari at bakkeby.no");
  g_assert_false (kl_store_update_participant (fixture->db, updated, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_EMAIL);
  g_assert_true (g_str_has_prefix (error->message, "E-mail"));
  g_clear_error (&error);
  g_clear_pointer (&updated->email, g_free);
  updated->workplace_id = 999;
  g_assert_false (kl_store_update_participant (fixture->db, updated, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, "Workplace"));
}

static void
test_enrolment (ProgrammeFixture *fixture,
                gconstpointer     data)
{
  g_autoptr(GError) error = NULL;
  gint64 kari = kl_test_add_participant (fixture->db, "Kari", NULL);
  g_autoptr(KlEnrolment) enrolment = kl_enrolment_new ();
  g_autoptr(KlEnrolment) again = kl_enrolment_new ();
  g_autoptr(KlEnrolment) backwards = kl_enrolment_new ();
  g_autoptr(KlEnrolment) nobody = kl_enrolment_new ();

  enrolment->programme_id = fixture->programme;
  enrolment->participant_id = kari;
  enrolment->from_date = g_strdup ("2024-01-01");
  g_assert_true (kl_store_enrol (fixture->db, enrolment, &error));
  g_assert_no_error (error);
  g_assert_cmpint (enrolment->id, >, 0);

  /* Enrolling again changes the dates of the one enrolment. */
  again->programme_id = fixture->programme;
  again->participant_id = kari;
  again->from_date = g_strdup ("2024-02-01");
  again->to_date = g_strdup ("2024-06-30");
  g_assert_true (kl_store_enrol (fixture->db, again, &error));
  g_assert_no_error (error);
  g_assert_cmpint (again->id, ==, enrolment->id);
  g_assert_cmpint (kl_test_count (fixture->db, "SELECT count(*) FROM enrolment"), ==, 1);
  g_assert_cmpint (kl_test_count (fixture->db, "SELECT count(*) FROM enrolment WHERE from_date = '2024-02-01' "
                                               "AND to_date = '2024-06-30'"), ==, 1);

  backwards->programme_id = fixture->programme;
  backwards->participant_id = kari;
  backwards->from_date = g_strdup ("2024-06-30");
  backwards->to_date = g_strdup ("2024-02-01");
  g_assert_false (kl_store_enrol (fixture->db, backwards, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_DATE_ORDER);
  g_assert_true (g_str_has_prefix (error->message, "To"));
  g_clear_error (&error);

  nobody->programme_id = fixture->programme;
  nobody->participant_id = 999;
  g_assert_false (kl_store_enrol (fixture->db, nobody, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_NOT_FOUND);
  g_assert_cmpint (kl_test_count (fixture->db, "SELECT count(*) FROM enrolment"), ==, 1);
}

static void
test_attendance (ProgrammeFixture *fixture,
                 gconstpointer     data)
{
  g_autoptr(GError) error = NULL;
  gint64 other_programme = kl_test_add_programme (fixture->db, fixture->client, "Nettverk", "2024-01-01", "2024-12-31");
  gint64 first = kl_test_add_session (fixture->db, fixture->programme, "Samling 1", "2024-02-01T09:00",
                                      "2024-02-01T15:00");
  gint64 second = kl_test_add_session (fixture->db, fixture->programme, "Samling 2", "2024-03-01T09:00",
                                       "2024-03-01T15:00");
  gint64 kari = kl_test_add_participant (fixture->db, "Kari", NULL);
  gint64 ola = kl_test_add_participant (fixture->db, "Ola", NULL);
  gint64 outsider = kl_test_add_participant (fixture->db, "Utenfor", NULL);
  g_autoptr(KlAttendance) attendance = kl_attendance_new ();
  g_autoptr(KlAttendanceGrid) grid = NULL;
  gint64 first_id;

  kl_test_enrol (fixture->db, fixture->programme, kari);
  kl_test_enrol (fixture->db, fixture->programme, ola);
  kl_test_enrol (fixture->db, other_programme, outsider);

  attendance->session_id = first;
  attendance->participant_id = kari;
  attendance->status = g_strdup ("present");
  g_assert_true (kl_store_set_attendance (fixture->db, attendance, &error));
  g_assert_no_error (error);
  first_id = attendance->id;
  g_assert_cmpint (first_id, >, 0);

  /* A second mark for the same person and session replaces the first. */
  g_free (attendance->status);
  attendance->status = g_strdup ("partial");
  attendance->minutes = 90;
  g_assert_true (kl_store_set_attendance (fixture->db, attendance, &error));
  g_assert_no_error (error);
  g_assert_cmpint (attendance->id, ==, first_id);
  g_assert_cmpint (kl_test_count (fixture->db, "SELECT count(*) FROM attendance"), ==, 1);

  /* Partly present needs how long. */
  g_assert_false (mark (fixture->db, first, ola, "partial", 0, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE);
  g_assert_true (g_str_has_prefix (error->message, "Hours"));
  g_clear_error (&error);
  kl_test_assert_refused (mark (fixture->db, first, ola, "late", 0, &error), KL_ERROR_INVALID_VALUE);

  /* Someone not in the programme cannot be marked in its sessions. */
  g_assert_false (mark (fixture->db, first, outsider, "present", 0, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "not enrolled"));
  g_clear_error (&error);
  kl_test_assert_refused (mark (fixture->db, 999, kari, "present", 0, &error), KL_ERROR_NOT_FOUND);

  g_assert_true (mark (fixture->db, first, ola, "excused", 0, &error));
  g_assert_no_error (error);
  g_assert_true (mark (fixture->db, second, ola, "absent", 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kl_test_count (fixture->db, "SELECT count(*) FROM attendance"), ==, 3);

  /* The grid: participants by name, sessions by time. */
  grid = kl_store_load_grid (fixture->db, fixture->programme, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grid->participants->len, ==, 2);
  g_assert_cmpuint (grid->sessions->len, ==, 2);
  g_assert_cmpint (((KlParticipant *) grid->participants->pdata[0])->id, ==, kari);
  g_assert_cmpint (((KlSession *) grid->sessions->pdata[0])->id, ==, first);
  g_assert_cmpint (grid->marks[0 * 2 + 0], ==, 'H');
  g_assert_cmpint (grid->minutes[0 * 2 + 0], ==, 90);
  g_assert_cmpint (grid->marks[0 * 2 + 1], ==, 0);
  g_assert_cmpint (grid->marks[1 * 2 + 0], ==, 'E');
  g_assert_cmpint (grid->marks[1 * 2 + 1], ==, 'A');
  g_clear_pointer (&grid, kl_attendance_grid_free);

  /* Present again: the partial minutes go with the partial mark. */
  g_assert_true (mark (fixture->db, first, kari, "present", 90, &error));
  g_assert_no_error (error);
  grid = kl_store_load_grid (fixture->db, fixture->programme, &error);
  g_assert_cmpint (grid->marks[0], ==, 'P');
  g_assert_cmpint (grid->minutes[0], ==, 0);

  /* Marks are evidence: their session and participant stay. */
  g_assert_false (kl_store_delete_session (fixture->db, first, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "2 attendance marks"));
  g_clear_error (&error);
  g_assert_false (kl_store_delete_participant (fixture->db, ola, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "2 attendance marks"));
}

/* Costs */

static void
test_cost (ProgrammeFixture *fixture,
           gconstpointer     data)
{
  g_autoptr(GError) error = NULL;
  gint64 other = kl_test_add_programme (fixture->db, fixture->client, "Nettverk", "2024-01-01", "2024-12-31");
  gint64 foreign_session = kl_test_add_session (fixture->db, other, "Nettverksmøte", "2024-02-01T09:00",
                                         "2024-02-01T12:00");
  gint64 per = kl_test_add_consultant (fixture->db, "Per Dalin");
  g_autoptr(KlCostItem) fee = cost_new (fixture->programme, KL_COST_SPEAKER_FEE, per, 0, 2000000, 500000);
  g_autoptr(GPtrArray) costs = NULL;
  KlCostItem *loaded;

  /* A fee without days cannot be capped per day. */
  g_assert_false (kl_store_insert_cost (fixture->db, fee, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_MISSING_DAYS);
  g_assert_true (g_str_has_prefix (error->message, "Days"));
  g_clear_error (&error);

  fee->days = 1;
  fee->net_ore = -100;
  g_assert_false (kl_store_insert_cost (fixture->db, fee, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_AMOUNT);
  g_assert_true (g_str_has_prefix (error->message, "Net amount"));
  g_clear_error (&error);

  fee->net_ore = 2000000;
  fee->vat_ore = -1;
  g_assert_false (kl_store_insert_cost (fixture->db, fee, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_AMOUNT);
  g_assert_true (g_str_has_prefix (error->message, "VAT"));
  g_clear_error (&error);

  fee->vat_ore = 500000;
  fee->session_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (fee->session_ids, foreign_session);
  g_assert_false (kl_store_insert_cost (fixture->db, fee, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE);
  g_assert_true (g_str_has_prefix (error->message, "Session"));
  g_clear_error (&error);

  g_clear_pointer (&fee->session_ids, g_array_unref);
  fee->consultant_id = 999;
  kl_test_assert_refused (kl_store_insert_cost (fixture->db, fee, &error), KL_ERROR_NOT_FOUND);
  g_assert_cmpint (kl_test_count (fixture->db, "SELECT count(*) FROM cost_item"), ==, 0);

  fee->consultant_id = per;
  fee->supplier = g_strdup ("Per Dalin AS");
  fee->invoice_no = g_strdup ("2024-017");
  fee->invoice_date = g_strdup ("2024-02-15");
  fee->note = g_strdup ("Fagsamling 1");
  g_assert_true (kl_store_insert_cost (fixture->db, fee, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fee->id, >, 0);

  costs = kl_store_list_costs (fixture->db, fixture->programme, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (costs->len, ==, 1);
  loaded = costs->pdata[0];
  g_assert_cmpint (loaded->id, ==, fee->id);
  g_assert_cmpint (loaded->category, ==, KL_COST_SPEAKER_FEE);
  g_assert_cmpint (loaded->consultant_id, ==, per);
  g_assert_cmpstr (loaded->consultant_name, ==, "Per Dalin");
  g_assert_cmpint (loaded->days, ==, 1);
  g_assert_cmpint (loaded->net_ore, ==, 2000000);
  g_assert_cmpint (loaded->vat_ore, ==, 500000);
  g_assert_cmpstr (loaded->supplier, ==, "Per Dalin AS");
  g_assert_cmpstr (loaded->invoice_no, ==, "2024-017");
  g_assert_cmpstr (loaded->invoice_date, ==, "2024-02-15");
  assert_timestamp (loaded->created_at);

  loaded->days = 2;
  loaded->net_ore = 3000000;
  g_assert_true (kl_store_update_cost (fixture->db, loaded, &error));
  g_assert_no_error (error);
  g_clear_pointer (&costs, g_ptr_array_unref);
  costs = kl_store_list_costs (fixture->db, fixture->programme, &error);
  g_assert_cmpint (((KlCostItem *) costs->pdata[0])->days, ==, 2);
  g_assert_cmpint (((KlCostItem *) costs->pdata[0])->net_ore, ==, 3000000);

  /* A consultant with costs stays. */
  g_assert_false (kl_store_delete_consultant (fixture->db, per, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "1 cost item"));
  g_clear_error (&error);

  g_assert_true (kl_store_delete_cost (fixture->db, fee->id, &error));
  g_assert_no_error (error);
  g_assert_false (kl_store_delete_cost (fixture->db, fee->id, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_NOT_FOUND);
  g_assert_cmpint (kl_test_count (fixture->db, "SELECT count(*) FROM cost_item"), ==, 0);
}

/* Funding */

static KlFundingCase *
load_case (KlDb   *db,
           gint64  programme)
{
  g_autoptr(GError) error = NULL;
  KlFundingCase *funding = kl_store_get_funding_case (db, programme, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (funding);
  return funding;
}

static void
set_status (KlFundingCase *funding,
            const char    *status)
{
  g_free (funding->status);
  funding->status = g_strdup (status);
}

static void
test_funding_lifecycle (ProgrammeFixture *fixture,
                        gconstpointer     data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlFundingCase) funding = kl_funding_case_new ();
  g_autoptr(KlFundingCase) stored = NULL;
  gint64 id;

  kl_test_assert_refused (kl_store_get_funding_case (fixture->db, fixture->programme, NULL, &error),
                          KL_ERROR_NOT_FOUND);

  /* Applied: needs the date it was sent. */
  funding->programme_id = fixture->programme;
  funding->status = g_strdup ("applied");
  g_assert_false (kl_store_save_funding_case (fixture->db, funding, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_REQUIRED);
  g_assert_true (g_str_has_prefix (error->message, "Application date"));
  g_clear_error (&error);
  funding->applied_date = g_strdup ("2024-01-05");
  funding->applied_ore = 31500000;
  g_assert_true (kl_store_save_funding_case (fixture->db, funding, &error));
  g_assert_no_error (error);
  id = funding->id;
  g_assert_cmpint (id, >, 0);
  stored = load_case (fixture->db, fixture->programme);
  g_assert_cmpstr (stored->status, ==, "applied");
  g_assert_cmpstr (stored->scheme, ==, KL_DEFAULT_SCHEME);
  g_assert_cmpstr (stored->applied_date, ==, "2024-01-05");
  g_assert_cmpint (stored->applied_ore, ==, 31500000);
  g_assert_cmpint (stored->granted_ore, ==, KL_NO_AMOUNT);
  g_assert_null (stored->case_no);
  g_clear_pointer (&stored, kl_funding_case_free);

  /* Granted: needs the grant letter's case number, amount and dates. */
  set_status (funding, "granted");
  g_assert_false (kl_store_save_funding_case (fixture->db, funding, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_REQUIRED);
  g_assert_true (g_str_has_prefix (error->message, "Case number"));
  g_clear_error (&error);
  funding->case_no = g_strdup ("24/12345-3");
  funding->grant_date = g_strdup ("2024-02-01");
  funding->expiry_date = g_strdup ("2025-02-01");
  funding->granted_ore = 30000000;
  kl_test_assert_refused (kl_store_save_funding_case (fixture->db, funding, &error), KL_ERROR_INVALID_CASE_NO);
  g_free (funding->case_no);
  funding->case_no = g_strdup ("24/12345");
  funding->granted_ore = KL_NO_AMOUNT;
  g_assert_false (kl_store_save_funding_case (fixture->db, funding, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_REQUIRED);
  g_assert_true (g_str_has_prefix (error->message, "Granted amount"));
  g_clear_error (&error);
  funding->granted_ore = 30000000;
  g_free (funding->expiry_date);
  funding->expiry_date = g_strdup ("2024-01-31");
  kl_test_assert_refused (kl_store_save_funding_case (fixture->db, funding, &error), KL_ERROR_DATE_ORDER);
  g_free (funding->expiry_date);
  funding->expiry_date = g_strdup ("2025-02-01");
  /* Refusals changed nothing. */
  stored = load_case (fixture->db, fixture->programme);
  g_assert_cmpstr (stored->status, ==, "applied");
  g_clear_pointer (&stored, kl_funding_case_free);

  g_assert_true (kl_store_save_funding_case (fixture->db, funding, &error));
  g_assert_no_error (error);
  g_assert_cmpint (funding->id, ==, id);
  stored = load_case (fixture->db, fixture->programme);
  g_assert_cmpstr (stored->status, ==, "granted");
  g_assert_cmpstr (stored->case_no, ==, "24/12345");
  g_assert_cmpint (stored->granted_ore, ==, 30000000);
  g_assert_cmpstr (stored->grant_date, ==, "2024-02-01");
  g_assert_cmpstr (stored->expiry_date, ==, "2025-02-01");
  g_clear_pointer (&stored, kl_funding_case_free);

  /* Payout requested: needs the date of the request. */
  set_status (funding, "payout-requested");
  kl_test_assert_refused (kl_store_save_funding_case (fixture->db, funding, &error), KL_ERROR_REQUIRED);
  funding->payout_date = g_strdup ("2025-01-10");
  g_assert_true (kl_store_save_funding_case (fixture->db, funding, &error));
  g_assert_no_error (error);

  /* Paid: needs what came and when. */
  set_status (funding, "paid");
  kl_test_assert_refused (kl_store_save_funding_case (fixture->db, funding, &error), KL_ERROR_REQUIRED);
  funding->paid_date = g_strdup ("2025-01-31");
  funding->paid_ore = 30000000;
  g_assert_true (kl_store_save_funding_case (fixture->db, funding, &error));
  g_assert_no_error (error);
  g_assert_cmpint (funding->id, ==, id);
  stored = load_case (fixture->db, fixture->programme);
  g_assert_cmpstr (stored->status, ==, "paid");
  g_assert_cmpint (stored->paid_ore, ==, 30000000);
  g_assert_cmpstr (stored->paid_date, ==, "2025-01-31");
  g_assert_cmpstr (stored->payout_date, ==, "2025-01-10");
  assert_timestamp (stored->created_at);
  g_clear_pointer (&stored, kl_funding_case_free);
  g_assert_cmpint (kl_test_count (fixture->db, "SELECT count(*) FROM funding_case"), ==, 1);

  /* Paid is the end. */
  set_status (funding, "granted");
  kl_test_assert_refused (kl_store_save_funding_case (fixture->db, funding, &error), KL_ERROR_TRANSITION);

  /* A programme with a funding case stays. */
  g_assert_false (kl_store_delete_programme (fixture->db, fixture->programme, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "1 funding case"));
}

static KlFundingCase *
complete_case (gint64      programme,
               const char *status)
{
  KlFundingCase *funding = kl_funding_case_new ();

  funding->programme_id = programme;
  funding->status = g_strdup (status);
  funding->applied_date = g_strdup ("2024-01-05");
  funding->case_no = g_strdup ("24/12345");
  funding->granted_ore = 30000000;
  funding->grant_date = g_strdup ("2024-02-01");
  funding->expiry_date = g_strdup ("2025-02-01");
  funding->payout_date = g_strdup ("2025-01-10");
  funding->paid_ore = 30000000;
  funding->paid_date = g_strdup ("2025-01-31");
  return funding;
}

static void
test_funding_transitions (ProgrammeFixture *fixture,
                          gconstpointer     data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlFundingCase) paid = complete_case (fixture->programme, "paid");
  g_autoptr(KlFundingCase) granted = complete_case (fixture->programme, "granted");
  g_autoptr(KlFundingCase) funding = complete_case (fixture->programme, "applied");
  g_autoptr(KlFundingCase) stored = NULL;

  /* Straight from nothing to paid: every field is there, the step is not. */
  g_assert_false (kl_store_save_funding_case (fixture->db, paid, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_TRANSITION);
  kl_test_assert_contains (error->message, "draft", "paid", NULL);
  g_clear_error (&error);
  kl_test_assert_refused (kl_store_save_funding_case (fixture->db, granted, &error), KL_ERROR_TRANSITION);
  kl_test_assert_refused (kl_store_get_funding_case (fixture->db, fixture->programme, NULL, &error),
                          KL_ERROR_NOT_FOUND);

  g_assert_true (kl_store_save_funding_case (fixture->db, funding, &error));
  g_assert_no_error (error);
  kl_test_assert_refused (kl_store_save_funding_case (fixture->db, paid, &error), KL_ERROR_TRANSITION);
  g_assert_true (kl_store_save_funding_case (fixture->db, granted, &error));
  g_assert_no_error (error);

  /* A granted case cannot go back to draft or to applied. */
  set_status (funding, "draft");
  kl_test_assert_refused (kl_store_save_funding_case (fixture->db, funding, &error), KL_ERROR_TRANSITION);
  set_status (funding, "applied");
  kl_test_assert_refused (kl_store_save_funding_case (fixture->db, funding, &error), KL_ERROR_TRANSITION);
  stored = load_case (fixture->db, fixture->programme);
  g_assert_cmpstr (stored->status, ==, "granted");
  g_clear_pointer (&stored, kl_funding_case_free);

  /* Saving a case in its own state (a corrected amount) is fine. */
  granted->granted_ore = 29000000;
  g_assert_true (kl_store_save_funding_case (fixture->db, granted, &error));
  g_assert_no_error (error);
  stored = load_case (fixture->db, fixture->programme);
  g_assert_cmpint (stored->granted_ore, ==, 29000000);
  g_clear_pointer (&stored, kl_funding_case_free);

  /* A payout request can be withdrawn. */
  set_status (granted, "payout-requested");
  g_assert_true (kl_store_save_funding_case (fixture->db, granted, &error));
  g_assert_no_error (error);
  set_status (granted, "granted");
  g_assert_true (kl_store_save_funding_case (fixture->db, granted, &error));
  g_assert_no_error (error);
}

static void
test_funding_rejected (ProgrammeFixture *fixture,
                       gconstpointer     data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlFundingCase) funding = kl_funding_case_new ();

  funding->programme_id = fixture->programme;
  funding->status = g_strdup ("applied");
  funding->applied_date = g_strdup ("2024-01-05");
  g_assert_true (kl_store_save_funding_case (fixture->db, funding, &error));
  g_assert_no_error (error);
  set_status (funding, "rejected");
  g_assert_true (kl_store_save_funding_case (fixture->db, funding, &error));
  g_assert_no_error (error);
  /* Rejected is not granted later, even with a complete grant letter. */
  {
    g_autoptr(KlFundingCase) granted = complete_case (fixture->programme, "granted");

    kl_test_assert_refused (kl_store_save_funding_case (fixture->db, granted, &error), KL_ERROR_TRANSITION);
  }
  /* But it can be drafted anew. */
  set_status (funding, "draft");
  g_assert_true (kl_store_save_funding_case (fixture->db, funding, &error));
  g_assert_no_error (error);

  /* An unknown state is no state: refused as a step no case can take (the
   * step is checked before the fields), and the case stays a draft. */
  set_status (funding, "approved");
  g_assert_false (kl_store_save_funding_case (fixture->db, funding, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_TRANSITION);
  g_assert_nonnull (strstr (error->message, "approved"));
  {
    g_autoptr(KlFundingCase) stored = load_case (fixture->db, fixture->programme);

    g_assert_cmpstr (stored->status, ==, "draft");
  }
}

/* Schemes and the claim */

static void
test_scheme_for_date (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSchemeVersion) old = kl_store_scheme_for_date (fixture->db, NULL, "2023-06-01", &error);
  g_autoptr(KlSchemeVersion) last_old = NULL;
  g_autoptr(KlSchemeVersion) current = NULL;
  g_autoptr(KlSchemeVersion) today = NULL;
  g_autoptr(KlSchemeVersion) none = NULL;
  guint six = (1u << KL_COST_SPEAKER_FEE) | (1u << KL_COST_SUPERVISOR_FEE) | (1u << KL_COST_TRAVEL)
              | (1u << KL_COST_ACCOMMODATION) | (1u << KL_COST_PARTICIPANT_FEE) | (1u << KL_COST_STUDY_FEE);

  g_assert_no_error (error);
  g_assert_cmpint (old->fee_cap_ore, ==, 1600000);
  g_assert_cmpint (old->rate_permille, ==, 700);
  g_assert_cmpint (old->participant_fee_cap_ore, ==, 3500000);
  g_assert_cmpint (old->study_fee_cap_ore, ==, 1000000);
  g_assert_cmpuint (old->eligible, ==, six);
  g_assert_cmpstr (old->scheme, ==, KL_DEFAULT_SCHEME);

  last_old = kl_store_scheme_for_date (fixture->db, KL_DEFAULT_SCHEME, "2023-12-31", &error);
  g_assert_no_error (error);
  g_assert_cmpint (last_old->fee_cap_ore, ==, 1600000);

  current = kl_store_scheme_for_date (fixture->db, KL_DEFAULT_SCHEME, "2024-01-01", &error);
  g_assert_no_error (error);
  g_assert_cmpint (current->fee_cap_ore, ==, 1800000);
  g_assert_cmpint (current->rate_permille, ==, 700);
  g_assert_cmpuint (current->eligible, ==, six);
  g_assert_cmpstr (current->valid_from, ==, "2024-01-01");
  g_assert_null (current->valid_to);

  /* No date: today, which is under the 2024 rules. */
  today = kl_store_scheme_for_date (fixture->db, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (today->fee_cap_ore, ==, 1800000);

  none = kl_store_scheme_for_date (fixture->db, "no-such-fund", "2024-01-01", &error);
  kl_test_assert_refused (none, KL_ERROR_NOT_FOUND);
  none = kl_store_scheme_for_date (fixture->db, NULL, "1999-12-31", &error);
  g_assert_null (none);
  g_assert_error (error, KL_ERROR, KL_ERROR_NOT_FOUND);
}

static void
test_compute_claim (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = kl_test_add_client (fixture->db, "Tromsø kommune", "kommune", 0, "988077917");
  gint64 programme = kl_test_add_programme (fixture->db, client, "LED SKOLE", "2023-08-01", "2024-06-30");
  gint64 empty = kl_test_add_programme (fixture->db, client, "Tom", "2024-01-01", "2024-06-30");
  gint64 per = kl_test_add_consultant (fixture->db, "Per Dalin");
  g_autoptr(KlClaim) claim = NULL;
  g_autoptr(KlFundingCase) funding = kl_funding_case_new ();
  const KlClaimLine *fee_line = NULL;

  /* 25 days at 20 000 kr, VAT on top, speaker's travel, a venue, and
   * a participant's taxi that is nobody's speaker expense. */
  add_cost (fixture->db, programme, KL_COST_SPEAKER_FEE, per, 25, 50000000, 12500000);
  add_cost (fixture->db, programme, KL_COST_TRAVEL, per, 0, 1000000, 0);
  add_cost (fixture->db, programme, KL_COST_VENUE, 0, 0, 2000000, 500000);
  add_cost (fixture->db, programme, KL_COST_TRAVEL, 0, 0, 50000, 0);

  /* Not applied yet: today's rules. */
  claim = kl_store_compute_claim (fixture->db, programme, KL_CLAIM_ACTUALS, &error);
  g_assert_no_error (error);
  g_assert_nonnull (claim);
  g_assert_cmpint (claim->scheme->fee_cap_ore, ==, 1800000);
  g_assert_cmpuint (claim->lines->len, ==, 4);
  g_assert_cmpint (claim->net_ore, ==, 53050000);
  g_assert_cmpint (claim->vat_ore, ==, 13000000);
  g_assert_cmpint (claim->eligible_ore, ==, 46000000);
  g_assert_cmpint (claim->claim_ore, ==, 32200000);
  g_assert_cmpint (claim->granted_ore, ==, KL_NO_AMOUNT);
  g_assert_cmpint (claim->payout_ore, ==, 32200000);
  for (guint i = 0; i < claim->lines->len; i++)
    {
      const KlClaimLine *line = claim->lines->pdata[i];

      if (line->category == KL_COST_SPEAKER_FEE)
        fee_line = line;
    }
  g_assert_nonnull (fee_line);
  g_assert_cmpstr (fee_line->who, ==, "Per Dalin");
  g_assert_cmpint (fee_line->counted_ore, ==, 45000000);
  g_clear_pointer (&claim, kl_claim_free);

  /* Applied in 2023: the 16 000 kr cap of then. */
  funding->programme_id = programme;
  funding->status = g_strdup ("applied");
  funding->applied_date = g_strdup ("2023-06-15");
  g_assert_true (kl_store_save_funding_case (fixture->db, funding, &error));
  g_assert_no_error (error);
  claim = kl_store_compute_claim (fixture->db, programme, KL_CLAIM_ACTUALS, &error);
  g_assert_no_error (error);
  g_assert_cmpint (claim->scheme->fee_cap_ore, ==, 1600000);
  g_assert_cmpint (claim->eligible_ore, ==, 41000000);
  g_assert_cmpint (claim->claim_ore, ==, 28700000);
  g_assert_cmpint (claim->payout_ore, ==, 28700000);
  g_clear_pointer (&claim, kl_claim_free);

  /* Granted less than claimed: the grant is the ceiling. */
  set_status (funding, "granted");
  funding->case_no = g_strdup ("23/54321");
  funding->granted_ore = 28600000;
  funding->grant_date = g_strdup ("2023-07-01");
  funding->expiry_date = g_strdup ("2024-12-31");
  g_assert_true (kl_store_save_funding_case (fixture->db, funding, &error));
  g_assert_no_error (error);
  claim = kl_store_compute_claim (fixture->db, programme, KL_CLAIM_ACTUALS, &error);
  g_assert_no_error (error);
  g_assert_cmpint (claim->claim_ore, ==, 28700000);
  g_assert_cmpint (claim->granted_ore, ==, 28600000);
  g_assert_cmpint (claim->payout_ore, ==, 28600000);
  g_clear_pointer (&claim, kl_claim_free);

  /* Granted more: the claim is what is paid. */
  funding->granted_ore = 35000000;
  g_assert_true (kl_store_save_funding_case (fixture->db, funding, &error));
  g_assert_no_error (error);
  claim = kl_store_compute_claim (fixture->db, programme, KL_CLAIM_ACTUALS, &error);
  g_assert_cmpint (claim->payout_ore, ==, 28700000);
  g_clear_pointer (&claim, kl_claim_free);

  claim = kl_store_compute_claim (fixture->db, empty, KL_CLAIM_ACTUALS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (claim->lines->len, ==, 0);
  g_assert_cmpint (claim->claim_ore, ==, 0);
  g_clear_pointer (&claim, kl_claim_free);

  g_assert_null (kl_store_compute_claim (fixture->db, 999, KL_CLAIM_ACTUALS, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Applied on a date no version of the rules covers: refused, naming
   * the earliest version. */
  {
    g_autoptr(KlFundingCase) early = kl_funding_case_new ();

    early->programme_id = empty;
    early->status = g_strdup ("applied");
    early->applied_date = g_strdup ("1999-06-01");
    g_assert_true (kl_store_save_funding_case (fixture->db, early, &error));
    g_assert_no_error (error);
    g_assert_null (kl_store_compute_claim (fixture->db, empty, KL_CLAIM_ACTUALS, &error));
    g_assert_error (error, KL_ERROR, KL_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "før 2024"));
  }
}

/* Settings */

static void
test_settings (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSettings) settings = kl_store_get_settings (fixture->db, &error);
  g_autoptr(KlSettings) loaded = NULL;
  g_autoptr(KlSettings) unchanged = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (settings);
  g_assert_null (settings->orgnr);

  g_free (settings->name);
  settings->name = g_strdup ("Stiftelsen IMTEC");
  settings->orgnr = g_strdup ("123 456 785");
  settings->account = g_strdup ("1234.56.78903");
  g_assert_true (kl_store_save_settings (fixture->db, settings, &error));
  g_assert_no_error (error);
  loaded = kl_store_get_settings (fixture->db, &error);
  g_assert_cmpstr (loaded->name, ==, "Stiftelsen IMTEC");
  g_assert_cmpstr (loaded->orgnr, ==, "123456785");
  g_assert_cmpstr (loaded->account, ==, "12345678903");

  g_free (loaded->account);
  loaded->account = g_strdup ("12345678900");
  g_assert_false (kl_store_save_settings (fixture->db, loaded, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_ACCOUNT);
  unchanged = kl_store_get_settings (fixture->db, NULL);
  g_assert_cmpstr (unchanged->account, ==, "12345678903");
}

/* Search */

static const KlSearchHit *
find_hit (GPtrArray  *hits,
          const char *kind,
          gint64      id)
{
  for (guint i = 0; i < hits->len; i++)
    {
      const KlSearchHit *hit = hits->pdata[i];

      if (g_str_equal (hit->kind, kind) && hit->id == id)
        return hit;
    }
  return NULL;
}

static GPtrArray *
search (KlDb       *db,
        const char *text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = kl_store_search (db, text, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}

static gboolean
search_finds (KlDb       *db,
              const char *text,
              const char *kind,
              gint64      id)
{
  g_autoptr(GPtrArray) hits = search (db, text);

  return find_hit (hits, kind, id) != NULL;
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 tromso = kl_test_add_client (fixture->db, "Tromsø kommune", "kommune", 0, "988077917");
  gint64 bodo = kl_test_add_client (fixture->db, "Bodø kommune", "kommune", 0, NULL);
  gint64 programme = kl_test_add_programme (fixture->db, tromso, "LED SKOLE Nordlys", "2024-01-01", "2024-12-31");
  gint64 per = kl_test_add_consultant (fixture->db, "Per Dalin");
  gint64 kari = kl_test_add_participant (fixture->db, "Kari Nordmann", "rektor.bakkeby@tromso.kommune.no");
  g_autoptr(KlParticipant) renamed = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  const KlSearchHit *hit;

  hits = search (fixture->db, "troms");
  hit = find_hit (hits, "client", tromso);
  if (hit == NULL)
    g_error ("“troms” does not find Tromsø kommune");
  g_assert_cmpstr (hit->title, ==, "Tromsø kommune");
  g_assert_null (find_hit (hits, "client", bodo));
  g_clear_pointer (&hits, g_ptr_array_unref);

  g_assert_true (search_finds (fixture->db, "Tromsø", "client", tromso));
  g_assert_true (search_finds (fixture->db, "TROMSØ KOMMUNE", "client", tromso));
  g_assert_true (search_finds (fixture->db, "988077917", "client", tromso));
  g_assert_true (search_finds (fixture->db, "nordlys", "programme", programme));
  g_assert_true (search_finds (fixture->db, "dalin", "consultant", per));

  /* A participant by part of the name or of the e-mail address. */
  g_assert_true (search_finds (fixture->db, "nordm", "participant", kari));
  g_assert_true (search_finds (fixture->db, "bakkeby", "participant", kari));
  g_assert_true (search_finds (fixture->db, "rektor.bakk", "participant", kari));
  g_assert_false (search_finds (fixture->db, "hansen", "participant", kari));

  /* Renamed: found by the new name, no longer by the old. */
  renamed = kl_store_get_participant (fixture->db, kari, &error);
  g_assert_no_error (error);
  g_free (renamed->name);
  renamed->name = g_strdup ("Kari Hansen");
  g_assert_true (kl_store_update_participant (fixture->db, renamed, &error));
  g_assert_no_error (error);
  g_assert_true (search_finds (fixture->db, "hansen", "participant", kari));
  g_assert_false (search_finds (fixture->db, "nordmann", "participant", kari));

  /* Deleted: gone from search too. */
  g_assert_true (search_finds (fixture->db, "bodø", "client", bodo));
  g_assert_true (kl_store_delete_client (fixture->db, bodo, &error));
  g_assert_no_error (error);
  g_assert_false (search_finds (fixture->db, "bodø", "client", bodo));

  /* Nothing typed, nothing found. */
  hits = search (fixture->db, "");
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (fixture->db, "   ");
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* The limit holds. */
  for (int i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("Skole %d i Tromsø", i);

      kl_test_add_client (fixture->db, name, "skole", tromso, NULL);
    }
  hits = kl_store_search (fixture->db, "tromsø", 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 3);
}

/* What people type is text to look for, never FTS5 syntax. */
static void
test_search_syntax (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *const texts[] = {
    "\"foo\" OR bar*", "NEAR(", "NEAR(a b", "\"", "\"\"", "*", "-", "^", "(", ")", "AND", "OR", "NOT",
    "title:tromsø", "{title body}:x", "a + b", "tromsø\"", "'; DROP TABLE client; --", "\\", ":", "\t\n",
  };
  gint64 tromso = kl_test_add_client (fixture->db, "Tromsø kommune", "kommune", 0, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GPtrArray) hits = search (fixture->db, texts[i]);

      g_assert_nonnull (hits);
    }

  /* A name pasted with its quotes is still found. */
  g_assert_true (search_finds (fixture->db, "\"Tromsø kommune\"", "client", tromso));
  g_assert_cmpint (kl_test_count (fixture->db, "SELECT count(*) FROM client"), ==, 1);
}

/* Undoing a first mark takes the cell back to "not marked". */
static void
test_clear_attendance (ProgrammeFixture *fixture,
                       gconstpointer     data)
{
  g_autoptr(GError) error = NULL;
  gint64 session = kl_test_add_session (fixture->db, fixture->programme, "Samling 1", "2024-02-01T09:00",
                                        "2024-02-01T15:00");
  gint64 kari = kl_test_add_participant (fixture->db, "Kari", NULL);
  gint64 ola = kl_test_add_participant (fixture->db, "Ola", NULL);
  g_autoptr(KlAttendanceGrid) grid = NULL;

  kl_test_enrol (fixture->db, fixture->programme, kari);
  kl_test_enrol (fixture->db, fixture->programme, ola);
  g_assert_true (mark (fixture->db, session, kari, "present", 0, &error));
  g_assert_true (mark (fixture->db, session, ola, "absent", 0, &error));
  g_assert_no_error (error);

  g_assert_true (kl_store_clear_attendance (fixture->db, session, kari, &error));
  g_assert_no_error (error);
  grid = kl_store_load_grid (fixture->db, fixture->programme, &error);
  g_assert_no_error (error);
  g_assert_cmpint (grid->marks[0], ==, 0);
  g_assert_cmpint (grid->marks[1], ==, 'A');
  g_assert_cmpint (kl_test_count (fixture->db, "SELECT count(*) FROM attendance"), ==, 1);

  /* Nothing to clear is no error; an unknown session or person is. */
  g_assert_true (kl_store_clear_attendance (fixture->db, session, kari, &error));
  g_assert_no_error (error);
  kl_test_assert_refused (kl_store_clear_attendance (fixture->db, 999, kari, &error), KL_ERROR_NOT_FOUND);
  kl_test_assert_refused (kl_store_clear_attendance (fixture->db, 0, kari, &error), KL_ERROR_REQUIRED);

  /* The session can go once its last mark is gone. */
  g_assert_true (kl_store_clear_attendance (fixture->db, session, ola, &error));
  g_assert_true (kl_store_delete_session (fixture->db, session, &error));
  g_assert_no_error (error);
}

static void
test_unenrol (ProgrammeFixture *fixture,
              gconstpointer     data)
{
  g_autoptr(GError) error = NULL;
  gint64 session = kl_test_add_session (fixture->db, fixture->programme, "Samling 1", "2024-02-01T09:00",
                                        "2024-02-01T15:00");
  gint64 kari = kl_test_add_participant (fixture->db, "Kari", NULL);
  gint64 ola = kl_test_add_participant (fixture->db, "Ola", NULL);
  g_autoptr(KlEnrolment) enrolment = kl_enrolment_new ();
  g_autoptr(KlEnrolment) stored = NULL;
  g_autoptr(GPtrArray) enrolled = NULL;

  enrolment->programme_id = fixture->programme;
  enrolment->participant_id = kari;
  enrolment->from_date = g_strdup ("2024-01-15");
  g_assert_true (kl_store_enrol (fixture->db, enrolment, &error));
  kl_test_enrol (fixture->db, fixture->programme, ola);

  stored = kl_store_get_enrolment (fixture->db, fixture->programme, kari, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->id, ==, enrolment->id);
  g_assert_cmpstr (stored->from_date, ==, "2024-01-15");
  g_assert_null (stored->to_date);

  /* Someone with marks stays: the marks are evidence. */
  g_assert_true (mark (fixture->db, session, ola, "present", 0, &error));
  g_assert_false (kl_store_unenrol (fixture->db, fixture->programme, ola, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "1 attendance mark"));
  g_clear_error (&error);

  g_assert_true (kl_store_unenrol (fixture->db, fixture->programme, kari, &error));
  g_assert_no_error (error);
  enrolled = kl_store_list_participants (fixture->db, fixture->programme, &error);
  g_assert_cmpuint (enrolled->len, ==, 1);
  g_assert_cmpint (((KlParticipant *) enrolled->pdata[0])->id, ==, ola);
  kl_test_assert_refused (kl_store_get_enrolment (fixture->db, fixture->programme, kari, &error), KL_ERROR_NOT_FOUND);
  g_assert_false (kl_store_unenrol (fixture->db, fixture->programme, kari, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_NOT_FOUND);
}

/* Rates count the recorded cells of begun sessions; partial counts its
 * share; an unrecorded cell is no evidence either way and is left out. */
static void
test_attendance_rates (ProgrammeFixture *fixture,
                       gconstpointer     data)
{
  g_autoptr(GError) error = NULL;
  gint64 first = kl_test_add_session (fixture->db, fixture->programme, "Samling 1", "2024-02-01T09:00",
                                      "2024-02-01T15:00");
  gint64 second = kl_test_add_session (fixture->db, fixture->programme, "Samling 2", "2024-03-01T09:00",
                                       "2024-03-01T15:00");
  gint64 third = kl_test_add_session (fixture->db, fixture->programme, "Samling 3", "2024-04-01T09:00",
                                      "2024-04-01T15:00");
  gint64 kari = kl_test_add_participant (fixture->db, "Kari", NULL);
  gint64 ola = kl_test_add_participant (fixture->db, "Ola", NULL);
  g_autoptr(KlAttendanceGrid) grid = NULL;
  const char *now = "2024-03-15T12:00";

  kl_test_enrol (fixture->db, fixture->programme, kari);
  kl_test_enrol (fixture->db, fixture->programme, ola);
  g_assert_true (mark (fixture->db, first, kari, "present", 0, &error));
  g_assert_true (mark (fixture->db, first, ola, "partial", 90, &error));
  g_assert_true (mark (fixture->db, second, kari, "excused", 0, &error));
  /* ola has no mark in the second session: not recorded, left out */
  g_assert_no_error (error);

  grid = kl_store_load_grid (fixture->db, fixture->programme, &error);
  g_assert_no_error (error);
  g_assert_true (kl_attendance_grid_session_counts (grid, 0, now));
  g_assert_true (kl_attendance_grid_session_counts (grid, 1, now));
  g_assert_false (kl_attendance_grid_session_counts (grid, 2, now));
  g_assert_cmpfloat_with_epsilon (kl_attendance_grid_credit (grid, 1, 0), 0.25, 1e-9);   /* 1.5 of 6 hours */
  g_assert_cmpfloat_with_epsilon (kl_attendance_grid_rate (grid, 0, -1, now), 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (kl_attendance_grid_rate (grid, 1, -1, now), 0.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (kl_attendance_grid_rate (grid, -1, 0, now), 0.625, 1e-9);
  g_assert_cmpfloat_with_epsilon (kl_attendance_grid_rate (grid, -1, 1, now), 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (kl_attendance_grid_rate (grid, -1, 2, now), -1, 1e-9);
  /* (1 + 0.25 + 0) / 3 recorded cells */
  g_assert_cmpfloat_with_epsilon (kl_attendance_grid_rate (grid, -1, -1, now), 1.25 / 3, 1e-9);
  /* Before it all began nothing is held, so nothing counts. */
  g_assert_cmpfloat_with_epsilon (kl_attendance_grid_rate (grid, -1, -1, "2024-01-01T00:00"), -1, 1e-9);
  g_clear_pointer (&grid, kl_attendance_grid_free);

  /* An absence excused ahead does not make a session to come count. */
  g_assert_true (mark (fixture->db, third, ola, "excused", 0, &error));
  grid = kl_store_load_grid (fixture->db, fixture->programme, &error);
  g_assert_false (kl_attendance_grid_session_counts (grid, 2, now));
  g_assert_cmpfloat_with_epsilon (kl_attendance_grid_rate (grid, -1, 2, now), -1, 1e-9);
}

static void
test_get_cost (ProgrammeFixture *fixture,
               gconstpointer     data)
{
  g_autoptr(GError) error = NULL;
  gint64 speaker = kl_test_add_consultant (fixture->db, "Per Dalin");
  gint64 id = add_cost (fixture->db, fixture->programme, KL_COST_SPEAKER_FEE, speaker, 2, 4000000, 1000000);
  g_autoptr(KlCostItem) item = kl_store_get_cost (fixture->db, id, &error);

  g_assert_no_error (error);
  g_assert_cmpint (item->id, ==, id);
  g_assert_cmpint (item->programme_id, ==, fixture->programme);
  g_assert_cmpint (item->category, ==, KL_COST_SPEAKER_FEE);
  g_assert_cmpint (item->days, ==, 2);
  g_assert_cmpint (item->net_ore, ==, 4000000);
  g_assert_cmpint (item->vat_ore, ==, 1000000);
  g_assert_cmpstr (item->consultant_name, ==, "Per Dalin");

  g_assert_true (kl_store_delete_cost (fixture->db, id, &error));
  g_assert_null (kl_store_get_cost (fixture->db, id, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_NOT_FOUND);
}

/* The schemes a default can be chosen from: each in its version of today,
 * and none that has run out. */
static void
test_list_schemes (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) schemes = kl_store_list_schemes (fixture->db, &error);
  KlSchemeVersion *scheme;

  g_assert_no_error (error);
  g_assert_cmpuint (schemes->len, ==, 1);
  scheme = g_ptr_array_index (schemes, 0);
  g_assert_cmpstr (scheme->scheme, ==, KL_DEFAULT_SCHEME);
  g_assert_cmpint (scheme->fee_cap_ore, ==, 1800000);
  g_clear_pointer (&schemes, g_ptr_array_unref);

  g_assert_true (kl_db_exec (fixture->db, &error,
                             "INSERT INTO scheme_version (scheme, name, valid_from, valid_to, rate_permille, fee_cap_ore, "
                             "participant_fee_cap_ore, study_fee_cap_ore) VALUES "
                             "('a-county-fund', 'County fund', '2020-01-01', NULL, 500, 1000000, 0, 0), "
                             "('old-fund', 'Old fund', '2000-01-01', '2010-12-31', 500, 1000000, 0, 0)", NULL));
  g_assert_no_error (error);
  schemes = kl_store_list_schemes (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (schemes->len, ==, 2);
  g_assert_cmpstr (((KlSchemeVersion *) g_ptr_array_index (schemes, 0))->scheme, ==, "a-county-fund");
  g_assert_cmpstr (((KlSchemeVersion *) g_ptr_array_index (schemes, 0))->name, ==, "County fund");
  g_assert_cmpstr (((KlSchemeVersion *) g_ptr_array_index (schemes, 1))->scheme, ==, KL_DEFAULT_SCHEME);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, kl_test_db_fixture_set_up, func, kl_test_db_fixture_tear_down)
#define ADD_WITH_PROGRAMME(path, func) \
  g_test_add (path, ProgrammeFixture, NULL, programme_fixture_set_up, func, programme_fixture_tear_down)

/* A session before someone's enrolment began, or after it ended, is not
 * theirs: it cannot be marked, shows as not enrolled, and counts in no
 * rate or count of those enrolled. */
static void
test_attendance_within_enrolment (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEnrolment) late = kl_enrolment_new ();
  g_autoptr(KlAttendanceGrid) grid = NULL;
  gint64 client = kl_test_add_client (fixture->db, "Asker kommune", "kommune", 0, "988077917");
  gint64 programme = kl_test_add_programme (fixture->db, client, "LED SKOLE", "2024-01-01", "2024-12-31");
  gint64 first = kl_test_add_session (fixture->db, programme, "Samling 1", "2024-02-01T09:00", "2024-02-01T15:00");
  gint64 second = kl_test_add_session (fixture->db, programme, "Samling 2", "2024-03-01T09:00", "2024-03-01T15:00");
  gint64 third = kl_test_add_session (fixture->db, programme, "Samling 3", "2024-04-01T09:00", "2024-04-01T15:00");
  gint64 anne = kl_test_add_participant (fixture->db, "Anne", NULL);
  gint64 bjorn = kl_test_add_participant (fixture->db, "Bjørn", NULL);
  const char *now = "2024-12-31T00:00";

  kl_test_enrol (fixture->db, programme, anne);
  /* Bjørn joins from March and leaves at the end of March. */
  late->programme_id = programme;
  late->participant_id = bjorn;
  late->from_date = g_strdup ("2024-03-01");
  late->to_date = g_strdup ("2024-03-31");
  g_assert_true (kl_store_enrol (fixture->db, late, &error));
  g_assert_no_error (error);

  g_assert_false (mark (fixture->db, first, bjorn, "present", 0, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "not enrolled on 2024-02-01"));
  g_clear_error (&error);
  g_assert_false (mark (fixture->db, third, bjorn, "absent", 0, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "not enrolled on 2024-04-01"));
  g_clear_error (&error);
  g_assert_true (mark (fixture->db, second, bjorn, "present", 0, &error));
  g_assert_no_error (error);
  g_assert_true (mark (fixture->db, first, anne, "present", 0, &error));
  g_assert_true (mark (fixture->db, second, anne, "absent", 0, &error));
  g_assert_true (mark (fixture->db, third, anne, "present", 0, &error));
  g_assert_no_error (error);

  grid = kl_store_load_grid (fixture->db, programme, &error);
  g_assert_no_error (error);
  /* Rows by name: Anne, Bjørn. */
  g_assert_true (kl_attendance_grid_expected (grid, 0, 0));
  g_assert_false (kl_attendance_grid_expected (grid, 1, 0));
  g_assert_true (kl_attendance_grid_expected (grid, 1, 1));
  g_assert_false (kl_attendance_grid_expected (grid, 1, 2));
  g_assert_cmpuint (kl_attendance_grid_count_expected (grid, 0), ==, 1);
  g_assert_cmpuint (kl_attendance_grid_count_expected (grid, 1), ==, 2);
  /* Bjørn came to the one session that was his: 100 %, not 33 %. */
  g_assert_cmpfloat_with_epsilon (kl_attendance_grid_rate (grid, 1, -1, now), 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (kl_attendance_grid_rate (grid, 0, -1, now), 2.0 / 3.0, 1e-9);
  /* All: 3 attended of the 4 sessions anyone was enrolled for. */
  g_assert_cmpfloat_with_epsilon (kl_attendance_grid_rate (grid, -1, -1, now), 0.75, 1e-9);
  g_assert_cmpfloat_with_epsilon (kl_attendance_grid_rate (grid, -1, 0, now), 1.0, 1e-9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/store/client/crud", test_client_crud);
  ADD ("/store/client/validation", test_client_validation);
  ADD ("/store/client/delete-in-use", test_client_delete_in_use);
  ADD ("/store/client/delete-workplace", test_client_delete_workplace);
  ADD ("/store/client/legal-entity", test_legal_entity);
  ADD ("/store/client/parent-cycle", test_client_parent_cycle);
  ADD ("/store/consultant/crud", test_consultant_crud);
  ADD ("/store/programme/crud", test_programme_crud);
  ADD ("/store/programme/status-from-calendar", test_programme_status_from_calendar);
  ADD ("/store/programme/validation", test_programme_validation);
  ADD_WITH_PROGRAMME ("/store/programme/delete-in-use", test_programme_delete_in_use);
  ADD_WITH_PROGRAMME ("/store/session/crud", test_session_crud);
  ADD_WITH_PROGRAMME ("/store/session/validation", test_session_validation);
  ADD ("/store/session/warning", test_session_warning);
  ADD_WITH_PROGRAMME ("/store/participant/crud", test_participant_crud);
  ADD_WITH_PROGRAMME ("/store/enrolment", test_enrolment);
  ADD_WITH_PROGRAMME ("/store/attendance", test_attendance);
  ADD_WITH_PROGRAMME ("/store/cost", test_cost);
  ADD_WITH_PROGRAMME ("/store/funding/lifecycle", test_funding_lifecycle);
  ADD_WITH_PROGRAMME ("/store/funding/transitions", test_funding_transitions);
  ADD_WITH_PROGRAMME ("/store/funding/rejected", test_funding_rejected);
  ADD ("/store/scheme-for-date", test_scheme_for_date);
  ADD ("/store/list-schemes", test_list_schemes);
  ADD ("/store/compute-claim", test_compute_claim);
  ADD ("/store/settings", test_settings);
  ADD ("/store/search", test_search);
  ADD ("/store/search/syntax", test_search_syntax);
  ADD_WITH_PROGRAMME ("/store/attendance/clear", test_clear_attendance);
  ADD_WITH_PROGRAMME ("/store/enrolment/unenrol", test_unenrol);
  ADD_WITH_PROGRAMME ("/store/attendance/rates", test_attendance_rates);
  ADD ("/store/attendance/within-enrolment", test_attendance_within_enrolment);
  ADD_WITH_PROGRAMME ("/store/cost/get", test_get_cost);

  return g_test_run ();
}
