/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-settings.h"
#include "gf-i18n.h"
#include "gf-mail-message.h"
#include "gf-validate.h"

typedef enum
{
  KIND_TEXT,
  KIND_EMAIL,
  KIND_URL,
  KIND_BOOL,
  KIND_INT,
  KIND_SAISIE,
  KIND_SECRET,
  KIND_PHONE,
  KIND_NUMCLI,
  KIND_MAILBOX,
} SettingKind;

typedef struct
{
  const char  *key;
  SettingKind  kind;
  const char  *fallback;
  gint64       min;
  gint64       max;
} Setting;

static const Setting settings[] = {
  { GF_SETTING_COLLECTIVITE_NAME, KIND_TEXT, "Mairie" },
  { GF_SETTING_SERVICE_NAME, KIND_TEXT, "Facturation" },
  { GF_SETTING_ADDRESS, KIND_TEXT, "" },
  { GF_SETTING_PHONE, KIND_PHONE, "" },
  { GF_SETTING_OPENING_HOURS, KIND_TEXT, "" },
  { GF_SETTING_CONTACT_EMAIL, KIND_EMAIL, "" },
  { GF_SETTING_PORTAL_URL, KIND_URL, "http://127.0.0.1:8080" },
  { GF_SETTING_MAIL_SENDER, KIND_MAILBOX, "" },
  { GF_SETTING_SMTP_URL, KIND_URL, "" },
  { GF_SETTING_SMTP_USERNAME, KIND_TEXT, "" },
  { GF_SETTING_SMTP_PASSWORD, KIND_SECRET, "" },
  { GF_SETTING_PAYFIP_NUMCLI, KIND_NUMCLI, "" },
  { GF_SETTING_PAYFIP_SAISIE, KIND_SAISIE, "T" },
  { GF_SETTING_PAYFIP_ENDPOINT, KIND_URL, "" },
  { GF_SETTING_PAYFIP_PAYMENT_URL, KIND_URL, "" },
  { GF_SETTING_PAYMENTS_MULTI, KIND_BOOL, "1" },
  { GF_SETTING_PAYMENTS_SUSPENDED, KIND_BOOL, "0" },
  { GF_SETTING_PAYMENT_LOCK_MINUTES, KIND_INT, "120", 15, 1440 },
  { GF_SETTING_INVOICE_DUE_DAYS, KIND_INT, "30", 1, 120 },
};

static const Setting *
find_setting (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    if (g_strcmp0 (settings[i].key, key) == 0)
      return &settings[i];
  return NULL;
}

gboolean
gf_settings_is_known (const char *key)
{
  return find_setting (key) != NULL;
}

const char * const *
gf_settings_list_keys (void)
{
  static const char *keys[G_N_ELEMENTS (settings) + 1];

  if (keys[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
      keys[i] = settings[i].key;
  return keys;
}

/* Returns: (transfer full): the stored value, else the default ("" for unknown keys). */
char *
gf_settings_get (GfDb       *db,
                 const char *key)
{
  const Setting *setting = find_setting (key);
  g_autoptr(GError) error = NULL;
  g_autoptr(GfStmt) stmt = NULL;

  g_return_val_if_fail (setting != NULL, g_strdup (""));

  stmt = gf_db_prepare (db, "SELECT value FROM setting WHERE key = ?1", &error);
  if (stmt != NULL)
    {
      gf_stmt_bind_text (stmt, 1, key);
      if (gf_db_step (db, stmt, &error) == GF_DB_STEP_ROW)
        return gf_stmt_dup_text (stmt, 0);
    }
  if (error != NULL)
    g_warning ("reading setting %s: %s", key, error->message);

  return g_strdup (setting->fallback);
}

gint64
gf_settings_get_int (GfDb       *db,
                     const char *key)
{
  g_autofree char *value = gf_settings_get (db, key);

  return g_ascii_strtoll (value, NULL, 10);
}

gboolean
gf_settings_get_bool (GfDb       *db,
                      const char *key)
{
  g_autofree char *value = gf_settings_get (db, key);

  return g_strcmp0 (value, "1") == 0;
}

/* g_uri_is_valid() alone takes "abc:def": the settings' addresses are web or mail ones. */
static gboolean
is_web_or_mail_url (const char *value)
{
  static const char * const schemes[] = { "http", "https", "smtp", "smtps", NULL };
  g_autoptr(GUri) uri = g_uri_parse (value, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && g_strv_contains (schemes, g_uri_get_scheme (uri)) &&
         g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0';
}

static gboolean
check_value (const Setting  *setting,
             const char     *value,
             GError        **error)
{
  gint64 number;

  switch (setting->kind)
    {
    case KIND_EMAIL:
      return *value == '\0' || gf_validate_email (value, error);

    case KIND_URL:
      if (*value != '\0' && !is_web_or_mail_url (value))
        {
          g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                       _("Enter an address starting with http://, https:// or smtp://, for example "
                         "https://familles.mairie.fr."));
          return FALSE;
        }
      return TRUE;

    case KIND_BOOL:
      if (g_strcmp0 (value, "0") != 0 && g_strcmp0 (value, "1") != 0)
        {
          g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID, _("Enter 0 or 1."));
          return FALSE;
        }
      return TRUE;

    case KIND_INT:
      if (!g_ascii_string_to_signed (value, 10, setting->min, setting->max, &number, NULL))
        {
          g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_OUT_OF_RANGE,
                       _("Enter a number between %lld and %lld."),
                       (long long)setting->min, (long long)setting->max);
          return FALSE;
        }
      return TRUE;

    case KIND_SAISIE:
      if (g_strcmp0 (value, "T") != 0 && g_strcmp0 (value, "X") != 0 && g_strcmp0 (value, "W") != 0)
        {
          g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                       _("The PayFiP mode is T (test), X (activation) or W (production)."));
          return FALSE;
        }
      return TRUE;

    case KIND_PHONE:
      return *value == '\0' || gf_validate_phone (value, error);

    case KIND_NUMCLI:
      /* The DGFiP's customer number: six digits, kept as typed (leading zeros count). */
      if (*value != '\0' && (strlen (value) != 6 || strspn (value, "0123456789") != 6))
        {
          g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                       _("The PayFiP customer number is 6 digits, for example 012345."));
          return FALSE;
        }
      return TRUE;

    case KIND_MAILBOX:
      if (*value != '\0' && !gf_mail_message_parse_mailbox (value, NULL, NULL, NULL))
        {
          g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                       _("Enter an address such as “Mairie <ne-pas-repondre@mairie.fr>”."));
          return FALSE;
        }
      return gf_validate_text (value, 300, FALSE, error);

    case KIND_TEXT:
    case KIND_SECRET:
    default:
      return gf_validate_text (value, 4000, FALSE, error);
    }
}

typedef struct
{
  const Setting *setting;
  const char    *value;
} SetCall;

static gboolean
set_cb (GfDb      *db,
        GfChange  *change,
        gpointer   user_data,
        GError   **error)
{
  SetCall *call = user_data;
  g_autoptr(GfStmt) stmt = NULL;
  JsonObject *details;

  stmt = gf_db_prepare (db, "INSERT INTO setting (key, value) VALUES (?1, ?2) "
                            "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;
  gf_stmt_bind_text (stmt, 1, call->setting->key);
  gf_stmt_bind_text (stmt, 2, call->value);
  if (!gf_db_step_done (db, stmt, error))
    return FALSE;

  details = json_object_new ();
  json_object_set_string_member (details, "key", call->setting->key);
  /* A password never goes to the audit log. */
  json_object_set_string_member (details, "value",
                                 call->setting->kind == KIND_SECRET ? "changed" : call->value);
  gf_change_record (change, "set", "setting", 0, details);
  return TRUE;
}

gboolean
gf_settings_set (GfDb           *db,
                 const GfActor  *actor,
                 const char     *key,
                 const char     *value,
                 GError        **error)
{
  SetCall call = { find_setting (key), value };

  if (call.setting == NULL)
    {
      g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID, _("Unknown setting “%s”."), key);
      return FALSE;
    }
  if (value == NULL || !check_value (call.setting, value, error))
    return FALSE;

  return gf_db_change (db, actor, set_cb, &call, error);
}

/**
 * gf_settings_check:
 * @key: a known key
 * @value: what the person typed
 *
 * Checks one value as gf_settings_set() would, so a form can show the error next to the
 * field before saving anything.
 */
gboolean
gf_settings_check (const char  *key,
                   const char  *value,
                   GError     **error)
{
  const Setting *setting = find_setting (key);

  if (setting == NULL)
    {
      g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID, _("Unknown setting “%s”."), key);
      return FALSE;
    }
  if (value == NULL)
    {
      g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_REQUIRED, _("Enter a value."));
      return FALSE;
    }
  return check_value (setting, value, error);
}

typedef struct
{
  GHashTable *values;
} SetManyCall;

static gboolean
set_many_cb (GfDb      *db,
             GfChange  *change,
             gpointer   user_data,
             GError   **error)
{
  SetManyCall *call = user_data;
  const char * const *keys = gf_settings_list_keys ();

  /* In the table's order, so the audit lines read the same way every time. */
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *value = g_hash_table_lookup (call->values, keys[i]);
      g_autofree char *old = NULL;
      SetCall one = { find_setting (keys[i]), value };

      if (value == NULL)
        continue;
      old = gf_settings_get (db, keys[i]);
      if (g_strcmp0 (old, value) == 0)
        continue;
      if (!set_cb (db, change, &one, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * gf_settings_set_many:
 * @values: (element-type utf8 utf8): key → new value
 * @out_bad_key: (out) (optional) (transfer none): the first key whose value is refused
 *
 * Checks every value first, then saves those that changed in one audited transaction:
 * one wrong value and nothing is saved.
 */
gboolean
gf_settings_set_many (GfDb           *db,
                      const GfActor  *actor,
                      GHashTable     *values,
                      const char    **out_bad_key,
                      GError        **error)
{
  SetManyCall call = { values };
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (values != NULL, FALSE);

  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!gf_settings_check (key, value, error))
      {
        if (out_bad_key != NULL)
          *out_bad_key = key;
        return FALSE;
      }

  return gf_db_change (db, actor, set_many_cb, &call, error);
}
