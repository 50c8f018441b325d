/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-test-script.h"
#include "gf-test-script-private.h"

#include <stdio.h>

#include "gf-test-widgets.h"
#include "gf-window.h"

/* The test hook: GUICHET_TEST_SCRIPT names a file of commands, one a line, that drive the
 * real widgets through the same code paths as the mouse and keyboard (the button's
 * activation, the entry's "activate"). Results go to stdout as TAP lines. Commands that
 * wait poll every 50 ms until their condition holds or 30 s have passed. */

#define POLL_MS     50
#define WAIT_US     (30 * G_USEC_PER_SEC)
#define SETTLE_US   GF_TEST_SETTLE_US

typedef GfTestRunner Runner;
typedef GfTestCommandFunc Command;

#define report gf_test_report

void
gf_test_report (Runner     *runner,
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

gboolean
gf_test_save_screenshot (GtkWidget  *widget,
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

  ok = gf_test_save_screenshot (GTK_WIDGET (window), arg, &error);
  report (runner, ok, "screenshot %s%s%s", arg, ok ? "" : ": ", ok ? "" : error->message);
  return TRUE;
}

static const GfTestCommand commands[] = {
  { "size", cmd_size },
  { "login", cmd_login },
  { "expect-mode", cmd_expect_mode },
  { "expect-login-error", cmd_expect_login_error },
  { "expect-pages", cmd_expect_pages },
  { "expect-dashboard", cmd_expect_dashboard },
  { "expect-folded", cmd_expect_folded },
  { "search", cmd_search },
  { "expect-toast", cmd_expect_toast },
  { "sidebar", cmd_sidebar },
  { "logout", cmd_logout },
  { "screenshot", cmd_screenshot },
};

/* The runner's own commands (sign-in, sidebar, dashboard), then the widget commands. */
static Command
find_command (const char *name)
{
  const GfTestCommand *widget_commands;
  guint n_widget_commands;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (name, commands[i].name))
      return commands[i].func;
  widget_commands = gf_test_widget_commands (&n_widget_commands);
  for (guint i = 0; i < n_widget_commands; i++)
    if (g_str_equal (name, widget_commands[i].name))
      return widget_commands[i].func;
  return NULL;
}

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
      Command func;

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

      func = find_command (name);
      if (func == NULL)
        report (runner, FALSE, "unknown command “%s”", name);
      else if (window == NULL)
        report (runner, FALSE, "%s: no window", name);
      else if (!func (runner, window, arg, timed_out))
        {
          runner->waiting = TRUE;
          return G_SOURCE_CONTINUE;
        }

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
