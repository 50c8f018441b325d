/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "gf-audit.h"
#include "gf-record.h"

G_BEGIN_DECLS

/* A child's enrolment in a service (canteen, morning care…) at an establishment, from a
 * start date to an optional end date. Ending one sets its end date; nothing is deleted,
 * so the billing of past days keeps its enrolment. */
typedef struct
{
  gint64  id;
  gint64  child_id;
  gint64  service_id;
  gint64  establishment_id;
  char   *start_date;           /* ISO */
  char   *end_date;             /* ISO, "" when open-ended */
  /* Read by gf_enrolment_list() only. */
  char   *service_name;
  char   *establishment_name;
} GfEnrolment;

/* A service or an establishment a person can choose in a form. */
typedef struct
{
  gint64  id;
  char   *label;
  char   *kind;                 /* service: canteen…; establishment: school, creche, centre */
} GfEnrolmentChoice;

extern const GfRecordSpec gf_enrolment_spec;

GfEnrolment *gf_enrolment_new                  (gint64          child_id);
void         gf_enrolment_free                 (GfEnrolment    *enrolment);
GfEnrolment *gf_enrolment_get                  (GfDb           *db,
                                                gint64          id,
                                                GError        **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray   *gf_enrolment_list                 (GfDb           *db,
                                                gint64          child_id,
                                                GError        **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean     gf_enrolment_create               (GfDb           *db,
                                                const GfActor  *actor,
                                                GfEnrolment    *enrolment,
                                                GError        **error);
gboolean     gf_enrolment_end                  (GfDb           *db,
                                                const GfActor  *actor,
                                                gint64          id,
                                                const char     *end_date,
                                                GError        **error);
GPtrArray   *gf_enrolment_list_services        (GfDb           *db,
                                                GError        **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray   *gf_enrolment_list_establishments  (GfDb           *db,
                                                GError        **error) G_GNUC_WARN_UNUSED_RESULT;
void         gf_enrolment_choice_free          (GfEnrolmentChoice *choice);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfEnrolment, gf_enrolment_free)

G_END_DECLS
