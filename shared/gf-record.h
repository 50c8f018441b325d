/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "gf-db.h"

G_BEGIN_DECLS

/* A record is a plain C struct described by a table of fields; the generic code here
 * reads, validates, inserts, updates and diffs it, so each entity file only says what
 * its columns are. Column names come from these constant tables, never from input. */

typedef enum
{
  GF_FIELD_TEXT,   /* char *   */
  GF_FIELD_INT,    /* gint64   */
  GF_FIELD_BOOL,   /* gboolean */
} GfFieldType;

typedef enum
{
  GF_FIELD_DEFAULT   = 0,
  GF_FIELD_REQUIRED  = 1 << 0,
  /* Stored as NULL when empty (text) or negative (int). */
  GF_FIELD_NULLABLE  = 1 << 1,
  /* Medical data: the audit log says the field changed, never its value. */
  GF_FIELD_SENSITIVE = 1 << 2,
  /* Set once at creation (owner ids, creation time): never written by an update. */
  GF_FIELD_FIXED     = 1 << 3,
} GfFieldFlags;

typedef enum
{
  GF_CHECK_NONE,
  GF_CHECK_EMAIL,
  GF_CHECK_POSTAL_CODE,
  GF_CHECK_PHONE,
  GF_CHECK_DATE,
  GF_CHECK_CHOICE,
  GF_CHECK_RANGE,
} GfFieldCheck;

typedef struct
{
  const char         *column;
  const char         *label;        /* N_() English msgid, translated when shown */
  GfFieldType         type;
  gsize               offset;
  GfFieldFlags        flags;
  GfFieldCheck        check;
  guint               max_length;   /* characters, for text */
  const char * const *choices;      /* GF_CHECK_CHOICE */
  gint64              min;          /* GF_CHECK_RANGE */
  gint64              max;
} GfField;

typedef struct _GfRecordSpec GfRecordSpec;

struct _GfRecordSpec
{
  const char    *table;
  const char    *entity;
  const GfField *fields;            /* fields[0] is the INTEGER PRIMARY KEY "id" */
  guint          n_fields;
  /* Rules across fields, run after the per-field checks (may be NULL). */
  gboolean     (*check)            (GfDb      *db,
                                    gpointer   record,
                                    GError   **error);
};

#define GF_RECORD_ID(record) (*(gint64 *)(record))

gboolean    gf_record_validate       (const GfRecordSpec  *spec,
                                      gpointer             record,
                                      GError             **error);
gboolean    gf_record_validate_field (const GfRecordSpec  *spec,
                                      gpointer             record,
                                      const char          *column,
                                      GError             **error);
char       *gf_record_select_sql     (const GfRecordSpec  *spec,
                                      const char          *extra_columns,
                                      const char          *tail) G_GNUC_WARN_UNUSED_RESULT;
void        gf_record_read_row       (const GfRecordSpec  *spec,
                                      GfStmt              *stmt,
                                      int                  first_column,
                                      gpointer             record);
gboolean    gf_record_load           (GfDb                *db,
                                      const GfRecordSpec  *spec,
                                      gint64               id,
                                      gpointer             record,
                                      GError             **error);
GPtrArray  *gf_record_load_many      (GfDb                *db,
                                      const GfRecordSpec  *spec,
                                      const char          *tail,
                                      gint64               key,
                                      gsize                record_size,
                                      GDestroyNotify       free_func,
                                      GError             **error);
gboolean    gf_record_insert         (GfDb                *db,
                                      const GfRecordSpec  *spec,
                                      gpointer             record,
                                      GError             **error);
gboolean    gf_record_update         (GfDb                *db,
                                      const GfRecordSpec  *spec,
                                      gpointer             record,
                                      JsonObject         **out_changes,
                                      GError             **error);
gboolean    gf_record_delete         (GfDb                *db,
                                      const GfRecordSpec  *spec,
                                      gint64               id,
                                      GError             **error);
JsonObject *gf_record_to_json        (const GfRecordSpec  *spec,
                                      gconstpointer        record);
void        gf_record_clear          (const GfRecordSpec  *spec,
                                      gpointer             record);
void        gf_record_copy           (const GfRecordSpec  *spec,
                                      gconstpointer        source,
                                      gpointer             dest);
void        gf_record_init           (const GfRecordSpec  *spec,
                                      gpointer             record);

/* The audited forms (gf-record-change.c): one write transaction each, with its audit row,
 * and database constraint failures turned into GF_INPUT_ERROR sentences. */
gboolean    gf_record_create         (GfDb                *db,
                                      const GfActor       *actor,
                                      const GfRecordSpec  *spec,
                                      gpointer             record,
                                      GError             **error);
gboolean    gf_record_save           (GfDb                *db,
                                      const GfActor       *actor,
                                      const GfRecordSpec  *spec,
                                      gpointer             record,
                                      GError             **error);
gboolean    gf_record_remove         (GfDb                *db,
                                      const GfActor       *actor,
                                      const GfRecordSpec  *spec,
                                      gint64               id,
                                      GError             **error);
void        gf_record_explain_constraint (const GfRecordSpec *spec,
                                      GError             **error);

G_END_DECLS
