#pragma once

#include "kl-db.h"
#include "kl-model.h"
#include "kl-rules.h"

G_BEGIN_DECLS

/* Reading and writing the model. Every write validates first, runs in one
 * transaction, and names what is wrong when it refuses. */

/* A programme's status as the calendar has it on the day today (an SQL
 * expression giving YYYY-MM-DD: "kl_today ()", the core's clock, or a
 * parameter) for p (the programme table's alias): planned before its
 * first session (its start date without sessions), running until its end
 * date, finished after; cancelled only by hand. Public for lists that
 * filter and sort in SQL (the GUI's programme list). The first session is
 * min (starts_at), which both backends read from the end of the index on
 * (programme_id, starts_at), and today is asked once a statement, not
 * once a row: a list of 1 000 programmes on a server took 15.5 ms, most
 * of it these two. */
#define KL_SQL_PROGRAMME_STATUS_ON(p, today) \
  "(CASE WHEN " p ".status = 'cancelled' THEN 'cancelled' " \
  "WHEN " today " < coalesce (substr ((SELECT min (starts_at) FROM session " \
  "WHERE programme_id = " p ".id), 1, 10), " p ".start_date) THEN 'planned' " \
  "WHEN " today " <= " p ".end_date THEN 'running' ELSE 'finished' END)"
#define KL_SQL_PROGRAMME_STATUS(p) KL_SQL_PROGRAMME_STATUS_ON (p, "(SELECT kl_today ())")

KlSettings    *kl_store_get_settings       (KlDb                *db,
                                            GError             **error);
gboolean       kl_store_save_settings      (KlDb                *db,
                                            const KlSettings    *settings,
                                            GError             **error);

gboolean       kl_store_insert_client      (KlDb                *db,
                                            KlClient            *client,
                                            GError             **error);
gboolean       kl_store_update_client      (KlDb                *db,
                                            KlClient            *client,
                                            GError             **error);
KlClient      *kl_store_get_client         (KlDb                *db,
                                            gint64               id,
                                            GError             **error);
GPtrArray     *kl_store_list_clients       (KlDb                *db,
                                            GError             **error);
gboolean       kl_store_delete_client      (KlDb                *db,
                                            gint64               id,
                                            GError             **error);
gint64         kl_store_legal_entity       (KlDb                *db,
                                            gint64               client_id,
                                            GError             **error);

gboolean       kl_store_insert_consultant  (KlDb                *db,
                                            KlConsultant        *consultant,
                                            GError             **error);
gboolean       kl_store_update_consultant  (KlDb                *db,
                                            KlConsultant        *consultant,
                                            GError             **error);
KlConsultant  *kl_store_get_consultant     (KlDb                *db,
                                            gint64               id,
                                            GError             **error);
GPtrArray     *kl_store_list_consultants   (KlDb                *db,
                                            GError             **error);
gboolean       kl_store_delete_consultant  (KlDb                *db,
                                            gint64               id,
                                            GError             **error);

gboolean       kl_store_insert_programme   (KlDb                *db,
                                            KlProgramme         *programme,
                                            GError             **error);
gboolean       kl_store_update_programme   (KlDb                *db,
                                            KlProgramme         *programme,
                                            GError             **error);
KlProgramme   *kl_store_get_programme      (KlDb                *db,
                                            gint64               id,
                                            GError             **error);
GPtrArray     *kl_store_list_programmes    (KlDb                *db,
                                            GError             **error);
gboolean       kl_store_delete_programme   (KlDb                *db,
                                            gint64               id,
                                            GError             **error);

gboolean       kl_store_insert_session     (KlDb                *db,
                                            KlSession           *session,
                                            GError             **error);
gboolean       kl_store_update_session     (KlDb                *db,
                                            KlSession           *session,
                                            GError             **error);
KlSession     *kl_store_get_session        (KlDb                *db,
                                            gint64               id,
                                            GError             **error);
GPtrArray     *kl_store_list_sessions      (KlDb                *db,
                                            gint64               programme_id,
                                            GError             **error);
gboolean       kl_store_delete_session     (KlDb                *db,
                                            gint64               id,
                                            GError             **error);
char          *kl_store_session_warning    (KlDb                *db,
                                            const KlSession     *session,
                                            GError             **error);

gboolean       kl_store_insert_participant (KlDb                *db,
                                            KlParticipant       *participant,
                                            GError             **error);
gboolean       kl_store_update_participant (KlDb                *db,
                                            KlParticipant       *participant,
                                            GError             **error);
KlParticipant *kl_store_get_participant    (KlDb                *db,
                                            gint64               id,
                                            GError             **error);
GPtrArray     *kl_store_list_participants  (KlDb                *db,
                                            gint64               programme_id,
                                            GError             **error);
GPtrArray     *kl_store_list_expected      (KlDb                *db,
                                            gint64               session_id,
                                            GError             **error);
gboolean       kl_store_delete_participant (KlDb                *db,
                                            gint64               id,
                                            GError             **error);

char         **kl_store_role_suggestions   (KlDb                *db,
                                            GError             **error);

gboolean       kl_store_enrol              (KlDb                *db,
                                            KlEnrolment         *enrolment,
                                            GError             **error);
gboolean       kl_store_set_attendance     (KlDb                *db,
                                            KlAttendance        *mark,
                                            GError             **error);
gboolean       kl_store_clear_attendance   (KlDb                *db,
                                            gint64               session_id,
                                            gint64               participant_id,
                                            GError             **error);
KlEnrolment   *kl_store_get_enrolment      (KlDb                *db,
                                            gint64               programme_id,
                                            gint64               participant_id,
                                            GError             **error);
gboolean       kl_store_unenrol            (KlDb                *db,
                                            gint64               programme_id,
                                            gint64               participant_id,
                                            GError             **error);

gboolean       kl_store_insert_cost        (KlDb                *db,
                                            KlCostItem          *item,
                                            GError             **error);
gboolean       kl_store_update_cost        (KlDb                *db,
                                            KlCostItem          *item,
                                            GError             **error);
GPtrArray     *kl_store_list_costs         (KlDb                *db,
                                            gint64               programme_id,
                                            GError             **error);
KlCostItem    *kl_store_get_cost           (KlDb                *db,
                                            gint64               id,
                                            GError             **error);
gboolean       kl_store_delete_cost        (KlDb                *db,
                                            gint64               id,
                                            GError             **error);

KlFundingCase *kl_store_get_funding_case   (KlDb                *db,
                                            gint64               programme_id,
                                            const char          *scheme,
                                            GError             **error);
gboolean       kl_store_save_funding_case  (KlDb                *db,
                                            KlFundingCase       *funding,
                                            GError             **error);
gboolean       kl_store_check_funding_step (KlDb                *db,
                                            const KlFundingCase *funding,
                                            gboolean             confirmed,
                                            GPtrArray           *warnings,
                                            GError             **error);
KlSchemeVersion *kl_store_scheme_for_date  (KlDb                *db,
                                            const char          *scheme,
                                            const char          *date,
                                            GError             **error);
GPtrArray     *kl_store_list_schemes       (KlDb                *db,
                                            GError             **error);
/* Which cost lines a claim is computed from. */
typedef enum
{
  KL_CLAIM_ACTUALS,      /* the invoices: the payout request */
  KL_CLAIM_BUDGET,       /* the budget lines */
  KL_CLAIM_APPLICATION,  /* the budget, or the invoices for a programme without one */
} KlClaimBasis;

gboolean       kl_store_has_budget         (KlDb                *db,
                                            gint64               programme_id,
                                            GError             **error);
KlClaim       *kl_store_compute_claim      (KlDb                *db,
                                            gint64               programme_id,
                                            KlClaimBasis         basis,
                                            GError             **error);

/* Whether a participant is expected at a session: within their enrolment's
 * dates and in the session's audience; otherwise why not. */
typedef enum
{
  KL_CELL_NOT_ENROLLED = 0,      /* before or after the enrolment */
  KL_CELL_EXPECTED = 1,
  KL_CELL_NOT_IN_AUDIENCE = 2,   /* the session is for another workplace or other people */
} KlCellExpected;

/* The attendance of one programme: enrolled participants by sessions. A
 * cell is recorded (a mark), not recorded (0 where expected) or not
 * expected. */
typedef struct
{
  GPtrArray *sessions;      /* KlSession, by start */
  GPtrArray *participants;  /* KlParticipant, by name */
  char *marks;              /* row-major, participants x sessions: 'P', 'A', 'E', 'H' (partial) or 0 */
  int *minutes;             /* partial attendance, same layout */
  guint8 *expected;         /* same layout: KlCellExpected */
} KlAttendanceGrid;

KlAttendanceGrid *kl_store_load_grid       (KlDb                *db,
                                            gint64               programme_id,
                                            GError             **error);
void           kl_attendance_grid_free     (KlAttendanceGrid    *grid);
gboolean       kl_attendance_grid_session_counts (const KlAttendanceGrid *grid,
                                                  guint                   col,
                                                  const char             *now);
char           kl_attendance_mark_of       (const char             *status);
gboolean       kl_attendance_grid_expected (const KlAttendanceGrid *grid,
                                            guint                   row,
                                            guint                   col);
guint          kl_attendance_grid_count_expected (const KlAttendanceGrid *grid,
                                                  guint                   col);
double         kl_attendance_grid_credit   (const KlAttendanceGrid *grid,
                                            guint                   row,
                                            guint                   col);
double         kl_attendance_grid_rate     (const KlAttendanceGrid *grid,
                                            int                     row,
                                            int                     col,
                                            const char             *now);

typedef struct
{
  char *kind;      /* client, programme, participant, consultant */
  gint64 id;
  char *title;
  char *snippet;
} KlSearchHit;

char          *kl_store_fts_query          (const char          *text);
GPtrArray     *kl_store_search             (KlDb                *db,
                                            const char          *text,
                                            int                  limit,
                                            GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlAttendanceGrid, kl_attendance_grid_free)

G_END_DECLS
