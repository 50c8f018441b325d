/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gf-db.h"
#include "gf-payfip-operation.h"
#include "gf-payfip-types.h"

G_BEGIN_DECLS

/* Asks PayFiP about @idop and applies the answer; shared by the notification, the return
 * page and the reconciler. Runs on the calling thread's main loop. */
typedef void (*GfWebPayfipChecked) (GfPayfipSettled  settled,
                                    const GError    *error,
                                    gpointer         user_data);

void  gf_web_payfip_check (GfDb               *db,
                           gpointer            mail_sender,
                           const char         *idop,
                           GfWebPayfipChecked  done,
                           gpointer            user_data);

G_END_DECLS
