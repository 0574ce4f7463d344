#include "config.h"

#include <string.h>

#include "kl-audit.h"
#include "kl-error.h"
#include "kl-i18n.h"
#include "kl-store-private.h"
#include "kl-validate.h"

/* Shared helpers */

gboolean
kl_store_set_not_found (GError     **error,
                        const char  *what,
                        gint64       id)
{
  g_set_error (error, KL_ERROR, KL_ERROR_NOT_FOUND, _("There is no %s with id %lld"),
               what, (long long) id);
  return FALSE;
}

/* Moves a lookup by id onto its row. FALSE with SQLite's error, or with
 * KL_ERROR_NOT_FOUND naming what was looked for; a NULL statement (its
 * error already set by kl_db_query) is passed through. */
gboolean
kl_store_first_row (KlStmt      *stmt,
                    const char  *what,
                    gint64       id,
                    GError     **error)
{
  return kl_stmt_first (stmt, error, _("There is no %s with id %lld"), what, (long long) id);
}

/* Every row, read into a new array; NULL when SQLite fails part-way. */
GPtrArray *
kl_store_collect (KlStmt          *stmt,
                  KlReadFunc       read,
                  GDestroyNotify   free_func,
                  GError         **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) local = NULL;

  if (stmt == NULL)
    return NULL;
  rows = g_ptr_array_new_with_free_func (free_func);
  while (kl_stmt_next (stmt, &local))
    g_ptr_array_add (rows, read (stmt));
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

gboolean
kl_store_exists (KlDb               *db,
                 const KlRecordKind *kind,
                 gint64              id,
                 GError            **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?1", kind->table);
  g_autoptr(KlStmt) stmt = kl_db_query (db, error, sql, "i", id);

  return kl_store_first_row (stmt, _(kind->what), id, error);
}

/* An UPDATE or DELETE by id that touched nothing had the wrong id. */
gboolean
kl_store_changed_one (KlDb        *db,
                      const char  *what,
                      gint64       id,
                      GError     **error)
{
  if (kl_db_changes (db) > 0)
    return TRUE;
  return kl_store_set_not_found (error, what, id);
}

/* Records that carry a version (data/migrations/{sqlite,postgresql}/0011-versions.sql),
 * and two that a consultant's DELETE may miss on a server. */
const KlRecordKind kl_record_client = {
  "client", N_("client"), N_("%s changed this client at %s"), N_("This client was deleted by %s at %s"),
  N_("Only the office can change this client"),
};
const KlRecordKind kl_record_consultant = {
  "consultant", N_("consultant"), N_("%s changed this consultant at %s"),
  N_("This consultant was deleted by %s at %s"), N_("Only the office can change this consultant"),
};
const KlRecordKind kl_record_programme = {
  "programme", N_("programme"), N_("%s changed this programme at %s"),
  N_("This programme was deleted by %s at %s"), N_("Only the office can change this programme"),
};
const KlRecordKind kl_record_session = {
  "session", N_("session"), N_("%s changed this session at %s"), N_("This session was deleted by %s at %s"),
  N_("Only the office or the consultants who lead this programme can change this session"),
};
const KlRecordKind kl_record_participant = {
  "participant", N_("participant"), N_("%s changed this participant at %s"),
  N_("This participant was deleted by %s at %s"),
  N_("Only the office or the consultants who lead a programme of this participant can change them"),
};
const KlRecordKind kl_record_cost_item = {
  "cost_item", N_("cost item"), N_("%s changed this cost item at %s"),
  N_("This cost item was deleted by %s at %s"), N_("Only the office can change cost items"),
};
const KlRecordKind kl_record_funding_case = {
  "funding_case", N_("funding case"), N_("%s changed this funding case at %s"),
  N_("This funding case was deleted by %s at %s"), N_("Only the office can record funding steps"),
};
const KlRecordKind kl_record_attendance = {
  "attendance", N_("attendance mark"), NULL, NULL,
  N_("Only the office or the consultants who lead this programme can change its attendance"),
};
const KlRecordKind kl_record_enrolment = {
  "enrolment", N_("enrolment"), NULL, NULL,
  N_("Only the office or the consultants who lead this programme can change its enrolments"),
};

/* Who made the last change to a record and when, in words: "kari",
 * "2026-12-03 14:02" in local time. FALSE when the trail has nothing
 * (a change made while the trail was paused, or an old file). */
static gboolean
describe_last_change (KlDb                *db,
                      const KlRecordKind  *kind,
                      gint64               id,
                      const char          *action,
                      char               **who,
                      char               **when)
{
  g_autoptr(KlAuditRecord) last = kl_audit_last_change (db, kind->table, id, NULL);

  if (last == NULL || (action != NULL && g_strcmp0 (last->action, action) != 0))
    return FALSE;
  *who = g_strdup (last->os_user);
  *when = kl_audit_format_minute (last);
  return TRUE;
}

/* A connection's own saves never conflict with each other: an undo puts
 * back a copy read before this connection saved the record, and is right
 * to. So a copy older than the version this connection last wrote counts
 * as that version; a change by anyone else since is still refused. The
 * versions written are kept on the connection ("table:id" → version). */
static GMutex own_versions_lock;

gint64
kl_store_expected_version (KlDb               *db,
                           const KlRecordKind *kind,
                           gint64              id,
                           gint64              version)
{
  g_autofree char *key = NULL;
  GHashTable *own;
  gint64 written = 0;

  if (version <= 0)
    return version;
  key = g_strdup_printf ("%s:%" G_GINT64_FORMAT, kind->table, id);
  g_mutex_lock (&own_versions_lock);
  own = g_object_get_data (G_OBJECT (db), "kl-store-own-versions");
  if (own != NULL)
    {
      gint64 *found = g_hash_table_lookup (own, key);

      written = found ? *found : 0;
    }
  g_mutex_unlock (&own_versions_lock);
  return written > version ? written : version;
}

/* Once the save has committed: this connection's own (see above). */
typedef struct
{
  char *key;               /* "table:id" */
  gint64 version;
} OwnVersion;

static void
own_version_free (OwnVersion *own)
{
  g_free (own->key);
  g_free (own);
}

static void
remember_own_version (KlDb     *db,
                      gpointer  data)
{
  OwnVersion *written = data;
  GHashTable *own;
  gint64 *value = g_new (gint64, 1);

  *value = written->version;
  g_mutex_lock (&own_versions_lock);
  own = g_object_get_data (G_OBJECT (db), "kl-store-own-versions");
  if (own == NULL)
    {
      own = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_object_set_data_full (G_OBJECT (db), "kl-store-own-versions", own, (GDestroyNotify) g_hash_table_unref);
    }
  g_hash_table_replace (own, g_strdup (written->key), value);
  g_mutex_unlock (&own_versions_lock);
}

/* After an update: the version the record has now, into *version, and
 * this connection's own once the transaction commits (a save that rolls
 * back leaves the connection's versions as they were; the caller puts
 * back the record's, kl_store_keep_version). FALSE when the record is gone. */
gboolean
kl_store_note_written (KlDb                *db,
                       const KlRecordKind  *kind,
                       gint64               id,
                       gint64              *version,
                       GError             **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT version FROM %s WHERE id = ?1", kind->table);
  g_autoptr(KlStmt) stmt = kl_db_query (db, error, sql, "i", id);
  OwnVersion *written;

  if (!kl_store_first_row (stmt, _(kind->what), id, error))
    return FALSE;
  *version = kl_stmt_int (stmt, 0);
  written = g_new0 (OwnVersion, 1);
  written->key = g_strdup_printf ("%s:%" G_GINT64_FORMAT, kind->table, id);
  written->version = *version;
  kl_db_at_commit (db, remember_own_version, written, (GDestroyNotify) own_version_free);
  return TRUE;
}

/* The end of an update of a record with a version: TRUE as saved; on
 * FALSE the record gets back the version it had before (*before), so
 * that saving it again after fixing what was refused is not taken for
 * someone else's change. */
gboolean
kl_store_keep_version (gboolean  saved,
                       gint64   *version,
                       gint64    before)
{
  if (!saved)
    *version = before;
  return saved;
}

/* After an UPDATE (of the version the caller read, 0 for any) or a DELETE
 * by id: TRUE when it changed the row. Else why not, in the user's words:
 * the row is gone (deleted by whom, when), someone saved a newer version
 * meanwhile (KL_ERROR_CONFLICT, by whom, when), or the row is there as
 * read and a team server's row-level security hid it from this role,
 * which PostgreSQL does without an error. */
/* Always FALSE: a save of a copy older than the stored record, refused
 * naming who changed the record since and when. */
gboolean
kl_store_set_conflict (KlDb                *db,
                       const KlRecordKind  *kind,
                       gint64               id,
                       GError             **error)
{
  g_autofree char *who = NULL;
  g_autofree char *when = NULL;

  if (!describe_last_change (db, kind, id, NULL, &who, &when))
    {
      who = g_strdup (_("Someone else"));
      when = g_strdup (_("an unknown time"));
    }
  g_set_error (error, KL_ERROR, KL_ERROR_CONFLICT, _(kind->changed), who, when);
  return FALSE;
}

gboolean
kl_store_check_written (KlDb                *db,
                        const KlRecordKind  *kind,
                        gint64               id,
                        gint64               version,
                        GError             **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(KlStmt) stmt = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *who = NULL;
  g_autofree char *when = NULL;
  gint64 now;

  if (kl_db_changes (db) > 0)
    return TRUE;

  /* Attendance and enrolments carry no version: only whether it is there. */
  sql = g_strdup_printf (kind->changed ? "SELECT version FROM %s WHERE id = ?1" : "SELECT 0 FROM %s WHERE id = ?1",
                         kind->table);
  stmt = kl_db_query (db, error, sql, "i", id);
  if (stmt == NULL)
    return FALSE;
  if (!kl_stmt_next (stmt, &local))
    {
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      if (kind->deleted != NULL && describe_last_change (db, kind, id, "delete", &who, &when))
        {
          g_set_error (error, KL_ERROR, KL_ERROR_NOT_FOUND, _(kind->deleted), who, when);
          return FALSE;
        }
      return kl_store_set_not_found (error, _(kind->what), id);
    }
  now = kl_stmt_int (stmt, 0);
  if (version > 0 && now != version)
    return kl_store_set_conflict (db, kind, id, error);
  g_set_error_literal (error, KL_ERROR, KL_ERROR_NOT_ALLOWED, _(kind->refused));
  return FALSE;
}

static gboolean
refuse_if_used (KlDb               *db,
                gint64              id,
                const char         *what,
                const KlDependent  *dependents,
                guint               n_dependents,
                GError            **error)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n_dependents; i++)
    {
      g_autoptr(KlStmt) stmt = kl_db_query (db, error, dependents[i].sql, "i", id);
      int count;

      if (stmt == NULL || !kl_stmt_next (stmt, error))
        return FALSE;
      count = (int) kl_stmt_int (stmt, 0);
      if (count > 0)
        g_ptr_array_add (parts, g_strdup_printf (kl_ngettext (dependents[i].singular,
                                                              dependents[i].plural, (gulong) count),
                                                 count));
    }
  if (parts->len == 0)
    return TRUE;

  g_ptr_array_add (parts, NULL);
  {
    g_autofree char *list = g_strjoinv (", ", (char **) parts->pdata);

    g_set_error (error, KL_ERROR, KL_ERROR_IN_USE,
                 _("Cannot delete %s: still in use by %s. Delete or move those first."), what, list);
  }
  return FALSE;
}

gboolean
kl_store_delete_unused (KlDb               *db,
                        const KlRecordKind *kind,
                        gint64              id,
                        const char         *what,
                        const KlDependent  *dependents,
                        guint               n_dependents,
                        GError            **error)
{
  g_autoptr(KlTransaction) tx = kl_db_begin (db, error);
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?1", kind->table);

  if (tx == NULL
      || !refuse_if_used (db, id, what, dependents, n_dependents, error)
      || !kl_db_exec (db, error, sql, "i", id)
      || !kl_store_check_written (db, kind, id, 0, error))
    return FALSE;
  return kl_transaction_commit (tx, error);
}

/* Settings */

KlSettings *
kl_store_get_settings (KlDb    *db,
                       GError **error)
{
  g_autoptr(KlStmt) stmt = kl_db_query (db, error,
                                        "SELECT name, orgnr, account, address, updated_at, signatory_name, signatory_title "
                                        "FROM settings WHERE id = 1",
                                        NULL);
  KlSettings *settings;

  if (stmt == NULL || !kl_stmt_next (stmt, error))
    return NULL;
  settings = kl_settings_new ();
  settings->name = kl_stmt_text (stmt, 0);
  settings->orgnr = kl_stmt_text (stmt, 1);
  settings->account = kl_stmt_text (stmt, 2);
  settings->address = kl_stmt_text (stmt, 3);
  settings->updated_at = kl_stmt_text (stmt, 4);
  settings->signatory_name = kl_stmt_text (stmt, 5);
  settings->signatory_title = kl_stmt_text (stmt, 6);
  return settings;
}

gboolean
kl_store_save_settings (KlDb              *db,
                        const KlSettings  *settings,
                        GError           **error)
{
  g_autofree char *orgnr = kl_normalize_number (settings->orgnr);
  g_autofree char *account = kl_normalize_number (settings->account);
  g_autoptr(KlTransaction) tx = NULL;

  if (!kl_settings_validate (settings, error))
    return FALSE;
  tx = kl_db_begin (db, error);
  if (tx == NULL
      || !kl_db_exec (db, error,
                      "UPDATE settings SET name = coalesce(?1, ''), orgnr = ?2, account = ?3, address = ?4, "
                      "signatory_name = CASE WHEN ?6 <> 0 THEN ?5 ELSE signatory_name END, "
                      "signatory_title = CASE WHEN ?8 <> 0 THEN ?7 ELSE signatory_title END WHERE id = 1",
                      "tttttntn", settings->name, orgnr, account, settings->address,
                      settings->signatory_name, (int) (settings->signatory_name != NULL),
                      settings->signatory_title, (int) (settings->signatory_title != NULL)))
    return FALSE;
  return kl_transaction_commit (tx, error);
}

/* Clients */

#define CLIENT_COLUMNS "id, name, kind, parent_id, orgnr, account, address, invoice_email, " \
                       "contact_name, contact_email, contact_phone, notes, created_at, updated_at, version"

static KlClient *
read_client (KlStmt *stmt)
{
  KlClient *client = kl_client_new ();

  client->id = kl_stmt_int (stmt, 0);
  client->name = kl_stmt_text (stmt, 1);
  client->kind = kl_stmt_text (stmt, 2);
  client->parent_id = kl_stmt_int (stmt, 3);
  client->orgnr = kl_stmt_text (stmt, 4);
  client->account = kl_stmt_text (stmt, 5);
  client->address = kl_stmt_text (stmt, 6);
  client->invoice_email = kl_stmt_text (stmt, 7);
  client->contact_name = kl_stmt_text (stmt, 8);
  client->contact_email = kl_stmt_text (stmt, 9);
  client->contact_phone = kl_stmt_text (stmt, 10);
  client->notes = kl_stmt_text (stmt, 11);
  client->created_at = kl_stmt_text (stmt, 12);
  client->updated_at = kl_stmt_text (stmt, 13);
  client->version = kl_stmt_int (stmt, 14);
  return client;
}

/* A parent must exist and must not be the client itself or below it. */
static gboolean
check_client_parent (KlDb            *db,
                     const KlClient  *client,
                     GError         **error)
{
  gint64 ancestor = client->parent_id;
  guint depth = 0;

  while (ancestor > 0)
    {
      g_autoptr(KlStmt) stmt = NULL;

      if (ancestor == client->id || ++depth > 64)
        {
          g_set_error (error, KL_ERROR, KL_ERROR_INVALID_VALUE,
                       _("Parent: a client cannot be placed under itself or one of its own units"));
          return FALSE;
        }
      stmt = kl_db_query (db, error, "SELECT parent_id FROM client WHERE id = ?1", "i", ancestor);
      if (stmt == NULL)
        return FALSE;
      if (!kl_stmt_next (stmt, error))
        {
          if (error && *error)
            return FALSE;
          g_set_error (error, KL_ERROR, KL_ERROR_NOT_FOUND,
                       _("Parent: there is no client with id %lld"), (long long) ancestor);
          return FALSE;
        }
      ancestor = kl_stmt_int (stmt, 0);
    }
  return TRUE;
}

static gboolean
write_client (KlDb           *db,
              KlClient       *client,
              gboolean        insert,
              GError        **error)
{
  g_autofree char *orgnr = kl_normalize_number (client->orgnr);
  g_autofree char *account = kl_normalize_number (client->account);
  const char *sql = insert
    ? "INSERT INTO client (name, kind, parent_id, orgnr, account, address, invoice_email, "
      "contact_name, contact_email, contact_phone, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
      "RETURNING id"
    : "UPDATE client SET name = ?1, kind = ?2, parent_id = ?3, orgnr = ?4, account = ?5, address = ?6, "
      "invoice_email = ?7, contact_name = ?8, contact_email = ?9, contact_phone = ?10, notes = ?11 WHERE id = ?12"
      KL_SQL_AT_VERSION ("13");

  if (!kl_client_validate (client, error) || !check_client_parent (db, client, error))
    return FALSE;
  if (!insert)
    client->version = kl_store_expected_version (db, &kl_record_client, client->id, client->version);
  if (!kl_db_exec (db, error, sql, insert ? "ttrtttttttt" : "ttrttttttttri",
                   client->name, client->kind, client->parent_id, orgnr, account, client->address,
                   client->invoice_email, client->contact_name, client->contact_email,
                   client->contact_phone, client->notes, insert ? (gint64) 0 : client->id, client->version))
    return FALSE;
  return insert
         || (kl_store_check_written (db, &kl_record_client, client->id, client->version, error)
             && kl_store_note_written (db, &kl_record_client, client->id, &client->version, error));
}

gboolean
kl_store_insert_client (KlDb      *db,
                        KlClient  *client,
                        GError   **error)
{
  g_autoptr(KlTransaction) tx = kl_db_begin (db, error);

  if (tx == NULL || !write_client (db, client, TRUE, error))
    return FALSE;
  client->id = kl_db_last_id (db);
  return kl_transaction_commit (tx, error);
}

gboolean
kl_store_update_client (KlDb            *db,
                        KlClient        *client,
                        GError         **error)
{
  gint64 version = client->version;
  g_autoptr(KlTransaction) tx = kl_db_begin (db, error);

  return kl_store_keep_version (tx != NULL && write_client (db, client, FALSE, error)
                                && kl_transaction_commit (tx, error),
                                &client->version, version);
}

KlClient *
kl_store_get_client (KlDb    *db,
                     gint64   id,
                     GError **error)
{
  g_autoptr(KlStmt) stmt = kl_db_query (db, error, "SELECT " CLIENT_COLUMNS " FROM client WHERE id = ?1", "i", id);

  if (!kl_store_first_row (stmt, _("client"), id, error))
    return NULL;
  return read_client (stmt);
}

GPtrArray *
kl_store_list_clients (KlDb    *db,
                       GError **error)
{
  g_autoptr(KlStmt) stmt = kl_db_query (db, error,
                                        "SELECT " CLIENT_COLUMNS " FROM client ORDER BY name COLLATE NOCASE, id",
                                        NULL);

  return kl_store_collect (stmt, (KlReadFunc) read_client, (GDestroyNotify) kl_client_free, error);
}

gboolean
kl_store_delete_client (KlDb    *db,
                        gint64   id,
                        GError **error)
{
  static const KlDependent dependents[] = {
    { "SELECT count(*) FROM client WHERE parent_id = ?1", NP_("%d sub-unit", "%d sub-units") },
    { "SELECT count(*) FROM programme WHERE client_id = ?1", NP_("%d programme", "%d programmes") },
    { "SELECT count(*) FROM participant WHERE workplace_id = ?1", NP_("%d participant", "%d participants") },
  };
  g_autoptr(KlClient) client = kl_store_get_client (db, id, error);
  g_autofree char *what = NULL;

  if (client == NULL)
    return FALSE;
  what = g_strdup_printf (_("the client “%s”"), client->name);
  return kl_store_delete_unused (db, &kl_record_client, id, what, dependents, G_N_ELEMENTS (dependents), error);
}

/* The legal entity applies for money and is paid: the client itself when it
 * has an org number and no parent, else the nearest ancestor that does. */
gint64
kl_store_legal_entity (KlDb    *db,
                       gint64   client_id,
                       GError **error)
{
  gint64 current = client_id;
  g_autofree char *start_name = NULL;
  g_autofree char *top_name = NULL;

  for (guint depth = 0; current > 0 && depth < 64; depth++)
    {
      g_autoptr(KlClient) client = kl_store_get_client (db, current, error);

      if (client == NULL)
        return 0;
      if (start_name == NULL)
        start_name = g_strdup (client->name);
      if (client->parent_id == 0)
        {
          if (client->orgnr != NULL && *client->orgnr != '\0')
            return client->id;
          top_name = g_strdup (client->name);
          break;
        }
      current = client->parent_id;
    }

  /* Only the top of the chain applies and is paid, so only its number counts. */
  if (g_strcmp0 (start_name, top_name) == 0)
    g_set_error (error, KL_ERROR, KL_ERROR_REQUIRED,
                 _("Org number: “%s” has none, so it cannot apply to the fund"),
                 start_name ? start_name : "?");
  else
    g_set_error (error, KL_ERROR, KL_ERROR_REQUIRED,
                 _("Org number: “%s” applies through “%s”, which has none"),
                 start_name ? start_name : "?", top_name ? top_name : "?");
  return 0;
}

/* Consultants */

#define CONSULTANT_COLUMNS "id, name, email, phone, external, day_rate_ore, created_at, updated_at, version"

static KlConsultant *
read_consultant (KlStmt *stmt)
{
  KlConsultant *consultant = kl_consultant_new ();

  consultant->id = kl_stmt_int (stmt, 0);
  consultant->name = kl_stmt_text (stmt, 1);
  consultant->email = kl_stmt_text (stmt, 2);
  consultant->phone = kl_stmt_text (stmt, 3);
  consultant->external = kl_stmt_int (stmt, 4) != 0;
  consultant->day_rate_ore = kl_stmt_int (stmt, 5);
  consultant->created_at = kl_stmt_text (stmt, 6);
  consultant->updated_at = kl_stmt_text (stmt, 7);
  consultant->version = kl_stmt_int (stmt, 8);
  return consultant;
}

gboolean
kl_store_insert_consultant (KlDb          *db,
                            KlConsultant  *consultant,
                            GError       **error)
{
  g_autoptr(KlTransaction) tx = NULL;

  if (!kl_consultant_validate (consultant, error))
    return FALSE;
  tx = kl_db_begin (db, error);
  if (tx == NULL
      || !kl_db_exec (db, error,
                      "INSERT INTO consultant (name, email, phone, external, day_rate_ore) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
                      "tttni", consultant->name, consultant->email, consultant->phone,
                      consultant->external ? 1 : 0, consultant->day_rate_ore))
    return FALSE;
  consultant->id = kl_db_last_id (db);
  return kl_transaction_commit (tx, error);
}

gboolean
kl_store_update_consultant (KlDb                *db,
                            KlConsultant        *consultant,
                            GError             **error)
{
  g_autoptr(KlTransaction) tx = NULL;
  gint64 version = consultant->version;

  if (!kl_consultant_validate (consultant, error))
    return FALSE;
  consultant->version = kl_store_expected_version (db, &kl_record_consultant, consultant->id, consultant->version);
  tx = kl_db_begin (db, error);
  if (tx == NULL
      || !kl_db_exec (db, error,
                      "UPDATE consultant SET name = ?1, email = ?2, phone = ?3, external = ?4, day_rate_ore = ?5 "
                      "WHERE id = ?6" KL_SQL_AT_VERSION ("7"),
                      "tttniii", consultant->name, consultant->email, consultant->phone,
                      consultant->external ? 1 : 0, consultant->day_rate_ore, consultant->id, consultant->version)
      || !kl_store_check_written (db, &kl_record_consultant, consultant->id, consultant->version, error)
      || !kl_store_note_written (db, &kl_record_consultant, consultant->id, &consultant->version, error))
    return kl_store_keep_version (FALSE, &consultant->version, version);
  return kl_store_keep_version (kl_transaction_commit (tx, error), &consultant->version, version);
}

KlConsultant *
kl_store_get_consultant (KlDb    *db,
                         gint64   id,
                         GError **error)
{
  g_autoptr(KlStmt) stmt = kl_db_query (db, error, "SELECT " CONSULTANT_COLUMNS " FROM consultant WHERE id = ?1",
                                        "i", id);

  if (!kl_store_first_row (stmt, _("consultant"), id, error))
    return NULL;
  return read_consultant (stmt);
}

GPtrArray *
kl_store_list_consultants (KlDb    *db,
                           GError **error)
{
  g_autoptr(KlStmt) stmt = kl_db_query (db, error,
                                        "SELECT " CONSULTANT_COLUMNS " FROM consultant ORDER BY name COLLATE NOCASE, id",
                                        NULL);

  return kl_store_collect (stmt, (KlReadFunc) read_consultant, (GDestroyNotify) kl_consultant_free, error);
}

gboolean
kl_store_delete_consultant (KlDb    *db,
                            gint64   id,
                            GError **error)
{
  static const KlDependent dependents[] = {
    { "SELECT count(*) FROM programme WHERE lead_id = ?1", NP_("%d programme led", "%d programmes led") },
    { "SELECT count(*) FROM session_leader WHERE consultant_id = ?1", NP_("%d session", "%d sessions") },
    { "SELECT count(*) FROM cost_item WHERE consultant_id = ?1", NP_("%d cost item", "%d cost items") },
  };
  g_autoptr(KlConsultant) consultant = kl_store_get_consultant (db, id, error);
  g_autofree char *what = NULL;

  if (consultant == NULL)
    return FALSE;
  what = g_strdup_printf (_("the consultant “%s”"), consultant->name);
  return kl_store_delete_unused (db, &kl_record_consultant, id, what, dependents, G_N_ELEMENTS (dependents), error);
}

/* Search */

static void
search_hit_free (KlSearchHit *hit)
{
  g_free (hit->kind);
  g_free (hit->title);
  g_free (hit->snippet);
  g_free (hit);
}

/* Each word the user typed becomes a quoted prefix term, so nothing they
 * type is read as FTS5 syntax. */
char *
kl_store_fts_query (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text ? text : "", " \t\n", -1);
  g_autoptr(GString) query = g_string_new (NULL);

  for (guint i = 0; words[i]; i++)
    {
      g_autoptr(GString) word = NULL;

      if (*words[i] == '\0')
        continue;
      word = g_string_new (words[i]);
      g_string_replace (word, "\"", "\"\"", 0);
      g_string_append_printf (query, "%s\"%s\"*", query->len ? " " : "", word->str);
    }
  return g_string_free (g_steal_pointer (&query), FALSE);
}

GPtrArray *
kl_store_search (KlDb        *db,
                 const char  *text,
                 int          limit,
                 GError     **error)
{
  static const char *const kinds[] = { "client", "programme", "participant", "consultant" };
  g_autofree char *query = kl_store_fts_query (text);
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) search_hit_free);
  g_autoptr(KlStmt) stmt = NULL;
  g_autoptr(GError) local = NULL;

  if (*query == '\0')
    return g_steal_pointer (&hits);
  stmt = kl_db_query (db, error, kl_db_sql (db, KL_SQL_SEARCH), "tn", query, limit > 0 ? limit : 50);
  if (stmt == NULL)
    return NULL;
  while (kl_stmt_next (stmt, &local))
    {
      KlSearchHit *hit = g_new0 (KlSearchHit, 1);
      gint64 rowid = kl_stmt_int (stmt, 0);

      hit->kind = g_strdup (kinds[rowid % 4]);
      hit->id = rowid / 4;
      hit->title = kl_stmt_text (stmt, 1);
      hit->snippet = kl_stmt_text (stmt, 2);
      g_ptr_array_add (hits, hit);
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return g_steal_pointer (&hits);
}
