/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-document-text.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "gf-date.h"

/* Its name, format and size: "avis.pdf (PDF, 1,2 Mo)". Only PDF, PNG and JPEG are
 * accepted on upload. */
char *
gf_document_describe_file (const GfDocument *document)
{
  g_autofree char *size = NULL;
  const char *format;

  g_return_val_if_fail (document != NULL, NULL);

  size = g_format_size (document->size_bytes);
  format = g_str_equal (document->media_type, "application/pdf") ? "PDF"
           : g_str_equal (document->media_type, "image/png") ? "PNG" : "JPEG";
  return g_strdup_printf ("%s (%s, %s)", document->file_name, format, size);
}

/* Waiting, or who decided what and when. */
char *
gf_document_describe_state (const GfDocument *document)
{
  g_autofree char *when = NULL;
  const char *who;

  g_return_val_if_fail (document != NULL, NULL);

  when = gf_timestamp_format_fr (document->decided_at);
  who = document->decided_by != NULL ? document->decided_by : "";
  if (g_str_equal (document->state, "accepted"))
    {
      g_autofree char *until = document->valid_until != NULL
                               ? gf_date_format_iso_fr (document->valid_until, NULL) : NULL;

      if (until != NULL)
        return g_strdup_printf (_("Accepted on %s by %s, valid until %s"), when, who, until);
      return g_strdup_printf (_("Accepted on %s by %s"), when, who);
    }
  if (g_str_equal (document->state, "refused"))
    return g_strdup_printf (_("Refused on %s by %s: %s"), when, who, document->reason);
  return g_strdup (_("Waiting for a decision"));
}

/* Under a PDF's preview, which shows only its first page. */
char *
gf_document_describe_pages (int n_pages)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "First page of %d",
                                       "First page of %d", n_pages),
                          n_pages);
}

/* Shown in place of the file when gf_document_preview_load_finish() failed: the
 * document can still be refused, asking the family again. */
void
gf_document_explain_preview_error (const GError  *error,
                                   const char   **out_title,
                                   const char   **out_description)
{
  g_return_if_fail (error != NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      *out_title = _("File Missing");
      *out_description = _("The file was not found in the documents folder. You can still "
                           "refuse the document and ask the family to upload it again.");
    }
  else
    {
      *out_title = _("File Unreadable");
      *out_description = _("This file cannot be shown. Refuse the document and ask the "
                           "family for a readable copy.");
    }
}
