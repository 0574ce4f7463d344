#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Plain records of the model. Strings are owned and NULL when unset;
 * a reference to another record is its id, 0 when unset; an optional
 * amount is KL_NO_AMOUNT when unset. Timestamps are ISO 8601 UTC.
 * A record an editor changes carries the version it was read at: saving
 * it is refused when the stored record has moved on (KL_ERROR_CONFLICT),
 * and a saved record gets its new version. 0: not read, overwrite. */

#define KL_NO_AMOUNT ((gint64) -1)

extern const char *const kl_client_kinds[];
extern const char *const kl_programme_kinds[];
extern const char *const kl_programme_statuses[];
extern const char *const kl_session_kinds[];
extern const char *const kl_session_audiences[];
extern const char *const kl_attendance_statuses[];
extern const char *const kl_funding_statuses[];
extern const char *const kl_participant_roles[];

typedef enum
{
  KL_COST_SPEAKER_FEE,
  KL_COST_SUPERVISOR_FEE,
  KL_COST_TRAVEL,
  KL_COST_ACCOMMODATION,
  KL_COST_PARTICIPANT_FEE,
  KL_COST_STUDY_FEE,
  KL_COST_VENUE,
  KL_COST_CATERING,
  KL_COST_MATERIALS,
  KL_COST_OTHER,
  KL_COST_N_CATEGORIES
} KlCostCategory;

extern const char *const kl_cost_categories[];

gboolean kl_cost_category_from_string (const char     *name,
                                       KlCostCategory *category);
gboolean kl_cost_category_is_fee      (KlCostCategory  category);
gboolean kl_cost_category_is_per_person (KlCostCategory category);

typedef struct
{
  char *name;
  char *orgnr;
  char *account;
  char *address;
  char *updated_at;
  char *signatory_name;   /* who signs certificates; NULL on saving keeps it, "" clears it */
  char *signatory_title;
} KlSettings;

typedef struct
{
  gint64 id;
  char *name;
  char *kind;
  gint64 parent_id;
  char *orgnr;
  char *account;
  char *address;
  char *invoice_email;
  char *contact_name;
  char *contact_email;
  char *contact_phone;
  char *notes;
  char *created_at;
  char *updated_at;
  gint64 version;      /* as read; an update of another version is refused (0: of any) */
} KlClient;

typedef struct
{
  gint64 id;
  char *name;
  char *email;
  char *phone;
  gboolean external;
  gint64 day_rate_ore;
  char *created_at;
  char *updated_at;
  gint64 version;
} KlConsultant;

typedef struct
{
  gint64 id;
  gint64 client_id;
  char *title;
  char *kind;
  char *start_date;
  char *end_date;
  char *status;
  gint64 lead_id;
  char *goals;
  char *target_group;
  char *q_current;     /* where are we (kunnskapsgrunnlag) */
  char *q_future;      /* where do we want to go (fremtidsbilder) */
  char *q_process;     /* how do we get there (utviklingsprosess) */
  int certificate_threshold; /* percent of planned hours for a course certificate */
  char *created_at;
  char *updated_at;
  gint64 version;
} KlProgramme;

typedef struct
{
  gint64 id;
  gint64 programme_id;
  char *kind;
  char *title;
  char *starts_at;     /* local time, YYYY-MM-DDTHH:MM */
  char *ends_at;
  char *location;
  int planned_minutes; /* 0: derived from start and end */
  GArray *leader_ids;  /* gint64 consultant ids */
  char *audience;      /* who is expected: "all" enrolled (NULL too), a "workplace" or "named" people */
  gint64 audience_client_id; /* workplace: that client, or the units under it */
  GArray *audience_ids;      /* named: gint64 participant ids */
  char *created_at;
  char *updated_at;
  gint64 version;
} KlSession;

typedef struct
{
  gint64 id;
  char *name;
  char *email;
  char *phone;
  char *role;
  gint64 workplace_id;
  char *notes;
  char *created_at;
  char *updated_at;
  gint64 version;
} KlParticipant;

typedef struct
{
  gint64 id;
  gint64 programme_id;
  gint64 participant_id;
  char *from_date;
  char *to_date;
  char *created_at;
  char *updated_at;
} KlEnrolment;

typedef struct
{
  gint64 id;
  gint64 session_id;
  gint64 participant_id;
  char *status;
  int minutes;         /* for partial attendance */
  char *created_at;
  char *updated_at;
} KlAttendance;

typedef struct
{
  gint64 id;
  gint64 programme_id;
  KlCostCategory category;
  gboolean budget;     /* planned (IMTEC's offer), not an invoice */
  gint64 consultant_id;
  GArray *session_ids; /* gint64: the sessions the line is for, or NULL */
  char **dates;        /* YYYY-MM-DD given directly, sorted, or NULL */
  char **covered;      /* read only: the days its sessions and dates cover, sorted, or NULL */
  int days;            /* fee lines: days worked (the number covered when it has any) */
  int persons;         /* participant and study fees: persons covered */
  int semesters;       /* study fees: semesters covered */
  gint64 net_ore;
  gint64 vat_ore;
  char *supplier;
  char *invoice_no;
  char *invoice_date;
  char *note;
  char *consultant_name; /* read only, joined in when loaded */
  char *created_at;
  char *updated_at;
  gint64 version;
} KlCostItem;

typedef struct
{
  gint64 id;
  gint64 programme_id;
  char *scheme;
  char *status;
  char *applied_date;
  gint64 applied_ore;
  char *case_no;
  gint64 granted_ore;
  char *grant_date;
  char *expiry_date;
  char *payout_date;
  gint64 paid_ore;
  char *paid_date;
  char *created_at;
  char *updated_at;
  gint64 version;      /* as read; a save over another version is refused (0: over any) */
} KlFundingCase;

KlSettings    *kl_settings_new      (void);
void           kl_settings_free     (KlSettings    *self);
KlClient      *kl_client_new        (void);
void           kl_client_free       (KlClient      *self);
KlConsultant  *kl_consultant_new    (void);
void           kl_consultant_free   (KlConsultant  *self);
KlProgramme   *kl_programme_new     (void);
void           kl_programme_free    (KlProgramme   *self);
KlSession     *kl_session_new       (void);
void           kl_session_free      (KlSession     *self);
int            kl_session_minutes   (const KlSession *self);
const char    *kl_session_audience  (const KlSession *self);
KlParticipant *kl_participant_new   (void);
void           kl_participant_free  (KlParticipant *self);
KlEnrolment   *kl_enrolment_new     (void);
gboolean       kl_enrolment_covers  (const char    *from_date,
                                     const char    *to_date,
                                     const char    *when);
void           kl_enrolment_free    (KlEnrolment   *self);
KlAttendance  *kl_attendance_new    (void);
void           kl_attendance_free   (KlAttendance  *self);
KlCostItem    *kl_cost_item_new     (void);
KlCostItem    *kl_cost_item_copy    (const KlCostItem *self);
void           kl_cost_item_free    (KlCostItem    *self);
gboolean       kl_cost_item_has_session (const KlCostItem *self,
                                         gint64            session_id);
GPtrArray     *kl_cost_items_select (GPtrArray     *costs,
                                     gboolean       budget);
KlFundingCase *kl_funding_case_new  (void);
void           kl_funding_case_free (KlFundingCase *self);

gboolean kl_client_validate       (const KlClient      *self,
                                   GError             **error);
gboolean kl_consultant_validate   (const KlConsultant  *self,
                                   GError             **error);
gboolean kl_programme_validate    (const KlProgramme   *self,
                                   GError             **error);
gboolean kl_session_validate      (const KlSession     *self,
                                   GError             **error);
gboolean kl_participant_validate  (const KlParticipant *self,
                                   GError             **error);
gboolean kl_enrolment_validate    (const KlEnrolment   *self,
                                   GError             **error);
gboolean kl_attendance_validate   (const KlAttendance  *self,
                                   GError             **error);
gboolean kl_cost_item_validate    (const KlCostItem    *self,
                                   GError             **error);
gboolean kl_funding_case_validate (const KlFundingCase *self,
                                   GError             **error);
gboolean kl_settings_validate     (const KlSettings    *self,
                                   GError             **error);
gboolean kl_funding_transition_allowed (const char *from,
                                        const char *to);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlSettings, kl_settings_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlClient, kl_client_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlConsultant, kl_consultant_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlProgramme, kl_programme_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlSession, kl_session_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlParticipant, kl_participant_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlEnrolment, kl_enrolment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlAttendance, kl_attendance_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlCostItem, kl_cost_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlFundingCase, kl_funding_case_free)

G_END_DECLS
