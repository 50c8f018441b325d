/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-child.h"
#include "gf-family-item.h"
#include "gf-family-list.h"
#include "gf-family-list-model.h"
#include "gf-test-util.h"

/* The staff application's families list model (app/gf-family-list-model.c), without a
 * display: lazy reading, refiltering, items-changed, items updated in place. */

static const GfActor agent = { GF_ACTOR_STAFF, 1, "camille" };

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint count;
} Changes;

static gint64
add_family (GfDb       *db,
            const char *last_name,
            const char *first_name,
            const char *child)
{
  g_autoptr(GfFamily) family = gf_family_new ();
  g_autoptr(GfGuardian) payer = gf_guardian_new (0);
  g_autoptr(GError) error = NULL;

  g_free (payer->last_name);
  payer->last_name = g_strdup (last_name);
  g_free (payer->first_name);
  payer->first_name = g_strdup (first_name);
  g_assert_true (gf_family_create_with_payer (db, &agent, family, payer, &error));
  if (child != NULL)
    {
      g_autoptr(GfChild) kid = gf_child_new (family->id);

      g_free (kid->last_name);
      kid->last_name = g_strdup (last_name);
      g_free (kid->first_name);
      kid->first_name = g_strdup (child);
      g_free (kid->birth_date);
      kid->birth_date = g_strdup ("2018-06-01");
      g_assert_true (gf_child_create (db, &agent, kid, &error));
    }
  g_assert_no_error (error);
  return family->id;
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
  changes->count++;
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
test_model (void)
{
  g_autoptr(GfDb) db = gf_test_db_new (NULL);
  g_autoptr(GError) error = NULL;
  gint64 dupont = add_family (db, "Dupont", "Marie", "Héloïse");
  gint64 bernard = add_family (db, "Bernard", "Sophie", "Timothée");
  G_GNUC_UNUSED gint64 caron = add_family (db, "Caron", "Luc", NULL);
  g_autoptr(GfFamilyListModel) model = gf_family_list_model_new (db);
  g_autoptr(GfFamilyItem) first = NULL;
  g_autoptr(GfFamilyItem) again = NULL;
  g_autoptr(GPtrArray) guardians = NULL;
  Changes changes = { 0 };
  guint notified = 0;

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == GF_TYPE_FAMILY_ITEM);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  /* The order in: three rows, nothing read yet. */
  gf_family_list_model_set_order (model, gf_family_list_ids (db, NULL, GF_FAMILY_SORT_NAME, 0,
                                                             &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  g_assert_cmpuint (changes.count, ==, 1);
  g_assert_cmpuint (changes.added, ==, 3);
  g_assert_cmpuint (gf_family_list_model_get_n_fetched (model), ==, 0);
  g_assert_cmpint (gf_family_list_model_get_id (model, 0), ==, bernard);
  g_assert_cmpuint (gf_family_list_model_find (model, dupont), ==, 2);
  g_assert_cmpuint (gf_family_list_model_find (model, 999), ==, G_MAXUINT);

  /* Asking for a row reads a batch; asking again reads nothing more. */
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (gf_family_item_get_name (first), ==, "BERNARD Sophie");
  g_assert_cmpuint (gf_family_list_model_get_n_fetched (model), ==, 3);
  again = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_true (again == first);
  g_assert_cmpuint (gf_family_list_model_get_n_fetched (model), ==, 3);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 3));
  g_signal_connect (first, "notify::name", G_CALLBACK (notify_cb), &notified);

  /* A search by a child's first name: only the tail is reported, and the row the view
   * holds now shows the family found. */
  g_assert_true (gf_family_list_model_set_search (model, "heloise", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  g_assert_cmpuint (changes.count, ==, 2);
  g_assert_cmpuint (changes.position, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 2);
  g_assert_cmpuint (changes.added, ==, 0);
  g_assert_cmpstr (gf_family_item_get_name (first), ==, "DUPONT Marie");
  g_assert_cmpint (gf_family_item_get_id (first), ==, dupont);
  g_assert_cmpuint (notified, ==, 1);

  /* Nothing found, then the search cleared. */
  g_assert_true (gf_family_list_model_set_search (model, "xyzzy", &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_true (gf_family_list_model_set_search (model, "  ", &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.added, ==, 3);

  /* A change in the database shows in the rows held, in place. */
  g_clear_object (&first);
  g_clear_object (&again);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  guardians = gf_guardian_list (db, bernard, &error);
  g_free (((GfGuardian *) guardians->pdata[0])->first_name);
  ((GfGuardian *) guardians->pdata[0])->first_name = g_strdup ("Sophia");
  g_assert_true (gf_guardian_update (db, &agent, guardians->pdata[0], &error));
  g_assert_no_error (error);
  changes.count = 0;
  gf_family_list_model_refresh (model);
  g_assert_cmpstr (gf_family_item_get_name (first), ==, "BERNARD Sophia");
  g_assert_cmpuint (changes.count, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gf_test_init_env ();

  g_test_add_func ("/gf/family-list-model/lazy-refilter-refresh", test_model);

  return g_test_run ();
}
