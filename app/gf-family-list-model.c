/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-family-list-model.h"

#include "gf-family-list.h"
#include "gf-search.h"

/* The families list as a GListModel that holds ids only. The order (every family, sorted
 * by the chosen column) comes from one core query run by the page in a thread; a search
 * gives the set of matching ids, and the visible rows are the ordered ids in that set:
 * a walk over an array and a bitset, well under a millisecond for 50,000 families.
 *
 * A row's contents are read when the view asks for it, a batch at a time. The items
 * belong to positions, not to families: when the search or the order changes, the items
 * the view still shows take the family now at their position, and only the length of
 * the list is reported as changed. GTK 4.8 keeps 200 rows of widgets around what is on
 * screen; telling it that every row changed would make it destroy and build them all
 * again (about 3,000 widgets for seven columns), which costs far more than the 30 ms a
 * keystroke may take. */

#define BATCH      48      /* rows read at once: a screenful and a bit */
#define CACHE_MAX  512     /* items kept beyond those the view holds */

struct _GfFamilyListModel
{
  GObject      parent_instance;

  GfDb        *db;
  GArray      *ordered;    /* gint64: every family shown, in order */
  GArray      *visible;    /* gint64: those the search keeps */
  guint8      *matches;    /* bitset by id; NULL: no search */
  gint64       n_match_bits;
  GHashTable  *slots;      /* position → GfFamilyItem showing visible[position] */
  guint        n_fetched;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GfFamilyListModel, gf_family_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/*
 * Auxiliary methods
 */

static gboolean
is_match (GfFamilyListModel *self,
          gint64             id)
{
  if (self->matches == NULL)
    return TRUE;
  return id >= 0 && id < self->n_match_bits && (self->matches[id >> 3] & (1u << (id & 7))) != 0;
}

/* Only the cache holds it: no row of the view shows it. */
static gboolean
is_unused (GfFamilyItem *item)
{
  return G_OBJECT (item)->ref_count == 1;
}

static gint64
visible_id (GfFamilyListModel *self,
            guint              position)
{
  return g_array_index (self->visible, gint64, position);
}

/* Reads the rows at @positions and puts them into their slots, new items or updated
 * ones. A family deleted meanwhile shows an empty row until the next reload. */
static void
fill_slots (GfFamilyListModel *self,
            GArray            *positions)
{
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), positions->len);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < positions->len; i++)
    {
      gint64 id = visible_id (self, g_array_index (positions, guint, i));

      g_array_append_val (ids, id);
    }
  rows = gf_family_summaries (self->db, (const gint64 *) ids->data, ids->len, &error);
  if (rows == NULL)
    {
      g_warning ("Cannot read the families list: %s", error->message);
      rows = g_ptr_array_new ();
    }
  for (guint i = 0; i < rows->len; i++)
    g_hash_table_insert (by_id, &((GfFamilySummary *) rows->pdata[i])->id, rows->pdata[i]);
  self->n_fetched += rows->len;

  for (guint i = 0; i < positions->len; i++)
    {
      guint position = g_array_index (positions, guint, i);
      gint64 id = g_array_index (ids, gint64, i);
      GfFamilySummary gone = { .id = id, .reference = (char *) "", .name = (char *) "",
                               .city = (char *) "", .email = (char *) "",
                               .account_state = (char *) "" };
      GfFamilySummary *summary = g_hash_table_lookup (by_id, &id);
      GfFamilyItem *item = g_hash_table_lookup (self->slots, GUINT_TO_POINTER (position));

      if (summary == NULL)
        summary = &gone;
      if (item != NULL)
        gf_family_item_update (item, summary);
      else
        g_hash_table_insert (self->slots, GUINT_TO_POINTER (position),
                             gf_family_item_new (summary));
    }
}

/* Forgets the items no row shows when there are too many. */
static void
trim_slots (GfFamilyListModel *self)
{
  GHashTableIter iter;
  gpointer value;

  if (g_hash_table_size (self->slots) <= CACHE_MAX)
    return;
  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (is_unused (value))
      g_hash_table_iter_remove (&iter);
}

/* Replaces the visible ids. The items the view holds take their new family at once; the
 * others are dropped and read again if asked for. Then only the tail is reported. */
static void
set_visible (GfFamilyListModel *self,
             GArray            *visible,
             gboolean           reread_all)
{
  g_autoptr(GArray) old = self->visible;
  g_autoptr(GArray) stale = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTableIter iter;
  gpointer key, value;

  self->visible = visible;
  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint position = GPOINTER_TO_UINT (key);

      if (position >= visible->len || is_unused (value))
        g_hash_table_iter_remove (&iter);
      else if (reread_all || gf_family_item_get_id (value) != visible_id (self, position))
        g_array_append_val (stale, position);
    }
  if (stale->len > 0)
    fill_slots (self, stale);

  if (visible->len < old->len)
    g_list_model_items_changed (G_LIST_MODEL (self), visible->len, old->len - visible->len, 0);
  else if (visible->len > old->len)
    g_list_model_items_changed (G_LIST_MODEL (self), old->len, 0, visible->len - old->len);
}

static void
update_visible (GfFamilyListModel *self)
{
  GArray *visible;

  if (self->matches == NULL)
    {
      visible = g_array_sized_new (FALSE, FALSE, sizeof (gint64), self->ordered->len);
      g_array_append_vals (visible, self->ordered->data, self->ordered->len);
    }
  else
    {
      visible = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (guint i = 0; i < self->ordered->len; i++)
        {
          gint64 id = g_array_index (self->ordered, gint64, i);

          if (is_match (self, id))
            g_array_append_val (visible, id);
        }
    }
  set_visible (self, visible, FALSE);
}

/*
 * GListModel
 */

static GType
get_item_type (GListModel *model)
{
  return GF_TYPE_FAMILY_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return GF_FAMILY_LIST_MODEL (model)->visible->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  GfFamilyListModel *self = GF_FAMILY_LIST_MODEL (model);
  GfFamilyItem *item;

  if (position >= self->visible->len)
    return NULL;

  item = g_hash_table_lookup (self->slots, GUINT_TO_POINTER (position));
  if (item == NULL || gf_family_item_get_id (item) != visible_id (self, position))
    {
      g_autoptr(GArray) positions = g_array_sized_new (FALSE, FALSE, sizeof (guint), BATCH);

      trim_slots (self);
      for (guint i = position; i < self->visible->len && positions->len < BATCH; i++)
        {
          GfFamilyItem *slot = g_hash_table_lookup (self->slots, GUINT_TO_POINTER (i));

          if (i == position || slot == NULL || gf_family_item_get_id (slot) != visible_id (self, i))
            g_array_append_val (positions, i);
        }
      fill_slots (self, positions);
      item = g_hash_table_lookup (self->slots, GUINT_TO_POINTER (position));
    }
  return g_object_ref (item);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/*
 * GObject overrides
 */

static void
gf_family_list_model_finalize (GObject *object)
{
  GfFamilyListModel *self = GF_FAMILY_LIST_MODEL (object);

  g_clear_object (&self->db);
  g_clear_pointer (&self->ordered, g_array_unref);
  g_clear_pointer (&self->visible, g_array_unref);
  g_clear_pointer (&self->matches, g_free);
  g_clear_pointer (&self->slots, g_hash_table_unref);

  G_OBJECT_CLASS (gf_family_list_model_parent_class)->finalize (object);
}

static void
gf_family_list_model_class_init (GfFamilyListModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gf_family_list_model_finalize;
}

static void
gf_family_list_model_init (GfFamilyListModel *self)
{
  self->ordered = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->visible = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->slots = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_object_unref);
}

/*
 * Public API
 */

/* @db: the main thread's connection; rows are read on it, a screenful at a time. */
GfFamilyListModel *
gf_family_list_model_new (GfDb *db)
{
  GfFamilyListModel *self;

  g_return_val_if_fail (GF_IS_DB (db), NULL);

  self = g_object_new (GF_TYPE_FAMILY_LIST_MODEL, NULL);
  self->db = g_object_ref (db);
  return self;
}

/**
 * gf_family_list_model_set_order:
 * @ids: (transfer full) (element-type gint64): every family to show, in order, as
 *   gf_family_list_ids() gives them
 */
void
gf_family_list_model_set_order (GfFamilyListModel *self,
                                GArray            *ids)
{
  g_return_if_fail (GF_IS_FAMILY_LIST_MODEL (self));
  g_return_if_fail (ids != NULL);

  g_array_unref (self->ordered);
  self->ordered = ids;
  update_visible (self);
}

/* Keeps the families @text finds (see gf_search_build_match()); nothing searchable in
 * @text shows them all. On error the rows stay as they were. */
gboolean
gf_family_list_model_set_search (GfFamilyListModel  *self,
                                 const char         *text,
                                 GError            **error)
{
  g_autofree char *match = NULL;
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (GF_IS_FAMILY_LIST_MODEL (self), FALSE);

  match = gf_search_build_match (text);
  if (match == NULL)
    {
      g_clear_pointer (&self->matches, g_free);
      self->n_match_bits = 0;
      update_visible (self);
      return TRUE;
    }

  ids = gf_family_search_ids (self->db, text, error);
  if (ids == NULL)
    return FALSE;

  /* The ids come sorted, so the last is the largest. */
  g_clear_pointer (&self->matches, g_free);
  self->n_match_bits = ids->len > 0 ? g_array_index (ids, gint64, ids->len - 1) + 1 : 0;
  self->matches = g_malloc0 (self->n_match_bits / 8 + 1);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (id >= 0)
        self->matches[id >> 3] |= 1u << (id & 7);
    }
  update_visible (self);
  return TRUE;
}

/* The database changed: the rows the view shows are read again and their items update
 * in place, so the view redraws what changed without losing its place. */
void
gf_family_list_model_refresh (GfFamilyListModel *self)
{
  g_return_if_fail (GF_IS_FAMILY_LIST_MODEL (self));

  set_visible (self, g_array_copy (self->visible), TRUE);
}

gint64
gf_family_list_model_get_id (GfFamilyListModel *self,
                             guint              position)
{
  g_return_val_if_fail (GF_IS_FAMILY_LIST_MODEL (self), 0);
  g_return_val_if_fail (position < self->visible->len, 0);

  return visible_id (self, position);
}

/* Returns: the row showing @id, or %G_MAXUINT. */
guint
gf_family_list_model_find (GfFamilyListModel *self,
                           gint64             id)
{
  g_return_val_if_fail (GF_IS_FAMILY_LIST_MODEL (self), G_MAXUINT);

  for (guint i = 0; i < self->visible->len; i++)
    if (visible_id (self, i) == id)
      return i;
  return G_MAXUINT;
}

/* How many rows were read from the database so far: what the lazy loading saves. */
guint
gf_family_list_model_get_n_fetched (GfFamilyListModel *self)
{
  g_return_val_if_fail (GF_IS_FAMILY_LIST_MODEL (self), 0);

  return self->n_fetched;
}
