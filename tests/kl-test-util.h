#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A fresh private folder for one test's files. */
char *kl_test_make_dir   (const char *tag);
/* Removes it with everything in it, and checks it is gone. */
void  kl_test_remove_dir (const char *path);

/* A fixture of a fresh folder, named after the test program, and the
 * path of a database file in it that is not made yet. */
typedef struct
{
  char *dir;
  char *path;
} KlTestFileFixture;

void  kl_test_file_fixture_set_up    (KlTestFileFixture *fixture,
                                      gconstpointer      data);
void  kl_test_file_fixture_tear_down (KlTestFileFixture *fixture,
                                      gconstpointer      data);

/* A file of tests/data/import: spreadsheets as clients send them. */
char  *kl_test_import_file (const char *name);

/* One number from SQL on a SQLite file, opened read-only, past the
 * program's own code. */
gint64 kl_test_sqlite_int (const char *path,
                           const char *sql);
/* Nothing SQLite makes beside a database (-wal, -shm, -journal) is left
 * behind. */
void   kl_test_assert_no_companions (const char *path);
struct sqlite3;

/* One of data/migrations/sqlite/ run on a plain connection, outside
 * Kartleser: an older schema made as that version made it. */
void   kl_test_apply_sqlite_migration (struct sqlite3 *handle,
                                       const char     *name);

/* Messages in the language of LC_ALL, from the build tree's catalogues
 * (KARTLESER_LOCALEDIR), as the programs themselves load them. */
void  kl_test_bind_translations (void);
/* g_test_init, then the catalogues as above. */
void  kl_test_init_translated   (int        *argc,
                                 char     ***argv);
/* A document test's start: kl_test_init_translated, and no LANGUAGE, so
 * that each document picks its language itself. */
void  kl_test_init_documents    (int        *argc,
                                 char     ***argv);
/* Whether pdftotext is there to read PDFs back; the test is marked
 * skipped when it is not (exit with 77 then). */
gboolean kl_test_have_pdftotext (void);
/* Each of the NULL-terminated needles is in text (wanted) or none is;
 * the first that is not so fails the test, named with the text. */
void  kl_test_assert_needles    (const char *text,
                                 gboolean    wanted,
                                 const char *first,
                                 ...) G_GNUC_NULL_TERMINATED;
#define kl_test_assert_contains(text, ...) kl_test_assert_needles (text, TRUE, __VA_ARGS__)
#define kl_test_assert_lacks(text, ...) kl_test_assert_needles (text, FALSE, __VA_ARGS__)
/* Whether the bytes of the file at path (a database, a backup) hold
 * needle; FALSE when it cannot be read. */
gboolean kl_test_file_contains  (const char *path,
                                 const char *needle);
/* How often needle stands in haystack, overlaps counted. */
guint kl_test_count_in          (const char *haystack,
                                 const char *needle);
/* expr, a call given &error, fails with the project's error `code` (it
 * returns FALSE or NULL); error is cleared for the next call. */
#define kl_test_assert_refused(expr, code) \
  G_STMT_START { \
    g_assert_false (expr); \
    g_assert_error (error, KL_ERROR, code); \
    g_clear_error (&error); \
  } G_STMT_END
/* Benchmarks: timings in ascending order, so [n / 2] is the median. */
void  kl_test_sort_times        (double     *times,
                                 guint       n);

G_END_DECLS
