/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-family-page.h"

#include <glib/gi18n.h>

#include "gf-family-account-group.h"
#include "gf-date.h"
#include "gf-family.h"
#include "gf-family-lists.h"
#include "gf-family-view.h"
#include "gf-guardian-editor.h"
#include "gf-record-form.h"

/* One family: details, guardians, children, invoices and payments, portal account and
 * messages, history. Shown by the families page. Edits are checked field by field and
 * saved through the core's audited functions; a reload never throws unsaved edits away. */

#define HISTORY_PAGE 50

struct _GfFamilyPage
{
  AdwBin     parent_instance;

  /* Template Widgets */
  GtkWidget *archived_bar;
  GtkWidget *changed_bar;
  GtkWidget *family_title;
  GtkWidget *family_subtitle;
  GtkWidget *switcher_squeezer;
  GtkWidget *switcher_none;
  GtkWidget *switcher_bar;
  GtkWidget *view_stack;
  GtkWidget *family_save;
  GtkWidget *family_reference_row;
  GtkWidget *family_address_line1, *family_address_line1_error;
  GtkWidget *family_address_line2, *family_address_line2_error;
  GtkWidget *family_postal_code, *family_postal_code_error;
  GtkWidget *family_city, *family_city_error;
  GtkWidget *family_phone, *family_phone_error;
  GtkWidget *family_email, *family_email_error;
  GtkWidget *family_quotient, *family_quotient_error;
  GtkWidget *family_paperless;
  GtkWidget *family_direct_debit;
  GtkWidget *family_iban_row;
  GtkWidget *family_iban, *family_iban_error;
  GtkWidget *family_bic, *family_bic_error;
  GtkWidget *family_mandate_reference, *family_mandate_reference_error;
  GtkWidget *family_mandate_date, *family_mandate_date_error;
  GtkWidget *family_archive;
  GtkWidget *guardians_page;
  GtkWidget *children_group;
  GtkWidget *invoices_group;
  GtkWidget *payments_group;
  GtkWidget *account_group;
  GtkWidget *messages_group;
  GtkWidget *history_group;
  GtkWidget *history_more;

  /* Owned References */
  GfSession    *session;
  GfRecordForm *form;
  GPtrArray    *guardian_editors;
  GPtrArray    *rows;
  char         *guardians_stamp;   /* what the editors were loaded from */
  GfFamily     *family;

  gint64        family_id;
  guint         history_shown;
};

G_DEFINE_FINAL_TYPE (GfFamilyPage, gf_family_page, ADW_TYPE_BIN)

/*
 * Auxiliary methods
 */

static void
update_save (GfFamilyPage *self)
{
  gtk_widget_set_sensitive (self->family_save, self->family != NULL &&
                            gf_record_form_is_dirty (self->form) &&
                            !gf_record_form_has_errors (self->form));
}

static gboolean
guardians_dirty (GfFamilyPage *self)
{
  for (guint i = 0; i < self->guardian_editors->len; i++)
    {
      GfGuardianEditor *editor = self->guardian_editors->pdata[i];

      if (gf_guardian_editor_get_id (editor) == 0 || gf_guardian_editor_is_dirty (editor))
        return TRUE;
    }
  return FALSE;
}

/* The guardians as stored, in a word: ids and last changes. */
static char *
guardians_stamp (GPtrArray *guardians)
{
  GString *stamp = g_string_new (NULL);

  for (guint i = 0; i < guardians->len; i++)
    {
      GfGuardian *guardian = guardians->pdata[i];

      g_string_append_printf (stamp, "%" G_GINT64_FORMAT ":%s;", guardian->id, guardian->updated_at);
    }
  return g_string_free (stamp, FALSE);
}

static void
load_guardians (GfFamilyPage *self,
                gboolean      force)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) guardians = gf_guardian_list (gf_session_get_db (self->session),
                                                     self->family_id, &error);
  g_autofree char *stamp = NULL;

  if (guardians == NULL)
    {
      gf_session_toast (self->session, error->message);
      return;
    }
  stamp = guardians_stamp (guardians);
  if (!force && g_strcmp0 (stamp, self->guardians_stamp) == 0)
    return;
  if (!force && guardians_dirty (self))
    {
      gtk_info_bar_set_revealed (GTK_INFO_BAR (self->changed_bar), TRUE);
      return;
    }

  for (guint i = 0; i < self->guardian_editors->len; i++)
    adw_preferences_page_remove (ADW_PREFERENCES_PAGE (self->guardians_page),
                                 self->guardian_editors->pdata[i]);
  g_ptr_array_set_size (self->guardian_editors, 0);
  for (guint i = 0; i < guardians->len; i++)
    {
      GtkWidget *editor = gf_guardian_editor_new (self->session, guardians->pdata[i]);

      adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->guardians_page),
                                ADW_PREFERENCES_GROUP (editor));
      g_ptr_array_add (self->guardian_editors, editor);
    }
  g_free (self->guardians_stamp);
  self->guardians_stamp = g_steal_pointer (&stamp);
}

static void
load_history (GfFamilyPage *self,
              gboolean      more)
{
  guint offset = more ? self->history_shown : 0;
  guint added = _gf_family_lists_history (self->session, self->family_id, offset, HISTORY_PAGE,
                                          ADW_PREFERENCES_GROUP (self->history_group), self->rows);

  self->history_shown = offset + added;
  gtk_widget_set_visible (self->history_more, added == HISTORY_PAGE);
}

/* Whether what the form shows changed in the database: archiving or a new time stamp
 * alone do not count. */
static gboolean
form_fields_differ (const GfFamily *a,
                    const GfFamily *b)
{
  g_autoptr(JsonObject) ja = gf_record_to_json (&gf_family_spec, a);
  g_autoptr(JsonObject) jb = gf_record_to_json (&gf_family_spec, b);
  g_autoptr(JsonNode) na = NULL;
  g_autoptr(JsonNode) nb = NULL;

  json_object_remove_member (ja, "updated_at");
  json_object_remove_member (jb, "updated_at");
  json_object_remove_member (ja, "archived");
  json_object_remove_member (jb, "archived");
  na = json_node_init_object (json_node_alloc (), ja);
  nb = json_node_init_object (json_node_alloc (), jb);
  return !json_node_equal (na, nb) || g_strcmp0 (a->iban, b->iban) != 0;
}

/* @force: throw away unsaved edits (a new family, or "Recharger"). */
static void
reload (GfFamilyPage *self,
        gboolean      force)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfFamily) family = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *masked = NULL;

  if (self->family_id <= 0)
    return;
  family = gf_family_get (gf_session_get_db (self->session), self->family_id, &error);
  if (family == NULL)
    {
      gf_session_toast (self->session, error->message);
      return;
    }

  gtk_label_set_text (GTK_LABEL (self->family_title),
                      family->display_name != NULL ? family->display_name : family->reference);
  subtitle = g_strdup_printf (_("File %s"), family->reference);
  gtk_label_set_text (GTK_LABEL (self->family_subtitle), subtitle);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->family_reference_row), family->reference);
  gtk_info_bar_set_revealed (GTK_INFO_BAR (self->archived_bar), family->archived);
  gtk_widget_set_sensitive (self->family_archive, !family->archived);

  if (force || !gf_record_form_is_dirty (self->form))
    {
      gf_record_form_load (self->form, family);
      masked = gf_family_mask_iban (family->iban);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->family_iban_row),
                                   *masked != '\0' ? masked : _("None"));
    }
  else if (form_fields_differ (gf_record_form_get_original (self->form), family))
    gtk_info_bar_set_revealed (GTK_INFO_BAR (self->changed_bar), TRUE);

  g_clear_pointer (&self->family, gf_family_free);
  self->family = g_steal_pointer (&family);
  update_save (self);

  load_guardians (self, force);
  gf_family_account_group_load (GF_FAMILY_ACCOUNT_GROUP (self->account_group), self->session,
                                self->family_id);
  _gf_family_lists_children (self->session, self->family_id,
                             ADW_PREFERENCES_GROUP (self->children_group), self->rows);
  _gf_family_lists_billing (self->session, self->family_id,
                            ADW_PREFERENCES_GROUP (self->invoices_group),
                            ADW_PREFERENCES_GROUP (self->payments_group), self->rows);
  _gf_family_lists_messages (self->session, self->family_id,
                             ADW_PREFERENCES_GROUP (self->messages_group), self->rows);
  load_history (self, FALSE);
}

static GtkWidget *
new_dialog (GfFamilyPage *self,
            const char   *heading,
            const char   *body,
            const char   *response,
            const char   *label)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), response, label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response,
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  return dialog;
}

static void
set_archived (GfFamilyPage *self,
              gboolean      archived)
{
  g_autoptr(GError) error = NULL;
  GfActor actor;

  gf_session_get_actor (self->session, &actor);
  if (!gf_family_set_archived (gf_session_get_db (self->session), &actor, self->family_id,
                               archived, &error))
    {
      gf_session_toast (self->session, error->message);
      return;
    }
  gf_session_toast (self->session, archived ? _("Family archived") : _("Family unarchived"));
  gf_session_notify_changed (self->session);
}

/*
 * Signal callbacks
 */

static void
form_changed_cb (gpointer user_data)
{
  update_save (GF_FAMILY_PAGE (user_data));
}

static void
save_clicked_cb (GfFamilyPage *self)
{
  g_autoptr(GError) error = NULL;
  GfActor actor;

  if (!gtk_widget_get_sensitive (self->family_save))
    return;
  gf_session_get_actor (self->session, &actor);
  if (!gf_family_update (gf_session_get_db (self->session), &actor,
                         gf_record_form_get_record (self->form), &error))
    {
      if (!gf_record_form_show_error (self->form, error))
        gf_session_toast (self->session, error->message);
      update_save (self);
      return;
    }
  gf_record_form_load (self->form, gf_record_form_get_record (self->form));
  gtk_info_bar_set_revealed (GTK_INFO_BAR (self->changed_bar), FALSE);
  gf_session_toast (self->session, _("File saved"));
  gf_session_notify_changed (self->session);
}

static void
archive_response_cb (GfFamilyPage *self,
                     const char   *response)
{
  if (g_strcmp0 (response, "archive") == 0)
    set_archived (self, TRUE);
}

static void
archive_clicked_cb (GfFamilyPage *self)
{
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->family == NULL)
    return;
  body = g_strdup_printf (_("The file %s (%s) leaves the lists and the searches. Its invoices, "
                            "payments and history are kept; it can be unarchived."),
                          self->family->reference,
                          self->family->display_name != NULL ? self->family->display_name : "");
  dialog = new_dialog (self, _("Archive this family?"), body, "archive", _("_Archive"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (archive_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
unarchive_clicked_cb (GfFamilyPage *self)
{
  set_archived (self, FALSE);
}

static void
reload_clicked_cb (GfFamilyPage *self)
{
  gtk_info_bar_set_revealed (GTK_INFO_BAR (self->changed_bar), FALSE);
  reload (self, TRUE);
}

static void
discard_guardian_cb (GfFamilyPage     *self,
                     GfGuardianEditor *editor)
{
  adw_preferences_page_remove (ADW_PREFERENCES_PAGE (self->guardians_page),
                               ADW_PREFERENCES_GROUP (editor));
  g_ptr_array_remove (self->guardian_editors, editor);
}

/* A new guardian is typed at the top, just under the button, and created by its own
 * "Enregistrer"; the bin button drops it. */
static void
add_guardian_clicked_cb (GfFamilyPage *self)
{
  g_autoptr(GfGuardian) guardian = gf_guardian_new (self->family_id);
  GtkWidget *editor = gf_guardian_editor_new (self->session, guardian);

  /* AdwPreferencesPage only appends: the others go after it again. */
  for (guint i = 0; i < self->guardian_editors->len; i++)
    {
      g_object_ref (self->guardian_editors->pdata[i]);
      adw_preferences_page_remove (ADW_PREFERENCES_PAGE (self->guardians_page),
                                   self->guardian_editors->pdata[i]);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->guardians_page),
                            ADW_PREFERENCES_GROUP (editor));
  for (guint i = 0; i < self->guardian_editors->len; i++)
    {
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->guardians_page),
                                self->guardian_editors->pdata[i]);
      g_object_unref (self->guardian_editors->pdata[i]);
    }
  g_ptr_array_insert (self->guardian_editors, 0, editor);
  g_signal_connect_object (editor, "discard", G_CALLBACK (discard_guardian_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_grab_focus (editor);
}

static void
history_more_clicked_cb (GfFamilyPage *self)
{
  load_history (self, TRUE);
}

static void
squeezer_changed_cb (GfFamilyPage *self)
{
  /* The tabs do not fit at the top: they move to the bottom bar. */
  adw_view_switcher_bar_set_reveal (ADW_VIEW_SWITCHER_BAR (self->switcher_bar),
                                    adw_squeezer_get_visible_child (ADW_SQUEEZER (self->switcher_squeezer))
                                    == self->switcher_none);
}

static void
session_changed_cb (GfFamilyPage *self)
{
  reload (self, FALSE);
}

/*
 * GObject
 */

static void
gf_family_page_dispose (GObject *object)
{
  GfFamilyPage *self = GF_FAMILY_PAGE (object);

  g_clear_pointer (&self->form, gf_record_form_free);
  /* A bound template child may be the bin's own child: let go of it first, or the
   * bin unparents it again after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GF_TYPE_FAMILY_PAGE);

  G_OBJECT_CLASS (gf_family_page_parent_class)->dispose (object);
}

static void
gf_family_page_finalize (GObject *object)
{
  GfFamilyPage *self = GF_FAMILY_PAGE (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->guardian_editors, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->guardians_stamp, g_free);
  g_clear_pointer (&self->family, gf_family_free);

  G_OBJECT_CLASS (gf_family_page_parent_class)->finalize (object);
}

static void
gf_family_page_class_init (GfFamilyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_family_page_dispose;
  object_class->finalize = gf_family_page_finalize;

  g_type_ensure (GF_TYPE_FAMILY_ACCOUNT_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/guichetfamilles/Guichet/gf-family-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, GfFamilyPage, name)
  BIND (archived_bar); BIND (changed_bar); BIND (family_title); BIND (family_subtitle);
  BIND (switcher_squeezer); BIND (switcher_none); BIND (switcher_bar); BIND (view_stack);
  BIND (family_save); BIND (family_reference_row);
  BIND (family_address_line1); BIND (family_address_line1_error);
  BIND (family_address_line2); BIND (family_address_line2_error);
  BIND (family_postal_code); BIND (family_postal_code_error);
  BIND (family_city); BIND (family_city_error);
  BIND (family_phone); BIND (family_phone_error);
  BIND (family_email); BIND (family_email_error);
  BIND (family_quotient); BIND (family_quotient_error);
  BIND (family_paperless); BIND (family_direct_debit); BIND (family_iban_row);
  BIND (family_iban); BIND (family_iban_error);
  BIND (family_bic); BIND (family_bic_error);
  BIND (family_mandate_reference); BIND (family_mandate_reference_error);
  BIND (family_mandate_date); BIND (family_mandate_date_error);
  BIND (family_archive); BIND (guardians_page); BIND (children_group);
  BIND (invoices_group); BIND (payments_group);
  BIND (account_group);
  BIND (messages_group); BIND (history_group); BIND (history_more);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, archive_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, unarchive_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, reload_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_guardian_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, history_more_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, squeezer_changed_cb);
}

static void
gf_family_page_init (GfFamilyPage *self)
{
  GtkWidget *entries[11];

  gtk_widget_init_template (GTK_WIDGET (self));

  self->guardian_editors = g_ptr_array_new ();
  self->rows = g_ptr_array_new ();
  self->form = gf_record_form_new (&gf_family_spec, sizeof (GfFamily), form_changed_cb, self);
#define TEXT(column) \
  gf_record_form_add_text (self->form, #column, self->family_##column, self->family_##column##_error)
  TEXT (address_line1);
  TEXT (address_line2);
  TEXT (postal_code);
  TEXT (city);
  TEXT (phone);
  TEXT (email);
  TEXT (bic);
  TEXT (mandate_reference);
#undef TEXT
  gf_record_form_add_int (self->form, "quotient_familial", self->family_quotient,
                          self->family_quotient_error);
  gf_record_form_add_iban (self->form, "iban", self->family_iban, self->family_iban_error);
  gf_record_form_add_date (self->form, "mandate_date", self->family_mandate_date,
                           self->family_mandate_date_error);
  gf_record_form_add_bool (self->form, "paperless", self->family_paperless);
  gf_record_form_add_bool (self->form, "direct_debit", self->family_direct_debit);

  /* Enter in any field saves, as the default button would. */
  entries[0] = self->family_address_line1;
  entries[1] = self->family_address_line2;
  entries[2] = self->family_postal_code;
  entries[3] = self->family_city;
  entries[4] = self->family_phone;
  entries[5] = self->family_email;
  entries[6] = self->family_quotient;
  entries[7] = self->family_iban;
  entries[8] = self->family_bic;
  entries[9] = self->family_mandate_reference;
  entries[10] = self->family_mandate_date;
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    g_signal_connect_object (entries[i], "entry-activated", G_CALLBACK (save_clicked_cb), self,
                             G_CONNECT_SWAPPED);
}

GtkWidget *
gf_family_page_new (GfSession *session)
{
  GfFamilyPage *self;

  g_return_val_if_fail (GF_IS_SESSION (session), NULL);

  self = g_object_new (GF_TYPE_FAMILY_PAGE, NULL);
  self->session = g_object_ref (session);
  g_signal_connect_object (session, "changed", G_CALLBACK (session_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

/* Shows @family_id from scratch, on its first tab. */
void
gf_family_page_load (GfFamilyPage *self,
                     gint64        family_id)
{
  g_return_if_fail (GF_IS_FAMILY_PAGE (self));

  self->family_id = family_id;
  gtk_info_bar_set_revealed (GTK_INFO_BAR (self->changed_bar), FALSE);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->view_stack), "details");
  reload (self, TRUE);
}

gint64
gf_family_page_get_family_id (GfFamilyPage *self)
{
  g_return_val_if_fail (GF_IS_FAMILY_PAGE (self), 0);

  return self->family_id;
}
