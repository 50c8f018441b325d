/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-citizen-token.h"
#include "gf-crypto.h"
#include "gf-date.h"
#include "gf-i18n.h"
#include "gf-validate.h"

static const struct
{
  const char *name;
  gint64      lifetime_seconds;
} kinds[] = {
  [GF_CITIZEN_TOKEN_ACTIVATION] = { "activation", 24 * 60 * 60 },
  [GF_CITIZEN_TOKEN_RESET] = { "reset", 60 * 60 },
  [GF_CITIZEN_TOKEN_EMAIL_CHANGE] = { "email_change", 24 * 60 * 60 },
};

/**
 * gf_citizen_token_create:
 * @new_email: for %GF_CITIZEN_TOKEN_EMAIL_CHANGE, the address to confirm
 *
 * Returns: (transfer full): the token to put in the link, or %NULL with
 *   %GF_INPUT_ERROR_OUT_OF_RANGE when the account had too many links this hour
 */
char *
gf_citizen_token_create (GfDb                *db,
                         gint64               account_id,
                         GfCitizenTokenKind   kind,
                         const char          *new_email,
                         GError             **error)
{
  g_autofree char *token = gf_token_new ();
  g_autofree char *now = gf_timestamp_now ();
  g_autofree char *hour_ago = gf_timestamp_from_now (-60 * 60);
  g_autofree char *expires = gf_timestamp_from_now (kinds[kind].lifetime_seconds);
  g_autoptr(GfStmt) recent = NULL;
  g_autoptr(GfStmt) insert = NULL;
  guint8 hash[GF_TOKEN_HASH_BYTES];

  g_return_val_if_fail (kind <= GF_CITIZEN_TOKEN_EMAIL_CHANGE, NULL);
  g_return_val_if_fail ((kind == GF_CITIZEN_TOKEN_EMAIL_CHANGE) == (new_email != NULL), NULL);

  recent = gf_db_prepare (db, "SELECT count(*) FROM token WHERE account_id = ?1 AND kind = ?2 "
                              "AND created_at > ?3", error);
  if (recent == NULL)
    return NULL;
  sqlite3_bind_int64 (recent, 1, account_id);
  gf_stmt_bind_text (recent, 2, kinds[kind].name);
  gf_stmt_bind_text (recent, 3, hour_ago);
  if (gf_db_step (db, recent, error) != GF_DB_STEP_ROW)
    return NULL;
  if (sqlite3_column_int64 (recent, 0) >= GF_CITIZEN_TOKEN_MAX_PER_HOUR)
    {
      g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_OUT_OF_RANGE,
                   _("Too many links were sent to this account in the last hour."));
      return NULL;
    }

  gf_token_hash (token, hash);
  insert = gf_db_prepare (db, "INSERT INTO token (account_id, kind, token_hash, new_email, "
                              "created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (insert == NULL)
    return NULL;
  sqlite3_bind_int64 (insert, 1, account_id);
  gf_stmt_bind_text (insert, 2, kinds[kind].name);
  sqlite3_bind_blob (insert, 3, hash, sizeof hash, SQLITE_TRANSIENT);
  gf_stmt_bind_text_or_null (insert, 4, new_email);
  gf_stmt_bind_text (insert, 5, now);
  gf_stmt_bind_text (insert, 6, expires);
  if (!gf_db_step_done (db, insert, error))
    return NULL;

  return g_steal_pointer (&token);
}

static gboolean
find_token (GfDb                *db,
            const char          *token,
            GfCitizenTokenKind   kind,
            gboolean             consume,
            gint64              *out_account_id,
            char               **out_new_email,
            GError             **error)
{
  g_autofree char *now = gf_timestamp_now ();
  g_autoptr(GfStmt) stmt = NULL;
  guint8 hash[GF_TOKEN_HASH_BYTES];
  gint64 id;

  if (token == NULL || strlen (token) != 43)
    goto invalid;

  gf_token_hash (token, hash);
  stmt = gf_db_prepare (db,
                        "SELECT t.id, t.account_id, t.new_email FROM token t "
                        "  JOIN citizen_account a ON a.id = t.account_id "
                        " WHERE t.token_hash = ?1 AND t.kind = ?2 AND t.used_at IS NULL "
                        "   AND t.expires_at > ?3 AND a.state <> 'disabled'",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, 1, hash, sizeof hash, SQLITE_TRANSIENT);
  gf_stmt_bind_text (stmt, 2, kinds[kind].name);
  gf_stmt_bind_text (stmt, 3, now);
  switch (gf_db_step (db, stmt, error))
    {
    case GF_DB_STEP_ROW:
      break;
    case GF_DB_STEP_DONE:
      goto invalid;
    case GF_DB_STEP_ERROR:
    default:
      return FALSE;
    }

  id = sqlite3_column_int64 (stmt, 0);
  if (out_account_id != NULL)
    *out_account_id = sqlite3_column_int64 (stmt, 1);
  if (out_new_email != NULL)
    *out_new_email = gf_stmt_dup_text_or_null (stmt, 2);
  gf_stmt_release (stmt);

  if (consume)
    {
      /* Using a link spends it and every other link of its kind for the account. */
      g_autoptr(GfStmt) use = gf_db_prepare (db,
                                             "UPDATE token SET used_at = ?3 WHERE used_at IS NULL "
                                             "AND (id = ?1 OR (account_id = "
                                             "(SELECT account_id FROM token WHERE id = ?1) "
                                             "AND kind = ?2))",
                                             error);
      if (use == NULL)
        return FALSE;
      sqlite3_bind_int64 (use, 1, id);
      gf_stmt_bind_text (use, 2, kinds[kind].name);
      gf_stmt_bind_text (use, 3, now);
      if (!gf_db_step_done (db, use, error))
        return FALSE;
    }
  return TRUE;

invalid:
  g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
               _("This link is not valid any more: it was already used, or it expired."));
  return FALSE;
}

/* Is @token a live link of @kind? Changes nothing. */
gboolean
gf_citizen_token_check (GfDb                *db,
                        const char          *token,
                        GfCitizenTokenKind   kind,
                        gint64              *out_account_id,
                        char               **out_new_email,
                        GError             **error)
{
  return find_token (db, token, kind, FALSE, out_account_id, out_new_email, error);
}

/* The same, and spends it: call inside the write transaction that acts on it. */
gboolean
gf_citizen_token_consume (GfDb                *db,
                          const char          *token,
                          GfCitizenTokenKind   kind,
                          gint64              *out_account_id,
                          char               **out_new_email,
                          GError             **error)
{
  return find_token (db, token, kind, TRUE, out_account_id, out_new_email, error);
}
