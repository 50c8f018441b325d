/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-document.h"
#include "gf-crypto.h"
#include "gf-date.h"
#include "gf-i18n.h"
#include "gf-mail-outbox.h"
#include "gf-settings.h"
#include "gf-validate.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

/* Supporting documents: the list staff work through, their decision (accept, or refuse
 * with a reason), and the files. A decision and the e-mail that tells the family commit
 * together, with their audit row. */

#define DOCUMENT_SQL \
  "SELECT d.id, d.family_id, f.reference, " \
  "       ifnull((SELECT g.last_name || ' ' || g.first_name FROM guardian g " \
  "                WHERE g.family_id = f.id ORDER BY g.payer DESC, g.id LIMIT 1), ''), " \
  "       ifnull(d.child_id, 0), ifnull(c.first_name || ' ' || c.last_name, ''), t.label, " \
  "       d.file_name, d.media_type, d.size_bytes, d.sha256, d.state, d.reason, " \
  "       d.uploaded_at, d.decided_at, s.display_name, d.valid_until " \
  "  FROM document d JOIN family f ON f.id = d.family_id " \
  "       JOIN document_type t ON t.id = d.type_id " \
  "       LEFT JOIN child c ON c.id = d.child_id " \
  "       LEFT JOIN staff_user s ON s.id = d.decided_by "

G_DEFINE_BOXED_TYPE (GfDocument, gf_document, gf_document_copy, gf_document_free)

GfDocument *
gf_document_copy (const GfDocument *document)
{
  GfDocument *copy = g_memdup2 (document, sizeof *document);

  copy->family_reference = g_strdup (document->family_reference);
  copy->family_name = g_strdup (document->family_name);
  copy->child_name = g_strdup (document->child_name);
  copy->type_label = g_strdup (document->type_label);
  copy->file_name = g_strdup (document->file_name);
  copy->media_type = g_strdup (document->media_type);
  copy->sha256 = g_strdup (document->sha256);
  copy->state = g_strdup (document->state);
  copy->reason = g_strdup (document->reason);
  copy->uploaded_at = g_strdup (document->uploaded_at);
  copy->decided_at = g_strdup (document->decided_at);
  copy->decided_by = g_strdup (document->decided_by);
  copy->valid_until = g_strdup (document->valid_until);
  return copy;
}

void
gf_document_free (GfDocument *document)
{
  if (document == NULL)
    return;
  g_free (document->family_reference);
  g_free (document->family_name);
  g_free (document->child_name);
  g_free (document->type_label);
  g_free (document->file_name);
  g_free (document->media_type);
  g_free (document->sha256);
  g_free (document->state);
  g_free (document->reason);
  g_free (document->uploaded_at);
  g_free (document->decided_at);
  g_free (document->decided_by);
  g_free (document->valid_until);
  g_free (document);
}

static GfDocument *
read_document (GfStmt *stmt)
{
  GfDocument *document = g_new0 (GfDocument, 1);

  document->id = sqlite3_column_int64 (stmt, 0);
  document->family_id = sqlite3_column_int64 (stmt, 1);
  document->family_reference = gf_stmt_dup_text (stmt, 2);
  document->family_name = gf_stmt_dup_text (stmt, 3);
  document->child_id = sqlite3_column_int64 (stmt, 4);
  document->child_name = gf_stmt_dup_text (stmt, 5);
  document->type_label = gf_stmt_dup_text (stmt, 6);
  document->file_name = gf_stmt_dup_text (stmt, 7);
  document->media_type = gf_stmt_dup_text (stmt, 8);
  document->size_bytes = sqlite3_column_int64 (stmt, 9);
  document->sha256 = gf_stmt_dup_text (stmt, 10);
  document->state = gf_stmt_dup_text (stmt, 11);
  document->reason = gf_stmt_dup_text (stmt, 12);
  document->uploaded_at = gf_stmt_dup_text (stmt, 13);
  document->decided_at = gf_stmt_dup_text_or_null (stmt, 14);
  document->decided_by = gf_stmt_dup_text_or_null (stmt, 15);
  document->valid_until = gf_stmt_dup_text_or_null (stmt, 16);
  return document;
}

/**
 * gf_document_list:
 * @state: (nullable): "pending", "accepted" or "refused"; %NULL for all
 *
 * Returns: (transfer full) (element-type GfDocument): pending documents oldest first
 *   (the order they are dealt with), decided ones newest decision first
 */
GPtrArray *
gf_document_list (GfDb        *db,
                  const char  *state,
                  GError     **error)
{
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GfStmt) stmt = NULL;
  GfDbStep step;

  g_return_val_if_fail (GF_IS_DB (db), NULL);

  stmt = gf_db_prepare (db, DOCUMENT_SQL
                        " WHERE ?1 IS NULL OR d.state = ?1 "
                        " ORDER BY d.decided_at DESC, d.uploaded_at, d.id",
                        error);
  if (stmt == NULL)
    return NULL;
  gf_stmt_bind_text_or_null (stmt, 1, state);

  documents = g_ptr_array_new_with_free_func ((GDestroyNotify) gf_document_free);
  while ((step = gf_db_step (db, stmt, error)) == GF_DB_STEP_ROW)
    g_ptr_array_add (documents, read_document (stmt));
  if (step == GF_DB_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&documents);
}

GfDocument *
gf_document_get (GfDb    *db,
                 gint64   id,
                 GError **error)
{
  g_autoptr(GfStmt) stmt = NULL;

  g_return_val_if_fail (GF_IS_DB (db), NULL);

  stmt = gf_db_prepare (db, DOCUMENT_SQL " WHERE d.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  switch (gf_db_step (db, stmt, error))
    {
    case GF_DB_STEP_ROW:
      return read_document (stmt);
    case GF_DB_STEP_DONE:
      g_set_error_literal (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND,
                           _("This document no longer exists."));
      return NULL;
    case GF_DB_STEP_ERROR:
    default:
      return NULL;
    }
}

/*
 * The decision
 */

typedef struct
{
  gint64              id;
  GfDocumentDecision  decision;
  const char         *reason;
  const char         *valid_until;
} DecideCall;

/* The family learns the decision at its portal login when the account is active, else
 * at its contact address; without an address there is no e-mail. French whatever the
 * server's locale, like everything families read. */
static gboolean
queue_mail (GfDb              *db,
            const GfDocument  *document,
            const DecideCall  *call,
            GError           **error)
{
  g_autoptr(GfStmt) stmt = NULL;
  g_autofree char *collectivite = gf_settings_get (db, GF_SETTING_COLLECTIVITE_NAME);
  g_autofree char *service = gf_settings_get (db, GF_SETTING_SERVICE_NAME);
  g_autofree char *portal = gf_settings_get (db, GF_SETTING_PORTAL_URL);
  g_autofree char *recipient = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *text = NULL;
  g_autofree char *about = NULL;
  g_autofree char *outcome = NULL;

  stmt = gf_db_prepare (db,
                        "SELECT ifnull((SELECT a.email FROM citizen_account a "
                        "               WHERE a.family_id = f.id AND a.state = 'active'), "
                        "              f.email) FROM family f WHERE f.id = ?1",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document->family_id);
  if (gf_db_step (db, stmt, error) != GF_DB_STEP_ROW)
    return FALSE;
  recipient = gf_stmt_dup_text (stmt, 0);
  gf_stmt_release (stmt);
  if (*recipient == '\0')
    return TRUE;

  about = *document->child_name != '\0'
          ? g_strdup_printf ("« %s » de %s (fichier %s)", document->type_label,
                             document->child_name, document->file_name)
          : g_strdup_printf ("« %s » (fichier %s)", document->type_label, document->file_name);
  if (call->decision == GF_DOCUMENT_ACCEPT)
    {
      g_autofree char *until = call->valid_until != NULL
                               ? gf_date_format_iso_fr (call->valid_until, NULL) : NULL;

      subject = g_strdup_printf ("Document accepté – %s", collectivite);
      outcome = until != NULL
                ? g_strdup_printf ("a été accepté. Il est valable jusqu'au %s.", until)
                : g_strdup ("a été accepté.");
    }
  else
    {
      subject = g_strdup_printf ("Document refusé – %s", collectivite);
      outcome = g_strdup_printf ("a été refusé pour la raison suivante :\n\n  %s\n\n"
                                 "Vous pouvez déposer un nouveau document sur votre espace.",
                                 call->reason);
    }
  text = g_strdup_printf ("Bonjour,\n\nLe document %s que vous avez déposé %s\n\n"
                          "Retrouvez vos documents sur %s/documents\n\n"
                          "Salutations distinguées,\n%s – %s\n\n"
                          "Merci de ne pas répondre à ce message.\n",
                          about, outcome, portal, collectivite, service);
  return gf_mail_outbox_enqueue (db, "document_decision", recipient, subject, text, NULL,
                                 NULL, error);
}

static gboolean
decide_cb (GfDb      *db,
           GfChange  *change,
           gpointer   user_data,
           GError   **error)
{
  DecideCall *call = user_data;
  const GfActor *actor = gf_change_get_actor (change);
  g_autoptr(GfDocument) document = NULL;
  g_autoptr(GfStmt) stmt = NULL;
  g_autofree char *now = gf_timestamp_now ();
  gboolean accept = call->decision == GF_DOCUMENT_ACCEPT;
  JsonObject *details;

  document = gf_document_get (db, call->id, error);
  if (document == NULL)
    return FALSE;
  /* Read inside the write transaction: two agents deciding at once cannot both win. */
  if (!g_str_equal (document->state, "pending"))
    {
      g_set_error_literal (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                           g_str_equal (document->state, "accepted")
                           ? _("This document has already been accepted.")
                           : _("This document has already been refused."));
      return FALSE;
    }

  stmt = gf_db_prepare (db,
                        "UPDATE document SET state = ?2, reason = ?3, decided_by = ?4, "
                        "       decided_at = ?5, valid_until = ?6 "
                        " WHERE id = ?1 AND state = 'pending'",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, call->id);
  gf_stmt_bind_text (stmt, 2, accept ? "accepted" : "refused");
  gf_stmt_bind_text (stmt, 3, accept ? "" : call->reason);
  if (actor->kind == GF_ACTOR_STAFF)
    sqlite3_bind_int64 (stmt, 4, actor->id);
  gf_stmt_bind_text (stmt, 5, now);
  gf_stmt_bind_text_or_null (stmt, 6, accept ? call->valid_until : NULL);
  if (!gf_db_step_done (db, stmt, error))
    return FALSE;

  if (!queue_mail (db, document, call, error))
    return FALSE;

  details = json_object_new ();
  json_object_set_int_member (details, "family_id", document->family_id);
  json_object_set_string_member (details, "file_name", document->file_name);
  if (accept && call->valid_until != NULL)
    json_object_set_string_member (details, "valid_until", call->valid_until);
  if (!accept)
    json_object_set_string_member (details, "reason", call->reason);
  gf_change_record (change, accept ? "accept" : "refuse", "document", call->id, details);
  return TRUE;
}

/**
 * gf_document_check_reason:
 * @reason: (nullable): what the agent typed
 *
 * A refusal's reason: required (the family reads it), at most
 * %GF_DOCUMENT_REASON_MAX_CHARS characters, plain text. Spaces around it do not count.
 */
gboolean
gf_document_check_reason (const char  *reason,
                          GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (reason != NULL ? reason : ""));

  if (*stripped == '\0')
    {
      g_set_error_literal (error, GF_INPUT_ERROR, GF_INPUT_ERROR_REQUIRED,
                           _("Give the reason for the refusal: the family will read it."));
      return FALSE;
    }
  return gf_validate_text (stripped, GF_DOCUMENT_REASON_MAX_CHARS, TRUE, error);
}

/**
 * gf_document_decide:
 * @reason: (nullable): required to refuse (the family reads it), ignored to accept
 * @valid_until: (nullable): ISO date until which an accepted document holds; not in the past
 *
 * Accepts or refuses a pending document and queues the e-mail that tells the family, in
 * one audited transaction. A document already decided is refused with
 * %GF_INPUT_ERROR_INVALID and left as it is.
 */
gboolean
gf_document_decide (GfDb                *db,
                    const GfActor       *actor,
                    gint64               id,
                    GfDocumentDecision   decision,
                    const char          *reason,
                    const char          *valid_until,
                    GError             **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (reason != NULL ? reason : ""));
  DecideCall call = { id, decision, stripped, NULL };

  g_return_val_if_fail (GF_IS_DB (db), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);
  g_return_val_if_fail (decision == GF_DOCUMENT_ACCEPT || decision == GF_DOCUMENT_REFUSE, FALSE);

  if (decision == GF_DOCUMENT_REFUSE)
    {
      if (!gf_document_check_reason (stripped, error))
        return FALSE;
    }
  else if (valid_until != NULL && *valid_until != '\0')
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      GDate date, today;

      if (!gf_date_parse_iso (valid_until, &date, error))
        return FALSE;
      g_date_clear (&today, 1);
      g_date_set_dmy (&today, g_date_time_get_day_of_month (now),
                      g_date_time_get_month (now), g_date_time_get_year (now));
      if (g_date_compare (&date, &today) < 0)
        {
          g_set_error_literal (error, GF_INPUT_ERROR, GF_INPUT_ERROR_OUT_OF_RANGE,
                               _("The end of validity cannot be in the past."));
          return FALSE;
        }
      call.valid_until = valid_until;
    }

  return gf_db_change (db, actor, decide_cb, &call, error);
}

/*
 * Files
 */

/* The documents of "town.db" live in "town-documents" beside it: one folder per
 * database, as one database is one collectivité. */
char *
gf_document_dir (const char *db_path)
{
  g_autofree char *stem = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);

  stem = g_str_has_suffix (db_path, ".db")
         ? g_strndup (db_path, strlen (db_path) - 3)
         : g_strdup (db_path);
  return g_strconcat (stem, "-documents", NULL);
}

static gboolean
set_io_error (GError     **error,
              int          saved_errno,
              const char  *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Cannot write the file %s: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

/**
 * gf_document_store_file:
 * @out_sha256: (out) (optional): the hex SHA-256, which is also the file's name
 *
 * Writes @contents under its SHA-256 in @dir (created if needed): to a temporary name,
 * synced, then renamed, so a reader never sees half a file. Storing the same contents
 * twice is harmless.
 */
gboolean
gf_document_store_file (const char  *dir,
                        GBytes      *contents,
                        char       **out_sha256,
                        GError     **error)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (contents, &length);
  g_autofree char *sha256 = gf_sha256_hex (data, length);
  g_autofree char *path = g_build_filename (dir, sha256, NULL);
  g_autofree char *tmp = g_strconcat (path, ".XXXXXX", NULL);
  gsize written = 0;
  int fd;

  if (g_mkdir_with_parents (dir, 0750) != 0)
    return set_io_error (error, errno, dir);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      fd = g_mkstemp_full (tmp, O_WRONLY, 0640);
      if (fd < 0)
        return set_io_error (error, errno, tmp);
      while (written < length)
        {
          gssize n = write (fd, data + written, length - written);

          if (n < 0 && errno == EINTR)
            continue;
          if (n < 0)
            {
              int saved = errno;

              close (fd);
              g_unlink (tmp);
              return set_io_error (error, saved, tmp);
            }
          written += n;
        }
      if (fsync (fd) != 0 || close (fd) != 0 || g_rename (tmp, path) != 0)
        {
          int saved = errno;

          g_unlink (tmp);
          return set_io_error (error, saved, path);
        }
    }

  if (out_sha256 != NULL)
    *out_sha256 = g_steal_pointer (&sha256);
  return TRUE;
}

/**
 * gf_document_load_file:
 *
 * The file of @document, checked against its SHA-256. A missing file is
 * %G_IO_ERROR_NOT_FOUND; one whose contents changed is %G_IO_ERROR_INVALID_DATA.
 */
GBytes *
gf_document_load_file (const char        *db_path,
                       const GfDocument  *document,
                       GError           **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (document != NULL, NULL);

  dir = gf_document_dir (db_path);
  path = g_build_filename (dir, document->sha256, NULL);
  if (!g_file_get_contents (path, &data, &length, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("The file of this document is missing."));
      return NULL;
    }
  sha256 = gf_sha256_hex ((const guint8 *) data, length);
  if (!g_str_equal (sha256, document->sha256))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The file of this document was altered since it was uploaded."));
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&data), length);
}
