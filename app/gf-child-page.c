/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-child-page.h"

#include <glib/gi18n.h>

#include "gf-child.h"
#include "gf-child-authorizations-group.h"
#include "gf-child-contacts-group.h"
#include "gf-child-enrolments-group.h"
#include "gf-child-form.h"
#include "gf-enrolment.h"
#include "gf-medical-access.h"

/* One child's record (seed 004, "fiche enfant"): identity, school, daily life, the
 * medical data behind a deliberate, audited opening, then the contacts, authorizations
 * and enrolments. Edits are checked field by field and saved together; a reload (the
 * session's "changed") keeps the fields being edited. */

struct _GfChildPage
{
  AdwBin                      parent_instance;

  /* Template Widgets */
  GtkLabel                   *title_label;
  GtkButton                  *save_button;
  GtkLabel                   *form_error_label;
  GtkWidget                  *last_name_row;
  GtkWidget                  *first_name_row;
  GtkWidget                  *birth_date_row;
  AdwComboRow                *sex_row;
  AdwComboRow                *school_row;
  GtkWidget                  *class_row;
  GtkWidget                  *diet_row;
  GtkWidget                  *observations_row;
  GtkWidget                  *medical_group;
  GtkWidget                  *show_medical_button;
  GtkWidget                  *medical_values_group;
  GtkWidget                  *allergies_row;
  GtkWidget                  *medical_history_row;
  GtkWidget                  *doctor_name_row;
  GtkWidget                  *doctor_phone_row;
  GtkSwitch                  *pai_switch;
  GtkWidget                  *pai_details_row;
  GfChildContactsGroup       *contacts_group;
  GfChildAuthorizationsGroup *authorizations_group;
  GfChildEnrolmentsGroup     *enrolments_group;

  /* Owned References */
  GfSession                  *session;
  GfChild                    *child;          /* what the form holds, edits included */
  GArray                     *school_ids;     /* position in school_row - 1 → id */

  gboolean                    loading;
  gboolean                    dirty;
  gboolean                    medical_open;
};

G_DEFINE_FINAL_TYPE (GfChildPage, gf_child_page, ADW_TYPE_BIN)

enum {
  SIGNAL_BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const sexes[] = { "", "F", "M" };

typedef struct
{
  const char *column;
  gsize       offset;         /* of the row in GfChildPage */
  gboolean    date;
  gboolean    medical;
} TextField;

#define ROW(member) G_STRUCT_OFFSET (GfChildPage, member)

static const TextField text_fields[] = {
  { "last_name", ROW (last_name_row) },
  { "first_name", ROW (first_name_row) },
  { "birth_date", ROW (birth_date_row), TRUE },
  { "class_name", ROW (class_row) },
  { "diet", ROW (diet_row) },
  { "observations", ROW (observations_row) },
  { "allergies", ROW (allergies_row), FALSE, TRUE },
  { "medical_history", ROW (medical_history_row), FALSE, TRUE },
  { "doctor_name", ROW (doctor_name_row), FALSE, TRUE },
  { "doctor_phone", ROW (doctor_phone_row), FALSE, TRUE },
  { "pai_details", ROW (pai_details_row), FALSE, TRUE },
};

#define FIELD_ROW(self, field) (*(GtkWidget **) ((guint8 *) (self) + (field)->offset))
#define FIELD_TEXT(child, column) \
  (*(char **) ((guint8 *) (child) + field_offset (column)))

/*
 * Auxiliary methods
 */

static gsize
field_offset (const char *column)
{
  for (guint i = 0; i < gf_child_spec.n_fields; i++)
    if (g_str_equal (gf_child_spec.fields[i].column, column))
      return gf_child_spec.fields[i].offset;
  g_return_val_if_reached (0);
}

static gboolean
check_field (GfChildPage     *self,
             const TextField *field)
{
  GtkWidget *row = FIELD_ROW (self, field);

  if (field->date)
    return gf_child_form_check_date (&gf_child_spec, self->child, field->column, row);
  return gf_child_form_check_text (&gf_child_spec, self->child, field->column, row);
}

static void
set_dirty (GfChildPage *self,
           gboolean     dirty)
{
  self->dirty = dirty;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), dirty);
}

static void
show_form_error (GfChildPage *self,
                 const char  *message)
{
  gtk_label_set_text (self->form_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->form_error_label), message != NULL);
}

static void
fill_schools (GfChildPage *self)
{
  g_autoptr(GError) error = NULL;
  GfDb *db = gf_session_get_db (self->session);
  g_autoptr(GPtrArray) schools = gf_enrolment_list_establishments (db, &error);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  g_array_set_size (self->school_ids, 0);
  gtk_string_list_append (list, _("None"));
  for (guint i = 0; schools != NULL && i < schools->len; i++)
    {
      GfEnrolmentChoice *choice = schools->pdata[i];

      gtk_string_list_append (list, choice->label);
      g_array_append_val (self->school_ids, choice->id);
    }
  adw_combo_row_set_model (self->school_row, G_LIST_MODEL (list));
}

/* The form shows self->child. */
static void
fill_form (GfChildPage *self)
{
  g_autofree char *title = g_strdup_printf ("%s %s", self->child->first_name,
                                            self->child->last_name);
  guint school = 0;

  self->loading = TRUE;
  gtk_label_set_text (self->title_label, title);
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      const TextField *field = &text_fields[i];
      const char *value = FIELD_TEXT (self->child, field->column);
      g_autofree char *text = field->date ? gf_child_form_format_date (value) : g_strdup (value);

      gtk_editable_set_text (GTK_EDITABLE (FIELD_ROW (self, field)), text);
      gf_child_form_show_error (FIELD_ROW (self, field), NULL);
    }
  adw_combo_row_set_selected (self->sex_row, g_str_equal (self->child->sex, "F") ? 1
                                             : g_str_equal (self->child->sex, "M") ? 2 : 0);
  for (guint i = 0; i < self->school_ids->len; i++)
    if (g_array_index (self->school_ids, gint64, i) == self->child->establishment_id)
      school = i + 1;
  adw_combo_row_set_selected (self->school_row, school);
  gtk_switch_set_active (self->pai_switch, self->child->pai);
  show_form_error (self, NULL);
  self->loading = FALSE;
}

static void
show_medical (GfChildPage *self,
              gboolean     open)
{
  gboolean allowed = gf_staff_role_can_see_medical (gf_session_get_role (self->session));

  self->medical_open = open && allowed;
  /* Absent, not merely locked, for a role that may not see medical data. */
  gtk_widget_set_visible (self->medical_group, allowed);
  gtk_widget_set_visible (self->show_medical_button, allowed && !self->medical_open);
  gtk_widget_set_visible (self->medical_values_group, self->medical_open);
}

static void
reload (GfChildPage *self,
        gint64       child_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfChild) child = NULL;
  gboolean same = self->child != NULL && self->child->id == child_id;

  if (same && self->dirty)
    {
      /* Unsaved edits win over the database; the lists below reload. */
    }
  else
    {
      child = gf_child_get_for_staff (gf_session_get_db (self->session), child_id, &error);
      if (child == NULL)
        {
          gf_session_toast (self->session, error->message);
          g_signal_emit (self, signals[SIGNAL_BACK], 0);
          return;
        }
      if (same && self->medical_open)
        gf_child_copy_medical (self->child, child);
      else
        show_medical (self, FALSE);
      g_clear_pointer (&self->child, gf_child_free);
      self->child = g_steal_pointer (&child);
      fill_form (self);
      set_dirty (self, FALSE);
    }

  gf_child_contacts_group_load (self->contacts_group, child_id);
  gf_child_authorizations_group_load (self->authorizations_group, child_id);
  gf_child_enrolments_group_load (self->enrolments_group, child_id);
}

/*
 * Callbacks
 */

static void
text_changed_cb (GtkEditable *editable,
                 GfChildPage *self)
{
  if (self->loading || self->child == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    if (FIELD_ROW (self, &text_fields[i]) == GTK_WIDGET (editable))
      check_field (self, &text_fields[i]);
  set_dirty (self, TRUE);
}

static void
choice_changed_cb (GfChildPage *self)
{
  guint school;

  if (self->loading || self->child == NULL)
    return;
  g_free (self->child->sex);
  self->child->sex = g_strdup (sexes[MIN (adw_combo_row_get_selected (self->sex_row), 2)]);
  school = adw_combo_row_get_selected (self->school_row);
  self->child->establishment_id = school > 0 && school <= self->school_ids->len
                                  ? g_array_index (self->school_ids, gint64, school - 1) : -1;
  self->child->pai = gtk_switch_get_active (self->pai_switch);
  set_dirty (self, TRUE);
}

static void
save_clicked_cb (GfChildPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfChild) record = NULL;
  gboolean ok = TRUE;
  GfActor actor;

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    if (!text_fields[i].medical || self->medical_open)
      ok &= check_field (self, &text_fields[i]);
  if (!ok)
    {
      show_form_error (self, _("Correct the fields marked in red; nothing was saved."));
      return;
    }

  gf_session_get_actor (self->session, &actor);
  record = gf_child_copy (self->child);
  if (!gf_child_save_for_staff (gf_session_get_db (self->session), &actor, record,
                                self->medical_open, &error))
    {
      /* A rule across fields (a birth date too far back) names its field first. */
      if (g_str_has_prefix (error->message, _("Date of birth")))
        gf_child_form_show_error (self->birth_date_row, error->message);
      show_form_error (self, error->message);
      return;
    }
  set_dirty (self, FALSE);
  show_form_error (self, NULL);
  gf_session_toast (self->session, _("The child's record is saved."));
  gf_session_notify_changed (self->session);
}

static void
show_medical_clicked_cb (GfChildPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfChild) full = NULL;
  GfActor actor;
  gboolean was_dirty = self->dirty;

  if (self->child == NULL)
    return;
  gf_session_get_actor (self->session, &actor);
  full = gf_child_open_medical (gf_session_get_db (self->session), &actor, self->child->id,
                                &error);
  if (full == NULL)
    {
      gf_session_toast (self->session, error->message);
      return;
    }
  gf_child_copy_medical (full, self->child);
  self->loading = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    if (text_fields[i].medical)
      gtk_editable_set_text (GTK_EDITABLE (FIELD_ROW (self, &text_fields[i])),
                             FIELD_TEXT (self->child, text_fields[i].column));
  gtk_switch_set_active (self->pai_switch, self->child->pai);
  self->loading = FALSE;
  show_medical (self, TRUE);
  set_dirty (self, was_dirty);
  gtk_widget_grab_focus (self->allergies_row);
}

static void
back_clicked_cb (GfChildPage *self)
{
  g_signal_emit (self, signals[SIGNAL_BACK], 0);
}

static void
family_clicked_cb (GfChildPage *self)
{
  if (self->child != NULL)
    gf_session_open (self->session, GF_SESSION_OBJECT_FAMILY, self->child->family_id);
}

static void
session_changed_cb (GfChildPage *self)
{
  if (self->child != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self, self->child->id);
}

static void
entry_activated_cb (GfChildPage *self)
{
  if (self->dirty)
    save_clicked_cb (self);
}

/* Ctrl+S. */
static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GfChildPage *self = GF_CHILD_PAGE (widget);

  if (self->dirty)
    save_clicked_cb (self);
}

/*
 * GObject overrides
 */

static void
gf_child_page_dispose (GObject *object)
{
  /* A bound template child may be the bin's own child: let go of it first, or the
   * bin unparents it again after the template did. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), GF_TYPE_CHILD_PAGE);

  G_OBJECT_CLASS (gf_child_page_parent_class)->dispose (object);
}

static void
gf_child_page_finalize (GObject *object)
{
  GfChildPage *self = GF_CHILD_PAGE (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->child, gf_child_free);
  g_clear_pointer (&self->school_ids, g_array_unref);

  G_OBJECT_CLASS (gf_child_page_parent_class)->finalize (object);
}

static void
gf_child_page_class_init (GfChildPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_child_page_dispose;
  object_class->finalize = gf_child_page_finalize;

  /**
   * GfChildPage::back:
   *
   * The person asks for the list again.
   */
  signals[SIGNAL_BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (GF_TYPE_CHILD_CONTACTS_GROUP);
  g_type_ensure (GF_TYPE_CHILD_AUTHORIZATIONS_GROUP);
  g_type_ensure (GF_TYPE_CHILD_ENROLMENTS_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/guichetfamilles/Guichet/gf-child-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, GfChildPage, name)
  BIND (title_label);
  BIND (save_button);
  BIND (form_error_label);
  BIND (last_name_row);
  BIND (first_name_row);
  BIND (birth_date_row);
  BIND (sex_row);
  BIND (school_row);
  BIND (class_row);
  BIND (diet_row);
  BIND (observations_row);
  BIND (medical_group);
  BIND (show_medical_button);
  BIND (medical_values_group);
  BIND (allergies_row);
  BIND (medical_history_row);
  BIND (doctor_name_row);
  BIND (doctor_phone_row);
  BIND (pai_switch);
  BIND (pai_details_row);
  BIND (contacts_group);
  BIND (authorizations_group);
  BIND (enrolments_group);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_medical_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, family_clicked_cb);
  gtk_widget_class_install_action (widget_class, "child.save", NULL, save_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "child.save", NULL);
}

static void
gf_child_page_init (GfChildPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->school_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      GtkWidget *row = FIELD_ROW (self, &text_fields[i]);

      gf_child_form_attach_error (row);
      g_signal_connect (row, "changed", G_CALLBACK (text_changed_cb), self);
      /* Enter in a field saves the record, like Ctrl+S. */
      g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (entry_activated_cb), self);
    }
  g_signal_connect_swapped (self->sex_row, "notify::selected", G_CALLBACK (choice_changed_cb),
                            self);
  g_signal_connect_swapped (self->school_row, "notify::selected",
                            G_CALLBACK (choice_changed_cb), self);
  g_signal_connect_swapped (self->pai_switch, "notify::active", G_CALLBACK (choice_changed_cb),
                            self);
}

/*
 * Public API
 */

void
gf_child_page_set_session (GfChildPage *self,
                           GfSession   *session)
{
  g_return_if_fail (GF_IS_CHILD_PAGE (self));
  g_return_if_fail (GF_IS_SESSION (session));
  g_return_if_fail (self->session == NULL);

  self->session = g_object_ref (session);
  gf_child_contacts_group_set_session (self->contacts_group, session);
  gf_child_authorizations_group_set_session (self->authorizations_group, session);
  gf_child_enrolments_group_set_session (self->enrolments_group, session);
  self->loading = TRUE;
  fill_schools (self);
  self->loading = FALSE;
  show_medical (self, FALSE);
  g_signal_connect_object (session, "changed", G_CALLBACK (session_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/* Shows @child_id; another child than the one shown starts with its medical data hidden. */
void
gf_child_page_load (GfChildPage *self,
                    gint64       child_id)
{
  g_return_if_fail (GF_IS_CHILD_PAGE (self));
  g_return_if_fail (self->session != NULL);

  if (self->child != NULL && self->child->id != child_id)
    set_dirty (self, FALSE);
  reload (self, child_id);
}

gint64
gf_child_page_get_child_id (GfChildPage *self)
{
  g_return_val_if_fail (GF_IS_CHILD_PAGE (self), 0);

  return self->child != NULL ? self->child->id : 0;
}
