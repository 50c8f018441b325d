/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-invoice-publish.h"
#include "gf-date.h"
#include "gf-i18n.h"
#include "gf-mail-outbox.h"
#include "gf-money.h"
#include "gf-settings.h"

/* Publishing makes a draft invoice visible on the portal and tells the family by e-mail
 * ("new invoice" alert), in the same transaction: the alert leaves if, and only if, the
 * invoice is published. */

typedef struct
{
  gint64 invoice_id;
} PublishCall;

/* The alert goes to the portal login when the family has an active account, else to the
 * family's contact address; no address, no alert. */
static gboolean
queue_alert (GfDb     *db,
             gint64    invoice_id,
             GError  **error)
{
  g_autoptr(GfStmt) stmt = NULL;
  g_autofree char *collectivite = gf_settings_get (db, GF_SETTING_COLLECTIVITE_NAME);
  g_autofree char *service = gf_settings_get (db, GF_SETTING_SERVICE_NAME);
  g_autofree char *portal = gf_settings_get (db, GF_SETTING_PORTAL_URL);
  g_autofree char *recipient = NULL;
  g_autofree char *number = NULL;
  g_autofree char *object = NULL;
  g_autofree char *total = NULL;
  g_autofree char *due = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *text = NULL;
  gboolean direct_debit;

  stmt = gf_db_prepare (db,
                        "SELECT ifnull((SELECT a.email FROM citizen_account a "
                        "               WHERE a.family_id = i.family_id AND a.state = 'active'), "
                        "              f.email), i.number, i.object, i.total_cents, i.due_date, "
                        "       i.direct_debit "
                        "  FROM invoice i JOIN family f ON f.id = i.family_id WHERE i.id = ?1",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, invoice_id);
  if (gf_db_step (db, stmt, error) != GF_DB_STEP_ROW)
    return FALSE;
  recipient = gf_stmt_dup_text (stmt, 0);
  number = gf_stmt_dup_text (stmt, 1);
  object = gf_stmt_dup_text (stmt, 2);
  total = gf_money_format (sqlite3_column_int64 (stmt, 3));
  due = gf_date_format_iso_fr (gf_stmt_column_text (stmt, 4), "");
  direct_debit = sqlite3_column_int (stmt, 5) != 0;
  gf_stmt_release (stmt);

  if (*recipient == '\0')
    return TRUE;

  /* The e-mail is French whatever the server's locale, like everything families read. */
  subject = g_strdup_printf ("Nouvelle facture %s – %s", number, collectivite);
  text = g_strdup_printf ("Bonjour,\n\nUne nouvelle facture est disponible dans votre espace :\n\n"
                          "  Facture n° %s – %s\n  Montant : %s\n  %s%s\n\n"
                          "Consultez-la et téléchargez-la sur %s/factures\n\n"
                          "Salutations distinguées,\n%s – %s\n\n"
                          "Merci de ne pas répondre à ce message.\n",
                          number, object, total,
                          direct_debit ? "Réglée par prélèvement automatique le " : "À régler avant le ",
                          due, portal, collectivite, service);
  return gf_mail_outbox_enqueue (db, "invoice_published", recipient, subject, text, NULL, NULL,
                                 error);
}

static gboolean
publish_cb (GfDb      *db,
            GfChange  *change,
            gpointer   user_data,
            GError   **error)
{
  PublishCall *call = user_data;
  g_autofree char *now = gf_timestamp_now ();
  g_autoptr(GfStmt) stmt = gf_db_prepare (db,
                                          "UPDATE invoice SET state = 'unpaid', published_at = ?2 "
                                          "WHERE id = ?1 AND state = 'draft'",
                                          error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, call->invoice_id);
  gf_stmt_bind_text (stmt, 2, now);
  if (!gf_db_step_done (db, stmt, error))
    return FALSE;
  if (gf_db_changes (db) == 0)
    {
      g_set_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND,
                   _("This invoice does not exist or is already published."));
      return FALSE;
    }

  if (!queue_alert (db, call->invoice_id, error))
    return FALSE;
  gf_change_record (change, "publish", "invoice", call->invoice_id, NULL);
  return TRUE;
}

/**
 * gf_invoice_publish:
 *
 * Makes a draft invoice visible to the family ("unpaid") and queues the "new invoice"
 * e-mail. A published invoice is never edited again: a correction is a credit note.
 */
gboolean
gf_invoice_publish (GfDb           *db,
                    const GfActor  *actor,
                    gint64          invoice_id,
                    GError        **error)
{
  PublishCall call = { invoice_id };

  return gf_db_change (db, actor, publish_cb, &call, error);
}
