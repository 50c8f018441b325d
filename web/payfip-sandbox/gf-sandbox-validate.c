/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "PayfipSandbox"

#include "config.h"

#include "gf-sandbox-validate.h"

#include <string.h>

/* PayFiP's checks of creerPaiementSecurise (payfip.md §2, §7.2, §8). Every field is an
 * optional xs:string in the WSDL, so the server checks them all and answers the first
 * failure as a FonctionnelleErreur. The order is the XSD's (alphabetical), which is what
 * the recorded fixture needs: refdet ABCDEF, montant 9990000001, mel john.doeexample.com
 * gives A2, not M5.
 *
 * Codes marked [?] in payfip.md are used as listed there. E1 (exer) and O1 (objet) are
 * the sandbox's own: no list gives a code for them. The sandbox is strict where the real
 * service's rules are unknown (objet limited to what eopayment's normalisation leaves),
 * since a client that passes a stricter sandbox also passes the real service. */

typedef struct
{
  const char *code;
  const char *text;
} FaultText;

static const FaultText fault_texts[] = {
  { "A1", "Adresse électronique absente." },
  { "A2", "Adresse électronique incorrecte." },
  { "D1", "Le format du paramètre URLREDIRECT n'est pas conforme." },
  { "E1", "Le format du paramètre EXER n'est pas conforme." },
  { "M1", "Le format du paramètre MONTANT n'est pas conforme." },
  { "M3", "Le montant est inférieur au montant minimum autorisé." },
  { "M5", "Le montant est supérieur au montant maximum autorisé." },
  { "N1", "Le format du paramètre URLNOTIF n'est pas conforme." },
  { "O1", "Le format du paramètre OBJET n'est pas conforme." },
  { "P1", "IdOp incorrect." },
  { "P3", "IdOp déjà utilisé." },
  { "P4", "IdOp expiré." },
  { "P5", "Résultat de la transaction non connu." },
  { "R3", "Le format du paramètre REFDET n'est pas conforme." },
  { "S1", "Le format du paramètre SAISIE n'est pas conforme." },
  { "T1", "Le format du paramètre NUMCLI n'est pas conforme." },
  { "T2", "Numéro de client inconnu de PayFiP." },
  { "T4", "Le client n'a pas accès au service de paiement sécurisé." },
};

#define MIN_AMOUNT 100
#define MAX_URL_LENGTH 250

void
gf_creer_args_clear (GfCreerArgs *args)
{
  g_clear_pointer (&args->exer, g_free);
  g_clear_pointer (&args->mel, g_free);
  g_clear_pointer (&args->montant, g_free);
  g_clear_pointer (&args->numcli, g_free);
  g_clear_pointer (&args->objet, g_free);
  g_clear_pointer (&args->refdet, g_free);
  g_clear_pointer (&args->saisie, g_free);
  g_clear_pointer (&args->urlnotif, g_free);
  g_clear_pointer (&args->urlredirect, g_free);
}

gboolean
gf_sandbox_is_digits (const char *text,
                      gsize       min_length,
                      gsize       max_length)
{
  gsize length;

  if (text == NULL)
    return FALSE;
  length = strlen (text);
  if (length < min_length || length > max_length)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static gboolean
is_alnum (const char *text,
          gsize       min_length,
          gsize       max_length,
          gboolean    spaces)
{
  gsize length = text != NULL ? strlen (text) : 0;

  if (text == NULL || length < min_length || length > max_length)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && !(spaces && *p == ' '))
      return FALSE;
  return TRUE;
}

/* 6 to 80 characters, one '@' with something on both sides, no space. */
static gboolean
is_mel (const char *text)
{
  const char *at = strchr (text, '@');
  gsize length = strlen (text);

  if (length < 6 || length > 80 || at == NULL || at == text || at[1] == '\0' ||
      strchr (at + 1, '@') != NULL)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      return FALSE;
  return TRUE;
}

/* An absolute http or https URL with a host, at most 250 characters. */
static gboolean
is_url (const char *text)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (text == NULL || *text == '\0' || strlen (text) > MAX_URL_LENGTH)
    return FALSE;
  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  return (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0) &&
         g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0';
}

static gboolean
in_list (char       **list,
         const char  *value)
{
  return list != NULL && g_strv_contains ((const char * const *)list, value);
}

/* The numcli checks: T1 format, T2 unknown (only when a list of known ones is set), T4 no
 * access to the secured service (only for the payment operations, @secured). */
const char *
gf_sandbox_check_numcli (const char             *numcli,
                         const GfSandboxOptions *options,
                         gboolean                secured)
{
  if (!gf_sandbox_is_digits (numcli, 6, 6))
    return "T1";
  if (options->numcli_known != NULL && !in_list (options->numcli_known, numcli) &&
      !in_list (options->numcli_without_ws, numcli))
    return "T2";
  if (secured && in_list (options->numcli_without_ws, numcli))
    return "T4";
  return NULL;
}

/* NULL when the request is acceptable (and *out_montant is the amount in cents), else the
 * code of the first FonctionnelleErreur. */
const char *
gf_sandbox_check_creer (const GfCreerArgs      *args,
                        const GfSandboxOptions *options,
                        gint64                 *out_montant)
{
  const char *code;
  guint64 montant;

  if (!gf_sandbox_is_digits (args->exer, 4, 4))
    return "E1";

  if (args->mel == NULL || *args->mel == '\0')
    return "A1";
  if (!is_mel (args->mel))
    return "A2";

  /* Integer cents, no sign or separator; more than 11 digits is a format error. */
  if (!gf_sandbox_is_digits (args->montant, 1, 11) ||
      !g_ascii_string_to_unsigned (args->montant, 10, 0, G_MAXINT64, &montant, NULL))
    return "M1";
  if (montant < MIN_AMOUNT)
    return "M3";
  if ((gint64)montant > options->max_amount)
    return "M5";

  code = gf_sandbox_check_numcli (args->numcli, options, TRUE);
  if (code != NULL)
    return code;

  if (args->objet != NULL && *args->objet != '\0' && !is_alnum (args->objet, 1, 100, TRUE))
    return "O1";

  if (!is_alnum (args->refdet, 6, 30, FALSE))
    return "R3";

  if (g_strcmp0 (args->saisie, "T") != 0 && g_strcmp0 (args->saisie, "X") != 0 &&
      g_strcmp0 (args->saisie, "W") != 0)
    return "S1";

  if (!is_url (args->urlnotif))
    return "N1";
  if (!is_url (args->urlredirect))
    return "D1";

  *out_montant = (gint64)montant;
  return NULL;
}

const char *
gf_sandbox_fault_text (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (fault_texts); i++)
    if (strcmp (fault_texts[i].code, code) == 0)
      return fault_texts[i].text;
  return "Erreur fonctionnelle.";
}

/* The Luhn check every card number passes. */
gboolean
gf_sandbox_luhn_valid (const char *digits)
{
  gsize length = strlen (digits);
  guint sum = 0;

  for (gsize i = 0; i < length; i++)
    {
      guint digit = (guint)(digits[length - 1 - i] - '0');

      if (i % 2 == 1)
        {
          digit *= 2;
          if (digit > 9)
            digit -= 9;
        }
      sum += digit;
    }
  return sum % 10 == 0;
}

/* Upper case without spaces, or NULL when something else than letters and digits is left. */
char *
gf_sandbox_normalize_iban (const char *text)
{
  g_autoptr(GString) iban = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ')
        continue;
      if (!g_ascii_isalnum (*p))
        return NULL;
      g_string_append_c (iban, g_ascii_toupper (*p));
    }
  return g_string_free (g_steal_pointer (&iban), FALSE);
}

/* ISO 13616: country, check digits, BBAN; the rearranged number modulo 97 is 1. */
gboolean
gf_sandbox_iban_valid (const char *iban)
{
  gsize length = strlen (iban);
  guint remainder = 0;

  if (length < 15 || length > 34 || !g_ascii_isupper (iban[0]) || !g_ascii_isupper (iban[1]) ||
      !g_ascii_isdigit (iban[2]) || !g_ascii_isdigit (iban[3]))
    return FALSE;
  for (gsize i = 0; i < length; i++)
    {
      char c = iban[(i + 4) % length];

      if (g_ascii_isdigit (c))
        remainder = (remainder * 10 + (guint)(c - '0')) % 97;
      else if (g_ascii_isupper (c))
        remainder = (remainder * 100 + (guint)(c - 'A' + 10)) % 97;
      else
        return FALSE;
    }
  return remainder == 1;
}
