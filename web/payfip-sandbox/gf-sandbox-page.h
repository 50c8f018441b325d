/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "gf-sandbox-store.h"

G_BEGIN_DECLS

#define GF_SANDBOX_PAGE_PATH "/tpa/paiementws.web"

/* A card number or IBAN of the test platform and what paying with it gives. */
typedef struct
{
  const char *number;
  char        resultrans;
  const char *label;
} GfTestMeans;

const GfTestMeans *gf_sandbox_test_cards          (guint                    *n_cards);
const GfTestMeans *gf_sandbox_test_ibans          (guint                    *n_ibans);

/* gf-sandbox-page-html.c: the pages, as complete HTML documents (French). */
char              *gf_sandbox_format_money        (gint64                    cents);
GString           *gf_sandbox_html_begin          (const char               *title);
char              *gf_sandbox_html_end            (GString                  *page);
void               gf_sandbox_html_test_means     (GString                  *page,
                                                   gboolean                  cards,
                                                   gboolean                  ibans);
char              *gf_sandbox_html_choice         (const GfSandboxOperation *operation,
                                                   gboolean                  direct_debit);
char              *gf_sandbox_html_card           (const GfSandboxOperation *operation,
                                                   const char               *error,
                                                   int                       this_year);
char              *gf_sandbox_html_debit          (const GfSandboxOperation *operation,
                                                   const char               *error);
char              *gf_sandbox_html_message        (const char               *title,
                                                   const char               *text);
char              *gf_sandbox_html_return_link    (const char               *location);
char              *gf_sandbox_html_return_form    (const char               *url,
                                                   const char               *idop);

G_END_DECLS
