/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-family-list.h"
#include "gf-i18n.h"
#include "gf-search.h"
#include "gf-validate.h"

/* What is left to pay on one family's published invoices, as the dashboard counts it. */
#define UNPAID_SQL \
  "(SELECT ifnull(sum(i.total_cents + b.credited_cents - b.paid_cents), 0) " \
  "   FROM invoice i JOIN invoice_balance b ON b.invoice_id = i.id " \
  "  WHERE i.family_id = family.id AND i.kind = 'invoice' AND i.state = 'unpaid')"

#define CHILDREN_SQL \
  "(SELECT count(*) FROM child c WHERE c.family_id = family.id AND c.archived = 0)"

/* Sort keys, by GfFamilySort. Computing the unpaid amount once per family costs a join
 * over every unpaid invoice, so that sort gets one grouped join instead of a subquery. */
static const struct
{
  const char *join;
  const char *key;
} sort_keys[] = {
  [GF_FAMILY_SORT_REFERENCE] = { "", "family.reference" },
  [GF_FAMILY_SORT_NAME] = { "", GF_FAMILY_DISPLAY_NAME_SQL " COLLATE NOCASE" },
  [GF_FAMILY_SORT_CITY] = { "", "family.city COLLATE NOCASE" },
  [GF_FAMILY_SORT_CHILDREN] = { "", CHILDREN_SQL },
  [GF_FAMILY_SORT_EMAIL] = { "", "family.email COLLATE NOCASE" },
  [GF_FAMILY_SORT_ACCOUNT] = {
    "LEFT JOIN citizen_account a ON a.family_id = family.id ",
    "CASE a.state WHEN 'active' THEN 0 WHEN 'pending' THEN 1 WHEN 'disabled' THEN 2 ELSE 3 END" },
  [GF_FAMILY_SORT_UNPAID] = {
    "LEFT JOIN (SELECT i.family_id AS unpaid_family, "
    "                  sum(i.total_cents + b.credited_cents - b.paid_cents) AS unpaid "
    "             FROM invoice i JOIN invoice_balance b ON b.invoice_id = i.id "
    "            WHERE i.kind = 'invoice' AND i.state = 'unpaid' "
    "            GROUP BY i.family_id) ON unpaid_family = family.id ",
    "ifnull(unpaid, 0)" },
};

void
gf_family_summary_free (GfFamilySummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->reference);
  g_free (summary->name);
  g_free (summary->city);
  g_free (summary->email);
  g_free (summary->account_state);
  g_free (summary);
}

/**
 * gf_family_list_ids:
 * @search: (nullable): what a person typed (see gf_search_build_match()); %NULL or
 *   nothing searchable: every family
 * @sort: the column to order by; ties keep the order of the ids, so the order is stable
 *
 * Returns: (transfer full) (element-type gint64): the families' ids in order
 */
GArray *
gf_family_list_ids (GfDb              *db,
                    const char        *search,
                    GfFamilySort       sort,
                    GfFamilyListFlags  flags,
                    GError           **error)
{
  g_autofree char *match = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GfStmt) stmt = NULL;
  const char *direction = (flags & GF_FAMILY_LIST_DESCENDING) ? "DESC" : "ASC";
  GfDbStep step;

  g_return_val_if_fail (GF_IS_DB (db), NULL);
  g_return_val_if_fail ((guint) sort < G_N_ELEMENTS (sort_keys), NULL);

  if (search != NULL)
    match = gf_search_build_match (search);

  /* Only constants go into the text: the key and the direction come from the tables above. */
  sql = g_strdup_printf ("SELECT family.id FROM family %s"
                         " WHERE (?1 OR family.archived = 0)"
                         "   AND (?2 IS NULL OR family.id IN "
                         "        (SELECT rowid FROM family_fts WHERE family_fts MATCH ?2))"
                         " ORDER BY %s %s, family.id %s",
                         sort_keys[sort].join, sort_keys[sort].key, direction, direction);
  stmt = gf_db_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, (flags & GF_FAMILY_LIST_INCLUDE_ARCHIVED) != 0);
  gf_stmt_bind_text_or_null (stmt, 2, match);

  while ((step = gf_db_step (db, stmt, error)) == GF_DB_STEP_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (step == GF_DB_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&ids);
}

/**
 * gf_family_search_ids:
 *
 * The families that @search finds (archived or not), by a prefix of any word of the
 * file reference, a guardian's name or e-mail, a child's name or the portal login. Cheap
 * enough to run at every keystroke: the application intersects it with the ordered list
 * it already holds.
 *
 * Returns: (transfer full) (element-type gint64): the ids in increasing order; empty when
 *   @search holds nothing to search for
 */
GArray *
gf_family_search_ids (GfDb        *db,
                      const char  *search,
                      GError     **error)
{
  g_autofree char *match = gf_search_build_match (search);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GfStmt) stmt = NULL;
  GfDbStep step;

  g_return_val_if_fail (GF_IS_DB (db), NULL);

  if (match == NULL)
    return g_steal_pointer (&ids);

  stmt = gf_db_prepare (db, "SELECT rowid FROM family_fts WHERE family_fts MATCH ?1 "
                            "ORDER BY rowid", error);
  if (stmt == NULL)
    return NULL;
  gf_stmt_bind_text (stmt, 1, match);

  while ((step = gf_db_step (db, stmt, error)) == GF_DB_STEP_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (step == GF_DB_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&ids);
}

/* One row; the statement stays in the connection's cache, so a screenful of rows costs
 * a few dozen index look-ups. */
GfFamilySummary *
gf_family_summary_get (GfDb    *db,
                       gint64   id,
                       GError **error)
{
  g_autoptr(GfStmt) stmt = NULL;
  GfFamilySummary *summary;

  g_return_val_if_fail (GF_IS_DB (db), NULL);

  stmt = gf_db_prepare (db, "SELECT family.id, family.reference, "
                            "       ifnull(" GF_FAMILY_DISPLAY_NAME_SQL ", ''), family.city, "
                            CHILDREN_SQL ", family.email, ifnull(a.state, ''), "
                            UNPAID_SQL ", family.archived "
                            "  FROM family LEFT JOIN citizen_account a ON a.family_id = family.id "
                            " WHERE family.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);

  switch (gf_db_step (db, stmt, error))
    {
    case GF_DB_STEP_ROW:
      summary = g_new0 (GfFamilySummary, 1);
      summary->id = sqlite3_column_int64 (stmt, 0);
      summary->reference = gf_stmt_dup_text (stmt, 1);
      summary->name = gf_stmt_dup_text (stmt, 2);
      summary->city = gf_stmt_dup_text (stmt, 3);
      summary->n_children = sqlite3_column_int64 (stmt, 4);
      summary->email = gf_stmt_dup_text (stmt, 5);
      summary->account_state = gf_stmt_dup_text (stmt, 6);
      summary->unpaid_cents = sqlite3_column_int64 (stmt, 7);
      summary->archived = sqlite3_column_int (stmt, 8) != 0;
      return summary;
    case GF_DB_STEP_DONE:
      g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND, _("This family does not exist."));
      return NULL;
    case GF_DB_STEP_ERROR:
    default:
      return NULL;
    }
}

/**
 * gf_family_summaries:
 *
 * Returns: (transfer full) (element-type GfFamilySummary): the rows of @ids in the same
 *   order; an id that no longer exists is left out
 */
GPtrArray *
gf_family_summaries (GfDb          *db,
                     const gint64  *ids,
                     guint          n_ids,
                     GError       **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)gf_family_summary_free);

  g_return_val_if_fail (GF_IS_DB (db), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  for (guint i = 0; i < n_ids; i++)
    {
      g_autoptr(GError) local_error = NULL;
      GfFamilySummary *summary = gf_family_summary_get (db, ids[i], &local_error);

      if (summary != NULL)
        g_ptr_array_add (rows, summary);
      else if (!g_error_matches (local_error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  return g_steal_pointer (&rows);
}

typedef struct
{
  GfFamily   *family;
  GfGuardian *payer;
} CreateCall;

static gboolean
create_cb (GfDb      *db,
           GfChange  *change,
           gpointer   user_data,
           GError   **error)
{
  CreateCall *call = user_data;

  if (!gf_record_insert (db, &gf_family_spec, call->family, error))
    {
      gf_record_explain_constraint (&gf_family_spec, error);
      return FALSE;
    }
  gf_change_record (change, "create", gf_family_spec.entity, call->family->id,
                    gf_record_to_json (&gf_family_spec, call->family));

  call->payer->family_id = call->family->id;
  call->payer->payer = TRUE;
  if (!gf_record_insert (db, &gf_guardian_spec, call->payer, error))
    {
      gf_record_explain_constraint (&gf_guardian_spec, error);
      return FALSE;
    }
  gf_change_record (change, "create", gf_guardian_spec.entity, call->payer->id,
                    gf_record_to_json (&gf_guardian_spec, call->payer));
  return TRUE;
}

/**
 * gf_family_create_with_payer:
 * @family: the new family; an empty reference gets the next free one ("2026-000123")
 * @payer: its paying guardian; family_id and the payer flag are set here
 *
 * Creates both in one audited transaction: a family never exists without the person who
 * pays. Both records are checked before anything is written; on failure nothing is, and
 * the ids stay 0.
 */
gboolean
gf_family_create_with_payer (GfDb           *db,
                             const GfActor  *actor,
                             GfFamily       *family,
                             GfGuardian     *payer,
                             GError        **error)
{
  CreateCall call = { family, payer };
  gboolean had_reference;

  g_return_val_if_fail (GF_IS_DB (db), FALSE);
  g_return_val_if_fail (family != NULL && family->id == 0, FALSE);
  g_return_val_if_fail (payer != NULL && payer->id == 0, FALSE);

  if (!gf_record_validate (&gf_family_spec, family, error) ||
      !gf_record_validate (&gf_guardian_spec, payer, error))
    return FALSE;

  had_reference = family->reference != NULL && *family->reference != '\0';
  if (!gf_db_change (db, actor, create_cb, &call, error))
    {
      /* The transaction was rolled back: the ids it handed out mean nothing. */
      family->id = 0;
      payer->id = 0;
      payer->family_id = 0;
      if (!had_reference)
        g_clear_pointer (&family->reference, g_free);
      return FALSE;
    }
  return TRUE;
}
