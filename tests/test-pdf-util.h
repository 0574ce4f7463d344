#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reading PDFs back with poppler-utils, as a reader would see them. */

/* The text of one page (1-based) or, for 0, of all pages; aborts the test
 * when pdftotext fails. */
char     *kl_test_pdf_text            (const char *path,
                                       guint       page);
/* All pages in the order they were drawn (pdftotext -raw): a label comes
 * right before its value, a wrapped cell's lines stay together. */
char     *kl_test_pdf_raw_text        (const char *path);
/* What pdfinfo says: page size, title, author, ... */
char     *kl_test_pdf_info            (const char *path);
/* Every font in the file is embedded (pdffonts). */
gboolean  kl_test_pdf_fonts_embedded  (const char *path);
/* Text without white space and hyphens, to compare names that wrap. */
char     *kl_test_flatten             (const char *text);

G_END_DECLS
