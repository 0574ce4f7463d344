#pragma once

#include "kl-store.h"

G_BEGIN_DECLS

/* Where each participant of a programme stands against its certificate
 * threshold: hours attended of the hours planned for them (the sessions
 * they are expected at: within their enrolment and their audience), what
 * is still to come or not recorded, and runs of absence. */

typedef struct
{
  guint row;                  /* in the grid's participants */
  int planned_minutes;        /* the sessions within the enrolment */
  int attended_minutes;       /* present: the session's hours; partly: the hours recorded */
  int remaining_minutes;      /* planned sessions not yet held */
  int unrecorded_minutes;     /* held sessions with no mark yet: may still count */
  int required_minutes;       /* the threshold's share of the planned hours */
  gboolean meets;             /* attended enough already */
  gboolean out_of_reach;      /* cannot attend enough even with every session left */
  guint absences_in_a_row;    /* sessions missed (absent or excused) in a row up to now */
} KlProgress;

/* A participant the absence warnings name. */
typedef struct
{
  gint64 programme_id;
  char *programme_title;
  gint64 participant_id;
  char *name;
  KlProgress progress;
  int threshold_percent;
} KlAbsenceWarning;

GArray    *kl_progress_compute    (const KlAttendanceGrid *grid,
                                   int                     threshold_percent,
                                   const char             *now);
gboolean   kl_progress_needs_care (const KlProgress       *progress);
/* The warnings of one programme, or (programme_id 0) of every running one. */
GPtrArray *kl_progress_warnings   (KlDb                   *db,
                                   gint64                  programme_id,
                                   const char             *now,
                                   GError                **error);
char      *kl_absence_warning_describe (const KlAbsenceWarning *warning);
void       kl_absence_warning_free     (KlAbsenceWarning       *self);

/* A held session where someone expected has no mark yet: work to do. */
typedef struct
{
  gint64 session_id;
  gint64 programme_id;
  char *programme_title;
  char *date;          /* YYYY-MM-DD */
  char *title;
  guint missing;       /* expected participants without a mark */
} KlUnrecorded;

GPtrArray *kl_progress_unrecorded      (KlDb                   *db,
                                        gint64                  programme_id,
                                        const char             *since,
                                        GError                **error);
void       kl_unrecorded_free          (KlUnrecorded           *self);

G_END_DECLS
