/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-child-list-model.h"

#include "gf-child-list.h"
#include "gf-child-row.h"
#include "gf-date.h"

#include <string.h>

/* The children found by a search, as a GListModel that holds only their ids: a row's
 * summary is read from the database the first time the view asks for it, a page of rows
 * at a time, so 60,000 children cost 480 KB of ids and a screenful of lookups. */

#define PAGE 50

struct _GfChildListModel
{
  GObject     parent_instance;

  GfSession  *session;
  GArray     *ids;
  GPtrArray  *rows;       /* GfChildRow or NULL while not fetched */
  char       *today;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GfChildListModel, gf_child_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static gboolean
same_row (GfChildRow *a,
          GfChildRow *b)
{
  return g_strcmp0 (gf_child_row_get_name (a), gf_child_row_get_name (b)) == 0 &&
         g_strcmp0 (gf_child_row_get_birth (a), gf_child_row_get_birth (b)) == 0 &&
         g_strcmp0 (gf_child_row_get_school (a), gf_child_row_get_school (b)) == 0 &&
         g_strcmp0 (gf_child_row_get_dossier (a), gf_child_row_get_dossier (b)) == 0 &&
         g_strcmp0 (gf_child_row_get_pai (a), gf_child_row_get_pai (b)) == 0;
}

/* Reads the page holding @position; with @refresh, rows already read are read again and
 * replaced when they changed, and their positions appended to @changed. */
static void
fetch_page_full (GfChildListModel *self,
                 guint             position,
                 gboolean          refresh,
                 GArray           *changed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  guint first = position - position % PAGE;
  guint n = MIN (PAGE, self->ids->len - first);
  const gint64 *ids = &g_array_index (self->ids, gint64, first);
  GfActor actor;
  guint next = 0;

  gf_session_get_actor (self->session, &actor);
  summaries = gf_child_summaries_get (gf_session_get_db (self->session), &actor, ids, n, &error);
  if (summaries == NULL)
    g_warning ("Cannot read the children list: %s", error->message);

  /* Summaries come in the order of the ids, minus the children deleted since. */
  for (guint i = 0; i < n; i++)
    {
      GfChildSummary *summary = NULL;

      if (summaries != NULL && next < summaries->len &&
          ((GfChildSummary *) summaries->pdata[next])->id == ids[i])
        summary = summaries->pdata[next++];
      if (self->rows->pdata[first + i] == NULL)
        self->rows->pdata[first + i] = gf_child_row_new (summary, self->today);
      else if (refresh)
        {
          GfChildRow *row = gf_child_row_new (summary, self->today);
          guint at = first + i;

          if (same_row (row, self->rows->pdata[at]))
            g_object_unref (row);
          else
            {
              g_object_unref (self->rows->pdata[at]);
              self->rows->pdata[at] = row;
              g_array_append_val (changed, at);
            }
        }
    }
}

static void
fetch_page (GfChildListModel *self,
            guint             position)
{
  fetch_page_full (self, position, FALSE, NULL);
}

/* Rows not fetched yet are NULL. */
static void
unref_row (gpointer row)
{
  if (row != NULL)
    g_object_unref (row);
}

static GType
get_item_type (GListModel *model)
{
  return GF_TYPE_CHILD_ROW;
}

static guint
get_n_items (GListModel *model)
{
  return GF_CHILD_LIST_MODEL (model)->ids->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  GfChildListModel *self = GF_CHILD_LIST_MODEL (model);

  if (position >= self->ids->len)
    return NULL;
  if (self->rows->pdata[position] == NULL)
    fetch_page (self, position);
  return g_object_ref (self->rows->pdata[position]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
gf_child_list_model_finalize (GObject *object)
{
  GfChildListModel *self = GF_CHILD_LIST_MODEL (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_free (self->today);

  G_OBJECT_CLASS (gf_child_list_model_parent_class)->finalize (object);
}

static void
gf_child_list_model_class_init (GfChildListModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gf_child_list_model_finalize;
}

static void
gf_child_list_model_init (GfChildListModel *self)
{
}

/* Whether the model shows exactly @ids, in that order. */
gboolean
gf_child_list_model_has_ids (GfChildListModel *self,
                             GArray           *ids)
{
  g_return_val_if_fail (GF_IS_CHILD_LIST_MODEL (self), FALSE);

  return ids->len == self->ids->len &&
         memcmp (ids->data, self->ids->data, ids->len * sizeof (gint64)) == 0;
}

/* Reads again the rows already shown and tells the view about those that changed, so a
 * reload keeps the place in the list (replacing the model would scroll to the top). */
void
gf_child_list_model_refresh (GfChildListModel *self)
{
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (guint));

  g_return_if_fail (GF_IS_CHILD_LIST_MODEL (self));

  for (guint first = 0; first < self->ids->len; first += PAGE)
    for (guint i = first; i < MIN (first + PAGE, self->ids->len); i++)
      if (self->rows->pdata[i] != NULL)
        {
          fetch_page_full (self, first, TRUE, changed);
          break;
        }
  for (guint i = 0; i < changed->len; i++)
    g_list_model_items_changed (G_LIST_MODEL (self), g_array_index (changed, guint, i), 1, 1);
}

/* Takes a reference on @ids (gint64 child ids, in display order). */
GfChildListModel *
gf_child_list_model_new (GfSession *session,
                         GArray    *ids)
{
  GfChildListModel *self;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_val_if_fail (GF_IS_SESSION (session), NULL);
  g_return_val_if_fail (ids != NULL, NULL);

  self = g_object_new (GF_TYPE_CHILD_LIST_MODEL, NULL);
  self->session = g_object_ref (session);
  self->ids = g_array_ref (ids);
  self->rows = g_ptr_array_new_full (ids->len, unref_row);
  g_ptr_array_set_size (self->rows, ids->len);
  self->today = g_date_time_format (now, "%Y-%m-%d");
  return self;
}
