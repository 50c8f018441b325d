/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-staff-user.h"
#include "gf-crypto.h"
#include "gf-date.h"
#include "gf-i18n.h"
#include "gf-validate.h"

#define F(member) G_STRUCT_OFFSET (GfStaffUser, member)

/* Staff passwords: at least this long; the portal's families have their own rule. */
#define STAFF_PASSWORD_MIN_CHARS 10

static const char * const roles[] = { "agent", "regisseur", "admin", NULL };

static const GfField staff_fields[] = {
  { "id", N_("Identifier"), GF_FIELD_INT, F (id), GF_FIELD_FIXED },
  { "login", N_("Login"), GF_FIELD_TEXT, F (login), GF_FIELD_REQUIRED | GF_FIELD_FIXED,
    .max_length = 64 },
  { "display_name", N_("Name"), GF_FIELD_TEXT, F (display_name), GF_FIELD_REQUIRED,
    .max_length = 200 },
  { "role", N_("Role"), GF_FIELD_TEXT, F (role), GF_FIELD_REQUIRED, GF_CHECK_CHOICE, 9, roles },
  { "password_hash", N_("Password"), GF_FIELD_TEXT, F (password_hash),
    GF_FIELD_REQUIRED | GF_FIELD_SENSITIVE, .max_length = 256 },
  { "active", N_("Active"), GF_FIELD_BOOL, F (active) },
  { "created_at", N_("Created"), GF_FIELD_TEXT, F (created_at), GF_FIELD_FIXED },
  { "last_login_at", N_("Last login"), GF_FIELD_TEXT, F (last_login_at), GF_FIELD_NULLABLE },
};

static gboolean
check_staff_user (GfDb      *db,
                  gpointer   record,
                  GError   **error)
{
  GfStaffUser *user = record;

  /* Logins end up in audit lines and command lines: keep them plain. */
  for (const char *p = user->login; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-' && *p != '_')
      {
        g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                     _("Login: use only letters without accents, digits, '.', '-' and '_'."));
        return FALSE;
      }
  return TRUE;
}

const GfRecordSpec gf_staff_user_spec = {
  "staff_user", "staff_user", staff_fields, G_N_ELEMENTS (staff_fields), check_staff_user,
};

G_DEFINE_BOXED_TYPE (GfStaffUser, gf_staff_user, gf_staff_user_copy, gf_staff_user_free)

const char *
gf_staff_role_to_string (GfStaffRole role)
{
  g_return_val_if_fail (role <= GF_STAFF_ROLE_ADMIN, "agent");

  return roles[role];
}

gboolean
gf_staff_role_from_string (const char  *text,
                           GfStaffRole *out_role)
{
  for (guint i = 0; roles[i] != NULL; i++)
    if (g_strcmp0 (text, roles[i]) == 0)
      {
        *out_role = (GfStaffRole)i;
        return TRUE;
      }
  return FALSE;
}

GfStaffRole
gf_staff_user_get_role (const GfStaffUser *user)
{
  GfStaffRole role = GF_STAFF_ROLE_AGENT;

  gf_staff_role_from_string (user->role, &role);
  return role;
}

GfStaffUser *
gf_staff_user_new (const char  *login,
                   const char  *display_name,
                   GfStaffRole  role)
{
  GfStaffUser *user = g_new0 (GfStaffUser, 1);

  gf_record_init (&gf_staff_user_spec, user);
  g_free (user->login);
  user->login = g_strdup (login);
  g_free (user->display_name);
  user->display_name = g_strdup (display_name);
  g_free (user->role);
  user->role = g_strdup (gf_staff_role_to_string (role));
  user->active = TRUE;
  return user;
}

GfStaffUser *
gf_staff_user_copy (const GfStaffUser *user)
{
  GfStaffUser *copy = g_new0 (GfStaffUser, 1);

  gf_record_copy (&gf_staff_user_spec, user, copy);
  return copy;
}

void
gf_staff_user_free (GfStaffUser *user)
{
  if (user == NULL)
    return;
  gf_record_clear (&gf_staff_user_spec, user);
  g_free (user);
}

static char *
hash_staff_password (const char  *password,
                     GError     **error)
{
  if (password == NULL || g_utf8_strlen (password, -1) < STAFF_PASSWORD_MIN_CHARS)
    {
      g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_OUT_OF_RANGE,
                   _("Password: use at least %d characters."), STAFF_PASSWORD_MIN_CHARS);
      return NULL;
    }
  return gf_password_hash (password, error);
}

/* Hashes @password (slow: Argon2id) before the transaction, so the lock is held briefly. */
gboolean
gf_staff_user_create (GfDb           *db,
                      const GfActor  *actor,
                      GfStaffUser    *user,
                      const char     *password,
                      GError        **error)
{
  g_return_val_if_fail (user != NULL && user->id == 0, FALSE);

  g_free (user->password_hash);
  user->password_hash = hash_staff_password (password, error);
  if (user->password_hash == NULL)
    return FALSE;

  return gf_record_create (db, actor, &gf_staff_user_spec, user, error);
}

GfStaffUser *
gf_staff_user_get (GfDb    *db,
                   gint64   id,
                   GError **error)
{
  g_autoptr(GfStaffUser) user = g_new0 (GfStaffUser, 1);

  if (!gf_record_load (db, &gf_staff_user_spec, id, user, error))
    return NULL;
  return g_steal_pointer (&user);
}

GfStaffUser *
gf_staff_user_get_by_login (GfDb        *db,
                            const char  *login,
                            GError     **error)
{
  g_autofree char *sql = gf_record_select_sql (&gf_staff_user_spec, NULL, "WHERE login = ?1");
  g_autoptr(GfStmt) stmt = gf_db_prepare (db, sql, error);
  g_autoptr(GfStaffUser) user = NULL;

  if (stmt == NULL)
    return NULL;
  gf_stmt_bind_text (stmt, 1, login);
  switch (gf_db_step (db, stmt, error))
    {
    case GF_DB_STEP_ROW:
      user = g_new0 (GfStaffUser, 1);
      gf_record_read_row (&gf_staff_user_spec, stmt, 0, user);
      return g_steal_pointer (&user);
    case GF_DB_STEP_DONE:
      g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND, _("There is no such staff user."));
      return NULL;
    case GF_DB_STEP_ERROR:
    default:
      return NULL;
    }
}

static gboolean
record_login_cb (GfDb      *db,
                 GfChange  *change,
                 gpointer   user_data,
                 GError   **error)
{
  GfStaffUser *user = user_data;
  g_autoptr(GfStmt) stmt = gf_db_prepare (db, "UPDATE staff_user SET last_login_at = ?2 "
                                              "WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  g_free (user->last_login_at);
  user->last_login_at = gf_timestamp_now ();
  sqlite3_bind_int64 (stmt, 1, user->id);
  gf_stmt_bind_text (stmt, 2, user->last_login_at);
  if (!gf_db_step_done (db, stmt, error))
    return FALSE;

  gf_change_record (change, "login", "staff_user", user->id, NULL);
  return TRUE;
}

/**
 * gf_staff_user_authenticate:
 *
 * Checks the password (slow: call it from a worker thread) and records the login. The
 * error does not say whether the login or the password was wrong.
 */
GfStaffUser *
gf_staff_user_authenticate (GfDb        *db,
                            const char  *login,
                            const char  *password,
                            GError     **error)
{
  g_autoptr(GfStaffUser) user = gf_staff_user_get_by_login (db, login, NULL);
  GfActor actor;

  if (user == NULL || !user->active || !gf_password_verify (user->password_hash, password))
    {
      g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                   _("Wrong login or password, or the account is disabled."));
      return NULL;
    }

  gf_staff_user_actor (user, &actor);
  if (!gf_db_change (db, &actor, record_login_cb, user, error))
    return NULL;
  return g_steal_pointer (&user);
}

gboolean
gf_staff_user_update (GfDb           *db,
                      const GfActor  *actor,
                      GfStaffUser    *user,
                      GError        **error)
{
  return gf_record_save (db, actor, &gf_staff_user_spec, user, error);
}

gboolean
gf_staff_user_set_password (GfDb           *db,
                            const GfActor  *actor,
                            gint64          id,
                            const char     *password,
                            GError        **error)
{
  g_autoptr(GfStaffUser) user = gf_staff_user_get (db, id, error);

  if (user == NULL)
    return FALSE;

  g_free (user->password_hash);
  user->password_hash = hash_staff_password (password, error);
  if (user->password_hash == NULL)
    return FALSE;

  return gf_record_save (db, actor, &gf_staff_user_spec, user, error);
}

GPtrArray *
gf_staff_user_list (GfDb    *db,
                    GError **error)
{
  return gf_record_load_many (db, &gf_staff_user_spec, "WHERE ?1 = ?1 ORDER BY login", 0,
                              sizeof (GfStaffUser), (GDestroyNotify)gf_staff_user_free, error);
}

/* The actor to pass to every change this user makes. Borrows the user's login. */
void
gf_staff_user_actor (const GfStaffUser *user,
                     GfActor           *out_actor)
{
  out_actor->kind = GF_ACTOR_STAFF;
  out_actor->id = user->id;
  out_actor->label = user->login;
}

/**
 * gf_staff_user_check_new_password:
 *
 * The rule for a password an administrator chooses for a staff account: the staff length
 * (10 characters) and the families' mix of kinds of characters.
 */
gboolean
gf_staff_user_check_new_password (const char  *password,
                                  GError     **error)
{
  if (password == NULL || g_utf8_strlen (password, -1) < STAFF_PASSWORD_MIN_CHARS)
    {
      g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_OUT_OF_RANGE,
                   _("Password: use at least %d characters."), STAFF_PASSWORD_MIN_CHARS);
      return FALSE;
    }
  return gf_validate_citizen_password (password, error);
}

/* Creates a staff account from the staff application, with the stronger password rule. */
gboolean
gf_staff_user_add (GfDb           *db,
                   const GfActor  *actor,
                   GfStaffUser    *user,
                   const char     *password,
                   GError        **error)
{
  g_return_val_if_fail (user != NULL, FALSE);

  /* The fields first, so the form shows the login's error before the password's. */
  if (!gf_record_validate_field (&gf_staff_user_spec, user, "login", error) ||
      !check_staff_user (db, user, error) ||
      !gf_record_validate_field (&gf_staff_user_spec, user, "display_name", error) ||
      !gf_staff_user_check_new_password (password, error))
    return FALSE;
  return gf_staff_user_create (db, actor, user, password, error);
}

/**
 * gf_staff_user_change_access:
 * @id: the staff user
 * @role: the new role
 * @active: whether the account may log in
 *
 * Changes a staff user's role or disables the account. An administrator may not demote or
 * disable their own account: the application would lock them out of this very page.
 */
gboolean
gf_staff_user_change_access (GfDb           *db,
                             const GfActor  *actor,
                             gint64          id,
                             GfStaffRole     role,
                             gboolean        active,
                             GError        **error)
{
  g_autoptr(GfStaffUser) user = NULL;

  g_return_val_if_fail (actor != NULL, FALSE);

  if (actor->kind == GF_ACTOR_STAFF && actor->id == id)
    {
      if (!active)
        {
          g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                       _("You cannot disable your own account."));
          return FALSE;
        }
      if (role != GF_STAFF_ROLE_ADMIN)
        {
          g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                       _("You cannot take the administrator role away from yourself."));
          return FALSE;
        }
    }

  user = gf_staff_user_get (db, id, error);
  if (user == NULL)
    return FALSE;
  if (gf_staff_user_get_role (user) == role && user->active == active)
    return TRUE;
  g_free (user->role);
  user->role = g_strdup (gf_staff_role_to_string (role));
  user->active = active;
  return gf_record_save (db, actor, &gf_staff_user_spec, user, error);
}

/* An administrator sets a new password for someone who forgot theirs. */
gboolean
gf_staff_user_reset_password (GfDb           *db,
                              const GfActor  *actor,
                              gint64          id,
                              const char     *password,
                              GError        **error)
{
  if (!gf_staff_user_check_new_password (password, error))
    return FALSE;
  return gf_staff_user_set_password (db, actor, id, password, error);
}
