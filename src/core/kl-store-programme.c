#include "config.h"

#include "kl-error.h"
#include "kl-i18n.h"
#include "kl-store-private.h"

/* Programmes: what a client has bought, with its dates and lead. */

/* The status as the calendar has it, not as stored (only "cancelled" is). */
#define PROGRAMME_COLUMNS "p.id, p.client_id, p.title, p.kind, p.start_date, p.end_date, " \
                          KL_SQL_PROGRAMME_STATUS ("p") ", p.lead_id, p.goals, p.target_group, p.q_current, " \
                          "p.q_future, p.q_process, p.created_at, p.updated_at, p.certificate_threshold, p.version"

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
  programme->version = kl_stmt_int (stmt, 16);
  return programme;
}

static gboolean
write_programme (KlDb               *db,
                 KlProgramme        *programme,
                 gboolean            insert,
                 GError            **error)
{
  const char *sql = insert
    ? "INSERT INTO programme (client_id, title, kind, start_date, end_date, status, lead_id, goals, "
      "target_group, q_current, q_future, q_process, certificate_threshold) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) RETURNING id"
    : "UPDATE programme SET client_id = ?1, title = ?2, kind = ?3, start_date = ?4, end_date = ?5, "
      "status = ?6, lead_id = ?7, goals = ?8, target_group = ?9, q_current = ?10, q_future = ?11, "
      "q_process = ?12, certificate_threshold = ?13 WHERE id = ?14" KL_SQL_AT_VERSION ("15");

  if (!kl_programme_validate (programme, error)
      || !kl_store_exists (db, &kl_record_client, programme->client_id, error)
      || (programme->lead_id > 0
          && !kl_store_exists (db, &kl_record_consultant, programme->lead_id, error)))
    return FALSE;
  if (!insert)
    programme->version = kl_store_expected_version (db, &kl_record_programme, programme->id, programme->version);
  /* Only a cancellation is stored; the calendar says the rest when read. */
  if (!kl_db_exec (db, error, sql, insert ? "itttttrtttttn" : "itttttrtttttnri",
                   programme->client_id, programme->title, programme->kind, programme->start_date,
                   programme->end_date, g_strcmp0 (programme->status, "cancelled") == 0 ? "cancelled" : "planned",
                   programme->lead_id, programme->goals,
                   programme->target_group, programme->q_current, programme->q_future,
                   programme->q_process, programme->certificate_threshold, insert ? (gint64) 0 : programme->id,
                   programme->version))
    return FALSE;
  return insert
         || (kl_store_check_written (db, &kl_record_programme, programme->id, programme->version, error)
             && kl_store_note_written (db, &kl_record_programme, programme->id, &programme->version, error));
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
                           KlProgramme        *programme,
                           GError            **error)
{
  gint64 version = programme->version;
  g_autoptr(KlTransaction) tx = kl_db_begin (db, error);

  return kl_store_keep_version (tx != NULL && write_programme (db, programme, FALSE, error)
                                && kl_transaction_commit (tx, error),
                                &programme->version, version);
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
  g_autofree char *what = NULL;

  if (programme == NULL)
    return FALSE;
  what = g_strdup_printf (_("the programme “%s”"), programme->title);
  return kl_store_delete_unused (db, &kl_record_programme, id, what, dependents, G_N_ELEMENTS (dependents), error);
}
