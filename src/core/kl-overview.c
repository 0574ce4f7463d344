#include "config.h"

#include <stdlib.h>

#include "kl-i18n.h"
#include "kl-model.h"
#include "kl-overview.h"
#include "kl-store-private.h"
#include "kl-validate.h"

#define UPCOMING_DAYS 14
#define EXPIRY_WARNING_DAYS 60
/* KS wants payout requests before 30 December to pay them in the same
 * year; IMTEC's own deadline leaves two weeks for what is missing. */
#define YEAR_END_DEADLINE "12-15"

static void
item_free (KlOverviewItem *item)
{
  g_free (item->title);
  g_free (item->subtitle);
  g_free (item->date);
  g_free (item->location);
  g_free (item->end_date);
  g_free (item);
}

void
kl_overview_free (KlOverview *self)
{
  if (self == NULL)
    return;
  g_free (self->today);
  g_ptr_array_unref (self->upcoming);
  g_ptr_array_unref (self->deadlines);
  g_ptr_array_unref (self->running);
  g_ptr_array_unref (self->unclaimed);
  g_ptr_array_unref (self->unpaid);
  g_free (self);
}

/* Rows of (programme_id, session_id, title, subtitle, date, location, amount, end_date). */
static gboolean
collect (KlStmt         *stmt,
         GPtrArray      *into,
         KlDeadlineKind  deadline,
         GError        **error)
{
  g_autoptr(GError) local = NULL;

  if (stmt == NULL)
    return FALSE;
  while (kl_stmt_next (stmt, &local))
    {
      KlOverviewItem *item = g_new0 (KlOverviewItem, 1);

      item->programme_id = kl_stmt_int (stmt, 0);
      item->session_id = kl_stmt_int (stmt, 1);
      item->title = kl_stmt_text (stmt, 2);
      item->subtitle = kl_stmt_text (stmt, 3);
      item->date = kl_stmt_text (stmt, 4);
      item->location = kl_stmt_text (stmt, 5);
      item->amount_ore = kl_stmt_amount (stmt, 6);
      item->end_date = kl_stmt_text (stmt, 7);
      item->deadline = deadline;
      g_ptr_array_add (into, item);
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

static gboolean
sum (KlDb        *db,
     const char  *sql,
     int          year,
     gint64      *total,
     GError     **error)
{
  g_autofree char *prefix = g_strdup_printf ("%04d-", year);
  g_autoptr(KlStmt) stmt = kl_db_query (db, error, sql, "t", prefix);

  if (stmt == NULL || !kl_stmt_next (stmt, error))
    return FALSE;
  *total = kl_stmt_int (stmt, 0);
  return TRUE;
}

/* What was claimed this year: the payout each request asked for. */
static gboolean
sum_claimed (KlDb        *db,
             int          year,
             gint64      *total,
             GError     **error)
{
  g_autofree char *prefix = g_strdup_printf ("%04d-", year);
  g_autoptr(KlStmt) stmt = kl_db_query (db, error,
                                        "SELECT programme_id FROM funding_case "
                                        "WHERE payout_date IS NOT NULL AND substr(payout_date, 1, 5) = ?1",
                                        "t", prefix);
  g_autoptr(GArray) programmes = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) local = NULL;

  if (stmt == NULL)
    return FALSE;
  while (kl_stmt_next (stmt, &local))
    {
      gint64 id = kl_stmt_int (stmt, 0);

      g_array_append_val (programmes, id);
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  g_clear_pointer (&stmt, kl_stmt_release);

  *total = 0;
  for (guint i = 0; i < programmes->len; i++)
    {
      g_autoptr(KlClaim) claim = kl_store_compute_claim (db, g_array_index (programmes, gint64, i), KL_CLAIM_ACTUALS, error);

      if (claim == NULL || !kl_money_add (total, claim->payout_ore, error))
        return FALSE;
    }
  return TRUE;
}

/* Granted and not yet claimed: the grants that can still be claimed
 * (not expired by `today`) of programmes that were not cancelled. */
static gboolean
sum_unclaimed (KlDb        *db,
               const char  *today,
               gint64      *total,
               guint       *count,
               GPtrArray   *items,
               GError     **error)
{
  if (!collect (kl_db_query (db, error,
                             "SELECT p.id, 0, p.title, c.name, f.expiry_date, f.case_no, f.granted_ore, p.end_date "
                             "FROM funding_case f JOIN programme p ON p.id = f.programme_id "
                             "JOIN client c ON c.id = p.client_id "
                             "WHERE f.status = 'granted' AND p.status <> 'cancelled' "
                             "AND (f.expiry_date IS NULL OR f.expiry_date >= ?1) "
                             "ORDER BY p.title COLLATE NOCASE, p.id",
                             "t", today),
                items, KL_DEADLINE_GRANT_EXPIRES, error))
    return FALSE;
  *total = 0;
  *count = items->len;
  for (guint i = 0; i < items->len; i++)
    {
      const KlOverviewItem *item = g_ptr_array_index (items, i);

      if (item->amount_ore != KL_NO_AMOUNT && !kl_money_add (total, item->amount_ore, error))
        return FALSE;
    }
  return TRUE;
}

/* Claimed and not yet paid: each open payout request's claim. */
static gboolean
sum_unpaid (KlDb        *db,
            gint64      *total,
            guint       *count,
            GPtrArray   *items,
            GError     **error)
{
  if (!collect (kl_db_query (db, error,
                             "SELECT p.id, 0, p.title, c.name, f.payout_date, f.case_no, NULL, p.end_date "
                             "FROM funding_case f JOIN programme p ON p.id = f.programme_id "
                             "JOIN client c ON c.id = p.client_id "
                             "WHERE f.status = 'payout-requested' ORDER BY p.title COLLATE NOCASE, p.id", NULL),
                items, KL_DEADLINE_NOT_PAID, error))
    return FALSE;

  *total = 0;
  *count = items->len;
  for (guint i = 0; i < items->len; i++)
    {
      KlOverviewItem *item = g_ptr_array_index (items, i);
      g_autoptr(KlClaim) claim = kl_store_compute_claim (db, item->programme_id, KL_CLAIM_ACTUALS, error);

      if (claim == NULL || !kl_money_add (total, claim->payout_ore, error))
        return FALSE;
      item->amount_ore = claim->payout_ore;
    }
  return TRUE;
}

KlOverview *
kl_overview_load (KlDb        *db,
                  const char  *today,
                  GError     **error)
{
  g_autoptr(KlOverview) self = g_new0 (KlOverview, 1);
  g_autofree char *upcoming_end = NULL;
  g_autofree char *expiry_end = NULL;
  g_autofree char *year_start = NULL;
  g_autofree char *year_deadline = NULL;
  GDate date;

  self->today = today ? g_strdup (today) : kl_today ();
  self->year = atoi (self->today);
  self->upcoming = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  self->deadlines = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  self->running = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  self->unclaimed = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  self->unpaid = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);

  if (!kl_validate_date (_("Today"), self->today, error))
    return NULL;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) atoi (self->today + 8), (GDateMonth) atoi (self->today + 5),
                  (GDateYear) self->year);
  {
    GDate end = date;
    char text[11];

    g_date_add_days (&end, UPCOMING_DAYS);
    g_date_strftime (text, sizeof text, "%Y-%m-%d", &end);
    upcoming_end = g_strdup_printf ("%sT23:59", text);
    end = date;
    g_date_add_days (&end, EXPIRY_WARNING_DAYS);
    g_date_strftime (text, sizeof text, "%Y-%m-%d", &end);
    expiry_end = g_strdup (text);
  }
  year_start = g_strdup_printf ("%04d-01-01", self->year);
  year_deadline = g_strdup_printf ("%04d-" YEAR_END_DEADLINE, self->year);

  if (!collect (kl_db_query (db, error,
                             "SELECT s.programme_id, s.id, s.title, p.title, s.starts_at, s.location, NULL, NULL "
                             "FROM session s JOIN programme p ON p.id = s.programme_id "
                             "WHERE s.starts_at >= ?1 AND s.starts_at <= ?2 AND p.status <> 'cancelled' "
                             "ORDER BY s.starts_at, s.id LIMIT 200", "tt", self->today, upcoming_end),
                self->upcoming, 0, error)
      || !collect (kl_db_query (db, error,
                                "SELECT p.id, 0, p.title, c.name, f.expiry_date, f.case_no, f.granted_ore, NULL "
                                "FROM funding_case f JOIN programme p ON p.id = f.programme_id "
                                "JOIN client c ON c.id = p.client_id "
                                "WHERE f.status = 'granted' AND f.expiry_date <= ?1 "
                                "ORDER BY f.expiry_date, p.id", "t", expiry_end),
                   self->deadlines, KL_DEADLINE_GRANT_EXPIRES, error)
      /* Finished this year (by its dates or its status), granted and not
       * claimed: a grant that expires soon is listed above already. */
      || !collect (kl_db_query (db, error,
                                "SELECT p.id, 0, p.title, c.name, ?4, f.case_no, f.granted_ore, p.end_date "
                                "FROM funding_case f JOIN programme p ON p.id = f.programme_id "
                                "JOIN client c ON c.id = p.client_id "
                                "WHERE f.status = 'granted' "
                                "AND p.status <> 'cancelled' AND substr (p.end_date, 1, 5) = substr (?2, 1, 5) "
                                "AND (p.end_date <= ?1 OR p.status = 'finished') "
                                "AND (f.expiry_date IS NULL OR f.expiry_date > ?3) "
                                "ORDER BY p.end_date, p.id", "tttt", self->today, year_start, expiry_end,
                                year_deadline),
                   self->deadlines, KL_DEADLINE_YEAR_END, error)
      || !collect (kl_db_query (db, error,
                                "SELECT p.id, 0, p.title, c.name, f.payout_date, f.case_no, f.granted_ore, NULL "
                                "FROM funding_case f JOIN programme p ON p.id = f.programme_id "
                                "JOIN client c ON c.id = p.client_id "
                                "WHERE f.status = 'payout-requested' ORDER BY f.payout_date, p.id", NULL),
                   self->deadlines, KL_DEADLINE_NOT_PAID, error)
      || !collect (kl_db_query (db, error,
                                "SELECT p.id, 0, p.title, c.name, p.end_date, NULL, NULL, NULL "
                                "FROM programme p JOIN client c ON c.id = p.client_id "
                                "WHERE " KL_SQL_PROGRAMME_STATUS_ON ("p", "?1") " = 'running' "
                                "ORDER BY p.end_date, p.id LIMIT 200", "t", self->today),
                   self->running, 0, error))
    return NULL;

  if (!sum (db, "SELECT coalesce(sum(applied_ore), 0) FROM funding_case WHERE substr(applied_date, 1, 5) = ?1",
            self->year, &self->applied_ore, error)
      || !sum (db, "SELECT coalesce(sum(granted_ore), 0) FROM funding_case WHERE substr(grant_date, 1, 5) = ?1",
               self->year, &self->granted_ore, error)
      || !sum (db, "SELECT coalesce(sum(paid_ore), 0) FROM funding_case WHERE substr(paid_date, 1, 5) = ?1",
               self->year, &self->paid_ore, error)
      || !sum_claimed (db, self->year, &self->claimed_ore, error)
      || !sum_unclaimed (db, self->today, &self->unclaimed_ore, &self->n_unclaimed, self->unclaimed, error)
      || !sum_unpaid (db, &self->unpaid_ore, &self->n_unpaid, self->unpaid, error))
    return NULL;
  return g_steal_pointer (&self);
}
