/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-portal-private.h"
#include "gf-settings.h"

void
gf_web_redirect (GfWebRequest *request,
                 const char   *location)
{
  /* 303: after a POST the browser fetches the next page with GET, so reloading it never
   * sends the form again. The location stays relative (RFC 9110), right behind any proxy. */
  soup_server_message_set_status (request->msg, SOUP_STATUS_SEE_OTHER, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (request->msg),
                                "Location", location);
}

void
gf_web_set_cookie (GfWebRequest *request,
                   const char   *name,
                   const char   *value,
                   gint64        max_age)
{
  g_autoptr(GString) cookie = g_string_new (NULL);
  const char *url = gf_portal_get_public_url (request->portal);

  g_string_printf (cookie, "%s=%s; Path=/; HttpOnly; SameSite=Lax", name, value);
  if (max_age > 0)
    g_string_append_printf (cookie, "; Max-Age=%lld", (long long)max_age);
  else if (max_age < 0)
    g_string_append (cookie, "; Max-Age=0");
  if (url != NULL && g_str_has_prefix (url, "https:"))
    g_string_append (cookie, "; Secure");

  soup_message_headers_append (soup_server_message_get_response_headers (request->msg),
                               "Set-Cookie", cookie->str);
}

/* What every page shows: the collectivité and its service, who is logged in, the menu,
 * and the token its forms send back. */
static void
add_common (GfWebRequest *request,
            JsonObject   *data)
{
  GfDb *db = gf_web_db (request);
  g_autofree char *collectivite = gf_settings_get (db, GF_SETTING_COLLECTIVITE_NAME);
  g_autofree char *service = gf_settings_get (db, GF_SETTING_SERVICE_NAME);

  json_object_set_string_member (data, "collectivite", collectivite);
  json_object_set_string_member (data, "service", service);
  json_object_set_string_member (data, "csrf", request->session != NULL
                                               ? request->session->csrf_token
                                               : request->anon_csrf);
  if (request->session != NULL)
    {
      JsonObject *user = json_object_new ();

      json_object_set_string_member (user, "name", request->session->display_name);
      json_object_set_string_member (user, "email", request->session->email);
      json_object_set_object_member (data, "user", user);
    }

  /* The menu marks the current section. */
  {
    static const struct { const char *path; const char *label; } items[] = {
      { "/accueil", "Accueil" },
      { "/factures", "Mes factures" },
      { "/mes-informations", "Mes informations" },
      { "/contact", "Contact" },
    };
    JsonArray *menu = json_array_new ();

    for (guint i = 0; i < G_N_ELEMENTS (items); i++)
      {
        JsonObject *item = json_object_new ();

        json_object_set_string_member (item, "path", items[i].path);
        json_object_set_string_member (item, "label", items[i].label);
        json_object_set_boolean_member (item, "current",
                                        g_str_has_prefix (request->path, items[i].path));
        json_array_add_object_element (menu, item);
      }
    json_object_set_array_member (data, "menu", menu);
  }
}

/* Renders @template_name with @data (plus the common part) as the answer. A template that
 * fails is our bug: the family gets the generic error page, the log gets the details. */
void
gf_web_render (GfWebRequest *request,
               guint         status,
               const char   *template_name,
               JsonObject   *data)
{
  g_autoptr(JsonObject) owned = data != NULL ? json_object_ref (data) : json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  gsize length;

  add_common (request, owned);
  html = gf_templates_render (gf_portal_get_templates (request->portal), template_name, owned,
                              &error);
  if (html == NULL)
    {
      g_warning ("rendering %s: %s", template_name, error->message);
      if (!g_str_equal (template_name, "error"))
        gf_web_error_page (request, SOUP_STATUS_INTERNAL_SERVER_ERROR,
                           "Une erreur est survenue de notre côté. Réessayez dans un moment ; "
                           "si elle persiste, contactez le service.");
      return;
    }

  soup_message_headers_replace (soup_server_message_get_response_headers (request->msg),
                                "Cache-Control", "no-store");
  soup_server_message_set_status (request->msg, status, NULL);
  length = strlen (html);
  soup_server_message_set_response (request->msg, "text/html; charset=utf-8", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&html), length);
}

static const char *
status_title (guint status)
{
  switch (status)
    {
    case SOUP_STATUS_BAD_REQUEST: return "Demande incorrecte";
    case SOUP_STATUS_FORBIDDEN: return "Action refusée";
    case SOUP_STATUS_NOT_FOUND: return "Page introuvable";
    case SOUP_STATUS_METHOD_NOT_ALLOWED: return "Action impossible";
    case SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE: return "Envoi trop volumineux";
    case 429: return "Trop de tentatives";
    case SOUP_STATUS_SERVICE_UNAVAILABLE: return "Service momentanément indisponible";
    default: return "Erreur";
    }
}

void
gf_web_error_page (GfWebRequest *request,
                   guint         status,
                   const char   *message)
{
  g_autoptr(JsonObject) data = json_object_new ();

  json_object_set_string_member (data, "title", status_title (status));
  json_object_set_string_member (data, "message", message);
  json_object_set_int_member (data, "status", status);
  gf_web_render (request, status, "error", data);
}
