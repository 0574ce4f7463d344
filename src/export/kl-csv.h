#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* CSV as clients send it (Excel's semicolons, Windows-1252 or UTF-8 with
 * or without a byte-order mark, quoted fields over several lines) and as
 * Norwegian Excel opens it. */

#define KL_CSV_MAX_SIZE (10 * 1024 * 1024)

typedef struct
{
  guint line;        /* the file line the record starts on, from 1 */
  GPtrArray *fields; /* char *, UTF-8 */
} KlCsvRecord;

typedef struct
{
  GPtrArray *records;     /* KlCsvRecord; blank lines left out */
  char separator;         /* ';', ',' or '\t' */
  const char *encoding;   /* "UTF-8", "UTF-16" or "WINDOWS-1252" */
} KlCsvTable;

KlCsvTable  *kl_csv_parse          (const char   *data,
                                    gsize         length,
                                    const char   *name,
                                    GError      **error);
KlCsvTable  *kl_csv_read_file      (const char   *path,
                                    GError      **error);
void         kl_csv_table_free     (KlCsvTable   *table);
const char  *kl_csv_record_get     (const KlCsvRecord *record,
                                    guint         column);

typedef struct _KlCsvWriter KlCsvWriter;

KlCsvWriter *kl_csv_writer_new     (void);
void         kl_csv_writer_add     (KlCsvWriter  *writer,
                                    const char   *cell);
void         kl_csv_writer_end_row (KlCsvWriter  *writer);
GBytes      *kl_csv_writer_finish  (KlCsvWriter  *writer);
void         kl_csv_writer_free    (KlCsvWriter  *writer);
char        *kl_csv_neutralise     (const char   *cell);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlCsvTable, kl_csv_table_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlCsvWriter, kl_csv_writer_free)

G_END_DECLS
