/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-web-password.h"
#include "gf-crypto.h"

/* Argon2id takes 19 MiB and tens of milliseconds: it runs in a pool of two worker
 * threads, so a storm of logins costs 38 MiB at most and never blocks the main loop.
 * The rest of the requests queue behind, small. */

#define POOL_THREADS 2

typedef struct
{
  GfWebRequest      *request;
  char              *password;
  char              *hash;       /* to verify against; NULL: unknown account */
  char              *result;     /* the new hash */
  gboolean           verify;
  gboolean           ok;
  GfWebPasswordDone  done;
  gpointer           user_data;
  GDestroyNotify     destroy;
} Job;

static GThreadPool *pool;
static char *dummy_hash;

static void
job_free (Job *job)
{
  if (job->password != NULL)
    memset (job->password, 0, strlen (job->password));
  g_free (job->password);
  g_free (job->hash);
  g_free (job->result);
  if (job->destroy != NULL)
    job->destroy (job->user_data);
  g_free (job);
}

static gboolean
done_cb (gpointer data)
{
  Job *job = data;
  GfWebRequest *request = job->request;

  if (!request->disconnected)
    job->done (request, job->result, job->ok, job->user_data);
  gf_web_request_resume (request);
  job_free (job);
  return G_SOURCE_REMOVE;
}

static void
work (gpointer data,
      gpointer pool_data)
{
  Job *job = data;

  if (job->verify)
    {
      /* An unknown account is checked against a dummy hash: the same time either way. */
      gboolean ok = gf_password_verify (job->hash != NULL ? job->hash : dummy_hash, job->password);

      job->ok = ok && job->hash != NULL;
    }
  else
    {
      job->result = gf_password_hash (job->password, NULL);
      job->ok = job->result != NULL;
    }
  g_main_context_invoke (NULL, done_cb, job);
}

static void
submit (Job *job)
{
  if (g_once_init_enter (&pool))
    {
      GThreadPool *new_pool = g_thread_pool_new (work, NULL, POOL_THREADS, FALSE, NULL);

      dummy_hash = gf_password_hash ("not the password of anybody", NULL);
      g_once_init_leave (&pool, new_pool);
    }
  job->request = gf_web_request_pause (job->request);
  g_thread_pool_push (pool, job, NULL);
}

void
gf_web_password_hash (GfWebRequest      *request,
                      const char        *password,
                      GfWebPasswordDone  done,
                      gpointer           user_data,
                      GDestroyNotify     destroy)
{
  Job *job = g_new0 (Job, 1);

  job->request = request;
  job->password = g_strdup (password);
  job->done = done;
  job->user_data = user_data;
  job->destroy = destroy;
  submit (job);
}

void
gf_web_password_verify (GfWebRequest      *request,
                        const char        *hash,
                        const char        *password,
                        GfWebPasswordDone  done,
                        gpointer           user_data,
                        GDestroyNotify     destroy)
{
  Job *job = g_new0 (Job, 1);

  job->request = request;
  job->password = g_strdup (password);
  job->hash = g_strdup (hash);
  job->verify = TRUE;
  job->done = done;
  job->user_data = user_data;
  job->destroy = destroy;
  submit (job);
}
