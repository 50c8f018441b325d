/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-payfip-client.h"
#include "gf-payfip-soap.h"
#include "gf-payfip-types.h"
#include "gf-test-util.h"

#include <gio/gio.h>
#include <libsoup/soup.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#ifndef PAYFIP_TEST_DATA
#error "PAYFIP_TEST_DATA must name the folder of the sample messages"
#endif

#define IDOP_EOPAYMENT "cc0cb210-1cd4-11ea-8cca-0213ad91a103"
#define IDOP_ANNEXE6   "81bdf4c0-8edb-11e5-99d5-00000a634c44"
#define FIVE_MIB       (5 * 1024 * 1024)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

/*
 * Sample messages and XML trees
 */

static char *
load_sample (const char *name,
             gsize      *out_length)
{
  g_autofree char *path = g_build_filename (PAYFIP_TEST_DATA, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, out_length, &error);
  g_assert_no_error (error);
  return contents;
}

static xmlDoc *
parse_xml (const char *data,
           gsize       length)
{
  xmlDoc *doc = xmlReadMemory (data, (int) length, NULL, "UTF-8",
                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);

  g_assert_nonnull (doc);
  return doc;
}

static xmlDoc *
parse_bytes (GBytes *bytes)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return parse_xml (data, length);
}

static GPtrArray *
element_children (xmlNode *node)
{
  GPtrArray *children = g_ptr_array_new ();

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      g_ptr_array_add (children, child);
  return children;
}

static char *
trimmed_text (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *text = g_strstrip (g_strdup ((const char *) content));

  xmlFree (content);
  return text;
}

static const char *
ns_of (xmlNode *node)
{
  return node->ns != NULL ? (const char *) node->ns->href : NULL;
}

/* The same elements, by local name (and namespace URI when @check_ns), in the same order,
 * with the same text in the leaves; white space between elements does not count. */
static void
assert_same_tree (xmlNode  *expected,
                  xmlNode  *actual,
                  gboolean  check_ns)
{
  g_autoptr(GPtrArray) expected_children = element_children (expected);
  g_autoptr(GPtrArray) actual_children = element_children (actual);

  g_assert_cmpstr ((const char *) actual->name, ==, (const char *) expected->name);
  if (check_ns)
    g_assert_cmpstr (ns_of (actual), ==, ns_of (expected));
  g_assert_cmpuint (actual_children->len, ==, expected_children->len);

  if (expected_children->len == 0)
    {
      g_autofree char *expected_text = trimmed_text (expected);
      g_autofree char *actual_text = trimmed_text (actual);

      g_assert_cmpstr (actual_text, ==, expected_text);
      return;
    }

  for (guint i = 0; i < expected_children->len; i++)
    assert_same_tree (expected_children->pdata[i], actual_children->pdata[i], check_ns);
}

/* The first element under <Body>. */
static xmlNode *
body_payload (xmlDoc *doc)
{
  xmlNode *root = xmlDocGetRootElement (doc);
  g_autoptr(GPtrArray) parts = element_children (root);
  g_autoptr(GPtrArray) payload = NULL;

  g_assert_cmpuint (parts->len, ==, 2);
  g_assert_cmpstr ((const char *) ((xmlNode *) parts->pdata[1])->name, ==, "Body");
  payload = element_children (parts->pdata[1]);
  g_assert_cmpuint (payload->len, ==, 1);
  return payload->pdata[0];
}

/* The request of payfip.md §10.2, which §5.1 shows on the wire. */
static GfPayfipRequest *
sample_request (void)
{
  GfPayfipRequest *request = gf_payfip_request_new ();

  g_free (request->exer);
  request->numcli = g_strdup ("090909");
  request->exer = g_strdup ("2019");
  request->refdet = g_strdup ("ABCDEFGH");
  request->objet = g_strdup ("coucou");
  request->montant = 1000;
  request->mel = g_strdup ("john.doe@example.com");
  request->saisie = g_strdup ("T");
  request->urlnotif = g_strdup ("https://notif.payfip.example.com/");
  request->urlredirect = g_strdup ("https://redirect.payfip.example.com/");
  return request;
}

static const char *
leaf_text_in (xmlDoc     *doc,
              const char *name)
{
  static char buffer[512];
  g_autoptr(GPtrArray) args = element_children (body_payload (doc));
  g_autoptr(GPtrArray) fields = element_children (args->pdata[0]);

  for (guint i = 0; i < fields->len; i++)
    {
      xmlNode *field = fields->pdata[i];

      if (g_str_equal ((const char *) field->name, name))
        {
          g_autofree char *text = trimmed_text (field);

          g_strlcpy (buffer, text, sizeof buffer);
          return buffer;
        }
    }
  return NULL;
}

/*
 * Requests
 */

static void
test_request_create (void)
{
  g_autoptr(GfPayfipRequest) request = sample_request ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *sample = NULL;
  g_autoptr(xmlDoc) expected = NULL;
  g_autoptr(xmlDoc) actual = NULL;
  gsize length;
  g_autoptr(GPtrArray) args = NULL;

  bytes = gf_payfip_soap_build_create_payment (request, GF_PAYFIP_AMOUNT_MAX_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_assert_true (g_utf8_validate_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                      NULL));

  sample = load_sample ("creer-request.xml", &length);
  expected = parse_xml (sample, length);
  actual = parse_bytes (bytes);
  assert_same_tree (xmlDocGetRootElement (expected), xmlDocGetRootElement (actual), TRUE);

  /* The wrapper is in the service's namespace, <arg0> and its fields in none. */
  g_assert_cmpstr (ns_of (body_payload (actual)), ==, GF_PAYFIP_SOAP_NAMESPACE);
  args = element_children (body_payload (actual));
  g_assert_null (((xmlNode *) args->pdata[0])->ns);
}

static void
test_request_details (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = gf_payfip_soap_build_get_details (IDOP_EOPAYMENT, &error);
  g_autofree char *sample = NULL;
  g_autoptr(xmlDoc) expected = NULL;
  g_autoptr(xmlDoc) actual = NULL;
  gsize length;
  g_autoptr(GPtrArray) args = NULL;

  g_assert_no_error (error);
  sample = load_sample ("detail-request.xml", &length);
  expected = parse_xml (sample, length);
  actual = parse_bytes (bytes);

  /* The sample abbreviates the namespace URI: compare names and text, then the URI. */
  assert_same_tree (xmlDocGetRootElement (expected), xmlDocGetRootElement (actual), FALSE);
  g_assert_cmpstr (ns_of (body_payload (actual)), ==, GF_PAYFIP_SOAP_NAMESPACE);
  args = element_children (body_payload (actual));
  g_assert_null (((xmlNode *) args->pdata[0])->ns);
  g_assert_cmpstr (ns_of (xmlDocGetRootElement (actual)), ==, GF_PAYFIP_SOAP_ENVELOPE_NAMESPACE);
}

static void
test_request_customer (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = gf_payfip_soap_build_check_customer ("090909", &error);
  g_autofree char *fragment = NULL;
  g_autofree char *wrapped = NULL;
  g_autoptr(xmlDoc) expected = NULL;
  g_autoptr(xmlDoc) actual = NULL;
  g_autoptr(GPtrArray) children = NULL;

  g_assert_no_error (error);
  fragment = load_sample ("client-request-fragment.xml", NULL);
  /* The sample is the body element alone: declare its prefix around it. */
  wrapped = g_strdup_printf ("<w xmlns:pai=\"%s\">%s</w>", GF_PAYFIP_SOAP_NAMESPACE, fragment);
  expected = parse_xml (wrapped, strlen (wrapped));
  actual = parse_bytes (bytes);

  children = element_children (xmlDocGetRootElement (expected));
  assert_same_tree (children->pdata[0], body_payload (actual), TRUE);
}

static void
test_request_escaping (void)
{
  g_autoptr(GfPayfipRequest) request = sample_request ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *text = NULL;

  g_free (request->mel);
  g_free (request->urlnotif);
  g_free (request->objet);
  request->mel = g_strdup ("o'b&r@exemple.fr");
  request->urlnotif = g_strdup ("https://portail.exemple.fr/payfip/notif?a=1&b=<2>");
  request->objet = g_strdup ("<script>&amp;</script> ]]> Cantine");

  /* "<" and ">" are not URL characters. */
  g_assert_null (gf_payfip_soap_build_create_payment (request, GF_PAYFIP_AMOUNT_MAX_DEFAULT,
                                                      &error));
  g_assert_error (error, GF_PAYFIP_ERROR, GF_PAYFIP_ERROR_INVALID_INPUT);
  g_assert_cmpstr (gf_payfip_error_get_field (error), ==, "urlnotif");
  g_clear_error (&error);

  g_free (request->urlnotif);
  request->urlnotif = g_strdup ("https://portail.exemple.fr/payfip/notif?a=1&b=2");
  bytes = gf_payfip_soap_build_create_payment (request, GF_PAYFIP_AMOUNT_MAX_DEFAULT, &error);
  g_assert_no_error (error);

  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_nonnull (strstr (text, "o'b&amp;r@exemple.fr"));
  g_assert_nonnull (strstr (text, "?a=1&amp;b=2"));
  g_assert_null (strstr (text, "<script"));

  doc = parse_bytes (bytes);
  g_assert_cmpstr (leaf_text_in (doc, "mel"), ==, "o'b&r@exemple.fr");
  g_assert_cmpstr (leaf_text_in (doc, "urlnotif"), ==,
                   "https://portail.exemple.fr/payfip/notif?a=1&b=2");
  g_assert_cmpstr (leaf_text_in (doc, "objet"), ==, "scriptampscript Cantine");
}

static void
test_request_objet (void)
{
  static const struct
  {
    const char *text;
    const char *normalized;
  } cases[] = {
    /* payfip.md §10.2 */
    { "18/09/2020  Établissement attestation hors-sol n#1234",
      "18092020 Etablissement attestation hors sol n1234" },
    { "coucou", "coucou" },
    { "Cantine de l'école – février", "Cantine de l ecole fevrier" },
    { "Cantine de l’école", "Cantine de l ecole" },
    { "Sœur Cœur ÆSIR straße", "Soeur Coeur AESIR strasse" },
    { "  Garderie\tdu\nsoir  ", "Garderie du soir" },
    { "€ % & < > \" ;", "" },
    { "", "" },
  };
  g_autofree char *long_text = g_strnfill (150, 'a');
  g_autofree char *bs = g_strnfill (99, 'b');
  g_autofree char *normalized = NULL;
  g_autoptr(GfPayfipRequest) request = sample_request ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(xmlDoc) doc = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *result = gf_payfip_normalize_objet (cases[i].text);

      g_assert_cmpstr (result, ==, cases[i].normalized);
    }

  normalized = gf_payfip_normalize_objet (long_text);
  g_assert_cmpuint (strlen (normalized), ==, GF_PAYFIP_OBJET_MAX);
  g_clear_pointer (&normalized, g_free);

  /* Cut at 100 characters, then no trailing space. */
  g_free (long_text);
  long_text = g_strdup_printf ("%s %s", bs, "suite");
  normalized = gf_payfip_normalize_objet (long_text);
  g_assert_cmpuint (strlen (normalized), ==, 99);

  g_assert_null (gf_payfip_normalize_objet (NULL));
  g_assert_null (gf_payfip_normalize_objet ("\xff\xfe"));

  /* Nothing left to say: the optional element is left out. */
  g_free (request->objet);
  request->objet = g_strdup ("%%%");
  bytes = gf_payfip_soap_build_create_payment (request, GF_PAYFIP_AMOUNT_MAX_DEFAULT, NULL);
  g_assert_nonnull (bytes);
  doc = parse_bytes (bytes);
  g_assert_null (leaf_text_in (doc, "objet"));
  g_assert_cmpstr (leaf_text_in (doc, "refdet"), ==, "ABCDEFGH");
}

typedef struct
{
  const char *field;     /* the request field changed */
  const char *value;     /* its new value (for montant, a number) */
  const char *refused;   /* the field the error names */
} BadInput;

static const BadInput bad_inputs[] = {
  { "numcli", NULL, "numcli" },
  { "numcli", "12345", "numcli" },
  { "numcli", "1234567", "numcli" },
  { "numcli", "09090a", "numcli" },
  { "exer", NULL, "exer" },
  { "exer", "19", "exer" },
  { "exer", "20a9", "exer" },
  { "refdet", NULL, "refdet" },
  { "refdet", "ABCD", "refdet" },                                /* §10.2: R3 */
  { "refdet", "ABCDE", "refdet" },
  { "refdet", "2018201900001000000220190613012", "refdet" },    /* 31 characters */
  { "refdet", "ABCD-EFGH", "refdet" },
  { "refdet", "ABCD EFGH", "refdet" },
  { "refdet", "ABCDÉFGH", "refdet" },
  { "refdet", "ABCD<EFGH>", "refdet" },
  { "objet", "caf\xe9", "objet" },
  { "montant", "0", "montant" },
  { "montant", "99", "montant" },
  { "montant", "-1000", "montant" },
  { "montant", "10000000", "montant" },                         /* one cent over the max */
  { "montant", "9990000001", "montant" },                       /* §10.2: the A2 vector */
  { "mel", NULL, "mel" },
  { "mel", "", "mel" },
  { "mel", "john.doeexample.com", "mel" },                      /* §10.2: A2 */
  { "mel", "a@b.f", "mel" },
  { "mel", "a@b", "mel" },
  { "mel", "x@y.fr\r\nBcc: z@y.fr", "mel" },
  { "mel", "jean.dupont.tres.long.nom.de.famille.compose.pour.depasser"
    "@la-limite-de-quatre-vingts.fr", "mel" },
  { "saisie", NULL, "saisie" },
  { "saisie", "", "saisie" },
  { "saisie", "A", "saisie" },                                  /* legacy production */
  { "saisie", "P", "saisie" },
  { "saisie", "M", "saisie" },
  { "saisie", "t", "saisie" },
  { "saisie", "TW", "saisie" },
  { "urlnotif", NULL, "urlnotif" },
  { "urlnotif", "", "urlnotif" },
  { "urlnotif", "/payfip/notif", "urlnotif" },
  { "urlnotif", "ftp://notif.exemple.fr/", "urlnotif" },
  { "urlnotif", "javascript:alert(1)", "urlnotif" },
  { "urlnotif", "https://", "urlnotif" },
  { "urlnotif", "https://notif.exemple.fr/a b", "urlnotif" },
  { "urlnotif", "https://notif.exemple.fr/\xc3\xa9", "urlnotif" },
  { "urlredirect", "retour", "urlredirect" },
  { "urlredirect", NULL, "urlredirect" },
};

static void
set_field (GfPayfipRequest *request,
           const char      *field,
           const char      *value)
{
  char **slot = NULL;

  if (g_str_equal (field, "montant"))
    {
      request->montant = g_ascii_strtoll (value, NULL, 10);
      return;
    }

  if (g_str_equal (field, "numcli"))
    slot = &request->numcli;
  else if (g_str_equal (field, "exer"))
    slot = &request->exer;
  else if (g_str_equal (field, "refdet"))
    slot = &request->refdet;
  else if (g_str_equal (field, "objet"))
    slot = &request->objet;
  else if (g_str_equal (field, "mel"))
    slot = &request->mel;
  else if (g_str_equal (field, "saisie"))
    slot = &request->saisie;
  else if (g_str_equal (field, "urlnotif"))
    slot = &request->urlnotif;
  else if (g_str_equal (field, "urlredirect"))
    slot = &request->urlredirect;
  g_assert_nonnull (slot);

  g_free (*slot);
  *slot = g_strdup (value);
}

static void
test_request_invalid (void)
{
  g_autofree char *long_url = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_autoptr(GfPayfipRequest) request = sample_request ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;

      g_test_message ("bad %s: %s", bad_inputs[i].field,
                      bad_inputs[i].value != NULL ? bad_inputs[i].value : "(null)");
      set_field (request, bad_inputs[i].field, bad_inputs[i].value);

      g_assert_false (gf_payfip_request_validate (request, GF_PAYFIP_AMOUNT_MAX_DEFAULT, &error));
      g_assert_error (error, GF_PAYFIP_ERROR, GF_PAYFIP_ERROR_INVALID_INPUT);
      g_assert_cmpstr (gf_payfip_error_get_field (error), ==, bad_inputs[i].refused);
      g_assert_false (gf_payfip_error_is_retryable (error));
      g_clear_error (&error);

      bytes = gf_payfip_soap_build_create_payment (request, GF_PAYFIP_AMOUNT_MAX_DEFAULT, &error);
      g_assert_null (bytes);
      g_assert_error (error, GF_PAYFIP_ERROR, GF_PAYFIP_ERROR_INVALID_INPUT);
    }

  /* A URL longer than PayFiP keeps. */
  {
    g_autoptr(GfPayfipRequest) request = sample_request ();
    g_autofree char *path = g_strnfill (GF_PAYFIP_URL_MAX, 'a');
    g_autoptr(GError) error = NULL;

    long_url = g_strconcat ("https://x.fr/", path, NULL);
    set_field (request, "urlredirect", long_url);
    g_assert_false (gf_payfip_request_validate (request, GF_PAYFIP_AMOUNT_MAX_DEFAULT, &error));
    g_assert_cmpstr (gf_payfip_error_get_field (error), ==, "urlredirect");
  }
}

static void
test_request_limits (void)
{
  static const struct
  {
    const char *field;
    const char *value;
  } good[] = {
    { "montant", "100" },
    { "montant", "9999999" },
    { "refdet", "ABCDEF" },                                /* §10.2: accepted */
    { "refdet", "201820190000100000022019061301" },        /* §10.3: 30 characters */
    { "refdet", "999900000000999999" },
    { "numcli", "006270" },
    { "saisie", "X" },
    { "saisie", "W" },
    { "mel", "  John.Doe@Example.com " },
    { "urlnotif", "http://127.0.0.1:8080/payfip/notification" },
    { "objet", NULL },
  };
  g_autoptr(GfPayfipRequest) request = sample_request ();
  g_autoptr(GfPayfipRequest) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GfPayfipRequest) fresh = gf_payfip_request_new ();
  g_autofree char *year = g_strdup_printf ("%04d", g_date_time_get_year (now));

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GfPayfipRequest) changed = sample_request ();

      set_field (changed, good[i].field, good[i].value);
      gf_payfip_request_validate (changed, GF_PAYFIP_AMOUNT_MAX_DEFAULT, &error);
      g_assert_no_error (error);
    }

  /* The maximum is the caller's. */
  request->montant = 50001;
  g_assert_false (gf_payfip_request_validate (request, 50000, NULL));
  request->montant = 50000;
  g_assert_true (gf_payfip_request_validate (request, 50000, NULL));
  request->montant = G_GINT64_CONSTANT (99999999999);
  g_assert_true (gf_payfip_request_validate (request, GF_PAYFIP_AMOUNT_MAX_LIMIT, NULL));
  request->montant = G_GINT64_CONSTANT (100000000000);
  g_assert_false (gf_payfip_request_validate (request, GF_PAYFIP_AMOUNT_MAX_LIMIT, NULL));

  /* The e-mail address goes out trimmed and in lower case. */
  request->montant = 1000;
  set_field (request, "mel", "  John.Doe@Example.com ");
  copy = gf_payfip_request_copy (request);
  bytes = gf_payfip_soap_build_create_payment (copy, GF_PAYFIP_AMOUNT_MAX_DEFAULT, &error);
  g_assert_no_error (error);
  doc = parse_bytes (bytes);
  g_assert_cmpstr (leaf_text_in (doc, "mel"), ==, "john.doe@example.com");

  /* A new request is for this year (in France; around New Year the two may differ). */
  g_assert_cmpuint (strlen (fresh->exer), ==, 4);
  g_assert_cmpint (ABS (atoi (fresh->exer) - atoi (year)), <=, 1);
}

static void
test_request_ids (void)
{
  static const char * const bad_idops[] = {
    NULL, "", "1234", "cc0cb210-1cd4-11ea-8cca-0213ad91a10",
    "cc0cb210-1cd4-11ea-8cca-0213ad91a1033",
    "cc0cb210_1cd4_11ea_8cca_0213ad91a103", "cc0cb210-1cd4-11ea-8cca-0213ad91a10g",
    "<idOp>-1cd4-11ea-8cca-0213ad91a103",
  };
  static const char * const bad_numclis[] = { NULL, "", "90909", "0909090", "O90909", "090 09" };

  for (guint i = 0; i < G_N_ELEMENTS (bad_idops); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = gf_payfip_soap_build_get_details (bad_idops[i], &error);

      g_assert_null (bytes);
      g_assert_error (error, GF_PAYFIP_ERROR, GF_PAYFIP_ERROR_INVALID_INPUT);
      g_assert_cmpstr (gf_payfip_error_get_field (error), ==, "idOp");
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad_numclis); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = gf_payfip_soap_build_check_customer (bad_numclis[i], &error);

      g_assert_null (bytes);
      g_assert_error (error, GF_PAYFIP_ERROR, GF_PAYFIP_ERROR_INVALID_INPUT);
      g_assert_cmpstr (gf_payfip_error_get_field (error), ==, "numcli");
    }

  g_assert_true (gf_payfip_validate_idop ("CC0CB210-1CD4-11EA-8CCA-0213AD91A103", NULL));
}

static void
test_payment_url (void)
{
  static const struct
  {
    const char *base;
    const char *url;
  } cases[] = {
    { "https://www.tipi.budget.gouv.fr/tpa/paiementws.web",               /* §10.2 */
      "https://www.tipi.budget.gouv.fr/tpa/paiementws.web?idop=" IDOP_EOPAYMENT },
    { GF_PAYFIP_PAYMENT_URL_PRODUCTION,
      "https://www.payfip.gouv.fr/tpa/paiementws.web?idop=" IDOP_EOPAYMENT },
    { "https://www.tipi-client.budget.gouv.fr/tpa/paiementws.web?idop=",
      "https://www.tipi-client.budget.gouv.fr/tpa/paiementws.web?idop=" IDOP_EOPAYMENT },
    { "http://127.0.0.1:8081/tpa/paiementws.web?",
      "http://127.0.0.1:8081/tpa/paiementws.web?idop=" IDOP_EOPAYMENT },
    { "http://127.0.0.1:8081/tpa/paiementws.web?lang=fr",
      "http://127.0.0.1:8081/tpa/paiementws.web?lang=fr&idop=" IDOP_EOPAYMENT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = gf_payfip_payment_url (cases[i].base, IDOP_EOPAYMENT);

      g_assert_cmpstr (url, ==, cases[i].url);
    }

  g_assert_null (gf_payfip_payment_url ("", IDOP_EOPAYMENT));
  g_assert_null (gf_payfip_payment_url (GF_PAYFIP_PAYMENT_URL_PRODUCTION, "x&y=1"));
  g_assert_null (gf_payfip_payment_url (GF_PAYFIP_PAYMENT_URL_PRODUCTION, ""));
}

/*
 * Responses
 */

static void
test_response_create (void)
{
  static const struct
  {
    const char *file;
    const char *idop;
  } cases[] = {
    { "creer-response.xml", IDOP_EOPAYMENT },
    { "creer-response-eopayment.xml", IDOP_EOPAYMENT },
    { "creer-response-annexe6.xml", "6475fa10-b338-11e2-a082-001fe256bdfe" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gsize length;
      g_autofree char *data = load_sample (cases[i].file, &length);
      g_autofree char *idop = gf_payfip_soap_parse_create_payment (data, length, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (idop, ==, cases[i].idop);
    }
}

static GfPayfipDetail *
parse_detail_sample (const char *file)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  g_autofree char *data = load_sample (file, &length);
  GfPayfipDetail *detail = gf_payfip_soap_parse_get_details (data, length, &error);

  g_assert_no_error (error);
  g_assert_nonnull (detail);
  return detail;
}

static void
test_response_details (void)
{
  g_autoptr(GfPayfipDetail) paid = parse_detail_sample ("detail-response.xml");
  g_autoptr(GfPayfipDetail) debit = parse_detail_sample ("detail-response-eopayment-v.xml");
  g_autoptr(GfPayfipDetail) refused = parse_detail_sample ("detail-response-annexe6-refused.xml");
  g_autoptr(GfPayfipDetail) copy = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) when_utc = NULL;
  g_autoptr(GError) error = NULL;

  /* §5.3 / §10.3: paid by card. */
  g_assert_cmpstr (paid->idop, ==, IDOP_ANNEXE6);
  g_assert_cmpstr (paid->numcli, ==, "006270");
  g_assert_cmpstr (paid->exer, ==, "2015");
  g_assert_cmpstr (paid->refdet, ==, "123456789");
  g_assert_cmpstr (paid->objet, ==, "test");
  g_assert_cmpint (paid->montant, ==, 1500);
  g_assert_cmpstr (paid->mel, ==, "gerard.riviere@dgfip.finances.gouv.fr");
  g_assert_cmpstr (paid->saisie, ==, "T");
  g_assert_cmpstr (paid->resultrans, ==, "P");
  g_assert_cmpstr (paid->numauto, ==, "A55A");
  g_assert_cmpstr (paid->dattrans, ==, "19112015");
  g_assert_cmpstr (paid->heurtrans, ==, "1735");
  g_assert_cmpint (paid->result, ==, GF_PAYFIP_RESULT_PAID);
  g_assert_false (gf_payfip_detail_is_direct_debit (paid));

  /* 19/11/2015 17:35 in Paris is 16:35 UTC (winter time). */
  when = gf_payfip_detail_get_date_time (paid);
  g_assert_nonnull (when);
  when_utc = g_date_time_to_utc (when);
  g_assert_cmpint (g_date_time_get_year (when_utc), ==, 2015);
  g_assert_cmpint (g_date_time_get_month (when_utc), ==, 11);
  g_assert_cmpint (g_date_time_get_day_of_month (when_utc), ==, 19);
  g_assert_cmpint (g_date_time_get_hour (when_utc), ==, 16);
  g_assert_cmpint (g_date_time_get_minute (when_utc), ==, 35);

  /* §10.2: paid by direct debit; exer does not echo the request. */
  g_assert_cmpstr (debit->idop, ==, IDOP_EOPAYMENT);
  g_assert_cmpstr (debit->exer, ==, "20");
  g_assert_cmpstr (debit->refdet, ==, "EFEFAEFG");
  g_assert_cmpint (debit->montant, ==, 1000);
  g_assert_cmpstr (debit->numauto, ==, "112233445566-tip");
  g_assert_cmpint (debit->result, ==, GF_PAYFIP_RESULT_PAID);
  g_assert_true (gf_payfip_detail_is_direct_debit (debit));
  g_assert_true (gf_payfip_detail_check (debit, IDOP_EOPAYMENT, "090909", "EFEFAEFG", 1000, "T",
                                         &error));
  g_assert_no_error (error);

  /* What payfip.md §6 step 4 refuses. */
  g_assert_false (gf_payfip_detail_check (debit, IDOP_EOPAYMENT, "090909", "EFEFAEFG", 1001, "T",
                                          &error));
  g_assert_error (error, GF_PAYFIP_ERROR, GF_PAYFIP_ERROR_INVALID_RESPONSE);
  g_assert_cmpstr (gf_payfip_error_get_field (error), ==, "montant");
  g_clear_error (&error);
  g_assert_false (gf_payfip_detail_check (debit, IDOP_EOPAYMENT, "090909", "EFEFAEFG", 1000, "W",
                                          &error));
  g_assert_cmpstr (gf_payfip_error_get_field (error), ==, "saisie");
  g_clear_error (&error);
  g_assert_false (gf_payfip_detail_check (debit, IDOP_EOPAYMENT, "012345", "EFEFAEFG", 1000, "T",
                                          &error));
  g_assert_cmpstr (gf_payfip_error_get_field (error), ==, "numcli");
  g_clear_error (&error);
  g_assert_false (gf_payfip_detail_check (debit, IDOP_EOPAYMENT, "090909", "ABCDEFGH", 1000, "T",
                                          &error));
  g_assert_cmpstr (gf_payfip_error_get_field (error), ==, "refdet");
  g_clear_error (&error);

  /* §10.3: refused, no authorisation number. */
  g_assert_cmpstr (refused->idop, ==, "d2fa2170-b336-11e2-9476-001fe256bdfe");
  g_assert_cmpstr (refused->resultrans, ==, "R");
  g_assert_null (refused->numauto);
  g_assert_cmpint (refused->result, ==, GF_PAYFIP_RESULT_REFUSED);

  copy = gf_payfip_detail_copy (paid);
  g_assert_cmpstr (copy->numauto, ==, "A55A");
  g_assert_cmpint (copy->montant, ==, 1500);
  g_assert_cmpint (copy->result, ==, GF_PAYFIP_RESULT_PAID);
  g_assert_true (G_TYPE_IS_BOXED (GF_TYPE_PAYFIP_DETAIL));
}

static void
test_result_codes (void)
{
  static const struct
  {
    const char     *resultrans;
    GfPayfipResult  result;
    const char     *state;
  } cases[] = {
    { "P", GF_PAYFIP_RESULT_PAID, "paid" },
    { "V", GF_PAYFIP_RESULT_PAID, "paid" },
    { "R", GF_PAYFIP_RESULT_REFUSED, "refused" },
    { "Z", GF_PAYFIP_RESULT_REFUSED, "refused" },
    { "A", GF_PAYFIP_RESULT_ABANDONED, "abandoned" },
    { "X", GF_PAYFIP_RESULT_ERROR, "error" },
    { "p", GF_PAYFIP_RESULT_ERROR, "error" },
    { "", GF_PAYFIP_RESULT_ERROR, "error" },
    { NULL, GF_PAYFIP_RESULT_ERROR, "error" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GfPayfipResult result = gf_payfip_result_from_resultrans (cases[i].resultrans);

      g_assert_cmpint (result, ==, cases[i].result);
      g_assert_cmpstr (gf_payfip_result_to_string (result), ==, cases[i].state);
    }
}

typedef struct
{
  const char    *file;
  GfPayfipError  code;
  const char    *fault_code;
  const char    *fault;
  const char    *label;
  gboolean       retryable;
} FaultCase;

static const FaultCase fault_cases[] = {
  { "fault-p5.xml", GF_PAYFIP_ERROR_PENDING, "P5", "FonctionnelleErreur",
    "Résultat de la transaction non connu.", FALSE },
  { "fault-p1.xml", GF_PAYFIP_ERROR_EXPIRED, "P1", "FonctionnelleErreur", "IdOp incorrect",
    FALSE },
  { "fault-r3.xml", GF_PAYFIP_ERROR_FUNCTIONAL, "R3", "FonctionnelleErreur",
    "Le format du paramètre REFDET n'est pas conforme", FALSE },
  { "fault-a2.xml", GF_PAYFIP_ERROR_FUNCTIONAL, "A2", "FonctionnelleErreur",
    "Adresse mél incorrecte", FALSE },
  { "fault-tech-999.xml", GF_PAYFIP_ERROR_TECHNICAL, "999", "TechDysfonctionnementErreur",
    "Erreur technique", TRUE },
};

static void
assert_fault (const GError    *error,
              const FaultCase *expected)
{
  g_assert_error (error, GF_PAYFIP_ERROR, (int) expected->code);
  g_assert_cmpstr (gf_payfip_error_get_code (error), ==, expected->fault_code);
  g_assert_cmpstr (gf_payfip_error_get_fault (error), ==, expected->fault);
  g_assert_cmpstr (gf_payfip_error_get_label (error), ==, expected->label);
  g_assert_cmpint (gf_payfip_error_get_severity (error), ==, 2);
  g_assert_cmpint (gf_payfip_error_is_retryable (error), ==, expected->retryable);
  /* The message a log shows carries the code and PayFiP's text. */
  g_assert_nonnull (strstr (error->message, expected->fault_code));
  g_assert_nonnull (strstr (error->message, expected->label));
}

static void
test_response_faults (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (fault_cases); i++)
    {
      gsize length;
      g_autofree char *data = load_sample (fault_cases[i].file, &length);
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) copy = NULL;
      g_autoptr(GfPayfipDetail) detail = NULL;
      g_autoptr(GfPayfipCustomer) customer = NULL;
      g_autofree char *idop = NULL;

      g_test_message ("%s", fault_cases[i].file);

      /* A fault answers any operation. */
      detail = gf_payfip_soap_parse_get_details (data, length, &error);
      g_assert_null (detail);
      assert_fault (error, &fault_cases[i]);
      copy = g_error_copy (error);
      assert_fault (copy, &fault_cases[i]);
      g_clear_error (&error);

      idop = gf_payfip_soap_parse_create_payment (data, length, &error);
      g_assert_null (idop);
      assert_fault (error, &fault_cases[i]);
      g_clear_error (&error);

      customer = gf_payfip_soap_parse_check_customer (data, length, &error);
      g_assert_null (customer);
      assert_fault (error, &fault_cases[i]);
    }
}

static void
test_response_fault_shapes (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *idop = NULL;
  /* JAX-WS's own fault for a request it could not read: no PayFiP detail. */
  static const char bare[] =
    "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
    "<soap:Fault><faultcode>soap:Client</faultcode><faultstring>Unmarshalling Error</faultstring>"
    "</soap:Fault></soap:Body></soap:Envelope>";
  static const char functional_no_detail[] =
    "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body><S:Fault>"
    "<faultcode>S:Server</faultcode>"
    "<faultstring>fr.gouv.finances.cp.tpa.webservice.exceptions.FonctionnelleErreur</faultstring>"
    "</S:Fault></S:Body></S:Envelope>";
  static const char no_severity[] =
    "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body><S:Fault>"
    "<faultcode>S:Server</faultcode><faultstring>x</faultstring><detail>"
    "<TechIndisponibiliteErreur><code>T9</code><libelle>Service\xc2\x85 indisponible</libelle>"
    "<severite>grave</severite></TechIndisponibiliteErreur></detail></S:Fault></S:Body>"
    "</S:Envelope>";
  static const char two_codes[] =
    "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body><S:Fault>"
    "<faultcode>S:Server</faultcode><faultstring>x</faultstring><detail>"
    "<FonctionnelleErreur><code>P5</code><code>P1</code><severite>2</severite>"
    "</FonctionnelleErreur></detail></S:Fault></S:Body></S:Envelope>";

  idop = gf_payfip_soap_parse_create_payment (bare, sizeof bare - 1, &error);
  g_assert_error (error, GF_PAYFIP_ERROR, GF_PAYFIP_ERROR_TECHNICAL);
  g_assert_null (gf_payfip_error_get_code (error));
  g_assert_cmpstr (gf_payfip_error_get_label (error), ==, "Unmarshalling Error");
  g_clear_error (&error);

  idop = gf_payfip_soap_parse_create_payment (functional_no_detail,
                                              sizeof functional_no_detail - 1, &error);
  g_assert_error (error, GF_PAYFIP_ERROR, GF_PAYFIP_ERROR_FUNCTIONAL);
  g_assert_false (gf_payfip_error_is_retryable (error));
  g_clear_error (&error);

  /* A control character in the label never reaches a log line. */
  idop = gf_payfip_soap_parse_create_payment (no_severity, sizeof no_severity - 1, &error);
  g_assert_error (error, GF_PAYFIP_ERROR, GF_PAYFIP_ERROR_TECHNICAL);
  g_assert_cmpstr (gf_payfip_error_get_code (error), ==, "T9");
  g_assert_cmpstr (gf_payfip_error_get_fault (error), ==, "TechIndisponibiliteErreur");
  g_assert_cmpstr (gf_payfip_error_get_label (error), ==, "Service  indisponible");
  g_assert_cmpint (gf_payfip_error_get_severity (error), ==, -1);
  g_assert_true (gf_payfip_error_is_retryable (error));
  g_clear_error (&error);

  /* Pending or expired? Neither can be believed. */
  idop = gf_payfip_soap_parse_create_payment (two_codes, sizeof two_codes - 1, &error);
  g_assert_error (error, GF_PAYFIP_ERROR, GF_PAYFIP_ERROR_INVALID_RESPONSE);
  g_assert_null (idop);
}

static void
test_response_customer (void)
{
  gsize length;
  g_autofree char *data = load_sample ("client-response.xml", &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(GfPayfipCustomer) customer = gf_payfip_soap_parse_check_customer (data, length,
                                                                              &error);
  g_autoptr(GfPayfipCustomer) copy = NULL;
  g_autofree char *idop = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (customer->numcli, ==, "090909");
  g_assert_cmpstr (customer->libelle_n1, ==, "MAIRIE DE TEST");
  g_assert_cmpstr (customer->libelle_n2, ==, "POUETPOUET");
  g_assert_null (customer->libelle_n3);
  copy = gf_payfip_customer_copy (customer);
  g_assert_cmpstr (copy->libelle_n2, ==, "POUETPOUET");

  /* The answer to one operation is not taken for another's. */
  idop = gf_payfip_soap_parse_create_payment (data, length, &error);
  g_assert_null (idop);
  g_assert_error (error, GF_PAYFIP_ERROR, GF_PAYFIP_ERROR_INVALID_RESPONSE);
}

/*
 * Hostile or broken responses
 */

#define ENVELOPE_HEAD \
  "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body>" \
  "<ns2:recupererDetailPaiementSecuriseResponse xmlns:ns2=\"" GF_PAYFIP_SOAP_NAMESPACE "\">"
#define ENVELOPE_TAIL "</ns2:recupererDetailPaiementSecuriseResponse></S:Body></S:Envelope>"

/* The fields of §10.3's paid example, with one replaced (or left out when @value is ""). */
static char *
detail_with (const char *field,
             const char *value)
{
  static const char * const names[] = {
    "dattrans", "exer", "heurtrans", "idOp", "mel", "montant", "numauto", "numcli", "objet",
    "refdet", "resultrans", "saisie",
  };
  static const char * const values[] = {
    "19112015", "2015", "1735", IDOP_ANNEXE6, "gerard.riviere@dgfip.finances.gouv.fr", "1500",
    "A55A", "006270", "test", "123456789", "P", "T",
  };
  GString *doc = g_string_new (ENVELOPE_HEAD "<return>");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *v = g_strcmp0 (field, names[i]) == 0 ? value : values[i];

      if (*v == '\0')
        continue;
      if (g_str_has_prefix (v, "<"))
        g_string_append_printf (doc, "<%s>%s</%s>", names[i], v, names[i]);
      else
        {
          g_autofree char *escaped = g_markup_escape_text (v, -1);

          g_string_append_printf (doc, "<%s>%s</%s>", names[i], escaped, names[i]);
        }
    }
  g_string_append (doc, "</return>" ENVELOPE_TAIL);
  return g_string_free (doc, FALSE);
}

typedef struct
{
  const char *field;
  const char *value;
} BrokenField;

static const BrokenField broken_fields[] = {
  /* Missing. */
  { "idOp", "" }, { "montant", "" }, { "resultrans", "" }, { "refdet", "" }, { "numcli", "" },
  { "saisie", "" },
  /* Wrong types or shapes. */
  { "montant", "15.00" }, { "montant", "abc" }, { "montant", "-1500" }, { "montant", "1 500" },
  { "montant", "123456789012" }, { "montant", "<b>1500</b>" }, { "montant", "0x5DC" },
  { "idOp", "81bdf4c0" }, { "idOp", "81bdf4c0-8edb-11e5-99d5-00000a634c4z" },
  { "resultrans", "PP" }, { "resultrans", "1" }, { "numcli", "6270" }, { "numcli", "00627O" },
  { "saisie", "A" }, { "saisie", "WW" }, { "dattrans", "32112015" }, { "dattrans", "1911201" },
  { "dattrans", "2015-11-19" }, { "heurtrans", "2460" }, { "heurtrans", "17h35" },
  { "numauto", "12345678901234567" }, { "refdet", "123-456-789" },
  { "refdet", "1234567890123456789012345678901" }, { "exer", "20155" },
  { "mel", "a\xc2\x85@b.fr" },
};

static void
assert_invalid_response (const char *data,
                         gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfPayfipDetail) detail = gf_payfip_soap_parse_get_details (data, length, &error);
  g_autofree char *idop = NULL;

  g_assert_null (detail);
  g_assert_error (error, GF_PAYFIP_ERROR, GF_PAYFIP_ERROR_INVALID_RESPONSE);
  g_assert_false (gf_payfip_error_is_retryable (error));
  g_clear_error (&error);

  idop = gf_payfip_soap_parse_create_payment (data, length, &error);
  g_assert_null (idop);
  g_assert_error (error, GF_PAYFIP_ERROR, GF_PAYFIP_ERROR_INVALID_RESPONSE);
}

static void
test_response_broken_fields (void)
{
  /* The unchanged document is fine, so each failure below is the field's. */
  {
    g_autofree char *good = detail_with (NULL, NULL);
    g_autoptr(GfPayfipDetail) detail = gf_payfip_soap_parse_get_details (good, strlen (good),
                                                                         NULL);
    g_assert_nonnull (detail);
  }

  for (guint i = 0; i < G_N_ELEMENTS (broken_fields); i++)
    {
      g_autofree char *doc = detail_with (broken_fields[i].field, broken_fields[i].value);
      g_autoptr(GError) error = NULL;
      g_autoptr(GfPayfipDetail) detail = NULL;

      g_test_message ("%s = '%s'", broken_fields[i].field, broken_fields[i].value);
      detail = gf_payfip_soap_parse_get_details (doc, strlen (doc), &error);
      g_assert_null (detail);
      g_assert_error (error, GF_PAYFIP_ERROR, GF_PAYFIP_ERROR_INVALID_RESPONSE);
      g_assert_cmpstr (gf_payfip_error_get_field (error), ==, broken_fields[i].field);
    }

  /* Optional fields may be empty; unknown ones are skipped. */
  {
    g_autofree char *doc = detail_with ("numauto", "<!-- none -->");
    g_autoptr(GfPayfipDetail) detail = gf_payfip_soap_parse_get_details (doc, strlen (doc), NULL);

    g_assert_nonnull (detail);
    g_assert_null (detail->numauto);
  }
}

static const char * const hostile_documents[] = {
  /* Billion laughs. */
  "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
  " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
  " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
  " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
  " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
  " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
  " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
  " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
  " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
  " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
  "]>\n" ENVELOPE_HEAD "<return><idOp>&lol9;</idOp></return>" ENVELOPE_TAIL,
  /* External entity. */
  "<?xml version=\"1.0\"?>\n<!DOCTYPE r [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\"> ]>\n"
  ENVELOPE_HEAD "<return><objet>&xxe;</objet></return>" ENVELOPE_TAIL,
  /* External DTD and parameter entity over the network. */
  "<!DOCTYPE r SYSTEM \"http://127.0.0.1:9/evil.dtd\">" ENVELOPE_HEAD "<return/>" ENVELOPE_TAIL,
  "<!DOCTYPE r [ <!ENTITY % p SYSTEM \"http://127.0.0.1:9/p.dtd\"> %p; ]>"
  ENVELOPE_HEAD "<return/>" ENVELOPE_TAIL,
  /* An entity that was never declared. */
  ENVELOPE_HEAD "<return><idOp>&xxe;</idOp></return>" ENVELOPE_TAIL,
  /* Not XML, or not SOAP. */
  "",
  "Internal Server Error",
  "<html><body><h1>502 Bad Gateway</h1></body></html>",
  "<Envelope/>",
  "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body/></S:Envelope>",
  /* Truncated. */
  ENVELOPE_HEAD "<return><idOp>" IDOP_ANNEXE6 "</idOp><montant>15",
  /* Two answers, two returns, two bodies. */
  "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body>"
  "<a:recupererDetailPaiementSecuriseResponse xmlns:a=\"x\"><return/>"
  "</a:recupererDetailPaiementSecuriseResponse>"
  "<a:recupererDetailPaiementSecuriseResponse xmlns:a=\"x\"><return/>"
  "</a:recupererDetailPaiementSecuriseResponse>"
  "</S:Body></S:Envelope>",
  ENVELOPE_HEAD "<return><idOp>" IDOP_ANNEXE6 "</idOp></return><return/>" ENVELOPE_TAIL,
  "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\">"
  "<S:Body/><S:Body/></S:Envelope>",
  /* An undeclared prefix. */
  "<S:Envelope><S:Body/></S:Envelope>",
};

static void
test_response_hostile (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (hostile_documents); i++)
    {
      gint64 start = g_get_monotonic_time ();

      g_test_message ("hostile document %u", i);
      assert_invalid_response (hostile_documents[i], strlen (hostile_documents[i]));
      /* Refused, not expanded. */
      g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
    }
}

static void
test_response_encoding (void)
{
  gsize length;
  g_autofree char *sample = load_sample ("detail-response.xml", &length);
  g_autofree char *latin1 = NULL;
  g_autofree char *declared = NULL;
  g_autofree char *utf16 = NULL;
  gsize utf16_length;
  const char *with_nul = ENVELOPE_HEAD "<return><idOp>a\0b</idOp></return>" ENVELOPE_TAIL;

  /* A Latin-1 "é" where UTF-8 is due, with or without an encoding declaration. */
  latin1 = detail_with ("objet", "x");
  latin1[strstr (latin1, "<objet>x") - latin1 + 7] = '\xe9';
  assert_invalid_response (latin1, strlen (latin1));

  declared = g_strconcat ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>", latin1, NULL);
  assert_invalid_response (declared, strlen (declared));

  /* UTF-16, even well-formed. */
  utf16 = g_convert (sample, (gssize) length, "UTF-16", "UTF-8", NULL, &utf16_length, NULL);
  g_assert_nonnull (utf16);
  assert_invalid_response (utf16, utf16_length);

  /* A NUL byte inside. */
  assert_invalid_response (with_nul, sizeof ENVELOPE_HEAD + 20);
}

static void
test_response_size (void)
{
  g_autofree char *doc = detail_with (NULL, NULL);
  g_autoptr(GString) big = g_string_new (ENVELOPE_HEAD "<return><objet>");
  g_autoptr(GString) padded = g_string_new (NULL);
  gint64 start;

  /* 5 MiB of text in a field. */
  while (big->len < FIVE_MIB)
    g_string_append (big, "lorem ipsum dolor sit amet ");
  g_string_append (big, "</objet></return>" ENVELOPE_TAIL);
  start = g_get_monotonic_time ();
  assert_invalid_response (big->str, big->len);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);

  /* Just over the limit with a valid answer inside; just under is read. */
  g_string_append (padded, doc);
  g_string_append (padded, "<!--");
  while (padded->len < GF_PAYFIP_SOAP_MAX_RESPONSE - 3)
    g_string_append_c (padded, 'x');
  g_string_append (padded, "-->");
  g_assert_cmpuint (padded->len, ==, GF_PAYFIP_SOAP_MAX_RESPONSE);
  {
    g_autoptr(GfPayfipDetail) detail = gf_payfip_soap_parse_get_details (padded->str, padded->len,
                                                                         NULL);
    g_assert_nonnull (detail);
  }
  g_string_insert_c (padded, padded->len - 3, 'x');
  assert_invalid_response (padded->str, padded->len);
}

/*
 * The client against a local server (payfip.md's samples served on 127.0.0.1)
 */

typedef struct
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  char         *base;

  GMutex        mutex;
  GCond         cond;
  gboolean      ready;
  guint         n_requests;
  char         *method;
  char         *content_type;
  char         *soap_action;
  GBytes       *body;
} TestServer;

static TestServer test_server;
static char *big_body;

static void
serve_file (SoupServerMessage *msg,
            guint              status,
            const char        *file)
{
  gsize length;
  g_autofree char *data = load_sample (file, &length);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/xml; charset=utf-8", SOUP_MEMORY_COPY, data,
                                    length);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  TestServer *ts = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

  g_mutex_lock (&ts->mutex);
  ts->n_requests++;
  g_free (ts->method);
  ts->method = g_strdup (soup_server_message_get_method (msg));
  g_free (ts->content_type);
  ts->content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
  g_free (ts->soap_action);
  ts->soap_action = g_strdup (soup_message_headers_get_one (headers, "SOAPAction"));
  g_clear_pointer (&ts->body, g_bytes_unref);
  ts->body = g_bytes_ref (bytes);
  g_mutex_unlock (&ts->mutex);

  if (g_str_equal (path, "/create"))
    serve_file (msg, SOUP_STATUS_OK, "creer-response.xml");
  else if (g_str_equal (path, "/details"))
    serve_file (msg, SOUP_STATUS_OK, "detail-response.xml");
  else if (g_str_equal (path, "/customer"))
    serve_file (msg, SOUP_STATUS_OK, "client-response.xml");
  else if (g_str_equal (path, "/fault"))
    serve_file (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "fault-p5.xml");
  else if (g_str_equal (path, "/fault-r3"))
    serve_file (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "fault-r3.xml");
  else if (g_str_equal (path, "/fault-tech"))
    serve_file (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "fault-tech-999.xml");
  else if (g_str_equal (path, "/error"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                        "<h1>Internal Server Error</h1>", 30);
    }
  else if (g_str_equal (path, "/unavailable"))
    soup_server_message_set_status (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
  else if (g_str_equal (path, "/moved"))
    soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "http://127.0.0.1:9/elsewhere");
  else if (g_str_equal (path, "/big"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/xml", SOUP_MEMORY_STATIC, big_body, FIVE_MIB);
    }
  else if (g_str_equal (path, "/hang"))
    /* Never answered: the client must give up by itself. */
    soup_server_message_pause (msg);
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static gpointer
server_thread (gpointer data)
{
  TestServer *ts = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (ts->context);

  ts->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (ts->server, NULL, server_cb, ts, NULL);
  soup_server_listen_local (ts->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (ts->server);
  g_assert_nonnull (uris);

  g_mutex_lock (&ts->mutex);
  ts->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  ts->ready = TRUE;
  g_cond_signal (&ts->cond);
  g_mutex_unlock (&ts->mutex);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (ts->loop);

  soup_server_disconnect (ts->server);
  g_clear_object (&ts->server);
  g_main_context_pop_thread_default (ts->context);
  return NULL;
}

static void
server_start (TestServer *ts)
{
  g_mutex_init (&ts->mutex);
  g_cond_init (&ts->cond);
  ts->context = g_main_context_new ();
  ts->loop = g_main_loop_new (ts->context, FALSE);
  ts->thread = g_thread_new ("payfip-server", server_thread, ts);

  g_mutex_lock (&ts->mutex);
  while (!ts->ready)
    g_cond_wait (&ts->cond, &ts->mutex);
  g_mutex_unlock (&ts->mutex);
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
server_stop (TestServer *ts)
{
  g_main_context_invoke (ts->context, quit_cb, ts->loop);
  g_thread_join (ts->thread);
  g_main_loop_unref (ts->loop);
  g_main_context_unref (ts->context);
  g_free (ts->base);
  g_free (ts->method);
  g_free (ts->content_type);
  g_free (ts->soap_action);
  g_clear_pointer (&ts->body, g_bytes_unref);
  g_mutex_clear (&ts->mutex);
  g_cond_clear (&ts->cond);
}

static guint
server_count (void)
{
  guint n;

  g_mutex_lock (&test_server.mutex);
  n = test_server.n_requests;
  g_mutex_unlock (&test_server.mutex);
  return n;
}

static GfPayfipClient *
client_for (const char *path,
            guint       timeout)
{
  g_autofree char *endpoint = g_strconcat (test_server.base, path, NULL);

  return gf_payfip_client_new (endpoint, timeout);
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Runs the default main context, as the portal's loop would, until the call ends. */
static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
test_client_create (void)
{
  g_autoptr(GfPayfipClient) client = client_for ("/create", 0);
  g_autoptr(GfPayfipRequest) request = sample_request ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *idop = NULL;
  g_autofree char *sample = NULL;
  g_autoptr(xmlDoc) expected = NULL;
  g_autoptr(xmlDoc) sent = NULL;
  g_autofree char *url = NULL;
  gsize length;

  gf_payfip_client_create_payment_async (client, request, NULL, store_result_cb, &result);
  idop = gf_payfip_client_create_payment_finish (client, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (idop, ==, IDOP_EOPAYMENT);

  /* What went over the wire: a SOAP 1.1 POST with the §5.1 envelope. */
  g_mutex_lock (&test_server.mutex);
  g_assert_cmpstr (test_server.method, ==, "POST");
  g_assert_cmpstr (test_server.content_type, ==, "text/xml; charset=UTF-8");
  g_assert_cmpstr (test_server.soap_action, ==, "\"\"");
  sent = parse_bytes (test_server.body);
  g_mutex_unlock (&test_server.mutex);
  sample = load_sample ("creer-request.xml", &length);
  expected = parse_xml (sample, length);
  assert_same_tree (xmlDocGetRootElement (expected), xmlDocGetRootElement (sent), TRUE);

  url = gf_payfip_payment_url (GF_PAYFIP_PAYMENT_URL_PRODUCTION, idop);
  g_assert_cmpstr (url, ==, "https://www.payfip.gouv.fr/tpa/paiementws.web?idop=" IDOP_EOPAYMENT);

  g_clear_object (&result);
  g_assert_finalize_object (g_steal_pointer (&client));
}

static void
test_client_details (void)
{
  g_autoptr(GfPayfipClient) client = client_for ("/details", 0);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfPayfipDetail) detail = NULL;

  gf_payfip_client_get_details_async (client, IDOP_ANNEXE6, NULL, store_result_cb, &result);
  detail = gf_payfip_client_get_details_finish (client, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (detail->idop, ==, IDOP_ANNEXE6);
  g_assert_cmpint (detail->montant, ==, 1500);
  g_assert_cmpint (detail->result, ==, GF_PAYFIP_RESULT_PAID);
  g_assert_cmpstr (detail->numauto, ==, "A55A");
  g_clear_object (&result);

  /* An answer about another operation than the one asked about. */
  gf_payfip_client_get_details_async (client, IDOP_EOPAYMENT, NULL, store_result_cb, &result);
  g_assert_null (gf_payfip_client_get_details_finish (client, wait_for (&result), &error));
  g_assert_error (error, GF_PAYFIP_ERROR, GF_PAYFIP_ERROR_INVALID_RESPONSE);
  g_assert_cmpstr (gf_payfip_error_get_field (error), ==, "idOp");

  g_clear_object (&result);
  g_assert_finalize_object (g_steal_pointer (&client));
}

static void
test_client_customer (void)
{
  g_autoptr(GfPayfipClient) client = client_for ("/customer", 0);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfPayfipCustomer) customer = NULL;
  g_autoptr(xmlDoc) sent = NULL;

  gf_payfip_client_check_customer_async (client, "090909", NULL, store_result_cb, &result);
  customer = gf_payfip_client_check_customer_finish (client, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (customer->libelle_n2, ==, "POUETPOUET");

  g_mutex_lock (&test_server.mutex);
  sent = parse_bytes (test_server.body);
  g_mutex_unlock (&test_server.mutex);
  g_assert_cmpstr ((const char *) body_payload (sent)->name, ==, "recupererDetailClient");

  g_clear_object (&result);
  g_assert_finalize_object (g_steal_pointer (&client));
}

typedef struct
{
  const char    *path;
  GfPayfipError  code;
  const char    *fault_code;
} HttpCase;

static void
test_client_errors (void)
{
  static const HttpCase cases[] = {
    { "/fault", GF_PAYFIP_ERROR_PENDING, "P5" },
    { "/fault-r3", GF_PAYFIP_ERROR_FUNCTIONAL, "R3" },
    { "/fault-tech", GF_PAYFIP_ERROR_TECHNICAL, "999" },
    { "/error", GF_PAYFIP_ERROR_UNAVAILABLE, NULL },
    { "/unavailable", GF_PAYFIP_ERROR_UNAVAILABLE, NULL },
    { "/nowhere", GF_PAYFIP_ERROR_INVALID_RESPONSE, NULL },
    { "/moved", GF_PAYFIP_ERROR_INVALID_RESPONSE, NULL },
    { "/big", GF_PAYFIP_ERROR_INVALID_RESPONSE, NULL },
    { "/customer", GF_PAYFIP_ERROR_INVALID_RESPONSE, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GfPayfipClient) client = client_for (cases[i].path, 0);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GfPayfipDetail) detail = NULL;

      g_test_message ("%s", cases[i].path);
      gf_payfip_client_get_details_async (client, IDOP_ANNEXE6, NULL, store_result_cb, &result);
      detail = gf_payfip_client_get_details_finish (client, wait_for (&result), &error);
      g_assert_null (detail);
      g_assert_error (error, GF_PAYFIP_ERROR, (int) cases[i].code);
      g_assert_cmpstr (gf_payfip_error_get_code (error), ==, cases[i].fault_code);

      g_clear_object (&result);
      g_assert_finalize_object (g_steal_pointer (&client));
    }
}

static gboolean
tick_cb (gpointer data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

static void
test_client_timeout (void)
{
  g_autoptr(GfPayfipClient) client = client_for ("/hang", 1);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfPayfipDetail) detail = NULL;
  guint ticks = 0;
  guint tick_id = g_timeout_add (50, tick_cb, &ticks);
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  g_assert_cmpuint (gf_payfip_client_get_timeout (client), ==, 1);
  gf_payfip_client_get_details_async (client, IDOP_ANNEXE6, NULL, store_result_cb, &result);
  detail = gf_payfip_client_get_details_finish (client, wait_for (&result), &error);
  elapsed = g_get_monotonic_time () - start;
  g_source_remove (tick_id);

  g_assert_null (detail);
  g_assert_error (error, GF_PAYFIP_ERROR, GF_PAYFIP_ERROR_TIMEOUT);
  g_assert_true (gf_payfip_error_is_retryable (error));
  g_assert_cmpint (elapsed, >=, G_USEC_PER_SEC * 9 / 10);
  g_assert_cmpint (elapsed, <, G_USEC_PER_SEC * 3);
  /* The main loop kept turning while the call waited. */
  g_assert_cmpuint (ticks, >=, 10);

  g_clear_object (&result);
  g_assert_finalize_object (g_steal_pointer (&client));
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_client_cancel (void)
{
  g_autoptr(GfPayfipClient) client = client_for ("/hang", 20);
  g_autoptr(GfPayfipRequest) request = sample_request ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *idop = NULL;
  gint64 start = g_get_monotonic_time ();
  guint before;

  g_timeout_add (100, cancel_cb, cancellable);
  gf_payfip_client_create_payment_async (client, request, cancellable, store_result_cb, &result);
  idop = gf_payfip_client_create_payment_finish (client, wait_for (&result), &error);
  g_assert_null (idop);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC * 2);
  g_clear_object (&result);
  g_clear_error (&error);

  /* Cancelled before it starts: nothing is sent. */
  before = server_count ();
  g_cancellable_cancel (cancelled);
  gf_payfip_client_create_payment_async (client, request, cancelled, store_result_cb, &result);
  idop = gf_payfip_client_create_payment_finish (client, wait_for (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (server_count (), ==, before);

  g_clear_object (&result);
  g_assert_finalize_object (g_steal_pointer (&client));
}

static void
test_client_invalid_input (void)
{
  g_autoptr(GfPayfipClient) client = client_for ("/create", 0);
  g_autoptr(GfPayfipClient) unconfigured = gf_payfip_client_new ("", 0);
  g_autoptr(GfPayfipRequest) good = sample_request ();
  guint before = server_count ();

  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_autoptr(GfPayfipRequest) request = sample_request ();
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *idop = NULL;

      set_field (request, bad_inputs[i].field, bad_inputs[i].value);
      gf_payfip_client_create_payment_async (client, request, NULL, store_result_cb, &result);
      idop = gf_payfip_client_create_payment_finish (client, wait_for (&result), &error);
      g_assert_null (idop);
      g_assert_error (error, GF_PAYFIP_ERROR, GF_PAYFIP_ERROR_INVALID_INPUT);
      g_assert_cmpstr (gf_payfip_error_get_field (error), ==, bad_inputs[i].refused);
    }

  /* The client's own maximum. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *idop = NULL;

    gf_payfip_client_set_max_amount (client, 500);
    gf_payfip_client_create_payment_async (client, good, NULL, store_result_cb, &result);
    idop = gf_payfip_client_create_payment_finish (client, wait_for (&result), &error);
    g_assert_error (error, GF_PAYFIP_ERROR, GF_PAYFIP_ERROR_INVALID_INPUT);
    g_assert_cmpstr (gf_payfip_error_get_field (error), ==, "montant");
  }

  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GfPayfipDetail) detail = NULL;

    gf_payfip_client_get_details_async (client, "../../etc/passwd", NULL, store_result_cb,
                                        &result);
    detail = gf_payfip_client_get_details_finish (client, wait_for (&result), &error);
    g_assert_error (error, GF_PAYFIP_ERROR, GF_PAYFIP_ERROR_INVALID_INPUT);
  }

  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GfPayfipCustomer) customer = NULL;

    gf_payfip_client_check_customer_async (client, "12345", NULL, store_result_cb, &result);
    customer = gf_payfip_client_check_customer_finish (client, wait_for (&result), &error);
    g_assert_error (error, GF_PAYFIP_ERROR, GF_PAYFIP_ERROR_INVALID_INPUT);
  }

  /* No endpoint in the settings yet. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *idop = NULL;

    gf_payfip_client_create_payment_async (unconfigured, good, NULL, store_result_cb, &result);
    idop = gf_payfip_client_create_payment_finish (unconfigured, wait_for (&result), &error);
    g_assert_error (error, GF_PAYFIP_ERROR, GF_PAYFIP_ERROR_INVALID_INPUT);
    g_assert_cmpstr (gf_payfip_error_get_field (error), ==, "endpoint");
  }

  g_assert_cmpuint (server_count (), ==, before);
  g_assert_finalize_object (g_steal_pointer (&client));
  g_assert_finalize_object (g_steal_pointer (&unconfigured));
}

static void
test_client_unreachable (void)
{
  g_autoptr(GSocket) sock = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GfPayfipClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfPayfipDetail) detail = NULL;
  g_autofree char *endpoint = NULL;

  /* A port that was free a moment ago, and closed now. */
  sock = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (sock, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (sock, &error);
  endpoint = g_strdup_printf ("http://127.0.0.1:%u/tpa/services/securite",
                              g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (sock, NULL);

  client = gf_payfip_client_new (endpoint, 5);
  gf_payfip_client_get_details_async (client, IDOP_ANNEXE6, NULL, store_result_cb, &result);
  detail = gf_payfip_client_get_details_finish (client, wait_for (&result), &error);
  g_assert_error (error, GF_PAYFIP_ERROR, GF_PAYFIP_ERROR_UNAVAILABLE);
  g_assert_true (gf_payfip_error_is_retryable (error));

  g_clear_object (&result);
  g_assert_finalize_object (g_steal_pointer (&client));
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    data)
{
  (*(guint *) data)++;
}

static void
test_client_properties (void)
{
  g_autoptr(GfPayfipClient) client = gf_payfip_client_new (GF_PAYFIP_ENDPOINT_PRODUCTION, 0);
  g_autofree char *endpoint = NULL;
  guint notified = 0;
  guint timeout = 0;

  g_assert_cmpstr (gf_payfip_client_get_endpoint (client), ==, GF_PAYFIP_ENDPOINT_PRODUCTION);
  g_assert_cmpuint (gf_payfip_client_get_timeout (client), ==, GF_PAYFIP_CLIENT_DEFAULT_TIMEOUT);
  g_assert_cmpint (gf_payfip_client_get_max_amount (client), ==, GF_PAYFIP_AMOUNT_MAX_DEFAULT);

  g_signal_connect (client, "notify", G_CALLBACK (count_notify_cb), &notified);
  gf_payfip_client_set_timeout (client, 15);
  gf_payfip_client_set_timeout (client, 15);
  gf_payfip_client_set_max_amount (client, 10000000);
  gf_payfip_client_set_max_amount (client, 10000000);
  g_assert_cmpuint (notified, ==, 2);

  g_object_get (client, "endpoint", &endpoint, "timeout", &timeout, NULL);
  g_assert_cmpstr (endpoint, ==, GF_PAYFIP_ENDPOINT_PRODUCTION);
  g_assert_cmpuint (timeout, ==, 15);

  g_assert_finalize_object (g_steal_pointer (&client));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* The isolated XDG dirs hide the GSettings schemas that glib-networking's GNOME proxy
   * resolver needs; the server is on loopback, so no proxy is wanted anyway. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gf_test_init_env ();

  g_test_add_func ("/gf/payfip/request/create", test_request_create);
  g_test_add_func ("/gf/payfip/request/details", test_request_details);
  g_test_add_func ("/gf/payfip/request/customer", test_request_customer);
  g_test_add_func ("/gf/payfip/request/escaping", test_request_escaping);
  g_test_add_func ("/gf/payfip/request/objet", test_request_objet);
  g_test_add_func ("/gf/payfip/request/invalid", test_request_invalid);
  g_test_add_func ("/gf/payfip/request/limits", test_request_limits);
  g_test_add_func ("/gf/payfip/request/ids", test_request_ids);
  g_test_add_func ("/gf/payfip/payment-url", test_payment_url);
  g_test_add_func ("/gf/payfip/response/create", test_response_create);
  g_test_add_func ("/gf/payfip/response/details", test_response_details);
  g_test_add_func ("/gf/payfip/response/result-codes", test_result_codes);
  g_test_add_func ("/gf/payfip/response/faults", test_response_faults);
  g_test_add_func ("/gf/payfip/response/fault-shapes", test_response_fault_shapes);
  g_test_add_func ("/gf/payfip/response/customer", test_response_customer);
  g_test_add_func ("/gf/payfip/response/broken-fields", test_response_broken_fields);
  g_test_add_func ("/gf/payfip/response/hostile", test_response_hostile);
  g_test_add_func ("/gf/payfip/response/encoding", test_response_encoding);
  g_test_add_func ("/gf/payfip/response/size", test_response_size);
  g_test_add_func ("/gf/payfip/client/create", test_client_create);
  g_test_add_func ("/gf/payfip/client/details", test_client_details);
  g_test_add_func ("/gf/payfip/client/customer", test_client_customer);
  g_test_add_func ("/gf/payfip/client/errors", test_client_errors);
  g_test_add_func ("/gf/payfip/client/timeout", test_client_timeout);
  g_test_add_func ("/gf/payfip/client/cancel", test_client_cancel);
  g_test_add_func ("/gf/payfip/client/invalid-input", test_client_invalid_input);
  g_test_add_func ("/gf/payfip/client/unreachable", test_client_unreachable);
  g_test_add_func ("/gf/payfip/client/properties", test_client_properties);

  big_body = g_malloc (FIVE_MIB);
  memset (big_body, ' ', FIVE_MIB);
  server_start (&test_server);

  status = g_test_run ();

  server_stop (&test_server);
  g_free (big_body);
  return status;
}
