/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "PayfipSandbox"

#include "config.h"

#include "gf-sandbox-soap.h"
#include "gf-sandbox-validate.h"

/* The three operations of PaiementSecuriseService (payfip.md §4, §5). */

/* creerPaiementSecurise: checks the request (first failure wins, XSD order), records the
 * operation, answers its new idOp. */
void
_gf_sandbox_soap_creer (GfSandbox   *self,
                        xmlNode     *arg0,
                        GfSoapReply *reply)
{
  g_auto(GfCreerArgs) args = {
    .exer = gf_soap_arg (arg0, "exer"),
    .mel = gf_soap_arg (arg0, "mel"),
    .montant = gf_soap_arg (arg0, "montant"),
    .numcli = gf_soap_arg (arg0, "numcli"),
    .objet = gf_soap_arg (arg0, "objet"),
    .refdet = gf_soap_arg (arg0, "refdet"),
    .saisie = gf_soap_arg (arg0, "saisie"),
    .urlnotif = gf_soap_arg (arg0, "urlnotif"),
    .urlredirect = gf_soap_arg (arg0, "urlredirect"),
  };
  GfSandboxOperation *operation;
  const char *code;
  gint64 montant = 0;

  code = gf_sandbox_check_creer (&args, &self->options, &montant);
  if (code != NULL)
    {
      gf_soap_reply_functional (reply, code);
      return;
    }

  operation = g_new0 (GfSandboxOperation, 1);
  operation->exer = g_steal_pointer (&args.exer);
  operation->mel = g_steal_pointer (&args.mel);
  operation->montant = montant;
  operation->numcli = g_steal_pointer (&args.numcli);
  if (args.objet != NULL && *args.objet != '\0')
    operation->objet = g_steal_pointer (&args.objet);
  operation->refdet = g_steal_pointer (&args.refdet);
  operation->saisie = g_steal_pointer (&args.saisie);
  operation->urlnotif = g_steal_pointer (&args.urlnotif);
  operation->urlredirect = g_steal_pointer (&args.urlredirect);
  operation->created = gf_sandbox_now (self);
  gf_sandbox_store_add (self->store, operation);
  g_message ("new operation %s: numcli %s, refdet %s, montant %" G_GINT64_FORMAT,
             operation->idop, operation->numcli, operation->refdet, operation->montant);

  gf_soap_reply_field (gf_soap_reply_return (reply, "creerPaiementSecurise"), "idOp",
                       operation->idop);
}

/* recupererDetailPaiementSecurise: P1 for an unknown idOp (or one sent as <idop>), or one
 * purged with no result; P5 while the payer has not finished; the detail afterwards, for
 * as long as the sandbox keeps it. */
void
_gf_sandbox_soap_detail (GfSandbox   *self,
                         xmlNode     *arg0,
                         GfSoapReply *reply)
{
  g_autofree char *idop = gf_soap_arg (arg0, "idOp");
  GfSandboxOperation *operation = gf_sandbox_store_lookup (self->store, idop);
  char resultrans[2] = { 0 };
  xmlNode *ret;

  if (operation == NULL)
    {
      gf_soap_reply_functional (reply, "P1");
      return;
    }
  operation->detail_requests++;
  gf_sandbox_store_changed (self->store);

  if (operation->resultrans == '\0')
    {
      if (gf_sandbox_operation_get_state (operation, gf_sandbox_now (self)) ==
          GF_SANDBOX_STATE_EXPIRED)
        gf_soap_reply_functional (reply, "P1");
      else
        gf_soap_reply_functional (reply, "P5");
      return;
    }

  resultrans[0] = operation->resultrans;
  ret = gf_soap_reply_return (reply, "recupererDetailPaiementSecurise");
  gf_soap_reply_field (ret, "dattrans", operation->dattrans);
  gf_soap_reply_field (ret, "exer", operation->exer);
  gf_soap_reply_field (ret, "heurtrans", operation->heurtrans);
  gf_soap_reply_field (ret, "idOp", operation->idop);
  gf_soap_reply_field (ret, "mel", operation->mel);
  {
    g_autofree char *montant = g_strdup_printf ("%" G_GINT64_FORMAT, operation->montant);

    gf_soap_reply_field (ret, "montant", montant);
  }
  gf_soap_reply_field (ret, "numauto", operation->numauto);
  gf_soap_reply_field (ret, "numcli", operation->numcli);
  gf_soap_reply_field (ret, "objet", operation->objet);
  gf_soap_reply_field (ret, "refdet", operation->refdet);
  gf_soap_reply_field (ret, "resultrans", resultrans);
  gf_soap_reply_field (ret, "saisie", operation->saisie);
}

/* recupererDetailClient: the labels of a numcli PayFiP knows; T1 or T2 otherwise. */
void
_gf_sandbox_soap_client (GfSandbox   *self,
                         xmlNode     *arg0,
                         GfSoapReply *reply)
{
  g_autofree char *numcli = gf_soap_arg (arg0, "numCli");
  const char *code = gf_sandbox_check_numcli (numcli, &self->options, FALSE);
  xmlNode *ret;

  if (code != NULL)
    {
      gf_soap_reply_functional (reply, code);
      return;
    }
  ret = gf_soap_reply_return (reply, "recupererDetailClient");
  gf_soap_reply_field (ret, "libelleN1", GF_SANDBOX_LIBELLE_N1);
  gf_soap_reply_field (ret, "libelleN2", GF_SANDBOX_LIBELLE_N2);
  gf_soap_reply_field (ret, "libelleN3", GF_SANDBOX_LIBELLE_N3);
  gf_soap_reply_field (ret, "numcli", numcli);
}
