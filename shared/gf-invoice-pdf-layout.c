/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-invoice-pdf-private.h"

#include <pango/pangocairo.h>
#include <string.h>

/* Where the words of gf-invoice-pdf.c go on the A4 pages. Text is always set with
 * pango_layout_set_text(): no value is ever parsed as markup, so nothing needs escaping.
 * The labels of this file are French on purpose, like the rest of the page. */

#define MM            (72.0 / 25.4)
#define PAGE_WIDTH    (210.0 * MM)
#define PAGE_HEIGHT   (297.0 * MM)
#define MARGIN        (18.0 * MM)
#define CONTENT_RIGHT (PAGE_WIDTH - MARGIN)
#define CONTENT_WIDTH (PAGE_WIDTH - 2 * MARGIN)
#define FOOTER_RULE   (PAGE_HEIGHT - MARGIN - 5.0 * MM)
#define BODY_BOTTOM   (FOOTER_RULE - 4.0 * MM)

/* The addressee sits where the window of a DL envelope (window on the right) shows it;
 * the title block takes the left of the same band. */
#define WINDOW_LEFT   (110.0 * MM)
#define WINDOW_TOP    (50.0 * MM)
#define WINDOW_WIDTH  (CONTENT_RIGHT - WINDOW_LEFT)
#define TITLE_WIDTH   (WINDOW_LEFT - MARGIN - 8.0 * MM)

#define CELL_PAD_X    (2.0 * MM)
#define CELL_PAD_Y    (1.6 * MM)
#define TOTALS_WIDTH  (88.0 * MM)
#define TOTALS_GAP    (6.0 * MM)
#define BAND_GREY     0.91

#define FONT_FAMILIES "DejaVu Sans,Sans"

typedef enum
{
  STYLE_BODY,
  STYLE_BODY_BOLD,
  STYLE_TABLE_HEAD,
  STYLE_SMALL,
  STYLE_LETTERHEAD,
  STYLE_TITLE,
  STYLE_SUBTITLE,
  STYLE_ADDRESS,
  STYLE_ADDRESS_NAME,
  STYLE_TOTAL,
  N_STYLES
} Style;

typedef struct
{
  const char *font;
  double      grey;   /* 0 is black */
  gboolean    accent; /* the dark blue of titles instead of grey */
} StyleSpec;

static const StyleSpec style_specs[N_STYLES] = {
  [STYLE_BODY] = { FONT_FAMILIES " 10", 0.10 },
  [STYLE_BODY_BOLD] = { FONT_FAMILIES " Bold 10", 0.10 },
  [STYLE_TABLE_HEAD] = { FONT_FAMILIES " Bold 9", 0.10 },
  [STYLE_SMALL] = { FONT_FAMILIES " 8.5", 0.38 },
  [STYLE_LETTERHEAD] = { FONT_FAMILIES " Bold 15", 0, TRUE },
  [STYLE_TITLE] = { FONT_FAMILIES " Bold 22", 0, TRUE },
  [STYLE_SUBTITLE] = { FONT_FAMILIES " Bold 12", 0.10 },
  [STYLE_ADDRESS] = { FONT_FAMILIES " 11", 0.0 },
  [STYLE_ADDRESS_NAME] = { FONT_FAMILIES " Bold 11", 0.0 },
  [STYLE_TOTAL] = { FONT_FAMILIES " Bold 12", 0.0 },
};

typedef struct
{
  const char     *title;
  double          width_mm;
  PangoAlignment  align;
} Column;

/* 174 mm: the width between the margins. */
static const Column columns[] = {
  { "Enfant", 26, PANGO_ALIGN_LEFT },
  { "Prestation", 74, PANGO_ALIGN_LEFT },
  { "Quantité", 20, PANGO_ALIGN_RIGHT },
  { "Prix unitaire", 27, PANGO_ALIGN_RIGHT },
  { "Montant", 27, PANGO_ALIGN_RIGHT },
};
#define N_COLUMNS G_N_ELEMENTS (columns)

typedef struct
{
  const GfInvoicePdfContent *content;
  cairo_t                   *cr;
  PangoContext              *pango;
  PangoFontDescription      *fonts[N_STYLES];
  /* The first pass lays out and counts the pages without drawing, so that the second
   * can print "Page n / N"; a block is also measured this way before it is placed. */
  gboolean                   measuring;
  int                        n_pages;
  int                        page;
  double                     y;       /* the top of the free space on the page */
} Renderer;

/*
 * Auxiliary methods
 */

/* @bold_bytes: how many bytes at the start of @text are in bold (a "Label : " prefix). */
static PangoLayout *
make_layout (Renderer       *r,
             Style           style,
             const char     *text,
             double          width,
             PangoAlignment  align,
             int             bold_bytes)
{
  PangoLayout *layout = pango_layout_new (r->pango);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

  pango_layout_set_font_description (layout, r->fonts[style]);
  pango_layout_set_width (layout, pango_units_from_double (width));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  /* A name or a label cut to fit a column must not gain a hyphen it does not have. */
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  if (bold_bytes > 0)
    {
      PangoAttribute *bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);

      bold->end_index = (guint) bold_bytes;
      pango_attr_list_insert (attrs, bold);
    }
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return pango_units_to_double (height);
}

static void
show_layout (Renderer    *r,
             PangoLayout *layout,
             Style        style,
             double       x,
             double       y)
{
  const StyleSpec *spec = &style_specs[style];

  if (r->measuring)
    return;
  if (spec->accent)
    cairo_set_source_rgb (r->cr, 0.11, 0.23, 0.37);
  else
    cairo_set_source_rgb (r->cr, spec->grey, spec->grey, spec->grey);
  cairo_move_to (r->cr, x, y);
  pango_cairo_show_layout (r->cr, layout);
}

/* Returns the height of the text drawn. */
static double
draw_text_full (Renderer       *r,
                Style           style,
                double          x,
                double          y,
                double          width,
                PangoAlignment  align,
                int             bold_bytes,
                const char     *text)
{
  g_autoptr(PangoLayout) layout = make_layout (r, style, text, width, align, bold_bytes);

  show_layout (r, layout, style, x, y);
  return layout_height (layout);
}

static double
draw_text (Renderer   *r,
           Style       style,
           double      x,
           double      y,
           double      width,
           const char *text)
{
  return draw_text_full (r, style, x, y, width, PANGO_ALIGN_LEFT, 0, text);
}

/* "Label : value" with the label in bold. */
static double
draw_labelled (Renderer   *r,
               double      x,
               double      y,
               double      width,
               const char *label,
               const char *value)
{
  g_autofree char *text = g_strdup_printf ("%s : %s", label, value);

  return draw_text_full (r, STYLE_BODY, x, y, width, PANGO_ALIGN_LEFT,
                         (int) strlen (label) + 2, text);
}

static void
fill_rect (Renderer *r,
           double    x,
           double    y,
           double    width,
           double    height,
           gboolean  accent)
{
  if (r->measuring)
    return;
  if (accent)
    cairo_set_source_rgb (r->cr, 0.11, 0.23, 0.37);
  else
    cairo_set_source_rgb (r->cr, BAND_GREY, BAND_GREY, BAND_GREY);
  cairo_rectangle (r->cr, x, y, width, height);
  cairo_fill (r->cr);
}

static void
draw_rule (Renderer *r,
           double    y,
           double    grey,
           double    line_width)
{
  if (r->measuring)
    return;
  cairo_set_source_rgb (r->cr, grey, grey, grey);
  cairo_set_line_width (r->cr, line_width);
  cairo_move_to (r->cr, MARGIN, y);
  cairo_line_to (r->cr, CONTENT_RIGHT, y);
  cairo_stroke (r->cr);
}

/*
 * Page furniture
 */

static void
draw_letterhead (Renderer *r)
{
  const GfInvoicePdfContent *content = r->content;
  double width = CONTENT_WIDTH * 0.7;
  double y = MARGIN;

  y += draw_text (r, STYLE_LETTERHEAD, MARGIN, y, width, content->collectivite_name);
  y += 0.8 * MM;
  y += draw_text (r, STYLE_BODY, MARGIN, y, width, content->service_name) + 0.8 * MM;
  if (content->address[0] != '\0')
    y += draw_text (r, STYLE_SMALL, MARGIN, y, width, content->address);
  if (content->contact[0] != '\0')
    draw_text (r, STYLE_SMALL, MARGIN, y, width, content->contact);
}

static double
draw_title_block (Renderer *r)
{
  const GfInvoicePdfContent *content = r->content;
  double y = WINDOW_TOP;

  y += draw_text (r, STYLE_TITLE, MARGIN, y, TITLE_WIDTH, content->heading);
  y += draw_text (r, STYLE_SUBTITLE, MARGIN, y, TITLE_WIDTH, content->number) + 2.0 * MM;
  if (content->credit_for != NULL)
    y += draw_text (r, STYLE_BODY, MARGIN, y, TITLE_WIDTH, content->credit_for);
  y += draw_labelled (r, MARGIN, y, TITLE_WIDTH, "Date d'émission", content->issue_date);
  if (content->due_date != NULL)
    y += draw_labelled (r, MARGIN, y, TITLE_WIDTH, "Date d'échéance", content->due_date);
  return y;
}

static double
draw_addressee (Renderer *r)
{
  const GfInvoicePdfContent *content = r->content;
  double y = WINDOW_TOP;

  y += draw_text (r, STYLE_ADDRESS_NAME, WINDOW_LEFT, y, WINDOW_WIDTH, content->addressee_name);
  for (guint i = 0; i < content->addressee_lines->len; i++)
    y += draw_text (r, STYLE_ADDRESS, WINDOW_LEFT, y, WINDOW_WIDTH,
                    g_ptr_array_index (content->addressee_lines, i));
  y += 2.5 * MM;
  y += draw_text (r, STYLE_SMALL, WINDOW_LEFT, y, WINDOW_WIDTH, content->dossier);
  return y;
}

static void
draw_first_page_head (Renderer *r)
{
  double y;

  draw_letterhead (r);
  y = MAX (draw_title_block (r), draw_addressee (r)) + 9.0 * MM;
  y += draw_labelled (r, MARGIN, y, CONTENT_WIDTH, "Objet", r->content->object);
  r->y = y + 5.0 * MM;
}

static void
draw_continuation_head (Renderer *r)
{
  g_autofree char *title = g_strdup_printf ("%s (suite)", r->content->title);
  double y = MARGIN;

  y += draw_text (r, STYLE_SMALL, MARGIN, y, CONTENT_WIDTH, r->content->collectivite_name);
  y += draw_text (r, STYLE_SUBTITLE, MARGIN, y, CONTENT_WIDTH, title) + 2.0 * MM;
  draw_rule (r, y, 0.75, 0.6);
  r->y = y + 5.0 * MM;
}

static void
draw_footer (Renderer *r)
{
  g_autofree char *left = g_strdup_printf ("%s  ·  %s", r->content->collectivite_name,
                                           r->content->title);
  g_autofree char *page = g_strdup_printf ("Page %d / %d", r->page, MAX (r->n_pages, r->page));
  double y = FOOTER_RULE + 1.5 * MM;

  draw_rule (r, FOOTER_RULE, 0.75, 0.6);
  draw_text (r, STYLE_SMALL, MARGIN, y, CONTENT_WIDTH - 30.0 * MM, left);
  draw_text_full (r, STYLE_SMALL, CONTENT_RIGHT - 30.0 * MM, y, 30.0 * MM, PANGO_ALIGN_RIGHT, 0,
                  page);
}

static void
begin_page (Renderer *r)
{
  r->page++;
  if (r->page == 1)
    draw_first_page_head (r);
  else
    draw_continuation_head (r);
}

static void
end_page (Renderer *r)
{
  draw_footer (r);
  if (!r->measuring)
    cairo_show_page (r->cr);
}

/*
 * The table of lines
 */

/* Draws one row of cells, on a grey band if @band, and returns its height. */
static double
draw_row (Renderer          *r,
          Style              style,
          const char *const *cells,
          gboolean           band)
{
  PangoLayout *layouts[N_COLUMNS];
  double height = 0;
  double x = MARGIN;

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      layouts[c] = make_layout (r, style, cells[c], columns[c].width_mm * MM - 2 * CELL_PAD_X,
                                columns[c].align, 0);
      height = MAX (height, layout_height (layouts[c]));
    }
  height += 2 * CELL_PAD_Y;

  if (band)
    fill_rect (r, MARGIN, r->y, CONTENT_WIDTH, height, FALSE);
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      show_layout (r, layouts[c], style, x + CELL_PAD_X, r->y + CELL_PAD_Y);
      x += columns[c].width_mm * MM;
      g_object_unref (layouts[c]);
    }
  return height;
}

static void
draw_table_head (Renderer *r)
{
  const char *titles[N_COLUMNS];

  for (guint c = 0; c < N_COLUMNS; c++)
    titles[c] = columns[c].title;
  r->y += draw_row (r, STYLE_TABLE_HEAD, titles, TRUE);
}

/* Moves to a new page unless @height still fits above the footer. */
static void
ensure_room (Renderer *r,
             double    height,
             gboolean  table_head)
{
  if (r->y + height <= BODY_BOTTOM)
    return;
  end_page (r);
  begin_page (r);
  if (table_head)
    draw_table_head (r);
}

static void
draw_line (Renderer               *r,
           const GfInvoicePdfLine *line)
{
  const char *cells[N_COLUMNS] = { line->child, line->label, line->quantity, line->unit_price,
                                   line->amount };
  gboolean measuring = r->measuring;
  double height;

  /* Measured first, so that no row is ever cut by a page break. */
  r->measuring = TRUE;
  height = draw_row (r, STYLE_BODY, cells, FALSE);
  r->measuring = measuring;
  ensure_room (r, height, TRUE);

  r->y += draw_row (r, STYLE_BODY, cells, FALSE);
  draw_rule (r, r->y, 0.85, 0.4);
}

/*
 * Totals and how to pay
 */

/* The last total (what is left to pay) stands out: bold, larger, on a grey band. */
static double
draw_totals (Renderer *r,
             double    y)
{
  const GPtrArray *totals = r->content->totals;
  double x = CONTENT_RIGHT - TOTALS_WIDTH;
  double half = TOTALS_WIDTH / 2;

  for (guint i = 0; i < totals->len; i++)
    {
      const GfInvoicePdfTotal *total = g_ptr_array_index (totals, i);
      gboolean last = i + 1 == totals->len;
      Style style = last ? STYLE_TOTAL : STYLE_BODY;
      g_autoptr(PangoLayout) label = make_layout (r, style, total->label, half - CELL_PAD_X,
                                                  PANGO_ALIGN_LEFT, 0);
      g_autoptr(PangoLayout) amount = make_layout (r, style, total->amount, half - CELL_PAD_X,
                                                   PANGO_ALIGN_RIGHT, 0);
      double height = MAX (layout_height (label), layout_height (amount));
      double pad = last ? CELL_PAD_Y : 0;

      if (last)
        fill_rect (r, x, y, TOTALS_WIDTH, height + 2 * pad, FALSE);
      show_layout (r, label, style, x + CELL_PAD_X, y + pad);
      show_layout (r, amount, style, x + half, y + pad);
      y += height + (last ? 2 * pad : 1.2 * MM);
    }
  return y;
}

/* A block with an accent bar on its left, then whom to ask. Returns its height. */
static double
draw_payment (Renderer *r)
{
  const GfInvoicePdfContent *content = r->content;
  double inner = CONTENT_WIDTH - 8.0 * MM;
  double x = MARGIN + 4.0 * MM;
  double y = r->y + 3.0 * MM;

  y += draw_text (r, STYLE_BODY_BOLD, x, y, inner, content->payment_heading) + 1.0 * MM;
  for (guint i = 0; i < content->payment->len; i++)
    y += draw_text (r, STYLE_BODY, x, y, inner, g_ptr_array_index (content->payment, i))
         + 1.0 * MM;
  y += 2.0 * MM;
  fill_rect (r, MARGIN, r->y, 1.2 * MM, y - r->y, TRUE);

  y += 2.0 * MM;
  y += draw_text (r, STYLE_SMALL, MARGIN, y, CONTENT_WIDTH, content->question);
  return y - r->y;
}

static void
draw_document (Renderer *r)
{
  gboolean measuring = r->measuring;
  double start;
  double height;

  r->page = 0;
  begin_page (r);
  draw_table_head (r);
  for (guint i = 0; i < r->content->lines->len; i++)
    draw_line (r, g_ptr_array_index (r->content->lines, i));

  /* The totals and how to pay stay together, so that whoever reads what is due reads
   * how to pay it on the same page: measured first, then drawn where they fit. */
  r->y += 4.0 * MM;
  r->measuring = TRUE;
  start = r->y;
  r->y = draw_totals (r, r->y) + TOTALS_GAP;
  height = r->y + draw_payment (r) - start;
  r->y = start;
  r->measuring = measuring;
  ensure_room (r, height, FALSE);

  r->y = draw_totals (r, r->y) + TOTALS_GAP;
  r->y += draw_payment (r);
  end_page (r);
}

/*
 * Internal API
 */

int
_gf_invoice_pdf_draw (cairo_surface_t           *surface,
                      const GfInvoicePdfContent *content)
{
  Renderer r = { .content = content };

  r.cr = cairo_create (surface);
  /* One Pango context for both passes, so that both measure the text alike. */
  r.pango = pango_cairo_create_context (r.cr);
  /* The PDF surface counts in points: at 72 "dpi" a 10 pt font is 10 units high (Pango
   * assumes 96 otherwise, a third larger than asked). */
  pango_cairo_context_set_resolution (r.pango, 72.0);
  for (guint s = 0; s < N_STYLES; s++)
    r.fonts[s] = pango_font_description_from_string (style_specs[s].font);

  r.measuring = TRUE;
  draw_document (&r);
  r.n_pages = r.page;
  r.measuring = FALSE;
  draw_document (&r);
  g_assert (r.page == r.n_pages);

  for (guint s = 0; s < N_STYLES; s++)
    pango_font_description_free (r.fonts[s]);
  g_object_unref (r.pango);
  cairo_destroy (r.cr);
  return r.n_pages;
}
