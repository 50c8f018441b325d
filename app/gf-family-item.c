/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-family-item.h"

#include "gf-citizen-account.h"

#include <glib/gi18n.h>

#include "gf-money.h"

/* One row of the families list, as its cells show it. The list model updates items in
 * place, when the database or the search changes, and the cells follow through
 * "notify". */
struct _GfFamilyItem
{
  GObject  parent_instance;

  gint64   id;
  gint64   unpaid_cents;
  char    *reference;
  char    *name;
  char    *city;
  char    *children;
  char    *email;
  char    *account;
  char    *unpaid;
};

G_DEFINE_FINAL_TYPE (GfFamilyItem, gf_family_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REFERENCE,
  PROP_NAME,
  PROP_CITY,
  PROP_CHILDREN,
  PROP_EMAIL,
  PROP_ACCOUNT,
  PROP_UNPAID,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static char **
field_slot (GfFamilyItem *self,
            guint         prop_id)
{
  switch (prop_id)
    {
    case PROP_REFERENCE: return &self->reference;
    case PROP_NAME: return &self->name;
    case PROP_CITY: return &self->city;
    case PROP_CHILDREN: return &self->children;
    case PROP_EMAIL: return &self->email;
    case PROP_ACCOUNT: return &self->account;
    case PROP_UNPAID: return &self->unpaid;
    default: g_assert_not_reached ();
    }
}

/* Takes @value; notifies only when the text differs, so an unchanged row is not redrawn. */
static void
set_field (GfFamilyItem *self,
           guint         prop_id,
           char         *value)
{
  char **slot = field_slot (self, prop_id);

  if (g_strcmp0 (*slot, value) == 0)
    {
      g_free (value);
      return;
    }
  g_free (*slot);
  *slot = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
gf_family_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GfFamilyItem *self = GF_FAMILY_ITEM (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    g_value_set_string (value, *field_slot (self, prop_id));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
gf_family_item_finalize (GObject *object)
{
  GfFamilyItem *self = GF_FAMILY_ITEM (object);

  for (guint i = PROP_0 + 1; i < N_PROPS; i++)
    g_free (*field_slot (self, i));

  G_OBJECT_CLASS (gf_family_item_parent_class)->finalize (object);
}

static void
gf_family_item_class_init (GfFamilyItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const char *names[N_PROPS] = {
    NULL, "reference", "name", "city", "children", "email", "account", "unpaid",
  };

  object_class->get_property = gf_family_item_get_property;
  object_class->finalize = gf_family_item_finalize;

  for (guint i = PROP_0 + 1; i < N_PROPS; i++)
    properties[i] = g_param_spec_string (names[i], NULL, NULL, "",
                                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                                         G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gf_family_item_init (GfFamilyItem *self)
{
}

GfFamilyItem *
gf_family_item_new (const GfFamilySummary *summary)
{
  GfFamilyItem *self;

  g_return_val_if_fail (summary != NULL, NULL);

  self = g_object_new (GF_TYPE_FAMILY_ITEM, NULL);
  gf_family_item_update (self, summary);
  return self;
}

/* Fresh figures: the same family after the database changed, or the family that now
 * sits in this row of the list. */
void
gf_family_item_update (GfFamilyItem          *self,
                       const GfFamilySummary *summary)
{
  g_return_if_fail (GF_IS_FAMILY_ITEM (self));
  g_return_if_fail (summary != NULL);

  self->id = summary->id;
  self->unpaid_cents = summary->unpaid_cents;
  set_field (self, PROP_REFERENCE,
             summary->archived ? g_strdup_printf (_("%s (archived)"), summary->reference)
                               : g_strdup (summary->reference));
  set_field (self, PROP_NAME, g_strdup (summary->name));
  set_field (self, PROP_CITY, g_strdup (summary->city));
  set_field (self, PROP_CHILDREN, g_strdup_printf ("%" G_GINT64_FORMAT, summary->n_children));
  set_field (self, PROP_EMAIL, g_strdup (summary->email));
  set_field (self, PROP_ACCOUNT, g_strdup (gf_citizen_account_state_label (summary->account_state)));
  /* An empty cell reads better than a column of "0,00 €". */
  set_field (self, PROP_UNPAID, summary->unpaid_cents != 0 ? gf_money_format (summary->unpaid_cents)
                                                           : g_strdup (""));
}

gint64
gf_family_item_get_id (GfFamilyItem *self)
{
  g_return_val_if_fail (GF_IS_FAMILY_ITEM (self), 0);

  return self->id;
}

const char *
gf_family_item_get_reference (GfFamilyItem *self)
{
  g_return_val_if_fail (GF_IS_FAMILY_ITEM (self), NULL);

  return self->reference;
}

const char *
gf_family_item_get_name (GfFamilyItem *self)
{
  g_return_val_if_fail (GF_IS_FAMILY_ITEM (self), NULL);

  return self->name;
}

gint64
gf_family_item_get_unpaid_cents (GfFamilyItem *self)
{
  g_return_val_if_fail (GF_IS_FAMILY_ITEM (self), 0);

  return self->unpaid_cents;
}
