#include "config.h"

#include "kl-i18n.h"
#include "kl-labels.h"
#include "kl-model.h"

typedef struct
{
  const char *value;
  const char *label;
} Label;

static const Label client_kinds[] = {
  { "kommune", N_("Municipality") },
  { "fylkeskommune", N_("County") },
  { "skole", N_("School") },
  { "barnehage", N_("Kindergarten") },
  { "annen", N_("Other") },
  { NULL, NULL }
};

static const Label programme_kinds[] = {
  { "led-skole", N_("LED SKOLE") },
  { "utviklingsveileder", N_("Development supervisors") },
  { "evaluering", N_("Evaluation") },
  { "nettverk", N_("Network") },
  { "konferanse", N_("Conference") },
  { "annen", N_("Other") },
  { NULL, NULL }
};

static const Label programme_statuses[] = {
  { "planned", N_("Planned") },
  { "running", N_("Running") },
  { "finished", N_("Finished") },
  { "cancelled", N_("Cancelled") },
  { NULL, NULL }
};

static const Label session_kinds[] = {
  { "fagsamling", N_("Joint seminar") },
  { "veiledning", N_("On-site coaching") },
  { "lederseminar", N_("Leader seminar") },
  { "lederstotte", N_("Leader support") },
  { "nettverk", N_("Network meeting") },
  { "annen", N_("Other") },
  { NULL, NULL }
};

static const Label attendance[] = {
  { "present", N_("Present") },
  { "absent", N_("Absent") },
  { "excused", N_("Excused") },
  { "partial", N_("Partly present") },
  { NULL, NULL }
};

static const Label cost_categories[] = {
  { "speaker-fee", N_("Speaker fee") },
  { "supervisor-fee", N_("Supervisor fee") },
  { "travel", N_("Travel") },
  { "accommodation", N_("Accommodation") },
  { "participant-fee", N_("Participant fee") },
  { "study-fee", N_("Study fee") },
  { "venue", N_("Venue hire") },
  { "catering", N_("Food") },
  { "materials", N_("Materials") },
  { "other", N_("Other") },
  { NULL, NULL }
};

static const Label funding_statuses[] = {
  { "draft", N_("Draft") },
  { "applied", N_("Applied") },
  { "granted", N_("Granted") },
  { "payout-requested", N_("Payout requested") },
  { "paid", N_("Paid") },
  { "rejected", N_("Rejected") },
  { NULL, NULL }
};

/* Not stored as text: consultant.external is 0 or 1, shown through these. */
static const char *const consultant_kind_values[] = { "imtec", "external", NULL };
static const Label consultant_kinds[] = {
  { "imtec", N_("IMTEC staff") },
  { "external", N_("External speaker") },
  { NULL, NULL }
};

static const Label *
labels_of (KlLabels set)
{
  switch (set)
    {
    case KL_LABELS_CLIENT_KIND:      return client_kinds;
    case KL_LABELS_PROGRAMME_KIND:   return programme_kinds;
    case KL_LABELS_PROGRAMME_STATUS: return programme_statuses;
    case KL_LABELS_SESSION_KIND:     return session_kinds;
    case KL_LABELS_ATTENDANCE:       return attendance;
    case KL_LABELS_COST_CATEGORY:    return cost_categories;
    case KL_LABELS_FUNDING_STATUS:   return funding_statuses;
    case KL_LABELS_CONSULTANT_KIND:  return consultant_kinds;
    default:                         g_return_val_if_reached (client_kinds);
    }
}

static const Label *
find_label (const Label *labels,
            const char  *value)
{
  for (const Label *l = labels; l->value; l++)
    if (g_strcmp0 (l->value, value) == 0)
      return l;
  return NULL;
}

/* The value itself when it has no label (a value from a newer schema). */
static const char *
label_in (const Label *labels,
          const char  *value)
{
  const Label *l = find_label (labels, value);

  return l != NULL ? _(l->label) : value ? value : "";
}

const char *
kl_label (KlLabels    set,
          const char *value)
{
  return label_in (labels_of (set), value);
}

/* The label untranslated, for documents that go out in a language of their
 * own (kl_export_gettext); the value itself when it has no label. */
const char *
kl_label_msgid (KlLabels    set,
                const char *value)
{
  const Label *l = find_label (labels_of (set), value);

  return l != NULL ? l->label : value ? value : "";
}

const char *const *
kl_label_values (KlLabels set)
{
  switch (set)
    {
    case KL_LABELS_CLIENT_KIND:      return kl_client_kinds;
    case KL_LABELS_PROGRAMME_KIND:   return kl_programme_kinds;
    case KL_LABELS_PROGRAMME_STATUS: return kl_programme_statuses;
    case KL_LABELS_SESSION_KIND:     return kl_session_kinds;
    case KL_LABELS_ATTENDANCE:       return kl_attendance_statuses;
    case KL_LABELS_COST_CATEGORY:    return kl_cost_categories;
    case KL_LABELS_FUNDING_STATUS:   return kl_funding_statuses;
    case KL_LABELS_CONSULTANT_KIND:  return consultant_kind_values;
    default:                         g_return_val_if_reached (kl_client_kinds);
    }
}

/* Kinds the model does not store as a column, but that are shown: what a
 * search hit is, and which document went to the fund. */
static const Label search_kinds[] = {
  { "client", N_("Client") },
  { "programme", N_("Programme") },
  { "participant", N_("Participant") },
  { "consultant", N_("Consultant") },
  { NULL, NULL }
};

static const Label fund_documents[] = {
  { "application", N_("Application") },
  { "payout", N_("Payout request") },
  { NULL, NULL }
};

/* What a search hit is ("client", "programme", …), as people read it. */
const char *
kl_label_search_kind (const char *kind)
{
  return label_in (search_kinds, kind);
}

/* A document sent to the fund ("application" or "payout"), as people
 * read it. */
const char *
kl_label_fund_document (const char *kind)
{
  return label_in (fund_documents, kind);
}

/* How many characters the widest label of a set takes, for columns. */
int
kl_label_width (KlLabels set)
{
  int width = 0;

  for (const Label *l = labels_of (set); l->value; l++)
    width = MAX (width, (int) g_utf8_strlen (_(l->label), -1));
  return width;
}

/* "2025-08-15" as the reader's language writes it: "15 Aug 2025",
 * "15. aug. 2025". */
char *
kl_format_date (const char *iso_date)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *midnight = NULL;

  if (iso_date == NULL || *iso_date == '\0')
    return g_strdup ("");
  midnight = g_strdup_printf ("%.10sT00:00:00Z", iso_date);
  date = g_date_time_new_from_iso8601 (midnight, NULL);
  if (date == NULL)
    return g_strdup (iso_date);
  /* Translators: a date as in "15 Aug 2025"; see g_date_time_format() */
  return g_date_time_format (date, _("%-d %b %Y"));
}
