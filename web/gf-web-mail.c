/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-web-mail.h"
#include "gf-mail-outbox.h"
#include "gf-mail-sender.h"
#include "gf-portal.h"
#include "gf-settings.h"
#include "gf-template.h"

/* The portal's e-mails: French text written by the handlers, signed by the service, with
 * an HTML twin made from the same text (escaped, links made clickable). */

static char *
signed_text (GfDb       *db,
             const char *body)
{
  g_autofree char *collectivite = gf_settings_get (db, GF_SETTING_COLLECTIVITE_NAME);
  g_autofree char *service = gf_settings_get (db, GF_SETTING_SERVICE_NAME);

  return g_strdup_printf ("Bonjour,\n\n%s\n\nSalutations distinguées,\n%s – %s\n\n"
                          "Merci de ne pas répondre à ce message.\n",
                          body, collectivite, service);
}

static char *
html_from_text (const char *text)
{
  g_autoptr(GString) html = g_string_new ("<!DOCTYPE html><html lang=\"fr\"><head>"
                                          "<meta charset=\"utf-8\"></head><body><p>");

  for (const char *p = text; *p != '\0'; )
    {
      const char *end = p;

      if (g_str_has_prefix (p, "http://") || g_str_has_prefix (p, "https://"))
        {
          g_autofree char *url = NULL;

          while (*end != '\0' && !g_ascii_isspace (*end))
            end++;
          url = g_strndup (p, end - p);
          g_string_append (html, "<a href=\"");
          gf_html_escape_append (html, url);
          g_string_append (html, "\">");
          gf_html_escape_append (html, url);
          g_string_append (html, "</a>");
          p = end;
          continue;
        }
      if (p[0] == '\n' && p[1] == '\n')
        {
          g_string_append (html, "</p><p>");
          p += 2;
          continue;
        }
      if (*p == '\n')
        {
          g_string_append (html, "<br>");
          p++;
          continue;
        }
      {
        char one[2] = { *p, '\0' };

        gf_html_escape_append (html, one);
        p++;
      }
    }
  g_string_append (html, "</p></body></html>");
  return g_string_free (g_steal_pointer (&html), FALSE);
}

/* Queues one e-mail; inside the caller's write transaction when there is one, so the mail
 * leaves exactly when the change commits. */
gboolean
gf_web_queue_mail (GfDb        *db,
                   const char  *kind,
                   const char  *recipient,
                   const char  *subject,
                   const char  *body_text,
                   GError     **error)
{
  g_autofree char *text = signed_text (db, body_text);
  g_autofree char *html = html_from_text (text);

  return gf_mail_outbox_enqueue (db, kind, recipient, subject, text, html, NULL, error);
}

/* An absolute link for an e-mail: the public URL, @path and the token as "jeton". */
char *
gf_web_link (GfWebRequest *request,
             const char   *path,
             const char   *token)
{
  const char *base = gf_portal_get_public_url (request->portal);
  g_autofree char *trimmed = g_strdup (base != NULL ? base : "");

  while (g_str_has_suffix (trimmed, "/"))
    trimmed[strlen (trimmed) - 1] = '\0';
  return g_strdup_printf ("%s%s?jeton=%s", trimmed, path, token);
}

void
gf_web_wake_mail (GfWebRequest *request)
{
  GfMailSender *sender = gf_portal_get_mail_sender (request->portal);

  if (sender != NULL)
    gf_mail_sender_wake (sender);
}
