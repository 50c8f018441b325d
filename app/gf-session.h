/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gf-audit.h"
#include "gf-db.h"
#include "gf-staff-user.h"

G_BEGIN_DECLS

/* What gf_session_open() can show. */
typedef enum
{
  GF_SESSION_OBJECT_FAMILY,
  GF_SESSION_OBJECT_CHILD,
  GF_SESSION_OBJECT_INVOICE,
} GfSessionObject;

/* A read for gf_session_read_async(): runs in a worker thread on a read-only connection
 * of its own and returns what it read (never NULL on success). */
typedef gpointer (*GfSessionReadFunc) (GfDb     *db,
                                       gpointer  data,
                                       GError  **error);

#define GF_TYPE_SESSION (gf_session_get_type ())
G_DECLARE_FINAL_TYPE (GfSession, gf_session, GF, SESSION, GObject)

GfSession         *gf_session_new             (GfDb              *db,
                                               const GfStaffUser *user);
GfDb              *gf_session_get_db          (GfSession         *self);
const char        *gf_session_get_db_path     (GfSession         *self);
const GfStaffUser *gf_session_get_user        (GfSession         *self);
GfStaffRole        gf_session_get_role        (GfSession         *self);
gboolean           gf_session_has_role        (GfSession         *self,
                                               GfStaffRole        min_role);
void               gf_session_get_actor       (GfSession         *self,
                                               GfActor           *out_actor);
void               gf_session_toast           (GfSession         *self,
                                               const char        *message);
void               gf_session_open            (GfSession         *self,
                                               GfSessionObject    object,
                                               gint64             id);
void               gf_session_notify_changed  (GfSession         *self);
void               gf_session_check_changes   (GfSession         *self);
void               gf_session_read_async      (GfSession         *self,
                                               GfSessionReadFunc  func,
                                               gpointer           data,
                                               GDestroyNotify     data_free,
                                               GDestroyNotify     result_free,
                                               GCancellable      *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer           user_data);
gpointer           gf_session_read_finish     (GfSession         *self,
                                               GAsyncResult      *result,
                                               GError           **error);

G_END_DECLS
