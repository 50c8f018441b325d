/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "gf-audit.h"
#include "gf-record.h"

G_BEGIN_DECLS

/* What a staff user may do grows with the role: agent < régisseur < admin. */
typedef enum
{
  GF_STAFF_ROLE_AGENT,
  GF_STAFF_ROLE_REGISSEUR,
  GF_STAFF_ROLE_ADMIN,
} GfStaffRole;

struct _GfStaffUser
{
  gint64    id;
  char     *login;
  char     *display_name;
  char     *role;            /* "agent", "regisseur", "admin" */
  char     *password_hash;
  gboolean  active;
  char     *created_at;
  char     *last_login_at;
};

#define GF_TYPE_STAFF_USER (gf_staff_user_get_type ())

extern const GfRecordSpec gf_staff_user_spec;

GType         gf_staff_user_get_type      (void) G_GNUC_CONST;
GfStaffUser  *gf_staff_user_new           (const char      *login,
                                           const char      *display_name,
                                           GfStaffRole      role);
GfStaffUser  *gf_staff_user_copy          (const GfStaffUser *user);
void          gf_staff_user_free          (GfStaffUser     *user);
gboolean      gf_staff_role_from_string   (const char      *text,
                                           GfStaffRole     *out_role);
const char   *gf_staff_role_to_string     (GfStaffRole      role);
GfStaffRole   gf_staff_user_get_role      (const GfStaffUser *user);

gboolean      gf_staff_user_create        (GfDb            *db,
                                           const GfActor   *actor,
                                           GfStaffUser     *user,
                                           const char      *password,
                                           GError         **error);
GfStaffUser  *gf_staff_user_get           (GfDb            *db,
                                           gint64           id,
                                           GError         **error);
GfStaffUser  *gf_staff_user_get_by_login  (GfDb            *db,
                                           const char      *login,
                                           GError         **error);
GfStaffUser  *gf_staff_user_authenticate  (GfDb            *db,
                                           const char      *login,
                                           const char      *password,
                                           GError         **error);
gboolean      gf_staff_user_update        (GfDb            *db,
                                           const GfActor   *actor,
                                           GfStaffUser     *user,
                                           GError         **error);
gboolean      gf_staff_user_set_password  (GfDb            *db,
                                           const GfActor   *actor,
                                           gint64           id,
                                           const char      *password,
                                           GError         **error);
GPtrArray    *gf_staff_user_list          (GfDb            *db,
                                           GError         **error);
void          gf_staff_user_actor         (const GfStaffUser *user,
                                           GfActor         *out_actor);
gboolean      gf_staff_user_check_new_password (const char *password,
                                                GError    **error);
gboolean      gf_staff_user_add           (GfDb            *db,
                                           const GfActor   *actor,
                                           GfStaffUser     *user,
                                           const char      *password,
                                           GError         **error);
gboolean      gf_staff_user_change_access (GfDb            *db,
                                           const GfActor   *actor,
                                           gint64           id,
                                           GfStaffRole      role,
                                           gboolean         active,
                                           GError         **error);
gboolean      gf_staff_user_reset_password (GfDb           *db,
                                           const GfActor   *actor,
                                           gint64           id,
                                           const char      *password,
                                           GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfStaffUser, gf_staff_user_free)

G_END_DECLS
