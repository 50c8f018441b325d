/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-mail-sender.h"

#include "gf-db.h"
#include "gf-mail-message.h"
#include "gf-mail-outbox.h"
#include "gf-settings.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

/* Rows taken per claim, and how long other senders leave them alone meanwhile. */
#define BATCH_SIZE 50
#define LEASE_SECONDS (10 * 60)
/* The From address when the settings give none. */
#define FALLBACK_SENDER "ne-pas-repondre@guichet.invalid"

struct _GfMailSender
{
  GObject       parent_instance;

  char         *db_path;
  char         *maildir;

  /* The periodic mode; touched only from the thread of @context. */
  GMainContext *context;
  GSource      *timeout_source;
  GSource      *wake_source;
  GCancellable *cancellable;
  guint         busy : 1;
  guint         again : 1;
  guint         told_not_configured : 1;
};

/* Where and as whom one run delivers. */
typedef struct
{
  char     *from;
  char     *from_address;
  char     *smtp_url;
  char     *username;
  char     *password;
  CURL     *curl;
} Relay;

typedef struct
{
  const char *data;
  gsize       length;
  gsize       offset;
} Upload;

G_DEFINE_FINAL_TYPE (GfMailSender, gf_mail_sender, G_TYPE_OBJECT)

G_DEFINE_QUARK (gf-mail-error-quark, gf_mail_error)

enum {
  PROP_0,
  PROP_DB_PATH,
  PROP_MAILDIR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void trigger (GfMailSender *self);

/*
 * Auxiliary methods
 */

static void
relay_clear (Relay *relay)
{
  g_clear_pointer (&relay->from, g_free);
  g_clear_pointer (&relay->from_address, g_free);
  g_clear_pointer (&relay->smtp_url, g_free);
  g_clear_pointer (&relay->username, g_free);
  g_clear_pointer (&relay->password, g_free);
  g_clear_pointer (&relay->curl, curl_easy_cleanup);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Relay, relay_clear)

static void
ensure_curl (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      curl_global_init (CURL_GLOBAL_DEFAULT);
      g_once_init_leave (&initialized, 1);
    }
}

static char *
setting (GfDb       *db,
         const char *key)
{
  return g_strstrip (gf_settings_get (db, key));
}

static gboolean
relay_load (Relay       *relay,
            GfDb        *db,
            const char  *maildir,
            GError     **error)
{
  g_autofree char *sender = setting (db, GF_SETTING_MAIL_SENDER);
  g_autofree char *name = NULL;
  g_autofree char *scheme = NULL;
  g_autoptr(GError) local_error = NULL;

  if (*sender == '\0')
    {
      g_free (sender);
      sender = setting (db, GF_SETTING_CONTACT_EMAIL);
    }
  if (*sender == '\0')
    {
      g_free (sender);
      sender = g_strdup (FALLBACK_SENDER);
    }
  if (!gf_mail_message_parse_mailbox (sender, &name, &relay->from_address, &local_error))
    {
      g_set_error (error, GF_MAIL_ERROR, GF_MAIL_ERROR_NOT_CONFIGURED, "setting %s: %s",
                   GF_SETTING_MAIL_SENDER, local_error->message);
      return FALSE;
    }
  if (*name == '\0')
    {
      g_free (name);
      name = setting (db, GF_SETTING_COLLECTIVITE_NAME);
    }
  relay->from = gf_mail_message_format_mailbox (name, relay->from_address);

  relay->smtp_url = setting (db, GF_SETTING_SMTP_URL);
  relay->username = setting (db, GF_SETTING_SMTP_USERNAME);
  relay->password = gf_settings_get (db, GF_SETTING_SMTP_PASSWORD);

  if (*relay->smtp_url == '\0')
    {
      if (maildir == NULL)
        {
          g_set_error (error, GF_MAIL_ERROR, GF_MAIL_ERROR_NOT_CONFIGURED,
                       "no SMTP relay (setting %s) and no maildir: mails stay queued",
                       GF_SETTING_SMTP_URL);
          return FALSE;
        }
      return TRUE;
    }

  scheme = g_uri_parse_scheme (relay->smtp_url);
  if (g_strcmp0 (scheme, "smtp") != 0 && g_strcmp0 (scheme, "smtps") != 0)
    {
      g_set_error (error, GF_MAIL_ERROR, GF_MAIL_ERROR_NOT_CONFIGURED,
                   "setting %s: “%s” is not an smtp:// or smtps:// address",
                   GF_SETTING_SMTP_URL, relay->smtp_url);
      return FALSE;
    }
  return TRUE;
}

static size_t
upload_read_cb (char   *buffer,
                size_t  size,
                size_t  nitems,
                void   *user_data)
{
  Upload *upload = user_data;
  gsize n = MIN (size * nitems, upload->length - upload->offset);

  memcpy (buffer, upload->data + upload->offset, n);
  upload->offset += n;
  return n;
}

static int
transfer_progress_cb (void       *user_data,
                      curl_off_t  dltotal,
                      curl_off_t  dlnow,
                      curl_off_t  ultotal,
                      curl_off_t  ulnow)
{
  /* A non-zero answer aborts the transfer: stop() must not wait for a slow relay. */
  return g_cancellable_is_cancelled (user_data) ? 1 : 0;
}

static CURL *
relay_open (Relay *relay)
{
  g_autofree char *scheme = g_uri_parse_scheme (relay->smtp_url);
  g_autofree char *mail_from = g_strdup_printf ("<%s>", relay->from_address);
  CURL *curl;

  ensure_curl ();
  curl = curl_easy_init ();
  if (curl == NULL)
    return NULL;

  curl_easy_setopt (curl, CURLOPT_URL, relay->smtp_url);
#if LIBCURL_VERSION_NUM >= 0x075500
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
#else
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS, (long) (CURLPROTO_SMTP | CURLPROTO_SMTPS));
#endif
  /* smtp:// uses STARTTLS when the relay offers it; smtps:// is TLS or nothing, and so
   * is any relay we log in to: a password never crosses the network in clear. */
  curl_easy_setopt (curl, CURLOPT_USE_SSL,
                    (long) (g_strcmp0 (scheme, "smtps") == 0 || *relay->username != '\0'
                            ? CURLUSESSL_ALL : CURLUSESSL_TRY));
  if (*relay->username != '\0')
    {
      curl_easy_setopt (curl, CURLOPT_USERNAME, relay->username);
      curl_easy_setopt (curl, CURLOPT_PASSWORD, relay->password);
    }
  curl_easy_setopt (curl, CURLOPT_MAIL_FROM, mail_from);
  curl_easy_setopt (curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt (curl, CURLOPT_READFUNCTION, upload_read_cb);
  curl_easy_setopt (curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (curl, CURLOPT_XFERINFOFUNCTION, transfer_progress_cb);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, 10L);
  /* Worker threads must not receive SIGALRM from name resolution. */
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);

  return curl;
}

static gboolean
is_relay_failure (CURLcode code)
{
  switch (code)
    {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_LOGIN_DENIED:
    case CURLE_USE_SSL_FAILED:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
deliver_smtp (Relay         *relay,
              const char    *recipient,
              const char    *message,
              GCancellable  *cancellable,
              GError       **error)
{
  char detail[CURL_ERROR_SIZE] = "";
  g_autofree char *rcpt = g_strdup_printf ("<%s>", recipient);
  struct curl_slist *recipients = NULL;
  Upload upload = { message, strlen (message), 0 };
  CURLcode code;

  if (relay->curl == NULL)
    relay->curl = relay_open (relay);
  if (relay->curl == NULL)
    {
      g_set_error (error, GF_MAIL_ERROR, GF_MAIL_ERROR_RELAY, "cannot initialise libcurl");
      return FALSE;
    }

  recipients = curl_slist_append (NULL, rcpt);
  curl_easy_setopt (relay->curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt (relay->curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt (relay->curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t) upload.length);
  curl_easy_setopt (relay->curl, CURLOPT_XFERINFODATA, cancellable);
  curl_easy_setopt (relay->curl, CURLOPT_ERRORBUFFER, detail);

  code = curl_easy_perform (relay->curl);

  /* Nothing of this call may outlive it. */
  curl_easy_setopt (relay->curl, CURLOPT_ERRORBUFFER, NULL);
  curl_easy_setopt (relay->curl, CURLOPT_READDATA, NULL);
  curl_easy_setopt (relay->curl, CURLOPT_MAIL_RCPT, NULL);
  curl_slist_free_all (recipients);

  if (code == CURLE_OK)
    return TRUE;

  if (code == CURLE_ABORTED_BY_CALLBACK && g_cancellable_is_cancelled (cancellable))
    return !g_cancellable_set_error_if_cancelled (cancellable, error);

  g_set_error (error, GF_MAIL_ERROR,
               is_relay_failure (code) ? GF_MAIL_ERROR_RELAY : GF_MAIL_ERROR_FAILED,
               "%s%s%s%s", curl_easy_strerror (code),
               *detail != '\0' ? " (" : "", detail, *detail != '\0' ? ")" : "");
  return FALSE;
}

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *what,
                 const char  *path)
{
  g_set_error (error, GF_MAIL_ERROR, GF_MAIL_ERROR_FAILED, "%s %s: %s",
               what, path, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_all_synced (const char  *path,
                  const char  *data,
                  gsize        length,
                  GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  gsize done = 0;

  if (fd < 0)
    return set_errno_error (error, errno, "cannot create", path);

  while (done < length)
    {
      gssize n = write (fd, data + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          return set_errno_error (error, saved_errno, "cannot write", path);
        }
      done += (gsize) n;
    }

  if (fsync (fd) != 0)
    {
      int saved_errno = errno;

      close (fd);
      return set_errno_error (error, saved_errno, "cannot sync", path);
    }
  if (close (fd) != 0)
    return set_errno_error (error, errno, "cannot close", path);
  return TRUE;
}

/* Maildir delivery: written in tmp/, synced, then renamed into new/ so a reader never
 * sees half a message. */
static gboolean
deliver_maildir (const char  *maildir,
                 gint64       id,
                 const char  *message,
                 GError     **error)
{
  static const char *folders[] = { "tmp", "new", "cur" };
  static int counter;
  g_autofree char *host = g_strdup (g_get_host_name ());
  g_autofree char *name = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *new_path = NULL;
  g_autofree char *new_dir = g_build_filename (maildir, "new", NULL);
  gint64 now = g_get_real_time ();
  int fd;

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *dir = g_build_filename (maildir, folders[i], NULL);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        return set_errno_error (error, errno, "cannot create", dir);
    }

  g_strdelimit (host, "/:", '_');
  name = g_strdup_printf ("%" G_GINT64_FORMAT ".M%06dP%dQ%dI%" G_GINT64_FORMAT ".%s.eml",
                          now / G_USEC_PER_SEC, (int) (now % G_USEC_PER_SEC), (int) getpid (),
                          g_atomic_int_add (&counter, 1), id, host);
  tmp_path = g_build_filename (maildir, "tmp", name, NULL);
  new_path = g_build_filename (new_dir, name, NULL);

  if (!write_all_synced (tmp_path, message, strlen (message), error))
    {
      g_unlink (tmp_path);
      return FALSE;
    }
  if (g_rename (tmp_path, new_path) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp_path);
      return set_errno_error (error, saved_errno, "cannot move the mail to", new_path);
    }

  /* The rename itself is durable once the directory is synced. */
  fd = g_open (new_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
  return TRUE;
}

static gboolean
deliver (Relay             *relay,
         const char        *maildir,
         const GfMailItem  *item,
         GCancellable      *cancellable,
         GError           **error)
{
  g_autofree char *message = gf_mail_message_build (relay->from, item->recipient, item->subject,
                                                    item->body_text, item->body_html,
                                                    NULL, NULL, error);

  if (message == NULL)
    return FALSE;
  if (*relay->smtp_url != '\0')
    return deliver_smtp (relay, item->recipient, message, cancellable, error);
  return deliver_maildir (maildir, item->id, message, error);
}

/* One run, in whatever thread calls it, on a connection of its own. */
static gboolean
run_once (GfMailSender  *self,
          GCancellable  *cancellable,
          guint         *out_sent,
          GError       **error)
{
  g_auto(Relay) relay = { NULL };
  g_autoptr(GfDb) db = NULL;
  g_autoptr(GError) relay_error = NULL;
  guint sent = 0;

  db = gf_db_open (self->db_path, GF_DB_OPEN_DEFAULT, error);
  if (db == NULL || !relay_load (&relay, db, self->maildir, error))
    return FALSE;

  while (relay_error == NULL && !g_cancellable_is_cancelled (cancellable))
    {
      g_autoptr(GPtrArray) items = gf_mail_outbox_claim (db, BATCH_SIZE, LEASE_SECONDS, error);

      if (items == NULL)
        return FALSE;
      if (items->len == 0)
        break;

      for (guint i = 0; i < items->len; i++)
        {
          const GfMailItem *item = g_ptr_array_index (items, i);
          g_autoptr(GError) local_error = NULL;

          if (relay_error == NULL && g_cancellable_is_cancelled (cancellable))
            {
              /* Not tried: due again at once for the next run. */
              if (!gf_mail_outbox_release (db, item->id, error))
                return FALSE;
              continue;
            }

          if (relay_error != NULL)
            local_error = g_error_copy (relay_error);
          else if (deliver (&relay, self->maildir, item, cancellable, &local_error))
            {
              if (!gf_mail_outbox_mark_sent (db, item->id, error))
                return FALSE;
              sent++;
              continue;
            }
          else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              if (!gf_mail_outbox_release (db, item->id, error))
                return FALSE;
              continue;
            }

          g_message ("mail %" G_GINT64_FORMAT " not sent (attempt %" G_GINT64_FORMAT "): %s",
                     item->id, item->attempts + 1, local_error->message);
          if (!gf_mail_outbox_mark_failed (db, item->id, local_error->message, error))
            return FALSE;
          /* The relay is down: the others count an attempt without waiting on it again. */
          if (relay_error == NULL &&
              g_error_matches (local_error, GF_MAIL_ERROR, GF_MAIL_ERROR_RELAY))
            relay_error = g_steal_pointer (&local_error);
        }
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (out_sent != NULL)
    *out_sent = sent;
  return TRUE;
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  guint sent = 0;

  if (run_once (source_object, cancellable, &sent, &error))
    g_task_return_int (task, sent);
  else
    g_task_return_error (task, error);
}

/*
 * Periodic runs
 */

static void
periodic_run_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GfMailSender *self = GF_MAIL_SENDER (object);
  g_autoptr(GError) error = NULL;
  guint sent = 0;

  self->busy = FALSE;

  if (gf_mail_sender_run_once_finish (self, result, &sent, &error))
    {
      if (sent > 0)
        g_debug ("mail sender: %u sent", sent);
    }
  else if (g_error_matches (error, GF_MAIL_ERROR, GF_MAIL_ERROR_NOT_CONFIGURED))
    {
      /* Said once: the queue simply waits for the operator. */
      if (!self->told_not_configured)
        g_message ("mail sender: %s", error->message);
      self->told_not_configured = TRUE;
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_warning ("mail sender: %s", error->message);
    }

  if (self->context != NULL && self->again)
    {
      self->again = FALSE;
      trigger (self);
    }
}

/* Starts a run, or asks for another one right after the run in flight. */
static void
trigger (GfMailSender *self)
{
  if (self->context == NULL)
    return;
  if (self->busy)
    {
      self->again = TRUE;
      return;
    }

  self->busy = TRUE;
  gf_mail_sender_run_once_async (self, self->cancellable, periodic_run_cb, NULL);
}

static gboolean
interval_elapsed_cb (gpointer user_data)
{
  trigger (GF_MAIL_SENDER (user_data));
  return G_SOURCE_CONTINUE;
}

static gboolean
woken_cb (gpointer user_data)
{
  GfMailSender *self = GF_MAIL_SENDER (user_data);

  g_clear_pointer (&self->wake_source, g_source_unref);
  trigger (self);
  return G_SOURCE_REMOVE;
}

/*
 * GObject
 */

static void
gf_mail_sender_dispose (GObject *object)
{
  gf_mail_sender_stop (GF_MAIL_SENDER (object));

  G_OBJECT_CLASS (gf_mail_sender_parent_class)->dispose (object);
}

static void
gf_mail_sender_finalize (GObject *object)
{
  GfMailSender *self = (GfMailSender *)object;

  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->maildir, g_free);

  G_OBJECT_CLASS (gf_mail_sender_parent_class)->finalize (object);
}

static void
gf_mail_sender_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GfMailSender *self = GF_MAIL_SENDER (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      g_value_set_string (value, self->db_path);
      break;
    case PROP_MAILDIR:
      g_value_set_string (value, self->maildir);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gf_mail_sender_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GfMailSender *self = GF_MAIL_SENDER (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      self->db_path = g_value_dup_string (value);
      break;
    case PROP_MAILDIR:
      self->maildir = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gf_mail_sender_class_init (GfMailSenderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gf_mail_sender_dispose;
  object_class->finalize = gf_mail_sender_finalize;
  object_class->get_property = gf_mail_sender_get_property;
  object_class->set_property = gf_mail_sender_set_property;

  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAILDIR] =
    g_param_spec_string ("maildir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  ensure_curl ();
}

static void
gf_mail_sender_init (GfMailSender *self)
{
}

/*
 * Public API
 */

/**
 * gf_mail_sender_new:
 * @db_path: the database file; each run opens its own connection
 * @maildir: (nullable): where mails go when the setting smtp_url is empty
 *
 * Returns: (transfer full): a sender that drains the mail_outbox table
 */
GfMailSender *
gf_mail_sender_new (const char *db_path,
                    const char *maildir)
{
  g_return_val_if_fail (db_path != NULL, NULL);

  return g_object_new (GF_TYPE_MAIL_SENDER, "db-path", db_path, "maildir", maildir, NULL);
}

const char *
gf_mail_sender_get_db_path (GfMailSender *self)
{
  g_return_val_if_fail (GF_IS_MAIL_SENDER (self), NULL);

  return self->db_path;
}

const char *
gf_mail_sender_get_maildir (GfMailSender *self)
{
  g_return_val_if_fail (GF_IS_MAIL_SENDER (self), NULL);

  return self->maildir;
}

/**
 * gf_mail_sender_run_once_async:
 *
 * Delivers every due mail in a worker thread: through the SMTP relay of the settings,
 * else into the maildir. Each mail is marked sent, or failed with the relay's answer
 * and a later retry. Fails only when the database or the settings cannot be used.
 */
void
gf_mail_sender_run_once_async (GfMailSender        *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GF_IS_MAIL_SENDER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gf_mail_sender_run_once_async);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, run_in_thread);
}

gboolean
gf_mail_sender_run_once_finish (GfMailSender  *self,
                                GAsyncResult  *result,
                                guint         *out_sent,
                                GError       **error)
{
  gssize sent;

  g_return_val_if_fail (GF_IS_MAIL_SENDER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  sent = g_task_propagate_int (G_TASK (result), error);
  if (sent < 0)
    return FALSE;
  if (out_sent != NULL)
    *out_sent = (guint) sent;
  return TRUE;
}

/* The same run, blocking the calling thread (guichet-admin). */
gboolean
gf_mail_sender_run_once (GfMailSender  *self,
                         guint         *out_sent,
                         GError       **error)
{
  g_return_val_if_fail (GF_IS_MAIL_SENDER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return run_once (self, NULL, out_sent, error);
}

/**
 * gf_mail_sender_start:
 * @interval_seconds: the time between two runs
 *
 * Runs now, then every @interval_seconds, on the thread-default main context of the
 * caller, never two runs at once. Call gf_mail_sender_wake() after queueing a mail.
 */
void
gf_mail_sender_start (GfMailSender *self,
                      guint         interval_seconds)
{
  g_return_if_fail (GF_IS_MAIL_SENDER (self));
  g_return_if_fail (interval_seconds > 0);

  gf_mail_sender_stop (self);

  self->context = g_main_context_ref_thread_default ();
  self->cancellable = g_cancellable_new ();
  self->timeout_source = g_timeout_source_new_seconds (interval_seconds);
  g_source_set_static_name (self->timeout_source, "[gf] mail sender interval");
  g_source_set_callback (self->timeout_source, interval_elapsed_cb, self, NULL);
  g_source_attach (self->timeout_source, self->context);

  gf_mail_sender_wake (self);
}

/* Stops the periodic runs and cancels the one in flight; queued mails stay queued. */
void
gf_mail_sender_stop (GfMailSender *self)
{
  g_return_if_fail (GF_IS_MAIL_SENDER (self));

  if (self->timeout_source != NULL)
    g_source_destroy (self->timeout_source);
  g_clear_pointer (&self->timeout_source, g_source_unref);
  if (self->wake_source != NULL)
    g_source_destroy (self->wake_source);
  g_clear_pointer (&self->wake_source, g_source_unref);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->context, g_main_context_unref);
  self->again = FALSE;
}

/**
 * gf_mail_sender_wake:
 *
 * Asks a started sender for a run as soon as possible (right after the run in flight,
 * if any). Call it from the thread that started the sender; a stopped sender ignores it.
 */
void
gf_mail_sender_wake (GfMailSender *self)
{
  g_return_if_fail (GF_IS_MAIL_SENDER (self));

  if (self->context == NULL || self->wake_source != NULL)
    return;

  self->wake_source = g_idle_source_new ();
  g_source_set_static_name (self->wake_source, "[gf] mail sender wake");
  g_source_set_callback (self->wake_source, woken_cb, self, NULL);
  g_source_attach (self->wake_source, self->context);
}

/* Whether a run started by gf_mail_sender_start() is in flight. */
gboolean
gf_mail_sender_is_busy (GfMailSender *self)
{
  g_return_val_if_fail (GF_IS_MAIL_SENDER (self), FALSE);

  return self->busy;
}
