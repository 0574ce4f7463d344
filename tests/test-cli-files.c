/* Every kind of file kartleser-cli writes holds personal data and is
 * created readable by its owner only (0600) under the usual umask 022,
 * which would otherwise make it readable by every user of the machine;
 * an existing file it replaces becomes private too, and no temporary
 * file is left beside it. */

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>

#include "kl-test-cli.h"
#include "kl-test-util.h"

typedef KlTestCliFixture Fixture;

static void
assert_private (const char *path)
{
  GStatBuf buf;

  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  g_assert_true (S_ISREG (buf.st_mode));
  if ((buf.st_mode & 0777) != 0600)
    g_error ("%s has mode %o, not 600", path, buf.st_mode & 0777);
}

/* A file already there as the umask makes it, for the export to replace. */
static char *
public_file (Fixture    *fixture,
             const char *name)
{
  char *path = g_build_filename (fixture->dir, name, NULL);
  GStatBuf buf;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0644);
  return path;
}

static void
assert_no_temporaries (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (name, ".part"))
      g_error ("%s left behind in %s", name, dir);
}

/* Each of the NULL-terminated files is private, and the export left
 * nothing temporary beside them in the fixture's folder. */
static void
assert_written_privately (Fixture    *fixture,
                          const char *first,
                          ...) G_GNUC_NULL_TERMINATED;

static void
assert_written_privately (Fixture    *fixture,
                          const char *first,
                          ...)
{
  va_list args;

  va_start (args, first);
  for (const char *path = first; path != NULL; path = va_arg (args, const char *))
    assert_private (path);
  va_end (args);
  assert_no_temporaries (fixture->dir);
}

static void
test_csv (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *participants = public_file (fixture, "participants.csv");
  g_autofree char *attendance = g_build_filename (fixture->dir, "attendance.csv", NULL);

  kl_test_cli_ok (fixture->db, "export", "csv", "--participants", "--output", participants);
  kl_test_cli_ok (fixture->db, "export", "csv", "--attendance", "--programme", "1", "--output", attendance);
  assert_written_privately (fixture, participants, attendance, NULL);
}

static void
test_icalendar (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = public_file (fixture, "sessions.ics");

  kl_test_cli_ok (fixture->db, "export", "ics", "--programme", "1", "--output", path);
  assert_written_privately (fixture, path, NULL);
}

/* The fund's documents as XML and PDF. */
static void
test_fund_documents (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *xml = public_file (fixture, "application.xml");
  g_autofree char *pdf = g_build_filename (fixture->dir, "application.pdf", NULL);

  kl_test_cli_ok (fixture->db, "funding", "export", "--programme", "1", "--document", "application", "--output", xml);
  kl_test_cli_ok (fixture->db, "funding", "export", "--programme", "1", "--document", "application", "--output", pdf);
  assert_written_privately (fixture, xml, pdf, NULL);
}

static void
test_sheet_and_report (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *sheet = public_file (fixture, "sheet.pdf");
  g_autofree char *report = g_build_filename (fixture->dir, "report.pdf", NULL);
  g_autoptr(JsonArray) list = NULL;
  g_autofree char *id = NULL;

  list = kl_test_cli_json_array (fixture->db, "session", "list", "--programme", "1");
  id = g_strdup_printf ("%" G_GINT64_FORMAT,
                        json_object_get_int_member (json_array_get_object_element (list, 0), "id"));
  kl_test_cli_ok (fixture->db, "session", "sheet", "--session", id, "--output", sheet);
  kl_test_cli_ok (fixture->db, "attendance", "report", "--programme", "1", "--output", report);
  assert_written_privately (fixture, sheet, report, NULL);
}

/* One file per person, in a folder of their names made for them. */
static void
test_certificates (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "certificates", NULL);
  g_autofree char *combined = g_build_filename (fixture->dir, "all.pdf", NULL);
  g_autoptr(GDir) listing = NULL;
  const char *name;
  GStatBuf buf;
  guint files = 0;

  kl_test_cli_ok (fixture->db, "certificate", "--programme", "2", "--output", folder);
  kl_test_cli_ok (fixture->db, "certificate", "--programme", "2", "--combined", "--output", combined);
  g_assert_cmpint (g_stat (folder, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0700);
  listing = g_dir_open (folder, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      g_assert_true (g_str_has_suffix (name, ".pdf"));
      assert_private (path);
      files++;
    }
  g_assert_cmpuint (files, >, 3);
  assert_private (combined);
}

/* The copy of a document as it went to the fund, written again. */
static void
test_sealed_copy (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *copy = public_file (fixture, "sent.xml");
  g_autoptr(JsonArray) sealed = NULL;
  g_autofree char *id = NULL;
  static const char *const ids[] = { "1", "2", "3" };
  const char *programme = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (ids) && programme == NULL; i++)
    {
      g_auto(KlCliRun) run = { 0 };

      kl_test_cli_run (&run, fixture->db, "funding", "request", "--programme", ids[i], "--date", "2026-11-20");
      if (run.status == 0 && strstr (run.err, "was kept") != NULL)
        programme = ids[i];
    }
  g_assert_nonnull (programme);
  sealed = kl_test_cli_json_array (fixture->db, "funding", "sent", "--programme", programme);
  g_assert_cmpuint (json_array_get_length (sealed), >, 0);
  id = g_strdup_printf ("%" G_GINT64_FORMAT,
                        json_object_get_int_member (json_array_get_object_element (sealed, 0), "id"));
  kl_test_cli_ok (fixture->db, "funding", "sent", "--programme", programme, "--export", id, "--output", copy);
  assert_written_privately (fixture, copy, NULL);
}

/* A backup, the database a restore replaces (kept in backups/), and the
 * restored database. */
static void
test_backup_and_restore (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (fixture->dir, "copy.db", NULL);
  g_autofree char *backups = g_build_filename (fixture->dir, "backups", NULL);
  g_auto(KlCliRun) restore = { 0 };
  g_autoptr(JsonObject) result = NULL;

  kl_test_cli_ok (fixture->db, "backup", backup);
  assert_private (backup);
  kl_test_cli_run (&restore, fixture->db, "--json", "restore", backup);
  g_assert_cmpint (restore.status, ==, 0);
  result = kl_test_cli_parse_object (restore.out);
  assert_written_privately (fixture, json_object_get_string_member (result, "kept"), fixture->db, NULL);
  assert_no_temporaries (backups);
}

int
main (int    argc,
      char **argv)
{
  kl_test_cli_init (&argc, &argv);
  /* The usual umask, which leaves files readable by everyone unless the
   * program asks otherwise. kartleser-cli inherits it. */
  umask (022);
  kl_test_cli_add_demo ("/cli/files/csv", test_csv);
  kl_test_cli_add_demo ("/cli/files/icalendar", test_icalendar);
  kl_test_cli_add_demo ("/cli/files/fund-documents", test_fund_documents);
  kl_test_cli_add_demo ("/cli/files/sheet-and-report", test_sheet_and_report);
  kl_test_cli_add_demo ("/cli/files/certificates", test_certificates);
  kl_test_cli_add_demo ("/cli/files/sealed-copy", test_sealed_copy);
  kl_test_cli_add_demo ("/cli/files/backup-and-restore", test_backup_and_restore);
  return g_test_run ();
}
