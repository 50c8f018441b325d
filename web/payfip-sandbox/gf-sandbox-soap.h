/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

#include "gf-sandbox-private.h"

G_BEGIN_DECLS

#define GF_SOAP_ENV_NS "http://schemas.xmlsoap.org/soap/envelope/"
#define GF_PAYFIP_NS "http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/" \
                     "contrat_paiement_securise/PaiementSecuriseService"
#define GF_PAYFIP_EXCEPTIONS "fr.gouv.finances.cp.tpa.webservice.exceptions."

/* The answer to one SOAP call, built as a document: HTTP 200 with a response, or HTTP 500
 * with a fault. */
typedef struct
{
  guint   status;
  xmlDoc *doc;
  char   *fault_code;
} GfSoapReply;

void     gf_soap_reply_clear       (GfSoapReply *reply);
xmlNode *gf_soap_reply_return      (GfSoapReply *reply,
                                    const char  *operation);
void     gf_soap_reply_field       (xmlNode     *parent,
                                    const char  *name,
                                    const char  *value);
void     gf_soap_reply_fault       (GfSoapReply *reply,
                                    const char  *faultcode,
                                    const char  *faultstring,
                                    const char  *element,
                                    const char  *code,
                                    const char  *text,
                                    int          severite);
void     gf_soap_reply_functional  (GfSoapReply *reply,
                                    const char  *code);
char    *gf_soap_arg               (xmlNode     *arg0,
                                    const char  *name);

/* gf-sandbox-soap-ops.c: the three operations; @arg0 is NULL when the request had none. */
void     _gf_sandbox_soap_creer    (GfSandbox   *self,
                                    xmlNode     *arg0,
                                    GfSoapReply *reply);
void     _gf_sandbox_soap_detail   (GfSandbox   *self,
                                    xmlNode     *arg0,
                                    GfSoapReply *reply);
void     _gf_sandbox_soap_client   (GfSandbox   *self,
                                    xmlNode     *arg0,
                                    GfSoapReply *reply);

G_END_DECLS
