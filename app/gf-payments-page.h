/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gf-session.h"

G_BEGIN_DECLS

#define GF_TYPE_PAYMENTS_PAGE (gf_payments_page_get_type ())
G_DECLARE_FINAL_TYPE (GfPaymentsPage, gf_payments_page, GF, PAYMENTS_PAGE, AdwBin)

GtkWidget *gf_payments_page_new (GfSession *session);

G_END_DECLS
