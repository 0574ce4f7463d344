/* Planning and applying an import of participants (see kl-import.h).
 * Over 800 lines: the header matching, the matching of people and the
 * one transaction belong together; progress and cancelling, for long
 * lists, add the rest. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kl-error.h"
#include "kl-import.h"
#include "kl-store.h"
#include "kl-validate.h"

/* What a column may hold. A field may come from several columns (Telefon
 * and Mobil): the first that is not empty in a row counts. */
typedef enum
{
  FIELD_NAME,
  FIELD_FIRST,
  FIELD_LAST,
  FIELD_EMAIL,
  FIELD_PHONE,
  FIELD_ROLE,
  FIELD_WORKPLACE,
  N_FIELDS
} Field;

/* Headers as they are written, after case folding and without spaces,
 * hyphens, dots and underscores ("E-post" is "epost"). */
static const struct
{
  const char *header;
  Field field;
} known_headers[] = {
  { "navn", FIELD_NAME }, { "fulltnavn", FIELD_NAME }, { "deltaker", FIELD_NAME },
  { "deltakernavn", FIELD_NAME }, { "name", FIELD_NAME }, { "fullname", FIELD_NAME },
  { "participant", FIELD_NAME },
  { "fornavn", FIELD_FIRST }, { "firstname", FIELD_FIRST }, { "givenname", FIELD_FIRST },
  { "etternavn", FIELD_LAST }, { "lastname", FIELD_LAST }, { "surname", FIELD_LAST },
  { "familyname", FIELD_LAST },
  { "epost", FIELD_EMAIL }, { "epostadresse", FIELD_EMAIL }, { "email", FIELD_EMAIL },
  { "emailaddress", FIELD_EMAIL }, { "mail", FIELD_EMAIL },
  { "telefon", FIELD_PHONE }, { "telefonnummer", FIELD_PHONE }, { "tlf", FIELD_PHONE },
  { "mobil", FIELD_PHONE }, { "mobilnummer", FIELD_PHONE }, { "mobiltelefon", FIELD_PHONE },
  { "phone", FIELD_PHONE }, { "phonenumber", FIELD_PHONE }, { "mobile", FIELD_PHONE },
  { "stilling", FIELD_ROLE }, { "stillingstittel", FIELD_ROLE }, { "rolle", FIELD_ROLE },
  { "tittel", FIELD_ROLE }, { "role", FIELD_ROLE }, { "position", FIELD_ROLE },
  { "jobtitle", FIELD_ROLE }, { "title", FIELD_ROLE },
  { "skole", FIELD_WORKPLACE }, { "arbeidssted", FIELD_WORKPLACE }, { "enhet", FIELD_WORKPLACE },
  { "virksomhet", FIELD_WORKPLACE }, { "barnehage", FIELD_WORKPLACE }, { "workplace", FIELD_WORKPLACE },
  { "school", FIELD_WORKPLACE }, { "unit", FIELD_WORKPLACE }, { "organisation", FIELD_WORKPLACE },
  { "organization", FIELD_WORKPLACE },
};

typedef struct
{
  KlDb *db;
  KlImportPlan *plan;
  GArray *columns[N_FIELDS];     /* guint column numbers */
  guint n_header_fields;
  GHashTable *clients;           /* folded name -> gint64 id, 0 when several share it */
  GHashTable *by_email;          /* folded e-mail -> KlParticipant (borrowed) */
  GHashTable *by_name;           /* "folded name\x1fworkplace id" -> GPtrArray of KlParticipant */
  GHashTable *enrolled;          /* gint64 ids in the programme */
  GHashTable *seen;              /* key of a person already in the file -> KlImportRow (borrowed) */
  GHashTable *roles;             /* folded role -> its usual spelling */
  GPtrArray *participants;
} Planner;

/* Helpers */

static void
problem_free (KlImportProblem *problem)
{
  g_free (problem->message);
  g_free (problem);
}

static void
row_free (KlImportRow *row)
{
  kl_participant_free (row->participant);
  g_free (row->workplace);
  g_ptr_array_unref (row->problems);
  g_free (row);
}

static void
add_problem (KlImportRow      *row,
             KlImportSeverity  severity,
             char             *message)
{
  KlImportProblem *problem = g_new0 (KlImportProblem, 1);

  problem->severity = severity;
  problem->message = message;
  g_ptr_array_add (row->problems, problem);
}

/* Runs of spaces (no-break ones and line breaks inside a quoted cell too)
 * as one space. Character by character: the bytes of a no-break space
 * (C2 A0) also occur inside letters such as "à" (C3 A0) and "Š" (C5 A0). */
static char *
tidy (const char *text)
{
  g_autoptr(GString) tidied = g_string_new (NULL);
  gboolean gap = FALSE;

  for (const char *p = text ? text : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          gap = tidied->len > 0;
          continue;
        }
      if (gap)
        g_string_append_c (tidied, ' ');
      gap = FALSE;
      g_string_append_unichar (tidied, c);
    }
  if (tidied->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&tidied), FALSE);
}

static gboolean
has_text (const char *text)
{
  g_autofree char *tidied = tidy (text);

  return tidied != NULL;
}

static char *
fold (const char *text)
{
  g_autofree char *tidied = tidy (text);
  g_autofree char *normal = NULL;

  if (tidied == NULL)
    return g_strdup ("");
  normal = g_utf8_normalize (tidied, -1, G_NORMALIZE_NFC);
  return g_utf8_casefold (normal ? normal : tidied, -1);
}

static gboolean
same_name (const char *a,
           const char *b)
{
  g_autofree char *x = fold (a);
  g_autofree char *y = fold (b);

  return g_str_equal (x, y);
}

static char *
header_key (const char *header)
{
  g_autofree char *folded = fold (header);
  GString *key = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p++)
    if (strchr (" -_.:*", *p) == NULL)
      g_string_append_c (key, *p);
  return g_string_free (key, FALSE);
}

static char *
person_key (const char *name,
            gint64      workplace_id)
{
  g_autofree char *folded = fold (name);

  return g_strdup_printf ("%s\x1f%" G_GINT64_FORMAT, folded, workplace_id);
}

static KlParticipant *
participant_copy (const KlParticipant *source)
{
  KlParticipant *copy = kl_participant_new ();

  copy->id = source->id;
  copy->name = g_strdup (source->name);
  copy->email = g_strdup (source->email);
  copy->phone = g_strdup (source->phone);
  copy->role = g_strdup (source->role);
  copy->workplace_id = source->workplace_id;
  copy->notes = g_strdup (source->notes);
  return copy;
}

/* A matched participant keeps what is stored; the file only fills gaps. */
static gboolean
fill_gaps (KlParticipant       *target,
           const KlParticipant *source)
{
  gboolean changed = FALSE;

#define FILL(member) \
  if ((target->member == NULL || *target->member == '\0') && source->member != NULL && *source->member != '\0') \
    { \
      g_free (target->member); \
      target->member = g_strdup (source->member); \
      changed = TRUE; \
    }
  FILL (email)
  FILL (phone)
  FILL (role)
#undef FILL
  if (target->workplace_id == 0 && source->workplace_id > 0)
    {
      target->workplace_id = source->workplace_id;
      changed = TRUE;
    }
  return changed;
}

static const char *
cell (Planner           *planner,
      const KlCsvRecord *record,
      Field              field)
{
  GArray *columns = planner->columns[field];

  for (guint i = 0; i < columns->len; i++)
    {
      const char *value = kl_csv_record_get (record, g_array_index (columns, guint, i));

      if (has_text (value))
        return value;
    }
  return NULL;
}

static void
planner_clear (Planner *planner)
{
  for (guint i = 0; i < N_FIELDS; i++)
    g_clear_pointer (&planner->columns[i], g_array_unref);
  g_clear_pointer (&planner->clients, g_hash_table_unref);
  g_clear_pointer (&planner->by_email, g_hash_table_unref);
  g_clear_pointer (&planner->by_name, g_hash_table_unref);
  g_clear_pointer (&planner->enrolled, g_hash_table_unref);
  g_clear_pointer (&planner->seen, g_hash_table_unref);
  g_clear_pointer (&planner->roles, g_hash_table_unref);
  g_clear_pointer (&planner->participants, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Planner, planner_clear)

static Field
field_of_header (const char *text)
{
  g_autofree char *key = header_key (text);

  for (guint i = 0; i < G_N_ELEMENTS (known_headers); i++)
    if (g_str_equal (key, known_headers[i].header))
      return known_headers[i].field;
  return N_FIELDS;
}

/* Lists often have a title line or two above the headings ("Påmeldte til
 * samling 1"): the headings are the first of the first lines that names a
 * name column. */
static guint
find_header (const KlCsvTable *table)
{
  for (guint i = 0; i < MIN (table->records->len, 6); i++)
    {
      const KlCsvRecord *record = g_ptr_array_index (table->records, i);

      for (guint column = 0; column < record->fields->len; column++)
        {
          Field field = field_of_header (g_ptr_array_index (record->fields, column));

          if (field == FIELD_NAME || field == FIELD_FIRST || field == FIELD_LAST)
            return i;
        }
    }
  return 0;
}

static gboolean
map_header (Planner            *planner,
            const KlCsvRecord  *header,
            const char         *name,
            GError            **error)
{
  g_autoptr(GPtrArray) ignored = g_ptr_array_new ();

  planner->n_header_fields = header->fields->len;
  for (guint i = 0; i < N_FIELDS; i++)
    planner->columns[i] = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint column = 0; column < header->fields->len; column++)
    {
      const char *text = g_ptr_array_index (header->fields, column);
      Field field = field_of_header (text);

      if (field < N_FIELDS)
        g_array_append_val (planner->columns[field], column);
      else if (has_text (text))
        g_ptr_array_add (ignored, (gpointer) text);
    }

  if (planner->columns[FIELD_NAME]->len == 0
      && planner->columns[FIELD_FIRST]->len == 0 && planner->columns[FIELD_LAST]->len == 0)
    {
      g_autofree char *found = NULL;

      g_ptr_array_add (header->fields, NULL);
      found = g_strjoinv (", ", (char **) header->fields->pdata);
      g_ptr_array_remove_index (header->fields, header->fields->len - 1);
      g_set_error (error, KL_ERROR, KL_ERROR_INVALID_FILE,
                   _("%s, line %u: no column with the participants’ names (expected “Navn”, or “Fornavn” and "
                     "“Etternavn”, or “Name”); the first line has: %s"), name, header->line, found);
      return FALSE;
    }
  if (ignored->len > 0)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (ignored, NULL);
      list = g_strjoinv (", ", (char **) ignored->pdata);
      g_ptr_array_add (planner->plan->notes, g_strdup_printf (_("Columns not imported: %s"), list));
    }
  return TRUE;
}

static gboolean
load_lookups (Planner  *planner,
              GError  **error)
{
  g_autoptr(GPtrArray) clients = kl_store_list_clients (planner->db, error);
  g_autoptr(GPtrArray) enrolled = NULL;
  g_auto(GStrv) roles = NULL;

  if (clients == NULL)
    return FALSE;
  planner->participants = kl_store_list_participants (planner->db, 0, error);
  if (planner->participants == NULL)
    return FALSE;
  enrolled = kl_store_list_participants (planner->db, planner->plan->programme_id, error);
  if (enrolled == NULL)
    return FALSE;

  planner->clients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < clients->len; i++)
    {
      KlClient *client = g_ptr_array_index (clients, i);
      char *key = fold (client->name);
      gint64 *id = g_new (gint64, 1);

      *id = g_hash_table_contains (planner->clients, key) ? 0 : client->id;
      g_hash_table_replace (planner->clients, key, id);
    }

  planner->by_email = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  planner->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < planner->participants->len; i++)
    {
      KlParticipant *participant = g_ptr_array_index (planner->participants, i);
      char *key = person_key (participant->name, participant->workplace_id);
      GPtrArray *same = g_hash_table_lookup (planner->by_name, key);

      if (participant->email != NULL && *participant->email != '\0')
        {
          char *email = fold (participant->email);

          if (!g_hash_table_contains (planner->by_email, email))
            g_hash_table_insert (planner->by_email, email, participant);
          else
            g_free (email);
        }
      if (same == NULL)
        {
          same = g_ptr_array_new ();
          g_hash_table_insert (planner->by_name, key, same);
        }
      else
        g_free (key);
      g_ptr_array_add (same, participant);
    }

  planner->enrolled = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < enrolled->len; i++)
    {
      KlParticipant *participant = g_ptr_array_index (enrolled, i);

      g_hash_table_add (planner->enrolled, g_memdup2 (&participant->id, sizeof (gint64)));
    }
  planner->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* "Rektor" in a list is the "rektor" the role field suggests. */
  roles = kl_store_role_suggestions (planner->db, error);
  if (roles == NULL)
    return FALSE;
  planner->roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; roles[i] != NULL; i++)
    g_hash_table_insert (planner->roles, fold (roles[i]), g_strdup (roles[i]));
  return TRUE;
}

/* By e-mail; else by name at the same workplace, unless both have e-mails
 * and they differ (two people of one name at one school). */
static const KlParticipant *
find_match (Planner             *planner,
            const KlParticipant *wanted)
{
  g_autofree char *key = person_key (wanted->name, wanted->workplace_id);
  GPtrArray *same;

  if (wanted->email != NULL)
    {
      g_autofree char *email = fold (wanted->email);
      const KlParticipant *found = g_hash_table_lookup (planner->by_email, email);

      if (found != NULL)
        return found;
    }
  same = g_hash_table_lookup (planner->by_name, key);
  for (guint i = 0; same != NULL && i < same->len; i++)
    {
      const KlParticipant *candidate = g_ptr_array_index (same, i);
      g_autofree char *a = fold (candidate->email);
      g_autofree char *b = fold (wanted->email);

      if (*a == '\0' || *b == '\0' || g_str_equal (a, b))
        return candidate;
    }
  return NULL;
}

static void
plan_workplace (Planner       *planner,
                KlImportRow   *row)
{
  g_autofree char *key = NULL;
  gint64 *id;

  if (row->workplace == NULL)
    return;
  key = fold (row->workplace);
  id = g_hash_table_lookup (planner->clients, key);
  if (id == NULL)
    add_problem (row, KL_IMPORT_WARNING,
                 g_strdup_printf (_("Workplace “%s” is not among the clients; imported without a workplace"),
                                  row->workplace));
  else if (*id == 0)
    add_problem (row, KL_IMPORT_WARNING,
                 g_strdup_printf (_("Several clients are called “%s”; imported without a workplace"),
                                  row->workplace));
  else
    row->participant->workplace_id = *id;
}

static KlImportRow *
plan_record (Planner           *planner,
             const KlCsvRecord *record)
{
  KlImportRow *row = g_new0 (KlImportRow, 1);
  KlParticipant *participant = kl_participant_new ();
  g_autoptr(GError) invalid = NULL;
  g_autofree char *seen_key = NULL;
  const KlParticipant *match;
  const char *email;
  const KlImportRow *earlier;

  row->line = record->line;
  row->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
  row->participant = participant;
  participant->name = tidy (cell (planner, record, FIELD_NAME));
  if (participant->name == NULL)
    {
      g_autofree char *first = tidy (cell (planner, record, FIELD_FIRST));
      g_autofree char *last = tidy (cell (planner, record, FIELD_LAST));

      if (first != NULL || last != NULL)
        participant->name = g_strjoin (" ", first ? first : last, first ? last : NULL, NULL);
    }
  /* A cell copied from a web page may hold a link. */
  email = cell (planner, record, FIELD_EMAIL);
  if (email != NULL && strstr (email, "mailto:") != NULL)
    email = strstr (email, "mailto:") + strlen ("mailto:");
  participant->email = tidy (email);
  participant->phone = tidy (cell (planner, record, FIELD_PHONE));
  participant->role = tidy (cell (planner, record, FIELD_ROLE));
  if (participant->role != NULL)
    {
      g_autofree char *folded = fold (participant->role);
      const char *usual = g_hash_table_lookup (planner->roles, folded);

      if (usual != NULL)
        {
          g_free (participant->role);
          participant->role = g_strdup (usual);
        }
    }
  row->workplace = tidy (cell (planner, record, FIELD_WORKPLACE));

  if (record->fields->len > planner->n_header_fields)
    for (guint i = planner->n_header_fields; i < record->fields->len; i++)
      if (has_text (g_ptr_array_index (record->fields, i)))
        {
          add_problem (row, KL_IMPORT_WARNING,
                       g_strdup_printf (_("%u cells where the first line has %u; the extra cells are ignored"),
                                        record->fields->len, planner->n_header_fields));
          break;
        }

  if (participant->name == NULL)
    add_problem (row, KL_IMPORT_ERROR, g_strdup (_("No name")));
  if (!kl_validate_email (_("E-mail"), participant->email, &invalid))
    add_problem (row, KL_IMPORT_ERROR, g_strdup (invalid->message));
  plan_workplace (planner, row);
  if (kl_import_row_has_error (row))
    {
      row->action = KL_IMPORT_SKIPPED;
      return row;
    }

  seen_key = participant->email != NULL ? fold (participant->email)
                                        : person_key (participant->name, participant->workplace_id);
  earlier = g_hash_table_lookup (planner->seen, seen_key);
  if (earlier != NULL)
    {
      row->action = KL_IMPORT_SKIPPED;
      /* A shared address (post@skole.no) is worth pointing out. */
      if (!same_name (earlier->participant->name, participant->name))
        add_problem (row, KL_IMPORT_WARNING,
                     g_strdup_printf (_("The same e-mail address as line %u (%s); skipped"), earlier->line,
                                      earlier->participant->name));
      else
        add_problem (row, KL_IMPORT_WARNING,
                     g_strdup_printf (_("The same person as on line %u; skipped"), earlier->line));
      return row;
    }
  g_hash_table_insert (planner->seen, g_steal_pointer (&seen_key), row);

  match = find_match (planner, participant);
  if (match == NULL)
    {
      row->action = KL_IMPORT_NEW;
      return row;
    }
  row->action = KL_IMPORT_MATCHED;
  if (!same_name (match->name, participant->name))
    add_problem (row, KL_IMPORT_WARNING,
                 g_strdup_printf (_("The e-mail address is that of “%s”, who keeps that name"), match->name));
  row->participant = participant_copy (match);
  fill_gaps (row->participant, participant);
  kl_participant_free (participant);
  row->enrolled = g_hash_table_contains (planner->enrolled, &match->id);
  return row;
}

static void
count_rows (KlImportPlan *plan)
{
  for (guint i = 0; i < plan->rows->len; i++)
    {
      KlImportRow *row = g_ptr_array_index (plan->rows, i);

      if (row->action == KL_IMPORT_NEW)
        plan->n_new++;
      else if (row->action == KL_IMPORT_MATCHED)
        plan->n_matched++;
      else
        plan->n_skipped++;
      if (kl_import_row_has_error (row))
        plan->n_errors++;
      else if (row->problems->len > 0)
        plan->n_warnings++;
    }
}

static gboolean
apply_row (KlDb            *db,
           KlImportPlan    *plan,
           KlImportRow     *row,
           KlImportResult  *result,
           GError         **error)
{
  g_autoptr(KlParticipant) participant = NULL;

  if (row->action == KL_IMPORT_NEW)
    {
      participant = participant_copy (row->participant);
      participant->id = 0;
      if (!kl_store_insert_participant (db, participant, error))
        return FALSE;
      g_array_append_val (result->created_ids, participant->id);
      result->added++;
    }
  else
    {
      participant = kl_store_get_participant (db, row->participant->id, error);
      if (participant == NULL)
        return FALSE;
      if (fill_gaps (participant, row->participant))
        {
          if (!kl_store_update_participant (db, participant, error))
            return FALSE;
          result->updated++;
        }
    }
  if (!row->enrolled)
    {
      g_autoptr(KlEnrolment) enrolment = kl_enrolment_new ();

      enrolment->programme_id = plan->programme_id;
      enrolment->participant_id = participant->id;
      if (!kl_store_enrol (db, enrolment, error))
        return FALSE;
      g_array_append_val (result->enrolled_ids, participant->id);
      result->enrolled++;
    }
  return TRUE;
}

/* Public API */

/* Every this many rows, progress is told and cancelling looked at. */
#define PROGRESS_ROWS 256

static KlImportPlan *
plan_table (KlDb                 *db,
            gint64                programme_id,
            const KlCsvTable     *table,
            const char           *name,
            GCancellable         *cancellable,
            KlImportProgressFunc  progress,
            gpointer              progress_data,
            GError              **error)
{
  g_auto(Planner) planner = { 0 };
  g_autoptr(KlImportPlan) plan = NULL;
  g_autoptr(KlProgramme) programme = NULL;
  const KlCsvRecord *header;
  guint first;

  g_return_val_if_fail (KL_IS_DB (db), NULL);
  g_return_val_if_fail (table != NULL && table->records->len > 0, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  programme = kl_store_get_programme (db, programme_id, error);
  if (programme == NULL)
    return NULL;
  plan = g_new0 (KlImportPlan, 1);
  plan->name = g_strdup (name);
  plan->encoding = table->encoding;
  plan->separator = table->separator;
  plan->programme_id = programme_id;
  plan->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  plan->notes = g_ptr_array_new_with_free_func (g_free);
  planner.db = db;
  planner.plan = plan;

  first = find_header (table);
  header = g_ptr_array_index (table->records, first);
  if (!map_header (&planner, header, name, error) || !load_lookups (&planner, error))
    return NULL;
  if (first > 0)
    g_ptr_array_insert (plan->notes, 0,
                        g_strdup_printf (_("Column headings on line %u; the lines above them are left out"),
                                         header->line));

  for (guint i = first + 1; i < table->records->len; i++)
    {
      const KlCsvRecord *record = g_ptr_array_index (table->records, i);
      gboolean empty = TRUE;

      if ((i - first) % PROGRESS_ROWS == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;
          if (progress != NULL)
            progress (i - first, table->records->len - first - 1, progress_data);
        }

      /* Excel keeps rows of empty cells (";;;;") below a list. */
      for (guint f = 0; f < record->fields->len && empty; f++)
        empty = !has_text (g_ptr_array_index (record->fields, f));
      if (!empty)
        g_ptr_array_add (plan->rows, plan_record (&planner, record));
    }
  if (plan->rows->len == 0)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_INVALID_FILE,
                   _("%s has a header line but no participants under it"), name);
      return NULL;
    }
  count_rows (plan);
  if (progress != NULL)
    progress (table->records->len - first - 1, table->records->len - first - 1, progress_data);
  return g_steal_pointer (&plan);
}

KlImportPlan *
kl_import_plan_table (KlDb              *db,
                      gint64             programme_id,
                      const KlCsvTable  *table,
                      const char        *name,
                      GError           **error)
{
  return plan_table (db, programme_id, table, name, NULL, NULL, NULL, error);
}

KlImportPlan *
kl_import_plan_file (KlDb        *db,
                     gint64       programme_id,
                     const char  *path,
                     GError     **error)
{
  return kl_import_plan_file_full (db, programme_id, path, NULL, NULL, NULL, error);
}

KlImportPlan *
kl_import_plan_file_full (KlDb                 *db,
                          gint64                programme_id,
                          const char           *path,
                          GCancellable         *cancellable,
                          KlImportProgressFunc  progress,
                          gpointer              progress_data,
                          GError              **error)
{
  g_autoptr(KlCsvTable) table = kl_csv_read_file (path, error);
  g_autofree char *name = g_filename_display_basename (path);

  if (table == NULL)
    return NULL;
  return plan_table (db, programme_id, table, name, cancellable, progress, progress_data, error);
}

/* All or nothing: one transaction, and no change at all while a row has
 * an error the user has not chosen to skip. A failure (or a crash) half
 * way leaves the database as it was. */
gboolean
kl_import_apply (KlDb            *db,
                 KlImportPlan    *plan,
                 gboolean         skip_bad_rows,
                 KlImportResult  *result,
                 GError         **error)
{
  return kl_import_apply_full (db, plan, skip_bad_rows, NULL, NULL, NULL, result, error);
}

/* Cancelled, the transaction is rolled back: nothing is applied. */
gboolean
kl_import_apply_full (KlDb                 *db,
                      KlImportPlan         *plan,
                      gboolean              skip_bad_rows,
                      GCancellable         *cancellable,
                      KlImportProgressFunc  progress,
                      gpointer              progress_data,
                      KlImportResult       *result,
                      GError              **error)
{
  g_autoptr(KlTransaction) tx = NULL;
  g_auto(KlImportResult) local = { 0 };

  g_return_val_if_fail (KL_IS_DB (db), FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);

  if (plan->n_errors > 0 && !skip_bad_rows)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_INVALID_FILE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: %u row has errors, so nothing was imported; correct the file or skip the bad rows",
                                "%s: %u rows have errors, so nothing was imported; correct the file or skip the bad rows",
                                plan->n_errors),
                   plan->name, plan->n_errors);
      return FALSE;
    }

  local.created_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  local.enrolled_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  tx = kl_db_begin (db, error);
  if (tx == NULL)
    return FALSE;
  for (guint i = 0; i < plan->rows->len; i++)
    {
      KlImportRow *row = g_ptr_array_index (plan->rows, i);

      if (i % PROGRESS_ROWS == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress != NULL)
            progress (i, plan->rows->len, progress_data);
        }
      if (row->action == KL_IMPORT_SKIPPED)
        continue;
      if (!apply_row (db, plan, row, &local, error))
        {
          g_prefix_error (error, _("%s, line %u: "), plan->name, row->line);
          return FALSE;
        }
    }
  /* The last chance to change one's mind: after this, undo. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error) || !kl_transaction_commit (tx, error))
    return FALSE;
  if (progress != NULL)
    progress (plan->rows->len, plan->rows->len, progress_data);
  if (result != NULL)
    {
      *result = local;
      local = (KlImportResult) { 0 };
    }
  return TRUE;
}

gboolean
kl_import_row_has_error (const KlImportRow *row)
{
  g_return_val_if_fail (row != NULL, FALSE);

  for (guint i = 0; i < row->problems->len; i++)
    if (((KlImportProblem *) g_ptr_array_index (row->problems, i))->severity == KL_IMPORT_ERROR)
      return TRUE;
  return FALSE;
}

/* "No name; Workplace “X” is not among the clients" */
char *
kl_import_row_describe_problems (const KlImportRow *row)
{
  g_autoptr(GPtrArray) messages = g_ptr_array_new ();

  g_return_val_if_fail (row != NULL, NULL);

  for (guint i = 0; i < row->problems->len; i++)
    g_ptr_array_add (messages, ((KlImportProblem *) g_ptr_array_index (row->problems, i))->message);
  g_ptr_array_add (messages, NULL);
  return g_strjoinv ("; ", (char **) messages->pdata);
}

const char *
kl_import_action_label (KlImportAction action)
{
  switch (action)
    {
    case KL_IMPORT_NEW:     return C_("import", "New");
    case KL_IMPORT_MATCHED: return C_("import", "Matched");
    case KL_IMPORT_SKIPPED: return C_("import", "Skipped");
    default:                g_return_val_if_reached ("");
    }
}

void
kl_import_plan_free (KlImportPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->name);
  g_ptr_array_unref (plan->rows);
  g_ptr_array_unref (plan->notes);
  g_free (plan);
}

void
kl_import_result_clear (KlImportResult *result)
{
  g_clear_pointer (&result->created_ids, g_array_unref);
  g_clear_pointer (&result->enrolled_ids, g_array_unref);
}
