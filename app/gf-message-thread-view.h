/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gf-session.h"

G_BEGIN_DECLS

#define GF_TYPE_MESSAGE_THREAD_VIEW (gf_message_thread_view_get_type ())
G_DECLARE_FINAL_TYPE (GfMessageThreadView, gf_message_thread_view, GF, MESSAGE_THREAD_VIEW, AdwBin)

void gf_message_thread_view_set_session (GfMessageThreadView *self,
                                         GfSession           *session);
void gf_message_thread_view_open        (GfMessageThreadView *self,
                                         gint64               thread_id);
void gf_message_thread_view_reload      (GfMessageThreadView *self);

G_END_DECLS
