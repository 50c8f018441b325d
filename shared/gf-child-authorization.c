/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-child-authorization.h"

static int
value_from_string (const char *text)
{
  if (g_strcmp0 (text, "yes") == 0)
    return GF_AUTHORIZATION_YES;
  if (g_strcmp0 (text, "no") == 0)
    return GF_AUTHORIZATION_NO;
  if (g_strcmp0 (text, "na") == 0)
    return GF_AUTHORIZATION_NOT_APPLICABLE;
  return -1;
}

/**
 * gf_child_authorization_list:
 *
 * Every active authorization type, in the service's order, with the child's answer.
 *
 * Returns: (transfer full) (element-type GfChildAuthorization)
 */
GPtrArray *
gf_child_authorization_list (GfDb    *db,
                             gint64   child_id,
                             GError **error)
{
  g_autoptr(GfStmt) stmt = NULL;
  g_autoptr(GPtrArray) list = NULL;
  GfDbStep step;

  g_return_val_if_fail (GF_IS_DB (db), NULL);

  stmt = gf_db_prepare (db,
                        "SELECT t.id, t.code, t.label, a.value FROM authorization_type t "
                        "LEFT JOIN child_authorization a ON a.type_id = t.id AND a.child_id = ?1 "
                        "WHERE t.active = 1 ORDER BY t.position, t.id",
                        error);
  if (stmt == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) gf_child_authorization_free);
  sqlite3_bind_int64 (stmt, 1, child_id);
  while ((step = gf_db_step (db, stmt, error)) == GF_DB_STEP_ROW)
    {
      GfChildAuthorization *authorization = g_new0 (GfChildAuthorization, 1);

      authorization->type_id = sqlite3_column_int64 (stmt, 0);
      authorization->code = gf_stmt_dup_text (stmt, 1);
      authorization->label = gf_stmt_dup_text (stmt, 2);
      authorization->value = value_from_string (gf_stmt_column_text (stmt, 3));
      g_ptr_array_add (list, authorization);
    }
  if (step == GF_DB_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&list);
}

void
gf_child_authorization_free (GfChildAuthorization *authorization)
{
  if (authorization == NULL)
    return;
  g_free (authorization->code);
  g_free (authorization->label);
  g_free (authorization);
}
