#include "config.h"

#include <glib/gi18n.h>
#include <libical/ical.h>
#include <stdio.h>
#include <string.h>

#include "kl-error.h"
#include "kl-export.h"
#include "kl-ics.h"
#include "kl-store.h"

#define OSLO "Europe/Oslo"

#define SESSION_SELECT \
  "SELECT s.id, s.title, s.starts_at, s.ends_at, s.location, s.created_at, s.updated_at, " \
  "       p.title, p.status, c.name, " \
  "       (SELECT group_concat (name, ', ') FROM " \
  "          (SELECT k.name FROM session_leader sl JOIN consultant k ON k.id = sl.consultant_id " \
  "           WHERE sl.session_id = s.id ORDER BY k.name COLLATE NOCASE) AS leader) " \
  "FROM session s JOIN programme p ON p.id = s.programme_id JOIN client c ON c.id = p.client_id "

typedef struct
{
  icalcomponent *calendar;
  char *uuid;
  KlLang lang;
} Builder;

static void
builder_clear (Builder *builder)
{
  g_clear_pointer (&builder->calendar, icalcomponent_free);
  g_clear_pointer (&builder->uuid, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Builder, builder_clear)

/* The database's own identity (migration 0002) makes UIDs unique across
 * databases; it travels with backups, so a restored file keeps them. */
static char *
read_database_uuid (KlDb    *db,
                    GError **error)
{
  g_autoptr(KlStmt) stmt = kl_db_query (db, error, "SELECT uuid FROM settings WHERE id = 1", NULL);
  g_autoptr(GError) local = NULL;
  g_autofree char *uuid = NULL;

  if (stmt == NULL)
    return NULL;
  if (kl_stmt_next (stmt, &local))
    uuid = kl_stmt_text (stmt, 0);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (uuid == NULL || *uuid == '\0')
    {
      g_set_error (error, KL_ERROR, KL_ERROR_INCOMPLETE, _("The database has no identity; open it with Kartleser once"));
      return NULL;
    }
  return g_steal_pointer (&uuid);
}

static char *
make_uid (const char *uuid,
          gint64      session_id)
{
  return g_strdup_printf ("session-%" G_GINT64_FORMAT "@%s", session_id, uuid);
}

static struct icaltimetype
utc_time (GDateTime *when)
{
  return icaltime_from_timet_with_zone ((time_t) g_date_time_to_unix (when), 0,
                                        icaltimezone_get_utc_timezone ());
}

/* Sessions keep Norwegian wall-clock time; the TZID says which. */
static icalproperty *
local_time_property (icalproperty_kind  kind,
                     const char        *local,
                     GError           **error)
{
  struct icaltimetype time = icaltime_null_time ();
  icalproperty *property;
  int year, month, day, hour, minute;

  if (local == NULL
      || sscanf (local, "%4d-%2d-%2dT%2d:%2d", &year, &month, &day, &hour, &minute) != 5)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_INVALID_DATE, _("“%s” is not a session time"), local ? local : "");
      return NULL;
    }
  time.year = year;
  time.month = month;
  time.day = day;
  time.hour = hour;
  time.minute = minute;
  property = icalproperty_new (kind);
  icalproperty_set_value (property, icalvalue_new_datetime (time));
  icalproperty_add_parameter (property, icalparameter_new_tzid (OSLO));
  return property;
}

/* libical's built-in zone is named with a vendor prefix; calendars expect
 * the plain Olson name that DTSTART and DTEND refer to. */
static icalcomponent *
oslo_timezone (void)
{
  icaltimezone *zone = icaltimezone_get_builtin_timezone (OSLO);
  icalcomponent *vtimezone;
  icalproperty *tzid;

  if (zone == NULL)
    return NULL;
  vtimezone = icalcomponent_new_clone (icaltimezone_get_component (zone));
  tzid = icalcomponent_get_first_property (vtimezone, ICAL_TZID_PROPERTY);
  if (tzid != NULL)
    icalproperty_set_tzid (tzid, OSLO);
  return vtimezone;
}

static gboolean
builder_init (Builder     *builder,
              KlDb        *db,
              const char  *name,
              KlLang       lang,
              GError     **error)
{
  icalcomponent *vtimezone;
  icalproperty *calendar_name;

  builder->lang = lang;
  builder->uuid = read_database_uuid (db, error);
  if (builder->uuid == NULL)
    return FALSE;
  vtimezone = oslo_timezone ();
  if (vtimezone == NULL)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_FAILED, _("The time zone %s is not known to libical"), OSLO);
      return FALSE;
    }
  builder->calendar = icalcomponent_vanew (ICAL_VCALENDAR_COMPONENT,
                                           icalproperty_new_version ("2.0"),
                                           icalproperty_new_prodid ("-//IMTEC//Kartleser " PACKAGE_VERSION "//NO"),
                                           icalproperty_new_calscale ("GREGORIAN"),
                                           icalproperty_new_method (ICAL_METHOD_PUBLISH),
                                           (void *) 0);
  /* The name calendar programs give the imported calendar. */
  calendar_name = icalproperty_new_x (name);
  icalproperty_set_x_name (calendar_name, "X-WR-CALNAME");
  icalcomponent_add_property (builder->calendar, calendar_name);
  icalcomponent_add_component (builder->calendar, vtimezone);
  return TRUE;
}

static char *
describe (Builder    *builder,
          const char *programme,
          const char *client,
          const char *leaders)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, "%s: %s\n", kl_export_gettext (builder->lang, N_("Programme")), programme);
  g_string_append_printf (text, "%s: %s", kl_export_gettext (builder->lang, N_("Client")), client);
  if (leaders != NULL && *leaders != '\0')
    g_string_append_printf (text, "\n%s: %s", kl_export_gettext (builder->lang, N_("Leaders")), leaders);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Calendar programs replace an event when SEQUENCE grows; every edit
 * moves updated_at on, so the seconds since creation grow with it. */
static int
sequence_of (GDateTime *created,
             GDateTime *updated)
{
  gint64 seconds;

  if (created == NULL || updated == NULL)
    return 0;
  seconds = g_date_time_difference (updated, created) / G_TIME_SPAN_SECOND;
  return (int) CLAMP (seconds, 0, G_MAXINT32);
}

static gboolean
add_event (Builder    *builder,
           KlStmt     *stmt,
           GDateTime  *now,
           GError    **error)
{
  g_autofree char *uid = make_uid (builder->uuid, kl_stmt_int (stmt, 0));
  g_autofree char *title = kl_stmt_text (stmt, 1);
  g_autofree char *starts = kl_stmt_text (stmt, 2);
  g_autofree char *ends = kl_stmt_text (stmt, 3);
  g_autofree char *location = kl_stmt_text (stmt, 4);
  g_autofree char *created_text = kl_stmt_text (stmt, 5);
  g_autofree char *updated_text = kl_stmt_text (stmt, 6);
  g_autofree char *programme = kl_stmt_text (stmt, 7);
  g_autofree char *status = kl_stmt_text (stmt, 8);
  g_autofree char *client = kl_stmt_text (stmt, 9);
  g_autofree char *leaders = kl_stmt_text (stmt, 10);
  g_autoptr(GDateTime) created = created_text ? g_date_time_new_from_iso8601 (created_text, NULL) : NULL;
  g_autoptr(GDateTime) updated = updated_text ? g_date_time_new_from_iso8601 (updated_text, NULL) : NULL;
  g_autofree char *summary = g_strdup_printf ("%s: %s", programme, title);
  g_autofree char *description = describe (builder, programme, client, leaders);
  icalproperty *dtstart = local_time_property (ICAL_DTSTART_PROPERTY, starts, error);
  icalproperty *dtend = dtstart ? local_time_property (ICAL_DTEND_PROPERTY, ends, error) : NULL;
  icalcomponent *event;

  if (dtend == NULL)
    {
      g_clear_pointer (&dtstart, icalproperty_free);
      return FALSE;
    }
  event = icalcomponent_vanew (ICAL_VEVENT_COMPONENT,
                               icalproperty_new_uid (uid),
                               icalproperty_new_dtstamp (utc_time (now)),
                               dtstart,
                               dtend,
                               icalproperty_new_summary (summary),
                               icalproperty_new_description (description),
                               icalproperty_new_sequence (sequence_of (created, updated)),
                               icalproperty_new_status (g_strcmp0 (status, "cancelled") == 0
                                                        ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED),
                               (void *) 0);
  if (location != NULL && *location != '\0')
    icalcomponent_add_property (event, icalproperty_new_location (location));
  if (created != NULL)
    icalcomponent_add_property (event, icalproperty_new_created (utc_time (created)));
  if (updated != NULL)
    icalcomponent_add_property (event, icalproperty_new_lastmodified (utc_time (updated)));
  icalcomponent_add_component (builder->calendar, event);
  return TRUE;
}

static char *
build (KlDb        *db,
       const char  *name,
       KlLang       lang,
       const char  *sql,
       gint64       id,
       GError     **error)
{
  g_auto(Builder) builder = { NULL, NULL, lang };
  g_autoptr(GDateTime) now = kl_export_now ();
  g_autoptr(KlStmt) stmt = NULL;
  g_autoptr(GError) local = NULL;
  char *text;
  char *result;

  if (!builder_init (&builder, db, name, lang, error))
    return NULL;
  stmt = kl_db_query (db, error, sql, "i", id);
  if (stmt == NULL)
    return NULL;
  while (kl_stmt_next (stmt, &local))
    if (!add_event (&builder, stmt, now, error))
      return NULL;
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  text = icalcomponent_as_ical_string_r (builder.calendar);
  result = g_strdup (text);
  icalmemory_free_buffer (text);
  return result;
}

char *
kl_ics_session_uid (KlDb    *db,
                    gint64   session_id,
                    GError **error)
{
  g_autofree char *uuid = NULL;

  g_return_val_if_fail (KL_IS_DB (db), NULL);

  uuid = read_database_uuid (db, error);
  return uuid ? make_uid (uuid, session_id) : NULL;
}

char *
kl_ics_programme (KlDb    *db,
                  gint64   programme_id,
                  KlLang   lang,
                  GError **error)
{
  g_autoptr(KlProgramme) programme = NULL;

  g_return_val_if_fail (KL_IS_DB (db), NULL);

  programme = kl_store_get_programme (db, programme_id, error);
  if (programme == NULL)
    return NULL;
  return build (db, programme->title, lang,
                SESSION_SELECT "WHERE s.programme_id = ?1 ORDER BY s.starts_at, s.id", programme_id, error);
}

/* The sessions a consultant leads, in every programme. */
char *
kl_ics_consultant (KlDb    *db,
                   gint64   consultant_id,
                   KlLang   lang,
                   GError **error)
{
  g_autoptr(KlConsultant) consultant = NULL;

  g_return_val_if_fail (KL_IS_DB (db), NULL);

  consultant = kl_store_get_consultant (db, consultant_id, error);
  if (consultant == NULL)
    return NULL;
  return build (db, consultant->name, lang,
                SESSION_SELECT "WHERE s.id IN (SELECT session_id FROM session_leader WHERE consultant_id = ?1) "
                "ORDER BY s.starts_at, s.id", consultant_id, error);
}

gboolean
kl_ics_export_programme (KlDb        *db,
                         gint64       programme_id,
                         KlLang       lang,
                         const char  *path,
                         GError     **error)
{
  g_autofree char *text = kl_ics_programme (db, programme_id, lang, error);

  return text != NULL && kl_export_write_file (path, text, strlen (text), error);
}

gboolean
kl_ics_export_consultant (KlDb        *db,
                          gint64       consultant_id,
                          KlLang       lang,
                          const char  *path,
                          GError     **error)
{
  g_autofree char *text = kl_ics_consultant (db, consultant_id, lang, error);

  return text != NULL && kl_export_write_file (path, text, strlen (text), error);
}
