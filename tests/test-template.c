/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-template.h"

/* Templates of the test's own, in a resource built on the fly. */
static GfTemplates *
templates_with (const char * const *names_and_texts)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gf-tpl-XXXXXX", &error);
  g_autoptr(GString) xml = g_string_new ("<gresources><gresource prefix=\"/t\">");
  g_autofree char *xml_path = g_build_filename (dir, "t.gresource.xml", NULL);
  g_autofree char *out_path = g_build_filename (dir, "t.gresource", NULL);
  g_autoptr(GResource) resource = NULL;
  g_autofree char *command = NULL;
  int status = 0;

  for (guint i = 0; names_and_texts[i] != NULL; i += 2)
    {
      g_autofree char *file = g_strconcat (names_and_texts[i], ".html", NULL);
      g_autofree char *path = g_build_filename (dir, file, NULL);

      g_file_set_contents (path, names_and_texts[i + 1], -1, &error);
      g_assert_no_error (error);
      g_string_append_printf (xml, "<file>%s</file>", file);
    }
  g_string_append (xml, "</gresource></gresources>");
  g_file_set_contents (xml_path, xml->str, -1, &error);
  command = g_strdup_printf ("glib-compile-resources --sourcedir=%s --target=%s %s",
                             dir, out_path, xml_path);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  resource = g_resource_load (out_path, &error);
  g_assert_no_error (error);
  return gf_templates_new (resource, "/t");
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_render (void)
{
  const char *files[] = {
    "page", "<h1>{{title}}</h1>{{> part}}{{#items}}<li>{{name}}:{{n}}{{#last}}!{{/last}}</li>{{/items}}"
            "{{^items}}empty{{/items}}{{#user}}[{{user.name}}/{{name}}/{{title}}]{{/user}}"
            "{{#items.0}}first={{items.0.name}}{{/items.0}}{{! not shown }}",
    "part", "<p>{{missing}}{{flag}}</p>",
    NULL
  };
  g_autoptr(GfTemplates) templates = templates_with (files);
  g_autoptr(JsonObject) data = parse_object (
    "{\"title\": \"<script>alert('x')</script> & \\\"co\\\"\", \"flag\": true,"
    " \"items\": [{\"name\": \"Léa\", \"n\": 3}, {\"name\": \"<b>\", \"n\": 0, \"last\": true}],"
    " \"user\": {\"name\": \"Marie\"}}");
  g_autoptr(JsonObject) empty = parse_object ("{\"title\": \"t\", \"items\": []}");
  g_autoptr(GError) error = NULL;
  g_autofree char *html = gf_templates_render (templates, "page", data, &error);
  g_autofree char *html_empty = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (html, ==,
                   "<h1>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;</h1>"
                   "<p>true</p><li>Léa:3</li><li>&lt;b&gt;:0!</li>"
                   "[Marie/Marie/&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;]"
                   "first=Léa");

  html_empty = gf_templates_render (templates, "page", empty, &error);
  g_assert_cmpstr (html_empty, ==, "<h1>t</h1><p></p>empty");
}

static void
test_errors (void)
{
  const char *files[] = {
    "unclosed", "{{#a}}x",
    "mismatch", "{{#a}}x{{/b}}",
    "open", "text {{ name",
    "loop", "{{> loop}}",
    NULL
  };
  g_autoptr(GfTemplates) templates = templates_with (files);
  g_autoptr(JsonObject) data = json_object_new ();
  const char *bad[] = { "unclosed", "mismatch", "open", "loop" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *html = gf_templates_render (templates, bad[i], data, &error);

      g_assert_null (html);
      g_assert_error (error, GF_TEMPLATE_ERROR, GF_TEMPLATE_ERROR_SYNTAX);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *html = gf_templates_render (templates, "absent", data, &error);

    g_assert_null (html);
    g_assert_error (error, GF_TEMPLATE_ERROR, GF_TEMPLATE_ERROR_NOT_FOUND);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/gf/template/render", test_render);
  g_test_add_func ("/gf/template/errors", test_errors);

  return g_test_run ();
}
