/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gf-record.h"

G_BEGIN_DECLS

/* Small helpers of the child record's forms (the child page and the contact dialog):
 * an error shown in a row of its own right under its field, and checks of one field. */

GtkLabel *gf_child_form_attach_error (GtkWidget           *row);
void      gf_child_form_show_error   (GtkWidget           *row,
                                      const char          *message);
gboolean  gf_child_form_check_text   (const GfRecordSpec  *spec,
                                      gpointer             record,
                                      const char          *column,
                                      GtkWidget           *row);
gboolean  gf_child_form_check_date   (const GfRecordSpec  *spec,
                                      gpointer             record,
                                      const char          *column,
                                      GtkWidget           *row);
char     *gf_child_form_format_date  (const char          *iso) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
