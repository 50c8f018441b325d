/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "PayfipSandbox"

#include "config.h"

#include "gf-sandbox-page.h"
#include "gf-sandbox-private.h"

#include <string.h>

/* What is not PayFiP: the control endpoints tests drive the sandbox with, and a home page
 * for people trying the demo.
 *
 *   GET  /_sandbox/config       the switches, as JSON
 *   POST /_sandbox/config       form fields named like the switches (notify-delay=500...)
 *   POST /_sandbox/reset        back to the command line's switches
 *   POST /_sandbox/age          idop=…&seconds=N: the operation happened N seconds earlier
 *   GET  /_sandbox/operations   every operation as JSON; ?idop=, ?refdet=, ?numcli= filter */

#define HOME_OPERATIONS 20

static void
respond_error (SoupServerMessage *msg,
               guint              status,
               const char        *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  gf_sandbox_respond_json (msg, status, root);
}

static void
respond_config (GfSandbox         *self,
                SoupServerMessage *msg)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  gf_sandbox_options_to_json (&self->options, builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  gf_sandbox_respond_json (msg, SOUP_STATUS_OK, root);
}

/* All the fields or none: they are applied to a copy, which replaces the switches only
 * when every field was understood. */
static void
post_config (GfSandbox         *self,
             SoupServerMessage *msg)
{
  g_autoptr(GHashTable) fields = gf_sandbox_request_form (msg);
  GfSandboxOptions options;
  GHashTableIter iter;
  gpointer key, value;
  g_autoptr(GError) error = NULL;

  gf_sandbox_options_init (&options);
  gf_sandbox_options_copy (&options, &self->options);
  g_hash_table_iter_init (&iter, fields);
  while (error == NULL && g_hash_table_iter_next (&iter, &key, &value))
    gf_sandbox_options_set (&options, key, value, &error);
  if (error == NULL)
    {
      gf_sandbox_options_copy (&self->options, &options);
      g_message ("switches changed (%u fields)", g_hash_table_size (fields));
    }
  gf_sandbox_options_clear (&options);

  if (error != NULL)
    respond_error (msg, SOUP_STATUS_BAD_REQUEST, error->message);
  else
    respond_config (self, msg);
}

static void
post_age (GfSandbox         *self,
          SoupServerMessage *msg)
{
  g_autoptr(GHashTable) fields = gf_sandbox_request_form (msg);
  GfSandboxOperation *operation = gf_sandbox_store_lookup (self->store,
                                                           g_hash_table_lookup (fields, "idop"));
  const char *text = g_hash_table_lookup (fields, "seconds");
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  gint64 seconds;

  if (operation == NULL)
    {
      respond_error (msg, SOUP_STATUS_NOT_FOUND, "unknown idop");
      return;
    }
  if (text == NULL || !g_ascii_string_to_signed (text, 10, 0, 315576000, &seconds, NULL))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "seconds: a number of seconds is needed");
      return;
    }
  operation->created -= seconds * G_USEC_PER_SEC;
  if (operation->opened != 0)
    operation->opened -= seconds * G_USEC_PER_SEC;
  if (operation->result_time != 0)
    operation->result_time -= seconds * G_USEC_PER_SEC;
  gf_sandbox_store_changed (self->store);
  g_message ("operation %s aged by %" G_GINT64_FORMAT " s", operation->idop, seconds);

  gf_sandbox_operation_to_json (operation, gf_sandbox_now (self), FALSE, builder);
  root = json_builder_get_root (builder);
  gf_sandbox_respond_json (msg, SOUP_STATUS_OK, root);
}

static gboolean
matches (GHashTable               *query,
         const char               *name,
         const char               *value)
{
  const char *wanted = query != NULL ? g_hash_table_lookup (query, name) : NULL;

  return wanted == NULL || g_strcmp0 (wanted, value) == 0;
}

static void
get_operations (GfSandbox         *self,
                SoupServerMessage *msg,
                GHashTable        *query)
{
  GPtrArray *operations = gf_sandbox_store_get_all (self->store);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  gint64 now = gf_sandbox_now (self);

  json_builder_begin_array (builder);
  for (guint i = 0; i < operations->len; i++)
    {
      GfSandboxOperation *operation = g_ptr_array_index (operations, i);

      if (matches (query, "idop", operation->idop) &&
          matches (query, "refdet", operation->refdet) &&
          matches (query, "numcli", operation->numcli))
        gf_sandbox_operation_to_json (operation, now, FALSE, builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  gf_sandbox_respond_json (msg, SOUP_STATUS_OK, root);
}

static void
control_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  GfSandbox *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  gboolean get = strcmp (method, "GET") == 0;
  gboolean post = strcmp (method, "POST") == 0;

  if (strcmp (path, "/_sandbox/config") == 0 && get)
    respond_config (self, msg);
  else if (strcmp (path, "/_sandbox/config") == 0 && post)
    post_config (self, msg);
  else if (strcmp (path, "/_sandbox/reset") == 0 && post)
    {
      gf_sandbox_options_copy (&self->options, &self->initial_options);
      g_message ("switches reset");
      respond_config (self, msg);
    }
  else if (strcmp (path, "/_sandbox/age") == 0 && post)
    post_age (self, msg);
  else if (strcmp (path, "/_sandbox/operations") == 0 && get)
    get_operations (self, msg, query);
  else
    respond_error (msg, SOUP_STATUS_NOT_FOUND, "no such control endpoint (or wrong method)");
}

static void
append_operations (GfSandbox *self,
                   GString   *page)
{
  GPtrArray *operations = gf_sandbox_store_get_all (self->store);
  gint64 now = gf_sandbox_now (self);

  g_string_append (page, "<h2>Dernières opérations</h2>\n");
  if (operations->len == 0)
    {
      g_string_append (page, "<p>Aucune opération pour l'instant.</p>\n");
      return;
    }
  g_string_append (page, "<table>\n<tr><th scope=\"col\">idOp</th><th scope=\"col\">Référence"
                         "</th><th scope=\"col\">Montant</th><th scope=\"col\">État</th>"
                         "<th scope=\"col\">resultrans</th></tr>\n");
  for (guint i = operations->len; i > 0 && i + HOME_OPERATIONS > operations->len; i--)
    {
      GfSandboxOperation *operation = g_ptr_array_index (operations, i - 1);
      g_autofree char *amount = gf_sandbox_format_money (operation->montant);
      g_autofree char *row = g_markup_printf_escaped (
        "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%c</td></tr>\n",
        operation->idop, operation->refdet, amount,
        gf_sandbox_state_to_string (gf_sandbox_operation_get_state (operation, now)),
        operation->resultrans != '\0' ? operation->resultrans : '-');

      g_string_append (page, row);
    }
  g_string_append (page, "</table>\n");
}

static void
home_cb (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  GfSandbox *self = user_data;
  const GfSandboxOptionInfo *infos;
  GString *page;
  guint n;

  if (strcmp (path, "/") != 0 || strcmp (soup_server_message_get_method (msg), "GET") != 0)
    {
      gf_sandbox_respond (msg, SOUP_STATUS_NOT_FOUND, "text/html; charset=utf-8",
                          gf_sandbox_html_message ("Page introuvable", "Cette page n'existe pas."));
      return;
    }

  page = gf_sandbox_html_begin ("Bac à sable PayFiP");
  g_string_append (page,
                   "<h1>Bac à sable PayFiP</h1>\n"
                   "<p>Ce serveur parle le protocole de PayFiP Régie Web-Service pour la "
                   "démonstration et les tests de Guichet Familles.</p>\n"
                   "<h2>Adresses</h2>\n<ul>\n"
                   "<li>Service SOAP : <code>/tpa/services/securite</code> "
                   "(<a href=\"/tpa/services/securite?wsdl\">WSDL</a>)</li>\n"
                   "<li>Page de paiement : <code>" GF_SANDBOX_PAGE_PATH "?idop=…</code></li>\n"
                   "<li>Opérations (JSON) : <a href=\"/_sandbox/operations\">"
                   "<code>/_sandbox/operations</code></a></li>\n"
                   "<li>Réglages (JSON) : <a href=\"/_sandbox/config\"><code>/_sandbox/config"
                   "</code></a>, modifiables par POST</li>\n</ul>\n"
                   "<h2>Réglages</h2>\n<table>\n<tr><th scope=\"col\">Champ</th>"
                   "<th scope=\"col\">Effet</th></tr>\n");
  infos = gf_sandbox_options_list (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *row = g_markup_printf_escaped ("<tr><td><code>%s</code></td><td>%s</td>"
                                                      "</tr>\n", infos[i].key, infos[i].help);

      g_string_append (page, row);
    }
  g_string_append (page, "</table>\n");
  gf_sandbox_html_test_means (page, TRUE, TRUE);
  append_operations (self, page);
  gf_sandbox_respond (msg, SOUP_STATUS_OK, "text/html; charset=utf-8",
                      gf_sandbox_html_end (page));
}

void
_gf_sandbox_control_register (GfSandbox *self)
{
  soup_server_add_handler (self->server, "/_sandbox", control_cb, self, NULL);
  soup_server_add_handler (self->server, NULL, home_cb, self, NULL);
}
