/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gf-db.h"

G_BEGIN_DECLS

/* One payment of the régie's day, as the journal and its export show it. */
typedef struct
{
  gint64  id;
  char   *paid_at;          /* UTC timestamp */
  char   *method;           /* "cash", "cheque", "cesu", "transfer", "payfip", "direct_debit" */
  char   *family_reference;
  char   *family_name;
  gint64  amount_cents;
  char   *reference;
  char   *bank;
  char   *invoices;         /* "N1, N2" */
  char   *recorded_by;      /* the staff user's name, "" for PayFiP */
} GfJournalEntry;

void        gf_journal_entry_free       (GfJournalEntry  *entry);

GPtrArray  *gf_payment_journal          (GfDb            *db,
                                         const char      *iso_date,
                                         GError         **error);
gint64      gf_payment_journal_total    (GPtrArray       *entries,
                                         const char      *method);
char       *gf_payment_journal_to_csv   (GPtrArray       *entries) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfJournalEntry, gf_journal_entry_free)

G_END_DECLS
