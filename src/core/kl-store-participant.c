#include "config.h"

#include "kl-error.h"
#include "kl-i18n.h"
#include "kl-store-private.h"

/* Participants, and the roles they are known by. */

#define PARTICIPANT_COLUMNS "p.id, p.name, p.email, p.phone, p.role, p.workplace_id, p.notes, " \
                            "p.created_at, p.updated_at, p.version"

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
  participant->version = kl_stmt_int (stmt, 9);
  return participant;
}

static gboolean
write_participant (KlDb                 *db,
                   KlParticipant        *participant,
                   gboolean              insert,
                   GError              **error)
{
  const char *sql = insert
    ? "INSERT INTO participant (name, email, phone, role, workplace_id, notes) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id"
    : "UPDATE participant SET name = ?1, email = ?2, phone = ?3, role = ?4, workplace_id = ?5, notes = ?6 "
      "WHERE id = ?7" KL_SQL_AT_VERSION ("8");

  if (!kl_participant_validate (participant, error))
    return FALSE;
  if (participant->workplace_id > 0
      && !kl_store_exists (db, &kl_record_client, participant->workplace_id, error))
    {
      g_prefix_error (error, _("Workplace: "));
      return FALSE;
    }
  if (!insert)
    participant->version = kl_store_expected_version (db, &kl_record_participant, participant->id,
                                                      participant->version);
  if (!kl_db_exec (db, error, sql, insert ? "ttttrt" : "ttttrtri",
                   participant->name, participant->email, participant->phone, participant->role,
                   participant->workplace_id, participant->notes, insert ? (gint64) 0 : participant->id,
                   participant->version))
    return FALSE;
  return insert
         || (kl_store_check_written (db, &kl_record_participant, participant->id, participant->version, error)
             && kl_store_note_written (db, &kl_record_participant, participant->id, &participant->version, error));
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
                             KlParticipant        *participant,
                             GError              **error)
{
  gint64 version = participant->version;
  g_autoptr(KlTransaction) tx = kl_db_begin (db, error);

  return kl_store_keep_version (tx != NULL && write_participant (db, participant, FALSE, error)
                                && kl_transaction_commit (tx, error),
                                &participant->version, version);
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
/* Sorted here rather than by ORDER BY … COLLATE NOCASE: on a server that
 * collation is ICU's, which sorted the 300 of the largest programme in
 * 6 ms against well under 1 ms here, and in another order than SQLite's
 * NOCASE (ASCII letters folded, the rest by bytes), which this is. */
const char kl_store_programme_participants_sql[] =
  "SELECT " PARTICIPANT_COLUMNS " FROM participant p JOIN enrolment e ON e.participant_id = p.id "
  "WHERE e.programme_id = ?1";

static int
compare_by_name (gconstpointer a,
                 gconstpointer b)
{
  const KlParticipant *x = *(KlParticipant *const *) a;
  const KlParticipant *y = *(KlParticipant *const *) b;
  int by_name = g_ascii_strcasecmp (x->name, y->name);

  if (by_name != 0)
    return by_name;
  return (x->id > y->id) - (x->id < y->id);
}

/* The rows of kl_store_programme_participants_sql, by name. */
GPtrArray *
kl_store_read_participants (KlStmt  *stmt,
                            GError **error)
{
  GPtrArray *participants = kl_store_collect (stmt, (KlReadFunc) read_participant,
                                              (GDestroyNotify) kl_participant_free, error);

  if (participants != NULL)
    g_ptr_array_sort (participants, compare_by_name);
  return participants;
}

GPtrArray *
kl_store_list_participants (KlDb    *db,
                            gint64   programme_id,
                            GError **error)
{
  g_autoptr(KlStmt) stmt = NULL;

  if (programme_id > 0)
    {
      stmt = kl_db_query (db, error, kl_store_programme_participants_sql, "i", programme_id);
      return stmt != NULL ? kl_store_read_participants (stmt, error) : NULL;
    }
  stmt = kl_db_query (db, error,
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

  if (!kl_store_exists (db, &kl_record_session, session_id, error))
    return NULL;
  stmt = kl_db_query (db, error,
                      "SELECT " PARTICIPANT_COLUMNS " FROM session s "
                      "JOIN enrolment e ON e.programme_id = s.programme_id "
                      "JOIN participant p ON p.id = e.participant_id "
                      "WHERE s.id = ?1 "
                      "AND " KL_SQL_ENROLMENT_COVERS ("e", "s") " "
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
  g_autofree char *what = NULL;

  if (participant == NULL)
    return FALSE;
  what = g_strdup_printf (_("the participant “%s”"), participant->name);
  return kl_store_delete_unused (db, &kl_record_participant, id, what, dependents, G_N_ELEMENTS (dependents), error);
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
