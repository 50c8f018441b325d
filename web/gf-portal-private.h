/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gf-portal.h"

G_BEGIN_DECLS

void  _gf_web_add_security_headers (SoupServerMessage *msg,
                                    const char        *payfip_origin);
void  _gf_web_auth_register        (GfPortal          *portal);
void  _gf_web_activation_register  (GfPortal          *portal);
void  _gf_web_pages_register       (GfPortal          *portal);
void  _gf_web_invoices_register    (GfPortal          *portal);
void  _gf_web_payment_register     (GfPortal          *portal);
void  _gf_web_profile_register     (GfPortal          *portal);
void  _gf_web_contact_register     (GfPortal          *portal);
GResource *_gf_web_get_resource    (void);
void  gf_web_reconciler_start      (GfDb              *db,
                                    gpointer           mail_sender,
                                    guint              interval_seconds);

G_END_DECLS
