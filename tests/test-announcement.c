/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-announcement.h"
#include "gf-validate.h"
#include "gf-test-util.h"

static const GfActor admin = { GF_ACTOR_STAFF, 1, "admin" };

static GfDb *
db_with_admin (void)
{
  GfDb *db = gf_test_db_new (NULL);

  g_assert_true (gf_db_exec (db,
    "INSERT INTO staff_user (id, login, display_name, role, password_hash, created_at) "
    "  VALUES (1, 'admin', 'Admin', 'admin', 'x', '2026-11-01T08:00:00Z');", NULL));
  return db;
}

static gint64
create (GfDb       *db,
        const char *title,
        const char *body)
{
  g_autoptr(GfAnnouncement) announcement = gf_announcement_new ();
  g_autoptr(GError) error = NULL;

  g_free (announcement->title);
  announcement->title = g_strdup (title);
  g_free (announcement->body);
  announcement->body = g_strdup (body);
  g_assert_true (gf_announcement_save (db, &admin, announcement, &error));
  g_assert_no_error (error);
  g_assert_cmpint (announcement->id, >, 0);
  return announcement->id;
}

static void
test_publish (void)
{
  g_autoptr(GfDb) db = db_with_admin ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 first = create (db, "Fermeture", "Le service est fermé le 24 décembre.");
  gint64 second = create (db, "Nouveaux tarifs", "Au 1er janvier.");

  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM announcement WHERE published = 0"), ==, 2);

  g_assert_true (gf_announcement_set_published (db, &admin, first, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM announcement WHERE published = 1 "
                                      "AND published_at IS NOT NULL AND id = 1"), ==, 1);

  /* Publishing another withdraws the first: the portal shows one. */
  g_assert_true (gf_announcement_set_published (db, &admin, second, TRUE, &error));
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM announcement WHERE published = 1"), ==, 1);
  g_assert_cmpint (gf_test_count (db, "SELECT id FROM announcement WHERE published = 1"), ==, second);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM audit_log WHERE action = 'unpublish' "
                                      "AND entity_id = 1"), ==, 1);

  list = gf_announcement_list (db, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (((GfAnnouncement *)list->pdata[0])->id, ==, second);

  g_assert_true (gf_announcement_set_published (db, &admin, second, FALSE, &error));
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM announcement WHERE published = 1"), ==, 0);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM audit_log WHERE action = 'publish'"), ==, 2);

  g_assert_false (gf_announcement_set_published (db, &admin, 99, TRUE, &error));
  g_assert_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND);
}

static void
test_edit (void)
{
  g_autoptr(GfDb) db = db_with_admin ();
  g_autoptr(GError) error = NULL;
  gint64 id = create (db, "Titre", "Texte");
  g_autoptr(GfAnnouncement) announcement = gf_announcement_get (db, id, &error);

  g_free (announcement->title);
  announcement->title = g_strdup ("  Titre corrigé ");
  g_assert_true (gf_announcement_save (db, &admin, announcement, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM announcement WHERE title = 'Titre corrigé' "
                                      "AND created_by = 1"), ==, 1);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM audit_log WHERE action = 'update'"), ==, 1);
}

static void
test_validation (void)
{
  g_autoptr(GfDb) db = db_with_admin ();
  g_autofree char *long_title = g_strnfill (GF_ANNOUNCEMENT_TITLE_MAX_CHARS + 1, 'a');
  g_autofree char *long_body = g_strnfill (GF_ANNOUNCEMENT_BODY_MAX_CHARS + 1, 'a');
  const struct { const char *title, *body; int code; } bad[] = {
    { "", "Texte", GF_INPUT_ERROR_REQUIRED },
    { "   ", "Texte", GF_INPUT_ERROR_REQUIRED },
    { "Titre", "", GF_INPUT_ERROR_REQUIRED },
    { "Titre", " \n ", GF_INPUT_ERROR_REQUIRED },
    { long_title, "Texte", GF_INPUT_ERROR_TOO_LONG },
    { "Titre", long_body, GF_INPUT_ERROR_TOO_LONG },
    { "Deux\nlignes", "Texte", GF_INPUT_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GfAnnouncement) announcement = gf_announcement_new ();
      g_autoptr(GError) error = NULL;

      g_free (announcement->title);
      announcement->title = g_strdup (bad[i].title);
      g_free (announcement->body);
      announcement->body = g_strdup (bad[i].body);
      g_assert_false (gf_announcement_save (db, &admin, announcement, &error));
      g_assert_error (error, GF_INPUT_ERROR, bad[i].code);
    }
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM announcement"), ==, 0);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM audit_log"), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gf_test_init_env ();

  g_test_add_func ("/gf/announcement/publish", test_publish);
  g_test_add_func ("/gf/announcement/edit", test_edit);
  g_test_add_func ("/gf/announcement/validation", test_validation);

  return g_test_run ();
}
