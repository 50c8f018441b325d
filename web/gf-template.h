/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define GF_TEMPLATE_ERROR (gf_template_error_quark ())

typedef enum
{
  GF_TEMPLATE_ERROR_NOT_FOUND,
  GF_TEMPLATE_ERROR_SYNTAX,
} GfTemplateError;

typedef struct _GfTemplates GfTemplates;

GQuark        gf_template_error_quark  (void);
GfTemplates  *gf_templates_new         (GResource    *resource,
                                        const char   *prefix);
void          gf_templates_free        (GfTemplates  *templates);
char         *gf_templates_render      (GfTemplates  *templates,
                                        const char   *name,
                                        JsonObject   *data,
                                        GError      **error) G_GNUC_WARN_UNUSED_RESULT;
void          gf_html_escape_append    (GString      *out,
                                        const char   *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfTemplates, gf_templates_free)

G_END_DECLS
