/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-document-preview.h"

#include <poppler.h>

/* Decoding runs in a worker thread: a large scan, or a PDF page to render, would
 * otherwise freeze the window. Textures are immutable: made in the thread, shown on
 * the main one. */

/* A PDF page is rendered this many pixels wide, enough for the widest layout. */
#define PREVIEW_WIDTH 900.0

/* poppler-glib 22.12 declares no cleanup functions of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

typedef struct
{
  char       *db_path;
  GfDocument *document;
} PreviewData;

typedef struct
{
  GdkTexture *texture;
  int         n_pages;
} PreviewResult;

static void
preview_data_free (PreviewData *data)
{
  g_free (data->db_path);
  gf_document_free (data->document);
  g_free (data);
}

static void
preview_result_free (PreviewResult *result)
{
  g_clear_object (&result->texture);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PreviewResult, preview_result_free)

static GdkTexture *
render_pdf (GBytes  *bytes,
            int     *out_n_pages,
            GError **error)
{
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autoptr(PopplerPage) page = NULL;
  g_autoptr(GBytes) pixels = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height, scale;
  int w, h, stride;

  pdf = poppler_document_new_from_bytes (bytes, NULL, error);
  if (pdf == NULL)
    return NULL;
  *out_n_pages = poppler_document_get_n_pages (pdf);
  if (*out_n_pages < 1)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "no page");
      return NULL;
    }
  page = poppler_document_get_page (pdf, 0);
  poppler_page_get_size (page, &width, &height);
  scale = PREVIEW_WIDTH / MAX (width, 1.0);
  w = MAX (1, (int) (width * scale));
  h = MAX (1, (int) (height * scale));

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cr = cairo_create (surface);
  /* A PDF page is paper: white under the drawing, in dark mode too. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  stride = cairo_image_surface_get_stride (surface);
  pixels = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * h);
  cairo_surface_destroy (surface);
  return gdk_memory_texture_new (w, h, GDK_MEMORY_DEFAULT, pixels, stride);
}

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PreviewData *data = task_data;
  g_autoptr(PreviewResult) result = g_new0 (PreviewResult, 1);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = gf_document_load_file (data->db_path, data->document, &error);
  if (bytes != NULL && g_str_equal (data->document->media_type, "application/pdf"))
    result->texture = render_pdf (bytes, &result->n_pages, &error);
  else if (bytes != NULL)
    result->texture = gdk_texture_new_from_bytes (bytes, &error);

  if (result->texture == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify) preview_result_free);
}

/**
 * gf_document_preview_load_async:
 *
 * Reads the file of @document (stored beside the database at @db_path) and decodes
 * it in a worker thread. @document is copied.
 */
void
gf_document_preview_load_async (const char          *db_path,
                                const GfDocument    *document,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PreviewData *data;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (document != NULL);

  data = g_new0 (PreviewData, 1);
  data->db_path = g_strdup (db_path);
  data->document = gf_document_copy (document);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gf_document_preview_load_async);
  g_task_set_task_data (task, data, (GDestroyNotify) preview_data_free);
  g_task_run_in_thread (task, preview_thread);
}

/**
 * gf_document_preview_load_finish:
 * @out_n_pages: (out) (optional): the PDF's number of pages, 0 for an image
 *
 * The decoded file, or %NULL: a missing file is %G_IO_ERROR_NOT_FOUND, a cancelled
 * load %G_IO_ERROR_CANCELLED, anything else means the file cannot be shown.
 */
GdkTexture *
gf_document_preview_load_finish (GAsyncResult  *result,
                                 int           *out_n_pages,
                                 GError       **error)
{
  g_autoptr(PreviewResult) preview = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gf_document_preview_load_async,
                        NULL);

  if (out_n_pages != NULL)
    *out_n_pages = 0;
  preview = g_task_propagate_pointer (G_TASK (result), error);
  if (preview == NULL)
    return NULL;
  if (out_n_pages != NULL)
    *out_n_pages = preview->n_pages;
  return g_steal_pointer (&preview->texture);
}
