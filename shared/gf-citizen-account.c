/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-citizen-account.h"
#include "gf-date.h"
#include "gf-i18n.h"
#include "gf-validate.h"

#define F(member) G_STRUCT_OFFSET (GfCitizenAccount, member)

static const char * const states[] = { "pending", "active", "disabled", NULL };

/* The login e-mail is changed only through gf_citizen_account_set_email(), which says so
 * in the audit log; the password hash only through activation. */
static const GfField account_fields[] = {
  { "id", N_("Identifier"), GF_FIELD_INT, F (id), GF_FIELD_FIXED },
  { "family_id", N_("Family"), GF_FIELD_INT, F (family_id), GF_FIELD_FIXED },
  { "email", N_("Login e-mail"), GF_FIELD_TEXT, F (email), GF_FIELD_REQUIRED, GF_CHECK_EMAIL,
    .max_length = 254 },
  { "state", N_("State"), GF_FIELD_TEXT, F (state), GF_FIELD_REQUIRED, GF_CHECK_CHOICE, 8, states },
  { "password_hash", N_("Password"), GF_FIELD_TEXT, F (password_hash),
    GF_FIELD_NULLABLE | GF_FIELD_SENSITIVE, .max_length = 256 },
  { "failed_logins", N_("Failed logins"), GF_FIELD_INT, F (failed_logins), 0 },
  { "locked_until", N_("Locked until"), GF_FIELD_TEXT, F (locked_until), GF_FIELD_NULLABLE },
  { "last_login_at", N_("Last login"), GF_FIELD_TEXT, F (last_login_at), GF_FIELD_NULLABLE },
  { "activated_at", N_("Activated"), GF_FIELD_TEXT, F (activated_at), GF_FIELD_NULLABLE },
  { "created_at", N_("Created"), GF_FIELD_TEXT, F (created_at), GF_FIELD_FIXED },
};

static gboolean
check_account (GfDb      *db,
               gpointer   record,
               GError   **error)
{
  GfCitizenAccount *account = record;
  g_autoptr(GfStmt) stmt = NULL;

  if (account->id != 0)
    return TRUE;

  stmt = gf_db_prepare (db, "SELECT 1 FROM citizen_account WHERE family_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, account->family_id);
  switch (gf_db_step (db, stmt, error))
    {
    case GF_DB_STEP_ROW:
      g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_DUPLICATE,
                   _("This family already has a portal account."));
      return FALSE;
    case GF_DB_STEP_DONE:
      return TRUE;
    case GF_DB_STEP_ERROR:
    default:
      return FALSE;
    }
}

const GfRecordSpec gf_citizen_account_spec = {
  "citizen_account", "citizen_account", account_fields, G_N_ELEMENTS (account_fields),
  check_account,
};

G_DEFINE_BOXED_TYPE (GfCitizenAccount, gf_citizen_account,
                     gf_citizen_account_copy, gf_citizen_account_free)

GfCitizenAccount *
gf_citizen_account_new (gint64      family_id,
                        const char *email)
{
  GfCitizenAccount *account = g_new0 (GfCitizenAccount, 1);

  gf_record_init (&gf_citizen_account_spec, account);
  account->family_id = family_id;
  g_free (account->email);
  account->email = g_strdup (email);
  g_free (account->state);
  account->state = g_strdup ("pending");
  return account;
}

GfCitizenAccount *
gf_citizen_account_copy (const GfCitizenAccount *account)
{
  GfCitizenAccount *copy = g_new0 (GfCitizenAccount, 1);

  gf_record_copy (&gf_citizen_account_spec, account, copy);
  return copy;
}

void
gf_citizen_account_clear (GfCitizenAccount *account)
{
  gf_record_clear (&gf_citizen_account_spec, account);
}

void
gf_citizen_account_free (GfCitizenAccount *account)
{
  if (account == NULL)
    return;
  gf_citizen_account_clear (account);
  g_free (account);
}

gboolean
gf_citizen_account_create (GfDb              *db,
                           const GfActor     *actor,
                           GfCitizenAccount  *account,
                           GError           **error)
{
  g_return_val_if_fail (account != NULL && account->id == 0, FALSE);

  return gf_record_create (db, actor, &gf_citizen_account_spec, account, error);
}

static GfCitizenAccount *
get_one (GfDb        *db,
         const char  *where,
         gint64       key,
         const char  *text_key,
         GError     **error)
{
  g_autofree char *sql = gf_record_select_sql (&gf_citizen_account_spec, NULL, where);
  g_autoptr(GfStmt) stmt = gf_db_prepare (db, sql, error);
  g_autoptr(GfCitizenAccount) account = NULL;

  if (stmt == NULL)
    return NULL;
  if (text_key != NULL)
    gf_stmt_bind_text (stmt, 1, text_key);
  else
    sqlite3_bind_int64 (stmt, 1, key);

  switch (gf_db_step (db, stmt, error))
    {
    case GF_DB_STEP_ROW:
      account = g_new0 (GfCitizenAccount, 1);
      gf_record_read_row (&gf_citizen_account_spec, stmt, 0, account);
      return g_steal_pointer (&account);
    case GF_DB_STEP_DONE:
      g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND, _("There is no such portal account."));
      return NULL;
    case GF_DB_STEP_ERROR:
    default:
      return NULL;
    }
}

GfCitizenAccount *
gf_citizen_account_get (GfDb    *db,
                        gint64   id,
                        GError **error)
{
  return get_one (db, "WHERE id = ?1", id, NULL, error);
}

/* Case does not matter: the column compares with NOCASE. */
GfCitizenAccount *
gf_citizen_account_get_by_email (GfDb        *db,
                                 const char  *email,
                                 GError     **error)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (email != NULL, NULL);

  normalized = gf_normalize_email (email);
  if (normalized == NULL)
    {
      g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND, _("There is no such portal account."));
      return NULL;
    }
  return get_one (db, "WHERE email = ?1", 0, normalized, error);
}

GfCitizenAccount *
gf_citizen_account_get_by_family (GfDb    *db,
                                  gint64   family_id,
                                  GError **error)
{
  return get_one (db, "WHERE family_id = ?1", family_id, NULL, error);
}

typedef struct
{
  gint64      id;
  const char *email;
  const char *password_hash;
  const char *state;
  const char *action;
} AccountCall;

static gboolean
set_email_cb (GfDb      *db,
              GfChange  *change,
              gpointer   user_data,
              GError   **error)
{
  AccountCall *call = user_data;
  g_auto(GfCitizenAccount) account = { 0 };
  g_autofree char *old_email = NULL;
  JsonObject *details;

  if (!gf_record_load (db, &gf_citizen_account_spec, call->id, &account, error))
    return FALSE;
  old_email = g_strdup (account.email);
  g_free (account.email);
  account.email = g_strdup (call->email);
  if (!gf_record_update (db, &gf_citizen_account_spec, &account, NULL, error))
    return FALSE;

  details = json_object_new ();
  json_object_set_string_member (details, "old_email", old_email);
  json_object_set_string_member (details, "new_email", account.email);
  gf_change_record (change, "change_email", "citizen_account", call->id, details);
  return TRUE;
}

gboolean
gf_citizen_account_set_email (GfDb           *db,
                              const GfActor  *actor,
                              gint64          id,
                              const char     *email,
                              GError        **error)
{
  AccountCall call = { id, email, NULL, NULL, "change_email" };
  gboolean ok;

  ok = gf_db_change (db, actor, set_email_cb, &call, error);
  if (!ok)
    gf_record_explain_constraint (&gf_citizen_account_spec, error);
  return ok;
}

static gboolean
set_state_cb (GfDb      *db,
              GfChange  *change,
              gpointer   user_data,
              GError   **error)
{
  AccountCall *call = user_data;
  g_auto(GfCitizenAccount) account = { 0 };

  if (!gf_record_load (db, &gf_citizen_account_spec, call->id, &account, error))
    return FALSE;

  /* A new password on an active account keeps its activation date. */
  if (call->password_hash != NULL && !g_str_equal (account.state, "active"))
    {
      g_free (account.activated_at);
      account.activated_at = gf_timestamp_now ();
    }
  g_free (account.state);
  account.state = g_strdup (call->state);
  if (call->password_hash != NULL)
    {
      g_free (account.password_hash);
      account.password_hash = g_strdup (call->password_hash);
      account.failed_logins = 0;
      g_clear_pointer (&account.locked_until, g_free);
    }

  if (!gf_record_update (db, &gf_citizen_account_spec, &account, NULL, error))
    return FALSE;

  gf_change_record (change, call->action, "citizen_account", call->id, NULL);
  return TRUE;
}

/* Sets the first password (or a new one after "forgotten password") and makes the
 * account active. @password_hash comes from gf_password_hash(). */
gboolean
gf_citizen_account_activate (GfDb           *db,
                             const GfActor  *actor,
                             gint64          id,
                             const char     *password_hash,
                             GError        **error)
{
  AccountCall call = { id, NULL, password_hash, "active", "activate" };

  g_return_val_if_fail (password_hash != NULL && *password_hash != '\0', FALSE);

  return gf_db_change (db, actor, set_state_cb, &call, error);
}

/* A new password (forgotten password, or changed by the family): the account stays as
 * active as it was, its activation date unchanged. */
gboolean
gf_citizen_account_set_password (GfDb           *db,
                                 const GfActor  *actor,
                                 gint64          id,
                                 const char     *password_hash,
                                 GError        **error)
{
  AccountCall call = { id, NULL, password_hash, "active", "set_password" };

  g_return_val_if_fail (password_hash != NULL && *password_hash != '\0', FALSE);

  return gf_db_change (db, actor, set_state_cb, &call, error);
}

gboolean
gf_citizen_account_disable (GfDb           *db,
                            const GfActor  *actor,
                            gint64          id,
                            GError        **error)
{
  AccountCall call = { id, NULL, NULL, "disabled", "disable" };

  return gf_db_change (db, actor, set_state_cb, &call, error);
}

/* A portal account's state as staff read it; NULL or "" when the family has none. */
const char *
gf_citizen_account_state_label (const char *state)
{
  if (state == NULL || *state == '\0')
    return _("No portal account");
  if (g_str_equal (state, "active"))
    return _("Active");
  if (g_str_equal (state, "pending"))
    return _("Waiting for activation");
  if (g_str_equal (state, "disabled"))
    return _("Disabled");
  return state;
}
