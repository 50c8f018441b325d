/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "gf-db.h"

G_BEGIN_DECLS

/* One row of the audit log as a history list shows it. */
typedef struct
{
  gint64  id;
  char   *at;            /* UTC timestamp */
  char   *actor_kind;    /* "staff", "citizen", "system" */
  char   *actor_label;
  char   *action;
  char   *entity;
  gint64  entity_id;
  char   *details;       /* JSON, as stored: sensitive values were never written */
} GfAuditEntry;

void        gf_audit_entry_free       (GfAuditEntry  *entry);

GPtrArray  *gf_audit_list_for_family  (GfDb          *db,
                                       gint64         family_id,
                                       guint          offset,
                                       guint          limit,
                                       GError       **error) G_GNUC_WARN_UNUSED_RESULT;
char       *gf_audit_entry_describe   (const GfAuditEntry *entry) G_GNUC_WARN_UNUSED_RESULT;
char       *gf_audit_entry_actor      (const GfAuditEntry *entry) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfAuditEntry, gf_audit_entry_free)

G_END_DECLS
