/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "PayfipSandbox"

#include "config.h"

#include "gf-sandbox-page.h"
#include "gf-sandbox-private.h"
#include "gf-sandbox-validate.h"

#include <string.h>

/* The payment page, GET /tpa/paiementws.web?idop=… (payfip.md §4): opens once, within 15
 * minutes of the idOp's creation. Its forms post back to the same path with the idOp and
 * a token bound to that opening; the outcome (P, V, R, Z or A) is recorded, PayFiP
 * notifies urlnotif, and the browser goes back to urlredirect with idop appended. */

static const GfTestMeans test_cards[] = {
  { "4111111111111111", 'P', "Paiement accepté (Visa)" },
  { "5555555555554444", 'P', "Paiement accepté (Mastercard)" },
  { "4000000000000002", 'R', "Paiement refusé par la banque" },
  { "4000000000009995", 'R', "Paiement refusé : provision insuffisante" },
};

static const GfTestMeans test_ibans[] = {
  { "FR7630006000011234567890189", 'V', "Prélèvement accepté" },
  { "FR1420041010050500013M02606", 'V', "Prélèvement accepté" },
  { "FR7030002005500000157845Z02", 'Z', "Prélèvement refusé" },
};

typedef struct
{
  GfHeldMessage *held;
  char          *idop;
  char          *urlredirect;
  gboolean       post;
} Return;

const GfTestMeans *
gf_sandbox_test_cards (guint *n_cards)
{
  *n_cards = G_N_ELEMENTS (test_cards);
  return test_cards;
}

const GfTestMeans *
gf_sandbox_test_ibans (guint *n_ibans)
{
  *n_ibans = G_N_ELEMENTS (test_ibans);
  return test_ibans;
}

static char
outcome (const GfTestMeans *means,
         guint              n_means,
         const char        *number,
         char               otherwise)
{
  for (guint i = 0; i < n_means; i++)
    if (strcmp (means[i].number, number) == 0)
      return means[i].resultrans;
  return otherwise;
}

static void
respond_message (SoupServerMessage *msg,
                 guint              status,
                 const char        *title,
                 const char        *text)
{
  gf_sandbox_respond (msg, status, "text/html; charset=utf-8",
                      gf_sandbox_html_message (title, text));
}

static void
respond_page (SoupServerMessage *msg,
              char              *html)
{
  gf_sandbox_respond (msg, SOUP_STATUS_OK, "text/html; charset=utf-8", html);
}

/* urlredirect with idop appended ('?' or '&'), before any fragment. */
static char *
return_location (const char *urlredirect,
                 const char *idop)
{
  const char *hash = strchr (urlredirect, '#');
  g_autofree char *base = g_strndup (urlredirect, hash != NULL ? (gsize)(hash - urlredirect)
                                                               : strlen (urlredirect));
  g_autofree char *escaped = g_uri_escape_string (idop, NULL, FALSE);

  return g_strdup_printf ("%s%sidop=%s%s", base, strchr (base, '?') != NULL ? "&" : "?",
                          escaped, hash != NULL ? hash : "");
}

static void
notified_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Return *back = user_data;
  SoupServerMessage *msg = gf_held_message_get (back->held);

  gf_sandbox_notify_finish (result, NULL);
  if (msg != NULL)
    {
      if (back->post)
        respond_page (msg, gf_sandbox_html_return_form (back->urlredirect, back->idop));
      else
        {
          g_autofree char *location = return_location (back->urlredirect, back->idop);

          soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                        "Location", location);
          gf_sandbox_respond (msg, SOUP_STATUS_FOUND, "text/html; charset=utf-8",
                              gf_sandbox_html_return_link (location));
        }
    }
  gf_held_message_release (back->held);
  g_free (back->idop);
  g_free (back->urlredirect);
  g_free (back);
}

/* Records the outcome, then notifies and sends the browser back (in the order the
 * switches say). */
static void
finish (GfSandbox          *self,
        SoupServerMessage  *msg,
        GfSandboxOperation *operation,
        char                resultrans,
        const char         *means)
{
  g_autoptr(GDateTime) paris = gf_sandbox_now_in_paris (self);
  Return *back;

  operation->resultrans = resultrans;
  operation->result_time = gf_sandbox_now (self);
  operation->dattrans = g_date_time_format (paris, "%d%m%Y");
  operation->heurtrans = g_date_time_format (paris, "%H%M");
  operation->means = g_strdup (means);
  if (resultrans == 'P')
    {
      static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
      char numauto[7] = { 0 };

      for (guint i = 0; i < 6; i++)
        numauto[i] = alphabet[g_random_int_range (0, (int)sizeof alphabet - 1)];
      operation->numauto = g_strdup (numauto);
    }
  else if (resultrans == 'V')
    operation->numauto = g_strdup_printf ("%06d%06d-tip", g_random_int_range (0, 1000000),
                                          g_random_int_range (0, 1000000));
  gf_sandbox_store_changed (self->store);
  g_message ("operation %s: resultrans %c%s%s", operation->idop, resultrans,
             operation->numauto != NULL ? ", numauto " : "",
             operation->numauto != NULL ? operation->numauto : "");

  back = g_new0 (Return, 1);
  back->held = gf_held_message_new (msg);
  back->idop = g_strdup (operation->idop);
  back->urlredirect = g_strdup (operation->urlredirect);
  back->post = self->options.redirect_post;
  gf_sandbox_notify_async (self, operation->idop, notified_cb, back);
}

/* NULL when the card is acceptable, else what to tell the payer. */
static const char *
check_card (GfSandbox   *self,
            GHashTable  *fields,
            char       **out_digits)
{
  const char *number = g_hash_table_lookup (fields, "numero");
  const char *month = g_hash_table_lookup (fields, "mois");
  const char *year = g_hash_table_lookup (fields, "annee");
  const char *cvv = g_hash_table_lookup (fields, "cryptogramme");
  g_autoptr(GDateTime) paris = gf_sandbox_now_in_paris (self);
  g_autoptr(GString) digits = g_string_new (NULL);
  guint64 m, y;

  for (const char *p = number != NULL ? number : ""; *p != '\0'; p++)
    if (*p != ' ' && *p != '-')
      g_string_append_c (digits, *p);
  if (!gf_sandbox_is_digits (digits->str, 13, 19) || !gf_sandbox_luhn_valid (digits->str))
    return "Le numéro de carte est invalide : vérifiez-le et saisissez-le à nouveau.";
  if (month == NULL || year == NULL ||
      !g_ascii_string_to_unsigned (month, 10, 1, 12, &m, NULL) ||
      !g_ascii_string_to_unsigned (year, 10, 2000, 2099, &y, NULL) ||
      y * 12 + m < (guint64)g_date_time_get_year (paris) * 12 +
                   (guint64)g_date_time_get_month (paris))
    return "La date d'expiration est dépassée ou invalide.";
  if (!gf_sandbox_is_digits (cvv, 3, 3))
    return "Le cryptogramme visuel se compose des 3 chiffres inscrits au dos de la carte.";
  *out_digits = g_string_free (g_steal_pointer (&digits), FALSE);
  return NULL;
}

static const char *
check_iban (GHashTable  *fields,
            char       **out_iban)
{
  const char *holder = g_hash_table_lookup (fields, "titulaire");
  const char *text = g_hash_table_lookup (fields, "iban");
  g_autofree char *iban = text != NULL ? gf_sandbox_normalize_iban (text) : NULL;
  gboolean blank = TRUE;

  for (const char *p = holder != NULL ? holder : ""; *p != '\0'; p++)
    blank = blank && g_ascii_isspace (*p);
  if (blank)
    return "Indiquez le titulaire du compte.";
  if (iban == NULL || !gf_sandbox_iban_valid (iban))
    return "L'IBAN est invalide : vérifiez-le et saisissez-le à nouveau.";
  if (g_strcmp0 (g_hash_table_lookup (fields, "mandat"), "1") != 0)
    return "Cochez la case d'autorisation du prélèvement pour continuer.";
  *out_iban = g_steal_pointer (&iban);
  return NULL;
}

static void
open_page (GfSandbox         *self,
           SoupServerMessage *msg,
           GHashTable        *query)
{
  const char *idop = query != NULL ? g_hash_table_lookup (query, "idop") : NULL;
  GfSandboxOperation *operation = gf_sandbox_store_lookup (self->store, idop);
  gint64 now = gf_sandbox_now (self);

  if (idop == NULL)
    {
      respond_message (msg, SOUP_STATUS_BAD_REQUEST, "Paramètre manquant",
                       "L'adresse de cette page doit comporter le paramètre idop.");
      return;
    }
  if (operation == NULL)
    {
      respond_message (msg, SOUP_STATUS_NOT_FOUND, "Opération inconnue",
                       "Cet identifiant d'opération est inconnu (P1). Retournez sur le site de "
                       "votre collectivité pour commencer un nouveau paiement.");
      return;
    }
  if (operation->opened != 0 || operation->resultrans != '\0')
    {
      respond_message (msg, SOUP_STATUS_CONFLICT, "Opération déjà utilisée",
                       "Cette opération de paiement a déjà été utilisée (P3). Retournez sur le "
                       "site de votre collectivité pour faire une nouvelle tentative.");
      return;
    }
  if (now - operation->created > GF_SANDBOX_IDOP_LIFETIME)
    {
      respond_message (msg, SOUP_STATUS_GONE, "Opération expirée",
                       "Le délai de 15 minutes pour accéder au paiement est dépassé (P4). "
                       "Retournez sur le site de votre collectivité pour faire une nouvelle "
                       "tentative.");
      return;
    }

  operation->opened = now;
  operation->page_token = g_uuid_string_random ();
  gf_sandbox_store_changed (self->store);
  g_message ("payment page of %s opened", operation->idop);
  respond_page (msg, gf_sandbox_html_choice (operation, self->options.direct_debit));
}

static void
post_page (GfSandbox         *self,
           SoupServerMessage *msg)
{
  g_autoptr(GHashTable) fields = gf_sandbox_request_form (msg);
  GfSandboxOperation *operation = gf_sandbox_store_lookup (self->store,
                                                           g_hash_table_lookup (fields, "idop"));
  const char *action = g_hash_table_lookup (fields, "action");
  g_autoptr(GDateTime) paris = gf_sandbox_now_in_paris (self);
  g_autofree char *number = NULL;
  const char *error;

  if (operation == NULL)
    {
      respond_message (msg, SOUP_STATUS_NOT_FOUND, "Opération inconnue",
                       "Cet identifiant d'opération est inconnu (P1).");
      return;
    }
  if (operation->page_token == NULL ||
      g_strcmp0 (g_hash_table_lookup (fields, "jeton"), operation->page_token) != 0)
    {
      respond_message (msg, SOUP_STATUS_FORBIDDEN, "Session de paiement invalide",
                       "Cette session de paiement n'est pas valide. Retournez sur le site de "
                       "votre collectivité pour faire une nouvelle tentative.");
      return;
    }
  if (operation->resultrans != '\0')
    {
      respond_message (msg, SOUP_STATUS_CONFLICT, "Opération déjà utilisée",
                       "Cette opération de paiement est terminée (P3) : elle ne peut pas être "
                       "payée une seconde fois.");
      return;
    }
  if (gf_sandbox_operation_get_state (operation, gf_sandbox_now (self)) ==
      GF_SANDBOX_STATE_EXPIRED)
    {
      respond_message (msg, SOUP_STATUS_GONE, "Session expirée",
                       "Votre session de paiement a expiré (P4). Retournez sur le site de votre "
                       "collectivité pour faire une nouvelle tentative.");
      return;
    }

  if (g_strcmp0 (action, "carte") == 0)
    respond_page (msg, gf_sandbox_html_card (operation, NULL, g_date_time_get_year (paris)));
  else if (g_strcmp0 (action, "prelevement") == 0 && self->options.direct_debit)
    respond_page (msg, gf_sandbox_html_debit (operation, NULL));
  else if (g_strcmp0 (action, "annuler") == 0)
    finish (self, msg, operation, 'A', NULL);
  else if (g_strcmp0 (action, "valider-carte") == 0)
    {
      error = check_card (self, fields, &number);
      if (error != NULL)
        respond_page (msg, gf_sandbox_html_card (operation, error, g_date_time_get_year (paris)));
      else
        finish (self, msg, operation,
                outcome (test_cards, G_N_ELEMENTS (test_cards), number, 'R'), "carte");
    }
  else if (g_strcmp0 (action, "valider-prelevement") == 0 && self->options.direct_debit)
    {
      error = check_iban (fields, &number);
      if (error != NULL)
        respond_page (msg, gf_sandbox_html_debit (operation, error));
      else
        finish (self, msg, operation,
                outcome (test_ibans, G_N_ELEMENTS (test_ibans), number, 'Z'), "prelevement");
    }
  else
    respond_message (msg, SOUP_STATUS_BAD_REQUEST, "Demande invalide",
                     "Ce choix n'est pas proposé.");
}

static void
page_cb (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  GfSandbox *self = user_data;
  const char *method = soup_server_message_get_method (msg);

  if (strcmp (path, GF_SANDBOX_PAGE_PATH) != 0)
    respond_message (msg, SOUP_STATUS_NOT_FOUND, "Page introuvable", "Cette page n'existe pas.");
  else if (strcmp (method, "GET") == 0)
    open_page (self, msg, query);
  else if (strcmp (method, "POST") == 0)
    post_page (self, msg);
  else
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Allow", "GET, POST");
      respond_message (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Méthode non autorisée",
                       "Cette page s'ouvre par un lien.");
    }
}

void
_gf_sandbox_page_register (GfSandbox *self)
{
  soup_server_add_handler (self->server, GF_SANDBOX_PAGE_PATH, page_cb, self, NULL);
}
