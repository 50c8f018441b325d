/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-web-request.h"
#include "gf-crypto.h"

/**
 * gf_web_decode_form:
 *
 * Decodes application/x-www-form-urlencoded data ("a=1&b=%C3%A9"). Unlike a lenient
 * decoder it refuses the whole form on a malformed escape, on text that is not UTF-8, on
 * too many fields or a field too long, so a handler only ever sees clean strings.
 * Line breaks are normalised to "\n" (browsers send "\r\n" for a textarea).
 *
 * Returns: (transfer full): name → GPtrArray of its values, in order (a name may repeat:
 *   several "facture" checkboxes)
 */
GHashTable *
gf_web_decode_form (const char  *data,
                    gsize        length,
                    GError     **error)
{
  g_autoptr(GHashTable) form = gf_web_form_new ();
  g_autofree char *copy = g_strndup (data != NULL ? data : "", length);
  g_auto(GStrv) pairs = NULL;

  if (strlen (copy) != length)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "NUL byte in form");
      return NULL;
    }

  pairs = g_strsplit (copy, "&", -1);
  if (g_strv_length (pairs) > GF_WEB_MAX_FIELDS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "too many fields");
      return NULL;
    }

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;
      GString *normalized;
      char *equal;

      if (*pairs[i] == '\0')
        continue;

      g_strdelimit (pairs[i], "+", ' ');
      equal = strchr (pairs[i], '=');
      if (equal != NULL)
        *equal = '\0';

      name = g_uri_unescape_string (pairs[i], NULL);
      value = g_uri_unescape_string (equal != NULL ? equal + 1 : "", NULL);
      if (name == NULL || value == NULL || !g_utf8_validate (name, -1, NULL) ||
          !g_utf8_validate (value, -1, NULL))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "malformed field");
          return NULL;
        }
      if (strlen (value) > GF_WEB_MAX_FIELD * 4 || g_utf8_strlen (value, -1) > GF_WEB_MAX_FIELD)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE, "field too long");
          return NULL;
        }

      normalized = g_string_new (NULL);
      for (const char *p = value; *p != '\0'; p++)
        if (*p != '\r')
          g_string_append_c (normalized, *p);
        else if (p[1] != '\n')
          g_string_append_c (normalized, '\n');

      {
        GPtrArray *values = g_hash_table_lookup (form, name);

        if (values == NULL)
          {
            values = g_ptr_array_new_with_free_func (g_free);
            g_hash_table_insert (form, g_strdup (name), values);
          }
        g_ptr_array_add (values, g_string_free (normalized, FALSE));
      }
    }

  return g_steal_pointer (&form);
}

/* "a=1; b=2" → {a: 1, b: 2}; later duplicates are ignored, as browsers send the most
 * specific cookie first. */
GHashTable *
gf_web_parse_cookies (const char *header)
{
  GHashTable *cookies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) pairs = NULL;

  if (header == NULL)
    return cookies;

  pairs = g_strsplit (header, ";", 32);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *pair = g_strstrip (pairs[i]);
      char *equal = strchr (pair, '=');

      if (equal == NULL || equal == pair)
        continue;
      *equal = '\0';
      if (!g_hash_table_contains (cookies, pair))
        g_hash_table_insert (cookies, g_strdup (pair), g_strdup (equal + 1));
    }
  return cookies;
}

GHashTable *
gf_web_form_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                (GDestroyNotify)g_ptr_array_unref);
}

/* The last value sent under @name, as a browser's single field; "" when absent. */
static const char *
last_value (GHashTable *table,
            const char *name)
{
  GPtrArray *values = table != NULL ? g_hash_table_lookup (table, name) : NULL;

  return values != NULL && values->len > 0 ? g_ptr_array_index (values, values->len - 1) : "";
}

const char *
gf_web_form_get (GfWebRequest *request,
                 const char   *name)
{
  return last_value (request->form, name);
}

/* Every value sent under @name, in order; NULL when none. */
GPtrArray *
gf_web_form_get_all (GfWebRequest *request,
                     const char   *name)
{
  return request->form != NULL ? g_hash_table_lookup (request->form, name) : NULL;
}

const char *
gf_web_query_get (GfWebRequest *request,
                  const char   *name)
{
  return last_value (request->query, name);
}

void
gf_web_session_free (GfWebSession *session)
{
  if (session == NULL)
    return;
  g_free (session->email);
  g_free (session->csrf_token);
  g_free (session->display_name);
  g_free (session);
}

/* Every POST carries the token of its session, or before login the anonymous token that
 * its own cookie holds (double submit); compared in constant time. */
gboolean
gf_web_check_csrf (GfWebRequest *request)
{
  const char *sent = gf_web_form_get (request, "csrf");
  const char *expected = request->session != NULL ? request->session->csrf_token
                                                   : request->anon_csrf;
  gsize length;

  if (expected == NULL || *expected == '\0')
    return FALSE;
  length = strlen (expected);
  if (strlen (sent) != length)
    return FALSE;
  return gf_memory_equal ((const guint8 *)sent, (const guint8 *)expected, length);
}
