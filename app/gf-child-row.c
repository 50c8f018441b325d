/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-child-row.h"

#include <glib/gi18n.h>

#include "gf-date.h"

/* One line of the children list, its texts ready to show. */

struct _GfChildRow
{
  GObject  parent_instance;

  gint64   id;
  gint64   family_id;
  char    *name;
  char    *birth;
  char    *school;
  char    *dossier;
  char    *pai;
};

G_DEFINE_FINAL_TYPE (GfChildRow, gf_child_row, G_TYPE_OBJECT)

static void
gf_child_row_finalize (GObject *object)
{
  GfChildRow *self = GF_CHILD_ROW (object);

  g_free (self->name);
  g_free (self->birth);
  g_free (self->school);
  g_free (self->dossier);
  g_free (self->pai);

  G_OBJECT_CLASS (gf_child_row_parent_class)->finalize (object);
}

static void
gf_child_row_class_init (GfChildRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gf_child_row_finalize;
}

static void
gf_child_row_init (GfChildRow *self)
{
}

/* @summary NULL: a child deleted since the search, shown as a dash. */
GfChildRow *
gf_child_row_new (const GfChildSummary *summary,
                  const char           *today_iso)
{
  GfChildRow *self = g_object_new (GF_TYPE_CHILD_ROW, NULL);
  GDate birth, today;

  if (summary == NULL)
    {
      self->name = g_strdup ("—");
      self->birth = g_strdup ("");
      self->school = g_strdup ("");
      self->dossier = g_strdup ("");
      self->pai = g_strdup ("");
      return self;
    }

  self->id = summary->id;
  self->family_id = summary->family_id;
  self->name = g_strdup_printf ("%s %s", summary->last_name, summary->first_name);
  if (gf_date_parse_iso (summary->birth_date, &birth, NULL) &&
      gf_date_parse_iso (today_iso, &today, NULL))
    {
      g_autofree char *date = gf_date_format_fr (&birth);
      int age = gf_date_age_on (&birth, &today);

      self->birth = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%d year)",
                                                  "%s (%d years)", age), date, age);
    }
  else
    self->birth = g_strdup (summary->birth_date);
  if (summary->school[0] != '\0' && summary->class_name[0] != '\0')
    self->school = g_strdup_printf ("%s · %s", summary->school, summary->class_name);
  else
    self->school = g_strconcat (summary->school, summary->class_name, NULL);
  self->dossier = g_strdup (summary->family_reference);
  self->pai = g_strdup (summary->pai < 0 ? "" : summary->pai ? _("Yes") : _("No"));
  return self;
}

gint64
gf_child_row_get_id (GfChildRow *self)
{
  g_return_val_if_fail (GF_IS_CHILD_ROW (self), 0);
  return self->id;
}

gint64
gf_child_row_get_family_id (GfChildRow *self)
{
  g_return_val_if_fail (GF_IS_CHILD_ROW (self), 0);
  return self->family_id;
}

const char *
gf_child_row_get_name (GfChildRow *self)
{
  g_return_val_if_fail (GF_IS_CHILD_ROW (self), NULL);
  return self->name;
}

const char *
gf_child_row_get_birth (GfChildRow *self)
{
  g_return_val_if_fail (GF_IS_CHILD_ROW (self), NULL);
  return self->birth;
}

const char *
gf_child_row_get_school (GfChildRow *self)
{
  g_return_val_if_fail (GF_IS_CHILD_ROW (self), NULL);
  return self->school;
}

const char *
gf_child_row_get_dossier (GfChildRow *self)
{
  g_return_val_if_fail (GF_IS_CHILD_ROW (self), NULL);
  return self->dossier;
}

const char *
gf_child_row_get_pai (GfChildRow *self)
{
  g_return_val_if_fail (GF_IS_CHILD_ROW (self), NULL);
  return self->pai;
}
