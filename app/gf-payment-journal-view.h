/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gf-session.h"

G_BEGIN_DECLS

#define GF_TYPE_PAYMENT_JOURNAL_VIEW (gf_payment_journal_view_get_type ())
G_DECLARE_FINAL_TYPE (GfPaymentJournalView, gf_payment_journal_view, GF, PAYMENT_JOURNAL_VIEW, AdwBin)

GtkWidget *gf_payment_journal_view_new (GfSession *session);

G_END_DECLS
