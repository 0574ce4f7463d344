#include "config.h"

#include "kl-error.h"
#include "kl-i18n.h"
#include "kl-store-private.h"
#include "kl-validate.h"

/* Cost items */

#define COST_COLUMNS "c.id, c.programme_id, c.session_id, c.category, c.consultant_id, c.days, c.persons, " \
                     "c.net_ore, c.vat_ore, c.supplier, c.invoice_no, c.invoice_date, c.note, k.name, " \
                     "c.created_at, c.updated_at"

static KlCostItem *
read_cost (KlStmt *stmt)
{
  KlCostItem *item = kl_cost_item_new ();

  item->id = kl_stmt_int (stmt, 0);
  item->programme_id = kl_stmt_int (stmt, 1);
  item->session_id = kl_stmt_int (stmt, 2);
  if (!kl_cost_category_from_string ((const char *) sqlite3_column_text (stmt, 3), &item->category))
    item->category = KL_COST_OTHER;
  item->consultant_id = kl_stmt_int (stmt, 4);
  item->days = (int) kl_stmt_int (stmt, 5);
  item->persons = (int) kl_stmt_int (stmt, 6);
  item->net_ore = kl_stmt_int (stmt, 7);
  item->vat_ore = kl_stmt_int (stmt, 8);
  item->supplier = kl_stmt_text (stmt, 9);
  item->invoice_no = kl_stmt_text (stmt, 10);
  item->invoice_date = kl_stmt_text (stmt, 11);
  item->note = kl_stmt_text (stmt, 12);
  item->consultant_name = kl_stmt_text (stmt, 13);
  item->created_at = kl_stmt_text (stmt, 14);
  item->updated_at = kl_stmt_text (stmt, 15);
  return item;
}

static gboolean
write_cost (KlDb              *db,
            const KlCostItem  *item,
            gboolean           insert,
            GError           **error)
{
  const char *sql = insert
    ? "INSERT INTO cost_item (programme_id, session_id, category, consultant_id, days, persons, net_ore, "
      "vat_ore, supplier, invoice_no, invoice_date, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
    : "UPDATE cost_item SET programme_id = ?1, session_id = ?2, category = ?3, consultant_id = ?4, days = ?5, "
      "persons = ?6, net_ore = ?7, vat_ore = ?8, supplier = ?9, invoice_no = ?10, invoice_date = ?11, "
      "note = ?12 WHERE id = ?13";

  if (!kl_cost_item_validate (item, error)
      || !kl_store_exists (db, "SELECT 1 FROM programme WHERE id = ?1", item->programme_id, _("programme"), error))
    return FALSE;
  if (item->consultant_id > 0
      && !kl_store_exists (db, "SELECT 1 FROM consultant WHERE id = ?1", item->consultant_id,
                           _("consultant"), error))
    {
      g_prefix_error (error, _("Consultant: "));
      return FALSE;
    }
  if (item->session_id > 0)
    {
      g_autoptr(KlSession) session = kl_store_get_session (db, item->session_id, error);

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
    }
  if (!kl_db_exec (db, error, sql, insert ? "irtrnniitttt" : "irtrnniittttr",
                   item->programme_id, item->session_id, kl_cost_categories[item->category],
                   item->consultant_id, item->days, item->persons, item->net_ore, item->vat_ore,
                   item->supplier, item->invoice_no, item->invoice_date, item->note,
                   insert ? (gint64) 0 : item->id))
    return FALSE;
  return insert || kl_store_changed_one (db, _("cost item"), item->id, error);
}

gboolean
kl_store_insert_cost (KlDb        *db,
                      KlCostItem  *item,
                      GError     **error)
{
  g_autoptr(KlTransaction) tx = kl_db_begin (db, error);

  if (tx == NULL || !write_cost (db, item, TRUE, error))
    return FALSE;
  item->id = kl_db_last_id (db);
  return kl_transaction_commit (tx, error);
}

gboolean
kl_store_update_cost (KlDb              *db,
                      const KlCostItem  *item,
                      GError           **error)
{
  g_autoptr(KlTransaction) tx = kl_db_begin (db, error);

  if (tx == NULL || !write_cost (db, item, FALSE, error))
    return FALSE;
  return kl_transaction_commit (tx, error);
}

GPtrArray *
kl_store_list_costs (KlDb    *db,
                     gint64   programme_id,
                     GError **error)
{
  g_autoptr(KlStmt) stmt = kl_db_query (db, error,
                                        "SELECT " COST_COLUMNS " FROM cost_item c "
                                        "LEFT JOIN consultant k ON k.id = c.consultant_id "
                                        "WHERE c.programme_id = ?1 ORDER BY c.invoice_date, c.id",
                                        "i", programme_id);

  return kl_store_collect (stmt, (KlReadFunc) read_cost, (GDestroyNotify) kl_cost_item_free, error);
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

  if (!kl_store_first_row (stmt, _("cost item"), id, error))
    return NULL;
  return read_cost (stmt);
}

gboolean
kl_store_delete_cost (KlDb    *db,
                      gint64   id,
                      GError **error)
{
  g_autoptr(KlTransaction) tx = kl_db_begin (db, error);

  if (tx == NULL
      || !kl_db_exec (db, error, "DELETE FROM cost_item WHERE id = ?1", "i", id)
      || !kl_store_changed_one (db, _("cost item"), id, error))
    return FALSE;
  return kl_transaction_commit (tx, error);
}

/* Funding cases */

#define CASE_COLUMNS "id, programme_id, scheme, status, applied_date, applied_ore, case_no, granted_ore, " \
                     "grant_date, expiry_date, payout_date, paid_ore, paid_date, created_at, updated_at"

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
  g_autoptr(GError) local = NULL;

  if (stmt == NULL)
    return NULL;
  if (kl_stmt_next (stmt, &local))
    return read_case (stmt);
  if (local != NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  else
    g_set_error (error, KL_ERROR, KL_ERROR_NOT_FOUND,
                 _("Programme %lld has no funding case yet"), (long long) programme_id);
  return NULL;
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
      || !kl_store_exists (db, "SELECT 1 FROM programme WHERE id = ?1", funding->programme_id,
                           _("programme"), error))
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

  if (!kl_db_exec (db, error,
                   "INSERT INTO funding_case (programme_id, scheme, status, applied_date, applied_ore, case_no, "
                   "granted_ore, grant_date, expiry_date, payout_date, paid_ore, paid_date) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
                   "ON CONFLICT (programme_id, scheme) DO UPDATE SET status = ?3, applied_date = ?4, "
                   "applied_ore = ?5, case_no = ?6, granted_ore = ?7, grant_date = ?8, expiry_date = ?9, "
                   "payout_date = ?10, paid_ore = ?11, paid_date = ?12",
                   "itttatatttat", funding->programme_id, funding->scheme, funding->status,
                   funding->applied_date, funding->applied_ore, funding->case_no, funding->granted_ore,
                   funding->grant_date, funding->expiry_date, funding->payout_date, funding->paid_ore,
                   funding->paid_date))
    return FALSE;
  funding->id = stored ? stored->id : kl_db_last_id (db);
  return kl_transaction_commit (tx, error);
}

/* Schemes and the claim */

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
                      "SELECT id, scheme, name, valid_from, valid_to, rate_permille, fee_cap_ore, "
                      "participant_fee_cap_ore, study_fee_cap_ore FROM scheme_version "
                      "WHERE scheme = ?1 AND valid_from <= ?2 AND (valid_to IS NULL OR valid_to >= ?2) "
                      "ORDER BY valid_from DESC LIMIT 1", "tt", scheme, date);
  if (stmt == NULL)
    return NULL;
  if (!kl_stmt_next (stmt, &local))
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, KL_ERROR, KL_ERROR_NOT_FOUND,
                     _("No version of the scheme “%s” is in force on %s"), scheme, date);
      return NULL;
    }
  version = kl_scheme_version_new ();
  version->id = kl_stmt_int (stmt, 0);
  version->scheme = kl_stmt_text (stmt, 1);
  version->name = kl_stmt_text (stmt, 2);
  version->valid_from = kl_stmt_text (stmt, 3);
  version->valid_to = kl_stmt_text (stmt, 4);
  version->rate_permille = (int) kl_stmt_int (stmt, 5);
  version->fee_cap_ore = kl_stmt_int (stmt, 6);
  version->participant_fee_cap_ore = kl_stmt_int (stmt, 7);
  version->study_fee_cap_ore = kl_stmt_int (stmt, 8);
  g_clear_pointer (&stmt, kl_stmt_release);

  stmt = kl_db_query (db, error, "SELECT category FROM scheme_eligible WHERE version_id = ?1", "i", version->id);
  if (stmt == NULL)
    return NULL;
  while (kl_stmt_next (stmt, &local))
    {
      KlCostCategory category;

      if (kl_cost_category_from_string ((const char *) sqlite3_column_text (stmt, 0), &category))
        version->eligible |= 1u << category;
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
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

/* A case counts by the rules in force on its application date; a programme
 * not yet applied for counts by today's. */
KlClaim *
kl_store_compute_claim (KlDb    *db,
                        gint64   programme_id,
                        GError **error)
{
  g_autoptr(KlFundingCase) funding = NULL;
  g_autoptr(KlSchemeVersion) scheme = NULL;
  g_autoptr(GPtrArray) costs = NULL;
  g_autoptr(GError) local = NULL;

  if (!kl_store_exists (db, "SELECT 1 FROM programme WHERE id = ?1", programme_id, _("programme"), error))
    return NULL;
  funding = kl_store_get_funding_case (db, programme_id, KL_DEFAULT_SCHEME, &local);
  if (funding == NULL && !g_error_matches (local, KL_ERROR, KL_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  scheme = kl_store_scheme_for_date (db, funding ? funding->scheme : KL_DEFAULT_SCHEME,
                                     funding ? funding->applied_date : NULL, error);
  if (scheme == NULL)
    return NULL;
  costs = kl_store_list_costs (db, programme_id, error);
  if (costs == NULL)
    return NULL;
  return kl_claim_compute (scheme, costs, funding ? funding->granted_ore : KL_NO_AMOUNT,
                           kl_lang_from_locale ());
}
