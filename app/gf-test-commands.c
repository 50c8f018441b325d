/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include <stdio.h>

#include "gf-families-bench.h"
#include "gf-session.h"
#include "gf-test-script-private.h"
#include "gf-test-widgets.h"

/* Generic commands: they find widgets the way a person does, by what they show. Those
 * that look for a widget wait until it is on screen. */

static gboolean
cmd_page (GfTestRunner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  if (!gf_window_show_page (window, arg))
    gf_test_report (runner, FALSE, "page “%s”: not in the sidebar", arg);
  return TRUE;
}

static gboolean
cmd_click (GfTestRunner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  GtkWidget *button = gf_test_widgets_find_button (arg);

  if (button != NULL)
    {
      gtk_widget_activate (button);
      return TRUE;
    }
  if (timed_out)
    gf_test_report (runner, FALSE, "click: no button or row “%s” on screen", arg);
  return timed_out;
}

/* "ID REST": the widget's id, then the value. */
static void
split_id (const char  *arg,
          char       **out_id,
          const char **out_rest)
{
  const char *space = strchr (arg, ' ');

  *out_id = space ? g_strndup (arg, space - arg) : g_strdup (arg);
  *out_rest = space ? space + 1 : "";
}

static gboolean
cmd_set (GfTestRunner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  const char *value;
  GtkWidget *widget;

  split_id (arg, &id, &value);
  widget = gf_test_widgets_find_by_id (id);
  if (widget == NULL)
    {
      if (timed_out)
        gf_test_report (runner, FALSE, "set: no widget “%s” on screen", id);
      return timed_out;
    }
  if (!gf_test_widgets_set_value (widget, value, &error))
    gf_test_report (runner, FALSE, "set %s: %s", id, error->message);
  return TRUE;
}

static gboolean
cmd_activate (GfTestRunner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  GtkWidget *widget = gf_test_widgets_find_by_id (arg);

  if (widget != NULL)
    {
      gtk_widget_activate (widget);
      return TRUE;
    }
  if (timed_out)
    gf_test_report (runner, FALSE, "activate: no widget “%s” on screen", arg);
  return timed_out;
}

static gboolean
cmd_activate_row (GfTestRunner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  GtkWidget *widget = gf_test_widgets_find_text (arg);

  if (widget != NULL)
    {
      /* GTK 4.8's column view cells lack "listitem.activate"; activating the cell
       * (a GtkListItemWidget) is what Enter on it does. */
      GType item_type = g_type_from_name ("GtkListItemWidget");
      GtkWidget *cell = item_type != 0 ? gtk_widget_get_ancestor (widget, item_type) : NULL;

      /* A column view's cell is one inside its row: the row is the one that activates. */
      while (cell != NULL && !gtk_widget_activate (cell))
        cell = gtk_widget_get_ancestor (gtk_widget_get_parent (cell), item_type);
      if (cell == NULL && !gf_test_widgets_activate_row (widget))
        gf_test_report (runner, FALSE, "activate-row: “%s” is not in a row", arg);
      return TRUE;
    }
  if (timed_out)
    gf_test_report (runner, FALSE, "activate-row: no row shows “%s”", arg);
  return timed_out;
}

static gboolean
cmd_expect_text (GfTestRunner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  if (gf_test_widgets_find_text (arg) != NULL)
    {
      gf_test_report (runner, TRUE, "the screen shows “%s”", arg);
      return TRUE;
    }
  if (timed_out)
    gf_test_report (runner, FALSE, "the screen does not show “%s”", arg);
  return timed_out;
}

static gboolean
cmd_expect_no_text (GfTestRunner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  GtkWidget *widget;

  if (g_get_monotonic_time () - runner->started < GF_TEST_SETTLE_US ||
      (gf_test_widgets_in_transition () && !timed_out))
    return FALSE;
  widget = gf_test_widgets_find_text (arg);
  gf_test_report (runner, widget == NULL, "the screen does not show “%s”%s%s", arg,
          widget ? ": it does, in a " : "", widget ? G_OBJECT_TYPE_NAME (widget) : "");
  return TRUE;
}

static gboolean
cmd_expect_value (GfTestRunner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  g_autofree char *id = NULL;
  g_autofree char *value = NULL;
  const char *expected;
  GtkWidget *widget;

  split_id (arg, &id, &expected);
  widget = gf_test_widgets_find_by_id (id);
  if (widget != NULL)
    value = gf_test_widgets_dup_value (widget);
  if (g_strcmp0 (value, expected) == 0)
    {
      gf_test_report (runner, TRUE, "%s is “%s”", id, expected);
      return TRUE;
    }
  if (timed_out)
    gf_test_report (runner, FALSE, "%s is “%s”, not “%s”", id, value ? value : "(not on screen)", expected);
  return timed_out;
}

static gboolean
cmd_expect_sensitive (GfTestRunner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  g_autofree char *id = NULL;
  const char *expected;
  GtkWidget *widget;
  gboolean want;

  split_id (arg, &id, &expected);
  want = g_str_equal (expected, "true");
  widget = gf_test_widgets_find_by_id (id);
  if (widget != NULL && gtk_widget_is_sensitive (widget) == want)
    {
      gf_test_report (runner, TRUE, "%s is %s", id, want ? "sensitive" : "insensitive");
      return TRUE;
    }
  if (timed_out)
    gf_test_report (runner, FALSE, "%s is not %s", id, want ? "sensitive" : "insensitive");
  return timed_out;
}

static gboolean
cmd_respond (GfTestRunner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  AdwMessageDialog *dialog = gf_test_widgets_find_message_dialog ();

  if (dialog != NULL && adw_message_dialog_has_response (dialog, arg))
    {
      adw_message_dialog_response (dialog, arg);
      gtk_window_close (GTK_WINDOW (dialog));
      return TRUE;
    }
  if (timed_out)
    gf_test_report (runner, FALSE, "respond: no dialog with the response “%s”", arg);
  return timed_out;
}

static gboolean
has_tab (GtkWidget *widget,
         gpointer   user_data)
{
  g_autoptr(GtkSelectionModel) pages = NULL;

  if (!ADW_IS_VIEW_STACK (widget))
    return FALSE;
  pages = adw_view_stack_get_pages (ADW_VIEW_STACK (widget));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

      if (g_strcmp0 (adw_view_stack_page_get_title (page), user_data) == 0)
        return TRUE;
    }
  return FALSE;
}

/* "tab TITLE": shows the page of a view stack (AdwViewSwitcher) by its title. */
static gboolean
cmd_tab (GfTestRunner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  GtkWidget *stack = gf_test_widgets_find (has_tab, (gpointer) arg);
  g_autoptr(GtkSelectionModel) pages = NULL;

  if (stack == NULL)
    {
      if (timed_out)
        gf_test_report (runner, FALSE, "tab: no tab “%s” on screen", arg);
      return timed_out;
    }
  pages = adw_view_stack_get_pages (ADW_VIEW_STACK (stack));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

      if (g_strcmp0 (adw_view_stack_page_get_title (page), arg) == 0)
        adw_view_stack_set_visible_child (ADW_VIEW_STACK (stack),
                                          adw_view_stack_page_get_child (page));
    }
  return TRUE;
}

/* "open-family ID": the family page, as the global search or another page opens it. */
static gboolean
cmd_open_family (GfTestRunner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  GfSession *session = gf_window_get_session (window);

  if (session == NULL)
    gf_test_report (runner, FALSE, "open-family: nobody is logged in");
  else
    gf_session_open (session, GF_SESSION_OBJECT_FAMILY, g_ascii_strtoll (arg, NULL, 10));
  return TRUE;
}

static gboolean
cmd_refresh (GfTestRunner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  GfSession *session = gf_window_get_session (window);

  if (session != NULL)
    gf_session_check_changes (session);
  return TRUE;
}

static gboolean
cmd_open_database (GfTestRunner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  gf_application_open_database (runner->app, arg, FALSE);
  return TRUE;
}

static gboolean
cmd_new_database (GfTestRunner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  gf_application_open_database (runner->app, arg, TRUE);
  return TRUE;
}

static gboolean
cmd_open_demo (GfTestRunner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  gf_application_open_demo (runner->app, arg);
  return TRUE;
}

/* The Style menu's choice: default, light or dark. */
static gboolean
cmd_style (GfTestRunner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  g_action_group_activate_action (G_ACTION_GROUP (runner->app), "color-scheme",
                                  g_variant_new_string (arg));
  gf_test_report (runner, adw_style_manager_get_dark (adw_style_manager_get_default ()) ==
                  g_str_equal (arg, "dark"),
          "style %s", arg);
  return TRUE;
}

static gboolean
row_titled (GtkWidget *widget,
            gpointer   user_data)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), user_data) == 0;
}

/* "TITLE = VALUE": rows made in code have no .ui id; they are found by their title. */
static gboolean
cmd_set_row (GfTestRunner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  const char *equal = strstr (arg, " = ");
  GtkWidget *widget;

  if (equal == NULL)
    {
      gf_test_report (runner, FALSE, "set-row: expected “TITLE = VALUE”, got “%s”", arg);
      return TRUE;
    }
  title = g_strndup (arg, equal - arg);
  widget = gf_test_widgets_find (row_titled, title);
  if (widget == NULL)
    {
      if (timed_out)
        gf_test_report (runner, FALSE, "set-row: no row “%s” on screen", title);
      return timed_out;
    }
  if (!gf_test_widgets_set_value (widget, equal + 3, &error))
    gf_test_report (runner, FALSE, "set-row %s: %s", title, error->message);
  return TRUE;
}

/* A real key press through the X server (xdotool), as the keyboard would send it:
 * "ctrl+1", "F5", "alt+Left". */
static gboolean
cmd_key (GfTestRunner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "xdotool", "key", "--clearmodifiers", arg, NULL };
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    gf_test_report (runner, FALSE, "key %s: %s", arg, error->message);
  return TRUE;
}

static gboolean
cmd_expect_page (GfTestRunner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  const char *page = gf_window_get_page_name (window);

  if (g_strcmp0 (page, arg) != 0 && !timed_out)
    return FALSE;
  gf_test_report (runner, g_strcmp0 (page, arg) == 0, "the page shown is “%s” (expected “%s”)",
          page ? page : "(none)", arg);
  return TRUE;
}

static gboolean
cmd_wait (GfTestRunner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  return g_get_monotonic_time () - runner->started >= g_ascii_strtoll (arg, NULL, 10) * 1000;
}

static gboolean
cmd_screenshot_top (GfTestRunner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  g_autoptr(GList) toplevels = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *top = NULL;
  gboolean ok;

  if (g_get_monotonic_time () - runner->started < GF_TEST_SETTLE_US ||
      (gf_test_widgets_in_transition () && !timed_out))
    return FALSE;
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (gtk_widget_get_mapped (l->data) && l->data != (gpointer) window)
      top = l->data;
  if (top == NULL)
    top = GTK_WIDGET (window);
  ok = gf_test_save_screenshot (top, arg, &error);
  gf_test_report (runner, ok, "screenshot %s%s%s", arg, ok ? "" : ": ", ok ? "" : error->message);
  return TRUE;
}

static gboolean
is_column_view (GtkWidget *widget,
                gpointer   user_data)
{
  return GTK_IS_COLUMN_VIEW (widget);
}

/* "sort TITLE asc|desc": what a click on a column header does. */
static gboolean
cmd_sort (GfTestRunner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  GtkWidget *view = gf_test_widgets_find (is_column_view, NULL);
  const char *space = strrchr (arg, ' ');
  g_autofree char *title = space ? g_strndup (arg, space - arg) : g_strdup (arg);
  GListModel *columns;

  if (view == NULL)
    {
      if (timed_out)
        gf_test_report (runner, FALSE, "sort: no column view on screen");
      return timed_out;
    }
  columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (view));
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        {
          /* Cleared first: GTK 4.8 leaves the former column's arrow otherwise. */
          gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (view), NULL, GTK_SORT_ASCENDING);
          gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (view), column,
                                          space && g_str_equal (space + 1, "desc")
                                          ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
          return TRUE;
        }
    }
  gf_test_report (runner, FALSE, "sort: no column “%s”", title);
  return TRUE;
}

static void
append_texts (GtkWidget *widget,
              GString   *out)
{
  g_autofree char *text = gf_test_widgets_dup_text (widget);

  if (text != NULL)
    g_string_append_printf (out, "%s ", text);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    append_texts (child, out);
}

/* "expect-row N TEXT": the Nth row (from 1) of the column view on screen shows TEXT. */
static gboolean
cmd_expect_row (GfTestRunner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  GtkWidget *view = gf_test_widgets_find (is_column_view, NULL);
  g_autoptr(GString) texts = g_string_new (NULL);
  char *rest = NULL;
  guint64 wanted = g_ascii_strtoull (arg, &rest, 10);
  guint64 n = 0;

  rest = rest && *rest == ' ' ? rest + 1 : (char *) "";
  for (GtkWidget *list = view ? gtk_widget_get_first_child (view) : NULL; list;
       list = gtk_widget_get_next_sibling (list))
    for (GtkWidget *row = gtk_widget_get_first_child (list); row && n < wanted;
         row = gtk_widget_get_next_sibling (row))
      if (g_str_equal (gtk_widget_get_css_name (list), "listview") &&
          g_str_equal (gtk_widget_get_css_name (row), "row") && ++n == wanted)
        append_texts (row, texts);
  if (strstr (texts->str, rest) != NULL && n == wanted)
    {
      gf_test_report (runner, TRUE, "row %" G_GUINT64_FORMAT " shows “%s”", wanted, rest);
      return TRUE;
    }
  if (timed_out)
    gf_test_report (runner, FALSE, "row %" G_GUINT64_FORMAT " shows “%s”, not “%s”", wanted,
            texts->str, rest);
  return timed_out;
}

static gboolean
is_families_page (GtkWidget *widget,
                  gpointer   user_data)
{
  return GF_IS_FAMILIES_PAGE (widget);
}

/* Benchmarks of the families page (tests/bench/bench-app-families.py). */
static gboolean
cmd_bench_families (GfTestRunner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  GtkWidget *page = gf_test_widgets_find (is_families_page, NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean ok = TRUE;

  if (page == NULL || !gf_families_page_get_loaded (GF_FAMILIES_PAGE (page)) ||
      gtk_widget_get_frame_clock (page) == NULL)
    {
      if (timed_out)
        gf_test_report (runner, FALSE, "bench: the families page is not on screen");
      return timed_out;
    }
  if (g_str_has_prefix (arg, "ready"))
    gf_families_bench_ready (GF_FAMILIES_PAGE (page), out);
  else if (g_str_has_prefix (arg, "search "))
    ok = gf_families_bench_search (GF_FAMILIES_PAGE (page), arg + 7, out);
  else
    gf_families_bench_rss (out);
  printf ("%s", out->str);
  gf_test_report (runner, ok, "bench-families %s", arg);
  return TRUE;
}

static const GfTestCommand widget_commands[] = {
  { "screenshot-top", cmd_screenshot_top },
  { "page", cmd_page },
  { "click", cmd_click },
  { "set", cmd_set },
  { "activate", cmd_activate },
  { "activate-row", cmd_activate_row },
  { "expect-text", cmd_expect_text },
  { "expect-no-text", cmd_expect_no_text },
  { "expect-value", cmd_expect_value },
  { "expect-sensitive", cmd_expect_sensitive },
  { "respond", cmd_respond },
  { "refresh", cmd_refresh },
  { "open-family", cmd_open_family },
  { "tab", cmd_tab },
  { "wait", cmd_wait },
  { "key", cmd_key },
  { "expect-page", cmd_expect_page },
  { "set-row", cmd_set_row },
  { "sort", cmd_sort },
  { "expect-row", cmd_expect_row },
  { "bench-families", cmd_bench_families },
  { "open-database", cmd_open_database },
  { "new-database", cmd_new_database },
  { "open-demo", cmd_open_demo },
  { "style", cmd_style },
};

/* The commands that work on any page, by what the widgets show. */
const GfTestCommand *
gf_test_widget_commands (guint *n_commands)
{
  *n_commands = G_N_ELEMENTS (widget_commands);
  return widget_commands;
}
