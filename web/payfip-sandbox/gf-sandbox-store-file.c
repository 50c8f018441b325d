/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "PayfipSandbox"

#include "config.h"

#include "gf-sandbox-store.h"

#include <string.h>

/* The state file: {"format": "guichet-payfip-sandbox", "version": 1, "operations": [...]},
 * rewritten whole (to a temporary file, then renamed) after every change. A few hundred
 * operations make a few hundred kilobytes: plenty for a demo and the tests. */

#define STATE_FORMAT "guichet-payfip-sandbox"
#define STATE_VERSION 1

static char *
dup_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static gint64
int_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return json_node_get_int (node);
}

static GfSandboxOperation *
operation_from_json (JsonObject  *object,
                     GError     **error)
{
  g_autoptr(GfSandboxOperation) operation = g_new0 (GfSandboxOperation, 1);
  g_autofree char *resultrans = NULL;

  operation->idop = dup_member (object, "idop");
  operation->numcli = dup_member (object, "numcli");
  operation->exer = dup_member (object, "exer");
  operation->refdet = dup_member (object, "refdet");
  operation->objet = dup_member (object, "objet");
  operation->montant = int_member (object, "montant");
  operation->mel = dup_member (object, "mel");
  operation->saisie = dup_member (object, "saisie");
  operation->urlnotif = dup_member (object, "urlnotif");
  operation->urlredirect = dup_member (object, "urlredirect");
  operation->numauto = dup_member (object, "numauto");
  operation->dattrans = dup_member (object, "dattrans");
  operation->heurtrans = dup_member (object, "heurtrans");
  operation->means = dup_member (object, "means");
  operation->notifications = (guint)CLAMP (int_member (object, "notifications"), 0, G_MAXINT);
  operation->notification_status = (int)CLAMP (int_member (object, "notification_status"), 0, 999);
  operation->detail_requests = (guint)CLAMP (int_member (object, "detail_requests"), 0, G_MAXINT);
  operation->created = int_member (object, "created_us");
  operation->opened = int_member (object, "opened_us");
  operation->result_time = int_member (object, "result_us");
  operation->page_token = dup_member (object, "page_token");
  resultrans = dup_member (object, "resultrans");
  if (resultrans != NULL && resultrans[0] != '\0' && resultrans[1] == '\0' &&
      strchr ("PVRZA", resultrans[0]) != NULL)
    operation->resultrans = resultrans[0];

  if (operation->idop == NULL || operation->numcli == NULL || operation->refdet == NULL ||
      operation->urlnotif == NULL || operation->urlredirect == NULL || operation->created == 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "an operation lacks idop, numcli, refdet, urls or created_us");
      return NULL;
    }
  return g_steal_pointer (&operation);
}

GPtrArray *
_gf_sandbox_store_file_load (const char  *path,
                             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) operations = NULL;
  JsonObject *root;
  JsonArray *array;

  if (!json_parser_load_from_file (parser, path, error))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    goto invalid;
  root = json_node_get_object (json_parser_get_root (parser));
  if (g_strcmp0 (json_object_get_string_member_with_default (root, "format", ""),
                 STATE_FORMAT) != 0 ||
      json_object_get_int_member_with_default (root, "version", 0) != STATE_VERSION ||
      !json_object_has_member (root, "operations") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "operations")))
    goto invalid;

  array = json_object_get_array_member (root, "operations");
  operations = g_ptr_array_new_with_free_func ((GDestroyNotify)gf_sandbox_operation_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      GfSandboxOperation *operation;
      g_autoptr(GError) local_error = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        goto invalid;
      operation = operation_from_json (json_node_get_object (node), &local_error);
      if (operation == NULL)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: operation %u: %s",
                       path, i + 1, local_error->message);
          return NULL;
        }
      g_ptr_array_add (operations, operation);
    }
  return g_steal_pointer (&operations);

invalid:
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
               "%s is not a state file of guichet-payfip-sandbox", path);
  return NULL;
}

gboolean
_gf_sandbox_store_file_save (const char  *path,
                             GPtrArray   *operations,
                             GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  gsize length;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, STATE_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, STATE_VERSION);
  json_builder_set_member_name (builder, "operations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < operations->len; i++)
    gf_sandbox_operation_to_json (g_ptr_array_index (operations, i), 0, TRUE, builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &length);
  return g_file_set_contents_full (path, text, (gssize)length,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}
