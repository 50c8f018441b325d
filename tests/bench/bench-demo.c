/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "gf-crypto.h"
#include "gf-db.h"
#include "gf-demo.h"
#include "gf-search.h"

/* Demo generation for 10,000 and 50,000 families (seconds, database size), then family
 * search by a 3-letter prefix over the larger one (median and p99 in milliseconds, goal
 * under 5 ms). Usage: bench-demo [SIZES…], default 10000 50000. */

#define SEARCH_QUERIES 2000
#define SEARCH_LIMIT   50
#define SEARCH_GOAL_MS 5.0

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64)st.st_size : 0;
}

static GfDb *
generate (const char *dir,
          guint       n_families)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("demo-%u.db", n_families);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GfDb) db = NULL;
  GfDemoOptions options;
  gint64 start;
  double seconds;

  db = gf_db_open (path, GF_DB_OPEN_CREATE | GF_DB_OPEN_MIGRATE, &error);
  if (db == NULL)
    g_error ("%s", error->message);

  gf_demo_options_init (&options);
  options.n_families = n_families;
  options.today = "2026-11-22";

  start = g_get_monotonic_time ();
  if (!gf_demo_generate (db, &options, &error))
    g_error ("%s", error->message);
  seconds = (g_get_monotonic_time () - start) / 1e6;

  /* The size a town would back up: checkpointed into the main file. */
  gf_db_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);
  g_print ("demo %6u families: %7.2f s, %7.1f MiB, %8.0f families/s\n",
           n_families, seconds, file_size (path) / 1048576.0, n_families / seconds);

  return g_steal_pointer (&db);
}

/* Three-letter prefixes drawn from the names that exist, the way staff type them. */
static GPtrArray *
sample_prefixes (GfDb  *db,
                 GRand *rand)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *prefixes = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  sqlite3_prepare_v2 (gf_db_get_handle (db),
                      "SELECT last_name FROM guardian UNION ALL SELECT first_name FROM child",
                      -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < SEARCH_QUERIES; i++)
    {
      const char *name = names->pdata[g_rand_int_range (rand, 0, (gint32)names->len)];
      g_autofree char *lower = g_utf8_strdown (name, -1);

      g_ptr_array_add (prefixes, g_utf8_substring (lower, 0, 3));
    }
  return prefixes;
}

static void
bench_search (GfDb *db)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GPtrArray) prefixes = sample_prefixes (db, rand);
  g_autofree double *ms = g_new (double, prefixes->len);
  guint64 hits = 0;

  /* One warm-up pass, as staff would have had the window open for a while. */
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(GPtrArray) found = gf_family_search (db, prefixes->pdata[i], 0, SEARCH_LIMIT, NULL);
    }

  for (guint i = 0; i < prefixes->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) found = NULL;
      gint64 start = g_get_monotonic_time ();

      found = gf_family_search (db, prefixes->pdata[i], 0, SEARCH_LIMIT, &error);
      ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      if (found == NULL)
        g_error ("%s", error->message);
      hits += found->len;
    }

  qsort (ms, prefixes->len, sizeof (double), compare_doubles);
  {
    double median = ms[prefixes->len / 2];
    double p99 = ms[(prefixes->len * 99) / 100];

    g_print ("search 3-letter prefix, %u queries, up to %d results: median %.3f ms, "
             "p99 %.3f ms, max %.3f ms (goal < %.0f ms: p99 at %.0f %% of it), "
             "%.1f results per query\n",
             prefixes->len, SEARCH_LIMIT, median, p99, ms[prefixes->len - 1], SEARCH_GOAL_MS,
             100.0 * p99 / SEARCH_GOAL_MS, (double)hits / prefixes->len);
  }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gf-bench-XXXXXX", &error);
  g_autoptr(GfDb) largest = NULL;
  guint largest_size = 0;
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (guint));

  gf_crypto_init ();
  if (dir == NULL)
    g_error ("%s", error->message);

  for (int i = 1; i < argc; i++)
    {
      guint size = (guint)g_ascii_strtoull (argv[i], NULL, 10);
      if (size > 0)
        g_array_append_val (sizes, size);
    }
  if (sizes->len == 0)
    {
      const guint defaults[] = { 10000, 50000 };
      g_array_append_vals (sizes, defaults, G_N_ELEMENTS (defaults));
    }

  for (guint i = 0; i < sizes->len; i++)
    {
      guint size = g_array_index (sizes, guint, i);
      g_autoptr(GfDb) db = generate (dir, size);

      if (size >= largest_size)
        {
          g_set_object (&largest, db);
          largest_size = size;
        }
    }

  g_print ("search over %u families:\n", largest_size);
  bench_search (largest);

  g_clear_object (&largest);
  for (guint i = 0; i < sizes->len; i++)
    {
      static const char * const suffixes[] = { "", "-wal", "-shm" };

      for (guint j = 0; j < G_N_ELEMENTS (suffixes); j++)
        {
          g_autofree char *name = g_strdup_printf ("demo-%u.db%s", g_array_index (sizes, guint, i),
                                                   suffixes[j]);
          g_autofree char *path = g_build_filename (dir, name, NULL);
          g_unlink (path);
        }
    }
  g_rmdir (dir);
  return 0;
}
