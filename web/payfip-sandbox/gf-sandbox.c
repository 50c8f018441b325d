/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "PayfipSandbox"

#include "config.h"

#include "gf-sandbox-private.h"

#include <string.h>

/* The sandbox: one SoupServer for the SOAP endpoint, the payment page and the control
 * endpoints; one SoupSession for the notifications; the operations store. Everything runs
 * on the main loop. */

#define MAX_BODY_SIZE (256 * 1024)

struct _GfHeldMessage
{
  SoupServerMessage *msg;
  gulong             disconnected_id;
  gboolean           disconnected;
};

static void
held_disconnected_cb (SoupServerMessage *msg,
                      gpointer           user_data)
{
  GfHeldMessage *held = user_data;

  held->disconnected = TRUE;
}

GfHeldMessage *
gf_held_message_new (SoupServerMessage *msg)
{
  GfHeldMessage *held = g_new0 (GfHeldMessage, 1);

  held->msg = g_object_ref (msg);
  held->disconnected_id = g_signal_connect (msg, "disconnected",
                                            G_CALLBACK (held_disconnected_cb), held);
  soup_server_message_pause (msg);
  return held;
}

/* The message to answer, or NULL when its client has gone. */
SoupServerMessage *
gf_held_message_get (GfHeldMessage *held)
{
  return held->disconnected ? NULL : held->msg;
}

void
gf_held_message_release (GfHeldMessage *held)
{
  g_signal_handler_disconnect (held->msg, held->disconnected_id);
  if (!held->disconnected)
    soup_server_message_unpause (held->msg);
  g_object_unref (held->msg);
  g_free (held);
}

/* The sandbox's clock: the real one moved by the clock offset, so tests can age idOps. */
gint64
gf_sandbox_now (GfSandbox *self)
{
  return g_get_real_time () + self->options.clock_offset * G_USEC_PER_SEC;
}

/* dattrans and heurtrans are French local time (payfip.md §8). */
GDateTime *
gf_sandbox_now_in_paris (GfSandbox *self)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (gf_sandbox_now (self) / G_USEC_PER_SEC);

  return g_date_time_to_timezone (utc, self->paris);
}

/* Sets the status and takes @body (NUL-terminated text, may be NULL) as the response. */
void
gf_sandbox_respond (SoupServerMessage *msg,
                    guint              status,
                    const char        *content_type,
                    char              *body)
{
  soup_server_message_set_status (msg, status, NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, body, strlen (body));
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Cache-Control", "no-store");
}

void
gf_sandbox_respond_json (SoupServerMessage *msg,
                         guint              status,
                         JsonNode          *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  gf_sandbox_respond (msg, status, "application/json", json_generator_to_data (generator, NULL));
}

/* The request body as a NUL-terminated string. */
char *
gf_sandbox_request_text (SoupServerMessage *msg)
{
  g_autoptr(GBytes) bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return g_strndup (data != NULL ? data : "", size);
}

/* The fields of an x-www-form-urlencoded body (an empty table for anything else). */
GHashTable *
gf_sandbox_request_form (SoupServerMessage *msg)
{
  const char *type = soup_message_headers_get_content_type (
    soup_server_message_get_request_headers (msg), NULL);
  g_autofree char *text = NULL;

  if (g_strcmp0 (type, "application/x-www-form-urlencoded") != 0)
    return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  text = gf_sandbox_request_text (msg);
  return soup_form_decode (text);
}

/* Refuses oversized bodies before reading them. */
static void
early_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (soup_message_headers_get_content_length (headers) > MAX_BODY_SIZE)
    gf_sandbox_respond (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "text/plain",
                        g_strdup ("request too large\n"));
}

static void
request_finished_cb (SoupServer        *server,
                     SoupServerMessage *msg,
                     gpointer           user_data)
{
  GUri *uri = soup_server_message_get_uri (msg);

  g_message ("%s %s → %u", soup_server_message_get_method (msg), g_uri_get_path (uri),
             soup_server_message_get_status (msg));
}

GfSandbox *
gf_sandbox_new (const GfSandboxOptions  *options,
                const char              *state_path,
                GError                 **error)
{
  g_autoptr(GfSandbox) self = g_new0 (GfSandbox, 1);

  gf_sandbox_options_init (&self->options);
  gf_sandbox_options_init (&self->initial_options);
  gf_sandbox_options_copy (&self->options, options);
  gf_sandbox_options_copy (&self->initial_options, options);

  self->paris = g_time_zone_new_identifier ("Europe/Paris");
  if (self->paris == NULL)
    self->paris = g_time_zone_new_utc ();

  self->store = gf_sandbox_store_new (state_path, error);
  if (self->store == NULL)
    return NULL;

  /* PayFiP waits 15 s at most, like eopayment does for the other direction. The portal it
   * notifies is on this machine or this network: never through an http_proxy. */
  self->session = soup_session_new_with_options ("timeout", 15,
                                                 "user-agent", "guichet-payfip-sandbox",
                                                 "proxy-resolver", NULL,
                                                 NULL);
  self->server = soup_server_new ("server-header", "guichet-payfip-sandbox", NULL);
  soup_server_add_early_handler (self->server, NULL, early_cb, self, NULL);
  g_signal_connect (self->server, "request-finished", G_CALLBACK (request_finished_cb), self);

  _gf_sandbox_soap_register (self);
  _gf_sandbox_page_register (self);
  _gf_sandbox_control_register (self);

  return g_steal_pointer (&self);
}

gboolean
gf_sandbox_listen (GfSandbox   *self,
                   const char  *address,
                   guint        port,
                   char       **out_url,
                   GError     **error)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
  g_autoptr(GSocketAddress) socket_address = NULL;
  GSList *uris;

  if (inet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "not an IP address: %s",
                   address);
      return FALSE;
    }
  socket_address = g_inet_socket_address_new (inet, (guint16)port);
  if (!soup_server_listen (self->server, socket_address, 0, error))
    return FALSE;

  uris = soup_server_get_uris (self->server);
  if (uris != NULL)
    {
      g_autofree char *host = g_inet_address_to_string (inet);

      /* An IPv6 literal goes in brackets. */
      *out_url = g_strdup_printf (strchr (host, ':') != NULL ? "http://[%s]:%d" : "http://%s:%d",
                                  host, g_uri_get_port (uris->data));
    }
  else
    *out_url = g_strdup_printf ("http://%s:%u", address, port);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
  return TRUE;
}

/* Stops accepting connections. */
void
gf_sandbox_stop (GfSandbox *self)
{
  soup_server_disconnect (self->server);
}

void
gf_sandbox_free (GfSandbox *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->server);
  g_clear_object (&self->session);
  g_clear_pointer (&self->store, gf_sandbox_store_free);
  g_clear_pointer (&self->paris, g_time_zone_unref);
  gf_sandbox_options_clear (&self->options);
  gf_sandbox_options_clear (&self->initial_options);
  g_free (self);
}
