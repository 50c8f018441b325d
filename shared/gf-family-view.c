/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-family-view.h"
#include "gf-citizen-account.h"
#include "gf-i18n.h"
#include "gf-validate.h"

/*
 * Rows
 */

void
gf_family_child_row_free (GfFamilyChildRow *row)
{
  if (row == NULL)
    return;
  g_free (row->first_name);
  g_free (row->last_name);
  g_free (row->birth_date);
  g_free (row->establishment);
  g_free (row->class_name);
  g_free (row);
}

void
gf_family_payment_row_free (GfFamilyPaymentRow *row)
{
  if (row == NULL)
    return;
  g_free (row->paid_at);
  g_free (row->method);
  g_free (row->reference);
  g_free (row);
}

void
gf_family_message_row_free (GfFamilyMessageRow *row)
{
  if (row == NULL)
    return;
  g_free (row->created_at);
  g_free (row->direction);
  g_free (row->sender_name);
  g_free (row->subject);
  g_free (row);
}

typedef gpointer (*ReadRowFunc) (GfStmt *stmt);

static GPtrArray *
list_rows (GfDb           *db,
           const char     *sql,
           gint64          family_id,
           ReadRowFunc     read_row,
           GDestroyNotify  free_func,
           GError        **error)
{
  g_autoptr(GfStmt) stmt = gf_db_prepare (db, sql, error);
  g_autoptr(GPtrArray) rows = NULL;
  GfDbStep step;

  if (stmt == NULL)
    return NULL;
  rows = g_ptr_array_new_with_free_func (free_func);
  sqlite3_bind_int64 (stmt, 1, family_id);
  while ((step = gf_db_step (db, stmt, error)) == GF_DB_STEP_ROW)
    g_ptr_array_add (rows, read_row (stmt));
  if (step == GF_DB_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&rows);
}

static gpointer
read_child (GfStmt *stmt)
{
  GfFamilyChildRow *row = g_new0 (GfFamilyChildRow, 1);

  row->id = sqlite3_column_int64 (stmt, 0);
  row->first_name = gf_stmt_dup_text (stmt, 1);
  row->last_name = gf_stmt_dup_text (stmt, 2);
  row->birth_date = gf_stmt_dup_text (stmt, 3);
  row->establishment = gf_stmt_dup_text (stmt, 4);
  row->class_name = gf_stmt_dup_text (stmt, 5);
  row->archived = sqlite3_column_int (stmt, 6) != 0;
  return row;
}

/* Returns: (transfer full) (element-type GfFamilyChildRow): the eldest first. */
GPtrArray *
gf_family_list_children (GfDb    *db,
                         gint64   family_id,
                         GError **error)
{
  return list_rows (db,
                    "SELECT c.id, c.first_name, c.last_name, c.birth_date, ifnull(e.name, ''), "
                    "       c.class_name, c.archived "
                    "  FROM child c LEFT JOIN establishment e ON e.id = c.establishment_id "
                    " WHERE c.family_id = ?1 ORDER BY c.archived, c.birth_date, c.id",
                    family_id, read_child, (GDestroyNotify) gf_family_child_row_free, error);
}

static gpointer
read_payment (GfStmt *stmt)
{
  GfFamilyPaymentRow *row = g_new0 (GfFamilyPaymentRow, 1);

  row->id = sqlite3_column_int64 (stmt, 0);
  row->paid_at = gf_stmt_dup_text (stmt, 1);
  row->method = gf_stmt_dup_text (stmt, 2);
  row->amount_cents = sqlite3_column_int64 (stmt, 3);
  row->reference = gf_stmt_dup_text (stmt, 4);
  return row;
}

/* Returns: (transfer full) (element-type GfFamilyPaymentRow): the newest first. */
GPtrArray *
gf_family_list_payments (GfDb    *db,
                         gint64   family_id,
                         GError **error)
{
  return list_rows (db,
                    "SELECT id, paid_at, method, amount_cents, reference FROM payment "
                    " WHERE family_id = ?1 ORDER BY paid_at DESC, id DESC",
                    family_id, read_payment, (GDestroyNotify) gf_family_payment_row_free, error);
}

static gpointer
read_message (GfStmt *stmt)
{
  GfFamilyMessageRow *row = g_new0 (GfFamilyMessageRow, 1);

  row->id = sqlite3_column_int64 (stmt, 0);
  row->created_at = gf_stmt_dup_text (stmt, 1);
  row->direction = gf_stmt_dup_text (stmt, 2);
  row->sender_name = gf_stmt_dup_text (stmt, 3);
  row->subject = gf_stmt_dup_text (stmt, 4);
  row->read = sqlite3_column_type (stmt, 5) != SQLITE_NULL;
  return row;
}

/* Returns: (transfer full) (element-type GfFamilyMessageRow): the newest first. */
GPtrArray *
gf_family_list_messages (GfDb    *db,
                         gint64   family_id,
                         GError **error)
{
  return list_rows (db,
                    "SELECT id, created_at, direction, sender_name, subject, read_at FROM message "
                    " WHERE family_id = ?1 ORDER BY created_at DESC, id DESC",
                    family_id, read_message, (GDestroyNotify) gf_family_message_row_free, error);
}

/*
 * Labels
 */

/*
 * Guardian changes
 */

typedef struct
{
  GfGuardian *guardian;
  gint64      id;
} GuardianCall;

static gboolean
same_email (const char *a,
            const char *b)
{
  return a != NULL && b != NULL && *a != '\0' && g_ascii_strcasecmp (a, b) == 0;
}

/* The guardian whose e-mail is the family's portal login carries the login with it: the
 * new address must not be another family's login, and the account follows. */
static gboolean
save_guardian_cb (GfDb      *db,
                  GfChange  *change,
                  gpointer   user_data,
                  GError   **error)
{
  GuardianCall *call = user_data;
  GfGuardian *guardian = call->guardian;
  g_autoptr(GfGuardian) stored = NULL;
  g_autoptr(GfCitizenAccount) account = NULL;
  g_autoptr(JsonObject) changes = NULL;
  gboolean login_follows = FALSE;

  stored = gf_guardian_get (db, guardian->id, error);
  if (stored == NULL)
    return FALSE;
  if (stored->family_id != guardian->family_id)
    {
      g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                   _("This guardian belongs to another family."));
      return FALSE;
    }
  if (!gf_record_validate (&gf_guardian_spec, guardian, error))
    return FALSE;

  account = gf_citizen_account_get_by_family (db, guardian->family_id, NULL);
  if (account != NULL && same_email (stored->email, account->email) &&
      *guardian->email != '\0' && !same_email (guardian->email, account->email))
    {
      g_autoptr(GfCitizenAccount) other = gf_citizen_account_get_by_email (db, guardian->email,
                                                                           NULL);

      if (other != NULL && other->id != account->id)
        {
          /* Named like the field, as gf_record_validate_field() does, so a form shows it
           * under the e-mail. */
          g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_DUPLICATE, _("%s: %s"), _("E-mail"),
                       _("this address is already the portal login of another family; enter "
                         "another address."));
          return FALSE;
        }
      login_follows = TRUE;
    }

  if (!gf_record_update (db, &gf_guardian_spec, guardian, &changes, error))
    return FALSE;
  if (json_object_get_size (changes) > 0)
    gf_change_record (change, "update", "guardian", guardian->id, g_steal_pointer (&changes));

  /* Nested: a savepoint with its own audit row ("change_email"). */
  if (login_follows &&
      !gf_citizen_account_set_email (db, gf_change_get_actor (change), account->id,
                                     guardian->email, error))
    return FALSE;
  return TRUE;
}

/**
 * gf_family_save_guardian:
 *
 * Like gf_guardian_update(), and when the guardian's e-mail is the family's portal login,
 * the login follows the new address, refused when another family already logs in with it.
 */
gboolean
gf_family_save_guardian (GfDb           *db,
                         const GfActor  *actor,
                         GfGuardian     *guardian,
                         GError        **error)
{
  GuardianCall call = { guardian, 0 };
  gboolean ok;

  g_return_val_if_fail (guardian != NULL && guardian->id > 0, FALSE);

  ok = gf_db_change (db, actor, save_guardian_cb, &call, error);
  if (!ok)
    gf_record_explain_constraint (&gf_guardian_spec, error);
  return ok;
}

static gboolean
remove_guardian_cb (GfDb      *db,
                    GfChange  *change,
                    gpointer   user_data,
                    GError   **error)
{
  GuardianCall *call = user_data;
  g_autoptr(GfGuardian) stored = gf_guardian_get (db, call->id, error);
  JsonObject *details;

  if (stored == NULL)
    return FALSE;
  if (stored->payer)
    {
      g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                   _("The payer cannot be removed: make another guardian the payer first."));
      return FALSE;
    }
  if (!gf_record_delete (db, &gf_guardian_spec, call->id, error))
    return FALSE;

  /* The row is gone: the family and the name keep the history readable. */
  details = json_object_new ();
  json_object_set_int_member (details, "family_id", stored->family_id);
  json_object_set_string_member (details, "last_name", stored->last_name);
  json_object_set_string_member (details, "first_name", stored->first_name);
  gf_change_record (change, "delete", "guardian", call->id, details);
  return TRUE;
}

/* Removes a guardian who is not the payer. */
gboolean
gf_family_remove_guardian (GfDb           *db,
                           const GfActor  *actor,
                           gint64          guardian_id,
                           GError        **error)
{
  GuardianCall call = { NULL, guardian_id };
  gboolean ok;

  ok = gf_db_change (db, actor, remove_guardian_cb, &call, error);
  if (!ok)
    gf_record_explain_constraint (&gf_guardian_spec, error);
  return ok;
}

/*
 * IBAN
 */

/**
 * gf_family_normalize_iban:
 *
 * Checks an IBAN the way banks do (ISO 13616: length, country letters, mod 97 = 1).
 *
 * Returns: (transfer full): the IBAN without spaces, in capitals, or %NULL with a
 *   %GF_INPUT_ERROR sentence
 */
char *
gf_family_normalize_iban (const char  *text,
                          GError     **error)
{
  g_autoptr(GString) iban = g_string_new (NULL);
  guint remainder = 0;

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (iban, g_ascii_toupper (*p));

  if (iban->len < 15 || iban->len > 34 || !g_ascii_isalpha (iban->str[0]) ||
      !g_ascii_isalpha (iban->str[1]) || !g_ascii_isdigit (iban->str[2]) ||
      !g_ascii_isdigit (iban->str[3]))
    goto invalid;

  /* The first four characters move to the end; letters count as 10…35. */
  for (gsize i = 0; i < iban->len; i++)
    {
      char c = iban->str[(i + 4) % iban->len];

      if (g_ascii_isdigit (c))
        remainder = (remainder * 10 + (guint) (c - '0')) % 97;
      else if (g_ascii_isupper (c))
        remainder = (remainder * 100 + (guint) (c - 'A' + 10)) % 97;
      else
        goto invalid;
    }
  if (remainder != 1)
    goto invalid;
  return g_string_free (g_steal_pointer (&iban), FALSE);

invalid:
  g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
               _("This IBAN is not valid: check it on the bank details (RIB), for example "
                 "FR76 3000 6000 0112 3456 7890 189."));
  return NULL;
}

/* "FR•• •••• … 0189": enough for a person to recognise the account, never the whole. */
char *
gf_family_mask_iban (const char *iban)
{
  gsize len = iban != NULL ? strlen (iban) : 0;

  if (len == 0)
    return g_strdup ("");
  if (len <= 4)
    return g_strdup ("••••");
  return g_strdup_printf ("•••• •••• •••• %s", iban + len - 4);
}
