/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-announcement.h"
#include "gf-date.h"
#include "gf-i18n.h"
#include "gf-validate.h"

#define SELECT_SQL "SELECT id, title, body, published, published_at, created_at, updated_at " \
                   "FROM announcement "

GfAnnouncement *
gf_announcement_new (void)
{
  GfAnnouncement *announcement = g_new0 (GfAnnouncement, 1);

  announcement->title = g_strdup ("");
  announcement->body = g_strdup ("");
  return announcement;
}

void
gf_announcement_free (GfAnnouncement *announcement)
{
  if (announcement == NULL)
    return;
  g_free (announcement->title);
  g_free (announcement->body);
  g_free (announcement->published_at);
  g_free (announcement->created_at);
  g_free (announcement->updated_at);
  g_free (announcement);
}

static gboolean
check_text (const char  *text,
            gsize        max_chars,
            const char  *required,
            const char  *too_long,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (gf_validate_text (text, max_chars, TRUE, &local_error))
    return TRUE;
  if (g_error_matches (local_error, GF_INPUT_ERROR, GF_INPUT_ERROR_REQUIRED))
    g_set_error_literal (error, GF_INPUT_ERROR, GF_INPUT_ERROR_REQUIRED, required);
  else if (g_error_matches (local_error, GF_INPUT_ERROR, GF_INPUT_ERROR_TOO_LONG))
    g_set_error_literal (error, GF_INPUT_ERROR, GF_INPUT_ERROR_TOO_LONG, too_long);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
gf_announcement_check_title (const char  *title,
                             GError     **error)
{
  /* The title is one line: a heading on the portal. */
  if (title != NULL && strchr (title, '\n') != NULL)
    {
      g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID, _("The title is one line."));
      return FALSE;
    }
  g_autofree char *too_long = g_strdup_printf (_("The title is too long: %d characters at most."),
                                               GF_ANNOUNCEMENT_TITLE_MAX_CHARS);

  return check_text (title, GF_ANNOUNCEMENT_TITLE_MAX_CHARS, _("Enter a title."), too_long, error);
}

gboolean
gf_announcement_check_body (const char  *body,
                            GError     **error)
{
  g_autofree char *too_long = g_strdup_printf (_("The text is too long: %d characters at most."),
                                               GF_ANNOUNCEMENT_BODY_MAX_CHARS);

  return check_text (body, GF_ANNOUNCEMENT_BODY_MAX_CHARS, _("Write the text of the announcement."),
                     too_long, error);
}

static GfAnnouncement *
read_row (GfStmt *stmt)
{
  GfAnnouncement *announcement = g_new0 (GfAnnouncement, 1);

  announcement->id = sqlite3_column_int64 (stmt, 0);
  announcement->title = gf_stmt_dup_text (stmt, 1);
  announcement->body = gf_stmt_dup_text (stmt, 2);
  announcement->published = sqlite3_column_int (stmt, 3) != 0;
  announcement->published_at = gf_stmt_dup_text_or_null (stmt, 4);
  announcement->created_at = gf_stmt_dup_text (stmt, 5);
  announcement->updated_at = gf_stmt_dup_text (stmt, 6);
  return announcement;
}

/* Returns: (transfer full) (element-type GfAnnouncement): the published one first, then
 * the newest. */
GPtrArray *
gf_announcement_list (GfDb    *db,
                      GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)gf_announcement_free);
  g_autoptr(GfStmt) stmt = gf_db_prepare (db, SELECT_SQL "ORDER BY published DESC, updated_at DESC, "
                                              "id DESC", error);
  GfDbStep step;

  if (stmt == NULL)
    return NULL;
  while ((step = gf_db_step (db, stmt, error)) == GF_DB_STEP_ROW)
    g_ptr_array_add (list, read_row (stmt));
  if (step == GF_DB_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&list);
}

GfAnnouncement *
gf_announcement_get (GfDb    *db,
                     gint64   id,
                     GError **error)
{
  g_autoptr(GfStmt) stmt = gf_db_prepare (db, SELECT_SQL "WHERE id = ?1", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  switch (gf_db_step (db, stmt, error))
    {
    case GF_DB_STEP_ROW:
      return read_row (stmt);
    case GF_DB_STEP_DONE:
      g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND, _("This announcement no longer exists."));
      return NULL;
    case GF_DB_STEP_ERROR:
    default:
      return NULL;
    }
}

static gboolean
save_cb (GfDb      *db,
         GfChange  *change,
         gpointer   user_data,
         GError   **error)
{
  GfAnnouncement *announcement = user_data;
  const GfActor *actor = gf_change_get_actor (change);
  g_autofree char *now = gf_timestamp_now ();
  g_autoptr(GfStmt) stmt = NULL;
  JsonObject *details;
  gboolean created = announcement->id == 0;

  stmt = gf_db_prepare (db,
                        created
                        ? "INSERT INTO announcement (title, body, created_by, created_at, updated_at) "
                          "VALUES (?2, ?3, ?4, ?5, ?5)"
                        : "UPDATE announcement SET title = ?2, body = ?3, updated_at = ?5 "
                          "WHERE id = ?1 AND ?4 = ?4",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, announcement->id);
  gf_stmt_bind_text (stmt, 2, announcement->title);
  gf_stmt_bind_text (stmt, 3, announcement->body);
  if (actor->kind == GF_ACTOR_STAFF)
    sqlite3_bind_int64 (stmt, 4, actor->id);
  else
    sqlite3_bind_null (stmt, 4);
  gf_stmt_bind_text (stmt, 5, now);
  if (!gf_db_step_done (db, stmt, error))
    return FALSE;
  if (created)
    announcement->id = gf_db_last_insert_id (db);
  else if (gf_db_changes (db) == 0)
    {
      g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND, _("This announcement no longer exists."));
      return FALSE;
    }
  g_free (announcement->updated_at);
  announcement->updated_at = g_strdup (now);
  if (created)
    {
      g_free (announcement->created_at);
      announcement->created_at = g_strdup (now);
    }

  details = json_object_new ();
  json_object_set_string_member (details, "title", announcement->title);
  json_object_set_string_member (details, "body", announcement->body);
  gf_change_record (change, created ? "create" : "update", "announcement", announcement->id, details);
  return TRUE;
}

/* Creates the announcement (id 0) or saves its title and text; a published one changes
 * on the portal at once. */
gboolean
gf_announcement_save (GfDb            *db,
                      const GfActor   *actor,
                      GfAnnouncement  *announcement,
                      GError         **error)
{
  g_return_val_if_fail (announcement != NULL, FALSE);

  g_strstrip (announcement->title);
  if (!gf_announcement_check_title (announcement->title, error) ||
      !gf_announcement_check_body (announcement->body, error))
    return FALSE;
  return gf_db_change (db, actor, save_cb, announcement, error);
}

typedef struct
{
  gint64   id;
  gboolean published;
} PublishCall;

static gboolean
publish_cb (GfDb      *db,
            GfChange  *change,
            gpointer   user_data,
            GError   **error)
{
  PublishCall *call = user_data;
  g_autofree char *now = gf_timestamp_now ();
  g_autoptr(GfAnnouncement) announcement = gf_announcement_get (db, call->id, error);
  g_autoptr(GfStmt) others = NULL;
  g_autoptr(GfStmt) stmt = NULL;

  if (announcement == NULL)
    return FALSE;
  if (announcement->published == call->published)
    return TRUE;

  if (call->published)
    {
      /* The portal shows only the newest published one: withdraw the others so the list
       * here says what the families see. */
      others = gf_db_prepare (db, "SELECT id FROM announcement WHERE published = 1 AND id != ?1",
                              error);
      if (others == NULL)
        return FALSE;
      sqlite3_bind_int64 (others, 1, call->id);
      while (gf_db_step (db, others, NULL) == GF_DB_STEP_ROW)
        gf_change_record (change, "unpublish", "announcement", sqlite3_column_int64 (others, 0), NULL);
      g_clear_pointer (&others, gf_stmt_release);
      if (!gf_db_exec (db, "UPDATE announcement SET published = 0 WHERE published = 1", error))
        return FALSE;
    }

  stmt = gf_db_prepare (db,
                        call->published
                        ? "UPDATE announcement SET published = 1, published_at = ?2 WHERE id = ?1"
                        : "UPDATE announcement SET published = 0 WHERE id = ?1 AND ?2 = ?2",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, call->id);
  gf_stmt_bind_text (stmt, 2, now);
  if (!gf_db_step_done (db, stmt, error))
    return FALSE;
  gf_change_record (change, call->published ? "publish" : "unpublish", "announcement", call->id, NULL);
  return TRUE;
}

/* Publishes (withdrawing any other) or withdraws an announcement from the portal. A family
 * who closed this announcement on the portal does not see it again. */
gboolean
gf_announcement_set_published (GfDb           *db,
                               const GfActor  *actor,
                               gint64          id,
                               gboolean        published,
                               GError        **error)
{
  PublishCall call = { id, published };

  return gf_db_change (db, actor, publish_cb, &call, error);
}
