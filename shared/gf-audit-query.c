/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-audit-query.h"
#include "gf-child.h"
#include "gf-citizen-account.h"
#include "gf-family.h"
#include "gf-guardian.h"
#include "gf-i18n.h"

#include <json-glib/json-glib.h>

/* The history of one family: the rows about the family itself, its guardians (also those
 * removed since: their removal row names the family), its children and their contacts, and
 * its portal account. ?1 is the family. */
#define FAMILY_AUDIT_SQL \
  "SELECT id, at, actor_kind, actor_label, action, entity, ifnull(entity_id, 0), details " \
  "  FROM audit_log " \
  " WHERE (entity = 'family' AND entity_id = ?1) " \
  "    OR (entity = 'guardian' AND (entity_id IN (SELECT id FROM guardian WHERE family_id = ?1) " \
  "        OR json_extract (details, '$.family_id') = ?1)) " \
  "    OR (entity = 'child' AND (entity_id IN (SELECT id FROM child WHERE family_id = ?1) " \
  "        OR json_extract (details, '$.family_id') = ?1)) " \
  "    OR (entity = 'child_contact' AND entity_id IN (SELECT cc.id FROM child_contact cc " \
  "        JOIN child c ON c.id = cc.child_id WHERE c.family_id = ?1)) " \
  "    OR (entity = 'citizen_account' AND entity_id IN " \
  "        (SELECT id FROM citizen_account WHERE family_id = ?1)) " \
  " ORDER BY id DESC LIMIT ?2 OFFSET ?3"

void
gf_audit_entry_free (GfAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->actor_kind);
  g_free (entry->actor_label);
  g_free (entry->action);
  g_free (entry->entity);
  g_free (entry->details);
  g_free (entry);
}

/**
 * gf_audit_list_for_family:
 * @offset: rows to skip, for the next page
 * @limit: at most this many rows
 *
 * Returns: (transfer full) (element-type GfAuditEntry): the newest first
 */
GPtrArray *
gf_audit_list_for_family (GfDb    *db,
                          gint64   family_id,
                          guint    offset,
                          guint    limit,
                          GError **error)
{
  g_autoptr(GfStmt) stmt = gf_db_prepare (db, FAMILY_AUDIT_SQL, error);
  g_autoptr(GPtrArray) entries = NULL;
  GfDbStep step;

  if (stmt == NULL)
    return NULL;
  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) gf_audit_entry_free);
  sqlite3_bind_int64 (stmt, 1, family_id);
  sqlite3_bind_int64 (stmt, 2, limit);
  sqlite3_bind_int64 (stmt, 3, offset);
  while ((step = gf_db_step (db, stmt, error)) == GF_DB_STEP_ROW)
    {
      GfAuditEntry *entry = g_new0 (GfAuditEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->at = gf_stmt_dup_text (stmt, 1);
      entry->actor_kind = gf_stmt_dup_text (stmt, 2);
      entry->actor_label = gf_stmt_dup_text (stmt, 3);
      entry->action = gf_stmt_dup_text (stmt, 4);
      entry->entity = gf_stmt_dup_text (stmt, 5);
      entry->entity_id = sqlite3_column_int64 (stmt, 6);
      entry->details = gf_stmt_dup_text (stmt, 7);
      g_ptr_array_add (entries, entry);
    }
  if (step == GF_DB_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&entries);
}

static const GfRecordSpec *
spec_for_entity (const char *entity)
{
  if (g_strcmp0 (entity, "family") == 0)
    return &gf_family_spec;
  if (g_strcmp0 (entity, "guardian") == 0)
    return &gf_guardian_spec;
  if (g_strcmp0 (entity, "child") == 0)
    return &gf_child_spec;
  if (g_strcmp0 (entity, "child_contact") == 0)
    return &gf_child_contact_spec;
  if (g_strcmp0 (entity, "citizen_account") == 0)
    return &gf_citizen_account_spec;
  return NULL;
}

static const GfField *
find_field (const GfRecordSpec *spec,
            const char         *column)
{
  for (guint i = 0; spec != NULL && i < spec->n_fields; i++)
    if (g_str_equal (spec->fields[i].column, column))
      return &spec->fields[i];
  return NULL;
}

static const char *
entity_label (const char *entity)
{
  if (g_strcmp0 (entity, "family") == 0)
    return _("File");
  if (g_strcmp0 (entity, "guardian") == 0)
    return _("Guardian");
  if (g_strcmp0 (entity, "child") == 0)
    return _("Child");
  if (g_strcmp0 (entity, "child_contact") == 0)
    return _("Child’s contact");
  if (g_strcmp0 (entity, "citizen_account") == 0)
    return _("Portal account");
  return entity;
}

static const char *
action_label (const char *action)
{
  static const struct { const char *action; const char *label; } labels[] = {
    { "create", NC_("audit action", "created") },
    { "update", NC_("audit action", "changed") },
    { "delete", NC_("audit action", "removed") },
    { "archive", NC_("audit action", "archived") },
    { "unarchive", NC_("audit action", "unarchived") },
    { "activate", NC_("audit action", "activated") },
    { "disable", NC_("audit action", "disabled") },
    { "set_password", NC_("audit action", "new password") },
    { "change_email", NC_("audit action", "login e-mail changed") },
    { "invite", NC_("audit action", "invitation sent") },
    { "set_authorization", NC_("audit action", "authorisation changed") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (action, labels[i].action) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "audit action", labels[i].label);
  return action;
}

static char *
node_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup (_("(empty)"));
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? _("yes") : _("no"));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_STRING && *json_node_get_string (node) != '\0')
    return g_strdup_printf (_("“%s”"), json_node_get_string (node));
  return g_strdup (_("(empty)"));
}

/* "Mobile phone: (empty) → “06 12 34 56 78”"; a sensitive field only says it changed. */
static void
append_changes (GString            *out,
                const GfRecordSpec *spec,
                JsonObject         *details)
{
  g_autoptr(GList) members = json_object_get_members (details);
  gboolean first = TRUE;

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *column = l->data;
      const GfField *field = find_field (spec, column);
      JsonNode *node = json_object_get_member (details, column);

      if (field == NULL)
        continue;
      g_string_append (out, first ? " — " : " ; ");
      first = FALSE;
      if ((field->flags & GF_FIELD_SENSITIVE) || !JSON_NODE_HOLDS_ARRAY (node) ||
          json_array_get_length (json_node_get_array (node)) != 2)
        {
          g_string_append_printf (out, _("%s (changed)"), _(field->label));
        }
      else
        {
          JsonArray *pair = json_node_get_array (node);
          g_autofree char *before = node_text (json_array_get_element (pair, 0));
          g_autofree char *after = node_text (json_array_get_element (pair, 1));

          g_string_append_printf (out, _("%s: %s → %s"), _(field->label), before, after);
        }
    }
}

/* What a person reads in the history: "Guardian changed — Mobile phone: “…” → “…”". */
char *
gf_audit_entry_describe (const GfAuditEntry *entry)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *details = NULL;
  const GfRecordSpec *spec = spec_for_entity (entry->entity);

  g_return_val_if_fail (entry != NULL, NULL);

  g_string_append_printf (out, "%s : %s", entity_label (entry->entity),
                          action_label (entry->action));

  if (entry->details != NULL && json_parser_load_from_data (parser, entry->details, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    details = json_node_get_object (json_parser_get_root (parser));
  if (details == NULL)
    return g_string_free (g_steal_pointer (&out), FALSE);

  if ((g_strcmp0 (entry->action, "create") == 0 || g_strcmp0 (entry->action, "delete") == 0) &&
      json_object_has_member (details, "last_name"))
    g_string_append_printf (out, " — %s %s",
                            json_object_get_string_member_with_default (details, "first_name", ""),
                            json_object_get_string_member_with_default (details, "last_name", ""));
  else if (g_strcmp0 (entry->action, "update") == 0)
    append_changes (out, spec, details);
  else if (g_strcmp0 (entry->action, "change_email") == 0)
    g_string_append_printf (out, " — “%s” → “%s”",
                            json_object_get_string_member_with_default (details, "old_email", ""),
                            json_object_get_string_member_with_default (details, "new_email", ""));
  else if (g_strcmp0 (entry->action, "invite") == 0)
    g_string_append_printf (out, " — %s",
                            json_object_get_string_member_with_default (details, "email", ""));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Who did it: the staff member's name, "Famille (login)" or "Système". */
char *
gf_audit_entry_actor (const GfAuditEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);

  if (g_strcmp0 (entry->actor_kind, "citizen") == 0)
    return g_strdup_printf (_("Family (%s)"), entry->actor_label);
  if (g_strcmp0 (entry->actor_kind, "system") == 0)
    return g_strdup_printf (_("System (%s)"), entry->actor_label);
  return g_strdup (entry->actor_label);
}
