#pragma once

#include "kl-db.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 clients;
  gint64 consultants;
  gint64 programmes;
  gint64 sessions;
  gint64 participants;
  gint64 enrolments;
  gint64 attendance;
  gint64 cost_items;
  gint64 funding_cases;
} KlCounts;

gboolean kl_demo_counts (KlDb      *db,
                         KlCounts  *counts,
                         GError   **error);
gboolean kl_demo_fill   (KlDb      *db,
                         guint      years,
                         GError   **error);
gboolean kl_demo_fill_on (KlDb       *db,
                          guint       years,
                          const char *today,
                          GError    **error);
gint64   kl_demo_largest_programme (KlDb    *db,
                                    GError **error);

G_END_DECLS
