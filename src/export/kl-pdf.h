#pragma once

#include <glib.h>

#include "kl-money.h"

G_BEGIN_DECLS

/* A small document model for printed A4 documents (sign-in sheets,
 * attendance reports, fund applications and payout requests).
 *
 * Blocks are added top to bottom and placed on pages as they come (the
 * first pass: measure and paginate); kl_pdf_render() then draws every page
 * with its running header and a footer that knows the page count
 * ("Side 3 av 7" / "Page 3 of 7"). Text is plain: never markup, so names
 * with < and & print as they are. Fixed texts of the engine itself are in
 * the document's language; the caller passes its own texts already in it
 * (kl_export_gettext).
 *
 * Units are PDF points (1/72 inch). Nothing here is thread-safe: a KlPdf
 * is built and rendered on one thread. */

typedef struct _KlPdf      KlPdf;
typedef struct _KlPdfTable KlPdfTable;

typedef enum
{
  KL_PDF_ALIGN_LEFT,
  KL_PDF_ALIGN_CENTER,
  KL_PDF_ALIGN_RIGHT,
  KL_PDF_ALIGN_NUMBER,   /* right, with tabular figures so digits line up */
} KlPdfAlign;

typedef enum
{
  KL_PDF_ROW_NORMAL,
  KL_PDF_ROW_BOLD,       /* a total or a subtotal: bold, with a rule above */
  KL_PDF_ROW_SHADED,     /* a summary row on a light grey ground */
} KlPdfRowStyle;

typedef struct
{
  const char *title;     /* repeated at the top of each page of the table */
  double      width;     /* relative to the other columns */
  KlPdfAlign  align;
} KlPdfColumn;

/* Called for each page a table spans, with the rows on that page (0-based,
 * inclusive); returns a caption shown above the header row that page, or
 * NULL for none. */
typedef char *(*KlPdfCaptionFunc) (guint    first_row,
                                   guint    last_row,
                                   gpointer user_data);

KlPdf      *kl_pdf_new            (KlLang              lang,
                                   gboolean            landscape);
void        kl_pdf_free           (KlPdf              *pdf);
KlLang      kl_pdf_get_lang       (KlPdf              *pdf);
/* The width between the margins, for callers that size columns. */
double      kl_pdf_content_width  (KlPdf              *pdf);

/* Title, author and subject go into the PDF's metadata; the creator is
 * "Kartleser <version>" and the creation date kl_export_now(). */
void        kl_pdf_set_metadata   (KlPdf              *pdf,
                                   const char         *title,
                                   const char         *author,
                                   const char         *subject);
/* A running header on every page (e.g. both organisations | case number).
 * Set it before adding blocks: pages already placed keep their margins. */
void        kl_pdf_set_header     (KlPdf              *pdf,
                                   const char         *left,
                                   const char         *right);

void        kl_pdf_title          (KlPdf              *pdf,
                                   const char         *title,
                                   const char         *subtitle);
void        kl_pdf_heading        (KlPdf              *pdf,
                                   const char         *text);
/* Long paragraphs continue on the next page, line by line. */
void        kl_pdf_paragraph      (KlPdf              *pdf,
                                   const char         *text);
/* A small grey note, e.g. a legend under a table. */
void        kl_pdf_note           (KlPdf              *pdf,
                                   const char         *text);
/* A key under a table, in small type, kept on one page: a heading, then
 * { key, text, key, text, ..., NULL }, each text wrapping beside its key
 * (rule letters and what they mean, marks and what they say). */
void        kl_pdf_legend         (KlPdf              *pdf,
                                   const char         *heading,
                                   const char *const  *key_text_pairs);
/* The height kl_pdf_legend() takes, its space before and after included. */
double      kl_pdf_legend_height  (KlPdf              *pdf,
                                   const char         *heading,
                                   const char *const  *key_text_pairs);
/* Label and value pairs as kl_pdf_fields(), n_across of them side by
 * side on each line (at most 16), for a compact heading of a report. */
void        kl_pdf_fields_across  (KlPdf              *pdf,
                                   const char *const  *label_value_pairs,
                                   guint               n_across);
/* The height kl_pdf_note() takes for this text, its space after included. */
double      kl_pdf_note_height    (KlPdf              *pdf,
                                   const char         *text);
/* A two-column block of labels and values: pairs
 * { label, value, label, value, ..., NULL }, ending at a NULL label;
 * values wrap, a pair never splits over pages; a NULL or empty value
 * prints as "–" and the pairs after it still print. */
void        kl_pdf_fields         (KlPdf              *pdf,
                                   const char *const  *label_value_pairs);
/* Two boxed blocks side by side (sender | recipient): a heading and lines
 * separated by \n in each. Kept together on one page. */
void        kl_pdf_columns        (KlPdf              *pdf,
                                   const char         *left_heading,
                                   const char         *left_text,
                                   const char         *right_heading,
                                   const char         *right_text);
/* A boxed list of label/value pairs (NULL-terminated, as kl_pdf_fields),
 * values right-aligned; the pair at emphasised_index (or -1) is bold with
 * a rule above, for the amount claimed. */
void        kl_pdf_totals         (KlPdf              *pdf,
                                   const char *const  *label_value_pairs,
                                   gint                emphasised_index);
/* Lines to sign on, side by side, with their labels under them
 * (NULL-terminated, e.g. { "Place and date", "Signature", NULL }). */
void        kl_pdf_signatures     (KlPdf              *pdf,
                                   const char *const  *labels);
/* The height kl_pdf_signatures() takes with these labels, its space
 * before included. */
double      kl_pdf_signatures_height (KlPdf           *pdf,
                                      const char *const *labels);
/* A line of display text, centred (certificates: the title, the name). */
void        kl_pdf_centered       (KlPdf              *pdf,
                                   const char         *text,
                                   double              points,
                                   gboolean            bold);
/* A centred paragraph `width` points wide (0: the whole width), that
 * wraps; grey 0 is black. */
void        kl_pdf_centered_block (KlPdf              *pdf,
                                   const char         *text,
                                   double              points,
                                   gboolean            bold,
                                   double              grey,
                                   double              width);
/* A signature line on the right with the signatory's name and title
 * under it (either may be NULL), and left_text (place and date) standing
 * on the line's level on the left. */
void        kl_pdf_signature_named (KlPdf             *pdf,
                                    const char        *left_text,
                                    const char        *name,
                                    const char        *title);
/* A document people frame: a double rule round every page, and no footer
 * (no "Printed … with Kartleser", no page count). */
void        kl_pdf_set_certificate_style (KlPdf       *pdf);
/* The height left on the current page, and the pages so far, for a
 * caller that measures a page before it lays it out for real. */
double      kl_pdf_remaining      (KlPdf              *pdf);
guint       kl_pdf_n_pages        (KlPdf              *pdf);
/* One signature line, centred, with its label under it. */
void        kl_pdf_signature_centered (KlPdf          *pdf,
                                       const char     *label);
void        kl_pdf_space          (KlPdf              *pdf,
                                   double              points);
void        kl_pdf_page_break     (KlPdf              *pdf);
/* A new page that also starts the page count again ("Page 1 of 2"), for
 * several documents in one file, such as one certificate a person. */
void        kl_pdf_section_break  (KlPdf              *pdf);

/* A table: the header row repeats on each page, a row never splits, cells
 * wrap. The table belongs to the document and stays open for rows until
 * the next block is added. */
KlPdfTable *kl_pdf_table          (KlPdf              *pdf,
                                   guint               n_columns,
                                   const KlPdfColumn  *columns);
/* Smaller type for wide tables (default 9 pt). Before the first row. */
void        kl_pdf_table_set_font_size   (KlPdfTable       *table,
                                          double            points);
/* A minimum height for the rows that follow, e.g. a tall signature cell. */
void        kl_pdf_table_set_row_height  (KlPdfTable       *table,
                                          double            points);
/* Lines between the columns too, for cells to write in (sign-in sheets). */
void        kl_pdf_table_set_vertical_rules (KlPdfTable    *table,
                                             gboolean       rules);
void        kl_pdf_table_set_caption_func (KlPdfTable      *table,
                                           KlPdfCaptionFunc func,
                                           gpointer         user_data);
/* n_columns cells; NULL or "" leaves a cell empty. */
void        kl_pdf_table_row      (KlPdfTable         *table,
                                   const char *const  *cells,
                                   KlPdfRowStyle       style);
guint       kl_pdf_table_n_rows   (KlPdfTable         *table);
/* Keeps what follows together: when `height` (rows still to come, and
 * what comes after the table) does not fit below the rows on this page,
 * the table goes on at the top of the next, with its header. */
void        kl_pdf_table_need     (KlPdfTable         *table,
                                   double              height);

/* Lays out what is still open and draws every page into a PDF in memory. */
GBytes     *kl_pdf_render         (KlPdf              *pdf,
                                   guint              *n_pages,
                                   GError            **error);
/* Renders and writes the file whole or not at all (kl_export_write_file). */
gboolean    kl_pdf_save           (KlPdf              *pdf,
                                   const char         *path,
                                   guint              *n_pages,
                                   GError            **error);

/* A file name for a document: the parts joined by "-", without characters
 * file systems or mail programs dislike, ending in ".pdf", e.g.
 * ("Oppmøteliste", "LED SKOLE Bærum", "2024-09-02", NULL) gives
 * "Oppmøteliste-LED-SKOLE-Bærum-2024-09-02.pdf". */
char       *kl_pdf_file_name      (const char         *first_part,
                                   ...) G_GNUC_NULL_TERMINATED;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlPdf, kl_pdf_free)

G_END_DECLS
