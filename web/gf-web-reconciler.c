/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-portal-private.h"
#include "gf-date.h"
#include "gf-payfip-types.h"
#include "gf-web-payfip.h"

/* The PayFiP reconciler: a notification may never arrive, so every attempt still open is
 * asked about again — at start, then every minute; P5 (no result yet) tries again a
 * minute later, P1 past the idOp's 15 minutes ends the attempt, a technical fault backs
 * off. Its state is the database's only, so a restart loses nothing. */

#define IDOP_LIFETIME_MINUTES   15
#define CREATED_GRACE_MINUTES   5
#define MAX_BACKOFF_MINUTES     30
#define BATCH                   20

typedef struct
{
  GfDb   *db;
  gint64  operation_id;
  char   *idop;
  char   *created_at;
  gint64  failures;
  guint  *in_flight;
} Item;

static void
item_free (Item *item)
{
  g_clear_object (&item->db);
  g_free (item->idop);
  g_free (item->created_at);
  g_free (item);
}

static gboolean
older_than (const char *timestamp,
            gint64      minutes)
{
  g_autofree char *limit = gf_timestamp_from_now (-60 * minutes);

  return g_strcmp0 (timestamp, limit) < 0;
}

static void
reschedule (GfDb   *db,
            gint64  operation_id,
            gint64  minutes,
            gint64  failures)
{
  g_autofree char *next = gf_timestamp_from_now (60 * minutes);
  g_autoptr(GfStmt) stmt = gf_db_prepare (db, "UPDATE payfip_operation SET next_check_at = ?2, "
                                              "check_failures = ?3 WHERE id = ?1 "
                                              "AND state IN ('created', 'pending')", NULL);

  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt, 1, operation_id);
  gf_stmt_bind_text (stmt, 2, next);
  sqlite3_bind_int64 (stmt, 3, failures);
  gf_db_step_done (db, stmt, NULL);
}

static void
checked_cb (GfPayfipSettled  settled,
            const GError    *error,
            gpointer         user_data)
{
  Item *item = user_data;

  (*item->in_flight)--;
  if (error == NULL)
    ;
  else if (g_error_matches (error, GF_PAYFIP_ERROR, GF_PAYFIP_ERROR_PENDING))
    reschedule (item->db, item->operation_id, 1, 0);
  else if (g_error_matches (error, GF_PAYFIP_ERROR, GF_PAYFIP_ERROR_EXPIRED) &&
           older_than (item->created_at, IDOP_LIFETIME_MINUTES))
    {
      g_autoptr(GError) local = NULL;

      if (!gf_payfip_operation_expire (item->db, item->idop, &local))
        g_warning ("expiring %s: %s", item->idop, local->message);
    }
  else
    {
      /* Technical trouble, or an answer we refused: back off, 1, 2, 4 … 30 minutes. */
      gint64 failures = item->failures + 1;

      reschedule (item->db, item->operation_id,
                  MIN ((gint64)1 << MIN (failures - 1, 5), MAX_BACKOFF_MINUTES), failures);
    }
  item_free (item);
}

/* Attempts that never got an idOp (PayFiP unreachable and the portal killed before it
 * could say so) are ended after a few minutes: nothing can have been paid on them. */
static void
end_orphans (GfDb *db)
{
  g_autofree char *limit = gf_timestamp_from_now (-60 * CREATED_GRACE_MINUTES);
  g_autoptr(GfStmt) stmt = gf_db_prepare (db, "SELECT id FROM payfip_operation "
                                              "WHERE state = 'created' AND created_at < ?1",
                                              NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (stmt == NULL)
    return;
  gf_stmt_bind_text (stmt, 1, limit);
  while (gf_db_step (db, stmt, NULL) == GF_DB_STEP_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  gf_stmt_release (stmt);
  for (guint i = 0; i < ids->len; i++)
    gf_payfip_operation_fail (db, g_array_index (ids, gint64, i), "no idOp: never reached PayFiP",
                              NULL);
}

typedef struct
{
  GfDb     *db;
  gpointer  mail_sender;
  guint     in_flight;
  guint     source;
} Reconciler;

static gboolean
tick_cb (gpointer user_data)
{
  Reconciler *self = user_data;
  g_autofree char *now = gf_timestamp_now ();
  g_autoptr(GfStmt) stmt = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  if (self->in_flight > 0)
    return G_SOURCE_CONTINUE;

  end_orphans (self->db);

  stmt = gf_db_prepare (self->db,
                        "SELECT id, idop, created_at, check_failures FROM payfip_operation "
                        " WHERE state = 'pending' AND idop IS NOT NULL "
                        "   AND (next_check_at IS NULL OR next_check_at <= ?1) "
                        " ORDER BY next_check_at LIMIT ?2",
                        NULL);
  if (stmt == NULL)
    return G_SOURCE_CONTINUE;
  gf_stmt_bind_text (stmt, 1, now);
  sqlite3_bind_int (stmt, 2, BATCH);
  while (gf_db_step (self->db, stmt, NULL) == GF_DB_STEP_ROW)
    {
      Item *item = g_new0 (Item, 1);

      item->db = g_object_ref (self->db);
      item->operation_id = sqlite3_column_int64 (stmt, 0);
      item->idop = gf_stmt_dup_text (stmt, 1);
      item->created_at = gf_stmt_dup_text (stmt, 2);
      item->failures = sqlite3_column_int64 (stmt, 3);
      item->in_flight = &self->in_flight;
      g_ptr_array_add (items, item);
    }
  gf_stmt_release (stmt);

  for (guint i = 0; i < items->len; i++)
    {
      Item *item = items->pdata[i];

      self->in_flight++;
      gf_web_payfip_check (self->db, self->mail_sender, item->idop, checked_cb, item);
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
first_tick_cb (gpointer user_data)
{
  tick_cb (user_data);
  return G_SOURCE_REMOVE;
}

/**
 * gf_web_reconciler_start:
 * @interval_seconds: how often to look (60 in production; the tests use less)
 *
 * Runs on the thread-default main context for the life of the process.
 */
void
gf_web_reconciler_start (GfDb     *db,
                         gpointer  mail_sender,
                         guint     interval_seconds)
{
  Reconciler *self = g_new0 (Reconciler, 1);

  self->db = g_object_ref (db);
  self->mail_sender = mail_sender != NULL ? g_object_ref (mail_sender) : NULL;
  self->source = g_timeout_add_seconds (interval_seconds, tick_cb, self);
  g_idle_add (first_tick_cb, self);
}
