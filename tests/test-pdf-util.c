#include "config.h"

#include <string.h>

#include "test-pdf-util.h"

static char *
run (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return out;
}

char *
kl_test_pdf_text (const char *path,
                  guint       page)
{
  g_autofree char *first = g_strdup_printf ("%u", page);

  if (page == 0)
    return run ((const char *[]) { "pdftotext", "-enc", "UTF-8", path, "-", NULL });
  return run ((const char *[]) { "pdftotext", "-enc", "UTF-8", "-f", first, "-l", first, path, "-", NULL });
}

char *
kl_test_pdf_raw_text (const char *path)
{
  return run ((const char *[]) { "pdftotext", "-raw", "-enc", "UTF-8", path, "-", NULL });
}

char *
kl_test_pdf_info (const char *path)
{
  return run ((const char *[]) { "pdfinfo", "-enc", "UTF-8", path, NULL });
}

gboolean
kl_test_pdf_fonts_embedded (const char *path)
{
  g_autofree char *out = run ((const char *[]) { "pdffonts", path, NULL });
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  guint fonts = 0;

  /* Two header lines, then one line per font: name type encoding emb sub uni. */
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = NULL;
      const char *emb[8] = { NULL };
      guint n = 0;

      if (*lines[i] == '\0')
        continue;
      /* The font name may contain spaces; count from the end. */
      words = g_strsplit_set (lines[i], " ", -1);
      for (guint w = 0; words[w] != NULL; w++)
        if (*words[w] != '\0')
          {
            memmove (emb, emb + 1, sizeof emb - sizeof emb[0]);
            emb[7] = words[w];
            n++;
          }
      /* ... emb sub uni object-id generation: emb is 5th from the end. */
      if (n < 6 || g_strcmp0 (emb[3], "yes") != 0)
        return FALSE;
      fonts++;
    }
  return fonts > 0;
}

char *
kl_test_flatten (const char *text)
{
  GString *flat = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == '-' || c == 0x00AD || c == 0x2010)
        continue;
      g_string_append_unichar (flat, c);
    }
  return g_string_free (flat, FALSE);
}
