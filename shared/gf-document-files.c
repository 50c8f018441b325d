/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-document.h"
#include "gf-crypto.h"
#include "gf-i18n.h"

/**
 * gf_document_copy_files:
 * @db: the database whose documents are copied (a backup just written, or one restored)
 * @from_dir: the documents directory to read (gf_document_dir() of the source database)
 * @to_dir: the documents directory to fill (created if needed)
 * @out_copied: (out) (optional): how many files are now in @to_dir for @db's documents
 * @out_missing: (out) (optional): how many were absent from @from_dir or altered there
 *
 * Files are named by their SHA-256 and never change, so copying those the database
 * refers to after its snapshot gives a consistent pair. Each file is checked against its
 * name before it is written (to a temporary name, synced, renamed); an altered file is
 * not copied and is counted as missing. A file already in @to_dir is kept.
 */
gboolean
gf_document_copy_files (GfDb        *db,
                        const char  *from_dir,
                        const char  *to_dir,
                        guint       *out_copied,
                        guint       *out_missing,
                        GError     **error)
{
  g_autoptr(GfStmt) stmt = NULL;
  guint copied = 0;
  guint missing = 0;
  GfDbStep step;

  g_return_val_if_fail (GF_IS_DB (db), FALSE);
  g_return_val_if_fail (from_dir != NULL && to_dir != NULL, FALSE);

  stmt = gf_db_prepare (db, "SELECT DISTINCT sha256 FROM document ORDER BY sha256", error);
  if (stmt == NULL)
    return FALSE;

  while ((step = gf_db_step (db, stmt, error)) == GF_DB_STEP_ROW)
    {
      const char *sha256 = gf_stmt_column_text (stmt, 0);
      g_autofree char *source = g_build_filename (from_dir, sha256, NULL);
      g_autofree char *target = g_build_filename (to_dir, sha256, NULL);
      g_autofree char *contents = NULL;
      g_autofree char *actual = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gsize length = 0;

      if (g_file_test (target, G_FILE_TEST_EXISTS))
        {
          copied++;
          continue;
        }
      if (!g_file_get_contents (source, &contents, &length, NULL))
        {
          missing++;
          continue;
        }
      actual = gf_sha256_hex ((const guint8 *) contents, length);
      if (!g_str_equal (actual, sha256))
        {
          missing++;
          continue;
        }
      bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
      if (!gf_document_store_file (to_dir, bytes, NULL, error))
        return FALSE;
      copied++;
    }
  if (step == GF_DB_STEP_ERROR)
    return FALSE;

  if (out_copied != NULL)
    *out_copied = copied;
  if (out_missing != NULL)
    *out_missing = missing;
  return TRUE;
}
