#include "config.h"

#include <stdio.h>
#include <string.h>

#include "kl-clock.h"
#include "kl-error.h"
#include "kl-hours.h"
#include "kl-i18n.h"
#include "kl-model.h"
#include "kl-validate.h"

const char *const kl_client_kinds[] = {
  "kommune", "fylkeskommune", "skole", "barnehage", "annen", NULL
};
const char *const kl_programme_kinds[] = {
  "led-skole", "utviklingsveileder", "evaluering", "nettverk", "konferanse", "annen", NULL
};
const char *const kl_programme_statuses[] = {
  "planned", "running", "finished", "cancelled", NULL
};
const char *const kl_session_kinds[] = {
  "fagsamling", "veiledning", "lederseminar", "lederstotte", "nettverk", "annen", NULL
};
const char *const kl_session_audiences[] = {
  "all", "workplace", "named", NULL
};
const char *const kl_attendance_statuses[] = {
  "present", "absent", "excused", "partial", NULL
};
const char *const kl_funding_statuses[] = {
  "draft", "applied", "granted", "payout-requested", "paid", "rejected", NULL
};
/* The roles seen in IMTEC's programmes; a participant's role is free text. */
const char *const kl_participant_roles[] = {
  "rektor", "assisterende rektor", "inspektør", "avdelingsleder", "lærer", "styrer",
  "pedagogisk leder", "utviklingsveileder", "skolefaglig ansvarlig", "kommunalsjef", NULL
};
const char *const kl_cost_categories[] = {
  "speaker-fee", "supervisor-fee", "travel", "accommodation", "participant-fee",
  "study-fee", "venue", "catering", "materials", "other", NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (kl_cost_categories) == KL_COST_N_CATEGORIES + 1);

gboolean
kl_cost_category_from_string (const char     *name,
                              KlCostCategory *category)
{
  for (guint i = 0; kl_cost_categories[i]; i++)
    if (g_strcmp0 (name, kl_cost_categories[i]) == 0)
      {
        *category = (KlCostCategory) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
kl_cost_category_is_fee (KlCostCategory category)
{
  return category == KL_COST_SPEAKER_FEE || category == KL_COST_SUPERVISOR_FEE;
}

/* Participant and study fees: capped per person covered. */
gboolean
kl_cost_category_is_per_person (KlCostCategory category)
{
  return category == KL_COST_PARTICIPANT_FEE || category == KL_COST_STUDY_FEE;
}

/* Records */

KlSettings *
kl_settings_new (void)
{
  return g_new0 (KlSettings, 1);
}

void
kl_settings_free (KlSettings *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->orgnr);
  g_free (self->account);
  g_free (self->address);
  g_free (self->updated_at);
  g_free (self->signatory_name);
  g_free (self->signatory_title);
  g_free (self);
}

KlClient *
kl_client_new (void)
{
  return g_new0 (KlClient, 1);
}

void
kl_client_free (KlClient *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->kind);
  g_free (self->orgnr);
  g_free (self->account);
  g_free (self->address);
  g_free (self->invoice_email);
  g_free (self->contact_name);
  g_free (self->contact_email);
  g_free (self->contact_phone);
  g_free (self->notes);
  g_free (self->created_at);
  g_free (self->updated_at);
  g_free (self);
}

KlConsultant *
kl_consultant_new (void)
{
  return g_new0 (KlConsultant, 1);
}

void
kl_consultant_free (KlConsultant *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->email);
  g_free (self->phone);
  g_free (self->created_at);
  g_free (self->updated_at);
  g_free (self);
}

#define KL_DEFAULT_CERTIFICATE_THRESHOLD 80

KlProgramme *
kl_programme_new (void)
{
  KlProgramme *self = g_new0 (KlProgramme, 1);

  self->certificate_threshold = KL_DEFAULT_CERTIFICATE_THRESHOLD;
  return self;
}

void
kl_programme_free (KlProgramme *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_free (self->kind);
  g_free (self->start_date);
  g_free (self->end_date);
  g_free (self->status);
  g_free (self->goals);
  g_free (self->target_group);
  g_free (self->q_current);
  g_free (self->q_future);
  g_free (self->q_process);
  g_free (self->created_at);
  g_free (self->updated_at);
  g_free (self);
}

KlSession *
kl_session_new (void)
{
  KlSession *self = g_new0 (KlSession, 1);

  self->leader_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->audience_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return self;
}

void
kl_session_free (KlSession *self)
{
  if (self == NULL)
    return;
  g_free (self->kind);
  g_free (self->title);
  g_free (self->starts_at);
  g_free (self->ends_at);
  g_free (self->location);
  g_array_unref (self->leader_ids);
  g_free (self->audience);
  g_array_unref (self->audience_ids);
  g_free (self->created_at);
  g_free (self->updated_at);
  g_free (self);
}

static GDateTime *
parse_local (const char *iso)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autofree char *full = NULL;

  if (iso == NULL || strlen (iso) != 16)
    return NULL;
  tz = kl_clock_local_zone ();
  full = g_strconcat (iso, ":00", NULL);
  return g_date_time_new_from_iso8601 (full, tz);
}

/* Planned hours are what was entered, else the length of the session. */
int
kl_session_minutes (const KlSession *self)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;

  if (self->planned_minutes > 0)
    return self->planned_minutes;
  /* A session within one day, as nearly all are: read the clock times
   * (rates and warnings ask this for every cell, and time zone look-ups
   * are slow); across days, the calendar decides. */
  if (self->starts_at != NULL && self->ends_at != NULL
      && strlen (self->starts_at) == 16 && strlen (self->ends_at) == 16
      && strncmp (self->starts_at, self->ends_at, 11) == 0)
    {
      unsigned h1, m1, h2, m2;

      if (sscanf (self->starts_at + 11, "%2u:%2u", &h1, &m1) == 2
          && sscanf (self->ends_at + 11, "%2u:%2u", &h2, &m2) == 2)
        return (int) MAX (0, (int) (h2 * 60 + m2) - (int) (h1 * 60 + m1));
    }
  start = parse_local (self->starts_at);
  end = parse_local (self->ends_at);
  if (start == NULL || end == NULL)
    return 0;
  return (int) MAX (0, g_date_time_difference (end, start) / G_TIME_SPAN_MINUTE);
}

KlParticipant *
kl_participant_new (void)
{
  return g_new0 (KlParticipant, 1);
}

void
kl_participant_free (KlParticipant *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->email);
  g_free (self->phone);
  g_free (self->role);
  g_free (self->notes);
  g_free (self->created_at);
  g_free (self->updated_at);
  g_free (self);
}

/* Whether a day ("YYYY-MM-DD", or a session's start) falls within an
 * enrolment from from_date to to_date, either end open when unset. A
 * session outside it is not the participant's: nothing to mark, no
 * absence, and it counts in no rate. */
gboolean
kl_enrolment_covers (const char *from_date,
                     const char *to_date,
                     const char *when)
{
  g_return_val_if_fail (when != NULL, FALSE);

  return (from_date == NULL || *from_date == '\0' || strncmp (when, from_date, 10) >= 0)
         && (to_date == NULL || *to_date == '\0' || strncmp (when, to_date, 10) <= 0);
}

KlEnrolment *
kl_enrolment_new (void)
{
  return g_new0 (KlEnrolment, 1);
}

void
kl_enrolment_free (KlEnrolment *self)
{
  if (self == NULL)
    return;
  g_free (self->from_date);
  g_free (self->to_date);
  g_free (self->created_at);
  g_free (self->updated_at);
  g_free (self);
}

KlAttendance *
kl_attendance_new (void)
{
  return g_new0 (KlAttendance, 1);
}

void
kl_attendance_free (KlAttendance *self)
{
  if (self == NULL)
    return;
  g_free (self->status);
  g_free (self->created_at);
  g_free (self->updated_at);
  g_free (self);
}

KlCostItem *
kl_cost_item_new (void)
{
  KlCostItem *self = g_new0 (KlCostItem, 1);

  self->category = KL_COST_OTHER;
  return self;
}

KlCostItem *
kl_cost_item_copy (const KlCostItem *self)
{
  KlCostItem *copy = g_memdup2 (self, sizeof *self);

  copy->session_ids = self->session_ids ? g_array_copy (self->session_ids) : NULL;
  copy->dates = g_strdupv (self->dates);
  copy->covered = g_strdupv (self->covered);
  copy->supplier = g_strdup (self->supplier);
  copy->invoice_no = g_strdup (self->invoice_no);
  copy->invoice_date = g_strdup (self->invoice_date);
  copy->note = g_strdup (self->note);
  copy->consultant_name = g_strdup (self->consultant_name);
  copy->created_at = g_strdup (self->created_at);
  copy->updated_at = g_strdup (self->updated_at);
  return copy;
}

gboolean
kl_cost_item_has_session (const KlCostItem *self,
                          gint64            session_id)
{
  for (guint i = 0; self->session_ids != NULL && i < self->session_ids->len; i++)
    if (g_array_index (self->session_ids, gint64, i) == session_id)
      return TRUE;
  return FALSE;
}

/* The budget lines or the actual ones of a list, borrowed from it. */
GPtrArray *
kl_cost_items_select (GPtrArray *costs,
                      gboolean   budget)
{
  GPtrArray *selected = g_ptr_array_new ();

  for (guint i = 0; i < costs->len; i++)
    {
      KlCostItem *item = g_ptr_array_index (costs, i);

      if (!item->budget == !budget)
        g_ptr_array_add (selected, item);
    }
  return selected;
}

void
kl_cost_item_free (KlCostItem *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->session_ids, g_array_unref);
  g_strfreev (self->dates);
  g_strfreev (self->covered);
  g_free (self->supplier);
  g_free (self->invoice_no);
  g_free (self->invoice_date);
  g_free (self->note);
  g_free (self->consultant_name);
  g_free (self->created_at);
  g_free (self->updated_at);
  g_free (self);
}

KlFundingCase *
kl_funding_case_new (void)
{
  KlFundingCase *self = g_new0 (KlFundingCase, 1);

  self->applied_ore = KL_NO_AMOUNT;
  self->granted_ore = KL_NO_AMOUNT;
  self->paid_ore = KL_NO_AMOUNT;
  return self;
}

void
kl_funding_case_free (KlFundingCase *self)
{
  if (self == NULL)
    return;
  g_free (self->scheme);
  g_free (self->status);
  g_free (self->applied_date);
  g_free (self->case_no);
  g_free (self->grant_date);
  g_free (self->expiry_date);
  g_free (self->payout_date);
  g_free (self->paid_date);
  g_free (self->created_at);
  g_free (self->updated_at);
  g_free (self);
}

/* Validation: the first broken rule, with the field it concerns. */

static gboolean
require_id (const char  *label,
            gint64       id,
            GError     **error)
{
  if (id > 0)
    return TRUE;
  g_set_error (error, KL_ERROR, KL_ERROR_REQUIRED, _("%s: required"), label);
  return FALSE;
}

gboolean
kl_settings_validate (const KlSettings  *self,
                      GError           **error)
{
  return kl_validate_orgnr (_("Org number"), self->orgnr, error)
         && kl_validate_account (_("Bank account"), self->account, error);
}

gboolean
kl_client_validate (const KlClient  *self,
                    GError         **error)
{
  if (!kl_validate_required (_("Name"), self->name, error)
      || !kl_validate_one_of (_("Kind"), self->kind, kl_client_kinds, error)
      || !kl_validate_orgnr (_("Org number"), self->orgnr, error)
      || !kl_validate_account (_("Bank account"), self->account, error)
      || !kl_validate_email (_("Invoice e-mail"), self->invoice_email, error)
      || !kl_validate_email (_("Contact e-mail"), self->contact_email, error))
    return FALSE;
  if (self->parent_id != 0 && self->parent_id == self->id)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE,
                   _("Parent: a client cannot be its own parent"));
      return FALSE;
    }
  return TRUE;
}

gboolean
kl_consultant_validate (const KlConsultant  *self,
                        GError             **error)
{
  return kl_validate_required (_("Name"), self->name, error)
         && kl_validate_email (_("E-mail"), self->email, error)
         && kl_validate_amount (_("Day rate"), self->day_rate_ore, error);
}

static gboolean
validate_threshold (int      percent,
                    GError **error)
{
  if (percent >= 1 && percent <= 100)
    return TRUE;
  g_set_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE,
               _("Certificate threshold: %d %% is not a share of the planned hours (1 to 100 %%)"), percent);
  return FALSE;
}

gboolean
kl_programme_validate (const KlProgramme  *self,
                       GError            **error)
{
  return require_id (_("Client"), self->client_id, error)
         && kl_validate_required (_("Title"), self->title, error)
         && kl_validate_one_of (_("Kind"), self->kind, kl_programme_kinds, error)
         && (self->status == NULL || kl_validate_one_of (_("Status"), self->status, kl_programme_statuses, error))
         && kl_validate_required (_("Start date"), self->start_date, error)
         && kl_validate_date (_("Start date"), self->start_date, error)
         && kl_validate_required (_("End date"), self->end_date, error)
         && kl_validate_date (_("End date"), self->end_date, error)
         && kl_validate_order (_("start date"), self->start_date,
                               _("End date"), self->end_date, error)
         && validate_threshold (self->certificate_threshold, error);
}

gboolean
kl_session_validate (const KlSession  *self,
                     GError          **error)
{
  if (!require_id (_("Programme"), self->programme_id, error)
      || !kl_validate_required (_("Title"), self->title, error)
      || !kl_validate_one_of (_("Kind"), self->kind, kl_session_kinds, error)
      || !kl_validate_required (_("Start"), self->starts_at, error)
      || !kl_validate_datetime (_("Start"), self->starts_at, error)
      || !kl_validate_required (_("End"), self->ends_at, error)
      || !kl_validate_datetime (_("End"), self->ends_at, error)
      || !kl_validate_order (_("start"), self->starts_at, _("End"), self->ends_at, error))
    return FALSE;
  if (self->planned_minutes < 0)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE,
                   _("Planned hours: cannot be negative"));
      return FALSE;
    }
  if (self->planned_minutes > KL_HOURS_MAX_MINUTES)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE, _("Planned hours: at most 24 in a day"));
      return FALSE;
    }
  if (self->audience != NULL && !kl_validate_one_of (_("For"), self->audience, kl_session_audiences, error))
    return FALSE;
  if (g_strcmp0 (self->audience, "workplace") == 0 && self->audience_client_id <= 0)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_REQUIRED,
                   _("For: a session for one workplace needs the workplace (the school or unit)"));
      return FALSE;
    }
  if (g_strcmp0 (self->audience, "named") == 0 && self->audience_ids->len == 0)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_REQUIRED,
                   _("For: a session for named participants needs at least one of them"));
      return FALSE;
    }
  return TRUE;
}

/* Who a session is for, as stored: NULL is everyone enrolled. */
const char *
kl_session_audience (const KlSession *self)
{
  return self->audience != NULL ? self->audience : "all";
}

gboolean
kl_participant_validate (const KlParticipant  *self,
                         GError              **error)
{
  return kl_validate_required (_("Name"), self->name, error)
         && kl_validate_email (_("E-mail"), self->email, error);
}

gboolean
kl_enrolment_validate (const KlEnrolment  *self,
                       GError            **error)
{
  return require_id (_("Programme"), self->programme_id, error)
         && require_id (_("Participant"), self->participant_id, error)
         && kl_validate_date (_("From"), self->from_date, error)
         && kl_validate_date (_("To"), self->to_date, error)
         && kl_validate_order (_("from date"), self->from_date, _("To"), self->to_date, error);
}

gboolean
kl_attendance_validate (const KlAttendance  *self,
                        GError             **error)
{
  if (!require_id (_("Session"), self->session_id, error)
      || !require_id (_("Participant"), self->participant_id, error)
      || !kl_validate_one_of (_("Attendance"), self->status, kl_attendance_statuses, error))
    return FALSE;
  if (g_strcmp0 (self->status, "partial") == 0 && self->minutes <= 0)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE,
                   _("Hours: partial attendance needs the hours attended"));
      return FALSE;
    }
  if (self->minutes < 0)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE, _("Hours: cannot be negative"));
      return FALSE;
    }
  if (self->minutes > KL_HOURS_MAX_MINUTES)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE, _("Hours: at most 24 in a day"));
      return FALSE;
    }
  return TRUE;
}

gboolean
kl_cost_item_validate (const KlCostItem  *self,
                       GError           **error)
{
  if (!require_id (_("Programme"), self->programme_id, error)
      || !kl_validate_amount (_("Net amount"), self->net_ore, error)
      || !kl_validate_amount (_("VAT"), self->vat_ore, error)
      || !kl_validate_date (_("Invoice date"), self->invoice_date, error))
    return FALSE;
  if ((guint) self->category >= KL_COST_N_CATEGORIES)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE, _("Category: unknown"));
      return FALSE;
    }
  for (guint i = 0; self->dates != NULL && self->dates[i] != NULL; i++)
    if (!kl_validate_date (_("Dates"), self->dates[i], error))
      return FALSE;
  if (self->days < 0 || self->persons < 0 || self->semesters < 0)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE,
                   _("Days, persons and semesters cannot be negative"));
      return FALSE;
    }
  if (kl_cost_category_is_fee (self->category))
    {
      gboolean dated = (self->session_ids != NULL && self->session_ids->len > 0)
                       || (self->dates != NULL && self->dates[0] != NULL);

      if (self->consultant_id <= 0)
        {
          g_set_error (error, KL_ERROR, KL_ERROR_REQUIRED,
                       _("Consultant: a fee names the speaker or supervisor it pays "
                         "(the fund caps fees per person and day)"));
          return FALSE;
        }
      if (!dated && self->days <= 0)
        {
          g_set_error (error, KL_ERROR, KL_ERROR_MISSING_DAYS,
                       _("Days: a fee needs the sessions or dates it covers, or the number of days worked "
                         "(the fund caps fees per day)"));
          return FALSE;
        }
    }
  if (kl_cost_category_is_per_person (self->category) && self->persons <= 0)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_REQUIRED,
                   _("Persons: a participant or study fee needs the number of persons it covers "
                     "(the fund caps it per person)"));
      return FALSE;
    }
  if (self->category == KL_COST_STUDY_FEE && self->semesters <= 0)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_REQUIRED,
                   _("Semesters: a study fee needs the number of semesters it covers "
                     "(the fund caps it per participant and semester)"));
      return FALSE;
    }
  return TRUE;
}

gboolean
kl_funding_case_validate (const KlFundingCase  *self,
                          GError              **error)
{
  if (!require_id (_("Programme"), self->programme_id, error)
      || !kl_validate_one_of (_("Status"), self->status, kl_funding_statuses, error)
      || !kl_validate_date (_("Application date"), self->applied_date, error)
      || !kl_validate_case_no (_("Case number"), self->case_no, error)
      || !kl_validate_date (_("Grant date"), self->grant_date, error)
      || !kl_validate_date (_("Expiry date"), self->expiry_date, error)
      || !kl_validate_date (_("Payout request date"), self->payout_date, error)
      || !kl_validate_date (_("Paid date"), self->paid_date, error)
      || !kl_validate_order (_("grant date"), self->grant_date,
                             _("Expiry date"), self->expiry_date, error))
    return FALSE;
  if ((self->applied_ore != KL_NO_AMOUNT && !kl_validate_amount (_("Applied amount"), self->applied_ore, error))
      || (self->granted_ore != KL_NO_AMOUNT && !kl_validate_amount (_("Granted amount"), self->granted_ore, error))
      || (self->paid_ore != KL_NO_AMOUNT && !kl_validate_amount (_("Paid amount"), self->paid_ore, error)))
    return FALSE;

  /* What each state needs before it can be reached. */
  if (g_strcmp0 (self->status, "draft") != 0 && g_strcmp0 (self->status, "rejected") != 0
      && !kl_validate_required (_("Application date"), self->applied_date, error))
    return FALSE;
  if (g_strv_contains ((const char *const[]) { "granted", "payout-requested", "paid", NULL }, self->status))
    {
      if (!kl_validate_required (_("Case number"), self->case_no, error)
          || !kl_validate_required (_("Grant date"), self->grant_date, error)
          || !kl_validate_required (_("Expiry date"), self->expiry_date, error))
        return FALSE;
      if (self->granted_ore == KL_NO_AMOUNT)
        {
          g_set_error (error, KL_ERROR, KL_ERROR_REQUIRED, _("Granted amount: required"));
          return FALSE;
        }
    }
  if (g_strv_contains ((const char *const[]) { "payout-requested", "paid", NULL }, self->status)
      && !kl_validate_required (_("Payout request date"), self->payout_date, error))
    return FALSE;
  if (g_strcmp0 (self->status, "paid") == 0)
    {
      if (!kl_validate_required (_("Paid date"), self->paid_date, error))
        return FALSE;
      if (self->paid_ore == KL_NO_AMOUNT)
        {
          g_set_error (error, KL_ERROR, KL_ERROR_REQUIRED, _("Paid amount: required"));
          return FALSE;
        }
    }
  return TRUE;
}

/* A case moves forward one step at a time; an application may be withdrawn
 * to draft or rejected, and a payout request withdrawn back to granted. */
gboolean
kl_funding_transition_allowed (const char *from,
                               const char *to)
{
  static const char *const allowed[][2] = {
    { "draft", "applied" },
    { "applied", "draft" },
    { "applied", "granted" },
    { "applied", "rejected" },
    { "granted", "payout-requested" },
    { "payout-requested", "granted" },
    { "payout-requested", "paid" },
    { "rejected", "draft" },
  };

  if (g_strcmp0 (from, to) == 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    if (g_strcmp0 (from, allowed[i][0]) == 0 && g_strcmp0 (to, allowed[i][1]) == 0)
      return TRUE;
  return FALSE;
}
