/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _GfDb GfDb;
typedef struct _GfChange GfChange;
typedef struct _GfActor GfActor;
typedef struct _GfFamily GfFamily;
typedef struct _GfGuardian GfGuardian;
typedef struct _GfChild GfChild;
typedef struct _GfChildContact GfChildContact;
typedef struct _GfCitizenAccount GfCitizenAccount;
typedef struct _GfStaffUser GfStaffUser;
typedef struct _GfInvoiceSummary GfInvoiceSummary;

G_END_DECLS
