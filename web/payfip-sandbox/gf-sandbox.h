/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "gf-sandbox-options.h"

G_BEGIN_DECLS

typedef struct _GfSandbox GfSandbox;

GfSandbox *gf_sandbox_new    (const GfSandboxOptions  *options,
                              const char              *state_path,
                              GError                 **error);
gboolean   gf_sandbox_listen (GfSandbox               *self,
                              const char              *address,
                              guint                    port,
                              char                   **out_url,
                              GError                 **error);
void       gf_sandbox_stop   (GfSandbox               *self);
void       gf_sandbox_free   (GfSandbox               *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfSandbox, gf_sandbox_free)

G_END_DECLS
