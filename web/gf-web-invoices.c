/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-portal-private.h"
#include "gf-date.h"
#include "gf-invoice-pdf.h"
#include "gf-invoice-query.h"
#include "gf-money.h"
#include "gf-payfip-operation.h"
#include "gf-settings.h"

/* "Mes factures": the three tabs, an invoice's page and its PDF. A family only ever
 * reaches its own published invoices: anything else is the same 404 as a number that
 * does not exist, so nobody can tell another family's invoice exists. */

typedef struct
{
  const char *slug;
  const char *state;
  const char *label;
  const char *empty;
} Tab;

static const Tab tabs[] = {
  { "non-reglees", "unpaid", "Non réglées", "Vous n’avez aucune facture à régler." },
  { "reglees", "paid", "Réglées", "Aucune facture réglée pour l’instant." },
  { "tresorerie", "treasury", "En trésorerie", "Aucune facture n’a été transmise au Trésor public." },
};

static void
set_money (JsonObject *object,
           const char *member,
           gint64      cents)
{
  g_autofree char *text = gf_money_format (cents);

  json_object_set_string_member (object, member, text);
}

static void
set_date (JsonObject *object,
          const char *member,
          const char *iso)
{
  g_autofree char *text = gf_date_format_iso_fr (iso, "");

  json_object_set_string_member (object, member, text);
}

static JsonObject *
summary_to_json (const GfInvoiceSummary *invoice)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "number", invoice->number);
  json_object_set_string_member (object, "object", invoice->object);
  set_date (object, "issue_date", invoice->issue_date);
  set_date (object, "due_date", invoice->due_date);
  set_money (object, "total", invoice->total_cents);
  set_money (object, "remaining", invoice->remaining_cents);
  json_object_set_boolean_member (object, "credit_note", g_str_equal (invoice->kind, "credit_note"));
  json_object_set_boolean_member (object, "direct_debit", invoice->direct_debit);
  return object;
}

static void
list_get (GfWebRequest *request)
{
  const char *wanted = gf_web_query_get (request, "onglet");
  g_autoptr(JsonObject) data = json_object_new ();
  g_autoptr(GPtrArray) invoices = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *tab_list = json_array_new ();
  JsonArray *rows = json_array_new ();
  const Tab *tab = NULL;

  if (*wanted == '\0')
    wanted = tabs[0].slug;
  for (guint i = 0; i < G_N_ELEMENTS (tabs); i++)
    {
      JsonObject *item = json_object_new ();

      if (g_str_equal (wanted, tabs[i].slug))
        tab = &tabs[i];
      json_object_set_string_member (item, "slug", tabs[i].slug);
      json_object_set_string_member (item, "label", tabs[i].label);
      json_object_set_boolean_member (item, "current", tab == &tabs[i]);
      json_array_add_object_element (tab_list, item);
    }
  json_object_set_array_member (data, "tabs", tab_list);
  json_object_set_array_member (data, "invoices", rows);

  if (tab == NULL)
    {
      gf_web_error_page (request, SOUP_STATUS_BAD_REQUEST,
                         "Cet onglet n’existe pas. Choisissez « Non réglées », « Réglées » ou "
                         "« En trésorerie ».");
      return;
    }

  invoices = gf_invoice_list_for_family (gf_web_db (request), request->session->family_id,
                                         tab->state, &error);
  if (invoices == NULL)
    {
      g_warning ("invoice list: %s", error->message);
      gf_web_error_page (request, SOUP_STATUS_INTERNAL_SERVER_ERROR,
                         "Une erreur est survenue de notre côté. Réessayez dans un moment.");
      return;
    }
  for (guint i = 0; i < invoices->len; i++)
    json_array_add_object_element (rows, summary_to_json (invoices->pdata[i]));

  json_object_set_string_member (data, "title", "Mes factures");
  json_object_set_string_member (data, "tab_label", tab->label);
  json_object_set_string_member (data, "empty", tab->empty);
  json_object_set_boolean_member (data, "treasury", g_str_equal (tab->state, "treasury"));
  json_object_set_boolean_member (data, "can_pay",
                                  g_str_equal (tab->state, "unpaid") && invoices->len > 0 &&
                                  !gf_settings_get_bool (gf_web_db (request),
                                                         GF_SETTING_PAYMENTS_SUSPENDED));
  gf_web_render (request, SOUP_STATUS_OK, "invoices", data);
}

static gboolean
valid_number (const char *number)
{
  gsize length = strlen (number);

  if (length == 0 || length > 32)
    return FALSE;
  for (const char *p = number; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

static void
not_found (GfWebRequest *request)
{
  gf_web_error_page (request, SOUP_STATUS_NOT_FOUND,
                     "Cette facture n’existe pas dans votre espace. Retrouvez vos factures dans "
                     "« Mes factures ».");
}

/* The payer and the lines, for the invoice's page. */
static gboolean
add_details (GfDb              *db,
             GfInvoiceSummary  *invoice,
             JsonObject        *data,
             GError           **error)
{
  g_autoptr(GfStmt) payer = NULL;
  g_autoptr(GfStmt) lines = NULL;
  JsonArray *rows = json_array_new ();
  GfDbStep step;

  json_object_set_array_member (data, "lines", rows);

  payer = gf_db_prepare (db,
                         "SELECT trim(g.civility || ' ' || upper(g.last_name) || ' ' || g.first_name), "
                         "       f.address_line1, f.address_line2, f.postal_code || ' ' || f.city, "
                         "       f.reference "
                         "  FROM family f LEFT JOIN guardian g ON g.family_id = f.id AND g.payer = 1 "
                         " WHERE f.id = ?1",
                         error);
  if (payer == NULL)
    return FALSE;
  sqlite3_bind_int64 (payer, 1, invoice->family_id);
  if (gf_db_step (db, payer, error) == GF_DB_STEP_ROW)
    {
      json_object_set_string_member (data, "payer", gf_stmt_column_text (payer, 0));
      json_object_set_string_member (data, "address1", gf_stmt_column_text (payer, 1));
      json_object_set_string_member (data, "address2", gf_stmt_column_text (payer, 2));
      json_object_set_string_member (data, "town", gf_stmt_column_text (payer, 3));
      json_object_set_string_member (data, "reference", gf_stmt_column_text (payer, 4));
    }

  lines = gf_db_prepare (db,
                         "SELECT ifnull(c.first_name, ''), l.label, l.quantity_centi, "
                         "       l.unit_price_cents, l.amount_cents "
                         "  FROM invoice_line l LEFT JOIN child c ON c.id = l.child_id "
                         " WHERE l.invoice_id = ?1 ORDER BY ifnull(c.first_name, ''), l.position, l.id",
                         error);
  if (lines == NULL)
    return FALSE;
  sqlite3_bind_int64 (lines, 1, invoice->id);
  while ((step = gf_db_step (db, lines, error)) == GF_DB_STEP_ROW)
    {
      JsonObject *row = json_object_new ();
      gint64 quantity = sqlite3_column_int64 (lines, 2);
      g_autofree char *quantity_text =
        quantity % 100 == 0 ? g_strdup_printf ("%lld", (long long)(quantity / 100))
                            : g_strdup_printf ("%lld,%02lld", (long long)(quantity / 100),
                                               (long long)llabs (quantity % 100));

      json_object_set_string_member (row, "child", gf_stmt_column_text (lines, 0));
      json_object_set_string_member (row, "label", gf_stmt_column_text (lines, 1));
      json_object_set_string_member (row, "quantity", quantity_text);
      set_money (row, "unit_price", sqlite3_column_int64 (lines, 3));
      set_money (row, "amount", sqlite3_column_int64 (lines, 4));
      json_array_add_object_element (rows, row);
    }
  return step == GF_DB_STEP_DONE;
}

static void
detail_get (GfWebRequest *request,
            const char   *number)
{
  GfDb *db = gf_web_db (request);
  g_autoptr(GfInvoiceSummary) invoice = NULL;
  g_autoptr(JsonObject) data = NULL;
  g_autoptr(GError) error = NULL;
  gboolean unpaid;

  invoice = gf_invoice_get_for_family (db, request->session->family_id, number, &error);
  if (invoice == NULL)
    {
      not_found (request);
      return;
    }

  data = summary_to_json (invoice);
  if (!add_details (db, invoice, data, &error))
    {
      g_warning ("invoice %s: %s", number, error->message);
      gf_web_error_page (request, SOUP_STATUS_INTERNAL_SERVER_ERROR,
                         "Une erreur est survenue de notre côté. Réessayez dans un moment.");
      return;
    }

  unpaid = g_str_equal (invoice->state, "unpaid");
  json_object_set_string_member (data, "title", invoice->number);
  set_money (data, "paid", invoice->paid_cents);
  set_money (data, "credited", -invoice->credited_cents);
  json_object_set_boolean_member (data, "has_paid", invoice->paid_cents > 0);
  json_object_set_boolean_member (data, "has_credit", invoice->credited_cents < 0);
  json_object_set_boolean_member (data, "unpaid", unpaid);
  json_object_set_boolean_member (data, "is_paid", g_str_equal (invoice->state, "paid"));
  json_object_set_boolean_member (data, "treasury", g_str_equal (invoice->state, "treasury"));
  json_object_set_boolean_member (data, "suspended",
                                  unpaid && !invoice->direct_debit &&
                                  gf_settings_get_bool (db, GF_SETTING_PAYMENTS_SUSPENDED));
  set_date (data, "paid_at", invoice->paid_at);
  if (unpaid && !invoice->direct_debit && g_str_equal (invoice->kind, "invoice") &&
      invoice->remaining_cents > 0 && !gf_settings_get_bool (db, GF_SETTING_PAYMENTS_SUSPENDED))
    {
      g_autofree char *locked = gf_payfip_invoice_locked_until (db, invoice->id);

      if (locked != NULL)
        {
          g_autofree char *when = gf_timestamp_format_fr (locked);
          json_object_set_string_member (data, "locked", when != NULL ? when : locked);
        }
      else
        json_object_set_boolean_member (data, "payable", TRUE);
    }
  if (g_str_equal (invoice->kind, "credit_note"))
    {
      g_autoptr(GfStmt) stmt = gf_db_prepare (db,
                                              "SELECT c.number FROM invoice a JOIN invoice c "
                                              "ON c.id = a.credit_for_id WHERE a.id = ?1", NULL);

      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, invoice->id);
          if (gf_db_step (db, stmt, NULL) == GF_DB_STEP_ROW)
            json_object_set_string_member (data, "credit_for", gf_stmt_column_text (stmt, 0));
        }
    }
  gf_web_render (request, SOUP_STATUS_OK, "invoice", data);
}

static void
pdf_ready_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GfWebRequest *request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = gf_invoice_pdf_render_finish (result, &error);

  if (request->disconnected)
    ;
  else if (pdf == NULL)
    {
      g_warning ("PDF of an invoice: %s", error->message);
      gf_web_error_page (request, SOUP_STATUS_INTERNAL_SERVER_ERROR,
                         "Le PDF n’a pas pu être préparé. Réessayez dans un moment.");
    }
  else
    {
      SoupMessageHeaders *headers = soup_server_message_get_response_headers (request->msg);
      const char *number = g_object_get_data (G_OBJECT (request->msg), "gf-invoice-number");
      g_autofree char *disposition = g_strdup_printf ("attachment; filename=\"facture-%s.pdf\"",
                                                      number);

      soup_message_headers_replace (headers, "Content-Disposition", disposition);
      soup_message_headers_replace (headers, "Cache-Control", "private, no-store");
      soup_server_message_set_status (request->msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (request->msg, "application/pdf", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
    }
  gf_web_request_resume (request);
}

static void
pdf_get (GfWebRequest *request,
         const char   *number)
{
  g_autoptr(GfInvoiceSummary) invoice = NULL;
  GfWebRequest *paused;

  invoice = gf_invoice_get_for_family (gf_web_db (request), request->session->family_id, number,
                                       NULL);
  if (invoice == NULL)
    {
      not_found (request);
      return;
    }

  /* Rendering takes a few milliseconds of cairo: done in a worker thread. */
  g_object_set_data_full (G_OBJECT (request->msg), "gf-invoice-number",
                          g_strdup (invoice->number), g_free);
  paused = gf_web_request_pause (request);
  gf_invoice_pdf_render_async (gf_portal_get_db_path (request->portal), invoice->id, NULL,
                               pdf_ready_cb, paused);
}

static void
invoice_get (GfWebRequest *request)
{
  g_autofree char *rest = g_strdup (request->path + strlen ("/factures/"));
  gboolean pdf = g_str_has_suffix (rest, "/pdf");

  if (pdf)
    rest[strlen (rest) - strlen ("/pdf")] = '\0';
  if (!valid_number (rest))
    {
      not_found (request);
      return;
    }
  if (pdf)
    pdf_get (request, rest);
  else
    detail_get (request, rest);
}

void
_gf_web_invoices_register (GfPortal *portal)
{
  gf_portal_add_route (portal, "GET", "/factures", GF_ROUTE_LOGGED_IN, list_get);
  gf_portal_add_route (portal, "GET", "/factures/", GF_ROUTE_LOGGED_IN | GF_ROUTE_PREFIX,
                       invoice_get);
}
