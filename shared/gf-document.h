/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "gf-audit.h"

G_BEGIN_DECLS

/* A supporting document a family uploaded, as the staff's list shows it. Its file lives in
 * the documents directory (gf_document_dir()) under its SHA-256. */
typedef struct
{
  gint64  id;
  gint64  family_id;
  char   *family_reference;
  char   *family_name;     /* the payer guardian's "NAME First name" */
  gint64  child_id;        /* 0 for a family document */
  char   *child_name;      /* "" for a family document */
  char   *type_label;
  char   *file_name;
  char   *media_type;
  gint64  size_bytes;
  char   *sha256;
  char   *state;           /* "pending", "accepted", "refused" */
  char   *reason;
  char   *uploaded_at;
  char   *decided_at;      /* nullable */
  char   *decided_by;      /* staff display name, nullable */
  char   *valid_until;     /* nullable */
} GfDocument;

typedef enum
{
  GF_DOCUMENT_ACCEPT,
  GF_DOCUMENT_REFUSE,
} GfDocumentDecision;

#define GF_DOCUMENT_REASON_MAX_CHARS 1000
#define GF_DOCUMENT_MAX_BYTES        10485760

#define GF_TYPE_DOCUMENT (gf_document_get_type ())

GType       gf_document_get_type   (void) G_GNUC_CONST;
GfDocument *gf_document_copy       (const GfDocument    *document) G_GNUC_WARN_UNUSED_RESULT;
void        gf_document_free       (GfDocument          *document);

GPtrArray  *gf_document_list       (GfDb                *db,
                                    const char          *state,
                                    GError             **error) G_GNUC_WARN_UNUSED_RESULT;
GfDocument *gf_document_get        (GfDb                *db,
                                    gint64               id,
                                    GError             **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean    gf_document_decide     (GfDb                *db,
                                    const GfActor       *actor,
                                    gint64               id,
                                    GfDocumentDecision   decision,
                                    const char          *reason,
                                    const char          *valid_until,
                                    GError             **error);

gboolean    gf_document_check_reason (const char        *reason,
                                    GError             **error);

char       *gf_document_dir        (const char          *db_path) G_GNUC_WARN_UNUSED_RESULT;
gboolean    gf_document_store_file (const char          *dir,
                                    GBytes              *contents,
                                    char               **out_sha256,
                                    GError             **error);
GBytes     *gf_document_load_file  (const char          *db_path,
                                    const GfDocument    *document,
                                    GError             **error) G_GNUC_WARN_UNUSED_RESULT;

gboolean    gf_document_copy_files (GfDb                *db,
                                    const char          *from_dir,
                                    const char          *to_dir,
                                    guint               *out_copied,
                                    guint               *out_missing,
                                    GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfDocument, gf_document_free)

G_END_DECLS
