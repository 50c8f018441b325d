/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWidget *gf_field_error_new  (void);
void       gf_field_error_init (GtkWidget  *row);
void       gf_field_error_show (GtkWidget  *error_row,
                                GtkWidget  *field,
                                const char *message);

G_END_DECLS
