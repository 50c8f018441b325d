/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gf-audit.h"

G_BEGIN_DECLS

/* The replies of the service are as long as the families' messages may be. */
#define GF_MESSAGE_BODY_MAX_CHARS 5000

/* A conversation: a family's message sent from the portal ("in", thread_id NULL) and the
 * service's replies (thread_id = that first message's id). */
typedef struct
{
  gint64  id;                /* the first message */
  gint64  family_id;
  char   *family_reference;
  char   *family_name;       /* the payer's "NOM Prénom" */
  char   *subject;
  char   *sender_name;
  char   *last_at;           /* the newest message of the thread */
  guint   n_messages;
  guint   n_unread;          /* the family's messages nobody opened yet */
} GfMessageThread;

typedef struct
{
  gint64    id;
  gint64    family_id;
  gint64    thread_id;       /* 0 for the first message */
  gboolean  outgoing;        /* written by the service */
  char     *sender_name;
  char     *sender_email;
  char     *subject;
  char     *body;
  char     *created_at;
  char     *read_at;         /* NULL: not read */
} GfMessage;

void        gf_message_thread_free    (GfMessageThread *thread);
void        gf_message_free           (GfMessage       *message);

GPtrArray  *gf_message_list_threads   (GfDb            *db,
                                       gboolean         unread_only,
                                       GError         **error) G_GNUC_WARN_UNUSED_RESULT;
gint64      gf_message_count_unread   (GfDb            *db,
                                       GError         **error);
GPtrArray  *gf_message_get_thread     (GfDb            *db,
                                       gint64           thread_id,
                                       GError         **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean    gf_message_mark_read      (GfDb            *db,
                                       const GfActor   *actor,
                                       gint64           thread_id,
                                       gboolean         read,
                                       GError         **error);
gboolean    gf_message_reply          (GfDb            *db,
                                       const GfActor   *actor,
                                       gint64           thread_id,
                                       const char      *body,
                                       gint64          *out_id,
                                       GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfMessageThread, gf_message_thread_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfMessage, gf_message_free)

G_END_DECLS
