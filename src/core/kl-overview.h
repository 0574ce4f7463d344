#pragma once

#include "kl-db.h"

G_BEGIN_DECLS

typedef enum
{
  KL_DEADLINE_GRANT_EXPIRES,  /* granted, no payout request yet */
  KL_DEADLINE_NOT_PAID,       /* payout requested, not paid */
  KL_DEADLINE_YEAR_END,       /* finished this year, granted, no payout request: by 15 December */
} KlDeadlineKind;

typedef struct
{
  gint64 programme_id;
  gint64 session_id;          /* 0 for a programme row */
  char *title;
  char *subtitle;             /* the programme, or the client */
  char *date;                 /* ISO date or date-time */
  char *location;
  KlDeadlineKind deadline;
  gint64 amount_ore;          /* granted, or KL_NO_AMOUNT */
  char *end_date;             /* KL_DEADLINE_YEAR_END: the programme's last day */
} KlOverviewItem;

/* What the start page shows. */
typedef struct
{
  char *today;
  int year;
  GPtrArray *upcoming;        /* sessions in the next 14 days */
  GPtrArray *deadlines;       /* grants expiring within 60 days unclaimed, programmes finished this
                               * year unclaimed, unpaid requests: in that order, each by date */
  GPtrArray *running;         /* programmes under way today */
  gint64 applied_ore;         /* this year's totals */
  gint64 granted_ore;
  gint64 claimed_ore;
  gint64 paid_ore;
  /* Money still on its way, whatever year it belongs to. */
  gint64 unclaimed_ore;       /* granted, no payout request yet, the grant not expired and the
                               * programme not cancelled */
  guint n_unclaimed;
  gint64 unpaid_ore;          /* what the payout requests sent asked for, not yet paid */
  guint n_unpaid;
  GPtrArray *unclaimed;       /* the programmes behind unclaimed_ore, by title: amount_ore is the grant */
  GPtrArray *unpaid;          /* the programmes behind unpaid_ore, by title: amount_ore is the payout asked for */
} KlOverview;

KlOverview *kl_overview_load (KlDb        *db,
                              const char  *today,
                              GError     **error);
void        kl_overview_free (KlOverview  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlOverview, kl_overview_free)

G_END_DECLS
