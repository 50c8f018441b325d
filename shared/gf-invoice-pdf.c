/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-invoice-pdf.h"
#include "gf-invoice-pdf-private.h"
#include "gf-date.h"
#include "gf-family.h"
#include "gf-guardian.h"
#include "gf-i18n.h"
#include "gf-invoice-query.h"
#include "gf-money.h"
#include "gf-settings.h"

#include <cairo-pdf.h>

/* This file reads an invoice and words it. Everything printed is French on purpose,
 * whatever the locale (a letter from a French town hall), so the words of the page do
 * not go through gettext; only the errors a program reports do. */

/* A4 in PostScript points, the unit of cairo's PDF surface. */
#define A4_WIDTH_PT  (210.0 * 72.0 / 25.4)
#define A4_HEIGHT_PT (297.0 * 72.0 / 25.4)

typedef struct
{
  char   *db_path;
  gint64  invoice_id;
} RenderJob;

/*
 * Auxiliary methods
 */

static void
line_free (GfInvoicePdfLine *line)
{
  g_free (line->child);
  g_free (line->label);
  g_free (line->quantity);
  g_free (line->unit_price);
  g_free (line->amount);
  g_free (line);
}

static void
total_free (GfInvoicePdfTotal *total)
{
  g_free (total->label);
  g_free (total->amount);
  g_free (total);
}

static void
render_job_free (RenderJob *job)
{
  g_free (job->db_path);
  g_free (job);
}

static void
add_total (GfInvoicePdfContent *content,
           const char          *label,
           gint64               cents)
{
  GfInvoicePdfTotal *total = g_new0 (GfInvoicePdfTotal, 1);

  total->label = g_strdup (label);
  total->amount = gf_money_format (cents);
  g_ptr_array_add (content->totals, total);
}

/* "12", "12,5" or "12,25": hundredths of a unit, the French way. */
static char *
format_quantity (gint64 quantity_centi)
{
  guint64 magnitude = quantity_centi < 0 ? (guint64) (-(quantity_centi + 1)) + 1
                                         : (guint64) quantity_centi;
  const char *sign = quantity_centi < 0 ? "-" : "";
  guint64 whole = magnitude / 100;
  guint fraction = (guint) (magnitude % 100);

  if (fraction == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, sign, whole);
  if (fraction % 10 == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT ",%u", sign, whole, fraction / 10);
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ",%02u", sign, whole, fraction);
}

/* The day of a UTC time stamp in metropolitan France: "19/08/2024 à 14:05" cut to
 * its date. */
static char *
format_timestamp_day (const char *iso_ts)
{
  g_autofree char *when = gf_timestamp_format_fr (iso_ts);

  if (when != NULL && strlen (when) >= 10)
    return g_strndup (when, 10);
  return g_strdup (iso_ts != NULL ? iso_ts : "");
}

static void
describe_collectivite (GfDb                *db,
                       GfInvoicePdfContent *content)
{
  g_autofree char *phone = gf_settings_get (db, GF_SETTING_PHONE);
  g_autofree char *email = gf_settings_get (db, GF_SETTING_CONTACT_EMAIL);
  g_autofree char *hours = gf_settings_get (db, GF_SETTING_OPENING_HOURS);
  g_autoptr(GString) contact = g_string_new (NULL);
  g_autoptr(GString) question = g_string_new ("Une question ? ");

  content->collectivite_name = gf_settings_get (db, GF_SETTING_COLLECTIVITE_NAME);
  content->service_name = gf_settings_get (db, GF_SETTING_SERVICE_NAME);
  content->address = gf_settings_get (db, GF_SETTING_ADDRESS);

  if (phone[0] != '\0')
    g_string_append_printf (contact, "Tél. %s", phone);
  if (email[0] != '\0')
    g_string_append_printf (contact, "%s%s", contact->len > 0 ? "  ·  " : "", email);
  content->contact = g_string_free (g_steal_pointer (&contact), FALSE);

  g_string_append (question, content->service_name);
  if (phone[0] != '\0')
    g_string_append_printf (question, ", %s", phone);
  if (email[0] != '\0')
    g_string_append_printf (question, ", %s", email);
  if (hours[0] != '\0')
    g_string_append_printf (question, " (%s)", hours);
  g_string_append_c (question, '.');
  content->question = g_string_free (g_steal_pointer (&question), FALSE);
}

/* Whom the invoice is addressed to: the payer, else the family's first guardian. */
static gboolean
describe_addressee (GfDb                *db,
                    const GfFamily      *family,
                    GfInvoicePdfContent *content,
                    GError             **error)
{
  g_autoptr(GPtrArray) guardians = gf_guardian_list (db, family->id, error);
  g_autoptr(GString) name = g_string_new (NULL);
  g_autofree char *city = g_utf8_strup (family->city, -1);
  char *town;

  if (guardians == NULL)
    return FALSE;

  /* Listed payer first. "Mme DUPONT Claire": civility, name in capitals, first name. */
  if (guardians->len > 0)
    {
      const GfGuardian *payer = g_ptr_array_index (guardians, 0);
      g_autofree char *last_name = g_utf8_strup (payer->last_name, -1);

      if (payer->civility != NULL && payer->civility[0] != '\0')
        g_string_append_printf (name, "%s ", payer->civility);
      g_string_append_printf (name, "%s %s", last_name, payer->first_name);
    }
  content->addressee_name = g_string_free (g_steal_pointer (&name), FALSE);

  if (family->address_line1[0] != '\0')
    g_ptr_array_add (content->addressee_lines, g_strdup (family->address_line1));
  if (family->address_line2[0] != '\0')
    g_ptr_array_add (content->addressee_lines, g_strdup (family->address_line2));
  town = g_strstrip (g_strdup_printf ("%s %s", family->postal_code, city));
  if (town[0] != '\0')
    g_ptr_array_add (content->addressee_lines, town);
  else
    g_free (town);

  content->dossier = g_strdup_printf ("Dossier %s", family->reference);
  return TRUE;
}

static gboolean
describe_lines (GfDb                *db,
                gint64               invoice_id,
                GfInvoicePdfContent *content,
                GError             **error)
{
  g_autoptr(GfStmt) stmt = NULL;
  GfDbStep step;

  stmt = gf_db_prepare (db,
                        "SELECT ifnull(c.first_name, ''), l.label, l.quantity_centi, "
                        "       l.unit_price_cents, l.amount_cents "
                        "  FROM invoice_line l LEFT JOIN child c ON c.id = l.child_id "
                        " WHERE l.invoice_id = ?1 ORDER BY l.position, l.id",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, invoice_id);

  while ((step = gf_db_step (db, stmt, error)) == GF_DB_STEP_ROW)
    {
      GfInvoicePdfLine *line = g_new0 (GfInvoicePdfLine, 1);

      line->child = gf_stmt_dup_text (stmt, 0);
      line->label = gf_stmt_dup_text (stmt, 1);
      line->quantity = format_quantity (sqlite3_column_int64 (stmt, 2));
      line->unit_price = gf_money_format (sqlite3_column_int64 (stmt, 3));
      line->amount = gf_money_format (sqlite3_column_int64 (stmt, 4));
      g_ptr_array_add (content->lines, line);
    }

  return step == GF_DB_STEP_DONE;
}

/* The totals and how to pay, which depend on the kind and the state of the invoice. */
static void
describe_balance (GfDb                   *db,
                  const GfInvoiceSummary *invoice,
                  const char             *credit_for_number,
                  GfInvoicePdfContent    *content)
{
  GPtrArray *payment = content->payment;

  if (g_strcmp0 (invoice->kind, "credit_note") == 0)
    {
      add_total (content, "Total de l'avoir", invoice->total_cents);
      content->payment_heading = g_strdup ("Avoir");
      g_ptr_array_add (payment, g_strdup_printf ("Cet avoir est déduit de la facture N° %s.",
                                                 credit_for_number));
      return;
    }

  add_total (content, "Total", invoice->total_cents);
  if (invoice->paid_cents != 0)
    add_total (content, "Déjà réglé", -invoice->paid_cents);
  if (invoice->credited_cents != 0)
    add_total (content, "Avoirs", invoice->credited_cents);
  add_total (content, "Reste à payer", invoice->remaining_cents);

  content->payment_heading = g_strdup ("Règlement");
  if (g_strcmp0 (invoice->state, "cancelled") == 0)
    {
      g_ptr_array_add (payment, g_strdup ("Cette facture a été annulée : elle n'est plus à "
                                          "payer."));
      return;
    }

  if (invoice->direct_debit)
    g_ptr_array_add (payment, g_strdup ("Cette facture est réglée par prélèvement automatique."));

  if (g_strcmp0 (invoice->state, "paid") == 0)
    {
      g_autofree char *day = format_timestamp_day (invoice->paid_at);

      g_ptr_array_add (payment, g_strdup_printf ("Facture réglée le %s.", day));
    }
  else if (g_strcmp0 (invoice->state, "treasury") == 0)
    g_ptr_array_add (payment, g_strdup ("Cette facture a été transmise au Trésor public : un "
                                        "avis de sommes à payer vous sera adressé."));
  else if (invoice->remaining_cents <= 0)
    g_ptr_array_add (payment, g_strdup ("Il ne reste rien à payer sur cette facture."));
  else if (invoice->direct_debit)
    g_ptr_array_add (payment, g_strdup_printf ("Le montant restant dû sera prélevé le %s.",
                                               content->due_date));
  else
    {
      g_autofree char *portal_url = gf_settings_get (db, GF_SETTING_PORTAL_URL);

      g_ptr_array_add (payment, g_strdup_printf ("Payez en ligne sur %s (paiement sécurisé "
                                                 "PayFiP), ou auprès de la régie : espèces, "
                                                 "chèque à l'ordre du Trésor public, CESU.",
                                                 portal_url));
      g_ptr_array_add (payment, g_strdup_printf ("Merci de régler avant le %s.",
                                                 content->due_date));
    }
}

/* Drafts have no printed form: they are the staff's to review, nobody else's. */
static GfInvoicePdfContent *
describe_invoice (GfDb    *db,
                  gint64   invoice_id,
                  GError **error)
{
  g_autoptr(GfInvoicePdfContent) content = g_new0 (GfInvoicePdfContent, 1);
  g_autoptr(GfInvoiceSummary) invoice = NULL;
  g_autoptr(GfFamily) family = NULL;
  g_autoptr(GfStmt) stmt = NULL;
  g_autofree char *number = NULL;
  g_autofree char *credit_for_number = NULL;
  gboolean credit_note;

  stmt = gf_db_prepare (db,
                        "SELECT i.family_id, i.number, ifnull(c.number, '') "
                        "  FROM invoice i LEFT JOIN invoice c ON c.id = i.credit_for_id "
                        " WHERE i.id = ?1 AND i.state <> 'draft'",
                        error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, invoice_id);

  switch (gf_db_step (db, stmt, error))
    {
    case GF_DB_STEP_ROW:
      break;
    case GF_DB_STEP_DONE:
      g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND, _("There is no such invoice."));
      return NULL;
    case GF_DB_STEP_ERROR:
    default:
      return NULL;
    }

  /* The same figures (paid, credited, remaining) as every list of invoices shows. */
  number = gf_stmt_dup_text (stmt, 1);
  credit_for_number = gf_stmt_dup_text (stmt, 2);
  invoice = gf_invoice_get_for_family (db, sqlite3_column_int64 (stmt, 0), number, error);
  if (invoice == NULL)
    return NULL;
  family = gf_family_get (db, invoice->family_id, error);
  if (family == NULL)
    return NULL;

  credit_note = g_strcmp0 (invoice->kind, "credit_note") == 0;
  content->title = g_strdup_printf ("%s N° %s", credit_note ? "Avoir" : "Facture", number);
  content->heading = g_strdup (credit_note ? "AVOIR" : "FACTURE");
  content->number = g_strdup_printf ("N° %s", number);
  if (credit_note)
    content->credit_for = g_strdup_printf ("Avoir sur la facture N° %s", credit_for_number);
  content->issue_date = gf_date_format_iso_fr (invoice->issue_date, invoice->issue_date);
  if (!credit_note)
    content->due_date = gf_date_format_iso_fr (invoice->due_date, invoice->due_date);
  content->object = g_strdup (invoice->object);
  content->published_at = g_strdup (invoice->published_at);

  content->addressee_lines = g_ptr_array_new_with_free_func (g_free);
  content->lines = g_ptr_array_new_with_free_func ((GDestroyNotify)line_free);
  content->totals = g_ptr_array_new_with_free_func ((GDestroyNotify)total_free);
  content->payment = g_ptr_array_new_with_free_func (g_free);

  describe_collectivite (db, content);
  if (!describe_addressee (db, family, content, error) ||
      !describe_lines (db, invoice->id, content, error))
    return NULL;
  describe_balance (db, invoice, credit_for_number, content);

  return g_steal_pointer (&content);
}

static cairo_status_t
write_to_array_cb (void                *closure,
                   const unsigned char *bytes,
                   unsigned int         length)
{
  g_byte_array_append (closure, bytes, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
draw_pdf (const GfInvoicePdfContent  *content,
          GError                    **error)
{
  g_autoptr(GByteArray) pdf = g_byte_array_sized_new (64 * 1024);
  cairo_surface_t *surface;
  cairo_status_t status;

  surface = cairo_pdf_surface_create_for_stream (write_to_array_cb, pdf,
                                                 A4_WIDTH_PT, A4_HEIGHT_PT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, content->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR,
                                  content->collectivite_name);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, content->object);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Guichet Familles");
  /* Dated by its publication rather than by its rendering: the same invoice gives the
   * same document every time. */
  if (content->published_at != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                    content->published_at);

  _gf_invoice_pdf_draw (surface, content);

  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_FAILED,
                   _("Could not draw the invoice PDF: %s"), cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&pdf));
}

static void
render_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  const RenderJob *job = task_data;
  g_autoptr(GfDb) db = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *pdf = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  /* One connection per thread (STYLE.md §7), and this one never writes. */
  db = gf_db_open (job->db_path, GF_DB_OPEN_READONLY, &error);
  if (db != NULL)
    pdf = gf_invoice_pdf_render (db, job->invoice_id, &error);

  if (pdf == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, pdf, (GDestroyNotify)g_bytes_unref);
}

/*
 * Internal API
 */

void
_gf_invoice_pdf_content_free (GfInvoicePdfContent *content)
{
  if (content == NULL)
    return;
  g_free (content->collectivite_name);
  g_free (content->service_name);
  g_free (content->address);
  g_free (content->contact);
  g_free (content->title);
  g_free (content->heading);
  g_free (content->number);
  g_free (content->credit_for);
  g_free (content->issue_date);
  g_free (content->due_date);
  g_free (content->object);
  g_free (content->published_at);
  g_free (content->addressee_name);
  g_clear_pointer (&content->addressee_lines, g_ptr_array_unref);
  g_free (content->dossier);
  g_clear_pointer (&content->lines, g_ptr_array_unref);
  g_clear_pointer (&content->totals, g_ptr_array_unref);
  g_free (content->payment_heading);
  g_clear_pointer (&content->payment, g_ptr_array_unref);
  g_free (content->question);
  g_free (content);
}

/*
 * Public API
 */

/**
 * gf_invoice_pdf_render:
 * @db: a connection, used from the calling thread only
 * @invoice_id: a published invoice or credit note
 * @error: return location for a #GF_DB_ERROR
 *
 * Renders the invoice as an A4 PDF. This blocks while it reads and draws: code on a
 * main loop calls gf_invoice_pdf_render_async() instead.
 *
 * Returns: (transfer full): the PDF document, or %NULL with #GF_DB_ERROR_NOT_FOUND when
 *   there is no such invoice or it is still a draft
 */
GBytes *
gf_invoice_pdf_render (GfDb    *db,
                       gint64   invoice_id,
                       GError **error)
{
  g_autoptr(GfInvoicePdfContent) content = NULL;
  gboolean own_snapshot;

  g_return_val_if_fail (GF_IS_DB (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Read everything in one transaction, so that a payment recorded meanwhile cannot
   * give a "Déjà réglé" and a "Reste à payer" that disagree. */
  own_snapshot = !gf_db_in_transaction (db);
  if (own_snapshot && !gf_db_exec (db, "BEGIN", error))
    return NULL;
  content = describe_invoice (db, invoice_id, error);
  if (own_snapshot)
    gf_db_exec (db, "ROLLBACK", NULL);

  if (content == NULL)
    return NULL;

  return draw_pdf (content, error);
}

/**
 * gf_invoice_pdf_render_async:
 * @db_path: the database file; the worker thread opens its own read-only connection
 * @invoice_id: a published invoice or credit note
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Renders the invoice in a worker thread, so that the main loop never waits for it.
 */
void
gf_invoice_pdf_render_async (const char          *db_path,
                             gint64               invoice_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RenderJob *job;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (RenderJob, 1);
  job->db_path = g_strdup (db_path);
  job->invoice_id = invoice_id;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gf_invoice_pdf_render_async);
  g_task_set_task_data (task, job, (GDestroyNotify)render_job_free);
  g_task_run_in_thread (task, render_in_thread);
}

/**
 * gf_invoice_pdf_render_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the PDF document, or %NULL with @error set
 */
GBytes *
gf_invoice_pdf_render_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gf_invoice_pdf_render_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
