/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gf-payfip-types.h"

G_BEGIN_DECLS

/* The SOAP messages of PayFiP's web service (payfip.md §5), written and read without any
 * network: the client sends what these build and hands them what came back. */

/* The namespace of the operation and fault elements; every other element is unqualified. */
#define GF_PAYFIP_SOAP_NAMESPACE \
  "http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/" \
  "contrat_paiement_securise/PaiementSecuriseService"
#define GF_PAYFIP_SOAP_ENVELOPE_NAMESPACE "http://schemas.xmlsoap.org/soap/envelope/"
#define GF_PAYFIP_SOAP_CONTENT_TYPE       "text/xml; charset=UTF-8"

/* No PayFiP answer comes near this; anything larger is refused unread. */
#define GF_PAYFIP_SOAP_MAX_RESPONSE (1024 * 1024)

GBytes           *gf_payfip_soap_build_create_payment  (const GfPayfipRequest  *request,
                                                        gint64                  max_amount,
                                                        GError                **error)
                                                        G_GNUC_WARN_UNUSED_RESULT;
GBytes           *gf_payfip_soap_build_get_details     (const char             *idop,
                                                        GError                **error)
                                                        G_GNUC_WARN_UNUSED_RESULT;
GBytes           *gf_payfip_soap_build_check_customer  (const char             *numcli,
                                                        GError                **error)
                                                        G_GNUC_WARN_UNUSED_RESULT;

char             *gf_payfip_soap_parse_create_payment  (const char             *data,
                                                        gsize                   length,
                                                        GError                **error)
                                                        G_GNUC_WARN_UNUSED_RESULT;
GfPayfipDetail   *gf_payfip_soap_parse_get_details     (const char             *data,
                                                        gsize                   length,
                                                        GError                **error)
                                                        G_GNUC_WARN_UNUSED_RESULT;
GfPayfipCustomer *gf_payfip_soap_parse_check_customer  (const char             *data,
                                                        gsize                   length,
                                                        GError                **error)
                                                        G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
