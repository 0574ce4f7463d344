#pragma once

#include "kl-db.h"
#include "kl-model.h"

G_BEGIN_DECLS

/* A series of sessions (samlinger): the same times on chosen weekdays
 * every N weeks through a period, titled "Samling 1", "Samling 2", ...
 * Planning is a pure function, so a form can preview it as it is typed;
 * inserting takes the plan and writes it in one transaction. */

#define KL_SERIES_MAX_SESSIONS 200
#define KL_SERIES_MAX_EVERY 52

/* Bit (1 << (GDateWeekday - 1)): Monday is bit 0, Sunday bit 6. */
#define KL_WEEKDAY_BIT(weekday) (1u << ((guint) (weekday) - 1))
#define KL_WEEKDAYS_ALL 0x7fu

typedef struct
{
  char *from;             /* the first day that may have a session: 2027-09-01, 1.9.2027, 1.9. (kl_date_parse) */
  char *until;            /* the last */
  guint weekdays;         /* KL_WEEKDAY_BIT()s */
  int every;              /* every N weeks, counted from the week (Monday to Sunday) of from */
  char *start_time;       /* HH:MM */
  char *end_time;
  char *title;            /* the stem: "Samling" gives "Samling 1", "Samling 2", ... */
  guint first_number;     /* the number of the first session; 0 is 1 */
  gboolean skip_holidays; /* leave out public holidays (they are named either way) */
} KlSeriesSpec;

typedef struct
{
  char *date;             /* YYYY-MM-DD */
  GDateWeekday weekday;
  char *starts_at;        /* YYYY-MM-DDTHH:MM, as sessions store it */
  char *ends_at;
  char *title;            /* NULL when skipped: a skipped day takes no number */
  char *holiday;          /* the public holiday on the day, translated; NULL on other days */
  gboolean skipped;
} KlPlannedSession;

extern const char *const kl_weekday_keys[];   /* "mon" ... "sun", by GDateWeekday - 1 */

const char   *kl_weekday_abbreviation     (GDateWeekday        weekday);

KlSeriesSpec *kl_series_spec_new          (void);
void          kl_series_spec_free         (KlSeriesSpec       *spec);
void          kl_planned_session_free     (KlPlannedSession   *planned);

gboolean      kl_series_parse_weekdays    (const char         *text,
                                           guint              *weekdays,
                                           GError            **error);
gboolean      kl_series_parse_time_range  (const char         *text,
                                           char              **start_time,
                                           char              **end_time,
                                           GError            **error);
GPtrArray    *kl_series_plan              (const KlSeriesSpec *spec,
                                           GError            **error);
guint         kl_series_count_planned     (GPtrArray          *plan);

guint         kl_store_series_next_number (KlDb               *db,
                                           gint64              programme_id,
                                           const char         *title,
                                           GError            **error);
GArray       *kl_store_insert_series      (KlDb               *db,
                                           const KlSession    *pattern,
                                           GPtrArray          *plan,
                                           GError            **error);
gboolean      kl_store_delete_sessions    (KlDb               *db,
                                           GArray             *ids,
                                           GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlSeriesSpec, kl_series_spec_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlPlannedSession, kl_planned_session_free)

G_END_DECLS
