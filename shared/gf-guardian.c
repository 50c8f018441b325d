/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-guardian.h"
#include "gf-i18n.h"
#include "gf-validate.h"

#define F(member) G_STRUCT_OFFSET (GfGuardian, member)

static const char * const civilities[] = { "M.", "Mme", NULL };

static const GfField guardian_fields[] = {
  { "id", N_("Identifier"), GF_FIELD_INT, F (id), GF_FIELD_FIXED },
  { "family_id", N_("Family"), GF_FIELD_INT, F (family_id), GF_FIELD_FIXED },
  { "civility", N_("Title"), GF_FIELD_TEXT, F (civility), 0, GF_CHECK_CHOICE, 3, civilities },
  { "last_name", N_("Last name"), GF_FIELD_TEXT, F (last_name), GF_FIELD_REQUIRED, .max_length = 100 },
  { "first_name", N_("First name"), GF_FIELD_TEXT, F (first_name), GF_FIELD_REQUIRED,
    .max_length = 100 },
  { "relation", N_("Relationship"), GF_FIELD_TEXT, F (relation), 0, .max_length = 50 },
  { "phone_mobile", N_("Mobile phone"), GF_FIELD_TEXT, F (phone_mobile), 0, GF_CHECK_PHONE,
    .max_length = 20 },
  { "phone_home", N_("Home phone"), GF_FIELD_TEXT, F (phone_home), 0, GF_CHECK_PHONE,
    .max_length = 20 },
  { "phone_work", N_("Work phone"), GF_FIELD_TEXT, F (phone_work), 0, GF_CHECK_PHONE,
    .max_length = 20 },
  { "email", N_("E-mail"), GF_FIELD_TEXT, F (email), 0, GF_CHECK_EMAIL, .max_length = 254 },
  { "payer", N_("Payer"), GF_FIELD_BOOL, F (payer) },
  { "created_at", N_("Created"), GF_FIELD_TEXT, F (created_at), GF_FIELD_FIXED },
  { "updated_at", N_("Updated"), GF_FIELD_TEXT, F (updated_at) },
};

/* Making someone the payer takes the role from whoever had it, in the same transaction. */
static gboolean
check_guardian (GfDb      *db,
                gpointer   record,
                GError   **error)
{
  GfGuardian *guardian = record;
  g_autoptr(GfStmt) stmt = NULL;

  if (!guardian->payer)
    return TRUE;

  stmt = gf_db_prepare (db, "UPDATE guardian SET payer = 0 "
                            "WHERE family_id = ?1 AND payer = 1 AND id <> ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, guardian->family_id);
  sqlite3_bind_int64 (stmt, 2, guardian->id);
  return gf_db_step_done (db, stmt, error);
}

const GfRecordSpec gf_guardian_spec = {
  "guardian", "guardian", guardian_fields, G_N_ELEMENTS (guardian_fields), check_guardian,
};

G_DEFINE_BOXED_TYPE (GfGuardian, gf_guardian, gf_guardian_copy, gf_guardian_free)

GfGuardian *
gf_guardian_new (gint64 family_id)
{
  GfGuardian *guardian = g_new0 (GfGuardian, 1);

  gf_record_init (&gf_guardian_spec, guardian);
  guardian->family_id = family_id;
  return guardian;
}

GfGuardian *
gf_guardian_copy (const GfGuardian *guardian)
{
  GfGuardian *copy = g_new0 (GfGuardian, 1);

  gf_record_copy (&gf_guardian_spec, guardian, copy);
  return copy;
}

void
gf_guardian_free (GfGuardian *guardian)
{
  if (guardian == NULL)
    return;
  gf_record_clear (&gf_guardian_spec, guardian);
  g_free (guardian);
}

gboolean
gf_guardian_create (GfDb           *db,
                    const GfActor  *actor,
                    GfGuardian     *guardian,
                    GError        **error)
{
  g_return_val_if_fail (guardian != NULL && guardian->id == 0, FALSE);

  return gf_record_create (db, actor, &gf_guardian_spec, guardian, error);
}

GfGuardian *
gf_guardian_get (GfDb    *db,
                 gint64   id,
                 GError **error)
{
  g_autoptr(GfGuardian) guardian = g_new0 (GfGuardian, 1);

  if (!gf_record_load (db, &gf_guardian_spec, id, guardian, error))
    return NULL;
  return g_steal_pointer (&guardian);
}

gboolean
gf_guardian_update (GfDb           *db,
                    const GfActor  *actor,
                    GfGuardian     *guardian,
                    GError        **error)
{
  return gf_record_save (db, actor, &gf_guardian_spec, guardian, error);
}

gboolean
gf_guardian_delete (GfDb           *db,
                    const GfActor  *actor,
                    gint64          id,
                    GError        **error)
{
  return gf_record_remove (db, actor, &gf_guardian_spec, id, error);
}

/* Returns: (transfer full) (element-type GfGuardian): the payer first. */
GPtrArray *
gf_guardian_list (GfDb    *db,
                  gint64   family_id,
                  GError **error)
{
  return gf_record_load_many (db, &gf_guardian_spec,
                              "WHERE family_id = ?1 ORDER BY payer DESC, id",
                              family_id, sizeof (GfGuardian),
                              (GDestroyNotify)gf_guardian_free, error);
}
