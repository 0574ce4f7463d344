#include "config.h"

#include <string.h>

#include "kl-clock.h"
#include "kl-error.h"
#include "kl-holidays.h"
#include "kl-i18n.h"
#include "kl-labels.h"
#include "kl-store-private.h"

/* Programmes */

/* The status as the calendar has it, not as stored (only "cancelled" is). */
#define PROGRAMME_COLUMNS "p.id, p.client_id, p.title, p.kind, p.start_date, p.end_date, " \
                          KL_SQL_PROGRAMME_STATUS ("p") ", p.lead_id, p.goals, p.target_group, p.q_current, " \
                          "p.q_future, p.q_process, p.created_at, p.updated_at, p.certificate_threshold"

static KlProgramme *
read_programme (KlStmt *stmt)
{
  KlProgramme *programme = kl_programme_new ();

  programme->id = kl_stmt_int (stmt, 0);
  programme->client_id = kl_stmt_int (stmt, 1);
  programme->title = kl_stmt_text (stmt, 2);
  programme->kind = kl_stmt_text (stmt, 3);
  programme->start_date = kl_stmt_text (stmt, 4);
  programme->end_date = kl_stmt_text (stmt, 5);
  programme->status = kl_stmt_text (stmt, 6);
  programme->lead_id = kl_stmt_int (stmt, 7);
  programme->goals = kl_stmt_text (stmt, 8);
  programme->target_group = kl_stmt_text (stmt, 9);
  programme->q_current = kl_stmt_text (stmt, 10);
  programme->q_future = kl_stmt_text (stmt, 11);
  programme->q_process = kl_stmt_text (stmt, 12);
  programme->created_at = kl_stmt_text (stmt, 13);
  programme->updated_at = kl_stmt_text (stmt, 14);
  programme->certificate_threshold = (int) kl_stmt_int (stmt, 15);
  return programme;
}

static gboolean
write_programme (KlDb               *db,
                 const KlProgramme  *programme,
                 gboolean            insert,
                 GError            **error)
{
  const char *sql = insert
    ? "INSERT INTO programme (client_id, title, kind, start_date, end_date, status, lead_id, goals, "
      "target_group, q_current, q_future, q_process, certificate_threshold) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) RETURNING id"
    : "UPDATE programme SET client_id = ?1, title = ?2, kind = ?3, start_date = ?4, end_date = ?5, "
      "status = ?6, lead_id = ?7, goals = ?8, target_group = ?9, q_current = ?10, q_future = ?11, "
      "q_process = ?12, certificate_threshold = ?13 WHERE id = ?14";

  if (!kl_programme_validate (programme, error)
      || !kl_store_exists (db, "SELECT 1 FROM client WHERE id = ?1", programme->client_id, _("client"), error)
      || (programme->lead_id > 0
          && !kl_store_exists (db, "SELECT 1 FROM consultant WHERE id = ?1", programme->lead_id,
                               _("consultant"), error)))
    return FALSE;
  /* Only a cancellation is stored; the calendar says the rest when read. */
  if (!kl_db_exec (db, error, sql, insert ? "itttttrtttttn" : "itttttrtttttnr",
                   programme->client_id, programme->title, programme->kind, programme->start_date,
                   programme->end_date, g_strcmp0 (programme->status, "cancelled") == 0 ? "cancelled" : "planned",
                   programme->lead_id, programme->goals,
                   programme->target_group, programme->q_current, programme->q_future,
                   programme->q_process, programme->certificate_threshold, insert ? (gint64) 0 : programme->id))
    return FALSE;
  return insert || kl_store_changed_one (db, _("programme"), programme->id, error);
}

gboolean
kl_store_insert_programme (KlDb         *db,
                           KlProgramme  *programme,
                           GError      **error)
{
  g_autoptr(KlTransaction) tx = kl_db_begin (db, error);

  if (tx == NULL || !write_programme (db, programme, TRUE, error))
    return FALSE;
  programme->id = kl_db_last_id (db);
  return kl_transaction_commit (tx, error);
}

gboolean
kl_store_update_programme (KlDb               *db,
                           const KlProgramme  *programme,
                           GError            **error)
{
  g_autoptr(KlTransaction) tx = kl_db_begin (db, error);

  if (tx == NULL || !write_programme (db, programme, FALSE, error))
    return FALSE;
  return kl_transaction_commit (tx, error);
}

KlProgramme *
kl_store_get_programme (KlDb    *db,
                        gint64   id,
                        GError **error)
{
  g_autoptr(KlStmt) stmt = kl_db_query (db, error, "SELECT " PROGRAMME_COLUMNS " FROM programme p WHERE p.id = ?1",
                                        "i", id);

  if (!kl_store_first_row (stmt, _("programme"), id, error))
    return NULL;
  return read_programme (stmt);
}

GPtrArray *
kl_store_list_programmes (KlDb    *db,
                          GError **error)
{
  g_autoptr(KlStmt) stmt = kl_db_query (db, error,
                                        "SELECT " PROGRAMME_COLUMNS " FROM programme p ORDER BY p.start_date DESC, p.id",
                                        NULL);

  return kl_store_collect (stmt, (KlReadFunc) read_programme, (GDestroyNotify) kl_programme_free, error);
}

gboolean
kl_store_delete_programme (KlDb    *db,
                           gint64   id,
                           GError **error)
{
  static const KlDependent dependents[] = {
    { "SELECT count(*) FROM session WHERE programme_id = ?1", NP_("%d session", "%d sessions") },
    { "SELECT count(*) FROM enrolment WHERE programme_id = ?1", NP_("%d enrolment", "%d enrolments") },
    { "SELECT count(*) FROM cost_item WHERE programme_id = ?1", NP_("%d cost item", "%d cost items") },
    { "SELECT count(*) FROM funding_case WHERE programme_id = ?1", NP_("%d funding case", "%d funding cases") },
  };
  g_autoptr(KlProgramme) programme = kl_store_get_programme (db, id, error);
  g_autoptr(KlTransaction) tx = NULL;
  g_autofree char *what = NULL;

  if (programme == NULL)
    return FALSE;
  what = g_strdup_printf (_("the programme “%s”"), programme->title);
  tx = kl_db_begin (db, error);
  if (tx == NULL
      || !kl_store_refuse_if_used (db, id, what, dependents, G_N_ELEMENTS (dependents), error)
      || !kl_db_exec (db, error, "DELETE FROM programme WHERE id = ?1", "i", id))
    return FALSE;
  return kl_transaction_commit (tx, error);
}

/* Sessions */

#define SESSION_COLUMNS "id, programme_id, kind, title, starts_at, ends_at, location, planned_minutes, " \
                        "created_at, updated_at, audience, audience_client_id"

static KlSession *
read_session (KlStmt *stmt)
{
  KlSession *session = kl_session_new ();

  session->id = kl_stmt_int (stmt, 0);
  session->programme_id = kl_stmt_int (stmt, 1);
  session->kind = kl_stmt_text (stmt, 2);
  session->title = kl_stmt_text (stmt, 3);
  session->starts_at = kl_stmt_text (stmt, 4);
  session->ends_at = kl_stmt_text (stmt, 5);
  session->location = kl_stmt_text (stmt, 6);
  session->planned_minutes = (int) kl_stmt_int (stmt, 7);
  session->created_at = kl_stmt_text (stmt, 8);
  session->updated_at = kl_stmt_text (stmt, 9);
  session->audience = kl_stmt_text (stmt, 10);
  session->audience_client_id = kl_stmt_int (stmt, 11);
  return session;
}

static gboolean
load_ids (KlDb        *db,
          const char  *sql,
          gint64       session_id,
          GArray      *ids,
          GError     **error)
{
  g_autoptr(KlStmt) stmt = kl_db_query (db, error, sql, "i", session_id);
  g_autoptr(GError) local = NULL;

  if (stmt == NULL)
    return FALSE;
  g_array_set_size (ids, 0);
  while (kl_stmt_next (stmt, &local))
    {
      gint64 id = kl_stmt_int (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

/* Who leads a session, and whom it is for when they are named. */
static gboolean
load_leaders (KlDb       *db,
              KlSession  *session,
              GError    **error)
{
  return load_ids (db, "SELECT consultant_id FROM session_leader WHERE session_id = ?1 ORDER BY consultant_id",
                   session->id, session->leader_ids, error)
         && (g_strcmp0 (session->audience, "named") != 0
             || load_ids (db, "SELECT participant_id FROM session_participant WHERE session_id = ?1 "
                              "ORDER BY participant_id", session->id, session->audience_ids, error));
}

static gboolean
write_session (KlDb             *db,
               const KlSession  *session,
               gboolean          insert,
               gint64           *new_id,
               GError          **error)
{
  const char *sql = insert
    ? "INSERT INTO session (programme_id, kind, title, starts_at, ends_at, location, planned_minutes, audience, "
      "audience_client_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id"
    : "UPDATE session SET programme_id = ?1, kind = ?2, title = ?3, starts_at = ?4, ends_at = ?5, "
      "location = ?6, planned_minutes = ?7, audience = ?8, audience_client_id = ?9 WHERE id = ?10";
  const char *audience = kl_session_audience (session);
  gboolean named = g_str_equal (audience, "named");
  gint64 id;

  if (!kl_session_validate (session, error)
      || !kl_store_exists (db, "SELECT 1 FROM programme WHERE id = ?1", session->programme_id,
                           _("programme"), error))
    return FALSE;
  for (guint i = 0; i < session->leader_ids->len; i++)
    if (!kl_store_exists (db, "SELECT 1 FROM consultant WHERE id = ?1",
                          g_array_index (session->leader_ids, gint64, i), _("consultant"), error))
      {
        g_prefix_error (error, _("Leaders: "));
        return FALSE;
      }
  if (g_str_equal (audience, "workplace")
      && !kl_store_exists (db, "SELECT 1 FROM client WHERE id = ?1", session->audience_client_id,
                           _("client"), error))
    {
      g_prefix_error (error, _("For: "));
      return FALSE;
    }
  for (guint i = 0; named && i < session->audience_ids->len; i++)
    if (!kl_store_exists (db, "SELECT 1 FROM participant WHERE id = ?1",
                          g_array_index (session->audience_ids, gint64, i), _("participant"), error))
      {
        g_prefix_error (error, _("For: "));
        return FALSE;
      }

  if (!kl_db_exec (db, error, sql, insert ? "itttttntr" : "itttttntrr",
                   session->programme_id, session->kind, session->title, session->starts_at,
                   session->ends_at, session->location, session->planned_minutes, audience,
                   g_str_equal (audience, "workplace") ? session->audience_client_id : (gint64) 0,
                   insert ? (gint64) 0 : session->id))
    return FALSE;
  if (!insert && !kl_store_changed_one (db, _("session"), session->id, error))
    return FALSE;
  id = insert ? kl_db_last_id (db) : session->id;
  if (new_id != NULL)
    *new_id = id;

  if (!kl_db_exec (db, error, "DELETE FROM session_leader WHERE session_id = ?1", "i", id))
    return FALSE;
  for (guint i = 0; i < session->leader_ids->len; i++)
    if (!kl_db_exec (db, error, "INSERT INTO session_leader (session_id, consultant_id) VALUES (?1, ?2) "
                                "ON CONFLICT DO NOTHING",
                     "ii", id, g_array_index (session->leader_ids, gint64, i)))
      return FALSE;
  if (!kl_db_exec (db, error, "DELETE FROM session_participant WHERE session_id = ?1", "i", id))
    return FALSE;
  for (guint i = 0; named && i < session->audience_ids->len; i++)
    if (!kl_db_exec (db, error,
                     "INSERT INTO session_participant (session_id, participant_id) VALUES (?1, ?2) "
                     "ON CONFLICT DO NOTHING",
                     "ii", id, g_array_index (session->audience_ids, gint64, i)))
      return FALSE;
  return TRUE;
}

gboolean
kl_store_insert_session (KlDb       *db,
                         KlSession  *session,
                         GError    **error)
{
  g_autoptr(KlTransaction) tx = kl_db_begin (db, error);

  if (tx == NULL || !write_session (db, session, TRUE, &session->id, error))
    return FALSE;
  return kl_transaction_commit (tx, error);
}

gboolean
kl_store_update_session (KlDb             *db,
                         const KlSession  *session,
                         GError          **error)
{
  g_autoptr(KlTransaction) tx = kl_db_begin (db, error);

  if (tx == NULL || !write_session (db, session, FALSE, NULL, error))
    return FALSE;
  return kl_transaction_commit (tx, error);
}

KlSession *
kl_store_get_session (KlDb    *db,
                      gint64   id,
                      GError **error)
{
  g_autoptr(KlStmt) stmt = kl_db_query (db, error, "SELECT " SESSION_COLUMNS " FROM session WHERE id = ?1", "i", id);
  g_autoptr(KlSession) session = NULL;

  if (!kl_store_first_row (stmt, _("session"), id, error))
    return NULL;
  session = read_session (stmt);
  if (!load_leaders (db, session, error))
    return NULL;
  return g_steal_pointer (&session);
}

GPtrArray *
kl_store_list_sessions (KlDb    *db,
                        gint64   programme_id,
                        GError **error)
{
  g_autoptr(KlStmt) stmt = kl_db_query (db, error,
                                        "SELECT " SESSION_COLUMNS " FROM session WHERE programme_id = ?1 "
                                        "ORDER BY starts_at, id", "i", programme_id);
  g_autoptr(GPtrArray) sessions = kl_store_collect (stmt, (KlReadFunc) read_session,
                                                   (GDestroyNotify) kl_session_free, error);

  if (sessions == NULL)
    return NULL;
  g_clear_pointer (&stmt, kl_stmt_release);
  for (guint i = 0; i < sessions->len; i++)
    if (!load_leaders (db, g_ptr_array_index (sessions, i), error))
      return NULL;
  return g_steal_pointer (&sessions);
}

gboolean
kl_store_delete_session (KlDb    *db,
                         gint64   id,
                         GError **error)
{
  static const KlDependent dependents[] = {
    { "SELECT count(*) FROM attendance WHERE session_id = ?1", NP_("%d attendance mark", "%d attendance marks") },
    { "SELECT count(*) FROM cost_session WHERE session_id = ?1", NP_("%d cost item", "%d cost items") },
  };
  g_autoptr(KlSession) session = kl_store_get_session (db, id, error);
  g_autoptr(KlTransaction) tx = NULL;
  g_autofree char *what = NULL;

  if (session == NULL)
    return FALSE;
  what = g_strdup_printf (_("the session “%s”"), session->title);
  tx = kl_db_begin (db, error);
  if (tx == NULL
      || !kl_store_refuse_if_used (db, id, what, dependents, G_N_ELEMENTS (dependents), error)
      || !kl_db_exec (db, error, "DELETE FROM session WHERE id = ?1", "i", id))
    return FALSE;
  return kl_transaction_commit (tx, error);
}

/* A session outside its programme's period or on a public holiday is
 * allowed (plans move, some seminars run on 1 May), but worth a word.
 * Returns NULL when all is well. */
char *
kl_store_session_warning (KlDb             *db,
                          const KlSession  *session,
                          GError          **error)
{
  g_autoptr(KlProgramme) programme = kl_store_get_programme (db, session->programme_id, error);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *day = NULL;
  g_autofree char *holiday = NULL;

  if (programme == NULL)
    return NULL;
  day = g_strndup (session->starts_at, 10);
  if (strcmp (day, programme->start_date) < 0 || strncmp (session->ends_at, programme->end_date, 10) > 0)
    g_ptr_array_add (warnings, g_strdup_printf (_("The session “%s” (%s) is outside the period of “%s” (%s to %s)"),
                                                session->title, day, programme->title, programme->start_date,
                                                programme->end_date));
  holiday = kl_holiday_name_iso (day);
  if (holiday != NULL)
    /* Translators: e.g. "The session “Samling 3” is on a public holiday: 2026-05-17 is Constitution Day" */
    g_ptr_array_add (warnings, g_strdup_printf (_("The session “%s” is on a public holiday: %s is %s"),
                                                session->title, day, holiday));
  if (warnings->len == 0)
    return NULL;
  g_ptr_array_add (warnings, NULL);
  return g_strjoinv ("; ", (char **) warnings->pdata);
}

/* Participants */

#define PARTICIPANT_COLUMNS "p.id, p.name, p.email, p.phone, p.role, p.workplace_id, p.notes, " \
                            "p.created_at, p.updated_at"

static KlParticipant *
read_participant (KlStmt *stmt)
{
  KlParticipant *participant = kl_participant_new ();

  participant->id = kl_stmt_int (stmt, 0);
  participant->name = kl_stmt_text (stmt, 1);
  participant->email = kl_stmt_text (stmt, 2);
  participant->phone = kl_stmt_text (stmt, 3);
  participant->role = kl_stmt_text (stmt, 4);
  participant->workplace_id = kl_stmt_int (stmt, 5);
  participant->notes = kl_stmt_text (stmt, 6);
  participant->created_at = kl_stmt_text (stmt, 7);
  participant->updated_at = kl_stmt_text (stmt, 8);
  return participant;
}

static gboolean
write_participant (KlDb                 *db,
                   const KlParticipant  *participant,
                   gboolean              insert,
                   GError              **error)
{
  const char *sql = insert
    ? "INSERT INTO participant (name, email, phone, role, workplace_id, notes) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id"
    : "UPDATE participant SET name = ?1, email = ?2, phone = ?3, role = ?4, workplace_id = ?5, notes = ?6 "
      "WHERE id = ?7";

  if (!kl_participant_validate (participant, error))
    return FALSE;
  if (participant->workplace_id > 0
      && !kl_store_exists (db, "SELECT 1 FROM client WHERE id = ?1", participant->workplace_id, _("client"), error))
    {
      g_prefix_error (error, _("Workplace: "));
      return FALSE;
    }
  if (!kl_db_exec (db, error, sql, insert ? "ttttrt" : "ttttrtr",
                   participant->name, participant->email, participant->phone, participant->role,
                   participant->workplace_id, participant->notes, insert ? (gint64) 0 : participant->id))
    return FALSE;
  return insert || kl_store_changed_one (db, _("participant"), participant->id, error);
}

gboolean
kl_store_insert_participant (KlDb           *db,
                             KlParticipant  *participant,
                             GError        **error)
{
  g_autoptr(KlTransaction) tx = kl_db_begin (db, error);

  if (tx == NULL || !write_participant (db, participant, TRUE, error))
    return FALSE;
  participant->id = kl_db_last_id (db);
  return kl_transaction_commit (tx, error);
}

gboolean
kl_store_update_participant (KlDb                 *db,
                             const KlParticipant  *participant,
                             GError              **error)
{
  g_autoptr(KlTransaction) tx = kl_db_begin (db, error);

  if (tx == NULL || !write_participant (db, participant, FALSE, error))
    return FALSE;
  return kl_transaction_commit (tx, error);
}

KlParticipant *
kl_store_get_participant (KlDb    *db,
                          gint64   id,
                          GError **error)
{
  g_autoptr(KlStmt) stmt = kl_db_query (db, error,
                                        "SELECT " PARTICIPANT_COLUMNS " FROM participant p WHERE p.id = ?1",
                                        "i", id);

  if (!kl_store_first_row (stmt, _("participant"), id, error))
    return NULL;
  return read_participant (stmt);
}

/* All participants, or those enrolled in a programme (programme_id > 0). */
GPtrArray *
kl_store_list_participants (KlDb    *db,
                            gint64   programme_id,
                            GError **error)
{
  g_autoptr(KlStmt) stmt = programme_id > 0
    ? kl_db_query (db, error,
                   "SELECT " PARTICIPANT_COLUMNS " FROM participant p JOIN enrolment e ON e.participant_id = p.id "
                   "WHERE e.programme_id = ?1 ORDER BY p.name COLLATE NOCASE, p.id", "i", programme_id)
    : kl_db_query (db, error,
                   "SELECT " PARTICIPANT_COLUMNS " FROM participant p ORDER BY p.name COLLATE NOCASE, p.id", NULL);

  return kl_store_collect (stmt, (KlReadFunc) read_participant, (GDestroyNotify) kl_participant_free, error);
}

/* Who is expected at one session, by name: enrolled on its day and in its
 * audience (everyone, one workplace, or named people). */
GPtrArray *
kl_store_list_expected (KlDb    *db,
                        gint64   session_id,
                        GError **error)
{
  g_autoptr(KlStmt) stmt = NULL;

  if (!kl_store_exists (db, "SELECT 1 FROM session WHERE id = ?1", session_id, _("session"), error))
    return NULL;
  stmt = kl_db_query (db, error,
                      "SELECT " PARTICIPANT_COLUMNS " FROM session s "
                      "JOIN enrolment e ON e.programme_id = s.programme_id "
                      "JOIN participant p ON p.id = e.participant_id "
                      "WHERE s.id = ?1 "
                      "AND (e.from_date IS NULL OR e.from_date = '' OR e.from_date <= substr (s.starts_at, 1, 10)) "
                      "AND (e.to_date IS NULL OR e.to_date = '' OR e.to_date >= substr (s.starts_at, 1, 10)) "
                      "AND " KL_SQL_IN_AUDIENCE ("s", "p") " "
                      "ORDER BY p.name COLLATE NOCASE, p.id", "i", session_id);
  return kl_store_collect (stmt, (KlReadFunc) read_participant, (GDestroyNotify) kl_participant_free, error);
}

gboolean
kl_store_delete_participant (KlDb    *db,
                             gint64   id,
                             GError **error)
{
  static const KlDependent dependents[] = {
    { "SELECT count(*) FROM enrolment WHERE participant_id = ?1", NP_("%d enrolment", "%d enrolments") },
    { "SELECT count(*) FROM attendance WHERE participant_id = ?1", NP_("%d attendance mark", "%d attendance marks") },
  };
  g_autoptr(KlParticipant) participant = kl_store_get_participant (db, id, error);
  g_autoptr(KlTransaction) tx = NULL;
  g_autofree char *what = NULL;

  if (participant == NULL)
    return FALSE;
  what = g_strdup_printf (_("the participant “%s”"), participant->name);
  tx = kl_db_begin (db, error);
  if (tx == NULL
      || !kl_store_refuse_if_used (db, id, what, dependents, G_N_ELEMENTS (dependents), error)
      || !kl_db_exec (db, error, "DELETE FROM participant WHERE id = ?1", "i", id))
    return FALSE;
  return kl_transaction_commit (tx, error);
}

/* What a role field suggests: the usual roles, then those already typed. */
char **
kl_store_role_suggestions (KlDb    *db,
                           GError **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(KlStmt) stmt = kl_db_query (db, error,
                                        "SELECT role FROM participant WHERE role IS NOT NULL "
                                        "GROUP BY role ORDER BY role COLLATE NOCASE", NULL);
  g_autoptr(GError) local = NULL;

  if (stmt == NULL)
    return NULL;
  g_strv_builder_addv (builder, (const char **) kl_participant_roles);
  while (kl_stmt_next (stmt, &local))
    {
      const char *role = kl_stmt_peek_text (stmt, 0);

      if (!g_strv_contains (kl_participant_roles, role))
        g_strv_builder_add (builder, role);
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return g_strv_builder_end (builder);
}

/* Enrolment and attendance */

/* An enrolment's dates never leave marks outside them: they would vanish
 * from rates and counts without a word. Names the first few. */
static gboolean
refuse_marks_outside (KlDb               *db,
                      const KlEnrolment  *enrolment,
                      GError            **error)
{
  g_autoptr(KlStmt) stmt = kl_db_query (db, error,
                                        "SELECT s.title, substr (s.starts_at, 1, 10), count (*) OVER () FROM attendance a "
                                        "JOIN session s ON s.id = a.session_id "
                                        "WHERE s.programme_id = ?1 AND a.participant_id = ?2 "
                                        "AND ((?3 IS NOT NULL AND substr (s.starts_at, 1, 10) < ?3) "
                                        "OR (?4 IS NOT NULL AND substr (s.starts_at, 1, 10) > ?4)) "
                                        "ORDER BY s.starts_at LIMIT 3",
                                        "iitt", enrolment->programme_id, enrolment->participant_id,
                                        enrolment->from_date, enrolment->to_date);
  g_autoptr(GString) sessions = g_string_new (NULL);
  g_autoptr(GError) local = NULL;
  gint64 total = 0;

  if (stmt == NULL)
    return FALSE;
  while (kl_stmt_next (stmt, &local))
    {
      g_autofree char *date = kl_format_date (kl_stmt_peek_text (stmt, 1));

      g_string_append_printf (sessions, "%s%s (%s)", sessions->len ? ", " : "", kl_stmt_peek_text (stmt, 0), date);
      total = kl_stmt_int (stmt, 2);
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (total == 0)
    return TRUE;
  if (total > 3)
    g_string_append (sessions, ", …");
  g_set_error (error, KL_ERROR, KL_ERROR_IN_USE,
               kl_ngettext ("Dates: %lld attendance mark falls outside them: %s; move the dates to take it in, "
                            "or clear the mark first",
                            "Dates: %lld attendance marks fall outside them: %s; move the dates to take them in, "
                            "or clear the marks first", (gulong) total),
               (long long) total, sessions->str);
  return FALSE;
}

gboolean
kl_store_enrol (KlDb         *db,
                KlEnrolment  *enrolment,
                GError      **error)
{
  g_autoptr(KlTransaction) tx = NULL;

  if (!kl_enrolment_validate (enrolment, error))
    return FALSE;
  tx = kl_db_begin (db, error);
  if (tx == NULL
      || !kl_store_exists (db, "SELECT 1 FROM programme WHERE id = ?1", enrolment->programme_id,
                           _("programme"), error)
      || !kl_store_exists (db, "SELECT 1 FROM participant WHERE id = ?1", enrolment->participant_id,
                           _("participant"), error)
      || !refuse_marks_outside (db, enrolment, error))
    return FALSE;
  if (!kl_db_exec (db, error,
                   "INSERT INTO enrolment (programme_id, participant_id, from_date, to_date) VALUES (?1, ?2, ?3, ?4) "
                   "ON CONFLICT (programme_id, participant_id) DO UPDATE SET from_date = ?3, to_date = ?4",
                   "iitt", enrolment->programme_id, enrolment->participant_id, enrolment->from_date,
                   enrolment->to_date))
    return FALSE;
  {
    g_autoptr(KlStmt) stmt = kl_db_query (db, error,
                                          "SELECT id FROM enrolment WHERE programme_id = ?1 AND participant_id = ?2",
                                          "ii", enrolment->programme_id, enrolment->participant_id);

    if (stmt == NULL || !kl_stmt_next (stmt, error))
      return FALSE;
    enrolment->id = kl_stmt_int (stmt, 0);
  }
  return kl_transaction_commit (tx, error);
}

#define ENROLMENT_COLUMNS "id, programme_id, participant_id, from_date, to_date, created_at, updated_at"

KlEnrolment *
kl_store_get_enrolment (KlDb    *db,
                        gint64   programme_id,
                        gint64   participant_id,
                        GError **error)
{
  g_autoptr(KlStmt) stmt = kl_db_query (db, error,
                                        "SELECT " ENROLMENT_COLUMNS " FROM enrolment "
                                        "WHERE programme_id = ?1 AND participant_id = ?2",
                                        "ii", programme_id, participant_id);
  g_autoptr(GError) local = NULL;
  KlEnrolment *enrolment;

  if (stmt == NULL)
    return NULL;
  if (!kl_stmt_next (stmt, &local))
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, KL_ERROR, KL_ERROR_NOT_FOUND,
                     _("Participant %lld is not enrolled in programme %lld"),
                     (long long) participant_id, (long long) programme_id);
      return NULL;
    }
  enrolment = kl_enrolment_new ();
  enrolment->id = kl_stmt_int (stmt, 0);
  enrolment->programme_id = kl_stmt_int (stmt, 1);
  enrolment->participant_id = kl_stmt_int (stmt, 2);
  enrolment->from_date = kl_stmt_text (stmt, 3);
  enrolment->to_date = kl_stmt_text (stmt, 4);
  enrolment->created_at = kl_stmt_text (stmt, 5);
  enrolment->updated_at = kl_stmt_text (stmt, 6);
  return enrolment;
}

/* Marks are evidence: someone with marks in the programme stays enrolled. */
gboolean
kl_store_unenrol (KlDb    *db,
                  gint64   programme_id,
                  gint64   participant_id,
                  GError **error)
{
  static const KlDependent dependents[] = {
    { "SELECT count(*) FROM attendance a JOIN session s ON s.id = a.session_id "
      "JOIN enrolment e ON e.programme_id = s.programme_id AND e.participant_id = a.participant_id "
      "WHERE e.id = ?1", NP_("%d attendance mark", "%d attendance marks") },
  };
  g_autoptr(KlEnrolment) enrolment = kl_store_get_enrolment (db, programme_id, participant_id, error);
  g_autoptr(KlParticipant) participant = NULL;
  g_autoptr(KlTransaction) tx = NULL;
  g_autofree char *what = NULL;

  if (enrolment == NULL)
    return FALSE;
  participant = kl_store_get_participant (db, participant_id, error);
  if (participant == NULL)
    return FALSE;
  what = g_strdup_printf (_("the enrolment of “%s”"), participant->name);
  tx = kl_db_begin (db, error);
  if (tx == NULL
      || !kl_store_refuse_if_used (db, enrolment->id, what, dependents, G_N_ELEMENTS (dependents), error)
      || !kl_db_exec (db, error, "DELETE FROM enrolment WHERE id = ?1", "i", enrolment->id))
    return FALSE;
  return kl_transaction_commit (tx, error);
}

/* Marks are only for participants enrolled in the session's programme. */
gboolean
kl_store_set_attendance (KlDb          *db,
                         KlAttendance  *mark,
                         GError       **error)
{
  g_autoptr(KlTransaction) tx = NULL;
  g_autoptr(KlStmt) stmt = NULL;
  g_autoptr(GError) local = NULL;
  gboolean enrolled;

  if (!kl_attendance_validate (mark, error))
    return FALSE;
  tx = kl_db_begin (db, error);
  if (tx == NULL
      || !kl_store_exists (db, "SELECT 1 FROM session WHERE id = ?1", mark->session_id, _("session"), error)
      || !kl_store_exists (db, "SELECT 1 FROM participant WHERE id = ?1", mark->participant_id,
                           _("participant"), error))
    return FALSE;
  stmt = kl_db_query (db, error,
                      "SELECT s.starts_at, e.from_date, e.to_date, " KL_SQL_IN_AUDIENCE ("s", "p") ", s.title "
                      "FROM session s JOIN enrolment e ON e.programme_id = s.programme_id "
                      "JOIN participant p ON p.id = e.participant_id "
                      "WHERE s.id = ?1 AND e.participant_id = ?2", "ii", mark->session_id, mark->participant_id);
  if (stmt == NULL)
    return FALSE;
  enrolled = kl_stmt_next (stmt, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (!enrolled)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE,
                   _("Participant: %lld is not enrolled in the programme of session %lld; enrol them first"),
                   (long long) mark->participant_id, (long long) mark->session_id);
      return FALSE;
    }
  {
    g_autofree char *starts_at = kl_stmt_text (stmt, 0);
    g_autofree char *from_date = kl_stmt_text (stmt, 1);
    g_autofree char *to_date = kl_stmt_text (stmt, 2);
    gboolean in_audience = kl_stmt_int (stmt, 3) != 0;
    g_autofree char *title = kl_stmt_text (stmt, 4);
    g_autofree char *now = kl_clock_now_minutes ();

    g_clear_pointer (&stmt, kl_stmt_release);
    if (!kl_enrolment_covers (from_date, to_date, starts_at))
      {
        g_set_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE,
                     _("Participant: not enrolled on %.10s (the enrolment runs %s – %s), so there is nothing to mark"),
                     starts_at, from_date ? from_date : "…", to_date ? to_date : "…");
        return FALSE;
      }
    if (!in_audience)
      {
        g_set_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE,
                     _("Participant: “%s” is for other participants (another workplace or named people), "
                       "so this participant is not expected there"), title);
        return FALSE;
      }
    /* What has not happened cannot be attended or missed; an absence can
     * be excused in advance. */
    if (strcmp (starts_at, now) > 0 && g_strcmp0 (mark->status, "excused") != 0)
      {
        g_autofree char *when = kl_format_date (starts_at);

        g_set_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE,
                     _("Status: “%s” has not started yet (it starts %s %.5s); only an excused absence can be "
                       "recorded ahead"), title, when, starts_at + 11);
        return FALSE;
      }
  }
  if (!kl_db_exec (db, error,
                   "INSERT INTO attendance (session_id, participant_id, status, minutes) VALUES (?1, ?2, ?3, ?4) "
                   "ON CONFLICT (session_id, participant_id) DO UPDATE SET status = ?3, minutes = ?4",
                   "iitn", mark->session_id, mark->participant_id, mark->status,
                   g_strcmp0 (mark->status, "partial") == 0 ? mark->minutes : 0))
    return FALSE;
  stmt = kl_db_query (db, error, "SELECT id FROM attendance WHERE session_id = ?1 AND participant_id = ?2",
                      "ii", mark->session_id, mark->participant_id);
  if (stmt == NULL || !kl_stmt_next (stmt, error))
    return FALSE;
  mark->id = kl_stmt_int (stmt, 0);
  return kl_transaction_commit (tx, error);
}

/* Takes a mark back to "not marked", as when it was never set: what undo
 * needs. Clearing a cell with no mark is not an error. */
gboolean
kl_store_clear_attendance (KlDb    *db,
                           gint64   session_id,
                           gint64   participant_id,
                           GError **error)
{
  g_autoptr(KlTransaction) tx = NULL;

  if (session_id <= 0 || participant_id <= 0)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_REQUIRED, _("%s: required"),
                   session_id <= 0 ? _("Session") : _("Participant"));
      return FALSE;
    }
  tx = kl_db_begin (db, error);
  if (tx == NULL
      || !kl_store_exists (db, "SELECT 1 FROM session WHERE id = ?1", session_id, _("session"), error)
      || !kl_store_exists (db, "SELECT 1 FROM participant WHERE id = ?1", participant_id,
                           _("participant"), error)
      || !kl_db_exec (db, error, "DELETE FROM attendance WHERE session_id = ?1 AND participant_id = ?2",
                      "ii", session_id, participant_id))
    return FALSE;
  return kl_transaction_commit (tx, error);
}

void
kl_attendance_grid_free (KlAttendanceGrid *grid)
{
  if (grid == NULL)
    return;
  g_ptr_array_unref (grid->sessions);
  g_ptr_array_unref (grid->participants);
  g_free (grid->marks);
  g_free (grid->minutes);
  g_free (grid->expected);
  g_free (grid);
}

static int index_of_id (GHashTable *ids,
                        gint64      id);

/* Sessions for one workplace or named people: the enrolled outside the
 * audience are not expected there. */
static gboolean
load_audiences (KlDb              *db,
                gint64             programme_id,
                KlAttendanceGrid  *grid,
                GHashTable        *session_index,
                GHashTable        *participant_index,
                GError           **error)
{
  g_autoptr(KlStmt) stmt = kl_db_query (db, error,
                                        "SELECT s.id, p.id FROM session s "
                                        "JOIN enrolment e ON e.programme_id = s.programme_id "
                                        "JOIN participant p ON p.id = e.participant_id "
                                        "WHERE s.programme_id = ?1 AND s.audience <> 'all' "
                                        "AND NOT " KL_SQL_IN_AUDIENCE ("s", "p"), "i", programme_id);
  g_autoptr(GError) local = NULL;

  if (stmt == NULL)
    return FALSE;
  while (kl_stmt_next (stmt, &local))
    {
      int col = index_of_id (session_index, kl_stmt_int (stmt, 0));
      int row = index_of_id (participant_index, kl_stmt_int (stmt, 1));
      gsize cell;

      if (col < 0 || row < 0)
        continue;
      cell = (gsize) row * grid->sessions->len + (gsize) col;
      if (grid->expected[cell] == KL_CELL_EXPECTED)
        grid->expected[cell] = KL_CELL_NOT_IN_AUDIENCE;
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_enrolment_windows (KlDb              *db,
                        gint64             programme_id,
                        KlAttendanceGrid  *grid,
                        GHashTable        *participant_index,
                        GError           **error)
{
  g_autoptr(KlStmt) stmt = NULL;
  g_autoptr(GError) local = NULL;
  guint n_sessions = grid->sessions->len;

  memset (grid->expected, KL_CELL_EXPECTED, MAX (1, n_sessions * grid->participants->len));
  stmt = kl_db_query (db, error,
                      "SELECT participant_id, from_date, to_date FROM enrolment "
                      "WHERE programme_id = ?1 AND (from_date IS NOT NULL OR to_date IS NOT NULL)",
                      "i", programme_id);
  if (stmt == NULL)
    return FALSE;
  while (kl_stmt_next (stmt, &local))
    {
      int row = index_of_id (participant_index, kl_stmt_int (stmt, 0));
      const char *from_date = kl_stmt_peek_text (stmt, 1);
      const char *to_date = kl_stmt_peek_text (stmt, 2);

      for (guint col = 0; row >= 0 && col < n_sessions; col++)
        {
          const KlSession *session = g_ptr_array_index (grid->sessions, col);

          grid->expected[(gsize) row * n_sessions + col] = kl_enrolment_covers (from_date, to_date, session->starts_at)
                                                           ? KL_CELL_EXPECTED : KL_CELL_NOT_ENROLLED;
        }
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

static int
index_of_id (GHashTable *ids,
             gint64      id)
{
  gpointer value;

  if (!g_hash_table_lookup_extended (ids, &id, NULL, &value))
    return -1;
  return GPOINTER_TO_INT (value);
}

KlAttendanceGrid *
kl_store_load_grid (KlDb    *db,
                    gint64   programme_id,
                    GError **error)
{
  g_autoptr(KlAttendanceGrid) grid = g_new0 (KlAttendanceGrid, 1);
  g_autoptr(GHashTable) session_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) participant_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(KlStmt) stmt = NULL;
  g_autoptr(GError) local = NULL;
  guint n_sessions;

  if (!kl_store_exists (db, "SELECT 1 FROM programme WHERE id = ?1", programme_id, _("programme"), error))
    return NULL;
  grid->sessions = kl_store_list_sessions (db, programme_id, error);
  if (grid->sessions == NULL)
    return NULL;
  grid->participants = kl_store_list_participants (db, programme_id, error);
  if (grid->participants == NULL)
    return NULL;

  for (guint i = 0; i < grid->sessions->len; i++)
    g_hash_table_insert (session_index, &((KlSession *) g_ptr_array_index (grid->sessions, i))->id,
                         GINT_TO_POINTER (i));
  for (guint i = 0; i < grid->participants->len; i++)
    g_hash_table_insert (participant_index, &((KlParticipant *) g_ptr_array_index (grid->participants, i))->id,
                         GINT_TO_POINTER (i));

  n_sessions = grid->sessions->len;
  grid->marks = g_new0 (char, MAX (1, n_sessions * grid->participants->len));
  grid->minutes = g_new0 (int, MAX (1, n_sessions * grid->participants->len));
  grid->expected = g_new0 (guint8, MAX (1, n_sessions * grid->participants->len));
  if (!load_enrolment_windows (db, programme_id, grid, participant_index, error)
      || !load_audiences (db, programme_id, grid, session_index, participant_index, error))
    return NULL;

  stmt = kl_db_query (db, error,
                      "SELECT a.session_id, a.participant_id, a.status, a.minutes FROM attendance a "
                      "JOIN session s ON s.id = a.session_id WHERE s.programme_id = ?1", "i", programme_id);
  if (stmt == NULL)
    return NULL;
  while (kl_stmt_next (stmt, &local))
    {
      int col = index_of_id (session_index, kl_stmt_int (stmt, 0));
      int row = index_of_id (participant_index, kl_stmt_int (stmt, 1));
      const char *status = kl_stmt_peek_text (stmt, 2);
      gsize cell;

      if (col < 0 || row < 0)
        continue;   /* a mark of someone no longer enrolled */
      cell = (gsize) row * n_sessions + (gsize) col;
      grid->marks[cell] = kl_attendance_mark_of (status);
      grid->minutes[cell] = (int) kl_stmt_int (stmt, 3);
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return g_steal_pointer (&grid);
}

/* Attendance rates. A session counts once it has begun; within it only
 * recorded cells count: present 1, partly present its hours over the
 * planned hours, excused and absent 0. A cell nobody has recorded yet is
 * no evidence either way, so it is left out, as are sessions to come and
 * cells where nobody is expected. */

gboolean
kl_attendance_grid_session_counts (const KlAttendanceGrid *grid,
                                   guint                   col,
                                   const char             *now)
{
  const KlSession *session;
  g_autofree char *current = NULL;

  g_return_val_if_fail (grid != NULL, FALSE);
  g_return_val_if_fail (col < grid->sessions->len, FALSE);

  session = g_ptr_array_index (grid->sessions, col);
  if (now == NULL)
    now = current = kl_clock_now_minutes ();
  return g_strcmp0 (session->starts_at, now) <= 0;
}

/* A stored status as the grid's mark: 'P', 'A', 'E', 'H' (partial); 0 for none. */
char
kl_attendance_mark_of (const char *status)
{
  if (status == NULL)
    return 0;
  return g_str_equal (status, "partial") ? 'H' : g_ascii_toupper (status[0]);
}

gboolean
kl_attendance_grid_expected (const KlAttendanceGrid *grid,
                             guint                   row,
                             guint                   col)
{
  g_return_val_if_fail (grid != NULL, FALSE);
  g_return_val_if_fail (row < grid->participants->len && col < grid->sessions->len, FALSE);

  return grid->expected[(gsize) row * grid->sessions->len + col] == KL_CELL_EXPECTED;
}

/* How many were enrolled for one session. */
guint
kl_attendance_grid_count_expected (const KlAttendanceGrid *grid,
                                   guint                   col)
{
  guint n = 0;

  g_return_val_if_fail (grid != NULL, 0);
  g_return_val_if_fail (col < grid->sessions->len, 0);

  for (guint row = 0; row < grid->participants->len; row++)
    n += grid->expected[(gsize) row * grid->sessions->len + col] == KL_CELL_EXPECTED;
  return n;
}

/* What one cell adds to a rate, from 0 to 1; nothing outside the
 * enrolment, whatever mark may stand there. */
double
kl_attendance_grid_credit (const KlAttendanceGrid *grid,
                           guint                   row,
                           guint                   col)
{
  gsize cell;
  int planned;

  g_return_val_if_fail (grid != NULL, 0);
  g_return_val_if_fail (row < grid->participants->len && col < grid->sessions->len, 0);

  cell = (gsize) row * grid->sessions->len + col;
  if (grid->expected[cell] != KL_CELL_EXPECTED)
    return 0;
  switch (grid->marks[cell])
    {
    case 'P':
      return 1;
    case 'H':
      planned = kl_session_minutes (g_ptr_array_index (grid->sessions, col));
      if (planned <= 0)
        return 1;
      return MIN (1.0, (double) grid->minutes[cell] / planned);
    default:
      return 0;
    }
}

/* The rate of one participant (row >= 0), one session (col >= 0), or all
 * (both < 0), from 0 to 1; -1 when nothing counts yet. now is local time,
 * "YYYY-MM-DDTHH:MM", or NULL for the present moment. */
double
kl_attendance_grid_rate (const KlAttendanceGrid *grid,
                         int                     row,
                         int                     col,
                         const char             *now)
{
  g_autofree char *current = NULL;
  guint n_rows, n_cols;
  double sum = 0;
  guint n = 0;

  g_return_val_if_fail (grid != NULL, -1);

  n_rows = grid->participants->len;
  n_cols = grid->sessions->len;
  g_return_val_if_fail (row < (int) n_rows && col < (int) n_cols, -1);
  if (now == NULL)
    now = current = kl_clock_now_minutes ();

  for (guint c = col < 0 ? 0 : (guint) col; c < (col < 0 ? n_cols : (guint) col + 1); c++)
    {
      if (!kl_attendance_grid_session_counts (grid, c, now))
        continue;
      for (guint r = row < 0 ? 0 : (guint) row; r < (row < 0 ? n_rows : (guint) row + 1); r++)
        {
          gsize cell = (gsize) r * n_cols + c;

          /* Sessions outside someone's enrolment or audience are no
           * absence, and an unrecorded cell is not one either. */
          if (grid->expected[cell] != KL_CELL_EXPECTED || grid->marks[cell] == 0)
            continue;
          sum += kl_attendance_grid_credit (grid, r, c);
          n++;
        }
    }
  return n > 0 ? sum / n : -1;
}
