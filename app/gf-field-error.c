/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-field-error.h"

/* A form field's error, shown right under the field: a row of its own in the same boxed
 * list (an AdwPreferencesRow, so AdwPreferencesGroup puts it in the list, not below it),
 * hidden while the field is right. */

/* Makes @row (an empty AdwPreferencesRow from a .ui file) an error row. */
void
gf_field_error_init (GtkWidget *row)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_add_css_class (label, "error");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_visible (row, FALSE);
}

GtkWidget *
gf_field_error_new (void)
{
  GtkWidget *row = adw_preferences_row_new ();

  gf_field_error_init (row);
  return row;
}

/* @message NULL hides the error. @error_row may also be a plain GtkLabel. */
void
gf_field_error_show (GtkWidget  *error_row,
                     GtkWidget  *field,
                     const char *message)
{
  GtkWidget *label = GTK_IS_LABEL (error_row)
                     ? error_row : gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (error_row));

  gtk_label_set_text (GTK_LABEL (label), message != NULL ? message : "");
  gtk_widget_set_visible (error_row, message != NULL);
  if (field == NULL)
    return;
  if (message != NULL)
    gtk_widget_add_css_class (field, "error");
  else
    gtk_widget_remove_css_class (field, "error");
}
