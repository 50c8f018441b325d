/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-pdf-view.h"

#include <glib/gi18n.h>
#include <math.h>

/* A PDF shown one page at a time with poppler: page navigation, zoom, fit to width,
 * printing. Points are 1/72 inch; at zoom 1 a point is one logical pixel scaled to 96 dpi
 * so "100 %" is the paper's real size on a usual screen. */

#define POINT_TO_PIXEL (96.0 / 72.0)
#define ZOOM_MIN       0.25
#define ZOOM_MAX       4.0
#define ZOOM_STEP      1.25

/* Debian 12's poppler-glib declares no autoptr cleanups of its own. */
typedef PopplerPage     GfPopplerPage;
typedef PopplerDocument GfPopplerDocument;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfPopplerPage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfPopplerDocument, g_object_unref)

struct _GfPdfView
{
  GtkWidget        parent_instance;

  /* Template Widgets */
  GtkWidget       *box;
  GtkButton       *previous_button;
  GtkButton       *next_button;
  GtkButton       *zoom_out_button;
  GtkButton       *zoom_in_button;
  GtkLabel        *page_label;
  GtkLabel        *zoom_label;
  GtkScrolledWindow *scrolled;
  GtkDrawingArea  *area;

  /* Owned References */
  PopplerDocument *document;
  GBytes          *bytes;

  int              page;
  double           zoom;
  gboolean         fit_width;  /* follows the width of the view until zoomed by hand */
  guint            fit_idle;
};

G_DEFINE_FINAL_TYPE (GfPdfView, gf_pdf_view, GTK_TYPE_WIDGET)

/*
 * Auxiliary methods
 */

static void
update (GfPdfView *self)
{
  int n_pages = self->document ? poppler_document_get_n_pages (self->document) : 0;
  g_autofree char *page_text = NULL;
  g_autofree char *zoom_text = NULL;

  if (n_pages > 0)
    {
      g_autoptr(GfPopplerPage) page = poppler_document_get_page (self->document, self->page);
      double width = 0, height = 0;

      poppler_page_get_size (page, &width, &height);
      gtk_drawing_area_set_content_width (self->area, (int) (width * self->zoom * POINT_TO_PIXEL));
      gtk_drawing_area_set_content_height (self->area, (int) (height * self->zoom * POINT_TO_PIXEL));
      /* TRANSLATORS: the PDF viewer's page counter, "Page 1 / 2" */
      page_text = g_strdup_printf (_("Page %d / %d"), self->page + 1, n_pages);
    }
  else
    {
      gtk_drawing_area_set_content_width (self->area, 0);
      gtk_drawing_area_set_content_height (self->area, 0);
      page_text = g_strdup ("");
    }
  zoom_text = g_strdup_printf ("%d %%", (int) (self->zoom * 100 + 0.5));
  gtk_label_set_text (self->page_label, page_text);
  gtk_label_set_text (self->zoom_label, zoom_text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->previous_button), self->page > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), self->page + 1 < n_pages);
  gtk_widget_set_sensitive (GTK_WIDGET (self->zoom_out_button), n_pages > 0 && self->zoom > ZOOM_MIN);
  gtk_widget_set_sensitive (GTK_WIDGET (self->zoom_in_button), n_pages > 0 && self->zoom < ZOOM_MAX);
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

static void
draw_page (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  GfPdfView *self = user_data;
  g_autoptr(GfPopplerPage) page = NULL;

  if (self->document == NULL || poppler_document_get_n_pages (self->document) == 0)
    return;
  page = poppler_document_get_page (self->document, self->page);

  /* Paper is white whatever the theme. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, self->zoom * POINT_TO_PIXEL, self->zoom * POINT_TO_PIXEL);
  poppler_page_render (page, cr);
}

static void
set_zoom (GfPdfView *self,
          double     zoom)
{
  self->zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  update (self);
}

static void
fit_width (GfPdfView *self)
{
  g_autoptr(GfPopplerPage) page = NULL;
  double width = 0, height = 0, zoom;
  /* The drawing area's margins, and room for a scrollbar. */
  int available = gtk_widget_get_width (GTK_WIDGET (self->scrolled)) - 24 - 16;

  if (self->document == NULL || poppler_document_get_n_pages (self->document) == 0)
    return;
  page = poppler_document_get_page (self->document, self->page);
  poppler_page_get_size (page, &width, &height);
  if (available <= 0 || width <= 0)
    return;
  zoom = CLAMP (available / (width * POINT_TO_PIXEL), ZOOM_MIN, ZOOM_MAX);
  /* Resizing the page resizes the adjustment that called us: stop once it fits. */
  if (fabs (zoom - self->zoom) > 0.001)
    set_zoom (self, zoom);
}

/*
 * Callbacks
 */

static void
previous_clicked_cb (GfPdfView *self)
{
  if (self->page > 0)
    self->page--;
  update (self);
}

static void
next_clicked_cb (GfPdfView *self)
{
  if (self->document != NULL && self->page + 1 < poppler_document_get_n_pages (self->document))
    self->page++;
  update (self);
}

static void
zoom_in_clicked_cb (GfPdfView *self)
{
  self->fit_width = FALSE;
  set_zoom (self, self->zoom * ZOOM_STEP);
}

static void
zoom_out_clicked_cb (GfPdfView *self)
{
  self->fit_width = FALSE;
  set_zoom (self, self->zoom / ZOOM_STEP);
}

static void
fit_width_clicked_cb (GfPdfView *self)
{
  self->fit_width = TRUE;
  fit_width (self);
}

static gboolean
fit_idle_cb (gpointer user_data)
{
  GfPdfView *self = user_data;

  self->fit_idle = 0;
  fit_width (self);
  return G_SOURCE_REMOVE;
}

/* Called while the view is being allocated: resizing the page must wait until then. */
static void
width_changed_cb (GfPdfView *self)
{
  if (self->fit_width && self->fit_idle == 0)
    self->fit_idle = g_idle_add (fit_idle_cb, self);
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                gpointer           user_data)
{
  GfPdfView *self = user_data;

  gtk_print_operation_set_n_pages (operation, poppler_document_get_n_pages (self->document));
}

/* Each page scaled to the printable width, keeping its proportions. */
static void
draw_print_page_cb (GtkPrintOperation *operation,
                    GtkPrintContext   *context,
                    int                page_nr,
                    gpointer           user_data)
{
  GfPdfView *self = user_data;
  g_autoptr(GfPopplerPage) page = poppler_document_get_page (self->document, page_nr);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = 0, height = 0, scale;

  poppler_page_get_size (page, &width, &height);
  scale = MIN (gtk_print_context_get_width (context) / width,
               gtk_print_context_get_height (context) / height);
  cairo_scale (cr, scale, scale);
  poppler_page_render_for_printing (page, cr);
}

/*
 * GObject overrides
 */

static void
gf_pdf_view_dispose (GObject *object)
{
  GfPdfView *self = GF_PDF_VIEW (object);

  g_clear_handle_id (&self->fit_idle, g_source_remove);
  g_clear_object (&self->document);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), GF_TYPE_PDF_VIEW);

  G_OBJECT_CLASS (gf_pdf_view_parent_class)->dispose (object);
}

static void
gf_pdf_view_class_init (GfPdfViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_pdf_view_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/guichetfamilles/Guichet/gf-pdf-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GfPdfView, box);
  gtk_widget_class_bind_template_child (widget_class, GfPdfView, previous_button);
  gtk_widget_class_bind_template_child (widget_class, GfPdfView, next_button);
  gtk_widget_class_bind_template_child (widget_class, GfPdfView, zoom_out_button);
  gtk_widget_class_bind_template_child (widget_class, GfPdfView, zoom_in_button);
  gtk_widget_class_bind_template_child (widget_class, GfPdfView, page_label);
  gtk_widget_class_bind_template_child (widget_class, GfPdfView, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, GfPdfView, scrolled);
  gtk_widget_class_bind_template_child (widget_class, GfPdfView, area);
  gtk_widget_class_bind_template_callback (widget_class, previous_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, zoom_in_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, zoom_out_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, fit_width_clicked_cb);
}

static void
gf_pdf_view_init (GfPdfView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->zoom = 1.0;
  gtk_drawing_area_set_draw_func (self->area, draw_page, self, NULL);
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->scrolled), "notify::page-size",
                           G_CALLBACK (width_changed_cb), self, G_CONNECT_SWAPPED);
  update (self);
}

/*
 * Public API
 */

GtkWidget *
gf_pdf_view_new (void)
{
  return g_object_new (GF_TYPE_PDF_VIEW, NULL);
}

/* Shows @bytes (a PDF) from its first page; the zoom is kept. */
gboolean
gf_pdf_view_set_bytes (GfPdfView  *self,
                       GBytes     *bytes,
                       GError    **error)
{
  g_autoptr(GfPopplerDocument) document = NULL;

  g_return_val_if_fail (GF_IS_PDF_VIEW (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  document = poppler_document_new_from_bytes (bytes, NULL, error);
  if (document == NULL)
    return FALSE;

  g_set_object (&self->document, document);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  self->bytes = g_bytes_ref (bytes);
  self->page = 0;
  update (self);
  return TRUE;
}

void
gf_pdf_view_clear (GfPdfView *self)
{
  g_return_if_fail (GF_IS_PDF_VIEW (self));

  g_clear_object (&self->document);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  self->page = 0;
  update (self);
}

PopplerDocument *
gf_pdf_view_get_document (GfPdfView *self)
{
  g_return_val_if_fail (GF_IS_PDF_VIEW (self), NULL);

  return self->document;
}

double
gf_pdf_view_get_zoom (GfPdfView *self)
{
  g_return_val_if_fail (GF_IS_PDF_VIEW (self), 1.0);

  return self->zoom;
}

/* Prints every page with the system's print dialog. */
void
gf_pdf_view_print (GfPdfView  *self,
                   GtkWindow  *parent,
                   const char *job_name)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  const char *test_dir = g_getenv ("GUICHET_TEST_SAVE_DIR");
  GtkPrintOperationAction action = GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG;

  g_return_if_fail (GF_IS_PDF_VIEW (self));

  if (self->document == NULL)
    return;
  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, job_name);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect_object (operation, "begin-print", G_CALLBACK (begin_print_cb), self, 0);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (draw_print_page_cb), self, 0);
  /* The tests print to a PDF file where they look, through the same pages (no dialog). */
  if (test_dir != NULL)
    {
      g_autofree char *name = g_strconcat (job_name, " (impression).pdf", NULL);
      g_autofree char *path = g_build_filename (test_dir, name, NULL);

      gtk_print_operation_set_export_filename (operation, path);
      action = GTK_PRINT_OPERATION_ACTION_EXPORT;
    }
  if (gtk_print_operation_run (operation, action, parent, &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    g_warning ("Cannot print: %s", error->message);
}
