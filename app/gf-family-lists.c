/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-family-lists.h"

#include <glib/gi18n.h>

#include "gf-audit-query.h"
#include "gf-date.h"
#include "gf-family-view.h"
#include "gf-invoice-list.h"
#include "gf-invoice-query.h"
#include "gf-payment-record.h"
#include "gf-money.h"

static GtkWidget *
add_row (AdwPreferencesGroup *group,
         GPtrArray           *rows,
         const char          *title,
         const char          *subtitle,
         const char          *suffix)
{
  GtkWidget *row = adw_action_row_new ();

  /* Names and subjects are data: no markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (suffix != NULL)
    {
      GtkWidget *label = gtk_label_new (suffix);

      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  adw_preferences_group_add (group, row);
  g_ptr_array_add (rows, row);
  return row;
}

static void
add_empty (AdwPreferencesGroup *group,
           GPtrArray           *rows,
           const char          *text)
{
  GtkWidget *row = add_row (group, rows, text, NULL, NULL);

  gtk_widget_add_css_class (row, "dim-label");
}

static void
show_error (GfSession    *session,
            const GError *error)
{
  g_warning ("family page: %s", error->message);
  gf_session_toast (session, _("The family could not be read; try again in a moment."));
}

void
_gf_family_lists_clear (AdwPreferencesGroup *group,
                        GPtrArray           *rows)
{
  for (guint i = rows->len; i > 0; i--)
    {
      GtkWidget *row = rows->pdata[i - 1];

      if (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP) == GTK_WIDGET (group))
        {
          adw_preferences_group_remove (group, row);
          g_ptr_array_remove_index (rows, i - 1);
        }
    }
}

static void
open_cb (GtkWidget *row,
         GfSession *session)
{
  GfSessionObject object = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "gf-object"));
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (row), "gf-id");

  gf_session_open (session, object, id);
}

static void
make_opener (GtkWidget       *row,
             GfSession       *session,
             GfSessionObject  object,
             gint64           id)
{
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  g_object_set_data (G_OBJECT (row), "gf-object", GINT_TO_POINTER (object));
  g_object_set_data_full (G_OBJECT (row), "gf-id", g_memdup2 (&id, sizeof id), g_free);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_signal_connect_object (row, "activated", G_CALLBACK (open_cb), session, 0);
}

void
_gf_family_lists_children (GfSession           *session,
                           gint64               family_id,
                           AdwPreferencesGroup *group,
                           GPtrArray           *rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) children = gf_family_list_children (gf_session_get_db (session),
                                                           family_id, &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate today;

  _gf_family_lists_clear (group, rows);
  if (children == NULL)
    return show_error (session, error);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));

  for (guint i = 0; i < children->len; i++)
    {
      GfFamilyChildRow *child = children->pdata[i];
      g_autofree char *title = g_strdup_printf ("%s %s", child->first_name, child->last_name);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      GDate birth;
      GtkWidget *row;

      if (gf_date_parse_iso (child->birth_date, &birth, NULL))
        {
          int age = gf_date_age_on (&birth, &today);

          g_string_append_printf (subtitle, ngettext ("%d year", "%d years", age), age);
        }
      if (*child->establishment != '\0')
        g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "",
                                child->establishment);
      if (*child->class_name != '\0')
        g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "",
                                child->class_name);
      row = add_row (group, rows, title, subtitle->str, child->archived ? _("Archived") : NULL);
      make_opener (row, session, GF_SESSION_OBJECT_CHILD, child->id);
    }
  if (children->len == 0)
    add_empty (group, rows, _("No child in this family."));
}

void
_gf_family_lists_billing (GfSession           *session,
                          gint64               family_id,
                          AdwPreferencesGroup *invoices_group,
                          AdwPreferencesGroup *payments_group,
                          GPtrArray           *rows)
{
  g_autoptr(GError) error = NULL;
  GfDb *db = gf_session_get_db (session);
  g_autoptr(GPtrArray) invoices = gf_invoice_list_for_family (db, family_id, NULL, &error);
  g_autoptr(GPtrArray) payments = NULL;
  gboolean can_open = gf_session_has_role (session, GF_STAFF_ROLE_REGISSEUR);
  gint64 unpaid = 0;
  g_autofree char *unpaid_text = NULL;
  g_autofree char *description = NULL;

  _gf_family_lists_clear (invoices_group, rows);
  _gf_family_lists_clear (payments_group, rows);
  if (invoices == NULL)
    return show_error (session, error);

  for (guint i = 0; i < invoices->len; i++)
    {
      GfInvoiceSummary *invoice = invoices->pdata[i];
      g_autofree char *title = g_strdup_printf (_("No. %s — %s"), invoice->number, invoice->object);
      g_autofree char *date = gf_date_format_iso_fr (invoice->issue_date, "");
      g_autofree char *total = gf_money_format (invoice->total_cents);
      g_autofree char *remaining = gf_money_format (invoice->remaining_cents);
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (g_str_equal (invoice->state, "unpaid") || g_str_equal (invoice->state, "treasury"))
        unpaid += MAX (invoice->remaining_cents, 0);
      subtitle = g_strdup_printf (_("%s · %s · remaining %s"), date, total, remaining);
      row = add_row (invoices_group, rows, title, subtitle, gf_invoice_list_state_label (invoice->state));
      if (can_open)
        make_opener (row, session, GF_SESSION_OBJECT_INVOICE, invoice->id);
    }
  if (invoices->len == 0)
    add_empty (invoices_group, rows, _("No invoice yet."));

  unpaid_text = gf_money_format (unpaid);
  description = g_strdup_printf (_("Left to pay: %s"), unpaid_text);
  adw_preferences_group_set_description (invoices_group, description);

  payments = gf_family_list_payments (db, family_id, &error);
  if (payments == NULL)
    return show_error (session, error);
  for (guint i = 0; i < payments->len; i++)
    {
      GfFamilyPaymentRow *payment = payments->pdata[i];
      g_autofree char *amount = gf_money_format (payment->amount_cents);
      g_autofree char *date = gf_date_format_iso_fr (payment->paid_at, payment->paid_at);
      g_autofree char *title = g_strdup_printf ("%s — %s", amount,
                                                gf_payment_method_label (payment->method));
      g_autofree char *subtitle = *payment->reference != '\0'
                                  ? g_strdup_printf ("%s · %s", date, payment->reference)
                                  : g_strdup (date);

      add_row (payments_group, rows, title, subtitle, NULL);
    }
  if (payments->len == 0)
    add_empty (payments_group, rows, _("No payment yet."));
}

void
_gf_family_lists_messages (GfSession           *session,
                           gint64               family_id,
                           AdwPreferencesGroup *group,
                           GPtrArray           *rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) messages = gf_family_list_messages (gf_session_get_db (session),
                                                           family_id, &error);

  _gf_family_lists_clear (group, rows);
  if (messages == NULL)
    return show_error (session, error);
  for (guint i = 0; i < messages->len; i++)
    {
      GfFamilyMessageRow *message = messages->pdata[i];
      g_autofree char *when = gf_timestamp_format_fr (message->created_at);
      g_autofree char *subtitle = g_strdup_printf (g_str_equal (message->direction, "in")
                                                   ? _("%s · from %s") : _("%s · by %s"),
                                                   when != NULL ? when : "", message->sender_name);

      add_row (group, rows, message->subject, subtitle, message->read ? _("Read") : _("Unread"));
    }
  if (messages->len == 0)
    add_empty (group, rows, _("No message."));
}

/* Returns: how many rows were added (fewer than @limit: the end of the history). */
guint
_gf_family_lists_history (GfSession           *session,
                          gint64               family_id,
                          guint                offset,
                          guint                limit,
                          AdwPreferencesGroup *group,
                          GPtrArray           *rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  if (offset == 0)
    _gf_family_lists_clear (group, rows);
  entries = gf_audit_list_for_family (gf_session_get_db (session), family_id, offset, limit,
                                      &error);
  if (entries == NULL)
    {
      show_error (session, error);
      return 0;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      GfAuditEntry *entry = entries->pdata[i];
      g_autofree char *text = gf_audit_entry_describe (entry);
      g_autofree char *who = gf_audit_entry_actor (entry);
      g_autofree char *when = gf_timestamp_format_fr (entry->at);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", when != NULL ? when : entry->at, who);

      add_row (group, rows, text, subtitle, NULL);
    }
  if (offset == 0 && entries->len == 0)
    add_empty (group, rows, _("Nothing recorded yet."));
  return entries->len;
}
