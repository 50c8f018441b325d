/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* An idOp opens the payment page within 15 minutes of its creation, once (payfip.md §4);
 * an operation with no outcome that long after its last step is "purged" (fault P1). */
#define GF_SANDBOX_IDOP_LIFETIME (15 * G_TIME_SPAN_MINUTE)

typedef enum
{
  GF_SANDBOX_STATE_CREATED,
  GF_SANDBOX_STATE_OPENED,
  GF_SANDBOX_STATE_PAID,
  GF_SANDBOX_STATE_REFUSED,
  GF_SANDBOX_STATE_ABANDONED,
  GF_SANDBOX_STATE_EXPIRED,
} GfSandboxState;

/* What PayFiP keeps of one creerPaiementSecurise. Times are µs since the epoch on the
 * sandbox's clock (the real one plus the clock offset). */
typedef struct
{
  char   *idop;
  char   *exer;
  char   *mel;
  gint64  montant;
  char   *numcli;
  char   *objet;
  char   *refdet;
  char   *saisie;
  char   *urlnotif;
  char   *urlredirect;
  gint64  created;
  gint64  opened;
  char   *page_token;
  char    resultrans;
  char   *numauto;
  char   *dattrans;
  char   *heurtrans;
  gint64  result_time;
  char   *means;
  guint   notifications;
  int     notification_status;
  guint   detail_requests;
} GfSandboxOperation;

typedef struct _GfSandboxStore GfSandboxStore;

GfSandboxStore     *gf_sandbox_store_new            (const char               *path,
                                                     GError                  **error);
void                gf_sandbox_store_free           (GfSandboxStore           *store);
GfSandboxOperation *gf_sandbox_store_add            (GfSandboxStore           *store,
                                                     GfSandboxOperation       *operation);
GfSandboxOperation *gf_sandbox_store_lookup         (GfSandboxStore           *store,
                                                     const char               *idop);
GPtrArray          *gf_sandbox_store_get_all        (GfSandboxStore           *store);
void                gf_sandbox_store_changed        (GfSandboxStore           *store);

void                gf_sandbox_operation_free       (GfSandboxOperation       *operation);
GfSandboxState      gf_sandbox_operation_get_state  (const GfSandboxOperation *operation,
                                                     gint64                    now);
gint64              gf_sandbox_operation_paid_amount (const GfSandboxOperation *operation);
void                gf_sandbox_operation_to_json    (const GfSandboxOperation *operation,
                                                     gint64                    now,
                                                     gboolean                  internal,
                                                     JsonBuilder              *builder);
const char         *gf_sandbox_state_to_string      (GfSandboxState            state);

/* gf-sandbox-store-file.c */
GPtrArray          *_gf_sandbox_store_file_load     (const char               *path,
                                                     GError                  **error);
gboolean            _gf_sandbox_store_file_save     (const char               *path,
                                                     GPtrArray                *operations,
                                                     GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfSandboxStore, gf_sandbox_store_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfSandboxOperation, gf_sandbox_operation_free)

G_END_DECLS
