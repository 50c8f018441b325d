/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "PayfipSandbox"

#include "config.h"

#include "gf-sandbox-private.h"

#include <string.h>

/* The server-to-server notification (payfip.md §6): a POST to urlnotif, form-encoded,
 * carrying only the operation's id as idop (or idOp, a switch). The reply's body is
 * ignored; no retry, as none is documented.
 *
 * gf_sandbox_notify_async() completes when the browser may be sent back to urlredirect:
 * by default once the notification has been answered (or has failed), so a portal that
 * handles it is told before the payer arrives; at once when the notification is lost or
 * delayed, which then leaves after the redirect. */

typedef struct
{
  GfSandbox   *sandbox;
  GTask       *task;
  SoupMessage *msg;
  char        *idop;
  char        *url;
  char        *param;
  guint        remaining;
} Delivery;

static void send_next (Delivery *delivery);

static void
delivery_free (Delivery *delivery)
{
  g_clear_object (&delivery->task);
  g_clear_object (&delivery->msg);
  g_free (delivery->idop);
  g_free (delivery->url);
  g_free (delivery->param);
  g_free (delivery);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Delivery *delivery = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) reply = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                               &error);
  GfSandboxOperation *operation = gf_sandbox_store_lookup (delivery->sandbox->store,
                                                           delivery->idop);
  guint status = reply != NULL ? soup_message_get_status (delivery->msg) : 0;

  if (reply != NULL)
    g_message ("notification of %s to %s: HTTP %u", delivery->idop, delivery->url, status);
  else
    g_message ("notification of %s to %s failed: %s", delivery->idop, delivery->url,
               error->message);
  if (operation != NULL)
    {
      operation->notification_status = (int)status;
      gf_sandbox_store_changed (delivery->sandbox->store);
    }

  g_clear_object (&delivery->msg);
  if (delivery->remaining > 0)
    {
      send_next (delivery);
      return;
    }
  if (delivery->task != NULL)
    g_task_return_boolean (delivery->task, TRUE);
  delivery_free (delivery);
}

static void
send_next (Delivery *delivery)
{
  GfSandboxOperation *operation = gf_sandbox_store_lookup (delivery->sandbox->store,
                                                           delivery->idop);
  char *form = soup_form_encode (delivery->param, delivery->idop, NULL);
  g_autoptr(GBytes) body = g_bytes_new_take (form, strlen (form));

  delivery->remaining--;
  delivery->msg = soup_message_new ("POST", delivery->url);
  if (delivery->msg == NULL)
    {
      /* creerPaiementSecurise checked the URL; this is only for a hand-edited state file. */
      g_message ("notification of %s: invalid urlnotif %s", delivery->idop, delivery->url);
      if (delivery->task != NULL)
        g_task_return_boolean (delivery->task, TRUE);
      delivery_free (delivery);
      return;
    }
  soup_message_set_request_body_from_bytes (delivery->msg, "application/x-www-form-urlencoded",
                                            body);
  if (operation != NULL)
    {
      operation->notifications++;
      gf_sandbox_store_changed (delivery->sandbox->store);
    }
  soup_session_send_and_read_async (delivery->sandbox->session, delivery->msg,
                                    G_PRIORITY_DEFAULT, NULL, sent_cb, delivery);
}

static gboolean
delayed_cb (gpointer user_data)
{
  send_next (user_data);
  return G_SOURCE_REMOVE;
}

void
gf_sandbox_notify_async (GfSandbox           *self,
                         const char          *idop,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, callback, user_data);
  GfSandboxOperation *operation = gf_sandbox_store_lookup (self->store, idop);
  const GfSandboxOptions *options = &self->options;
  Delivery *delivery;

  g_task_set_source_tag (task, gf_sandbox_notify_async);

  if (operation == NULL || options->lose_notification)
    {
      g_message ("notification of %s lost on purpose", idop);
      g_task_return_boolean (task, TRUE);
      return;
    }

  delivery = g_new0 (Delivery, 1);
  delivery->sandbox = self;
  delivery->idop = g_strdup (idop);
  delivery->url = g_strdup (operation->urlnotif);
  delivery->param = g_strdup (options->notify_param);
  delivery->remaining = options->duplicate_notification ? 2 : 1;

  if (options->notify_delay_ms > 0)
    {
      g_message ("notification of %s delayed by %u ms", idop, options->notify_delay_ms);
      g_task_return_boolean (task, TRUE);
      g_timeout_add (options->notify_delay_ms, delayed_cb, delivery);
      return;
    }
  delivery->task = g_steal_pointer (&task);
  send_next (delivery);
}

gboolean
gf_sandbox_notify_finish (GAsyncResult  *result,
                          GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
