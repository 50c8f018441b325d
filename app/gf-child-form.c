/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-child-form.h"

#include <glib/gi18n.h>

#include "gf-date.h"
#include "gf-field-error.h"

#define ERROR_KEY "gf-child-form-error"

/* The record's text field at @column; the specs' offsets are the only layout we know. */
static char **
text_slot (const GfRecordSpec *spec,
           gpointer            record,
           const char         *column)
{
  for (guint i = 0; i < spec->n_fields; i++)
    if (g_str_equal (spec->fields[i].column, column) && spec->fields[i].type == GF_FIELD_TEXT)
      return (char **) ((guint8 *) record + spec->fields[i].offset);
  g_return_val_if_reached (NULL);
}

/**
 * gf_child_form_attach_error:
 * @row: a row already in a boxed list (an AdwPreferencesGroup's)
 *
 * Puts a hidden error row right under @row, in the same list, so the message reads as
 * part of the field. Returns: (transfer none): its label
 */
GtkLabel *
gf_child_form_attach_error (GtkWidget *row)
{
  GtkWidget *list = gtk_widget_get_parent (row);
  GtkWidget *error_row;

  g_return_val_if_fail (GTK_IS_LIST_BOX (list), NULL);

  error_row = gf_field_error_new ();
  gtk_list_box_insert (GTK_LIST_BOX (list), error_row,
                       gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) + 1);
  g_object_set_data (G_OBJECT (row), ERROR_KEY, error_row);
  return GTK_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (error_row)));
}

/* @message NULL hides the error of @row. */
void
gf_child_form_show_error (GtkWidget  *row,
                          const char *message)
{
  GtkWidget *error_row = g_object_get_data (G_OBJECT (row), ERROR_KEY);

  if (error_row != NULL)
    gf_field_error_show (error_row, row, message);
  else if (message != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

/* Copies the row's text into @record's @column, checks that field alone and shows the
 * verdict under the row. The record gets the normalized value ("06 12 34 56 78"). */
gboolean
gf_child_form_check_text (const GfRecordSpec *spec,
                          gpointer            record,
                          const char         *column,
                          GtkWidget          *row)
{
  g_autoptr(GError) error = NULL;
  char **slot = text_slot (spec, record, column);

  g_free (*slot);
  *slot = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
  gf_record_validate_field (spec, record, column, &error);
  gf_child_form_show_error (row, error != NULL ? error->message : NULL);
  return error == NULL;
}

/* The same for a date typed the French way (14/03/2018), stored ISO. */
gboolean
gf_child_form_check_date (const GfRecordSpec *spec,
                          gpointer            record,
                          const char         *column,
                          GtkWidget          *row)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  char **slot = text_slot (spec, record, column);
  GDate date;

  g_free (*slot);
  *slot = NULL;
  if (*text == '\0')
    *slot = g_strdup ("");
  else if (gf_date_parse_fr (text, &date, &error))
    *slot = gf_date_to_iso (&date);
  else
    {
      *slot = g_strdup ("");
      g_prefix_error (&error, _("%s: "), adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
    }
  if (error == NULL)
    gf_record_validate_field (spec, record, column, &error);
  gf_child_form_show_error (row, error != NULL ? error->message : NULL);
  return error == NULL;
}

char *
gf_child_form_format_date (const char *iso)
{
  return gf_date_format_iso_fr (iso, "");
}
