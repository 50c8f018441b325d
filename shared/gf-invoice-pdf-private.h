/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "gf-invoice-pdf.h"

G_BEGIN_DECLS

/* What one printed invoice says, every word of it in French and every figure already
 * formatted: gf-invoice-pdf.c reads the database (in one snapshot) and writes it;
 * gf-invoice-pdf-layout.c places it on the pages without touching the database.
 * Strings are never NULL unless said so; none of them is markup. */

typedef struct
{
  char *child;          /* the child's first name, or "" */
  char *label;
  char *quantity;       /* "12", "12,5" */
  char *unit_price;
  char *amount;
} GfInvoicePdfLine;

typedef struct
{
  char *label;
  char *amount;
} GfInvoicePdfTotal;

typedef struct
{
  /* The letterhead. */
  char       *collectivite_name;
  char       *service_name;
  char       *address;
  char       *contact;           /* "Tél. 04 78 00 00 00  ·  facturation@…", or "" */

  /* The title block. */
  char       *title;             /* "Facture N° 2026-10-000004", "Avoir N° …" */
  char       *heading;           /* "FACTURE", "AVOIR" */
  char       *number;            /* "N° 2026-10-000004" */
  char       *credit_for;        /* (nullable) "Avoir sur la facture N° …" */
  char       *issue_date;        /* "05/11/2026" */
  char       *due_date;          /* (nullable) none on a credit note */
  char       *object;
  char       *published_at;      /* (nullable) the document's creation date */

  /* The addressee, placed for a window envelope. */
  char       *addressee_name;    /* "Mme DUPONT Claire" */
  GPtrArray  *addressee_lines;   /* (element-type utf8): street, town */
  char       *dossier;           /* "Dossier 2024-000004" */

  GPtrArray  *lines;             /* (element-type GfInvoicePdfLine) */
  GPtrArray  *totals;            /* (element-type GfInvoicePdfTotal): the last one stands out */

  char       *payment_heading;   /* "Règlement", "Avoir" */
  GPtrArray  *payment;           /* (element-type utf8): paragraphs */
  char       *question;          /* "Une question ? …" */
} GfInvoicePdfContent;

void  _gf_invoice_pdf_content_free (GfInvoicePdfContent       *content);

/* Draws every page of @content on @surface, an A4 PDF surface, and returns how many. */
int   _gf_invoice_pdf_draw         (cairo_surface_t           *surface,
                                    const GfInvoicePdfContent *content);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfInvoicePdfContent, _gf_invoice_pdf_content_free)

G_END_DECLS
