/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-portal-private.h"
#include "gf-audit.h"
#include "gf-citizen-account.h"
#include "gf-citizen-token.h"
#include "gf-crypto.h"
#include "gf-date.h"
#include "gf-family.h"
#include "gf-settings.h"
#include "gf-validate.h"
#include "gf-web-mail.h"
#include "gf-web-password.h"
#include "gf-web-session.h"

/* "Mes informations": the login e-mail (changed only once the new address has confirmed
 * it by a link), the password (the current one first), and "no more paper invoices"
 * (after a confirmation step, and the service is told by e-mail). */

#define PROFILE_PATH        "/mes-informations"
#define EMAIL_CONFIRM_PATH  "/mes-informations/email/confirmer"
#define UNAVAILABLE \
  "Votre demande n’a pas pu être enregistrée. Réessayez dans un moment."

typedef struct
{
  const char *email_value;      /* what was typed in the e-mail form */
  const char *email_error;
  const char *password_error;
  gboolean    email_sent;
  gboolean    password_done;
  gboolean    paperless_done;
} ProfileView;

/* The newest address waiting for its confirmation link, if any. */
static char *
pending_email (GfDb   *db,
               gint64  account_id)
{
  g_autoptr(GfStmt) stmt = NULL;
  g_autofree char *now = gf_timestamp_now ();

  stmt = gf_db_prepare (db,
                        "SELECT new_email FROM token WHERE account_id = ?1 "
                        "AND kind = 'email_change' AND used_at IS NULL AND expires_at > ?2 "
                        "ORDER BY id DESC LIMIT 1",
                        NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, account_id);
  gf_stmt_bind_text (stmt, 2, now);
  if (gf_db_step (db, stmt, NULL) != GF_DB_STEP_ROW)
    return NULL;
  return gf_stmt_dup_text (stmt, 0);
}

static void
render_profile (GfWebRequest      *request,
                const ProfileView *view)
{
  GfDb *db = gf_web_db (request);
  GfWebSession *session = request->session;
  g_autoptr(JsonObject) data = json_object_new ();
  g_autoptr(GfFamily) family = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pending = NULL;

  family = gf_family_get (db, session->family_id, &error);
  if (family == NULL)
    {
      g_warning ("profile of family %" G_GINT64_FORMAT ": %s", session->family_id,
                 error->message);
      gf_web_error_page (request, SOUP_STATUS_INTERNAL_SERVER_ERROR,
                         "Une erreur est survenue de notre côté. Réessayez dans un moment.");
      return;
    }

  pending = pending_email (db, session->account_id);
  if (pending != NULL && g_ascii_strcasecmp (pending, session->email) == 0)
    g_clear_pointer (&pending, g_free);

  json_object_set_string_member (data, "title", "Mes informations");
  json_object_set_string_member (data, "login", session->email);
  json_object_set_string_member (data, "email_value", view->email_value != NULL
                                                      ? view->email_value : "");
  if (view->email_error != NULL)
    json_object_set_string_member (data, "email_error", view->email_error);
  if (pending != NULL)
    json_object_set_string_member (data, "pending_email", pending);
  json_object_set_boolean_member (data, "email_sent", view->email_sent && pending != NULL);
  if (view->password_error != NULL)
    json_object_set_string_member (data, "password_error", view->password_error);
  json_object_set_boolean_member (data, "password_done", view->password_done);
  json_object_set_boolean_member (data, "paperless", family->paperless);
  json_object_set_boolean_member (data, "paperless_done", view->paperless_done && family->paperless);
  gf_web_render (request, SOUP_STATUS_OK, "profile", data);
}

static void
profile_get (GfWebRequest *request)
{
  const char *message = gf_web_query_get (request, "message");
  ProfileView view = { 0 };

  view.password_done = g_str_equal (message, "mot-de-passe");
  view.paperless_done = g_str_equal (message, "papier");
  render_profile (request, &view);
}

/*
 * Changing the login e-mail
 */

typedef struct
{
  GfWebRequest *request;
  gint64        account_id;
  const char    *old_email;
  const char    *new_email;
} EmailRequest;

/* The token and the mail that carries it commit together. */
static gboolean
email_request_cb (GfDb      *db,
                  gpointer   user_data,
                  GError   **error)
{
  EmailRequest *call = user_data;
  g_autofree char *collectivite = gf_settings_get (db, GF_SETTING_COLLECTIVITE_NAME);
  g_autofree char *token = NULL;
  g_autofree char *link = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;

  token = gf_citizen_token_create (db, call->account_id, GF_CITIZEN_TOKEN_EMAIL_CHANGE,
                                   call->new_email, error);
  if (token == NULL)
    return FALSE;

  link = gf_web_link (call->request, EMAIL_CONFIRM_PATH, token);
  subject = g_strdup_printf ("Confirmez votre nouvelle adresse – %s", collectivite);
  body = g_strdup_printf ("Vous avez demandé que l’adresse %s devienne votre identifiant sur "
                          "le portail des familles.\n\nCliquez sur le lien suivant, ou "
                          "copiez-le dans votre navigateur, pour la confirmer :\n%s\n\n"
                          "Ce lien ne sert qu’une fois et reste valable 24 heures. D’ici là, "
                          "votre identifiant reste %s. Si vous n’êtes pas à l’origine de cette "
                          "demande, ignorez ce message : rien ne changera.",
                          call->new_email, link, call->old_email);
  return gf_web_queue_mail (db, "email_change", call->new_email, subject, body, error);
}

static void
email_post (GfWebRequest *request)
{
  GfDb *db = gf_web_db (request);
  GfWebSession *session = request->session;
  const char *typed = gf_web_form_get (request, "email");
  g_autofree char *email = gf_normalize_email (typed);
  g_autoptr(GfCitizenAccount) other = NULL;
  g_autoptr(GError) error = NULL;
  ProfileView view = { .email_value = typed };
  EmailRequest call = { request, session->account_id, session->email, email };

  if (email == NULL)
    {
      view.email_error = "Saisissez une adresse électronique valide, par exemple "
                         "marie.dupont@exemple.fr.";
      render_profile (request, &view);
      return;
    }
  if (g_ascii_strcasecmp (email, session->email) == 0)
    {
      view.email_error = "C’est déjà votre adresse de connexion : saisissez la nouvelle adresse.";
      render_profile (request, &view);
      return;
    }
  other = gf_citizen_account_get_by_email (db, email, NULL);
  if (other != NULL && other->id != session->account_id)
    {
      view.email_error = "Cette adresse est déjà utilisée par un autre compte.";
      render_profile (request, &view);
      return;
    }

  if (!gf_db_write (db, email_request_cb, &call, &error))
    {
      if (g_error_matches (error, GF_INPUT_ERROR, GF_INPUT_ERROR_OUT_OF_RANGE))
        {
          view.email_error = "Vous avez demandé trop de liens de confirmation en une heure. "
                             "Utilisez le dernier reçu, ou réessayez plus tard.";
          render_profile (request, &view);
          return;
        }
      g_warning ("requesting an e-mail change: %s", error->message);
      gf_web_error_page (request, SOUP_STATUS_SERVICE_UNAVAILABLE, UNAVAILABLE);
      return;
    }
  gf_web_wake_mail (request);

  view.email_value = NULL;
  view.email_sent = TRUE;
  render_profile (request, &view);
}

typedef struct
{
  GfWebRequest *request;
  const char   *token;
  gint64        account_id;
  char         *old_email;
  char         *new_email;
} EmailConfirm;

/* Spends the link, changes the login and tells the old address, all or nothing. */
static gboolean
email_confirm_cb (GfDb      *db,
                  GfChange  *change,
                  gpointer   user_data,
                  GError   **error)
{
  EmailConfirm *call = user_data;
  g_autoptr(GfCitizenAccount) account = NULL;
  g_autoptr(GfCitizenAccount) other = NULL;
  g_autofree char *collectivite = gf_settings_get (db, GF_SETTING_COLLECTIVITE_NAME);
  g_autofree char *phone = gf_settings_get (db, GF_SETTING_PHONE);
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *call_us = NULL;
  gint64 account_id = 0;

  g_clear_pointer (&call->new_email, g_free);
  if (!gf_citizen_token_consume (db, call->token, GF_CITIZEN_TOKEN_EMAIL_CHANGE, &account_id,
                                 &call->new_email, error))
    return FALSE;
  account = gf_citizen_account_get (db, account_id, error);
  if (account == NULL)
    return FALSE;
  g_free (call->old_email);
  call->old_email = g_strdup (account->email);

  /* Someone took the address since the link was sent: nothing changes. */
  other = gf_citizen_account_get_by_email (db, call->new_email, NULL);
  if (other != NULL && other->id != account_id)
    {
      g_set_error_literal (error, GF_INPUT_ERROR, GF_INPUT_ERROR_DUPLICATE,
                           "the new address is another account's login");
      return FALSE;
    }

  /* Writes the change and its own audit row (nested). */
  if (!gf_citizen_account_set_email (db, gf_change_get_actor (change), account_id,
                                     call->new_email, error))
    return FALSE;

  call_us = phone != NULL && *phone != '\0' ? g_strdup_printf (" au %s", phone) : g_strdup ("");
  subject = g_strdup_printf ("Votre identifiant a changé – %s", collectivite);
  body = g_strdup_printf ("L’adresse de connexion de votre espace sur le portail des familles "
                          "est désormais %s. L’adresse %s, à laquelle ce message est envoyé, "
                          "ne permet plus de vous connecter.\n\nSi vous n’êtes pas à l’origine "
                          "de ce changement, contactez le service sans attendre%s.",
                          call->new_email, call->old_email, call_us);
  return gf_web_queue_mail (db, "email_changed", call->old_email, subject, body, error);
}

static void
email_confirm_get (GfWebRequest *request)
{
  GfDb *db = gf_web_db (request);
  const char *token = gf_web_query_get (request, "jeton");
  g_autoptr(GfCitizenAccount) account = NULL;
  g_autoptr(JsonObject) data = NULL;
  g_autoptr(GError) error = NULL;
  EmailConfirm call = { request, token, 0, NULL, NULL };
  GfActor actor = { GF_ACTOR_CITIZEN, 0, NULL };

  if (!gf_citizen_token_check (db, token, GF_CITIZEN_TOKEN_EMAIL_CHANGE, &call.account_id, NULL,
                               NULL) ||
      (account = gf_citizen_account_get (db, call.account_id, NULL)) == NULL)
    goto dead_link;

  /* The family may follow the link from another device: the link speaks for the account. */
  actor.id = account->id;
  actor.label = account->email;
  if (!gf_db_change (db, &actor, email_confirm_cb, &call, &error))
    {
      if (g_error_matches (error, GF_INPUT_ERROR, GF_INPUT_ERROR_DUPLICATE))
        {
          g_autofree char *message = g_strdup_printf (
            "L’adresse %s est désormais utilisée par un autre compte : votre identifiant n’a "
            "pas changé, il reste %s. Si cette adresse est bien la vôtre, contactez le service.",
            call.new_email, account->email);

          gf_web_error_page (request, SOUP_STATUS_CONFLICT, message);
        }
      else if (error->domain == GF_INPUT_ERROR)
        goto dead_link;
      else
        {
          g_warning ("confirming an e-mail change: %s", error->message);
          gf_web_error_page (request, SOUP_STATUS_SERVICE_UNAVAILABLE, UNAVAILABLE);
        }
      goto out;
    }
  gf_web_wake_mail (request);

  data = json_object_new ();
  json_object_set_string_member (data, "title", "Adresse confirmée");
  json_object_set_string_member (data, "new_email", call.new_email);
  json_object_set_string_member (data, "old_email", call.old_email);
  gf_web_render (request, SOUP_STATUS_OK, "email-confirmed", data);
  goto out;

dead_link:
  gf_web_error_page (request, SOUP_STATUS_BAD_REQUEST,
                     "Ce lien n’est plus valable : il a déjà servi, ou il a expiré. Pour changer "
                     "d’adresse, faites une nouvelle demande depuis la page « Mes informations ».");
out:
  g_free (call.old_email);
  g_free (call.new_email);
}

/*
 * Changing the password: the current one is checked, then the new one hashed, both off
 * the main loop.
 */

typedef struct
{
  gint64        account_id;
  char         *email;
  char         *old_hash;     /* the hash the current password was checked against */
  char         *new_hash;
  char         *password;
  char         *keep_cookie;  /* this browser's session stays open */
} PasswordChange;

static void
password_change_clear (gpointer data)
{
  PasswordChange *change = data;

  if (change->password != NULL)
    memset (change->password, 0, strlen (change->password));
  g_free (change->password);
  g_free (change->email);
  g_free (change->old_hash);
  g_free (change->new_hash);
  g_free (change->keep_cookie);
}

static PasswordChange *
password_change_ref (PasswordChange *change)
{
  return g_rc_box_acquire (change);
}

static void
password_change_unref (gpointer change)
{
  g_rc_box_release_full (change, password_change_clear);
}

static gboolean
store_password_cb (GfDb      *db,
                   GfChange  *change,
                   gpointer   user_data,
                   GError   **error)
{
  PasswordChange *job = user_data;
  g_autoptr(GfCitizenAccount) account = gf_citizen_account_get (db, job->account_id, error);

  if (account == NULL)
    return FALSE;
  /* A reset link used meanwhile: the password we checked is no longer the one. */
  if (g_strcmp0 (account->password_hash, job->old_hash) != 0)
    {
      g_set_error_literal (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                           "the password changed while the new one was being hashed");
      return FALSE;
    }

  /* Writes the hash with its own audit row (nested); the account stays active. */
  if (!gf_citizen_account_set_password (db, gf_change_get_actor (change), job->account_id,
                                        job->new_hash, error))
    return FALSE;

  /* Whoever else knew the old password is logged out; this browser stays. */
  if (!gf_web_session_destroy_others (db, job->account_id, job->keep_cookie, error))
    return FALSE;

  gf_change_record (change, "change_password", "citizen_account", job->account_id, NULL);
  return TRUE;
}

static void
render_password_error (GfWebRequest *request,
                       const char   *message)
{
  ProfileView view = { .password_error = message };

  render_profile (request, &view);
}

static void
hashed_cb (GfWebRequest *request,
           const char   *hash,
           gboolean      ok,
           gpointer      user_data)
{
  PasswordChange *job = user_data;
  GfActor actor = { GF_ACTOR_CITIZEN, job->account_id, job->email };
  g_autoptr(GError) error = NULL;

  if (!ok)
    {
      gf_web_error_page (request, SOUP_STATUS_SERVICE_UNAVAILABLE,
                         "Votre mot de passe n’a pas pu être changé. Réessayez dans un moment.");
      return;
    }
  job->new_hash = g_strdup (hash);

  if (!gf_db_change (gf_web_db (request), &actor, store_password_cb, job, &error))
    {
      if (error->domain == GF_INPUT_ERROR)
        render_password_error (request, "Votre mot de passe a été changé entre-temps. "
                                        "Saisissez le mot de passe actuel et recommencez.");
      else
        {
          g_warning ("changing a password: %s", error->message);
          gf_web_error_page (request, SOUP_STATUS_SERVICE_UNAVAILABLE,
                             "Votre mot de passe n’a pas pu être changé. Réessayez dans un moment.");
        }
      return;
    }
  gf_web_redirect (request, PROFILE_PATH "?message=mot-de-passe");
}

static void
verified_cb (GfWebRequest *request,
             const char   *hash,
             gboolean      ok,
             gpointer      user_data)
{
  PasswordChange *job = user_data;

  if (!ok)
    {
      render_password_error (request, "Le mot de passe actuel n’est pas le bon. "
                                      "Saisissez-le à nouveau.");
      return;
    }
  /* Chained from the verify callback: the pause counter keeps the message paused until
   * the hash is done too (gf_web_request_pause()). */
  gf_web_password_hash (request, job->password, hashed_cb, password_change_ref (job),
                        password_change_unref);
}

static void
password_post (GfWebRequest *request)
{
  GfWebSession *session = request->session;
  const char *current = gf_web_form_get (request, "current");
  const char *password = gf_web_form_get (request, "password");
  const char *confirmation = gf_web_form_get (request, "confirmation");
  g_autoptr(GfCitizenAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  PasswordChange *job;

  if (*current == '\0')
    {
      render_password_error (request, "Saisissez votre mot de passe actuel.");
      return;
    }
  if (!gf_validate_citizen_password (password, &error))
    {
      render_password_error (request, error->message);
      return;
    }
  if (!g_str_equal (password, confirmation))
    {
      render_password_error (request, "Les deux nouveaux mots de passe ne sont pas identiques. "
                                      "Saisissez-les à nouveau.");
      return;
    }
  if (g_str_equal (password, current))
    {
      render_password_error (request, "Choisissez un nouveau mot de passe différent de "
                                      "l’actuel.");
      return;
    }
  if (strlen (current) > GF_PASSWORD_MAX_BYTES)
    {
      render_password_error (request, "Le mot de passe actuel n’est pas le bon. "
                                      "Saisissez-le à nouveau.");
      return;
    }

  account = gf_citizen_account_get (gf_web_db (request), session->account_id, &error);
  if (account == NULL)
    {
      g_warning ("changing a password: %s", error->message);
      gf_web_error_page (request, SOUP_STATUS_SERVICE_UNAVAILABLE,
                         "Votre mot de passe n’a pas pu être changé. Réessayez dans un moment.");
      return;
    }

  job = g_rc_box_new0 (PasswordChange);
  job->account_id = session->account_id;
  job->email = g_strdup (session->email);
  job->old_hash = g_strdup (account->password_hash);
  job->password = g_strdup (password);
  job->keep_cookie = g_strdup (g_hash_table_lookup (request->cookies, GF_SESSION_COOKIE));
  gf_web_password_verify (request, account->password_hash, current, verified_cb, job,
                          password_change_unref);
}

/*
 * No more paper invoices
 */

typedef struct
{
  gint64      family_id;
  const char *login;
  const GfActor *actor;
} PaperlessCall;

static gboolean
paperless_cb (GfDb      *db,
              gpointer   user_data,
              GError   **error)
{
  PaperlessCall *call = user_data;
  g_autoptr(GfFamily) family = gf_family_get (db, call->family_id, error);
  g_autofree char *service_email = NULL;
  g_autofree char *now = NULL;
  g_autofree char *when = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  const char *name;

  if (family == NULL)
    return FALSE;
  if (family->paperless)
    return TRUE;

  /* Its own change and audit row, a savepoint inside this transaction. */
  family->paperless = TRUE;
  if (!gf_family_update (db, call->actor, family, error))
    return FALSE;

  service_email = gf_settings_get (db, GF_SETTING_CONTACT_EMAIL);
  if (service_email == NULL || *service_email == '\0')
    return TRUE;

  now = gf_timestamp_now ();
  when = gf_timestamp_format_fr (now);
  name = family->display_name != NULL && *family->display_name != '\0'
         ? family->display_name : call->login;
  subject = g_strdup_printf ("Factures papier : demande du dossier %s (%s)", family->reference,
                             name);
  body = g_strdup_printf ("Une famille a demandé depuis le portail à ne plus recevoir les "
                          "factures au format papier.\n\nDossier : %s\nPayeur : %s\n"
                          "Identifiant sur le portail : %s\nDemande faite le %s\n\n"
                          "Son dossier est désormais marqué « sans facture papier ».",
                          family->reference, name, call->login, when != NULL ? when : now);
  return gf_web_queue_mail (db, "paperless", service_email, subject, body, error);
}

static void
paperless_post (GfWebRequest *request)
{
  GfDb *db = gf_web_db (request);
  GfWebSession *session = request->session;
  GfActor actor = { GF_ACTOR_CITIZEN, session->account_id, session->email };
  PaperlessCall call = { session->family_id, session->email, &actor };
  g_autoptr(GfFamily) family = NULL;
  g_autoptr(GError) error = NULL;

  family = gf_family_get (db, session->family_id, &error);
  if (family == NULL)
    {
      g_warning ("paperless for family %" G_GINT64_FORMAT ": %s", session->family_id,
                 error->message);
      gf_web_error_page (request, SOUP_STATUS_SERVICE_UNAVAILABLE, UNAVAILABLE);
      return;
    }
  /* Already done: the page says so, and offers nothing. */
  if (family->paperless)
    {
      gf_web_redirect (request, PROFILE_PATH);
      return;
    }
  if (!g_str_equal (gf_web_form_get (request, "confirmer"), "1"))
    {
      g_autoptr(JsonObject) data = json_object_new ();

      json_object_set_string_member (data, "title", "Confirmation");
      gf_web_render (request, SOUP_STATUS_OK, "paperless-confirm", data);
      return;
    }

  if (!gf_db_write (db, paperless_cb, &call, &error))
    {
      g_warning ("paperless for family %" G_GINT64_FORMAT ": %s", session->family_id,
                 error->message);
      gf_web_error_page (request, SOUP_STATUS_SERVICE_UNAVAILABLE,
                         "Votre demande n’a pas pu être enregistrée. Réessayez dans un moment ; "
                         "si cela se reproduit, contactez le service.");
      return;
    }
  gf_web_wake_mail (request);
  gf_web_redirect (request, PROFILE_PATH "?message=papier");
}

void
_gf_web_profile_register (GfPortal *portal)
{
  gf_portal_add_route (portal, "GET", PROFILE_PATH, GF_ROUTE_LOGGED_IN, profile_get);
  gf_portal_add_route (portal, "POST", PROFILE_PATH "/email", GF_ROUTE_LOGGED_IN, email_post);
  gf_portal_add_route (portal, "GET", EMAIL_CONFIRM_PATH, GF_ROUTE_PUBLIC, email_confirm_get);
  gf_portal_add_route (portal, "POST", PROFILE_PATH "/mot-de-passe", GF_ROUTE_LOGGED_IN,
                       password_post);
  gf_portal_add_route (portal, "POST", PROFILE_PATH "/papier", GF_ROUTE_LOGGED_IN,
                       paperless_post);
}
