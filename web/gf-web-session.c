/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-web-session.h"
#include "gf-crypto.h"
#include "gf-date.h"

/* Sessions live in the database, under the SHA-256 of the cookie: whoever reads the
 * database cannot take over a session. */

/* Returns: (transfer full) (nullable): the session of an active account, or NULL when
 * the cookie is unknown, expired, or its account is no longer active. */
GfWebSession *
gf_web_session_load (GfDb       *db,
                     const char *cookie_value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfStmt) stmt = NULL;
  g_autoptr(GfWebSession) session = NULL;
  g_autofree char *now = gf_timestamp_now ();
  guint8 id_hash[GF_TOKEN_HASH_BYTES];
  gboolean persistent;

  if (cookie_value == NULL || strlen (cookie_value) != 43)
    return NULL;
  gf_token_hash (cookie_value, id_hash);

  stmt = gf_db_prepare (db,
                        "SELECT s.account_id, a.family_id, a.email, hex(s.csrf_secret), "
                        "       s.persistent, s.last_seen_at, "
                        "       ifnull((SELECT g.first_name || ' ' || upper(g.last_name) "
                        "                 FROM guardian g WHERE g.family_id = a.family_id "
                        "                ORDER BY g.payer DESC, g.id LIMIT 1), a.email) "
                        "  FROM session s JOIN citizen_account a ON a.id = s.account_id "
                        " WHERE s.id_hash = ?1 AND s.expires_at > ?2 AND a.state = 'active'",
                        &error);
  if (stmt == NULL)
    {
      g_warning ("loading a session: %s", error->message);
      return NULL;
    }
  sqlite3_bind_blob (stmt, 1, id_hash, sizeof id_hash, SQLITE_TRANSIENT);
  gf_stmt_bind_text (stmt, 2, now);
  if (gf_db_step (db, stmt, &error) != GF_DB_STEP_ROW)
    return NULL;

  session = g_new0 (GfWebSession, 1);
  session->account_id = sqlite3_column_int64 (stmt, 0);
  session->family_id = sqlite3_column_int64 (stmt, 1);
  session->email = gf_stmt_dup_text (stmt, 2);
  session->csrf_token = g_ascii_strdown (gf_stmt_column_text (stmt, 3), -1);
  persistent = sqlite3_column_int (stmt, 4) != 0;
  session->display_name = gf_stmt_dup_text (stmt, 6);
  g_clear_pointer (&stmt, gf_stmt_release);

  /* Sliding expiry for browser sessions; written at most once a minute per session. */
  if (!persistent)
    {
      g_autofree char *expires = gf_timestamp_from_now (GF_SESSION_IDLE_SECONDS);
      g_autoptr(GfStmt) touch = gf_db_prepare (db,
                                               "UPDATE session SET last_seen_at = ?2, expires_at = ?3 "
                                               "WHERE id_hash = ?1 AND last_seen_at < ?4",
                                               &error);
      g_autofree char *minute_ago = gf_timestamp_from_now (-60);

      if (touch != NULL)
        {
          sqlite3_bind_blob (touch, 1, id_hash, sizeof id_hash, SQLITE_TRANSIENT);
          gf_stmt_bind_text (touch, 2, now);
          gf_stmt_bind_text (touch, 3, expires);
          gf_stmt_bind_text (touch, 4, minute_ago);
          if (!gf_db_step_done (db, touch, &error))
            g_debug ("session touch: %s", error->message);
        }
    }

  return g_steal_pointer (&session);
}

/* Returns: (transfer full): the cookie value (43 characters) of a new session. */
char *
gf_web_session_create (GfDb      *db,
                       gint64     account_id,
                       gboolean   persistent,
                       GError   **error)
{
  g_autofree char *token = gf_token_new ();
  g_autofree char *now = gf_timestamp_now ();
  g_autofree char *expires = gf_timestamp_from_now (persistent ? GF_SESSION_PERSISTENT_SECONDS
                                                      : GF_SESSION_IDLE_SECONDS);
  g_autoptr(GfStmt) stmt = NULL;
  guint8 id_hash[GF_TOKEN_HASH_BYTES];
  guint8 csrf[32];

  gf_token_hash (token, id_hash);
  gf_random_bytes (csrf, sizeof csrf);

  stmt = gf_db_prepare (db,
                        "INSERT INTO session (id_hash, account_id, csrf_secret, persistent, "
                        "created_at, last_seen_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
                        error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_blob (stmt, 1, id_hash, sizeof id_hash, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, account_id);
  sqlite3_bind_blob (stmt, 3, csrf, sizeof csrf, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, persistent);
  gf_stmt_bind_text (stmt, 5, now);
  gf_stmt_bind_text (stmt, 6, expires);
  if (!gf_db_step_done (db, stmt, error))
    return NULL;

  return g_steal_pointer (&token);
}

gboolean
gf_web_session_destroy (GfDb        *db,
                        const char  *cookie_value,
                        GError     **error)
{
  g_autoptr(GfStmt) stmt = NULL;
  guint8 id_hash[GF_TOKEN_HASH_BYTES];

  if (cookie_value == NULL)
    return TRUE;
  gf_token_hash (cookie_value, id_hash);
  stmt = gf_db_prepare (db, "DELETE FROM session WHERE id_hash = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, 1, id_hash, sizeof id_hash, SQLITE_TRANSIENT);
  return gf_db_step_done (db, stmt, error);
}

/* After a password change or reset: every other session of the account ends. */
gboolean
gf_web_session_destroy_others (GfDb        *db,
                               gint64       account_id,
                               const char  *keep_cookie_value,
                               GError     **error)
{
  g_autoptr(GfStmt) stmt = NULL;
  guint8 keep[GF_TOKEN_HASH_BYTES] = { 0 };

  if (keep_cookie_value != NULL)
    gf_token_hash (keep_cookie_value, keep);
  stmt = gf_db_prepare (db, "DELETE FROM session WHERE account_id = ?1 AND id_hash <> ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, account_id);
  sqlite3_bind_blob (stmt, 2, keep, sizeof keep, SQLITE_TRANSIENT);
  return gf_db_step_done (db, stmt, error);
}
