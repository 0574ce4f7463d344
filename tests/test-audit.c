/* The audit trail: every change to marks, cost items and funding cases
 * leaves rows with old and new value and the OS user; undoing adds rows
 * and removes none; nobody edits the trail; an older file gets it. */

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "kl-audit.h"
#include "kl-db-private.h"
#include "kl-demo.h"
#include "kl-error.h"
#include "kl-store.h"
#include "kl-test-server.h"
#include "kl-test-store.h"
#include "kl-test-util.h"
#include "test-migrations-resources.h"

typedef struct
{
  char *dir;
  char *path;
  KlDb *db;
  gint64 programme;
  gint64 session;
  gint64 participant;
  gint64 consultant;
} Fixture;

/* A programme with one session and one enrolled participant. */
static void
make_programme (Fixture *fixture)
{
  gint64 client;

  fixture->consultant = kl_test_add_consultant (fixture->db, "Hilde Aas");
  client = kl_test_add_client (fixture->db, "Bærum kommune", "kommune", 0, NULL);
  fixture->programme = kl_test_add_programme (fixture->db, client, "LED SKOLE Bærum", "2025-08-15", "2026-06-15");
  fixture->session = kl_test_add_session (fixture->db, fixture->programme, "Samling 3", "2025-10-01T09:00",
                                          "2025-10-01T15:00");
  fixture->participant = kl_test_add_participant (fixture->db, "Kari Nordmann", NULL);
  kl_test_enrol (fixture->db, fixture->programme, fixture->participant);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = kl_test_make_dir ("test-audit");
  fixture->db = kl_test_open_db_at (fixture->dir, &fixture->path);
  make_programme (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kl_test_close_db (&fixture->db, &fixture->dir);
  g_free (fixture->path);
}

static GPtrArray *
list_trail (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records = kl_audit_list (fixture->db, fixture->programme, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (records);
  return records;
}

static void
assert_record (const KlAuditRecord *record,
               const char          *entity,
               const char          *action,
               const char          *field,
               const char          *old_value,
               const char          *new_value)
{
  g_assert_cmpstr (record->entity, ==, entity);
  g_assert_cmpstr (record->action, ==, action);
  g_assert_cmpstr (record->field, ==, field);
  g_assert_cmpstr (record->old_value, ==, old_value);
  g_assert_cmpstr (record->new_value, ==, new_value);
  g_assert_cmpstr (record->os_user, ==, kl_test_db_user ());
  g_assert_nonnull (record->at);
  g_assert_true (g_str_has_suffix (record->at, "Z"));
}

static void
assert_describes (const KlAuditRecord *record,
                  const char          *expected)
{
  g_autofree char *line = kl_audit_describe (record, KL_LANG_EN);

  g_assert_cmpstr (line, ==, expected);
}

static void
mark (Fixture    *fixture,
      const char *status,
      int         minutes)
{
  kl_test_mark (fixture->db, fixture->session, fixture->participant, status, minutes);
}

static void
test_attendance (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) trail = NULL;
  KlAuditRecord *record;

  g_assert_cmpint (kl_test_count (fixture->db, "SELECT count(*) FROM audit"), ==, 0);   /* setting up is not audited */

  mark (fixture, "absent", 0);
  mark (fixture, "absent", 0);                           /* no change, no row */
  mark (fixture, "present", 0);
  mark (fixture, "partial", 90);
  g_assert_true (kl_store_clear_attendance (fixture->db, fixture->session, fixture->participant, &error));
  g_assert_no_error (error);

  trail = list_trail (fixture);
  g_assert_cmpuint (trail->len, ==, 5);
  /* newest first */
  record = g_ptr_array_index (trail, 0);
  assert_record (record, "attendance", "delete", NULL, "{\"status\":\"partial\",\"minutes\":90}", NULL);
  assert_describes (record, "Attendance: Kari Nordmann at Samling 3: Partly present (1:30) → not marked");
  record = g_ptr_array_index (trail, 1);
  assert_record (record, "attendance", "update", "minutes", "0", "90");
  assert_describes (record, "Attendance: Kari Nordmann at Samling 3: hours 0:00 → 1:30");
  record = g_ptr_array_index (trail, 2);
  assert_record (record, "attendance", "update", "status", "present", "partial");
  record = g_ptr_array_index (trail, 3);
  assert_record (record, "attendance", "update", "status", "absent", "present");
  assert_describes (record, "Attendance: Kari Nordmann at Samling 3: Absent → Present");
  record = g_ptr_array_index (trail, 4);
  assert_record (record, "attendance", "insert", NULL, NULL, "{\"status\":\"absent\",\"minutes\":0}");
  assert_describes (record, "Attendance: Kari Nordmann at Samling 3: not marked → Absent");
  for (guint i = 0; i < trail->len; i++)
    {
      record = g_ptr_array_index (trail, i);
      g_assert_cmpint (record->programme_id, ==, fixture->programme);
      g_assert_cmpint (record->session_id, ==, fixture->session);
      g_assert_cmpint (record->participant_id, ==, fixture->participant);
    }
  g_clear_pointer (&trail, g_ptr_array_unref);

  /* --limit */
  trail = kl_audit_list (fixture->db, fixture->programme, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trail->len, ==, 2);
  g_assert_cmpstr (((KlAuditRecord *) g_ptr_array_index (trail, 0))->action, ==, "delete");
}

/* How many rows of the trail change a field from old to new (NULL: the
 * value is NULL); new is a printf format. */
static guint
count_field (GPtrArray  *trail,
             const char *field,
             const char *old_value,
             const char *format,
             ...) G_GNUC_PRINTF (4, 5);

static guint
count_field (GPtrArray  *trail,
             const char *field,
             const char *old_value,
             const char *format,
             ...)
{
  g_autofree char *new_value = NULL;
  va_list args;
  guint n = 0;

  va_start (args, format);
  new_value = g_strdup_vprintf (format, args);
  va_end (args);
  for (guint i = 0; i < trail->len; i++)
    {
      KlAuditRecord *record = g_ptr_array_index (trail, i);

      if (g_strcmp0 (record->field, field) == 0 && g_strcmp0 (record->old_value, old_value) == 0
          && g_strcmp0 (record->new_value, new_value) == 0)
        n++;
    }
  return n;
}

static KlCostItem *
make_cost (Fixture *fixture,
           gint64   net_ore)
{
  g_autoptr(GError) error = NULL;
  KlCostItem *item = kl_cost_item_new ();

  item->programme_id = fixture->programme;
  item->category = KL_COST_SPEAKER_FEE;
  item->consultant_id = fixture->consultant;
  item->days = 1;
  item->net_ore = net_ore;
  item->vat_ore = 450000;
  item->supplier = g_strdup ("Hilde Aas");
  item->invoice_date = g_strdup ("2025-10-02");
  g_assert_true (kl_store_insert_cost (fixture->db, item, &error));
  g_assert_no_error (error);
  return item;
}

static void
test_cost_item (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlCostItem) item = make_cost (fixture, 1800000);
  g_autoptr(GPtrArray) trail = NULL;
  g_autofree char *expected = NULL;
  KlAuditRecord *record;

  item->net_ore = 2000000;
  g_assert_true (kl_store_update_cost (fixture->db, item, &error));
  g_assert_no_error (error);

  trail = list_trail (fixture);
  g_assert_cmpuint (trail->len, ==, 2);
  record = g_ptr_array_index (trail, 0);
  assert_record (record, "cost_item", "update", "net_ore", "1800000", "2000000");
  g_assert_cmpint (record->entity_id, ==, item->id);
  expected = g_strdup_printf ("Cost item %lld (Speaker fee): net NOK 18,000.00 → NOK 20,000.00",
                              (long long) item->id);
  assert_describes (record, expected);
  record = g_ptr_array_index (trail, 1);
  g_assert_cmpstr (record->action, ==, "insert");
  g_assert_nonnull (strstr (record->new_value, "\"net_ore\":1800000"));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("Cost item %lld (Speaker fee) added: net NOK 18,000.00, VAT NOK 4,500.00, "
                              "days 1, supplier Hilde Aas", (long long) item->id);
  assert_describes (record, expected);
  g_clear_pointer (&trail, g_ptr_array_unref);

  /* The days a line covers are part of it: a session and a date added
   * are changes of the line, each recorded once. */
  item->session_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (item->session_ids, fixture->session);
  item->dates = g_strsplit ("2025-10-02", " ", -1);
  g_assert_true (kl_store_update_cost (fixture->db, item, &error));
  g_assert_no_error (error);
  /* Saved again unchanged: nothing more in the trail. */
  g_assert_true (kl_store_update_cost (fixture->db, item, &error));
  g_assert_no_error (error);
  trail = list_trail (fixture);
  /* session, date, and days 1 -> 2 as the line now covers two days */
  g_assert_cmpuint (trail->len, ==, 5);
  for (guint i = 0; i < 3; i++)
    {
      record = g_ptr_array_index (trail, i);
      g_assert_cmpstr (record->action, ==, "update");
      g_assert_cmpint (record->entity_id, ==, item->id);
    }
  g_assert_cmpuint (count_field (trail, "session_id", NULL, "%" G_GINT64_FORMAT, fixture->session), ==, 1);
  g_assert_cmpuint (count_field (trail, "date", NULL, "2025-10-02"), ==, 1);
  g_assert_cmpuint (count_field (trail, "days", "1", "2"), ==, 1);
  g_clear_pointer (&trail, g_ptr_array_unref);

  /* A deleted item keeps its trail, and what it was; its sessions and
   * dates go with it in the one delete row. */
  g_assert_true (kl_store_delete_cost (fixture->db, item->id, &error));
  g_assert_no_error (error);
  trail = list_trail (fixture);
  g_assert_cmpuint (trail->len, ==, 6);
  record = g_ptr_array_index (trail, 0);
  g_assert_cmpstr (record->action, ==, "delete");
  g_assert_nonnull (strstr (record->old_value, "\"net_ore\":2000000"));
  g_clear_pointer (&expected, g_free);
  g_assert_nonnull (strstr (record->old_value, "\"dates\":\"2025-10-02\""));
  expected = g_strdup_printf ("Cost item %lld (Speaker fee) deleted: net NOK 20,000.00, VAT NOK 4,500.00, "
                              "days 2, supplier Hilde Aas", (long long) item->id);
  assert_describes (record, expected);
  g_assert_cmpint (kl_test_count (fixture->db, "SELECT count(*) FROM audit"), ==, 6);
}

static void
test_funding_case (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlFundingCase) funding = kl_funding_case_new ();
  g_autoptr(GPtrArray) trail = NULL;
  g_autoptr(GHashTable) changed = g_hash_table_new (g_str_hash, g_str_equal);
  KlAuditRecord *record;

  funding->programme_id = fixture->programme;
  funding->status = g_strdup ("applied");
  funding->applied_date = g_strdup ("2025-06-01");
  funding->applied_ore = 31500000;
  g_assert_true (kl_store_save_funding_case (fixture->db, funding, &error));
  g_assert_no_error (error);
  g_free (funding->status);
  funding->status = g_strdup ("granted");
  funding->case_no = g_strdup ("25/12345");
  funding->granted_ore = 31500000;
  funding->grant_date = g_strdup ("2025-07-01");
  funding->expiry_date = g_strdup ("2026-12-31");
  g_assert_true (kl_store_save_funding_case (fixture->db, funding, &error));
  g_assert_no_error (error);

  trail = list_trail (fixture);
  /* opened, then five fields of the grant */
  g_assert_cmpuint (trail->len, ==, 6);
  record = g_ptr_array_index (trail, trail->len - 1);
  g_assert_cmpstr (record->action, ==, "insert");
  assert_describes (record, "Funding case opened: status Applied");
  for (guint i = 0; i + 1 < trail->len; i++)
    {
      record = g_ptr_array_index (trail, i);
      g_assert_cmpstr (record->action, ==, "update");
      g_assert_cmpint (record->entity_id, ==, funding->id);
      g_hash_table_insert (changed, record->field, record);
    }
  record = g_hash_table_lookup (changed, "status");
  assert_record (record, "funding_case", "update", "status", "applied", "granted");
  assert_describes (record, "Funding case: status Applied → Granted");
  record = g_hash_table_lookup (changed, "granted_ore");
  assert_record (record, "funding_case", "update", "granted_ore", NULL, "31500000");
  assert_describes (record, "Funding case: amount granted — → NOK 315,000.00");
  g_assert_nonnull (g_hash_table_lookup (changed, "case_no"));
  g_assert_nonnull (g_hash_table_lookup (changed, "expiry_date"));
}

/* Undo sets the old value back through the store, as the GUI does: the
 * trail grows and keeps what it had. */
static void
test_undo_adds_rows (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlCostItem) item = make_cost (fixture, 1800000);
  g_autoptr(KlCostItem) before = kl_store_get_cost (fixture->db, item->id, &error);
  g_autoptr(GPtrArray) trail = NULL;
  g_autoptr(GPtrArray) after_undo = NULL;
  KlAuditRecord *record;

  mark (fixture, "present", 0);
  item->net_ore = 2000000;
  g_assert_true (kl_store_update_cost (fixture->db, item, &error));
  trail = list_trail (fixture);
  g_assert_cmpuint (trail->len, ==, 3);

  /* Ctrl+Z twice: the cost back, then the mark to "not marked". */
  g_assert_true (kl_store_update_cost (fixture->db, before, &error));
  g_assert_true (kl_store_clear_attendance (fixture->db, fixture->session, fixture->participant, &error));
  g_assert_no_error (error);

  after_undo = list_trail (fixture);
  g_assert_cmpuint (after_undo->len, ==, 5);
  record = g_ptr_array_index (after_undo, 0);
  assert_record (record, "attendance", "delete", NULL, "{\"status\":\"present\",\"minutes\":0}", NULL);
  record = g_ptr_array_index (after_undo, 1);
  assert_record (record, "cost_item", "update", "net_ore", "2000000", "1800000");
  /* every earlier row is still there, unchanged */
  for (guint i = 0; i < trail->len; i++)
    {
      KlAuditRecord *old = g_ptr_array_index (trail, i);
      KlAuditRecord *now = g_ptr_array_index (after_undo, i + 2);

      g_assert_cmpint (old->id, ==, now->id);
      g_assert_cmpstr (old->at, ==, now->at);
      g_assert_cmpstr (old->old_value, ==, now->old_value);
      g_assert_cmpstr (old->new_value, ==, now->new_value);
    }
}

/* Not through SQL, not by a bug: the trail cannot be changed. */
static void
test_trail_is_read_only (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  char *message = NULL;

  mark (fixture, "present", 0);
  g_assert_cmpint (kl_test_count (fixture->db, "SELECT count(*) FROM audit"), ==, 1);

  if (!kl_test_on_server ())
    {
      sqlite3 *handle = kl_db_get_handle (fixture->db);

      g_assert_cmpint (sqlite3_exec (handle, "UPDATE audit SET new_value = 'absent'", NULL, NULL, &message), !=,
                       SQLITE_OK);
      g_assert_nonnull (strstr (message, "the audit trail cannot be changed"));
      sqlite3_free (message);
      g_assert_cmpint (sqlite3_exec (handle, "DELETE FROM audit", NULL, NULL, &message), !=, SQLITE_OK);
      g_assert_nonnull (strstr (message, "the audit trail cannot be changed"));
      sqlite3_free (message);
    }
  g_assert_false (kl_db_exec (fixture->db, &error, "DELETE FROM audit", NULL));
  g_assert_nonnull (strstr (error->message, "the audit trail cannot be changed"));
  g_clear_error (&error);
  g_assert_false (kl_db_exec (fixture->db, &error, "UPDATE audit SET os_user = 'someone else'", NULL));
  g_assert_error (error, KL_ERROR, KL_ERROR_DB);
  g_assert_cmpint (kl_test_count (fixture->db, "SELECT count(*) FROM audit"), ==, 1);
}

/* A connection without Kartleser's SQL functions cannot change audited
 * tables at all, rather than change them unrecorded. */
static void
test_foreign_writer_refused (Fixture       *fixture,
                             gconstpointer  data)
{
  sqlite3 *handle = NULL;
  char *message = NULL;
  g_autofree char *sql = NULL;

  /* A server has no connection without the functions: they are part of
   * its schema. */
  if (kl_test_on_server ())
    {
      g_test_skip ("the functions are in the server's schema");
      return;
    }
  mark (fixture, "present", 0);
  g_assert_cmpint (sqlite3_open (fixture->path, &handle), ==, SQLITE_OK);
  sqlite3_busy_timeout (handle, 5000);
  g_assert_cmpint (sqlite3_exec (handle, "UPDATE attendance SET status = 'absent'", NULL, NULL, &message), !=, SQLITE_OK);
  g_assert_nonnull (strstr (message, "no such function"));
  sqlite3_free (message);
  g_assert_cmpint (sqlite3_close (handle), ==, SQLITE_OK);
  g_assert_cmpint (kl_test_count (fixture->db, "SELECT count(*) FROM audit"), ==, 1);
}

/* Generated sample data are nobody's change; what is done after is. */
static void
test_demo_leaves_no_trail (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = kl_test_make_dir ("test-audit-demo");
  g_autofree char *path = kl_test_db_location_named (dir, "demo.db");
  g_autoptr(KlDb) db = kl_db_open (path, &error);
  g_autoptr(KlStmt) stmt = NULL;

  g_assert_no_error (error);
  g_assert_true (kl_demo_fill (db, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kl_test_count (db, "SELECT count(*) FROM audit"), ==, 0);

  g_assert_true (kl_db_exec (db, &error, "UPDATE attendance SET status = 'excused' "
                                         "WHERE id = (SELECT min(id) FROM attendance WHERE status <> 'excused')",
                             NULL));
  g_assert_no_error (error);
  g_assert_cmpint (kl_test_count (db, "SELECT count(*) FROM audit"), ==, 1);
  g_clear_object (&db);
  kl_test_remove_dir (dir);
}

/* A file of schema version 2, with a mark in it, gets the table on
 * opening; what it had is not in the trail, what changes next is. */
static void
test_migrate_from_version_two (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = kl_test_make_dir ("test-audit-migrate");
  g_autofree char *path = g_build_filename (dir, "kartleser.db", NULL);
  g_autoptr(KlDb) db = NULL;
  g_autoptr(KlStmt) stmt = NULL;
  g_autofree char *backup = NULL;
  static const char *const setup[] = {
    "INSERT INTO client (id, name, kind) VALUES (1, 'Voss herad', 'kommune')",
    "INSERT INTO programme (id, client_id, title, start_date, end_date) VALUES (1, 1, 'LED SKOLE Voss', '2025-01-01', '2025-12-31')",
    "INSERT INTO session (id, programme_id, title, starts_at, ends_at) VALUES (1, 1, 'Samling 1', '2025-02-01T09:00', '2025-02-01T15:00')",
    "INSERT INTO participant (id, name) VALUES (1, 'Ola Nordmann')",
    "INSERT INTO enrolment (programme_id, participant_id) VALUES (1, 1)",
    "INSERT INTO attendance (session_id, participant_id, status) VALUES (1, 1, 'absent')",
  };

  /* The released versions are SQLite files; the SQLite run tests this. */
  if (kl_test_on_server ())
    {
      g_test_skip ("upgrades a file of a released version");
      kl_test_remove_dir (dir);
      return;
    }
  db = kl_db_open_with_migrations (path, test_migrations_get_resource (), "/test/release-v2", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (setup); i++)
    g_assert_true (kl_db_exec (db, &error, setup[i], NULL));
  g_assert_no_error (error);
  g_clear_object (&db);

  db = kl_db_open (path, &error);
  g_assert_no_error (error);
  backup = kl_db_get_last_backup (db);
  g_assert_nonnull (backup);
  g_assert_true (g_str_has_prefix (backup, path));
  stmt = kl_db_query (db, &error, "PRAGMA user_version", NULL);
  g_assert_true (kl_stmt_next (stmt, &error));
  g_assert_cmpint (kl_stmt_int (stmt, 0), ==, kl_db_schema_version ());
  g_assert_cmpint (kl_stmt_int (stmt, 0), >=, 3);
  g_clear_pointer (&stmt, kl_stmt_release);
  g_assert_cmpint (kl_test_count (db, "SELECT count(*) FROM audit"), ==, 0);

  g_assert_true (kl_db_exec (db, &error, "UPDATE attendance SET status = 'present'", NULL));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) trail = kl_audit_list (db, 1, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (trail->len, ==, 1);
    assert_record (g_ptr_array_index (trail, 0), "attendance", "update", "status", "absent", "present");
    assert_describes (g_ptr_array_index (trail, 0), "Attendance: Ola Nordmann at Samling 1: Absent → Present");
  }
  g_clear_object (&db);
  kl_test_remove_dir (dir);
}

static void
test_unknown_programme (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) none = kl_audit_list (fixture->db, fixture->programme + 100, 0, &error);
  g_autoptr(GPtrArray) empty = NULL;

  g_assert_null (none);
  g_assert_error (error, KL_ERROR, KL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* a programme with no changes yet has an empty trail */
  empty = kl_audit_list (fixture->db, fixture->programme, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (empty->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/audit/attendance", test_attendance);
  ADD ("/audit/cost-item", test_cost_item);
  ADD ("/audit/funding-case", test_funding_case);
  ADD ("/audit/undo-adds-rows", test_undo_adds_rows);
  ADD ("/audit/read-only", test_trail_is_read_only);
  ADD ("/audit/foreign-writer-refused", test_foreign_writer_refused);
  ADD ("/audit/unknown-programme", test_unknown_programme);
#undef ADD
  g_test_add_func ("/audit/demo-leaves-no-trail", test_demo_leaves_no_trail);
  g_test_add_func ("/audit/migrate-from-version-two", test_migrate_from_version_two);

  return g_test_run ();
}
