/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-portal-private.h"
#include "gf-date.h"
#include "gf-invoice-query.h"
#include "gf-money.h"
#include "gf-payfip-client.h"
#include "gf-payfip-operation.h"
#include "gf-settings.h"
#include "gf-web-payfip.h"

/* Paying online: choose the invoices, review, go to PayFiP in the same window, come back.
 * The portal learns the outcome from PayFiP itself (notification, return page or the
 * reconciler), never from the browser. */

#define PAYFIP_TIMEOUT_SECONDS 20
#define MAX_INVOICES_PER_PAYMENT 24

static void
set_money (JsonObject *object,
           const char *member,
           gint64      cents)
{
  g_autofree char *text = gf_money_format (cents);

  json_object_set_string_member (object, member, text);
}

static void
render_select (GfWebRequest *request,
               guint         status,
               GHashTable   *selected,
               const char   *error)
{
  GfDb *db = gf_web_db (request);
  g_autoptr(JsonObject) data = json_object_new ();
  g_autoptr(GPtrArray) invoices = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonArray *rows = json_array_new ();

  json_object_set_string_member (data, "title", "Payer en ligne");
  json_object_set_array_member (data, "invoices", rows);
  json_object_set_boolean_member (data, "multi", gf_settings_get_bool (db, GF_SETTING_PAYMENTS_MULTI));
  json_object_set_boolean_member (data, "suspended",
                                  gf_settings_get_bool (db, GF_SETTING_PAYMENTS_SUSPENDED));
  if (error != NULL)
    json_object_set_string_member (data, "error", error);

  invoices = gf_invoice_list_for_family (db, request->session->family_id, "unpaid", &local_error);
  for (guint i = 0; invoices != NULL && i < invoices->len; i++)
    {
      GfInvoiceSummary *invoice = invoices->pdata[i];
      JsonObject *row;
      g_autofree char *issue = NULL;
      g_autofree char *locked = NULL;

      /* Direct debit and credit notes are never paid here. */
      if (invoice->direct_debit || !g_str_equal (invoice->kind, "invoice") ||
          invoice->remaining_cents <= 0)
        continue;
      row = json_object_new ();
      issue = gf_date_format_iso_fr (invoice->issue_date, "");
      json_object_set_string_member (row, "number", invoice->number);
      json_object_set_string_member (row, "issue_date", issue);
      json_object_set_string_member (row, "object", invoice->object);
      json_object_set_int_member (row, "remaining_cents", invoice->remaining_cents);
      set_money (row, "remaining", invoice->remaining_cents);
      json_object_set_boolean_member (row, "selected", selected != NULL &&
                                      g_hash_table_contains (selected, invoice->number));
      locked = gf_payfip_invoice_locked_until (db, invoice->id);
      if (locked != NULL)
        {
          g_autofree char *when = gf_timestamp_format_fr (locked);
          json_object_set_string_member (row, "locked", when != NULL ? when : locked);
        }
      json_array_add_object_element (rows, row);
    }
  gf_web_render (request, status, "pay-select", data);
}

static void
select_get (GfWebRequest *request)
{
  g_autoptr(GHashTable) selected = g_hash_table_new (g_str_hash, g_str_equal);
  const char *number = gf_web_query_get (request, "facture");

  if (*number != '\0')
    g_hash_table_add (selected, (gpointer)number);
  render_select (request, SOUP_STATUS_OK, selected, NULL);
}

/* The invoices the form names, as ids of this family's unpaid invoices; NULL and a
 * French sentence when the form names none, too many, or one that is not payable. */
static GArray *
chosen_invoices (GfWebRequest  *request,
                 GPtrArray    **out_numbers,
                 gint64        *out_total,
                 const char   **out_problem)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *chosen = gf_web_form_get_all (request, "facture");
  gint64 total = 0;

  for (guint i = 0; chosen != NULL && i < chosen->len; i++)
    {
      g_autoptr(GfInvoiceSummary) invoice = NULL;
      gint64 id;

      invoice = gf_invoice_get_for_family (gf_web_db (request), request->session->family_id,
                                           g_ptr_array_index (chosen, i), NULL);
      if (invoice == NULL || !g_str_equal (invoice->state, "unpaid") || invoice->direct_debit)
        {
          *out_problem = "Une des factures choisies n’existe pas ou ne peut pas être réglée en ligne.";
          return NULL;
        }
      id = invoice->id;
      g_array_append_val (ids, id);
      g_ptr_array_add (numbers, g_strdup (invoice->number));
      total += invoice->remaining_cents;
    }

  if (ids->len == 0)
    {
      *out_problem = "Cochez au moins une facture à régler.";
      return NULL;
    }
  if (ids->len > MAX_INVOICES_PER_PAYMENT)
    {
      *out_problem = "Choisissez moins de factures pour un même paiement.";
      return NULL;
    }
  *out_numbers = g_steal_pointer (&numbers);
  *out_total = total;
  return g_steal_pointer (&ids);
}

static char *
join_numbers (GPtrArray  *numbers,
              const char *separator)
{
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; i < numbers->len; i++)
    g_string_append_printf (joined, "%s%s", i > 0 ? separator : "",
                            (const char *)g_ptr_array_index (numbers, i));
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

static GHashTable *
numbers_set (GPtrArray *numbers)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; numbers != NULL && i < numbers->len; i++)
    g_hash_table_add (set, numbers->pdata[i]);
  return set;
}

static void
review_post (GfWebRequest *request)
{
  GfDb *db = gf_web_db (request);
  g_autoptr(GPtrArray) numbers = NULL;
  g_autoptr(JsonObject) data = json_object_new ();
  g_autofree char *numcli = gf_settings_get (db, GF_SETTING_PAYFIP_NUMCLI);
  g_autofree char *joined = NULL;
  const char *problem = NULL;
  gint64 total = 0;
  g_autoptr(GArray) ids = chosen_invoices (request, &numbers, &total, &problem);
  JsonArray *list = json_array_new ();

  json_object_set_array_member (data, "invoices", list);
  if (ids == NULL)
    {
      render_select (request, SOUP_STATUS_OK, NULL, problem);
      return;
    }
  if (ids->len > 1 && !gf_settings_get_bool (db, GF_SETTING_PAYMENTS_MULTI))
    {
      render_select (request, SOUP_STATUS_OK, NULL, "Choisissez une seule facture par paiement.");
      return;
    }
  for (guint i = 0; i < numbers->len; i++)
    json_array_add_string_element (list, numbers->pdata[i]);
  joined = join_numbers (numbers, ", ");

  json_object_set_string_member (data, "title", "Vérifiez votre paiement");
  json_object_set_string_member (data, "numcli", numcli);
  json_object_set_int_member (data, "count", numbers->len);
  set_money (data, "amount", total);
  json_object_set_string_member (data, "numbers", joined);
  gf_web_render (request, SOUP_STATUS_OK, "pay-review", data);
}

typedef struct
{
  GfWebRequest      *request;
  GfPayfipClient    *client;
  GfPayfipOperation *operation;
  GPtrArray         *numbers;
} Confirm;

static void
confirm_free (Confirm *confirm)
{
  g_clear_object (&confirm->client);
  g_clear_pointer (&confirm->operation, gf_payfip_operation_free);
  g_clear_pointer (&confirm->numbers, g_ptr_array_unref);
  g_free (confirm);
}

static void
created_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Confirm *confirm = user_data;
  GfWebRequest *request = confirm->request;
  GfDb *db = gf_web_db (request);
  g_autoptr(GError) error = NULL;
  g_autofree char *idop = gf_payfip_client_create_payment_finish (confirm->client, result, &error);

  if (idop == NULL || !gf_payfip_operation_set_idop (db, confirm->operation->id, idop, &error))
    {
      g_autoptr(GHashTable) selected = numbers_set (confirm->numbers);
      g_autoptr(GError) fail_error = NULL;

      /* Nothing was paid and nothing stays locked: the family may try again at once. */
      g_message ("PayFiP refused or could not be reached for %s: %s",
                 confirm->operation->refdet, error->message);
      if (!gf_payfip_operation_fail (db, confirm->operation->id, error->message, &fail_error))
        g_warning ("ending attempt %s: %s", confirm->operation->refdet, fail_error->message);
      if (!request->disconnected)
        render_select (request, SOUP_STATUS_SERVICE_UNAVAILABLE, selected,
                       "Le service de paiement PayFiP ne répond pas pour le moment. Rien n’a "
                       "été débité et vos factures restent à régler : réessayez dans quelques "
                       "minutes.");
    }
  else if (!request->disconnected)
    {
      g_autofree char *base = gf_settings_get (db, GF_SETTING_PAYFIP_PAYMENT_URL);
      g_autofree char *location = gf_payfip_payment_url (base, idop);

      /* In the same window: no pop-up to allow (seeds 000–002). */
      gf_web_redirect (request, location);
    }

  gf_web_request_resume (request);
  confirm_free (confirm);
}

static void
confirm_post (GfWebRequest *request)
{
  GfDb *db = gf_web_db (request);
  GfActor actor = { GF_ACTOR_CITIZEN, request->session->account_id, request->session->email };
  g_autoptr(GPtrArray) numbers = NULL;
  g_autoptr(GfPayfipRequest) payment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *endpoint = gf_settings_get (db, GF_SETTING_PAYFIP_ENDPOINT);
  g_autofree char *object = NULL;
  const char *base = gf_portal_get_public_url (request->portal);
  const char *problem = NULL;
  gint64 total = 0;
  g_autoptr(GArray) ids = chosen_invoices (request, &numbers, &total, &problem);
  GfPayfipOperation *operation;
  Confirm *confirm;

  if (ids == NULL)
    {
      render_select (request, SOUP_STATUS_OK, NULL, problem);
      return;
    }

  operation = gf_payfip_operation_open (db, &actor, request->session->family_id,
                                        (const gint64 *)ids->data, ids->len,
                                        request->session->email, &error);
  if (operation == NULL)
    {
      g_autoptr(GHashTable) selected = numbers_set (numbers);

      render_select (request, SOUP_STATUS_OK, selected, error->message);
      return;
    }

  payment = gf_payfip_request_new ();
  g_free (payment->numcli);
  payment->numcli = gf_settings_get (db, GF_SETTING_PAYFIP_NUMCLI);
  g_free (payment->refdet);
  payment->refdet = g_strdup (operation->refdet);
  object = join_numbers (numbers, " ");
  g_free (payment->objet);
  payment->objet = g_strdup_printf ("Factures %s", object);
  payment->montant = operation->amount_cents;
  g_free (payment->mel);
  payment->mel = g_strdup (operation->email);
  g_free (payment->saisie);
  payment->saisie = g_strdup (operation->saisie);
  g_free (payment->urlnotif);
  payment->urlnotif = g_strdup_printf ("%s/paiement/notification", base);
  g_free (payment->urlredirect);
  payment->urlredirect = g_strdup_printf ("%s/paiement/retour", base);

  confirm = g_new0 (Confirm, 1);
  confirm->client = gf_payfip_client_new (endpoint, PAYFIP_TIMEOUT_SECONDS);
  confirm->operation = operation;
  confirm->numbers = g_steal_pointer (&numbers);
  confirm->request = gf_web_request_pause (request);
  gf_payfip_client_create_payment_async (confirm->client, payment, NULL, created_cb, confirm);
}

static void
render_outcome (GfWebRequest            *request,
                const GfPayfipOperation *operation)
{
  g_autoptr(JsonObject) data = json_object_new ();
  g_autofree char *amount = gf_money_format (operation->amount_cents);
  g_autofree char *message = NULL;
  const char *state = operation->state;
  const char *heading;
  const char *klass = "notice";

  if (g_str_equal (state, "paid"))
    {
      heading = "Paiement enregistré";
      klass = "success";
      message = g_strdup_printf ("Votre paiement de %s est enregistré : vos factures sont réglées. "
                                 "Un ticket de paiement vous est envoyé par courriel.", amount);
    }
  else if (g_str_equal (state, "refused"))
    {
      heading = "Paiement refusé";
      klass = "alert";
      message = g_strdup ("Votre banque a refusé le paiement. Rien n’a été débité : vos factures "
                          "restent à régler, et vous pouvez réessayer dès maintenant.");
    }
  else if (g_str_equal (state, "abandoned") || g_str_equal (state, "error"))
    {
      heading = "Paiement abandonné";
      message = g_strdup ("Le paiement n’a pas été fait. Vos factures restent à régler : vous "
                          "pouvez réessayer dès maintenant.");
    }
  else
    {
      heading = "Paiement en cours de traitement";
      message = g_strdup_printf ("PayFiP n’a pas encore donné le résultat de votre paiement de %s. "
                                 "Tant qu’il est inconnu, ces factures ne peuvent pas être payées "
                                 "une seconde fois.", amount);
      json_object_set_boolean_member (data, "pending", TRUE);
      json_object_set_string_member (data, "idop", operation->idop != NULL ? operation->idop : "");
    }

  json_object_set_string_member (data, "title", heading);
  json_object_set_string_member (data, "heading", heading);
  json_object_set_string_member (data, "class", klass);
  json_object_set_string_member (data, "message", message);
  gf_web_render (request, SOUP_STATUS_OK, "pay-outcome", data);
}

static void
return_checked_cb (GfPayfipSettled  settled,
                   const GError    *error,
                   gpointer         user_data)
{
  GfWebRequest *request = user_data;
  const char *idop = g_object_get_data (G_OBJECT (request->msg), "gf-idop");
  g_autoptr(GfPayfipOperation) operation = gf_payfip_operation_get (gf_web_db (request), idop, 0, NULL);

  if (!request->disconnected && operation != NULL)
    render_outcome (request, operation);
  gf_web_request_resume (request);
}

static void
return_get (GfWebRequest *request)
{
  const char *idop = gf_web_query_get (request, "idop");
  g_autoptr(GfPayfipOperation) operation = NULL;

  if (gf_payfip_validate_idop (idop, NULL))
    operation = gf_payfip_operation_get (gf_web_db (request), idop, 0, NULL);
  if (operation == NULL || operation->family_id != request->session->family_id)
    {
      gf_web_error_page (request, SOUP_STATUS_NOT_FOUND,
                         "Ce paiement n’existe pas dans votre espace. Retrouvez vos factures dans "
                         "« Mes factures ».");
      return;
    }

  if (!g_str_equal (operation->state, "pending"))
    {
      render_outcome (request, operation);
      return;
    }

  /* Still open: ask PayFiP now, so the family sees the outcome as soon as it exists. */
  g_object_set_data_full (G_OBJECT (request->msg), "gf-idop", g_strdup (idop), g_free);
  gf_web_payfip_check (gf_web_db (request), gf_portal_get_mail_sender (request->portal), idop,
                       return_checked_cb, gf_web_request_pause (request));
}

static void
notification_checked_cb (GfPayfipSettled  settled,
                         const GError    *error,
                         gpointer         user_data)
{
  g_autofree char *idop = user_data;

  if (settled == GF_PAYFIP_SETTLED_PAID)
    g_message ("PayFiP notification: %s paid", idop);
}

/* Looks @name up whatever its case ("idop", "idOp", "IDOP"). */
static const char *
lookup_any_case (GHashTable *table,
                 const char *name)
{
  GHashTableIter iter;
  gpointer key, value;

  if (table == NULL)
    return NULL;
  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *values = value;

      if (g_ascii_strcasecmp (key, name) == 0 && values->len > 0)
        return g_ptr_array_index (values, values->len - 1);
    }
  return NULL;
}

/* PayFiP's server-to-server call: only an idOp, no proof of anything. Answer at once, then
 * ask PayFiP. An unknown or malformed idOp changes nothing; a log line says why. */
static void
notification_post (GfWebRequest *request)
{
  const char *idop = lookup_any_case (request->form, "idop");
  g_autoptr(GfPayfipOperation) operation = NULL;

  if (idop == NULL)
    idop = lookup_any_case (request->query, "idop");

  soup_server_message_set_status (request->msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (request->msg, "text/plain; charset=utf-8", SOUP_MEMORY_STATIC,
                                    "OK\n", 3);

  if (idop == NULL || !gf_payfip_validate_idop (idop, NULL))
    {
      g_message ("PayFiP notification without a valid idop, ignored");
      return;
    }
  operation = gf_payfip_operation_get (gf_web_db (request), idop, 0, NULL);
  if (operation == NULL)
    {
      g_message ("PayFiP notification for unknown idop %s, ignored", idop);
      return;
    }
  gf_web_payfip_check (gf_web_db (request), gf_portal_get_mail_sender (request->portal), idop,
                       notification_checked_cb, g_strdup (idop));
}

void
_gf_web_payment_register (GfPortal *portal)
{
  gf_portal_add_route (portal, "GET", "/factures/payer", GF_ROUTE_LOGGED_IN, select_get);
  gf_portal_add_route (portal, "POST", "/factures/payer/verifier", GF_ROUTE_LOGGED_IN, review_post);
  gf_portal_add_route (portal, "POST", "/factures/payer/confirmer", GF_ROUTE_LOGGED_IN, confirm_post);
  gf_portal_add_route (portal, "GET", "/paiement/retour", GF_ROUTE_LOGGED_IN, return_get);
  gf_portal_add_route (portal, "POST", "/paiement/notification", GF_ROUTE_NO_CSRF,
                       notification_post);
}
