#include "config.h"

#include "kl-demo.h"
#include "kl-server.h"
#include "kl-store.h"
#include "kl-test-server.h"
#include "kl-test-store.h"
#include "kl-test-util.h"

char *
kl_test_db_location (const char *dir)
{
  return kl_test_db_location_named (dir, "kartleser.db");
}

KlDb *
kl_test_open_db (const char *dir)
{
  g_autofree char *location = NULL;

  return kl_test_open_db_at (dir, &location);
}

KlDb *
kl_test_open_db_at (const char  *dir,
                    char       **location)
{
  g_autoptr(GError) error = NULL;
  KlDb *db;

  *location = kl_test_db_location (dir);
  db = kl_db_open (*location, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  return db;
}

void
kl_test_close_db (KlDb **db,
                  char **dir)
{
  g_clear_object (db);
  kl_test_remove_dir (*dir);
  g_clear_pointer (dir, g_free);
}

void
kl_test_fill_demo (KlDb  *db,
                   guint  years)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kl_demo_fill (db, years, &error));
  g_assert_no_error (error);
}

void
kl_test_db_fixture_set_up (KlTestDbFixture *fixture,
                           gconstpointer    data)
{
  g_autofree char *tag = g_path_get_basename (g_get_prgname ());

  fixture->dir = kl_test_make_dir (tag);
  fixture->db = kl_test_open_db (fixture->dir);
}

void
kl_test_db_fixture_tear_down (KlTestDbFixture *fixture,
                              gconstpointer    data)
{
  kl_test_close_db (&fixture->db, &fixture->dir);
}

KlDb *
kl_test_server_owner_open (char **uri,
                           char **database)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *statements = NULL;
  KlDb *db;

  *uri = kl_test_server_db ();
  *database = kl_test_server_db_name (*uri);
  db = kl_db_open (*uri, &error);
  g_assert_no_error (error);
  g_assert_true (kl_server_setup_roles (db, &statements, &error));
  g_assert_no_error (error);
  g_assert_null (statements);
  return db;
}

KlDb *
kl_test_server_open_as (const char *uri,
                        const char *login)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) as_login = g_string_new (uri);
  g_autofree char *user = g_strdup_printf ("user=%s", login);
  KlDb *db;

  g_assert_cmpuint (g_string_replace (as_login, "user=postgres", user, 1), ==, 1);
  db = kl_db_open (as_login->str, &error);
  g_assert_no_error (error);
  return db;
}

GArray *
kl_test_granted_programmes (KlDb *db)
{
  g_autoptr(GPtrArray) programmes = kl_store_list_programmes (db, NULL);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_nonnull (programmes);
  for (guint i = 0; i < programmes->len; i++)
    {
      KlProgramme *programme = g_ptr_array_index (programmes, i);
      g_autoptr(KlFundingCase) funding = kl_store_get_funding_case (db, programme->id, KL_DEFAULT_SCHEME, NULL);

      if (funding != NULL && funding->case_no != NULL)
        g_array_append_val (ids, programme->id);
    }
  return ids;
}

gint64
kl_test_first_granted (KlDb *db)
{
  g_autoptr(GArray) granted = kl_test_granted_programmes (db);

  g_assert_cmpuint (granted->len, >, 0);
  return g_array_index (granted, gint64, 0);
}

void
kl_test_set_organisation (KlDb       *db,
                          const char *name,
                          const char *address)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSettings) settings = kl_settings_new ();

  settings->name = g_strdup (name);
  settings->address = g_strdup (address);
  g_assert_true (kl_store_save_settings (db, settings, &error));
  g_assert_no_error (error);
}

gint64
kl_test_query_int (KlDb       *db,
                   const char *sql,
                   gint64      id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlStmt) stmt = kl_db_query (db, &error, sql, "i", id);

  g_assert_no_error (error);
  g_assert_nonnull (stmt);
  g_assert_true (kl_stmt_next (stmt, &error));
  g_assert_no_error (error);
  return kl_stmt_int (stmt, 0);
}

char *
kl_test_query_text (KlDb       *db,
                    const char *sql,
                    const char *arg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlStmt) stmt = kl_db_query (db, &error, sql, arg ? "t" : "", arg);

  g_assert_no_error (error);
  g_assert_true (kl_stmt_next (stmt, &error));
  g_assert_no_error (error);
  return kl_stmt_text (stmt, 0);
}

gint64
kl_test_count (KlDb       *db,
               const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlStmt) stmt = kl_db_query (db, &error, sql, NULL);

  g_assert_no_error (error);
  g_assert_true (kl_stmt_next (stmt, &error));
  g_assert_no_error (error);
  return kl_stmt_int (stmt, 0);
}

gint64
kl_test_add_client (KlDb       *db,
                    const char *name,
                    const char *kind,
                    gint64      parent_id,
                    const char *orgnr)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlClient) client = kl_client_new ();

  client->name = g_strdup (name);
  client->kind = g_strdup (kind);
  client->parent_id = parent_id;
  client->orgnr = g_strdup (orgnr);
  g_assert_true (kl_store_insert_client (db, client, &error));
  g_assert_no_error (error);
  g_assert_cmpint (client->id, >, 0);
  return client->id;
}

KlSession *
kl_test_session_new (gint64      programme_id,
                     const char *title,
                     const char *starts_at,
                     const char *ends_at)
{
  KlSession *session = kl_session_new ();

  session->programme_id = programme_id;
  session->kind = g_strdup ("fagsamling");
  session->title = g_strdup (title);
  session->starts_at = g_strdup (starts_at);
  session->ends_at = g_strdup (ends_at);
  return session;
}

gint64
kl_test_add_session (KlDb       *db,
                     gint64      programme_id,
                     const char *title,
                     const char *starts_at,
                     const char *ends_at)
{
  return kl_test_add_session_at (db, programme_id, title, starts_at, ends_at, NULL);
}

gint64
kl_test_add_session_at (KlDb       *db,
                        gint64      programme_id,
                        const char *title,
                        const char *starts_at,
                        const char *ends_at,
                        const char *location)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSession) session = kl_test_session_new (programme_id, title, starts_at, ends_at);

  session->location = g_strdup (location);
  g_assert_true (kl_store_insert_session (db, session, &error));
  g_assert_no_error (error);
  g_assert_cmpint (session->id, >, 0);
  return session->id;
}

gint64
kl_test_enrol (KlDb   *db,
               gint64  programme_id,
               gint64  participant_id)
{
  return kl_test_enrol_from (db, programme_id, participant_id, NULL);
}

gint64
kl_test_enrol_from (KlDb       *db,
                    gint64      programme_id,
                    gint64      participant_id,
                    const char *from_date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEnrolment) enrolment = kl_enrolment_new ();

  enrolment->programme_id = programme_id;
  enrolment->participant_id = participant_id;
  enrolment->from_date = g_strdup (from_date);
  g_assert_true (kl_store_enrol (db, enrolment, &error));
  g_assert_no_error (error);
  g_assert_cmpint (enrolment->id, >, 0);
  return enrolment->id;
}

void
kl_test_mark (KlDb       *db,
              gint64      session_id,
              gint64      participant_id,
              const char *status,
              int         minutes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlAttendance) attendance = kl_attendance_new ();

  attendance->session_id = session_id;
  attendance->participant_id = participant_id;
  attendance->status = g_strdup (status);
  attendance->minutes = minutes;
  g_assert_true (kl_store_set_attendance (db, attendance, &error));
  g_assert_no_error (error);
}

gint64
kl_test_add_consultant (KlDb       *db,
                        const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlConsultant) consultant = kl_consultant_new ();

  consultant->name = g_strdup (name);
  g_assert_true (kl_store_insert_consultant (db, consultant, &error));
  g_assert_no_error (error);
  g_assert_cmpint (consultant->id, >, 0);
  return consultant->id;
}

KlProgramme *
kl_test_programme_new (gint64      client_id,
                       const char *title,
                       const char *start,
                       const char *end)
{
  KlProgramme *programme = kl_programme_new ();

  programme->client_id = client_id;
  programme->title = g_strdup (title);
  programme->kind = g_strdup ("led-skole");
  programme->status = g_strdup ("planned");
  programme->start_date = g_strdup (start);
  programme->end_date = g_strdup (end);
  return programme;
}

gint64
kl_test_add_programme (KlDb       *db,
                       gint64      client_id,
                       const char *title,
                       const char *start,
                       const char *end)
{
  return kl_test_add_programme_of_kind (db, client_id, "led-skole", title, start, end);
}

gint64
kl_test_add_programme_of_kind (KlDb       *db,
                               gint64      client_id,
                               const char *kind,
                               const char *title,
                               const char *start,
                               const char *end)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlProgramme) programme = kl_test_programme_new (client_id, title, start, end);

  g_free (programme->kind);
  programme->kind = g_strdup (kind);
  g_assert_true (kl_store_insert_programme (db, programme, &error));
  g_assert_no_error (error);
  g_assert_cmpint (programme->id, >, 0);
  return programme->id;
}

gint64
kl_test_add_led_programme (KlDb       *db,
                           gint64      client_id,
                           gint64      lead_id,
                           const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlProgramme) programme = kl_test_programme_new (client_id, title, "2025-08-15", "2026-06-15");

  g_free (programme->status);
  programme->status = g_strdup ("running");
  programme->lead_id = lead_id;
  g_assert_true (kl_store_insert_programme (db, programme, &error));
  g_assert_no_error (error);
  g_assert_cmpint (programme->id, >, 0);
  return programme->id;
}

gint64
kl_test_add_participant (KlDb       *db,
                         const char *name,
                         const char *email)
{
  return kl_test_add_participant_at (db, name, email, 0);
}

gint64
kl_test_add_participant_at (KlDb       *db,
                            const char *name,
                            const char *email,
                            gint64      workplace_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlParticipant) participant = kl_participant_new ();

  participant->name = g_strdup (name);
  participant->email = g_strdup (email);
  participant->workplace_id = workplace_id;
  g_assert_true (kl_store_insert_participant (db, participant, &error));
  g_assert_no_error (error);
  g_assert_cmpint (participant->id, >, 0);
  return participant->id;
}

gint64
kl_test_add_speaker_invoice (KlDb       *db,
                             gint64      programme_id,
                             const char *speaker_name,
                             gint64      net_ore,
                             const char *invoice_no,
                             const char *invoice_date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlConsultant) speaker = kl_consultant_new ();
  g_autoptr(KlCostItem) fee = kl_cost_item_new ();

  speaker->name = g_strdup (speaker_name);
  speaker->external = TRUE;
  g_assert_true (kl_store_insert_consultant (db, speaker, &error));
  g_assert_no_error (error);
  fee->programme_id = programme_id;
  fee->category = KL_COST_SPEAKER_FEE;
  fee->consultant_id = speaker->id;
  fee->days = 1;
  fee->net_ore = net_ore;
  fee->supplier = g_strdup (speaker_name);
  fee->invoice_no = g_strdup (invoice_no);
  fee->invoice_date = g_strdup (invoice_date);
  g_assert_true (kl_store_insert_cost (db, fee, &error));
  g_assert_no_error (error);
  return fee->id;
}
