/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "gf-db.h"

G_BEGIN_DECLS

typedef enum
{
  GF_ACTOR_SYSTEM,
  GF_ACTOR_STAFF,
  GF_ACTOR_CITIZEN,
} GfActorKind;

/* Who makes a change: a staff user, a family's portal account, or the system itself
 * (guichet-admin, the demo, the PayFiP reconciler). Cheap to build on the stack. */
struct _GfActor
{
  GfActorKind  kind;
  gint64       id;
  const char  *label;
};

#define GF_ACTOR_INIT_SYSTEM(label_) { GF_ACTOR_SYSTEM, 0, (label_) }

typedef gboolean (*GfChangeFunc) (GfDb      *db,
                                  GfChange  *change,
                                  gpointer   user_data,
                                  GError   **error);

const char *gf_actor_kind_to_string (GfActorKind     kind);

gboolean    gf_db_change            (GfDb           *db,
                                     const GfActor  *actor,
                                     GfChangeFunc    func,
                                     gpointer        user_data,
                                     GError        **error);

void        gf_change_record        (GfChange       *change,
                                     const char     *action,
                                     const char     *entity,
                                     gint64          entity_id,
                                     JsonObject     *details);
const GfActor *gf_change_get_actor  (GfChange       *change);

gboolean    gf_audit_verify         (GfDb           *db,
                                     gint64         *out_rows,
                                     GError        **error);

G_END_DECLS
