/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "gf-audit.h"
#include "gf-record.h"

G_BEGIN_DECLS

/* The child's record of seed 004. Medical fields are marked sensitive: the audit log
 * says when they change, never what they say. */
struct _GfChild
{
  gint64    id;
  gint64    family_id;
  char     *last_name;
  char     *first_name;
  char     *birth_date;
  char     *sex;                /* "", "F", "M" */
  gint64    establishment_id;   /* -1: none */
  char     *class_name;
  char     *diet;
  char     *allergies;
  char     *medical_history;
  char     *observations;
  char     *doctor_name;
  char     *doctor_phone;
  gboolean  pai;
  char     *pai_details;
  gboolean  archived;
  char     *created_at;
  char     *updated_at;
};

/* An emergency contact, a person allowed to pick the child up, or both. */
struct _GfChildContact
{
  gint64    id;
  gint64    child_id;
  char     *last_name;
  char     *first_name;
  char     *relation;
  char     *address;
  char     *postal_code;
  char     *city;
  char     *phone1;
  char     *phone2;
  gboolean  emergency;
  gboolean  pickup;
};

typedef enum
{
  GF_AUTHORIZATION_YES,
  GF_AUTHORIZATION_NO,
  GF_AUTHORIZATION_NOT_APPLICABLE,
} GfAuthorizationValue;

#define GF_TYPE_CHILD (gf_child_get_type ())
#define GF_TYPE_CHILD_CONTACT (gf_child_contact_get_type ())

extern const GfRecordSpec gf_child_spec;
extern const GfRecordSpec gf_child_contact_spec;

GType           gf_child_get_type          (void) G_GNUC_CONST;
GfChild        *gf_child_new               (gint64            family_id);
GfChild        *gf_child_copy              (const GfChild    *child);
void            gf_child_free              (GfChild          *child);
gboolean        gf_child_create            (GfDb             *db,
                                            const GfActor    *actor,
                                            GfChild          *child,
                                            GError          **error);
GfChild        *gf_child_get               (GfDb             *db,
                                            gint64            id,
                                            GError          **error);
gboolean        gf_child_update            (GfDb             *db,
                                            const GfActor    *actor,
                                            GfChild          *child,
                                            GError          **error);
GPtrArray      *gf_child_list              (GfDb             *db,
                                            gint64            family_id,
                                            GError          **error);
gboolean        gf_child_set_authorization (GfDb             *db,
                                            const GfActor    *actor,
                                            gint64            child_id,
                                            gint64            type_id,
                                            GfAuthorizationValue value,
                                            GError          **error);

GType           gf_child_contact_get_type  (void) G_GNUC_CONST;
GfChildContact *gf_child_contact_new       (gint64            child_id);
GfChildContact *gf_child_contact_copy      (const GfChildContact *contact);
void            gf_child_contact_free      (GfChildContact   *contact);
gboolean        gf_child_contact_create    (GfDb             *db,
                                            const GfActor    *actor,
                                            GfChildContact   *contact,
                                            GError          **error);
gboolean        gf_child_contact_update    (GfDb             *db,
                                            const GfActor    *actor,
                                            GfChildContact   *contact,
                                            GError          **error);
gboolean        gf_child_contact_delete    (GfDb             *db,
                                            const GfActor    *actor,
                                            gint64            id,
                                            GError          **error);
GPtrArray      *gf_child_contact_list      (GfDb             *db,
                                            gint64            child_id,
                                            GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfChild, gf_child_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfChildContact, gf_child_contact_free)

G_END_DECLS
