/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-portal-private.h"
#include "gf-audit.h"
#include "gf-date.h"
#include "gf-invoice-query.h"
#include "gf-money.h"
#include "gf-settings.h"

/* The home page ("Accueil"), its announcement, and the static files. */

static void
root_get (GfWebRequest *request)
{
  gf_web_redirect (request, request->session != NULL ? "/accueil" : "/connexion");
}

/* The newest published announcement this account has not closed yet. */
static JsonObject *
load_announcement (GfDb   *db,
                   gint64  account_id)
{
  g_autoptr(GfStmt) stmt = NULL;
  JsonObject *announcement;

  stmt = gf_db_prepare (db,
                        "SELECT a.id, a.title, a.body FROM announcement a "
                        " WHERE a.published = 1 AND NOT EXISTS (SELECT 1 FROM announcement_dismissal d "
                        "       WHERE d.announcement_id = a.id AND d.account_id = ?1) "
                        " ORDER BY a.published_at DESC, a.id DESC LIMIT 1",
                        NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, account_id);
  if (gf_db_step (db, stmt, NULL) != GF_DB_STEP_ROW)
    return NULL;

  announcement = json_object_new ();
  json_object_set_int_member (announcement, "id", sqlite3_column_int64 (stmt, 0));
  json_object_set_string_member (announcement, "title", gf_stmt_column_text (stmt, 1));
  json_object_set_string_member (announcement, "body", gf_stmt_column_text (stmt, 2));
  return announcement;
}

static void
home_get (GfWebRequest *request)
{
  GfDb *db = gf_web_db (request);
  g_autoptr(JsonObject) data = json_object_new ();
  g_auto(GfInvoiceTotals) unpaid = { 0 };
  g_autoptr(GError) error = NULL;
  JsonObject *announcement;

  json_object_set_string_member (data, "title", "Accueil");
  announcement = load_announcement (db, request->session->account_id);
  if (announcement != NULL)
    json_object_set_object_member (data, "announcement", announcement);

  if (!gf_invoice_totals_for_family (db, request->session->family_id, "unpaid", &unpaid, &error))
    {
      g_warning ("home totals: %s", error->message);
      gf_web_error_page (request, SOUP_STATUS_INTERNAL_SERVER_ERROR,
                         "Une erreur est survenue de notre côté. Réessayez dans un moment.");
      return;
    }
  json_object_set_int_member (data, "unpaid_count", unpaid.count);
  json_object_set_boolean_member (data, "unpaid_several", unpaid.count > 1);
  if (unpaid.count > 0)
    {
      g_autofree char *remaining = gf_money_format (unpaid.remaining_cents);
      g_autofree char *due = gf_date_format_iso_fr (unpaid.next_due_date, "");

      json_object_set_string_member (data, "unpaid_remaining", remaining);
      json_object_set_string_member (data, "next_due", due);
    }

  gf_web_render (request, SOUP_STATUS_OK, "home", data);
}

typedef struct
{
  gint64 announcement_id;
  gint64 account_id;
} Dismissal;

static gboolean
dismiss_cb (GfDb      *db,
            GfChange  *change,
            gpointer   user_data,
            GError   **error)
{
  Dismissal *dismissal = user_data;
  g_autofree char *now = gf_timestamp_now ();
  g_autoptr(GfStmt) stmt = gf_db_prepare (db,
                                          "INSERT OR IGNORE INTO announcement_dismissal "
                                          "(announcement_id, account_id, dismissed_at) "
                                          "SELECT id, ?2, ?3 FROM announcement "
                                          "WHERE id = ?1 AND published = 1",
                                          error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dismissal->announcement_id);
  sqlite3_bind_int64 (stmt, 2, dismissal->account_id);
  gf_stmt_bind_text (stmt, 3, now);
  if (!gf_db_step_done (db, stmt, error))
    return FALSE;
  if (gf_db_changes (db) > 0)
    gf_change_record (change, "dismiss", "announcement", dismissal->announcement_id, NULL);
  return TRUE;
}

/* "Fermer": hides the announcement for this account until a new one is published. */
static void
dismiss_post (GfWebRequest *request)
{
  Dismissal dismissal = { 0, request->session->account_id };
  GfActor actor = { GF_ACTOR_CITIZEN, request->session->account_id, request->session->email };
  g_autoptr(GError) error = NULL;

  if (!g_ascii_string_to_signed (gf_web_form_get (request, "annonce"), 10, 1, G_MAXINT64,
                                 &dismissal.announcement_id, NULL))
    {
      gf_web_error_page (request, SOUP_STATUS_BAD_REQUEST,
                         "Cette annonce n’existe pas. Revenez à l’accueil.");
      return;
    }
  if (!gf_db_change (gf_web_db (request), &actor, dismiss_cb, &dismissal, &error))
    g_warning ("dismissing an announcement: %s", error->message);
  gf_web_redirect (request, "/accueil");
}

static void
static_get (GfWebRequest *request)
{
  g_autofree char *path = g_strconcat ("/fr/guichetfamilles/web", request->path, NULL);
  g_autoptr(GBytes) bytes = g_resource_lookup_data (_gf_web_get_resource (), path,
                                                    G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (request->msg);
  const char *type = "application/octet-stream";

  if (bytes == NULL || strstr (request->path, "..") != NULL)
    {
      gf_web_error_page (request, SOUP_STATUS_NOT_FOUND, "Ce fichier n’existe pas.");
      return;
    }
  if (g_str_has_suffix (request->path, ".css"))
    type = "text/css; charset=utf-8";
  else if (g_str_has_suffix (request->path, ".js"))
    type = "text/javascript; charset=utf-8";
  else if (g_str_has_suffix (request->path, ".svg"))
    type = "image/svg+xml";

  soup_message_headers_replace (headers, "Cache-Control", "public, max-age=3600");
  soup_server_message_set_status (request->msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (request->msg, type, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

void
_gf_web_pages_register (GfPortal *portal)
{
  gf_portal_add_route (portal, "GET", "/", GF_ROUTE_PUBLIC, root_get);
  gf_portal_add_route (portal, "GET", "/accueil", GF_ROUTE_LOGGED_IN, home_get);
  gf_portal_add_route (portal, "POST", "/accueil/fermer-annonce", GF_ROUTE_LOGGED_IN, dismiss_post);
  gf_portal_add_route (portal, "GET", "/static/", GF_ROUTE_PREFIX, static_get);
}
