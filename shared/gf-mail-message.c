/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-mail-message.h"

#include "gf-crypto.h"
#include "gf-validate.h"

#include <string.h>

/* Bytes of text per RFC 2047 encoded-word: 39 bytes are 52 base64 characters, so
 * "Subject: =?UTF-8?B?…?=" stays within 76 columns. */
#define ENCODED_CHUNK_BYTES 39
/* Quoted-printable lines are at most 76 characters, the soft break "=" included. */
#define QP_LINE_MAX 76

/*
 * Auxiliary methods
 */

static gboolean
has_line_break (const char *text)
{
  return text != NULL && strpbrk (text, "\r\n") != NULL;
}

static gboolean
check_header_value (const char  *what,
                    const char  *value,
                    GError     **error)
{
  if (value == NULL || *value == '\0')
    {
      g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_REQUIRED,
                   "The mail %s is empty.", what);
      return FALSE;
    }
  /* A line break would let the value start a header of its own (header injection). */
  if (has_line_break (value))
    {
      g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                   "The mail %s contains a line break.", what);
      return FALSE;
    }
  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                   "The mail %s is not valid UTF-8.", what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_atext (char c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("!#$%&'*+-/=?^_`{|}~", c) != NULL);
}

/* Printable ASCII only, and nothing a reader could take for an encoded-word. */
static gboolean
is_plain_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || (guchar) *p > 0x7e)
      return FALSE;
  return strstr (text, "=?") == NULL;
}

static void
add_encoded_words (GPtrArray  *tokens,
                   const char *text)
{
  const char *p = text;

  while (*p != '\0')
    {
      const char *end = p;
      g_autofree char *base64 = NULL;

      /* Whole characters only: each encoded-word must decode on its own. */
      while (*end != '\0')
        {
          const char *next = g_utf8_next_char (end);

          if (next - p > ENCODED_CHUNK_BYTES)
            break;
          end = next;
        }
      base64 = g_base64_encode ((const guchar *) p, (gsize) (end - p));
      g_ptr_array_add (tokens, g_strdup_printf ("=?UTF-8?B?%s?=", base64));
      p = end;
    }
}

static void
add_words (GPtrArray  *tokens,
           const char *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    g_ptr_array_add (tokens, g_steal_pointer (&words[i]));
}

/* Unstructured text (Subject): as it is when it is short plain ASCII, else encoded. */
static void
add_text_tokens (GPtrArray  *tokens,
                 const char *header,
                 const char *text)
{
  gboolean plain = is_plain_ascii (text);
  g_auto(GStrv) words = g_strsplit (text, " ", -1);

  for (guint i = 0; plain && words[i] != NULL; i++)
    if (strlen (header) + 2 + strlen (words[i]) > GF_MAIL_HEADER_LINE_MAX)
      plain = FALSE;

  if (plain)
    add_words (tokens, text);
  else
    add_encoded_words (tokens, text);
}

/* A display name: atoms, a quoted string, or encoded-words. */
static void
add_phrase_tokens (GPtrArray  *tokens,
                   const char *name)
{
  gboolean atoms = TRUE;
  GString *quoted;

  if (!is_plain_ascii (name))
    {
      add_encoded_words (tokens, name);
      return;
    }

  for (const char *p = name; *p != '\0'; p++)
    if (*p != ' ' && !is_atext (*p))
      atoms = FALSE;
  if (atoms)
    {
      add_words (tokens, name);
      return;
    }

  quoted = g_string_new ("\"");
  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (quoted, '\\');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '"');
  g_ptr_array_add (tokens, g_string_free (quoted, FALSE));
}

/* Writes "Name: token token…", folding before a token that would pass the line limit.
 * Folding turns one separating space into CRLF + space, so unfolding restores the text. */
static void
append_header (GString    *out,
               const char *name,
               GPtrArray  *tokens)
{
  gsize line_len = strlen (name) + 1;

  g_string_append_printf (out, "%s:", name);
  for (guint i = 0; i < tokens->len; i++)
    {
      const char *token = g_ptr_array_index (tokens, i);
      gsize len = strlen (token);

      if (i > 0 && len > 0 && line_len + 1 + len > GF_MAIL_HEADER_LINE_MAX)
        {
          g_string_append (out, "\r\n ");
          line_len = 1;
        }
      else
        {
          g_string_append_c (out, ' ');
          line_len++;
        }
      g_string_append (out, token);
      line_len += len;
    }
  g_string_append (out, "\r\n");
}

static void
append_mailbox_header (GString    *out,
                       const char *header,
                       const char *name,
                       const char *address)
{
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func (g_free);

  if (name == NULL || *name == '\0')
    {
      g_ptr_array_add (tokens, g_strdup (address));
    }
  else
    {
      add_phrase_tokens (tokens, name);
      g_ptr_array_add (tokens, g_strdup_printf ("<%s>", address));
    }
  append_header (out, header, tokens);
}

static void
append_qp_line (GString    *out,
                const char *line)
{
  gsize len = strlen (line);
  gsize column = 0;

  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) line[i];
      gboolean last = i + 1 == len;
      gboolean encode = c == '=' || c > 0x7e || (c < 0x20 && c != '\t') ||
                        ((c == ' ' || c == '\t') && last);
      gsize width = encode ? 3 : 1;

      /* Keep room for the soft break "=" unless this is the line's last character. */
      if (column + width > (last ? QP_LINE_MAX : QP_LINE_MAX - 1))
        {
          g_string_append (out, "=\r\n");
          column = 0;
        }
      /* A line starting with "." could be taken for the end of an SMTP transfer. */
      if (c == '.' && column == 0)
        {
          encode = TRUE;
          width = 3;
        }

      if (encode)
        g_string_append_printf (out, "=%02X", c);
      else
        g_string_append_c (out, (char) c);
      column += width;
    }
}

/* The body as quoted-printable, its line breaks (LF, CRLF or CR) written as CRLF. */
static void
append_quoted_printable (GString    *out,
                         const char *text)
{
  g_autoptr(GString) normal = g_string_new (text);
  g_auto(GStrv) lines = NULL;

  g_string_replace (normal, "\r\n", "\n", 0);
  g_string_replace (normal, "\r", "\n", 0);
  lines = g_strsplit (normal->str, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, "\r\n");
      append_qp_line (out, lines[i]);
    }
}

static void
append_part_headers (GString    *out,
                     const char *media_type)
{
  g_string_append_printf (out,
                          "Content-Type: %s; charset=UTF-8\r\n"
                          "Content-Transfer-Encoding: quoted-printable\r\n",
                          media_type);
}

static gboolean
is_domain_text (const char *domain)
{
  if (domain == NULL || *domain == '\0' || strlen (domain) > 253)
    return FALSE;
  for (const char *p = domain; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-')
      return FALSE;
  return TRUE;
}

/*
 * Public API
 */

/**
 * gf_mail_message_parse_mailbox:
 * @mailbox: "adresse@exemple.fr", "Nom <adresse@exemple.fr>" or "\"Nom\" <adresse@exemple.fr>"
 * @out_display_name: (out) (optional): the name, "" when there is none
 * @out_address: (out) (optional): the address
 *
 * Returns: %TRUE when @mailbox is one line holding a plausible address
 */
gboolean
gf_mail_message_parse_mailbox (const char  *mailbox,
                               char       **out_display_name,
                               char       **out_address,
                               GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  g_autofree char *address = NULL;
  gsize len;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_header_value ("address", mailbox, error))
    return FALSE;

  text = g_strstrip (g_strdup (mailbox));
  len = strlen (text);
  if (len > 1 && text[len - 1] == '>' && strrchr (text, '<') != NULL)
    {
      char *open = strrchr (text, '<');

      address = g_strndup (open + 1, (gsize) (text + len - 1 - (open + 1)));
      *open = '\0';
      name = g_strstrip (g_strdup (text));
      len = strlen (name);
      if (len >= 2 && name[0] == '"' && name[len - 1] == '"')
        {
          GString *unquoted = g_string_new (NULL);

          for (gsize i = 1; i + 1 < len; i++)
            {
              if (name[i] == '\\' && i + 2 < len)
                i++;
              g_string_append_c (unquoted, name[i]);
            }
          g_free (name);
          name = g_string_free (unquoted, FALSE);
        }
    }
  else
    {
      address = g_strdup (text);
      name = g_strdup ("");
    }

  if (!gf_validate_email (address, error))
    {
      g_prefix_error (error, "“%s”: ", mailbox);
      return FALSE;
    }

  if (out_display_name != NULL)
    *out_display_name = g_steal_pointer (&name);
  if (out_address != NULL)
    *out_address = g_steal_pointer (&address);
  return TRUE;
}

/**
 * gf_mail_message_format_mailbox:
 * @display_name: (nullable): a name such as "Mairie de Démonstration"
 * @address: the address
 *
 * Joins a name and an address into the form gf_mail_message_parse_mailbox() reads.
 * Line breaks and control characters in the name become spaces.
 */
char *
gf_mail_message_format_mailbox (const char *display_name,
                                const char *address)
{
  g_autoptr(GString) name = g_string_new (display_name);
  GString *out;

  g_return_val_if_fail (address != NULL, NULL);

  for (gsize i = 0; i < name->len; i++)
    if ((guchar) name->str[i] < 0x20 || name->str[i] == 0x7f)
      name->str[i] = ' ';
  g_strstrip (name->str);
  if (name->str[0] == '\0')
    return g_strdup (address);

  out = g_string_new ("\"");
  for (const char *p = name->str; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_printf (out, "\" <%s>", address);
  return g_string_free (out, FALSE);
}

/**
 * gf_mail_message_format_date:
 * @date: (nullable): a time, %NULL for now
 *
 * Returns: (transfer full): RFC 5322 date, such as "Sun, 22 Nov 2026 15:04:05 +0000",
 *   in English whatever the locale
 */
char *
gf_mail_message_format_date (GDateTime *date)
{
  static const char *days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char *months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  g_autoptr(GDateTime) now = NULL;
  gint64 offset;

  if (date == NULL)
    date = now = g_date_time_new_now_utc ();

  offset = g_date_time_get_utc_offset (date) / G_TIME_SPAN_MINUTE;
  return g_strdup_printf ("%s, %d %s %04d %02d:%02d:%02d %c%02d%02d",
                          days[g_date_time_get_day_of_week (date) - 1],
                          g_date_time_get_day_of_month (date),
                          months[g_date_time_get_month (date) - 1],
                          g_date_time_get_year (date),
                          g_date_time_get_hour (date),
                          g_date_time_get_minute (date),
                          g_date_time_get_second (date),
                          offset < 0 ? '-' : '+',
                          (int) (ABS (offset) / 60),
                          (int) (ABS (offset) % 60));
}

/**
 * gf_mail_message_build:
 * @from: the sender, with or without a display name
 * @to: the recipient, with or without a display name
 * @subject: one line of UTF-8
 * @body_text: the plain-text body
 * @body_html: (nullable): an HTML alternative
 * @message_id_domain: (nullable): the right side of the Message-ID; %NULL for the domain
 *   of @from
 * @date: (nullable): the Date header; %NULL for now
 *
 * Builds an RFC 5322 message with CRLF line endings, ready for SMTP or a maildir:
 * non-ASCII header text as RFC 2047 encoded-words, folded header lines, bodies in
 * quoted-printable. A line break in @from, @to or @subject is refused.
 *
 * Returns: (transfer full): the message, or %NULL with @error set
 */
char *
gf_mail_message_build (const char  *from,
                       const char  *to,
                       const char  *subject,
                       const char  *body_text,
                       const char  *body_html,
                       const char  *message_id_domain,
                       GDateTime   *date,
                       GError     **error)
{
  g_autofree char *from_name = NULL;
  g_autofree char *from_address = NULL;
  g_autofree char *to_name = NULL;
  g_autofree char *to_address = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *id = NULL;
  g_autofree char *boundary = NULL;
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) out = g_string_new (NULL);
  const char *domain;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_header_value ("subject", subject, error) ||
      !gf_mail_message_parse_mailbox (from, &from_name, &from_address, error) ||
      !gf_mail_message_parse_mailbox (to, &to_name, &to_address, error))
    return NULL;
  if (body_text == NULL || !g_utf8_validate (body_text, -1, NULL) ||
      (body_html != NULL && !g_utf8_validate (body_html, -1, NULL)))
    {
      g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                   "The mail body is missing or not valid UTF-8.");
      return NULL;
    }

  domain = message_id_domain != NULL ? message_id_domain : strchr (from_address, '@') + 1;
  if (!is_domain_text (domain))
    {
      g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                   "“%s” is not a domain name for a Message-ID.", domain);
      return NULL;
    }

  append_mailbox_header (out, "From", from_name, from_address);
  append_mailbox_header (out, "To", to_name, to_address);
  add_text_tokens (tokens, "Subject", subject);
  append_header (out, "Subject", tokens);

  date_text = gf_mail_message_format_date (date);
  id = gf_token_new ();
  g_string_append_printf (out,
                          "Date: %s\r\n"
                          "Message-ID: <%s@%s>\r\n"
                          "MIME-Version: 1.0\r\n"
                          "Auto-Submitted: auto-generated\r\n",
                          date_text, id, domain);

  if (body_html == NULL)
    {
      append_part_headers (out, "text/plain");
      g_string_append (out, "\r\n");
      append_quoted_printable (out, body_text);
      g_string_append (out, "\r\n");
      return g_string_free (g_steal_pointer (&out), FALSE);
    }

  /* "=_" never occurs in quoted-printable text, so the boundary cannot either. */
  g_clear_pointer (&id, g_free);
  id = gf_token_new ();
  boundary = g_strdup_printf ("=_gf_%s", id);
  g_string_append_printf (out,
                          "Content-Type: multipart/alternative;\r\n boundary=\"%s\"\r\n"
                          "\r\n"
                          "This is a multi-part message in MIME format.\r\n"
                          "\r\n--%s\r\n",
                          boundary, boundary);
  append_part_headers (out, "text/plain");
  g_string_append (out, "\r\n");
  append_quoted_printable (out, body_text);
  g_string_append_printf (out, "\r\n--%s\r\n", boundary);
  append_part_headers (out, "text/html");
  g_string_append (out, "\r\n");
  append_quoted_printable (out, body_html);
  g_string_append_printf (out, "\r\n--%s--\r\n", boundary);

  return g_string_free (g_steal_pointer (&out), FALSE);
}
