/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* CSV as French spreadsheets open it with a double click: UTF-8 with a byte-order mark
 * (else Excel reads it as Windows-1252), ";" between fields (the "," is the decimal
 * separator), CRLF line ends, and a field quoted when it holds ";", '"' or a line break. */

GString *gf_csv_new          (void) G_GNUC_WARN_UNUSED_RESULT;
void     gf_csv_append_field (GString            *csv,
                              const char         *field);
void     gf_csv_append_text  (GString            *csv,
                              const char         *text);
char    *gf_csv_defuse       (const char         *text) G_GNUC_WARN_UNUSED_RESULT;
void     gf_csv_append_row   (GString            *csv,
                              const char * const *fields,
                              gsize               n_fields);
char    *gf_csv_amount       (gint64              cents) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
