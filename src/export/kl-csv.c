#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "kl-csv.h"
#include "kl-error.h"

struct _KlCsvWriter
{
  GString *text;
  gboolean row_started;
};

/* Helpers */

static void
record_free (KlCsvRecord *record)
{
  g_ptr_array_unref (record->fields);
  g_free (record);
}

static gboolean
starts_with (const char *data,
             gsize       length,
             const char *prefix,
             gsize       prefix_length)
{
  return length >= prefix_length && memcmp (data, prefix, prefix_length) == 0;
}

/* Text has a tab, a line break now and then; a file where control
 * characters are common is something else saved under a .csv name. */
static gboolean
looks_binary (const char *text,
              gsize       length)
{
  gsize controls = 0;

  for (gsize i = 0; i < length; i++)
    {
      guchar c = (guchar) text[i];

      if (c == 0)
        return TRUE;
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1a)
        controls++;
    }
  return controls > 0 && controls * 50 > length;
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* Of the separators, the one the first lines (outside quotes) use most;
 * a title line above the headings has none, a cell may hold a comma. A
 * tie goes to the semicolon, which is what Norwegian Excel writes. */
static char
detect_separator (const char *text)
{
  static const char candidates[] = { ';', '\t', ',' };
  guint counts[G_N_ELEMENTS (candidates)] = { 0 };
  gboolean quoted = FALSE;
  guint lines = 0;
  guint best = 0;

  for (const char *p = text; *p != '\0' && lines < 10; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && *p == '\n')
        lines++;
      else if (!quoted)
        for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
          if (*p == candidates[i])
            counts[i]++;
    }
  for (guint i = 1; i < G_N_ELEMENTS (candidates); i++)
    if (counts[i] > counts[best])
      best = i;
  return candidates[best];
}

static void
end_field (GPtrArray *fields,
           GString   *field)
{
  g_ptr_array_add (fields, g_strndup (field->str, field->len));
  g_string_truncate (field, 0);
}

/* A record of one empty field is a blank line, not a participant. */
static void
end_record (KlCsvTable  *table,
            GPtrArray  **fields,
            guint        line)
{
  KlCsvRecord *record;

  if ((*fields)->len == 1 && *(const char *) g_ptr_array_index (*fields, 0) == '\0')
    {
      g_ptr_array_set_size (*fields, 0);
      return;
    }
  record = g_new0 (KlCsvRecord, 1);
  record->line = line;
  record->fields = g_steal_pointer (fields);
  g_ptr_array_add (table->records, record);
  *fields = g_ptr_array_new_with_free_func (g_free);
}

/* RFC 4180, leniently: a quote inside an unquoted field is kept as it is,
 * line breaks may be CRLF, LF or a lone CR (older Excel on a Mac), and a
 * quoted field may span lines. Only an unclosed quote is an error, as the
 * rest of the file would otherwise be read as one field. */
static gboolean
parse_text (KlCsvTable  *table,
            const char  *text,
            guint        line,
            const char  *name,
            GError     **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  gboolean quoted = FALSE;
  gboolean was_quoted = FALSE;
  guint quote_line = 0;
  guint record_line = line;
  const char *p = text;

  while (*p != '\0')
    {
      char c = *p++;

      if (quoted)
        {
          if (c == '"' && *p == '"')
            {
              g_string_append_c (field, '"');
              p++;
            }
          else if (c == '"')
            quoted = FALSE;
          else if (c == '\r' || c == '\n')
            {
              if (c == '\r' && *p == '\n')
                p++;
              g_string_append_c (field, '\n');
              line++;
            }
          else
            g_string_append_c (field, c);
        }
      else if (c == table->separator)
        {
          end_field (fields, field);
          was_quoted = FALSE;
        }
      else if (c == '"' && !was_quoted && is_blank (field->str))
        {
          g_string_truncate (field, 0);
          quoted = was_quoted = TRUE;
          quote_line = line;
        }
      else if (c == '\r' || c == '\n')
        {
          if (c == '\r' && *p == '\n')
            p++;
          end_field (fields, field);
          end_record (table, &fields, record_line);
          was_quoted = FALSE;
          record_line = ++line;
        }
      else
        g_string_append_c (field, c);
    }
  if (quoted)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_INVALID_FILE,
                   _("%s, line %u: a quoted field is never closed (a \" is missing), "
                     "so the rest of the file cannot be read"), name, quote_line);
      return FALSE;
    }
  if (field->len > 0 || fields->len > 0)
    {
      end_field (fields, field);
      end_record (table, &fields, record_line);
    }
  return TRUE;
}

static void
set_too_large (GError     **error,
               const char  *name,
               guint64      length)
{
  g_autofree char *size = g_format_size (length);

  g_set_error (error, KL_ERROR, KL_ERROR_INVALID_FILE,
               _("%s is too large (%s); a participant list is at most 10 MB"), name, size);
}

/* Public API */

/* data is the file as it is: its encoding is found here. name is how
 * messages call the file. */
KlCsvTable *
kl_csv_parse (const char  *data,
              gsize        length,
              const char  *name,
              GError     **error)
{
  g_autoptr(KlCsvTable) table = NULL;
  g_autofree char *converted = NULL;
  const char *text;
  guint line = 1;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  table = g_new0 (KlCsvTable, 1);
  table->records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);

  if (length > KL_CSV_MAX_SIZE)
    {
      set_too_large (error, name, length);
      return NULL;
    }
  if (starts_with (data, length, "PK\x03\x04", 4) || starts_with (data, length, "\xd0\xcf\x11\xe0", 4))
    {
      g_set_error (error, KL_ERROR, KL_ERROR_INVALID_FILE,
                   _("%s is an Excel workbook, not a CSV file; in Excel, save it as “CSV (semicolon separated)”"),
                   name);
      return NULL;
    }

  /* Excel's "Unicode text" is UTF-16 with a byte-order mark. */
  if (starts_with (data, length, "\xff\xfe", 2) || starts_with (data, length, "\xfe\xff", 2))
    {
      converted = g_convert (data, (gssize) length, "UTF-8", "UTF-16", NULL, NULL, NULL);
      table->encoding = "UTF-16";
      if (converted == NULL || looks_binary (converted, strlen (converted)))
        {
          g_set_error (error, KL_ERROR, KL_ERROR_INVALID_FILE,
                       _("%s cannot be read as text; save it as CSV"), name);
          return NULL;
        }
      text = converted;
    }
  else if (looks_binary (data, length))
    {
      g_set_error (error, KL_ERROR, KL_ERROR_INVALID_FILE,
                   _("%s is not a text file (it contains binary data); save the list as CSV"), name);
      return NULL;
    }
  else
    {
      if (starts_with (data, length, "\xef\xbb\xbf", 3))
        {
          data += 3;
          length -= 3;
        }
      if (g_utf8_validate (data, (gssize) length, NULL))
        {
          converted = g_strndup (data, length);
          table->encoding = "UTF-8";
        }
      else
        {
          /* Not UTF-8: what Excel on Windows writes in Norway. */
          converted = g_convert (data, (gssize) length, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
          table->encoding = "WINDOWS-1252";
          if (converted == NULL)
            {
              g_set_error (error, KL_ERROR, KL_ERROR_INVALID_FILE,
                           _("%s is neither UTF-8 nor Windows-1252 text; save it as CSV"), name);
              return NULL;
            }
        }
      text = converted;
    }
  if (text[0] == '\xef' && g_str_has_prefix (text, "\xef\xbb\xbf"))
    text += 3;

  if (is_blank (text))
    {
      g_set_error (error, KL_ERROR, KL_ERROR_INVALID_FILE, _("%s is empty"), name);
      return NULL;
    }

  /* Excel honours (and some tools write) a first line "sep=;". */
  if (g_ascii_strncasecmp (text, "sep=", 4) == 0 && text[4] != '\0'
      && (text[5] == '\n' || text[5] == '\r'))
    {
      table->separator = text[4];
      text += 5;
      if (*text == '\r' && text[1] == '\n')
        text++;
      text++;
      line++;
    }
  else
    table->separator = detect_separator (text);

  if (!parse_text (table, text, line, name, error))
    return NULL;
  if (table->records->len == 0)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_INVALID_FILE, _("%s is empty"), name);
      return NULL;
    }
  return g_steal_pointer (&table);
}

/* The size is checked before reading: a file picked by mistake may be
 * a video. */
KlCsvTable *
kl_csv_read_file (const char  *path,
                  GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *data = NULL;
  GStatBuf info;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  name = g_filename_display_basename (path);
  if (g_stat (path, &info) == 0 && info.st_size > KL_CSV_MAX_SIZE)
    {
      set_too_large (error, name, (guint64) info.st_size);
      return NULL;
    }
  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  return kl_csv_parse (data, length, name, error);
}

void
kl_csv_table_free (KlCsvTable *table)
{
  if (table == NULL)
    return;
  g_ptr_array_unref (table->records);
  g_free (table);
}

/* A missing field at the end of a short record reads as empty. */
const char *
kl_csv_record_get (const KlCsvRecord *record,
                   guint              column)
{
  g_return_val_if_fail (record != NULL, "");

  return column < record->fields->len ? g_ptr_array_index (record->fields, column) : "";
}

/* Writing: a byte-order mark, semicolons and CRLF, which is what Excel in
 * a Norwegian locale opens as columns with æøå intact. */
KlCsvWriter *
kl_csv_writer_new (void)
{
  KlCsvWriter *writer = g_new0 (KlCsvWriter, 1);

  writer->text = g_string_new ("\xef\xbb\xbf");
  return writer;
}

void
kl_csv_writer_add (KlCsvWriter *writer,
                   const char  *cell)
{
  g_autofree char *safe = NULL;

  g_return_if_fail (writer != NULL && writer->text != NULL);

  safe = kl_csv_neutralise (cell ? cell : "");
  if (writer->row_started)
    g_string_append_c (writer->text, ';');
  writer->row_started = TRUE;
  if (strpbrk (safe, ";\",\r\n") == NULL)
    {
      g_string_append (writer->text, safe);
      return;
    }
  g_string_append_c (writer->text, '"');
  for (const char *p = safe; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (writer->text, '"');
      g_string_append_c (writer->text, *p);
    }
  g_string_append_c (writer->text, '"');
}

void
kl_csv_writer_end_row (KlCsvWriter *writer)
{
  g_return_if_fail (writer != NULL && writer->text != NULL);

  g_string_append (writer->text, "\r\n");
  writer->row_started = FALSE;
}

GBytes *
kl_csv_writer_finish (KlCsvWriter *writer)
{
  g_return_val_if_fail (writer != NULL && writer->text != NULL, NULL);

  return g_string_free_to_bytes (g_steal_pointer (&writer->text));
}

void
kl_csv_writer_free (KlCsvWriter *writer)
{
  if (writer == NULL)
    return;
  if (writer->text != NULL)
    g_string_free (writer->text, TRUE);
  g_free (writer);
}

/* A spreadsheet runs a cell that begins with = + - or @ (or a tab or CR
 * before one) as a formula: a name field "=HYPERLINK(…)" would run on the
 * reader's machine. A leading apostrophe makes it text. */
char *
kl_csv_neutralise (const char *cell)
{
  if (cell == NULL)
    return g_strdup ("");
  if (strchr ("=+-@\t\r", cell[0]) != NULL && cell[0] != '\0')
    return g_strconcat ("'", cell, NULL);
  return g_strdup (cell);
}
