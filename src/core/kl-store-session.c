#include "config.h"

#include <string.h>

#include "kl-error.h"
#include "kl-holidays.h"
#include "kl-i18n.h"
#include "kl-store-private.h"

/* A programme's sessions, their leaders and their audience. */

#define SESSION_COLUMNS "id, programme_id, kind, title, starts_at, ends_at, location, planned_minutes, " \
                        "created_at, updated_at, audience, audience_client_id, version"

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
  session->version = kl_stmt_int (stmt, 12);
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

static gboolean
has_id (GArray *ids,
        gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
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

/* load_leaders for all of a programme's sessions at once: stmt gives
 * (session id, id) pairs for the GArray at offset in each KlSession. */
static gboolean
read_programme_ids (KlStmt     *stmt,
                    GPtrArray  *sessions,
                    glong       offset,
                    GError    **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GError) local = NULL;

  for (guint i = 0; i < sessions->len; i++)
    {
      KlSession *session = g_ptr_array_index (sessions, i);

      g_array_set_size (G_STRUCT_MEMBER (GArray *, session, offset), 0);
      g_hash_table_insert (by_id, &session->id, session);
    }
  while (kl_stmt_next (stmt, &local))
    {
      KlSession *session = g_hash_table_lookup (by_id, &(gint64) { kl_stmt_int (stmt, 0) });
      gint64 id = kl_stmt_int (stmt, 1);

      if (session != NULL)
        g_array_append_val (G_STRUCT_MEMBER (GArray *, session, offset), id);
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_session (KlDb             *db,
               KlSession        *session,
               gboolean          insert,
               gint64           *new_id,
               GError          **error)
{
  const char *sql = insert
    ? "INSERT INTO session (programme_id, kind, title, starts_at, ends_at, location, planned_minutes, audience, "
      "audience_client_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id"
    : "UPDATE session SET programme_id = ?1, kind = ?2, title = ?3, starts_at = ?4, ends_at = ?5, "
      "location = ?6, planned_minutes = ?7, audience = ?8, audience_client_id = ?9 WHERE id = ?10"
      KL_SQL_AT_VERSION ("11");
  const char *audience = kl_session_audience (session);
  gboolean named = g_str_equal (audience, "named");
  g_autoptr(GArray) before = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 id;

  if (!kl_session_validate (session, error)
      || !kl_store_exists (db, &kl_record_programme, session->programme_id, error))
    return FALSE;
  for (guint i = 0; i < session->leader_ids->len; i++)
    if (!kl_store_exists (db, &kl_record_consultant, g_array_index (session->leader_ids, gint64, i), error))
      {
        g_prefix_error (error, _("Leaders: "));
        return FALSE;
      }
  if (g_str_equal (audience, "workplace")
      && !kl_store_exists (db, &kl_record_client, session->audience_client_id, error))
    {
      g_prefix_error (error, _("For: "));
      return FALSE;
    }
  for (guint i = 0; named && i < session->audience_ids->len; i++)
    if (!kl_store_exists (db, &kl_record_participant, g_array_index (session->audience_ids, gint64, i), error))
      {
        g_prefix_error (error, _("For: "));
        return FALSE;
      }

  if (!insert)
    session->version = kl_store_expected_version (db, &kl_record_session, session->id, session->version);
  if (!kl_db_exec (db, error, sql, insert ? "itttttntr" : "itttttntrri",
                   session->programme_id, session->kind, session->title, session->starts_at,
                   session->ends_at, session->location, session->planned_minutes, audience,
                   g_str_equal (audience, "workplace") ? session->audience_client_id : (gint64) 0,
                   insert ? (gint64) 0 : session->id, session->version))
    return FALSE;
  if (!insert
      && (!kl_store_check_written (db, &kl_record_session, session->id, session->version, error)
          || !kl_store_note_written (db, &kl_record_session, session->id, &session->version, error)))
    return FALSE;
  id = insert ? kl_db_last_id (db) : session->id;
  if (new_id != NULL)
    *new_id = id;

  /* Only the leaders that changed are written: on a team server a
   * consultant may save a session but not change who leads it. */
  if (!load_ids (db, "SELECT consultant_id FROM session_leader WHERE session_id = ?1", id, before, error))
    return FALSE;
  for (guint i = 0; i < before->len; i++)
    if (!has_id (session->leader_ids, g_array_index (before, gint64, i))
        && !kl_db_exec (db, error, "DELETE FROM session_leader WHERE session_id = ?1 AND consultant_id = ?2",
                        "ii", id, g_array_index (before, gint64, i)))
      return FALSE;
  for (guint i = 0; i < session->leader_ids->len; i++)
    if (!has_id (before, g_array_index (session->leader_ids, gint64, i))
        && !kl_db_exec (db, error, "INSERT INTO session_leader (session_id, consultant_id) VALUES (?1, ?2) "
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
                         KlSession        *session,
                         GError          **error)
{
  gint64 version = session->version;
  g_autoptr(KlTransaction) tx = kl_db_begin (db, error);

  return kl_store_keep_version (tx != NULL && write_session (db, session, FALSE, NULL, error)
                                && kl_transaction_commit (tx, error),
                                &session->version, version);
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

/* A programme's sessions, their leaders and named audiences: three
 * statements that a server runs in one round trip (kl_db_query_batch),
 * not two a session. */
const char *const kl_store_programme_sessions_sql[KL_STORE_SESSIONS_N_SQL] = {
  "SELECT " SESSION_COLUMNS " FROM session WHERE programme_id = ?1 ORDER BY starts_at, id",
  "SELECT sl.session_id, sl.consultant_id FROM session_leader sl JOIN session s ON s.id = sl.session_id "
  "WHERE s.programme_id = ?1 ORDER BY sl.session_id, sl.consultant_id",
  "SELECT sp.session_id, sp.participant_id FROM session_participant sp JOIN session s ON s.id = sp.session_id "
  "WHERE s.programme_id = ?1 AND s.audience = 'named' ORDER BY sp.session_id, sp.participant_id",
};

/* Reads and releases the statements of kl_store_programme_sessions_sql. */
GPtrArray *
kl_store_read_programme_sessions (KlStmt  **stmts,
                                  GError  **error)
{
  g_autoptr(GPtrArray) sessions = kl_store_collect (stmts[0], (KlReadFunc) read_session,
                                                   (GDestroyNotify) kl_session_free, error);
  gboolean ok = sessions != NULL
                && read_programme_ids (stmts[1], sessions, G_STRUCT_OFFSET (KlSession, leader_ids), error)
                && read_programme_ids (stmts[2], sessions, G_STRUCT_OFFSET (KlSession, audience_ids), error);

  for (guint i = 0; i < KL_STORE_SESSIONS_N_SQL; i++)
    kl_stmt_release (stmts[i]);
  return ok ? g_steal_pointer (&sessions) : NULL;
}

GPtrArray *
kl_store_list_sessions (KlDb    *db,
                        gint64   programme_id,
                        GError **error)
{
  KlStmt *stmts[KL_STORE_SESSIONS_N_SQL];

  if (!kl_db_query_batch (db, error, programme_id, KL_STORE_SESSIONS_N_SQL, kl_store_programme_sessions_sql, stmts))
    return NULL;
  return kl_store_read_programme_sessions (stmts, error);
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
  g_autofree char *what = NULL;

  if (session == NULL)
    return FALSE;
  what = g_strdup_printf (_("the session “%s”"), session->title);
  return kl_store_delete_unused (db, &kl_record_session, id, what, dependents, G_N_ELEMENTS (dependents), error);
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
