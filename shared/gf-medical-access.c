/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-medical-access.h"
#include "gf-i18n.h"

G_DEFINE_QUARK (gf-access-error-quark, gf_access_error)

static const char * const medical_columns[] = {
  "allergies", "medical_history", "doctor_name", "doctor_phone", "pai", "pai_details", NULL,
};

typedef struct
{
  gint64    child_id;
  GfChild  *child;          /* open: (out); save: the record to write */
  gboolean  with_medical;
} MedicalCall;

/*
 * Auxiliary methods
 */

static gboolean
check_actor (GfDb           *db,
             const GfActor  *actor,
             GError        **error)
{
  if (gf_staff_actor_can_see_medical (db, actor))
    return TRUE;
  g_set_error_literal (error, GF_ACCESS_ERROR, GF_ACCESS_ERROR_DENIED,
                       _("Your role does not give access to children's medical data."));
  return FALSE;
}

static gboolean
open_cb (GfDb      *db,
         GfChange  *change,
         gpointer   user_data,
         GError   **error)
{
  MedicalCall *call = user_data;

  call->child = gf_child_get (db, call->child_id, error);
  if (call->child == NULL)
    return FALSE;
  /* Reading is what is logged here: the row commits with nothing else. */
  gf_change_record (change, "view-medical", "child", call->child_id, NULL);
  return TRUE;
}

static gboolean
save_cb (GfDb      *db,
         GfChange  *change,
         gpointer   user_data,
         GError   **error)
{
  MedicalCall *call = user_data;
  JsonObject *changes = NULL;

  if (!call->with_medical)
    {
      g_autoptr(GfChild) stored = gf_child_get (db, call->child->id, error);

      if (stored == NULL)
        return FALSE;
      /* Inside the transaction, so a concurrent medical change is never overwritten. */
      gf_child_copy_medical (stored, call->child);
    }

  if (!gf_record_update (db, &gf_child_spec, call->child, &changes, error))
    return FALSE;
  if (json_object_get_size (changes) > 0)
    gf_change_record (change, "update", gf_child_spec.entity, call->child->id, changes);
  else
    json_object_unref (changes);
  return TRUE;
}

/*
 * Public API
 */

/* The rule itself; see the comment at the top of gf-medical-access.h. */
gboolean
gf_staff_role_can_see_medical (GfStaffRole role)
{
  switch (role)
    {
    case GF_STAFF_ROLE_AGENT:
    case GF_STAFF_ROLE_ADMIN:
      return TRUE;
    case GF_STAFF_ROLE_REGISSEUR:
    default:
      return FALSE;
    }
}

/* The role is read from the database, not trusted from the caller: a deactivated or
 * unknown staff account, a family or the system get no medical data this way. */
gboolean
gf_staff_actor_can_see_medical (GfDb          *db,
                                const GfActor *actor)
{
  g_autoptr(GfStaffUser) user = NULL;

  g_return_val_if_fail (GF_IS_DB (db), FALSE);

  if (actor == NULL || actor->kind != GF_ACTOR_STAFF)
    return FALSE;
  user = gf_staff_user_get (db, actor->id, NULL);
  return user != NULL && user->active &&
         gf_staff_role_can_see_medical (gf_staff_user_get_role (user));
}

gboolean
gf_child_field_is_medical (const char *column)
{
  return column != NULL && g_strv_contains (medical_columns, column);
}

void
gf_child_clear_medical (GfChild *child)
{
  g_return_if_fail (child != NULL);

  g_free (child->allergies);
  child->allergies = g_strdup ("");
  g_free (child->medical_history);
  child->medical_history = g_strdup ("");
  g_free (child->doctor_name);
  child->doctor_name = g_strdup ("");
  g_free (child->doctor_phone);
  child->doctor_phone = g_strdup ("");
  child->pai = FALSE;
  g_free (child->pai_details);
  child->pai_details = g_strdup ("");
}

void
gf_child_copy_medical (const GfChild *source,
                       GfChild       *dest)
{
  g_return_if_fail (source != NULL && dest != NULL);

  g_free (dest->allergies);
  dest->allergies = g_strdup (source->allergies);
  g_free (dest->medical_history);
  dest->medical_history = g_strdup (source->medical_history);
  g_free (dest->doctor_name);
  dest->doctor_name = g_strdup (source->doctor_name);
  g_free (dest->doctor_phone);
  dest->doctor_phone = g_strdup (source->doctor_phone);
  dest->pai = source->pai;
  g_free (dest->pai_details);
  dest->pai_details = g_strdup (source->pai_details);
}

/**
 * gf_child_get_for_staff:
 *
 * The child's record as the staff application shows it before anybody opens the
 * medical data: every medical field blank, whatever the role.
 */
GfChild *
gf_child_get_for_staff (GfDb    *db,
                        gint64   child_id,
                        GError **error)
{
  GfChild *child = gf_child_get (db, child_id, error);

  if (child != NULL)
    gf_child_clear_medical (child);
  return child;
}

/**
 * gf_child_open_medical:
 *
 * The whole record, medical data included, for a staff member whose role may see it;
 * the opening is written to the audit log ("view-medical", child) in the same
 * transaction as the read. Any other actor gets %GF_ACCESS_ERROR_DENIED and nothing is
 * written.
 */
GfChild *
gf_child_open_medical (GfDb           *db,
                       const GfActor  *actor,
                       gint64          child_id,
                       GError        **error)
{
  MedicalCall call = { child_id, NULL, TRUE };

  g_return_val_if_fail (GF_IS_DB (db), NULL);

  if (!check_actor (db, actor, error))
    return NULL;
  if (!gf_db_change (db, actor, open_cb, &call, error))
    {
      g_clear_pointer (&call.child, gf_child_free);
      return NULL;
    }
  return call.child;
}

/**
 * gf_child_save_for_staff:
 * @with_medical: whether @child carries medical values to write (the medical data were
 *   opened); without it the stored medical values are kept whatever @child holds
 *
 * Validates and saves the record with its audit row, like gf_record_save(). Writing
 * medical values needs a role that may see them.
 */
gboolean
gf_child_save_for_staff (GfDb           *db,
                         const GfActor  *actor,
                         GfChild        *child,
                         gboolean        with_medical,
                         GError        **error)
{
  MedicalCall call = { 0, child, with_medical };
  gboolean ok;

  g_return_val_if_fail (GF_IS_DB (db), FALSE);
  g_return_val_if_fail (child != NULL && child->id > 0, FALSE);

  if (with_medical && !check_actor (db, actor, error))
    return FALSE;
  ok = gf_db_change (db, actor, save_cb, &call, error);
  if (!ok)
    gf_record_explain_constraint (&gf_child_spec, error);
  return ok;
}
