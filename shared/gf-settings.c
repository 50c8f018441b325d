/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-settings.h"
#include "gf-i18n.h"
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
  { GF_SETTING_PHONE, KIND_TEXT, "" },
  { GF_SETTING_OPENING_HOURS, KIND_TEXT, "" },
  { GF_SETTING_CONTACT_EMAIL, KIND_EMAIL, "" },
  { GF_SETTING_PORTAL_URL, KIND_URL, "http://127.0.0.1:8080" },
  { GF_SETTING_MAIL_SENDER, KIND_TEXT, "" },
  { GF_SETTING_SMTP_URL, KIND_URL, "" },
  { GF_SETTING_SMTP_USERNAME, KIND_TEXT, "" },
  { GF_SETTING_SMTP_PASSWORD, KIND_SECRET, "" },
  { GF_SETTING_PAYFIP_NUMCLI, KIND_TEXT, "" },
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
      if (*value != '\0' && !g_uri_is_valid (value, G_URI_FLAGS_NONE, NULL))
        {
          g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID,
                       _("Enter a full address starting with http://, https:// or smtp://."));
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
