/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-payfip-client.h"

#include "gf-i18n.h"
#include "gf-payfip-soap.h"

#include <libsoup/soup.h>

/* Bytes asked of the response stream at a time. */
#define READ_CHUNK (64 * 1024)

/**
 * GfPayfipClient:
 *
 * Calls PayFiP's SOAP web service (payfip.md §4, §5) without blocking the main loop.
 * Every call validates its input first and sends nothing when it is wrong, reads at most
 * %GF_PAYFIP_SOAP_MAX_RESPONSE bytes back, and ends within the timeout, connection
 * included. Use a client from the thread that created it: its calls complete in that
 * thread's default main context.
 *
 * The endpoint comes from the settings (%GF_SETTING_PAYFIP_ENDPOINT); never from a
 * request, so a notification cannot send the client elsewhere.
 */
struct _GfPayfipClient
{
  GObject      parent_instance;

  char        *endpoint;
  guint        timeout;
  gint64       max_amount;

  /* Owned References */
  SoupSession *session;
};

typedef enum
{
  OPERATION_CREATE_PAYMENT,
  OPERATION_GET_DETAILS,
  OPERATION_CHECK_CUSTOMER,
} Operation;

/* One SOAP call in flight, the data of its GTask. */
typedef struct
{
  Operation     operation;
  guint         timeout;
  char         *idop;
  SoupMessage  *message;
  GInputStream *stream;
  GByteArray   *body;
  /* Cancelled by the caller's cancellable or by the timeout, whichever comes first. */
  GCancellable *cancellable;
  GSource      *caller_source;
  GSource      *timeout_source;
  gboolean      timed_out;
} Call;

G_DEFINE_FINAL_TYPE (GfPayfipClient, gf_payfip_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENDPOINT,
  PROP_TIMEOUT,
  PROP_MAX_AMOUNT,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static const char * const operation_names[] = {
  [OPERATION_CREATE_PAYMENT] = "creerPaiementSecurise",
  [OPERATION_GET_DETAILS] = "recupererDetailPaiementSecurise",
  [OPERATION_CHECK_CUSTOMER] = "recupererDetailClient",
};

static void read_more (GTask *task);

/*
 * Auxiliary methods
 */

static void
stop_watching (Call *call)
{
  if (call->timeout_source != NULL)
    {
      g_source_destroy (call->timeout_source);
      g_clear_pointer (&call->timeout_source, g_source_unref);
    }
  if (call->caller_source != NULL)
    {
      g_source_destroy (call->caller_source);
      g_clear_pointer (&call->caller_source, g_source_unref);
    }
}

static void
call_free (gpointer data)
{
  Call *call = data;

  stop_watching (call);
  g_clear_object (&call->cancellable);
  g_clear_object (&call->stream);
  g_clear_object (&call->message);
  g_clear_pointer (&call->body, g_byte_array_unref);
  g_free (call->idop);
  g_free (call);
}

/* Only an absolute http(s) URL; the sandbox on loopback speaks plain http. */
static GUri *
parse_endpoint (const char  *endpoint,
                GError     **error)
{
  g_autoptr(GUri) uri = NULL;

  if (endpoint != NULL && *endpoint != '\0')
    uri = g_uri_parse (endpoint, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0 &&
       g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") != 0))
    {
      _gf_payfip_set_error (error, GF_PAYFIP_ERROR_INVALID_INPUT, "endpoint",
                            _("PayFiP is not configured: set the address of its web service "
                              "in the settings."));
      return NULL;
    }

  return g_steal_pointer (&uri);
}

/* A failure before a complete answer: cancelled, too slow, or no connection. */
static void
return_transport_error (GTask  *task,
                        GError *error)
{
  Call *call = g_task_get_task_data (task);
  GCancellable *caller = g_task_get_cancellable (task);

  stop_watching (call);

  if (caller != NULL && g_cancellable_is_cancelled (caller))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             _("The PayFiP call was cancelled."));
  else if (call->timed_out || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_task_return_new_error (task, GF_PAYFIP_ERROR, GF_PAYFIP_ERROR_TIMEOUT,
                             _("PayFiP did not answer within %u seconds."), call->timeout);
  else
    g_task_return_new_error (task, GF_PAYFIP_ERROR, GF_PAYFIP_ERROR_UNAVAILABLE,
                             _("PayFiP cannot be reached: %s"), error->message);
}

static gpointer
parse_answer (Call                *call,
              const char          *data,
              gsize                length,
              GDestroyNotify      *out_free,
              GError             **error)
{
  switch (call->operation)
    {
    case OPERATION_CREATE_PAYMENT:
      *out_free = g_free;
      return gf_payfip_soap_parse_create_payment (data, length, error);

    case OPERATION_GET_DETAILS:
      {
        g_autoptr(GfPayfipDetail) detail = gf_payfip_soap_parse_get_details (data, length, error);

        *out_free = (GDestroyNotify) gf_payfip_detail_free;
        /* The answer must be about the operation asked about (payfip.md §6, step 4). */
        if (detail != NULL && g_strcmp0 (detail->idop, call->idop) != 0)
          {
            _gf_payfip_set_error (error, GF_PAYFIP_ERROR_INVALID_RESPONSE, "idOp",
                                  _("PayFiP answered about another operation."));
            return NULL;
          }
        return g_steal_pointer (&detail);
      }

    case OPERATION_CHECK_CUSTOMER:
    default:
      *out_free = (GDestroyNotify) gf_payfip_customer_free;
      return gf_payfip_soap_parse_check_customer (data, length, error);
    }
}

/* The whole answer is in: judge it by its HTTP status and its content. */
static void
complete_call (GTask *task)
{
  Call *call = g_task_get_task_data (task);
  guint status = soup_message_get_status (call->message);
  g_autoptr(GError) error = NULL;
  GDestroyNotify free_func = NULL;
  gpointer result;

  stop_watching (call);
  g_debug ("PayFiP %s: HTTP %u, %u bytes", operation_names[call->operation], status,
           call->body->len);

  if (status != SOUP_STATUS_OK && status != SOUP_STATUS_INTERNAL_SERVER_ERROR)
    {
      if (SOUP_STATUS_IS_SERVER_ERROR (status))
        g_task_return_new_error (task, GF_PAYFIP_ERROR, GF_PAYFIP_ERROR_UNAVAILABLE,
                                 _("PayFiP answered with the HTTP error %u."), status);
      else
        g_task_return_new_error (task, GF_PAYFIP_ERROR, GF_PAYFIP_ERROR_INVALID_RESPONSE,
                                 _("PayFiP answered with the unexpected HTTP status %u."),
                                 status);
      return;
    }

  /* Faults come with HTTP 500 (payfip.md §5); a 500 without one is a server failure. */
  result = parse_answer (call, (const char *) call->body->data, call->body->len, &free_func,
                         &error);
  if (status == SOUP_STATUS_INTERNAL_SERVER_ERROR &&
      (result != NULL || g_error_matches (error, GF_PAYFIP_ERROR,
                                          GF_PAYFIP_ERROR_INVALID_RESPONSE)))
    {
      g_clear_pointer (&result, free_func);
      g_task_return_new_error (task, GF_PAYFIP_ERROR, GF_PAYFIP_ERROR_UNAVAILABLE,
                               _("PayFiP answered with the HTTP error %u."), status);
      return;
    }

  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, free_func);
}

static void
too_large (GTask *task)
{
  stop_watching (g_task_get_task_data (task));
  g_task_return_new_error (task, GF_PAYFIP_ERROR, GF_PAYFIP_ERROR_INVALID_RESPONSE,
                           _("PayFiP's answer cannot be used: it is too large."));
}

/*
 * Callbacks
 */

static gboolean
timeout_cb (gpointer user_data)
{
  Call *call = user_data;

  call->timed_out = TRUE;
  g_clear_pointer (&call->timeout_source, g_source_unref);
  g_cancellable_cancel (call->cancellable);

  return G_SOURCE_REMOVE;
}

/* Runs in the main context rather than in GCancellable::cancelled, which may fire in
 * any thread. */
static gboolean
caller_cancelled_cb (GCancellable *caller,
                     gpointer      user_data)
{
  Call *call = user_data;

  g_clear_pointer (&call->caller_source, g_source_unref);
  g_cancellable_cancel (call->cancellable);

  return G_SOURCE_REMOVE;
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      return_transport_error (task, error);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      complete_call (task);
      return;
    }

  if (call->body->len + g_bytes_get_size (chunk) > GF_PAYFIP_SOAP_MAX_RESPONSE)
    {
      too_large (task);
      return;
    }

  g_byte_array_append (call->body, g_bytes_get_data (chunk, NULL),
                       (guint) g_bytes_get_size (chunk));
  read_more (g_steal_pointer (&task));
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;

  call->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (call->stream == NULL)
    {
      return_transport_error (task, error);
      return;
    }

  headers = soup_message_get_response_headers (call->message);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > GF_PAYFIP_SOAP_MAX_RESPONSE)
    {
      too_large (task);
      return;
    }

  call->body = g_byte_array_new ();
  read_more (g_steal_pointer (&task));
}

static void
read_more (GTask *task)
{
  Call *call = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (call->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   call->cancellable, read_cb, task);
}

/* Posts @body to the endpoint; @task (owned) completes with the parsed answer. */
static void
send_call (GfPayfipClient *self,
           GTask          *task,
           Operation       operation,
           GBytes         *body,
           const char     *idop)
{
  g_autoptr(GTask) owned_task = task;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *caller = g_task_get_cancellable (task);
  GMainContext *context = g_task_get_context (task);
  Call *call;

  uri = parse_endpoint (self->endpoint, &error);
  if (uri == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  call = g_new0 (Call, 1);
  call->operation = operation;
  call->timeout = self->timeout;
  call->idop = g_strdup (idop);
  call->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, call, call_free);

  call->message = soup_message_new_from_uri (SOUP_METHOD_POST, uri);
  soup_message_add_flags (call->message, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_set_request_body_from_bytes (call->message, GF_PAYFIP_SOAP_CONTENT_TYPE, body);
  /* SOAP 1.1 with the WSDL's soapAction="" (payfip.md §5). */
  soup_message_headers_replace (soup_message_get_request_headers (call->message),
                                "SOAPAction", "\"\"");

  call->timeout_source = g_timeout_source_new (self->timeout * 1000);
  g_source_set_callback (call->timeout_source, timeout_cb, call, NULL);
  g_source_attach (call->timeout_source, context);

  if (caller != NULL)
    {
      call->caller_source = g_cancellable_source_new (caller);
      g_source_set_callback (call->caller_source, G_SOURCE_FUNC (caller_cancelled_cb), call,
                             NULL);
      g_source_attach (call->caller_source, context);
    }

  soup_session_send_async (self->session, call->message, G_PRIORITY_DEFAULT, call->cancellable,
                           sent_cb, g_steal_pointer (&owned_task));
}

/*
 * GObject overrides
 */

static void
gf_payfip_client_finalize (GObject *object)
{
  GfPayfipClient *self = (GfPayfipClient *) object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->endpoint, g_free);

  G_OBJECT_CLASS (gf_payfip_client_parent_class)->finalize (object);
}

static void
gf_payfip_client_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GfPayfipClient *self = GF_PAYFIP_CLIENT (object);

  switch (prop_id)
    {
    case PROP_ENDPOINT:
      g_value_set_string (value, self->endpoint);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;

    case PROP_MAX_AMOUNT:
      g_value_set_int64 (value, self->max_amount);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gf_payfip_client_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  GfPayfipClient *self = GF_PAYFIP_CLIENT (object);

  switch (prop_id)
    {
    case PROP_ENDPOINT:
      self->endpoint = g_value_dup_string (value);
      break;

    case PROP_TIMEOUT:
      gf_payfip_client_set_timeout (self, g_value_get_uint (value));
      break;

    case PROP_MAX_AMOUNT:
      gf_payfip_client_set_max_amount (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gf_payfip_client_class_init (GfPayfipClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gf_payfip_client_finalize;
  object_class->get_property = gf_payfip_client_get_property;
  object_class->set_property = gf_payfip_client_set_property;

  /**
   * GfPayfipClient:endpoint:
   *
   * The SOAP endpoint, such as %GF_PAYFIP_ENDPOINT_PRODUCTION.
   */
  properties[PROP_ENDPOINT] =
    g_param_spec_string ("endpoint", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * GfPayfipClient:timeout:
   *
   * The seconds a call may take, from connecting to the last byte of the answer.
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, GF_PAYFIP_CLIENT_MAX_TIMEOUT,
                       GF_PAYFIP_CLIENT_DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS |
                       G_PARAM_EXPLICIT_NOTIFY);

  /**
   * GfPayfipClient:max-amount:
   *
   * The largest payment, in cents, that create_payment sends (payfip.md §8).
   */
  properties[PROP_MAX_AMOUNT] =
    g_param_spec_int64 ("max-amount", NULL, NULL, GF_PAYFIP_AMOUNT_MIN,
                        GF_PAYFIP_AMOUNT_MAX_LIMIT, GF_PAYFIP_AMOUNT_MAX_DEFAULT,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gf_payfip_client_init (GfPayfipClient *self)
{
  self->timeout = GF_PAYFIP_CLIENT_DEFAULT_TIMEOUT;
  self->max_amount = GF_PAYFIP_AMOUNT_MAX_DEFAULT;
  /* Verified TLS with the system's authorities, no cookies, no redirects followed. */
  self->session = soup_session_new_with_options ("user-agent", "Guichet-Familles/" PACKAGE_VERSION,
                                                 "timeout", self->timeout,
                                                 NULL);
}

/*
 * Public API
 */

/**
 * gf_payfip_client_new:
 * @endpoint: the SOAP endpoint (%GF_SETTING_PAYFIP_ENDPOINT); a call fails with
 *   %GF_PAYFIP_ERROR_INVALID_INPUT while it is not an http(s) URL
 * @timeout_seconds: how long a call may take, or 0 for
 *   %GF_PAYFIP_CLIENT_DEFAULT_TIMEOUT
 *
 * Returns: (transfer full): a new client
 */
GfPayfipClient *
gf_payfip_client_new (const char *endpoint,
                      guint       timeout_seconds)
{
  g_return_val_if_fail (endpoint != NULL, NULL);

  return g_object_new (GF_TYPE_PAYFIP_CLIENT,
                       "endpoint", endpoint,
                       "timeout", timeout_seconds != 0 ? timeout_seconds
                                                       : GF_PAYFIP_CLIENT_DEFAULT_TIMEOUT,
                       NULL);
}

const char *
gf_payfip_client_get_endpoint (GfPayfipClient *self)
{
  g_return_val_if_fail (GF_IS_PAYFIP_CLIENT (self), NULL);

  return self->endpoint;
}

guint
gf_payfip_client_get_timeout (GfPayfipClient *self)
{
  g_return_val_if_fail (GF_IS_PAYFIP_CLIENT (self), 0);

  return self->timeout;
}

/**
 * gf_payfip_client_set_timeout:
 *
 * Sets how long the next calls may take, in seconds (1 to %GF_PAYFIP_CLIENT_MAX_TIMEOUT).
 */
void
gf_payfip_client_set_timeout (GfPayfipClient *self,
                              guint           timeout_seconds)
{
  g_return_if_fail (GF_IS_PAYFIP_CLIENT (self));
  g_return_if_fail (timeout_seconds >= 1 && timeout_seconds <= GF_PAYFIP_CLIENT_MAX_TIMEOUT);

  if (self->timeout == timeout_seconds)
    return;

  self->timeout = timeout_seconds;
  /* libsoup's own limit is per read or write; ours covers the whole call. */
  g_object_set (self->session, "timeout", timeout_seconds, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

gint64
gf_payfip_client_get_max_amount (GfPayfipClient *self)
{
  g_return_val_if_fail (GF_IS_PAYFIP_CLIENT (self), 0);

  return self->max_amount;
}

/**
 * gf_payfip_client_set_max_amount:
 *
 * Sets the largest payment, in cents, from %GF_PAYFIP_AMOUNT_MIN to
 * %GF_PAYFIP_AMOUNT_MAX_LIMIT.
 */
void
gf_payfip_client_set_max_amount (GfPayfipClient *self,
                                 gint64          max_amount)
{
  g_return_if_fail (GF_IS_PAYFIP_CLIENT (self));
  g_return_if_fail (max_amount >= GF_PAYFIP_AMOUNT_MIN && max_amount <= GF_PAYFIP_AMOUNT_MAX_LIMIT);

  if (self->max_amount == max_amount)
    return;

  self->max_amount = max_amount;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_AMOUNT]);
}

/**
 * gf_payfip_client_create_payment_async:
 * @self: a client
 * @request: the payment; checked first (gf_payfip_request_validate()), and nothing is
 *   sent when a field is wrong
 * @cancellable: (nullable): cancels the call
 * @callback: called in the thread-default main context of the caller
 * @user_data: for @callback
 *
 * Calls creerPaiementSecurise. Make one call per attempt: an idOp serves once.
 */
void
gf_payfip_client_create_payment_async (GfPayfipClient        *self,
                                       const GfPayfipRequest *request,
                                       GCancellable          *cancellable,
                                       GAsyncReadyCallback    callback,
                                       gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GF_IS_PAYFIP_CLIENT (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gf_payfip_client_create_payment_async);

  body = gf_payfip_soap_build_create_payment (request, self->max_amount, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  send_call (self, g_steal_pointer (&task), OPERATION_CREATE_PAYMENT, body, NULL);
}

/**
 * gf_payfip_client_create_payment_finish:
 *
 * Returns: (transfer full) (nullable): the idOp of the new operation, for
 *   gf_payfip_payment_url(); %NULL with a #GF_PAYFIP_ERROR (or %G_IO_ERROR_CANCELLED)
 */
char *
gf_payfip_client_create_payment_finish (GfPayfipClient  *self,
                                        GAsyncResult    *result,
                                        GError         **error)
{
  g_return_val_if_fail (GF_IS_PAYFIP_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        gf_payfip_client_create_payment_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * gf_payfip_client_get_details_async:
 * @self: a client
 * @idop: the operation to ask about
 * @cancellable: (nullable): cancels the call
 * @callback: called in the thread-default main context of the caller
 * @user_data: for @callback
 *
 * Calls recupererDetailPaiementSecurise: the authoritative outcome of a payment.
 */
void
gf_payfip_client_get_details_async (GfPayfipClient      *self,
                                    const char          *idop,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GF_IS_PAYFIP_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gf_payfip_client_get_details_async);

  body = gf_payfip_soap_build_get_details (idop, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  send_call (self, g_steal_pointer (&task), OPERATION_GET_DETAILS, body, idop);
}

/**
 * gf_payfip_client_get_details_finish:
 *
 * The detail is about the idOp asked for (checked); compare the rest with
 * gf_payfip_detail_check() before believing it.
 *
 * Returns: (transfer full) (nullable): the outcome; %NULL with a #GF_PAYFIP_ERROR, among
 *   which %GF_PAYFIP_ERROR_PENDING (P5) and %GF_PAYFIP_ERROR_EXPIRED (P1)
 */
GfPayfipDetail *
gf_payfip_client_get_details_finish (GfPayfipClient  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (GF_IS_PAYFIP_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        gf_payfip_client_get_details_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * gf_payfip_client_check_customer_async:
 * @self: a client
 * @numcli: the customer number to check (%GF_SETTING_PAYFIP_NUMCLI)
 * @cancellable: (nullable): cancels the call
 * @callback: called in the thread-default main context of the caller
 * @user_data: for @callback
 *
 * Calls recupererDetailClient, a cheap check of the configuration (payfip.md §5.4).
 */
void
gf_payfip_client_check_customer_async (GfPayfipClient      *self,
                                       const char          *numcli,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GF_IS_PAYFIP_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gf_payfip_client_check_customer_async);

  body = gf_payfip_soap_build_check_customer (numcli, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  send_call (self, g_steal_pointer (&task), OPERATION_CHECK_CUSTOMER, body, NULL);
}

/**
 * gf_payfip_client_check_customer_finish:
 *
 * Returns: (transfer full) (nullable): the customer PayFiP knows; an unknown number
 *   gives a fault (%GF_PAYFIP_ERROR_FUNCTIONAL)
 */
GfPayfipCustomer *
gf_payfip_client_check_customer_finish (GfPayfipClient  *self,
                                        GAsyncResult    *result,
                                        GError         **error)
{
  g_return_val_if_fail (GF_IS_PAYFIP_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        gf_payfip_client_check_customer_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
