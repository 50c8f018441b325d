/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-portal-private.h"
#include "gf-audit.h"
#include "gf-date.h"
#include "gf-family.h"
#include "gf-settings.h"
#include "gf-validate.h"
#include "gf-web-mail.h"

/* "Contact": a message to the service. It is kept in the family's file (table message,
 * which the staff application shows) and a copy goes to the service's address; the
 * service's phone and opening hours are on the page ("Informations générales"). */

#define CONTACT_PATH        "/contact"
#define NAME_MAX_CHARS      200
#define SUBJECT_MAX_CHARS   200
#define MESSAGE_MAX_CHARS   5000
#define DEFAULT_SUBJECT     "Message du portail"

typedef struct
{
  const char *name;
  const char *email;
  const char *subject;
  const char *message;
  const char *name_error;
  const char *email_error;
  const char *subject_error;
  const char *message_error;
  gboolean    sent;
} ContactView;

static void
set_optional (JsonObject *data,
              const char *member,
              const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (data, member, value);
}

static void
render_contact (GfWebRequest      *request,
                const ContactView *view)
{
  GfDb *db = gf_web_db (request);
  g_autoptr(JsonObject) data = json_object_new ();
  g_autofree char *phone = gf_settings_get (db, GF_SETTING_PHONE);
  g_autofree char *hours = gf_settings_get (db, GF_SETTING_OPENING_HOURS);
  g_autofree char *address = gf_settings_get (db, GF_SETTING_ADDRESS);
  gboolean has_error = view->name_error != NULL || view->email_error != NULL ||
                       view->subject_error != NULL || view->message_error != NULL;

  json_object_set_string_member (data, "title", "Contact");
  json_object_set_string_member (data, "name", view->name != NULL ? view->name : "");
  json_object_set_string_member (data, "email", view->email != NULL ? view->email : "");
  json_object_set_string_member (data, "subject", view->subject != NULL ? view->subject : "");
  json_object_set_string_member (data, "message", view->message != NULL ? view->message : "");
  json_object_set_string_member (data, "default_subject", DEFAULT_SUBJECT);
  set_optional (data, "name_error", view->name_error);
  set_optional (data, "email_error", view->email_error);
  set_optional (data, "subject_error", view->subject_error);
  set_optional (data, "message_error", view->message_error);
  json_object_set_boolean_member (data, "has_error", has_error);
  json_object_set_boolean_member (data, "sent", view->sent);
  set_optional (data, "phone", phone);
  set_optional (data, "opening_hours", hours);
  set_optional (data, "address", address);
  json_object_set_boolean_member (data, "has_info", (phone != NULL && *phone != '\0') ||
                                                    (hours != NULL && *hours != '\0') ||
                                                    (address != NULL && *address != '\0'));
  gf_web_render (request, SOUP_STATUS_OK, "contact", data);
}

static void
contact_get (GfWebRequest *request)
{
  ContactView view = { 0 };

  /* Prefilled with the payer's name and the login; the family may change both. */
  view.name = request->session->display_name;
  view.email = request->session->email;
  view.sent = g_str_equal (gf_web_query_get (request, "message"), "envoye");
  render_contact (request, &view);
}

/* A sentence for the family: ours for the usual cases, the core's for the rest. */
static const char *
text_error (const GError *error,
            const char   *required,
            const char   *too_long)
{
  if (g_error_matches (error, GF_INPUT_ERROR, GF_INPUT_ERROR_REQUIRED) && required != NULL)
    return required;
  if (g_error_matches (error, GF_INPUT_ERROR, GF_INPUT_ERROR_TOO_LONG) && too_long != NULL)
    return too_long;
  return error->message;
}

/* Name and subject are one line each (they end up in a mail header). */
static char *
one_line (const char *text)
{
  char *line = g_strdup (text);

  g_strdelimit (line, "\n\t", ' ');
  return g_strstrip (line);
}

typedef struct
{
  gint64      family_id;
  gint64      account_id;
  const char *login;
  const char *name;
  const char *email;
  const char *subject;
  const char *message;
} ContactCall;

static gboolean
send_cb (GfDb      *db,
         GfChange  *change,
         gpointer   user_data,
         GError   **error)
{
  ContactCall *call = user_data;
  g_autofree char *now = gf_timestamp_now ();
  g_autofree char *service_email = NULL;
  g_autofree char *when = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GfFamily) family = NULL;
  g_autoptr(GfStmt) stmt = NULL;
  gint64 id;

  stmt = gf_db_prepare (db,
                        "INSERT INTO message (family_id, direction, account_id, sender_name, "
                        "sender_email, subject, body, created_at) "
                        "VALUES (?1, 'in', ?2, ?3, ?4, ?5, ?6, ?7)",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, call->family_id);
  sqlite3_bind_int64 (stmt, 2, call->account_id);
  gf_stmt_bind_text (stmt, 3, call->name);
  gf_stmt_bind_text (stmt, 4, call->email);
  gf_stmt_bind_text (stmt, 5, call->subject);
  gf_stmt_bind_text (stmt, 6, call->message);
  gf_stmt_bind_text (stmt, 7, now);
  if (!gf_db_step_done (db, stmt, error))
    return FALSE;
  id = gf_db_last_insert_id (db);
  gf_change_record (change, "send", "message", id, NULL);

  service_email = gf_settings_get (db, GF_SETTING_CONTACT_EMAIL);
  if (service_email == NULL || *service_email == '\0')
    return TRUE;

  family = gf_family_get (db, call->family_id, error);
  if (family == NULL)
    return FALSE;
  when = gf_timestamp_format_fr (now);
  subject = g_strdup_printf ("Portail, dossier %s : %s", family->reference, call->subject);
  body = g_strdup_printf ("Une famille a écrit au service depuis le portail des familles, "
                          "le %s.\n\nDossier : %s\nPayeur : %s\nIdentifiant sur le portail : %s\n"
                          "Nom indiqué : %s\nAdresse pour la réponse : %s\nObjet : %s\n\n"
                          "--- Message ---\n%s\n---\n\nPour répondre, écrivez à %s. Le message "
                          "est aussi enregistré dans le dossier de la famille.",
                          when != NULL ? when : now, family->reference,
                          family->display_name != NULL ? family->display_name : "",
                          call->login, call->name, call->email, call->subject, call->message,
                          call->email);
  return gf_web_queue_mail (db, "contact", service_email, subject, body, error);
}

static void
contact_post (GfWebRequest *request)
{
  GfWebSession *session = request->session;
  g_autofree char *name = one_line (gf_web_form_get (request, "name"));
  g_autofree char *subject = one_line (gf_web_form_get (request, "subject"));
  const char *typed_email = gf_web_form_get (request, "email");
  const char *message = gf_web_form_get (request, "message");
  g_autofree char *email = gf_normalize_email (typed_email);
  g_autoptr(GError) name_error = NULL;
  g_autoptr(GError) email_error = NULL;
  g_autoptr(GError) subject_error = NULL;
  g_autoptr(GError) message_error = NULL;
  g_autoptr(GError) error = NULL;
  GfActor actor = { GF_ACTOR_CITIZEN, session->account_id, session->email };
  ContactView view = { name, typed_email, subject, message };
  ContactCall call = { session->family_id, session->account_id, session->email, name, email,
                       NULL, message };

  if (!gf_validate_text (name, NAME_MAX_CHARS, TRUE, &name_error))
    view.name_error = text_error (name_error, "Indiquez votre nom.",
                                  "Votre nom est trop long : 200 caractères au plus.");
  if (!gf_validate_email (typed_email, &email_error) || email == NULL)
    view.email_error = g_error_matches (email_error, GF_INPUT_ERROR, GF_INPUT_ERROR_REQUIRED)
                       ? "Indiquez l’adresse électronique à laquelle le service vous répondra."
                       : "Saisissez une adresse électronique valide, par exemple "
                         "marie.dupont@exemple.fr.";
  if (!gf_validate_text (subject, SUBJECT_MAX_CHARS, FALSE, &subject_error))
    view.subject_error = text_error (subject_error, NULL,
                                     "L’objet est trop long : 200 caractères au plus.");
  if (!gf_validate_text (message, MESSAGE_MAX_CHARS, TRUE, &message_error))
    view.message_error = text_error (message_error, "Écrivez votre message.",
                                     "Votre message est trop long : 5 000 caractères au plus. "
                                     "Raccourcissez-le, ou envoyez-le en plusieurs fois.");

  if (view.name_error != NULL || view.email_error != NULL || view.subject_error != NULL ||
      view.message_error != NULL)
    {
      render_contact (request, &view);
      return;
    }

  call.subject = *subject != '\0' ? subject : DEFAULT_SUBJECT;
  if (!gf_db_change (gf_web_db (request), &actor, send_cb, &call, &error))
    {
      g_warning ("storing a message from family %" G_GINT64_FORMAT ": %s", session->family_id,
                 error->message);
      gf_web_error_page (request, SOUP_STATUS_SERVICE_UNAVAILABLE,
                         "Votre message n’a pas pu être envoyé. Réessayez dans un moment ; "
                         "si cela se reproduit, appelez le service.");
      return;
    }
  gf_web_wake_mail (request);
  /* After the POST, a page of its own: reloading it sends nothing twice. */
  gf_web_redirect (request, CONTACT_PATH "?message=envoye");
}

void
_gf_web_contact_register (GfPortal *portal)
{
  gf_portal_add_route (portal, "GET", CONTACT_PATH, GF_ROUTE_LOGGED_IN, contact_get);
  gf_portal_add_route (portal, "POST", CONTACT_PATH, GF_ROUTE_LOGGED_IN, contact_post);
}
