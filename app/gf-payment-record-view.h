/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gf-session.h"

G_BEGIN_DECLS

#define GF_TYPE_PAYMENT_RECORD_VIEW (gf_payment_record_view_get_type ())
G_DECLARE_FINAL_TYPE (GfPaymentRecordView, gf_payment_record_view, GF, PAYMENT_RECORD_VIEW, AdwBin)

GtkWidget *gf_payment_record_view_new (GfSession *session);

G_END_DECLS
