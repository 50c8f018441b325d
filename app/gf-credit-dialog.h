/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gf-session.h"

G_BEGIN_DECLS

#define GF_TYPE_CREDIT_DIALOG (gf_credit_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GfCreditDialog, gf_credit_dialog, GF, CREDIT_DIALOG, AdwWindow)

GtkWidget *gf_credit_dialog_new (GfSession  *session,
                                 GtkWindow  *parent,
                                 gint64      invoice_id,
                                 const char *invoice_number,
                                 gint64      max_cents);

G_END_DECLS
