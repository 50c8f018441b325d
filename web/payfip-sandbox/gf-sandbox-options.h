/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Which Tech* fault the "tech-faults" switch answers with; http-503 is not SOAP at all, it is
 * what a proxy in front of an unavailable PayFiP sends. */
typedef enum
{
  GF_SANDBOX_FAULT_DYSFONCTIONNEMENT,
  GF_SANDBOX_FAULT_INDISPONIBILITE,
  GF_SANDBOX_FAULT_PROTOCOLAIRE,
  GF_SANDBOX_FAULT_HTTP_503,
} GfSandboxFaultType;

/* The SOAP operations, as a mask for "tech-fault-operations". */
typedef enum
{
  GF_SANDBOX_SOAP_CREER  = 1 << 0,
  GF_SANDBOX_SOAP_DETAIL = 1 << 1,
  GF_SANDBOX_SOAP_CLIENT = 1 << 2,
  GF_SANDBOX_SOAP_ALL    = 0x7,
} GfSandboxSoapOp;

#define GF_SANDBOX_TECH_FAULTS_ALWAYS (-1)
#define GF_SANDBOX_DEFAULT_MAX_AMOUNT G_GINT64_CONSTANT (9999999)

/* The behaviour switches. The same names work on the command line (--notify-delay 500)
 * and as form fields of POST /_sandbox/config (notify-delay=500). */
typedef struct
{
  gboolean            lose_notification;
  guint               notify_delay_ms;
  gboolean            duplicate_notification;
  char               *notify_param;
  int                 tech_faults;
  GfSandboxFaultType  tech_fault_type;
  guint               tech_fault_ops;
  gboolean            direct_debit;
  gboolean            redirect_post;
  guint               soap_delay_ms;
  gint64              clock_offset;
  gint64              max_amount;
  char              **numcli_known;
  char              **numcli_without_ws;
} GfSandboxOptions;

typedef struct
{
  const char *key;
  const char *cli_name;
  const char *flag_value;
  const char *arg;
  const char *help;
} GfSandboxOptionInfo;

void                        gf_sandbox_options_init      (GfSandboxOptions       *options);
void                        gf_sandbox_options_clear     (GfSandboxOptions       *options);
void                        gf_sandbox_options_copy      (GfSandboxOptions       *dest,
                                                          const GfSandboxOptions *src);
gboolean                    gf_sandbox_options_set       (GfSandboxOptions       *options,
                                                          const char             *key,
                                                          const char             *value,
                                                          GError                **error);
GOptionGroup               *gf_sandbox_options_get_group (GfSandboxOptions       *options);
void                        gf_sandbox_options_to_json   (const GfSandboxOptions *options,
                                                          JsonBuilder            *builder);
const GfSandboxOptionInfo  *gf_sandbox_options_list      (guint                  *n_options);
const char                 *gf_sandbox_fault_type_name   (GfSandboxFaultType      type);

G_END_DECLS
