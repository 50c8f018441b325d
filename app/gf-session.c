/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-session.h"

/* The logged-in staff user and the database, shared by every page of the window. Pages
 * ask it to show a toast or open a family, a child or an invoice, and listen to "changed"
 * to reload what they show: it is emitted after a page's own change and when another
 * process (the portal recording a payment) commits to the database. */

#define WATCH_SECONDS 2

struct _GfSession
{
  GObject       parent_instance;

  GfDb         *db;
  GfStaffUser  *user;
  gint64        data_version;
  guint         watch_id;
};

G_DEFINE_FINAL_TYPE (GfSession, gf_session, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  SIGNAL_TOAST,
  SIGNAL_OPEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
watch_cb (gpointer user_data)
{
  gf_session_check_changes (GF_SESSION (user_data));
  return G_SOURCE_CONTINUE;
}

static void
gf_session_dispose (GObject *object)
{
  GfSession *self = GF_SESSION (object);

  g_clear_handle_id (&self->watch_id, g_source_remove);

  G_OBJECT_CLASS (gf_session_parent_class)->dispose (object);
}

static void
gf_session_finalize (GObject *object)
{
  GfSession *self = GF_SESSION (object);

  g_clear_object (&self->db);
  g_clear_pointer (&self->user, gf_staff_user_free);

  G_OBJECT_CLASS (gf_session_parent_class)->finalize (object);
}

static void
gf_session_class_init (GfSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gf_session_dispose;
  object_class->finalize = gf_session_finalize;

  /**
   * GfSession::changed:
   *
   * The database changed, here or in another process; pages reload what they show.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
  signals[SIGNAL_TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * GfSession::open:
   * @object: a #GfSessionObject
   * @id: the row id
   */
  signals[SIGNAL_OPEN] = g_signal_new ("open", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT64);
}

static void
gf_session_init (GfSession *self)
{
}

GfSession *
gf_session_new (GfDb              *db,
                const GfStaffUser *user)
{
  GfSession *self;

  g_return_val_if_fail (GF_IS_DB (db), NULL);
  g_return_val_if_fail (user != NULL, NULL);

  self = g_object_new (GF_TYPE_SESSION, NULL);
  self->db = g_object_ref (db);
  self->user = gf_staff_user_copy (user);
  self->data_version = gf_db_get_data_version (db);
  self->watch_id = g_timeout_add_seconds (WATCH_SECONDS, watch_cb, self);
  return self;
}

GfDb *
gf_session_get_db (GfSession *self)
{
  g_return_val_if_fail (GF_IS_SESSION (self), NULL);

  return self->db;
}

/* Worker threads open a connection of their own on this path. */
const char *
gf_session_get_db_path (GfSession *self)
{
  g_return_val_if_fail (GF_IS_SESSION (self), NULL);

  return gf_db_get_path (self->db);
}

const GfStaffUser *
gf_session_get_user (GfSession *self)
{
  g_return_val_if_fail (GF_IS_SESSION (self), NULL);

  return self->user;
}

GfStaffRole
gf_session_get_role (GfSession *self)
{
  g_return_val_if_fail (GF_IS_SESSION (self), GF_STAFF_ROLE_AGENT);

  return gf_staff_user_get_role (self->user);
}

gboolean
gf_session_has_role (GfSession   *self,
                     GfStaffRole  min_role)
{
  g_return_val_if_fail (GF_IS_SESSION (self), FALSE);

  return gf_staff_user_get_role (self->user) >= min_role;
}

/* The actor of audited changes; its label points into the session. */
void
gf_session_get_actor (GfSession *self,
                      GfActor   *out_actor)
{
  g_return_if_fail (GF_IS_SESSION (self));
  g_return_if_fail (out_actor != NULL);

  gf_staff_user_actor (self->user, out_actor);
}

void
gf_session_toast (GfSession  *self,
                  const char *message)
{
  g_return_if_fail (GF_IS_SESSION (self));
  g_return_if_fail (message != NULL);

  g_signal_emit (self, signals[SIGNAL_TOAST], 0, message);
}

void
gf_session_open (GfSession       *self,
                 GfSessionObject  object,
                 gint64           id)
{
  g_return_if_fail (GF_IS_SESSION (self));

  g_signal_emit (self, signals[SIGNAL_OPEN], 0, (int) object, id);
}

/* After a change made in this process: every page reloads. */
void
gf_session_notify_changed (GfSession *self)
{
  g_return_if_fail (GF_IS_SESSION (self));

  self->data_version = gf_db_get_data_version (self->db);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* Polled every few seconds; SQLite's data_version moves when another connection
 * commits. Tests call it to refresh without waiting. */
void
gf_session_check_changes (GfSession *self)
{
  gint64 version;

  g_return_if_fail (GF_IS_SESSION (self));

  version = gf_db_get_data_version (self->db);
  if (version == self->data_version)
    return;
  self->data_version = version;
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

typedef struct
{
  char              *db_path;
  GfSessionReadFunc  func;
  gpointer           data;
  GDestroyNotify     data_free;
  GDestroyNotify     result_free;
} ReadCall;

static void
read_call_free (ReadCall *call)
{
  if (call->data_free != NULL)
    call->data_free (call->data);
  g_free (call->db_path);
  g_free (call);
}

/* GfDb is not thread-safe: the worker opens a connection of its own. */
static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadCall *call = task_data;
  g_autoptr(GfDb) db = NULL;
  g_autoptr(GError) error = NULL;
  gpointer result = NULL;

  db = gf_db_open (call->db_path, GF_DB_OPEN_READONLY, &error);
  if (db != NULL)
    result = call->func (db, call->data, &error);
  if (result == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "nothing was read");
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, result, call->result_free);
}

/**
 * gf_session_read_async:
 * @data: (transfer full): what @func needs, freed with @data_free
 * @result_free: frees what @func returns when nobody takes it (a cancelled read)
 *
 * Runs @func in a worker thread on a read-only connection of its own, so the window
 * never waits for the database. Cancelling @cancellable (a newer read of the same list,
 * or the page going away) makes the finish say %G_IO_ERROR_CANCELLED.
 */
void
gf_session_read_async (GfSession           *self,
                       GfSessionReadFunc    func,
                       gpointer             data,
                       GDestroyNotify       data_free,
                       GDestroyNotify       result_free,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ReadCall *call;

  g_return_if_fail (GF_IS_SESSION (self));
  g_return_if_fail (func != NULL);

  call = g_new0 (ReadCall, 1);
  call->db_path = g_strdup (gf_db_get_path (self->db));
  call->func = func;
  call->data = data;
  call->data_free = data_free;
  call->result_free = result_free;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gf_session_read_async);
  g_task_set_task_data (task, call, (GDestroyNotify) read_call_free);
  g_task_run_in_thread (task, read_thread);
}

/* Returns: (transfer full): what the read returned, or NULL with @error set. */
gpointer
gf_session_read_finish (GfSession     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (GF_IS_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
