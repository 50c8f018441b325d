/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-payfip-operations-view.h"

#include <glib/gi18n.h>

#include "gf-date.h"
#include "gf-db.h"
#include "gf-money.h"
#include "gf-payfip-operation-list.h"

/* The online payment attempts, newest first, and everything PayFiP said about one.
 * The list is read in a worker thread on a connection of its own (up to LIST_LIMIT
 * rows, which would hold the window for more than a frame); the rows shown stay until
 * the new ones arrive, and a new load cancels the one under way. */

#define LIST_LIMIT 500

static const char *states[] = { NULL, "created", "pending", "paid", "refused", "abandoned", "error" };

struct _GfPayfipOperationsView
{
  AdwBin       parent_instance;

  /* Template Widgets */
  GtkStack    *stack;
  GtkDropDown *state_filter;
  GtkLabel    *count_label;
  GtkSpinner  *spinner;
  GtkListBox  *list;
  GtkLabel    *detail_title;
  GtkListBox  *detail_list;

  /* Owned References */
  GfSession   *session;
  GPtrArray   *rows;          /* GfPayfipOperationRow */
  GCancellable *cancellable;  /* the load under way */

  gint64       shown_id;      /* the operation in the detail page, 0: none */
};

G_DEFINE_FINAL_TYPE (GfPayfipOperationsView, gf_payfip_operations_view, ADW_TYPE_BIN)

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL && GTK_IS_LIST_BOX_ROW (child))
    gtk_list_box_remove (list, child);
}

static void
add_detail (GfPayfipOperationsView *self,
            const char             *title,
            const char             *value)
{
  GtkWidget *row;

  if (value == NULL || value[0] == '\0')
    value = "—";
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_widget_add_css_class (row, "property");
  gtk_list_box_append (self->detail_list, row);
}

static void
show_detail (GfPayfipOperationsView     *self,
             const GfPayfipOperationRow *op)
{
  g_autofree char *family = g_strdup_printf ("%s (%s)", op->family_name, op->family_reference);
  g_autofree char *amount = gf_money_format (op->amount_cents);
  g_autofree char *created = gf_timestamp_format_fr (op->created_at);
  g_autofree char *updated = gf_timestamp_format_fr (op->updated_at);
  g_autofree char *settled = op->settled_at != NULL ? gf_timestamp_format_fr (op->settled_at) : NULL;
  g_autofree char *lock = gf_timestamp_format_fr (op->lock_until);
  g_autofree char *checks = g_strdup_printf ("%" G_GINT64_FORMAT, op->check_failures);
  g_autofree char *payment_id = g_strdup_printf ("%" G_GINT64_FORMAT, op->payment_id);
  g_autofree char *payment = op->payment_id != 0 ? g_strdup_printf (_("Payment no. %s"), payment_id)
                                                 : g_strdup (_("None"));
  g_autofree char *title = g_strdup_printf (_("Operation %s"), op->refdet);
  g_autofree char *when = NULL;

  if (op->dattrans != NULL && op->heurtrans != NULL && strlen (op->dattrans) == 8 && strlen (op->heurtrans) == 4)
    when = g_strdup_printf ("%.2s/%.2s/%.4s %.2s:%.2s", op->dattrans, op->dattrans + 2,
                            op->dattrans + 4, op->heurtrans, op->heurtrans + 2);

  self->shown_id = op->id;
  gtk_label_set_text (self->detail_title, title);
  clear_list (self->detail_list);
  add_detail (self, _("Family"), family);
  add_detail (self, _("Amount"), amount);
  add_detail (self, _("State"), gf_payfip_operation_state_label (op->state));
  add_detail (self, _("PayFiP reference (refdet)"), op->refdet);
  add_detail (self, _("Operation id (idOp)"), op->idop);
  add_detail (self, _("Invoices"), op->invoices);
  add_detail (self, _("E-mail"), op->email);
  add_detail (self, _("Entry mode (saisie)"), op->saisie);
  add_detail (self, _("Result (resultrans)"), op->resultrans);
  add_detail (self, _("Authorisation number (numauto)"), op->numauto);
  add_detail (self, _("Transaction date (dattrans, heurtrans)"), when);
  add_detail (self, _("Last error"), op->last_error);
  add_detail (self, _("Created"), created);
  add_detail (self, _("Updated"), updated);
  add_detail (self, _("Settled"), settled);
  add_detail (self, _("Invoices locked until"), lock);
  add_detail (self, _("Failed checks"), checks);
  add_detail (self, _("Recorded payment"), payment);
  gtk_stack_set_visible_child_name (self->stack, "detail");
}

/* Runs in a worker thread (gf_session_read_async); @state NULL: every state. */
static gpointer
list_operations (GfDb     *db,
                 gpointer  state,
                 GError  **error)
{
  return gf_payfip_operation_list (db, state, LIST_LIMIT, error);
}

static void
show_rows (GfPayfipOperationsView *self)
{
  g_autofree char *count = NULL;

  clear_list (self->list);
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u operation", "%u operations", self->rows->len),
                           self->rows->len);
  gtk_label_set_text (self->count_label, count);

  for (guint i = 0; i < self->rows->len; i++)
    {
      const GfPayfipOperationRow *op = g_ptr_array_index (self->rows, i);
      g_autofree char *amount = gf_money_format (op->amount_cents);
      g_autofree char *created = gf_timestamp_format_fr (op->created_at);
      g_autofree char *title = g_strdup_printf ("%s — %s", op->family_name, amount);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s · %s · idOp %s · %s", created,
                                                   gf_payfip_operation_state_label (op->state),
                                                   op->refdet, op->idop != NULL ? op->idop : "—",
                                                   op->invoices);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *state_label = gtk_label_new (gf_payfip_operation_state_label (op->state));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      gtk_widget_add_css_class (state_label, g_str_equal (op->state, "paid") ? "success"
                                : g_str_equal (op->state, "pending") || g_str_equal (op->state, "created") ? "accent"
                                : "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), state_label);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "index", GUINT_TO_POINTER (i));
      gtk_list_box_append (self->list, row);
      if (op->id == self->shown_id &&
          g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "detail") == 0)
        show_detail (self, op);
    }
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GfPayfipOperationsView) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = gf_session_read_finish (GF_SESSION (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_stop (self->spinner);
  if (rows == NULL)
    {
      clear_list (self->list);
      g_clear_pointer (&self->rows, g_ptr_array_unref);
      gtk_label_set_text (self->count_label, error->message);
      return;
    }
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows = rows;
  show_rows (self);
}

static void
reload_cb (GfPayfipOperationsView *self)
{
  guint selected = gtk_drop_down_get_selected (self->state_filter);
  const char *state = selected < G_N_ELEMENTS (states) ? states[selected] : NULL;

  if (self->session == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  gtk_spinner_start (self->spinner);
  gf_session_read_async (self->session, list_operations, g_strdup (state), g_free,
                         (GDestroyNotify) g_ptr_array_unref, self->cancellable,
                         load_cb, g_object_ref (self));
}

static void
row_activated_cb (GfPayfipOperationsView *self,
                  GtkListBoxRow          *row)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "index"));

  if (self->rows != NULL && index < self->rows->len)
    show_detail (self, g_ptr_array_index (self->rows, index));
}

static void
back_cb (GfPayfipOperationsView *self)
{
  self->shown_id = 0;
  gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
gf_payfip_operations_view_dispose (GObject *object)
{
  GfPayfipOperationsView *self = GF_PAYFIP_OPERATIONS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* A bound template child may be the bin's own child: let go of it first, or the
   * bin unparents it again after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), GF_TYPE_PAYFIP_OPERATIONS_VIEW);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (gf_payfip_operations_view_parent_class)->dispose (object);
}

static void
gf_payfip_operations_view_class_init (GfPayfipOperationsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_payfip_operations_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/guichetfamilles/Guichet/gf-payfip-operations-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GfPayfipOperationsView, stack);
  gtk_widget_class_bind_template_child (widget_class, GfPayfipOperationsView, state_filter);
  gtk_widget_class_bind_template_child (widget_class, GfPayfipOperationsView, count_label);
  gtk_widget_class_bind_template_child (widget_class, GfPayfipOperationsView, spinner);
  gtk_widget_class_bind_template_child (widget_class, GfPayfipOperationsView, list);
  gtk_widget_class_bind_template_child (widget_class, GfPayfipOperationsView, detail_title);
  gtk_widget_class_bind_template_child (widget_class, GfPayfipOperationsView, detail_list);
  gtk_widget_class_bind_template_callback (widget_class, reload_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_cb);
}

static void
gf_payfip_operations_view_init (GfPayfipOperationsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
gf_payfip_operations_view_new (GfSession *session)
{
  GfPayfipOperationsView *self;

  g_return_val_if_fail (GF_IS_SESSION (session), NULL);

  self = g_object_new (GF_TYPE_PAYFIP_OPERATIONS_VIEW, NULL);
  self->session = g_object_ref (session);
  g_signal_connect_object (session, "changed", G_CALLBACK (reload_cb), self, G_CONNECT_SWAPPED);
  reload_cb (self);
  return GTK_WIDGET (self);
}
