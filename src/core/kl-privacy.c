#include "config.h"

#include <stdio.h>

#include "kl-clock.h"
#include "kl-error.h"
#include "kl-i18n.h"
#include "kl-privacy.h"
#include "kl-progress.h"
#include "kl-store-private.h"

/* One row of a query as a JSON object, its columns by name; NULL stays
 * null, numbers stay numbers. */
static void
add_row (JsonBuilder *builder,
         KlStmt      *stmt)
{
  json_builder_begin_object (builder);
  for (int c = 0; c < kl_stmt_column_count (stmt); c++)
    {
      json_builder_set_member_name (builder, kl_stmt_column_name (stmt, c));
      switch (kl_stmt_column_kind (stmt, c))
        {
        case KL_VALUE_NULL:
          json_builder_add_null_value (builder);
          break;
        case KL_VALUE_INT:
          json_builder_add_int_value (builder, kl_stmt_int (stmt, c));
          break;
        default:
          json_builder_add_string_value (builder, kl_stmt_peek_text (stmt, c));
          break;
        }
    }
  json_builder_end_object (builder);
}

static gboolean
add_rows (JsonBuilder  *builder,
          KlDb         *db,
          const char   *member,
          const char   *sql,
          gint64        participant_id,
          gboolean      one,
          GError      **error)
{
  g_autoptr(KlStmt) stmt = kl_db_query (db, error, sql, "i", participant_id);
  g_autoptr(GError) local = NULL;

  if (stmt == NULL)
    return FALSE;
  json_builder_set_member_name (builder, member);
  if (!one)
    json_builder_begin_array (builder);
  while (kl_stmt_next (stmt, &local))
    {
      add_row (builder, stmt);
      if (one)
        break;
    }
  if (!one)
    json_builder_end_array (builder);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

/* Where each enrolment stands against its programme's certificate
 * threshold, as a certificate issued today would say. */
static gboolean
add_progress (JsonBuilder  *builder,
              KlDb         *db,
              gint64        participant_id,
              GError      **error)
{
  g_autoptr(KlStmt) stmt = kl_db_query (db, error,
                                        "SELECT e.programme_id, p.certificate_threshold FROM enrolment e "
                                        "JOIN programme p ON p.id = e.programme_id WHERE e.participant_id = ?1 "
                                        "ORDER BY p.start_date, p.id", "i", participant_id);
  g_autoptr(GError) local = NULL;
  g_autofree char *now = kl_clock_now_minutes ();

  if (stmt == NULL)
    return FALSE;
  json_builder_set_member_name (builder, "certificates");
  json_builder_begin_array (builder);
  while (kl_stmt_next (stmt, &local))
    {
      gint64 programme_id = kl_stmt_int (stmt, 0);
      int threshold = (int) kl_stmt_int (stmt, 1);
      g_autoptr(KlAttendanceGrid) grid = kl_store_load_grid (db, programme_id, error);
      g_autoptr(GArray) progress = NULL;

      if (grid == NULL)
        return FALSE;
      progress = kl_progress_compute (grid, threshold, now);
      for (guint r = 0; r < grid->participants->len; r++)
        {
          const KlParticipant *participant = g_ptr_array_index (grid->participants, r);
          const KlProgress *p = &g_array_index (progress, KlProgress, r);

          if (participant->id != participant_id)
            continue;
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "programme_id");
          json_builder_add_int_value (builder, programme_id);
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, p->meets ? "certificate" : "statement");
          json_builder_set_member_name (builder, "attended_minutes");
          json_builder_add_int_value (builder, p->attended_minutes);
          json_builder_set_member_name (builder, "planned_minutes");
          json_builder_add_int_value (builder, p->planned_minutes);
          json_builder_end_object (builder);
        }
    }
  json_builder_end_array (builder);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

/* Everything held about one person (innsyn): their record, enrolments,
 * attendance marks, where they stand for a certificate, and the audit
 * rows about them. Nobody else's data. */
JsonNode *
kl_privacy_export (KlDb    *db,
                   gint64   participant_id,
                   GError **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *now = kl_clock_now_minutes ();

  g_return_val_if_fail (KL_IS_DB (db), NULL);

  if (!kl_store_exists (db, &kl_record_participant, participant_id, error))
    return NULL;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "exported_at");
  json_builder_add_string_value (builder, now);
  if (!add_rows (builder, db, "participant",
                 "SELECT p.id, p.name, p.email, p.phone, p.role, p.workplace_id, c.name AS workplace, p.notes, "
                 "p.anonymised_at, p.created_at, p.updated_at FROM participant p "
                 "LEFT JOIN client c ON c.id = p.workplace_id WHERE p.id = ?1", participant_id, TRUE, error)
      || !add_rows (builder, db, "enrolments",
                    "SELECT e.programme_id, p.title AS programme, e.from_date, e.to_date, e.created_at "
                    "FROM enrolment e JOIN programme p ON p.id = e.programme_id WHERE e.participant_id = ?1 "
                    "ORDER BY p.start_date, p.id", participant_id, FALSE, error)
      || !add_rows (builder, db, "attendance",
                    "SELECT a.session_id, s.programme_id, s.title AS session, substr (s.starts_at, 1, 10) AS date, "
                    "a.status, a.minutes, a.updated_at FROM attendance a JOIN session s ON s.id = a.session_id "
                    "WHERE a.participant_id = ?1 ORDER BY s.starts_at, s.id", participant_id, FALSE, error)
      || !add_progress (builder, db, participant_id, error)
      || !add_rows (builder, db, "audit",
                    "SELECT at, os_user, programme_id, entity, action, field, old_value, new_value, session_id "
                    "FROM audit WHERE participant_id = ?1 ORDER BY at, id", participant_id, FALSE, error))
    return NULL;
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

gboolean
kl_privacy_is_anonymised (KlDb    *db,
                          gint64   participant_id,
                          GError **error)
{
  g_autoptr(KlStmt) stmt = kl_db_query (db, error, "SELECT anonymised_at IS NOT NULL FROM participant WHERE id = ?1",
                                        "i", participant_id);

  return stmt != NULL && kl_stmt_next (stmt, error) && kl_stmt_int (stmt, 0) != 0;
}

/* Name, e-mail, phone and notes replaced by a label; enrolments and marks
 * stay, so every count, rate, claim and sealed document is as it was. The
 * old values leave no trace in the file: secure_delete zeroes what they
 * freed (kl-db.c sets it on every connection), the search index is built
 * again from what is left, and the WAL is checkpointed and truncated. The
 * trail records the anonymisation, never the old values. */
gboolean
kl_privacy_anonymise (KlDb    *db,
                      gint64   participant_id,
                      GError **error)
{
  g_autoptr(KlTransaction) tx = kl_db_begin (db, error);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  const char *rebuild = kl_db_sql (db, KL_SQL_SEARCH_REBUILD);
  g_autofree char *label = NULL;

  g_return_val_if_fail (KL_IS_DB (db), FALSE);

  if (tx == NULL
      || !kl_store_exists (db, &kl_record_participant, participant_id, error))
    return FALSE;
  /* Translators: what an anonymised participant is called from then on */
  label = g_strdup_printf (_("Anonymised participant %lld"), (long long) participant_id);
  if (!kl_db_exec (db, error,
                   "UPDATE participant SET name = ?2, email = NULL, phone = NULL, notes = NULL, "
                   "anonymised_at = coalesce (anonymised_at, ?3) WHERE id = ?1",
                   "itt", participant_id, label, stamp)
      || !kl_db_exec (db, error,
                      "INSERT INTO audit (os_user, programme_id, entity, entity_id, action, participant_id) "
                      "SELECT kl_os_user (), programme_id, 'participant', ?1, 'anonymise', ?1 FROM enrolment "
                      "WHERE participant_id = ?1 "
                      "UNION ALL SELECT kl_os_user (), NULL, 'participant', ?1, 'anonymise', ?1 "
                      "WHERE NOT EXISTS (SELECT 1 FROM enrolment WHERE participant_id = ?1)",
                      "i", participant_id)
      /* The index may hold the old terms: built anew from the rows as
       * they are now. */
      || (rebuild != NULL && !kl_db_exec (db, error, rebuild, NULL))
      || !kl_transaction_commit (tx, error))
    return FALSE;
  /* Inside a caller's transaction (several people in one step), the
   * files cannot be cleaned yet: the caller does it after its commit. */
  if (kl_db_in_transaction (db))
    return TRUE;
  return kl_db_forget (db, error);
}

static KlRetentionCandidate *
read_candidate (KlStmt *stmt)
{
  KlRetentionCandidate *candidate = g_new0 (KlRetentionCandidate, 1);

  candidate->participant_id = kl_stmt_int (stmt, 0);
  candidate->name = kl_stmt_text (stmt, 1);
  candidate->last_end = kl_stmt_text (stmt, 2);
  return candidate;
}

/* Participants not yet anonymised, enrolled in at least one programme,
 * all of whose programmes (cancelled ones too) ended more than `years`
 * before today (YYYY-MM-DD). */
GPtrArray *
kl_privacy_retention_due (KlDb        *db,
                          int          years,
                          const char  *today,
                          GError     **error)
{
  g_autofree char *before = NULL;
  g_autoptr(KlStmt) stmt = NULL;
  int year = 0, month = 0, day = 0;

  g_return_val_if_fail (KL_IS_DB (db), NULL);
  g_return_val_if_fail (years > 0 && today != NULL, NULL);

  /* The same day `years` earlier; 29 February of a year without one
   * becomes 1 March, as SQLite's date (today, '-N years') has it. */
  if (sscanf (today, "%d-%d-%d", &year, &month, &day) != 3)
    g_return_val_if_reached (NULL);
  year -= years;
  if (month == 2 && day == 29 && !g_date_is_leap_year ((GDateYear) year))
    month = 3, day = 1;
  before = g_strdup_printf ("%04d-%02d-%02d", year, month, day);

  stmt = kl_db_query (db, error,
                      "SELECT p.id, p.name, max (pr.end_date) AS last_end FROM participant p "
                      "JOIN enrolment e ON e.participant_id = p.id JOIN programme pr ON pr.id = e.programme_id "
                      "WHERE p.anonymised_at IS NULL GROUP BY p.id "
                      "HAVING max (pr.end_date) < ?1 ORDER BY last_end, p.name COLLATE NOCASE, p.id",
                      "t", before);
  return kl_store_collect (stmt, (KlReadFunc) read_candidate, (GDestroyNotify) kl_retention_candidate_free, error);
}

void
kl_retention_candidate_free (KlRetentionCandidate *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->last_end);
  g_free (self);
}

/* Years after a programme's end its participants are kept; 0 is off. */
int
kl_privacy_get_retention (KlDb    *db,
                          GError **error)
{
  g_autoptr(KlStmt) stmt = kl_db_query (db, error, "SELECT coalesce (retention_years, 0) FROM settings WHERE id = 1",
                                        NULL);

  if (stmt == NULL || !kl_stmt_next (stmt, error))
    return -1;
  return (int) kl_stmt_int (stmt, 0);
}

gboolean
kl_privacy_set_retention (KlDb    *db,
                          int      years,
                          GError **error)
{
  g_autoptr(KlTransaction) tx = NULL;

  if (years < 0 || years > 50)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE,
                   _("Retention: %d years is not between 1 and 50 (0 turns it off)"), years);
      return FALSE;
    }
  tx = kl_db_begin (db, error);
  return tx != NULL
         && kl_db_exec (db, error, "UPDATE settings SET retention_years = ?1 WHERE id = 1", "r", (gint64) years)
         && kl_transaction_commit (tx, error);
}
