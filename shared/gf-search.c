/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-search.h"

/* A person types at most this many words worth searching for. */
#define MAX_TERMS 8

/**
 * gf_search_build_match:
 * @query: what a person typed: "dup léa", "2026-000123", "marie.dupont@exemple.fr"
 *
 * Turns free text into an FTS5 query where every word must match as a prefix:
 * "dup léa" → "dup"* AND "léa"*. Only letters and digits are kept, each word quoted, so
 * nothing a person types can change the query's syntax.
 *
 * Returns: (transfer full) (nullable): the MATCH expression, or %NULL when there is
 *   nothing to search for
 */
char *
gf_search_build_match (const char *query)
{
  g_autoptr(GString) match = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);
  guint terms = 0;

  if (query == NULL || !g_utf8_validate (query, -1, NULL))
    return NULL;

  for (const char *p = query; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }

      if (word->len > 0 && terms < MAX_TERMS)
        {
          g_string_append_printf (match, "%s\"%s\"*", terms > 0 ? " AND " : "", word->str);
          terms++;
        }
      g_string_truncate (word, 0);

      if (c == 0)
        break;
    }

  return terms > 0 ? g_string_free (g_steal_pointer (&match), FALSE) : NULL;
}

/**
 * gf_family_search:
 * @limit: how many families at most; the newest files come first
 *
 * Finds families by a prefix of any word of: the file reference, a guardian's name or
 * e-mail, a child's name, the portal login. Accents and case do not matter.
 *
 * Returns: (transfer full) (element-type GfFamily): the families found, with their
 *   display name
 */
GPtrArray *
gf_family_search (GfDb           *db,
                  const char     *query,
                  GfSearchFlags   flags,
                  guint           limit,
                  GError        **error)
{
  g_autofree char *match = gf_search_build_match (query);
  g_autofree char *sql = NULL;
  g_autoptr(GPtrArray) families = g_ptr_array_new_with_free_func ((GDestroyNotify)gf_family_free);
  g_autoptr(GfStmt) stmt = NULL;
  GfDbStep step;

  g_return_val_if_fail (GF_IS_DB (db), NULL);

  if (match == NULL || limit == 0)
    return g_steal_pointer (&families);

  /* FTS5 hands rowids back in descending order cheaply, and LIMIT stops the scan early,
   * so even a prefix shared by thousands of families costs a few hundred rows. */
  sql = gf_record_select_sql (&gf_family_spec, GF_FAMILY_DISPLAY_NAME_SQL,
                              "JOIN (SELECT rowid AS hit FROM family_fts "
                              "      WHERE family_fts MATCH ?1 ORDER BY rowid DESC) "
                              "  ON family.id = hit "
                              "WHERE (?2 OR family.archived = 0) "
                              "LIMIT ?3");
  stmt = gf_db_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;

  gf_stmt_bind_text (stmt, 1, match);
  sqlite3_bind_int (stmt, 2, (flags & GF_SEARCH_INCLUDE_ARCHIVED) != 0);
  sqlite3_bind_int64 (stmt, 3, limit);

  while ((step = gf_db_step (db, stmt, error)) == GF_DB_STEP_ROW)
    {
      GfFamily *family = g_new0 (GfFamily, 1);

      gf_record_read_row (&gf_family_spec, stmt, 0, family);
      family->display_name = gf_stmt_dup_text (stmt, gf_family_spec.n_fields);
      g_ptr_array_add (families, family);
    }

  if (step == GF_DB_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&families);
}
