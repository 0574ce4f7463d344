#include "config.h"

#include <glib/gi18n.h>

#include "kl-cli-private.h"
#include "kl-clock.h"
#include "kl-error.h"
#include "kl-holidays.h"
#include "kl-series.h"
#include "kl-store.h"

/* session repeat */

/* A day of the series as "session repeat" tells it. */
typedef struct
{
  KlPlannedSession *planned;
  gint64 id;              /* 0: not added (a dry run, or skipped) */
  char *warning;
  gboolean dry_run;
} PlanLine;

static void
plan_line_free (PlanLine *line)
{
  g_free (line->warning);
  g_free (line);
}

/* One line a day: date, weekday, time, and the title or why not. */
static void
print_plan_line (KlPlannedSession *planned,
                 gint64            id)
{
  g_autofree char *what = NULL;
  g_autofree char *number = id > 0 ? g_strdup_printf ("%6" G_GINT64_FORMAT "  ", id) : g_strdup ("");

  if (planned->skipped)
    /* Translators: a day of a series left out, e.g. "skipped: Good Friday" */
    what = g_strdup_printf (_("skipped: %s"), planned->holiday);
  else if (planned->holiday != NULL)
    /* Translators: a session kept on a holiday, e.g. "Samling 4 (public holiday: Good Friday)" */
    what = g_strdup_printf (_("%s (public holiday: %s)"), planned->title, planned->holiday);
  else
    what = g_strdup (planned->title);
  g_print ("%s%s  %-4s %s–%s  %s\n", number, planned->date, kl_weekday_abbreviation (planned->weekday),
           planned->starts_at + 11, planned->ends_at + 11, what);
}

/* The dry run shows every day; the real one the new sessions' ids. */
static void
describe_plan_line (KlCliRecord   *record,
                    gconstpointer  item)
{
  const PlanLine *line = item;
  KlPlannedSession *planned = line->planned;

  kl_cli_record_ref (record, "id", NULL, line->id);
  kl_cli_record_text (record, "date", NULL, planned->date);
  kl_cli_record_text (record, "weekday", NULL, kl_weekday_keys[planned->weekday - 1]);
  kl_cli_record_text (record, "start", NULL, planned->starts_at);
  kl_cli_record_text (record, "end", NULL, planned->ends_at);
  kl_cli_record_text (record, "title", NULL, planned->title);
  kl_cli_record_bool (record, "skipped", planned->skipped);
  kl_cli_record_text (record, "holiday", NULL, planned->holiday);
  if (line->warning != NULL)
    kl_cli_record_text (record, "warning", NULL, line->warning);
  if (line->dry_run && record->text)
    print_plan_line (planned, 0);
  else if (!planned->skipped)
    kl_cli_record_print (record, "%" G_GINT64_FORMAT "\n", line->id);
}

static int
cmd_session_repeat (KlCli  *cli,
                    int     argc,
                    char  **argv)
{
  const char *command = "session repeat";
  g_autoptr(KlSeriesSpec) spec = kl_series_spec_new ();
  g_autoptr(KlSession) pattern = kl_session_new ();
  g_autofree char *weekdays = NULL;
  g_autofree char *time = NULL;
  g_auto(GStrv) leaders = NULL;
  gboolean dry_run = FALSE;
  GOptionEntry entries[] = {
    { "programme", 0, 0, G_OPTION_ARG_INT64, &pattern->programme_id, N_("Programme"), N_("ID") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &spec->title, N_("Title, numbered: “Samling” gives Samling 1, Samling 2, …"),
      N_("TITLE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &spec->from, N_("First day, YYYY-MM-DD"), N_("DATE") },
    { "until", 0, 0, G_OPTION_ARG_STRING, &spec->until, N_("Last day, YYYY-MM-DD"), N_("DATE") },
    { "weekdays", 0, 0, G_OPTION_ARG_STRING, &weekdays, N_("Days of the week, e.g. mon,thu"), N_("DAYS") },
    { "every", 0, 0, G_OPTION_ARG_INT, &spec->every, N_("Every N weeks, counted from the week of --from (default 1)"),
      N_("N") },
    { "time", 0, 0, G_OPTION_ARG_STRING, &time, N_("Start and end, e.g. 09:00-15:00"), N_("HH:MM-HH:MM") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &pattern->kind,
      N_("fagsamling (default), veiledning, lederseminar, lederstotte, nettverk or annen"), N_("KIND") },
    { "location", 0, 0, G_OPTION_ARG_STRING, &pattern->location, N_("Place"), N_("PLACE") },
    { "leader", 0, 0, G_OPTION_ARG_STRING_ARRAY, &leaders, N_("A consultant leading them (repeat for more)"),
      N_("ID") },
    { "skip-holidays", 0, 0, G_OPTION_ARG_NONE, &spec->skip_holidays, N_("Leave out Norwegian public holidays"),
      NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Show the sessions it would add, and add nothing"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(KlProgramme) programme = NULL;
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  guint created = 0, skipped = 0;
  int status = 0;

  if (!kl_cli_parse_options_only (cli, command, entries, &argc, &argv, &status)
      || !kl_cli_require_option (command, "--programme", pattern->programme_id > 0, &status)
      || !kl_cli_require_option (command, "--title", spec->title != NULL, &status)
      || !kl_cli_require_option (command, "--from", spec->from != NULL, &status)
      || !kl_cli_require_option (command, "--until", spec->until != NULL, &status)
      || !kl_cli_require_option (command, "--weekdays", weekdays != NULL, &status)
      || !kl_cli_require_option (command, "--time", time != NULL, &status))
    return status;
  for (guint i = 0; leaders && leaders[i]; i++)
    {
      gint64 id;

      if (!kl_cli_parse_id (command, leaders[i], &id, &status))
        return status;
      g_array_append_val (pattern->leader_ids, id);
    }
  if (pattern->kind == NULL)
    pattern->kind = g_strdup ("fagsamling");
  if (!kl_series_parse_weekdays (weekdays, &spec->weekdays, &error)
      || !kl_series_parse_time_range (time, &spec->start_time, &spec->end_time, &error)
      || kl_cli_db (cli, &error) == NULL
      || (programme = kl_store_get_programme (cli->db, pattern->programme_id, &error)) == NULL)
    return kl_cli_fail (error);
  spec->first_number = kl_store_series_next_number (cli->db, programme->id, spec->title, &error);
  if (spec->first_number == 0 || (plan = kl_series_plan (spec, &error)) == NULL)
    return kl_cli_fail (error);

  /* The dry run checks the session as the store will (kind, leaders) too. */
  if (dry_run)
    {
      g_autoptr(KlSession) first = kl_session_new ();
      KlPlannedSession *planned = NULL;

      for (guint i = 0; i < plan->len && planned == NULL; i++)
        if (!((KlPlannedSession *) g_ptr_array_index (plan, i))->skipped)
          planned = g_ptr_array_index (plan, i);
      if (planned == NULL)
        return kl_cli_fail (NULL);
      first->programme_id = programme->id;
      first->kind = g_strdup (pattern->kind);
      first->title = g_strdup (planned->title);
      first->starts_at = g_strdup (planned->starts_at);
      first->ends_at = g_strdup (planned->ends_at);
      if (!kl_session_validate (first, &error))
        return kl_cli_fail (error);
      for (guint i = 0; i < pattern->leader_ids->len; i++)
        {
          g_autoptr(KlConsultant) leader = kl_store_get_consultant (cli->db,
                                                                    g_array_index (pattern->leader_ids, gint64, i),
                                                                    &error);
          if (leader == NULL)
            {
              g_prefix_error (&error, _("Leaders: "));
              return kl_cli_fail (error);
            }
        }
    }
  else if ((ids = kl_store_insert_series (cli->db, pattern, plan, &error)) == NULL)
    return kl_cli_fail (error);

  lines = g_ptr_array_new_with_free_func ((GDestroyNotify) plan_line_free);
  for (guint i = 0; i < plan->len; i++)
    {
      PlanLine *line = g_new0 (PlanLine, 1);

      line->planned = g_ptr_array_index (plan, i);
      line->dry_run = dry_run;
      g_ptr_array_add (lines, line);
      if (line->planned->skipped)
        skipped++;
      else
        {
          g_autoptr(KlSession) session = kl_session_new ();

          if (ids != NULL)
            line->id = g_array_index (ids, gint64, created);
          created++;
          session->programme_id = programme->id;
          session->title = g_strdup (line->planned->title);
          session->starts_at = g_strdup (line->planned->starts_at);
          session->ends_at = g_strdup (line->planned->ends_at);
          line->warning = kl_store_session_warning (cli->db, session, NULL);
          if (line->warning != NULL)
            g_printerr (_("warning: %s\n"), line->warning);
        }
    }
  kl_cli_print_list (cli, describe_plan_line, lines, NULL, NULL);
  if (!cli->json && dry_run)
    {
      g_autofree char *added = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u session", "%u sessions", created),
                                                created);

      /* Translators: "22 sessions, 2 skipped; dry run: nothing was added" */
      g_print (g_dngettext (GETTEXT_PACKAGE, "%s, %u skipped; dry run: nothing was added\n",
                            "%s, %u skipped; dry run: nothing was added\n", skipped), added, skipped);
    }
  return 0;
}

/* holidays */

static void
describe_holiday (KlCliRecord   *record,
                  gconstpointer  item)
{
  const KlHoliday *holiday = item;
  GDateWeekday weekday = g_date_get_weekday (&holiday->date);
  g_autofree char *date = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&holiday->date),
                                           g_date_get_month (&holiday->date), g_date_get_day (&holiday->date));
  g_autofree char *label = record->text ? kl_holiday_label (holiday) : NULL;

  kl_cli_record_text (record, "date", NULL, date);
  kl_cli_record_text (record, "weekday", NULL, kl_weekday_keys[weekday - 1]);
  kl_cli_record_text (record, "name", NULL, _(holiday->name));
  kl_cli_record_text (record, "norwegian", NULL, holiday->norwegian);
  kl_cli_record_print (record, "%s  %-4s %s\n", date, kl_weekday_abbreviation (weekday), label);
}

static int
cmd_holidays (KlCli  *cli,
              int     argc,
              char  **argv)
{
  g_autoptr(GDateTime) now = kl_clock_now ();
  int year = g_date_time_get_year (now);
  GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("The year (default this year)"), N_("YEAR") },
    { NULL }
  };
  g_autoptr(GArray) holidays = NULL;
  g_autoptr(GPtrArray) days = NULL;
  int status = 0;

  if (!kl_cli_parse_options_only (cli, "holidays", entries, &argc, &argv, &status))
    return status;
  if (year < KL_HOLIDAY_MIN_YEAR || year > KL_HOLIDAY_MAX_YEAR)
    return kl_cli_usage_error ("holidays", _("--year: %d is not a year from %d to %d"), year,
                               KL_HOLIDAY_MIN_YEAR, KL_HOLIDAY_MAX_YEAR);
  holidays = kl_holidays_for_year ((guint) year);
  days = g_ptr_array_new ();
  for (guint i = 0; i < holidays->len; i++)
    g_ptr_array_add (days, &g_array_index (holidays, KlHoliday, i));
  kl_cli_print_list (cli, describe_holiday, days, NULL, NULL);
  return 0;
}

const KlCommand kl_cli_series_commands[] = {
  { "session", "repeat", cmd_session_repeat, N_("Add a series of sessions: weekdays, every N weeks, numbered titles") },
  { "holidays", NULL, cmd_holidays, N_("List the Norwegian public holidays of a year") },
  { NULL }
};
