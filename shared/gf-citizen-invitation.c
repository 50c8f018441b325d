/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-citizen-invitation.h"
#include "gf-citizen-account.h"
#include "gf-citizen-token.h"
#include "gf-i18n.h"
#include "gf-mail-outbox.h"
#include "gf-settings.h"
#include "gf-validate.h"

/* The portal's activation link path: web/gf-web-activation.c serves it. */
#define ACTIVATION_LINK_PATH "/activation/lien"

static gboolean
invite_cb (GfDb      *db,
           GfChange  *change,
           gpointer   user_data,
           GError   **error)
{
  gint64 account_id = *(gint64 *) user_data;
  g_autoptr(GfCitizenAccount) account = gf_citizen_account_get (db, account_id, error);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *portal = NULL;
  g_autofree char *collectivite = NULL;
  g_autofree char *service = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *text = NULL;
  JsonObject *details;

  if (account == NULL)
    return FALSE;
  if (!g_str_equal (account->state, "pending"))
    {
      g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                   _("Only an account waiting for activation can receive an invitation."));
      return FALSE;
    }

  token = gf_citizen_token_create (db, account->id, GF_CITIZEN_TOKEN_ACTIVATION, NULL,
                                   &local_error);
  if (token == NULL)
    {
      if (g_error_matches (local_error, GF_INPUT_ERROR, GF_INPUT_ERROR_OUT_OF_RANGE))
        g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_OUT_OF_RANGE,
                     _("Three invitations were already sent in the last hour; try again later."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  portal = gf_settings_get (db, GF_SETTING_PORTAL_URL);
  while (g_str_has_suffix (portal, "/"))
    portal[strlen (portal) - 1] = '\0';
  collectivite = gf_settings_get (db, GF_SETTING_COLLECTIVITE_NAME);
  service = gf_settings_get (db, GF_SETTING_SERVICE_NAME);

  /* French whatever the staff's locale, like every mail families read. */
  subject = g_strdup_printf ("Accès au portail des familles – %s", collectivite);
  text = g_strdup_printf ("Bonjour,\n\nLe service vous invite à activer votre espace sur le "
                          "portail des familles, avec l’identifiant %s.\n\n"
                          "Cliquez sur le lien suivant, ou copiez-le dans votre navigateur, "
                          "pour choisir votre mot de passe :\n%s%s?jeton=%s\n\n"
                          "Ce lien ne sert qu’une fois et reste valable 24 heures.\n\n"
                          "Salutations distinguées,\n%s – %s\n\n"
                          "Merci de ne pas répondre à ce message.\n",
                          account->email, portal, ACTIVATION_LINK_PATH, token,
                          collectivite, service);
  if (!gf_mail_outbox_enqueue (db, "activation", account->email, subject, text, NULL, NULL,
                               error))
    return FALSE;

  details = json_object_new ();
  json_object_set_string_member (details, "email", account->email);
  gf_change_record (change, "invite", "citizen_account", account->id, details);
  return TRUE;
}

/**
 * gf_citizen_account_send_invitation:
 *
 * Staff invite a family whose account waits for activation: a single-use activation link
 * (24 h, the portal's own "J'active mon compte" link) is queued by e-mail to the login
 * address, in the same transaction as its audit row. At most three links an hour.
 */
gboolean
gf_citizen_account_send_invitation (GfDb           *db,
                                    const GfActor  *actor,
                                    gint64          account_id,
                                    GError        **error)
{
  return gf_db_change (db, actor, invite_cb, &account_id, error);
}
