#include "config.h"

#include <glib/gi18n.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdarg.h>
#include <string.h>

#include "kl-error.h"
#include "kl-export.h"
#include "kl-pdf.h"

/* Every PDF Kartleser makes (application, payout request, sign-in sheet,
 * attendance report, certificates) is laid out by this one small page
 * engine on cairo and pango: blocks, tables that break across pages
 * with their header repeated, footers. About 1 600 lines and kept
 * whole: the documents share its measuring, breaking and drawing, and
 * each document is a short function at the end. */

#define A4_SHORT    595.28
#define A4_LONG     841.89
#define MARGIN      (18.0 * 72.0 / 25.4)
#define FONT_FAMILY "Liberation Sans"
#define BODY_SIZE   9.5
#define CELL_PAD_X  3.0
#define CELL_PAD_Y  2.5
#define RULE_GREY   0.72
#define LABEL_GREY  0.35

/* Cells at most this long (marks, numbers, dates) are laid out once per
 * column and drawn wherever they recur: a 300 x 40 attendance report has
 * thousands of "✓" but only a handful of different cells. */
#define CACHE_MAX_LEN 16

typedef enum
{
  OP_TEXT,
  OP_LINE,
  OP_FILL,
  OP_STROKE,
} OpKind;

/* One thing drawn on a page, placed in the first pass. */
typedef struct
{
  OpKind kind;
  double x, y, w, h;   /* a line runs from (x, y) to (x + w, y + h) */
  double grey;
  double line_width;
  PangoLayout *layout; /* OP_TEXT; NULL while a table caption is pending */
} Op;

struct _KlPdfTable
{
  KlPdf *pdf;
  guint n_columns;
  double *x;
  double *width;
  KlPdfAlign *align;
  char **title_texts;
  PangoLayout **titles;
  double header_height;
  gboolean vertical_rules;
  double font_size;
  PangoFontDescription *font;
  PangoFontDescription *bold;
  double min_row_height;
  KlPdfCaptionFunc caption_func;
  gpointer caption_data;
  guint n_rows;
  gint page;            /* the page whose header row is placed, or -1 */
  guint page_first_row;
  gint caption_op;      /* index of the pending caption on that page, or -1 */
  GHashTable *cache;
};

struct _KlPdf
{
  KlLang lang;
  double page_width;
  double page_height;
  double top;
  double bottom;
  double left;
  double content_width;
  double y;
  GPtrArray *pages;     /* GArray of Op */
  PangoContext *context;
  PangoFontDescription *body;
  PangoFontDescription *bold;
  PangoFontDescription *small;
  PangoFontDescription *small_bold;
  PangoFontDescription *heading;
  PangoFontDescription *title;
  char *meta_title;
  char *meta_author;
  char *meta_subject;
  char *header_left;
  char *header_right;
  GPtrArray *tables;
  KlPdfTable *open_table;
  GArray *sections;     /* guint: the first page of each section after the first */
  gboolean hide_footer; /* certificates: no "Printed … with Kartleser", no page count */
  gboolean frame;       /* certificates: a double rule round every page */
};

static void
clear_op (gpointer data)
{
  Op *op = data;

  g_clear_object (&op->layout);
}

static PangoFontDescription *
make_font (double   size,
           gboolean bold)
{
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, FONT_FAMILY);
  pango_font_description_set_size (font, (gint) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  return font;
}

/* Plain text only: a name like "<b>&" must print as it is, so no markup. */
static PangoLayout *
make_layout (KlPdf                      *pdf,
             const char                 *text,
             const PangoFontDescription *font,
             double                      width,
             KlPdfAlign                  align)
{
  PangoLayout *layout = pango_layout_new (pdf->context);
  g_autofree char *valid = NULL;

  if (text == NULL)
    text = "";
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  pango_layout_set_font_description (layout, font);
  if (width > 0)
    {
      pango_layout_set_width (layout, pango_units_from_double (width));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  switch (align)
    {
    case KL_PDF_ALIGN_CENTER:
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      break;
    case KL_PDF_ALIGN_RIGHT:
      pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
      break;
    case KL_PDF_ALIGN_NUMBER:
      {
        PangoAttrList *attrs = pango_attr_list_new ();

        pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum 1"));
        pango_layout_set_attributes (layout, attrs);
        pango_attr_list_unref (attrs);
        pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
      }
      break;
    case KL_PDF_ALIGN_LEFT:
    default:
      break;
    }
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int width, height;

  pango_layout_get_size (layout, &width, &height);
  return (double) height / PANGO_SCALE;
}

static void
append_page (KlPdf *pdf)
{
  GArray *page = g_array_new (FALSE, TRUE, sizeof (Op));

  g_array_set_clear_func (page, clear_op);
  g_ptr_array_add (pdf->pages, page);
  pdf->y = pdf->top;
}

static GArray *
current_page (KlPdf *pdf)
{
  if (pdf->pages->len == 0)
    append_page (pdf);
  return g_ptr_array_index (pdf->pages, pdf->pages->len - 1);
}

/* The page so far (the first, if none was begun) ends here. */
static void
new_page (KlPdf *pdf)
{
  current_page (pdf);
  append_page (pdf);
}

static gboolean
at_page_top (KlPdf *pdf)
{
  return pdf->pages->len == 0 || pdf->y <= pdf->top + 0.01;
}

/* Starts a new page unless `height` fits below what is there; a block
 * taller than a page is placed on a fresh one and runs over its end. */
static void
ensure_room (KlPdf  *pdf,
             double  height)
{
  current_page (pdf);
  if (pdf->y + height > pdf->bottom && !at_page_top (pdf))
    new_page (pdf);
}

static guint
add_op (KlPdf *pdf,
        Op     op)
{
  GArray *page = current_page (pdf);

  g_array_append_val (page, op);
  return page->len - 1;
}

/* Takes the layout. */
static void
add_text (KlPdf       *pdf,
          PangoLayout *layout,
          double       x,
          double       y,
          double       grey)
{
  add_op (pdf, (Op) { .kind = OP_TEXT, .x = x, .y = y, .grey = grey, .layout = layout });
}

static void
add_line (KlPdf  *pdf,
          double  x,
          double  y,
          double  width,
          double  grey,
          double  line_width)
{
  add_op (pdf, (Op) { .kind = OP_LINE, .x = x, .y = y, .w = width, .grey = grey, .line_width = line_width });
}

static void
add_rect (KlPdf  *pdf,
          OpKind  kind,
          double  x,
          double  y,
          double  width,
          double  height,
          double  grey)
{
  add_op (pdf, (Op) { .kind = kind, .x = x, .y = y, .w = width, .h = height, .grey = grey, .line_width = 0.5 });
}

static void
space_before (KlPdf  *pdf,
              double  points)
{
  if (!at_page_top (pdf))
    pdf->y += points;
}

static void
table_close_caption (KlPdfTable *table)
{
  KlPdf *pdf = table->pdf;
  g_autofree char *text = NULL;
  GArray *page;
  Op *op;

  if (table->caption_op < 0 || table->page < 0)
    return;
  page = g_ptr_array_index (pdf->pages, table->page);
  op = &g_array_index (page, Op, table->caption_op);
  table->caption_op = -1;
  if (table->n_rows == table->page_first_row)
    return;
  text = table->caption_func (table->page_first_row, table->n_rows - 1, table->caption_data);
  if (text == NULL)
    return;
  op->layout = make_layout (pdf, text, pdf->small_bold, pdf->content_width, KL_PDF_ALIGN_LEFT);
  pango_layout_set_ellipsize (op->layout, PANGO_ELLIPSIZE_END);
}

/* Every other block ends the table before it. */
static void
close_table (KlPdf *pdf)
{
  if (pdf->open_table == NULL)
    return;
  table_close_caption (pdf->open_table);
  pdf->open_table = NULL;
  pdf->y += 8;
}

static void
table_free (gpointer data)
{
  KlPdfTable *table = data;

  g_free (table->x);
  g_free (table->width);
  g_free (table->align);
  for (guint i = 0; i < table->n_columns; i++)
    g_clear_object (&table->titles[i]);
  g_free (table->titles);
  g_strfreev (table->title_texts);
  g_clear_pointer (&table->font, pango_font_description_free);
  g_clear_pointer (&table->bold, pango_font_description_free);
  g_clear_pointer (&table->cache, g_hash_table_unref);
  g_free (table);
}

static double
caption_height (KlPdfTable *table)
{
  return table->caption_func != NULL ? BODY_SIZE + 5 : 0;
}

/* Column boundaries, for tables whose cells are boxes to write in. */
static void
table_add_vertical_rules (KlPdfTable *table,
                          double      height)
{
  KlPdf *pdf = table->pdf;

  if (!table->vertical_rules)
    return;
  for (guint i = 0; i <= table->n_columns; i++)
    {
      double x = i < table->n_columns ? table->x[i] : pdf->left + pdf->content_width;

      add_op (pdf, (Op) { .kind = OP_LINE, .x = x, .y = pdf->y, .h = height, .grey = RULE_GREY, .line_width = 0.4 });
    }
}

/* The heading row, a point smaller than the cells and bold. */
static void
table_make_titles (KlPdfTable *table)
{
  KlPdf *pdf = table->pdf;
  g_autoptr(PangoFontDescription) font = make_font (MAX (6, table->font_size - 1), TRUE);

  table->header_height = 0;
  for (guint i = 0; i < table->n_columns; i++)
    {
      /* Header cells follow their column's alignment, without tnum. */
      KlPdfAlign align = table->align[i] == KL_PDF_ALIGN_NUMBER ? KL_PDF_ALIGN_RIGHT : table->align[i];

      g_clear_object (&table->titles[i]);
      table->titles[i] = make_layout (pdf, table->title_texts[i], font, table->width[i] - 2 * CELL_PAD_X, align);
      table->header_height = MAX (table->header_height, layout_height (table->titles[i]) + 2 * CELL_PAD_Y);
    }
}

static void
table_place_header (KlPdfTable *table)
{
  KlPdf *pdf = table->pdf;

  table->page = (gint) pdf->pages->len - 1;
  table->page_first_row = table->n_rows;
  if (table->caption_func != NULL)
    {
      table->caption_op = (gint) add_op (pdf, (Op) { .kind = OP_TEXT, .x = pdf->left, .y = pdf->y });
      pdf->y += caption_height (table);
    }
  add_rect (pdf, OP_FILL, pdf->left, pdf->y, pdf->content_width, table->header_height, 0.9);
  for (guint i = 0; i < table->n_columns; i++)
    add_text (pdf, g_object_ref (table->titles[i]), table->x[i] + CELL_PAD_X, pdf->y + CELL_PAD_Y, 0.0);
  table_add_vertical_rules (table, table->header_height);
  pdf->y += table->header_height;
  add_line (pdf, pdf->left, pdf->y, pdf->content_width, 0.3, 0.6);
}

/* A table that goes on over the page: its caption counts the rows so far,
 * and the header stands again. */
static void
table_next_page (KlPdfTable *table)
{
  table_close_caption (table);
  new_page (table->pdf);
  table_place_header (table);
}

static PangoLayout *
table_cell_layout (KlPdfTable    *table,
                   guint          column,
                   const char    *text,
                   KlPdfRowStyle  style)
{
  const PangoFontDescription *font = style == KL_PDF_ROW_BOLD ? table->bold : table->font;
  double width = table->width[column] - 2 * CELL_PAD_X;
  g_autofree char *key = NULL;
  PangoLayout *layout;

  if (text == NULL)
    text = "";
  if (strlen (text) > CACHE_MAX_LEN)
    return make_layout (table->pdf, text, font, width, table->align[column]);

  key = g_strdup_printf ("%u\x1f%d\x1f%s", column, style == KL_PDF_ROW_BOLD, text);
  layout = g_hash_table_lookup (table->cache, key);
  if (layout == NULL)
    {
      layout = make_layout (table->pdf, text, font, width, table->align[column]);
      g_hash_table_insert (table->cache, g_steal_pointer (&key), layout);
    }
  return g_object_ref (layout);
}

static cairo_status_t
write_stream_cb (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
draw_op (cairo_t  *cr,
         const Op *op)
{
  cairo_set_source_rgb (cr, op->grey, op->grey, op->grey);
  switch (op->kind)
    {
    case OP_TEXT:
      if (op->layout == NULL)
        return;
      cairo_move_to (cr, op->x, op->y);
      pango_cairo_show_layout (cr, op->layout);
      break;
    case OP_LINE:
      cairo_set_line_width (cr, op->line_width);
      cairo_move_to (cr, op->x, op->y);
      cairo_line_to (cr, op->x + op->w, op->y + op->h);
      cairo_stroke (cr);
      break;
    case OP_FILL:
      cairo_rectangle (cr, op->x, op->y, op->w, op->h);
      cairo_fill (cr);
      break;
    case OP_STROKE:
      cairo_set_line_width (cr, op->line_width);
      cairo_rectangle (cr, op->x, op->y, op->w, op->h);
      cairo_stroke (cr);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
draw_text (KlPdf       *pdf,
           cairo_t     *cr,
           PangoLayout *layout,
           double       x,
           double       y,
           double       grey)
{
  Op op = { .kind = OP_TEXT, .x = x, .y = y, .grey = grey, .layout = layout };

  draw_op (cr, &op);
}

/* Header and footer are drawn in the margins, so they never move the
 * content and the footer can count pages only known after the first pass. */
static void
draw_running_parts (KlPdf   *pdf,
                    cairo_t *cr,
                    guint    page,
                    guint    n_pages,
                    const char *printed)
{
  double half = pdf->content_width / 2 - 6;
  g_autofree char *page_text = NULL;
  g_autoptr(PangoLayout) footer_left = NULL;
  g_autoptr(PangoLayout) footer_right = NULL;
  double header_y = pdf->top - 26;
  double footer_y = pdf->bottom + 14;

  if (pdf->header_left != NULL || pdf->header_right != NULL)
    {
      g_autoptr(PangoLayout) left = make_layout (pdf, pdf->header_left, pdf->small, half, KL_PDF_ALIGN_LEFT);
      g_autoptr(PangoLayout) right = make_layout (pdf, pdf->header_right, pdf->small, half, KL_PDF_ALIGN_RIGHT);
      Op rule = { .kind = OP_LINE, .x = pdf->left, .y = pdf->top - 10, .w = pdf->content_width,
                  .grey = RULE_GREY, .line_width = 0.5 };

      pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (left, -2);
      pango_layout_set_ellipsize (right, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (right, -2);
      draw_text (pdf, cr, left, pdf->left, header_y, LABEL_GREY);
      draw_text (pdf, cr, right, pdf->left + pdf->content_width - half, header_y, LABEL_GREY);
      draw_op (cr, &rule);
    }

  if (pdf->frame)
    {
      double inset = MARGIN / 2;
      Op outer = { .kind = OP_STROKE, .x = inset, .y = inset, .w = pdf->page_width - 2 * inset,
                   .h = pdf->page_height - 2 * inset, .grey = 0.35, .line_width = 1.6 };
      Op inner = { .kind = OP_STROKE, .x = inset + 4, .y = inset + 4, .w = pdf->page_width - 2 * inset - 8,
                   .h = pdf->page_height - 2 * inset - 8, .grey = 0.35, .line_width = 0.5 };

      draw_op (cr, &outer);
      draw_op (cr, &inner);
    }
  if (pdf->hide_footer)
    return;

  /* TRANSLATORS: the footer of every page of a printed document */
  page_text = g_strdup_printf (kl_export_gettext (pdf->lang, N_("Page %u of %u")), page, n_pages);
  footer_left = make_layout (pdf, printed, pdf->small, half, KL_PDF_ALIGN_LEFT);
  footer_right = make_layout (pdf, page_text, pdf->small, half, KL_PDF_ALIGN_RIGHT);
  draw_text (pdf, cr, footer_left, pdf->left, footer_y, LABEL_GREY);
  draw_text (pdf, cr, footer_right, pdf->left + pdf->content_width - half, footer_y, LABEL_GREY);
}

KlPdf *
kl_pdf_new (KlLang   lang,
            gboolean landscape)
{
  KlPdf *pdf = g_new0 (KlPdf, 1);
  cairo_font_options_t *options;

  pdf->lang = lang;
  pdf->page_width = landscape ? A4_LONG : A4_SHORT;
  pdf->page_height = landscape ? A4_SHORT : A4_LONG;
  pdf->left = MARGIN;
  pdf->top = MARGIN;
  pdf->bottom = pdf->page_height - MARGIN;
  pdf->content_width = pdf->page_width - 2 * MARGIN;
  pdf->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  pdf->tables = g_ptr_array_new_with_free_func (table_free);
  pdf->sections = g_array_new (FALSE, FALSE, sizeof (guint));

  /* Measured in points, unhinted, so that what is measured is what a PDF
   * viewer shows at any zoom. */
  pdf->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pdf->context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (pdf->context, 72);
  pango_context_set_round_glyph_positions (pdf->context, FALSE);
  pango_context_set_language (pdf->context, pango_language_from_string (lang == KL_LANG_NB ? "nb" : "en"));

  pdf->body = make_font (BODY_SIZE, FALSE);
  pdf->bold = make_font (BODY_SIZE, TRUE);
  pdf->small = make_font (7.5, FALSE);
  pdf->small_bold = make_font (8, TRUE);
  pdf->heading = make_font (11.5, TRUE);
  pdf->title = make_font (16, TRUE);
  return pdf;
}

void
kl_pdf_free (KlPdf *pdf)
{
  if (pdf == NULL)
    return;
  g_ptr_array_unref (pdf->pages);
  g_ptr_array_unref (pdf->tables);
  g_array_unref (pdf->sections);
  g_object_unref (pdf->context);
  pango_font_description_free (pdf->body);
  pango_font_description_free (pdf->bold);
  pango_font_description_free (pdf->small);
  pango_font_description_free (pdf->small_bold);
  pango_font_description_free (pdf->heading);
  pango_font_description_free (pdf->title);
  g_free (pdf->meta_title);
  g_free (pdf->meta_author);
  g_free (pdf->meta_subject);
  g_free (pdf->header_left);
  g_free (pdf->header_right);
  g_free (pdf);
}

KlLang
kl_pdf_get_lang (KlPdf *pdf)
{
  g_return_val_if_fail (pdf != NULL, KL_LANG_NB);
  return pdf->lang;
}

double
kl_pdf_content_width (KlPdf *pdf)
{
  g_return_val_if_fail (pdf != NULL, 0);
  return pdf->content_width;
}

void
kl_pdf_set_metadata (KlPdf      *pdf,
                     const char *title,
                     const char *author,
                     const char *subject)
{
  g_return_if_fail (pdf != NULL);

  g_free (pdf->meta_title);
  g_free (pdf->meta_author);
  g_free (pdf->meta_subject);
  pdf->meta_title = g_strdup (title);
  pdf->meta_author = g_strdup (author);
  pdf->meta_subject = g_strdup (subject);
}

void
kl_pdf_set_header (KlPdf      *pdf,
                   const char *left,
                   const char *right)
{
  g_return_if_fail (pdf != NULL);

  g_free (pdf->header_left);
  g_free (pdf->header_right);
  pdf->header_left = g_strdup (left);
  pdf->header_right = g_strdup (right);
}

void
kl_pdf_title (KlPdf      *pdf,
              const char *title,
              const char *subtitle)
{
  PangoLayout *title_layout;
  PangoLayout *subtitle_layout = NULL;
  double height;

  g_return_if_fail (pdf != NULL);

  close_table (pdf);
  title_layout = make_layout (pdf, title, pdf->title, pdf->content_width, KL_PDF_ALIGN_LEFT);
  height = layout_height (title_layout);
  if (subtitle != NULL && *subtitle != '\0')
    {
      subtitle_layout = make_layout (pdf, subtitle, pdf->body, pdf->content_width, KL_PDF_ALIGN_LEFT);
      height += 3 + layout_height (subtitle_layout);
    }
  space_before (pdf, 12);
  ensure_room (pdf, height + 40);
  add_text (pdf, title_layout, pdf->left, pdf->y, 0.0);
  pdf->y += layout_height (title_layout);
  if (subtitle_layout != NULL)
    {
      pdf->y += 3;
      add_text (pdf, subtitle_layout, pdf->left, pdf->y, LABEL_GREY);
      pdf->y += layout_height (subtitle_layout);
    }
  pdf->y += 12;
}

void
kl_pdf_heading (KlPdf      *pdf,
                const char *text)
{
  PangoLayout *layout;
  double height;

  g_return_if_fail (pdf != NULL);

  close_table (pdf);
  layout = make_layout (pdf, text, pdf->heading, pdf->content_width, KL_PDF_ALIGN_LEFT);
  height = layout_height (layout);
  space_before (pdf, 8);
  /* A heading alone at the foot of a page is useless: keep it with some of
   * what follows. */
  ensure_room (pdf, height + 48);
  add_text (pdf, layout, pdf->left, pdf->y, 0.0);
  pdf->y += height + 5;
}

static void
place_flowing_text (KlPdf                      *pdf,
                    const char                 *text,
                    const PangoFontDescription *font,
                    double                      grey)
{
  while (text != NULL)
    {
      PangoLayout *layout = make_layout (pdf, text, font, pdf->content_width, KL_PDF_ALIGN_LEFT);
      double height = layout_height (layout);
      PangoLayoutIter *iter;
      int split = -1;

      current_page (pdf);
      if (pdf->y + height <= pdf->bottom)
        {
          add_text (pdf, layout, pdf->left, pdf->y, grey);
          pdf->y += height;
          return;
        }

      /* Split at the first line that does not fit. */
      iter = pango_layout_get_iter (layout);
      do
        {
          PangoRectangle logical;

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          if (pdf->y + (double) (logical.y + logical.height) / PANGO_SCALE > pdf->bottom)
            {
              split = pango_layout_iter_get_index (iter);
              break;
            }
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);
      g_object_unref (layout);

      if (split <= 0)
        {
          if (at_page_top (pdf))
            {
              /* Not even one line fits an empty page: place it anyway. */
              add_text (pdf, make_layout (pdf, text, font, pdf->content_width, KL_PDF_ALIGN_LEFT),
                        pdf->left, pdf->y, grey);
              pdf->y += height;
              return;
            }
          new_page (pdf);
          continue;
        }

      {
        g_autofree char *head = g_strndup (text, split);

        g_strchomp (head);
        layout = make_layout (pdf, head, font, pdf->content_width, KL_PDF_ALIGN_LEFT);
        add_text (pdf, layout, pdf->left, pdf->y, grey);
        new_page (pdf);
        text += split;
      }
    }
}

void
kl_pdf_paragraph (KlPdf      *pdf,
                  const char *text)
{
  g_return_if_fail (pdf != NULL);

  close_table (pdf);
  place_flowing_text (pdf, text, pdf->body, 0.0);
  pdf->y += 6;
}

void
kl_pdf_note (KlPdf      *pdf,
             const char *text)
{
  g_return_if_fail (pdf != NULL);

  close_table (pdf);
  place_flowing_text (pdf, text, pdf->small, LABEL_GREY);
  pdf->y += 6;
}

void
kl_pdf_set_certificate_style (KlPdf *pdf)
{
  g_return_if_fail (pdf != NULL);

  pdf->hide_footer = TRUE;
  pdf->frame = TRUE;
}

double
kl_pdf_remaining (KlPdf *pdf)
{
  g_return_val_if_fail (pdf != NULL, 0);

  /* An open table stays open: its rows are placed as they come. */
  current_page (pdf);
  return MAX (0, pdf->bottom - pdf->y);
}

guint
kl_pdf_n_pages (KlPdf *pdf)
{
  g_return_val_if_fail (pdf != NULL, 0);

  return pdf->pages->len;
}

void
kl_pdf_centered_block (KlPdf      *pdf,
                       const char *text,
                       double      points,
                       gboolean    bold,
                       double      grey,
                       double      width)
{
  g_autoptr(PangoFontDescription) font = NULL;
  PangoLayout *layout;
  double height;

  g_return_if_fail (pdf != NULL);

  close_table (pdf);
  if (width <= 0 || width > pdf->content_width)
    width = pdf->content_width;
  font = make_font (points, bold);
  layout = make_layout (pdf, text, font, width, KL_PDF_ALIGN_CENTER);
  height = layout_height (layout);
  ensure_room (pdf, height);
  add_text (pdf, layout, pdf->left + (pdf->content_width - width) / 2, pdf->y, grey);
  pdf->y += height + points * 0.3;
}

void
kl_pdf_signature_named (KlPdf      *pdf,
                        const char *left_text,
                        const char *name,
                        const char *title)
{
  double width = pdf->content_width * 0.45;
  double right_x = pdf->left + pdf->content_width - width;
  double line_space = 40;
  PangoLayout *left = NULL;
  PangoLayout *name_layout = NULL;
  PangoLayout *title_layout = NULL;
  double below = 0;

  g_return_if_fail (pdf != NULL);

  close_table (pdf);
  if (left_text != NULL && *left_text != '\0')
    left = make_layout (pdf, left_text, pdf->body, width, KL_PDF_ALIGN_LEFT);
  if (name != NULL && *name != '\0')
    {
      name_layout = make_layout (pdf, name, pdf->bold, width, KL_PDF_ALIGN_CENTER);
      below += layout_height (name_layout);
    }
  if (title != NULL && *title != '\0')
    {
      title_layout = make_layout (pdf, title, pdf->body, width, KL_PDF_ALIGN_CENTER);
      below += layout_height (title_layout);
    }
  ensure_room (pdf, line_space + 4 + below);
  /* The place and date stand on the signature's line, on the left. */
  if (left != NULL)
    add_text (pdf, left, pdf->left, pdf->y + line_space - layout_height (left), 0.0);
  add_line (pdf, right_x, pdf->y + line_space, width, 0.2, 0.6);
  pdf->y += line_space + 4;
  if (name_layout != NULL)
    {
      add_text (pdf, name_layout, right_x, pdf->y, 0.0);
      pdf->y += layout_height (name_layout);
    }
  if (title_layout != NULL)
    {
      add_text (pdf, title_layout, right_x, pdf->y, LABEL_GREY);
      pdf->y += layout_height (title_layout);
    }
  pdf->y += 6;
}

/* The legend's key column: as wide as the widest key, at most a quarter
 * of the page. */
static double
legend_key_width (KlPdf             *pdf,
                  const char *const *key_text_pairs)
{
  double key_width = 0;

  for (guint i = 0; key_text_pairs[i] != NULL; i += 2)
    {
      g_autoptr(PangoLayout) key = make_layout (pdf, key_text_pairs[i], pdf->small_bold, -1, KL_PDF_ALIGN_LEFT);
      int w, h;

      pango_layout_get_size (key, &w, &h);
      key_width = MAX (key_width, (double) w / PANGO_SCALE);
    }
  return MIN (key_width, pdf->content_width / 4);
}

double
kl_pdf_legend_height (KlPdf             *pdf,
                      const char        *heading,
                      const char *const *key_text_pairs)
{
  double key_width;
  double height = 6 + 6;

  g_return_val_if_fail (pdf != NULL, 0);
  g_return_val_if_fail (key_text_pairs != NULL, 0);

  key_width = legend_key_width (pdf, key_text_pairs);
  for (guint i = 0; key_text_pairs[i] != NULL; i += 2)
    {
      g_autoptr(PangoLayout) key = make_layout (pdf, key_text_pairs[i], pdf->small_bold, -1, KL_PDF_ALIGN_LEFT);
      g_autoptr(PangoLayout) text = make_layout (pdf, key_text_pairs[i + 1], pdf->small,
                                                 pdf->content_width - key_width - 8, KL_PDF_ALIGN_LEFT);

      height += MAX (layout_height (key), layout_height (text)) + 1.5;
    }
  if (heading != NULL && *heading != '\0')
    {
      g_autoptr(PangoLayout) layout = make_layout (pdf, heading, pdf->small_bold, pdf->content_width,
                                                   KL_PDF_ALIGN_LEFT);

      height += layout_height (layout) + 2;
    }
  return height;
}

void
kl_pdf_legend (KlPdf             *pdf,
               const char        *heading,
               const char *const *key_text_pairs)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  PangoLayout *heading_layout = NULL;
  double key_width = 0;
  double text_x, text_width;
  double height = 0;

  g_return_if_fail (pdf != NULL);
  g_return_if_fail (key_text_pairs != NULL);

  close_table (pdf);
  /* The key column is as wide as the widest key. */
  for (guint i = 0; key_text_pairs[i] != NULL; i += 2)
    {
      PangoLayout *key = make_layout (pdf, key_text_pairs[i], pdf->small_bold, -1, KL_PDF_ALIGN_LEFT);
      int w, h;

      pango_layout_get_size (key, &w, &h);
      key_width = MAX (key_width, (double) w / PANGO_SCALE);
      g_ptr_array_add (keys, key);
    }
  key_width = MIN (key_width, pdf->content_width / 4);
  text_x = pdf->left + key_width + 8;
  text_width = pdf->content_width - key_width - 8;
  for (guint i = 0; key_text_pairs[i] != NULL; i += 2)
    {
      PangoLayout *text = make_layout (pdf, key_text_pairs[i + 1], pdf->small, text_width, KL_PDF_ALIGN_LEFT);

      g_ptr_array_add (texts, text);
      height += MAX (layout_height (keys->pdata[texts->len - 1]), layout_height (text)) + 1.5;
    }
  if (heading != NULL && *heading != '\0')
    {
      heading_layout = make_layout (pdf, heading, pdf->small_bold, pdf->content_width, KL_PDF_ALIGN_LEFT);
      height += layout_height (heading_layout) + 2;
    }
  space_before (pdf, 6);
  ensure_room (pdf, height);
  if (heading_layout != NULL)
    {
      add_text (pdf, heading_layout, pdf->left, pdf->y, LABEL_GREY);
      pdf->y += layout_height (heading_layout) + 2;
    }
  for (guint i = 0; i < keys->len; i++)
    {
      PangoLayout *key = keys->pdata[i];
      PangoLayout *text = texts->pdata[i];
      double row = MAX (layout_height (key), layout_height (text));

      add_text (pdf, key, pdf->left, pdf->y, LABEL_GREY);
      add_text (pdf, text, text_x, pdf->y, LABEL_GREY);
      pdf->y += row + 1.5;
    }
  pdf->y += 6;
}

double
kl_pdf_note_height (KlPdf      *pdf,
                    const char *text)
{
  g_autoptr(PangoLayout) layout = NULL;

  g_return_val_if_fail (pdf != NULL, 0);

  layout = make_layout (pdf, text, pdf->small, pdf->content_width, KL_PDF_ALIGN_LEFT);
  return layout_height (layout) + 6;
}

void
kl_pdf_fields_across (KlPdf             *pdf,
                      const char *const *label_value_pairs,
                      guint              n_across)
{
  double column_width;
  double label_width;
  double value_width;
  guint n_pairs = 0;

  g_return_if_fail (pdf != NULL);
  g_return_if_fail (label_value_pairs != NULL);
  g_return_if_fail (n_across > 0);

  close_table (pdf);
  column_width = (pdf->content_width - 16 * (n_across - 1)) / n_across;
  /* The labels as wide as the widest needs, the values the rest. */
  label_width = 0;
  while (label_value_pairs[2 * n_pairs] != NULL)
    {
      g_autoptr(PangoLayout) label = make_layout (pdf, label_value_pairs[2 * n_pairs], pdf->bold, -1,
                                                  KL_PDF_ALIGN_LEFT);
      int w, h;

      pango_layout_get_size (label, &w, &h);
      label_width = MAX (label_width, (double) w / PANGO_SCALE + 2);
      n_pairs++;
    }
  label_width = MIN (label_width, column_width * 0.45);
  value_width = column_width - label_width - 6;
  for (guint first = 0; first < n_pairs; first += n_across)
    {
      PangoLayout *labels[16] = { NULL };
      PangoLayout *values[16] = { NULL };
      guint n = MIN (n_across, n_pairs - first);
      double height = 0;

      n = MIN (n, G_N_ELEMENTS (labels));
      for (guint i = 0; i < n; i++)
        {
          const char *value = label_value_pairs[2 * (first + i) + 1];

          if (value == NULL || *value == '\0')
            value = "–";
          labels[i] = make_layout (pdf, label_value_pairs[2 * (first + i)], pdf->bold, label_width, KL_PDF_ALIGN_LEFT);
          values[i] = make_layout (pdf, value, pdf->body, value_width, KL_PDF_ALIGN_LEFT);
          height = MAX (height, MAX (layout_height (labels[i]), layout_height (values[i])));
        }
      ensure_room (pdf, height);
      for (guint i = 0; i < n; i++)
        {
          double x = pdf->left + i * (column_width + 16);

          add_text (pdf, labels[i], x, pdf->y, LABEL_GREY);
          add_text (pdf, values[i], x + label_width + 6, pdf->y, 0.0);
        }
      pdf->y += height + 3;
    }
  pdf->y += 6;
}

void
kl_pdf_fields (KlPdf             *pdf,
               const char *const *label_value_pairs)
{
  double label_width = MIN (150, pdf->content_width * 0.3);
  double value_x = pdf->left + label_width + 8;
  double value_width = pdf->content_width - label_width - 8;

  g_return_if_fail (pdf != NULL);
  g_return_if_fail (label_value_pairs != NULL);

  close_table (pdf);
  for (guint i = 0; label_value_pairs[i] != NULL; i += 2)
    {
      const char *value = label_value_pairs[i + 1];
      PangoLayout *label;
      PangoLayout *value_layout;
      double height;

      if (value == NULL || *value == '\0')
        value = "–";
      label = make_layout (pdf, label_value_pairs[i], pdf->bold, label_width, KL_PDF_ALIGN_LEFT);
      value_layout = make_layout (pdf, value, pdf->body, value_width, KL_PDF_ALIGN_LEFT);
      height = MAX (layout_height (label), layout_height (value_layout));
      ensure_room (pdf, height);
      add_text (pdf, label, pdf->left, pdf->y, LABEL_GREY);
      add_text (pdf, value_layout, value_x, pdf->y, 0.0);
      pdf->y += height + 3;
    }
  pdf->y += 6;
}

void
kl_pdf_columns (KlPdf      *pdf,
                const char *left_heading,
                const char *left_text,
                const char *right_heading,
                const char *right_text)
{
  const char *headings[2] = { left_heading, right_heading };
  const char *texts[2] = { left_text, right_text };
  PangoLayout *heading_layouts[2];
  PangoLayout *text_layouts[2];
  double box_width = (pdf->content_width - 12) / 2;
  double pad = 7;
  double height = 0;

  g_return_if_fail (pdf != NULL);

  close_table (pdf);
  for (guint i = 0; i < 2; i++)
    {
      heading_layouts[i] = make_layout (pdf, headings[i], pdf->small_bold, box_width - 2 * pad, KL_PDF_ALIGN_LEFT);
      text_layouts[i] = make_layout (pdf, texts[i], pdf->body, box_width - 2 * pad, KL_PDF_ALIGN_LEFT);
      height = MAX (height, layout_height (heading_layouts[i]) + 3 + layout_height (text_layouts[i]));
    }
  height += 2 * pad;
  ensure_room (pdf, height);
  for (guint i = 0; i < 2; i++)
    {
      double x = pdf->left + i * (box_width + 12);
      double heading_height = layout_height (heading_layouts[i]);

      add_rect (pdf, OP_STROKE, x, pdf->y, box_width, height, RULE_GREY);
      add_text (pdf, heading_layouts[i], x + pad, pdf->y + pad, LABEL_GREY);
      add_text (pdf, text_layouts[i], x + pad, pdf->y + pad + heading_height + 3, 0.0);
    }
  pdf->y += height + 10;
}

void
kl_pdf_totals (KlPdf             *pdf,
               const char *const *label_value_pairs,
               gint               emphasised_index)
{
  double box_width = pdf->content_width * 0.6;
  double x = pdf->left + pdf->content_width - box_width;
  double pad = 7;
  double value_width = box_width * 0.4;
  double label_width = box_width - value_width - 2 * pad - 8;
  GPtrArray *labels = g_ptr_array_new ();
  GPtrArray *values = g_ptr_array_new ();
  double height = 2 * pad;
  double y;

  g_return_if_fail (pdf != NULL);
  g_return_if_fail (label_value_pairs != NULL);

  close_table (pdf);
  for (guint i = 0; label_value_pairs[i] != NULL; i += 2)
    {
      gboolean strong = (gint) (i / 2) == emphasised_index;
      const PangoFontDescription *font = strong ? pdf->bold : pdf->body;
      PangoLayout *label = make_layout (pdf, label_value_pairs[i], font, label_width, KL_PDF_ALIGN_LEFT);
      const char *text = label_value_pairs[i + 1];
      PangoLayout *value = make_layout (pdf, text != NULL && *text != '\0' ? text : "–", font, value_width,
                                        KL_PDF_ALIGN_NUMBER);

      g_ptr_array_add (labels, label);
      g_ptr_array_add (values, value);
      height += MAX (layout_height (label), layout_height (value)) + (strong ? 10 : 4);
    }
  space_before (pdf, 4);
  ensure_room (pdf, height);
  add_rect (pdf, OP_STROKE, x, pdf->y, box_width, height, 0.4);
  y = pdf->y + pad;
  for (guint i = 0; i < labels->len; i++)
    {
      PangoLayout *label = labels->pdata[i];
      PangoLayout *value = values->pdata[i];
      gboolean strong = (gint) i == emphasised_index;

      if (strong)
        {
          y += 3;
          add_line (pdf, x + pad, y, box_width - 2 * pad, 0.3, 0.6);
          y += 3;
        }
      add_text (pdf, label, x + pad, y, 0.0);
      add_text (pdf, value, x + box_width - pad - value_width, y, 0.0);
      y += MAX (layout_height (label), layout_height (value)) + 4;
    }
  pdf->y += height + 10;
  g_ptr_array_unref (labels);
  g_ptr_array_unref (values);
}

#define SIGNATURE_GAP        18
#define SIGNATURE_LINE_SPACE 32

/* How much of a page kl_pdf_signatures() takes. */
double
kl_pdf_signatures_height (KlPdf             *pdf,
                          const char *const *labels)
{
  guint n;
  double width;
  double label_height = 0;

  g_return_val_if_fail (pdf != NULL, 0);
  g_return_val_if_fail (labels != NULL, 0);

  n = g_strv_length ((char **) labels);
  if (n == 0)
    return 0;
  width = (pdf->content_width - SIGNATURE_GAP * (n - 1)) / n;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PangoLayout) layout = make_layout (pdf, labels[i], pdf->small, width, KL_PDF_ALIGN_LEFT);

      label_height = MAX (label_height, layout_height (layout));
    }
  return 8 + SIGNATURE_LINE_SPACE + 3 + label_height + 10;
}

void
kl_pdf_signatures (KlPdf             *pdf,
                   const char *const *labels)
{
  guint n;
  double gap = 18;
  double width;
  double line_space = 32;
  double label_height = 0;
  GPtrArray *layouts;

  g_return_if_fail (pdf != NULL);
  g_return_if_fail (labels != NULL);

  close_table (pdf);
  n = g_strv_length ((char **) labels);
  if (n == 0)
    return;
  width = (pdf->content_width - gap * (n - 1)) / n;
  layouts = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    {
      PangoLayout *layout = make_layout (pdf, labels[i], pdf->small, width, KL_PDF_ALIGN_LEFT);

      label_height = MAX (label_height, layout_height (layout));
      g_ptr_array_add (layouts, layout);
    }
  space_before (pdf, 8);
  ensure_room (pdf, line_space + 3 + label_height);
  for (guint i = 0; i < n; i++)
    {
      double x = pdf->left + i * (width + gap);

      add_line (pdf, x, pdf->y + line_space, width, 0.2, 0.6);
      add_text (pdf, layouts->pdata[i], x, pdf->y + line_space + 3, LABEL_GREY);
    }
  pdf->y += line_space + 3 + label_height + 10;
  g_ptr_array_unref (layouts);
}

/* Certificates: a line of display text across the page, centred. */
void
kl_pdf_centered (KlPdf      *pdf,
                 const char *text,
                 double      points,
                 gboolean    bold)
{
  kl_pdf_centered_block (pdf, text, points, bold, 0.0, 0);
}

/* One line to sign on, centred and half as wide as the page. */
void
kl_pdf_signature_centered (KlPdf      *pdf,
                           const char *label)
{
  double width = pdf->content_width / 2;
  double x = pdf->left + (pdf->content_width - width) / 2;
  double line_space = 36;
  PangoLayout *layout;
  double height;

  g_return_if_fail (pdf != NULL);

  close_table (pdf);
  layout = make_layout (pdf, label, pdf->body, width, KL_PDF_ALIGN_CENTER);
  height = layout_height (layout);
  ensure_room (pdf, line_space + 3 + height);
  add_line (pdf, x, pdf->y + line_space, width, 0.2, 0.6);
  add_text (pdf, layout, x, pdf->y + line_space + 3, LABEL_GREY);
  pdf->y += line_space + 3 + height + 10;
}

void
kl_pdf_space (KlPdf  *pdf,
              double  points)
{
  g_return_if_fail (pdf != NULL);

  close_table (pdf);
  space_before (pdf, points);
}

void
kl_pdf_page_break (KlPdf *pdf)
{
  g_return_if_fail (pdf != NULL);

  close_table (pdf);
  if (!at_page_top (pdf))
    new_page (pdf);
}

void
kl_pdf_section_break (KlPdf *pdf)
{
  guint first;

  g_return_if_fail (pdf != NULL);

  kl_pdf_page_break (pdf);
  current_page (pdf);
  first = pdf->pages->len - 1;
  if (first > 0 && (pdf->sections->len == 0 || g_array_index (pdf->sections, guint, pdf->sections->len - 1) != first))
    g_array_append_val (pdf->sections, first);
}

/* Where page p (0-based) stands in its section: its number from 1, and
 * how many pages the section has. */
static void
page_in_section (KlPdf *pdf,
                 guint  p,
                 guint *number,
                 guint *count)
{
  guint start = 0;
  guint end = pdf->pages->len;

  for (guint i = 0; i < pdf->sections->len; i++)
    {
      guint first = g_array_index (pdf->sections, guint, i);

      if (first <= p)
        start = first;
      else
        {
          end = first;
          break;
        }
    }
  *number = p - start + 1;
  *count = end - start;
}

KlPdfTable *
kl_pdf_table (KlPdf             *pdf,
              guint              n_columns,
              const KlPdfColumn *columns)
{
  KlPdfTable *table;
  double total = 0;
  double x;

  g_return_val_if_fail (pdf != NULL, NULL);
  g_return_val_if_fail (n_columns > 0 && columns != NULL, NULL);

  close_table (pdf);
  table = g_new0 (KlPdfTable, 1);
  table->pdf = pdf;
  table->n_columns = n_columns;
  table->x = g_new0 (double, n_columns);
  table->width = g_new0 (double, n_columns);
  table->align = g_new0 (KlPdfAlign, n_columns);
  table->titles = g_new0 (PangoLayout *, n_columns);
  table->page = -1;
  table->caption_op = -1;
  table->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  for (guint i = 0; i < n_columns; i++)
    total += columns[i].width > 0 ? columns[i].width : 1;
  x = pdf->left;
  for (guint i = 0; i < n_columns; i++)
    {
      table->x[i] = x;
      table->width[i] = pdf->content_width * (columns[i].width > 0 ? columns[i].width : 1) / total;
      table->align[i] = columns[i].align;
      x += table->width[i];
    }
  table->title_texts = g_new0 (char *, n_columns + 1);
  for (guint i = 0; i < n_columns; i++)
    table->title_texts[i] = g_strdup (columns[i].title ? columns[i].title : "");
  kl_pdf_table_set_font_size (table, 9);
  space_before (pdf, 4);
  g_ptr_array_add (pdf->tables, table);
  pdf->open_table = table;
  return table;
}

void
kl_pdf_table_set_font_size (KlPdfTable *table,
                            double      points)
{
  g_return_if_fail (table != NULL);

  g_clear_pointer (&table->font, pango_font_description_free);
  g_clear_pointer (&table->bold, pango_font_description_free);
  table->font_size = points;
  table->font = make_font (points, FALSE);
  table->bold = make_font (points, TRUE);
  g_hash_table_remove_all (table->cache);
  table_make_titles (table);
}

void
kl_pdf_table_set_vertical_rules (KlPdfTable *table,
                                 gboolean    rules)
{
  g_return_if_fail (table != NULL);
  table->vertical_rules = rules;
}

void
kl_pdf_table_set_row_height (KlPdfTable *table,
                             double      points)
{
  g_return_if_fail (table != NULL);
  table->min_row_height = points;
}

void
kl_pdf_table_set_caption_func (KlPdfTable      *table,
                               KlPdfCaptionFunc func,
                               gpointer         user_data)
{
  g_return_if_fail (table != NULL);
  table->caption_func = func;
  table->caption_data = user_data;
}

void
kl_pdf_table_need (KlPdfTable *table,
                   double      height)
{
  KlPdf *pdf;

  g_return_if_fail (table != NULL);
  pdf = table->pdf;
  g_return_if_fail (pdf->open_table == table);

  current_page (pdf);
  /* Only a table already on this page moves on; a new one places its
   * header with its first row. */
  if (table->page != (gint) pdf->pages->len - 1 || pdf->y + height <= pdf->bottom
      || pdf->y <= pdf->top + table->header_height + caption_height (table) + 0.01)
    return;
  table_next_page (table);
}

guint
kl_pdf_table_n_rows (KlPdfTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->n_rows;
}

void
kl_pdf_table_row (KlPdfTable        *table,
                  const char *const *cells,
                  KlPdfRowStyle      style)
{
  KlPdf *pdf;
  g_autofree PangoLayout **layouts = NULL;
  double height = 0;

  g_return_if_fail (table != NULL);
  g_return_if_fail (cells != NULL);
  pdf = table->pdf;
  g_return_if_fail (pdf->open_table == table);

  layouts = g_new0 (PangoLayout *, table->n_columns);
  for (guint i = 0; i < table->n_columns; i++)
    {
      layouts[i] = table_cell_layout (table, i, cells[i], style);
      height = MAX (height, layout_height (layouts[i]));
    }
  height = MAX (height + 2 * CELL_PAD_Y, table->min_row_height);

  current_page (pdf);
  if (table->page != (gint) pdf->pages->len - 1)
    {
      /* The table starts here: its header goes with the first row. */
      ensure_room (pdf, caption_height (table) + table->header_height + height);
      table_place_header (table);
    }
  else if (pdf->y + height > pdf->bottom)
    {
      table_next_page (table);
    }

  if (style == KL_PDF_ROW_SHADED)
    add_rect (pdf, OP_FILL, pdf->left, pdf->y, pdf->content_width, height, 0.94);
  if (style == KL_PDF_ROW_BOLD)
    add_line (pdf, pdf->left, pdf->y, pdf->content_width, 0.3, 0.8);
  for (guint i = 0; i < table->n_columns; i++)
    add_text (pdf, layouts[i], table->x[i] + CELL_PAD_X, pdf->y + CELL_PAD_Y, 0.0);
  table_add_vertical_rules (table, height);
  pdf->y += height;
  add_line (pdf, pdf->left, pdf->y, pdf->content_width, RULE_GREY, 0.4);
  table->n_rows++;
}

GBytes *
kl_pdf_render (KlPdf   *pdf,
               guint   *n_pages,
               GError **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  g_autoptr(GDateTime) now = kl_export_now ();
  g_autofree char *creator = g_strdup_printf ("Kartleser %s", PACKAGE_VERSION);
  g_autofree char *created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *today_text = kl_export_format_date (today, pdf->lang);
  g_autofree char *printed = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (pdf != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  close_table (pdf);
  current_page (pdf);
  /* TRANSLATORS: the footer of a printed document; %s is a date */
  printed = g_strdup_printf (kl_export_gettext (pdf->lang, N_("Printed %s with Kartleser")), today_text);

  surface = cairo_pdf_surface_create_for_stream (write_stream_cb, buffer, pdf->page_width, pdf->page_height);
  if (pdf->meta_title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, pdf->meta_title);
  if (pdf->meta_author != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, pdf->meta_author);
  if (pdf->meta_subject != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, pdf->meta_subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, creator);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, created);

  cr = cairo_create (surface);
  for (guint p = 0; p < pdf->pages->len; p++)
    {
      GArray *page = g_ptr_array_index (pdf->pages, p);
      guint number, count;

      for (guint i = 0; i < page->len; i++)
        draw_op (cr, &g_array_index (page, Op, i));

      page_in_section (pdf, p, &number, &count);
      draw_running_parts (pdf, cr, number, count, printed);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, KL_ERROR, KL_ERROR_FAILED,
                   /* TRANSLATORS: %s is cairo's own description of the problem */
                   _("The PDF could not be drawn: %s"), cairo_status_to_string (status));
      return NULL;
    }

  if (n_pages != NULL)
    *n_pages = pdf->pages->len;
  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

gboolean
kl_pdf_save (KlPdf      *pdf,
             const char *path,
             guint      *n_pages,
             GError    **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (pdf != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  bytes = kl_pdf_render (pdf, n_pages, error);
  if (bytes == NULL)
    return FALSE;
  return kl_export_write_file (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error);
}

char *
kl_pdf_file_name (const char *first_part,
                  ...)
{
  va_list args;
  char *name;

  va_start (args, first_part);
  name = kl_export_file_name_va ("pdf", first_part, args);
  va_end (args);
  return name;
}
