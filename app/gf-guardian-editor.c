/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-guardian-editor.h"

#include <glib/gi18n.h>

#include "gf-family-view.h"
#include "gf-record-form.h"

/* One guardian of the family page, edited in place: each field checked as it is typed,
 * "Enregistrer" only when something changed and nothing is wrong. A guardian not yet
 * saved (id 0) is created by the same button. */

struct _GfGuardianEditor
{
  AdwPreferencesGroup  parent_instance;

  /* Template Widgets */
  GtkWidget           *guardian_remove;
  GtkWidget           *guardian_save;
  GtkWidget           *guardian_civility;
  GtkWidget           *guardian_last_name;
  GtkWidget           *guardian_last_name_error;
  GtkWidget           *guardian_first_name;
  GtkWidget           *guardian_first_name_error;
  GtkWidget           *guardian_relation;
  GtkWidget           *guardian_relation_error;
  GtkWidget           *guardian_phone_mobile;
  GtkWidget           *guardian_phone_mobile_error;
  GtkWidget           *guardian_phone_home;
  GtkWidget           *guardian_phone_home_error;
  GtkWidget           *guardian_phone_work;
  GtkWidget           *guardian_phone_work_error;
  GtkWidget           *guardian_email;
  GtkWidget           *guardian_email_error;
  GtkWidget           *guardian_payer;

  /* Owned References */
  GfSession           *session;
  GfRecordForm        *form;
};

G_DEFINE_FINAL_TYPE (GfGuardianEditor, gf_guardian_editor, ADW_TYPE_PREFERENCES_GROUP)

enum {
  SIGNAL_SAVED,
  SIGNAL_DISCARD,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static const char * const civilities[] = { "", "M.", "Mme", NULL };

static void
update_state (GfGuardianEditor *self)
{
  const GfGuardian *original = gf_record_form_get_original (self->form);
  gboolean dirty = gf_record_form_is_dirty (self->form) || original->id == 0;

  gtk_widget_set_sensitive (self->guardian_save,
                            dirty && !gf_record_form_has_errors (self->form));
  gtk_widget_set_sensitive (self->guardian_remove, !original->payer);
  gtk_widget_set_tooltip_text (self->guardian_remove,
                               original->payer ? _("The payer cannot be removed")
                                               : _("Remove this guardian"));
}

static void
form_changed_cb (gpointer user_data)
{
  update_state (GF_GUARDIAN_EDITOR (user_data));
}

static void
save_clicked_cb (GfGuardianEditor *self)
{
  g_autoptr(GError) error = NULL;
  GfGuardian *guardian = gf_record_form_get_record (self->form);
  GfActor actor;
  gboolean ok;

  if (!gtk_widget_get_sensitive (self->guardian_save))
    return;
  gf_session_get_actor (self->session, &actor);
  if (guardian->id == 0)
    ok = gf_guardian_create (gf_session_get_db (self->session), &actor, guardian, &error);
  else
    ok = gf_family_save_guardian (gf_session_get_db (self->session), &actor, guardian, &error);

  if (!ok)
    {
      /* A failed create may have set an id in the working copy: keep it new. */
      if (gf_guardian_editor_get_id (self) == 0)
        guardian->id = 0;
      if (!gf_record_form_show_error (self->form, error))
        gf_session_toast (self->session, error->message);
      update_state (self);
      return;
    }

  gf_record_form_load (self->form, guardian);
  update_state (self);
  gf_session_toast (self->session, _("Guardian saved"));
  gf_session_notify_changed (self->session);
  /* Last: a handler may remove this editor. */
  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
}

static void
remove_response_cb (GfGuardianEditor *self,
                    const char       *response)
{
  g_autoptr(GError) error = NULL;
  GfActor actor;

  if (g_strcmp0 (response, "remove") != 0)
    return;
  gf_session_get_actor (self->session, &actor);
  if (!gf_family_remove_guardian (gf_session_get_db (self->session), &actor,
                                  gf_guardian_editor_get_id (self), &error))
    {
      gf_session_toast (self->session, error->message);
      return;
    }
  gf_session_toast (self->session, _("Guardian removed"));
  gf_session_notify_changed (self->session);
}

static void
remove_clicked_cb (GfGuardianEditor *self)
{
  const GfGuardian *guardian = gf_record_form_get_original (self->form);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* Not saved yet: nothing to confirm. */
  if (guardian->id == 0)
    {
      g_signal_emit (self, signals[SIGNAL_DISCARD], 0);
      return;
    }
  body = g_strdup_printf (_("%s %s will no longer be a guardian of this family. "
                                             "The history keeps the removal."),
                                           guardian->first_name, guardian->last_name);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              _("Remove this guardian?"), body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
gf_guardian_editor_dispose (GObject *object)
{
  GfGuardianEditor *self = GF_GUARDIAN_EDITOR (object);

  g_clear_pointer (&self->form, gf_record_form_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), GF_TYPE_GUARDIAN_EDITOR);

  G_OBJECT_CLASS (gf_guardian_editor_parent_class)->dispose (object);
}

static void
gf_guardian_editor_finalize (GObject *object)
{
  GfGuardianEditor *self = GF_GUARDIAN_EDITOR (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (gf_guardian_editor_parent_class)->finalize (object);
}

static void
gf_guardian_editor_class_init (GfGuardianEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_guardian_editor_dispose;
  object_class->finalize = gf_guardian_editor_finalize;

  /* After a successful save. */
  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The bin button of a guardian not saved yet: its owner removes the editor. */
  signals[SIGNAL_DISCARD] = g_signal_new ("discard", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/guichetfamilles/Guichet/gf-guardian-editor.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, GfGuardianEditor, name)
  BIND (guardian_remove);
  BIND (guardian_save);
  BIND (guardian_civility);
  BIND (guardian_last_name);
  BIND (guardian_last_name_error);
  BIND (guardian_first_name);
  BIND (guardian_first_name_error);
  BIND (guardian_relation);
  BIND (guardian_relation_error);
  BIND (guardian_phone_mobile);
  BIND (guardian_phone_mobile_error);
  BIND (guardian_phone_home);
  BIND (guardian_phone_home_error);
  BIND (guardian_phone_work);
  BIND (guardian_phone_work_error);
  BIND (guardian_email);
  BIND (guardian_email_error);
  BIND (guardian_payer);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
}

static void
gf_guardian_editor_init (GfGuardianEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->form = gf_record_form_new (&gf_guardian_spec, sizeof (GfGuardian), form_changed_cb, self);
  gf_record_form_add_choice (self->form, "civility", self->guardian_civility, civilities);
  gf_record_form_add_text (self->form, "last_name", self->guardian_last_name,
                           self->guardian_last_name_error);
  gf_record_form_add_text (self->form, "first_name", self->guardian_first_name,
                           self->guardian_first_name_error);
  gf_record_form_add_text (self->form, "relation", self->guardian_relation,
                           self->guardian_relation_error);
  gf_record_form_add_text (self->form, "phone_mobile", self->guardian_phone_mobile,
                           self->guardian_phone_mobile_error);
  gf_record_form_add_text (self->form, "phone_home", self->guardian_phone_home,
                           self->guardian_phone_home_error);
  gf_record_form_add_text (self->form, "phone_work", self->guardian_phone_work,
                           self->guardian_phone_work_error);
  gf_record_form_add_text (self->form, "email", self->guardian_email, self->guardian_email_error);
  gf_record_form_add_bool (self->form, "payer", self->guardian_payer);

  /* Enter in any field saves, as the default button would. */
  {
    GtkWidget *entries[] = {
      self->guardian_last_name, self->guardian_first_name, self->guardian_relation,
      self->guardian_phone_mobile, self->guardian_phone_home, self->guardian_phone_work,
      self->guardian_email,
    };

    for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
      g_signal_connect_object (entries[i], "entry-activated", G_CALLBACK (save_clicked_cb), self,
                               G_CONNECT_SWAPPED);
  }
}

GtkWidget *
gf_guardian_editor_new (GfSession        *session,
                        const GfGuardian *guardian)
{
  GfGuardianEditor *self;

  g_return_val_if_fail (GF_IS_SESSION (session), NULL);
  g_return_val_if_fail (guardian != NULL, NULL);

  self = g_object_new (GF_TYPE_GUARDIAN_EDITOR, NULL);
  self->session = g_object_ref (session);
  gf_guardian_editor_load (self, guardian);
  return GTK_WIDGET (self);
}

void
gf_guardian_editor_load (GfGuardianEditor *self,
                         const GfGuardian *guardian)
{
  g_autofree char *title = NULL;

  g_return_if_fail (GF_IS_GUARDIAN_EDITOR (self));

  gf_record_form_load (self->form, guardian);
  if (guardian->id == 0)
    title = g_strdup (_("New guardian"));
  else
    title = g_strdup_printf ("%s %s %s", guardian->civility, guardian->first_name,
                             guardian->last_name);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), g_strstrip (title));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         guardian->payer ? _("Payer: receives the invoices")
                                                         : NULL);
  update_state (self);
}

gint64
gf_guardian_editor_get_id (GfGuardianEditor *self)
{
  g_return_val_if_fail (GF_IS_GUARDIAN_EDITOR (self), 0);

  return ((const GfGuardian *) gf_record_form_get_original (self->form))->id;
}

gboolean
gf_guardian_editor_is_dirty (GfGuardianEditor *self)
{
  g_return_val_if_fail (GF_IS_GUARDIAN_EDITOR (self), FALSE);

  return gf_record_form_is_dirty (self->form);
}
