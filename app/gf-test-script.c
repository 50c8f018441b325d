/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-test-script.h"

#include <stdio.h>

#include "gf-families-bench.h"
#include "gf-session.h"
#include "gf-test-widgets.h"
#include "gf-window.h"

/* The test hook: GUICHET_TEST_SCRIPT names a file of commands, one a line, that drive the
 * real widgets through the same code paths as the mouse and keyboard (the button's
 * activation, the entry's "activate"). Results go to stdout as TAP lines. Commands that
 * wait poll every 50 ms until their condition holds or 30 s have passed. */

#define POLL_MS     50
#define WAIT_US     (30 * G_USEC_PER_SEC)
#define SETTLE_US   (600 * G_TIME_SPAN_MILLISECOND)

typedef struct
{
  GfApplication  *app;
  GStrv           lines;
  guint           pos;
  guint           n_tests;
  guint           n_failed;
  gint64          started;     /* when the current command began */
  gboolean        waiting;
  gboolean        seen_busy;
} Runner;

typedef gboolean (*Command) (Runner  *runner,
                             GfWindow *window,
                             const char *arg,
                             gboolean  timed_out);

static void
report (Runner     *runner,
        gboolean    ok,
        const char *format,
        ...) G_GNUC_PRINTF (3, 4);

static void
report (Runner     *runner,
        gboolean    ok,
        const char *format,
        ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  runner->n_tests++;
  if (!ok)
    runner->n_failed++;
  printf ("%sok %u - %s\n", ok ? "" : "not ", runner->n_tests, text);
  fflush (stdout);
}

static GfWindow *
find_window (Runner *runner)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (runner->app)); l; l = l->next)
    if (GF_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static gboolean
save_screenshot (GtkWidget  *widget,
                 const char *path,
                 GError    **error)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (widget));

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_to_node (snapshot);
  if (node == NULL || renderer == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "nothing to render");
      return FALSE;
    }
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_mkdir_with_parents (dir, 0755);
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot write %s", path);
      return FALSE;
    }
  return TRUE;
}

/*
 * Commands: TRUE when done, FALSE to be polled again.
 */

static gboolean
cmd_size (Runner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  int width = 0, height = 0;

  if (sscanf (arg, "%d %d", &width, &height) != 2)
    {
      report (runner, FALSE, "size: bad argument “%s”", arg);
      return TRUE;
    }
  /* The default size counts the client-side decorations' margins; the widget does not. */
  if (!runner->waiting)
    {
      GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
      int extra_w = gdk_surface_get_width (surface) - gtk_widget_get_width (GTK_WIDGET (window));
      int extra_h = gdk_surface_get_height (surface) - gtk_widget_get_height (GTK_WIDGET (window));

      gtk_window_set_default_size (GTK_WINDOW (window), width + MAX (extra_w, 0),
                                   height + MAX (extra_h, 0));
    }
  if (gtk_widget_get_width (GTK_WIDGET (window)) == width &&
      gtk_widget_get_height (GTK_WIDGET (window)) == height)
    {
      report (runner, TRUE, "window is %d×%d", width, height);
      return TRUE;
    }
  if (timed_out)
    {
      report (runner, FALSE, "window is %d×%d, not %d×%d",
              gtk_widget_get_width (GTK_WIDGET (window)),
              gtk_widget_get_height (GTK_WIDGET (window)), width, height);
      return TRUE;
    }
  return FALSE;
}

static gboolean
cmd_login (Runner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  GfLoginPage *page = gf_window_get_login_page (window);
  g_auto(GStrv) parts = NULL;

  if (!runner->waiting)
    {
      parts = g_strsplit (arg, " ", 2);
      gf_login_page_fill (page, parts[0], parts[1] != NULL ? parts[1] : "");
      runner->seen_busy = FALSE;
      gf_login_page_submit (page);
      return FALSE;
    }
  /* The button emits "clicked" a moment after its activation: wait to see the work
   * start, then end. */
  if (gf_login_page_get_busy (page))
    runner->seen_busy = TRUE;
  else if (runner->seen_busy || g_get_monotonic_time () - runner->started > 2 * G_USEC_PER_SEC)
    return TRUE;
  if (timed_out)
    report (runner, FALSE, "login did not finish");
  return timed_out;
}

static gboolean
cmd_expect_mode (Runner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  const char *mode = gf_window_get_mode (window);

  /* Signing in, creating an account or a demo take a moment: wait for the page. */
  if (g_strcmp0 (mode, arg) != 0 && !timed_out)
    return FALSE;
  report (runner, g_strcmp0 (mode, arg) == 0, "the window shows “%s” (expected “%s”)",
          mode, arg);
  return TRUE;
}

static gboolean
cmd_expect_login_error (Runner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  const char *error = gf_login_page_get_error (gf_window_get_login_page (window));

  report (runner, g_strcmp0 (error, arg) == 0, "login error “%s” (expected “%s”)",
          error != NULL ? error : "(none)", arg);
  return TRUE;
}

static gboolean
cmd_expect_pages (Runner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  g_auto(GStrv) titles = gf_window_dup_page_titles (window);
  g_autofree char *joined = g_strjoinv (",", titles);

  report (runner, g_strcmp0 (joined, arg) == 0, "pages “%s” (expected “%s”)", joined, arg);
  return TRUE;
}

static gboolean
cmd_expect_dashboard (Runner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  GfDashboardPage *page = gf_window_get_dashboard_page (window);

  if (page != NULL && gf_dashboard_page_get_loaded (page))
    {
      const char *amount = gf_dashboard_page_get_unpaid_amount (page);
      const char *count = gf_dashboard_page_get_unpaid_count (page);

      report (runner, g_str_has_suffix (amount, "€") && g_ascii_isdigit (count[0]),
              "dashboard unpaid: %s, %s", amount, count);
      return TRUE;
    }
  if (timed_out)
    report (runner, FALSE, "the dashboard did not load");
  return timed_out;
}

static gboolean
cmd_expect_folded (Runner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  gboolean expected = g_str_equal (arg, "yes");

  if (gf_window_get_folded (window) == expected)
    {
      report (runner, TRUE, "the sidebar is %s", expected ? "folded" : "unfolded");
      return TRUE;
    }
  if (timed_out)
    report (runner, FALSE, "the sidebar is not %s", expected ? "folded" : "unfolded");
  return timed_out;
}

static gboolean
cmd_search (Runner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  gf_window_search (window, arg);
  return TRUE;
}

static gboolean
cmd_expect_toast (Runner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  const char *toast = gf_window_get_last_toast (window);

  report (runner, toast != NULL && strstr (toast, arg) != NULL,
          "toast “%s” contains “%s”", toast != NULL ? toast : "(none)", arg);
  return TRUE;
}

static gboolean
cmd_sidebar (Runner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  gf_window_show_sidebar (window, g_str_equal (arg, "yes"));
  return TRUE;
}

static gboolean
cmd_logout (Runner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.logout", NULL);
  return TRUE;
}

static gboolean
cmd_screenshot (Runner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  /* Let transitions and the layout settle first. */
  if (g_get_monotonic_time () - runner->started < SETTLE_US ||
      (gf_test_widgets_in_transition () && !timed_out))
    return FALSE;

  ok = save_screenshot (GTK_WIDGET (window), arg, &error);
  report (runner, ok, "screenshot %s%s%s", arg, ok ? "" : ": ", ok ? "" : error->message);
  return TRUE;
}

/* Generic commands: they find widgets the way a person does, by what they show. Those
 * that look for a widget wait until it is on screen. */

static gboolean
cmd_page (Runner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  if (!gf_window_show_page (window, arg))
    report (runner, FALSE, "page “%s”: not in the sidebar", arg);
  return TRUE;
}

static gboolean
cmd_click (Runner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  GtkWidget *button = gf_test_widgets_find_button (arg);

  if (button != NULL)
    {
      gtk_widget_activate (button);
      return TRUE;
    }
  if (timed_out)
    report (runner, FALSE, "click: no button or row “%s” on screen", arg);
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
cmd_set (Runner *runner, GfWindow *window, const char *arg, gboolean timed_out)
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
        report (runner, FALSE, "set: no widget “%s” on screen", id);
      return timed_out;
    }
  if (!gf_test_widgets_set_value (widget, value, &error))
    report (runner, FALSE, "set %s: %s", id, error->message);
  return TRUE;
}

static gboolean
cmd_activate (Runner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  GtkWidget *widget = gf_test_widgets_find_by_id (arg);

  if (widget != NULL)
    {
      gtk_widget_activate (widget);
      return TRUE;
    }
  if (timed_out)
    report (runner, FALSE, "activate: no widget “%s” on screen", arg);
  return timed_out;
}

static gboolean
cmd_activate_row (Runner *runner, GfWindow *window, const char *arg, gboolean timed_out)
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
        report (runner, FALSE, "activate-row: “%s” is not in a row", arg);
      return TRUE;
    }
  if (timed_out)
    report (runner, FALSE, "activate-row: no row shows “%s”", arg);
  return timed_out;
}

static gboolean
cmd_expect_text (Runner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  if (gf_test_widgets_find_text (arg) != NULL)
    {
      report (runner, TRUE, "the screen shows “%s”", arg);
      return TRUE;
    }
  if (timed_out)
    report (runner, FALSE, "the screen does not show “%s”", arg);
  return timed_out;
}

static gboolean
cmd_expect_no_text (Runner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  GtkWidget *widget;

  if (g_get_monotonic_time () - runner->started < SETTLE_US ||
      (gf_test_widgets_in_transition () && !timed_out))
    return FALSE;
  widget = gf_test_widgets_find_text (arg);
  report (runner, widget == NULL, "the screen does not show “%s”%s%s", arg,
          widget ? ": it does, in a " : "", widget ? G_OBJECT_TYPE_NAME (widget) : "");
  return TRUE;
}

static gboolean
cmd_expect_value (Runner *runner, GfWindow *window, const char *arg, gboolean timed_out)
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
      report (runner, TRUE, "%s is “%s”", id, expected);
      return TRUE;
    }
  if (timed_out)
    report (runner, FALSE, "%s is “%s”, not “%s”", id, value ? value : "(not on screen)", expected);
  return timed_out;
}

static gboolean
cmd_expect_sensitive (Runner *runner, GfWindow *window, const char *arg, gboolean timed_out)
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
      report (runner, TRUE, "%s is %s", id, want ? "sensitive" : "insensitive");
      return TRUE;
    }
  if (timed_out)
    report (runner, FALSE, "%s is not %s", id, want ? "sensitive" : "insensitive");
  return timed_out;
}

static gboolean
cmd_respond (Runner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  AdwMessageDialog *dialog = gf_test_widgets_find_message_dialog ();

  if (dialog != NULL && adw_message_dialog_has_response (dialog, arg))
    {
      adw_message_dialog_response (dialog, arg);
      gtk_window_close (GTK_WINDOW (dialog));
      return TRUE;
    }
  if (timed_out)
    report (runner, FALSE, "respond: no dialog with the response “%s”", arg);
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
cmd_tab (Runner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  GtkWidget *stack = gf_test_widgets_find (has_tab, (gpointer) arg);
  g_autoptr(GtkSelectionModel) pages = NULL;

  if (stack == NULL)
    {
      if (timed_out)
        report (runner, FALSE, "tab: no tab “%s” on screen", arg);
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
cmd_open_family (Runner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  GfSession *session = gf_window_get_session (window);

  if (session == NULL)
    report (runner, FALSE, "open-family: nobody is logged in");
  else
    gf_session_open (session, GF_SESSION_OBJECT_FAMILY, g_ascii_strtoll (arg, NULL, 10));
  return TRUE;
}

static gboolean
cmd_refresh (Runner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  GfSession *session = gf_window_get_session (window);

  if (session != NULL)
    gf_session_check_changes (session);
  return TRUE;
}

static gboolean
cmd_open_database (Runner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  gf_application_open_database (runner->app, arg, FALSE);
  return TRUE;
}

static gboolean
cmd_new_database (Runner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  gf_application_open_database (runner->app, arg, TRUE);
  return TRUE;
}

static gboolean
cmd_open_demo (Runner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  gf_application_open_demo (runner->app, arg);
  return TRUE;
}

/* The Style menu's choice: default, light or dark. */
static gboolean
cmd_style (Runner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  g_action_group_activate_action (G_ACTION_GROUP (runner->app), "color-scheme",
                                  g_variant_new_string (arg));
  report (runner, adw_style_manager_get_dark (adw_style_manager_get_default ()) ==
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
cmd_set_row (Runner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  const char *equal = strstr (arg, " = ");
  GtkWidget *widget;

  if (equal == NULL)
    {
      report (runner, FALSE, "set-row: expected “TITLE = VALUE”, got “%s”", arg);
      return TRUE;
    }
  title = g_strndup (arg, equal - arg);
  widget = gf_test_widgets_find (row_titled, title);
  if (widget == NULL)
    {
      if (timed_out)
        report (runner, FALSE, "set-row: no row “%s” on screen", title);
      return timed_out;
    }
  if (!gf_test_widgets_set_value (widget, equal + 3, &error))
    report (runner, FALSE, "set-row %s: %s", title, error->message);
  return TRUE;
}

/* A real key press through the X server (xdotool), as the keyboard would send it:
 * "ctrl+1", "F5", "alt+Left". */
static gboolean
cmd_key (Runner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "xdotool", "key", "--clearmodifiers", arg, NULL };
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    report (runner, FALSE, "key %s: %s", arg, error->message);
  return TRUE;
}

static gboolean
cmd_expect_page (Runner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  const char *page = gf_window_get_page_name (window);

  if (g_strcmp0 (page, arg) != 0 && !timed_out)
    return FALSE;
  report (runner, g_strcmp0 (page, arg) == 0, "the page shown is “%s” (expected “%s”)",
          page ? page : "(none)", arg);
  return TRUE;
}

static gboolean
cmd_wait (Runner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  return g_get_monotonic_time () - runner->started >= g_ascii_strtoll (arg, NULL, 10) * 1000;
}

static gboolean
cmd_screenshot_top (Runner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  g_autoptr(GList) toplevels = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *top = NULL;
  gboolean ok;

  if (g_get_monotonic_time () - runner->started < SETTLE_US ||
      (gf_test_widgets_in_transition () && !timed_out))
    return FALSE;
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (gtk_widget_get_mapped (l->data) && l->data != (gpointer) window)
      top = l->data;
  if (top == NULL)
    top = GTK_WIDGET (window);
  ok = save_screenshot (top, arg, &error);
  report (runner, ok, "screenshot %s%s%s", arg, ok ? "" : ": ", ok ? "" : error->message);
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
cmd_sort (Runner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  GtkWidget *view = gf_test_widgets_find (is_column_view, NULL);
  const char *space = strrchr (arg, ' ');
  g_autofree char *title = space ? g_strndup (arg, space - arg) : g_strdup (arg);
  GListModel *columns;

  if (view == NULL)
    {
      if (timed_out)
        report (runner, FALSE, "sort: no column view on screen");
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
  report (runner, FALSE, "sort: no column “%s”", title);
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
cmd_expect_row (Runner *runner, GfWindow *window, const char *arg, gboolean timed_out)
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
      report (runner, TRUE, "row %" G_GUINT64_FORMAT " shows “%s”", wanted, rest);
      return TRUE;
    }
  if (timed_out)
    report (runner, FALSE, "row %" G_GUINT64_FORMAT " shows “%s”, not “%s”", wanted,
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
cmd_bench_families (Runner *runner, GfWindow *window, const char *arg, gboolean timed_out)
{
  GtkWidget *page = gf_test_widgets_find (is_families_page, NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean ok = TRUE;

  if (page == NULL || !gf_families_page_get_loaded (GF_FAMILIES_PAGE (page)) ||
      gtk_widget_get_frame_clock (page) == NULL)
    {
      if (timed_out)
        report (runner, FALSE, "bench: the families page is not on screen");
      return timed_out;
    }
  if (g_str_has_prefix (arg, "ready"))
    gf_families_bench_ready (GF_FAMILIES_PAGE (page), out);
  else if (g_str_has_prefix (arg, "search "))
    ok = gf_families_bench_search (GF_FAMILIES_PAGE (page), arg + 7, out);
  else
    gf_families_bench_rss (out);
  printf ("%s", out->str);
  report (runner, ok, "bench-families %s", arg);
  return TRUE;
}

static const struct
{
  const char *name;
  Command     func;
  gboolean    needs_window;
} commands[] = {
  { "size", cmd_size, TRUE },
  { "login", cmd_login, TRUE },
  { "expect-mode", cmd_expect_mode, TRUE },
  { "expect-login-error", cmd_expect_login_error, TRUE },
  { "expect-pages", cmd_expect_pages, TRUE },
  { "expect-dashboard", cmd_expect_dashboard, TRUE },
  { "expect-folded", cmd_expect_folded, TRUE },
  { "search", cmd_search, TRUE },
  { "expect-toast", cmd_expect_toast, TRUE },
  { "sidebar", cmd_sidebar, TRUE },
  { "logout", cmd_logout, TRUE },
  { "screenshot", cmd_screenshot, TRUE },
  { "screenshot-top", cmd_screenshot_top, TRUE },
  { "page", cmd_page, TRUE },
  { "click", cmd_click, TRUE },
  { "set", cmd_set, TRUE },
  { "activate", cmd_activate, TRUE },
  { "activate-row", cmd_activate_row, TRUE },
  { "expect-text", cmd_expect_text, TRUE },
  { "expect-no-text", cmd_expect_no_text, TRUE },
  { "expect-value", cmd_expect_value, TRUE },
  { "expect-sensitive", cmd_expect_sensitive, TRUE },
  { "respond", cmd_respond, TRUE },
  { "refresh", cmd_refresh, TRUE },
  { "open-family", cmd_open_family, TRUE },
  { "tab", cmd_tab, TRUE },
  { "wait", cmd_wait, TRUE },
  { "key", cmd_key, TRUE },
  { "expect-page", cmd_expect_page, TRUE },
  { "set-row", cmd_set_row, TRUE },
  { "sort", cmd_sort, TRUE },
  { "expect-row", cmd_expect_row, TRUE },
  { "bench-families", cmd_bench_families, TRUE },
  { "open-database", cmd_open_database, TRUE },
  { "new-database", cmd_new_database, TRUE },
  { "open-demo", cmd_open_demo, TRUE },
  { "style", cmd_style, TRUE },
};

static void
finish (Runner *runner)
{
  printf ("1..%u\n", runner->n_tests);
  fflush (stdout);
  g_application_quit (G_APPLICATION (runner->app));
  g_object_unref (runner->app);
  g_strfreev (runner->lines);
  g_free (runner);
}

/* The error dialog shown when the database cannot be opened. */
static void
check_error_dialog (Runner *runner)
{
  GtkWindow *dialog = gf_application_get_error_dialog (runner->app);

  report (runner, dialog != NULL, "error dialog: %s — %s",
          dialog ? adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)) : "(none)",
          dialog ? adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)) : "");
}

static gboolean
step_cb (gpointer user_data)
{
  Runner *runner = user_data;

  while (runner->lines[runner->pos] != NULL)
    {
      g_autofree char *line = g_strstrip (g_strdup (runner->lines[runner->pos]));
      g_autofree char *name = NULL;
      const char *arg = "";
      const char *space;
      GfWindow *window = find_window (runner);
      gboolean timed_out;
      gboolean known = FALSE;

      if (*line == '\0' || *line == '#')
        {
          runner->pos++;
          continue;
        }

      space = strchr (line, ' ');
      name = space ? g_strndup (line, space - line) : g_strdup (line);
      if (space)
        arg = space + 1;

      if (g_str_equal (name, "quit"))
        break;

      if (g_str_equal (name, "expect-error-dialog"))
        {
          check_error_dialog (runner);
          runner->pos++;
          continue;
        }

      if (!runner->waiting)
        runner->started = g_get_monotonic_time ();
      timed_out = g_get_monotonic_time () - runner->started > WAIT_US;

      for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
        {
          if (!g_str_equal (name, commands[i].name))
            continue;
          known = TRUE;
          if (window == NULL)
            {
              report (runner, FALSE, "%s: no window", name);
              break;
            }
          if (!commands[i].func (runner, window, arg, timed_out))
            {
              runner->waiting = TRUE;
              return G_SOURCE_CONTINUE;
            }
          break;
        }
      if (!known)
        report (runner, FALSE, "unknown command “%s”", name);

      runner->waiting = FALSE;
      runner->pos++;
    }

  finish (runner);
  return G_SOURCE_REMOVE;
}

void
gf_test_script_run (GfApplication *app,
                    const char    *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  Runner *runner;

  g_return_if_fail (GF_IS_APPLICATION (app));

  if (!g_file_get_contents (path, &contents, NULL, &error))
    {
      printf ("Bail out! %s\n", error->message);
      g_application_quit (G_APPLICATION (app));
      return;
    }

  runner = g_new0 (Runner, 1);
  runner->app = g_object_ref (app);
  runner->lines = g_strsplit (contents, "\n", -1);
  g_timeout_add (POLL_MS, step_cb, runner);
}
