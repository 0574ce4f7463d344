#include "config.h"

#include <stdio.h>
#include <string.h>

#include "kl-clock.h"
#include "kl-db-private.h"
#include "kl-demo.h"
#include "kl-error.h"
#include "kl-i18n.h"
#include "kl-rules.h"
#include "kl-store.h"
#include "kl-validate.h"

/* Over 1 000 lines, most of them data: the names, places, programme
 * shapes and cost lines the demo draws from, and the writer that lays
 * them out year by year. */

/* Sample data: a small, realistic IMTEC (three programmes, about forty
 * participants) by default, or years of it at scale for benchmarks. Dates
 * are placed around today so that the overview has something to show. */

static const char *const first_names[] = {
  "Anne", "Ingrid", "Kari", "Marit", "Liv", "Hilde", "Silje", "Ingvild", "Tone", "Ragnhild",
  "Nina", "Camilla", "Guro", "Solveig", "Åse", "Mari", "Sigrid", "Thea", "Eli", "Berit",
  "Ole", "Lars", "Per", "Jan", "Bjørn", "Knut", "Arne", "Morten", "Geir", "Øystein",
  "Terje", "Håkon", "Espen", "Trond", "Jørgen", "Sindre", "Magnus", "Eirik", "Rune", "Tor Egil",
};
static const char *const last_names[] = {
  "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
  "Jensen", "Karlsen", "Berg", "Haugen", "Hagen", "Johannessen", "Eriksen", "Dahl", "Lunde",
  "Solheim", "Strand", "Bakken", "Myklebust", "Sæther", "Rønning", "Aas", "Løvås", "Fjeld",
  "Holm", "Moen", "Brekke", "Nygård", "Vik", "Sandvik", "Ødegård", "Bjørnstad", "Halvorsen",
};
static const char *const school_roles[] = {
  "rektor", "inspektør", "avdelingsleder", "assisterende rektor", "lærer", "utviklingsveileder",
};
static const char *const places[] = {
  "Bergen", "Voss", "Stord", "Førde", "Bærum", "Sandvika", "Tromsø", "Bodø", "Hamar", "Lillehammer",
  "Drammen", "Kongsberg", "Skien", "Arendal", "Kristiansand", "Stavanger", "Haugesund", "Ålesund",
  "Molde", "Trondheim", "Steinkjer", "Harstad", "Alta", "Gjøvik", "Fredrikstad", "Sarpsborg",
};

/* A valid MOD11 number from a serial: `prefix`, the serial's last digits
 * to fill the weighted digits, and the check digit; serials whose
 * remainder is 1 (no check digit fits) are skipped. */
static char *
make_mod11_number (const char *prefix,
                   const int  *weights,
                   guint       n_weights,
                   guint       serial)
{
  int width = (int) (n_weights - strlen (prefix));
  guint modulo = 1;

  for (int i = 0; i < width; i++)
    modulo *= 10;
  for (;; serial++)
    {
      char digits[16];

      g_snprintf (digits, sizeof digits, "%s%0*u0", prefix, width, serial % modulo);
      for (char check = '0'; check <= '9'; check++)
        {
          digits[n_weights] = check;
          if (kl_mod11_check (digits, weights, n_weights))
            return g_strdup (digits);
        }
    }
}

static char *
make_orgnr (guint serial)
{
  static const int weights[] = { 3, 2, 7, 6, 5, 4, 3, 2 };

  return make_mod11_number ("9", weights, G_N_ELEMENTS (weights), serial);
}

static char *
make_account (guint serial)
{
  static const int weights[] = { 5, 4, 3, 2, 7, 6, 5, 4, 3, 2 };

  return make_mod11_number ("1503", weights, G_N_ELEMENTS (weights), serial);
}

/* `days` from today, YYYY-MM-DD; on `weekday`, moved on past a weekend
 * (sessions fall on weekdays). */
static char *
date_offset (const GDate *today,
             int          days,
             gboolean     weekday)
{
  GDate date = *today;
  char text[11];

  if (days >= 0)
    g_date_add_days (&date, (guint) days);
  else
    g_date_subtract_days (&date, (guint) -days);
  while (weekday && g_date_get_weekday (&date) >= G_DATE_SATURDAY)
    g_date_add_days (&date, 1);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
  return g_strdup (text);
}

static char *
day_offset (const GDate *today,
            int          days)
{
  return date_offset (today, days, FALSE);
}

static char *
weekday_offset (const GDate *today,
                int          days)
{
  return date_offset (today, days, TRUE);
}

/* A Norwegian phone number, "+47 NNN NN NNN". */
static char *
random_phone (GRand *rand)
{
  return g_strdup_printf ("+47 %03d %02d %03d", g_rand_int_range (rand, 400, 999),
                          g_rand_int_range (rand, 10, 99), g_rand_int_range (rand, 100, 999));
}

static char *
person_name (GRand *rand)
{
  return g_strdup_printf ("%s %s", first_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (first_names))],
                          last_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (last_names))]);
}

/* "Tor Egil Rønning" at "baerum.kommune.no" -> "tor.egil.ronning@baerum.kommune.no" */
static char *
person_email (const char *name,
              const char *domain,
              guint       serial)
{
  g_autoptr(GString) local = g_string_new (NULL);
  g_autofree char *ascii = g_str_to_ascii (name, "C");

  for (const char *p = ascii; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (local, g_ascii_tolower (*p));
    else if (*p == ' ' && local->len > 0 && local->str[local->len - 1] != '.')
      g_string_append_c (local, '.');
  if (serial > 0)
    g_string_append_printf (local, "%u", serial);
  return g_strdup_printf ("%s@%s", local->str, domain);
}

gboolean
kl_demo_counts (KlDb      *db,
                KlCounts  *counts,
                GError   **error)
{
  g_autoptr(KlStmt) stmt = kl_db_query (db, error,
                                        "SELECT (SELECT count(*) FROM client), (SELECT count(*) FROM consultant), "
                                        "(SELECT count(*) FROM programme), (SELECT count(*) FROM session), "
                                        "(SELECT count(*) FROM participant), (SELECT count(*) FROM enrolment), "
                                        "(SELECT count(*) FROM attendance), (SELECT count(*) FROM cost_item), "
                                        "(SELECT count(*) FROM funding_case)", NULL);

  if (stmt == NULL || !kl_stmt_next (stmt, error))
    return FALSE;
  counts->clients = kl_stmt_int (stmt, 0);
  counts->consultants = kl_stmt_int (stmt, 1);
  counts->programmes = kl_stmt_int (stmt, 2);
  counts->sessions = kl_stmt_int (stmt, 3);
  counts->participants = kl_stmt_int (stmt, 4);
  counts->enrolments = kl_stmt_int (stmt, 5);
  counts->attendance = kl_stmt_int (stmt, 6);
  counts->cost_items = kl_stmt_int (stmt, 7);
  counts->funding_cases = kl_stmt_int (stmt, 8);
  return TRUE;
}

/* The programme with the most cells in its attendance grid (enrolled
 * participants times sessions): what benchmarks measure. 0 if none. */
gint64
kl_demo_largest_programme (KlDb    *db,
                           GError **error)
{
  g_autoptr(KlStmt) stmt = kl_db_query (db, error,
                                        "SELECT p.id FROM programme p ORDER BY "
                                        "(SELECT count(*) FROM enrolment e WHERE e.programme_id = p.id) * "
                                        "(SELECT count(*) FROM session s WHERE s.programme_id = p.id) DESC, p.id "
                                        "LIMIT 1", NULL);

  if (stmt == NULL || !kl_stmt_next (stmt, error))
    return 0;
  return kl_stmt_int (stmt, 0);
}

/* The small demo, through the store so that every rule is honoured. */

typedef struct
{
  KlDb *db;
  GRand *rand;
  GDate today;
  gint64 staff[4];
  gint64 speakers[2];
} Demo;

static gint64
add_client (Demo        *demo,
            const char  *name,
            const char  *kind,
            gint64       parent,
            const char  *orgnr,
            const char  *address,
            const char  *contact,
            const char  *domain,
            GError     **error)
{
  g_autoptr(KlClient) client = kl_client_new ();

  client->name = g_strdup (name);
  client->kind = g_strdup (kind);
  client->parent_id = parent;
  client->orgnr = g_strdup (orgnr);
  client->address = g_strdup (address);
  if (orgnr != NULL)
    {
      client->account = make_account ((guint) g_str_hash (name) % 900000);
      client->invoice_email = g_strdup_printf ("faktura@%s", domain);
    }
  if (contact != NULL)
    {
      client->contact_name = g_strdup (contact);
      client->contact_email = person_email (contact, domain, 0);
      client->contact_phone = random_phone (demo->rand);
    }
  if (!kl_store_insert_client (demo->db, client, error))
    return 0;
  return client->id;
}

static gint64
add_consultant (Demo        *demo,
                const char  *name,
                gboolean     external,
                gint64       day_rate_kr,
                GError     **error)
{
  g_autoptr(KlConsultant) consultant = kl_consultant_new ();

  consultant->name = g_strdup (name);
  consultant->email = person_email (name, external ? "foredrag.no" : "imtec.no", 0);
  consultant->phone = random_phone (demo->rand);
  consultant->external = external;
  consultant->day_rate_ore = day_rate_kr * 100;
  if (!kl_store_insert_consultant (demo->db, consultant, error))
    return 0;
  return consultant->id;
}

typedef struct
{
  const char *title;
  const char *kind;
  const char *status;
  int start_offset;       /* days from today */
  int end_offset;
  gint64 client;
  gint64 lead;
  const char *goals;
  const char *target_group;
  const char *q_current;
  const char *q_future;
  const char *q_process;
} ProgrammePlan;

static gint64
add_programme (Demo                *demo,
               const ProgrammePlan *plan,
               GError             **error)
{
  g_autoptr(KlProgramme) programme = kl_programme_new ();

  programme->client_id = plan->client;
  programme->title = g_strdup (plan->title);
  programme->kind = g_strdup (plan->kind);
  programme->status = g_strdup (plan->status);
  programme->start_date = day_offset (&demo->today, plan->start_offset);
  programme->end_date = day_offset (&demo->today, plan->end_offset);
  programme->lead_id = plan->lead;
  programme->goals = g_strdup (plan->goals);
  programme->target_group = g_strdup (plan->target_group);
  programme->q_current = g_strdup (plan->q_current);
  programme->q_future = g_strdup (plan->q_future);
  programme->q_process = g_strdup (plan->q_process);
  if (!kl_store_insert_programme (demo->db, programme, error))
    return 0;
  return programme->id;
}

static gboolean
add_mark (Demo        *demo,
          gint64       session,
          gint64       participant,
          const char  *status,
          int          minutes,
          GError     **error)
{
  g_autoptr(KlAttendance) mark = kl_attendance_new ();

  mark->session_id = session;
  mark->participant_id = participant;
  mark->status = g_strdup (status);
  mark->minutes = minutes;
  return kl_store_set_attendance (demo->db, mark, error);
}

/* Sessions every `step` days from the start, their ids into `ids`; marks
 * for those already held. */
static gboolean
add_sessions_and_attendance (Demo         *demo,
                             gint64        programme,
                             int           start_offset,
                             int           n_sessions,
                             int           step,
                             const char   *place,
                             GArray       *participants,
                             GArray       *ids,
                             GError      **error)
{
  static const char *const kinds[] = { "fagsamling", "veiledning", "lederseminar", "fagsamling", "nettverk" };

  for (int i = 0; i < n_sessions; i++)
    {
      g_autoptr(KlSession) session = kl_session_new ();
      g_autofree char *day = weekday_offset (&demo->today, start_offset + i * step);
      const char *kind = kinds[i % G_N_ELEMENTS (kinds)];
      gboolean held;

      session->programme_id = programme;
      session->kind = g_strdup (kind);
      session->title = g_strdup_printf ("Samling %d", i + 1);
      session->starts_at = g_strdup_printf ("%sT09:00", day);
      session->ends_at = g_strdup_printf ("%sT%s", day, g_str_equal (kind, "veiledning") ? "12:00" : "15:30");
      session->location = g_strdup (place);
      g_array_append_val (session->leader_ids, demo->staff[i % 4]);
      if (i % 3 == 0)
        g_array_append_val (session->leader_ids, demo->speakers[i % 2]);
      if (!kl_store_insert_session (demo->db, session, error))
        return FALSE;
      g_array_append_val (ids, session->id);

      held = start_offset + i * step < 0;
      for (guint p = 0; held && p < participants->len; p++)
        {
          int roll = g_rand_int_range (demo->rand, 0, 100);

          if (!add_mark (demo, session->id, g_array_index (participants, gint64, p),
                         roll < 82 ? "present" : roll < 90 ? "excused" : roll < 95 ? "absent" : "partial",
                         roll >= 95 ? 120 : 0, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* On-site coaching (veiledning) at each school, for that school's
 * participants only, `offset` days from today; marked when held and
 * `record` says so (a round left unmarked is the day's work to do). The
 * participants are spread over the schools as add_participants() does. */
static gboolean
add_coaching (Demo          *demo,
              gint64         programme,
              const gint64  *schools,
              guint          n_schools,
              int            offset,
              gboolean       record,
              GArray        *participants,
              GError       **error)
{
  for (guint s = 0; s < n_schools; s++)
    {
      g_autoptr(KlSession) session = kl_session_new ();
      g_autoptr(KlClient) school = kl_store_get_client (demo->db, schools[s], error);
      g_autofree char *day = weekday_offset (&demo->today, offset + (int) s);

      if (school == NULL)
        return FALSE;
      session->programme_id = programme;
      session->kind = g_strdup ("veiledning");
      session->title = g_strdup_printf ("Veiledning %s", school->name);
      session->starts_at = g_strdup_printf ("%sT12:30", day);
      session->ends_at = g_strdup_printf ("%sT15:00", day);
      session->location = g_strdup (school->name);
      session->audience = g_strdup ("workplace");
      session->audience_client_id = schools[s];
      g_array_append_val (session->leader_ids, demo->staff[2 + s % 2]);
      if (!kl_store_insert_session (demo->db, session, error))
        return FALSE;
      for (guint p = s; record && offset + (int) s < 0 && p < participants->len; p += n_schools)
        if (!add_mark (demo, session->id, g_array_index (participants, gint64, p),
                       g_rand_int_range (demo->rand, 0, 100) < 90 ? "present" : "excused", 0, error))
          return FALSE;
    }
  return TRUE;
}

static GArray *
add_participants (Demo          *demo,
                  gint64         programme,
                  const gint64  *workplaces,
                  guint          n_workplaces,
                  const char    *domain,
                  guint          count,
                  GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < count; i++)
    {
      g_autoptr(KlParticipant) participant = kl_participant_new ();
      g_autoptr(KlEnrolment) enrolment = kl_enrolment_new ();

      participant->name = person_name (demo->rand);
      participant->email = person_email (participant->name, domain, 0);
      participant->phone = random_phone (demo->rand);
      participant->role = g_strdup (i % 4 == 0 ? "rektor" : school_roles[g_rand_int_range (demo->rand, 1, 4)]);
      participant->workplace_id = workplaces[i % n_workplaces];
      if (!kl_store_insert_participant (demo->db, participant, error))
        return NULL;
      enrolment->programme_id = programme;
      enrolment->participant_id = participant->id;
      if (!kl_store_enrol (demo->db, enrolment, error))
        return NULL;
      g_array_append_val (ids, participant->id);
    }
  return g_steal_pointer (&ids);
}

/* One cost line: a budget line of IMTEC's offer when it has no invoice,
 * else an invoice. A fee names the sessions it is for (bit i: the i-th
 * session) and any days worked elsewhere, so that the fund's cap per
 * person and day applies by date. */
typedef struct
{
  const char *category;
  gint64 consultant;
  guint sessions;
  const int *dates;       /* day offsets from today, weekdays; n_dates of them */
  guint n_dates;
  int persons;
  gint64 net_kr;
  gint64 vat_kr;
  const char *supplier;
  const char *invoice;
  int invoice_offset;
  const char *note;
} CostPlan;

static gboolean
add_cost (Demo            *demo,
          gint64           programme,
          GArray          *sessions,
          const CostPlan  *plan,
          GError         **error)
{
  g_autoptr(KlCostItem) item = kl_cost_item_new ();
  g_autoptr(GPtrArray) dates = g_ptr_array_new_with_free_func (g_free);

  item->programme_id = programme;
  kl_cost_category_from_string (plan->category, &item->category);
  item->budget = plan->invoice == NULL;
  item->consultant_id = plan->consultant;
  item->persons = plan->persons;
  item->net_ore = plan->net_kr * 100;
  item->vat_ore = plan->vat_kr * 100;
  item->supplier = g_strdup (plan->supplier);
  item->note = g_strdup (plan->note);
  if (plan->invoice != NULL)
    {
      item->invoice_no = g_strdup (plan->invoice);
      item->invoice_date = day_offset (&demo->today, plan->invoice_offset);
    }
  if (plan->sessions != 0)
    {
      item->session_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (guint i = 0; i < sessions->len; i++)
        if (plan->sessions & (1u << i))
          g_array_append_val (item->session_ids, g_array_index (sessions, gint64, i));
    }
  for (guint i = 0; i < plan->n_dates; i++)
    g_ptr_array_add (dates, weekday_offset (&demo->today, plan->dates[i]));
  if (dates->len > 0)
    {
      g_ptr_array_add (dates, NULL);
      item->dates = (char **) g_ptr_array_free (g_steal_pointer (&dates), FALSE);
    }
  return kl_store_insert_cost (demo->db, item, error);
}

static gboolean
add_costs (Demo            *demo,
           gint64           programme,
           GArray          *sessions,
           const CostPlan  *plans,
           guint            n_plans,
           GError         **error)
{
  for (guint i = 0; i < n_plans; i++)
    if (!add_cost (demo, programme, sessions, &plans[i], error))
      return FALSE;
  return TRUE;
}

/* A case applied for `applied` days from today, for the amount `funding
 * apply` records: the rate of the budget's capped basis, under the rules
 * in force on the application date. */
static KlFundingCase *
apply_case (Demo    *demo,
            gint64   programme,
            int      applied,
            GError **error)
{
  g_autoptr(KlFundingCase) funding = kl_funding_case_new ();
  g_autoptr(KlClaim) claim = NULL;

  funding->programme_id = programme;
  funding->status = g_strdup ("applied");
  funding->applied_date = day_offset (&demo->today, applied);
  if (!kl_store_save_funding_case (demo->db, funding, error))
    return NULL;
  claim = kl_store_compute_claim (demo->db, funding->programme_id, KL_CLAIM_BUDGET, error);
  if (claim == NULL)
    return NULL;
  funding->applied_ore = claim->claim_ore;
  if (!kl_store_save_funding_case (demo->db, funding, error))
    return NULL;
  return g_steal_pointer (&funding);
}

/* The grant of all that was applied for, as this year's KS case `serial`. */
static gboolean
grant_case (Demo           *demo,
            KlFundingCase  *funding,
            int             serial,
            int             granted,
            int             expires,
            GError        **error)
{
  g_autofree char *year = day_offset (&demo->today, 0);

  g_free (funding->status);
  funding->status = g_strdup ("granted");
  funding->case_no = g_strdup_printf ("%.2s/%05d", year + 2, serial);
  funding->granted_ore = funding->applied_ore;
  funding->grant_date = day_offset (&demo->today, granted);
  funding->expiry_date = day_offset (&demo->today, expires);
  return kl_store_save_funding_case (demo->db, funding, error);
}

static gboolean
fill_small (Demo    *demo,
            GError **error)
{
  g_autoptr(KlSettings) settings = kl_settings_new ();
  g_autoptr(GArray) vestland_people = NULL;
  g_autoptr(GArray) baerum_people = NULL;
  g_autoptr(GArray) supervisors = NULL;
  g_autoptr(GArray) s_vestland = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) s_baerum = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) s_uv = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(KlFundingCase) funding = NULL;
  gint64 vestland, baerum, schools_v[3], schools_b[5];
  gint64 p_vestland, p_baerum, p_uv;
  ProgrammePlan plan;

  settings->name = g_strdup ("Stiftelsen IMTEC");
  settings->orgnr = g_strdup ("988077917");
  settings->account = g_strdup ("12345678903");
  settings->address = g_strdup ("Postboks 123 Sentrum, 0102 Oslo");
  settings->signatory_name = g_strdup ("Ingrid Haugen");
  settings->signatory_title = g_strdup ("Daglig leder");
  if (!kl_store_save_settings (demo->db, settings, error))
    return FALSE;

  if (!(vestland = add_client (demo, "Vestland fylkeskommune", "fylkeskommune", 0, "821311632",
                               "Postboks 7900, 5020 Bergen", "Randi Myklebust", "vlfk.no", error))
      || !(schools_v[0] = add_client (demo, "Bergen katedralskole", "skole", vestland, NULL,
                                      "Kong Oscars gate 36, 5017 Bergen", "Geir Sandvik", "vlfk.no", error))
      || !(schools_v[1] = add_client (demo, "Amalie Skram vidaregåande skule", "skole", vestland, NULL,
                                      "Nygårdsgaten 5, 5015 Bergen", NULL, "vlfk.no", error))
      || !(schools_v[2] = add_client (demo, "Voss gymnas", "skole", vestland, NULL,
                                      "Hagavegen 19, 5705 Voss", NULL, "vlfk.no", error))
      || !(baerum = add_client (demo, "Bærum kommune", "kommune", 0, "935478715",
                                "Postboks 700, 1304 Sandvika", "Solveig Nygård", "baerum.kommune.no", error))
      || !(schools_b[0] = add_client (demo, "Bekkestua skole", "skole", baerum, NULL,
                                      "Bekkestuveien 30, 1357 Bekkestua", NULL, "baerum.kommune.no", error))
      || !(schools_b[1] = add_client (demo, "Jar skole", "skole", baerum, NULL, "Vollsveien 1, 1358 Jar",
                                      NULL, "baerum.kommune.no", error))
      || !(schools_b[2] = add_client (demo, "Rykkinn skole", "skole", baerum, NULL,
                                      "Kirkeveien 216, 1349 Rykkinn", NULL, "baerum.kommune.no", error))
      || !(schools_b[3] = add_client (demo, "Hauger barnehage", "barnehage", baerum, NULL,
                                      "Haugerveien 10, 1349 Rykkinn", NULL, "baerum.kommune.no", error))
      || !(schools_b[4] = add_client (demo, "Solstad barnehage", "barnehage", baerum, NULL,
                                      "Solstadveien 2, 1341 Slependen", NULL, "baerum.kommune.no", error)))
    return FALSE;

  if (!(demo->staff[0] = add_consultant (demo, "Ingrid Solheim", FALSE, 14000, error))
      || !(demo->staff[1] = add_consultant (demo, "Per Arne Dahl", FALSE, 14000, error))
      || !(demo->staff[2] = add_consultant (demo, "Marte Lunde", FALSE, 13500, error))
      || !(demo->staff[3] = add_consultant (demo, "Jonas Berg", FALSE, 13500, error))
      || !(demo->speakers[0] = add_consultant (demo, "Hilde Aas", TRUE, 25000, error))
      || !(demo->speakers[1] = add_consultant (demo, "Tor Egil Rønning", TRUE, 20000, error)))
    return FALSE;

  plan = (ProgrammePlan) {
    "LED SKOLE Vestland", "led-skole", "running", -120, 40, vestland, demo->staff[0],
    "Skoleledere som leder lærende organisasjoner og bruker data i utviklingsarbeidet.",
    "Rektorer og mellomledere i videregående skoler i Vestland",
    "Kartlegging av skolenes praksis og resultater.",
    "Skoler der elevene lærer mer og ledelsen er tydelig.",
    "Fagsamlinger, veiledning på egen skole og nettverk mellom skolene.",
  };
  if (!(p_vestland = add_programme (demo, &plan, error))
      || !(vestland_people = add_participants (demo, p_vestland, schools_v, 3, "vlfk.no", 16, error))
      || !add_sessions_and_attendance (demo, p_vestland, -110, 6, 28, "Bergen, Scandic Ørnen", vestland_people,
                                       s_vestland, error)
      /* Coaching at each school between the first two seminars, and
       * last week's round, held but not recorded yet. */
      || !add_coaching (demo, p_vestland, schools_v, 3, -96, TRUE, vestland_people, error)
      || !add_coaching (demo, p_vestland, schools_v, 3, -12, FALSE, vestland_people, error))
    return FALSE;

  plan = (ProgrammePlan) {
    "LED SKOLE Bærum", "led-skole", "finished", -450, -120, baerum, demo->staff[1],
    "Felles forståelse av god ledelse av læring i Bærumsskolen.",
    "Rektorer og inspektører i Bærum kommune",
    "Elevundersøkelsen og skolebasert vurdering.",
    "Profesjonelle læringsfellesskap på alle skoler.",
    "Seks fagsamlinger med oppgaver mellom samlingene.",
  };
  if (!(p_baerum = add_programme (demo, &plan, error))
      || !(baerum_people = add_participants (demo, p_baerum, schools_b, 3, "baerum.kommune.no", 14, error))
      || !add_sessions_and_attendance (demo, p_baerum, -440, 6, 55, "Sandvika, Bærum rådhus", baerum_people,
                                       s_baerum, error)
      || !add_coaching (demo, p_baerum, schools_b, 3, -412, TRUE, baerum_people, error))
    return FALSE;

  plan = (ProgrammePlan) {
    "Utviklingsveileder-opplæring Bærum", "utviklingsveileder", "planned", 10, 300, baerum, demo->staff[2],
    "Interne utviklingsveiledere som kan lede prosesser på egen enhet.",
    "Utviklingsveiledere i skoler og barnehager",
    "Hva vet vi om enhetenes utviklingsarbeid i dag?",
    "Hver enhet har en veileder som driver utviklingsarbeidet.",
    "Opplæring i fire moduler med praksis mellom modulene.",
  };
  if (!(p_uv = add_programme (demo, &plan, error))
      || !(supervisors = add_participants (demo, p_uv, schools_b, 5, "baerum.kommune.no", 10, error))
      || !add_sessions_and_attendance (demo, p_uv, 12, 4, 60, "Sandvika, Kunnskapssenteret", supervisors, s_uv,
                                       error))
    return FALSE;

  /* Costs: IMTEC's offer (the budget the application is built from) and
   * the invoices so far. Fees by the sessions they are for, speakers'
   * trips, and what the fund does not cover. The running programme has
   * invoices for its first two sessions; its last session came after the
   * offer and has no cost line. */
  {
    const CostPlan vestland_costs[] = {
      { "supervisor-fee", demo->staff[0], 0x1f, NULL, 0, 0, 70000, 17500, "Stiftelsen IMTEC" },
      { "supervisor-fee", demo->staff[1], 0x1e, NULL, 0, 0, 56000, 14000, "Stiftelsen IMTEC" },
      { "speaker-fee", demo->speakers[0], 0x09, NULL, 0, 0, 50000, 12500, "Hilde Aas AS" },
      { "travel", demo->speakers[0], 0, NULL, 0, 0, 7000, 0, "Widerøe" },
      { "accommodation", demo->speakers[0], 0, NULL, 0, 0, 3200, 384, "Scandic Ørnen" },
      { "venue", 0, 0, NULL, 0, 0, 18000, 4500, "Scandic Ørnen" },
      { "supervisor-fee", demo->staff[0], 0x03, NULL, 0, 0, 28000, 7000, "Stiftelsen IMTEC", "2025-101", -78 },
      { "supervisor-fee", demo->staff[1], 0x02, NULL, 0, 0, 14000, 3500, "Stiftelsen IMTEC", "2025-102", -78 },
      { "speaker-fee", demo->speakers[0], 0x01, NULL, 0, 0, 25000, 6250, "Hilde Aas AS", "HA-17", -100 },
      { "travel", demo->speakers[0], 0, NULL, 0, 0, 3420, 0, "Widerøe", "W-88123", -108 },
      { "accommodation", demo->speakers[0], 0, NULL, 0, 0, 1575, 189, "Scandic Ørnen", "SO-5521", -105 },
      { "venue", 0, 0, NULL, 0, 0, 6000, 1500, "Scandic Ørnen", "SO-5522", -75 },
      { "catering", 0, 0, NULL, 0, 0, 11200, 1680, "Scandic Ørnen", "SO-5523", -75 },
    };
    /* Coaching at the schools three weeks after each seminar. */
    const int coaching[] = { -419, -364, -309, -254, -199, -144 };
    /* A speaker who also coached the leaders on the day of a seminar:
     * one cap for that person and day, shared by both fees. */
    const CostPlan baerum_costs[] = {
      { "supervisor-fee", demo->staff[1], 0x3f, coaching, G_N_ELEMENTS (coaching), 0, 168000, 42000,
        "Stiftelsen IMTEC" },
      { "speaker-fee", demo->speakers[1], 0x15, NULL, 0, 0, 60000, 15000, "Rønning Kompetanse" },
      { "travel", demo->speakers[1], 0, NULL, 0, 0, 2400, 0, "Vy" },
      { "materials", 0, 0, NULL, 0, 0, 7500, 1875, "Cappelen Damm" },
      { "supervisor-fee", demo->staff[1], 0x3f, coaching, G_N_ELEMENTS (coaching), 0, 168000, 42000,
        "Stiftelsen IMTEC", "2024-311", -140 },
      { "speaker-fee", demo->speakers[1], 0x15, NULL, 0, 0, 60000, 15000, "Rønning Kompetanse", "RK-2024-9", -210 },
      { "supervisor-fee", demo->speakers[1], 0x10, NULL, 0, 0, 6000, 1500, "Rønning Kompetanse", "RK-2024-12", -210,
        "Veiledning av ledergruppen etter samlingen" },
      { "travel", demo->speakers[1], 0, NULL, 0, 0, 2480, 0, "Vy", "VY-7781", -210 },
      { "travel", 0, 0, NULL, 0, 0, 3900, 0, "Ruter", "R-1120", -250 },
      { "materials", 0, 0, NULL, 0, 0, 7500, 1875, "Cappelen Damm", "CD-4410", -400 },
    };
    /* Planned: the offer, and the university's course fee paid ahead. */
    const CostPlan uv_costs[] = {
      { "supervisor-fee", demo->staff[2], 0x0f, NULL, 0, 0, 54000, 13500, "Stiftelsen IMTEC" },
      { "speaker-fee", demo->speakers[0], 0x01, NULL, 0, 0, 25000, 6250, "Hilde Aas AS" },
      { "speaker-fee", demo->speakers[1], 0x08, NULL, 0, 0, 20000, 5000, "Rønning Kompetanse" },
      { "travel", demo->speakers[0], 0, NULL, 0, 0, 3500, 0, "Widerøe" },
      { "participant-fee", 0, 0, NULL, 0, 10, 45000, 0, "Universitetet i Sørøst-Norge" },
      { "participant-fee", 0, 0, NULL, 0, 10, 45000, 0, "Universitetet i Sørøst-Norge", "USN-22", -5 },
    };

    if (!add_costs (demo, p_vestland, s_vestland, vestland_costs, G_N_ELEMENTS (vestland_costs), error)
        || !add_costs (demo, p_baerum, s_baerum, baerum_costs, G_N_ELEMENTS (baerum_costs), error)
        || !add_costs (demo, p_uv, s_uv, uv_costs, G_N_ELEMENTS (uv_costs), error))
      return FALSE;
  }

  /* Funding in three states: granted, payout requested, applied. Each
   * applied for 70 % of its budget's capped basis, and granted that. */
  if ((funding = apply_case (demo, p_vestland, -150, error)) == NULL
      || !grant_case (demo, funding, 1234, -130, 45, error))
    return FALSE;
  g_clear_pointer (&funding, kl_funding_case_free);

  if ((funding = apply_case (demo, p_baerum, -470, error)) == NULL
      || !grant_case (demo, funding, 877, -455, 120, error))
    return FALSE;
  g_free (funding->status);
  funding->status = g_strdup ("payout-requested");
  funding->payout_date = day_offset (&demo->today, -30);
  if (!kl_store_save_funding_case (demo->db, funding, error))
    return FALSE;
  g_clear_pointer (&funding, kl_funding_case_free);

  funding = apply_case (demo, p_uv, -10, error);
  return funding != NULL;
}

/* The day the fund's earliest rules came into force: no case can be
 * computed under rules from before it. */
static gboolean
earliest_scheme_day (KlDb    *db,
                     GDate   *day,
                     GError **error)
{
  g_autoptr(KlStmt) stmt = kl_db_query (db, error, "SELECT min(valid_from) FROM scheme_version", NULL);
  g_autofree char *text = NULL;
  unsigned y, m, d;

  if (stmt == NULL || !kl_stmt_next (stmt, error))
    return FALSE;
  text = kl_stmt_text (stmt, 0);
  g_date_clear (day, 1);
  if (text == NULL || sscanf (text, "%4u-%2u-%2u", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    {
      g_set_error (error, KL_ERROR, KL_ERROR_FAILED, _("The database holds no version of the fund's rules"));
      return FALSE;
    }
  g_date_set_dmy (day, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

/* A cost line of the years' demo: budget, or invoiced at the end. */
typedef struct
{
  KlCostCategory category;
  gint64 consultant;
  guint days;
  gint64 net_ore;
  gint64 vat_ore;
  const char *supplier;
  const char *invoice_prefix;
  GArray *sessions;       /* gint64, or NULL */
} YearCost;

static KlCostItem *
year_cost_item (const YearCost *line,
                gint64          programme,
                gboolean        budget,
                const char     *end_date,
                GArray         *session_ids,
                GPtrArray      *session_days)
{
  KlCostItem *item = kl_cost_item_new ();
  g_autoptr(GPtrArray) covered = g_ptr_array_new ();

  item->programme_id = programme;
  item->category = line->category;
  item->budget = budget;
  item->consultant_id = line->consultant;
  item->days = (int) line->days;
  item->net_ore = line->net_ore;
  item->vat_ore = line->vat_ore;
  item->supplier = g_strdup (line->supplier);
  if (!budget)
    {
      item->invoice_no = g_strdup_printf ("%s-%" G_GINT64_FORMAT, line->invoice_prefix, programme);
      item->invoice_date = g_strdup (end_date);
    }
  if (line->sessions != NULL)
    {
      item->session_ids = g_array_ref (line->sessions);
      /* What the store would read back: the days of those sessions. */
      for (guint i = 0; i < line->sessions->len; i++)
        for (guint j = 0; j < session_ids->len; j++)
          if (g_array_index (session_ids, gint64, j) == g_array_index (line->sessions, gint64, i))
            g_ptr_array_add (covered, g_strdup (g_ptr_array_index (session_days, j)));
      g_ptr_array_sort (covered, (GCompareFunc) g_strcmp0);
      g_ptr_array_add (covered, NULL);
      item->covered = (char **) g_ptr_array_free (g_steal_pointer (&covered), FALSE);
    }
  return item;
}

/* The tables fill_years writes row by row, each through a copy (one COPY
 * for many programmes on a server, rather than a round trip a row), in
 * the order their foreign keys need them ended. */
typedef enum
{
  COPY_PARTICIPANT,
  COPY_ENROLMENT,
  COPY_SESSION,
  COPY_SESSION_LEADER,
  COPY_ATTENDANCE,
  COPY_COST_ITEM,
  COPY_COST_SESSION,
  N_COPIES
} CopyTable;

/* Programmes between two sends of the copies: a server gets a few large
 * COPYs, and the rows kept in memory meanwhile stay a few megabytes. */
#define PROGRAMMES_A_COPY 100

static const struct
{
  const char *table;
  const char *columns;
  const char *types;
} copy_tables[N_COPIES] = {
  [COPY_PARTICIPANT] = { "participant", "id, name, email, role, workplace_id", "ittti" },
  [COPY_ENROLMENT] = { "enrolment", "programme_id, participant_id", "ii" },
  [COPY_SESSION] = { "session", "id, programme_id, kind, title, starts_at, ends_at, location", "iittttt" },
  [COPY_SESSION_LEADER] = { "session_leader", "session_id, consultant_id", "ii" },
  [COPY_ATTENDANCE] = { "attendance", "session_id, participant_id, status, minutes", "iitn" },
  [COPY_COST_ITEM] = { "cost_item", "id, programme_id, category, budget, consultant_id, days, net_ore, vat_ore, "
                                    "supplier, invoice_no, invoice_date", "iitnrniittt" },
  [COPY_COST_SESSION] = { "cost_session", "cost_id, session_id", "ii" },
};

static gboolean
begin_copies (KlDb     *db,
              KlCopy  **copies,
              GError  **error)
{
  for (guint i = 0; i < N_COPIES; i++)
    {
      copies[i] = kl_db_copy_begin (db, copy_tables[i].table, copy_tables[i].columns, copy_tables[i].types, error);
      if (copies[i] == NULL)
        return FALSE;
    }
  return TRUE;
}

/* Sends every copy's rows, in order, and frees them. */
static gboolean
end_copies (KlCopy  **copies,
            GError  **error)
{
  gboolean ok = TRUE;

  for (guint i = 0; i < N_COPIES; i++)
    {
      if (ok && copies[i] != NULL)
        ok = kl_copy_end (copies[i], error);
      g_clear_pointer (&copies[i], kl_copy_free);
    }
  return ok;
}

static void
free_copies (KlCopy **copies)
{
  for (guint i = 0; i < N_COPIES; i++)
    g_clear_pointer (&copies[i], kl_copy_free);
}

/* item->id is reserved (kl_db_reserve_ids). */
static gboolean
insert_year_cost (KlCopy     **copies,
                  KlCostItem  *item,
                  GError     **error)
{
  if (!kl_copy_row (copies[COPY_COST_ITEM], error, item->id, item->programme_id,
                    kl_cost_categories[item->category], item->budget ? 1 : 0, item->consultant_id, item->days,
                    item->net_ore, item->vat_ore, item->supplier, item->invoice_no, item->invoice_date))
    return FALSE;
  for (guint i = 0; item->session_ids != NULL && i < item->session_ids->len; i++)
    if (!kl_copy_row (copies[COPY_COST_SESSION], error, item->id, g_array_index (item->session_ids, gint64, i)))
      return FALSE;
  return TRUE;
}

/* Years of IMTEC at scale: written with plain statements in one
 * transaction, since a million marks through the store would take minutes.
 * Programmes are spread from `years` ago, or from the fund's earliest
 * rules if those came later, to today. */
static gboolean
fill_years_copied (Demo     *demo,
                   guint     years,
                   KlCopy  **copies,
                   GError  **error)
{
  KlDb *db = demo->db;
  const guint n_programmes = 100 * years;
  const guint n_municipalities = 8 * years;
  const guint schools_per_municipality = 9;
  const guint n_consultants = 20 + 2 * years;
  g_autoptr(GArray) schools = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) municipalities = g_array_new (FALSE, FALSE, sizeof (gint64));
  GDate first_day = demo->today;
  GDate earliest;
  gint64 span;
  g_autoptr(KlSchemeVersion) scheme = NULL;
  gint64 next_participant = 0;
  gint64 session_serial = 0;

  g_date_subtract_days (&first_day, years * 365);
  if (!earliest_scheme_day (db, &earliest, error))
    return FALSE;
  if (g_date_compare (&first_day, &earliest) < 0)
    first_day = earliest;
  span = MAX (0, g_date_days_between (&first_day, &demo->today));

  if (!kl_db_exec (db, error, "UPDATE settings SET name = 'Stiftelsen IMTEC', orgnr = '988077917', "
                              "account = '12345678903', address = 'Postboks 123 Sentrum, 0102 Oslo', "
                              "signatory_name = 'Ingrid Haugen', signatory_title = 'Daglig leder'", NULL))
    return FALSE;

  for (guint i = 0; i < n_consultants; i++)
    {
      g_autofree char *name = person_name (demo->rand);
      g_autofree char *email = person_email (name, "imtec.no", i + 1);

      if (!kl_db_exec (db, error, "INSERT INTO consultant (name, email, external, day_rate_ore) VALUES (?1, ?2, ?3, ?4)",
                       "ttni", name, email, i >= 14 ? 1 : 0, (gint64) (i >= 14 ? 2000000 : 1400000)))
        return FALSE;
    }

  for (guint m = 0; m < n_municipalities; m++)
    {
      const char *place = places[m % G_N_ELEMENTS (places)];
      g_autofree char *name = g_strdup_printf (m < G_N_ELEMENTS (places) ? "%s kommune" : "%s kommune %u",
                                               place, m / (guint) G_N_ELEMENTS (places) + 1);
      g_autofree char *orgnr = make_orgnr (1000 + m * 7);
      g_autofree char *account = make_account (m * 13);
      gint64 id;

      if (!kl_db_exec (db, error, "INSERT INTO client (name, kind, orgnr, account, address) VALUES (?1, 'kommune', ?2, ?3, ?4) RETURNING id",
                       "tttt", name, orgnr, account, place))
        return FALSE;
      id = kl_db_last_id (db);
      g_array_append_val (municipalities, id);
      for (guint s = 0; s < schools_per_municipality; s++)
        {
          g_autofree char *school = g_strdup_printf ("%s %s %u", place, s % 3 == 2 ? "barnehage" : "skole", s + 1);
          gint64 school_id;

          if (!kl_db_exec (db, error, "INSERT INTO client (name, kind, parent_id, address) VALUES (?1, ?2, ?3, ?4) RETURNING id",
                           "ttit", school, s % 3 == 2 ? "barnehage" : "skole", id, place))
            return FALSE;
          school_id = kl_db_last_id (db);
          g_array_append_val (schools, school_id);
        }
    }

  if (!begin_copies (db, copies, error))
    return FALSE;
  for (guint p = 0; p < n_programmes; p++)
    {
      /* The first programme is the largest one: 300 participants, 40 sessions. */
      guint n_sessions = p == 0 ? 40 : (guint) g_rand_int_range (demo->rand, 4, 37);
      guint n_people = p == 0 ? 300 : (guint) g_rand_int_range (demo->rand, 20, 100);
      guint municipality = (guint) g_rand_int_range (demo->rand, 0, (gint32) n_municipalities);
      gint64 client = g_array_index (municipalities, gint64, municipality);
      GDate start = first_day;
      char start_text[11], end_text[11];
      g_autofree char *title = g_strdup_printf ("%s %s %u", p % 3 == 2 ? "Utviklingsveileder" : "LED SKOLE",
                                                places[municipality % G_N_ELEMENTS (places)], p + 1);
      g_autoptr(GArray) people = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_people);
      g_autoptr(GArray) session_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_sessions);
      g_autoptr(GPtrArray) session_days = g_ptr_array_new_full (n_sessions, g_free);
      g_autoptr(GPtrArray) planned = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_cost_item_free);
      g_autoptr(GPtrArray) invoiced = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_cost_item_free);
      g_autoptr(GArray) participant_ids = NULL;
      g_autoptr(GArray) cost_ids = NULL;
      guint n_costs = 0;
      GDate end;
      gint64 programme;
      gint64 lead = g_rand_int_range (demo->rand, 1, 15);
      const char *status;
      int today_cmp;

      g_date_add_days (&start, (guint) ((gint64) p * span / n_programmes));
      end = start;
      g_date_add_days (&end, n_sessions * 7 + 14);
      g_date_strftime (start_text, sizeof start_text, "%Y-%m-%d", &start);
      g_date_strftime (end_text, sizeof end_text, "%Y-%m-%d", &end);
      today_cmp = g_date_compare (&end, &demo->today);
      status = today_cmp < 0 ? "finished" : g_date_compare (&start, &demo->today) > 0 ? "planned" : "running";

      if (!kl_db_exec (db, error,
                       "INSERT INTO programme (client_id, title, kind, start_date, end_date, status, lead_id, goals, target_group) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'Bedre ledelse av læring', 'Skoleledere') RETURNING id",
                       "itttttr", client, title, p % 3 == 2 ? "utviklingsveileder" : "led-skole",
                       start_text, end_text, status, lead))
        return FALSE;
      programme = kl_db_last_id (db);

      if (p > 0 && p % PROGRAMMES_A_COPY == 0 && (!end_copies (copies, error) || !begin_copies (db, copies, error)))
        return FALSE;
      participant_ids = kl_db_reserve_ids (db, "participant", n_people, error);
      if (participant_ids == NULL)
        return FALSE;
      for (guint i = 0; i < n_people; i++)
        {
          g_autofree char *name = person_name (demo->rand);
          g_autofree char *email = person_email (name, "skole.no", (guint) ++next_participant);
          gint64 workplace = g_array_index (schools, gint64, municipality * schools_per_municipality
                                                              + i % schools_per_municipality);
          gint64 id = g_array_index (participant_ids, gint64, i);

          if (!kl_copy_row (copies[COPY_PARTICIPANT], error, id, name, email,
                            school_roles[i % G_N_ELEMENTS (school_roles)], workplace))
            return FALSE;
          g_array_append_val (people, id);
          if (!kl_copy_row (copies[COPY_ENROLMENT], error, programme, id))
            return FALSE;
        }

      {
        g_autoptr(GArray) reserved = kl_db_reserve_ids (db, "session", n_sessions, error);

        if (reserved == NULL)
          return FALSE;
        g_array_append_vals (session_ids, reserved->data, reserved->len);
      }
      for (guint s = 0; s < n_sessions; s++)
        {
          GDate day = start;
          char day_text[11];
          g_autofree char *starts = NULL;
          g_autofree char *ends = NULL;
          g_autofree char *session_title = g_strdup_printf ("Samling %u", s + 1);
          gint64 session = g_array_index (session_ids, gint64, s);
          gboolean held;

          g_date_add_days (&day, s * 7);
          g_date_strftime (day_text, sizeof day_text, "%Y-%m-%d", &day);
          starts = g_strdup_printf ("%sT09:00", day_text);
          ends = g_strdup_printf ("%sT15:00", day_text);
          if (!kl_copy_row (copies[COPY_SESSION], error, session, programme,
                            s % 4 == 1 ? "veiledning" : "fagsamling", session_title, starts, ends,
                            places[municipality % G_N_ELEMENTS (places)]))
            return FALSE;
          g_ptr_array_add (session_days, g_strdup (day_text));
          session_serial++;
          if (!kl_copy_row (copies[COPY_SESSION_LEADER], error, session, lead))
            return FALSE;

          held = g_date_compare (&day, &demo->today) < 0;
          for (guint i = 0; held && i < n_people; i++)
            {
              guint32 roll = g_rand_int_range (demo->rand, 0, 100);

              if (!kl_copy_row (copies[COPY_ATTENDANCE], error, session, g_array_index (people, gint64, i),
                                roll < 85 ? "present" : roll < 92 ? "excused" : roll < 97 ? "absent" : "partial",
                                roll >= 97 ? 180 : 0))
                return FALSE;
            }
        }

      /* Costs: the offer (the lead's days on the first sessions, a
       * speaker's two days and trip, the venue) and the invoices, which
       * differ only in the trip. */
      {
        guint days = n_sessions / 2 + 1;
        gint64 speaker = (gint64) (15 + p % 6);
        g_autoptr(GArray) lead_days = g_array_sized_new (FALSE, FALSE, sizeof (gint64), days);
        g_autoptr(GArray) speaker_days = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 2);

        g_array_append_vals (lead_days, session_ids->data, days);
        g_array_append_val (speaker_days, g_array_index (session_ids, gint64, 0));
        g_array_append_val (speaker_days, g_array_index (session_ids, gint64, n_sessions - 1));
        cost_ids = kl_db_reserve_ids (db, "cost_item", 8, error);
        if (cost_ids == NULL)
          return FALSE;
        for (int budget = 1; budget >= 0; budget--)
          {
            const YearCost lines[] = {
              { KL_COST_SUPERVISOR_FEE, lead, days, (gint64) days * 1400000, (gint64) days * 350000,
                "Stiftelsen IMTEC", "IM", lead_days },
              { KL_COST_SPEAKER_FEE, speaker, 2, 4400000, 1100000, "Foredrag AS", "FAS", speaker_days },
              { KL_COST_TRAVEL, speaker, 0, budget ? 500000 : 480000, 0, "Widerøe", "WF", NULL },
              { KL_COST_VENUE, 0, 0, (gint64) n_sessions * 800000, (gint64) n_sessions * 200000, "Hotell", "H", NULL },
            };

            for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
              {
                KlCostItem *item = year_cost_item (&lines[i], programme, budget, end_text, session_ids, session_days);

                g_ptr_array_add (budget ? planned : invoiced, item);
                item->id = g_array_index (cost_ids, gint64, n_costs++);
                if (!insert_year_cost (copies, item, error))
                  return FALSE;
              }
          }
      }

      /* Finished programmes were paid; running ones granted; planned ones
       * applied. Each applied for 70 % of its budget's capped basis under
       * the rules of its application date, and granted that; the payout
       * is what the invoices give, never above the grant. The claims are
       * computed here from the lines just written: reading them back for
       * each of a thousand programmes would take seconds. */
      {
        g_autofree char *case_no = g_strdup_printf ("%02u/%05u", (guint) (g_date_get_year (&start) % 100), p + 1);
        gboolean planned_case = g_str_equal (status, "planned");
        gboolean paid = today_cmp < 0;
        g_autoptr(KlClaim) budget = NULL;
        g_autoptr(KlClaim) actual = NULL;

        if (scheme == NULL || strcmp (start_text, scheme->valid_from) < 0
            || (scheme->valid_to != NULL && strcmp (start_text, scheme->valid_to) > 0))
          {
            g_clear_pointer (&scheme, kl_scheme_version_free);
            scheme = kl_store_scheme_for_date (db, KL_DEFAULT_SCHEME, start_text, error);
            if (scheme == NULL)
              return FALSE;
          }
        budget = kl_claim_compute (scheme, planned, KL_NO_AMOUNT, KL_LANG_NB, error);
        if (budget == NULL)
          return FALSE;
        actual = kl_claim_compute (scheme, invoiced, budget->claim_ore, KL_LANG_NB, error);
        if (actual == NULL)
          return FALSE;
        if (!kl_db_exec (db, error,
                         "INSERT INTO funding_case (programme_id, status, applied_date, applied_ore, case_no, granted_ore, "
                         "grant_date, expiry_date, payout_date, paid_ore, paid_date) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?3, ?7, ?8, ?9, ?8)",
                         "ittitatta", programme, paid ? "paid" : planned_case ? "applied" : "granted",
                         start_text, budget->claim_ore, planned_case ? NULL : case_no,
                         planned_case ? KL_NO_AMOUNT : budget->claim_ore,
                         planned_case ? NULL : end_text,
                         paid ? end_text : NULL,
                         paid ? actual->payout_ore : KL_NO_AMOUNT))
          return FALSE;
      }
    }
  return end_copies (copies, error);
}

static gboolean
fill_years (Demo    *demo,
            guint    years,
            GError **error)
{
  KlCopy *copies[N_COPIES] = { NULL };
  gboolean ok = fill_years_copied (demo, years, copies, error);

  free_copies (copies);
  return ok;
}

gboolean
kl_demo_fill (KlDb    *db,
              guint    years,
              GError **error)
{
  return kl_demo_fill_on (db, years, NULL, error);
}

/* As kl_demo_fill(), with `today` (YYYY-MM-DD) in place of the real one,
 * so that a test's figures do not move with the calendar. */
gboolean
kl_demo_fill_on (KlDb        *db,
                 guint        years,
                 const char  *today,
                 GError     **error)
{
  g_autoptr(KlTransaction) tx = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261123);
  Demo demo = { db, rand };
  gboolean ok;

  g_return_val_if_fail (KL_IS_DB (db), FALSE);

  g_date_clear (&demo.today, 1);
  if (today != NULL)
    {
      unsigned y, m, d;

      g_return_val_if_fail (sscanf (today, "%4u-%2u-%2u", &y, &m, &d) == 3 && g_date_valid_dmy (d, m, y), FALSE);
      g_date_set_dmy (&demo.today, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
    }
  else
    {
      g_autoptr(GDateTime) now = kl_clock_now ();

      g_date_set_dmy (&demo.today, (GDateDay) g_date_time_get_day_of_month (now),
                      (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
    }
  tx = kl_db_begin (db, error);
  if (tx == NULL)
    return FALSE;
  /* Generated data are nobody's change: a trail of a million "not marked
   * -> present" rows would take five times as long to write and more
   * than double the file. The pause covers this transaction only. */
  kl_db_pause_audit (db, TRUE);
  ok = years > 0 ? fill_years (&demo, years, error) : fill_small (&demo, error);
  kl_db_pause_audit (db, FALSE);
  return ok && kl_transaction_commit (tx, error);
}
