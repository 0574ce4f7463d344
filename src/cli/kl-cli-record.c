#include "config.h"

#include <glib/gprintf.h>

#include "kl-cli-private.h"
#include "kl-labels.h"
#include "kl-model.h"

/* A record is described once, field by field: each field names its JSON
 * member and its piece of the text output. With --json the fields become
 * one object; without, each field's text is printed in turn, so a list's
 * row or a "show" command's lines come out of the same description.
 * A field without a name is text only, one without a text format JSON
 * only. */

static gboolean
wants_json (KlCliRecord *record,
            const char  *name)
{
  if (record->builder == NULL || name == NULL)
    return FALSE;
  json_builder_set_member_name (record->builder, name);
  return TRUE;
}

static gboolean
wants_text (KlCliRecord *record,
            const char  *format)
{
  return record->text && format != NULL;
}

/* An int member, or null when it is not there. */
static void
add_int_or_null (KlCliRecord *record,
                 gboolean     present,
                 gint64       value)
{
  if (present)
    json_builder_add_int_value (record->builder, value);
  else
    json_builder_add_null_value (record->builder);
}

static void
describe_object (KlCliRecord   *record,
                 KlCliDescribe  describe,
                 gconstpointer  item)
{
  KlCliRecord inner = { record->cli, record->builder, FALSE, record->data };

  json_builder_begin_object (record->builder);
  describe (&inner, item);
  json_builder_end_object (record->builder);
}

/* Prints one item: a JSON object, or its text. data reaches describe as
 * record->data. */
void
kl_cli_print_record (KlCli         *cli,
                     KlCliDescribe  describe,
                     gconstpointer  item,
                     gconstpointer  data)
{
  g_autoptr(JsonBuilder) builder = NULL;
  KlCliRecord record = { cli, NULL, !cli->json, data };

  if (!cli->json)
    {
      describe (&record, item);
      return;
    }
  builder = json_builder_new ();
  record.builder = builder;
  describe_object (&record, describe, item);
  kl_cli_print_json (builder);
}

/* Prints the items: a JSON array of objects, or each one's text; empty
 * (text only, may be NULL) when there are none. */
void
kl_cli_print_list (KlCli         *cli,
                   KlCliDescribe  describe,
                   GPtrArray     *items,
                   gconstpointer  data,
                   const char    *empty)
{
  g_autoptr(JsonBuilder) builder = NULL;
  KlCliRecord record = { cli, NULL, !cli->json, data };

  if (!cli->json)
    {
      if (items->len == 0 && empty != NULL)
        g_print ("%s", empty);
      for (guint i = 0; i < items->len; i++)
        describe (&record, g_ptr_array_index (items, i));
      return;
    }
  builder = json_builder_new ();
  record.builder = builder;
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    describe_object (&record, describe, g_ptr_array_index (items, i));
  json_builder_end_array (builder);
  kl_cli_print_json (builder);
}

/* Plain strings: a JSON array of them, or one a line. */
void
kl_cli_print_strings (KlCli             *cli,
                      const char *const *strings)
{
  g_autoptr(JsonBuilder) builder = NULL;

  if (!cli->json)
    {
      for (guint i = 0; strings[i]; i++)
        g_print ("%s\n", strings[i]);
      return;
    }
  builder = json_builder_new ();
  json_builder_begin_array (builder);
  for (guint i = 0; strings[i]; i++)
    json_builder_add_string_value (builder, strings[i]);
  json_builder_end_array (builder);
  kl_cli_print_json (builder);
}

/* Text: the value, nothing when NULL. */
void
kl_cli_record_text (KlCliRecord *record,
                    const char  *name,
                    const char  *format,
                    const char  *value)
{
  if (wants_json (record, name))
    {
      if (value != NULL)
        json_builder_add_string_value (record->builder, value);
      else
        json_builder_add_null_value (record->builder);
    }
  if (wants_text (record, format))
    g_print (format, value != NULL ? value : "");
}

/* Text: the value, a dash when it is NULL or empty. */
void
kl_cli_record_dash (KlCliRecord *record,
                    const char  *name,
                    const char  *format,
                    const char  *value)
{
  kl_cli_record_text (record, name, NULL, value);
  if (wants_text (record, format))
    g_print (format, kl_cli_or_dash (value));
}

/* text in a column of width characters, not bytes: labels have æøå. */
char *
kl_cli_pad (const char *text,
            int         width)
{
  GString *padded = g_string_new (text);

  for (glong n = g_utf8_strlen (text, -1); n < width; n++)
    g_string_append_c (padded, ' ');
  return g_string_free (padded, FALSE);
}

/* A stored id's label in a column as wide as width, or as the set's
 * widest label when that is wider. */
char *
kl_cli_label_column (KlLabels    set,
                     const char *value,
                     int         width)
{
  return kl_cli_pad (kl_label (set, value), MAX (width, kl_label_width (set)));
}

/* An id: itself in JSON, its label (in the reader's language) in the
 * text; a width above 0 makes the label a column (see above). */
void
kl_cli_record_label (KlCliRecord *record,
                     const char  *name,
                     const char  *format,
                     KlLabels     set,
                     const char  *value,
                     int          width)
{
  kl_cli_record_text (record, name, NULL, value);
  if (wants_text (record, format))
    {
      g_autofree char *label = width > 0 ? kl_cli_label_column (set, value, width) : g_strdup (kl_label (set, value));

      g_print (format, label);
    }
}

/* format takes a long long (%lld). */
void
kl_cli_record_int (KlCliRecord *record,
                   const char  *name,
                   const char  *format,
                   gint64       value)
{
  if (wants_json (record, name))
    json_builder_add_int_value (record->builder, value);
  if (wants_text (record, format))
    g_print (format, (long long) value);
}

/* A reference: JSON null, and no text, when it is 0. */
void
kl_cli_record_ref (KlCliRecord *record,
                   const char  *name,
                   const char  *format,
                   gint64       id)
{
  if (wants_json (record, name))
    add_int_or_null (record, id != 0, id);
  if (id > 0 && wants_text (record, format))
    g_print (format, (long long) id);
}

/* Øre in JSON (null for KL_NO_AMOUNT), kroner as the reader writes them
 * in the text (format takes a string). */
void
kl_cli_record_amount (KlCliRecord *record,
                      const char  *name,
                      const char  *format,
                      gint64       ore)
{
  if (wants_json (record, name))
    add_int_or_null (record, ore != KL_NO_AMOUNT, ore);
  if (wants_text (record, format))
    {
      g_autofree char *money = kl_cli_money (record->cli, ore);

      g_print (format, money);
    }
}

void
kl_cli_record_bool (KlCliRecord *record,
                    const char  *name,
                    gboolean     value)
{
  if (wants_json (record, name))
    json_builder_add_boolean_value (record->builder, value);
}

/* JSON only: an array of ids, empty when ids is NULL. */
void
kl_cli_record_ids (KlCliRecord  *record,
                   const char   *name,
                   const GArray *ids)
{
  if (!wants_json (record, name))
    return;
  json_builder_begin_array (record->builder);
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    json_builder_add_int_value (record->builder, g_array_index (ids, gint64, i));
  json_builder_end_array (record->builder);
}

/* JSON only: an array of strings, empty when strv is NULL. */
void
kl_cli_record_strv (KlCliRecord       *record,
                    const char        *name,
                    const char *const *strv)
{
  if (!wants_json (record, name))
    return;
  json_builder_begin_array (record->builder);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (record->builder, strv[i]);
  json_builder_end_array (record->builder);
}

/* Strings as a GPtrArray holds them: a JSON array, and in the text each
 * one through format. */
void
kl_cli_record_strings (KlCliRecord *record,
                       const char  *name,
                       const char  *format,
                       GPtrArray   *strings)
{
  if (wants_json (record, name))
    {
      json_builder_begin_array (record->builder);
      for (guint i = 0; i < strings->len; i++)
        json_builder_add_string_value (record->builder, g_ptr_array_index (strings, i));
      json_builder_end_array (record->builder);
    }
  for (guint i = 0; wants_text (record, format) && i < strings->len; i++)
    g_print (format, (const char *) g_ptr_array_index (strings, i));
}

/* JSON only: another record as a member object, or its members in this
 * object when name is NULL. Its text is not printed. */
void
kl_cli_record_object (KlCliRecord   *record,
                      const char    *name,
                      KlCliDescribe  describe,
                      gconstpointer  item)
{
  KlCliRecord inner = { record->cli, record->builder, FALSE, record->data };

  if (record->builder == NULL)
    return;
  if (name == NULL)
    {
      describe (&inner, item);
      return;
    }
  json_builder_set_member_name (record->builder, name);
  describe_object (record, describe, item);
}

/* Records as a member array of objects, and in the text each one's text
 * in turn. */
void
kl_cli_record_list (KlCliRecord   *record,
                    const char    *name,
                    KlCliDescribe  describe,
                    GPtrArray     *items)
{
  if (wants_json (record, name))
    {
      json_builder_begin_array (record->builder);
      for (guint i = 0; i < items->len; i++)
        describe_object (record, describe, g_ptr_array_index (items, i));
      json_builder_end_array (record->builder);
    }
  for (guint i = 0; record->text && i < items->len; i++)
    describe (record, g_ptr_array_index (items, i));
}

/* Text only: another record's text, here. */
void
kl_cli_record_lines (KlCliRecord   *record,
                     KlCliDescribe  describe,
                     gconstpointer  item)
{
  KlCliRecord text = { record->cli, NULL, TRUE, record->data };

  if (record->text)
    describe (&text, item);
}

/* Text only: a line (or piece of one) with several values. */
void
kl_cli_record_print (KlCliRecord *record,
                     const char  *format,
                     ...)
{
  va_list args;

  if (!record->text)
    return;
  va_start (args, format);
  g_vprintf (format, args);
  va_end (args);
}

/* What was written: a JSON member with the file's path, or a message. */
typedef struct
{
  const char *name;
  const char *path;
  const char *message;
  gboolean ok;
} Done;

static void
describe_done (KlCliRecord   *record,
               gconstpointer  item)
{
  const Done *done = item;

  kl_cli_record_text (record, done->name, NULL, done->path);
  if (done->ok)
    kl_cli_record_bool (record, "ok", TRUE);
  kl_cli_record_print (record, "%s\n", done->message);
}

void
kl_cli_print_done (KlCli      *cli,
                   gboolean    ok,
                   const char *name,
                   const char *path,
                   const char *message)
{
  kl_cli_print_record (cli, describe_done, &(Done) { name, path, message, ok }, NULL);
}
