/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-payfip-types.h"

#include "gf-i18n.h"
#include "gf-money.h"
#include "gf-validate.h"

#include <string.h>

/* What a PayFiP error carries besides its message: the fault's code and text as PayFiP
 * wrote them, or the request field that was refused. */
typedef struct
{
  char *code;
  char *fault;
  char *label;
  char *field;
  int   severity;
} GfPayfipErrorPrivate;

/* Error labels come from the network: keep them short in logs and pages. */
#define LABEL_MAX_CHARS 200

static void
gf_payfip_error_private_init (GfPayfipErrorPrivate *priv)
{
  priv->severity = -1;
}

static void
gf_payfip_error_private_copy (const GfPayfipErrorPrivate *src,
                              GfPayfipErrorPrivate       *dest)
{
  dest->code = g_strdup (src->code);
  dest->fault = g_strdup (src->fault);
  dest->label = g_strdup (src->label);
  dest->field = g_strdup (src->field);
  dest->severity = src->severity;
}

static void
gf_payfip_error_private_clear (GfPayfipErrorPrivate *priv)
{
  g_clear_pointer (&priv->code, g_free);
  g_clear_pointer (&priv->fault, g_free);
  g_clear_pointer (&priv->label, g_free);
  g_clear_pointer (&priv->field, g_free);
}

G_DEFINE_EXTENDED_ERROR (GfPayfipError, gf_payfip_error)

G_DEFINE_BOXED_TYPE (GfPayfipRequest, gf_payfip_request, gf_payfip_request_copy,
                     gf_payfip_request_free)
G_DEFINE_BOXED_TYPE (GfPayfipDetail, gf_payfip_detail, gf_payfip_detail_copy,
                     gf_payfip_detail_free)
G_DEFINE_BOXED_TYPE (GfPayfipCustomer, gf_payfip_customer, gf_payfip_customer_copy,
                     gf_payfip_customer_free)

/*
 * Auxiliary methods
 */

static GfPayfipErrorPrivate *
get_private (const GError *error)
{
  if (error == NULL || error->domain != GF_PAYFIP_ERROR)
    return NULL;
  return gf_payfip_error_get_private (error);
}

/* A copy of untrusted text fit for a log line: no control characters, bounded. */
static char *
sanitize_label (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;
  guint n = 0;

  if (text == NULL || *text == '\0')
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  out = g_string_new (NULL);
  for (const char *p = valid; *p != '\0' && n < LABEL_MAX_CHARS; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (out, g_unichar_iscntrl (c) ? ' ' : c);
    }
  g_strstrip (out->str);
  out->len = strlen (out->str);

  return g_string_free (out, out->len == 0);
}

static gboolean
is_digits (const char *text,
           gsize       min_len,
           gsize       max_len)
{
  gsize len;

  if (text == NULL)
    return FALSE;
  len = strlen (text);
  if (len < min_len || len > max_len)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_refdet (const char *text)
{
  gsize len = text != NULL ? strlen (text) : 0;

  if (len < GF_PAYFIP_REFDET_MIN || len > GF_PAYFIP_REFDET_MAX)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (text[i]))
      return FALSE;
  return TRUE;
}

/* An absolute http(s) URL of printable ASCII, short enough for PayFiP. */
static gboolean
is_http_url (const char *text)
{
  g_autoptr(GUri) uri = NULL;
  gsize len = text != NULL ? strlen (text) : 0;
  const char *scheme;
  const char *host;

  if (len == 0 || len > GF_PAYFIP_URL_MAX)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if ((guchar) text[i] <= ' ' || (guchar) text[i] >= 0x7f || strchr ("<>\"{}|\\^`", text[i]))
      return FALSE;

  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);

  return (g_ascii_strcasecmp (scheme, "https") == 0 || g_ascii_strcasecmp (scheme, "http") == 0)
         && host != NULL && *host != '\0';
}

static GTimeZone *
paris_time_zone (void)
{
  GTimeZone *tz = g_time_zone_new_identifier ("Europe/Paris");

  return tz != NULL ? tz : g_time_zone_new_local ();
}

/* Appends @c to @out as ASCII letters, digits or one separating space (payfip.md §2). */
static void
append_objet_char (GString  *out,
                   gunichar  c)
{
  const char *spelled = NULL;

  if (c < 0x80 && g_ascii_isalnum ((char) c))
    {
      g_string_append_c (out, (char) c);
      return;
    }

  switch (c)
    {
    /* Ligatures that NFKD leaves whole: write them out rather than lose letters. */
    case 0x0153: spelled = "oe"; break;
    case 0x0152: spelled = "OE"; break;
    case 0x00E6: spelled = "ae"; break;
    case 0x00C6: spelled = "AE"; break;
    case 0x00DF: spelled = "ss"; break;

    /* Apostrophes and dashes separate words, typographic ones included. */
    case '\'': case '-': case 0x2018: case 0x2019: case 0x2010: case 0x2011: case 0x2012:
    case 0x2013: case 0x2014: case 0x2015: case 0x2212:
      spelled = " ";
      break;

    default:
      if (g_unichar_isspace (c))
        spelled = " ";
      break;
    }

  if (spelled == NULL)
    return;
  if (*spelled == ' ')
    {
      if (out->len > 0 && out->str[out->len - 1] != ' ')
        g_string_append_c (out, ' ');
    }
  else
    {
      g_string_append (out, spelled);
    }
}

/*
 * Private API (the gf-payfip-*.c files)
 */

void
_gf_payfip_set_error (GError        **error,
                      GfPayfipError   code,
                      const char     *field,
                      const char     *format,
                      ...)
{
  GError *new_error;
  va_list args;

  if (error == NULL)
    return;

  va_start (args, format);
  new_error = g_error_new_valist (GF_PAYFIP_ERROR, code, format, args);
  va_end (args);

  gf_payfip_error_get_private (new_error)->field = g_strdup (field);
  g_propagate_error (error, new_error);
}

void
_gf_payfip_set_fault (GError        **error,
                      GfPayfipError   code,
                      const char     *fault,
                      const char     *fault_code,
                      const char     *label,
                      int             severity)
{
  g_autofree char *clean_code = sanitize_label (fault_code);
  g_autofree char *clean_label = sanitize_label (label);
  GfPayfipErrorPrivate *priv;
  const char *shown = clean_label != NULL ? clean_label : _("no explanation given");
  GError *new_error;

  if (error == NULL)
    return;

  if (code == GF_PAYFIP_ERROR_TECHNICAL)
    new_error = g_error_new (GF_PAYFIP_ERROR, code,
                             _("PayFiP reported a technical error (code %s): %s"),
                             clean_code != NULL ? clean_code : "-", shown);
  else
    new_error = g_error_new (GF_PAYFIP_ERROR, code,
                             _("PayFiP refused the request (code %s): %s"),
                             clean_code != NULL ? clean_code : "-", shown);

  priv = gf_payfip_error_get_private (new_error);
  priv->code = g_steal_pointer (&clean_code);
  priv->fault = g_strdup (fault);
  priv->label = g_steal_pointer (&clean_label);
  priv->severity = severity;
  g_propagate_error (error, new_error);
}

/* The shape of PayFiP's operation ids: a UUID, 8-4-4-4-12 hexadecimal digits. */
gboolean
_gf_payfip_is_uuid (const char *text)
{
  if (text == NULL || strlen (text) != GF_PAYFIP_IDOP_LENGTH)
    return FALSE;

  for (guint i = 0; i < GF_PAYFIP_IDOP_LENGTH; i++)
    {
      gboolean dash = i == 8 || i == 13 || i == 18 || i == 23;

      if (dash ? text[i] != '-' : !g_ascii_isxdigit (text[i]))
        return FALSE;
    }
  return TRUE;
}

/*
 * Public API: errors
 */

/**
 * gf_payfip_error_get_code:
 * @error: any error
 *
 * Returns: (nullable): the code of the PayFiP fault behind @error ("P5", "R3", "999"…),
 *   or %NULL when @error is not a fault
 */
const char *
gf_payfip_error_get_code (const GError *error)
{
  GfPayfipErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->code : NULL;
}

/**
 * gf_payfip_error_get_fault:
 *
 * Returns: (nullable): the fault element, such as "FonctionnelleErreur" or
 *   "TechDysfonctionnementErreur"
 */
const char *
gf_payfip_error_get_fault (const GError *error)
{
  GfPayfipErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->fault : NULL;
}

/**
 * gf_payfip_error_get_label:
 *
 * Returns: (nullable): PayFiP's own text for the fault (`descriptif`, else `libelle`)
 */
const char *
gf_payfip_error_get_label (const GError *error)
{
  GfPayfipErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->label : NULL;
}

/**
 * gf_payfip_error_get_severity:
 *
 * Returns: the fault's `severite`, or -1 when unknown
 */
int
gf_payfip_error_get_severity (const GError *error)
{
  GfPayfipErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->severity : -1;
}

/**
 * gf_payfip_error_get_field:
 *
 * Returns: (nullable): for %GF_PAYFIP_ERROR_INVALID_INPUT, the request field refused
 *   ("refdet", "montant"…); for a response that does not match, the field that differs
 */
const char *
gf_payfip_error_get_field (const GError *error)
{
  GfPayfipErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->field : NULL;
}

/**
 * gf_payfip_error_is_retryable:
 *
 * Technical faults, timeouts and an unreachable service are transient: the same call
 * may succeed later (payfip.md §6 suggests spacing retries). A functional fault will
 * not change by itself; P5 (pending) is asked again on the reconciler's own schedule.
 *
 * Returns: %TRUE if the same call is worth making again later
 */
gboolean
gf_payfip_error_is_retryable (const GError *error)
{
  return g_error_matches (error, GF_PAYFIP_ERROR, GF_PAYFIP_ERROR_TECHNICAL) ||
         g_error_matches (error, GF_PAYFIP_ERROR, GF_PAYFIP_ERROR_TIMEOUT) ||
         g_error_matches (error, GF_PAYFIP_ERROR, GF_PAYFIP_ERROR_UNAVAILABLE);
}

/*
 * Public API: the request
 */

/**
 * gf_payfip_request_new:
 *
 * Returns: (transfer full): an empty request whose `exer` is the current year in France
 */
GfPayfipRequest *
gf_payfip_request_new (void)
{
  g_autoptr(GTimeZone) tz = paris_time_zone ();
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  GfPayfipRequest *request = g_new0 (GfPayfipRequest, 1);

  request->exer = g_strdup_printf ("%04d", g_date_time_get_year (now));
  return request;
}

GfPayfipRequest *
gf_payfip_request_copy (const GfPayfipRequest *request)
{
  GfPayfipRequest *copy;

  g_return_val_if_fail (request != NULL, NULL);

  copy = g_new0 (GfPayfipRequest, 1);
  copy->numcli = g_strdup (request->numcli);
  copy->exer = g_strdup (request->exer);
  copy->refdet = g_strdup (request->refdet);
  copy->objet = g_strdup (request->objet);
  copy->montant = request->montant;
  copy->mel = g_strdup (request->mel);
  copy->saisie = g_strdup (request->saisie);
  copy->urlnotif = g_strdup (request->urlnotif);
  copy->urlredirect = g_strdup (request->urlredirect);
  return copy;
}

void
gf_payfip_request_free (GfPayfipRequest *request)
{
  if (request == NULL)
    return;

  g_free (request->numcli);
  g_free (request->exer);
  g_free (request->refdet);
  g_free (request->objet);
  g_free (request->mel);
  g_free (request->saisie);
  g_free (request->urlnotif);
  g_free (request->urlredirect);
  g_free (request);
}

/**
 * gf_payfip_request_validate:
 * @request: a request
 * @max_amount: the largest amount accepted, in cents; outside %GF_PAYFIP_AMOUNT_MIN to
 *   %GF_PAYFIP_AMOUNT_MAX_LIMIT, %GF_PAYFIP_AMOUNT_MAX_DEFAULT applies
 * @error: return location for a %GF_PAYFIP_ERROR_INVALID_INPUT
 *
 * Checks every field against payfip.md §2 and §8, the first wrong one setting @error
 * (gf_payfip_error_get_field() names it). `objet` is only checked for readable text: it
 * is normalised when the request is written.
 *
 * Returns: %TRUE if PayFiP should accept the request
 */
gboolean
gf_payfip_request_validate (const GfPayfipRequest  *request,
                            gint64                  max_amount,
                            GError                **error)
{
  g_autofree char *mel = NULL;
  gsize mel_len;

  g_return_val_if_fail (request != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (max_amount < GF_PAYFIP_AMOUNT_MIN || max_amount > GF_PAYFIP_AMOUNT_MAX_LIMIT)
    max_amount = GF_PAYFIP_AMOUNT_MAX_DEFAULT;

  if (!gf_payfip_validate_numcli (request->numcli, error))
    return FALSE;

  if (!is_digits (request->exer, 4, 4))
    {
      _gf_payfip_set_error (error, GF_PAYFIP_ERROR_INVALID_INPUT, "exer",
                            _("The PayFiP financial year must be four digits."));
      return FALSE;
    }

  if (!is_refdet (request->refdet))
    {
      _gf_payfip_set_error (error, GF_PAYFIP_ERROR_INVALID_INPUT, "refdet",
                            _("The PayFiP payment reference must be %d to %d letters or digits."),
                            GF_PAYFIP_REFDET_MIN, GF_PAYFIP_REFDET_MAX);
      return FALSE;
    }

  if (request->objet != NULL && !g_utf8_validate (request->objet, -1, NULL))
    {
      _gf_payfip_set_error (error, GF_PAYFIP_ERROR_INVALID_INPUT, "objet",
                            _("The PayFiP payment subject contains unreadable characters."));
      return FALSE;
    }

  if (request->montant < GF_PAYFIP_AMOUNT_MIN || request->montant > max_amount)
    {
      g_autofree char *min_text = gf_money_format (GF_PAYFIP_AMOUNT_MIN);
      g_autofree char *max_text = gf_money_format (max_amount);

      _gf_payfip_set_error (error, GF_PAYFIP_ERROR_INVALID_INPUT, "montant",
                            _("The amount paid online must be between %s and %s."),
                            min_text, max_text);
      return FALSE;
    }

  mel = gf_normalize_email (request->mel);
  mel_len = mel != NULL ? strlen (mel) : 0;
  if (mel == NULL || mel_len < GF_PAYFIP_MEL_MIN || mel_len > GF_PAYFIP_MEL_MAX)
    {
      _gf_payfip_set_error (error, GF_PAYFIP_ERROR_INVALID_INPUT, "mel",
                            _("The payer's e-mail address must be a valid address of %d to "
                              "%d characters."), GF_PAYFIP_MEL_MIN, GF_PAYFIP_MEL_MAX);
      return FALSE;
    }

  if (g_strcmp0 (request->saisie, "T") != 0 && g_strcmp0 (request->saisie, "X") != 0 &&
      g_strcmp0 (request->saisie, "W") != 0)
    {
      _gf_payfip_set_error (error, GF_PAYFIP_ERROR_INVALID_INPUT, "saisie",
                            _("The PayFiP mode is T (test), X (activation) or W (production)."));
      return FALSE;
    }

  if (!is_http_url (request->urlnotif))
    {
      _gf_payfip_set_error (error, GF_PAYFIP_ERROR_INVALID_INPUT, "urlnotif",
                            _("The PayFiP notification address must be an http or https URL "
                              "of at most %d characters."), GF_PAYFIP_URL_MAX);
      return FALSE;
    }

  if (!is_http_url (request->urlredirect))
    {
      _gf_payfip_set_error (error, GF_PAYFIP_ERROR_INVALID_INPUT, "urlredirect",
                            _("The PayFiP return address must be an http or https URL of at "
                              "most %d characters."), GF_PAYFIP_URL_MAX);
      return FALSE;
    }

  return TRUE;
}

/**
 * gf_payfip_validate_numcli:
 *
 * Returns: %TRUE if @numcli is a PayFiP customer number: exactly six digits
 */
gboolean
gf_payfip_validate_numcli (const char  *numcli,
                           GError     **error)
{
  if (is_digits (numcli, 6, 6))
    return TRUE;

  _gf_payfip_set_error (error, GF_PAYFIP_ERROR_INVALID_INPUT, "numcli",
                        _("The PayFiP customer number must be exactly six digits."));
  return FALSE;
}

/**
 * gf_payfip_validate_idop:
 *
 * Returns: %TRUE if @idop looks like a PayFiP operation id (a 36-character UUID)
 */
gboolean
gf_payfip_validate_idop (const char  *idop,
                         GError     **error)
{
  if (_gf_payfip_is_uuid (idop))
    return TRUE;

  _gf_payfip_set_error (error, GF_PAYFIP_ERROR_INVALID_INPUT, "idOp",
                        _("The PayFiP operation id must be a 36-character UUID."));
  return FALSE;
}

/**
 * gf_payfip_normalize_objet:
 * @text: (nullable): a payment subject
 *
 * Writes @text with what PayFiP accepts, `[A-Za-z0-9 ]` (payfip.md §2, §10.2): accents
 * dropped, ligatures spelt out, apostrophes, dashes and white space turned into single
 * spaces, anything else removed, at most 100 characters.
 *
 * Returns: (transfer full) (nullable): the subject to send, possibly empty, or %NULL
 *   when @text is %NULL or not UTF-8
 */
char *
gf_payfip_normalize_objet (const char *text)
{
  g_autofree char *decomposed = NULL;
  GString *out;

  if (text == NULL)
    return NULL;
  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  if (decomposed == NULL)
    return NULL;

  out = g_string_new (NULL);
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    append_objet_char (out, g_utf8_get_char (p));

  if (out->len > GF_PAYFIP_OBJET_MAX)
    g_string_truncate (out, GF_PAYFIP_OBJET_MAX);
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

/**
 * gf_payfip_payment_url:
 * @base: the payment page, such as %GF_PAYFIP_PAYMENT_URL_PRODUCTION (a base that already
 *   ends with "?idop=" is accepted too)
 * @idop: the operation id creerPaiementSecurise gave
 *
 * Returns: (transfer full) (nullable): where to send the family's browser, `base?idop=…`
 *   (payfip.md §4), or %NULL when @base is empty or @idop is not an operation id
 */
char *
gf_payfip_payment_url (const char *base,
                       const char *idop)
{
  g_autofree char *escaped = NULL;
  const char *joint;

  g_return_val_if_fail (base != NULL, NULL);
  g_return_val_if_fail (idop != NULL, NULL);

  if (*base == '\0' || !_gf_payfip_is_uuid (idop))
    return NULL;

  escaped = g_uri_escape_string (idop, NULL, FALSE);
  if (g_str_has_suffix (base, "?idop=") || g_str_has_suffix (base, "&idop="))
    joint = "";
  else if (g_str_has_suffix (base, "?") || g_str_has_suffix (base, "&"))
    joint = "idop=";
  else if (strchr (base, '?') != NULL)
    joint = "&idop=";
  else
    joint = "?idop=";

  return g_strconcat (base, joint, escaped, NULL);
}

/*
 * Public API: results
 */

/**
 * gf_payfip_result_from_resultrans:
 *
 * Returns: what @resultrans means (payfip.md §7.1)
 */
GfPayfipResult
gf_payfip_result_from_resultrans (const char *resultrans)
{
  if (g_strcmp0 (resultrans, "P") == 0 || g_strcmp0 (resultrans, "V") == 0)
    return GF_PAYFIP_RESULT_PAID;
  if (g_strcmp0 (resultrans, "R") == 0 || g_strcmp0 (resultrans, "Z") == 0)
    return GF_PAYFIP_RESULT_REFUSED;
  if (g_strcmp0 (resultrans, "A") == 0)
    return GF_PAYFIP_RESULT_ABANDONED;
  return GF_PAYFIP_RESULT_ERROR;
}

/**
 * gf_payfip_result_to_string:
 *
 * Returns: the payfip_operation state for @outcome: "paid", "refused", "abandoned" or
 *   "error"
 */
const char *
gf_payfip_result_to_string (GfPayfipResult result)
{
  switch (result)
    {
    case GF_PAYFIP_RESULT_PAID:
      return "paid";
    case GF_PAYFIP_RESULT_REFUSED:
      return "refused";
    case GF_PAYFIP_RESULT_ABANDONED:
      return "abandoned";
    case GF_PAYFIP_RESULT_ERROR:
    default:
      return "error";
    }
}

GfPayfipDetail *
gf_payfip_detail_copy (const GfPayfipDetail *detail)
{
  GfPayfipDetail *copy;

  g_return_val_if_fail (detail != NULL, NULL);

  copy = g_new0 (GfPayfipDetail, 1);
  copy->idop = g_strdup (detail->idop);
  copy->numcli = g_strdup (detail->numcli);
  copy->exer = g_strdup (detail->exer);
  copy->refdet = g_strdup (detail->refdet);
  copy->objet = g_strdup (detail->objet);
  copy->montant = detail->montant;
  copy->mel = g_strdup (detail->mel);
  copy->saisie = g_strdup (detail->saisie);
  copy->resultrans = g_strdup (detail->resultrans);
  copy->numauto = g_strdup (detail->numauto);
  copy->dattrans = g_strdup (detail->dattrans);
  copy->heurtrans = g_strdup (detail->heurtrans);
  copy->result = detail->result;
  return copy;
}

void
gf_payfip_detail_free (GfPayfipDetail *detail)
{
  if (detail == NULL)
    return;

  g_free (detail->idop);
  g_free (detail->numcli);
  g_free (detail->exer);
  g_free (detail->refdet);
  g_free (detail->objet);
  g_free (detail->mel);
  g_free (detail->saisie);
  g_free (detail->resultrans);
  g_free (detail->numauto);
  g_free (detail->dattrans);
  g_free (detail->heurtrans);
  g_free (detail);
}

/**
 * gf_payfip_detail_is_direct_debit:
 *
 * Returns: %TRUE when the family chose a SEPA direct debit (V or Z) rather than a card
 */
gboolean
gf_payfip_detail_is_direct_debit (const GfPayfipDetail *detail)
{
  g_return_val_if_fail (detail != NULL, FALSE);

  return g_strcmp0 (detail->resultrans, "V") == 0 || g_strcmp0 (detail->resultrans, "Z") == 0;
}

/**
 * gf_payfip_detail_get_date_time:
 *
 * Returns: (transfer full) (nullable): when the transaction happened (`dattrans` and
 *   `heurtrans`, French time), or %NULL when PayFiP did not say
 */
GDateTime *
gf_payfip_detail_get_date_time (const GfPayfipDetail *detail)
{
  g_autoptr(GTimeZone) tz = NULL;
  const char *d, *h;

  g_return_val_if_fail (detail != NULL, NULL);

  d = detail->dattrans;
  h = detail->heurtrans;
  if (!is_digits (d, 8, 8) || !is_digits (h, 4, 4))
    return NULL;

  tz = paris_time_zone ();
  return g_date_time_new (tz,
                          (int) g_ascii_strtoll (d + 4, NULL, 10),
                          (d[2] - '0') * 10 + (d[3] - '0'),
                          (d[0] - '0') * 10 + (d[1] - '0'),
                          (h[0] - '0') * 10 + (h[1] - '0'),
                          (h[2] - '0') * 10 + (h[3] - '0'),
                          0);
}

/**
 * gf_payfip_detail_check:
 * @detail: what PayFiP answered
 * @idop: the operation asked about
 * @numcli: our customer number
 * @refdet: the reference stored for this operation
 * @montant: the amount stored for this operation, in cents
 * @saisie: the configured mode ("W" in production)
 * @error: return location for a %GF_PAYFIP_ERROR_INVALID_RESPONSE naming the field
 *
 * The checks of payfip.md §6 step 4, before a result is believed. `exer` is not
 * compared: PayFiP need not echo it.
 *
 * Returns: %TRUE if @detail is about this operation of ours
 */
gboolean
gf_payfip_detail_check (const GfPayfipDetail  *detail,
                        const char            *idop,
                        const char            *numcli,
                        const char            *refdet,
                        gint64                 montant,
                        const char            *saisie,
                        GError               **error)
{
  const char *field = NULL;

  g_return_val_if_fail (detail != NULL, FALSE);

  if (g_strcmp0 (detail->idop, idop) != 0)
    field = "idOp";
  else if (g_strcmp0 (detail->numcli, numcli) != 0)
    field = "numcli";
  else if (g_strcmp0 (detail->refdet, refdet) != 0)
    field = "refdet";
  else if (detail->montant != montant)
    field = "montant";
  else if (g_strcmp0 (detail->saisie, saisie) != 0)
    field = "saisie";

  if (field == NULL)
    return TRUE;

  _gf_payfip_set_error (error, GF_PAYFIP_ERROR_INVALID_RESPONSE, field,
                        _("The PayFiP result does not match the payment: %s differs."), field);
  return FALSE;
}

GfPayfipCustomer *
gf_payfip_customer_copy (const GfPayfipCustomer *customer)
{
  GfPayfipCustomer *copy;

  g_return_val_if_fail (customer != NULL, NULL);

  copy = g_new0 (GfPayfipCustomer, 1);
  copy->numcli = g_strdup (customer->numcli);
  copy->libelle_n1 = g_strdup (customer->libelle_n1);
  copy->libelle_n2 = g_strdup (customer->libelle_n2);
  copy->libelle_n3 = g_strdup (customer->libelle_n3);
  return copy;
}

void
gf_payfip_customer_free (GfPayfipCustomer *customer)
{
  if (customer == NULL)
    return;

  g_free (customer->numcli);
  g_free (customer->libelle_n1);
  g_free (customer->libelle_n2);
  g_free (customer->libelle_n3);
  g_free (customer);
}
