/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "PayfipSandbox"

#include "config.h"

#include "gf-sandbox-options.h"

#include <string.h>

/* One table for the command line and for POST /_sandbox/config, so the two never drift.
 * An entry with a flag_value is a flag on the command line (it takes no argument); one
 * without a cli_name exists only at run time. */
static const GfSandboxOptionInfo option_infos[] = {
  { "lose-notification", "lose-notification", "1", NULL,
    "Never send the notification to urlnotif" },
  { "notify-delay", "notify-delay", NULL, "MS",
    "Redirect the browser first, then notify urlnotif MS milliseconds later" },
  { "duplicate-notification", "duplicate-notification", "1", NULL,
    "Send every notification twice, one after the other" },
  { "notify-param", "notify-param", NULL, "idop|idOp",
    "Name of the notification's form field (default idop)" },
  { "tech-faults", "tech-faults", NULL, "always|off|N",
    "Answer SOAP calls with a technical fault: always, never, or the next N calls" },
  { "tech-fault-type", "tech-fault-type", NULL, "TYPE",
    "dysfonctionnement (default), indisponibilite, protocolaire, or http-503 (no SOAP)" },
  { "tech-fault-operations", "tech-fault-operations", NULL, "OPS",
    "The operations that fail: all (default) or a comma-separated list of creer, detail, client" },
  { "direct-debit", "no-direct-debit", "0", NULL,
    "Hide the direct debit (prélèvement) choice on the payment page" },
  { "redirect-method", "redirect-method", NULL, "get|post",
    "How the browser returns to urlredirect: a 302 (get, default) or a self-submitting form" },
  { "soap-delay", "soap-delay", NULL, "MS", "Answer every SOAP call MS milliseconds late" },
  { "clock-offset", "clock-offset", NULL, "SECONDS",
    "Shift the sandbox's clock (ages the operations, moves dattrans and heurtrans)" },
  { "advance-clock", NULL, NULL, "SECONDS", "Move the sandbox's clock on by SECONDS" },
  { "max-amount", "max-amount", NULL, "CENTS", "Largest montant accepted (default 9999999)" },
  { "numcli", "numcli", NULL, "LIST",
    "Known client numbers, comma-separated; others get fault T2 (default: any)" },
  { "numcli-without-ws", "numcli-without-ws", NULL, "LIST",
    "Client numbers without access to the secured web service (fault T4)" },
};

static const char * const fault_type_names[] = {
  [GF_SANDBOX_FAULT_DYSFONCTIONNEMENT] = "dysfonctionnement",
  [GF_SANDBOX_FAULT_INDISPONIBILITE] = "indisponibilite",
  [GF_SANDBOX_FAULT_PROTOCOLAIRE] = "protocolaire",
  [GF_SANDBOX_FAULT_HTTP_503] = "http-503",
};

static gboolean
bad_value (GError     **error,
           const char  *key,
           const char  *value,
           const char  *expected)
{
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "%s: “%s” is not %s", key, value, expected);
  return FALSE;
}

static gboolean
parse_boolean (const char *value,
               gboolean   *out)
{
  static const char * const yes[] = { "1", "true", "yes", "on", NULL };
  static const char * const no[] = { "0", "false", "no", "off", NULL };

  for (guint i = 0; yes[i] != NULL; i++)
    if (g_ascii_strcasecmp (value, yes[i]) == 0)
      {
        *out = TRUE;
        return TRUE;
      }
  for (guint i = 0; no[i] != NULL; i++)
    if (g_ascii_strcasecmp (value, no[i]) == 0)
      {
        *out = FALSE;
        return TRUE;
      }
  return FALSE;
}

static gboolean
is_numcli (const char *text)
{
  if (strlen (text) != 6)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* "090909, 006270" → a NULL-terminated list; the empty string → NULL (any numcli). */
static gboolean
parse_numcli_list (const char   *key,
                   const char   *value,
                   char       ***out,
                   GError      **error)
{
  g_auto(GStrv) parts = g_strsplit (value, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint count = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *item = g_strstrip (parts[i]);

      if (*item == '\0')
        continue;
      if (!is_numcli (item))
        return bad_value (error, key, item, "a numcli (6 digits)");
      g_strv_builder_add (builder, item);
      count++;
    }
  g_strfreev (*out);
  *out = count > 0 ? g_strv_builder_end (builder) : NULL;
  return TRUE;
}

static gboolean
parse_tech_fault_ops (const char *value,
                      guint      *out)
{
  g_auto(GStrv) parts = g_strsplit (value, ",", -1);
  guint mask = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *item = g_strstrip (parts[i]);

      if (g_ascii_strcasecmp (item, "all") == 0)
        mask |= GF_SANDBOX_SOAP_ALL;
      else if (strcmp (item, "creer") == 0 || strcmp (item, "creerPaiementSecurise") == 0)
        mask |= GF_SANDBOX_SOAP_CREER;
      else if (strcmp (item, "detail") == 0 ||
               strcmp (item, "recupererDetailPaiementSecurise") == 0)
        mask |= GF_SANDBOX_SOAP_DETAIL;
      else if (strcmp (item, "client") == 0 || strcmp (item, "recupererDetailClient") == 0)
        mask |= GF_SANDBOX_SOAP_CLIENT;
      else
        return FALSE;
    }
  if (mask == 0)
    return FALSE;
  *out = mask;
  return TRUE;
}

void
gf_sandbox_options_init (GfSandboxOptions *options)
{
  memset (options, 0, sizeof *options);
  options->notify_param = g_strdup ("idop");
  options->tech_fault_type = GF_SANDBOX_FAULT_DYSFONCTIONNEMENT;
  options->tech_fault_ops = GF_SANDBOX_SOAP_ALL;
  options->direct_debit = TRUE;
  options->max_amount = GF_SANDBOX_DEFAULT_MAX_AMOUNT;
}

void
gf_sandbox_options_clear (GfSandboxOptions *options)
{
  g_clear_pointer (&options->notify_param, g_free);
  g_clear_pointer (&options->numcli_known, g_strfreev);
  g_clear_pointer (&options->numcli_without_ws, g_strfreev);
}

void
gf_sandbox_options_copy (GfSandboxOptions       *dest,
                         const GfSandboxOptions *src)
{
  gf_sandbox_options_clear (dest);
  *dest = *src;
  dest->notify_param = g_strdup (src->notify_param);
  dest->numcli_known = g_strdupv (src->numcli_known);
  dest->numcli_without_ws = g_strdupv (src->numcli_without_ws);
}

gboolean
gf_sandbox_options_set (GfSandboxOptions  *options,
                        const char        *key,
                        const char        *value,
                        GError           **error)
{
  guint64 number;
  gint64 seconds;

  g_return_val_if_fail (key != NULL, FALSE);

  if (value == NULL)
    value = "";

  if (strcmp (key, "lose-notification") == 0)
    return parse_boolean (value, &options->lose_notification) ||
           bad_value (error, key, value, "a boolean (1 or 0)");
  if (strcmp (key, "duplicate-notification") == 0)
    return parse_boolean (value, &options->duplicate_notification) ||
           bad_value (error, key, value, "a boolean (1 or 0)");
  if (strcmp (key, "direct-debit") == 0)
    return parse_boolean (value, &options->direct_debit) ||
           bad_value (error, key, value, "a boolean (1 or 0)");
  if (strcmp (key, "notify-delay") == 0 || strcmp (key, "soap-delay") == 0)
    {
      guint *target = key[0] == 'n' ? &options->notify_delay_ms : &options->soap_delay_ms;

      if (!g_ascii_string_to_unsigned (value, 10, 0, 10 * 60 * 1000, &number, NULL))
        return bad_value (error, key, value, "a delay in milliseconds (0 to 600000)");
      *target = (guint)number;
      return TRUE;
    }
  if (strcmp (key, "notify-param") == 0)
    {
      /* Only the two spellings seen in the wild: idop (most clients) and idOp. */
      if (strcmp (value, "idop") != 0 && strcmp (value, "idOp") != 0)
        return bad_value (error, key, value, "idop or idOp");
      g_free (options->notify_param);
      options->notify_param = g_strdup (value);
      return TRUE;
    }
  if (strcmp (key, "tech-faults") == 0)
    {
      if (g_ascii_strcasecmp (value, "always") == 0)
        options->tech_faults = GF_SANDBOX_TECH_FAULTS_ALWAYS;
      else if (g_ascii_strcasecmp (value, "off") == 0 || g_ascii_strcasecmp (value, "never") == 0)
        options->tech_faults = 0;
      else if (g_ascii_string_to_unsigned (value, 10, 0, 1000000, &number, NULL))
        options->tech_faults = (int)number;
      else
        return bad_value (error, key, value, "always, off or a number of calls");
      return TRUE;
    }
  if (strcmp (key, "tech-fault-type") == 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (fault_type_names); i++)
        if (g_ascii_strcasecmp (value, fault_type_names[i]) == 0)
          {
            options->tech_fault_type = (GfSandboxFaultType)i;
            return TRUE;
          }
      return bad_value (error, key, value,
                        "dysfonctionnement, indisponibilite, protocolaire or http-503");
    }
  if (strcmp (key, "tech-fault-operations") == 0)
    return parse_tech_fault_ops (value, &options->tech_fault_ops) ||
           bad_value (error, key, value, "all or a list of creer, detail, client");
  if (strcmp (key, "redirect-method") == 0)
    {
      if (g_ascii_strcasecmp (value, "get") == 0)
        options->redirect_post = FALSE;
      else if (g_ascii_strcasecmp (value, "post") == 0)
        options->redirect_post = TRUE;
      else
        return bad_value (error, key, value, "get or post");
      return TRUE;
    }
  if (strcmp (key, "clock-offset") == 0 || strcmp (key, "advance-clock") == 0)
    {
      /* Ten years either way is plenty, and keeps every sum far from overflowing. */
      if (!g_ascii_string_to_signed (value, 10, -315576000, 315576000, &seconds, NULL))
        return bad_value (error, key, value, "a number of seconds");
      if (strcmp (key, "clock-offset") == 0)
        options->clock_offset = seconds;
      else
        options->clock_offset = CLAMP (options->clock_offset + seconds, -315576000, 315576000);
      return TRUE;
    }
  if (strcmp (key, "max-amount") == 0)
    {
      if (!g_ascii_string_to_unsigned (value, 10, 100, G_GUINT64_CONSTANT (99999999999),
                                       &number, NULL))
        return bad_value (error, key, value, "an amount in cents (100 or more, 11 digits at most)");
      options->max_amount = (gint64)number;
      return TRUE;
    }
  if (strcmp (key, "numcli") == 0)
    return parse_numcli_list (key, value, &options->numcli_known, error);
  if (strcmp (key, "numcli-without-ws") == 0)
    return parse_numcli_list (key, value, &options->numcli_without_ws, error);

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION, "unknown setting: %s", key);
  return FALSE;
}

static gboolean
option_cb (const char  *option_name,
           const char  *value,
           gpointer     data,
           GError     **error)
{
  GfSandboxOptions *options = data;
  const char *name = option_name;

  while (*name == '-')
    name++;
  for (guint i = 0; i < G_N_ELEMENTS (option_infos); i++)
    {
      const GfSandboxOptionInfo *info = &option_infos[i];

      if (g_strcmp0 (info->cli_name, name) == 0)
        return gf_sandbox_options_set (options, info->key,
                                       info->flag_value != NULL ? info->flag_value : value,
                                       error);
    }
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION,
               "unknown option: %s", option_name);
  return FALSE;
}

/* A group whose callbacks fill @options; it must not outlive them. */
GOptionGroup *
gf_sandbox_options_get_group (GfSandboxOptions *options)
{
  GOptionGroup *group = g_option_group_new ("sandbox", "Behaviour switches:",
                                            "Show the behaviour switches", options, NULL);
  GOptionEntry entries[G_N_ELEMENTS (option_infos) + 1];
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (option_infos); i++)
    {
      const GfSandboxOptionInfo *info = &option_infos[i];

      if (info->cli_name == NULL)
        continue;
      entries[n] = (GOptionEntry) {
        .long_name = info->cli_name,
        .flags = info->flag_value != NULL ? G_OPTION_FLAG_NO_ARG : 0,
        .arg = G_OPTION_ARG_CALLBACK,
        .arg_data = (gpointer)option_cb,
        .description = info->help,
        .arg_description = info->arg,
      };
      n++;
    }
  entries[n] = (GOptionEntry) { NULL };
  g_option_group_add_entries (group, entries);
  return group;
}

static void
add_numcli_list (JsonBuilder  *builder,
                 const char   *name,
                 char        **list)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    json_builder_add_string_value (builder, list[i]);
  json_builder_end_array (builder);
}

/* Adds the current settings, under their setting names, to the object being built. */
void
gf_sandbox_options_to_json (const GfSandboxOptions *options,
                            JsonBuilder            *builder)
{
  g_autoptr(GString) ops = g_string_new (NULL);

  if (options->tech_fault_ops == GF_SANDBOX_SOAP_ALL)
    g_string_append (ops, "all");
  else
    {
      if (options->tech_fault_ops & GF_SANDBOX_SOAP_CREER)
        g_string_append (ops, "creer,");
      if (options->tech_fault_ops & GF_SANDBOX_SOAP_DETAIL)
        g_string_append (ops, "detail,");
      if (options->tech_fault_ops & GF_SANDBOX_SOAP_CLIENT)
        g_string_append (ops, "client,");
      g_string_truncate (ops, ops->len > 0 ? ops->len - 1 : 0);
    }

  json_builder_set_member_name (builder, "lose-notification");
  json_builder_add_boolean_value (builder, options->lose_notification);
  json_builder_set_member_name (builder, "notify-delay");
  json_builder_add_int_value (builder, options->notify_delay_ms);
  json_builder_set_member_name (builder, "duplicate-notification");
  json_builder_add_boolean_value (builder, options->duplicate_notification);
  json_builder_set_member_name (builder, "notify-param");
  json_builder_add_string_value (builder, options->notify_param);
  json_builder_set_member_name (builder, "tech-faults");
  if (options->tech_faults == GF_SANDBOX_TECH_FAULTS_ALWAYS)
    json_builder_add_string_value (builder, "always");
  else if (options->tech_faults == 0)
    json_builder_add_string_value (builder, "off");
  else
    json_builder_add_int_value (builder, options->tech_faults);
  json_builder_set_member_name (builder, "tech-fault-type");
  json_builder_add_string_value (builder, gf_sandbox_fault_type_name (options->tech_fault_type));
  json_builder_set_member_name (builder, "tech-fault-operations");
  json_builder_add_string_value (builder, ops->str);
  json_builder_set_member_name (builder, "direct-debit");
  json_builder_add_boolean_value (builder, options->direct_debit);
  json_builder_set_member_name (builder, "redirect-method");
  json_builder_add_string_value (builder, options->redirect_post ? "post" : "get");
  json_builder_set_member_name (builder, "soap-delay");
  json_builder_add_int_value (builder, options->soap_delay_ms);
  json_builder_set_member_name (builder, "clock-offset");
  json_builder_add_int_value (builder, options->clock_offset);
  json_builder_set_member_name (builder, "max-amount");
  json_builder_add_int_value (builder, options->max_amount);
  add_numcli_list (builder, "numcli", options->numcli_known);
  add_numcli_list (builder, "numcli-without-ws", options->numcli_without_ws);
}

const GfSandboxOptionInfo *
gf_sandbox_options_list (guint *n_options)
{
  *n_options = G_N_ELEMENTS (option_infos);
  return option_infos;
}

const char *
gf_sandbox_fault_type_name (GfSandboxFaultType type)
{
  g_return_val_if_fail ((guint)type < G_N_ELEMENTS (fault_type_names), NULL);
  return fault_type_names[type];
}
