/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-portal-private.h"
#include "gf-audit.h"
#include "gf-citizen-account.h"
#include "gf-citizen-token.h"
#include "gf-settings.h"
#include "gf-validate.h"
#include "gf-web-mail.h"
#include "gf-web-password.h"
#include "gf-web-session.h"

/* "J'active mon compte" and "Mot de passe oublié": an address → a single-use link by
 * e-mail → a new password. The first page answers the same whatever the address, so it
 * tells nobody which addresses the service knows (DESIGN.md, key flows). */

typedef struct
{
  GfCitizenTokenKind  kind;
  const char         *path;         /* the request page; the link page is path + "/lien" */
  const char         *title;
  const char         *intro;
  const char         *link_validity;
} Flow;

static const Flow activation = {
  GF_CITIZEN_TOKEN_ACTIVATION, "/activation", "J’active mon compte",
  "Saisissez l’adresse électronique que vous avez donnée au service. Vous recevrez un lien "
  "pour choisir votre mot de passe.", "24 heures",
};

static const Flow reset = {
  GF_CITIZEN_TOKEN_RESET, "/mot-de-passe-oublie", "Mot de passe oublié",
  "Saisissez l’adresse électronique de votre compte. Vous recevrez un lien pour choisir un "
  "nouveau mot de passe.", "1 heure",
};

static void
render_request_page (GfWebRequest *request,
                     const Flow   *flow,
                     const char   *email,
                     const char   *error,
                     gboolean      sent)
{
  g_autoptr(JsonObject) data = json_object_new ();
  g_autofree char *phone = gf_settings_get (gf_web_db (request), GF_SETTING_PHONE);

  json_object_set_string_member (data, "title", flow->title);
  json_object_set_string_member (data, "intro", flow->intro);
  json_object_set_string_member (data, "action", flow->path);
  json_object_set_string_member (data, "email", email != NULL ? email : "");
  json_object_set_string_member (data, "phone", phone);
  json_object_set_boolean_member (data, "sent", sent);
  if (error != NULL)
    json_object_set_string_member (data, "error", error);
  gf_web_render (request, SOUP_STATUS_OK, "link-request", data);
}

static void
request_get (GfWebRequest *request,
             const Flow   *flow)
{
  render_request_page (request, flow, NULL, NULL, FALSE);
}

typedef struct
{
  GfWebRequest *request;
  const Flow   *flow;
  const char   *email;
} SendCall;

/* What to send, if anything, to @email: a link, or for an already active account asking
 * for activation the advice to use "Mot de passe oublié". */
static gboolean
send_link_cb (GfDb      *db,
              gpointer   user_data,
              GError   **error)
{
  SendCall *call = user_data;
  g_autoptr(GfCitizenAccount) account = gf_citizen_account_get_by_email (db, call->email, NULL);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *link = NULL;
  g_autofree char *link_path = NULL;
  g_autofree char *body = NULL;
  g_autofree char *collectivite = gf_settings_get (db, GF_SETTING_COLLECTIVITE_NAME);
  g_autofree char *subject = NULL;
  GfCitizenTokenKind kind = call->flow->kind;

  if (account == NULL || g_str_equal (account->state, "disabled"))
    return TRUE;

  /* Activation asked for an active account: no link, advice. Forgotten password for an
   * account never activated: the activation link it needs. */
  if (kind == GF_CITIZEN_TOKEN_ACTIVATION && g_str_equal (account->state, "active"))
    {
      g_autofree char *forgot = gf_web_link (call->request, reset.path, "");

      forgot[strlen (forgot) - strlen ("?jeton=")] = '\0';
      subject = g_strdup_printf ("Votre compte est déjà actif – %s", collectivite);
      body = g_strdup_printf ("Vous avez demandé l’activation de votre espace sur le portail, "
                              "mais votre compte est déjà actif.\n\nSi vous avez oublié votre "
                              "mot de passe, choisissez-en un nouveau ici :\n%s\n\n"
                              "Si vous n’êtes pas à l’origine de cette demande, ignorez ce "
                              "message.", forgot);
      return gf_web_queue_mail (db, "activation_active", account->email, subject, body, error);
    }
  if (kind == GF_CITIZEN_TOKEN_RESET && g_str_equal (account->state, "pending"))
    kind = GF_CITIZEN_TOKEN_ACTIVATION;

  token = gf_citizen_token_create (db, account->id, kind, NULL, &local_error);
  if (token == NULL)
    {
      /* Too many links this hour: say nothing more than usual, send nothing more. */
      if (g_error_matches (local_error, GF_INPUT_ERROR, GF_INPUT_ERROR_OUT_OF_RANGE))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  link_path = g_strconcat (kind == GF_CITIZEN_TOKEN_ACTIVATION ? activation.path : reset.path,
                           "/lien", NULL);
  link = gf_web_link (call->request, link_path, token);
  if (kind == GF_CITIZEN_TOKEN_ACTIVATION)
    {
      subject = g_strdup_printf ("Accès au portail des familles – %s", collectivite);
      body = g_strdup_printf ("Vous avez demandé l’activation de votre espace sur le portail "
                              "des familles.\n\nCliquez sur le lien suivant, ou copiez-le dans "
                              "votre navigateur, pour choisir votre mot de passe :\n%s\n\n"
                              "Ce lien ne sert qu’une fois et reste valable %s.",
                              link, activation.link_validity);
    }
  else
    {
      subject = g_strdup_printf ("Nouveau mot de passe – %s", collectivite);
      body = g_strdup_printf ("Vous avez demandé à changer le mot de passe de votre espace.\n\n"
                              "Cliquez sur le lien suivant, ou copiez-le dans votre navigateur, "
                              "pour en choisir un nouveau :\n%s\n\nCe lien ne sert qu’une fois "
                              "et reste valable %s. Si vous n’êtes pas à l’origine de cette "
                              "demande, ignorez ce message : votre mot de passe ne change pas.",
                              link, reset.link_validity);
    }
  return gf_web_queue_mail (db, kind == GF_CITIZEN_TOKEN_ACTIVATION ? "activation" : "reset",
                            account->email, subject, body, error);
}

static void
request_post (GfWebRequest *request,
              const Flow   *flow)
{
  g_autofree char *email = gf_normalize_email (gf_web_form_get (request, "email"));
  g_autoptr(GError) error = NULL;
  SendCall call = { request, flow, email };

  if (email == NULL || !gf_validate_email (email, NULL))
    {
      render_request_page (request, flow, gf_web_form_get (request, "email"),
                           "Saisissez une adresse électronique valide, par exemple "
                           "marie.dupont@exemple.fr.", FALSE);
      return;
    }

  if (!gf_db_write (gf_web_db (request), send_link_cb, &call, &error))
    {
      g_warning ("sending a %s link: %s", flow->path, error->message);
      gf_web_error_page (request, SOUP_STATUS_SERVICE_UNAVAILABLE,
                         "Votre demande n’a pas pu être enregistrée. Réessayez dans un moment.");
      return;
    }
  gf_web_wake_mail (request);
  render_request_page (request, flow, NULL, NULL, TRUE);
}

static void
render_link_page (GfWebRequest *request,
                  const Flow   *flow,
                  guint         status,
                  const char   *token,
                  const char   *error)
{
  g_autoptr(JsonObject) data = json_object_new ();
  g_autofree char *action = g_strconcat (flow->path, "/lien", NULL);

  json_object_set_string_member (data, "title", flow->kind == GF_CITIZEN_TOKEN_ACTIVATION
                                                ? "Choisir mon mot de passe"
                                                : "Choisir un nouveau mot de passe");
  json_object_set_string_member (data, "action", action);
  json_object_set_string_member (data, "token", token);
  if (error != NULL)
    json_object_set_string_member (data, "error", error);
  gf_web_render (request, status, "set-password", data);
}

static void
dead_link (GfWebRequest *request,
           const Flow   *flow)
{
  g_autofree char *message = g_strdup_printf (
    "Ce lien n’est plus valable : il a déjà servi, ou il a expiré. Demandez-en un nouveau "
    "depuis la page « %s ».", flow->title);

  gf_web_error_page (request, SOUP_STATUS_BAD_REQUEST, message);
}

static void
link_get (GfWebRequest *request,
          const Flow   *flow)
{
  const char *token = gf_web_query_get (request, "jeton");

  if (!gf_citizen_token_check (gf_web_db (request), token, flow->kind, NULL, NULL, NULL))
    {
      dead_link (request, flow);
      return;
    }
  render_link_page (request, flow, SOUP_STATUS_OK, token, NULL);
}

typedef struct
{
  const Flow *flow;
  char       *token;
  char       *hash;
  gint64      account_id;
} SetPassword;

static void
set_password_free (gpointer data)
{
  SetPassword *set = data;

  g_free (set->token);
  g_free (set->hash);
  g_free (set);
}

static gboolean
set_password_cb (GfDb      *db,
                 GfChange  *change,
                 gpointer   user_data,
                 GError   **error)
{
  SetPassword *set = user_data;
  g_autoptr(GfCitizenAccount) account = NULL;
  g_autoptr(GfStmt) unlock = NULL;

  /* The token is spent in the same transaction that uses it: two clicks, one change. */
  if (!gf_citizen_token_consume (db, set->token, set->flow->kind, &set->account_id, NULL, error))
    return FALSE;
  account = gf_citizen_account_get (db, set->account_id, error);
  if (account == NULL)
    return FALSE;

  /* Either writes the hash and its own audit row (nested); only activation dates it. */
  if (!(set->flow->kind == GF_CITIZEN_TOKEN_ACTIVATION
        ? gf_citizen_account_activate (db, gf_change_get_actor (change), set->account_id,
                                       set->hash, error)
        : gf_citizen_account_set_password (db, gf_change_get_actor (change), set->account_id,
                                           set->hash, error)))
    return FALSE;

  unlock = gf_db_prepare (db, "UPDATE citizen_account SET failed_logins = 0, locked_until = NULL "
                              "WHERE id = ?1", error);
  if (unlock == NULL)
    return FALSE;
  sqlite3_bind_int64 (unlock, 1, set->account_id);
  if (!gf_db_step_done (db, unlock, error))
    return FALSE;

  /* Whoever knew the old password is logged out everywhere. */
  if (!gf_web_session_destroy_others (db, set->account_id, NULL, error))
    return FALSE;

  gf_change_record (change, set->flow->kind == GF_CITIZEN_TOKEN_ACTIVATION
                            ? "set_first_password" : "reset_password",
                    "citizen_account", set->account_id, NULL);
  return TRUE;
}

static void
hashed_cb (GfWebRequest *request,
           const char   *hash,
           gboolean      ok,
           gpointer      user_data)
{
  SetPassword *set = user_data;
  g_autoptr(GError) error = NULL;
  GfActor actor = { GF_ACTOR_CITIZEN, 0, "lien par courriel" };

  if (!ok)
    {
      gf_web_error_page (request, SOUP_STATUS_SERVICE_UNAVAILABLE,
                         "Votre mot de passe n’a pas pu être enregistré. Réessayez dans un moment.");
      return;
    }
  set->hash = g_strdup (hash);

  if (!gf_db_change (gf_web_db (request), &actor, set_password_cb, set, &error))
    {
      if (error->domain == GF_INPUT_ERROR)
        dead_link (request, set->flow);
      else
        {
          g_warning ("setting a password: %s", error->message);
          gf_web_error_page (request, SOUP_STATUS_SERVICE_UNAVAILABLE,
                             "Votre mot de passe n’a pas pu être enregistré. Réessayez dans un moment.");
        }
      return;
    }
  gf_web_redirect (request, "/connexion?message=mot-de-passe");
}

static void
link_post (GfWebRequest *request,
           const Flow   *flow)
{
  const char *token = gf_web_form_get (request, "jeton");
  const char *password = gf_web_form_get (request, "password");
  const char *confirmation = gf_web_form_get (request, "confirmation");
  g_autoptr(GError) error = NULL;
  SetPassword *set;

  if (!gf_citizen_token_check (gf_web_db (request), token, flow->kind, NULL, NULL, NULL))
    {
      dead_link (request, flow);
      return;
    }
  if (!gf_validate_citizen_password (password, &error))
    {
      render_link_page (request, flow, SOUP_STATUS_OK, token, error->message);
      return;
    }
  if (!g_str_equal (password, confirmation))
    {
      render_link_page (request, flow, SOUP_STATUS_OK, token,
                        "Les deux mots de passe ne sont pas identiques. Saisissez-les à nouveau.");
      return;
    }

  set = g_new0 (SetPassword, 1);
  set->flow = flow;
  set->token = g_strdup (token);
  gf_web_password_hash (request, password, hashed_cb, set, set_password_free);
}

static void activation_get (GfWebRequest *r) { request_get (r, &activation); }
static void activation_post (GfWebRequest *r) { request_post (r, &activation); }
static void activation_link_get (GfWebRequest *r) { link_get (r, &activation); }
static void activation_link_post (GfWebRequest *r) { link_post (r, &activation); }
static void reset_get (GfWebRequest *r) { request_get (r, &reset); }
static void reset_post (GfWebRequest *r) { request_post (r, &reset); }
static void reset_link_get (GfWebRequest *r) { link_get (r, &reset); }
static void reset_link_post (GfWebRequest *r) { link_post (r, &reset); }

void
_gf_web_activation_register (GfPortal *portal)
{
  gf_portal_add_route (portal, "GET", "/activation", GF_ROUTE_PUBLIC, activation_get);
  gf_portal_add_route (portal, "POST", "/activation", GF_ROUTE_PUBLIC, activation_post);
  gf_portal_add_route (portal, "GET", "/activation/lien", GF_ROUTE_PUBLIC, activation_link_get);
  gf_portal_add_route (portal, "POST", "/activation/lien", GF_ROUTE_PUBLIC, activation_link_post);
  gf_portal_add_route (portal, "GET", "/mot-de-passe-oublie", GF_ROUTE_PUBLIC, reset_get);
  gf_portal_add_route (portal, "POST", "/mot-de-passe-oublie", GF_ROUTE_PUBLIC, reset_post);
  gf_portal_add_route (portal, "GET", "/mot-de-passe-oublie/lien", GF_ROUTE_PUBLIC, reset_link_get);
  gf_portal_add_route (portal, "POST", "/mot-de-passe-oublie/lien", GF_ROUTE_PUBLIC, reset_link_post);
}
