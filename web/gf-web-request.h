/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

#include "gf-db.h"

G_BEGIN_DECLS

typedef struct _GfPortal GfPortal;

/* The portal's limits on what a client may send. */
#define GF_WEB_MAX_BODY      (64 * 1024)
#define GF_WEB_MAX_FIELD     10000
#define GF_WEB_MAX_FIELDS    64

/* Who is asking: filled from the session cookie before a handler runs. */
typedef struct
{
  gint64  account_id;
  gint64  family_id;
  char   *email;
  char   *csrf_token;      /* what every form of this session must send back */
  char   *display_name;
} GfWebSession;

typedef struct
{
  GfPortal          *portal;
  SoupServerMessage *msg;
  const char        *method;
  const char        *path;
  GHashTable        *query;     /* name → GPtrArray of values, decoded */
  GHashTable        *form;      /* the same for a POST body; NULL for other methods */
  GHashTable        *cookies;
  GfWebSession      *session;   /* NULL: not logged in */
  char              *anon_csrf; /* the anonymous CSRF cookie, for forms before login */
  const char        *client;    /* remote address, for throttling and logs */
  gint64             started;   /* monotonic µs, for the access log */
  guint              pauses;    /* nested pauses: unpaused when the last one ends */
  gboolean           disconnected;
} GfWebRequest;

typedef void (*GfWebHandler) (GfWebRequest *request);

GHashTable  *gf_web_decode_form      (const char    *data,
                                      gsize          length,
                                      GError       **error);
GHashTable  *gf_web_form_new         (void);
GHashTable  *gf_web_parse_cookies    (const char    *header);
GPtrArray   *gf_web_form_get_all     (GfWebRequest  *request,
                                      const char    *name);
const char  *gf_web_form_get         (GfWebRequest  *request,
                                      const char    *name);
const char  *gf_web_query_get        (GfWebRequest  *request,
                                      const char    *name);
void         gf_web_session_free     (GfWebSession  *session);
gboolean     gf_web_check_csrf       (GfWebRequest  *request);

void         gf_web_redirect         (GfWebRequest  *request,
                                      const char    *location);
void         gf_web_render           (GfWebRequest  *request,
                                      guint          status,
                                      const char    *template_name,
                                      JsonObject    *data);
void         gf_web_error_page       (GfWebRequest  *request,
                                      guint          status,
                                      const char    *message);
void         gf_web_set_cookie       (GfWebRequest  *request,
                                      const char    *name,
                                      const char    *value,
                                      gint64         max_age);
GfDb        *gf_web_db               (GfWebRequest  *request);

GfWebRequest *gf_web_request_pause   (GfWebRequest  *request);
void          gf_web_request_resume  (GfWebRequest  *request);
void          gf_web_request_unref   (GfWebRequest  *request);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfWebSession, gf_web_session_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfWebRequest, gf_web_request_unref)

G_END_DECLS
