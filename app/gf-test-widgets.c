/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-test-widgets.h"

static GtkWidget *
find_in (GtkWidget        *widget,
         GfTestWidgetFunc  func,
         gpointer          user_data)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (func (widget, user_data))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_in (child, func, user_data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first mapped widget @func accepts; dialogs (the newest windows) first. */
GtkWidget *
gf_test_widgets_find (GfTestWidgetFunc func,
                      gpointer         user_data)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = g_list_last (toplevels); l != NULL; l = l->prev)
    {
      GtkWidget *found = find_in (l->data, func, user_data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_id (GtkWidget *widget,
        gpointer   user_data)
{
  return g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), user_data) == 0;
}

/* By the id it has in its .ui template. */
GtkWidget *
gf_test_widgets_find_by_id (const char *id)
{
  return gf_test_widgets_find (has_id, (gpointer) id);
}

static const char *
button_label (GtkWidget *widget)
{
  GtkWidget *child;

  if (GTK_IS_BUTTON (widget))
    {
      if (gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
        return gtk_button_get_label (GTK_BUTTON (widget));
      child = gtk_button_get_child (GTK_BUTTON (widget));
      if (ADW_IS_BUTTON_CONTENT (child))
        return adw_button_content_get_label (ADW_BUTTON_CONTENT (child));
      if (GTK_IS_LABEL (child))
        return gtk_label_get_label (GTK_LABEL (child));
    }
  if (ADW_IS_SPLIT_BUTTON (widget))
    return adw_split_button_get_label (ADW_SPLIT_BUTTON (widget));
  if (ADW_IS_PREFERENCES_ROW (widget) && gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)))
    return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  return NULL;
}

static char *
strip_mnemonic (const char *label)
{
  GString *out = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    if (*p != '_' || p[1] == '_')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static gboolean
is_button (GtkWidget *widget,
           gpointer   user_data)
{
  const char *wanted = user_data;
  const char *label;
  const char *tooltip;

  if (!gtk_widget_is_sensitive (widget))
    return FALSE;
  if (!GTK_IS_BUTTON (widget) && !ADW_IS_SPLIT_BUTTON (widget) && !GTK_IS_LIST_BOX_ROW (widget))
    return FALSE;

  label = button_label (widget);
  if (label != NULL)
    {
      g_autofree char *plain = strip_mnemonic (label);

      if (g_str_equal (plain, wanted))
        return TRUE;
    }
  tooltip = gtk_widget_get_tooltip_text (widget);
  return g_strcmp0 (tooltip, wanted) == 0 || has_id (widget, user_data);
}

/* A sensitive button or activatable row by its label, tooltip or id. */
GtkWidget *
gf_test_widgets_find_button (const char *label)
{
  return gf_test_widgets_find (is_button, (gpointer) label);
}

/* What a widget shows as text: a label, a row's title and subtitle, an entry's text. */
char *
gf_test_widgets_dup_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return g_strdup (gtk_label_get_text (GTK_LABEL (widget)));
  if (GTK_IS_INSCRIPTION (widget))
    return g_strdup (gtk_inscription_get_text (GTK_INSCRIPTION (widget)));
  if (ADW_IS_WINDOW_TITLE (widget))
    return g_strjoin ("\n", adw_window_title_get_title (ADW_WINDOW_TITLE (widget)),
                      adw_window_title_get_subtitle (ADW_WINDOW_TITLE (widget)), NULL);
  if (ADW_IS_STATUS_PAGE (widget))
    return g_strjoin ("\n", adw_status_page_get_title (ADW_STATUS_PAGE (widget)),
                      adw_status_page_get_description (ADW_STATUS_PAGE (widget)), NULL);
  if (ADW_IS_MESSAGE_DIALOG (widget))
    return g_strjoin ("\n", adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (widget)),
                      adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (widget)), NULL);
  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  return NULL;
}

static gboolean
shows_text (GtkWidget *widget,
            gpointer   user_data)
{
  g_autofree char *text = gf_test_widgets_dup_text (widget);

  return text != NULL && strstr (text, user_data) != NULL;
}

/* The first mapped widget whose text contains @text. */
GtkWidget *
gf_test_widgets_find_text (const char *text)
{
  return gf_test_widgets_find (shows_text, (gpointer) text);
}

static const char *
string_item (GListModel *model,
             guint       position,
             GtkExpression *expression,
             char      **out_owned)
{
  g_autoptr(GObject) item = g_list_model_get_item (model, position);
  GValue value = G_VALUE_INIT;

  *out_owned = NULL;
  if (GTK_IS_STRING_OBJECT (item))
    return gtk_string_object_get_string (GTK_STRING_OBJECT (item));
  if (expression != NULL && gtk_expression_evaluate (expression, item, &value))
    {
      *out_owned = g_value_dup_string (&value);
      g_value_unset (&value);
      return *out_owned;
    }
  return NULL;
}

static gboolean
select_string (GListModel    *model,
               GtkExpression *expression,
               const char    *value,
               guint         *out_position)
{
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *owned = NULL;
      const char *text = string_item (model, i, expression, &owned);

      if (g_strcmp0 (text, value) == 0)
        {
          *out_position = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* The value of an input: text, "true"/"false", or the selected item of a drop-down. */
char *
gf_test_widgets_dup_value (GtkWidget *widget)
{
  char *owned = NULL;
  const char *text;

  if (GTK_IS_CHECK_BUTTON (widget))
    return g_strdup (gtk_check_button_get_active (GTK_CHECK_BUTTON (widget)) ? "true" : "false");
  if (GTK_IS_TOGGLE_BUTTON (widget))
    return g_strdup (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (widget)) ? "true" : "false");
  if (GTK_IS_SWITCH (widget))
    return g_strdup (gtk_switch_get_active (GTK_SWITCH (widget)) ? "true" : "false");
  if (GTK_IS_EDITABLE (widget))
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));
  if (ADW_IS_COMBO_ROW (widget))
    {
      AdwComboRow *row = ADW_COMBO_ROW (widget);
      guint selected = adw_combo_row_get_selected (row);

      if (selected == GTK_INVALID_LIST_POSITION)
        return g_strdup ("");
      text = string_item (adw_combo_row_get_model (row), selected,
                          adw_combo_row_get_expression (row), &owned);
      return owned != NULL ? owned : g_strdup (text);
    }
  if (GTK_IS_DROP_DOWN (widget))
    {
      GtkDropDown *drop_down = GTK_DROP_DOWN (widget);
      guint selected = gtk_drop_down_get_selected (drop_down);

      if (selected == GTK_INVALID_LIST_POSITION)
        return g_strdup ("");
      text = string_item (gtk_drop_down_get_model (drop_down), selected,
                          gtk_drop_down_get_expression (drop_down), &owned);
      return owned != NULL ? owned : g_strdup (text);
    }
  return gf_test_widgets_dup_text (widget);
}

/* Sets an input the way a person would: types into an entry (the "changed" handlers
 * run), ticks a box, picks a drop-down item by its text. */
gboolean
gf_test_widgets_set_value (GtkWidget   *widget,
                           const char  *value,
                           GError     **error)
{
  gboolean active = g_str_equal (value, "true");
  guint position;

  if (GTK_IS_CHECK_BUTTON (widget))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (widget), active);
  else if (GTK_IS_TOGGLE_BUTTON (widget))
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (widget), active);
  else if (GTK_IS_SWITCH (widget))
    gtk_switch_set_active (GTK_SWITCH (widget), active);
  else if (GTK_IS_SPIN_BUTTON (widget))
    {
      gtk_editable_set_text (GTK_EDITABLE (widget), value);
      gtk_spin_button_update (GTK_SPIN_BUTTON (widget));
    }
  else if (GTK_IS_EDITABLE (widget))
    gtk_editable_set_text (GTK_EDITABLE (widget), value);
  else if (GTK_IS_TEXT_VIEW (widget))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), value, -1);
  else if (ADW_IS_COMBO_ROW (widget))
    {
      AdwComboRow *row = ADW_COMBO_ROW (widget);

      if (!select_string (adw_combo_row_get_model (row), adw_combo_row_get_expression (row),
                          value, &position))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no item “%s”", value);
          return FALSE;
        }
      adw_combo_row_set_selected (row, position);
    }
  else if (GTK_IS_DROP_DOWN (widget))
    {
      GtkDropDown *drop_down = GTK_DROP_DOWN (widget);

      if (!select_string (gtk_drop_down_get_model (drop_down),
                          gtk_drop_down_get_expression (drop_down), value, &position))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no item “%s”", value);
          return FALSE;
        }
      gtk_drop_down_set_selected (drop_down, position);
    }
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "cannot set a %s",
                   G_OBJECT_TYPE_NAME (widget));
      return FALSE;
    }
  return TRUE;
}

/* Activates the row that holds @widget (a label in a list box row, or in a list or
 * column view's row), as a double-click or Enter would. */
gboolean
gf_test_widgets_activate_row (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);

  if (row != NULL)
    return gtk_widget_activate (row);
  /* List and column view rows answer the "listitem.activate" action. */
  return gtk_widget_activate_action (widget, "listitem.activate", NULL);
}

static gboolean
is_message_dialog (GtkWidget *widget,
                   gpointer   user_data)
{
  return ADW_IS_MESSAGE_DIALOG (widget);
}

AdwMessageDialog *
gf_test_widgets_find_message_dialog (void)
{
  return ADW_MESSAGE_DIALOG (gf_test_widgets_find (is_message_dialog, NULL));
}

static gboolean
is_moving (GtkWidget *widget,
           gpointer   user_data)
{
  if (GTK_IS_STACK (widget))
    return gtk_stack_get_transition_running (GTK_STACK (widget));
  if (ADW_IS_LEAFLET (widget))
    return adw_leaflet_get_child_transition_running (ADW_LEAFLET (widget));
  return FALSE;
}

/* Whether a stack or leaflet on screen is between two pages: a screenshot then would
 * show both, half faded. */
gboolean
gf_test_widgets_in_transition (void)
{
  return gf_test_widgets_find (is_moving, NULL) != NULL;
}
