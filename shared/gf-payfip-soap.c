/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-payfip-soap.h"

#include "gf-i18n.h"
#include "gf-validate.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <string.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

/* One response field: its element name, where its text goes, and whether it was seen. */
typedef struct
{
  const char  *name;
  char       **value;
  gboolean     seen;
} Slot;

typedef struct
{
  gboolean doctype;
} ReadState;

/* The four fault elements of the WSDL (payfip.md §5.5). */
static const char * const fault_names[] = {
  "FonctionnelleErreur",
  "TechDysfonctionnementErreur",
  "TechIndisponibiliteErreur",
  "TechProtocolaireErreur",
};

/*
 * Auxiliary methods
 */

static void
ensure_libxml (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      g_once_init_leave (&initialized, 1);
    }
}

static void
set_invalid (GError     **error,
             const char  *field,
             const char  *reason)
{
  if (field != NULL)
    _gf_payfip_set_error (error, GF_PAYFIP_ERROR_INVALID_RESPONSE, field,
                          _("PayFiP's answer cannot be used: the field %s is %s."), field, reason);
  else
    _gf_payfip_set_error (error, GF_PAYFIP_ERROR_INVALID_RESPONSE, NULL,
                          _("PayFiP's answer cannot be used: %s."), reason);
}

static gboolean
is_digits (const char *text,
           gsize       min_len,
           gsize       max_len)
{
  gsize len = text != NULL ? strlen (text) : 0;

  if (len < min_len || len > max_len)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

static int
two_digits (const char *text)
{
  return (text[0] - '0') * 10 + (text[1] - '0');
}

/* Writing */

static xmlNode *
add_element (xmlNode    *parent,
             xmlNs      *ns,
             const char *name,
             const char *text)
{
  /* A "raw" node holds @text as plain text, which the serializer escapes; xmlNewChild()
   * would read entities in it and give an unqualified child its parent's namespace. */
  xmlNode *node = xmlNewDocRawNode (parent->doc, ns, BAD_CAST name, BAD_CAST text);

  return xmlAddChild (parent, node);
}

/* The envelope of payfip.md §5.1 around @operation; returns its empty <arg0>. */
static xmlNode *
start_envelope (xmlDoc     *doc,
                const char *operation)
{
  xmlNode *envelope = xmlNewDocNode (doc, NULL, BAD_CAST "Envelope", NULL);
  xmlNs *soapenv = xmlNewNs (envelope, BAD_CAST GF_PAYFIP_SOAP_ENVELOPE_NAMESPACE,
                             BAD_CAST "soapenv");
  xmlNs *pai = xmlNewNs (envelope, BAD_CAST GF_PAYFIP_SOAP_NAMESPACE, BAD_CAST "pai");
  xmlNode *body;
  xmlNode *wrapper;

  xmlSetNs (envelope, soapenv);
  xmlDocSetRootElement (doc, envelope);
  add_element (envelope, soapenv, "Header", NULL);
  body = add_element (envelope, soapenv, "Body", NULL);
  wrapper = add_element (body, pai, operation, NULL);

  return add_element (wrapper, NULL, "arg0", NULL);
}

static GBytes *
serialize (xmlDoc *doc)
{
  xmlChar *text = NULL;
  int length = 0;
  GBytes *bytes;

  xmlDocDumpFormatMemoryEnc (doc, &text, &length, "UTF-8", 1);
  g_assert (text != NULL);
  bytes = g_bytes_new (text, (gsize) length);
  xmlFree (text);

  return bytes;
}

/* Reading */

static void
doctype_cb (void          *user_data,
            const xmlChar *name,
            const xmlChar *external_id,
            const xmlChar *system_id)
{
  xmlParserCtxt *ctxt = user_data;
  ReadState *state = ctxt->_private;

  /* Stop before the internal subset is read: no entity is ever declared. */
  state->doctype = TRUE;
  xmlStopParser (ctxt);
}

/* Parses an answer as UTF-8 with no network, no DTD and no entity of its own. */
static xmlDoc *
read_document (const char  *data,
               gsize        length,
               GError     **error)
{
  ReadState state = { FALSE };
  xmlParserCtxt *ctxt;
  xmlDoc *doc;
  gboolean well_formed;

  if (data == NULL || length == 0)
    {
      set_invalid (error, NULL, _("it is empty"));
      return NULL;
    }
  if (length > GF_PAYFIP_SOAP_MAX_RESPONSE)
    {
      set_invalid (error, NULL, _("it is too large"));
      return NULL;
    }
  if (!g_utf8_validate_len (data, length, NULL))
    {
      set_invalid (error, NULL, _("it is not UTF-8 text"));
      return NULL;
    }
  ensure_libxml ();
  ctxt = xmlCreateMemoryParserCtxt (data, (int) length);
  if (ctxt == NULL)
    {
      set_invalid (error, NULL, _("it cannot be read"));
      return NULL;
    }

  xmlCtxtUseOptions (ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                           XML_PARSE_IGNORE_ENC | XML_PARSE_NOCDATA);
  ctxt->sax->internalSubset = doctype_cb;
  ctxt->sax->externalSubset = doctype_cb;
  ctxt->_private = &state;

  xmlParseDocument (ctxt);
  /* Namespace errors, such as the "…/PaiementSecuriseService" shorthand of payfip.md's
   * samples, do not matter when elements are matched by local name; an undeclared prefix
   * stays in the element's name, which then matches nothing. */
  well_formed = ctxt->wellFormed;
  doc = g_steal_pointer (&ctxt->myDoc);
  xmlFreeParserCtxt (ctxt);

  if (state.doctype || (doc != NULL && (doc->intSubset != NULL || doc->extSubset != NULL)))
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      set_invalid (error, NULL, _("it declares a DTD"));
      return NULL;
    }
  if (!well_formed || doc == NULL)
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      set_invalid (error, NULL, _("it is not well-formed XML"));
      return NULL;
    }

  return doc;
}

static gboolean
is_named (const xmlNode *node,
          const char    *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE &&
         strcmp ((const char *) node->name, name) == 0;
}

static xmlNode *
next_element (xmlNode *node)
{
  while (node != NULL && node->type != XML_ELEMENT_NODE)
    node = node->next;
  return node;
}

static xmlNode *
first_child_element (xmlNode *parent)
{
  return next_element (parent->children);
}

static xmlNode *
next_sibling_element (xmlNode *node)
{
  return next_element (node->next);
}

/* The trimmed text of an element that holds text only; %NULL in *@out when empty. */
static gboolean
read_leaf (xmlNode  *node,
           char    **out,
           GError  **error)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        g_string_append (text, (const char *) child->content);
      else if (child->type != XML_COMMENT_NODE)
        {
          set_invalid (error, (const char *) node->name, _("not plain text"));
          return FALSE;
        }
    }

  g_strstrip (text->str);
  *out = *text->str != '\0' ? g_strdup (text->str) : NULL;
  return TRUE;
}

/* Reads the children of @parent named like @slots; others are left for later versions
 * of the service. A field given twice is refused: which one would be believed? */
static gboolean
read_slots (xmlNode  *parent,
            Slot     *slots,
            guint     n_slots,
            GError  **error)
{
  for (xmlNode *child = first_child_element (parent); child != NULL;
       child = next_sibling_element (child))
    {
      for (guint i = 0; i < n_slots; i++)
        {
          if (!is_named (child, slots[i].name))
            continue;
          if (slots[i].seen)
            {
              set_invalid (error, slots[i].name, _("given twice"));
              return FALSE;
            }
          slots[i].seen = TRUE;
          if (!read_leaf (child, slots[i].value, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* A fault becomes the GError the caller acts on (payfip.md §5.5, §7.2). */
static void
set_fault_error (xmlNode  *fault,
                 GError  **error)
{
  g_autofree char *faultstring = NULL, *code = NULL, *descriptif = NULL, *libelle = NULL;
  g_autofree char *message = NULL, *severite = NULL;
  Slot fault_slots[] = { { "faultstring", &faultstring } };
  Slot detail_slots[] = {
    { "code", &code }, { "descriptif", &descriptif }, { "libelle", &libelle },
    { "message", &message }, { "severite", &severite },
  };
  xmlNode *detail = NULL;
  const char *fault_name = NULL;
  const char *label;
  GfPayfipError kind;
  gint64 severity = -1;

  if (!read_slots (fault, fault_slots, G_N_ELEMENTS (fault_slots), error))
    return;

  for (xmlNode *child = first_child_element (fault); child != NULL;
       child = next_sibling_element (child))
    if (is_named (child, "detail"))
      detail = child;

  for (xmlNode *child = detail != NULL ? first_child_element (detail) : NULL;
       child != NULL && fault_name == NULL; child = next_sibling_element (child))
    for (guint i = 0; i < G_N_ELEMENTS (fault_names); i++)
      if (is_named (child, fault_names[i]))
        {
          fault_name = fault_names[i];
          if (!read_slots (child, detail_slots, G_N_ELEMENTS (detail_slots), error))
            return;
        }

  if (fault_name != NULL)
    kind = g_str_equal (fault_name, "FonctionnelleErreur") ? GF_PAYFIP_ERROR_FUNCTIONAL
                                                           : GF_PAYFIP_ERROR_TECHNICAL;
  else
    kind = faultstring != NULL && g_str_has_suffix (faultstring, ".FonctionnelleErreur")
           ? GF_PAYFIP_ERROR_FUNCTIONAL : GF_PAYFIP_ERROR_TECHNICAL;

  /* P5 and P1 tell the reconciler what to do next, so they get codes of their own. */
  if (kind == GF_PAYFIP_ERROR_FUNCTIONAL && g_strcmp0 (code, "P5") == 0)
    kind = GF_PAYFIP_ERROR_PENDING;
  else if (kind == GF_PAYFIP_ERROR_FUNCTIONAL && g_strcmp0 (code, "P1") == 0)
    kind = GF_PAYFIP_ERROR_EXPIRED;

  if (severite != NULL && !g_ascii_string_to_signed (severite, 10, 0, G_MAXINT, &severity, NULL))
    severity = -1;

  label = descriptif != NULL ? descriptif : libelle != NULL ? libelle
          : message != NULL ? message : faultstring;
  _gf_payfip_set_fault (error, kind, fault_name, code, label, (int) severity);
}

/* The <return> element of the answer to an operation, or the fault it carries. */
static xmlNode *
find_return (xmlDoc      *doc,
             const char  *response_name,
             GError     **error)
{
  xmlNode *root = xmlDocGetRootElement (doc);
  xmlNode *body = NULL;
  xmlNode *payload;
  xmlNode *result = NULL;

  if (!is_named (root, "Envelope"))
    {
      set_invalid (error, NULL, _("it is not a SOAP envelope"));
      return NULL;
    }

  for (xmlNode *child = first_child_element (root); child != NULL;
       child = next_sibling_element (child))
    {
      if (!is_named (child, "Body"))
        continue;
      if (body != NULL)
        {
          set_invalid (error, NULL, _("it has two bodies"));
          return NULL;
        }
      body = child;
    }

  payload = body != NULL ? first_child_element (body) : NULL;
  if (payload == NULL || next_sibling_element (payload) != NULL)
    {
      set_invalid (error, NULL, _("its body does not hold exactly one answer"));
      return NULL;
    }

  if (is_named (payload, "Fault"))
    {
      set_fault_error (payload, error);
      return NULL;
    }
  if (!is_named (payload, response_name))
    {
      set_invalid (error, NULL, _("it answers another operation"));
      return NULL;
    }

  for (xmlNode *child = first_child_element (payload); child != NULL;
       child = next_sibling_element (child))
    {
      if (!is_named (child, "return"))
        continue;
      if (result != NULL)
        {
          set_invalid (error, "return", _("given twice"));
          return NULL;
        }
      result = child;
    }

  if (result == NULL)
    set_invalid (error, "return", _("missing"));
  return result;
}

/* A text field: present when @required, at most @max_chars characters, no control
 * characters (the values end up in the database and in logs). */
static gboolean
check_text (const char  *name,
            const char  *value,
            gboolean     required,
            glong        max_chars,
            GError     **error)
{
  if (value == NULL)
    {
      if (required)
        set_invalid (error, name, _("missing"));
      return !required;
    }

  if (g_utf8_strlen (value, -1) > max_chars)
    {
      set_invalid (error, name, _("too long"));
      return FALSE;
    }
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      {
        set_invalid (error, name, _("malformed"));
        return FALSE;
      }
  return TRUE;
}

static gboolean
check_format (const char  *name,
              gboolean     valid,
              GError     **error)
{
  if (!valid)
    set_invalid (error, name, _("malformed"));
  return valid;
}

static gboolean
is_alnum (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return TRUE;
}

static gboolean
is_dattrans (const char *text)
{
  return is_digits (text, 8, 8) &&
         g_date_valid_dmy ((GDateDay) two_digits (text), (GDateMonth) two_digits (text + 2),
                           (GDateYear) (two_digits (text + 4) * 100 + two_digits (text + 6)));
}

static gboolean
is_heurtrans (const char *text)
{
  return is_digits (text, 4, 4) && two_digits (text) < 24 && two_digits (text + 2) < 60;
}

/* The fields of a detail answer, each checked against payfip.md §8 and the columns of
 * payfip_operation that will hold it. */
static gboolean
check_detail (GfPayfipDetail  *detail,
              const char      *montant,
              GError         **error)
{
  if (!check_text ("idOp", detail->idop, TRUE, GF_PAYFIP_IDOP_LENGTH, error) ||
      !check_format ("idOp", _gf_payfip_is_uuid (detail->idop), error) ||
      !check_text ("numcli", detail->numcli, TRUE, 6, error) ||
      !check_format ("numcli", is_digits (detail->numcli, 6, 6), error) ||
      !check_text ("exer", detail->exer, FALSE, 4, error) ||
      !check_format ("exer", detail->exer == NULL || is_digits (detail->exer, 1, 4), error) ||
      !check_text ("refdet", detail->refdet, TRUE, GF_PAYFIP_REFDET_MAX, error) ||
      !check_format ("refdet", is_alnum (detail->refdet), error) ||
      !check_text ("objet", detail->objet, FALSE, GF_PAYFIP_OBJET_MAX, error) ||
      !check_text ("montant", montant, TRUE, 11, error) ||
      !check_format ("montant", is_digits (montant, 1, 11), error) ||
      !check_text ("mel", detail->mel, FALSE, GF_EMAIL_MAX_CHARS, error) ||
      !check_text ("saisie", detail->saisie, TRUE, 1, error) ||
      !check_format ("saisie", strchr ("TXW", detail->saisie[0]) != NULL, error) ||
      !check_text ("resultrans", detail->resultrans, TRUE, 1, error) ||
      !check_format ("resultrans", g_ascii_isalpha (detail->resultrans[0]), error) ||
      !check_text ("numauto", detail->numauto, FALSE, 16, error) ||
      !check_text ("dattrans", detail->dattrans, FALSE, 8, error) ||
      !check_format ("dattrans", detail->dattrans == NULL || is_dattrans (detail->dattrans),
                     error) ||
      !check_text ("heurtrans", detail->heurtrans, FALSE, 4, error) ||
      !check_format ("heurtrans", detail->heurtrans == NULL || is_heurtrans (detail->heurtrans),
                     error))
    return FALSE;

  detail->montant = g_ascii_strtoll (montant, NULL, 10);
  detail->result = gf_payfip_result_from_resultrans (detail->resultrans);
  return TRUE;
}

/*
 * Public API
 */

/**
 * gf_payfip_soap_build_create_payment:
 * @request: the payment to open
 * @max_amount: the largest amount accepted, in cents
 * @error: return location for a %GF_PAYFIP_ERROR_INVALID_INPUT
 *
 * Writes the creerPaiementSecurise envelope of payfip.md §5.1, after
 * gf_payfip_request_validate(): `mel` is sent normalised (trimmed, lower case) and
 * `objet` as gf_payfip_normalize_objet() writes it, left out when nothing remains.
 *
 * Returns: (transfer full) (nullable): the UTF-8 body to POST
 */
GBytes *
gf_payfip_soap_build_create_payment (const GfPayfipRequest  *request,
                                     gint64                  max_amount,
                                     GError                **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *objet = NULL;
  g_autofree char *mel = NULL;
  g_autofree char *montant = NULL;
  xmlNode *arg;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!gf_payfip_request_validate (request, max_amount, error))
    return NULL;

  objet = gf_payfip_normalize_objet (request->objet);
  mel = gf_normalize_email (request->mel);
  montant = g_strdup_printf ("%" G_GINT64_FORMAT, request->montant);

  ensure_libxml ();
  doc = xmlNewDoc (BAD_CAST "1.0");
  arg = start_envelope (doc, "creerPaiementSecurise");
  /* The XSD sequence is alphabetical. */
  add_element (arg, NULL, "exer", request->exer);
  add_element (arg, NULL, "mel", mel);
  add_element (arg, NULL, "montant", montant);
  add_element (arg, NULL, "numcli", request->numcli);
  if (objet != NULL && *objet != '\0')
    add_element (arg, NULL, "objet", objet);
  add_element (arg, NULL, "refdet", request->refdet);
  add_element (arg, NULL, "saisie", request->saisie);
  add_element (arg, NULL, "urlnotif", request->urlnotif);
  add_element (arg, NULL, "urlredirect", request->urlredirect);

  return serialize (doc);
}

/**
 * gf_payfip_soap_build_get_details:
 * @idop: the operation id
 *
 * Returns: (transfer full) (nullable): the recupererDetailPaiementSecurise envelope
 *   (payfip.md §5.3), or %NULL with a %GF_PAYFIP_ERROR_INVALID_INPUT
 */
GBytes *
gf_payfip_soap_build_get_details (const char  *idop,
                                  GError     **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  xmlNode *arg;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!gf_payfip_validate_idop (idop, error))
    return NULL;

  ensure_libxml ();
  doc = xmlNewDoc (BAD_CAST "1.0");
  arg = start_envelope (doc, "recupererDetailPaiementSecurise");
  add_element (arg, NULL, "idOp", idop);

  return serialize (doc);
}

/**
 * gf_payfip_soap_build_check_customer:
 * @numcli: a customer number
 *
 * Returns: (transfer full) (nullable): the recupererDetailClient envelope
 *   (payfip.md §5.4), or %NULL with a %GF_PAYFIP_ERROR_INVALID_INPUT
 */
GBytes *
gf_payfip_soap_build_check_customer (const char  *numcli,
                                     GError     **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  xmlNode *arg;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!gf_payfip_validate_numcli (numcli, error))
    return NULL;

  ensure_libxml ();
  doc = xmlNewDoc (BAD_CAST "1.0");
  arg = start_envelope (doc, "recupererDetailClient");
  add_element (arg, NULL, "numCli", numcli);

  return serialize (doc);
}

/**
 * gf_payfip_soap_parse_create_payment:
 * @data: the body PayFiP answered (HTTP 200, or 500 for a fault)
 * @length: its size in bytes
 * @error: return location for a #GF_PAYFIP_ERROR: the fault, or
 *   %GF_PAYFIP_ERROR_INVALID_RESPONSE
 *
 * Returns: (transfer full) (nullable): the new operation's idOp
 */
char *
gf_payfip_soap_parse_create_payment (const char  *data,
                                     gsize        length,
                                     GError     **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *idop = NULL;
  Slot slots[] = { { "idOp", &idop } };
  xmlNode *result;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  doc = read_document (data, length, error);
  if (doc == NULL)
    return NULL;
  result = find_return (doc, "creerPaiementSecuriseResponse", error);
  if (result == NULL || !read_slots (result, slots, G_N_ELEMENTS (slots), error))
    return NULL;

  if (!check_text ("idOp", idop, TRUE, GF_PAYFIP_IDOP_LENGTH, error) ||
      !check_format ("idOp", _gf_payfip_is_uuid (idop), error))
    return NULL;

  return g_steal_pointer (&idop);
}

/**
 * gf_payfip_soap_parse_get_details:
 * @data: the body PayFiP answered
 * @length: its size in bytes
 * @error: return location for a #GF_PAYFIP_ERROR: %GF_PAYFIP_ERROR_PENDING (P5),
 *   %GF_PAYFIP_ERROR_EXPIRED (P1), another fault, or %GF_PAYFIP_ERROR_INVALID_RESPONSE
 *
 * Returns: (transfer full) (nullable): the operation's outcome
 */
GfPayfipDetail *
gf_payfip_soap_parse_get_details (const char  *data,
                                  gsize        length,
                                  GError     **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GfPayfipDetail) detail = g_new0 (GfPayfipDetail, 1);
  g_autofree char *montant = NULL;
  Slot slots[] = {
    { "dattrans", &detail->dattrans }, { "exer", &detail->exer },
    { "heurtrans", &detail->heurtrans }, { "idOp", &detail->idop }, { "mel", &detail->mel },
    { "montant", &montant }, { "numauto", &detail->numauto }, { "numcli", &detail->numcli },
    { "objet", &detail->objet }, { "refdet", &detail->refdet },
    { "resultrans", &detail->resultrans }, { "saisie", &detail->saisie },
  };
  xmlNode *result;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  doc = read_document (data, length, error);
  if (doc == NULL)
    return NULL;
  result = find_return (doc, "recupererDetailPaiementSecuriseResponse", error);
  if (result == NULL || !read_slots (result, slots, G_N_ELEMENTS (slots), error))
    return NULL;
  if (!check_detail (detail, montant, error))
    return NULL;

  return g_steal_pointer (&detail);
}

/**
 * gf_payfip_soap_parse_check_customer:
 * @data: the body PayFiP answered
 * @length: its size in bytes
 * @error: return location for a #GF_PAYFIP_ERROR
 *
 * Returns: (transfer full) (nullable): the customer PayFiP knows under that number
 */
GfPayfipCustomer *
gf_payfip_soap_parse_check_customer (const char  *data,
                                     gsize        length,
                                     GError     **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GfPayfipCustomer) customer = g_new0 (GfPayfipCustomer, 1);
  Slot slots[] = {
    { "libelleN1", &customer->libelle_n1 }, { "libelleN2", &customer->libelle_n2 },
    { "libelleN3", &customer->libelle_n3 }, { "numcli", &customer->numcli },
  };
  xmlNode *result;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  doc = read_document (data, length, error);
  if (doc == NULL)
    return NULL;
  result = find_return (doc, "recupererDetailClientResponse", error);
  if (result == NULL || !read_slots (result, slots, G_N_ELEMENTS (slots), error))
    return NULL;

  if (!check_text ("numcli", customer->numcli, TRUE, 6, error) ||
      !check_format ("numcli", is_digits (customer->numcli, 6, 6), error) ||
      !check_text ("libelleN1", customer->libelle_n1, FALSE, 500, error) ||
      !check_text ("libelleN2", customer->libelle_n2, FALSE, 500, error) ||
      !check_text ("libelleN3", customer->libelle_n3, FALSE, 500, error))
    return NULL;

  return g_steal_pointer (&customer);
}
