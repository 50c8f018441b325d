/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gf-application.h"
#include "gf-window.h"

G_BEGIN_DECLS

/* Shared by the test hook's runner (gf-test-script.c) and its commands
 * (gf-test-commands.c). */

#define GF_TEST_SETTLE_US (600 * G_TIME_SPAN_MILLISECOND)

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
} GfTestRunner;

/* TRUE when done, FALSE to be polled again. */
typedef gboolean (*GfTestCommandFunc) (GfTestRunner *runner,
                                       GfWindow     *window,
                                       const char   *arg,
                                       gboolean      timed_out);

typedef struct
{
  const char        *name;
  GfTestCommandFunc  func;
} GfTestCommand;

void     gf_test_report          (GfTestRunner *runner,
                                  gboolean      ok,
                                  const char   *format,
                                  ...) G_GNUC_PRINTF (3, 4);
gboolean gf_test_save_screenshot (GtkWidget    *widget,
                                  const char   *path,
                                  GError      **error);

const GfTestCommand *gf_test_widget_commands (guint *n_commands);

G_END_DECLS
