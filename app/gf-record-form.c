/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-record-form.h"

#include <glib/gi18n.h>

#include "gf-date.h"
#include "gf-family-view.h"

typedef enum
{
  KIND_TEXT,
  KIND_INT,
  KIND_DATE,
  KIND_IBAN,
  KIND_BOOL,
  KIND_CHOICE,
} Kind;

typedef struct
{
  GfRecordForm       *form;
  const GfField      *field;
  Kind                kind;
  GtkWidget          *widget;
  GtkWidget          *error_label;
  const char * const *values;
  gboolean            wrong;
} Binding;

struct _GfRecordForm
{
  const GfRecordSpec  *spec;
  gsize                record_size;
  gpointer             record;
  gpointer             original;
  GPtrArray           *bindings;
  GfRecordFormChanged  changed;
  gpointer             user_data;
  gboolean             loading;
};

#define TEXT_AT(record, field)  ((char **)((guint8 *)(record) + (field)->offset))
#define INT_AT(record, field)   ((gint64 *)((guint8 *)(record) + (field)->offset))
#define BOOL_AT(record, field)  ((gboolean *)((guint8 *)(record) + (field)->offset))

static const GfField *
find_field (const GfRecordSpec *spec,
            const char         *column)
{
  for (guint i = 0; i < spec->n_fields; i++)
    if (g_str_equal (spec->fields[i].column, column))
      return &spec->fields[i];
  g_return_val_if_reached (NULL);
}

static void
show_binding_error (Binding    *binding,
                    const char *message)
{
  binding->wrong = message != NULL;
  if (binding->error_label != NULL)
    {
      gtk_label_set_text (GTK_LABEL (binding->error_label), message != NULL ? message : "");
      gtk_widget_set_visible (binding->error_label, message != NULL);
      /* In a boxed list the label sits in a row of its own: hide the row too. */
      if (GTK_IS_LIST_BOX_ROW (gtk_widget_get_parent (binding->error_label)))
        gtk_widget_set_visible (gtk_widget_get_parent (binding->error_label), message != NULL);
    }
  if (message != NULL)
    gtk_widget_add_css_class (binding->widget, "error");
  else
    gtk_widget_remove_css_class (binding->widget, "error");
}

/* The widget's value into the working record, checked. */
static void
read_binding (Binding *binding)
{
  GfRecordForm *form = binding->form;
  const GfField *field = binding->field;
  g_autoptr(GError) error = NULL;
  const char *text = NULL;

  if (GTK_IS_EDITABLE (binding->widget))
    text = gtk_editable_get_text (GTK_EDITABLE (binding->widget));

  switch (binding->kind)
    {
    case KIND_TEXT:
      g_free (*TEXT_AT (form->record, field));
      *TEXT_AT (form->record, field) = g_strdup (text);
      gf_record_validate_field (form->spec, form->record, field->column, &error);
      break;

    case KIND_INT:
      {
        g_autofree char *trimmed = g_strstrip (g_strdup (text));
        guint64 value = 0;

        if (*trimmed == '\0')
          *INT_AT (form->record, field) = -1;
        else if (g_ascii_string_to_unsigned (trimmed, 10, 0, G_MAXINT32, &value, NULL))
          *INT_AT (form->record, field) = (gint64) value;
        else
          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Enter a whole number, without spaces or letters."));
        if (error == NULL)
          gf_record_validate_field (form->spec, form->record, field->column, &error);
      }
      break;

    case KIND_DATE:
      {
        g_autofree char *trimmed = g_strstrip (g_strdup (text));
        GDate date;

        g_free (*TEXT_AT (form->record, field));
        *TEXT_AT (form->record, field) = NULL;
        if (*trimmed == '\0')
          *TEXT_AT (form->record, field) = g_strdup ("");
        else if (gf_date_parse_fr (trimmed, &date, &error))
          *TEXT_AT (form->record, field) = gf_date_to_iso (&date);
        else
          *TEXT_AT (form->record, field) = g_strdup (*TEXT_AT (form->original, field));
      }
      break;

    case KIND_IBAN:
      {
        g_autofree char *trimmed = g_strstrip (g_strdup (text));
        g_autofree char *iban = NULL;

        /* Empty: the stored IBAN stays; it is never shown whole. */
        g_free (*TEXT_AT (form->record, field));
        if (*trimmed == '\0')
          *TEXT_AT (form->record, field) = g_strdup (*TEXT_AT (form->original, field));
        else if ((iban = gf_family_normalize_iban (trimmed, &error)) != NULL)
          *TEXT_AT (form->record, field) = g_steal_pointer (&iban);
        else
          *TEXT_AT (form->record, field) = g_strdup (*TEXT_AT (form->original, field));
      }
      break;

    case KIND_BOOL:
      *BOOL_AT (form->record, field) = gtk_switch_get_active (GTK_SWITCH (binding->widget));
      break;

    case KIND_CHOICE:
    default:
      {
        guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (binding->widget));

        g_free (*TEXT_AT (form->record, field));
        *TEXT_AT (form->record, field) = g_strdup (selected < g_strv_length ((char **) binding->values)
                                                   ? binding->values[selected] : "");
      }
      break;
    }

  show_binding_error (binding, error != NULL ? error->message : NULL);
}

static void
binding_changed_cb (Binding *binding)
{
  if (binding->form->loading)
    return;
  read_binding (binding);
  if (binding->form->changed != NULL)
    binding->form->changed (binding->form->user_data);
}

static void
write_binding (Binding *binding)
{
  GfRecordForm *form = binding->form;
  const GfField *field = binding->field;

  switch (binding->kind)
    {
    case KIND_TEXT:
      gtk_editable_set_text (GTK_EDITABLE (binding->widget), *TEXT_AT (form->record, field));
      break;
    case KIND_INT:
      {
        gint64 value = *INT_AT (form->record, field);
        g_autofree char *text = value < 0 ? g_strdup ("") : g_strdup_printf ("%" G_GINT64_FORMAT,
                                                                           value);

        gtk_editable_set_text (GTK_EDITABLE (binding->widget), text);
      }
      break;
    case KIND_DATE:
      {
        g_autofree char *text = gf_date_format_iso_fr (*TEXT_AT (form->record, field), "");

        gtk_editable_set_text (GTK_EDITABLE (binding->widget), text);
      }
      break;
    case KIND_IBAN:
      gtk_editable_set_text (GTK_EDITABLE (binding->widget), "");
      break;
    case KIND_BOOL:
      gtk_switch_set_active (GTK_SWITCH (binding->widget), *BOOL_AT (form->record, field));
      break;
    case KIND_CHOICE:
    default:
      {
        const char *value = *TEXT_AT (form->record, field);
        guint position = 0;

        for (guint i = 0; binding->values[i] != NULL; i++)
          if (g_strcmp0 (binding->values[i], value) == 0)
            position = i;
        adw_combo_row_set_selected (ADW_COMBO_ROW (binding->widget), position);
      }
      break;
    }
  show_binding_error (binding, NULL);
}

static Binding *
add_binding (GfRecordForm *form,
             const char   *column,
             Kind          kind,
             GtkWidget    *widget,
             GtkWidget    *error_label)
{
  Binding *binding = g_new0 (Binding, 1);

  binding->form = form;
  binding->field = find_field (form->spec, column);
  binding->kind = kind;
  binding->widget = widget;
  binding->error_label = error_label;
  g_ptr_array_add (form->bindings, binding);

  if (error_label != NULL)
    {
      gtk_widget_add_css_class (error_label, "error");
      gtk_label_set_wrap (GTK_LABEL (error_label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (error_label), 0);
      show_binding_error (binding, NULL);
    }
  if (kind == KIND_BOOL)
    g_signal_connect_swapped (widget, "notify::active", G_CALLBACK (binding_changed_cb), binding);
  else if (kind == KIND_CHOICE)
    g_signal_connect_swapped (widget, "notify::selected", G_CALLBACK (binding_changed_cb), binding);
  else
    g_signal_connect_swapped (widget, "changed", G_CALLBACK (binding_changed_cb), binding);
  return binding;
}

GfRecordForm *
gf_record_form_new (const GfRecordSpec  *spec,
                    gsize                record_size,
                    GfRecordFormChanged  changed,
                    gpointer             user_data)
{
  GfRecordForm *form = g_new0 (GfRecordForm, 1);

  form->spec = spec;
  form->record_size = record_size;
  form->record = g_malloc0 (record_size);
  form->original = g_malloc0 (record_size);
  gf_record_init (spec, form->record);
  gf_record_init (spec, form->original);
  form->bindings = g_ptr_array_new_with_free_func (g_free);
  form->changed = changed;
  form->user_data = user_data;
  return form;
}

/* The widgets must outlive the form, or be disposed with its owner at the same time. */
void
gf_record_form_free (GfRecordForm *form)
{
  if (form == NULL)
    return;
  for (guint i = 0; i < form->bindings->len; i++)
    {
      Binding *binding = form->bindings->pdata[i];

      g_signal_handlers_disconnect_by_data (binding->widget, binding);
    }
  g_ptr_array_unref (form->bindings);
  gf_record_clear (form->spec, form->record);
  gf_record_clear (form->spec, form->original);
  g_free (form->record);
  g_free (form->original);
  g_free (form);
}

void
gf_record_form_add_text (GfRecordForm *form,
                         const char   *column,
                         GtkWidget    *editable_row,
                         GtkWidget    *error_label)
{
  add_binding (form, column, KIND_TEXT, editable_row, error_label);
}

void
gf_record_form_add_int (GfRecordForm *form,
                        const char   *column,
                        GtkWidget    *editable_row,
                        GtkWidget    *error_label)
{
  add_binding (form, column, KIND_INT, editable_row, error_label);
}

void
gf_record_form_add_date (GfRecordForm *form,
                         const char   *column,
                         GtkWidget    *editable_row,
                         GtkWidget    *error_label)
{
  add_binding (form, column, KIND_DATE, editable_row, error_label);
}

void
gf_record_form_add_iban (GfRecordForm *form,
                         const char   *column,
                         GtkWidget    *editable_row,
                         GtkWidget    *error_label)
{
  add_binding (form, column, KIND_IBAN, editable_row, error_label);
}

void
gf_record_form_add_bool (GfRecordForm *form,
                         const char   *column,
                         GtkWidget    *switch_)
{
  add_binding (form, column, KIND_BOOL, switch_, NULL);
}

void
gf_record_form_add_choice (GfRecordForm       *form,
                           const char         *column,
                           GtkWidget          *combo_row,
                           const char * const *values)
{
  Binding *binding = add_binding (form, column, KIND_CHOICE, combo_row, NULL);

  binding->values = values;
}

/* Shows @record in the rows; edits start from it. */
void
gf_record_form_load (GfRecordForm  *form,
                     gconstpointer  record)
{
  /* @record may be the form's own working copy (after a save): copy it first. */
  g_autofree gpointer copy = g_malloc0 (form->record_size);

  gf_record_copy (form->spec, record, copy);
  gf_record_clear (form->spec, form->record);
  gf_record_clear (form->spec, form->original);
  gf_record_copy (form->spec, copy, form->record);
  gf_record_copy (form->spec, copy, form->original);
  gf_record_clear (form->spec, copy);

  form->loading = TRUE;
  for (guint i = 0; i < form->bindings->len; i++)
    write_binding (form->bindings->pdata[i]);
  form->loading = FALSE;
}

/* The edited record, to save: owned by the form. */
gpointer
gf_record_form_get_record (GfRecordForm *form)
{
  return form->record;
}

gconstpointer
gf_record_form_get_original (GfRecordForm *form)
{
  return form->original;
}

gboolean
gf_record_form_is_dirty (GfRecordForm *form)
{
  g_autoptr(JsonObject) a = gf_record_to_json (form->spec, form->record);
  g_autoptr(JsonObject) b = gf_record_to_json (form->spec, form->original);
  g_autoptr(JsonNode) na = json_node_init_object (json_node_alloc (), a);
  g_autoptr(JsonNode) nb = json_node_init_object (json_node_alloc (), b);
  const GfField *iban = NULL;

  for (guint i = 0; i < form->spec->n_fields; i++)
    if (form->spec->fields[i].flags & GF_FIELD_SENSITIVE)
      iban = &form->spec->fields[i];
  /* Sensitive fields are left out of the JSON: compare them apart. */
  if (iban != NULL && iban->type == GF_FIELD_TEXT &&
      g_strcmp0 (*TEXT_AT (form->record, iban), *TEXT_AT (form->original, iban)) != 0)
    return TRUE;
  return !json_node_equal (na, nb);
}

gboolean
gf_record_form_has_errors (GfRecordForm *form)
{
  for (guint i = 0; i < form->bindings->len; i++)
    if (((Binding *) form->bindings->pdata[i])->wrong)
      return TRUE;
  return FALSE;
}

/* An error from the core names its field first ("E-mail : …"): shown under that field.
 * Returns: whether a field took it. */
gboolean
gf_record_form_show_error (GfRecordForm *form,
                           const GError *error)
{
  for (guint i = 0; i < form->bindings->len; i++)
    {
      Binding *binding = form->bindings->pdata[i];
      g_autofree char *prefix = g_strdup_printf (_("%s: "), _(binding->field->label));

      if (binding->error_label != NULL && g_str_has_prefix (error->message, prefix))
        {
          show_binding_error (binding, error->message);
          return TRUE;
        }
    }
  return FALSE;
}
