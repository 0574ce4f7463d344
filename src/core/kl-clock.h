#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The one clock of Kartleser. KARTLESER_NOW ("2026-03-01T10:00",
 * "2026-03-01T10:00:00" or "2026-03-01", local time) sets it, so that every
 * rule that depends on today can be tested, and the demo shown, on a fixed
 * date. */

GDateTime *kl_clock_now         (void);
char      *kl_clock_now_minutes (void);
char      *kl_clock_today       (void);
/* The local time zone (a reference), looked up again at most once a minute. */
GTimeZone *kl_clock_local_zone  (void);

G_END_DECLS
