#pragma once

#include "kl-store.h"

G_BEGIN_DECLS

/* Marks a singular and plural pair for xgettext (--keyword=NP_:1,2),
 * translated later with g_dngettext. */
#define NP_(singular, plural) singular, plural

/* Whether participant p is expected at session s by the session's
 * audience (the enrolment's dates are another matter). */
#define KL_SQL_IN_AUDIENCE(s, p) \
  "(" s ".audience = 'all' " \
  "OR (" s ".audience = 'workplace' AND " p ".workplace_id IN " \
  "(SELECT id FROM client WHERE id = " s ".audience_client_id OR parent_id = " s ".audience_client_id)) " \
  "OR (" s ".audience = 'named' AND EXISTS (SELECT 1 FROM session_participant sp " \
  "WHERE sp.session_id = " s ".id AND sp.participant_id = " p ".id)))"

/* Whether enrolment e covers the day of session s: kl_enrolment_covers
 * in SQL. */
#define KL_SQL_ENROLMENT_COVERS(e, s) \
  "(" e ".from_date IS NULL OR " e ".from_date = '' OR " e ".from_date <= substr (" s ".starts_at, 1, 10)) " \
  "AND (" e ".to_date IS NULL OR " e ".to_date = '' OR " e ".to_date >= substr (" s ".starts_at, 1, 10))"

/* The parts of kl_store_load_grid, so that it runs them in one batch
 * (kl_db_query_batch, each with the programme's id as ?1). */
#define KL_STORE_SESSIONS_N_SQL 3
extern const char *const kl_store_programme_sessions_sql[KL_STORE_SESSIONS_N_SQL];
GPtrArray *kl_store_read_programme_sessions (KlStmt  **stmts,
                                             GError  **error);
extern const char kl_store_programme_participants_sql[];
GPtrArray *kl_store_read_participants       (KlStmt   *stmt,
                                             GError  **error);

/* What may hold on to a record, for a refusal that names it. */
typedef struct
{
  const char *sql;       /* SELECT count(*) ... WHERE x = ?1 */
  const char *singular;  /* "%d programme" */
  const char *plural;    /* "%d programmes" */
} KlDependent;

gboolean kl_store_set_not_found   (GError            **error,
                                   const char         *what,
                                   gint64              id);
/* Reads the row a statement is on into a new record. */
typedef gpointer (*KlReadFunc) (KlStmt *stmt);

gboolean   kl_store_first_row     (KlStmt             *stmt,
                                   const char         *what,
                                   gint64              id,
                                   GError            **error);
GPtrArray *kl_store_collect       (KlStmt             *stmt,
                                   KlReadFunc          read,
                                   GDestroyNotify      free_func,
                                   GError            **error);
gboolean kl_store_changed_one     (KlDb               *db,
                                   const char         *what,
                                   gint64              id,
                                   GError            **error);

/* A kind of record that an UPDATE or DELETE by id may miss, and the words
 * for why (src/core/kl-store.c). */
typedef struct
{
  const char *table;     /* also its entity in the audit trail */
  const char *what;      /* "client", marked N_, for "There is no client with id 3" */
  const char *changed;   /* "%s changed this client at %s": who, when */
  const char *deleted;   /* "This client was deleted by %s at %s" */
  const char *refused;   /* a server's row-level security hid the row */
} KlRecordKind;

extern const KlRecordKind kl_record_client;
extern const KlRecordKind kl_record_consultant;
extern const KlRecordKind kl_record_programme;
extern const KlRecordKind kl_record_session;
extern const KlRecordKind kl_record_participant;
extern const KlRecordKind kl_record_cost_item;
extern const KlRecordKind kl_record_funding_case;
extern const KlRecordKind kl_record_attendance;
extern const KlRecordKind kl_record_enrolment;

/* "AND (?N = 0 OR version = ?N)": an UPDATE of the version its caller read. */
#define KL_SQL_AT_VERSION(n) " AND (?" n " = 0 OR version = ?" n ")"

/* Whether the record of kind with id is there; if not, KL_ERROR_NOT_FOUND
 * says so. */
gboolean kl_store_exists          (KlDb               *db,
                                   const KlRecordKind *kind,
                                   gint64              id,
                                   GError            **error);
/* Deletes a record in one transaction, unless a dependent still holds on
 * to it: then refuses, naming what (its description) and them. */
gboolean kl_store_delete_unused   (KlDb               *db,
                                   const KlRecordKind *kind,
                                   gint64              id,
                                   const char         *what,
                                   const KlDependent  *dependents,
                                   guint               n_dependents,
                                   GError            **error);
gboolean kl_store_set_conflict     (KlDb               *db,
                                   const KlRecordKind *kind,
                                   gint64              id,
                                   GError            **error);
gboolean kl_store_check_written   (KlDb               *db,
                                   const KlRecordKind *kind,
                                   gint64              id,
                                   gint64              version,
                                   GError            **error);
gint64   kl_store_expected_version (KlDb              *db,
                                    const KlRecordKind *kind,
                                    gint64             id,
                                    gint64             version);
gboolean kl_store_note_written    (KlDb               *db,
                                   const KlRecordKind *kind,
                                   gint64              id,
                                   gint64             *version,
                                   GError            **error);
gboolean kl_store_keep_version    (gboolean            saved,
                                   gint64             *version,
                                   gint64              before);

G_END_DECLS
