#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Hours of a session or of partial attendance: one day's at most. */
#define KL_HOURS_MAX_MINUTES (24 * 60)

/* "6", "1.5" or "1,5" (at most two decimals) or "1:30" (minutes 00 to 59)
 * as minutes, from 0 to 24 hours; an empty text is 0 and the caller
 * decides whether that is allowed. Anything else (a sign, hex, an
 * exponent, "24:59", more digits than any day has) is refused with a
 * message that names the field (label) and the forms accepted. */
gboolean kl_hours_parse (const char  *label,
                         const char  *text,
                         int         *minutes,
                         GError     **error);

G_END_DECLS
