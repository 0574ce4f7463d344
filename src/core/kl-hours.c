#include "config.h"

#include <string.h>

#include "kl-error.h"
#include "kl-hours.h"
#include "kl-i18n.h"

/* Enough to tell any number above 24 from one below, without overflow. */
#define SATURATED 1000

/* ASCII digits from *p, at most `most` of them (0: any number); their
 * count, the value (saturated) in *value. */
static guint
read_digits (const char **p,
             const char  *end,
             guint        most,
             guint       *value)
{
  guint n = 0;

  *value = 0;
  while (*p < end && g_ascii_isdigit (**p) && (most == 0 || n < most))
    {
      *value = MIN (*value * 10 + (guint) (**p - '0'), SATURATED);
      (*p)++;
      n++;
    }
  return n;
}

/* The whole text, as minutes, or -1. */
static int
parse_minutes (const char *p,
               const char *end)
{
  guint hours, part, n;

  if (read_digits (&p, end, 0, &hours) == 0 || hours > 24)
    return -1;
  if (p == end)
    return (int) hours * 60;
  if (*p == ':')
    {
      p++;
      if (read_digits (&p, end, 2, &part) != 2 || p != end || part >= 60)
        return -1;
      return (int) (hours * 60 + part);
    }
  if (*p == '.' || *p == ',')
    {
      guint scale;

      p++;
      n = read_digits (&p, end, 2, &part);
      if (n == 0 || p != end)
        return -1;
      scale = n == 1 ? 10 : 100;
      /* Whole numbers only, so that 1.1 is 66 minutes on every machine. */
      return (int) (hours * 60 + (part * 60 + scale / 2) / scale);
    }
  return -1;
}

gboolean
kl_hours_parse (const char  *label,
                const char  *text,
                int         *minutes,
                GError     **error)
{
  const char *start = text != NULL ? text : "";
  const char *end = start + strlen (start);
  int value;

  g_return_val_if_fail (label != NULL, FALSE);
  g_return_val_if_fail (minutes != NULL, FALSE);

  *minutes = 0;
  while (start < end && g_ascii_isspace (*start))
    start++;
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  if (start == end)
    return TRUE;
  value = parse_minutes (start, end);
  if (value >= 0 && value <= KL_HOURS_MAX_MINUTES)
    {
      *minutes = value;
      return TRUE;
    }
  g_set_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE,
               /* Translators: %s are the field, e.g. "Planned hours", and what was written */
               _("%s: “%s” is not a number of hours; write whole hours (6), hours with up to two decimals "
                 "(1.5 or 1,5) or hours and minutes (1:30), at most 24"),
               label, text);
  return FALSE;
}
