/* Calendar export: parsed back with libical and checked event by event,
 * as a calendar program would read it. */

#include <glib.h>
#include <glib/gstdio.h>
#include <libical/ical.h>
#include <string.h>

#include "kl-error.h"
#include "kl-ics.h"
#include "kl-store.h"
#include "kl-test-store.h"
#include "kl-test-util.h"

typedef struct
{
  char *dir;
  KlDb *db;
  gint64 hilde;
  gint64 jonas;
  gint64 led;
  gint64 network;
  gint64 summer;    /* LED SKOLE, led by Hilde and Jonas, in summer time */
  gint64 winter;    /* LED SKOLE, led by Hilde, in winter time */
  gint64 meeting;   /* the network, led by Jonas */
} Fixture;

static gint64
add_session (KlDb       *db,
             gint64      programme_id,
             const char *title,
             const char *starts_at,
             const char *ends_at,
             const char *location,
             gint64      leader_a,
             gint64      leader_b)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSession) session = kl_test_session_new (programme_id, title, starts_at, ends_at);

  session->location = g_strdup (location);
  if (leader_a > 0)
    g_array_append_val (session->leader_ids, leader_a);
  if (leader_b > 0)
    g_array_append_val (session->leader_ids, leader_b);
  g_assert_true (kl_store_insert_session (db, session, &error));
  g_assert_no_error (error);
  return session->id;
}

static KlDb *
fill (Fixture    *fixture,
      const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = kl_test_db_location_named (fixture->dir, name);
  g_autoptr(KlDb) db = kl_db_open (path, &error);
  gint64 client;

  g_assert_no_error (error);
  client = kl_test_add_client (db, "Bærum kommune", "kommune", 0, NULL);
  fixture->hilde = kl_test_add_consultant (db, "Hilde Aas");
  fixture->jonas = kl_test_add_consultant (db, "Jonas Berg");
  fixture->led = kl_test_add_programme (db, client, "LED SKOLE Bærum", "2026-01-01", "2026-12-31");
  fixture->network = kl_test_add_programme (db, client, "Rektornettverk", "2026-01-01", "2026-12-31");
  fixture->summer = add_session (db, fixture->led, "Samling 1", "2026-06-10T09:00", "2026-06-10T15:30",
                                 "Sandvika, rådhuset; sal 2", fixture->hilde, fixture->jonas);
  fixture->winter = add_session (db, fixture->led, "Samling 2", "2026-11-25T09:00", "2026-11-25T12:00",
                                 NULL, fixture->hilde, 0);
  fixture->meeting = add_session (db, fixture->network, "Nettverksmøte", "2026-03-05T13:00", "2026-03-05T16:00",
                                  "Bekkestua skole", fixture->jonas, 0);
  return g_steal_pointer (&db);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = kl_test_make_dir ("test-ics");
  fixture->db = fill (fixture, "kartleser.db");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kl_test_close_db (&fixture->db, &fixture->dir);
}

static icalcomponent *
parse (const char *text)
{
  icalcomponent *calendar;

  g_assert_nonnull (text);
  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  return calendar;
}

static icalcomponent *
find_event (icalcomponent *calendar,
            const char    *uid)
{
  for (icalcomponent *event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    if (g_strcmp0 (icalcomponent_get_uid (event), uid) == 0)
      return event;
  return NULL;
}

static char *
uid_of (KlDb   *db,
        gint64  session_id)
{
  g_autoptr(GError) error = NULL;
  char *uid = kl_ics_session_uid (db, session_id, &error);

  g_assert_no_error (error);
  return uid;
}

/* The wall-clock time with its TZID, and the instant it stands for as
 * the calendar's own VTIMEZONE resolves it. */
static void
assert_time (icalcomponent     *event,
             icalproperty_kind  kind,
             const char        *local,
             const char        *utc)
{
  icalproperty *property = icalcomponent_get_first_property (event, kind);
  icalparameter *tzid;
  struct icaltimetype time;
  icaltimezone *zone;
  g_autofree char *text = NULL;

  g_assert_nonnull (property);
  tzid = icalproperty_get_first_parameter (property, ICAL_TZID_PARAMETER);
  g_assert_nonnull (tzid);
  g_assert_cmpstr (icalparameter_get_tzid (tzid), ==, "Europe/Oslo");
  time = kind == ICAL_DTSTART_PROPERTY ? icalproperty_get_dtstart (property) : icalproperty_get_dtend (property);
  text = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d", time.year, time.month, time.day, time.hour, time.minute);
  g_assert_cmpstr (text, ==, local);

  zone = icalcomponent_get_timezone (icalcomponent_get_parent (event), "Europe/Oslo");
  g_assert_nonnull (zone);
  icaltimezone_convert_time (&time, zone, icaltimezone_get_utc_timezone ());
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf ("%04d-%02d-%02dT%02d:%02dZ", time.year, time.month, time.day, time.hour, time.minute);
  g_assert_cmpstr (text, ==, utc);
}

static void
test_programme_events (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = kl_ics_programme (fixture->db, fixture->led, KL_LANG_EN, &error);
  g_autofree char *summer_uid = uid_of (fixture->db, fixture->summer);
  g_autofree char *winter_uid = uid_of (fixture->db, fixture->winter);
  g_autofree char *meeting_uid = uid_of (fixture->db, fixture->meeting);
  icalcomponent *calendar;
  icalcomponent *vtimezone;
  icalcomponent *event;

  g_assert_no_error (error);
  calendar = parse (text);
  g_assert_cmpint (icalcomponent_count_components (calendar, ICAL_VEVENT_COMPONENT), ==, 2);

  vtimezone = icalcomponent_get_first_component (calendar, ICAL_VTIMEZONE_COMPONENT);
  g_assert_nonnull (vtimezone);
  g_assert_cmpstr (icalproperty_get_tzid (icalcomponent_get_first_property (vtimezone, ICAL_TZID_PROPERTY)),
                   ==, "Europe/Oslo");

  g_assert_true (g_str_has_prefix (summer_uid, "session-"));
  g_assert_cmpstr (summer_uid, !=, winter_uid);
  g_assert_null (find_event (calendar, meeting_uid));

  event = find_event (calendar, summer_uid);
  g_assert_nonnull (event);
  assert_time (event, ICAL_DTSTART_PROPERTY, "2026-06-10T09:00", "2026-06-10T07:00Z");
  assert_time (event, ICAL_DTEND_PROPERTY, "2026-06-10T15:30", "2026-06-10T13:30Z");
  g_assert_cmpstr (icalcomponent_get_summary (event), ==, "LED SKOLE Bærum: Samling 1");
  g_assert_cmpstr (icalcomponent_get_location (event), ==, "Sandvika, rådhuset; sal 2");
  g_assert_cmpstr (icalcomponent_get_description (event), ==,
                   "Programme: LED SKOLE Bærum\nClient: Bærum kommune\nLeaders: Hilde Aas, Jonas Berg");
  g_assert_nonnull (icalcomponent_get_first_property (event, ICAL_DTSTAMP_PROPERTY));
  g_assert_nonnull (icalcomponent_get_first_property (event, ICAL_LASTMODIFIED_PROPERTY));

  event = find_event (calendar, winter_uid);
  g_assert_nonnull (event);
  assert_time (event, ICAL_DTSTART_PROPERTY, "2026-11-25T09:00", "2026-11-25T08:00Z");
  assert_time (event, ICAL_DTEND_PROPERTY, "2026-11-25T12:00", "2026-11-25T11:00Z");
  g_assert_cmpstr (icalcomponent_get_summary (event), ==, "LED SKOLE Bærum: Samling 2");
  g_assert_null (icalcomponent_get_first_property (event, ICAL_LOCATION_PROPERTY));
  g_assert_cmpstr (icalcomponent_get_description (event), ==,
                   "Programme: LED SKOLE Bærum\nClient: Bærum kommune\nLeaders: Hilde Aas");
  icalcomponent_free (calendar);
}

/* A consultant's calendar: the sessions they lead, in every programme. */
static void
test_consultant_events (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = kl_ics_consultant (fixture->db, fixture->jonas, KL_LANG_NB, &error);
  g_autofree char *summer_uid = uid_of (fixture->db, fixture->summer);
  g_autofree char *winter_uid = uid_of (fixture->db, fixture->winter);
  g_autofree char *meeting_uid = uid_of (fixture->db, fixture->meeting);
  icalcomponent *calendar;
  icalcomponent *event;

  g_assert_no_error (error);
  calendar = parse (text);
  g_assert_cmpint (icalcomponent_count_components (calendar, ICAL_VEVENT_COMPONENT), ==, 2);
  g_assert_nonnull (find_event (calendar, summer_uid));
  g_assert_null (find_event (calendar, winter_uid));
  event = find_event (calendar, meeting_uid);
  g_assert_nonnull (event);
  assert_time (event, ICAL_DTSTART_PROPERTY, "2026-03-05T13:00", "2026-03-05T12:00Z");
  g_assert_cmpstr (icalcomponent_get_summary (event), ==, "Rektornettverk: Nettverksmøte");
  g_assert_cmpstr (icalcomponent_get_location (event), ==, "Bekkestua skole");
  /* In the document's language, Norwegian here. */
  g_assert_cmpstr (icalcomponent_get_description (event), ==,
                   "Program: Rektornettverk\nOppdragsgiver: Bærum kommune\nLedere: Jonas Berg");
  icalcomponent_free (calendar);

  g_assert_null (kl_ics_consultant (fixture->db, 999, KL_LANG_EN, &error));
  g_assert_error (error, KL_ERROR, KL_ERROR_NOT_FOUND);
}

static int
sequence_of (const char *text,
             const char *uid)
{
  icalcomponent *calendar = parse (text);
  icalcomponent *event = find_event (calendar, uid);
  int sequence;

  g_assert_nonnull (event);
  sequence = icalcomponent_get_sequence (event);
  icalcomponent_free (calendar);
  return sequence;
}

/* Importing again must update the event: same UID, a higher SEQUENCE. */
static void
test_uid_stable_after_edit (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = uid_of (fixture->db, fixture->winter);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(KlSession) session = NULL;
  icalcomponent *calendar;
  icalcomponent *event;

  /* Made long ago, as sessions usually are by the time they move. */
  g_assert_true (kl_db_exec (fixture->db, &error,
                             "UPDATE session SET created_at = '2026-01-05T10:00:00Z', updated_at = '2026-01-05T10:00:00Z' "
                             "WHERE id = ?1", "i", fixture->winter));
  before = kl_ics_programme (fixture->db, fixture->led, KL_LANG_EN, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sequence_of (before, uid), ==, 0);

  session = kl_store_get_session (fixture->db, fixture->winter, &error);
  g_assert_no_error (error);
  g_free (session->starts_at);
  session->starts_at = g_strdup ("2026-11-26T10:00");
  g_free (session->ends_at);
  session->ends_at = g_strdup ("2026-11-26T14:00");
  g_assert_true (kl_store_update_session (fixture->db, session, &error));
  g_assert_no_error (error);

  after = kl_ics_programme (fixture->db, fixture->led, KL_LANG_EN, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sequence_of (after, uid), >, 0);
  calendar = parse (after);
  g_assert_cmpint (icalcomponent_count_components (calendar, ICAL_VEVENT_COMPONENT), ==, 2);
  event = find_event (calendar, uid);
  g_assert_nonnull (event);
  assert_time (event, ICAL_DTSTART_PROPERTY, "2026-11-26T10:00", "2026-11-26T09:00Z");
  icalcomponent_free (calendar);
}

/* Two databases never share UIDs, even for sessions with the same id. */
static void
test_uid_unique_per_database (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(KlDb) other = fill (fixture, "other.db");
  g_autofree char *mine = uid_of (fixture->db, fixture->summer);
  g_autofree char *theirs = uid_of (other, fixture->summer);
  g_autofree char *again = uid_of (fixture->db, fixture->summer);

  g_assert_cmpstr (mine, !=, theirs);
  g_assert_cmpstr (mine, ==, again);
}

/* With SOURCE_DATE_EPOCH the file is the same byte for byte, and the
 * writer puts exactly the text in the file. */
static void
test_reproducible_file (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "led.ics", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *written = NULL;

  g_setenv ("SOURCE_DATE_EPOCH", "1700000000", TRUE);
  first = kl_ics_programme (fixture->db, fixture->led, KL_LANG_EN, &error);
  g_assert_no_error (error);
  second = kl_ics_programme (fixture->db, fixture->led, KL_LANG_EN, &error);
  g_assert_cmpstr (first, ==, second);
  g_assert_nonnull (strstr (first, "DTSTAMP:20231114T221320Z\r\n"));
  g_assert_true (kl_ics_export_programme (fixture->db, fixture->led, KL_LANG_EN, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, first);
  g_unsetenv ("SOURCE_DATE_EPOCH");
}

#define add_test(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  kl_test_init_documents (&argc, &argv);

  add_test ("/ics/programme", test_programme_events);
  add_test ("/ics/consultant", test_consultant_events);
  add_test ("/ics/uid-stable", test_uid_stable_after_edit);
  add_test ("/ics/uid-unique", test_uid_unique_per_database);
  add_test ("/ics/reproducible", test_reproducible_file);
  return g_test_run ();
}
