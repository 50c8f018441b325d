/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "gf-audit.h"
#include "gf-record.h"

G_BEGIN_DECLS

/* A family's login on the portal: pending until the family chooses a password. */
struct _GfCitizenAccount
{
  gint64  id;
  gint64  family_id;
  char   *email;
  char   *state;            /* "pending", "active", "disabled" */
  char   *password_hash;    /* empty while pending */
  gint64  failed_logins;
  char   *locked_until;
  char   *last_login_at;
  char   *activated_at;
  char   *created_at;
};

#define GF_TYPE_CITIZEN_ACCOUNT (gf_citizen_account_get_type ())

extern const GfRecordSpec gf_citizen_account_spec;

GType             gf_citizen_account_get_type      (void) G_GNUC_CONST;
GfCitizenAccount *gf_citizen_account_new           (gint64          family_id,
                                                    const char     *email);
GfCitizenAccount *gf_citizen_account_copy          (const GfCitizenAccount *account);
void              gf_citizen_account_free          (GfCitizenAccount *account);
void              gf_citizen_account_clear         (GfCitizenAccount *account);

gboolean          gf_citizen_account_create        (GfDb           *db,
                                                    const GfActor  *actor,
                                                    GfCitizenAccount *account,
                                                    GError        **error);
GfCitizenAccount *gf_citizen_account_get           (GfDb           *db,
                                                    gint64          id,
                                                    GError        **error);
GfCitizenAccount *gf_citizen_account_get_by_email  (GfDb           *db,
                                                    const char     *email,
                                                    GError        **error);
GfCitizenAccount *gf_citizen_account_get_by_family (GfDb           *db,
                                                    gint64          family_id,
                                                    GError        **error);
gboolean          gf_citizen_account_set_email     (GfDb           *db,
                                                    const GfActor  *actor,
                                                    gint64          id,
                                                    const char     *email,
                                                    GError        **error);
gboolean          gf_citizen_account_activate      (GfDb           *db,
                                                    const GfActor  *actor,
                                                    gint64          id,
                                                    const char     *password_hash,
                                                    GError        **error);
gboolean          gf_citizen_account_set_password  (GfDb           *db,
                                                    const GfActor  *actor,
                                                    gint64          id,
                                                    const char     *password_hash,
                                                    GError        **error);
gboolean          gf_citizen_account_disable       (GfDb           *db,
                                                    const GfActor  *actor,
                                                    gint64          id,
                                                    GError        **error);

const char *gf_citizen_account_state_label (const char *state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfCitizenAccount, gf_citizen_account_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GfCitizenAccount, gf_citizen_account_clear)

G_END_DECLS
