#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "kl-audit.h"
#include "kl-i18n.h"
#include "kl-labels.h"
#include "kl-store-private.h"

/* Reading the audit trail the triggers of 0004-audit.sql write, and
 * saying each row in words. */

typedef struct
{
  const char *field;
  const char *label;
} FieldLabel;

static const FieldLabel field_labels[] = {
  { "status", N_("status") },
  { "minutes", N_("hours") },
  { "session_id", N_("session") },
  { "participant_id", N_("participant") },
  { "programme_id", N_("programme") },
  { "category", N_("category") },
  { "consultant_id", N_("consultant") },
  { "days", N_("days") },
  { "persons", N_("persons") },
  { "semesters", N_("semesters") },
  { "budget", N_("budget line") },
  { "date", N_("date covered") },
  { "net_ore", N_("net") },
  { "vat_ore", N_("VAT") },
  { "supplier", N_("supplier") },
  { "invoice_no", N_("invoice number") },
  { "invoice_date", N_("invoice date") },
  { "note", N_("note") },
  { "scheme", N_("scheme") },
  { "applied_date", N_("application date") },
  { "applied_ore", N_("amount applied for") },
  { "case_no", N_("case number") },
  { "granted_ore", N_("amount granted") },
  { "grant_date", N_("grant date") },
  { "expiry_date", N_("expiry date") },
  { "payout_date", N_("payout request date") },
  { "paid_ore", N_("amount paid") },
  { "paid_date", N_("payment date") },
};

static const char *
label_field (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_labels); i++)
    if (g_strcmp0 (field_labels[i].field, field) == 0)
      return _(field_labels[i].label);
  return field;
}

static char *
format_minutes (gint64 minutes)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d", minutes / 60, (int) (minutes % 60));
}

/* A stored value as its reader knows it: money formatted from øre, codes
 * by their labels, dates in the reader's language. */
static char *
format_value (const char *entity,
              const char *field,
              const char *value,
              KlLang      lang)
{
  if (value == NULL || *value == '\0')
    return g_strdup ("—");
  if (g_str_has_suffix (field, "_ore"))
    return kl_money_format (g_ascii_strtoll (value, NULL, 10), lang);
  if (g_str_equal (field, "minutes"))
    return format_minutes (g_ascii_strtoll (value, NULL, 10));
  if (g_str_equal (field, "category"))
    return g_strdup (kl_label (KL_LABELS_COST_CATEGORY, value));
  if (g_str_equal (field, "status"))
    return g_strdup (kl_label (g_str_equal (entity, "attendance") ? KL_LABELS_ATTENDANCE
                                                                   : KL_LABELS_FUNDING_STATUS, value));
  if (g_str_has_suffix (field, "_date") || g_str_equal (field, "date"))
    return kl_format_date (value);
  if (g_str_equal (field, "budget"))
    return g_strdup (g_str_equal (value, "1") ? _("yes") : _("no"));
  return g_strdup (value);
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonNode) node = json ? json_from_string (json, NULL) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_ref (json_node_get_object (node));
}

/* A member of a whole-record JSON as the text a field would have. */
static char *
member_text (JsonObject *object,
             const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return NULL;
}

/* "Partly present (1:30)": a mark as one value. */
static char *
format_mark (JsonObject *mark)
{
  g_autofree char *status = member_text (mark, "status");
  g_autofree char *minutes = member_text (mark, "minutes");

  if (status == NULL)
    return g_strdup ("—");
  if (g_str_equal (status, "partial") && minutes != NULL)
    {
      g_autofree char *hours = format_minutes (g_ascii_strtoll (minutes, NULL, 10));

      return g_strdup_printf ("%s (%s)", kl_label (KL_LABELS_ATTENDANCE, status), hours);
    }
  return g_strdup (kl_label (KL_LABELS_ATTENDANCE, status));
}

static char *
describe_attendance (const KlAuditRecord *record,
                     KlLang               lang)
{
  g_autofree char *who = record->participant_name
    ? g_strdup (record->participant_name)
    /* Translators: a participant no longer in the database */
    : g_strdup_printf (_("participant %lld"), (long long) record->participant_id);
  g_autofree char *where = record->session_title
    ? g_strdup (record->session_title)
    /* Translators: a session no longer in the database */
    : g_strdup_printf (_("session %lld"), (long long) record->session_id);
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;

  if (record->field == NULL)
    {
      g_autoptr(JsonObject) before = parse_object (record->old_value);
      g_autoptr(JsonObject) after = parse_object (record->new_value);

      /* Translators: an attendance cell with no mark */
      old_text = before ? format_mark (before) : g_strdup (_("not marked"));
      new_text = after ? format_mark (after) : g_strdup (_("not marked"));
      /* Translators: "Attendance: Kari Nordmann at Samling 3: Absent → Present" */
      return g_strdup_printf (_("Attendance: %s at %s: %s → %s"), who, where, old_text, new_text);
    }
  old_text = format_value (record->entity, record->field, record->old_value, lang);
  new_text = format_value (record->entity, record->field, record->new_value, lang);
  if (g_str_equal (record->field, "status"))
    return g_strdup_printf (_("Attendance: %s at %s: %s → %s"), who, where, old_text, new_text);
  /* Translators: "Attendance: Kari Nordmann at Samling 3: hours 1:30 → 2:00" */
  return g_strdup_printf (_("Attendance: %s at %s: %s %s → %s"), who, where, label_field (record->field),
                          old_text, new_text);
}

/* "net 18 000,00 kr, VAT 4 500,00 kr": what a cost item was when it was
 * added or deleted. */
static char *
summarise_cost (JsonObject *item,
                KlLang      lang)
{
  static const char *const shown[] = { "net_ore", "vat_ore", "days", "persons", "supplier", "invoice_no" };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    {
      g_autofree char *value = member_text (item, shown[i]);
      g_autofree char *formatted = NULL;

      /* Days and persons are 0 where they do not apply. */
      if (value == NULL
          || ((g_str_equal (shown[i], "days") || g_str_equal (shown[i], "persons")) && g_str_equal (value, "0")))
        continue;
      formatted = format_value ("cost_item", shown[i], value, lang);
      g_string_append_printf (text, "%s%s %s", text->len ? ", " : "", label_field (shown[i]), formatted);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
describe_cost (const KlAuditRecord *record,
               KlLang               lang)
{
  g_autoptr(JsonObject) whole = parse_object (record->field ? NULL : record->new_value ? record->new_value
                                                                                        : record->old_value);
  g_autofree char *category = record->cost_category ? g_strdup (record->cost_category)
                                                    : member_text (whole, "category");
  g_autofree char *what = category
    /* Translators: "Cost item 12 (Speaker fee)" */
    ? g_strdup_printf (_("Cost item %lld (%s)"), (long long) record->entity_id,
                       kl_label (KL_LABELS_COST_CATEGORY, category))
    : g_strdup_printf (_("Cost item %lld"), (long long) record->entity_id);
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *summary = NULL;

  if (record->field == NULL)
    {
      summary = summarise_cost (whole, lang);
      if (g_str_equal (record->action, "delete"))
        /* Translators: "Cost item 12 (Speaker fee) deleted: net 18 000,00 kr, VAT 4 500,00 kr" */
        return g_strdup_printf (_("%s deleted: %s"), what, summary);
      /* Translators: "Cost item 12 (Speaker fee) added: net 18 000,00 kr, VAT 4 500,00 kr" */
      return g_strdup_printf (_("%s added: %s"), what, summary);
    }
  old_text = format_value (record->entity, record->field, record->old_value, lang);
  new_text = format_value (record->entity, record->field, record->new_value, lang);
  /* Translators: "Cost item 12 (Speaker fee): net 18 000,00 kr → 20 000,00 kr" */
  return g_strdup_printf (_("%s: %s %s → %s"), what, label_field (record->field), old_text, new_text);
}

static char *
describe_funding (const KlAuditRecord *record,
                  KlLang               lang)
{
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;

  if (record->field == NULL)
    {
      g_autoptr(JsonObject) whole = parse_object (record->new_value ? record->new_value : record->old_value);
      g_autofree char *status = member_text (whole, "status");

      if (g_str_equal (record->action, "delete"))
        /* Translators: "Funding case deleted (status Applied)" */
        return g_strdup_printf (_("Funding case deleted (status %s)"), kl_label (KL_LABELS_FUNDING_STATUS, status));
      /* Translators: "Funding case opened: status Applied" */
      return g_strdup_printf (_("Funding case opened: status %s"), kl_label (KL_LABELS_FUNDING_STATUS, status));
    }
  old_text = format_value (record->entity, record->field, record->old_value, lang);
  new_text = format_value (record->entity, record->field, record->new_value, lang);
  /* Translators: "Funding case: status Granted → Payout requested" */
  return g_strdup_printf (_("Funding case: %s %s → %s"), label_field (record->field), old_text, new_text);
}

static KlAuditRecord *
read_record (KlStmt *stmt)
{
  KlAuditRecord *record = g_new0 (KlAuditRecord, 1);

  record->id = kl_stmt_int (stmt, 0);
  record->at = kl_stmt_text (stmt, 1);
  record->os_user = kl_stmt_text (stmt, 2);
  record->programme_id = kl_stmt_int (stmt, 3);
  record->entity = kl_stmt_text (stmt, 4);
  record->entity_id = kl_stmt_int (stmt, 5);
  record->action = kl_stmt_text (stmt, 6);
  record->field = kl_stmt_text (stmt, 7);
  record->old_value = kl_stmt_text (stmt, 8);
  record->new_value = kl_stmt_text (stmt, 9);
  record->session_id = kl_stmt_int (stmt, 10);
  record->participant_id = kl_stmt_int (stmt, 11);
  record->participant_name = kl_stmt_text (stmt, 12);
  record->session_title = kl_stmt_text (stmt, 13);
  record->cost_category = kl_stmt_text (stmt, 14);
  return record;
}

void
kl_audit_record_free (KlAuditRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->at);
  g_free (record->os_user);
  g_free (record->entity);
  g_free (record->action);
  g_free (record->field);
  g_free (record->old_value);
  g_free (record->new_value);
  g_free (record->participant_name);
  g_free (record->session_title);
  g_free (record->cost_category);
  g_free (record);
}

/* The trail of a programme, newest first; limit 0 for all of it. A
 * programme deleted since keeps its trail, so only a programme with
 * neither rows nor a record is unknown. */
GPtrArray *
kl_audit_list (KlDb    *db,
               gint64   programme_id,
               guint    limit,
               GError **error)
{
  g_autoptr(KlStmt) stmt = NULL;
  g_autoptr(GPtrArray) records = NULL;

  g_return_val_if_fail (KL_IS_DB (db), NULL);

  stmt = kl_db_query (db, error,
                      "SELECT a.id, a.at, a.os_user, a.programme_id, a.entity, a.entity_id, a.action, a.field, "
                      "a.old_value, a.new_value, a.session_id, a.participant_id, p.name, s.title, c.category "
                      "FROM audit a "
                      "LEFT JOIN participant p ON p.id = a.participant_id "
                      "LEFT JOIN session s ON s.id = a.session_id "
                      "LEFT JOIN cost_item c ON a.entity = 'cost_item' AND c.id = a.entity_id "
                      "WHERE a.programme_id = ?1 ORDER BY a.at DESC, a.id DESC LIMIT ?2",
                      /* No limit: the largest, as both backends read it. */
                      "ii", programme_id, limit > 0 ? (gint64) limit : G_MAXINT64);
  records = kl_store_collect (stmt, (KlReadFunc) read_record, (GDestroyNotify) kl_audit_record_free, error);
  if (records == NULL)
    return NULL;
  g_clear_pointer (&stmt, kl_stmt_release);
  if (records->len == 0
      && !kl_store_exists (db, &kl_record_programme, programme_id, error))
    return NULL;
  return g_steal_pointer (&records);
}

/* One line a person reads: "Cost item 12 (Speaker fee): net 18 000,00 kr
 * → 20 000,00 kr". Words follow the locale's translation, money lang. */
char *
kl_audit_describe (const KlAuditRecord *record,
                   KlLang               lang)
{
  g_return_val_if_fail (record != NULL, NULL);

  if (g_strcmp0 (record->entity, "attendance") == 0)
    return describe_attendance (record, lang);
  if (g_strcmp0 (record->entity, "cost_item") == 0)
    return describe_cost (record, lang);
  if (g_strcmp0 (record->entity, "funding_case") == 0)
    return describe_funding (record, lang);
  /* The trail keeps that it happened, never what was there before. */
  if (g_strcmp0 (record->entity, "participant") == 0 && g_strcmp0 (record->action, "anonymise") == 0)
    return g_strdup_printf (_("Participant %lld anonymised: name, e-mail, phone and notes removed"),
                            (long long) record->entity_id);
  return g_strdup_printf ("%s %" G_GINT64_FORMAT ": %s", record->entity, record->entity_id, record->action);
}

/* When, in local time to the minute: "2026-11-23 13:05". */
char *
kl_audit_format_time (const KlAuditRecord *record)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (record != NULL, NULL);

  utc = record->at ? g_date_time_new_from_iso8601 (record->at, NULL) : NULL;
  if (utc == NULL)
    return g_strdup (record->at ? record->at : "");
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

/* When, in local time; NULL when the stored time is unreadable. */
GDateTime *
kl_audit_local_time (const KlAuditRecord *record)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (record != NULL, NULL);

  utc = record->at ? g_date_time_new_from_iso8601 (record->at, NULL) : NULL;
  return utc ? g_date_time_to_local (utc) : NULL;
}

/* When, in local time to the minute: "2026-11-23 13:05". */
char *
kl_audit_format_minute (const KlAuditRecord *record)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (record != NULL, NULL);

  local = kl_audit_local_time (record);
  if (local == NULL)
    return g_strdup (record->at ? record->at : "");
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* The newest row of the trail about one record (a client, a session, ...
 * as the trail names them), which says who last changed or deleted it
 * and when; NULL, error unset, when the trail has none. */
KlAuditRecord *
kl_audit_last_change (KlDb        *db,
                      const char  *entity,
                      gint64       entity_id,
                      GError     **error)
{
  g_autoptr(KlStmt) stmt = NULL;

  g_return_val_if_fail (KL_IS_DB (db), NULL);
  g_return_val_if_fail (entity != NULL, NULL);

  stmt = kl_db_query (db, error,
                      "SELECT id, at, os_user, programme_id, entity, entity_id, action, field, old_value, "
                      "new_value, session_id, participant_id, NULL, NULL, NULL FROM audit "
                      "WHERE entity = ?1 AND entity_id = ?2 ORDER BY at DESC, id DESC LIMIT 1",
                      "ti", entity, entity_id);
  if (!kl_stmt_first (stmt, error, NULL))
    return NULL;
  return read_record (stmt);
}
