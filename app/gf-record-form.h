/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gf-record.h"

G_BEGIN_DECLS

/* Binds the rows of a form to the fields of a record (a GfRecordSpec struct): each edit is
 * checked at once with gf_record_validate_field() and its error shown under the row; the
 * form knows whether anything changed and whether a field is wrong. Not a widget: the
 * page or editor that owns the rows owns the form. */
typedef struct _GfRecordForm GfRecordForm;

typedef void (*GfRecordFormChanged) (gpointer user_data);

GfRecordForm *gf_record_form_new        (const GfRecordSpec  *spec,
                                         gsize                record_size,
                                         GfRecordFormChanged  changed,
                                         gpointer             user_data);
void          gf_record_form_free       (GfRecordForm        *form);
void          gf_record_form_add_text   (GfRecordForm        *form,
                                         const char          *column,
                                         GtkWidget           *editable_row,
                                         GtkWidget           *error_label);
void          gf_record_form_add_int    (GfRecordForm        *form,
                                         const char          *column,
                                         GtkWidget           *editable_row,
                                         GtkWidget           *error_label);
void          gf_record_form_add_date   (GfRecordForm        *form,
                                         const char          *column,
                                         GtkWidget           *editable_row,
                                         GtkWidget           *error_label);
void          gf_record_form_add_iban   (GfRecordForm        *form,
                                         const char          *column,
                                         GtkWidget           *editable_row,
                                         GtkWidget           *error_label);
void          gf_record_form_add_bool   (GfRecordForm        *form,
                                         const char          *column,
                                         GtkWidget           *switch_);
void          gf_record_form_add_choice (GfRecordForm        *form,
                                         const char          *column,
                                         GtkWidget           *combo_row,
                                         const char * const  *values);
void          gf_record_form_load       (GfRecordForm        *form,
                                         gconstpointer        record);
gpointer      gf_record_form_get_record (GfRecordForm        *form);
gconstpointer gf_record_form_get_original (GfRecordForm      *form);
gboolean      gf_record_form_is_dirty   (GfRecordForm        *form);
gboolean      gf_record_form_has_errors (GfRecordForm        *form);
gboolean      gf_record_form_show_error (GfRecordForm        *form,
                                         const GError        *error);

G_END_DECLS
