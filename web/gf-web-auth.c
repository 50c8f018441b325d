/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-portal-private.h"
#include "gf-audit.h"
#include "gf-citizen-account.h"
#include "gf-crypto.h"
#include "gf-date.h"
#include "gf-web-password.h"
#include "gf-web-session.h"

/* Login: "Connexion" and "Déconnexion". */

#define FAILURES_BEFORE_LOCK  5
#define MAX_LOCK_MINUTES      60

typedef struct
{
  char     *email;
  gint64    account_id;
  gboolean  remember;
} LoginJob;

static void
login_job_free (gpointer data)
{
  LoginJob *job = data;

  g_free (job->email);
  g_free (job);
}

static void
render_login (GfWebRequest *request,
              guint         status,
              const char   *email,
              const char   *error,
              const char   *notice)
{
  g_autoptr(JsonObject) data = json_object_new ();

  json_object_set_string_member (data, "title", "Connexion");
  json_object_set_string_member (data, "email", email != NULL ? email : "");
  if (error != NULL)
    json_object_set_string_member (data, "error", error);
  if (notice != NULL)
    json_object_set_string_member (data, "notice", notice);
  gf_web_render (request, status, "login", data);
}

/* "15 h 42" in Paris time, for "réessayez après …". */
static char *
format_retry_time (const char *iso)
{
  g_autofree char *full = gf_timestamp_format_fr (iso);
  const char *at = full != NULL ? strstr (full, " à ") : NULL;

  return g_strdup (at != NULL ? at + strlen (" à ") : "quelques minutes");
}

static char *
lock_until (gint64 failures)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) until = NULL;
  gint64 minutes;

  if (failures < FAILURES_BEFORE_LOCK)
    return NULL;
  minutes = MIN ((gint64)1 << MIN (failures - FAILURES_BEFORE_LOCK, 10), MAX_LOCK_MINUTES);
  until = g_date_time_add_minutes (now, (int)minutes);
  return gf_timestamp_from_datetime (until);
}

/* The later of the account's and the client address's locks, if one is still running. */
static char *
current_lock (GfDb       *db,
              const char *email,
              const char *client)
{
  g_autoptr(GfStmt) stmt = NULL;
  g_autofree char *now = gf_timestamp_now ();

  stmt = gf_db_prepare (db,
                        "SELECT max(ifnull((SELECT locked_until FROM citizen_account "
                        "                    WHERE email = ?1), ''), "
                        "           ifnull((SELECT locked_until FROM login_throttle "
                        "                    WHERE address = ?2), ''))",
                        NULL);
  if (stmt == NULL)
    return NULL;
  gf_stmt_bind_text (stmt, 1, email);
  gf_stmt_bind_text (stmt, 2, client);
  if (gf_db_step (db, stmt, NULL) != GF_DB_STEP_ROW ||
      g_strcmp0 (gf_stmt_column_text (stmt, 0), now) <= 0)
    return NULL;
  return gf_stmt_dup_text (stmt, 0);
}

typedef struct
{
  const char *email;
  const char *client;
} FailureCall;

static gboolean
record_failure_cb (GfDb      *db,
                   gpointer   user_data,
                   GError   **error)
{
  FailureCall *call = user_data;
  g_autofree char *now = gf_timestamp_now ();
  g_autoptr(GfStmt) account = NULL;
  g_autoptr(GfStmt) address = NULL;
  gint64 failures = 0;

  account = gf_db_prepare (db, "UPDATE citizen_account SET failed_logins = failed_logins + 1 "
                               "WHERE email = ?1 RETURNING failed_logins", error);
  if (account == NULL)
    return FALSE;
  gf_stmt_bind_text (account, 1, call->email);
  if (gf_db_step (db, account, error) == GF_DB_STEP_ROW)
    {
      g_autofree char *until = lock_until (sqlite3_column_int64 (account, 0));
      g_autoptr(GfStmt) lock = NULL;

      gf_stmt_release (account);
      lock = gf_db_prepare (db, "UPDATE citizen_account SET locked_until = ?2 WHERE email = ?1",
                            error);
      if (lock == NULL)
        return FALSE;
      gf_stmt_bind_text (lock, 1, call->email);
      gf_stmt_bind_text_or_null (lock, 2, until);
      if (!gf_db_step_done (db, lock, error))
        return FALSE;
    }

  address = gf_db_prepare (db,
                           "INSERT INTO login_throttle (address, failures, last_failure_at) "
                           "VALUES (?1, 1, ?2) ON CONFLICT (address) DO UPDATE SET "
                           "failures = failures + 1, last_failure_at = ?2 RETURNING failures",
                           error);
  if (address == NULL)
    return FALSE;
  gf_stmt_bind_text (address, 1, call->client);
  gf_stmt_bind_text (address, 2, now);
  if (gf_db_step (db, address, error) != GF_DB_STEP_ROW)
    return FALSE;
  failures = sqlite3_column_int64 (address, 0);
  gf_stmt_release (address);
  {
    g_autofree char *until = lock_until (failures);
    g_autoptr(GfStmt) lock = gf_db_prepare (db, "UPDATE login_throttle SET locked_until = ?2 "
                                                "WHERE address = ?1", error);

    if (lock == NULL)
      return FALSE;
    gf_stmt_bind_text (lock, 1, call->client);
    gf_stmt_bind_text_or_null (lock, 2, until);
    return gf_db_step_done (db, lock, error);
  }
}

typedef struct
{
  gint64      account_id;
  const char *client;
} RecordLogin;

static gboolean
record_login_cb (GfDb      *db,
                 GfChange  *change,
                 gpointer   user_data,
                 GError   **error)
{
  RecordLogin *job = user_data;
  g_autofree char *now = gf_timestamp_now ();
  g_autoptr(GfStmt) account = NULL;
  g_autoptr(GfStmt) address = NULL;

  account = gf_db_prepare (db, "UPDATE citizen_account SET failed_logins = 0, locked_until = NULL, "
                               "last_login_at = ?2 WHERE id = ?1", error);
  if (account == NULL)
    return FALSE;
  sqlite3_bind_int64 (account, 1, job->account_id);
  gf_stmt_bind_text (account, 2, now);
  if (!gf_db_step_done (db, account, error))
    return FALSE;

  address = gf_db_prepare (db, "DELETE FROM login_throttle WHERE address = ?1", error);
  if (address == NULL)
    return FALSE;
  gf_stmt_bind_text (address, 1, job->client);
  if (!gf_db_step_done (db, address, error))
    return FALSE;

  gf_change_record (change, "login", "citizen_account", job->account_id, NULL);
  return TRUE;
}

static void
login_done_cb (GfWebRequest *request,
               const char   *hash,
               gboolean      ok,
               gpointer      user_data)
{
  LoginJob *job = user_data;
  GfDb *db = gf_web_db (request);
  g_autoptr(GError) error = NULL;
  g_autofree char *cookie = NULL;
  GfActor actor = { GF_ACTOR_CITIZEN, job->account_id, job->email };
  RecordLogin record = { job->account_id, request->client };

  if (!ok)
    {
      FailureCall call = { job->email, request->client };

      if (!gf_db_write (db, record_failure_cb, &call, &error))
        g_warning ("recording a failed login: %s", error->message);
      render_login (request, SOUP_STATUS_OK, job->email,
                    "Adresse électronique ou mot de passe incorrect. Vérifiez-les, ou cliquez "
                    "sur « Mot de passe oublié ? ».", NULL);
      return;
    }

  if (!gf_db_change (db, &actor, record_login_cb, &record, &error) ||
      (cookie = gf_web_session_create (db, job->account_id, job->remember, &error)) == NULL)
    {
      g_warning ("opening a session: %s", error->message);
      gf_web_error_page (request, SOUP_STATUS_SERVICE_UNAVAILABLE,
                         "La connexion n’a pas pu aboutir. Réessayez dans un moment.");
      return;
    }
  gf_web_set_cookie (request, GF_SESSION_COOKIE, cookie,
                     job->remember ? GF_SESSION_PERSISTENT_SECONDS : 0);
  gf_web_redirect (request, "/accueil");
}

static void
login_get (GfWebRequest *request)
{
  const char *notice = NULL;

  if (request->session != NULL)
    {
      gf_web_redirect (request, "/accueil");
      return;
    }
  if (g_str_equal (gf_web_query_get (request, "message"), "deconnecte"))
    notice = "Vous êtes déconnecté. À bientôt !";
  else if (g_str_equal (gf_web_query_get (request, "message"), "mot-de-passe"))
    notice = "Votre mot de passe est enregistré : connectez-vous avec lui.";
  render_login (request, SOUP_STATUS_OK, NULL, NULL, notice);
}

static void
login_post (GfWebRequest *request)
{
  GfDb *db = gf_web_db (request);
  g_autofree char *email = g_strstrip (g_strdup (gf_web_form_get (request, "email")));
  const char *password = gf_web_form_get (request, "password");
  g_autoptr(GfCitizenAccount) account = NULL;
  g_autofree char *locked = NULL;
  gboolean active;
  LoginJob *job;

  if (*email == '\0' || *password == '\0')
    {
      render_login (request, SOUP_STATUS_OK, email,
                    "Saisissez votre adresse électronique et votre mot de passe.", NULL);
      return;
    }
  if (strlen (email) > 254 || strlen (password) > GF_PASSWORD_MAX_BYTES)
    {
      render_login (request, SOUP_STATUS_OK, "",
                    "Adresse électronique ou mot de passe incorrect.", NULL);
      return;
    }

  locked = current_lock (db, email, request->client);
  if (locked != NULL)
    {
      g_autofree char *when = format_retry_time (locked);
      g_autofree char *message = g_strdup_printf ("Trop de tentatives de connexion. Par "
                                                  "sécurité, réessayez après %s.", when);

      render_login (request, GF_WEB_STATUS_TOO_MANY_REQUESTS, email, message, NULL);
      return;
    }

  account = gf_citizen_account_get_by_email (db, email, NULL);
  active = account != NULL && g_str_equal (account->state, "active");

  job = g_new0 (LoginJob, 1);
  job->email = g_steal_pointer (&email);
  job->remember = g_str_equal (gf_web_form_get (request, "souvenir"), "1");
  job->account_id = active ? account->id : 0;
  gf_web_password_verify (request, active ? account->password_hash : NULL, password,
                          login_done_cb, job, login_job_free);
}

static void
logout_post (GfWebRequest *request)
{
  g_autoptr(GError) error = NULL;

  if (!gf_web_session_destroy (gf_web_db (request),
                               g_hash_table_lookup (request->cookies, GF_SESSION_COOKIE), &error))
    g_warning ("closing a session: %s", error->message);
  gf_web_set_cookie (request, GF_SESSION_COOKIE, "", -1);
  gf_web_redirect (request, "/connexion?message=deconnecte");
}

void
_gf_web_auth_register (GfPortal *portal)
{
  gf_portal_add_route (portal, "GET", "/connexion", GF_ROUTE_PUBLIC, login_get);
  gf_portal_add_route (portal, "POST", "/connexion", GF_ROUTE_PUBLIC, login_post);
  gf_portal_add_route (portal, "POST", "/deconnexion", GF_ROUTE_LOGGED_IN, logout_post);
}
