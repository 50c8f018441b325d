/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-families-bench.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The goal for one keystroke: the list refiltered within this many milliseconds. */
#define GOAL_MS 30.0

/* Seconds since this process started, from /proc (10 ms resolution). */
static double
process_age (void)
{
  g_autofree char *stat = NULL;
  g_autofree char *uptime = NULL;
  const char *after_name;
  unsigned long long start_ticks = 0;
  double up = 0;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) ||
      !g_file_get_contents ("/proc/uptime", &uptime, NULL, NULL) ||
      (after_name = strrchr (stat, ')')) == NULL)
    return -1;
  /* Field 22, starttime; the name in parentheses may hold spaces, so count from its end. */
  if (sscanf (after_name + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d "
                              "%*d %*d %*d %*d %llu", &start_ticks) != 1)
    return -1;
  up = g_ascii_strtod (uptime, NULL);
  return up - (double) start_ticks / (double) sysconf (_SC_CLK_TCK);
}

void
gf_families_bench_ready (GfFamiliesPage *page,
                         GString        *out)
{
  double age = process_age ();
  double since_filled = (g_get_real_time () - gf_families_page_get_loaded_time (page)) / 1e6;

  g_string_append_printf (out, "# families list filled %.0f ms after the process started "
                               "(%u families shown)\n",
                          (age - since_filled) * 1000, gf_families_page_get_n_shown (page));
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  *(gboolean *) user_data = TRUE;
}

/* Lets GTK lay out and paint the new rows, as it would before the next keystroke. */
static void
wait_for_paint (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC;
  gboolean painted = FALSE;
  gulong id;

  if (clock == NULL)
    return;
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (widget);
  while (!painted && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

static double
percentile (GArray *values,
            double  p)
{
  guint index = (guint) (p * (values->len - 1) + 0.5);

  return g_array_index (values, double, MIN (index, values->len - 1));
}

/* Types each word letter by letter, as a person would, and times every refilter: until
 * the model settled (the search ran and the view took the new rows), and until the
 * window was painted with them. */
gboolean
gf_families_bench_search (GfFamiliesPage *page,
                          const char     *words,
                          GString        *out)
{
  g_auto(GStrv) list = g_strsplit (words, " ", -1);
  g_autoptr(GArray) settled = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) painted = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *slowest = NULL;
  double slowest_ms = -1;
  double p99;

  for (guint w = 0; list[w] != NULL; w++)
    {
      glong n_chars = g_utf8_strlen (list[w], -1);

      for (glong n = 1; n <= n_chars; n++)
        {
          g_autofree char *prefix = g_utf8_substring (list[w], 0, n);
          gint64 start = g_get_monotonic_time ();
          double ms;

          gf_families_page_set_search (page, prefix);
          ms = (g_get_monotonic_time () - start) / 1000.0;
          g_array_append_val (settled, ms);
          if (ms > slowest_ms)
            {
              slowest_ms = ms;
              g_free (slowest);
              slowest = g_strdup_printf ("“%s” (%u families)", prefix,
                                         gf_families_page_get_n_shown (page));
            }
          wait_for_paint (GTK_WIDGET (page));
          ms = (g_get_monotonic_time () - start) / 1000.0;
          g_array_append_val (painted, ms);
        }
      gf_families_page_set_search (page, "");
      wait_for_paint (GTK_WIDGET (page));
    }
  if (settled->len == 0)
    return FALSE;

  g_array_sort (settled, compare_double);
  g_array_sort (painted, compare_double);
  p99 = percentile (settled, 0.99);
  g_string_append_printf (out, "# %u keystrokes; refilter until the model settled: median %.2f ms, "
                               "p99 %.2f ms, max %.2f ms (goal < %.0f ms)\n",
                          settled->len, percentile (settled, 0.5), p99,
                          g_array_index (settled, double, settled->len - 1), GOAL_MS);
  g_string_append_printf (out, "# slowest keystroke: %s\n", slowest);
  g_string_append_printf (out, "# until painted (layout and drawing of the rows, Xvfb, cairo): "
                               "median %.2f ms, p99 %.2f ms, max %.2f ms\n",
                          percentile (painted, 0.5), percentile (painted, 0.99),
                          g_array_index (painted, double, painted->len - 1));
  return p99 < GOAL_MS;
}

void
gf_families_bench_rss (GString *out)
{
  g_autofree char *status = NULL;
  const char *line;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL) &&
      (line = strstr (status, "VmHWM:")) != NULL)
    g_string_append_printf (out, "# peak RSS (VmHWM): %.1f MB\n",
                            g_ascii_strtoull (line + 6, NULL, 10) / 1024.0);
}
