/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-portal-private.h"
#include "gf-crypto.h"
#include "gf-settings.h"
#include "gf-web-resources.h"
#include "gf-web-session.h"

typedef struct
{
  char         *method;
  char         *path;
  GfRouteFlags  flags;
  GfWebHandler  handler;
} Route;

struct _GfPortal
{
  GObject      parent_instance;

  char        *db_path;
  char        *public_url;
  GfDb        *db;            /* the main loop's connection */
  GfTemplates *templates;
  SoupServer  *server;
  GPtrArray   *routes;
  GObject     *mail_sender;   /* GfMailSender, to wake after queueing a mail */
  guint        port;
  guint        in_flight;
};

G_DEFINE_FINAL_TYPE (GfPortal, gf_portal, G_TYPE_OBJECT)

static void
route_free (gpointer data)
{
  Route *route = data;

  g_free (route->method);
  g_free (route->path);
  g_free (route);
}

GResource *
_gf_web_get_resource (void)
{
  return gf_web_get_resource ();
}

/* On every answer, whatever the handler: the page is never framed, never sniffed, never
 * cached, runs no inline script, and leaks no URL (activation links carry tokens). */
void
_gf_web_add_security_headers (SoupServerMessage *msg,
                              const char        *payfip_origin)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *policy = NULL;

  /* form-action also governs where a form's redirection may lead: confirming a payment
   * answers 303 to PayFiP's page, whose origin must be allowed (and only that one). */
  policy = g_strdup_printf ("default-src 'self'; script-src 'self'; style-src 'self'; "
                            "img-src 'self' data:; form-action 'self'%s%s; base-uri 'none'; "
                            "object-src 'none'; frame-ancestors 'none'",
                            payfip_origin != NULL ? " " : "",
                            payfip_origin != NULL ? payfip_origin : "");
  soup_message_headers_replace (headers, "Content-Security-Policy", policy);
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (headers, "X-Frame-Options", "DENY");
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
  soup_message_headers_replace (headers, "Cross-Origin-Opener-Policy", "same-origin");
  soup_message_headers_replace (headers, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
}

/* "https://www.payfip.gouv.fr" from the payment page's URL in the settings, or NULL. */
static char *
payfip_page_origin (GfDb *db)
{
  g_autofree char *url = gf_settings_get (db, GF_SETTING_PAYFIP_PAYMENT_URL);
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL ||
      (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0))
    return NULL;
  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s://%s:%d", scheme, g_uri_get_host (uri), g_uri_get_port (uri));
  return g_strdup_printf ("%s://%s", scheme, g_uri_get_host (uri));
}

static void
log_access (GfWebRequest *request)
{
  /* The path only: query strings carry tokens, bodies carry passwords. */
  g_print ("%s %s %s %u %.1fms\n", request->client != NULL ? request->client : "-",
           request->method, request->path, soup_server_message_get_status (request->msg),
           (g_get_monotonic_time () - request->started) / 1000.0);
}

static void
request_free (GfWebRequest *request)
{
  if (request->portal != NULL)
    request->portal->in_flight--;
  if (!request->disconnected)
    log_access (request);
  g_clear_pointer (&request->query, g_hash_table_unref);
  g_clear_pointer (&request->form, g_hash_table_unref);
  g_clear_pointer (&request->cookies, g_hash_table_unref);
  g_clear_pointer (&request->session, gf_web_session_free);
  g_free (request->anon_csrf);
  g_free ((char *)request->path);
  g_signal_handlers_disconnect_by_data (request->msg, request);
  g_clear_object (&request->msg);
}

void
gf_web_request_unref (GfWebRequest *request)
{
  g_rc_box_release_full (request, (GDestroyNotify)request_free);
}

static void
disconnected_cb (SoupServerMessage *msg,
                 GfWebRequest      *request)
{
  request->disconnected = TRUE;
}

/**
 * gf_web_request_pause:
 *
 * For a handler that answers later (password hashing, PDF): pauses the message and
 * returns a reference to give to the work; gf_web_request_resume() when it is done.
 */
GfWebRequest *
gf_web_request_pause (GfWebRequest *request)
{
  /* libsoup keeps no count: one unpause undoes any number of pauses. Count them here so
   * work chained from another's callback (verify, then hash) keeps the message paused. */
  if (request->pauses++ == 0)
    soup_server_message_pause (request->msg);
  return g_rc_box_acquire (request);
}

/* Sends the answer, unless the client left meanwhile (libsoup 3.2 cannot unpause a
 * message whose connection is gone: DESIGN.md), and drops the reference. */
void
gf_web_request_resume (GfWebRequest *request)
{
  g_return_if_fail (request->pauses > 0);

  if (--request->pauses == 0 && !request->disconnected)
    soup_server_message_unpause (request->msg);
  gf_web_request_unref (request);
}

GfDb *
gf_web_db (GfWebRequest *request)
{
  return request->portal->db;
}

/* An exact path wins over a prefix ("/factures/payer" over "/factures/"). */
static const Route *
find_route (GfPortal   *self,
            const char *method,
            const char *path,
            gboolean   *out_path_known)
{
  *out_path_known = FALSE;
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->routes->len; i++)
      {
        const Route *route = g_ptr_array_index (self->routes, i);
        gboolean prefix = (route->flags & GF_ROUTE_PREFIX) != 0;
        gboolean match;

        if (prefix != (pass == 1))
          continue;
        match = prefix ? g_str_has_prefix (path, route->path) && path[strlen (route->path)] != '\0'
                       : g_str_equal (path, route->path);
        if (!match)
          continue;
        *out_path_known = TRUE;
        if (g_str_equal (route->method, method))
          return route;
      }
  return NULL;
}

static gboolean
is_form_post (SoupServerMessage *msg)
{
  const char *type = soup_message_headers_get_content_type (
    soup_server_message_get_request_headers (msg), NULL);

  return g_strcmp0 (type, "application/x-www-form-urlencoded") == 0;
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  GfPortal *self = user_data;
  g_autoptr(GfWebRequest) request = g_rc_box_new0 (GfWebRequest);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GError) error = NULL;
  const char *raw_query = g_uri_get_query (soup_server_message_get_uri (msg));
  const Route *route;
  gboolean path_known;

  self->in_flight++;
  request->portal = self;
  request->msg = g_object_ref (msg);
  request->method = soup_server_message_get_method (msg);
  request->path = g_strdup (path);
  request->client = soup_server_message_get_remote_host (msg);
  request->started = g_get_monotonic_time ();
  g_signal_connect (msg, "disconnected", G_CALLBACK (disconnected_cb), request);

  {
    g_autofree char *payfip_origin = payfip_page_origin (self->db);

    _gf_web_add_security_headers (msg, payfip_origin);
  }

  request->query = gf_web_decode_form (raw_query, raw_query != NULL ? strlen (raw_query) : 0, &error);
  if (request->query == NULL)
    {
      gf_web_error_page (request, SOUP_STATUS_BAD_REQUEST,
                         "L’adresse demandée est mal formée. Vérifiez le lien ou revenez à l’accueil.");
      return;
    }

  request->cookies = gf_web_parse_cookies (soup_message_headers_get_one (headers, "Cookie"));
  request->session = gf_web_session_load (self->db, g_hash_table_lookup (request->cookies,
                                                                         GF_SESSION_COOKIE));
  request->anon_csrf = g_strdup (g_hash_table_lookup (request->cookies, GF_CSRF_COOKIE));
  if (request->anon_csrf == NULL || strlen (request->anon_csrf) != 43)
    {
      g_free (request->anon_csrf);
      request->anon_csrf = gf_token_new ();
      gf_web_set_cookie (request, GF_CSRF_COOKIE, request->anon_csrf, 0);
    }

  route = find_route (self, request->method, path, &path_known);
  if (route == NULL)
    {
      if (path_known)
        gf_web_error_page (request, SOUP_STATUS_METHOD_NOT_ALLOWED,
                           "Cette action n’est pas possible sur cette page.");
      else
        gf_web_error_page (request, SOUP_STATUS_NOT_FOUND,
                           "Cette page n’existe pas, ou plus. Vérifiez l’adresse ou revenez à l’accueil.");
      return;
    }

  if (g_str_equal (request->method, "POST"))
    {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);

      if (body->length > GF_WEB_MAX_BODY)
        {
          gf_web_error_page (request, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                             "Les informations envoyées sont trop longues.");
          return;
        }
      if (is_form_post (msg))
        request->form = gf_web_decode_form (body->data, body->length, &error);
      else if (route->flags & GF_ROUTE_NO_CSRF)
        request->form = gf_web_form_new ();
      if (request->form == NULL)
        {
          gf_web_error_page (request, SOUP_STATUS_BAD_REQUEST,
                             "Le formulaire envoyé est mal formé ou trop long. Revenez en arrière et réessayez.");
          return;
        }
      if (!(route->flags & GF_ROUTE_NO_CSRF) && !gf_web_check_csrf (request))
        {
          gf_web_error_page (request, SOUP_STATUS_FORBIDDEN,
                             "Cette page a expiré. Rechargez-la et recommencez : rien n’a été enregistré.");
          return;
        }
    }

  if ((route->flags & GF_ROUTE_LOGGED_IN) && request->session == NULL)
    {
      gf_web_redirect (request, "/connexion");
      return;
    }

  route->handler (request);
}

/* Refuses an announced body over the limit before reading it. */
static void
early_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  goffset length = soup_message_headers_get_content_length (
    soup_server_message_get_request_headers (msg));

  if (length > GF_WEB_MAX_BODY)
    {
      _gf_web_add_security_headers (msg, NULL);
      soup_server_message_set_status (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, NULL);
      soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_STATIC,
                                        "Requête trop volumineuse.\n",
                                        strlen ("Requête trop volumineuse.\n"));
    }
}

static void
gf_portal_finalize (GObject *object)
{
  GfPortal *self = (GfPortal *)object;

  g_clear_object (&self->server);
  g_clear_object (&self->mail_sender);
  g_clear_pointer (&self->routes, g_ptr_array_unref);
  g_clear_pointer (&self->templates, gf_templates_free);
  g_clear_object (&self->db);
  g_free (self->db_path);
  g_free (self->public_url);

  G_OBJECT_CLASS (gf_portal_parent_class)->finalize (object);
}

static void
gf_portal_class_init (GfPortalClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gf_portal_finalize;
}

static void
gf_portal_init (GfPortal *self)
{
  self->routes = g_ptr_array_new_with_free_func (route_free);
}

GfPortal *
gf_portal_new (const char  *db_path,
               const char  *public_url,
               GError     **error)
{
  g_autoptr(GfPortal) self = g_object_new (GF_TYPE_PORTAL, NULL);

  self->db_path = g_strdup (db_path);
  self->public_url = g_strdup (public_url);
  self->db = gf_db_open (db_path, GF_DB_OPEN_MIGRATE, error);
  if (self->db == NULL)
    return NULL;

  self->templates = gf_templates_new (gf_web_get_resource (), "/fr/guichetfamilles/web/templates");
  self->server = soup_server_new ("server-header", "guichet-portail", NULL);
  soup_server_add_early_handler (self->server, NULL, early_cb, self, NULL);
  soup_server_add_handler (self->server, NULL, server_cb, self, NULL);

  _gf_web_pages_register (self);
  _gf_web_auth_register (self);
  _gf_web_activation_register (self);
  _gf_web_invoices_register (self);
  _gf_web_payment_register (self);
  _gf_web_profile_register (self);
  _gf_web_contact_register (self);

  return g_steal_pointer (&self);
}

gboolean
gf_portal_listen (GfPortal    *self,
                  const char  *address,
                  guint        port,
                  GError     **error)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
  g_autoptr(GSocketAddress) socket_address = NULL;
  GSList *uris;

  if (inet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "not an IP address: %s", address);
      return FALSE;
    }
  socket_address = g_inet_socket_address_new (inet, (guint16)port);
  if (!soup_server_listen (self->server, socket_address, 0, error))
    return FALSE;

  uris = soup_server_get_uris (self->server);
  if (uris != NULL)
    self->port = (guint)g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
  return TRUE;
}

void
gf_portal_add_route (GfPortal     *self,
                     const char   *method,
                     const char   *path,
                     GfRouteFlags  flags,
                     GfWebHandler  handler)
{
  Route *route = g_new0 (Route, 1);

  route->method = g_strdup (method);
  route->path = g_strdup (path);
  route->flags = flags;
  route->handler = handler;
  g_ptr_array_add (self->routes, route);
}

/* Stops accepting connections; the requests in flight go on and finish on the main loop
 * (gf_portal_get_in_flight() says when none is left). */
void
gf_portal_shutdown (GfPortal *self)
{
  GSList *listeners = soup_server_get_listeners (self->server);

  for (GSList *l = listeners; l != NULL; l = l->next)
    g_socket_close (l->data, NULL);
  g_slist_free (listeners);
}

guint
gf_portal_get_port (GfPortal *self)
{
  return self->port;
}

const char *
gf_portal_get_db_path (GfPortal *self)
{
  return self->db_path;
}

GfDb *
gf_portal_get_db (GfPortal *self)
{
  return self->db;
}

GfTemplates *
gf_portal_get_templates (GfPortal *self)
{
  return self->templates;
}

const char *
gf_portal_get_public_url (GfPortal *self)
{
  return self->public_url;
}

guint
gf_portal_get_in_flight (GfPortal *self)
{
  return self->in_flight;
}

void
gf_portal_set_mail_sender (GfPortal *self,
                           gpointer  sender)
{
  g_set_object (&self->mail_sender, sender);
}

gpointer
gf_portal_get_mail_sender (GfPortal *self)
{
  return self->mail_sender;
}

/* Links in e-mails use this address; by default the one the portal listens on. */
void
gf_portal_set_public_url (GfPortal   *self,
                          const char *public_url)
{
  g_free (self->public_url);
  self->public_url = g_strdup (public_url);
}
