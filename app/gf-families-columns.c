/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-families-columns.h"

/* What each column shows, by GfFamilySort: a GtkInscription per cell, built in C. A
 * refilter can bring 200 new rows into the view at once; building their cells from a
 * template took longer than the 30 ms a keystroke may cost. */
static const struct
{
  const char *property;
  float       xalign;
  int         min_chars;   /* narrow windows scroll sideways rather than cut names */
  int         nat_chars;
  gboolean    numeric;
} cells[] = {
  [GF_FAMILY_SORT_REFERENCE] = { "reference", 0, 13, 13, FALSE },
  [GF_FAMILY_SORT_NAME] = { "name", 0, 16, 22, FALSE },
  [GF_FAMILY_SORT_CITY] = { "city", 0, 8, 15, FALSE },
  [GF_FAMILY_SORT_CHILDREN] = { "children", 1, 2, 2, TRUE },
  [GF_FAMILY_SORT_EMAIL] = { "email", 0, 14, 28, FALSE },
  [GF_FAMILY_SORT_ACCOUNT] = { "account", 0, 10, 23, FALSE },
  [GF_FAMILY_SORT_UNPAID] = { "unpaid", 1, 10, 10, TRUE },
};

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  GtkInscription *text = GTK_INSCRIPTION (gtk_inscription_new (NULL));

  gtk_inscription_set_xalign (text, cells[column].xalign);
  gtk_inscription_set_min_chars (text, cells[column].min_chars);
  gtk_inscription_set_nat_chars (text, cells[column].nat_chars);
  gtk_inscription_set_text_overflow (text, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  if (cells[column].numeric)
    gtk_widget_add_css_class (GTK_WIDGET (text), "numeric");
  gtk_list_item_set_child (list_item, GTK_WIDGET (text));
}

/* Items change in place when the database does: the cell follows its property. */
static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  GBinding *binding = g_object_bind_property (gtk_list_item_get_item (list_item),
                                              cells[column].property,
                                              gtk_list_item_get_child (list_item), "text",
                                              G_BINDING_SYNC_CREATE);

  g_object_set_data (G_OBJECT (list_item), "gf-binding", binding);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GBinding *binding = g_object_steal_data (G_OBJECT (list_item), "gf-binding");

  if (binding != NULL)
    g_binding_unbind (binding);
}

/* Which column the view sorts by, read back through the column sorters: each one names
 * its column when compared, and the view inverts the answer of a descending column.
 * (GTK 4.8 has no getter for the primary sort column.) */
static int probed_column = -1;

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  if (probed_column < 0)
    probed_column = GPOINTER_TO_INT (user_data);
  return GTK_ORDERING_SMALLER;
}

/*
 * Public API
 */

/* Gives each column its cells and a sorter, which makes its header clickable. */
void
gf_families_columns_init (GtkColumnViewColumn * const *columns)
{
  for (guint i = 0; i < GF_FAMILIES_N_COLUMNS; i++)
    {
      g_autoptr(GtkCustomSorter) sorter = gtk_custom_sorter_new (probe_compare,
                                                                 GUINT_TO_POINTER (i), NULL);
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), GUINT_TO_POINTER (i));
      gtk_column_view_column_set_factory (columns[i], factory);
      gtk_column_view_column_set_sorter (columns[i], GTK_SORTER (sorter));
    }
}

/* Returns: whether a column is sorted by; then @out_sort is that column. */
gboolean
gf_families_columns_get_sort (GtkColumnView *view,
                              GfFamilySort  *out_sort,
                              gboolean      *out_descending)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (view);
  g_autoptr(GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  GtkOrdering order;

  /* Two different objects: a sorter says "equal" to an item compared with itself. */
  probed_column = -1;
  order = gtk_sorter_compare (sorter, a, b);
  if (probed_column < 0)
    return FALSE;
  *out_sort = (GfFamilySort) probed_column;
  *out_descending = order == GTK_ORDERING_LARGER;
  return TRUE;
}
