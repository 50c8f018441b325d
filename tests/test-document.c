/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-audit.h"
#include "gf-crypto.h"
#include "gf-demo.h"
#include "gf-document.h"
#include "gf-test-util.h"
#include "gf-validate.h"

#include <glib/gstdio.h>

/* Supporting documents on a demo town: the list, the files the demo stored, and the
 * decision with its e-mail and audit row. */

#define TODAY "2026-11-22"

static const GfActor staff = { GF_ACTOR_STAFF, 1, "agent" };

typedef struct
{
  GfDb *db;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GfDemoOptions options;

  fixture->db = gf_test_db_new (&fixture->path);
  gf_demo_options_init (&options);
  options.n_families = 20;
  options.today = TODAY;
  g_assert_true (gf_demo_generate (fixture->db, &options, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->db);
  g_free (fixture->path);
}

static gint64
first_pending (Fixture *fixture,
               gint64   skip)
{
  g_autofree char *sql = g_strdup_printf ("SELECT min(id) FROM document "
                                          "WHERE state = 'pending' AND id <> %" G_GINT64_FORMAT,
                                          skip);

  return gf_test_count (fixture->db, sql);
}

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = gf_document_list (fixture->db, "pending", &error);
  g_autoptr(GPtrArray) all = gf_document_list (fixture->db, NULL, &error);
  guint with_file = 0, missing = 0;

  g_assert_no_error (error);
  g_assert_cmpint (pending->len, ==,
                   gf_test_count (fixture->db, "SELECT count(*) FROM document WHERE state = 'pending'"));
  g_assert_cmpint (pending->len, >=, 3);
  g_assert_cmpint (all->len, ==, gf_test_count (fixture->db, "SELECT count(*) FROM document"));

  for (guint i = 0; i < pending->len; i++)
    {
      GfDocument *document = g_ptr_array_index (pending, i);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) file_error = NULL;

      g_assert_cmpstr (document->state, ==, "pending");
      g_assert_cmpstr (document->family_reference, !=, "");
      g_assert_cmpstr (document->family_name, !=, "");
      g_assert_cmpstr (document->type_label, !=, "");
      g_assert_null (document->decided_at);
      if (i > 0)
        g_assert_cmpstr (((GfDocument *) g_ptr_array_index (pending, i - 1))->uploaded_at, <=,
                         document->uploaded_at);

      bytes = gf_document_load_file (fixture->path, document, &file_error);
      if (bytes != NULL)
        {
          gsize length;
          const guint8 *contents = g_bytes_get_data (bytes, &length);

          with_file++;
          g_assert_cmpint (length, ==, document->size_bytes);
          /* The demo's files are real PNG and PDF files. */
          if (g_str_equal (document->media_type, "application/pdf"))
            g_assert_true (memcmp (contents, "%PDF-", 5) == 0);
          else
            g_assert_true (memcmp (contents, "\x89PNG", 4) == 0);
        }
      else
        {
          missing++;
          g_assert_error (file_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
        }
    }
  g_assert_cmpuint (with_file, >=, 2);
  g_assert_cmpuint (missing, ==, 1);
}

static void
test_accept (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfDocument) document = NULL;
  gint64 id = first_pending (fixture, 0);
  gint64 mails = gf_test_count (fixture->db, "SELECT count(*) FROM mail_outbox");
  g_autofree char *before = gf_test_dump_table (fixture->db, "document");
  g_autofree char *after = NULL;
  g_autofree char *sql = NULL;

  /* A date that does not exist, or in the past: nothing changes. */
  g_assert_false (gf_document_decide (fixture->db, &staff, id, GF_DOCUMENT_ACCEPT, NULL,
                                      "2027-02-30", &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gf_document_decide (fixture->db, &staff, id, GF_DOCUMENT_ACCEPT, NULL,
                                      "2001-01-01", &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  after = gf_test_dump_table (fixture->db, "document");
  g_assert_cmpstr (before, ==, after);

  g_assert_true (gf_document_decide (fixture->db, &staff, id, GF_DOCUMENT_ACCEPT, NULL,
                                     "2099-12-31", &error));
  g_assert_no_error (error);
  document = gf_document_get (fixture->db, id, &error);
  g_assert_cmpstr (document->state, ==, "accepted");
  g_assert_cmpstr (document->valid_until, ==, "2099-12-31");
  g_assert_cmpstr (document->reason, ==, "");
  g_assert_nonnull (document->decided_at);
  g_assert_cmpstr (document->decided_by, !=, NULL);

  g_assert_cmpint (gf_test_count (fixture->db, "SELECT count(*) FROM mail_outbox"), ==, mails + 1);
  g_assert_cmpint (gf_test_count (fixture->db,
                                  "SELECT count(*) FROM mail_outbox WHERE kind = 'document_decision' "
                                  "AND subject LIKE 'Document accepté%' "
                                  "AND body_text LIKE '%valable jusqu''au 31/12/2099%'"), ==, 1);
  sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE action = 'accept' "
                         "AND entity = 'document' AND entity_id = %" G_GINT64_FORMAT
                         " AND actor_kind = 'staff' AND actor_id = 1", id);
  g_assert_cmpint (gf_test_count (fixture->db, sql), ==, 1);

  /* Deciding twice is refused and changes nothing. */
  g_free (before);
  before = gf_test_dump_table (fixture->db, "document");
  g_assert_false (gf_document_decide (fixture->db, &staff, id, GF_DOCUMENT_REFUSE,
                                      "Trop tard", NULL, &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "This document has already been accepted.");
  g_clear_error (&error);
  g_free (after);
  after = gf_test_dump_table (fixture->db, "document");
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (gf_test_count (fixture->db, "SELECT count(*) FROM mail_outbox"), ==, mails + 1);

  /* No such document. */
  g_assert_false (gf_document_decide (fixture->db, &staff, 999999, GF_DOCUMENT_ACCEPT, NULL,
                                      NULL, &error));
  g_assert_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (gf_audit_verify (fixture->db, NULL, &error));
  g_assert_no_error (error);
}

static void
test_refuse (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfDocument) document = NULL;
  gint64 id = first_pending (fixture, 0);
  gint64 mails = gf_test_count (fixture->db, "SELECT count(*) FROM mail_outbox");
  gint64 audits = gf_test_count (fixture->db, "SELECT count(*) FROM audit_log");
  g_autofree char *before = gf_test_dump_table (fixture->db, "document");
  g_autofree char *after = NULL;
  g_autofree char *long_reason = g_strnfill (GF_DOCUMENT_REASON_MAX_CHARS + 1, 'a');
  const char *blanks[] = { NULL, "", "   \n " };

  g_assert_true (gf_document_check_reason ("  Illisible  ", NULL));
  g_assert_false (gf_document_check_reason (NULL, NULL));
  g_assert_false (gf_document_check_reason (long_reason, NULL));

  /* The reason is required: the family reads it. */
  for (guint i = 0; i < G_N_ELEMENTS (blanks); i++)
    {
      g_assert_false (gf_document_decide (fixture->db, &staff, id, GF_DOCUMENT_REFUSE,
                                          blanks[i], NULL, &error));
      g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_REQUIRED);
      g_clear_error (&error);
    }
  g_assert_false (gf_document_decide (fixture->db, &staff, id, GF_DOCUMENT_REFUSE,
                                      long_reason, NULL, &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_TOO_LONG);
  g_clear_error (&error);
  after = gf_test_dump_table (fixture->db, "document");
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (gf_test_count (fixture->db, "SELECT count(*) FROM mail_outbox"), ==, mails);
  g_assert_cmpint (gf_test_count (fixture->db, "SELECT count(*) FROM audit_log"), ==, audits);

  g_assert_true (gf_document_decide (fixture->db, &staff, id, GF_DOCUMENT_REFUSE,
                                     "  Document illisible, merci de le scanner à nouveau.  ",
                                     "2099-12-31", &error));
  g_assert_no_error (error);
  document = gf_document_get (fixture->db, id, &error);
  g_assert_cmpstr (document->state, ==, "refused");
  g_assert_cmpstr (document->reason, ==, "Document illisible, merci de le scanner à nouveau.");
  g_assert_null (document->valid_until);
  g_assert_cmpint (gf_test_count (fixture->db,
                                  "SELECT count(*) FROM mail_outbox WHERE kind = 'document_decision' "
                                  "AND subject LIKE 'Document refusé%' "
                                  "AND body_text LIKE '%Document illisible, merci de le scanner%'"),
                   ==, 1);
  g_assert_cmpint (gf_test_count (fixture->db, "SELECT count(*) FROM audit_log"), ==, audits + 1);
  g_assert_cmpint (gf_test_count (fixture->db,
                                  "SELECT count(*) FROM audit_log WHERE action = 'refuse' "
                                  "AND details LIKE '%Document illisible%'"), ==, 1);

  /* The other pending ones are untouched and can still be accepted. */
  g_assert_true (gf_document_decide (fixture->db, &staff, first_pending (fixture, id),
                                     GF_DOCUMENT_ACCEPT, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (gf_document_decide (fixture->db, &staff, id, GF_DOCUMENT_ACCEPT, NULL, NULL,
                                      &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_INVALID);
}

static void
test_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = gf_document_dir ("/srv/guichet/ville.db");
  g_autofree char *tmp = g_dir_make_tmp ("gf-doc-XXXXXX", &error);
  g_autofree char *store = g_build_filename (tmp, "ville-documents", NULL);
  g_autofree char *db_path = g_build_filename (tmp, "ville.db", NULL);
  g_autoptr(GBytes) contents = g_bytes_new_static ("%PDF-1.4 test", 13);
  g_autoptr(GBytes) read = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *again = NULL;
  g_autofree char *path = NULL;
  GfDocument document = { 0 };

  g_assert_cmpstr (dir, ==, "/srv/guichet/ville-documents");
  g_assert_true (gf_document_store_file (store, contents, &sha256, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sha256, ==, gf_sha256_hex ((const guint8 *) "%PDF-1.4 test", 13));
  g_assert_true (gf_document_store_file (store, contents, &again, &error));
  g_assert_cmpstr (again, ==, sha256);

  document.sha256 = sha256;
  read = gf_document_load_file (db_path, &document, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (read, contents));

  /* A file changed on disk is not shown as the family's. */
  path = g_build_filename (store, sha256, NULL);
  g_assert_true (g_file_set_contents (path, "%PDF-1.4 tampered", -1, NULL));
  g_clear_pointer (&read, g_bytes_unref);
  read = gf_document_load_file (db_path, &document, &error);
  g_assert_null (read);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gf_test_init_env ();

  g_test_add ("/gf/document/list", Fixture, NULL, fixture_set_up, test_list, fixture_tear_down);
  g_test_add ("/gf/document/accept", Fixture, NULL, fixture_set_up, test_accept, fixture_tear_down);
  g_test_add ("/gf/document/refuse", Fixture, NULL, fixture_set_up, test_refuse, fixture_tear_down);
  g_test_add_func ("/gf/document/files", test_files);

  return g_test_run ();
}
