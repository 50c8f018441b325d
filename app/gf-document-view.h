/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gf-session.h"

G_BEGIN_DECLS

#define GF_TYPE_DOCUMENT_VIEW (gf_document_view_get_type ())
G_DECLARE_FINAL_TYPE (GfDocumentView, gf_document_view, GF, DOCUMENT_VIEW, AdwBin)

void    gf_document_view_set_session (GfDocumentView *self,
                                      GfSession      *session);
void    gf_document_view_show        (GfDocumentView *self,
                                      gint64          id);
void    gf_document_view_reload      (GfDocumentView *self);
gint64  gf_document_view_get_id      (GfDocumentView *self);

G_END_DECLS
