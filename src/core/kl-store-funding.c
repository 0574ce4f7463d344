#include "config.h"

#include <stdio.h>
#include <string.h>

#include "kl-error.h"
#include "kl-i18n.h"
#include "kl-labels.h"
#include "kl-store-private.h"
#include "kl-validate.h"

/* What the fund is asked for: the programme's cost lines (with the
 * sessions and dates each covers), its funding case through the fund's
 * steps, the schemes, and the claim computed from them. A little over 800
 * lines and kept whole: the claim reads the cost lines with the same
 * columns, row reader and covered days as the cost functions above it, so
 * the two cannot come to count a line differently. */

/* Cost items */

#define COST_COLUMNS "c.id, c.programme_id, c.category, c.budget, c.consultant_id, c.days, c.persons, " \
                     "c.semesters, c.net_ore, c.vat_ore, c.supplier, c.invoice_no, c.invoice_date, c.note, " \
                     "k.name, c.created_at, c.updated_at, c.version"

static KlCostItem *
read_cost (KlStmt *stmt)
{
  KlCostItem *item = kl_cost_item_new ();

  item->id = kl_stmt_int (stmt, 0);
  item->programme_id = kl_stmt_int (stmt, 1);
  if (!kl_cost_category_from_string (kl_stmt_peek_text (stmt, 2), &item->category))
    item->category = KL_COST_OTHER;
  item->budget = kl_stmt_int (stmt, 3) != 0;
  item->consultant_id = kl_stmt_int (stmt, 4);
  item->days = (int) kl_stmt_int (stmt, 5);
  item->persons = (int) kl_stmt_int (stmt, 6);
  item->semesters = (int) kl_stmt_int (stmt, 7);
  item->net_ore = kl_stmt_int (stmt, 8);
  item->vat_ore = kl_stmt_int (stmt, 9);
  item->supplier = kl_stmt_text (stmt, 10);
  item->invoice_no = kl_stmt_text (stmt, 11);
  item->invoice_date = kl_stmt_text (stmt, 12);
  item->note = kl_stmt_text (stmt, 13);
  item->consultant_name = kl_stmt_text (stmt, 14);
  item->created_at = kl_stmt_text (stmt, 15);
  item->updated_at = kl_stmt_text (stmt, 16);
  item->version = kl_stmt_int (stmt, 17);
  return item;
}

static gboolean
parse_day (const char *text,
           GDate      *day)
{
  unsigned y, m, d;

  g_date_clear (day, 1);
  if (text == NULL || sscanf (text, "%4u-%2u-%2u", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (day, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

/* The calendar days from a session's start to its end: a seminar over
 * two days is two fee days. */
static void
add_session_days (GHashTable *days,
                  const char *starts_at,
                  const char *ends_at)
{
  GDate day;
  GDate last;

  if (!parse_day (starts_at, &day))
    return;
  if (!parse_day (ends_at, &last) || g_date_compare (&last, &day) < 0)
    last = day;
  for (; g_date_compare (&day, &last) <= 0; g_date_add_days (&day, 1))
    g_hash_table_add (days, g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&day),
                                             g_date_get_month (&day), g_date_get_day (&day)));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The set's strings, sorted, as a NULL-terminated vector; NULL when empty. */
static char **
sorted_strv (GHashTable *set)
{
  guint n = 0;
  char **strv;

  if (g_hash_table_size (set) == 0)
    return NULL;
  strv = (char **) g_hash_table_get_keys_as_array (set, &n);
  for (guint i = 0; i < n; i++)
    strv[i] = g_strdup (strv[i]);
  g_qsort_with_data (strv, (int) n, sizeof (char *), compare_strings, NULL);
  return strv;
}

typedef struct
{
  KlCostItem *item;
  GHashTable *dates;   /* given directly */
  GHashTable *days;    /* covered, by the sessions and the dates */
} CostDays;

static void
cost_days_free (CostDays *entry)
{
  g_hash_table_unref (entry->dates);
  g_hash_table_unref (entry->days);
  g_free (entry);
}

/* Fills in each line's sessions, dates and the days they cover. The two
 * queries select the lines by `where` ("c.programme_id = ?1" or
 * "c.id = ?1"), so a list costs two queries, not two per line. */
#define COST_SESSIONS_SQL(where) \
  "SELECT cs.cost_id, cs.session_id, s.starts_at, s.ends_at FROM cost_session cs " \
  "JOIN cost_item c ON c.id = cs.cost_id JOIN session s ON s.id = cs.session_id " \
  "WHERE " where " ORDER BY cs.cost_id, s.starts_at, s.id"
#define COST_DATES_SQL(where) \
  "SELECT d.cost_id, d.day FROM cost_date d JOIN cost_item c ON c.id = d.cost_id WHERE " where

static gboolean read_cost_days (GPtrArray  *items,
                                KlStmt     *sessions,
                                KlStmt     *dates,
                                GError    **error);

static gboolean
load_cost_days (KlDb       *db,
                GPtrArray  *items,
                const char *where,
                gint64      id,
                GError    **error)
{
  g_autoptr(KlStmt) sessions = NULL;
  g_autoptr(KlStmt) dates = NULL;
  g_autofree char *sessions_sql = g_strdup_printf (COST_SESSIONS_SQL ("%s"), where);
  g_autofree char *dates_sql = g_strdup_printf (COST_DATES_SQL ("%s"), where);

  sessions = kl_db_query (db, error, sessions_sql, "i", id);
  if (sessions == NULL)
    return FALSE;
  dates = kl_db_query (db, error, dates_sql, "i", id);
  if (dates == NULL)
    return FALSE;
  return read_cost_days (items, sessions, dates, error);
}

/* Reads the rows of COST_SESSIONS_SQL and COST_DATES_SQL into items. */
static gboolean
read_cost_days (GPtrArray  *items,
                KlStmt     *stmt,
                KlStmt     *dates,
                GError    **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                       (GDestroyNotify) cost_days_free);
  g_autoptr(GError) local = NULL;
  GHashTableIter iter;
  CostDays *entry;

  for (guint i = 0; i < items->len; i++)
    {
      entry = g_new0 (CostDays, 1);
      entry->item = g_ptr_array_index (items, i);
      entry->dates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      entry->days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (by_id, &entry->item->id, entry);
    }

  while (kl_stmt_next (stmt, &local))
    {
      gint64 session_id = kl_stmt_int (stmt, 1);

      entry = g_hash_table_lookup (by_id, &(gint64) { kl_stmt_int (stmt, 0) });
      if (entry == NULL)
        continue;
      if (entry->item->session_ids == NULL)
        entry->item->session_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (entry->item->session_ids, session_id);
      add_session_days (entry->days, kl_stmt_peek_text (stmt, 2),
                        kl_stmt_peek_text (stmt, 3));
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  stmt = dates;
  while (kl_stmt_next (stmt, &local))
    {
      gint64 cost_id = kl_stmt_int (stmt, 0);

      entry = g_hash_table_lookup (by_id, &cost_id);
      if (entry == NULL)
        continue;
      g_hash_table_add (entry->dates, kl_stmt_text (stmt, 1));
      g_hash_table_add (entry->days, kl_stmt_text (stmt, 1));
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }

  g_hash_table_iter_init (&iter, by_id);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    {
      g_strfreev (entry->item->dates);
      entry->item->dates = sorted_strv (entry->dates);
      g_strfreev (entry->item->covered);
      entry->item->covered = sorted_strv (entry->days);
    }
  return TRUE;
}

/* The days a line will cover once written: its sessions' and its own. */
static gboolean
covered_days (KlDb              *db,
              const KlCostItem  *item,
              guint             *n_days,
              GError           **error)
{
  g_autoptr(GHashTable) days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; item->session_ids != NULL && i < item->session_ids->len; i++)
    {
      g_autoptr(KlSession) session = kl_store_get_session (db, g_array_index (item->session_ids, gint64, i), error);

      if (session == NULL)
        {
          g_prefix_error (error, _("Session: "));
          return FALSE;
        }
      if (session->programme_id != item->programme_id)
        {
          g_set_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE,
                       _("Session: “%s” belongs to another programme"), session->title);
          return FALSE;
        }
      add_session_days (days, session->starts_at, session->ends_at);
    }
  for (guint i = 0; item->dates != NULL && item->dates[i] != NULL; i++)
    g_hash_table_add (days, g_strdup (item->dates[i]));
  *n_days = g_hash_table_size (days);
  return TRUE;
}

/* Makes the stored sessions and dates of a line what the record says,
 * touching only those that changed (each change is a row in the trail). */
static gboolean
write_cost_days (KlDb              *db,
                 const KlCostItem  *item,
                 GError           **error)
{
  g_autoptr(GString) keep_sessions = g_string_new ("-1");
  g_autoptr(GString) keep_dates = g_string_new ("''");
  g_autofree char *delete_sessions = NULL;
  g_autofree char *delete_dates = NULL;

  for (guint i = 0; item->session_ids != NULL && i < item->session_ids->len; i++)
    {
      gint64 session_id = g_array_index (item->session_ids, gint64, i);

      g_string_append_printf (keep_sessions, ", %" G_GINT64_FORMAT, session_id);
      if (!kl_db_exec (db, error, "INSERT INTO cost_session (cost_id, session_id) VALUES (?1, ?2) "
                                  "ON CONFLICT DO NOTHING",
                       "ii", item->id, session_id))
        return FALSE;
    }
  for (guint i = 0; item->dates != NULL && item->dates[i] != NULL; i++)
    {
      /* Validated as YYYY-MM-DD, so safe between quotes. */
      g_string_append_printf (keep_dates, ", '%s'", item->dates[i]);
      if (!kl_db_exec (db, error, "INSERT INTO cost_date (cost_id, day) VALUES (?1, ?2) "
                                  "ON CONFLICT DO NOTHING",
                       "it", item->id, item->dates[i]))
        return FALSE;
    }
  delete_sessions = g_strdup_printf ("DELETE FROM cost_session WHERE cost_id = ?1 AND session_id NOT IN (%s)",
                                     keep_sessions->str);
  delete_dates = g_strdup_printf ("DELETE FROM cost_date WHERE cost_id = ?1 AND day NOT IN (%s)", keep_dates->str);
  return kl_db_exec (db, error, delete_sessions, "i", item->id)
         && kl_db_exec (db, error, delete_dates, "i", item->id);
}

static gboolean
write_cost (KlDb        *db,
            KlCostItem  *item,
            gboolean     insert,
            GError     **error)
{
  const char *sql = insert
    ? "INSERT INTO cost_item (programme_id, category, budget, consultant_id, days, persons, semesters, net_ore, "
      "vat_ore, supplier, invoice_no, invoice_date, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) RETURNING id"
    : "UPDATE cost_item SET programme_id = ?1, category = ?2, budget = ?3, consultant_id = ?4, days = ?5, "
      "persons = ?6, semesters = ?7, net_ore = ?8, vat_ore = ?9, supplier = ?10, invoice_no = ?11, "
      "invoice_date = ?12, note = ?13 WHERE id = ?14" KL_SQL_AT_VERSION ("15");
  guint n_days = 0;

  if (!kl_cost_item_validate (item, error)
      || !kl_store_exists (db, &kl_record_programme, item->programme_id, error))
    return FALSE;
  if (item->consultant_id > 0
      && !kl_store_exists (db, &kl_record_consultant, item->consultant_id, error))
    {
      g_prefix_error (error, _("Consultant: "));
      return FALSE;
    }
  if (!covered_days (db, item, &n_days, error))
    return FALSE;
  /* A fee line with sessions or dates works the days they cover. */
  if (kl_cost_category_is_fee (item->category) && n_days > 0)
    item->days = (int) n_days;
  if (!insert)
    item->version = kl_store_expected_version (db, &kl_record_cost_item, item->id, item->version);
  if (!kl_db_exec (db, error, sql, insert ? "itnrnnniitttt" : "itnrnnniittttii",
                   item->programme_id, kl_cost_categories[item->category], item->budget ? 1 : 0,
                   item->consultant_id, item->days, item->persons, item->semesters,
                   item->net_ore, item->vat_ore, item->supplier, item->invoice_no, item->invoice_date, item->note,
                   insert ? (gint64) 0 : item->id, item->version))
    return FALSE;
  if (insert)
    item->id = kl_db_last_id (db);
  else if (!kl_store_check_written (db, &kl_record_cost_item, item->id, item->version, error))
    return FALSE;
  return write_cost_days (db, item, error)
         && kl_store_note_written (db, &kl_record_cost_item, item->id, &item->version, error);
}

gboolean
kl_store_insert_cost (KlDb        *db,
                      KlCostItem  *item,
                      GError     **error)
{
  g_autoptr(KlTransaction) tx = kl_db_begin (db, error);

  if (tx == NULL || !write_cost (db, item, TRUE, error))
    return FALSE;
  return kl_transaction_commit (tx, error);
}

gboolean
kl_store_update_cost (KlDb        *db,
                      KlCostItem  *item,
                      GError     **error)
{
  gint64 version = item->version;
  g_autoptr(KlTransaction) tx = kl_db_begin (db, error);

  return kl_store_keep_version (tx != NULL && write_cost (db, item, FALSE, error)
                                && kl_transaction_commit (tx, error),
                                &item->version, version);
}

GPtrArray *
kl_store_list_costs (KlDb    *db,
                     gint64   programme_id,
                     GError **error)
{
  g_autoptr(KlStmt) stmt = kl_db_query (db, error,
                                        "SELECT " COST_COLUMNS " FROM cost_item c "
                                        "LEFT JOIN consultant k ON k.id = c.consultant_id "
                                        "WHERE c.programme_id = ?1 ORDER BY c.budget DESC, c.invoice_date, c.id",
                                        "i", programme_id);
  g_autoptr(GPtrArray) items = kl_store_collect (stmt, (KlReadFunc) read_cost, (GDestroyNotify) kl_cost_item_free,
                                                 error);

  if (items == NULL || !load_cost_days (db, items, "c.programme_id = ?1", programme_id, error))
    return NULL;
  return g_steal_pointer (&items);
}

KlCostItem *
kl_store_get_cost (KlDb    *db,
                   gint64   id,
                   GError **error)
{
  g_autoptr(KlStmt) stmt = kl_db_query (db, error,
                                        "SELECT " COST_COLUMNS " FROM cost_item c "
                                        "LEFT JOIN consultant k ON k.id = c.consultant_id WHERE c.id = ?1",
                                        "i", id);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_cost_item_free);

  if (!kl_store_first_row (stmt, _("cost item"), id, error))
    return NULL;
  g_ptr_array_add (items, read_cost (stmt));
  if (!load_cost_days (db, items, "c.id = ?1", id, error))
    return NULL;
  return g_ptr_array_steal_index (items, 0);
}

gboolean
kl_store_delete_cost (KlDb    *db,
                      gint64   id,
                      GError **error)
{
  g_autoptr(KlTransaction) tx = kl_db_begin (db, error);

  if (tx == NULL
      || !kl_db_exec (db, error, "DELETE FROM cost_item WHERE id = ?1", "i", id)
      || !kl_store_check_written (db, &kl_record_cost_item, id, 0, error))
    return FALSE;
  return kl_transaction_commit (tx, error);
}

/* Funding cases */

#define CASE_COLUMNS "id, programme_id, scheme, status, applied_date, applied_ore, case_no, granted_ore, " \
                     "grant_date, expiry_date, payout_date, paid_ore, paid_date, created_at, updated_at, version"

static KlFundingCase *
read_case (KlStmt *stmt)
{
  KlFundingCase *funding = kl_funding_case_new ();

  funding->id = kl_stmt_int (stmt, 0);
  funding->programme_id = kl_stmt_int (stmt, 1);
  funding->scheme = kl_stmt_text (stmt, 2);
  funding->status = kl_stmt_text (stmt, 3);
  funding->applied_date = kl_stmt_text (stmt, 4);
  funding->applied_ore = kl_stmt_amount (stmt, 5);
  funding->case_no = kl_stmt_text (stmt, 6);
  funding->granted_ore = kl_stmt_amount (stmt, 7);
  funding->grant_date = kl_stmt_text (stmt, 8);
  funding->expiry_date = kl_stmt_text (stmt, 9);
  funding->payout_date = kl_stmt_text (stmt, 10);
  funding->paid_ore = kl_stmt_amount (stmt, 11);
  funding->paid_date = kl_stmt_text (stmt, 12);
  funding->created_at = kl_stmt_text (stmt, 13);
  funding->updated_at = kl_stmt_text (stmt, 14);
  funding->version = kl_stmt_int (stmt, 15);
  return funding;
}

/* NULL with KL_ERROR_NOT_FOUND when the programme has no case yet. */
KlFundingCase *
kl_store_get_funding_case (KlDb        *db,
                           gint64       programme_id,
                           const char  *scheme,
                           GError     **error)
{
  g_autoptr(KlStmt) stmt = kl_db_query (db, error,
                                        "SELECT " CASE_COLUMNS " FROM funding_case WHERE programme_id = ?1 AND scheme = ?2",
                                        "it", programme_id, scheme ? scheme : KL_DEFAULT_SCHEME);

  if (!kl_stmt_first (stmt, error, _("Programme %lld has no funding case yet"), (long long) programme_id))
    return NULL;
  return read_case (stmt);
}

gboolean
kl_store_save_funding_case (KlDb           *db,
                            KlFundingCase  *funding,
                            GError        **error)
{
  g_autoptr(KlTransaction) tx = NULL;
  g_autoptr(KlFundingCase) stored = NULL;
  g_autoptr(GError) local = NULL;

  if (funding->scheme == NULL)
    funding->scheme = g_strdup (KL_DEFAULT_SCHEME);
  tx = kl_db_begin (db, error);
  if (tx == NULL
      || !kl_store_exists (db, &kl_record_programme, funding->programme_id, error))
    return FALSE;
  stored = kl_store_get_funding_case (db, funding->programme_id, funding->scheme, &local);
  if (stored == NULL && !g_error_matches (local, KL_ERROR, KL_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  /* The step comes first: "cannot go from draft to paid" says more than
   * the first of the fields a paid case would need. */
  if (!kl_funding_transition_allowed (stored ? stored->status : "draft", funding->status))
    {
      g_set_error (error, KL_ERROR, KL_ERROR_TRANSITION,
                   _("Status: a funding case cannot go from “%s” to “%s”"),
                   stored ? stored->status : "draft", funding->status);
      return FALSE;
    }
  if (!kl_funding_case_validate (funding, error))
    return FALSE;
  /* Saved over the version the caller read (0: any): someone else's
   * save since is not overwritten. */
  if (stored != NULL && funding->version > 0
      && stored->version != kl_store_expected_version (db, &kl_record_funding_case, stored->id, funding->version))
    return kl_store_set_conflict (db, &kl_record_funding_case, stored->id, error);

  if (!kl_db_exec (db, error,
                   "INSERT INTO funding_case (programme_id, scheme, status, applied_date, applied_ore, case_no, "
                   "granted_ore, grant_date, expiry_date, payout_date, paid_ore, paid_date) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
                   "ON CONFLICT (programme_id, scheme) DO UPDATE SET status = ?3, applied_date = ?4, "
                   "applied_ore = ?5, case_no = ?6, granted_ore = ?7, grant_date = ?8, expiry_date = ?9, "
                   "payout_date = ?10, paid_ore = ?11, paid_date = ?12 RETURNING id",
                   "itttatatttat", funding->programme_id, funding->scheme, funding->status,
                   funding->applied_date, funding->applied_ore, funding->case_no, funding->granted_ore,
                   funding->grant_date, funding->expiry_date, funding->payout_date, funding->paid_ore,
                   funding->paid_date))
    return FALSE;
  funding->id = stored ? stored->id : kl_db_last_id (db);
  return kl_store_note_written (db, &kl_record_funding_case, funding->id, &funding->version, error)
         && kl_transaction_commit (tx, error);
}

/* What a funding step should tell the person recording it, before it is
 * saved. Warnings (char *) are for what deserves a word, and a GUI asks
 * before going on; a payment above the grant is refused with
 * KL_ERROR_UNCONFIRMED unless confirmed. */
gboolean
kl_store_check_funding_step (KlDb                *db,
                             const KlFundingCase *funding,
                             gboolean             confirmed,
                             GPtrArray           *warnings,
                             GError             **error)
{
  KlLang lang = kl_lang_from_locale ();

  if (g_strcmp0 (funding->status, "applied") == 0 && funding->applied_date != NULL)
    {
      g_autoptr(KlStmt) stmt = kl_db_query (db, error,
                                            "SELECT coalesce ((SELECT min (substr (starts_at, 1, 10)) FROM session "
                                            "WHERE programme_id = ?1), (SELECT start_date FROM programme WHERE id = ?1))",
                                            "i", funding->programme_id);
      g_autofree char *start = NULL;

      if (stmt == NULL)
        return FALSE;
      if (kl_stmt_next (stmt, NULL))
        start = kl_stmt_text (stmt, 0);
      if (start != NULL && strcmp (funding->applied_date, start) > 0)
        {
          g_autofree char *applied = kl_format_date (funding->applied_date);
          g_autofree char *began = kl_format_date (start);

          g_ptr_array_add (warnings, g_strdup_printf (_("The application is dated %s, after the programme began on %s; "
                                                        "KS expects the application before."), applied, began));
        }
    }
  if (g_strcmp0 (funding->status, "payout-requested") == 0 && funding->payout_date != NULL
      && funding->expiry_date != NULL && strcmp (funding->payout_date, funding->expiry_date) > 0)
    {
      g_autofree char *requested = kl_format_date (funding->payout_date);
      g_autofree char *expired = kl_format_date (funding->expiry_date);

      g_ptr_array_add (warnings, g_strdup_printf (_("The payout request is dated %s, after the grant expired on %s: "
                                                    "KS may refuse it, and the whole grant is at risk."),
                                                  requested, expired));
    }
  if (g_strcmp0 (funding->status, "paid") == 0 && !confirmed && funding->granted_ore != KL_NO_AMOUNT
      && funding->paid_ore != KL_NO_AMOUNT && funding->paid_ore > funding->granted_ore)
    {
      g_autofree char *paid = kl_money_format (funding->paid_ore, lang);
      g_autofree char *granted = kl_money_format (funding->granted_ore, lang);

      g_set_error (error, KL_ERROR, KL_ERROR_UNCONFIRMED,
                   _("Amount paid: %s is more than the %s granted in case %s"), paid, granted,
                   funding->case_no ? funding->case_no : "—");
      return FALSE;
    }
  return TRUE;
}

/* Schemes and the claim */

#define SCHEME_COLUMNS "id, scheme, name, valid_from, valid_to, rate_permille, fee_cap_ore, " \
                       "participant_fee_cap_ore, study_fee_cap_ore"

static KlSchemeVersion *
read_scheme_version (KlStmt *stmt)
{
  KlSchemeVersion *version = kl_scheme_version_new ();

  version->id = kl_stmt_int (stmt, 0);
  version->scheme = kl_stmt_text (stmt, 1);
  version->name = kl_stmt_text (stmt, 2);
  version->valid_from = kl_stmt_text (stmt, 3);
  version->valid_to = kl_stmt_text (stmt, 4);
  version->rate_permille = (int) kl_stmt_int (stmt, 5);
  version->fee_cap_ore = kl_stmt_int (stmt, 6);
  version->participant_fee_cap_ore = kl_stmt_int (stmt, 7);
  version->study_fee_cap_ore = kl_stmt_int (stmt, 8);
  return version;
}

/* The categories the version counts, from rows of one column. */
static gboolean
read_eligible (KlSchemeVersion  *version,
               KlStmt           *stmt,
               GError          **error)
{
  g_autoptr(GError) local = NULL;

  while (kl_stmt_next (stmt, &local))
    {
      KlCostCategory category;

      if (kl_cost_category_from_string (kl_stmt_peek_text (stmt, 0), &category))
        version->eligible |= 1u << category;
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

KlSchemeVersion *
kl_store_scheme_for_date (KlDb        *db,
                          const char  *scheme,
                          const char  *date,
                          GError     **error)
{
  g_autoptr(KlStmt) stmt = NULL;
  g_autoptr(KlSchemeVersion) version = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *today = kl_today ();

  if (date == NULL)
    date = today;
  if (scheme == NULL)
    scheme = KL_DEFAULT_SCHEME;
  stmt = kl_db_query (db, error,
                      "SELECT " SCHEME_COLUMNS " FROM scheme_version "
                      "WHERE scheme = ?1 AND valid_from <= ?2 AND (valid_to IS NULL OR valid_to >= ?2) "
                      "ORDER BY valid_from DESC LIMIT 1", "tt", scheme, date);
  if (stmt == NULL)
    return NULL;
  if (!kl_stmt_next (stmt, &local))
    {
      g_autoptr(KlStmt) first = NULL;

      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      g_clear_pointer (&stmt, kl_stmt_release);
      first = kl_db_query (db, error,
                           "SELECT valid_from, name FROM scheme_version WHERE scheme = ?1 ORDER BY valid_from LIMIT 1",
                           "t", scheme);
      if (first == NULL)
        return NULL;
      if (kl_stmt_next (first, NULL) && !kl_stmt_is_null (first, 0))
        {
          g_autofree char *when = kl_format_date (date);
          g_autofree char *earliest = kl_stmt_text (first, 0);
          g_autofree char *earliest_text = kl_format_date (earliest);
          g_autofree char *name = kl_stmt_text (first, 1);

          g_set_error (error, KL_ERROR, KL_ERROR_NOT_FOUND,
                       _("No version of the scheme “%s” is in force on %s: the earliest, “%s”, applies from %s"),
                       scheme, when, name, earliest_text);
        }
      else
        g_set_error (error, KL_ERROR, KL_ERROR_NOT_FOUND,
                     _("No version of the scheme “%s” is in force on %s"), scheme, date);
      return NULL;
    }
  version = read_scheme_version (stmt);
  g_clear_pointer (&stmt, kl_stmt_release);

  stmt = kl_db_query (db, error, "SELECT category FROM scheme_eligible WHERE version_id = ?1", "i", version->id);
  if (stmt == NULL || !read_eligible (version, stmt, error))
    return NULL;
  return g_steal_pointer (&version);
}

/* The schemes there are, each as the version in force today (KlSchemeVersion),
 * by code; a scheme with no version in force today is left out, as no new
 * case could use it. */
GPtrArray *
kl_store_list_schemes (KlDb    *db,
                       GError **error)
{
  g_autoptr(KlStmt) stmt = kl_db_query (db, error, "SELECT DISTINCT scheme FROM scheme_version ORDER BY scheme", NULL);
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) schemes = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_scheme_version_free);
  g_autoptr(GError) local = NULL;

  if (stmt == NULL)
    return NULL;
  while (kl_stmt_next (stmt, &local))
    g_ptr_array_add (codes, kl_stmt_text (stmt, 0));
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  g_clear_pointer (&stmt, kl_stmt_release);

  for (guint i = 0; i < codes->len; i++)
    {
      KlSchemeVersion *version = kl_store_scheme_for_date (db, g_ptr_array_index (codes, i), NULL, &local);

      if (version != NULL)
        g_ptr_array_add (schemes, version);
      else if (g_error_matches (local, KL_ERROR, KL_ERROR_NOT_FOUND))
        g_clear_error (&local);
      else
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
    }
  return g_steal_pointer (&schemes);
}

gboolean
kl_store_has_budget (KlDb    *db,
                     gint64   programme_id,
                     GError **error)
{
  g_autoptr(KlStmt) stmt = kl_db_query (db, error, "SELECT 1 FROM cost_item WHERE programme_id = ?1 AND budget = 1 LIMIT 1",
                                        "i", programme_id);

  return stmt != NULL && kl_stmt_next (stmt, error);
}

/* A case counts by the rules in force on its application date; a programme
 * not yet applied for counts by today's. A rejected case pays nothing. */
KlClaim *
kl_store_compute_claim (KlDb          *db,
                        gint64         programme_id,
                        KlClaimBasis   basis,
                        GError       **error)
{
  /* Everything in one batch (one round trip on a server): the scheme in
   * force on the case's application date, else today's, is found by the
   * same SQL as kl_store_scheme_for_date, with today as a literal. */
  enum { CLAIM_EXISTS, CLAIM_CASE, CLAIM_COSTS, CLAIM_SESSIONS, CLAIM_DATES, CLAIM_SCHEME, CLAIM_ELIGIBLE,
         CLAIM_N_SQL };
  g_autofree char *today = kl_today ();
  g_autofree char *date = NULL;
  g_autofree char *version_where = NULL;
  g_autofree char *scheme_sql = NULL;
  g_autofree char *eligible_sql = NULL;
  const char *sqls[CLAIM_N_SQL] = {
    [CLAIM_EXISTS] = "SELECT 1 FROM programme WHERE id = ?1",
    [CLAIM_CASE] = "SELECT " CASE_COLUMNS " FROM funding_case WHERE programme_id = ?1 AND scheme = '" KL_DEFAULT_SCHEME "'",
    [CLAIM_COSTS] = "SELECT " COST_COLUMNS " FROM cost_item c LEFT JOIN consultant k ON k.id = c.consultant_id "
                    "WHERE c.programme_id = ?1 ORDER BY c.budget DESC, c.invoice_date, c.id",
    [CLAIM_SESSIONS] = COST_SESSIONS_SQL ("c.programme_id = ?1"),
    [CLAIM_DATES] = COST_DATES_SQL ("c.programme_id = ?1"),
  };
  KlStmt *stmts[CLAIM_N_SQL] = { NULL };
  g_autoptr(KlFundingCase) funding = NULL;
  g_autoptr(KlSchemeVersion) scheme = NULL;
  g_autoptr(GPtrArray) costs = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) local = NULL;
  KlClaim *claim;
  gboolean budget = basis == KL_CLAIM_BUDGET;
  gboolean ok;

  /* kl_today () is the clock's YYYY-MM-DD: nothing to quote. */
  g_return_val_if_fail (strspn (today, "0123456789-") == strlen (today), NULL);
  date = g_strdup_printf ("coalesce ((SELECT applied_date FROM funding_case WHERE programme_id = ?1 "
                          "AND scheme = '" KL_DEFAULT_SCHEME "'), '%s')", today);
  version_where = g_strdup_printf ("FROM scheme_version WHERE scheme = '" KL_DEFAULT_SCHEME "' AND valid_from <= %s "
                                   "AND (valid_to IS NULL OR valid_to >= %s) ORDER BY valid_from DESC LIMIT 1",
                                   date, date);
  scheme_sql = g_strdup_printf ("SELECT " SCHEME_COLUMNS " %s", version_where);
  eligible_sql = g_strdup_printf ("SELECT category FROM scheme_eligible WHERE version_id = (SELECT id %s)",
                                  version_where);
  sqls[CLAIM_SCHEME] = scheme_sql;
  sqls[CLAIM_ELIGIBLE] = eligible_sql;
  if (!kl_db_query_batch (db, error, programme_id, CLAIM_N_SQL, sqls, stmts))
    return NULL;
  ok = kl_store_first_row (stmts[CLAIM_EXISTS], _("programme"), programme_id, error);
  if (ok && kl_stmt_next (stmts[CLAIM_CASE], &local))
    funding = read_case (stmts[CLAIM_CASE]);
  else if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      ok = FALSE;
    }
  if (ok)
    costs = kl_store_collect (stmts[CLAIM_COSTS], (KlReadFunc) read_cost, (GDestroyNotify) kl_cost_item_free, error);
  ok = ok && costs != NULL && read_cost_days (costs, stmts[CLAIM_SESSIONS], stmts[CLAIM_DATES], error);
  if (ok && kl_stmt_next (stmts[CLAIM_SCHEME], &local))
    {
      scheme = read_scheme_version (stmts[CLAIM_SCHEME]);
      ok = read_eligible (scheme, stmts[CLAIM_ELIGIBLE], error);
    }
  else if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      ok = FALSE;
    }
  for (guint i = 0; i < CLAIM_N_SQL; i++)
    kl_stmt_release (stmts[i]);
  if (!ok)
    return NULL;
  /* None in force on that date: the store's own words for why. */
  if (scheme == NULL)
    {
      scheme = kl_store_scheme_for_date (db, KL_DEFAULT_SCHEME, funding ? funding->applied_date : NULL, error);
      if (scheme == NULL)
        return NULL;
    }
  if (basis == KL_CLAIM_APPLICATION)
    {
      g_autoptr(GPtrArray) planned = kl_cost_items_select (costs, TRUE);

      budget = planned->len > 0;
    }
  lines = kl_cost_items_select (costs, budget);
  claim = kl_claim_compute (scheme, lines, funding ? funding->granted_ore : KL_NO_AMOUNT,
                            kl_lang_from_locale (), error);
  if (claim != NULL && funding != NULL && g_strcmp0 (funding->status, "rejected") == 0)
    claim->payout_ore = 0;
  return claim;
}
