/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gf-audit.h"
#include "gf-child.h"
#include "gf-staff-user.h"

G_BEGIN_DECLS

/* Who may read a child's medical data, and the audited way to read it.
 *
 * The rule (need to know): agents run the canteen and the care services, where an
 * allergy or a PAI matters, and administrators answer for the whole service, so both
 * may open a child's medical data. The régisseur collects money and never needs it.
 * The medical fields are the allergies, the medical history, the doctor and his phone,
 * the PAI flag and its details. The diet and the observations stay readable by every
 * role: the canteen serves the diet, and the observations (glasses, sleep) are daily care.
 *
 * Staff never get medical values from a plain read: gf_child_get_for_staff() blanks them
 * whatever the role, and gf_child_open_medical() hands them over only to a role that
 * may see them, writing a "view-medical" audit row each time. */

#define GF_ACCESS_ERROR (gf_access_error_quark ())

typedef enum
{
  GF_ACCESS_ERROR_DENIED,
} GfAccessError;

GQuark    gf_access_error_quark           (void);

gboolean  gf_staff_role_can_see_medical   (GfStaffRole       role);
gboolean  gf_staff_actor_can_see_medical  (GfDb             *db,
                                           const GfActor    *actor);
gboolean  gf_child_field_is_medical       (const char       *column);
void      gf_child_clear_medical          (GfChild          *child);
void      gf_child_copy_medical           (const GfChild    *source,
                                           GfChild          *dest);

GfChild  *gf_child_get_for_staff          (GfDb             *db,
                                           gint64            child_id,
                                           GError          **error) G_GNUC_WARN_UNUSED_RESULT;
GfChild  *gf_child_open_medical           (GfDb             *db,
                                           const GfActor    *actor,
                                           gint64            child_id,
                                           GError          **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean  gf_child_save_for_staff         (GfDb             *db,
                                           const GfActor    *actor,
                                           GfChild          *child,
                                           gboolean          with_medical,
                                           GError          **error);

G_END_DECLS
