/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gf-session.h"

G_BEGIN_DECLS

#define GF_TYPE_DOCUMENTS_PAGE (gf_documents_page_get_type ())
G_DECLARE_FINAL_TYPE (GfDocumentsPage, gf_documents_page, GF, DOCUMENTS_PAGE, AdwBin)

GtkWidget *gf_documents_page_new      (GfSession       *session);
void       gf_documents_page_reload   (GfDocumentsPage *self);

G_END_DECLS
