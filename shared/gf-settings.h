/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gf-audit.h"

G_BEGIN_DECLS

/* The collectivité's settings, shared by the portal and the staff application. A key that
 * was never set reads as its default. */
#define GF_SETTING_COLLECTIVITE_NAME   "collectivite_name"
#define GF_SETTING_SERVICE_NAME        "service_name"
#define GF_SETTING_ADDRESS             "address"
#define GF_SETTING_PHONE               "phone"
#define GF_SETTING_OPENING_HOURS       "opening_hours"
#define GF_SETTING_CONTACT_EMAIL       "contact_email"
#define GF_SETTING_PORTAL_URL          "portal_url"
#define GF_SETTING_MAIL_SENDER         "mail_sender"
#define GF_SETTING_SMTP_URL            "smtp_url"
#define GF_SETTING_SMTP_USERNAME       "smtp_username"
#define GF_SETTING_SMTP_PASSWORD       "smtp_password"
#define GF_SETTING_PAYFIP_NUMCLI       "payfip_numcli"
#define GF_SETTING_PAYFIP_SAISIE       "payfip_saisie"
#define GF_SETTING_PAYFIP_ENDPOINT     "payfip_endpoint"
#define GF_SETTING_PAYFIP_PAYMENT_URL  "payfip_payment_url"
#define GF_SETTING_PAYMENTS_MULTI      "payments_multi"
#define GF_SETTING_PAYMENTS_SUSPENDED  "payments_suspended"
#define GF_SETTING_PAYMENT_LOCK_MINUTES "payment_lock_minutes"
#define GF_SETTING_INVOICE_DUE_DAYS    "invoice_due_days"

gboolean            gf_settings_is_known  (const char     *key);
const char * const *gf_settings_list_keys (void);
char               *gf_settings_get       (GfDb           *db,
                                           const char     *key) G_GNUC_WARN_UNUSED_RESULT;
gint64              gf_settings_get_int   (GfDb           *db,
                                           const char     *key);
gboolean            gf_settings_get_bool  (GfDb           *db,
                                           const char     *key);
gboolean            gf_settings_set       (GfDb           *db,
                                           const GfActor  *actor,
                                           const char     *key,
                                           const char     *value,
                                           GError        **error);
gboolean            gf_settings_check     (const char     *key,
                                           const char     *value,
                                           GError        **error);
gboolean            gf_settings_set_many  (GfDb           *db,
                                           const GfActor  *actor,
                                           GHashTable     *values,
                                           const char    **out_bad_key,
                                           GError        **error);

G_END_DECLS
