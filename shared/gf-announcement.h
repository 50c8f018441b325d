/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gf-audit.h"

G_BEGIN_DECLS

#define GF_ANNOUNCEMENT_TITLE_MAX_CHARS 200
/* A banner on the portal's home page: a few paragraphs at most. */
#define GF_ANNOUNCEMENT_BODY_MAX_CHARS  2000

/* An announcement ("annonce") shown on the portal's home page while it is published.
 * The portal shows the newest published one, so publishing one withdraws the others. */
typedef struct
{
  gint64    id;
  char     *title;
  char     *body;
  gboolean  published;
  char     *published_at;    /* NULL when never published */
  char     *created_at;
  char     *updated_at;
} GfAnnouncement;

GfAnnouncement *gf_announcement_new            (void) G_GNUC_WARN_UNUSED_RESULT;
void            gf_announcement_free           (GfAnnouncement  *announcement);

gboolean        gf_announcement_check_title    (const char      *title,
                                                GError         **error);
gboolean        gf_announcement_check_body     (const char      *body,
                                                GError         **error);

GPtrArray      *gf_announcement_list           (GfDb            *db,
                                                GError         **error) G_GNUC_WARN_UNUSED_RESULT;
GfAnnouncement *gf_announcement_get            (GfDb            *db,
                                                gint64           id,
                                                GError         **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean        gf_announcement_save           (GfDb            *db,
                                                const GfActor   *actor,
                                                GfAnnouncement  *announcement,
                                                GError         **error);
gboolean        gf_announcement_set_published  (GfDb            *db,
                                                const GfActor   *actor,
                                                gint64           id,
                                                gboolean         published,
                                                GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfAnnouncement, gf_announcement_free)

G_END_DECLS
