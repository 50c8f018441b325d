/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "gf-audit.h"
#include "gf-record.h"

G_BEGIN_DECLS

/* A parent or other legal guardian of a family; the payer receives the invoices. */
struct _GfGuardian
{
  gint64    id;
  gint64    family_id;
  char     *civility;        /* "", "M.", "Mme" */
  char     *last_name;
  char     *first_name;
  char     *relation;
  char     *phone_mobile;
  char     *phone_home;
  char     *phone_work;
  char     *email;
  gboolean  payer;
  char     *created_at;
  char     *updated_at;
};

#define GF_TYPE_GUARDIAN (gf_guardian_get_type ())

extern const GfRecordSpec gf_guardian_spec;

GType        gf_guardian_get_type     (void) G_GNUC_CONST;
GfGuardian  *gf_guardian_new          (gint64          family_id);
GfGuardian  *gf_guardian_copy         (const GfGuardian *guardian);
void         gf_guardian_free         (GfGuardian     *guardian);

gboolean     gf_guardian_create       (GfDb           *db,
                                       const GfActor  *actor,
                                       GfGuardian     *guardian,
                                       GError        **error);
GfGuardian  *gf_guardian_get          (GfDb           *db,
                                       gint64          id,
                                       GError        **error);
gboolean     gf_guardian_update       (GfDb           *db,
                                       const GfActor  *actor,
                                       GfGuardian     *guardian,
                                       GError        **error);
gboolean     gf_guardian_delete       (GfDb           *db,
                                       const GfActor  *actor,
                                       gint64          id,
                                       GError        **error);
GPtrArray   *gf_guardian_list         (GfDb           *db,
                                       gint64          family_id,
                                       GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfGuardian, gf_guardian_free)

G_END_DECLS
