/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "gf-audit.h"
#include "gf-record.h"

G_BEGIN_DECLS

/* A family's file ("dossier"): the unit that is billed. The first member is the id. */
struct _GfFamily
{
  gint64    id;
  char     *reference;
  char     *address_line1;
  char     *address_line2;
  char     *postal_code;
  char     *city;
  char     *phone;
  char     *email;
  gint64    quotient_familial;   /* -1: not known */
  gboolean  paperless;
  gboolean  direct_debit;
  char     *iban;
  char     *bic;
  char     *mandate_reference;
  char     *mandate_date;
  gboolean  archived;
  char     *created_at;
  char     *updated_at;

  /* Read only, filled by gf_family_get() and the searches: the payer's "NOM Prénom". */
  char     *display_name;
};

/* The payer's name, else the first guardian's: what staff and letters call the family. */
#define GF_FAMILY_DISPLAY_NAME_SQL \
  "(SELECT upper(g.last_name) || ' ' || g.first_name FROM guardian g " \
  "WHERE g.family_id = family.id ORDER BY g.payer DESC, g.id LIMIT 1)"

#define GF_TYPE_FAMILY (gf_family_get_type ())

extern const GfRecordSpec gf_family_spec;

GType      gf_family_get_type     (void) G_GNUC_CONST;
GfFamily  *gf_family_new          (void);
GfFamily  *gf_family_copy         (const GfFamily  *family);
void       gf_family_free         (GfFamily        *family);

gboolean   gf_family_create       (GfDb            *db,
                                   const GfActor   *actor,
                                   GfFamily        *family,
                                   GError         **error);
GfFamily  *gf_family_get          (GfDb            *db,
                                   gint64           id,
                                   GError         **error);
GfFamily  *gf_family_get_by_reference (GfDb        *db,
                                   const char      *reference,
                                   GError         **error);
gboolean   gf_family_update       (GfDb            *db,
                                   const GfActor   *actor,
                                   GfFamily        *family,
                                   GError         **error);
gboolean   gf_family_set_archived (GfDb            *db,
                                   const GfActor   *actor,
                                   gint64           id,
                                   gboolean         archived,
                                   GError         **error);
char      *gf_family_next_reference (GfDb          *db,
                                   GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfFamily, gf_family_free)

G_END_DECLS
