/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gf-payfip-types.h"

G_BEGIN_DECLS

/* Seconds a call may take, connection included, unless told otherwise. */
#define GF_PAYFIP_CLIENT_DEFAULT_TIMEOUT 20
#define GF_PAYFIP_CLIENT_MAX_TIMEOUT     600

#define GF_TYPE_PAYFIP_CLIENT (gf_payfip_client_get_type ())
G_DECLARE_FINAL_TYPE (GfPayfipClient, gf_payfip_client, GF, PAYFIP_CLIENT, GObject)

GfPayfipClient   *gf_payfip_client_new                   (const char           *endpoint,
                                                          guint                 timeout_seconds)
                                                          G_GNUC_WARN_UNUSED_RESULT;
const char       *gf_payfip_client_get_endpoint          (GfPayfipClient       *self);
guint             gf_payfip_client_get_timeout           (GfPayfipClient       *self);
void              gf_payfip_client_set_timeout           (GfPayfipClient       *self,
                                                          guint                 timeout_seconds);
gint64            gf_payfip_client_get_max_amount        (GfPayfipClient       *self);
void              gf_payfip_client_set_max_amount        (GfPayfipClient       *self,
                                                          gint64                max_amount);

void              gf_payfip_client_create_payment_async  (GfPayfipClient       *self,
                                                          const GfPayfipRequest *request,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
char             *gf_payfip_client_create_payment_finish (GfPayfipClient       *self,
                                                          GAsyncResult         *result,
                                                          GError              **error)
                                                          G_GNUC_WARN_UNUSED_RESULT;

void              gf_payfip_client_get_details_async     (GfPayfipClient       *self,
                                                          const char           *idop,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
GfPayfipDetail   *gf_payfip_client_get_details_finish    (GfPayfipClient       *self,
                                                          GAsyncResult         *result,
                                                          GError              **error)
                                                          G_GNUC_WARN_UNUSED_RESULT;

void              gf_payfip_client_check_customer_async  (GfPayfipClient       *self,
                                                          const char           *numcli,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
GfPayfipCustomer *gf_payfip_client_check_customer_finish (GfPayfipClient       *self,
                                                          GAsyncResult         *result,
                                                          GError              **error)
                                                          G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
