/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-child-enrolments-group.h"

#include <glib/gi18n.h>

#include "gf-child-form.h"
#include "gf-date.h"
#include "gf-enrolment.h"

/* The child's enrolments (service, establishment, dates), a form to add one, and
 * "Terminer" to give one an end date. */

#define RESOURCE "/fr/guichetfamilles/Guichet/"

struct _GfChildEnrolmentsGroup
{
  AdwPreferencesGroup  parent_instance;

  /* Template Widgets */
  GtkListBox          *enrolments_list;
  GtkWidget           *empty_row;
  AdwComboRow         *enrol_service_row;
  AdwComboRow         *enrol_establishment_row;
  GtkWidget           *enrol_start_row;

  /* Owned References */
  GfSession           *session;
  GPtrArray           *rows;            /* borrowed */
  GArray              *service_ids;
  GArray              *establishment_ids;

  gint64               child_id;
};

G_DEFINE_FINAL_TYPE (GfChildEnrolmentsGroup, gf_child_enrolments_group,
                     ADW_TYPE_PREFERENCES_GROUP)

static char *
today_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static void
fill_choices (AdwComboRow *row,
              GArray      *ids,
              GPtrArray   *choices)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  g_array_set_size (ids, 0);
  for (guint i = 0; choices != NULL && i < choices->len; i++)
    {
      GfEnrolmentChoice *choice = choices->pdata[i];

      gtk_string_list_append (list, choice->label);
      g_array_append_val (ids, choice->id);
    }
  adw_combo_row_set_model (row, G_LIST_MODEL (list));
}

static gint64
selected_id (AdwComboRow *row,
             GArray      *ids)
{
  guint selected = adw_combo_row_get_selected (row);

  return selected < ids->len ? g_array_index (ids, gint64, selected) : -1;
}

static void
end_response_cb (AdwMessageDialog       *dialog,
                 const char             *response,
                 GfChildEnrolmentsGroup *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "enrolment-id"));
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  GfActor actor;
  GDate date;

  if (!g_str_equal (response, "end"))
    return;
  if (!gf_date_parse_fr (gtk_editable_get_text (entry), &date, &error))
    {
      gf_session_toast (self->session, error->message);
      return;
    }
  iso = gf_date_to_iso (&date);
  gf_session_get_actor (self->session, &actor);
  if (!gf_enrolment_end (gf_session_get_db (self->session), &actor, id, iso, &error))
    {
      gf_session_toast (self->session, error->message);
      return;
    }
  gf_session_toast (self->session, _("The enrolment is ended."));
  gf_session_notify_changed (self->session);
}

static void
end_clicked_cb (GtkButton              *button,
                GfChildEnrolmentsGroup *self)
{
  GfEnrolment *enrolment = g_object_get_data (G_OBJECT (button), "enrolment");
  g_autofree char *today = today_iso ();
  g_autofree char *today_fr = gf_date_format_iso_fr (today, "");
  GtkWidget *entry = gtk_entry_new ();
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (root),
                                                       _("End this enrolment?"), NULL));
  adw_message_dialog_format_body (dialog, _("%s at %s: last day of the enrolment (dd/mm/yyyy)."),
                                  enrolment->service_name, enrolment->establishment_name);
  gtk_editable_set_text (GTK_EDITABLE (entry), today_fr);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "end", _("_End"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "end", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "end");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "enrolment-id", GSIZE_TO_POINTER ((gsize) enrolment->id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (end_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
enrolment_row (GfChildEnrolmentsGroup *self,
               GfEnrolment            *enrolment,
               const char             *today)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_strdup_printf ("%s · %s", enrolment->service_name,
                                            enrolment->establishment_name);
  g_autofree char *start = gf_date_format_iso_fr (enrolment->start_date, "");
  g_autofree char *end = gf_date_format_iso_fr (enrolment->end_date, "");
  g_autofree char *dates = enrolment->end_date[0] != '\0'
                           ? g_strdup_printf (_("From %s to %s"), start, end)
                           : g_strdup_printf (_("Since %s"), start);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), dates);
  /* Only an enrolment still running can be ended. */
  if (enrolment->end_date[0] == '\0' || g_strcmp0 (enrolment->end_date, today) > 0)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_End…"));
      g_autofree char *tooltip = g_strdup_printf (_("End the enrolment %s"), title);

      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (button), "enrolment", enrolment,
                              (GDestroyNotify) gf_enrolment_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (end_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  else
    gf_enrolment_free (enrolment);
  return row;
}

static void
start_changed_cb (GfChildEnrolmentsGroup *self)
{
  g_autoptr(GfEnrolment) scratch = gf_enrolment_new (self->child_id);

  /* Emptied (after an enrolment): nothing to say until the next one. */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->enrol_start_row)) == '\0')
    {
      gf_child_form_show_error (self->enrol_start_row, NULL);
      return;
    }
  gf_child_form_check_date (&gf_enrolment_spec, scratch, "start_date", self->enrol_start_row);
}

static void
enrol_clicked_cb (GfChildEnrolmentsGroup *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfEnrolment) enrolment = gf_enrolment_new (self->child_id);
  GfActor actor;

  if (!gf_child_form_check_date (&gf_enrolment_spec, enrolment, "start_date",
                                 self->enrol_start_row))
    return;
  enrolment->service_id = selected_id (self->enrol_service_row, self->service_ids);
  enrolment->establishment_id = selected_id (self->enrol_establishment_row,
                                             self->establishment_ids);
  gf_session_get_actor (self->session, &actor);
  if (!gf_enrolment_create (gf_session_get_db (self->session), &actor, enrolment, &error))
    {
      gf_child_form_show_error (self->enrol_start_row, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->enrol_start_row), "");
  gf_child_form_show_error (self->enrol_start_row, NULL);
  gf_session_toast (self->session, _("The child is enrolled."));
  gf_session_notify_changed (self->session);
}

static void
gf_child_enrolments_group_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GF_TYPE_CHILD_ENROLMENTS_GROUP);

  G_OBJECT_CLASS (gf_child_enrolments_group_parent_class)->dispose (object);
}

static void
gf_child_enrolments_group_finalize (GObject *object)
{
  GfChildEnrolmentsGroup *self = GF_CHILD_ENROLMENTS_GROUP (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->service_ids, g_array_unref);
  g_clear_pointer (&self->establishment_ids, g_array_unref);

  G_OBJECT_CLASS (gf_child_enrolments_group_parent_class)->finalize (object);
}

static void
gf_child_enrolments_group_class_init (GfChildEnrolmentsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_child_enrolments_group_dispose;
  object_class->finalize = gf_child_enrolments_group_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE "gf-child-enrolments-group.ui");
  gtk_widget_class_bind_template_child (widget_class, GfChildEnrolmentsGroup, enrolments_list);
  gtk_widget_class_bind_template_child (widget_class, GfChildEnrolmentsGroup, empty_row);
  gtk_widget_class_bind_template_child (widget_class, GfChildEnrolmentsGroup, enrol_service_row);
  gtk_widget_class_bind_template_child (widget_class, GfChildEnrolmentsGroup,
                                        enrol_establishment_row);
  gtk_widget_class_bind_template_child (widget_class, GfChildEnrolmentsGroup, enrol_start_row);
  gtk_widget_class_bind_template_callback (widget_class, start_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, enrol_clicked_cb);
}

static void
gf_child_enrolments_group_init (GfChildEnrolmentsGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->service_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->establishment_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gf_child_form_attach_error (self->enrol_start_row);
}

void
gf_child_enrolments_group_set_session (GfChildEnrolmentsGroup *self,
                                       GfSession              *session)
{
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(GPtrArray) establishments = NULL;

  g_return_if_fail (GF_IS_CHILD_ENROLMENTS_GROUP (self));

  g_set_object (&self->session, session);
  services = gf_enrolment_list_services (gf_session_get_db (session), NULL);
  establishments = gf_enrolment_list_establishments (gf_session_get_db (session), NULL);
  fill_choices (self->enrol_service_row, self->service_ids, services);
  fill_choices (self->enrol_establishment_row, self->establishment_ids, establishments);
}

void
gf_child_enrolments_group_load (GfChildEnrolmentsGroup *self,
                                gint64                  child_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *today = today_iso ();

  g_return_if_fail (GF_IS_CHILD_ENROLMENTS_GROUP (self));

  if (child_id != self->child_id)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->enrol_start_row), "");
      gf_child_form_show_error (self->enrol_start_row, NULL);
    }
  self->child_id = child_id;
  list = gf_enrolment_list (gf_session_get_db (self->session), child_id, &error);
  if (list == NULL)
    {
      gf_session_toast (self->session, error->message);
      return;
    }

  for (guint i = 0; i < self->rows->len; i++)
    gtk_list_box_remove (self->enrolments_list, self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);
  /* Each row owns its enrolment (the "Terminer" button's data). */
  g_ptr_array_set_free_func (list, NULL);
  for (guint i = 0; i < list->len; i++)
    {
      GtkWidget *row = enrolment_row (self, list->pdata[i], today);

      gtk_list_box_append (self->enrolments_list, row);
      g_ptr_array_add (self->rows, row);
    }
  gtk_widget_set_visible (self->empty_row, list->len == 0);
}
