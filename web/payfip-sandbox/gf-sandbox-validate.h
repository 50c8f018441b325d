/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "gf-sandbox-options.h"

G_BEGIN_DECLS

/* The fields of creerPaiementSecurise as they came (NULL when absent), XSD order. */
typedef struct
{
  char *exer;
  char *mel;
  char *montant;
  char *numcli;
  char *objet;
  char *refdet;
  char *saisie;
  char *urlnotif;
  char *urlredirect;
} GfCreerArgs;

/* What recupererDetailClient says of every numcli the sandbox accepts. */
#define GF_SANDBOX_LIBELLE_N1 "COLLECTIVITE DE DEMONSTRATION"
#define GF_SANDBOX_LIBELLE_N2 "REGIE CANTINES SCOLAIRES"
#define GF_SANDBOX_LIBELLE_N3 "BAC A SABLE PAYFIP"

void        gf_creer_args_clear            (GfCreerArgs            *args);
const char *gf_sandbox_check_creer         (const GfCreerArgs      *args,
                                            const GfSandboxOptions *options,
                                            gint64                 *out_montant);
const char *gf_sandbox_check_numcli        (const char             *numcli,
                                            const GfSandboxOptions *options,
                                            gboolean                secured);
const char *gf_sandbox_fault_text          (const char             *code);
gboolean    gf_sandbox_is_digits           (const char             *text,
                                            gsize                   min_length,
                                            gsize                   max_length);
gboolean    gf_sandbox_luhn_valid          (const char             *digits);
char       *gf_sandbox_normalize_iban      (const char             *text);
gboolean    gf_sandbox_iban_valid          (const char             *iban);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GfCreerArgs, gf_creer_args_clear)

G_END_DECLS
