/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gf-session.h"

G_BEGIN_DECLS

#define GF_TYPE_MESSAGES_PAGE (gf_messages_page_get_type ())
G_DECLARE_FINAL_TYPE (GfMessagesPage, gf_messages_page, GF, MESSAGES_PAGE, AdwBin)

GtkWidget *gf_messages_page_new (GfSession *session);

G_END_DECLS
