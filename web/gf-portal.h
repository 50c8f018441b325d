/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "gf-db.h"
#include "gf-template.h"
#include "gf-web-request.h"

/* RFC 6585, absent from libsoup 3.2’s list. */
#define GF_WEB_STATUS_TOO_MANY_REQUESTS 429

G_BEGIN_DECLS

#define GF_TYPE_PORTAL (gf_portal_get_type ())
G_DECLARE_FINAL_TYPE (GfPortal, gf_portal, GF, PORTAL, GObject)

typedef enum
{
  GF_ROUTE_PUBLIC    = 0,
  GF_ROUTE_LOGGED_IN = 1 << 0,  /* redirects to the login page otherwise */
  GF_ROUTE_PREFIX    = 1 << 1,  /* the path is a prefix: "/factures/" */
  /* A POST from a server (PayFiP's notification), not from our forms: no CSRF token. */
  GF_ROUTE_NO_CSRF   = 1 << 2,
} GfRouteFlags;

GfPortal     *gf_portal_new            (const char    *db_path,
                                        const char    *public_url,
                                        GError       **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean      gf_portal_listen         (GfPortal      *self,
                                        const char    *address,
                                        guint          port,
                                        GError       **error);
guint         gf_portal_get_port       (GfPortal      *self);
const char   *gf_portal_get_db_path    (GfPortal      *self);
GfDb         *gf_portal_get_db         (GfPortal      *self);
GfTemplates  *gf_portal_get_templates  (GfPortal      *self);
const char   *gf_portal_get_public_url (GfPortal      *self);
void          gf_portal_add_route      (GfPortal      *self,
                                        const char    *method,
                                        const char    *path,
                                        GfRouteFlags   flags,
                                        GfWebHandler   handler);
void          gf_portal_shutdown       (GfPortal      *self);
void          gf_portal_set_mail_sender (GfPortal     *self,
                                        gpointer       sender);
gpointer      gf_portal_get_mail_sender (GfPortal     *self);
void          gf_portal_set_public_url (GfPortal      *self,
                                        const char    *public_url);
guint         gf_portal_get_in_flight  (GfPortal      *self);

G_END_DECLS
