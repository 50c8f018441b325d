/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "PayfipSandbox"

#include "config.h"

#include "gf-sandbox-soap.h"
#include "gf-sandbox-validate.h"

#include <libxml/parser.h>
#include <string.h>

/* The SOAP endpoint, /tpa/services/securite (payfip.md §5): SOAP 1.1, document/literal,
 * text/xml. The envelope checks answer the way the JAX-WS RI 2.1.7 stack in front of PayFiP
 * does, before PayFiP's own code runs: a client fault with no <detail> for XML that is not
 * well-formed or an operation it cannot dispatch, VersionMismatch for another envelope,
 * 415 for another content type. Wrapper elements must be in the service namespace; arg0
 * and the fields must be unqualified, and a qualified or wrongly-cased field is ignored
 * (JAXB skips unknown elements), so <idop> reads as no idOp at all: P1. */

#define SOAP_PATH "/tpa/services/securite"
#define WSDL_RESOURCE "/fr/guichetfamilles/payfip-sandbox/PaiementSecuriseService.wsdl"

typedef void (*OperationFunc) (GfSandbox   *self,
                               xmlNode     *arg0,
                               GfSoapReply *reply);

static const struct
{
  const char      *name;
  GfSandboxSoapOp  mask;
  OperationFunc    func;
} operations[] = {
  { "creerPaiementSecurise", GF_SANDBOX_SOAP_CREER, _gf_sandbox_soap_creer },
  { "recupererDetailPaiementSecurise", GF_SANDBOX_SOAP_DETAIL, _gf_sandbox_soap_detail },
  { "recupererDetailClient", GF_SANDBOX_SOAP_CLIENT, _gf_sandbox_soap_client },
};

static const struct
{
  const char *element;
  const char *text;
} tech_faults[] = {
  [GF_SANDBOX_FAULT_DYSFONCTIONNEMENT] = { "TechDysfonctionnementErreur",
                                           "Erreur technique : dysfonctionnement du service." },
  [GF_SANDBOX_FAULT_INDISPONIBILITE] = { "TechIndisponibiliteErreur",
                                         "Service momentanément indisponible." },
  [GF_SANDBOX_FAULT_PROTOCOLAIRE] = { "TechProtocolaireErreur",
                                      "Erreur technique : erreur de protocole." },
};

void
gf_soap_reply_clear (GfSoapReply *reply)
{
  g_clear_pointer (&reply->doc, xmlFreeDoc);
  g_clear_pointer (&reply->fault_code, g_free);
}

/* An unqualified element: xmlNewChild() would give it its parent's namespace. */
static xmlNode *
add_element (xmlNode    *parent,
             const char *name)
{
  xmlNode *node = xmlNewDocNode (parent->doc, NULL, BAD_CAST name, NULL);

  return xmlAddChild (parent, node);
}

static xmlNode *
new_envelope (GfSoapReply *reply)
{
  xmlNode *envelope;
  xmlNs *ns;

  gf_soap_reply_clear (reply);
  reply->doc = xmlNewDoc (BAD_CAST "1.0");
  envelope = xmlNewDocNode (reply->doc, NULL, BAD_CAST "Envelope", NULL);
  ns = xmlNewNs (envelope, BAD_CAST GF_SOAP_ENV_NS, BAD_CAST "S");
  xmlSetNs (envelope, ns);
  xmlDocSetRootElement (reply->doc, envelope);
  return xmlNewChild (envelope, ns, BAD_CAST "Body", NULL);
}

/* <ns2:{operation}Response xmlns:ns2="…"><return/></…>: returns <return> to fill. */
xmlNode *
gf_soap_reply_return (GfSoapReply *reply,
                      const char  *operation)
{
  xmlNode *body = new_envelope (reply);
  g_autofree char *name = g_strconcat (operation, "Response", NULL);
  xmlNode *wrapper = add_element (body, name);

  xmlSetNs (wrapper, xmlNewNs (wrapper, BAD_CAST GF_PAYFIP_NS, BAD_CAST "ns2"));
  reply->status = SOUP_STATUS_OK;
  return add_element (wrapper, "return");
}

/* An unqualified text field; nothing when @value is NULL (every field is minOccurs=0). */
void
gf_soap_reply_field (xmlNode    *parent,
                     const char *name,
                     const char *value)
{
  if (value == NULL)
    return;
  xmlNodeAddContent (add_element (parent, name), BAD_CAST value);
}

/* A SOAP 1.1 fault, HTTP 500. With @element, a <detail> holding that fault element of the
 * service namespace: code, descriptif, libelle, message, severite (payfip.md §5.5). */
void
gf_soap_reply_fault (GfSoapReply *reply,
                     const char  *faultcode,
                     const char  *faultstring,
                     const char  *element,
                     const char  *code,
                     const char  *text,
                     int          severite)
{
  xmlNode *body = new_envelope (reply);
  xmlNode *fault = xmlNewChild (body, body->ns, BAD_CAST "Fault", NULL);
  g_autofree char *severity = g_strdup_printf ("%d", severite);

  gf_soap_reply_field (fault, "faultcode", faultcode);
  gf_soap_reply_field (fault, "faultstring", faultstring);
  if (element != NULL)
    {
      xmlNode *detail = add_element (fault, "detail");
      xmlNode *error = add_element (detail, element);

      xmlSetNs (error, xmlNewNs (error, BAD_CAST GF_PAYFIP_NS, BAD_CAST "ns2"));
      gf_soap_reply_field (error, "code", code);
      gf_soap_reply_field (error, "descriptif", text);
      gf_soap_reply_field (error, "libelle", text);
      gf_soap_reply_field (error, "message", "");
      gf_soap_reply_field (error, "severite", severity);
    }
  reply->status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
  reply->fault_code = g_strdup (code != NULL ? code : faultcode);
}

/* A FonctionnelleErreur with the code's text. */
void
gf_soap_reply_functional (GfSoapReply *reply,
                          const char  *code)
{
  gf_soap_reply_fault (reply, "S:Server", GF_PAYFIP_EXCEPTIONS "FonctionnelleErreur",
                       "FonctionnelleErreur", code, gf_sandbox_fault_text (code), 2);
}

static void
client_fault (GfSoapReply *reply,
              const char  *faultcode,
              const char  *message)
{
  gf_soap_reply_fault (reply, faultcode, message, NULL, NULL, NULL, 0);
}

static gboolean
is_element (xmlNode    *node,
            const char *ns,
            const char *name)
{
  if (node == NULL || node->type != XML_ELEMENT_NODE ||
      strcmp ((const char *)node->name, name) != 0)
    return FALSE;
  if (ns == NULL)
    return node->ns == NULL;
  return node->ns != NULL && g_strcmp0 ((const char *)node->ns->href, ns) == 0;
}

static xmlNode *
first_element (xmlNode *node)
{
  for (; node != NULL; node = node->next)
    if (node->type == XML_ELEMENT_NODE)
      return node;
  return NULL;
}

static xmlNode *
find_child (xmlNode    *parent,
            const char *ns,
            const char *name)
{
  if (parent == NULL)
    return NULL;
  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    if (is_element (child, ns, name))
      return child;
  return NULL;
}

/* The text of the unqualified child @name of @arg0, exactly as sent (JAXB keeps xs:string
 * whitespace), or NULL when there is none. */
char *
gf_soap_arg (xmlNode    *arg0,
             const char *name)
{
  xmlNode *node = find_child (arg0, NULL, name);
  xmlChar *content;
  char *value;

  if (node == NULL)
    return NULL;
  content = xmlNodeGetContent (node);
  value = g_strdup (content != NULL ? (const char *)content : "");
  xmlFree (content);
  return value;
}

/* Whether the tech-faults switch answers this call, and if so builds the fault. */
static gboolean
tech_fault (GfSandbox       *self,
            GfSandboxSoapOp  operation,
            GfSoapReply     *reply)
{
  GfSandboxOptions *options = &self->options;
  g_autofree char *faultstring = NULL;

  if (options->tech_faults == 0 || (options->tech_fault_ops & operation) == 0)
    return FALSE;
  if (options->tech_faults > 0)
    options->tech_faults--;

  if (options->tech_fault_type == GF_SANDBOX_FAULT_HTTP_503)
    {
      gf_soap_reply_clear (reply);
      reply->status = SOUP_STATUS_SERVICE_UNAVAILABLE;
      reply->fault_code = g_strdup ("HTTP 503");
      return TRUE;
    }
  faultstring = g_strconcat (GF_PAYFIP_EXCEPTIONS, tech_faults[options->tech_fault_type].element,
                             NULL);
  gf_soap_reply_fault (reply, "S:Server", faultstring,
                       tech_faults[options->tech_fault_type].element, "999",
                       tech_faults[options->tech_fault_type].text, 3);
  return TRUE;
}

/* Parses, checks the envelope, dispatches; fills @reply. Returns the operation's name. */
static const char *
handle_envelope (GfSandbox   *self,
                 const char  *data,
                 gsize        size,
                 GfSoapReply *reply)
{
  xmlParserCtxt *context = xmlNewParserCtxt ();
  xmlDoc *doc;
  xmlNode *root, *body, *wrapper;
  const char *name = NULL;

  doc = xmlCtxtReadMemory (context, data, (int)MIN (size, G_MAXINT), "request.xml", NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL || !context->wellFormed)
    {
      xmlError *error = xmlCtxtGetLastError (context);
      g_autofree char *message = g_strdup (error != NULL && error->message != NULL
                                           ? error->message : "not well-formed");
      g_autofree char *faultstring = g_strdup_printf (
        "Couldn't create SOAP message due to exception: XML reader error: %s",
        g_strstrip (message));

      client_fault (reply, "S:Client", faultstring);
      goto out;
    }

  /* SOAP 1.1 §3: a message must not contain a document type declaration. */
  if (doc->intSubset != NULL)
    {
      client_fault (reply, "S:Client",
                    "Couldn't create SOAP message due to exception: XML reader error: "
                    "a SOAP message must not contain a document type declaration");
      goto out;
    }

  root = xmlDocGetRootElement (doc);
  if (!is_element (root, GF_SOAP_ENV_NS, "Envelope"))
    {
      g_autofree char *faultstring = g_strdup_printf (
        "Couldn't create SOAP message. Expecting Envelope in namespace %s, but got %s",
        GF_SOAP_ENV_NS, root != NULL && root->ns != NULL ? (const char *)root->ns->href : "none");

      client_fault (reply, "S:VersionMismatch", faultstring);
      goto out;
    }

  body = find_child (root, GF_SOAP_ENV_NS, "Body");
  wrapper = body != NULL ? first_element (body->children) : NULL;
  for (guint i = 0; wrapper != NULL && i < G_N_ELEMENTS (operations); i++)
    if (is_element (wrapper, GF_PAYFIP_NS, operations[i].name))
      {
        name = operations[i].name;
        if (!tech_fault (self, operations[i].mask, reply))
          operations[i].func (self, find_child (wrapper, NULL, "arg0"), reply);
        goto out;
      }

  {
    g_autofree char *faultstring = g_strdup_printf (
      "Cannot find dispatch method for {%s}%s",
      wrapper != NULL && wrapper->ns != NULL ? (const char *)wrapper->ns->href : "",
      wrapper != NULL ? (const char *)wrapper->name : "null");

    client_fault (reply, "S:Client", faultstring);
  }

out:
  if (doc != NULL)
    xmlFreeDoc (doc);
  xmlFreeParserCtxt (context);
  return name;
}

static void
serve_wsdl (SoupServerMessage *msg)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (WSDL_RESOURCE, 0, NULL);
  const char *host = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Host");
  g_autofree char *address = g_strdup_printf ("http://%s" SOAP_PATH,
                                              host != NULL ? host : "127.0.0.1");
  g_autofree char *escaped = g_markup_escape_text (address, -1);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_auto(GStrv) parts = g_strsplit (text, "@ADDRESS@", -1);

  gf_sandbox_respond (msg, SOUP_STATUS_OK, "text/xml; charset=utf-8",
                      g_strjoinv (escaped, parts));
}

static gboolean
release_cb (gpointer user_data)
{
  gf_held_message_release (user_data);
  return G_SOURCE_REMOVE;
}

static void
soap_cb (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  GfSandbox *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *query_string = g_uri_get_query (soup_server_message_get_uri (msg));
  const char *type;
  g_autoptr(GBytes) bytes = NULL;
  GfSoapReply reply = { 0 };
  const char *operation;
  xmlChar *data = NULL;
  int size = 0;

  if (strcmp (path, SOAP_PATH) != 0)
    {
      gf_sandbox_respond (msg, SOUP_STATUS_NOT_FOUND, "text/plain", g_strdup ("not found\n"));
      return;
    }
  if (strcmp (method, "GET") == 0 || strcmp (method, "HEAD") == 0)
    {
      if (query_string != NULL && g_ascii_strcasecmp (query_string, "wsdl") == 0)
        serve_wsdl (msg);
      else
        gf_sandbox_respond (msg, SOUP_STATUS_OK, "text/plain; charset=utf-8",
                            g_strdup ("PaiementSecuriseService (bac à sable PayFiP) : point "
                                      "d'accès SOAP 1.1 ; WSDL à ?wsdl\n"));
      return;
    }
  if (strcmp (method, "POST") != 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Allow", "GET, HEAD, POST");
      gf_sandbox_respond (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "text/plain",
                          g_strdup ("method not allowed\n"));
      return;
    }

  type = soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg),
                                                NULL);
  if (type == NULL || g_ascii_strcasecmp (type, "text/xml") != 0)
    {
      gf_sandbox_respond (msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "text/plain",
                          g_strdup_printf ("Unsupported Content-Type: %s Supported ones are: "
                                           "[text/xml]\n", type != NULL ? type : "none"));
      return;
    }

  bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  operation = handle_envelope (self, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                               &reply);
  g_message ("SOAP %s: %s", operation != NULL ? operation : "(no operation)",
             reply.fault_code != NULL ? reply.fault_code : "ok");

  if (reply.doc != NULL)
    {
      xmlDocDumpMemoryEnc (reply.doc, &data, &size, "UTF-8");
      soup_server_message_set_status (msg, reply.status, NULL);
      soup_server_message_set_response (msg, "text/xml; charset=utf-8", SOUP_MEMORY_COPY,
                                        (const char *)data, (gsize)size);
      xmlFree (data);
    }
  else
    gf_sandbox_respond (msg, reply.status, "text/html; charset=utf-8",
                        g_strdup ("<!DOCTYPE html><html lang=\"fr\"><head><title>503 Service "
                                  "Unavailable</title></head><body><h1>Service Unavailable</h1>"
                                  "</body></html>\n"));
  gf_soap_reply_clear (&reply);

  if (self->options.soap_delay_ms > 0)
    g_timeout_add (self->options.soap_delay_ms, release_cb, gf_held_message_new (msg));
}

void
_gf_sandbox_soap_register (GfSandbox *self)
{
  soup_server_add_handler (self->server, SOAP_PATH, soap_cb, self, NULL);
}
