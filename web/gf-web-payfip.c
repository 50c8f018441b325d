/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-web-payfip.h"
#include "gf-mail-sender.h"
#include "gf-payfip-client.h"
#include "gf-settings.h"

/* PayFiP's answer is the only proof of a payment (payfip.md §6): whatever told us to
 * look (a notification, the browser coming back, the reconciler), we ask PayFiP. */

#define PAYFIP_TIMEOUT_SECONDS 15

typedef struct
{
  GfDb               *db;
  GfMailSender       *mail_sender;  /* woken for the receipt */
  GfPayfipClient     *client;
  char               *idop;
  GfWebPayfipChecked  done;
  gpointer            user_data;
} Check;

static void
check_free (Check *check)
{
  g_clear_object (&check->db);
  g_clear_object (&check->mail_sender);
  g_clear_object (&check->client);
  g_free (check->idop);
  g_free (check);
}

static void
details_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Check *check = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfPayfipDetail) detail = gf_payfip_client_get_details_finish (check->client, result,
                                                                          &error);
  GfPayfipSettled settled = GF_PAYFIP_SETTLED_NOTHING;

  if (detail != NULL)
    {
      g_autofree char *montant = g_strdup_printf ("%lld", (long long)detail->montant);
      GfPayfipOutcome outcome = {
        check->idop, detail->numcli, detail->refdet, montant, detail->saisie,
        detail->resultrans, detail->numauto, detail->dattrans, detail->heurtrans,
      };

      /* The answer must be about the idOp we asked for. */
      if (g_strcmp0 (detail->idop, check->idop) != 0)
        g_set_error (&error, GF_PAYFIP_ERROR, GF_PAYFIP_ERROR_INVALID_RESPONSE,
                     "PayFiP answered about another idOp");
      else if (!gf_payfip_operation_settle (check->db, &outcome, &settled, &error))
        g_prefix_error (&error, "idOp %s: ", check->idop);
    }

  if (settled == GF_PAYFIP_SETTLED_PAID && check->mail_sender != NULL)
    gf_mail_sender_wake (check->mail_sender);
  if (error != NULL && !g_error_matches (error, GF_PAYFIP_ERROR, GF_PAYFIP_ERROR_PENDING))
    g_message ("PayFiP check of %s: %s", check->idop, error->message);
  check->done (settled, error, check->user_data);
  check_free (check);
}

void
gf_web_payfip_check (GfDb               *db,
                     gpointer            mail_sender,
                     const char         *idop,
                     GfWebPayfipChecked  done,
                     gpointer            user_data)
{
  g_autofree char *endpoint = gf_settings_get (db, GF_SETTING_PAYFIP_ENDPOINT);
  Check *check = g_new0 (Check, 1);

  check->db = g_object_ref (db);
  check->mail_sender = mail_sender != NULL ? g_object_ref (mail_sender) : NULL;
  check->client = gf_payfip_client_new (endpoint, PAYFIP_TIMEOUT_SECONDS);
  check->idop = g_strdup (idop);
  check->done = done;
  check->user_data = user_data;
  gf_payfip_client_get_details_async (check->client, idop, NULL, details_cb, check);
}
