/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-demo-private.h"
#include "gf-crypto.h"
#include "gf-document.h"

#include <cairo-pdf.h>
#include <cairo.h>

/* A few supporting documents for the staff to decide on: most pending, one accepted, one
 * refused, and one whose file was never stored ("Fichier absent" in the application).
 * The files are small but real, drawn with cairo: a PNG "scan" and a one-page PDF, stored
 * in the documents directory beside the database. Their bytes depend only on the demo's
 * date, so the rows (with their SHA-256) stay deterministic. */

typedef enum
{
  FILE_PDF,
  FILE_PNG,
  FILE_NONE,  /* the row without its file */
} FileKind;

static const struct
{
  guint        family_index;
  int          kid;          /* -1: a family document */
  const char  *type_label;
  const char  *file_name;
  FileKind     kind;
  const char  *state;
  const char  *reason;
  int          days_ago;
} demo_documents[] = {
  { 1, -1, "Justificatif de domicile", "facture-electricite.pdf", FILE_PDF, "pending", "", 2 },
  { 1, 0, "Carnet de vaccination", "vaccins.png", FILE_PNG, "pending", "", 1 },
  { 3, -1, "Attestation CAF (quotient familial)", "attestation-caf.pdf", FILE_PDF, "pending", "", 4 },
  { 5, -1, "Attestation d'assurance", "assurance-scolaire.png", FILE_PNG, "accepted", "", 20 },
  { 8, -1, "Justificatif de domicile", "quittance.png", FILE_PNG, "refused",
    "Le justificatif a plus de trois mois : merci d'en déposer un plus récent.", 15 },
  { 13, 0, "Certificat médical", "certificat.pdf", FILE_NONE, "pending", "", 3 },
};

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A sheet with a title and a few lines, as a scanned or printed document looks. */
static void
draw_sheet (cairo_t    *cr,
            double      width,
            double      height,
            const char *title,
            const char *who)
{
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.11, 0.31, 0.6);
  cairo_rectangle (cr, 0, 0, width, height * 0.08);
  cairo_fill (cr);

  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, width / 22);
  cairo_move_to (cr, width * 0.08, height * 0.16);
  cairo_show_text (cr, title);
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, width / 32);
  cairo_move_to (cr, width * 0.08, height * 0.22);
  cairo_show_text (cr, who);
  cairo_move_to (cr, width * 0.08, height * 0.27);
  cairo_show_text (cr, "Document de démonstration");

  cairo_set_source_rgb (cr, 0.75, 0.75, 0.75);
  for (int i = 0; i < 12; i++)
    {
      cairo_rectangle (cr, width * 0.08, height * (0.34 + i * 0.045),
                       width * (i % 3 == 2 ? 0.5 : 0.84), height * 0.012);
      cairo_fill (cr);
    }
}

static GBytes *
make_file (FileKind    kind,
           const char *title,
           const char *who,
           const char *date)
{
  GByteArray *bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;

  if (kind == FILE_PDF)
    {
      /* A5 in points: small file, one page. */
      surface = cairo_pdf_surface_create_for_stream (append_cb, bytes, 420, 595);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
      cr = cairo_create (surface);
      draw_sheet (cr, 420, 595, title, who);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
    }
  else
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 420, 595);
      cr = cairo_create (surface);
      draw_sheet (cr, 420, 595, title, who);
      cairo_destroy (cr);
      cairo_surface_write_to_png_stream (surface, append_cb, bytes);
    }
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (bytes);
}

void
_gf_demo_add_documents (GfDemo *self,
                        Family *family)
{
  g_autofree char *dir = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (demo_documents) && self->error == NULL; i++)
    {
      g_autoptr(GBytes) contents = NULL;
      g_autofree char *who = NULL;
      g_autofree char *sha256 = NULL;
      char uploaded[21], decided[21], valid_until[11], date[11];
      gboolean decided_ = !g_str_equal (demo_documents[i].state, "pending");
      guint32 day = self->today - demo_documents[i].days_ago;
      const Kid *kid = NULL;

      if (demo_documents[i].family_index != family->index)
        continue;
      if (demo_documents[i].kid >= 0)
        {
          if (demo_documents[i].kid >= family->n_kids)
            continue;
          kid = &family->kids[demo_documents[i].kid];
        }

      who = g_strdup_printf ("%s %s", kid != NULL ? kid->first_name : family->payer_first_name,
                             family->payer_last_name);
      _gf_demo_format_date (date, self->today);
      contents = make_file (demo_documents[i].kind == FILE_PNG ? FILE_PNG : FILE_PDF,
                            demo_documents[i].type_label, who, date);
      if (demo_documents[i].kind != FILE_NONE)
        {
          if (dir == NULL)
            dir = gf_document_dir (gf_db_get_path (self->db));
          if (!gf_document_store_file (dir, contents, &sha256, &self->error))
            return;
        }
      else
        {
          gsize length;
          gconstpointer data = g_bytes_get_data (contents, &length);

          sha256 = gf_sha256_hex (data, length);
        }

      _gf_demo_format_timestamp (uploaded, day, 9 * 3600 + 1800 * i);
      _gf_demo_format_timestamp (decided, day + 1, 10 * 3600);
      _gf_demo_format_date (valid_until, self->today + 365);
      _gf_demo_insert (self, STMT_DOCUMENT, "lrssslsssrsss", family->id,
                       kid != NULL ? kid->id : (gint64) 0, demo_documents[i].type_label,
                       demo_documents[i].file_name,
                       demo_documents[i].kind == FILE_PNG ? "image/png" : "application/pdf",
                       (gint64) g_bytes_get_size (contents), sha256, demo_documents[i].state,
                       demo_documents[i].reason, decided_ ? self->staff_id[0] : (gint64) 0,
                       decided_ ? decided : NULL,
                       g_str_equal (demo_documents[i].state, "accepted") ? valid_until : NULL,
                       uploaded);
    }
}
