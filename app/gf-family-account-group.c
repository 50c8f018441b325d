/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-family-account-group.h"

#include <glib/gi18n.h>

#include "gf-citizen-account.h"
#include "gf-citizen-invitation.h"
#include "gf-date.h"
#include "gf-family-view.h"

/* The family's portal account on the family page: its state, login and last login; the
 * invitation (an activation link by e-mail, as the portal's "J'active mon compte" sends)
 * and, confirmed, disabling. */

struct _GfFamilyAccountGroup
{
  AdwPreferencesGroup  parent_instance;

  /* Template Widgets */
  GtkWidget           *account_state_row;
  GtkWidget           *account_email_row;
  GtkWidget           *account_login_row;
  GtkWidget           *account_invite;
  GtkWidget           *account_disable;

  /* Owned References */
  GfSession           *session;

  gint64               account_id;
};

G_DEFINE_FINAL_TYPE (GfFamilyAccountGroup, gf_family_account_group, ADW_TYPE_PREFERENCES_GROUP)

static void
invite_clicked_cb (GfFamilyAccountGroup *self)
{
  g_autoptr(GError) error = NULL;
  GfActor actor;

  gf_session_get_actor (self->session, &actor);
  if (!gf_citizen_account_send_invitation (gf_session_get_db (self->session), &actor,
                                           self->account_id, &error))
    {
      gf_session_toast (self->session, error->message);
      return;
    }
  gf_session_toast (self->session, _("Invitation queued: the family receives a link valid 24 hours"));
  gf_session_notify_changed (self->session);
}

static void
disable_response_cb (GfFamilyAccountGroup *self,
                     const char           *response)
{
  g_autoptr(GError) error = NULL;
  GfActor actor;

  if (g_strcmp0 (response, "disable") != 0)
    return;
  gf_session_get_actor (self->session, &actor);
  if (!gf_citizen_account_disable (gf_session_get_db (self->session), &actor, self->account_id,
                                   &error))
    {
      gf_session_toast (self->session, error->message);
      return;
    }
  gf_session_toast (self->session, _("Portal account disabled"));
  gf_session_notify_changed (self->session);
}

static void
disable_clicked_cb (GfFamilyAccountGroup *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              _("Disable the portal account?"),
                                              _("The family can no longer log in to the portal, "
                                                "nor activate the account with a link already "
                                                "sent."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "disable", _("_Disable"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "disable",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (disable_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
gf_family_account_group_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GF_TYPE_FAMILY_ACCOUNT_GROUP);

  G_OBJECT_CLASS (gf_family_account_group_parent_class)->dispose (object);
}

static void
gf_family_account_group_finalize (GObject *object)
{
  GfFamilyAccountGroup *self = GF_FAMILY_ACCOUNT_GROUP (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (gf_family_account_group_parent_class)->finalize (object);
}

static void
gf_family_account_group_class_init (GfFamilyAccountGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_family_account_group_dispose;
  object_class->finalize = gf_family_account_group_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/guichetfamilles/Guichet/gf-family-account-group.ui");
  gtk_widget_class_bind_template_child (widget_class, GfFamilyAccountGroup, account_state_row);
  gtk_widget_class_bind_template_child (widget_class, GfFamilyAccountGroup, account_email_row);
  gtk_widget_class_bind_template_child (widget_class, GfFamilyAccountGroup, account_login_row);
  gtk_widget_class_bind_template_child (widget_class, GfFamilyAccountGroup, account_invite);
  gtk_widget_class_bind_template_child (widget_class, GfFamilyAccountGroup, account_disable);
  gtk_widget_class_bind_template_callback (widget_class, invite_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, disable_clicked_cb);
}

static void
gf_family_account_group_init (GfFamilyAccountGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Shows the account of @family_id (or "Aucun compte"). */
void
gf_family_account_group_load (GfFamilyAccountGroup *self,
                              GfSession            *session,
                              gint64                family_id)
{
  g_autoptr(GfCitizenAccount) account = NULL;
  g_autofree char *last_login = NULL;

  g_return_if_fail (GF_IS_FAMILY_ACCOUNT_GROUP (self));
  g_return_if_fail (GF_IS_SESSION (session));

  g_set_object (&self->session, session);
  account = gf_citizen_account_get_by_family (gf_session_get_db (session), family_id, NULL);
  self->account_id = account != NULL ? account->id : 0;
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->account_state_row),
                               gf_citizen_account_state_label (account ? account->state : NULL));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->account_email_row),
                               account != NULL ? account->email : "—");
  if (account != NULL)
    last_login = gf_timestamp_format_fr (account->last_login_at);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->account_login_row),
                               last_login != NULL ? last_login : _("Never"));
  gtk_widget_set_sensitive (self->account_invite,
                            account != NULL && g_str_equal (account->state, "pending"));
  gtk_widget_set_sensitive (self->account_disable,
                            account != NULL && !g_str_equal (account->state, "disabled"));
}
