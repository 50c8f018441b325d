/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-template.h"

/* The portal's own small template language (no C template engine is packaged in Debian).
 * A subset of Mustache whose output is always HTML-escaped: there is no way to write a
 * value unescaped, so no handler can forget to escape.
 *
 *   {{name}} {{a.b}} {{a.0}} the value, escaped; {{.}} is the current item
 *   {{#name}}…{{/name}}     for each item of an array, inside an object, or once if true
 *   {{^name}}…{{/name}}     when missing, false, "", 0 or an empty array
 *   {{> other}}             another template, same data
 *   {{! comment}}
 *
 * Templates are parsed once, when first used, and kept. */

#define MAX_DEPTH 32

G_DEFINE_QUARK (gf-template-error-quark, gf_template_error)

typedef enum
{
  NODE_TEXT,
  NODE_VALUE,
  NODE_SECTION,
  NODE_INVERTED,
  NODE_PARTIAL,
} NodeKind;

typedef struct _Node Node;

struct _Node
{
  NodeKind   kind;
  char      *text;      /* literal text, or the name */
  GPtrArray *children;  /* sections */
};

struct _GfTemplates
{
  GResource  *resource;
  char       *prefix;
  GHashTable *parsed;   /* name → GPtrArray of Node */
  GMutex      mutex;
};

static void
node_free (gpointer data)
{
  Node *node = data;

  g_free (node->text);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node);
}

static Node *
node_new (NodeKind    kind,
          const char *text,
          gsize       length)
{
  Node *node = g_new0 (Node, 1);

  node->kind = kind;
  node->text = g_strstrip (g_strndup (text, length));
  return node;
}

/* Parses up to the closing tag of @section (or the end when NULL). */
static GPtrArray *
parse (const char  *name,
       const char **cursor,
       const char  *section,
       GError     **error)
{
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func (node_free);
  const char *p = *cursor;

  while (*p != '\0')
    {
      const char *open = strstr (p, "{{");
      const char *close;
      const char *tag;
      gsize tag_length;
      Node *node;

      if (open == NULL)
        open = p + strlen (p);
      if (open > p)
        {
          node = g_new0 (Node, 1);
          node->kind = NODE_TEXT;
          node->text = g_strndup (p, open - p);
          g_ptr_array_add (nodes, node);
        }
      if (*open == '\0')
        {
          p = open;
          break;
        }

      close = strstr (open + 2, "}}");
      if (close == NULL)
        {
          g_set_error (error, GF_TEMPLATE_ERROR, GF_TEMPLATE_ERROR_SYNTAX,
                       "%s: “{{” without “}}”", name);
          return NULL;
        }
      tag = open + 2;
      tag_length = close - tag;
      p = close + 2;

      switch (*tag)
        {
        case '!':
          break;

        case '#':
        case '^':
          node = node_new (*tag == '#' ? NODE_SECTION : NODE_INVERTED, tag + 1, tag_length - 1);
          g_ptr_array_add (nodes, node);
          node->children = parse (name, &p, node->text, error);
          if (node->children == NULL)
            return NULL;
          break;

        case '/':
          {
            g_autofree char *closing = g_strstrip (g_strndup (tag + 1, tag_length - 1));

            if (g_strcmp0 (closing, section) != 0)
              {
                g_set_error (error, GF_TEMPLATE_ERROR, GF_TEMPLATE_ERROR_SYNTAX,
                             "%s: “{{/%s}}” closes “%s”", name, closing,
                             section != NULL ? section : "nothing");
                return NULL;
              }
            *cursor = p;
            return g_steal_pointer (&nodes);
          }

        case '>':
          g_ptr_array_add (nodes, node_new (NODE_PARTIAL, tag + 1, tag_length - 1));
          break;

        default:
          g_ptr_array_add (nodes, node_new (NODE_VALUE, tag, tag_length));
          break;
        }
    }

  if (section != NULL)
    {
      g_set_error (error, GF_TEMPLATE_ERROR, GF_TEMPLATE_ERROR_SYNTAX,
                   "%s: “{{#%s}}” is never closed", name, section);
      return NULL;
    }
  *cursor = p;
  return g_steal_pointer (&nodes);
}

static GPtrArray *
lookup_template (GfTemplates  *self,
                 const char   *name,
                 GError      **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GPtrArray *nodes;
  const char *cursor;

  nodes = g_hash_table_lookup (self->parsed, name);
  if (nodes != NULL)
    return nodes;

  path = g_strdup_printf ("%s/%s.html", self->prefix, name);
  bytes = g_resource_lookup_data (self->resource, path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    {
      g_set_error (error, GF_TEMPLATE_ERROR, GF_TEMPLATE_ERROR_NOT_FOUND,
                   "no template %s", path);
      return NULL;
    }

  cursor = g_bytes_get_data (bytes, NULL);
  nodes = parse (name, &cursor, NULL, error);
  if (nodes != NULL)
    g_hash_table_insert (self->parsed, g_strdup (name), nodes);
  return nodes;
}

void
gf_html_escape_append (GString    *out,
                       const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '&': g_string_append (out, "&amp;"); break;
      case '<': g_string_append (out, "&lt;"); break;
      case '>': g_string_append (out, "&gt;"); break;
      case '"': g_string_append (out, "&quot;"); break;
      case '\'': g_string_append (out, "&#39;"); break;
      default: g_string_append_c (out, *p); break;
      }
}

/* Looks @name up from the innermost context outwards; "a.b" goes down objects. */
static JsonNode *
resolve (GPtrArray  *stack,
         const char *name)
{
  g_auto(GStrv) parts = NULL;

  if (g_str_equal (name, "."))
    return g_ptr_array_index (stack, stack->len - 1);

  parts = g_strsplit (name, ".", -1);
  for (guint i = stack->len; i > 0; i--)
    {
      JsonNode *node = g_ptr_array_index (stack, i - 1);

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          !json_object_has_member (json_node_get_object (node), parts[0]))
        continue;

      node = json_object_get_member (json_node_get_object (node), parts[0]);
      for (guint j = 1; parts[j] != NULL && node != NULL; j++)
        {
          guint64 index;

          /* "items.0": the first item, so a template can test "is there any". */
          if (JSON_NODE_HOLDS_ARRAY (node) &&
              g_ascii_string_to_unsigned (parts[j], 10, 0, G_MAXUINT, &index, NULL))
            node = index < json_array_get_length (json_node_get_array (node))
                   ? json_array_get_element (json_node_get_array (node), (guint)index) : NULL;
          else if (JSON_NODE_HOLDS_OBJECT (node) &&
                   json_object_has_member (json_node_get_object (node), parts[j]))
            node = json_object_get_member (json_node_get_object (node), parts[j]);
          else
            node = NULL;
        }
      return node;
    }
  return NULL;
}

static gboolean
is_truthy (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_array_get_length (json_node_get_array (node)) > 0;
  if (JSON_NODE_HOLDS_OBJECT (node))
    return TRUE;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      return json_node_get_boolean (node);
    case G_TYPE_INT64:
      return json_node_get_int (node) != 0;
    case G_TYPE_DOUBLE:
      return json_node_get_double (node) != 0.0;
    case G_TYPE_STRING:
      return *json_node_get_string (node) != '\0';
    default:
      return FALSE;
    }
}

static void
append_value (GString  *out,
              JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      gf_html_escape_append (out, json_node_get_string (node));
      break;
    case G_TYPE_INT64:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
      break;
    case G_TYPE_BOOLEAN:
      g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      break;
    default:
      break;
    }
}

static gboolean
render_nodes (GfTemplates  *self,
              GPtrArray    *nodes,
              GPtrArray    *stack,
              GString      *out,
              guint         depth,
              GError      **error)
{
  if (depth > MAX_DEPTH)
    {
      g_set_error (error, GF_TEMPLATE_ERROR, GF_TEMPLATE_ERROR_SYNTAX,
                   "templates nested more than %d deep", MAX_DEPTH);
      return FALSE;
    }

  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = g_ptr_array_index (nodes, i);
      JsonNode *value;

      switch (node->kind)
        {
        case NODE_TEXT:
          g_string_append (out, node->text);
          break;

        case NODE_VALUE:
          append_value (out, resolve (stack, node->text));
          break;

        case NODE_INVERTED:
          if (!is_truthy (resolve (stack, node->text)) &&
              !render_nodes (self, node->children, stack, out, depth + 1, error))
            return FALSE;
          break;

        case NODE_SECTION:
          value = resolve (stack, node->text);
          if (!is_truthy (value))
            break;
          if (JSON_NODE_HOLDS_ARRAY (value))
            {
              JsonArray *array = json_node_get_array (value);

              for (guint j = 0; j < json_array_get_length (array); j++)
                {
                  gboolean ok;

                  g_ptr_array_add (stack, json_array_get_element (array, j));
                  ok = render_nodes (self, node->children, stack, out, depth + 1, error);
                  g_ptr_array_remove_index (stack, stack->len - 1);
                  if (!ok)
                    return FALSE;
                }
            }
          else
            {
              gboolean ok;

              g_ptr_array_add (stack, value);
              ok = render_nodes (self, node->children, stack, out, depth + 1, error);
              g_ptr_array_remove_index (stack, stack->len - 1);
              if (!ok)
                return FALSE;
            }
          break;

        case NODE_PARTIAL:
          {
            GPtrArray *partial = lookup_template (self, node->text, error);

            if (partial == NULL || !render_nodes (self, partial, stack, out, depth + 1, error))
              return FALSE;
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }

  return TRUE;
}

/**
 * gf_templates_new:
 * @prefix: the resource folder of the templates, each one "<prefix>/<name>.html"
 */
GfTemplates *
gf_templates_new (GResource  *resource,
                  const char *prefix)
{
  GfTemplates *self = g_new0 (GfTemplates, 1);

  self->resource = g_resource_ref (resource);
  self->prefix = g_strdup (prefix);
  self->parsed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify)g_ptr_array_unref);
  g_mutex_init (&self->mutex);
  return self;
}

void
gf_templates_free (GfTemplates *self)
{
  if (self == NULL)
    return;
  g_resource_unref (self->resource);
  g_free (self->prefix);
  g_hash_table_unref (self->parsed);
  g_mutex_clear (&self->mutex);
  g_free (self);
}

char *
gf_templates_render (GfTemplates  *self,
                     const char   *name,
                     JsonObject   *data,
                     GError      **error)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  g_autoptr(GString) out = g_string_sized_new (4096);
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  GPtrArray *nodes;

  nodes = lookup_template (self, name, error);
  if (nodes == NULL)
    return NULL;

  json_node_set_object (root, data);
  g_ptr_array_add (stack, root);
  if (!render_nodes (self, nodes, stack, out, 0, error))
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}
