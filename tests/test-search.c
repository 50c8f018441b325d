/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-child.h"
#include "gf-citizen-account.h"
#include "gf-family.h"
#include "gf-guardian.h"
#include "gf-search.h"
#include "gf-test-util.h"

static const GfActor agent = { GF_ACTOR_STAFF, 1, "camille" };

static gint64
add_family (GfDb       *db,
            const char *last_name,
            const char *first_name,
            const char *email,
            const char *child_first_name)
{
  g_autoptr(GfFamily) family = gf_family_new ();
  g_autoptr(GfGuardian) guardian = NULL;
  g_autoptr(GfChild) child = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (gf_family_create (db, &agent, family, &error));
  guardian = gf_guardian_new (family->id);
  g_free (guardian->last_name);
  guardian->last_name = g_strdup (last_name);
  g_free (guardian->first_name);
  guardian->first_name = g_strdup (first_name);
  g_free (guardian->email);
  guardian->email = g_strdup (email);
  guardian->payer = TRUE;
  g_assert_true (gf_guardian_create (db, &agent, guardian, &error));
  g_assert_no_error (error);

  if (child_first_name != NULL)
    {
      child = gf_child_new (family->id);
      g_free (child->last_name);
      child->last_name = g_strdup (last_name);
      g_free (child->first_name);
      child->first_name = g_strdup (child_first_name);
      g_free (child->birth_date);
      child->birth_date = g_strdup ("2018-06-01");
      g_assert_true (gf_child_create (db, &agent, child, &error));
      g_assert_no_error (error);
    }
  return family->id;
}

static guint
count_hits (GfDb        *db,
            const char  *query,
            GfSearchFlags flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = gf_family_search (db, query, flags, 50, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits->len;
}

static void
test_search (void)
{
  g_autoptr(GfDb) db = gf_test_db_new (NULL);
  g_autoptr(GError) error = NULL;
  gint64 dupont = add_family (db, "Dupont", "Marie", "marie.dupont@exemple.fr", "Héloïse");
  gint64 durand = add_family (db, "Durand", "Éric", "eric.durand@exemple.fr", "Noé");
  gint64 lefevre = add_family (db, "Lefèvre", "Anaïs", "anais.lefevre@exemple.fr", NULL);
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GfFamily) family = gf_family_get (db, dupont, &error);

  /* Prefixes of surnames, first names, children's names; accents and case ignored. */
  g_assert_cmpuint (count_hits (db, "du", 0), ==, 2);
  g_assert_cmpuint (count_hits (db, "dup", 0), ==, 1);
  g_assert_cmpuint (count_hits (db, "DUR", 0), ==, 1);
  g_assert_cmpuint (count_hits (db, "helo", 0), ==, 1);
  g_assert_cmpuint (count_hits (db, "Héloï", 0), ==, 1);
  g_assert_cmpuint (count_hits (db, "noe", 0), ==, 1);
  g_assert_cmpuint (count_hits (db, "lefev", 0), ==, 1);
  g_assert_cmpuint (count_hits (db, "eric", 0), ==, 1);
  /* Several words must all match. */
  g_assert_cmpuint (count_hits (db, "du marie", 0), ==, 1);
  g_assert_cmpuint (count_hits (db, "du anaïs", 0), ==, 0);
  /* By e-mail and by file reference. */
  g_assert_cmpuint (count_hits (db, "marie.dupont@exemple.fr", 0), ==, 1);
  g_assert_cmpuint (count_hits (db, family->reference, 0), ==, 1);

  hits = gf_family_search (db, "dur", 0, 10, &error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (((GfFamily *)hits->pdata[0])->id, ==, durand);
  g_assert_cmpstr (((GfFamily *)hits->pdata[0])->display_name, ==, "DURAND Éric");

  /* Renaming a child or a guardian is found at once (triggers keep the index). */
  {
    g_autoptr(GPtrArray) children = gf_child_list (db, durand, &error);
    GfChild *child = children->pdata[0];

    g_free (child->first_name);
    child->first_name = g_strdup ("Timothée");
    g_assert_true (gf_child_update (db, &agent, child, &error));
    g_assert_cmpuint (count_hits (db, "noe", 0), ==, 0);
    g_assert_cmpuint (count_hits (db, "timo", 0), ==, 1);
  }

  /* Archived files are left out unless asked for. */
  g_assert_true (gf_family_set_archived (db, &agent, lefevre, TRUE, &error));
  g_assert_cmpuint (count_hits (db, "lefev", 0), ==, 0);
  g_assert_cmpuint (count_hits (db, "lefev", GF_SEARCH_INCLUDE_ARCHIVED), ==, 1);
}

static void
test_hostile_queries (void)
{
  g_autoptr(GfDb) db = gf_test_db_new (NULL);
  const char *queries[] = {
    "", "   ", "\"", "*", "dup*", "NEAR(a b)", "a OR b", "\"dup\" OR \"\"", "-dup", "^dup",
    "dup AND", "'; DROP TABLE family; --", "(((", "\xff\xfe", "a:b", "{title}: x",
  };

  add_family (db, "Dupont", "Marie", "marie.dupont@exemple.fr", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    count_hits (db, queries[i], 0);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM family"), ==, 1);
  g_assert_cmpuint (count_hits (db, "dup*", 0), ==, 1);
  g_assert_cmpuint (count_hits (db, "", 0), ==, 0);
}

static void
test_build_match (void)
{
  g_autofree char *a = gf_search_build_match ("  dup  léa ");
  g_autofree char *b = gf_search_build_match ("\"*()");
  g_autofree char *c = gf_search_build_match ("2026-000123");

  g_assert_cmpstr (a, ==, "\"dup\"* AND \"léa\"*");
  g_assert_null (b);
  g_assert_cmpstr (c, ==, "\"2026\"* AND \"000123\"*");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gf_test_init_env ();

  g_test_add_func ("/gf/search/families", test_search);
  g_test_add_func ("/gf/search/hostile", test_hostile_queries);
  g_test_add_func ("/gf/search/build-match", test_build_match);

  return g_test_run ();
}
