/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "PayfipSandbox"

#include "config.h"

#include "gf-sandbox-store.h"

/* The operations PayFiP knows, in memory, and in a JSON file when the sandbox runs with
 * --state: the portal's crash tests restart the portal, not the sandbox, but a demo that
 * restarts the sandbox must not forget the idOps the portal still asks about. */

struct _GfSandboxStore
{
  char       *path;
  GPtrArray  *operations;
  GHashTable *by_idop;
  guint64     last_uuid_time;
  guint16     clock_sequence;
  guint64     node;
};

/* 100 ns intervals between the Gregorian reform (1582-10-15) and the Unix epoch. */
#define UUID_EPOCH_OFFSET G_GUINT64_CONSTANT (0x01B21DD213814000)

static const char * const state_names[] = {
  [GF_SANDBOX_STATE_CREATED] = "created",
  [GF_SANDBOX_STATE_OPENED] = "opened",
  [GF_SANDBOX_STATE_PAID] = "paid",
  [GF_SANDBOX_STATE_REFUSED] = "refused",
  [GF_SANDBOX_STATE_ABANDONED] = "abandoned",
  [GF_SANDBOX_STATE_EXPIRED] = "expired",
};

/* A version 1 (time-based) UUID like PayFiP's, e.g. cc0cb210-1cd4-11ea-8cca-0213ad91a103:
 * the time of @created, a random clock sequence and a random node with the multicast bit
 * set (RFC 4122 §4.5), bumped by 100 ns when two operations share a timestamp. */
static char *
make_idop (GfSandboxStore *store,
           gint64          created)
{
  guint64 time = (guint64)MAX (created, 0) * 10 + UUID_EPOCH_OFFSET;

  if (time <= store->last_uuid_time)
    time = store->last_uuid_time + 1;
  store->last_uuid_time = time;

  return g_strdup_printf ("%08x-%04x-%04x-%04x-%012" G_GINT64_MODIFIER "x",
                          (guint)(time & 0xffffffff),
                          (guint)((time >> 32) & 0xffff),
                          (guint)(((time >> 48) & 0x0fff) | 0x1000),
                          (guint)((store->clock_sequence & 0x3fff) | 0x8000),
                          store->node);
}

GfSandboxStore *
gf_sandbox_store_new (const char  *path,
                      GError     **error)
{
  g_autoptr(GfSandboxStore) store = g_new0 (GfSandboxStore, 1);

  store->path = g_strdup (path);
  store->by_idop = g_hash_table_new (g_str_hash, g_str_equal);
  store->clock_sequence = (guint16)g_random_int_range (0, 0x4000);
  store->node = (((guint64)g_random_int () << 16) | (g_random_int () & 0xffff)) &
                G_GUINT64_CONSTANT (0xffffffffffff);
  store->node |= G_GUINT64_CONSTANT (0x010000000000);

  if (path != NULL && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      store->operations = _gf_sandbox_store_file_load (path, error);
      if (store->operations == NULL)
        return NULL;
    }
  else
    store->operations = g_ptr_array_new_with_free_func ((GDestroyNotify)gf_sandbox_operation_free);

  for (guint i = 0; i < store->operations->len; i++)
    {
      GfSandboxOperation *operation = g_ptr_array_index (store->operations, i);

      if (!g_hash_table_insert (store->by_idop, operation->idop, operation))
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                       "%s: the idOp %s appears twice", path, operation->idop);
          return NULL;
        }
    }
  return g_steal_pointer (&store);
}

void
gf_sandbox_store_free (GfSandboxStore *store)
{
  if (store == NULL)
    return;
  g_clear_pointer (&store->by_idop, g_hash_table_unref);
  g_clear_pointer (&store->operations, g_ptr_array_unref);
  g_free (store->path);
  g_free (store);
}

/* Takes @operation, gives it a new idOp from its creation time; returns it (still owned
 * by the store). */
GfSandboxOperation *
gf_sandbox_store_add (GfSandboxStore     *store,
                      GfSandboxOperation *operation)
{
  g_return_val_if_fail (operation->idop == NULL, NULL);

  do
    {
      g_free (operation->idop);
      operation->idop = make_idop (store, operation->created);
    }
  while (g_hash_table_contains (store->by_idop, operation->idop));

  g_ptr_array_add (store->operations, operation);
  g_hash_table_insert (store->by_idop, operation->idop, operation);
  gf_sandbox_store_changed (store);
  return operation;
}

GfSandboxOperation *
gf_sandbox_store_lookup (GfSandboxStore *store,
                         const char     *idop)
{
  if (idop == NULL)
    return NULL;
  return g_hash_table_lookup (store->by_idop, idop);
}

/* Every operation, oldest first; owned by the store. */
GPtrArray *
gf_sandbox_store_get_all (GfSandboxStore *store)
{
  return store->operations;
}

/* To call after every change to an operation: writes the state file, if there is one. A
 * write that fails is logged and the sandbox goes on from memory. */
void
gf_sandbox_store_changed (GfSandboxStore *store)
{
  g_autoptr(GError) error = NULL;

  if (store->path == NULL)
    return;
  if (!_gf_sandbox_store_file_save (store->path, store->operations, &error))
    g_message ("could not write the state file: %s", error->message);
}

void
gf_sandbox_operation_free (GfSandboxOperation *operation)
{
  if (operation == NULL)
    return;
  g_free (operation->idop);
  g_free (operation->exer);
  g_free (operation->mel);
  g_free (operation->numcli);
  g_free (operation->objet);
  g_free (operation->refdet);
  g_free (operation->saisie);
  g_free (operation->urlnotif);
  g_free (operation->urlredirect);
  g_free (operation->page_token);
  g_free (operation->numauto);
  g_free (operation->dattrans);
  g_free (operation->heurtrans);
  g_free (operation->means);
  g_free (operation);
}

/* The outcome if there is one; otherwise "expired" once 15 minutes have passed since the
 * last step (creation, or the opening of the payment page), as PayFiP's nightly purge of
 * idOps that never got a result would have it; otherwise where the payer got to. */
GfSandboxState
gf_sandbox_operation_get_state (const GfSandboxOperation *operation,
                                gint64                    now)
{
  switch (operation->resultrans)
    {
    case 'P':
    case 'V':
      return GF_SANDBOX_STATE_PAID;
    case 'R':
    case 'Z':
      return GF_SANDBOX_STATE_REFUSED;
    case 'A':
      return GF_SANDBOX_STATE_ABANDONED;
    default:
      break;
    }
  if (now - MAX (operation->created, operation->opened) > GF_SANDBOX_IDOP_LIFETIME)
    return GF_SANDBOX_STATE_EXPIRED;
  return operation->opened != 0 ? GF_SANDBOX_STATE_OPENED : GF_SANDBOX_STATE_CREATED;
}

/* What the sandbox took: the amount for P and V, nothing otherwise. */
gint64
gf_sandbox_operation_paid_amount (const GfSandboxOperation *operation)
{
  return operation->resultrans == 'P' || operation->resultrans == 'V' ? operation->montant : 0;
}

const char *
gf_sandbox_state_to_string (GfSandboxState state)
{
  g_return_val_if_fail ((guint)state < G_N_ELEMENTS (state_names), NULL);
  return state_names[state];
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_time (JsonBuilder *builder,
          const char  *name,
          gint64       time)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *text = NULL;

  if (time != 0)
    when = g_date_time_new_from_unix_utc (time / G_USEC_PER_SEC);
  if (when != NULL)
    text = g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");
  add_string (builder, name, text);
}

/* One operation as a JSON object. The public view (GET /_sandbox/operations) adds the
 * computed state and paid amount; the internal one (the state file) adds what a restart
 * needs to go on: exact times and the payment page's token. */
void
gf_sandbox_operation_to_json (const GfSandboxOperation *operation,
                              gint64                    now,
                              gboolean                  internal,
                              JsonBuilder              *builder)
{
  char resultrans[2] = { operation->resultrans, '\0' };

  json_builder_begin_object (builder);
  add_string (builder, "idop", operation->idop);
  add_string (builder, "numcli", operation->numcli);
  add_string (builder, "exer", operation->exer);
  add_string (builder, "refdet", operation->refdet);
  add_string (builder, "objet", operation->objet);
  add_int (builder, "montant", operation->montant);
  add_string (builder, "mel", operation->mel);
  add_string (builder, "saisie", operation->saisie);
  add_string (builder, "urlnotif", operation->urlnotif);
  add_string (builder, "urlredirect", operation->urlredirect);
  if (!internal)
    {
      add_string (builder, "state",
                  gf_sandbox_state_to_string (gf_sandbox_operation_get_state (operation, now)));
    }
  add_string (builder, "resultrans", operation->resultrans != '\0' ? resultrans : NULL);
  if (!internal)
    add_int (builder, "paid_amount", gf_sandbox_operation_paid_amount (operation));
  add_string (builder, "numauto", operation->numauto);
  add_string (builder, "dattrans", operation->dattrans);
  add_string (builder, "heurtrans", operation->heurtrans);
  add_string (builder, "means", operation->means);
  add_int (builder, "notifications", operation->notifications);
  add_int (builder, "notification_status", operation->notification_status);
  add_int (builder, "detail_requests", operation->detail_requests);
  if (internal)
    {
      add_int (builder, "created_us", operation->created);
      add_int (builder, "opened_us", operation->opened);
      add_int (builder, "result_us", operation->result_time);
      add_string (builder, "page_token", operation->page_token);
    }
  else
    {
      add_time (builder, "created", operation->created);
      add_time (builder, "opened", operation->opened);
      add_time (builder, "result_at", operation->result_time);
    }
  json_builder_end_object (builder);
}
