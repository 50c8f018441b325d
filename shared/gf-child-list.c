/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-child-list.h"
#include "gf-medical-access.h"

/* A person types at most this many words worth searching for. */
#define MAX_TERMS 8

/*
 * Auxiliary methods
 */

/* Appends @text folded: lower case, accents dropped, every run of other characters one
 * space, so "École Jules-Ferry" gives " ecole jules ferry". */
static void
append_folded (GString    *out,
               const char *text)
{
  gboolean space = out->len > 0 && out->str[out->len - 1] == ' ';

  if (text == NULL)
    return;
  if (!space)
    {
      g_string_append_c (out, ' ');
      space = TRUE;
    }
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];

      if (c < 0x80)
        {
          if (g_ascii_isalnum (c))
            {
              g_string_append_c (out, g_ascii_tolower (c));
              space = FALSE;
            }
          else if (!space)
            {
              g_string_append_c (out, ' ');
              space = TRUE;
            }
          continue;
        }
      if (g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed)) > 0)
        c = decomposed[0];
      if (g_unichar_isalnum (c))
        {
          g_string_append_unichar (out, g_unichar_tolower (c));
          space = FALSE;
        }
      else if (!space)
        {
          g_string_append_c (out, ' ');
          space = TRUE;
        }
    }
  if (!space)
    g_string_append_c (out, ' ');
}

/* " dup", " lea": each term must start a word of the folded row. */
static GPtrArray *
split_terms (const char *query)
{
  g_autofree char *folded = gf_child_search_fold (query);
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);
  GPtrArray *terms = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; words[i] != NULL && terms->len < MAX_TERMS; i++)
    if (words[i][0] != '\0')
      g_ptr_array_add (terms, g_strconcat (" ", words[i], NULL));
  return terms;
}

/*
 * Public API
 */

/**
 * gf_child_search_fold:
 *
 * Returns: (transfer full): @text in lower case without accents, words separated by
 *   single spaces, with a space at each end ("Héloïse" → " heloise ")
 */
char *
gf_child_search_fold (const char *text)
{
  GString *out = g_string_new (NULL);

  if (text != NULL && g_utf8_validate (text, -1, NULL))
    append_folded (out, text);
  return g_string_free (out, FALSE);
}

/**
 * gf_child_search_ids:
 * @query: (nullable): what a person typed; every word must start a word of the child's
 *   first or last name, school, class or family dossier reference, accents and case
 *   aside. Empty: every child.
 *
 * Rows are compared in memory rather than through SQL LIKE, which knows neither accents
 * nor word starts; one pass over 60,000 children takes a few tens of milliseconds, so
 * callers run it in a worker thread.
 *
 * Returns: (transfer full) (element-type gint64): ids by last name, first name
 */
GArray *
gf_child_search_ids (GfDb                *db,
                     const char          *query,
                     GfChildSearchFlags   flags,
                     GError             **error)
{
  g_autoptr(GPtrArray) terms = split_terms (query);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) row = g_string_sized_new (128);
  g_autoptr(GfStmt) stmt = NULL;
  GfDbStep step;

  g_return_val_if_fail (GF_IS_DB (db), NULL);

  stmt = gf_db_prepare (db,
                        "SELECT c.id, c.first_name, c.last_name, ifnull(e.name, ''), "
                        "       c.class_name, f.reference "
                        "FROM child c JOIN family f ON f.id = c.family_id "
                        "LEFT JOIN establishment e ON e.id = c.establishment_id "
                        "WHERE (?1 OR c.archived = 0) "
                        "ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE, c.id",
                        error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, (flags & GF_CHILD_SEARCH_INCLUDE_ARCHIVED) != 0);

  while ((step = gf_db_step (db, stmt, error)) == GF_DB_STEP_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gboolean match = TRUE;

      if (terms->len > 0)
        {
          g_string_truncate (row, 0);
          for (int column = 1; column <= 5; column++)
            append_folded (row, gf_stmt_column_text (stmt, column));
          for (guint i = 0; i < terms->len && match; i++)
            match = strstr (row->str, g_ptr_array_index (terms, i)) != NULL;
        }
      if (match)
        g_array_append_val (ids, id);
    }

  if (step == GF_DB_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&ids);
}

/**
 * gf_child_summaries_get:
 * @actor: who looks: the PAI flag is given only to a staff member whose role may see
 *   medical data (gf_staff_actor_can_see_medical()), -1 otherwise
 *
 * Returns: (transfer full) (element-type GfChildSummary): one summary per id that still
 *   exists, in the order of @ids
 */
GPtrArray *
gf_child_summaries_get (GfDb           *db,
                        const GfActor  *actor,
                        const gint64   *ids,
                        guint           n_ids,
                        GError        **error)
{
  g_autoptr(GPtrArray) summaries =
    g_ptr_array_new_with_free_func ((GDestroyNotify) gf_child_summary_free);
  gboolean medical;

  g_return_val_if_fail (GF_IS_DB (db), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  medical = gf_staff_actor_can_see_medical (db, actor);
  for (guint i = 0; i < n_ids; i++)
    {
      /* One cached statement by primary key: a screenful costs a few dozen lookups. */
      g_autoptr(GfStmt) stmt = gf_db_prepare (db,
                                              "SELECT c.id, c.family_id, c.last_name, "
                                              "       c.first_name, c.birth_date, "
                                              "       ifnull(e.name, ''), c.class_name, "
                                              "       f.reference, c.pai, c.archived "
                                              "FROM child c JOIN family f ON f.id = c.family_id "
                                              "LEFT JOIN establishment e "
                                              "  ON e.id = c.establishment_id "
                                              "WHERE c.id = ?1",
                                              error);
      GfChildSummary *summary;

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, ids[i]);
      switch (gf_db_step (db, stmt, error))
        {
        case GF_DB_STEP_ROW:
          summary = g_new0 (GfChildSummary, 1);
          summary->id = sqlite3_column_int64 (stmt, 0);
          summary->family_id = sqlite3_column_int64 (stmt, 1);
          summary->last_name = gf_stmt_dup_text (stmt, 2);
          summary->first_name = gf_stmt_dup_text (stmt, 3);
          summary->birth_date = gf_stmt_dup_text (stmt, 4);
          summary->school = gf_stmt_dup_text (stmt, 5);
          summary->class_name = gf_stmt_dup_text (stmt, 6);
          summary->family_reference = gf_stmt_dup_text (stmt, 7);
          summary->pai = medical ? sqlite3_column_int (stmt, 8) != 0 : -1;
          summary->archived = sqlite3_column_int (stmt, 9) != 0;
          g_ptr_array_add (summaries, summary);
          break;
        case GF_DB_STEP_DONE:
          break;
        case GF_DB_STEP_ERROR:
        default:
          return NULL;
        }
    }
  return g_steal_pointer (&summaries);
}

void
gf_child_summary_free (GfChildSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->last_name);
  g_free (summary->first_name);
  g_free (summary->birth_date);
  g_free (summary->school);
  g_free (summary->class_name);
  g_free (summary->family_reference);
  g_free (summary);
}
