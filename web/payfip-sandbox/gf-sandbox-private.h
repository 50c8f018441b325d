/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "gf-sandbox.h"
#include "gf-sandbox-options.h"
#include "gf-sandbox-store.h"

G_BEGIN_DECLS

struct _GfSandbox
{
  SoupServer       *server;
  SoupSession      *session;
  GfSandboxStore   *store;
  GTimeZone        *paris;
  GfSandboxOptions  options;
  GfSandboxOptions  initial_options;
};

/* A request answered later: paused now, unpaused by gf_held_message_release() unless the
 * client went away meanwhile (unpausing a disconnected message fails in libsoup 3.2). */
typedef struct _GfHeldMessage GfHeldMessage;

GfHeldMessage     *gf_held_message_new           (SoupServerMessage *msg);
SoupServerMessage *gf_held_message_get           (GfHeldMessage     *held);
void               gf_held_message_release       (GfHeldMessage     *held);

gint64             gf_sandbox_now                (GfSandbox         *self);
GDateTime         *gf_sandbox_now_in_paris       (GfSandbox         *self);
void               gf_sandbox_respond            (SoupServerMessage *msg,
                                                  guint              status,
                                                  const char        *content_type,
                                                  char              *body);
void               gf_sandbox_respond_json       (SoupServerMessage *msg,
                                                  guint              status,
                                                  JsonNode          *root);
char              *gf_sandbox_request_text       (SoupServerMessage *msg);
GHashTable        *gf_sandbox_request_form       (SoupServerMessage *msg);

/* The route groups, one file each. */
void               _gf_sandbox_soap_register     (GfSandbox         *self);
void               _gf_sandbox_page_register     (GfSandbox         *self);
void               _gf_sandbox_control_register  (GfSandbox         *self);

/* gf-sandbox-notifier.c */
void               gf_sandbox_notify_async       (GfSandbox           *self,
                                                  const char          *idop,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean           gf_sandbox_notify_finish      (GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
