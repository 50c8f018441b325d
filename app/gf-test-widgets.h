/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Finding and driving the widgets a person sees, for the test hook (gf-test-script.c).
 * Only mapped widgets count: what is on screen, in any of the application's windows. */

typedef gboolean (*GfTestWidgetFunc) (GtkWidget *widget,
                                      gpointer   user_data);

GtkWidget *gf_test_widgets_find        (GfTestWidgetFunc  func,
                                        gpointer          user_data);
GtkWidget *gf_test_widgets_find_by_id  (const char       *id);
GtkWidget *gf_test_widgets_find_button (const char       *label);
GtkWidget *gf_test_widgets_find_text   (const char       *text);
char      *gf_test_widgets_dup_text    (GtkWidget        *widget);
char      *gf_test_widgets_dup_value   (GtkWidget        *widget);
gboolean   gf_test_widgets_set_value   (GtkWidget        *widget,
                                        const char       *value,
                                        GError          **error);
gboolean   gf_test_widgets_activate_row (GtkWidget       *widget);
AdwMessageDialog *gf_test_widgets_find_message_dialog (void);
gboolean   gf_test_widgets_in_transition (void);

G_END_DECLS
