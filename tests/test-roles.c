/* The team server's roles, enforced by PostgreSQL: init makes the two
 * group roles of a database and grants them their rights; a consultant
 * may record attendance in the programmes they lead and nothing of the
 * money, neither through the store nor with plain SQL; nobody but the
 * owner writes the audit trail, which names the login that made each
 * change. PostgreSQL only: a file has no roles. */

#include <glib.h>
#include <string.h>

#include "kl-error.h"
#include "kl-server.h"
#include "kl-store.h"
#include "kl-test-server.h"
#include "kl-test-store.h"

typedef struct
{
  char *uri;          /* as the owner (the cluster's superuser) */
  char *database;
  KlDb *db;
  gint64 anne;        /* consultants */
  gint64 bjorn;
  gint64 mine;        /* Anne leads it */
  gint64 theirs;      /* Bjørn leads it */
  gint64 shared;      /* Bjørn leads it, Anne leads one of its sessions */
  gint64 my_session;
  gint64 their_session;
  gint64 shared_session;
  gint64 participant;
  char *consultant_login;
  char *office_login;
} Fixture;

/* A programme Anne or Bjørn leads, with its first session. */
static gint64
add_programme (KlDb       *db,
               gint64      client,
               gint64      lead,
               const char *title,
               gint64     *session_id)
{
  gint64 programme = kl_test_add_led_programme (db, client, lead, title);

  *session_id = kl_test_add_session (db, programme, "Samling 1", "2025-10-01T09:00", "2025-10-01T15:00");
  return programme;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 client;

  fixture->db = kl_test_server_owner_open (&fixture->uri, &fixture->database);
  fixture->anne = kl_test_add_consultant (fixture->db, "Anne Berg");
  fixture->bjorn = kl_test_add_consultant (fixture->db, "Bjørn Dahl");
  client = kl_test_add_client (fixture->db, "Bærum kommune", "kommune", 0, NULL);
  fixture->mine = add_programme (fixture->db, client, fixture->anne, "LED SKOLE Bærum", &fixture->my_session);
  fixture->theirs = add_programme (fixture->db, client, fixture->bjorn, "LED SKOLE Asker", &fixture->their_session);
  fixture->shared = add_programme (fixture->db, client, fixture->bjorn, "Rektorskolen", &fixture->shared_session);
  g_assert_true (kl_db_exec (fixture->db, &error, "INSERT INTO session_leader (session_id, consultant_id) VALUES (?, ?)",
                             "ii", fixture->shared_session, fixture->anne));
  g_assert_no_error (error);
  fixture->participant = kl_test_add_participant (fixture->db, "Kari Nordmann", NULL);
  kl_test_enrol (fixture->db, fixture->mine, fixture->participant);
  kl_test_enrol (fixture->db, fixture->theirs, fixture->participant);
  kl_test_enrol (fixture->db, fixture->shared, fixture->participant);

  /* Login roles are cluster-wide: named after the test's database. */
  fixture->consultant_login = g_strdup_printf ("%s_anne", fixture->database);
  fixture->office_login = g_strdup_printf ("%s_office_ola", fixture->database);
  g_assert_true (kl_server_add_user (fixture->db, fixture->consultant_login, KL_SERVER_CONSULTANT, fixture->anne,
                                     "hemmelig 'passord'", &error));
  g_assert_no_error (error);
  g_assert_true (kl_server_add_user (fixture->db, fixture->office_login, KL_SERVER_OFFICE, 0, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->db);
  g_free (fixture->uri);
  g_free (fixture->database);
  g_free (fixture->consultant_login);
  g_free (fixture->office_login);
}

static void
assert_refused (KlDb       *db,
                const char *sql,
                const char *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (kl_db_exec (db, &error, sql, NULL));
  g_assert_error (error, KL_ERROR, KL_ERROR_NOT_ALLOWED);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
}

static void
test_roles_made (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *office = kl_server_group_role (fixture->db, KL_SERVER_OFFICE);
  g_autofree char *consultant = kl_server_group_role (fixture->db, KL_SERVER_CONSULTANT);
  g_autofree char *expected = g_strdup_printf ("kl_%s_office", fixture->database);
  g_autofree char *again = NULL;
  g_autofree char *member = NULL;
  g_autofree char *linked = NULL;
  g_autofree char *can_login = NULL;

  g_assert_cmpstr (office, ==, expected);
  g_assert_true (g_str_has_suffix (consultant, "_consultant"));
  can_login = kl_test_query_text (fixture->db, "SELECT rolcanlogin::text FROM pg_roles WHERE rolname = ?", office);
  g_assert_cmpstr (can_login, ==, "false");
  g_clear_pointer (&can_login, g_free);
  can_login = kl_test_query_text (fixture->db, "SELECT rolcanlogin::text FROM pg_roles WHERE rolname = ?", consultant);
  g_assert_cmpstr (can_login, ==, "false");

  /* init again changes nothing and fails nothing. */
  g_assert_true (kl_server_setup_roles (fixture->db, &again, &error));
  g_assert_no_error (error);
  g_assert_null (again);

  member = kl_test_query_text (fixture->db,
                               "SELECT pg_has_role (?, 'kl_' || current_database () || '_consultant', 'MEMBER')::text",
                               fixture->consultant_login);
  g_assert_cmpstr (member, ==, "true");
  linked = kl_test_query_text (fixture->db, "SELECT consultant_id::text FROM staff WHERE role_name = ?",
                               fixture->consultant_login);
  g_assert_cmpint (g_ascii_strtoll (linked, NULL, 10), ==, fixture->anne);

  /* A login is made once. */
  g_assert_false (kl_server_add_user (fixture->db, fixture->consultant_login, KL_SERVER_OFFICE, 0, NULL, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (kl_server_add_user (fixture->db, "nobody_at_all_x", KL_SERVER_CONSULTANT, 999999, NULL, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_NOT_FOUND);
}

static void
test_consultant_no_money (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(KlDb) db = kl_test_server_open_as (fixture->uri, fixture->consultant_login);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlFundingCase) funding = kl_funding_case_new ();
  g_autoptr(KlCostItem) item = kl_cost_item_new ();
  g_autoptr(KlSettings) settings = NULL;

  /* Even in the programme Anne leads. */
  funding->programme_id = fixture->mine;
  funding->status = g_strdup ("applied");
  funding->applied_date = g_strdup ("2025-06-01");
  funding->applied_ore = 31500000;
  g_assert_false (kl_store_save_funding_case (db, funding, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_NOT_ALLOWED);
  g_assert_cmpstr (error->message, ==, "Only the office can record funding steps");
  g_clear_error (&error);

  item->programme_id = fixture->mine;
  item->category = KL_COST_SPEAKER_FEE;
  item->consultant_id = fixture->anne;
  item->days = 1;
  item->net_ore = 1800000;
  item->invoice_date = g_strdup ("2025-10-02");
  g_assert_false (kl_store_insert_cost (db, item, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_NOT_ALLOWED);
  g_assert_cmpstr (error->message, ==, "Only the office can change cost items");
  g_clear_error (&error);

  settings = kl_store_get_settings (db, &error);
  g_assert_no_error (error);
  g_free (settings->name);
  settings->name = g_strdup ("Anne AS");
  g_assert_false (kl_store_save_settings (db, settings, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_NOT_ALLOWED);
  g_assert_cmpstr (error->message, ==, "Only the office can change the settings");
  g_clear_error (&error);

  /* Plain SQL as that role is refused the same. */
  assert_refused (db, "INSERT INTO funding_case (programme_id, scheme, status) VALUES (1, 'ou', 'applied')",
                  "Only the office can record funding steps");
  assert_refused (db, "UPDATE settings SET name = 'Anne AS'", "Only the office can change the settings");
  assert_refused (db, "DELETE FROM cost_item", "Only the office can change cost items");
  assert_refused (db, "UPDATE programme SET title = 'Mitt'", "Your role may not change this");
  assert_refused (db, "TRUNCATE attendance", NULL);
  g_assert_cmpint (kl_test_count (fixture->db, "SELECT count(*) FROM funding_case"), ==, 0);
  g_assert_cmpint (kl_test_count (fixture->db, "SELECT count(*) FROM cost_item"), ==, 0);
  /* Reading stays open to a consultant. */
  g_assert_cmpint (kl_test_count (db, "SELECT count(*) FROM programme"), ==, 3);
}

static void
test_consultant_attendance (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(KlDb) db = kl_test_server_open_as (fixture->uri, fixture->consultant_login);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlAttendance) mark = kl_attendance_new ();
  g_autoptr(KlAttendance) refused = kl_attendance_new ();
  g_autoptr(KlAttendance) shared = kl_attendance_new ();
  g_autofree char *who = NULL;

  mark->session_id = fixture->my_session;
  mark->participant_id = fixture->participant;
  mark->status = g_strdup ("present");
  g_assert_true (kl_store_set_attendance (db, mark, &error));
  g_assert_no_error (error);
  /* A session Anne leads in Bjørn's programme. */
  shared->session_id = fixture->shared_session;
  shared->participant_id = fixture->participant;
  shared->status = g_strdup ("absent");
  g_assert_true (kl_store_set_attendance (db, shared, &error));
  g_assert_no_error (error);

  refused->session_id = fixture->their_session;
  refused->participant_id = fixture->participant;
  refused->status = g_strdup ("present");
  g_assert_false (kl_store_set_attendance (db, refused, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_NOT_ALLOWED);
  g_assert_cmpstr (error->message, ==, "You may only record attendance in programmes you lead");
  g_clear_error (&error);
  g_assert_cmpint (kl_test_count (fixture->db, "SELECT count(*) FROM attendance"), ==, 2);

  /* A mark the office made in Bjørn's programme: Anne cannot remove it
   * (the policy hides it from her DELETE). */
  g_assert_true (kl_store_set_attendance (fixture->db, refused, &error));
  g_assert_no_error (error);
  g_assert_true (kl_db_exec (db, &error, "DELETE FROM attendance", NULL));
  g_assert_no_error (error);
  g_assert_cmpint (kl_test_count (fixture->db, "SELECT count(*) FROM attendance"), ==, 1);

  /* The trail names her login, written by the owner's trigger. */
  {
    g_autoptr(KlStmt) stmt = kl_db_query (db, &error, "SELECT os_user FROM audit WHERE entity = 'attendance' "
                                                      "AND session_id = ? ORDER BY id", "i", fixture->my_session);
    g_assert_no_error (error);
    g_assert_true (kl_stmt_next (stmt, &error));
    who = kl_stmt_text (stmt, 0);
  }
  g_assert_cmpstr (who, ==, fixture->consultant_login);
}

static void
test_trail_kept (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(KlDb) consultant = kl_test_server_open_as (fixture->uri, fixture->consultant_login);
  g_autoptr(KlDb) office = kl_test_server_open_as (fixture->uri, fixture->office_login);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlFundingCase) funding = kl_funding_case_new ();
  g_autofree char *who = NULL;
  gint64 before;

  funding->programme_id = fixture->theirs;
  funding->status = g_strdup ("applied");
  funding->applied_date = g_strdup ("2025-06-01");
  funding->applied_ore = 31500000;
  g_assert_true (kl_store_save_funding_case (office, funding, &error));
  g_assert_no_error (error);
  who = kl_test_query_text (fixture->db,
                            "SELECT string_agg (DISTINCT os_user, ',') FROM audit WHERE entity = 'funding_case'", NULL);
  g_assert_cmpstr (who, ==, fixture->office_login);
  before = kl_test_count (fixture->db, "SELECT count(*) FROM audit");
  g_assert_cmpint (before, >, 0);

  for (guint i = 0; i < 2; i++)
    {
      KlDb *db = i == 0 ? consultant : office;

      assert_refused (db, "INSERT INTO audit (os_user, entity, entity_id, action) "
                          "VALUES ('someone', 'funding_case', 1, 'insert')",
                      "Only Kartleser itself writes the audit trail");
      assert_refused (db, "DELETE FROM audit", "Only Kartleser itself writes the audit trail");
      assert_refused (db, "UPDATE audit SET os_user = 'someone'", "Only Kartleser itself writes the audit trail");
      assert_refused (db, "TRUNCATE audit", "Only Kartleser itself writes the audit trail");
      assert_refused (db, "TRUNCATE sealed_document", "Sealed documents cannot be changed");
      assert_refused (db, "DELETE FROM sealed_document", "Sealed documents cannot be changed");
      assert_refused (db, "DELETE FROM staff", NULL);
    }
  assert_refused (consultant, "INSERT INTO sealed_document (programme_id, kind, format, lang, content, sha256) "
                              "VALUES (1, 'payout', 'xml', 'nb', '\\x00', repeat ('0', 64))",
                  "Sealed documents cannot be changed");
  g_assert_cmpint (kl_test_count (fixture->db, "SELECT count(*) FROM audit"), ==, before);
}

/* Who leads is the office's: a consultant edits a session they lead but
 * cannot name themselves leader of another (which would give them its
 * programme), remove a co-leader or take over a programme, neither
 * through Kartleser nor with plain SQL. */
static void
test_consultant_leaders (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(KlDb) db = kl_test_server_open_as (fixture->uri, fixture->consultant_login);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSession) mine = kl_store_get_session (db, fixture->my_session, &error);
  g_autoptr(KlSession) shared = NULL;
  g_autoptr(KlAttendance) mark = kl_attendance_new ();
  g_autofree char *title = NULL;
  g_autofree char *sql = NULL;
  gint64 leaders;

  g_assert_no_error (error);
  g_free (mine->title);
  mine->title = g_strdup ("Samling 1 (flyttet)");
  g_assert_true (kl_store_update_session (db, mine, &error));
  g_assert_no_error (error);
  {
    g_autoptr(KlStmt) stmt = kl_db_query (fixture->db, &error, "SELECT title FROM session WHERE id = ?", "i",
                                          fixture->my_session);

    g_assert_true (kl_stmt_next (stmt, &error));
    title = kl_stmt_text (stmt, 0);
  }
  g_assert_cmpstr (title, ==, "Samling 1 (flyttet)");

  /* Anne leads a session of Bjørn's programme: she may edit it, but not
   * drop Bjørn's role in it or add another leader. */
  leaders = kl_test_count (fixture->db, "SELECT count(*) FROM session_leader");
  shared = kl_store_get_session (db, fixture->shared_session, &error);
  g_assert_no_error (error);
  g_array_append_val (shared->leader_ids, fixture->bjorn);
  g_assert_false (kl_store_update_session (db, shared, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_NOT_ALLOWED);
  g_assert_cmpstr (error->message, ==, "Only the office can change who leads a session");
  g_clear_error (&error);
  g_array_set_size (shared->leader_ids, 0);
  g_assert_false (kl_store_update_session (db, shared, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  /* With plain SQL: herself as leader of Bjørn's session, or of the
   * programme; Bjørn's lead taken over. */
  sql = g_strdup_printf ("INSERT INTO session_leader (session_id, consultant_id) VALUES (%" G_GINT64_FORMAT
                         ", %" G_GINT64_FORMAT ")", fixture->their_session, fixture->anne);
  assert_refused (db, sql, "Only the office can change who leads a session");
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("UPDATE session_leader SET consultant_id = %" G_GINT64_FORMAT, fixture->anne);
  assert_refused (db, sql, "Only the office can change who leads a session");
  assert_refused (db, "DELETE FROM session_leader", "Only the office can change who leads a session");
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("UPDATE programme SET lead_id = %" G_GINT64_FORMAT, fixture->anne);
  assert_refused (db, sql, "Your role may not change this");
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("UPDATE staff SET consultant_id = %" G_GINT64_FORMAT, fixture->bjorn);
  assert_refused (db, sql, NULL);
  g_assert_cmpint (kl_test_count (fixture->db, "SELECT count(*) FROM session_leader"), ==, leaders);
  {
    g_autofree char *check = g_strdup_printf ("SELECT count(*) FROM programme WHERE lead_id = %" G_GINT64_FORMAT,
                                              fixture->anne);

    /* Anne leads LED SKOLE Bærum only. */
    g_assert_cmpint (kl_test_count (fixture->db, check), ==, 1);
  }

  /* So Bjørn's own programme stays closed to her. */
  mark->session_id = fixture->their_session;
  mark->participant_id = fixture->participant;
  mark->status = g_strdup ("present");
  g_assert_false (kl_store_set_attendance (db, mark, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_NOT_ALLOWED);
}

/* An owner who may not create roles: init succeeds and says what a
 * superuser should run; nothing is made meanwhile. */
static void
test_owner_without_createrole (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *admin_uri = kl_test_server_db ();
  g_autofree char *admin_database = kl_test_server_db_name (admin_uri);
  g_autoptr(KlDb) admin = kl_db_open (admin_uri, &error);
  g_autofree char *owner = g_strdup_printf ("%s_owner", admin_database);
  g_autofree char *database = g_strdup_printf ("%s_owned", admin_database);
  g_autofree char *sql = NULL;
  g_autoptr(GString) uri = g_string_new (admin_uri);
  g_autoptr(KlDb) db = NULL;
  g_autofree char *statements = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *exists = NULL;

  g_assert_no_error (error);
  sql = g_strdup_printf ("CREATE ROLE %s LOGIN", owner);
  g_assert_true (kl_db_exec (admin, &error, sql, NULL));
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("CREATE DATABASE %s OWNER %s", database, owner);
  g_assert_true (kl_db_exec (admin, &error, sql, NULL));
  g_assert_no_error (error);

  {
    g_autofree char *user = g_strdup_printf ("user=%s", owner);
    g_autofree char *from = g_strdup_printf ("/%s?", admin_database);
    g_autofree char *to = g_strdup_printf ("/%s?", database);

    g_assert_cmpuint (g_string_replace (uri, from, to, 1), ==, 1);
    g_assert_cmpuint (g_string_replace (uri, "user=postgres", user, 1), ==, 1);
  }
  db = kl_db_open (uri->str, &error);
  g_assert_no_error (error);
  g_assert_true (kl_server_setup_roles (db, &statements, &error));
  g_assert_no_error (error);
  expected = g_strdup_printf ("CREATE ROLE kl_%s_office NOLOGIN;\nCREATE ROLE kl_%s_consultant NOLOGIN;\n",
                              database, database);
  g_assert_nonnull (statements);
  g_assert_true (g_str_has_prefix (statements, expected));
  exists = kl_test_query_text (db,
                               "SELECT count(*)::text FROM pg_roles WHERE rolname LIKE 'kl_' || current_database () || '%'",
                               NULL);
  g_assert_cmpstr (exists, ==, "0");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (!kl_test_on_server ())
    g_error ("test-roles runs on PostgreSQL only (KL_TEST_BACKEND=postgresql)");
  g_test_add ("/roles/made", Fixture, NULL, fixture_set_up, test_roles_made, fixture_tear_down);
  g_test_add ("/roles/consultant-no-money", Fixture, NULL, fixture_set_up, test_consultant_no_money,
              fixture_tear_down);
  g_test_add ("/roles/consultant-attendance", Fixture, NULL, fixture_set_up, test_consultant_attendance,
              fixture_tear_down);
  g_test_add ("/roles/consultant-leaders", Fixture, NULL, fixture_set_up, test_consultant_leaders,
              fixture_tear_down);
  g_test_add ("/roles/trail-kept", Fixture, NULL, fixture_set_up, test_trail_kept, fixture_tear_down);
  g_test_add_func ("/roles/owner-without-createrole", test_owner_without_createrole);
  return g_test_run ();
}
