/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-settings-page.h"
#include "gf-field-error.h"
#include "gf-settings.h"
#include "gf-staff-users-group.h"

#include <glib/gi18n.h>

/* "Paramètres" (administrators): the collectivité's settings, checked field by field (the
 * error under the field) and saved together in one audited change, then the staff users.
 * The rows of the .ui are named after the keys: KEY_row, KEY_error, KEY_switch. */

typedef enum
{
  FIELD_ENTRY,
  FIELD_SWITCH,
  FIELD_SAISIE,
} FieldKind;

static const struct
{
  const char *key;
  FieldKind   kind;
} fields[] = {
  { GF_SETTING_COLLECTIVITE_NAME, FIELD_ENTRY },
  { GF_SETTING_SERVICE_NAME, FIELD_ENTRY },
  { GF_SETTING_ADDRESS, FIELD_ENTRY },
  { GF_SETTING_PHONE, FIELD_ENTRY },
  { GF_SETTING_OPENING_HOURS, FIELD_ENTRY },
  { GF_SETTING_CONTACT_EMAIL, FIELD_ENTRY },
  { GF_SETTING_PORTAL_URL, FIELD_ENTRY },
  { GF_SETTING_MAIL_SENDER, FIELD_ENTRY },
  { GF_SETTING_SMTP_URL, FIELD_ENTRY },
  { GF_SETTING_PAYFIP_NUMCLI, FIELD_ENTRY },
  { GF_SETTING_PAYFIP_SAISIE, FIELD_SAISIE },
  { GF_SETTING_PAYFIP_ENDPOINT, FIELD_ENTRY },
  { GF_SETTING_PAYFIP_PAYMENT_URL, FIELD_ENTRY },
  { GF_SETTING_PAYMENTS_MULTI, FIELD_SWITCH },
  { GF_SETTING_PAYMENTS_SUSPENDED, FIELD_SWITCH },
  { GF_SETTING_PAYMENT_LOCK_MINUTES, FIELD_ENTRY },
  { GF_SETTING_INVOICE_DUE_DAYS, FIELD_ENTRY },
};

/* The PayFiP modes in the combo's order (gf-payfip-types.h: T, X, W). */
static const char * const saisie_codes[] = { "T", "X", "W" };

struct _GfSettingsPage
{
  AdwBin              parent_instance;

  /* Template Widgets */
  GfStaffUsersGroup  *staff_group;

  /* Borrowed References: the rows of fields[], in the same order */
  GtkWidget          *rows[G_N_ELEMENTS (fields)];
  GtkWidget          *errors[G_N_ELEMENTS (fields)];
  GtkWidget          *switches[G_N_ELEMENTS (fields)];

  /* Owned References */
  GfSession          *session;

  gboolean            loading;
  gboolean            dirty;
};

G_DEFINE_FINAL_TYPE (GfSettingsPage, gf_settings_page, ADW_TYPE_BIN)

static GtkWidget *
template_child (GfSettingsPage *self,
                const char     *key,
                const char     *suffix)
{
  g_autofree char *name = g_strconcat (key, suffix, NULL);
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (self), GF_TYPE_SETTINGS_PAGE, name);

  g_assert (GTK_IS_WIDGET (child));
  return GTK_WIDGET (child);
}

static char *
field_value (GfSettingsPage *self,
             guint           i)
{
  guint selected;

  switch (fields[i].kind)
    {
    case FIELD_SWITCH:
      return g_strdup (gtk_switch_get_active (GTK_SWITCH (self->switches[i])) ? "1" : "0");
    case FIELD_SAISIE:
      selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->rows[i]));
      return g_strdup (selected < G_N_ELEMENTS (saisie_codes) ? saisie_codes[selected] : "T");
    case FIELD_ENTRY:
    default:
      return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->rows[i]))));
    }
}

static void
load (GfSettingsPage *self)
{
  GfDb *db = gf_session_get_db (self->session);

  self->loading = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *value = gf_settings_get (db, fields[i].key);

      gf_field_error_show (self->errors[i], self->rows[i], NULL);
      switch (fields[i].kind)
        {
        case FIELD_SWITCH:
          gtk_switch_set_active (GTK_SWITCH (self->switches[i]), g_strcmp0 (value, "1") == 0);
          break;
        case FIELD_SAISIE:
          for (guint k = 0; k < G_N_ELEMENTS (saisie_codes); k++)
            if (g_strcmp0 (value, saisie_codes[k]) == 0)
              adw_combo_row_set_selected (ADW_COMBO_ROW (self->rows[i]), k);
          break;
        case FIELD_ENTRY:
        default:
          gtk_editable_set_text (GTK_EDITABLE (self->rows[i]), value);
          break;
        }
    }
  self->loading = FALSE;
  self->dirty = FALSE;
}

static void
field_changed_cb (GfSettingsPage *self)
{
  if (!self->loading)
    self->dirty = TRUE;
}

static void
save_clicked_cb (GfSettingsPage *self)
{
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GError) error = NULL;
  GtkWidget *first_wrong = NULL;
  const char *bad_key = NULL;
  GfActor actor;

  /* Every field is checked, so all the errors show at once. */
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(GError) field_error = NULL;
      char *value = field_value (self, i);

      g_hash_table_insert (values, (gpointer)fields[i].key, value);
      if (gf_settings_check (fields[i].key, value, &field_error))
        gf_field_error_show (self->errors[i], self->rows[i], NULL);
      else
        {
          gf_field_error_show (self->errors[i], self->rows[i], field_error->message);
          if (first_wrong == NULL)
            first_wrong = self->rows[i];
        }
    }
  if (first_wrong != NULL)
    {
      gtk_widget_grab_focus (first_wrong);
      gf_session_toast (self->session, _("Nothing was saved: correct the fields in red."));
      return;
    }

  gf_session_get_actor (self->session, &actor);
  if (!gf_settings_set_many (gf_session_get_db (self->session), &actor, values, &bad_key, &error))
    {
      gf_session_toast (self->session, error->message);
      return;
    }
  self->dirty = FALSE;
  gf_session_toast (self->session, _("Settings saved."));
  gf_session_notify_changed (self->session);
}

static void
changed_cb (GfSettingsPage *self)
{
  /* Another change (the portal, another page) must not wipe what is being typed. */
  if (!self->dirty)
    load (self);
  gf_staff_users_group_reload (self->staff_group);
}

static void
gf_settings_page_dispose (GObject *object)
{
  /* A bound template child may be the bin's own child: let go of it first, or the
   * bin unparents it again after the template did. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), GF_TYPE_SETTINGS_PAGE);

  G_OBJECT_CLASS (gf_settings_page_parent_class)->dispose (object);
}

static void
gf_settings_page_finalize (GObject *object)
{
  GfSettingsPage *self = GF_SETTINGS_PAGE (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (gf_settings_page_parent_class)->finalize (object);
}

static void
gf_settings_page_class_init (GfSettingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_settings_page_dispose;
  object_class->finalize = gf_settings_page_finalize;

  g_type_ensure (GF_TYPE_STAFF_USERS_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/guichetfamilles/Guichet/gf-settings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GfSettingsPage, staff_group);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);

  /* gtk_widget_get_template_child() only finds the children bound here. */
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      char *row = g_strconcat (fields[i].key, "_row", NULL);
      char *error = g_strconcat (fields[i].key, "_error", NULL);

      gtk_widget_class_bind_template_child_full (widget_class, g_intern_string (row), FALSE, 0);
      gtk_widget_class_bind_template_child_full (widget_class, g_intern_string (error), FALSE, 0);
      if (fields[i].kind == FIELD_SWITCH)
        {
          char *sw = g_strconcat (fields[i].key, "_switch", NULL);

          gtk_widget_class_bind_template_child_full (widget_class, g_intern_string (sw), FALSE, 0);
          g_free (sw);
        }
      g_free (row);
      g_free (error);
    }
}

static void
gf_settings_page_init (GfSettingsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      self->rows[i] = template_child (self, fields[i].key, "_row");
      self->errors[i] = template_child (self, fields[i].key, "_error");
      gf_field_error_init (self->errors[i]);
      if (fields[i].kind == FIELD_SWITCH)
        self->switches[i] = template_child (self, fields[i].key, "_switch");
    }
}

GtkWidget *
gf_settings_page_new (GfSession *session)
{
  GfSettingsPage *self;

  g_return_val_if_fail (GF_IS_SESSION (session), NULL);

  self = g_object_new (GF_TYPE_SETTINGS_PAGE, NULL);
  self->session = g_object_ref (session);
  gf_staff_users_group_set_session (self->staff_group, session);
  g_signal_connect_object (session, "changed", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  load (self);
  return GTK_WIDGET (self);
}
