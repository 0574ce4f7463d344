/* No lost edits (issue 13): two connections load the same record, the
 * first saves, the second's save of its stale copy is refused naming who
 * changed it and when; after a reload it saves. A save over a record
 * deleted meanwhile says who deleted it. On a team server, a consultant's
 * UPDATE or DELETE that row-level security hides is a clear refusal, not
 * a silent nothing. Runs on SQLite and (KL_TEST_BACKEND=postgresql) on
 * the run's private cluster. */

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "kl-error.h"
#include "kl-server.h"
#include "kl-store.h"
#include "kl-test-server.h"
#include "kl-test-store.h"
#include "kl-test-util.h"

typedef struct
{
  char *dir;
  char *location;
  KlDb *first;       /* two users' connections to one database */
  KlDb *second;
  gint64 client;
  gint64 programme;
  gint64 session;
  gint64 participant;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = kl_test_make_dir ("versions");
  fixture->first = kl_test_open_db_at (fixture->dir, &fixture->location);
  fixture->second = kl_db_open (fixture->location, &error);
  g_assert_no_error (error);

  fixture->client = kl_test_add_client (fixture->first, "Bærum kommune", "kommune", 0, NULL);
  {
    g_autoptr(KlProgramme) programme = kl_programme_new ();
    g_autoptr(KlParticipant) participant = kl_participant_new ();

    programme->client_id = fixture->client;
    programme->title = g_strdup ("LED SKOLE Bærum");
    programme->kind = g_strdup ("led-skole");
    programme->start_date = g_strdup ("2025-08-15");
    programme->end_date = g_strdup ("2026-06-15");
    g_assert_true (kl_store_insert_programme (fixture->first, programme, &error));
    g_assert_no_error (error);
    fixture->programme = programme->id;
    participant->name = g_strdup ("Kari Nordmann");
    g_assert_true (kl_store_insert_participant (fixture->first, participant, &error));
    g_assert_no_error (error);
    fixture->participant = participant->id;
  }
  fixture->session = kl_test_add_session (fixture->first, fixture->programme, "Samling 1",
                                          "2025-10-01T09:00", "2025-10-01T15:00");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->second);
  kl_test_close_db (&fixture->first, &fixture->dir);
  g_free (fixture->location);
}

/* The local wall clock to the minute, as the refusal says it. */
static char *
minute_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d %H:%M");
}

/* "<who> changed this <what> at <when>", when between the two minutes
 * around the first save. */
static void
assert_changed_by (const GError *error,
                   const char   *what,
                   const char   *before,
                   const char   *after)
{
  g_autofree char *by_before = g_strdup_printf ("%s changed this %s at %s", kl_test_db_user (), what, before);
  g_autofree char *by_after = g_strdup_printf ("%s changed this %s at %s", kl_test_db_user (), what, after);

  g_assert_error (error, KL_ERROR, KL_ERROR_CONFLICT);
  if (g_strcmp0 (error->message, by_before) != 0)
    g_assert_cmpstr (error->message, ==, by_after);
}

static void
test_client_conflict (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlClient) mine = kl_store_get_client (fixture->first, fixture->client, &error);
  g_autoptr(KlClient) theirs = kl_store_get_client (fixture->second, fixture->client, &error);
  g_autoptr(KlClient) reloaded = NULL;
  g_autoptr(KlClient) stored = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_no_error (error);
  /* A new record is at version 1; each save raises it by one. */
  g_assert_cmpint (mine->version, ==, 1);
  g_assert_cmpint (theirs->version, ==, 1);

  before = minute_now ();
  g_free (mine->notes);
  mine->notes = g_strdup ("Rektor har byttet telefonnummer");
  g_assert_true (kl_store_update_client (fixture->first, mine, &error));
  g_assert_no_error (error);
  after = minute_now ();
  g_assert_cmpint (mine->version, ==, 2);

  g_free (theirs->contact_name);
  theirs->contact_name = g_strdup ("Per Hansen");
  g_assert_false (kl_store_update_client (fixture->second, theirs, &error));
  assert_changed_by (error, "client", before, after);
  g_clear_error (&error);

  /* Nothing of the refused save reached the database. */
  stored = kl_store_get_client (fixture->first, fixture->client, &error);
  g_assert_no_error (error);
  g_assert_null (stored->contact_name);
  g_assert_cmpstr (stored->notes, ==, "Rektor har byttet telefonnummer");
  g_assert_cmpint (stored->version, ==, 2);

  /* Reloaded, the second user sees the first one's notes and saves. */
  reloaded = kl_store_get_client (fixture->second, fixture->client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reloaded->notes, ==, "Rektor har byttet telefonnummer");
  reloaded->contact_name = g_strdup ("Per Hansen");
  g_assert_true (kl_store_update_client (fixture->second, reloaded, &error));
  g_assert_no_error (error);
  g_assert_cmpint (reloaded->version, ==, 3);

  /* Two saves, two rows of the trail: 1 → 2, 2 → 3. */
  g_assert_cmpint (kl_test_query_int (fixture->first,
                                      "SELECT count(*) FROM audit WHERE entity = 'client' AND entity_id = ?1 "
                                      "AND field = 'version'", fixture->client), ==, 2);
  g_assert_cmpint (kl_test_query_int (fixture->first,
                                      "SELECT max(CAST (new_value AS integer)) FROM audit "
                                      "WHERE entity = 'client' AND entity_id = ?1", fixture->client), ==, 3);
}

/* Sessions, participants, programmes and cost items likewise. */
static void
test_other_records_conflict (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = minute_now ();
  g_autofree char *after = NULL;

  {
    g_autoptr(KlSession) mine = kl_store_get_session (fixture->first, fixture->session, &error);
    g_autoptr(KlSession) theirs = kl_store_get_session (fixture->second, fixture->session, &error);

    g_assert_no_error (error);
    g_free (mine->location);
    mine->location = g_strdup ("Rådhuset");
    g_assert_true (kl_store_update_session (fixture->first, mine, &error));
    g_assert_no_error (error);
    after = minute_now ();
    g_free (theirs->title);
    theirs->title = g_strdup ("Samling 1: oppstart");
    g_assert_false (kl_store_update_session (fixture->second, theirs, &error));
    assert_changed_by (error, "session", before, after);
    g_clear_error (&error);
    g_assert_cmpint (kl_test_query_int (fixture->first, "SELECT count(*) FROM session WHERE id = ?1 "
                                                        "AND title = 'Samling 1'", fixture->session), ==, 1);
  }
  {
    g_autoptr(KlParticipant) mine = kl_store_get_participant (fixture->first, fixture->participant, &error);
    g_autoptr(KlParticipant) theirs = kl_store_get_participant (fixture->second, fixture->participant, &error);

    g_assert_no_error (error);
    mine->email = g_strdup ("kari@baerum.kommune.no");
    g_assert_true (kl_store_update_participant (fixture->first, mine, &error));
    g_assert_no_error (error);
    g_free (after);
    after = minute_now ();
    theirs->phone = g_strdup ("900 00 000");
    g_assert_false (kl_store_update_participant (fixture->second, theirs, &error));
    assert_changed_by (error, "participant", before, after);
    g_clear_error (&error);
  }
  {
    g_autoptr(KlProgramme) mine = kl_store_get_programme (fixture->first, fixture->programme, &error);
    g_autoptr(KlProgramme) theirs = kl_store_get_programme (fixture->second, fixture->programme, &error);

    g_assert_no_error (error);
    mine->goals = g_strdup ("Bedre skoler");
    g_assert_true (kl_store_update_programme (fixture->first, mine, &error));
    g_assert_no_error (error);
    g_free (after);
    after = minute_now ();
    theirs->target_group = g_strdup ("Rektorer");
    g_assert_false (kl_store_update_programme (fixture->second, theirs, &error));
    assert_changed_by (error, "programme", before, after);
    g_clear_error (&error);
  }
  {
    g_autoptr(KlCostItem) item = kl_cost_item_new ();
    g_autoptr(KlCostItem) mine = NULL;
    g_autoptr(KlCostItem) theirs = NULL;

    item->programme_id = fixture->programme;
    item->category = KL_COST_VENUE;
    item->net_ore = 500000;
    item->supplier = g_strdup ("Rådhuset");
    g_assert_true (kl_store_insert_cost (fixture->first, item, &error));
    g_assert_no_error (error);
    mine = kl_store_get_cost (fixture->first, item->id, &error);
    theirs = kl_store_get_cost (fixture->second, item->id, &error);
    g_assert_no_error (error);
    mine->net_ore = 600000;
    g_assert_true (kl_store_update_cost (fixture->first, mine, &error));
    g_assert_no_error (error);
    g_free (after);
    after = minute_now ();
    theirs->note = g_strdup ("Leie av sal");
    g_assert_false (kl_store_update_cost (fixture->second, theirs, &error));
    assert_changed_by (error, "cost item", before, after);
    g_clear_error (&error);
    g_assert_cmpint (kl_test_query_int (fixture->first, "SELECT net_ore FROM cost_item WHERE id = ?1", item->id),
                     ==, 600000);
  }
  /* The funding case: the office records the application twice at once. */
  {
    g_autoptr(KlFundingCase) draft = kl_funding_case_new ();
    g_autoptr(KlFundingCase) mine = NULL;
    g_autoptr(KlFundingCase) theirs = NULL;

    draft->programme_id = fixture->programme;
    draft->status = g_strdup ("draft");
    g_assert_true (kl_store_save_funding_case (fixture->first, draft, &error));
    g_assert_no_error (error);
    g_assert_cmpint (draft->version, ==, 1);
    mine = kl_store_get_funding_case (fixture->first, fixture->programme, NULL, &error);
    theirs = kl_store_get_funding_case (fixture->second, fixture->programme, NULL, &error);
    g_assert_no_error (error);
    g_free (mine->status);
    mine->status = g_strdup ("applied");
    mine->applied_date = g_strdup ("2025-06-01");
    mine->applied_ore = 12000000;
    g_assert_true (kl_store_save_funding_case (fixture->first, mine, &error));
    g_assert_no_error (error);
    g_assert_cmpint (mine->version, ==, 2);
    g_free (after);
    after = minute_now ();
    g_free (theirs->status);
    theirs->status = g_strdup ("applied");
    theirs->applied_date = g_strdup ("2025-06-02");
    theirs->applied_ore = 9000000;
    g_assert_false (kl_store_save_funding_case (fixture->second, theirs, &error));
    assert_changed_by (error, "funding case", before, after);
    g_clear_error (&error);
    g_assert_cmpint (kl_test_query_int (fixture->first, "SELECT applied_ore FROM funding_case "
                                                        "WHERE programme_id = ?1", fixture->programme), ==, 12000000);
    /* One's own copy saved again is not someone else's change. */
    mine->applied_ore = 12500000;
    g_assert_true (kl_store_save_funding_case (fixture->first, mine, &error));
    g_assert_no_error (error);
    g_assert_cmpint (mine->version, ==, 3);
  }
}

/* One deletes, the other saves its copy: refused, saying who deleted it. */
static void
test_edit_after_delete (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlParticipant) theirs = kl_store_get_participant (fixture->second, fixture->participant, &error);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *by_before = NULL;
  g_autofree char *by_after = NULL;

  g_assert_no_error (error);
  before = minute_now ();
  g_assert_true (kl_store_delete_participant (fixture->first, fixture->participant, &error));
  g_assert_no_error (error);
  after = minute_now ();

  theirs->notes = g_strdup ("Ny adresse");
  g_assert_false (kl_store_update_participant (fixture->second, theirs, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_NOT_FOUND);
  by_before = g_strdup_printf ("This participant was deleted by %s at %s", kl_test_db_user (), before);
  by_after = g_strdup_printf ("This participant was deleted by %s at %s", kl_test_db_user (), after);
  if (g_strcmp0 (error->message, by_before) != 0)
    g_assert_cmpstr (error->message, ==, by_after);
  g_clear_error (&error);
  /* Not put back by the refused save either. */
  g_assert_cmpint (kl_test_query_int (fixture->first, "SELECT count(*) FROM participant WHERE id = ?1",
                                      fixture->participant), ==, 0);

  /* Deleting it again: gone, and by whom. */
  g_assert_false (kl_store_delete_session (fixture->second, fixture->session + 1000, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_NOT_FOUND);
}

/* Undo puts back a copy read before this connection's own save: that is
 * no conflict. Once someone else has saved since, it is. */
static void
test_undo_own_save (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSession) before = kl_store_get_session (fixture->first, fixture->session, &error);
  g_autoptr(KlSession) edited = kl_store_get_session (fixture->first, fixture->session, &error);
  g_autoptr(KlSession) theirs = NULL;
  g_autoptr(KlSession) again = NULL;

  g_assert_no_error (error);
  edited->location = g_strdup ("Rådhuset");
  g_assert_true (kl_store_update_session (fixture->first, edited, &error));
  g_assert_no_error (error);
  /* Ctrl+Z: the copy from before the save goes back, at version 3. */
  g_assert_true (kl_store_update_session (fixture->first, before, &error));
  g_assert_no_error (error);
  g_assert_cmpint (before->version, ==, 3);
  g_assert_cmpint (kl_test_query_int (fixture->first, "SELECT count(*) FROM session WHERE id = ?1 "
                                                      "AND location IS NULL", fixture->session), ==, 1);

  /* The colleague saves; an undo of the first save now would lose that. */
  theirs = kl_store_get_session (fixture->second, fixture->session, &error);
  g_assert_no_error (error);
  theirs->title = g_strdup ("Samling 1: oppstart");
  g_assert_true (kl_store_update_session (fixture->second, theirs, &error));
  g_assert_no_error (error);
  g_assert_cmpint (theirs->version, ==, 4);
  again = kl_store_get_session (fixture->first, fixture->session, &error);
  g_assert_no_error (error);
  edited->version = 2;
  g_assert_false (kl_store_update_session (fixture->first, edited, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_CONFLICT);
  g_assert_cmpstr (again->title, ==, "Samling 1: oppstart");
}

/* A caller that did not read the record (version 0) overwrites it, as
 * before versions: an import that owns what it writes. */
static void
test_unread_overwrites (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlConsultant) consultant = kl_consultant_new ();
  g_autoptr(KlConsultant) blind = kl_consultant_new ();

  consultant->name = g_strdup ("Anne Berg");
  g_assert_true (kl_store_insert_consultant (fixture->first, consultant, &error));
  g_assert_no_error (error);
  consultant->email = g_strdup ("anne@imtec.no");
  g_assert_true (kl_store_update_consultant (fixture->first, consultant, &error));
  g_assert_no_error (error);
  g_assert_cmpint (consultant->version, ==, 2);

  blind->id = consultant->id;
  blind->name = g_strdup ("Anne B. Berg");
  g_assert_true (kl_store_update_consultant (fixture->second, blind, &error));
  g_assert_no_error (error);
  g_assert_cmpint (blind->version, ==, 3);
}

/* Server only: Anne, a consultant, leads "mine" and not "theirs". */
typedef struct
{
  char *uri;
  KlDb *db;
  KlDb *anne_db;
  gint64 their_session;      /* with a mark */
  gint64 their_other_session;
  gint64 their_participant;
  gint64 my_session;         /* in a programme Anne leads */
  char *login;
} RoleFixture;

static void
role_fixture_set_up (RoleFixture   *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlProgramme) theirs = NULL;
  g_autoptr(KlProgramme) mine = NULL;
  g_autofree char *database = NULL;
  gint64 anne;
  gint64 bjorn;
  gint64 client;

  fixture->db = kl_test_server_owner_open (&fixture->uri, &database);
  anne = kl_test_add_consultant (fixture->db, "Anne Berg");
  bjorn = kl_test_add_consultant (fixture->db, "Bjørn Dahl");
  client = kl_test_add_client (fixture->db, "Asker kommune", "kommune", 0, NULL);
  /* No status: the programme's default. */
  theirs = kl_test_programme_new (client, "LED SKOLE Asker", "2025-08-15", "2026-06-15");
  g_clear_pointer (&theirs->status, g_free);
  theirs->lead_id = bjorn;
  g_assert_true (kl_store_insert_programme (fixture->db, theirs, &error));
  g_assert_no_error (error);
  fixture->their_session = kl_test_add_session (fixture->db, theirs->id, "Samling 1",
                                                "2025-10-01T09:00", "2025-10-01T15:00");
  fixture->their_other_session = kl_test_add_session (fixture->db, theirs->id, "Samling 2",
                                                      "2025-11-01T09:00", "2025-11-01T15:00");
  fixture->their_participant = kl_test_add_participant (fixture->db, "Ola Nordmann", NULL);
  kl_test_enrol (fixture->db, theirs->id, fixture->their_participant);
  kl_test_mark (fixture->db, fixture->their_session, fixture->their_participant, "present", 0);

  mine = kl_test_programme_new (client, "LED SKOLE Bærum", "2025-08-15", "2026-06-15");
  g_clear_pointer (&mine->status, g_free);
  mine->lead_id = anne;
  g_assert_true (kl_store_insert_programme (fixture->db, mine, &error));
  g_assert_no_error (error);
  fixture->my_session = kl_test_add_session (fixture->db, mine->id, "Samling 1",
                                             "2025-10-02T09:00", "2025-10-02T15:00");

  fixture->login = g_strdup_printf ("%s_anne", database);
  g_assert_true (kl_server_add_user (fixture->db, fixture->login, KL_SERVER_CONSULTANT, anne, NULL, &error));
  g_assert_no_error (error);
  fixture->anne_db = kl_test_server_open_as (fixture->uri, fixture->login);
}

static void
role_fixture_tear_down (RoleFixture   *fixture,
                        gconstpointer  data)
{
  g_clear_object (&fixture->anne_db);
  g_clear_object (&fixture->db);
  g_free (fixture->uri);
  g_free (fixture->login);
}

static void
assert_refused (const GError *error,
                const char   *message)
{
  g_assert_error (error, KL_ERROR, KL_ERROR_NOT_ALLOWED);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_consultant_out_of_scope (RoleFixture   *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSession) session = kl_store_get_session (fixture->anne_db, fixture->their_session, &error);
  g_autoptr(KlParticipant) participant = kl_store_get_participant (fixture->anne_db, fixture->their_participant,
                                                                   &error);

  /* She reads them (everyone reads everything)... */
  g_assert_no_error (error);
  g_assert_nonnull (session);
  g_assert_nonnull (participant);

  /* ...but may not change them, and is told so. */
  g_free (session->location);
  session->location = g_strdup ("Kantina");
  g_assert_false (kl_store_update_session (fixture->anne_db, session, &error));
  assert_refused (error, "Only the office or the consultants who lead this programme can change this session");
  g_clear_error (&error);
  g_assert_false (kl_store_delete_session (fixture->anne_db, fixture->their_other_session, &error));
  assert_refused (error, "Only the office or the consultants who lead this programme can change this session");
  g_clear_error (&error);

  participant->phone = g_strdup ("900 00 000");
  g_assert_false (kl_store_update_participant (fixture->anne_db, participant, &error));
  assert_refused (error, "Only the office or the consultants who lead a programme of this participant can change them");
  g_clear_error (&error);
  g_assert_false (kl_store_clear_attendance (fixture->anne_db, fixture->their_session, fixture->their_participant,
                                             &error));
  assert_refused (error, "Only the office or the consultants who lead this programme can change its attendance");
  g_clear_error (&error);

  /* Nothing changed: the session has its place, the mark is there. */
  g_assert_cmpint (kl_test_query_int (fixture->db, "SELECT count(*) FROM session WHERE id = ?1 AND location IS NULL",
                                      fixture->their_session), ==, 1);
  g_assert_cmpint (kl_test_query_int (fixture->db, "SELECT count(*) FROM attendance WHERE session_id = ?1",
                                      fixture->their_session), ==, 1);
  g_assert_cmpint (kl_test_query_int (fixture->db, "SELECT count(*) FROM session WHERE id = ?1",
                                      fixture->their_other_session), ==, 1);
  g_assert_cmpint (kl_test_query_int (fixture->db, "SELECT version FROM session WHERE id = ?1",
                                      fixture->their_session), ==, 1);

  /* Her own session she changes (here with plain SQL: the store's session
   * save also rewrites session_leader, which no consultant may write, see
   * the report); the trail, written as the owner, names her login, and
   * the office's stale copy is refused naming her. */
  {
    g_autoptr(KlSession) office_copy = kl_store_get_session (fixture->db, fixture->my_session, &error);
    g_autofree char *prefix = g_strdup_printf ("%s changed this session at ", fixture->login);

    g_assert_no_error (error);
    g_assert_true (kl_db_exec (fixture->anne_db, &error, "UPDATE session SET location = 'Rådhuset' WHERE id = ?1",
                               "i", fixture->my_session));
    g_assert_no_error (error);
    g_assert_cmpint (kl_test_query_int (fixture->db, "SELECT version FROM session WHERE id = ?1",
                                        fixture->my_session), ==, 2);
    office_copy->title = g_strdup ("Samling 1: oppstart");
    g_assert_false (kl_store_update_session (fixture->db, office_copy, &error));
    g_assert_error (error, KL_ERROR, KL_ERROR_CONFLICT);
    g_assert_true (g_str_has_prefix (error->message, prefix));
  }
}

/* A save refused half-way (here: a leader the database will not take)
 * rolls back whole, the record's version with it: saving again once that
 * is fixed goes through, and is still refused if someone else saved
 * meanwhile. */
static void
test_refused_save_again (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlConsultant) anne = kl_consultant_new ();
  g_autoptr(KlSession) session = kl_store_get_session (fixture->first, fixture->session, &error);
  g_autoptr(KlSession) theirs = NULL;
  /* The trigger's function first (on the server only). */
  const char *refuse[] = {
    kl_test_on_server () ? "CREATE FUNCTION kl_test_refuse () RETURNS trigger LANGUAGE plpgsql AS "
                           "$$ BEGIN RAISE EXCEPTION 'no leaders today'; END $$" : NULL,
    kl_test_on_server () ? "CREATE TRIGGER kl_test_refuse BEFORE INSERT ON session_leader "
                           "FOR EACH ROW EXECUTE FUNCTION kl_test_refuse ()"
                         : "CREATE TRIGGER kl_test_refuse BEFORE INSERT ON session_leader "
                           "BEGIN SELECT RAISE (ABORT, 'no leaders today'); END",
  };

  g_assert_no_error (error);
  anne->name = g_strdup ("Anne Berg");
  g_assert_true (kl_store_insert_consultant (fixture->first, anne, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (refuse); i++)
    g_assert_true (refuse[i] == NULL || kl_db_exec (fixture->first, &error, refuse[i], ""));
  g_assert_no_error (error);

  g_assert_cmpint (session->version, ==, 1);
  g_free (session->location);
  session->location = g_strdup ("Rådhuset");
  g_array_append_val (session->leader_ids, anne->id);
  g_assert_false (kl_store_update_session (fixture->first, session, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (session->version, ==, 1);
  g_assert_cmpint (kl_test_query_int (fixture->first, "SELECT version FROM session WHERE id = ?1", fixture->session),
                   ==, 1);

  /* Without the leader: saved, at version 2. */
  g_array_set_size (session->leader_ids, 0);
  g_assert_true (kl_store_update_session (fixture->first, session, &error));
  g_assert_no_error (error);
  g_assert_cmpint (session->version, ==, 2);

  /* Refused again, then the colleague saves: the retry is a stale copy. */
  g_array_append_val (session->leader_ids, anne->id);
  g_assert_false (kl_store_update_session (fixture->first, session, &error));
  g_clear_error (&error);
  theirs = kl_store_get_session (fixture->second, fixture->session, &error);
  g_assert_no_error (error);
  g_free (theirs->title);
  theirs->title = g_strdup ("Samling 1: oppstart");
  g_assert_true (kl_store_update_session (fixture->second, theirs, &error));
  g_assert_no_error (error);
  g_array_set_size (session->leader_ids, 0);
  g_assert_false (kl_store_update_session (fixture->first, session, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_CONFLICT);
  g_assert_cmpint (kl_test_query_int (fixture->first, "SELECT count(*) FROM session WHERE id = ?1 "
                                      "AND title = 'Samling 1: oppstart'", fixture->session), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/versions/client-conflict", Fixture, NULL, fixture_set_up, test_client_conflict, fixture_tear_down);
  g_test_add ("/versions/other-records-conflict", Fixture, NULL, fixture_set_up, test_other_records_conflict,
              fixture_tear_down);
  g_test_add ("/versions/edit-after-delete", Fixture, NULL, fixture_set_up, test_edit_after_delete,
              fixture_tear_down);
  g_test_add ("/versions/undo-own-save", Fixture, NULL, fixture_set_up, test_undo_own_save, fixture_tear_down);
  g_test_add ("/versions/refused-save-again", Fixture, NULL, fixture_set_up, test_refused_save_again,
              fixture_tear_down);
  g_test_add ("/versions/unread-overwrites", Fixture, NULL, fixture_set_up, test_unread_overwrites,
              fixture_tear_down);
  if (kl_test_on_server ())
    g_test_add ("/versions/consultant-out-of-scope", RoleFixture, NULL, role_fixture_set_up,
                test_consultant_out_of_scope, role_fixture_tear_down);
  return g_test_run ();
}
